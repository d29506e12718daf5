//! HTML to article fields, parsed by html5ever (through `scraper`) as a browser would.
//!
//! - Headline: the text of the first `<h1>` (taken out of the body), else the `<title>`.
//!   Later `<h1>`s are level-2 headings; `h2` → 2, `h3` → 3, `h4`–`h6` → 4.
//! - Kept: `p`, headings, `blockquote`, `ul`/`ol`(`start`)/`li`, `br`, `hr`, `pre` (spaces
//!   and line breaks kept), `b`/`strong`, `i`/`em`, `s`/`del`/`strike`, `code`/`kbd`/`samp`/`tt`,
//!   `a href` with an http, https or mailto address; `table`/`tr`/`th`/`td` (with
//!   `colspan`, `rowspan`) a table of paragraphs (see the builder for what a cell keeps).
//! - Dropped with their content: `script`, `style`, `iframe`, `object`, `noscript`,
//!   `template` and the rest of [`DROPPED_ELEMENTS`], comments, images.
//! - Every other element is unwrapped to its text; block-level ones (`div`, `section`,
//!   `figure`, `td`...) end the paragraph before and after them.
//! - White space is collapsed as a browser shows it.
//! - `<meta name="description">` fills the summary and `<html lang>` the language.

use ego_tree::NodeRef;
use scraper::{Html, Node};

use super::builder::{collapse_whitespace, Container, DocBuilder, Exit, MarkKind, TextKind};
use super::{finish_fields, DROPPED_ELEMENTS};
use crate::model::article::ArticleFields;

/// Elements that end a paragraph before and after them (besides those handled by name).
const BLOCK_ELEMENTS: &[&str] = &[
    "address", "article", "aside", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "legend",
    "main", "nav", "search", "section", "summary", "table", "tbody", "tfoot", "thead", "html",
];

/// Converts an HTML document (or fragment) to article fields. Never fails.
pub fn html_to_fields(src: &str) -> ArticleFields {
    let html = Html::parse_document(src);
    let mut walker = Walker::default();
    walker.walk(html.tree.root());
    let mut fields = ArticleFields {
        headline: walker.h1.or(walker.title).unwrap_or_default(),
        summary: walker.description.unwrap_or_default(),
        language: walker.lang.unwrap_or_default(),
        ..ArticleFields::default()
    };
    fields.body = walker.b.finish();
    finish_fields(fields)
}

enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    Exit(Exit),
}

struct Walker {
    b: DocBuilder,
    title: Option<String>,
    h1: Option<String>,
    description: Option<String>,
    lang: Option<String>,
}

impl Default for Walker {
    fn default() -> Walker {
        Walker { b: DocBuilder::new(true), title: None, h1: None, description: None, lang: None }
    }
}

impl Walker {
    /// Walks a subtree with an explicit stack: no recursion, whatever the depth.
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            match step {
                Step::Exit(exit) => self.b.undo(exit),
                Step::Enter(node) => {
                    if let Some(exit) = self.enter(node) {
                        stack.push(Step::Exit(exit));
                        stack.extend(node.children().rev().map(Step::Enter));
                    }
                }
            }
        }
    }

    /// Handles entering a node; `None` means its children are not walked.
    fn enter(&mut self, node: NodeRef<'_, Node>) -> Option<Exit> {
        let el = match node.value() {
            Node::Document | Node::Fragment => return Some(Exit::Nothing),
            Node::Text(t) => {
                self.b.text(t);
                return None;
            }
            Node::Element(el) => el,
            Node::Comment(_) | Node::Doctype(_) | Node::ProcessingInstruction(_) => return None,
        };
        let name = el.name();
        if DROPPED_ELEMENTS.contains(&name) {
            return None;
        }
        let exit = match name {
            "title" => {
                if self.title.is_none() {
                    self.title = Some(subtree_text(node));
                }
                return None;
            }
            "meta" => {
                let is_description = el.attr("name").is_some_and(|n| n.eq_ignore_ascii_case("description"));
                if is_description && self.description.is_none() {
                    self.description = el.attr("content").map(collapse_whitespace);
                }
                return None;
            }
            "head" => Exit::Nothing,
            "img" | "input" | "link" | "base" => return None,
            "h1" if self.h1.is_none() => {
                self.b.end_block();
                let text = subtree_text(node);
                if !text.is_empty() {
                    self.h1 = Some(text);
                    return None;
                }
                self.b.enter_block(TextKind::Heading(2))
            }
            "h1" | "h2" => self.b.enter_block(TextKind::Heading(2)),
            "h3" => self.b.enter_block(TextKind::Heading(3)),
            "h4" | "h5" | "h6" => self.b.enter_block(TextKind::Heading(4)),
            "p" => self.b.enter_block(TextKind::Paragraph),
            "table" => self.b.enter_container(Container::Table),
            "tr" => self.b.enter_container(Container::TableRow),
            "td" | "th" => {
                let span = |name: &str| el.attr(name).and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(1);
                self.b.enter_container(Container::TableCell {
                    header: name == "th",
                    colspan: span("colspan"),
                    rowspan: span("rowspan"),
                })
            }
            "blockquote" => self.b.enter_container(Container::Blockquote),
            "ul" | "menu" | "dir" => self.b.enter_container(Container::BulletList),
            "ol" => {
                let start = el.attr("start").and_then(|s| s.trim().parse::<u32>().ok()).unwrap_or(1);
                self.b.enter_container(Container::OrderedList(start))
            }
            "li" => self.b.enter_container(Container::ListItem),
            "br" => {
                self.b.hard_break();
                return None;
            }
            "hr" => {
                self.b.rule();
                return None;
            }
            "pre" | "listing" => {
                self.b.begin_block(TextKind::Paragraph);
                self.b.preformatted(true);
                Exit::Pre
            }
            "b" | "strong" => self.b.enter_mark(MarkKind::Bold),
            "i" | "em" => self.b.enter_mark(MarkKind::Italic),
            "s" | "del" | "strike" => self.b.enter_mark(MarkKind::Strike),
            "code" | "kbd" | "samp" | "tt" => self.b.enter_mark(MarkKind::Code),
            "a" => self.b.enter_link(el.attr("href").unwrap_or_default()),
            _ if BLOCK_ELEMENTS.contains(&name) => {
                if name == "html" {
                    self.lang = el.attr("lang").and_then(language_tag);
                }
                self.b.end_block();
                Exit::EndBlock
            }
            _ => Exit::Nothing,
        };
        Some(exit)
    }
}

