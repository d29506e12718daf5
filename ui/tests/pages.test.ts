import { describe, expect, it, vi } from 'vitest';
import { PagedList, PAGE_SIZE } from '../src/library/pages';
import type { ArticleSummary } from '../src/lib/types';

const TOTAL = 100_000;
const summary = (i: number) => ({ id: `id-${i}`, headline: `기사 ${i}` }) as unknown as ArticleSummary;

function library() {
  const fetchPage = vi.fn(async (offset: number, limit: number) => ({
    rows: Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, k) => summary(offset + k)),
    total: TOTAL,
  }));
  return { list: new PagedList(fetchPage), fetchPage };
}

describe('PagedList', () => {
  it('reads only the first page to start', async () => {
    const { list, fetchPage } = library();
    await list.reset();
    expect(list.total).toBe(TOTAL);
    expect(fetchPage).toHaveBeenCalledTimes(1);
    expect(list.row(0)?.headline).toBe('기사 0');
    expect(list.row(PAGE_SIZE)).toBeNull();
  });

  it('loads the pages in view when the reporter scrolls deep, once each', async () => {
    const { list, fetchPage } = library();
    await list.reset();
    await Promise.all([list.ensure(54_321, 54_350), list.ensure(54_330, 54_420)]);
    expect(list.row(54_400)?.id).toBe('id-54400');
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([0, 54_300, 54_400]);
    expect(list.indexOf('id-54321')).toBe(54_321);
  });

  it('stops at the end of the list', async () => {
    const { list, fetchPage } = library();
    await list.reset();
    await list.ensure(TOTAL - 10, TOTAL + 500);
    expect(list.row(TOTAL - 1)?.id).toBe(`id-${TOTAL - 1}`);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  it('drops pages that arrive after a reset', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const fetchPage = vi.fn(async (offset: number) => {
      if (offset > 0) await gate;
      return { rows: [summary(offset)], total: 1000 };
    });
    const list = new PagedList(fetchPage);
    await list.reset();
    const late = list.ensure(500, 501);
    await list.reset();
    release();
    await late;
    expect(list.row(500)).toBeNull();
  });
});
