//! House style in the window: the findings of the text on screen as it is typed, the
//! pre-flight checklist before an export, and the outlet's style book (core's
//! `library/style.rs` holds every rule; these only reach it).
use tauri::{AppHandle, Runtime};

use newsdesk_core::library::StyleInput;
use newsdesk_core::model::limits::check_id;
use newsdesk_core::style::{Finding, Preflight};

use super::on_library;
use crate::error::CommandError;

/// The style findings of the fields on screen (nothing is stored).
#[tauri::command]
pub async fn check_style<R: Runtime>(app: AppHandle<R>, input: StyleInput) -> Result<Vec<Finding>, CommandError> {
    on_library(&app, move |lib, _| Ok(lib.check_style(&input)?)).await
}

/// The checklist of a stored article or edition (the window saves first).
#[tauri::command]
pub async fn preflight_item<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Preflight, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.preflight(&id)?)).await
}

/// The style book in use, as TOML.
#[tauri::command]
pub async fn get_style_book<R: Runtime>(app: AppHandle<R>) -> Result<String, CommandError> {
    on_library(&app, |lib, _| Ok(lib.style_book_toml()?)).await
}

/// Replaces the style book; a book that does not read is refused with its line, and the
/// one in use stays. Returns the book as stored.
#[tauri::command]
pub async fn set_style_book<R: Runtime>(app: AppHandle<R>, toml: String) -> Result<String, CommandError> {
    on_library(&app, move |lib, _| {
        lib.set_style_book(&toml)?;
        Ok(lib.style_book_toml()?)
    })
    .await
}
