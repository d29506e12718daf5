//! Writing articles: create, save (autosave or explicit), status, revisions and restore.
use serde::Deserialize;
use tauri::{AppHandle, Runtime};

use newsdesk_core::library::{Library, RevisionDiff, RevisionInfo, SaveOptions, SaveReason};
use newsdesk_core::model::limits::check_id;
use newsdesk_core::model::{Article, ArticleFields, Status};

use super::{conflict_with_current, index_behind, on_library};
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

/// A save of an article's (`ArticleFields`) or an edition's (`RoundupFields`) fields.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SaveRequest<F> {
    pub id: String,
    pub base_version: i64,
    pub fields: F,
    pub reason: UiSaveReason,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub allow_emptying: bool,
}

/// What saving one kind of item is: `Library::save_article` or `Library::save_roundup_with`.
pub(crate) type SaveFn<F, T> = fn(&mut Library, &str, i64, F, SaveOptions) -> newsdesk_core::Result<T>;

/// Saves the fields over `base_version`; a stale base is a `conflict` error that carries the
/// stored item.
pub(crate) async fn save_item<R: Runtime, F: Send + 'static, T: Send + 'static>(
    app: &AppHandle<R>,
    request: SaveRequest<F>,
    save: SaveFn<F, T>,
) -> Result<T, CommandError> {
    check_id(&request.id)?;
    let saved = on_library(app, move |lib, _| {
        let opts = request.reason.options(request.allow_emptying);
        let saved = save(lib, &request.id, request.base_version, request.fields, opts);
        conflict_with_current(lib, &request.id, saved)
    })
    .await;
    index_behind(app);
    saved
}

/// Saves the reporter's fields over `base_version`.
#[tauri::command]
pub async fn save_article<R: Runtime>(app: AppHandle<R>, request: SaveRequest<ArticleFields>) -> Result<Article, CommandError> {
    save_item(&app, request, Library::save_article).await
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub id: String,
    pub status: Status,
}

/// How one kind of item is read back: `Library::article` or `Library::roundup`.
pub(crate) type LoadFn<T> = fn(&Library, &str) -> newsdesk_core::Result<T>;

/// Sets the status of an item of the kind `load` reads (refused for a missing one) and
/// returns it as stored now.
pub(crate) async fn set_status_of<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    request: StatusRequest,
    load: LoadFn<T>,
) -> Result<T, CommandError> {
    check_id(&request.id)?;
    on_library(app, move |lib, _| {
        load(lib, &request.id)?;
        lib.set_status(&request.id, request.status)?;
        Ok(load(lib, &request.id)?)
    })
    .await
}

#[tauri::command]
pub async fn set_status<R: Runtime>(app: AppHandle<R>, request: StatusRequest) -> Result<Article, CommandError> {
    set_status_of(&app, request, Library::article).await
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

/// What restoring one kind of item is: `Library::restore_revision` or
/// `Library::restore_roundup_revision`.
pub(crate) type RestoreFn<T> = fn(&mut Library, &str, i64, i64) -> newsdesk_core::Result<T>;

/// Restores a revision as the item's new content (itself a new revision, so a restore can
/// be undone the same way); a stale base is a `conflict` carrying the stored item.
pub(crate) async fn restore_item<R: Runtime, T: Send + 'static>(
    app: &AppHandle<R>,
    request: RestoreRequest,
    restore: RestoreFn<T>,
) -> Result<T, CommandError> {
    check_id(&request.id)?;
    on_library(app, move |lib, _| {
        let restored = restore(lib, &request.id, request.revision_id, request.base_version);
        conflict_with_current(lib, &request.id, restored)
    })
    .await
}

/// Restores a revision as the article's new content.
#[tauri::command]
pub async fn restore_revision<R: Runtime>(app: AppHandle<R>, request: RestoreRequest) -> Result<Article, CommandError> {
    restore_item(&app, request, Library::restore_revision).await
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
