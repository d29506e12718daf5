//! Press releases (보도자료) in word-processor, PDF and e-mail files become drafts.
//!
//! Each reader (`docx`, `hwpx`, `hwp`, `pdf`, `eml`) turns its file into the same
//! [`Parsed`] form: paragraphs with their type size and kind (heading, list, caption),
//! tables of such paragraphs, pictures, footnotes. [`assemble`] then does what every
//! format shares, through the one [`DocBuilder`]:
//!
//! - **the headline is the release's own title**: the paragraph set in the largest type
//!   among the first ones outside tables, leaving out the labels a letterhead carries
//!   (`보도자료`, `보도참고자료`…), dates, and contact lines. With no sizes at all (plain
//!   text), the first such paragraph. Subtitles right under it that open with a dash
//!   (`- … -`) are the deck;
//! - **the letterhead stays out of the body**: what comes before the title (the issuer,
//!   `보도자료`, `보도시점`/`배포` times, contact lines, often in a table) goes into
//!   [`SourceInfo`], and so does a trailing contact table (`담당 부서 … (044-…)`);
//! - pictures are kept by their SHA-256 (the library's asset id), each with the caption
//!   that follows it (a caption paragraph, or one opening with `▲`, `[사진]`, `<사진>`);
//! - footnotes are numbered `[1]`, `[2]`… where they stood and listed after a rule at
//!   the end of the body.
//!
//! The readers never run or keep anything executable (scripts, macros, OLE objects, PDF
//! actions): they read text, tables and pictures only. Every reader is bounded: see
//! `zip.rs` for the archives, `hwp.rs` for record sizes, `eml.rs` for attachments.

mod docx;
mod eml;
mod hwp;
mod hwpx;
mod pdf;
mod xml;
mod zip;

use std::path::Path;

use sha2::{Digest, Sha256};

use super::builder::{collapse_whitespace, Container, DocBuilder, MarkKind, TextKind};
use super::finish_fields;
use crate::error::{Error, Result};
use crate::model::article::ArticleFields;
use crate::model::doc::ImageAttrs;

pub use eml::MAX_ATTACHMENTS;

/// A press release read from a file: the draft's fields, the pictures its body points at
/// (to store as assets before the article), and where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Release {
    pub fields: ArticleFields,
    pub pictures: Vec<Picture>,
    pub source: SourceInfo,
    /// The file's bytes as they arrived (kept with the article, to save back out), when
    /// the release was read from a file ([`read_release_file`]); empty otherwise.
    pub original: Vec<u8>,
}

/// A picture of the release. The body's image block names it by `sha256`
/// (`ImageAttrs.asset`), the id [`crate::library::Library::put_asset`] gives the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub bytes: Vec<u8>,
    /// `image/png`, `image/jpeg`, `image/gif` or `image/webp` (read from the bytes).
    pub media_type: String,
    /// Lowercase hex SHA-256 of `bytes`.
    pub sha256: String,
    pub caption: String,
}

/// What the release says about itself, kept out of the body (and, in the library, beside
/// the article: `library::Source`).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SourceInfo {
    /// The file's name (an e-mail attachment's name for what came attached).
    pub file_name: String,
    /// The file's media type, e.g. `application/vnd.openxmlformats-officedocument.wordprocessingml.document`.
    pub media_type: String,
    /// Who issued it (the ministry or agency named in the letterhead).
    pub issuer: String,
    /// When it may be published (`보도시점`, `엠바고`), as the release writes it.
    pub embargo: String,
    /// Contact lines (department, name, telephone), as written.
    pub contacts: Vec<String>,
    /// The e-mail's sender (`이름 <주소>`), for a release that came by e-mail.
    pub sender: String,
    /// When it was sent (the e-mail's date, RFC 3339) or handed out (`배포`).
    pub date: String,
    /// The release's whole text as the reader found it, letterhead and contacts included
    /// ([`source_text`]): what the source pane shows beside the rewrite, and search covers.
    pub text: String,
}

/// The longest source text kept, in characters (about 1,000 pages); the rest is cut.
pub const SOURCE_TEXT_MAX_CHARS: usize = 2_000_000;

