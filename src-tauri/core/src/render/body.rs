//! The article body as HTML, written by walking the typed tree.
//!
//! Every piece of text goes through [`escape::push_html`]; element names and attributes
//! come from this file only. Links keep only http, https and mailto addresses (checked
//! again here, whatever the model let through); images become `data:` URIs, so the page
//! needs nothing from outside.
use base64::Engine;

use super::escape::{self, push_html};
use super::inline::{events, Event};
use super::{Asset, RenderContext};
use crate::error::{Error, Result};
use crate::model::doc::{is_allowed_href, Block, Doc, ImageAttrs, Inline, ListItem, Mark, TableCell, TableRow};

/// What an image becomes in the body.
#[derive(Clone, Copy)]
pub enum ImageMode<'l> {
    /// `<img src="data:…">` with the asset's bytes: the page stands alone. A missing asset
    /// is an error.
    Embed,
    /// Only the figure's caption and credit (for formats that carry images beside the body).
    CaptionOnly,
    /// `<img src="…">` at the address the function gives for the asset's SHA-256 (a picture
    /// uploaded to the CMS). An asset without an address is an error.
    Linked(&'l dyn Fn(&str) -> Option<String>),
}

/// Image types a page may embed: those the library accepts, plus AVIF.
pub const EMBEDDABLE_IMAGE_TYPES: [&str; 5] = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"];

/// Renders `doc` as HTML body markup.
pub fn body_html(doc: &Doc, ctx: &RenderContext, mode: ImageMode<'_>) -> Result<String> {
    let mut w = Writer {
        out: String::with_capacity(256 + doc.content.len() * 200),
        ctx,
        mode,
        images: 0,
    };
    w.blocks(&doc.content)?;
    Ok(w.out)
}

/// The `data:` URI of an asset, refusing types a page should not embed.
pub fn data_uri(asset: &Asset, what: &ImageAttrs) -> Result<String> {
    let mime = asset.mime.trim().to_ascii_lowercase();
    if !EMBEDDABLE_IMAGE_TYPES.contains(&mime.as_str()) {
        return Err(Error::Invalid(format!(
            "the image {} is of type {:?}, which exports cannot embed (PNG, JPEG, GIF, WebP or AVIF only)",
            describe(what),
            asset.mime
        )));
    }
    let b64 = base64::engine::general_purpose::STANDARD.encode(&asset.bytes);
    let mut s = String::with_capacity(b64.len() + mime.len() + 13);
    s.push_str("data:");
    s.push_str(&mime);
    s.push_str(";base64,");
    s.push_str(&b64);
    Ok(s)
}

/// How a reporter recognises an image in a message: its caption, alt text or asset id.
pub fn describe(img: &ImageAttrs) -> String {
    let label = [&img.caption, &img.alt].into_iter().find(|s| !s.trim().is_empty());
    match label {
        Some(l) => format!("“{}”", l.trim()),
        None => format!("{}…", img.asset.get(..12).unwrap_or(&img.asset)),
    }
}

struct Writer<'c, 'a, 'l> {
    out: String,
    ctx: &'c RenderContext<'a>,
    mode: ImageMode<'l>,
    images: usize,
}

