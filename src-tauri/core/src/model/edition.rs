//! A weekend edition as a value: a lead, a transition line, briefs and a sign-off. Stored
//! by `library/roundups.rs`, parsed from text by `roundup::parse`, rendered by
//! `render/roundup.rs`.
use serde::{Deserialize, Serialize};

use crate::model::{Doc, Kind, Status};


/// The opening of an edition: an article from the library, or its own text. When it points
/// at an article, `headline` and `body` are the edition's own copy of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Lead {
    pub article_id: Option<String>,
    pub headline: String,
    pub body: Doc,
}

/// One brief. `headline` and `summary` are this edition's text; when the brief points at a
/// library article they start as a copy of it and may be changed without touching the
/// article (and survive its deletion). `link` is http or https only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Brief {
    pub article_id: Option<String>,
    pub headline: String,
    pub summary: String,
    pub link: Option<String>,
    /// The summary was drafted by Newsdesk from the article's body and not yet edited by
    /// the reporter (shown as a draft until then). Left out of the JSON when false.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub drafted: bool,
}

/// The closing line: the outlet's name and its newsroom address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Signoff {
    pub outlet: String,
    pub email: String,
}

/// What a reporter edits in an edition. Creating and saving a roundup both take this.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct RoundupFields {
    pub title: String,
    /// `YYYY-MM-DD`; empty on create means today in the outlet's time zone.
    pub edition_date: String,
    pub lead: Lead,
    pub transition: String,
    pub items: Vec<Brief>,
    pub signoff: Signoff,
}

/// A stored edition with its bookkeeping. `kind` is always [`Kind::Roundup`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Roundup {
    pub id: String,
    // Always "roundup"; the narrower TypeScript type lets the UI tell an edition apart.
    #[cfg_attr(feature = "ts", ts(type = "\"roundup\""))]
    pub kind: Kind,
    pub title: String,
    pub edition_date: String,
    pub lead: Lead,
    pub transition: String,
    pub items: Vec<Brief>,
    pub signoff: Signoff,
    pub status: Status,
    pub created_at: String,
    pub updated_at: String,
    pub trashed_at: Option<String>,
    pub version: i64,
}

impl Roundup {
    /// The editable fields of this edition.
    pub fn fields(&self) -> RoundupFields {
        RoundupFields {
            title: self.title.clone(),
            edition_date: self.edition_date.clone(),
            lead: self.lead.clone(),
            transition: self.transition.clone(),
            items: self.items.clone(),
            signoff: self.signoff.clone(),
        }
    }
}

/// One stored revision of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundupRevision {
    pub info: crate::library::RevisionInfo,
    pub fields: RoundupFields,
    pub status: Status,
}
