//! Sample articles for the render and export tests, written for these tests.
#![allow(dead_code)]
use base64::Engine;
use newsdesk_core::model::doc::Doc;
use newsdesk_core::model::{Article, Byline, Kind, Status};
use newsdesk_core::render::{Asset, Outlet};
use newsdesk_core::text::counts::count_document;

/// A 1×1 PNG.
pub const PIXEL_PNG: &str =
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
pub const PIXEL_SHA: &str = "3f0c2a8e5b7d19a4c6e8f0b2d4a6c8e0f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1";

pub fn pixel() -> Vec<u8> {
    base64::engine::general_purpose::STANDARD.decode(PIXEL_PNG).unwrap()
}

/// Finds the pixel under [`PIXEL_SHA`], nothing else.
pub fn assets(sha: &str) -> Option<Asset> {
    (sha == PIXEL_SHA).then(|| Asset {
        bytes: pixel(),
        mime: "image/png".into(),
    })
}

pub fn outlet() -> Outlet {
    Outlet {
        name: "한빛일보".into(),
        email: "news@hanbit.example".into(),
        site_url: "https://hanbit.example".into(),
        ..Outlet::default()
    }
}

pub fn article(id: &str, headline: &str, body_json: &str) -> Article {
    let body = Doc::from_json(body_json).expect("sample body fits the schema");
    let counts = count_document(&body);
    Article {
        id: id.into(),
        kind: Kind::Article,
        headline: headline.into(),
        deck: String::new(),
        byline: Byline::default(),
        summary: String::new(),
        body,
        tags: vec![],
        section: String::new(),
        language: "ko".into(),
        status: Status::Ready,
        created_at: "2025-07-27T23:10:00Z".into(),
        updated_at: "2025-07-28T09:00:00Z".into(),
        published_at: Some("2025-07-28T09:00:00Z".into()),
        trashed_at: None,
        version: 7,
        counts,
    }
}

fn text(s: &str) -> String {
    serde_json::json!({"type": "text", "text": s}).to_string()
}

fn marked(s: &str, marks: &str) -> String {
    format!(
        r#"{{"type":"text","text":{},"marks":[{marks}]}}"#,
        serde_json::to_string(s).unwrap()
    )
}

fn para(inlines: &[String]) -> String {
    format!(r#"{{"type":"paragraph","content":[{}]}}"#, inlines.join(","))
}

/// A Korean article with a heading, marks, a link, a list, a quote and a photo.
pub fn korean() -> Article {
    let body = format!(
        r#"{{"type":"doc","content":[{},{},{},{},{},{},{},{}]}}"#,
        para(&[text("장마가 끝난 뒤 첫 주말, 강변 야시장에는 저녁 여섯 시부터 사람들이 몰렸다. 상인회는 올해 방문객이 지난해보다 "), marked("두 배 가까이", r#"{"type":"bold"}"#), text(" 늘었다고 밝혔다.")]),
        r#"{"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"더위를 견디는 방법"}]}"#,
        para(&[text("상인들은 선풍기와 얼음물로 버텼다. 떡볶이 노점을 하는 김모(54)씨는"), r#"{"type":"hardBreak"}"#.to_string(), text("\"해가 지면 그나마 낫다\"고 말했다.")]),
        r#"{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"운영 시간: 오후 6시~11시"}]}]},{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"휴장일: 매주 월요일"}]}]}]}"#,
        r#"{"type":"blockquote","content":[{"type":"paragraph","content":[{"type":"text","text":"그늘막을 열 곳 더 세우겠습니다."}]}]}"#,
        format!(r#"{{"type":"image","attrs":{{"asset":"{PIXEL_SHA}","alt":"야시장 입구에 늘어선 사람들","caption":"28일 저녁 강변 야시장 입구","credit":"한빛일보 사진부"}}}}"#),
        para(&[text("자세한 일정은 "), marked("구청 누리집", r#"{"type":"link","attrs":{"href":"https://gu.example/market"}}"#), text("에서 볼 수 있다.")]),
        para(&[text("문의는 "), marked("market@gu.example", r#"{"type":"link","attrs":{"href":"mailto:market@gu.example"}}"#), text("로 하면 된다.")]),
    );
    let mut a = article(
        "01984f3a-7c2e-7b1a-9a3e-2f6d8c1b4e50",
        "열대야에도 불 밝힌 강변 야시장",
        &body,
    );
    a.deck = "방문객 두 배… 상인회 \"그늘막 더 필요\"".into();
    a.byline = Byline {
        name: "박서연 기자".into(),
        email: "seoyeon@hanbit.example".into(),
    };
    a.summary = "장마 뒤 첫 주말 강변 야시장에 방문객이 몰렸다. 구청은 그늘막을 더 세운다.".into();
    a.tags = vec!["지역".into(), "시장".into()];
    a.section = "사회".into();
    a
}

/// An English article with an ordered list, italics, strike, code and a rule.
pub fn english() -> Article {
    let body = format!(
        r#"{{"type":"doc","content":[{},{},{},{},{}]}}"#,
        para(&[text("The island ferry kept its full timetable this summer with a crew of four, the operator said on Monday. "), marked("Every", r#"{"type":"italic"}"#), text(" crossing left on time.")]),
        r#"{"type":"orderedList","attrs":{"start":1},"content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"First crossing: 6:40 a.m."}]}]},{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"Last crossing: 9:15 p.m."}]}]}]}"#,
        para(&[text("The old fare of "), marked("$4", r#"{"type":"strike"}"#), text(" is now $5; tickets carry the code "), marked("FERRY-5", r#"{"type":"code"}"#), text(".")]),
        r#"{"type":"horizontalRule"}"#,
        para(&[text("A winter timetable is due on Friday.")]),
    );
    let mut a = article(
        "01984f3b-1111-7222-8333-444455556666",
        "Island ferry keeps its timetable with a crew of four",
        &body,
    );
    a.language = "en".into();
    a.deck = "Students asked for the early crossing; it stays".into();
    a.byline = Byline {
        name: "Dana Reyes".into(),
        email: "dana@hanbit.example".into(),
    };
    a.tags = vec!["transport".into(), "island".into()];
    a.section = "Local".into();
    a.published_at = None;
    a.updated_at = "2025-08-01T03:30:00Z".into();
    a
}

/// Content that looks like markup everywhere a reporter can type.
pub fn hostile() -> Article {
    let evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;</style><!--";
    let body = format!(
        r#"{{"type":"doc","content":[{},{},{}]}}"#,
        para(&[text(evil)]),
        para(&[marked(
            "click",
            r#"{"type":"link","attrs":{"href":"https://example.com/?q=\"><script>alert(3)</script>"}}"#
        )]),
        format!(
            r#"{{"type":"image","attrs":{{"asset":"{PIXEL_SHA}","alt":"\" onload=\"alert(4)","caption":"</figcaption><script>alert(5)</script>","credit":"<b>x</b>"}}}}"#
        ),
    );
    let mut a = article("not-a-uuid </script>", evil, &body);
    a.deck = evil.into();
    a.summary = format!("{evil} </script><script>alert(6)</script>");
    a.byline = Byline {
        name: evil.into(),
        email: "x\"@y.z onmouseover=alert(7)".into(),
    };
    a.tags = vec![evil.into(), "</script>".into()];
    a.section = evil.into();
    a
}
