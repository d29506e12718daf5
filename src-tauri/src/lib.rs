//! The Newsdesk app: a thin Tauri shell over newsdesk-core, and the `newsdesk` command line.
//!
//! `main_entry` decides: with a subcommand (or `--help`, `--version`) it runs headless and
//! exits; with none it opens the window on the chosen library.
pub mod cli;
pub mod commands;
pub mod error;
pub mod paths;

use std::process::ExitCode;

use newsdesk_core::library::Library;
use tauri::Runtime;

pub use commands::AppState;

/// The invoke handler and the list of command names, both from the one table
/// (`commands/table.rs`; `build.rs` reads the same table for the ACL).
macro_rules! commands_table {
    ($($name:ident),* $(,)?) => {
        /// Every IPC command of the app, by name.
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        fn invoke_handler<R: Runtime>() -> impl Fn(tauri::ipc::Invoke<R>) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$name),*]
        }
    };
}
include!("commands/table.rs");

/// Registers the app's state and commands on a builder (the real one or the mock runtime's).
pub fn configure<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .manage(state)
        .plugin(tauri_plugin_dialog::init())
        .register_uri_scheme_protocol(commands::PREVIEW_SCHEME, commands::serve_preview)
        .on_window_event(|window, event| {
            if let tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                commands::import_dropped(tauri::Manager::app_handle(window), paths.clone());
            }
        })
        .invoke_handler(invoke_handler())
}

/// The app's context: tauri.conf.json, the capabilities (the ACL) and the embedded UI.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!()
}

/// The system locale, e.g. "ko-KR"; "en-US" when it cannot be read.
pub fn system_locale() -> String {
    sys_locale::get_locale().unwrap_or_else(|| "en-US".into())
}

/// How long after start the spell checker loads its dictionaries. The Korean one takes about
/// 0.6 s and 50 MB to load, on the main thread: done in `setup` it held the window back by
/// that much (bench/ANALYSIS.md). By then the article is on screen.
const SPELL_CHECK_DELAY: std::time::Duration = std::time::Duration::from_secs(2);

/// Turns on WebKitGTK's spell checker for Korean and English (the `hunspell-ko` and
/// `hunspell-en-us` dictionaries); other platforms check spelling on their own.
fn enable_spell_checking<R: Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(target_os = "linux")]
    if let Some(window) = tauri::Manager::get_webview_window(app, "main") {
        let _ = window.with_webview(|webview| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_spell_checking_enabled(true);
                context.set_spell_checking_languages(&["ko_KR", "en_US"]);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Opens the window on `library` and runs until it closes.
pub fn run_window(library: Library) -> ExitCode {
    if cfg!(target_os = "linux") && std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!("newsdesk: there is no display to open the window on (run a command instead, see newsdesk --help)");
        return ExitCode::FAILURE;
    }
    let state = AppState::new(library, system_locale());
    let builder = configure(tauri::Builder::<tauri::Wry>::default(), state).setup(|app| {
        let handle = app.handle().clone();
        commands::index_upgraded_words_behind(&handle);
        std::thread::spawn(move || {
            std::thread::sleep(SPELL_CHECK_DELAY);
            enable_spell_checking(&handle);
        });
        Ok(())
    });
    match builder.run(context()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsdesk: the window could not start: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The program's entry point: command line or window.
pub fn main_entry() -> ExitCode {
    // A bug must not greet the reporter with a backtrace: one line, and the library is safe
    // (SQLite rolls back whatever was not committed). NEWSDESK_BACKTRACE=1 shows the detail.
    if std::env::var_os("NEWSDESK_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|info| {
            let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
            eprintln!("newsdesk: an internal error stopped this command{place}; nothing unsaved was written. Please report it.");
        }));
    }
    cli::main(std::env::args_os())
}
