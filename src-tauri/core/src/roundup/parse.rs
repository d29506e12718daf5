//! An edition written as plain text, into [`RoundupFields`]. Pure, never fails, never panics.
//!
//! The form (ARCHITECTURE.md, "The weekend edition"): lead paragraphs; a short transition line right before the first
//! brief (`이어 주말 주요 뉴스입니다.`); briefs, each a marker line (`■ "headline"`) followed by
//! its summary paragraph(s); a last line `NAME address@domain`, the sign-off.
//!
//! - Brief markers: `■ ▲ ◆ ●` (strong) and `- *` followed by a space (weak). When the text
//!   has any strong marker line, only strong markers start briefs, so a `- ` list inside a
//!   lead or a summary stays text.
//! - The marker and the space after it are removed; quotes around a headline are kept.
//! - A summary runs until the next marker or the sign-off. A line holding only an http(s)
//!   address becomes the brief's link.
//! - The transition is the lead's last paragraph when it is one short line of one sentence
//!   and briefs follow.
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

/// Lines grouped into paragraphs at blank lines; each paragraph is its lines, cleaned.
fn paragraphs(lines: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    for line in lines {
        let l = clean_line(line);
        if l.is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.push(l);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The lead's paragraphs: optional headline, body, and the transition taken off its end.
fn split_lead(lines: &[String], has_briefs: bool) -> (Lead, String) {
    let mut paras = paragraphs(lines);
    let mut transition = String::new();
    if has_briefs {
        if let Some([line]) = paras.last().map(Vec::as_slice) {
            if line.chars().count() <= TRANSITION_MAX_CHARS && is_one_sentence(line) {
                transition = line.clone();
                paras.pop();
            }
        }
    }
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

/// A brief from its marker line's text and the lines after it.
fn make_brief(headline: &str, lines: &[String]) -> Brief {
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
    let summary = paragraphs(&kept).iter().map(|p| p.join(" ")).collect::<Vec<_>>().join("\n\n");
    Brief { article_id: None, headline: clean_line(headline), summary, link }
}

/// Recognises the parts of an edition written as plain text. See the module notes.
pub fn parse_edition(text: &str) -> RoundupFields {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut lines: Vec<String> = text.split(['\n', '\r']).map(|l| l.replace('\t', " ").trim().to_string()).collect();

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
    let mut items = Vec::new();
    let mut i = first;
    while i < lines.len() {
        let headline = marker_text(&lines[i], strong).unwrap_or_default().to_string();
        let end = lines[i + 1..].iter().position(|l| marker(l)).map_or(lines.len(), |n| i + 1 + n);
        items.push(make_brief(&headline, &lines[i + 1..end]));
        i = end;
    }
    let (lead, transition) = split_lead(&lines[..first], !items.is_empty());
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
