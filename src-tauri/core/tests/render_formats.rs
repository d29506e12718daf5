//! Markdown, plain text and ninjs: exact output for a Korean and an English article, a
//! Markdown round trip through Newsdesk's own import, and ninjs against the IPTC schema.
mod render_support;

use std::path::PathBuf;

use newsdesk_core::import::markdown_to_fields;
use newsdesk_core::model::Article;
use newsdesk_core::render::{article_markdown, article_ninjs, article_text, no_assets, Outlet, RenderContext};
use newsdesk_core::text::plain::doc_to_plain;
use render_support::{assets, english, hostile, korean, outlet, PIXEL_PNG};
use serde_json::Value;

fn ctx_render<T>(f: impl Fn(&RenderContext) -> T) -> T {
    let o = outlet();
    f(&RenderContext::new(&o, &assets))
}

const KOREAN_MARKDOWN: &str = r#"---
headline: "열대야에도 불 밝힌 강변 야시장"
deck: '방문객 두 배… 상인회 "그늘막 더 필요"'
author: "박서연 기자"
email: "seoyeon@hanbit.example"
date: "2025-07-28T18:00:00+09:00"
section: "사회"
language: "ko"
summary: "장마 뒤 첫 주말 강변 야시장에 방문객이 몰렸다. 구청은 그늘막을 더 세운다."
tags:
  - "지역"
  - "시장"
---

# 열대야에도 불 밝힌 강변 야시장

장마가 끝난 뒤 첫 주말, 강변 야시장에는 저녁 여섯 시부터 사람들이 몰렸다. 상인회는 올해 방문객이 지난해보다 **두 배 가까이** 늘었다고 밝혔다.

## 더위를 견디는 방법

상인들은 선풍기와 얼음물로 버텼다. 떡볶이 노점을 하는 김모(54)씨는\
"해가 지면 그나마 낫다"고 말했다.

- 운영 시간: 오후 6시\~11시
- 휴장일: 매주 월요일

> 그늘막을 열 곳 더 세우겠습니다.

![야시장 입구에 늘어선 사람들][image-1]
*28일 저녁 강변 야시장 입구* (한빛일보 사진부)

