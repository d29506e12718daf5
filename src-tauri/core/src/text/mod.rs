//! Text utilities: normalisation, plain-text extraction and Korean newsroom counts.
pub mod counts;
pub mod plain;

use unicode_normalization::UnicodeNormalization;

/// NFC-normalise a string (all text is normalised on the way in).
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}
