//! A 5 MB article through the command line: import, show, change status, export to a file.
mod common;

use common::{json, newsdesk, ok_stdout, write};

#[test]
fn a_five_megabyte_article_imports_shows_and_exports() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("large.db");
    // About 5 MB of Markdown: 2,000 paragraphs of Korean and English, one marker at the end.
    let para = "부두 옆 어시장에 첫 경매 종이 울렸다. The fish market opened before dawn, and buyers bid fast. ".repeat(24);
    let mut md = String::from("# 큰 기사\n\n");
    for i in 0..2_000 {
        md.push_str(&format!("문단 {i}: {para}\n\n"));
    }
    md.push_str("마지막 문단 LAST-PARAGRAPH\n");
    assert!(md.len() > 5_000_000, "{}", md.len());
    let file = write(dir.path(), "large.md", &md);

    let created = json(newsdesk(&lib, &["import", file.to_str().unwrap(), "--json"]));
    let id = created[0]["id"].as_str().expect("an id").to_string();

    let shown = json(newsdesk(&lib, &["show", &id, "--json"]));
    assert_eq!(shown["headline"], "큰 기사");
    assert!(shown.to_string().contains("LAST-PARAGRAPH"));

    ok_stdout(newsdesk(&lib, &["set-status", &id, "ready"]));
    let out = dir.path().join("large.html");
    ok_stdout(newsdesk(&lib, &["export", &id, "--format", "html", "-o", out.to_str().unwrap()]));
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.len() > 5_000_000, "{}", html.len());
    assert!(html.contains("LAST-PARAGRAPH"));
    assert!(!html.contains("<script>"), "no script but JSON-LD");
    // Nothing but the export beside the library and the input: no temporary file left.
    let names: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.starts_with('.') || n.ends_with("-wal") || n.ends_with("-shm")), "{names:?}");
    ok_stdout(newsdesk(&lib, &["check"]));
}
