//! Weekend roundups: what is their own beyond the model (`model/edition.rs`): `parse`
//! turns an edition written as plain text into [`RoundupFields`], `meter` counts the
//! sentences of a brief's summary. Storage lives in `library/roundups.rs`
//! (`Library::create_roundup`, `roundup`, `save_roundup`, …); reading an edition file in
//! `import/edition.rs`.
mod meter;
mod parse;

pub use crate::model::edition::*;
pub use meter::count_sentences;
pub use parse::{has_brief_markers, parse_edition, text_paragraphs, BRIEF_MARKERS, STRONG_MARKERS};
