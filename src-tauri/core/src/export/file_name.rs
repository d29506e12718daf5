//! File names from headlines, safe on Linux, macOS and Windows.
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The longest file name made, in bytes, extension included (file systems allow 255;
/// this leaves room for a folder path on Windows and for " (2)" suffixes).
pub const MAX_FILE_NAME_BYTES: usize = 120;

/// A file name for `headline` with extension `ext` (`"html"`, `"md"`...; empty for none).
///
/// - NFC-normalised; Hangul and every other script kept.
/// - `/ \ | :` become `-`; `< > " ? *`, control characters and invisible formatting
///   characters (zero-width and bidirectional controls) are dropped; runs of white space
///   become one space.
/// - No leading or trailing dots or spaces; Windows' reserved names (`CON`, `PRN`, `AUX`,
///   `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9`) get a `_` in front.
/// - At most [`MAX_FILE_NAME_BYTES`] bytes, cut between whole characters (grapheme
///   clusters).
/// - An empty result becomes `untitled`.
pub fn safe_file_name(headline: &str, ext: &str) -> String {
    let ext: String = ext
        .trim()
        .trim_start_matches('.')
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(16)
        .collect();
    let ext = ext.to_ascii_lowercase();
    let mut stem = String::with_capacity(headline.len());
    let mut space = false;
    for c in headline.nfc() {
        let c = match c {
            '/' | '\\' | '|' | ':' => '-',
            '<' | '>' | '"' | '?' | '*' => continue,
            c if c.is_whitespace() => ' ',
            c if c.is_control() || is_invisible(c) => continue,
            c => c,
        };
        if c == ' ' {
            space = true;
            continue;
        }
        if space && !stem.is_empty() {
            stem.push(' ');
        }
        space = false;
        stem.push(c);
    }
    let room = MAX_FILE_NAME_BYTES.saturating_sub(if ext.is_empty() { 0 } else { ext.len() + 1 });
    let mut stem = tidy(&cut(&stem, room));
    if stem.is_empty() {
        stem = "untitled".into();
    }
    if is_reserved(&stem) {
        stem.insert(0, '_');
    }
    if ext.is_empty() {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}

/// Trims what may not start or end a name: dots, spaces, hyphens left by a cut.
fn tidy(s: &str) -> String {
    s.trim_matches(|c: char| c == '.' || c == ' ')
        .trim_end_matches(['-', ' ', '.'])
        .to_string()
}

/// The longest prefix of `s` of at most `max` bytes that ends between grapheme clusters.
fn cut(s: &str, max: usize) -> String {
    let mut out = String::new();
    for g in s.graphemes(true) {
        if out.len() + g.len() > max {
            break;
        }
        out.push_str(g);
    }
    out
}

/// Zero-width and bidirectional formatting characters: invisible in a file manager, and
/// the bidi ones can disguise an extension.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// True for Windows' reserved device names, with or without an extension after them.
fn is_reserved(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or("").trim_end().to_ascii_uppercase();
    match base.as_str() {
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$" => true,
        _ => match (base.get(..3), base.get(3..)) {
            (Some("COM" | "LPT"), Some(tail)) => {
                let mut chars = tail.chars();
                matches!((chars.next(), chars.next()), (Some('1'..='9' | '¹' | '²' | '³'), None))
            }
            _ => false,
        },
    }
}
