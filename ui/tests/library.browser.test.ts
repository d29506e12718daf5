// Tier 3: the library pane with 100,000 articles: only the rows in view exist in the page,
// and scrolling to the end shows the last article.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { launch, mockIpc, serveDist } from './harness';

const TOTAL = 100_000;
const info = { version: '0.1.0', library_path: '/tmp/big.db', schema_version: 1, locale: 'en-US', article_count: TOTAL };

describe('a library of 100,000 articles', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;

  beforeAll(async () => {
    let url: string;
    ({ server, url } = await serveDist());
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const articles = Array.from({ length: TOTAL }, (_, i) => ({
      id: `0190c0de-0000-7000-8000-${String(i).padStart(12, '0')}`,
      kind: 'article',
      headline: `Article number ${i}`,
      status: 'draft',
      tags: [],
      created_at: '2025-07-28T09:00:00Z',
      updated_at: '2025-07-28T09:00:00Z',
      trashed_at: null,
      version: 1,
      chars: 2000,
      body_text: '',
    }));
    await mockIpc(page, { info, articles, full: {} });
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const listCalls = () =>
    page.evaluate(() =>
      (window as unknown as { __ipcCalls: { cmd: string; args: { request: { limit?: number } } }[] }).__ipcCalls
        .filter((c) => c.cmd === 'list_articles')
        .map((c) => c.args.request.limit ?? null),
    );

  it('shows the count and renders only a window of rows, asked for page by page', async () => {
    await page.getByTestId('library-item').first().waitFor();
    expect(await page.locator('.pane-meta').first().textContent()).toContain('100,000');
    const rendered = await page.getByTestId('library-item').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(new Set(await listCalls())).toEqual(new Set([100]));
  });

  it('scrolls to the last article', async () => {
    await page.getByTestId('library-pane').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect
      .poll(() => page.getByTestId('library-item').filter({ hasText: `Article number ${TOTAL - 1}` }).count())
      .toBe(1);
    expect(await page.getByTestId('library-item').count()).toBeLessThan(60);
  });

  it('Alt+Down opens the next article', async () => {
    await page.getByTestId('library-pane').evaluate((el) => (el.scrollTop = 0));
    await page.getByTestId('library-item').filter({ hasText: 'Article number 0' }).first().waitFor();
    const calls = () =>
      page.evaluate(() =>
        (window as unknown as { __ipcCalls: { cmd: string; args: { id?: string } }[] }).__ipcCalls
          .filter((c) => c.cmd === 'get_article')
          .map((c) => c.args.id),
      );
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(calls).toEqual(['0190c0de-0000-7000-8000-000000000000']);
  });
});
