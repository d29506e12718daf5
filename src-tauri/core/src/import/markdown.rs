//! Markdown to article fields, through comrak with CJK-friendly emphasis.
//!
//! - A level-1 heading that is the first block becomes the headline (not in the body);
//!   other headings map level 1–2 → 2, 3 → 3, 4–6 → 4.
//! - Emphasis, strong, strikethrough, inline code and links (http, https and mailto only;
//!   other links keep their text) become marks; lists, blockquotes and thematic breaks
//!   their blocks.
//! - An image keeps its alt text, inline where it stood (there is no asset to point at).
//! - A code block is one paragraph in the code mark, a hard break per line.
//! - A GFM table is a table, its first row of header cells (a `<br>` in a cell is a hard
//!   break).
//! - Raw HTML, block or inline, is dropped (an inline `<br>` is a hard break); the text
//!   inside inline `<script>`, `<style>` and similar elements too. Task-list checkboxes
//!   are dropped, their text kept.
//! - Optional front matter: a first block between `---` lines of `key: value` pairs, read
//!   for `headline`/`title`, `deck`/`subtitle`, `summary`/`description`, `tags`/`keywords`
//!   (`[a, b]`, `a, b` or `- a` lines), `section`/`category`, `language`/`lang`, `author`
//!   and `email`. A block with any other shape stays Markdown.

use comrak::nodes::{AstNode, ListType, NodeValue};
use comrak::{parse_document, Arena, Options};

use super::builder::{collapse_whitespace, Container, DocBuilder, Exit, MarkKind, TextKind};
use super::{finish_fields, DROPPED_ELEMENTS};
use crate::model::article::ArticleFields;

/// Converts Markdown source to article fields. Never fails; text that fits nothing is dropped.
pub fn markdown_to_fields(src: &str) -> ArticleFields {
    let (mut fields, body) = split_front_matter(src);
    let mut options = Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.cjk_friendly_emphasis = true;
    let arena = Arena::new();
    let root = parse_document(&arena, body, &options);

    let mut skip_first = None;
    if let Some(first) = root.first_child() {
        if matches!(&first.data().value, NodeValue::Heading(h) if h.level == 1) {
            let text = plain_text(first);
            if fields.headline.is_empty() {
                fields.headline = text;
                skip_first = Some(first);
            } else if fields.headline == text {
                skip_first = Some(first);
            }
        }
    }
    let blocks = root.children().filter(|c| !skip_first.is_some_and(|s: &AstNode| s.same_node(c)));
    fields.body = walk(blocks.collect()).finish();
    finish_fields(fields)
}

/// Walks the given nodes and their subtrees (without recursion) into a new builder.
fn walk<'a>(nodes: Vec<&'a AstNode<'a>>) -> DocBuilder {
    let mut walker = Walker { b: DocBuilder::new(true), skip_inline: None, header_row: false };
    let mut stack: Vec<Step> = nodes.into_iter().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Exit(exit) => walker.exit(exit),
            Step::Enter(node) => {
                if let Some(exit) = walker.enter(node) {
                    stack.push(Step::Exit(exit));
                    stack.extend(node.reverse_children().map(Step::Enter));
                }
            }
        }
    }
    walker.b
}

enum Step<'a> {
    Enter(&'a AstNode<'a>),
    Exit(Exit),
}

struct Walker {
    b: DocBuilder,
    /// Inside an inline raw-HTML element whose text is never kept (`<script>`...).
    skip_inline: Option<&'static str>,
    /// Inside a table's header row.
    header_row: bool,
}

