//! An edition written as plain text, into [`RoundupFields`]. Pure, never fails, never panics.
//!
//! The form (ARCHITECTURE.md, "The weekend edition"): lead paragraphs; a short transition line right before the first
//! brief (`이어 주말 주요 뉴스입니다.`); briefs, each a marker line (`■ "headline"`) followed by
//! its summary paragraph(s); a last line `NAME address@domain`, the sign-off.
//!
//! Lines and white space:
//! - A BOM, `\r\n` or `\r` line ends, tabs, non-breaking spaces and trailing spaces change
//!   nothing: lines are split at any line end, trimmed, and white space runs become one space.
//!
//! Paragraphs (decided once for the whole text, from its line breaks; the marker lines, the
//! sign-off and the transition candidate do not count):
//! - A blank line always ends a paragraph.
//! - Hard wrap: the text is hard-wrapped when at least two line breaks fall inside a sentence
//!   (the line does not end in `. ! ? 。 ！ ？ …`, closing quotes aside) on a *full* line,
//!   and those are at least a fifth of the single line breaks. A line is full at width `W`
//!   when it is at most `W` long and the next line's first word would not have fitted after
//!   it (`len + 1 + first word > W`), which is what a greedy wrapper leaves. `W` is the line
//!   length, in characters or in columns (Hangul and other wide characters count two), that
//!   explains the most such breaks. In a hard-wrapped text a full line is joined to the next
//!   with one space (whether the wrapper dropped the space or left it at the end of the
//!   line); a line that is not full ends its paragraph. A full line that ends a sentence is
//!   the one case the layout cannot decide (a paragraph whose last line happens to be full,
//!   or a wrap right after a sentence); in a text of one paragraph per line it ends its
//!   paragraph. Measured on 67 paragraphs of ours wrapped at 60, 70 and 76 characters and
//!   columns, joining there would have merged 16 pairs of paragraphs, ending there split 11
//!   paragraphs, and a split paragraph is the easier one to see and mend.
//! - One paragraph per line: otherwise, when the single line breaks outnumber the breaks
//!   with a blank line, every line break ends a paragraph (the outlet's CMS form).
//! - Blank-line paragraphs: otherwise the lines between blank lines are one paragraph,
//!   joined with a space.
//!
//! Parts:
//! - Brief markers: `■ ▲ ◆ ●` (strong) and `- *` followed by a space (weak). When the text
//!   has any strong marker line, only strong markers start briefs, so a `- ` list inside a
//!   lead or a summary stays text.
//! - The marker and the space after it are removed; the headline is kept as written, quotes
//!   (`"…"`, `‘…’`) and ellipses (`…`, `...`) included. In a hard-wrapped text a full
//!   headline line is joined with the line after it.
//! - A summary runs until the next marker or the sign-off; its paragraphs are separated by
//!   a blank line (`\n\n`). A line holding only an http(s) address becomes the brief's link.
//! - The transition is the lead's last line when briefs follow and it is one sentence of at
//!   most 60 characters, not a `- ` item, and stands alone: a blank line before it, or a line
//!   before it that ends its sentence (even a full line of a hard-wrapped text). It is
//!   the line right before the first brief, with or without blank lines around it, whatever
//!   the layout of the rest.
//! - A first lead paragraph of one short line without closing punctuation, followed by more
//!   lead text, is the lead's headline and the edition's title.
//! - Nothing is dropped: what is not recognised stays in the lead (or in a summary). Only
//!   the markers themselves go, and no `■` is left anywhere.
use super::{Brief, Lead, RoundupFields, Signoff};
use crate::model::Doc;
use crate::text::nfc;

/// Markers that always start a brief.
pub const STRONG_MARKERS: [char; 4] = ['■', '▲', '◆', '●'];
/// Every marker that starts a brief (`-` and `*` only when no strong marker is used).
pub const BRIEF_MARKERS: [char; 6] = ['■', '▲', '◆', '●', '-', '*'];
/// The longest line taken as the transition, in characters.
pub const TRANSITION_MAX_CHARS: usize = 60;
/// The longest first line taken as the lead's headline, in characters.
pub const TITLE_MAX_CHARS: usize = 80;
/// The longest outlet name in a sign-off line, in characters and in words.
const SIGNOFF_NAME_MAX_CHARS: usize = 40;
const SIGNOFF_NAME_MAX_WORDS: usize = 5;

