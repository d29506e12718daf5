// Tier 4: drafting in the real window. A new article is typed (Korean and English), autosaved,
// found again after a restart and through `newsdesk show`; a change made elsewhere meanwhile
// is shown as a conflict and resolved without losing either version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { startDriver, newsdesk } from './webdriver.mjs';

const bin = process.env.NEWSDESK_BIN;
assert.ok(bin, 'NEWSDESK_BIN must name the built newsdesk binary');
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-draft-'));
const library = path.join(dir, 'drafting.db');
const exportDir = path.join(dir, 'exports');
// The file the open dialog answers with (NEWSDESK_OPEN_FILES): a style book to import.
const deskBook = path.join(dir, 'desk-book.toml');
mkdirSync(exportDir);
let harness;
let session;
let articleId;

const headline = '폭우 뒤의 골목 Alley after the storm';
const korean = '밤새 내린 비로 골목 상점 세 곳이 물에 잠겼다.';
const english = 'Shopkeepers were sweeping water out by seven.';

before(async () => {
  harness = await startDriver({
    env: {
      NEWSDESK_LIBRARY: library,
      LANG: 'ko_KR.UTF-8',
      XDG_DATA_HOME: path.join(dir, 'data'),
      // Exports go here instead of through the native save dialog WebDriver cannot answer.
      NEWSDESK_EXPORT_DIR: exportDir,
      NEWSDESK_OPEN_FILES: deskBook,
    },
  });
  session = await harness.session(bin);
});

after(async () => {
  await session?.end();
  harness?.stop();
});

async function savedState(s) {
  return s.until('save-state saved', async () => {
    const el = await s.byTestId('save-state');
    const state = await s.cmd('GET', `/element/${el}/attribute/data-state`);
    return state === 'saved' ? state : null;
  }, 20000);
}

test('a new article typed in Korean and English is autosaved', async () => {
  await session.click(await session.byTestId('new-article'));
  const h = await session.byTestId('headline');
  await session.type(h, headline);
  const editor = await session.byTestId('editor');
  await session.click(editor);
  // U+E007 is WebDriver's Enter key: a new paragraph.
  await session.type(editor, `${korean}\uE007${english}`);
  await savedState(session);
  // Give the autosave of the last keystrokes time to land, then confirm again.
  await new Promise((r) => setTimeout(r, 2000));
  await savedState(session);
  await session.screenshot('editor-korean');
  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--json']));
  assert.equal(rows.length, 1);
  articleId = rows[0].id;
  assert.equal(rows[0].headline, headline);
});

test('after a restart the article is open again with its text, and `newsdesk show` has it', async () => {
  await session.end();
  session = await harness.session(bin);
  await session.until('library row', async () => (await session.findAll('[data-testid="library-item"]')).length === 1);
  // No click: the app reopens the article that was open when it closed.
  const body = await session.until('body text', async () => {
    const t = await session.text(await session.byTestId('editor'));
    return t.includes(english) ? t : null;
  });
  assert.ok(body.includes(korean), body);
  const shown = JSON.parse(newsdesk(bin, ['--library', library, 'show', articleId, '--json']));
  assert.equal(shown.headline, headline);
  const texts = shown.body.content.map((p) => (p.content ?? []).map((i) => i.text ?? '').join(''));
  assert.deepEqual(texts, [korean, english]);
  const plain = newsdesk(bin, ['--library', library, 'show', articleId]);
  assert.ok(plain.includes(korean) && plain.includes(english));
});

test('a change made elsewhere is a conflict, resolved without loss', async () => {
  // Another writer (here the command line, as a second window would) changes the status,
  // which makes a new version; the window's next save is based on the old one.
  newsdesk(bin, ['--library', library, 'set-status', articleId, 'editing']);
  const editor = await session.byTestId('editor');
  await session.click(editor);
  const mine = ' 오후에는 구청 직원들이 모래주머니를 날랐다.';
  await session.type(editor, mine);
  const conflict = await session.byTestId('conflict');
  const shownMine = await session.text(await session.byTestId('conflict-mine'));
  const shownTheirs = await session.text(await session.byTestId('conflict-theirs'));
  assert.ok(shownMine.includes('모래주머니'), shownMine);
  assert.ok(!shownTheirs.includes('모래주머니'), shownTheirs);
  assert.ok(conflict);
  await session.screenshot('editor-conflict');
  await session.click(await session.byTestId('conflict-keep-mine'));
  await savedState(session);
  const shown = JSON.parse(newsdesk(bin, ['--library', library, 'show', articleId, '--json']));
  assert.ok(JSON.stringify(shown.body).includes('모래주머니'), 'my text was saved');
  const revs = JSON.parse(newsdesk(bin, ['--library', library, 'revisions', articleId, '--json']));
  assert.ok(revs.some((r) => r.reason === 'status'), 'the other version stays in the revisions');
  execFileSync(bin, ['--library', library, 'check']);
});

