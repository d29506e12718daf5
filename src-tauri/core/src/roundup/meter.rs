//! Sentences of a brief's summary, counted as the UI's meter counts them
//! (`ui/src/lib/summary.ts`), for the pre-flight's "2–3 sentences" (`style/preflight.rs`).

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_the_ui() {
        assert_eq!(count_sentences(""), 0);
        assert_eq!(count_sentences("제목만"), 1);
        assert_eq!(count_sentences("하나다. 둘이다! 셋?"), 3);
        assert_eq!(count_sentences("그는 \"간다.\" 말했다. 3.5%는 숫자다."), 3);
        assert_eq!(count_sentences("a. b. c. d."), 4);
    }
}
