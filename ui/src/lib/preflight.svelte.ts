// The pre-flight before an export: save what is pending, run core's checklist, and either
// go on at once (everything passed) or hold the export until the reporter has seen what
// failed (`PreflightSheet`). One gate per screen; the rules are core's (`style/preflight.rs`).
import { api } from './api';
import type { Field, Preflight, PreflightItem } from './types';

export class ExportGate {
  checklist = $state<Preflight | null>(null);
  /** `export`: the checklist holds an export; `ready`: it is shown after a piece was set
   * to ready, to read (nothing waits on it). */
  mode = $state<'export' | 'publish' | 'ready'>('export');
  private pending: (() => Promise<void>) | null = null;

  /** Saves with `flush`, checks item `id`, then runs `go` now or once the reporter agrees. */
  async run(id: string, flush: () => Promise<void>, go: () => Promise<void>, mode: 'export' | 'publish' = 'export'): Promise<void> {
    await flush();
    let list: Preflight;
    try {
      list = await api.preflight(id);
    } catch {
      // A checklist that cannot be made does not stop the export; the export says what failed.
      return go();
    }
    if (list.items.every((i) => i.ok)) return go();
    this.pending = go;
    this.mode = mode;
    this.checklist = list;
  }

  /** After a piece was set to ready: shows the checklist when something failed. */
  async review(id: string): Promise<void> {
    const list = await api.preflight(id).catch(() => null);
    if (!list || list.items.every((i) => i.ok)) return;
    this.pending = null;
    this.mode = 'ready';
    this.checklist = list;
  }

  async proceed(): Promise<void> {
    const go = this.pending;
    this.cancel();
    await go?.();
  }

  cancel(): void {
    this.checklist = null;
    this.pending = null;
  }

  /** Closes the checklist and puts the caret in the field `item` is about. */
  jump(item: PreflightItem): void {
    this.cancel();
    const el = fieldElement(item.field, item.brief);
    requestAnimationFrame(() => {
      el?.scrollIntoView({ block: 'center' });
      el?.focus();
    });
  }
}

/** The element that edits `field` (of brief `brief`) on the open screen. */
export function fieldElement(field: Field | null, brief: number | null): HTMLElement | null {
  const one = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const nth = (id: string) => document.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)[brief ?? 0] ?? null;
  const edition = one('roundup-title') !== null;
  switch (field) {
    case 'headline':
      return one(edition ? 'roundup-title' : 'headline');
    case 'deck':
      return one('deck');
    case 'summary':
      // The details pane, hidden in a narrow window, is shown first.
      window.dispatchEvent(new Event('newsdesk:reveal-details'));
      return one('summary');
    case 'body':
      return one(edition ? 'roundup-lead-body' : 'editor');
    case 'lead_headline':
      return one('roundup-lead-headline');
    case 'transition':
      return one('roundup-transition');
    case 'brief_headline':
      return nth('brief-headline');
    case 'brief_summary':
      return nth('brief-summary');
    default:
      return null;
  }
}
