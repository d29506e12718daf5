//! Articles and the values that travel with them.
use serde::{Deserialize, Serialize};

use super::doc::Doc;
use crate::text::counts::Counts;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Draft,
    Editing,
    Ready,
    Published,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Draft, Status::Editing, Status::Ready, Status::Published];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Editing => "editing",
            Status::Ready => "ready",
            Status::Published => "published",
        }
    }
}

impl std::str::FromStr for Status {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Status> {
        Status::ALL
            .into_iter()
            .find(|st| st.as_str() == s)
            .ok_or_else(|| crate::Error::Invalid(format!("unknown status {s:?}: use draft, editing, ready or published")))
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of item a library row is. Roundups arrive with the roundup model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Article,
    Roundup,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Article => "article",
            Kind::Roundup => "roundup",
        }
    }
}

impl std::str::FromStr for Kind {
    type Err = crate::Error;
    fn from_str(s: &str) -> crate::Result<Kind> {
        match s {
            "article" => Ok(Kind::Article),
            "roundup" => Ok(Kind::Roundup),
            _ => Err(crate::Error::Invalid(format!("unknown kind {s:?}: use article or roundup"))),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Byline {
    pub name: String,
    pub email: String,
}

/// The fields a reporter edits. Creating and updating an article both take this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct ArticleFields {
    pub headline: String,
    pub deck: String,
    pub byline: Byline,
    pub summary: String,
    pub body: Doc,
    pub tags: Vec<String>,
    pub section: String,
    /// BCP 47 tag, e.g. "ko" or "en".
    pub language: String,
}

/// An article as stored, with its bookkeeping and its counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Article {
    pub id: String,
    pub kind: Kind,
    pub headline: String,
    pub deck: String,
    pub byline: Byline,
    pub summary: String,
    pub body: Doc,
    pub tags: Vec<String>,
    pub section: String,
    pub language: String,
    pub status: Status,
    /// UTC, RFC 3339.
    pub created_at: String,
    pub updated_at: String,
    /// Set when the status first becomes `published`; editable.
    pub published_at: Option<String>,
    /// Set while the article is in the trash.
    pub trashed_at: Option<String>,
    /// Increases by one on every change; a save names the version it was based on.
    pub version: i64,
    pub counts: Counts,
}

/// One row of the library list: enough to show and sort, without the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ArticleSummary {
    pub id: String,
    pub kind: Kind,
    pub headline: String,
    pub status: Status,
    pub tags: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
    pub trashed_at: Option<String>,
    pub version: i64,
    /// Characters with spaces, for the list's size column.
    pub chars: u64,
}
