//! Backup while another connection writes, and the integrity check.
mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::{fields, library};
use newsdesk_core::library::{Library, ListFilter, SaveOptions, SaveReason, SearchQuery};
use newsdesk_core::model::Status;

#[test]
fn backup_is_consistent_while_another_connection_writes() {
    let (dir, path, mut lib) = library();
    let first = lib.create_article(fields("백업 전 기사", &["본문"], &["백업"]), Status::Ready).unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut other = Library::open(&path).unwrap();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                other.create_article(fields(&format!("동시 기사 {n}"), &["쓰는 중".repeat(200).as_str()], &[]), Status::Draft).unwrap();
                n += 1;
            }
            n
        })
    };
    let mut dests = Vec::new();
    for i in 0..5 {
        std::thread::sleep(std::time::Duration::from_millis(30));
        let dest = dir.path().join(format!("backups/copy-{i}.db"));
        lib.backup(&dest).unwrap();
        dests.push(dest);
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written > 0);

    for dest in &dests {
        for suffix in ["-wal", "-shm", "-journal"] {
            assert!(!newsdesk_core_sidecar(dest, suffix).exists(), "{suffix} left beside the backup");
        }
        let copy = Library::open(dest).unwrap();
        let report = copy.check().unwrap();
        assert!(report.ok, "{:?}", report.problems);
        assert_eq!(copy.article(&first.id).unwrap().headline, "백업 전 기사");
        assert_eq!(copy.search(&SearchQuery::text("백업 전")).unwrap().total, 1);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // An existing destination is refused, not overwritten.
    let before = std::fs::read(&dests[0]).unwrap();
    assert!(lib.backup(&dests[0]).is_err());
    assert_eq!(std::fs::read(&dests[0]).unwrap(), before);
}

fn newsdesk_core_sidecar(p: &std::path::Path, suffix: &str) -> std::path::PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

#[test]
fn check_passes_on_a_healthy_library() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("건강한 기사", &["본문"], &["태그"]), Status::Draft).unwrap();
    lib.save_article(&a.id, 1, fields("건강한 기사 2", &["본문 2"], &["태그", "둘"]), SaveOptions { reason: SaveReason::Explicit, allow_emptying: false })
        .unwrap();
    lib.put_asset(b"bytes", "image/png").unwrap();
    let report = lib.check().unwrap();
    assert!(report.ok, "{:?}", report.problems);
    assert_eq!((report.articles, report.revisions), (1, 2));
}

#[test]
fn check_finds_a_tampered_search_index_and_rebuild_repairs_it() {
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("지워질 색인", &["색인에서 빠질 기사"], &[]), Status::Draft).unwrap();
    lib.create_article(fields("남는 색인", &["그대로"], &[]), Status::Draft).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let seq: i64 = conn.query_row("SELECT seq FROM articles WHERE id = ?1", [&a.id], |r| r.get(0)).unwrap();
        conn.execute("DELETE FROM articles_fts WHERE rowid = ?1", [seq]).unwrap();
    }
    let report = lib.check().unwrap();
    assert!(!report.ok);
    assert!(report.problems.iter().any(|p| p.contains("search index") && p.contains(&a.id)), "{:?}", report.problems);
    assert_eq!(lib.search(&SearchQuery::text("지워질 색인")).unwrap().total, 0);

    lib.rebuild_search_index().unwrap();
    assert!(lib.check().unwrap().ok);
    assert_eq!(lib.search(&SearchQuery::text("지워질 색인")).unwrap().total, 1);
}

