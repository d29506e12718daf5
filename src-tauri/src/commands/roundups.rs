//! Weekend roundups: create, open, save (autosave or explicit), status, briefs copied from
//! library articles, which editions use an article, and the live preview.
use serde::{Deserialize, Serialize};
use tauri::State;

use newsdesk_core::library::{SaveOptions, SaveReason};
use newsdesk_core::model::Status;
use newsdesk_core::roundup::{Brief, Roundup, RoundupFields};

use super::articles::UiSaveReason;
use super::{check_id, limit, AppState};
use crate::error::CommandError;

/// The largest edition accepted over IPC, as JSON characters.
const MAX_ROUNDUP_JSON: usize = 12 * 1024 * 1024;

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct CreateRoundupRequest {
    pub title: String,
}

/// A new edition dated today, signed off with the outlet's name and address.
#[tauri::command]
pub fn create_roundup(state: State<'_, AppState>, request: CreateRoundupRequest) -> Result<Roundup, CommandError> {
    limit("title", &request.title, 500)?;
    let fields = RoundupFields { title: request.title, ..RoundupFields::default() };
    Ok(state.library().create_roundup(fields)?)
}

#[tauri::command]
pub fn get_roundup(state: State<'_, AppState>, id: String) -> Result<Roundup, CommandError> {
    check_id(&id)?;
    Ok(state.library().roundup(&id)?)
}

/// Checks the sizes of every part a reporter can type into.
pub(crate) fn check_roundup_fields(f: &RoundupFields) -> Result<(), CommandError> {
    limit("title", &f.title, 500)?;
    limit("edition date", &f.edition_date, 10)?;
    limit("lead headline", &f.lead.headline, 500)?;
    limit("transition", &f.transition, 2000)?;
    limit("outlet", &f.signoff.outlet, 200)?;
    limit("sign-off e-mail", &f.signoff.email, 320)?;
    for id in f.lead.article_id.iter().chain(f.items.iter().filter_map(|b| b.article_id.as_ref())) {
        check_id(id)?;
    }
    for b in &f.items {
        limit("brief headline", &b.headline, 500)?;
        limit("brief summary", &b.summary, 5000)?;
        limit("brief link", b.link.as_deref().unwrap_or(""), 2000)?;
    }
    let json = serde_json::to_string(f).map_err(|e| CommandError::invalid(e.to_string()))?;
    if json.len() > MAX_ROUNDUP_JSON {
        return Err(CommandError::invalid("the edition is too large to save (over 12 MB)"));
    }
    Ok(())
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SaveRoundupRequest {
    pub id: String,
    pub base_version: i64,
    pub fields: RoundupFields,
    pub reason: UiSaveReason,
}

/// Saves the edition over `base_version`; a stale base is a `conflict` error.
#[tauri::command]
pub fn save_roundup(state: State<'_, AppState>, request: SaveRoundupRequest) -> Result<Roundup, CommandError> {
    check_id(&request.id)?;
    check_roundup_fields(&request.fields)?;
    let reason = match request.reason {
        UiSaveReason::Autosave => SaveReason::Autosave,
        UiSaveReason::Explicit => SaveReason::Explicit,
    };
    let opts = SaveOptions { reason, allow_emptying: true };
    Ok(state.library().save_roundup_with(&request.id, request.base_version, request.fields, opts)?)
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RoundupStatusRequest {
    pub id: String,
    pub status: Status,
}

#[tauri::command]
pub fn set_roundup_status(state: State<'_, AppState>, request: RoundupStatusRequest) -> Result<Roundup, CommandError> {
    check_id(&request.id)?;
    let mut lib = state.library();
    lib.roundup(&request.id)?;
    lib.set_status(&request.id, request.status)?;
    Ok(lib.roundup(&request.id)?)
}

/// A brief made from a library article: its headline and summary, for this edition to edit.
#[tauri::command]
pub fn brief_from_article(state: State<'_, AppState>, id: String) -> Result<Brief, CommandError> {
    check_id(&id)?;
    Ok(state.library().brief_from_article(&id)?)
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
pub fn article_usage(state: State<'_, AppState>, id: String) -> Result<Vec<Usage>, CommandError> {
    check_id(&id)?;
    let used = state.library().article_usage(&id)?;
    Ok(used.into_iter().map(|(id, title)| Usage { id, title }).collect())
}

/// The largest pasted edition, in bytes (as for an edition file).
const MAX_PASTED_EDITION: usize = 8 * 1024 * 1024;

/// A new edition from a pasted plain-text one: lead paragraphs, the transition line, `■`
/// (or ▲ ◆ ● - *) headline lines with their summaries, the sign-off. What is not recognised
/// stays in the lead. The edition's first revision records it as an import.
#[tauri::command]
pub fn import_roundup_text(state: State<'_, AppState>, text: String) -> Result<Roundup, CommandError> {
    if text.len() > MAX_PASTED_EDITION {
        return Err(CommandError::invalid("the pasted text is too large for an edition (over 8 MB)"));
    }
    let fields = newsdesk_core::roundup::parse_edition(&text);
    if fields.lead.body.is_empty() && fields.items.is_empty() && fields.transition.is_empty() {
        return Err(CommandError::invalid("the pasted text has no edition in it: paste the lead, the ■ briefs and the sign-off"));
    }
    Ok(state.library().create_roundup_as(fields, Status::Draft, SaveReason::Import)?)
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RestoreRoundupRequest {
    pub id: String,
    pub revision_id: i64,
    pub base_version: i64,
}

/// Puts an old revision of the edition back as its content (itself a new revision, so the
/// restore can be undone the same way).
#[tauri::command]
pub fn restore_roundup_revision(state: State<'_, AppState>, request: RestoreRoundupRequest) -> Result<Roundup, CommandError> {
    check_id(&request.id)?;
    Ok(state.library().restore_roundup_revision(&request.id, request.revision_id, request.base_version)?)
}
