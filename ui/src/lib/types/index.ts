// Types of everything that crosses IPC. They are generated from the Rust types (ts-rs) into
// ./generated and only re-exported here; do not edit ./generated. After changing a Rust
// type, regenerate with
//   NEWSDESK_UPDATE_TYPES=1 cargo test -p newsdesk --test ts_bindings
// (a test fails while the committed files differ from freshly generated ones).
// What stays below is UI-only.

import type { Status, listItem } from './generated';

export type * from './generated';

/** A list item of the body (serde's tag value `listItem` also names the generated type). */
export type ListItem = listItem;

export const STATUSES: Status[] = ['draft', 'editing', 'ready', 'published'];

// The export formats are still a string on the Rust side (articles) and a stand-in enum
// (roundups, export/roundup_stub.rs) until the formats land, so they are kept here by hand.
export type ExportFormat = 'html' | 'markdown' | 'text' | 'ninjs';

/** The formats an edition can leave in (and be previewed in). */
export type RoundupFormat = 'html' | 'email' | 'text' | 'markdown' | 'jsonfeed';
