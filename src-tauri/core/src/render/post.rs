//! A piece as the body of a CMS post (publish/): the export renderer's HTML without the
//! page around it, pictures at their addresses on the site, and what the CMS keeps beside
//! the body (title, excerpt, tags, section).
use minijinja::Value;
use serde::Serialize;

use super::body::{body_html, ImageMode};
use super::escape;
use super::roundup::roundup_post_html;
use super::{description_of, headline_of, is_plausible_email, language_of, tags_of, RenderContext, RoundupExtras};
use crate::error::Result;
use crate::model::Article;
use crate::roundup::Roundup;

/// What a post is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostBody {
    pub title: String,
    pub html: String,
    /// The summary (else the deck, else the start of the body).
    pub excerpt: String,
    pub tags: Vec<String>,
    /// The section, as the post's category.
    pub section: Option<String>,
}

#[derive(Serialize)]
struct ArticlePost<'a> {
    deck: &'a str,
    byline: Byline<'a>,
    body: Value,
}

#[derive(Serialize)]
struct Byline<'a> {
    name: &'a str,
    email: &'a str,
    mailto: String,
}

/// An article as a post; `images` gives each picture's address on the site.
pub fn article_post(article: &Article, ctx: &RenderContext, images: &dyn Fn(&str) -> Option<String>) -> Result<PostBody> {
    let lang = language_of(article, ctx.outlet);
    let body = body_html(&article.body, ctx, ImageMode::Linked(images))?;
    let email = article.byline.email.trim();
    let html = ctx.templates.render(
        "article-post.html",
        ArticlePost {
            deck: article.deck.trim(),
            byline: Byline {
                name: article.byline.name.trim(),
                email,
                mailto: if is_plausible_email(email) { format!("mailto:{}", escape::url(email)) } else { String::new() },
            },
            body: Value::from_safe_string(body),
        },
    )?;
    let section = article.section.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(PostBody {
        title: headline_of(article, &lang),
        html,
        excerpt: description_of(article),
        tags: tags_of(article),
        section: (!section.is_empty()).then_some(section),
    })
}

/// An edition as one post; `images` gives each picture of the lead its address on the site.
pub fn roundup_post(r: &Roundup, ctx: &RenderContext, extras: &RoundupExtras, images: &dyn Fn(&str) -> Option<String>) -> Result<PostBody> {
    let (title, html) = roundup_post_html(r, ctx, extras, ImageMode::Linked(images))?;
    let lead = crate::text::plain::doc_to_plain(&r.lead.body);
    let flat = lead.split_whitespace().collect::<Vec<_>>().join(" ");
    Ok(PostBody { title, html, excerpt: super::shorten(&flat, 160), tags: Vec::new(), section: None })
}
