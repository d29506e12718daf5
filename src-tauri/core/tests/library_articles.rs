//! Articles in a real library file: create, read, save, conflicts, status, list, trash,
//! settings and assets.
mod common;

use common::{fields, library};
use newsdesk_core::library::{Library, ListFilter, SaveOptions, SaveReason, SearchQuery, Settings, Sort};
use newsdesk_core::model::{Doc, Kind, Status};
use newsdesk_core::Error;

fn explicit() -> SaveOptions {
    SaveOptions { reason: SaveReason::Explicit, allow_emptying: false }
}

#[test]
fn create_read_and_save_round_trip() {
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("강변 야시장", &["첫 문단입니다.", "둘째 문단."], &["지역", "시장"]), Status::Draft).unwrap();
    assert_eq!(a.version, 1);
    assert_eq!(a.kind, Kind::Article);
    assert_eq!(uuid::Uuid::parse_str(&a.id).unwrap().get_version_num(), 7);
    assert!(a.created_at.ends_with('Z') && a.created_at == a.updated_at);
    assert!(a.counts.chars > 0);
    assert_eq!(a.published_at, None);

    let read = lib.article(&a.id).unwrap();
    assert_eq!(read, a);

    let mut f = fields("강변 야시장, 여름 내내", &["첫 문단입니다.", "고친 둘째 문단."], &["지역"]);
    f.summary = "요약".into();
    let saved = lib.save_article(&a.id, 1, f.clone(), explicit()).unwrap();
    assert_eq!(saved.version, 2);
    assert_eq!(saved.headline, "강변 야시장, 여름 내내");
    assert_eq!(saved.tags, vec!["지역"]);
    assert!(saved.updated_at >= a.updated_at);

    // Survives closing and reopening the file.
    drop(lib);
    let lib = Library::open(&path).unwrap();
    let again = lib.article(&a.id).unwrap();
    assert_eq!(again, saved);
    assert_eq!(again.summary, "요약");
}

/// A save answers with the article as stored, without reading its body back: the same as
/// reading it afterwards, counts included, whether the save changed it, normalised it, or
/// changed nothing (and in an autosave, an explicit save, on a published article).
#[test]
fn a_save_answers_exactly_what_a_read_then_gives() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("강변 야시장", &["첫 문단입니다."], &["지역"]), Status::Draft).unwrap();
    let nfd = "\u{1112}\u{1161}\u{11AB}"; // 한, as three jamo
    let mut changed = fields(&format!("{nfd} 야시장"), &["고친 문단, with English words.", nfd, "셋째\n줄바꿈"], &[" 지역 ", "지역", nfd]);
    changed.summary = "요약 한 줄".into();
    let autosave = SaveOptions { reason: SaveReason::Autosave, allow_emptying: false };
    let saved = lib.save_article(&a.id, a.version, changed.clone(), autosave).unwrap();
    assert_eq!(saved, lib.article(&a.id).unwrap());
    assert_eq!((saved.version, saved.headline.as_str(), saved.tags.clone()), (2, "한 야시장", vec!["지역".to_string(), "한".to_string()]));
    assert!(saved.counts.chars > 20 && saved.counts.words > 5, "{:?}", saved.counts);

    let same = lib.save_article(&a.id, saved.version, changed, explicit()).unwrap();
    assert_eq!(same, lib.article(&a.id).unwrap());
    assert_eq!(same.version, 2, "nothing changed: no new version");

    lib.set_status(&a.id, Status::Published).unwrap();
    let version = lib.article(&a.id).unwrap().version;
    let later = lib.save_article(&a.id, version, fields("정정", &["정정한 문단."], &[]), explicit()).unwrap();
    assert_eq!(later, lib.article(&a.id).unwrap());
    assert_eq!(later.status, Status::Published);
    assert!(later.published_at.is_some());
}

#[test]
fn missing_articles_are_not_found() {
    let (_dir, _path, mut lib) = library();
    assert!(matches!(lib.article("nope"), Err(Error::NotFound { .. })));
    assert!(matches!(lib.save_article("nope", 1, fields("x", &[], &[]), explicit()), Err(Error::NotFound { .. })));
    assert!(matches!(lib.set_status("nope", Status::Ready), Err(Error::NotFound { .. })));
    assert!(matches!(lib.trash("nope"), Err(Error::NotFound { .. })));
}

