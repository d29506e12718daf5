//! The app in Tauri's mock runtime with the real context (and so the real ACL), on a
//! library of its own holding one Korean article; invoking commands as the webview does.
#![allow(dead_code)] // each test file uses its own subset
use newsdesk_app::{configure, context, AppState};
use newsdesk_core::library::Library;
use newsdesk_core::model::{ArticleFields, Doc, Status};
use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

pub fn app_with_library() -> (App<MockRuntime>, tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ipc.db");
    let mut lib = Library::open(&path).unwrap();
    let fields = ArticleFields {
        headline: "바닷가 마을의 여름 축제".into(),
        body: Doc::from_paragraphs(["올해 축제에는 이웃 마을 주민들도 배를 타고 건너왔다."]),
        language: "ko".into(),
        ..ArticleFields::default()
    };
    let id = lib.create_article(fields, Status::Ready).unwrap().id;
    let app = configure(mock_builder(), AppState::new(lib, "ko-KR".into())).build(context()).expect("the app builds");
    (app, dir, id)
}

pub fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    match app.get_webview_window(label) {
        Some(w) => w,
        None => WebviewWindowBuilder::new(app, label, Default::default()).build().unwrap(),
    }
}

/// A request from the main window's page, as the webview sends it.
pub fn request(cmd: &str, body: InvokeBody) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body,
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

pub fn invoke(w: &WebviewWindow<MockRuntime>, cmd: &str, body: Value) -> Result<Value, Value> {
    get_ipc_response(w, request(cmd, InvokeBody::Json(body))).map(|b| b.deserialize::<Value>().unwrap())
}
