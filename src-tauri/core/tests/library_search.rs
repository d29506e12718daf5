//! Search: trigram FTS for 3+ characters, LIKE under 3, Korean and English, filters,
//! snippets, paging, trash.
mod common;

use common::{fields, library};
use newsdesk_core::library::{Library, SaveOptions, SaveReason, SearchQuery};
use newsdesk_core::model::{Kind, Status};

struct Corpus {
    _dir: tempfile::TempDir,
    lib: Library,
    market: String,
    ferry: String,
    bridge: String,
    council: String,
}

fn corpus() -> Corpus {
    let (dir, _path, mut lib) = library();
    let market = lib
        .create_article(
            fields("강변 야시장, 여름 내내 문 열어", &["열대야 속에서도 강변 야시장은 문을 열었다.", "상인회는 선풍기와 얼음물로 버텼다."], &["지역", "시장"]),
            Status::Ready,
        )
        .unwrap()
        .id;
    let mut f = fields("The island ferry keeps its timetable", &["The ferry crew of four kept every crossing.", "Students asked for the early crossing."], &["transport"]);
    f.language = "en".into();
    let ferry = lib.create_article(f, Status::Published).unwrap().id;
    let bridge = lib
        .create_article(fields("다리 안전 점검 결과", &["사흘 밤 동안 강 위 다리를 점검했다.", "알려진 균열 외에는 문제가 없었다."], &["시설"]), Status::Draft)
        .unwrap()
        .id;
    let council = lib
        .create_article(fields("구의회 예산 표결", &["구의회가 도서관 예산을 통과시켰다. 시장 상인들도 반겼다."], &["지역"]), Status::Editing)
        .unwrap()
        .id;
    Corpus { _dir: dir, lib, market, ferry, bridge, council }
}

