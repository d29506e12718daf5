//! WordPress's REST API (`/wp/v2`), signed in with an application password over HTTP Basic.
//!
//! Every address is `site/?rest_route=/wp/v2/…`, which works whether or not the site has
//! pretty permalinks. Only what publishing needs: upload a picture, find or create tags and
//! categories, create or update a post, read a post's last-modified time, and find a post
//! by the mark in its content.
use base64::Engine;
use serde_json::{json, Value};

use super::http::{agent, failure, read_json};
use super::{Post, PublishAs};
use crate::error::{Error, RemoteFailure, Result};

/// A post as WordPress answered it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedPost {
    pub id: String,
    pub link: String,
    pub status: String,
    pub modified_gmt: String,
}

pub struct Client {
    site: String,
    auth: String,
    agent: ureq::Agent,
}

fn not_api(site: &str, what: &str) -> Error {
    Error::Remote { failure: RemoteFailure::NotApi, detail: format!("{site} ({what})") }
}

/// An address WordPress gave that may go into a post: http(s) only.
fn web_address(v: &Value) -> Option<String> {
    let s = v.as_str()?.trim();
    let l = s.to_ascii_lowercase();
    (l.starts_with("https://") || l.starts_with("http://")).then(|| s.to_string())
}

fn id_of(v: &Value) -> Option<String> {
    v.get("id").and_then(Value::as_u64).map(|n| n.to_string())
}

