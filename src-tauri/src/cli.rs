//! The `newsdesk` command line. Names, flags and JSON keys are stable: scripts depend on them.
//! Exit codes: 0 success, 1 failure, 2 usage. Errors are one line on stderr.
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

use newsdesk_core::export::{self, Format, RoundupFormat};
use newsdesk_core::import;
use newsdesk_core::library::{self, Library, ListFilter, SaveReason, SearchQuery};
use newsdesk_core::model::{Kind, Status};
use newsdesk_core::roundup::Roundup;
use newsdesk_core::text::plain::doc_to_plain;

use crate::paths::{default_library_path, LIBRARY_ENV};

#[derive(Debug, Parser)]
#[command(
    name = "newsdesk",
    version,
    about = "Newsdesk: a desktop newsroom. With no command, opens the app window.",
    disable_help_subcommand = true
)]
pub struct Cli {
    /// The library file to open (default: library.db in the app-data folder)
    #[arg(long, global = true, env = LIBRARY_ENV, value_name = "PATH")]
    pub library: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportAs {
    Article,
    Roundup,
    Auto,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import Markdown, text and HTML files (folders are searched recursively)
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// What the files hold
        #[arg(long = "as", value_enum, default_value = "auto")]
        as_: ImportAs,
        /// Status of the new articles
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        #[arg(long)]
        json: bool,
    },
    /// List the library's items
    List {
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        #[arg(long)]
        tag: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Search headlines, decks, summaries, bodies and tags (Korean and English)
    Search {
        query: String,
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one item
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// List an article's revisions, newest first
    Revisions {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Change an article's status
    SetStatus {
        id: String,
        #[arg(value_parser = parse_status)]
        status: Status,
    },
    /// Copy the library to DEST, consistently, even while the app is writing
    Backup { dest: PathBuf },
    /// Export an article as html, markdown, text or ninjs, a roundup as html, email, text,
    /// markdown or jsonfeed, or (with --all) every article
    Export {
        /// The article or roundup to export
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<String>,
        /// Export every article (with --status, those of one status) into the folder -o
        #[arg(long, requires = "output")]
        all: bool,
        #[arg(long, value_parser = parse_status, requires = "all")]
        status: Option<Status>,
        /// Articles: html, markdown, text, ninjs. Roundups: html, email, text, markdown, jsonfeed
        #[arg(long, value_parser = parse_format_name)]
        format: String,
        /// A file or folder to write to; without it the export goes to standard output
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: Option<PathBuf>,
    },
    /// Verify the library file and its search index
    Check {
        #[arg(long)]
        json: bool,
    },
}

fn parse_status(s: &str) -> Result<Status, String> {
    s.parse().map_err(|e: newsdesk_core::Error| e.to_string())
}

/// A format name that fits an article or a roundup; which one fits is checked once the
/// item is known.
fn parse_format_name(s: &str) -> Result<String, String> {
    if s.parse::<Format>().is_ok() || s.parse::<RoundupFormat>().is_ok() {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a format; articles: html, markdown, text, ninjs; roundups: html, email, text, markdown, jsonfeed"
        ))
    }
}

/// A format that does not fit the item: one line on stderr, exit code 2 (a usage error).
fn wrong_format(message: &str) -> ExitCode {
    say_error(message);
    ExitCode::from(2)
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    s.parse().map_err(|e: newsdesk_core::Error| e.to_string())
}

/// A failure to report: one line on stderr, exit code 1.
struct Failure(String);

impl From<newsdesk_core::Error> for Failure {
    fn from(e: newsdesk_core::Error) -> Self {
        Failure(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure(e.to_string())
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        Failure(e.to_string())
    }
}

/// Prints a message as one line on stderr.
fn say_error(message: &str) {
    let line = message.split_whitespace().collect::<Vec<_>>().join(" ");
    eprintln!("newsdesk: {line}");
}

/// Parses the arguments and runs the command, or opens the window when there is none.
pub fn main<I: IntoIterator<Item = OsString>>(args: I) -> ExitCode {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let path = match cli.library.clone().or_else(default_library_path) {
        Some(p) => p,
        None => {
            say_error("no app-data folder is known on this system: choose a library with --library PATH");
            return ExitCode::from(1);
        }
    };
    let library = match Library::open(&path) {
        Ok(lib) => lib,
        Err(e) => {
            say_error(&e.to_string());
            return ExitCode::from(1);
        }
    };
    match cli.command {
        None => crate::run_window(library),
        Some(command) => match run(library, command) {
            Ok(code) => code,
            Err(Failure(message)) => {
                say_error(&message);
                ExitCode::from(1)
            }
        },
    }
}

fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        _ => {
            // clap's first line is "error: …"; keep it, add the way to help, drop the rest.
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            say_error(&format!("{first} (see newsdesk --help)"));
            ExitCode::from(2)
        }
    }
}

