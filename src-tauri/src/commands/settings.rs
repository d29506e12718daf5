//! The outlet and the reporter's own profile, stored in the library (validated by core).
use tauri::{AppHandle, Runtime};

use newsdesk_core::model::Settings;

use super::on_library;
use crate::error::CommandError;

#[tauri::command]
pub async fn get_settings<R: Runtime>(app: AppHandle<R>) -> Result<Settings, CommandError> {
    on_library(&app, |lib, _| Ok(lib.settings()?)).await
}

/// Checks and stores the settings; an unknown time zone or a bad address is refused in words.
#[tauri::command]
pub async fn set_settings<R: Runtime>(app: AppHandle<R>, settings: Settings) -> Result<Settings, CommandError> {
    on_library(&app, move |lib, _| {
        lib.set_settings(&settings)?;
        Ok(lib.settings()?)
    })
    .await
}
