//! The article as Markdown (CommonMark with GFM strikethrough and tables).
//!
//! The metadata goes in front matter that Newsdesk's Markdown import reads back (headline,
//! deck, author, email, section, language, tags, summary; `date` for other tools). Text is
//! escaped so that nothing in it turns into markup; marks nest as in the editor. Images are
//! written as reference images whose definitions, `data:` URIs, stand at the end, so the
//! file is self-contained and its body stays readable.
use super::body::data_uri;
use super::escape::{self, push_markdown};
use super::inline::{events, Event};
use super::{dates, labels, language_of, tags_of, RenderContext};
use crate::model::doc::{is_allowed_href, table_grid, Block, ImageAttrs, Inline, ListItem, Mark, Slot, TableRow};
use crate::model::{Article, Doc};

/// Renders the article as Markdown with front matter. Never fails: an image whose asset
/// is missing keeps its caption and loses the picture.
pub fn article_markdown(article: &Article, ctx: &RenderContext) -> String {
    let outlet = ctx.outlet;
    let lang = language_of(article, outlet);
    let mut out = String::with_capacity(512 + article.counts.chars as usize * 2);
    out.push_str("---\n");
    let mut field = |key: &str, value: &str| {
        let v = value.trim();
        if !v.is_empty() {
            out.push_str(key);
            out.push_str(": ");
            out.push_str(&yaml_string(v));
            out.push('\n');
        }
    };
    field("headline", &article.headline);
    field("deck", &article.deck);
    field("author", &article.byline.name);
    field("email", &article.byline.email);
    if let Some(p) = dates::published(article, &outlet.time_zone, &outlet.date_format) {
        field("date", &p.iso);
    }
    field("section", &article.section);
    field("language", &lang);
    field("summary", &article.summary);
    let tags = tags_of(article);
    if !tags.is_empty() {
        out.push_str("tags:\n");
        for t in &tags {
            out.push_str("  - ");
            out.push_str(&yaml_string(t));
            out.push('\n');
        }
    }
    out.push_str("---\n\n");
    if !article.headline.trim().is_empty() {
        out.push_str("# ");
        out.push_str(&inline_text(&article.headline));
        out.push_str("\n\n");
    }
    out.push_str(&doc_markdown(&article.body, ctx, &lang));
    out
}

/// A document as Markdown blocks, ending with a newline, followed by the reference
/// definitions of its embedded images (`[image-N]: data:…`).
pub(crate) fn doc_markdown(doc: &Doc, ctx: &RenderContext, lang: &str) -> String {
    let mut w = Writer {
        ctx,
        images: Vec::new(),
        photo: labels(lang).photo,
    };
    let mut out = w.blocks(&doc.content).trim_end().to_string();
    out.push('\n');
    if !w.images.is_empty() {
        out.push('\n');
        for (i, uri) in w.images.iter().enumerate() {
            out.push_str(&format!("[image-{}]: {}\n", i + 1, uri));
        }
    }
    out
}

