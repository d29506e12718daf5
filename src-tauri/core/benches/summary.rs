//! A drafted summary of a 20,000-character Korean article: p50/p95 printed first (target
//! p95 <= 20 ms), then criterion's figure.
mod common;

use std::time::{Duration, Instant};

use criterion::Criterion;
use newsdesk_core::text::summary::{draft_summary, SummaryOptions};

const SENTENCES: &[&str] = &[
    "시는 3일 오전 10시 새 버스 노선을 발표했다.",
    "구청은 올해 예산 1,200억원을 편성했으며 의회는 이를 승인했다.",
    "주민 300명이 설명회에 참석했고 대부분 계획에 찬성했다.",
    "구청장은 \"올해 목표는 달성했다. 내년도 자신 있다\"라고 말했다.",
    "이용객은 1년 전보다 3.5% 늘었고 민원은 1.2배 줄었다.",
    "한 상인은 \"글쎄… 손님이 더 늘지는 두고 봐야 한다\"며 웃었다.",
    "상인회는 야시장 운영 시간을 밤 11시까지 늘렸다.",
];

/// A dateline and a lead, `chars` characters of body, a byline.
fn article(chars: usize) -> Vec<String> {
    let mut paragraphs = vec!["[서울=뉴스데스크] 서울의 한 구청이 내년 예산을 3.5% 늘린다고 밝혔다.".to_string()];
    paragraphs.extend(common::korean_paragraphs(SENTENCES, chars - paragraphs[0].chars().count()));
    paragraphs.push("홍길동 기자 hong@example.com".into());
    paragraphs
}

fn main() {
    let body = article(20_000);
    let opts = SummaryOptions::default();
    let chars: usize = body.iter().map(|p| p.chars().count()).sum();
    let taken = draft_summary(&body, opts).sentences.len();
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(draft_summary(&body, opts));
            t.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    let p95 = ms(pct(0.95));
    println!(
        "summary draft of a {chars}-character Korean article ({taken} sentences), 200 rounds: p50 {:.2} ms   p95 {p95:.2} ms (target p95 <= 20 ms: {})",
        ms(pct(0.5)),
        if p95 <= 20.0 { "met" } else { "NOT met" }
    );
    let t = Instant::now();
    for _ in 0..50 {
        for p in &body {
            std::hint::black_box(newsdesk_core::text::sentences::sentences(p));
        }
    }
    println!("  of which the sentence splitter: {:.2} ms a round", ms(t.elapsed()) / 50.0);
    let mut c = Criterion::default().configure_from_args().sample_size(20);
    c.bench_function("summary draft 20k Korean article", |b| b.iter(|| draft_summary(&body, opts)));
    c.final_summary();
}
