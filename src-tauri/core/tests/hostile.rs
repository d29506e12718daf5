//! Faults found by trying to break it (issue 20), core half: a library replaced or deleted
//! while open, `-o` pointed at devices, FIFOs, symbolic links and missing folders, reads that
//! must not need the write lock, writers behind a long writer, backups into a read-only
//! folder. Real SQLite files in temporary folders; nothing outside them is read.
//!
//! The long forms (`scripts/prove.sh`) are selected by environment variables:
//! `NEWSDESK_REPLACE_ROUNDS` (replacements and deletions during an import, default 6) and
//! `NEWSDESK_CONTENTION_SECONDS` (four writers and two readers, default 3).
mod common;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::fields;
use newsdesk_core::export::write_atomic;
use newsdesk_core::library::{Library, SaveReason, SearchQuery, SCHEMA_VERSION};
use newsdesk_core::model::Status;
use newsdesk_core::Error;

fn sidecar(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

fn ids_of(lib: &Library) -> Vec<String> {
    let mut ids: Vec<String> = lib.list(&Default::default()).unwrap().into_iter().map(|r| r.id).collect();
    ids.sort();
    ids
}

/// A closed library at `path` holding `n` articles whose headlines start with `label`.
fn closed_library(path: &Path, label: &str, n: usize) -> Vec<String> {
    let mut lib = Library::open(path).unwrap();
    let items = (0..n).map(|i| (fields(&format!("{label} {i}"), &[&format!("{label}의 본문 {i}")], &[]), Status::Draft)).collect();
    let mut ids: Vec<String> = lib.create_articles(items, SaveReason::Import).unwrap().into_iter().map(|r| r.id).collect();
    ids.sort();
    ids
}

fn long_text(i: usize) -> String {
    format!("{i}번째 가져온 기사. 강변 야시장은 밤늦게까지 붐볐다. ").repeat(60)
}

// ---------------------------------------------------------------------------------------
// 1. A library replaced while open.

#[test]
fn a_library_replaced_while_open_keeps_the_replacement_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let mut lib = Library::open(&path).unwrap();
    // Enough writes that the old file's log holds its whole schema and data.
    let mut held = Vec::new();
    for i in 0..40 {
        held.push(lib.create_article_as(fields(&format!("원래 {i}"), &[&long_text(i)], &[]), Status::Draft, SaveReason::Import).unwrap().id);
    }
    assert!(std::fs::metadata(sidecar(&path, "-wal")).unwrap().len() > 100_000, "the writes are in the log");
    let other = dir.path().join("other.db");
    let replacement = closed_library(&other, "대체", 7);
    // `mv lib.db old.db; mv other.db lib.db` while the library is open.
    std::fs::rename(&path, dir.path().join("old.db")).unwrap();
    std::fs::rename(&other, &path).unwrap();
    let err = lib.create_article(fields("어디에 쓰일까", &["본문"], &[]), Status::Draft).unwrap_err();
    assert!(err.to_string().contains("replaced") && err.to_string().contains("nothing was written"), "{err}");
    // What was on screen is still there to copy.
    assert_eq!(lib.article(&held[39]).unwrap().headline, "원래 39");
    assert!(!sidecar(&path, "-wal").exists(), "the old file's log is no longer beside the replacement");
    drop(lib);
    assert!(!sidecar(&path, "-wal").exists(), "the old file's log was left beside the replacement");

    let reopened = Library::open(&path).unwrap();
    assert_eq!(ids_of(&reopened), replacement, "the replacement holds its own articles, all of them, nothing else");
    let report = reopened.check().unwrap();
    assert!(report.ok, "{:?}", report.problems);
    drop(reopened);
    // The old file, moved away, still holds everything that was acknowledged.
    let old = Library::open(&dir.path().join("old.db")).unwrap();
    let mut held_sorted = held.clone();
    held_sorted.sort();
    assert_eq!(ids_of(&old), held_sorted, "the moved file lost nothing");
    assert!(old.check().unwrap().ok);
}

