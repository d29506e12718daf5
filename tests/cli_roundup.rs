//! The `newsdesk` command line with weekend roundups, as a real process: `import --as
//! roundup|auto`, `list --kind roundup`, `show ID` (text and JSON), `export ID --format F`.
mod common;

use serde_json::Value;

use common::{json, newsdesk, ok_stdout, write};

/// An edition in our own words: title, two lead paragraphs, transition, four briefs, sign-off.
const EDITION: &str = "\
주말 브리핑: 비 오는 토요일

이번 주 도시는 장마 속에서 조용히 지나갔다. 구청은 배수로를 점검했고 큰 피해는 없었다.

다음 주에도 비가 이어질 전망이다. 시민들은 우산을 챙기는 편이 좋겠다.

이어 주말 주요 뉴스입니다.

■ \"강변 야시장, 자정까지 연장\"
상인회가 주말 영업시간을 자정까지 늘리기로 했다.

■ 섬 여객선 시간표 유지
여객선 회사는 모든 항차를 예정대로 운항한다.
https://news.outlet.example/ferry

■ 'Night reading room opens'
The city library keeps one room open until 11 p.m.

■ 어린이 미술관 무료
방학 동안 초등학생은 관람료를 내지 않는다.

OUTLET news@outlet.example
";





#[test]
fn import_as_roundup_then_show_and_list() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let file = write(dir.path(), "edition.txt", EDITION);
    let line = ok_stdout(newsdesk(&lib, &["import", file.to_str().unwrap(), "--as", "roundup"]));
    let cols: Vec<&str> = line.trim_end().split('\t').collect();
    assert_eq!(cols.len(), 3, "{line}");
    assert_eq!(&cols[1..], ["roundup", "주말 브리핑: 비 오는 토요일"]);
    let id = cols[0];

    let r = json(newsdesk(&lib, &["show", id, "--json"]));
    for key in ["id", "kind", "title", "edition_date", "lead", "transition", "items", "signoff", "status", "created_at", "updated_at", "version"] {
        assert!(r.get(key).is_some(), "{key} in {r}");
    }
    assert_eq!(r["id"], id);
    assert_eq!(r["kind"], "roundup");
    assert_eq!(r["title"], "주말 브리핑: 비 오는 토요일");
    assert_eq!(r["edition_date"].as_str().unwrap().len(), 10);
    assert_eq!(r["lead"]["article_id"], Value::Null);
    assert_eq!(r["lead"]["body"]["content"].as_array().unwrap().len(), 2);
    assert_eq!(r["transition"], "이어 주말 주요 뉴스입니다.");
    let items = r["items"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["headline"], "\"강변 야시장, 자정까지 연장\"");
    assert_eq!(items[0]["summary"], "상인회가 주말 영업시간을 자정까지 늘리기로 했다.");
    assert_eq!(items[0]["article_id"], Value::Null);
    assert_eq!(items[0]["link"], Value::Null);
    assert_eq!(items[1]["link"], "https://news.outlet.example/ferry");
    assert_eq!(items[2]["headline"], "'Night reading room opens'");
    assert_eq!(r["signoff"], serde_json::json!({"outlet": "OUTLET", "email": "news@outlet.example"}));
    assert_eq!(r["status"], "draft");
    assert_eq!(r["version"], 1);
    assert!(!r.to_string().contains('■'));

    let text = ok_stdout(newsdesk(&lib, &["show", id]));
    assert!(text.starts_with("주말 브리핑: 비 오는 토요일\n"), "{text}");
    assert!(text.contains("■ 섬 여객선 시간표 유지\n여객선 회사는") && text.contains("OUTLET news@outlet.example"), "{text}");

    let listed = json(newsdesk(&lib, &["list", "--kind", "roundup", "--json"]));
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!((listed[0]["id"].as_str(), listed[0]["kind"].as_str()), (Some(id), Some("roundup")));
    assert_eq!(listed[0]["headline"], "주말 브리핑: 비 오는 토요일");
    assert_eq!(json(newsdesk(&lib, &["list", "--kind", "article", "--json"])), serde_json::json!([]));
    let hits = json(newsdesk(&lib, &["search", "여객선", "--json"]));
    assert_eq!(hits[0]["id"], id);
    ok_stdout(newsdesk(&lib, &["check"]));
}

