//! Publishing against the real thing: a WordPress from Debian's packages and an SMTP server
//! (aiosmtpd), both started here on 127.0.0.1 (tests/servers) and stopped at the end. The
//! pieces are made through core; publishing goes through the real `newsdesk` binary.
mod common;
mod servers;

use std::path::Path;
use std::process::{Command, Output};

use newsdesk_core::library::{Library, SaveOptions};
use newsdesk_core::model::{ArticleFields, Doc, Status};
use newsdesk_core::roundup::{Brief, Lead, RoundupFields, Signoff};
use mail_parser::MimeHeaders;
use serde_json::{json, Value};

use servers::{Smtp, WordPress};

const TARGET: &str = "daily-site";
const SECRET_ENV: &str = "NEWSDESK_SECRET_DAILY_SITE";

/// A small PNG of one colour (each colour a different picture).
fn png(rgb: [u8; 3]) -> Vec<u8> {
    fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
        out.extend((data.len() as u32).to_be_bytes());
        let mut c = kind.to_vec();
        c.extend(data);
        out.extend(&c);
        out.extend(crc32(&c).to_be_bytes());
    }
    fn crc32(b: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &x in b {
            crc ^= x as u32;
            for _ in 0..8 {
                crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
            }
        }
        !crc
    }
    let (w, h) = (4u32, 4u32);
    let mut raw = Vec::new();
    for _ in 0..h {
        raw.push(0);
        for _ in 0..w {
            raw.extend(rgb);
        }
    }
    // A stored (uncompressed) deflate block inside a zlib stream.
    let mut z = vec![0x78, 0x01, 1];
    z.extend((raw.len() as u16).to_le_bytes());
    z.extend((!(raw.len() as u16)).to_le_bytes());
    z.extend(&raw);
    let (mut a, mut b) = (1u32, 0u32);
    for &x in &raw {
        a = (a + x as u32) % 65521;
        b = (b + a) % 65521;
    }
    z.extend(((b << 16) | a).to_be_bytes());
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend(w.to_be_bytes());
    ihdr.extend(h.to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &z);
    chunk(&mut out, b"IEND", &[]);
    out
}

fn doc(blocks: Value) -> Doc {
    serde_json::from_value(json!({"type": "doc", "content": blocks})).unwrap()
}

fn para(text: &str) -> Value {
    json!({"type": "paragraph", "content": [{"type": "text", "text": text}]})
}

fn image(sha: &str, caption: &str) -> Value {
    json!({"type": "image", "attrs": {"asset": sha, "alt": caption, "caption": caption, "credit": ""}})
}

/// Everything the runs of this test printed, to check that no password is in it.
static PRINTED: std::sync::Mutex<Vec<u8>> = std::sync::Mutex::new(Vec::new());

/// `newsdesk --library LIB ARGS…` with the target's password in the environment.
fn run(lib: &Path, secret: &str, args: &[&str]) -> Output {
    let out = Command::new(common::BIN)
        .arg("--library")
        .arg(lib)
        .args(args)
        .env_remove("NEWSDESK_LIBRARY")
        .env(SECRET_ENV, secret)
        .output()
        .unwrap();
    let mut printed = PRINTED.lock().unwrap();
    printed.extend(&out.stdout);
    printed.extend(&out.stderr);
    out
}

fn failed_with(out: &Output, words: &str) -> String {
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "expected a refusal, stdout {} stderr {err}", String::from_utf8_lossy(&out.stdout));
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains(words), "{words:?} in {err}");
    err
}

/// What a failed publish must leave as it was: the piece, its revisions, its publication.
fn snapshot(lib: &Path, id: &str) -> (i64, usize, Option<String>) {
    let l = Library::open_read_only(lib).unwrap();
    let a = l.item(id).unwrap();
    let revs = l.revisions(id).unwrap().len();
    let p = l.publications(id).unwrap().first().map(|p| format!("{}|{}|{}", p.remote_id, p.remote_modified, p.url));
    (a.version(), revs, p)
}

fn media_count(wp: &WordPress) -> usize {
    wp.get("/wp/v2/media&per_page=100").as_array().unwrap().len()
}

fn post_count(wp: &WordPress) -> usize {
    wp.get("/wp/v2/posts&status=publish,future,draft,pending,private&per_page=100&context=edit").as_array().unwrap().len()
}

