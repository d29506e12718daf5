// Text typed or composed right before a link does not join the link. Browsers insert an
// input-method composition into the <a> element when the caret sits at its start, so the
// composed word (e.g. Hangul) would silently become part of the link text and address.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';

export const LinkBoundary = Extension.create({
  name: 'linkBoundary',
  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('linkBoundary'),
        appendTransaction(transactions, oldState, newState) {
          if (!transactions.some((t) => t.docChanged)) return null;
          const link = newState.schema.marks.link;
          if (!link) return null;
          const before = oldState.selection.$from;
          if (!oldState.selection.empty) return null;
          // Was the caret at the start of a link, with no link just before it?
          const after = before.nodeAfter;
          const prev = before.nodeBefore;
          if (!after || !link.isInSet(after.marks) || (prev && link.isInSet(prev.marks))) return null;
          const from = transactions.reduce((pos, t) => t.mapping.map(pos, -1), before.pos);
          const to = newState.selection.from;
          if (to <= from) return null;
          const inserted = newState.doc.textBetween(from, to, '', '');
          if (!inserted || newState.doc.rangeHasMark(from, to, link) === false) return null;
          return newState.tr.removeMark(from, to, link);
        },
      }),
    ];
  },
});
