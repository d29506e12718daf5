// One document session for whatever is open, an article or an edition: the stored item,
// the fields on screen, the save state, the one Autosaver (1.5 s idle, 10 s at most, never
// inside an IME composition), conflicts (the library's version comes with the refusal),
// and the guard that asks before a save empties a text. `draft.svelte.ts` and
// `roundup/edition.svelte.ts` each make one with what is their own (`SessionKind`).
import { Autosaver } from './autosave';
import type { SaveState } from './save-state';
import type { CommandError, UiSaveReason } from './types';

/** What an export did: the file written, or why not (and for which item). */
export type ExportOutcome = { ok: true; path: string; itemId: string } | { ok: false; error: CommandError; itemId: string };

/** What every stored item has. */
export interface Stored {
  id: string;
  version: number;
  updated_at: string;
}

/** What one kind of document tells its session. `F` is what the screen edits, `S` what a
 * save sends. */
export interface SessionKind<T extends Stored, F, S> {
  /** The fields the screen edits, from the stored item. */
  fieldsOf(item: T): F;
  /** What a save sends: the fields as they stand now (a long body is read only here). */
  outgoing(fields: F): S;
  /** True when sending `sent` over `item` would empty a text that is not empty. */
  empties(sent: S, item: T): boolean;
  save(item: T, sent: S, reason: UiSaveReason, allowEmptying: boolean): Promise<T>;
  /** The item as stored now (when a conflict did not carry it). */
  fetch(id: string): Promise<T>;
  /** Called whenever an item is loaded into the session. */
  loaded?(item: T): void;
}

export class DocumentSession<T extends Stored, F, S> {
  readonly state = $state({
    item: null as T | null,
    fields: null as F | null,
    save: { kind: 'idle' } as SaveState<T>,
    /** Set by an editor while an input-method composition is open. */
    composing: false,
    /** Counts loads: the editors are rebuilt when it changes. */
    loads: 0,
  });

  private readonly saver: Autosaver;
  /** Saves and status changes go out one at a time: a save sent while another (or a status
   * change) is on its way would name a version that is about to be replaced, and come back
   * as a conflict with itself. */
  private queue: Promise<unknown> = Promise.resolve();
  /** Counts explicit saves, so the badge shows each one even when its words repeat. */
  private explicitSaves = 0;

  constructor(private readonly kind: SessionKind<T, F, S>) {
    this.saver = new Autosaver(() => this.write('autosave'), { composing: () => this.state.composing });
  }

  private exclusive<R>(run: () => Promise<R>): Promise<R> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => {});
    return next;
  }

  private write(reason: UiSaveReason, allowEmptying = false): Promise<void> {
    return this.exclusive(() => this.send(reason, allowEmptying));
  }

  private async send(reason: UiSaveReason, allowEmptying: boolean): Promise<void> {
    const item = this.state.item;
    const f = this.state.fields;
    if (!item || !f) return;
    const sent = this.kind.outgoing(f);
    if (!allowEmptying && this.kind.empties(sent, item)) {
      this.state.save = { kind: 'confirm-empty' };
      return;
    }
    this.state.save = { kind: 'saving' };
    try {
      const saved = await this.kind.save(item, sent, reason, allowEmptying);
      if (this.state.item?.id !== saved.id) return;
      this.state.item = saved;
      this.state.save = this.saver.dirty ? { kind: 'dirty' } : { kind: 'saved', at: saved.updated_at };
    } catch (e) {
      const err = e as CommandError;
      if (err.kind === 'conflict') {
        const theirs = (err.current as T | undefined) ?? (await this.kind.fetch(item.id));
        this.state.save = { kind: 'conflict', theirs };
        return;
      }
      this.state.save = { kind: 'error', error: { kind: err.kind, message: err.message } };
      throw e;
    }
  }

  /** Call after every edit of the fields. */
  touch(): void {
    const s = this.state.save.kind;
    if (s === 'conflict' || s === 'confirm-empty') return;
    this.state.save = { kind: 'dirty' };
    this.saver.touch();
  }

  /** Saves pending edits now (before switching, closing, or exporting). */
  async flush(): Promise<void> {
    await this.saver.flush();
  }

  /** Explicit save (Ctrl+S): records a revision. `allowEmptying` answers the guard. It
   * always says what it did: a revision saved, or that nothing had changed (core keeps the
   * version of an identical save, so the time shown would not move); inside an open IME
   * composition it waits for the syllable to be finished. */
  async saveNow(allowEmptying = false): Promise<void> {
    while (this.state.composing) await new Promise((r) => setTimeout(r, 100));
    this.saver.cancel();
    const before = this.state.item?.version;
    await this.write('explicit', allowEmptying);
    const s = this.state.save;
    const item = this.state.item;
    if (s.kind === 'saved' && item) {
      this.explicitSaves += 1;
      this.state.save = { kind: 'saved', at: item.updated_at, explicit: item.version === before ? 'unchanged' : 'revision', seq: this.explicitSaves };
    }
  }

  /** Opens `item`, first saving what the one open before it had pending. */
  async open(item: T): Promise<void> {
    if (this.state.item && this.state.item.id !== item.id) await this.flush().catch(() => {});
    this.saver.cancel();
    this.load(item);
  }

  /** Replaces the open item with what the library now holds (status change, restore…). */
  replace(item: T): void {
    this.saver.cancel();
    this.load(item);
  }

  private load(item: T): void {
    this.kind.loaded?.(item);
    this.state.item = item;
    this.state.fields = this.kind.fieldsOf(item);
    this.state.save = { kind: 'saved', at: item.updated_at };
    this.state.loads += 1;
  }

  /** Conflict: keep my version, writing it over the library's current one. */
  async keepMine(): Promise<void> {
    const s = this.state.save;
    if (s.kind !== 'conflict' || !this.state.item) return;
    this.state.item = { ...this.state.item, version: s.theirs.version };
    await this.write('explicit');
  }

  /** Conflict: take the library's version; mine stays on screen until then. */
  takeTheirs(): void {
    const s = this.state.save;
    if (s.kind !== 'conflict') return;
    this.replace($state.snapshot(s.theirs) as T);
  }

  /** Saves what is pending, then replaces the open item with what `change` returns (a new
   * status, a restored revision). */
  async apply(change: (item: T) => Promise<T>): Promise<void> {
    const item = this.state.item;
    if (!item) return;
    await this.flush();
    await this.exclusive(async () => this.replace(await change(this.state.item ?? item)));
  }

  /** Saves what is pending, then exports with `write` (which asks where); says what
   * happened in the reporter's words, or `null` when the reporter cancelled. */
  async exportWith(write: (item: T) => Promise<string | null>): Promise<ExportOutcome | null> {
    const item = this.state.item;
    if (!item) return null;
    try {
      await this.flush();
      const path = await write(item);
      return path ? { ok: true, path, itemId: item.id } : null;
    } catch (e) {
      return { ok: false, error: e as CommandError, itemId: item.id };
    }
  }

  /** The session's actions as plain functions, for a module to export under its own names. */
  actions() {
    return {
      touch: () => this.touch(),
      flush: () => this.flush(),
      saveNow: (allowEmptying = false) => this.saveNow(allowEmptying),
      open: (item: T) => this.open(item),
      replace: (item: T) => this.replace(item),
      keepMine: () => this.keepMine(),
      takeTheirs: () => this.takeTheirs(),
    };
  }

  /** Closes the open item (after it was moved to the trash). */
  close(): void {
    this.saver.cancel();
    this.state.item = null;
    this.state.fields = null;
    this.state.save = { kind: 'idle' };
  }
}
