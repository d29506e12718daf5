//! Opening: creating new libraries, refusing foreign and too-new files without touching them.
use std::path::{Path, PathBuf};

use newsdesk_core::library::{Library, APPLICATION_ID, SCHEMA_VERSION};
use newsdesk_core::Error;

fn sidecar(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

/// Opening `path` fails with an error `expect` accepts, and leaves the bytes and the
/// absence of `-wal`, `-shm` and `-journal` files unchanged.
fn refused_untouched(path: &Path, expect: fn(&Error) -> bool) {
    let before = std::fs::read(path).unwrap();
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    let err = Library::open(path).unwrap_err();
    assert!(expect(&err), "unexpected error {err:?}");
    assert!(!err.to_string().is_empty());
    assert_eq!(std::fs::read(path).unwrap(), before, "the file changed");
    assert_eq!(std::fs::metadata(path).unwrap().modified().unwrap(), modified);
    for suffix in ["-wal", "-shm", "-journal"] {
        assert!(!sidecar(path, suffix).exists(), "{suffix} file left behind");
    }
}

#[test]
fn creates_a_new_library_with_parent_folders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a/b/newsdesk.db");
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.schema_version(), SCHEMA_VERSION);
    assert_eq!(lib.path(), path);
    drop(lib);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let (app, mode): (i32, String) = conn
        .query_row("SELECT (SELECT application_id FROM pragma_application_id), (SELECT journal_mode FROM pragma_journal_mode)", [], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap();
    assert_eq!((app, mode.as_str()), (APPLICATION_ID, "wal"));
    // Opening again is fine.
    Library::open(&path).unwrap();
}

#[test]
fn an_empty_file_becomes_a_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.db");
    std::fs::write(&path, b"").unwrap();
    assert_eq!(Library::open(&path).unwrap().schema_version(), SCHEMA_VERSION);
}

#[test]
fn refuses_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("passwd");
    std::fs::write(&path, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n").unwrap();
    refused_untouched(&path, |e| matches!(e, Error::NotALibrary { .. }));
    let short = dir.path().join("short");
    std::fs::write(&short, "SQLite format 3").unwrap();
    refused_untouched(&short, |e| matches!(e, Error::NotALibrary { .. }));
    // A folder is not a library either.
    assert!(matches!(Library::open(dir.path()), Err(Error::NotALibrary { .. })));
}

#[test]
fn refuses_another_programs_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');").unwrap();
    }
    refused_untouched(&path, |e| matches!(e, Error::NotALibrary { .. }));

    let tagged = dir.path().join("tagged.db");
    {
        let conn = rusqlite::Connection::open(&tagged).unwrap();
        conn.execute_batch("PRAGMA application_id = 1234; CREATE TABLE t (x);").unwrap();
    }
    refused_untouched(&tagged, |e| matches!(e, Error::NotALibrary { .. }));

    // Also in WAL mode.
    let wal = dir.path().join("wal.db");
    {
        let conn = rusqlite::Connection::open(&wal).unwrap();
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).unwrap();
        conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);").unwrap();
    }
    refused_untouched(&wal, |e| matches!(e, Error::NotALibrary { .. }));
}

#[test]
fn refuses_a_library_from_a_newer_build() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    drop(Library::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        conn.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(())).unwrap();
    }
    refused_untouched(&path, |e| matches!(e, Error::TooNew { found, supported, .. } if *found == SCHEMA_VERSION + 1 && *supported == SCHEMA_VERSION));
}