fn print_json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

fn run(mut lib: Library, command: Command) -> Result<ExitCode, Failure> {
    match command {
        Command::Import { paths, as_, status, json } => import_files(&mut lib, &paths, as_, status, json),
        Command::List { kind, status, tag, json } => {
            let rows = lib.list(&ListFilter { kind, status, tag, ..ListFilter::default() })?;
            if json {
                print_json(&rows)?;
            } else {
                for r in rows {
                    println!("{}\t{}\t{}\t{}", r.id, r.status, r.updated_at, r.headline);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Search { query, limit, json } => {
            let page = lib.search(&SearchQuery { text: query, limit, ..SearchQuery::default() })?;
            if json {
                let hits: Vec<_> = page
                    .hits
                    .iter()
                    .map(|h| serde_json::json!({"id": h.id, "kind": h.kind, "headline": h.headline, "snippet": h.snippet}))
                    .collect();
                print_json(&hits)?;
            } else {
                for h in &page.hits {
                    println!("{}\t{}\t{}", h.id, h.headline, h.snippet.replace('\n', " "));
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id, json } => {
            match lib.roundup(&id) {
                Ok(r) if json => print_json(&r)?,
                Ok(r) => print_roundup(&r),
                Err(newsdesk_core::Error::NotFound { .. }) => return show_article(&lib, &id, json),
                Err(e) => return Err(e.into()),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Revisions { id, json } => {
            let revs = lib.revisions(&id)?;
            if json {
                print_json(&revs)?;
            } else {
                for r in revs {
                    println!("{}\t{}\t{}\tversion {}\t{} characters", r.id, r.created_at, reason_name(r.reason), r.version, r.chars);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::SetStatus { id, status } => {
            let a = lib.set_status(&id, status)?;
            println!("{}\t{}", a.id, a.status);
            Ok(ExitCode::SUCCESS)
        }
        Command::Backup { dest } => {
            lib.backup(&dest)?;
            println!("{}", dest.display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { id, all: true, status, format, output } => {
            let _ = id;
            let Ok(format) = format.parse::<Format>() else {
                return Ok(wrong_format(&format!("--all exports articles: use html, markdown, text or ninjs, not {format}")));
            };
            let dir = output.ok_or_else(|| Failure("--all needs a folder: -o DIR".into()))?;
            let mut last = 0;
            let report = export::export_all_from_library(&mut lib, status, format, &dir, &mut |done, total| {
                // Progress on stderr, about every 2%, so stdout stays the list of files.
                if done == total || done * 50 / total.max(1) != last {
                    last = done * 50 / total.max(1);
                    eprint!("\rexported {done} of {total}");
                    if done == total {
                        eprintln!();
                    }
                }
            })?;
            for f in report.files.iter().chain(report.index.iter()) {
                println!("{}", f.display());
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { id, format, output, .. } => {
            let id = id.ok_or_else(|| Failure("name the article to export, or use --all".into()))?;
            if lib.article(&id)?.kind == Kind::Roundup {
                let Ok(format) = format.parse::<RoundupFormat>() else {
                    return Ok(wrong_format(&format!(
                        "{id} is a weekend roundup: export it as html, email, text, markdown or jsonfeed, not {format}"
                    )));
                };
                match output {
                    Some(dest) => println!("{}", export::export_roundup_from_library(&mut lib, &id, format, &dest)?.display()),
                    None => print!("{}", export::render_roundup_from_library(&mut lib, &id, format)?),
                }
                return Ok(ExitCode::SUCCESS);
            }
            let Ok(format) = format.parse::<Format>() else {
                return Ok(wrong_format(&format!("{id} is an article: export it as html, markdown, text or ninjs, not {format}")));
            };
            match output {
                Some(dest) => println!("{}", export::export_from_library(&mut lib, &id, format, &dest)?.display()),
                None => print!("{}", export::render_from_library(&mut lib, &id, format)?),
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { json } => {
            let report = lib.check()?;
            if json {
                print_json(&report)?;
            } else if report.ok {
                println!("ok: {} articles, {} revisions", report.articles, report.revisions);
            } else {
                for p in &report.problems {
                    println!("problem: {p}");
                }
            }
            Ok(if report.ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }
    }
}

/// An article: headline, deck, bookkeeping, counts and the body as plain text.
fn show_article(lib: &Library, id: &str, json: bool) -> Result<ExitCode, Failure> {
    let a = lib.article(id)?;
    if json {
        print_json(&a)?;
    } else {
        println!("{}", a.headline);
        if !a.deck.is_empty() {
            println!("{}", a.deck);
        }
        println!();
        println!("id: {}  status: {}  version: {}  updated: {}", a.id, a.status, a.version, a.updated_at);
        if !a.byline.name.is_empty() {
            println!("byline: {} <{}>", a.byline.name, a.byline.email);
        }
        if !a.tags.is_empty() {
            println!("tags: {}", a.tags.join(", "));
        }
        println!(
            "counts: {} characters, {} without spaces, {} words, {:.1} manuscript pages, {} min",
            a.counts.chars, a.counts.chars_no_spaces, a.counts.words, a.counts.manuscript_pages, a.counts.reading_minutes
        );
        println!();
        println!("{}", doc_to_plain(&a.body));
    }
    Ok(ExitCode::SUCCESS)
}

fn reason_name(reason: SaveReason) -> String {
    serde_json::to_value(reason)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn import_files(lib: &mut Library, paths: &[PathBuf], as_: ImportAs, status: Option<Status>, json: bool) -> Result<ExitCode, Failure> {
    let (files, mut refused) = import::collect_files(paths);
    let as_ = match as_ {
        ImportAs::Article => library::ImportAs::Article,
        ImportAs::Roundup => library::ImportAs::Roundup,
        ImportAs::Auto => library::ImportAs::Auto,
    };
    let mut created = Vec::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let result = lib.import_files(&files, as_, status.unwrap_or_default(), |item| match item {
        Ok(item) => {
            if !json {
                let _ = writeln!(out, "{}\t{}\t{}", item.id, item.kind.as_str(), item.headline);
            }
            created.push(item);
        }
        Err(e) => refused.push(e),
    });
    drop(out);
    if json {
        print_json(&created)?;
    }
    for e in &refused {
        say_error(&e.to_string());
    }
    if let Err(e) = result {
        say_error(&format!("the import stopped after {} of {} files: {e}", created.len(), files.len()));
        return Ok(ExitCode::from(1));
    }
    Ok(if refused.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// A roundup as plain text: title and date, lead, transition, briefs, sign-off.
fn print_roundup(r: &Roundup) {
    println!("{}", r.title);
    println!("id: {}  kind: roundup  edition: {}  status: {}  version: {}  updated: {}", r.id, r.edition_date, r.status, r.version, r.updated_at);
    println!();
    if !r.lead.headline.is_empty() {
        println!("{}\n", r.lead.headline);
    }
    let lead = doc_to_plain(&r.lead.body);
    if !lead.trim().is_empty() {
        println!("{}\n", lead.trim_end());
    }
    if !r.transition.is_empty() {
        println!("{}\n", r.transition);
    }
    for b in &r.items {
        println!("■ {}", b.headline);
        if !b.summary.is_empty() {
            println!("{}", b.summary);
        }
        if let Some(link) = &b.link {
            println!("{link}");
        }
        println!();
    }
    println!("{} {}", r.signoff.outlet, r.signoff.email);
}

