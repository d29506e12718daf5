import { describe, expect, it } from 'vitest';
import { formatDateTime, formatRevisionTime, snippetRuns } from '../src/lib/format';

describe('formatRevisionTime', () => {
  it('reads to the second, so two saves in one minute read apart', () => {
    expect(formatRevisionTime('2025-07-28T09:00:05.123Z')).toBe('2025.07.28 18:00:05');
    expect(formatRevisionTime('2025-07-28T09:00:41.900Z')).toBe('2025.07.28 18:00:41');
  });
});

describe('formatDateTime', () => {
  it('shows an instant in Seoul time the way newsrooms write it', () => {
    expect(formatDateTime('2025-07-28T09:00:00Z')).toBe('2025.07.28 18:00');
    expect(formatDateTime('2025-12-31T15:30:00Z')).toBe('2026.01.01 00:30');
  });
  it('honours another time zone', () => {
    expect(formatDateTime('2025-07-28T09:00:00Z', 'UTC')).toBe('2025.07.28 09:00');
  });
  it('leaves text that is not a date alone', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('snippetRuns', () => {
  it('splits marked hits from plain text', () => {
    expect(snippetRuns('…부두 옆 «어시장»에 첫 «경매»')).toEqual([
      { text: '…부두 옆 ', hit: false },
      { text: '어시장', hit: true },
      { text: '에 첫 ', hit: false },
      { text: '경매', hit: true },
    ]);
  });
  it('keeps markup-looking text as text', () => {
    expect(snippetRuns('<b>«x»</b>')).toEqual([
      { text: '<b>', hit: false },
      { text: 'x', hit: true },
      { text: '</b>', hit: false },
    ]);
  });
});
