// The edition open in the roundup builder: its fields, its save state and the one
// Autosaver that writes them back (the same rules as an article: 1.5 s idle, 10 s at most,
// never inside an IME composition). `keys` gives each brief a stable identity on screen.
import { api } from '../lib/api';
import { Autosaver } from '../lib/autosave';
import type { SaveState } from '../lib/save-state';
import type { Brief, CommandError, Roundup, RoundupFields } from '../lib/types';
import { moveBrief } from './briefs';

export const edition = $state({
  roundup: null as Roundup | null,
  fields: null as RoundupFields | null,
  keys: [] as number[],
  save: { kind: 'idle' } as SaveState<Roundup>,
  composing: false,
  /** Counts loads: the lead editor is rebuilt when it changes. */
  loads: 0,
});

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

function load(r: Roundup): void {
  edition.roundup = r;
  edition.fields = fieldsOf(r);
  edition.keys = r.items.map(() => nextKey++);
  edition.save = { kind: 'saved', at: r.updated_at };
  edition.loads += 1;
}

async function write(reason: 'autosave' | 'explicit'): Promise<void> {
  const r = edition.roundup;
  const f = edition.fields;
  if (!r || !f) return;
  edition.save = { kind: 'saving' };
  const sent = $state.snapshot(f) as RoundupFields;
  try {
    const saved = await api.saveRoundup(r.id, r.version, sent, reason);
    if (edition.roundup?.id !== saved.id) return;
    edition.roundup = saved;
    edition.save = saver.dirty ? { kind: 'dirty' } : { kind: 'saved', at: saved.updated_at };
  } catch (e) {
    const err = e as CommandError;
    if (err.kind === 'conflict') {
      edition.save = { kind: 'conflict', theirs: await api.getRoundup(r.id) };
      return;
    }
    edition.save = { kind: 'error', message: err.message };
    throw e;
  }
}

const saver = new Autosaver(() => write('autosave'), { composing: () => edition.composing });

/** Call after every edit of `edition.fields`. */
export function touchEdition(): void {
  if (edition.save.kind === 'conflict') return;
  edition.save = { kind: 'dirty' };
  saver.touch();
}

export async function flushEdition(): Promise<void> {
  await saver.flush();
}

/** Explicit save (Ctrl+S): records a revision. */
export async function saveEditionNow(): Promise<void> {
  saver.cancel();
  await write('explicit');
}

export async function openEdition(r: Roundup): Promise<void> {
  if (edition.roundup && edition.roundup.id !== r.id) await flushEdition().catch(() => {});
  saver.cancel();
  load(r);
}

/** Replaces the open edition with what the library now holds. */
export function replaceEdition(r: Roundup): void {
  saver.cancel();
  load(r);
}

export function closeEdition(): void {
  saver.cancel();
  edition.roundup = null;
  edition.fields = null;
  edition.keys = [];
  edition.save = { kind: 'idle' };
}

/** Conflict: write my version over the one saved elsewhere. */
export async function keepMyEdition(): Promise<void> {
  if (edition.save.kind !== 'conflict' || !edition.roundup) return;
  edition.roundup = { ...edition.roundup, version: edition.save.theirs.version };
  await write('explicit');
}

/** Conflict: take the version saved elsewhere. */
export function takeTheirEdition(): void {
  if (edition.save.kind === 'conflict') replaceEdition(edition.save.theirs);
}

export function addBrief(brief: Brief): void {
  if (!edition.fields) return;
  edition.fields.items.push(brief);
  edition.keys.push(nextKey++);
  touchEdition();
}

export function removeBrief(index: number): void {
  if (!edition.fields) return;
  edition.fields.items.splice(index, 1);
  edition.keys.splice(index, 1);
  touchEdition();
}

/** Moves a brief; returns its new index. */
export function moveEditionBrief(from: number, to: number): number {
  const f = edition.fields;
  if (!f) return from;
  const target = Math.max(0, Math.min(f.items.length - 1, to));
  if (target === from) return from;
  f.items = moveBrief(f.items, from, target);
  edition.keys = moveBrief(edition.keys, from, target);
  touchEdition();
  return target;
}
