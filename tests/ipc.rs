//! The app's commands through Tauri's mock runtime with the real context: the ACL from
//! capabilities/main.json decides what the main window may call.
mod ipc_support;

use ipc_support::{app_with_library, invoke, window};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::Manager;

#[test]
fn app_info_names_the_open_library() {
    let (app, dir, _) = app_with_library();
    let info = invoke(&window(&app, "main"), "app_info", json!({})).unwrap();
    assert_eq!(info["library_path"], dir.path().join("ipc.db").display().to_string());
    assert_eq!(info["locale"], "ko-KR");
    assert_eq!(info["article_count"], 1);
    assert_eq!(info["version"], env!("CARGO_PKG_VERSION"));
}

#[test]
fn list_search_and_get_return_the_article() {
    let (app, _dir, id) = app_with_library();
    let w = window(&app, "main");
    let page = invoke(&w, "list_articles", json!({"request": {}})).unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["headline"], "바닷가 마을의 여름 축제");
    let drafts = invoke(&w, "list_articles", json!({"request": {"status": "draft"}})).unwrap();
    assert_eq!(drafts, json!({"rows": [], "total": 0}));
    let articles = invoke(&w, "list_articles", json!({"request": {"kind": "article"}})).unwrap();
    assert_eq!(articles["total"], 1);
    let roundups = invoke(&w, "list_articles", json!({"request": {"kind": "roundup"}})).unwrap();
    assert_eq!(roundups["total"], 0);
    let paged = invoke(&w, "list_articles", json!({"request": {"offset": 1, "limit": 10}})).unwrap();
    assert_eq!(paged, json!({"rows": [], "total": 1}));
    assert!(invoke(&w, "list_articles", json!({"request": {"limit": 100000}})).is_err());
    let page = invoke(&w, "search_articles", json!({"request": {"text": "이웃 마을"}})).unwrap();
    assert_eq!(page["hits"][0]["id"], id.as_str());
    let article = invoke(&w, "get_article", json!({"id": id})).unwrap();
    assert_eq!(article["status"], "ready");
    assert_eq!(article["body"]["content"][0]["type"], "paragraph");
}

