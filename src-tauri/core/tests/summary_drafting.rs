//! Drafted summaries of articles written for these tests: 2–3 sentences, each exactly a
//! sentence of the body as the splitter found it, in the body's order, within the limit,
//! the same on every run; datelines, bylines, captions and fragments never taken.
mod common;

use newsdesk_core::model::Article;
use newsdesk_core::text::sentences::sentence_strs;
use newsdesk_core::text::summary::{draft_summary, draft_summary_of, Summary, SummaryOptions};

struct Story {
    headline: &'static str,
    paragraphs: &'static [&'static str],
    /// The first prose sentence (after the dateline).
    lead: &'static str,
    /// A sentence the splitter must find whole in the body (quotes, decimals, ellipses…).
    whole: &'static [&'static str],
    /// Never in a summary.
    not_prose: &'static [&'static str],
}

const STORIES: &[Story] = &[
    Story {
        headline: "서울 심야 버스 18개 노선으로 늘린다",
        paragraphs: &[
            "[서울=뉴스데스크] 서울시가 내년부터 심야 버스 노선을 12개에서 18개로 늘린다.",
            "시는 지난달 심야 버스 이용객이 1년 전보다 3.5% 늘었다고 4일 밝혔다. 강남과 홍대 일대의 이용이 특히 많았다.",
            "김민수 교통국장은 \"심야 버스는 시민의 발이다. 예산이 허락하는 한 노선을 계속 늘리겠다\"라고 말했다.",
            "한 운전기사는 \"글쎄… 밤새 운전하는 건 쉽지 않다\"며 웃었다. 시는 하반기에 기사 120명을 새로 뽑는다.",
            "▲ 서울 시내를 달리는 심야 버스.",
            "홍길동 기자 hong@example.com",
        ],
        lead: "서울시가 내년부터 심야 버스 노선을 12개에서 18개로 늘린다.",
        whole: &[
            "김민수 교통국장은 \"심야 버스는 시민의 발이다. 예산이 허락하는 한 노선을 계속 늘리겠다\"라고 말했다.",
            "시는 지난달 심야 버스 이용객이 1년 전보다 3.5% 늘었다고 4일 밝혔다.",
            "한 운전기사는 \"글쎄… 밤새 운전하는 건 쉽지 않다\"며 웃었다.",
            "서울시가 내년부터 심야 버스 노선을 12개에서 18개로 늘린다.",
        ],
        not_prose: &["[서울=뉴스데스크]", "▲ 서울 시내를 달리는 심야 버스.", "홍길동 기자 hong@example.com"],
    },
    Story {
        headline: "한은 기준금리 3.25%로 인하",
        paragraphs: &[
            "(세종=뉴스데스크) 이영희 기자 = 한국은행이 기준금리를 연 3.25%로 0.25%포인트 내렸다.",
            "금리 인하는 1년 2개월 만이다. 한은은 올해 성장률 전망도 2.1%에서 1.8%로 낮췄다.",
            "총재는 기자회견에서 \"물가는 안정됐다. 이제는 경기를 봐야 할 때다\"라고 말했다.",
            "시장에서는 추가 인하 가능성도 거론된다. 한 증권사 연구원은 \"연말까지 한 번 더… 내릴 수 있다\"고 내다봤다.",
            "가계 대출이 1.2배 늘어난 점은 부담이다.",
            "이영희 기자 lee@example.com",
        ],
        lead: "한국은행이 기준금리를 연 3.25%로 0.25%포인트 내렸다.",
        whole: &[
            "한국은행이 기준금리를 연 3.25%로 0.25%포인트 내렸다.",
            "총재는 기자회견에서 \"물가는 안정됐다. 이제는 경기를 봐야 할 때다\"라고 말했다.",
            "한은은 올해 성장률 전망도 2.1%에서 1.8%로 낮췄다.",
            "한 증권사 연구원은 \"연말까지 한 번 더… 내릴 수 있다\"고 내다봤다.",
        ],
        not_prose: &["(세종=뉴스데스크) 이영희 기자 =", "이영희 기자 lee@example.com"],
    },
    Story {
        headline: "부산 도서관, 밤 11시까지 '심야 열람실'",
        paragraphs: &[
            "[부산=뉴스데스크] 부산의 한 구립 도서관이 밤 11시까지 문을 여는 '심야 열람실'을 시범 운영한다.",
            "도서관은 다음 달 1일부터 석 달 동안 금요일과 토요일에 열람실을 연다. 이용자는 2.5배 늘 것으로 내다봤다.",
            "관장은 “시험 기간에는 자리가 모자란다. 밤에도 공부할 곳이 필요하다”고 말했다.",
            "운영 방식은 이렇다.",
            "1. 열람실은 예약 없이 누구나 쓸 수 있다.",
            "2. 음식물은 열람실에 들일 수 없다.",
            "한 대학생은 \"음… 집보다 조용해서 좋다\"라고 했다. 그는 매주 오겠다고 했다.",
            "박철수 기자 park@example.com",
        ],
        lead: "부산의 한 구립 도서관이 밤 11시까지 문을 여는 '심야 열람실'을 시범 운영한다.",
        whole: &[
            "관장은 “시험 기간에는 자리가 모자란다. 밤에도 공부할 곳이 필요하다”고 말했다.",
            "1. 열람실은 예약 없이 누구나 쓸 수 있다.",
            "한 대학생은 \"음… 집보다 조용해서 좋다\"라고 했다.",
            "이용자는 2.5배 늘 것으로 내다봤다.",
        ],
        not_prose: &["[부산=뉴스데스크]", "운영 방식은 이렇다.", "박철수 기자 park@example.com"],
    },
    Story {
        headline: "Night buses to run every 12 minutes",
        paragraphs: &[
            "Mr. J. K. Lee, the city's transport chief, said on Jan. 5 that night buses would run every 12 minutes.",
            "Ridership rose 3.5 per cent last year, the U.S. consultancy Acme Inc. found. Most riders were shift workers.",
            "\"We are not done yet,\" Dr. Park said. \"More routes will follow.\"",
            "Fares stay at 1.50 dollars... for now.",
            "Photo: A night bus leaves the central station.",
            "By Jane Doe, jane@example.com",
        ],
        lead: "Mr. J. K. Lee, the city's transport chief, said on Jan. 5 that night buses would run every 12 minutes.",
        whole: &[
            "Mr. J. K. Lee, the city's transport chief, said on Jan. 5 that night buses would run every 12 minutes.",
            "Ridership rose 3.5 per cent last year, the U.S. consultancy Acme Inc. found.",
            "Fares stay at 1.50 dollars... for now.",
            "\"We are not done yet,\" Dr. Park said.",
        ],
        not_prose: &["Photo: A night bus leaves the central station.", "By Jane Doe, jane@example.com"],
    },
    Story {
        headline: "Council approves 2.4 per cent budget rise",
        paragraphs: &[
            "The council approved a 2.4 per cent rise in its budget on Tuesday, Prof. Ann Smith said.",
            "She told reporters the money would go to schools, roads, parks, etc. The vote was nine to three.",
            "Critics, e.g. the local business group, said the rise was too steep... They asked for a review.",
            "The budget rise takes effect on Feb. 1, according to officials at No. 10 Council Street.",
            "See www.example.org/budget for the full plan.",
        ],
        lead: "The council approved a 2.4 per cent rise in its budget on Tuesday, Prof. Ann Smith said.",
        whole: &[
            "The council approved a 2.4 per cent rise in its budget on Tuesday, Prof. Ann Smith said.",
            "She told reporters the money would go to schools, roads, parks, etc.",
            "Critics, e.g. the local business group, said the rise was too steep...",
            "The budget rise takes effect on Feb. 1, according to officials at No. 10 Council Street.",
        ],
        not_prose: &["See www.example.org/budget for the full plan."],
    },
];

