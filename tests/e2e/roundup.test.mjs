// Tier 4: building a weekend roundup in the real window. Three library articles and one
// standalone brief make an edition; two briefs are swapped by keyboard; the preview (the
// export renderer, in its frame) follows; the saved edition and its export keep that order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDriver, newsdesk } from './webdriver.mjs';

const bin = process.env.NEWSDESK_BIN;
assert.ok(bin, 'NEWSDESK_BIN must name the built newsdesk binary');
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-roundup-'));
const library = path.join(dir, 'roundup.db');
const exportDir = path.join(dir, 'exports');
mkdirSync(exportDir);
let harness;
let session;

// Three articles of our own, marked ready.
const ARTICLES = [
  ['시장 골목에 새 지붕', '비를 막는 투명 지붕이 시장 골목 끝까지 이어졌다. 상인들은 장마철 손님이 줄지 않기를 바란다.'],
  ['Harbour lights back on', 'The harbour lamps are lit again after a month of repairs. The council says the cables will last twenty years.'],
  ['도서관 옥상 정원 개방', '구립 도서관 옥상에 작은 정원이 문을 열었다. 주말마다 책을 읽는 자리가 스무 개 늘었다.'],
];
const STANDALONE = ['주말 날씨 맑음', '토요일과 일요일 모두 맑고 바람이 약하다. 밤에는 조금 쌀쌀하다.'];

before(async () => {
  ARTICLES.forEach(([headline, summary], i) => {
    const file = path.join(dir, `a${i}.md`);
    writeFileSync(file, `---\nsummary: ${summary}\n---\n\n# ${headline}\n\n${summary} 본문은 더 길다.\n`);
    newsdesk(bin, ['--library', library, 'import', file, '--as', 'article', '--status', 'ready']);
  });
  harness = await startDriver({
    env: {
      NEWSDESK_LIBRARY: library,
      LANG: 'en_US.UTF-8',
      XDG_DATA_HOME: path.join(dir, 'data'),
      NEWSDESK_EXPORT_DIR: exportDir,
    },
  });
  session = await harness.session(bin);
});

after(async () => {
  await session?.end();
  harness?.stop();
});

async function attr(el, name) {
  return session.cmd('GET', `/element/${el}/attribute/${name}`);
}

async function savedState() {
  return session.until('save-state saved', async () => {
    const state = await attr(await session.byTestId('save-state'), 'data-state');
    return state === 'saved' ? state : null;
  }, 20000);
}

/** The brief headlines in the builder, in order. */
async function builderHeadlines() {
  return session.execute(
    'return [...document.querySelectorAll(\'[data-testid="roundup-item"] [data-testid="brief-headline"]\')].map((e) => e.value)',
  );
}

/** The text of the preview frame's document. */
async function previewText() {
  const frame = await session.byTestId('roundup-preview');
  await session.cmd('POST', '/frame', { id: { 'element-6066-11e4-a52e-4f735466cecf': frame } });
  try {
    return await session.execute('return document.body ? document.body.innerText : ""');
  } finally {
    await session.cmd('POST', '/frame/parent', {});
  }
}

/** Waits until the preview shows the headlines in this order. */
async function previewFollows(headlines) {
  return session.until(`preview in order ${headlines.join(' / ')}`, async () => {
    const text = await previewText().catch(() => '');
    const at = headlines.map((h) => text.indexOf(h));
    return at.every((i, k) => i >= 0 && (k === 0 || i > at[k - 1])) ? text : null;
  }, 20000);
}

