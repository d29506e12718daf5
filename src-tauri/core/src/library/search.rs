//! Search over headline, deck, summary, body text and tags, and the text of the press
//! release an article was made from (a hit only there is marked `in_source`).
//!
//! Search matches substrings (Korean or English alike, case folded): the result is the
//! same as `LIKE '%q%'` over the indexed text. A query that is one run of Latin letters and
//! digits (one word, or a letter) is answered by the word index (`words.rs`), which gives
//! exactly that result at the cost of its matches; everything else goes through the FTS5
//! trigram index. Hits come headline matches first, then the rest, newest article first within
//! each group ("newest" is the order articles entered the library: the index's rowid).
//!
//! That order is the index's own, so a page costs what it shows: SQLite walks the matches
//! from the newest and stops once the page is full, checking the filters of each in the
//! small `articles_live` index rather than the wide article rows. Ranking every match
//! (bm25) or counting them all cost 100-400 ms when a word is in half of 100,000 articles
//! (bench/ANALYSIS.md); the count stops at [`COUNT_CAP`] and says when there are more.
//! When that first walk holds every match (a rare or middling word), the page is made from
//! it: headline hits are told apart by reading the matches' headlines. A word with more
//! matches than the cap takes one more walk, of headline matches, stopping at the page;
//! the rest of the page comes from the first walk (a page beyond its thousand matches
//! takes a third). A rare word's walk costs what intersecting its trigrams costs (an
//! English word's trigrams are each common), so one walk instead of three is most of it.
//!
//! Through the trigram index:
//!
//! * 3 or more characters (grapheme clusters): the query is one quoted FTS5 phrase.
//! * 1-2 characters cannot be a trigram. Every indexed column ends with two newlines (the
//!   `articles_search` view), so each occurrence of a 1- or 2-character text starts some
//!   trigram: the query becomes the OR of the index's terms that start with it, listed
//!   from the per-term vocabulary `articles_fts_vocab`.
//!
//! Trashed articles never match.
use rusqlite::types::Value;
use rusqlite::OptionalExtension;
use unicode_segmentation::UnicodeSegmentation;

use super::articles::{kind_from_sql, push_filters, status_from_sql};
use super::words::Plan;
use super::types::{SearchHit, SearchPage, SearchQuery, HIT_CLOSE, HIT_OPEN};
use super::{format_time, parse_time, Library};
use crate::error::{Error, Result};
use crate::text::nfc;
use crate::text::plain::doc_to_plain;

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
pub(crate) fn fold(c: char) -> char {
    // The common cases without the case tables: ASCII, and Hangul syllables (no case).
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
        return c;
    }
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

/// Indexes the articles queued in `search_pending` (see [`super::WriteTx`]): first removes
/// what the index still holds of the queued articles' previous text, then adds their text.
pub(crate) fn index_pending(conn: &rusqlite::Connection) -> Result<()> {
    index_some_pending(conn, i64::MAX)
}

/// [`index_pending`] for the `limit` oldest queued articles.
pub(crate) fn index_some_pending(conn: &rusqlite::Connection, limit: i64) -> Result<()> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS indexing (seq INTEGER PRIMARY KEY, stale INTEGER NOT NULL)")?;
    conn.prepare_cached("INSERT INTO temp.indexing (seq, stale) SELECT seq, stale FROM search_pending ORDER BY seq LIMIT ?1")?
        .execute([limit])?;
    conn.prepare_cached("DELETE FROM articles_fts WHERE rowid IN (SELECT seq FROM temp.indexing WHERE stale)")?
        .execute([])?;
    conn.prepare_cached("DELETE FROM articles_words WHERE rowid IN (SELECT seq FROM temp.indexing WHERE stale)")?
        .execute([])?;
    conn.prepare_cached(
        "INSERT INTO articles_fts (rowid, headline, deck, summary, body_text, tags_text, source_text) \
         SELECT v.seq, v.headline, v.deck, v.summary, v.body_text, v.tags_text, v.source_text \
         FROM temp.indexing p JOIN articles_search v ON v.seq = p.seq",
    )?
    .execute([])?;
    super::words::add_pending_words(conn)?;
    conn.prepare_cached("DELETE FROM search_pending WHERE seq IN (SELECT seq FROM temp.indexing)")?.execute([])?;
    conn.prepare_cached("DELETE FROM temp.indexing")?.execute([])?;
    Ok(())
}

