//! Roundups in the library: create, read, save with conflicts, list/count/search, status
//! and revisions, sign-off defaults, article usage, and editions keeping their text.
mod common;

use common::{fields, library};
use newsdesk_core::library::{ListFilter, SaveOptions, SaveReason, SearchQuery, Settings};
use newsdesk_core::model::{Doc, Kind, Status};
use newsdesk_core::roundup::{parse_edition, Brief, Lead, RoundupFields, Signoff};
use newsdesk_core::Error;

fn edition(title: &str) -> RoundupFields {
    RoundupFields {
        title: title.into(),
        edition_date: "2025-07-26".into(),
        lead: Lead { article_id: None, headline: String::new(), body: Doc::from_paragraphs(["이번 주 도시는 조용했다."]) },
        transition: "이어 주말 주요 뉴스입니다.".into(),
        items: vec![Brief { article_id: None, headline: "\"다리 보수 시작\"".into(), summary: "월요일부터 한 차선만 연다.".into(), link: Some("https://outlet.example/bridge".into()), drafted: false }],
        signoff: Signoff::default(),
    }
}

#[test]
fn create_read_and_save_with_conflicts() {
    let (_d, _p, mut lib) = library();
    lib.set_settings(&Settings { outlet_name: "OUTLET".into(), outlet_email: "news@outlet.example".into(), ..Settings::default() }).unwrap();
    let r = lib.create_roundup(edition("주말 브리핑")).unwrap();
    assert_eq!((r.kind, r.status, r.version), (Kind::Roundup, Status::Draft, 1));
    assert_eq!(uuid_version(&r.id), 7);
    assert_eq!(r.signoff, Signoff { outlet: "OUTLET".into(), email: "news@outlet.example".into() }, "defaults from settings");
    assert_eq!(lib.roundup(&r.id).unwrap(), r);

    let mut f = r.fields();
    f.items.push(Brief { headline: "섬 여객선".into(), summary: "시간표는 그대로다.".into(), ..Brief::default() });
    let saved = lib.save_roundup(&r.id, r.version, f.clone()).unwrap();
    assert_eq!(saved.version, 2);
    assert_eq!(saved.items.len(), 2);
    assert!(matches!(lib.save_roundup(&r.id, 1, f.clone()), Err(Error::Conflict { base: 1, current: 2 })));
    assert_eq!(lib.save_roundup(&r.id, 2, f).unwrap().version, 2, "identical content is no new version");

    let json = serde_json::to_value(lib.roundup(&r.id).unwrap()).unwrap();
    for key in ["id", "kind", "title", "edition_date", "lead", "transition", "items", "signoff", "status", "created_at", "updated_at", "version"] {
        assert!(json.get(key).is_some(), "{key}");
    }
    assert_eq!(json["kind"], "roundup");
    assert_eq!(json["items"][1]["link"], serde_json::Value::Null);

    let mut bad = edition("x");
    bad.items[0].link = Some("javascript:alert(1)".into());
    assert!(matches!(lib.create_roundup(bad), Err(Error::Invalid(m)) if m.contains("http")));
    let mut bad = edition("x");
    bad.edition_date = "26/07/2025".into();
    assert!(matches!(lib.create_roundup(bad), Err(Error::Invalid(_))));
    let mut today = edition("오늘");
    today.edition_date.clear();
    assert_eq!(lib.create_roundup(today).unwrap().edition_date.len(), 10);
    assert!(matches!(lib.roundup("missing"), Err(Error::NotFound { what: "roundup", .. })));
    assert!(lib.check().unwrap().ok);
}

fn uuid_version(id: &str) -> u32 {
    id.chars().nth(14).and_then(|c| c.to_digit(16)).unwrap_or(0)
}

#[test]
fn roundups_are_listed_counted_and_searched() {
    let (_d, _p, mut lib) = library();
    lib.create_article(fields("강변 야시장", &["야시장 이야기"], &[]), Status::Draft).unwrap();
    let r = lib.create_roundup(edition("Weekend briefing")).unwrap();
    let only = |kind| ListFilter { kind: Some(kind), ..ListFilter::default() };
    let rows = lib.list(&only(Kind::Roundup)).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].id.as_str(), rows[0].headline.as_str(), rows[0].kind), (r.id.as_str(), "Weekend briefing", Kind::Roundup));
    assert_eq!(lib.count(&only(Kind::Article)).unwrap(), 1);
    assert_eq!(lib.count(&ListFilter::default()).unwrap(), 2);
    for q in ["다리 보수", "보수", "조용했다", "Weekend", "outlet.example/bridge"] {
        let page = lib.search(&SearchQuery::text(q)).unwrap();
        assert_eq!(page.hits.first().map(|h| (h.id.as_str(), h.kind)), Some((r.id.as_str(), Kind::Roundup)), "{q}");
    }
    lib.trash(&r.id).unwrap();
    assert_eq!(lib.count(&only(Kind::Roundup)).unwrap(), 0);
    lib.purge(&r.id).unwrap();
    assert!(lib.roundup(&r.id).is_err());
    assert!(lib.check().unwrap().ok);
}

