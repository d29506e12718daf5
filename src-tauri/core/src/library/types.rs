//! The values the library API takes and returns. All of them cross IPC and print as CLI JSON.
use serde::{Deserialize, Serialize};

use crate::model::{ArticleFields, Kind, Status};

/// Why a revision was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum SaveReason {
    Create,
    #[default]
    Autosave,
    Explicit,
    Status,
    Export,
    Restore,
    Import,
    Publish,
}

impl SaveReason {
    pub const ALL: [SaveReason; 8] = [
        SaveReason::Create,
        SaveReason::Autosave,
        SaveReason::Explicit,
        SaveReason::Status,
        SaveReason::Export,
        SaveReason::Restore,
        SaveReason::Import,
        SaveReason::Publish,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            SaveReason::Create => "create",
            SaveReason::Autosave => "autosave",
            SaveReason::Explicit => "explicit",
            SaveReason::Status => "status",
            SaveReason::Export => "export",
            SaveReason::Restore => "restore",
            SaveReason::Import => "import",
            SaveReason::Publish => "publish",
        }
    }

    /// Parses the stored name; unknown names (from a newer build) read as `explicit`.
    pub fn from_name(s: &str) -> SaveReason {
        SaveReason::ALL.into_iter().find(|r| r.as_str() == s).unwrap_or(SaveReason::Explicit)
    }
}

/// How a save is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SaveOptions {
    pub reason: SaveReason,
    /// The reporter confirmed replacing a non-empty body with an empty one.
    pub allow_emptying: bool,
}

/// Order of the library list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// Most recently changed first.
    #[default]
    Updated,
    /// Most recently created first.
    Created,
    /// Headline, A to Z / 가나다.
    Headline,
}

/// Which articles the library list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ListFilter {
    pub kind: Option<Kind>,
    pub status: Option<Status>,
    pub tag: Option<String>,
    /// `true`: only the trash; `false`: only articles not in the trash.
    pub trashed: bool,
    pub sort: Sort,
    pub limit: Option<u32>,
    pub offset: u32,
}

/// A search. `from` and `to` bound `updated_at` and take RFC 3339 or `YYYY-MM-DD` (a whole
/// UTC day, both ends included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    pub text: String,
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub kind: Option<Kind>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub limit: u32,
    pub offset: u32,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            text: String::new(),
            status: None,
            tag: None,
            kind: None,
            from: None,
            to: None,
            limit: 20,
            offset: 0,
        }
    }
}

impl SearchQuery {
    /// A query for `text` with no filter, first 20 hits.
    pub fn text(text: impl Into<String>) -> SearchQuery {
        SearchQuery { text: text.into(), ..SearchQuery::default() }
    }
}

/// One page of search results and the number of matches in all pages, counted up to
/// [`COUNT_CAP`](super::COUNT_CAP): `more` says that even more articles match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchPage {
    pub hits: Vec<SearchHit>,
    pub total: u64,
    pub more: bool,
}

/// Opening mark of a hit in a snippet.
pub const HIT_OPEN: &str = "«";
/// Closing mark of a hit in a snippet.
pub const HIT_CLOSE: &str = "»";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub id: String,
    pub kind: Kind,
    pub headline: String,
    /// Plain text around the first hit (about 64 characters, "…" where cut), each hit
    /// wrapped in « and ».
    pub snippet: String,
    pub status: Status,
    pub updated_at: String,
    /// 2 when the headline matches, 1 otherwise (hits come in that order, then newest first).
    pub rank: f64,
    /// The words were found only in the press release the article was made from (its
    /// source), not in the article itself: the snippet is from the source.
    pub in_source: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionInfo {
    pub id: i64,
    pub article_id: String,
    pub created_at: String,
    pub reason: SaveReason,
    /// The article version this revision holds.
    pub version: i64,
    /// Characters (with spaces) of the body.
    pub chars: u64,
    /// What the revision records besides its reason: a publish's remote address.
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub info: RevisionInfo,
    pub fields: ArticleFields,
    pub status: Status,
}

/// A changed field other than the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldChange {
    /// `headline`, `deck`, `byline_name`, `byline_email`, `summary`, `tags`, `section`,
    /// `language` or `status`. Tags are compared as one comma-separated line.
    pub field: String,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    Equal,
    Insert,
    Delete,
    /// A paragraph edited in place: [`DiffOp::words`] says which words went and came.
    Change,
}

/// A run of body paragraphs that are equal in both revisions, only in the newer one
/// (`insert`) or only in the older one (`delete`). A changed paragraph shows as a delete
/// followed by an insert, unless it was edited in place (most of its words kept): then it
/// is a `change`, whose `paragraphs` are the newer text and `words` each paragraph's words
/// that stayed, went (`delete`) and came (`insert`), in reading order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DiffOp {
    pub op: DiffTag,
    pub paragraphs: Vec<String>,
    /// Empty unless `op` is `change`.
    #[serde(default)]
    pub words: Vec<Vec<WordSpan>>,
}

/// A run of words (with the spaces and punctuation between them) of a changed paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WordSpan {
    /// `equal`, `insert` or `delete`.
    pub op: DiffTag,
    pub text: String,
}

/// What changed between two revisions of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionDiff {
    pub article_id: String,
    pub from: RevisionInfo,
    pub to: RevisionInfo,
    pub fields: Vec<FieldChange>,
    pub body: Vec<DiffOp>,
}

impl RevisionDiff {
    /// True when the two revisions hold the same text.
    pub fn is_unchanged(&self) -> bool {
        self.fields.is_empty() && self.body.iter().all(|op| op.op == DiffTag::Equal)
    }
}

/// The result of [`super::Library::check`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CheckReport {
    pub ok: bool,
    pub articles: u64,
    pub revisions: u64,
    pub problems: Vec<String>,
}

pub use crate::model::settings::Settings;
pub(crate) use crate::model::settings::{BOOLEAN_SETTINGS, NUMERIC_SETTINGS};