fn ids(lib: &Library, q: &SearchQuery) -> Vec<String> {
    lib.search(q).unwrap().hits.into_iter().map(|h| h.id).collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[test]
fn korean_two_characters_use_like() {
    let c = corpus();
    let page = c.lib.search(&SearchQuery::text("시장")).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(sorted(page.hits.iter().map(|h| h.id.clone()).collect()), sorted(vec![c.market.clone(), c.council.clone()]));
    assert_eq!(page.hits[0].id, c.market, "a headline hit ranks first");
    assert!(page.hits.iter().all(|h| h.snippet.contains("«시장»")), "{:?}", page.hits);
    // One character works too.
    assert_eq!(sorted(ids(&c.lib, &SearchQuery::text("균"))), vec![c.bridge.clone()]);
}

#[test]
fn korean_four_characters_use_the_trigram_index() {
    let c = corpus();
    let page = c.lib.search(&SearchQuery::text("강변 야시장")).unwrap();
    assert_eq!(page.total, 1);
    let hit = &page.hits[0];
    assert_eq!((hit.id.as_str(), hit.kind, hit.status), (c.market.as_str(), Kind::Article, Status::Ready));
    assert!(hit.snippet.contains('«') && hit.snippet.contains('»'), "{}", hit.snippet);
    assert!(hit.rank > 0.0);
    assert_eq!(ids(&c.lib, &SearchQuery::text("안전 점검")), vec![c.bridge.clone()]);
    assert_eq!(ids(&c.lib, &SearchQuery::text("도서관 예산")), vec![c.council.clone()]);
    assert!(ids(&c.lib, &SearchQuery::text("없는 낱말")).is_empty());
}

#[test]
fn english_is_case_insensitive_and_headline_weighs_more() {
    let c = corpus();
    assert_eq!(ids(&c.lib, &SearchQuery::text("FERRY")), vec![c.ferry.clone()]);
    assert_eq!(ids(&c.lib, &SearchQuery::text("early cross")), vec![c.ferry.clone()]);
    assert_eq!(ids(&c.lib, &SearchQuery::text("of")), vec![c.ferry.clone()], "two letters: LIKE");
    let snippet = &c.lib.search(&SearchQuery::text("crossing")).unwrap().hits[0].snippet;
    assert!(snippet.contains("«crossing»"), "{snippet}");
}

#[test]
fn queries_are_nfc_normalised_and_never_fts_syntax() {
    let c = corpus();
    // 시장 typed as conjoining jamo.
    let nfd = "\u{1109}\u{1175}\u{110C}\u{1161}\u{11BC}";
    assert_eq!(c.lib.search(&SearchQuery::text(nfd)).unwrap().total, 2);
    for q in ["\"", "ferry\" OR \"", "NEAR(a b)", "*", "a:b", "100%", "_", "\\", "'--"] {
        assert!(c.lib.search(&SearchQuery::text(q)).is_ok(), "{q}");
    }
    assert_eq!(c.lib.search(&SearchQuery::text("%")).unwrap().total, 0, "% is a literal");
    assert_eq!(c.lib.search(&SearchQuery::text("   ")).unwrap().total, 0);
}

#[test]
fn filters_by_status_tag_kind_and_date() {
    let c = corpus();
    let q = |f: &dyn Fn(&mut SearchQuery)| {
        let mut q = SearchQuery::text("시장");
        f(&mut q);
        sorted(ids(&c.lib, &q))
    };
    assert_eq!(q(&|q| q.status = Some(Status::Editing)), vec![c.council.clone()]);
    assert_eq!(q(&|q| q.tag = Some("시장".into())), vec![c.market.clone()]);
    assert_eq!(q(&|q| q.kind = Some(Kind::Roundup)), Vec::<String>::new());
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    assert_eq!(q(&|q| q.from = Some(today.clone())).len(), 2);
    assert_eq!(q(&|q| q.to = Some(today.clone())).len(), 2);
    assert_eq!(q(&|q| q.to = Some("2020-01-01".into())).len(), 0);
    assert_eq!(q(&|q| q.from = Some("2999-01-01T00:00:00+09:00".into())).len(), 0);
    let mut bad = SearchQuery::text("시장");
    bad.from = Some("last week".into());
    assert!(c.lib.search(&bad).is_err());
    // The same filters on the FTS path.
    let mut fts = SearchQuery::text("야시장");
    fts.status = Some(Status::Draft);
    assert_eq!(c.lib.search(&fts).unwrap().total, 0);
    fts.status = Some(Status::Ready);
    fts.tag = Some("지역".into());
    assert_eq!(ids(&c.lib, &fts), vec![c.market.clone()]);
}

#[test]
fn pages_and_trash() {
    let mut c = corpus();
    let mut q = SearchQuery::text("지역");
    q.limit = 1;
    let first = c.lib.search(&q).unwrap();
    assert_eq!((first.total, first.hits.len()), (2, 1));
    q.offset = 1;
    let second = c.lib.search(&q).unwrap();
    assert_eq!(second.hits.len(), 1);
    assert_ne!(first.hits[0].id, second.hits[0].id);

    c.lib.trash(&c.market).unwrap();
    assert_eq!(ids(&c.lib, &SearchQuery::text("야시장")), Vec::<String>::new());
    assert_eq!(ids(&c.lib, &SearchQuery::text("시장")), vec![c.council.clone()]);
    c.lib.restore(&c.market).unwrap();
    assert_eq!(ids(&c.lib, &SearchQuery::text("야시장")), vec![c.market.clone()]);
}

#[test]
fn the_index_follows_every_save() {
    let mut c = corpus();
    let a = c.lib.article(&c.bridge).unwrap();
    c.lib
        .save_article(&a.id, a.version, fields("한강 다리 보수 계획", &["이음매 보수는 내년에 한다."], &[]), SaveOptions { reason: SaveReason::Autosave, allow_emptying: false })
        .unwrap();
    assert!(ids(&c.lib, &SearchQuery::text("안전 점검")).is_empty());
    assert_eq!(ids(&c.lib, &SearchQuery::text("이음매 보수")), vec![c.bridge.clone()]);
    c.lib.trash(&c.bridge).unwrap();
    c.lib.purge(&c.bridge).unwrap();
    assert!(ids(&c.lib, &SearchQuery::text("이음매 보수")).is_empty());
    assert!(c.lib.check().unwrap().ok);
}

#[test]
fn short_queries_find_text_at_the_very_end_of_a_field() {
    let (_dir, _path, mut lib) = library();
    let island = lib.create_article(fields("섬", &["끝말은 시장"], &["ab"]), Status::Draft).unwrap().id;
    assert_eq!(ids(&lib, &SearchQuery::text("섬")), vec![island.clone()]);
    assert_eq!(ids(&lib, &SearchQuery::text("시장")), vec![island.clone()]);
    assert_eq!(ids(&lib, &SearchQuery::text("AB")), vec![island.clone()]);
    assert_eq!(ids(&lib, &SearchQuery::text("b")), vec![island.clone()]);
    let page = lib.search(&SearchQuery::text("섬")).unwrap();
    assert_eq!((page.hits[0].snippet.as_str(), page.hits[0].rank), ("«섬»", 2.0));
}

#[test]
fn headline_hits_come_first_then_the_newest_and_pages_follow_that_order() {
    let (_dir, _path, mut lib) = library();
    let mut make = |headline: &str, body: &str| lib.create_article(fields(headline, &[body], &[]), Status::Draft).unwrap().id;
    let oldest_headline = make("야시장 첫날", "상인들이 모였다.");
    let old_body = make("강변 소식", "야시장 상인회가 모였다.");
    let new_headline = make("야시장 연장 결정", "구청이 밝혔다.");
    let newer_body = make("여름 밤", "밤마다 야시장이 붐볐다.");
    let newest_body = make("주말 날씨", "비가 와도 야시장은 연다.");
    let expected = vec![new_headline, oldest_headline, newest_body, newer_body, old_body];
    for text in ["야시장", "시장"] {
        let page = lib.search(&SearchQuery { limit: 10, ..SearchQuery::text(text) }).unwrap();
        assert_eq!(page.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>(), expected, "{text}");
        assert_eq!((page.total, page.more), (5, false));
        assert_eq!(page.hits.iter().map(|h| h.rank).collect::<Vec<_>>(), vec![2.0, 2.0, 1.0, 1.0, 1.0]);
        // Pages of two cross from the headline hits to the others without gap or repeat.
        let mut paged = Vec::new();
        for offset in [0, 2, 4] {
            let q = SearchQuery { limit: 2, offset, ..SearchQuery::text(text) };
            paged.extend(lib.search(&q).unwrap().hits.into_iter().map(|h| h.id));
        }
        assert_eq!(paged, expected, "{text}, paged");
    }
}

#[test]
fn counting_stops_at_the_cap_and_says_there_are_more() {
    use newsdesk_core::library::COUNT_CAP;
    let (_dir, _path, mut lib) = library();
    let many: Vec<_> = (0..COUNT_CAP + 5)
        .map(|i| (fields(&format!("표결 {i}"), &["구의회 표결 결과"], &["의회"]), Status::Draft))
        .collect();
    lib.create_articles(many, SaveReason::Import).unwrap();
    for text in ["표결 결과", "표결"] {
        let page = lib.search(&SearchQuery::text(text)).unwrap();
        assert_eq!((page.total, page.more, page.hits.len()), (COUNT_CAP, true, 20), "{text}");
    }
    let one = lib.create_article(fields("다른 기사", &["표결 결과는 내일"], &["단독"]), Status::Ready).unwrap();
    let mut q = SearchQuery::text("표결 결과");
    q.status = Some(Status::Ready);
    let page = lib.search(&q).unwrap();
    assert_eq!((page.total, page.more), (1, false));
    assert_eq!(page.hits[0].id, one.id);
    assert_eq!(page.hits[0].snippet, "«표결 결과»는 내일");
}

/// However many match, headline hits come first, even one older than all the others: with
/// a few matches, some hundreds, and more than the count's cap (each takes its own way).
#[test]
fn an_old_headline_hit_comes_first_however_many_match() {
    use newsdesk_core::library::COUNT_CAP;
    for others in [30, 300, COUNT_CAP + 5] {
        let (_dir, _path, mut lib) = library();
        let oldest = lib.create_article(fields("Harbour vote today", &["Council meets."], &[]), Status::Draft).unwrap();
        let many: Vec<_> = (0..others)
            .map(|i| (fields(&format!("Notice {i}"), &["The harbour vote is near."], &[]), Status::Draft))
            .collect();
        lib.create_articles(many, SaveReason::Import).unwrap();
        for text in ["HARBOUR VOTE", "ha"] {
            let page = lib.search(&SearchQuery::text(text)).unwrap();
            let all = others + 1;
            assert_eq!((page.total, page.more), (all.min(COUNT_CAP), all > COUNT_CAP), "{text}, {others}");
            assert_eq!((page.hits[0].id.as_str(), page.hits[0].rank), (oldest.id.as_str(), 2.0), "{text}, {others}");
            assert_eq!(page.hits[1].rank, 1.0, "{text}, {others}");
            assert_eq!(page.hits[1].headline, format!("Notice {}", others - 1), "{text}, {others}: then the newest");
            let second = lib.search(&SearchQuery { offset: 1, limit: 2, ..SearchQuery::text(text) }).unwrap();
            let headlines: Vec<_> = second.hits.iter().map(|h| h.headline.clone()).collect();
            assert_eq!(headlines, [format!("Notice {}", others - 1), format!("Notice {}", others - 2)], "{text}, {others}");
            // The last page: past the first thousand matches when more than that match.
            let last = lib.search(&SearchQuery { offset: others as u32 - 1, limit: 5, ..SearchQuery::text(text) }).unwrap();
            let headlines: Vec<_> = last.hits.iter().map(|h| h.headline.as_str()).collect();
            assert_eq!(headlines, ["Notice 1", "Notice 0"], "{text}, {others}: the last page");
        }
    }
}

/// A save commits its text before the search index catches up (library/mod.rs, `WriteTx`):
/// a search right after it still finds the new words and no longer the old ones, on the
/// saving library and on a read-only one opened while the save is still queued.
#[test]
fn a_search_right_after_a_save_finds_what_was_saved() {
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("다리 보수", &["옛 문장에는 나룻배가 있었다."], &[]), Status::Draft).unwrap();
    let saved = lib
        .save_article(&a.id, a.version, fields("다리 보수", &["새 문장에는 케이블카가 있다."], &[]), SaveOptions { reason: SaveReason::Autosave, allow_emptying: false })
        .unwrap();
    assert_eq!(lib.queued_for_index().unwrap(), 1, "the save left its article queued for the index");

    let reader = Library::open_read_only(&path).unwrap();
    for l in [&reader, &lib] {
        let found = l.search(&SearchQuery::text("케이블카")).unwrap();
        assert_eq!(found.hits.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), [saved.id.as_str()]);
        assert_eq!(l.search(&SearchQuery::text("나룻배")).unwrap().total, 0, "the old words are gone");
        assert_eq!(l.search(&SearchQuery::text("카")).unwrap().total, 1, "1-character search too");
    }
    assert_eq!(lib.queued_for_index().unwrap(), 0, "the writable library's search caught the index up");
    assert!(lib.check().unwrap().ok);
}
