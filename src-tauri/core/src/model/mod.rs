//! The data model shared by the library, the renderers and the app.
pub mod article;
pub mod doc;
pub mod edition;
pub mod length_goal;
pub mod limits;
pub mod settings;

pub use article::*;
pub use doc::{Block, Doc, Inline, Mark};
pub use settings::Settings;
pub use length_goal::{GoalOrigin, GoalUnit, LengthGoal, PieceGoal};
pub use edition::{Brief, Lead, Roundup, RoundupFields, RoundupRevision, Signoff};

/// An article or an edition, as the library returns either (JSON: the item itself, told
/// apart by its `kind`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum Item {
    Article(Article),
    Roundup(Roundup),
}

impl Item {
    pub fn id(&self) -> &str {
        match self {
            Item::Article(a) => &a.id,
            Item::Roundup(r) => &r.id,
        }
    }

    pub fn status(&self) -> Status {
        match self {
            Item::Article(a) => a.status,
            Item::Roundup(r) => r.status,
        }
    }

    pub fn version(&self) -> i64 {
        match self {
            Item::Article(a) => a.version,
            Item::Roundup(r) => r.version,
        }
    }

    /// The headline of an article, the title of an edition.
    pub fn title(&self) -> &str {
        match self {
            Item::Article(a) => &a.headline,
            Item::Roundup(r) => &r.title,
        }
    }
}
