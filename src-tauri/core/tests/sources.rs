//! The source beside the article: a press release imported into the library keeps its
//! original file (byte for byte, by SHA-256), what the letterhead and the e-mail said,
//! and its whole text, which search finds (marked as the source's). And length goals: a
//! piece's own, else its section's default, neither of them content.
use std::path::PathBuf;

use newsdesk_core::import::ImportAs;
use newsdesk_core::library::{Library, ListFilter, SaveOptions, SaveReason, SearchQuery, Settings};
use newsdesk_core::model::{GoalOrigin, GoalUnit, LengthGoal, Status};
use sha2::{Digest, Sha256};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release").join(name)
}

fn import(lib: &mut Library, names: &[&str]) -> Vec<String> {
    let files: Vec<PathBuf> = names.iter().map(|n| fixture(n)).collect();
    let mut ids = Vec::new();
    lib.import_files(&files, ImportAs::Auto, Status::Draft, |r| ids.push(r.unwrap().id)).unwrap();
    ids
}

fn hex(b: &[u8]) -> String {
    Sha256::digest(b).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn every_release_format_keeps_its_original_and_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("lib.db")).unwrap();
    let names = ["release.hwpx", "release.hwp", "release.docx", "release.pdf", "release.eml"];
    let ids = import(&mut lib, &names);
    for (name, id) in names.iter().zip(&ids) {
        let original = std::fs::read(fixture(name)).unwrap();
        let s = lib.source(id).unwrap().unwrap_or_else(|| panic!("{name}: no source"));
        assert_eq!(s.info.file_name, *name);
        assert_eq!(s.sha256, hex(&original), "{name}");
        assert_eq!(s.size as usize, original.len(), "{name}");
        assert_eq!(s.info.issuer, "해양생활안전처", "{name}");
        assert!(s.info.contacts.iter().any(|c| c.contains("044-555-0101")), "{name}: {:?}", s.info.contacts);
        // The text holds what the article leaves out (the letterhead, the contacts) and the body.
        assert!(s.info.text.contains("보도자료") || *name == "release.eml", "{name}: {}", s.info.text);
        assert!(s.info.text.contains("044-555-0102"), "{name}: contacts missing from the text");
        assert!(s.info.text.contains("구명조끼"), "{name}: body missing from the text");
        // Saved back out, it is the file as it arrived.
        let out = dir.path().join(format!("out-{name}"));
        assert_eq!(lib.write_source_file(id, &out).unwrap(), out);
        assert_eq!(std::fs::read(&out).unwrap(), original, "{name}");
    }
    let mail = lib.source(&ids[4]).unwrap().unwrap();
    assert_eq!(mail.info.media_type, "message/rfc822");
    assert_eq!(mail.info.sender, "해양생활안전처 대변인실 <press@tidal-safety.example>");
    assert_eq!(mail.info.date, "2025-04-09T14:00:00+09:00");
    // Into a folder: under its own name.
    let folder = dir.path().join("saved");
    std::fs::create_dir(&folder).unwrap();
    assert_eq!(lib.write_source_file(&ids[0], &folder).unwrap(), folder.join("release.hwpx"));
    assert!(lib.check().unwrap().ok);
}

