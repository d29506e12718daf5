//! Opening a library file: refuse what is not ours without touching it, then set the
//! connection up (WAL, synchronous=FULL, foreign keys, busy timeout) and migrate.
use std::fs;
use std::io::Read;
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::migrate::{self, APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Error, Result};

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// How long a write waits for another writer (another window, a bulk import committing a
/// batch, a backup) to finish before it fails "busy". A bulk import holds the write lock
/// for one batch at a time (seconds on a slow disk), so a writer behind it waits its turn.
pub const WRITE_BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// How long a read-only connection waits: WAL readers never wait for writers; they only
/// wait for the moment a last connection closes or a crashed writer's log is recovered.
pub const READ_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Opens (or creates) the library at `path` and returns the connection and schema version.
pub fn open_connection(path: &Path) -> Result<(Connection, i64)> {
    let is_new = match fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(not_a_library(path, "it is a folder"));
        }
        Ok(m) => m.len() == 0,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => true,
        Err(e) => return Err(e.into()),
    };
    keep_foreign_log_away(path)?;
    if is_new {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
    } else {
        inspect(path)?;
    }
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    configure(&conn)?;
    register_functions(&conn)?;
    let version = migrate::migrate(&mut conn, path)?;
    stamp_log_owner(path);
    Ok((conn, version))
}

/// Opens the existing library at `path` read-only (see `Library::open_read_only`).
pub fn open_read_only_connection(path: &Path) -> Result<(Connection, i64)> {
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(not_a_library(path, "it is a folder")),
        Ok(m) if m.len() == 0 => return Err(not_a_library(path, "it is an empty file")),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::File { path: path.to_path_buf(), reason: "there is no library here".into() })
        }
        Err(e) => return Err(e.into()),
    }
    keep_foreign_log_away(path)?;
    inspect(path)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(READ_BUSY_TIMEOUT)?;
    let conn = match read_settings(&conn) {
        Ok(()) => conn,
        // A WAL library in a folder where the `-shm` index cannot be created (a read-only
        // folder or mount). With no log beside it, nothing but the file holds the library
        // and nobody can be writing it (a writer would need to create the log there too),
        // so the file is read as immutable: no locks, no `-shm`.
        Err(e) if cannot_open_index(&e) && wal_is_empty(path) => {
            drop(conn);
            let conn = Connection::open_with_flags(immutable_uri(path), flags)?;
            read_settings(&conn)?;
            conn
        }
        Err(e) => return Err(e.into()),
    };
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < SCHEMA_VERSION {
        return Err(Error::NeedsUpgrade { path: path.to_path_buf(), found: version, current: SCHEMA_VERSION });
    }
    register_functions(&conn)?;
    Ok((conn, version))
}

/// The SQL functions of a library connection, writable or read-only: the search view
/// derives the body's text (search.rs), the index's catch-up turns text into word-index
/// terms (words.rs), and a read-only search matches the saves still queued for the index
/// itself (search.rs).
fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    super::search::register_functions(conn)?;
    super::words::register_functions(conn)
}

fn read_settings(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    conn.pragma_update(None, "cache_size", -32768)?;
    keep_statements(conn)?;
    // The first read: this is where a missing `-shm` shows.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
}

fn cannot_open_index(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly))
}

fn wal_is_empty(path: &Path) -> bool {
    fs::metadata(sidecar(path, "-wal")).map(|m| m.len() == 0).unwrap_or(true)
}

/// The write-ahead log is checkpointed into the library once it holds this many pages
/// (SQLite's default), by the commit that takes it past; a save's own commit leaves it to
/// the next (`WriteTx::commit_text`).
pub(crate) const AUTOCHECKPOINT_PAGES: i64 = 1000;

/// Connection settings every library connection uses.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(WRITE_BUSY_TIMEOUT)?;
    let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::Database(format!(
            "the library could not switch to write-ahead logging (it stayed in {mode} mode)"
        )));
    }
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "wal_autocheckpoint", AUTOCHECKPOINT_PAGES)?;
    // 32 MB of page cache (SQLite's default is 2 MB): imports and search-index merges
    // re-read index pages; the cache grows only with the pages a session touches.
    conn.pragma_update(None, "cache_size", -32768)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    keep_statements(conn)?;
    Ok(())
}

