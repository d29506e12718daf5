//! Weekend roundups as they leave: the web page and the e-mail parse without errors and
//! keep every part in order, hostile text stays text, the e-mail is a 600 px column with
//! inline styles and a dark-mode block under 100 KB, the plain text reads back into the
//! same parts, and the JSON Feed has what the 1.1 spec requires.
mod render_support;

use newsdesk_core::export::{render_roundup, RoundupFormat};
use newsdesk_core::model::{Doc, Kind, Status};
use newsdesk_core::render::{no_assets, roundup_text, roundup_text_with, Outlet, RenderContext, RoundupExtras, TextForm};
use newsdesk_core::roundup::{parse_edition, Brief, Lead, Roundup, Signoff};
use render_support::outlet;
use scraper::{Html, Selector};

fn edition(title: &str, lead: &[&str], transition: &str, briefs: &[(&str, &str, Option<&str>)], signoff: (&str, &str)) -> Roundup {
    Roundup {
        id: "0190c0de-0000-7000-9000-000000000001".into(),
        kind: Kind::Roundup,
        title: title.into(),
        edition_date: "2026-11-28".into(),
        lead: Lead { article_id: None, headline: title.into(), body: Doc::from_paragraphs(lead.iter().copied()) },
        transition: transition.into(),
        items: briefs
            .iter()
            .map(|(h, s, l)| Brief { article_id: None, headline: (*h).into(), summary: (*s).into(), link: l.map(str::to_string), drafted: false })
            .collect(),
        signoff: Signoff { outlet: signoff.0.into(), email: signoff.1.into() },
        status: Status::Draft,
        created_at: "2026-11-28T01:00:00Z".into(),
        updated_at: "2026-11-28T02:00:00Z".into(),
        trashed_at: None,
        version: 3,
    }
}

fn korean() -> Roundup {
    edition(
        "주말 브리핑 첫눈 오는 길목",
        &["이번 주 도시는 첫눈을 맞을 준비로 바빴다. 구청은 제설함을 채웠고 상인들은 난로를 꺼냈다.", "다음 주에는 기온이 더 내려간다."],
        "이어 이번 주 주요 기사입니다.",
        &[
            ("\"골목 제설함, 올해는 두 배\"", "구청이 골목마다 제설함을 새로 놓았다. 모래주머니도 함께 채웠다.", None),
            ("섬 여객선 겨울 시간표", "첫배는 여섯 시 반에 뜬다.\n\n학생들이 요청한 시간이다.", Some("https://news.outlet.example/ferry")),
            ("도서관 밤 열람실", "구립 도서관 한 곳이 밤 열한 시까지 문을 연다.", None),
        ],
        ("한강일보", "news@hangang.example"),
    )
}

fn english() -> Roundup {
    edition(
        "The weekend briefing",
        &["A quiet week on the coast, with the harbour busy again after the storm."],
        "Here is the week in brief.",
        &[
            ("Harbour lights back on", "The lamps are lit again. The cables should last twenty years.", None),
            ("School bus route changes", "Two stops move to the main road from Monday.", None),
        ],
        ("The Coast Post", "desk@coastpost.example"),
    )
}

fn english_outlet() -> Outlet {
    Outlet { language: "en".into(), name: "The Coast Post".into(), ..outlet() }
}

fn render(r: &Roundup, o: &Outlet, format: RoundupFormat) -> String {
    let ctx = RenderContext::new(o, &no_assets);
    render_roundup(r, format, &ctx, &RoundupExtras::default()).expect("renders")
}

