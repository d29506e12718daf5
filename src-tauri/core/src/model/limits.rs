//! The limits of every field a reporter can type into, in one place.
//!
//! Every front end meets the same rules: the library applies them before it stores an
//! article or an edition (`Library::save_article`, `create_roundup`, the importer, the
//! command line and the window all go through it), and the IPC commands call the same
//! checks for what they do not store (a preview, a search).
use crate::error::{Error, Result};
use crate::model::doc::{Block, TableRow};
use crate::model::ArticleFields;
use crate::roundup::RoundupFields;

/// The longest headline, title or lead headline, in characters.
pub const HEADLINE_MAX: usize = 500;
pub const DECK_MAX: usize = 1000;
pub const SUMMARY_MAX: usize = 5000;
pub const NAME_MAX: usize = 200;
pub const EMAIL_MAX: usize = 320;
pub const SECTION_MAX: usize = 200;
pub const LANGUAGE_MAX: usize = 35;
pub const TAGS_MAX: usize = 100;
pub const TAG_MAX: usize = 100;
pub const TRANSITION_MAX: usize = 2000;
pub const LINK_MAX: usize = 2000;
/// The largest body (or whole edition) stored, as JSON bytes: more than any importable
/// file ([`crate::import::MAX_IMPORT_BYTES`], 20 MiB) converts into, and about eight million
/// Hangul characters typed in the window.
pub const CONTENT_JSON_MAX: usize = 24 * 1024 * 1024;
/// Most briefs one edition may hold.
pub const BRIEFS_MAX: usize = 500;
/// The longest search text, in characters.
pub const SEARCH_MAX: usize = 500;
/// "Ignore here" entries one article or edition keeps.
pub const IGNORED_MAX: usize = 2000;
/// Most rows of one table.
pub const TABLE_ROWS_MAX: usize = 1000;
/// Most columns of one table (a cell spanning several counts each).
pub const TABLE_COLS_MAX: usize = 64;
/// Most cells of one table, rows × columns.
pub const TABLE_CELLS_MAX: usize = 20_000;

/// Refuses `value` when it is longer than `max` characters, naming the field.
pub fn check_len(field: &str, value: &str, max: usize) -> Result<()> {
    // Bytes bound characters from above: most values are decided without counting.
    if value.len() > max && value.chars().count() > max {
        return Err(Error::Invalid(format!("{field} is too long (at most {max} characters)")));
    }
    Ok(())
}

/// An item id is a UUID: 36 characters of hex digits and dashes.
pub fn check_id(id: &str) -> Result<()> {
    if id.len() == 36 && id.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        Ok(())
    } else {
        Err(Error::Invalid(format!("{id:?} is not an article or roundup id")))
    }
}

/// Refuses stored content larger than [`CONTENT_JSON_MAX`] (`json_len` bytes of JSON).
pub fn check_content_size(what: &str, json_len: usize) -> Result<()> {
    if json_len > CONTENT_JSON_MAX {
        return Err(Error::Invalid(format!("{what} is too large to save (over 24 MB)")));
    }
    Ok(())
}

