// A small W3C WebDriver client over fetch, and the harness that starts Xvfb, tauri-driver
// (in front of WebKitWebDriver) and the real Newsdesk binary on a library of the test's own.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const ARTIFACTS = path.resolve(process.env.NEWSDESK_ARTIFACTS ?? 'test-artifacts/e2e');

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** An X display number with no server and no lock file. */
export function freeDisplay() {
  for (let n = 90; n < 200; n++) {
    if (!existsSync(`/tmp/.X${n}-lock`) && !existsSync(`/tmp/.X11-unix/X${n}`)) return n;
  }
  throw new Error('no free X display between :90 and :199');
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, fn, timeoutMs = 30000, everyMs = 200) {
  const end = Date.now() + timeoutMs;
  let last;
  while (Date.now() < end) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

/** Starts Xvfb and tauri-driver; returns a harness with `session()` and `stop()`. */
export async function startDriver({ env = {} } = {}) {
  const display = freeDisplay();
  const xvfb = spawn('Xvfb', [`:${display}`, '-screen', '0', '1280x800x24', '-nolisten', 'tcp'], {
    stdio: 'ignore',
  });
  await waitFor('Xvfb', () => existsSync(`/tmp/.X11-unix/X${display}`), 15000);
  const port = await freePort();
  const nativePort = await freePort();
  const driverEnv = { ...process.env, ...env, DISPLAY: `:${display}`, WEBKIT_DISABLE_COMPOSITING_MODE: '1' };
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: driverEnv,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await waitFor('tauri-driver', async () => (await fetch(`${base}/status`)).ok, 20000);
  const stop = () => {
    driver.kill('SIGTERM');
    xvfb.kill('SIGTERM');
  };
  return { base, display, stop, session: (application) => Session.start(base, application) };
}

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, application) {
    const body = { capabilities: { alwaysMatch: { 'tauri:options': { application } } } };
    const res = await fetch(`${base}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`new session failed: ${JSON.stringify(json)}`);
    return new Session(base, json.value.sessionId);
  }

  async cmd(method, route, body) {
    const res = await fetch(`${this.base}/session/${this.id}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const err = new Error(`${method} ${route}: ${json?.value?.error ?? res.status} ${json?.value?.message ?? ''}`);
      err.code = json?.value?.error;
      throw err;
    }
    return json.value;
  }

  /** The first element matching a CSS selector, waiting for it to appear. */
  async find(css, timeoutMs = 30000) {
    const el = await waitFor(`element ${css}`, async () => {
      const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
      return v[ELEMENT];
    }, timeoutMs);
    return el;
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  byTestId(id) {
    return this.find(`[data-testid="${id}"]`);
  }

  async text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  async click(el) {
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  async type(el, text) {
    return this.cmd('POST', `/element/${el}/value`, { text });
  }

  async execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Waits until `fn()` returns a truthy value. */
  until(what, fn, timeoutMs = 30000) {
    return waitFor(what, fn, timeoutMs);
  }

  async screenshot(name) {
    const png = await this.cmd('GET', '/screenshot');
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    writeFileSync(file, Buffer.from(png, 'base64'));
    return file;
  }

  async end() {
    await this.cmd('DELETE', '').catch(() => {});
  }
}

/** Runs the newsdesk binary headless and returns its stdout. */
export function newsdesk(bin, args, env = {}) {
  return execFileSync(bin, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
}