#[test]
fn every_string_is_nfc_normalised() {
    let (_dir, _path, mut lib) = library();
    let nfd = "\u{1112}\u{1161}\u{11AB}"; // 한, as three jamo
    let mut f = fields(nfd, &[nfd], &[nfd, " 한 "]);
    f.deck = nfd.into();
    f.summary = nfd.into();
    f.byline.name = nfd.into();
    f.section = nfd.into();
    let a = lib.create_article(f, Status::Draft).unwrap();
    for s in [&a.headline, &a.deck, &a.summary, &a.byline.name, &a.section] {
        assert_eq!(s, "한");
    }
    assert_eq!(a.tags, vec!["한"], "tags are trimmed, normalised and de-duplicated");
    assert_eq!(newsdesk_core::text::plain::doc_to_plain(&a.body), "한");
}

#[test]
fn invalid_bodies_are_refused() {
    let (_dir, _path, mut lib) = library();
    let bad = Doc::from_json(r#"{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]}"#).unwrap();
    let mut f = fields("x", &[], &[]);
    f.body = bad;
    if let newsdesk_core::model::Block::Paragraph { content } = &mut f.body.content[0] {
        content[0] = newsdesk_core::model::Inline::Text { text: String::new(), marks: vec![] };
    }
    assert!(matches!(lib.create_article(f, Status::Draft), Err(Error::Invalid(_))));
}

#[test]
fn stale_base_is_a_conflict_carrying_the_current_version() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("제목", &["본문"], &[]), Status::Draft).unwrap();
    lib.save_article(&a.id, 1, fields("제목 2", &["본문"], &[]), explicit()).unwrap();
    lib.save_article(&a.id, 2, fields("제목 3", &["본문"], &[]), explicit()).unwrap();
    match lib.save_article(&a.id, 1, fields("오래된 창", &["본문"], &[]), explicit()) {
        Err(Error::Conflict { base, current }) => assert_eq!((base, current), (1, 3)),
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(lib.article(&a.id).unwrap().headline, "제목 3", "no silent overwrite");
    assert!(matches!(lib.set_published_at(&a.id, 2, None), Err(Error::Conflict { base: 2, current: 3 })));
}

#[test]
fn a_non_empty_body_is_not_emptied_without_confirmation() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("제목", &["본문이 있다"], &[]), Status::Draft).unwrap();
    let err = lib.save_article(&a.id, 1, fields("제목", &[], &[]), explicit()).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert_eq!(lib.article(&a.id).unwrap().version, 1);
    let emptied = lib
        .save_article(&a.id, 1, fields("제목", &[], &[]), SaveOptions { reason: SaveReason::Explicit, allow_emptying: true })
        .unwrap();
    assert!(emptied.body.is_empty());
    assert_eq!(emptied.version, 2);
    // An empty body may stay empty without confirmation.
    lib.save_article(&a.id, 2, fields("제목 2", &[], &[]), explicit()).unwrap();
}

#[test]
fn identical_content_does_not_bump_the_version() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("제목", &["본문"], &["태그"]), Status::Draft).unwrap();
    let same = lib
        .save_article(&a.id, 1, fields("제목", &["본문"], &["태그"]), SaveOptions::default())
        .unwrap();
    assert_eq!(same.version, 1);
    assert_eq!(same.updated_at, a.updated_at);
}