#[test]
fn articles_and_editions_go_to_a_real_wordpress_and_come_back_the_same_post() {
    let wp = WordPress::start();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("library.db");
    let (article_id, sha_a, sha_b) = {
        let mut lib = Library::open(&path).unwrap();
        let a = lib.put_asset(&png([200, 40, 40]), "image/png").unwrap();
        let b = lib.put_asset(&png([40, 40, 200]), "image/png").unwrap();
        let fields = ArticleFields {
            headline: "강변 자전거길 12㎞ 새로 열린다".into(),
            deck: "내년 봄 개통, 출퇴근 시간 단축 기대".into(),
            summary: "시는 강변을 따라 자전거길 12㎞를 새로 낸다고 밝혔다.".into(),
            body: doc(json!([
                para("시는 강변을 따라 자전거길 12㎞를 새로 낸다고 밝혔다."),
                image(&a, "새 자전거길 조감도"),
                para("공사는 다음 달 시작해 내년 봄 끝난다."),
                image(&b, "구간 지도"),
            ])),
            tags: vec!["자전거".into(), "교통 & 도시".into()],
            section: "사회".into(),
            ..Default::default()
        };
        let art = lib.create_article(fields, Status::Ready).unwrap();
        (art.id, a, b)
    };

    // The target: its password comes from the environment (no keyring runs here).
    let out = run(&path, &wp.password, &["targets", "add", TARGET, "--url", &wp.url, "--user", &wp.user]);
    common::ok_stdout(out);
    let listed = common::json(run(&path, "", &["targets", "list", "--json"]));
    assert_eq!(listed[0]["name"], TARGET);
    assert_eq!(listed[0]["site_url"], wp.url.as_str());

    // Published as a draft, and read back through the REST API.
    let first = common::json(run(&path, &wp.password, &["publish", &article_id, "--target", TARGET, "--json"]));
    assert_eq!(first["status"], "draft");
    let post_id = first["remote_id"].as_str().unwrap().to_string();
    let post = wp.get(&format!("/wp/v2/posts/{post_id}&context=edit"));
    assert_eq!(post["title"]["raw"], "강변 자전거길 12㎞ 새로 열린다");
    assert_eq!(post["excerpt"]["raw"], "시는 강변을 따라 자전거길 12㎞를 새로 낸다고 밝혔다.");
    let content = post["content"]["raw"].as_str().unwrap().to_string();
    assert!(content.contains("공사는 다음 달 시작해"), "{content}");
    assert!(!content.contains("data:"), "pictures are linked, not embedded");
    assert!(!content.contains("style="), "no inline styles: {content}");
    let media = wp.get("/wp/v2/media&per_page=100");
    let urls: Vec<&str> = media.as_array().unwrap().iter().map(|m| m["source_url"].as_str().unwrap()).collect();
    assert_eq!(urls.len(), 2, "two pictures uploaded");
    for u in &urls {
        assert!(content.contains(&format!("src=\"{u}\"")), "{u} in {content}");
    }
    let mut tag_names: Vec<String> = post["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| wp.get(&format!("/wp/v2/tags/{t}"))["name"].as_str().unwrap().replace("&amp;", "&"))
        .collect();
    tag_names.sort();
    assert_eq!(tag_names, ["교통 & 도시", "자전거"]);
    let cats: Vec<String> = post["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| wp.get(&format!("/wp/v2/categories/{c}"))["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(cats, ["사회"]);
    let shown = common::json(common::newsdesk(&path, &["revisions", &article_id, "--json"]));
    assert_eq!(shown[0]["reason"], "publish");
    assert_eq!(shown[0]["note"], first["url"]);

    // Edited here and published again: the same post, the new text, no picture again.
    {
        let mut lib = Library::open(&path).unwrap();
        let a = lib.article(&article_id).unwrap();
        let fields = ArticleFields {
            headline: a.headline.clone(),
            deck: a.deck.clone(),
            byline: a.byline.clone(),
            summary: a.summary.clone(),
            tags: a.tags.clone(),
            section: a.section.clone(),
            language: a.language.clone(),
            body: doc(json!([
            para("시는 강변 자전거길 12㎞를 새로 낸다. 총사업비는 85억 원이다."),
            image(&sha_a, "새 자전거길 조감도"),
            image(&sha_b, "구간 지도"),
        ])),
        };
        lib.save_article(&article_id, a.version, fields, SaveOptions::default()).unwrap();
    }
    let again = common::json(run(&path, &wp.password, &["publish", &article_id, "--target", TARGET, "--json"]));
    assert_eq!(again["remote_id"], post_id.as_str());
    let content = wp.get(&format!("/wp/v2/posts/{post_id}&context=edit"))["content"]["raw"].as_str().unwrap().to_string();
    assert!(content.contains("총사업비는 85억 원이다"), "{content}");
    assert_eq!(media_count(&wp), 2, "each picture uploaded once");

    // Changed in WordPress since: refused, nothing changed here; then overwritten on request.
    std::thread::sleep(std::time::Duration::from_millis(1100)); // WordPress keeps seconds
    wp.post(&format!("/wp/v2/posts/{post_id}"), &json!({"title": "데스크가 고친 제목"}));
    let before = snapshot(&path, &article_id);
    let out = run(&path, &wp.password, &["publish", &article_id, "--target", TARGET]);
    failed_with(&out, "changed in the CMS");
    failed_with(&out, "--overwrite");
    assert_eq!(snapshot(&path, &article_id), before, "the library is as it was");
    assert_eq!(wp.get(&format!("/wp/v2/posts/{post_id}&context=edit"))["title"]["raw"], "데스크가 고친 제목");
    let over = common::json(run(&path, &wp.password, &["publish", &article_id, "--target", TARGET, "--overwrite", "--json"]));
    assert_eq!(over["remote_id"], post_id.as_str());
    assert_eq!(wp.get(&format!("/wp/v2/posts/{post_id}&context=edit"))["title"]["raw"], "강변 자전거길 12㎞ 새로 열린다");

    // A wrong password: its message, the library unchanged.
    let before = snapshot(&path, &article_id);
    let out = run(&path, "wrong password", &["publish", &article_id, "--target", TARGET]);
    failed_with(&out, "refused the user name or password");
    assert_eq!(snapshot(&path, &article_id), before);

    // Cut off after the pictures went up (and once before the create's answer came): the
    // retry makes one post and uploads no picture twice.
    let (cut_id, pending_id) = {
        let mut lib = Library::open(&path).unwrap();
        let c = lib.put_asset(&png([40, 160, 40]), "image/png").unwrap();
        let d = lib.put_asset(&png([160, 160, 40]), "image/png").unwrap();
        let mk = |h: &str, pics: &[&str]| ArticleFields {
            headline: h.into(),
            body: doc(Value::Array(
                std::iter::once(para("첫 문단입니다. 다음 문단에 사진이 있다."))
                    .chain(pics.iter().map(|p| image(p, "사진")))
                    .collect(),
            )),
            ..Default::default()
        };
        let cut = lib.create_article(mk("사진 올린 뒤 끊긴 기사", &[&c, &d]), Status::Ready).unwrap().id;
        let pending = lib.create_article(mk("답을 못 받은 기사", &[&c]), Status::Ready).unwrap().id;
        newsdesk_core::publish::publish_first_half(&mut lib, &cut, TARGET, &wp.password, false).unwrap();
        (cut, pending)
    };
    assert_eq!(media_count(&wp), 4);
    let posts_before = post_count(&wp);
    let done = common::json(run(&path, &wp.password, &["publish", &cut_id, "--target", TARGET, "--json"]));
    assert_eq!(media_count(&wp), 4, "no picture uploaded twice");
    assert_eq!(post_count(&wp), posts_before + 1, "one post");
    assert!(wp.get(&format!("/wp/v2/posts/{}&context=edit", done["remote_id"].as_str().unwrap()))["title"]["raw"]
        .as_str()
        .unwrap()
        .contains("끊긴"));
    {
        // The create was sent and the post made, but the answer never came back.
        let mut lib = Library::open(&path).unwrap();
        newsdesk_core::publish::publish_first_half(&mut lib, &pending_id, TARGET, &wp.password, true).unwrap();
    }
    let made = wp.post(
        "/wp/v2/posts",
        &json!({"title": "답을 못 받은 기사", "status": "draft", "content": format!("<!-- newsdesk:{pending_id} -->\n<p>첫 문단</p>")}),
    );
    let posts_before = post_count(&wp);
    let found = common::json(run(&path, &wp.password, &["publish", &pending_id, "--target", TARGET, "--json"]));
    assert_eq!(found["remote_id"], made["id"].to_string().as_str(), "the post the lost answer made");
    assert_eq!(post_count(&wp), posts_before, "no duplicate post");

    // An edition: one post, its briefs in it.
    let edition_id = {
        let mut lib = Library::open(&path).unwrap();
        let fields = RoundupFields {
            title: "주말 브리핑 12월 첫째 주".into(),
            edition_date: "2026-12-05".into(),
            lead: Lead { article_id: None, headline: "이번 주 가장 많이 읽힌 소식".into(), body: doc(json!([para("한 주를 정리합니다.")])) },
            transition: "이어 주말 주요 뉴스입니다.".into(),
            items: vec![
                Brief { article_id: Some(article_id.clone()), headline: "강변 자전거길 새로 열린다".into(), summary: "12㎞ 구간이다.".into(), link: None, drafted: false },
                Brief { article_id: None, headline: "시립도서관 야간 개방".into(), summary: "밤 10시까지 연다.".into(), link: None, drafted: false },
            ],
            signoff: Signoff { outlet: "새벽일보".into(), email: "desk@example.test".into() },
        };
        lib.create_roundup(fields).unwrap().id
    };
    let posts_before = post_count(&wp);
    let ed = common::json(run(&path, &wp.password, &["publish", &edition_id, "--target", TARGET, "--json"]));
    assert_eq!(post_count(&wp), posts_before + 1);
    let post = wp.get(&format!("/wp/v2/posts/{}&context=edit", ed["remote_id"].as_str().unwrap()));
    assert_eq!(post["title"]["raw"], "주말 브리핑 12월 첫째 주");
    let content = post["content"]["raw"].as_str().unwrap();
    for part in ["한 주를 정리합니다.", "이어 주말 주요 뉴스입니다.", "■ 강변 자전거길 새로 열린다", "■ 시립도서관 야간 개방", "새벽일보"] {
        assert!(content.contains(part), "{part} in {content}");
    }

    // The site down: its message, nothing changed.
    wp.stop();
    let before = snapshot(&path, &article_id);
    let out = run(&path, &wp.password, &["publish", &article_id, "--target", TARGET]);
    failed_with(&out, "could not be reached");
    assert_eq!(snapshot(&path, &article_id), before);

    // An address that answers, but not as WordPress: said so.
    let web = tempfile::tempdir().unwrap();
    std::fs::write(web.path().join("index.html"), "<!doctype html><title>다른 사이트</title><p>안녕하세요</p>").unwrap();
    let port = servers::free_port();
    let mut plain = Command::new("python3")
        .args(["-m", "http.server", "--bind", "127.0.0.1", &port.to_string()])
        .current_dir(web.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let url = format!("http://127.0.0.1:{port}");
    common::ok_stdout(run(&path, "", &["targets", "add", "plain", "--url", &url, "--user", "someone"]));
    let out = Command::new(common::BIN)
        .args(["--library", path.to_str().unwrap(), "publish", &article_id, "--target", "plain"])
        .env("NEWSDESK_SECRET_PLAIN", "anything")
        .output()
        .unwrap();
    let _ = plain.kill();
    let _ = plain.wait();
    failed_with(&out, "not as the CMS's API");
    assert_eq!(snapshot(&path, &article_id), before);

    // The password is nowhere in the library, its backup, what the runs printed or the
    // servers' logs.
    let backup = tmp.path().join("backup.db");
    common::ok_stdout(common::newsdesk(&path, &["backup", backup.to_str().unwrap()]));
    let secret = wp.password.as_bytes();
    let has = |bytes: &[u8]| bytes.windows(secret.len()).any(|w| w == secret);
    for f in std::fs::read_dir(tmp.path()).unwrap().flatten() {
        assert!(!has(&std::fs::read(f.path()).unwrap()), "the password is in {}", f.path().display());
    }
    assert!(!has(&PRINTED.lock().unwrap()), "the password was printed");
    for log in ["php.log", "mariadb.log"] {
        let text = std::fs::read(wp.dir.path().join(log)).unwrap_or_default();
        assert!(!has(&text), "the password is in {log}");
    }
}

#[test]
fn the_test_send_arrives_as_text_and_html_with_a_korean_subject() {
    let smtp = Smtp::start();
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("library.db");
    let id = {
        let mut lib = Library::open(&path).unwrap();
        let mut s = lib.settings().unwrap();
        s.outlet_name = "새벽일보".into();
        s.outlet_email = "desk@example.test".into();
        s.smtp_host = "127.0.0.1".into();
        s.smtp_port = smtp.port as u32;
        s.smtp_security = "none".into();
        lib.set_settings(&s).unwrap();
        let fields = RoundupFields {
            title: "주말 브리핑: 한파와 첫눈".into(),
            edition_date: "2026-12-05".into(),
            lead: Lead { article_id: None, headline: "첫눈이 온다".into(), body: doc(json!([para("주말에 첫눈 소식이 있습니다.")])) },
            transition: "이어 주말 주요 뉴스입니다.".into(),
            items: vec![Brief { article_id: None, headline: "난방비 지원 확대".into(), summary: "지원 대상이 늘어난다.".into(), link: None, drafted: false }],
            signoff: Signoff { outlet: "새벽일보".into(), email: "desk@example.test".into() },
        };
        lib.create_roundup(fields).unwrap().id
    };
    let out = common::newsdesk(&path, &["send-test", &id, "--to", "reporter@example.test"]);
    let said = common::ok_stdout(out);
    assert!(said.contains("reporter@example.test"), "{said}");
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    let raw = String::from_utf8_lossy(&messages[0]).to_string();
    let subject_line = raw.lines().find(|l| l.starts_with("Subject:")).unwrap();
    assert!(subject_line.is_ascii() && subject_line.contains("=?utf-8?"), "encoded subject: {subject_line}");
    let msg = mail_parser::MessageParser::default().parse(&messages[0]).unwrap();
    assert_eq!(msg.subject(), Some("주말 브리핑: 한파와 첫눈"));
    let ct = msg.content_type().unwrap();
    assert_eq!((ct.ctype(), ct.subtype()), ("multipart", Some("alternative")));
    assert_eq!(msg.from().unwrap().first().unwrap().address(), Some("desk@example.test"));
    let text = msg.body_text(0).unwrap();
    assert!(text.contains("■ 난방비 지원 확대"), "{text}");
    let html = msg.body_html(0).unwrap();
    assert!(html.contains("난방비 지원 확대") && html.contains("<table"), "the e-mail HTML");

    // An article has no e-mail form; a server that is not there is said so.
    drop(smtp);
    let out = common::newsdesk(&path, &["send-test", &id, "--to", "reporter@example.test"]);
    failed_with(&out, "could not be reached");
}

/// The password given when a target is added goes into a real keyring (GNOME Keyring's
/// Secret Service, in a D-Bus session of this test's own) and never into the library; a
/// publish then finds it there with no environment variable (the site is down, so the
/// publish gets as far as the network: "could not be reached", not "no password").
#[test]
fn the_password_is_kept_in_a_real_keyring_and_not_in_the_library() {
    let tmp = tempfile::tempdir().unwrap();
    let lib = tmp.path().join("library.db");
    let id = {
        let mut l = Library::open(&lib).unwrap();
        l.create_article(ArticleFields { headline: "열쇠고리 시험".into(), body: doc(json!([para("본문입니다. 둘째 문장.")])), ..Default::default() }, Status::Ready)
            .unwrap()
            .id
    };
    let home = tmp.path().join("home");
    let run = tmp.path().join("run");
    std::fs::create_dir_all(&home).unwrap();
    std::fs::create_dir_all(&run).unwrap();
    std::fs::set_permissions(&run, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let port = servers::free_port();
    let script = format!(
        r#"set -e
echo -n keyring-login | gnome-keyring-daemon --unlock --components=secrets >/dev/null
NEWSDESK_SECRET_KR=sekret-4711-kept "$BIN" --library "$LIB" targets add kr --url http://127.0.0.1:{port} --user reporter
"$BIN" --library "$LIB" targets list
"$BIN" --library "$LIB" publish "$ID" --target kr 2>&1 || true
"$BIN" --library "$LIB" targets remove kr
NEWSDESK_SECRET_KR= "$BIN" --library "$LIB" targets add kr --url http://127.0.0.1:{port} --user reporter
"#
    );
    let out = Command::new("dbus-run-session")
        .args(["--", "bash", "-c", &script])
        .env("BIN", common::BIN)
        .env("LIB", &lib)
        .env("ID", &id)
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_RUNTIME_DIR", &run)
        .env_remove("NEWSDESK_LIBRARY")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .output()
        .expect("dbus-run-session runs (scripts/setup.sh test installs dbus-daemon and gnome-keyring)");
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success(), "{said}\n{}", String::from_utf8_lossy(&out.stderr));
    let lines: Vec<&str> = said.lines().collect();
    assert!(lines[0].contains("stored in the system's keyring"), "{said}");
    assert!(lines[1].ends_with("password: keyring"), "{said}");
    assert!(lines[2].contains("could not be reached"), "the publish found the password: {said}");
    assert_eq!(lines[3], "removed kr");
    // Removing the target removed its password too.
    assert!(lines[4].contains("no password yet"), "{said}");
    for f in std::fs::read_dir(tmp.path()).unwrap().flatten().filter(|f| f.path().is_file()) {
        let bytes = std::fs::read(f.path()).unwrap();
        assert!(!bytes.windows(16).any(|w| w == b"sekret-4711-kept"), "the password is in {}", f.path().display());
    }
}
