//! Exporting many articles into one folder, with progress and an index page.
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::{render_article, safe_file_name, write_atomic, Format};
use crate::error::{Error, Result};
use crate::model::Article;
use crate::render::{dates, headline_of, labels, language_of, Labels, Moment, RenderContext};

/// The index page's file name in an HTML batch.
pub const INDEX_FILE: &str = "index.html";

/// What a batch export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchReport {
    /// One file per article, in the order given.
    pub files: Vec<PathBuf>,
    /// The index page (HTML batches only).
    pub index: Option<PathBuf>,
}

/// Exports `articles` into the existing folder `dir`, one file each, named from the
/// headlines (two articles with the same headline get `name (2).html`), calling
/// `progress(done, total)` after each. An HTML batch also gets `index.html` linking every
/// page (template `index.html`). Stops at the first error; every file written before it
/// is complete.
pub fn export_articles(
    articles: &[Article],
    format: Format,
    ctx: &RenderContext,
    dir: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BatchReport> {
    if !dir.is_dir() {
        return Err(Error::File {
            path: dir.to_path_buf(),
            reason: "this folder does not exist; choose an existing folder".into(),
        });
    }
    let mut taken: HashSet<String> = HashSet::new();
    if format == Format::Html {
        taken.insert(INDEX_FILE.to_string());
    }
    let mut files = Vec::with_capacity(articles.len());
    let mut entries = Vec::with_capacity(articles.len());
    for (i, article) in articles.iter().enumerate() {
        let name = unique_name(&article.headline, format.extension(), &mut taken);
        let path = dir.join(&name);
        let text = render_article(article, format, ctx)?;
        write_atomic(&path, text.as_bytes())?;
        let lang = language_of(article, ctx.outlet);
        entries.push(Entry {
            headline: headline_of(article, &lang),
            deck: article.deck.trim().to_string(),
            href: relative_href(&name),
            published: dates::published(article, &ctx.outlet.time_zone, &ctx.outlet.date_format),
        });
        files.push(path);
        progress(i + 1, articles.len());
    }
    let index = if format == Format::Html {
        let lang = crate::render::language_of_outlet(ctx.outlet);
        let page = Index {
            labels: labels(&lang),
            title: if ctx.outlet.name.trim().is_empty() {
                "Newsdesk".into()
            } else {
                ctx.outlet.name.trim().to_string()
            },
            lang,
            articles: entries,
        };
        let html = ctx.templates.render("index.html", page)?;
        let path = dir.join(INDEX_FILE);
        write_atomic(&path, html.as_bytes())?;
        Some(path)
    } else {
        None
    };
    Ok(BatchReport { files, index })
}

#[derive(Serialize)]
struct Index {
    lang: String,
    title: String,
    labels: Labels,
    articles: Vec<Entry>,
}

#[derive(Serialize)]
struct Entry {
    headline: String,
    deck: String,
    href: String,
    published: Option<Moment>,
}

/// A safe file name not used yet in this batch (compared without case, as on Windows
/// and macOS).
fn unique_name(headline: &str, ext: &str, taken: &mut HashSet<String>) -> String {
    let first = safe_file_name(headline, ext);
    let (stem, dot_ext) = match first.rfind('.') {
        Some(i) if !ext.is_empty() => (&first[..i], &first[i..]),
        _ => (first.as_str(), ""),
    };
    let mut name = first.clone();
    let mut n = 2;
    while taken.contains(&name.to_lowercase()) {
        let suffix = format!(" ({n})");
        let room = super::MAX_FILE_NAME_BYTES.saturating_sub(suffix.len() + dot_ext.len());
        let mut short = stem.to_string();
        while short.len() > room {
            short.pop();
        }
        name = format!("{}{suffix}{dot_ext}", short.trim_end());
        n += 1;
    }
    taken.insert(name.to_lowercase());
    name
}

/// A file name as a relative URL: ASCII that is not unreserved is percent-encoded;
/// Hangul and other letters stay readable.
fn relative_href(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || "-._~()".contains(c) || !c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}
