// Tier 3: accessibility and layout of every screen and dialog, in Chromium with the IPC faked.
// axe-core (run offline, injected into the page) finds no serious or critical violation,
// colour contrast included, in both themes and both languages; at 900×700, 1280×800 and
// 1920×1080 no visible control or text is outside the window (or out of its scrolling pane's
// reach) or under another element; focus is visible in both themes.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { mockIpc, useBrowser } from './harness';
import { library } from './fixtures';

const axeSource = readFileSync(path.resolve(__dirname, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

const env = useBrowser();

/** The fixture library with two revisions of the first article, to compare. */
function fixture() {
  const lib = library();
  const id = lib.articles[0].id;
  const rev = (n: number, reason: string, at: string) => ({ id: n, article_id: id, created_at: at, reason, version: n, chars: 400 + n });
  // It was made from a press release, shown beside it in the source pane.
  const source = {
    file_name: '부두 재정비 보도자료.hwpx', media_type: 'application/hwp+zip', sha256: 'cd'.repeat(32), size: 40960, issuer: '항구시청',
    embargo: '2026. 11. 27.(금) 12:00', contacts: ['항만과장 오세린 (051-555-0110)'], sender: '', date: '',
    text: '항구시청 | 보도자료\n부두 재정비 사업비 절반으로\n시의회는 항만 재정비 사업비를 줄였다.\n담당 부서 | 항만과 | 051-555-0110',
  };
  // It was published once to the outlet's site (the details list the post).
  const targets = [{ name: '새벽일보', kind: 'wordpress', site_url: 'https://news.example', user: 'reporter', secret: 'keyring' }];
  const post = { item_id: id, target: '새벽일보', site_url: 'https://news.example', remote_id: '41', url: 'https://news.example/?p=41', status: 'draft', remote_modified: '2026-11-27T09:31:00', published_at: '2026-11-27T09:31:00.000Z', pending_since: null };
  return {
    ...lib,
    sources: { [id]: source },
    targets,
    publications: { [id]: [post] },
    revisions: { [id]: [rev(2, 'explicit', '2026-11-27T09:30:00Z'), rev(1, 'create', '2026-11-27T09:00:00Z')] },
  };
}

async function openApp(width: number, height: number, lang: 'ko' | 'en', scheme: 'light' | 'dark'): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width, height }, colorScheme: scheme });
  await page.addInitScript((l) => localStorage.setItem('newsdesk.lang', l), lang);
  await mockIpc(page, fixture());
  await page.goto(env.url);
  await page.getByTestId('library-path').waitFor();
  await page.getByTestId('library-item').first().waitFor();
  return page;
}

/** Serious and critical axe violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary: string }[] }[] }> } }).axe;
    // The preview frame's page is the export renderer's (tested with the Nu checker), and
    // sandboxed: axe cannot reach into it.
    const result = await axe.run({ exclude: [['iframe']] }, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')} (${n.failureSummary.split('\n').slice(1, 2).join('').trim()})`).join('; ')}`);
  });
}

/**
 * Visible controls and texts outside the window, out of reach of their scrolling pane, or
 * under another element. Inside an open modal dialog only the dialog counts (the backdrop
 * covers the rest on purpose).
 */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const modal = document.querySelector('[aria-modal="true"]');
    const root = modal ?? document.body;
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? (el as HTMLInputElement).value ?? '').trim().slice(0, 24) || el.getAttribute('aria-label') || ''}"`;
    const scrolls = (el: Element) => {
      const cs = getComputedStyle(el);
      return /(auto|scroll)/.test(cs.overflowY + cs.overflowX);
    };
    const controls = 'button, input, select, textarea, a[href], [role="tab"], [contenteditable="true"], summary';
    const candidates = [...root.querySelectorAll<HTMLElement>('*')].filter((el) => {
      if (el.closest('.visually-hidden, details:not([open]) > :not(summary), option, iframe, svg')) return false;
      if (el.matches(controls)) return true;
      return [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
    });
    for (const el of candidates) {
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) continue;
      // The nearest scrolling pane: what is beyond its edge is reachable by scrolling it
      // (the window itself does not scroll). What is on screen: inside every pane and the window.
      let pane: Element | null = el.parentElement;
      while (pane && pane !== document.documentElement && !scrolls(pane)) pane = pane.parentElement;
      const inPane = pane && pane !== document.documentElement;
      const box = inPane ? pane!.getBoundingClientRect() : new DOMRect(0, 0, innerWidth, innerHeight);
      const canScrollX = inPane && pane!.scrollWidth > pane!.clientWidth + 1;
      const canScrollY = inPane && pane!.scrollHeight > pane!.clientHeight + 1;
      if (!canScrollX && (r.left < box.left - 1 || r.right > box.right + 1)) problems.push(`outside (x): ${name(el)} ${Math.round(r.left)}–${Math.round(r.right)} of ${Math.round(box.left)}–${Math.round(box.right)}`);
      if (!canScrollY && (r.top < box.top - 1 || r.bottom > box.bottom + 1)) problems.push(`outside (y): ${name(el)} ${Math.round(r.top)}–${Math.round(r.bottom)} of ${Math.round(box.top)}–${Math.round(box.bottom)}`);
      const clip = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
      for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
        if (!scrolls(a)) continue;
        const b = a.getBoundingClientRect();
        clip.left = Math.max(clip.left, b.left);
        clip.top = Math.max(clip.top, b.top);
        clip.right = Math.min(clip.right, b.right);
        clip.bottom = Math.min(clip.bottom, b.bottom);
      }
      // Under another: the element at its centre (when the centre is on screen) is it, in it, or holds it.
      const x = r.left + r.width / 2;
      const y = r.top + Math.min(r.height / 2, 10);
      if (x < clip.left || x > clip.right || y < clip.top || y > clip.bottom) continue;
      const hit = document.elementFromPoint(x, y);
      // Scrolled under its own pane's sticky header: the reporter scrolls back to it.
      const sticky = (h: Element) => {
        for (let s: Element | null = h; s && s !== pane; s = s.parentElement) if (getComputedStyle(s).position === 'sticky') return true;
        return false;
      };
      if (hit && inPane && pane!.scrollTop > 0 && pane!.contains(hit) && sticky(hit)) continue;
      if (hit && !(hit === el || el.contains(hit) || hit.contains(el))) problems.push(`under ${name(hit)}: ${name(el)}`);
    }
    return problems;
  });
}

