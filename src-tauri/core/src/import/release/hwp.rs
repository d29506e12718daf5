//! Hangul 5 documents (`.hwp`): an OLE compound file (read with cfb) of record streams,
//! parsed here. `hwpers` was looked at and not used: a large dependency for what is read
//! here, and a parser whose bounds on hostile record sizes we could not check; the record
//! format is small enough to read with bounds of our own.
//!
//! Read: `FileHeader` (the signature; the compression, password and distribution flags),
//! `DocInfo` (character shapes: size and bold; paragraph shapes: bullet, numbering or
//! outline heads; pictures' `BinData` entries), `BodyText/Section*` (paragraphs: text,
//! character shape runs; controls: tables and their cells, pictures, footnotes,
//! hyperlink fields). A password-protected or distribution (배포용) document is refused:
//! its text is encrypted. Records are checked against what is left of their stream, at
//! most [`MAX_STREAM_BYTES`] are decompressed per stream and [`MAX_RECORDS`] records read,
//! and controls nest at most [`MAX_LEVEL`] deep, so a file that lies about its sizes is
//! refused, not a panic or an allocation it asks for.
use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::{Cell, Para, ParaKind, Parsed, Piece, Run};

const WHAT: &str = "Hangul (HWP) document";
/// Most bytes one stream decompresses to.
const MAX_STREAM_BYTES: u64 = 64 * 1024 * 1024;
/// Most records read from one stream.
const MAX_RECORDS: usize = 2_000_000;
/// Deepest record level followed (tables in cells in tables…).
const MAX_LEVEL: u16 = 40;
/// Most sections read.
const MAX_SECTIONS: usize = 200;

const TAG_BIN_DATA: u16 = 0x12;
const TAG_CHAR_SHAPE: u16 = 0x15;
const TAG_PARA_SHAPE: u16 = 0x19;
const TAG_PARA_HEADER: u16 = 0x42;
const TAG_PARA_TEXT: u16 = 0x43;
const TAG_PARA_CHAR_SHAPE: u16 = 0x44;
const TAG_CTRL_HEADER: u16 = 0x47;
const TAG_LIST_HEADER: u16 = 0x48;
const TAG_SHAPE_PICTURE: u16 = 0x55;

struct Record<'a> {
    tag: u16,
    level: u16,
    data: &'a [u8],
}

fn le16(d: &[u8], at: usize) -> Option<u16> {
    d.get(at..at + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn le32(d: &[u8], at: usize) -> Option<u32> {
    d.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn chid(s: &[u8; 4]) -> u32 {
    u32::from_be_bytes(*s)
}

/// The records of a stream; a record whose size runs past the stream's end is refused.
fn records(data: &[u8]) -> Result<Vec<Record<'_>>, String> {
    let mut out = Vec::new();
    let mut at = 0usize;
    while at + 4 <= data.len() {
        if out.len() >= MAX_RECORDS {
            return Err(format!("the {WHAT} is too large to read (over {MAX_RECORDS} records in one part)"));
        }
        let head = le32(data, at).unwrap_or(0);
        at += 4;
        let tag = (head & 0x3FF) as u16;
        let level = ((head >> 10) & 0x3FF) as u16;
        let mut size = (head >> 20) as usize;
        if size == 0xFFF {
            size = le32(data, at).ok_or_else(damaged)? as usize;
            at += 4;
        }
        let end = at.checked_add(size).filter(|&e| e <= data.len()).ok_or_else(damaged)?;
        out.push(Record { tag, level, data: &data[at..end] });
        at = end;
    }
    Ok(out)
}

fn damaged() -> String {
    format!("the {WHAT} is damaged: its records do not fit their streams (save it again from Hangul)")
}

pub(crate) fn read(bytes: &[u8]) -> Result<Parsed, String> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(format!("this is not a {WHAT} of version 5 (an older HWP 3 file, or another format): save it again from Hangul as .hwp or .hwpx"));
    }
    super::guarded(WHAT, || read_inner(bytes))
}

