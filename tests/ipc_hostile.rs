//! Hostile calls to every command the webview may call: wrong types, unknown fields,
//! oversized strings, a deeply nested document, ids that do not exist or try to leave
//! their folder. Each is refused and leaves the library exactly as it was.
//!
//! The table below must name every command of src-tauri/build.rs; a test fails when one
//! is missing, so a new command cannot arrive without its hostile cases.
mod ipc_support;

use ipc_support::{app_with_library, invoke, window};
use serde_json::{json, Value};

const MISSING: &str = "0190c0de-0000-7000-8000-00000000dead";

/// The commands of the table (`src-tauri/src/commands/table.rs`, the ACL's list too).
fn commands_of_build_rs() -> Vec<String> {
    newsdesk_app::COMMANDS.iter().map(|c| c.to_string()).collect()
}

/// A long string of `n` characters.
fn long(n: usize) -> String {
    "가".repeat(n)
}

/// A document nested `depth` blockquotes deep.
fn deep_doc(depth: usize) -> Value {
    let mut node = json!({"type": "paragraph", "content": [{"type": "text", "text": "깊다"}]});
    for _ in 0..depth {
        node = json!({"type": "blockquote", "content": [node]});
    }
    json!({"type": "doc", "content": [node]})
}

fn fields(headline: &str, body: Value) -> Value {
    json!({"headline": headline, "deck": "", "byline": {"name": "", "email": ""}, "summary": "", "body": body,
           "tags": [], "section": "", "language": "ko"})
}

fn roundup_fields(title: &str) -> Value {
    json!({"title": title, "edition_date": "", "lead": {"article_id": null, "headline": "", "body": {"type": "doc", "content": []}},
           "transition": "", "items": [], "signoff": {"outlet": "", "email": ""}})
}

