//! Where the library file lives: `--library`, else `NEWSDESK_LIBRARY`, else `library.db` in
//! the OS app-data folder for the app's identifier (the folder Tauri's `app_data_dir` names).
use std::path::PathBuf;

/// The bundle identifier from tauri.conf.json; a test checks the two agree.
pub const APP_IDENTIFIER: &str = "org.newsdesk.desktop";
pub const LIBRARY_ENV: &str = "NEWSDESK_LIBRARY";
pub const LIBRARY_FILE: &str = "library.db";

/// The default library: `<data dir>/org.newsdesk.desktop/library.db`.
pub fn default_library_path() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER).join(LIBRARY_FILE))
}
