//! The roundup builder's live preview: the edition as it stands on screen (saved or not),
//! rendered by the export renderer and served to a sandboxed frame over the app's own
//! `preview:` scheme, with a policy of its own (inline styles and data images, nothing
//! else, no script). The app's strict CSP stays as it is: the exported page's inline
//! `<style>` could not run inside the app's own document.
use std::borrow::Cow;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{AppHandle, Manager, Runtime, UriSchemeContext};

use newsdesk_core::export::{render_roundup_with_library, RoundupFormat};
use newsdesk_core::model::limits::check_id;
use newsdesk_core::roundup::RoundupFields;

use super::{on_library, AppState};
use crate::error::CommandError;

/// The URI scheme the preview frame loads from (`preview://localhost/…` on Linux and macOS,
/// `http://preview.localhost/…` on Windows; the UI's `convertFileSrc` picks the form).
pub const PREVIEW_SCHEME: &str = "preview";

/// What the frame may do with a preview: show it, never run anything in it.
const PREVIEW_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'; sandbox";

/// How many renderings are kept: the builder shows one at a time; a few more cover a
/// frame that asks for the page after the next rendering has landed.
const PREVIEWS_KEPT: usize = 8;

/// The latest rendering of each edition and format, keyed `ID/FORMAT`, oldest first; at
/// most [`PREVIEWS_KEPT`] of them.
#[derive(Default)]
pub struct Previews {
    pages: Mutex<Vec<(String, Page)>>,
}

struct Page {
    mime: &'static str,
    body: Vec<u8>,
}

impl Previews {
    fn put(&self, key: String, page: Page) {
        let mut pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        pages.retain(|(k, _)| *k != key);
        pages.push((key, page));
        let extra = pages.len().saturating_sub(PREVIEWS_KEPT);
        pages.drain(..extra);
    }

    fn get(&self, key: &str) -> Option<(&'static str, Vec<u8>)> {
        let pages = self.pages.lock().unwrap_or_else(|p| p.into_inner());
        pages.iter().find(|(k, _)| k == key).map(|(_, p)| (p.mime, p.body.clone()))
    }
}

#[derive(Debug, Clone, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PreviewRequest {
    pub id: String,
    pub fields: RoundupFields,
    pub format: RoundupFormat,
}

/// Where the frame finds the new rendering, and its size in bytes.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreviewPage {
    /// The path under the `preview:` scheme, e.g. `ID/html/7`.
    pub path: String,
    pub bytes: usize,
}

fn mime_of(format: RoundupFormat) -> &'static str {
    match format {
        RoundupFormat::Html | RoundupFormat::Email => "text/html; charset=utf-8",
        RoundupFormat::Jsonfeed => "application/json; charset=utf-8",
        // Shown as a page (render::text_as_page), so Korean words wrap whole.
        RoundupFormat::Text | RoundupFormat::Markdown => "text/html; charset=utf-8",
    }
}

/// Renders the edition as the builder shows it (saved or not) with the export renderer,
/// on a worker thread (rendering and inlining the e-mail's CSS takes a while).
#[tauri::command]
pub async fn preview_roundup<R: Runtime>(app: AppHandle<R>, request: PreviewRequest) -> Result<PreviewPage, CommandError> {
    check_id(&request.id)?;
    on_library(&app, move |lib, state| {
        let shown = lib.roundup_as_shown(&request.id, request.fields)?;
        let mut text = render_roundup_with_library(lib, &shown, request.format)?;
        if matches!(request.format, RoundupFormat::Text | RoundupFormat::Markdown) {
            text = newsdesk_core::render::text_as_page(&text);
        }
        let bytes = text.len();
        let key = format!("{}/{}", request.id, request.format.as_str());
        state.previews.put(key.clone(), Page { mime: mime_of(request.format), body: text.into_bytes() });
        let n = state.previews_served.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(PreviewPage { path: format!("{key}/{n}"), bytes })
    })
    .await
}

/// Serves `ID/FORMAT/N` from the latest renderings; anything else is 404.
pub fn serve_preview<R: Runtime>(ctx: UriSchemeContext<'_, R>, request: Request<Vec<u8>>) -> Response<Cow<'static, [u8]>> {
    // The UI's convertFileSrc encodes the whole path as one segment.
    let path = request.uri().path().trim_start_matches('/').replace("%2F", "/").replace("%2f", "/");
    let mut parts = path.split('/');
    let key = match (parts.next(), parts.next()) {
        (Some(id), Some(format)) if check_id(id).is_ok() && format.parse::<RoundupFormat>().is_ok() => format!("{id}/{format}"),
        _ => String::new(),
    };
    let found = ctx.app_handle().try_state::<AppState>().and_then(|s| s.previews.get(&key));
    let builder = Response::builder()
        .header(header::CONTENT_SECURITY_POLICY, PREVIEW_CSP)
        .header(header::CACHE_CONTROL, "no-store")
        .header("X-Content-Type-Options", "nosniff");
    let response = match found {
        Some((mime, body)) => builder.header(header::CONTENT_TYPE, mime).body(Cow::Owned(body)),
        None => builder
            .status(StatusCode::NOT_FOUND)
            .header(header::CONTENT_TYPE, "text/plain; charset=utf-8")
            .body(Cow::Borrowed(&b"no preview"[..])),
    };
    response.unwrap_or_else(|_| Response::new(Cow::Borrowed(&b""[..])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_keeps_the_latest_renderings_only() {
        let previews = Previews::default();
        for i in 0..(PREVIEWS_KEPT + 5) {
            previews.put(format!("edition-{i}/html"), Page { mime: "text/html", body: vec![b'x'; 10] });
            previews.put(format!("edition-{i}/html"), Page { mime: "text/html", body: vec![b'y'; 10] });
        }
        assert_eq!(previews.pages.lock().unwrap().len(), PREVIEWS_KEPT);
        assert!(previews.get("edition-0/html").is_none(), "the oldest went");
        let (_, newest) = previews.get(&format!("edition-{}/html", PREVIEWS_KEPT + 4)).unwrap();
        assert_eq!(newest, vec![b'y'; 10], "a key keeps its latest rendering");
    }
}
