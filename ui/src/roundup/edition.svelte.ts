// The edition open in the roundup builder: a document session (`lib/session.svelte.ts`,
// the same one as an article's), and `briefs.keys`, a stable identity for each brief on
// screen.
import { api } from '../lib/api';
import { isEmptyDoc } from '../lib/draft.svelte';
import { DocumentSession } from '../lib/session.svelte';
import type { Brief, Roundup, RoundupFields } from '../lib/types';
import { moveBrief } from './briefs';

/** Each brief's identity on screen, in the order of `edition.fields.items`. */
export const briefs = $state({ keys: [] as number[] });

let nextKey = 1;

function fieldsOf(r: Roundup): RoundupFields {
  return {
    title: r.title,
    edition_date: r.edition_date,
    lead: { article_id: r.lead.article_id, headline: r.lead.headline, body: r.lead.body },
    transition: r.transition,
    items: r.items.map((b) => ({ ...b })),
    signoff: { ...r.signoff },
  };
}

/** Nothing left of an edition's text: no lead, no transition, no brief. */
function isEmptyEdition(f: RoundupFields): boolean {
  return isEmptyDoc(f.lead.body) && !f.transition.trim() && f.items.length === 0;
}

const session = new DocumentSession<Roundup, RoundupFields, RoundupFields>({
  fieldsOf,
  outgoing: (f) => $state.snapshot(f) as RoundupFields,
  empties: (sent, r) => isEmptyEdition(sent) && !isEmptyEdition(fieldsOf(r)),
  save: (r, fields, reason, allowEmptying) => api.saveRoundup(r.id, r.version, fields, reason, allowEmptying),
  fetch: (id) => api.getRoundup(id),
  loaded: (r) => {
    briefs.keys = r.items.map(() => nextKey++);
  },
});

/** The open edition's session (status changes, restores and exports go through it). */
export const editionSession = session;

/** The open edition (`item`), its fields, save state, composition and loads. */
export const edition = session.state;

/** The session's actions under the builder's names (see `draft.svelte.ts`). */
export const {
  touch: touchEdition,
  flush: flushEdition,
  saveNow: saveEditionNow,
  open: openEdition,
  replace: replaceEdition,
  keepMine: keepMyEdition,
  takeTheirs: takeTheirEdition,
} = session.actions();

export function closeEdition(): void {
  session.close();
  briefs.keys = [];
}

export function addBrief(brief: Brief): void {
  if (!edition.fields) return;
  edition.fields.items.push(brief);
  briefs.keys.push(nextKey++);
  touchEdition();
}

export function removeBrief(index: number): void {
  if (!edition.fields) return;
  edition.fields.items.splice(index, 1);
  briefs.keys.splice(index, 1);
  touchEdition();
}

/** Moves a brief; returns its new index. */
export function moveEditionBrief(from: number, to: number): number {
  const f = edition.fields;
  if (!f) return from;
  const target = Math.max(0, Math.min(f.items.length - 1, to));
  if (target === from) return from;
  f.items = moveBrief(f.items, from, target);
  briefs.keys = moveBrief(briefs.keys, from, target);
  touchEdition();
  return target;
}
