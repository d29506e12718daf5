// Tier 3: the built UI in Debian's Chromium, under the app's own CSP, with the IPC faked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Server } from 'node:http';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { launch, mockIpc, serveDist } from './harness';

const artifacts = path.resolve(__dirname, '..', '..', 'test-artifacts', 'ui');

const summary = (id: string, headline: string, status: string, body_text: string) => ({
  id,
  kind: 'article',
  headline,
  status,
  tags: [],
  created_at: '2025-07-28T09:00:00Z',
  updated_at: '2025-07-28T09:30:00Z',
  trashed_at: null,
  version: 3,
  chars: body_text.length,
  body_text,
});

const articles = [
  summary('0190c0de-0000-7000-8000-000000000001', '골목 책방의 마지막 겨울', 'ready', '오래된 책방이 문을 닫는다는 소식에 단골들이 모였다.'),
  summary('0190c0de-0000-7000-8000-000000000002', 'Tide tables and town budgets', 'draft', 'The council met after the spring tide had passed.'),
];

const full = {
  [articles[0].id]: {
    ...articles[0],
    deck: '삼십 년 된 서점, 동네가 기억하는 방식',
    byline: { name: '한지우', email: 'jiwoo@newsroom.example' },
    summary: '',
    section: '사회',
    language: 'ko',
    published_at: null,
    body: {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: '오래된 책방이 문을 닫는다는 소식에 단골들이 모였다.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: '<script>alert(1)</script>', marks: [{ type: 'bold' }] }] },
      ],
    },
    counts: { chars: 29, chars_no_spaces: 23, words: 6, manuscript_pages: 0.2, reading_minutes: 1 },
  },
};

const info = {
  version: '0.1.0',
  library_path: '/home/reporter/.local/share/org.newsdesk.desktop/library.db',
  schema_version: 1,
  locale: 'ko-KR',
  article_count: 2,
};

