//! Press releases in HWP, HWPX, DOCX, PDF and e-mail become drafts: every part of the
//! fixture release (tests/fixtures/release/release.py, our own words) arrives where it
//! belongs, the refusals say why, and hostile files are refused or read within bounds.
mod render_support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdesk_core::import::{read_article_file, read_release_file, release_from_bytes, Release, ReleaseFormat};
use newsdesk_core::model::doc::{Block, Inline, Mark};
use newsdesk_core::model::Article;
use newsdesk_core::render::{article_html, Asset, RenderContext};
use newsdesk_core::text::plain::{doc_to_plain, inlines_to_plain};

const TITLE: &str = "갯벌 체험객 안전 지킴이 300명, 올봄 전국 해변에 배치";
const SUBTITLE: &str = "물때 알림 문자와 구명조끼 무료 대여소도 함께 운영";
const LINK: &str = "https://tidal-safety.example/alerts";
const CAPTION: &str = "▲ 안전 지킴이가 체험객에게 물때표를 설명하는 모습(연출 사진)";
const NOTE: &str = "물때: 밀물과 썰물이 드나드는 때. 바닷가마다 시각이 다르다.";
const PARAGRAPHS: [&str; 7] = [
    "해양생활안전처는 갯벌 체험이 늘어나는 봄철을 맞아 4월 14일부터 전국 해변 62곳에 갯벌 안전 지킴이 300명을 배치한다고 밝혔다.",
    "지킴이는 체험객에게 물때[1]를 알리고, 밀물이 들어오기 한 시간 전부터 갯벌 안쪽에 머무는 사람을 해안으로 안내한다.",
    "올해는 지킴이 인원이 지난해보다 120명 늘었고, 구명조끼를 무료로 빌려주는 대여소도 60곳으로 확대된다.",
    "주요 수치는 다음과 같다.",
    "서다온 연안체험안전과장은 \"갯벌은 물이 들어오는 속도가 사람이 걷는 속도보다 빠를 때가 있다\"며 \"체험 전에 반드시 물때를 확인해 달라\"고 당부했다.",
    "물때 알림 문자는 해양생활안전처 누리집(https://tidal-safety.example/alerts)에서 신청할 수 있다.",
    "지난해 갯벌에서 고립됐다가 구조된 사람은 모두 41명으로, 이 가운데 절반가량이 물때를 확인하지 않은 채 갯벌에 들어간 것으로 조사됐다.",
];
const BULLETS: [&str; 3] = [
    "물때 알림 문자: 체험 당일 아침 밀물 시각을 문자로 알린다.",
    "구명조끼 무료 대여: 신분증을 맡기면 하루 동안 빌려준다.",
    "야간 체험 자제 권고: 해가 진 뒤에는 갯벌 출입을 삼가도록 안내한다.",
];
const TABLE: [[&str; 3]; 4] = [
    ["구분", "2024년", "2025년"],
    ["안전 지킴이", "180명", "300명"],
    ["구명조끼 대여소", "25곳", "60곳"],
    ["알림 문자 가입자", "4만 명", "10만 명"],
];

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/release").join(name)
}

fn read(name: &str) -> (Release, Duration) {
    let t = Instant::now();
    let r = read_release_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    (r, t.elapsed())
}

fn texts(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { content } | Block::Heading { content, .. } => Some(inlines_to_plain(content)),
            _ => None,
        })
        .collect()
}

/// What every format must carry. `picture`, `table`, `notes`: whether the format can.
struct Expect {
    table: bool,
    picture: bool,
    note_at_end: bool,
    heading: bool,
}

