// The editor's schema, one to one with the Rust document tree (src-tauri/core/src/model/doc.rs):
// paragraph, heading 2–4, blockquote, bullet and ordered lists, hard break, horizontal rule,
// image (asset, alt, caption, credit), table (rows of header or body cells holding
// paragraphs, so no table nests in another; colspan, rowspan, colwidth); marks bold,
// italic, strike, code, link (http, https, mailto). Nothing else can enter a document:
// pasted HTML is parsed against this schema.
import { StyleMarks } from './style-marks';
import { FindReplace } from './find-replace';
import { Node, mergeAttributes, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { imageNodeView } from './images';
import { LinkBoundary } from './link-boundary';

export const LINK_PROTOCOL = /^(https?:\/\/|mailto:)\S+$/i;

/** An image stored in the library, shown as a figure with its caption and credit. */
export const LibraryImage = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  addAttributes() {
    return {
      asset: { default: '' },
      alt: { default: '' },
      caption: { default: '' },
      credit: { default: '' },
    };
  },
  parseHTML() {
    return [
      {
        tag: 'figure[data-asset]',
        getAttrs: (el) => ({
          asset: (el as HTMLElement).dataset.asset ?? '',
          alt: (el as HTMLElement).dataset.alt ?? '',
          caption: (el as HTMLElement).dataset.caption ?? '',
          credit: (el as HTMLElement).dataset.credit ?? '',
        }),
      },
    ];
  },
  addNodeView() {
    return imageNodeView;
  },
  renderHTML({ node, HTMLAttributes }) {
    const { asset, alt, caption, credit } = node.attrs as Record<string, string>;
    const text = credit ? `${caption} (${credit})` : caption;
    return [
      'figure',
      mergeAttributes(HTMLAttributes, {
        'data-asset': asset,
        'data-alt': alt,
        'data-caption': caption,
        'data-credit': credit,
        class: 'nd-figure',
      }),
      ['figcaption', {}, text || alt || '🖼'],
    ];
  },
});

/** A table cell's attributes as core keeps them: TipTap's, without `align`. */
function cellAttributes(this: { parent?: () => Record<string, unknown> }) {
  const { align: _align, ...kept } = this.parent?.() ?? {};
  return kept;
}

export function newsdeskExtensions(): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      codeBlock: false,
      underline: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        isAllowedUri: (url: string) => LINK_PROTOCOL.test(url),
      },
    }),
    LibraryImage,
    // Cells hold paragraphs only, with colspan, rowspan and colwidth, as core's
    // `Block::Table` does (TipTap's own `align` is left out: core refuses what it does not know).
    Table.configure({ resizable: false, HTMLAttributes: { class: 'nd-table' } }),
    TableRow,
    TableHeader.extend({ content: 'paragraph+', addAttributes: cellAttributes }),
    TableCell.extend({ content: 'paragraph+', addAttributes: cellAttributes }),
    LinkBoundary,
    StyleMarks,
    FindReplace,
  ];
}
