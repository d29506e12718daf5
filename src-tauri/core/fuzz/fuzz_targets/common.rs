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
    // Read the page as a browser would and look at every element.
    let doc = scraper::Html::parse_document(&html);
    let mut scripts = 0;
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else { continue };
        if el.name() == "script" {
            scripts += 1;
            assert_eq!(el.attr("type"), Some("application/ld+json"), "a script that runs reached the page");
        }
        assert!(!matches!(el.name(), "iframe" | "object" | "embed" | "svg" | "math" | "form"), "<{}> reached the page", el.name());
        for (name, value) in el.attrs() {
            assert!(!name.to_ascii_lowercase().starts_with("on"), "an event handler reached the page: {name}");
            if matches!(name, "href" | "src" | "action" | "formaction") {
                let v: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
                assert!(!v.starts_with("javascript:") && !v.starts_with("vbscript:"), "a script address reached the page: {value}");
            }
        }
    }
    assert_eq!(scripts, 1, "one script only, the JSON-LD");
}
