//! newsdesk-core: everything Newsdesk does that needs no window.
//!
//! `model` holds the types, `library` the SQLite store, `text` counting and normalisation,
//! `import` turns files into articles, `samples` holds the first-run sample articles, `style`
//! checks text against the house style book and runs the pre-flight checklist.
pub mod error;
pub mod export;
pub mod import;
pub mod library;
pub mod model;
pub mod publish;
pub mod render;
pub mod roundup;
pub mod samples;
pub mod style;
pub mod text;

pub use error::{Error, ErrorKind, RemoteFailure, Result};
