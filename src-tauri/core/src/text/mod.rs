//! Text utilities: normalisation, plain-text extraction, Korean newsroom counts, sentences
//! and drafted summaries.
pub mod counts;
pub mod plain;
pub mod sentences;
pub mod summary;

use unicode_normalization::UnicodeNormalization;

/// NFC-normalise a string (all text is normalised on the way in).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}
