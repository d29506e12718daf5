//! The SQLite library: one file holding articles, revisions, assets, tags and settings.
//!
//! A [`Library`] owns one connection. Every write runs in one transaction that also updates
//! the search index (triggers) and the revision history, and commits with `synchronous=FULL`
//! in WAL mode, so a save that returned `Ok` survives a crash or a power cut.
//!
//! Map of the modules: `open` (refusing foreign files, connection settings), `migrate`
//! (schema versions), `items` (the one lifecycle of articles and editions: version check,
//! trash, status, saves and their revisions, revision read and restore), `articles` and
//! `roundups` (what is each kind's own), `revisions` (blobs, history, compare), `search`,
//! `maintenance` (backup, check), `settings`, `assets`. Importing files lives in `import`.
mod articles;
mod assets;
mod items;
mod maintenance;
mod migrate;
mod open;
mod revisions;
mod roundups;
mod search;
pub use search::COUNT_CAP;
mod settings;
mod types;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::Result;

pub use migrate::{APPLICATION_ID, SCHEMA_VERSION};
pub use types::*;

/// An open library file.
pub struct Library {
    conn: Connection,
    path: PathBuf,
    schema_version: i64,
    /// Which file was opened (device and inode on Unix), to notice it being deleted or
    /// replaced while open: SQLite would go on writing into the unlinked file, and the
    /// reporter's work would vanish when the app closes.
    identity: Option<(u64, u64)>,
}

impl std::fmt::Debug for Library {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Library").field("path", &self.path).field("schema_version", &self.schema_version).finish()
    }
}

impl Library {
    /// Opens the library at `path`, creating it (and its parent folders) when the file is
    /// missing or empty.
    ///
    /// A file that is not a SQLite database, or is another program's database, is refused
    /// with [`crate::Error::NotALibrary`]; one written by a newer build with
    /// [`crate::Error::TooNew`]. In both cases the file is left exactly as it was: it is
    /// inspected read-only before anything writes to it.
    pub fn open(path: &Path) -> Result<Library> {
        let (conn, schema_version) = open::open_connection(path)?;
        let mut lib = Library { conn, path: path.to_path_buf(), schema_version, identity: file_identity(path) };
        if search::has_pending(&lib.conn)? {
            // Queued by the upgrade to schema v3 (or by a search-index rebuild).
            lib.write()?.commit()?;
        }
        Ok(lib)
    }

    /// Begins a write, once the library file is known to be the one that was opened.
    pub(crate) fn write(&mut self) -> Result<WriteTx<'_>> {
        self.check_file()?;
        Ok(WriteTx(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?))
    }

    /// Refuses to write when the library file was deleted, moved or replaced since it was
    /// opened: what is on screen is still there to copy, and nothing is written into a file
    /// that no longer has a name.
    pub fn check_file(&self) -> Result<()> {
        let Some(opened) = self.identity else { return Ok(()) };
        match file_identity(&self.path) {
            None => Err(crate::Error::File {
                path: self.path.clone(),
                reason: "the library file was deleted or moved while Newsdesk had it open; nothing more is saved there. Copy what is on screen, then reopen the library".into(),
            }),
            Some(now) if now != opened => Err(crate::Error::File {
                path: self.path.clone(),
                reason: "the library file was replaced by another file while Newsdesk had it open; nothing was written to it. Copy what is on screen, then reopen the library".into(),
            }),
            Some(_) => Ok(()),
        }
    }
}

/// The device and inode of `path` on Unix; `None` when it does not exist (and elsewhere).
fn file_identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

impl Library {

    /// The library file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file (always [`SCHEMA_VERSION`] once open).
    pub fn schema_version(&self) -> i64 {
        self.schema_version
    }
}

/// Now, UTC, RFC 3339 with milliseconds, e.g. `2025-07-28T09:00:00.000Z`. Every stored time
/// has this exact shape, so they sort and compare as strings.
pub(crate) fn now() -> String {
    format_time(chrono::Utc::now())
}

pub(crate) fn format_time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Parses a stored or user-given RFC 3339 time.
pub(crate) fn parse_time(s: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    chrono::DateTime::parse_from_rfc3339(s.trim()).ok().map(|t| t.with_timezone(&chrono::Utc))
}

/// A write transaction of the library. Its [`WriteTx::commit`] first indexes for search the
/// articles the transaction added or changed (queued by triggers in `search_pending`), in
/// one statement: every committed article is searchable, and an import of many articles
/// writes one index segment instead of one per article.
pub(crate) struct WriteTx<'a>(rusqlite::Transaction<'a>);

impl<'a> std::ops::Deref for WriteTx<'a> {
    type Target = rusqlite::Transaction<'a>;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl WriteTx<'_> {
    pub(crate) fn commit(self) -> Result<()> {
        search::index_pending(&self.0)?;
        self.0.commit()?;
        Ok(())
    }
}
