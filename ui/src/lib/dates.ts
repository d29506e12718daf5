// A calendar date (ISO YYYY-MM-DD, no time zone) as the interface's language writes it, and
// back: 2026. 11. 28. in Korean, Nov 28, 2026 in English; 2026-11-28 and 2026.11.28 are
// read in both.
import type { Lang } from './i18n/index.svelte';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function parts(iso: string): [number, number, number] | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

function valid(y: number, mo: number, d: number): string | null {
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1000 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** `iso` in the language's form; an empty or broken value is shown as it is. */
export function formatDate(iso: string, lang: Lang): string {
  const p = parts(iso);
  if (!p) return iso;
  const date = new Date(Date.UTC(p[0], p[1] - 1, p[2]));
  const locale = lang === 'ko' ? 'ko-KR' : 'en-US';
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: lang === 'ko' ? 'numeric' : 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The ISO date a reporter typed, or null when it is not one. */
export function parseDate(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*[.일]?$/.exec(s);
  if (m) return valid(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^([A-Za-z]{3,})\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS.indexOf(m[1].slice(0, 3).toLowerCase());
    return mo < 0 ? null : valid(Number(m[3]), mo + 1, Number(m[2]));
  }
  m = /^(\d{1,2})\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS.indexOf(m[2].slice(0, 3).toLowerCase());
    return mo < 0 ? null : valid(Number(m[3]), mo + 1, Number(m[1]));
  }
  return null;
}

/** `iso` moved by `days`. */
export function shiftDate(iso: string, days: number): string | null {
  const p = parts(iso);
  if (!p) return null;
  const d = new Date(Date.UTC(p[0], p[1] - 1, p[2] + days));
  return valid(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
