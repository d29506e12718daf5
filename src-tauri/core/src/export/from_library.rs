//! Export straight from a library: the outlet from its settings, its images, its own
//! `templates/` folder (beside the library file), and an `export` revision for each article
//! that leaves. The command line and the app both export through here.
use std::path::{Path, PathBuf};

use crate::library::{Library, ListFilter, SaveReason, Settings};
use crate::model::{Article, Kind, Status};
use crate::render::{Asset, Outlet, RenderContext, Templates, TextForm};
use crate::{Error, Result};

use super::{export_article, export_articles, render_article, BatchReport, Format};

/// The outlet as the renderers need it, from the library's settings.
pub fn outlet_from(settings: &Settings) -> Outlet {
    Outlet {
        name: settings.outlet_name.clone(),
        email: settings.outlet_email.clone(),
        site_url: settings.site_url.clone(),
        time_zone: settings.time_zone.clone(),
        language: settings.language.clone(),
        date_format: settings.date_format.clone(),
        text_form: TextForm { title_line: settings.edition_title_line, blank_lines: settings.edition_blank_lines },
    }
}

/// The library's template folder: `templates/` beside the library file.
pub fn templates_dir(lib: &Library) -> PathBuf {
    lib.path().parent().unwrap_or_else(|| Path::new(".")).join("templates")
}

/// Runs `f` with a render context for this library (its outlet, images and templates).
pub(super) fn with_context<T>(lib: &Library, f: impl FnOnce(&RenderContext) -> Result<T>) -> Result<T> {
    let outlet = outlet_from(&lib.settings()?);
    let dir = templates_dir(lib);
    let templates = Templates::with_overrides(dir.is_dir().then_some(dir.as_path()))?;
    let lookup = |sha: &str| lib.asset(sha).ok().map(|(bytes, mime)| Asset { bytes, mime });
    let ctx = RenderContext::new(&outlet, &lookup).with_templates(&templates);
    f(&ctx)
}

/// Records that item `id` left (an `export` revision), once it is written. A library
/// opened read-only (`newsdesk export` on a read-only disk) exports without recording.
pub fn record_export(lib: &mut Library, id: &str) -> Result<()> {
    if !lib.is_read_only() {
        lib.record_revision(id, SaveReason::Export)?;
    }
    Ok(())
}

/// The article `id`; a roundup is refused (it has formats of its own, see `roundup.rs`).
fn article_only(lib: &Library, id: &str) -> Result<Article> {
    let article = lib.article(id)?;
    if article.kind == Kind::Roundup {
        return Err(Error::Invalid(format!(
            "{id} is a weekend roundup: export it as html, email, text, markdown or jsonfeed"
        )));
    }
    Ok(article)
}

/// One article in `format`, as text (for standard output). Records nothing: the caller
/// records the export once the text is written (`Library::record_revision`), so a write
/// that fails is not counted as an export.
pub fn render_from_library(lib: &Library, id: &str, format: Format) -> Result<String> {
    let article = article_only(lib, id)?;
    with_context(lib, |ctx| render_article(&article, format, ctx))
}

/// One article written to `dest` (a folder or a file path); records an export revision.
pub fn export_from_library(lib: &mut Library, id: &str, format: Format, dest: &Path) -> Result<PathBuf> {
    let article = article_only(lib, id)?;
    let path = with_context(lib, |ctx| export_article(&article, format, ctx, dest))?;
    record_export(lib, id)?;
    Ok(path)
}

/// Every article with `status` (all live articles when `None`) into the folder `dir`, with
/// progress after each; records an export revision for each article written.
pub fn export_all_from_library(
    lib: &mut Library,
    status: Option<Status>,
    format: Format,
    dir: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<BatchReport> {
    let rows = lib.list(&ListFilter { kind: Some(Kind::Article), status, ..ListFilter::default() })?;
    let articles = rows.iter().map(|r| lib.article(&r.id)).collect::<Result<Vec<Article>>>()?;
    let report = with_context(lib, |ctx| export_articles(&articles, format, ctx, dir, progress))?;
    for a in &articles {
        record_export(lib, &a.id)?;
    }
    Ok(report)
}
