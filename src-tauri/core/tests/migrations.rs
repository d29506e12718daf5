//! Every earlier schema version upgrades: `tests/fixtures/library-v<N>.db` is a small library
//! written by the build whose schema was version N. Each is opened (as a copy) by this build
//! and must read back and come out at the current version.
//!
//! When a migration is added, run the generator on the build *before* it, so the folder keeps
//! one fixture per version:
//! `cargo test -p newsdesk-core --test migrations -- --ignored generate_fixture`
mod common;

use std::path::{Path, PathBuf};

use common::fields;
use newsdesk_core::library::{Library, ListFilter, SaveOptions, SaveReason, SearchQuery, Settings, SCHEMA_VERSION};
use newsdesk_core::model::{Kind, Status};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A 1x1 transparent PNG, stored as an asset in every fixture.
const PIXEL: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// Writes `tests/fixtures/library-v<SCHEMA_VERSION>.db` with this build.
#[test]
#[ignore = "writes a fixture file; run by hand when the schema version changes"]
fn generate_fixture() {
    let dest = fixtures().join(format!("library-v{SCHEMA_VERSION}.db"));
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(&dir.path().join("gen.db")).unwrap();
    let market = lib
        .create_article(
            fields("강변 야시장, 여름 내내 문 열어", &["열대야 속에서도 강변 야시장은 문을 열었다.", "상인회는 선풍기와 얼음물로 버텼다."], &["지역", "시장"]),
            Status::Draft,
        )
        .unwrap();
    lib.save_article(
        &market.id,
        market.version,
        fields("강변 야시장, 여름 내내 문 열어", &["열대야 속에서도 강변 야시장은 여름 내내 문을 열었다.", "상인회는 선풍기와 얼음물로 버텼다.", "구청은 그늘막을 더 세운다."], &["지역", "시장"]),
        SaveOptions { reason: SaveReason::Explicit, allow_emptying: false },
    )
    .unwrap();
    lib.set_status(&market.id, Status::Published).unwrap();
    let mut ferry = fields("The island ferry keeps its timetable", &["The ferry crew of four kept every crossing."], &["transport"]);
    ferry.language = "en".into();
    lib.create_article(ferry, Status::Ready).unwrap();
    let gone = lib.create_article(fields("휴지통 기사", &["지운 기사"], &[]), Status::Draft).unwrap();
    lib.trash(&gone.id).unwrap();
    lib.put_asset(PIXEL, "image/png").unwrap();
    lib.set_settings(&Settings { outlet_name: "OUTLET".into(), outlet_email: "news@outlet.example".into(), ..Settings::default() })
        .unwrap();
    // Since version 2: a weekend roundup whose first brief points at the market article.
    let mut edition = newsdesk_core::roundup::parse_edition(
        "주말 브리핑\n\n강변의 여름 밤을 돌아봤습니다.\n\n이어 주말 주요 뉴스입니다.\n\n■ \"야시장 연장\"\n상인회가 연장을 정했다.\n\n■ 섬 여객선\n시간표는 그대로다.\n\nOUTLET news@outlet.example",
    );
    edition.edition_date = "2025-07-26".into();
    edition.items[0].article_id = Some(market.id.clone());
    lib.create_roundup(edition).unwrap();
    let _ = std::fs::remove_file(&dest);
    lib.backup(&dest).unwrap();
    eprintln!("wrote {} ({} bytes)", dest.display(), std::fs::metadata(&dest).unwrap().len());
}

#[test]
fn every_fixture_library_opens_and_upgrades() {
    let mut found = 0;
    for entry in std::fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !(name.starts_with("library-v") && name.ends_with(".db")) {
            continue;
        }
        found += 1;
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join(&name);
        std::fs::copy(&path, &copy).unwrap();
        let mut lib = Library::open(&copy).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(lib.schema_version(), SCHEMA_VERSION, "{name}");
        let report = lib.check().unwrap();
        assert!(report.ok, "{name}: {:?}", report.problems);

        let live = lib.list(&ListFilter { kind: Some(Kind::Article), ..Default::default() }).unwrap();
        assert_eq!(live.len(), 2, "{name}");
        assert_eq!(lib.list(&ListFilter { trashed: true, ..Default::default() }).unwrap().len(), 1, "{name}");
        let version: i64 = name.trim_start_matches("library-v").trim_end_matches(".db").parse().unwrap();
        let roundups = lib.list(&ListFilter { kind: Some(Kind::Roundup), ..Default::default() }).unwrap();
        assert_eq!(roundups.len(), usize::from(version >= 2), "{name}");
        for r in &roundups {
            let edition = lib.roundup(&r.id).unwrap();
            assert_eq!((edition.title.as_str(), edition.items.len()), ("주말 브리핑", 2), "{name}");
            assert_eq!(edition.edition_date, "2025-07-26", "{name}");
            assert_eq!(lib.article_usage(&live.iter().find(|a| a.headline.starts_with("강변")).unwrap().id).unwrap().len(), 1);
            assert_eq!(lib.search(&SearchQuery::text("여객선")).unwrap().hits[0].id, r.id, "{name}");
        }
        let market = live.iter().find(|a| a.headline.starts_with("강변 야시장")).expect("the market article");
        let a = lib.article(&market.id).unwrap();
        assert_eq!(a.status, Status::Published, "{name}");
        assert!(a.published_at.is_some(), "{name}");
        assert_eq!(a.tags, vec!["지역", "시장"], "{name}");
        assert!(newsdesk_core::text::plain::doc_to_plain(&a.body).contains("그늘막"), "{name}");
        let revs = lib.revisions(&a.id).unwrap();
        assert!(revs.len() >= 3, "{name}");
        for r in &revs {
            lib.revision(&a.id, r.id).unwrap();
        }
        assert_eq!(lib.search(&SearchQuery::text("야시장")).unwrap().hits[0].id, a.id, "{name}");
        let market_hits = SearchQuery { kind: Some(Kind::Article), ..SearchQuery::text("시장") };
        assert_eq!(lib.search(&market_hits).unwrap().total, 1, "{name}");
        assert_eq!(lib.search(&SearchQuery::text("ferry")).unwrap().total, 1, "{name}");
        // Schema 8's word index, filled after the upgrade: the same answers through it.
        assert_eq!(lib.index_upgraded_words(1000).unwrap(), 0, "{name}");
        for (q, n) in [("ferry", 1), ("CREW", 1), ("f", 1), ("여객선", usize::from(version >= 2))] {
            assert_eq!(lib.search(&SearchQuery::text(q)).unwrap().total, n as u64, "{name}: {q}");
        }
        assert!(lib.check().unwrap().ok, "{name}");
        assert_eq!(lib.settings().unwrap().outlet_name, "OUTLET", "{name}");
        let pixel = lib.put_asset(PIXEL, "image/png").unwrap();
        assert_eq!(lib.asset(&pixel).unwrap().0, PIXEL, "{name}");

        // And the upgraded library takes new writes.
        let saved = lib
            .save_article(&a.id, a.version, fields("업그레이드 후 저장", &["새 본문"], &[]), SaveOptions { reason: SaveReason::Explicit, allow_emptying: false })
            .unwrap();
        assert_eq!(saved.version, a.version + 1);
        assert!(lib.check().unwrap().ok, "{name}");
    }
    assert!(found >= 1, "no fixture library in {}", fixtures().display());
}
