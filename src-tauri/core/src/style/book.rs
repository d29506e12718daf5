//! A style book: its TOML form, reading and writing it, and the rules it puts in force
//! (the default book, then the outlet's overrides and own rules).
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::compile::{check_rule, RulePart};
use super::rule::{Boundary, Builtin, Field, Language, Matcher, Rule, Severity};

/// The default book, embedded in the binary.
pub const DEFAULT_BOOK_TOML: &str = include_str!("default.toml");

/// Why a style book was refused. `line` and `column` (1-based) point into the TOML text
/// when the book came from one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{reason}", location(*.line, *.column))]
pub struct StyleError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The rule the problem is in, when it is in one.
    pub rule: Option<String>,
    pub reason: String,
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: "),
        (Some(l), None) => format!("line {l}: "),
        _ => String::new(),
    }
}

impl StyleError {
    pub(crate) fn new(rule: Option<&str>, reason: impl Into<String>) -> StyleError {
        StyleError { line: None, column: None, rule: rule.map(str::to_string), reason: reason.into() }
    }

    fn at(mut self, source: &str, span: Range<usize>) -> StyleError {
        let before = &source[..span.start.min(source.len())];
        self.line = Some(before.matches('\n').count() + 1);
        self.column = Some(before.rsplit('\n').next().unwrap_or("").chars().count() + 1);
        self
    }
}

/// What an outlet's book starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Base {
    /// Newsdesk's default book, changed by the overrides and own rules.
    #[default]
    Default,
    /// Nothing: only the book's own rules.
    None,
}

/// A change to a rule of the base (or to one of the book's own): turn it off or on,
/// change its severity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub rule: String,
    pub enabled: Option<bool>,
    pub severity: Option<Severity>,
}

/// An outlet's style book, as it is imported, edited and exported. [`StyleBook::rules_in_force`]
/// gives the rules it puts in force; [`super::CompiledBook::new`] makes them ready to check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StyleBook {
    pub name: String,
    pub base: Base,
    pub overrides: Vec<Override>,
    /// The outlet's own rules; one with the id of a base rule replaces it.
    pub rules: Vec<Rule>,
}

