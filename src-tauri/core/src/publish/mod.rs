//! Publishing to the outlet's CMS, and the test send of the e-mail edition.
//!
//! `publish_item` is THE publish, for the command line and the window alike: the pre-flight
//! first; the pictures uploaded once per site (by SHA-256, each recorded as soon as it is
//! up); tags and the section as the CMS's tags and category (created when missing); the
//! body from the export renderer (`render::post`: no page chrome, no inline styles);
//! then the post created, or the same post updated, after checking that nobody changed
//! it in the CMS since. A publish that fails changes nothing of the piece itself.
//!
//! Modules: `http` (one HTTP agent, failures into `RemoteFailure`), `wordpress` (the REST
//! API), `secrets` (the keyring and the environment), `smtp` (the test send).
pub mod http;
pub mod secrets;
pub mod smtp;
pub mod wordpress;

use serde::{Deserialize, Serialize};

use crate::error::{Error, RemoteFailure, Result};
use crate::export::outlet_from;
use crate::library::Library;
use crate::model::doc::{Block, Doc};
use crate::model::Item;
use crate::render::post::{article_post, roundup_post, PostBody};
use crate::render::{Asset, RenderContext};

/// The kinds of CMS Newsdesk publishes to. (Ghost is not among them: see ARCHITECTURE.md.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    #[default]
    Wordpress,
}

impl TargetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Wordpress => "wordpress",
        }
    }

    pub fn from_name(_s: &str) -> TargetKind {
        TargetKind::Wordpress
    }
}

/// A site to publish to: its name in the library, the kind of CMS, its address and the
/// user Newsdesk signs in as. The secret (WordPress's application password) is kept in the
/// keyring under the target's name and address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Target {
    pub name: String,
    pub kind: TargetKind,
    pub site_url: String,
    pub user: String,
}

/// The longest target name.
pub const TARGET_NAME_MAX_CHARS: usize = 60;

impl Target {
    /// The target as stored: trimmed, the address without a trailing `/`; refused when a
    /// part is missing or the address is not http(s).
    pub fn normalized(&self) -> Result<Target> {
        let name = self.name.trim().to_string();
        if name.is_empty() || name.chars().count() > TARGET_NAME_MAX_CHARS || name.chars().any(char::is_control) {
            return Err(Error::Invalid(format!(
                "a target needs a name of 1 to {TARGET_NAME_MAX_CHARS} characters"
            )));
        }
        let site_url = self.site_url.trim().trim_end_matches('/').to_string();
        let lower = site_url.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
        if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
            return Err(Error::Invalid(format!(
                "{site_url:?} is not a site address; write it as https://example.com"
            )));
        }
        let user = self.user.trim().to_string();
        if user.is_empty() || user.chars().any(char::is_control) {
            return Err(Error::Invalid("a target needs the user name Newsdesk signs in as".into()));
        }
        Ok(Target { name, kind: self.kind, site_url, user })
    }

    /// Where the secret of this target is kept in the keyring.
    pub fn secret_key(&self) -> String {
        format!("{}:{}@{}", self.kind.as_str(), self.user, self.site_url)
    }
}

/// How a piece is published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case", tag = "as", content = "at")]
pub enum PublishAs {
    /// A draft in the CMS, for the desk to look at.
    #[default]
    Draft,
    /// Live now.
    Publish,
    /// Live at a time (RFC 3339, in the future).
    Schedule(String),
}

/// What the piece became on a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Publication {
    pub item_id: String,
    pub target: String,
    pub site_url: String,
    pub remote_id: String,
    /// The post's address.
    pub url: String,
    /// The CMS's status of the post: draft, publish, future…
    pub status: String,
    /// The CMS's last-modified time of the post after this publish.
    pub remote_modified: String,
    /// When Newsdesk last published it.
    pub published_at: Option<String>,
    /// Set while a create is unanswered (see `Library::mark_publish_pending`).
    pub pending_since: Option<String>,
}

/// The choices of one publish.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PublishOptions {
    #[serde(flatten)]
    pub publish_as: PublishAs,
    /// Replace the post even though it was changed in the CMS since the last publish.
    pub overwrite: bool,
}

/// The post as the CMS gets it.
pub struct Post {
    pub title: String,
    pub content: String,
    pub excerpt: String,
    pub tags: Vec<String>,
    pub category: Option<String>,
}

/// The mark in every post's content by which a retry finds a post whose create was never
/// answered (an HTML comment: the theme shows nothing).
pub(crate) fn marker(item_id: &str) -> String {
    format!("newsdesk:{item_id}")
}

/// Every picture of a document (tables, lists and quotes included), in order, once each.
fn pictures(doc: &Doc) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in doc.blocks() {
        if let Block::Image { attrs } = b {
            if !out.contains(&attrs.asset) {
                out.push(attrs.asset.clone());
            }
        }
    }
    out
}

/// The body of a piece (an edition's is its lead's).
fn body_of(item: &Item) -> &Doc {
    match item {
        Item::Article(a) => &a.body,
        Item::Roundup(r) => &r.lead.body,
    }
}

/// Uploads the pictures of `item` the site does not have yet, each recorded as soon as it
/// is up; returns every picture's address there (SHA-256, address).
fn upload_pictures(lib: &mut Library, client: &wordpress::Client, target: &Target, item: &Item) -> Result<Vec<(String, String)>> {
    let mut remote = Vec::new();
    for sha in pictures(body_of(item)) {
        let url = match lib.published_media(&target.site_url, &sha)? {
            Some((_, url)) => url,
            None => {
                let (bytes, mime) = lib.asset(&sha)?;
                let (remote_id, url) = client.upload_media(&sha, &bytes, &mime)?;
                lib.record_published_media(&target.site_url, &sha, &remote_id, &url)?;
                url
            }
        };
        remote.push((sha, url));
    }
    Ok(remote)
}

