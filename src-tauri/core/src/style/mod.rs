//! House style: the outlet's rules checked against an article's or an edition's text, and
//! the pre-flight checklist (issue 15).
//!
//! - `rule` holds a rule and its parts ([`Rule`], [`Matcher`], [`Field`], [`Severity`]).
//! - `book` reads and writes a style book as TOML ([`StyleBook`]) and works out the rules
//!   it puts in force (the default book, then the outlet's own rules and overrides).
//! - `compile` makes them ready ([`CompiledBook`]): every pattern compiled once, one
//!   `RegexSet` pass, one Aho-Corasick pass over every literal and word-list entry.
//! - `check` runs them over a field, an article or an edition ([`Finding`], [`Ignored`]).
//! - `builtin` holds the rules a regular expression cannot say (a repeated word, a long
//!   headline, English numbers under ten).
//! - `fix` applies suggestions ([`apply_fix`], [`fix_all`]).
//! - `preflight` is the checklist before an export ([`preflight_article`], [`preflight_roundup`]).
//! - `default.toml` is the default book, in the form outlets write theirs; `README.md`
//!   beside this file describes the format.
//!
//! Offsets in a [`Finding`] count characters (Unicode scalar values) of the field's
//! text; the body's text is its paragraphs joined by `\n` ([`body_text`]).
//!
//! ```
//! use newsdesk_core::style::{CompiledBook, Field, StyleContext, apply_fix};
//! let book = CompiledBook::default_book();
//! let text = "시는 새 노선을 발표하였다.";
//! let findings = book.check_field(Field::Body, None, text, &StyleContext::default());
//! assert_eq!(findings[0].rule, "ko.hayeotda");
//! assert_eq!((findings[0].start, findings[0].end), (11, 14));
//! assert_eq!(apply_fix(text, &findings[0], 0).unwrap(), "시는 새 노선을 발표했다.");
//! ```
//!
//! # The default book
//!
//! | id | severity | language | fields | example |
//! | --- | --- | --- | --- | --- |
//! | `ko.hayeotda` | error | ko | all | 발표하였으며 → 발표했으며 (every ending of 하였-) |
//! | `ko.ampm` | error | ko | all | 하오 3시 → 오후 3시 |
//! | `ko.time_approx` | warning | ko | all | 오후 3시경 → 3시께 |
//! | `ko.loanword` | error | ko | all | 컨텐츠 → 콘텐츠, 메세지 → 메시지 (67 entries) |
//! | `ko.unit_space` | warning | ko | all | 3,000 원 → 3,000원 (원 명 개 건 곳 년 월 일 시 분 세 배; not `2 일본`) |
//! | `unit.percent_space` | warning | any | all | 3.1 % → 3.1% |
//! | `space.double` | warning | any | all | 시장은␣␣밝혔다 → 시장은 밝혔다 |
//! | `word.repeated` | warning | any | all | 정부는 정부는 → 정부는; the the → the |
//! | `headline.length` | warning | any | headlines | a headline over [`StyleContext::headline_max_chars`] |
//! | `en.small_numbers` | warning | en | not headlines | hired 3 inspectors → three (figures stay for ages, %, dates, times, measures) |
//! | `en.per_cent` | warning | en | all | 4 per cent → 4 percent |
//! | `en.alot` | error | en | all | alot → a lot |
//! | `en.email` | hint | en | all | e-mail → email |
//! | `punct.ellipsis` | hint | any | all | 그래서... → 그래서… |
mod book;
mod builtin;
mod check;
mod compile;
mod fix;
pub mod preflight;
mod rule;

pub use book::{Base, Override, StyleBook, StyleError, DEFAULT_BOOK_TOML};
pub use check::{article_texts, body_text, fields_texts, roundup_texts, FieldText, Finding, Ignored, StyleContext};
pub use compile::CompiledBook;
pub use fix::{apply_fix, fix_all};
pub use preflight::{preflight_article, preflight_roundup, Preflight, PreflightItem, PreflightPolicy};
pub use rule::{Boundary, Builtin, Field, Language, Matcher, Rule, Severity};