impl StyleBook {
    /// Newsdesk's default book (the embedded `default.toml`).
    pub fn default_book() -> &'static StyleBook {
        static BOOK: OnceLock<StyleBook> = OnceLock::new();
        BOOK.get_or_init(|| StyleBook::from_toml(DEFAULT_BOOK_TOML).expect("the embedded default style book is valid"))
    }

    /// Reads a book from TOML. A malformed file, an unknown key or value, a pattern that
    /// does not compile, a rule without exactly one matcher, a repeated id or an override
    /// of a rule that does not exist is refused with the line and the reason.
    pub fn from_toml(source: &str) -> Result<StyleBook, StyleError> {
        let raw: BookToml = toml::from_str(source).map_err(|e| {
            let err = StyleError::new(None, e.message().trim_end().to_string());
            match e.span() {
                Some(span) => err.at(source, span),
                None => err,
            }
        })?;
        let mut rules = Vec::with_capacity(raw.rules.len());
        let mut seen = BTreeMap::new();
        for r in raw.rules {
            let id_span = r.id.span();
            let pattern_span = r.pattern.as_ref().map(|p| p.span());
            let follow_span = r.followed_by.as_ref().map(|p| p.span());
            let rule = r.into_rule().map_err(|e| e.at(source, id_span.clone()))?;
            if seen.insert(rule.id.clone(), ()).is_some() {
                return Err(StyleError::new(Some(&rule.id), format!("rule {:?} is defined twice", rule.id))
                    .at(source, id_span));
            }
            if let Err((part, err)) = check_rule(&rule) {
                let span = match part {
                    RulePart::Pattern => pattern_span,
                    RulePart::FollowedBy => follow_span,
                    RulePart::Rule => None,
                };
                return Err(err.at(source, span.unwrap_or(id_span)));
            }
            rules.push(rule);
        }
        let mut overrides = Vec::with_capacity(raw.overrides.len());
        for o in raw.overrides {
            let span = o.rule.span();
            let o = Override { rule: o.rule.into_inner(), enabled: o.enabled, severity: o.severity };
            let known = rules.iter().any(|r| r.id == o.rule)
                || (raw.base == Base::Default && StyleBook::default_book().rules.iter().any(|r| r.id == o.rule));
            if !known {
                return Err(StyleError::new(Some(&o.rule), format!("the override names rule {:?}, which this book does not have", o.rule))
                    .at(source, span));
            }
            overrides.push(o);
        }
        let book = StyleBook { name: raw.name, base: raw.base, overrides, rules };
        // What is left (the rules together in one set) has no line of its own.
        super::CompiledBook::new(&book)?;
        Ok(book)
    }

    /// The book as TOML; [`StyleBook::from_toml`] reads it back to the same book.
    pub fn to_toml(&self) -> String {
        let raw = BookToml {
            name: self.name.clone(),
            base: self.base,
            overrides: self
                .overrides
                .iter()
                .map(|o| OverrideToml { rule: unspanned(o.rule.clone()), enabled: o.enabled, severity: o.severity })
                .collect(),
            rules: self.rules.iter().map(RuleToml::from_rule).collect(),
        };
        toml::to_string(&raw).expect("a style book always serialises")
    }

    /// The rules this book puts in force, in order: the base's, each replaced by an own
    /// rule of the same id, then the other own rules; overrides applied last.
    pub fn rules_in_force(&self) -> Result<Vec<Rule>, StyleError> {
        let mut rules: Vec<Rule> = match self.base {
            Base::Default => StyleBook::default_book().rules.clone(),
            Base::None => Vec::new(),
        };
        for own in &self.rules {
            match rules.iter_mut().find(|r| r.id == own.id) {
                Some(r) => *r = own.clone(),
                None => rules.push(own.clone()),
            }
        }
        for o in &self.overrides {
            let Some(i) = rules.iter().position(|r| r.id == o.rule) else {
                return Err(StyleError::new(Some(&o.rule), format!("the override names rule {:?}, which this book does not have", o.rule)));
            };
            if let Some(s) = o.severity {
                rules[i].severity = s;
            }
            if o.enabled == Some(false) {
                rules.remove(i);
            }
        }
        Ok(rules)
    }

    /// Turns a rule off or back on (an override, kept with the book).
    pub fn set_enabled(&mut self, rule: &str, enabled: bool) {
        self.override_mut(rule).enabled = if enabled { None } else { Some(false) };
        self.drop_empty_overrides();
    }

    /// Sets a rule's severity (an override, kept with the book).
    pub fn set_severity(&mut self, rule: &str, severity: Severity) {
        self.override_mut(rule).severity = Some(severity);
    }

    /// Adds an own rule, or replaces the own rule of that id.
    pub fn put_rule(&mut self, rule: Rule) {
        match self.rules.iter_mut().find(|r| r.id == rule.id) {
            Some(r) => *r = rule,
            None => self.rules.push(rule),
        }
    }

    fn override_mut(&mut self, rule: &str) -> &mut Override {
        let i = match self.overrides.iter().position(|o| o.rule == rule) {
            Some(i) => i,
            None => {
                self.overrides.push(Override { rule: rule.to_string(), enabled: None, severity: None });
                self.overrides.len() - 1
            }
        };
        &mut self.overrides[i]
    }

    fn drop_empty_overrides(&mut self) {
        self.overrides.retain(|o| o.enabled.is_some() || o.severity.is_some());
    }
}

fn unspanned<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

