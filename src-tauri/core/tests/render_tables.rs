//! Tables in the document: TipTap's JSON in and out, the schema's limits, and every export
//! (HTML with a header row, GFM Markdown that Newsdesk's import reads back, plain text,
//! ninjs), plain text and counts.
mod render_support;

use newsdesk_core::import::{html_to_fields, markdown_to_fields};
use newsdesk_core::model::doc::{table_grid, Block, Slot};
use newsdesk_core::model::limits::{TABLE_COLS_MAX, TABLE_ROWS_MAX};
use newsdesk_core::model::Doc;
use newsdesk_core::render::{article_html, article_markdown, article_ninjs, article_text, RenderContext};
use newsdesk_core::text::counts::count_document;
use newsdesk_core::text::plain::{doc_paragraphs, doc_text_paragraphs, doc_to_plain};
use render_support::{article, assets, outlet};

fn cell(kind: &str, text: &str) -> String {
    let content = if text.is_empty() {
        r#"[{"type":"paragraph"}]"#.to_string()
    } else {
        format!(r#"[{{"type":"paragraph","content":[{{"type":"text","text":{}}}]}}]"#, serde_json::to_string(text).unwrap())
    };
    format!(r#"{{"type":"{kind}","attrs":{{"colspan":1,"rowspan":1,"colwidth":null}},"content":{content}}}"#)
}

fn row(kind: &str, cells: &[&str]) -> String {
    let cells: Vec<String> = cells.iter().map(|c| cell(kind, c)).collect();
    format!(r#"{{"type":"tableRow","content":[{}]}}"#, cells.join(","))
}

/// A paragraph and a 4 × 3 table with a header row, as TipTap writes it.
fn body_json() -> String {
    format!(
        r#"{{"type":"doc","content":[{{"type":"paragraph","content":[{{"type":"text","text":"표를 보라."}}]}},{{"type":"table","content":[{},{},{},{}]}}]}}"#,
        row("tableHeader", &["구분", "2024년", "2025년"]),
        row("tableCell", &["참여 기관", "12곳", "18곳"]),
        row("tableCell", &["예산 | 억 원", "30", "45"]),
        row("tableCell", &["비고", "", "확대"]),
    )
}

#[test]
fn tiptap_table_json_round_trips() {
    let json = body_json();
    let doc = Doc::from_json(&json).unwrap();
    let Block::Table { content } = &doc.content[1] else { panic!("{doc:?}") };
    assert_eq!(content.len(), 4);
    assert!(content[0].content.iter().all(|c| c.is_header()));
    assert!(!content[1].content[0].is_header());
    // Serialised as TipTap writes it: every attribute, `colwidth` null included.
    let again = serde_json::to_string(&doc).unwrap();
    assert!(again.contains(r#""type":"tableHeader","attrs":{"colspan":1,"rowspan":1,"colwidth":null}"#), "{again}");
    assert_eq!(Doc::from_json(&again).unwrap(), doc);
    // Column widths the editor may set are kept.
    let wide = json.replacen(r#""colwidth":null"#, r#""colwidth":[120]"#, 1);
    assert!(Doc::from_json(&wide).is_ok());
}

#[test]
fn tables_outside_the_schema_are_refused() {
    let table = |rows: &str| format!(r#"{{"type":"doc","content":[{{"type":"table","content":[{rows}]}}]}}"#);
    let nested = cell("tableCell", "x").replace(
        r#"[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]"#,
        &format!(r#"[{{"type":"table","content":[{}]}}]"#, row("tableCell", &["안"])),
    );
    let many_rows = vec![row("tableCell", &["a"]); TABLE_ROWS_MAX + 1].join(",");
    let many_cols = row("tableCell", &vec!["a"; TABLE_COLS_MAX + 1]);
    for (what, bad) in [
        ("unknown cell attribute", table(&format!(r#"{{"type":"tableRow","content":[{}]}}"#, cell("tableCell", "x").replace(r#""colwidth":null"#, r#""colwidth":null,"style":"x""#)))),
        ("no rows", table("")),
        ("empty row", table(r#"{"type":"tableRow","content":[]}"#)),
        ("empty cell", table(&format!(r#"{{"type":"tableRow","content":[{}]}}"#, r#"{"type":"tableCell","content":[]}"#))),
        ("zero span", table(&format!(r#"{{"type":"tableRow","content":[{}]}}"#, cell("tableCell", "x").replace(r#""colspan":1"#, r#""colspan":0"#)))),
        ("huge span", table(&format!(r#"{{"type":"tableRow","content":[{}]}}"#, cell("tableCell", "x").replace(r#""rowspan":1"#, r#""rowspan":4000000000"#)))),
        ("table in a cell", table(&format!(r#"{{"type":"tableRow","content":[{nested}]}}"#))),
        ("list in a cell", table(&format!(r#"{{"type":"tableRow","content":[{}]}}"#, cell("tableCell", "x").replace(r#"[{"type":"paragraph","content":[{"type":"text","text":"x"}]}]"#, r#"[{"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph"}]}]}]"#)))),
        ("too many rows", table(&many_rows)),
        ("too many columns", table(&many_cols)),
        ("cell outside a row", table(&cell("tableCell", "x"))),
    ] {
        assert!(Doc::from_json(&bad).is_err(), "accepted {what}");
    }
}

#[test]
fn every_export_renders_the_table() {
    let a = article("01984f3a-7c2e-7b1a-9a3e-2f6d8c1b4e51", "표가 있는 기사", &body_json());
    let o = outlet();
    let ctx = RenderContext::new(&o, &assets);

    let html = article_html(&a, &ctx).unwrap();
    assert!(html.contains("<table>\n<thead>\n<tr><th>구분</th><th>2024년</th><th>2025년</th></tr>\n</thead>\n<tbody>\n<tr><td>참여 기관</td><td>12곳</td><td>18곳</td></tr>"), "{html}");
    assert!(html.contains("<tr><td>비고</td><td></td><td>확대</td></tr>\n</tbody>\n</table>"), "{html}");

    let md = article_markdown(&a, &ctx);
    assert!(md.contains("| 구분 | 2024년 | 2025년 |\n|---|---|---|\n| 참여 기관 | 12곳 | 18곳 |\n| 예산 \\| 억 원 | 30 | 45 |\n| 비고 |  | 확대 |"), "{md}");
    // The Markdown import reads the same table back.
    let back = markdown_to_fields(&md);
    assert_eq!(back.body, a.body, "{md}");

    let text = article_text(&a, &ctx);
    assert!(text.contains("표를 보라.\n\n구분 | 2024년 | 2025년\n참여 기관 | 12곳 | 18곳\n예산 | 억 원 | 30 | 45\n비고 |  | 확대"), "{text}");

    let ninjs = article_ninjs(&a, &ctx);
    let body_html = ninjs["bodies"][0]["value"].as_str().unwrap();
    assert!(body_html.contains("<thead>") && body_html.contains("<td>18곳</td>"), "{body_html}");
    assert!(ninjs["bodies"][1]["value"].as_str().unwrap().contains("참여 기관 | 12곳 | 18곳"));

    // The HTML import reads the exported page's table back too.
    let page = html_to_fields(&html).body;
    assert!(page.content.contains(&a.body.content[1]), "{page:?}");
}

#[test]
fn plain_text_and_counts_read_the_cells() {
    let doc = Doc::from_json(&body_json()).unwrap();
    assert_eq!(doc_to_plain(&doc), "표를 보라.\n\n구분 | 2024년 | 2025년\n참여 기관 | 12곳 | 18곳\n예산 | 억 원 | 30 | 45\n비고 |  | 확대");
    // Each cell's paragraph counts once, the separators not at all; an empty cell is nothing.
    let paragraphs = doc_paragraphs(&doc);
    assert_eq!(paragraphs.len(), 1 + 11 + 1, "{paragraphs:?}");
    let counts = count_document(&doc);
    let cells_only = newsdesk_core::text::counts::count_paragraphs(&paragraphs);
    assert_eq!(counts, cells_only);
    assert_eq!(counts.words, 2 + 3 + 4 + 5 + 2);
    // A drafted summary reads the running text only.
    assert_eq!(doc_text_paragraphs(&doc), ["표를 보라."]);
}

#[test]
fn the_grid_resolves_spans_and_ragged_rows() {
    let html = "<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr><tr><td>c</td></tr><tr><td>d</td></tr></table>";
    let f = html_to_fields(html);
    let Block::Table { content } = &f.body.content[0] else { panic!() };
    let grid = table_grid(content);
    use Slot::*;
    assert_eq!(grid, vec![vec![Start(0), Start(1), Covered], vec![Covered, Start(0), Empty], vec![Start(0), Empty, Empty]]);
    let md = newsdesk_core::render::article_markdown(&article("01984f3a-7c2e-7b1a-9a3e-2f6d8c1b4e52", "x", &serde_json::to_string(&f.body).unwrap()), &RenderContext::new(&outlet(), &assets));
    assert!(md.contains("| a | b |  |\n|---|---|---|\n|  | c |  |\n| d |  |  |"), "{md}");
}