fn check(name: &str, r: &Release, e: Expect) {
    let f = &r.fields;
    assert_eq!(f.headline, TITLE, "{name}: headline");
    assert_eq!(f.deck, SUBTITLE, "{name}: deck");
    assert_eq!(f.language, "ko");
    let body = &f.body;
    body.validate().unwrap();
    let plain = doc_to_plain(body);
    // The letterhead is not in the body.
    for letterhead in ["보도자료", "보도시점", "044-555", "2025. 4. 9."] {
        assert!(!plain.contains(letterhead), "{name}: {letterhead:?} in the body:\n{plain}");
    }
    let top = texts(&body.content);
    for p in PARAGRAPHS {
        assert!(top.iter().any(|t| t == p), "{name}: paragraph {p:?} missing from {top:#?}");
    }
    // The paragraphs in order.
    let at: Vec<usize> = PARAGRAPHS.iter().map(|p| top.iter().position(|t| t == p).unwrap()).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{name}: paragraphs out of order {at:?}");
    if e.heading {
        assert!(
            body.content.iter().any(|b| matches!(b, Block::Heading { content, .. } if inlines_to_plain(content) == "달라지는 점")),
            "{name}: heading"
        );
    }
    // The bullet list.
    let list = body.content.iter().find_map(|b| match b {
        Block::BulletList { content } => Some(content),
        _ => None,
    });
    let list = list.unwrap_or_else(|| panic!("{name}: no bullet list in {:#?}", body.content));
    let items: Vec<String> = list.iter().map(|i| texts(&i.content).join(" ")).collect();
    assert_eq!(items, BULLETS, "{name}: list");
    // The link.
    let linked = body.blocks().any(|b| match b {
        Block::Paragraph { content } => content.iter().any(|i| {
            matches!(i, Inline::Text { text, marks } if text == LINK && marks.iter().any(|m| matches!(m, Mark::Link { attrs } if attrs.href == LINK)))
        }),
        _ => false,
    });
    assert!(linked, "{name}: link");
    // The table: 4 × 3 with a header row.
    if e.table {
        let rows = body
            .content
            .iter()
            .find_map(|b| match b {
                Block::Table { content } => Some(content),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{name}: no table"));
        assert_eq!(rows.len(), 4, "{name}: rows");
        for (r, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row.content.iter().map(|c| texts(c.content()).join(" ")).collect();
            assert_eq!(cells, TABLE[r], "{name}: row {r}");
            assert!(row.content.iter().all(|c| c.is_header() == (r == 0)), "{name}: header row");
        }
        assert_eq!(body.content.iter().filter(|b| matches!(b, Block::Table { .. })).count(), 1, "{name}: the contact table left");
    }
    // The picture with its caption.
    if e.picture {
        let img = body
            .blocks()
            .find_map(|b| match b {
                Block::Image { attrs } => Some(attrs),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{name}: no picture"));
        assert_eq!(img.caption, CAPTION, "{name}: caption");
        let pic = r.pictures.iter().find(|p| p.sha256 == img.asset).expect("the picture the body shows");
        assert_eq!(pic.media_type, "image/png");
        assert_eq!(pic.bytes, std::fs::read(fixture("picture.png")).unwrap());
        assert_eq!(pic.caption, CAPTION);
        assert!(!top.iter().any(|t| t == CAPTION), "{name}: the caption is also a paragraph");
    }
    // The footnote at the end, after a rule.
    if e.note_at_end {
        let n = body.content.len();
        assert_eq!(body.content[n - 2], Block::HorizontalRule, "{name}: rule before the notes");
        let Block::OrderedList { content, .. } = &body.content[n - 1] else { panic!("{name}: notes {:?}", body.content[n - 1]) };
        assert_eq!(texts(&content[0].content), [NOTE], "{name}: note");
    }
    // What the letterhead said.
    let s = &r.source;
    assert_eq!(s.issuer, "해양생활안전처", "{name}: issuer {s:?}");
    assert_eq!(s.embargo, "2025. 4. 10.(목) 12:00", "{name}: embargo {s:?}");
    assert!(s.contacts.iter().any(|c| c.contains("과장 서다온 (044-555-0101)")), "{name}: contacts {s:?}");
    assert!(s.contacts.iter().any(|c| c.contains("사무관 윤물결 (044-555-0102)")), "{name}: contacts {s:?}");
    assert!(!s.contacts.is_empty());

    // Rendered: the table and the image are on the page.
    let article = Article {
        id: "01984f3a-7c2e-7b1a-9a3e-2f6d8c1b4e53".into(),
        kind: Default::default(),
        headline: f.headline.clone(),
        deck: f.deck.clone(),
        byline: Default::default(),
        summary: String::new(),
        body: f.body.clone(),
        tags: vec![],
        section: String::new(),
        language: f.language.clone(),
        status: Default::default(),
        created_at: "2025-04-09T05:00:00Z".into(),
        updated_at: "2025-04-09T05:00:00Z".into(),
        published_at: None,
        trashed_at: None,
        version: 1,
        counts: newsdesk_core::text::counts::count_document(&f.body),
    };
    let pictures = r.pictures.clone();
    let lookup = move |sha: &str| pictures.iter().find(|p| p.sha256 == sha).map(|p| Asset { bytes: p.bytes.clone(), mime: p.media_type.clone() });
    let outlet = render_support::outlet();
    let html = article_html(&article, &RenderContext::new(&outlet, &lookup)).unwrap();
    if e.table {
        assert!(html.contains("<thead>\n<tr><th>구분</th><th>2024년</th><th>2025년</th></tr>"), "{name}: table in the page");
    }
    if e.picture {
        assert!(html.contains("<img src=\"data:image/png;base64,"), "{name}: image in the page");
        assert!(html.contains(&format!("<figcaption>{CAPTION}</figcaption>")), "{name}: caption in the page");
    }
}

const ALL: Expect = Expect { table: true, picture: true, note_at_end: true, heading: true };

#[test]
fn docx_release() {
    let (r, took) = read("release.docx");
    check("docx", &r, ALL);
    assert_eq!(r.source.media_type, ReleaseFormat::Docx.media_type());
    assert_eq!(r.source.file_name, "release.docx");
    assert_eq!(r.source.date, "2025. 4. 9.(수) 14:00");
    eprintln!("docx: {took:?}");
}

#[test]
fn hwpx_release() {
    let (r, took) = read("release.hwpx");
    check("hwpx", &r, ALL);
    assert_eq!(r.source.media_type, "application/hwp+zip");
    // The package's script is neither run nor kept.
    let json = serde_json::to_string(&r.fields).unwrap();
    assert!(!json.contains("OnDocument_Open") && !json.contains("스크립트"), "{json}");
    eprintln!("hwpx: {took:?}");
}

#[test]
fn eml_release() {
    let (r, took) = read("release.eml");
    check("eml", &r, ALL);
    assert_eq!(r.source.sender, "해양생활안전처 대변인실 <press@tidal-safety.example>");
    assert_eq!(r.source.date, "2025-04-09T14:00:00+09:00");
    assert_eq!(r.source.media_type, "message/rfc822");
    let top = texts(&r.fields.body.content);
    assert_eq!(top[..2], ["기자님께,", "해양생활안전처 새 소식을 보내드립니다. 4월 10일(목) 12시 이후 보도해 주시기 바랍니다."]);
    // The attached picture is the release's own: shown once.
    assert_eq!(r.pictures.len(), 1);
    let json = serde_json::to_string(&r.fields).unwrap();
    assert!(!json.contains("alert('x')"), "{json}");
    eprintln!("eml: {took:?}");
}

/// A PDF has only its text layer: no table structure, no footnote marks, pictures left out.
/// What it must give: the title across its two lines, the deck, the paragraphs rejoined
/// across line and page breaks, the list, the link, the letterhead in the source, and no
/// running header, footer or page number.
#[test]
fn pdf_release() {
    let (r, took) = read("release.pdf");
    let f = &r.fields;
    assert_eq!(f.headline, TITLE);
    assert_eq!(f.deck, SUBTITLE);
    let plain = doc_to_plain(&f.body);
    let top = texts(&f.body.content);
    for (i, p) in PARAGRAPHS.iter().enumerate() {
        if i == 1 {
            continue; // the footnote's mark is a small "1" in a PDF
        }
        assert!(top.iter().any(|t| t == p), "pdf: {p:?} missing from {top:#?}");
    }
    let list = f.body.content.iter().find_map(|b| match b {
        Block::BulletList { content } => Some(content.iter().map(|i| texts(&i.content).join(" ")).collect::<Vec<_>>()),
        _ => None,
    });
    assert_eq!(list.as_deref(), Some(&BULLETS.map(String::from)[..]), "{top:#?}");
    for running in ["해양생활안전처 보도자료", "-1-", "- 2 -", "보도시점"] {
        assert!(!plain.contains(running), "pdf: {running:?} in\n{plain}");
    }
    let linked = f.body.blocks().any(|b| matches!(b, Block::Paragraph { content } if content.iter().any(|i| matches!(i, Inline::Text { marks, .. } if marks.iter().any(|m| matches!(m, Mark::Link { attrs } if attrs.href == LINK))))));
    assert!(linked, "pdf: link");
    assert_eq!(r.source.issuer, "해양생활안전처");
    assert_eq!(r.source.embargo, "2025. 4. 10.(목) 12:00");
    assert!(r.source.contacts.iter().any(|c| c.contains("044-555-0101")), "{:?}", r.source);
    eprintln!("pdf: {took:?}");
}

fn refusal(name: &str) -> String {
    match read_article_file(&fixture(name)) {
        Err(newsdesk_core::Error::File { reason, .. }) => reason,
        other => panic!("{name}: {other:?}"),
    }
}

#[test]
fn damaged_and_scanned_files_are_refused_with_their_reason() {
    let r = refusal("scanned.pdf");
    assert!(r.contains("no text") && r.contains("scan"), "{r}");
    let r = refusal("truncated.docx");
    assert!(r.contains("damaged or incomplete"), "{r}");
}

fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated)).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const DOC_HEAD: &str = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#;

#[test]
fn a_zip_bomb_is_refused_within_bounds() {
    // 200 MB of zeros compress to a few hundred kilobytes.
    let zeros = vec![0u8; 200 * 1024 * 1024];
    let bomb = zip_of(&[("word/document.xml", &zeros)]);
    assert!(bomb.len() < 1024 * 1024);
    drop(zeros);
    let t = Instant::now();
    let err = release_from_bytes(ReleaseFormat::Docx, "bomb.docx", &bomb).unwrap_err();
    assert!(err.contains("zip bomb"), "{err}");
    // The same with a lying header: the declared size is small, the data is not.
    let mut lying = bomb.clone();
    patch_sizes(&mut lying, 1000);
    let err = release_from_bytes(ReleaseFormat::Docx, "bomb.docx", &lying).unwrap_err();
    assert!(err.contains("zip bomb") || err.contains("damaged"), "{err}");
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

/// Sets every uncompressed size the archive declares (local headers and central directory).
fn patch_sizes(zip: &mut [u8], size: u32) {
    let mut i = 0;
    while i + 30 <= zip.len() {
        if zip[i..i + 4] == *b"PK\x03\x04" {
            zip[i + 22..i + 26].copy_from_slice(&size.to_le_bytes());
        } else if zip[i..i + 4] == *b"PK\x01\x02" {
            zip[i + 24..i + 28].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
}

#[test]
fn custom_xml_entities_are_never_expanded() {
    let mut doc = String::from(r#"<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa">"#);
    for i in 1..10 {
        doc.push_str(&format!(r#"<!ENTITY {} "{}">"#, (b'a' + i) as char, format!("&{};", (b'a' + i - 1) as char).repeat(10)));
    }
    doc.push_str("]>");
    doc.push_str(DOC_HEAD);
    doc.push_str("<w:p><w:r><w:t>앞 &j; 뒤 &amp; &#54620;</w:t></w:r></w:p></w:body></w:document>");
    let z = zip_of(&[("word/document.xml", doc.as_bytes())]);
    let t = Instant::now();
    let r = release_from_bytes(ReleaseFormat::Docx, "lol.docx", &z).unwrap();
    assert!(t.elapsed() < Duration::from_secs(2));
    assert_eq!(r.fields.headline, "앞 뒤 & 한");
}

#[test]
fn deeply_nested_tables_are_read_or_refused_without_overflow() {
    for depth in [50, 5_000] {
        let mut doc = String::from(DOC_HEAD);
        doc.push_str("<w:p><w:r><w:t>제목</w:t></w:r></w:p>");
        doc.push_str(&"<w:tbl><w:tr><w:tc>".repeat(depth));
        doc.push_str("<w:p><w:r><w:t>깊다</w:t></w:r></w:p>");
        doc.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth));
        doc.push_str("</w:body></w:document>");
        let z = zip_of(&[("word/document.xml", doc.as_bytes())]);
        match release_from_bytes(ReleaseFormat::Docx, "deep.docx", &z) {
            Ok(r) => {
                r.fields.body.validate().unwrap();
                assert!(doc_to_plain(&r.fields.body).contains("깊다"));
            }
            Err(e) => assert!(e.contains("nested too deeply"), "{e}"),
        }
    }
}

#[test]
fn a_pdf_with_javascript_and_a_launch_action_gives_only_its_text() {
    let content = b"BT /F1 24 Tf 72 700 Td (Harbor notice) Tj ET BT /F1 12 Tf 72 650 Td (The ferry runs again on Monday.) Tj ET";
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R /Names << /JavaScript << /Names [(x) 6 0 R] >> >> >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R /Annots [7 0 R] /AA << /O 8 0 R >> >>".to_vec(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
        [format!("<< /Length {} >>\nstream\n", content.len()).into_bytes(), content.to_vec(), b"\nendstream".to_vec()].concat(),
        b"<< /S /JavaScript /JS (app.alert('run me')) >>".to_vec(),
        b"<< /Type /Annot /Subtype /Link /Rect [72 640 300 660] /A << /S /URI /URI (javascript:alert(1)) >> >>".to_vec(),
        b"<< /S /Launch /F (calc.exe) >>".to_vec(),
    ];
    let pdf = pdf_file(&objs);
    let r = release_from_bytes(ReleaseFormat::Pdf, "js.pdf", &pdf).unwrap();
    assert_eq!(r.fields.headline, "Harbor notice");
    let json = serde_json::to_string(&r.fields).unwrap();
    for bad in ["alert", "calc", "javascript", "Launch"] {
        assert!(!json.contains(bad), "{bad} in {json}");
    }
    assert!(json.contains("The ferry runs again on Monday."));
    // A form that draws itself is refused, not a stack overflow.
    let looped: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /X 4 0 R >> >> /Contents 5 0 R >>".to_vec(),
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length 6 >>\nstream\n/X Do\nendstream".to_vec(),
        b"<< /Length 6 >>\nstream\n/X Do\nendstream".to_vec(),
    ];
    let err = release_from_bytes(ReleaseFormat::Pdf, "loop.pdf", &pdf_file(&looped)).unwrap_err();
    assert!(err.contains("refer to themselves"), "{err}");
    // Garbage after a PDF header: refused, no panic.
    for junk in [&b"%PDF-1.7\n"[..], b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj trailer << /Root 1 0 R >>"] {
        assert!(release_from_bytes(ReleaseFormat::Pdf, "junk.pdf", junk).is_err());
    }
}

fn pdf_file(objs: &[Vec<u8>]) -> Vec<u8> {
    let mut data = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(data.len());
        data.extend(format!("{} 0 obj\n", i + 1).into_bytes());
        data.extend(o);
        data.extend(b"\nendobj\n");
    }
    let xref = data.len();
    data.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).into_bytes());
    for off in offsets {
        data.extend(format!("{off:010} 00000 n \n").into_bytes());
    }
    data.extend(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objs.len() + 1).into_bytes());
    data
}

