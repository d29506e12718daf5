//! A drafted summary: two or three sentences taken from an article's body, for the reporter
//! to edit (issue 14). No model, no learning: a lead bias and a simple content score.
//!
//! 1. **Candidates**: the body's sentences as `text/sentences.rs` finds them, paragraph by
//!    paragraph (images' captions left out, `plain::doc_text_paragraphs`), keeping prose only:
//!    a sentence end, at least [`MIN_CHARS`] characters, no e-mail address or URL (bylines,
//!    contact lines), no photo caption marks (`▲`, `사진=`, `Photo:` …). Datelines come out of
//!    the splitter as fragments of their own and have no sentence end.
//! 2. **Score**: `2 / (1 + 0.5 × position)` (position among the candidates: the lead scores 2,
//!    the third 1) `+ overlap` (the share of the headline's and deck's stems the sentence
//!    holds, or of the lead's when there is no headline) `+ 0.5 × frequency` (how often its
//!    stems recur in other sentences, 0–1). A stem is a lower-cased Latin word of 3+ letters,
//!    or the first two syllables of a Hangul word (which drops most particles); common words
//!    are left out. Ties go to the earlier sentence.
//! 3. **Pick**: in rank order, skipping any sentence that would take the text past
//!    `max_chars` (sentences joined by one space), until `sentences` are taken; then back in
//!    the body's order. The top-ranked sentence is always taken: when it alone is longer than
//!    `max_chars`, the summary is that sentence cut with `…` by [`shorten`] (at the last
//!    space when it is in the second half of the cut, else at a character), and nothing else.
//!
//! Deterministic: ordered maps and stable sorts only, no hashing.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::plain::doc_text_paragraphs;
use super::sentences::{has_sentence_end, is_hangul, sentences};
use super::shorten;
use crate::model::{Article, Settings};

/// Sentences shorter than this (in characters) are fragments, not summary material.
pub const MIN_CHARS: usize = 15;

/// How many sentences and how many characters at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SummaryOptions {
    /// At most this many sentences (at least one is taken).
    pub sentences: usize,
    /// The outlet's summary limit in characters (Unicode scalar values).
    pub max_chars: usize,
}

impl Default for SummaryOptions {
    /// Three sentences within the brief summary's default soft limit (`Settings`).
    fn default() -> Self {
        SummaryOptions::from_settings(&Settings::default())
    }
}

impl SummaryOptions {
    /// The outlet's soft limits of a brief's summary.
    pub fn from_settings(settings: &Settings) -> Self {
        SummaryOptions {
            sentences: (settings.brief_max_sentences as usize).max(1),
            max_chars: settings.brief_max_chars as usize,
        }
    }
}

/// A drafted summary. JSON: `{"sentences": [...], "text": "...", "chars": N}`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Summary {
    /// The sentences taken, in the body's order.
    pub sentences: Vec<String>,
    /// The sentences joined by one space.
    pub text: String,
    /// Unicode scalar values of `text`.
    pub chars: usize,
}

/// A summary of a body given as paragraphs (plain text), scored against its own lead.
pub fn draft_summary(body_paragraphs: &[String], opts: SummaryOptions) -> Summary {
    draft(body_paragraphs, "", opts)
}

/// A summary of an article's body (its running text, without captions), scored against
/// its headline and deck.
pub fn draft_summary_of(article: &Article, opts: SummaryOptions) -> Summary {
    let reference = format!("{}\n{}", article.headline, article.deck);
    draft(&doc_text_paragraphs(&article.body), &reference, opts)
}

struct Candidate<'a> {
    text: &'a str,
    chars: usize,
    /// Sorted, without repeats.
    stems: Vec<String>,
}

fn draft(paragraphs: &[String], reference: &str, opts: SummaryOptions) -> Summary {
    let candidates: Vec<Candidate> = paragraphs
        .iter()
        .flat_map(|p| sentences(p).into_iter().map(move |r| &p[r]))
        .filter(|s| is_prose(s))
        .map(|text| Candidate { text, chars: text.chars().count(), stems: stems(text) })
        .collect();
    if candidates.is_empty() || opts.max_chars == 0 {
        return Summary::default();
    }
    let ranked = rank(&candidates, reference);
    let top = &candidates[ranked[0]];
    if top.chars > opts.max_chars {
        return summary_of(vec![shorten(top.text, opts.max_chars)]);
    }
    let (want, mut taken, mut total) = (opts.sentences.max(1), Vec::new(), 0);
    for &k in &ranked {
        if taken.len() == want {
            break;
        }
        let add = candidates[k].chars + usize::from(!taken.is_empty());
        if total + add <= opts.max_chars {
            taken.push(k);
            total += add;
        }
    }
    taken.sort_unstable();
    summary_of(taken.into_iter().map(|k| candidates[k].text.to_string()).collect())
}

fn summary_of(sentences: Vec<String>) -> Summary {
    let text = sentences.join(" ");
    Summary { chars: text.chars().count(), sentences, text }
}

