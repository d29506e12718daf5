// Tier 4: started with no --library and no NEWSDESK_LIBRARY, the real app opens (and creates)
// library.db in the app-data folder, and says so in its status bar.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDriver } from './webdriver.mjs';

const bin = process.env.NEWSDESK_BIN;
assert.ok(bin, 'NEWSDESK_BIN must name the built newsdesk binary');
const dataHome = mkdtempSync(path.join(tmpdir(), 'newsdesk-xdg-'));
const expected = path.join(dataHome, 'org.newsdesk.desktop', 'library.db');
let harness;
let session;

before(async () => {
  const env = { XDG_DATA_HOME: dataHome, LANG: 'en_US.UTF-8' };
  delete process.env.NEWSDESK_LIBRARY;
  harness = await startDriver({ env });
  session = await harness.session(bin);
});

after(async () => {
  await session?.end();
  harness?.stop();
});

test('the default library is created in the app-data folder and shown, with a welcome that loads samples', async () => {
  const shown = await session.until('library path', async () => {
    const t = await session.text(await session.byTestId('library-path'));
    return t.endsWith('library.db') ? t : null;
  });
  assert.equal(shown, expected);
  assert.ok(existsSync(expected), 'library.db was created');
  const empty = await session.text(await session.byTestId('library-empty'));
  assert.match(empty, /Your library is empty/);
  await session.screenshot('welcome');
  await session.click(await session.byTestId('load-samples'));
  const rows = await session.until('sample rows', async () => {
    const r = await session.findAll('[data-testid="library-item"]');
    return r.length === 4 ? r : null;
  });
  assert.equal(rows.length, 4);
  await session.screenshot('library-samples');
});