/// Whether articles wait in `search_pending`: saved since the index last caught up (a save
/// commits before it), or queued by an upgrade or an index rebuild.
pub(crate) fn has_pending(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM search_pending)")?.query_row([], |r| r.get(0))?)
}

/// Search counts matches up to this many, then says there are more.
pub const COUNT_CAP: u64 = 1000;

/// Which columns a pass looks in (for the articles still queued, which have no index entry
/// to look in: see [`Queued`]).
#[derive(Clone, Copy)]
enum Part {
    All,
    Headline,
    NotHeadline,
}

/// One pass over the matches of a MATCH expression, newest first, with the query's filters.
struct Pass<'a> {
    /// The index the expression is for: `articles_fts` (trigrams) or `articles_words`.
    index: &'static str,
    expr: String,
    part: Part,
    filter: &'a str,
    filter_args: &'a [Value],
    queued: Option<&'a Queued>,
}

/// A search on a read-only library whose latest saves are not yet indexed (it cannot index
/// them itself): the queued articles are matched on their text, the same substring match
/// as the index's, and the index's matches for them (their previous text) are left out.
struct Queued {
    needle: String,
}

/// The SQL function a search of queued articles matches with: whether `haystack` holds
/// `needle`, case folded like the trigram index.
pub(crate) const CONTAINS_FN: &str = "newsdesk_contains";

/// The SQL function the `articles_search` view derives an article's searched body text
/// with, from the body the row stores: the body's plain text ([`doc_to_plain`]). The row
/// keeps no copy of it (schema 9), so an autosave writes the body once.
pub(crate) const PLAIN_FN: &str = "newsdesk_plain";

/// Registers [`CONTAINS_FN`] and [`PLAIN_FN`] on a connection. [`PLAIN_FN`] is innocuous
/// (no side effects, reads nothing but its argument), so the view may call it with
/// `trusted_schema` off.
pub(crate) fn register_functions(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    let pure = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function(CONTAINS_FN, 2, pure, |ctx| {
        let hay = ctx.get_raw(0).as_str_or_null().map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        let needle = ctx.get_raw(1).as_str_or_null().map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        Ok(matches!((hay, needle), (Some(h), Some(n)) if contains_folded(h, n)))
    })?;
    conn.create_scalar_function(PLAIN_FN, 1, pure | FunctionFlags::SQLITE_INNOCUOUS, |ctx| {
        let body = ctx.get_raw(0).as_str_or_null().map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        Ok(body.map(body_plain).unwrap_or_default())
    })
}

/// The plain text of a stored body (its JSON). A body that does not parse has no text to
/// search: `newsdesk check` reports it, and the other articles stay searchable.
pub(crate) fn body_plain(body_json: &str) -> String {
    serde_json::from_str::<crate::model::Doc>(body_json).map(|doc| doc_to_plain(&doc)).unwrap_or_default()
}

/// Whether `hay` holds `needle`, compared character by character after [`fold`].
fn contains_folded(hay: &str, needle: &str) -> bool {
    let pin: Vec<char> = needle.chars().map(fold).collect();
    if pin.is_empty() {
        return false;
    }
    let hay: Vec<char> = hay.chars().map(fold).collect();
    hay.windows(pin.len()).any(|w| w == pin.as_slice())
}

