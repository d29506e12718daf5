//! The style engine as a desk uses it: planted mistakes found exactly, clean copy left
//! alone, fixes, the ignore list, an outlet's book and its refusals, the pre-flight.
mod common;

use common::article;
use newsdesk_core::roundup::{Brief, RoundupFields, Signoff};
use newsdesk_core::style::*;

fn ctx() -> StyleContext {
    StyleContext { headline_max_chars: Some(30), language: None }
}

fn found(fs: &[Finding]) -> Vec<(String, Field, usize, usize, String)> {
    fs.iter().map(|f| (f.rule.clone(), f.field, f.start, f.end, f.text.clone())).collect()
}

/// (rule, field, text) planted, located by the first search from `from` chars.
fn plant(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let byte = text.match_indices(needle).nth(nth).expect("planted").0;
    let s = text[..byte].chars().count();
    (s, s + needle.chars().count())
}

#[test]
fn planted_korean_mistakes_are_found_exactly() {
    let p1 = "하였다고 시는 밝혔다. 구청은 예산을 편성하였으며 의회는 승인하였고 주민은 환영하였던 사업이다";
    let p2 = "하오 3시경 현장에 3,000 원 메세지 컨텐츠가 붙었다.  상오 9시 회의는 2 일본 대표와 열렸다";
    let p3 = "정부는 정부는 리더쉽을 강조하였다 하지만 악세사리 값은 5 명이 냈다 그래서...";
    let a = article("시장 하였다 컨셉트 발표 그리고 더 긴 제목을 달아 한도를 넘김", "", &[p1, p2, p3], "ko");
    let body = [p1, p2, p3].join("\n");
    let h = &a.headline;
    let mut want = vec![
        ("ko.hayeotda", Field::Headline, plant(h, "하였다", 0), "하였다"),
        ("ko.loanword", Field::Headline, plant(h, "컨셉트", 0), "컨셉트"),
    ];
    let hl = h.chars().count();
    want.push(("headline.length", Field::Headline, (30, hl), ""));
    for (rule, needle, nth) in [
        ("ko.hayeotda", "하였다고", 0),
        ("ko.hayeotda", "하였으며", 0),
        ("ko.hayeotda", "하였고", 0),
        ("ko.hayeotda", "하였던", 0),
        ("ko.ampm", "하오", 0),
        ("ko.time_approx", "3시경", 0),
        ("ko.unit_space", "3,000 원", 0),
        ("ko.loanword", "메세지", 0),
        ("ko.loanword", "컨텐츠", 0),
        ("space.double", "  ", 0),
        ("ko.ampm", "상오", 0),
        ("word.repeated", "정부는 정부는", 0),
        ("ko.loanword", "리더쉽", 0),
        ("ko.hayeotda", "하였다", 1),
        ("ko.loanword", "악세사리", 0),
        ("ko.unit_space", "5 명", 0),
        ("punct.ellipsis", "...", 0),
    ] {
        want.push((rule, Field::Body, plant(&body, needle, nth), needle));
    }
    let mut got = found(&CompiledBook::default_book().check_article(&a, &ctx(), &[]));
    let mut want: Vec<_> = want.into_iter().map(|(r, f, (s, e), t)| (r.to_string(), f, s, e, t.to_string())).collect();
    // The headline-length finding's text is the overflow.
    want[2].4 = h.chars().skip(30).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn planted_mistakes_in_an_edition_carry_field_and_brief() {
    let e = RoundupFields {
        title: "주말 소식".into(),
        transition: "이번 주  소식입니다.".into(),
        items: vec![
            Brief { headline: "새 컨텐츠 공개".into(), summary: "시는 계획을 발표하였다. 다음 주 시행한다.".into(), ..Default::default() },
            Brief { headline: "Rents rose 4 per cent".into(), summary: "Two parks opened.".into(), ..Default::default() },
        ],
        signoff: Signoff { outlet: "한빛일보".into(), email: String::new() },
        ..Default::default()
    };
    let got = found(&CompiledBook::default_book().check_roundup(&e, &StyleContext::default(), &[]));
    assert_eq!(
        got,
        vec![
            ("space.double".to_string(), Field::Transition, 4, 6, "  ".to_string()),
            ("ko.loanword".to_string(), Field::BriefHeadline, 2, 5, "컨텐츠".to_string()),
            ("ko.hayeotda".to_string(), Field::BriefSummary, 9, 12, "하였다".to_string()),
        ]
    );
    let f = CompiledBook::default_book().check_roundup(&e, &StyleContext::default(), &[]);
    assert_eq!(f[1].brief, Some(0));
    // English rules run on an English text: the brief checked alone.
    let en = CompiledBook::default_book().check_field(Field::BriefHeadline, Some(1), "Rents rose 4 per cent", &StyleContext::default());
    assert_eq!(found(&en), vec![("en.per_cent".to_string(), Field::BriefHeadline, 13, 21, "per cent".to_string())]);
}

#[test]
fn planted_english_mistakes_are_found_exactly() {
    let t = "The the council hired 3 inspectors.  Rents rose 4 per cent, it rained alot, send an e-mail...\n7 boats came; she is aged 7 and 5 percent left at 4 p.m. on May 3.";
    let a = article("Council", "", &[t], "en");
    let mut got = found(&CompiledBook::default_book().check_article(&a, &ctx(), &[]));
    got.sort();
    let mut want: Vec<_> = [
        ("word.repeated", "The the", 0),
        ("en.small_numbers", "3", 0),
        ("space.double", "  ", 0),
        ("en.per_cent", "per cent", 0),
        ("en.alot", "alot", 0),
        ("en.email", "e-mail", 0),
        ("punct.ellipsis", "...", 0),
        ("en.small_numbers", "7", 0),
    ]
    .into_iter()
    .map(|(r, n, i)| {
        let (s, e) = plant(t, n, i);
        (r.to_string(), Field::Body, s, e, n.to_string())
    })
    .collect();
    want.sort();
    assert_eq!(got, want);
}

const CLEAN_KO: &[&str] = &[
    "시는 3일 오전 10시 새 버스 노선을 발표했다.",
    "구청은 올해 예산 1,200억원을 편성했으며 의회는 이를 승인했다.",
    "주민 300명이 설명회에 참석했고 대부분 계획에 찬성했다.",
    "오후 3시께 시작된 회의는 두 시간 동안 이어졌다.",
    "도서관은 새 콘텐츠를 선보이며 청소년 독서 모임을 늘렸다.",
    "시장은 메시지를 통해 시민의 협조를 당부했다.",
    "G20 일본 대표단은 2일 서울에 도착했다.",
    "행사장에는 액세서리와 케이크를 파는 가게 20곳이 문을 열었다.",
    "물가는 지난달보다 3.1% 올랐다고 통계청은 밝혔다.",
    "이 사업에는 5년간 모두 80억원이 들어간다.",
    "소방서는 화재 원인을 조사하고 있다고 전했다.",
    "버스 요금은 1,500원으로 동결됐다.",
    "올해 축제에는 관광객 12만명이 찾았다.",
    "학교 두 곳이 새 학기부터 급식 시간을 늘린다.",
    "위원회는 리더십 교육을 다음 달 시작하기로 했다.",
    "농민들은 쌀값 하락에 대한 대책을 요구했다.",
    "기상청은 주말 동안 비가 내릴 것으로 내다봤다.",
    "시민 10명 중 7명은 새 노선에 만족한다고 답했다.",
    "공사는 다음 달 15일 끝날 예정이다.",
    "연구진은 인공지능으로 교통 흐름을 분석했다.",
    "상인회는 야시장 운영 시간을 밤 11시까지 늘렸다.",
    "경찰은 사고 현장 주변 도로를 통제했다.",
    "이번 조사에는 기업 240곳이 참여했다.",
    "올림픽 대표 선수 15명이 귀국했다.",
    "전세 가격은 두 달째 내림세를 이어갔다.",
    "시는 플랫폼 노동자를 위한 쉼터 3곳을 연다.",
    "작가는 새 소설에서 항구 도시의 겨울을 그렸다.",
    "공연은 오후 7시 30분에 시작한다.",
    "주민센터는 어르신 대상 디지털 교육을 열었다.",
    "입장료는 어른 5,000원, 어린이 2,000원이다.",
    "시험 성적은 다음 주 월요일 발표된다.",
    "다리 보수 공사로 차로 두 개가 막혔다.",
    "구청장은 예산의 절반을 복지에 쓰겠다고 말했다.",
    "하천 정비 사업은 2년 뒤 마무리된다.",
    "의회는 조례 개정안을 찬성 18표로 통과시켰다.",
    "사흘 동안 열린 박람회에는 4만명이 다녀갔다.",
    "병원은 응급실 의사를 2배로 늘리기로 했다.",
    "시는 열대야에 대비해 무더위 쉼터를 운영한다.",
];

const CLEAN_EN: &[&str] = &[
    "The council approved the budget on May 3 after a long debate.",
    "Three inspectors visited the harbor, and rents rose 4 percent.",
    "She is 7 years old and won the chess prize at 4 p.m. on Friday.",
    "The ferry carried 120 passengers and two cars.",
    "Residents sent an email to the mayor about the bridge.",
];

#[test]
fn a_clean_corpus_has_no_findings() {
    let book = CompiledBook::default_book();
    let ko = article("시, 새 버스 노선 발표", "시는 새 노선을 발표했다. 다음 달 시행한다.", CLEAN_KO, "ko");
    assert_eq!(found(&book.check_article(&ko, &ctx(), &[])), vec![]);
    let en = article("Council approves budget", "The council met. It voted.", CLEAN_EN, "en");
    assert_eq!(found(&book.check_article(&en, &ctx(), &[])), vec![]);
    assert!(CLEAN_KO.len() + CLEAN_EN.len() >= 40);
}

#[test]
fn offsets_are_characters_and_fixes_apply() {
    let book = CompiledBook::default_book();
    let text = "가나다 메세지와 메세지를 발표하였다";
    let fs = book.check_field(Field::Body, None, text, &StyleContext::default());
    assert_eq!(found(&fs)[0], ("ko.loanword".to_string(), Field::Body, 4, 7, "메세지".to_string()));
    assert_eq!(apply_fix(text, &fs[0], 0).unwrap(), "가나다 메시지와 메세지를 발표하였다");
    assert_eq!(fix_all(text, Field::Body, None, &fs, "ko.loanword"), "가나다 메시지와 메시지를 발표하였다");
    let h = fs.iter().find(|f| f.rule == "ko.hayeotda").unwrap();
    assert_eq!(apply_fix(text, h, 0).unwrap(), "가나다 메세지와 메세지를 발표했다");
    // A stale finding (the text changed) is not applied.
    assert_eq!(apply_fix("바뀐 글", &fs[0], 0), None);
    // Ignored here: that rule, field and text only.
    let ignored = [Ignored::of(&fs[0])];
    let a = article("제목", "", &[text], "ko");
    let left = book.check_article(&a, &StyleContext::default(), &ignored);
    assert!(left.iter().all(|f| f.rule != "ko.loanword"));
    assert!(left.iter().any(|f| f.rule == "ko.hayeotda"));
}

#[test]
fn an_outlet_book_round_trips_and_overrides() {
    let src = r#"
name = "한빛일보"

[[override]]
rule = "punct.ellipsis"
enabled = false

[[override]]
rule = "ko.time_approx"
severity = "error"

[[rule]]
id = "hanbit.gu"
pattern = '([가-힣]+)구청장님'
suggest = ["${1}구청장"]
severity = "warning"
message_ko = "직함에 '님'을 붙이지 않습니다."
message_en = "No honorific after a title."
"#;
    let book = StyleBook::from_toml(src).unwrap();
    assert_eq!(StyleBook::from_toml(&book.to_toml()).unwrap(), book);
    assert_eq!(StyleBook::from_toml(&StyleBook::default_book().to_toml()).unwrap(), *StyleBook::default_book());
    let compiled = CompiledBook::new(&book).unwrap();
    let fs = compiled.check_field(Field::Body, None, "중구청장님은 3시경 말했다...", &StyleContext::default());
    let rules: Vec<_> = fs.iter().map(|f| (f.rule.as_str(), f.severity)).collect();
    assert_eq!(rules, vec![("hanbit.gu", Severity::Warning), ("ko.time_approx", Severity::Error)]);
    assert_eq!(fs[0].suggestions, vec!["중구청장".to_string()]);
}

#[test]
fn broken_books_are_refused_with_the_line_and_the_book_in_use_stays() {
    let in_use = CompiledBook::default_book();
    let err = StyleBook::from_toml("name = \"x\"\n\n[[rule]\nid = 1\n").unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    let bad = "name = \"x\"\n\n[[rule]]\nid = \"bad\"\npattern = '(하였'\nseverity = \"error\"\nmessage_ko = \"a\"\nmessage_en = \"b\"\n";
    let err = StyleBook::from_toml(bad).unwrap_err();
    assert_eq!(err.line, Some(5), "{err}");
    assert!(err.to_string().contains("does not compile"), "{err}");
    let unknown = "[[override]]\nrule = \"nope\"\nenabled = false\n";
    assert_eq!(StyleBook::from_toml(unknown).unwrap_err().line, Some(2));
    let fs = in_use.check_field(Field::Body, None, "발표하였다", &StyleContext::default());
    assert_eq!(fs.len(), 1);
}

#[test]
fn preflight_of_an_article_and_an_edition() {
    let book = CompiledBook::default_book();
    let policy = PreflightPolicy::default();
    let mut a = article("", "한 문장뿐이다.", &["발표하였다."], "ko");
    a.byline.name.clear();
    a.body.content.push(newsdesk_core::model::Block::Image {
        attrs: newsdesk_core::model::doc::ImageAttrs { asset: "0".repeat(64), alt: String::new(), caption: "사진".into(), credit: "김기자".into() },
    });
    let p = preflight_article(&a, &policy, book, &[]);
    let failed: Vec<_> = p.failures().map(|i| i.id.as_str()).collect();
    assert_eq!(failed, vec!["headline", "byline", "summary_sentences", "style_errors", "image_alt"]);
    assert!(p.blocked());
    let e = RoundupFields {
        title: "주말 소식".into(),
        items: vec![Brief { headline: "제목".into(), summary: String::new(), link: Some("http://example.invalid/a".into()), ..Default::default() }],
        ..Default::default()
    };
    let p = preflight_roundup(&e, &policy, book, &[]);
    let failed: Vec<_> = p.failures().map(|i| (i.id.as_str(), i.brief)).collect();
    assert_eq!(failed, vec![("link_https", Some(0)), ("brief_summary", Some(0)), ("signoff", None)]);
    assert!(!p.blocked());
}

/// Every loanword of the default book, planted once each in a sentence of its own (and
/// twice in the last one, next to other rules), is found with its official form, and
/// the official forms themselves are left alone.
#[test]
fn every_loanword_of_the_default_book_is_found_with_its_official_form() {
    let book: toml::Value = toml::from_str(DEFAULT_BOOK_TOML).unwrap();
    let rule = book["rule"].as_array().unwrap().iter().find(|r| r["id"].as_str() == Some("ko.loanword")).unwrap();
    let words: Vec<(String, String)> = rule["words"].as_table().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())).collect();
    assert!(words.len() >= 40, "at least 40 loanwords: {}", words.len());
    let c = CompiledBook::default_book();
    for (wrong, right) in &words {
        let text = format!("행사장 한쪽에 {wrong} 코너가 생겼다고 한다.");
        let got = c.check_field(Field::Body, None, &text, &StyleContext::default());
        let (s, e) = plant(&text, wrong, 0);
        assert_eq!(found(&got), vec![("ko.loanword".to_string(), Field::Body, s, e, wrong.clone())], "{text}");
        assert_eq!(got[0].suggestions, vec![right.clone()], "{wrong}");
        let fixed = format!("행사장 한쪽에 {right} 코너가 생겼다고 한다.");
        assert!(c.check_field(Field::Body, None, &fixed, &StyleContext::default()).is_empty(), "{fixed}");
    }
}

