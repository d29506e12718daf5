//! Helpers shared by the library tests.
#![allow(dead_code)]
use std::path::PathBuf;

use newsdesk_core::library::Library;
use newsdesk_core::model::{Article, ArticleFields, Byline, Doc, Kind, Status};

/// A fresh library in a temporary folder (kept alive by the returned guard).
pub fn library() -> (tempfile::TempDir, PathBuf, Library) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("newsdesk.db");
    let lib = Library::open(&path).expect("open library");
    (dir, path, lib)
}

/// Article fields with a headline, body paragraphs and tags.
pub fn fields(headline: &str, paragraphs: &[&str], tags: &[&str]) -> ArticleFields {
    ArticleFields {
        headline: headline.into(),
        deck: String::new(),
        byline: Byline { name: "김기자".into(), email: "reporter@outlet.example".into() },
        summary: String::new(),
        body: Doc::from_paragraphs(paragraphs),
        tags: tags.iter().map(|t| t.to_string()).collect(),
        section: "사회".into(),
        language: "ko".into(),
    }
}

/// A stored-looking article (not in a library) with a headline, summary, body and language.
pub fn article(headline: &str, summary: &str, paragraphs: &[&str], language: &str) -> Article {
    Article {
        id: "a".into(),
        kind: Kind::Article,
        headline: headline.into(),
        deck: String::new(),
        byline: Byline { name: "김기자".into(), email: String::new() },
        summary: summary.into(),
        body: Doc::from_paragraphs(paragraphs),
        tags: vec![],
        section: String::new(),
        language: language.into(),
        status: Status::Draft,
        created_at: String::new(),
        updated_at: String::new(),
        published_at: None,
        trashed_at: None,
        version: 1,
        counts: Default::default(),
    }
}
