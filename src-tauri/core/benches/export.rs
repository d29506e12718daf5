//! Export benchmark: 2,000 articles of about 2,000 characters rendered to standalone HTML
//! on one thread, printed as articles per second (target: at least 2,000/s on one core),
//! then the time to render one weekend roundup (ten briefs) as a web page and as an e-mail
//! (target: at most 20 ms), then criterion figures for one article in each format.
use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use newsdesk_core::export::{render_article, render_roundup, Format, RoundupFormat};
use newsdesk_core::model::doc::Doc;
use newsdesk_core::model::{Article, Byline, Kind, Status};
use newsdesk_core::render::{article_html, Asset, Outlet, RenderContext, RoundupExtras};
use newsdesk_core::roundup::{Brief, Lead, Roundup, Signoff};
use newsdesk_core::text::counts::count_document;

const ARTICLES: usize = 2_000;
const TARGET_CHARS: usize = 2_000;
const PIXEL_SHA: &str = "aa00000000000000000000000000000000000000000000000000000000000001";

const KO: &[&str] = &[
    "구청은",
    "이번",
    "주말부터",
    "강변",
    "야시장의",
    "운영",
    "시간을",
    "한",
    "시간",
    "늘린다고",
    "밝혔다.",
    "상인회는",
    "방문객이",
    "지난해보다",
    "크게",
    "늘었다며",
    "그늘막과",
    "쉼터를",
    "더",
    "세워",
    "달라고",
    "요청했다.",
    "주민들은",
    "소음과",
    "쓰레기",
    "문제를",
    "함께",
    "풀어야",
    "한다고",
    "말했다.",
    "여름",
    "저녁",
    "도서관과",
    "공원은",
    "밤",
    "열",
    "시까지",
    "문을",
    "연다.",
];
const EN: &[&str] = &[
    "The",
    "council",
    "said",
    "on",
    "Monday",
    "that",
    "the",
    "riverside",
    "market",
    "will",
    "stay",
    "open",
    "an",
    "hour",
    "longer",
    "from",
    "this",
    "weekend.",
    "Traders",
    "asked",
    "for",
    "more",
    "shade",
    "and",
    "seating,",
    "while",
    "residents",
    "want",
    "noise",
    "and",
    "litter",
    "kept",
    "down.",
    "Libraries",
    "and",
    "parks",
    "stay",
    "open",
    "until",
    "ten",
    "at",
    "night.",
];

/// A deterministic article of about `TARGET_CHARS` characters: paragraphs with a few
/// marks and links, a heading, a list, a quote, and a photo in every fourth article.
fn article(i: usize) -> Article {
    let korean = i % 2 == 0;
    let words = if korean { KO } else { EN };
    let mut blocks = Vec::new();
    let mut chars = 0;
    let mut w = i * 7;
    let mut para = 0;
    while chars < TARGET_CHARS {
        let mut inlines = Vec::new();
        let mut text = String::new();
        for _ in 0..(18 + (w % 9)) {
            text.push_str(words[w % words.len()]);
            text.push(' ');
            w += 3;
        }
        chars += text.chars().count();
        let (a, b) = text.split_at(text.find(' ').map(|n| n + 1).unwrap_or(0));
        inlines.push(serde_json::json!({"type": "text", "text": a, "marks": [{"type": "bold"}]}));
        inlines.push(serde_json::json!({"type": "text", "text": b.trim_end()}));
        if para % 3 == 1 {
            inlines.push(serde_json::json!({"type": "text", "text": " 자세히", "marks": [{"type": "link", "attrs": {"href": "https://gu.example/news"}}]}));
        }
        blocks.push(serde_json::json!({"type": "paragraph", "content": inlines}));
        if para == 2 {
            blocks.push(serde_json::json!({"type": "heading", "attrs": {"level": 2}, "content": [{"type": "text", "text": "현장에서 / On the ground"}]}));
            blocks.push(serde_json::json!({"type": "bulletList", "content": [
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "운영: 오후 6시~11시"}]}]},
                {"type": "listItem", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "휴장: 월요일"}]}]}]}));
        }
        if para == 4 {
            blocks.push(serde_json::json!({"type": "blockquote", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "\"그늘이 더 필요합니다.\""}]}]}));
            if i % 4 == 0 {
                blocks.push(serde_json::json!({"type": "image", "attrs": {"asset": PIXEL_SHA, "alt": "시장 입구", "caption": "저녁 시장 입구", "credit": "사진부"}}));
            }
        }
        para += 1;
    }
    let body = Doc::from_json(&serde_json::json!({"type": "doc", "content": blocks}).to_string())
        .expect("bench body fits the schema");
    let counts = count_document(&body);
    Article {
        id: format!("01984f3a-7c2e-7b1a-9a3e-{i:012x}"),
        kind: Kind::Article,
        headline: if korean {
            format!("강변 야시장, 주말 운영 한 시간 늘린다 ({i})")
        } else {
            format!("Riverside market stays open an hour longer ({i})")
        },
        deck: if korean {
            "상인회 \"그늘막 더 필요\"".into()
        } else {
            "Traders ask for shade".into()
        },
        byline: Byline {
            name: "박서연 기자".into(),
            email: "seoyeon@hanbit.example".into(),
        },
        summary: String::new(),
        body,
        tags: vec!["지역".into(), "시장".into()],
        section: "사회".into(),
        language: if korean { "ko".into() } else { "en".into() },
        status: Status::Ready,
        created_at: "2025-07-27T23:10:00Z".into(),
        updated_at: "2025-07-28T09:00:00Z".into(),
        published_at: Some("2025-07-28T09:00:00Z".into()),
        trashed_at: None,
        version: 3,
        counts,
    }
}