#[test]
fn status_and_revisions_like_an_article() {
    let (_d, _p, mut lib) = library();
    let r = lib.create_roundup(edition("판 1")).unwrap();
    let mut f = r.fields();
    f.title = "판 2".into();
    let r2 = lib.save_roundup_with(&r.id, r.version, f, SaveOptions { reason: SaveReason::Explicit, allow_emptying: false }).unwrap();
    lib.set_status(&r.id, Status::Ready).unwrap();
    assert_eq!(lib.roundup(&r.id).unwrap().status, Status::Ready);
    let revs = lib.revisions(&r.id).unwrap();
    assert_eq!(revs.len(), 3);
    let first = revs.last().unwrap();
    assert_eq!(lib.roundup_revision(&r.id, first.id).unwrap().fields.title, "판 1");
    assert_eq!(lib.roundup_revision(&r.id, revs[0].id).unwrap().status, Status::Ready);
    let current = lib.roundup(&r.id).unwrap();
    let back = lib.restore_roundup_revision(&r.id, first.id, current.version).unwrap();
    assert_eq!((back.title.as_str(), back.version), ("판 1", r2.version + 2));
    assert!(lib.revision(&r.id, first.id).is_err(), "article revisions refuse a roundup");
    assert!(lib.save_article(&r.id, back.version, fields("x", &["y"], &[]), SaveOptions::default()).is_err());
    assert!(lib.check().unwrap().ok, "{:?}", lib.check().unwrap().problems);
}

#[test]
fn briefs_copy_articles_and_keep_their_text_when_the_article_goes() {
    let (_d, _p, mut lib) = library();
    let mut a = fields("시립미술관 무료 관람", &["방학 동안 초등학생은 무료다.", "둘째 문단."], &[]);
    a.summary.clear();
    let art = lib.create_article(a, Status::Ready).unwrap();
    let mut f = edition("사용 확인");
    f.items.push(Brief { article_id: Some(art.id.clone()), ..Brief::default() });
    f.lead = Lead { article_id: Some(art.id.clone()), ..Lead::default() };
    let r = lib.create_roundup(f).unwrap();
    assert_eq!(r.items[1].headline, "시립미술관 무료 관람");
    assert_eq!(r.items[1].summary, "방학 동안 초등학생은 무료다.");
    assert_eq!(r.lead.headline, "시립미술관 무료 관람");
    assert_eq!(lib.article_usage(&art.id).unwrap(), vec![(r.id.clone(), "사용 확인".to_string())]);

    let mut f = r.fields();
    f.items[1].headline = "이번 판만의 제목".into();
    let r = lib.save_roundup(&r.id, r.version, f).unwrap();
    assert_eq!(lib.article(&art.id).unwrap().headline, "시립미술관 무료 관람", "the article is untouched");
    lib.trash(&art.id).unwrap();
    lib.purge(&art.id).unwrap();
    let kept = lib.roundup(&r.id).unwrap();
    assert_eq!(kept.items[1].headline, "이번 판만의 제목");
    assert_eq!(kept.items[1].article_id.as_deref(), Some(art.id.as_str()));
    assert!(lib.check().unwrap().ok);
}

#[test]
fn an_imported_edition_is_stored_whole() {
    let (_d, _p, mut lib) = library();
    let f = parse_edition("주말 브리핑\n\n리드 문단입니다. 길게 씁니다.\n\n이어 주말 주요 뉴스입니다.\n\n■ \"하나\"\n요약.\n\nOUTLET news@outlet.example");
    let r = lib.create_roundup_as(f.clone(), Status::Draft, SaveReason::Import).unwrap();
    assert_eq!((r.title.as_str(), r.transition.as_str(), r.items.len()), ("주말 브리핑", "이어 주말 주요 뉴스입니다.", 1));
    assert_eq!(r.signoff, f.signoff);
    assert_eq!(lib.revisions(&r.id).unwrap()[0].reason, SaveReason::Import);
}