impl Walker {
    /// Handles entering a node; `None` means its children are not walked.
    fn enter(&mut self, node: &AstNode<'_>) -> Option<Exit> {
        let data = node.data();
        let exit = match &data.value {
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) | NodeValue::Alert(_) => {
                self.b.enter_container(Container::Blockquote)
            }
            NodeValue::List(list) => self.b.enter_container(match list.list_type {
                ListType::Bullet => Container::BulletList,
                ListType::Ordered => Container::OrderedList(u32::try_from(list.start).unwrap_or(u32::MAX)),
            }),
            NodeValue::Item(_) | NodeValue::TaskItem(_) => self.b.enter_container(Container::ListItem),
            NodeValue::Paragraph => {
                self.skip_inline = None;
                self.b.enter_block(TextKind::Paragraph)
            }
            NodeValue::Table(_) => self.b.enter_container(Container::Table),
            NodeValue::TableRow(header) => {
                self.skip_inline = None;
                self.header_row = *header;
                self.b.enter_container(Container::TableRow)
            }
            NodeValue::Heading(h) => {
                self.skip_inline = None;
                self.b.enter_block(TextKind::Heading(heading_level(h.level)))
            }
            NodeValue::TableCell => {
                self.skip_inline = None;
                self.b.enter_container(Container::TableCell { header: self.header_row, colspan: 1, rowspan: 1 })
            }
            NodeValue::CodeBlock(code) => {
                self.b.begin_block(TextKind::Paragraph);
                self.code(&code.literal);
                self.b.end_block();
                return None;
            }
            NodeValue::ThematicBreak => {
                self.b.rule();
                return None;
            }
            NodeValue::Text(t) => {
                if self.skip_inline.is_none() {
                    self.b.text(t);
                }
                return None;
            }
            NodeValue::Code(code) => {
                if self.skip_inline.is_none() {
                    self.code(&code.literal);
                }
                return None;
            }
            NodeValue::SoftBreak => {
                self.b.text("\n");
                return None;
            }
            NodeValue::LineBreak => {
                self.b.hard_break();
                return None;
            }
            NodeValue::HtmlInline(html) => {
                self.raw_inline(html);
                return None;
            }
            NodeValue::HtmlBlock(_) | NodeValue::Raw(_) | NodeValue::FrontMatter(_) => return None,
            NodeValue::Emph => self.b.enter_mark(MarkKind::Italic),
            NodeValue::Strong => self.b.enter_mark(MarkKind::Bold),
            NodeValue::Strikethrough => self.b.enter_mark(MarkKind::Strike),
            NodeValue::Link(link) => self.b.enter_link(&link.url),
            // Images keep their alt text (their children); everything else is unwrapped.
            _ => Exit::Nothing,
        };
        Some(exit)
    }

    /// Code text: spaces kept as written, in the code mark.
    fn code(&mut self, literal: &str) {
        self.b.preformatted(true);
        self.b.push_mark(MarkKind::Code);
        self.b.text(literal);
        self.b.pop_mark(MarkKind::Code);
        self.b.preformatted(false);
    }

    fn exit(&mut self, exit: Exit) {
        if exit == Exit::EndBlock {
            self.skip_inline = None;
        }
        self.b.undo(exit);
    }

    /// Inline raw HTML is dropped, but `<br>` is a hard break; an opening `<script>` (and
    /// the like) also drops the text up to its closing tag.
    fn raw_inline(&mut self, html: &str) {
        let lower = html.trim_start().to_ascii_lowercase();
        match self.skip_inline {
            Some(tag) => {
                if lower.strip_prefix("</").is_some_and(|rest| starts_with_tag(rest, tag)) {
                    self.skip_inline = None;
                }
            }
            None => {
                if let Some(rest) = lower.strip_prefix('<') {
                    if starts_with_tag(rest, "br") {
                        self.b.hard_break();
                        return;
                    }
                    self.skip_inline = DROPPED_ELEMENTS.iter().copied().find(|tag| starts_with_tag(rest, tag));
                }
            }
        }
    }
}

/// `rest` begins with the element name `tag`, followed by the end of the name.
fn starts_with_tag(rest: &str, tag: &str) -> bool {
    rest.strip_prefix(tag)
        .is_some_and(|after| !after.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-'))
}

/// Markdown heading level to the body's: 1–2 → 2, 3 → 3, 4–6 → 4.
fn heading_level(level: u8) -> u8 {
    match level {
        0..=2 => 2,
        3 => 3,
        _ => 4,
    }
}

/// The text of a heading's inlines, converted as the body is, white space collapsed.
fn plain_text<'a>(node: &'a AstNode<'a>) -> String {
    let doc = walk(vec![node]).finish();
    collapse_whitespace(&crate::text::plain::doc_to_plain(&doc))
}