/// Hostile argument sets per command. Commands without arguments have none to abuse (an
/// empty list, named so that the table stays complete).
fn hostile_cases(article: &str) -> Vec<(&'static str, Vec<Value>)> {
    let empty_doc = json!({"type": "doc", "content": []});
    vec![
        ("app_info", vec![]),
        ("get_settings", vec![]),
        ("load_samples", vec![]),
        ("list_articles", vec![
            json!({"request": 42}),
            json!({"request": {"limit": 100000}}),
            json!({"request": {"tag": long(101)}}),
            json!({"request": {"kind": "<script>"}}),
            json!({"request": {"unknown": true}}),
        ]),
        ("search_articles", vec![
            json!({"request": {"text": long(501)}}),
            json!({"request": {"text": 7}}),
            json!({"request": {"text": "x", "limit": -1}}),
            json!({"request": {"text": "x", "order": "drop table articles"}}),
        ]),
        ("get_article", vec![json!({"id": "../../etc/passwd"}), json!({"id": MISSING}), json!({"id": 1}), json!({})]),
        ("create_article", vec![json!({"request": {"headline": long(501)}}), json!({"request": {"headline": "x", "id": MISSING}})]),
        ("save_article", vec![
            json!({"request": {"id": article, "base_version": 1, "fields": fields(&long(501), empty_doc.clone()), "reason": "autosave"}}),
            json!({"request": {"id": article, "base_version": 1, "fields": fields("깊은 문서", deep_doc(500)), "reason": "autosave"}}),
            json!({"request": {"id": article, "base_version": 1, "fields": fields("x", json!({"type": "doc", "content": [{"type": "script", "text": "alert(1)"}]})), "reason": "autosave"}}),
            json!({"request": {"id": article, "base_version": 1, "fields": fields("x", empty_doc.clone()), "reason": "autosave", "sneaky": 1}}),
            json!({"request": {"id": MISSING, "base_version": 1, "fields": fields("x", empty_doc.clone()), "reason": "autosave"}}),
            json!({"request": {"id": article, "base_version": "1", "fields": fields("x", empty_doc.clone()), "reason": "autosave"}}),
            json!({"request": {"id": article, "base_version": 1, "fields": fields("x", empty_doc.clone()), "reason": "delete"}}),
        ]),
        ("set_status", vec![json!({"request": {"id": article, "status": "gone"}}), json!({"request": {"id": MISSING, "status": "ready"}})]),
        ("list_revisions", vec![json!({"id": "../../"}), json!({"id": MISSING})]),
        ("restore_revision", vec![
            json!({"request": {"id": article, "revision_id": 999999, "base_version": 1}}),
            json!({"request": {"id": article, "revision_id": "1; drop", "base_version": 1}}),
        ]),
        ("compare_revisions", vec![json!({"request": {"id": article, "from": 999998, "to": 999999}}), json!({"request": {"id": MISSING, "from": 1, "to": 1}})]),
        ("trash_article", vec![json!({"id": MISSING}), json!({"id": "/etc/passwd"})]),
        ("restore_article", vec![json!({"id": MISSING}), json!({"id": ".."})]),
        ("put_image", vec![json!({"bytes": [1, 2, 3]}), json!("not bytes")]),
        ("get_asset", vec![json!({"id": "../../../etc/passwd"}), json!({"id": "0".repeat(64)}), json!({"id": "z".repeat(64)})]),
        ("set_settings", vec![
            json!({"settings": {"outlet_name": long(201)}}),
            json!({"settings": {"time_zone": "Mars/Olympus"}}),
            json!({"settings": {"site_url": "javascript:alert(1)"}}),
            json!({"settings": {"logo_asset": "../../etc/passwd"}}),
            json!({"settings": 5}),
        ]),
        // The export commands are refused before any dialog opens.
        ("export_article", vec![json!({"request": {"id": "../x", "format": "html"}}), json!({"request": {"id": article, "format": "exe"}})]),
        ("export_all", vec![json!({"request": {"status": null, "format": "pdf"}}), json!({"request": {"status": "lost", "format": "html"}})]),
        ("create_roundup", vec![json!({"request": {"title": long(501)}}), json!({"request": {"title": "x", "items": []}})]),
        ("get_roundup", vec![json!({"id": article}), json!({"id": MISSING}), json!({"id": "../x"})]),
        ("save_roundup", vec![
            json!({"request": {"id": MISSING, "base_version": 1, "fields": roundup_fields("x"), "reason": "autosave"}}),
            json!({"request": {"id": article, "base_version": 1, "fields": roundup_fields("x"), "reason": "autosave"}}),
            json!({"request": {"id": MISSING, "base_version": 1, "fields": roundup_fields(&long(501)), "reason": "autosave"}}),
        ]),
        ("set_roundup_status", vec![json!({"request": {"id": article, "status": "ready"}}), json!({"request": {"id": MISSING, "status": "ready"}})]),
        ("brief_from_article", vec![json!({"id": MISSING}), json!({"id": "../etc"})]),
        ("article_usage", vec![json!({"id": "' OR 1=1 --"}), json!({"id": 3})]),
        ("preview_roundup", vec![
            json!({"request": {"id": article, "fields": roundup_fields("x"), "format": "html"}}),
            json!({"request": {"id": MISSING, "fields": roundup_fields("x"), "format": "exe"}}),
        ]),
        ("export_roundup", vec![json!({"request": {"id": article, "format": "ninjs"}}), json!({"request": {"id": "../x", "format": "html"}})]),
        ("import_roundup_text", vec![json!({"text": "   "}), json!({"text": long(3_000_000)}), json!({"text": ["■ a"]})]),
        ("restore_roundup_revision", vec![json!({"request": {"id": article, "revision_id": 1, "base_version": 1}}), json!({"request": {"id": MISSING, "revision_id": 1, "base_version": 1}})]),
        ("check_style", vec![
            json!({"input": {"kind": "memo", "fields": {}}}),
            json!({"input": {"kind": "article", "fields": fields(&long(501), empty_doc.clone())}}),
            json!({"input": "하였다"}),
            json!({"input": {"kind": "article", "fields": fields("x", empty_doc.clone())}, "id": "../x"}),
        ]),
        ("style_ignored", vec![json!({"id": "../x"}), json!({"id": MISSING}), json!({"id": 7})]),
        ("set_style_ignored", vec![
            json!({"id": MISSING, "entry": {"rule": "ko.hayeotda", "field": "body", "text": "하였다"}, "ignore": true}),
            json!({"id": article, "entry": {"rule": "ko.hayeotda", "field": "margin", "text": "하였다"}, "ignore": true}),
            json!({"id": article, "entry": {"rule": long(300), "field": "body", "text": "하였다"}, "ignore": true}),
            json!({"id": article, "entry": {"rule": "ko.hayeotda", "field": "body", "text": long(5001)}, "ignore": true}),
            json!({"id": article, "entry": {"rule": "ko.hayeotda", "field": "body", "text": "x"}, "ignore": "yes"}),
        ]),
        ("preflight_item", vec![json!({"id": "../x"}), json!({"id": MISSING}), json!({"id": 7})]),
        ("get_style_book", vec![]),
        ("set_style_book", vec![
            json!({"toml": "[[override]]\nrule = \"ko.unit_space\"\nenabled = maybe\n"}),
            json!({"toml": "[[rule]]\nid = \"x\"\npattern = '(open'\nseverity = \"error\"\nmessage_ko = \"x\"\nmessage_en = \"x\"\n"}),
            json!({"toml": format!("name = \"{}\"\n", long(1_100_000))}),
            json!({"toml": 5}),
        ]),
        ("style_rules", vec![]),
        ("count_sentences", vec![json!({"texts": vec!["가."; 501]}), json!({"texts": [long(5001)]}), json!({"texts": "하나. 둘."})]),
        ("set_style_rule", vec![
            json!({"request": {"rule": "no.such", "enabled": false, "severity": "error"}}),
            json!({"request": {"rule": "ko.hayeotda", "enabled": false, "severity": "fatal"}}),
            json!({"request": {"rule": long(300), "enabled": true, "severity": "hint"}}),
            json!({"request": {"rule": "ko.hayeotda", "enabled": "no", "severity": "hint"}}),
        ]),
        ("draft_summary", vec![json!({"id": MISSING}), json!({"id": "../../etc/passwd"}), json!({})]),
        // Makes an edition (nothing hostile to give it); tested in tests/ipc.rs and end to end.
        ("create_roundup_from_week", vec![]),
        // Both ask the native dialog for their file and take no argument; the file's
        // refusals are core's (tests/style_library.rs) and the real window's (e2e).
        ("export_style_book", vec![]),
        ("import_style_book", vec![]),
        // Asks the open dialog (no argument); what a file can do is core's (bulk_import.rs).
        ("import_files_dialog", vec![]),
        ("article_source", vec![json!({"id": MISSING}), json!({"id": "../x"}), json!({"id": 7})]),
        // An article not made from a press release has no source file to save (refused
        // before any dialog opens).
        ("save_source_file", vec![json!({"id": article}), json!({"id": MISSING}), json!({"id": "' OR 1=1 --"})]),
        ("length_goal", vec![json!({"id": MISSING}), json!({"id": "../x"})]),
        ("set_length_goal", vec![
            json!({"id": article, "goal": {"unit": "chars", "amount": 0}}),
            json!({"id": article, "goal": {"unit": "pages", "amount": 1001}}),
            json!({"id": article, "goal": {"unit": "lines", "amount": 10}}),
            json!({"id": article, "goal": {"unit": "chars", "amount": -5}}),
            json!({"id": MISSING, "goal": {"unit": "chars", "amount": 1800}}),
            json!({"id": MISSING, "goal": null}),
        ]),
        ("publish_targets", vec![]),
        ("put_publish_target", vec![
            json!({"target": {"name": "", "kind": "wordpress", "site_url": "https://news.example", "user": "me"}, "secret": null}),
            json!({"target": {"name": "x", "kind": "wordpress", "site_url": "file:///etc/passwd", "user": "me"}, "secret": null}),
            json!({"target": {"name": "x", "kind": "wordpress", "site_url": "javascript:alert(1)", "user": "me"}, "secret": null}),
            json!({"target": {"name": "x", "kind": "ghost", "site_url": "https://news.example", "user": "me"}, "secret": null}),
            json!({"target": {"name": long(61), "kind": "wordpress", "site_url": "https://news.example", "user": "me"}, "secret": null}),
            json!({"target": {"name": "x", "kind": "wordpress", "site_url": "https://news.example", "user": " "}, "secret": null}),
        ]),
        ("remove_publish_target", vec![json!({"name": "no such site"}), json!({"name": 5})]),
        ("publications", vec![json!({"id": "../x"}), json!({"id": 7})]),
        // No target of that name: refused before anything leaves the machine.
        ("publish", vec![
            json!({"id": article, "target": "no such site", "options": {"as": "draft", "overwrite": false}, "secret": null}),
            json!({"id": "../x", "target": "x", "options": {"as": "draft"}, "secret": null}),
            json!({"id": article, "target": "x", "options": {"as": "burn"}, "secret": null}),
        ]),
        // No SMTP server is set, and an article has no e-mail form.
        ("send_test_email", vec![
            json!({"id": article, "to": "me@example.test", "password": null}),
            json!({"id": "../x", "to": "me@example.test", "password": null}),
        ]),
        ("open_in_browser", vec![
            json!({"url": "file:///etc/passwd"}),
            json!({"url": "javascript:alert(1)"}),
            json!({"url": "https://a.example/ b"}),
            json!({"url": "--help"}),
        ]),
    ]
}

