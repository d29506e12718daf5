// House style as the reporter types: the open article's fields are checked by core
// (`check_style`) a moment after the last change, never during an IME composition; the
// findings are underlined in the body (lib/editor/style-marks.ts) and listed in the Style
// pane, where a fix is one undo step.
import { untrack } from 'svelte';
import { api } from './api';
import { fieldElement } from './preflight.svelte';
import type { Finding, Ignored, StyleInput } from './types';

/** The findings of the text on screen, and what "ignore here" keeps for the open piece. */
export const style = $state({ findings: [] as Finding[], ignored: [] as Ignored[], id: null as string | null });

/** What is checked: the fields on screen and, when they are a stored piece's, its id (so
 * the findings ignored there stay out). */
export type StyleRequest = { input: StyleInput; id: string | null };

/** What the body editor offers: a fix of one finding, or of several, as one undo step. */
export type BodyFixer = { one: (f: Finding, suggestion: string) => boolean; all: (fs: Finding[]) => number };
let body: BodyFixer | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let asked = 0;
let again: (() => void) | null = null;

export function setBodyFixer(fixer: BodyFixer | null): void {
  body = fixer;
}

/** Checks `input()` after `delay` ms of quiet; `busy()` true (a composition) waits more. */
export function checkSoon(input: () => StyleRequest | null, busy: () => boolean, delay = 400): void {
  again = () => checkSoon(input, busy, 0);
  clearTimeout(timer);
  timer = setTimeout(async () => {
    if (busy()) return checkSoon(input, busy, delay);
    const request = input();
    if (!request) return;
    const n = ++asked;
    try {
      const found = await api.checkStyle(request.input, request.id);
      if (n === asked) style.findings = found;
    } catch {
      // A check that failed leaves the last findings; the next change checks again.
    }
  }, delay);
}

export function clearStyle(): void {
  clearTimeout(timer);
  asked += 1;
  style.findings = [];
}

function entryOf(f: Finding): Ignored {
  return { rule: f.rule, field: f.field, text: f.text };
}

const same = (a: Ignored, b: Ignored) => a.rule === b.rule && a.field === b.field && a.text === b.text;

/** "Ignore here": this rule, in this field, on this text, is not reported for the open
 * piece again (core keeps it with the piece). */
export async function ignoreHere(f: Finding): Promise<void> {
  const id = style.id;
  if (!id) return;
  const entry = entryOf(f);
  style.ignored = await api.setStyleIgnored(id, entry, true);
  style.findings = style.findings.filter((x) => !same(entryOf(x), entry));
}

/** "Check again": an ignored finding is reported again. */
export async function checkAgain(entry: Ignored): Promise<void> {
  const id = style.id;
  if (!id) return;
  style.ignored = await api.setStyleIgnored(id, entry, false);
  again?.();
}

/** The field's text as the finding counts it, when the field is a plain input. */
function plainField(f: Finding): HTMLInputElement | HTMLTextAreaElement | null {
  const el = fieldElement(f.field, f.brief);
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement ? el : null;
}

/** Replaces the finding's text with `suggestion`: in the body through the editor, in a
 * plain field as an edit the field's own undo takes back. False when the text changed. */
export function applyFix(f: Finding, suggestion: string): boolean {
  if (f.field === 'body') return body?.one(f, suggestion) ?? false;
  const el = plainField(f);
  if (!el) return false;
  const chars = [...el.value];
  if (chars.slice(f.start, f.end).join('') !== f.text) return false;
  const from = chars.slice(0, f.start).join('').length;
  el.focus();
  el.setSelectionRange(from, from + f.text.length);
  if (!document.execCommand('insertText', false, suggestion)) {
    el.setRangeText(suggestion, from, from + f.text.length, 'end');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  return true;
}

/** Fixes every finding of `rule` that has a suggestion; the body's in one undo step. */
export function fixRule(rule: string): number {
  const of = style.findings.filter((f) => f.rule === rule && f.suggestions.length > 0);
  let n = body?.all(of.filter((f) => f.field === 'body')) ?? 0;
  // Plain fields from the end backwards, so earlier offsets stay right.
  for (const f of of.filter((x) => x.field !== 'body').sort((a, b) => b.start - a.start)) {
    if (applyFix(f, f.suggestions[0])) n += 1;
  }
  return n;
}

/** What a body editor offers the style check (BodyEditor's exports). */
export type StyleEditor = {
  showFindings: (findings: Finding[]) => boolean;
  fixOne: (f: Finding, suggestion: string) => boolean;
  fixAll: (findings: Finding[]) => number;
};

/** Makes the style check follow a screen; call it while the screen's component starts.
 * `input` reads what is on screen, `piece` the stored piece it is, `composing` tells an
 * IME composition, `editor` is the body editor that underlines and fixes the body;
 * `changes` reads what, when it changes, calls for a new check (default: `input` itself,
 * which must then write no state). */
export function followStyle(
  input: () => StyleInput | null,
  piece: () => string | null,
  composing: () => boolean,
  editor: () => StyleEditor | undefined,
  changes: () => unknown = input,
): void {
  $effect(() => {
    setBodyFixer({ one: (f, s) => editor()?.fixOne(f, s) ?? false, all: (fs) => editor()?.fixAll(fs) ?? 0 });
    return () => {
      setBodyFixer(null);
      clearStyle();
      style.id = null;
      style.ignored = [];
    };
  });
  $effect(() => {
    // The open piece's ignore list, read when another piece opens.
    const id = piece();
    if (id === untrack(() => style.id)) return;
    style.id = id;
    style.ignored = [];
    if (id) api.styleIgnored(id).then((list) => { if (style.id === id) style.ignored = list; }, () => {});
  });
  $effect(() => {
    if (changes() === null) {
      clearStyle();
      return;
    }
    checkSoon(() => {
      const fields = input();
      return fields ? { input: fields, id: piece() } : null;
    }, composing);
  });
  $effect(() => {
    const findings = style.findings;
    const ed = editor();
    // Underlining touches the editor's own state, which must not call this effect again.
    if (!composing()) untrack(() => ed?.showFindings(findings));
  });
}
