//! Counts the way Korean newsrooms count. (Full 원고지 rules: being written.)
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::doc::Doc;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Counts {
    /// Grapheme clusters, spaces included (newlines between paragraphs not counted).
    pub chars: u64,
    /// Grapheme clusters that are not white space.
    pub chars_no_spaces: u64,
    /// Unicode words.
    pub words: u64,
    /// 200-cell 원고지 sheets, fractional.
    pub manuscript_pages: f64,
    /// Whole minutes, rounded up; 0 for an empty text.
    pub reading_minutes: u64,
}

/// Counts of a document's text.
pub fn count_document(doc: &Doc) -> Counts {
    count_paragraphs(&crate::text::plain::doc_paragraphs(doc))
}

/// Counts of a list of paragraphs.
pub fn count_paragraphs(paragraphs: &[String]) -> Counts {
    let mut c = Counts::default();
    for p in paragraphs {
        for g in p.graphemes(true) {
            if g == "\n" {
                continue;
            }
            c.chars += 1;
            if !g.chars().all(char::is_whitespace) {
                c.chars_no_spaces += 1;
            }
        }
        c.words += p.unicode_words().count() as u64;
    }
    c
}
