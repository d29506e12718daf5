//! Articles: create, read, save with optimistic concurrency, status, list, trash.
//!
//! Saving identical content (after NFC normalisation) does not bump the version: the
//! article comes back unchanged, so an autosave that fires with nothing new costs one read.
//! An explicit save of identical content still writes a revision when the newest revision
//! does not hold the current content (e.g. after autosaves in between).
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row, ToSql};

use super::revisions::{self, RevisionPolicy};
use super::types::{ListFilter, SaveOptions, SaveReason, Sort};
use super::{now, parse_time, format_time, Library};
use crate::error::{Error, Result};
use crate::model::{Article, ArticleFields, ArticleSummary, Block, Byline, Doc, Inline, Kind, Mark, Status};
use unicode_normalization::{is_nfc_quick, IsNormalized};
use crate::text::counts::{count_document, Counts};
use crate::text::nfc;
use crate::text::plain::doc_to_plain;

/// Columns read for a full article, in the order [`article_from_row`] expects.
const ARTICLE_COLUMNS: &str = "id, kind, headline, deck, byline_name, byline_email, summary, body, tags, section, \
     language, status, created_at, updated_at, published_at, trashed_at, version";

/// Article fields made ready to store: normalised, validated, with derived text.
pub(crate) struct Prepared {
    pub fields: ArticleFields,
    pub body_json: String,
    pub body_text: String,
    pub tags_json: String,
    pub tags_text: String,
    pub counts: Counts,
}

