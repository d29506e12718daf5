//! The article as plain text, to paste into other systems.
//!
//! ```text
//! 헤드라인
//! 부제
//!
//! 입력 2025.07.28 18:00
//! 홍길동 hong@outlet.example
//!
//! 본문 첫 문단.
//!
//! 본문 둘째 문단.
//!
//! 태그: 지역, 시장
//! ```
//!
//! Paragraphs and headings are separated by blank lines; list items are `- ` or `1. `
//! lines; an image is `[사진] caption (credit)`; a horizontal rule is `* * *`; a table is a
//! line per row, its cells separated by ` | `. Marks
//! and link addresses are dropped: the text is what a reader reads.
use super::dates;
use super::{headline_of, labels, language_of, tags_of, Labels, RenderContext};
use crate::model::doc::{Block, ImageAttrs, Inline, ListItem};
use crate::model::{Article, Doc};
use crate::text::plain::inlines_to_plain;

/// Renders the article as plain text, ending with one newline.
pub fn article_text(article: &Article, ctx: &RenderContext) -> String {
    let outlet = ctx.outlet;
    let lang = language_of(article, outlet);
    let l = labels(&lang);
    let mut head = vec![one_line(&headline_of(article, &lang))];
    if !article.deck.trim().is_empty() {
        head.push(one_line(&article.deck));
    }
    let mut meta = Vec::new();
    if let Some(p) = dates::published(article, &outlet.time_zone, &outlet.date_format) {
        meta.push(format!("{} {}", l.published, p.display));
    }
    let byline = [article.byline.name.trim(), article.byline.email.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(one_line)
        .collect::<Vec<_>>()
        .join(" ");
    if !byline.is_empty() {
        meta.push(byline);
    }
    let mut sections = vec![head.join("\n")];
    if !meta.is_empty() {
        sections.push(meta.join("\n"));
    }
    let body = blocks(&article.body.content, &l);
    if !body.is_empty() {
        sections.push(body);
    }
    let tags = tags_of(article);
    if !tags.is_empty() {
        sections.push(format!("{}: {}", l.tags, tags.join(", ")));
    }
    let mut out = sections.join("\n\n");
    out.push('\n');
    out
}

/// A document as plain-text paragraphs separated by blank lines.
pub(crate) fn doc_text(doc: &Doc, lang: &str) -> String {
    blocks(&doc.content, &labels(lang))
}

pub(crate) fn one_line(s: &str) -> String {
    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without the control characters no reader wants (tabs and newlines stay).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| !super::escape::is_forbidden_control(c) && c != '\r')
        .collect()
}

fn blocks(bs: &[Block], l: &Labels) -> String {
    bs.iter()
        .map(|b| block(b, l))
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn block(b: &Block, l: &Labels) -> String {
    match b {
        Block::Paragraph { content } | Block::Heading { content, .. } => inline(content),
        Block::Blockquote { content } => blocks(content, l),
        Block::BulletList { content } => list(content, l, |_| "-".into()),
        Block::OrderedList { attrs, content } => {
            let start = attrs.start as u64;
            list(content, l, move |i| format!("{}.", start + i as u64))
        }
        Block::HorizontalRule => "* * *".into(),
        Block::Image { attrs } => image(attrs, l),
        Block::Table { content } => clean(&crate::text::plain::table_lines(content)),
    }
}

fn inline(content: &[Inline]) -> String {
    clean(&inlines_to_plain(content))
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

fn list(items: &[ListItem], l: &Labels, marker: impl Fn(usize) -> String) -> String {
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let m = marker(i);
        let indent = " ".repeat(m.chars().count() + 1);
        let body = blocks(&item.content, l);
        let mut lines = body.split('\n');
        let mut s = format!("{m} {}", lines.next().unwrap_or(""));
        for line in lines {
            s.push('\n');
            if !line.is_empty() {
                s.push_str(&indent);
                s.push_str(line);
            }
        }
        out.push(s.trim_end().to_string());
    }
    out.join("\n")
}

fn image(img: &ImageAttrs, l: &Labels) -> String {
    let caption = one_line(&img.caption);
    let credit = one_line(&img.credit);
    let text = match (caption.is_empty(), credit.is_empty()) {
        (false, false) => format!("{caption} ({credit})"),
        (false, true) => caption,
        (true, false) => format!("({credit})"),
        (true, true) => one_line(&img.alt),
    };
    if text.is_empty() {
        format!("[{}]", l.photo)
    } else {
        format!("[{}] {text}", l.photo)
    }
}

/// A plain-text rendering as a page to look at (the builder's preview of the text and
/// Markdown forms): the text itself, escaped, kept as written line for line, wrapped at the
/// frame's width without breaking a Korean word in the middle (`word-break: keep-all`).
pub fn text_as_page(text: &str) -> String {
    let lang = if text.chars().any(|c| matches!(c, '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')) { "ko" } else { "en" };
    let mut out = String::with_capacity(text.len() + 400);
    out.push_str("<!doctype html>\n<html lang=\"");
    out.push_str(lang);
    out.push_str("\"><head><meta charset=\"utf-8\"><title>Preview</title><style>");
    out.push_str(
        "body{margin:16px;background:#fff;color:#1d1d1f}@media (prefers-color-scheme:dark){body{background:#1c1c1e;color:#f2f2f7}}\
         pre{margin:0;white-space:pre-wrap;word-break:keep-all;overflow-wrap:anywhere;font:14px/1.7 ui-monospace,'D2Coding','Noto Sans Mono CJK KR',monospace}",
    );
    out.push_str("</style></head><body><pre>");
    super::escape::push_html(&mut out, text);
    out.push_str("</pre></body></html>\n");
    out
}

#[cfg(test)]
mod page_tests {
    #[test]
    fn a_text_page_keeps_korean_words_whole_and_escapes_everything() {
        let page = super::text_as_page("■ \"야시장\" <script>alert(1)</script> & 끝\n둘째 줄");
        assert!(page.contains("<html lang=\"ko\">"));
        assert!(page.contains("word-break:keep-all"));
        assert!(page.contains("&lt;script&gt;") && !page.contains("<script>"), "{page}");
        assert!(page.contains("둘째 줄</pre>"));
        assert!(super::text_as_page("Ferry news").contains("lang=\"en\""));
    }
}