fn parse_strict(html: &str) -> Html {
    let doc = Html::parse_document(html);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    doc
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

#[test]
fn the_web_page_keeps_every_part_in_order() {
    let r = korean();
    let html = render(&r, &outlet(), RoundupFormat::Html);
    assert!(html.starts_with("<!doctype html>"));
    let doc = parse_strict(&html);
    assert_eq!(texts(&doc, "html").len(), 1);
    assert_eq!(doc.root_element().value().attr("lang"), Some("ko"));
    assert_eq!(texts(&doc, "h1"), ["주말 브리핑 첫눈 오는 길목"]);
    assert_eq!(texts(&doc, ".brief h3"), ["\"골목 제설함, 올해는 두 배\"", "섬 여객선 겨울 시간표", "도서관 밤 열람실"]);
    assert_eq!(texts(&doc, "#brief-2 p"), ["첫배는 여섯 시 반에 뜬다.", "학생들이 요청한 시간이다."]);
    assert_eq!(texts(&doc, ".transition"), ["이어 이번 주 주요 기사입니다."]);
    assert!(texts(&doc, ".signoff").join(" ").contains("한강일보 news@hangang.example"));
    assert_eq!(texts(&doc, "time"), ["2026년 11월 28일 토요일"]);
    let links = Selector::parse("a[href]").unwrap();
    let hrefs: Vec<&str> = doc.select(&links).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(hrefs, ["https://news.outlet.example/ferry", "mailto:news@hangang.example", "https://hanbit.example"]);
    assert!(!html.contains("<script"), "no script at all");
    assert!(html.contains("word-break: keep-all"));
}

#[test]
fn an_english_edition_speaks_english() {
    let html = render(&english(), &english_outlet(), RoundupFormat::Html);
    let doc = parse_strict(&html);
    assert_eq!(doc.root_element().value().attr("lang"), Some("en"));
    assert_eq!(texts(&doc, "time"), ["Saturday, 28 November 2026"]);
    assert!(texts(&doc, ".kicker")[0].starts_with("Weekend edition"));
}

#[test]
fn hostile_text_stays_text_and_bad_links_go() {
    let mut r = korean();
    r.title = "<script>alert(1)</script> 제목".into();
    r.items[0].headline = "<img src=x onerror=alert(1)>".into();
    r.items[0].summary = "\"><svg onload=alert(1)>".into();
    r.items[1].link = Some("javascript:alert(1)".into());
    r.signoff.email = "\"><script>@x.y".into();
    for format in [RoundupFormat::Html, RoundupFormat::Email] {
        let html = render(&r, &outlet(), format);
        let doc = parse_strict(&html);
        for bad in ["script", "img", "svg", "[onerror]", "[onload]"] {
            assert_eq!(doc.select(&Selector::parse(bad).unwrap()).count(), 0, "{format}: {bad}");
        }
        assert!(!html.to_ascii_lowercase().contains("javascript:"), "{format}");
        assert!(texts(&doc, "h1")[0].contains("<script>alert(1)</script>"), "{format}: shown as text");
    }
}

#[test]
fn the_email_is_a_600px_column_with_inline_styles_a_preheader_and_dark_mode() {
    let html = render(&korean(), &outlet(), RoundupFormat::Email);
    let doc = parse_strict(&html);
    let container = Selector::parse("table.container").unwrap();
    let table = doc.select(&container).next().expect("the 600 px table");
    assert_eq!(table.value().attr("width"), Some("600"));
    assert!(table.value().attr("style").is_some_and(|s| s.contains("width: 600px") || s.contains("width:600px")));
    let pre = Selector::parse(".preheader").unwrap();
    let preheader = doc.select(&pre).next().expect("a preheader");
    assert!(preheader.text().collect::<String>().starts_with("이번 주 도시는 첫눈을"));
    assert!(preheader.value().attr("style").is_some_and(|s| s.contains("display: none") || s.contains("display:none")));
    // Every plain rule went into style attributes; only the media queries stay in <style>.
    let styles = texts(&doc, "style").join("\n");
    assert!(styles.contains("prefers-color-scheme: dark"), "{styles}");
    assert!(!styles.contains(".summary {") && !styles.contains(".summary{"), "plain rules are inlined: {styles}");
    let summaries = Selector::parse("p.summary").unwrap();
    assert!(doc.select(&summaries).all(|p| p.value().attr("style").is_some()));
    assert_eq!(texts(&doc, "h3").len(), 3);
    assert!(!html.contains("var(--"), "no custom properties in mail");
}

#[test]
fn a_large_email_stays_under_100_kb() {
    let summary = "구청은 이번 주 골목마다 제설함을 새로 놓았고 모래주머니도 함께 채웠다. 주민들은 반가워했다. 상인회는 가게 앞 눈을 함께 치우기로 했다.";
    let heads: Vec<String> = (1..=40).map(|i| format!("단신 {i}: 동네 소식")).collect();
    let briefs: Vec<(&str, &str, Option<&str>)> = heads.iter().map(|h| (h.as_str(), summary, Some("https://news.outlet.example/a"))).collect();
    let r = edition("주말 브리핑", &[summary, summary, summary], "이어 주요 기사입니다.", &briefs, ("한강일보", "news@hangang.example"));
    let html = render(&r, &outlet(), RoundupFormat::Email);
    println!("e-mail of 40 briefs: {} bytes", html.len());
    assert!(html.len() < 100 * 1024, "{} bytes", html.len());
    assert_eq!(parse_strict(&html).select(&Selector::parse("td.brief").unwrap()).count(), 40);
}

#[test]
fn plain_text_reads_back_into_the_same_parts() {
    for (r, o) in [(korean(), outlet()), (english(), english_outlet())] {
        let text = render(&r, &o, RoundupFormat::Text);
        assert!(text.contains("\n■ 섬 여객선 겨울 시간표\n") || o.language == "en", "{text}");
        // The outlet's form has no title line and no blank line.
        assert!(!text.contains("\n\n") && !text.starts_with(&r.title), "{text}");
        let back = parse_edition(&text);
        assert_eq!(back.title, "", "{text}");
        assert_eq!(back.lead.body, r.lead.body);
        assert_eq!(back.transition, r.transition);
        assert_eq!(back.items, r.items, "{text}");
        assert_eq!(back.signoff, r.signoff);
        assert!(text.trim_end().ends_with(&format!("{} {}", r.signoff.outlet, r.signoff.email)));
        assert_eq!(render(&r, &o, RoundupFormat::Text).as_bytes(), roundup_text(&back_roundup(&r, back), &RenderContext::new(&o, &no_assets)).as_bytes());
        // With the title line and blank lines, the title comes back too.
        let titled = roundup_text_with(&r, &RenderContext::new(&o, &no_assets), TextForm { title_line: true, blank_lines: true });
        assert!(titled.starts_with(&format!("{}\n\n", r.title)), "{titled}");
        let back = parse_edition(&titled);
        assert_eq!((back.title.as_str(), back.lead.headline.as_str()), (r.title.as_str(), r.lead.headline.as_str()));
        assert_eq!((back.lead.body, back.items), (r.lead.body.clone(), r.items.clone()));
    }
}

fn back_roundup(r: &Roundup, f: newsdesk_core::roundup::RoundupFields) -> Roundup {
    Roundup { title: f.title, lead: f.lead, transition: f.transition, items: f.items, signoff: f.signoff, ..r.clone() }
}

#[test]
fn markdown_has_a_section_per_brief() {
    let md = render(&korean(), &outlet(), RoundupFormat::Markdown);
    assert!(md.starts_with("# 주말 브리핑 첫눈 오는 길목\n"), "{md}");
    let heads: Vec<&str> = md.lines().filter(|l| l.starts_with("### ■ ")).collect();
    assert_eq!(heads.len(), 3, "{md}");
    assert!(heads[1].contains("](https://news.outlet.example/ferry)"), "{md}");
    assert!(md.trim_end().ends_with("한강일보 <news@hangang.example>"), "{md}");
}

#[test]
fn the_json_feed_has_what_the_spec_requires() {
    let o = Outlet { site_url: "https://hangang.example".into(), ..outlet() };
    let feed: serde_json::Value = serde_json::from_str(&render(&korean(), &o, RoundupFormat::Jsonfeed)).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["title"], "주말 브리핑 첫눈 오는 길목");
    assert_eq!(feed["home_page_url"], "https://hangang.example");
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    let mut ids = std::collections::HashSet::new();
    for item in items {
        assert!(item["id"].as_str().is_some_and(|s| !s.is_empty()), "{item}");
        assert!(ids.insert(item["id"].as_str().unwrap().to_string()), "ids are unique");
        assert!(item["content_text"].is_string() || item["content_html"].is_string(), "{item}");
        assert_eq!(item["date_published"], "2026-11-28T00:00:00Z");
    }
    assert_eq!(items[1]["url"], "https://news.outlet.example/ferry");
    assert_eq!(items[1]["content_text"], "첫배는 여섯 시 반에 뜬다.\n\n학생들이 요청한 시간이다.");
}
