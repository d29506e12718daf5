//! The one lifecycle of a library item, for articles and editions alike.
//!
//! Both kinds are a row of `articles` (an edition's row holds its article-shaped
//! projection; its parts live beside it in `roundups`). Everything that does not depend on
//! what the content is lives here once: reading the bookkeeping ([`Head`]), refusing a
//! change to an item in the trash, of the other kind, or based on a stale version;
//! inserting, saving with its revision policy, status, trash, restore and purge; reading a
//! revision (with its SHA-256 check) and restoring it. What differs is the [`Content`]
//! trait: how fields are normalised and validated, what the row shows, what is stored
//! beside it. `articles.rs` and `roundups.rs` implement it and keep only what is their own.
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::{de::DeserializeOwned, Serialize};

use super::revisions::{self, RevisionPolicy, INFO_COLUMNS};
use super::types::{RevisionInfo, SaveOptions, SaveReason};
use super::{now, Library};
use crate::error::{Error, Result};
use crate::model::limits::check_content_size;
use crate::model::{ArticleFields, Kind, Status};
use crate::text::counts::{count_document, Counts};

/// What a content kind tells the lifecycle.
pub(crate) trait Content: Serialize + DeserializeOwned + PartialEq + Sized {
    const KIND: Kind;
    /// What the `articles` row shows for this content: the article's own fields, or an
    /// edition's projection.
    type Row;
    /// Normalises and validates (limits included) and derives what the row holds.
    fn stage(self) -> Result<Staged<Self>>;
    fn row(staged: &Staged<Self>) -> &ArticleFields;
    /// The content stored now for item `id` (whose kind the caller has checked).
    fn stored(conn: &Connection, id: &str) -> Result<Self>;
    /// Writes what is stored beside the `articles` row (tags, an edition's parts).
    fn write_beside(conn: &Connection, id: &str, staged: &Staged<Self>) -> Result<()>;
    /// True when item `id` holds `staged` already. This reads the stored content back and
    /// compares; an article compares its stored columns in SQLite instead (see
    /// [`row_holds`]).
    fn unchanged(conn: &Connection, id: &str, staged: &Staged<Self>) -> Result<bool> {
        Ok(Self::stored(conn, id)? == staged.fields)
    }
    /// True when the content has no text to lose (a save of such content over one that
    /// has text needs the reporter's confirmation).
    fn is_empty(&self) -> bool;
}

/// Content made ready to store: normalised, validated, with what the row derives from it.
pub(crate) struct Staged<C: Content> {
    pub fields: C,
    /// The projection of an edition; `()` for an article, whose fields are their own row.
    pub row: C::Row,
    pub derived: Derived,
}

/// The columns of the `articles` row derived from its fields.
pub(crate) struct Derived {
    pub body_json: String,
    pub tags_json: String,
    pub tags_text: String,
    pub counts: Counts,
}

impl Derived {
    /// Derives the columns of `f`, refusing a body over the stored size limit.
    pub fn of(f: &ArticleFields) -> Result<Derived> {
        let body_json = serde_json::to_string(&f.body)
            .map_err(|e| Error::Invalid(format!("the text could not be stored: {e}")))?;
        check_content_size("the text", body_json.len())?;
        let tags_json =
            serde_json::to_string(&f.tags).map_err(|e| Error::Invalid(format!("the tags could not be stored: {e}")))?;
        Ok(Derived {
            body_json,
            tags_json,
            tags_text: f.tags.join("\n"),
            counts: count_document(&f.body),
        })
    }
}

/// The bookkeeping of an item: what the lifecycle checks before any change.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub id: String,
    pub kind: Kind,
    /// The headline of an article, the title of an edition.
    pub title: String,
    pub status: Status,
    pub version: i64,
    pub published_at: Option<String>,
    pub trashed_at: Option<String>,
}

impl Head {
    /// Refuses a change to an item in the trash (one message for both kinds).
    pub fn refuse_trashed(&self) -> Result<()> {
        if self.trashed_at.is_some() {
            return Err(Error::Invalid(format!(
                "\"{}\" is in the trash; restore it before changing it",
                self.title
            )));
        }
        Ok(())
    }

    /// Refuses an operation meant for the other kind of item.
    pub fn expect(&self, kind: Kind) -> Result<()> {
        match (self.kind, kind) {
            (Kind::Roundup, Kind::Article) => Err(Error::Invalid(format!(
                "\"{}\" is a weekend roundup, not an article",
                self.title
            ))),
            (Kind::Article, Kind::Roundup) => Err(Error::Invalid(format!(
                "\"{}\" is an article, not a weekend roundup",
                self.title
            ))),
            _ => Ok(()),
        }
    }