#[test]
fn search_finds_the_source_text_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("lib.db")).unwrap();
    let id = import(&mut lib, &["release.hwpx"]).remove(0);
    let plain = lib.create_article(newsdesk_core::model::ArticleFields { headline: "갯벌 체험 기사".into(), ..Default::default() }, Status::Draft).unwrap();
    // A contact's telephone number is in the release's letterhead only, not in the article.
    let article = lib.article(&id).unwrap();
    assert!(!newsdesk_core::text::plain::doc_to_plain(&article.body).contains("044-555-0102"));
    let page = lib.search(&SearchQuery::text("044-555-0102")).unwrap();
    assert_eq!(page.hits.len(), 1, "{page:?}");
    assert_eq!(page.hits[0].id, id);
    assert!(page.hits[0].in_source);
    assert!(page.hits[0].snippet.contains("«044-555-0102»"), "{}", page.hits[0].snippet);
    // A word of the article itself: an ordinary hit, its snippet from the article.
    let page = lib.search(&SearchQuery::text("구명조끼")).unwrap();
    assert_eq!(page.hits.len(), 1);
    assert!(!page.hits[0].in_source);
    // 1-2 character queries reach the source too.
    assert!(lib.search(&SearchQuery::text("윤물")).unwrap().hits.iter().any(|h| h.id == id && h.in_source));
    // Rewriting the article keeps its source searchable; the plain article has none.
    let a = lib.article(&id).unwrap();
    let fields = newsdesk_core::model::ArticleFields {
        headline: a.headline.clone(),
        body: newsdesk_core::model::Doc::from_paragraphs(["다시 쓴 기사 본문."]),
        ..Default::default()
    };
    lib.save_article(&id, a.version, fields, SaveOptions { reason: SaveReason::Explicit, allow_emptying: false }).unwrap();
    let page = lib.search(&SearchQuery::text("구명조끼")).unwrap();
    assert_eq!((page.hits.len(), page.hits[0].in_source), (1, true));
    assert!(lib.source(&plain.id).unwrap().is_none());
    assert!(lib.write_source_file(&plain.id, &dir.path().join("x")).unwrap_err().to_string().contains("no source file"));
    // Deleted for good, the source goes with it and search no longer finds it.
    lib.trash(&id).unwrap();
    lib.purge(&id).unwrap();
    assert!(lib.search(&SearchQuery::text("044-555-0102")).unwrap().hits.is_empty());
    assert!(lib.source(&id).is_err());
    assert!(lib.check().unwrap().ok);
}

#[test]
fn an_upgraded_library_searches_as_before() {
    // The v4 fixture's articles are re-indexed by the upgrade (the index gained a column).
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("v4.db");
    std::fs::copy(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library-v4.db"), &copy).unwrap();
    let lib = Library::open(&copy).unwrap();
    assert_eq!(lib.search(&SearchQuery::text("그늘막")).unwrap().total, 1);
    assert_eq!(lib.search(&SearchQuery::text("ferry")).unwrap().total, 1);
    assert_eq!(lib.search(&SearchQuery::text("섬")).unwrap().total, 1);
    let live = lib.list(&ListFilter::default()).unwrap();
    assert!(live.iter().all(|a| lib.source(&a.id).unwrap().is_none()));
}

#[test]
fn length_goals_are_the_pieces_own_else_the_sections() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("lib.db")).unwrap();
    let fields = |section: &str| newsdesk_core::model::ArticleFields { headline: "분량 목표".into(), section: section.into(), ..Default::default() };
    let econ = lib.create_article(fields("경제"), Status::Draft).unwrap();
    let other = lib.create_article(fields("사회"), Status::Draft).unwrap();
    assert_eq!(lib.length_goal(&econ.id).unwrap(), None);

    lib.set_settings(&Settings { section_goals: "# 부문별 기본 분량\n경제 = 1800자\n문화 = 8매".into(), ..Settings::default() }).unwrap();
    let g = lib.length_goal(&econ.id).unwrap().unwrap();
    assert_eq!((g.goal, g.origin), (LengthGoal { unit: GoalUnit::Chars, amount: 1800 }, GoalOrigin::Section));
    assert_eq!(lib.length_goal(&other.id).unwrap(), None);

    // The reporter's own goal wins, and is not content: no new version, no revision.
    let revisions = lib.revisions(&econ.id).unwrap().len();
    let own = lib.set_length_goal(&econ.id, Some(LengthGoal { unit: GoalUnit::Pages, amount: 9 })).unwrap().unwrap();
    assert_eq!((own.goal.amount, own.origin), (9, GoalOrigin::Piece));
    assert_eq!(lib.article(&econ.id).unwrap().version, econ.version);
    assert_eq!(lib.revisions(&econ.id).unwrap().len(), revisions);
    // Cleared, the section's applies again.
    assert_eq!(lib.set_length_goal(&econ.id, None).unwrap().unwrap().origin, GoalOrigin::Section);

    // Refusals name what is wrong; nothing changes.
    assert!(lib.set_length_goal(&econ.id, Some(LengthGoal { unit: GoalUnit::Chars, amount: 0 })).is_err());
    assert!(lib.set_length_goal("0190a0b0-0000-7000-8000-000000000000", Some(LengthGoal { unit: GoalUnit::Chars, amount: 10 })).is_err());
    let e = lib.set_settings(&Settings { section_goals: "경제 = 1800자\n문화 여덟 매".into(), ..Settings::default() }).unwrap_err();
    assert!(e.to_string().contains("line 2"), "{e}");
    assert_eq!(lib.settings().unwrap().section_goals, "# 부문별 기본 분량\n경제 = 1800자\n문화 = 8매");
}
