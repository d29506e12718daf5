// The invariants every target checks on what it produced.
use newsdesk_core::model::{Article, ArticleFields, Kind, Status};
use newsdesk_core::render::{article_html, no_assets, Outlet, RenderContext};

/// Renders the fields as an exported page and checks it holds nothing executable: no script
/// but the JSON-LD block, no event-handler attribute, no javascript: address.
pub fn render_is_inert(fields: ArticleFields) {
    let body = fields.body.clone();
    if body.validate().is_err() {
        return;
    }
    let article = Article {
        id: "0190c0de-0000-7000-8000-000000000001".into(),
        kind: Kind::Article,
        headline: fields.headline,
        deck: fields.deck,
        byline: fields.byline,
        summary: fields.summary,
        body,
        tags: fields.tags,
        section: fields.section,
        language: fields.language,
        status: Status::Draft,
        created_at: "2026-11-28T00:00:00.000Z".into(),
        updated_at: "2026-11-28T00:00:00.000Z".into(),
        published_at: None,
        trashed_at: None,
        version: 1,
        counts: Default::default(),
    };
    let outlet = Outlet::default();
    let Ok(html) = article_html(&article, &RenderContext::new(&outlet, &no_assets)) else { return };
    let lower = html.to_ascii_lowercase();
    assert_eq!(lower.matches("<script").count(), 1, "one script only, the JSON-LD");
    assert!(lower.contains("<script type=\"application/ld+json\">"));
    assert!(!lower.contains("javascript:"), "a javascript: address reached the page");
    for tag in lower.split('<').skip(1) {
        let head = tag.split('>').next().unwrap_or("");
        let attrs = head.split_whitespace().skip(1);
        for a in attrs {
            assert!(!a.starts_with("on"), "an event handler reached the page: {head}");
        }
    }
}
