//! The word index beside the trigram one: what makes a search for one Latin word cost what
//! its matches cost, not what its trigrams cost.
//!
//! An English word's trigrams are each in a third of an English library, so the trigram
//! walk for a rare word visits every article holding all of them (65,000 of a million for
//! a word in 140: bench/ANALYSIS.md). Here every article is also indexed by its Latin
//! words: maximal runs of [`is_word_char`] in the folded text, each a term of the FTS5
//! table `articles_words` (columns `headline` and `rest`, terms only, no positions), and
//! each letter or digit that occurs in it as a one-character term.
//!
//! A query that is one such run (`faidrechan`, `covid19`, `e`) is answered by that index
//! alone, with exactly the trigram index's result: every occurrence of the run in a text
//! lies inside one of the text's words, so the articles holding it are the articles holding
//! some word that contains it. Which words contain it is found in `search_words`, the list
//! of every word of three or more characters ever indexed, kept in memory ([`WordList`])
//! and searched as one string. A query of one character is its one-character term. Any
//! other query (two characters, Hangul, several words, punctuation, or a fragment so common
//! that more than [`MAX_TERMS`] words contain it) goes through the trigram index.
//!
//! The words are indexed in the same catch-up as the trigrams (`search::index_some_pending`).
//! A library upgraded to schema 8 queues every article in `words_pending`, indexed by
//! [`Library::index_upgraded_words`] (the window calls it in the background, a step at a
//! time); until that queue is empty, every search takes the trigram path.
use rustc_hash::FxHashSet;

use super::Library;
use crate::error::Result;

/// At most this many words may contain a query for the word index to answer it; a query
/// inside more words (a common fragment such as `the`) is frequent, and its trigram walk
/// fills a page quickly.
pub(crate) const MAX_TERMS: usize = 200;

/// The SQL function that turns a text into its word-index terms ([`terms_of`]).
pub(crate) const WORDS_FN: &str = "newsdesk_words";

/// A character of a Latin word, after folding: a letter or digit of the Latin blocks
/// (Basic Latin up to Latin Extended-B). Hangul, CJK and everything else separate words.
pub(crate) fn is_word_char(c: char) -> bool {
    (c as u32) < 0x0250 && c.is_alphanumeric()
}

/// The word-index terms of `text`, folded as search folds it: its distinct words and its
/// distinct word characters, separated by spaces (the table's `ascii` tokenizer splits at
/// them and at nothing a term holds, since a term holds only letters and digits).
pub(crate) fn terms_of(text: &str) -> String {
    // The word characters, folded, each word followed by a space.
    let mut folded = String::new();
    let mut ascii = [false; 128];
    let mut other: Vec<char> = Vec::new();
    for c in text.chars().map(super::search::fold) {
        if is_word_char(c) {
            folded.push(c);
            match c.is_ascii() {
                true => ascii[c as usize] = true,
                false => other.push(c),
            }
        } else if !folded.is_empty() && !folded.ends_with(' ') {
            folded.push(' ');
        }
    }
    let mut words: Vec<&str> = folded.split(' ').filter(|w| w.chars().nth(1).is_some()).collect();
    words.sort_unstable();
    words.dedup();
    other.sort_unstable();
    other.dedup();
    let mut out = words.join(" ");
    let letters = (0u8..128).filter(|&b| ascii[b as usize]).map(char::from).chain(other);
    for c in letters {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// Registers [`WORDS_FN`] on a connection.
pub(crate) fn register_functions(conn: &rusqlite::Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(WORDS_FN, 1, FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC, |ctx| {
        let text = ctx.get_raw(0).as_str_or_null().map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?;
        Ok(text.map(terms_of).unwrap_or_default())
    })
}

/// Adds to the word index the articles listed in `temp.indexing` (whose old entries are
/// gone), and their words of three or more characters to `search_words`; they leave the
/// upgrade's queue `words_pending`. One INSERT for all of them: FTS5 writes its buffered
/// terms out at every statement, so one statement per article would write a segment each.
pub(crate) fn add_pending_words(conn: &rusqlite::Connection) -> Result<()> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS indexing_words (seq INTEGER PRIMARY KEY, headline TEXT NOT NULL, rest TEXT NOT NULL)")?;
    conn.prepare_cached(&format!(
        "INSERT INTO temp.indexing_words (seq, headline, rest) \
         SELECT v.seq, {WORDS_FN}(v.headline), {WORDS_FN}(v.deck || v.summary || v.body_text || v.tags_text || v.source_text) \
         FROM temp.indexing p JOIN articles_search v ON v.seq = p.seq"
    ))?
    .execute([])?;
    conn.prepare_cached("INSERT INTO articles_words (rowid, headline, rest) SELECT seq, headline, rest FROM temp.indexing_words")?
        .execute([])?;
    let mut words: FxHashSet<String> = FxHashSet::default();
    {
        let mut stmt = conn.prepare_cached("SELECT headline, rest FROM temp.indexing_words")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            for i in 0..2 {
                let terms = r.get_ref(i)?.as_str().map_err(rusqlite::Error::from)?;
                for t in terms.split(' ').filter(|t| t.chars().nth(2).is_some()) {
                    if !words.contains(t) {
                        words.insert(t.to_owned());
                    }
                }
            }
        }
    }
    let mut add = conn.prepare_cached("INSERT OR IGNORE INTO search_words (term) VALUES (?1)")?;
    for w in &words {
        add.execute([w])?;
    }
    conn.prepare_cached("DELETE FROM words_pending WHERE seq IN (SELECT seq FROM temp.indexing)")?.execute([])?;
    conn.prepare_cached("DELETE FROM temp.indexing_words")?.execute([])?;
    Ok(())
}

