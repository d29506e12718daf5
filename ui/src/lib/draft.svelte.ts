// The article open in the editor: a document session (`session.svelte.ts`) whose fields are
// every field but the body. The editor pane and the inspector both edit `draft.fields`.
import { api } from './api';
import { DocumentSession } from './session.svelte';
import type { Article, ArticleFields, Doc } from './types';

/**
 * The body as the editor holds it, kept out of the session's deep $state proxy: the
 * document of a long article is read from the editor only when it is saved, not at every
 * keystroke, and handed to the editor raw.
 */
let body: { doc: Doc; read: (() => Doc) | null } = { doc: { type: 'doc', content: [] }, read: null };

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

const session = new DocumentSession<Article, Omit<ArticleFields, 'body'>, ArticleFields>({
  fieldsOf,
  outgoing: (f) => ({ ...$state.snapshot(f), body: currentBody() }),
  empties: (sent, a) => isEmptyDoc(sent.body) && !isEmptyDoc(a.body),
  save: (a, fields, reason, allowEmptying) =>
    api.saveArticle({ id: a.id, base_version: a.version, fields, reason, allow_emptying: allowEmptying }),
  fetch: (id) => api.getArticle(id),
  loaded: (a) => {
    body = { doc: a.body, read: null };
  },
});

/** The open article's session (status changes, restores and exports go through it). */
export const articleSession = session;

/** The open article (`item`), its fields, save state, composition and loads. */
export const draft = session.state;

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

/** touch after every edit of `draft.fields`; flush before switching, closing or exporting;
 * saveNow for Ctrl+S; replace with what the library now holds; keepMine / takeTheirs in a
 * conflict. */
export const { touch, flush, saveNow, open, replace, keepMine, takeTheirs } = session.actions();

/** Closes the open article (after it was moved to the trash). */
export function close(): void {
  session.close();
  body = { doc: { type: 'doc', content: [] }, read: null };
}