/// How a connection keeps its prepared statements, so that a statement is prepared once:
///
/// * A cache of [`STATEMENT_CACHE`] statements. rusqlite's default of 16 is fewer than a
///   save and the index catch-up behind it use together, so its LRU order threw out every
///   statement before its next use, and each was prepared again at every save
///   (bench/ANALYSIS.md).
/// * SQLite's query planner stability guarantee: a cached statement keeps its plan
///   whatever values are bound. Without it, SQLite 3.54 re-prepares a statement with an
///   equality on a bound value and an ORDER BY at every new binding (an autosave's
///   newest-revision and tag lookups). Nothing here gains from value-dependent plans: no
///   statistics tables, no LIKE on a bound pattern.
fn keep_statements(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    Ok(())
}

/// Prepared statements kept per connection: every fixed statement of the library fits, with
/// room for the search's few shapes (their SQL depends on the query's kind and filters).
const STATEMENT_CACHE: usize = 256;

/// Refuses a file that is not a Newsdesk library, or one from a newer build, without writing
/// anything: the header is read by hand first, then SQLite opens the file read-only (and
/// immutable when there is no write-ahead log, so no `-shm` file appears either).
fn inspect(path: &Path) -> Result<()> {
    let mut header = [0u8; 100];
    let mut file = fs::File::open(path)?;
    let n = read_up_to(&mut file, &mut header)?;
    if n < 100 || &header[..16] != SQLITE_MAGIC {
        return Err(not_a_library(path, "it is not a SQLite database"));
    }
    let user_version = i32::from_be_bytes([header[60], header[61], header[62], header[63]]) as i64;
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id == APPLICATION_ID && user_version > SCHEMA_VERSION {
        return Err(Error::TooNew { path: path.to_path_buf(), found: user_version, supported: SCHEMA_VERSION });
    }
    if app_id != APPLICATION_ID && app_id != 0 {
        return Err(not_a_library(path, "it is a database of another program"));
    }

    let wal_exists = sidecar(path, "-wal").exists();
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let conn = if wal_exists {
        Connection::open_with_flags(path, flags)?
    } else {
        Connection::open_with_flags(immutable_uri(path), flags)?
    };
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0)).map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => not_a_library(path, "it is not a SQLite database"),
            _ => e.into(),
        })
    };
    let app_id = read("PRAGMA application_id")? as i32;
    let user_version = read("PRAGMA user_version")?;
    let tables = read("SELECT count(*) FROM sqlite_schema")?;
    drop(conn);
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(not_a_library(path, "it is a database of another program"));
    }
    if app_id == APPLICATION_ID && user_version > SCHEMA_VERSION {
        return Err(Error::TooNew { path: path.to_path_buf(), found: user_version, supported: SCHEMA_VERSION });
    }
    Ok(())
}

