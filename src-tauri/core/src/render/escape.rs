//! Escaping for the places rendered text lands in: HTML text, HTML attribute values, JSON
//! inside a `<script>` element, and Markdown.
//!
//! Every string that comes from an article passes through one of these on its way out;
//! the renderers never concatenate unescaped input.

/// Appends `s` to `out` as HTML text or a double- or single-quoted attribute value:
/// `& < > " '` become character references. Control characters that HTML forbids
/// (everything below U+0020 but tab, line feed and carriage return; U+007F–U+009F) are
/// dropped, so the output is always well-formed.
pub fn push_html(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let rep = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            '\'' => "&#39;",
            c if is_forbidden_control(c) => "",
            _ => continue,
        };
        out.push_str(&s[start..i]);
        out.push_str(rep);
        start = i + c.len_utf8();
    }
    out.push_str(&s[start..]);
}

/// `s` escaped for HTML text or attribute values (see [`push_html`]).
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_html(&mut out, s);
    out
}

/// Control characters that may not appear in HTML text (and that no reporter means to type).
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(c, '\u{FDD0}'..='\u{FDEF}' | '\u{FFFE}' | '\u{FFFF}')
}

/// JSON text made safe inside `<script type="application/ld+json">`: `<`, `>` and `&` become
/// `\u003c`, `\u003e` and `\u0026`, so neither `</script>` nor `<!--` can appear. These
/// characters only ever occur inside JSON strings, where the escapes mean the same thing.
pub fn json_for_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Percent-encodes what may not stand in a URL attribute or a Markdown link destination
/// as it is: spaces, quotes, angle brackets, parentheses, backslash, backtick and non-ASCII
/// control characters. Letters of any script stay readable (browsers accept IRIs).
pub fn url(href: &str) -> String {
    let mut out = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            ' ' | '"' | '\'' | '<' | '>' | '(' | ')' | '\\' | '`' | '{' | '}' | '|' | '^' => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Appends `s` to `out` as Markdown text that no CommonMark reader takes for markup.
///
/// Inline punctuation that can open markup is backslash-escaped everywhere; characters
/// that only matter at the start of a line (`#`, `>`, `-`, `+`, `=`, `1.`) are escaped there.
/// `at_line_start` says whether `s` begins a line. Leading spaces of a line are dropped
/// (four of them would start a code block).
pub fn push_markdown(out: &mut String, s: &str, mut at_line_start: bool) {
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if is_forbidden_control(c) {
            continue;
        }
        if at_line_start {
            if c == ' ' || c == '\t' {
                continue;
            }
            at_line_start = false;
            match c {
                '#' | '>' | '-' | '+' | '=' => {
                    out.push('\\');
                    out.push(c);
                    continue;
                }
                '0'..='9' => {
                    // "1. " or "1) " at the start of a line opens an ordered list.
                    out.push(c);
                    while let Some(&d) = chars.peek() {
                        if d.is_ascii_digit() {
                            out.push(d);
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    if let Some(&p @ ('.' | ')')) = chars.peek() {
                        out.push('\\');
                        out.push(p);
                        chars.next();
                    }
                    continue;
                }
                _ => {}
            }
        }
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|' | '&' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '!' if chars.peek() == Some(&'[') => out.push_str("\\!"),
            '\n' => {
                out.push('\n');
                at_line_start = true;
            }
            '\r' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_markup_and_drops_controls() {
        assert_eq!(
            html("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(html("a\u{0}b\u{7}c\td"), "abc\td");
        assert_eq!(html("한국어 그대로"), "한국어 그대로");
    }

    #[test]
    fn json_for_script_cannot_close_the_script() {
        let s = json_for_script(r#"{"a":"</script><!-- & x"}"#);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["a"], "</script><!-- & x");
    }

    #[test]
    fn markdown_escapes_what_would_become_markup() {
        let md = |s: &str| {
            let mut o = String::new();
            push_markdown(&mut o, s, true);
            o
        };
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("2025. 7. 28"), "2025\\. 7. 28");
        assert_eq!(md("*별* [링크](x) <b>"), "\\*별\\* \\[링크\\](x) \\<b\\>");
        assert_eq!(md("   - item"), "\\- item");
        assert_eq!(md("a\n> b"), "a\n\\> b");
        assert_eq!(md("평범한 문장입니다."), "평범한 문장입니다.");
    }

    #[test]
    fn url_encodes_breaking_characters() {
        assert_eq!(
            url("https://example.com/a b(c)\"<x>"),
            "https://example.com/a%20b%28c%29%22%3Cx%3E"
        );
        assert_eq!(url("https://example.com/한글"), "https://example.com/한글");
    }
}
