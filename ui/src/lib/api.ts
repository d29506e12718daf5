// The only module that calls `invoke`: one typed function per app command.
import { invoke } from '@tauri-apps/api/core';
import type { AppInfo, Article, ArticleSummary, CommandError, SearchPage, Status } from './types';

export interface ListRequest {
  status?: Status | null;
  tag?: string | null;
  trashed?: boolean;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toCommandError(e);
  }
}

/** Whatever a command rejected with, as `{kind, message}`. */
export function toCommandError(e: unknown): CommandError {
  if (e && typeof e === 'object' && 'kind' in e && 'message' in e) {
    return { kind: String((e as CommandError).kind), message: String((e as CommandError).message) };
  }
  return { kind: 'unknown', message: e instanceof Error ? e.message : String(e) };
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  listArticles: (req: ListRequest = {}) => call<ArticleSummary[]>('list_articles', { request: req }),
  searchArticles: (text: string, limit = 50) =>
    call<SearchPage>('search_articles', { request: { text, limit } }),
  getArticle: (id: string) => call<Article>('get_article', { id }),
};
