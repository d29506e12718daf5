// House-style findings underlined in the body, as decorations: they change neither the
// document nor the selection, so the caret never moves and undo never sees them. Offsets
// come from core, in characters (Unicode scalar values) of the body's text: its paragraphs
// joined by "\n", image captions included (`style::body_text`); this maps them back to
// ProseMirror positions.
import { Extension } from '@tiptap/core';
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { closeHistory } from '@tiptap/pm/history';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { Finding } from '../types';

const key = new PluginKey<DecorationSet>('styleMarks');

export const StyleMarks = Extension.create({
  name: 'styleMarks',
  addProseMirrorPlugins() {
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: () => DecorationSet.empty,
          apply: (tr, set) => (tr.getMeta(key) as DecorationSet | undefined) ?? set.map(tr.mapping, tr.doc),
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});

/** A run of body text at a ProseMirror position: `chars` characters from `char` on. */
type Run = { char: number; chars: number; pos: number; text: string };

/** Characters (Unicode scalar values, as core counts them) in `s`. */
function scalars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n += 1;
  }
  return n;
}

/** The UTF-16 length of the first `n` characters of `s`. */
function utf16Length(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return i;
}

/** The body's text runs, counted the way core counts `body_text`. */
export function bodyRuns(doc: PMNode): Run[] {
  const runs: Run[] = [];
  let char = 0;
  let first = true;
  const newParagraph = () => {
    if (!first) char += 1; // the "\n" between paragraphs
    first = false;
  };
  doc.descendants((node, pos) => {
    if (node.type.name === 'image') {
      const caption = String(node.attrs.caption ?? '');
      if (caption) {
        newParagraph();
        char += scalars(caption);
      }
      return false;
    }
    if (!node.isTextblock) return true;
    newParagraph();
    node.forEach((child, offset) => {
      const at = pos + 1 + offset;
      if (child.isText) {
        const text = child.text ?? '';
        const chars = scalars(text);
        runs.push({ char, chars, pos: at, text });
        char += chars;
      } else if (child.type.name === 'hardBreak') {
        char += 1;
      }
    });
    return false;
  });
  return runs;
}

/** The ProseMirror position of body character `n` in `runs` (in order), or null when it is
 *  not in a text run; with `end`, the end of a run counts as in it (the earlier run wins). */
export function positionOf(runs: Run[], n: number, end = false): number | null {
  // The last run starting at or before n.
  let lo = 0;
  let hi = runs.length - 1;
  let i = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (runs[mid].char <= n) {
      i = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  if (i < 0) return null;
  const before = runs[i - 1];
  if (end && before && before.char + before.chars === n) return before.pos + before.text.length;
  const r = runs[i];
  if (n < r.char + r.chars || (end && n === r.char + r.chars)) return r.pos + utf16Length(r.text, n - r.char);
  return null;
}

/** The body range of a finding, when the text there is still the finding's text. Pass the
 *  body's runs when mapping many findings: reading them is a walk over the whole body. */
export function findingRange(editor: Editor, f: Finding, runs: Run[] = bodyRuns(editor.state.doc)): { from: number; to: number } | null {
  const from = positionOf(runs, f.start);
  const to = positionOf(runs, f.end, true);
  if (from === null || to === null || editor.state.doc.textBetween(from, to) !== f.text) return null;
  return { from, to };
}

/** Underlines `findings` (body ones) in `editor`; never during an IME composition. */
export function markFindings(editor: Editor, findings: Finding[]): boolean {
  if (editor.view.composing) return false;
  // The body's runs are read once for all findings: a walk of the whole body per finding
  // cost a 100,000-character article with 600 findings ~500 MB of the page's memory.
  const runs = bodyRuns(editor.state.doc);
  const decorations = findings
    .filter((f) => f.field === 'body')
    .map((f) => [f, findingRange(editor, f, runs)] as const)
    .filter((x): x is readonly [Finding, { from: number; to: number }] => x[1] !== null)
    .map(([f, r]) =>
      Decoration.inline(r.from, r.to, { class: `style-finding ${f.severity}`, 'data-rule': f.rule, title: f.message_ko }),
    );
  editor.view.dispatch(editor.state.tr.setMeta(key, DecorationSet.create(editor.state.doc, decorations)).setMeta('addToHistory', false));
  return true;
}

/** The replacements of a fix as one transaction, one undo step of its own: the history
 *  would otherwise join a fix made within half a second of typing to that typing, and one
 *  Ctrl+Z would take back both. insertText keeps the marks of the text it replaces. */
export function fixTransaction(state: EditorState, edits: { from: number; to: number; text: string }[]): Transaction {
  let tr = state.tr;
  for (const e of [...edits].sort((a, b) => b.from - a.from)) tr = tr.insertText(e.text, e.from, e.to);
  return closeHistory(tr);
}

/** Replaces a body finding with `suggestion`, as one undo step; false when it is stale. */
export function fixInBody(editor: Editor, f: Finding, suggestion: string): boolean {
  const r = findingRange(editor, f);
  if (!r) return false;
  editor.view.dispatch(fixTransaction(editor.state, [{ ...r, text: suggestion }]));
  editor.commands.focus();
  return true;
}

/** Replaces every body finding of `findings` with its first suggestion, as one undo step. */
export function fixAllInBody(editor: Editor, findings: Finding[]): number {
  const runs = bodyRuns(editor.state.doc);
  const ranges = findings
    .filter((f) => f.field === 'body' && f.suggestions.length > 0)
    .map((f) => ({ f, r: findingRange(editor, f, runs) }))
    .filter((x): x is { f: Finding; r: { from: number; to: number } } => x.r !== null);
  if (ranges.length === 0) return 0;
  editor.view.dispatch(fixTransaction(editor.state, ranges.map(({ f, r }) => ({ ...r, text: f.suggestions[0] }))));
  editor.commands.focus();
  return ranges.length;
}