/// The rules the corpora above plant once or not at all, planted several times: at the
/// start and the end of a paragraph, next to each other, in a headline and in a brief.
#[test]
fn the_rules_planted_once_above_are_found_again_wherever_they_stand() {
    let p1 = "오전 9시경 물가는 3.1 % 올랐다. 실업률은 4 %였다";
    let p2 = "상오 10시경  회의가 열렸고 참석자는 5 %에 그쳤다 그래서…";
    let a = article("시 발표... 물가 3.1 % 올라", "", &[p1, p2], "ko");
    let body = [p1, p2].join("\n");
    let mut got = found(&CompiledBook::default_book().check_article(&a, &StyleContext::default(), &[]));
    let mut want: Vec<(String, Field, usize, usize, String)> = [
        ("ko.time_approx", "9시경", 0),
        ("unit.percent_space", "3.1 %", 0),
        ("unit.percent_space", "4 %", 0),
        ("ko.ampm", "상오", 0),
        ("ko.time_approx", "10시경", 0),
        ("space.double", "  ", 0),
        ("unit.percent_space", "5 %", 0),
    ]
    .into_iter()
    .map(|(r, n, i)| {
        let (s, e) = plant(&body, n, i);
        (r.to_string(), Field::Body, s, e, n.to_string())
    })
    .collect();
    for (r, n) in [("punct.ellipsis", "..."), ("unit.percent_space", "3.1 %")] {
        let (s, e) = plant(&a.headline, n, 0);
        want.push((r.to_string(), Field::Headline, s, e, n.to_string()));
    }
    got.sort();
    want.sort();
    assert_eq!(got, want);

    // A brief's headline over the desk's limit, and English rules twice in a brief.
    let e = RoundupFields {
        title: "주말".into(),
        items: vec![Brief { headline: "가".repeat(35), summary: "그는 마을 회관에서 회의를 열었다.".into(), ..Default::default() }],
        ..Default::default()
    };
    let long = found(&CompiledBook::default_book().check_roundup(&e, &ctx(), &[]));
    assert_eq!(long, vec![("headline.length".to_string(), Field::BriefHeadline, 30, 35, "가".repeat(5))]);
    let en = CompiledBook::default_book().check_field(Field::BriefSummary, Some(0), "It cost alot. Send an e-mail, then alot more by e-mail.", &StyleContext::default());
    let rules: Vec<&str> = en.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["en.alot", "en.email", "en.alot", "en.email"]);
}

