//! newsdesk-core: everything Newsdesk does that needs no window.
//!
//! `model` holds the types, `library` the SQLite store, `text` counting and normalisation,
//! `import` turns files into articles.
pub mod error;
pub mod import;
pub mod library;
pub mod model;
pub mod text;

pub use error::{Error, Result};
