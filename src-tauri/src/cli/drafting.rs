//! The drafting verbs: `summarize` (a summary drafted from an article's body) and
//! `new-roundup --from-week` (an edition of this week's ready articles). The drafting and
//! the choice of articles are core's (`text::summary`, `Library::fields_from_week`).
use std::io::Write;
use std::process::ExitCode;

use newsdesk_core::library::Library;
use newsdesk_core::model::limits::check_id;
use newsdesk_core::text::summary::SummaryOptions;

use super::{print_json, stdout, Failure};

/// `newsdesk summarize ID`: the sentences, in the body's order, and their text.
pub(super) fn summarize(lib: &Library, id: &str, sentences: Option<usize>, max_chars: Option<usize>, json: bool) -> Result<ExitCode, Failure> {
    check_id(id)?;
    let outlet = SummaryOptions::from_settings(&lib.settings()?);
    let opts = SummaryOptions { sentences: sentences.unwrap_or(outlet.sentences), max_chars: max_chars.unwrap_or(outlet.max_chars) };
    let summary = lib.draft_summary(id, Some(opts))?;
    if json {
        return print_json(&summary).map(|()| ExitCode::SUCCESS);
    }
    let mut out = stdout();
    writeln!(out, "{}", summary.text)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `newsdesk new-roundup --from-week`: creates the edition and prints it as `list` does.
pub(super) fn new_roundup_from_week(lib: &mut Library, json: bool) -> Result<ExitCode, Failure> {
    let fields = lib.fields_from_week(chrono::Utc::now())?;
    let r = lib.create_roundup(fields)?;
    if json {
        return print_json(&r).map(|()| ExitCode::SUCCESS);
    }
    let mut out = stdout();
    writeln!(out, "{}\t{}\t{} briefs", r.id, r.status, r.items.len())?;
    for b in &r.items {
        writeln!(out, "■ {}{}", b.headline, if b.drafted { "\t(drafted summary)" } else { "" })?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
