//! One set of limits for every front end: the same over-limit or hostile value gets the same
//! refusal whether it arrives in a file given to `newsdesk import`, as an argument of another
//! command-line verb, or through the window's IPC commands. The rules live in core
//! (`model/limits.rs`, applied by the library); these cases prove no front end has its own.
mod common;
mod ipc_support;

use common::{newsdesk, write};
use ipc_support::{app_with_library, invoke, window};
use serde_json::{json, Value};

/// One front end's answer: its one-line refusal, or `None` when it accepted.
fn cli_refusal(out: std::process::Output) -> Option<String> {
    if out.status.success() {
        return None;
    }
    let err = String::from_utf8_lossy(&out.stderr).trim_end().to_string();
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    Some(err)
}

fn ipc_refusal(r: Result<Value, Value>) -> Option<String> {
    match r {
        Ok(_) => None,
        Err(e) => {
            assert_eq!(e["kind"], "invalid", "{e}");
            Some(e["message"].as_str().unwrap().to_string())
        }
    }
}

struct Case {
    /// What every front end must say.
    message: String,
    cli: Vec<Option<String>>,
    ipc: Vec<Option<String>>,
}

#[test]
fn every_front_end_refuses_the_same_values_in_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("cli.db");
    let (app, _app_dir, article) = app_with_library();
    let w = window(&app, "main");
    let long_headline = "가".repeat(501);
    let long_tag = "태".repeat(101);
    let long_query = "검".repeat(501);
    let fields = |headline: &str| json!({"headline": headline, "body": {"type": "doc", "content": []}});
    let roundup = invoke(&w, "create_roundup", json!({"request": {"title": "판"}})).unwrap();
    let edition_text = format!("첫 문단입니다.\n\n이어 주말 주요 뉴스입니다.\n\n■ {long_headline}\n요약 한 줄.\n\nOUTLET news@outlet.example\n");
    let edition_file = write(dir.path(), "edition.txt", &edition_text);
    let heading_file = write(dir.path(), "long.md", &format!("# {long_headline}\n\n본문 한 줄.\n"));

    let cases = [
        Case {
            message: "headline is too long (at most 500 characters)".into(),
            cli: vec![cli_refusal(newsdesk(&lib, &["import", heading_file.to_str().unwrap()]))],
            ipc: vec![
                ipc_refusal(invoke(&w, "create_article", json!({"request": {"headline": long_headline}}))),
                ipc_refusal(invoke(
                    &w,
                    "save_article",
                    json!({"request": {"id": article, "base_version": 1, "fields": fields(&long_headline), "reason": "explicit"}}),
                )),
            ],
        },
        Case {
            message: "brief headline is too long (at most 500 characters)".into(),
            cli: vec![cli_refusal(newsdesk(&lib, &["import", edition_file.to_str().unwrap(), "--as", "roundup"]))],
            ipc: vec![
                ipc_refusal(invoke(&w, "import_roundup_text", json!({"text": edition_text}))),
                ipc_refusal(invoke(
                    &w,
                    "save_roundup",
                    json!({"request": {"id": roundup["id"], "base_version": roundup["version"], "reason": "explicit",
                        "fields": {"title": "판", "items": [{"headline": long_headline, "summary": "요약"}]}}}),
                )),
                ipc_refusal(invoke(
                    &w,
                    "preview_roundup",
                    json!({"request": {"id": roundup["id"], "format": "html",
                        "fields": {"title": "판", "items": [{"headline": long_headline, "summary": "요약"}]}}}),
                )),
            ],
        },
        Case {
            message: "tag is too long (at most 100 characters)".into(),
            cli: vec![cli_refusal(newsdesk(&lib, &["list", "--tag", &long_tag]))],
            ipc: vec![
                ipc_refusal(invoke(&w, "list_articles", json!({"request": {"tag": long_tag}}))),
                ipc_refusal(invoke(&w, "search_articles", json!({"request": {"text": "마을", "tag": long_tag}}))),
            ],
        },
        Case {
            message: "search text is too long (at most 500 characters)".into(),
            cli: vec![cli_refusal(newsdesk(&lib, &["search", &long_query]))],
            ipc: vec![ipc_refusal(invoke(&w, "search_articles", json!({"request": {"text": long_query}})))],
        },
        Case {
            message: "\"../../etc/passwd\" is not an article or roundup id".into(),
            cli: ["show", "revisions"]
                .iter()
                .map(|verb| cli_refusal(newsdesk(&lib, &[verb, "../../etc/passwd"])))
                .chain([cli_refusal(newsdesk(&lib, &["export", "../../etc/passwd", "--format", "text"]))])
                .collect(),
            ipc: vec![
                ipc_refusal(invoke(&w, "get_article", json!({"id": "../../etc/passwd"}))),
                ipc_refusal(invoke(&w, "list_revisions", json!({"id": "../../etc/passwd"}))),
            ],
        },
    ];
    for case in &cases {
        for (i, said) in case.cli.iter().enumerate() {
            let said = said.as_deref().unwrap_or_else(|| panic!("command line {i} accepted what it must refuse: {}", case.message));
            assert!(said.ends_with(&case.message), "command line {i}: {said:?} should end with {:?}", case.message);
        }
        for (i, said) in case.ipc.iter().enumerate() {
            assert_eq!(said.as_deref(), Some(case.message.as_str()), "IPC call {i}");
        }
    }
    // Nothing arrived in the command line's library, and the app's article is unchanged.
    assert_eq!(common::json(newsdesk(&lib, &["list", "--json"])), json!([]));
    let a = invoke(&w, "get_article", json!({"id": article})).unwrap();
    assert_eq!((a["version"].as_i64(), a["headline"].as_str()), (Some(1), Some("바닷가 마을의 여름 축제")));
}
