//! The native file dialogs, opened from Rust so the webview never holds a filesystem
//! permission. Scripted and end-to-end runs, which cannot answer a native dialog, name the
//! answer in the environment instead.
use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// Where exports go without asking (the folder a save dialog would have chosen).
pub const EXPORT_DIR_ENV: &str = "NEWSDESK_EXPORT_DIR";
/// The files an open dialog answers without asking, separated as in `PATH`.
pub const OPEN_FILES_ENV: &str = "NEWSDESK_OPEN_FILES";

/// The file to write: in NEWSDESK_EXPORT_DIR when set, else where the save dialog says
/// (`None` when the reporter cancelled).
pub(super) fn ask_where<R: Runtime>(app: &AppHandle<R>, suggested: &str, filter: &str, extension: &str) -> Option<PathBuf> {
    match std::env::var_os(EXPORT_DIR_ENV) {
        Some(dir) => Some(PathBuf::from(dir).join(suggested)),
        None => app
            .dialog()
            .file()
            .set_file_name(suggested)
            .add_filter(filter, &[extension])
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    }
}

/// The folder to export into: NEWSDESK_EXPORT_DIR when set, else the folder dialog's answer.
pub(super) fn ask_folder<R: Runtime>(app: &AppHandle<R>) -> Option<PathBuf> {
    match std::env::var_os(EXPORT_DIR_ENV) {
        Some(dir) => Some(PathBuf::from(dir)),
        None => app.dialog().file().blocking_pick_folder().and_then(|p| p.into_path().ok()),
    }
}

/// One file to open, of the given extensions: the first of NEWSDESK_OPEN_FILES when set,
/// else the open dialog's answer (`None` when the reporter cancelled).
pub(super) fn ask_file<R: Runtime>(app: &AppHandle<R>, filter: &str, extensions: &[&str]) -> Option<PathBuf> {
    match std::env::var_os(OPEN_FILES_ENV) {
        Some(list) => std::env::split_paths(&list).next(),
        None => app.dialog().file().add_filter(filter, extensions).blocking_pick_file().and_then(|p| p.into_path().ok()),
    }
}

/// Files to open, of the given extensions: every one of NEWSDESK_OPEN_FILES when set, else
/// the open dialog's answer (`None` when the reporter cancelled).
pub(super) fn ask_files<R: Runtime>(app: &AppHandle<R>, filter: &str, extensions: &[&str]) -> Option<Vec<PathBuf>> {
    match std::env::var_os(OPEN_FILES_ENV) {
        Some(list) => Some(std::env::split_paths(&list).collect()),
        None => app
            .dialog()
            .file()
            .add_filter(filter, extensions)
            .blocking_pick_files()
            .map(|files| files.into_iter().filter_map(|p| p.into_path().ok()).collect()),
    }
}
