//! The `dossier` command line: a thin layer over the library.

use clap::{Args, Parser, Subcommand, ValueEnum};
use dossier::cmd::new::{create, Created, FirstAppearance, Request};
use dossier::Diagnostic;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Asks Linux not to back this process's memory with transparent huge
/// pages, as `MIMALLOC_ALLOW_THP=0` would: the allocator asks for them, and
/// the kernel then zeroes 2 MiB at a time, most of it never used. Without
/// them a build of 1,000 articles peaks at about 110 MiB instead of 135,
/// in the same time (`.ci/bench-scale`).
fn no_huge_pages() {
    // A kernel without the setting builds as well, only with more memory.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

/// The heading of the options every command takes, listed after its own.
const COMMON: &str = "Common options";

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build a fact-check dossier website from news articles and annotations"
)]
struct Cli {
    /// The dossier folder (holding content/, seeds/ and templates/)
    #[arg(long, global = true, value_name = "DIR", default_value = ".", help_heading = COMMON)]
    root: PathBuf,
    /// How to print problems and results: for people, as GitHub Actions annotations, as JSON lines, or (diff) as Markdown
    #[arg(long, global = true, value_enum, default_value_t = Format::Human, help_heading = COMMON)]
    format: Format,
    #[command(subcommand)]
    command: Command,
}

/// The options of the commands that check the whole dossier.
#[derive(Args)]
struct Checking {
    /// A draft: uncovered numbers and TODO placeholders are warnings, so unfinished work can be previewed
    #[arg(long)]
    draft: bool,
    /// Treat warnings as errors
    #[arg(long)]
    deny_warnings: bool,
    /// Public address of the site, replacing `base_url` in content/dossier.yaml
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Repository web address for "edit this page" links, replacing `repository`
    #[arg(long, value_name = "URL")]
    repository: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Check everything and write the site (refuses to write if there is an error)
    Build {
        /// Where to write the site [default: ROOT/site]
        #[arg(long, value_name = "DIR")]
        output: Option<PathBuf>,
        #[command(flatten)]
        checking: Checking,
    },
    /// Check everything and write nothing
    Check {
        #[command(flatten)]
        checking: Checking,
    },
    /// Find words in an article as the build does, and print a ready-to-paste appearance
    Quote {
        /// The article's slug (its file name in content/articles/ without `.md`), or its beginning
        article: String,
        /// The words to find, in quotes
        words: String,
    },
    /// Preview the dossier: build it in memory as a draft, serve it, and rebuild and reload open pages on every save
    Serve {
        /// The port to listen on (0 picks a free one)
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// The address to listen on; any but 127.0.0.1 or ::1 lets other machines read the preview
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: IpAddr,
        /// Open the preview in the default browser
        #[arg(long)]
        open: bool,
        /// Public address of the site, replacing `base_url`: the preview is served under its path
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Compare with another version of the dossier by meaning: claims, verdicts, appearances, relations...
    Diff {
        /// The dossier folder to compare with (such as a checkout of the main branch)
        #[arg(
            long,
            value_name = "DIR",
            required_unless_present = "base_ref",
            conflicts_with = "base_ref"
        )]
        base: Option<PathBuf>,
        /// The git revision to compare with (a branch, tag or commit of the repository holding ROOT)
        #[arg(long, value_name = "REV")]
        base_ref: Option<String>,
        /// Also append the report in Markdown to FILE (such as "$GITHUB_STEP_SUMMARY")
        #[arg(long, value_name = "FILE")]
        summary: Option<PathBuf>,
        /// Check both sides as drafts: uncovered numbers and TODO placeholders are warnings
        #[arg(long)]
        draft: bool,
        /// Public address of the site, for links to claim pages, replacing `base_url`
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
    },
    /// Create a new content file with every field present and explained
    New {
        #[command(subcommand)]
        what: New,
    },
}

