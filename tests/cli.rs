//! The `newsdesk` command line as a real process: arguments, exit codes, one-line errors,
//! refusing files that are not libraries, and every subcommand on a library of its own.
mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use common::{json, newsdesk, ok_stdout, write, BIN};

#[test]
fn version_and_help_exit_zero() {
    let v = Command::new(BIN).arg("--version").output().unwrap();
    assert!(v.status.success());
    assert_eq!(String::from_utf8_lossy(&v.stdout).trim(), format!("newsdesk {}", env!("CARGO_PKG_VERSION")));
    let h = Command::new(BIN).arg("--help").output().unwrap();
    assert!(h.status.success());
    let help = String::from_utf8_lossy(&h.stdout);
    for sub in ["import", "list", "search", "show", "revisions", "set-status", "backup", "check", "--library"] {
        assert!(help.contains(sub), "--help mentions {sub}");
    }
}

#[test]
fn unknown_arguments_exit_2_with_one_line() {
    for args in [&["--bogus"][..], &["frobnicate"][..], &["list", "--status", "lost"][..]] {
        let out = Command::new(BIN).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim_end().lines().count(), 1, "one line for {args:?}: {err}");
        assert!(err.starts_with("newsdesk: "), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_file_that_is_not_a_library_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let notes = write(dir.path(), "notes.txt", "root:x:0:0:root:/root:/bin/bash\n");
    let before = std::fs::read(&notes).unwrap();
    let out = newsdesk(&notes, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("not a Newsdesk library"), "{err}");
    assert_eq!(std::fs::read(&notes).unwrap(), before);
    let mut names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    assert_eq!(names, vec![std::ffi::OsString::from("notes.txt")], "no -wal or -shm file was left");
}

#[test]
fn etc_passwd_is_refused_and_not_modified() {
    let passwd = Path::new("/etc/passwd");
    let Ok(before) = std::fs::read(passwd) else { return };
    let modified = std::fs::metadata(passwd).unwrap().modified().unwrap();
    let out = newsdesk(passwd, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Newsdesk library"));
    assert_eq!(std::fs::read(passwd).unwrap(), before);
    assert_eq!(std::fs::metadata(passwd).unwrap().modified().unwrap(), modified);
    assert!(!Path::new("/etc/passwd-wal").exists());
}

#[test]
fn the_environment_variable_chooses_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("from-env.db");
    let out = Command::new(BIN).arg("list").env("NEWSDESK_LIBRARY", &lib).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(lib.exists(), "the library named by NEWSDESK_LIBRARY was created");
}

#[test]
fn import_list_search_show_status_revisions_backup_check() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let files = dir.path().join("in");
    std::fs::create_dir(&files).unwrap();
    write(&files, "market.md", "# 새벽 어시장의 경매\n\n부두 옆 어시장에 첫 경매 종이 울렸다.\n");
    write(&files, "bridge.txt", "Bridge repairs start Monday\n\nCrews will close one lane at night.\n");
    std::fs::write(files.join("broken.md"), [0xff, 0xfe, 0x00, 0x41, 0x00, 0x00]).unwrap();

    // A folder with one bad file: the rest is imported, the bad one named, exit code 1.
    let out = newsdesk(&lib, &["import", files.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.md"), "{err}");
    let created: Value = serde_json::from_slice(&out.stdout).unwrap();
    let created = created.as_array().unwrap();
    assert_eq!(created.len(), 2);
    let market = created.iter().find(|c| c["headline"] == "새벽 어시장의 경매").expect("the Markdown headline");
    assert_eq!(market["kind"], "article");
    let id = market["id"].as_str().unwrap().to_string();

    let list = json(newsdesk(&lib, &["list", "--json"]));
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(json(newsdesk(&lib, &["list", "--kind", "roundup", "--json"])), serde_json::json!([]));

    // Two-character (LIKE) and longer (FTS) Korean queries.
    for q in ["경매", "어시장에", "Crews will"] {
        let hits = json(newsdesk(&lib, &["search", q, "--json"]));
        let hits = hits.as_array().unwrap();
        assert_eq!(hits.len(), 1, "{q}: {hits:?}");
        assert!(hits[0]["snippet"].as_str().unwrap().contains(&format!("«{q}»")), "{q}: {hits:?}");
    }

    let shown = json(newsdesk(&lib, &["show", &id, "--json"]));
    for key in ["id", "kind", "headline", "deck", "byline", "summary", "body", "status", "tags", "language", "created_at", "updated_at", "version", "counts"] {
        assert!(shown.get(key).is_some(), "show --json has {key}");
    }
    assert_eq!(shown["status"], "draft");
    assert_eq!(shown["body"]["type"], "doc");
    // "부두 옆 어시장에 첫 경매 종이 울렸다.": 7 words, 6 spaces, 16 other characters.
    assert_eq!(shown["counts"]["chars"], 22);
    assert_eq!(shown["counts"]["chars_no_spaces"], 16);
    assert_eq!(shown["counts"]["words"], 7);
    for key in ["chars", "chars_no_spaces", "words", "manuscript_pages", "reading_minutes"] {
        assert!(shown["counts"].get(key).is_some(), "counts has {key}");
    }

    let out = ok_stdout(newsdesk(&lib, &["set-status", &id, "published"]));
    assert!(out.contains("published"));
    let shown = json(newsdesk(&lib, &["show", &id, "--json"]));
    assert_eq!(shown["status"], "published");
    assert!(shown["published_at"].is_string(), "publishing sets published_at");
    let revs = json(newsdesk(&lib, &["revisions", &id, "--json"]));
    let reasons: Vec<&str> = revs.as_array().unwrap().iter().map(|r| r["reason"].as_str().unwrap()).collect();
    assert_eq!(reasons, vec!["status", "import"], "newest first: the status change, then the import");

    let published = json(newsdesk(&lib, &["list", "--status", "published", "--json"]));
    assert_eq!(published.as_array().unwrap().len(), 1);

    let backup = dir.path().join("backup.db");
    ok_stdout(newsdesk(&lib, &["backup", backup.to_str().unwrap()]));
    let copied = json(newsdesk(&backup, &["show", &id, "--json"]));
    assert_eq!(copied["headline"], "새벽 어시장의 경매");
    assert!(ok_stdout(newsdesk(&lib, &["check"])).starts_with("ok"));

    let missing = newsdesk(&lib, &["show", "0190c0de-0000-7000-8000-000000000000"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&missing.stderr).trim_end().lines().count(), 1);
}

/// Issue 3: a two-character and a four-character Korean query, from the command line, in a
/// library of several thousand articles, find exactly the right ones.
#[test]
fn korean_search_in_a_library_of_thousands() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("big.db");
    let files = dir.path().join("many");
    std::fs::create_dir(&files).unwrap();
    let places = ["시청", "항구", "학교", "시장", "공원", "병원", "도서관", "정류장"];
    for i in 0..3000 {
        let place = places[i % places.len()];
        let extra = match i {
            1234 => " 그날 밤 등대지기는 휘파람을 불었다.",
            2345 => " 취재진은 늦게까지 남아 있었다. 등대 불빛이 바다를 비췄다.",
            _ => "",
        };
        let text = format!(
            "# {place} 소식 {i}번\n\n오늘 {place} 앞에서 주민 모임이 열렸다. 참석자들은 예산과 일정에 대해 의견을 나눴다.{extra}\n"
        );
        std::fs::write(files.join(format!("{i:04}.md")), text).unwrap();
    }
    let out = newsdesk(&lib, &["import", files.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 3000);

    let headlines = |q: &str| -> Vec<String> {
        let hits = json(newsdesk(&lib, &["search", q, "--limit", "50", "--json"]));
        let mut h: Vec<String> = hits.as_array().unwrap().iter().map(|h| h["headline"].as_str().unwrap().to_string()).collect();
        h.sort();
        h
    };
    assert_eq!(headlines("등대"), vec!["학교 소식 1234번", "항구 소식 2345번"]);
    assert_eq!(headlines("등대지기는"), vec!["학교 소식 1234번"]);
    assert_eq!(headlines("휘파람"), vec!["학교 소식 1234번"]);
    assert_eq!(headlines("불빛이"), vec!["항구 소식 2345번"]);
}

#[test]
fn export_one_article_or_all_ready_ones() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("export.db");
    let files = dir.path().join("in");
    std::fs::create_dir(&files).unwrap();
    write(&files, "a.txt", "시장 골목의 <script>알림</script>\n\n상인들이 새벽부터 문을 열었다.\n");
    write(&files, "b.md", "# Harbour lights\n\nThe lamps were replaced overnight.\n");
    write(&files, "c.md", "# 초고 기사\n\n아직 쓰는 중이다.\n");
    let created = json(newsdesk(&lib, &["import", files.to_str().unwrap(), "--json"]));
    let ids: Vec<String> = created.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    for id in &ids[..2] {
        ok_stdout(newsdesk(&lib, &["set-status", id, "ready"]));
    }

    // To standard output: the page, with markup in the headline shown as text.
    let html = ok_stdout(newsdesk(&lib, &["export", &ids[0], "--format", "html"]));
    assert!(html.starts_with("<!doctype html>") || html.starts_with("<!DOCTYPE html>"), "{}", &html[..40]);
    assert!(html.contains("<h1>시장 골목의 &lt;script&gt;알림&lt;"), "the headline is shown as text");
    assert!(!html.contains("<script>알림"));
    let md = ok_stdout(newsdesk(&lib, &["export", &ids[1], "--format", "markdown"]));
    assert!(md.contains("Harbour lights") && md.contains("The lamps were replaced overnight."));

    // To a folder: named from the headline; the export is in the revisions.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let written = ok_stdout(newsdesk(&lib, &["export", &ids[1], "--format", "text", "-o", out.to_str().unwrap()]));
    let written = PathBuf::from(written.trim());
    assert_eq!(written.file_name().unwrap(), "Harbour lights.txt");
    assert!(std::fs::read_to_string(&written).unwrap().contains("The lamps were replaced overnight."));
    let revs = json(newsdesk(&lib, &["revisions", &ids[1], "--json"]));
    assert_eq!(revs[0]["reason"], "export");

    // Every ready article, with an index page; the draft stays behind.
    let all = dir.path().join("all");
    std::fs::create_dir(&all).unwrap();
    let out = newsdesk(&lib, &["export", "--all", "--status", "ready", "--format", "html", "-o", all.to_str().unwrap()]);
    let listed = ok_stdout(out);
    assert_eq!(listed.lines().count(), 3, "two pages and the index: {listed}");
    let mut names: Vec<String> = std::fs::read_dir(&all).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert!(names.contains(&"index.html".to_string()), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("초고")), "{names:?}");

    // A format no article has is a usage error.
    let bad = newsdesk(&lib, &["export", &ids[0], "--format", "jsonfeed"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&bad.stderr).trim_end().lines().count(), 1);
}

