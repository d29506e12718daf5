//! The outlet and the reporter's own profile, stored in the library.
use tauri::State;

use newsdesk_core::export::outlet_from;
use newsdesk_core::library::Settings;

use super::{limit, AppState};
use crate::error::CommandError;

#[tauri::command]
pub fn get_settings(state: State<'_, AppState>) -> Result<Settings, CommandError> {
    Ok(state.library().settings()?)
}

/// Checks and stores the settings; an unknown time zone or a bad address is refused in words.
#[tauri::command]
pub fn set_settings(state: State<'_, AppState>, settings: Settings) -> Result<Settings, CommandError> {
    for (field, value, max) in [
        ("outlet name", &settings.outlet_name, 200),
        ("newsroom e-mail", &settings.outlet_email, 320),
        ("site address", &settings.site_url, 2000),
        ("time zone", &settings.time_zone, 64),
        ("language", &settings.language, 35),
        ("your name", &settings.reporter_name, 200),
        ("your e-mail", &settings.reporter_email, 320),
        ("date format", &settings.date_format, 100),
        ("sign-off", &settings.signoff, 500),
        ("logo", &settings.logo_asset, 64),
    ] {
        limit(field, value, max)?;
    }
    outlet_from(&settings).validate()?;
    if !(1..=2000).contains(&settings.brief_max_chars) || !(1..=20).contains(&settings.brief_max_sentences) {
        return Err(CommandError::invalid("a brief's limit is 1 to 2,000 characters and 1 to 20 sentences"));
    }
    let mut lib = state.library();
    if !settings.logo_asset.is_empty() {
        lib.asset(&settings.logo_asset)
            .map_err(|_| CommandError::invalid("the logo image is not in the library; choose it again"))?;
    }
    lib.set_settings(&settings)?;
    Ok(lib.settings()?)
}