#[test]
fn a_change_to_any_one_field_is_a_new_version() {
    // A save compares the stored columns with the new ones inside SQLite; each field must
    // take part in that comparison.
    let (_dir, _path, mut lib) = library();
    let base = || fields("제목", &["본문"], &["태그"]);
    let mut a = lib.create_article(base(), Status::Draft).unwrap();
    let changes: Vec<(&str, Box<dyn Fn(&mut newsdesk_core::model::ArticleFields)>)> = vec![
        ("headline", Box::new(|f| f.headline = "다른 제목".into())),
        ("deck", Box::new(|f| f.deck = "부제".into())),
        ("byline name", Box::new(|f| f.byline.name = "이기자".into())),
        ("byline email", Box::new(|f| f.byline.email = "other@outlet.example".into())),
        ("summary", Box::new(|f| f.summary = "요약".into())),
        ("body", Box::new(|f| f.body = Doc::from_paragraphs(&["본문", "둘째 문단"]))),
        ("tags", Box::new(|f| f.tags = vec!["다른 태그".into()])),
        ("section", Box::new(|f| f.section = "경제".into())),
        ("language", Box::new(|f| f.language = "en".into())),
    ];
    for (what, change) in &changes {
        let mut f = base();
        change(&mut f);
        let changed = lib.save_article(&a.id, a.version, f.clone(), SaveOptions::default()).unwrap();
        assert_eq!(changed.version, a.version + 1, "a change of the {what} alone is saved");
        assert_eq!(lib.article(&a.id).unwrap(), changed, "{what}");
        let same = lib.save_article(&a.id, changed.version, f, SaveOptions::default()).unwrap();
        assert_eq!(same.version, changed.version, "the same {what} again changes nothing");
        a = lib.save_article(&a.id, same.version, base(), SaveOptions::default()).unwrap();
    }
}

#[test]
fn a_row_written_by_another_program_is_saved_over_without_loss() {
    // Another program stored the same body with other spacing: equal content, other text.
    // The save then writes a new version (nothing is lost), and the next one compares equal.
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("제목", &["본문 첫 문단"], &[]), Status::Draft).unwrap();
    let raw = rusqlite::Connection::open(&path).unwrap();
    let body: String = raw.query_row("SELECT body FROM articles WHERE id = ?1", [&a.id], |r| r.get(0)).unwrap();
    let spaced = serde_json::to_string_pretty(&serde_json::from_str::<serde_json::Value>(&body).unwrap()).unwrap();
    assert_ne!(spaced, body);
    raw.execute("UPDATE articles SET body = ?2 WHERE id = ?1", [&a.id, &spaced]).unwrap();
    drop(raw);
    assert_eq!(lib.article(&a.id).unwrap().body, a.body, "the spaced body reads as the same");

    let saved = lib.save_article(&a.id, a.version, fields("제목", &["본문 첫 문단"], &[]), SaveOptions::default()).unwrap();
    assert_eq!(saved.version, a.version + 1);
    assert_eq!(lib.article(&a.id).unwrap().body, a.body);
    let again = lib.save_article(&a.id, saved.version, fields("제목", &["본문 첫 문단"], &[]), SaveOptions::default()).unwrap();
    assert_eq!(again.version, saved.version);
}

#[test]
fn status_changes_set_published_at_once() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("제목", &["본문"], &[]), Status::Draft).unwrap();
    let mut set_status = |status| {
        lib.set_status(&a.id, status).unwrap();
        lib.article(&a.id).unwrap()
    };
    let r = set_status(Status::Ready);
    assert_eq!((r.status, r.version, r.published_at.clone()), (Status::Ready, 2, None));
    let p = set_status(Status::Published);
    let first = p.published_at.clone().expect("published_at set");
    assert_eq!(p.version, 3);
    let back = set_status(Status::Editing);
    assert_eq!(back.published_at.as_deref(), Some(first.as_str()));
    let again = set_status(Status::Published);
    assert_eq!(again.published_at.as_deref(), Some(first.as_str()), "kept from the first publication");
    // Same status again changes nothing.
    assert_eq!(set_status(Status::Published).version, again.version);
    drop(set_status);

    let set = lib.set_published_at(&a.id, again.version, Some("2025-07-28T18:00:00+09:00".into())).unwrap();
    assert_eq!(set.published_at.as_deref(), Some("2025-07-28T09:00:00.000Z"));
    assert!(matches!(lib.set_published_at(&a.id, set.version, Some("tomorrow".into())), Err(Error::Invalid(_))));
    let cleared = lib.set_published_at(&a.id, set.version, None).unwrap();
    assert_eq!(cleared.published_at, None);

    let published = lib.create_article(fields("바로 출고", &["본문"], &[]), Status::Published).unwrap();
    assert!(published.published_at.is_some());
}