#[test]
fn every_command_has_hostile_cases() {
    let table: Vec<&str> = hostile_cases(MISSING).into_iter().map(|(c, _)| c).collect();
    let commands = commands_of_build_rs();
    assert!(commands.len() >= 25, "{commands:?}");
    for c in &commands {
        assert!(table.contains(&c.as_str()), "no hostile cases for the command {c}: add it to hostile_cases()");
    }
    for c in &table {
        assert!(commands.iter().any(|k| k == c), "{c} is in the table but not a command");
    }
}

/// Everything a hostile call could have changed.
fn snapshot(w: &tauri::WebviewWindow<tauri::test::MockRuntime>, article: &str) -> Value {
    json!({
        "live": invoke(w, "list_articles", json!({"request": {}})).unwrap(),
        "trash": invoke(w, "list_articles", json!({"request": {"trashed": true}})).unwrap(),
        "article": invoke(w, "get_article", json!({"id": article})).unwrap(),
        "revisions": invoke(w, "list_revisions", json!({"id": article})).unwrap(),
        "settings": invoke(w, "get_settings", json!({})).unwrap(),
        "ignored": invoke(w, "style_ignored", json!({"id": article})).unwrap(),
        "goal": invoke(w, "length_goal", json!({"id": article})).unwrap(),
    })
}

#[test]
fn hostile_calls_are_refused_and_change_nothing() {
    let (app, _dir, article) = app_with_library();
    let w = window(&app, "main");
    let before = snapshot(&w, &article);
    let mut refused = 0;
    for (cmd, cases) in hostile_cases(&article) {
        for args in cases {
            let shown: String = args.to_string().chars().take(120).collect();
            let err = invoke(&w, cmd, args.clone()).expect_err(&format!("{cmd} accepted {shown}"));
            // Our own refusals carry {kind, message}; arguments that do not even deserialize
            // are refused by Tauri before the command runs, with its message.
            match err.get("kind") {
                Some(kind) => {
                    assert!(matches!(kind.as_str(), Some("invalid" | "not_found" | "conflict")), "{cmd} {shown}: {err}");
                    assert!(err["message"].as_str().is_some_and(|m| !m.is_empty()), "{cmd}: {err}");
                }
                None => assert!(err.as_str().is_some_and(|m| !m.is_empty()), "{cmd} {shown}: {err}"),
            }
            refused += 1;
        }
        assert_eq!(snapshot(&w, &article), before, "{cmd} changed the library");
    }
    println!("{refused} hostile calls refused, library unchanged");
    assert!(refused >= 60, "{refused}");
}