/// The text after a strong marker (possibly empty), or `None` when the line has none.
fn strong_marker_text(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix(|c: char| STRONG_MARKERS.contains(&c))?;
    Some(rest.trim_start_matches(|c: char| c.is_whitespace() || STRONG_MARKERS.contains(&c)).trim_end())
}

/// The text after `- ` or `* `, or `None` when the line is not such an item.
fn weak_marker_text(line: &str) -> Option<&str> {
    let t = line.trim_start();
    let rest = t.strip_prefix('-').or_else(|| t.strip_prefix('*'))?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    Some(rest.trim()).filter(|r| !r.is_empty())
}

/// The text after the brief marker in use (strong or weak), or `None`.
fn marker_text(line: &str, strong: bool) -> Option<&str> {
    if strong {
        strong_marker_text(line)
    } else {
        weak_marker_text(line)
    }
}

/// True when `text` has a line starting with `■ ▲ ◆ ●`: what `import --as auto` takes as
/// the sign of an edition (`-` and `*` lines alone do not make one).
pub fn has_brief_markers(text: &str) -> bool {
    text.lines().any(|l| strong_marker_text(l).is_some())
}

/// Marks that end a sentence or a quotation, so a line ending in one is not a title.
fn is_final_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | ';' | ',' | '。' | '、' | '…' | '‥' | '！' | '？' | '：' | '；' | '，' | '．'
            | '"' | '\'' | '”' | '’' | '」' | '』'
    )
}

/// One line of text: white space runs become one space, control characters go, no `■`.
fn clean_line(s: &str) -> String {
    let s: String = s.chars().filter(|&c| c != '■' && c != '\u{FEFF}').collect();
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    nfc(&words.join(" "))
}

/// True when no sentence ends inside `line` (a sentence mark followed by a space).
fn is_one_sentence(line: &str) -> bool {
    let chars: Vec<char> = line.chars().collect();
    !chars.windows(2).any(|w| matches!(w[0], '.' | '!' | '?' | '。' | '！' | '？') && w[1].is_whitespace())
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    let ok = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && local.chars().all(ok)
        && domain.chars().all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// `NAME address@domain` (the name may be missing) as a sign-off.
fn parse_signoff(line: &str) -> Option<Signoff> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (last, name) = words.split_last()?;
    let email = last.trim_start_matches('<').trim_end_matches('>');
    let name = name.join(" ");
    let fits = name.chars().count() <= SIGNOFF_NAME_MAX_CHARS && name.split_whitespace().count() <= SIGNOFF_NAME_MAX_WORDS;
    (is_email(email) && email.len() == last.len() && fits).then(|| Signoff { outlet: clean_line(&name), email: email.to_string() })
}

fn is_link(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://")) && s.len() > 8 && !s.contains(char::is_whitespace)
}

/// Ends a sentence: the last mark, closing quotes and brackets aside.
fn ends_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| matches!(c, '"' | '\'' | '”' | '’' | '」' | '』' | ')' | ']'));
    t.chars().next_back().is_some_and(|c| matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…'))
}

/// How a line's length is measured by the wrapper that broke it.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Chars,
    Columns,
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

fn width(s: &str, unit: Unit) -> usize {
    match unit {
        Unit::Chars => s.chars().count(),
        Unit::Columns => s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum(),
    }
}

/// The wrap width of a hard-wrapped text.
#[derive(Clone, Copy, Debug)]
struct Wrap {
    unit: Unit,
    width: usize,
}

impl Wrap {
    /// True when a greedy wrapper at this width would have broken `line` before `next`.
    fn full(&self, line: &str, next: &str) -> bool {
        let l = width(line, self.unit);
        let first = width(next.split(' ').next().unwrap_or(""), self.unit);
        l <= self.width && l + 1 + first > self.width
    }
}

/// How the text breaks its paragraphs (see the module notes).
#[derive(Clone, Copy, Debug, Default)]
struct Layout {
    per_line: bool,
    wrap: Option<Wrap>,
}

/// The breaks between two non-blank lines of a section: (line, next line, blank between).
fn breaks<'a>(section: &'a [String], out: &mut Vec<(&'a str, &'a str, bool)>) {
    let mut prev: Option<&str> = None;
    let mut blank = false;
    for l in section {
        if l.is_empty() {
            blank = true;
            continue;
        }
        if let Some(p) = prev {
            out.push((p, l.as_str(), blank));
        }
        prev = Some(l);
        blank = false;
    }
}

