//! The document tree as plain text: one paragraph per line, blank line between blocks.
use crate::model::doc::{Block, Doc, Inline, TableRow};

/// Separator between the cells of a table row in plain text.
pub const CELL_SEPARATOR: &str = " | ";

/// Plain text of a document: blocks separated by a blank line, list items by a newline,
/// hard breaks as newlines. Images contribute their caption; a table is one line per row,
/// its cells separated by ` | `.
pub fn doc_to_plain(doc: &Doc) -> String {
    let mut paragraphs = Vec::new();
    blocks_to_plain(&doc.content, Mode::Plain, &mut paragraphs);
    paragraphs.join("\n\n")
}

/// The text of each paragraph-like block, in order (headings, paragraphs, list items,
/// captions, and every paragraph of every table cell: what counts and checks read).
pub fn doc_paragraphs(doc: &Doc) -> Vec<String> {
    let mut paragraphs = Vec::new();
    blocks_to_plain(&doc.content, Mode::Paragraphs, &mut paragraphs);
    paragraphs
}

/// [`doc_paragraphs`] without the images' captions and the tables: the running text (for a
/// drafted summary).
pub fn doc_text_paragraphs(doc: &Doc) -> Vec<String> {
    let mut paragraphs = Vec::new();
    blocks_to_plain(&doc.content, Mode::Running, &mut paragraphs);
    paragraphs
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Captions in, a table row per entry.
    Plain,
    /// Captions in, a table cell's paragraphs one entry each.
    Paragraphs,
    /// No captions, no tables.
    Running,
}

fn blocks_to_plain(blocks: &[Block], mode: Mode, out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => out.push(inlines_to_plain(content)),
            Block::Blockquote { content } => blocks_to_plain(content, mode, out),
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                for item in content {
                    blocks_to_plain(&item.content, mode, out)
                }
            }
            Block::Image { attrs } => {
                if mode != Mode::Running && !attrs.caption.is_empty() {
                    out.push(attrs.caption.clone())
                }
            }
            Block::Table { content } => match mode {
                Mode::Running => {}
                Mode::Paragraphs => {
                    for cell in content.iter().flat_map(|r| &r.content) {
                        blocks_to_plain(cell.content(), mode, out)
                    }
                }
                Mode::Plain => out.push(table_lines(content)),
            },
            Block::HorizontalRule => {}
        }
    }
}

/// A table as lines, one per row, its cells' text separated by ` | ` (a cell's paragraphs
/// and hard breaks joined by spaces, so a row stays on its line).
pub fn table_lines(rows: &[TableRow]) -> String {
    rows.iter()
        .map(|row| {
            row.content
                .iter()
                .map(|cell| cell_text(cell.content()))
                .collect::<Vec<_>>()
                .join(CELL_SEPARATOR)
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A cell's text on one line.
pub fn cell_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    blocks_to_plain(blocks, Mode::Paragraphs, &mut parts);
    parts.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a run of inline nodes; a hard break becomes a newline.
pub fn inlines_to_plain(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        match i {
            Inline::Text { text, .. } => s.push_str(text),
            Inline::HardBreak => s.push('\n'),
        }
    }
    s
}