#[test]
fn list_filters_sorts_and_pages() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("다 기사", &["본문"], &["지역"]), Status::Draft).unwrap();
    let b = lib.create_article(fields("가 기사", &["본문"], &["지역", "시장"]), Status::Ready).unwrap();
    let c = lib.create_article(fields("나 기사", &["본문"], &["시장"]), Status::Ready).unwrap();
    // Times have millisecond precision: let one pass, so the save is the newest change.
    std::thread::sleep(std::time::Duration::from_millis(3));
    lib.save_article(&a.id, 1, fields("다 기사 (고침)", &["본문"], &["지역"]), explicit()).unwrap();

    let ids = |f: &ListFilter| -> Vec<String> { lib.list(f).unwrap().into_iter().map(|s| s.id).collect() };
    assert_eq!(ids(&ListFilter::default()), vec![a.id.clone(), c.id.clone(), b.id.clone()], "updated, newest first");
    assert_eq!(ids(&ListFilter { sort: Sort::Created, ..Default::default() }), vec![c.id.clone(), b.id.clone(), a.id.clone()]);
    assert_eq!(ids(&ListFilter { sort: Sort::Headline, ..Default::default() }), vec![b.id.clone(), c.id.clone(), a.id.clone()]);
    assert_eq!(ids(&ListFilter { status: Some(Status::Ready), sort: Sort::Headline, ..Default::default() }), vec![b.id.clone(), c.id.clone()]);
    assert_eq!(ids(&ListFilter { tag: Some("지역".into()), sort: Sort::Headline, ..Default::default() }), vec![b.id.clone(), a.id.clone()]);
    assert_eq!(ids(&ListFilter { kind: Some(Kind::Roundup), ..Default::default() }), Vec::<String>::new());
    assert_eq!(
        ids(&ListFilter { sort: Sort::Headline, limit: Some(1), offset: 1, ..Default::default() }),
        vec![c.id.clone()]
    );
    assert_eq!(lib.count(&ListFilter::default()).unwrap(), 3);
    assert_eq!(lib.count(&ListFilter { tag: Some("시장".into()), ..Default::default() }).unwrap(), 2);
    assert_eq!(lib.count(&ListFilter { status: Some(Status::Draft), ..Default::default() }).unwrap(), 1);
    assert_eq!(lib.count(&ListFilter { trashed: true, ..Default::default() }).unwrap(), 0);
    let row = lib.list(&ListFilter { tag: Some("시장".into()), sort: Sort::Headline, ..Default::default() }).unwrap();
    assert_eq!(row[0].tags, vec!["지역", "시장"]);
    assert_eq!(row[0].chars, 2);
}

#[test]
fn trash_restore_and_purge() {
    let (_dir, _path, mut lib) = library();
    let a = lib.create_article(fields("버릴 기사", &["본문"], &["태그"]), Status::Draft).unwrap();
    let keep = lib.create_article(fields("남길 기사", &["본문"], &[]), Status::Draft).unwrap();
    assert!(matches!(lib.purge(&a.id), Err(Error::Invalid(_))), "purge only from the trash");

    lib.trash(&a.id).unwrap();
    let trashed = lib.article(&a.id).unwrap();
    assert!(trashed.trashed_at.is_some());
    assert_eq!(lib.list(&ListFilter::default()).unwrap().len(), 1);
    assert_eq!(lib.list(&ListFilter { trashed: true, ..Default::default() }).unwrap()[0].id, a.id);
    assert!(matches!(
        lib.save_article(&a.id, trashed.version, fields("x", &["y"], &[]), explicit()),
        Err(Error::Invalid(_))
    ));

    lib.restore(&a.id).unwrap();
    assert!(lib.article(&a.id).unwrap().trashed_at.is_none());
    assert_eq!(lib.list(&ListFilter::default()).unwrap().len(), 2);

    lib.trash(&a.id).unwrap();
    lib.purge(&a.id).unwrap();
    assert!(matches!(lib.article(&a.id), Err(Error::NotFound { .. })));
    assert!(matches!(lib.revisions(&a.id), Err(Error::NotFound { .. })));
    assert_eq!(lib.list(&ListFilter { trashed: true, ..Default::default() }).unwrap().len(), 0);
    assert_eq!(lib.article(&keep.id).unwrap().headline, "남길 기사");
    let report = lib.check().unwrap();
    assert!(report.ok, "{:?}", report.problems);
    assert_eq!(report.articles, 1);
}

