//! Import of files (Markdown, plain text, HTML) into articles.
