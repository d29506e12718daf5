//! Sentences of a brief's summary for the pre-flight's "2–3 sentences"
//! (`style/preflight.rs`), counted with the sentence splitter (`text/sentences.rs`).
//!
//! The UI's meter (`ui/src/lib/summary.ts`) still counts terminators followed by white
//! space; the two differ on abbreviations, initials, list markers, quotations, ellipses
//! mid-sentence, a lower-case word after a terminator and line breaks.
use crate::text::sentences::sentences;

/// Sentences of `text` as the splitter finds them. A non-empty text is at least one.
pub fn count_sentences(text: &str) -> u32 {
    u32::try_from(sentences(text).len()).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_the_splitter() {
        assert_eq!(count_sentences(""), 0);
        assert_eq!(count_sentences("  "), 0);
        assert_eq!(count_sentences("제목만"), 1);
        assert_eq!(count_sentences("하나다. 둘이다! 셋?"), 3);
        assert_eq!(count_sentences("그는 \"간다.\" 말했다. 3.5%는 숫자다."), 3);
        assert_eq!(count_sentences("그는 \"간다. 온다\"라고 말했다. 3.5%는 숫자다."), 2);
        assert_eq!(count_sentences("Mr. Kim met Dr. Lee. They talked."), 2);
        assert_eq!(count_sentences("A. b. c. d."), 1);
    }
}
