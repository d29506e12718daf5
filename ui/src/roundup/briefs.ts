// The briefs of an edition as a list the reporter rearranges: pure functions, so the
// builder's drag and drop, its keyboard moves and the tests share one implementation.
import type { Brief, Doc } from '../lib/types';

/** The list with the brief at `from` moved to `to` (both clamped to the list). */
export function moveBrief<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [moved] = out.splice(from, 1);
  out.splice(target, 0, moved);
  return out;
}

/** A brief that stands alone: the reporter writes its headline, summary and link. */
export function standaloneBrief(): Brief {
  return { article_id: null, headline: '', summary: '', link: null, drafted: false };
}

/** True when `updatedAt` lies within the seven days before `now`. */
export function isThisWeek(updatedAt: string, now: Date = new Date()): boolean {
  const t = Date.parse(updatedAt);
  if (Number.isNaN(t)) return false;
  const age = now.getTime() - t;
  return age >= -60_000 && age <= 7 * 24 * 3600 * 1000;
}

/** The article ids an edition already uses, as lead or brief. */
export function usedIds(items: readonly Brief[], leadId: string | null): Set<string> {
  const ids = new Set(items.map((b) => b.article_id).filter((id): id is string => !!id));
  if (leadId) ids.add(leadId);
  return ids;
}

/** True when the lead has no text of its own. */
export function isEmptyLead(headline: string, body: Doc): boolean {
  return !headline.trim() && body.content.length === 0;
}
