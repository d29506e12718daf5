//! Reading import files: choosing, refusing, decoding.
//!
//! A file is refused, with a reason in plain words, when its extension is not one Newsdesk
//! imports, it is over [`MAX_IMPORT_BYTES`], it is empty, it is binary (a NUL byte, or more
//! than one control byte in ten), or its text is not UTF-8 (the reason says when it looks
//! like EUC-KR/CP949, the older Korean encoding). A UTF-8 byte order mark is dropped; UTF-16
//! with a byte order mark is decoded.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::{convert, format_of, Format, MAX_IMPORT_BYTES};
use crate::error::{Error, Result};
use crate::model::article::ArticleFields;

const SUPPORTED: &str = "Markdown (.md), plain text (.txt), HTML (.html), or a press release (.hwp, .hwpx, .docx, .pdf, .eml)";

pub(crate) fn refuse(path: &Path, reason: impl Into<String>) -> Error {
    Error::File { path: path.to_path_buf(), reason: reason.into() }
}

/// Reads one file and turns it into article fields.
///
/// When the file names no headline (no leading `# ` heading, first line or `<h1>`), its name
/// without the extension is the headline. A file that yields no text at all is refused.
/// A press release (`.hwp`, `.hwpx`, `.docx`, `.pdf`, `.eml`) is read by its reader
/// ([`super::read_release_file`]); its pictures are left out here, as these fields have
/// nowhere to keep them (the bulk import stores them: [`super::read_release_file`]).
pub fn read_article_file(path: &Path) -> Result<ArticleFields> {
    if let Some(Format::Release(_)) = format_of(path) {
        return super::read_release_file(path).map(|r| r.fields);
    }
    let (format, text) = read_import_text(path)?;
    article_from_text(path, format, &text)
}