#[test]
fn bad_arguments_are_refused_with_kind_and_message() {
    let (app, _dir, _) = app_with_library();
    let w = window(&app, "main");
    let err = invoke(&w, "get_article", json!({"id": "../../etc/passwd"})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    let err = invoke(&w, "get_article", json!({"id": "0190c0de-0000-7000-8000-000000000000"})).unwrap_err();
    assert_eq!(err["kind"], "not_found");
    let long = "가".repeat(501);
    let err = invoke(&w, "search_articles", json!({"request": {"text": long}})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(invoke(&w, "list_articles", json!({"request": {"status": "lost"}})).is_err());
    assert!(invoke(&w, "list_articles", json!({"request": {"sql": "drop table"}})).is_err());
}

#[test]
fn the_acl_refuses_unknown_commands_and_other_windows() {
    let (app, _dir, _) = app_with_library();
    let main = window(&app, "main");
    assert!(invoke(&main, "plugin:fs|read_file", json!({"path": "/etc/passwd"})).is_err());
    assert!(invoke(&main, "drop_library", json!({})).is_err());
    // A window the capability does not name may call nothing of the app's.
    let other = window(&app, "intruder");
    let err = invoke(&other, "app_info", json!({})).unwrap_err();
    assert!(err.to_string().to_lowercase().contains("not allowed"), "{err}");
}

#[test]
fn the_default_library_is_in_tauris_app_data_folder() {
    let (app, _dir, _) = app_with_library();
    let tauri_dir = app.path().app_data_dir().unwrap();
    let ours = newsdesk_app::paths::default_library_path().unwrap();
    assert_eq!(ours, tauri_dir.join("library.db"));
}

#[test]
fn create_save_conflict_and_revisions() {
    let (app, _dir, _) = app_with_library();
    let w = window(&app, "main");
    let a = invoke(&w, "create_article", json!({"request": {"headline": "새 기사"}})).unwrap();
    let id = a["id"].as_str().unwrap().to_string();
    assert_eq!(a["status"], "draft");
    let fields = |text: &str| {
        json!({"headline": "새 기사", "deck": "", "byline": {"name": "", "email": ""}, "summary": "",
               "body": {"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": text}]}]},
               "tags": [], "section": "", "language": "ko"})
    };
    let saved = invoke(&w, "save_article", json!({"request": {"id": id, "base_version": a["version"], "fields": fields("첫 문단"), "reason": "explicit"}})).unwrap();
    assert_eq!(saved["counts"]["chars"], 4);
    // A save based on the old version is a conflict, and nothing is overwritten.
    let err = invoke(&w, "save_article", json!({"request": {"id": id, "base_version": a["version"], "fields": fields("다른 창"), "reason": "autosave"}})).unwrap_err();
    assert_eq!(err["kind"], "conflict");
    let now = invoke(&w, "get_article", json!({"id": id})).unwrap();
    assert_eq!(now["body"]["content"][0]["content"][0]["text"], "첫 문단");
    // Emptying a body needs an explicit confirmation.
    let empty = json!({"headline": "새 기사", "body": {"type": "doc", "content": []}});
    let err = invoke(&w, "save_article", json!({"request": {"id": id, "base_version": saved["version"], "fields": empty, "reason": "autosave"}})).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    // A body outside the schema is refused before it reaches the library.
    let bad = json!({"headline": "x", "body": {"type": "doc", "content": [{"type": "script"}]}});
    assert!(invoke(&w, "save_article", json!({"request": {"id": id, "base_version": saved["version"], "fields": bad, "reason": "autosave"}})).is_err());
    let revs = invoke(&w, "list_revisions", json!({"id": id})).unwrap();
    assert_eq!(revs.as_array().unwrap().len(), 2, "create and the explicit save: {revs}");
    let diff = invoke(&w, "compare_revisions", json!({"request": {"id": id, "from": revs[1]["id"], "to": revs[0]["id"]}})).unwrap();
    assert_eq!(diff["body"][0]["op"], "insert");
    let st = invoke(&w, "set_status", json!({"request": {"id": id, "status": "ready"}})).unwrap();
    assert_eq!(st["status"], "ready");
    invoke(&w, "trash_article", json!({"id": id})).unwrap();
    assert_eq!(invoke(&w, "list_articles", json!({"request": {"trashed": true}})).unwrap()["total"], 1);
    invoke(&w, "restore_article", json!({"id": id})).unwrap();
}