test('the revisions panel compares two revisions side by side', async () => {
  const compare = await session.until('revision rows', async () => {
    const buttons = await session.findAll('[data-testid="revision-compare"]');
    return buttons.length >= 2 ? buttons : null;
  });
  // The newest revision, compared with the one before it.
  await session.click(compare[0]);
  const diff = await session.text(await session.byTestId('revision-diff'));
  assert.match(diff, /모래주머니/);
  // The sentence added to a paragraph is marked inside it, word by word: the paragraph's
  // own words stay unmarked.
  const inserted = await session.execute(
    'return [...document.querySelectorAll(\'[data-testid="diff-changed"] ins\')].map((e) => e.textContent).join("|")',
  );
  assert.match(inserted, /모래주머니/);
  const kept = await session.execute('return document.querySelector(\'[data-testid="diff-changed"]\').textContent');
  assert.ok(kept.length > inserted.length, `${kept} keeps its unchanged words`);
  // Times to the second, and the reason of each revision.
  const times = await session.text(await session.byTestId('diff-times'));
  assert.match(times, /\d\d:\d\d:\d\d .+→ .*\d\d:\d\d:\d\d/);
  await session.screenshot('revisions-diff');
});

test('the export button runs the pre-flight, then writes the open article as HTML', async () => {
  await session.cmd('POST', '/execute/sync', { script: 'document.querySelector(".sheet-backdrop")?.click()', args: [] });
  await session.click(await session.byTestId('export'));
  // The article has no summary: the checklist warns, and the export waits for the reporter.
  const failed = await session.until('pre-flight checklist', async () => {
    const ids = await session.execute('return [...document.querySelectorAll(\'[data-testid="preflight-item"]\')].map((e) => e.dataset.id)');
    return ids.length ? ids : null;
  });
  assert.ok(failed.includes('summary'), `the missing summary is listed: ${failed}`);
  assert.equal(readdirSync(exportDir).length, 0, 'nothing is written before the reporter agrees');
  await session.screenshot('preflight');
  await session.click(await session.byTestId('preflight-proceed'));
  const result = await session.until('export result', async () => {
    const t = await session.text(await session.byTestId('export-result'));
    return t.includes('.html') ? t : null;
  });
  const files = readdirSync(exportDir);
  assert.equal(files.length, 1, `${result}: ${files}`);
  const html = readFileSync(path.join(exportDir, files[0]), 'utf8');
  assert.ok(html.includes(headline), 'the headline is in the page');
  assert.ok(html.includes('모래주머니'), 'the latest text is in the page');
});

test('settings set the reporter, whose name becomes the byline of a new article', async () => {
  await session.click(await session.byTestId('open-settings'));
  const name = await session.byTestId('settings-reporter-name');
  await session.type(name, '윤서진');
  await session.click(await session.byTestId('settings-save'));
  await session.until('saved message', async () => {
    const t = await session.text(await session.byTestId('settings-message'));
    return t.includes('저장') ? t : null;
  });
  await session.screenshot('settings');
  await session.cmd('POST', '/execute/sync', { script: 'document.querySelector(".sheet-backdrop")?.click()', args: [] });
  await session.click(await session.byTestId('new-article'));
  await session.until('a second article', async () => {
    const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--json']));
    return rows.length === 2 ? rows : null;
  });
  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--json']));
  const fresh = rows.find((r) => r.id !== articleId);
  const shown = JSON.parse(newsdesk(bin, ['--library', library, 'show', fresh.id, '--json']));
  assert.equal(shown.byline.name, '윤서진');
});

test('every ready article is exported to a folder at once, with an index page', async () => {
  newsdesk(bin, ['--library', library, 'set-status', articleId, 'ready']);
  await session.click(await session.byTestId('export-ready'));
  const result = await session.until('batch result', async () => {
    const t = await session.text(await session.byTestId('export-ready-result'));
    return t.includes(exportDir) ? t : null;
  });
  assert.match(result, /1건/);
  const files = readdirSync(exportDir);
  assert.ok(files.includes('index.html'), files.join(', '));
  assert.ok(readFileSync(path.join(exportDir, 'index.html'), 'utf8').includes(headline.replace(/&/g, '&amp;')));
});

