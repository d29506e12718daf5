//! The house-style verbs as a real process: `lint` of files and library items (JSON shape,
//! character offsets, exit 0/1/2), `preflight` (exit 1 when a blocking item fails), and
//! `style export|import` (a broken book refused with its line, the book in use kept).
mod common;

use serde_json::Value;

use common::{json, newsdesk, ok_stdout, write};

const PLANTED: &str = "# 새 노선 발표\n\n시는 새 노선을 발표하였다. 요금은 1,500 원이다.\n\n둘째 문단도 있다.\n";
const CLEAN: &str = "# 새 노선 발표\n\n시는 새 노선을 발표했다. 요금은 1,500원이다.\n";

fn lint_json(lib: &std::path::Path, args: &[&str]) -> (Option<i32>, Value) {
    let out = newsdesk(lib, &[&["lint", "--json"], args].concat());
    (out.status.code(), serde_json::from_slice(&out.stdout).expect("lint prints JSON"))
}

#[test]
fn lint_reads_files_through_the_importer_and_counts_characters() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let planted = write(dir.path(), "planted.md", PLANTED);
    let clean = write(dir.path(), "clean.md", CLEAN);
    let (code, findings) = lint_json(&lib, &[planted.to_str().unwrap()]);
    assert_eq!(code, Some(1), "an error-severity finding: exit 1");
    let rows = findings.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{findings:#}");
    let first = &rows[0];
    for key in ["rule", "severity", "field", "start", "end", "text", "message", "suggestions"] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert_eq!((first["rule"].as_str(), first["field"].as_str(), first["severity"].as_str()), (Some("ko.hayeotda"), Some("body"), Some("error")));
    // Offsets count characters of the body's text: 시는 새 노선을 발표|하였다|.
    let body = "시는 새 노선을 발표하였다. 요금은 1,500 원이다.\n둘째 문단도 있다.";
    let chars: Vec<char> = body.chars().collect();
    for f in rows {
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(chars[s..e].iter().collect::<String>(), f["text"].as_str().unwrap());
    }
    assert_eq!(rows[1]["suggestions"][0], "1,500원");
    // Nothing was stored.
    assert_eq!(json(newsdesk(&lib, &["list", "--json"])).as_array().unwrap().len(), 0);

    let (code, findings) = lint_json(&lib, &[clean.to_str().unwrap()]);
    assert_eq!((code, findings.as_array().unwrap().len()), (Some(0), 0), "clean: exit 0, nothing found");
    let usage = newsdesk(&lib, &["lint"]);
    assert_eq!(usage.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("<ID|FILE>"), "the missing argument is named");
    let missing = newsdesk(&lib, &["lint", dir.path().join("gone.md").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("gone.md"));
}

#[test]
fn lint_and_preflight_of_library_items() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let planted = write(dir.path(), "planted.md", PLANTED);
    let id = json(newsdesk(&lib, &["import", planted.to_str().unwrap(), "--json"]))[0]["id"].as_str().unwrap().to_string();
    let (code, findings) = lint_json(&lib, &[&id]);
    assert_eq!(code, Some(1));
    assert_eq!(findings[0]["source"], id.as_str());
    let text = ok_stdout(newsdesk(&lib, &["preflight", &id]));
    assert!(text.contains("warn  style_errors"), "{text}");

    // An edition whose second brief has no headline: that item blocks.
    let edition = write(dir.path(), "edition.txt", "주말 도시는 조용했다.\n이어 주요 소식입니다.\n■ 항구에 새 등대\n등대가 다시 불을 켰다. 어민들이 반겼다.\n■\n시장 지붕 공사는 다음 달 끝난다.\nDESK desk@weekend.example\n");
    let rid = json(newsdesk(&lib, &["import", edition.to_str().unwrap(), "--as", "roundup", "--json"]))[0]["id"].as_str().unwrap().to_string();
    let out = newsdesk(&lib, &["preflight", &rid, "--json"]);
    assert_eq!(out.status.code(), Some(1), "a blocking item failed");
    let list: Value = serde_json::from_slice(&out.stdout).unwrap();
    let failed: Vec<&Value> = list["items"].as_array().unwrap().iter().filter(|i| i["ok"] == false && i["blocking"] == true).collect();
    assert_eq!(failed.len(), 1, "{list:#}");
    assert_eq!((failed[0]["id"].as_str(), failed[0]["brief"].as_u64()), (Some("brief_headline"), Some(1)));
}

#[test]
fn the_style_book_moves_as_one_toml_file_and_a_broken_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let planted = write(dir.path(), "planted.md", PLANTED);
    let own = write(dir.path(), "desk.toml", "name = \"우리 신문\"\n\n[[override]]\nrule = \"ko.hayeotda\"\nenabled = false\n");
    let said = ok_stdout(newsdesk(&lib, &["style", "import", own.to_str().unwrap()]));
    assert!(said.starts_with("우리 신문:"), "{said}");
    let (code, findings) = lint_json(&lib, &[planted.to_str().unwrap()]);
    assert_eq!((code, findings.as_array().unwrap().len()), (Some(0), 1), "the rule is off: only the unit warning is left");

    let broken = write(dir.path(), "broken.toml", "[[override]]\nrule = \"ko.unit_space\"\nenabled = maybe\n");
    let out = newsdesk(&lib, &["style", "import", broken.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.toml") && err.contains("line 3") && err.contains("not changed"), "{err}");
    let bad_pattern = write(dir.path(), "pattern.toml", "[[rule]]\nid = \"desk.bad\"\npattern = '[unclosed'\nseverity = \"error\"\nmessage_ko = \"x\"\nmessage_en = \"x\"\n");
    let out = newsdesk(&lib, &["style", "import", bad_pattern.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("desk.bad"));

    let exported = dir.path().join("out.toml");
    ok_stdout(newsdesk(&lib, &["style", "export", exported.to_str().unwrap()]));
    let text = std::fs::read_to_string(&exported).unwrap();
    assert!(text.contains("우리 신문") && text.contains("ko.hayeotda"), "the book in use is still the desk's: {text}");
    assert_eq!(ok_stdout(newsdesk(&lib, &["style", "export", "-"])), text);
}
