// App-level benchmarks on the real window (release build), driven like the end-to-end
// tests (Xvfb, tauri-driver, WebKitWebDriver), beside a bare Tauri window of the same Tauri
// version measured the same way in the same run:
//
// - start-up: from asking the driver for a session (which starts the process) to an
//   editable article on screen, as the wall clock the page reads when it marks that moment
//   (Date.now() in the mark's detail; WebKit's performance.timeOrigin is not in step with
//   the wall clock), so that WebDriver's polling is not counted. The app: a 10,000-article library reopening the article open
//   when it last closed (one untimed session opens it first), mark `newsdesk:editable` one
//   frame after the editor is built. The bare window: its editable <div> parsed, one frame
//   later. One untimed session of each warms the disk cache. Repeated; median, spread.
// - memory: summed RSS of the process and every process under it (WebKit's web and network
//   processes), the app with a 100,000-character article open, 4 s after start-up (both).
// - typing latency in that article: keydown to the frame after the next (two
//   requestAnimationFrame callbacks, i.e. after the next paint), p50/p95/p99, Latin and
//   Hangul, 150+ keys each; then the same in a 5,000-character article (opened by clicking
//   its row in the list). The same keys in the bare window, in its own one-line editable
//   and with the same two articles' paragraphs put into it as plain <p> blocks: the
//   floor of this measurement on this machine (a frame is 16.7 ms, and the second
//   animation frame after a keydown comes one paint later), printed beside each app row.
//
// Usage: node bench/app.mjs APP_BIN BARE_BIN LIBRARY OUT.json
// NEWSDESK_BENCH_LONG_MD / NEWSDESK_BENCH_5K_MD: the Markdown files of the 100,000- and
// the 5,000-character articles (their `# headline` finds their rows); without the first,
// the first row is taken; without the second, there are no 5,000-character rows.
import { readFileSync, readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDriver } from '../tests/e2e/webdriver.mjs';

const [appBin, bareBin, library, outFile] = process.argv.slice(2);
if (!outFile) throw new Error('usage: node bench/app.mjs APP_BIN BARE_BIN LIBRARY OUT.json');
const RUNS = Number(process.env.NEWSDESK_BENCH_RUNS ?? 5);
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** The headline of a generated Markdown file (its first line, `# ...`), or null. */
function headlineOf(file) {
  if (!file) return null;
  try {
    return readFileSync(file, 'utf8').split('\n')[0].replace(/^#\s*/, '').trim() || null;
  } catch {
    return null;
  }
}
const LONG_HEADLINE = headlineOf(process.env.NEWSDESK_BENCH_LONG_MD);
const SHORT_HEADLINE = headlineOf(process.env.NEWSDESK_BENCH_5K_MD);

/** The paragraphs of a generated Markdown file (its text lines, headings left out). */
function paragraphsOf(file) {
  if (!file) return null;
  return readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
}

/** Puts `paragraphs` into the bare window's editable as plain <p> blocks. */
async function fillBare(s, paragraphs) {
  await s.execute(`const ed = document.querySelector('[data-testid="editor"]'); ed.replaceChildren();
    for (const text of arguments[0]) { const p = document.createElement('p'); p.textContent = text; ed.appendChild(p); }`, [paragraphs]);
  await new Promise((r) => setTimeout(r, 1000));
}

/** Latin and Hangul keystroke latencies into `result` under `prefix`. */
async function typingBoth(s, result, prefix) {
  result[`${prefix}_latin`] = await typingLatency(s, LATIN);
  result[`${prefix}_korean`] = await typingLatency(s, HANGUL);
}

/** The list row whose headline is `headline` (the first row when null). */
async function rowOf(s, headline) {
  if (!headline) return s.find('[data-testid="library-item"]', 60000);
  let found = null;
  await s.until(`the row "${headline}"`, async () => {
    for (const el of await s.findAll('[data-testid="library-item"]')) {
      if ((await s.text(el)).includes(headline)) {
        found = el;
        return true;
      }
    }
    return false;
  }, 60000);
  return found;
}

/** Clicks the row of `headline` and waits for its editor (a new `newsdesk:editable` mark). */
async function openArticle(s, headline) {
  const before = await s.execute(`return performance.getEntriesByName('newsdesk:editable').length`);
  await s.click(await rowOf(s, headline));
  await s.until(`the editor of "${headline}"`, async () =>
    (await s.execute(`return performance.getEntriesByName('newsdesk:editable').length`)) > before, 60000);
  await new Promise((r) => setTimeout(r, 1000));
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const spread = (xs) => ({ min: Math.min(...xs), max: Math.max(...xs) });

/** Summed RSS (kB) of the process running `bin` and all processes under it. */
function treeRssKb(bin) {
  const procs = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const exe = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      procs.push({ pid: Number(pid), ppid, exe, rss });
    } catch {
      // The process ended meanwhile.
    }
  }
  const roots = procs.filter((p) => path.resolve(p.exe) === path.resolve(bin));
  if (roots.length === 0) throw new Error(`no running process of ${bin}`);
  const seen = new Set(roots.map((r) => r.pid));
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!seen.has(p.pid) && seen.has(p.ppid)) {
        seen.add(p.pid);
        grew = true;
      }
    }
  }
  return procs.filter((p) => seen.has(p.pid)).reduce((sum, p) => sum + p.rss, 0);
}

