//! Import of files (Markdown, plain text, HTML; press releases in HWP, HWPX, DOCX, PDF and
//! e-mail, see `release/`) into articles and editions. All file
//! reading of the core lives here.
//!
//! - [`read_article_file`] reads one file and converts it, or refuses it with an
//!   [`Error::File`](crate::Error::File) whose reason a reporter can act on;
//! - [`collect_files`] expands the paths given on the command line or dropped on the window
//!   into the files to import, refusing the ones it can already tell are wrong;
//! - [`markdown_to_fields`], [`text_to_fields`] and [`html_to_fields`] convert text already
//!   read. They never fail: what does not fit the document schema is dropped, never stored.
//!
//! Every converter goes through one [`builder::DocBuilder`], so every body it returns is
//! NFC-normalised and passes [`Doc::validate`](crate::model::Doc::validate): no empty text
//! node, paragraph, list item, list or blockquote, and only allowed links.

mod builder;
mod bulk;
mod edition;
mod files;
mod html;
mod markdown;
mod style_book;
mod release;
mod text;

use std::path::Path;

pub use bulk::{ImportAs, ImportReport, Imported, Refused, IMPORT_BATCH};
#[cfg(test)]
pub(crate) use bulk::MERGE_INDEX_AFTER;
pub use edition::{edition_from_paste, edition_from_text, html_as_text, read_edition_file, MAX_EDITION_BYTES};
pub use files::{article_from_text, collect_files, read_article_file, read_import_text};
pub use html::html_to_fields;
pub use markdown::markdown_to_fields;
pub use style_book::read_style_book;
pub use release::{read_release_file, release_from_bytes, Picture, Release, ReleaseFormat, SourceInfo, MAX_ATTACHMENTS};
pub use text::text_to_fields;

use crate::model::article::ArticleFields;

/// The largest file imported: 20 MiB.
pub const MAX_IMPORT_BYTES: u64 = 20 * 1024 * 1024;

/// A file format Newsdesk imports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// `.md`, `.markdown`
    Markdown,
    /// `.txt`
    Text,
    /// `.html`, `.htm`
    Html,
    /// A press release: `.hwp`, `.hwpx`, `.docx`, `.pdf`, `.eml` (binary, never decoded as text).
    Release(ReleaseFormat),
}

/// Every extension [`format_of`] knows, for the window's open dialog (a test keeps the two
/// in step).
pub const IMPORT_EXTENSIONS: &[&str] = &["md", "markdown", "txt", "html", "htm", "hwp", "hwpx", "docx", "pdf", "eml"];

/// The format a file's extension names (case-insensitive), if Newsdesk imports it.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "md" | "markdown" => Some(Format::Markdown),
        "txt" => Some(Format::Text),
        "html" | "htm" => Some(Format::Html),
        _ => ReleaseFormat::of_name(&format!("x.{ext}")).map(Format::Release),
    }
}

/// Converts text of the given format. A press release is no text: read its bytes with
/// [`release_from_bytes`]; given as text, it is read as plain text.
pub fn convert(format: Format, src: &str) -> ArticleFields {
    match format {
        Format::Markdown => markdown_to_fields(src),
        Format::Text | Format::Release(_) => text_to_fields(src),
        Format::Html => html_to_fields(src),
    }
}

/// HTML elements whose content is never kept, in HTML and in Markdown's raw HTML.
pub(crate) const DROPPED_ELEMENTS: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math", "canvas",
    "video", "audio", "textarea", "select", "button", "frameset", "noframes", "xmp", "plaintext",
];

/// The last step of every converter: single-line fields NFC with white space collapsed, and
/// a language guessed from the text when the source named none.
pub(crate) fn finish_fields(mut f: ArticleFields) -> ArticleFields {
    for s in [&mut f.headline, &mut f.deck, &mut f.summary, &mut f.section, &mut f.language] {
        *s = builder::collapse_whitespace(s);
    }
    f.byline.name = builder::collapse_whitespace(&f.byline.name);
    f.byline.email = builder::collapse_whitespace(&f.byline.email);
    f.tags.retain(|t| !t.is_empty());
    if f.language.is_empty() {
        f.language = guess_language(&f).to_string();
    }
    f
}

/// `"ko"` when Hangul dominates the text, `"en"` when Latin letters do, `""` otherwise.
/// A Hangul syllable weighs as much as two Latin letters (a word of each is about that).
fn guess_language(f: &ArticleFields) -> &'static str {
    const SAMPLE: usize = 20_000;
    let body = crate::text::plain::doc_to_plain(&f.body);
    let (mut hangul, mut latin) = (0usize, 0usize);
    for c in f.headline.chars().chain(body.chars()).take(SAMPLE) {
        if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            hangul += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if hangul > 0 && hangul * 2 >= latin {
        "ko"
    } else if latin > 0 {
        "en"
    } else {
        ""
    }
}

/// Shorthands for the converters' tests.
#[cfg(test)]
pub(crate) mod test_util {
    use crate::model::doc::{Block, Inline, Mark};

    /// A text node.
    pub fn t(s: &str, marks: Vec<Mark>) -> Inline {
        Inline::Text { text: s.into(), marks }
    }

