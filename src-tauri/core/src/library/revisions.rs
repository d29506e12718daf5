//! Revisions: uncapped history of each article and edition (read and restored through
//! `items.rs`, for both kinds). The content of a revision (its fields as
//! JSON) is stored once per distinct content in `blobs`, keyed by SHA-256 and compressed
//! with DEFLATE (zlib); a revision row points at its blob.
use std::io::{Read, Write};

use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::items;
use super::types::{DiffOp, DiffTag, FieldChange, Revision, RevisionDiff, RevisionInfo, SaveReason, WordSpan};
use super::{parse_time, Library};
use crate::error::{Error, Result};
use crate::model::{ArticleFields, Status};
use crate::text::plain::doc_paragraphs;

/// An autosave writes a revision only when the newest one is at least this old.
pub const AUTOSAVE_REVISION_INTERVAL: chrono::Duration = chrono::Duration::minutes(5);

/// When a save writes a revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RevisionPolicy {
    /// Only when the newest revision is at least 5 minutes old.
    Autosave,
    /// When the newest revision does not hold this content and status.
    Changed,
    /// Always.
    Always,
}

impl RevisionPolicy {
    pub fn for_reason(reason: SaveReason) -> RevisionPolicy {
        match reason {
            SaveReason::Autosave => RevisionPolicy::Autosave,
            SaveReason::Explicit => RevisionPolicy::Changed,
            SaveReason::Create
            | SaveReason::Status
            | SaveReason::Export
            | SaveReason::Restore
            | SaveReason::Import
            | SaveReason::Publish => {
                RevisionPolicy::Always
            }
        }
    }
}

/// The serialised content of a revision and its SHA-256 (lowercase hex).
fn content_of<T: serde::Serialize + ?Sized>(fields: &T) -> Result<(Vec<u8>, String)> {
    let json = serde_json::to_vec(fields).map_err(|e| Error::Invalid(format!("a revision could not be stored: {e}")))?;
    let hash = hex(&Sha256::digest(&json));
    Ok((json, hash))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn compress(data: &[u8]) -> Result<Vec<u8>> {
    // Level 1: about three times faster than the default on article JSON, for a few percent
    // more bytes; every save and import compresses a revision.
    let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data)?;
    Ok(enc.finish()?)
}

/// Inflates a stored blob; the error names what went wrong for `check`.
pub(crate) fn decompress(data: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data).read_to_end(&mut out)?;
    Ok(out)
}

/// Decodes a stored blob into the content it holds (an article's or an edition's fields),
/// checking its hash first: a revision that does not match is damaged, whatever its kind.
pub(crate) fn decode_blob<T: serde::de::DeserializeOwned>(hash: &str, data: &[u8]) -> std::result::Result<T, String> {
    let json = decompress(data).map_err(|e| format!("it does not decompress ({e})"))?;
    if hex(&Sha256::digest(&json)) != hash {
        return Err("its content does not match its SHA-256".into());
    }
    serde_json::from_slice(&json).map_err(|e| format!("its content cannot be read ({e})"))
}

/// Stores content once; returns the blob's row id and hash.
fn put_blob<T: serde::Serialize + ?Sized>(conn: &Connection, fields: &T) -> Result<(i64, String)> {
    let (json, hash) = content_of(fields)?;
    let existing: Option<i64> =
        conn.prepare_cached("SELECT id FROM blobs WHERE hash = ?1")?.query_row([&hash], |r| r.get(0)).optional()?;
    if let Some(id) = existing {
        return Ok((id, hash));
    }
    conn.prepare_cached("INSERT INTO blobs (hash, size, data) VALUES (?1, ?2, ?3)")?
        .execute(params![hash, json.len() as i64, compress(&json)?])?;
    Ok((conn.last_insert_rowid(), hash))
}