fn body(story: &Story) -> Vec<String> {
    story.paragraphs.iter().map(|p| p.to_string()).collect()
}

/// Every sentence of the body as the splitter finds it, paragraph by paragraph, in order.
fn body_sentences(story: &Story) -> Vec<&'static str> {
    story.paragraphs.iter().flat_map(|p| sentence_strs(p)).collect()
}

fn article(story: &Story) -> Article {
    common::article(story.headline, "", story.paragraphs, "")
}

/// The properties every drafted summary has.
fn check(story: &Story, s: &Summary, opts: SummaryOptions) {
    let all = body_sentences(story);
    assert!((2..=3).contains(&s.sentences.len()), "{}: {:?}", story.headline, s.sentences);
    assert!(s.sentences.len() <= opts.sentences);
    let mut last = None;
    for sentence in &s.sentences {
        let at = all.iter().position(|b| b == sentence).unwrap_or_else(|| panic!("not a body sentence: {sentence:?}"));
        assert!(last.is_none_or(|l| l < at), "{}: out of the body's order: {:?}", story.headline, s.sentences);
        last = Some(at);
        assert!(!story.not_prose.contains(&sentence.as_str()), "{}: took {sentence:?}", story.headline);
    }
    assert_eq!(s.text, s.sentences.join(" "));
    assert_eq!(s.chars, s.text.chars().count());
    assert!(s.chars <= opts.max_chars, "{}: {} > {}", story.headline, s.chars, opts.max_chars);
}

