//! The article page: valid HTML5 with no parse errors, the structure and metadata the
//! design asks for, nothing external, and hostile text shown as text.
mod render_support;

use newsdesk_core::model::Article;
use newsdesk_core::render::{article_html, no_assets, RenderContext, Templates};
use newsdesk_core::Error;
use render_support::{assets, english, hostile, korean, outlet};
use scraper::{ElementRef, Html, Selector};

fn render(a: &Article) -> String {
    let o = outlet();
    article_html(a, &RenderContext::new(&o, &assets)).expect("renders")
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn all<'a>(doc: &'a Html, s: &str) -> Vec<ElementRef<'a>> {
    doc.select(&sel(s)).collect()
}

fn text(e: &ElementRef) -> String {
    e.text().collect()
}

/// Parses with html5ever and fails on any parse error it reports.
fn parse_strict(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}\n{html}", doc.errors);
    assert!(html.starts_with("<!doctype html>\n"), "doctype first");
    doc
}

fn json_ld(doc: &Html) -> serde_json::Value {
    let scripts = all(doc, "script");
    assert_eq!(scripts.len(), 1, "exactly one script");
    assert_eq!(scripts[0].value().attr("type"), Some("application/ld+json"));
    serde_json::from_str(&text(&scripts[0])).expect("JSON-LD parses")
}

#[test]
fn korean_page_is_valid_and_complete() {
    let html = render(&korean());
    let doc = parse_strict(&html);
    assert_eq!(all(&doc, "html")[0].value().attr("lang"), Some("ko"));
    assert_eq!(all(&doc, "meta[charset]")[0].value().attr("charset"), Some("utf-8"));
    assert_eq!(all(&doc, "meta[name=viewport]").len(), 1);
    assert_eq!(
        text(&all(&doc, "title")[0]),
        "열대야에도 불 밝힌 강변 야시장 | 한빛일보"
    );

    let h1 = all(&doc, "h1");
    assert_eq!(h1.len(), 1);
    assert_eq!(text(&h1[0]), "열대야에도 불 밝힌 강변 야시장");
    assert_eq!(text(&all(&doc, "p.deck")[0]), "방문객 두 배… 상인회 \"그늘막 더 필요\"");
    let times = all(&doc, "article time[datetime]");
    assert_eq!(times.len(), 1, "published only: not modified after publication");
    assert_eq!(times[0].value().attr("datetime"), Some("2025-07-28T18:00:00+09:00"));
    assert_eq!(text(&times[0]), "2025.07.28 18:00");
    let address = all(&doc, "address");
    assert_eq!(address.len(), 1);
    assert!(text(&address[0]).contains("박서연 기자"));
    assert_eq!(
        all(&doc, "address a")[0].value().attr("href"),
        Some("mailto:seoyeon@hanbit.example")
    );

    // Open Graph and article metadata.
    let meta = |p: &str| {
        all(&doc, &format!("meta[property=\"{p}\"]"))
            .iter()
            .map(|m| m.value().attr("content").unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(meta("og:type"), ["article"]);
    assert_eq!(meta("og:title"), ["열대야에도 불 밝힌 강변 야시장"]);
    assert_eq!(meta("og:site_name"), ["한빛일보"]);
    assert_eq!(meta("og:locale"), ["ko_KR"]);
    assert_eq!(meta("article:published_time"), ["2025-07-28T18:00:00+09:00"]);
    assert_eq!(meta("article:modified_time"), ["2025-07-28T18:00:00+09:00"]);
    assert_eq!(meta("article:tag"), ["지역", "시장"]);
    assert_eq!(meta("article:section"), ["사회"]);
    let description = all(&doc, "meta[name=description]")[0]
        .value()
        .attr("content")
        .unwrap()
        .to_string();
    assert!(description.starts_with("장마 뒤 첫 주말"));

    // JSON-LD: the only script.
    let ld = json_ld(&doc);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], "열대야에도 불 밝힌 강변 야시장");
    assert_eq!(ld["datePublished"], "2025-07-28T18:00:00+09:00");
    assert_eq!(ld["dateModified"], "2025-07-28T18:00:00+09:00");
    assert_eq!(ld["author"]["@type"], "Person");
    assert_eq!(ld["author"]["name"], "박서연 기자");
    assert_eq!(ld["publisher"]["name"], "한빛일보");
    assert_eq!(ld["publisher"]["url"], "https://hanbit.example");
    assert_eq!(ld["description"], description);
    assert_eq!(ld["inLanguage"], "ko");
    assert_eq!(ld["image"][0]["@type"], "ImageObject");
    assert_eq!(ld["image"][0]["@id"], "#image-1");
    assert_eq!(ld["image"][0]["caption"], "28일 저녁 강변 야시장 입구");
    assert_eq!(all(&doc, "figure#image-1").len(), 1);

    // Body: structure from the typed tree.
    assert_eq!(all(&doc, ".body h2").len(), 1);
    assert_eq!(text(&all(&doc, ".body strong")[0]), "두 배 가까이");
    assert_eq!(all(&doc, ".body br").len(), 1);
    assert_eq!(all(&doc, ".body ul > li").len(), 2);
    assert_eq!(all(&doc, ".body blockquote > p").len(), 1);
    assert_eq!(all(&doc, ".body a[href=\"https://gu.example/market\"]").len(), 1);
    assert_eq!(all(&doc, ".body a[href=\"mailto:market@gu.example\"]").len(), 1);

    // The photo: embedded, with alt, caption and credit.
    let img = all(&doc, "figure > img");
    assert_eq!(img.len(), 1);
    assert!(img[0]
        .value()
        .attr("src")
        .unwrap()
        .starts_with("data:image/png;base64,iVBOR"));
    assert_eq!(img[0].value().attr("alt"), Some("야시장 입구에 늘어선 사람들"));
    assert_eq!(
        text(&all(&doc, "figure > figcaption")[0]),
        "28일 저녁 강변 야시장 입구 한빛일보 사진부"
    );
    assert_eq!(text(&all(&doc, "figcaption > span.credit")[0]), "한빛일보 사진부");

    // Tags.
    let tags: Vec<String> = all(&doc, "footer.tags li").iter().map(text).collect();
    assert_eq!(tags, ["지역", "시장"]);
}

