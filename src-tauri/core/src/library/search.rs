//! Search over headline, deck, summary, body text and tags.
//!
//! Queries of 3 or more characters (grapheme clusters) go to the FTS5 trigram index as one
//! quoted phrase (a substring match, Korean or English alike), ranked by bm25 with the
//! headline weighted highest. Shorter queries cannot use trigrams and fall back to a scan
//! with LIKE (ASCII case-insensitive) over the same text. Trashed articles never match.
use rusqlite::types::Value;
use unicode_segmentation::UnicodeSegmentation;

use super::articles::{kind_from_sql, push_filters, status_from_sql};
use super::types::{SearchHit, SearchPage, SearchQuery, HIT_CLOSE, HIT_OPEN};
use super::{format_time, parse_time, Library};
use crate::error::{Error, Result};
use crate::text::nfc;

/// bm25 weights of headline, deck, summary, body, tags.
const BM25_WEIGHTS: &str = "10.0, 4.0, 4.0, 1.0, 2.0";
/// About how many characters a snippet shows.
pub const SNIPPET_CHARS: usize = 64;
/// Largest page a search returns.
const MAX_LIMIT: u32 = 500;

/// Quotes text as one FTS5 string, so no character of it is FTS5 syntax.
pub(crate) fn fts_phrase(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// Escapes `%`, `_` and the escape character itself for `LIKE … ESCAPE '\'`.
pub(crate) fn like_pattern(text: &str) -> String {
    let mut p = String::from("%");
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// A `from`/`to` bound as a stored-time string and the comparison to use.
fn date_bound(s: &str, is_end: bool) -> Result<(String, &'static str)> {
    let s = s.trim();
    if let Ok(day) = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        let day = if is_end { day.succ_opt().unwrap_or(day) } else { day };
        let t = day.and_hms_opt(0, 0, 0).map(|t| t.and_utc()).unwrap_or_default();
        return Ok((format_time(t), if is_end { "<" } else { ">=" }));
    }
    match parse_time(s) {
        Some(t) => Ok((format_time(t), if is_end { "<=" } else { ">=" })),
        None => Err(Error::Invalid(format!("{s:?} is not a date: use 2025-07-28 or 2025-07-28T18:00:00+09:00"))),
    }
}

/// The filter part of the WHERE clause (after the text condition), appending its values.
fn filters(q: &SearchQuery, args: &mut Vec<Value>) -> Result<String> {
    let mut sql = String::from(" AND a.trashed_at IS NULL");
    push_filters(&mut sql, args, q.kind, q.status, q.tag.as_deref());
    for (bound, is_end) in [(&q.from, false), (&q.to, true)] {
        if let Some(s) = bound.as_deref().filter(|s| !s.trim().is_empty()) {
            let (t, op) = date_bound(s, is_end)?;
            args.push(t.into());
            sql.push_str(&format!(" AND a.updated_at {op} ?{}", args.len()));
        }
    }
    Ok(sql)
}

/// Plain text on one line: newlines and tabs become spaces.
fn one_line(s: &str) -> String {
    s.chars().map(|c| if c.is_whitespace() { ' ' } else { c }).collect()
}

/// A snippet of about [`SNIPPET_CHARS`] characters around the first match of `needle` in
/// `text` (ASCII case-insensitive), every match in it wrapped in « ».
pub(crate) fn make_snippet(text: &str, needle: &str) -> Option<String> {
    let hay: Vec<char> = text.chars().collect();
    let pin: Vec<char> = needle.chars().map(|c| c.to_ascii_lowercase()).collect();
    if pin.is_empty() || pin.len() > hay.len() {
        return None;
    }
    let at = |i: usize| hay[i..i + pin.len()].iter().zip(&pin).all(|(h, p)| h.to_ascii_lowercase() == *p);
    let first = (0..=hay.len() - pin.len()).find(|&i| at(i))?;
    let before = SNIPPET_CHARS.saturating_sub(pin.len()) / 3;
    let start = first.saturating_sub(before);
    let end = (start + SNIPPET_CHARS.max(pin.len())).min(hay.len());
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut i = start;
    while i < end {
        if i + pin.len() <= hay.len() && at(i) {
            out.push_str(HIT_OPEN);
            out.extend(&hay[i..i + pin.len()]);
            out.push_str(HIT_CLOSE);
            i += pin.len();
        } else {
            out.push(hay[i]);
            i += 1;
        }
    }
    if i < hay.len() {
        out.push('…');
    }
    Some(one_line(&out))
}

impl Library {
    /// Counts the matches of `from_where`, then appends the page's limit and offset to
    /// `args`; returns the count and the number of arguments before the paging ones.
    fn count_and_page(&self, from_where: &str, args: &mut Vec<Value>, q: &SearchQuery) -> Result<(u64, usize)> {
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) {from_where}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let n = args.len();
        args.push(i64::from(q.limit.min(MAX_LIMIT)).into());
        args.push(i64::from(q.offset).into());
        Ok((total.max(0) as u64, n))
    }

    /// Searches live articles. An empty query finds nothing. See the module notes.
    pub fn search(&self, q: &SearchQuery) -> Result<SearchPage> {
        let text = nfc(q.text.trim());
        if text.is_empty() {
            return Ok(SearchPage::default());
        }
        if text.graphemes(true).count() >= 3 {
            self.search_fts(&text, q)
        } else {
            self.search_like(&text, q)
        }
    }

    fn search_fts(&self, text: &str, q: &SearchQuery) -> Result<SearchPage> {
        let mut args: Vec<Value> = vec![fts_phrase(text).into()];
        let filter = filters(q, &mut args)?;
        let from = "FROM articles_fts f JOIN articles a ON a.seq = f.rowid WHERE articles_fts MATCH ?1";
        let (total, n) = self.count_and_page(&format!("{from}{filter}"), &mut args, q)?;
        let sql = format!(
            "SELECT a.id, a.kind, a.headline, snippet(articles_fts, -1, '{HIT_OPEN}', '{HIT_CLOSE}', '…', {tokens}), \
             a.status, a.updated_at, bm25(articles_fts, {BM25_WEIGHTS}) AS score \
             {from}{filter} ORDER BY score, a.updated_at DESC LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2,
            tokens = SNIPPET_CHARS - 8,
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let hits = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(SearchHit {
                id: r.get(0)?,
                kind: kind_from_sql(1, &r.get::<_, String>(1)?)?,
                headline: r.get(2)?,
                snippet: one_line(&r.get::<_, String>(3)?),
                status: status_from_sql(4, &r.get::<_, String>(4)?)?,
                updated_at: r.get(5)?,
                rank: -r.get::<_, f64>(6)?,
            })
        })?;
        Ok(SearchPage { hits: hits.collect::<rusqlite::Result<_>>()?, total })
    }

    fn search_like(&self, text: &str, q: &SearchQuery) -> Result<SearchPage> {
        let mut args: Vec<Value> = vec![like_pattern(text).into()];
        let filter = filters(q, &mut args)?;
        let from = "FROM articles a WHERE (a.headline LIKE ?1 ESCAPE '\\' OR a.deck LIKE ?1 ESCAPE '\\' \
             OR a.summary LIKE ?1 ESCAPE '\\' OR a.body_text LIKE ?1 ESCAPE '\\' OR a.tags_text LIKE ?1 ESCAPE '\\')";
        let (total, n) = self.count_and_page(&format!("{from}{filter}"), &mut args, q)?;
        let sql = format!(
            "SELECT a.id, a.kind, a.headline, a.status, a.updated_at, (a.headline LIKE ?1 ESCAPE '\\') AS in_headline \
             {from}{filter} ORDER BY in_headline DESC, a.updated_at DESC LIMIT ?{} OFFSET ?{}",
            n + 1,
            n + 2
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(SearchHit {
                id: r.get(0)?,
                kind: kind_from_sql(1, &r.get::<_, String>(1)?)?,
                headline: r.get(2)?,
                snippet: String::new(),
                status: status_from_sql(3, &r.get::<_, String>(3)?)?,
                updated_at: r.get(4)?,
                rank: if r.get::<_, bool>(5)? { 2.0 } else { 1.0 },
            })
        })?;
        let mut hits: Vec<SearchHit> = rows.collect::<rusqlite::Result<_>>()?;
        let mut texts = self
            .conn
            .prepare_cached("SELECT body_text, summary, deck, headline, tags_text FROM articles WHERE id = ?1")?;
        for hit in &mut hits {
            let fields: [String; 5] =
                texts.query_row([&hit.id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))?;
            hit.snippet = fields.iter().find_map(|f| make_snippet(f, text)).unwrap_or_default();
        }
        Ok(SearchPage { hits, total })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fts_phrases_and_escapes_like() {
        assert_eq!(fts_phrase(r#"a "b" OR c*"#), r#""a ""b"" OR c*""#);
        assert_eq!(like_pattern("50%_\\"), "%50\\%\\_\\\\%");
    }

    #[test]
    fn snippets_mark_hits_and_cut_long_text() {
        assert_eq!(make_snippet("서울 시장 선거", "시장").unwrap(), "서울 «시장» 선거");
        assert_eq!(make_snippet("The Ferry and the ferry", "FERRY").unwrap(), "The «Ferry» and the «ferry»");
        let long = format!("{}서울{}", "가".repeat(100), "나".repeat(100));
        let s = make_snippet(&long, "서울").unwrap();
        assert!(s.starts_with('…') && s.ends_with('…') && s.contains("«서울»"), "{s}");
        assert!(s.chars().count() <= SNIPPET_CHARS + 4, "{}", s.chars().count());
        assert!(make_snippet("abc", "x").is_none());
    }

    #[test]
    fn date_bounds_take_days_and_times() {
        assert_eq!(date_bound("2025-07-28", false).unwrap(), ("2025-07-28T00:00:00.000Z".into(), ">="));
        assert_eq!(date_bound("2025-07-28", true).unwrap(), ("2025-07-29T00:00:00.000Z".into(), "<"));
        assert_eq!(date_bound("2025-07-28T18:00:00+09:00", true).unwrap(), ("2025-07-28T09:00:00.000Z".into(), "<="));
        assert!(date_bound("yesterday", false).is_err());
    }
}