impl Library {
    /// Searches live articles. An empty query finds nothing. See the module notes.
    ///
    /// Saves the index has not caught up with are indexed first, so a search never misses
    /// a saved word (on a read-only library, which cannot index, they are read directly).
    pub fn search(&self, q: &SearchQuery) -> Result<SearchPage> {
        let text = nfc(q.text.trim());
        if text.is_empty() {
            return Ok(SearchPage::default());
        }
        self.index_queued()?;
        let queued = (self.read_only && has_pending(&self.conn)?).then(|| Queued { needle: text.clone() });
        let plan = if queued.is_some() { Plan::Trigrams } else { self.word_plan(&text)? };
        let (index, expr) = match plan {
            Plan::Words(expr) => ("articles_words", expr),
            Plan::Nothing => return Ok(SearchPage::default()),
            Plan::Trigrams => match (self.match_expression(&text)?, &queued) {
                (Some(expr), _) => ("articles_fts", expr),
                // No indexed term starts with it; a queued article may still hold it. A phrase
                // of fewer than three characters matches nothing in a trigram index.
                (None, Some(_)) => ("articles_fts", fts_phrase(&text)),
                (None, None) => return Ok(SearchPage::default()),
            },
        };
        // ?1 is each pass's MATCH expression; the filters number their values from ?2.
        let mut args: Vec<Value> = vec![Value::Null];
        let filter = filters(q, &mut args)?;
        let filter_args = &args[1..];
        let pass = |expr: String, part: Part| Pass { index, expr, part, filter: &filter, filter_args, queued: queued.as_ref() };

        // The matches newest first, up to one more than the count shows. When that is all of
        // them, the page is made from them, headline matches first, told apart on each one's
        // headline (with the index's folding): reading up to a thousand headlines costs a
        // few ms, a walk of an English word's trigrams 10-70 ms. Otherwise a walk of the
        // headline column stops at the page, and the rest of the page comes from the first
        // walk (a third walk only for a page beyond it).
        let (offset, limit) = (q.offset as u64, q.limit.min(MAX_LIMIT) as u64);
        let first = self.matching_seqs(&pass(expr.clone(), Part::All), 0, COUNT_CAP + 1)?;
        let more = first.len() as u64 > COUNT_CAP;
        let total = (first.len() as u64).min(COUNT_CAP);
        let mut page: Vec<(i64, bool)> = Vec::new();
        if limit > 0 && !more {
            let mut in_headline = std::collections::HashSet::new();
            for &seq in &first {
                if self.headline_holds(seq, &text)? {
                    in_headline.insert(seq);
                }
            }
            let (head, rest): (Vec<i64>, Vec<i64>) = first.into_iter().partition(|seq| in_headline.contains(seq));
            let marked = head.into_iter().map(|seq| (seq, true)).chain(rest.into_iter().map(|seq| (seq, false)));
            page.extend(marked.skip(offset as usize).take(limit as usize));
        } else if limit > 0 {
            let in_headline = self.matching_seqs(&pass(format!("{{headline}} : ({expr})"), Part::Headline), 0, offset + limit)?;
            let headline_count = in_headline.len() as u64;
            let heads: std::collections::HashSet<i64> = in_headline.iter().copied().collect();
            page.extend(in_headline.into_iter().skip(offset as usize).map(|seq| (seq, true)));
            let wanted = limit - page.len() as u64;
            if wanted > 0 {
                // The headline walk found fewer than asked, so all there are: the rest begins
                // with the first walk's matches without them, as far as that walk reached.
                let skip = offset.saturating_sub(headline_count);
                let known: Vec<i64> = first.into_iter().filter(|seq| !heads.contains(seq)).collect();
                if known.len() as u64 >= skip + wanted {
                    page.extend(known.into_iter().skip(skip as usize).take(wanted as usize).map(|seq| (seq, false)));
                } else {
                    let rest = pass(format!("({expr}) NOT ({{headline}} : ({expr}))"), Part::NotHeadline);
                    page.extend(self.matching_seqs(&rest, skip, wanted)?.into_iter().map(|seq| (seq, false)));
                }
            }
        }
        let hits = page.into_iter().map(|(seq, in_headline)| self.hit(seq, in_headline, &text)).collect::<Result<_>>()?;
        Ok(SearchPage { hits, total, more })
    }

    /// The FTS5 MATCH expression for `text`, or `None` when nothing can match.
    fn match_expression(&self, text: &str) -> Result<Option<String>> {
        if text.graphemes(true).count() >= 3 {
            return Ok(Some(fts_phrase(text)));
        }
        let folded = text.to_lowercase();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT term FROM articles_fts_vocab WHERE term >= ?1 AND term <= ?2")?;
        let terms = stmt
            .query_map([folded.clone(), format!("{folded}\u{10FFFF}")], |r| r.get::<_, String>(0))?
            .map(|t| t.map(|t| fts_phrase(&t)))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((!terms.is_empty()).then(|| terms.join(" OR ")))
    }