/// Indexes the words of the `limit` oldest articles the upgrade to schema 8 queued.
pub(crate) fn index_some_upgraded(conn: &rusqlite::Connection, limit: i64) -> Result<()> {
    conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS indexing (seq INTEGER PRIMARY KEY, stale INTEGER NOT NULL)")?;
    conn.prepare_cached("INSERT INTO temp.indexing (seq, stale) SELECT seq, 0 FROM words_pending ORDER BY seq LIMIT ?1")?
        .execute([limit])?;
    add_pending_words(conn)?;
    conn.prepare_cached("DELETE FROM temp.indexing")?.execute([])?;
    Ok(())
}

/// How many articles of a library upgraded to schema 8 wait for the word index.
pub(crate) fn upgrade_queue_len(conn: &rusqlite::Connection) -> Result<u64> {
    Ok(conn.prepare_cached("SELECT count(*) FROM words_pending")?.query_row([], |r| r.get::<_, i64>(0))?.max(0) as u64)
}

/// Whether articles of a library upgraded to schema 8 still wait for the word index.
pub(crate) fn upgrade_pending(conn: &rusqlite::Connection) -> Result<bool> {
    Ok(conn.prepare_cached("SELECT EXISTS (SELECT 1 FROM words_pending)")?.query_row([], |r| r.get(0))?)
}

/// `search_words` in memory: every word, each followed by a newline, in the order they
/// were added, and the id of the last one read. New words are read at each use (another
/// window or an import may have added some); words are never removed, and a word no
/// article holds any more only adds a term that matches nothing.
#[derive(Default)]
pub(crate) struct WordList {
    text: String,
    upto: i64,
}

/// How a query is searched.
pub(crate) enum Plan {
    /// Through the trigram index.
    Trigrams,
    /// Through the word index, with this MATCH expression.
    Words(String),
    /// Nothing can match: no indexed word contains it.
    Nothing,
}

impl Library {
    /// How `text` (NFC, trimmed) is searched: see the module notes.
    pub(crate) fn word_plan(&self, text: &str) -> Result<Plan> {
        let folded: String = text.chars().map(super::search::fold).collect();
        let n = folded.chars().count();
        if n == 0 || n == 2 || !folded.chars().all(is_word_char) || upgrade_pending(&self.conn)? {
            return Ok(Plan::Trigrams);
        }
        if n == 1 {
            return Ok(Plan::Words(super::search::fts_phrase(&folded)));
        }
        Ok(match self.words_containing(&folded)? {
            None => Plan::Trigrams,
            Some(words) if words.is_empty() => Plan::Nothing,
            Some(words) => Plan::Words(words.iter().map(|w| super::search::fts_phrase(w)).collect::<Vec<_>>().join(" OR ")),
        })
    }

