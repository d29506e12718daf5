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
