//! Reading the library: app facts, the article list, search, one article.
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Runtime};

use newsdesk_core::library::{ListFilter, SearchPage, SearchQuery, Sort};
use newsdesk_core::model::limits::{check_id, check_len, SEARCH_MAX, TAG_MAX};
use newsdesk_core::model::{Article, ArticleSummary, Kind, Status};

use super::on_library;
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
pub async fn app_info<R: Runtime>(app: AppHandle<R>) -> Result<AppInfo, CommandError> {
    on_library(&app, |lib, state| {
        let article_count = lib.count(&ListFilter { kind: Some(Kind::Article), ..ListFilter::default() })?;
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").into(),
            library_path: lib.path().display().to_string(),
            schema_version: lib.schema_version(),
            locale: state.locale.clone(),
            article_count,
        })
    })
    .await
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
pub async fn list_articles<R: Runtime>(app: AppHandle<R>, request: ListRequest) -> Result<ListPage, CommandError> {
    if let Some(tag) = &request.tag {
        check_len("tag", tag, TAG_MAX)?;
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
    on_library(&app, move |lib, _| Ok(ListPage { rows: lib.list(&filter)?, total: lib.count(&filter)? })).await
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
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub tag: Option<String>,
}

fn default_limit() -> u32 {
    50
}

#[tauri::command]
pub async fn search_articles<R: Runtime>(app: AppHandle<R>, request: SearchRequest) -> Result<SearchPage, CommandError> {
    check_len("search text", &request.text, SEARCH_MAX)?;
    if let Some(tag) = &request.tag {
        check_len("tag", tag, TAG_MAX)?;
    }
    if request.limit == 0 || request.limit > 500 {
        return Err(CommandError::invalid("search limit must be between 1 and 500"));
    }
    let query = SearchQuery {
        text: request.text,
        status: request.status,
        kind: request.kind,
        tag: request.tag,
        limit: request.limit,
        offset: request.offset,
        ..SearchQuery::default()
    };
    on_library(&app, move |lib, _| Ok(lib.search(&query)?)).await
}

#[tauri::command]
pub async fn get_article<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Article, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.article(&id)?)).await
}

/// First run: adds the sample articles and roundup written for Newsdesk; returns how many
/// pieces were added.
#[tauri::command]
pub async fn load_samples<R: Runtime>(app: AppHandle<R>) -> Result<usize, CommandError> {
    on_library(&app, |lib, _| {
        let (articles, _roundup) = newsdesk_core::samples::load_samples(lib)?;
        Ok(articles.len() + 1)
    })
    .await
}
