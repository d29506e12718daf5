//! The article as one self-contained HTML page.
use minijinja::Value;
use serde::Serialize;
use serde_json::{json, Map};

use super::body::{body_html, ImageMode};
use super::dates::{self, Moment};
use super::escape;
use super::{description_of, headline_of, is_plausible_email, labels, language_of, tags_of, Labels, RenderContext};
use crate::error::Result;
use crate::model::doc::Block;
use crate::model::Article;

/// What `article.html` is given. Every string is escaped by the template's autoescape,
/// except `body` and `json_ld`, which Rust built escaped.
#[derive(Serialize)]
struct Page<'a> {
    lang: String,
    /// `ko_KR`-style locale for Open Graph.
    locale: String,
    headline: String,
    deck: &'a str,
    description: String,
    byline: Byline<'a>,
    section: &'a str,
    tags: Vec<String>,
    published: Option<Moment>,
    /// Set when the article changed after it was published (more than a minute later).
    modified: Option<Moment>,
    /// The last change, for `article:modified_time`.
    updated: Option<Moment>,
    outlet: OutletView<'a>,
    labels: Labels,
    body: Value,
    json_ld: Value,
}

#[derive(Serialize)]
struct Byline<'a> {
    name: &'a str,
    email: &'a str,
    /// `mailto:` address when the e-mail looks like one, else empty.
    mailto: String,
}

#[derive(Serialize)]
struct OutletView<'a> {
    name: &'a str,
    email: &'a str,
    site_url: &'a str,
}

/// Renders the article as a complete HTML page (template `article.html`).
pub fn article_html(article: &Article, ctx: &RenderContext) -> Result<String> {
    let outlet = ctx.outlet;
    let lang = language_of(article, outlet);
    let body = body_html(&article.body, ctx, ImageMode::Embed)?;
    let published = dates::published(article, &outlet.time_zone, &outlet.date_format);
    let updated = dates::modified(article, &outlet.time_zone, &outlet.date_format);
    // `수정` when the piece changed more than a minute after it was filed (or published).
    let filed = article.published_at.as_deref().unwrap_or(&article.created_at);
    let later = dates::parse_stored(filed)
        .zip(dates::parse_stored(&article.updated_at))
        .is_some_and(|(p, u)| (u - p).num_seconds() > 60);
    let modified = updated.clone().filter(|_| later);
    let email = article.byline.email.trim();
    let site_url = outlet.site_url.trim();
    let page = Page {
        locale: og_locale(&lang),
        headline: headline_of(article, &lang),
        deck: article.deck.trim(),
        description: description_of(article),
        byline: Byline {
            name: article.byline.name.trim(),
            email,
            mailto: if is_plausible_email(email) {
                format!("mailto:{}", escape::url(email))
            } else {
                String::new()
            },
        },
        section: article.section.trim(),
        tags: tags_of(article),
        published,
        modified,
        updated,
        outlet: OutletView {
            name: outlet.name.trim(),
            email: outlet.email.trim(),
            site_url: if is_web_url(site_url) { site_url } else { "" },
        },
        labels: labels(&lang),
        body: Value::from_safe_string(body),
        json_ld: Value::from_safe_string(escape::json_for_script(&json_ld(article, ctx).to_string())),
        lang,
    };
    ctx.templates.render("article.html", page)
}

/// schema.org NewsArticle metadata for the article (what the page's JSON-LD holds).
pub fn json_ld(article: &Article, ctx: &RenderContext) -> serde_json::Value {
    let outlet = ctx.outlet;
    let lang = language_of(article, outlet);
    let mut m = Map::new();
    m.insert("@context".into(), json!("https://schema.org"));
    m.insert("@type".into(), json!("NewsArticle"));
    m.insert("headline".into(), json!(headline_of(article, &lang)));
    if let Some(p) = dates::published(article, &outlet.time_zone, &outlet.date_format) {
        m.insert("datePublished".into(), json!(p.iso));
    }
    if let Some(u) = dates::modified(article, &outlet.time_zone, &outlet.date_format) {
        m.insert("dateModified".into(), json!(u.iso));
    }
    let name = article.byline.name.trim();
    if !name.is_empty() {
        let mut author = Map::new();
        author.insert("@type".into(), json!("Person"));
        author.insert("name".into(), json!(name));
        if is_plausible_email(&article.byline.email) {
            author.insert("email".into(), json!(article.byline.email.trim()));
        }
        m.insert("author".into(), serde_json::Value::Object(author));
    }
    if !outlet.name.trim().is_empty() {
        let mut publisher = Map::new();
        publisher.insert("@type".into(), json!("NewsMediaOrganization"));
        publisher.insert("name".into(), json!(outlet.name.trim()));
        if is_web_url(outlet.site_url.trim()) {
            publisher.insert("url".into(), json!(outlet.site_url.trim()));
        }
        if is_plausible_email(&outlet.email) {
            publisher.insert("email".into(), json!(outlet.email.trim()));
        }
        m.insert("publisher".into(), serde_json::Value::Object(publisher));
    }
    let description = description_of(article);
    if !description.is_empty() {
        m.insert("description".into(), json!(description));
    }
    m.insert("inLanguage".into(), json!(lang));
    let tags = tags_of(article);
    if !tags.is_empty() {
        m.insert("keywords".into(), json!(tags));
    }
    if !article.section.trim().is_empty() {
        m.insert("articleSection".into(), json!(article.section.trim()));
    }
    // Images are embedded in the page; the metadata points at their figures.
    let images: Vec<serde_json::Value> = article
        .body
        .blocks()
        .filter_map(|b| match b {
            Block::Image { attrs } => Some(attrs),
            _ => None,
        })
        .enumerate()
        .map(|(i, img)| {
            let mut o = Map::new();
            o.insert("@type".into(), json!("ImageObject"));
            o.insert("@id".into(), json!(format!("#image-{}", i + 1)));
            for (key, value) in [
                ("caption", &img.caption),
                ("description", &img.alt),
                ("creditText", &img.credit),
            ] {
                if !value.trim().is_empty() {
                    o.insert(key.into(), json!(value.trim()));
                }
            }
            serde_json::Value::Object(o)
        })
        .collect();
    if !images.is_empty() {
        m.insert("image".into(), json!(images));
    }
    m.insert("wordCount".into(), json!(article.counts.words));
    serde_json::Value::Object(m)
}

fn is_web_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://")) && crate::model::doc::is_allowed_href(s)
}

/// `ko` → `ko_KR`, `en` → `en_US`, `en-GB` → `en_GB`; other tags pass with `_`.
fn og_locale(lang: &str) -> String {
    match lang.to_ascii_lowercase().as_str() {
        "ko" => "ko_KR".into(),
        "en" => "en_US".into(),
        "ja" => "ja_JP".into(),
        "zh" => "zh_CN".into(),
        _ => lang.replace('-', "_"),
    }
}
