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
//! `maintenance` (backup, check), `settings`, `assets`, `sources` (the press release an
//! article was made from), `length_goals` (a piece's goal, else its section's). Importing files lives in `import`.
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
mod sources;
pub use sources::Source;
mod length_goals;
mod publishing;
mod style;
pub use style::{preflight_policy, RuleState, StyleInput, STYLE_BOOK_MAX_BYTES};
mod types;
mod words;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::error::Result;

pub use migrate::{APPLICATION_ID, SCHEMA_VERSION};
pub use open::{READ_BUSY_TIMEOUT, WRITE_BUSY_TIMEOUT};
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
    /// The write-ahead log and shared-memory index this connection uses (device and inode),
    /// so that, once the library file was replaced, they can be told from the new file's.
    sidecars: [Option<(u64, u64)>; 2],
    /// Set once the connection was detached from a replaced or moved file (see
    /// [`Library::check_file`]); from then on nothing is written.
    detached: std::cell::Cell<bool>,
    read_only: bool,
    /// The style book last compiled, with the TOML it was compiled from (`library/style.rs`).
    style_cache: std::cell::RefCell<Option<(String, std::sync::Arc<crate::style::CompiledBook>)>>,
    /// The word index's list of words, read on the first search for a Latin word (`words.rs`).
    word_list: std::cell::RefCell<words::WordList>,
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
        let lib = Library::with_connection(conn, path, schema_version, false);
        // Saved before a kill, or queued by an upgrade or a search-index rebuild.
        lib.index_queued()?;
        Ok(lib)
    }

    /// Opens the library at `path` for reading only: no write lock is ever taken, no
    /// migration runs, nothing is created, and a reader never waits behind a writer (WAL
    /// readers read the last committed state). Works on a read-only disk, a read-only file
    /// and (when no write-ahead log is left beside it) a read-only folder.
    ///
    /// A missing file is [`crate::Error::File`]; a library that needs an upgrade is
    /// [`crate::Error::NeedsUpgrade`] (open it once with [`Library::open`]); every write
    /// through it is refused with [`crate::Error::ReadOnly`].
    pub fn open_read_only(path: &Path) -> Result<Library> {
        let (conn, schema_version) = open::open_read_only_connection(path)?;
        Ok(Library::with_connection(conn, path, schema_version, true))
    }

    fn with_connection(conn: Connection, path: &Path, schema_version: i64, read_only: bool) -> Library {
        Library {
            conn,
            path: path.to_path_buf(),
            schema_version,
            identity: file_identity(path),
            sidecars: [file_identity(&open::sidecar(path, "-wal")), file_identity(&open::sidecar(path, "-shm"))],
            detached: std::cell::Cell::new(false),
            read_only,
            style_cache: std::cell::RefCell::new(None),
            word_list: Default::default(),
        }
    }

    /// Whether this library was opened with [`Library::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// How long a write waits for another writer (a bulk import, another window) before it
    /// fails "busy"; [`WRITE_BUSY_TIMEOUT`] unless changed.
    pub fn set_busy_timeout(&mut self, wait: std::time::Duration) -> Result<()> {
        self.conn.busy_timeout(wait)?;
        Ok(())
    }

    /// Begins a write, once the library file is known to be the one that was opened.
    pub(crate) fn write(&mut self) -> Result<WriteTx<'_>> {
        if self.read_only {
            return Err(crate::Error::ReadOnly { path: self.path.clone() });
        }
        self.check_file()?;
        Ok(WriteTx(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?))
    }

    /// Refuses to write when the library file was deleted, moved or replaced since it was
    /// opened: what is on screen is still there to copy, and nothing is written into a file
    /// that no longer has a name.
    ///
    /// When it finds the file gone or replaced, it also detaches this connection from the
    /// name: what the connection committed is checkpointed into the file it opened (which
    /// lives on under its new name, or unlinked), and its write-ahead log and index are
    /// removed from beside the name, so they can never be applied to the replacement.
    pub fn check_file(&self) -> Result<()> {
        let Some(opened) = self.identity else { return Ok(()) };
        let now = file_identity(&self.path);
        if now != Some(opened) {
            self.detach();
        }
        match now {
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

impl Library {
    /// See [`Library::check_file`]. Runs once; never fails (the caller reports the
    /// replacement itself).
    fn detach(&self) {
        if self.detached.replace(true) {
            return;
        }
        // TRUNCATE: every frame copied into the opened file, then the log emptied. SQLite
        // itself skips this at close once it sees the file moved, and leaves the log behind.
        // Another window still reading the old file makes it busy: wait briefly, not the
        // writers' minute (nothing more is written through this connection anyway).
        let _ = self.conn.busy_timeout(std::time::Duration::from_millis(500));
        let complete = self
            .conn
            .query_row("PRAGMA main.wal_checkpoint(TRUNCATE)", [], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?)))
            .map(|(busy, log, done)| busy == 0 && log == done)
            .unwrap_or(false);
        for (suffix, ours) in ["-wal", "-shm"].iter().zip(self.sidecars) {
            let side = open::sidecar(&self.path, suffix);
            if ours.is_none() || file_identity(&side) != ours {
                continue; // not ours (the replacement's own, or already gone)
            }
            if complete {
                let _ = std::fs::remove_file(&side);
            } else {
                // Still holding frames another connection reads: keep them, but away from
                // the name (a replacement may be there or arrive), where SQLite never looks.
                let mut aside = side.clone().into_os_string();
                aside.push(format!(".of-moved-{}", std::process::id()));
                let _ = std::fs::rename(&side, aside);
            }
        }
    }
}

