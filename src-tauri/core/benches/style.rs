//! Style check of a 20,000-character Korean article with the default book: p50/p95
//! printed first (target p95 <= 5 ms), then criterion's figure.
mod common;

use std::time::{Duration, Instant};

use criterion::Criterion;
use newsdesk_core::style::{body_text, CompiledBook, Field, StyleContext};

const SENTENCES: &[&str] = &[
    "시는 3일 오전 10시 새 버스 노선을 발표했다.",
    "구청은 올해 예산 1,200억원을 편성했으며 의회는 이를 승인했다.",
    "주민 300명이 설명회에 참석했고 대부분 계획에 찬성했다.",
    "도서관은 새 콘텐츠를 선보이며 청소년 독서 모임을 늘렸다.",
    "상인회는 야시장 운영 시간을 밤 11시까지 늘렸다.",
    "구청장은 예산을 발표하였으며 메세지를 남겼다.",
    "하오 3시경 5 명이 현장에 도착했다.",
];

fn article(chars: usize) -> String {
    body_text(&newsdesk_core::model::Doc::from_paragraphs(common::korean_paragraphs(SENTENCES, chars)))
}

fn main() {
    let book = CompiledBook::default_book();
    let text = article(20_000);
    let ctx = StyleContext { headline_max_chars: Some(40), language: None };
    let findings = book.check_field(Field::Body, None, &text, &ctx).len();
    let mut times: Vec<Duration> = (0..200)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(book.check_field(Field::Body, None, &text, &ctx));
            t.elapsed()
        })
        .collect();
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
    println!(
        "style check of a {}-character Korean article ({findings} findings), 200 rounds: p50 {:.2} ms   p95 {:.2} ms (target p95 <= 5 ms)",
        text.chars().count(),
        ms(pct(0.5)),
        ms(pct(0.95))
    );
    let mut c = Criterion::default().configure_from_args().sample_size(20);
    c.bench_function("style check 20k Korean article", |b| b.iter(|| book.check_field(Field::Body, None, &text, &ctx)));
    c.final_summary();
}