fn read_stream(cfb: &mut cfb::CompoundFile<Cursor<&[u8]>>, path: &str, compressed: bool) -> Result<Option<Vec<u8>>, String> {
    let Ok(stream) = cfb.open_stream(path) else { return Ok(None) };
    let mut raw = Vec::new();
    stream.take(MAX_STREAM_BYTES + 1).read_to_end(&mut raw).map_err(|_| damaged())?;
    let data = if compressed {
        let mut out = Vec::new();
        flate2::read::DeflateDecoder::new(&raw[..]).take(MAX_STREAM_BYTES + 1).read_to_end(&mut out).map_err(|_| damaged())?;
        out
    } else {
        raw
    };
    if data.len() as u64 > MAX_STREAM_BYTES {
        return Err(format!("the {WHAT} unpacks to more than Newsdesk reads ({} MB in one part)", MAX_STREAM_BYTES >> 20));
    }
    Ok(Some(data))
}

fn read_inner(bytes: &[u8]) -> Result<Parsed, String> {
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| format!("the {WHAT} is damaged or incomplete: save or download it again"))?;
    let header = read_stream(&mut cfb, "/FileHeader", false)?.ok_or_else(|| format!("this is not a {WHAT}: it has no FileHeader"))?;
    if !header.starts_with(b"HWP Document File") || header.len() < 40 {
        return Err(format!("this is not a {WHAT}: its FileHeader is not Hangul's"));
    }
    let flags = le32(&header, 36).unwrap_or(0);
    if flags & 0x2 != 0 {
        return Err("the HWP document is protected with a password (암호): open it in Hangul, remove the password, save it and import it again".into());
    }
    if flags & 0x4 != 0 {
        return Err("this is a distribution (배포용) HWP document: its text is locked for reading in Hangul only and cannot be imported. Ask the sender for the original file, or a PDF or HWPX copy".into());
    }
    let compressed = flags & 0x1 != 0;
    let docinfo = read_stream(&mut cfb, "/DocInfo", compressed)?.unwrap_or_default();
    let info = read_docinfo(&docinfo)?;
    let mut r = Reader { info, parsed: Parsed::default() };
    for n in 0..MAX_SECTIONS {
        let Some(section) = read_stream(&mut cfb, &format!("/BodyText/Section{n}"), compressed)? else { break };
        let recs = records(&section)?;
        let mut i = 0;
        while i < recs.len() {
            if recs[i].tag == TAG_PARA_HEADER && recs[i].level == 0 {
                let (para, found, next) = r.paragraph(&recs, i, true);
                if !para.is_blank() {
                    r.parsed.pieces.push(Piece::Para(para));
                }
                for f in found {
                    match f {
                        Found::Table(rows) => r.parsed.pieces.push(Piece::Table(rows)),
                        Found::Picture(id) => {
                            let Some(ext) = r.info.bin_ext.get(&id).cloned() else { continue };
                            let path = format!("/BinData/BIN{id:04X}.{ext}");
                            let bytes = match read_stream(&mut cfb, &path, compressed) {
                                Ok(Some(b)) => Some(b),
                                _ => read_stream(&mut cfb, &path, false)?,
                            };
                            if let Some(bytes) = bytes {
                                r.parsed.picture(bytes);
                            }
                        }
                    }
                }
                i = next;
            } else {
                i += 1;
            }
        }
    }
    Ok(r.parsed)
}

#[derive(Default)]
struct Info {
    /// Character shapes in order: (size in points, bold, italic).
    chars: Vec<(f32, bool, bool)>,
    /// Paragraph shapes in order.
    paras: Vec<ParaKind>,
    /// BinData id → extension.
    bin_ext: HashMap<u16, String>,
}

fn read_docinfo(data: &[u8]) -> Result<Info, String> {
    let mut info = Info::default();
    let mut bin_id = 0u16;
    for rec in records(data)? {
        match rec.tag {
            TAG_CHAR_SHAPE => {
                let size = le32(rec.data, 42).map_or(10.0, |s| s as i32 as f32 / 100.0);
                let props = le32(rec.data, 46).unwrap_or(0);
                info.chars.push((size, props & 0x2 != 0, props & 0x1 != 0));
            }
            TAG_PARA_SHAPE => {
                let props = le32(rec.data, 0).unwrap_or(0);
                let level = ((props >> 25) & 0x7) as u8;
                info.paras.push(match (props >> 23) & 0x3 {
                    1 => ParaKind::Heading(level + 1),
                    2 => ParaKind::Numbered(level),
                    3 => ParaKind::Bullet(level),
                    _ => ParaKind::Body,
                });
            }
            TAG_BIN_DATA => {
                bin_id += 1;
                let props = le16(rec.data, 0).unwrap_or(0);
                if props & 0x3 == 1 {
                    let id = le16(rec.data, 2).unwrap_or(bin_id);
                    let len = le16(rec.data, 4).unwrap_or(0) as usize;
                    let ext = rec.data.get(6..6 + len * 2).map(utf16).unwrap_or_default().to_ascii_lowercase();
                    if !ext.is_empty() && ext.len() <= 8 && ext.chars().all(|c| c.is_ascii_alphanumeric()) {
                        info.bin_ext.insert(id, ext);
                    }
                }
            }
            _ => {}
        }
    }
    Ok(info)
}

