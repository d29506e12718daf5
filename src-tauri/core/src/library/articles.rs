//! Articles: what is their own in the lifecycle (`items.rs`): normalising their fields,
//! their tags, reading them, the library list.
//!
//! Saving identical content (after NFC normalisation) does not bump the version: the
//! article comes back unchanged, so an autosave that fires with nothing new costs one read.
//! An explicit save of identical content still writes a revision when the newest revision
//! does not hold the current content (e.g. after autosaves in between).
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

use unicode_normalization::{is_nfc_quick, IsNormalized};

use super::items::{self, Content, Derived, Staged};
use super::types::{ListFilter, SaveOptions, SaveReason, Sort};
use super::{format_time, now, parse_time, Library};
use crate::error::{Error, Result};
use crate::model::{Article, ArticleFields, ArticleSummary, Block, Byline, Doc, Inline, Item, Kind, Mark, Status};
use crate::text::counts::{count_document, Counts};
use crate::text::nfc;

/// Columns read for a full article, in the order [`article_from_row`] expects.
const ARTICLE_COLUMNS: &str = "id, kind, headline, deck, byline_name, byline_email, summary, body, tags, section, \
     language, status, created_at, updated_at, published_at, trashed_at, version";

/// NFC-normalises every string, trims and de-duplicates tags, validates the body and the
/// limits of every field.
pub(crate) fn normalize_fields(f: ArticleFields) -> Result<ArticleFields> {
    f.check_limits()?;
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

impl Content for ArticleFields {
    const KIND: Kind = Kind::Article;
    type Row = ();

    fn stage(self) -> Result<Staged<Self>> {
        let fields = normalize_fields(self)?;
        let derived = Derived::of(&fields)?;
        Ok(Staged { fields, row: (), derived })
    }

    fn row(staged: &Staged<Self>) -> &ArticleFields {
        &staged.fields
    }

    fn stored(conn: &Connection, id: &str) -> Result<Self> {
        Ok(fields_of(&load(conn, id)?))
    }

    fn write_beside(conn: &Connection, id: &str, staged: &Staged<Self>) -> Result<()> {
        replace_tags(conn, id, &staged.fields.tags)
    }

    fn unchanged(conn: &Connection, id: &str, staged: &Staged<Self>) -> Result<bool> {
        items::row_holds(conn, id, &staged.fields, &staged.derived)
    }

    fn is_empty(&self) -> bool {
        self.body.is_empty()
    }
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
    let fields = ArticleFields {
        headline: r.get(2)?,
        deck: r.get(3)?,
        byline: Byline { name: r.get(4)?, email: r.get(5)? },
        summary: r.get(6)?,
        body,
        tags,
        section: r.get(9)?,
        language: r.get(10)?,
    };
    Ok(article_of(r.get(0)?, kind_from_sql(1, &r.get::<_, String>(1)?)?, fields, bookkeeping_from(r, 11)?, Counts::default()))
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

fn not_found(id: &str) -> Error {
    Error::NotFound { what: "article", id: id.to_string() }
}

/// Writes article `id`'s tags to `article_tags`, when they differ from those there: an
/// autosave of the text alone then writes no page of that table or its index.
fn replace_tags(conn: &Connection, id: &str, tags: &[String]) -> Result<()> {
    let stored = conn
        .prepare_cached("SELECT tag FROM article_tags WHERE article_id = ?1 ORDER BY position")?
        .query_map([id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if stored == tags {
        return Ok(());
    }
    conn.prepare_cached("DELETE FROM article_tags WHERE article_id = ?1")?.execute([id])?;
    let mut insert = conn.prepare_cached("INSERT INTO article_tags (article_id, tag, position) VALUES (?1, ?2, ?3)")?;
    for (i, t) in tags.iter().enumerate() {
        insert.execute(params![id, t, i as i64])?;
    }
    Ok(())
}

/// `select` over the live (or trashed) articles that pass `filter`'s kind, status and tag,
/// with its arguments; `list` adds order and paging, `count` uses it as it is.
fn list_query(select: &str, filter: &ListFilter) -> (String, Vec<Value>) {
    select_articles(select, "", filter)
}

/// [`list_query`] counting. Live articles are counted in the small partial index that holds
/// kind, status and id, not by reading every wide row to check its kind: 69 ms instead of
/// 1 s warm (55 s cold) for 1,000,000 articles, which opening the library waited for.
fn count_query(filter: &ListFilter) -> (String, Vec<Value>) {
    select_articles("SELECT count(*)", if filter.trashed { "" } else { " INDEXED BY articles_live" }, filter)
}

/// [`list_query`] with `index` (an `INDEXED BY` clause, or nothing) after the table.
fn select_articles(select: &str, index: &str, filter: &ListFilter) -> (String, Vec<Value>) {
    let mut sql = format!("{select} FROM articles a{index} WHERE ");
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

/// Inserts one new article inside the caller's transaction.
pub(crate) fn insert_article(conn: &Connection, fields: ArticleFields, status: Status, reason: SaveReason) -> Result<Article> {
    let staged = fields.stage()?;
    let at = now();
    let id = items::insert(conn, &staged, status, reason, &at)?;
    let published_at = (status == Status::Published).then(|| at.clone());
    let book = Bookkeeping { status, created_at: at.clone(), updated_at: at, published_at, trashed_at: None, version: 1 };
    Ok(article_of(id, Kind::Article, staged.fields, book, staged.derived.counts))
}

/// What an article's row holds beside its content.
struct Bookkeeping {
    status: Status,
    created_at: String,
    updated_at: String,
    published_at: Option<String>,
    trashed_at: Option<String>,
    version: i64,
}

/// The [`Bookkeeping`] columns of a row, in their order (status, created, updated,
/// published, trashed, version) from column `at` on.
fn bookkeeping_from(r: &Row, at: usize) -> rusqlite::Result<Bookkeeping> {
    Ok(Bookkeeping {
        status: status_from_sql(at, &r.get::<_, String>(at)?)?,
        created_at: r.get(at + 1)?,
        updated_at: r.get(at + 2)?,
        published_at: r.get(at + 3)?,
        trashed_at: r.get(at + 4)?,
        version: r.get(at + 5)?,
    })
}

/// The article `id` of `kind` with content `f` and bookkeeping `book`.
fn article_of(id: String, kind: Kind, f: ArticleFields, book: Bookkeeping, counts: Counts) -> Article {
    Article {
        id,
        kind,
        headline: f.headline,
        deck: f.deck,
        byline: f.byline,
        summary: f.summary,
        body: f.body,
        tags: f.tags,
        section: f.section,
        language: f.language,
        status: book.status,
        created_at: book.created_at,
        updated_at: book.updated_at,
        published_at: book.published_at,
        trashed_at: book.trashed_at,
        version: book.version,
        counts,
    }
}

impl Library {
    /// Creates an article with a new UUID v7 id and its first revision (reason `create`).
    /// Every string is NFC-normalised; the body is validated against the schema and every
    /// field against its limit (`model::limits`).
    pub fn create_article(&mut self, fields: ArticleFields, status: Status) -> Result<Article> {
        self.create_article_as(fields, status, SaveReason::Create)
    }

    /// A new draft with `headline`, signed with the reporter's own name and e-mail from the
    /// settings and in the outlet's language: what "New article" makes in every front end.
    pub fn create_draft(&mut self, headline: &str) -> Result<Article> {
        let settings = self.settings()?;
        let fields = ArticleFields {
            headline: headline.to_string(),
            byline: Byline { name: settings.reporter_name, email: settings.reporter_email },
            language: settings.language,
            ..ArticleFields::default()
        };
        self.create_article(fields, Status::Draft)
    }

    /// Like [`Library::create_article`], naming the first revision's reason (e.g. `import`).
    pub fn create_article_as(&mut self, fields: ArticleFields, status: Status, reason: SaveReason) -> Result<Article> {
        Ok(self.create_articles(vec![(fields, status)], reason)?.remove(0))
    }

    /// Creates many articles in one transaction (all or none), e.g. for a bulk import.
    /// Returns them in the order given.
    pub fn create_articles(&mut self, items: Vec<(ArticleFields, Status)>, reason: SaveReason) -> Result<Vec<Article>> {
        self.create_articles_with(items, reason, true)
    }

    /// [`Library::create_articles`], leaving the new articles queued for the search index
    /// when `index_now` is false (a bulk import indexes them all once, at its end).
    pub(crate) fn create_articles_with(&mut self, items: Vec<(ArticleFields, Status)>, reason: SaveReason, index_now: bool) -> Result<Vec<Article>> {
        let tx = self.write()?;
        let out = items.into_iter().map(|(fields, status)| insert_article(&tx, fields, status, reason)).collect::<Result<Vec<_>>>()?;
        if index_now {
            tx.commit()?;
        } else {
            tx.commit_text()?;
        }
        Ok(out)
    }

    /// The article with this id, with its counts. Articles in the trash are returned too,
    /// with `trashed_at` set.
    pub fn article(&self, id: &str) -> Result<Article> {
        Ok(with_counts(load(&self.conn, id)?))
    }

    /// The article or edition with this id.
    pub fn item(&self, id: &str) -> Result<Item> {
        let a = self.article(id)?;
        Ok(match a.kind {
            Kind::Article => Item::Article(a),
            Kind::Roundup => Item::Roundup(self.roundup(id)?),
        })
    }

    /// Saves new content over version `base_version` (see `items::save`): a stale base is an
    /// [`Error::Conflict`], a roundup or an article in the trash is refused, replacing a
    /// non-empty body with an empty one needs `opts.allow_emptying`, identical content does
    /// not bump the version.
    pub fn save_article(&mut self, id: &str, base_version: i64, fields: ArticleFields, opts: SaveOptions) -> Result<Article> {
        let staged = items::save(self, id, base_version, fields, opts)?;
        // What is stored is what was staged: only the bookkeeping is read back, and the
        // counts are staging's (re-reading the body and counting it again was a third of
        // an autosave of 20,000 characters).
        let book = self
            .conn
            .prepare_cached("SELECT status, created_at, updated_at, published_at, trashed_at, version FROM articles WHERE id = ?1")?
            .query_row([id], |r| bookkeeping_from(r, 0))?;
        // The save refused anything but an article (`items::save`).
        Ok(article_of(id.to_string(), Kind::Article, staged.fields, book, staged.derived.counts))
    }

    /// Puts an old revision's content back as the article's (a revision with reason
    /// `restore`); needs the current version, like a save.
    pub fn restore_revision(&mut self, id: &str, revision_id: i64, base_version: i64) -> Result<Article> {
        self.restore_revision_of::<ArticleFields>(id, revision_id, base_version)?;
        self.article(id)
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
        items::head(&tx, id, "article")?.check_writable(Kind::Article, base_version)?;
        items::bump(&tx, id, "published_at = ?2, updated_at = ?3", &[&published_at, &now()])?;
        tx.commit()?;
        self.article(id)
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
        let (sql, args) = count_query(filter);
        let n: i64 = self.conn.prepare_cached(&sql)?.query_row(rusqlite::params_from_iter(args), |r| r.get(0))?;
        Ok(n.max(0) as u64)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The count of live articles reads only the partial index `articles_live` (kind,
    /// status and id are in it), whatever the filter; the trash is counted from the rows.
    #[test]
    fn live_articles_are_counted_in_the_partial_index() {
        let dir = tempfile::tempdir().unwrap();
        let lib = Library::open(&dir.path().join("lib.db")).unwrap();
        for filter in [
            ListFilter::default(),
            ListFilter { kind: Some(Kind::Article), status: Some(Status::Ready), tag: Some("지역".into()), ..ListFilter::default() },
        ] {
            let (sql, args) = count_query(&filter);
            let plan: Vec<String> = lib
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap()
                .query_map(rusqlite::params_from_iter(args), |r| r.get(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(plan[0].contains("INDEX articles_live"), "{plan:?}");
            assert_eq!(lib.count(&filter).unwrap(), 0);
        }
    }
}
