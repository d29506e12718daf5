//! Reading the library: app facts, the article list, search, one article.
use serde::{Deserialize, Serialize};
use tauri::State;

use newsdesk_core::library::{ListFilter, SearchPage, SearchQuery, Sort};
use newsdesk_core::model::{Article, ArticleSummary, Kind, Status};

use super::{check_id, limit, AppState};
use crate::error::CommandError;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppInfo {
    pub version: String,
    pub library_path: String,
    pub schema_version: i64,
    pub locale: String,
    pub article_count: u64,
}

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    let lib = state.library();
    let article_count = lib.count(&ListFilter { kind: Some(Kind::Article), ..ListFilter::default() })?;
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").into(),
        library_path: lib.path().display().to_string(),
        schema_version: lib.schema_version(),
        locale: state.locale.clone(),
        article_count,
    })
}

#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
// Every field has a default on the way in, so the UI may leave any out (`field?:`).
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ListRequest {
    /// Articles or roundups; both when absent.
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    pub tag: Option<String>,
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub trashed: bool,
    pub sort: Option<Sort>,
    /// A page of the list: the library pane asks only for the rows it shows.
    pub limit: Option<u32>,
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub offset: u32,
}

/// One page of the library list and how many rows the whole list has.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListPage {
    pub rows: Vec<ArticleSummary>,
    pub total: u64,
}

#[tauri::command]
pub fn list_articles(state: State<'_, AppState>, request: ListRequest) -> Result<ListPage, CommandError> {
    if let Some(tag) = &request.tag {
        limit("tag", tag, 100)?;
    }
    if request.limit.is_some_and(|n| n == 0 || n > 1000) {
        return Err(CommandError::invalid("a list page holds 1 to 1,000 rows"));
    }
    let filter = ListFilter {
        kind: request.kind,
        status: request.status,
        tag: request.tag,
        trashed: request.trashed,
        sort: request.sort.unwrap_or_default(),
        limit: request.limit,
        offset: request.offset,
        ..ListFilter::default()
    };
    let lib = state.library();
    Ok(ListPage { rows: lib.list(&filter)?, total: lib.count(&filter)? })
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct SearchRequest {
    pub text: String,
    #[serde(default = "default_limit")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub limit: u32,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub offset: u32,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub status: Option<Status>,
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub kind: Option<Kind>,
}

fn default_limit() -> u32 {
    50
}

#[tauri::command]
pub fn search_articles(state: State<'_, AppState>, request: SearchRequest) -> Result<SearchPage, CommandError> {
    limit("search text", &request.text, 500)?;
    if request.limit == 0 || request.limit > 500 {
        return Err(CommandError::invalid("search limit must be between 1 and 500"));
    }
    let query = SearchQuery {
        text: request.text,
        status: request.status,
        kind: request.kind,
        limit: request.limit,
        offset: request.offset,
        ..SearchQuery::default()
    };
    Ok(state.library().search(&query)?)
}

#[tauri::command]
pub fn get_article(state: State<'_, AppState>, id: String) -> Result<Article, CommandError> {
    check_id(&id)?;
    Ok(state.library().article(&id)?)
}

/// First run: adds the sample articles and roundup written for Newsdesk; returns how many
/// pieces were added.
#[tauri::command]
pub fn load_samples(state: State<'_, AppState>) -> Result<usize, CommandError> {
    let (articles, _roundup) = newsdesk_core::samples::load_samples(&mut state.library())?;
    Ok(articles.len() + 1)
}
