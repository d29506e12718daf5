//! One rule of a style book and the values it is made of.
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How serious a finding is. `Error` findings make `newsdesk lint` exit 1 and count as
/// "style errors left" in the pre-flight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Hint,
}

/// The language a rule is written for. `Any` rules run on every text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ko,
    En,
    #[default]
    Any,
}

impl Language {
    /// `ko`, `ko-KR` → Ko; `en`, `en-GB` → En; anything else (including empty) → Any.
    pub fn from_tag(tag: &str) -> Language {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "ko" => Language::Ko,
            "en" => Language::En,
            _ => Language::Any,
        }
    }

    /// Korean when the text holds a Hangul syllable, English otherwise.
    pub fn guess(text: &str) -> Language {
        if text.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c)) {
            Language::Ko
        } else {
            Language::En
        }
    }

    /// True when a rule for `self` runs on a text in `text_language`.
    pub fn covers(self, text_language: Language) -> bool {
        self == Language::Any || text_language == Language::Any || self == text_language
    }
}

/// The text fields a rule can look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Headline,
    Deck,
    Summary,
    /// The body's paragraphs joined by `\n` ([`crate::text::plain::doc_paragraphs`]).
    Body,
    /// An edition's lead headline (the edition's title is checked as `Headline`).
    LeadHeadline,
    BriefHeadline,
    BriefSummary,
    Transition,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::Headline,
        Field::Deck,
        Field::Summary,
        Field::Body,
        Field::LeadHeadline,
        Field::BriefHeadline,
        Field::BriefSummary,
        Field::Transition,
    ];

    /// True for the fields that are headlines (the headline length rule looks at these).
    pub fn is_headline(self) -> bool {
        matches!(self, Field::Headline | Field::LeadHeadline | Field::BriefHeadline)
    }
}

/// The checks written in Rust, for what a regular expression cannot say (the `regex` crate
/// has no back-references and no look-around).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Builtin {
    /// The same word twice in a row (`the the`, `정부는 정부는`).
    RepeatedWord,
    /// A headline longer than [`super::StyleContext::headline_max_chars`].
    HeadlineLength,
    /// English: a number from 1 to 9 written in figures outside ages, percentages, dates,
    /// times and measures.
    SmallNumbers,
}

impl Builtin {
    pub fn as_str(self) -> &'static str {
        match self {
            Builtin::RepeatedWord => "repeated_word",
            Builtin::HeadlineLength => "headline_length",
            Builtin::SmallNumbers => "small_numbers",
        }
    }
}

/// Where a match may stand relative to the letters around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Boundary {
    /// Anywhere, even inside a word (Korean particles attach to the word before them).
    #[default]
    None,
    /// Not right after a letter or digit.
    Start,
    /// Neither right after nor right before a letter or digit (a whole English word).
    Word,
}

/// What a rule looks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matcher {
    /// One exact text; the rule's `suggest` are the replacements.
    Literal(String),
    /// Many exact texts, each with its own replacement(s), found in one pass.
    Words(BTreeMap<String, Vec<String>>),
    /// A regular expression (`regex` crate syntax); `suggest` are templates that may use
    /// capture groups (`${1}`, `${name}`).
    Pattern(String),
    /// A check written in Rust.
    Builtin(Builtin),
}

/// A rule, as a style book holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub id: String,
    pub matcher: Matcher,
    /// Replacements (templates for a pattern). Empty for a word list, whose entries carry
    /// their own, and for rules with nothing to offer (a headline too long).
    pub suggest: Vec<String>,
    pub message_ko: String,
    pub message_en: String,
    pub fields: Vec<Field>,
    pub severity: Severity,
    pub language: Language,
    pub boundary: Boundary,
    /// A regular expression that must match right after the match (anchored there; `$`
    /// for the end of the field). Stands in for the look-ahead the `regex` crate lacks.
    pub followed_by: Option<String>,
    /// Letters match regardless of case (literals, word lists and patterns alike).
    pub ignore_case: bool,
    /// A sentence that breaks the rule and its fix, for the documentation.
    pub example: String,
}

impl Rule {
    /// True when the rule looks at `field` in a text of `language`.
    pub fn applies(&self, field: Field, language: Language) -> bool {
        self.fields.contains(&field) && self.language.covers(language)
    }
}
