//! Word documents (`.docx`, Office Open XML): a zip of XML parts, read with the bounded
//! [`Archive`] and quick-xml ([`Dom`]); docx-rs was not used: it reads the whole package
//! into its own model with no bound on part sizes, and panics on some damaged files.
//!
//! Read: `word/document.xml` (paragraphs, runs, tables with `gridSpan` and `vMerge`, header
//! rows `tblHeader`), `word/styles.xml` (heading and caption styles, outline levels, type
//! sizes and bold through `basedOn`), `word/numbering.xml` (bullet or numbered lists),
//! `word/footnotes.xml`, the relationships (hyperlinks, pictures under `word/media`).
//! Deleted text of tracked changes, fields' codes, headers and footers, comments, macros
//! (`vbaProject.bin`) and embedded objects are never read.
use std::collections::HashMap;

use super::xml::Dom;
use super::zip::Archive;
use super::{Cell, Para, ParaKind, Parsed, Piece, Run};

const WHAT: &str = "Word document";

#[derive(Debug, Clone, Default)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    size: Option<f32>,
    bold: Option<bool>,
    num: Option<(String, u8)>,
}

struct Ctx<'d> {
    styles: HashMap<String, Style>,
    default_size: f32,
    /// numId → (ilvl → is it a bullet).
    numbering: HashMap<String, HashMap<u8, bool>>,
    rels: HashMap<String, (String, bool)>,
    dom: &'d Dom,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Parsed, String> {
    super::guarded(WHAT, || read_inner(bytes))
}

fn read_inner(bytes: &[u8]) -> Result<Parsed, String> {
    let mut zip = Archive::open(bytes, WHAT)?;
    let document = zip
        .read_text("word/document.xml")?
        .ok_or_else(|| format!("this is not a {WHAT}: it has no word/document.xml (is it another kind of zip?)"))?;
    let dom = Dom::parse(&document, WHAT)?;
    let (styles, default_size) = match zip.read_text("word/styles.xml")? {
        Some(s) => read_styles(&Dom::parse(&s, WHAT)?),
        None => (HashMap::new(), 11.0),
    };
    let numbering = match zip.read_text("word/numbering.xml")? {
        Some(s) => read_numbering(&Dom::parse(&s, WHAT)?),
        None => HashMap::new(),
    };
    let rels = match zip.read_text("word/_rels/document.xml.rels")? {
        Some(s) => read_rels(&Dom::parse(&s, WHAT)?),
        None => HashMap::new(),
    };
    let footnotes = match zip.read_text("word/footnotes.xml")? {
        Some(s) => Some(Dom::parse(&s, WHAT)?),
        None => None,
    };
    let mut ctx = Ctx { styles, default_size, numbering, rels, dom: &dom };
    let mut parsed = Parsed::default();
    let body = dom.find(dom.root(), "body").ok_or_else(|| format!("the {WHAT} is damaged: it has no body"))?;
    let mut note_order: Vec<String> = Vec::new();
    blocks(&mut ctx, &mut zip, &mut parsed, body, &mut note_order)?;
    // Footnotes, in the order the text refers to them.
    if let Some(fdom) = footnotes {
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for n in fdom.find_all(fdom.root(), "footnote") {
            if let Some(id) = fdom.attr(n, "id") {
                by_id.insert(id.to_string(), n);
            }
        }
        let mut fctx = Ctx { dom: &fdom, ..ctx };
        for id in &note_order {
            let mut paras = Vec::new();
            if let Some(&n) = by_id.get(id) {
                for p in fdom.find_all(n, "p") {
                    let (mut para, _) = paragraph(&mut fctx, p, &mut Vec::new(), &mut Vec::new());
                    // Word opens a note with its own number: it is the list's now.
                    if let Some(Run::Text { text, .. }) = para.runs.first_mut() {
                        *text = text.trim_start().to_string();
                    }
                    para.kind = ParaKind::Body;
                    paras.push(para);
                }
            }
            parsed.notes.push(paras);
        }
    }
    Ok(parsed)
}