/// The whole text of what a reader found: each paragraph on its own line, each table row
/// as its cells separated by ` | `, the footnotes last as `[1] …`.
pub(crate) fn source_text(p: &Parsed) -> String {
    let mut lines: Vec<String> = Vec::new();
    for piece in &p.pieces {
        match piece {
            Piece::Para(para) => lines.push(para.text()),
            Piece::Table(rows) => {
                for row in rows {
                    let cells: Vec<String> = row.iter().map(cell_text).collect();
                    if cells.iter().any(|c| !c.is_empty()) {
                        lines.push(cells.join(" | "));
                    }
                }
            }
            Piece::Image(_) => {}
        }
    }
    for (i, note) in p.notes.iter().enumerate() {
        let t = collapse_whitespace(&note.iter().map(Para::text).collect::<Vec<_>>().join(" "));
        if !t.is_empty() {
            lines.push(format!("[{}] {t}", i + 1));
        }
    }
    lines.retain(|l| !l.is_empty());
    bounded_source_text(lines.join("\n"))
}

/// Cuts a source text to [`SOURCE_TEXT_MAX_CHARS`].
pub(crate) fn bounded_source_text(text: String) -> String {
    match text.char_indices().nth(SOURCE_TEXT_MAX_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// The binary formats a press release arrives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReleaseFormat {
    Docx,
    Hwpx,
    Hwp,
    Pdf,
    Eml,
}

impl ReleaseFormat {
    pub fn media_type(self) -> &'static str {
        match self {
            ReleaseFormat::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ReleaseFormat::Hwpx => "application/hwp+zip",
            ReleaseFormat::Hwp => "application/x-hwp",
            ReleaseFormat::Pdf => "application/pdf",
            ReleaseFormat::Eml => "message/rfc822",
        }
    }

    /// The format an attachment's or file's name names.
    pub fn of_name(name: &str) -> Option<ReleaseFormat> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "docx" => ReleaseFormat::Docx,
            "hwpx" => ReleaseFormat::Hwpx,
            "hwp" => ReleaseFormat::Hwp,
            "pdf" => ReleaseFormat::Pdf,
            "eml" => ReleaseFormat::Eml,
            _ => return None,
        })
    }
}

/// Reads a release from a file's bytes. `name` is the file's name (for the source info
/// and the headline of last resort). An `Err` is the reason, in plain words.
pub fn release_from_bytes(format: ReleaseFormat, name: &str, bytes: &[u8]) -> Result<Release, String> {
    release_at_depth(format, name, bytes, 0)
}

fn release_at_depth(format: ReleaseFormat, name: &str, bytes: &[u8], depth: u32) -> Result<Release, String> {
    if bytes.is_empty() {
        return Err("the file is empty".into());
    }
    let mut release = match format {
        ReleaseFormat::Eml => eml::read(bytes, depth)?,
        _ => {
            let parsed = match format {
                ReleaseFormat::Docx => docx::read(bytes)?,
                ReleaseFormat::Hwpx => hwpx::read(bytes)?,
                ReleaseFormat::Hwp => hwp::read(bytes)?,
                _ => pdf::read(bytes)?,
            };
            let text = source_text(&parsed);
            let mut release = assemble(parsed);
            release.source.text = text;
            release
        }
    };
    release.source.file_name = name.to_string();
    release.source.media_type = format.media_type().to_string();
    if release.fields.headline.is_empty() && release.fields.body.is_empty() {
        return Err("the file has no text to import".into());
    }
    if release.fields.headline.is_empty() {
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        release.fields.headline = collapse_whitespace(stem);
    }
    release.fields.body.validate().map_err(|e| format!("the file could not be converted: {e}"))?;
    Ok(release)
}

/// Reads the release file at `path` (its format from its extension).
pub fn read_release_file(path: &Path) -> Result<Release> {
    let refuse = |reason: String| Error::File { path: path.to_path_buf(), reason };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let format = ReleaseFormat::of_name(&name).ok_or_else(|| refuse("this is not a press release file (.hwp, .hwpx, .docx, .pdf or .eml)".into()))?;
    let bytes = super::files::read_bounded(path)?;
    let mut release = release_from_bytes(format, &name, &bytes).map_err(refuse)?;
    release.original = bytes;
    Ok(release)
}

// ---------------------------------------------------------------------------------------
// What readers produce.

