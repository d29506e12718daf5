//! The `newsdesk` command line. Names, flags and JSON keys are stable: scripts depend on them.
//! Exit codes: 0 success, 1 failure, 2 usage. Errors are one line on stderr.
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use newsdesk_core::export::{self, Format, RoundupFormat};
use newsdesk_core::import::{self, ImportAs};
use newsdesk_core::library::{Library, ListFilter, SearchQuery};
use newsdesk_core::model::limits::{check_id, check_len, SEARCH_MAX, TAG_MAX};
use newsdesk_core::model::{GoalOrigin, Item, Kind, Status};
use newsdesk_core::text::plain::doc_to_plain;

use crate::paths::{default_library_path, LIBRARY_ENV};

mod drafting;
mod publishing;
mod style;

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

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import Markdown, text and HTML files (folders are searched recursively)
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// What the files hold: article, roundup or auto
        #[arg(long = "as", value_parser = parse_import_as, default_value = "auto")]
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
    /// Write the original file of the press release an article was made from
    Source {
        id: String,
        /// The file (or folder, to keep its own name) to write
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: PathBuf,
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
    /// Check library items or .md, .txt and .html files against the outlet's style book
    /// (exit 1 when an error-severity finding is left)
    Lint {
        #[arg(required = true, value_name = "ID|FILE")]
        targets: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// The checklist before an export (exit 1 when a blocking item fails)
    Preflight {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Draft a summary of an article from its body: its own sentences, in order
    Summarize {
        id: String,
        /// At most this many sentences (default: the outlet's brief limit)
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=20))]
        sentences: Option<u32>,
        /// At most this many characters (default: the outlet's brief limit)
        #[arg(long = "max-chars", value_parser = clap::value_parser!(u32).range(1..=10000))]
        max_chars: Option<u32>,
        #[arg(long)]
        json: bool,
    },
    /// The sites to publish to: list, add or remove (the password stays in the keyring)
    Targets {
        #[command(subcommand)]
        command: publishing::TargetsCommand,
    },
    /// Publish an article or an edition to a target (WordPress), or update its post
    Publish {
        id: String,
        /// The target's name (see `newsdesk targets list`)
        #[arg(long, value_name = "NAME")]
        target: String,
        /// draft (default) or publish
        #[arg(long = "as", value_parser = ["draft", "publish"], default_value = "draft")]
        publish_as: String,
        /// Schedule the post for this time instead (RFC 3339, e.g. 2026-12-05T09:00:00+09:00)
        #[arg(long, value_name = "TIME", conflicts_with = "publish_as")]
        at: Option<String>,
        /// Replace the post even if it was changed in the CMS since the last publish
        #[arg(long)]
        overwrite: bool,
        #[arg(long)]
        json: bool,
    },
    /// Send the e-mail edition to an address through the outlet's SMTP server, as a test
    SendTest {
        id: String,
        #[arg(long, value_name = "ADDRESS")]
        to: String,
    },
    /// Create a weekend roundup
    NewRoundup {
        /// Its briefs: the articles marked ready this week, newest first, each with its
        /// summary or a drafted one
        #[arg(long = "from-week", required = true)]
        from_week: bool,
        #[arg(long)]
        json: bool,
    },
    /// Move the outlet's style book in and out as one TOML file
    Style {
        #[command(subcommand)]
        command: StyleCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum StyleCommand {
    /// Write the style book in use to FILE (- for standard output)
    Export { file: PathBuf },
    /// Replace the style book with FILE, once it reads and every pattern compiles
    Import { file: PathBuf },
}

fn parse_import_as(s: &str) -> Result<ImportAs, String> {
    s.parse().map_err(|e: newsdesk_core::Error| e.to_string())
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

/// Why a command stopped.
enum Failure {
    /// Something to say: one line on stderr, exit code 1.
    Said(String),
    /// The reader of standard output went away (`newsdesk list | head -1`): stop quietly,
    /// as command-line tools do.
    PipeClosed,
}

impl From<newsdesk_core::Error> for Failure {
    fn from(e: newsdesk_core::Error) -> Self {
        Failure::Said(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    /// A failed write to standard output (the only I/O the CLI does itself).
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::PipeClosed
        } else {
            Failure::Said(format!("the output could not be written: {e}"))
        }
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        match e.io_error_kind() {
            Some(kind) => std::io::Error::from(kind).into(),
            None => Failure::Said(e.to_string()),
        }
    }
}

/// Standard output, buffered; every write's error is a [`Failure`] (never a panic).
fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
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
    let library = match open_for(cli.command.as_ref(), &path) {
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
            Err(Failure::PipeClosed) => ExitCode::SUCCESS,
            Err(Failure::Said(message)) => {
                say_error(&message);
                ExitCode::from(1)
            }
        },
    }
}