impl Drop for Library {
    fn drop(&mut self) {
        if !self.read_only && self.identity.is_some() && file_identity(&self.path) != self.identity {
            self.detach();
        } else if !self.detached.get() {
            // A library closes with its index caught up (a failure leaves the saves queued:
            // the next open indexes them).
            let _ = self.index_queued();
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

/// Whether the commits of [`Library::index_steps`] wait for the disk.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Sync {
    Full,
    Normal,
}

/// A write transaction of the library. Its [`WriteTx::commit`] first indexes for search the
/// articles the transaction added or changed (queued by triggers in `search_pending`), in
/// one statement: every committed article is searchable, and an import of many articles
/// writes one index segment instead of one per article.
///
/// A save uses [`WriteTx::commit_text`] instead: the text, its version and its revision
/// bookkeeping commit (with fsync) without waiting for the index, which catches up right
/// after in a transaction of its own ([`Library::index_queued`]). A search catches up first,
/// so it never misses a saved word; a kill between the two leaves the article queued, and
/// the next open indexes it.
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

    /// Commits, leaving what the transaction queued for the index to [`Library::index_queued`],
    /// and the checkpoint of the write-ahead log too: SQLite's automatic checkpoint runs
    /// inside the commit that takes the log past 1,000 pages, so one save in about 90 would
    /// wait for it (1–1.4 ms against 0.3 ms, bench/ANALYSIS.md). It is off for this commit
    /// only; the next other commit (the catch-up that follows a save) checkpoints instead.
    pub(crate) fn commit_text(self) -> Result<()> {
        self.0.pragma_update(None, "wal_autocheckpoint", 0)?;
        // What `Transaction::commit` runs; the connection is then in autocommit, so
        // dropping the transaction does nothing (and after a failed COMMIT it rolls back,
        // as `commit` would). The setting is put back whatever happened.
        let committed = self.0.execute_batch("COMMIT");
        let restored = self.0.pragma_update(None, "wal_autocheckpoint", open::AUTOCHECKPOINT_PAGES);
        committed?;
        restored?;
        Ok(())
    }
}

impl Library {
    /// How many saved articles the search index has not caught up with yet.
    pub fn queued_for_index(&self) -> Result<u64> {
        Ok(self.conn.query_row("SELECT count(*) FROM search_pending", [], |r| r.get::<_, i64>(0))?.max(0) as u64)
    }

    /// Brings the search index up to date with every saved article (see [`WriteTx`]).
    /// Returns whether there was anything to index. Does nothing on a read-only library
    /// (its searches read the queued articles themselves).
    ///
    /// The catch-up waits for the disk (`synchronous = FULL`), though the queue and the
    /// index change in the same transaction, so a commit a power cut takes only leaves the
    /// articles queued: a catch-up that did not sync its pages (some hundred behind an
    /// autosave) left them to the next save's fsync, which made autosaves 0.25 ms slower at
    /// p50 (bench/ANALYSIS.md). The save's answer is out before it starts.
    pub fn index_queued(&self) -> Result<bool> {
        if self.read_only || !search::has_pending(&self.conn)? {
            return Ok(false);
        }
        // In transactions of at most INDEX_CHUNK articles, so that after a bulk import a
        // save from another window waits for one chunk, not for the whole catch-up.
        const INDEX_CHUNK: i64 = 20_000;
        self.index_steps(Sync::Full, |tx| {
            search::index_some_pending(tx, INDEX_CHUNK)?;
            search::has_pending(tx)
        })?;
        Ok(true)
    }