#[test]
fn page_needs_nothing_from_outside() {
    for a in [korean(), english(), hostile()] {
        let html = render(&a);
        let doc = parse_strict(&html);
        for e in all(
            &doc,
            "link, img, script, iframe, object, embed, source, video, audio, base, form",
        ) {
            let name = e.value().name();
            assert!(matches!(name, "img" | "script"), "unexpected element <{name}>");
            for attr in ["src", "href", "srcset", "data", "action"] {
                if let Some(v) = e.value().attr(attr) {
                    assert!(
                        !v.to_ascii_lowercase().contains("http"),
                        "<{name} {attr}={v}> loads from outside"
                    );
                    if name == "img" {
                        assert!(v.starts_with("data:image/"), "image not embedded: {v}");
                    }
                }
            }
        }
        assert!(all(&doc, "script").iter().all(|s| s.value().attr("src").is_none()));
        let styles = all(&doc, "style");
        assert_eq!(styles.len(), 1, "one inline style sheet");
        let css = text(&styles[0]);
        for needle in [
            "word-break: keep-all",
            "overflow-wrap: break-word",
            "line-height: 1.8",
            "@media print",
            "Apple SD Gothic Neo",
            "Noto Sans KR",
            "Malgun Gothic",
        ] {
            assert!(css.contains(needle), "CSS lacks {needle}");
        }
        assert!(!css.contains("url(") && !css.contains("@import"), "CSS loads nothing");
        assert_eq!(all(&doc, "[style]").len(), 0, "no inline style attributes");
        let csp = all(&doc, "meta[http-equiv=Content-Security-Policy]");
        assert!(csp[0].value().attr("content").unwrap().contains("default-src 'none'"));
    }
}

#[test]
fn english_page_is_dated_when_filed_and_updated_and_has_english_labels() {
    let doc = parse_strict(&render(&english()));
    assert_eq!(all(&doc, "html")[0].value().attr("lang"), Some("en"));
    // No published_at: dated when first filed (created_at), in Seoul time, and the last
    // save shown as the update (issue 19: not the last save as the filing time).
    let t = all(&doc, "time[datetime]");
    assert_eq!(t[0].value().attr("datetime"), Some("2025-07-28T08:10:00+09:00"));
    assert_eq!(text(&t[0]), "2025.07.28 08:10");
    assert_eq!(t[1].value().attr("datetime"), Some("2025-08-01T12:30:00+09:00"));
    assert!(text(&all(&doc, "p.dateline")[0]).contains("Published"));
    assert_eq!(text(&all(&doc, "footer.tags .label")[0]), "Tags");
    assert_eq!(all(&doc, ".body ol > li").len(), 2);
    assert_eq!(text(&all(&doc, ".body s")[0]), "$4");
    assert_eq!(text(&all(&doc, ".body code")[0]), "FERRY-5");
    assert_eq!(all(&doc, ".body hr").len(), 1);
    let ld = json_ld(&doc);
    assert_eq!(ld["inLanguage"], "en");
    assert_eq!(ld["datePublished"], "2025-07-28T08:10:00+09:00");
    assert_eq!(ld["dateModified"], "2025-08-01T12:30:00+09:00");
    assert!(ld.get("image").is_none());
}

