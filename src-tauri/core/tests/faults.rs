//! Disk and file faults: a full disk (a small tmpfs, mounted and removed by the test), a
//! read-only folder, the library file deleted or replaced while open, a database locked by
//! another program, and a 5 MB article. Each is a clear error in the reporter's words;
//! what was saved before stays saved; no partial export file is left.
//!
//! The file-system tests mount tmpfs and need root (CI runs as root here); elsewhere they
//! say so and pass without checking.
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fields, library};
use newsdesk_core::export::{export_article, Format};
use newsdesk_core::library::{Library, SaveOptions, SaveReason};
use newsdesk_core::model::Status;
use newsdesk_core::render::{no_assets, Outlet, RenderContext};
use newsdesk_core::Error;

/// A tmpfs of `size` mounted on a fresh folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str, read_only: bool) -> Option<Tmpfs> {
        if unsafe { libc::geteuid() } != 0 {
            eprintln!("skipped: mounting a tmpfs needs root");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        let opts = format!("size={size},mode=0755{}", if read_only { ",ro" } else { "" });
        let ok = Command::new("mount").args(["-t", "tmpfs", "-o", &opts, "tmpfs"]).arg(dir.path()).status().is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipped: this machine cannot mount a tmpfs");
            return None;
        }
        Some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, read_only: bool) {
        let opts = if read_only { "remount,ro" } else { "remount,rw" };
        assert!(Command::new("mount").args(["-o", opts]).arg(self.path()).status().unwrap().success());
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn paragraph_of(n: usize) -> String {
    "한 줄의 기사 문장이 디스크를 채운다. ".repeat(n)
}

#[test]
fn a_full_disk_is_a_clear_error_and_what_was_saved_stays() {
    let Some(fs) = Tmpfs::mount("3m", false) else { return };
    let path = fs.path().join("full.db");
    let mut lib = Library::open(&path).unwrap();
    let mut saved: Vec<(String, String)> = Vec::new();
    let text = paragraph_of(400);
    let err = loop {
        let headline = format!("기사 {}", saved.len());
        match lib.create_article(fields(&headline, &[&text], &[]), Status::Draft) {
            Ok(a) => saved.push((a.id, headline)),
            Err(e) => break e,
        }
        assert!(saved.len() < 10_000, "the 3 MB disk never filled");
    };
    assert!(saved.len() > 3, "some articles fit before the disk filled");
    let message = err.to_string();
    assert!(message.contains("disk is full"), "{message}");
    // Everything reported saved is there, now and after reopening.
    for (id, headline) in &saved {
        assert_eq!(&lib.article(id).unwrap().headline, headline);
    }
    drop(lib);
    let lib = Library::open(&path).unwrap();
    assert!(lib.check().unwrap().ok, "the library is sound after the disk filled");
    assert_eq!(lib.article(&saved[0].0).unwrap().headline, saved[0].1);

    // An export onto the full disk fails whole: no partial or temporary file is left.
    let before = files_in(fs.path());
    let article = lib.article(&saved[0].0).unwrap();
    let outlet = Outlet::default();
    let err = export_article(&article, Format::Html, &RenderContext::new(&outlet, &no_assets), &fs.path().join("page.html"));
    if let Err(e) = err {
        assert!(!e.to_string().is_empty());
        assert_eq!(files_in(fs.path()), before, "no partial export file");
    } else {
        // SQLite may have left just enough room for one page: then it is whole.
        assert!(std::fs::read_to_string(fs.path().join("page.html")).unwrap().ends_with("</html>\n"));
    }
}

#[test]
fn a_read_only_folder_is_a_clear_error_and_nothing_is_lost() {
    let Some(fs) = Tmpfs::mount("8m", false) else { return };
    let path = fs.path().join("ro.db");
    let mut lib = Library::open(&path).unwrap();
    let a = lib.create_article(fields("읽기 전용이 되기 전", &["본문"], &[]), Status::Draft).unwrap();
    drop(lib);
    fs.remount(true);
    let err = Library::open(&path).unwrap_err().to_string();
    assert!(err.contains("read-only") || err.contains("cannot be written"), "{err}");
    // An export into the read-only folder fails whole, leaving nothing behind.
    let outlet = Outlet::default();
    let ctx = RenderContext::new(&outlet, &no_assets);
    let before = files_in(fs.path());
    assert!(export_article(&a, Format::Html, &ctx, &fs.path().join("x.html")).is_err());
    assert_eq!(files_in(fs.path()), before);
    fs.remount(false);
    let lib = Library::open(&path).unwrap();
    assert_eq!(lib.article(&a.id).unwrap().headline, "읽기 전용이 되기 전", "nothing was lost");
}

#[test]
fn a_library_on_a_read_only_disk_can_be_read() {
    let Some(fs) = Tmpfs::mount("8m", false) else { return };
    let path = fs.path().join("ro.db");
    let mut lib = Library::open(&path).unwrap();
    let a = lib.create_article(fields("읽기 전용 디스크", &["목록, 검색, 검사는 된다"], &[]), Status::Ready).unwrap();
    drop(lib);
    // A log left beside the file (a writer killed before the disk became read-only) too.
    let with_log = fs.path().join("with-log.db");
    {
        let mut lib = Library::open(&with_log).unwrap();
        lib.create_article(fields("로그 속 기사", &["본문"], &[]), Status::Draft).unwrap();
        std::fs::copy(&with_log, fs.path().join("copy.db")).unwrap();
        std::fs::copy(newsdesk_sidecar(&with_log, "-wal"), fs.path().join("copy.db-wal")).unwrap();
    }
    fs.remount(true);
    let before = files_in(fs.path());
    let lib = Library::open_read_only(&path).unwrap_or_else(|e| panic!("read-only open on a read-only disk: {e}"));
    assert_eq!(lib.list(&Default::default()).unwrap().len(), 1);
    assert_eq!(lib.article(&a.id).unwrap().headline, "읽기 전용 디스크");
    assert_eq!(lib.search(&newsdesk_core::library::SearchQuery::text("검색")).unwrap().total, 1);
    assert!(lib.check().unwrap().ok);
    drop(lib);
    // With a log but no index it cannot be read safely; the message says why.
    match Library::open_read_only(&fs.path().join("copy.db")) {
        Ok(lib) => assert_eq!(lib.list(&Default::default()).unwrap().len(), 1),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    assert_eq!(files_in(fs.path()), before, "nothing was created on the read-only disk");
    // A backup into the read-only folder names the folder, not the library.
    let (_dir, _p, mut elsewhere) = library();
    elsewhere.create_article(fields("백업할 기사", &["본문"], &[]), Status::Draft).unwrap();
    let err = elsewhere.backup(&fs.path().join("backup.db")).unwrap_err().to_string();
    assert!(err.contains(&fs.path().display().to_string()) && err.contains("read-only disk"), "{err}");
    assert!(!err.contains("library file"), "{err}");
    fs.remount(false);
}

fn newsdesk_sidecar(p: &Path, suffix: &str) -> PathBuf {
    let mut s = p.as_os_str().to_owned();
    s.push(suffix);
    s.into()
}

#[test]
fn a_library_deleted_while_open_is_noticed_and_nothing_is_written_into_it() {
    let (dir, path, mut lib) = library();
    let a = lib.create_article(fields("지워질 파일", &["본문"], &[]), Status::Draft).unwrap();
    std::fs::rename(&path, dir.path().join("moved.db")).unwrap();
    let err = lib.save_article(&a.id, a.version, fields("새 제목", &["본문"], &[]), SaveOptions::default()).unwrap_err();
    assert!(matches!(err, Error::File { .. }), "{err:?}");
    assert!(err.to_string().contains("deleted or moved"), "{err}");
    drop(lib);
    // Put back, it holds what was saved (its log was folded into it and taken away from the
    // old name when the move was noticed).
    std::fs::rename(dir.path().join("moved.db"), &path).unwrap();
    let back = Library::open(&path).unwrap();
    let kept = back.article(&a.id).unwrap();
    assert_eq!((kept.version, kept.headline.as_str()), (a.version, "지워질 파일"), "nothing lost, nothing changed");
}

#[test]
fn a_library_replaced_while_open_is_noticed() {
    let (dir, path, mut lib) = library();
    let a = lib.create_article(fields("원래 파일", &["본문"], &[]), Status::Draft).unwrap();
    let other: PathBuf = dir.path().join("other.db");
    drop(Library::open(&other).unwrap());
    std::fs::rename(&other, &path).unwrap();
    let err = lib.create_article(fields("어디에 쓰일까", &["본문"], &[]), Status::Draft).unwrap_err();
    assert!(err.to_string().contains("replaced"), "{err}");
    drop(lib);
    let replaced = Library::open(&path).unwrap();
    let rows = replaced.list(&Default::default()).unwrap();
    assert!(rows.iter().all(|r| r.headline != "어디에 쓰일까"), "the refused article was not written into the other file");
    let _ = a;
}

#[test]
fn a_locked_library_is_busy_not_broken() {
    let (_dir, path, mut lib) = library();
    let a = lib.create_article(fields("잠긴 파일", &["본문"], &[]), Status::Draft).unwrap();
    // Writers wait a minute by default; this one gives up sooner.
    lib.set_busy_timeout(std::time::Duration::from_millis(300)).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = lib.save_article(&a.id, a.version, fields("기다린 제목", &["본문"], &[]), SaveOptions::default()).unwrap_err();
    assert!(err.to_string().contains("busy"), "{err}");
    assert!(err.to_string().contains("for 60 s"), "the message says how long it waited: {err}");
    other.execute_batch("COMMIT").unwrap();
    let saved = lib.save_article(&a.id, a.version, fields("기다린 제목", &["본문"], &[]), SaveOptions::default()).unwrap();
    assert_eq!(saved.version, a.version + 1);
}

#[test]
fn a_five_megabyte_article_saves_reopens_edits_and_exports() {
    let (dir, path, mut lib) = library();
    // About 5 MB of text in 2,000 paragraphs.
    let para = paragraph_of(130);
    let paras: Vec<&str> = std::iter::repeat_n(para.as_str(), 2000).collect();
    let a = lib.create_article(fields("아주 긴 기사", &paras, &[]), Status::Draft).unwrap();
    let bytes: usize = paras.iter().map(|p| p.len()).sum();
    assert!(bytes > 5_000_000, "{bytes}");
    let mut edited = fields("아주 긴 기사, 고침", &paras, &[]);
    edited.summary = "요약".into();
    let saved = lib.save_article(&a.id, a.version, edited, SaveOptions { reason: SaveReason::Explicit, allow_emptying: false }).unwrap();
    drop(lib);
    let lib = Library::open(&path).unwrap();
    let back = lib.article(&a.id).unwrap();
    assert_eq!(back.version, saved.version);
    assert_eq!(back.body, saved.body);
    let outlet = Outlet::default();
    let written = export_article(&back, Format::Html, &RenderContext::new(&outlet, &no_assets), dir.path()).unwrap();
    assert!(std::fs::metadata(&written).unwrap().len() > 5_000_000);
}
