//! Importing many files at once (`newsdesk import FOLDER`).
//!
//! Files are read and converted on a second thread while this one writes them into the
//! library, [`IMPORT_BATCH`] articles per transaction: one commit (and one fsync) per batch
//! instead of one per file. That took a 100,000-file import from 279 s towards the 60 s
//! target (bench/RESULTS.md). A batch the library refuses as a whole is written again file
//! by file, so one bad file is reported by name and the others still arrive. Each file is
//! reported only once its transaction has committed. The batches leave their articles
//! queued for the search index, which is built once at the end of the import (each batch
//! indexed on its own cost a merge of index segments per batch); a kill before the end
//! leaves them queued, and the next open indexes them. A large import then merges the
//! index into one segment, in short steps.
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::{article_from_text, edition_from_text, format_of, read_article_file, read_edition_file, read_import_text, read_release_file, Format, Release};
use crate::error::{Error, Result};
use crate::library::{Library, SaveReason};
use crate::model::{ArticleFields, Kind, Status};
use crate::roundup::{has_brief_markers, RoundupFields};

/// Articles written per transaction.
pub const IMPORT_BATCH: usize = 2000;
/// An import of at least this many files ends by merging the search index into one
/// segment (`Library::merge_index`): about 11 s after 100,000 files, which makes a
/// 1-character search several times faster.
pub(crate) const MERGE_INDEX_AFTER: usize = 1000;

/// What the imported files hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportAs {
    Article,
    Roundup,
    /// A roundup when a text or Markdown file has brief marker lines (`■ ▲ ◆ ●`).
    Auto,
}

impl std::str::FromStr for ImportAs {
    type Err = Error;
    fn from_str(s: &str) -> Result<ImportAs> {
        match s {
            "article" => Ok(ImportAs::Article),
            "roundup" => Ok(ImportAs::Roundup),
            "auto" => Ok(ImportAs::Auto),
            _ => Err(Error::Invalid(format!("{s:?} is not what a file can hold: use article, roundup or auto"))),
        }
    }
}

/// One file that arrived in the library.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Imported {
    pub id: String,
    pub kind: Kind,
    pub headline: String,
}

enum Read {
    Article(ArticleFields),
    /// A press release: its fields, the pictures its body shows, its source and file.
    Release(Box<Release>),
    Roundup(RoundupFields),
}

/// Reads one file as what `as_` says. With [`ImportAs::Auto`] the file is read once: a
/// text or Markdown file with brief marker lines is an edition, anything else an article.
fn read(file: &Path, as_: ImportAs) -> Result<Read> {
    if let (Some(Format::Release(_)), ImportAs::Article | ImportAs::Auto) = (format_of(file), as_) {
        return read_release_file(file).map(|r| Read::Release(Box::new(r)));
    }
    match as_ {
        ImportAs::Roundup => read_edition_file(file).map(Read::Roundup),
        ImportAs::Article => read_article_file(file).map(Read::Article),
        ImportAs::Auto => {
            let (format, text) = read_import_text(file)?;
            if matches!(format, Format::Text | Format::Markdown) && has_brief_markers(&text) {
                edition_from_text(file, format, &text).map(Read::Roundup)
            } else {
                article_from_text(file, format, &text).map(Read::Article)
            }
        }
    }
}

impl Library {
    /// Imports `files` in order with `status`, calling `each` once per file with what was
    /// created or why the file was refused. Returns an error only when the library itself
    /// fails (for example a full disk); files already reported stay imported.
    pub fn import_files(
        &mut self,
        files: &[PathBuf],
        as_: ImportAs,
        status: Status,
        mut each: impl FnMut(Result<Imported>),
    ) -> Result<()> {
        std::thread::scope(|scope| {
            let (tx, rx) = mpsc::sync_channel::<(&Path, Result<Read>)>(IMPORT_BATCH * 2);
            scope.spawn(move || {
                for file in files {
                    if tx.send((file.as_path(), read(file, as_))).is_err() {
                        break;
                    }
                }
            });
            let mut batch: Vec<(&Path, ArticleFields)> = Vec::with_capacity(IMPORT_BATCH);
            for (file, read) in rx {
                match read {
                    Err(e) => each(Err(e)),
                    Ok(Read::Article(fields)) => {
                        batch.push((file, fields));
                        if batch.len() == IMPORT_BATCH {
                            self.write_batch(std::mem::take(&mut batch), status, &mut each)?;
                        }
                    }
                    Ok(Read::Release(release)) => {
                        // Written on its own, with its pictures, file and source in one
                        // transaction, after the articles read before it.
                        self.write_batch(std::mem::take(&mut batch), status, &mut each)?;
                        match self.create_from_release(*release, status, SaveReason::Import) {
                            Ok(a) => each(Ok(Imported { id: a.id, kind: a.kind, headline: a.headline })),
                            Err(e) if is_library_failure(&e) => return Err(e),
                            Err(e) => each(Err(Error::File { path: file.to_path_buf(), reason: e.to_string() })),
                        }
                    }
                    Ok(Read::Roundup(fields)) => {
                        self.write_batch(std::mem::take(&mut batch), status, &mut each)?;
                        let r = self.create_roundup_as(fields, status, SaveReason::Import);
                        each(r.map(|r| Imported { id: r.id, kind: r.kind, headline: r.title }));
                    }
                }
            }
            self.write_batch(batch, status, &mut each)?;
            // The batches committed their articles without indexing them: the index is built
            // once, here, for the whole import (a search meanwhile catches up by itself),
            // and after a large one merged into one segment.
            self.index_queued()?;
            if files.len() >= MERGE_INDEX_AFTER {
                self.merge_index()?;
            }
            Ok(())
        })
    }

