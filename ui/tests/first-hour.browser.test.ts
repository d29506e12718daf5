// Tier 3, issue 19 ("a reporter's first hour"): what a reporter meets in the first hour, in
// Chromium with the IPC faked: long headlines, narrow windows, Ctrl+S, the small things.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launch, mockIpc, serveDist } from './harness';
import { library } from './fixtures';

let browser: Browser;
let server: Server;
let url: string;

beforeAll(async () => {
  ({ server, url } = await serveDist());
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh window on the fixture library, Korean unless `lang` says otherwise. */
async function openApp(width = 1280, height = 800, lang: 'ko' | 'en' = 'ko', fixture: unknown = library()): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.addInitScript((l) => localStorage.setItem('newsdesk.lang', l), lang);
  await mockIpc(page, fixture);
  await page.goto(url);
  await page.getByTestId('library-path').waitFor();
  return page;
}

async function openArticle(page: Page, text: string) {
  await page.getByTestId('library-item').filter({ hasText: text }).click();
  await page.getByTestId('headline').waitFor();
}

const calls = (page: Page, cmd: string) =>
  page.evaluate((c) => (window as unknown as { __ipcCalls: { cmd: string }[] }).__ipcCalls.filter((x) => x.cmd === c).length, cmd);

describe('Ctrl+S always saves or says why not', () => {
  it('right after a status change, Ctrl+S says the article is already saved', async () => {
    const page = await openApp();
    await openArticle(page, 'Tide tables');
    await page.getByTestId('status').selectOption('editing');
    await expect.poll(() => calls(page, 'set_status')).toBe(1);
    const badge = page.getByTestId('save-state');
    await expect.poll(() => badge.getAttribute('data-state')).toBe('saved');
    const before = await badge.textContent();
    await page.keyboard.press('Control+s');
    await expect.poll(() => badge.getAttribute('data-note')).toBe('unchanged');
    const after = await badge.textContent();
    expect(after).not.toBe(before);
    expect(after).toContain('이미 저장됨');
    // A second Ctrl+S shows again (the badge is drawn anew), and a change then saves a revision.
    await page.keyboard.press('Control+s');
    await expect.poll(() => calls(page, 'save_article')).toBe(2);
    await page.getByTestId('headline').fill('Tide tables and the harbour budget');
    await page.keyboard.press('Control+s');
    await expect.poll(() => badge.getAttribute('data-note')).toBe('revision');
    expect(await badge.textContent()).toContain('판을 저장했습니다');
    await page.close();
  });

  it('with the Korean layout in Hangul mode (Ctrl+ㄴ), Ctrl+S still saves', async () => {
    const page = await openApp();
    await openArticle(page, 'Tide tables');
    await page.getByTestId('headline').focus();
    await page.evaluate(() =>
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ㄴ', code: 'KeyS', ctrlKey: true, bubbles: true, cancelable: true })),
    );
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-note')).toBe('unchanged');
    await page.close();
  });

  it('with nothing open, Ctrl+S says there is nothing to save, in the interface language', async () => {
    const page = await openApp();
    await page.keyboard.press('Control+s');
    await expect.poll(() => page.getByTestId('notice').textContent()).toBe('저장할 기사나 주말판이 열려 있지 않습니다');
    await page.getByTestId('lang-en').click();
    expect(await page.getByTestId('notice').textContent()).toBe('Nothing is open to save');
    await page.close();
  });
});
