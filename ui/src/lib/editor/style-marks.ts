// House-style findings underlined in the body, as decorations: they change neither the
// document nor the selection, so the caret never moves and undo never sees them. Offsets
// come from core, in characters (Unicode scalar values) of the body's text: its paragraphs
// joined by "\n", image captions included (`style::body_text`); this maps them back to
// ProseMirror positions.
import { Extension } from '@tiptap/core';
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
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
type Run = { char: number; pos: number; text: string };

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
        char += [...caption].length;
      }
      return false;
    }
    if (!node.isTextblock) return true;
    newParagraph();
    node.forEach((child, offset) => {
      const at = pos + 1 + offset;
      if (child.isText) {
        runs.push({ char, pos: at, text: child.text ?? '' });
        char += [...(child.text ?? '')].length;
      } else if (child.type.name === 'hardBreak') {
        char += 1;
      }
    });
    return false;
  });
  return runs;
}

/** The ProseMirror position of body character `n`, or null when it is not in a text run. */
export function positionOf(runs: Run[], n: number, end = false): number | null {
  for (const r of runs) {
    const chars = [...r.text];
    if (n >= r.char && (n < r.char + chars.length || (end && n === r.char + chars.length))) {
      return r.pos + chars.slice(0, n - r.char).join('').length;
    }
  }
  return null;
}

/** The body range of a finding, when the text there is still the finding's text. */
export function findingRange(editor: Editor, f: Finding): { from: number; to: number } | null {
  const runs = bodyRuns(editor.state.doc);
  const from = positionOf(runs, f.start);
  const to = positionOf(runs, f.end, true);
  if (from === null || to === null || editor.state.doc.textBetween(from, to) !== f.text) return null;
  return { from, to };
}

/** Underlines `findings` (body ones) in `editor`; never during an IME composition. */
export function markFindings(editor: Editor, findings: Finding[]): boolean {
  if (editor.view.composing) return false;
  const decorations = findings
    .filter((f) => f.field === 'body')
    .map((f) => [f, findingRange(editor, f)] as const)
    .filter((x): x is readonly [Finding, { from: number; to: number }] => x[1] !== null)
    .map(([f, r]) =>
      Decoration.inline(r.from, r.to, { class: `style-finding ${f.severity}`, 'data-rule': f.rule, title: f.message_ko }),
    );
  editor.view.dispatch(editor.state.tr.setMeta(key, DecorationSet.create(editor.state.doc, decorations)).setMeta('addToHistory', false));
  return true;
}

/** Replaces a body finding with `suggestion`, as one undo step; false when it is stale. */
export function fixInBody(editor: Editor, f: Finding, suggestion: string): boolean {
  const r = findingRange(editor, f);
  if (!r) return false;
  // One transaction: one undo step; insertText keeps the marks of the text it replaces.
  editor.view.dispatch(editor.state.tr.insertText(suggestion, r.from, r.to));
  editor.commands.focus();
  return true;
}

/** Replaces every body finding of `findings` with its first suggestion, as one undo step. */
export function fixAllInBody(editor: Editor, findings: Finding[]): number {
  const ranges = findings
    .filter((f) => f.field === 'body' && f.suggestions.length > 0)
    .map((f) => ({ f, r: findingRange(editor, f) }))
    .filter((x): x is { f: Finding; r: { from: number; to: number } } => x.r !== null)
    .sort((a, b) => b.r.from - a.r.from);
  if (ranges.length === 0) return 0;
  let tr = editor.state.tr;
  for (const { f, r } of ranges) tr = tr.insertText(f.suggestions[0], r.from, r.to);
  editor.view.dispatch(tr);
  editor.commands.focus();
  return ranges.length;
}
