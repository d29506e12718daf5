// Tier 3: find and replace inside the open article (Ctrl+F with the body in focus), in
// Chromium with the IPC faked: matches marked, next/previous, match case, replace, replace
// all as one undo step, a Hangul query composed through the IME; Ctrl+F elsewhere is still
// the library's search.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launch, mockIpc, serveDist } from './harness';
import { articleFixture, info } from './fixtures';

const body = (texts: string[]) => ({ type: 'doc', content: texts.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) });
const ko = articleFixture(1, '부두 상인회 공청회', {
  body: {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: '부두 상인들이 시청 앞에 모였다. ' }, { type: 'text', text: '상인', marks: [{ type: 'bold' }] }, { type: 'text', text: '회장은 공청회를 다시 열어 달라고 했다.' }] },
      { type: 'paragraph', content: [{ type: 'text', text: '시는 상인들의 요구를 검토하겠다고 밝혔다.' }] },
    ],
  },
});
const en = articleFixture(2, 'Tide tables', { language: 'en', body: body(['The Tide turned; the tide tables said TIDE at six.']) });

describe('find and replace in the article', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  let cdp: CDPSession;

  beforeAll(async () => {
    let url: string;
    ({ server, url } = await serveDist());
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await mockIpc(page, { info, articles: [ko.row, en.row], full: { [ko.row.id]: ko.full, [en.row.id]: en.full } });
    await page.goto(url);
    cdp = await page.context().newCDPSession(page);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const open = async (text: string) => {
    await page.getByTestId('library-item').filter({ hasText: text }).click();
    await page.getByTestId('editor').waitFor();
    await page.getByTestId('editor').click();
  };
  const marks = () => page.getByTestId('editor').locator('.find-match').count();
  const current = () => page.getByTestId('editor').locator('.find-match.current').textContent();
  const bodyText = () => page.getByTestId('editor').textContent();

  it('Ctrl+F in the body opens the find bar; a Hangul query composed through the IME marks every match, across bold', async () => {
    await open('부두 상인회');
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('find-input');
    for (const [stages, done] of [[['ㅅ', '사', '상'], '상'], [['ㅇ', '이', '인'], '인']] as const) {
      for (const s of stages) await cdp.send('Input.imeSetComposition', { text: s, selectionStart: 1, selectionEnd: 1 });
      await cdp.send('Input.insertText', { text: done });
    }
    expect(await page.getByTestId('find-input').inputValue()).toBe('상인');
    await expect.poll(marks).toBe(3);
    expect(await page.getByTestId('find-count').textContent()).toBe('3곳 중 1번째');
    // The second match is the bold one: a match is found whatever the marks.
    await page.getByTestId('find-input').press('Enter');
    expect(await page.getByTestId('find-count').textContent()).toBe('3곳 중 2번째');
    expect(await current()).toBe('상인');
    await page.getByTestId('find-input').press('Shift+Enter');
    await page.getByTestId('find-input').press('Shift+Enter');
    expect(await page.getByTestId('find-count').textContent()).toBe('3곳 중 3번째');
  });

  it('replaces one match, then all the others as one undo step', async () => {
    await page.getByTestId('replace-input').fill('주민');
    await page.getByTestId('replace-one').click();
    await expect.poll(bodyText).toContain('시는 주민들의 요구를');
    expect(await marks()).toBe(2);
    await page.getByTestId('replace-all').click();
    await expect.poll(bodyText).toContain('부두 주민들이 시청 앞에 모였다. 주민회장은');
    expect(await page.getByTestId('find-replaced').textContent()).toContain('2곳을 바꿨습니다');
    expect(await marks()).toBe(0);
    expect(await page.getByTestId('find-count').textContent()).toBe('찾는 말이 없습니다');
    // The bold part stays bold.
    expect(await page.getByTestId('editor').locator('strong').textContent()).toBe('주민');
    // One undo takes back the whole "replace all", a second the single replacement.
    await page.getByTestId('editor').click();
    await page.keyboard.press('Control+z');
    await expect.poll(bodyText).toContain('부두 상인들이 시청 앞에 모였다. 상인회장은');
    expect(await bodyText()).toContain('시는 주민들의 요구를');
    await page.keyboard.press('Control+z');
    await expect.poll(bodyText).toContain('시는 상인들의 요구를');
    // And the stored article follows.
    await expect
      .poll(() => page.evaluate(() => JSON.stringify(Object.values((window as unknown as { __saved: Record<string, unknown> }).__saved)[0] ?? null)), { timeout: 5000 })
      .toContain('시는 상인들의 요구를');
  });

  it('Escape closes the bar, clears the marks and gives the caret back to the body', async () => {
    await page.getByTestId('find-input').focus();
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('find-bar').count()).toBe(0);
    expect(await marks()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('editor');
  });

  it('match case, and the selected words as the query', async () => {
    await open('Tide tables');
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Control+f');
    await page.getByTestId('find-input').fill('tide');
    await expect.poll(marks).toBe(3);
    await page.getByTestId('find-case').check();
    await expect.poll(marks).toBe(1);
    await page.getByTestId('find-case').uncheck();
    await expect.poll(marks).toBe(3);
    await page.getByTestId('find-close').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('editor');
  });

  it('Ctrl+F outside the body is still the library search', async () => {
    await page.getByTestId('headline').focus();
    await page.keyboard.press('Control+f');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search');
    expect(await page.getByTestId('find-bar').count()).toBe(0);
  });

  it('the shortcuts sheet lists find in the article', async () => {
    await page.keyboard.press('Control+/');
    expect(await page.getByTestId('shortcuts').textContent()).toContain('기사 본문에서 찾아 바꾸기');
    await page.keyboard.press('Escape');
  });
});
