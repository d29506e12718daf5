// Tier 3: the content-security review as tests. The CSP in tauri.conf.json allows nothing
// remote and nothing inline or evaluated; the built UI asks for no remote resource while
// a reporter goes through its screens (every request the page makes is recorded).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { launch, mockIpc, serveDist } from './harness';

const root = path.resolve(__dirname, '..', '..');
const info = { version: '0.1.0', library_path: '/tmp/sec.db', schema_version: 2, locale: 'en-US', article_count: 0 };

/** Sources a directive may name: the app itself, embedded data, the IPC and preview schemes. */
const LOCAL = new Set(["'self'", "'none'", 'data:', 'blob:', 'ipc:', 'http://ipc.localhost', 'preview:', 'http://preview.localhost']);

describe('the content-security policy', () => {
  const csp = JSON.parse(readFileSync(path.join(root, 'tauri.conf.json'), 'utf8')).app.security.csp as Record<string, string>;

  it('defaults to the app itself and allows no inline or evaluated code', () => {
    expect(csp['default-src']).toBe("'self'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['style-src']).toBe("'self'");
    expect(csp['object-src']).toBe("'none'");
    for (const [directive, value] of Object.entries(csp)) {
      expect(value, directive).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe/);
    }
  });

  it('names no remote host anywhere', () => {
    for (const [directive, value] of Object.entries(csp)) {
      for (const source of value.split(/\s+/)) expect(LOCAL.has(source), `${directive}: ${source}`).toBe(true);
    }
  });

  it('the built page and its styles point at nothing remote', () => {
    const dist = path.join(root, 'ui', 'dist');
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:)?\/\//i);
    const css = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.css'));
    for (const f of css) expect(readFileSync(path.join(dist, 'assets', f), 'utf8'), f).not.toMatch(/url\(\s*["']?(https?:)?\/\//i);
  });
});

describe('the UI in Chromium asks for nothing remote', () => {
  let browser: Browser;
  let server: Server;
  let page: Page;
  let origin: string;
  const requests: string[] = [];

  beforeAll(async () => {
    let url: string;
    ({ server, url } = await serveDist());
    origin = new URL(url).origin;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (r) => requests.push(r.url()));
    await mockIpc(page, { info, articles: [], full: {} });
    await page.goto(url);
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('through the library, the editor, the roundup builder and the settings', async () => {
    await page.getByTestId('library-empty').waitFor();
    await page.getByTestId('new-article').click();
    await page.getByTestId('headline').fill('A headline');
    await page.getByTestId('new-roundup').click();
    await page.getByTestId('roundup-title').fill('An edition');
    await page.keyboard.press('Control+,');
    await page.waitForTimeout(500);
    expect(requests.length).toBeGreaterThan(2);
    // The preview frame loads from the app's own preview scheme; nothing else leaves.
    const remote = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:') && !u.startsWith('preview://localhost/'));
    expect(remote).toEqual([]);
  });
});
