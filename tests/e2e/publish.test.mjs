// Tier 4: publishing from the real window to a real WordPress (Debian's, started on
// 127.0.0.1 by tests/servers/wordpress.sh and stopped at the end). The site is added in the
// settings with its application password (no keyring runs here: the app keeps it for the
// session); "Publish…" passes the pre-flight, publishes a draft, and the post's address
// shows in the details. The post is then read back through WordPress's REST API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDriver, newsdesk } from './webdriver.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = process.env.NEWSDESK_BIN;
assert.ok(bin, 'NEWSDESK_BIN must name the built newsdesk binary');
const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-publish-'));
const wpDir = path.join(dir, 'wordpress');
const library = path.join(dir, 'publish.db');
const HEADLINE = '시립미술관, 겨울 야간 개장 네 차례 늘린다';
let wp;
let harness;
let session;

function restGet(route) {
  const out = execFileSync('curl', ['-sS', '--fail-with-body', '-u', `${wp.WP_USER}:${wp.WP_PASSWORD}`, `${wp.WP_URL}/?rest_route=${route}`], { encoding: 'utf8' });
  return JSON.parse(out);
}

before(async () => {
  execFileSync('bash', [path.join(root, 'tests/servers/wordpress.sh'), 'start', wpDir], { stdio: ['ignore', 'ignore', 'inherit'] });
  wp = Object.fromEntries(
    readFileSync(path.join(wpDir, 'env'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const md = path.join(dir, 'museum.md');
  writeFileSync(md, `# ${HEADLINE}\n\n시립미술관은 다음 달부터 금요일 밤 9시까지 문을 연다고 밝혔다.\n\n야간 개장 날에는 해설 프로그램도 두 차례 연다.\n`);
  newsdesk(bin, ['--library', library, 'import', md]);
  harness = await startDriver({ env: { NEWSDESK_LIBRARY: library, LANG: 'ko_KR.UTF-8', XDG_DATA_HOME: path.join(dir, 'data') } });
  session = await harness.session(bin);
});

after(async () => {
  await session?.end();
  harness?.stop();
  try {
    execFileSync('bash', [path.join(root, 'tests/servers/wordpress.sh'), 'stop', wpDir]);
  } catch {
    // Stopped already.
  }
});

test('a WordPress site added in the settings, an article published to it, its address in the details', async () => {
  // The site, in the settings.
  await session.click(await session.byTestId('open-settings'));
  await session.byTestId('target-form');
  await session.type(await session.byTestId('target-name'), '새벽일보');
  await session.type(await session.byTestId('target-url'), wp.WP_URL);
  await session.type(await session.byTestId('target-user'), wp.WP_USER);
  await session.type(await session.byTestId('target-secret'), wp.WP_PASSWORD);
  await session.click(await session.byTestId('target-add'));
  const listed = await session.until('the site in the list', async () => {
    const t = await session.findAll('[data-testid="target"]');
    return t.length ? session.text(t[0]) : null;
  });
  assert.match(listed, /새벽일보/);
  assert.ok(listed.includes(wp.WP_URL), listed);
  await session.execute('document.querySelector(\'[data-testid="settings"]\').dispatchEvent(new KeyboardEvent("keydown", {key: "Escape", bubbles: true}))');
  await session.until('the settings closed', async () => (await session.findAll('[data-testid="settings"]')).length === 0);

  // The article, published as a draft.
  const item = await session.until('the article in the list', async () => {
    for (const el of await session.findAll('[data-testid="library-item"]')) if ((await session.text(el)).includes('시립미술관')) return el;
    return null;
  });
  await session.click(item);
  await session.until('the article open', async () => (await session.execute('return document.querySelector(\'[data-testid="headline"]\')?.value')) === HEADLINE);
  await session.click(await session.byTestId('publish'));
  // The pre-flight runs first (this article has no byline or summary: warnings only).
  await session.click(await session.byTestId('preflight-proceed'));
  await session.byTestId('publish-sheet');
  await session.click(await session.byTestId('publish-go'));
  const url = await session.until('the post published', async () => {
    const done = await session.findAll('[data-testid="publish-url"]');
    if (done.length) return session.text(done[0]);
    const err = await session.findAll('[data-testid="publish-error"]');
    if (err.length) throw new Error(`the publish failed: ${await session.text(err[0])}`);
    return null;
  }, 60000);
  assert.ok(url.startsWith(wp.WP_URL), url);
  await session.screenshot('publish-done');
  await session.click(await session.byTestId('publish-close'));
  const shown = await session.until('the address in the details', async () => {
    const a = await session.findAll('[data-testid="published-url"]');
    return a.length ? session.text(a[0]) : null;
  });
  assert.equal(shown, url);

  // What WordPress has: the draft, its title and its text.
  const id = new URL(url).searchParams.get('p');
  const post = restGet(`/wp/v2/posts/${id}&context=edit`);
  assert.equal(post.status, 'draft');
  assert.equal(post.title.raw, HEADLINE);
  assert.match(post.content.raw, /해설 프로그램도 두 차례/);
  // And the library: a publish revision with the address.
  const list = JSON.parse(newsdesk(bin, ['--library', library, 'list', '--json']));
  const revs = JSON.parse(newsdesk(bin, ['--library', library, 'revisions', list[0].id, '--json']));
  assert.equal(revs[0].reason, 'publish');
  assert.equal(revs[0].note, url);
  await session.execute('document.querySelector(\'[data-testid="published"]\').scrollIntoView({ block: "center" })');
  await session.screenshot('published-details');
});
