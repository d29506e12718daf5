// Tier 3: drafting in Chromium with the IPC faked: Hangul composed through the input-method
// path (CDP Input.imeSetComposition), autosave after the composition ends, the stored document.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, CDPSession, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch, mockIpc, serveDist } from './harness';
import { articleFixture } from './fixtures';

const artifacts = path.resolve(__dirname, '..', '..', 'test-artifacts', 'ui');
const info = { version: '0.1.0', library_path: '/tmp/editor.db', schema_version: 1, locale: 'ko-KR', article_count: 0 };

type SavedDoc = { type: string; content?: SavedDoc[]; text?: string };

/** Composes `syllables` one jamo step at a time, committing each syllable, as a Korean IME does. */
async function composeHangul(cdp: CDPSession, steps: string[][]): Promise<void> {
  for (const stages of steps) {
    for (const stage of stages) {
      await cdp.send('Input.imeSetComposition', { text: stage, selectionStart: stage.length, selectionEnd: stage.length });
    }
    await cdp.send('Input.insertText', { text: stages[stages.length - 1] });
  }
}

describe('the editor in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  let cdp: CDPSession;

  beforeAll(async () => {
    let url: string;
    ({ server, url } = await serveDist());
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await mockIpc(page, { info, articles: [], full: {} });
    await page.goto(url);
    cdp = await page.context().newCDPSession(page);
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const savedBody = () =>
    page.evaluate(() => {
      const saved = (window as unknown as { __saved: Record<string, { body: unknown }> }).__saved;
      const first = Object.values(saved)[0];
      return first ? (first.body as SavedDoc) : null;
    });

  const saveCalls = () =>
    page.evaluate(() => (window as unknown as { __ipcCalls: { cmd: string }[] }).__ipcCalls.filter((c) => c.cmd === 'save_article').length);

  it('an empty library offers a new article, which opens in the editor', async () => {
    await page.getByTestId('library-empty').waitFor();
    await page.getByTestId('new-article').click();
    await page.getByTestId('editor').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('headline');
  });

  it('composes Hangul at the start of an empty paragraph and saves exactly the composed text', async () => {
    await page.getByTestId('editor').click();
    await composeHangul(cdp, [
      ['ㅎ', '하', '한'],
      ['ㄱ', '구', '국'],
    ]);
    // While a composition is open nothing is saved, however long it stays open.
    const before = await saveCalls();
    await cdp.send('Input.imeSetComposition', { text: 'ㅇ', selectionStart: 1, selectionEnd: 1 });
    await page.waitForTimeout(2500);
    expect(await saveCalls()).toBe(before);
    await cdp.send('Input.imeSetComposition', { text: '어', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: '어' });
    await expect.poll(savedBody, { timeout: 5000 }).toEqual({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: '한국어' }] }],
    });
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state')).toBe('saved');
  });

  it("a press release's table opens in the editor, takes typing in a cell, and is saved in core's form", async () => {
    const cell = (type: string, text: string) => ({
      type,
      attrs: { colspan: 1, rowspan: 1, colwidth: null },
      content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
    });
    const table = {
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('tableHeader', '구분'), cell('tableHeader', '올해')] },
        { type: 'tableRow', content: [cell('tableCell', '쉼터'), cell('tableCell', '20곳')] },
      ],
    };
    const tablePage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '한파 쉼터를 늘린다.' }] }, table] };
    const release = articleFixture(7, '한파 쉼터 스무 곳으로', { body });
    await mockIpc(tablePage, { info: { ...info, article_count: 1 }, articles: [release.row], full: { [release.row.id]: release.full } });
    await tablePage.goto(page.url());
    await tablePage.getByTestId('library-item').filter({ hasText: '한파 쉼터' }).click();
    const th = tablePage.locator('[data-testid="editor"] table th');
    await expect.poll(() => th.count(), { timeout: 5000 }).toBe(2);
    await tablePage.locator('[data-testid="editor"] table td').last().click();
    await tablePage.keyboard.press('End');
    await tablePage.keyboard.type(' 더');
    const saved = () =>
      tablePage.evaluate(() => {
        const s = (window as unknown as { __saved: Record<string, { body: unknown }> }).__saved;
        return Object.values(s)[0]?.body ?? null;
      });
    const want = structuredClone(body);
    (want.content[1] as typeof table).content[1].content[1] = cell('tableCell', '20곳 더');
    // The editor keeps a paragraph after a table at the end, where the caret can go on.
    (want.content as unknown[]).push({ type: 'paragraph' });
    await expect.poll(saved, { timeout: 6000 }).toEqual(want);
    await tablePage.close();
  });

  it('composes Hangul inside a list item', async () => {
    await page.keyboard.press('Enter');
    await page.keyboard.type('- ');
    await composeHangul(cdp, [
      ['ㄱ', '기'],
      ['ㅅ', '사'],
    ]);
    await expect.poll(async () => JSON.stringify(await savedBody()), { timeout: 5000 }).toContain('bulletList');
    const body = await savedBody();
    expect(body?.content?.[1]).toEqual({
      type: 'bulletList',
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '기사' }] }] }],
    });
    await page.screenshot({ path: path.join(artifacts, 'editor-hangul.png') });
  });

  it('composes Hangul right before a link, which keeps its text and address', async () => {
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    // A link typed as a URL becomes a link mark (autolink); then the caret goes before it.
    await page.keyboard.type('https://news.example/a ');
    await expect.poll(() => page.getByTestId('editor').locator('a').count()).toBe(1);
    await page.keyboard.press('Home');
    await composeHangul(cdp, [
      ['ㅂ', '보'],
      ['ㄱ', '기'],
    ]);
    await expect
      .poll(async () => JSON.stringify(await savedBody()), { timeout: 5000 })
      .toContain('"text":"보기"');
    const body = await savedBody();
    type Para = { content?: { text: string; marks?: { type: string; attrs?: { href: string } }[] }[] };
    const para = (body?.content as unknown as Para[]).find((p) => JSON.stringify(p).includes('보기')) as Required<Para>;
    expect(para.content[0]).toEqual({ type: 'text', text: '보기' });
    const link = para.content.find((n) => n.marks?.some((m) => m.type === 'link'));
    expect(link?.text).toBe('https://news.example/a');
    expect(link?.marks?.[0].attrs?.href).toBe('https://news.example/a');
  });

  it('Hangul composed right after an underlined style finding comes out whole: no check or underline lands mid-composition', async () => {
    await page.keyboard.press('Enter');
    await page.keyboard.type('시는 발표하였다');
    const underline = page.getByTestId('editor').locator('.style-finding[data-rule="ko.hayeotda"]');
    await expect.poll(() => underline.count(), { timeout: 5000 }).toBe(1);
    const checks = () => page.evaluate(() => (window as unknown as { __ipcCalls: { cmd: string }[] }).__ipcCalls.filter((c) => c.cmd === 'check_style').length);
    // The caret sits right after the underlined 하였다. Each syllable is held open longer
    // than the check's pause, so a check that ignored the composition would run meanwhile.
    const before = await checks();
    for (const stages of [['ㄱ', '고'], ['ㅎ', '하', '한'], ['ㄷ', '다']]) {
      for (const stage of stages) {
        await cdp.send('Input.imeSetComposition', { text: stage, selectionStart: stage.length, selectionEnd: stage.length });
        await page.waitForTimeout(600);
      }
      expect(await checks(), 'no check while a syllable is being composed').toBe(before);
      await cdp.send('Input.insertText', { text: stages[stages.length - 1] });
    }
    await expect.poll(async () => JSON.stringify(await savedBody()), { timeout: 5000 }).toContain('시는 발표하였다고한다');
    expect(JSON.stringify(await savedBody())).not.toMatch(/[ㄱ-ㅎ]/);
    // Once the composition is over, the check runs again and the underline follows the text.
    await expect.poll(checks, { timeout: 5000 }).toBeGreaterThan(before);
    await expect.poll(() => underline.count(), { timeout: 5000 }).toBe(1);
    expect(await underline.textContent()).toBe('하였다');
  });

  it('a pasted image is stored in the library and keeps its caption', async () => {
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.evaluate(() => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
      const data = new DataTransfer();
      data.items.add(new File([png], '항구 사진.png', { type: 'image/png' }));
      const editor = document.querySelector('[data-testid="editor"]')!;
      editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.getByTestId('image-caption').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __images: number[] }).__images)).toEqual([12]);
    await page.getByTestId('image-caption').fill('새벽 부두의 경매장');
    await page.getByTestId('image-caption').press('Tab');
    await expect
      .poll(async () => JSON.stringify(await savedBody()), { timeout: 5000 })
      .toContain('"caption":"새벽 부두의 경매장"');
    const image = (await savedBody())?.content?.find((b) => b.type === 'image') as unknown as { attrs: Record<string, string> };
    expect(image.attrs).toEqual({ asset: 'ab'.repeat(32), alt: '항구 사진', caption: '새벽 부두의 경매장', credit: '' });
  });

  it('links a selected word through the link field, and refuses javascript: addresses', async () => {
    await page.getByTestId('editor').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('source');
    await page.keyboard.press('Shift+Home');
    await page.getByTestId('link-button').click();
    await page.getByTestId('link-input').fill('javascript:alert(1)');
    await page.getByTestId('link-input').press('Enter');
    expect(await page.getByTestId('link-input').getAttribute('aria-invalid')).toBe('true');
    await page.getByTestId('link-input').fill('https://records.example/2025');
    await page.getByTestId('link-input').press('Enter');
    await expect
      .poll(async () => JSON.stringify(await savedBody()), { timeout: 5000 })
      .toContain('"href":"https://records.example/2025"');
    expect(JSON.stringify(await savedBody())).not.toContain('javascript:');
  });

  it('shows the save state in the reporter’s language', async () => {
    const text = await page.getByTestId('save-state').textContent();
    expect(text).toMatch(/저장/);
  });
});