fn pixel(sha: &str) -> Option<Asset> {
    use base64::Engine;
    const PNG: &str =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    let bytes = base64::engine::general_purpose::STANDARD.decode(PNG).ok()?;
    (sha == PIXEL_SHA).then(|| Asset {
        bytes,
        mime: "image/png".into(),
    })
}

fn throughput(articles: &[Article], ctx: &RenderContext) {
    // One warm-up pass, then the best of three timed passes over all articles.
    let mut bytes = 0usize;
    for a in articles {
        bytes += article_html(a, ctx).expect("renders").len();
    }
    let mut best = f64::MAX;
    for _ in 0..3 {
        let start = Instant::now();
        for a in articles {
            black_box(article_html(black_box(a), ctx).expect("renders"));
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    let chars: u64 = articles.iter().map(|a| a.counts.chars).sum();
    let rate = articles.len() as f64 / best;
    println!(
        "export html: {} articles (avg {} characters, avg page {} bytes) in {:.1} ms on one thread = {:.0} articles/s (target >= 2,000/s: {})",
        articles.len(),
        chars / articles.len() as u64,
        bytes / articles.len(),
        best * 1000.0,
        rate,
        if rate >= 2000.0 { "met" } else { "NOT met" }
    );
}

/// One edition: a lead from the first article, ten briefs from the next ones.
fn roundup_of(articles: &[Article]) -> Roundup {
    Roundup {
        id: "0190c0de-0000-7000-9000-000000000001".into(),
        kind: Kind::Roundup,
        title: "주말 브리핑".into(),
        edition_date: "2026-11-28".into(),
        lead: Lead { article_id: None, headline: "이번 주".into(), body: articles[0].body.clone() },
        transition: "이어 이번 주 주요 기사입니다.".into(),
        items: articles[1..11]
            .iter()
            .map(|a| Brief { article_id: None, headline: a.headline.clone(), summary: newsdesk_core::render::description_of(a), link: None, drafted: false })
            .collect(),
        signoff: Signoff { outlet: "한빛일보".into(), email: "news@hanbit.example".into() },
        status: Status::Ready,
        created_at: "2026-11-28T01:00:00Z".into(),
        updated_at: "2026-11-28T02:00:00Z".into(),
        trashed_at: None,
        version: 1,
    }
}

/// Renders the edition `RUNS` times in `format`; prints the median and p95 of one render.
fn roundup_time(r: &Roundup, ctx: &RenderContext, format: RoundupFormat) {
    const RUNS: usize = 200;
    let extras = RoundupExtras::default();
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            black_box(render_roundup(black_box(r), format, ctx, &extras).expect("renders"));
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let (p50, p95) = (times[RUNS / 2], times[RUNS * 95 / 100]);
    println!(
        "roundup render ({format}, 10 briefs): p50 {p50:.2} ms   p95 {p95:.2} ms (target <= 20 ms: {})",
        if p95 <= 20.0 { "met" } else { "NOT met" }
    );
}

fn main() {
    let articles: Vec<Article> = (0..ARTICLES).map(article).collect();
    let outlet = Outlet {
        name: "한빛일보".into(),
        email: "news@hanbit.example".into(),
        site_url: "https://hanbit.example".into(),
        ..Outlet::default()
    };
    let ctx = RenderContext::new(&outlet, &pixel);
    throughput(&articles, &ctx);
    let edition = roundup_of(&articles);
    roundup_time(&edition, &ctx, RoundupFormat::Html);
    roundup_time(&edition, &ctx, RoundupFormat::Email);

    let mut c = Criterion::default().configure_from_args();
    let one = &articles[0];
    for f in Format::ALL {
        c.bench_function(&format!("export one article ({f})"), |b| {
            b.iter(|| render_article(black_box(one), f, &ctx).expect("renders"))
        });
    }
    c.final_summary();
}
