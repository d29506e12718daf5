//! The article body: a typed tree that mirrors the editor's ProseMirror/TipTap schema.
//!
//! A document that does not fit this schema does not exist: deserialising refuses unknown
//! node and mark types, and [`Doc::validate`] refuses what serde cannot see (heading levels,
//! link schemes, image ids). Text is NFC-normalised by [`Doc::normalized`].

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// The root node, `{"type": "doc", "content": [...]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Doc {
    #[serde(rename = "type")]
    pub kind: DocType,
    #[serde(default)]
    pub content: Vec<Block>,
}

/// The only value the root's `type` may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum DocType {
    #[default]
    Doc,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Block {
    Paragraph {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        content: Vec<Inline>,
    },
    Heading {
        attrs: HeadingAttrs,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        content: Vec<Inline>,
    },
    Blockquote {
        content: Vec<Block>,
    },
    BulletList {
        content: Vec<ListItem>,
    },
    OrderedList {
        #[serde(default)]
        attrs: OrderedListAttrs,
        content: Vec<ListItem>,
    },
    HorizontalRule,
    Image {
        attrs: ImageAttrs,
    },
    /// TipTap's table: rows of header or data cells, each cell holding paragraphs.
    Table {
        content: Vec<TableRow>,
    },
}

/// A row of a table, `{"type": "tableRow", "content": [cells]}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename = "tableRow")]
// ts-rs names the type after the tag (`tableRow`), as it does `listItem`.
pub struct TableRow {
    pub content: Vec<TableCell>,
}

/// A cell: `tableHeader` or `tableCell`, with TipTap's attributes. Its content is one or
/// more paragraphs ([`Doc::validate`] refuses anything else, so no table nests in another).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum TableCell {
    TableHeader {
        #[serde(default)]
        attrs: CellAttrs,
        content: Vec<Block>,
    },
    TableCell {
        #[serde(default)]
        attrs: CellAttrs,
        content: Vec<Block>,
    },
}

impl TableCell {
    /// A cell of paragraphs (a header cell when `header`), spanning one column and one row.
    pub fn new(header: bool, content: Vec<Block>) -> TableCell {
        let attrs = CellAttrs::default();
        if header {
            TableCell::TableHeader { attrs, content }
        } else {
            TableCell::TableCell { attrs, content }
        }
    }

    pub fn is_header(&self) -> bool {
        matches!(self, TableCell::TableHeader { .. })
    }

    pub fn attrs(&self) -> &CellAttrs {
        match self {
            TableCell::TableHeader { attrs, .. } | TableCell::TableCell { attrs, .. } => attrs,
        }
    }

    pub fn content(&self) -> &[Block] {
        match self {
            TableCell::TableHeader { content, .. } | TableCell::TableCell { content, .. } => content,
        }
    }

    pub fn content_mut(&mut self) -> &mut Vec<Block> {
        match self {
            TableCell::TableHeader { content, .. } | TableCell::TableCell { content, .. } => content,
        }
    }
}

/// A cell's attributes, exactly those TipTap writes: `{"colspan":1,"rowspan":1,"colwidth":null}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CellAttrs {
    #[serde(default = "one")]
    pub colspan: u32,
    #[serde(default = "one")]
    pub rowspan: u32,
    /// The widths in pixels of the columns the cell spans, when the editor was told them.
    #[serde(default)]
    pub colwidth: Option<Vec<u32>>,
}

impl Default for CellAttrs {
    fn default() -> Self {
        CellAttrs { colspan: 1, rowspan: 1, colwidth: None }
    }
}

/// A table laid out on its grid: `grid[row][column]` is the index of the cell of `rows[row]`
/// that covers the slot, or `None` where the row ends early. Spans repeat the index (a cell
/// with `rowspan` 2 appears in the row below too, as `Covered`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The slot where the cell `rows[row].content[i]` starts.
    Start(usize),
    /// A slot covered by a cell that starts elsewhere (to the left, or above).
    Covered,
    /// Nothing: the row has fewer cells than the widest.
    Empty,
}