/// Percent-encodes a query value.
fn query(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Client {
    pub fn new(site: &str, user: &str, password: &str) -> Result<Client> {
        if password.trim().is_empty() {
            return Err(Error::Remote { failure: RemoteFailure::NoSecret, detail: String::new() });
        }
        // WordPress shows application passwords in groups of four; the spaces are optional.
        let password: String = password.split_whitespace().collect();
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        Ok(Client { site: site.trim_end_matches('/').to_string(), auth: format!("Basic {token}"), agent: agent() })
    }

    fn url(&self, route: &str, params: &str) -> String {
        let mut u = format!("{}/?rest_route=/wp/v2/{route}", self.site);
        if !params.is_empty() {
            u.push('&');
            u.push_str(params);
        }
        u
    }

    fn get(&self, route: &str, params: &str) -> std::result::Result<ureq::Response, ureq::Error> {
        self.agent.get(&self.url(route, params)).set("Authorization", &self.auth).call()
    }

    fn post_json(&self, route: &str, body: &Value) -> Result<Value> {
        let resp = self
            .agent
            .post(&self.url(route, ""))
            .set("Authorization", &self.auth)
            .send_json(body.clone())
            .map_err(|e| failure(e, &self.site))?;
        read_json(resp, &self.site)
    }

    /// Checks the address and the password: who Newsdesk signs in as.
    pub fn whoami(&self) -> Result<String> {
        let v = read_json(self.get("users/me", "context=edit").map_err(|e| failure(e, &self.site))?, &self.site)?;
        v.get("name").and_then(Value::as_str).map(str::to_string).ok_or_else(|| not_api(&self.site, "users/me"))
    }

    /// Uploads a picture; returns its media id and address.
    pub fn upload_media(&self, sha256: &str, bytes: &[u8], mime: &str) -> Result<(String, String)> {
        let ext = match mime {
            "image/png" => "png",
            "image/gif" => "gif",
            "image/webp" => "webp",
            "image/avif" => "avif",
            _ => "jpg",
        };
        let name = format!("newsdesk-{}.{ext}", sha256.get(..16).unwrap_or(sha256));
        let resp = self
            .agent
            .post(&self.url("media", ""))
            .set("Authorization", &self.auth)
            .set("Content-Type", mime)
            .set("Content-Disposition", &format!("attachment; filename=\"{name}\""))
            .send_bytes(bytes)
            .map_err(|e| failure(e, &self.site))?;
        let v = read_json(resp, &self.site)?;
        match (id_of(&v), v.get("source_url").and_then(web_address)) {
            (Some(id), Some(url)) => Ok((id, url)),
            _ => Err(not_api(&self.site, "media")),
        }
    }

    /// The ids of the terms (`tags` or `categories`) named `names`, each created when the
    /// site has none of that name.
    pub fn term_ids(&self, taxonomy: &str, names: &[String]) -> Result<Vec<u64>> {
        let mut ids = Vec::new();
        for name in names {
            let resp = self
                .get(taxonomy, &format!("search={}&per_page=100&context=edit", query(name)))
                .map_err(|e| failure(e, &self.site))?;
            let list = read_json(resp, &self.site)?;
            let list = list.as_array().ok_or_else(|| not_api(&self.site, taxonomy))?;
            // WordPress stores names HTML-escaped (`&amp;`); compare what a reader sees.
            let found = list.iter().find(|t| {
                t.get("name").and_then(Value::as_str).is_some_and(|n| unescape(n).eq_ignore_ascii_case(name))
            });
            let id = match found {
                Some(t) => t.get("id").and_then(Value::as_u64),
                None => {
                    let made = self.agent.post(&self.url(taxonomy, "")).set("Authorization", &self.auth).send_json(json!({ "name": name }));
                    match made {
                        Ok(resp) => read_json(resp, &self.site)?.get("id").and_then(Value::as_u64),
                        // Made meanwhile by someone else: WordPress names the existing term.
                        Err(ureq::Error::Status(400, resp)) => {
                            let v = read_json(resp, &self.site)?;
                            v.pointer("/data/term_id").and_then(Value::as_u64)
                        }
                        Err(e) => return Err(failure(e, &self.site)),
                    }
                }
            };
            ids.push(id.ok_or_else(|| not_api(&self.site, taxonomy))?);
        }
        Ok(ids)
    }

    /// The post's last-modified time (UTC), or `None` when it was deleted (or trashed).
    pub fn post_modified(&self, id: &str) -> Result<Option<String>> {
        match self.get(&format!("posts/{id}"), "context=edit") {
            Ok(resp) => {
                let v = read_json(resp, &self.site)?;
                if v.get("status").and_then(Value::as_str) == Some("trash") {
                    return Ok(None);
                }
                Ok(Some(v.get("modified_gmt").and_then(Value::as_str).ok_or_else(|| not_api(&self.site, "posts"))?.to_string()))
            }
            Err(ureq::Error::Status(404 | 410, _)) => Ok(None),
            Err(e) => Err(failure(e, &self.site)),
        }
    }

    /// The post whose content carries `mark`, in any status but the trash.
    pub fn find_by_marker(&self, mark: &str) -> Result<Option<String>> {
        let resp = self
            .get("posts", &format!("search={}&status=publish,future,draft,pending,private&context=edit&per_page=20", query(mark)))
            .map_err(|e| failure(e, &self.site))?;
        let list = read_json(resp, &self.site)?;
        let list = list.as_array().ok_or_else(|| not_api(&self.site, "posts"))?;
        Ok(list
            .iter()
            .find(|p| p.pointer("/content/raw").and_then(Value::as_str).is_some_and(|c| c.contains(mark)))
            .and_then(id_of))
    }

    /// Creates the post (no `id`) or updates the post `id`.
    pub fn save_post(&self, id: Option<&str>, post: &Post, tags: &[u64], categories: &[u64], how: &PublishAs) -> Result<SavedPost> {
        let mut body = json!({
            "title": post.title,
            "content": post.content,
            "excerpt": post.excerpt,
            "tags": tags,
        });
        if !categories.is_empty() {
            body["categories"] = json!(categories);
        }
        match how {
            PublishAs::Draft => body["status"] = json!("draft"),
            PublishAs::Publish => body["status"] = json!("publish"),
            PublishAs::Schedule(at) => {
                let when = crate::library::parse_time(at).ok_or_else(|| Error::Invalid(format!("{at:?} is not a time")))?;
                body["status"] = json!("future");
                body["date_gmt"] = json!(when.format("%Y-%m-%dT%H:%M:%S").to_string());
            }
        }
        let route = match id {
            Some(id) => format!("posts/{id}"),
            None => "posts".to_string(),
        };
        let v = self.post_json(&route, &body)?;
        let saved = SavedPost {
            id: id_of(&v).ok_or_else(|| not_api(&self.site, "posts"))?,
            link: v.get("link").and_then(web_address).unwrap_or_default(),
            status: v.get("status").and_then(Value::as_str).unwrap_or_default().to_string(),
            modified_gmt: v.get("modified_gmt").and_then(Value::as_str).unwrap_or_default().to_string(),
        };
        Ok(saved)
    }
}

/// The few entities WordPress writes into term names.
fn unescape(s: &str) -> String {
    s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#039;", "'")
}
