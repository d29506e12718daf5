import { describe, expect, it } from 'vitest';
import { formatDate, parseDate, shiftDate } from '../src/lib/dates';

describe('edition dates in the interface language', () => {
  it('writes a date as each language does', () => {
    expect(formatDate('2026-12-02', 'ko')).toBe('2026. 12. 2.');
    expect(formatDate('2026-12-02', 'en')).toBe('Dec 2, 2026');
  });
  it('reads what a reporter types, and refuses what is not a date', () => {
    for (const s of ['2026. 12. 2.', '2026-12-02', '2026.12.02', '2026년 12월 2일', 'Dec 2, 2026', 'December 2, 2026', '2 Dec 2026'])
      expect(parseDate(s), s).toBe('2026-12-02');
    for (const s of ['2026. 2. 30.', '12/02/2026', '지난 토요일', '']) expect(parseDate(s), s).toBeNull();
  });
  it('moves by a day across months and years', () => {
    expect(shiftDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDate('2026-03-01', -1)).toBe('2026-02-28');
  });
});