/// The grid of a table's rows, every row as wide as the widest (spans clamped to the
/// limits, so a hostile span cannot make a huge grid).
pub fn table_grid(rows: &[TableRow]) -> Vec<Vec<Slot>> {
    use crate::model::limits::{TABLE_COLS_MAX, TABLE_ROWS_MAX};
    let mut grid: Vec<Vec<Slot>> = vec![Vec::new(); rows.len().min(TABLE_ROWS_MAX)];
    for (r, row) in rows.iter().enumerate().take(TABLE_ROWS_MAX) {
        let mut col = 0usize;
        for (i, cell) in row.content.iter().enumerate() {
            while grid[r].get(col).is_some_and(|s| *s != Slot::Empty) {
                col += 1;
            }
            if col >= TABLE_COLS_MAX {
                break;
            }
            let colspan = (cell.attrs().colspan.max(1) as usize).min(TABLE_COLS_MAX - col);
            let rowspan = (cell.attrs().rowspan.max(1) as usize).min(grid.len() - r);
            for rr in r..r + rowspan {
                let line = &mut grid[rr];
                if line.len() < col + colspan {
                    line.resize(col + colspan, Slot::Empty);
                }
                for (cc, slot) in line.iter_mut().enumerate().skip(col).take(colspan) {
                    *slot = if rr == r && cc == col { Slot::Start(i) } else { Slot::Covered };
                }
            }
            col += colspan;
        }
    }
    let width = grid.iter().map(Vec::len).max().unwrap_or(0);
    for line in &mut grid {
        line.resize(width, Slot::Empty);
    }
    grid
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HeadingAttrs {
    /// 2, 3 or 4: the headline is the article's only level-1 heading.
    // Narrower than `u8` in TypeScript: `validate` refuses any other level.
    #[cfg_attr(feature = "ts", ts(type = "2 | 3 | 4"))]
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OrderedListAttrs {
    #[serde(default = "one")]
    pub start: u32,
}

impl Default for OrderedListAttrs {
    fn default() -> Self {
        Self { start: 1 }
    }
}

fn one() -> u32 {
    1
}

/// An image stored in the library, addressed by the SHA-256 of its bytes (64 hex digits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImageAttrs {
    pub asset: String,
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub caption: String,
    #[serde(default)]
    pub credit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename = "listItem")]
// serde's `rename` is the tag value, and ts-rs names the type after it too (`listItem`);
// ui/src/lib/types/index.ts exports it as `ListItem`.
pub struct ListItem {
    pub content: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Inline {
    Text {
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        marks: Vec<Mark>,
    },
    HardBreak,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "type", rename_all = "camelCase")]
pub enum Mark {
    Bold,
    Italic,
    Strike,
    Code,
    Link { attrs: LinkAttrs },
}

/// Only `href` is kept; presentation attributes the editor may add (`target`, `rel`,
/// `class`) are dropped on the way in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LinkAttrs {
    pub href: String,
}

/// Schemes a link may use; anything else (`javascript:`, `data:`, relative paths) is refused.
pub const LINK_SCHEMES: [&str; 3] = ["http://", "https://", "mailto:"];

/// True when `href` is an absolute http, https or mailto address.
pub fn is_allowed_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    LINK_SCHEMES
        .iter()
        .any(|s| lower.starts_with(s) && lower.len() > s.len())
        && !href.chars().any(|c| c.is_control() || c.is_whitespace())
}

