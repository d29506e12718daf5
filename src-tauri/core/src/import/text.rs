//! Plain text to article fields.
//!
//! - Paragraphs are separated by blank lines (lines of white space count as blank); inside
//!   a paragraph each line break is a hard break. Lines are trimmed, tabs become spaces.
//! - A first paragraph of one short line (at most [`HEADLINE_MAX_CHARS`] characters) that
//!   does not end in sentence punctuation ([`is_final_punctuation`]) is the headline.
//! - `\r\n` and a lone `\r` are line breaks too; control characters are dropped.

use super::builder::{collapse_whitespace, DocBuilder, TextKind};
use super::finish_fields;
use crate::model::article::ArticleFields;

/// The longest first line taken as a headline, in characters.
pub const HEADLINE_MAX_CHARS: usize = 80;

/// Converts plain text to article fields. Never fails.
pub fn text_to_fields(src: &str) -> ArticleFields {
    let src = src.strip_prefix('\u{FEFF}').unwrap_or(src);
    let normalised;
    let src = if src.contains('\r') {
        normalised = src.replace("\r\n", "\n").replace('\r', "\n");
        normalised.as_str()
    } else {
        src
    };

    let mut paragraphs: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in src.split('\n') {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }

    let mut fields = ArticleFields::default();
    let mut rest = paragraphs.as_slice();
    if let Some(([line], tail)) = paragraphs.split_first().map(|(first, tail)| (first.as_slice(), tail)) {
        let headline = collapse_whitespace(line);
        let ends_in_punctuation = headline.chars().next_back().is_some_and(is_final_punctuation);
        if !headline.is_empty() && headline.chars().count() <= HEADLINE_MAX_CHARS && !ends_in_punctuation {
            fields.headline = headline;
            rest = tail;
        }
    }

    let mut b = DocBuilder::new(false);
    for paragraph in rest {
        b.begin_block(TextKind::Paragraph);
        for (i, line) in paragraph.iter().enumerate() {
            if i > 0 {
                b.hard_break();
            }
            b.text(line);
        }
        b.end_block();
    }
    fields.body = b.finish();
    finish_fields(fields)
}

/// Marks that end a sentence or a quotation (so the line is not a headline): `. ! ? : ; ,`,
/// their full-width forms, `。 、 … ‥`, and closing quotes `" ' ” ’ 」 』`.
pub fn is_final_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | ';' | ','
            | '。' | '、' | '…' | '‥' | '．' | '！' | '？' | '：' | '；' | '，'
            | '"' | '\'' | '”' | '’' | '」' | '』'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::doc::{Block, Inline};

    fn t(s: &str) -> Inline {
        Inline::Text { text: s.into(), marks: vec![] }
    }

    #[test]
    fn short_first_line_is_the_headline() {
        let f = text_to_fields("시청 앞 광장 새 단장\n\n시는 28일 광장을 다시 열었다.\n둘째 줄.\n\n\n셋째 문단.\n");
        assert_eq!(f.headline, "시청 앞 광장 새 단장");
        assert_eq!(
            f.body.content,
            vec![
                Block::Paragraph { content: vec![t("시는 28일 광장을 다시 열었다."), Inline::HardBreak, t("둘째 줄.")] },
                Block::Paragraph { content: vec![t("셋째 문단.")] },
            ]
        );
        f.body.validate().unwrap();
        assert_eq!(f.language, "ko");
    }

    #[test]
    fn a_sentence_or_long_line_is_not_a_headline() {
        for first in ["The council met on Monday.", "그는 \"내일 온다\"", "Why now?", &"긴".repeat(81)] {
            let f = text_to_fields(&format!("{first}\n\nBody."));
            assert_eq!(f.headline, "", "{first}");
            assert_eq!(f.body.content.len(), 2);
        }
        // A first paragraph of two lines is body text.
        let f = text_to_fields("Short one\nShort two\n\nBody.");
        assert_eq!(f.headline, "");
        // Exactly 80 characters is still a headline.
        let f = text_to_fields(&"가".repeat(80));
        assert_eq!(f.headline.chars().count(), 80);
        assert!(f.body.content.is_empty());
    }

    #[test]
    fn line_endings_white_space_and_controls() {
        let f = text_to_fields("\u{FEFF}Title here\r\n\r\n  one\ttab  \r\ntwo\u{0007}\rthree\r\n \r\n");
        assert_eq!(f.headline, "Title here");
        assert_eq!(
            f.body.content,
            vec![Block::Paragraph {
                content: vec![t("one tab"), Inline::HardBreak, t("two"), Inline::HardBreak, t("three")]
            }]
        );
        assert_eq!(f.language, "en");
    }

    #[test]
    fn empty_and_blank_text() {
        assert_eq!(text_to_fields(""), ArticleFields::default());
        assert_eq!(text_to_fields(" \n\n\t\n"), ArticleFields::default());
    }
}
