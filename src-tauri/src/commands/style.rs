//! House style in the window: the findings of the text on screen as it is typed, the
//! pre-flight checklist before an export, and the outlet's style book (core's
//! `library/style.rs` holds every rule; these only reach it).
use tauri::{AppHandle, Runtime};

use serde::Deserialize;

use newsdesk_core::library::{RuleState, StyleInput};
use newsdesk_core::model::limits::check_id;
use newsdesk_core::style::{Finding, Ignored, Preflight, Severity};

use super::dialogs::{ask_file, ask_where};
use super::on_library;
use crate::error::CommandError;

/// The style findings of the fields on screen (nothing is stored), minus those ignored in
/// the stored item `id` when the fields are its.
#[tauri::command]
pub async fn check_style<R: Runtime>(app: AppHandle<R>, input: StyleInput, id: Option<String>) -> Result<Vec<Finding>, CommandError> {
    if let Some(id) = &id {
        check_id(id)?;
    }
    on_library(&app, move |lib, _| Ok(lib.check_style(&input, id.as_deref())?)).await
}

/// What "ignore here" remembers for a stored article or edition.
#[tauri::command]
pub async fn style_ignored<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Vec<Ignored>, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.ignored(&id)?)).await
}

/// "Ignore here" (`ignore` true) or "check it again" for one finding of a stored item;
/// returns the item's ignore list. The item's version does not change.
#[tauri::command]
pub async fn set_style_ignored<R: Runtime>(app: AppHandle<R>, id: String, entry: Ignored, ignore: bool) -> Result<Vec<Ignored>, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.set_ignored(&id, &entry, ignore)?)).await
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

/// Writes the style book in use to a TOML file the save dialog asks for (the desk shares
/// it); the path written, or `None` when the reporter cancelled.
#[tauri::command]
pub async fn export_style_book<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>, CommandError> {
    let Some(dest) = ask_where(&app, "style-book.toml", "TOML", "toml") else { return Ok(None) };
    on_library(&app, move |lib, _| {
        lib.export_style_book(&dest)?;
        Ok(Some(dest.display().to_string()))
    })
    .await
}

/// Replaces the style book with a TOML file the open dialog asks for; refused with the
/// file's name, line and reason when it does not read, the book in use staying. Returns
/// the book as stored, or `None` when the reporter cancelled.
#[tauri::command]
pub async fn import_style_book<R: Runtime>(app: AppHandle<R>) -> Result<Option<String>, CommandError> {
    let Some(file) = ask_file(&app, "TOML", &["toml"]) else { return Ok(None) };
    on_library(&app, move |lib, _| {
        lib.import_style_book(&file)?;
        Ok(Some(lib.style_book_toml()?))
    })
    .await
}

/// Every rule of the style book in use, those turned off included.
#[tauri::command]
pub async fn style_rules<R: Runtime>(app: AppHandle<R>) -> Result<Vec<RuleState>, CommandError> {
    on_library(&app, |lib, _| Ok(lib.style_rules()?)).await
}

/// A rule turned on or off, at a severity.
#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct StyleRuleRequest {
    pub rule: String,
    pub enabled: bool,
    pub severity: Severity,
}

/// Turns a rule of the style book on or off and sets its severity; returns the rules.
#[tauri::command]
pub async fn set_style_rule<R: Runtime>(app: AppHandle<R>, request: StyleRuleRequest) -> Result<Vec<RuleState>, CommandError> {
    newsdesk_core::model::limits::check_len("rule", &request.rule, 200)?;
    on_library(&app, move |lib, _| Ok(lib.set_style_rule(&request.rule, request.enabled, request.severity)?)).await
}

/// The most texts one `count_sentences` call takes (an edition's briefs and the inspector).
const COUNT_TEXTS_MAX: usize = 500;

/// Sentences of each text, counted as core counts them (`roundup::count_sentences`, the
/// splitter of `text/sentences.rs`), so the summary meters agree with the pre-flight.
#[tauri::command]
pub async fn count_sentences(texts: Vec<String>) -> Result<Vec<u32>, CommandError> {
    if texts.len() > COUNT_TEXTS_MAX {
        return Err(CommandError::invalid(format!("at most {COUNT_TEXTS_MAX} texts are counted at once")));
    }
    for t in &texts {
        newsdesk_core::model::limits::check_len("summary", t, newsdesk_core::model::limits::SUMMARY_MAX)?;
    }
    Ok(texts.iter().map(|t| newsdesk_core::roundup::count_sentences(t)).collect())
}