fn is_asset_id(id: &str) -> bool {
    id.len() == 64 && id.bytes().all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

/// The deepest nesting of quotes and lists a document may have.
pub const MAX_NESTING: usize = 100;

impl Doc {
    /// A document of one paragraph per entry; empty entries are skipped.
    pub fn from_paragraphs<I, S>(paragraphs: I) -> Doc
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let content = paragraphs
            .into_iter()
            .filter(|p| !p.as_ref().trim().is_empty())
            .map(|p| Block::Paragraph {
                content: vec![Inline::Text { text: p.as_ref().to_string(), marks: vec![] }],
            })
            .collect();
        Doc { kind: DocType::Doc, content }
    }

    /// Parse editor JSON, refusing anything outside the schema, and normalise it.
    pub fn from_json(json: &str) -> Result<Doc> {
        let doc: Doc = serde_json::from_str(json)
            .map_err(|e| Error::Invalid(format!("the article body does not fit the document schema: {e}")))?;
        doc.check_depth()?;
        let doc = doc.normalized();
        doc.validate()?;
        Ok(doc)
    }

    /// True when the document holds no text and no image.
    pub fn is_empty(&self) -> bool {
        crate::text::plain::doc_to_plain(self).trim().is_empty()
            && !self.blocks().any(|b| matches!(b, Block::Image { .. }))
    }

    /// Every block, depth first.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        let mut out = Vec::new();
        fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Block>) {
            for b in blocks {
                out.push(b);
                match b {
                    Block::Blockquote { content } => walk(content, out),
                    Block::BulletList { content } | Block::OrderedList { content, .. } => {
                        for item in content {
                            walk(&item.content, out)
                        }
                    }
                    Block::Table { content } => {
                        for cell in content.iter().flat_map(|r| &r.content) {
                            walk(cell.content(), out)
                        }
                    }
                    _ => {}
                }
            }
        }
        walk(&self.content, &mut out);
        out.into_iter()
    }

    /// Refuses a document nested deeper than [`MAX_NESTING`] quotes, lists and tables. Walks with
    /// its own stack, so a hostile document cannot exhaust the thread's; call it before
    /// anything that walks the tree recursively.
    pub fn check_depth(&self) -> Result<()> {
        let mut stack: Vec<(&[Block], usize)> = vec![(&self.content, 1)];
        while let Some((blocks, depth)) = stack.pop() {
            if depth > MAX_NESTING {
                return Err(Error::Invalid(format!(
                    "the document is nested too deeply (more than {MAX_NESTING} levels of quotes, lists and tables)"
                )));
            }
            for b in blocks {
                match b {
                    Block::Blockquote { content } => stack.push((content, depth + 1)),
                    Block::BulletList { content } | Block::OrderedList { content, .. } => {
                        stack.extend(content.iter().map(|item| (item.content.as_slice(), depth + 1)))
                    }
                    Block::Table { content } => {
                        stack.extend(content.iter().flat_map(|r| &r.content).map(|c| (c.content(), depth + 1)))
                    }
                    _ => {}
                }
            }
        }
        Ok(())
    }

    /// Checks what the type system cannot: nesting depth, heading levels, link schemes,
    /// asset ids, empty text nodes and list items, and the shape and size of tables.
    pub fn validate(&self) -> Result<()> {
        self.check_depth()?;
        for block in self.blocks() {
            if let Block::Table { content } = block {
                crate::model::limits::check_table(content)?;
            }
            match block {
                Block::Heading { attrs, content } => {
                    if !(2..=4).contains(&attrs.level) {
                        return Err(Error::Invalid(format!(
                            "heading level {} is not allowed (2 to 4)",
                            attrs.level
                        )));
                    }
                    validate_inlines(content)?;
                }
                Block::Paragraph { content } => validate_inlines(content)?,
                Block::BulletList { content } | Block::OrderedList { content, .. } => {
                    if content.iter().any(|i| i.content.is_empty()) {
                        return Err(Error::Invalid("a list item has no content".into()));
                    }
                }
                Block::Image { attrs } => {
                    if !is_asset_id(&attrs.asset) {
                        return Err(Error::Invalid(format!(
                            "image asset id {:?} is not a SHA-256 digest",
                            attrs.asset
                        )));
                    }
                }
                Block::Blockquote { .. } | Block::HorizontalRule | Block::Table { .. } => {}
            }
        }
        Ok(())
    }

    /// The same document with every string NFC-normalised.
    pub fn normalized(mut self) -> Doc {
        fn blocks(bs: &mut [Block]) {
            for b in bs {
                match b {
                    Block::Paragraph { content } | Block::Heading { content, .. } => inlines(content),
                    Block::Blockquote { content } => blocks(content),
                    Block::BulletList { content } | Block::OrderedList { content, .. } => {
                        for item in content {
                            blocks(&mut item.content)
                        }
                    }
                    Block::Image { attrs } => {
                        attrs.alt = nfc(&attrs.alt);
                        attrs.caption = nfc(&attrs.caption);
                        attrs.credit = nfc(&attrs.credit);
                    }
                    Block::Table { content } => {
                        for cell in content.iter_mut().flat_map(|r| &mut r.content) {
                            blocks(cell.content_mut())
                        }
                    }
                    Block::HorizontalRule => {}
                }
            }
        }
        fn inlines(is: &mut [Inline]) {
            for i in is {
                if let Inline::Text { text, marks } = i {
                    *text = nfc(text);
                    for m in marks {
                        if let Mark::Link { attrs } = m {
                            attrs.href = attrs.href.trim().to_string();
                        }
                    }
                }
            }
        }
        blocks(&mut self.content);
        self
    }
}

