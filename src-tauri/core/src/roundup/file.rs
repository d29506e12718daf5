//! Reading an edition written as plain text from a file.
use std::io::Read;
use std::path::Path;

use super::{parse_edition, RoundupFields};
use crate::error::{Error, Result};

/// The largest edition file read, in bytes.
pub const MAX_EDITION_BYTES: u64 = 8 * 1024 * 1024;

fn refuse(path: &Path, reason: impl Into<String>) -> Error {
    Error::File { path: path.to_path_buf(), reason: reason.into() }
}

/// Reads a text file (UTF-8, or UTF-16 with a byte order mark) and returns its text.
pub fn read_text(path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_EDITION_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| refuse(path, format!("the file could not be read ({e})")))?;
    if bytes.len() as u64 > MAX_EDITION_BYTES {
        return Err(refuse(path, "the file is too large for an edition (over 8 MB)"));
    }
    if bytes.is_empty() {
        return Err(refuse(path, "the file is empty"));
    }
    let utf16 = match bytes.as_slice() {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let text = match utf16 {
        Some(enc) => enc
            .decode_without_bom_handling_and_without_replacement(bytes.get(2..).unwrap_or_default())
            .map(|t| t.into_owned())
            .ok_or_else(|| refuse(path, "the file says it is UTF-16 text but it is damaged: save it as UTF-8"))?,
        None => String::from_utf8(bytes).map_err(|_| {
            refuse(path, "the file is not UTF-8 text (it may be EUC-KR/CP949): save it as UTF-8 and try again")
        })?,
    };
    if text.contains('\0') {
        return Err(refuse(path, "the file is not text"));
    }
    Ok(text.strip_prefix('\u{FEFF}').map(str::to_string).unwrap_or(text))
}

/// Reads an edition text file and recognises its parts (see [`parse_edition`]). Without a
/// title in the text, the file name (without extension) is the title.
pub fn read_edition_file(path: &Path) -> Result<RoundupFields> {
    edition_from_text(path, &read_text(path)?)
}

/// An edition from the text of the file at `path` (see [`read_edition_file`]).
pub fn edition_from_text(path: &Path, text: &str) -> Result<RoundupFields> {
    let mut fields = parse_edition(text);
    if fields.title.is_empty() {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        fields.title = stem.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    if fields.lead.body.is_empty() && fields.items.is_empty() && fields.transition.is_empty() {
        return Err(refuse(path, "the file has no edition text to import"));
    }
    Ok(fields)
}