/// A quoted YAML scalar that needs no unescaping where it can: double quotes when the
/// text has no `"`, `\\` or control character, else single quotes when it has no `'`,
/// else a double-quoted string with escapes (a JSON string is valid YAML).
fn yaml_string(s: &str) -> String {
    let plain = !s.chars().any(|c| c == '"' || c == '\\' || c.is_control());
    if plain {
        format!("\"{s}\"")
    } else if !s.contains('\'') && !s.chars().any(char::is_control) {
        format!("'{s}'")
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

/// One-line text escaped for use after a prefix such as `# `.
pub(crate) fn inline_text(s: &str) -> String {
    let mut out = String::new();
    let flat = s.split_whitespace().collect::<Vec<_>>().join(" ");
    push_markdown(&mut out, &flat, false);
    out
}

struct Writer<'c, 'a> {
    ctx: &'c RenderContext<'a>,
    /// `data:` URIs of the embedded images, in order.
    images: Vec<String>,
    photo: &'static str,
}

impl Writer<'_, '_> {
    /// Blocks separated by blank lines; the result ends with a newline when not empty.
    fn blocks(&mut self, blocks: &[Block]) -> String {
        let mut parts: Vec<String> = Vec::new();
        for b in blocks {
            let s = self.block(b);
            if !s.trim().is_empty() {
                parts.push(s.trim_end_matches('\n').to_string());
            }
        }
        let mut out = parts.join("\n\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    }

    fn block(&mut self, b: &Block) -> String {
        match b {
            Block::Paragraph { content } => inlines(content, false),
            Block::Heading { attrs, content } => {
                let text = inlines(content, true);
                if text.trim().is_empty() {
                    return String::new();
                }
                format!("{} {}", "#".repeat(attrs.level.clamp(2, 4) as usize), text)
            }
            Block::Blockquote { content } => prefix_lines(&self.blocks(content), "> ", "> "),
            Block::BulletList { content } => self.list(content, |_| "-".to_string()),
            Block::OrderedList { attrs, content } => {
                let start = attrs.start;
                self.list(content, move |i| format!("{}.", start as u64 + i as u64))
            }
            Block::HorizontalRule => "---".into(),
            Block::Image { attrs } => self.image(attrs),
            Block::Table { content } => table(content),
        }
    }

    fn list(&mut self, items: &[ListItem], marker: impl Fn(usize) -> String) -> String {
        let loose = items.iter().any(|i| i.content.len() > 1);
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let m = marker(i);
            let body = self.blocks(&item.content);
            let indent = " ".repeat(m.len() + 1);
            let text = if body.trim().is_empty() {
                String::new()
            } else {
                prefix_lines(&body, &format!("{m} "), &indent)
            };
            out.push(if text.is_empty() {
                m
            } else {
                text.trim_end_matches('\n').to_string()
            });
        }
        out.join(if loose { "\n\n" } else { "\n" })
    }

    fn image(&mut self, img: &ImageAttrs) -> String {
        let mut lines = Vec::new();
        if let Some(uri) = (self.ctx.assets)(&img.asset).and_then(|a| data_uri(&a, img).ok()) {
            self.images.push(uri);
            lines.push(format!("![{}][image-{}]", inline_text(&img.alt), self.images.len()));
        }
        let caption = inline_text(&img.caption);
        let credit = inline_text(&img.credit);
        let line = match (caption.is_empty(), credit.is_empty()) {
            (false, false) => format!("*{caption}* ({credit})"),
            (false, true) => format!("*{caption}*"),
            (true, false) => format!("({credit})"),
            (true, true) if lines.is_empty() => {
                let alt = inline_text(&img.alt);
                if alt.is_empty() {
                    format!("*\\[{}\\]*", self.photo)
                } else {
                    format!("*\\[{}\\] {alt}*", self.photo)
                }
            }
            (true, true) => String::new(),
        };
        if !line.is_empty() {
            lines.push(line);
        }
        lines.join("\n")
    }
}

/// A GFM pipe table. GFM needs a header row, so the first row is written as the header
/// whatever its cells are; spans become empty cells, a cell's paragraphs and hard breaks
/// `<br>` (which the import reads back as a hard break), `|` is escaped.
fn table(rows: &[TableRow]) -> String {
    let grid = table_grid(rows);
    let width = grid.first().map_or(0, Vec::len);
    if width == 0 {
        return String::new();
    }
    let mut lines = Vec::with_capacity(grid.len() + 1);
    for (r, slots) in grid.iter().enumerate() {
        let cells: Vec<String> = slots
            .iter()
            .map(|slot| match slot {
                Slot::Start(i) => rows[r].content.get(*i).map(|c| cell_markdown(c.content())).unwrap_or_default(),
                Slot::Covered | Slot::Empty => String::new(),
            })
            .collect();
        lines.push(format!("| {} |", cells.join(" | ")));
        if r == 0 {
            lines.push(format!("|{}|", vec!["---"; width].join("|")));
        }
    }
    lines.join("\n")
}

/// A cell's paragraphs as one line of Markdown.
fn cell_markdown(blocks: &[Block]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => Some(inlines(content, false)),
            _ => None,
        })
        .map(|s| s.trim().replace("\\\n", "<br>").replace('\n', " "))
        .filter(|s| !s.is_empty())
        .collect();
    escape_pipes(&parts.join("<br>"))
}

/// Escapes every `|` that is not escaped yet (text is, by `push_markdown`; code spans and
/// addresses are not), so no cell's content splits the row.
fn escape_pipes(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut backslashes = 0usize;
    for c in s.chars() {
        if c == '|' && backslashes % 2 == 0 {
            out.push('\\');
        }
        backslashes = if c == '\\' { backslashes + 1 } else { 0 };
        out.push(c);
    }
    out
}

/// Prefixes the first line with `first` and the others with `rest` (empty lines get the
/// prefix without trailing spaces).
fn prefix_lines(s: &str, first: &str, rest: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    for (i, line) in s.trim_end_matches('\n').split('\n').enumerate() {
        let p = if i == 0 { first } else { rest };
        if line.is_empty() {
            out.push_str(p.trim_end());
        } else {
            out.push_str(p);
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The inline run as Markdown. `one_line` turns hard breaks into spaces (headings).
fn inlines(content: &[Inline], one_line: bool) -> String {
    let mut w = InlineWriter {
        out: String::new(),
        pending: Vec::new(),
        code: None,
        at_line_start: true,
        one_line,
    };
    events(content, |e| w.event(e));
    w.out
}

struct InlineWriter<'a> {
    out: String,
    /// Marks opened but not written yet: they are written just before the next text that
    /// is not white space, so `** bold**` never happens.
    pending: Vec<&'a Mark>,
    /// The text of an open code span, written when it closes.
    code: Option<String>,
    at_line_start: bool,
    one_line: bool,
}

impl<'a> InlineWriter<'a> {
    fn event(&mut self, e: Event<'a>) {
        match e {
            Event::Open(Mark::Code) => self.code = Some(String::new()),
            Event::Open(m) => self.pending.push(m),
            Event::Text(t) => {
                if let Some(code) = &mut self.code {
                    code.push_str(t);
                    return;
                }
                let rest = t.trim_start();
                let lead = &t[..t.len() - rest.len()];
                if !self.pending.is_empty() {
                    if rest.is_empty() {
                        self.push_text(lead);
                        return;
                    }
                    self.push_text(lead);
                    let pending = std::mem::take(&mut self.pending);
                    for m in pending {
                        self.out.push_str(&opener(m));
                    }
                    self.at_line_start = false;
                    self.push_text(rest);
                } else {
                    self.push_text(t);
                }
            }
            Event::HardBreak => {
                if let Some(code) = self.code.take() {
                    self.flush_code(&code);
                    self.code = Some(String::new());
                }
                if self.one_line {
                    self.out.push(' ');
                } else {
                    self.out.push_str("\\\n");
                    self.at_line_start = true;
                }
            }
            Event::Close(Mark::Code) => {
                if let Some(code) = self.code.take() {
                    self.flush_code(&code);
                }
            }
            Event::Close(m) => {
                if let Some(i) = self.pending.iter().rposition(|p| *p == m) {
                    self.pending.remove(i);
                    return;
                }
                // Trailing white space and a trailing hard break move outside the mark.
                let mut suffix = String::new();
                loop {
                    if self.out.ends_with(' ') || self.out.ends_with('\t') {
                        if let Some(c) = self.out.pop() {
                            suffix.insert(0, c);
                        }
                    } else if self.out.ends_with("\\\n") {
                        self.out.truncate(self.out.len() - 2);
                        suffix.insert_str(0, "\\\n");
                    } else {
                        break;
                    }
                }
                self.out.push_str(&closer(m));
                self.out.push_str(&suffix);
            }
        }
    }

    fn push_text(&mut self, t: &str) {
        if t.is_empty() {
            return;
        }
        let text;
        let t = if self.one_line {
            text = t.replace('\n', " ");
            &text
        } else {
            t
        };
        let before = self.out.len();
        push_markdown(&mut self.out, t, self.at_line_start);
        if self.out.len() > before {
            self.at_line_start = self.out.ends_with('\n');
        }
    }

    /// A code span with a fence longer than any run of backticks inside it.
    fn flush_code(&mut self, code: &str) {
        let code = code.replace('\n', " ");
        if code.is_empty() {
            return;
        }
        for m in std::mem::take(&mut self.pending) {
            self.out.push_str(&opener(m));
        }
        let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
        let fence = "`".repeat(longest + 1);
        let pad = code.starts_with('`')
            || code.ends_with('`')
            || (code.starts_with(' ') && code.ends_with(' ') && !code.trim().is_empty());
        self.out.push_str(&fence);
        if pad {
            self.out.push(' ');
        }
        self.out.push_str(&code);
        if pad {
            self.out.push(' ');
        }
        self.out.push_str(&fence);
        self.at_line_start = false;
    }
}

fn opener(m: &Mark) -> String {
    match m {
        Mark::Bold => "**".into(),
        Mark::Italic => "*".into(),
        Mark::Strike => "~~".into(),
        Mark::Code => "`".into(),
        Mark::Link { attrs } if is_allowed_href(&attrs.href) => "[".into(),
        Mark::Link { .. } => "\\[".into(),
    }
}

fn closer(m: &Mark) -> String {
    match m {
        Mark::Bold => "**".into(),
        Mark::Italic => "*".into(),
        Mark::Strike => "~~".into(),
        Mark::Code => "`".into(),
        Mark::Link { attrs } if is_allowed_href(&attrs.href) => format!("]({})", escape::url(attrs.href.trim())),
        // A link the model should have refused keeps its text, in brackets, and no address.
        Mark::Link { .. } => "\\]".into(),
    }
}
