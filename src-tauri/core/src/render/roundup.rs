//! A weekend roundup as it leaves: a web page, an e-mail, plain text in the outlet's own
//! form, Markdown and JSON Feed 1.1. One view of the edition ([`EditionView`]) feeds the
//! two HTML templates (`roundup.html`, `roundup-email.html`); the text forms are written
//! here.
//!
//! The plain text is the outlet's own form, the one `roundup::parse_edition` reads: the lead
//! paragraphs one per line, the transition line, `■ headline` lines each followed by its
//! summary (and its link on a line of its own), and the sign-off `OUTLET address` last, with
//! no title line and no blank lines unless a [`TextForm`] asks for them; an edition exported
//! as text and imported again has the same parts.
use minijinja::Value;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map};

use super::markdown::{doc_markdown, inline_text};
use super::text::{doc_text, one_line};
use super::{body_html, escape, is_plausible_email, language_of_outlet, ImageMode, RenderContext};
use crate::error::{Error, Result};
use crate::roundup::{Brief, Roundup};

/// The largest logo embedded in an e-mail, as a data URI (mail stays well under 100 KB).
pub const EMAIL_LOGO_MAX_BYTES: usize = 30 * 1024;

/// What a roundup page needs besides the edition and the outlet.
#[derive(Debug, Clone, Default)]
pub struct RoundupExtras {
    /// The outlet's logo as a `data:` URI, or `None`.
    pub logo: Option<String>,
    /// For each brief, the address of its article's exported page when it has one (a file
    /// name beside the edition's own page), in brief order.
    pub article_pages: Vec<Option<String>>,
}

/// Words around the edition, in its language.
#[derive(Serialize)]
struct EditionLabels {
    edition: &'static str,
    briefs: &'static str,
    read_more: &'static str,
}

fn edition_labels(lang: &str) -> EditionLabels {
    if lang.starts_with("ko") {
        EditionLabels { edition: "주말판", briefs: "주요 기사", read_more: "기사 보기" }
    } else {
        EditionLabels { edition: "Weekend edition", briefs: "In brief", read_more: "Read the story" }
    }
}

#[derive(Serialize)]
struct DateView {
    iso: String,
    display: String,
}

/// `2026-11-28` as the edition's language writes it: `2026년 11월 28일 토요일`,
/// `Saturday, 28 November 2026`.
fn edition_date(date: &str, lang: &str) -> Option<DateView> {
    let d = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let display = if lang.starts_with("ko") {
        const DAYS: [&str; 7] = ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"];
        let day = DAYS[chrono::Datelike::weekday(&d).num_days_from_monday() as usize];
        format!("{}년 {}월 {}일 {day}", chrono::Datelike::year(&d), chrono::Datelike::month(&d), chrono::Datelike::day(&d))
    } else {
        d.format("%A, %-d %B %Y").to_string()
    };
    Some(DateView { iso: d.format("%Y-%m-%d").to_string(), display })
}

#[derive(Serialize)]
struct ItemView {
    n: usize,
    headline: String,
    /// Paragraphs, each a list of lines (a single newline is a line break).
    summary: Vec<Vec<String>>,
    href: Option<String>,
}

#[derive(Serialize)]
struct SignoffView {
    outlet: String,
    email: String,
    mailto: String,
}

#[derive(Serialize)]
struct OutletView {
    name: String,
    site_url: String,
}

/// What the roundup templates are given. Every string is escaped by autoescape except
/// `lead_html`, which Rust built escaped.
#[derive(Serialize)]
struct EditionView {
    lang: String,
    title: String,
    date: Option<DateView>,
    lead_headline: String,
    lead_html: Value,
    /// The start of the lead as one line: the e-mail's hidden preheader, the description.
    preheader: String,
    transition: String,
    items: Vec<ItemView>,
    signoff: SignoffView,
    outlet: OutletView,
    logo: Option<String>,
    labels: EditionLabels,
}