fn read_up_to(file: &mut fs::File, buf: &mut [u8]) -> Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match file.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// `path` with `suffix` appended to its file name (SQLite's `-wal` and `-shm` files).
pub fn sidecar(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

// ---------------------------------------------------------------------------------------
// The write-ahead log's owner. SQLite applies any valid log it finds beside a file to that
// file: when the library file is replaced (`mv other.db lib.db`) while a writer has it
// open, and the writer is killed before it notices (`Library::check_file` moves its log
// away when it does), the old file's `-wal` stays beside the new file and the next open
// would apply it on top of the replacement. So every read-write open stamps which file
// the log beside it belongs to (`NAME-wal.owner`: the device and inode of the library file
// and of its log), and every open first looks: a log that is the stamped one, beside a
// library file that is not the stamped one, belongs to the file that had the name before.

/// The stamp of which library file the log beside `path` belongs to.
fn owner_stamp(path: &Path) -> std::path::PathBuf {
    sidecar(path, "-wal.owner")
}

fn identity(path: &Path) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

const STAMP_HEAD: &str = "newsdesk write-ahead log owner";

/// Records that the log beside `path` is the library file's own; best effort (a folder
/// that cannot be written only loses the protection, never the library).
fn stamp_log_owner(path: &Path) {
    let (Some(db), Some(wal)) = (identity(path), identity(&sidecar(path, "-wal"))) else { return };
    let text = format!("{STAMP_HEAD}\n{} {} {} {}\n", db.0, db.1, wal.0, wal.1);
    let stamp = owner_stamp(path);
    if fs::read_to_string(&stamp).is_ok_and(|t| t == text) {
        return;
    }
    let tmp = sidecar(path, &format!("-wal.owner.tmp-{}", std::process::id()));
    if fs::write(&tmp, &text).and_then(|()| fs::rename(&tmp, &stamp)).is_err() {
        let _ = fs::remove_file(&tmp);
    }
}

/// The stamp beside `path`: (library device, inode), (log device, inode).
fn read_stamp(path: &Path) -> Option<((u64, u64), (u64, u64))> {
    let text = fs::read_to_string(owner_stamp(path)).ok()?;
    let mut lines = text.lines();
    if lines.next()? != STAMP_HEAD {
        return None;
    }
    let n: Vec<u64> = lines.next()?.split(' ').map(str::parse).collect::<std::result::Result<_, _>>().ok()?;
    match n[..] {
        [a, b, c, d] => Some(((a, b), (c, d))),
        _ => None,
    }
}

/// Moves a log left by the file that had this name before out of the way, before anything
/// opens `path`: beside that file again when it is still in the same folder under another
/// name (`mv lib.db old.db`), where SQLite applies it to the file it belongs to; else aside
/// as `NAME-wal.of-replaced-INODE`, kept, never applied to the replacement.
fn keep_foreign_log_away(path: &Path) -> Result<()> {
    let wal = sidecar(path, "-wal");
    let Some(((db_dev, db_ino), stamped_wal)) = read_stamp(path) else { return Ok(()) };
    if fs::metadata(&wal).map_or(true, |m| m.len() == 0) || identity(&wal) != Some(stamped_wal) {
        return Ok(()); // no log, or not the stamped one (a later session's)
    }
    if identity(path).is_none_or(|now| now == (db_dev, db_ino)) {
        return Ok(()); // the log's own file (or no file: a new one starts without it)
    }
    let home = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).read_dir().ok().and_then(|entries| {
        entries.flatten().map(|e| e.path()).find(|p| identity(p) == Some((db_dev, db_ino)) && p != path)
    });
    let (wal_to, shm_to) = match home {
        Some(h) if !sidecar(&h, "-wal").exists() && !sidecar(&h, "-shm").exists() => (sidecar(&h, "-wal"), sidecar(&h, "-shm")),
        _ => (sidecar(path, &format!("-wal.of-replaced-{db_ino}")), sidecar(path, &format!("-shm.of-replaced-{db_ino}"))),
    };
    // The index first: whoever opens next must never find the old index with a new log.
    for (from, to) in [(sidecar(path, "-shm"), shm_to), (wal, wal_to)] {
        match fs::rename(&from, &to) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {} // another opener moved it
            Err(e) => {
                return Err(Error::File {
                    path: path.to_path_buf(),
                    reason: format!(
                        "the write-ahead log beside it belongs to the file that had this name before, and could not be moved away ({e}); move {} away, then open the library again",
                        from.display()
                    ),
                })
            }
        }
    }
    let _ = fs::remove_file(owner_stamp(path));
    Ok(())
}

/// A `file:` URI that opens `path` read-only with `immutable=1`.
fn immutable_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => uri.push(b as char),
            _ => uri.push_str(&format!("%{b:02X}")),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

fn not_a_library(path: &Path, reason: &str) -> Error {
    Error::NotALibrary { path: path.to_path_buf(), reason: reason.into() }
}
