//! The rules in force made ready to check: patterns compiled once (with one `RegexSet`
//! pass to skip the patterns that cannot match) and every literal and word-list entry in
//! one Aho-Corasick automaton.
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};

use super::book::{StyleBook, StyleError};
use super::rule::{Matcher, Rule};

/// Which part of a rule a problem is in (to point at its line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RulePart {
    Rule,
    Pattern,
    FollowedBy,
}

/// Room for the large Unicode classes (`\p{Hangul}`) an outlet's patterns may use.
const REGEX_SIZE_LIMIT: usize = 32 << 20;

fn build_regex(pattern: &str, ignore_case: bool) -> Result<Regex, regex::Error> {
    RegexBuilder::new(pattern).case_insensitive(ignore_case).size_limit(REGEX_SIZE_LIMIT).build()
}

/// The anchored form of a rule's `followed_by`.
fn build_follow(pattern: &str, ignore_case: bool) -> Result<Regex, regex::Error> {
    build_regex(&format!("^(?:{pattern})"), ignore_case)
}

fn regex_reason(e: regex::Error) -> String {
    // The regex crate's message spans several lines with a caret under the problem.
    e.to_string()
}

/// Checks what a rule's TOML form cannot: the patterns compile and cannot match empty
/// text, literals and word-list entries are not empty, the id is usable.
pub(crate) fn check_rule(rule: &Rule) -> Result<(), (RulePart, StyleError)> {
    let id = Some(rule.id.as_str());
    let fail = |part, reason: String| Err((part, StyleError::new(id, reason)));
    if rule.id.trim().is_empty() || rule.id.chars().any(char::is_whitespace) {
        return fail(RulePart::Rule, format!("rule id {:?} must be a word without spaces", rule.id));
    }
    if rule.fields.is_empty() {
        return fail(RulePart::Rule, format!("rule {:?} applies to no field", rule.id));
    }
    match &rule.matcher {
        Matcher::Literal(l) if l.is_empty() => return fail(RulePart::Rule, format!("rule {:?}: the literal is empty", rule.id)),
        Matcher::Words(w) if w.is_empty() || w.contains_key("") => {
            return fail(RulePart::Rule, format!("rule {:?}: the word list is empty or has an empty word", rule.id))
        }
        Matcher::Pattern(p) => match build_regex(p, rule.ignore_case) {
            Err(e) => return fail(RulePart::Pattern, format!("rule {:?}: the pattern does not compile: {}", rule.id, regex_reason(e))),
            Ok(re) if re.is_match("") => {
                return fail(RulePart::Pattern, format!("rule {:?}: the pattern matches empty text", rule.id))
            }
            Ok(re) => {
                if let Some(bad) = missing_group(&re, &rule.suggest) {
                    return fail(RulePart::Pattern, format!("rule {:?}: a suggestion uses group {bad}, which the pattern does not have", rule.id));
                }
            }
        },
        _ => {}
    }
    if let Some(f) = &rule.followed_by {
        if let Err(e) = build_follow(f, rule.ignore_case) {
            return fail(RulePart::FollowedBy, format!("rule {:?}: followed_by does not compile: {}", rule.id, regex_reason(e)));
        }
    }
    Ok(())
}

/// The first `$N` / `${N}` / `${name}` of the templates that names no group of `re`.
fn missing_group(re: &Regex, templates: &[String]) -> Option<String> {
    for t in templates {
        let mut rest = t.as_str();
        while let Some(i) = rest.find('$') {
            rest = &rest[i + 1..];
            if let Some(r) = rest.strip_prefix('$') {
                rest = r; // `$$` is a literal dollar
                continue;
            }
            let name: String = match rest.strip_prefix('{') {
                Some(r) => r.chars().take_while(|&c| c != '}').collect(),
                None => rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect(),
            };
            if name.is_empty() {
                continue;
            }
            let known = match name.parse::<usize>() {
                Ok(n) => n < re.captures_len(),
                Err(_) => re.capture_names().flatten().any(|n| n == name),
            };
            if !known {
                return Some(name);
            }
        }
    }
    None
}

