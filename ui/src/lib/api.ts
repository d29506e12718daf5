// The only module that calls `invoke`: one typed function per app command.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen, type UnlistenFn } from '@tauri-apps/api/event';
import type {
  Kind,
  AppInfo,
  Article,
  Brief,
  CommandError,
  CompareRequest,
  CreateRequest,
  CreateRoundupRequest,
  ExportAllRequest,
  ExportAllResult,
  ExportFormat,
  ExportProgress,
  ImportReport,
  ExportRequest,
  ListPage,
  ListRequest,
  PreviewPage,
  RestoreRequest,
  RevisionDiff,
  RevisionInfo,
  Roundup,
  RoundupFields,
  RoundupFormat,
  SaveRequest,
  ArticleFields,
  SearchPage,
  SearchRequest,
  Settings,
  StyleInput,
  Finding,
  Ignored,
  Preflight,
  RuleState,
  StyleRuleRequest,
  Status,
  StatusRequest,
  UiSaveReason,
  Usage,
  CommandName,
  ExportRoundupRequest,
  PreviewRequest,
  Source,
  LengthGoal,
  PieceGoal,
  Publication,
  PublishOptions,
  Target,
  TargetView,
  TestSend,
} from './types';

// The requests and replies are generated from the Rust types (./types/generated).
export type { ListPage, ListRequest, SaveRequest, Sort } from './types';

async function call<T>(command: CommandName, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toCommandError(e);
  }
}

