// Exports made from hostile input (script tags, event handlers, javascript: links, SVG and
// MathML tricks, broken entities), articles and a weekend roundup in every format, opened
// in headless Chromium: nothing in them runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { newsdesk } from './webdriver.mjs';

const require = createRequire(new URL('../../ui/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const bin = process.env.NEWSDESK_BIN;
assert.ok(bin, 'NEWSDESK_BIN must name the built newsdesk binary');

const dir = mkdtempSync(path.join(tmpdir(), 'newsdesk-hostile-'));
const lib = path.join(dir, 'hostile.db');
const out = path.join(dir, 'out');
let browser;

const corpus = {
  'markup.html': `<html><head><title>Hostile <b>page</b></title><script>window.__pwned = 1</script></head>
<body><h1 onclick="window.__pwned=2">제목 <img src=x onerror="window.__pwned=3"></h1>
<p>본문 <a href="javascript:window.__pwned=4">링크</a> <svg><script>window.__pwned=5</script></svg>
<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=6"></style></mglyph></table></mtext></math>
<iframe srcdoc="<script>parent.__pwned=7</script>"></iframe> &amp;lt;script&amp;gt; &#x3C;b&#x3E; &unknown; &#99999999;</p>
<p style="background:url(javascript:window.__pwned=8)">스타일</p><object data="javascript:window.__pwned=9"></object></body></html>`,
  'links.md': `# 링크 "모음" <script>window.__pwned=10</script>

[자바스크립트](javascript:window.__pwned=11) [데이터](data:text/html,<script>window.__pwned=12</script>)
<img src=x onerror="window.__pwned=13"> **<svg onload="window.__pwned=14">**

![그림](javascript:window.__pwned=15)
`,
  'plain.txt': `</title><script>window.__pwned=16</script>

"><img src=x onerror=window.__pwned=17> {{ 7*7 }} {% raw %} ]]> --> <!--
`,
};

before(async () => {
  const input = path.join(dir, 'in');
  mkdirSync(input);
  mkdirSync(out);
  for (const [name, text] of Object.entries(corpus)) writeFileSync(path.join(input, name), text);
  const created = JSON.parse(newsdesk(bin, ['--library', lib, 'import', input, '--json']));
  assert.equal(created.length, 3);
  for (const { id } of created) {
    for (const format of ['html', 'markdown', 'text', 'ninjs']) {
      newsdesk(bin, ['--library', lib, 'export', id, '--format', format, '-o', out]);
    }
  }
  // A weekend roundup made of the same kind of text, in its five formats.
  const edition = path.join(dir, 'edition.txt');
  writeFileSync(edition, `<script>window.__pwned=20</script> 주말판

리드 <img src=x onerror="window.__pwned=21"> 문단.

이어 주요 뉴스입니다.

■ <svg onload="window.__pwned=22">제목</svg>
요약 <a href="javascript:window.__pwned=23">링크</a> </style><script>window.__pwned=24</script>

OUTLET news@outlet.example
`);
  const [roundup] = JSON.parse(newsdesk(bin, ['--library', lib, 'import', edition, '--as', 'roundup', '--json']));
  for (const format of ['html', 'email', 'text', 'markdown', 'jsonfeed']) {
    newsdesk(bin, ['--library', lib, 'export', roundup.id, '--format', format, '-o', out]);
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
});

test('no exported file runs anything when opened in Chromium', async () => {
  // Control: the same probe does see code that runs.
  const control = await browser.newPage();
  await control.setContent('<p onclick="window.__pwned=1">x</p>');
  await control.locator('p').click();
  assert.equal(await control.evaluate(() => window.__pwned), 1, 'the probe detects executed code');
  await control.close();

  const files = readdirSync(out);
  assert.equal(files.length, 17, files.join(', '));
  for (const file of files) {
    const page = await browser.newPage();
    const dialogs = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      d.dismiss();
    });
    await page.goto(`file://${path.join(out, file)}`);
    // Click everything that could carry a handler or a javascript: link.
    for (const el of await page.locator('a, h1, p, img, figure').all()) await el.click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(100);
    const state = await page.evaluate(() => ({
      pwned: window.__pwned ?? null,
      scripts: [...document.scripts].map((s) => s.type),
      handlers: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name)),
      jsLinks: [...document.querySelectorAll('[href],[src]')].map((e) => e.getAttribute('href') ?? e.getAttribute('src')).filter((u) => /^\s*javascript:/i.test(u)),
      frames: document.querySelectorAll('iframe, object, embed, svg, math').length,
    }));
    assert.deepEqual(dialogs, [], file);
    assert.equal(state.pwned, null, `${file} ran hostile code`);
    assert.deepEqual(state.handlers, [], file);
    assert.deepEqual(state.jsLinks, [], file);
    assert.equal(state.frames, 0, file);
    // Article pages carry their JSON-LD; edition pages and e-mails carry no script at all.
    if (file.endsWith('.html')) assert.ok(state.scripts.every((t) => t === 'application/ld+json') && state.scripts.length <= 1, file);
    await page.close();
  }
});