/// The wrap width that explains the most line breaks inside sentences, if the text is wrapped.
fn detect_wrap(singles: &[(&str, &str)]) -> Option<Wrap> {
    let mut best: Option<(usize, Wrap)> = None;
    for unit in [Unit::Chars, Unit::Columns] {
        let mids: Vec<(&str, &str)> = singles.iter().copied().filter(|(l, _)| !ends_sentence(l)).collect();
        let mut widths: Vec<usize> = mids.iter().map(|(l, _)| width(l, unit)).filter(|w| (20..=200).contains(w)).collect();
        widths.sort_unstable();
        widths.dedup();
        for w in widths {
            let wrap = Wrap { unit, width: w };
            let n = mids.iter().filter(|(l, n)| wrap.full(l, n)).count();
            if best.is_none_or(|(b, _)| n > b) {
                best = Some((n, wrap));
            }
        }
    }
    best.filter(|&(n, _)| n >= 2 && n * 5 >= singles.len()).map(|(_, w)| w)
}

fn detect_layout(sections: &[&[String]]) -> Layout {
    let mut all = Vec::new();
    for s in sections {
        breaks(s, &mut all);
    }
    let singles: Vec<(&str, &str)> = all.iter().filter(|b| !b.2).map(|b| (b.0, b.1)).collect();
    let wrap = detect_wrap(&singles);
    let blank = all.len() - singles.len();
    let paragraph_ends = singles.iter().filter(|(l, n)| !wrap.is_some_and(|w| w.full(l, n))).count();
    Layout { per_line: paragraph_ends > blank, wrap }
}

/// Cleaned lines grouped into paragraphs by `layout`; each paragraph is its lines.
fn paragraphs(lines: &[String], layout: Layout) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for l in lines {
        if l.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        if let Some(prev) = current.last() {
            let join = !layout.per_line || layout.wrap.is_some_and(|w| w.full(prev, l) && !ends_sentence(prev));
            if !join {
                out.push(std::mem::take(&mut current));
            }
        }
        current.push(l.clone());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The paragraphs of a plain text, laid out as an edition's lead is read (blank lines, one
/// paragraph per line, or hard wraps, decided once from its line breaks; see the module
/// notes), each paragraph as its lines (to be joined with one space). The article text
/// importer (`import/text.rs`) reads its files with this same rule.
pub fn text_paragraphs(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text).replace("\r\n", "\n");
    let lines: Vec<String> = text
        .split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}'])
        .map(|l| {
            let words: Vec<&str> = l.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
            nfc(&words.join(" "))
        })
        .collect();
    let layout = detect_layout(&[&lines]);
    paragraphs(&lines, layout)
}

/// The lead's paragraphs: optional headline, body, and the transition taken off its end.
fn split_lead(lines: &[String], has_briefs: bool, layout: Layout) -> (Lead, String) {
    let mut transition = String::new();
    let mut lines = lines;
    if has_briefs {
        if let Some(last) = lines.iter().rposition(|l| !l.is_empty()) {
            let line = &lines[last];
            let before = lines[..last].iter().rev().find(|l| !l.is_empty());
            // Not the tail of a sentence the line before began. (A full line before it does
            // not join it as a hard wrap would: a short sentence right before the first brief
            // is far more often the transition than the last words of a wrapped sentence.)
            let stands_alone = match before {
                None => true,
                Some(prev) => lines[last - 1].is_empty() || ends_sentence(prev),
            };
            if stands_alone && line.chars().count() <= TRANSITION_MAX_CHARS && is_one_sentence(line) && weak_marker_text(line).is_none() {
                transition = line.clone();
                lines = &lines[..last];
            }
        }
    }
    let mut paras = paragraphs(lines, layout);
    let mut headline = String::new();
    if paras.len() > 1 {
        if let [line] = paras[0].as_slice() {
            let ends = line.chars().next_back().is_some_and(is_final_punctuation);
            if line.chars().count() <= TITLE_MAX_CHARS && !ends {
                headline = line.clone();
                paras.remove(0);
            }
        }
    }
    let body = Doc::from_paragraphs(paras.iter().map(|p| p.join(" ")));
    (Lead { article_id: None, headline, body }, transition)
}

