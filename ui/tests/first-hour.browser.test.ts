// Tier 3, issue 19 ("a reporter's first hour"): what a reporter meets in the first hour, in
// Chromium with the IPC faked: long headlines, narrow windows, Ctrl+S, the small things.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mockIpc, useBrowser } from './harness';
import { library } from './fixtures';

const env = useBrowser();

/** A fresh window on the fixture library, Korean unless `lang` says otherwise. */
async function openApp(width = 1280, height = 800, lang: 'ko' | 'en' = 'ko', fixture: unknown = library()): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width, height } });
  await page.addInitScript((l) => localStorage.setItem('newsdesk.lang', l), lang);
  await mockIpc(page, fixture);
  await page.goto(env.url);
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

/** As the app's webview on Linux (WebKitGTK) draws text fields: without CSS field-sizing. */
const withoutFieldSizing = (page: Page) =>
  page.evaluate(() => {
    const sheet = [...document.styleSheets].find((s) => s.href?.includes('.css')) ?? document.styleSheets[0];
    sheet.insertRule('textarea { field-sizing: fixed !important; }', sheet.cssRules.length);
  });

/** The field's box and whether its whole text is shown (nothing scrolled away or cut). */
const fieldFit = (page: Page, testid: string) =>
  page.getByTestId(testid).evaluate((el) => {
    const t = el as HTMLTextAreaElement;
    const r = t.getBoundingClientRect();
    const pane = t.closest('.pane')!.getBoundingClientRect();
    return {
      whole: t.scrollHeight <= t.clientHeight + 1 && t.scrollWidth <= t.clientWidth + 1,
      lines: Math.round(t.clientHeight / parseFloat(getComputedStyle(t).lineHeight)),
      inside: r.left >= pane.left - 1 && r.right <= pane.right + 1,
      width: Math.round(r.width),
    };
  });

describe('a long headline can be read', () => {
  it('headline and deck wrap and grow with their text at 900×700, in focus mode too', async () => {
    const page = await openApp(900, 700);
    await withoutFieldSizing(page);
    await openArticle(page, '시의회가');
    for (const id of ['headline', 'deck']) {
      const fit = await fieldFit(page, id);
      expect(fit.whole, `${id} shows all its text`).toBe(true);
      expect(fit.lines, `${id} wraps`).toBeGreaterThan(1);
      expect(fit.inside, `${id} stays inside its pane`).toBe(true);
    }
    await page.getByTestId('focus-mode').click();
    const focused = await fieldFit(page, 'headline');
    expect(focused.whole).toBe(true);
    expect(focused.lines).toBeGreaterThan(1);
    // The field follows what is typed: a shorter headline is a shorter field.
    await page.getByTestId('headline').fill('짧은 제목');
    await expect.poll(async () => (await fieldFit(page, 'headline')).lines).toBe(1);
    await page.close();
  });

  it('Enter adds no line, a pasted text comes in as one line, and undo takes typing back', async () => {
    const page = await openApp();
    await withoutFieldSizing(page);
    await openArticle(page, 'Tide tables');
    const headline = page.getByTestId('headline');
    await headline.click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(' now');
    expect(await headline.inputValue()).toBe('Tide tables and town budgets now');
    await page.keyboard.press('Control+z');
    await expect.poll(() => headline.inputValue()).toBe('Tide tables and town budgets');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ' at the\nspring\r\ntide');
      document.querySelector('[data-testid="headline"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    expect(await headline.inputValue()).toBe('Tide tables and town budgets at the spring tide');
    await expect
      .poll(() => page.evaluate(() => Object.values((window as unknown as { __saved: Record<string, { headline: string }> }).__saved)[0]?.headline), { timeout: 5000 })
      .toBe('Tide tables and town budgets at the spring tide');
    await page.close();
  });

  it('Hangul composed in the headline is saved whole, never in the middle of a syllable', async () => {
    const page = await openApp();
    await openArticle(page, 'Tide tables');
    const cdp = await page.context().newCDPSession(page);
    await page.getByTestId('headline').fill('');
    await page.getByTestId('headline').focus();
    const saves = () => calls(page, 'save_article');
    await expect.poll(saves, { timeout: 5000 }).toBe(1);
    for (const stage of ['ㅂ', '부']) await cdp.send('Input.imeSetComposition', { text: stage, selectionStart: 1, selectionEnd: 1 });
    await page.waitForTimeout(2500);
    expect(await saves(), 'no save while the syllable is open').toBe(1);
    await cdp.send('Input.insertText', { text: '부' });
    for (const stage of ['ㄷ', '두']) await cdp.send('Input.imeSetComposition', { text: stage, selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: '두' });
    await expect
      .poll(() => page.evaluate(() => Object.values((window as unknown as { __saved: Record<string, { headline: string }> }).__saved)[0]?.headline), { timeout: 5000 })
      .toBe('부두');
    await page.close();
  });
});