    /// Indexes the words of up to `limit` of the articles an upgrade to schema 8 queued for
    /// the word index (`words.rs`), in one short transaction, and merges the word index once
    /// none is left. Returns how many are still queued (0 on a read-only library, which
    /// cannot index: its searches use the trigrams meanwhile). The window calls it in the
    /// background, a step at a time; the command line and the benches until it says 0.
    pub fn index_upgraded_words(&self, limit: i64) -> Result<u64> {
        if self.read_only || !words::upgrade_pending(&self.conn)? {
            return Ok(0);
        }
        self.index_queued()?;
        self.index_steps(Sync::Normal, |tx| {
            words::index_some_upgraded(tx, limit)?;
            Ok(false)
        })?;
        let left = words::upgrade_queue_len(&self.conn)?;
        if left == 0 {
            self.merge_index()?;
        }
        Ok(left)
    }

    /// Runs `step` in one short write transaction after another until it says it is done
    /// (returns false): the index's own upkeep, where a commit a power cut takes loses no
    /// saved text (the queue, or the unmerged index, is still there). With [`Sync::Normal`]
    /// the commits do not wait for the disk.
    fn index_steps(&self, sync: Sync, mut step: impl FnMut(&rusqlite::Transaction<'_>) -> Result<bool>) -> Result<()> {
        self.check_file()?;
        let mut run = || loop {
            let tx = rusqlite::Transaction::new_unchecked(&self.conn, rusqlite::TransactionBehavior::Immediate)?;
            let more = step(&tx)?;
            tx.commit()?;
            if !more {
                return Ok(());
            }
        };
        if sync == Sync::Full {
            return run();
        }
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        let done = run();
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        done
    }

    /// Merges the search index into one segment (after a large import), in steps of one
    /// short transaction each, so a save from another window waits for a step, not for all.
    ///
    /// An import builds the index in segments of about 16 MB, merged as they accumulate; a
    /// 100,000-article import leaves some 16. A query opens every one of its terms in every
    /// segment, and a 1-character query is the OR of the thousand-odd terms starting with
    /// it: on one segment it costs a sixth as much (bench/ANALYSIS.md). Like the catch-up,
    /// at `synchronous = NORMAL`: a lost step only leaves the index less merged.
    pub(crate) fn merge_index(&self) -> Result<()> {
        if self.read_only {
            return Ok(());
        }
        // Pages written per step; a negative count first puts every segment on one level, so
        // the steps end in a single segment.
        const MERGE_STEP_PAGES: i64 = 4000;
        for index in ["articles_fts", "articles_words"] {
            self.index_steps(Sync::Normal, |tx| {
                let before = tx.total_changes();
                tx.execute(&format!("INSERT INTO {index} ({index}, rank) VALUES ('merge', ?1)"), [-MERGE_STEP_PAGES])?;
                // The command itself counts one change; a step that merged something, more.
                Ok(tx.total_changes() - before >= 2)
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportAs, MERGE_INDEX_AFTER};
    use crate::model::Status;

    /// A large import ends with its index in one segment; a smaller one leaves it as FTS5
    /// wrote it (here in many segments, with a tiny term buffer), and both find every file.
    #[test]
    fn a_large_import_merges_the_search_index_into_one_segment() {
        for (files, merged) in [(MERGE_INDEX_AFTER - 1, false), (MERGE_INDEX_AFTER, true)] {
            let dir = tempfile::tempdir().unwrap();
            let folder = dir.path().join("in");
            std::fs::create_dir(&folder).unwrap();
            let paths: Vec<PathBuf> = (0..files)
                .map(|i| {
                    let path = folder.join(format!("{i:05}.md"));
                    std::fs::write(&path, format!("# 기사 {i}\n\n항구 표결 word{i}x 소식.\n")).unwrap();
                    path
                })
                .collect();
            let mut lib = Library::open(&dir.path().join("lib.db")).unwrap();
            lib.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 2048)", []).unwrap();
            lib.import_files(&paths, ImportAs::Article, Status::Draft, |r| drop(r.unwrap())).unwrap();
            let segments: i64 = lib.conn.query_row("SELECT count(DISTINCT segid) FROM articles_fts_idx", [], |r| r.get(0)).unwrap();
            assert_eq!(segments == 1, merged, "{files} files: {segments} segments");
            for i in [0, files / 2, files - 1] {
                let page = lib.search(&SearchQuery::text(format!("word{i}x"))).unwrap();
                assert_eq!(page.hits.len(), 1, "{files} files: word{i}x");
                assert_eq!(page.hits[0].headline, format!("기사 {i}"));
            }
            assert_eq!(lib.search(&SearchQuery::text("표")).unwrap().total, files.min(1000) as u64);
        }
    }
}
