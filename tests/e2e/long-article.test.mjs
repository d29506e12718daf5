// Tier 4: a 100,000-character article in the real window. It is opened, Hangul and Latin are
// typed in the middle of it, it is saved with Ctrl+S, a word from its end is found with
// Ctrl+F, and the whole text is copied; the stored document holds exactly what was typed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDriver, newsdesk } from './webdriver.mjs';

const bin = process.env.NEWSDESK_BIN;
assert.ok(bin, 'NEWSDESK_BIN must name the built newsdesk binary');
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-long-'));
const library = path.join(dir, 'long.db');
const ENDING = '맺음말표지';
const MIDDLE = 500;
const typed = '새 문장 Fresh words ';

// About 1,000 paragraphs of about 100 characters, Korean and English by turns; the last one
// holds a word found nowhere else.
const paragraphs = [];
for (let i = 0; paragraphs.join('').length < 100000; i++) {
  paragraphs.push(i % 2 === 0
    ? `${i}번째 문단: 강변 야시장의 상인들은 밤늦게까지 불을 밝혔고, 구청은 다음 달 점검 일정을 주민들에게 알렸다.`
    : `Paragraph ${i}: the harbour ferry kept its winter timetable while the council weighed the budget again.`);
}
paragraphs.push(`마지막 문단은 ${ENDING}로 끝난다.`);
let harness;
let session;
let id;

before(async () => {
  const file = path.join(dir, 'long.md');
  writeFileSync(file, `# 아주 긴 기사\n\n${paragraphs.join('\n\n')}\n`);
  newsdesk(bin, ['--library', library, 'import', file]);
  id = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--json']))[0].id;
  harness = await startDriver({ env: { NEWSDESK_LIBRARY: library, LANG: 'ko_KR.UTF-8', XDG_DATA_HOME: path.join(dir, 'data') } });
  session = await harness.session(bin);
});

after(async () => {
  await session?.end();
  harness?.stop();
});

const ctrl = (key) => `\uE009${key}\uE000`;

test('a 100,000-character article: typed into in the middle, saved, searched, copied whole', async () => {
  await session.click(await session.find('[data-testid="library-item"]', 60000));
  const editor = await session.byTestId('editor');
  const length = await session.until('the whole article in the editor', async () => {
    const n = await session.execute('return document.querySelector(\'[data-testid="editor"]\').textContent.length');
    return n >= 100000 ? n : null;
  }, 60000);
  assert.ok(length >= 100000, `${length} characters open`);

  // The caret at the start of paragraph MIDDLE, then typing there.
  await session.execute(`
    const ed = document.querySelector('[data-testid="editor"]');
    ed.focus();
    const p = ed.querySelectorAll('p')[${MIDDLE}];
    const sel = window.getSelection();
    sel.collapse(p.firstChild, 0);`);
  await new Promise((r) => setTimeout(r, 300));
  await session.type(editor, typed);
  await session.type(editor, ctrl('s'));
  await session.until('save-state saved', async () => {
    const el = await session.byTestId('save-state');
    return (await session.cmd('GET', `/element/${el}/attribute/data-state`)) === 'saved';
  }, 30000);

  // The stored document: the typed words at the start of that paragraph, nothing else changed.
  const stored = await session.until('the typed words stored', async () => {
    const shown = JSON.parse(newsdesk(bin, ['--library', library, 'show', id, '--json']));
    const texts = shown.body.content.map((b) => (b.content ?? []).map((n) => n.text ?? '').join(''));
    return texts[MIDDLE].startsWith(typed) ? texts : null;
  }, 30000);
  const expected = [...paragraphs];
  expected[MIDDLE] = typed + expected[MIDDLE];
  assert.equal(stored.length, expected.length);
  assert.deepEqual(stored, expected, 'the stored document holds exactly what was typed, where it was typed');

  // Ctrl+F finds the word from the end.
  await session.type(editor, ctrl('f'));
  const input = await session.byTestId('find-input');
  await session.type(input, ENDING);
  const count = await session.until('one match', async () => {
    const t = await session.text(await session.byTestId('find-count'));
    return /1/.test(t) ? t : null;
  }, 20000);
  assert.match(count, /1/);
  await session.type(input, '\uE00C'); // Escape closes the find bar

  // Ctrl+A, Ctrl+C: what the editor puts on the clipboard is the whole text.
  await session.execute(`
    window.__copied = null;
    document.addEventListener('copy', (e) => { window.__copied = e.clipboardData.getData('text/plain'); });
    document.querySelector('[data-testid="editor"]').focus();`);
  await session.type(editor, ctrl('a'));
  await session.type(editor, ctrl('c'));
  const copied = await session.until('the copy', async () => session.execute('return window.__copied'), 20000);
  const flat = (s) => s.replace(/\s+/g, '');
  assert.equal(flat(copied), flat(expected.join('')), 'the clipboard holds the whole article');
});
