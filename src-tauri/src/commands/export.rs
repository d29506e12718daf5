//! Exporting the open article: the native save dialog is opened here, in Rust, so the
//! webview never holds a filesystem permission; the file is written atomically.
use std::path::PathBuf;

use serde::Deserialize;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use newsdesk_core::export::{export_from_library, file_name_for, Format};

use super::{check_id, AppState};
use crate::error::CommandError;

/// Where exports go without asking: set by scripted and end-to-end runs, which cannot
/// answer a native dialog.
pub const EXPORT_DIR_ENV: &str = "NEWSDESK_EXPORT_DIR";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRequest {
    pub id: String,
    pub format: String,
}

/// Asks where to save (suggesting a name from the headline) and writes the article there.
/// Returns the path written, or `None` when the reporter cancelled the dialog.
#[tauri::command]
pub async fn export_article<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> Result<Option<String>, CommandError> {
    check_id(&request.id)?;
    let format: Format = request.format.parse()?;
    let suggested = file_name_for(&state.library().article(&request.id)?, format);
    let dest: Option<PathBuf> = match std::env::var_os(EXPORT_DIR_ENV) {
        Some(dir) => Some(PathBuf::from(dir).join(&suggested)),
        None => app
            .dialog()
            .file()
            .set_file_name(&suggested)
            .add_filter(format.as_str(), &[format.extension()])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(dest) = dest else { return Ok(None) };
    let written = export_from_library(&mut state.library(), &request.id, format, &dest)?;
    Ok(Some(written.display().to_string()))
}