/// One planted piece of `fixtures/style/planted.txt`: what the default book must find.
type Plant = (String, Field, Option<usize>, usize, usize, String);

/// A field's text with its plant marks stripped, and the plants it holds.
fn unmark(field: Field, brief: Option<usize>, marked: &str, plants: &mut Vec<Plant>) -> String {
    let mut out = String::new();
    let mut rest = marked;
    while let Some(open) = rest.find('⟦') {
        out.push_str(&rest[..open]);
        let inner = &rest[open + '⟦'.len_utf8()..];
        let close = inner.find('⟧').expect("a plant is closed");
        let (rule, text) = inner[..close].split_once('|').expect("⟦rule|text⟧");
        let start = out.chars().count();
        out.push_str(text);
        plants.push((rule.to_string(), field, brief, start, out.chars().count(), text.to_string()));
        rest = &inner[close + '⟧'.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The pieces of the planted corpus, each with the findings it must give.
enum Piece {
    Article(newsdesk_core::model::Article),
    Edition(RoundupFields),
}

fn planted_corpus() -> Vec<(Piece, Vec<Plant>)> {
    let src = include_str!("fixtures/style/planted.txt");
    let mut pieces = Vec::new();
    for section in src.split("\n[").skip(1) {
        let (head, lines) = section.split_once("]\n").expect("a section head");
        let mut plants = Vec::new();
        let mut paragraphs: Vec<String> = Vec::new();
        let mut in_paragraphs = false;
        let mut article = article("", "", &[], head.strip_prefix("article ").unwrap_or(""));
        let mut edition = RoundupFields::default();
        // The body's (or the lead's) offsets run over its paragraphs joined by `\n`.
        let mut body_marked: Vec<&str> = Vec::new();
        for line in lines.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if line == "body" || line == "lead" {
                in_paragraphs = true;
                continue;
            }
            match line.split_once(" = ") {
                Some((key, value)) if !(in_paragraphs && !matches!(key, "transition" | "brief")) => {
                    in_paragraphs = false;
                    match key {
                        "headline" => article.headline = unmark(Field::Headline, None, value, &mut plants),
                        "deck" => article.deck = unmark(Field::Deck, None, value, &mut plants),
                        "summary" => article.summary = unmark(Field::Summary, None, value, &mut plants),
                        "title" => edition.title = unmark(Field::Headline, None, value, &mut plants),
                        "lead_headline" => edition.lead.headline = unmark(Field::LeadHeadline, None, value, &mut plants),
                        "transition" => edition.transition = unmark(Field::Transition, None, value, &mut plants),
                        "brief" => {
                            let i = Some(edition.items.len());
                            let (h, s) = value.split_once(" || ").expect("HEADLINE || SUMMARY");
                            edition.items.push(Brief {
                                headline: unmark(Field::BriefHeadline, i, h, &mut plants),
                                summary: unmark(Field::BriefSummary, i, s, &mut plants),
                                ..Default::default()
                            });
                        }
                        other => panic!("unknown key {other}"),
                    }
                }
                _ => body_marked.push(line),
            }
        }
        let body = unmark(Field::Body, None, &body_marked.join("\n"), &mut plants);
        paragraphs.extend(body.split('\n').filter(|p| !p.is_empty()).map(str::to_string));
        let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
        let doc = newsdesk_core::model::Doc::from_paragraphs(&refs);
        if head.starts_with("article") {
            article.body = doc;
            pieces.push((Piece::Article(article), plants));
        } else {
            edition.lead.body = doc;
            pieces.push((Piece::Edition(edition), plants));
        }
    }
    pieces
}

/// The done-when of the house style: one corpus plants every default rule several times
/// (conjugations, side by side, at a paragraph's start and end, in headlines and briefs)
/// and the findings are exactly the plants.
#[test]
fn the_planted_corpus_gives_exactly_its_plants() {
    let book = CompiledBook::default_book();
    let mut per_rule = std::collections::BTreeMap::<String, usize>::new();
    for (piece, plants) in planted_corpus() {
        let findings = match &piece {
            Piece::Article(a) => book.check_article(a, &ctx(), &[]),
            Piece::Edition(e) => book.check_roundup(e, &ctx(), &[]),
        };
        let mut got: Vec<Plant> = findings.iter().map(|f| (f.rule.clone(), f.field, f.brief, f.start, f.end, f.text.clone())).collect();
        let mut want = plants.clone();
        got.sort();
        want.sort();
        let missed: Vec<_> = want.iter().filter(|p| !got.contains(p)).collect();
        let extra: Vec<_> = got.iter().filter(|p| !want.contains(p)).collect();
        assert!(missed.is_empty() && extra.is_empty(), "missed {missed:#?}\nextra {extra:#?}");
        for p in plants {
            *per_rule.entry(p.0).or_default() += 1;
        }
    }
    // Every rule of the default book is planted, and more than once.
    let book_toml: toml::Value = toml::from_str(DEFAULT_BOOK_TOML).unwrap();
    for rule in book_toml["rule"].as_array().unwrap() {
        let id = rule["id"].as_str().unwrap();
        assert!(per_rule.get(id).copied().unwrap_or(0) >= 3, "{id} is planted {:?} times", per_rule.get(id));
    }
    // Every unit the unit rule names, and every conjugation of 하였-.
    let units: String = "원명개건곳년월일시분세배".into();
    let corpus = include_str!("fixtures/style/planted.txt");
    for u in units.chars() {
        assert!(corpus.contains(&format!(" {u}⟧")), "unit {u} is planted");
    }
    for form in ["하였다⟧", "하였다고⟧", "하였으며⟧", "하였고⟧"] {
        assert!(corpus.contains(form), "{form}");
    }
}
