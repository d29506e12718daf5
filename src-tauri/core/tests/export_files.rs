//! Export to disk: atomic writes, their errors, safe file names, formats.
mod render_support;

use std::fs;
use std::path::Path;

use newsdesk_core::export::{
    export_article, render_article, safe_file_name, write_atomic, Format, MAX_FILE_NAME_BYTES,
};
use newsdesk_core::render::RenderContext;
use newsdesk_core::Error;
use render_support::{assets, english, korean, outlet};

fn entries(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn write_atomic_creates_and_replaces_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("기사.html");
    write_atomic(&path, "첫 번째 판, 꽤 긴 내용".repeat(1000).as_bytes()).unwrap();
    write_atomic(&path, b"short").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"short", "the old, longer content is gone");
    assert_eq!(entries(dir.path()), ["기사.html"], "no temporary file left");
}

#[cfg(unix)]
#[test]
fn write_atomic_keeps_the_mode_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, b"old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    write_atomic(&path, b"new").unwrap();
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
}

fn expect_file_error(result: newsdesk_core::Result<()>, path: &Path, words: &str) {
    match result {
        Err(Error::File { path: p, reason }) => {
            assert_eq!(p, path);
            assert!(reason.contains(words), "reason {reason:?} lacks {words:?}");
        }
        other => panic!("expected a file error, got {other:?}"),
    }
}

#[test]
fn a_missing_folder_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no such folder").join("a.html");
    expect_file_error(write_atomic(&path, b"x"), &path, "does not exist");
    assert_eq!(entries(dir.path()), Vec::<String>::new());
}

#[test]
fn a_file_where_a_folder_should_be_is_named() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes.txt"), b"x").unwrap();
    let path = dir.path().join("notes.txt").join("a.html");
    expect_file_error(write_atomic(&path, b"x"), &path, "not a folder");
    assert_eq!(entries(dir.path()), ["notes.txt"]);
}

#[test]
fn a_folder_in_the_way_of_the_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken");
    fs::create_dir(&path).unwrap();
    expect_file_error(write_atomic(&path, b"x"), &path, "folder");
    assert_eq!(entries(dir.path()), ["taken"]);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_a_clear_error_and_leaves_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let ro = dir.path().join("ro");
    fs::create_dir(&ro).unwrap();
    let path = ro.join("a.html");
    fs::write(&path, b"old").unwrap();
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o555)).unwrap();
    if is_root() {
        // Root writes through permission bits; /proc/self is a folder no one can add to.
        let proc_path = Path::new("/proc/self/newsdesk-export-test.html");
        if Path::new("/proc/self").is_dir() {
            let err = write_atomic(proc_path, b"x").unwrap_err();
            assert!(matches!(err, Error::File { .. }), "{err:?}");
            assert!(!proc_path.exists());
        }
    } else {
        expect_file_error(write_atomic(&path, b"new"), &path, "cannot be written");
        assert_eq!(fs::read(&path).unwrap(), b"old");
    }
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(entries(&ro), ["a.html"], "no temporary file left");
}

#[test]
fn safe_file_names() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "열대야에도 불 밝힌 강변 야시장",
            "html",
            "열대야에도 불 밝힌 강변 야시장.html",
        ),
        (
            "\"반도체 수출\" 3개월 연속 증가?",
            "md",
            "반도체 수출 3개월 연속 증가.md",
        ),
        ("Q&A: what/why\\how|now", "txt", "Q&A- what-why-how-now.txt"),
        ("a<b>c*d", "html", "abcd.html"),
        ("  여러   칸\t띄어\n쓰기  ", "html", "여러 칸 띄어 쓰기.html"),
        ("끝에 점...", "html", "끝에 점.html"),
        ("...hidden", "html", "hidden.html"),
        ("", "html", "untitled.html"),
        ("???", "html", "untitled.html"),
        ("CON", "html", "_CON.html"),
        ("con", "txt", "_con.txt"),
        ("nul.tar", "gz", "_nul.tar.gz"),
        ("COM1", "html", "_COM1.html"),
        ("LPT9", "html", "_LPT9.html"),
        ("COM10", "html", "COM10.html"),
        ("CONSOLE", "html", "CONSOLE.html"),
        ("evil\u{202E}lmth.exe", "html", "evillmth.exe.html"),
        ("zero\u{200B}width", "html", "zerowidth.html"),
        ("tab\u{0}null\u{7}bell", "html", "tabnullbell.html"),
        ("\u{1112}\u{1161}\u{11AB}\u{1100}\u{1173}\u{11AF}", "html", "한글.html"),
        ("no extension", "", "no extension"),
        ("ext with dot", ".HTML", "ext with dot.html"),
    ];
    for (headline, ext, want) in cases {
        assert_eq!(safe_file_name(headline, ext), *want, "for {headline:?}");
    }
}

#[test]
fn long_headlines_are_cut_between_characters() {
    let long = "가".repeat(100);
    let name = safe_file_name(&long, "html");
    assert!(name.len() <= MAX_FILE_NAME_BYTES, "{} bytes", name.len());
    assert_eq!(name, format!("{}.html", "가".repeat(38)));
    // A cut never splits a character with its combining mark.
    // (x with an acute accent has no precomposed form, so NFC keeps two code points.)
    let accents = "x\u{301}".repeat(80);
    let name = safe_file_name(&accents, "txt");
    assert!(name.len() <= MAX_FILE_NAME_BYTES);
    let stem = name.strip_suffix(".txt").unwrap();
    assert!(stem.ends_with('\u{301}') && stem.len() % 3 == 0, "{stem:?}");
    // A cut that lands on a space or a dot does not leave it at the end.
    let spaced = format!("{} 끝", "a".repeat(MAX_FILE_NAME_BYTES - 6));
    let name = safe_file_name(&spaced, "html");
    assert!(!name.contains(" .html") && name.ends_with(".html"), "{name}");
}

