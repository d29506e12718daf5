//! Crash test: a child process writes in a loop (saves of an article, edits of a weekend
//! roundup, imports, now and then a backup) and prints a line after each write the library
//! acknowledged; the parent kills it with SIGKILL at random moments, then checks that the
//! library is sound and that every acknowledged write is there, and that every backup that
//! has its final name is a sound library. A second test kills the upgrade of an old library
//! (the schema v1 fixture) part-way, again and again.
//!
//! The children are this same test binary, re-executed with `--exact crash_child` (or
//! `migration_child`) and the library's path in `NEWSDESK_CRASH_LIBRARY`.
//! `NEWSDESK_CRASH_KILLS` sets how many kills (default 200), `NEWSDESK_CRASH_REPLACE_KILLS`
//! how many replacements with the importer killed (default 6), `NEWSDESK_CRASH_MIGRATION_KILLS`
//! how many during migration (default 40), `NEWSDESK_CRASH_BACKUP_KILLS` how many during
//! backups of a large library (default 12), `NEWSDESK_CRASH_INDEX_KILLS` between a save and
//! its indexing (default 40), `NEWSDESK_CRASH_WORDS_KILLS` during the word index's upgrade
//! (default 20); `scripts/prove.sh` runs the long versions.
mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::fields;
use newsdesk_core::library::{Library, SaveOptions, SaveReason};
use newsdesk_core::model::Status;
use newsdesk_core::roundup::{Brief, RoundupFields};

const LIBRARY_ENV: &str = "NEWSDESK_CRASH_LIBRARY";
const ARTICLE_ENV: &str = "NEWSDESK_CRASH_ARTICLE";
const ROUNDUP_ENV: &str = "NEWSDESK_CRASH_ROUNDUP";
const BACKUPS_ENV: &str = "NEWSDESK_CRASH_BACKUPS";

/// The roundup's transition line at `version`: content and version must agree after a kill.
fn transition_of(version: i64) -> String {
    format!("전환 {version}")
}

/// A roundup whose transition names its version, with three briefs.
fn roundup_fields(version: i64) -> RoundupFields {
    RoundupFields {
        title: "충돌 주말판".into(),
        transition: transition_of(version),
        items: ["가", "나", "다"]
            .iter()
            .map(|h| Brief { article_id: None, headline: (*h).into(), summary: format!("{h} 요약."), link: None, drafted: false })
            .collect(),
        ..RoundupFields::default()
    }
}

/// Content of save number `n`: a few paragraphs that differ every time.
fn content(n: i64) -> newsdesk_core::model::ArticleFields {
    let para = format!("{n}번째 저장. 열대야 속에서도 강변 야시장은 문을 열었다. The ferry kept its timetable. ");
    let paras: Vec<String> = (0..8).map(|i| format!("{i}: {}", para.repeat(3))).collect();
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    fields(&format!("저장 {n}"), &refs, &["충돌", if n % 2 == 0 { "짝" } else { "홀" }])
}

/// This test binary run as a child that runs only the test `name` (a child role, which
/// reads what to do from its environment), its output piped to the parent, its errors
/// dropped.
fn child_test(name: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([name, "--exact", "--nocapture", "--test-threads=1"]).stdout(Stdio::piped()).stderr(Stdio::null());
    cmd
}