/// The first half of a publish alone: the pictures of `id` uploaded to the target and
/// recorded, and, with `pending`, the create marked as sent. This is what a publish cut off
/// before its post was created (or before its answer came) leaves behind; the tests use it
/// to check that the next publish finishes the work without duplicating any of it.
pub fn publish_first_half(lib: &mut Library, id: &str, target_name: &str, secret: &str, pending: bool) -> Result<Vec<(String, String)>> {
    let target = lib.publish_target(target_name)?;
    let item = lib.item(id)?;
    let client = wordpress::Client::new(&target.site_url, &target.user, secret)?;
    let remote = upload_pictures(lib, &client, &target, &item)?;
    if pending {
        lib.mark_publish_pending(id, &target)?;
    }
    Ok(remote)
}

/// Publishes the article or edition `id` to the target `target_name` with `secret`.
/// Refused before anything leaves when the pre-flight has a blocking failure. On success
/// the publication is recorded with a `publish` revision; on failure the piece is as it
/// was (only pictures already uploaded are remembered, so they never go up twice).
pub fn publish_item(lib: &mut Library, id: &str, target_name: &str, secret: &str, opts: &PublishOptions) -> Result<Publication> {
    let target = lib.publish_target(target_name)?;
    let item = lib.item(id)?;
    let trashed = match &item {
        Item::Article(a) => a.trashed_at.is_some(),
        Item::Roundup(r) => r.trashed_at.is_some(),
    };
    if trashed {
        return Err(Error::Invalid(format!("{id} is in the trash; restore it before publishing")));
    }
    let preflight = lib.preflight(id)?;
    if preflight.blocked() {
        let names: Vec<String> = preflight.failures().filter(|f| f.blocking).map(|f| f.message_en.clone()).collect();
        return Err(Error::Invalid(format!(
            "the pre-flight stops this publish: {}; fix it, then publish again",
            names.join(", ")
        )));
    }
    if let PublishAs::Schedule(at) = &opts.publish_as {
        let when = crate::library::parse_time(at)
            .ok_or_else(|| Error::Invalid(format!("{at:?} is not a time; write it as 2026-12-05T09:00:00+09:00")))?;
        if when <= chrono::Utc::now() {
            return Err(Error::Invalid("a scheduled time must be in the future".into()));
        }
    }
    let client = wordpress::Client::new(&target.site_url, &target.user, secret)?;
    // The address and the password first: a wrong one uploads nothing.
    client.whoami()?;
    let remote = upload_pictures(lib, &client, &target, &item)?;

    // The post, from the export renderer.
    let settings = lib.settings()?;
    let outlet = outlet_from(&settings);
    let lookup = |sha: &str| lib.asset(sha).ok().map(|(bytes, mime)| Asset { bytes, mime });
    let ctx = RenderContext::new(&outlet, &lookup);
    let link = |sha: &str| remote.iter().find(|(s, _)| s == sha).map(|(_, u)| u.clone());
    let body: PostBody = match &item {
        Item::Article(a) => article_post(a, &ctx, &link)?,
        Item::Roundup(r) => {
            let extras = crate::export::roundup::extras_from(lib, r)?;
            roundup_post(r, &ctx, &extras, &link)?
        }
    };
    let post = Post {
        title: body.title,
        content: format!("<!-- {} -->\n{}", marker(id), body.html),
        excerpt: body.excerpt,
        tags: body.tags,
        category: body.section,
    };

    // Create, or update the same post (asking first when the CMS changed it).
    let previous = lib.publication(id, &target.name)?;
    let mut existing = previous.as_ref().filter(|p| !p.remote_id.is_empty() && p.site_url == target.site_url).cloned();
    if let Some(p) = &existing {
        match client.post_modified(&p.remote_id)? {
            None => existing = None, // deleted in the CMS: publish it anew
            Some(modified) if modified != p.remote_modified && !opts.overwrite => {
                return Err(Error::Remote {
                    failure: RemoteFailure::ChangedRemotely,
                    detail: format!("{} (changed there at {modified} UTC)", p.url),
                });
            }
            Some(_) => {}
        }
    }
    let found = match (&existing, &previous) {
        (None, Some(p)) if p.pending_since.is_some() && p.site_url == target.site_url => client.find_by_marker(&marker(id))?,
        _ => None,
    };
    let remote_id = existing.map(|p| p.remote_id).or(found);
    let tags = client.term_ids("tags", &post.tags)?;
    let categories = client.term_ids("categories", post.category.as_slice())?;
    if remote_id.is_none() {
        lib.mark_publish_pending(id, &target)?;
    }
    let answer = client.save_post(remote_id.as_deref(), &post, &tags, &categories, &opts.publish_as)?;
    let publication = Publication {
        item_id: id.to_string(),
        target: target.name.clone(),
        site_url: target.site_url.clone(),
        remote_id: answer.id,
        url: answer.link,
        status: answer.status,
        remote_modified: answer.modified_gmt,
        published_at: Some(crate::library::now()),
        pending_since: None,
    };
    lib.record_publication(&publication)?;
    Ok(publication)
}