/// Splits off a front matter block and reads the fields it names; returns the rest.
fn split_front_matter(src: &str) -> (ArticleFields, &str) {
    let mut fields = ArticleFields::default();
    let Some(after_open) = src.strip_prefix("---\n").or_else(|| src.strip_prefix("---\r\n")) else {
        return (fields, src);
    };
    let mut offset = 0;
    let mut end = None;
    for line in after_open.split_inclusive('\n') {
        if line.trim_end() == "---" || line.trim_end() == "..." {
            end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((block_end, rest_start)) = end else { return (fields, src) };
    let block = after_open.get(..block_end).unwrap_or("");
    let rest = after_open.get(rest_start..).unwrap_or("");
    let mut list_key: Option<String> = None;
    let mut recognised = false;
    for line in block.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(item) = trimmed.strip_prefix("- ") {
            match list_key.as_deref() {
                Some("tags" | "keywords") => push_tag(&mut fields.tags, item),
                Some(_) => {}
                None => return (ArticleFields::default(), src),
            }
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            return (ArticleFields::default(), src);
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            return (ArticleFields::default(), src);
        }
        let value = unquote(value.trim());
        list_key = Some(key.clone());
        let text = collapse_whitespace(value);
        match key.as_str() {
            "headline" | "title" => fields.headline = text,
            "deck" | "subtitle" | "subheadline" => fields.deck = text,
            "summary" | "description" => fields.summary = text,
            "section" | "category" => fields.section = text,
            "language" | "lang" => fields.language = text,
            "author" | "byline" => fields.byline.name = text,
            "email" => fields.byline.email = text,
            "tags" | "keywords" => {
                let inner = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')).unwrap_or(value);
                for tag in inner.split(',') {
                    push_tag(&mut fields.tags, tag);
                }
            }
            _ => continue,
        }
        recognised = true;
    }
    if !recognised {
        return (ArticleFields::default(), src);
    }
    (fields, rest)
}

fn push_tag(tags: &mut Vec<String>, raw: &str) {
    let tag = collapse_whitespace(unquote(raw.trim()));
    if !tag.is_empty() && !tags.contains(&tag) {
        tags.push(tag);
    }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|v| v.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::test_util::{para, t};
    use crate::model::doc::{Block, Inline, LinkAttrs, Mark};

    #[test]
    fn cjk_emphasis_before_a_particle_is_bold() {
        let f = markdown_to_fields("**\"제목\"**은 굵게 보여야 한다.");
        assert_eq!(
            f.body.content,
            vec![para(vec![t("\"제목\"", vec![Mark::Bold]), t("은 굵게 보여야 한다.", vec![])])]
        );
        f.body.validate().unwrap();
    }

    #[test]
    fn leading_heading_is_the_headline_and_others_map_down() {
        let src = "# 주말 주요 뉴스\n\n첫 문단.\n\n# 다시 1\n\n### 셋\n\n###### 여섯\n";
        let f = markdown_to_fields(src);
        assert_eq!(f.headline, "주말 주요 뉴스");
        let levels: Vec<u8> = f
            .body
            .content
            .iter()
            .filter_map(|b| match b {
                Block::Heading { attrs, .. } => Some(attrs.level),
                _ => None,
            })
            .collect();
        assert_eq!(levels, vec![2, 3, 4]);
        assert_eq!(f.body.content[0], para(vec![t("첫 문단.", vec![])]));
        // Not leading: stays in the body as a heading.
        let f = markdown_to_fields("Intro.\n\n# Late title\n");
        assert_eq!(f.headline, "");
        assert!(matches!(&f.body.content[1], Block::Heading { attrs, .. } if attrs.level == 2));
    }

    #[test]
    fn marks_links_and_unsafe_links() {
        let src = "*it* ~~gone~~ `code` [site](https://example.com/a) [bad](javascript:alert(1)) \
                   [rel](/local) <desk@example.com>";
        let f = markdown_to_fields(src);
        let link = |h: &str| Mark::Link { attrs: LinkAttrs { href: h.into() } };
        assert_eq!(
            f.body.content,
            vec![para(vec![
                t("it", vec![Mark::Italic]),
                t(" ", vec![]),
                t("gone", vec![Mark::Strike]),
                t(" ", vec![]),
                t("code", vec![Mark::Code]),
                t(" ", vec![]),
                t("site", vec![link("https://example.com/a")]),
                t(" bad rel ", vec![]),
                t("desk@example.com", vec![link("mailto:desk@example.com")]),
            ])]
        );
    }

    #[test]
    fn lists_quotes_rules_code_tables_and_images() {
        let src = "- 하나\n- 둘\n  1. 안쪽\n\n3. three\n4. four\n\n> 인용\n> 계속\n\n---\n\n\
                   ```\nfn main() {\n    x\n}\n```\n\n| 이름 | 값 |\n|---|---|\n| 가 | 1 |\n\n\
                   ![사진 설명](pic.jpg)\n\n- [x] done\n";
        let f = markdown_to_fields(src);
        f.body.validate().unwrap();
        let c = &f.body.content;
        assert!(matches!(&c[0], Block::BulletList { content } if content.len() == 2 && content[1].content.len() == 2));
        assert!(matches!(&c[1], Block::OrderedList { attrs, content } if attrs.start == 3 && content.len() == 2));
        // A soft break inside a paragraph is a space.
        assert_eq!(c[2], Block::Blockquote { content: vec![para(vec![t("인용 계속", vec![])])] });
        assert_eq!(c[3], Block::HorizontalRule);
        assert_eq!(
            c[4],
            para(vec![
                t("fn main() {", vec![Mark::Code]),
                Inline::HardBreak,
                t("    x", vec![Mark::Code]),
                Inline::HardBreak,
                t("}", vec![Mark::Code]),
            ])
        );
        let cell = |header: bool, s: &str| crate::model::doc::TableCell::new(header, vec![para(vec![t(s, vec![])])]);
        assert_eq!(
            c[5],
            Block::Table {
                content: vec![
                    crate::model::doc::TableRow { content: vec![cell(true, "이름"), cell(true, "값")] },
                    crate::model::doc::TableRow { content: vec![cell(false, "가"), cell(false, "1")] },
                ]
            }
        );
        assert_eq!(c[6], para(vec![t("사진 설명", vec![])]));
        assert!(matches!(&c[7], Block::BulletList { content } if content[0].content == vec![para(vec![t("done", vec![])])]));
        assert_eq!(c.len(), 8);
    }

    #[test]
    fn raw_html_is_never_stored() {
        let src = "<div>\n<script>alert(1)</script>\n</div>\n\n앞 <script>steal()</script> 뒤 <b>굵게?</b>\n\n\
                   <style>p{}</style>\n";
        let f = markdown_to_fields(src);
        let json = serde_json::to_string(&f.body).unwrap();
        for bad in ["script", "alert", "steal", "style", "<b>", "p{}"] {
            assert!(!json.contains(bad), "{bad} in {json}");
        }
        assert_eq!(f.body.content, vec![para(vec![t("앞 뒤 굵게?", vec![])])]);
        let f = markdown_to_fields("한 줄<br>다음 줄<BR/>끝");
        assert_eq!(
            f.body.content,
            vec![para(vec![t("한 줄", vec![]), Inline::HardBreak, t("다음 줄", vec![]), Inline::HardBreak, t("끝", vec![])])]
        );
    }

    #[test]
    fn front_matter_fills_fields() {
        let src = "---\nheadline: \"여름 특집\"\ndeck: 부제\ntags: [정치, 경제]\nsummary: 요약\n---\n# 여름 특집\n\n본문\n";
        let f = markdown_to_fields(src);
        assert_eq!((f.headline.as_str(), f.deck.as_str(), f.summary.as_str()), ("여름 특집", "부제", "요약"));
        assert_eq!(f.tags, vec!["정치", "경제"]);
        // The heading repeating the headline is not kept twice.
        assert_eq!(f.body.content, vec![para(vec![t("본문", vec![])])]);
        let f = markdown_to_fields("---\ntags:\n  - a\n  - b\n---\nbody\n");
        assert_eq!(f.tags, vec!["a", "b"]);
        // A rule, text and a rule are not front matter.
        let f = markdown_to_fields("---\nJust text.\n---\n");
        assert!(!f.body.content.is_empty());
    }

    #[test]
    fn text_is_nfc() {
        let f = markdown_to_fields("# \u{1112}\u{1161}\u{11AB}\n\n\u{1112}\u{1161}\u{11AB}");
        assert_eq!(f.headline, "한");
        assert_eq!(f.body.content, vec![para(vec![t("한", vec![])])]);
    }
}