#[test]
fn an_email_with_a_thousand_attachments_is_refused_quickly() {
    let mut m = String::from("From: a@b.example\r\nSubject: many\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nhello\r\n");
    for i in 0..1000 {
        m.push_str(&format!("--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"f{i}.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n"));
    }
    m.push_str("--B--\r\n");
    let t = Instant::now();
    let err = release_from_bytes(ReleaseFormat::Eml, "many.eml", m.as_bytes()).unwrap_err();
    assert!(err.contains("1000 attachments"), "{err}");
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
    // A few attachments: a picture of its own is kept and shown.
    let png = std::fs::read(fixture("picture.png")).unwrap();
    let mut other = png.clone();
    other[40] ^= 1; // another picture (its bytes differ; still a PNG by its signature)
    let b64 = base64_encode;
    let mail = format!(
        "From: \"홍보팀\" <pr@agency.example>\r\nSubject: =?UTF-8?B?{}?=\r\nDate: Thu, 10 Apr 2025 09:30:00 +0900\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n본문입니다.\r\n--B\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"a.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--B--\r\n",
        b64("[보도자료] 새 소식".as_bytes()),
        b64(&other)
    );
    let r = release_from_bytes(ReleaseFormat::Eml, "one.eml", mail.as_bytes()).unwrap();
    assert_eq!(r.fields.headline, "새 소식");
    assert_eq!(r.pictures.len(), 1);
    assert!(matches!(&r.fields.body.content[1], Block::Image { attrs } if attrs.asset == r.pictures[0].sha256));
    assert_eq!(r.source.sender, "홍보팀 <pr@agency.example>");
}

fn base64_encode(b: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(b)
}

#[test]
fn hwp_release() {
    let (r, took) = read("release.hwp");
    check("hwp", &r, ALL);
    assert_eq!(r.source.media_type, "application/x-hwp");
    eprintln!("hwp: {took:?}");
}

#[test]
fn locked_hwp_files_are_refused_with_their_reason() {
    let r = refusal("locked.hwp");
    assert!(r.contains("distribution (배포용)"), "{r}");
    let r = refusal("password.hwp");
    assert!(r.contains("password"), "{r}");
}

/// Records that lie about their sizes, and random bytes in the record streams: refused or
/// read, never a panic, never the allocation a size asks for.
#[test]
fn hwp_records_that_lie_are_refused() {
    let good = std::fs::read(fixture("release.hwp")).unwrap();
    let t = Instant::now();
    let mut state = 0x2545F4914F6CDD1Du64;
    for i in 0..300 {
        let mut bad = good.clone();
        for _ in 0..(1 + i % 8) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state as usize) % bad.len();
            bad[at] = (state >> 32) as u8;
        }
        let _ = release_from_bytes(ReleaseFormat::Hwp, "bad.hwp", &bad);
    }
    assert!(t.elapsed() < Duration::from_secs(30), "{:?}", t.elapsed());
}