#[test]
fn import_auto_decides_by_marker_lines() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let edition = write(dir.path(), "edition.txt", EDITION);
    let article = write(dir.path(), "article.txt", "강변 산책로 새 단장\n\n구청은 산책로에 의자를 더 놓았다.\n\n- 의자 스무 개\n- 가로등 열 개\n");
    let out = json(newsdesk(&lib, &["import", edition.to_str().unwrap(), article.to_str().unwrap(), "--json"]));
    let mut kinds: Vec<(String, String)> = out
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["kind"].as_str().unwrap().to_string(), c["headline"].as_str().unwrap().to_string()))
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        [
            ("article".to_string(), "강변 산책로 새 단장".to_string()),
            ("roundup".to_string(), "주말 브리핑: 비 오는 토요일".to_string()),
        ]
    );
    for c in out.as_array().unwrap() {
        assert_eq!(c.as_object().unwrap().len(), 3, "{{id, kind, headline}}: {c}");
    }
    assert_eq!(json(newsdesk(&lib, &["list", "--kind", "roundup", "--json"])).as_array().unwrap().len(), 1);
    // `--as article` never makes a roundup.
    ok_stdout(newsdesk(&lib, &["import", edition.to_str().unwrap(), "--as", "article"]));
    assert_eq!(json(newsdesk(&lib, &["list", "--kind", "roundup", "--json"])).as_array().unwrap().len(), 1);
}

#[test]
fn a_file_without_text_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let empty = write(dir.path(), "blank.txt", "  \n\n");
    let out = newsdesk(&lib, &["import", empty.to_str().unwrap(), "--as", "roundup"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.starts_with("newsdesk: ") && err.contains("blank.txt"), "{err}");
    let missing = newsdesk(&lib, &["show", "no-such-id"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn each_item_leaves_in_its_own_formats() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let edition = write(dir.path(), "edition.txt", EDITION);
    let article = write(dir.path(), "article.md", "# 다리 보수 공사\n\n다음 주부터 야간에 한 차로를 막는다.\n");
    let r = json(newsdesk(&lib, &["import", edition.to_str().unwrap(), "--as", "roundup", "--json"]));
    let roundup_id = r[0]["id"].as_str().unwrap().to_string();
    let a = json(newsdesk(&lib, &["import", article.to_str().unwrap(), "--as", "article", "--json"]));
    let article_id = a[0]["id"].as_str().unwrap().to_string();

    // A format that does not fit the item is a usage error (exit 2), one line, nothing written.
    for (id, format, says) in [
        (&roundup_id, "ninjs", "is a weekend roundup"),
        (&article_id, "email", "is an article"),
        (&article_id, "jsonfeed", "is an article"),
    ] {
        let out = newsdesk(&lib, &["export", id, "--format", format]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says) && err.trim_end().lines().count() == 1, "{err}");
        assert!(out.stdout.is_empty());
    }
    let unknown = newsdesk(&lib, &["export", &roundup_id, "--format", "pdf"]);
    assert_eq!(unknown.status.code(), Some(2));

    // Every roundup format, to standard output.
    let html = ok_stdout(newsdesk(&lib, &["export", &roundup_id, "--format", "html"]));
    assert!(html.starts_with("<!doctype html>"), "{html}");
    // (minijinja's autoescape writes `/` as `&#x2f;`, which every HTML reader decodes.)
    let decoded = html.replace("&#x2f;", "/");
    assert!(decoded.contains("섬 여객선 시간표 유지") && decoded.contains("href=\"https://news.outlet.example/ferry\""));
    let email = ok_stdout(newsdesk(&lib, &["export", &roundup_id, "--format", "email"]));
    assert!(email.contains("width=\"600\"") && email.contains("style=\""), "inline styles");
    assert!(email.contains("prefers-color-scheme: dark"));
    let text = ok_stdout(newsdesk(&lib, &["export", &roundup_id, "--format", "text"]));
    assert!(text.trim_end().ends_with("OUTLET news@outlet.example"), "{text}");
    let md = ok_stdout(newsdesk(&lib, &["export", &roundup_id, "--format", "markdown"]));
    assert!(md.starts_with("# 주말 브리핑"), "{md}");
    let feed: Value = serde_json::from_str(&ok_stdout(newsdesk(&lib, &["export", &roundup_id, "--format", "jsonfeed"]))).unwrap();
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert_eq!(feed["items"].as_array().unwrap().len(), 4);
    // Into a folder: named from the title. Each export is recorded in the revisions.
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let written = ok_stdout(newsdesk(&lib, &["export", &roundup_id, "--format", "email", "-o", out.to_str().unwrap()]));
    assert!(written.trim().ends_with(" email.html"), "{written}");
    assert!(std::fs::read_to_string(written.trim()).unwrap().contains("강변 야시장"));
    let revisions = json(newsdesk(&lib, &["revisions", &roundup_id, "--json"]));
    let exports = revisions.as_array().unwrap().iter().filter(|r| r["reason"] == "export").count();
    assert_eq!(exports, 6, "{revisions}");

    // --all exports the articles only.
    let all = dir.path().join("all");
    std::fs::create_dir(&all).unwrap();
    let listed = ok_stdout(newsdesk(&lib, &["export", "--all", "--format", "text", "-o", all.to_str().unwrap()]));
    assert_eq!(listed.lines().count(), 1, "only the article: {listed}");
    assert!(listed.contains("다리 보수 공사"), "{listed}");
}

#[test]
fn an_edition_exported_as_text_imports_back_with_the_same_parts_and_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let edition = write(dir.path(), "edition.txt", EDITION);
    let first = json(newsdesk(&lib, &["import", edition.to_str().unwrap(), "--as", "roundup", "--json"]));
    let first_id = first[0]["id"].as_str().unwrap().to_string();
    let exported = dir.path().join("exported.txt");
    ok_stdout(newsdesk(&lib, &["export", &first_id, "--format", "text", "-o", exported.to_str().unwrap()]));
    let text = std::fs::read_to_string(&exported).unwrap();
    // The outlet's form: no title line, no blank line, one paragraph per line.
    assert!(text.starts_with("이번 주 도시는 장마 속에서"), "{text}");
    assert!(!text.contains("\n\n"), "{text}");
    let again = json(newsdesk(&lib, &["import", exported.to_str().unwrap(), "--as", "auto", "--json"]));
    assert_eq!(again[0]["kind"], "roundup");
    let again_id = again[0]["id"].as_str().unwrap().to_string();
    let a = json(newsdesk(&lib, &["show", &first_id, "--json"]));
    let b = json(newsdesk(&lib, &["show", &again_id, "--json"]));
    for part in ["transition", "items", "signoff"] {
        assert_eq!(a[part], b[part], "{part} differs after the round trip");
    }
    assert_eq!(a["lead"]["body"], b["lead"]["body"]);
    assert_eq!(b["items"].as_array().unwrap().len(), 4);
    // Imported in the outlet's form and exported again: the same bytes.
    let twice = ok_stdout(newsdesk(&lib, &["export", &again_id, "--format", "text"]));
    assert_eq!(twice, text);
}