fn read_styles(dom: &Dom) -> (HashMap<String, Style>, f32) {
    let mut out = HashMap::new();
    let mut default_size = 11.0;
    if let Some(d) = dom.find(dom.root(), "rPrDefault") {
        if let Some(sz) = dom.find(d, "sz").and_then(|s| dom.attr(s, "val")).and_then(|v| v.parse::<f32>().ok()) {
            default_size = sz / 2.0;
        }
    }
    for s in dom.find_all(dom.root(), "style") {
        let Some(id) = dom.attr(s, "styleId") else { continue };
        let mut st = Style {
            name: dom.child(s, "name").and_then(|n| dom.attr(n, "val")).unwrap_or("").to_ascii_lowercase(),
            based_on: dom.child(s, "basedOn").and_then(|n| dom.attr(n, "val")).map(str::to_string),
            ..Style::default()
        };
        if let Some(ppr) = dom.child(s, "pPr") {
            st.outline = dom.child(ppr, "outlineLvl").and_then(|o| dom.attr(o, "val")).and_then(|v| v.parse().ok());
            if let Some(num) = dom.child(ppr, "numPr") {
                if let Some(id) = dom.child(num, "numId").and_then(|n| dom.attr(n, "val")) {
                    let lvl = dom.child(num, "ilvl").and_then(|n| dom.attr(n, "val")).and_then(|v| v.parse().ok()).unwrap_or(0);
                    st.num = Some((id.to_string(), lvl));
                }
            }
        }
        if let Some(rpr) = dom.child(s, "rPr") {
            st.size = dom.child(rpr, "sz").and_then(|n| dom.attr(n, "val")).and_then(|v| v.parse::<f32>().ok()).map(|v| v / 2.0);
            st.bold = dom.child(rpr, "b").map(|b| on(dom, b));
        }
        out.insert(id.to_string(), st);
    }
    (out, default_size)
}

fn read_numbering(dom: &Dom) -> HashMap<String, HashMap<u8, bool>> {
    let mut abstracts: HashMap<String, HashMap<u8, bool>> = HashMap::new();
    for a in dom.find_all(dom.root(), "abstractNum") {
        let Some(id) = dom.attr(a, "abstractNumId") else { continue };
        let mut levels = HashMap::new();
        for l in dom.find_all(a, "lvl") {
            let ilvl = dom.attr(l, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0);
            let fmt = dom.child(l, "numFmt").and_then(|f| dom.attr(f, "val")).unwrap_or("bullet");
            levels.insert(ilvl, fmt == "bullet" || fmt == "none");
        }
        abstracts.insert(id.to_string(), levels);
    }
    let mut out = HashMap::new();
    for n in dom.find_all(dom.root(), "num") {
        let (Some(id), Some(a)) = (dom.attr(n, "numId"), dom.child(n, "abstractNumId").and_then(|a| dom.attr(a, "val"))) else { continue };
        out.insert(id.to_string(), abstracts.get(a).cloned().unwrap_or_default());
    }
    out
}

/// Relationship id → (target, external).
pub(super) fn read_rels(dom: &Dom) -> HashMap<String, (String, bool)> {
    dom.find_all(dom.root(), "Relationship")
        .into_iter()
        .filter_map(|r| {
            let id = dom.attr(r, "Id")?;
            let target = dom.attr(r, "Target")?;
            let external = dom.attr(r, "TargetMode").is_some_and(|m| m.eq_ignore_ascii_case("external"));
            Some((id.to_string(), (target.to_string(), external)))
        })
        .collect()
}

/// `<w:b/>` or `<w:b w:val="true|1|on"/>` is on; `val="0|false|off"` is off.
fn on(dom: &Dom, id: usize) -> bool {
    !matches!(dom.attr(id, "val"), Some("0" | "false" | "off" | "none"))
}

impl Ctx<'_> {
    /// A style's property, following `basedOn` (at most 20 steps: a loop ends there).
    fn style_prop<T>(&self, id: &str, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut cur = Some(id.to_string());
        for _ in 0..20 {
            let st = self.styles.get(cur.as_deref()?)?;
            if let Some(v) = get(st) {
                return Some(v);
            }
            cur = st.based_on.clone();
        }
        None
    }
}