    /// Refuses a change based on a version that is no longer the current one.
    pub fn check_base(&self, base_version: i64) -> Result<()> {
        if self.version != base_version {
            return Err(Error::Conflict { base: base_version, current: self.version });
        }
        Ok(())
    }

    /// Everything a change of content needs: the right kind, not in the trash, current.
    pub fn check_writable(&self, kind: Kind, base_version: i64) -> Result<()> {
        self.expect(kind)?;
        self.refuse_trashed()?;
        self.check_base(base_version)
    }
}

/// The bookkeeping of item `id`; `NotFound` naming `what` when there is none.
pub(crate) fn head(conn: &Connection, id: &str, what: &'static str) -> Result<Head> {
    let row = conn
        .prepare_cached(
            "SELECT kind, headline, status, version, published_at, trashed_at FROM articles WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .optional()?;
    let (k, title, status, version, published_at, trashed_at) = row.ok_or_else(|| Error::NotFound { what, id: id.to_string() })?;
    Ok(Head {
        id: id.to_string(),
        kind: k.parse().map_err(|_| Error::Database(format!("item {id} has an unknown kind {k:?}")))?,
        title,
        status: status.parse().map_err(|_| Error::Database(format!("item {id} has an unknown status {status:?}")))?,
        version,
        published_at,
        trashed_at,
    })
}

/// What a missing item is called when its kind is not known.
pub(crate) const ANY: &str = "article or roundup";

/// The content columns of a row as named parameters.
fn content_params<'a>(f: &'a ArticleFields, d: &'a Derived) -> Vec<(&'static str, &'a dyn ToSql)> {
    vec![
        (":headline", &f.headline),
        (":deck", &f.deck),
        (":byline_name", &f.byline.name),
        (":byline_email", &f.byline.email),
        (":summary", &f.summary),
        (":body", &d.body_json),
        (":tags", &d.tags_json),
        (":tags_text", &d.tags_text),
        (":section", &f.section),
        (":language", &f.language),
    ]
}

/// True when the `articles` row of `id` holds exactly the content columns of `staged`,
/// compared as stored text inside SQLite: an autosave of a long body then neither copies
/// nor parses the stored one. Rows are written from the same serialisation
/// ([`Derived::of`]), so equal content is equal text; a row written otherwise only costs
/// one needless new version.
pub(crate) fn row_holds(conn: &Connection, id: &str, f: &ArticleFields, d: &Derived) -> Result<bool> {
    let mut args = content_params(f, d);
    let same: Vec<String> = args.iter().map(|(name, _)| format!("{} IS {name}", &name[1..])).collect();
    args.push((":id", &id as &dyn ToSql));
    let sql = format!("SELECT {} FROM articles WHERE id = :id", same.join(" AND "));
    Ok(conn.prepare_cached(&sql)?.query_row(args.as_slice(), |r| r.get::<_, bool>(0)).optional()?.unwrap_or(false))
}

/// A new item: its row (version 1, created and updated `at`, published `at` when it
/// starts out published), what is stored beside it and its first revision.
pub(crate) fn insert<C: Content>(conn: &Connection, staged: &Staged<C>, status: Status, reason: SaveReason, at: &str) -> Result<String> {
    let id = uuid::Uuid::now_v7().to_string();
    let published_at = (status == Status::Published).then_some(at);
    let chars = staged.derived.counts.chars as i64;
    let (kind_name, status_name) = (C::KIND.as_str(), status.as_str());
    let mut args = content_params(C::row(staged), &staged.derived);
    args.extend_from_slice(&[
        (":id", &id as &dyn ToSql),
        (":kind", &kind_name),
        (":status", &status_name),
        (":at", &at),
        (":published_at", &published_at),
        (":chars", &chars),
    ]);
    conn.prepare_cached(
        "INSERT INTO articles (id, kind, headline, deck, byline_name, byline_email, summary, body, \
         tags, tags_text, section, language, status, created_at, updated_at, published_at, version, chars) \
         VALUES (:id, :kind, :headline, :deck, :byline_name, :byline_email, :summary, :body, \
         :tags, :tags_text, :section, :language, :status, :at, :at, :published_at, 1, :chars)",
    )?
    .execute(args.as_slice())?;
    C::write_beside(conn, &id, staged)?;
    revisions::write(conn, &id, &staged.fields, status, 1, staged.derived.counts.chars, reason, at)?;
    Ok(id)
}

