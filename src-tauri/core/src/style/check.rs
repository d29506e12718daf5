//! Checking text: the findings of one field, of an article, of an edition; the ignore list.
use serde::{Deserialize, Serialize};

use super::builtin;
use super::compile::{CompiledBook, CompiledRule};
use super::rule::{Boundary, Field, Language, Matcher, Severity};
use crate::model::{Article, ArticleFields};
use crate::roundup::RoundupFields;
use crate::text::plain::doc_paragraphs;

/// What the outlet sets around the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct StyleContext {
    /// The longest headline, in characters (Unicode scalar values); `None`: no limit.
    pub headline_max_chars: Option<usize>,
    /// The text's language; `None`: the article's `language`, else guessed from the text
    /// (Korean when it holds Hangul).
    pub language: Option<Language>,
}

/// One place where the text breaks a rule. `start` and `end` count characters (Unicode
/// scalar values, not bytes) of the field's text; for the body that text is its
/// paragraphs joined by `\n`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub field: Field,
    /// For `brief_headline` and `brief_summary`: which brief (0-based).
    pub brief: Option<usize>,
    pub start: usize,
    pub end: usize,
    /// The text at `start..end`.
    pub text: String,
    pub message_ko: String,
    pub message_en: String,
    /// Replacements for `text`, best first; may be empty.
    pub suggestions: Vec<String>,
}

/// "Ignore here": findings of this rule, in this field, on exactly this text are not
/// reported. The caller keeps the list with the article.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Ignored {
    pub rule: String,
    pub field: Field,
    pub text: String,
}

impl Ignored {
    /// The entry that ignores `finding`.
    pub fn of(finding: &Finding) -> Ignored {
        Ignored { rule: finding.rule.clone(), field: finding.field, text: finding.text.clone() }
    }

    pub fn covers(&self, finding: &Finding) -> bool {
        self.rule == finding.rule && self.field == finding.field && self.text == finding.text
    }
}

/// One field's text, as the checker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldText {
    pub field: Field,
    pub brief: Option<usize>,
    pub text: String,
}

impl FieldText {
    fn new(field: Field, brief: Option<usize>, text: impl Into<String>) -> FieldText {
        FieldText { field, brief, text: text.into() }
    }
}

/// The body's text: its paragraphs joined by `\n`.
pub fn body_text(doc: &crate::model::Doc) -> String {
    doc_paragraphs(doc).join("\n")
}

/// The texts of an article that the checker reads: headline, deck, summary, body.
pub fn article_texts(article: &Article) -> Vec<FieldText> {
    texts_of(&article.headline, &article.deck, &article.summary, &article.body)
}

/// The same texts of an article not stored (a file read by the importer).
pub fn fields_texts(fields: &ArticleFields) -> Vec<FieldText> {
    texts_of(&fields.headline, &fields.deck, &fields.summary, &fields.body)
}

fn texts_of(headline: &str, deck: &str, summary: &str, body: &crate::model::Doc) -> Vec<FieldText> {
    vec![
        FieldText::new(Field::Headline, None, headline),
        FieldText::new(Field::Deck, None, deck),
        FieldText::new(Field::Summary, None, summary),
        FieldText::new(Field::Body, None, body_text(body)),
    ]
}

/// The texts of an edition: title (as `headline`), lead headline, lead body (as `body`),
/// transition, and each brief's headline and summary with its index.
pub fn roundup_texts(edition: &RoundupFields) -> Vec<FieldText> {
    let mut out = vec![
        FieldText::new(Field::Headline, None, edition.title.as_str()),
        FieldText::new(Field::LeadHeadline, None, edition.lead.headline.as_str()),
        FieldText::new(Field::Body, None, body_text(&edition.lead.body)),
        FieldText::new(Field::Transition, None, edition.transition.as_str()),
    ];
    for (i, b) in edition.items.iter().enumerate() {
        out.push(FieldText::new(Field::BriefHeadline, Some(i), b.headline.as_str()));
        out.push(FieldText::new(Field::BriefSummary, Some(i), b.summary.as_str()));
    }
    out
}

/// A match before it becomes a finding: byte offsets, replacements, and the numbers a
/// builtin's message fills in (`{chars}`, `{limit}`).
pub(crate) struct Hit {
    pub rule: usize,
    pub start: usize,
    pub end: usize,
    pub suggest: Vec<String>,
    pub fill: Option<(usize, usize)>,
}

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

/// The boundary and `followed_by` conditions of `rule` around `start..end`.
fn accept(rule: &CompiledRule, text: &str, start: usize, end: usize) -> bool {
    let before = || is_word_char(text[..start].chars().next_back());
    let after = || is_word_char(text[end..].chars().next());
    let bounded = match rule.rule.boundary {
        Boundary::None => true,
        Boundary::Start => !before(),
        Boundary::Word => !before() && !after(),
    };
    bounded && rule.follow.as_ref().is_none_or(|f| f.is_match(&text[end..]))
}

impl CompiledBook {
    /// The findings of one field's text, in order of position.
    pub fn check_field(&self, field: Field, brief: Option<usize>, text: &str, ctx: &StyleContext) -> Vec<Finding> {
        let language = ctx.language.unwrap_or_else(|| Language::guess(text));
        self.check_in(field, brief, text, language, ctx)
    }

    /// The findings of an article (headline, deck, summary, body), minus the ignored.
    pub fn check_article(&self, article: &Article, ctx: &StyleContext, ignored: &[Ignored]) -> Vec<Finding> {
        self.check_tagged(&article_texts(article), &article.language, ctx, ignored)
    }