/// The children of a body, cell or content control, in order.
fn blocks(ctx: &mut Ctx, zip: &mut Archive, parsed: &mut Parsed, parent: usize, notes: &mut Vec<String>) -> Result<(), String> {
    let dom = ctx.dom;
    for &c in dom.children(parent) {
        match dom.name(c) {
            "p" => {
                let mut images = Vec::new();
                let (para, _) = paragraph(ctx, c, &mut images, notes);
                parsed.pieces.push(Piece::Para(para));
                for target in images {
                    if let Some(bytes) = zip.read(&media_path(&target))? {
                        parsed.picture(bytes);
                    }
                }
            }
            "tbl" => {
                let rows = table(ctx, c, notes);
                parsed.pieces.push(Piece::Table(rows));
            }
            "sdt" => {
                if let Some(content) = dom.child(c, "sdtContent") {
                    blocks(ctx, zip, parsed, content, notes)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// `media/image1.png` relative to `word/`.
fn media_path(target: &str) -> String {
    let t = target.trim_start_matches('/');
    if let Some(rest) = t.strip_prefix("word/") {
        format!("word/{rest}")
    } else {
        let mut parts: Vec<&str> = vec!["word"];
        for seg in t.split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
        parts.join("/")
    }
}

fn table(ctx: &mut Ctx, tbl: usize, notes: &mut Vec<String>) -> Vec<Vec<Cell>> {
    let dom = ctx.dom;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // Column → (row, cell index) of the cell a vertical merge started.
    let mut merges: HashMap<usize, (usize, usize)> = HashMap::new();
    for tr in dom.children(tbl).iter().copied().filter(|&n| dom.name(n) == "tr") {
        let header = dom.child(tr, "trPr").and_then(|p| dom.child(p, "tblHeader")).is_some_and(|h| on(dom, h));
        let mut row = Vec::new();
        let mut col = 0usize;
        for tc in dom.children(tr).iter().copied().filter(|&n| dom.name(n) == "tc") {
            let pr = dom.child(tc, "tcPr");
            let span = pr.and_then(|p| dom.child(p, "gridSpan")).and_then(|g| dom.attr(g, "val")).and_then(|v| v.parse::<u32>().ok()).unwrap_or(1).clamp(1, 64);
            let vmerge = pr.and_then(|p| dom.child(p, "vMerge")).map(|v| dom.attr(v, "val").unwrap_or("continue").to_string());
            if vmerge.as_deref() == Some("continue") {
                if let Some(&(r, i)) = merges.get(&col) {
                    if let Some(cell) = rows.get_mut(r).and_then(|row| row.get_mut(i)) {
                        cell.rowspan += 1;
                    }
                }
                col += span as usize;
                continue;
            }
            let mut paras = Vec::new();
            cell_content(ctx, tc, &mut paras, notes);
            if vmerge.is_some() {
                merges.insert(col, (rows.len(), row.len()));
            } else {
                merges.remove(&col);
            }
            row.push(Cell { header, colspan: span, rowspan: 1, paras });
            col += span as usize;
        }
        rows.push(row);
    }
    rows
}

/// A cell's paragraphs; a table inside it gives its rows as paragraphs (the builder
/// flattens nested tables anyway).
fn cell_content(ctx: &mut Ctx, node: usize, out: &mut Vec<Para>, notes: &mut Vec<String>) {
    let dom = ctx.dom;
    for &c in dom.children(node) {
        match dom.name(c) {
            "p" => out.push(paragraph(ctx, c, &mut Vec::new(), notes).0),
            "tbl" => {
                for row in table(ctx, c, notes) {
                    let mut runs = Vec::new();
                    for (i, cell) in row.iter().enumerate() {
                        if i > 0 {
                            runs.push(Run::plain(" | "));
                        }
                        runs.push(Run::plain(cell.paras.iter().map(Para::text).collect::<Vec<_>>().join(" ")));
                    }
                    out.push(Para { runs, ..Para::default() });
                }
            }
            "sdt" => {
                if let Some(content) = dom.child(c, "sdtContent") {
                    cell_content(ctx, content, out, notes);
                }
            }
            _ => {}
        }
    }
}

/// A paragraph: its runs, kind and largest type size. Adds its pictures' targets to
/// `images` and the footnotes it refers to (first time) to `notes`.
fn paragraph(ctx: &mut Ctx, p: usize, images: &mut Vec<String>, notes: &mut Vec<String>) -> (Para, ()) {
    let dom = ctx.dom;
    let ppr = dom.child(p, "pPr");
    let style = ppr.and_then(|pp| dom.child(pp, "pStyle")).and_then(|s| dom.attr(s, "val")).unwrap_or("").to_string();
    let style_name = ctx.styles.get(&style).map(|s| s.name.clone()).unwrap_or_default();
    let outline = ppr
        .and_then(|pp| dom.child(pp, "outlineLvl"))
        .and_then(|o| dom.attr(o, "val"))
        .and_then(|v| v.parse::<u8>().ok())
        .or_else(|| ctx.style_prop(&style, |s| s.outline))
        .or_else(|| heading_level_of_name(&style_name));
    let num = ppr
        .and_then(|pp| dom.child(pp, "numPr"))
        .and_then(|n| {
            let id = dom.child(n, "numId").and_then(|i| dom.attr(i, "val"))?.to_string();
            let lvl = dom.child(n, "ilvl").and_then(|i| dom.attr(i, "val")).and_then(|v| v.parse().ok()).unwrap_or(0);
            Some((id, lvl))
        })
        .or_else(|| ctx.style_prop(&style, |s| s.num.clone()));
    let style_size = ctx.style_prop(&style, |s| s.size).unwrap_or(ctx.default_size);
    let style_bold = ctx.style_prop(&style, |s| s.bold).unwrap_or(false);
    let mut para = Para::default();
    let mut walker = RunWalker { ctx, style_size, style_bold, size: 0.0, refs: notes, images };
    walker.walk(p, &mut para.runs, None);
    para.size = if walker.size > 0.0 { walker.size } else { style_size };
    para.kind = match (num, outline) {
        (Some((id, lvl)), _) if id != "0" => {
            let bullet = ctx.numbering.get(&id).and_then(|l| l.get(&lvl)).copied().unwrap_or(true);
            if bullet {
                ParaKind::Bullet(lvl)
            } else {
                ParaKind::Numbered(lvl)
            }
        }
        (_, Some(level)) if level < 9 => ParaKind::Heading(level + 1),
        _ if style_name.contains("caption") || style_name.contains("캡션") => ParaKind::Caption,
        _ => ParaKind::Body,
    };
    (para, ())
}

/// `heading 1` … `heading 9`, `제목 1`… → outline level 0…
fn heading_level_of_name(name: &str) -> Option<u8> {
    let rest = name.strip_prefix("heading ").or_else(|| name.strip_prefix("제목 "))?;
    rest.trim().parse::<u8>().ok().filter(|l| (1..=9).contains(l)).map(|l| l - 1)
}

struct RunWalker<'a, 'c, 'd> {
    ctx: &'a Ctx<'d>,
    style_size: f32,
    style_bold: bool,
    size: f32,
    refs: &'c mut Vec<String>,
    images: &'c mut Vec<String>,
}

impl RunWalker<'_, '_, '_> {
    /// Walks a paragraph's inline content (runs, hyperlinks, insertions, smart tags).
    fn walk(&mut self, node: usize, out: &mut Vec<Run>, link: Option<&str>) {
        let dom = self.ctx.dom;
        for &c in dom.children(node) {
            match dom.name(c) {
                "r" => self.run(c, out, link),
                "hyperlink" => {
                    let href = dom
                        .attr(c, "id")
                        .and_then(|id| self.ctx.rels.get(id))
                        .filter(|(_, external)| *external)
                        .map(|(t, _)| t.clone())
                        .or_else(|| dom.attr(c, "anchor").map(|_| String::new()))
                        .filter(|t| !t.is_empty());
                    self.walk(c, out, href.as_deref().or(link));
                }
                "ins" | "smartTag" | "customXml" | "fldSimple" | "sdtContent" => self.walk(c, out, link),
                "sdt" => {
                    if let Some(content) = dom.child(c, "sdtContent") {
                        self.walk(content, out, link);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(&mut self, r: usize, out: &mut Vec<Run>, link: Option<&str>) {
        let dom = self.ctx.dom;
        let rpr = dom.child(r, "rPr");
        let rstyle = rpr.and_then(|p| dom.child(p, "rStyle")).and_then(|s| dom.attr(s, "val"));
        let bold = rpr
            .and_then(|p| dom.child(p, "b"))
            .map(|b| on(dom, b))
            .or_else(|| rstyle.and_then(|s| self.ctx.style_prop(s, |st| st.bold)))
            .unwrap_or(self.style_bold);
        let italic = rpr.and_then(|p| dom.child(p, "i")).is_some_and(|i| on(dom, i));
        let size = rpr
            .and_then(|p| dom.child(p, "sz"))
            .and_then(|s| dom.attr(s, "val"))
            .and_then(|v| v.parse::<f32>().ok())
            .map(|v| v / 2.0)
            .unwrap_or(self.style_size);
        let mut has_text = false;
        for &c in dom.children(r) {
            match dom.name(c) {
                "t" => {
                    let text = dom.text(c);
                    has_text |= !text.trim().is_empty();
                    out.push(Run::Text { text, bold, italic, link: link.map(str::to_string) });
                }
                "tab" => out.push(Run::plain(" ")),
                "br" | "cr" => {
                    if dom.attr(c, "type").is_none_or(|t| t == "textWrapping") {
                        out.push(Run::Break);
                    }
                }
                "noBreakHyphen" => out.push(Run::plain("-")),
                "footnoteReference" => {
                    if let Some(id) = dom.attr(c, "id") {
                        let n = match self.refs.iter().position(|x| x == id) {
                            Some(i) => i,
                            None => {
                                self.refs.push(id.to_string());
                                self.refs.len() - 1
                            }
                        };
                        out.push(Run::Note(n + 1));
                    }
                }
                "drawing" | "pict" => {
                    for blip in dom.find_all(c, "blip").into_iter().chain(dom.find_all(c, "imagedata")) {
                        let id = dom.attr(blip, "embed").or_else(|| dom.attr(blip, "id"));
                        if let Some((target, false)) = id.and_then(|id| self.ctx.rels.get(id)) {
                            self.images.push(target.clone());
                        }
                    }
                }
                _ => {}
            }
        }
        if has_text && size > self.size {
            self.size = size;
        }
    }
}
