//! PDF: the text layer, with each glyph's position and size, through pdf-extract (over
//! lopdf). pdf-extract was chosen over lopdf alone because it decodes fonts (ToUnicode
//! maps, CID fonts) and hands over every glyph with its transform, which the title (the
//! largest type) and the reading order need; lopdf's own `extract_text` gives neither. Both
//! can panic on damaged files, so the reading runs under `catch_unwind` ([`super::guarded`]);
//! and as pdf-extract follows form XObjects recursively without a bound, a file whose
//! forms draw themselves (which would overflow the stack) is refused before it runs.
//!
//! Lines are glyphs on one baseline, in the order of the page (top to bottom); a line
//! that repeats in the top or bottom tenth of several pages (a running header or footer)
//! and a lone page number are dropped. Lines join into paragraphs across line and page
//! breaks unless the type size changes, the gap before the line is wider than a line, the
//! line before it ends short of the margin, or the line opens with a bullet. Addresses in
//! the text (`https://…`) become links. Nothing a PDF could run (JavaScript, launch or
//! submit actions, forms, embedded files) is read. A PDF with no text layer (a scan) is
//! refused with a message that says so.
use std::collections::{HashMap, HashSet};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::{Para, ParaKind, Parsed, Piece, Run};

const WHAT: &str = "PDF";
/// Most glyphs read from one file.
const MAX_GLYPHS: usize = 4_000_000;
/// Most pages read.
const MAX_PAGES: usize = 2_000;

pub(crate) fn read(bytes: &[u8]) -> Result<Parsed, String> {
    if !bytes.starts_with(b"%PDF") && !bytes.get(..1024).is_some_and(|h| h.windows(4).any(|w| w == b"%PDF")) {
        return Err("this is not a PDF file: it does not start as one".into());
    }
    let glyphs = super::guarded(WHAT, || extract(bytes))?;
    let lines = lines(glyphs);
    if lines.iter().all(|l| l.text.trim().is_empty()) {
        return Err("this PDF has no text to read: it looks like a scan (pictures of pages). Ask the sender for the original document (HWP, DOCX) or a PDF with text, or run it through text recognition first".into());
    }
    Ok(paragraphs(lines))
}

struct Glyph {
    page: u32,
    x: f64,
    /// From the top of the page.
    y: f64,
    end: f64,
    size: f64,
    height: f64,
    text: String,
}

#[derive(Default)]
struct Collector {
    glyphs: Vec<Glyph>,
    page: u32,
    height: f64,
    flip: Option<Transform>,
    pages: usize,
}

