//! Search over headline, deck, summary, body text and tags.
//!
//! Queries of 3 or more characters (grapheme clusters) go to the FTS5 trigram index as one
//! quoted phrase (a substring match, Korean or English alike), ranked by bm25 with the
//! headline weighted highest.
//!
//! Shorter queries cannot be a trigram MATCH. DESIGN.md planned a LIKE scan for them; it
//! measured about 14 µs per article (1.3 s at 100k articles, target 150 ms), so instead they
//! read the same index through its vocabulary: every indexed column ends with two newlines
//! (the `articles_search` view), so each occurrence of a 1- or 2-character text is the start
//! of some trigram, and the trigrams starting with the query are one range of terms. The
//! result is the same as `LIKE '%q%'` over the indexed text (case folded like the index),
//! ranked headline hits first, then newest. Trashed articles never match.
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

/// One character folded for comparison (simple lowercase; unchanged when that is not one character).
fn fold(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// A snippet of about [`SNIPPET_CHARS`] characters around the first match of `needle` in
/// `text` (case-insensitive), every match in it wrapped in « ».
pub(crate) fn make_snippet(text: &str, needle: &str) -> Option<String> {
    let hay: Vec<char> = text.chars().collect();
    let pin: Vec<char> = needle.chars().map(fold).collect();
    if pin.is_empty() || pin.len() > hay.len() {
        return None;
    }
    let at = |i: usize| hay[i..i + pin.len()].iter().zip(&pin).all(|(h, p)| fold(*h) == *p);
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
            self.search_short(&text, q)
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
                snippet: one_line(&r.get::<_, String>(3)?).trim_end().to_string(),
                status: status_from_sql(4, &r.get::<_, String>(4)?)?,
                updated_at: r.get(5)?,
                rank: -r.get::<_, f64>(6)?,
            })
        })?;
        Ok(SearchPage { hits: hits.collect::<rusqlite::Result<_>>()?, total })
    }

    fn search_short(&self, text: &str, q: &SearchQuery) -> Result<SearchPage> {
        let folded = text.to_lowercase();
        let mut args: Vec<Value> = vec![folded.clone().into(), format!("{folded}\u{10FFFF}").into()];
        let filter = filters(q, &mut args)?;
        let sql = format!(
            "WITH hits AS (SELECT doc, max(col = 'headline') AS in_headline FROM articles_fts_terms \
             WHERE term >= ?1 AND term <= ?2 GROUP BY doc) \
             SELECT a.id FROM hits h JOIN articles a ON a.seq = h.doc WHERE 1{filter} \
             ORDER BY h.in_headline DESC, a.updated_at DESC, a.seq DESC"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let ids: Vec<String> =
            stmt.query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut details = self.conn.prepare_cached(
            "SELECT kind, headline, status, updated_at, body_text, summary, deck, tags_text FROM articles WHERE id = ?1",
        )?;
        let mut hits = Vec::new();
        for id in ids.iter().skip(q.offset as usize).take(q.limit.min(MAX_LIMIT) as usize) {
            let hit = details.query_row([id], |r| {
                let headline: String = r.get(1)?;
                let texts: [String; 4] = [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?];
                let in_headline = contains_folded(&headline, &folded);
                let snippet = texts
                    .iter()
                    .chain(std::iter::once(&headline))
                    .find_map(|t| make_snippet(t, text))
                    .unwrap_or_default();
                Ok(SearchHit {
                    id: id.clone(),
                    kind: kind_from_sql(0, &r.get::<_, String>(0)?)?,
                    snippet,
                    status: status_from_sql(2, &r.get::<_, String>(2)?)?,
                    updated_at: r.get(3)?,
                    rank: if in_headline { 2.0 } else { 1.0 },
                    headline,
                })
            })?;
            hits.push(hit);
        }
        Ok(SearchPage { hits, total: ids.len() as u64 })
    }
}

fn contains_folded(hay: &str, folded_needle: &str) -> bool {
    hay.to_lowercase().contains(folded_needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fts_phrases() {
        assert_eq!(fts_phrase(r#"a "b" OR c*"#), r#""a ""b"" OR c*""#);
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
