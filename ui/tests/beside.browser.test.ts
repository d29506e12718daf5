// Tier 3: what travels beside an article, in Chromium with the IPC faked: the press release
// it was made from (the details name it, the source pane shows its text beside the rewrite,
// the original can be saved back out) and a length goal shown as progress in the counts.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mockIpc, useBrowser } from './harness';
import { library } from './fixtures';

const env = useBrowser();

const RELEASE_LINES = [
  '해양생활안전처 | 보도자료',
  '갯벌 체험객 안전 지킴이 300명, 올봄 전국 해변에 배치',
  '지킴이는 체험객에게 물때를 알리고 해안으로 안내한다.',
  '담당 부서 | 연안체험안전과 | 과장 서다온 (044-555-0101)',
];

function withSource() {
  const lib = library();
  const [first, second] = [lib.articles[0].id, lib.articles[1].id];
  return {
    ...lib,
    sources: {
      [first]: {
        file_name: '갯벌 안전 보도자료.hwpx', media_type: 'application/hwp+zip', sha256: 'cd'.repeat(32), size: 48213,
        issuer: '해양생활안전처', embargo: '2025. 4. 10.(목) 12:00', contacts: ['과장 서다온 (044-555-0101)'],
        sender: '', date: '', text: RELEASE_LINES.join('\n'),
      },
    },
    // The second article's section (사회) has the outlet's default goal.
    goals: { [second]: { goal: { unit: 'chars', amount: 824 }, origin: 'section' } },
  };
}

async function openApp(width: number, height: number, lang: 'ko' | 'en' = 'ko'): Promise<Page> {
  const page = await env.browser.newPage({ viewport: { width, height } });
  await page.addInitScript((l) => localStorage.setItem('newsdesk.lang', l), lang);
  await mockIpc(page, withSource());
  await page.goto(env.url);
  await page.getByTestId('library-path').waitFor();
  return page;
}

async function openArticle(page: Page, nth: number) {
  await page.getByTestId('library-item').nth(nth).click();
  await page.getByTestId('headline').waitFor();
}

const box = async (page: Page, testid: string) => (await page.getByTestId(testid).boundingBox())!;

describe('the press release beside the article', () => {
  it('the details name the release; the pane shows its text beside the article, and Ctrl+Shift+O hides it', async () => {
    const page = await openApp(1920, 1080);
    await openArticle(page, 0);
    const facts = page.getByTestId('source-facts');
    await expect.poll(() => facts.textContent()).toContain('갯벌 안전 보도자료.hwpx');
    expect(await facts.textContent()).toContain('해양생활안전처');
    expect(await facts.textContent()).toContain('2025. 4. 10.(목) 12:00');
    await expect.poll(() => page.getByTestId('source-pane').count()).toBe(0);
    await page.getByTestId('source-toggle').click();
    const pane = page.getByTestId('source-text');
    await pane.waitFor();
    expect((await pane.locator('p').allTextContents())).toEqual(RELEASE_LINES);
    // Side by side at full size: the release to the right of the article, both in the window.
    const [text, release] = [await box(page, 'headline'), await box(page, 'source-pane')];
    expect(release.x).toBeGreaterThanOrEqual(text.x + text.width - 1);
    expect(release.x + release.width).toBeLessThanOrEqual(1920);
    // The article stays editable while the release is open.
    await page.getByTestId('headline').fill('지킴이 300명 배치');
    expect(await page.getByTestId('headline').inputValue()).toBe('지킴이 300명 배치');
    await page.keyboard.press('Control+Shift+O');
    await expect.poll(() => page.getByTestId('source-pane').count()).toBe(0);
    await page.keyboard.press('Control+Shift+O');
    await expect.poll(() => page.getByTestId('source-pane').count()).toBe(1);
    // Another article without a release: no pane, no facts, no button.
    await openArticle(page, 1);
    await expect.poll(() => page.getByTestId('source-pane').count()).toBe(0);
    expect(await page.getByTestId('source-facts').count()).toBe(0);
    expect(await page.getByTestId('source-toggle-bar').count()).toBe(0);
    await page.close();
  });

  it('in a narrow window the release sits above the article, inside the window', async () => {
    const page = await openApp(900, 700, 'en');
    await openArticle(page, 0);
    await page.getByTestId('source-toggle-bar').click();
    await page.getByTestId('source-text').waitFor();
    const [release, headline] = [await box(page, 'source-pane'), await box(page, 'headline')];
    expect(release.x).toBeGreaterThanOrEqual(0);
    expect(release.x + release.width).toBeLessThanOrEqual(900);
    expect(headline.y).toBeGreaterThanOrEqual(release.y + release.height - 1);
    expect(release.height).toBeLessThanOrEqual(700 * 0.4);
    expect(await page.getByTestId('source-close').textContent()).toBe('Hide the release');
    await page.close();
  });

  it('"save the original file" writes it through the save dialog and says where', async () => {
    const page = await openApp(1280, 800);
    await openArticle(page, 0);
    await page.getByTestId('source-save').click();
    await expect.poll(() => page.getByTestId('source-saved').textContent()).toContain('/home/reporter/갯벌 안전 보도자료.hwpx');
    await page.close();
  });
});

describe('a length goal per piece', () => {
  it("the section's goal shows as progress; the reporter's own replaces it, and removing it brings the section's back", async () => {
    const page = await openApp(1280, 800);
    await openArticle(page, 1);
    const progress = page.getByTestId('goal-progress');
    // 412 of 824 characters.
    await expect.poll(() => progress.textContent()).toContain('412 / 824자 (50%)');
    expect(await page.getByTestId('goal-origin').textContent()).toContain('사회');
    await page.getByTestId('goal-amount').fill('2');
    await page.getByTestId('goal-unit').selectOption('pages');
    await page.getByTestId('goal-set').click();
    // 2.1 of 2 pages: over the goal, said so.
    await expect.poll(() => progress.textContent()).toContain('2.1 / 2매 (105%)');
    expect(await progress.getAttribute('class')).toContain('over');
    expect(await page.getByTestId('goal-origin').count()).toBe(0);
    // A goal out of range is refused in the interface's words; the goal stays.
    await page.getByTestId('goal-amount').fill('5000');
    await page.getByTestId('goal-set').click();
    await expect.poll(() => page.getByTestId('error').textContent()).toContain('분량 목표는 1부터 1000까지');
    expect(await progress.textContent()).toContain('2.1 / 2매');
    await page.getByTestId('goal-clear').click();
    await expect.poll(() => progress.textContent()).toContain('412 / 824자');
    expect(await page.getByTestId('goal-origin').count()).toBe(1);
    await page.close();
  });

  it('with no goal, the counts offer to set one, in English too', async () => {
    const page = await openApp(1280, 800, 'en');
    await openArticle(page, 0);
    await page.getByTestId('goal-amount').waitFor();
    expect(await page.getByTestId('goal-progress').count()).toBe(0);
    await page.getByTestId('goal-amount').fill('1800');
    await page.getByTestId('goal-set').click();
    await expect.poll(() => page.getByTestId('goal-progress').textContent()).toContain('412 / 1,800 characters (22%)');
    await page.close();
  });
});