#[test]
fn summarize_drafts_from_the_body_and_new_roundup_starts_from_this_week() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib.db");
    let body = "해솔시가 내년부터 시내버스 첫차를 오전 5시로 30분 앞당긴다. 새벽 출근길 시민들의 요청을 받아들인 결정이다.\n\n\
                시는 \"첫차 승객이 1년 새 12.5% 늘었다\"라고 설명했다. 노선 세 곳이 먼저 바뀐다.\n\n\
                나머지 노선은 여름에 다시 검토한다... 시의회도 의견을 낸다.\n";
    let article = write(dir.path(), "bus.md", &format!("# 첫차 30분 앞당긴다\n\n{body}"));
    let id = json(newsdesk(&lib, &["import", article.to_str().unwrap(), "--status", "ready", "--json"]))[0]["id"].as_str().unwrap().to_string();
    let s = json(newsdesk(&lib, &["summarize", &id, "--json"]));
    let sentences: Vec<&str> = s["sentences"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert!((2..=3).contains(&sentences.len()), "{s:#}");
    let flat = body.replace("\n\n", " ");
    let mut at = 0;
    for sentence in &sentences {
        let found = flat[at..].find(sentence).unwrap_or_else(|| panic!("{sentence:?} is a sentence of the body, in order"));
        at += found + sentence.len();
    }
    assert_eq!(s["text"], sentences.join(" "));
    assert_eq!(s["chars"].as_u64().unwrap() as usize, s["text"].as_str().unwrap().chars().count());
    assert!(s["chars"].as_u64().unwrap() <= 200, "within the outlet's limit");
    assert_eq!(json(newsdesk(&lib, &["summarize", &id, "--json"])), s, "the same on every run");
    let short = json(newsdesk(&lib, &["summarize", &id, "--sentences", "1", "--max-chars", "80", "--json"]));
    assert_eq!(short["sentences"].as_array().unwrap().len(), 1);
    assert_eq!(ok_stdout(newsdesk(&lib, &["summarize", &id])).trim_end(), s["text"].as_str().unwrap());

    let r = json(newsdesk(&lib, &["new-roundup", "--from-week", "--json"]));
    assert_eq!(r["items"].as_array().unwrap().len(), 1);
    assert_eq!(r["items"][0]["article_id"], id.as_str());
    assert_eq!(r["items"][0]["summary"], s["text"]);
    assert_eq!(r["items"][0]["drafted"], true);
    assert_eq!(r["transition"], "이어 주말 주요 뉴스입니다.");
    let usage = newsdesk(&lib, &["new-roundup"]);
    assert_eq!(usage.status.code(), Some(2));
}