fn utf16(b: &[u8]) -> String {
    let units: Vec<u16> = b.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
    String::from_utf16_lossy(&units)
}

enum Found {
    Table(Vec<Vec<Cell>>),
    Picture(u16),
}

struct Reader {
    info: Info,
    parsed: Parsed,
}

impl Reader {
    /// The paragraph whose header is `recs[i]`: its text and what its controls hold
    /// (tables, pictures; footnotes go to the notes). Returns the index after it.
    fn paragraph(&mut self, recs: &[Record], i: usize, top: bool) -> (Para, Vec<Found>, usize) {
        let level = recs[i].level;
        let head = recs[i].data;
        let shape = le16(head, 8).unwrap_or(0) as usize;
        let mut para = Para { kind: self.info.paras.get(shape).copied().unwrap_or_default(), ..Para::default() };
        let mut text: &[u8] = &[];
        let mut shapes: Vec<(u32, u32)> = Vec::new();
        let mut ctrls: Vec<usize> = Vec::new();
        let mut j = i + 1;
        while j < recs.len() && recs[j].level > level {
            let r = &recs[j];
            if r.level == level + 1 {
                match r.tag {
                    TAG_PARA_TEXT => text = r.data,
                    TAG_PARA_CHAR_SHAPE => {
                        shapes = r.data.chunks_exact(8).map(|c| (le32(c, 0).unwrap_or(0), le32(c, 4).unwrap_or(0))).collect();
                    }
                    TAG_CTRL_HEADER => ctrls.push(j),
                    _ => {}
                }
            }
            j += 1;
        }
        let end = j;
        let mut found = Vec::new();
        let mut ctrl_at = 0usize;
        let mut link: Option<String> = None;
        let units: Vec<u16> = text.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
        let mut k = 0usize;
        let mut buf = String::new();
        let mut cur = (10.0f32, false, false);
        let chars = self.info.chars.clone();
        let style_at = |pos: usize| -> (f32, bool, bool) {
            let id = shapes.iter().take_while(|(p, _)| *p as usize <= pos).last().map_or(0, |s| s.1) as usize;
            chars.get(id).copied().unwrap_or((10.0, false, false))
        };
        let flush = |buf: &mut String, para: &mut Para, style: (f32, bool, bool), link: &Option<String>| {
            if buf.is_empty() {
                return;
            }
            if !buf.trim().is_empty() && style.0 > para.size {
                para.size = style.0;
            }
            para.runs.push(Run::Text { text: std::mem::take(buf), bold: style.1, italic: style.2, link: link.clone() });
        };
        while k < units.len() {
            let u = units[k];
            let style = style_at(k);
            if style != cur {
                flush(&mut buf, &mut para, cur, &link);
                cur = style;
            }
            match u {
                0 | 13 => k += 1,
                10 => {
                    flush(&mut buf, &mut para, cur, &link);
                    para.runs.push(Run::Break);
                    k += 1;
                }
                24 => {
                    buf.push('-');
                    k += 1;
                }
                25..=31 => {
                    buf.push(' ');
                    k += 1;
                }
                4..=9 | 19 | 20 => {
                    if u == 9 {
                        buf.push(' ');
                    }
                    if u == 4 {
                        flush(&mut buf, &mut para, cur, &link);
                        link = None;
                    }
                    k += 8;
                }
                1..=3 | 11 | 12 | 14..=18 | 21..=23 => {
                    let ctrl = ctrls.get(ctrl_at).copied();
                    ctrl_at += 1;
                    if let Some(c) = ctrl {
                        let id = le32(recs[c].data, 0).unwrap_or(0);
                        if id == chid(b"%hlk") {
                            flush(&mut buf, &mut para, cur, &link);
                            link = hyperlink(recs[c].data);
                        } else if id == chid(b"fn  ") || id == chid(b"en  ") {
                            let note = self.list_paragraphs(recs, c);
                            self.parsed.notes.push(note);
                            flush(&mut buf, &mut para, cur, &link);
                            para.runs.push(Run::Note(self.parsed.notes.len()));
                        } else if id == chid(b"tbl ") && top {
                            found.push(Found::Table(self.table(recs, c)));
                        } else if id == chid(b"tbl ") {
                            // A table in a cell: its rows as text.
                            for row in self.table(recs, c) {
                                let t = row.iter().map(super::cell_text).collect::<Vec<_>>().join(" | ");
                                buf.push_str(&t);
                                buf.push(' ');
                            }
                        } else if id == chid(b"gso ") && top {
                            if let Some(bin) = picture(recs, c) {
                                found.push(Found::Picture(bin));
                            }
                        }
                    }
                    k += 8;
                }
                0xD800..=0xDBFF => {
                    let low = units.get(k + 1).copied().unwrap_or(0);
                    if let Some(c) = char::decode_utf16([u, low]).next().and_then(Result::ok) {
                        buf.push(c);
                    }
                    k += 2;
                }
                _ => {
                    if let Some(c) = char::from_u32(u32::from(u)) {
                        buf.push(c);
                    }
                    k += 1;
                }
            }
        }
        flush(&mut buf, &mut para, cur, &link);
        (para, found, end)
    }

