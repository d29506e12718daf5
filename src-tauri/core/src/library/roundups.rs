//! Weekend roundups in the library.
//!
//! An edition is one row of `articles` with kind `roundup` (title as headline, lead
//! headline as deck, transition as summary, sign-off as byline, and the whole edition's
//! text as the derived body), so the library list, counts, search, trash and revision
//! bookkeeping take it like an article. Its parts live as JSON in `roundups`; the library
//! articles it uses are listed in `roundup_articles` for [`Library::article_usage`].
//! Revisions of an edition hold its [`RoundupFields`] (same tables as articles).
use rusqlite::{params, Connection, OptionalExtension, ToSql};

use super::articles::{self, content_params, kind_from_sql, prepare, status_from_sql, Prepared};
use super::revisions::{self, info_from_row, RevisionPolicy, INFO_COLUMNS};
use super::types::{RevisionInfo, SaveOptions, SaveReason};
use super::{now, Library};
use crate::error::{Error, Result};
use crate::model::{Article, ArticleFields, Block, Byline, Inline, Kind, Status};
use crate::roundup::{Brief, Lead, Roundup, RoundupFields, RoundupRevision, Signoff};
use crate::text::nfc;
use crate::text::plain::doc_paragraphs;

/// Most briefs one edition may hold.
pub const MAX_BRIEFS: usize = 500;

fn not_found(id: &str) -> Error {
    Error::NotFound { what: "roundup", id: id.to_string() }
}

