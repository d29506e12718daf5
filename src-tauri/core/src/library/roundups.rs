//! Weekend roundups in the library.
//!
//! An edition is one row of `articles` with kind `roundup` (title as headline, lead
//! headline as deck, transition as summary, sign-off as byline, and the whole edition's
//! text as the derived body), so the library list, counts, search, trash and revision
//! bookkeeping take it like an article. Its parts live as JSON in `roundups`; the library
//! articles it uses are listed in `roundup_articles` for [`Library::article_usage`].
//! Revisions of an edition hold its [`RoundupFields`] (same tables as articles).
use rusqlite::{params, Connection, OptionalExtension};

use super::articles::{self, kind_from_sql, status_from_sql};
use super::items::{self, Content, Derived, Staged};
use super::types::{ListFilter, SaveOptions, SaveReason, Sort};
use super::{now, Library};
use crate::error::{Error, Result};
use crate::model::{ArticleFields, Block, Byline, Inline, Kind, Status};
use crate::roundup::{Brief, Lead, Roundup, RoundupFields, RoundupRevision, Signoff};
use crate::text::nfc;
use crate::text::summary::{draft_summary_of, Summary, SummaryOptions};


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

/// Normalises and validates the fields: limits, NFC text, a real `YYYY-MM-DD` date,
/// http(s) links.
fn normalize(f: RoundupFields) -> Result<RoundupFields> {
    f.check_limits()?;
    let edition_date = line(&f.edition_date);
    if chrono::NaiveDate::parse_from_str(&edition_date, "%Y-%m-%d").is_err() {
        return Err(Error::Invalid(format!("the edition date {edition_date:?} is not a date like 2025-07-26")));
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
        items.push(Brief { article_id: optional_id(&b.article_id), headline, summary: nfc(b.summary.trim()), link, drafted: b.drafted });
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

impl Content for RoundupFields {
    const KIND: Kind = Kind::Roundup;
    type Row = ArticleFields;

    /// The date must be set (the callers fill an empty one); the lead body is NFC.
    fn stage(self) -> Result<Staged<Self>> {
        let mut fields = normalize(self)?;
        fields.lead.body = fields.lead.body.normalized();
        fields.lead.body.validate()?;
        let row = articles::normalize_fields(projection(&fields))?;
        let derived = Derived::of(&row)?;
        Ok(Staged { fields, row, derived })
    }

    fn row(staged: &Staged<Self>) -> &ArticleFields {
        &staged.row
    }

    fn stored(conn: &Connection, id: &str) -> Result<Self> {
        Ok(load(conn, id)?.fields())
    }

    fn write_beside(conn: &Connection, id: &str, staged: &Staged<Self>) -> Result<()> {
        let content = serde_json::to_string(&staged.fields)
            .map_err(|e| Error::Invalid(format!("the edition could not be stored: {e}")))?;
        conn.prepare_cached(
            "INSERT INTO roundups (id, edition_date, content) VALUES (?1, ?2, ?3)              ON CONFLICT(id) DO UPDATE SET edition_date = excluded.edition_date, content = excluded.content",
        )?
        .execute(params![id, staged.fields.edition_date, content])?;
        replace_refs(conn, id, &staged.fields)
    }

    /// An edition without lead, transition or briefs.
    fn is_empty(&self) -> bool {
        self.lead.body.is_empty() && self.transition.trim().is_empty() && self.items.is_empty()
    }
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
    /// A brief copied from a library article: its headline, and its summary, or, when it
    /// has none, one drafted from its body (`drafted`, shown as a draft until edited). The
    /// edition may then change both freely.
    pub fn brief_from_article(&self, article_id: &str) -> Result<Brief> {
        let a = articles::load(&self.conn, article_id)?;
        let (summary, drafted) = if a.summary.trim().is_empty() {
            (self.draft_summary_of(&a, None)?.text, true)
        } else {
            (a.summary.clone(), false)
        };
        Ok(Brief { article_id: Some(a.id), headline: a.headline, summary, link: None, drafted })
    }

    /// A summary drafted from an article's body within the outlet's brief limits (or the
    /// `opts` given): 2–3 of its own sentences, in order (`text::summary`).
    pub fn draft_summary(&self, article_id: &str, opts: Option<SummaryOptions>) -> Result<Summary> {
        let a = articles::load(&self.conn, article_id)?;
        if a.kind != Kind::Article {
            return Err(Error::Invalid("a summary is drafted from an article, and this is a weekend roundup".into()));
        }
        self.draft_summary_of(&a, opts)
    }

    fn draft_summary_of(&self, a: &crate::model::Article, opts: Option<SummaryOptions>) -> Result<Summary> {
        let opts = match opts {
            Some(o) => o,
            None => SummaryOptions::from_settings(&self.settings()?),
        };
        Ok(draft_summary_of(a, opts))
    }

    /// The fields of an edition started from this week: one brief for each article marked
    /// ready in the seven days before `now` (newest first), with its summary or a drafted
    /// one, and the outlet's transition and sign-off (filled in by `create_roundup`).
    pub fn fields_from_week(&self, now: chrono::DateTime<chrono::Utc>) -> Result<RoundupFields> {
        let since = super::format_time(now - chrono::Duration::days(7));
        let ready = self.list(&ListFilter { kind: Some(Kind::Article), status: Some(Status::Ready), sort: Sort::Updated, ..ListFilter::default() })?;
        let items = ready
            .iter()
            .filter(|a| a.updated_at.as_str() >= since.as_str())
            .map(|a| self.brief_from_article(&a.id))
            .collect::<Result<Vec<_>>>()?;
        Ok(RoundupFields { items, ..RoundupFields::default() })
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
    /// sign-off takes the outlet's (`Settings::edition_signoff`), an empty transition the
    /// outlet's (`Settings::transition`); an empty edition date is today in the outlet's
    /// time zone.
    pub fn create_roundup(&mut self, fields: RoundupFields) -> Result<Roundup> {
        self.create_roundup_as(fields, Status::Draft, SaveReason::Create)
    }

    /// Like [`Library::create_roundup`], with a status and the first revision's reason.
    pub fn create_roundup_as(&mut self, mut fields: RoundupFields, status: Status, reason: SaveReason) -> Result<Roundup> {
        let settings = self.settings()?;
        if fields.signoff.outlet.trim().is_empty() && fields.signoff.email.trim().is_empty() {
            fields.signoff = settings.edition_signoff();
        }
        if fields.edition_date.trim().is_empty() {
            fields.edition_date = today(&settings.time_zone);
        }
        // An edition that arrives with content but no title (pasted, imported, started from
        // the week) is named by its date, so the list can tell editions apart; a blank new
        // one is left for the reporter to name.
        if fields.title.trim().is_empty() && (reason == SaveReason::Import || !fields.items.is_empty()) {
            fields.title = crate::render::dated_edition_title(&fields.edition_date, &settings.language);
        }
        // A new edition starts with the outlet's transition; an imported one keeps its text.
        if reason == SaveReason::Create && fields.transition.trim().is_empty() {
            fields.transition = settings.transition.clone();
        }
        self.fill_from_articles(&mut fields)?;
        let staged = fields.stage()?;
        let tx = self.write()?;
        let id = items::insert(&tx, &staged, status, reason, &now())?;
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
    /// revision whenever the content changed since the newest one). The same lifecycle as
    /// an article's (`items::save`); an empty edition date keeps the stored one.
    pub fn save_roundup_with(&mut self, id: &str, base_version: i64, mut fields: RoundupFields, opts: SaveOptions) -> Result<Roundup> {
        if fields.edition_date.trim().is_empty() {
            fields.edition_date = load(&self.conn, id)?.edition_date;
        }
        self.fill_from_articles(&mut fields)?;
        items::save(self, id, base_version, fields, opts)?;
        self.roundup(id)
    }

    /// The edition as the builder shows it: the stored bookkeeping with `fields` (saved or
    /// not) over the stored parts; an empty edition date keeps the stored one. Nothing is
    /// written: the live preview renders this.
    pub fn roundup_as_shown(&self, id: &str, fields: RoundupFields) -> Result<Roundup> {
        fields.check_limits()?;
        let stored = load(&self.conn, id)?;
        Ok(Roundup {
            edition_date: if fields.edition_date.trim().is_empty() { stored.edition_date.clone() } else { fields.edition_date },
            title: fields.title,
            lead: fields.lead,
            transition: fields.transition,
            items: fields.items,
            signoff: fields.signoff,
            ..stored
        })
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

    /// One revision of an edition, with its content (checked against its SHA-256).
    pub fn roundup_revision(&self, roundup_id: &str, revision_id: i64) -> Result<RoundupRevision> {
        let (info, fields, status) = items::read_revision::<RoundupFields>(&self.conn, roundup_id, revision_id)?;
        Ok(RoundupRevision { info, fields, status })
    }

    /// Puts an old revision's content back as the edition's content, writing a revision
    /// with reason `restore`. Needs the current version, like a save.
    pub fn restore_roundup_revision(&mut self, roundup_id: &str, revision_id: i64, base_version: i64) -> Result<Roundup> {
        self.restore_revision_of::<RoundupFields>(roundup_id, revision_id, base_version)?;
        self.roundup(roundup_id)
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
            items: vec![Brief { article_id: None, headline: "\"제목\"".into(), summary: "요약\n\n둘째".into(), link: Some("https://a.example/x".into()), drafted: false }],
            signoff: Signoff { outlet: "OUTLET".into(), email: "news@outlet.example".into() },
            ..RoundupFields::default()
        };
        let text = crate::text::plain::doc_to_plain(&projection(&f).body);
        for part in ["첫 문단", "이어 주말", "\"제목\"", "요약", "둘째", "https://a.example/x", "OUTLET news@outlet.example"] {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
}
