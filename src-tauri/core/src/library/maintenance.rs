//! Backup (SQLite online backup, consistent while others write) and the integrity check.
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use super::open::sidecar;
use super::revisions::decode_blob;
use super::types::CheckReport;
use super::Library;
use crate::error::{Error, Result};
use crate::model::Doc;

/// Most problems of one kind listed before "and N more".
const MAX_LISTED: usize = 20;

fn file_error(path: &Path, reason: impl Into<String>) -> Error {
    Error::File { path: path.to_path_buf(), reason: reason.into() }
}

/// Fsyncs the folder holding `path`, so a rename in it survives a power cut.
fn sync_parent(path: &Path) -> Result<()> {
    #[cfg(unix)]
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::File::open(dir)?.sync_all()?;
    }
    let _ = path;
    Ok(())
}

/// Why a backup could not be written into `folder`, naming the folder (not the library).
fn describe_folder_error(e: &std::io::Error, folder: &Path) -> String {
    use std::io::ErrorKind as K;
    let shown = folder.display();
    match (e.kind(), e.raw_os_error()) {
        (K::ReadOnlyFilesystem, _) | (_, Some(30)) => format!("the folder {shown} is on a read-only disk; choose another folder for the backup"),
        (K::PermissionDenied, _) => format!("the folder {shown} cannot be written (it is read-only or you have no permission); choose another folder for the backup"),
        (K::StorageFull, _) | (_, Some(28)) => format!("the disk of {shown} is full; free some space or choose another drive for the backup"),
        (K::NotADirectory | K::AlreadyExists, _) | (_, Some(20)) => format!("{shown} is not a folder; choose a folder for the backup"),
        (K::NotFound, _) => format!("the folder {shown} does not exist and could not be created; choose another folder"),
        _ => format!("the backup could not be written into {shown} ({e})"),
    }
}

