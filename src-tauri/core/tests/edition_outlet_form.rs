//! An edition as an outlet's CMS hands it over (`fixtures/edition/outlet-form.txt`, written
//! for this test): one paragraph per line, no blank lines, the transition on the line right
//! before the first brief, headlines with quotes and ellipses, the sign-off last. Every part
//! is recognised, the text export gives the same bytes back, and the same edition with blank
//! lines, Windows line ends, a BOM and stray spaces, or hard-wrapped at 70 columns as an
//! e-mail client sends it, gives the same parts.
mod render_support;

use newsdesk_core::export::{render_roundup, RoundupFormat};
use newsdesk_core::model::{Kind, Status};
use newsdesk_core::render::{no_assets, RenderContext, RoundupExtras};
use newsdesk_core::roundup::{parse_edition, Roundup, RoundupFields};
use newsdesk_core::text::plain::doc_paragraphs;

const OUTLET_FORM: &str = include_str!("fixtures/edition/outlet-form.txt");

fn lines() -> Vec<&'static str> {
    OUTLET_FORM.lines().collect()
}

fn as_roundup(f: RoundupFields) -> Roundup {
    Roundup {
        id: "0190c0de-0000-7000-9000-00000000e001".into(),
        kind: Kind::Roundup,
        title: f.title,
        edition_date: "2026-12-05".into(),
        lead: f.lead,
        transition: f.transition,
        items: f.items,
        signoff: f.signoff,
        status: Status::Draft,
        created_at: "2026-12-02T01:00:00Z".into(),
        updated_at: "2026-12-02T01:00:00Z".into(),
        trashed_at: None,
        version: 1,
    }
}

fn text_export(f: RoundupFields) -> String {
    let outlet = render_support::outlet();
    let ctx = RenderContext::new(&outlet, &no_assets);
    render_roundup(&as_roundup(f), RoundupFormat::Text, &ctx, &RoundupExtras::default()).expect("renders")
}

#[test]
fn every_part_of_the_outlet_form_is_recognised() {
    let f = parse_edition(OUTLET_FORM);
    let l = lines();
    assert_eq!(f.title, "", "no title line in the outlet form");
    assert_eq!(f.lead.headline, "");
    let lead = doc_paragraphs(&f.lead.body);
    assert_eq!(lead, l[..16].iter().map(|s| s.to_string()).collect::<Vec<_>>(), "one lead paragraph per line");
    assert_eq!(f.transition, "이어 주말 주요 뉴스입니다.");
    let briefs: Vec<(&str, &str)> = f.items.iter().map(|b| (b.headline.as_str(), b.summary.as_str())).collect();
    assert_eq!(
        briefs,
        [
            ("\"배차 간격 줄여 달라\"... 버스 개편 공청회 열기", l[18]),
            ("해솔항 겨울 어판장 개장, 첫날 위판량 12.5% 늘어", l[20]),
            ("‘동네의 겨울’ 시립 미술관 기획전… 2월 말까지 무료", l[22]),
        ]
    );
    assert!(f.items.iter().all(|b| b.link.is_none()));
    assert_eq!((f.signoff.outlet.as_str(), f.signoff.email.as_str()), ("해솔일보", "desk@haesol.example"));
}

#[test]
fn the_text_export_gives_the_same_bytes_back() {
    let out = text_export(parse_edition(OUTLET_FORM));
    assert_eq!(out, OUTLET_FORM, "the outlet's form, byte for byte");
    // And again: import and export are a fixed point.
    assert_eq!(text_export(parse_edition(&out)), OUTLET_FORM);
}

