//! The document tree as plain text: one paragraph per line, blank line between blocks.
use crate::model::doc::{Block, Doc, Inline};

/// Plain text of a document: blocks separated by a blank line, list items by a newline,
/// hard breaks as newlines. Images contribute their caption.
pub fn doc_to_plain(doc: &Doc) -> String {
    doc_paragraphs(doc).join("\n\n")
}

/// The text of each paragraph-like block, in order (headings, paragraphs, list items, captions).
pub fn doc_paragraphs(doc: &Doc) -> Vec<String> {
    let mut paragraphs = Vec::new();
    blocks_to_plain(&doc.content, true, &mut paragraphs);
    paragraphs
}

/// [`doc_paragraphs`] without the images' captions: the running text (for a drafted summary).
pub fn doc_text_paragraphs(doc: &Doc) -> Vec<String> {
    let mut paragraphs = Vec::new();
    blocks_to_plain(&doc.content, false, &mut paragraphs);
    paragraphs
}

fn blocks_to_plain(blocks: &[Block], captions: bool, out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => out.push(inlines_to_plain(content)),
            Block::Blockquote { content } => blocks_to_plain(content, captions, out),
            Block::BulletList { content } | Block::OrderedList { content, .. } => {
                for item in content {
                    blocks_to_plain(&item.content, captions, out)
                }
            }
            Block::Image { attrs } => {
                if captions && !attrs.caption.is_empty() {
                    out.push(attrs.caption.clone())
                }
            }
            Block::HorizontalRule => {}
        }
    }
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