/** Milliseconds from `t0` (wall clock) to the page's mark `name` (whose detail is the wall
 *  clock when it was made), waiting for it. */
async function markAfter(s, t0, name) {
  let at = null;
  await s.until(`the page marks ${name}`, async () => {
    at = await s.execute(`const m = performance.getEntriesByName(${JSON.stringify(name)})[0];
      return m ? m.detail : null;`);
    return at !== null;
  }, 60000);
  return at - t0;
}

async function settledRssKb(bin) {
  await new Promise((r) => setTimeout(r, 4000));
  return treeRssKb(bin);
}

async function appToEditable(harness) {
  const t0 = Date.now();
  const s = await harness.session(appBin);
  return { ms: await markAfter(s, t0, 'newsdesk:editable'), session: s };
}

async function bareToEditable(harness) {
  const t0 = Date.now();
  const s = await harness.session(bareBin);
  await s.find('[data-testid="editor"][contenteditable="true"]', 60000);
  return { ms: await markAfter(s, t0, 'bare:editable'), session: s };
}

/** The untimed first sessions: the app opens the long article (the first row), so later
 *  starts reopen it; both warm the disk cache. */
async function prime(harness) {
  const s = await harness.session(appBin);
  await s.click(await rowOf(s, LONG_HEADLINE));
  await markAfter(s, Date.now(), 'newsdesk:editable');
  await s.end();
  await (await harness.session(bareBin)).end();
}

async function typingLatency(s, text) {
  const editor = await s.find('[data-testid="editor"]');
  await s.click(editor);
  await s.execute(`
    const ed = document.querySelector('[data-testid="editor"]');
    const sel = window.getSelection(); sel.selectAllChildren(ed); sel.collapseToEnd();
    window.__lat = [];
    if (!window.__latHooked) {
      window.__latHooked = true;
      document.addEventListener('keydown', () => {
        const t0 = performance.now();
        requestAnimationFrame(() => requestAnimationFrame(() => window.__lat.push(performance.now() - t0)));
      }, true);
    }`);
  for (const ch of text) await s.cmd('POST', `/element/${editor}/value`, { text: ch });
  await new Promise((r) => setTimeout(r, 500));
  const lat = await s.execute('return window.__lat');
  return { p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), keys: lat.length };
}

// 150+ keys per script: a p99 of fewer keys is one or two keystrokes.
const LATIN = 'the quick brown fox jumps over the lazy dog '.repeat(4);
const HANGUL = '다람쥐 헌 쳇바퀴에 타고파 빠른 갈색 여우가 뛰어넘는다 '.repeat(5);

const harness = await startDriver({
  env: { NEWSDESK_LIBRARY: library, LANG: 'en_US.UTF-8', XDG_DATA_HOME: mkdtempSync(path.join(tmpdir(), 'nd-bench-data-')) },
});
const result = {};
try {
  await prime(harness);
  const app = [];
  const bare = [];
  for (let i = 0; i < RUNS; i++) {
    const b = await bareToEditable(harness);
    bare.push(b.ms);
    // Memory is read once the window has settled (the app loads its spell-check
    // dictionaries 2 s after start), the same wait for both.
    if (i === RUNS - 1) {
      result.bare_rss_kb = await settledRssKb(bareBin);
      // The floor of the typing rows: the bare window's one-line editable, then the same
      // articles' text as plain blocks in it.
      await typingBoth(b.session, result, 'bare_typing');
      const long = paragraphsOf(process.env.NEWSDESK_BENCH_LONG_MD);
      if (long) {
        await fillBare(b.session, long);
        await typingBoth(b.session, result, 'bare_typing_long');
      }
      const short = paragraphsOf(process.env.NEWSDESK_BENCH_5K_MD);
      if (short) {
        await fillBare(b.session, short);
        await typingBoth(b.session, result, 'bare_typing_5k');
      }
    }
    await b.session.end();
    const a = await appToEditable(harness);
    app.push(a.ms);
    if (i === RUNS - 1) {
      // The first row is the 100,000-character article (imported last).
      result.app_rss_kb = await settledRssKb(appBin);
      result.article_chars = await a.session.execute('return document.querySelector(\'[data-testid="editor"]\').textContent.length');
      await typingBoth(a.session, result, 'typing');
      if (SHORT_HEADLINE) {
        // The 5,000-character article, by its row; then back to the long one, so the next
        // run's start-up reopens what this one measured (prime() clicks it anyway).
        await openArticle(a.session, SHORT_HEADLINE);
        result.article_5k_chars = await a.session.execute('return document.querySelector(\'[data-testid="editor"]\').textContent.length');
        await typingBoth(a.session, result, 'typing_5k');
        await openArticle(a.session, LONG_HEADLINE);
      }
    }
    await a.session.end();
  }
  result.startup_app_ms = { median: median(app), ...spread(app), runs: app };
  result.startup_bare_ms = { median: median(bare), ...spread(bare), runs: bare };
} finally {
  harness.stop();
}
writeFileSync(outFile, JSON.stringify(result, null, 2));
console.log(JSON.stringify(result, null, 2));
