//! The app's IPC commands: thin wrappers that validate arguments and call newsdesk-core.
//! Every command here is listed in build.rs (the ACL) and allowed in capabilities/main.json.
mod articles;
mod assets;
mod export;
mod library;
mod preview;
mod roundups;
mod settings;

pub use articles::*;
pub use assets::*;
pub use export::*;
pub use settings::*;
pub use library::*;
pub use preview::*;
pub use roundups::*;

use std::sync::{Mutex, MutexGuard};

use newsdesk_core::library::Library;

use crate::error::CommandError;

/// What the commands share: the open library and facts about the running app.
pub struct AppState {
    library: Mutex<Library>,
    /// The system locale, e.g. "ko-KR", for the UI's first choice of language.
    pub locale: String,
    /// The roundup builder's latest previews, served over the `preview:` scheme.
    pub(crate) previews: Previews,
    pub(crate) previews_served: std::sync::atomic::AtomicU64,
}

impl AppState {
    pub fn new(library: Library, locale: String) -> Self {
        Self { library: Mutex::new(library), locale, previews: Previews::default(), previews_served: Default::default() }
    }

    /// The library, even if an earlier command panicked while holding it: SQLite rolled
    /// back whatever that command had not committed.
    pub fn library(&self) -> MutexGuard<'_, Library> {
        self.library.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Refuses strings longer than `max` characters, naming the field.
pub(crate) fn limit(field: &str, value: &str, max: usize) -> Result<(), CommandError> {
    if value.chars().count() > max {
        return Err(CommandError::invalid(format!("{field} is too long (at most {max} characters)")));
    }
    Ok(())
}

/// An article id is a UUID: 36 characters of hex digits and dashes.
pub(crate) fn check_id(id: &str) -> Result<(), CommandError> {
    let ok = id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(CommandError::invalid(format!("{id:?} is not an article or roundup id")))
    }
}