    /// The indexed words that contain `needle` (folded), or `None` when more than
    /// [`MAX_TERMS`] do.
    fn words_containing(&self, needle: &str) -> Result<Option<Vec<String>>> {
        let mut list = self.word_list.borrow_mut();
        {
            let mut stmt = self.conn.prepare_cached("SELECT id, term FROM search_words WHERE id > ?1 ORDER BY id")?;
            let mut rows = stmt.query([list.upto])?;
            while let Some(r) = rows.next()? {
                list.upto = r.get(0)?;
                let term = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                list.text.push_str(term);
                list.text.push('\n');
            }
        }
        let text = &list.text;
        let mut words = Vec::new();
        let mut from = 0;
        while let Some(i) = text[from..].find(needle) {
            let at = from + i;
            let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
            let end = at + text[at..].find('\n').unwrap_or(text.len() - at);
            if words.len() == MAX_TERMS {
                return Ok(None);
            }
            words.push(text[start..end].to_owned());
            from = end;
        }
        Ok(Some(words))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::SearchQuery;
    use crate::model::{ArticleFields, Byline, Doc, Status};

    const WORDS: &[&str] = &[
        "ferry", "Ferryman", "harbour", "HARBOURS", "crossing", "café", "Straße", "covid", "19", "2024",
        "timetable", "table", "tables", "island", "islanders", "e", "x", "vote", "votes", "voter",
        "항구", "여객선", "표결", "시장", "yacht", "ŁÓDŹ", "pier", "piers", "ex", "tide",
    ];

    /// A deterministic little corpus: each article some of WORDS joined by spaces,
    /// punctuation and Hangul, so words meet across every kind of boundary.
    fn texts(i: usize) -> (String, String, Vec<String>) {
        let pick = |k: usize| WORDS[(i * 7 + k * 13 + i * k) % WORDS.len()];
        let seps = [" ", ", ", "-", "·", "의 ", "\u{a0}", "", "(", ") "];
        let mut body = String::new();
        for k in 0..(3 + i % 9) {
            body.push_str(pick(k));
            body.push_str(seps[(i + k) % seps.len()]);
        }
        let headline = format!("{} {}", pick(11), pick(12 + i % 3));
        let tags = if i.is_multiple_of(4) { vec![pick(20).to_string()] } else { vec![] };
        (headline, body, tags)
    }

    fn folded(s: &str) -> String {
        s.chars().map(crate::library::search::fold).collect()
    }

    #[test]
    fn a_word_search_finds_exactly_what_the_text_holds() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(&dir.path().join("lib.db")).unwrap();
        let mut stored: Vec<(String, String, String)> = Vec::new(); // id, headline, all text
        for i in 0..60 {
            let (headline, body, tags) = texts(i);
            let fields = ArticleFields {
                headline: headline.clone(),
                deck: String::new(),
                byline: Byline { name: "김기자".into(), email: String::new() },
                summary: String::new(),
                body: Doc::from_paragraphs([body.as_str()]),
                tags: tags.clone(),
                section: String::new(),
                language: "en".into(),
            };
            let a = lib.create_article(fields, Status::Draft).unwrap();
            stored.push((a.id, headline.clone(), format!("{headline}\n\n{body}\n\n{}", tags.join("\n"))));
        }
        // Changed and trashed articles leave the word index too.
        let (id, _, _) = stored[5].clone();
        let a = lib.article(&id).unwrap();
        let mut f = crate::library::articles::fields_of(&a);
        f.body = Doc::from_paragraphs(["quay quays"]);
        lib.save_article(&id, a.version, f, crate::library::SaveOptions { reason: crate::library::SaveReason::Explicit, allow_emptying: false }).unwrap();
        stored[5].2 = format!("{}\n\nquay quays\n\n", stored[5].1);
        let (gone, _, _) = stored.remove(9);
        lib.trash(&gone).unwrap();

        let mut queries: Vec<String> = vec!["quay".into(), "zzz".into(), "é".into(), "ß".into(), "Ł".into()];
        for w in WORDS.iter().filter(|w| w.chars().all(|c| is_word_char(c.to_lowercase().next().unwrap()))) {
            let chars: Vec<char> = w.chars().collect();
            for len in [1, 3, 4, chars.len()] {
                for start in 0..chars.len().saturating_sub(len - 1) {
                    queries.push(chars[start..start + len].iter().collect());
                }
            }
            queries.push(w.to_uppercase());
        }
        let mut by_words = 0;
        for q in &queries {
            let page = lib.search(&SearchQuery { limit: 500, ..SearchQuery::text(q.clone()) }).unwrap();
            let needle = folded(q);
            let mut want_head: Vec<&str> = Vec::new();
            let mut want_rest: Vec<&str> = Vec::new();
            for (id, headline, all) in stored.iter().rev() {
                if folded(&format!("{headline}\n\n")).contains(&needle) {
                    want_head.push(id);
                } else if folded(all).contains(&needle) {
                    want_rest.push(id);
                }
            }
            let got: Vec<&str> = page.hits.iter().map(|h| h.id.as_str()).collect();
            let want: Vec<&str> = want_head.iter().chain(&want_rest).copied().collect();
            assert_eq!(got, want, "query {q:?}");
            assert_eq!(page.total, want.len() as u64, "query {q:?}");
            if matches!(lib.word_plan(&crate::text::nfc(q)).unwrap(), Plan::Words(_) | Plan::Nothing) {
                by_words += 1;
            }
        }
        // Every query of one run of Latin letters, except those of two characters, took the
        // word index.
        let two = queries.iter().filter(|q| q.chars().count() == 2).count();
        assert_eq!(by_words, queries.len() - two, "{queries:?}");
    }