/// A run of text with its marks, or a line break.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Run {
    Text { text: String, bold: bool, italic: bool, link: Option<String> },
    Break,
    /// A footnote reference: its number (1 for `notes[0]`), written `[1]`.
    Note(usize),
}

impl Run {
    pub(crate) fn plain(text: impl Into<String>) -> Run {
        Run::Text { text: text.into(), bold: false, italic: false, link: None }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ParaKind {
    #[default]
    Body,
    /// An outline level or heading style: 1 is the top.
    Heading(u8),
    /// A list item at a level (0 is the outermost).
    Bullet(u8),
    Numbered(u8),
    /// A caption (its style says so).
    Caption,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Para {
    pub runs: Vec<Run>,
    /// The largest type size in it, in points; 0 when the format does not say.
    pub size: f32,
    pub kind: ParaKind,
}

impl Para {
    pub(crate) fn text(&self) -> String {
        let mut s = String::new();
        for r in &self.runs {
            match r {
                Run::Text { text, .. } => s.push_str(text),
                Run::Break => s.push(' '),
                Run::Note(n) => s.push_str(&format!("[{n}]")),
            }
        }
        collapse_whitespace(&s)
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.runs.iter().all(|r| match r {
            Run::Text { text, .. } => text.trim().is_empty(),
            Run::Break | Run::Note(_) => true,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Cell {
    pub header: bool,
    pub colspan: u32,
    pub rowspan: u32,
    pub paras: Vec<Para>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Piece {
    Para(Para),
    Table(Vec<Vec<Cell>>),
    /// A picture: the index of its [`Picture`] in [`Parsed::pictures`].
    Image(usize),
}

/// A release as a reader found it.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub pieces: Vec<Piece>,
    /// Footnotes in the order of their numbers (`[1]` is `notes[0]`).
    pub notes: Vec<Vec<Para>>,
    pub pictures: Vec<Picture>,
}

/// Most pictures kept from one release; more are dropped.
pub(crate) const MAX_PICTURES: usize = 200;

impl Parsed {
    /// Adds a picture read from the file (when its bytes are an image a page can show)
    /// and its piece; returns whether it was kept.
    pub(crate) fn picture(&mut self, bytes: Vec<u8>) -> bool {
        let Some(media_type) = sniff_image(&bytes) else { return false };
        if self.pictures.len() >= MAX_PICTURES {
            return false;
        }
        let sha256 = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
        self.pictures.push(Picture { bytes, media_type: media_type.into(), sha256, caption: String::new() });
        self.pieces.push(Piece::Image(self.pictures.len() - 1));
        true
    }
}

/// The media type of image bytes a page can embed, from their first bytes.
pub(crate) fn sniff_image(b: &[u8]) -> Option<&'static str> {
    if b.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if b.starts_with(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if b.len() > 12 && &b[..4] == b"RIFF" && &b[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// From what readers produce to a release.

/// Labels of the letterhead: never a title.
const LABELS: &[&str] = &["보도자료", "보도참고자료", "보도 자료", "보도 참고자료", "설명자료", "해명자료", "참고자료", "press release"];
/// Labels whose value is the embargo.
const EMBARGO_LABELS: &[&str] = &["보도시점", "보도 시점", "보도일시", "보도 일시", "보도일자", "엠바고", "보도"];
/// Labels whose value is when it was handed out.
const DATE_LABELS: &[&str] = &["배포일시", "배포 일시", "배포일자", "배포시점", "배포"];
/// How many pieces from the top the title is looked for in.
const TITLE_WINDOW: usize = 40;

fn is_label(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
    LABELS.iter().any(|l| l.replace(' ', "") == t)
}

fn has_phone(text: &str) -> bool {
    phone_re().is_match(text)
}

fn phone_re() -> &'static regex::Regex {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| regex::Regex::new(r"\(?0\d{1,2}\)?[-.\s]?\d{3,4}[-.\s]\d{4}").expect("phone pattern"))
}

fn is_dateish(text: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"\d{4}\s*[.년/-]\s*\d{1,2}\s*[.월/-]\s*\d{1,2}").expect("date pattern"));
    re.is_match(text)
}

fn starts_with_label(text: &str, labels: &[&str]) -> Option<usize> {
    let t = text.trim_start();
    let lead = text.len() - t.len();
    labels.iter().filter(|l| t.starts_with(**l)).map(|l| lead + l.len()).max()
}

/// A line of the letterhead: a paragraph, or a table row as its cells.
fn letterhead_lines(pieces: &[Piece]) -> Vec<Vec<String>> {
    let mut lines = Vec::new();
    for p in pieces {
        match p {
            Piece::Para(para) => {
                let t = para.text();
                if !t.is_empty() {
                    lines.push(vec![t]);
                }
            }
            Piece::Table(rows) => {
                for row in rows {
                    let cells: Vec<String> = row.iter().map(cell_text).filter(|t| !t.is_empty()).collect();
                    if !cells.is_empty() {
                        lines.push(cells);
                    }
                }
            }
            Piece::Image(_) => {}
        }
    }
    lines
}

fn cell_text(c: &Cell) -> String {
    collapse_whitespace(&c.paras.iter().map(Para::text).collect::<Vec<_>>().join(" "))
}

/// The value after a label in `cells[i]` (the rest of the cell, else the next cell).
fn value_after(cells: &[String], i: usize, at: usize) -> String {
    let rest = cells[i][at..].trim_start_matches([':', '：', ' ', '|', '\u{a0}']).trim();
    // A second label in the same cell ends the value (`보도시점 … 배포 …`).
    let rest = match DATE_LABELS.iter().chain(EMBARGO_LABELS).filter_map(|l| rest.find(l).filter(|&p| p > 0)).min() {
        Some(end) => rest[..end].trim().trim_end_matches(['/', '|', ',']).trim(),
        None => rest,
    };
    if !rest.is_empty() {
        rest.to_string()
    } else {
        cells.get(i + 1).cloned().unwrap_or_default()
    }
}

/// Reads the letterhead's facts into `source`.
fn read_letterhead(lines: &[Vec<String>], source: &mut SourceInfo) {
    for cells in lines {
        let joined = cells.join(" ");
        if has_phone(&joined) {
            if !source.contacts.contains(&joined) {
                source.contacts.push(joined);
            }
            continue;
        }
        let mut labelled = false;
        for (i, cell) in cells.iter().enumerate() {
            let rest_cells = cells.get(i + 1..).unwrap_or(&[]);
            for (pos, _) in cell.char_indices() {
                let tail = &cell[pos..];
                if pos > 0 && !cell[..pos].ends_with([' ', '/', '|', ',', '(']) || is_label(tail) {
                    continue;
                }
                let with_rest = || std::iter::once(tail.to_string()).chain(rest_cells.iter().cloned()).collect::<Vec<_>>();
                if let Some(at) = starts_with_label(tail, DATE_LABELS) {
                    let v = value_after(&with_rest(), 0, at);
                    if is_dateish(&v) {
                        if source.date.is_empty() {
                            source.date = v;
                        }
                        labelled = true;
                    }
                } else if let Some(at) = starts_with_label(tail, EMBARGO_LABELS) {
                    let v = value_after(&with_rest(), 0, at);
                    if is_dateish(&v) || v.contains("즉시") {
                        if source.embargo.is_empty() {
                            source.embargo = v;
                        }
                        labelled = true;
                    }
                }
            }
        }
        if labelled {
            continue;
        }
        for cell in cells {
            if source.issuer.is_empty() && !is_label(cell) && !is_dateish(cell) && cell.chars().count() <= 40 {
                source.issuer = cell.clone();
            }
        }
    }
}

/// Whether a paragraph could be the title: text, not a label, date or contact line.
fn title_candidate(p: &Para) -> bool {
    let t = p.text();
    !t.is_empty()
        && !is_label(&t)
        && !has_phone(&t)
        && starts_with_label(&t, EMBARGO_LABELS).is_none()
        && starts_with_label(&t, DATE_LABELS).is_none()
        && !(is_dateish(&t) && t.chars().count() < 40)
        && t.chars().count() <= crate::model::limits::HEADLINE_MAX
}

/// A subtitle under the title: a line set between dashes, or opened by one.
fn subtitle_text(p: &Para) -> Option<String> {
    let t = p.text();
    let dashes: &[char] = &['-', '–', '—', '―', '─', '‐'];
    let inner = t.strip_prefix(dashes)?;
    let inner = inner.trim_end().trim_end_matches(dashes).trim();
    (!inner.is_empty()).then(|| inner.to_string())
}

fn is_caption_text(t: &str) -> bool {
    let t = t.trim_start();
    ["▲", "△", "[사진", "<사진", "〈사진", "사진 =", "[그림", "<그림"].iter().any(|p| t.starts_with(p))
}

/// A trailing table of contacts (`담당 부서`, telephone numbers) belongs in the source.
fn is_contact_table(rows: &[Vec<Cell>]) -> bool {
    let text: String = rows.iter().flatten().map(cell_text).collect::<Vec<_>>().join(" ");
    has_phone(&text) && (text.contains("담당") || text.contains("문의") || text.contains("책임자"))
}

/// Builds the release from what a reader found (see the module documentation).
pub(crate) fn assemble(parsed: Parsed) -> Release {
    let Parsed { mut pieces, notes, mut pictures } = parsed;
    let mut source = SourceInfo::default();

    // The title: the largest type among the first paragraphs outside tables.
    let window = pieces.len().min(TITLE_WINDOW);
    let mut title: Option<(usize, f32)> = None;
    for (i, p) in pieces[..window].iter().enumerate() {
        if let Piece::Para(para) = p {
            if title_candidate(para) && title.is_none_or(|(_, size)| para.size > size) {
                title = Some((i, para.size));
            }
        }
    }
    let mut headline = String::new();
    let mut deck = Vec::new();
    let mut start = 0;
    if let Some((i, _)) = title {
        read_letterhead(&letterhead_lines(&pieces[..i]), &mut source);
        if let Piece::Para(p) = &pieces[i] {
            headline = p.text();
        }
        start = i + 1;
        while let Some(Piece::Para(p)) = pieces.get(start) {
            if p.is_blank() {
                start += 1;
            } else if let Some(sub) = subtitle_text(p) {
                deck.push(sub);
                start += 1;
            } else {
                break;
            }
        }
    }
    // Contact tables at the end of the body go to the source too.
    let mut end = pieces.len();
    while end > start {
        match &pieces[end - 1] {
            Piece::Para(p) if p.is_blank() => end -= 1,
            Piece::Table(rows) if is_contact_table(rows) => {
                for cells in letterhead_lines(&pieces[end - 1..end]) {
                    let line = cells.join(" ");
                    if !source.contacts.contains(&line) {
                        source.contacts.push(line);
                    }
                }
                end -= 1;
            }
            _ => break,
        }
    }
    pieces.truncate(end);

    let mut b = DocBuilder::new(true);
    let mut lists: Vec<(bool, u8)> = Vec::new();
    let body: Vec<Piece> = pieces.drain(start.min(pieces.len())..).collect();
    let mut iter = body.into_iter().peekable();
    while let Some(piece) = iter.next() {
        let list_kind = match &piece {
            Piece::Para(Para { kind: ParaKind::Bullet(l), .. }) => Some((false, *l)),
            Piece::Para(Para { kind: ParaKind::Numbered(l), .. }) => Some((true, *l)),
            _ => None,
        };
        match list_kind {
            Some((ordered, level)) => {
                let level = level.min(8);
                while lists.last().is_some_and(|&(o, l)| l > level || (l == level && o != ordered)) {
                    b.close(); // the item
                    b.close(); // the list
                    lists.pop();
                }
                if lists.last().is_some_and(|&(_, l)| l == level) {
                    b.close(); // the previous item
                } else {
                    b.open(if ordered { Container::OrderedList(1) } else { Container::BulletList });
                    lists.push((ordered, level));
                }
                b.open(Container::ListItem);
            }
            None => {
                if !matches!(&piece, Piece::Para(p) if p.is_blank()) {
                    while lists.pop().is_some() {
                        b.close();
                        b.close();
                    }
                }
            }
        }
        match piece {
            Piece::Para(p) => para(&mut b, &p),
            Piece::Table(rows) => table(&mut b, &rows),
            Piece::Image(index) => {
                let mut caption = String::new();
                if let Some(Piece::Para(next)) = iter.peek() {
                    if next.kind == ParaKind::Caption || is_caption_text(&next.text()) {
                        caption = next.text();
                        iter.next();
                    }
                }
                if let Some(pic) = pictures.get_mut(index) {
                    pic.caption = caption.clone();
                    b.image(ImageAttrs { asset: pic.sha256.clone(), alt: String::new(), caption, credit: String::new() });
                }
            }
        }
    }
    while lists.pop().is_some() {
        b.close();
        b.close();
    }
    if notes.iter().any(|n| n.iter().any(|p| !p.is_blank())) {
        b.rule();
        b.open(Container::OrderedList(1));
        for note in &notes {
            b.open(Container::ListItem);
            for p in note {
                para(&mut b, &Para { kind: ParaKind::Body, ..p.clone() });
            }
            if note.iter().all(Para::is_blank) {
                b.text("-");
            }
            b.close();
        }
        b.close();
    }
    // Pictures the body does not show (dropped in a table cell, say) are not kept.
    let body = b.finish();
    let shown: std::collections::HashSet<String> = body
        .blocks()
        .filter_map(|bl| match bl {
            crate::model::Block::Image { attrs } => Some(attrs.asset.clone()),
            _ => None,
        })
        .collect();
    pictures.retain(|p| shown.contains(&p.sha256));
    pictures.dedup_by(|a, b| a.sha256 == b.sha256);
    let fields = finish_fields(ArticleFields { headline, deck: deck.join(" "), body, ..ArticleFields::default() });
    source.issuer = collapse_whitespace(&source.issuer);
    Release { fields, pictures, source, original: Vec::new() }
}

/// One paragraph into the builder.
fn para(b: &mut DocBuilder, p: &Para) {
    let kind = match p.kind {
        ParaKind::Heading(level) => TextKind::Heading((level + 1).clamp(2, 4)),
        _ => TextKind::Paragraph,
    };
    b.begin_block(kind);
    for run in &p.runs {
        match run {
            Run::Break => b.hard_break(),
            Run::Note(n) => b.text(&format!("[{n}]")),
            Run::Text { text, bold, italic, link } => {
                let linked = link.as_deref().is_some_and(|href| b.push_link(href));
                if *bold {
                    b.push_mark(MarkKind::Bold);
                }
                if *italic {
                    b.push_mark(MarkKind::Italic);
                }
                b.text(text);
                if *italic {
                    b.pop_mark(MarkKind::Italic);
                }
                if *bold {
                    b.pop_mark(MarkKind::Bold);
                }
                if linked {
                    b.pop_link();
                }
            }
        }
    }
    b.end_block();
}

/// A table into the builder. A table whose first row is all bold (and marked nowhere) has
/// that row as its header.
fn table(b: &mut DocBuilder, rows: &[Vec<Cell>]) {
    let bold_first = rows.first().is_some_and(|r| {
        !r.is_empty()
            && r.iter().all(|c| {
                let texts: Vec<&Run> = c.paras.iter().flat_map(|p| &p.runs).filter(|r| matches!(r, Run::Text { text, .. } if !text.trim().is_empty())).collect();
                !texts.is_empty() && texts.iter().all(|r| matches!(r, Run::Text { bold: true, .. }))
            })
    }) && rows.len() > 1
        && !rows.iter().flatten().any(|c| c.header);
    b.open(Container::Table);
    for (r, row) in rows.iter().enumerate() {
        b.open(Container::TableRow);
        for cell in row {
            let header = cell.header || (bold_first && r == 0);
            b.open(Container::TableCell { header, colspan: cell.colspan.max(1), rowspan: cell.rowspan.max(1) });
            for p in &cell.paras {
                if header {
                    // A header cell is shown bold anyway.
                    let mut p = p.clone();
                    for run in &mut p.runs {
                        if let Run::Text { bold, .. } = run {
                            *bold = false;
                        }
                    }
                    para(b, &p);
                } else {
                    para(b, p);
                }
            }
            b.close();
        }
        b.close();
    }
    b.close();
}

/// Reads a whole release read for an e-mail attachment (one level of e-mail inside e-mail).
pub(crate) fn attachment(name: &str, bytes: &[u8], depth: u32) -> Option<Result<Release, String>> {
    let format = ReleaseFormat::of_name(name)?;
    if format == ReleaseFormat::Eml && depth >= 1 {
        return None;
    }
    Some(release_at_depth(format, name, bytes, depth + 1))
}

/// Runs a reader that may panic on hostile input (a dependency's bug), turning a panic
/// into a refusal.
pub(crate) fn guarded<T>(what: &str, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(_) => Err(format!("the {what} is damaged or uses something Newsdesk cannot read")),
    }
}
