//! Assets: image bytes (and the original files of press releases) stored in the library,
//! addressed by the SHA-256 of their content.
use rusqlite::{params, OptionalExtension};
use sha2::{Digest, Sha256};

use super::revisions::hex;
use super::{now, Library};
use crate::error::{Error, Result};

/// Largest asset the library accepts.
pub const MAX_ASSET_BYTES: usize = 50 * 1024 * 1024;

/// Stores bytes with their media type on `conn` (inside the caller's transaction, if any);
/// `what` names them in a refusal ("the image", "the press release").
pub(crate) fn insert_asset(conn: &rusqlite::Connection, bytes: &[u8], mime: &str, what: &str) -> Result<String> {
    if bytes.is_empty() {
        return Err(Error::Invalid(format!("{what} is empty")));
    }
    if bytes.len() > MAX_ASSET_BYTES {
        return Err(Error::Invalid(format!(
            "{what} is {} MB; the library takes files up to {} MB",
            bytes.len() / (1024 * 1024),
            MAX_ASSET_BYTES / (1024 * 1024)
        )));
    }
    let mime = mime.trim().to_ascii_lowercase();
    if mime.is_empty() || !mime.contains('/') || mime.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(Error::Invalid(format!("{mime:?} is not a media type like image/png")));
    }
    let sha = hex(&Sha256::digest(bytes));
    conn.prepare_cached("INSERT OR IGNORE INTO assets (sha256, mime, size, created_at, data) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![sha, mime, bytes.len() as i64, now(), bytes])?;
    Ok(sha)
}

impl Library {
    /// Stores bytes with their MIME type and returns their id, the lowercase hex SHA-256.
    /// Storing the same bytes again changes nothing and returns the same id.
    pub fn put_asset(&mut self, bytes: &[u8], mime: &str) -> Result<String> {
        insert_asset(&self.conn, bytes, mime, "the image")
    }

    /// The bytes and MIME type of an asset.
    pub fn asset(&self, sha: &str) -> Result<(Vec<u8>, String)> {
        let sha = sha.trim().to_ascii_lowercase();
        self.conn
            .prepare_cached("SELECT data, mime FROM assets WHERE sha256 = ?1")?
            .query_row([&sha], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
            .ok_or(Error::NotFound { what: "image", id: sha })
    }
}
