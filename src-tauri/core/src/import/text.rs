//! Plain text to article fields.
//!
//! - Paragraphs as an edition's lead reads them ([`crate::roundup::text_paragraphs`]): by
//!   blank lines, one per line (a CMS's form), or rejoined across a hard wrap, decided once
//!   from the text's line breaks. Lines are trimmed, white space runs become one space.
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
    let paragraphs = crate::roundup::text_paragraphs(src);
    let mut fields = ArticleFields::default();
    let mut rest = paragraphs.as_slice();
    if let Some(([first], tail)) = paragraphs.split_first().map(|(first, tail)| (first.as_slice(), tail)) {
        let headline = collapse_whitespace(first);
        let ends_in_punctuation = headline.chars().next_back().is_some_and(is_final_punctuation);
        if !headline.is_empty() && headline.chars().count() <= HEADLINE_MAX_CHARS && !ends_in_punctuation {
            fields.headline = headline;
            rest = tail;
        }
    }

    let mut b = DocBuilder::new(false);
    for paragraph in rest {
        b.begin_block(TextKind::Paragraph);
        b.text(&paragraph.join(" "));
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
                // Blank lines part the paragraphs here: a single line break inside one is a
                // line of the same paragraph.
                Block::Paragraph { content: vec![t("시는 28일 광장을 다시 열었다. 둘째 줄.")] },
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
            // More single line breaks than blank lines: one paragraph per line (a CMS's form).
            vec![Block::Paragraph { content: vec![t("one tab")] }, Block::Paragraph { content: vec![t("two")] }, Block::Paragraph { content: vec![t("three")] }]
        );
        assert_eq!(f.language, "en");
    }

    #[test]
    fn empty_and_blank_text() {
        assert_eq!(text_to_fields(""), ArticleFields::default());
        assert_eq!(text_to_fields(" \n\n\t\n"), ArticleFields::default());
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;
    use crate::model::doc::{Block, Inline};

    fn paragraphs(f: &ArticleFields) -> Vec<String> {
        f.body
            .content
            .iter()
            .map(|b| match b {
                Block::Paragraph { content } => content.iter().map(|i| match i { Inline::Text { text, .. } => text.as_str(), _ => "⏎" }).collect(),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_hard_wrapped_release_is_rejoined_and_a_cms_text_is_one_paragraph_per_line() {
        let wrapped = "시, 겨울철 한파 쉼터 늘린다\n\n서울의 한 구청은 올겨울 한파에 대비해 경로당과 주민센터 등\n스무 곳을 한파 쉼터로 지정하고 다음 달부터 밤 9시까지\n문을 연다고 밝혔다.\n\n쉼터에는 난방기와 담요가 놓이며 구청 직원이 하루 두 차례\n돌아본다. 구청은 필요하면 쉼터를 더 늘릴 계획이다.\n";
        let f = text_to_fields(wrapped);
        assert_eq!(f.headline, "시, 겨울철 한파 쉼터 늘린다");
        assert_eq!(
            paragraphs(&f),
            [
                "서울의 한 구청은 올겨울 한파에 대비해 경로당과 주민센터 등 스무 곳을 한파 쉼터로 지정하고 다음 달부터 밤 9시까지 문을 연다고 밝혔다.",
                "쉼터에는 난방기와 담요가 놓이며 구청 직원이 하루 두 차례 돌아본다. 구청은 필요하면 쉼터를 더 늘릴 계획이다.",
            ]
        );
        let cms = "Ferry adds a winter crossing\r\nThe operator will run one more crossing on Saturdays.\r\nTickets go on sale on Monday.\r\n";
        let f = text_to_fields(cms);
        assert_eq!(f.headline, "Ferry adds a winter crossing");
        assert_eq!(paragraphs(&f), ["The operator will run one more crossing on Saturdays.", "Tickets go on sale on Monday."]);
    }
}