#[derive(Subcommand)]
enum New {
    /// An article, for a text already in seeds/: `new article <slug> --seed <file>`
    Article {
        /// The article's name: lowercase letters, digits and hyphens
        slug: String,
        /// The text's file name in seeds/ (copy it there first; it is never edited)
        #[arg(long, value_name = "FILE")]
        seed: String,
    },
    /// A claim, first made in one article: `new claim <slug> --article <a> --quote "..."`
    Claim {
        /// The claim's name: lowercase letters, digits and hyphens
        slug: String,
        /// The article that makes the claim (its slug, or its beginning)
        #[arg(long, value_name = "ARTICLE")]
        article: String,
        /// The exact words of the article that make it
        #[arg(long, value_name = "WORDS")]
        quote: String,
        /// Words just before the quote, when it occurs more than once
        #[arg(long, value_name = "WORDS")]
        prefix: Option<String>,
        /// Words just after the quote, when it occurs more than once
        #[arg(long, value_name = "WORDS")]
        suffix: Option<String>,
    },
    /// A topic that claims belong to
    Topic {
        /// The topic's name: lowercase letters, digits and hyphens
        slug: String,
    },
    /// Someone who makes claims: a person, government, agency, outlet...
    Entity {
        /// The entity's name: lowercase letters, digits and hyphens
        slug: String,
    },
    /// A page of the site (about, methodology...)
    Page {
        /// The page's name: lowercase letters, digits and hyphens
        slug: String,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Github,
    Json,
    // For `diff`: the report as Markdown (other commands print as `human`).
    Markdown,
}

/// Exit codes: 0 clean, 1 content errors, 2 usage or I/O errors (clap uses 2 too).
fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    if !cli.root.join("content").is_dir() {
        eprintln!(
            "error: {} is not a dossier folder (it has no content/ folder)\n  = hint: run from the dossier folder or pass --root DIR",
            cli.root.display()
        );
        return ExitCode::from(2);
    }
    match &cli.command {
        Command::Quote { article, words } => quote(&cli, article, words),
        Command::New { what } => new(&cli, what),
        Command::Serve {
            port,
            bind,
            open,
            base_url,
        } => {
            let settings = dossier::cmd::serve::Settings {
                port: *port,
                bind: *bind,
                open: *open,
                base_url: base_url.clone(),
            };
            serve(&cli, &settings)
        }
        Command::Diff {
            base,
            base_ref,
            summary,
            draft,
            base_url,
        } => {
            let base = match (base, base_ref) {
                (Some(dir), _) => dossier::cmd::diff::Base::Dir(dir.clone()),
                (None, Some(rev)) => dossier::cmd::diff::Base::Ref(rev.clone()),
                // clap requires one of the two.
                (None, None) => return ExitCode::from(2),
            };
            let request = dossier::cmd::diff::Request {
                head: cli.root.clone(),
                base,
                draft: *draft,
                base_url: base_url.clone(),
            };
            diff(&request, summary.as_deref(), cli.format)
        }
        Command::Check { checking } => check_and_write(&cli, checking, None),
        Command::Build { output, checking } => {
            let output = output.clone().unwrap_or_else(|| cli.root.join("site"));
            check_and_write(&cli, checking, Some(&output))
        }
    }
}