#[test]
fn a_library_replaced_while_open_is_safe_even_when_nothing_more_is_written() {
    // The replacement noticed only when the window closes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let mut lib = Library::open(&path).unwrap();
    for i in 0..20 {
        lib.create_article(fields(&format!("원래 {i}"), &[&long_text(i)], &[]), Status::Draft).unwrap();
    }
    let other = dir.path().join("other.db");
    let replacement = closed_library(&other, "대체", 3);
    std::fs::rename(&other, &path).unwrap(); // the old file is unlinked
    drop(lib);
    let reopened = Library::open(&path).unwrap();
    assert_eq!(ids_of(&reopened), replacement);
    assert!(reopened.check().unwrap().ok);
}

/// Long form: an import runs in a thread; at a random moment the library is replaced by
/// another (the old one moved aside) or deleted. Neither file may lose what it held.
#[test]
fn replaced_and_deleted_during_an_import_nothing_is_lost() {
    let rounds: usize = std::env::var("NEWSDESK_REPLACE_ROUNDS").ok().and_then(|s| s.parse().ok()).unwrap_or(6);
    let mut rng = fastrand::Rng::with_seed(0x2e91_ace5);
    let (mut replaced, mut deleted, mut refused_writes, mut acknowledged_total) = (0usize, 0usize, 0usize, 0usize);
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.db");
        let before = closed_library(&path, "먼저", 5);
        let other = dir.path().join("other.db");
        let replacement = closed_library(&other, "대체", 4);
        let acknowledged = Arc::new(Mutex::new(before.clone()));
        let importer = {
            let (path, acknowledged) = (path.clone(), acknowledged.clone());
            std::thread::spawn(move || {
                let mut lib = Library::open(&path).unwrap();
                for i in 0.. {
                    let batch: Vec<_> = (0..5).map(|k| (fields(&format!("가져옴 {i}-{k}"), &[&long_text(i)], &[]), Status::Draft)).collect();
                    match lib.create_articles(batch, SaveReason::Import) {
                        Ok(rows) => acknowledged.lock().unwrap().extend(rows.into_iter().map(|r| r.id)),
                        Err(e) => return e.to_string(),
                    }
                    assert!(i < 100_000, "the import was never stopped");
                }
                unreachable!()
            })
        };
        while acknowledged.lock().unwrap().len() == before.len() {
            std::thread::sleep(Duration::from_millis(1));
        }
        std::thread::sleep(Duration::from_millis(rng.u64(0..120)));
        let delete = rng.bool();
        let old = dir.path().join("old.db");
        if delete {
            std::fs::remove_file(&path).unwrap();
            deleted += 1;
        } else {
            std::fs::rename(&path, &old).unwrap();
            std::fs::rename(&other, &path).unwrap();
            replaced += 1;
        }
        let stopped = importer.join().unwrap();
        refused_writes += 1;
        let acknowledged = acknowledged.lock().unwrap().clone();
        acknowledged_total += acknowledged.len();
        if delete {
            assert!(stopped.contains("deleted or moved"), "round {round}: {stopped}");
            for suffix in ["-wal", "-shm"] {
                assert!(!sidecar(&path, suffix).exists(), "round {round}: the deleted library's {suffix} was left behind");
            }
            // A new library at the name starts empty and sound.
            let fresh = Library::open(&path).unwrap();
            assert!(ids_of(&fresh).is_empty(), "round {round}: the deleted library's log was applied to a new one");
            assert!(fresh.check().unwrap().ok);
        } else {
            // Between the two moves there is no file at the name: "deleted or moved" is right too.
            assert!(stopped.contains("replaced") || stopped.contains("deleted or moved"), "round {round}: {stopped}");
            let now = Library::open(&path).unwrap();
            assert_eq!(ids_of(&now), replacement, "round {round}: the replacement lost or gained articles");
            assert!(now.check().unwrap().ok, "round {round}");
            let moved = Library::open(&old).unwrap();
            let mut expected = acknowledged.clone();
            expected.sort();
            let held = ids_of(&moved);
            assert!(expected.iter().all(|id| held.binary_search(id).is_ok()), "round {round}: the moved library lost an acknowledged import");
            assert!(moved.check().unwrap().ok, "round {round}");
        }
    }
    eprintln!(
        "{rounds} rounds: {replaced} replacements, {deleted} deletions during an import, {refused_writes} imports stopped, {acknowledged_total} acknowledged articles checked, none lost"
    );
}

