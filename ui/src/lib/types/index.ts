// Types of everything that crosses IPC. They mirror the Rust model in
// src-tauri/core/src/model and src-tauri/src/commands; keep both in step.

export type Status = 'draft' | 'editing' | 'ready' | 'published';
export type Kind = 'article' | 'roundup';
export const STATUSES: Status[] = ['draft', 'editing', 'ready', 'published'];

export interface AppInfo {
  version: string;
  library_path: string;
  schema_version: number;
  locale: string;
  article_count: number;
}

export interface ArticleSummary {
  id: string;
  kind: Kind;
  headline: string;
  status: Status;
  tags: string[];
  created_at: string;
  updated_at: string;
  trashed_at: string | null;
  version: number;
  chars: number;
}

export interface Byline {
  name: string;
  email: string;
}

export type Mark =
  | { type: 'bold' | 'italic' | 'strike' | 'code' }
  | { type: 'link'; attrs: { href: string } };

export type Inline = { type: 'text'; text: string; marks?: Mark[] } | { type: 'hardBreak' };

export interface ListItem {
  type: 'listItem';
  content: Block[];
}

export type Block =
  | { type: 'paragraph'; content?: Inline[] }
  | { type: 'heading'; attrs: { level: 2 | 3 | 4 }; content?: Inline[] }
  | { type: 'blockquote'; content: Block[] }
  | { type: 'bulletList'; content: ListItem[] }
  | { type: 'orderedList'; attrs?: { start: number }; content: ListItem[] }
  | { type: 'horizontalRule' }
  | { type: 'image'; attrs: { asset: string; alt: string; caption: string; credit: string } };

export interface Doc {
  type: 'doc';
  content: Block[];
}

export interface Counts {
  chars: number;
  chars_no_spaces: number;
  words: number;
  manuscript_pages: number;
  reading_minutes: number;
}

/** What a reporter edits; create and save both send it. */
export interface ArticleFields {
  headline: string;
  deck: string;
  byline: Byline;
  summary: string;
  body: Doc;
  tags: string[];
  section: string;
  language: string;
}

export type SaveReason = 'create' | 'autosave' | 'explicit' | 'status' | 'export' | 'restore' | 'import';

export interface RevisionInfo {
  id: number;
  article_id: string;
  created_at: string;
  reason: SaveReason;
  version: number;
  chars: number;
}

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface DiffOp {
  op: 'equal' | 'insert' | 'delete';
  paragraphs: string[];
}

export interface RevisionDiff {
  article_id: string;
  from: RevisionInfo;
  to: RevisionInfo;
  fields: FieldChange[];
  body: DiffOp[];
}

export interface Article {
  id: string;
  kind: Kind;
  headline: string;
  deck: string;
  byline: Byline;
  summary: string;
  body: Doc;
  tags: string[];
  section: string;
  language: string;
  status: Status;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  trashed_at: string | null;
  version: number;
  counts: Counts;
}

export interface SearchHit {
  id: string;
  kind: Kind;
  headline: string;
  snippet: string;
  status: Status;
  updated_at: string;
  rank: number;
}

export interface SearchPage {
  hits: SearchHit[];
  total: number;
}

/** What every failed command rejects with. */
export interface CommandError {
  kind: string;
  message: string;
}

export interface Settings {
  outlet_name: string;
  outlet_email: string;
  site_url: string;
  time_zone: string;
  language: string;
  reporter_name: string;
  reporter_email: string;
  date_format: string;
  signoff: string;
  logo_asset: string;
  brief_max_chars: number;
  brief_max_sentences: number;
}

export type ExportFormat = 'html' | 'markdown' | 'text' | 'ninjs';

/** The formats an edition can leave in (and be previewed in). */
export type RoundupFormat = 'html' | 'email' | 'text' | 'markdown' | 'jsonfeed';

/** The opening of an edition: a library article (copied) or its own text. */
export interface Lead {
  article_id: string | null;
  headline: string;
  body: Doc;
}

/** One brief: `■ headline` and a 2–3 sentence summary, from an article or standing alone. */
export interface Brief {
  article_id: string | null;
  headline: string;
  summary: string;
  link: string | null;
}

export interface Signoff {
  outlet: string;
  email: string;
}

/** What a reporter edits in an edition; save sends it. */
export interface RoundupFields {
  title: string;
  edition_date: string;
  lead: Lead;
  transition: string;
  items: Brief[];
  signoff: Signoff;
}

export interface Roundup extends RoundupFields {
  id: string;
  kind: 'roundup';
  status: Status;
  created_at: string;
  updated_at: string;
  trashed_at: string | null;
  version: number;
}

/** An edition that uses an article (asked about before the article goes to the trash). */
export interface Usage {
  id: string;
  title: string;
}
