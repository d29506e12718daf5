//! Exporting weekend roundups: the five formats, rendered with a library's settings, logo,
//! templates and article pages, and written atomically with an `export` revision.
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::library::{Library, SaveReason};
use crate::model::doc::ImageAttrs;
use crate::render::{self, body::data_uri, escape, RenderContext, RoundupExtras};
use crate::roundup::Roundup;

use super::from_library::with_context;
use super::{file_name_for, safe_file_name, write_atomic, Format};

/// The formats an edition can leave in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum RoundupFormat {
    /// A self-contained web page.
    Html,
    /// An e-mail: one 600 px column of tables with inline styles.
    Email,
    /// Plain text in the outlet's own form (what `import --as roundup` reads back).
    Text,
    Markdown,
    /// JSON Feed 1.1, one item per brief.
    Jsonfeed,
}

impl RoundupFormat {
    pub const ALL: [RoundupFormat; 5] =
        [RoundupFormat::Html, RoundupFormat::Email, RoundupFormat::Text, RoundupFormat::Markdown, RoundupFormat::Jsonfeed];

    /// The name used on the command line and over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundupFormat::Html => "html",
            RoundupFormat::Email => "email",
            RoundupFormat::Text => "text",
            RoundupFormat::Markdown => "markdown",
            RoundupFormat::Jsonfeed => "jsonfeed",
        }
    }

    /// The file extension, without the dot (the e-mail is an HTML file too; its file name
    /// says "email", see [`roundup_file_name`]).
    pub fn extension(self) -> &'static str {
        match self {
            RoundupFormat::Html | RoundupFormat::Email => "html",
            RoundupFormat::Text => "txt",
            RoundupFormat::Markdown => "md",
            RoundupFormat::Jsonfeed => "json",
        }
    }
}

impl std::str::FromStr for RoundupFormat {
    type Err = Error;
    /// Accepts the names (`html`, `email`, `text`, `markdown`, `jsonfeed`) and common
    /// spellings (`htm`, `txt`, `md`, `json`, `json-feed`), in any case.
    fn from_str(s: &str) -> Result<RoundupFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" | "web" => Ok(RoundupFormat::Html),
            "email" | "e-mail" | "mail" => Ok(RoundupFormat::Email),
            "text" | "txt" | "plain" => Ok(RoundupFormat::Text),
            "markdown" | "md" => Ok(RoundupFormat::Markdown),
            "jsonfeed" | "json-feed" | "json" | "feed" => Ok(RoundupFormat::Jsonfeed),
            _ => Err(Error::Invalid(format!(
                "{s:?} is not a roundup format; use html, email, text, markdown or jsonfeed"
            ))),
        }
    }
}

impl std::fmt::Display for RoundupFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The edition rendered in `format`, as text.
pub fn render_roundup(r: &Roundup, format: RoundupFormat, ctx: &RenderContext, extras: &RoundupExtras) -> Result<String> {
    Ok(match format {
        RoundupFormat::Html => render::roundup_html(r, ctx, extras)?,
        RoundupFormat::Email => render::roundup_email(r, ctx, extras)?,
        RoundupFormat::Text => render::roundup_text(r, ctx),
        RoundupFormat::Markdown => render::roundup_markdown(r, ctx, extras),
        RoundupFormat::Jsonfeed => {
            let mut s = serde_json::to_string_pretty(&render::roundup_jsonfeed(r, ctx, extras))
                .map_err(|e| Error::Invalid(format!("the edition could not be written as JSON: {e}")))?;
            s.push('\n');
            s
        }
    })
}

/// What an edition takes from the library: the outlet's logo, and for each brief the file
/// name of its article's exported page, when the article has been exported (its revisions
/// record an export). Those pages are named as every export names them, so the links
/// hold when the edition is saved in the same folder as its articles.
pub(crate) fn extras_from(lib: &Library, r: &Roundup) -> Result<RoundupExtras> {
    let settings = lib.settings()?;
    let sha = settings.logo_asset.trim();
    let logo = if sha.is_empty() {
        None
    } else {
        let (bytes, mime) = lib.asset(sha)?;
        let what = ImageAttrs { asset: sha.to_string(), alt: "the outlet logo".into(), caption: String::new(), credit: String::new() };
        Some(data_uri(&render::Asset { bytes, mime }, &what)?)
    };
    let mut article_pages = Vec::with_capacity(r.items.len());
    for b in &r.items {
        let page = match b.article_id.as_deref() {
            Some(id) => match lib.article(id) {
                Ok(a) if a.trashed_at.is_none() && lib.revisions(id)?.iter().any(|rev| rev.reason == SaveReason::Export) => {
                    Some(escape::url(&file_name_for(&a, Format::Html)))
                }
                _ => None,
            },
            None => None,
        };
        article_pages.push(page);
    }
    Ok(RoundupExtras { logo, article_pages })
}

/// Renders an edition value (saved or not: the builder's live preview uses this) with the
/// library's settings, logo, templates and article pages.
pub fn render_roundup_with_library(lib: &Library, r: &Roundup, format: RoundupFormat) -> Result<String> {
    let extras = extras_from(lib, r)?;
    with_context(lib, |ctx| render_roundup(r, format, ctx, &extras))
}

/// The file name an edition gets when exported into a folder.
/// (`주말 브리핑.html`; the e-mail `주말 브리핑 email.html`, the feed `주말 브리핑 feed.json`).
pub fn roundup_file_name(r: &Roundup, format: RoundupFormat) -> String {
    let title = if r.title.trim().is_empty() { format!("roundup {}", r.edition_date) } else { r.title.trim().to_string() };
    let name = match format {
        RoundupFormat::Email => format!("{title} email"),
        RoundupFormat::Jsonfeed => format!("{title} feed"),
        _ => title,
    };
    safe_file_name(&name, format.extension())
}

/// The stored edition `id` in `format`, as text (for standard output). Records nothing:
/// the caller records the export once the text is written (`Library::record_revision`).
pub fn render_roundup_from_library(lib: &Library, id: &str, format: RoundupFormat) -> Result<String> {
    let r = lib.roundup(id)?;
    render_roundup_with_library(lib, &r, format)
}

/// The stored edition `id` written to `dest` (a folder, where it is named from its title,
/// or a file path), atomically; records an export revision. Returns the path written.
pub fn export_roundup_from_library(lib: &mut Library, id: &str, format: RoundupFormat, dest: &Path) -> Result<PathBuf> {
    let r = lib.roundup(id)?;
    let path = if dest.is_dir() { dest.join(roundup_file_name(&r, format)) } else { dest.to_path_buf() };
    let text = render_roundup_with_library(lib, &r, format)?;
    write_atomic(&path, text.as_bytes())?;
    super::record_export(lib, id)?;
    Ok(path)
}