// ---------------------------------------------------------------------------------------
// 3. Reads never need the write lock; writers wait their turn.

#[test]
fn a_reader_does_not_wait_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let ids = closed_library(&path, "읽을 기사", 30);
    let writer = rusqlite::Connection::open(&path).unwrap();
    writer.busy_timeout(Duration::from_secs(1)).unwrap();
    writer.execute_batch("BEGIN IMMEDIATE; UPDATE articles SET headline = 'uncommitted';").unwrap();

    let started = Instant::now();
    let reader = Library::open_read_only(&path).unwrap();
    assert!(reader.is_read_only());
    assert_eq!(ids_of(&reader), ids);
    assert_eq!(reader.search(&SearchQuery::text("읽을 기사")).unwrap().total, 30);
    assert!(reader.article(&ids[0]).unwrap().headline.starts_with("읽을 기사"), "the reader sees the last commit");
    let report = reader.check().unwrap();
    assert!(report.ok, "{:?}", report.problems);
    assert!(started.elapsed() < Duration::from_secs(2), "the reader waited {:?}", started.elapsed());
    // Opening for writing does not wait for the lock either (an up-to-date library needs no upgrade).
    let started = Instant::now();
    let rw = Library::open(&path).unwrap();
    assert_eq!(ids_of(&rw).len(), 30);
    assert!(started.elapsed() < Duration::from_secs(2), "opening waited {:?}", started.elapsed());
    writer.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_read_only_library_refuses_writes_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let ids = closed_library(&path, "읽기만", 3);
    let bytes = std::fs::read(&path).unwrap();
    let mut lib = Library::open_read_only(&path).unwrap();
    let err = lib.create_article(fields("쓰면 안 됨", &["본문"], &[]), Status::Draft).unwrap_err();
    assert!(matches!(err, Error::ReadOnly { .. }), "{err:?}");
    assert!(err.to_string().contains("reading only"), "{err}");
    assert!(lib.trash(&ids[0]).is_err());
    drop(lib);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "the file is unchanged");
    assert!(!sidecar(&path, "-wal").exists() || std::fs::metadata(sidecar(&path, "-wal")).unwrap().len() == 0);
    // A missing file is not created.
    let missing = dir.path().join("none.db");
    let err = Library::open_read_only(&missing).unwrap_err();
    assert!(err.to_string().contains("no library"), "{err}");
    assert!(!missing.exists());
}

#[test]
fn a_read_only_file_can_be_read() {
    // Root ignores file permissions, so this proves only that nothing asks to write; the
    // read-only mount in faults.rs proves it where the kernel refuses.
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    let ids = closed_library(&path, "권한", 4);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let lib = Library::open_read_only(&path).unwrap();
    assert_eq!(ids_of(&lib), ids);
    assert!(lib.check().unwrap().ok);
}