#[test]
fn a_change_after_publication_shows_both_times() {
    let mut a = korean();
    a.updated_at = "2025-07-29T01:05:00Z".into();
    let doc = parse_strict(&render(&a));
    let t: Vec<_> = all(&doc, "p.dateline time")
        .iter()
        .map(|t| (t.value().attr("datetime").unwrap().to_string(), text(t)))
        .collect();
    assert_eq!(
        t,
        [
            ("2025-07-28T18:00:00+09:00".to_string(), "2025.07.28 18:00".to_string()),
            ("2025-07-29T10:05:00+09:00".to_string(), "2025.07.29 10:05".to_string())
        ]
    );
    assert!(text(&all(&doc, "p.dateline")[0]).contains("수정"));
}

#[test]
fn outlet_zone_and_date_format_are_used() {
    let mut o = outlet();
    o.time_zone = "Europe/London".into();
    o.date_format = "%d/%m/%Y %H:%M".into();
    let html = article_html(&korean(), &RenderContext::new(&o, &assets)).unwrap();
    let doc = parse_strict(&html);
    let t = all(&doc, "time[datetime]");
    assert_eq!(t[0].value().attr("datetime"), Some("2025-07-28T10:00:00+01:00"));
    assert_eq!(text(&t[0]), "28/07/2025 10:00");
}

#[test]
fn hostile_text_is_shown_as_text() {
    let a = hostile();
    let html = render(&a);
    let doc = parse_strict(&html);
    assert_eq!(all(&doc, "script").len(), 1, "no script but the JSON-LD");
    assert_eq!(all(&doc, "img").len(), 1, "no image but the embedded photo");
    assert_eq!(all(&doc, "style").len(), 1);
    assert_eq!(all(&doc, "b").len(), 0);
    for e in doc.root_element().descendants().filter_map(ElementRef::wrap) {
        for (name, _) in e.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "event handler attribute {name} on <{}>",
                e.value().name()
            );
        }
    }
    // The text reads exactly as typed.
    assert_eq!(text(&all(&doc, "h1")[0]), a.headline);
    assert_eq!(text(&all(&doc, ".body p")[0]), a.headline);
    assert_eq!(text(&all(&doc, "p.deck")[0]), a.deck);
    assert!(text(&all(&doc, "title")[0]).starts_with(&a.headline));
    assert_eq!(
        all(&doc, "figure img")[0].value().attr("alt"),
        Some("\" onload=\"alert(4)")
    );
    assert_eq!(
        text(&all(&doc, "figcaption")[0]),
        "</figcaption><script>alert(5)</script> <b>x</b>"
    );
    // The odd link keeps its address, escaped, as one attribute.
    let link = all(&doc, ".body a");
    assert_eq!(link.len(), 1);
    assert!(link[0]
        .value()
        .attr("href")
        .unwrap()
        .starts_with("https://example.com/?q=%22%3E%3Cscript%3E"));
    // A byline e-mail that is not an address is text, not a link.
    assert_eq!(all(&doc, "address a").len(), 0);
    // JSON-LD keeps the text and cannot be closed early.
    let ld = json_ld(&doc);
    assert_eq!(ld["headline"], a.headline);
    let raw = text(&all(&doc, "script")[0]);
    assert!(!raw.contains('<') && !raw.contains('>'));
}

#[test]
fn a_missing_image_is_an_error_naming_it() {
    let o = outlet();
    let err = article_html(&korean(), &RenderContext::new(&o, &no_assets)).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)));
    assert!(err.to_string().contains("28일 저녁 강변 야시장 입구"), "{err}");
}

#[test]
fn an_image_type_pages_cannot_embed_is_refused() {
    let o = outlet();
    let svg = |_: &str| {
        Some(newsdesk_core::render::Asset {
            bytes: b"<svg/>".to_vec(),
            mime: "image/svg+xml".into(),
        })
    };
    let err = article_html(&korean(), &RenderContext::new(&o, &svg)).unwrap_err();
    assert!(err.to_string().contains("image/svg+xml"), "{err}");
}