impl Writer<'_, '_, '_> {
    fn blocks(&mut self, blocks: &[Block]) -> Result<()> {
        for b in blocks {
            self.block(b)?;
        }
        Ok(())
    }

    fn block(&mut self, b: &Block) -> Result<()> {
        match b {
            Block::Paragraph { content } => {
                self.out.push_str("<p>");
                self.inlines(content);
                self.out.push_str("</p>\n");
            }
            Block::Heading { attrs, content } => {
                let level = attrs.level.clamp(2, 4);
                self.out.push_str(&format!("<h{level}>"));
                self.inlines(content);
                self.out.push_str(&format!("</h{level}>\n"));
            }
            Block::Blockquote { content } => {
                self.out.push_str("<blockquote>\n");
                self.blocks(content)?;
                self.out.push_str("</blockquote>\n");
            }
            Block::BulletList { content } => {
                self.out.push_str("<ul>\n");
                self.items(content)?;
                self.out.push_str("</ul>\n");
            }
            Block::OrderedList { attrs, content } => {
                if attrs.start == 1 {
                    self.out.push_str("<ol>\n");
                } else {
                    self.out.push_str(&format!("<ol start=\"{}\">\n", attrs.start));
                }
                self.items(content)?;
                self.out.push_str("</ol>\n");
            }
            Block::HorizontalRule => self.out.push_str("<hr>\n"),
            Block::Image { attrs } => self.image(attrs)?,
            Block::Table { content } => self.table(content)?,
        }
        Ok(())
    }

    /// `<table>`; a first row of header cells only is the `<thead>`. A cell of one
    /// paragraph is written tight (`<td>text</td>`).
    fn table(&mut self, rows: &[TableRow]) -> Result<()> {
        self.out.push_str("<table>\n");
        let head = rows.first().is_some_and(|r| !r.content.is_empty() && r.content.iter().all(TableCell::is_header));
        let (head_rows, body_rows) = rows.split_at(usize::from(head));
        for (tag, part) in [("thead", head_rows), ("tbody", body_rows)] {
            if part.is_empty() {
                continue;
            }
            self.out.push_str(&format!("<{tag}>\n"));
            for row in part {
                self.out.push_str("<tr>");
                for cell in &row.content {
                    let name = if cell.is_header() { "th" } else { "td" };
                    self.out.push('<');
                    self.out.push_str(name);
                    let a = cell.attrs();
                    if a.colspan > 1 {
                        self.out.push_str(&format!(" colspan=\"{}\"", a.colspan));
                    }
                    if a.rowspan > 1 {
                        self.out.push_str(&format!(" rowspan=\"{}\"", a.rowspan));
                    }
                    self.out.push('>');
                    match cell.content() {
                        [Block::Paragraph { content }] => self.inlines(content),
                        blocks => self.blocks(blocks)?,
                    }
                    self.out.push_str(&format!("</{name}>"));
                }
                self.out.push_str("</tr>\n");
            }
            self.out.push_str(&format!("</{tag}>\n"));
        }
        self.out.push_str("</table>\n");
        Ok(())
    }

    /// A list item of one paragraph is written tight (`<li>text</li>`), as editors show it.
    fn items(&mut self, items: &[ListItem]) -> Result<()> {
        for item in items {
            match item.content.as_slice() {
                [Block::Paragraph { content }] => {
                    self.out.push_str("<li>");
                    self.inlines(content);
                    self.out.push_str("</li>\n");
                }
                blocks => {
                    self.out.push_str("<li>\n");
                    self.blocks(blocks)?;
                    self.out.push_str("</li>\n");
                }
            }
        }
        Ok(())
    }

    fn image(&mut self, img: &ImageAttrs) -> Result<()> {
        self.images += 1;
        self.out.push_str(&format!("<figure id=\"image-{}\">\n", self.images));
        let src = match self.mode {
            ImageMode::Embed => {
                let asset = (self.ctx.assets)(&img.asset).ok_or_else(|| {
                    Error::Invalid(format!(
                        "the image {} is missing from the library; add it again or remove it from the article before exporting",
                        describe(img)
                    ))
                })?;
                Some(data_uri(&asset, img)?)
            }
            ImageMode::Linked(address) => Some(address(&img.asset).ok_or_else(|| {
                Error::Invalid(format!("the image {} has no address on the site", describe(img)))
            })?),
            ImageMode::CaptionOnly => None,
        };
        if let Some(src) = src {
            self.out.push_str("<img src=\"");
            push_html(&mut self.out, &src);
            self.out.push_str("\" alt=\"");
            push_html(&mut self.out, &img.alt);
            self.out.push_str("\">\n");
        }
        let caption = img.caption.trim();
        let credit = img.credit.trim();
        if !caption.is_empty() || !credit.is_empty() {
            self.out.push_str("<figcaption>");
            push_html(&mut self.out, caption);
            if !credit.is_empty() {
                if !caption.is_empty() {
                    self.out.push(' ');
                }
                self.out.push_str("<span class=\"credit\">");
                push_html(&mut self.out, credit);
                self.out.push_str("</span>");
            }
            self.out.push_str("</figcaption>\n");
        }
        self.out.push_str("</figure>\n");
        Ok(())
    }

    fn inlines(&mut self, content: &[Inline]) {
        let out = &mut self.out;
        events(content, |e| match e {
            Event::Text(t) => push_html(out, t),
            Event::HardBreak => out.push_str("<br>"),
            Event::Open(m) => open(out, m),
            Event::Close(m) => close(out, m),
        });
    }
}

fn open(out: &mut String, m: &Mark) {
    match m {
        Mark::Bold => out.push_str("<strong>"),
        Mark::Italic => out.push_str("<em>"),
        Mark::Strike => out.push_str("<s>"),
        Mark::Code => out.push_str("<code>"),
        Mark::Link { attrs } if is_allowed_href(&attrs.href) => {
            out.push_str("<a href=\"");
            push_html(out, &escape::url(attrs.href.trim()));
            out.push_str("\">");
        }
        // A link the model should have refused keeps its text and loses the address.
        Mark::Link { .. } => out.push_str("<span>"),
    }
}

fn close(out: &mut String, m: &Mark) {
    match m {
        Mark::Bold => out.push_str("</strong>"),
        Mark::Italic => out.push_str("</em>"),
        Mark::Strike => out.push_str("</s>"),
        Mark::Code => out.push_str("</code>"),
        Mark::Link { attrs } if is_allowed_href(&attrs.href) => out.push_str("</a>"),
        Mark::Link { .. } => out.push_str("</span>"),
    }
}