/// Lines broken greedily at `width`, counted in characters or in columns (Hangul two).
fn hard_wrap(text: &str, width: usize, columns: bool) -> String {
    let w = |s: &str| -> usize {
        s.chars().map(|c| if columns && ('\u{AC00}'..='\u{D7A3}').contains(&c) { 2 } else { 1 }).sum()
    };
    let mut out = String::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split(' ') {
            if !current.is_empty() && w(&current) + 1 + w(word) > width {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// Every part, one string each, in order: what a reader compares.
fn parts(f: &RoundupFields) -> Vec<String> {
    let mut out = vec![format!("title: {}", f.title), format!("headline: {}", f.lead.headline)];
    out.extend(doc_paragraphs(&f.lead.body).into_iter().map(|p| format!("lead: {p}")));
    out.push(format!("transition: {}", f.transition));
    for b in &f.items {
        out.push(format!("■ {} | {} | {:?}", b.headline, b.summary, b.link));
    }
    out.push(format!("sign-off: {} {}", f.signoff.outlet, f.signoff.email));
    out
}

#[test]
fn blank_lines_windows_line_ends_a_bom_and_stray_spaces_change_nothing() {
    let expected = parse_edition(OUTLET_FORM);
    let blank = OUTLET_FORM.replace('\n', "\n\n");
    let crlf = format!("\u{FEFF}{}", OUTLET_FORM.replace('\n', "\r\n"));
    let spaced: String = OUTLET_FORM.lines().map(|l| format!("{}  \u{a0}\n", l.replacen(' ', "\u{a0}", 1))).collect();
    let blank_crlf = blank.replace('\n', "\r\n");
    for (name, text) in [("blank lines", blank), ("CRLF and BOM", crlf), ("trailing and no-break spaces", spaced), ("blank lines, CRLF", blank_crlf)] {
        assert_eq!(parse_edition(&text), expected, "{name}");
    }
}

#[test]
fn hard_wrapped_at_70_columns_gives_the_same_parts() {
    let expected = parse_edition(OUTLET_FORM);
    for columns in [false, true] {
        let wrapped = hard_wrap(OUTLET_FORM, 70, columns);
        assert!(wrapped.lines().count() > lines().len() + 10, "the wrap broke lines:\n{wrapped}");
        assert_eq!(parts(&parse_edition(&wrapped)), parts(&expected), "wrapped at 70 {}:\n{wrapped}", if columns { "columns" } else { "characters" });
        assert_eq!(parse_edition(&wrapped), expected);
        let with_blank_lines = hard_wrap(&OUTLET_FORM.replace('\n', "\n\n"), 70, columns);
        assert_eq!(parts(&parse_edition(&with_blank_lines)), parts(&expected), "wrapped, with blank lines:\n{with_blank_lines}");
    }
}


fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// What a clipboard holds when the edition is copied from a web page, a CMS preview or a
/// webmail message: paragraph elements, a list of briefs, line breaks, entities.
#[test]
fn the_edition_pasted_as_html_lands_in_the_same_parts() {
    use newsdesk_core::import::edition_from_paste;
    let expected = parse_edition(OUTLET_FORM);
    let l = lines();
    let paragraphs: String = l.iter().map(|s| format!("<p style=\"margin:0\">{}</p>\n", escape(s))).collect();
    let cms_preview = format!("<html><head><meta charset=\"utf-8\"><style>p{{color:red}}</style></head><body><!--StartFragment--><div class=\"entry\">{paragraphs}</div><!--EndFragment--></body></html>");
    let webmail = format!(
        "<div dir=\"ltr\">{}<br>{}<br></div>",
        l[..17].iter().map(|s| escape(s).replacen(' ', "&nbsp;", 1)).collect::<Vec<_>>().join("<br>\n"),
        l[17..].iter().map(|s| escape(s)).collect::<Vec<_>>().join("<br>")
    );
    let briefs_as_list = format!(
        "{}<ul>{}</ul><p>{}</p>",
        l[..17].iter().map(|s| format!("<p>{}</p>", escape(s))).collect::<String>(),
        l[17..23].chunks(2).map(|b| format!("<li><strong>{}</strong><br>{}</li>", escape(b[0]), escape(b[1]))).collect::<String>(),
        escape(l[23])
    );
    for (name, html) in [("CMS preview", cms_preview), ("webmail", webmail), ("briefs in a list", briefs_as_list)] {
        let got = edition_from_paste(&html, true).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(parts(&got), parts(&expected), "{name}:\n{html}");
    }
}

/// Marker lines with nothing after them are no briefs: a file or a paste of only `■`
/// lines is refused, and bare markers between real briefs leave no empty brief behind.
#[test]
fn bare_marker_lines_make_no_briefs() {
    use newsdesk_core::import::{edition_from_paste, read_edition_file};
    let dir = tempfile::tempdir().unwrap();
    let only = dir.path().join("markers.txt");
    std::fs::write(&only, "■\n■\n\n■ \n").unwrap();
    let err = read_edition_file(&only).unwrap_err().to_string();
    assert!(err.contains("no edition text"), "{err}");
    assert!(edition_from_paste("■\n■\n", false).unwrap_err().to_string().contains("no edition in it"));
    let f = edition_from_paste("리드 문단이다.\n■\n■ 항구에 새 등대\n등대가 다시 불을 켰다.\n■\nDESK desk@outlet.example\n", false).unwrap();
    assert_eq!(f.items.len(), 1, "{:#?}", f.items);
    assert_eq!(f.items[0].headline, "항구에 새 등대");
}