#[test]
fn empty_article_still_makes_a_valid_page() {
    let mut a = render_support::article("x", "", r#"{"type":"doc","content":[]}"#);
    a.published_at = None;
    a.created_at = "garbage".into();
    a.updated_at = "garbage".into();
    a.language = "not a tag!".into();
    let o = newsdesk_core::render::Outlet::default();
    let html = article_html(&a, &RenderContext::new(&o, &no_assets)).unwrap();
    let doc = parse_strict(&html);
    assert_eq!(text(&all(&doc, "h1")[0]), "제목 없음");
    assert_eq!(all(&doc, "html")[0].value().attr("lang"), Some("ko"));
    assert_eq!(all(&doc, "time").len(), 0);
    json_ld(&doc);
}

#[test]
fn user_templates_replace_the_built_in_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.css"), "body { color: #123456; }").unwrap();
    let t = Templates::with_overrides(Some(dir.path())).unwrap();
    assert_eq!(t.overrides().len(), 1);
    let o = outlet();
    let html = article_html(&korean(), &RenderContext::new(&o, &assets).with_templates(&t)).unwrap();
    assert!(html.contains("color: #123456"));
    assert!(!html.contains("keep-all"));
    parse_strict(&html);

    // A folder without templates, or none at all: the built-in set.
    let empty = tempfile::tempdir().unwrap();
    assert!(Templates::with_overrides(Some(empty.path()))
        .unwrap()
        .overrides()
        .is_empty());
    assert!(Templates::with_overrides(Some(&empty.path().join("missing")))
        .unwrap()
        .overrides()
        .is_empty());
}

#[test]
fn a_broken_user_template_names_its_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.html");
    std::fs::write(
        &path,
        "<!doctype html>\n<title>{{ headline }}</title>\n{% if deck %}\n<p>{{ deck }\n",
    )
    .unwrap();
    let err = Templates::with_overrides(Some(dir.path())).unwrap_err();
    match &err {
        Error::File { path: p, reason } => {
            assert_eq!(p, &path);
            assert!(reason.contains("line 4"), "{reason}");
        }
        other => panic!("expected a file error, got {other:?}"),
    }

    // Parses, but uses a name that does not exist: reported at render time, with the line.
    std::fs::write(
        &path,
        "<!doctype html>\n<title>{{ headline }}</title>\n<p>{{ headlien }}</p>\n",
    )
    .unwrap();
    let t = Templates::with_overrides(Some(dir.path())).unwrap();
    let o = outlet();
    let err = article_html(&korean(), &RenderContext::new(&o, &assets).with_templates(&t)).unwrap_err();
    match &err {
        Error::File { path: p, reason } => {
            assert_eq!(p, &path);
            assert!(reason.contains("line 3"), "{reason}");
        }
        other => panic!("expected a file error, got {other:?}"),
    }

    // Not UTF-8.
    std::fs::write(&path, b"\xff\xfe<html>").unwrap();
    let err = Templates::with_overrides(Some(dir.path())).unwrap_err();
    assert!(err.to_string().contains("UTF-8"), "{err}");
}

/// Issue 20, 7: an error inside a user's `page.css` or `page-head.html` (included by the
/// built-in `article.html`) names that file and its line, not the built-in template.
#[test]
fn an_error_in_an_included_user_template_names_that_file() {
    for (name, source, line) in [
        ("page.css", "body { margin: 0 }\nh1 { color: {{ colour }} }\n", "line 2"),
        ("page-head.html", "<meta charset=\"utf-8\">\n\n<meta name=\"x\" content=\"{{ nothing.here }}\">\n", "line 3"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, source).unwrap();
        let t = Templates::with_overrides(Some(dir.path())).unwrap();
        let o = outlet();
        let err = article_html(&korean(), &RenderContext::new(&o, &assets).with_templates(&t)).unwrap_err();
        match &err {
            Error::File { path: p, reason } => {
                assert_eq!(p, &path, "{name}: {reason}");
                assert!(reason.contains(line), "{name}: {reason}");
            }
            other => panic!("expected a file error, got {other:?}"),
        }
    }
}

#[test]
fn user_templates_are_autoescaped_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("article.html"), "<!doctype html>\n<html lang=\"{{ lang }}\"><head><title>{{ headline }}</title></head><body><h1>{{ headline }}</h1>{{ body }}</body></html>\n").unwrap();
    let t = Templates::with_overrides(Some(dir.path())).unwrap();
    let o = outlet();
    let html = article_html(&hostile(), &RenderContext::new(&o, &assets).with_templates(&t)).unwrap();
    let doc = parse_strict(&html);
    assert_eq!(all(&doc, "script").len(), 0);
    assert_eq!(text(&all(&doc, "h1")[0]), hostile().headline);
}

#[test]
fn the_parser_does_report_errors() {
    // Guards the check above: html5ever must see these mistakes.
    for bad in [
        "<!doctype html><p></div>",
        "<html><title>x</title><p>a",
        "<!doctype html><title>x</title><p>a &bogus b</p>\u{0}",
    ] {
        assert!(
            !Html::parse_document(bad).errors.is_empty(),
            "no error reported for {bad}"
        );
    }
}