/// Writes one revision row (and its blob when new). `fields` is an article's
/// [`ArticleFields`] or a roundup's `RoundupFields`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn write<T: serde::Serialize + ?Sized>(
    conn: &Connection,
    article_id: &str,
    fields: &T,
    status: Status,
    version: i64,
    chars: u64,
    reason: SaveReason,
    created_at: &str,
) -> Result<RevisionInfo> {
    let (blob_id, _) = put_blob(conn, fields)?;
    conn.prepare_cached(
        "INSERT INTO revisions (article_id, created_at, reason, version, status, chars, blob_id) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![article_id, created_at, reason.as_str(), version, status.as_str(), chars as i64, blob_id])?;
    Ok(RevisionInfo {
        id: conn.last_insert_rowid(),
        article_id: article_id.to_string(),
        created_at: created_at.to_string(),
        reason,
        version,
        chars,
        note: String::new(),
    })
}

/// Whether a save under `policy` should write a revision of `fields` with `status`.
pub(crate) fn wanted<T: serde::Serialize + ?Sized>(
    conn: &Connection,
    article_id: &str,
    policy: RevisionPolicy,
    fields: &T,
    status: Status,
) -> Result<bool> {
    if policy == RevisionPolicy::Always {
        return Ok(true);
    }
    let newest: Option<(String, String, String)> = conn
        .prepare_cached(
            "SELECT r.created_at, b.hash, r.status FROM revisions r JOIN blobs b ON b.id = r.blob_id \
             WHERE r.article_id = ?1 ORDER BY r.id DESC LIMIT 1",
        )?
        .query_row([article_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let Some((created_at, hash, newest_status)) = newest else { return Ok(true) };
    Ok(match policy {
        RevisionPolicy::Autosave => match parse_time(&created_at) {
            Some(t) => chrono::Utc::now() - t >= AUTOSAVE_REVISION_INTERVAL,
            None => true,
        },
        _ => content_of(fields)?.1 != hash || newest_status != status.as_str(),
    })
}

pub(crate) const INFO_COLUMNS: &str = "r.id, r.article_id, r.created_at, r.reason, r.version, r.chars, r.note";

pub(crate) fn info_from_row(r: &rusqlite::Row) -> rusqlite::Result<RevisionInfo> {
    Ok(RevisionInfo {
        id: r.get(0)?,
        article_id: r.get(1)?,
        created_at: r.get(2)?,
        reason: SaveReason::from_name(&r.get::<_, String>(3)?),
        version: r.get(4)?,
        chars: r.get::<_, i64>(5)?.max(0) as u64,
        note: r.get(6)?,
    })
}

fn body_diff(from: &ArticleFields, to: &ArticleFields) -> Vec<DiffOp> {
    let old = doc_paragraphs(&from.body);
    let new = doc_paragraphs(&to.body);
    let mut out: Vec<DiffOp> = Vec::new();
    let push = |out: &mut Vec<DiffOp>, op: DiffTag, paragraphs: &[String]| {
        if paragraphs.is_empty() {
            return;
        }
        match out.last_mut() {
            Some(last) if last.op == op && op != DiffTag::Change => last.paragraphs.extend_from_slice(paragraphs),
            _ => out.push(DiffOp { op, paragraphs: paragraphs.to_vec(), words: Vec::new() }),
        }
    };
    for op in similar::capture_diff_slices(similar::Algorithm::Patience, &old, &new) {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => push(&mut out, DiffTag::Equal, &new[n]),
            similar::DiffTag::Delete => push(&mut out, DiffTag::Delete, &old[o]),
            similar::DiffTag::Insert => push(&mut out, DiffTag::Insert, &new[n]),
            similar::DiffTag::Replace => {
                // Paragraph for paragraph while they pair up and stay mostly the same.
                let mut edited = 0;
                while edited < o.len().min(n.len()) {
                    let (a, b) = (&old[o.start + edited], &new[n.start + edited]);
                    let Some(words) = word_diff(a, b) else { break };
                    out.push(DiffOp { op: DiffTag::Change, paragraphs: vec![b.clone()], words: vec![words] });
                    edited += 1;
                }
                push(&mut out, DiffTag::Delete, &old[o.start + edited..o.end]);
                push(&mut out, DiffTag::Insert, &new[n.start + edited..n.end]);
            }
        }
    }
    out
}

/// The words of `a` and `b` that stayed, went and came, when at least half of their words
/// (by length) stayed; `None` when the paragraph was rewritten rather than edited.
fn word_diff(a: &str, b: &str) -> Option<Vec<WordSpan>> {
    let (wa, wb) = (diff_words(a), diff_words(b));
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &wa, &wb);
    let mut spans: Vec<WordSpan> = Vec::new();
    let mut kept = 0;
    let mut add = |op: DiffTag, words: &[&str]| {
        let text: String = words.concat();
        if text.is_empty() {
            return;
        }
        match spans.last_mut() {
            Some(last) if last.op == op => last.text.push_str(&text),
            _ => spans.push(WordSpan { op, text }),
        }
    };
    for op in &ops {
        let (tag, o, n) = op.as_tag_tuple();
        match tag {
            similar::DiffTag::Equal => {
                kept += wb[n.clone()].iter().filter(|w| !w.trim().is_empty()).map(|w| w.chars().count()).sum::<usize>();
                add(DiffTag::Equal, &wb[n]);
            }
            similar::DiffTag::Delete => add(DiffTag::Delete, &wa[o]),
            similar::DiffTag::Insert => add(DiffTag::Insert, &wb[n]),
            similar::DiffTag::Replace => {
                add(DiffTag::Delete, &wa[o]);
                add(DiffTag::Insert, &wb[n]);
            }
        }
    }
    let size = |ws: &[&str]| ws.iter().filter(|w| !w.trim().is_empty()).map(|w| w.chars().count()).sum::<usize>();
    (2 * kept >= size(&wa).max(size(&wb)) && kept > 0).then_some(spans)
}

/// The words a comparison sees: Unicode word boundaries (UAX #29), so `82.4`, `U.S.` and
/// `올랐다` are one word each, with a figure split from the Korean particle it carries
/// (`82.4로` is `82.4` and `로`), so a changed figure is the figure alone.
fn diff_words(text: &str) -> Vec<&str> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out = Vec::new();
    for word in text.split_word_bounds() {
        let mut start = 0;
        let mut prev: Option<bool> = None;
        for (i, c) in word.char_indices() {
            let numeric = c.is_ascii_digit() || (matches!(c, '.' | ',') && prev == Some(true));
            if prev.is_some_and(|p| p != numeric) && (c.is_ascii_digit() || prev == Some(true)) {
                out.push(&word[start..i]);
                start = i;
            }
            prev = Some(numeric);
        }
        out.push(&word[start..]);
    }
    out
}