test('an edition is built from three library articles and one standalone brief', async () => {
  await session.click(await session.byTestId('new-roundup'));
  await session.type(await session.byTestId('roundup-title'), 'Weekend briefing 주말 브리핑');
  const lead = await session.byTestId('roundup-lead-body');
  await session.click(lead);
  await session.type(lead, '한 주가 조용히 지나갔다. A quiet week in town.');
  // A new edition starts with the outlet's transition line; the reporter writes over it.
  const transition = await session.byTestId('roundup-transition');
  assert.equal(await session.execute('return arguments[0].value', [{ 'element-6066-11e4-a52e-4f735466cecf': transition }]), '이어 주말 주요 뉴스입니다.');
  await session.type(transition, '\uE009a\uE009\uE003이어 이번 주 주요 기사입니다.');

  await session.click(await session.byTestId('add-brief'));
  for (const [headline] of ARTICLES) {
    const candidates = await session.until('ready articles listed', async () => {
      const c = await session.findAll('[data-testid="brief-candidate"]');
      return c.length === 3 ? c : null;
    });
    let picked = false;
    for (const c of candidates) {
      if ((await session.text(c)).includes(headline)) {
        await session.execute('arguments[0].scrollIntoView({ block: "center" })', [{ 'element-6066-11e4-a52e-4f735466cecf': c }]);
        await session.click(c);
        picked = true;
        break;
      }
    }
    assert.ok(picked, `${headline} offered among the week's ready articles`);
    await session.until(`${headline} added`, async () => ((await builderHeadlines()).includes(headline) ? true : null));
  }
  await session.click(await session.byTestId('picker-close'));

  await session.click(await session.byTestId('add-standalone'));
  const heads = await session.findAll('[data-testid="brief-headline"]');
  await session.type(heads[3], STANDALONE[0]);
  const summaries = await session.findAll('[data-testid="brief-summary"]');
  await session.type(summaries[3], STANDALONE[1]);

  const order = [...ARTICLES.map(([h]) => h), STANDALONE[0]];
  assert.deepEqual(await builderHeadlines(), order);
  const items = await session.findAll('[data-testid="roundup-item"]');
  assert.equal(items.length, 4);
  // A brief from the library starts with the article's own summary.
  assert.equal(await session.execute('return document.querySelectorAll(\'[data-testid="brief-summary"]\')[1].value'), ARTICLES[1][1]);
  await previewFollows(order);
  await savedState();
  await session.screenshot('roundup-builder');
});

test('two briefs swapped by keyboard: the builder, the preview and the library follow', async () => {
  // Focus the second brief's handle and press ↓: it trades places with the third.
  const handles = await session.findAll('[data-testid="brief-handle"]');
  await session.type(handles[1], '\uE015');
  const order = [ARTICLES[0][0], ARTICLES[2][0], ARTICLES[1][0], STANDALONE[0]];
  await session.until('builder reordered', async () => {
    const h = await builderHeadlines();
    return JSON.stringify(h) === JSON.stringify(order) ? h : null;
  });
  // The moved brief keeps the focus on its handle.
  const focused = await session.execute('return document.activeElement?.closest(\'[data-testid="roundup-item"]\')?.querySelector(\'[data-testid="brief-headline"]\')?.value ?? null');
  assert.equal(focused, ARTICLES[1][0], 'the moved brief keeps the keyboard focus');
  // Alt+Shift+↑ from inside a brief's summary moves it too: the swap undone, then redone.
  const summaries = await session.findAll('[data-testid="brief-summary"]');
  await session.click(summaries[2]);
  const chord = (key) => [
    { type: 'keyDown', value: '\uE00A' },
    { type: 'keyDown', value: '\uE008' },
    { type: 'keyDown', value: key },
    { type: 'keyUp', value: key },
    { type: 'keyUp', value: '\uE008' },
    { type: 'keyUp', value: '\uE00A' },
  ];
  await session.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: chord('\uE013') }] });
  await session.cmd('DELETE', '/actions');
  const back = [...ARTICLES.map(([h]) => h), STANDALONE[0]];
  await session.until('swap undone by Alt+Shift+Up', async () => {
    const h = await builderHeadlines();
    return JSON.stringify(h) === JSON.stringify(back) ? h : null;
  });
  await previewFollows(back);
  await session.type((await session.findAll('[data-testid="brief-handle"]'))[1], '\uE015');
  const text = await previewFollows(order);
  assert.ok(text.includes('이어 이번 주 주요 기사입니다.'), 'the transition line is in the preview');
  await savedState();
  await new Promise((r) => setTimeout(r, 1500));
  await savedState();

  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--kind', 'roundup', '--json']));
  assert.equal(rows.length, 1);
  const shown = JSON.parse(newsdesk(bin, ['--library', library, 'show', rows[0].id, '--json']));
  assert.deepEqual(shown.items.map((b) => b.headline), order);
  assert.equal(shown.items[3].article_id, null);
  assert.equal(shown.items[3].summary, STANDALONE[1]);
  assert.equal(shown.transition, '이어 이번 주 주요 기사입니다.');
  await session.execute('document.querySelector(".roundup-builder").scrollTop = 0');
  await session.screenshot('roundup-reordered');
});