/// The bulk import stores a release's pictures with it, so its export finds them.
#[test]
fn bulk_import_stores_the_pictures() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = newsdesk_core::library::Library::open(&dir.path().join("lib.db")).unwrap();
    let files: Vec<PathBuf> = ["release.docx", "release.hwpx", "release.hwp", "release.pdf", "release.eml"].iter().map(|n| fixture(n)).collect();
    let mut ids = Vec::new();
    let t = Instant::now();
    lib.import_files(&files, newsdesk_core::import::ImportAs::Auto, newsdesk_core::model::Status::Draft, |r| ids.push(r.unwrap().id)).unwrap();
    eprintln!("bulk import of the five fixtures: {:?}", t.elapsed());
    assert_eq!(ids.len(), 5);
    let a = lib.article(&ids[0]).unwrap();
    assert_eq!(a.headline, TITLE);
    let img = a.body.blocks().find_map(|b| match b {
        Block::Image { attrs } => Some(attrs.asset.clone()),
        _ => None,
    });
    let (bytes, mime) = lib.asset(&img.unwrap()).unwrap();
    assert_eq!((bytes, mime.as_str()), (std::fs::read(fixture("picture.png")).unwrap(), "image/png"));
}

/// Times the readers on large files: `NEWSDESK_RELEASE_BIG=/dir` with big.docx, big.hwp,
/// big.pdf in it (e.g. make-fixtures.py's release repeated to 40+ pages).
#[test]
#[ignore]
fn measure_large_files() {
    let Ok(dir) = std::env::var("NEWSDESK_RELEASE_BIG") else { return };
    for name in ["big.docx", "big.hwp", "big.pdf"] {
        let path = Path::new(&dir).join(name);
        let t = Instant::now();
        let r = read_release_file(&path).unwrap();
        eprintln!("{name}: {:?}, {} blocks, {} characters", t.elapsed(), r.fields.body.content.len(), doc_to_plain(&r.fields.body).chars().count());
    }
}