#[test]
fn the_splitter_finds_the_bodies_sentences_whole() {
    for story in STORIES {
        let all = body_sentences(story);
        for whole in story.whole {
            assert!(all.contains(whole), "{}: {whole:?} not found in {all:#?}", story.headline);
        }
    }
}

#[test]
fn summaries_of_paragraphs_and_of_articles() {
    let opts = SummaryOptions::default();
    for story in STORIES {
        for s in [draft_summary(&body(story), opts), draft_summary_of(&article(story), opts)] {
            check(story, &s, opts);
            // News leads carry the story: the first prose sentence is always taken.
            assert_eq!(s.sentences[0], story.lead, "{}", story.headline);
        }
    }
}

#[test]
fn the_same_on_every_run() {
    let opts = SummaryOptions::default();
    for story in STORIES {
        let runs: Vec<String> = (0..2)
            .flat_map(|_| [draft_summary(&body(story), opts), draft_summary_of(&article(story), opts)])
            .map(|s| serde_json::to_string(&s).unwrap())
            .collect();
        assert_eq!(runs[0], runs[2]);
        assert_eq!(runs[1], runs[3]);
    }
}

#[test]
fn fewer_sentences_when_asked() {
    for story in STORIES {
        let opts = SummaryOptions { sentences: 2, ..SummaryOptions::default() };
        let s = draft_summary(&body(story), opts);
        check(story, &s, opts);
        assert_eq!(s.sentences.len(), 2);
        let one = draft_summary(&body(story), SummaryOptions { sentences: 1, ..opts });
        assert_eq!(one.sentences, [story.lead]);
    }
}

#[test]
fn a_tighter_limit_drops_sentences() {
    for story in STORIES {
        let lead = story.lead.chars().count();
        let opts = SummaryOptions { sentences: 3, max_chars: lead + 20 };
        let s = draft_summary(&body(story), opts);
        assert!(s.chars <= opts.max_chars);
        assert_eq!(s.sentences[0], story.lead);
        let all = body_sentences(story);
        assert!(s.sentences.iter().all(|x| all.contains(&x.as_str())));
    }
}

#[test]
fn a_lead_longer_than_the_limit_is_cut_at_a_word() {
    for story in STORIES {
        let opts = SummaryOptions { sentences: 3, max_chars: 30 };
        let s = draft_summary(&body(story), opts);
        assert_eq!(s.sentences.len(), 1);
        assert!(s.chars <= 30 && s.chars > 10, "{:?}", s.text);
        let cut = s.text.strip_suffix('…').expect("ends with an ellipsis");
        assert!(story.lead.starts_with(cut), "{cut:?}");
        // At a word boundary: what follows the cut in the sentence is white space (or the
        // comma the cut dropped).
        assert!(story.lead[cut.len()..].starts_with([' ', ',']), "{cut:?}");
    }
}

#[test]
fn json_shape() {
    let story = &STORIES[0];
    let s = draft_summary(&body(story), SummaryOptions::default());
    let v: serde_json::Value = serde_json::to_value(&s).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["chars", "sentences", "text"]);
    assert_eq!(v["chars"], s.text.chars().count());
    assert_eq!(v["sentences"].as_array().unwrap().len(), s.sentences.len());
}

#[test]
fn nothing_to_summarise() {
    let opts = SummaryOptions::default();
    let fragments = vec!["[서울=뉴스데스크]".to_string(), "홍길동 기자 hong@example.com".into(), "짧다.".into()];
    assert_eq!(draft_summary(&fragments, opts), Summary::default());
    assert_eq!(draft_summary(&[], opts), Summary::default());
}
