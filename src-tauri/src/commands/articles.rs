//! Writing articles: create, save (autosave or explicit), status, revisions and restore.
use serde::Deserialize;
use tauri::State;

use newsdesk_core::library::{RevisionDiff, RevisionInfo, SaveOptions, SaveReason};
use newsdesk_core::model::{Article, ArticleFields, Byline, Status};

use super::{check_id, limit, AppState};
use crate::error::CommandError;

/// The largest article body accepted over IPC, as JSON characters (about 5 MB of text).
const MAX_BODY_JSON: usize = 12 * 1024 * 1024;

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct CreateRequest {
    pub headline: String,
}

/// A new draft, with the reporter's own name and e-mail as its byline.
#[tauri::command]
pub fn create_article(state: State<'_, AppState>, request: CreateRequest) -> Result<Article, CommandError> {
    limit("headline", &request.headline, 500)?;
    let mut lib = state.library();
    let settings = lib.settings()?;
    let fields = ArticleFields {
        headline: request.headline,
        byline: Byline { name: settings.reporter_name, email: settings.reporter_email },
        language: settings.language,
        ..ArticleFields::default()
    };
    Ok(lib.create_article(fields, Status::Draft)?)
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum UiSaveReason {
    Autosave,
    Explicit,
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

/// Checks the sizes of every field a reporter can type into.
fn check_fields(f: &ArticleFields) -> Result<(), CommandError> {
    limit("headline", &f.headline, 500)?;
    limit("deck", &f.deck, 1000)?;
    limit("summary", &f.summary, 5000)?;
    limit("byline name", &f.byline.name, 200)?;
    limit("byline e-mail", &f.byline.email, 320)?;
    limit("section", &f.section, 200)?;
    limit("language", &f.language, 35)?;
    if f.tags.len() > 100 {
        return Err(CommandError::invalid("an article can have at most 100 tags"));
    }
    for tag in &f.tags {
        limit("tag", tag, 100)?;
    }
    let body = serde_json::to_string(&f.body).map_err(|e| CommandError::invalid(e.to_string()))?;
    if body.len() > MAX_BODY_JSON {
        return Err(CommandError::invalid("the article body is too large to save (over 12 MB)"));
    }
    Ok(())
}

/// Saves the reporter's fields over `base_version`; a stale base is a `conflict` error.
#[tauri::command]
pub fn save_article(state: State<'_, AppState>, request: SaveRequest) -> Result<Article, CommandError> {
    check_id(&request.id)?;
    check_fields(&request.fields)?;
    let reason = match request.reason {
        UiSaveReason::Autosave => SaveReason::Autosave,
        UiSaveReason::Explicit => SaveReason::Explicit,
    };
    let opts = SaveOptions { reason, allow_emptying: request.allow_emptying };
    Ok(state.library().save_article(&request.id, request.base_version, request.fields, opts)?)
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub id: String,
    pub status: Status,
}

#[tauri::command]
pub fn set_status(state: State<'_, AppState>, request: StatusRequest) -> Result<Article, CommandError> {
    check_id(&request.id)?;
    Ok(state.library().set_status(&request.id, request.status)?)
}

#[tauri::command]
pub fn list_revisions(state: State<'_, AppState>, id: String) -> Result<Vec<RevisionInfo>, CommandError> {
    check_id(&id)?;
    Ok(state.library().revisions(&id)?)
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
pub fn restore_revision(state: State<'_, AppState>, request: RestoreRequest) -> Result<Article, CommandError> {
    check_id(&request.id)?;
    Ok(state.library().restore_revision(&request.id, request.revision_id, request.base_version)?)
}

/// Moves an article to the trash (it can be restored; nothing is deleted).
#[tauri::command]
pub fn trash_article(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    check_id(&id)?;
    Ok(state.library().trash(&id)?)
}

/// Takes an article back out of the trash.
#[tauri::command]
pub fn restore_article(state: State<'_, AppState>, id: String) -> Result<(), CommandError> {
    check_id(&id)?;
    Ok(state.library().restore(&id)?)
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
pub fn compare_revisions(state: State<'_, AppState>, request: CompareRequest) -> Result<RevisionDiff, CommandError> {
    check_id(&request.id)?;
    Ok(state.library().compare(&request.id, request.from, request.to)?)
}
