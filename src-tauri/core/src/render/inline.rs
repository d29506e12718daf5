//! Inline content as a flat run of events with properly nested marks.
//!
//! Each text node carries its own set of marks. Renderers want nested markup instead:
//! `<strong>a<em>b</em></strong>`, not `<strong>a</strong><strong><em>b</em></strong>`
//! (which in Markdown, `**a****b**`, would not even parse). [`events`] keeps a stack of
//! open marks in a fixed order (link, bold, italic, strike, code) and opens or closes only
//! what changes between neighbouring nodes.
use crate::model::doc::{Inline, Mark};

/// One step of an inline run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    Open(&'a Mark),
    Close(&'a Mark),
    Text(&'a str),
    HardBreak,
}

fn rank(m: &Mark) -> u8 {
    match m {
        Mark::Link { .. } => 0,
        Mark::Bold => 1,
        Mark::Italic => 2,
        Mark::Strike => 3,
        Mark::Code => 4,
    }
}

/// The node's marks in canonical order, one of each kind.
fn ordered(marks: &[Mark]) -> Vec<&Mark> {
    let mut out: Vec<&Mark> = Vec::with_capacity(marks.len());
    for m in marks {
        if !out.iter().any(|o| rank(o) == rank(m)) {
            out.push(m);
        }
    }
    out.sort_by_key(|m| rank(m));
    out
}

/// Calls `f` with every event of the run, every opened mark closed at the end.
pub fn events<'a>(content: &'a [Inline], mut f: impl FnMut(Event<'a>)) {
    let mut open: Vec<&'a Mark> = Vec::new();
    for node in content {
        match node {
            Inline::Text { text, marks } => {
                if text.is_empty() {
                    continue;
                }
                let want = ordered(marks);
                let keep = open.iter().zip(want.iter()).take_while(|(a, b)| a == b).count();
                while open.len() > keep {
                    if let Some(m) = open.pop() {
                        f(Event::Close(m));
                    }
                }
                for m in &want[keep..] {
                    f(Event::Open(m));
                    open.push(m);
                }
                f(Event::Text(text));
            }
            Inline::HardBreak => f(Event::HardBreak),
        }
    }
    while let Some(m) = open.pop() {
        f(Event::Close(m));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_share_their_common_marks() {
        let t = |s: &str, marks: Vec<Mark>| Inline::Text { text: s.into(), marks };
        let run = vec![
            t("a", vec![Mark::Bold]),
            t("b", vec![Mark::Italic, Mark::Bold]),
            t("c", vec![]),
        ];
        let mut out = String::new();
        events(&run, |e| match e {
            Event::Open(m) => out.push_str(&format!("<{}>", rank(m))),
            Event::Close(m) => out.push_str(&format!("</{}>", rank(m))),
            Event::Text(s) => out.push_str(s),
            Event::HardBreak => out.push('|'),
        });
        assert_eq!(out, "<1>a<2>b</2></1>c");
    }
}