#[test]
fn an_old_library_opened_read_only_asks_for_an_upgrade_and_is_not_touched() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library-v1.db");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    std::fs::copy(&fixture, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = Library::open_read_only(&path).unwrap_err();
    match &err {
        Error::NeedsUpgrade { found, current, .. } => assert_eq!((*found, *current), (1, SCHEMA_VERSION)),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("open it once with write access"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_writer_waits_for_a_writer_that_holds_the_lock_for_six_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    closed_library(&path, "기다림", 1);
    let mut lib = Library::open(&path).unwrap();
    let (locked_tx, locked_rx) = std::sync::mpsc::channel();
    let holder = {
        let path = path.clone();
        std::thread::spawn(move || {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('held', 'x');").unwrap();
            locked_tx.send(()).unwrap();
            std::thread::sleep(Duration::from_secs(6));
            conn.execute_batch("COMMIT").unwrap();
        })
    };
    locked_rx.recv().unwrap();
    let started = Instant::now();
    let a = lib.create_article(fields("차례를 기다린 기사", &["본문"], &[]), Status::Draft).unwrap();
    let waited = started.elapsed();
    holder.join().unwrap();
    assert!(waited >= Duration::from_millis(5500), "it did not wait for the lock ({waited:?})");
    assert_eq!(lib.article(&a.id).unwrap().headline, "차례를 기다린 기사");
}

/// Long form: four writers (single saves and transactions of 2,000 imports) and two readers
/// (list, search, read-only reopen) on one library. No write may fail or be lost, no read
/// may fail; the longest waits are reported.
#[test]
fn four_writers_and_two_readers() {
    let seconds: u64 = std::env::var("NEWSDESK_CONTENTION_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.db");
    closed_library(&path, "처음", 10);
    let stop = Arc::new(AtomicBool::new(false));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let mut writers = Vec::new();
    for w in 0..4 {
        let (path, stop) = (path.clone(), stop.clone());
        writers.push(std::thread::spawn(move || {
            let mut lib = Library::open(&path).unwrap();
            let (mut ids, mut longest, mut n) = (Vec::new(), Duration::ZERO, 0usize);
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                if w == 0 && n % 4 == 0 {
                    let batch = (0..2000).map(|k| (fields(&format!("대량 {w}-{n}-{k}"), &["짧은 본문"], &[]), Status::Draft)).collect();
                    let rows = lib.create_articles(batch, SaveReason::Import).unwrap_or_else(|e| panic!("writer {w}: a bulk import failed: {e}"));
                    ids.extend(rows.into_iter().map(|r| r.id));
                } else {
                    let a = lib
                        .create_article(fields(&format!("쓰기 {w}-{n}"), &[&long_text(n)], &[]), Status::Draft)
                        .unwrap_or_else(|e| panic!("writer {w}: a save failed after {:?}: {e}", started.elapsed()));
                    ids.push(a.id);
                }
                longest = longest.max(started.elapsed());
                n += 1;
            }
            (ids, longest)
        }));
    }
    let mut readers = Vec::new();
    for r in 0..2 {
        let (path, stop) = (path.clone(), stop.clone());
        readers.push(std::thread::spawn(move || {
            let (mut reads, mut longest) = (0usize, Duration::ZERO);
            while !stop.load(Ordering::Relaxed) {
                let started = Instant::now();
                let lib = Library::open_read_only(&path).unwrap_or_else(|e| panic!("reader {r}: open failed: {e}"));
                let n = lib.count(&Default::default()).unwrap_or_else(|e| panic!("reader {r}: count failed: {e}"));
                assert!(n >= 10);
                lib.search(&SearchQuery::text("쓰기")).unwrap_or_else(|e| panic!("reader {r}: search failed: {e}"));
                longest = longest.max(started.elapsed());
                reads += 1;
            }
            (reads, longest)
        }));
    }
    while Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    stop.store(true, Ordering::Relaxed);
    let (mut written, mut longest_write) = (Vec::new(), Duration::ZERO);
    for w in writers {
        let (ids, longest) = w.join().expect("a writer failed");
        written.extend(ids);
        longest_write = longest_write.max(longest);
    }
    let (mut reads, mut longest_read) = (0usize, Duration::ZERO);
    for r in readers {
        let (n, longest) = r.join().expect("a reader failed");
        reads += n;
        longest_read = longest_read.max(longest);
    }
    let lib = Library::open_read_only(&path).unwrap();
    let held = ids_of(&lib);
    let lost = written.iter().filter(|id| held.binary_search(id).is_err()).count();
    assert_eq!(lost, 0, "acknowledged writes lost");
    assert!(lib.check().unwrap().ok);
    assert!(reads > 0 && !written.is_empty());
    eprintln!(
        "contention: {seconds} s, 4 writers, 2 readers: {} writes acknowledged, 0 lost, 0 failed; {reads} reads, 0 failed; longest write {:.2} s, longest read {:.2} s",
        written.len(),
        longest_write.as_secs_f64(),
        longest_read.as_secs_f64()
    );
}

