//! Rendering articles for the preview, the export dialog and the command line: one
//! renderer, so what the reporter sees is what leaves.
//!
//! - [`article_html`]: one self-contained HTML page (minijinja template `article.html`
//!   with autoescape; the body is written by Rust walking the typed tree).
//! - [`article_markdown`]: Markdown with front matter that Newsdesk's own import reads back.
//! - [`article_text`]: plain text to paste into other systems.
//! - [`article_ninjs`]: IPTC ninjs 2.2 JSON.
//! - Weekend roundups ([`roundup_html`], [`roundup_email`], [`roundup_text`],
//!   [`roundup_markdown`], [`roundup_jsonfeed`]): see `roundup.rs`.
//!
//! Times are shown in the outlet's time zone (default Asia/Seoul) and date format
//! (default `%Y.%m.%d %H:%M`); the publication date is `published_at`, else `created_at`
//! (when the piece was first filed; the last save is the modified time).
//! Labels (`입력`, `Published`...) follow the article's language: Korean for `ko`, English
//! otherwise.
use serde::{Deserialize, Serialize};

pub mod body;
pub mod dates;
pub mod escape;
mod html;
pub mod inline;
mod markdown;
pub mod post;
mod ninjs;
mod roundup;
pub mod templates;
mod text;

pub use body::{body_html, ImageMode};
pub use dates::Moment;
pub use html::{article_html, json_ld};
pub use markdown::article_markdown;
pub use ninjs::article_ninjs;
pub use roundup::{dated_edition_title, roundup_email, roundup_html, roundup_jsonfeed, roundup_markdown, roundup_text, roundup_text_with, RoundupExtras, TextForm, EMAIL_LOGO_MAX_BYTES};
pub use templates::Templates;
pub use text::{article_text, text_as_page};

use crate::error::{Error, Result};
use crate::model::Article;

/// The outlet an export is published under, from the library's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Outlet {
    /// The outlet's name, e.g. "한강일보"; the publisher in metadata and the page title.
    pub name: String,
    /// The newsroom's address, e.g. `news@outlet.example`.
    pub email: String,
    /// The outlet's web address (`https://…`), or empty.
    pub site_url: String,
    /// IANA zone, e.g. `Asia/Seoul`.
    pub time_zone: String,
    /// BCP 47 tag used when an article has none.
    pub language: String,
    /// strftime pattern for shown dates, e.g. `%Y.%m.%d %H:%M`.
    pub date_format: String,
    /// How an edition's plain text is laid out (the outlet's form by default).
    pub text_form: TextForm,
}

impl Default for Outlet {
    fn default() -> Self {
        Outlet {
            name: String::new(),
            email: String::new(),
            site_url: String::new(),
            time_zone: dates::DEFAULT_TIME_ZONE.into(),
            language: "ko".into(),
            date_format: dates::DEFAULT_DATE_FORMAT.into(),
            text_form: TextForm::default(),
        }
    }
}

impl Outlet {
    /// Checks what settings should refuse before storing: an unknown time zone, a date
    /// format chrono cannot render, a site address that is not http(s), a language tag
    /// that is not BCP 47-shaped. Rendering never fails on these (it falls back to the
    /// defaults), so this is where the reporter hears about them.
    pub fn validate(&self) -> Result<()> {
        if dates::parse_zone(&self.time_zone).is_none() {
            return Err(Error::Invalid(format!(
                "{:?} is not a time zone; use a name such as Asia/Seoul or Europe/London",
                self.time_zone
            )));
        }
        if !dates::is_valid_format(&self.date_format) {
            return Err(Error::Invalid(format!(
                "the date format {:?} is not valid; for example %Y.%m.%d %H:%M shows 2025.07.28 18:00",
                self.date_format
            )));
        }
        let site = self.site_url.trim().to_ascii_lowercase();
        if !site.is_empty() && !(site.starts_with("https://") || site.starts_with("http://")) {
            return Err(Error::Invalid(format!(
                "the site address {:?} must start with https:// or http://",
                self.site_url
            )));
        }
        if !self.language.is_empty() && clean_lang(&self.language).is_none() {
            return Err(Error::Invalid(format!(
                "{:?} is not a language tag; use ko, en or similar",
                self.language
            )));
        }
        Ok(())
    }
}

/// An image's bytes and media type, as the library stores them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub bytes: Vec<u8>,
    pub mime: String,
}

/// Looks an image up by its SHA-256 (64 lowercase hex digits).
pub type AssetLookup<'a> = dyn Fn(&str) -> Option<Asset> + 'a;