#[test]
fn check_finds_a_roundup_without_its_parts() {
    let (_d, path, mut lib) = library();
    let r = lib.create_roundup(edition("점검")).unwrap();
    assert!(lib.check().unwrap().ok);
    drop(lib);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute("UPDATE roundups SET content = '{\"items\": 3}' WHERE id = ?1", [&r.id]).unwrap();
    drop(conn);
    let lib = newsdesk_core::library::Library::open(&path).unwrap();
    let report = lib.check().unwrap();
    assert!(!report.ok && report.problems.iter().any(|p| p.contains(&r.id)), "{:?}", report.problems);
    assert!(lib.roundup(&r.id).is_err(), "a damaged edition is an error, not a panic");
}

/// A revision's content that no longer matches its SHA-256 is refused for an edition as it
/// is for an article: read and restore go through the same check (`library/items.rs`).
#[test]
fn a_tampered_revision_is_refused_for_editions_and_articles_alike() {
    use std::io::Write;
    let (_d, path, mut lib) = library();
    let r = lib.create_roundup(edition("진짜 판")).unwrap();
    let a = lib.create_article(fields("진짜 기사", &["원래 본문"], &[]), Status::Draft).unwrap();
    let mut f = r.fields();
    f.title = "고친 판".into();
    let r2 = lib.save_roundup_with(&r.id, r.version, f, SaveOptions { reason: SaveReason::Explicit, allow_emptying: false }).unwrap();
    let a2 = lib.save_article(&a.id, a.version, fields("고친 기사", &["새 본문"], &[]), SaveOptions { reason: SaveReason::Explicit, allow_emptying: false }).unwrap();
    let first_of = |lib: &newsdesk_core::library::Library, id: &str| lib.revisions(id).unwrap().last().unwrap().id;
    let (r_first, a_first) = (first_of(&lib, &r.id), first_of(&lib, &a.id));
    {
        // Someone rewrites the first revisions' content: it still decompresses and parses,
        // but says something the reporter never wrote.
        let conn = rusqlite::Connection::open(&path).unwrap();
        let forge = |json: String| {
            let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            enc.write_all(json.as_bytes()).unwrap();
            enc.finish().unwrap()
        };
        let mut forged_edition = edition("위조된 판");
        forged_edition.edition_date = r.edition_date.clone();
        let forged_article = fields("위조된 기사", &["쓴 적 없는 본문"], &[]);
        for (rev, json) in [
            (r_first, serde_json::to_string(&forged_edition).unwrap()),
            (a_first, serde_json::to_string(&forged_article).unwrap()),
        ] {
            conn.execute(
                "UPDATE blobs SET data = ?1 WHERE id = (SELECT blob_id FROM revisions WHERE id = ?2)",
                rusqlite::params![forge(json), rev],
            )
            .unwrap();
        }
    }
    for err in [
        lib.roundup_revision(&r.id, r_first).unwrap_err(),
        lib.restore_roundup_revision(&r.id, r_first, r2.version).unwrap_err(),
        lib.revision(&a.id, a_first).unwrap_err(),
        lib.restore_revision(&a.id, a_first, a2.version).unwrap_err(),
    ] {
        assert!(matches!(&err, Error::Database(m) if m.contains("does not match its SHA-256")), "{err}");
    }
    assert_eq!(lib.roundup(&r.id).unwrap().title, "고친 판", "nothing was restored");
    assert_eq!(lib.article(&a.id).unwrap().headline, "고친 기사");
}

/// The sign-off setting is what a new edition signs with; without it, the outlet's name and
/// newsroom address.
#[test]
fn a_new_edition_signs_with_the_sign_off_setting() {
    let (_d, _p, mut lib) = library();
    let outlet = Settings { outlet_name: "OUTLET".into(), outlet_email: "news@outlet.example".into(), ..Settings::default() };
    lib.set_settings(&outlet).unwrap();
    let blank = RoundupFields { title: "판".into(), ..RoundupFields::default() };
    assert_eq!(lib.create_roundup(blank.clone()).unwrap().signoff, Signoff { outlet: "OUTLET".into(), email: "news@outlet.example".into() });
    lib.set_settings(&Settings { signoff: "  주말 데스크   weekend@outlet.example ".into(), ..outlet.clone() }).unwrap();
    assert_eq!(
        lib.create_roundup(blank.clone()).unwrap().signoff,
        Signoff { outlet: "주말 데스크".into(), email: "weekend@outlet.example".into() }
    );
    lib.set_settings(&Settings { signoff: "주말 데스크 드림".into(), ..outlet }).unwrap();
    assert_eq!(lib.create_roundup(blank).unwrap().signoff, Signoff { outlet: "주말 데스크 드림".into(), email: String::new() });
}