/// The text a subtree shows (dropped elements left out), on one line.
fn subtree_text(node: NodeRef<'_, Node>) -> String {
    let mut inner = Walker::default();
    for child in node.children() {
        inner.walk(child);
    }
    collapse_whitespace(&crate::text::plain::doc_to_plain(&inner.b.finish()))
}

/// A plausible BCP 47 tag (`ko`, `en-US`), lowercased language part, or nothing.
fn language_tag(raw: &str) -> Option<String> {
    let tag = raw.trim();
    let ok = (2..=35).contains(&tag.len())
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && tag.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    ok.then(|| tag.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_util::{para, t};
    use crate::model::doc::{Block, Inline, LinkAttrs, Mark, TableCell, TableRow};

    #[test]
    fn script_and_friends_are_never_stored() {
        let src = "<html><head><title>T</title><style>body{color:red}</style>\
                   <script>var secret = 1;</script></head><body>\
                   <p>앞<script>document.write('x')</script>뒤</p>\
                   <noscript>켜세요</noscript><iframe src=\"https://x.example\">frame</iframe>\
                   <template><p>tmpl</p></template><object>obj</object><!-- comment --></body></html>";
        let f = html_to_fields(src);
        let json = serde_json::to_string(&f).unwrap();
        for bad in ["secret", "document.write", "color:red", "켜세요", "frame", "tmpl", "obj", "comment"] {
            assert!(!json.contains(bad), "{bad} in {json}");
        }
        assert_eq!(f.body.content, vec![para(vec![t("앞뒤", vec![])])]);
    }

    #[test]
    fn first_h1_is_the_headline_else_the_title() {
        let f = html_to_fields("<title>Site | Story</title><h1> 시장  <em>선거</em>\n결과 </h1><p>본문</p><h1>둘째</h1>");
        assert_eq!(f.headline, "시장 선거 결과");
        assert_eq!(
            f.body.content,
            vec![
                para(vec![t("본문", vec![])]),
                Block::Heading { attrs: crate::model::doc::HeadingAttrs { level: 2 }, content: vec![t("둘째", vec![])] },
            ]
        );
        let f = html_to_fields("<title>\n  Only   title </title><p>x</p>");
        assert_eq!(f.headline, "Only title");
    }

    #[test]
    fn links_keep_only_allowed_schemes() {
        let f = html_to_fields(
            "<p><a href=\"javascript:alert(1)\">bad</a> <a href=\" HTTPS://a.example/x \">good</a> \
             <a href=\"/rel\">rel</a> <a href=\"mailto:desk@example.com\">mail</a> \
             <a href=\"data:text/html,x\">data</a> <a>none</a></p>",
        );
        let link = |h: &str| Mark::Link { attrs: LinkAttrs { href: h.into() } };
        assert_eq!(
            f.body.content,
            vec![para(vec![
                t("bad ", vec![]),
                t("good", vec![link("HTTPS://a.example/x")]),
                t(" rel ", vec![]),
                t("mail", vec![link("mailto:desk@example.com")]),
                t(" data none", vec![]),
            ])]
        );
    }

    #[test]
    fn structure_marks_and_white_space() {
        let src = "<body><div>  풀린   <span>텍스트</span>\n  </div>\
                   <h2>소제목</h2><h5>작은</h5>\
                   <p><b>굵게</b> <strong>강하게</strong><i>기울</i><em>임</em> <s>취</s><del>소</del>\
                   줄<br>  바꿈 <code>x  =  1</code></p>\
                   <blockquote><p>인용</p></blockquote>\
                   <ol start=\"5\"><li>다섯</li><li><p>여섯</p><ul><li>안</li></ul></li></ol>\
                   <hr><pre>  a\n    b</pre>\
                   <table><tr><th>이름</th><th>값</th></tr><tr><td>가</td><td></td><td>1</td></tr></table>\
                   <p>이미지<img src=x alt=\"설명\">끝</p></body>";
        let f = html_to_fields(src);
        f.body.validate().unwrap();
        let c = &f.body.content;
        assert_eq!(c[0], para(vec![t("풀린 텍스트", vec![])]));
        assert!(matches!(&c[1], Block::Heading { attrs, .. } if attrs.level == 2));
        assert!(matches!(&c[2], Block::Heading { attrs, .. } if attrs.level == 4));
        assert_eq!(
            c[3],
            para(vec![
                t("굵게", vec![Mark::Bold]),
                t(" ", vec![]),
                t("강하게", vec![Mark::Bold]),
                t("기울임", vec![Mark::Italic]),
                t(" ", vec![]),
                t("취소", vec![Mark::Strike]),
                t("줄", vec![]),
                Inline::HardBreak,
                t("바꿈 ", vec![]),
                t("x = 1", vec![Mark::Code]),
            ])
        );
        assert_eq!(c[4], Block::Blockquote { content: vec![para(vec![t("인용", vec![])])] });
        let Block::OrderedList { attrs, content } = &c[5] else { panic!("{:?}", c[5]) };
        assert_eq!((attrs.start, content.len(), content[1].content.len()), (5, 2, 2));
        assert_eq!(c[6], Block::HorizontalRule);
        assert_eq!(c[7], para(vec![t("a", vec![]), Inline::HardBreak, t("    b", vec![])]));
        let cell = |header: bool, s: &str| {
            let content = if s.is_empty() { vec![para(vec![])] } else { vec![para(vec![t(s, vec![])])] };
            TableCell::new(header, content)
        };
        assert_eq!(
            c[8],
            Block::Table {
                content: vec![
                    TableRow { content: vec![cell(true, "이름"), cell(true, "값")] },
                    TableRow { content: vec![cell(false, "가"), cell(false, ""), cell(false, "1")] },
                ]
            }
        );
        assert_eq!(c[9], para(vec![t("이미지끝", vec![])]));
        assert_eq!(c.len(), 10);
    }

    #[test]
    fn meta_description_and_lang() {
        let f = html_to_fields(
            "<html lang=\"ko-KR\"><head><meta name=\"Description\" content=\" 한 줄  요약 \"></head><body>본문</body></html>",
        );
        assert_eq!((f.summary.as_str(), f.language.as_str()), ("한 줄 요약", "ko-KR"));
        assert_eq!(html_to_fields("<html lang=\"<x>\"><p>Hello there</p>").language, "en");
    }

    #[test]
    fn tables_keep_their_grid_and_nested_tables_flatten() {
        let f = html_to_fields(
            "<table><tr><th colspan=2><h2>머리</h2></th></tr>\
             <tr><td><ul><li>하나</li><li>둘</li></ul></td>\
             <td><table><tr><td>안1</td><td>안2</td></tr><tr><td>안3</td></tr></table></td></tr>\
             <tr><td colspan=999999 rowspan=0>넓다</td></tr></table>",
        );
        f.body.validate().unwrap();
        let Block::Table { content: rows } = &f.body.content[0] else { panic!("{:?}", f.body) };
        assert_eq!(rows.len(), 3);
        assert!(rows[0].content[0].is_header());
        assert_eq!(rows[0].content[0].attrs().colspan, 2);
        assert_eq!(rows[0].content[0].content(), &[para(vec![t("머리", vec![])])]);
        assert_eq!(rows[1].content[0].content(), &[para(vec![t("하나", vec![])]), para(vec![t("둘", vec![])])]);
        assert_eq!(rows[1].content[1].content(), &[para(vec![t("안1 | 안2", vec![])]), para(vec![t("안3", vec![])])]);
        let wide = rows[2].content[0].attrs();
        assert_eq!((wide.colspan, wide.rowspan), (crate::model::limits::TABLE_COLS_MAX as u32, 1));
        // A table over the limits is a paragraph per row.
        let big = format!("<table>{}</table>", "<tr><td>a</td><td>b</td></tr>".repeat(crate::model::limits::TABLE_ROWS_MAX + 1));
        let f = html_to_fields(&big);
        f.body.validate().unwrap();
        assert_eq!(f.body.content.len(), crate::model::limits::TABLE_ROWS_MAX + 1);
        assert_eq!(f.body.content[0], para(vec![t("a", vec![]), t(" | ", vec![]), t("b", vec![])]));
        // Tables nested 5,000 deep: one table, no overflow.
        let deep = "<table><tr><td>".repeat(5_000) + "깊다";
        let f = html_to_fields(&deep);
        f.body.validate().unwrap();
        assert_eq!(f.body.content.len(), 1);
        // No text, no table.
        assert!(html_to_fields("<table><tr><td> </td><td></td></tr></table>").body.content.is_empty());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let src = "<div><b>".repeat(2_000) + "깊다";
        let f = html_to_fields(&src);
        assert_eq!(f.body.content, vec![para(vec![t("깊다", vec![Mark::Bold])])]);
    }
}