    /// A paragraph.
    pub fn para(content: Vec<Inline>) -> Block {
        Block::Paragraph { content }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn format_from_extension() {
        for (name, want) in [
            ("a.md", Some(Format::Markdown)),
            ("a.MarkDown", Some(Format::Markdown)),
            ("기사.TXT", Some(Format::Text)),
            ("a.Htm", Some(Format::Html)),
            ("a.html", Some(Format::Html)),
            ("a.docx", Some(Format::Release(ReleaseFormat::Docx))),
            ("보도자료.HWP", Some(Format::Release(ReleaseFormat::Hwp))),
            ("a.hwpx", Some(Format::Release(ReleaseFormat::Hwpx))),
            ("a.Pdf", Some(Format::Release(ReleaseFormat::Pdf))),
            ("a.eml", Some(Format::Release(ReleaseFormat::Eml))),
            ("a.odt", None),
            ("md", None),
            (".md", None),
            ("a.", None),
        ] {
            assert_eq!(format_of(&PathBuf::from(name)), want, "{name}");
        }
    }

    /// Every converter, on inputs made to be awkward, returns a body that validates.
    #[test]
    fn every_output_validates() {
        let inputs = [
            "",
            " ",
            "\n\n\n",
            "\u{0}\u{1}\u{7f}",
            "# \n\n##\n\n- \n- [ ]\n\n> \n\n1.\n\n***\n\n`` ``",
            "**\"제목\"**은 *기울임*과 ~~취소~~ [링크](javascript:x) ![](a.png) [](https://x.example)",
            "<p></p><ul><li></li><li> </li></ul><ol start=\"-5\"><li>x</li></ol><blockquote></blockquote>",
            "<a href=\"https://a.example\"></a><b> </b><br><br><p><br></p><h1></h1><h7>x</h7>",
            "<ul>text<p>para</p><blockquote>q</blockquote></ul><li>stray</li><table><tr><td></td><td>x</td></tr></table>",
            "<pre>\n\n  a\n\n</pre><code></code><h2><div>x</div>y</h2><li><h2>head in item</h2></li>",
            "<ul><li><ul><li><ol><li></li></ol></li></ul></li></ul><hr><hr>",
            "- - - a\n\n> - > 1. b\n\n| | |\n|-|-|\n| | |\n",
            "\u{1112}\u{1161}\u{11AB}\u{0301}\u{200B}\u{FEFF}",
            "<<<>>>&&&;;; <script>x",
            "\r\r\n\r",
        ];
        let deep_html = "<blockquote><ul><li>".repeat(300) + "deep";
        let deep_md = "> - ".repeat(300) + "deep";
        let mut all: Vec<&str> = inputs.to_vec();
        all.push(&deep_html);
        all.push(&deep_md);
        for src in all {
            for format in [Format::Markdown, Format::Text, Format::Html] {
                let f = convert(format, src);
                f.body.validate().unwrap_or_else(|e| panic!("{format:?} {src:?}: {e}"));
                let json = serde_json::to_string(&f.body).unwrap();
                let again = crate::model::Doc::from_json(&json).unwrap();
                assert_eq!(again, f.body, "{format:?} {src:?} does not round-trip");
                assert!(!json.contains("\"text\":\"\""), "{format:?} {src:?}: empty text node");
                assert!(!f.headline.contains('\n'));
            }
        }
    }

    /// Random mixtures of Markdown, HTML and text fragments: no panic, and every body
    /// validates and round-trips. (A small fuzz run that needs no extra tool; set
    /// `NEWSDESK_FUZZ_ITERS` for a longer one.)
    #[test]
    fn random_inputs_validate() {
        let iterations: usize = std::env::var("NEWSDESK_FUZZ_ITERS").ok().and_then(|v| v.parse().ok()).unwrap_or(1500);
        const TOKENS: &[&str] = &[
            "# ", "## ", "\n", "\n\n", "  ", "\t", "- ", "1. ", "> ", "**", "*", "_", "~~", "`", "```\n",
            "---\n", "| a | b |\n|---|---|\n", "[", "](", ")", "](https://a.example)", "](javascript:x)",
            "![", "<", ">", "</", "p>", "b>", "li>", "ul>", "ol start=9>", "blockquote>", "pre>", "br>",
            "hr>", "h1>", "h4>", "script>", "a href=\"https://b.example\">", "a href=\"javascript:y\">",
            "table>", "tr>", "td>", "code>", "div>", "&nbsp;", "&lt;", "\u{0}", "\u{7}", "\r", "\u{FEFF}",
            "\u{A0}", "\u{3000}", "가", "\"제목\"", "은", "word", "Word", "123", ".", "。", "\u{301}",
            "\u{1112}\u{1161}\u{11AB}", "👍🏽", "\\", "<!--", "-->",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..iterations {
            let len = (next() % 40) as usize;
            let src: String = (0..len).map(|_| TOKENS[(next() % TOKENS.len() as u64) as usize]).collect();
            for format in [Format::Markdown, Format::Text, Format::Html] {
                let f = convert(format, &src);
                f.body.validate().unwrap_or_else(|e| panic!("{format:?} {src:?}: {e}"));
                let json = serde_json::to_string(&f.body).unwrap();
                assert_eq!(crate::model::Doc::from_json(&json).unwrap(), f.body, "{format:?} {src:?}");
                assert!(!json.contains("\"text\":\"\""), "{format:?} {src:?}");
                let _ = crate::text::counts::count_document(&f.body);
            }
        }
    }

    #[test]
    fn language_is_guessed() {
        assert_eq!(text_to_fields("서울시는 오늘 새 정책을 발표했다. Seoul City").language, "ko");
        assert_eq!(text_to_fields("The city council met. 서울").language, "en");
        assert_eq!(text_to_fields("12345").language, "");
    }
}