// ---------------------------------------------------------------------------------------
// 2. `-o` onto devices, FIFOs, symbolic links, folders, missing folders.

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

#[test]
fn writing_to_a_fifo_writes_into_it() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(&fifo).unwrap())
    };
    write_atomic(&fifo, "파이프로 간 기사\n".as_bytes()).unwrap();
    assert_eq!(reader.join().unwrap(), "파이프로 간 기사\n".as_bytes());
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO is still a FIFO");
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
}

#[test]
fn writing_to_a_character_device_writes_into_it() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: making a device node needs root (the FIFO test covers the rest)");
        return;
    }
    // A null device of our own (major 1, minor 3), so no test ever risks the real /dev/null.
    let dir = tempfile::tempdir().unwrap();
    let null = dir.path().join("null");
    let c = std::ffi::CString::new(null.as_os_str().as_encoded_bytes()).unwrap();
    if unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) } != 0 {
        eprintln!("skipped: this machine cannot make device nodes");
        return;
    }
    let mode = std::fs::symlink_metadata(&null).unwrap().permissions().mode();
    write_atomic(&null, b"into the void").unwrap();
    let meta = std::fs::symlink_metadata(&null).unwrap();
    assert!(meta.file_type().is_char_device(), "the device was replaced by a regular file");
    assert_eq!(meta.permissions().mode(), mode);
    // Through a symbolic link (like /dev/stdout), the same.
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink(&null, &link).unwrap();
    write_atomic(&link, b"again").unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::symlink_metadata(&null).unwrap().file_type().is_char_device());
    // No device's permissions land on a regular file.
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn writing_to_a_symbolic_link_replaces_its_target_and_keeps_the_link() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.html");
    std::fs::write(&real, b"old").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.html");
    std::os::unix::fs::symlink("real.html", &link).unwrap();
    write_atomic(&link, b"new").unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert_eq!(std::fs::read(&real).unwrap(), b"new");
    assert_eq!(std::fs::metadata(&real).unwrap().permissions().mode() & 0o777, 0o640);
    // A dangling link: its target is created.
    let dangling = dir.path().join("dangling.html");
    std::os::unix::fs::symlink("made.html", &dangling).unwrap();
    write_atomic(&dangling, b"made").unwrap();
    assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read(dir.path().join("made.html")).unwrap(), b"made");
}

#[test]
fn a_folder_or_a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let err = write_atomic(dir.path(), b"x").unwrap_err().to_string();
    assert!(err.contains("folder"), "{err}");
    let nodir = dir.path().join("nodir/");
    let err = write_atomic(&nodir, b"x").unwrap_err().to_string();
    assert!(err.contains("the folder") && err.contains("nodir") && err.contains("does not exist"), "{err}");
    assert!(!err.contains(". is not a folder"), "{err}");
    let deep = dir.path().join("a/b/page.html");
    let err = write_atomic(&deep, b"x").unwrap_err().to_string();
    assert!(err.contains(&format!("the folder {} does not exist", dir.path().join("a").display())), "{err}");
    let relative = Path::new("no-such-folder-of-newsdesk/");
    let err = write_atomic(relative, b"x").unwrap_err().to_string();
    assert!(err.contains("no-such-folder-of-newsdesk") && !err.contains(". is not"), "{err}");
}

// ---------------------------------------------------------------------------------------
// 5. A backup into a folder that cannot be written names the folder.

#[test]
fn a_backup_into_a_read_only_folder_names_the_folder() {
    let (dir, _path, lib) = common::library();
    // A plain file where the folder should be: refused whoever runs the test.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, b"x").unwrap();
    let err = lib.backup(&blocker.join("copy.db")).unwrap_err().to_string();
    assert!(err.contains("not-a-folder") && !err.contains("library file"), "{err}");
    assert!(err.contains("not a folder") || err.contains("cannot be written"), "{err}");
}