#[test]
fn bulk_create_is_one_transaction() {
    let (_dir, _path, mut lib) = library();
    let rows = lib
        .create_articles(
            vec![(fields("하나", &["본문"], &[]), Status::Draft), (fields("둘", &["본문"], &[]), Status::Ready)],
            SaveReason::Import,
        )
        .unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(lib.revisions(&rows[0].id).unwrap()[0].reason, SaveReason::Import);
    // One bad item: nothing is created.
    let mut bad = fields("셋", &["본문"], &[]);
    bad.body.content.push(newsdesk_core::model::Block::Heading {
        attrs: newsdesk_core::model::doc::HeadingAttrs { level: 1 },
        content: vec![],
    });
    assert!(lib.create_articles(vec![(fields("넷", &[], &[]), Status::Draft), (bad, Status::Draft)], SaveReason::Import).is_err());
    assert_eq!(lib.list(&ListFilter::default()).unwrap().len(), 2);
}

#[test]
fn settings_have_defaults_and_round_trip() {
    let (_dir, path, mut lib) = library();
    let s = lib.settings().unwrap();
    assert_eq!(s, Settings::default());
    assert_eq!((s.time_zone.as_str(), s.language.as_str()), ("Asia/Seoul", "ko"));
    let new = Settings {
        outlet_name: "OUTLET".into(),
        outlet_email: "news@outlet.example".into(),
        reporter_name: " 김기자 ".into(),
        ..Settings::default()
    };
    lib.set_settings(&new).unwrap();
    drop(lib);
    let lib = Library::open(&path).unwrap();
    let s = lib.settings().unwrap();
    assert_eq!(s.outlet_name, "OUTLET");
    assert_eq!(s.reporter_name, "김기자");
    assert_eq!(s.time_zone, "Asia/Seoul");
}

#[test]
fn assets_are_content_addressed() {
    let (_dir, _path, mut lib) = library();
    let bytes = b"\x89PNG\r\n\x1a\nnot really a png";
    let id = lib.put_asset(bytes, "image/png").unwrap();
    assert_eq!(id.len(), 64);
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
    assert_eq!(lib.put_asset(bytes, "image/png").unwrap(), id, "idempotent");
    let (back, mime) = lib.asset(&id).unwrap();
    assert_eq!((back.as_slice(), mime.as_str()), (&bytes[..], "image/png"));
    assert!(matches!(lib.asset(&"0".repeat(64)), Err(Error::NotFound { .. })));
    assert!(matches!(lib.put_asset(b"", "image/png"), Err(Error::Invalid(_))));
    assert!(matches!(lib.put_asset(b"x", "png"), Err(Error::Invalid(_))));
    // sha256("abc")
    assert_eq!(
        lib.put_asset(b"abc", "image/gif").unwrap(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn the_write_ahead_log_stays_small_across_a_day_of_autosaves() {
    // A save's own commit leaves SQLite's checkpoint to the index catch-up behind it (as
    // the window runs it); the log must still be checkpointed, not grow with every save.
    let (_dir, path, mut lib) = library();
    let paragraph = "시청 앞 광장에서 열린 장터는 오후 늦게까지 붐볐다. ".repeat(40);
    let mut a = lib.create_article(fields("장터", &[&paragraph], &["지역"]), Status::Draft).unwrap();
    let mut typed = String::new();
    for _ in 0..300 {
        typed.push('글');
        let f = fields("장터", &[&paragraph, &paragraph, &paragraph, &typed], &["지역"]);
        a = lib.save_article(&a.id, a.version, f, SaveOptions { reason: SaveReason::Autosave, allow_emptying: false }).unwrap();
        lib.index_queued().unwrap();
    }
    let wal = std::fs::metadata(format!("{}-wal", path.display())).unwrap().len();
    // Unchecked, 300 saves of this article and their catch-ups write well over 20 MB.
    assert!(wal < 8_000_000, "the write-ahead log grew to {wal} bytes");
    assert_eq!(lib.search(&SearchQuery::text(&typed)).unwrap().total, 1);
}