type Step = { name: string; open: (page: Page) => Promise<void>; close?: (page: Page) => Promise<void> };

const closeSheet = (testid: string) => async (page: Page) => {
  await page.getByTestId(testid).focus();
  await page.keyboard.press('Escape');
  await page.getByTestId(testid).waitFor({ state: 'detached' });
};

const article = async (page: Page) => {
  await page.getByTestId('tab-articles').click();
  await page.getByTestId('library-item').first().click();
  await page.getByTestId('headline').waitFor();
};

/** Every screen and dialog, in an order each can be reached from the one before. */
const steps: Step[] = [
  { name: 'library', open: async () => {} },
  { name: 'editor and inspector', open: article },
  {
    name: 'find bar in the article',
    open: async (p) => {
      await p.getByTestId('editor').click();
      await p.keyboard.press('Control+f');
      await p.getByTestId('find-input').fill('상인');
    },
    close: async (p) => {
      await p.getByTestId('find-input').press('Escape');
    },
  },
  {
    name: 'the press release beside the article',
    open: async (p) => {
      await p.getByTestId('source-toggle-bar').click();
      await p.getByTestId('source-text').waitFor();
    },
    close: async (p) => {
      await p.getByTestId('source-close').click();
    },
  },
  { name: 'shortcuts sheet', open: async (p) => { await p.keyboard.press('Control+/'); await p.getByTestId('shortcuts').waitFor(); }, close: closeSheet('shortcuts') },
  { name: 'settings', open: async (p) => { await p.getByTestId('open-settings').click(); await p.getByTestId('style-rules').locator('li').first().waitFor(); }, close: closeSheet('settings') },
  {
    name: 'publish dialog',
    open: async (p) => {
      await p.getByTestId('publish').click();
      await p.getByTestId('preflight-proceed').click();
      await p.getByTestId('publish-target').waitFor();
    },
    close: closeSheet('publish-sheet'),
  },
  { name: 'pre-flight sheet', open: async (p) => { await p.getByTestId('export').click(); await p.getByTestId('preflight').waitFor(); }, close: async (p) => { await p.getByTestId('preflight-cancel').click(); } },
  {
    name: 'revision compare',
    open: async (p) => {
      // In a narrow window the details are shown first.
      if (await p.getByTestId('details-toggle').isVisible()) await p.getByTestId('details-toggle').click();
      await p.getByTestId('revision-compare').first().click();
      await p.getByTestId('revision-diff').waitFor();
    },
    close: async (p) => {
      await closeSheet('revision-diff')(p);
      if ((await p.getByTestId('details-toggle').getAttribute('aria-pressed')) === 'true') await p.getByTestId('details-toggle').click();
    },
  },
  {
    name: 'conflict view',
    open: async (p) => {
      const id = await p.evaluate(() => (window as unknown as { __ipcCalls: { cmd: string; args: { id?: string } }[] }).__ipcCalls.filter((c) => c.cmd === 'get_article').pop()?.args.id);
      await p.evaluate((i) => (window as unknown as { __changeElsewhere: (id: string) => void }).__changeElsewhere(String(i)), id);
      await p.getByTestId('deck').fill('부두 앞 도로 공사는 봄에 시작한다.');
      await p.getByTestId('conflict').waitFor({ timeout: 5000 });
    },
    close: async (p) => { await p.getByTestId('conflict-take-theirs').click(); },
  },
  {
    name: 'roundup builder',
    open: async (p) => {
      await p.getByTestId('tab-roundups').click();
      await p.getByTestId('library-item').first().click();
      await p.getByTestId('roundup-title').waitFor();
    },
  },
  { name: 'test send', open: async (p) => { await p.getByTestId('test-send-open').click(); await p.getByTestId('test-send-to').waitFor(); }, close: closeSheet('test-send') },
  { name: 'paste an edition', open: async (p) => { await p.getByTestId('paste-edition-open').click(); await p.getByTestId('paste-edition').waitFor(); }, close: closeSheet('paste-edition') },
];