/// The child: runs only when started by the parent below.
#[test]
fn crash_child() {
    let (Ok(path), Ok(id)) = (std::env::var(LIBRARY_ENV), std::env::var(ARTICLE_ENV)) else { return };
    let roundup = std::env::var(ROUNDUP_ENV).expect("roundup id");
    let backups = std::path::PathBuf::from(std::env::var(BACKUPS_ENV).expect("backup folder"));
    let mut lib = Library::open(path.as_ref()).expect("child opens the library");
    let mut out = std::io::stdout().lock();
    for i in 0u64.. {
        if i % 3 == 1 {
            let r = lib.roundup(&roundup).expect("child reads the roundup");
            let mut f = roundup_fields(r.version + 1);
            f.items.rotate_left((r.version % 3) as usize);
            let saved = lib.save_roundup(&roundup, r.version, f).expect("child saves the roundup");
            writeln!(out, "roundup {}", saved.version).expect("stdout");
        }
        if i % 5 == 2 {
            let a = lib.create_article_as(content(0), Status::Draft, SaveReason::Import).expect("child imports");
            writeln!(out, "imported {}", a.id).expect("stdout");
        }
        if i % 6 == 4 {
            let dest = backups.join(format!("backup-{}-{i}.db", std::process::id()));
            lib.backup(&dest).expect("child backs up");
            writeln!(out, "backup {}", dest.display()).expect("stdout");
        }
        let a = lib.article(&id).expect("child reads the article");
        let reason = match a.version % 5 {
            0 => SaveReason::Explicit,
            _ => SaveReason::Autosave,
        };
        let saved = lib
            .save_article(&id, a.version, content(a.version + 1), SaveOptions { reason, allow_emptying: false })
            .expect("child saves");
        if saved.version % 7 == 0 {
            lib.record_revision(&id, SaveReason::Export).expect("child records a revision");
        }
        writeln!(out, "saved {}", saved.version).expect("stdout");
        out.flush().expect("stdout");
    }
}