test('exporting the edition from the window keeps the order and the texts', async () => {
  const format = await session.byTestId('export-format');
  await session.execute('const s = arguments[0]; s.value = "text"; s.dispatchEvent(new Event("change"));', [
    { 'element-6066-11e4-a52e-4f735466cecf': format },
  ]);
  await session.click(await session.byTestId('export'));
  // The pre-flight may warn (it is tested with the article export): go on when it does.
  await session.until('export written', async () => {
    if (readdirSync(exportDir).length === 1) return true;
    const proceed = await session.findAll('[data-testid="preflight-proceed"]');
    if (proceed.length) await session.click(proceed[0]);
    return null;
  });
  const text = readFileSync(path.join(exportDir, readdirSync(exportDir)[0]), 'utf8');
  const order = [ARTICLES[0], ARTICLES[2], ARTICLES[1], STANDALONE];
  let from = 0;
  for (const [headline, summary] of order) {
    const h = text.indexOf(`■ ${headline}`, from);
    assert.ok(h >= 0, `■ ${headline} in order in the exported text`);
    const s = text.indexOf(summary, h);
    assert.ok(s > h, `the summary of ${headline} follows its headline`);
    from = s;
  }
});

test('the plain-text preview wraps Korean at word ends, not in the middle of a word', async () => {
  const pick = (format) =>
    session.execute(
      `const s = document.querySelector('[data-testid="preview-format"]'); s.value = '${format}'; s.dispatchEvent(new Event('change', { bubbles: true })); return s.value`,
    );
  assert.equal(await pick('text'), 'text');
  const frame = await session.byTestId('roundup-preview');
  const shown = await session.until('the text preview as a page', async () => {
    await session.cmd('POST', '/frame', { id: { 'element-6066-11e4-a52e-4f735466cecf': frame } });
    try {
      return await session.execute(
        'const p = document.querySelector("pre"); return p ? [document.documentElement.lang, getComputedStyle(p).wordBreak, getComputedStyle(p).whiteSpace, p.textContent.includes("이어 이번 주 주요 기사입니다.")] : null',
      );
    } finally {
      await session.cmd('POST', '/frame/parent', {});
    }
  });
  assert.deepEqual(shown, ['ko', 'keep-all', 'pre-wrap', true]);
  await pick('html');
});

test('an edition pasted as plain text opens in the builder with its parts recognised', async () => {
  await session.click(await session.byTestId('paste-edition-open'));
  const box = await session.byTestId('paste-edition-text');
  const pasted = [
    '주말 동안 도시는 조용했다.',
    '',
    '이어 주요 소식입니다.',
    '',
    '■ "항구에 새 등대"',
    '등대가 다시 불을 켰다. 어민들이 반겼다.',
    '',
    '▲ 시장 지붕 공사',
    '공사는 다음 달 끝난다.',
    '',
    'WEEKEND DESK desk@weekend.example',
  ].join('\n');
  await session.execute('const t = arguments[0]; t.value = arguments[1]; t.dispatchEvent(new Event("input", { bubbles: true }));', [
    { 'element-6066-11e4-a52e-4f735466cecf': box },
    pasted,
  ]);
  await session.click(await session.byTestId('paste-edition-import'));
  await session.until('pasted edition open', async () => {
    const h = await builderHeadlines();
    return JSON.stringify(h) === JSON.stringify(['"항구에 새 등대"', '시장 지붕 공사']) ? h : null;
  });
  assert.equal(await session.execute('return document.querySelector(\'[data-testid="roundup-transition"]\').value'), '이어 주요 소식입니다.');
  assert.equal(await session.execute('return document.querySelector(\'[data-testid="signoff-outlet"]\').value'), 'WEEKEND DESK');
  assert.equal(await session.execute('return document.querySelector(\'[data-testid="signoff-email"]\').value'), 'desk@weekend.example');
  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--kind', 'roundup', '--json']));
  assert.equal(rows.length, 2);
});

