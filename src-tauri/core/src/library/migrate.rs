//! Versioned schema migrations. `PRAGMA user_version` holds the number of migrations applied;
//! `PRAGMA application_id` marks the file as a Newsdesk library.
//!
//! Never edit a migration that has shipped: add a new one at the end, and add a fixture
//! library of the old version to `tests/fixtures/` (see `tests/migrations.rs`).
use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};
use std::path::Path;

/// "NDSK": written into the SQLite header of every library.
pub const APPLICATION_ID: i32 = 0x4E44_534B;

/// Each entry takes the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: articles, tags, revisions with deduplicated compressed content, assets, settings,
    //    and the trigram search index kept in step by triggers.
    r#"
    CREATE TABLE articles (
        seq          INTEGER PRIMARY KEY,
        id           TEXT NOT NULL UNIQUE,
        kind         TEXT NOT NULL DEFAULT 'article' CHECK (kind IN ('article', 'roundup')),
        status       TEXT NOT NULL CHECK (status IN ('draft', 'editing', 'ready', 'published')),
        created_at   TEXT NOT NULL,
        updated_at   TEXT NOT NULL,
        published_at TEXT,
        trashed_at   TEXT,
        version      INTEGER NOT NULL DEFAULT 1,
        chars        INTEGER NOT NULL DEFAULT 0,
        section      TEXT NOT NULL DEFAULT '',
        language     TEXT NOT NULL DEFAULT '',
        byline_name  TEXT NOT NULL DEFAULT '',
        byline_email TEXT NOT NULL DEFAULT '',
        headline     TEXT NOT NULL DEFAULT '',
        deck         TEXT NOT NULL DEFAULT '',
        summary      TEXT NOT NULL DEFAULT '',
        tags         TEXT NOT NULL DEFAULT '[]',
        tags_text    TEXT NOT NULL DEFAULT '',
        body_text    TEXT NOT NULL DEFAULT '',
        body         TEXT NOT NULL
    );
    CREATE INDEX articles_updated ON articles (trashed_at, updated_at);
    CREATE INDEX articles_created ON articles (trashed_at, created_at);
    CREATE INDEX articles_status ON articles (status, updated_at);

    CREATE TABLE article_tags (
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        tag        TEXT NOT NULL,
        position   INTEGER NOT NULL,
        PRIMARY KEY (article_id, tag)
    ) WITHOUT ROWID;
    CREATE INDEX article_tags_tag ON article_tags (tag, article_id);

    CREATE TABLE blobs (
        id    INTEGER PRIMARY KEY,
        hash  TEXT NOT NULL UNIQUE,
        size  INTEGER NOT NULL,
        data  BLOB NOT NULL
    );

    CREATE TABLE revisions (
        id         INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        reason     TEXT NOT NULL,
        version    INTEGER NOT NULL,
        status     TEXT NOT NULL,
        chars      INTEGER NOT NULL,
        blob_id    INTEGER NOT NULL REFERENCES blobs (id)
    );
    CREATE INDEX revisions_article ON revisions (article_id, id);
    CREATE INDEX revisions_blob ON revisions (blob_id);

    CREATE TABLE assets (
        sha256     TEXT PRIMARY KEY,
        mime       TEXT NOT NULL,
        size       INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        data       BLOB NOT NULL
    );

    CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) WITHOUT ROWID;

    -- What the search index holds: each column ends with two newlines, so every
    -- occurrence of a 1- or 2-character text starts a trigram (see search.rs).
    CREATE VIEW articles_search AS
        SELECT seq, headline || char(10, 10) AS headline, deck || char(10, 10) AS deck,
               summary || char(10, 10) AS summary, body_text || char(10, 10) AS body_text,
               tags_text || char(10, 10) AS tags_text
        FROM articles;
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        headline, deck, summary, body_text, tags_text,
        content = 'articles_search', content_rowid = 'seq', tokenize = 'trigram'
    );
    CREATE VIRTUAL TABLE articles_fts_terms USING fts5vocab ('articles_fts', 'instance');
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts (rowid, headline, deck, summary, body_text, tags_text)
        VALUES (new.seq, new.headline || char(10, 10), new.deck || char(10, 10), new.summary || char(10, 10),
                new.body_text || char(10, 10), new.tags_text || char(10, 10));
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, headline, deck, summary, body_text, tags_text)
        VALUES ('delete', old.seq, old.headline || char(10, 10), old.deck || char(10, 10), old.summary || char(10, 10),
                old.body_text || char(10, 10), old.tags_text || char(10, 10));
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, deck, summary, body_text, tags_text ON articles BEGIN
        INSERT INTO articles_fts (articles_fts, rowid, headline, deck, summary, body_text, tags_text)
        VALUES ('delete', old.seq, old.headline || char(10, 10), old.deck || char(10, 10), old.summary || char(10, 10),
                old.body_text || char(10, 10), old.tags_text || char(10, 10));
        INSERT INTO articles_fts (rowid, headline, deck, summary, body_text, tags_text)
        VALUES (new.seq, new.headline || char(10, 10), new.deck || char(10, 10), new.summary || char(10, 10),
                new.body_text || char(10, 10), new.tags_text || char(10, 10));
    END;
    "#,
    // 2: roundups. An edition is also a row of `articles` (kind 'roundup': title as headline,
    //    its whole text as the derived body), so list, count, search, trash and revisions
    //    take it as they are; `roundups` holds its parts as JSON, `roundup_articles` which
    //    library articles it uses (no foreign key there: deleting an article must not touch
    //    the edition, which keeps its own copy of the text).
    r#"
    CREATE TABLE roundups (
        id           TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        edition_date TEXT NOT NULL,
        content      TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX roundups_edition_date ON roundups (edition_date);
    CREATE TABLE roundup_articles (
        roundup_id TEXT NOT NULL REFERENCES roundups (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        PRIMARY KEY (roundup_id, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX roundup_articles_article ON roundup_articles (article_id, roundup_id);
    "#,
    // 3: faster search, saves and imports (see search.rs).
    //    * `articles_live`: search checks the filters of each match in this small index of
    //      live articles instead of the wide article rows.
    //    * The search index becomes contentless with deletes (`contentless_delete`): a save
    //      removes the article's old entries by rowid instead of re-reading and tokenising
    //      its old text, which was a sixth of an autosave. Search never read text back from
    //      the index (snippets are made from the article row).
    //    * Triggers no longer index: they queue the article in `search_pending`, and every
    //      write transaction indexes the queue in one statement before it commits
    //      (`WriteTx::commit`). FTS5 flushes its buffered terms at each statement savepoint,
    //      so indexing inside the triggers wrote one index segment per imported article.
    //      The articles queued here are indexed when the library is next opened.
    //    * `articles_fts_vocab` lists the index's terms for 1-2 character queries.
    r#"
    CREATE INDEX articles_live ON articles (seq, kind, status, id) WHERE trashed_at IS NULL;
    DROP TRIGGER articles_fts_insert;
    DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    DROP TABLE articles_fts_terms;
    DROP TABLE articles_fts;
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        headline, deck, summary, body_text, tags_text,
        content = '', contentless_delete = 1, tokenize = 'trigram'
    );
    CREATE VIRTUAL TABLE articles_fts_vocab USING fts5vocab ('articles_fts', 'row');
    -- Terms buffered before FTS5 writes a segment: 16 MB instead of 1 MB, so an import
    -- batch of 500 articles becomes one segment rather than several, merged less often.
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 16777216);
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
    CREATE TABLE search_pending (seq INTEGER PRIMARY KEY);
    INSERT INTO search_pending (seq) SELECT seq FROM articles;
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT OR IGNORE INTO search_pending (seq) VALUES (new.seq);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.seq;
        DELETE FROM search_pending WHERE seq = old.seq;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, deck, summary, body_text, tags_text ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.seq;
        INSERT OR IGNORE INTO search_pending (seq) VALUES (new.seq);
    END;
    "#,
    // 4: "ignore here", remembered with the article or edition (library/style.rs): the
    //    findings of this rule, in this field, on exactly this text are not reported.
    //    Not part of the content: ignoring neither bumps the version nor writes a revision.
    r#"
    CREATE TABLE style_ignored (
        item_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        rule    TEXT NOT NULL,
        field   TEXT NOT NULL,
        text    TEXT NOT NULL,
        PRIMARY KEY (item_id, rule, field, text)
    ) WITHOUT ROWID;
    "#,
    // 5: the source of an article made from a press release, kept beside it: the original
    //    file (its bytes in `assets`, by SHA-256, like pictures), what the letterhead and the
    //    e-mail said, and the release's whole text, which search covers too (the index gains
    //    a `source_text` column, so it is rebuilt: every article is queued once). And the
    //    length goal a reporter sets on a piece (not content: no version, no revision).
    r#"
    CREATE TABLE sources (
        item_id    TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        file_name  TEXT NOT NULL,
        media_type TEXT NOT NULL,
        sha256     TEXT NOT NULL,
        size       INTEGER NOT NULL,
        issuer     TEXT NOT NULL,
        embargo    TEXT NOT NULL,
        contacts   TEXT NOT NULL,
        sender     TEXT NOT NULL,
        sent_at    TEXT NOT NULL,
        text       TEXT NOT NULL
    );
    CREATE TABLE length_goals (
        item_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
        unit    TEXT NOT NULL CHECK (unit IN ('chars', 'pages')),
        amount  INTEGER NOT NULL CHECK (amount > 0)
    ) WITHOUT ROWID;
    DROP TRIGGER articles_fts_insert;
    DROP TRIGGER articles_fts_delete;
    DROP TRIGGER articles_fts_update;
    DROP TABLE articles_fts_vocab;
    DROP TABLE articles_fts;
    DROP VIEW articles_search;
    CREATE VIEW articles_search AS
        SELECT a.seq, a.headline || char(10, 10) AS headline, a.deck || char(10, 10) AS deck,
               a.summary || char(10, 10) AS summary, a.body_text || char(10, 10) AS body_text,
               a.tags_text || char(10, 10) AS tags_text,
               coalesce(s.text, '') || char(10, 10) AS source_text
        FROM articles a LEFT JOIN sources s ON s.item_id = a.id;
    CREATE VIRTUAL TABLE articles_fts USING fts5 (
        headline, deck, summary, body_text, tags_text, source_text,
        content = '', contentless_delete = 1, tokenize = 'trigram'
    );
    CREATE VIRTUAL TABLE articles_fts_vocab USING fts5vocab ('articles_fts', 'row');
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 16777216);
    INSERT INTO articles_fts (articles_fts, rank) VALUES ('automerge', 8);
    DELETE FROM search_pending;
    INSERT INTO search_pending (seq) SELECT seq FROM articles;
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT OR IGNORE INTO search_pending (seq) VALUES (new.seq);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.seq;
        DELETE FROM search_pending WHERE seq = old.seq;
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, deck, summary, body_text, tags_text ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.seq;
        INSERT OR IGNORE INTO search_pending (seq) VALUES (new.seq);
    END;
    CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
        DELETE FROM articles_fts WHERE rowid = (SELECT seq FROM articles WHERE id = new.item_id);
        INSERT OR IGNORE INTO search_pending (seq) SELECT seq FROM articles WHERE id = new.item_id;
    END;
    "#,
    // 6: publishing to the outlet's CMS (publish/, library/publishing.rs). The targets
    //    (name, kind, site address, user; the secret is in the system's keyring, never
    //    here); what each piece became on each target (its remote id, address, status, the
    //    CMS's last-modified time, to notice an edit made there; `pending_since` marks a
    //    create whose answer never came, so a retry finds the post instead of duplicating
    //    it); the pictures uploaded to a site, by their SHA-256, so each goes up once; and a
    //    revision's note (a publish's remote address).
    r#"
    ALTER TABLE revisions ADD COLUMN note TEXT NOT NULL DEFAULT '';
    CREATE TABLE publish_targets (
        name       TEXT PRIMARY KEY,
        kind       TEXT NOT NULL CHECK (kind IN ('wordpress')),
        site_url   TEXT NOT NULL,
        user       TEXT NOT NULL,
        created_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE publications (
        item_id         TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        target          TEXT NOT NULL,
        site_url        TEXT NOT NULL,
        remote_id       TEXT NOT NULL DEFAULT '',
        url             TEXT NOT NULL DEFAULT '',
        status          TEXT NOT NULL DEFAULT '',
        remote_modified TEXT NOT NULL DEFAULT '',
        published_at    TEXT,
        pending_since   TEXT,
        PRIMARY KEY (item_id, target)
    ) WITHOUT ROWID;
    CREATE TABLE published_media (
        site_url  TEXT NOT NULL,
        sha256    TEXT NOT NULL,
        remote_id TEXT NOT NULL,
        url       TEXT NOT NULL,
        PRIMARY KEY (site_url, sha256)
    ) WITHOUT ROWID;
    "#,
    // 7: a save commits its text without waiting for the search index (search.rs). The
    //    triggers only queue the article; `stale` says the index still holds the article's
    //    previous text, which the catch-up removes before it adds the new (an article queued
    //    since it was created has nothing there). Rows queued before this version were
    //    queued by an upgrade or a rebuild, whose index starts empty: 0 is right for them.
    r#"
    ALTER TABLE search_pending ADD COLUMN stale INTEGER NOT NULL DEFAULT 0;
    DROP TRIGGER articles_fts_update;
    DROP TRIGGER sources_fts_insert;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, deck, summary, body_text, tags_text ON articles BEGIN
        INSERT OR IGNORE INTO search_pending (seq, stale) VALUES (new.seq, 1);
    END;
    CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
        INSERT OR IGNORE INTO search_pending (seq, stale) SELECT seq, 1 FROM articles WHERE id = new.item_id;
    END;
    "#,
    // 8: the word index beside the trigram one (library/words.rs): each article's Latin
    //    words and letters, terms only (`detail = column`: which column, no positions), and
    //    the list of every word of three or more characters. Written in the same catch-up
    //    as the trigrams; the articles already indexed are queued in `words_pending`, which
    //    `Library::index_queued` works through after an upgrade (searches use the trigrams
    //    until it is empty). A rebuild empties both indexes and queues every article.
    r#"
    CREATE VIRTUAL TABLE articles_words USING fts5 (
        headline, rest,
        content = '', contentless_delete = 1, detail = column, tokenize = 'ascii'
    );
    INSERT INTO articles_words (articles_words, rank) VALUES ('hashsize', 16777216);
    INSERT INTO articles_words (articles_words, rank) VALUES ('automerge', 8);
    CREATE TABLE search_words (id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE);
    CREATE TABLE words_pending (seq INTEGER PRIMARY KEY);
    INSERT INTO words_pending (seq) SELECT seq FROM articles WHERE seq NOT IN (SELECT seq FROM search_pending);
    DROP TRIGGER articles_fts_delete;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.seq;
        DELETE FROM articles_words WHERE rowid = old.seq;
        DELETE FROM search_pending WHERE seq = old.seq;
        DELETE FROM words_pending WHERE seq = old.seq;
    END;
    "#,
    // 9: the row keeps the body once. The searched body text is derived from the body by
    //    the view (`newsdesk_plain`, search.rs), so an autosave writes about half the bytes
    //    it did. `body_text` stays as a column: dropping it rewrites every row, minutes at
    //    the first open of a large library. Nothing reads it; a save empties it, so a row
    //    from before keeps its copy until its next save. The index is unchanged (the view
    //    yields the same text), so nothing is queued again.
    r#"
    DROP VIEW articles_search;
    CREATE VIEW articles_search AS
        SELECT a.seq, a.headline || char(10, 10) AS headline, a.deck || char(10, 10) AS deck,
               a.summary || char(10, 10) AS summary, newsdesk_plain(a.body) || char(10, 10) AS body_text,
               a.tags_text || char(10, 10) AS tags_text,
               coalesce(s.text, '') || char(10, 10) AS source_text
        FROM articles a LEFT JOIN sources s ON s.item_id = a.id;
    DROP TRIGGER articles_fts_update;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF headline, deck, summary, body, tags_text ON articles BEGIN
        INSERT OR IGNORE INTO search_pending (seq, stale) VALUES (new.seq, 1);
    END;
    "#,
];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to [`SCHEMA_VERSION`] in one transaction. Re-reads the version and
/// the application id inside the transaction, so a newer or foreign file is refused even
/// when another process changed it after the read-only inspection.
///
/// An up-to-date library is recognised with reads only, so opening it never waits for the
/// write lock (a bulk import in another process holds it for a batch at a time).
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<i64> {
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let app_id: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if app_id == APPLICATION_ID && version == SCHEMA_VERSION {
            return Ok(version);
        }
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let app_id: i32 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID {
        let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0))?;
        if app_id != 0 || tables > 0 {
            return Err(Error::NotALibrary {
                path: path.to_path_buf(),
                reason: "it is a database of another program".into(),
            });
        }
    }
    if version > SCHEMA_VERSION {
        return Err(Error::TooNew { path: path.to_path_buf(), found: version, supported: SCHEMA_VERSION });
    }
    if version == SCHEMA_VERSION && app_id == APPLICATION_ID {
        return Ok(version);
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version.max(0) as usize) {
        tx.execute_batch(sql)
            .map_err(|e| Error::Database(format!("upgrading the library to version {} failed: {e}", i + 1)))?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(SCHEMA_VERSION)
}
