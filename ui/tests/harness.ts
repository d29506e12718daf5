// Serves the built UI (ui/dist) with the app's own CSP and opens it in Debian's Chromium
// through playwright-core, with Tauri's IPC replaced by an in-page fake library.
import { afterAll, beforeAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** The CSP of tauri.conf.json as one header value. */
export function appCsp(): string {
  const conf = JSON.parse(readFileSync(path.join(root, '..', 'tauri.conf.json'), 'utf8'));
  const csp = conf.app.security.csp as Record<string, string>;
  return Object.entries(csp)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}

export async function serveDist(): Promise<{ url: string; server: Server }> {
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('ui/dist is missing: run `npm run build` first');
  const csp = appCsp();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname.slice(1));
    const file = path.join(dist, rel);
    if (!file.startsWith(dist) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': types[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': csp,
    });
    res.end(readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');
  return { url: `http://127.0.0.1:${addr.port}/`, server };
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Installs a fake `__TAURI_INTERNALS__`: a small in-page library answering the app's commands
 * from `fixture`. Calls are recorded in `window.__ipcCalls`, saved articles in `window.__saved`.
 */
export async function mockIpc(page: Page, fixture: unknown): Promise<void> {
  await page.addInitScript((data) => {
    type Full = Record<string, unknown> & { id: string; version: number; headline: string; status: string; body: unknown; updated_at: string };
    const w = window as unknown as Record<string, unknown>;
    const calls: { cmd: string; args: unknown }[] = [];
    const d = data as {
      info: unknown;
      articles: { id: string; headline: string; status: string; body_text: string }[];
      full: Record<string, Full>;
    };
    const saved: Record<string, Full> = {};
    const goals: Record<string, unknown> = { ...((data as { goals?: Record<string, unknown> }).goals ?? {}) };
    let nextId = 100;
    w.__ipcCalls = calls;
    // Another window saves the article meanwhile: the next save of this one is a conflict.
    w.__changeElsewhere = (id: string) => {
      const a = d.full[id];
      d.full[id] = { ...a, headline: `${a.headline} (desk)`, version: a.version + 1, updated_at: new Date().toISOString() };
    };
    w.__saved = saved;
    w.__images = [];
    w.__published = [];
    w.__trashed = [];
    w.__rules = [
      { id: 'ko.hayeotda', severity: 'error', enabled: true, message_ko: '하였다는 했다로', message_en: 'hayeotda', example: '' },
      { id: 'ko.unit_space', severity: 'warning', enabled: true, message_ko: '단위는 붙여 씁니다', message_en: 'units', example: '' },
    ];
    const now = () => new Date().toISOString();
    // As core does: a save whose fields equal the stored ones keeps the version and time.
    const stable = (v: unknown): string =>
      Array.isArray(v) ? `[${v.map(stable).join(',')}]`
      : v && typeof v === 'object' ? `{${Object.keys(v).sort().map((k) => `${k}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`
      : JSON.stringify(v);
    const unchanged = (stored: Record<string, unknown>, fields: Record<string, unknown>) =>
      Object.keys(fields).every((k) => stable(stored[k]) === stable(fields[k]));
    const counts = { chars: 0, chars_no_spaces: 0, words: 0, manuscript_pages: 0, reading_minutes: 0 };
    w.__TAURI_INTERNALS__ = {
      transformCallback: () => 0,
      convertFileSrc: (p: string, scheme: string) => `${scheme}://localhost/${p}`,
      invoke: async (cmd: string, args: Record<string, unknown>) => {
        calls.push({ cmd, args: JSON.parse(JSON.stringify(args ?? {})) });
        const req = (args?.request ?? {}) as Record<string, unknown>;
        switch (cmd) {
          case 'app_info':
            return d.info;
          case 'list_articles': {
            const kindOf = (a: { kind?: string }) => a.kind ?? 'article';
            const all = d.articles.filter(
              (a) => (!req.status || a.status === req.status) && !req.trashed && (!req.kind || kindOf(a as { kind?: string }) === req.kind),
            );
            const offset = Number(req.offset ?? 0);
            const limit = Number(req.limit ?? all.length);
            return { rows: all.slice(offset, offset + limit), total: all.length };
          }
          case 'search_articles': {
            const text = String(req.text);
            const hits = d.articles
              .filter((a) => a.headline.includes(text) || a.body_text.includes(text))
              .filter((a) => !req.status || a.status === req.status)
              .map((a) => ({ ...a, kind: 'article', rank: 1, snippet: a.body_text.replace(text, `«${text}»`) }));
            return { hits, total: hits.length, more: false };
          }
          case 'get_article': {
            const a = d.full[String(args.id)];
            if (!a) throw { kind: 'not_found', message: `article ${String(args.id)} was not found` };
            return a;
          }
          case 'create_article': {
            const id = `0190c0de-0000-7000-8000-${String(nextId++).padStart(12, '0')}`;
            const a: Full = {
              id, kind: 'article', headline: String(req.headline ?? ''), deck: '', byline: { name: '', email: '' },
              summary: '', body: { type: 'doc', content: [] }, tags: [], section: '', language: 'ko', status: 'draft',
              created_at: now(), updated_at: now(), published_at: null, trashed_at: null, version: 1, counts,
            };
            d.full[id] = a;
            d.articles.push({ id, headline: a.headline, status: 'draft', body_text: '', updated_at: a.updated_at, chars: 0 } as never);
            return a;
          }
          case 'save_article': {
            const a = d.full[String(req.id)];
            if (a.version !== req.base_version) throw { kind: 'conflict', message: 'changed elsewhere' };
            // Core's limit (model/limits.rs), in core's words.
            if ([...String((req.fields as { headline: string }).headline)].length > 500) throw { kind: 'invalid', message: 'headline is too long (at most 500 characters)' };
            if (unchanged(a, req.fields as Record<string, unknown>)) return (saved[a.id] = a);
            const next = { ...a, ...(req.fields as object), version: a.version + 1, updated_at: now() } as Full;
            d.full[a.id] = next;
            saved[a.id] = next;
            return next;
          }
          case 'set_status': {
            const a = d.full[String(req.id)];
            if (a.status !== req.status) d.full[a.id] = { ...a, status: String(req.status), version: a.version + 1, updated_at: now() };
            return d.full[a.id];
          }
          case 'export_article':
            return `/home/reporter/exports/${String(req.id)}.${String(req.format)}`;
          case 'export_all':
            return { folder: '/home/reporter/exports', files: 3, index: '/home/reporter/exports/index.html' };
          case 'list_revisions':
            return (d as { revisions?: Record<string, unknown[]> }).revisions?.[String(args.id)] ?? [];
          case 'compare_revisions': {
            const revs = ((d as { revisions?: Record<string, { id: number }[]> }).revisions?.[String(req.id)] ?? []);
            const from = revs.find((r) => r.id === req.from);
            const to = revs.find((r) => r.id === req.to);
            return { article_id: req.id, from, to, fields: [{ field: 'headline', from: 'old headline', to: String(d.full[String(req.id)]?.headline ?? '') }], body: [
              { op: 'equal', paragraphs: ['같은 문단이다.'] }, { op: 'delete', paragraphs: ['지운 문단이다.'] }, { op: 'insert', paragraphs: ['새로 쓴 문단이다.'] },
            ] };
          }
          case 'create_roundup': {
            const id = `0190c0de-0000-7000-9000-${String(nextId++).padStart(12, '0')}`;
            const r: Full = {
              id, kind: 'roundup', title: String(req.title ?? ''), edition_date: '2026-11-28',
              lead: { article_id: null, headline: '', body: { type: 'doc', content: [] } }, transition: '', items: [],
              signoff: { outlet: 'OUTLET', email: 'news@outlet.example' }, status: 'draft', headline: '', body: null,
              created_at: now(), updated_at: now(), trashed_at: null, version: 1,
            };
            d.full[id] = r;
            d.articles.push({ id, kind: 'roundup', headline: r.title, status: 'draft', body_text: '', updated_at: r.updated_at, chars: 0 } as never);
            return r;
          }
          case 'get_roundup':
            return d.full[String(args.id)];
          case 'preflight_item':
            // Core's checklist is tested in core; here, an article without a summary.
            return { items: [
              { id: 'headline', ok: true, blocking: true, field: 'headline', brief: null, image: null, detail: '', message_ko: '제목', message_en: 'Headline' },
              { id: 'summary', ok: false, blocking: false, field: 'summary', brief: null, image: null, detail: '', message_ko: '요약을 쓰세요.', message_en: 'Add a summary.' },
            ] };
          case 'count_sentences':
            // A stand-in for core's splitter (tested in core): ends of . ! ? followed by a space or the end.
            return (args.texts as string[]).map((t) => Math.max(t.trim() ? 1 : 0, (t.match(/[.!?]+(?=\s|$)/g) ?? []).length));
          case 'set_settings':
            return args.settings;
          case 'style_rules':
            return (w.__rules as unknown[]) ?? [];
          case 'set_style_rule': {
            const r = (w.__rules as { id: string; enabled: boolean; severity: string }[]).find((x) => x.id === req.rule);
            if (!r) throw { kind: 'not_found', message: 'style rule not found' };
            Object.assign(r, { enabled: req.enabled, severity: req.severity });
            return w.__rules;
          }
          case 'get_style_book':
            return 'base = "default"\n';
          case 'set_style_book':
            if (String(args.toml).includes('maybe')) throw { kind: 'invalid', message: 'the style book was not changed: line 3, column 11: string values must be quoted' };
            return args.toml;
          case 'check_style': {
            // A stand-in for core's check (tested in core): each 하였다 of an article's body,
            // at its character offset in the paragraphs joined by "\n".
            const input = args.input as { kind: string; fields: { body: { type: string; text?: string; content?: unknown[] } } };
            if (input.kind !== 'article') return [];
            type N = { type: string; text?: string; content?: N[] };
            const paras: string[] = [];
            const walk = (n: N) => {
              if (n.type === 'paragraph' || n.type === 'heading') paras.push((n.content ?? []).map((c) => c.text ?? (c.type === 'hardBreak' ? '\n' : '')).join(''));
              else (n.content ?? []).forEach(walk);
            };
            walk(input.fields.body as N);
            const text = paras.join('\n');
            const found = [];
            for (let i = text.indexOf('하였다'); i >= 0; i = text.indexOf('하였다', i + 1)) {
              const start = [...text.slice(0, i)].length;
              found.push({ rule: 'ko.hayeotda', severity: 'error', field: 'body', brief: null, start, end: start + 3, text: '하였다', message_ko: '하였다 → 했다', message_en: 'hayeotda', suggestions: ['했다'] });
            }
            return found;
          }
          case 'import_roundup_text': {
            // What Rust reads is tested in core (tests/edition_outlet_form.rs); here, an
            // edition whose lead is what was sent, to show which text the dialog sent.
            const id = `0190c0de-0000-7000-9000-${String(nextId++).padStart(12, '0')}`;
            const sent = `${args.html ? 'html' : 'text'}: ${String(args.text)}`;
            const r: Full = {
              id, kind: 'roundup', title: '', edition_date: '2026-11-28',
              lead: { article_id: null, headline: '', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: sent }] }] } },
              transition: '', items: [], signoff: { outlet: '', email: '' }, status: 'draft', headline: '', body: null,
              created_at: now(), updated_at: now(), trashed_at: null, version: 1,
            };
            d.full[id] = r;
            return r;
          }
          case 'save_roundup': {
            const r = d.full[String(req.id)];
            if (r.version !== req.base_version) throw { kind: 'conflict', message: 'changed elsewhere' };
            if (unchanged(r, req.fields as Record<string, unknown>)) return (saved[r.id] = r);
            const next = { ...r, ...(req.fields as object), version: r.version + 1, updated_at: now() } as Full;
            d.full[r.id] = next;
            saved[r.id] = next;
            // As core does: the list row carries the edition's title.
            const row = d.articles.find((a) => a.id === r.id);
            if (row) Object.assign(row, { headline: String((req.fields as { title?: string }).title ?? row.headline), updated_at: next.updated_at });
            return next;
          }
          case 'brief_from_article': {
            const a = d.full[String(args.id)];
            return { article_id: a.id, headline: a.headline, summary: a.summary, link: null };
          }
          case 'article_usage':
            return Object.values(d.full)
              .filter((r) => r.kind === 'roundup' && (r.items as { article_id: string | null }[]).some((b) => b.article_id === args.id))
              .map((r) => ({ id: r.id, title: r.title }));
          case 'trash_article':
            (w.__trashed as string[]).push(String(args.id));
            return null;
          case 'preview_roundup':
            return { path: `${String(req.id)}/${String(req.format)}/${nextId++}`, bytes: 1000 };
          case 'get_settings':
            return { outlet_name: '', outlet_email: '', site_url: '', time_zone: 'Asia/Seoul', language: 'ko', reporter_name: '', reporter_email: '', date_format: '%Y.%m.%d %H:%M', signoff: '', logo_asset: '', brief_max_chars: 120, brief_max_sentences: 2 };
          case 'put_image': {
            const bytes = new Uint8Array(args as unknown as ArrayBuffer);
            if (bytes[0] !== 0x89) throw { kind: 'invalid', message: 'this file is not a PNG, JPEG, GIF or WebP image' };
            (w.__images as number[]).push(bytes.length);
            return 'ab'.repeat(32);
          }
          case 'get_asset':
            return new Uint8Array([0x89, 0x50, 0x4e, 0x47]).buffer;
          // The press release beside an article (fixture `sources`), and length goals.
          case 'article_source':
            return (d as { sources?: Record<string, unknown> }).sources?.[String(args.id)] ?? null;
          case 'save_source_file':
            return `/home/reporter/${String(((d as { sources?: Record<string, { file_name: string }> }).sources?.[String(args.id)] ?? { file_name: 'x' }).file_name)}`;
          case 'length_goal':
            return goals[String(args.id)] ?? null;
          case 'set_length_goal': {
            const goal = args.goal as { unit: string; amount: number } | null;
            if (goal && !(goal.amount >= 1 && goal.amount <= (goal.unit === 'pages' ? 1000 : 200000))) {
              throw { kind: 'invalid', message: `a length goal is 1 to ${goal.unit === 'pages' ? '1000 pages' : '200000 characters'}` };
            }
            if (goal) goals[String(args.id)] = { goal, origin: 'piece' };
            // Removed, the section's default (the fixture's) applies again, as in core.
            else goals[String(args.id)] = (data as { goals?: Record<string, unknown> }).goals?.[String(args.id)];
            return goals[String(args.id)] ?? null;
          }
          // Publishing (fixture `targets`; a publish answers from `publishAnswer`, or fails
          // with the fixture's `publishError`).
          case 'publish_targets':
            return (d as { targets?: unknown[] }).targets ?? [];
          case 'put_publish_target': {
            const target = args.target as { name: string; site_url: string; user: string; kind: string };
            const list = ((d as { targets?: unknown[] }).targets ??= []) as { name: string }[];
            const view = { ...target, secret: args.secret ? 'session' : 'none' };
            const at = list.findIndex((x) => x.name === target.name);
            if (at >= 0) list[at] = view;
            else list.push(view);
            return view;
          }
          case 'remove_publish_target': {
            const list = ((d as { targets?: { name: string }[] }).targets ?? []);
            (d as { targets?: unknown[] }).targets = list.filter((x) => x.name !== args.name);
            return null;
          }
          case 'publications':
            return ((d as { publications?: Record<string, unknown[]> }).publications ?? {})[String(args.id)] ?? [];
          case 'publish': {
            (w.__published as unknown[]).push({ ...args });
            const fail = (d as { publishError?: unknown }).publishError;
            if (fail && !args.secret) throw fail;
            const p = { item_id: args.id, target: args.target, site_url: 'https://news.example', remote_id: '41', url: 'https://news.example/?p=41', status: 'draft', remote_modified: '2026-12-03T07:00:00', published_at: '2026-12-03T07:00:00.000Z', pending_since: null };
            const all = ((d as { publications?: Record<string, unknown[]> }).publications ??= {});
            all[String(args.id)] = [p];
            return p;
          }
          case 'send_test_email':
            return { to: args.to, subject: '주말 브리핑', server: '127.0.0.1:2525' };
          case 'open_in_browser':
            return null;
          default:
            throw { kind: 'invalid', message: `unknown command ${cmd}` };
        }
      },
    };
  }, fixture);
}

/**
 * The browser and the built UI's server for one test file: started before its tests,
 * stopped after them. Read `browser` and `url` inside the tests.
 */
export function useBrowser(): { readonly browser: Browser; readonly url: string } {
  const state = {} as { browser: Browser; url: string; server?: Server };
  beforeAll(async () => {
    ({ server: state.server, url: state.url } = await serveDist());
    state.browser = await launch();
  });
  afterAll(async () => {
    await state.browser?.close();
    state.server?.close();
  });
  return state;
}
