//! What travels beside an article: the press release it was made from (its source, shown
//! in the source pane and saved back out as the original file) and its length goal.
use tauri::{AppHandle, Runtime};

use newsdesk_core::library::Source;
use newsdesk_core::model::limits::check_id;
use newsdesk_core::model::{LengthGoal, PieceGoal};

use super::dialogs::ask_where;
use super::on_library;
use crate::error::CommandError;

/// The source of an article, or `None` when it was not made from a press release.
#[tauri::command]
pub async fn article_source<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Option<Source>, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.source(&id)?)).await
}

/// Saves the original file of the article's source where the save dialog says (the file
/// as it arrived, byte for byte). Returns the path written, or `None` when cancelled.
#[tauri::command]
pub async fn save_source_file<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Option<String>, CommandError> {
    check_id(&id)?;
    let source = {
        let id = id.clone();
        on_library(&app, move |lib, _| Ok(lib.source(&id)?)).await?
    };
    let Some(source) = source else {
        return Err(CommandError::invalid("this article was not made from a press release: it has no source file"));
    };
    let ext = source.info.file_name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let Some(dest) = ask_where(&app, &source.info.file_name, &ext.to_uppercase(), &ext) else { return Ok(None) };
    on_library(&app, move |lib, _| Ok(Some(lib.write_source_file(&id, &dest)?.display().to_string()))).await
}

/// The article's length goal: its own, else its section's default, else `None`.
#[tauri::command]
pub async fn length_goal<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Option<PieceGoal>, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.length_goal(&id)?)).await
}

/// Sets the article's own length goal, or with `None` removes it; returns the goal it now
/// has. The article's version does not change.
#[tauri::command]
pub async fn set_length_goal<R: Runtime>(app: AppHandle<R>, id: String, goal: Option<LengthGoal>) -> Result<Option<PieceGoal>, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.set_length_goal(&id, goal)?)).await
}
