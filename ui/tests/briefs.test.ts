import { describe, expect, it } from 'vitest';
import { isThisWeek, moveBrief, standaloneBrief, usedIds } from '../src/roundup/briefs';

describe('moving briefs', () => {
  const list = ['a', 'b', 'c', 'd'];

  it('moves one brief down and up, keeping the others in order', () => {
    expect(moveBrief(list, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveBrief(list, 3, 1)).toEqual(['a', 'd', 'b', 'c']);
    expect(moveBrief(list, 1, 2)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('stops at the ends and leaves the input untouched', () => {
    expect(moveBrief(list, 0, -1)).toEqual(list);
    expect(moveBrief(list, 3, 9)).toEqual(list);
    expect(moveBrief(list, 7, 0)).toEqual(list);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe('the parts of an edition', () => {
  it('a standalone brief points at no article', () => {
    expect(standaloneBrief()).toEqual({ article_id: null, headline: '', summary: '', link: null, drafted: false });
  });

  it('knows which articles the edition already uses', () => {
    const items = [
      { article_id: 'x', headline: '', summary: '', link: null, drafted: false },
      { article_id: null, headline: 'own', summary: '', link: null, drafted: false },
    ];
    expect([...usedIds(items, 'lead')].sort()).toEqual(['lead', 'x']);
    expect([...usedIds([], null)]).toEqual([]);
  });

  it('this week means the last seven days', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(isThisWeek('2026-11-27T09:00:00Z', now)).toBe(true);
    expect(isThisWeek('2026-11-21T13:00:00Z', now)).toBe(true);
    expect(isThisWeek('2026-11-20T11:00:00Z', now)).toBe(false);
    expect(isThisWeek('not a date', now)).toBe(false);
  });
});