    /// Writes one batch in one transaction; when the library refuses it, file by file.
    fn write_batch(
        &mut self,
        batch: Vec<(&Path, ArticleFields)>,
        status: Status,
        each: &mut impl FnMut(Result<Imported>),
    ) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        let items = batch.iter().map(|(_, f)| (f.clone(), status)).collect();
        match self.create_articles_with(items, SaveReason::Import, false) {
            Ok(created) => {
                for a in created {
                    each(Ok(Imported { id: a.id, kind: a.kind, headline: a.headline }));
                }
                Ok(())
            }
            Err(e) if is_library_failure(&e) => Err(e),
            Err(_) => {
                for (file, fields) in batch {
                    match self.create_article_as(fields, status, SaveReason::Import) {
                        Ok(a) => each(Ok(Imported { id: a.id, kind: a.kind, headline: a.headline })),
                        Err(e) if is_library_failure(&e) => return Err(e),
                        Err(e) => each(Err(Error::File { path: file.to_path_buf(), reason: e.to_string() })),
                    }
                }
                Ok(())
            }
        }
    }
}

/// What an import of files dropped on the window or chosen in its dialog came to: what
/// arrived, in order, and each file refused with its reason.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub imported: Vec<Imported>,
    pub refused: Vec<Refused>,
    /// Set when the library itself failed part-way (a full disk): what is listed above
    /// arrived; the rest did not.
    pub stopped: Option<String>,
}

/// A file that was not imported, and why, in the reporter's words.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Refused {
    pub file: String,
    pub reason: String,
}

impl Refused {
    fn of(e: Error) -> Refused {
        match e {
            Error::File { path, reason } => Refused { file: path.display().to_string(), reason },
            other => Refused { file: String::new(), reason: other.to_string() },
        }
    }
}

impl Library {
    /// Imports the files and folders in `paths` (folders searched as the command line
    /// searches them), calling `progress(done, total)` after each file; never fails on a
    /// file, which is listed as refused instead.
    pub fn import_paths(&mut self, paths: &[PathBuf], as_: ImportAs, status: Status, mut progress: impl FnMut(usize, usize)) -> ImportReport {
        let (files, early) = super::collect_files(paths);
        let mut report = ImportReport { imported: Vec::new(), refused: early.into_iter().map(Refused::of).collect(), stopped: None };
        let total = files.len();
        let mut done = 0;
        let result = self.import_files(&files, as_, status, |item| {
            match item {
                Ok(i) => report.imported.push(i),
                Err(e) => report.refused.push(Refused::of(e)),
            }
            done += 1;
            progress(done, total);
        });
        if let Err(e) = result {
            report.stopped = Some(e.to_string());
        }
        report
    }
}

/// An error of the library itself (disk, file, lock) rather than of one file's content.
fn is_library_failure(e: &Error) -> bool {
    !matches!(e, Error::Invalid(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Doc};

    fn fields(headline: &str, body: Doc) -> ArticleFields {
        ArticleFields { headline: headline.into(), body, ..ArticleFields::default() }
    }

    #[test]
    fn a_batch_the_library_refuses_is_written_file_by_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(&dir.path().join("lib.db")).unwrap();
        // Quotes nested deeper than the library takes.
        let mut deep = Doc::from_paragraphs(["너무 깊다"]).content;
        for _ in 0..150 {
            deep = vec![Block::Blockquote { content: deep }];
        }
        let names = ["0.md", "1.md", "2.html", "3.md"];
        let batch: Vec<(&Path, ArticleFields)> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let body = if i == 2 { Doc { content: deep.clone(), ..Doc::default() } } else { Doc::from_paragraphs([format!("본문 {i}")]) };
                (Path::new(*name), fields(&format!("기사 {i}"), body))
            })
            .collect();
        let (mut ok, mut refused) = (Vec::new(), Vec::new());
        lib.write_batch(batch, Status::Draft, &mut |r: Result<Imported>| match r {
            Ok(i) => ok.push(i.headline),
            Err(e) => refused.push(e),
        })
        .unwrap();
        assert_eq!(ok, ["기사 0", "기사 1", "기사 3"]);
        assert_eq!(refused.len(), 1);
        let Error::File { path, reason } = &refused[0] else { panic!("{:?}", refused[0]) };
        assert_eq!(path, Path::new("2.html"));
        assert!(reason.contains("nested too deeply"), "{reason}");
    }
}