/// Output that cannot be delivered: a reader that went away is no error of ours (exit 0,
/// nothing on stderr, like other command-line tools); a full device is said in one line,
/// exit 1; and an export that was not written is not recorded as an export.
#[test]
fn a_closed_or_full_output_is_handled_like_a_command_line_tool() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let files: Vec<String> = (0..40)
        .map(|i| write(dir.path(), &format!("{i}.md"), &format!("# 기사 {i}\n\n본문 {i}번째 문단입니다.\n")).display().to_string())
        .collect();
    let mut args = vec!["import"];
    args.extend(files.iter().map(String::as_str));
    ok_stdout(newsdesk(&lib, &args));
    for verb in [&["list"][..], &["search", "문단"], &["list", "--json"]] {
        let mut child = Command::new(common::BIN)
            .arg("--library")
            .arg(&lib)
            .args(verb)
            .env_remove("NEWSDESK_LIBRARY")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before anything is read
        let out = child.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{verb:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{verb:?} says nothing");
    }
    let id = json(newsdesk(&lib, &["list", "--json"]))[0]["id"].as_str().unwrap().to_string();
    let revisions = || json(newsdesk(&lib, &["revisions", &id, "--json"])).as_array().unwrap().len();
    let before = revisions();
    let full = || std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    for verb in [&["list"][..], &["export", &id, "--format", "text"]] {
        let out = Command::new(common::BIN)
            .arg("--library")
            .arg(&lib)
            .args(verb)
            .env_remove("NEWSDESK_LIBRARY")
            .stdout(full())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{verb:?}: {err}");
        assert!(err.starts_with("newsdesk: the output could not be written") && err.lines().count() == 1, "{err}");
    }
    assert_eq!(revisions(), before, "the export that was never written is not recorded");
    ok_stdout(newsdesk(&lib, &["export", &id, "--format", "text"]));
    assert_eq!(revisions(), before + 1, "a written export is");
}

