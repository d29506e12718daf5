//! Import from files: fixtures that must be accepted, files made on the spot that must be
//! refused with the right reason, and folders expanded into batches.

use std::fs;
use std::path::{Path, PathBuf};

use newsdesk_core::import::{collect_files, format_of, read_article_file, Format, MAX_IMPORT_BYTES};
use newsdesk_core::model::{Block, Inline, Mark};
use newsdesk_core::text::plain::doc_to_plain;
use newsdesk_core::Error;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

/// The reason of a refused file, checking it names the file.
fn refusal(path: &Path) -> String {
    match read_article_file(path) {
        Err(Error::File { path: p, reason }) => {
            assert_eq!(p, path);
            reason
        }
        other => panic!("{} was not refused: {other:?}", path.display()),
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn markdown_fixture() {
    let f = read_article_file(&fixture("weekend-brief.md")).unwrap();
    f.body.validate().unwrap();
    assert_eq!(f.headline, "주말 주요 뉴스");
    assert_eq!(f.deck, "시민 공원 재개장과 도서관 연장 운영");
    assert_eq!(f.tags, vec!["지역", "생활"]);
    assert_eq!(f.language, "ko");
    // CJK-friendly emphasis: the quoted words before the particle are bold.
    let Block::Paragraph { content } = &f.body.content[0] else { panic!("{:?}", f.body.content[0]) };
    assert!(content.contains(&Inline::Text { text: "\"새 광장\"".into(), marks: vec![Mark::Bold] }), "{content:?}");
    let plain = doc_to_plain(&f.body);
    assert!(plain.contains("이어 주말 주요 뉴스입니다."));
    assert!(plain.contains("수상한 링크는 글자만 남는다."));
    let json = serde_json::to_string(&f.body).unwrap();
    assert!(!json.contains("never stored") && !json.contains("javascript"), "{json}");
    assert!(json.contains("https://city.example/library"));
}

#[test]
fn text_fixture() {
    let f = read_article_file(&fixture("harbor-ferry.txt")).unwrap();
    assert_eq!(f.headline, "Harbor ferry returns after repairs");
    assert_eq!(f.language, "en");
    assert_eq!(f.body.content.len(), 2);
    // Blank lines part the paragraphs: the line break inside the first is not a paragraph's
    // end (roundup::text_paragraphs, the rule an edition's lead is read with).
    let Block::Paragraph { content } = &f.body.content[0] else { panic!() };
    assert_eq!(
        content,
        &[Inline::Text { text: "The island ferry sailed again on Friday morning, two weeks after a hull inspection. Crews said the timetable is unchanged.".into(), marks: vec![] }]
    );
}

#[test]
fn html_fixture() {
    let f = read_article_file(&fixture("council-vote.html")).unwrap();
    f.body.validate().unwrap();
    assert_eq!(f.headline, "구의회, 보행로 예산 통과");
    assert_eq!(f.summary, "구의회가 보행로 예산을 통과시켰다.");
    assert_eq!(f.language, "ko");
    let plain = doc_to_plain(&f.body);
    assert!(plain.contains("찬성은 열두 표였다."), "{plain}");
    let json = serde_json::to_string(&f.body).unwrap();
    for bad in ["never stored", "tracker", "color", "javascript", "steal", "ads.example"] {
        assert!(!json.contains(bad), "{bad} in {json}");
    }
    assert!(json.contains("https://council.example/minutes"));
}

#[test]
fn encodings() {
    let dir = tempfile::tempdir().unwrap();
    // EUC-KR (CP949) is refused with a reason that names it.
    let (euc, _, _) = encoding_rs::EUC_KR.encode("시청 앞 광장이 다시 열렸다.");
    let path = write(dir.path(), "old-korean.txt", &euc);
    let reason = refusal(&path);
    assert!(reason.contains("EUC-KR") && reason.contains("UTF-8"), "{reason}");
    // Latin-1 is refused as not UTF-8.
    let path = write(dir.path(), "latin1.txt", b"Caf\xE9 reopens\n\nThe caf\xE9 on Main Street reopened.");
    let reason = refusal(&path);
    assert!(reason.contains("not UTF-8"), "{reason}");
    // A UTF-8 byte order mark is dropped.
    let path = write(dir.path(), "bom.md", "\u{FEFF}# 제목\n\n본문".as_bytes());
    let f = read_article_file(&path).unwrap();
    assert_eq!(f.headline, "제목");
    // UTF-16 with a byte order mark is read.
    let utf16: Vec<u8> =
        [0xFF, 0xFE].into_iter().chain("제목 줄\n\n본문입니다.".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let path = write(dir.path(), "utf16.txt", &utf16);
    assert_eq!(read_article_file(&path).unwrap().headline, "제목 줄");
}

#[test]
fn binary_empty_and_huge_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
    let reason = refusal(&write(dir.path(), "photo.txt", png));
    assert!(reason.contains("not a text file"), "{reason}");

    let reason = refusal(&write(dir.path(), "empty.md", b""));
    assert_eq!(reason, "the file is empty");

    // Over 20 MB, made sparse: refused from its size, before anything is read.
    let path = dir.path().join("huge.md");
    fs::File::create(&path).unwrap().set_len(MAX_IMPORT_BYTES + 1).unwrap();
    let reason = refusal(&path);
    assert!(reason.contains("20 MB"), "{reason}");

    // A file that converts to nothing.
    let reason = refusal(&write(dir.path(), "only-script.html", b"<script>x()</script>"));
    assert_eq!(reason, "the file has no text to import");
}

#[test]
fn wrong_names_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let odt = write(dir.path(), "draft.odt", b"PK\x03\x04");
    let reason = refusal(&odt);
    assert!(reason.contains(".odt") && reason.contains(".md") && reason.contains(".hwp"), "{reason}");
    // A press release format that is not what it says is refused by its reader.
    let docx = write(dir.path(), "draft.docx", b"PK\x03\x04");
    let reason = refusal(&docx);
    assert!(reason.contains("Word document is damaged or incomplete"), "{reason}");
    let reason = refusal(&dir.path().join("missing.md"));
    assert_eq!(reason, "there is no such file or folder");
    let folder = dir.path().join("folder.md");
    fs::create_dir(&folder).unwrap();
    assert_eq!(refusal(&folder), "this is a folder, not a file");
    assert_eq!(format_of(Path::new("x.HTM")), Some(Format::Html));
}

#[test]
fn headline_falls_back_to_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "시장 인터뷰.txt", "첫 문장은 길고 마침표로 끝난다.\n\n둘째 문단.".as_bytes());
    let f = read_article_file(&path).unwrap();
    assert_eq!(f.headline, "시장 인터뷰");
    assert_eq!(f.body.content.len(), 2);
}