describe('the app shell in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  let page: Page;
  const violations: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    ({ server, url } = await serveDist());
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __csp: string[] }).__csp ??= [];
        (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await mockIpc(page, { info, articles, full });
    await page.goto(url);
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('shows three panes, the library file and the articles, in Korean for a Korean locale', async () => {
    await page.getByTestId('library-path').waitFor();
    expect(await page.getByTestId('library-path').textContent()).toBe(info.library_path);
    await expect.poll(() => page.getByTestId('library-item').count()).toBe(2);
    expect(await page.locator('[data-testid="library-pane"] h2').textContent()).toBe('보관함');
    expect(await page.getByTestId('editor-empty').textContent()).toContain('열린 기사가 없습니다');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
  });

  it('opens an article: text escaped, details and counts shown', async () => {
    await page.getByTestId('library-item').filter({ hasText: '골목 책방' }).click();
    await expect.poll(() => page.getByTestId('headline').inputValue()).toBe('골목 책방의 마지막 겨울');
    expect(await page.getByTestId('deck').inputValue()).toBe('삼십 년 된 서점, 동네가 기억하는 방식');
    const body = page.getByTestId('editor');
    expect(await body.textContent()).toContain('<script>alert(1)</script>');
    expect(await body.locator('script').count()).toBe(0);
    expect(await body.locator('strong').textContent()).toBe('<script>alert(1)</script>');
    expect(await page.getByTestId('status').inputValue()).toBe('ready');
    expect(await page.getByTestId('counts').textContent()).toContain('원고지');
    // The summary meter counts against the outlet's limit from the settings.
    expect(await page.getByTestId('summary-meter').textContent()).toContain('0/120자 · 0/2문장');
    await page.screenshot({ path: path.join(artifacts, 'shell-article.png') });
  });

  it('searches as you type and marks the hit', async () => {
    await page.getByTestId('search').fill('단골');
    await expect.poll(() => page.getByTestId('library-item').count()).toBe(1);
    expect(await page.getByTestId('library-item').locator('mark').textContent()).toBe('단골');
    await page.getByTestId('search').fill('없는말');
    await expect.poll(() => page.getByTestId('library-item').count()).toBe(0);
    await page.getByTestId('search').fill('');
    await expect.poll(() => page.getByTestId('library-item').count()).toBe(2);
  });

  it('switches to English and remembers the choice after a reload', async () => {
    await page.getByTestId('lang-en').click();
    expect(await page.locator('[data-testid="library-pane"] h2').textContent()).toBe('Library');
    expect(await page.getByTestId('lang-en').getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page.getByTestId('library-path').waitFor();
    await expect.poll(() => page.locator('[data-testid="library-pane"] h2').textContent()).toBe('Library');
    await page.screenshot({ path: path.join(artifacts, 'shell-english.png') });
  });

  it('follows a dark system theme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(23, 23, 26)');
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(247, 246, 242)');
  });

  it('primary buttons in dialogs have readable labels in light and dark (settings, paste an edition)', async () => {
    // The contrast of a button's text on its own background, by the WCAG formula.
    const contrast = (testid: string) =>
      page.getByTestId(testid).evaluate((el) => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = (c: string) => {
          const [r, g, b] = rgb(c).map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b;
        };
        const style = getComputedStyle(el);
        const [a, b] = [lum(style.color), lum(style.backgroundColor)].sort((x, y) => y - x);
        return { ratio: (a + 0.05) / (b + 0.05), text: el.textContent?.trim() ?? '' };
      });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.getByTestId('open-settings').click();
      const save = await contrast('settings-save');
      expect(['설정 저장', 'Save settings']).toContain(save.text);
      expect(save.ratio, `settings save, ${scheme}`).toBeGreaterThanOrEqual(4.5);
      await page.keyboard.press('Escape');
      await page.getByTestId('tab-roundups').click();
      await page.getByTestId('paste-edition-open').click();
      await page.getByTestId('paste-edition-text').fill('리드 문단이다.\n■ 꼭지\n요약이다.\nDESK desk@outlet.example');
      const make = await contrast('paste-edition-import');
      expect(['주말판 만들기', 'Make the roundup']).toContain(make.text);
      expect(make.ratio, `make the edition, ${scheme}`).toBeGreaterThanOrEqual(4.5);
      await page.keyboard.press('Escape');
      await page.getByTestId('tab-articles').click();
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('the settings turn a style rule off, change a severity, and refuse a broken style book with its line', async () => {
    await page.getByTestId('open-settings').click();
    const off = page.locator('[data-testid="style-rule-enabled"][data-rule="ko.hayeotda"]');
    await off.waitFor();
    await off.uncheck();
    await page.locator('[data-testid="style-rule-severity"][data-rule="ko.unit_space"]').selectOption('error');
    const calls = () =>
      page.evaluate(() =>
        (window as unknown as { __ipcCalls: { cmd: string; args: { request: unknown } }[] }).__ipcCalls.filter((c) => c.cmd === 'set_style_rule').map((c) => c.args.request),
      );
    await expect.poll(calls).toEqual([
      { rule: 'ko.hayeotda', enabled: false, severity: 'error' },
      { rule: 'ko.unit_space', enabled: true, severity: 'error' },
    ]);
    await page.getByTestId('style-toml').fill('[[override]]\nrule = "ko.unit_space"\nenabled = maybe\n');
    await page.getByTestId('style-toml-apply').click();
    await expect.poll(() => page.getByTestId('style-book-message').textContent()).toContain('line 3');
    // The outlet decides which checks stop an export, and the headline limit they measure.
    await page.locator('[data-testid="settings-blocking"][data-id="byline"]').check();
    await page.getByTestId('settings-headline-limit').fill('32');
    await page.getByTestId('settings-save').click();
    const saved = () =>
      page.evaluate(() => {
        const c = (window as unknown as { __ipcCalls: { cmd: string; args: { settings: { preflight_blocking: string; headline_max_chars: number } } }[] }).__ipcCalls.filter((x) => x.cmd === 'set_settings');
        return c.length ? c[c.length - 1].args.settings : null;
      });
    await expect.poll(async () => (await saved())?.preflight_blocking.split(' ').includes('byline')).toBe(true);
    expect((await saved())?.headline_max_chars).toBe(32);
    await page.keyboard.press('Escape');
  });

  it('an article set to ready shows the pre-flight checklist, whose item leads to its field', async () => {
    await page.getByTestId('library-item').first().click();
    await page.getByTestId('status').selectOption('ready');
    const sheet = page.getByTestId('preflight');
    await sheet.waitFor();
    expect(await sheet.getByTestId('preflight-item').getAttribute('data-id')).toBe('summary');
    expect(await sheet.getByTestId('preflight-proceed').count(), 'nothing to export here').toBe(0);
    await sheet.getByTestId('preflight-jump').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('summary');
    expect(await page.getByTestId('preflight').count()).toBe(0);
  });

  it('loads under the strict CSP with no violation and no error', async () => {
    const csp = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    expect(csp).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
