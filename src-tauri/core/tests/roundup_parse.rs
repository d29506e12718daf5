//! Import of an edition written as plain text (`roundup::parse_edition`): every part of a
//! full edition, and editions with missing pieces where nothing may be lost.
use newsdesk_core::roundup::{has_brief_markers, parse_edition, Brief, RoundupFields, BRIEF_MARKERS};
use newsdesk_core::text::plain::doc_paragraphs;

/// A full edition in our own words: title, three lead paragraphs, transition, four briefs
/// (one with two summary paragraphs, one with a link), sign-off.
const FULL: &str = "\
주말 브리핑: 강변 도시의 여름

올여름 강변 도시는 기록적인 열대야를 겪었다. 시청은 밤마다 쉼터를 열었고, 주민들은 강가로 나와 더위를 식혔다.

쉼터를 찾은 사람은 지난해의 두 배였다. 자원봉사자들은 얼음물과 부채를 나눠 주며 밤을 새웠다.
이들은 \"내년에는 더 일찍 준비하겠다\"고 말했다.

더위는 다음 주에도 이어질 전망이다. 시청은 쉼터 운영을 8월 말까지 늘리기로 했다.

이어 주말 주요 뉴스입니다.

■ \"야시장, 자정까지 문 연다\"
강변 야시장 상인회가 주말 영업시간을 자정까지 늘리기로 했다. 구청은 가로등을 더 켜기로 했다.

■ 섬 여객선, 태풍 예보에도 시간표 유지
여객선 회사는 태풍이 오기 전까지 모든 항차를 운항한다고 밝혔다.

승객들은 출항 전에 운항 여부를 다시 확인해야 한다.
https://news.outlet.example/ferry

■ 'Library opens a reading room at night'
The city library will keep one reading room open until 11 p.m. on weekends. Volunteers run the desk.

■ 시립미술관, 어린이 무료 관람
시립미술관은 방학 동안 초등학생 관람료를 받지 않는다.

OUTLET news@outlet.example
";

/// The text of every recognised part, in order.
fn parts(f: &RoundupFields) -> String {
    let mut out = vec![f.lead.headline.clone()];
    out.extend(doc_paragraphs(&f.lead.body));
    out.push(f.transition.clone());
    for b in &f.items {
        out.extend([b.headline.clone(), b.summary.clone(), b.link.clone().unwrap_or_default()]);
    }
    out.extend([f.signoff.outlet.clone(), f.signoff.email.clone()]);
    out.concat()
}

/// `text` without white space, without the brief marker that opens a line, and without any
/// `■` (the one character an edition never keeps).
fn squeeze_input(text: &str) -> String {
    text.lines()
        .map(|l| l.trim_start().trim_start_matches(|c| BRIEF_MARKERS.contains(&c) && c != '-' && c != '*'))
        .collect::<String>()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '■')
        .collect()
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Nothing of the input is lost, and no ■ remains anywhere.
fn assert_nothing_lost(text: &str, f: &RoundupFields) {
    assert_eq!(squeeze(&parts(f)), squeeze_input(text), "{f:#?}");
    let json = serde_json::to_string(f).unwrap();
    assert!(!json.contains('■'), "{json}");
}

#[test]
fn a_full_edition_has_every_part_recognised() {
    let f = parse_edition(FULL);
    assert_eq!(f.title, "주말 브리핑: 강변 도시의 여름");
    assert_eq!(f.lead.headline, f.title);
    assert_eq!(f.lead.article_id, None);
    let lead = doc_paragraphs(&f.lead.body);
    assert_eq!(lead.len(), 3, "{lead:#?}");
    assert!(lead[0].starts_with("올여름 강변 도시는"));
    assert!(lead[1].contains("밤을 새웠다.") && lead[1].contains("준비하겠다\""), "{}", lead[1]);
    assert!(lead[2].ends_with("늘리기로 했다."));
    assert_eq!(f.transition, "이어 주말 주요 뉴스입니다.");

    let headlines: Vec<&str> = f.items.iter().map(|b| b.headline.as_str()).collect();
    assert_eq!(
        headlines,
        [
            "\"야시장, 자정까지 문 연다\"",
            "섬 여객선, 태풍 예보에도 시간표 유지",
            "'Library opens a reading room at night'",
            "시립미술관, 어린이 무료 관람",
        ]
    );
    assert_eq!(
        f.items[0],
        Brief {
            article_id: None,
            headline: headlines[0].into(),
            summary: "강변 야시장 상인회가 주말 영업시간을 자정까지 늘리기로 했다. 구청은 가로등을 더 켜기로 했다.".into(),
            link: None, drafted: false,
        }
    );
    assert_eq!(
        f.items[1].summary,
        "여객선 회사는 태풍이 오기 전까지 모든 항차를 운항한다고 밝혔다.\n\n승객들은 출항 전에 운항 여부를 다시 확인해야 한다."
    );
    assert_eq!(f.items[1].link.as_deref(), Some("https://news.outlet.example/ferry"));
    assert!(f.items[2].summary.starts_with("The city library") && f.items[2].summary.ends_with("run the desk."));
    assert_eq!(f.items[3].summary, "시립미술관은 방학 동안 초등학생 관람료를 받지 않는다.");
    assert_eq!((f.signoff.outlet.as_str(), f.signoff.email.as_str()), ("OUTLET", "news@outlet.example"));
    assert_nothing_lost(FULL, &f);
}

