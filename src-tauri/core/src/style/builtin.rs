//! The rules written in Rust: a word repeated twice in a row, a headline over the limit,
//! English numbers under ten in figures.
use super::check::{Hit, StyleContext};
use super::rule::{Builtin, Field};

pub(crate) fn run(builtin: Builtin, rule: usize, _field: Field, text: &str, ctx: &StyleContext) -> Vec<Hit> {
    match builtin {
        Builtin::RepeatedWord => repeated_words(rule, text),
        Builtin::HeadlineLength => headline_length(rule, text, ctx),
        Builtin::SmallNumbers => small_numbers(rule, text),
    }
}

fn hit(rule: usize, start: usize, end: usize, suggest: Vec<String>) -> Hit {
    Hit { rule, start, end, suggest, fill: None }
}

/// The words of `text` (runs between white space), as byte ranges.
fn tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// Pairs English allows twice in a row ("what it had had", "said that that was").
const REPEAT_ALLOWED: [&str; 2] = ["had", "that"];

/// The same word twice, separated only by spaces or tabs (not a line break), the first
/// with nothing after it (`Yes, yes` is deliberate), compared without case. The finding
/// covers both words; the fix keeps the first.
fn repeated_words(rule: usize, text: &str) -> Vec<Hit> {
    let toks = tokens(text);
    let mut out = Vec::new();
    for pair in toks.windows(2) {
        let ((a0, a1), (b0, b1)) = (pair[0], pair[1]);
        if text[a1..b0].contains('\n') {
            continue;
        }
        let a = &text[a0..a1];
        let first = a.trim_start_matches(|c: char| !c.is_alphanumeric());
        let second = text[b0..b1].trim_end_matches(|c: char| !c.is_alphanumeric());
        let ends_clean = first.chars().next_back().is_some_and(char::is_alphanumeric);
        let has_letter = first.chars().any(char::is_alphabetic);
        if !ends_clean || !has_letter || first.to_lowercase() != second.to_lowercase() {
            continue;
        }
        if REPEAT_ALLOWED.contains(&first.to_lowercase().as_str()) {
            continue;
        }
        let start = a1 - first.len();
        out.push(hit(rule, start, b0 + second.len(), vec![first.to_string()]));
    }
    out
}

/// The part of a headline past the limit; the message gets `{chars}` and `{limit}`.
fn headline_length(rule: usize, text: &str, ctx: &StyleContext) -> Vec<Hit> {
    let Some(limit) = ctx.headline_max_chars else { return Vec::new() };
    let chars = text.chars().count();
    if chars <= limit {
        return Vec::new();
    }
    let start = text.char_indices().nth(limit).map_or(text.len(), |(i, _)| i);
    vec![Hit { rule, start, end: text.len(), suggest: Vec::new(), fill: Some((chars, limit)) }]
}

const NUMBER_WORDS: [&str; 9] = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

const MONTHS: [&str; 24] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.",
];

/// Words after a figure that keep it a figure: percentages, times, measures, large amounts.
const KEEP_BEFORE: [&str; 21] = [
    "percent", "per", "a.m.", "p.m.", "am", "pm", "o'clock", "million", "billion", "trillion", "km", "kg", "cm",
    "mm", "mph", "m", "ft", "degrees", "°c", "°f", "points",
];

/// Words before a figure that keep it a figure: ages, numbered things, dates.
const KEEP_AFTER: [&str; 24] = [
    "aged", "age", "ages", "no.", "no", "number", "chapter", "page", "p.", "room", "route", "gate", "grade", "level",
    "article", "section", "platform", "line", "exit", "version", "phase", "stage", "round", "floor",
];

/// The word of `text` around the letters at its start or end, lower-cased, with the
/// punctuation that ends a sentence or clause stripped (a trailing `.` is kept for
/// abbreviations such as `p.m.` and `No.`).
fn word_lower(w: &str) -> String {
    w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '!' | '?' | '(' | ')' | '"' | '“' | '”')).to_lowercase()
}

fn is_month(w: &str) -> bool {
    let w = word_lower(w);
    MONTHS.contains(&w.as_str()) || MONTHS.contains(&w.trim_end_matches('.'))
}

/// English: a single figure 1 to 9 standing alone, outside ages (`aged 7`, `7 years old`),
/// percentages, times, dates (`May 3`, `3 May`), measures, numbered things (`No. 4`,
/// `Route 9`), decimals, ranges and scores, and list markers (`1.` at a line's start).
fn small_numbers(rule: usize, text: &str) -> Vec<Hit> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if !(b'1'..=b'9').contains(&b) {
            continue;
        }
        let before = &text[..i];
        let after = &text[i + 1..];
        let prev = before.chars().next_back();
        let next = after.chars().next();
        if prev.is_some_and(|c| c.is_alphanumeric() || "$£€₩¥#+-–./:,'’\"".contains(c))
            || next.is_some_and(|c| c.is_alphanumeric() || "%°:/-–)'’\"".contains(c))
        {
            continue;
        }
        let line_before = before.rsplit('\n').next().unwrap_or("");
        if matches!(next, Some('.' | ',')) {
            let after_mark = after[1..].chars().next();
            if after_mark.is_some_and(|c| c.is_ascii_digit()) || (next == Some('.') && line_before.trim().is_empty()) {
                continue;
            }
        }
        let mut words_after = after.split_whitespace();
        let next_word = if next.is_some_and(char::is_whitespace) { words_after.next() } else { None };
        if let Some(w) = next_word {
            let w_l = word_lower(w);
            let aged = matches!(w_l.as_str(), "year" | "years") && words_after.next().is_some_and(|o| word_lower(o).starts_with("old"));
            let keep = KEEP_BEFORE.contains(&w_l.as_str()) || KEEP_BEFORE.contains(&w_l.trim_end_matches('.'));
            if keep || is_month(w) || aged {
                continue;
            }
        }
        let prev_word = if prev.is_some_and(char::is_whitespace) { line_before.split_whitespace().next_back() } else { None };
        if prev_word.is_some_and(|w| KEEP_AFTER.contains(&word_lower(w).as_str()) || is_month(w)) {
            continue;
        }
        let word = NUMBER_WORDS[usize::from(b - b'1')];
        let sentence_start = line_before.trim_end().chars().next_back().is_none_or(|c| matches!(c, '.' | '!' | '?' | '"' | '“'));
        let suggestion = if sentence_start { capitalised(word) } else { word.to_string() };
        out.push(hit(rule, i, i + 1, vec![suggestion]));
    }
    out
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(hits: Vec<Hit>, text: &str) -> Vec<String> {
        hits.into_iter().map(|h| text[h.start..h.end].to_string()).collect()
    }

    #[test]
    fn repeated_words_need_the_same_word_twice_on_one_line() {
        let t = "The the council met. 정부는 정부는 발표했다. Yes, yes. had had that that\nend end";
        assert_eq!(spans(repeated_words(0, t), t), ["The the", "정부는 정부는", "end end"]);
        assert!(repeated_words(0, "word\nword").is_empty());
        assert!(repeated_words(0, "10 10").is_empty());
    }

    #[test]
    fn small_numbers_skip_ages_dates_percentages_and_measures() {
        let t = "She has 3 cats, aged 7, 7 years old, May 3, 3 May, 5 percent, 4 p.m., 2.5, 1-0, No. 4, 9 km.\n1. Item";
        assert_eq!(spans(small_numbers(0, t), t), ["3"]);
        let hits = small_numbers(0, "4 boats came.");
        assert_eq!(hits[0].suggest, ["Four"]);
    }
}