    /// A library upgraded to schema 8 searches through the trigrams until its articles are
    /// in the word index, then through the words, with the same result.
    #[test]
    fn an_upgraded_library_searches_the_same_before_and_after_its_words_are_indexed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lib.db");
        let mut lib = Library::open(&path).unwrap();
        let ferry = ArticleFields {
            headline: "The island ferry".into(),
            deck: String::new(),
            byline: Byline { name: "김기자".into(), email: String::new() },
            summary: String::new(),
            body: Doc::from_paragraphs(["Crossings resumed at the ferrymen's pier."]),
            tags: vec![],
            section: String::new(),
            language: "en".into(),
        };
        lib.create_article(ferry.clone(), Status::Draft).unwrap();
        lib.create_article(ArticleFields { headline: "항구 소식".into(), ..ferry.clone() }, Status::Draft).unwrap();
        lib.create_article(ArticleFields { headline: "Tide tables".into(), ..ferry }, Status::Draft).unwrap();
        // What the upgrade leaves: the word index empty, every article queued.
        lib.conn
            .execute_batch(
                "INSERT INTO articles_words (articles_words) VALUES ('delete-all'); DELETE FROM search_words;
                 INSERT INTO words_pending (seq) SELECT seq FROM articles;",
            )
            .unwrap();
        let ro = Library::open_read_only(&path).unwrap();
        assert!(matches!(ro.word_plan("ferry").unwrap(), Plan::Trigrams));
        assert_eq!(ro.search(&SearchQuery::text("ferrym")).unwrap().total, 3);
        assert!(matches!(lib.word_plan("ferrym").unwrap(), Plan::Trigrams));
        assert_eq!(lib.search(&SearchQuery::text("ferrym")).unwrap().total, 3);
        assert_eq!(ro.index_upgraded_words(10).unwrap(), 0, "a read-only library cannot index");
        assert_eq!(lib.index_upgraded_words(2).unwrap(), 1);
        assert!(matches!(lib.word_plan("ferrym").unwrap(), Plan::Trigrams));
        assert_eq!(lib.index_upgraded_words(2).unwrap(), 0);
        assert!(matches!(lib.word_plan("ferrym").unwrap(), Plan::Words(_)));
        for (q, n) in [("ferrym", 3), ("FERRY", 3), ("tide", 1), ("pier", 3), ("piers", 0), ("e", 3)] {
            assert_eq!(lib.search(&SearchQuery::text(q)).unwrap().total, n, "{q}");
        }
        drop(lib);
        let ro = Library::open_read_only(&path).unwrap();
        assert_eq!(ro.search(&SearchQuery::text("ferrym")).unwrap().total, 3);
    }

    #[test]
    fn terms_are_the_folded_latin_words_and_their_letters() {
        let mut terms: Vec<String> = terms_of("The COVID-19 ferry, the café 기사 2024년 Straße").split(' ').map(String::from).collect();
        terms.sort();
        let mut want: Vec<&str> = "the covid 19 ferry café 2024 straße".split(' ').collect();
        want.extend(["t", "h", "e", "c", "o", "v", "i", "d", "1", "9", "f", "r", "y", "a", "é", "2", "0", "4", "s", "ß"]);
        want.sort();
        want.dedup();
        assert_eq!(terms, want);
        assert_eq!(terms_of("기사 — 서울"), "");
    }

    #[test]
    fn word_characters_are_latin_letters_and_digits() {
        assert!(['a', 'Z', '7', 'é', 'ß', 'ł', 'ǆ'].iter().all(|&c| is_word_char(c)));
        assert!(!['가', '中', '-', ' ', '\u{301}', 'Ω', '٣', '７'].iter().any(|&c| is_word_char(c)));
    }
}
