// Tier 3: the roundup builder in Chromium with the IPC faked: briefs from the library and
// standing alone, reordered by drag and drop, the summary meter against the outlet's limit,
// and the preview asked to render exactly what is on screen, in that order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { launch, mockIpc, serveDist } from './harness';

const artifacts = path.resolve(__dirname, '..', '..', 'test-artifacts', 'ui');
const info = { version: '0.1.0', library_path: '/tmp/roundup.db', schema_version: 2, locale: 'ko-KR', article_count: 2 };
const recent = new Date().toISOString();

function article(n: number, headline: string, summary: string) {
  const id = `0190c0de-0000-7000-8000-00000000000${n}`;
  const row = { id, kind: 'article', headline, status: 'ready', tags: [], created_at: recent, updated_at: recent, trashed_at: null, version: 2, chars: 40, body_text: summary };
  const full = {
    ...row, deck: '', byline: { name: '', email: '' }, summary, section: '', language: 'ko', published_at: null,
    body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: summary }] }] },
    counts: { chars: 40, chars_no_spaces: 30, words: 8, manuscript_pages: 0.2, reading_minutes: 1 },
  };
  return { row, full };
}

const a1 = article(1, '강변 산책로 새 단장', '강변 산책로에 조명이 새로 달렸다. 밤 산책객이 크게 늘었다.');
const a2 = article(2, 'Night buses extended', 'Night buses now run until three. The trial lasts six months.');

type Brief = { headline: string; summary: string; article_id: string | null };
type Call = { cmd: string; args: { request: { fields: { items: Brief[] } } } };