/// Removes every `.NAME.tmp-PID` (and its `-journal`, `-wal`, `-shm`) in `folder` whose
/// PID is not a running process: what killed backups left, whatever name they backed up to. Temporaries of live processes (another
/// backup running now) and of this process are left alone. Where running processes cannot
/// be told (no `/proc`), nothing is removed.
fn remove_stale_temporaries(folder: &Path) {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let file = entry.file_name();
        let Some(rest) = file.to_str().filter(|f| f.starts_with('.')).and_then(|f| f.rsplit_once(".tmp-")).map(|(_, r)| r) else { continue };
        let pid = ["-journal", "-wal", "-shm"].iter().fold(rest, |r, s| r.strip_suffix(s).unwrap_or(r));
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid == std::process::id() || Path::new("/proc").join(pid.to_string()).exists() {
            continue;
        }
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

impl Library {
    /// Writes a consistent copy of the library to `dest`, even while another connection is
    /// writing: the whole database is copied in one step of SQLite's online backup, under
    /// one read snapshot. The copy goes to a temporary file beside `dest`, is synced, then
    /// renamed. An existing `dest` is refused, never overwritten.
    ///
    /// The temporary file is `.NAME.tmp-PID` (written without a journal, so a killed backup
    /// leaves one file, not a file and a `-journal` that open as an empty library); the
    /// temporaries of backups to the same name whose process is gone are removed first.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(file_error(dest, "a file with this name already exists; choose another name"));
        }
        let name = dest.file_name().ok_or_else(|| file_error(dest, "this is not a file name"))?;
        let folder = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        if let Err(e) = fs::create_dir_all(&folder) {
            return Err(file_error(dest, describe_folder_error(&e, &folder)));
        }
        remove_stale_temporaries(&folder);
        let tmp = dest.with_file_name(format!(".{}.tmp-{}", name.to_string_lossy(), std::process::id()));
        // Creating the temporary by hand first: a folder that cannot be written is named as
        // such, not blamed on the library.
        if let Err(e) = fs::OpenOptions::new().write(true).create(true).truncate(true).open(&tmp) {
            return Err(file_error(dest, describe_folder_error(&e, &folder)));
        }
        let result = self.backup_to(&tmp).and_then(|()| {
            fs::File::open(&tmp)?.sync_all()?;
            if dest.exists() {
                return Err(file_error(dest, "a file with this name appeared during the backup"));
            }
            fs::rename(&tmp, dest)?;
            sync_parent(dest)
        });
        if result.is_err() {
            for p in [tmp.clone(), sidecar(&tmp, "-journal"), sidecar(&tmp, "-wal"), sidecar(&tmp, "-shm")] {
                let _ = fs::remove_file(p);
            }
        }
        result
    }

    fn backup_to(&self, tmp: &Path) -> Result<()> {
        if let Some(parent) = tmp.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        let mut out = Connection::open_with_flags(
            tmp,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // A half-written temporary is thrown away, never rolled back: no journal (a killed
        // backup's `-journal` made its temporary open as an empty library), and the file
        // is synced once, whole, before the rename.
        out.query_row("PRAGMA journal_mode = OFF", [], |_| Ok(()))?;
        out.pragma_update(None, "synchronous", "OFF")?;
        {
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut out)?;
            // -1: every page in one step, so the copy is one snapshot and never restarts.
            let mut tries = 0;
            loop {
                match backup.step(-1)? {
                    rusqlite::backup::StepResult::Done => break,
                    _ if tries < 200 => {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(25));
                    }
                    _ => {
                        return Err(Error::Database(
                            "the backup could not read the library: it stayed busy; try again".into(),
                        ))
                    }
                }
            }
        }
        // The copy says "WAL" in its header (the backup copies the source's pages); fold
        // any log into the file and make it a plain rollback-journal file before closing.
        out.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        out.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        out.close().map_err(|(_, e)| e)?;
        Ok(())
    }

    /// Checks the library: SQLite's integrity and foreign keys, that the search index
    /// matches the articles (every article indexed with its current text, no stray rows),
    /// that every body fits the document schema and the stored tag text matches the tags,
    /// and that every revision's content
    /// decompresses and matches its hash. Problems are listed in plain words.
    pub fn check(&self) -> Result<CheckReport> {
        let mut problems = Vec::new();
        let conn = &self.conn;

        let mut integrity = conn.prepare("PRAGMA integrity_check")?;
        for row in integrity.query_map([], |r| r.get::<_, String>(0))? {
            let row = row?;
            if row != "ok" {
                problems.push(format!("database integrity: {row}"));
            }
        }
        let mut fk = conn.prepare("PRAGMA foreign_key_check")?;
        for row in fk.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<i64>>(1)?, r.get::<_, String>(2)?)))? {
            let (table, rowid, parent) = row?;
            problems.push(format!("a row of {table} (row {}) points at a missing {parent} row", rowid.unwrap_or(-1)));
        }

        self.check_search_index(&mut problems)?;
        self.check_derived_text(&mut problems)?;
        self.check_revisions(&mut problems)?;
        super::roundups::check_roundups(conn, &mut problems)?;

        let articles: i64 = conn.query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        let revisions: i64 = conn.query_row("SELECT count(*) FROM revisions", [], |r| r.get(0))?;
        Ok(CheckReport { ok: problems.is_empty(), articles: articles as u64, revisions: revisions as u64, problems })
    }

    fn check_search_index(&self, problems: &mut Vec<String>) -> Result<()> {
        let ids = |sql: &str| -> Result<BTreeSet<i64>> {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        // Saves not yet indexed are indexed now; a read-only check counts them as queued,
        // not missing (its searches read them from the queue).
        self.index_queued()?;
        let articles = ids("SELECT seq FROM articles WHERE seq NOT IN (SELECT seq FROM search_pending)")?;
        let indexed = ids("SELECT id FROM articles_fts_docsize WHERE id NOT IN (SELECT seq FROM search_pending)")?;
        let missing: Vec<_> = articles.difference(&indexed).collect();
        let stray: Vec<_> = indexed.difference(&articles).collect();
        if !missing.is_empty() {
            let names = self.article_ids(&missing)?;
            problems.push(format!("{} article(s) are missing from the search index: {}", missing.len(), names));
        }
        if !stray.is_empty() {
            problems.push(format!("the search index holds {} row(s) of articles that no longer exist", stray.len()));
        }
        // The word index (words.rs): the same articles, less those an upgrade still queues.
        let queued_words = ids("SELECT seq FROM words_pending")?;
        let worded = ids("SELECT id FROM articles_words_docsize WHERE id NOT IN (SELECT seq FROM search_pending)")?;
        let expected: BTreeSet<i64> = articles.difference(&queued_words).copied().collect();
        if worded != expected {
            problems.push(format!(
                "the word index is out of step with the articles ({} missing, {} stray); rebuild the search index",
                expected.difference(&worded).count(),
                worded.difference(&expected).count()
            ));
        }
        // FTS5's own structure check is an INSERT: it needs a writable connection (and the
        // write lock). A read-only check does without it; the comparisons above and the
        // text checks still run.
        if self.read_only {
            return Ok(());
        }
        for index in ["articles_fts", "articles_words"] {
            let result = self.conn.execute(&format!("INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)"), []);
            if let Err(e) = result {
                problems.push(format!("the search index does not match the article text ({e}); rebuild the search index"));
                break;
            }
        }
        Ok(())
    }

    fn article_ids(&self, seqs: &[&i64]) -> Result<String> {
        let mut stmt = self.conn.prepare_cached("SELECT id FROM articles WHERE seq = ?1")?;
        let mut names = Vec::new();
        for s in seqs.iter().take(MAX_LISTED) {
            names.push(stmt.query_row([**s], |r| r.get::<_, String>(0))?);
        }
        if seqs.len() > MAX_LISTED {
            names.push(format!("and {} more", seqs.len() - MAX_LISTED));
        }
        Ok(names.join(", "))
    }

    fn check_derived_text(&self, problems: &mut Vec<String>) -> Result<()> {
        let mut stmt = self.conn.prepare("SELECT id, body, tags, tags_text FROM articles")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let body: String = r.get(1)?;
            let problem = match serde_json::from_str::<Doc>(&body) {
                Err(e) => Some(format!("the body of article {id} does not fit the document schema ({e})")),
                Ok(_) => match serde_json::from_str::<Vec<String>>(&r.get::<_, String>(2)?) {
                    Ok(tags) if tags.join("\n") == r.get::<_, String>(3)? => None,
                    _ => Some(format!("the tags of article {id} are damaged")),
                },
            };
            if let Some(p) = problem {
                problems.push(p);
            }
        }
        let tag_rows: i64 = self.conn.query_row(
            "SELECT count(*) FROM article_tags t JOIN articles a ON a.id = t.article_id \
             WHERE NOT EXISTS (SELECT 1 FROM json_each(a.tags) j WHERE j.value = t.tag)",
            [],
            |r| r.get(0),
        )?;
        let tag_count: (i64, i64) = self.conn.query_row(
            "SELECT (SELECT count(*) FROM article_tags), (SELECT coalesce(sum(json_array_length(tags)), 0) FROM articles)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if tag_rows > 0 || tag_count.0 != tag_count.1 {
            problems.push("the tag index does not match the articles' tags".into());
        }
        Ok(())
    }

    fn check_revisions(&self, problems: &mut Vec<String>) -> Result<()> {
        let mut stmt = self.conn.prepare("SELECT id, hash, data FROM blobs")?;
        let mut rows = stmt.query([])?;
        let mut bad = 0usize;
        while let Some(r) = rows.next()? {
            let (id, hash): (i64, String) = (r.get(0)?, r.get(1)?);
            let data = r.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?;
            if let Err(why) = decode_blob::<serde_json::Value>(&hash, data) {
                bad += 1;
                if bad <= MAX_LISTED {
                    problems.push(format!("stored revision content {id} is damaged: {why}"));
                }
            }
        }
        if bad > MAX_LISTED {
            problems.push(format!("and {} more damaged revision contents", bad - MAX_LISTED));
        }
        let without: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.article_id = a.id)",
            [],
            |r| r.get(0),
        )?;
        if without > 0 {
            problems.push(format!("{without} article(s) have no revision"));
        }
        Ok(())
    }

    /// Rebuilds the search index from the articles (the repair for a check that found the
    /// index out of step).
    pub fn rebuild_search_index(&mut self) -> Result<()> {
        let tx = self.write()?;
        tx.execute_batch(
            "INSERT INTO articles_fts (articles_fts) VALUES ('delete-all');
             INSERT INTO articles_words (articles_words) VALUES ('delete-all');
             DELETE FROM words_pending;
             INSERT OR IGNORE INTO search_pending (seq) SELECT seq FROM articles;",
        )?;
        tx.commit()
    }
}