impl OutputDev for Collector {
    fn begin_page(&mut self, page_num: u32, media_box: &MediaBox, _: Option<(f64, f64, f64, f64)>) -> Result<(), OutputError> {
        self.pages += 1;
        if self.pages > MAX_PAGES {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        self.page = page_num;
        self.height = (media_box.ury - media_box.lly).abs();
        self.flip = Some(Transform::row_major(1., 0., 0., -1., 0., media_box.ury - media_box.lly));
        Ok(())
    }
    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn output_character(&mut self, trm: &Transform, width: f64, _spacing: f64, font_size: f64, char: &str) -> Result<(), OutputError> {
        if self.glyphs.len() >= MAX_GLYPHS {
            return Err(OutputError::FormatError(std::fmt::Error));
        }
        let flip = self.flip.unwrap_or_else(Transform::identity);
        let pos = trm.post_transform(&flip);
        let (vx, vy) = (font_size * (trm.m11 + trm.m21), font_size * (trm.m12 + trm.m22));
        let size = (vx * vy).abs().sqrt();
        if !size.is_finite() || !pos.m31.is_finite() || !pos.m32.is_finite() {
            return Ok(());
        }
        self.glyphs.push(Glyph { page: self.page, x: pos.m31, y: pos.m32, end: pos.m31 + width * size, size, height: self.height, text: char.to_string() });
        Ok(())
    }
    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

fn extract(bytes: &[u8]) -> Result<Vec<Glyph>, String> {
    let doc = pdf_extract::Document::load_mem(bytes).map_err(|_| "the PDF is damaged or incomplete: save or download it again".to_string())?;
    if doc.is_encrypted() {
        return Err("the PDF is protected with a password: ask the sender for an unprotected copy".into());
    }
    if forms_draw_themselves(&doc) {
        return Err("the PDF is damaged: its drawings refer to themselves without end".into());
    }
    let mut c = Collector::default();
    // A page that fails is left out; what was read of the others is kept.
    let pages: Vec<u32> = doc.get_pages().keys().copied().take(MAX_PAGES).collect();
    for p in pages {
        if pdf_extract::output_doc_page(&doc, &mut c, p).is_err() && c.glyphs.len() >= MAX_GLYPHS {
            break;
        }
    }
    Ok(c.glyphs)
}

/// True when a form XObject can reach itself through the XObjects of its resources (a
/// form without resources of its own draws with those it was found in).
fn forms_draw_themselves(doc: &pdf_extract::Document) -> bool {
    use pdf_extract::Object;
    let xobjects_of = |dict: &pdf_extract::Dictionary| -> Vec<pdf_extract::ObjectId> {
        let res = match dict.get(b"Resources") {
            Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        };
        let xo = res.and_then(|r| match r.get(b"XObject") {
            Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
            Ok(Object::Dictionary(d)) => Some(d),
            _ => None,
        });
        xo.map(|d| d.iter().filter_map(|(_, v)| v.as_reference().ok()).collect()).unwrap_or_default()
    };
    // Edges: form → the forms its resources name; a form without resources → its siblings.
    let mut edges: HashMap<pdf_extract::ObjectId, Vec<pdf_extract::ObjectId>> = HashMap::new();
    let is_form = |id: &pdf_extract::ObjectId| {
        doc.get_object(*id).ok().and_then(|o| o.as_stream().ok()).is_some_and(|s| s.dict.get(b"Subtype").ok().and_then(|v| v.as_name().ok()) == Some(b"Form"))
    };
    let mut containers: Vec<(Option<pdf_extract::ObjectId>, Vec<pdf_extract::ObjectId>)> = Vec::new();
    for (id, obj) in doc.objects.iter() {
        let dict = match obj {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        let kids: Vec<_> = xobjects_of(dict).into_iter().filter(&is_form).collect();
        if !kids.is_empty() {
            let owner = matches!(obj, Object::Stream(_)).then_some(*id);
            containers.push((owner, kids));
        }
    }
    for (owner, kids) in &containers {
        if let Some(o) = owner {
            edges.entry(*o).or_default().extend(kids.iter().copied());
        }
        for k in kids {
            let has_own = doc.get_object(*k).ok().and_then(|o| o.as_stream().ok()).is_some_and(|s| s.dict.has(b"Resources"));
            if !has_own {
                edges.entry(*k).or_default().extend(kids.iter().copied());
            }
        }
    }
    // A cycle, found with an explicit stack.
    let mut state: HashMap<pdf_extract::ObjectId, u8> = HashMap::new();
    for &start in edges.keys() {
        if state.contains_key(&start) {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        state.insert(start, 1);
        while let Some((node, i)) = stack.pop() {
            let next = edges.get(&node).and_then(|e| e.get(i)).copied();
            match next {
                Some(n) => {
                    stack.push((node, i + 1));
                    match state.get(&n) {
                        Some(1) => return true,
                        Some(_) => {}
                        None => {
                            state.insert(n, 1);
                            stack.push((n, 0));
                        }
                    }
                }
                None => {
                    state.insert(node, 2);
                }
            }
        }
    }
    false
}

struct Line {
    page: u32,
    y: f64,
    x1: f64,
    size: f64,
    height: f64,
    text: String,
    /// The line's parts set apart by wide gaps (table cells, letterhead fields).
    cells: Vec<String>,
}

fn lines(glyphs: Vec<Glyph>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for g in glyphs {
        let new_line = match out.last() {
            None => true,
            Some(l) => l.page != g.page || (g.y - l.y).abs() > l.size.max(g.size) * 0.5 || g.x < l.x1 - l.size.max(g.size) * 2.0,
        };
        if new_line {
            out.push(Line { page: g.page, y: g.y, x1: g.end, size: if g.text.trim().is_empty() { 0.0 } else { g.size }, height: g.height, text: g.text.clone(), cells: vec![g.text.clone()] });
            continue;
        }
        if let Some(l) = out.last_mut() {
            if g.x > l.x1 + g.size.max(l.size) * 2.0 && !g.text.trim().is_empty() {
                l.cells.push(String::new());
            } else if g.x > l.x1 + g.size * 0.25 && !l.text.ends_with(' ') && g.text != " " {
                l.text.push(' ');
                if let Some(c) = l.cells.last_mut() {
                    c.push(' ');
                }
            }
            if l.cells.last().is_some_and(|c| c.is_empty()) {
                l.text.push(' ');
            }
            l.text.push_str(&g.text);
            if let Some(c) = l.cells.last_mut() {
                c.push_str(&g.text);
            }
            l.x1 = l.x1.max(g.end);
            if !g.text.trim().is_empty() && g.size > l.size {
                l.size = g.size;
            }
        }
    }
    for l in &mut out {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
        l.cells = l.cells.iter().map(|c| c.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|c| !c.is_empty()).collect();
    }
    out.retain(|l| !l.text.is_empty());
    drop_running_lines(out)
}

fn is_page_number(t: &str) -> bool {
    let core: String = t.chars().filter(|c| !matches!(c, '-' | '–' | '—' | ' ' | '/' | '(' | ')' | '[' | ']')).collect();
    !core.is_empty() && (core.chars().all(|c| c.is_ascii_digit()) || core.strip_prefix("page").is_some_and(|r| r.chars().all(|c| c.is_ascii_digit())))
}

/// Drops running headers and footers: lines in the top or bottom tenth of a page that
/// are a page number, or whose text (digits aside) stands there on more than one page.
fn drop_running_lines(lines: Vec<Line>) -> Vec<Line> {
    let in_band = |l: &Line| l.height > 0.0 && (l.y < l.height * 0.1 || l.y > l.height * 0.9);
    let key = |t: &str| t.chars().map(|c| if c.is_ascii_digit() { '#' } else { c }).collect::<String>();
    let mut pages_of: HashMap<String, HashSet<u32>> = HashMap::new();
    for l in lines.iter().filter(|l| in_band(l)) {
        pages_of.entry(key(&l.text)).or_default().insert(l.page);
    }
    lines
        .into_iter()
        .filter(|l| !(in_band(l) && (is_page_number(&l.text) || pages_of.get(&key(&l.text)).is_some_and(|p| p.len() > 1))))
        .collect()
}

const BULLETS: &[char] = &['•', '●', '○', '◦', '▪', '■', '□', '◆', '◇', '-', '·', 'ㅇ'];

fn paragraphs(lines: Vec<Line>) -> Parsed {
    let mut parsed = Parsed::default();
    let right = lines.iter().map(|l| l.x1).fold(0.0f64, f64::max);
    let mut cur: Option<(Para, String, f64)> = None; // (para, text, size)
    let mut prev: Option<&Line> = None;
    let flush = |cur: &mut Option<(Para, String, f64)>, parsed: &mut Parsed| {
        if let Some((mut p, text, size)) = cur.take() {
            p.runs = linkify(&text);
            p.size = size as f32;
            parsed.pieces.push(Piece::Para(p));
        }
    };
    let mut table: Vec<Vec<super::Cell>> = Vec::new();
    for l in &lines {
        // A line of cells is a table row; rows in a row are one table.
        if l.cells.len() >= 2 {
            flush(&mut cur, &mut parsed);
            table.push(l.cells.iter().map(|c| super::Cell { colspan: 1, rowspan: 1, paras: vec![Para { runs: linkify(c), size: l.size as f32, ..Para::default() }], ..super::Cell::default() }).collect());
            prev = None;
            continue;
        }
        if !table.is_empty() {
            parsed.pieces.push(Piece::Table(std::mem::take(&mut table)));
        }
        let bullet = l.text.starts_with(|c| BULLETS.contains(&c)) && l.text.chars().nth(1) == Some(' ') && !l.text.starts_with("- ") || l.text.starts_with("• ");
        let breaks = match prev {
            None => true,
            Some(p) => {
                let same_size = (p.size - l.size).abs() < 0.6;
                let gap = if p.page == l.page { l.y - p.y } else { p.size * 1.3 };
                let short = p.x1 < right - p.size * 3.0;
                !same_size || bullet || short || gap > p.size * 1.55 || gap < 0.0
            }
        };
        if breaks {
            flush(&mut cur, &mut parsed);
            let (kind, text) = if bullet {
                (ParaKind::Bullet(0), l.text.chars().skip(1).collect::<String>().trim().to_string())
            } else {
                (ParaKind::Body, l.text.clone())
            };
            cur = Some((Para { kind, ..Para::default() }, text, l.size));
        } else if let Some((_, text, _)) = cur.as_mut() {
            text.push(' ');
            text.push_str(&l.text);
        }
        prev = Some(l);
    }
    flush(&mut cur, &mut parsed);
    if !table.is_empty() {
        parsed.pieces.push(Piece::Table(table));
    }
    parsed
}

/// Text with its web addresses as links.
fn linkify(text: &str) -> Vec<Run> {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = RE.get_or_init(|| regex::Regex::new(r"https?://[A-Za-z0-9._~:/?#\[\]@!$&'*+,;=%-]+[A-Za-z0-9/#=_~-]").expect("url pattern"));
    let mut runs = Vec::new();
    let mut at = 0;
    for m in re.find_iter(text) {
        if m.start() > at {
            runs.push(Run::plain(&text[at..m.start()]));
        }
        runs.push(Run::Text { text: m.as_str().to_string(), bold: false, italic: false, link: Some(m.as_str().to_string()) });
        at = m.end();
    }
    if at < text.len() {
        runs.push(Run::plain(&text[at..]));
    }
    runs
}