/// Everything a renderer needs besides the article.
#[derive(Clone, Copy)]
pub struct RenderContext<'a> {
    pub outlet: &'a Outlet,
    pub assets: &'a AssetLookup<'a>,
    pub templates: &'a Templates,
}

impl<'a> RenderContext<'a> {
    /// A context with the built-in templates.
    pub fn new(outlet: &'a Outlet, assets: &'a AssetLookup<'a>) -> Self {
        RenderContext {
            outlet,
            assets,
            templates: Templates::builtin(),
        }
    }

    /// The same context with other templates (e.g. from [`Templates::with_overrides`]).
    pub fn with_templates(self, templates: &'a Templates) -> Self {
        RenderContext { templates, ..self }
    }
}

/// An asset lookup that finds nothing, for articles without images and for tests.
pub fn no_assets(_: &str) -> Option<Asset> {
    None
}

/// Words shown around the article, in its language.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Labels {
    pub published: &'static str,
    pub updated: &'static str,
    pub tags: &'static str,
    pub photo: &'static str,
    pub untitled: &'static str,
}

/// Korean labels for `ko…`, English ones otherwise.
pub fn labels(lang: &str) -> Labels {
    if lang.to_ascii_lowercase().starts_with("ko") {
        Labels {
            published: "입력",
            updated: "수정",
            tags: "태그",
            photo: "사진",
            untitled: "제목 없음",
        }
    } else {
        Labels {
            published: "Published",
            updated: "Updated",
            tags: "Tags",
            photo: "Photo",
            untitled: "Untitled",
        }
    }
}

/// A language tag made of ASCII letters, digits and hyphens (at most 35 bytes), or `None`.
fn clean_lang(lang: &str) -> Option<String> {
    let l = lang.trim();
    let ok = !l.is_empty()
        && l.len() <= 35
        && l.starts_with(|c: char| c.is_ascii_alphabetic())
        && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !l.ends_with('-');
    ok.then(|| l.replace('_', "-"))
}

/// The article's language: its own tag, else the outlet's, else `ko`.
pub fn language_of(article: &Article, outlet: &Outlet) -> String {
    clean_lang(&article.language)
        .or_else(|| clean_lang(&outlet.language))
        .unwrap_or_else(|| "ko".into())
}

/// The outlet's language, else `ko`.
pub fn language_of_outlet(outlet: &Outlet) -> String {
    clean_lang(&outlet.language).unwrap_or_else(|| "ko".into())
}

/// The headline, or a word for "untitled" in the article's language.
pub fn headline_of(article: &Article, lang: &str) -> String {
    let h = article.headline.trim();
    if h.is_empty() {
        labels(lang).untitled.to_string()
    } else {
        h.to_string()
    }
}

/// A one-paragraph description: the summary, else the deck, else the start of the body
/// (at most 160 characters, cut at a word when possible).
pub fn description_of(article: &Article) -> String {
    for s in [&article.summary, &article.deck] {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        if !s.is_empty() {
            return s;
        }
    }
    let plain = crate::text::plain::doc_to_plain(&article.body);
    let flat = plain.split_whitespace().collect::<Vec<_>>().join(" ");
    shorten(&flat, 160)
}

pub use crate::text::shorten;

/// The article's tags, trimmed, without empty ones or repeats.
pub fn tags_of(article: &Article) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in &article.tags {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if !t.is_empty() && !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

/// True when `email` looks like an address worth a `mailto:` link.
pub fn is_plausible_email(email: &str) -> bool {
    let e = email.trim();
    match e.split_once('@') {
        Some((user, host)) => {
            !user.is_empty()
                && host.contains('.')
                && !host.starts_with('.')
                && !host.ends_with('.')
                && !e
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>\"'()[]\\,;:".contains(c))
                && !host.contains('@')
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlet_validation_names_the_problem() {
        assert!(Outlet::default().validate().is_ok());
        let bad = Outlet {
            time_zone: "Seoul".into(),
            ..Outlet::default()
        };
        assert!(bad.validate().unwrap_err().to_string().contains("time zone"));
        let bad = Outlet {
            date_format: "%Y %".into(),
            ..Outlet::default()
        };
        assert!(bad.validate().unwrap_err().to_string().contains("date format"));
        let bad = Outlet {
            site_url: "javascript:alert(1)".into(),
            ..Outlet::default()
        };
        assert!(bad.validate().is_err());
    }

    #[test]
    fn emails() {
        assert!(is_plausible_email("reporter@outlet.example"));
        assert!(!is_plausible_email("a b@x.y"));
        assert!(!is_plausible_email("\"><script>@x.y"));
        assert!(!is_plausible_email("nobody"));
    }
}
