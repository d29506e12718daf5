// Tier 4: the real Newsdesk window under Xvfb, driven over WebDriver (tauri-driver +
// WebKitWebDriver), on a library this test makes with the headless command line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDriver, newsdesk, ARTIFACTS } from './webdriver.mjs';

const bin = process.env.NEWSDESK_BIN;
assert.ok(bin, 'NEWSDESK_BIN must name the built newsdesk binary');

const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-e2e-'));
const library = path.join(dir, 'e2e-library.db');
let harness;
let session;

before(async () => {
  // Two articles of our own, imported through the real command line.
  const sources = path.join(dir, 'in');
  mkdirSync(sources);
  writeFileSync(
    path.join(sources, 'harbor.md'),
    '# 항구 도시의 새벽 시장\n\n새벽 네 시, 부두 옆 어시장에 첫 경매 종이 울린다.\n\n상인들은 **"오늘 물량"**을 두고 목소리를 높였다.\n',
  );
  writeFileSync(
    path.join(sources, 'library.md'),
    '# The night the library stayed open\n\nVolunteers kept the reading room lit until dawn.\n',
  );
  const out = newsdesk(bin, ['--library', library, 'import', sources, '--json']);
  assert.equal(JSON.parse(out).length, 2, 'both sample files were imported');
  // Webview storage goes to a temporary data folder, not the tester's own.
  harness = await startDriver({
    env: { NEWSDESK_LIBRARY: library, LANG: 'ko_KR.UTF-8', XDG_DATA_HOME: path.join(dir, 'data') },
  });
  console.log(`started tauri-driver on ${harness.base}, display :${harness.display}; opening ${bin}`);
  session = await harness.session(bin);
});

after(async () => {
  await session?.end();
  harness?.stop();
});

test('the real window shows the three panes and the library file it opened', async () => {
  await session.byTestId('shell');
  for (const pane of ['library-pane', 'editor-pane', 'inspector-pane', 'statusbar']) {
    await session.byTestId(pane);
  }
  const shown = await session.until('library path in the status bar', async () => {
    const t = await session.text(await session.byTestId('library-path'));
    return t.includes('e2e-library.db') ? t : null;
  });
  assert.equal(shown, library);
  const items = await session.until('two library rows', async () => {
    const rows = await session.findAll('[data-testid="library-item"]');
    return rows.length === 2 ? rows : null;
  });
  assert.equal(items.length, 2);
  // LANG=ko_KR: the interface starts in Korean.
  assert.equal(await session.text(await session.find('[data-testid="library-pane"] h2')), '보관함');
  await session.screenshot('shell-library');
});

test('opening an article shows it in the editor, with its counts from the backend', async () => {
  const rows = await session.findAll('[data-testid="library-item"]');
  let opened = false;
  for (const row of rows) {
    if ((await session.text(row)).includes('항구 도시의 새벽 시장')) {
      await session.click(row);
      opened = true;
    }
  }
  assert.ok(opened, 'the Korean article is listed');
  const headline = await session.until('headline in the editor', async () => {
    const t = await session.cmd('GET', `/element/${await session.byTestId('headline')}/property/value`);
    return t === '항구 도시의 새벽 시장' ? t : null;
  });
  assert.equal(headline, '항구 도시의 새벽 시장');
  const body = await session.text(await session.byTestId('editor'));
  assert.match(body, /새벽 네 시, 부두 옆 어시장에/);
  assert.match(body, /"오늘 물량"을 두고/);
  const counts = await session.text(await session.byTestId('counts'));
  assert.match(counts, /원고지/);
  await session.screenshot('shell-article');
});

test('searching in Korean narrows the list, and the interface switches to English', async () => {
  const search = await session.byTestId('search');
  await session.type(search, '어시장');
  await session.until('one search hit', async () => {
    const rows = await session.findAll('[data-testid="library-item"]');
    return rows.length === 1 && (await session.text(rows[0])).includes('항구 도시') ? rows : null;
  });
  await session.click(await session.byTestId('lang-en'));
  const head = await session.until('English pane title', async () => {
    const t = await session.text(await session.find('[data-testid="library-pane"] h2'));
    return t.toLowerCase() === 'library' ? t : null;
  });
  assert.equal(head.toLowerCase(), 'library');
  const file = await session.screenshot('shell-english-search');
  assert.ok(readFileSync(file).length > 1000, `screenshot written to ${ARTIFACTS}`);
});