/// Saves `fields` over version `base_version` of item `id`, in one transaction.
///
/// Refused: an item of the other kind, in the trash, a stale base ([`Error::Conflict`]),
/// and a save that would empty a text that was not empty unless `opts.allow_emptying`.
/// Identical content does not bump the version. Revisions follow
/// [`RevisionPolicy::for_reason`]: an autosave writes one only when the newest is at least 5
/// minutes old, an explicit save when the content or status differs from the newest, a
/// restore, export or import always.
pub(crate) fn save<C: Content>(lib: &mut Library, id: &str, base_version: i64, fields: C, opts: SaveOptions) -> Result<Staged<C>> {
    let staged = fields.stage()?;
    let tx = lib.write()?;
    let head = head(&tx, id, C::KIND.as_str())?;
    head.check_writable(C::KIND, base_version)?;
    let unchanged = C::unchanged(&tx, id, &staged)?;
    // The stored content is read only for an empty save, to ask before it empties a text.
    if !unchanged && !opts.allow_emptying && staged.fields.is_empty() && !C::stored(&tx, id)?.is_empty() {
        return Err(Error::Invalid("this save would replace the text with an empty one; confirm to empty it".into()));
    }
    let policy = RevisionPolicy::for_reason(opts.reason);
    let chars = staged.derived.counts.chars;
    if unchanged {
        if policy != RevisionPolicy::Autosave && revisions::wanted(&tx, id, policy, &staged.fields, head.status)? {
            revisions::write(&tx, id, &staged.fields, head.status, head.version, chars, opts.reason, &now())?;
        }
    } else {
        let (at, version) = (now(), head.version + 1);
        let chars_col = chars as i64;
        let mut args = content_params(C::row(&staged), &staged.derived);
        args.extend_from_slice(&[(":id", &id as &dyn ToSql), (":at", &at), (":version", &version), (":chars", &chars_col)]);
        // `body_text` is the copy of the text a row kept before schema 9 (migrate.rs).
        tx.prepare_cached(
            "UPDATE articles SET headline = :headline, deck = :deck, byline_name = :byline_name, \
             byline_email = :byline_email, summary = :summary, body = :body, body_text = '', tags = :tags, \
             tags_text = :tags_text, section = :section, language = :language, updated_at = :at, \
             version = :version, chars = :chars WHERE id = :id",
        )?
        .execute(args.as_slice())?;
        C::write_beside(&tx, id, &staged)?;
        if revisions::wanted(&tx, id, policy, &staged.fields, head.status)? {
            revisions::write(&tx, id, &staged.fields, head.status, version, chars, opts.reason, &at)?;
        }
    }
    tx.commit_text()?;
    Ok(staged)
}

/// Bumps the version and sets the bookkeeping columns given in `sets` (SQL assignments).
pub(crate) fn bump(conn: &Connection, id: &str, sets: &str, args: &[&dyn ToSql]) -> Result<()> {
    let sql = format!("UPDATE articles SET version = version + 1, {sets} WHERE id = ?1");
    let mut all: Vec<&dyn ToSql> = vec![&id];
    all.extend_from_slice(args);
    conn.execute(&sql, all.as_slice())?;
    Ok(())
}

/// Writes a revision of the content item `head` holds now, with `status`.
fn write_current_revision(conn: &Connection, head: &Head, status: Status, version: i64, reason: SaveReason, at: &str) -> Result<RevisionInfo> {
    fn of<C: Content>(conn: &Connection, head: &Head, status: Status, version: i64, reason: SaveReason, at: &str) -> Result<RevisionInfo> {
        let staged = C::stored(conn, &head.id)?.stage()?;
        revisions::write(conn, &head.id, &staged.fields, status, version, staged.derived.counts.chars, reason, at)
    }
    match head.kind {
        Kind::Article => of::<ArticleFields>(conn, head, status, version, reason, at),
        Kind::Roundup => of::<crate::roundup::RoundupFields>(conn, head, status, version, reason, at),
    }
}

/// A revision of item `id`'s current content, written inside the caller's transaction,
/// with a note (a publish's remote address; empty for none).
pub(crate) fn record_revision_in(conn: &Connection, id: &str, reason: SaveReason, note: &str) -> Result<RevisionInfo> {
    let head = head(conn, id, ANY)?;
    let mut info = write_current_revision(conn, &head, head.status, head.version, reason, &now())?;
    if !note.is_empty() {
        conn.prepare_cached("UPDATE revisions SET note = ?2 WHERE id = ?1")?.execute(params![info.id, note])?;
        info.note = note.to_string();
    }
    Ok(info)
}