/// A summary's cleaned lines, its link line taken out (left as a paragraph break).
fn summary_lines(lines: &[String]) -> (Vec<String>, Option<String>) {
    let mut link = None;
    let mut kept: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let l = clean_line(line);
        if link.is_none() && is_link(&l) {
            link = Some(l);
            kept.push(String::new());
        } else {
            kept.push(l);
        }
    }
    (kept, link)
}

/// A brief from its headline and its summary's lines.
fn make_brief(mut headline: String, mut kept: Vec<String>, link: Option<String>, layout: Layout) -> Brief {
    // A hard-wrapped headline goes on in the line after its marker line.
    if let (Some(w), Some(next)) = (layout.wrap, kept.first()) {
        if !next.is_empty() && !ends_sentence(&headline) && w.full(&format!("■ {headline}"), next) {
            headline = format!("{headline} {}", kept.remove(0));
        }
    }
    let summary = paragraphs(&kept, layout).iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n");
    Brief { article_id: None, headline, summary, link, drafted: false }
}

/// Recognises the parts of an edition written as plain text. See the module notes.
pub fn parse_edition(text: &str) -> RoundupFields {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text).replace("\r\n", "\n");
    let mut lines: Vec<String> =
        text.split(['\n', '\r', '\u{2028}', '\u{2029}', '\u{85}']).map(|l| l.replace('\t', " ").trim().to_string()).collect();

    let mut signoff = Signoff::default();
    if let Some(i) = lines.iter().rposition(|l| !l.is_empty()) {
        if let Some(s) = parse_signoff(&lines[i]) {
            signoff = s;
            lines.truncate(i);
        }
    }

    let strong = lines.iter().any(|l| strong_marker_text(l).is_some());
    let marker = |l: &str| marker_text(l, strong).is_some();
    let first = lines.iter().position(|l| marker(l)).unwrap_or(lines.len());
    let mut raw_briefs = Vec::new();
    let mut i = first;
    while i < lines.len() {
        let headline = clean_line(marker_text(&lines[i], strong).unwrap_or_default());
        let end = lines[i + 1..].iter().position(|l| marker(l)).map_or(lines.len(), |n| i + 1 + n);
        let (kept, link) = summary_lines(&lines[i + 1..end]);
        raw_briefs.push((headline, kept, link));
        i = end;
    }
    let lead_lines: Vec<String> = lines[..first].iter().map(|l| clean_line(l)).collect();
    // The transition candidate (the lead's last line, when briefs follow) does not count.
    let lead_counted = match lead_lines.iter().rposition(|l| !l.is_empty()) {
        Some(last) if !raw_briefs.is_empty() => &lead_lines[..last],
        _ => &lead_lines[..],
    };
    let mut sections: Vec<&[String]> = vec![lead_counted];
    sections.extend(raw_briefs.iter().map(|b| b.1.as_slice()));
    let layout = detect_layout(&sections);

    let items: Vec<Brief> = raw_briefs.into_iter().map(|(h, kept, link)| make_brief(h, kept, link, layout)).collect();
    let (lead, transition) = split_lead(&lead_lines, !items.is_empty(), layout);
    RoundupFields { title: lead.headline.clone(), edition_date: String::new(), lead, transition, items, signoff }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_signoffs() {
        assert_eq!(strong_marker_text("■ \"제목\""), Some("\"제목\""));
        assert_eq!(strong_marker_text("  ▲제목 "), Some("제목"));
        assert_eq!(weak_marker_text("- item"), Some("item"));
        assert_eq!(weak_marker_text("-item"), None);
        assert_eq!(weak_marker_text("---"), None);
        assert!(has_brief_markers("a\n◆ b"));
        assert!(!has_brief_markers("a\n- b\n* c"));
        assert_eq!(parse_signoff("OUTLET news@outlet.example").unwrap().outlet, "OUTLET");
        assert!(parse_signoff("write to news@outlet.example if you saw the fire last night near the river bank").is_none());
        assert!(parse_signoff("그는 웃었다.").is_none());
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for t in ["", "■", "■\n■", "\n\n\n", "-", "* ", "@", "a@b.c", "■ \n\nx@y.z", "\r\r■ a\r", "\u{FEFF}"] {
            let f = parse_edition(t);
            let all = format!("{f:?}");
            assert!(!all.contains('■'), "{t:?}: {all}");
        }
    }
}