#[test]
fn killed_saves_are_never_lost() {
    if std::env::var(LIBRARY_ENV).is_ok() {
        return;
    }
    let kills: usize = std::env::var("NEWSDESK_CRASH_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(200);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    let (id, roundup) = {
        let mut lib = Library::open(&path).unwrap();
        let id = lib.create_article(content(1), Status::Draft).unwrap().id;
        (id, lib.create_roundup(roundup_fields(1)).unwrap().id)
    };
    let mut roundup_acknowledged = 1i64;
    let mut imported: Vec<String> = Vec::new();
    let mut backed_up: Vec<std::path::PathBuf> = Vec::new();
    let mut rng = fastrand::Rng::with_seed(
        std::env::var("NEWSDESK_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_c0de),
    );
    let mut acknowledged = 1i64;
    let mut killed_mid_run = 0usize;

    for round in 0..kills {
        let mut child = child_test("crash_child")
            .env(LIBRARY_ENV, &path)
            .env(ARTICLE_ENV, &id)
            .env(ROUNDUP_ENV, &roundup)
            .env(BACKUPS_ENV, &backups)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<i64>();
        let (other_tx, other_rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("saved ").and_then(|n| n.trim().parse().ok()) {
                    if tx.send(n).is_err() {
                        break;
                    }
                } else if other_tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Mostly kill while saves run; sometimes while the child is still opening.
        if rng.u8(..10) < 2 {
            std::thread::sleep(Duration::from_micros(rng.u64(0..15_000)));
        } else {
            match rx.recv_timeout(Duration::from_secs(20)) {
                Ok(n) => acknowledged = acknowledged.max(n),
                Err(_) => panic!("round {round}: the child saved nothing in 20 s"),
            }
            std::thread::sleep(Duration::from_micros(rng.u64(0..25_000)));
        }
        child.kill().unwrap(); // SIGKILL on unix
        let status = child.wait().unwrap();
        reader.join().unwrap();
        for n in rx.try_iter() {
            acknowledged = acknowledged.max(n);
        }
        if !status.success() {
            killed_mid_run += 1;
        }
        for line in other_rx.try_iter() {
            if let Some(v) = line.strip_prefix("roundup ").and_then(|v| v.trim().parse::<i64>().ok()) {
                roundup_acknowledged = roundup_acknowledged.max(v);
            } else if let Some(a) = line.strip_prefix("imported ") {
                imported.push(a.trim().to_string());
            } else if let Some(b) = line.strip_prefix("backup ") {
                backed_up.push(b.trim().into());
            }
        }

        let lib = Library::open(&path).unwrap_or_else(|e| panic!("round {round}: reopening failed: {e}"));
        let report = lib.check().unwrap();
        assert!(report.ok, "round {round}: check failed: {:?}", report.problems);
        let a = lib.article(&id).unwrap();
        assert!(
            a.version >= acknowledged,
            "round {round}: save {acknowledged} was acknowledged but the library holds version {}",
            a.version
        );
        assert_eq!(a.headline, format!("저장 {}", a.version), "round {round}: content and version disagree");
        let r = lib.roundup(&roundup).unwrap();
        assert!(r.version >= roundup_acknowledged, "round {round}: roundup edit {roundup_acknowledged} was acknowledged, the library holds {}", r.version);
        assert_eq!(r.transition, transition_of(r.version), "round {round}: the roundup's content and version disagree");
        assert_eq!(r.items.len(), 3, "round {round}");
        for imported_id in imported.iter().rev().take(3) {
            assert!(lib.article(imported_id).is_ok(), "round {round}: the acknowledged import {imported_id} is missing");
        }
    }
    assert!(imported.iter().all(|i| Library::open(&path).unwrap().article(i).is_ok()), "every acknowledged import is there");
    // Every backup under its final name is a whole, sound library (a killed backup leaves at
    // most a hidden temporary file, never a damaged backup).
    let finals: Vec<_> = std::fs::read_dir(&backups).unwrap().map(|e| e.unwrap().path()).filter(|p| !p.file_name().unwrap().to_string_lossy().starts_with('.')).collect();
    for b in &finals {
        let copy = Library::open(b).unwrap_or_else(|e| panic!("backup {} does not open: {e}", b.display()));
        assert!(copy.check().unwrap().ok, "backup {} is not sound", b.display());
    }
    assert!(backed_up.iter().all(|b| finals.contains(b)), "every acknowledged backup is there");
    assert_eq!(killed_mid_run, kills, "every child was killed, none exited on its own");
    assert!(acknowledged > kills as i64 / 2, "too few saves happened ({acknowledged}) to mean anything");
    eprintln!(
        "{kills} kills, {acknowledged} acknowledged saves, {roundup_acknowledged} roundup versions, {} imports, {} backups ({} acknowledged), none lost",
        imported.len(),
        finals.len(),
        backed_up.len()
    );
}

/// The migration child: opens (and so upgrades) the library, then says so.
#[test]
fn migration_child() {
    let Ok(path) = std::env::var(LIBRARY_ENV) else { return };
    if std::env::var(ARTICLE_ENV).is_ok() {
        return;
    }
    Library::open(path.as_ref()).expect("child opens the library");
    println!("opened");
}

#[test]
fn killed_migrations_leave_a_library_that_opens_whole() {
    if std::env::var(LIBRARY_ENV).is_ok() {
        return;
    }
    let kills: usize = std::env::var("NEWSDESK_CRASH_MIGRATION_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(40);
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/library-v1.db");
    let dir = tempfile::tempdir().unwrap();
    // What a clean upgrade gives: the number of articles to find after every killed one.
    let clean = dir.path().join("clean.db");
    std::fs::copy(&fixture, &clean).unwrap();
    let expected = Library::open(&clean).unwrap().list(&Default::default()).unwrap().len();
    assert!(expected > 0);
    let mut rng = fastrand::Rng::with_seed(0x0516_2a7e);
    let mut interrupted = 0;
    for round in 0..kills {
        let path = dir.path().join(format!("old-{round}.db"));
        std::fs::copy(&fixture, &path).unwrap();
        let mut child = child_test("migration_child")
            .env(LIBRARY_ENV, &path)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.u64(0..40_000)));
        child.kill().unwrap();
        let out = child.wait_with_output().unwrap();
        if !String::from_utf8_lossy(&out.stdout).contains("opened") {
            interrupted += 1;
        }
        let lib = Library::open(&path).unwrap_or_else(|e| panic!("round {round}: the library does not open after a killed upgrade: {e}"));
        assert!(lib.check().unwrap().ok, "round {round}");
        assert_eq!(lib.list(&Default::default()).unwrap().len(), expected, "round {round}: articles lost");
    }
    assert!(interrupted > 0, "no kill landed before the upgrade finished");
    eprintln!("{kills} kills during migration ({interrupted} before it finished), every library opened whole");
}

const BACKUP_CHILD_ENV: &str = "NEWSDESK_CRASH_BACKUP_CHILD";

/// The backup child: backs the library up again and again into the folder, one line per
/// finished backup.
#[test]
fn backup_child() {
    let (Ok(path), Ok(folder)) = (std::env::var(LIBRARY_ENV), std::env::var(BACKUP_CHILD_ENV)) else { return };
    let lib = Library::open(path.as_ref()).expect("child opens the library");
    let mut out = std::io::stdout().lock();
    for i in 0u64.. {
        let dest = std::path::Path::new(&folder).join(format!("copy-{}-{i}.db", std::process::id()));
        lib.backup(&dest).expect("child backs up");
        writeln!(out, "backup {}", dest.display()).expect("stdout");
        out.flush().expect("stdout");
    }
}

fn hidden_in(folder: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.') || n.contains(".tmp") || n.ends_with("-journal"))
        .collect();
    names.sort();
    names
}

#[test]
fn killed_backups_leave_no_leftovers() {
    if std::env::var(LIBRARY_ENV).is_ok() {
        return;
    }
    let kills: usize = std::env::var("NEWSDESK_CRASH_BACKUP_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.db");
    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).unwrap();
    // A library large enough (about 30 MB) that a backup takes a while.
    let mut lib = Library::open(&path).unwrap();
    for b in 0..6 {
        let items = (0..500).map(|i| (content(b * 500 + i), Status::Draft)).collect();
        lib.create_articles(items, SaveReason::Import).unwrap();
    }
    let expected = lib.count(&Default::default()).unwrap();
    let started = std::time::Instant::now();
    let probe = backups.join("probe.db");
    lib.backup(&probe).unwrap();
    let one_backup = started.elapsed();
    std::fs::remove_file(&probe).unwrap();
    let mut rng = fastrand::Rng::with_seed(0xbac0_0b5e);
    let (mut left_by_kills, mut finished, mut ours, mut verified) = (0usize, Vec::new(), 0usize, 0usize);
    for round in 0..kills {
        let mut child = child_test("backup_child")
            .env(LIBRARY_ENV, &path)
            .env(BACKUP_CHILD_ENV, &backups)
            .spawn()
            .unwrap();
        // Kill within the first few backups: mostly in the middle of one.
        let window = (one_backup.as_micros() as u64).max(1_000) * 3 + 20_000;
        std::thread::sleep(Duration::from_micros(rng.u64(5_000..window)));
        child.kill().unwrap();
        let out = child.wait_with_output().unwrap();
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            if let Some(b) = line.strip_prefix("backup ") {
                finished.push(std::path::PathBuf::from(b.trim()));
            }
        }
        if !hidden_in(&backups).is_empty() {
            left_by_kills += 1;
        }
        // The next backup cleans up after the killed one.
        let dest = backups.join(format!("ours-{round}.db"));
        lib.backup(&dest).unwrap_or_else(|e| panic!("round {round}: the backup after a kill failed: {e}"));
        ours += 1;
        assert_eq!(hidden_in(&backups), Vec::<String>::new(), "round {round}: a killed backup's temporary files are left");
        if round % 10 == 0 || round + 1 == kills {
            let copy = Library::open_read_only(&dest).unwrap();
            assert_eq!(copy.count(&Default::default()).unwrap(), expected, "round {round}");
            assert!(copy.check().unwrap().ok, "round {round}");
        }
        std::fs::remove_file(&dest).unwrap();
        // Keep the folder small: check and remove the child's finished backups.
        for b in finished.drain(..) {
            let copy = Library::open_read_only(&b).unwrap_or_else(|e| panic!("finished backup {} does not open: {e}", b.display()));
            assert_eq!(copy.count(&Default::default()).unwrap(), expected, "finished backup {} is not whole", b.display());
            if rng.u8(..10) == 0 {
                assert!(copy.check().unwrap().ok, "finished backup {} is not sound", b.display());
            }
            drop(copy);
            std::fs::remove_file(&b).unwrap();
            verified += 1;
        }
    }
    assert!(left_by_kills > 0, "no kill landed in the middle of a backup");
    eprintln!(
        "{kills} kills during backups ({left_by_kills} left a temporary file, all removed by the next backup), {ours} backups after a kill and {verified} finished before one, all whole; 0 leftovers"
    );
}