fn validate_inlines(content: &[Inline]) -> Result<()> {
    for inline in content {
        if let Inline::Text { text, marks } = inline {
            if text.is_empty() {
                return Err(Error::Invalid("a text node is empty".into()));
            }
            for m in marks {
                if let Mark::Link { attrs } = m {
                    if !is_allowed_href(&attrs.href) {
                        return Err(Error::Invalid(format!(
                            "link {:?} is not allowed: only http, https and mailto addresses",
                            attrs.href
                        )));
                    }
                }
            }
        }
    }
    Ok(())
}

fn nfc(s: &str) -> String {
    s.nfc().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tiptap_json_with_marks_lists_and_images() {
        let json = r#"{"type":"doc","content":[
          {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"소제목"}]},
          {"type":"paragraph","content":[{"type":"text","text":"굵게","marks":[{"type":"bold"}]},
             {"type":"hardBreak"},
             {"type":"text","text":"링크","marks":[{"type":"link","attrs":{"href":"https://example.com","target":"_blank","rel":"noopener","class":null}}]}]},
          {"type":"bulletList","content":[{"type":"listItem","content":[{"type":"paragraph","content":[{"type":"text","text":"하나"}]}]}]},
          {"type":"orderedList","attrs":{"start":3,"type":null},"content":[{"type":"listItem","content":[{"type":"paragraph"}]}]},
          {"type":"horizontalRule"},
          {"type":"image","attrs":{"asset":"0000000000000000000000000000000000000000000000000000000000000000","alt":"a","caption":"c","credit":"d"}}
        ]}"#;
        let doc = Doc::from_json(json).unwrap();
        assert_eq!(doc.content.len(), 6);
        assert!(matches!(&doc.content[3], Block::OrderedList { attrs, .. } if attrs.start == 3));
        // Round trip keeps the shape the editor understands.
        let again = Doc::from_json(&serde_json::to_string(&doc).unwrap()).unwrap();
        assert_eq!(doc, again);
    }

    #[test]
    fn refuses_unknown_nodes_marks_and_bad_links() {
        for bad in [
            r#"{"type":"doc","content":[{"type":"script","content":[]}]}"#,
            r#"{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"underline"}]}]}]}"#,
            r#"{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"x","marks":[{"type":"link","attrs":{"href":"javascript:alert(1)"}}]}]}]}"#,
            r#"{"type":"doc","content":[{"type":"heading","attrs":{"level":1},"content":[{"type":"text","text":"x"}]}]}"#,
            r#"{"type":"doc","content":[{"type":"image","attrs":{"asset":"../../etc/passwd"}}]}"#,
            r#"{"type":"html","content":[]}"#,
            r#"{"type":"doc","content":[],"html":"<b>x</b>"}"#,
        ] {
            assert!(Doc::from_json(bad).is_err(), "accepted {bad}");
        }
    }

    #[test]
    fn normalises_text_to_nfc() {
        // "한" written as three conjoining jamo (NFD) becomes one syllable.
        let json = "{\"type\":\"doc\",\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"\u{1112}\u{1161}\u{11AB}\"}]}]}";
        let doc = Doc::from_json(json).unwrap();
        assert_eq!(crate::text::plain::doc_to_plain(&doc), "한");
    }
}

#[cfg(test)]
mod depth_tests {
    use super::*;

    fn nested(depth: usize) -> Doc {
        let mut block = Block::Paragraph { content: vec![Inline::Text { text: "깊다".into(), marks: vec![] }] };
        for _ in 1..depth {
            block = Block::Blockquote { content: vec![block] };
        }
        Doc { kind: DocType::Doc, content: vec![block] }
    }

    #[test]
    fn a_document_may_nest_up_to_the_limit_and_no_deeper() {
        assert!(nested(MAX_NESTING).validate().is_ok());
        let err = nested(MAX_NESTING + 1).validate().unwrap_err().to_string();
        assert!(err.contains("nested too deeply"), "{err}");
        // Far deeper than any stack would survive walking recursively: refused, no crash.
        let deep = nested(200_000);
        assert!(deep.check_depth().is_err());
        std::mem::forget(deep); // dropping it would recurse as deep as it is
    }
}