/// Reads a file of a format Newsdesk imports into memory, refusing what is not an
/// ordinary file or is over [`MAX_IMPORT_BYTES`].
pub(crate) fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let meta = fs::metadata(path).map_err(|e| refuse(path, io_reason(&e)))?;
    if meta.is_dir() {
        return Err(refuse(path, "this is a folder, not a file"));
    }
    if !meta.is_file() {
        return Err(refuse(path, "this is not an ordinary file"));
    }
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(refuse(path, too_large_reason(meta.len())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    fs::File::open(path)
        .and_then(|f| f.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| refuse(path, io_reason(&e)))?;
    if bytes.len() as u64 > MAX_IMPORT_BYTES {
        return Err(refuse(path, too_large_reason(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// Reads one file to import as text: its format, and its text decoded (UTF-8, UTF-16 with a
/// byte order mark, or EUC-KR), refusing what is not a file of a known format, too large,
/// or not text. A press release file (a binary format) is refused here: it is read by
/// [`super::read_release_file`], never decoded as text.
pub fn read_import_text(path: &Path) -> Result<(Format, String)> {
    let format = format_of(path).ok_or_else(|| refuse(path, unsupported_reason(path)))?;
    if let Format::Release(_) = format {
        return Err(refuse(path, "a press release file (.hwp, .hwpx, .docx, .pdf, .eml) is imported as an article, not read as text"));
    }
    let bytes = read_bounded(path)?;
    let text = decode(&bytes).map_err(|reason| refuse(path, reason))?;
    Ok((format, text))
}

/// Article fields from the text of the file at `path` (see [`read_article_file`]).
pub fn article_from_text(path: &Path, format: Format, text: &str) -> Result<ArticleFields> {
    let mut fields = convert(format, text);
    if fields.headline.is_empty() && fields.body.is_empty() {
        return Err(refuse(path, "the file has no text to import"));
    }
    if fields.headline.is_empty() {
        let stem = path.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default();
        fields.headline = super::builder::collapse_whitespace(&stem);
    }
    fields.body.validate().map_err(|e| refuse(path, format!("the file could not be converted: {e}")))?;
    Ok(fields)
}

/// Turns a file's bytes into text, or says in plain words why not.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let utf16 = match bytes {
        [0xFF, 0xFE, ..] => Some(encoding_rs::UTF_16LE),
        [0xFE, 0xFF, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    let text = if let Some(encoding) = utf16 {
        let body = bytes.get(2..).unwrap_or_default();
        let text = encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .ok_or("the file says it is UTF-16 text but it is damaged: save it as UTF-8 and try again")?
            .into_owned();
        if looks_binary(text.chars().map(u32::from), text.chars().count()) {
            return Err(binary_reason());
        }
        text
    } else {
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        if looks_binary(body.iter().map(|&b| u32::from(b)), body.len()) {
            return Err(binary_reason());
        }
        match std::str::from_utf8(body) {
            Ok(s) => s.to_string(),
            Err(_) if looks_korean_legacy(body) => {
                return Err("the text is in EUC-KR (CP949), the older Korean encoding, not UTF-8: \
                            open it in a text editor, save it as UTF-8 and try again"
                    .into())
            }
            Err(_) => {
                return Err("the text is not UTF-8 (the encoding Newsdesk reads): \
                            save it as UTF-8 and try again"
                    .into())
            }
        }
    };
    if text.is_empty() {
        return Err("the file is empty".into());
    }
    Ok(text)
}

fn binary_reason() -> String {
    "this is not a text file (it looks like a program, an image or a word-processor document): \
     save it as Markdown, plain text or HTML"
        .into()
}

/// A NUL, or more than one control character in ten (tab, line feed, carriage return and
/// form feed excepted).
fn looks_binary(units: impl Iterator<Item = u32>, len: usize) -> bool {
    let mut controls = 0usize;
    for u in units {
        match u {
            0 => return true,
            0x09 | 0x0A | 0x0C | 0x0D => {}
            0x01..=0x1F | 0x7F => controls += 1,
            _ => {}
        }
    }
    controls.saturating_mul(10) > len
}

/// Valid as EUC-KR/CP949 with some Hangul in it.
fn looks_korean_legacy(bytes: &[u8]) -> bool {
    encoding_rs::EUC_KR
        .decode_without_bom_handling_and_without_replacement(bytes)
        .is_some_and(|s| s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)))
}

fn too_large_reason(len: u64) -> String {
    let mb = len as f64 / (1024.0 * 1024.0);
    format!("the file is {mb:.1} MB; Newsdesk imports files up to 20 MB")
}

fn unsupported_reason(path: &Path) -> String {
    match path.extension().map(|e| e.to_string_lossy()) {
        Some(ext) if !ext.is_empty() => {
            format!("Newsdesk cannot import .{ext} files: save it as {SUPPORTED}")
        }
        _ => format!("the file name has no extension: Newsdesk imports {SUPPORTED} files"),
    }
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "there is no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "Newsdesk is not allowed to read it".into(),
        _ => format!("it could not be read ({e})"),
    }
}

/// Expands files and folders into the files to import, in order: folders recursively, their
/// entries sorted by name, hidden files and folders (a name starting with `.`) skipped, files
/// of other formats inside folders skipped silently. Symbolic links are followed, but no
/// folder is walked twice (no loop) and no file is listed twice.
///
/// Refused, one error each: a path that does not exist, a file named explicitly whose
/// extension Newsdesk does not import, a folder that cannot be read.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Error>) {
    let mut out = Collector::default();
    for path in paths {
        match fs::metadata(path) {
            Err(e) => out.errors.push(refuse(path, io_reason(&e))),
            Ok(m) if m.is_dir() => out.walk(path),
            Ok(m) if m.is_file() => {
                if format_of(path).is_some() {
                    out.add(path.clone());
                } else {
                    out.errors.push(refuse(path, unsupported_reason(path)));
                }
            }
            Ok(_) => out.errors.push(refuse(path, "this is not an ordinary file or folder")),
        }
    }
    (out.files, out.errors)
}

#[derive(Default)]
struct Collector {
    files: Vec<PathBuf>,
    errors: Vec<Error>,
    seen_files: HashSet<PathBuf>,
    seen_dirs: HashSet<PathBuf>,
}

enum Entry {
    Dir(PathBuf),
    File(PathBuf),
}

impl Collector {
    fn add(&mut self, path: PathBuf) {
        let key = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if self.seen_files.insert(key) {
            self.files.push(path);
        }
    }

    /// Depth first, without recursion.
    fn walk(&mut self, root: &Path) {
        let mut stack = vec![Entry::Dir(root.to_path_buf())];
        while let Some(entry) = stack.pop() {
            let dir = match entry {
                Entry::File(path) => {
                    self.add(path);
                    continue;
                }
                Entry::Dir(dir) => dir,
            };
            let key = fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
            if !self.seen_dirs.insert(key) {
                continue;
            }
            let read = match fs::read_dir(&dir) {
                Ok(r) => r,
                Err(e) => {
                    self.errors.push(refuse(&dir, format!("the folder could not be read: {}", io_reason(&e))));
                    continue;
                }
            };
            let mut children: Vec<(std::ffi::OsString, Entry)> = Vec::new();
            for item in read.flatten() {
                let name = item.file_name();
                if name.as_encoded_bytes().starts_with(b".") {
                    continue;
                }
                let path = item.path();
                // Follows symbolic links; a broken one is skipped.
                let Ok(meta) = fs::metadata(&path) else { continue };
                if meta.is_dir() {
                    children.push((name, Entry::Dir(path)));
                } else if meta.is_file() && format_of(&path).is_some() {
                    children.push((name, Entry::File(path)));
                }
            }
            children.sort_by(|a, b| a.0.cmp(&b.0));
            stack.extend(children.into_iter().rev().map(|(_, e)| e));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_and_refuses_bytes() {
        assert_eq!(decode(b"\xEF\xBB\xBFhello").unwrap(), "hello");
        assert_eq!(decode("한글".as_bytes()).unwrap(), "한글");
        // UTF-16 with a byte order mark, both byte orders.
        let le: Vec<u8> = [0xFF, 0xFE].into_iter().chain("한a".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xFE, 0xFF].into_iter().chain("한a".encode_utf16().flat_map(u16::to_be_bytes)).collect();
        assert_eq!(decode(&le).unwrap(), "한a");
        assert_eq!(decode(&be).unwrap(), "한a");
        assert!(decode(&[0xFF, 0xFE, 0x00, 0xD8]).unwrap_err().contains("UTF-16"));
        assert_eq!(decode(b"").unwrap_err(), "the file is empty");
        assert_eq!(decode(b"\xEF\xBB\xBF").unwrap_err(), "the file is empty");
        assert!(decode(b"abc\0def").unwrap_err().contains("not a text file"));
        assert!(decode(b"\x01\x02\x03\x04abc").unwrap_err().contains("not a text file"));
        // One control byte in a long line is tolerated.
        assert!(decode(b"a line with one bell \x07 in it").is_ok());
        // 한글 in EUC-KR: C7 D1 B1 DB.
        assert!(decode(b"\xC7\xD1\xB1\xDB").unwrap_err().contains("EUC-KR"));
        // Latin-1 é is neither UTF-8 nor Korean.
        let err = decode(b"caf\xE9").unwrap_err();
        assert!(err.contains("not UTF-8") && !err.contains("EUC-KR"), "{err}");
    }

    #[test]
    fn reasons_name_the_problem() {
        assert_eq!(
            unsupported_reason(Path::new("a/b.ODT")),
            "Newsdesk cannot import .ODT files: save it as Markdown (.md), plain text (.txt), HTML (.html), or a press release (.hwp, .hwpx, .docx, .pdf, .eml)"
        );
        assert!(unsupported_reason(Path::new("README")).contains("no extension"));
        assert_eq!(too_large_reason(21 * 1024 * 1024), "the file is 21.0 MB; Newsdesk imports files up to 20 MB");
    }
}