test('an edition pasted in the outlet form (one paragraph per line, no blank lines) keeps its parts', async () => {
  // The edition core's outlet-form test reads: sixteen lead paragraphs, the transition on
  // the next line, three briefs with quotes and ellipses, the sign-off.
  const pasted = readFileSync(path.resolve(import.meta.dirname, '../../src-tauri/core/tests/fixtures/edition/outlet-form.txt'), 'utf8');
  const lines = pasted.trimEnd().split('\n');
  await session.click(await session.byTestId('paste-edition-open'));
  const box = await session.byTestId('paste-edition-text');
  await session.execute('const t = arguments[0]; t.value = arguments[1]; t.dispatchEvent(new Event("input", { bubbles: true }));', [
    { 'element-6066-11e4-a52e-4f735466cecf': box },
    pasted,
  ]);
  await session.click(await session.byTestId('paste-edition-import'));
  const headlines = [lines[17], lines[19], lines[21]].map((l) => l.replace(/^■ /, ''));
  await session.until('outlet-form edition open', async () =>
    JSON.stringify(await builderHeadlines()) === JSON.stringify(headlines) ? true : null,
  );
  assert.equal(await session.execute('return document.querySelector(\'[data-testid="roundup-transition"]\').value'), '이어 주말 주요 뉴스입니다.');
  assert.equal(await session.execute('return document.querySelector(\'[data-testid="signoff-outlet"]\').value'), '해솔일보');
  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--kind', 'roundup', '--json']));
  const shown = rows.map((r) => JSON.parse(newsdesk(bin, ['--library', library, 'show', r.id, '--json']))).find((r) => r.signoff.outlet === '해솔일보');
  const lead = shown.lead.body.content.map((p) => p.content.map((c) => c.text).join(''));
  assert.deepEqual(lead, lines.slice(0, 16), 'one lead paragraph per line');
  assert.deepEqual(shown.items.map((b) => b.summary), [lines[18], lines[20], lines[22]]);
  // Exported as text from the command line, it is the pasted text again.
  assert.equal(newsdesk(bin, ['--library', library, 'export', shown.id, '--format', 'text']), pasted);
});

test('"Start from this week" makes an edition of the ready articles; a brief without a summary shows a draft, marked until edited', async () => {
  const body = [
    '해솔시가 내년부터 시내버스 첫차를 오전 5시로 30분 앞당긴다. 새벽 출근길 시민들의 요청을 받아들인 결정이다.',
    '시는 "첫차 승객이 1년 새 12.5% 늘었다"라고 설명했다. 노선 세 곳이 먼저 바뀐다.',
  ];
  const file = path.join(dir, 'no-summary.md');
  writeFileSync(file, `# 첫차 30분 앞당긴다\n\n${body.join('\n\n')}\n`);
  newsdesk(bin, ['--library', library, 'import', file, '--as', 'article', '--status', 'ready']);
  await session.click(await session.byTestId('roundup-from-week'));
  const headlines = await session.until('edition from this week', async () => {
    const h = await builderHeadlines();
    return h.length === 4 && h[0] === '첫차 30분 앞당긴다' ? h : null;
  });
  assert.deepEqual([...headlines].slice(1).sort(), ARTICLES.map(([h]) => h).sort(), 'the three ready articles follow');
  const summaries = () => session.execute('return [...document.querySelectorAll(\'[data-testid="brief-summary"]\')].map((e) => e.value)');
  const drafted = () => session.execute('return [...document.querySelectorAll(\'[data-testid="roundup-item"]\')].map((e) => !!e.querySelector(\'[data-testid="brief-drafted"]\'))');
  const first = (await summaries())[0];
  assert.ok(first.length > 0 && body.join(' ').includes(first.split('. ')[0]), `the draft is the body's own sentences: ${first}`);
  assert.deepEqual(await drafted(), [true, false, false, false], 'only the drafted summary is marked');
  // The meter counts the draft's sentences as core does (the pre-flight's count).
  const meter = await session.until('meter counted', async () => {
    const m = await session.execute('return document.querySelector(\'[data-testid="brief-meter"]\').textContent');
    return /[0-9]+\/3/.test(m) && !m.includes('…') ? m : null;
  });
  assert.match(meter, /[23]\/3/, `a draft of two or three sentences: ${meter}`);
  assert.equal(await session.execute('return document.querySelector(\'[data-testid="roundup-transition"]\').value'), '이어 주말 주요 뉴스입니다.');
  await session.screenshot('roundup-from-week');
  // Edited by the reporter, it is no longer a draft, and the library keeps it so.
  const box = (await session.findAll('[data-testid="brief-summary"]'))[0];
  await session.type(box, ' 요금은 그대로다.');
  await session.until('draft mark gone', async () => ((await drafted())[0] === false ? true : null));
  await savedState();
  const rows = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--kind', 'roundup', '--json']));
  const shown = rows.map((r) => JSON.parse(newsdesk(bin, ['--library', library, 'show', r.id, '--json']))).find((r) => r.items[0]?.headline === '첫차 30분 앞당긴다');
  assert.ok(shown, 'the edition is in the library');
  assert.ok(!shown.items[0].drafted && shown.items[0].summary.endsWith('요금은 그대로다.'));
});
