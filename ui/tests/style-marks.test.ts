import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { EditorState } from '@tiptap/pm/state';
import { history, undo } from '@tiptap/pm/history';
import { bodyRuns, fixTransaction, positionOf } from '../src/lib/editor/style-marks';

// A body with what moves offsets apart: marks splitting a paragraph into runs, a character
// outside the BMP (two UTF-16 units, one character for core), a hard break, a heading and
// a list.
const schema = getSchema([StarterKit]);
const doc = schema.nodeFromJSON({
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: '서울 ' }, { type: 'text', text: '시장', marks: [{ type: 'bold' }] }, { type: 'text', text: '😀 선거' }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Ferry 𝒜 vote' }] },
    { type: 'paragraph', content: [{ type: 'text', text: '첫 줄' }, { type: 'hardBreak' }, { type: 'text', text: '둘째 줄' }] },
    { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '목록 🙂' }] }] }] },
  ],
});
// The body's text as core has it: textblocks joined by "\n", a hard break a "\n".
const bodyText = '서울 시장😀 선거\nFerry 𝒜 vote\n첫 줄\n둘째 줄\n목록 🙂';

describe('positionOf', () => {
  it('maps every character of the body text to where it is in the document', () => {
    const runs = bodyRuns(doc);
    const chars = [...bodyText];
    for (let n = 0; n < chars.length; n++) {
      const from = positionOf(runs, n);
      if (chars[n] === '\n') {
        expect(from, `offset ${n} is a break`).toBeNull();
        continue;
      }
      const to = positionOf(runs, n + 1, true);
      expect(from, `offset ${n}`).not.toBeNull();
      expect(doc.textBetween(from!, to!), `offset ${n}`).toBe(chars[n]);
    }
  });

  it('takes a finding across marks, and one ending where a run ends', () => {
    const runs = bodyRuns(doc);
    const at = (text: string) => [...bodyText.slice(0, bodyText.indexOf(text))].length;
    for (const text of ['서울 시장😀', '시장', '😀 선거', '𝒜 vote', '둘째 줄', '🙂']) {
      const start = at(text);
      const from = positionOf(runs, start);
      const to = positionOf(runs, start + [...text].length, true);
      expect(doc.textBetween(from!, to!)).toBe(text);
    }
    expect(positionOf(runs, [...bodyText].length + 5)).toBeNull();
  });
});

describe('fixTransaction', () => {
  // Typing, then a fix from the Style pane a moment later: inside the history's half-second
  // grouping, next to the typed text (the case a reporter meets when the check is quick).
  const typed = (time: number) => {
    let state = EditorState.create({ schema, plugins: [history()] });
    const text = '시는 새 노선을 발표하였다.';
    for (let i = 0; i < text.length; i++) state = state.apply(state.tr.insertText(text[i], 1 + i).setTime(time + i * 10));
    return state;
  };
  const undoOnce = (state: EditorState) => {
    let after = state;
    undo(state, (tr) => (after = state.apply(tr)));
    return after;
  };

  it('is one undo step of its own, even right after typing', () => {
    const state = typed(1000);
    const from = state.doc.textContent.indexOf('하였다') + 1;
    const fixed = state.apply(fixTransaction(state, [{ from, to: from + 3, text: '했다' }]).setTime(1000 + 200));
    expect(fixed.doc.textContent).toBe('시는 새 노선을 발표했다.');
    expect(undoOnce(fixed).doc.textContent).toBe('시는 새 노선을 발표하였다.');
  });

  it('replaces several ranges from the end, so earlier offsets still hold', () => {
    const state = typed(1000);
    const text = state.doc.textContent;
    const at = (s: string) => text.indexOf(s) + 1;
    const fixed = state.apply(
      fixTransaction(state, [
        { from: at('시는'), to: at('시는') + 2, text: '시청은' },
        { from: at('하였다'), to: at('하였다') + 3, text: '했다' },
      ]),
    );
    expect(fixed.doc.textContent).toBe('시청은 새 노선을 발표했다.');
    expect(undoOnce(fixed).doc.textContent).toBe(text);
  });
});
