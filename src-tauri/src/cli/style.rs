//! The house-style verbs: `lint`, `preflight` and `style export|import`. The rules, the
//! checklist and the book's storage are core's (`style`, `library/style.rs`); this module
//! reads the arguments and prints.
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;

use newsdesk_core::import::read_article_file;
use newsdesk_core::library::Library;
use newsdesk_core::model::limits::check_id;
use newsdesk_core::style::{Field, Finding, Severity};

use super::{print_all, print_json, say_error, stdout, Failure};

/// One finding as `lint --json` prints it. `start` and `end` count characters of the
/// field's plain text (the body's paragraphs joined by `\n`).
#[derive(Serialize)]
struct Lint<'a> {
    source: &'a str,
    rule: &'a str,
    severity: Severity,
    field: Field,
    #[serde(skip_serializing_if = "Option::is_none")]
    brief: Option<usize>,
    start: usize,
    end: usize,
    text: &'a str,
    message: &'a str,
    suggestions: &'a [String],
}

fn message(f: &Finding, korean: bool) -> &str {
    if korean {
        &f.message_ko
    } else {
        &f.message_en
    }
}

/// A value's serde name (`body`, `error`, …), as the JSON shows it.
fn name_of<T: Serialize>(v: T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The findings of a stored item or of a file read through the importer (nothing stored).
fn findings_of(lib: &Library, target: &str) -> newsdesk_core::Result<Vec<Finding>> {
    let path = Path::new(target);
    if check_id(target).is_ok() && !path.exists() {
        return lib.lint(target);
    }
    let fields = read_article_file(path)?;
    Ok(lib.style()?.check_fields(&fields, &lib.style_context()?, &[]))
}

/// `newsdesk lint ID|FILE...`: exit 0 with no error-severity finding, 1 with one (or a
/// target that could not be read).
pub(super) fn lint(lib: &Library, targets: &[String], json: bool) -> Result<ExitCode, Failure> {
    let korean = lib.settings()?.language != "en";
    let mut all: Vec<(&str, Vec<Finding>)> = Vec::new();
    let mut unread = false;
    for t in targets {
        match findings_of(lib, t) {
            Ok(f) => all.push((t.as_str(), f)),
            Err(e) => {
                let e = e.to_string();
                say_error(&if e.contains(t.as_str()) { e } else { format!("{t}: {e}") });
                unread = true;
            }
        }
    }
    let errors = all.iter().flat_map(|(_, f)| f).any(|f| f.severity == Severity::Error);
    let code = if errors || unread { ExitCode::from(1) } else { ExitCode::SUCCESS };
    if json {
        let rows: Vec<Lint> = all
            .iter()
            .flat_map(|(source, findings)| {
                findings.iter().map(move |f| Lint {
                    source,
                    rule: &f.rule,
                    severity: f.severity,
                    field: f.field,
                    brief: f.brief,
                    start: f.start,
                    end: f.end,
                    text: &f.text,
                    message: message(f, korean),
                    suggestions: &f.suggestions,
                })
            })
            .collect();
        return print_json(&rows).map(|()| code);
    }
    let mut out = stdout();
    for (source, findings) in &all {
        for f in findings {
            let brief = f.brief.map(|b| format!(" {}", b + 1)).unwrap_or_default();
            write!(
                out,
                "{source}:{}{brief}:{}-{}: {} {}: {} «{}»",
                name_of(f.field),
                f.start,
                f.end,
                name_of(f.severity),
                f.rule,
                message(f, korean),
                f.text
            )?;
            if let Some(s) = f.suggestions.first() {
                write!(out, " → {s}")?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(code)
}

/// `newsdesk preflight ID`: the checklist; exit 1 when a blocking item fails.
pub(super) fn preflight(lib: &Library, id: &str, json: bool) -> Result<ExitCode, Failure> {
    check_id(id)?;
    let korean = lib.settings()?.language != "en";
    let checklist = lib.preflight(id)?;
    let code = if checklist.blocked() { ExitCode::from(1) } else { ExitCode::SUCCESS };
    if json {
        return print_json(&checklist).map(|()| code);
    }
    let mut out = stdout();
    for i in &checklist.items {
        if i.ok {
            writeln!(out, "ok    {}", i.id)?;
            continue;
        }
        let mark = if i.blocking { "STOP" } else { "warn" };
        let words = if korean { &i.message_ko } else { &i.message_en };
        let detail = if i.detail.is_empty() { String::new() } else { format!(" ({})", i.detail) };
        writeln!(out, "{mark}  {}: {words}{detail}", i.id)?;
    }
    out.flush()?;
    Ok(code)
}

/// `newsdesk style export FILE` (`-`: standard output).
pub(super) fn export_book(lib: &Library, file: &Path) -> Result<ExitCode, Failure> {
    if file == Path::new("-") {
        print_all(&lib.style_book_toml()?)?;
    } else {
        lib.export_style_book(file)?;
        print_all(&format!("{}\n", file.display()))?;
    }
    Ok(ExitCode::SUCCESS)
}

/// `newsdesk style import FILE`: the book in use is replaced only by one that reads.
pub(super) fn import_book(lib: &mut Library, file: &Path) -> Result<ExitCode, Failure> {
    let book = lib.import_style_book(file)?;
    let rules = lib.style()?.rules().count();
    let name = if book.name.is_empty() { "the style book" } else { book.name.as_str() };
    print_all(&format!("{name}: {rules} rules in force\n"))?;
    Ok(ExitCode::SUCCESS)
}