    /// The statement of one pass: live matching articles, newest first. `paging` uses the
    /// two numbers after the filters' (limit and offset; see [`Self::pass_args`]).
    fn pass_sql(pass: &Pass<'_>, select: &str, paging: &str) -> String {
        let Some(_) = pass.queued else {
            return format!(
                "SELECT {select} FROM {index} f JOIN articles a INDEXED BY articles_live ON a.seq = f.rowid \
                 WHERE {index} MATCH ?1{} ORDER BY f.rowid DESC {paging}",
                pass.filter,
                index = pass.index,
            );
        };
        let needle = pass.filter_args.len() + 4;
        let has = |col: &str| format!("{CONTAINS_FN}(v.{col}, ?{needle})");
        let others = ["deck", "summary", "body_text", "tags_text", "source_text"].map(has).join(" OR ");
        let cond = match pass.part {
            Part::All => format!("{} OR {others}", has("headline")),
            Part::Headline => has("headline"),
            Part::NotHeadline => format!("NOT {} AND ({others})", has("headline")),
        };
        format!(
            "SELECT {select} FROM (\
                 SELECT rowid AS seq FROM articles_fts WHERE articles_fts MATCH ?1 \
                   AND rowid NOT IN (SELECT seq FROM search_pending) \
                 UNION ALL \
                 SELECT v.seq FROM search_pending p JOIN articles_search v ON v.seq = p.seq WHERE {cond}\
             ) f JOIN articles a INDEXED BY articles_live ON a.seq = f.seq \
             WHERE 1{} ORDER BY f.seq DESC {paging}",
            pass.filter
        )
    }

    fn pass_args(pass: &Pass<'_>, paging: &[i64]) -> Vec<Value> {
        let mut args = vec![Value::from(pass.expr.clone())];
        args.extend(pass.filter_args.iter().cloned());
        args.extend(paging.iter().map(|n| Value::from(*n)));
        if let Some(q) = pass.queued {
            args.push(Value::from(q.needle.clone()));
        }
        args
    }

    /// Whether the headline of article `seq` holds `needle`, as the index's headline column
    /// would match it (that column is the headline and two newlines: `articles_search`).
    fn headline_holds(&self, seq: i64, needle: &str) -> Result<bool> {
        let headline: String = self.conn.prepare_cached("SELECT headline FROM articles WHERE seq = ?1")?.query_row([seq], |r| r.get(0))?;
        Ok(contains_folded(&format!("{headline}\n\n"), needle))
    }

    /// The `seq` of matching live articles, newest first, skipping `offset`, at most `limit`.
    fn matching_seqs(&self, pass: &Pass<'_>, offset: u64, limit: u64) -> Result<Vec<i64>> {
        let n = pass.filter_args.len() + 2;
        let sql = Self::pass_sql(pass, "a.seq", &format!("LIMIT ?{n} OFFSET ?{}", n + 1));
        let args = Self::pass_args(pass, &[limit as i64, offset as i64]);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let seqs = stmt.query_map(rusqlite::params_from_iter(args), |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        Ok(seqs)
    }

    /// One hit: the article's list fields and a snippet around the first match.
    fn hit(&self, seq: i64, in_headline: bool, text: &str) -> Result<SearchHit> {
        let mut stmt = self.conn.prepare_cached(
            &format!("SELECT id, kind, headline, status, updated_at, {PLAIN_FN}(body), summary, deck, tags_text FROM articles WHERE seq = ?1"),
        )?;
        let hit = stmt.query_row([seq], |r| {
            let headline: String = r.get(2)?;
            let texts: [String; 4] = [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?];
            let own = texts.iter().chain(std::iter::once(&headline)).find_map(|t| make_snippet(t, text));
            Ok((own, SearchHit {
                id: r.get(0)?,
                kind: kind_from_sql(1, &r.get::<_, String>(1)?)?,
                snippet: String::new(),
                status: status_from_sql(3, &r.get::<_, String>(3)?)?,
                updated_at: r.get(4)?,
                rank: if in_headline { 2.0 } else { 1.0 },
                headline,
                in_source: false,
            }))
        })?;
        let (own, mut hit) = hit;
        match own {
            Some(snippet) => hit.snippet = snippet,
            None => {
                let source: Option<String> = self
                    .conn
                    .prepare_cached("SELECT s.text FROM sources s JOIN articles a ON a.id = s.item_id WHERE a.seq = ?1")?
                    .query_row([seq], |r| r.get(0))
                    .optional()?;
                if let Some(snippet) = source.as_deref().and_then(|t| make_snippet(t, text)) {
                    hit.snippet = snippet;
                    hit.in_source = true;
                }
            }
        }
        Ok(hit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queued_articles_match_like_the_index() {
        assert!(contains_folded("The Ferry left", "ferry"));
        assert!(contains_folded("서울 야시장", "야시"));
        assert!(!contains_folded("서울 야시장", "시장 "));
        assert!(!contains_folded("abc", ""));
    }

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