/// A web address safe for `href`: http(s) only.
fn web_link(s: &str) -> Option<String> {
    let t = s.trim();
    let l = t.to_ascii_lowercase();
    ((l.starts_with("https://") || l.starts_with("http://")) && crate::model::doc::is_allowed_href(t)).then(|| t.to_string())
}

/// Where a brief's headline links: its own link, else its article's exported page.
fn brief_href(b: &Brief, page: Option<&String>) -> Option<String> {
    b.link.as_deref().and_then(web_link).or_else(|| page.cloned())
}

fn summary_paragraphs(summary: &str) -> Vec<Vec<String>> {
    summary
        .split("\n\n")
        .map(|p| p.lines().map(one_line).filter(|l| !l.is_empty()).collect::<Vec<_>>())
        .filter(|p| !p.is_empty())
        .collect()
}

/// The title, or the edition label with its date when the edition has no title.
fn title_of(r: &Roundup, lang: &str) -> String {
    let t = one_line(&r.title);
    if !t.is_empty() {
        return t;
    }
    dated_edition_title(&r.edition_date, lang)
}

/// The title an edition without one goes by: `주말판 2026년 12월 5일 토요일` (or the
/// outlet language's words), from its date.
pub fn dated_edition_title(date: &str, lang: &str) -> String {
    let label = edition_labels(lang).edition;
    match edition_date(date, lang) {
        Some(d) => format!("{label} {}", d.display),
        None => label.to_string(),
    }
}

fn view(r: &Roundup, ctx: &RenderContext, extras: &RoundupExtras, logo_limit: Option<usize>, images: ImageMode<'_>) -> Result<EditionView> {
    let lang = language_of_outlet(ctx.outlet);
    let lead_plain = doc_text(&r.lead.body, &lang);
    let email = r.signoff.email.trim().to_string();
    let site = web_link(&ctx.outlet.site_url).unwrap_or_default();
    Ok(EditionView {
        title: title_of(r, &lang),
        date: edition_date(&r.edition_date, &lang),
        lead_headline: one_line(&r.lead.headline),
        lead_html: Value::from_safe_string(body_html(&r.lead.body, ctx, images)?),
        preheader: super::shorten(&one_line(&lead_plain), 140),
        transition: one_line(&r.transition),
        items: r
            .items
            .iter()
            .enumerate()
            .map(|(i, b)| ItemView {
                n: i + 1,
                headline: one_line(&b.headline),
                summary: summary_paragraphs(&b.summary),
                href: brief_href(b, extras.article_pages.get(i).and_then(Option::as_ref)),
            })
            .collect(),
        signoff: SignoffView {
            outlet: one_line(&r.signoff.outlet),
            mailto: if is_plausible_email(&email) { format!("mailto:{}", escape::url(&email)) } else { String::new() },
            email,
        },
        outlet: OutletView { name: one_line(&ctx.outlet.name), site_url: site },
        logo: extras.logo.clone().filter(|l| logo_limit.is_none_or(|max| l.len() <= max)),
        labels: edition_labels(&lang),
        lang,
    })
}

/// The edition as one self-contained web page (template `roundup.html`).
pub fn roundup_html(r: &Roundup, ctx: &RenderContext, extras: &RoundupExtras) -> Result<String> {
    ctx.templates.render("roundup.html", view(r, ctx, extras, None, ImageMode::Embed)?)
}

/// The edition as an e-mail (template `roundup-email.html`): one 600 px column of tables,
/// its style rules inlined into `style` attributes; the dark-mode rules stay in a
/// `<style>` block, since a media query cannot be inlined.
pub fn roundup_email(r: &Roundup, ctx: &RenderContext, extras: &RoundupExtras) -> Result<String> {
    let html = ctx.templates.render("roundup-email.html", view(r, ctx, extras, Some(EMAIL_LOGO_MAX_BYTES), ImageMode::Embed)?)?;
    let inliner = css_inline::CSSInliner::options()
        .keep_style_tags(false)
        .keep_at_rules(true)
        .load_remote_stylesheets(false)
        .build();
    inliner
        .inline(&html)
        .map_err(|e| Error::Invalid(format!("the e-mail's styles could not be inlined: {e}")))
}

