import { describe, expect, it } from 'vitest';
import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { bodyRuns, positionOf } from '../src/lib/editor/style-marks';

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
