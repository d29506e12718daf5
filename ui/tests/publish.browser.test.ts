// Tier 3: publishing in the window, in Chromium with the IPC faked: "Publish…" with no site
// leads to the settings, where one is added; a publish without a kept password asks for
// it; the post's address then shows in the details. (The publish itself runs against a
// real WordPress in tests/publish.rs and end to end.)
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mockIpc, useBrowser } from './harness';
import { library } from './fixtures';

const env = useBrowser();

async function openApp(fixture: unknown, lang: 'ko' | 'en' = 'ko'): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript((l) => localStorage.setItem('newsdesk.lang', l), lang);
  await mockIpc(page, fixture);
  await page.goto(env.url);
  await page.getByTestId('library-path').waitFor();
  await page.getByTestId('library-item').first().click();
  await page.getByTestId('headline').waitFor();
  return page;
}

/** Past the pre-flight (the fixture's article has no summary: a warning, not a stop). */
async function pastPreflight(page: Page) {
  await page.getByTestId('preflight').waitFor();
  await page.getByTestId('preflight-proceed').click();
}

const published = (page: Page) => page.evaluate(() => (window as unknown as { __published: Record<string, unknown>[] }).__published);

describe('publishing from the window', () => {
  it('with no site yet, Publish… leads to the settings, where a WordPress site is added', async () => {
    const page = await openApp(library());
    await page.getByTestId('publish').click();
    expect(await page.getByTestId('preflight-proceed').textContent()).toBe('그대로 게시하기');
    await pastPreflight(page);
    await expect.poll(() => page.getByTestId('publish-no-targets').textContent()).toContain('설정에서 워드프레스 사이트를 추가하세요');
    await page.getByTestId('publish-sheet').getByRole('button', { name: '설정 열기' }).click();
    await page.getByTestId('settings').waitFor();
    await page.getByTestId('targets-empty').waitFor();
    await page.getByTestId('target-name').fill('새벽일보');
    await page.getByTestId('target-url').fill('https://news.example');
    await page.getByTestId('target-user').fill('reporter');
    await page.getByTestId('target-secret').fill('abcd efgh ijkl mnop');
    await page.getByTestId('target-add').click();
    await expect.poll(() => page.getByTestId('target').textContent()).toContain('https://news.example');
    expect(await page.getByTestId('target-message').textContent()).toContain('새벽일보');
  });

  it('asks for the password when none is kept, then shows the post and its address in the details', async () => {
    const fixture = {
      ...library(),
      targets: [{ name: '새벽일보', kind: 'wordpress', site_url: 'https://news.example', user: 'reporter', secret: 'none' }],
      publishError: { kind: 'remote', remote: 'no_secret', message: 'no password is stored for this target' },
    };
    const page = await openApp(fixture);
    await expect.poll(() => page.getByTestId('published-none').count()).toBe(1);
    await page.keyboard.press('Control+Shift+P');
    await pastPreflight(page);
    await page.getByTestId('publish-sheet').waitFor();
    await page.getByTestId('publish-go').click();
    await page.getByTestId('publish-secret').fill('abcd efgh ijkl mnop');
    await page.getByTestId('publish-go').click();
    await expect.poll(() => page.getByTestId('publish-done').count()).toBe(1);
    expect(await page.getByTestId('publish-url').textContent()).toBe('https://news.example/?p=41');
    const calls = await published(page);
    expect(calls.at(-1)).toMatchObject({ target: '새벽일보', options: { as: 'draft', overwrite: false }, secret: 'abcd efgh ijkl mnop' });
    await page.getByTestId('publish-close').click();
    await expect.poll(() => page.getByTestId('published-url').textContent()).toBe('https://news.example/?p=41');
  });

  it('a post changed in the CMS is overwritten only when the reporter says so; failures are in the interface language', async () => {
    const fixture = {
      ...library(),
      targets: [{ name: 'Dawn Daily', kind: 'wordpress', site_url: 'https://news.example', user: 'reporter', secret: 'keyring' }],
      publishError: { kind: 'remote', remote: 'changed_remotely', message: 'the post was changed in the CMS since the last publish: https://news.example/?p=41' },
    };
    const page = await openApp(fixture, 'en');
    await page.getByTestId('publish').click();
    await pastPreflight(page);
    await page.getByTestId('publish-now').check();
    await page.getByTestId('publish-go').click();
    await expect.poll(() => page.getByTestId('publish-changed').textContent()).toContain('changed in the CMS');
    expect(await published(page)).toHaveLength(1);
    await page.getByTestId('publish-stop').click();
    await expect.poll(() => page.getByTestId('publish-sheet').count()).toBe(0);
    expect(await published(page)).toHaveLength(1);
  });
});
