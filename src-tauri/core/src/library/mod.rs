//! The SQLite library: one file holding articles, revisions, assets, tags and settings.