/** The element's box, and whether it is on screen and not under something else. */
const onScreen = (page: Page, testid: string) =>
  page.getByTestId(testid).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1);
    const y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    return {
      inside: r.left >= -0.5 && r.top >= -0.5 && r.right <= innerWidth + 0.5 && r.bottom <= innerHeight + 0.5,
      uncovered: !!top && (el === top || el.contains(top) || top.contains(el)),
      width: Math.round(r.width),
      visible: getComputedStyle(el).visibility !== 'hidden' && r.width > 0,
    };
  });

describe('a narrow window keeps the layout', () => {
  it('at 900×700 the article column stays wide, the save state stays in view, the details come in its place', async () => {
    const page = await openApp(900, 700);
    await openArticle(page, '시의회가');
    const editor = await onScreen(page, 'editor-pane');
    expect(editor.width, 'article column').toBeGreaterThanOrEqual(560);
    expect(await onScreen(page, 'save-state')).toMatchObject({ inside: true, uncovered: true });
    expect((await onScreen(page, 'inspector-pane')).visible).toBe(false);
    await page.getByTestId('details-toggle').click();
    expect(await onScreen(page, 'status')).toMatchObject({ inside: true, uncovered: true, visible: true });
    expect((await onScreen(page, 'library-pane')).visible).toBe(false);
    expect(await onScreen(page, 'save-state')).toMatchObject({ inside: true, uncovered: true });
    await page.getByTestId('details-toggle').click();
    expect((await onScreen(page, 'library-pane')).visible).toBe(true);
    // The pre-flight's way to the summary shows the details first.
    await page.keyboard.press('Control+e');
    await page.getByTestId('preflight').waitFor();
    await page.getByTestId('preflight-jump').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('summary');
    expect(await onScreen(page, 'summary')).toMatchObject({ inside: true, visible: true });
    await page.close();
  });

  it('at 900×700 the roundup preview is inside the window and scrolls into view', async () => {
    const page = await openApp(900, 700);
    await page.getByTestId('tab-roundups').click();
    await page.getByTestId('library-item').first().click();
    await page.getByTestId('roundup-title').waitFor();
    const preview = page.getByTestId('roundup-preview');
    const box = () => preview.evaluate((el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; });
    expect((await box()).right).toBeLessThanOrEqual(900);
    await preview.scrollIntoViewIfNeeded();
    const b = await box();
    expect(b.left).toBeGreaterThanOrEqual(0);
    expect(b.top).toBeGreaterThanOrEqual(0);
    expect(b.bottom).toBeLessThanOrEqual(700);
    expect(await onScreen(page, 'export')).toMatchObject({ inside: true });
    await page.close();
  });
});

/** Filter selects whose longest choice does not fit (text, with the select's paddings and arrow). */
const clippedSelects = (page: Page) =>
  page.locator('[data-testid="library-pane"] .filters select').evaluateAll((els) =>
    els.flatMap((el) => {
      const sel = el as HTMLSelectElement;
      const cs = getComputedStyle(sel);
      const room = sel.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 18;
      return [...sel.options].flatMap((o) => {
        const span = document.createElement('span');
        span.style.font = cs.font;
        span.style.whiteSpace = 'pre';
        span.style.position = 'absolute';
        span.textContent = o.text;
        document.body.append(span);
        const w = span.getBoundingClientRect().width;
        span.remove();
        return w > room ? [`${o.text} (${Math.round(w)} > ${Math.round(room)})`] : [];
      });
    }),
  );