/// Refuses a table that is empty, too large, or holds anything but paragraphs in its
/// cells (so no table sits inside another).
pub fn check_table(rows: &[TableRow]) -> Result<()> {
    if rows.is_empty() {
        return Err(Error::Invalid("a table has no rows".into()));
    }
    if rows.len() > TABLE_ROWS_MAX {
        return Err(Error::Invalid(format!("a table has {} rows; at most {TABLE_ROWS_MAX}", rows.len())));
    }
    let mut cells = 0usize;
    for row in rows {
        if row.content.is_empty() {
            return Err(Error::Invalid("a table row has no cells".into()));
        }
        let mut width = 0usize;
        for cell in &row.content {
            let a = cell.attrs();
            if a.colspan == 0 || a.rowspan == 0 || a.colspan as usize > TABLE_COLS_MAX || a.rowspan as usize > TABLE_ROWS_MAX {
                return Err(Error::Invalid(format!(
                    "a table cell spans {} columns and {} rows; a span is 1 to {TABLE_COLS_MAX} columns and 1 to {TABLE_ROWS_MAX} rows",
                    a.colspan, a.rowspan
                )));
            }
            if a.colwidth.as_ref().is_some_and(|w| w.len() > TABLE_COLS_MAX) {
                return Err(Error::Invalid("a table cell names more column widths than a table has columns".into()));
            }
            width += a.colspan as usize;
            if cell.content().is_empty() {
                return Err(Error::Invalid("a table cell has no paragraph (an empty cell holds one empty paragraph)".into()));
            }
            if !cell.content().iter().all(|b| matches!(b, Block::Paragraph { .. })) {
                return Err(Error::Invalid("a table cell holds only paragraphs (no tables, lists, headings or images inside a table)".into()));
            }
        }
        if width > TABLE_COLS_MAX {
            return Err(Error::Invalid(format!("a table row is {width} columns wide; at most {TABLE_COLS_MAX}")));
        }
        cells += width;
    }
    if cells > TABLE_CELLS_MAX {
        return Err(Error::Invalid(format!("a table has {cells} cells; at most {TABLE_CELLS_MAX}")));
    }
    Ok(())
}

impl ArticleFields {
    /// The sizes of every field but the body, whose size [`check_content_size`] checks
    /// once it is serialised.
    pub fn check_limits(&self) -> Result<()> {
        check_len("headline", &self.headline, HEADLINE_MAX)?;
        check_len("deck", &self.deck, DECK_MAX)?;
        check_len("summary", &self.summary, SUMMARY_MAX)?;
        check_len("byline name", &self.byline.name, NAME_MAX)?;
        check_len("byline e-mail", &self.byline.email, EMAIL_MAX)?;
        check_len("section", &self.section, SECTION_MAX)?;
        check_len("language", &self.language, LANGUAGE_MAX)?;
        if self.tags.len() > TAGS_MAX {
            return Err(Error::Invalid(format!("an article can have at most {TAGS_MAX} tags")));
        }
        for tag in &self.tags {
            check_len("tag", tag, TAG_MAX)?;
        }
        Ok(())
    }
}

impl RoundupFields {
    /// The sizes of every part, the ids it points at and the size of the whole edition.
    pub fn check_limits(&self) -> Result<()> {
        check_len("title", &self.title, HEADLINE_MAX)?;
        check_len("edition date", &self.edition_date, 10)?;
        check_len("lead headline", &self.lead.headline, HEADLINE_MAX)?;
        check_len("transition", &self.transition, TRANSITION_MAX)?;
        check_len("outlet", &self.signoff.outlet, NAME_MAX)?;
        check_len("sign-off e-mail", &self.signoff.email, EMAIL_MAX)?;
        if self.items.len() > BRIEFS_MAX {
            return Err(Error::Invalid(format!(
                "an edition holds at most {BRIEFS_MAX} briefs; this one has {}",
                self.items.len()
            )));
        }
        for id in self.lead.article_id.iter().chain(self.items.iter().filter_map(|b| b.article_id.as_ref())) {
            if !id.trim().is_empty() {
                check_id(id.trim())?;
            }
        }
        for b in &self.items {
            check_len("brief headline", &b.headline, HEADLINE_MAX)?;
            check_len("brief summary", &b.summary, SUMMARY_MAX)?;
            check_len("brief link", b.link.as_deref().unwrap_or(""), LINK_MAX)?;
        }
        self.lead.body.check_depth()?;
        let json = serde_json::to_string(self).map_err(|e| Error::Invalid(e.to_string()))?;
        check_content_size("the edition", json.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(check_len("headline", &"가".repeat(HEADLINE_MAX), HEADLINE_MAX).is_ok());
        let err = check_len("headline", &"가".repeat(HEADLINE_MAX + 1), HEADLINE_MAX).unwrap_err();
        assert_eq!(err.to_string(), "headline is too long (at most 500 characters)");
    }

    #[test]
    fn ids_are_uuids() {
        assert!(check_id("0190b7a0-0000-7000-8000-000000000000").is_ok());
        assert!(check_id("../../etc/passwd").is_err());
    }
}
