//! Hangul documents in OWPML (`.hwpx`): a zip of XML parts, read with the bounded
//! [`Archive`] and quick-xml ([`Dom`]).
//!
//! Read: `Contents/content.hpf` (the manifest: which sections, in the spine's order, and
//! where each picture `binaryItemIDRef` lives), `Contents/header.xml` (character shapes:
//! size `height` in 1/100 pt and `<bold/>`; paragraph shapes: `heading type` BULLET,
//! NUMBER or OUTLINE with its level; styles named 캡션/Caption), the sections: paragraphs
//! `hp:p` of runs `hp:run`/`hp:t`, tables `hp:tbl`/`hp:tr`/`hp:tc` (`header`, `cellSpan`),
//! pictures `hp:pic` with their `hp:caption`, footnotes `hp:footNote`, hyperlinks
//! (`fieldBegin type="HYPERLINK"` … `fieldEnd`). Scripts (`Scripts/`), the preview and
//! anything else in the package are never read, let alone run.
use std::collections::HashMap;

use super::xml::Dom;
use super::zip::Archive;
use super::{Cell, Para, ParaKind, Parsed, Piece, Run};

const WHAT: &str = "Hangul (HWPX) document";
/// Most sections read.
const MAX_SECTIONS: usize = 200;

#[derive(Default)]
struct Head {
    /// charPr id → (size in points, bold, italic).
    chars: HashMap<String, (f32, bool, bool)>,
    /// paraPr id → kind.
    paras: HashMap<String, ParaKind>,
    /// style id → (paraPr id, is a caption).
    styles: HashMap<String, (Option<String>, bool)>,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Parsed, String> {
    super::guarded(WHAT, || read_inner(bytes))
}

fn read_inner(bytes: &[u8]) -> Result<Parsed, String> {
    let mut zip = Archive::open(bytes, WHAT)?;
    let manifest = zip
        .read_text("Contents/content.hpf")?
        .ok_or_else(|| format!("this is not a {WHAT}: it has no Contents/content.hpf (is it another kind of zip?)"))?;
    let man = Dom::parse(&manifest, WHAT)?;
    let mut hrefs: HashMap<String, String> = HashMap::new();
    for item in man.find_all(man.root(), "item") {
        if let (Some(id), Some(href)) = (man.attr(item, "id"), man.attr(item, "href")) {
            hrefs.insert(id.to_string(), href.to_string());
        }
    }
    let mut sections: Vec<String> = man
        .find_all(man.root(), "itemref")
        .into_iter()
        .filter_map(|r| man.attr(r, "idref"))
        .filter_map(|id| hrefs.get(id).cloned())
        .filter(|h| h.contains("section"))
        .collect();
    if sections.is_empty() {
        sections.push("Contents/section0.xml".into());
    }
    sections.truncate(MAX_SECTIONS);
    let head = match zip.read_text("Contents/header.xml")? {
        Some(h) => read_head(&Dom::parse(&h, WHAT)?),
        None => Head::default(),
    };
    let mut r = Reader { head, hrefs, parsed: Parsed::default() };
    for name in sections {
        let Some(xml) = zip.read_text(&name)? else { continue };
        let dom = Dom::parse(&xml, WHAT)?;
        let sec = dom.find(dom.root(), "sec").unwrap_or(dom.root());
        for &p in dom.children(sec) {
            if dom.name(p) == "p" {
                r.top_paragraph(&dom, &mut zip, p)?;
            }
        }
    }
    Ok(r.parsed)
}

fn read_head(dom: &Dom) -> Head {
    let mut h = Head::default();
    for c in dom.find_all(dom.root(), "charPr") {
        let Some(id) = dom.attr(c, "id") else { continue };
        let size = dom.attr(c, "height").and_then(|v| v.parse::<f32>().ok()).map_or(10.0, |v| v / 100.0);
        h.chars.insert(id.to_string(), (size, dom.child(c, "bold").is_some(), dom.child(c, "italic").is_some()));
    }
    for p in dom.find_all(dom.root(), "paraPr") {
        let Some(id) = dom.attr(p, "id") else { continue };
        let kind = dom.find(p, "heading").map_or(ParaKind::Body, |hd| {
            let level = dom.attr(hd, "level").and_then(|v| v.parse::<u8>().ok()).unwrap_or(0).min(8);
            match dom.attr(hd, "type").unwrap_or("NONE") {
                "BULLET" => ParaKind::Bullet(level),
                "NUMBER" => ParaKind::Numbered(level),
                "OUTLINE" => ParaKind::Heading(level + 1),
                _ => ParaKind::Body,
            }
        });
        h.paras.insert(id.to_string(), kind);
    }
    for s in dom.find_all(dom.root(), "style") {
        let Some(id) = dom.attr(s, "id") else { continue };
        let names = format!("{} {}", dom.attr(s, "name").unwrap_or(""), dom.attr(s, "engName").unwrap_or("")).to_lowercase();
        h.styles.insert(id.to_string(), (dom.attr(s, "paraPrIDRef").map(str::to_string), names.contains("캡션") || names.contains("caption")));
    }
    h
}

struct Reader {
    head: Head,
    hrefs: HashMap<String, String>,
    parsed: Parsed,
}

/// What a paragraph held besides its text.
#[derive(Default)]
struct Found {
    tables: Vec<Vec<Vec<Cell>>>,
    /// Pictures: (zip path, caption paragraphs).
    pictures: Vec<(String, Vec<Para>)>,
}

impl Reader {
    /// A paragraph of the body: the paragraph, then its tables and pictures in order.
    fn top_paragraph(&mut self, dom: &Dom, zip: &mut Archive, p: usize) -> Result<(), String> {
        let mut found = Found::default();
        let para = self.paragraph(dom, p, Some(&mut found));
        if !para.is_blank() {
            self.parsed.pieces.push(Piece::Para(para));
        }
        for rows in found.tables {
            self.parsed.pieces.push(Piece::Table(rows));
        }
        for (path, caption) in found.pictures {
            if let Some(bytes) = zip.read(&path)? {
                if self.parsed.picture(bytes) {
                    for mut c in caption {
                        c.kind = ParaKind::Caption;
                        self.parsed.pieces.push(Piece::Para(c));
                    }
                }
            }
        }
        Ok(())
    }