#[test]
fn images_arrive_as_raw_bytes_and_come_back() {
    let (app, _dir, _) = app_with_library();
    let w = window(&app, "main");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-not-a-real-image".to_vec();
    let send = |bytes: Vec<u8>| {
        get_ipc_response(
            &w,
            InvokeRequest {
                cmd: "put_image".into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().unwrap(),
                body: InvokeBody::Raw(bytes),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
    };
    let id: String = send(png.clone()).unwrap().deserialize().unwrap();
    assert_eq!(id.len(), 64);
    let err = send(b"<svg onload=alert(1)>".to_vec()).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    let back = get_ipc_response(
        &w,
        InvokeRequest {
            cmd: "get_asset".into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: InvokeBody::Json(json!({"id": id})),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .unwrap();
    match back {
        tauri::ipc::InvokeResponseBody::Raw(bytes) => assert_eq!(bytes, png),
        other => panic!("expected raw bytes, got {other:?}"),
    }
}

#[test]
fn settings_are_checked_and_become_the_default_byline() {
    let (app, _dir, _) = app_with_library();
    let w = window(&app, "main");
    let mut s = invoke(&w, "get_settings", json!({})).unwrap();
    assert_eq!(s["time_zone"], "Asia/Seoul");
    s["reporter_name"] = json!("윤서진");
    s["reporter_email"] = json!("seojin@newsroom.example");
    s["outlet_name"] = json!("바닷가 신문");
    s["brief_max_chars"] = json!(180);
    s["signoff"] = json!("바닷가 신문 news@bada.example");
    s["date_format"] = json!("%Y년 %m월 %d일 %H:%M");
    invoke(&w, "set_settings", json!({"settings": s})).unwrap();
    let back = invoke(&w, "get_settings", json!({})).unwrap();
    assert_eq!(back["brief_max_chars"], 180);
    assert_eq!(back["brief_max_sentences"], 3);
    assert_eq!(back["signoff"], "바닷가 신문 news@bada.example");
    let a = invoke(&w, "create_article", json!({"request": {}})).unwrap();
    assert_eq!(a["byline"], json!({"name": "윤서진", "email": "seojin@newsroom.example"}));
    let mut no_logo = s.clone();
    no_logo["logo_asset"] = json!("ab".repeat(32));
    assert!(invoke(&w, "set_settings", json!({"settings": no_logo})).is_err(), "a logo must be a stored image");
    let mut bad = s.clone();
    bad["time_zone"] = json!("Mars/Olympus");
    let err = invoke(&w, "set_settings", json!({"settings": bad})).unwrap_err();
    assert!(err["message"].as_str().unwrap().contains("time zone"), "{err}");
    assert_eq!(invoke(&w, "get_settings", json!({})).unwrap()["time_zone"], "Asia/Seoul", "nothing stored");
}

#[test]
fn export_writes_the_file_without_a_dialog_when_the_folder_is_given() {
    let (app, dir, id) = app_with_library();
    let out = dir.path().join("exports");
    std::fs::create_dir(&out).unwrap();
    std::env::set_var(newsdesk_app::commands::EXPORT_DIR_ENV, &out);
    let w = window(&app, "main");
    let path = invoke(&w, "export_article", json!({"request": {"id": id, "format": "html"}})).unwrap();
    let path = std::path::PathBuf::from(path.as_str().unwrap());
    assert_eq!(path.parent().unwrap(), out);
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.contains("<h1>바닷가 마을의 여름 축제</h1>"));
    let revs = invoke(&w, "list_revisions", json!({"id": id})).unwrap();
    assert_eq!(revs[0]["reason"], "export");
    assert!(invoke(&w, "export_article", json!({"request": {"id": id, "format": "jsonfeed"}})).is_err());
}

#[test]
fn a_roundup_is_built_saved_previewed_and_its_articles_known() {
    let (app, _dir, article) = app_with_library();
    let w = window(&app, "main");
    let r = invoke(&w, "create_roundup", json!({"request": {"title": "주말 브리핑"}})).unwrap();
    assert_eq!(r["kind"], "roundup");
    assert_eq!(r["version"], 1);
    let id = r["id"].as_str().unwrap().to_string();
    let brief = invoke(&w, "brief_from_article", json!({"id": article})).unwrap();
    assert_eq!(brief["headline"], "바닷가 마을의 여름 축제");
    assert_eq!(brief["summary"], "올해 축제에는 이웃 마을 주민들도 배를 타고 건너왔다.");
    let mut fields = r.clone();
    for k in ["id", "kind", "status", "created_at", "updated_at", "trashed_at", "version"] {
        fields.as_object_mut().unwrap().remove(k);
    }
    fields["transition"] = json!("이어 주요 뉴스입니다.");
    fields["items"] = json!([brief, {"article_id": null, "headline": "단신", "summary": "짧은 소식.", "link": "https://news.example/a"}]);
    let req = |base: i64, fields: &Value| json!({"request": {"id": id, "base_version": base, "fields": fields, "reason": "autosave"}});
    let saved = invoke(&w, "save_roundup", req(1, &fields)).unwrap();
    assert_eq!(saved["version"], 2);
    assert_eq!(saved["items"][1]["headline"], "단신");
    // A save over an old version is a conflict, and changes nothing.
    let stale = invoke(&w, "save_roundup", req(1, &fields)).unwrap_err();
    assert_eq!(stale["kind"], "conflict");
    assert_eq!(invoke(&w, "get_roundup", json!({"id": id})).unwrap()["version"], 2);
    // A javascript: link is refused with the brief named.
    let mut bad = fields.clone();
    bad["items"][1]["link"] = json!("javascript:alert(1)");
    let err = invoke(&w, "save_roundup", req(2, &bad)).unwrap_err();
    assert_eq!(err["kind"], "invalid");
    assert!(err["message"].as_str().unwrap().contains("brief 2"), "{err}");
    let usage = invoke(&w, "article_usage", json!({"id": article})).unwrap();
    assert_eq!(usage, json!([{"id": id, "title": "주말 브리핑"}]));
    // The preview renders what is on screen, saved or not.
    fields["items"][1]["headline"] = json!("아직 저장 안 한 제목");
    let page = invoke(&w, "preview_roundup", json!({"request": {"id": id, "fields": fields, "format": "text"}})).unwrap();
    assert!(page["path"].as_str().unwrap().starts_with(&format!("{id}/text/")), "{page}");
    assert!(page["bytes"].as_u64().unwrap() > 20);
    let status = invoke(&w, "set_roundup_status", json!({"request": {"id": id, "status": "ready"}})).unwrap();
    assert_eq!(status["status"], "ready");
    assert_eq!(status["items"][1]["headline"], "단신", "the preview changed nothing stored");
    // An article id is not a roundup.
    assert_eq!(invoke(&w, "get_roundup", json!({"id": article})).unwrap_err()["kind"], "not_found");
    // The first revision (the empty new edition) restored: a new version, itself a revision.
    let revisions = invoke(&w, "list_revisions", json!({"id": id})).unwrap();
    let first = revisions.as_array().unwrap().last().unwrap().clone();
    assert_eq!(first["reason"], "create");
    let version = status["version"].as_i64().unwrap();
    let restored = invoke(&w, "restore_roundup_revision", json!({"request": {"id": id, "revision_id": first["id"], "base_version": version}})).unwrap();
    assert_eq!(restored["items"], json!([]));
    assert_eq!(restored["version"], version + 1);
    let after = invoke(&w, "list_revisions", json!({"id": id})).unwrap();
    assert_eq!(after[0]["reason"], "restore");
}

#[test]
fn a_pasted_edition_becomes_a_roundup_with_its_parts() {
    let (app, _dir, _) = app_with_library();
    let w = window(&app, "main");
    let text = "첫 문단입니다.\n\n이어 주요 뉴스입니다.\n\n■ \"항구에 새 등대\"\n등대가 다시 불을 켰다. 어민들이 반겼다.\n\n■ 시장 지붕 공사\n공사는 다음 달 끝난다.\n\nOUTLET news@outlet.example\n";
    let r = invoke(&w, "import_roundup_text", json!({"text": text})).unwrap();
    assert_eq!(r["kind"], "roundup");
    assert_eq!(r["transition"], "이어 주요 뉴스입니다.");
    assert_eq!(r["items"][0]["headline"], "\"항구에 새 등대\"");
    assert_eq!(r["items"][0]["summary"], "등대가 다시 불을 켰다. 어민들이 반겼다.");
    assert_eq!(r["items"][1]["headline"], "시장 지붕 공사");
    assert_eq!(r["signoff"], json!({"outlet": "OUTLET", "email": "news@outlet.example"}));
    let revisions = invoke(&w, "list_revisions", json!({"id": r["id"]})).unwrap();
    assert_eq!(revisions[0]["reason"], "import");
    let empty = invoke(&w, "import_roundup_text", json!({"text": "   \n\n"})).unwrap_err();
    assert_eq!(empty["kind"], "invalid");
    let huge = invoke(&w, "import_roundup_text", json!({"text": "가".repeat(3_000_000)})).unwrap_err();
    assert!(huge["message"].as_str().unwrap().contains("too large"), "{huge}");
}

/// The commands that render or hash run on a worker thread, not on the thread that called
/// them (in the real app, the main thread that draws the window): typing stays smooth
/// while the preview renders and inlines the e-mail's CSS.
#[test]
fn the_library_is_used_off_the_calling_thread() {
    let (app, _dir, _) = app_with_library();
    let w = window(&app, "main");
    let state = app.state::<newsdesk_app::AppState>();
    let caller = std::thread::current().id();
    let r = invoke(&w, "create_roundup", json!({"request": {"title": "판"}})).unwrap();
    let fields = json!({"title": "판", "transition": "이어 주말 주요 뉴스입니다."});
    for format in ["html", "email"] {
        invoke(&w, "preview_roundup", json!({"request": {"id": r["id"], "fields": fields, "format": format}})).unwrap();
        let ran_on = state.last_library_thread().expect("the preview used the library");
        assert_ne!(ran_on, caller, "the {format} preview ran on the calling thread");
    }
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let reply = get_ipc_response(&w, ipc_support::request("put_image", InvokeBody::Raw(png)));
    assert!(reply.is_ok(), "{reply:?}");
    assert_ne!(state.last_library_thread(), Some(caller), "the image was stored on the calling thread");
}

#[test]
fn house_style_pre_flight_and_drafting_are_reached_from_the_window() {
    let (app, _dir, article) = app_with_library();
    let w = window(&app, "main");
    let body = json!({"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "시는 새 노선을 발표하였다. 요금은 그대로 두기로 했다고 밝혔다."}]}]});
    let fields = json!({"headline": "새 노선", "deck": "", "byline": {"name": "", "email": ""}, "summary": "", "body": body, "tags": [], "section": "", "language": "ko"});
    let found = invoke(&w, "check_style", json!({"input": {"kind": "article", "fields": fields}})).unwrap();
    assert_eq!(found[0]["rule"], "ko.hayeotda");
    assert_eq!((found[0]["start"].as_u64(), found[0]["end"].as_u64()), (Some(11), Some(14)));

    // "Ignore here" is kept with the article: the same text checked as the article's
    // reports it no more, checked as no article's still does, and the version stays.
    let before = invoke(&w, "get_article", json!({"id": article})).unwrap()["version"].clone();
    let entry = json!({"rule": "ko.hayeotda", "field": "body", "text": "하였다"});
    let kept = invoke(&w, "set_style_ignored", json!({"id": article, "entry": entry, "ignore": true})).unwrap();
    assert_eq!(kept, json!([entry]));
    let found = invoke(&w, "check_style", json!({"input": {"kind": "article", "fields": fields}, "id": article})).unwrap();
    assert!(found.as_array().unwrap().iter().all(|f| f["rule"] != "ko.hayeotda"), "{found}");
    let found = invoke(&w, "check_style", json!({"input": {"kind": "article", "fields": fields}})).unwrap();
    assert_eq!(found[0]["rule"], "ko.hayeotda");
    assert_eq!(invoke(&w, "style_ignored", json!({"id": article})).unwrap(), json!([entry]));
    assert_eq!(invoke(&w, "get_article", json!({"id": article})).unwrap()["version"], before);
    let kept = invoke(&w, "set_style_ignored", json!({"id": article, "entry": entry, "ignore": false})).unwrap();
    assert_eq!(kept, json!([]));

    let checklist = invoke(&w, "preflight_item", json!({"id": article})).unwrap();
    assert!(checklist["items"].as_array().unwrap().iter().any(|i| i["id"] == "headline"));

    let toml = invoke(&w, "get_style_book", json!({})).unwrap();
    assert!(toml.as_str().unwrap().contains("base"));
    let refused = invoke(&w, "set_style_book", json!({"toml": "[[override]]\nrule = 1\n"})).unwrap_err();
    assert!(refused["message"].as_str().unwrap().contains("line 2"), "{refused}");
    let kept = invoke(&w, "set_style_book", json!({"toml": "[[override]]\nrule = \"ko.hayeotda\"\nenabled = false\n"})).unwrap();
    assert!(kept.as_str().unwrap().contains("ko.hayeotda"));
    let found = invoke(&w, "check_style", json!({"input": {"kind": "article", "fields": fields}})).unwrap();
    assert!(found.as_array().unwrap().iter().all(|f| f["rule"] != "ko.hayeotda"), "the outlet's book is the one in use");

    let drafted = invoke(&w, "draft_summary", json!({"id": article})).unwrap();
    assert!(!drafted.as_str().unwrap().is_empty());
    let r = invoke(&w, "create_roundup_from_week", json!({})).unwrap();
    assert_eq!(r["kind"], "roundup");
}

#[test]
fn the_summary_meter_counts_sentences_as_the_pre_flight_does() {
    let (app, _dir, _article) = app_with_library();
    let w = window(&app, "main");
    let texts = ["Mr. Kim met Dr. Lee. They talked.", "그는 \"올해는 됐다. 내년도 자신 있다\"라고 말했다.", "물가는 3.5% 올랐다. 글쎄… 잘 모르겠다.", ""];
    let counts = invoke(&w, "count_sentences", json!({"texts": texts})).unwrap();
    let core: Vec<u32> = texts.iter().map(|t| newsdesk_core::roundup::count_sentences(t)).collect();
    assert_eq!(counts, json!(core));
    assert_eq!(counts, json!([2, 1, 2, 0]));
}
