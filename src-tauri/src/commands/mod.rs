//! The app's IPC commands: adapters that take the window's request, call newsdesk-core and
//! hand back its answer. Every rule (limits, ids, defaults) lives in core; the table of
//! commands is `table.rs`.
//!
//! Every command that touches the library or the disk runs on a worker thread
//! ([`on_library`]), never on the main thread that draws the window: a preview that renders
//! and inlines CSS, or an image that is hashed, must not hold up typing.
mod articles;
mod assets;
mod dialogs;
mod export;
mod import;
mod library;
mod preview;
mod publishing;
mod roundups;
mod settings;
mod sources;
mod style;

pub use articles::*;
pub use assets::*;
pub use dialogs::{EXPORT_DIR_ENV, OPEN_FILES_ENV};
pub use export::*;
pub use import::*;
pub use library::*;
pub use preview::*;
pub use publishing::*;
pub use roundups::*;
pub use settings::*;
pub use sources::*;
pub use style::*;

use std::sync::{Mutex, MutexGuard};
use std::thread::ThreadId;

use newsdesk_core::library::Library;
use tauri::{AppHandle, Manager, Runtime};

use crate::error::CommandError;

/// What the commands share: the open library and facts about the running app.
pub struct AppState {
    library: Mutex<Library>,
    /// The system locale, e.g. "ko-KR", for the UI's first choice of language.
    pub locale: String,
    /// The roundup builder's latest previews, served over the `preview:` scheme.
    pub(crate) previews: Previews,
    pub(crate) previews_served: std::sync::atomic::AtomicU64,
    /// The thread the latest library call ran on (the tests check it is not the caller's).
    last_thread: Mutex<Option<ThreadId>>,
    /// Publishing secrets typed where no keyring runs (this session only).
    pub(crate) secrets: SessionSecrets,
}

impl AppState {
    pub fn new(library: Library, locale: String) -> Self {
        Self {
            library: Mutex::new(library),
            locale,
            previews: Previews::default(),
            previews_served: Default::default(),
            last_thread: Mutex::new(None),
            secrets: SessionSecrets::default(),
        }
    }

    /// The library, even if an earlier command panicked while holding it: SQLite rolled
    /// back whatever that command had not committed.
    fn library(&self) -> MutexGuard<'_, Library> {
        *self.last_thread.lock().unwrap_or_else(|p| p.into_inner()) = Some(std::thread::current().id());
        self.library.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The thread the latest command's library call ran on.
    pub fn last_library_thread(&self) -> Option<ThreadId> {
        *self.last_thread.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Runs `f` with the library on a worker thread and hands back its answer; a conflict
/// carries the item as it is stored now (see [`conflict_with_current`]).
pub(crate) async fn on_library<R, T, F>(app: &AppHandle<R>, f: F) -> Result<T, CommandError>
where
    R: Runtime,
    T: Send + 'static,
    F: FnOnce(&mut Library, &AppState) -> Result<T, CommandError> + Send + 'static,
{
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        let mut lib = state.library();
        f(&mut lib, &state)
    })
    .await
    .map_err(|_| CommandError::invalid("an internal error stopped this command; nothing unsaved was written"))?
}

/// Brings the search index up to date on a worker thread, after a save has answered: the
/// save waited only for its text to be on disk (`Library::index_queued`; a search catches
/// up first anyway, so none misses a saved word).
pub(crate) fn index_behind<R: Runtime>(app: &AppHandle<R>) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        if let Err(e) = app.state::<AppState>().library().index_queued() {
            eprintln!("newsdesk: the search index will catch up at the next search: {e}");
        }
    });
}

/// Indexes the words of a library upgraded to schema 8 on a thread of its own, one step of
/// [`WORDS_STEP`] articles at a time (`Library::index_upgraded_words`), releasing the
/// library between steps so the reporter's commands never wait for more than one step.
/// Searches use the trigram index until it is done, with the same results.
pub(crate) fn index_upgraded_words_behind<R: Runtime>(app: &AppHandle<R>) {
    const WORDS_STEP: i64 = 1000;
    let app = app.clone();
    std::thread::spawn(move || loop {
        let left = app.state::<AppState>().library().index_upgraded_words(WORDS_STEP);
        match left {
            Ok(0) => return,
            Ok(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
            Err(e) => {
                eprintln!("newsdesk: indexing the library's words stopped (searches still find everything): {e}");
                return;
            }
        }
    });
}

/// `result`, with the stored item `id` attached when it is a conflict.
pub(crate) fn conflict_with_current<T>(lib: &Library, id: &str, result: newsdesk_core::Result<T>) -> Result<T, CommandError> {
    result.map_err(|e| {
        let conflict = matches!(e, newsdesk_core::Error::Conflict { .. });
        let mut err = CommandError::from(e);
        if conflict {
            err.current = lib.item(id).ok().map(Box::new);
        }
        err
    })
}
