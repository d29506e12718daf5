//! The length meter of a brief's summary against the outlet's soft limit (settings
//! `brief_max_chars`, `brief_max_sentences`; default 200 characters, 3 sentences). Same
//! rules as the UI's `ui/src/lib/summary.ts`.
use serde::{Deserialize, Serialize};
use unicode_segmentation::UnicodeSegmentation;

/// How long a summary is, and whether it is over the soft limit (a warning, never a refusal).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryMeter {
    /// Characters (grapheme clusters) of the trimmed text.
    pub chars: u32,
    pub sentences: u32,
    pub over: bool,
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']')
}

/// Sentences: runs of `. ! ? 。 ！ ？ …`, optionally followed by closing quotes or brackets,
/// then white space or the end. A non-empty text is at least one sentence.
pub fn count_sentences(text: &str) -> u32 {
    let chars: Vec<char> = text.trim().chars().collect();
    if chars.is_empty() {
        return 0;
    }
    let mut n = 0u32;
    let mut i = 0;
    while i < chars.len() {
        if !is_sentence_end(chars[i]) {
            i += 1;
            continue;
        }
        while i < chars.len() && is_sentence_end(chars[i]) {
            i += 1;
        }
        let mut j = i;
        while j < chars.len() && is_closing(chars[j]) {
            j += 1;
        }
        if j == chars.len() || chars[j].is_whitespace() {
            n += 1;
        }
    }
    n.max(1)
}

/// The meter of `summary` against `max_chars` and `max_sentences`.
pub fn summary_meter(summary: &str, max_chars: u32, max_sentences: u32) -> SummaryMeter {
    let chars = u32::try_from(summary.trim().graphemes(true).count()).unwrap_or(u32::MAX);
    let sentences = count_sentences(summary);
    SummaryMeter { chars, sentences, over: chars > max_chars || sentences > max_sentences }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_the_ui() {
        assert_eq!(count_sentences(""), 0);
        assert_eq!(count_sentences("제목만"), 1);
        assert_eq!(count_sentences("하나다. 둘이다! 셋?"), 3);
        assert_eq!(count_sentences("그는 \"간다.\" 말했다. 3.5%는 숫자다."), 3);
        let m = summary_meter("가".repeat(201).as_str(), 200, 3);
        assert_eq!((m.chars, m.sentences, m.over), (201, 1, true));
        assert!(!summary_meter("한 문장. 두 문장.", 200, 3).over);
        assert!(summary_meter("a. b. c. d.", 200, 3).over);
    }
}