#[test]
fn folders_are_expanded_sorted_skipping_hidden_and_other_formats() {
    let folder = fixture("folder");
    let (files, errors) = collect_files(std::slice::from_ref(&folder));
    assert!(errors.is_empty(), "{errors:?}");
    let names: Vec<_> = files.iter().map(|p| p.strip_prefix(&folder).unwrap().to_path_buf()).collect();
    assert_eq!(
        names,
        vec![PathBuf::from("a-first.md"), PathBuf::from("c-third.htm"), PathBuf::from("sub/b-second.txt")]
    );
    let headlines: Vec<String> = files.iter().map(|p| read_article_file(p).unwrap().headline).collect();
    assert_eq!(headlines, vec!["First folder file", "Third", "Second in the folder"]);
}

#[test]
fn explicit_paths_missing_paths_and_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.md", b"# Good\n");
    let pdf = write(dir.path(), "report.odt", b"PK");
    let missing = dir.path().join("nowhere");
    let (files, errors) = collect_files(&[good.clone(), pdf.clone(), missing.clone(), good.clone(), dir.path().to_path_buf()]);
    // The folder holds good.md again: listed once.
    assert_eq!(files, vec![good]);
    let refused: Vec<(PathBuf, String)> = errors
        .into_iter()
        .map(|e| match e {
            Error::File { path, reason } => (path, reason),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert_eq!(refused[0].0, pdf);
    assert!(refused[0].1.contains(".odt"));
    assert_eq!(refused[1], (missing, "there is no such file or folder".to_string()));
}

/// A batch with one bad file: the rest is imported and the bad one is named.
#[test]
fn a_bad_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "1-ok.md", "# 첫째\n\n본문".as_bytes());
    write(dir.path(), "2-broken.txt", b"\0\0\0\x01binary");
    write(dir.path(), "3-ok.txt", b"Third story\n\nBody.");
    write(dir.path(), "deeper/4-ok.html", "<h1>넷째</h1><p>본문</p>".as_bytes());
    let (files, mut errors) = collect_files(&[dir.path().to_path_buf()]);
    assert_eq!(files.len(), 4);
    let mut imported = Vec::new();
    for file in &files {
        match read_article_file(file) {
            Ok(fields) => imported.push(fields.headline),
            Err(e) => errors.push(e),
        }
    }
    assert_eq!(imported, vec!["첫째", "Third story", "넷째"]);
    assert_eq!(errors.len(), 1);
    let message = errors[0].to_string();
    assert!(message.contains("2-broken.txt") && message.contains("not a text file"), "{message}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a/story.md", b"# Story\n");
    std::os::unix::fs::symlink(dir.path().join("a"), dir.path().join("a/loop")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("a/story.md"), dir.path().join("a/z-link.md")).unwrap();
    let (files, errors) = collect_files(&[dir.path().to_path_buf()]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(files, vec![dir.path().join("a/story.md")]);
}

#[test]
fn the_open_dialog_offers_exactly_the_formats_import_reads() {
    use newsdesk_core::import::{format_of, IMPORT_EXTENSIONS};
    for ext in IMPORT_EXTENSIONS {
        assert!(format_of(std::path::Path::new(&format!("x.{ext}"))).is_some(), "{ext}");
    }
    for other in ["png", "odt", "rtf", "doc", "xlsx", "zip"] {
        assert!(format_of(std::path::Path::new(&format!("x.{other}"))).is_none(), "{other}");
    }
}
