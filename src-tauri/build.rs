//! Generates the Tauri context and puts every app command under the ACL: a command the
//! window's capability does not list cannot be called from the webview.
use tauri_build::{AppManifest, Attributes};

/// The command names, from the one table (`src/commands/table.rs`).
macro_rules! commands_table {
    ($($name:ident),* $(,)?) => {
        const COMMANDS: &[&str] = &[$(stringify!($name)),*];
    };
}
include!("src/commands/table.rs");

fn main() {
    println!("cargo:rerun-if-changed=src-tauri/src/commands/table.rs");
    tauri_build::try_build(
        Attributes::new()
            .capabilities_path_pattern("./src-tauri/capabilities/**/*")
            .app_manifest(AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
