//! The article as IPTC ninjs 2.2 (News in JSON).
//!
//! - `uri`: `urn:uuid:<id>` (article ids are UUIDs), else `urn:newsdesk:article:<id>`.
//! - `headlines`: main (the headline) and sub (the deck); `descriptions`: summary;
//!   `bodies`: the body as HTML (role `main`, figures with their captions, no pictures)
//!   and as plain text (role `plain`), with character and word counts.
//! - `by`, `language`, `version`, `firstcreated`, `versioncreated`, `contentcreated`
//!   (the publication date) in the outlet's zone, `pubstatus` (`usable` for ready and
//!   published articles, `withheld` otherwise), `subjects` from the tags, `genres`
//!   from the section, `copyrightholder` from the outlet.
//! - `associations`: one `picture` per image, with caption, credit and a `data:` rendition.
use serde_json::{json, Map, Value};

use super::body::{body_html, data_uri, ImageMode};
use super::{dates, description_of, escape, headline_of, language_of, tags_of, RenderContext};
use crate::model::doc::Block;
use crate::model::{Article, Status};

/// Where the ninjs 2.2 schema lives (for `standard.schema`).
pub const NINJS_SCHEMA: &str = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#";

/// Renders the article as a ninjs 2.2 object. Never fails: an image whose asset is missing
/// keeps its association without a rendition.
pub fn article_ninjs(article: &Article, ctx: &RenderContext) -> Value {
    let outlet = ctx.outlet;
    let (zone, fmt) = (&outlet.time_zone, &outlet.date_format);
    let lang = language_of(article, outlet);
    let mut m = Map::new();
    m.insert("uri".into(), json!(article_uri(&article.id)));
    m.insert(
        "standard".into(),
        json!({"name": "ninjs", "version": "2.2", "schema": NINJS_SCHEMA}),
    );
    m.insert("type".into(), json!("text"));
    m.insert("representationtype".into(), json!("full"));
    m.insert("version".into(), json!(article.version.to_string()));
    if let Some(c) = dates::created(article, zone, fmt) {
        m.insert("firstcreated".into(), json!(c.iso));
    }
    if let Some(u) = dates::modified(article, zone, fmt) {
        m.insert("versioncreated".into(), json!(u.iso));
    }
    if let Some(p) = dates::published(article, zone, fmt) {
        m.insert("contentcreated".into(), json!(p.iso));
    }
    let status = match article.status {
        Status::Ready | Status::Published => "usable",
        Status::Draft | Status::Editing => "withheld",
    };
    m.insert("pubstatus".into(), json!(status));
    m.insert("language".into(), json!(lang));
    let mut headlines =
        vec![json!({"role": "main", "contenttype": "text/plain", "value": headline_of(article, &lang)})];
    if !article.deck.trim().is_empty() {
        headlines.push(json!({"role": "sub", "contenttype": "text/plain", "value": article.deck.trim()}));
    }
    m.insert("headlines".into(), json!(headlines));
    let description = description_of(article);
    if !description.is_empty() {
        m.insert(
            "descriptions".into(),
            json!([{"role": "summary", "contenttype": "text/plain", "value": description}]),
        );
    }
    let html = body_html(&article.body, ctx, ImageMode::CaptionOnly).unwrap_or_default();
    let plain = crate::text::plain::doc_to_plain(&article.body);
    let counts = &article.counts;
    m.insert(
        "bodies".into(),
        json!([
            {"role": "main", "contenttype": "text/html", "charcount": counts.chars, "wordcount": counts.words, "value": html},
            {"role": "plain", "contenttype": "text/plain", "charcount": counts.chars, "wordcount": counts.words, "value": plain},
        ]),
    );
    let by = article.byline.name.trim();
    if !by.is_empty() {
        m.insert("by".into(), json!(by));
        let mut person = Map::new();
        person.insert("name".into(), json!(by));
        person.insert("rel".into(), json!("author"));
        if super::is_plausible_email(&article.byline.email) {
            person.insert(
                "contactinfo".into(),
                json!([{"type": "email", "role": "work", "value": article.byline.email.trim()}]),
            );
        }
        m.insert("people".into(), json!([Value::Object(person)]));
    }
    let tags = tags_of(article);
    if !tags.is_empty() {
        let subjects: Vec<Value> = tags.iter().map(|t| json!({"name": t, "rel": "about"})).collect();
        m.insert("subjects".into(), json!(subjects));
    }
    if !article.section.trim().is_empty() {
        m.insert(
            "genres".into(),
            json!([{"name": article.section.trim(), "literal": article.section.trim()}]),
        );
    }
    if !outlet.name.trim().is_empty() {
        m.insert("copyrightholder".into(), json!(outlet.name.trim()));
    }
    let pictures = associations(article, ctx);
    if !pictures.is_empty() {
        m.insert("associations".into(), json!(pictures));
    }
    Value::Object(m)
}

/// A URI naming the article: `urn:uuid:` for UUIDs, a percent-encoded URN otherwise.
fn article_uri(id: &str) -> String {
    match uuid::Uuid::parse_str(id.trim()) {
        Ok(u) => format!("urn:uuid:{}", u.hyphenated()),
        Err(_) => {
            let mut s = String::from("urn:newsdesk:article:");
            for b in id.trim().bytes() {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    s.push(b as char);
                } else {
                    s.push_str(&format!("%{b:02X}"));
                }
            }
            if s.ends_with(':') {
                s.push_str("untitled");
            }
            s
        }
    }
}

fn associations(article: &Article, ctx: &RenderContext) -> Vec<Value> {
    let images = article.body.blocks().filter_map(|b| match b {
        Block::Image { attrs } => Some(attrs),
        _ => None,
    });
    images
        .enumerate()
        .map(|(i, img)| {
            let mut a = Map::new();
            a.insert("name".into(), json!(format!("image-{}", i + 1)));
            a.insert("uri".into(), json!(format!("urn:newsdesk:asset:{}", escape::url(&img.asset))));
            a.insert("type".into(), json!("picture"));
            if !img.caption.trim().is_empty() {
                a.insert("headlines".into(), json!([{"role": "caption", "value": img.caption.trim()}]));
            }
            if !img.alt.trim().is_empty() {
                a.insert("descriptions".into(), json!([{"role": "alt", "value": img.alt.trim()}]));
            }
            if !img.credit.trim().is_empty() {
                a.insert("by".into(), json!(img.credit.trim()));
            }
            if let Some(asset) = (ctx.assets)(&img.asset) {
                if let Ok(uri) = data_uri(&asset, img) {
                    a.insert(
                        "renditions".into(),
                        json!([{"name": "original", "contenttype": asset.mime.trim().to_ascii_lowercase(), "href": uri}]),
                    );
                }
            }
            Value::Object(a)
        })
        .collect()
}
