//! The page templates: built into the binary, overridable per library.
//!
//! A library may hold a `templates/` folder; a file there with the name of a built-in
//! template (`article.html`, `article.css`, `index.html`, `roundup.html`, `roundup.css`,
//! `roundup-email.html`, `roundup-email.css`, and the shared `page-head.html` and
//! `page.css`) replaces it. A user template that does not
//! parse, or fails while rendering, is an [`Error::File`] naming the file and the line:
//! export never falls back to the built-in template behind the reporter's back.
//!
//! Templates ending in `.html` are autoescaped for HTML; `.css` is not escaped.
//! Undefined variables are errors (a misspelt name in a user template is reported, not
//! rendered as nothing).
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use minijinja::{Environment, UndefinedBehavior};

use crate::error::{Error, Result};

/// The built-in templates, by name.
pub const BUILTIN: [(&str, &str); 11] = [
    ("page-head.html", include_str!("../../templates/page-head.html")),
    ("page.css", include_str!("../../templates/page.css")),
    ("article.html", include_str!("../../templates/article.html")),
    ("article.css", include_str!("../../templates/article.css")),
    ("index.html", include_str!("../../templates/index.html")),
    ("roundup.html", include_str!("../../templates/roundup.html")),
    ("roundup.css", include_str!("../../templates/roundup.css")),
    ("roundup-email.html", include_str!("../../templates/roundup-email.html")),
    ("roundup-email.css", include_str!("../../templates/roundup-email.css")),
    ("article-post.html", include_str!("../../templates/article-post.html")),
    ("roundup-post.html", include_str!("../../templates/roundup-post.html")),
];

/// A set of templates ready to render.
pub struct Templates {
    env: Environment<'static>,
    /// Where each overridden template came from, by template name.
    sources: HashMap<String, PathBuf>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates").field("overrides", &self.sources).finish()
    }
}

impl Templates {
    /// The built-in templates, parsed once per process.
    pub fn builtin() -> &'static Templates {
        static BUILTIN_TEMPLATES: OnceLock<Templates> = OnceLock::new();
        BUILTIN_TEMPLATES.get_or_init(|| {
            // The built-in templates are tested to parse; should one not, every render
            // reports it (the template is simply missing) instead of panicking here.
            Templates::with_overrides(None).unwrap_or_else(|_| Templates {
                env: new_env(),
                sources: HashMap::new(),
            })
        })
    }

    /// The built-in templates, each replaced by a same-named file in `dir` when there is one.
    ///
    /// `None`, or a folder that does not exist, gives the built-in set.
    pub fn with_overrides(dir: Option<&Path>) -> Result<Templates> {
        let mut env = new_env();
        let mut sources = HashMap::new();
        for (name, builtin) in BUILTIN {
            let user = dir.map(|d| d.join(name)).filter(|p| p.is_file());
            match user {
                Some(path) => {
                    let bytes = std::fs::read(&path).map_err(|e| Error::File {
                        path: path.clone(),
                        reason: format!("the template could not be read ({e})"),
                    })?;
                    let source = String::from_utf8(bytes).map_err(|_| Error::File {
                        path: path.clone(),
                        reason: "the template is not UTF-8 text; save it as UTF-8".into(),
                    })?;
                    env.add_template_owned(name, source)
                        .map_err(|e| template_error(&path, &e))?;
                    sources.insert(name.to_string(), path);
                }
                None => {
                    env.add_template(name, builtin)
                        .map_err(|e| template_error(&builtin_path(name), &e))?;
                }
            }
        }
        Ok(Templates { env, sources })
    }

    /// The files that replace built-in templates, by template name.
    pub fn overrides(&self) -> &HashMap<String, PathBuf> {
        &self.sources
    }

    /// Renders template `name` with `ctx`.
    pub fn render<S: serde::Serialize>(&self, name: &str, ctx: S) -> Result<String> {
        let tmpl = self.env.get_template(name).map_err(|e| self.error(name, &e))?;
        tmpl.render(ctx).map_err(|e| self.error(name, &e))
    }

    /// An error naming the file (or built-in template) and line where it happened.
    /// An error inside an included template (`page.css` in `article.css`, `page-head.html`
    /// in `article.html`) comes wrapped in the including template's: the innermost one names
    /// the file and the line where it happened.
    fn error(&self, fallback: &str, e: &minijinja::Error) -> Error {
        let mut inner = e;
        let mut next = std::error::Error::source(e);
        while let Some(cause) = next {
            if let Some(m) = cause.downcast_ref::<minijinja::Error>() {
                inner = m;
            }
            next = cause.source();
        }
        let name = inner.name().or(e.name()).unwrap_or(fallback);
        let path = self.sources.get(name).cloned().unwrap_or_else(|| builtin_path(name));
        template_error(&path, inner)
    }
}

fn new_env() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".html") || name.ends_with(".htm") {
            minijinja::AutoEscape::Html
        } else {
            minijinja::AutoEscape::None
        }
    });
    env
}

fn builtin_path(name: &str) -> PathBuf {
    PathBuf::from(format!("built-in template {name}"))
}

fn template_error(path: &Path, e: &minijinja::Error) -> Error {
    let what = e.detail().map(str::to_string).unwrap_or_else(|| e.kind().to_string());
    let reason = match e.line() {
        Some(line) => format!("line {line}: {what}"),
        None => what,
    };
    Error::File {
        path: path.to_path_buf(),
        reason: format!("template error at {reason}"),
    }
}
