// Find and replace inside the open body: matches shown as decorations (they change neither
// the document nor the selection, and undo never sees them), next/previous, match case,
// replace one, and replace all as ONE transaction, so one undo takes it back. Text is
// searched per text block, so a match may run across bold or linked parts; the query is
// NFC like the document, so Hangul typed in any form finds what is stored.
import { Extension } from '@tiptap/core';
import type { Editor } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

export type Match = { from: number; to: number };

export type FindState = { query: string; matchCase: boolean; matches: Match[]; current: number; decorations: DecorationSet };

const key = new PluginKey<FindState>('findReplace');

type Search = { query: string; matchCase: boolean; current?: number };

const empty: FindState = { query: '', matchCase: false, matches: [], current: -1, decorations: DecorationSet.empty };

/** Lower case, character by character, where that keeps the length (so offsets still hold). */
function fold(text: string): string {
  let out = '';
  for (const ch of text) {
    const low = ch.toLocaleLowerCase();
    out += low.length === ch.length ? low : ch;
  }
  return out;
}

/** Every match of `query` in `doc`, in document order. */
export function findMatches(doc: PMNode, query: string, matchCase: boolean): Match[] {
  const q = matchCase ? query.normalize('NFC') : fold(query.normalize('NFC'));
  if (!q) return [];
  const found: Match[] = [];
  doc.descendants((node, pos) => {
    if (!node.isTextblock) return true;
    // The block's text, and for each UTF-16 offset of it the document position.
    let text = '';
    const at: number[] = [];
    node.forEach((child, offset) => {
      const start = pos + 1 + offset;
      if (child.isText) {
        const t = child.text ?? '';
        for (let i = 0; i < t.length; i++) at.push(start + i);
        text += t;
      } else {
        // A hard break or an inline atom: never part of a match.
        at.push(start);
        text += '\u0000';
      }
    });
    const hay = matchCase ? text : fold(text);
    for (let i = hay.indexOf(q); i >= 0; i = hay.indexOf(q, i + q.length)) {
      found.push({ from: at[i], to: at[i + q.length - 1] + 1 });
    }
    return false;
  });
  return found;
}

function build(doc: PMNode, search: Search, near = -1): FindState {
  const matches = findMatches(doc, search.query, search.matchCase);
  let current = search.current ?? -1;
  if (current < 0 || current >= matches.length) {
    current = matches.length === 0 ? -1 : Math.max(0, matches.findIndex((m) => m.from >= near));
  }
  const decorations = DecorationSet.create(
    doc,
    matches.map((m, i) => Decoration.inline(m.from, m.to, { class: i === current ? 'find-match current' : 'find-match' })),
  );
  return { query: search.query, matchCase: search.matchCase, matches, current, decorations };
}

export const FindReplace = Extension.create({
  name: 'findReplace',
  addProseMirrorPlugins() {
    return [
      new Plugin<FindState>({
        key,
        state: {
          init: () => empty,
          apply: (tr: Transaction, prev: FindState) => {
            const asked = tr.getMeta(key) as Search | undefined;
            if (asked) return asked.query ? build(tr.doc, asked, tr.selection.from) : empty;
            if (!prev.query || !tr.docChanged) return prev;
            // The text changed: the matches are looked for again, the current one kept near.
            const near = prev.matches[prev.current] ? tr.mapping.map(prev.matches[prev.current].from) : tr.selection.from;
            return build(tr.doc, { query: prev.query, matchCase: prev.matchCase }, near);
          },
        },
        props: { decorations: (state: EditorState) => key.getState(state)?.decorations },
      }),
    ];
  },
});

export function findState(editor: Editor): FindState {
  return key.getState(editor.state) ?? empty;
}

/** Looks for `query` (an empty one clears the marks); the first match from the caret on is current. */
export function setSearch(editor: Editor, query: string, matchCase: boolean): FindState {
  editor.view.dispatch(editor.state.tr.setMeta(key, { query, matchCase }).setMeta('addToHistory', false));
  return findState(editor);
}

/** Makes the next (1) or previous (-1) match current, selects it and scrolls it into view. */
export function step(editor: Editor, delta: 1 | -1): FindState {
  const s = findState(editor);
  if (s.matches.length === 0) return s;
  const current = (s.current + delta + s.matches.length) % s.matches.length;
  const m = s.matches[current];
  const tr = editor.state.tr
    .setMeta(key, { query: s.query, matchCase: s.matchCase, current })
    .setSelection(TextSelection.create(editor.state.doc, m.from, m.to))
    .setMeta('addToHistory', false)
    .scrollIntoView();
  editor.view.dispatch(tr);
  return findState(editor);
}

/** `text` in place of `m` (insertText keeps the marks of the text it replaces; an empty
 * replacement deletes). */
function put(tr: Transaction, text: string, m: Match): Transaction {
  return text ? tr.insertText(text.normalize('NFC'), m.from, m.to) : tr.delete(m.from, m.to);
}

/** Replaces the current match with `text` (one undo step) and moves on to the next one. */
export function replaceCurrent(editor: Editor, text: string): FindState {
  const s = findState(editor);
  const m = s.matches[s.current];
  if (!m) return s;
  const tr = put(editor.state.tr, text, m);
  editor.view.dispatch(tr);
  const after = findState(editor);
  const next = after.matches.findIndex((x) => x.from >= m.from + text.length);
  if (after.matches.length > 0) {
    editor.view.dispatch(editor.state.tr.setMeta(key, { query: after.query, matchCase: after.matchCase, current: next < 0 ? 0 : next }).setMeta('addToHistory', false));
  }
  return findState(editor);
}

/** Replaces every match with `text` in one transaction: one undo step. Returns how many. */
export function replaceAll(editor: Editor, text: string): number {
  const s = findState(editor);
  if (s.matches.length === 0) return 0;
  let tr = editor.state.tr;
  for (const m of [...s.matches].reverse()) tr = put(tr, text, m);
  editor.view.dispatch(tr);
  return s.matches.length;
}
