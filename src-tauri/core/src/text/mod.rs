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

/// `s` cut to at most `max` characters, at a space when one is near the end, with `…`.
pub fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max.saturating_sub(1)).collect();
    let at = match cut.rfind(' ') {
        Some(i) if i > cut.len() / 2 => &cut[..i],
        _ => &cut[..],
    };
    format!("{}…", at.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_space() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert_eq!(shorten("가나다라마바사아자차", 5), "가나다라…");
    }
}