test('house style as the reporter types: 하였다 underlined, fixed from the Style pane in one step, undone', async () => {
  const editor = await session.byTestId('editor');
  await session.click(editor);
  await session.type(editor, '시는 새 노선을 발표하였다.');
  const underlined = await session.until('the finding underlined in the body', async () =>
    session.execute(
      'const u = document.querySelector(\'[data-testid="editor"] .style-finding[data-rule="ko.hayeotda"]\'); return u ? u.textContent : null',
    ),
  );
  assert.equal(underlined, '하였다');
  await session.screenshot('style-underlined');
  const fix = await session.until('the Style pane lists it', async () => {
    const f = await session.findAll('[data-testid="style-finding"][data-rule="ko.hayeotda"] [data-testid="style-fix"]');
    return f.length ? f[0] : null;
  });
  await session.click(fix);
  const bodyText = () => session.execute('return document.querySelector(\'[data-testid="editor"]\').textContent');
  await session.until('fixed', async () => ((await bodyText()).includes('발표했다.') ? true : null));
  assert.ok(!(await bodyText()).includes('하였다'));
  await session.until('the underline goes with the finding', async () =>
    (await session.execute('return document.querySelectorAll(\'[data-testid="editor"] .style-finding[data-rule="ko.hayeotda"]\').length')) === 0 ? true : null,
  );
  // One Ctrl+Z takes the whole fix back.
  await session.type(editor, '\uE009z\uE009');
  await session.until('undone', async () => ((await bodyText()).includes('발표하였다.') ? true : null));
  await savedState(session);
});

/** Every `ko.hayeotda` finding `newsdesk lint` reports in the library, over all its pieces. */
function hayeotdaInLibrary() {
  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--json']));
  return rows.flatMap((row) => {
    // lint exits 1 when an error-severity finding is left; its JSON is on stdout either way.
    const run = spawnSync(bin, ['--library', library, 'lint', row.id, '--json'], { encoding: 'utf8' });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return JSON.parse(run.stdout).filter((f) => f.rule === 'ko.hayeotda');
  });
}

test('"ignore here" is remembered with the article, and "check again" brings the finding back', async () => {
  assert.equal(hayeotdaInLibrary().length, 1, 'the saved article has the finding');
  const underlines = () =>
    session.execute('return document.querySelectorAll(\'[data-testid="editor"] .style-finding[data-rule="ko.hayeotda"]\').length');
  const ignore = await session.until('the finding has "ignore here"', async () => {
    const b = await session.findAll('[data-testid="style-finding"][data-rule="ko.hayeotda"] [data-testid="style-ignore"]');
    return b.length ? b[0] : null;
  });
  await session.click(ignore);
  await session.until('the underline goes', async () => ((await underlines()) === 0 ? true : null));
  await session.until('listed as ignored', async () => ((await session.findAll('[data-testid="style-ignored-entry"]')).length === 1 ? true : null));
  // Kept in the library with the article: the command line no longer reports it.
  assert.equal(hayeotdaInLibrary().length, 0);
  // Typing elsewhere checks again, and the ignored finding stays out.
  const editor = await session.byTestId('editor');
  await session.type(editor, ' 끝.');
  await savedState(session);
  assert.equal(await underlines(), 0);
  // "Check again" (the details list opened first).
  await session.click((await session.findAll('[data-testid="style-ignored"] summary'))[0]);
  await session.click((await session.findAll('[data-testid="style-check-again"]'))[0]);
  await session.until('underlined again', async () => ((await underlines()) === 1 ? true : null));
  assert.equal(hayeotdaInLibrary().length, 1);
});

test('the style book is saved to a file and read back from one in the settings; a broken one changes nothing', async () => {
  await session.click(await session.byTestId('open-settings'));
  const message = async (want) =>
    session.until(`style book message ${want}`, async () => {
      const els = await session.findAll('[data-testid="style-book-message"]');
      const t = els.length ? await session.text(els[0]) : '';
      return t.includes(want) ? t : null;
    });
  await session.click(await session.byTestId('style-book-export'));
  await message('style-book.toml');
  const saved = readFileSync(path.join(exportDir, 'style-book.toml'), 'utf8');
  assert.match(saved, /base/);

  // The desk's book turns 하였다 off: the window takes it, and so does the library.
  writeFileSync(deskBook, '\uFEFFname = "우리 데스크"\n\n[[override]]\nrule = "ko.hayeotda"\nenabled = false\n');
  await session.click(await session.byTestId('style-book-import'));
  await message('적용');
  const enabled = await session.execute('return document.querySelector(\'[data-testid="style-rule-enabled"][data-rule="ko.hayeotda"]\').checked');
  assert.equal(enabled, false);
  assert.equal(hayeotdaInLibrary().length, 0);
  const inUse = newsdesk(bin, ['--library', library, 'style', 'export', '-']);
  assert.match(inUse, /우리 데스크/);

  // A broken book is refused with its line; the one in use stays.
  writeFileSync(deskBook, '[[override]]\nrule = "ko.unit_space"\nenabled = maybe\n');
  await session.click(await session.byTestId('style-book-import'));
  const refused = await message('3번째 줄');
  assert.match(refused, /desk-book\.toml/);
  assert.equal(newsdesk(bin, ['--library', library, 'style', 'export', '-']), inUse);
  await session.cmd('POST', '/execute/sync', { script: 'document.querySelector(".sheet-backdrop")?.click()', args: [] });
});