/// One line: trimmed, NFC, inner white space runs kept as one space.
fn line(s: &str) -> String {
    nfc(&s.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn optional_id(id: &Option<String>) -> Option<String> {
    id.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

/// Normalises and validates the fields: NFC text, a real `YYYY-MM-DD` date, http(s) links.
fn normalize(f: RoundupFields, today: &str) -> Result<RoundupFields> {
    let date = line(&f.edition_date);
    let edition_date = if date.is_empty() { today.to_string() } else { date };
    if chrono::NaiveDate::parse_from_str(&edition_date, "%Y-%m-%d").is_err() {
        return Err(Error::Invalid(format!("the edition date {edition_date:?} is not a date like 2025-07-26")));
    }
    if f.items.len() > MAX_BRIEFS {
        return Err(Error::Invalid(format!("an edition holds at most {MAX_BRIEFS} briefs; this one has {}", f.items.len())));
    }
    let mut items = Vec::with_capacity(f.items.len());
    for (i, b) in f.items.into_iter().enumerate() {
        let headline = line(&b.headline);
        let link = b.link.as_deref().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string);
        if let Some(l) = &link {
            let lower = l.to_ascii_lowercase();
            let ok = (lower.starts_with("http://") || lower.starts_with("https://")) && !l.contains(char::is_whitespace);
            if !ok || l.len() <= 8 {
                return Err(Error::Invalid(format!(
                    "the link of brief {} (\"{headline}\") must be a web address starting with http:// or https://",
                    i + 1
                )));
            }
        }
        items.push(Brief { article_id: optional_id(&b.article_id), headline, summary: nfc(b.summary.trim()), link });
    }
    Ok(RoundupFields {
        title: line(&f.title),
        edition_date,
        lead: Lead { article_id: optional_id(&f.lead.article_id), headline: line(&f.lead.headline), body: f.lead.body },
        transition: nfc(f.transition.trim()),
        items,
        signoff: Signoff { outlet: line(&f.signoff.outlet), email: line(&f.signoff.email) },
    })
}

fn paragraph(text: &str) -> Option<Block> {
    let t = text.trim();
    (!t.is_empty()).then(|| Block::Paragraph { content: vec![Inline::Text { text: t.to_string(), marks: vec![] }] })
}

/// The article-shaped projection stored in `articles`: what the list, search and check see.
fn projection(f: &RoundupFields) -> ArticleFields {
    let mut body = f.lead.body.clone();
    let lines = std::iter::once(f.transition.as_str())
        .chain(f.items.iter().flat_map(|b| [b.headline.as_str(), b.summary.as_str(), b.link.as_deref().unwrap_or("")]))
        .flat_map(|s| s.split('\n'));
    body.content.extend(lines.filter_map(paragraph));
    let signoff = format!("{} {}", f.signoff.outlet, f.signoff.email);
    body.content.extend(paragraph(&signoff));
    ArticleFields {
        headline: f.title.clone(),
        deck: f.lead.headline.clone(),
        byline: Byline { name: f.signoff.outlet.clone(), email: f.signoff.email.clone() },
        summary: f.transition.clone(),
        body,
        ..ArticleFields::default()
    }
}

/// Fields made ready to store: normalised, with the projection and the lead body validated.
struct Ready {
    fields: RoundupFields,
    content: String,
    row: Prepared,
}

fn ready(f: RoundupFields, today: &str) -> Result<Ready> {
    f.lead.body.check_depth()?;
    let mut fields = normalize(f, today)?;
    let row = prepare(projection(&fields))?;
    fields.lead.body = fields.lead.body.normalized();
    let content = serde_json::to_string(&fields)
        .map_err(|e| Error::Invalid(format!("the edition could not be stored: {e}")))?;
    Ok(Ready { fields, content, row })
}

fn replace_refs(conn: &Connection, id: &str, f: &RoundupFields) -> Result<()> {
    conn.prepare_cached("DELETE FROM roundup_articles WHERE roundup_id = ?1")?.execute([id])?;
    let mut insert = conn.prepare_cached("INSERT OR IGNORE INTO roundup_articles (roundup_id, article_id) VALUES (?1, ?2)")?;
    for a in f.lead.article_id.iter().chain(f.items.iter().filter_map(|b| b.article_id.as_ref())) {
        insert.execute(params![id, a])?;
    }
    Ok(())
}

/// Reads the stored edition `id`; `NotFound` when there is no roundup with this id.
fn load(conn: &Connection, id: &str) -> Result<Roundup> {
    let row = conn
        .prepare_cached(
            "SELECT a.kind, a.status, a.created_at, a.updated_at, a.trashed_at, a.version, r.content \
             FROM articles a JOIN roundups r ON r.id = a.id WHERE a.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                kind_from_sql(0, &r.get::<_, String>(0)?)?,
                status_from_sql(1, &r.get::<_, String>(1)?)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .optional()?;
    let (kind, status, created_at, updated_at, trashed_at, version, content) = row.ok_or_else(|| not_found(id))?;
    let f: RoundupFields = serde_json::from_str(&content)
        .map_err(|e| Error::Database(format!("the stored edition {id} is damaged: {e}")))?;
    Ok(Roundup {
        id: id.to_string(),
        kind,
        title: f.title,
        edition_date: f.edition_date,
        lead: f.lead,
        transition: f.transition,
        items: f.items,
        signoff: f.signoff,
        status,
        created_at,
        updated_at,
        trashed_at,
        version,
    })
}

/// Refuses an article-only operation (`use_instead` names the roundup one) on a roundup.
pub(crate) fn refuse_roundup(conn: &Connection, id: &str, use_instead: &str) -> Result<()> {
    let kind: Option<String> =
        conn.prepare_cached("SELECT kind FROM articles WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?;
    if kind.as_deref() == Some(Kind::Roundup.as_str()) {
        return Err(Error::Invalid(format!("{id} is a weekend roundup, not an article (use {use_instead})")));
    }
    Ok(())
}

/// Writes a revision of the edition stored for `a` (a roundup's `articles` row) with `status`.
pub(crate) fn write_current_revision(
    conn: &Connection,
    a: &Article,
    status: Status,
    version: i64,
    reason: SaveReason,
    at: &str,
) -> Result<RevisionInfo> {
    let fields = load(conn, &a.id)?.fields();
    let chars = crate::text::counts::count_document(&projection(&fields).body).chars;
    revisions::write(conn, &a.id, &fields, status, version, chars, reason, at)
}

/// For `Library::check`: every roundup row has its parts, and they read back.
pub(crate) fn check_roundups(conn: &Connection, problems: &mut Vec<String>) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT a.id, r.content FROM articles a LEFT JOIN roundups r ON r.id = a.id WHERE a.kind = 'roundup'",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, content): (String, Option<String>) = (r.get(0)?, r.get(1)?);
        match content {
            None => problems.push(format!("the roundup {id} has lost its briefs and lead (no stored edition)")),
            Some(c) if serde_json::from_str::<RoundupFields>(&c).is_err() => {
                problems.push(format!("the stored edition of roundup {id} is damaged"))
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Today in the outlet's time zone (UTC when the zone is unknown), `YYYY-MM-DD`.
fn today(time_zone: &str) -> String {
    let now = chrono::Utc::now();
    match time_zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => now.with_timezone(&tz).format("%Y-%m-%d").to_string(),
        Err(_) => now.format("%Y-%m-%d").to_string(),
    }
}

impl Library {
    /// A brief copied from a library article: its headline, and its summary (or, when it
    /// has none, its first paragraph). The edition may then change both freely.
    pub fn brief_from_article(&self, article_id: &str) -> Result<Brief> {
        let a = articles::load(&self.conn, article_id)?;
        let summary = if a.summary.trim().is_empty() {
            doc_paragraphs(&a.body).into_iter().find(|p| !p.trim().is_empty()).unwrap_or_default()
        } else {
            a.summary.clone()
        };
        Ok(Brief { article_id: Some(a.id), headline: a.headline, summary, link: None })
    }

    /// Fills what an edition takes from the library: a brief that points at an article and
    /// has no text yet gets the article's (see [`Library::brief_from_article`]); a lead that
    /// points at an article and has no text gets its headline and body. Missing articles
    /// leave the text as it is.
    fn fill_from_articles(&self, f: &mut RoundupFields) -> Result<()> {
        for b in &mut f.items {
            if let Some(id) = optional_id(&b.article_id) {
                if b.headline.trim().is_empty() && b.summary.trim().is_empty() && self.contains(&id)? {
                    let copy = self.brief_from_article(&id)?;
                    b.headline = copy.headline;
                    b.summary = copy.summary;
                }
            }
        }
        if let Some(id) = optional_id(&f.lead.article_id) {
            if f.lead.headline.trim().is_empty() && f.lead.body.is_empty() && self.contains(&id)? {
                let a = articles::load(&self.conn, &id)?;
                f.lead.headline = a.headline;
                f.lead.body = a.body;
            }
        }
        Ok(())
    }

    /// Creates an edition (status draft, version 1) and its first revision. An empty
    /// sign-off takes the outlet's name and address from the settings; an empty edition
    /// date is today in the outlet's time zone.
    pub fn create_roundup(&mut self, fields: RoundupFields) -> Result<Roundup> {
        self.create_roundup_as(fields, Status::Draft, SaveReason::Create)
    }

    /// Like [`Library::create_roundup`], with a status and the first revision's reason.
    pub fn create_roundup_as(&mut self, mut fields: RoundupFields, status: Status, reason: SaveReason) -> Result<Roundup> {
        let settings = self.settings()?;
        if fields.signoff.outlet.trim().is_empty() && fields.signoff.email.trim().is_empty() {
            fields.signoff = Signoff { outlet: settings.outlet_name.clone(), email: settings.outlet_email.clone() };
        }
        self.fill_from_articles(&mut fields)?;
        let r = ready(fields, &today(&settings.time_zone))?;
        let id = uuid::Uuid::now_v7().to_string();
        let at = now();
        let tx = self.write()?;
        articles::insert_row(&tx, &id, &r.row, status, Kind::Roundup, &at)?;
        tx.prepare_cached("INSERT INTO roundups (id, edition_date, content) VALUES (?1, ?2, ?3)")?
            .execute(params![id, r.fields.edition_date, r.content])?;
        replace_refs(&tx, &id, &r.fields)?;
        revisions::write(&tx, &id, &r.fields, status, 1, r.row.counts.chars, reason, &at)?;
        let saved = load(&tx, &id)?;
        tx.commit()?;
        Ok(saved)
    }

    /// The edition with this id (in the trash too, with `trashed_at` set).
    pub fn roundup(&self, id: &str) -> Result<Roundup> {
        load(&self.conn, id)
    }

    /// Saves new content over version `base_version` as an autosave (a revision at most
    /// every 5 minutes). A stale base is an [`Error::Conflict`]; identical content changes
    /// nothing.
    pub fn save_roundup(&mut self, id: &str, base_version: i64, fields: RoundupFields) -> Result<Roundup> {
        self.save_roundup_with(id, base_version, fields, SaveOptions::default())
    }

    /// Like [`Library::save_roundup`], naming the reason (an explicit save writes a
    /// revision whenever the content changed since the newest one).
    pub fn save_roundup_with(&mut self, id: &str, base_version: i64, mut fields: RoundupFields, opts: SaveOptions) -> Result<Roundup> {
        let current = load(&self.conn, id)?;
        if fields.edition_date.trim().is_empty() {
            fields.edition_date = current.edition_date.clone();
        }
        self.fill_from_articles(&mut fields)?;
        let r = ready(fields, &current.edition_date)?;
        let tx = self.write()?;
        let current = load(&tx, id)?;
        if current.trashed_at.is_some() {
            return Err(Error::Invalid(format!("the roundup \"{}\" is in the trash; restore it before changing it", current.title)));
        }
        if current.version != base_version {
            return Err(Error::Conflict { base: base_version, current: current.version });
        }
        let policy = RevisionPolicy::for_reason(opts.reason);
        let version = if r.fields == current.fields() { current.version } else { current.version + 1 };
        if version != current.version {
            let p = &r.row;
            let (at, chars) = (now(), p.counts.chars as i64);
            let mut args = content_params(p);
            args.extend_from_slice(&[(":id", &id as &dyn ToSql), (":at", &at), (":version", &version), (":chars", &chars)]);
            tx.prepare_cached(
                "UPDATE articles SET headline = :headline, deck = :deck, byline_name = :byline_name, \
                 byline_email = :byline_email, summary = :summary, body = :body, body_text = :body_text, \
                 tags = :tags, tags_text = :tags_text, section = :section, language = :language, \
                 updated_at = :at, version = :version, chars = :chars WHERE id = :id",
            )?
            .execute(args.as_slice())?;
            tx.prepare_cached("UPDATE roundups SET edition_date = ?2, content = ?3 WHERE id = ?1")?
                .execute(params![id, r.fields.edition_date, r.content])?;
            replace_refs(&tx, id, &r.fields)?;
        }
        let write = match policy {
            RevisionPolicy::Autosave => version != current.version && revisions::wanted(&tx, id, policy, &r.fields, current.status)?,
            _ => revisions::wanted(&tx, id, policy, &r.fields, current.status)?,
        };
        if write {
            revisions::write(&tx, id, &r.fields, current.status, version, r.row.counts.chars, opts.reason, &now())?;
        }
        let saved = load(&tx, id)?;
        tx.commit()?;
        Ok(saved)
    }

    /// The editions (live or in the trash) that use the article `article_id` as their lead
    /// or as a brief: `(roundup id, title)`, newest edition first. The UI asks before
    /// deleting such an article; the editions keep their own copy of its text.
    pub fn article_usage(&self, article_id: &str) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.headline FROM roundup_articles u JOIN roundups r ON r.id = u.roundup_id \
             JOIN articles a ON a.id = r.id WHERE u.article_id = ?1 ORDER BY r.edition_date DESC, a.seq DESC",
        )?;
        let rows = stmt.query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One revision of an edition, with its content.
    pub fn roundup_revision(&self, roundup_id: &str, revision_id: i64) -> Result<RoundupRevision> {
        load(&self.conn, roundup_id)?;
        let row: Option<(RevisionInfo, String, Vec<u8>)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT {INFO_COLUMNS}, r.status, b.data FROM revisions r JOIN blobs b ON b.id = r.blob_id \
                 WHERE r.article_id = ?1 AND r.id = ?2"
            ))?
            .query_row(params![roundup_id, revision_id], |r| Ok((info_from_row(r)?, r.get(6)?, r.get(7)?)))
            .optional()?;
        let (info, status, data) = row.ok_or_else(|| Error::NotFound { what: "revision", id: revision_id.to_string() })?;
        let damaged = |why: String| Error::Database(format!("revision {revision_id} is damaged: {why}"));
        let json = revisions::decompress(&data).map_err(|e| damaged(e.to_string()))?;
        let fields: RoundupFields = serde_json::from_slice(&json).map_err(|e| damaged(e.to_string()))?;
        Ok(RoundupRevision { info, fields, status: status_from_sql(0, &status)? })
    }

    /// Puts an old revision's content back as the edition's content, writing a revision
    /// with reason `restore`. Needs the current version, like a save.
    pub fn restore_roundup_revision(&mut self, roundup_id: &str, revision_id: i64, base_version: i64) -> Result<Roundup> {
        let old = self.roundup_revision(roundup_id, revision_id)?;
        let opts = SaveOptions { reason: SaveReason::Restore, allow_emptying: true };
        self.save_roundup_with(roundup_id, base_version, old.fields, opts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Doc;

    #[test]
    fn projection_holds_every_part() {
        let f = RoundupFields {
            title: "주말 브리핑".into(),
            lead: Lead { article_id: None, headline: "리드".into(), body: Doc::from_paragraphs(["첫 문단"]) },
            transition: "이어 주말 주요 뉴스입니다.".into(),
            items: vec![Brief { article_id: None, headline: "\"제목\"".into(), summary: "요약\n\n둘째".into(), link: Some("https://a.example/x".into()) }],
            signoff: Signoff { outlet: "OUTLET".into(), email: "news@outlet.example".into() },
            ..RoundupFields::default()
        };
        let text = crate::text::plain::doc_to_plain(&projection(&f).body);
        for part in ["첫 문단", "이어 주말", "\"제목\"", "요약", "둘째", "https://a.example/x", "OUTLET news@outlet.example"] {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
}
