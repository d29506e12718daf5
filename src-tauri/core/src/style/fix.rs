//! Applying fixes to a field's text: one finding, or every finding of a rule.
use super::check::Finding;
use super::rule::Field;

/// Byte range of the characters `start..end` of `text`.
fn byte_range(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut idx = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
    let s = idx.nth(start)?;
    let e = if end == start { s } else { idx.nth(end - start - 1)? };
    Some((s, e))
}

/// `text` with `finding` replaced by its suggestion number `suggestion`. `None` when the
/// finding no longer fits the text (the text at its range is not the matched text: the
/// field changed since the check) or has no such suggestion.
pub fn apply_fix(text: &str, finding: &Finding, suggestion: usize) -> Option<String> {
    let replacement = finding.suggestions.get(suggestion)?;
    let (s, e) = byte_range(text, finding.start, finding.end)?;
    if text[s..e] != finding.text {
        return None;
    }
    Some(format!("{}{}{}", &text[..s], replacement, &text[e..]))
}

/// `text` (the field `field`, brief `brief`) with every finding of rule `rule` replaced
/// by its first suggestion. Findings of other fields or rules, without a suggestion, that
/// no longer fit the text, or overlapping one already fixed, are left alone.
pub fn fix_all(text: &str, field: Field, brief: Option<usize>, findings: &[Finding], rule: &str) -> String {
    let mut todo: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.rule == rule && f.field == field && f.brief == brief && !f.suggestions.is_empty())
        .collect();
    todo.sort_by_key(|f| std::cmp::Reverse((f.start, f.end)));
    let mut out = text.to_string();
    let mut limit = usize::MAX;
    for f in todo {
        if f.end > limit {
            continue;
        }
        if let Some(fixed) = apply_fix(&out, f, 0) {
            out = fixed;
            limit = f.start;
        }
    }
    out
}