/// One revision of item `id` whose content is a `C`, checked against its SHA-256.
pub(crate) fn read_revision<C: Content>(conn: &Connection, id: &str, revision_id: i64) -> Result<(RevisionInfo, C, Status)> {
    head(conn, id, C::KIND.as_str())?.expect(C::KIND)?;
    let row: Option<(RevisionInfo, String, String, Vec<u8>)> = conn
        .prepare_cached(&format!(
            "SELECT {INFO_COLUMNS}, r.status, b.hash, b.data FROM revisions r JOIN blobs b ON b.id = r.blob_id \
             WHERE r.article_id = ?1 AND r.id = ?2"
        ))?
        .query_row(params![id, revision_id], |r| Ok((revisions::info_from_row(r)?, r.get(7)?, r.get(8)?, r.get(9)?)))
        .optional()?;
    let (info, status, hash, data) = row.ok_or_else(|| Error::NotFound { what: "revision", id: revision_id.to_string() })?;
    let fields = revisions::decode_blob::<C>(&hash, &data)
        .map_err(|why| Error::Database(format!("revision {revision_id} is damaged: {why}")))?;
    let status = status.parse().map_err(|_| Error::Database(format!("revision {revision_id} has an unknown status")))?;
    Ok((info, fields, status))
}

impl Library {
    /// Changes an article's or an edition's status and writes a revision (reason
    /// `status`). The first time an item becomes `published`, `published_at` is set to now.
    /// Setting the same status again changes nothing.
    pub fn set_status(&mut self, id: &str, status: Status) -> Result<()> {
        let tx = self.write()?;
        let head = head(&tx, id, ANY)?;
        head.refuse_trashed()?;
        if head.status != status {
            let at = now();
            let published_at = match (&head.published_at, status) {
                (None, Status::Published) => Some(at.clone()),
                (p, _) => p.clone(),
            };
            bump(&tx, id, "status = ?2, updated_at = ?3, published_at = ?4", &[&status.as_str(), &at, &published_at])?;
            write_current_revision(&tx, &head, status, head.version + 1, SaveReason::Status, &at)?;
        }
        tx.commit()
    }

    /// Writes a revision of the current content now, e.g. when the item is exported.
    pub fn record_revision(&mut self, id: &str, reason: SaveReason) -> Result<RevisionInfo> {
        let tx = self.write()?;
        let info = record_revision_in(&tx, id, reason, "")?;
        tx.commit()?;
        Ok(info)
    }

    /// Moves an article or an edition to the trash (nothing happens if it is there already).
    pub fn trash(&mut self, id: &str) -> Result<()> {
        let tx = self.write()?;
        if head(&tx, id, ANY)?.trashed_at.is_none() {
            bump(&tx, id, "trashed_at = ?2", &[&now()])?;
        }
        tx.commit()
    }

    /// Takes an item out of the trash (nothing happens if it is not there).
    pub fn restore(&mut self, id: &str) -> Result<()> {
        let tx = self.write()?;
        if head(&tx, id, ANY)?.trashed_at.is_some() {
            bump(&tx, id, "trashed_at = NULL", &[])?;
        }
        tx.commit()
    }

    /// Deletes an item, its tags and its revisions for good. Only an item already in the
    /// trash can be purged. Revision content no other revision shares is deleted too.
    pub fn purge(&mut self, id: &str) -> Result<()> {
        let tx = self.write()?;
        let h = head(&tx, id, ANY)?;
        if h.trashed_at.is_none() {
            return Err(Error::Invalid(format!(
                "\"{}\" is not in the trash; move it to the trash before deleting it for good",
                h.title
            )));
        }
        let blob_ids: Vec<i64> = tx
            .prepare("SELECT DISTINCT blob_id FROM revisions WHERE article_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        let mut drop_blob =
            tx.prepare("DELETE FROM blobs WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM revisions WHERE blob_id = ?1)")?;
        for b in blob_ids {
            drop_blob.execute([b])?;
        }
        drop(drop_blob);
        tx.commit()
    }

    /// Puts the content of an old revision back as the item's content (the status stays),
    /// writing a new revision with reason `restore`. Needs the current version as
    /// `base_version`, like a save. A revision whose content does not match its SHA-256 is
    /// refused, whatever the kind.
    pub(crate) fn restore_revision_of<C: Content>(&mut self, id: &str, revision_id: i64, base_version: i64) -> Result<()> {
        let (_, old, _) = read_revision::<C>(&self.conn, id, revision_id)?;
        save::<C>(self, id, base_version, old, SaveOptions { reason: SaveReason::Restore, allow_emptying: true }).map(drop)
    }
}