#[test]
fn check_finds_a_tampered_word_index_and_rebuild_repairs_it() {
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("Ferry timetable", &["The harbour ferry runs hourly."], &[]), Status::Draft).unwrap();
    assert_eq!(lib.search(&SearchQuery::text("ferry")).unwrap().total, 1);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let seq: i64 = conn.query_row("SELECT seq FROM articles WHERE id = ?1", [&a.id], |r| r.get(0)).unwrap();
        conn.execute("DELETE FROM articles_words WHERE rowid = ?1", [seq]).unwrap();
    }
    let report = lib.check().unwrap();
    assert!(!report.ok);
    assert!(report.problems.iter().any(|p| p.contains("word index") && p.contains("1 missing")), "{:?}", report.problems);
    assert_eq!(lib.search(&SearchQuery::text("ferry")).unwrap().total, 0);

    lib.rebuild_search_index().unwrap();
    assert!(lib.check().unwrap().ok);
    for q in ["ferry", "HARBOUR", "y", "ferry timetable"] {
        assert_eq!(lib.search(&SearchQuery::text(q)).unwrap().total, 1, "{q}");
    }
}

#[test]
fn check_finds_a_damaged_body_and_damaged_revisions() {
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("원문", &["원래 본문"], &[]), Status::Draft).unwrap();
    let b = lib.create_article(fields("다른 기사", &["손대지 않은 본문"], &[]), Status::Draft).unwrap();
    {
        // Another program breaks one body and the revision store.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute("UPDATE articles SET body = '{\"type\":\"doc\",\"content\":' WHERE id = ?1", [&a.id]).unwrap();
        conn.execute("UPDATE blobs SET data = x'00010203'", []).unwrap();
    }
    let report = lib.check().unwrap();
    assert!(!report.ok);
    let damaged_body = format!("the body of article {} does not fit the document schema", a.id);
    assert!(report.problems.iter().any(|p| p.contains(&damaged_body)), "{:?}", report.problems);
    assert!(report.problems.iter().any(|p| p.contains("revision content") && p.contains("damaged")), "{:?}", report.problems);
    assert!(lib.list(&ListFilter::default()).is_ok());
    // The broken body has no text to search; the other article is found as before.
    assert_eq!(lib.search(&SearchQuery::text("원래 본문")).unwrap().total, 0);
    let found = lib.search(&SearchQuery::text("손대지 않은")).unwrap();
    assert_eq!(found.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), [b.id.as_str()]);
}

#[test]
fn a_body_changed_by_another_program_is_searched_as_it_is_now() {
    // The searched body text is derived from the stored body (schema 9), so a body that
    // another program rewrote is searched as it reads now, once the index catches up.
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("원문", &["원래 본문"], &[]), Status::Draft).unwrap();
    assert_eq!(lib.search(&SearchQuery::text("원래 본문")).unwrap().total, 1);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let body = serde_json::to_string(&newsdesk_core::model::Doc::from_paragraphs(["바뀐 문단"])).unwrap();
        conn.execute("UPDATE articles SET body = ?2 WHERE id = ?1", [&a.id, &body]).unwrap();
    }
    assert_eq!(lib.search(&SearchQuery::text("원래 본문")).unwrap().total, 0);
    let hits = lib.search(&SearchQuery::text("바뀐 문단")).unwrap();
    assert_eq!(hits.total, 1);
    assert!(hits.hits[0].snippet.contains("«바뀐 문단»"), "{}", hits.hits[0].snippet);
    assert!(lib.check().unwrap().ok);
}

#[test]
fn articles_queued_for_the_index_are_indexed_when_the_library_opens() {
    // What the upgrade to schema v3 leaves: every article queued in search_pending.
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("대기열의 기사", &["다시 열면 찾힌다"], &[]), Status::Draft).unwrap();
    drop(lib);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let seq: i64 = conn.query_row("SELECT seq FROM articles WHERE id = ?1", [&a.id], |r| r.get(0)).unwrap();
        conn.execute("DELETE FROM articles_fts WHERE rowid = ?1", [seq]).unwrap();
        conn.execute("INSERT INTO search_pending (seq) VALUES (?1)", [seq]).unwrap();
    }
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.search(&SearchQuery::text("다시 열면")).unwrap().hits[0].id, a.id);
    assert!(lib.check().unwrap().ok);
}