fn field_changes(from: &Revision, to: &Revision) -> Vec<FieldChange> {
    let (a, b) = (&from.fields, &to.fields);
    let pairs = [
        ("headline", a.headline.clone(), b.headline.clone()),
        ("deck", a.deck.clone(), b.deck.clone()),
        ("byline_name", a.byline.name.clone(), b.byline.name.clone()),
        ("byline_email", a.byline.email.clone(), b.byline.email.clone()),
        ("summary", a.summary.clone(), b.summary.clone()),
        ("tags", a.tags.join(", "), b.tags.join(", ")),
        ("section", a.section.clone(), b.section.clone()),
        ("language", a.language.clone(), b.language.clone()),
        ("status", from.status.as_str().to_string(), to.status.as_str().to_string()),
    ];
    pairs
        .into_iter()
        .filter(|(_, x, y)| x != y)
        .map(|(field, from, to)| FieldChange { field: field.into(), from, to })
        .collect()
}

impl Library {
    /// The revisions of an article, newest first.
    pub fn revisions(&self, article_id: &str) -> Result<Vec<RevisionInfo>> {
        items::head(&self.conn, article_id, items::ANY)?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {INFO_COLUMNS} FROM revisions r WHERE r.article_id = ?1 ORDER BY r.id DESC"))?;
        let rows = stmt.query_map([article_id], info_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// One revision of an article with its content (checked against its SHA-256).
    pub fn revision(&self, article_id: &str, revision_id: i64) -> Result<Revision> {
        let (info, fields, status) = items::read_revision::<ArticleFields>(&self.conn, article_id, revision_id)?;
        Ok(Revision { info, fields, status })
    }

    /// What changed from one revision to another (either order): each changed field, and
    /// the body as runs of equal, inserted and deleted paragraphs.
    pub fn compare(&self, article_id: &str, from_rev: i64, to_rev: i64) -> Result<RevisionDiff> {
        let from = self.revision(article_id, from_rev)?;
        let to = self.revision(article_id, to_rev)?;
        Ok(RevisionDiff {
            article_id: article_id.to_string(),
            fields: field_changes(&from, &to),
            body: body_diff(&from.fields, &to.fields),
            from: from.info,
            to: to.info,
        })
    }
}
