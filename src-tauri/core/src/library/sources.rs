//! The source of an article made from a press release, kept beside it (`sources`): the
//! original file, its bytes in `assets` by SHA-256 like pictures, what the letterhead and
//! the e-mail said of it, and its whole text, which the source pane shows and search covers
//! (the `source_text` column of the index). An article has at most one source; it is
//! written once, with the article, and goes with it when the article is deleted.
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::articles::insert_article;
use super::assets::insert_asset;
use super::types::SaveReason;
use super::Library;
use crate::error::{Error, Result};
use crate::import::{Release, SourceInfo};
use crate::model::limits::check_id;
use crate::model::{Article, Status};

/// The source of an article, as the inspector and the source pane show it: what the
/// release said of itself, and the original file's checksum and size.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Source {
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub info: SourceInfo,
    /// Lowercase hex SHA-256 of the original file (its asset id).
    pub sha256: String,
    /// The original file's size in bytes.
    pub size: u32,
}

impl Library {
    /// Creates the draft of a press release in one transaction: its pictures, the original
    /// file, the article, and its source. With no original bytes (a release read from
    /// memory), the article is created without a source.
    pub fn create_from_release(&mut self, release: Release, status: Status, reason: SaveReason) -> Result<Article> {
        let Release { fields, pictures, source, original } = release;
        let tx = self.write()?;
        for p in &pictures {
            insert_asset(&tx, &p.bytes, &p.media_type, "a picture of the press release")?;
        }
        let article = insert_article(&tx, fields, status, reason)?;
        if !original.is_empty() {
            let sha = insert_asset(&tx, &original, &source.media_type, "the press release file")?;
            tx.prepare_cached(
                "INSERT INTO sources (item_id, file_name, media_type, sha256, size, issuer, embargo, contacts, sender, sent_at, text) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                article.id,
                source.file_name,
                source.media_type,
                sha,
                original.len() as i64,
                source.issuer,
                source.embargo,
                source.contacts.join("\n"),
                source.sender,
                source.date,
                source.text,
            ])?;
        }
        tx.commit()?;
        Ok(article)
    }

    /// The source of the article `id`, or `None` when it was not made from a press release.
    pub fn source(&self, id: &str) -> Result<Option<Source>> {
        check_id(id)?;
        let found = self
            .conn
            .prepare_cached(
                "SELECT file_name, media_type, sha256, size, issuer, embargo, contacts, sender, sent_at, text FROM sources WHERE item_id = ?1",
            )?
            .query_row([id], |r| {
                let contacts: String = r.get(6)?;
                Ok(Source {
                    info: SourceInfo {
                        file_name: r.get(0)?,
                        media_type: r.get(1)?,
                        issuer: r.get(4)?,
                        embargo: r.get(5)?,
                        contacts: contacts.lines().map(str::to_string).filter(|l| !l.is_empty()).collect(),
                        sender: r.get(7)?,
                        date: r.get(8)?,
                        text: r.get(9)?,
                    },
                    sha256: r.get(2)?,
                    size: r.get::<_, i64>(3)?.clamp(0, u32::MAX as i64) as u32,
                })
            })
            .optional()?;
        if found.is_none() && !self.contains(id)? {
            return Err(Error::NotFound { what: "article", id: id.to_string() });
        }
        Ok(found)
    }

    /// The original file of the article's source, with its source information: the bytes
    /// as they arrived, checked against their SHA-256.
    pub fn source_file(&self, id: &str) -> Result<(Source, Vec<u8>)> {
        let source = self.source(id)?.ok_or_else(|| Error::Invalid("this article was not made from a press release: it has no source file".into()))?;
        let (bytes, _) = self.asset(&source.sha256)?;
        let sha = super::revisions::hex(&<sha2::Sha256 as sha2::Digest>::digest(&bytes));
        if sha != source.sha256 {
            return Err(Error::Invalid(format!("the stored press release file {} is damaged (its checksum does not match)", source.info.file_name)));
        }
        Ok((source, bytes))
    }
}

impl Library {
    /// Writes the original file of the article's source to `dest` (atomically; into a
    /// folder, under its own name). Returns the path written.
    pub fn write_source_file(&self, id: &str, dest: &std::path::Path) -> Result<std::path::PathBuf> {
        let (source, bytes) = self.source_file(id)?;
        let path = if dest.is_dir() {
            let name = &source.info.file_name;
            let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
            dest.join(crate::export::safe_file_name(stem, ext))
        } else {
            dest.to_path_buf()
        };
        crate::export::write_atomic(&path, &bytes)?;
        Ok(path)
    }
}
