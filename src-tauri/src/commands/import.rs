//! Importing files in the window: "Import…" (the open dialog, from Rust) and files dropped
//! onto the window (the drop arrives here, in Rust, so the webview never names a path).
//! Both run core's import (`Library::import_paths`, the one the command line's folders go
//! through) off the main thread, send `import-progress` {done, total} as files arrive and
//! hand back what came in and what was refused, with its reason.
use std::path::PathBuf;

use tauri::{AppHandle, Emitter, Runtime};

use newsdesk_core::import::{ImportAs, ImportReport, IMPORT_EXTENSIONS};
use newsdesk_core::model::Status;

use super::dialogs::ask_files;
use super::on_library;
use super::ExportProgress;
use crate::error::CommandError;

/// The event a drop's import ends with, carrying its [`ImportReport`].
pub const IMPORT_FINISHED_EVENT: &str = "import-finished";
/// Sent when a drop's import starts, with the number of paths dropped.
pub const IMPORT_STARTED_EVENT: &str = "import-started";

/// Imports `paths` as drafts (editions where a file holds briefs), reporting progress.
pub(crate) async fn import_paths<R: Runtime>(app: &AppHandle<R>, paths: Vec<PathBuf>) -> Result<ImportReport, CommandError> {
    let events = app.clone();
    on_library(app, move |lib, _| {
        Ok(lib.import_paths(&paths, ImportAs::Auto, Status::Draft, |done, total| {
            let _ = events.emit("import-progress", ExportProgress { done, total });
        }))
    })
    .await
}

/// "Import…": the files the open dialog chooses, imported; `None` when cancelled.
#[tauri::command]
pub async fn import_files_dialog<R: Runtime>(app: AppHandle<R>) -> Result<Option<ImportReport>, CommandError> {
    let Some(paths) = ask_files(&app, "Newsdesk", IMPORT_EXTENSIONS) else { return Ok(None) };
    if paths.is_empty() {
        return Ok(None);
    }
    import_paths(&app, paths).await.map(Some)
}

/// Pictures dropped on the window are the body editor's (it puts them in the article);
/// anything else dropped is imported.
fn is_picture(path: &std::path::Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("png" | "jpg" | "jpeg" | "gif" | "webp"))
}

/// Files dropped onto the window: imported, then announced with `import-finished`.
pub fn import_dropped<R: Runtime>(app: &AppHandle<R>, paths: Vec<PathBuf>) {
    if paths.is_empty() || paths.iter().all(|p| is_picture(p)) {
        return;
    }
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let _ = app.emit(IMPORT_STARTED_EVENT, paths.len());
        let report = import_paths(&app, paths).await;
        let _ = match report {
            Ok(report) => app.emit(IMPORT_FINISHED_EVENT, report),
            Err(e) => app.emit(IMPORT_FINISHED_EVENT, ImportReport { imported: Vec::new(), refused: Vec::new(), stopped: Some(e.message) }),
        };
    });
}