    /// The paragraphs of the list (cell, footnote) under the control header `recs[c]`.
    fn list_paragraphs(&mut self, recs: &[Record], c: usize) -> Vec<Para> {
        let level = recs[c].level;
        let mut out = Vec::new();
        let mut j = c + 1;
        while j < recs.len() && recs[j].level > level {
            if recs[j].tag == TAG_PARA_HEADER && recs[j].level == level + 1 && level < MAX_LEVEL {
                let (p, _, next) = self.paragraph(recs, j, false);
                out.push(p);
                j = next;
            } else {
                j += 1;
            }
        }
        out
    }

    fn table(&mut self, recs: &[Record], c: usize) -> Vec<Vec<Cell>> {
        let level = recs[c].level;
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        if level >= MAX_LEVEL {
            return rows;
        }
        let mut j = c + 1;
        while j < recs.len() && recs[j].level > level {
            let r = &recs[j];
            if r.tag == TAG_LIST_HEADER && r.level == level + 1 {
                let d = r.data;
                let (col, row) = (le16(d, 6).unwrap_or(0) as usize, le16(d, 8).unwrap_or(0) as usize);
                let (colspan, rowspan) = (le16(d, 10).unwrap_or(1) as u32, le16(d, 12).unwrap_or(1) as u32);
                let mut paras = Vec::new();
                let mut k = j + 1;
                while k < recs.len() && recs[k].level > level && !(recs[k].tag == TAG_LIST_HEADER && recs[k].level == level + 1) {
                    if recs[k].tag == TAG_PARA_HEADER && recs[k].level == level + 1 {
                        let (p, _, next) = self.paragraph(recs, k, false);
                        paras.push(p);
                        k = next;
                    } else {
                        k += 1;
                    }
                }
                let row = row.min(crate::model::limits::TABLE_ROWS_MAX);
                while rows.len() <= row {
                    rows.push(Vec::new());
                }
                let _ = col;
                rows[row].push(Cell { header: false, colspan, rowspan, paras });
                j = k;
            } else {
                j += 1;
            }
        }
        rows.retain(|r| !r.is_empty());
        rows
    }
}

/// The command of a hyperlink field: the address up to the first unescaped `;`.
fn hyperlink(d: &[u8]) -> Option<String> {
    let len = le16(d, 9)? as usize;
    let cmd = utf16(d.get(11..11 + len * 2)?);
    let mut out = String::new();
    let mut chars = cmd.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            ';' => break,
            c => out.push(c),
        }
    }
    (!out.trim().is_empty()).then(|| out.trim().to_string())
}

/// The BinData id of a picture drawn by the control `recs[c]`.
fn picture(recs: &[Record], c: usize) -> Option<u16> {
    let level = recs[c].level;
    recs[c + 1..].iter().take_while(|r| r.level > level).find(|r| r.tag == TAG_SHAPE_PICTURE).and_then(|r| le16(r.data, 71))
}
