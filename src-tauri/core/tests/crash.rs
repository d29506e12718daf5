//! Crash test: a child process saves one article in a loop and prints `saved N` after each
//! save the library acknowledged; the parent kills it with SIGKILL at random moments, then
//! checks that the library is sound and that the last acknowledged save is there.
//!
//! The child is this same test binary, re-executed with `--exact crash_child` and the
//! library's path in `NEWSDESK_CRASH_LIBRARY`. `NEWSDESK_CRASH_KILLS` sets how many kills
//! (default 200).
mod common;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::fields;
use newsdesk_core::library::{Library, SaveOptions, SaveReason};
use newsdesk_core::model::Status;

const LIBRARY_ENV: &str = "NEWSDESK_CRASH_LIBRARY";
const ARTICLE_ENV: &str = "NEWSDESK_CRASH_ARTICLE";

/// Content of save number `n`: a few paragraphs that differ every time.
fn content(n: i64) -> newsdesk_core::model::ArticleFields {
    let para = format!("{n}번째 저장. 열대야 속에서도 강변 야시장은 문을 열었다. The ferry kept its timetable. ");
    let paras: Vec<String> = (0..8).map(|i| format!("{i}: {}", para.repeat(3))).collect();
    let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
    fields(&format!("저장 {n}"), &refs, &["충돌", if n % 2 == 0 { "짝" } else { "홀" }])
}

/// The child: runs only when started by the parent below.
#[test]
fn crash_child() {
    let (Ok(path), Ok(id)) = (std::env::var(LIBRARY_ENV), std::env::var(ARTICLE_ENV)) else { return };
    let mut lib = Library::open(path.as_ref()).expect("child opens the library");
    let mut out = std::io::stdout().lock();
    loop {
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
    let id = {
        let mut lib = Library::open(&path).unwrap();
        lib.create_article(content(1), Status::Draft).unwrap().id
    };
    let exe = std::env::current_exe().unwrap();
    let mut rng = fastrand::Rng::with_seed(
        std::env::var("NEWSDESK_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_c0de),
    );
    let mut acknowledged = 1i64;
    let mut killed_mid_run = 0usize;

    for round in 0..kills {
        let mut child = Command::new(&exe)
            .args(["crash_child", "--exact", "--nocapture", "--test-threads=1"])
            .env(LIBRARY_ENV, &path)
            .env(ARTICLE_ENV, &id)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel::<i64>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(n) = line.strip_prefix("saved ").and_then(|n| n.trim().parse().ok()) {
                    if tx.send(n).is_err() {
                        break;
                    }
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
    }
    assert_eq!(killed_mid_run, kills, "every child was killed, none exited on its own");
    assert!(acknowledged > kills as i64 / 2, "too few saves happened ({acknowledged}) to mean anything");
    eprintln!("{kills} kills, {acknowledged} acknowledged saves, none lost");
}
