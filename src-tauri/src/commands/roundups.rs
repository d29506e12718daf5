//! Weekend roundups: create, open, save (autosave or explicit), status, briefs copied from
//! library articles, which editions use an article, a pasted edition, restore.
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};

use newsdesk_core::import::edition_from_paste;
use newsdesk_core::library::{Library, SaveReason};
use newsdesk_core::model::limits::check_id;
use newsdesk_core::model::Status;
use newsdesk_core::roundup::{Brief, Roundup, RoundupFields};

use super::articles::{restore_item, save_item, set_status_of, RestoreRequest, SaveRequest, StatusRequest};
use super::on_library;
use crate::error::CommandError;

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct CreateRoundupRequest {
    pub title: String,
}

/// A new edition dated today, signed off with the outlet's sign-off.
#[tauri::command]
pub async fn create_roundup<R: Runtime>(app: AppHandle<R>, request: CreateRoundupRequest) -> Result<Roundup, CommandError> {
    let fields = RoundupFields { title: request.title, ..RoundupFields::default() };
    on_library(&app, move |lib, _| Ok(lib.create_roundup(fields)?)).await
}

#[tauri::command]
pub async fn get_roundup<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Roundup, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.roundup(&id)?)).await
}

/// Saves the edition over `base_version`.
#[tauri::command]
pub async fn save_roundup<R: Runtime>(app: AppHandle<R>, request: SaveRequest<RoundupFields>) -> Result<Roundup, CommandError> {
    save_item(&app, request, Library::save_roundup_with).await
}

#[tauri::command]
pub async fn set_roundup_status<R: Runtime>(app: AppHandle<R>, request: StatusRequest) -> Result<Roundup, CommandError> {
    set_status_of(&app, request, Library::roundup).await
}

/// A brief made from a library article: its headline and summary, for this edition to edit.
#[tauri::command]
pub async fn brief_from_article<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Brief, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.brief_from_article(&id)?)).await
}

/// A summary drafted from an article's body (2–3 of its own sentences, within the outlet's
/// brief limits), for a brief's "Draft from the article" and the inspector.
#[tauri::command]
pub async fn draft_summary<R: Runtime>(app: AppHandle<R>, id: String) -> Result<String, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.draft_summary(&id, None)?.text)).await
}

/// A new edition whose briefs are the articles marked ready this week, newest first, each
/// with its summary or a drafted one.
#[tauri::command]
pub async fn create_roundup_from_week<R: Runtime>(app: AppHandle<R>) -> Result<Roundup, CommandError> {
    on_library(&app, |lib, _| {
        let fields = lib.fields_from_week(chrono::Utc::now())?;
        Ok(lib.create_roundup(fields)?)
    })
    .await
}

/// An edition that uses an article, for the question asked before trashing it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Usage {
    pub id: String,
    pub title: String,
}

/// The editions that use the article `id` as lead or brief, newest first.
#[tauri::command]
pub async fn article_usage<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Vec<Usage>, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| {
        let used = lib.article_usage(&id)?;
        Ok(used.into_iter().map(|(id, title)| Usage { id, title }).collect())
    })
    .await
}

/// A new edition from a pasted one: plain text, or (`html: true`) what the clipboard held
/// as HTML. Read by the same importer as an edition file; the edition's first revision
/// records it as an import.
#[tauri::command]
pub async fn import_roundup_text<R: Runtime>(app: AppHandle<R>, text: String, html: Option<bool>) -> Result<Roundup, CommandError> {
    on_library(&app, move |lib, _| {
        let fields = edition_from_paste(&text, html.unwrap_or(false))?;
        Ok(lib.create_roundup_as(fields, Status::Draft, SaveReason::Import)?)
    })
    .await
}

/// Puts an old revision of the edition back as its content.
#[tauri::command]
pub async fn restore_roundup_revision<R: Runtime>(app: AppHandle<R>, request: RestoreRequest) -> Result<Roundup, CommandError> {
    restore_item(&app, request, Library::restore_roundup_revision).await
}