/** Whatever a command rejected with, as `{kind, message, current?}`. */
export function toCommandError(e: unknown): CommandError {
  if (e && typeof e === 'object' && 'kind' in e && 'message' in e) {
    const err = e as CommandError;
    return {
      kind: err.kind,
      message: String(err.message),
      ...(err.current ? { current: err.current } : {}),
      ...(err.remote ? { remote: err.remote } : {}),
    };
  }
  return { kind: 'unknown', message: e instanceof Error ? e.message : String(e) };
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  listArticles: (req: ListRequest = {}) => call<ListPage>('list_articles', { request: req }),
  /** Searches the articles, or the roundups. */
  searchArticles: (text: string, limit = 50, kind: Kind = 'article', status: Status | null = null, tag: string | null = null) =>
    call<SearchPage>('search_articles', { request: { text, limit, kind, status, tag } satisfies SearchRequest }),
  getArticle: (id: string) => call<Article>('get_article', { id }),
  trashArticle: (id: string) => call<void>('trash_article', { id }),
  restoreArticle: (id: string) => call<void>('restore_article', { id }),
  /** Stores an image's bytes in the library; resolves to its asset id. */
  putImage: (bytes: ArrayBuffer) => call<string>('put_image', bytes),
  getAsset: (id: string) => call<ArrayBuffer>('get_asset', { id }),
  getSettings: () => call<Settings>('get_settings'),
  setSettings: (settings: Settings) => call<Settings>('set_settings', { settings }),
  /** The house-style findings of the fields on screen (nothing is stored). */
  checkStyle: (input: StyleInput, id: string | null = null) => call<Finding[]>('check_style', { input, id }),
  /** What "ignore here" keeps for a stored article or edition. */
  styleIgnored: (id: string) => call<Ignored[]>('style_ignored', { id }),
  /** "Ignore here" (true) or "check again" (false) for one finding; the piece's list. */
  setStyleIgnored: (id: string, entry: Ignored, ignore: boolean) => call<Ignored[]>('set_style_ignored', { id, entry, ignore }),
  /** The pre-flight checklist of a stored article or edition. */
  preflight: (id: string) => call<Preflight>('preflight_item', { id }),
  /** A summary drafted from an article's body (its own sentences, within the brief limits). */
  draftSummary: (id: string) => call<string>('draft_summary', { id }),
  /** A new edition of this week's ready articles, newest first. */
  createRoundupFromWeek: () => call<Roundup>('create_roundup_from_week'),
  /** Sentences of each text, as core counts them. */
  countSentences: (texts: string[]) => call<number[]>('count_sentences', { texts }),
  styleRules: () => call<RuleState[]>('style_rules'),
  setStyleRule: (request: StyleRuleRequest) => call<RuleState[]>('set_style_rule', { request }),
  getStyleBook: () => call<string>('get_style_book'),
  /** Replaces the outlet's style book (TOML); refused with its line when it does not read. */
  setStyleBook: (toml: string) => call<string>('set_style_book', { toml }),
  /** Saves the style book as a TOML file (the save dialog); the path, or null if cancelled. */
  exportStyleBook: () => call<string | null>('export_style_book'),
  /** Replaces the style book from a TOML file (the open dialog); the book, or null if cancelled. */
  importStyleBook: () => call<string | null>('import_style_book'),
  /** Opens the save dialog and writes the file; null when the reporter cancelled. */
  exportArticle: (id: string, format: ExportFormat) => call<string | null>('export_article', { request: { id, format } satisfies ExportRequest }),
  /** Asks for a folder and exports every article of `status` into it; null when cancelled. */
  exportAll: (status: Status | null, format: ExportFormat) =>
    call<ExportAllResult | null>('export_all', { request: { status, format } satisfies ExportAllRequest }),
  /** Calls `cb` with the progress of a batch export. */
  onExportProgress: (cb: (p: ExportProgress) => void): Promise<UnlistenFn> =>
    listen<ExportProgress>('export-progress', (e) => cb(e.payload)),
  /** "Import…": the open dialog, then core's import; null when the reporter cancelled. */
  importFiles: () => call<ImportReport | null>('import_files_dialog'),
  /** Progress of an import (the dialog's or a drop's), file by file. */
  onImportProgress: (cb: (p: ExportProgress) => void): Promise<UnlistenFn> =>
    listen<ExportProgress>('import-progress', (e) => cb(e.payload)),
  /** Files dropped onto the window: their import started (how many paths). */
  onImportStarted: (cb: (paths: number) => void): Promise<UnlistenFn> => listen<number>('import-started', (e) => cb(e.payload)),
  /** Files dropped onto the window: what came in and what was refused. */
  onImportFinished: (cb: (r: ImportReport) => void): Promise<UnlistenFn> =>
    listen<ImportReport>('import-finished', (e) => cb(e.payload)),
  /** The press release an article was made from, or null. */
  articleSource: (id: string) => call<Source | null>('article_source', { id }),
  /** Saves the source's original file (the save dialog); the path, or null if cancelled. */
  saveSourceFile: (id: string) => call<string | null>('save_source_file', { id }),
  /** The article's length goal (its own, else its section's), or null. */
  lengthGoal: (id: string) => call<PieceGoal | null>('length_goal', { id }),
  /** Sets (or with null removes) the article's own length goal; the goal it now has. */
  setLengthGoal: (id: string, goal: LengthGoal | null) => call<PieceGoal | null>('set_length_goal', { id, goal }),
  /** The sites to publish to, and where each one's password is kept. */
  publishTargets: () => call<TargetView[]>('publish_targets'),
  /** Adds or changes a target; a password given goes to the keyring (else this session). */
  putPublishTarget: (target: Target, secret: string | null) => call<TargetView>('put_publish_target', { target, secret }),
  removePublishTarget: (name: string) => call<void>('remove_publish_target', { name }),
  /** What the piece became on each target it was published to. */
  publications: (id: string) => call<Publication[]>('publications', { id }),
  /** Publishes (or updates) the piece's post; `secret` when the reporter typed one. */
  publish: (id: string, target: string, options: PublishOptions, secret: string | null = null) =>
    call<Publication>('publish', { id, target, options, secret }),
  /** Sends the e-mail edition to `to` through the settings' SMTP server. */
  sendTestEmail: (id: string, to: string, password: string | null = null) => call<TestSend>('send_test_email', { id, to, password }),
  /** Opens a published post's address in the system's browser. */
  openInBrowser: (url: string) => call<void>('open_in_browser', { url }),
  loadSamples: () => call<number>('load_samples'),
  createArticle: (headline = '') => call<Article>('create_article', { request: { headline } satisfies CreateRequest }),
  saveArticle: (request: SaveRequest<ArticleFields>) => call<Article>('save_article', { request }),
  setStatus: (id: string, status: Status) => call<Article>('set_status', { request: { id, status } satisfies StatusRequest }),
  listRevisions: (id: string) => call<RevisionInfo[]>('list_revisions', { id }),
  compareRevisions: (id: string, from: number, to: number) =>
    call<RevisionDiff>('compare_revisions', { request: { id, from, to } satisfies CompareRequest }),
  restoreRevision: (id: string, revisionId: number, baseVersion: number) =>
    call<Article>('restore_revision', {
      request: { id, revision_id: revisionId, base_version: baseVersion } satisfies RestoreRequest,
    }),
  restoreRoundupRevision: (id: string, revisionId: number, baseVersion: number) =>
    call<Roundup>('restore_roundup_revision', {
      request: { id, revision_id: revisionId, base_version: baseVersion } satisfies RestoreRequest,
    }),
  /** A new edition from a pasted one: plain text (■ briefs, sign-off…), or HTML when `html`. */
  importRoundupText: (text: string, html = false) => call<Roundup>('import_roundup_text', { text, html }),
  createRoundup: (title = '') => call<Roundup>('create_roundup', { request: { title } satisfies CreateRoundupRequest }),
  getRoundup: (id: string) => call<Roundup>('get_roundup', { id }),
  saveRoundup: (id: string, baseVersion: number, fields: RoundupFields, reason: UiSaveReason, allowEmptying = false) =>
    call<Roundup>('save_roundup', {
      request: { id, base_version: baseVersion, fields, reason, allow_emptying: allowEmptying } satisfies SaveRequest<RoundupFields>,
    }),
  setRoundupStatus: (id: string, status: Status) => call<Roundup>('set_roundup_status', { request: { id, status } satisfies StatusRequest }),
  briefFromArticle: (id: string) => call<Brief>('brief_from_article', { id }),
  articleUsage: (id: string) => call<Usage[]>('article_usage', { id }),
  /** Renders the edition as shown (saved or not); resolves to its path under the preview scheme. */
  previewRoundup: (id: string, fields: RoundupFields, format: RoundupFormat) =>
    call<PreviewPage>('preview_roundup', { request: { id, fields, format } satisfies PreviewRequest }),
  /** Opens the save dialog and writes the edition; null when the reporter cancelled. */
  exportRoundup: (id: string, format: RoundupFormat) =>
    call<string | null>('export_roundup', { request: { id, format } satisfies ExportRoundupRequest }),
};
