//! The data model shared by the library, the renderers and the app.
pub mod article;
pub mod doc;

pub use article::*;
pub use doc::{Block, Doc, Inline, Mark};
