//! Revisions: when they are written, deduplicated storage, compare and restore.
mod common;

use common::{fields, library};
use newsdesk_core::library::{DiffTag, SaveOptions, SaveReason};
use newsdesk_core::model::Status;
use newsdesk_core::Error;

fn opts(reason: SaveReason) -> SaveOptions {
    SaveOptions { reason, allow_emptying: false }
}

fn count(path: &std::path::Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Makes every revision of the library look `minutes` older.
fn age_revisions(path: &std::path::Path, minutes: i64) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT id, created_at FROM revisions").unwrap();
    let rows: Vec<(i64, String)> = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap().map(Result::unwrap).collect();
    for (id, at) in rows {
        let t = chrono::DateTime::parse_from_rfc3339(&at).unwrap() - chrono::Duration::minutes(minutes);
        let at = t.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        conn.execute("UPDATE revisions SET created_at = ?1 WHERE id = ?2", rusqlite::params![at, id]).unwrap();
    }
}

#[test]
fn revisions_follow_create_explicit_status_export_and_throttled_autosave() {
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("제목", &["하나"], &[]), Status::Draft).unwrap();
    let revs = lib.revisions(&a.id).unwrap();
    assert_eq!(revs.len(), 1);
    assert_eq!((revs[0].reason, revs[0].version, revs[0].chars), (SaveReason::Create, 1, 2));

    // Autosaves right after a revision write none.
    let v2 = lib.save_article(&a.id, 1, fields("제목", &["하나 둘"], &[]), opts(SaveReason::Autosave)).unwrap();
    let v3 = lib.save_article(&a.id, v2.version, fields("제목", &["하나 둘 셋"], &[]), opts(SaveReason::Autosave)).unwrap();
    assert_eq!(lib.revisions(&a.id).unwrap().len(), 1);

    // Once the newest revision is 5 minutes old, the next autosave writes one.
    age_revisions(&path, 6);
    let v4 = lib.save_article(&a.id, v3.version, fields("제목", &["하나 둘 셋 넷"], &[]), opts(SaveReason::Autosave)).unwrap();
    let revs = lib.revisions(&a.id).unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!((revs[0].reason, revs[0].version), (SaveReason::Autosave, v4.version));

    // An explicit save always checkpoints, even with content unchanged since autosaves.
    let v5 = lib.save_article(&a.id, v4.version, fields("제목", &["다섯"], &[]), opts(SaveReason::Autosave)).unwrap();
    assert_eq!(lib.revisions(&a.id).unwrap().len(), 2);
    let same = lib.save_article(&a.id, v5.version, fields("제목", &["다섯"], &[]), opts(SaveReason::Explicit)).unwrap();
    assert_eq!(same.version, v5.version);
    let revs = lib.revisions(&a.id).unwrap();
    assert_eq!((revs.len(), revs[0].reason, revs[0].version), (3, SaveReason::Explicit, v5.version));
    // ... but not twice for the same content.
    lib.save_article(&a.id, v5.version, fields("제목", &["다섯"], &[]), opts(SaveReason::Explicit)).unwrap();
    assert_eq!(lib.revisions(&a.id).unwrap().len(), 3);

    lib.set_status(&a.id, Status::Ready).unwrap();
    let s = lib.article(&a.id).unwrap();
    let e = lib.record_revision(&a.id, SaveReason::Export).unwrap();
    assert_eq!((e.reason, e.version), (SaveReason::Export, s.version));
    let reasons: Vec<SaveReason> = lib.revisions(&a.id).unwrap().iter().map(|r| r.reason).collect();
    assert_eq!(
        reasons,
        vec![SaveReason::Export, SaveReason::Status, SaveReason::Explicit, SaveReason::Autosave, SaveReason::Create],
        "newest first"
    );
    let status_rev = lib.revision(&a.id, lib.revisions(&a.id).unwrap()[1].id).unwrap();
    assert_eq!(status_rev.status, Status::Ready);
}

#[test]
fn identical_content_is_stored_once() {
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("같은 내용", &["본문"], &[]), Status::Draft).unwrap();
    lib.record_revision(&a.id, SaveReason::Export).unwrap();
    lib.record_revision(&a.id, SaveReason::Export).unwrap();
    assert_eq!(lib.revisions(&a.id).unwrap().len(), 3);
    assert_eq!(count(&path, "SELECT count(*) FROM blobs"), 1, "same content twice -> one blob");
    // A second article with the same content shares it too.
    lib.create_article(fields("같은 내용", &["본문"], &[]), Status::Draft).unwrap();
    assert_eq!(count(&path, "SELECT count(*) FROM blobs"), 1);
    // Stored compressed: the blob holds fewer bytes than the JSON for a long text.
    let long = "가나다라마바사 ".repeat(500);
    lib.create_article(fields("긴 기사", &[long.as_str()], &[]), Status::Draft).unwrap();
    assert!(count(&path, "SELECT max(size - length(data)) FROM blobs") > 5000);
}

