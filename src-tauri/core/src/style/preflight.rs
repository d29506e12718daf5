//! The pre-flight checklist, run before an export and when a piece is set to ready.
//!
//! Every item is listed, passed or not, so the checklist shows what was checked. An item
//! the outlet's [`PreflightPolicy`] names in `blocking` stops the export when it fails;
//! the others only warn.
//!
//! | id | what | field |
//! | --- | --- | --- |
//! | `headline` | the headline (an edition's title) is there | headline |
//! | `byline` | an article has a byline name | — |
//! | `summary` | an article has a summary | summary |
//! | `headline_length` | the headline is within `headline_max_chars` | headline |
//! | `summary_length` | the summary is within `summary_max_chars` | summary |
//! | `summary_sentences` | the summary has `summary_min_sentences` to `summary_max_sentences` sentences | summary |
//! | `style_errors` | no error-severity style finding is left (ignored ones do not count) | — |
//! | `image_alt`, `image_caption`, `image_credit` | each image has them (`image`: which, in document order) | body |
//! | `link_https` | every web link is `https:` (`mailto:` is fine); `detail` is the address | body or brief |
//! | `briefs` | an edition has at least one brief | — |
//! | `brief_headline`, `brief_summary` | every brief has them (`brief`: which) | brief_headline, brief_summary |
//! | `signoff` | an edition's sign-off names the outlet | — |
use serde::{Deserialize, Serialize};

use super::check::{Ignored, StyleContext};
use super::compile::CompiledBook;
use super::rule::{Field, Severity};
use crate::model::{Article, Block, Doc, Inline, Mark};
use crate::roundup::{count_sentences, RoundupFields};

/// Which items block and the limits they measure against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct PreflightPolicy {
    pub headline_max_chars: usize,
    pub summary_max_chars: usize,
    pub summary_min_sentences: u32,
    pub summary_max_sentences: u32,
    /// Ids of the items that block when they fail; the others only warn.
    pub blocking: Vec<String>,
}

impl Default for PreflightPolicy {
    fn default() -> Self {
        PreflightPolicy {
            headline_max_chars: 40,
            summary_max_chars: 200,
            summary_min_sentences: 2,
            summary_max_sentences: 3,
            blocking: vec!["headline".into(), "brief_headline".into()],
        }
    }
}

impl PreflightPolicy {
    /// The style context the checklist's style check runs with.
    pub fn style_context(&self) -> StyleContext {
        StyleContext { headline_max_chars: Some(self.headline_max_chars), language: None }
    }
}

/// One line of the checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PreflightItem {
    pub id: String,
    pub ok: bool,
    /// The policy makes this item block (it stops the export only when it is not `ok`).
    pub blocking: bool,
    /// Where to jump to fix it.
    pub field: Option<Field>,
    pub brief: Option<usize>,
    /// For image items: which image, counting the body's images in document order.
    pub image: Option<usize>,
    /// The address of a link, the number of style errors, …; may be empty.
    pub detail: String,
    pub message_ko: String,
    pub message_en: String,
}

/// The checklist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Preflight {
    pub items: Vec<PreflightItem>,
}

impl Preflight {
    /// True when a blocking item failed: the export must wait.
    pub fn blocked(&self) -> bool {
        self.items.iter().any(|i| i.blocking && !i.ok)
    }

    /// The items that failed, blocking or not.
    pub fn failures(&self) -> impl Iterator<Item = &PreflightItem> {
        self.items.iter().filter(|i| !i.ok)
    }

    /// The item of this id (the first, for items listed once per image or brief).
    pub fn item(&self, id: &str) -> Option<&PreflightItem> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// Builds the list, filling `blocking` from the policy.
struct List<'a> {
    policy: &'a PreflightPolicy,
    items: Vec<PreflightItem>,
}