describe('the smaller things', () => {
  it('the library filters show their whole choices, in both languages, wide and narrow', async () => {
    for (const [w, h] of [[900, 700], [1280, 800]] as const) {
      for (const lang of ['ko', 'en'] as const) {
        const page = await openApp(w, h, lang);
        expect(await clippedSelects(page), `${lang} at ${w}`).toEqual([]);
        await page.close();
      }
    }
  });

  it('list rows and revisions give the length with its unit, in the interface language', async () => {
    const page = await openApp();
    const meta = page.getByTestId('library-item').first().locator('.row-meta');
    expect(await meta.textContent()).toContain('· 412자');
    await page.getByTestId('lang-en').click();
    expect(await meta.textContent()).toContain('· 412 chars');
    await page.close();
  });

  it('names are not spell-checked (byline, tags, section, sign-off); the body still is', async () => {
    const page = await openApp();
    await openArticle(page, '시의회가');
    for (const id of ['byline-name', 'tags']) expect(await page.getByTestId(id).getAttribute('spellcheck'), id).toBe('false');
    expect(await page.getByTestId('editor').getAttribute('spellcheck')).toBe('true');
    await page.getByTestId('tab-roundups').click();
    await page.getByTestId('library-item').first().click();
    for (const id of ['signoff-outlet', 'signoff-email']) expect(await page.getByTestId(id).getAttribute('spellcheck'), id).toBe('false');
    await page.close();
  });

  it('the edition date is written in the interface language, and typed in it', async () => {
    const page = await openApp();
    await page.getByTestId('tab-roundups').click();
    await page.getByTestId('library-item').first().click();
    const date = page.getByTestId('roundup-date');
    await expect.poll(() => date.inputValue()).toBe('2026. 11. 28.');
    await page.getByTestId('lang-en').click();
    await expect.poll(() => date.inputValue()).toBe('Nov 28, 2026');
    await page.getByTestId('lang-ko').click();
    await date.fill('2026. 12. 2.');
    await date.press('ArrowUp');
    await expect.poll(() => date.inputValue()).toBe('2026. 12. 3.');
    const sent = () =>
      page.evaluate(() => {
        const c = (window as unknown as { __ipcCalls: { cmd: string; args: { request: { fields: { edition_date: string } } } }[] }).__ipcCalls.filter((x) => x.cmd === 'save_roundup');
        return c[c.length - 1]?.args.request.fields.edition_date ?? null;
      });
    await expect.poll(sent, { timeout: 5000 }).toBe('2026-12-03');
    await date.fill('지난 토요일');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    await page.close();
  });

  it("an edition's new title shows in the list at once, with an article still open behind the builder", async () => {
    const page = await openApp();
    await openArticle(page, 'Tide tables');
    await page.getByTestId('tab-roundups').click();
    await page.getByTestId('library-item').filter({ hasText: '주말판 11월 넷째 주' }).click();
    await page.getByTestId('roundup-title').fill('주말판 항구 특집');
    await expect
      .poll(() => page.getByTestId('library-item').filter({ hasText: '주말판 항구 특집' }).count(), { timeout: 6000 })
      .toBe(1);
    await page.close();
  });

  it('the welcome screen does not send the reporter to the command line, and imports in the window', async () => {
    for (const lang of ['ko', 'en'] as const) {
      const page = await openApp(1280, 800, lang, { info: { ...library().info, article_count: 0 }, articles: [], full: {} });
      const text = (await page.getByTestId('library-empty').textContent()) ?? '';
      expect(text).not.toMatch(/newsdesk import|command line|명령|터미널|terminal/i);
      expect(await page.getByTestId('import-files-welcome').textContent()).toBe(lang === 'ko' ? '파일 가져오기…' : 'Import files…');
      await page.close();
    }
  });

  it('a refusal of the backend is said in Korean in the Korean interface, and follows the switch', async () => {
    const page = await openApp();
    await openArticle(page, 'Tide tables');
    await page.getByTestId('headline').fill('가'.repeat(501));
    const badge = page.getByTestId('save-state');
    await expect.poll(() => badge.getAttribute('data-state'), { timeout: 5000 }).toBe('error');
    const ko = (await badge.textContent()) ?? '';
    expect(ko).toBe('저장하지 못했습니다: 제목 글자 수가 한도를 넘었습니다(최대 500자)');
    expect(ko).not.toMatch(/[A-Za-z]/);
    await page.getByTestId('lang-en').click();
    expect(await badge.textContent()).toBe('Not saved: The headline is too long (at most 500 characters)');
    await page.close();
  });

  it('an image the library refuses is said, in Korean, not dropped in silence', async () => {
    const page = await openApp();
    await openArticle(page, 'Tide tables');
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array([0x47, 0x49, 0x46, 0x00])], '부두.png', { type: 'image/png' }));
      document.querySelector('[data-testid="editor"]')!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    const banner = page.getByTestId('error');
    await banner.waitFor();
    expect(await banner.locator('.error-said').textContent()).toBe('PNG, JPEG, GIF, WebP 사진 파일이 아닙니다');
    // The backend's own sentence is kept, folded away.
    expect(await banner.locator('details').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    await page.close();
  });

  it('an export message follows the language and is gone once another article opens', async () => {
    const page = await openApp();
    await openArticle(page, '시의회가');
    await page.getByTestId('export').click();
    await page.getByTestId('preflight-proceed').click();
    const result = page.getByTestId('export-result');
    await expect.poll(() => result.textContent()).toContain('에 내보냈습니다');
    await page.getByTestId('lang-en').click();
    expect(await result.textContent()).toContain('Exported to');
    await openArticle(page, 'Tide tables');
    expect(await result.count()).toBe(0);
    await openArticle(page, '시의회가');
    expect(await result.count(), 'not back with the article it was about').toBe(0);
    // The batch export's line follows the language too.
    await page.getByTestId('export-ready').click();
    await expect.poll(() => page.getByTestId('export-ready-result').textContent()).toContain('3');
    const en = await page.getByTestId('export-ready-result').textContent();
    await page.getByTestId('lang-ko').click();
    expect(await page.getByTestId('export-ready-result').textContent()).not.toBe(en);
    await page.close();
  });
});