describe('accessibility (axe-core) of every screen and dialog', () => {
  for (const scheme of ['light', 'dark'] as const) {
    for (const lang of ['ko', 'en'] as const) {
      it(`${scheme} theme, ${lang}: no serious or critical violation`, async () => {
        const page = await openApp(1280, 800, lang, scheme);
        const found: Record<string, string[]> = {};
        for (const step of steps) {
          await step.open(page);
          await page.waitForTimeout(150);
          const v = await axeViolations(page);
          if (v.length) found[step.name] = v;
          await step.close?.(page);
        }
        expect(found).toEqual({});
        await page.close();
      });
    }
  }
});

describe('layout at three window sizes', () => {
  for (const [w, h] of [[900, 700], [1280, 800], [1920, 1080]] as const) {
    it(`${w}×${h}: nothing visible is outside the window or under another element`, async () => {
      for (const lang of ['ko', 'en'] as const) {
        const page = await openApp(w, h, lang, 'light');
        const found: Record<string, string[]> = {};
        const check = async (name: string) => {
          await page.waitForTimeout(150);
          const p = await layoutProblems(page);
          if (p.length) found[`${lang} ${name}`] = p;
        };
        for (const step of steps) {
          await step.open(page);
          await check(step.name);
          if (step.name === 'editor and inspector' && w < 1100) {
            await page.getByTestId('details-toggle').click();
            await check('details shown');
            await page.getByTestId('details-toggle').click();
          }
          await step.close?.(page);
        }
        expect(found).toEqual({});
        await page.close();
      }
    });
  }
});

describe('the layout check itself', () => {
  it('sees a control under another element and one cut at the window edge', async () => {
    const page = await openApp(1280, 800, 'en', 'light');
    await article(page);
    await page.evaluate(() => {
      const badge = document.querySelector('[data-testid="save-state"]')!.getBoundingClientRect();
      const cover = document.createElement('div');
      Object.assign(cover.style, { position: 'fixed', left: `${badge.left - 4}px`, top: `${badge.top - 4}px`, width: `${badge.width + 8}px`, height: `${badge.height + 8}px`, zIndex: '99' });
      document.body.append(cover);
      const status = document.querySelector('[data-testid="statusbar"]') as HTMLElement;
      status.style.width = '1600px';
    });
    const found = await layoutProblems(page);
    expect(found.some((p) => p.startsWith('under') && p.includes('save-state'))).toBe(true);
    expect(found.some((p) => p.startsWith('outside (x)') && p.includes('lang-en'))).toBe(true);
    await page.close();
  });
});

describe('keyboard', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`${scheme} theme: every focused control shows a visible outline`, async () => {
      const page = await openApp(1280, 800, 'ko', scheme);
      await article(page);
      const seen: string[] = [];
      const missing: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || el === document.body) return null;
          const cs = getComputedStyle(el);
          const shown = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) || cs.boxShadow !== 'none';
          return { name: `${el.tagName.toLowerCase()} ${el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 16)}`, shown, visible: el.matches(':focus-visible') };
        });
        if (!f) continue;
        seen.push(f.name);
        if (!f.shown || !f.visible) missing.push(f.name);
      }
      expect(seen.length).toBeGreaterThan(20);
      expect(missing).toEqual([]);
      await page.close();
    });
  }
});
