// Tier 4: importing in the real window. "Import files…" in an empty library takes a folder
// of articles, an edition file and two files it must refuse (NEWSDESK_OPEN_FILES answers the
// open dialog, which WebDriver cannot): the list has what arrived, the first piece opens,
// and each refused file is named with its reason, in Korean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDriver, newsdesk } from './webdriver.mjs';

// Press releases of our own (src-tauri/core/tests/fixtures/release, made by its scripts).
const releases = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src-tauri/core/tests/fixtures/release');

const bin = process.env.NEWSDESK_BIN;
assert.ok(bin, 'NEWSDESK_BIN must name the built newsdesk binary');
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-import-'));
const library = path.join(dir, 'import.db');
const folder = path.join(dir, '받은 기사');
mkdirSync(folder);
// Written as other programs write them: CRLF and a byte order mark, a hard-wrapped text.
writeFileSync(path.join(folder, '01-market.md'), '\uFEFF# 새벽 수산시장, 경매가 30분 당겨진다\r\n\r\n시장 관리공단은 다음 달부터 첫 경매를 새벽 4시 30분에 연다고 밝혔다.\r\n');
writeFileSync(path.join(folder, '02-ferry.txt'), 'Island ferry adds a winter crossing\n\nThe operator will run one more\ncrossing on Saturdays from December.\n');
const edition = path.join(dir, 'weekend.txt');
writeFileSync(edition, '이번 주 강변 소식을 모았습니다.\n이어 주말 주요 뉴스입니다.\n■ 야시장 연장\n상인회가 운영을 한 달 늘렸다.\n');
const photo = path.join(dir, 'scan.pdf');
writeFileSync(photo, '%PDF-1.4 not really');
const empty = path.join(dir, 'empty.md');
writeFileSync(empty, '');
const saved = path.join(dir, 'saved');
mkdirSync(saved);
let harness;
let session;

before(async () => {
  harness = await startDriver({
    env: {
      NEWSDESK_LIBRARY: library,
      LANG: 'ko_KR.UTF-8',
      XDG_DATA_HOME: path.join(dir, 'data'),
      NEWSDESK_EXPORT_DIR: saved,
      NEWSDESK_OPEN_FILES: [
        folder,
        edition,
        path.join(releases, 'release.hwpx'),
        path.join(releases, 'locked.hwp'),
        path.join(releases, 'scanned.pdf'),
        photo,
        empty,
      ].join(path.delimiter),
    },
  });
  session = await harness.session(bin);
});

after(async () => {
  await session?.end();
  harness?.stop();
});

test('"Import files…" brings in a folder and an edition, opens the first, and names each refused file', async () => {
  await session.byTestId('library-empty');
  await session.click(await session.byTestId('import-files-welcome'));
  const report = await session.until('the import report', async () => {
    const r = await session.findAll('[data-testid="import-report"]');
    return r.length ? session.text(r[0]) : null;
  });
  assert.match(report, /4건을 가져왔습니다/);
  const refused = await session.execute('return [...document.querySelectorAll(\'[data-testid="import-refused"]\')].map((e) => e.textContent)');
  assert.equal(refused.length, 4, refused.join(' | '));
  assert.ok(refused.some((r) => r.startsWith('locked.hwp') && r.includes('배포용')), refused.join(' | '));
  assert.ok(refused.some((r) => r.startsWith('scanned.pdf') && r.includes('스캔')), refused.join(' | '));
  assert.ok(refused.some((r) => r.startsWith('scan.pdf') && r.includes('손상')), refused.join(' | '));
  assert.ok(refused.some((r) => r.startsWith('empty.md') && r.includes('비어')), refused.join(' | '));
  assert.ok(refused.every((r) => !/[a-z]{4,} [a-z]{4,}/.test(r.replace(/\S+\.(md|pdf)/g, ''))), `said in Korean: ${refused}`);
  // The first piece is open in the editor.
  const headline = await session.until('the first article open', async () => {
    const v = await session.execute('return document.querySelector(\'[data-testid="headline"]\')?.value ?? null');
    return v ? v : null;
  });
  assert.equal(headline, '새벽 수산시장, 경매가 30분 당겨진다');
  await session.screenshot('import-report');
  // The library holds exactly what the report says.
  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--kind', 'article', '--json']));
  assert.equal(rows.length, 3);
  const roundups = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--kind', 'roundup', '--json']));
  assert.equal(roundups.length, 1);
  const ferry = rows.find((r) => r.headline.startsWith('Island ferry'));
  const shown = JSON.parse(newsdesk(bin, ['--library', library, 'show', ferry.id, '--json']));
  assert.match(JSON.stringify(shown.body), /one more crossing on Saturdays/, 'the hard-wrapped lines are one paragraph');
});