#[test]
fn other_markers_and_windows_line_ends_work_too() {
    let text = "Weekend notes\r\n\r\nThe council met twice this week and agreed on little.\r\n\r\nNow, the weekend's main news.\r\n\r\n▲ Bridge repairs start Monday\r\nOne lane stays open.\r\n◆ \"Market moves indoors\"\r\nRain is forecast.\r\n● School buses change routes\r\nThree stops move.\r\nTHE RIVER DAILY desk@river.example\r\n";
    let f = parse_edition(text);
    assert_eq!(f.title, "Weekend notes");
    assert_eq!(f.transition, "Now, the weekend's main news.");
    assert_eq!(f.items.len(), 3);
    assert_eq!(f.items[1].headline, "\"Market moves indoors\"");
    assert_eq!(f.items[2].summary, "Three stops move.");
    assert_eq!(f.signoff.outlet, "THE RIVER DAILY");
    assert_nothing_lost(text, &f);
}

#[test]
fn dashes_are_briefs_only_without_strong_markers() {
    let dashes = "이번 주 소식을 모았습니다.\n\n- 첫 소식\n요약 하나.\n* 둘째 소식\n요약 둘.";
    let f = parse_edition(dashes);
    assert_eq!(f.items.len(), 2);
    assert_eq!(f.items[1].headline, "둘째 소식");
    assert!(!has_brief_markers(dashes), "- and * alone do not make an edition");

    let mixed = "리드 문단입니다. 목록이 있습니다.\n- 목록 항목\n\n■ 진짜 브리핑\n요약입니다.\n- 요약 안의 항목";
    let f = parse_edition(mixed);
    assert!(has_brief_markers(mixed));
    assert_eq!(f.items.len(), 1);
    assert!(f.items[0].summary.contains("- 요약 안의 항목"));
    assert!(doc_paragraphs(&f.lead.body).concat().contains("- 목록 항목"));
    assert_nothing_lost(mixed, &f);
}

#[test]
fn missing_pieces_lose_nothing() {
    let cases = [
        // No transition line: the lead's last paragraph is long, so it stays in the lead.
        "주말 브리핑\n\n첫 문단은 길게 씁니다. 시청 앞 광장에서 열린 행사에는 많은 사람이 모였고 비가 와도 자리를 지켰다.\n\n■ \"첫 브리핑\"\n요약 하나.\n\n■ 둘째 브리핑\n요약 둘.\n\nOUTLET news@outlet.example",
        // No sign-off: the last line is an ordinary sentence and stays in the last summary.
        "리드 문단입니다.\n\n이어 주말 주요 뉴스입니다.\n\n■ 첫 브리핑\n요약 하나.\n\n■ 둘째 브리핑\n요약 둘. 끝.",
        // A brief with no summary, between two with one.
        "리드.\n\n■ 하나\n요약.\n■ 제목만 있는 브리핑\n■ 셋\n요약 셋.\nOUTLET news@outlet.example",
        // Unmarked trailing text after the briefs and no sign-off.
        "Lead paragraph about the week.\n\n■ One\nSummary one.\n\nSome closing words nobody marked.\n\nAnd a last line, still unmarked",
        // Only briefs, no lead, no transition.
        "■ 하나\n요약 하나.\n■ 둘\n요약 둘.",
        // No briefs at all: everything is lead.
        "그냥 기사 한 편입니다.\n\n두 번째 문단도 있습니다.\n\nOUTLET news@outlet.example",
        // A lone marker, a marker in the middle of a line, blank-only lines.
        "리드 ■ 문단.\n\n■\n표시만 있는 줄 다음의 글.\n   \n■ ■ 겹친 표시\n요약.",
    ];
    for text in cases {
        let f = parse_edition(text);
        assert_nothing_lost(text, &f);
    }
    let f = parse_edition(cases[0]);
    assert_eq!(f.transition, "");
    assert_eq!(doc_paragraphs(&f.lead.body).len(), 1);
    let f = parse_edition(cases[1]);
    assert_eq!(f.signoff.email, "");
    assert_eq!(f.items[1].summary, "요약 둘. 끝.");
    let f = parse_edition(cases[2]);
    assert_eq!(f.items.len(), 3);
    assert_eq!((f.items[1].headline.as_str(), f.items[1].summary.as_str()), ("제목만 있는 브리핑", ""));
    assert_eq!(f.signoff.outlet, "OUTLET");
    let f = parse_edition(cases[3]);
    assert!(f.items[0].summary.contains("Some closing words") && f.items[0].summary.ends_with("still unmarked"));
    let f = parse_edition(cases[5]);
    assert!(f.items.is_empty() && f.transition.is_empty());
    assert_eq!(f.signoff.outlet, "OUTLET");
}

#[test]
fn any_input_parses_without_panic() {
    let mut seed = 7u64;
    let alphabet: Vec<char> = "■▲◆●-* \n\r\t가나다abc.@\"'ﾠ\u{0}\u{FEFF}http://x.y/".chars().collect();
    for _ in 0..2000 {
        let len = (seed % 60) as usize;
        let text: String = (0..len)
            .map(|_| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                alphabet[(seed >> 33) as usize % alphabet.len()]
            })
            .collect();
        let f = parse_edition(&text);
        assert!(!serde_json::to_string(&f).unwrap().contains('■'), "{text:?}");
    }
}