/// NFC-normalises every string, trims and de-duplicates tags, validates the body.
pub(crate) fn normalize_fields(f: ArticleFields) -> Result<ArticleFields> {
    f.body.check_depth()?;
    let body = normalized_body(f.body);
    body.validate()?;
    let mut tags: Vec<String> = Vec::new();
    for t in f.tags {
        let t = nfc(t.trim());
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    Ok(ArticleFields {
        headline: nfc(&f.headline),
        deck: nfc(&f.deck),
        byline: Byline { name: nfc(&f.byline.name), email: nfc(f.byline.email.trim()) },
        summary: nfc(&f.summary),
        body,
        tags,
        section: nfc(f.section.trim()),
        language: nfc(f.language.trim()),
    })
}

/// The body NFC-normalised. A body whose text is already NFC (the editor's usual case) and
/// has no link to trim is returned as it is, which saves most of the cost on long texts.
fn normalized_body(body: Doc) -> Doc {
    let mut already = true;
    for block in body.blocks() {
        let inlines = match block {
            Block::Paragraph { content } | Block::Heading { content, .. } => content,
            Block::Image { .. } => {
                already = false;
                break;
            }
            _ => continue,
        };
        for i in inlines {
            if let Inline::Text { text, marks } = i {
                if !marks.is_empty() && marks.iter().any(|m| matches!(m, Mark::Link { .. }))
                    || is_nfc_quick(text.chars()) != IsNormalized::Yes
                {
                    already = false;
                }
            }
        }
        if !already {
            break;
        }
    }
    if already {
        body
    } else {
        body.normalized()
    }
}

/// Normalises the fields and derives what the store keeps beside them.
pub(crate) fn prepare(f: ArticleFields) -> Result<Prepared> {
    let fields = normalize_fields(f)?;
    let body_json = serde_json::to_string(&fields.body)
        .map_err(|e| Error::Invalid(format!("the article body could not be stored: {e}")))?;
    let tags_json = serde_json::to_string(&fields.tags)
        .map_err(|e| Error::Invalid(format!("the tags could not be stored: {e}")))?;
    Ok(Prepared {
        body_text: doc_to_plain(&fields.body),
        tags_text: fields.tags.join("\n"),
        counts: count_document(&fields.body),
        fields,
        body_json,
        tags_json,
    })
}

/// The editable fields of a stored article.
pub(crate) fn fields_of(a: &Article) -> ArticleFields {
    ArticleFields {
        headline: a.headline.clone(),
        deck: a.deck.clone(),
        byline: a.byline.clone(),
        summary: a.summary.clone(),
        body: a.body.clone(),
        tags: a.tags.clone(),
        section: a.section.clone(),
        language: a.language.clone(),
    }
}

fn conversion_error(col: usize, msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(col, rusqlite::types::Type::Text, msg.into())
}

pub(crate) fn status_from_sql(col: usize, s: &str) -> rusqlite::Result<Status> {
    s.parse().map_err(|e: Error| conversion_error(col, e.to_string()))
}

pub(crate) fn kind_from_sql(col: usize, s: &str) -> rusqlite::Result<Kind> {
    s.parse().map_err(|e: Error| conversion_error(col, e.to_string()))
}

/// Reads a row of [`ARTICLE_COLUMNS`]; counts are left at zero (see [`with_counts`]).
fn article_from_row(r: &Row) -> rusqlite::Result<Article> {
    let body: String = r.get(7)?;
    let body: Doc = serde_json::from_str(&body).map_err(|e| conversion_error(7, e.to_string()))?;
    let tags: String = r.get(8)?;
    let tags: Vec<String> = serde_json::from_str(&tags).map_err(|e| conversion_error(8, e.to_string()))?;
    Ok(Article {
        id: r.get(0)?,
        kind: kind_from_sql(1, &r.get::<_, String>(1)?)?,
        headline: r.get(2)?,
        deck: r.get(3)?,
        byline: Byline { name: r.get(4)?, email: r.get(5)? },
        summary: r.get(6)?,
        body,
        tags,
        section: r.get(9)?,
        language: r.get(10)?,
        status: status_from_sql(11, &r.get::<_, String>(11)?)?,
        created_at: r.get(12)?,
        updated_at: r.get(13)?,
        published_at: r.get(14)?,
        trashed_at: r.get(15)?,
        version: r.get(16)?,
        counts: Counts::default(),
    })
}

fn with_counts(mut a: Article) -> Article {
    a.counts = count_document(&a.body);
    a
}

/// Reads one article without computing its counts; `NotFound` when missing.
pub(crate) fn load(conn: &Connection, id: &str) -> Result<Article> {
    conn.prepare_cached(&format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"))?
        .query_row([id], article_from_row)
        .optional()?
        .ok_or_else(|| not_found(id))
}

pub(crate) fn not_found(id: &str) -> Error {
    Error::NotFound { what: "article", id: id.to_string() }
}

fn refuse_trashed(a: &Article) -> Result<()> {
    if a.trashed_at.is_some() {
        return Err(Error::Invalid(format!(
            "the article \"{}\" is in the trash; restore it before changing it",
            a.headline
        )));
    }
    Ok(())
}

fn replace_tags(conn: &Connection, id: &str, tags: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM article_tags WHERE article_id = ?1")?.execute([id])?;
    let mut insert = conn.prepare_cached("INSERT INTO article_tags (article_id, tag, position) VALUES (?1, ?2, ?3)")?;
    for (i, t) in tags.iter().enumerate() {
        insert.execute(params![id, t, i as i64])?;
    }
    Ok(())
}

/// Writes the `articles` row of a new item (an article, or a roundup's shell): version 1,
/// created and updated at `at`, published at `at` when it starts out published.
pub(crate) fn insert_row(conn: &Connection, id: &str, p: &Prepared, status: Status, kind: Kind, at: &str) -> Result<()> {
    let published_at = (status == Status::Published).then_some(at);
    let chars = p.counts.chars as i64;
    let (kind_name, status_name) = (kind.as_str(), status.as_str());
    let mut args = content_params(p);
    args.extend_from_slice(&[
        (":id", &id as &dyn ToSql),
        (":kind", &kind_name),
        (":status", &status_name),
        (":at", &at),
        (":published_at", &published_at),
        (":chars", &chars),
    ]);
    conn.prepare_cached(
        "INSERT INTO articles (id, kind, headline, deck, byline_name, byline_email, summary, body, body_text, \
         tags, tags_text, section, language, status, created_at, updated_at, published_at, version, chars) \
         VALUES (:id, :kind, :headline, :deck, :byline_name, :byline_email, :summary, :body, :body_text, \
         :tags, :tags_text, :section, :language, :status, :at, :at, :published_at, 1, :chars)",
    )?
    .execute(args.as_slice())?;
    Ok(())
}

/// Inserts a new article and its first revision; returns it with its counts.
pub(crate) fn insert(conn: &Connection, p: Prepared, status: Status, kind: Kind, reason: SaveReason) -> Result<Article> {
    let id = uuid::Uuid::now_v7().to_string();
    let at = now();
    insert_row(conn, &id, &p, status, kind, &at)?;
    let published_at = (status == Status::Published).then(|| at.clone());
    replace_tags(conn, &id, &p.fields.tags)?;
    revisions::write(conn, &id, &p.fields, status, 1, p.counts.chars, reason, &at)?;
    let shell = Article {
        id,
        kind,
        headline: String::new(),
        deck: String::new(),
        byline: Byline::default(),
        summary: String::new(),
        body: Doc::default(),
        tags: Vec::new(),
        section: String::new(),
        language: String::new(),
        status,
        created_at: at.clone(),
        updated_at: at,
        published_at,
        trashed_at: None,
        version: 1,
        counts: Counts::default(),
    };
    Ok(with_content(shell, p))
}

/// Writes new content over `current` (whose version the caller has checked), bumps the
/// version and writes a revision as `policy` says. Returns the stored article.
pub(crate) fn update_content(
    conn: &Connection,
    current: Article,
    p: Prepared,
    reason: SaveReason,
    policy: RevisionPolicy,
) -> Result<Article> {
    let at = now();
    let version = current.version + 1;
    let chars = p.counts.chars as i64;
    let mut args = content_params(&p);
    args.extend_from_slice(&[(":id", &current.id as &dyn ToSql), (":at", &at), (":version", &version), (":chars", &chars)]);
    conn.prepare_cached(
        "UPDATE articles SET headline = :headline, deck = :deck, byline_name = :byline_name, \
         byline_email = :byline_email, summary = :summary, body = :body, body_text = :body_text, tags = :tags, \
         tags_text = :tags_text, section = :section, language = :language, updated_at = :at, \
         version = :version, chars = :chars WHERE id = :id",
    )?
    .execute(args.as_slice())?;
    if p.fields.tags != current.tags {
        replace_tags(conn, &current.id, &p.fields.tags)?;
    }
    if revisions::wanted(conn, &current.id, policy, &p.fields, current.status)? {
        revisions::write(conn, &current.id, &p.fields, current.status, version, p.counts.chars, reason, &at)?;
    }
    Ok(with_content(Article { updated_at: at, version, ..current }, p))
}

/// The content columns of a prepared article as named parameters.
pub(crate) fn content_params(p: &Prepared) -> Vec<(&'static str, &dyn ToSql)> {
    vec![
        (":headline", &p.fields.headline),
        (":deck", &p.fields.deck),
        (":byline_name", &p.fields.byline.name),
        (":byline_email", &p.fields.byline.email),
        (":summary", &p.fields.summary),
        (":body", &p.body_json),
        (":body_text", &p.body_text),
        (":tags", &p.tags_json),
        (":tags_text", &p.tags_text),
        (":section", &p.fields.section),
        (":language", &p.fields.language),
    ]
}

/// `a` with the content and counts of `p`.
fn with_content(a: Article, p: Prepared) -> Article {
    let f = p.fields;
    Article {
        headline: f.headline,
        deck: f.deck,
        byline: f.byline,
        summary: f.summary,
        body: f.body,
        tags: f.tags,
        section: f.section,
        language: f.language,
        counts: p.counts,
        ..a
    }
}

/// Bumps the version and sets the bookkeeping columns given in `sets` (SQL assignments).
fn bump(conn: &Connection, id: &str, sets: &str, args: &[&dyn rusqlite::ToSql]) -> Result<()> {
    let sql = format!("UPDATE articles SET version = version + 1, {sets} WHERE id = ?1");
    let mut all: Vec<&dyn rusqlite::ToSql> = vec![&id];
    all.extend_from_slice(args);
    conn.execute(&sql, all.as_slice())?;
    Ok(())
}

/// `select` over the live (or trashed) articles that pass `filter`'s kind, status and tag,
/// with its arguments; `list` adds order and paging, `count` uses it as it is.
fn list_query(select: &str, filter: &ListFilter) -> (String, Vec<Value>) {
    let mut sql = format!("{select} FROM articles a WHERE ");
    let mut args: Vec<Value> = Vec::new();
    sql.push_str(if filter.trashed { "a.trashed_at IS NOT NULL" } else { "a.trashed_at IS NULL" });
    push_filters(&mut sql, &mut args, filter.kind, filter.status, filter.tag.as_deref());
    (sql, args)
}

/// Appends ` AND …` conditions on kind, status and tag (articles aliased `a`) and their values.
pub(crate) fn push_filters(sql: &mut String, args: &mut Vec<Value>, kind: Option<Kind>, status: Option<Status>, tag: Option<&str>) {
    if let Some(kind) = kind {
        args.push(kind.as_str().to_string().into());
        sql.push_str(&format!(" AND a.kind = ?{}", args.len()));
    }
    if let Some(status) = status {
        args.push(status.as_str().to_string().into());
        sql.push_str(&format!(" AND a.status = ?{}", args.len()));
    }
    if let Some(tag) = tag.map(|t| nfc(t.trim())).filter(|t| !t.is_empty()) {
        args.push(tag.into());
        sql.push_str(&format!(" AND a.id IN (SELECT article_id FROM article_tags WHERE tag = ?{})", args.len()));
    }
}

impl Library {
    /// Creates an article with a new UUID v7 id and its first revision (reason `create`).
    /// Every string is NFC-normalised; the body is validated against the schema.
    pub fn create_article(&mut self, fields: ArticleFields, status: Status) -> Result<Article> {
        self.create_article_as(fields, status, SaveReason::Create)
    }

    /// Like [`Library::create_article`], naming the first revision's reason (e.g. `import`).
    pub fn create_article_as(&mut self, fields: ArticleFields, status: Status, reason: SaveReason) -> Result<Article> {
        let p = prepare(fields)?;
        let tx = self.write()?;
        let a = insert(&tx, p, status, Kind::Article, reason)?;
        tx.commit()?;
        Ok(a)
    }

    /// Creates many articles in one transaction (all or none), e.g. for a bulk import.
    /// Returns their list rows in the order given.
    pub fn create_articles(
        &mut self,
        items: Vec<(ArticleFields, Status)>,
        reason: SaveReason,
    ) -> Result<Vec<ArticleSummary>> {
        let tx = self.write()?;
        let mut out = Vec::with_capacity(items.len());
        for (fields, status) in items {
            let a = insert(&tx, prepare(fields)?, status, Kind::Article, reason)?;
            out.push(ArticleSummary {
                id: a.id,
                kind: a.kind,
                headline: a.headline,
                status: a.status,
                tags: a.tags,
                created_at: a.created_at,
                updated_at: a.updated_at,
                trashed_at: None,
                version: a.version,
                chars: a.counts.chars,
            });
        }
        tx.commit()?;
        Ok(out)
    }

    /// The article with this id, with its counts. Articles in the trash are returned too,
    /// with `trashed_at` set.
    pub fn article(&self, id: &str) -> Result<Article> {
        Ok(with_counts(load(&self.conn, id)?))
    }

    /// Saves new content over version `base_version`.
    ///
    /// A stale base is an [`Error::Conflict`] carrying the current version. Replacing a
    /// non-empty body with an empty one needs `opts.allow_emptying`. Identical content does
    /// not bump the version (the stored article comes back). Revisions: always for an
    /// explicit, export, restore or import save; for an autosave only when the newest
    /// revision is at least 5 minutes old.
    pub fn save_article(&mut self, id: &str, base_version: i64, fields: ArticleFields, opts: SaveOptions) -> Result<Article> {
        let p = prepare(fields)?;
        let tx = self.write()?;
        let current = load(&tx, id)?;
        refuse_trashed(&current)?;
        if current.kind == Kind::Roundup {
            return Err(Error::Invalid(format!(
                "\"{}\" is a weekend roundup, not an article: save it as a roundup",
                current.headline
            )));
        }
        if current.version != base_version {
            return Err(Error::Conflict { base: base_version, current: current.version });
        }
        if p.fields.body.is_empty() && !current.body.is_empty() && !opts.allow_emptying {
            return Err(Error::Invalid(
                "this save would replace the article's text with an empty body; confirm to empty it".into(),
            ));
        }
        let policy = RevisionPolicy::for_reason(opts.reason);
        let saved = if p.fields == fields_of(&current) {
            if policy != RevisionPolicy::Autosave
                && revisions::wanted(&tx, id, policy, &p.fields, current.status)?
            {
                revisions::write(&tx, id, &p.fields, current.status, current.version, p.counts.chars, opts.reason, &now())?;
            }
            Article { counts: p.counts, ..current }
        } else {
            update_content(&tx, current, p, opts.reason, policy)?
        };
        tx.commit()?;
        Ok(saved)
    }

    /// Changes the status and writes a revision (reason `status`). The first time an article
    /// becomes `published`, `published_at` is set to now. Setting the same status again
    /// changes nothing.
    pub fn set_status(&mut self, id: &str, status: Status) -> Result<Article> {
        let tx = self.write()?;
        let current = load(&tx, id)?;
        refuse_trashed(&current)?;
        if current.status != status {
            let at = now();
            let published_at = match (&current.published_at, status) {
                (None, Status::Published) => Some(at.clone()),
                (p, _) => p.clone(),
            };
            bump(&tx, id, "status = ?2, updated_at = ?3, published_at = ?4", &[&status.as_str(), &at, &published_at])?;
            if current.kind == Kind::Roundup {
                super::roundups::write_current_revision(&tx, &current, status, current.version + 1, SaveReason::Status, &at)?;
            } else {
                let fields = fields_of(&current);
                let chars = count_document(&fields.body).chars;
                revisions::write(&tx, id, &fields, status, current.version + 1, chars, SaveReason::Status, &at)?;
            }
        }
        let a = load(&tx, id)?;
        tx.commit()?;
        Ok(with_counts(a))
    }

    /// Sets or clears the publication date (RFC 3339, stored in UTC).
    pub fn set_published_at(&mut self, id: &str, base_version: i64, published_at: Option<String>) -> Result<Article> {
        let published_at = match published_at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(s) => Some(format_time(parse_time(s).ok_or_else(|| {
                Error::Invalid(format!("{s:?} is not a date and time like 2025-07-28T18:00:00+09:00"))
            })?)),
        };
        let tx = self.write()?;
        let current = load(&tx, id)?;
        refuse_trashed(&current)?;
        if current.version != base_version {
            return Err(Error::Conflict { base: base_version, current: current.version });
        }
        bump(&tx, id, "published_at = ?2, updated_at = ?3", &[&published_at, &now()])?;
        let a = load(&tx, id)?;
        tx.commit()?;
        Ok(with_counts(a))
    }

    /// The library list: article rows without their bodies, filtered, sorted and paged.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<ArticleSummary>> {
        let (mut sql, mut args) = list_query(
            "SELECT id, kind, headline, status, tags, created_at, updated_at, trashed_at, version, chars",
            filter,
        );
        sql.push_str(match filter.sort {
            Sort::Updated => " ORDER BY a.updated_at DESC, a.seq DESC",
            Sort::Created => " ORDER BY a.created_at DESC, a.seq DESC",
            Sort::Headline => " ORDER BY a.headline COLLATE NOCASE ASC, a.seq ASC",
        });
        args.push(filter.limit.map_or(-1, i64::from).into());
        sql.push_str(&format!(" LIMIT ?{}", args.len()));
        args.push(i64::from(filter.offset).into());
        sql.push_str(&format!(" OFFSET ?{}", args.len()));

        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
            let tags: String = r.get(4)?;
            Ok(ArticleSummary {
                id: r.get(0)?,
                kind: kind_from_sql(1, &r.get::<_, String>(1)?)?,
                headline: r.get(2)?,
                status: status_from_sql(3, &r.get::<_, String>(3)?)?,
                tags: serde_json::from_str(&tags).map_err(|e| conversion_error(4, e.to_string()))?,
                created_at: r.get(5)?,
                updated_at: r.get(6)?,
                trashed_at: r.get(7)?,
                version: r.get(8)?,
                chars: r.get::<_, i64>(9)?.max(0) as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// How many articles `list` would return for `filter` without its limit and offset.
    pub fn count(&self, filter: &ListFilter) -> Result<u64> {
        let (sql, args) = list_query("SELECT count(*)", filter);
        let n: i64 = self.conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(n.max(0) as u64)
    }

    /// Moves an article to the trash (nothing happens if it is there already).
    pub fn trash(&mut self, id: &str) -> Result<()> {
        let tx = self.write()?;
        let a = load(&tx, id)?;
        if a.trashed_at.is_none() {
            bump(&tx, id, "trashed_at = ?2", &[&now()])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Takes an article out of the trash (nothing happens if it is not there).
    pub fn restore(&mut self, id: &str) -> Result<()> {
        let tx = self.write()?;
        let a = load(&tx, id)?;
        if a.trashed_at.is_some() {
            bump(&tx, id, "trashed_at = NULL", &[])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Deletes an article, its tags and its revisions for good. Only an article already in
    /// the trash can be purged. Revision content no other revision shares is deleted too.
    pub fn purge(&mut self, id: &str) -> Result<()> {
        let tx = self.write()?;
        let a = load(&tx, id)?;
        if a.trashed_at.is_none() {
            return Err(Error::Invalid(format!(
                "the article \"{}\" is not in the trash; move it to the trash before deleting it for good",
                a.headline
            )));
        }
        let blob_ids: Vec<i64> = tx
            .prepare("SELECT DISTINCT blob_id FROM revisions WHERE article_id = ?1")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        tx.execute("DELETE FROM articles WHERE id = ?1", [id])?;
        let mut drop_blob = tx.prepare(
            "DELETE FROM blobs WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM revisions WHERE blob_id = ?1)",
        )?;
        for b in blob_ids {
            drop_blob.execute([b])?;
        }
        drop(drop_blob);
        tx.commit()?;
        Ok(())
    }

    /// True when an article with this id exists (in the trash or not).
    pub fn contains(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
            .query_row([id], |_| Ok(()))
            .optional()?
            .is_some())
    }
}
