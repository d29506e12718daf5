// The article open in the editor: its editable fields, its save state, and the one Autosaver
// that writes them back. The editor pane and the inspector both edit `draft.fields`.
import { api } from './api';
import { Autosaver } from './autosave';
import type { Article, ArticleFields, CommandError, Doc } from './types';

import type { SaveState } from './save-state';

export const draft = $state({
  article: null as Article | null,
  /** The fields being edited, but the body: that one is read from the editor (`currentBody`). */
  fields: null as Omit<ArticleFields, 'body'> | null,
  save: { kind: 'idle' } as SaveState<Article>,
  /** Set by the body editor while an input-method composition is open. */
  composing: false,
  /** Counts loads into the editor: the body editor is rebuilt when it changes. */
  loads: 0,
});

/**
 * The body as the editor holds it, kept out of `draft` (a deep $state proxy): the document
 * of a long article is read from the editor only when it is saved, not at every keystroke,
 * and handed to the editor raw.
 */
let body: { doc: Doc; read: (() => Doc) | null } = { doc: { type: 'doc', content: [] }, read: null };

/** The document to load into the body editor. */
export function editorBody(): Doc {
  return body.doc;
}

/** The body editor changed: `read` returns its document. */
export function bodyChanged(read: () => Doc): void {
  body.read = read;
  touch();
}

/** The body as it is now on screen. */
export function currentBody(): Doc {
  if (body.read) {
    body.doc = body.read();
    body.read = null;
  }
  return body.doc;
}

function fieldsOf(a: Article): Omit<ArticleFields, 'body'> {
  return {
    headline: a.headline,
    deck: a.deck,
    byline: { ...a.byline },
    summary: a.summary,
    tags: [...a.tags],
    section: a.section,
    language: a.language,
  };
}

export function isEmptyDoc(doc: Doc): boolean {
  const walk = (nodes: unknown[]): boolean =>
    nodes.every((n) => {
      const node = n as { type: string; text?: string; content?: unknown[] };
      if (node.type === 'text') return !node.text?.trim();
      if (node.type === 'image') return false;
      return walk(node.content ?? []);
    });
  return walk(doc.content);
}

async function write(reason: 'autosave' | 'explicit', allowEmptying = false): Promise<void> {
  const a = draft.article;
  const f = draft.fields;
  if (!a || !f) return;
  const doc = currentBody();
  if (!allowEmptying && isEmptyDoc(doc) && !isEmptyDoc(a.body)) {
    draft.save = { kind: 'confirm-empty' };
    return;
  }
  draft.save = { kind: 'saving' };
  const sent: ArticleFields = { ...$state.snapshot(f), body: doc };
  try {
    const saved = await api.saveArticle({ id: a.id, base_version: a.version, fields: sent, reason, allow_emptying: allowEmptying });
    if (draft.article?.id !== saved.id) return;
    draft.article = saved;
    draft.save = saver.dirty ? { kind: 'dirty' } : { kind: 'saved', at: saved.updated_at };
  } catch (e) {
    const err = e as CommandError;
    if (err.kind === 'conflict') {
      const theirs = await api.getArticle(a.id);
      draft.save = { kind: 'conflict', theirs };
      return;
    }
    draft.save = { kind: 'error', message: err.message };
    throw e;
  }
}

const saver = new Autosaver(() => write('autosave'), { composing: () => draft.composing });

/** Call after every edit of `draft.fields`. */
export function touch(): void {
  if (draft.save.kind === 'conflict' || draft.save.kind === 'confirm-empty') return;
  draft.save = { kind: 'dirty' };
  saver.touch();
}

/** Saves pending edits now (before switching article, closing, or on an explicit save). */
export async function flush(): Promise<void> {
  await saver.flush();
}

/** Explicit save (Ctrl+S): records a revision. */
export async function saveNow(allowEmptying = false): Promise<void> {
  saver.cancel();
  await write('explicit', allowEmptying);
}

export async function open(article: Article): Promise<void> {
  if (draft.article && draft.article.id !== article.id) {
    await flush().catch(() => {});
  }
  saver.cancel();
  load(article);
}

function load(article: Article): void {
  body = { doc: article.body, read: null };
  draft.article = article;
  draft.fields = fieldsOf(article);
  draft.save = { kind: 'saved', at: article.updated_at };
  draft.loads += 1;
}

/** Replace the open article with what the library now holds (after a status change, restore…). */
export function replace(article: Article): void {
  saver.cancel();
  load(article);
}

/** Conflict: keep my version, writing it over the library's current one. */
export async function keepMine(): Promise<void> {
  if (draft.save.kind !== 'conflict' || !draft.article) return;
  draft.article = { ...draft.article, version: draft.save.theirs.version };
  await write('explicit');
}

/** Conflict: take the library's version; mine stays on screen until then. */
export function takeTheirs(): void {
  if (draft.save.kind !== 'conflict') return;
  replace($state.snapshot(draft.save.theirs) as Article);
}

/** Closes the open article (after it was moved to the trash). */
export function close(): void {
  saver.cancel();
  body = { doc: { type: 'doc', content: [] }, read: null };
  draft.article = null;
  draft.fields = null;
  draft.save = { kind: 'idle' };
}