    /// The findings of an article's fields that are not stored (a file to lint).
    pub fn check_fields(&self, fields: &ArticleFields, ctx: &StyleContext, ignored: &[Ignored]) -> Vec<Finding> {
        self.check_tagged(&fields_texts(fields), &fields.language, ctx, ignored)
    }

    /// Texts in the language `tag` names, or the one guessed from them.
    fn check_tagged(&self, texts: &[FieldText], tag: &str, ctx: &StyleContext, ignored: &[Ignored]) -> Vec<Finding> {
        let language = ctx.language.unwrap_or_else(|| match Language::from_tag(tag) {
            Language::Any => guess_all(texts),
            known => known,
        });
        self.check_texts(texts, language, ctx, ignored)
    }

    /// The findings of an edition (title, lead, transition, briefs), minus the ignored.
    pub fn check_roundup(&self, edition: &RoundupFields, ctx: &StyleContext, ignored: &[Ignored]) -> Vec<Finding> {
        let texts = roundup_texts(edition);
        let language = ctx.language.unwrap_or_else(|| guess_all(&texts));
        self.check_texts(&texts, language, ctx, ignored)
    }

    /// The findings of several texts of one language, minus the ignored.
    pub fn check_texts(&self, texts: &[FieldText], language: Language, ctx: &StyleContext, ignored: &[Ignored]) -> Vec<Finding> {
        texts
            .iter()
            .flat_map(|t| self.check_in(t.field, t.brief, &t.text, language, ctx))
            .filter(|f| !ignored.iter().any(|i| i.covers(f)))
            .collect()
    }

    fn check_in(&self, field: Field, brief: Option<usize>, text: &str, language: Language, ctx: &StyleContext) -> Vec<Finding> {
        if text.is_empty() {
            return Vec::new();
        }
        let active: Vec<bool> = self.rules.iter().map(|r| r.rule.applies(field, language)).collect();
        if !active.contains(&true) {
            return Vec::new();
        }
        let mut hits = Vec::new();
        for pass in &self.literals {
            for m in pass.automaton.find_overlapping_iter(text) {
                let (rule, suggest) = &pass.owners[m.pattern().as_usize()];
                if active[*rule] && accept(&self.rules[*rule], text, m.start(), m.end()) {
                    hits.push(Hit { rule: *rule, start: m.start(), end: m.end(), suggest: suggest.clone(), fill: None });
                }
            }
        }
        for idx in self.set.matches(text).iter() {
            let rule = self.set_owner[idx];
            if !active[rule] {
                continue;
            }
            let compiled = &self.rules[rule];
            let regex = compiled.regex.as_ref().expect("a pattern rule has its regex");
            for caps in regex.captures_iter(text) {
                let m = caps.get(0).expect("group 0 is the match");
                if m.is_empty() || !accept(compiled, text, m.start(), m.end()) {
                    continue;
                }
                let suggest = compiled
                    .rule
                    .suggest
                    .iter()
                    .map(|t| {
                        let mut s = String::new();
                        caps.expand(t, &mut s);
                        s
                    })
                    .collect();
                hits.push(Hit { rule, start: m.start(), end: m.end(), suggest, fill: None });
            }
        }
        for (rule, compiled) in self.rules.iter().enumerate() {
            if let (true, Matcher::Builtin(b)) = (active[rule], &compiled.rule.matcher) {
                for hit in builtin::run(*b, rule, field, text, ctx) {
                    if accept(compiled, text, hit.start, hit.end) {
                        hits.push(hit);
                    }
                }
            }
        }
        self.findings(field, brief, text, hits)
    }

    /// Longest match first at each place, no two overlapping matches of one rule; byte
    /// offsets turned into character offsets in one walk.
    fn findings(&self, field: Field, brief: Option<usize>, text: &str, mut hits: Vec<Hit>) -> Vec<Finding> {
        hits.sort_by(|a, b| (a.rule, a.start, std::cmp::Reverse(a.end)).cmp(&(b.rule, b.start, std::cmp::Reverse(b.end))));
        let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            match kept.last() {
                Some(k) if k.rule == h.rule && h.start < k.end => {}
                _ => kept.push(h),
            }
        }
        kept.sort_by(|a, b| (a.start, a.end, &self.rules[a.rule].rule.id).cmp(&(b.start, b.end, &self.rules[b.rule].rule.id)));
        let mut chars = CharCounter::new(text);
        kept.into_iter()
            .map(|h| {
                let rule = &self.rules[h.rule].rule;
                let fill = |m: &str| match h.fill {
                    Some((n, limit)) => m.replace("{chars}", &n.to_string()).replace("{limit}", &limit.to_string()),
                    None => m.to_string(),
                };
                Finding {
                    rule: rule.id.clone(),
                    severity: rule.severity,
                    field,
                    brief,
                    start: chars.at(h.start),
                    end: chars.at(h.end),
                    text: text[h.start..h.end].to_string(),
                    message_ko: fill(&rule.message_ko),
                    message_en: fill(&rule.message_en),
                    suggestions: h.suggest,
                }
            })
            .collect()
    }
}

fn guess_all(texts: &[FieldText]) -> Language {
    if texts.iter().any(|t| Language::guess(&t.text) == Language::Ko) {
        Language::Ko
    } else {
        Language::En
    }
}

/// Character offsets of byte offsets asked in any order, cheap when asked in order.
struct CharCounter<'a> {
    text: &'a str,
    byte: usize,
    chars: usize,
}

impl<'a> CharCounter<'a> {
    fn new(text: &'a str) -> Self {
        CharCounter { text, byte: 0, chars: 0 }
    }

    fn at(&mut self, byte: usize) -> usize {
        if byte < self.byte {
            self.byte = 0;
            self.chars = 0;
        }
        self.chars += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.chars
    }
}
