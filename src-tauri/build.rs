//! Generates the Tauri context and puts every app command under the ACL: a command the
//! window's capability does not list cannot be called from the webview.
use tauri_build::{AppManifest, Attributes};

/// Every `#[tauri::command]` of the app; keep in step with `src/commands/mod.rs`.
const COMMANDS: &[&str] = &[
    "app_info",
    "list_articles",
    "search_articles",
    "get_article",
    "load_samples",
    "create_article",
    "save_article",
    "set_status",
    "list_revisions",
    "restore_revision",
    "compare_revisions",
    "trash_article",
    "restore_article",
    "put_image",
    "get_asset",
    "get_settings",
    "set_settings",
    "export_article",
    "export_all",
    "create_roundup",
    "get_roundup",
    "save_roundup",
    "set_roundup_status",
    "brief_from_article",
    "article_usage",
    "preview_roundup",
    "export_roundup",
    "import_roundup_text",
    "restore_roundup_revision",
];

fn main() {
    tauri_build::try_build(
        Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