/// The library as `command` needs it. Reading verbs open it read-only (no lock, no write
/// access needed, never waiting behind a writer), and fall back to an ordinary open where
/// that is refused (a file not made yet, an older library to upgrade). `check`, `backup`
/// and `export` open it for writing, so the export is recorded, and read it where it
/// cannot be written (a read-only disk). The window and the writing verbs open it for
/// writing.
fn open_for(command: Option<&Command>, path: &std::path::Path) -> newsdesk_core::Result<Library> {
    match command {
        Some(
            Command::List { .. }
            | Command::Search { .. }
            | Command::Show { .. }
            | Command::Source { .. }
            | Command::Revisions { .. }
            | Command::Lint { .. }
            | Command::Preflight { .. }
            | Command::Summarize { .. }
            | Command::Targets { command: publishing::TargetsCommand::List { .. } }
            | Command::SendTest { .. }
            | Command::Style { command: StyleCommand::Export { .. } },
        ) => {
            Library::open_read_only(path).or_else(|first| Library::open(path).map_err(|_| first))
        }
        Some(Command::Check { .. } | Command::Backup { .. } | Command::Export { .. }) => {
            Library::open(path).or_else(|first| Library::open_read_only(path).map_err(|_| first))
        }
        None => Library::open(path),
        Some(_) => {
            let lib = Library::open(path)?;
            index_upgraded_words(&lib)?;
            Ok(lib)
        }
    }
}

/// A writing verb on a library upgraded to schema 8 first indexes its articles' words for
/// search, once (the window does it in the background; searches meanwhile use the trigrams).
fn index_upgraded_words(lib: &Library) -> newsdesk_core::Result<()> {
    let mut told = false;
    loop {
        let left = lib.index_upgraded_words(20_000)?;
        if left == 0 {
            return Ok(());
        }
        if !told {
            eprintln!("newsdesk: indexing the words of the library's articles for search, once after an upgrade ({left} more to go)…");
            told = true;
        }
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
            // A first line that ends in ':' goes on in the next one: the missing arguments'
            // names ("the following required arguments were not provided: <ID>").
            let rendered = e.render().to_string();
            let mut lines = rendered.lines().map(str::trim).filter(|l| !l.is_empty());
            let first = lines.next().unwrap_or("invalid arguments");
            let first = first.strip_prefix("error: ").unwrap_or(first);
            let line = match lines.next() {
                Some(next) if first.ends_with(':') && !next.starts_with("Usage:") => format!("{first} {next}"),
                _ => first.to_string(),
            };
            say_error(&format!("{line} (see newsdesk --help)"));
            ExitCode::from(2)
        }
    }
}