const REPLACE_CHILD_ENV: &str = "NEWSDESK_CRASH_REPLACE_CHILD";

/// The import child: imports a batch, says so, pauses, again and again, until killed.
#[test]
fn replace_child() {
    let (Ok(path), Ok(_)) = (std::env::var(LIBRARY_ENV), std::env::var(REPLACE_CHILD_ENV)) else { return };
    let mut lib = Library::open(path.as_ref()).expect("child opens the library");
    let mut out = std::io::stdout().lock();
    for i in 0u64.. {
        let batch = (0..5).map(|k| (fields(&format!("가져옴 {i}-{k}"), &["가져온 기사의 본문."], &[]), Status::Draft)).collect();
        let rows = lib.create_articles(batch, SaveReason::Import).expect("child imports");
        for r in rows {
            writeln!(out, "imported {}", r.id).expect("stdout");
        }
        writeln!(out, "batch").expect("stdout");
        out.flush().expect("stdout");
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Issue 20, 1: the library file replaced during an import and the importer killed before
/// it noticed. The old file's write-ahead log is left beside the new file; it must never
/// be applied to it (the replacement stays whole), and goes back beside the old file, which
/// then holds every import that was acknowledged (or, when the old file is gone, is kept
/// aside). `NEWSDESK_CRASH_REPLACE_KILLS` rounds (default 6).
#[test]
fn a_library_replaced_and_the_importer_killed_keeps_both_files_whole() {
    if std::env::var(LIBRARY_ENV).is_ok() {
        return;
    }
    let rounds: usize = std::env::var("NEWSDESK_CRASH_REPLACE_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(6);
    let sorted = |lib: &Library| {
        let mut ids: Vec<String> = lib.list(&Default::default()).unwrap().into_iter().map(|r| r.id).collect();
        ids.sort();
        ids
    };
    let mut logs_left = 0;
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let (path, other, old) = (dir.path().join("lib.db"), dir.path().join("other.db"), dir.path().join("old.db"));
        let replacement = {
            let mut lib = Library::open(&other).unwrap();
            let items = (0..4).map(|i| (fields(&format!("대체 {i}"), &["대체 본문"], &[]), Status::Draft)).collect();
            lib.create_articles(items, SaveReason::Import).unwrap();
            sorted(&lib)
        };
        let mut child = child_test("replace_child")
            .env(LIBRARY_ENV, &path)
            .env(REPLACE_CHILD_ENV, "1")
            .spawn()
            .unwrap();
        let mut acknowledged = Vec::new();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut batches = 0;
        while batches < 2 + round % 3 {
            let line = lines.next().expect("the child stopped").unwrap();
            match line.strip_prefix("imported ") {
                Some(id) => acknowledged.push(id.to_string()),
                None if line == "batch" => batches += 1,
                None => {}
            }
        }
        // Right after a batch, while the child pauses: replace the file, then kill it. Odd
        // rounds move the old file away first; even ones rename the new one over it.
        let kept_old = round % 2 == 1;
        if kept_old {
            std::fs::rename(&path, &old).unwrap();
        }
        std::fs::rename(&other, &path).unwrap();
        child.kill().unwrap();
        child.wait().unwrap();
        if std::fs::metadata(format!("{}-wal", path.display())).is_ok_and(|m| m.len() > 0) {
            logs_left += 1;
        }
        let now = Library::open(&path).unwrap();
        assert_eq!(sorted(&now), replacement, "round {round}: the replacement lost or gained articles");
        assert!(now.check().unwrap().ok, "round {round}");
        drop(now);
        if !kept_old {
            // The old file is gone with its name; its log is kept aside, never applied.
            let aside = std::fs::read_dir(dir.path()).unwrap().flatten().any(|e| e.file_name().to_string_lossy().starts_with("lib.db-wal.of-replaced-"));
            assert!(aside, "round {round}: the old file's log was not kept aside");
            continue;
        }
        let moved = Library::open(&old).unwrap();
        let held = sorted(&moved);
        acknowledged.sort();
        assert!(acknowledged.iter().all(|id| held.binary_search(id).is_ok()), "round {round}: the old file lost an acknowledged import");
        assert!(moved.check().unwrap().ok, "round {round}");
    }
    assert_eq!(logs_left, rounds, "every kill left the old file's log beside the new one (the case under test)");
    eprintln!("{rounds} replacements with the importer killed: the replacement whole and every acknowledged import in the old file");
}

const INDEX_ENV: &str = "NEWSDESK_CRASH_INDEX_LIBRARY";

/// The word only version `n` of the indexed article holds (no version's word is part of
/// another's).
fn index_word(n: i64) -> String {
    format!("표식{n:06}끝")
}

/// Its English word, which search finds through the word index (words.rs), not the trigrams.
fn index_latin_word(n: i64) -> String {
    format!("mark{n:06}z")
}

/// The content of version `n` of the article the index test saves.
fn index_content(n: i64) -> newsdesk_core::model::ArticleFields {
    let body = format!("{} 열대야 속에서도 강변 야시장은 문을 열었다. The ferry kept its timetable, {}.", index_word(n), index_latin_word(n));
    let paras: Vec<String> = (0..20).map(|i| format!("{i}: {}", body.repeat(4))).collect();
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    fields(&format!("색인 {n}"), &refs, &["색인"])
}

/// The child of the index test: saves as the window does (the save answers once its text is
/// on disk, then the index catches up), and waits for the parent's word between the two,
/// so that the parent can kill it exactly there, or let it go on and kill it anywhere.
#[test]
fn index_child() {
    let (Ok(path), Ok(id)) = (std::env::var(INDEX_ENV), std::env::var(ARTICLE_ENV)) else { return };
    let mut lib = Library::open(path.as_ref()).expect("child opens the library");
    let mut input = BufReader::new(std::io::stdin().lock());
    let mut out = std::io::stdout().lock();
    loop {
        let a = lib.article(&id).expect("child reads the article");
        let saved = lib
            .save_article(&id, a.version, index_content(a.version + 1), SaveOptions { reason: SaveReason::Autosave, allow_emptying: false })
            .expect("child saves");
        writeln!(out, "saved {}", saved.version).expect("stdout");
        out.flush().expect("stdout");
        let mut line = String::new();
        if input.read_line(&mut line).expect("stdin") == 0 {
            return;
        }
        lib.index_queued().expect("child indexes");
    }
}

/// Kills the saving process between the commit of its text and the search index's catch-up
/// (and, at random, during either), then checks that the last acknowledged save is what
/// search finds: first on a read-only library (which cannot catch up, and reads the queue),
/// then on a reopened one (which catches up at open).
#[test]
fn killed_between_save_and_index_every_saved_word_is_found() {
    if std::env::var(LIBRARY_ENV).is_ok() || std::env::var(INDEX_ENV).is_ok() {
        return;
    }
    use newsdesk_core::library::SearchQuery;
    let kills: usize = std::env::var("NEWSDESK_CRASH_INDEX_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(40);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.db");
    let id = Library::open(&path).unwrap().create_article(index_content(1), Status::Draft).unwrap().id;
    let mut rng = fastrand::Rng::with_seed(0x1dec_5eed);
    let (mut acknowledged, mut in_window, mut anywhere) = (1i64, 0usize, 0usize);
    // Found by both indexes, or by neither.
    let finds = |lib: &Library, n: i64| -> bool {
        let found = |word: String| lib.search(&SearchQuery::text(word)).unwrap().hits.iter().any(|h| h.id == id);
        let (korean, english) = (found(index_word(n)), found(index_latin_word(n)));
        assert_eq!(korean, english, "version {n}: the trigrams and the word index disagree");
        korean
    };
    for round in 0..kills {
        let mut child = child_test("index_child")
            .env(INDEX_ENV, &path)
            .env(ARTICLE_ENV, &id)
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Let it save and index a few times, then kill it right after an acknowledged save
        // (the index not caught up), or let it go on and kill it a moment later.
        let steps = rng.usize(1..=4);
        let exactly_between = rng.bool();
        for step in 1..=steps {
            // (The test harness prints its own words first, the first save on their line.)
            let n: i64 = lines
                .by_ref()
                .map_while(|l| l.ok())
                .find_map(|l| l.split_once("saved ").and_then(|(_, n)| n.parse().ok()))
                .unwrap_or_else(|| panic!("round {round}: the child ended without saving"));
            acknowledged = acknowledged.max(n);
            if step == steps && exactly_between {
                break;
            }
            writeln!(stdin, "go").unwrap();
            stdin.flush().unwrap();
        }
        if !exactly_between {
            std::thread::sleep(Duration::from_micros(rng.u64(0..4_000)));
        }
        child.kill().unwrap();
        child.wait().unwrap();
        for line in lines.map_while(|l| l.ok()) {
            if let Some(n) = line.split_once("saved ").and_then(|(_, n)| n.parse().ok()) {
                acknowledged = acknowledged.max(n);
            }
        }

        let reader = Library::open_read_only(&path).unwrap();
        let stored = reader.article(&id).unwrap().version;
        assert!(stored >= acknowledged, "round {round}: save {acknowledged} was acknowledged, the library holds {stored}");
        let queued = reader.queued_for_index().unwrap();
        if exactly_between {
            assert_eq!(queued, 1, "round {round}: killed right after the save, its article waits for the index");
        }
        assert!(reader.check().unwrap().ok, "round {round}: a read-only check finds problems");
        assert!(finds(&reader, stored), "round {round}: a read-only search misses the saved word of version {stored}");
        assert!(!finds(&reader, stored - 1), "round {round}: a read-only search still finds version {} 's word", stored - 1);
        drop(reader);
        if exactly_between {
            in_window += 1;
        } else {
            anywhere += 1;
        }
        let lib = Library::open(&path).unwrap();
        let report = lib.check().unwrap();
        assert!(report.ok, "round {round}: check failed: {:?}", report.problems);
        assert!(finds(&lib, stored), "round {round}: after reopening, search misses the saved word of version {stored}");
        assert!(!finds(&lib, stored - 1), "round {round}: after reopening, search still finds version {} 's word", stored - 1);
    }
    assert!(in_window > 0 && anywhere > 0, "both kinds of kill happened ({in_window} between, {anywhere} anywhere)");
    eprintln!("{kills} kills ({in_window} right after the save's commit, {anywhere} at random), {acknowledged} acknowledged saves, every saved word found");
}

const WORDS_ENV: &str = "NEWSDESK_CRASH_WORDS_LIBRARY";

/// Article `i` of the word-upgrade test: English words shared by all, by a third, and one
/// its own, in a Korean sentence.
fn worded(i: usize) -> newsdesk_core::model::ArticleFields {
    let kind = ["", "man", "boat"][i % 3];
    let body = format!("항구 소식 {i}: the ferry{kind} crossed the harbour, mark{i:05}z on the pier.");
    fields(&format!("Harbour note {i}"), &[&body], &["항구"])
}

/// The English queries of the word-upgrade test (whole words, parts of words, one letter,
/// a word only one article holds, a word no article holds).
const WORD_QUERIES: [&str; 8] = ["ferry", "FERRYMAN", "rryboa", "harbour", "mark00042z", "k", "z", "ferries"];

/// The child of the word-upgrade test: works through the upgrade's word queue as the window
/// does, a short step at a time, then says so.
#[test]
fn words_child() {
    let Ok(path) = std::env::var(WORDS_ENV) else { return };
    let lib = Library::open(path.as_ref()).expect("child opens the library");
    while lib.index_upgraded_words(25).expect("child indexes words") > 0 {}
    println!("upgraded");
}

/// Kills the background indexing of an upgraded library's words (schema 8) at random, again
/// and again: every time the library opens sound, its English searches give what they gave
/// before the upgrade (through the trigrams meanwhile, the word index once it is done), and
/// finishing the upgrade after the kill leaves a library whose check passes.
#[test]
fn killed_word_upgrades_leave_searches_whole() {
    if std::env::var(LIBRARY_ENV).is_ok() || std::env::var(WORDS_ENV).is_ok() || std::env::var(INDEX_ENV).is_ok() {
        return;
    }
    use newsdesk_core::library::SearchQuery;
    let kills: usize = std::env::var("NEWSDESK_CRASH_WORDS_KILLS").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let fixture = dir.path().join("upgraded.db");
    {
        let mut lib = Library::open(&fixture).unwrap();
        lib.create_articles((0..900).map(|i| (worded(i), Status::Draft)).collect(), SaveReason::Import).unwrap();
        lib.index_queued().unwrap();
    }
    // What the upgrade to schema 8 leaves: the word index empty, every article queued.
    rusqlite::Connection::open(&fixture)
        .unwrap()
        .execute_batch(
            "INSERT INTO articles_words (articles_words) VALUES ('delete-all'); DELETE FROM search_words;
             INSERT INTO words_pending (seq) SELECT seq FROM articles; PRAGMA wal_checkpoint(TRUNCATE);",
        )
        .unwrap();
    let totals = |lib: &Library| -> Vec<u64> { WORD_QUERIES.iter().map(|q| lib.search(&SearchQuery::text(*q)).unwrap().total).collect() };
    let expected = totals(&Library::open_read_only(&fixture).unwrap());
    assert_eq!(expected, [900, 300, 300, 900, 1, 900, 900, 0], "the trigrams before the upgrade");
    let mut rng = fastrand::Rng::with_seed(0x3077_0d5a);
    let mut interrupted = 0;
    for round in 0..kills {
        let path = dir.path().join(format!("round-{round}.db"));
        std::fs::copy(&fixture, &path).unwrap();
        let mut child = child_test("words_child").env(WORDS_ENV, &path).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.u64(0..200_000)));
        child.kill().unwrap();
        let out = child.wait_with_output().unwrap();
        if !String::from_utf8_lossy(&out.stdout).contains("upgraded") {
            interrupted += 1;
        }
        let lib = Library::open(&path).unwrap_or_else(|e| panic!("round {round}: the library does not open after a killed upgrade: {e}"));
        let report = lib.check().unwrap();
        assert!(report.ok, "round {round}: {:?}", report.problems);
        assert_eq!(totals(&lib), expected, "round {round}: searches part-way through the upgrade");
        while lib.index_upgraded_words(1000).unwrap() > 0 {}
        assert!(lib.check().unwrap().ok, "round {round}: after finishing the upgrade");
        assert_eq!(totals(&lib), expected, "round {round}: searches through the word index");
    }
    assert!(interrupted > 0, "no kill landed before the upgrade finished");
    eprintln!("{kills} kills during the word index's upgrade ({interrupted} before it finished), every search whole");
}
