// Dates and numbers as a Korean newsroom writes them: 2025.07.28 18:00 in the outlet's zone.

export const DEFAULT_TIME_ZONE = 'Asia/Seoul';

/** `2025.07.28 18:00` for an RFC 3339 instant, in the given IANA time zone. */
export function formatDateTime(iso: string, timeZone = DEFAULT_TIME_ZONE, seconds = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: seconds ? '2-digit' : undefined,
    hourCycle: 'h23',
  }).formatToParts(d);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const time = `${get('hour')}:${get('minute')}${seconds ? `:${get('second')}` : ''}`;
  return `${get('year')}.${get('month')}.${get('day')} ${time}`;
}

/** A revision's time, to the second: two saves in one minute read apart. */
export function formatRevisionTime(iso: string): string {
  return formatDateTime(iso, DEFAULT_TIME_ZONE, true);
}

/** Splits a search snippet whose hits are wrapped in « and » into plain and marked runs. */
export function snippetRuns(snippet: string): { text: string; hit: boolean }[] {
  const runs: { text: string; hit: boolean }[] = [];
  const re = /«([^»]*)»/g;
  let last = 0;
  for (let m = re.exec(snippet); m; m = re.exec(snippet)) {
    if (m.index > last) runs.push({ text: snippet.slice(last, m.index), hit: false });
    runs.push({ text: m[1], hit: true });
    last = m.index + m[0].length;
  }
  if (last < snippet.length) runs.push({ text: snippet.slice(last), hit: false });
  return runs;
}

/** 12,345 */
export function formatCount(n: number): string {
  return new Intl.NumberFormat('en-US').format(n);
}