/// The edition as the body of one CMS post (template `roundup-post.html`): the lead, the
/// transition, the briefs and the sign-off, no page around them and no styles (the site's
/// theme styles it); pictures at the addresses `images` gives. Returns the title too.
pub fn roundup_post_html(r: &Roundup, ctx: &RenderContext, extras: &RoundupExtras, images: ImageMode<'_>) -> Result<(String, String)> {
    let v = view(r, ctx, extras, None, images)?;
    let title = v.title.clone();
    Ok((title, ctx.templates.render("roundup-post.html", v)?))
}

/// How the plain text of an edition is laid out. The default is the outlet's own form: no
/// title line, no blank lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct TextForm {
    /// Start with the title line (and the lead's headline when it differs).
    pub title_line: bool,
    /// A blank line between parts, between lead paragraphs and between summary paragraphs.
    pub blank_lines: bool,
}

/// The edition as plain text in the form the outlet's settings ask for (see
/// [`roundup_text_with`]).
pub fn roundup_text(r: &Roundup, ctx: &RenderContext) -> String {
    roundup_text_with(r, ctx, ctx.outlet.text_form)
}

/// The edition as plain text: the lead's paragraphs one per line, the transition line,
/// each brief as its `■ headline` line followed by its summary (one line per summary
/// paragraph, then its link), the sign-off `OUTLET address` last, and a final newline.
/// `form` adds the title line and blank lines between parts.
pub fn roundup_text_with(r: &Roundup, ctx: &RenderContext, form: TextForm) -> String {
    let lang = language_of_outlet(ctx.outlet);
    let gap = if form.blank_lines { "\n\n" } else { "\n" };
    let mut parts: Vec<String> = Vec::new();
    if form.title_line {
        let title = title_of(r, &lang);
        let lead_headline = one_line(&r.lead.headline);
        parts.push(title.clone());
        if !lead_headline.is_empty() && lead_headline != title {
            parts.push(lead_headline);
        }
    }
    let lead = doc_text(&r.lead.body, &lang);
    let lead_lines: Vec<&str> = lead.lines().map(str::trim_end).filter(|l| !l.is_empty()).collect();
    if !lead_lines.is_empty() {
        parts.push(lead_lines.join(gap));
    }
    let transition = one_line(&r.transition);
    if !transition.is_empty() {
        parts.push(transition);
    }
    for b in &r.items {
        let mut brief = vec![format!("■ {}", one_line(&b.headline))];
        let summary = summary_paragraphs(&b.summary).iter().map(|p| p.join("\n")).collect::<Vec<_>>().join(gap);
        if !summary.is_empty() {
            brief.push(summary);
        }
        brief.extend(b.link.as_deref().and_then(web_link));
        parts.push(brief.join("\n"));
    }
    let signoff = [one_line(&r.signoff.outlet), one_line(&r.signoff.email)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !signoff.is_empty() {
        parts.push(signoff);
    }
    let mut out = parts.join(gap);
    out.push('\n');
    out
}

/// The edition as Markdown: the title, date, lead, transition, a section per brief, the
/// sign-off.
pub fn roundup_markdown(r: &Roundup, ctx: &RenderContext, extras: &RoundupExtras) -> String {
    let lang = language_of_outlet(ctx.outlet);
    let mut out = format!("# {}\n\n", inline_text(&title_of(r, &lang)));
    if let Some(d) = edition_date(&r.edition_date, &lang) {
        out.push_str(&format!("*{}*\n\n", inline_text(&d.display)));
    }
    let lead_headline = one_line(&r.lead.headline);
    if !lead_headline.is_empty() && lead_headline != one_line(&r.title) {
        out.push_str(&format!("## {}\n\n", inline_text(&lead_headline)));
    }
    if !r.lead.body.is_empty() {
        out.push_str(&doc_markdown(&r.lead.body, ctx, &lang));
        out.push('\n');
    }
    let transition = one_line(&r.transition);
    if !transition.is_empty() {
        out.push_str(&format!("{}\n\n", inline_text(&transition)));
    }
    for (i, b) in r.items.iter().enumerate() {
        let headline = inline_text(&one_line(&b.headline));
        match brief_href(b, extras.article_pages.get(i).and_then(Option::as_ref)) {
            Some(href) => out.push_str(&format!("### ■ [{headline}]({})\n\n", escape::url(&href))),
            None => out.push_str(&format!("### ■ {headline}\n\n")),
        }
        for p in summary_paragraphs(&b.summary) {
            let lines: Vec<String> = p.iter().map(|l| inline_text(l)).collect();
            out.push_str(&lines.join("  \n"));
            out.push_str("\n\n");
        }
    }
    let outlet = one_line(&r.signoff.outlet);
    let email = r.signoff.email.trim();
    if !outlet.is_empty() || !email.is_empty() {
        out.push_str("---\n\n");
        let mut line = inline_text(&outlet);
        if is_plausible_email(email) {
            line.push_str(&format!(" <{email}>"));
        } else if !email.is_empty() {
            line.push(' ');
            line.push_str(&inline_text(email));
        }
        out.push_str(line.trim());
        out.push('\n');
    }
    out
}

/// The edition as a JSON Feed 1.1 document: one item per brief, in order.
pub fn roundup_jsonfeed(r: &Roundup, ctx: &RenderContext, extras: &RoundupExtras) -> serde_json::Value {
    let lang = language_of_outlet(ctx.outlet);
    let mut feed = Map::new();
    feed.insert("version".into(), json!("https://jsonfeed.org/version/1.1"));
    feed.insert("title".into(), json!(title_of(r, &lang)));
    if let Some(site) = web_link(&ctx.outlet.site_url) {
        feed.insert("home_page_url".into(), json!(site));
    }
    let lead = one_line(&doc_text(&r.lead.body, &lang));
    let description = [one_line(&r.transition), super::shorten(&lead, 300)].into_iter().find(|s| !s.is_empty());
    if let Some(d) = description {
        feed.insert("description".into(), json!(d));
    }
    feed.insert("language".into(), json!(lang));
    let author = [one_line(&r.signoff.outlet), one_line(&ctx.outlet.name)].into_iter().find(|s| !s.is_empty());
    if let Some(name) = author {
        feed.insert("authors".into(), json!([{ "name": name }]));
    }
    let date = chrono::NaiveDate::parse_from_str(r.edition_date.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc().to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let items: Vec<serde_json::Value> = r
        .items
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut item = Map::new();
            let id = match &b.article_id {
                Some(a) => format!("{}#{}", r.id, a),
                None => format!("{}#brief-{}", r.id, i + 1),
            };
            item.insert("id".into(), json!(id));
            item.insert("title".into(), json!(one_line(&b.headline)));
            let text = summary_paragraphs(&b.summary).iter().map(|p| p.join("\n")).collect::<Vec<_>>().join("\n\n");
            item.insert("content_text".into(), json!(text));
            if let Some(href) = b.link.as_deref().and_then(web_link) {
                item.insert("url".into(), json!(href));
            } else if let (Some(page), Some(site)) = (extras.article_pages.get(i).and_then(Option::as_ref), web_link(&ctx.outlet.site_url)) {
                item.insert("url".into(), json!(format!("{}/{}", site.trim_end_matches('/'), escape::url(page))));
            }
            if let Some(d) = &date {
                item.insert("date_published".into(), json!(d));
            }
            serde_json::Value::Object(item)
        })
        .collect();
    feed.insert("items".into(), json!(items));
    serde_json::Value::Object(feed)
}