#[test]
fn a_new_edition_starts_with_the_outlets_transition_and_its_text_takes_the_outlets_form() {
    use newsdesk_core::export::{render_roundup_from_library, RoundupFormat};
    let (_d, _p, mut lib) = library();
    let blank = RoundupFields { title: "판".into(), ..RoundupFields::default() };
    assert_eq!(lib.create_roundup(blank.clone()).unwrap().transition, "이어 주말 주요 뉴스입니다.", "the default");
    let outlet = Settings { transition: "Here is the week in brief.".into(), ..Settings::default() };
    lib.set_settings(&outlet).unwrap();
    assert_eq!(lib.create_roundup(blank.clone()).unwrap().transition, "Here is the week in brief.");
    // An imported edition keeps its own text: no transition is added to it.
    let imported = lib.create_roundup_as(RoundupFields { transition: String::new(), ..edition("들어온 판") }, Status::Draft, SaveReason::Import).unwrap();
    assert_eq!(imported.transition, "");

    let r = lib.create_roundup(edition("주말판")).unwrap();
    let text = render_roundup_from_library(&lib, &r.id, RoundupFormat::Text).unwrap();
    assert_eq!(text.lines().next(), Some("이번 주 도시는 조용했다."), "no title line by default: {text}");
    assert!(!text.contains("\n\n"), "no blank line by default: {text}");
    lib.set_settings(&Settings { edition_title_line: true, edition_blank_lines: true, ..outlet }).unwrap();
    let settings = lib.settings().unwrap();
    assert!(settings.edition_title_line && settings.edition_blank_lines, "the switches are stored");
    let text = render_roundup_from_library(&lib, &r.id, RoundupFormat::Text).unwrap();
    assert!(text.starts_with("주말판\n\n이번 주 도시는 조용했다.\n\n"), "{text}");
}

#[test]
fn a_brief_from_an_article_without_a_summary_gets_a_drafted_one_marked_as_such() {
    let (_d, _p, mut lib) = library();
    let body = [
        "해솔시가 내년부터 시내버스 첫차를 오전 5시로 30분 앞당긴다. 새벽 출근길 시민들의 요청을 받아들인 결정이다.",
        "시는 \"첫차 승객이 1년 새 12.5% 늘었다\"라고 설명했다. 노선 세 곳이 먼저 바뀐다.",
        "나머지 노선은 여름에 다시 검토한다.",
    ];
    let bare = lib.create_article(fields("첫차 30분 앞당긴다", &body, &[]), Status::Ready).unwrap();
    let mut summarised = fields("도서관 밤 열람실", &["구립 도서관이 밤 열한 시까지 문을 연다."], &[]);
    summarised.summary = "도서관이 밤늦게까지 연다.".into();
    let with = lib.create_article(summarised, Status::Ready).unwrap();
    let b = lib.brief_from_article(&bare.id).unwrap();
    assert!(b.drafted, "marked as a draft");
    let joined = body.join(" ");
    assert!(!b.summary.is_empty() && joined.contains(&b.summary[..b.summary.find(". ").map_or(b.summary.len(), |i| i + 1)]), "{}", b.summary);
    assert_eq!(lib.brief_from_article(&bare.id).unwrap(), b, "the same draft every time");
    let w = lib.brief_from_article(&with.id).unwrap();
    assert!(!w.drafted);
    assert_eq!(w.summary, "도서관이 밤늦게까지 연다.");

    // Stored with the edition, the mark stays until the reporter edits the summary.
    let r = lib.create_roundup(RoundupFields { title: "판".into(), items: vec![b.clone()], ..RoundupFields::default() }).unwrap();
    assert!(r.items[0].drafted);

    // This week's ready articles, newest first; none a week from now.
    let week = lib.fields_from_week(chrono::Utc::now()).unwrap();
    let ids: Vec<_> = week.items.iter().map(|b| b.article_id.clone().unwrap()).collect();
    assert_eq!(ids, [with.id.clone(), bare.id.clone()]);
    assert_eq!(week.items[1].drafted, true);
    assert!(lib.fields_from_week(chrono::Utc::now() + chrono::Duration::days(8)).unwrap().items.is_empty());
    // With content and no title, an edition is named by its date; a blank one is left to name.
    let named = lib.create_roundup(RoundupFields { edition_date: "2026-12-05".into(), ..week }).unwrap();
    assert_eq!(named.title, "주말판 2026년 12월 5일 토요일");
    assert_eq!(lib.create_roundup(RoundupFields::default()).unwrap().title, "");
    let pasted = lib.create_roundup_as(RoundupFields { edition_date: "2026-12-05".into(), ..RoundupFields::default() }, Status::Draft, SaveReason::Import).unwrap();
    assert_eq!(pasted.title, "주말판 2026년 12월 5일 토요일");
    // A draft is not an article: drafting from an edition is refused in words.
    assert!(matches!(lib.draft_summary(&r.id, None), Err(Error::Invalid(_))));
}