impl<'a> List<'a> {
    fn push(&mut self, id: &str, ok: bool, field: Option<Field>, ko: impl Into<String>, en: impl Into<String>) -> &mut PreflightItem {
        self.items.push(PreflightItem {
            id: id.to_string(),
            ok,
            blocking: self.policy.blocking.iter().any(|b| b == id),
            field,
            brief: None,
            image: None,
            detail: String::new(),
            message_ko: ko.into(),
            message_en: en.into(),
        });
        self.items.last_mut().expect("just pushed")
    }

    fn headline(&mut self, headline: &str) {
        let chars = headline.trim().chars().count();
        let max = self.policy.headline_max_chars;
        self.push("headline", chars > 0, Some(Field::Headline), "제목을 쓰세요.", "Write a headline.");
        self.push(
            "headline_length",
            chars <= max,
            Some(Field::Headline),
            format!("제목이 {chars}자입니다. {max}자 이내로 줄이세요."),
            format!("The headline has {chars} characters; keep it within {max}."),
        );
    }

    fn summary(&mut self, summary: &str) {
        let p = self.policy;
        let chars = summary.trim().chars().count();
        let sentences = count_sentences(summary);
        let (min, max) = (p.summary_min_sentences, p.summary_max_sentences);
        self.push("summary", chars > 0, Some(Field::Summary), "요약을 쓰세요.", "Write a summary.");
        self.push(
            "summary_length",
            chars <= p.summary_max_chars,
            Some(Field::Summary),
            format!("요약이 {chars}자입니다. {}자 이내로 줄이세요.", p.summary_max_chars),
            format!("The summary has {chars} characters; keep it within {}.", p.summary_max_chars),
        );
        self.push(
            "summary_sentences",
            chars == 0 || (min..=max).contains(&sentences),
            Some(Field::Summary),
            format!("요약이 {sentences}문장입니다. {min}~{max}문장으로 쓰세요."),
            format!("The summary has {sentences} sentence(s); write {min} to {max}."),
        );
    }

    fn style_errors(&mut self, errors: usize) {
        self.push(
            "style_errors",
            errors == 0,
            None,
            format!("표기 원칙 오류가 {errors}건 남아 있습니다."),
            format!("{errors} style error(s) left."),
        )
        .detail = errors.to_string();
    }

