//! Export: rendering an article in a chosen format and writing it to disk atomically.
//!
//! ```no_run
//! # use newsdesk_core::export::{export_article, Format};
//! # use newsdesk_core::render::{no_assets, Outlet, RenderContext};
//! # fn f(article: &newsdesk_core::model::Article) -> newsdesk_core::Result<()> {
//! let outlet = Outlet::default();
//! let ctx = RenderContext::new(&outlet, &no_assets);
//! let written = export_article(article, Format::Html, &ctx, std::path::Path::new("/home/me/exports"))?;
//! # Ok(()) }
//! ```
mod atomic;
mod batch;
mod file_name;
mod from_library;
pub(crate) mod roundup;

use std::path::{Path, PathBuf};

pub use atomic::write_atomic;
pub use batch::{export_articles, BatchReport, INDEX_FILE};
pub use file_name::{safe_file_name, MAX_FILE_NAME_BYTES};
pub use from_library::{export_all_from_library, export_from_library, outlet_from, record_export, render_from_library, templates_dir};
pub use roundup::{
    export_roundup_from_library, render_roundup, render_roundup_from_library, render_roundup_with_library, roundup_file_name,
    RoundupFormat,
};

use crate::error::{Error, Result};
use crate::model::Article;
use crate::render::{self, RenderContext};

/// The formats an article can leave in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "ExportFormat"))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Html,
    Markdown,
    Text,
    Ninjs,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Html, Format::Markdown, Format::Text, Format::Ninjs];

    /// The name used on the command line and over IPC.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Ninjs => "ninjs",
        }
    }

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Ninjs => "json",
        }
    }

    /// The media type of the output.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Markdown => "text/markdown; charset=utf-8",
            Format::Text => "text/plain; charset=utf-8",
            Format::Ninjs => "application/json",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = Error;
    /// Accepts the names (`html`, `markdown`, `text`, `ninjs`) and the extensions
    /// (`htm`, `md`, `txt`, `json`), in any case.
    fn from_str(s: &str) -> Result<Format> {
        match s.trim().to_ascii_lowercase().as_str() {
            "html" | "htm" => Ok(Format::Html),
            "markdown" | "md" => Ok(Format::Markdown),
            "text" | "txt" | "plain" => Ok(Format::Text),
            "ninjs" | "json" => Ok(Format::Ninjs),
            _ => Err(Error::Invalid(format!(
                "{s:?} is not an article format; use html, markdown, text or ninjs"
            ))),
        }
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The article rendered in `format`, as text (what the command line prints without `-o`).
pub fn render_article(article: &Article, format: Format, ctx: &RenderContext) -> Result<String> {
    Ok(match format {
        Format::Html => render::article_html(article, ctx)?,
        Format::Markdown => render::article_markdown(article, ctx),
        Format::Text => render::article_text(article, ctx),
        Format::Ninjs => {
            let mut s = serde_json::to_string_pretty(&render::article_ninjs(article, ctx))
                .map_err(|e| Error::Invalid(format!("the article could not be written as JSON: {e}")))?;
            s.push('\n');
            s
        }
    })
}

/// The file name an article gets when exported into a folder.
pub fn file_name_for(article: &Article, format: Format) -> String {
    safe_file_name(&article.headline, format.extension())
}

/// Renders the article and writes it atomically.
///
/// `dest` is either a folder that exists (the file is named from the headline, see
/// [`safe_file_name`], replacing a file of that name) or the path of the file to write.
/// Returns the path written.
pub fn export_article(article: &Article, format: Format, ctx: &RenderContext, dest: &Path) -> Result<PathBuf> {
    let path = if dest.is_dir() {
        dest.join(file_name_for(article, format))
    } else {
        dest.to_path_buf()
    };
    let text = render_article(article, format, ctx)?;
    write_atomic(&path, text.as_bytes())?;
    Ok(path)
}