// ---- The TOML form ----

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BookToml {
    #[serde(default)]
    name: String,
    #[serde(default)]
    base: Base,
    #[serde(default, rename = "override", skip_serializing_if = "Vec::is_empty")]
    overrides: Vec<OverrideToml>,
    #[serde(default, rename = "rule", skip_serializing_if = "Vec::is_empty")]
    rules: Vec<RuleToml>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideToml {
    rule: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    severity: Option<Severity>,
}

/// One replacement or several.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }

    fn from_vec(mut v: Vec<String>) -> OneOrMany {
        if v.len() == 1 {
            OneOrMany::One(v.remove(0))
        } else {
            OneOrMany::Many(v)
        }
    }
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_default<T: Default + PartialEq>(v: &T) -> bool {
    *v == T::default()
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleToml {
    id: Spanned<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    literal: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pattern: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    builtin: Option<Builtin>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    suggest: Vec<String>,
    severity: Severity,
    #[serde(default, skip_serializing_if = "is_default")]
    language: Language,
    /// Omitted: every field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fields: Option<Vec<Field>>,
    #[serde(default, skip_serializing_if = "is_default")]
    boundary: Boundary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    followed_by: Option<Spanned<String>>,
    #[serde(default, skip_serializing_if = "is_false")]
    ignore_case: bool,
    message_ko: String,
    message_en: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    example: String,
    /// Last: TOML writes tables after plain values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    words: Option<BTreeMap<String, OneOrMany>>,
}

impl RuleToml {
    fn into_rule(self) -> Result<Rule, StyleError> {
        let id = self.id.into_inner();
        let mut matchers = Vec::new();
        if let Some(l) = self.literal {
            matchers.push(Matcher::Literal(l));
        }
        if let Some(w) = self.words {
            matchers.push(Matcher::Words(w.into_iter().map(|(k, v)| (k, v.into_vec())).collect()));
        }
        if let Some(p) = self.pattern {
            matchers.push(Matcher::Pattern(p.into_inner()));
        }
        if let Some(b) = self.builtin {
            matchers.push(Matcher::Builtin(b));
        }
        if matchers.len() != 1 {
            return Err(StyleError::new(
                Some(&id),
                format!("rule {id:?} needs exactly one of literal, words, pattern or builtin (it has {})", matchers.len()),
            ));
        }
        let mut fields = self.fields.unwrap_or_else(|| Field::ALL.to_vec());
        fields.sort();
        fields.dedup();
        Ok(Rule {
            id,
            matcher: matchers.remove(0),
            suggest: self.suggest,
            message_ko: self.message_ko,
            message_en: self.message_en,
            fields,
            severity: self.severity,
            language: self.language,
            boundary: self.boundary,
            followed_by: self.followed_by.map(Spanned::into_inner),
            ignore_case: self.ignore_case,
            example: self.example,
        })
    }

    fn from_rule(r: &Rule) -> RuleToml {
        let (mut literal, mut words, mut pattern, mut builtin) = (None, None, None, None);
        match &r.matcher {
            Matcher::Literal(l) => literal = Some(l.clone()),
            Matcher::Words(w) => {
                words = Some(w.iter().map(|(k, v)| (k.clone(), OneOrMany::from_vec(v.clone()))).collect())
            }
            Matcher::Pattern(p) => pattern = Some(unspanned(p.clone())),
            Matcher::Builtin(b) => builtin = Some(*b),
        }
        let mut fields = r.fields.clone();
        fields.sort();
        fields.dedup();
        RuleToml {
            id: unspanned(r.id.clone()),
            literal,
            pattern,
            builtin,
            suggest: r.suggest.clone(),
            severity: r.severity,
            language: r.language,
            fields: (fields != Field::ALL).then_some(fields),
            boundary: r.boundary,
            followed_by: r.followed_by.clone().map(unspanned),
            ignore_case: r.ignore_case,
            message_ko: r.message_ko.clone(),
            message_en: r.message_en.clone(),
            example: r.example.clone(),
            words,
        }
    }
}
