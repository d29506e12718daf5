// The text of a document tree, paragraph per line (for conflict views and previews).
import type { Block, Doc, Inline } from './types';

function inlines(content: Inline[] | undefined): string {
  return (content ?? []).map((i) => (i.type === 'text' ? i.text : '\n')).join('');
}

function blocks(content: Block[], out: string[]): void {
  for (const b of content) {
    switch (b.type) {
      case 'paragraph':
      case 'heading':
        out.push(inlines(b.content));
        break;
      case 'blockquote':
        blocks(b.content, out);
        break;
      case 'bulletList':
      case 'orderedList':
        for (const item of b.content) blocks(item.content, out);
        break;
      case 'image':
        if (b.attrs.caption) out.push(b.attrs.caption);
        break;
      default:
        break;
    }
  }
}

export function docToPlain(doc: Doc): string {
  const out: string[] = [];
  blocks(doc.content, out);
  return out.join('\n\n');
}