/// `check` (no output) and `build`: load, resolve, render, report, and write
/// only when nothing failed.
fn check_and_write(cli: &Cli, checking: &Checking, output: Option<&Path>) -> ExitCode {
    let started = Instant::now();
    let options = dossier::Options {
        base_url: checking.base_url.clone(),
        repository: checking.repository.clone(),
        build_date: dossier::source_date_epoch(),
        draft: checking.draft,
        goal: if output.is_some() {
            dossier::Goal::Site
        } else {
            dossier::Goal::Check
        },
        deny_warnings: checking.deny_warnings,
    };
    let built = dossier::build(&cli.root, &options, output);
    report(&built.diagnostics, cli.format);
    if Diagnostic::exit_code(&built.diagnostics) == 2 {
        eprintln!("nothing written");
        return ExitCode::from(2);
    }
    let errors = built.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = built.diagnostics.len() - errors;
    let denied = checking.deny_warnings && warnings > 0;
    if errors > 0 || denied {
        let denied = if denied { " (warnings denied)" } else { "" };
        eprintln!("{errors} error(s), {warnings} warning(s){denied}; nothing written");
        return ExitCode::from(1);
    }
    let draft = if checking.draft { " (a draft)" } else { "" };
    let Some(output) = output else {
        let pages = built.pages;
        eprintln!("check passed{draft}: {pages} pages rendered, {warnings} warning(s)");
        return ExitCode::SUCCESS;
    };
    eprintln!(
        "built {} files into {}{draft} in {} ms, {warnings} warning(s)",
        built.files,
        output.display(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

/// `dossier diff`: the changes on stdout, the policy warnings as diagnostics
/// (inside the document in Markdown); 1 when a side fails its check.
fn diff(
    request: &dossier::cmd::diff::Request,
    summary_file: Option<&Path>,
    format: Format,
) -> ExitCode {
    let found = match dossier::cmd::diff::run(request) {
        Ok(dossier::cmd::diff::Outcome::Compared(found)) => found,
        Ok(dossier::cmd::diff::Outcome::Broken {
            diagnostics,
            summary,
        }) => {
            report(&diagnostics, format);
            eprintln!("{summary}");
            // The job summary says so too, rather than staying empty.
            if let Some(file) = summary_file {
                let said = format!("### Dossier changes\n\n{summary}.\n");
                if let Err(e) = append(file, &said) {
                    eprintln!("error: cannot write the summary to {}: {e}", file.display());
                }
            }
            return ExitCode::from(Diagnostic::exit_code(&diagnostics).max(1));
        }
        Err(d) => return failed(d, format),
    };
    if let Some(file) = summary_file {
        if let Err(e) = append(file, &found.markdown()) {
            eprintln!("error: cannot write the summary to {}: {e}", file.display());
            return ExitCode::from(2);
        }
    }
    match format {
        Format::Markdown => print!("{}", found.markdown()),
        Format::Json => {
            print!("{}", found.json_lines());
            report(&found.warnings, format);
        }
        Format::Human | Format::Github => {
            report(&found.warnings, format);
            print!("{}", found.human());
        }
    }
    ExitCode::SUCCESS
}

/// Adds `text` at the end of `file` (a job summary may hold other steps' output).
fn append(file: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)?
        .write_all(text.as_bytes())
}

/// `dossier serve`: runs until Ctrl-C (0), or says why it could not start (2).
fn serve(cli: &Cli, settings: &dossier::cmd::serve::Settings) -> ExitCode {
    let format = cli.format;
    match dossier::cmd::serve::run(&cli.root, settings, &|found| report(found, format)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => failed(d, format),
    }
}

/// `dossier quote`: the matches, ready to paste, and what the editor should know.
fn quote(cli: &Cli, article: &str, words: &str) -> ExitCode {
    let found = match dossier::cmd::quote::run(&cli.root, article, words) {
        Ok(found) => found,
        Err(d) => return failed(d, cli.format),
    };
    report(&found.notes, cli.format);
    match cli.format {
        Format::Json => println!("{}", found.json()),
        _ => print!("{}", found.report()),
    }
    ExitCode::SUCCESS
}

/// `dossier new ...`: creates the file and says what to do next.
fn new(cli: &Cli, what: &New) -> ExitCode {
    let (request, slug) = match what {
        New::Article { slug, seed } => (Request::Article { seed: seed.clone() }, slug),
        New::Claim {
            slug,
            article,
            quote,
            prefix,
            suffix,
        } => (
            Request::Claim(FirstAppearance {
                article: article.clone(),
                quote: quote.clone(),
                prefix: prefix.clone(),
                suffix: suffix.clone(),
            }),
            slug,
        ),
        New::Topic { slug } => (Request::Topic, slug),
        New::Entity { slug } => (Request::Entity, slug),
        New::Page { slug } => (Request::Page, slug),
    };
    match create(&cli.root, &request, slug) {
        Ok(created) => {
            said_created(&cli.root, &created, cli.format);
            ExitCode::SUCCESS
        }
        Err(d) => failed(d, cli.format),
    }
}

/// What `new` made, and what to do next; which article a short name picked
/// and the warnings first.
fn said_created(root: &Path, created: &Created, format: Format) {
    if let (Some(picked), Format::Human | Format::Github | Format::Markdown) =
        (&created.picked, format)
    {
        eprintln!("{picked}.");
    }
    report(&created.notes, format);
    let path = root.join(&created.path);
    let path = path.display().to_string();
    let path = path.trim_start_matches("./");
    if format == Format::Json {
        println!(
            "{}",
            serde_json::json!({ "created": path, "picked": created.picked, "next": created.next })
        );
        return;
    }
    eprintln!("created {path}\nnext: {}", created.next);
}

/// Prints why `quote` or `new` could not do it: 1 the content says no, 2 misuse.
fn failed(d: Diagnostic, format: Format) -> ExitCode {
    match format {
        // One problem: no blank line after it, as there is between several.
        Format::Human | Format::Markdown => anstream::eprint!("{}", d.human()),
        _ => report(std::slice::from_ref(&d), format),
    }
    ExitCode::from(Diagnostic::exit_code(&[d]))
}

/// Human diagnostics go to stderr, in colour on a terminal unless NO_COLOR is
/// set (`anstream` decides); machine formats go to stdout so they can be
/// piped. Paths are relative to the dossier folder, as editors see them in
/// the repository.
fn report(diagnostics: &[Diagnostic], format: Format) {
    for d in diagnostics {
        match format {
            Format::Human | Format::Markdown => anstream::eprintln!("{}", d.human()),
            Format::Github => println!("{}", d.github()),
            Format::Json => println!("{}", d.json()),
        }
    }
}