test('the HWPX press release is a draft with its own title, subtitle, table and picture', async () => {
  await session.click(await session.byTestId('tab-articles'));
  const item = await session.until('the release in the list', async () => {
    const items = await session.findAll('[data-testid="library-item"]');
    for (const el of items) if ((await session.text(el)).includes('갯벌 체험객')) return el;
    return null;
  });
  await session.click(item);
  const opened = await session.until('the release open', async () => {
    const v = await session.execute('return [document.querySelector(\'[data-testid="headline"]\')?.value, document.querySelector(\'[data-testid="deck"]\')?.value]');
    return v[0]?.includes('갯벌') ? v : null;
  });
  assert.deepEqual(opened, ['갯벌 체험객 안전 지킴이 300명, 올봄 전국 해변에 배치', '물때 알림 문자와 구명조끼 무료 대여소도 함께 운영']);
  const table = await session.execute(
    'const t = document.querySelector(\'[data-testid="editor"] table\'); return t ? [t.querySelectorAll("tr").length, t.querySelectorAll("th").length] : null',
  );
  assert.ok(table && table[0] === 4 && table[1] >= 3, `a 4-row table with a header row: ${table}`);
  const picture = await session.execute('return document.querySelectorAll(\'[data-testid="editor"] figure[data-asset]\').length');
  assert.equal(picture, 1);
  const body = await session.execute('return document.querySelector(\'[data-testid="editor"]\').textContent');
  assert.ok(!body.includes('보도자료') || !body.includes('2025. 4. 10.'), 'the letterhead stays out of the body');
  await session.screenshot('import-release');
});

test('the release beside the draft: the details name it, the source pane shows its text, the original saves back out', async () => {
  // The HWPX release is open (the test above).
  const facts = await session.until('the source in the details', async () => {
    const f = await session.findAll('[data-testid="source-facts"]');
    return f.length ? session.text(f[0]) : null;
  });
  assert.match(facts, /release\.hwpx/);
  assert.match(facts, /해양생활안전처/);
  await session.click(await session.byTestId('source-toggle-bar'));
  const text = await session.until('the source pane', async () => {
    const t = await session.findAll('[data-testid="source-text"]');
    return t.length ? session.text(t[0]) : null;
  });
  // The letterhead and the contacts the draft leaves out are there, and the release's body.
  assert.match(text, /보도자료/);
  assert.match(text, /044-555-0102/);
  assert.match(text, /구명조끼/);
  const side = await session.execute(
    'const p = document.querySelector(\'[data-testid="source-pane"]\').getBoundingClientRect(); return [p.left, p.right, p.height, window.innerWidth]',
  );
  assert.ok(side[0] >= 0 && side[1] <= side[3] + 1 && side[2] > 50, `the pane is in the window: ${side}`);
  await session.screenshot('source-pane');
  // The article stays the reporter's to edit while the release is open.
  const headline = await session.byTestId('headline');
  await session.click(headline);
  await session.execute('const h = document.querySelector(\'[data-testid="headline"]\'); h.setSelectionRange(h.value.length, h.value.length)');
  await session.type(headline, ' 배치');
  // The original saves back out as it arrived; search finds a word only in the release, marked.
  await session.click(await session.byTestId('source-save'));
  const said = await session.until('the saved note', async () => {
    const n = await session.findAll('[data-testid="source-saved"]');
    return n.length ? session.text(n[0]) : null;
  });
  assert.match(said, /release\.hwpx/);
  assert.deepEqual(readFileSync(path.join(saved, 'release.hwpx')), readFileSync(path.join(releases, 'release.hwpx')));
  const hits = JSON.parse(newsdesk(bin, ['--library', library, 'search', '044-555-0102', '--json']));
  assert.equal(hits.length, 1);
  assert.equal(hits[0].in_source, true);
});

test('a length goal set in the details shows as progress and is kept with the piece', async () => {
  const amount = await session.byTestId('goal-amount');
  await session.click(amount);
  await session.type(amount, '8');
  await session.execute('const u = document.querySelector(\'[data-testid="goal-unit"]\'); u.value = "pages"; u.dispatchEvent(new Event("change", { bubbles: true }))');
  await session.click(await session.byTestId('goal-set'));
  const progress = await session.until('the goal progress', async () => {
    const p = await session.findAll('[data-testid="goal-progress"]');
    return p.length ? session.text(p[0]) : null;
  });
  assert.match(progress, /^[\d.]+ \/ 8매 \(\d+%\)$/);
  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'search', '갯벌 체험객', '--json']));
  const shown = JSON.parse(newsdesk(bin, ['--library', library, 'show', rows[0].id, '--json']));
  assert.deepEqual(shown.length_goal, { goal: { unit: 'pages', amount: 8 }, origin: 'piece' });
});