fn print_json<T: Serialize>(value: &T) -> Result<(), Failure> {
    let mut out = stdout();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// Writes `text` to standard output and flushes it.
fn print_all(text: &str) -> Result<(), Failure> {
    let mut out = stdout();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

fn run(mut lib: Library, command: Command) -> Result<ExitCode, Failure> {
    let mut out = stdout();
    match command {
        Command::Import { paths, as_, status, json } => return import_files(&mut lib, &paths, as_, status, json),
        Command::List { kind, status, tag, json } => {
            if let Some(tag) = &tag {
                check_len("tag", tag, TAG_MAX)?;
            }
            let rows = lib.list(&ListFilter { kind, status, tag, ..ListFilter::default() })?;
            if json {
                return print_json(&rows).map(|()| ExitCode::SUCCESS);
            }
            for r in rows {
                writeln!(out, "{}\t{}\t{}\t{}", r.id, r.status, r.updated_at, r.headline)?;
            }
        }
        Command::Search { query, limit, json } => {
            check_len("search text", &query, SEARCH_MAX)?;
            let page = lib.search(&SearchQuery { text: query, limit, ..SearchQuery::default() })?;
            if json {
                let hits: Vec<_> = page
                    .hits
                    .iter()
                    .map(|h| serde_json::json!({"id": h.id, "kind": h.kind, "headline": h.headline, "snippet": h.snippet, "in_source": h.in_source}))
                    .collect();
                return print_json(&hits).map(|()| ExitCode::SUCCESS);
            }
            for h in &page.hits {
                let from = if h.in_source { "[source] " } else { "" };
                writeln!(out, "{}\t{}\t{from}{}", h.id, h.headline, h.snippet.replace('\n', " "))?;
            }
        }
        Command::Show { id, json } => {
            check_id(&id)?;
            let item = lib.item(&id)?;
            if json {
                let mut value = match &item {
                    Item::Article(a) => serde_json::to_value(a),
                    Item::Roundup(r) => serde_json::to_value(r),
                }
                .map_err(|e| Failure::Said(e.to_string()))?;
                let source = lib.source(&id)?.map(|s| {
                    serde_json::json!({"file_name": s.info.file_name, "media_type": s.info.media_type, "sha256": s.sha256, "sender": s.info.sender, "date": s.info.date})
                });
                value["source"] = source.unwrap_or(serde_json::Value::Null);
                value["length_goal"] = serde_json::to_value(lib.length_goal(&id)?).unwrap_or_default();
                return print_json(&value).map(|()| ExitCode::SUCCESS);
            }
            show(&lib, &item, &mut out)?;
        }
        Command::Source { id, output } => {
            check_id(&id)?;
            let written = lib.write_source_file(&id, &output)?;
            writeln!(out, "{}", written.display())?;
        }
        Command::Revisions { id, json } => {
            check_id(&id)?;
            let revs = lib.revisions(&id)?;
            if json {
                return print_json(&revs).map(|()| ExitCode::SUCCESS);
            }
            for r in revs {
                writeln!(out, "{}\t{}\t{}\tversion {}\t{} characters", r.id, r.created_at, r.reason.as_str(), r.version, r.chars)?;
            }
        }
        Command::SetStatus { id, status } => {
            check_id(&id)?;
            lib.set_status(&id, status)?;
            let item = lib.item(&id)?;
            writeln!(out, "{}\t{}", item.id(), item.status())?;
        }
        Command::Backup { dest } => {
            lib.backup(&dest)?;
            writeln!(out, "{}", dest.display())?;
        }
        Command::Export { all: true, status, format, output, .. } => {
            let Ok(format) = format.parse::<Format>() else {
                return Ok(wrong_format(&format!("--all exports articles: use html, markdown, text or ninjs, not {format}")));
            };
            let dir = output.ok_or_else(|| Failure::Said("--all needs a folder: -o DIR".into()))?;
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
                writeln!(out, "{}", f.display())?;
            }
        }
        Command::Export { id, format, output, .. } => {
            let id = id.ok_or_else(|| Failure::Said("name the article to export, or use --all".into()))?;
            return export_one(&mut lib, &id, &format, output);
        }
        Command::Targets { command } => return publishing::targets(&mut lib, command),
        Command::Publish { id, target, publish_as, at, overwrite, json } => {
            return publishing::publish(&mut lib, &id, &target, &publish_as, at, overwrite, json)
        }
        Command::SendTest { id, to } => return publishing::send_test(&lib, &id, &to),
        Command::Summarize { id, sentences, max_chars, json } => {
            return drafting::summarize(&lib, &id, sentences.map(|n| n as usize), max_chars.map(|n| n as usize), json)
        }
        Command::NewRoundup { json, .. } => return drafting::new_roundup_from_week(&mut lib, json),
        Command::Lint { targets, json } => return style::lint(&lib, &targets, json),
        Command::Preflight { id, json } => return style::preflight(&lib, &id, json),
        Command::Style { command: StyleCommand::Export { file } } => return style::export_book(&lib, &file),
        Command::Style { command: StyleCommand::Import { file } } => return style::import_book(&mut lib, &file),
        Command::Check { json } => {
            let report = lib.check()?;
            let code = if report.ok { ExitCode::SUCCESS } else { ExitCode::from(1) };
            if json {
                return print_json(&report).map(|()| code);
            }
            if report.ok {
                writeln!(out, "ok: {} articles, {} revisions", report.articles, report.revisions)?;
            } else {
                for p in &report.problems {
                    writeln!(out, "problem: {p}")?;
                }
            }
            out.flush()?;
            return Ok(code);
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// Exports one article or edition in `format` into `output` (a file or a folder), or to
/// standard output. The export revision is recorded once the text is written, so a write
/// that fails (a closed pipe, a full disk) is not counted as an export.
fn export_one(lib: &mut Library, id: &str, format: &str, output: Option<PathBuf>) -> Result<ExitCode, Failure> {
    check_id(id)?;
    let written = if lib.article(id)?.kind == Kind::Roundup {
        let Ok(format) = format.parse::<RoundupFormat>() else {
            return Ok(wrong_format(&format!(
                "{id} is a weekend roundup: export it as html, email, text, markdown or jsonfeed, not {format}"
            )));
        };
        match output {
            Some(dest) => Some(export::export_roundup_from_library(lib, id, format, &dest)?),
            None => {
                print_all(&export::render_roundup_from_library(lib, id, format)?)?;
                None
            }
        }
    } else {
        let Ok(format) = format.parse::<Format>() else {
            return Ok(wrong_format(&format!("{id} is an article: export it as html, markdown, text or ninjs, not {format}")));
        };
        match output {
            Some(dest) => Some(export::export_from_library(lib, id, format, &dest)?),
            None => {
                print_all(&export::render_from_library(lib, id, format)?)?;
                None
            }
        }
    };
    match written {
        Some(path) => print_all(&format!("{}\n", path.display()))?,
        None => export::record_export(lib, id)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// An item as text: for an article its headline, deck, bookkeeping, counts and body; for
/// an edition its bookkeeping and then its text as the renderer writes it (the outlet's
/// form, what `import --as roundup` reads back).
fn show(lib: &Library, item: &Item, out: &mut impl Write) -> Result<(), Failure> {
    match item {
        Item::Article(a) => {
            writeln!(out, "{}", a.headline)?;
            if !a.deck.is_empty() {
                writeln!(out, "{}", a.deck)?;
            }
            writeln!(out)?;
            writeln!(out, "id: {}  status: {}  version: {}  updated: {}", a.id, a.status, a.version, a.updated_at)?;
            if !a.byline.name.is_empty() {
                writeln!(out, "byline: {} <{}>", a.byline.name, a.byline.email)?;
            }
            if !a.tags.is_empty() {
                writeln!(out, "tags: {}", a.tags.join(", "))?;
            }
            let c = &a.counts;
            writeln!(
                out,
                "counts: {} characters, {} without spaces, {} words, {:.1} manuscript pages, {} min",
                c.chars, c.chars_no_spaces, c.words, c.manuscript_pages, c.reading_minutes
            )?;
            if let Some(g) = lib.length_goal(&a.id)? {
                let of = if g.origin == GoalOrigin::Section { " (the section's)" } else { "" };
                writeln!(out, "goal: {}{of}", g.goal)?;
            }
            if let Some(src) = lib.source(&a.id)? {
                let from: Vec<&str> = [src.info.issuer.as_str(), src.info.sender.as_str(), src.info.date.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
                writeln!(out, "source: {}{}", src.info.file_name, if from.is_empty() { String::new() } else { format!(" ({})", from.join(", ")) })?;
            }
            writeln!(out)?;
            writeln!(out, "{}", doc_to_plain(&a.body))?;
        }
        Item::Roundup(r) => {
            writeln!(out, "{}", r.title)?;
            writeln!(
                out,
                "id: {}  kind: roundup  edition: {}  status: {}  version: {}  updated: {}",
                r.id, r.edition_date, r.status, r.version, r.updated_at
            )?;
            writeln!(out)?;
            let text = export::render_roundup_with_library(lib, r, RoundupFormat::Text)?;
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

fn import_files(lib: &mut Library, paths: &[PathBuf], as_: ImportAs, status: Option<Status>, json: bool) -> Result<ExitCode, Failure> {
    let (files, mut refused) = import::collect_files(paths);
    let mut created = Vec::new();
    let mut out = stdout();
    // Each file is printed once its transaction has committed; a failed write to stdout is
    // kept and reported after the import, which goes on (the files are in the library).
    let mut write_error: Option<std::io::Error> = None;
    let result = lib.import_files(&files, as_, status.unwrap_or_default(), |item| match item {
        Ok(item) => {
            if !json && write_error.is_none() {
                if let Err(e) = writeln!(out, "{}\t{}\t{}", item.id, item.kind.as_str(), item.headline).and_then(|()| out.flush()) {
                    write_error = Some(e);
                }
            }
            created.push(item);
        }
        Err(e) => refused.push(e),
    });
    drop(out);
    for e in &refused {
        say_error(&e.to_string());
    }
    if let Err(e) = result {
        say_error(&format!("the import stopped after {} of {} files: {e}", created.len(), files.len()));
        return Ok(ExitCode::from(1));
    }
    if let Some(e) = write_error {
        return Err(e.into());
    }
    if json {
        print_json(&created)?;
    }
    Ok(if refused.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
