//! Editions written as text: a file, a pasted text or a pasted web page, into
//! [`RoundupFields`] through the one edition parser (`roundup::parse_edition`).
//!
//! Files are read by the same reader as articles ([`read_import_text`]: the same formats,
//! encodings and refusals); an edition's text is limited to [`MAX_EDITION_BYTES`] however
//! it arrives. HTML (a file, or what the clipboard holds when a web page or a webmail
//! message is copied) is read into paragraphs first, one per line, and then parsed like
//! the plain text it shows.
use std::path::Path;

use super::{html_to_fields, read_import_text, Format};
use crate::error::{Error, Result};
use crate::model::RoundupFields;
use crate::roundup::parse_edition;
use crate::text::plain::doc_paragraphs;

/// The largest edition text, in bytes (8 MiB): far above any weekend edition.
pub const MAX_EDITION_BYTES: usize = 8 * 1024 * 1024;

/// What went wrong with an edition text, before it is said about a file or a paste.
enum Refusal {
    TooLarge,
    NoEdition,
}

/// The edition in `text` of `format`.
fn parse(format: Format, text: &str) -> std::result::Result<RoundupFields, Refusal> {
    if text.len() > MAX_EDITION_BYTES {
        return Err(Refusal::TooLarge);
    }
    let mut fields = match format {
        Format::Html => parse_edition(&html_as_text(text)),
        Format::Markdown | Format::Text | Format::Release(_) => parse_edition(text),
    };
    // A bare marker line holds no brief: nothing of it would reach the edition.
    fields.items.retain(|b| !b.headline.trim().is_empty() || !b.summary.trim().is_empty() || b.link.is_some());
    if fields.lead.body.is_empty() && fields.items.is_empty() && fields.transition.is_empty() {
        return Err(Refusal::NoEdition);
    }
    Ok(fields)
}

/// The paragraphs, headings and list items of an HTML page, one per line, with blank lines
/// between them: the plain text a reader sees.
pub fn html_as_text(html: &str) -> String {
    let fields = html_to_fields(html);
    let mut lines = Vec::new();
    if !fields.headline.trim().is_empty() {
        lines.push(fields.headline.trim().to_string());
    }
    lines.extend(doc_paragraphs(&fields.body).into_iter().filter(|p| !p.trim().is_empty()));
    lines.join("\n\n")
}

/// Reads an edition file (Markdown, text or HTML). Without a title in the text, the file
/// name (without extension) is the title.
pub fn read_edition_file(path: &Path) -> Result<RoundupFields> {
    let (format, text) = read_import_text(path)?;
    edition_from_text(path, format, &text)
}

/// An edition from the text of the file at `path` (see [`read_edition_file`]).
pub fn edition_from_text(path: &Path, format: Format, text: &str) -> Result<RoundupFields> {
    let refuse = |reason: &str| Error::File { path: path.to_path_buf(), reason: reason.into() };
    let mut fields = parse(format, text).map_err(|r| match r {
        Refusal::TooLarge => refuse("the file is too large for an edition (over 8 MB)"),
        Refusal::NoEdition => refuse("the file has no edition text to import"),
    })?;
    if fields.title.is_empty() {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        fields.title = stem.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    Ok(fields)
}

/// An edition from pasted text (`html: true` for what the clipboard held as HTML).
pub fn edition_from_paste(text: &str, html: bool) -> Result<RoundupFields> {
    let format = if html { Format::Html } else { Format::Text };
    parse(format, text).map_err(|r| {
        Error::Invalid(match r {
            Refusal::TooLarge => "the pasted text is too large for an edition (over 8 MB)".into(),
            Refusal::NoEdition => "the pasted text has no edition in it: paste the lead, the ■ briefs and the sign-off".into(),
        })
    })
}