describe('the roundup builder in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;

  beforeAll(async () => {
    let url: string;
    ({ server, url } = await serveDist());
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await mockIpc(page, { info, articles: [a1.row, a2.row], full: { [a1.row.id]: a1.full, [a2.row.id]: a2.full } });
    await page.goto(url);
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  const headlines = () => page.getByTestId('brief-headline').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  const lastCall = (cmd: string) =>
    page.evaluate((c) => {
      const calls = (window as unknown as { __ipcCalls: Call[] }).__ipcCalls.filter((x) => x.cmd === c);
      return calls[calls.length - 1]?.args.request.fields.items.map((b) => b.headline) ?? null;
    }, cmd);

  const lastSummary = (i: number) =>
    page.evaluate((n) => {
      const calls = (window as unknown as { __ipcCalls: Call[] }).__ipcCalls.filter((x) => x.cmd === 'save_roundup');
      return calls[calls.length - 1]?.args.request.fields.items[n]?.summary ?? null;
    }, i);

  it('adds two library articles and a standalone brief', async () => {
    await page.getByTestId('new-roundup').click();
    await page.getByTestId('roundup-title').fill('주말 브리핑');
    await page.getByTestId('add-brief').click();
    await expect.poll(() => page.getByTestId('brief-candidate').count()).toBe(2);
    await page.getByTestId('brief-candidate').filter({ hasText: a1.row.headline }).click();
    await page.getByTestId('brief-candidate').filter({ hasText: a2.row.headline }).click();
    // An article already in the edition cannot be added twice.
    await expect.poll(() => page.getByTestId('brief-candidate').filter({ hasText: a1.row.headline }).isDisabled()).toBe(true);
    await page.getByTestId('picker-close').click();
    await page.getByTestId('add-standalone').click();
    await page.getByTestId('brief-headline').nth(2).fill('단신: 주말 장터');
    await page.getByTestId('brief-summary').nth(2).fill('토요일 장터가 열린다.');
    expect(await headlines()).toEqual([a1.row.headline, a2.row.headline, '단신: 주말 장터']);
    expect(await page.getByTestId('brief-summary').nth(1).inputValue()).toBe(a2.full.summary);
  });

  it('reorders by drag and drop, and the save and the preview follow', async () => {
    await page.getByTestId('brief-handle').nth(2).dragTo(page.getByTestId('roundup-item').nth(0));
    const order = ['단신: 주말 장터', a1.row.headline, a2.row.headline];
    await expect.poll(headlines).toEqual(order);
    await expect.poll(() => lastCall('preview_roundup'), { timeout: 5000 }).toEqual(order);
    await expect.poll(() => lastCall('save_roundup'), { timeout: 8000 }).toEqual(order);
    await page.screenshot({ path: path.join(artifacts, 'roundup-builder.png') });
  });

  it('measures each summary against the outlet limit (2 sentences, 120 characters here)', async () => {
    const meter = page.getByTestId('brief-meter').nth(0);
    await expect.poll(() => meter.getAttribute('class')).not.toContain('over');
    await page.getByTestId('brief-summary').nth(0).fill('하나. 둘. 셋.');
    await expect.poll(() => meter.getAttribute('class')).toContain('over');
    expect(await meter.textContent()).toContain('3');
  });

  it('the preview frame is sandboxed and loads from the preview scheme', async () => {
    const frame = page.getByTestId('roundup-preview');
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect.poll(() => frame.getAttribute('src')).toMatch(/^preview:\/\/localhost\/0190c0de-[0-9a-f-]+\/html\/\d+$/);
  });

  it('Hangul composed in a brief is saved whole, never in the middle of a syllable', async () => {
    const cdp = await page.context().newCDPSession(page);
    const box = page.getByTestId('brief-summary').nth(2);
    await box.fill('');
    await box.focus();
    const saves = () => page.evaluate(() => (window as unknown as { __ipcCalls: Call[] }).__ipcCalls.filter((c) => c.cmd === 'save_roundup').length);
    await expect.poll(() => page.getByTestId('save-state').getAttribute('data-state'), { timeout: 8000 }).toBe('saved');
    const before = await saves();
    for (const stage of ['ㅎ', '하', '한']) {
      await cdp.send('Input.imeSetComposition', { text: stage, selectionStart: stage.length, selectionEnd: stage.length });
    }
    // The composition stays open longer than the autosave delay: nothing is saved meanwhile.
    await page.waitForTimeout(2500);
    expect(await saves()).toBe(before);
    await cdp.send('Input.insertText', { text: '한' });
    await expect.poll(() => lastSummary(2), { timeout: 8000 }).toBe('한');
  });

  it('asks before trashing an article the edition uses, and trashes only when told', async () => {
    await page.getByTestId('tab-articles').click();
    await page.getByTestId('library-item').filter({ hasText: a1.row.headline }).click();
    await page.getByTestId('trash').click();
    const ask = page.getByTestId('trash-used');
    await expect.poll(() => ask.textContent()).toContain('주말 브리핑');
    const trashed = () => page.evaluate(() => (window as unknown as { __trashed: string[] }).__trashed);
    await page.getByTestId('trash-cancel').click();
    expect(await trashed()).toEqual([]);
    await page.getByTestId('trash').click();
    await page.getByTestId('trash-confirm').click();
    await expect.poll(trashed).toEqual([a1.row.id]);
  });
  it('"Paste an edition…" sends what the clipboard held as HTML, and the text once it is edited', async () => {
    // The edition of core's outlet-form test, copied from a web page: one <p> per line.
    const edition = readFileSync(path.resolve(__dirname, '../../src-tauri/core/tests/fixtures/edition/outlet-form.txt'), 'utf8');
    const html = edition.trimEnd().split('\n').map((l) => `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('');
    const sent = () =>
      page.evaluate(() => {
        const calls = (window as unknown as { __ipcCalls: { cmd: string; args: { text: string; html: boolean } }[] }).__ipcCalls;
        return calls.filter((c) => c.cmd === 'import_roundup_text').map((c) => c.args);
      });
    const paste = async () => {
      await page.getByTestId('paste-edition-open').click();
      const box = page.getByTestId('paste-edition-text');
      await box.fill(edition);
      // What a real paste delivers: the plain text into the box, the HTML beside it.
      await box.evaluate((el, h) => {
        const data = new DataTransfer();
        data.setData('text/plain', (el as HTMLTextAreaElement).value);
        data.setData('text/html', h);
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
      }, html);
      await expect.poll(() => page.getByTestId('paste-edition-html').count()).toBe(1);
    };
    await page.getByTestId('tab-roundups').click();
    await paste();
    await page.getByTestId('paste-edition-import').click();
    await expect.poll(async () => (await sent()).length).toBe(1);
    expect((await sent())[0]).toEqual({ text: html, html: true });

    // Edited after the paste, the box's own text is what counts.
    await paste();
    await page.getByTestId('paste-edition-text').fill(`${edition}추가한 줄\n`);
    await expect.poll(() => page.getByTestId('paste-edition-html').count()).toBe(0);
    await page.getByTestId('paste-edition-import').click();
    await expect.poll(async () => (await sent()).length).toBe(2);
    expect((await sent())[1]).toEqual({ text: `${edition}추가한 줄\n`, html: false });
  });
});