    fn images(&mut self, doc: &Doc) {
        let images: Vec<_> = doc
            .blocks()
            .filter_map(|b| match b {
                Block::Image { attrs } => Some(attrs),
                _ => None,
            })
            .collect();
        type Part = (&'static str, &'static str, &'static str, fn(&crate::model::doc::ImageAttrs) -> &str);
        let parts: [Part; 3] = [
            ("image_alt", "대체 텍스트가", "alt text", |a| &a.alt),
            ("image_caption", "사진 설명이", "caption", |a| &a.caption),
            ("image_credit", "사진 출처가", "credit", |a| &a.credit),
        ];
        for (id, ko, en, get) in parts {
            let missing: Vec<usize> =
                images.iter().enumerate().filter(|(_, a)| get(a).trim().is_empty()).map(|(i, _)| i).collect();
            if missing.is_empty() {
                self.push(id, true, Some(Field::Body), format!("모든 사진에 {ko} 있습니다."), format!("Every image has its {en}."));
            }
            for i in missing {
                let item = self.push(
                    id,
                    false,
                    Some(Field::Body),
                    format!("{}번째 사진에 {ko} 없습니다.", i + 1),
                    format!("Add the {en} of image {}.", i + 1),
                );
                item.image = Some(i);
                item.detail = images[i].asset.clone();
            }
        }
    }

    /// `links`: (field, brief, address) of every link.
    fn links(&mut self, links: Vec<(Field, Option<usize>, String)>) {
        let bad: Vec<_> = links.into_iter().filter(|(_, _, href)| !is_secure(href)).collect();
        if bad.is_empty() {
            self.push("link_https", true, None, "모든 링크가 https입니다.", "Every link is https.");
        }
        for (field, brief, href) in bad {
            let item = self.push(
                "link_https",
                false,
                Some(field),
                format!("https가 아닌 링크가 있습니다: {href}"),
                format!("This link is not https: {href}"),
            );
            item.brief = brief;
            item.detail = href;
        }
    }
}

fn is_secure(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// The address of every link of a document, in order.
fn doc_links(doc: &Doc) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for b in doc.blocks() {
        if let Block::Paragraph { content } | Block::Heading { content, .. } = b {
            for i in content {
                if let Inline::Text { marks, .. } = i {
                    for m in marks {
                        if let Mark::Link { attrs } = m {
                            // A link split over several text nodes (bold inside it) counts once.
                            if out.last() != Some(&attrs.href) {
                                out.push(attrs.href.clone());
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn count_errors(findings: &[super::Finding]) -> usize {
    findings.iter().filter(|f| f.severity == Severity::Error).count()
}

/// The checklist of an article. The style check runs with `book`, the policy's headline
/// limit and the article's ignore list.
pub fn preflight_article(article: &Article, policy: &PreflightPolicy, book: &CompiledBook, ignored: &[Ignored]) -> Preflight {
    let mut list = List { policy, items: Vec::new() };
    list.headline(&article.headline);
    list.push("byline", !article.byline.name.trim().is_empty(), None, "기자 이름을 쓰세요.", "Add the byline.");
    list.summary(&article.summary);
    list.style_errors(count_errors(&book.check_article(article, &policy.style_context(), ignored)));
    list.images(&article.body);
    list.links(doc_links(&article.body).into_iter().map(|h| (Field::Body, None, h)).collect());
    Preflight { items: list.items }
}

/// The checklist of an edition: title, style, the lead's images and links, the briefs'
/// links, every brief's headline and summary, the sign-off.
pub fn preflight_roundup(edition: &RoundupFields, policy: &PreflightPolicy, book: &CompiledBook, ignored: &[Ignored]) -> Preflight {
    let mut list = List { policy, items: Vec::new() };
    list.headline(&edition.title);
    list.style_errors(count_errors(&book.check_roundup(edition, &policy.style_context(), ignored)));
    list.images(&edition.lead.body);
    let mut links: Vec<_> = doc_links(&edition.lead.body).into_iter().map(|h| (Field::Body, None, h)).collect();
    for (i, b) in edition.items.iter().enumerate() {
        if let Some(href) = b.link.as_ref().filter(|h| !h.trim().is_empty()) {
            links.push((Field::BriefHeadline, Some(i), href.clone()));
        }
    }
    list.links(links);
    list.push("briefs", !edition.items.is_empty(), None, "꼭지를 하나 이상 넣으세요.", "Add at least one brief.");
    type Part = (&'static str, Field, &'static str, &'static str, fn(&crate::roundup::Brief) -> &str);
    let parts: [Part; 2] = [
        ("brief_headline", Field::BriefHeadline, "제목이", "headline", |b| &b.headline),
        ("brief_summary", Field::BriefSummary, "요약이", "summary", |b| &b.summary),
    ];
    for (id, field, ko, en, get) in parts {
        let missing: Vec<usize> =
            edition.items.iter().enumerate().filter(|(_, b)| get(b).trim().is_empty()).map(|(i, _)| i).collect();
        if missing.is_empty() {
            list.push(id, true, Some(field), format!("모든 꼭지에 {ko} 있습니다."), format!("Every brief has a {en}."));
        }
        for i in missing {
            list.push(
                id,
                false,
                Some(field),
                format!("{}번째 꼭지에 {ko} 없습니다.", i + 1),
                format!("Write the {en} of brief {}.", i + 1),
            )
            .brief = Some(i);
        }
    }
    list.push(
        "signoff",
        !edition.signoff.outlet.trim().is_empty(),
        None,
        "맺음말에 매체 이름을 쓰세요.",
        "Set the sign-off (the outlet's name).",
    );
    Preflight { items: list.items }
}