#[test]
fn formats_parse_and_name_their_files() {
    for (s, f) in [
        ("html", Format::Html),
        ("HTM", Format::Html),
        ("markdown", Format::Markdown),
        ("md", Format::Markdown),
        ("text", Format::Text),
        ("txt", Format::Text),
        ("ninjs", Format::Ninjs),
        ("json", Format::Ninjs),
    ] {
        assert_eq!(s.parse::<Format>().unwrap(), f);
    }
    let err = "email".parse::<Format>().unwrap_err();
    assert!(err.to_string().contains("html, markdown, text or ninjs"), "{err}");
    let exts: Vec<&str> = Format::ALL.iter().map(|f| f.extension()).collect();
    assert_eq!(exts, ["html", "md", "txt", "json"]);
    for f in Format::ALL {
        assert_eq!(f.as_str().parse::<Format>().unwrap(), f);
    }
}

#[test]
fn export_into_a_folder_names_the_file_from_the_headline() {
    let dir = tempfile::tempdir().unwrap();
    let o = outlet();
    let ctx = RenderContext::new(&o, &assets);
    for f in Format::ALL {
        let path = export_article(&korean(), f, &ctx, dir.path()).unwrap();
        assert_eq!(
            path,
            dir.path()
                .join(format!("열대야에도 불 밝힌 강변 야시장.{}", f.extension()))
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            render_article(&korean(), f, &ctx).unwrap()
        );
    }
    // Or to a file path of the reporter's choosing, replacing what was there.
    let chosen = dir.path().join("ferry.html");
    fs::write(&chosen, "old".repeat(100_000)).unwrap();
    assert_eq!(export_article(&english(), Format::Html, &ctx, &chosen).unwrap(), chosen);
    assert!(fs::read_to_string(&chosen).unwrap().starts_with("<!doctype html>"));
    assert_eq!(entries(dir.path()).len(), 5);
    let ninjs: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("열대야에도 불 밝힌 강변 야시장.json")).unwrap())
            .unwrap();
    assert_eq!(ninjs["type"], "text");
}

#[test]
fn a_failed_export_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let o = outlet();
    let ctx = RenderContext::new(&o, &newsdesk_core::render::no_assets);
    // The image is missing: rendering fails before any file is touched.
    let err = export_article(&korean(), Format::Html, &ctx, dir.path()).unwrap_err();
    assert!(err.to_string().contains("missing"), "{err}");
    assert!(entries(dir.path()).is_empty());
}

#[test]
fn a_batch_export_writes_every_article_and_an_index() {
    use newsdesk_core::export::{export_articles, INDEX_FILE};
    let dir = tempfile::tempdir().unwrap();
    let o = outlet();
    let ctx = RenderContext::new(&o, &assets);
    let mut twin = korean();
    twin.id = "01984f3a-7c2e-7b1a-9a3e-000000000002".into();
    let mut index_named = english();
    index_named.headline = "index".into();
    let articles = [korean(), english(), twin, index_named, render_support::hostile()];
    let mut seen = Vec::new();
    let report = export_articles(&articles, Format::Html, &ctx, dir.path(), &mut |done, total| {
        seen.push((done, total))
    })
    .unwrap();
    assert_eq!(seen, (1..=5).map(|i| (i, 5)).collect::<Vec<_>>());
    assert_eq!(report.files.len(), 5);
    assert_eq!(
        report.files[0].file_name().unwrap(),
        "열대야에도 불 밝힌 강변 야시장.html"
    );
    assert_eq!(
        report.files[2].file_name().unwrap(),
        "열대야에도 불 밝힌 강변 야시장 (2).html"
    );
    assert_eq!(report.files[3].file_name().unwrap(), "index (2).html");
    assert_eq!(report.index.as_deref(), Some(dir.path().join(INDEX_FILE).as_path()));
    assert_eq!(entries(dir.path()).len(), 6);

    let html = fs::read_to_string(dir.path().join(INDEX_FILE)).unwrap();
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let links: Vec<String> = doc
        .select(&scraper::Selector::parse("ul.index a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links[0], "열대야에도%20불%20밝힌%20강변%20야시장.html");
    assert_eq!(links[2], "열대야에도%20불%20밝힌%20강변%20야시장%20(2).html");
    for (link, file) in links.iter().zip(&report.files) {
        assert!(!link.contains('/') && !link.contains("http"));
        assert_eq!(percent_decode(link), file.file_name().unwrap().to_string_lossy());
    }
    assert_eq!(doc.select(&scraper::Selector::parse("script").unwrap()).count(), 0);

    // Other formats: no index; a folder that does not exist is named.
    let md = tempfile::tempdir().unwrap();
    let report = export_articles(&articles[..2], Format::Markdown, &ctx, md.path(), &mut |_, _| {}).unwrap();
    assert!(report.index.is_none());
    assert_eq!(entries(md.path()).len(), 2);
    let missing = md.path().join("nope");
    assert!(matches!(
        export_articles(&articles, Format::Html, &ctx, &missing, &mut |_, _| {}),
        Err(Error::File { .. })
    ));
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}