자세한 일정은 [구청 누리집](https://gu.example/market)에서 볼 수 있다.

문의는 [market@gu.example](mailto:market@gu.example)로 하면 된다.

"#;

const KOREAN_TEXT: &str = r#"열대야에도 불 밝힌 강변 야시장
방문객 두 배… 상인회 "그늘막 더 필요"

입력 2025.07.28 18:00
박서연 기자 seoyeon@hanbit.example

장마가 끝난 뒤 첫 주말, 강변 야시장에는 저녁 여섯 시부터 사람들이 몰렸다. 상인회는 올해 방문객이 지난해보다 두 배 가까이 늘었다고 밝혔다.

더위를 견디는 방법

상인들은 선풍기와 얼음물로 버텼다. 떡볶이 노점을 하는 김모(54)씨는
"해가 지면 그나마 낫다"고 말했다.

- 운영 시간: 오후 6시~11시
- 휴장일: 매주 월요일

그늘막을 열 곳 더 세우겠습니다.

[사진] 28일 저녁 강변 야시장 입구 (한빛일보 사진부)

자세한 일정은 구청 누리집에서 볼 수 있다.

문의는 market@gu.example로 하면 된다.

태그: 지역, 시장
"#;

const ENGLISH_MARKDOWN: &str = r#"---
headline: "Island ferry keeps its timetable with a crew of four"
deck: "Students asked for the early crossing; it stays"
author: "Dana Reyes"
email: "dana@hanbit.example"
date: "2025-07-28T08:10:00+09:00"
section: "Local"
language: "en"
tags:
  - "transport"
  - "island"
---

# Island ferry keeps its timetable with a crew of four

The island ferry kept its full timetable this summer with a crew of four, the operator said on Monday. *Every* crossing left on time.

1. First crossing: 6:40 a.m.
2. Last crossing: 9:15 p.m.

The old fare of ~~$4~~ is now $5; tickets carry the code `FERRY-5`.

---

A winter timetable is due on Friday.
"#;

const ENGLISH_TEXT: &str = r#"Island ferry keeps its timetable with a crew of four
Students asked for the early crossing; it stays

Published 2025.07.28 08:10
Dana Reyes dana@hanbit.example

The island ferry kept its full timetable this summer with a crew of four, the operator said on Monday. Every crossing left on time.

1. First crossing: 6:40 a.m.
2. Last crossing: 9:15 p.m.

The old fare of $4 is now $5; tickets carry the code FERRY-5.

* * *

A winter timetable is due on Friday.

Tags: transport, island
"#;

#[test]
fn korean_markdown_and_text() {
    let md = ctx_render(|c| article_markdown(&korean(), c));
    let expected = format!("{KOREAN_MARKDOWN}[image-1]: data:image/png;base64,{PIXEL_PNG}\n");
    assert_eq!(md, expected);
    assert_eq!(ctx_render(|c| article_text(&korean(), c)), KOREAN_TEXT);
}

#[test]
fn english_markdown_and_text() {
    // Not yet published: dated when it was first filed (created_at), not its last save.
    assert_eq!(ctx_render(|c| article_markdown(&english(), c)), ENGLISH_MARKDOWN);
    assert_eq!(ctx_render(|c| article_text(&english(), c)), ENGLISH_TEXT);
}

#[test]
fn markdown_reads_back_through_the_import() {
    for a in [korean(), english(), hostile()] {
        let md = ctx_render(|c| article_markdown(&a, c));
        let f = markdown_to_fields(&md);
        if a.headline == hostile().headline {
            // Text holding both kinds of quote is written with YAML escapes, which the
            // import keeps as they are; the body below still reads back.
            assert!(
                md.contains(r#"headline: "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&amp;</style><!--""#),
                "{md}"
            );
        } else {
            assert_eq!(f.headline, a.headline.split_whitespace().collect::<Vec<_>>().join(" "));
            assert_eq!(f.deck, a.deck);
            assert_eq!(f.summary, a.summary);
            assert_eq!(f.byline.name, a.byline.name);
            assert_eq!(f.section, a.section);
            assert_eq!(f.language, a.language);
            assert_eq!(f.tags, a.tags);
        }
        // The body's text survives; the import keeps an image as its alt text.
        let without_images = |doc: &newsdesk_core::model::Doc| {
            doc_to_plain(doc)
                .lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        let got = without_images(&f.body);
        for line in without_images(&a.body) {
            if a.body
                .blocks()
                .any(|b| matches!(b, newsdesk_core::model::Block::Image { attrs } if attrs.caption == line))
            {
                continue;
            }
            assert!(got.contains(&line), "lost {line:?} in {got:#?}");
        }
        // Marks come back as marks.
        assert_eq!(
            serde_json::to_string(&f.body).unwrap().matches("\"bold\"").count(),
            serde_json::to_string(&a.body).unwrap().matches("\"bold\"").count()
        );
    }
}

#[test]
fn markdown_escapes_markup_in_text() {
    let md = ctx_render(|c| article_markdown(&hostile(), c));
    let body = md.split("\n---\n").nth(1).unwrap();
    assert!(!body.contains("<script>"), "{body}");
    assert!(body.contains("\\<script\\>alert(1)\\</script\\>"));
    // The link address cannot break out of its parentheses.
    assert!(
        body.contains("[click](https://example.com/?q=%22%3E%3Cscript%3Ealert%283%29%3C/script%3E)"),
        "{body}"
    );
}

#[test]
fn markdown_without_the_image_keeps_the_caption() {
    let o = outlet();
    let md = article_markdown(&korean(), &RenderContext::new(&o, &no_assets));
    assert!(!md.contains("[image-1]"));
    assert!(md.contains("*28일 저녁 강변 야시장 입구* (한빛일보 사진부)"));
}

fn ninjs_validator() -> jsonschema::Validator {
    struct Offline;
    impl jsonschema::Retrieve for Offline {
        fn retrieve(&self, uri: &jsonschema::Uri<String>) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
            // The schema's only outside reference is GeoJSON for places; we send none.
            if uri.as_str().starts_with("https://geojson.org/") {
                Ok(serde_json::json!({}))
            } else {
                Err(format!("no network in tests: {uri}").into())
            }
        }
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ninjs/ninjs-schema_2.2.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the ninjs schema is read from {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_retriever(Offline)
        .should_validate_formats(true)
        .build(&schema)
        .expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, doc: &Value) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "ninjs errors: {errors:#?}\n{doc:#}");
}

#[test]
fn ninjs_validates_against_the_iptc_schema() {
    let v = ninjs_validator();
    // The IPTC's own example passes, and a broken document does not: the validator works.
    let example = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/ninjs/ninjs-2.2-example-simple-text-article.json");
    assert_valid(
        &v,
        &serde_json::from_str(&std::fs::read_to_string(example).unwrap()).unwrap(),
    );
    assert!(!v.is_valid(&serde_json::json!({"uri": "x y", "type": "article", "headline": "no"})));

    let o = outlet();
    for a in [korean(), english(), hostile()] {
        for ctx in [RenderContext::new(&o, &assets), RenderContext::new(&o, &no_assets)] {
            assert_valid(&v, &article_ninjs(&a, &ctx));
        }
    }
    let bare = Outlet::default();
    let mut empty = render_support::article("", "", r#"{"type":"doc","content":[]}"#);
    empty.published_at = None;
    empty.updated_at = String::new();
    assert_valid(&v, &article_ninjs(&empty, &RenderContext::new(&bare, &no_assets)));
}

#[test]
fn ninjs_fields_carry_the_article() {
    let n: Value = ctx_render(|c| article_ninjs(&korean(), c));
    assert_eq!(n["uri"], "urn:uuid:01984f3a-7c2e-7b1a-9a3e-2f6d8c1b4e50");
    assert_eq!(n["type"], "text");
    assert_eq!(n["version"], "7");
    assert_eq!(n["language"], "ko");
    assert_eq!(n["pubstatus"], "usable");
    assert_eq!(n["contentcreated"], "2025-07-28T18:00:00+09:00");
    assert_eq!(n["firstcreated"], "2025-07-28T08:10:00+09:00");
    assert_eq!(n["headlines"][0]["value"], "열대야에도 불 밝힌 강변 야시장");
    assert_eq!(n["headlines"][1]["role"], "sub");
    assert_eq!(n["by"], "박서연 기자");
    assert_eq!(n["subjects"][1]["name"], "시장");
    assert_eq!(n["bodies"][0]["contenttype"], "text/html");
    assert!(n["bodies"][0]["value"]
        .as_str()
        .unwrap()
        .contains("<strong>두 배 가까이</strong>"));
    assert!(
        !n["bodies"][0]["value"].as_str().unwrap().contains("<img"),
        "pictures travel as associations"
    );
    assert_eq!(n["associations"][0]["type"], "picture");
    assert_eq!(n["associations"][0]["by"], "한빛일보 사진부");
    assert!(n["associations"][0]["renditions"][0]["href"]
        .as_str()
        .unwrap()
        .starts_with("data:image/png;base64,"));

    let mut draft: Article = english();
    draft.status = newsdesk_core::model::Status::Draft;
    let n: Value = ctx_render(|c| article_ninjs(&draft, c));
    assert_eq!(n["pubstatus"], "withheld");
    assert!(n.get("associations").is_none());

    let n: Value = ctx_render(|c| article_ninjs(&hostile(), c));
    assert_eq!(n["uri"], "urn:newsdesk:article:not-a-uuid%20%3C%2Fscript%3E");
    assert!(!n["bodies"][0]["value"].as_str().unwrap().contains("<script>"));
}