    /// A paragraph; with `found`, tables and pictures are collected (a cell's own are not:
    /// the builder would drop them).
    fn paragraph(&mut self, dom: &Dom, p: usize, mut found: Option<&mut Found>) -> Para {
        let style = dom.attr(p, "styleIDRef").and_then(|s| self.head.styles.get(s)).cloned();
        let para_pr = dom.attr(p, "paraPrIDRef").map(str::to_string).or_else(|| style.as_ref().and_then(|s| s.0.clone()));
        let mut para = Para {
            kind: para_pr.and_then(|id| self.head.paras.get(&id).copied()).unwrap_or_default(),
            ..Para::default()
        };
        if style.is_some_and(|s| s.1) {
            para.kind = ParaKind::Caption;
        }
        let mut link: Option<String> = None;
        for &run in dom.children(p).iter().filter(|&&c| dom.name(c) == "run") {
            let (size, bold, italic) = dom.attr(run, "charPrIDRef").and_then(|c| self.head.chars.get(c)).copied().unwrap_or((10.0, false, false));
            for &c in dom.children(run) {
                match dom.name(c) {
                    "t" => {
                        let mut text = String::new();
                        for &t in dom.children(c) {
                            match dom.name(t) {
                                "" => text.push_str(&dom.nodes[t].text),
                                "tab" => text.push(' '),
                                "lineBreak" => {
                                    para.runs.push(Run::Text { text: std::mem::take(&mut text), bold, italic, link: link.clone() });
                                    para.runs.push(Run::Break);
                                }
                                _ => {}
                            }
                        }
                        if !text.trim().is_empty() && size > para.size {
                            para.size = size;
                        }
                        para.runs.push(Run::Text { text, bold, italic, link: link.clone() });
                    }
                    "ctrl" => {
                        for &k in dom.children(c) {
                            match dom.name(k) {
                                "fieldBegin" if dom.attr(k, "type") == Some("HYPERLINK") => link = hyperlink(dom, k),
                                "fieldEnd" => link = None,
                                "footNote" | "endNote" => {
                                    let note: Vec<Para> = dom.find_all(k, "p").into_iter().map(|np| self.paragraph(dom, np, None)).collect();
                                    self.parsed.notes.push(note);
                                    para.runs.push(Run::Note(self.parsed.notes.len()));
                                }
                                _ => {}
                            }
                        }
                    }
                    "tbl" => {
                        if let Some(f) = found.as_deref_mut() {
                            let rows = self.table(dom, c);
                            f.tables.push(rows);
                        }
                    }
                    "pic" => {
                        if let Some(f) = found.as_deref_mut() {
                            let path = dom.find(c, "img").and_then(|i| dom.attr(i, "binaryItemIDRef")).and_then(|id| self.hrefs.get(id)).cloned();
                            let caption = dom
                                .child(c, "caption")
                                .map(|cap| dom.find_all(cap, "p").into_iter().map(|cp| self.paragraph(dom, cp, None)).collect())
                                .unwrap_or_default();
                            if let Some(path) = path {
                                f.pictures.push((path, caption));
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        para
    }

    fn table(&mut self, dom: &Dom, tbl: usize) -> Vec<Vec<Cell>> {
        let mut rows = Vec::new();
        for &tr in dom.children(tbl).iter().filter(|&&n| dom.name(n) == "tr") {
            let mut row = Vec::new();
            for &tc in dom.children(tr).iter().filter(|&&n| dom.name(n) == "tc") {
                let span = dom.child(tc, "cellSpan");
                let num = |name: &str| span.and_then(|s| dom.attr(s, name)).and_then(|v| v.parse::<u32>().ok()).unwrap_or(1);
                let mut paras = Vec::new();
                if let Some(list) = dom.child(tc, "subList") {
                    for &p in dom.children(list).iter().filter(|&&n| dom.name(n) == "p") {
                        let mut found = Found::default();
                        paras.push(self.paragraph(dom, p, Some(&mut found)));
                        // A table inside a cell: its rows as paragraphs.
                        for inner in found.tables {
                            for r in inner {
                                let text = r.iter().map(super::cell_text).collect::<Vec<_>>().join(" | ");
                                paras.push(Para { runs: vec![Run::plain(text)], ..Para::default() });
                            }
                        }
                    }
                }
                row.push(Cell { header: dom.attr(tc, "header") == Some("1"), colspan: num("colSpan"), rowspan: num("rowSpan"), paras });
            }
            rows.push(row);
        }
        rows
    }
}

/// The address of a `fieldBegin type="HYPERLINK"`: its `Command` parameter, up to the
/// first unescaped `;`, with `\:` and the like unescaped.
fn hyperlink(dom: &Dom, field: usize) -> Option<String> {
    let cmd = dom.find_all(field, "stringParam").into_iter().find(|&s| dom.attr(s, "name") == Some("Command")).map(|s| dom.text(s))?;
    let mut out = String::new();
    let mut chars = cmd.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            ';' => break,
            c => out.push(c),
        }
    }
    let out = out.trim().to_string();
    (!out.is_empty()).then_some(out)
}
