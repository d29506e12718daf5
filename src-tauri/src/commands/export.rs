//! Exporting the open article: the native save dialog is opened here, in Rust, so the
//! webview never holds a filesystem permission; the file is written atomically.
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Emitter, Runtime};

use newsdesk_core::export::{
    export_all_from_library, export_from_library, export_roundup_from_library, file_name_for, roundup_file_name, Format,
    RoundupFormat,
};
use newsdesk_core::library::Library;
use newsdesk_core::model::limits::check_id;
use newsdesk_core::model::Status;

use super::dialogs::{ask_folder, ask_where};
use super::on_library;
use crate::error::CommandError;

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    pub id: String,
    pub format: Format,
}

/// Asks where to save (suggesting a name from the headline) and writes the article there.
/// Returns the path written, or `None` when the reporter cancelled the dialog.
#[tauri::command]
pub async fn export_article<R: Runtime>(app: AppHandle<R>, request: ExportRequest) -> Result<Option<String>, CommandError> {
    let f = request.format;
    let suggest = move |lib: &Library, id: &str| Ok(file_name_for(&lib.article(id)?, f));
    let write = move |lib: &mut Library, id: &str, dest: &Path| export_from_library(lib, id, f, dest);
    export_item(&app, request.id, (f.as_str(), f.extension()), suggest, write).await
}

/// Asks where to save the edition (a name from its title and format, so the web page and
/// the e-mail never share a file) and writes it. `None` when the reporter cancelled.
#[tauri::command]
pub async fn export_roundup<R: Runtime>(app: AppHandle<R>, request: ExportRoundupRequest) -> Result<Option<String>, CommandError> {
    let f = request.format;
    let suggest = move |lib: &Library, id: &str| Ok(roundup_file_name(&lib.roundup(id)?, f));
    let write = move |lib: &mut Library, id: &str, dest: &Path| export_roundup_from_library(lib, id, f, dest);
    export_item(&app, request.id, (f.as_str(), f.extension()), suggest, write).await
}

/// One item out through the save dialog: the suggested name, the dialog (filter name and
/// extension), the write; `None` when the reporter cancelled.
async fn export_item<R: Runtime>(
    app: &AppHandle<R>,
    id: String,
    (filter, extension): (&'static str, &'static str),
    suggest: impl FnOnce(&Library, &str) -> newsdesk_core::Result<String> + Send + 'static,
    write: impl FnOnce(&mut Library, &str, &Path) -> newsdesk_core::Result<PathBuf> + Send + 'static,
) -> Result<Option<String>, CommandError> {
    check_id(&id)?;
    let suggested = {
        let id = id.clone();
        on_library(app, move |lib, _| Ok(suggest(lib, &id)?)).await?
    };
    let Some(dest) = ask_where(app, &suggested, filter, extension) else { return Ok(None) };
    let written = on_library(app, move |lib, _| Ok(write(lib, &id, &dest)?)).await?;
    Ok(Some(written.display().to_string()))
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ExportRoundupRequest {
    pub id: String,
    pub format: RoundupFormat,
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ExportAllRequest {
    pub status: Option<Status>,
    pub format: Format,
}

/// Progress of a batch export, sent to the window as the `export-progress` event.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportProgress {
    pub done: usize,
    pub total: usize,
}

/// What a batch export wrote: the folder, the number of files and the index page (HTML).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportAllResult {
    pub folder: String,
    pub files: usize,
    pub index: Option<String>,
}

/// Asks for a folder and exports every article of `status` into it, reporting progress;
/// `None` when the reporter cancelled the dialog.
#[tauri::command]
pub async fn export_all<R: Runtime>(app: AppHandle<R>, request: ExportAllRequest) -> Result<Option<ExportAllResult>, CommandError> {
    let format = request.format;
    let Some(folder) = ask_folder(&app) else { return Ok(None) };
    let events = app.clone();
    on_library(&app, move |lib, _| {
        let report = export_all_from_library(lib, request.status, format, &folder, &mut |done, total| {
            let _ = events.emit("export-progress", ExportProgress { done, total });
        })?;
        Ok(Some(ExportAllResult {
            folder: folder.display().to_string(),
            files: report.files.len(),
            index: report.index.map(|p| p.display().to_string()),
        }))
    })
    .await
}
