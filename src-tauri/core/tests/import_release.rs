//! Press releases in HWP, HWPX, DOCX, PDF and e-mail become drafts: every part of the
//! fixture release (tests/fixtures/release/release.py, our own words) arrives where it
//! belongs, the refusals say why, and hostile files are refused or read within bounds.
mod render_support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use newsdesk_core::import::{read_article_file, read_release_file, release_from_bytes, Release, ReleaseFormat};
use newsdesk_core::model::doc::{Block, Inline, Mark};
use newsdesk_core::model::Article;
use newsdesk_core::render::{article_html, Asset, RenderContext};
use newsdesk_core::text::plain::{doc_to_plain, inlines_to_plain};
use newsdesk_core::Error;

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
