//! Writing articles: create, save (autosave or explicit), status, revisions and restore.
use serde::Deserialize;
use tauri::{AppHandle, Runtime};

use newsdesk_core::library::{RevisionDiff, RevisionInfo, SaveOptions, SaveReason};
use newsdesk_core::model::limits::check_id;
use newsdesk_core::model::{Article, ArticleFields, Status};

use super::{conflict_with_current, on_library};
use crate::error::CommandError;

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct CreateRequest {
    pub headline: String,
}

/// A new draft, with the reporter's own name and e-mail as its byline.
#[tauri::command]
pub async fn create_article<R: Runtime>(app: AppHandle<R>, request: CreateRequest) -> Result<Article, CommandError> {
    on_library(&app, move |lib, _| Ok(lib.create_draft(&request.headline)?)).await
}

/// Why the window saves: the reporter paused (autosave) or asked (Ctrl+S).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum UiSaveReason {
    Autosave,
    Explicit,
}

impl UiSaveReason {
    pub(crate) fn options(self, allow_emptying: bool) -> SaveOptions {
        let reason = match self {
            UiSaveReason::Autosave => SaveReason::Autosave,
            UiSaveReason::Explicit => SaveReason::Explicit,
        };
        SaveOptions { reason, allow_emptying }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SaveRequest {
    pub id: String,
    pub base_version: i64,
    pub fields: ArticleFields,
    pub reason: UiSaveReason,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub allow_emptying: bool,
}

/// Saves the reporter's fields over `base_version`; a stale base is a `conflict` error that
/// carries the stored article.
#[tauri::command]
pub async fn save_article<R: Runtime>(app: AppHandle<R>, request: SaveRequest) -> Result<Article, CommandError> {
    check_id(&request.id)?;
    on_library(&app, move |lib, _| {
        let opts = request.reason.options(request.allow_emptying);
        let saved = lib.save_article(&request.id, request.base_version, request.fields, opts);
        conflict_with_current(lib, &request.id, saved)
    })
    .await
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub id: String,
    pub status: Status,
}

#[tauri::command]
pub async fn set_status<R: Runtime>(app: AppHandle<R>, request: StatusRequest) -> Result<Article, CommandError> {
    check_id(&request.id)?;
    on_library(&app, move |lib, _| {
        lib.article(&request.id)?;
        lib.set_status(&request.id, request.status)?;
        Ok(lib.article(&request.id)?)
    })
    .await
}

/// The revisions of an article or an edition, newest first.
#[tauri::command]
pub async fn list_revisions<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Vec<RevisionInfo>, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.revisions(&id)?)).await
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RestoreRequest {
    pub id: String,
    pub revision_id: i64,
    pub base_version: i64,
}

/// Restores a revision as the article's new content (itself a new revision).
#[tauri::command]
pub async fn restore_revision<R: Runtime>(app: AppHandle<R>, request: RestoreRequest) -> Result<Article, CommandError> {
    check_id(&request.id)?;
    on_library(&app, move |lib, _| {
        let restored = lib.restore_revision(&request.id, request.revision_id, request.base_version);
        conflict_with_current(lib, &request.id, restored)
    })
    .await
}

/// Moves an article or an edition to the trash (it can be restored; nothing is deleted).
#[tauri::command]
pub async fn trash_article<R: Runtime>(app: AppHandle<R>, id: String) -> Result<(), CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.trash(&id)?)).await
}

/// Takes an article or an edition back out of the trash.
#[tauri::command]
pub async fn restore_article<R: Runtime>(app: AppHandle<R>, id: String) -> Result<(), CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.restore(&id)?)).await
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    pub id: String,
    pub from: i64,
    pub to: i64,
}

/// What changed between two revisions: fields, and the body paragraph by paragraph.
#[tauri::command]
pub async fn compare_revisions<R: Runtime>(app: AppHandle<R>, request: CompareRequest) -> Result<RevisionDiff, CommandError> {
    check_id(&request.id)?;
    on_library(&app, move |lib, _| Ok(lib.compare(&request.id, request.from, request.to)?)).await
}
