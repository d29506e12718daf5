//! The outlet's style book and pre-flight as the library keeps them: the book's TOML in
//! the settings table under `style_book` (absent: the default book), the checklist's
//! limits and blocking items from [`Settings`]. The engine itself is `crate::style`.
use std::path::Path;
use std::sync::Arc;

use rusqlite::{params, OptionalExtension};

use super::Library;
use crate::model::{ArticleFields, Item, Settings};
use crate::roundup::RoundupFields;
use crate::model::limits::{check_id, check_len, IGNORED_MAX, NAME_MAX, SUMMARY_MAX};
use crate::style::{
    preflight_article, preflight_roundup, CompiledBook, Field, Finding, Ignored, Preflight, PreflightPolicy, Severity, StyleBook,
    StyleContext,
};
use crate::text::nfc;
use crate::{Error, Result};

/// The settings key the outlet's style book is stored under, as TOML.
const STYLE_BOOK_KEY: &str = "style_book";
/// The longest style book taken, in bytes.
pub const STYLE_BOOK_MAX_BYTES: usize = 1024 * 1024;

/// Text the reporter has on screen, to check as it is typed (nothing is stored).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", content = "fields", rename_all = "lowercase")]
pub enum StyleInput {
    Article(ArticleFields),
    Roundup(RoundupFields),
}

/// A rule of the book in use, as the settings show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleState {
    pub id: String,
    pub severity: Severity,
    pub enabled: bool,
    pub message_ko: String,
    pub message_en: String,
    pub example: String,
}

/// The checklist's limits and blocking items, from the outlet's settings.
pub fn preflight_policy(s: &Settings) -> PreflightPolicy {
    PreflightPolicy {
        headline_max_chars: s.headline_max_chars as usize,
        summary_max_chars: s.brief_max_chars as usize,
        summary_min_sentences: s.brief_max_sentences.min(2),
        summary_max_sentences: s.brief_max_sentences,
        blocking: s.preflight_blocking.split([' ', ',']).filter(|w| !w.is_empty()).map(str::to_string).collect(),
    }
}

/// Every rule `book` has, those its overrides turn off included.
fn every_rule(book: &StyleBook) -> Result<Vec<crate::style::Rule>> {
    StyleBook { overrides: Vec::new(), ..book.clone() }.rules_in_force().map_err(refused)
}

/// A field as the library stores it: its name in JSON (`body`, `brief_summary`).
fn field_name(field: Field) -> String {
    match serde_json::to_value(field) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("a field serialises as its name"),
    }
}

/// A refused style book, in the words the reporter sees.
fn refused(e: crate::style::StyleError) -> Error {
    Error::Invalid(format!("the style book was not changed: {e}"))
}

impl Library {
    /// The outlet's style book as TOML: what it stored, or the default book.
    pub fn style_book_toml(&self) -> Result<String> {
        let stored: Option<String> =
            self.conn.query_row("SELECT value FROM settings WHERE key = ?1", [STYLE_BOOK_KEY], |r| r.get(0)).optional()?;
        Ok(stored.unwrap_or_else(|| StyleBook::default().to_toml()))
    }

    /// The outlet's style book, ready to check with; compiled again only when it changed.
    pub fn style(&self) -> Result<Arc<CompiledBook>> {
        let toml = self.style_book_toml()?;
        if let Some((cached, book)) = self.style_cache.borrow().as_ref() {
            if *cached == toml {
                return Ok(Arc::clone(book));
            }
        }
        let damaged = |e: crate::style::StyleError| Error::Database(format!("the stored style book is damaged: {e}"));
        let book = Arc::new(CompiledBook::new(&StyleBook::from_toml(&toml).map_err(damaged)?).map_err(damaged)?);
        *self.style_cache.borrow_mut() = Some((toml, Arc::clone(&book)));
        Ok(book)
    }

    /// Replaces the style book with `toml` once it reads and every pattern compiles; a book
    /// that does not is refused with its line and reason, and the book in use stays.
    pub fn set_style_book(&mut self, toml: &str) -> Result<StyleBook> {
        if toml.len() > STYLE_BOOK_MAX_BYTES {
            return Err(Error::Invalid("the style book is too large (over 1 MB)".into()));
        }
        let toml = nfc(toml);
        let book = StyleBook::from_toml(&toml).map_err(refused)?;
        CompiledBook::new(&book).map_err(refused)?;
        let tx = self.write()?;
        tx.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", params![STYLE_BOOK_KEY, toml])?;
        tx.commit()?;
        Ok(book)
    }

    /// Replaces the style book with the one in the file at `path` (`newsdesk style import`,
    /// Settings' "Import…"); refused with the file's name and the reason, the book in use
    /// staying, when it does not read.
    pub fn import_style_book(&mut self, path: &Path) -> Result<StyleBook> {
        let text = crate::import::read_style_book(path, STYLE_BOOK_MAX_BYTES)?;
        self.set_style_book(&text).map_err(|e| Error::File { path: path.to_path_buf(), reason: e.to_string() })
    }

    /// Writes the style book in use to `path` as TOML, atomically (`newsdesk style export`,
    /// Settings' "Export…").
    pub fn export_style_book(&self, path: &Path) -> Result<()> {
        crate::export::write_atomic(path, self.style_book_toml()?.as_bytes())
    }