/// Candidate indices, best first (ties: the earlier sentence).
fn rank(candidates: &[Candidate], reference: &str) -> Vec<usize> {
    let reference = match stems(reference) {
        r if r.is_empty() => candidates[0].stems.clone(),
        r => r,
    };
    // In how many sentences each stem occurs.
    let mut df: BTreeMap<&str, u32> = BTreeMap::new();
    for c in candidates {
        for s in &c.stems {
            *df.entry(s).or_default() += 1;
        }
    }
    let max_df = df.values().copied().max().unwrap_or(1);
    let score = |(i, c): (usize, &Candidate)| {
        let position = 2.0 / (1.0 + 0.5 * i as f64);
        let shared = c.stems.iter().filter(|s| reference.binary_search(s).is_ok()).count();
        let overlap = if reference.is_empty() { 0.0 } else { shared as f64 / reference.len() as f64 };
        let frequency = if c.stems.is_empty() || max_df <= 1 {
            0.0
        } else {
            c.stems.iter().map(|s| f64::from(df[s.as_str()] - 1)).sum::<f64>() / (c.stems.len() as f64 * f64::from(max_df - 1))
        };
        position + overlap + 0.5 * frequency
    };
    let scores: Vec<f64> = candidates.iter().enumerate().map(score).collect();
    let mut order: Vec<usize> = (0..candidates.len()).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    order
}

/// Prose worth summarising: not a dateline, byline, caption, contact line or fragment.
fn is_prose(s: &str) -> bool {
    const CAPTION_MARKS: &[&str] = &["사진=", "사진 제공", "/사진", "그래픽=", "Photo:", "(Photo", "Photo by"];
    has_sentence_end(s)
        && s.chars().count() >= MIN_CHARS
        && !s.starts_with(['▲', '△', '▶', '■', '※', '☞', '◆'])
        && !CAPTION_MARKS.iter().any(|m| s.contains(m))
        && !s.contains("://")
        && !s.contains("www.")
        && !s.split_whitespace().any(|w| w.contains('@') && w.contains('.'))
}

const KOREAN_STOP: &[&str] = &[
    "그는", "그녀", "이는", "이번", "이날", "있다", "있는", "있었", "했다", "한다", "하는", "하고", "하지", "밝혔", "말했",
    "전했", "설명", "강조", "덧붙", "위해", "대해", "통해", "따라", "따르", "것으", "것이", "것을", "것은", "됐다", "된다",
    "이라", "라고", "그러", "또한", "이어", "한편", "현재", "모든", "가장", "때문", "지난", "에서", "으로",
];

const ENGLISH_STOP: &[&str] = &[
    "the", "and", "for", "that", "with", "was", "were", "are", "has", "have", "had", "this", "from", "but", "not", "his",
    "her", "its", "they", "their", "said", "says", "will", "would", "which", "who", "been", "also", "than", "into",
    "about", "after", "over", "more", "one", "two", "she", "him", "them", "there", "what", "when", "can",
];

/// The sentence's stems, sorted, without repeats.
fn stems(s: &str) -> Vec<String> {
    let mut out: Vec<String> = s.split(|c: char| !c.is_alphanumeric()).filter_map(stem).collect();
    out.sort_unstable();
    out.dedup();
    out
}

fn stem(word: &str) -> Option<String> {
    if word.chars().any(is_hangul) {
        let st: String = word.chars().take(2).collect();
        (word.chars().count() >= 2 && !KOREAN_STOP.contains(&st.as_str())).then_some(st)
    } else {
        let w = word.to_lowercase();
        let keep = w.chars().count() >= 3 && !w.chars().all(char::is_numeric) && !ENGLISH_STOP.contains(&w.as_str());
        keep.then_some(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_drop_particles_and_common_words() {
        assert_eq!(stems("서울시가 예산을 늘렸다고 밝혔다."), ["늘렸", "서울", "예산"]);
        assert_eq!(stems("The city said the budget rose 3.5 per cent."), ["budget", "cent", "city", "per", "rose"]);
    }

    #[test]
    fn prose_only() {
        assert!(is_prose("서울시가 내년 예산을 3.5% 늘렸다."));
        assert!(!is_prose("[서울=뉴스데스크]"));
        assert!(!is_prose("홍길동 기자 hong@example.com"));
        assert!(!is_prose("문의는 hong@example.com 으로 하면 된다."));
        assert!(!is_prose("▲ 시민들이 광장을 걷고 있다."));
        assert!(!is_prose("시민들이 광장을 걷고 있다. /사진=홍길동 기자."));
        assert!(!is_prose("짧은 문장이다."));
        assert!(!is_prose("끝나지 않은 긴 제목 같은 줄이 여기에 있다"));
    }

    #[test]
    fn options_follow_the_settings() {
        let o = SummaryOptions::default();
        assert_eq!((o.sentences, o.max_chars), (3, Settings::default().brief_max_chars as usize));
        let s = Settings { brief_max_chars: 120, brief_max_sentences: 0, ..Settings::default() };
        assert_eq!(SummaryOptions::from_settings(&s), SummaryOptions { sentences: 1, max_chars: 120 });
    }

    #[test]
    fn empty_and_zero() {
        assert_eq!(draft_summary(&[], SummaryOptions::default()), Summary::default());
        let body = vec!["서울시가 내년 예산을 3.5% 늘렸다고 밝혔다.".to_string()];
        assert_eq!(draft_summary(&body, SummaryOptions { sentences: 3, max_chars: 0 }), Summary::default());
        let s = draft_summary(&body, SummaryOptions { sentences: 0, max_chars: 200 });
        assert_eq!(s.sentences, body);
    }

    #[test]
    fn json_shape() {
        let s = summary_of(vec!["가나다라마바사아자차카타파하.".into(), "둘째 문장이다.".into()]);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"sentences":["가나다라마바사아자차카타파하.","둘째 문장이다."],"text":"가나다라마바사아자차카타파하. 둘째 문장이다.","chars":24}"#
        );
    }
}