/// One rule made ready.
pub(crate) struct CompiledRule {
    pub rule: Rule,
    pub regex: Option<Regex>,
    pub follow: Option<Regex>,
}

/// Every literal of one case mode, in one automaton; `owners[i]` is the rule index and
/// the replacements of pattern `i`.
pub(crate) struct LiteralPass {
    pub automaton: AhoCorasick,
    pub owners: Vec<(usize, Vec<String>)>,
}

impl LiteralPass {
    fn build(entries: Vec<(String, usize, Vec<String>)>, ignore_case: bool) -> Result<Option<LiteralPass>, StyleError> {
        if entries.is_empty() {
            return Ok(None);
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(ignore_case)
            .build(entries.iter().map(|e| e.0.as_str()))
            .map_err(|e| StyleError::new(None, format!("the word lists do not fit in one automaton: {e}")))?;
        Ok(Some(LiteralPass { automaton, owners: entries.into_iter().map(|(_, r, s)| (r, s)).collect() }))
    }
}

/// The rules in force of a [`StyleBook`], ready to check text. Cheap to share; build it
/// again when the book changes.
pub struct CompiledBook {
    pub(crate) rules: Vec<CompiledRule>,
    pub(crate) literals: Vec<LiteralPass>,
    pub(crate) set: RegexSet,
    /// Rule index of each pattern of `set`.
    pub(crate) set_owner: Vec<usize>,
}

impl CompiledBook {
    /// Compiles the rules `book` puts in force. Refuses what [`StyleBook::from_toml`]
    /// would (without a line: a book built in code has none).
    pub fn new(book: &StyleBook) -> Result<CompiledBook, StyleError> {
        let rules = book.rules_in_force()?;
        let mut compiled = Vec::with_capacity(rules.len());
        let (mut exact, mut folded) = (Vec::new(), Vec::new());
        let (mut set_patterns, mut set_owner) = (Vec::new(), Vec::new());
        for (i, rule) in rules.into_iter().enumerate() {
            check_rule(&rule).map_err(|(_, e)| e)?;
            let list = if rule.ignore_case { &mut folded } else { &mut exact };
            let mut regex = None;
            match &rule.matcher {
                Matcher::Literal(l) => list.push((l.clone(), i, rule.suggest.clone())),
                Matcher::Words(w) => list.extend(w.iter().map(|(k, v)| (k.clone(), i, v.clone()))),
                Matcher::Pattern(p) => {
                    let flagged = if rule.ignore_case { format!("(?i:{p})") } else { p.clone() };
                    set_patterns.push(flagged);
                    set_owner.push(i);
                    regex = Some(build_regex(p, rule.ignore_case).expect("checked above"));
                }
                Matcher::Builtin(_) => {}
            }
            let follow = rule.followed_by.as_deref().map(|f| build_follow(f, rule.ignore_case).expect("checked above"));
            compiled.push(CompiledRule { rule, regex, follow });
        }
        let set = RegexSetBuilder::new(&set_patterns)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| StyleError::new(None, format!("the patterns do not compile together: {}", regex_reason(e))))?;
        let literals = [LiteralPass::build(exact, false)?, LiteralPass::build(folded, true)?].into_iter().flatten().collect();
        Ok(CompiledBook { rules: compiled, literals, set, set_owner })
    }

    /// The default book, compiled once.
    pub fn default_book() -> &'static CompiledBook {
        static BOOK: OnceLock<CompiledBook> = OnceLock::new();
        BOOK.get_or_init(|| CompiledBook::new(StyleBook::default_book()).expect("the default style book compiles"))
    }

    /// The rules in force, in order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().map(|r| &r.rule)
    }

    /// The rule in force with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules().find(|r| r.id == id)
    }
}

impl std::fmt::Debug for CompiledBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CompiledBook").field("rules", &self.rules.iter().map(|r| &r.rule.id).collect::<Vec<_>>()).finish()
    }
}