    /// Every rule of the book in use, those turned off included, with its severity now.
    pub fn style_rules(&self) -> Result<Vec<RuleState>> {
        let book = StyleBook::from_toml(&self.style_book_toml()?).map_err(refused)?;
        let all = every_rule(&book)?;
        Ok(all
            .into_iter()
            .map(|r| {
                let o = book.overrides.iter().find(|o| o.rule == r.id);
                RuleState {
                    enabled: o.is_none_or(|o| o.enabled != Some(false)),
                    severity: o.and_then(|o| o.severity).unwrap_or(r.severity),
                    id: r.id,
                    message_ko: r.message_ko,
                    message_en: r.message_en,
                    example: r.example,
                }
            })
            .collect())
    }

    /// Turns a rule of the book in use on or off and sets its severity (kept with the book).
    pub fn set_style_rule(&mut self, rule: &str, enabled: bool, severity: Severity) -> Result<Vec<RuleState>> {
        let mut book = StyleBook::from_toml(&self.style_book_toml()?).map_err(refused)?;
        let all = every_rule(&book)?;
        if !all.iter().any(|r| r.id == rule) {
            return Err(Error::NotFound { what: "style rule", id: rule.to_string() });
        }
        book.set_enabled(rule, enabled);
        book.set_severity(rule, severity);
        self.set_style_book(&book.to_toml())?;
        self.style_rules()
    }

    /// The style findings of a stored article or edition, minus those ignored there.
    pub fn lint(&self, id: &str) -> Result<Vec<Finding>> {
        let book = self.style()?;
        let ctx = self.style_context()?;
        let ignored = self.ignored(id)?;
        Ok(match self.item(id)? {
            Item::Article(a) => book.check_article(&a, &ctx, &ignored),
            Item::Roundup(r) => book.check_roundup(&r.fields(), &ctx, &ignored),
        })
    }

    /// The pre-flight checklist of a stored article or edition (its ignored findings do
    /// not count).
    pub fn preflight(&self, id: &str) -> Result<Preflight> {
        let book = self.style()?;
        let policy = preflight_policy(&self.settings()?);
        let ignored = self.ignored(id)?;
        Ok(match self.item(id)? {
            Item::Article(a) => preflight_article(&a, &policy, &book, &ignored),
            Item::Roundup(r) => preflight_roundup(&r.fields(), &policy, &book, &ignored),
        })
    }

    /// The style findings of text on screen, minus those ignored in the item `id` (when the
    /// text is a stored item's); text over the fields' limits is refused as a save would
    /// refuse it.
    pub fn check_style(&self, input: &StyleInput, id: Option<&str>) -> Result<Vec<Finding>> {
        match input {
            StyleInput::Article(f) => f.check_limits()?,
            StyleInput::Roundup(f) => f.check_limits()?,
        }
        let ignored = match id {
            Some(id) => self.ignored(id)?,
            None => Vec::new(),
        };
        let book = self.style()?;
        let ctx = self.style_context()?;
        Ok(match input {
            StyleInput::Article(f) => book.check_fields(f, &ctx, &ignored),
            StyleInput::Roundup(f) => book.check_roundup(f, &ctx, &ignored),
        })
    }

    /// What "ignore here" remembers for the article or edition `id`, in a stable order.
    pub fn ignored(&self, id: &str) -> Result<Vec<Ignored>> {
        check_id(id)?;
        super::items::head(&self.conn, id, super::items::ANY)?;
        let mut stmt = self.conn.prepare_cached("SELECT rule, field, text FROM style_ignored WHERE item_id = ?1 ORDER BY field, rule, text")?;
        let rows = stmt.query_map([id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (rule, field, text) = row?;
            // A field this build does not know (written by a newer one) ignores nothing here.
            if let Ok(field) = serde_json::from_value::<Field>(serde_json::Value::String(field)) {
                out.push(Ignored { rule, field, text });
            }
        }
        Ok(out)
    }

    /// "Ignore here" (`ignore` true) or "check it again" for one finding of the item `id`;
    /// returns the item's ignore list. Neither is a change of content: the version stays,
    /// no revision is written, and an editor open on the item keeps its base version.
    pub fn set_ignored(&mut self, id: &str, entry: &Ignored, ignore: bool) -> Result<Vec<Ignored>> {
        check_id(id)?;
        check_len("rule", &entry.rule, NAME_MAX)?;
        check_len("ignored text", &entry.text, SUMMARY_MAX)?;
        let field = field_name(entry.field);
        let text = nfc(&entry.text);
        let tx = self.write()?;
        super::items::head(&tx, id, super::items::ANY)?;
        if ignore {
            let count: i64 = tx.query_row("SELECT count(*) FROM style_ignored WHERE item_id = ?1", [id], |r| r.get(0))?;
            if count as usize >= IGNORED_MAX {
                return Err(Error::Invalid(format!(
                    "this piece already ignores {IGNORED_MAX} findings; check one of them again before ignoring another"
                )));
            }
            tx.execute(
                "INSERT OR IGNORE INTO style_ignored (item_id, rule, field, text) VALUES (?1, ?2, ?3, ?4)",
                params![id, entry.rule, field, text],
            )?;
        } else {
            tx.execute(
                "DELETE FROM style_ignored WHERE item_id = ?1 AND rule = ?2 AND field = ?3 AND text = ?4",
                params![id, entry.rule, field, text],
            )?;
        }
        tx.commit()?;
        self.ignored(id)
    }

    /// The style context the outlet checks with (its headline limit).
    pub fn style_context(&self) -> Result<StyleContext> {
        Ok(preflight_policy(&self.settings()?).style_context())
    }
}