#[test]
fn revisions_read_back_and_compare() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("첫 제목", &["첫 문단", "둘째 문단", "셋째 문단"], &["가"]), Status::Draft).unwrap();
    lib.save_article(&a.id, 1, fields("새 제목", &["첫 문단", "고친 둘째 문단", "셋째 문단", "넷째 문단", "다섯째"], &["가", "나"]), opts(SaveReason::Explicit))
        .unwrap();
    let revs = lib.revisions(&a.id).unwrap();
    let (new, old) = (revs[0].id, revs[1].id);
    let r = lib.revision(&a.id, old).unwrap();
    assert_eq!(r.fields.headline, "첫 제목");
    assert_eq!(r.info.reason, SaveReason::Create);

    let diff = lib.compare(&a.id, old, new).unwrap();
    let changes: Vec<(&str, &str, &str)> = diff.fields.iter().map(|c| (c.field.as_str(), c.from.as_str(), c.to.as_str())).collect();
    assert_eq!(changes, vec![("headline", "첫 제목", "새 제목"), ("tags", "가", "가, 나")]);
    let ops: Vec<(DiffTag, Vec<&str>)> =
        diff.body.iter().map(|o| (o.op, o.paragraphs.iter().map(String::as_str).collect())).collect();
    assert_eq!(
        ops,
        vec![
            (DiffTag::Equal, vec!["첫 문단"]),
            (DiffTag::Change, vec!["고친 둘째 문단"]),
            (DiffTag::Equal, vec!["셋째 문단"]),
            (DiffTag::Insert, vec!["넷째 문단", "다섯째"]),
        ]
    );
    let words: Vec<(DiffTag, &str)> = diff.body[1].words[0].iter().map(|w| (w.op, w.text.as_str())).collect();
    assert_eq!(words, [(DiffTag::Insert, "고친 "), (DiffTag::Equal, "둘째 문단")]);
    assert!(!diff.is_unchanged());
    assert!(lib.compare(&a.id, new, new).unwrap().is_unchanged());

    // Unknown revisions, and revisions of another article, are not found.
    let b = lib.create_article(fields("다른 기사", &["본문"], &[]), Status::Draft).unwrap();
    assert!(matches!(lib.revision(&b.id, old), Err(Error::NotFound { what: "revision", .. })));
    assert!(matches!(lib.revision(&a.id, 9999), Err(Error::NotFound { .. })));
    assert!(matches!(lib.revisions("missing"), Err(Error::NotFound { .. })));
}

#[test]
fn restoring_a_revision_writes_a_new_one() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("원래 제목", &["원래 본문"], &[]), Status::Draft).unwrap();
    let v2 = lib.save_article(&a.id, 1, fields("바뀐 제목", &[], &[]), SaveOptions { reason: SaveReason::Explicit, allow_emptying: true }).unwrap();
    let first_id = lib.revisions(&a.id).unwrap().last().unwrap().id;

    assert!(matches!(lib.restore_revision(&a.id, first_id, 1), Err(Error::Conflict { base: 1, current: 2 })));
    let restored = lib.restore_revision(&a.id, first_id, v2.version).unwrap();
    assert_eq!((restored.headline.as_str(), restored.version), ("원래 제목", 3));
    assert_eq!(newsdesk_core::text::plain::doc_to_plain(&restored.body), "원래 본문");
    let revs = lib.revisions(&a.id).unwrap();
    assert_eq!(revs.len(), 3);
    assert_eq!((revs[0].reason, revs[0].version), (SaveReason::Restore, 3));
    assert!(lib.compare(&a.id, first_id, revs[0].id).unwrap().is_unchanged());
    assert_eq!(lib.article(&a.id).unwrap(), restored);
}

/// Issue 19, 10: a figure changed inside a paragraph is that figure struck and the new one
/// added, not the whole paragraph; a rewritten paragraph is still struck and added whole.
#[test]
fn compare_is_word_by_word_within_an_edited_paragraph() {
    let (_dir, _path, mut lib) = library();
    let before = ["소비자물가지수는 82.4로 지난달보다 0.3% 올랐다고 통계청은 밝혔다.", "Rents rose 4 percent in the old town, the council said.", "시장은 예산을 늘리겠다고 말했다."];
    let after = ["소비자물가지수는 85.1로 지난달보다 0.3% 올랐다고 통계청은 밝혔다.", "Rents rose 6 percent in the old town, the council said on Friday.", "구청장은 다음 달 새 노선을 연다."];
    let a = lib.create_article(fields("물가", &before, &[]), Status::Draft).unwrap();
    lib.save_article(&a.id, 1, fields("물가", &after, &[]), opts(SaveReason::Explicit)).unwrap();
    let revs = lib.revisions(&a.id).unwrap();
    let diff = lib.compare(&a.id, revs[1].id, revs[0].id).unwrap();
    let spans = |i: usize| -> Vec<(DiffTag, String)> { diff.body[i].words[0].iter().map(|w| (w.op, w.text.clone())).collect() };
    assert_eq!(diff.body.iter().map(|o| o.op).collect::<Vec<_>>(), [DiffTag::Change, DiffTag::Change, DiffTag::Delete, DiffTag::Insert]);
    assert_eq!(
        spans(0),
        [
            (DiffTag::Equal, "소비자물가지수는 ".to_string()),
            (DiffTag::Delete, "82.4".to_string()),
            (DiffTag::Insert, "85.1".to_string()),
            (DiffTag::Equal, "로 지난달보다 0.3% 올랐다고 통계청은 밝혔다.".to_string()),
        ]
    );
    assert_eq!(
        spans(1),
        [
            (DiffTag::Equal, "Rents rose ".to_string()),
            (DiffTag::Delete, "4".to_string()),
            (DiffTag::Insert, "6".to_string()),
            (DiffTag::Equal, " percent in the old town, the council said".to_string()),
            (DiffTag::Insert, " on Friday".to_string()),
            (DiffTag::Equal, ".".to_string()),
        ]
    );
    // The words put back together give each revision's text.
    for (i, op) in diff.body.iter().take(2).enumerate() {
        let newer: String = op.words[0].iter().filter(|w| w.op != DiffTag::Delete).map(|w| w.text.as_str()).collect();
        let older: String = op.words[0].iter().filter(|w| w.op != DiffTag::Insert).map(|w| w.text.as_str()).collect();
        assert_eq!((newer.as_str(), older.as_str()), (after[i], before[i]));
    }
}