/// Press releases from the command line: a folder of them imports with the bad ones named,
/// `show --json` gives each one's source, `search` marks hits in the source, and
/// `source ID -o PATH` writes the original back out byte for byte.
#[test]
fn press_releases_keep_their_source_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core/tests/fixtures/release");
    let inbox = dir.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    for name in ["release.hwpx", "release.eml", "locked.hwp"] {
        std::fs::copy(fixtures.join(name), inbox.join(name)).unwrap();
    }
    let out = newsdesk(&lib, &["import", inbox.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(1), "one file was refused");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let imported = report.as_array().unwrap_or_else(|| panic!("{report}"));
    assert_eq!(imported.len(), 2, "{report}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("locked.hwp"), "{err}");

    let ids: Vec<String> = imported.iter().map(|i| i["id"].as_str().unwrap().to_string()).collect();
    let source_of = |id: &str| json(newsdesk(&lib, &["show", id, "--json"]));
    let hwpx = ids.iter().find(|id| source_of(id)["source"]["file_name"] == "release.hwpx").expect("the HWPX release").clone();
    let shown = source_of(&hwpx);
    let original = std::fs::read(fixtures.join("release.hwpx")).unwrap();
    assert_eq!(shown["source"]["file_name"], "release.hwpx");
    assert_eq!(shown["source"]["media_type"], "application/hwp+zip");
    let sha: String = <sha2::Sha256 as sha2::Digest>::digest(&original).iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(shown["source"]["sha256"], sha.as_str());
    let mail = imported.iter().map(|i| i["id"].as_str().unwrap()).find(|id| *id != hwpx).unwrap();
    let shown_mail = json(newsdesk(&lib, &["show", mail, "--json"]));
    assert_eq!(shown_mail["source"]["sender"], "해양생활안전처 대변인실 <press@tidal-safety.example>");
    assert_eq!(shown_mail["source"]["date"], "2025-04-09T14:00:00+09:00");
    let text = ok_stdout(newsdesk(&lib, &["show", &hwpx]));
    assert!(text.contains("source: release.hwpx (해양생활안전처"), "{text}");

    // A contact's number is only in the release's letterhead: found, marked as the source's.
    let hits = json(newsdesk(&lib, &["search", "044-555-0102", "--json"]));
    assert!(hits.as_array().unwrap().iter().all(|h| h["in_source"] == true), "{hits}");
    assert!(ok_stdout(newsdesk(&lib, &["search", "044-555-0102"])).contains("[source] "));

    let dest = dir.path().join("back.hwpx");
    let said = ok_stdout(newsdesk(&lib, &["source", &hwpx, "-o", dest.to_str().unwrap()]));
    assert_eq!(said.trim(), dest.display().to_string());
    assert_eq!(std::fs::read(&dest).unwrap(), original);

    // An article typed by hand has none: null in JSON, one line and exit 1 for `source`.
    let typed = write(dir.path(), "typed.md", "# 손으로 쓴 기사\n\n본문이다.\n");
    let id = json(newsdesk(&lib, &["import", typed.to_str().unwrap(), "--json"]))[0]["id"].as_str().unwrap().to_string();
    assert_eq!(json(newsdesk(&lib, &["show", &id, "--json"]))["source"], Value::Null);
    let out = newsdesk(&lib, &["source", &id, "-o", dir.path().join("none").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("not made from a press release"), "{err}");
}
