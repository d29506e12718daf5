// TEMPORARY STUB (not to be committed): stands in for the roundup formats while they are built.
use std::path::{Path, PathBuf};
use crate::error::{Error, Result};
use crate::library::Library;
use crate::roundup::Roundup;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoundupFormat { Html, Email, Text, Markdown, Jsonfeed }
impl RoundupFormat {
    pub fn as_str(self) -> &'static str { match self { Self::Html => "html", Self::Email => "email", Self::Text => "text", Self::Markdown => "markdown", Self::Jsonfeed => "jsonfeed" } }
    pub fn extension(self) -> &'static str { match self { Self::Html | Self::Email => "html", Self::Text => "txt", Self::Markdown => "md", Self::Jsonfeed => "json" } }
}
impl std::str::FromStr for RoundupFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> { match s { "html" => Ok(Self::Html), "email" => Ok(Self::Email), "text" => Ok(Self::Text), "markdown" => Ok(Self::Markdown), "jsonfeed" => Ok(Self::Jsonfeed), _ => Err(Error::Invalid("no".into())) } }
}
pub fn render_roundup_with_library(_lib: &Library, r: &Roundup, format: RoundupFormat) -> Result<String> {
    let mut s = String::new();
    if format == RoundupFormat::Html { s.push_str("<!doctype html><html><head><style>body{color:#a00}</style></head><body><pre>"); }
    s.push_str(&r.title); s.push_str("\n\n"); s.push_str(&r.transition); s.push_str("\n\n");
    for b in &r.items { s.push_str(&format!("■ {}\n{}\n\n", b.headline, b.summary)); }
    s.push_str(&format!("{} {}\n", r.signoff.outlet, r.signoff.email));
    if format == RoundupFormat::Html { s.push_str("</pre></body></html>"); }
    Ok(s)
}
pub fn export_roundup_from_library(lib: &mut Library, id: &str, format: RoundupFormat, dest: &Path) -> Result<PathBuf> {
    let r = lib.roundup(id)?;
    let text = render_roundup_with_library(lib, &r, format)?;
    super::write_atomic(dest, text.as_bytes())?;
    Ok(dest.to_path_buf())
}
