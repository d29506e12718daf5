// Images in the body: dropped or pasted files are stored in the library (by SHA-256) and
// shown from it as blob: URLs; each figure has editable caption and credit fields.
import type { Editor, NodeViewRendererProps } from '@tiptap/core';
import { api, toCommandError } from '../api';
import type { CommandError } from '../types';

const urls = new Map<string, Promise<string>>();

/** A blob: URL for a stored image, fetched once per asset. */
export function assetUrl(id: string): Promise<string> {
  let url = urls.get(id);
  if (!url) {
    url = api.getAsset(id).then((bytes) => URL.createObjectURL(new Blob([bytes])));
    urls.set(id, url);
  }
  return url;
}

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

/** Stores each image file and inserts it at `pos` (or the selection). Returns true if any. */
export function insertImageFiles(editor: Editor, files: File[], pos?: number, onerror?: (e: CommandError) => void): boolean {
  const images = files.filter((f) => IMAGE_TYPES.includes(f.type));
  if (images.length === 0) return false;
  (async () => {
    for (const file of images) {
      try {
        const asset = await api.putImage(await file.arrayBuffer());
        const node = { type: 'image', attrs: { asset, alt: file.name.replace(/\.[^.]+$/, ''), caption: '', credit: '' } };
        if (pos === undefined) editor.chain().focus().insertContent(node).run();
        else editor.chain().focus().insertContentAt(pos, node).run();
      } catch (e) {
        onerror?.(toCommandError(e));
      }
    }
  })();
  return true;
}

/** The figure shown in the editor: the picture, then caption and credit inputs. */
export function imageNodeView({ node, getPos, editor }: NodeViewRendererProps) {
  const dom = document.createElement('figure');
  dom.className = 'nd-figure';
  dom.dataset.asset = node.attrs.asset;
  const img = document.createElement('img');
  img.alt = node.attrs.alt;
  img.draggable = false;
  assetUrl(node.attrs.asset).then((u) => (img.src = u)).catch(() => (img.alt = `⚠ ${node.attrs.alt}`));
  const caption = document.createElement('input');
  const credit = document.createElement('input');
  const lang = document.documentElement.lang === 'ko';
  caption.placeholder = lang ? '사진 설명' : 'Caption';
  credit.placeholder = lang ? '사진 출처' : 'Credit';
  caption.value = node.attrs.caption;
  credit.value = node.attrs.credit;
  caption.className = 'nd-caption';
  credit.className = 'nd-credit';
  caption.dataset.testid = 'image-caption';
  const set = (name: 'caption' | 'credit', value: string) => {
    const pos = typeof getPos === 'function' ? getPos() : undefined;
    if (pos === undefined) return;
    editor.view.dispatch(editor.state.tr.setNodeAttribute(pos, name, value));
  };
  caption.addEventListener('change', () => set('caption', caption.value));
  credit.addEventListener('change', () => set('credit', credit.value));
  const cap = document.createElement('figcaption');
  cap.append(caption, credit);
  dom.append(img, cap);
  return {
    dom,
    stopEvent: (e: Event) => e.target === caption || e.target === credit,
    ignoreMutation: () => true,
    update: (updated: typeof node) => {
      if (updated.type !== node.type || updated.attrs.asset !== node.attrs.asset) return false;
      if (document.activeElement !== caption) caption.value = updated.attrs.caption;
      if (document.activeElement !== credit) credit.value = updated.attrs.credit;
      return true;
    },
  };
}
