//! The `dossier` command line: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
use dossier::Diagnostic;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Build a fact-check dossier website from news articles and annotations"
)]
struct Cli {
    /// The dossier folder (holding content/, seeds/ and templates/)
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// How to print problems: for people, as GitHub Actions annotations, or as JSON lines
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors
    #[arg(long, global = true)]
    deny_warnings: bool,
    /// Public address of the site, replacing `base_url` in content/dossier.yaml
    #[arg(long, global = true, value_name = "URL")]
    base_url: Option<String>,
    /// Repository web address for "edit this page" links, replacing `repository`
    #[arg(long, global = true, value_name = "URL")]
    repository: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check everything and write the site (refuses to write if there is an error)
    Build {
        /// Where to write the site [default: ROOT/site]
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Check everything and write nothing
    Check,
    /// Find words in an article as the build does, and print a ready-to-paste appearance
    Quote {
        /// The article's slug (its file name in content/articles/ without `.md`)
        article: String,
        /// The words to find, in quotes
        words: String,
    },
    /// Create a new content file with every field present and explained
    New {
        #[command(subcommand)]
        what: New,
    },
}

#[derive(Subcommand)]
enum New {
    /// A claim, first made in one article: `new claim <slug> --article <a> --quote "..."`
    Claim {
        /// The claim's name: lowercase letters, digits and hyphens
        slug: String,
        /// The article that makes the claim
        #[arg(long)]
        article: String,
        /// The exact words of the article that make it
        #[arg(long)]
        quote: String,
        /// Words just before the quote, when it occurs more than once
        #[arg(long)]
        prefix: Option<String>,
        /// Words just after the quote, when it occurs more than once
        #[arg(long)]
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
}

/// Exit codes: 0 clean, 1 content errors, 2 usage or I/O errors (clap uses 2 too).
fn main() -> ExitCode {
    let cli = Cli::parse();
    if !cli.root.join("content").is_dir() {
        eprintln!(
            "error: {} is not a dossier folder (it has no content/ folder)\n  = hint: run from the dossier folder or pass --root DIR",
            cli.root.display()
        );
        return ExitCode::from(2);
    }
    match &cli.command {
        Command::Quote { article, words } => finish(
            dossier::quote::run(&cli.root, article, words).map(|out| {
                print!("{out}");
                String::new()
            }),
            cli.format,
        ),
        Command::New { what } => new(&cli.root, what, cli.format),
        Command::Check => check_and_write(&cli, None),
        Command::Build { output } => {
            let output = output.clone().unwrap_or_else(|| cli.root.join("site"));
            check_and_write(&cli, Some(&output))
        }
    }
}

/// `check` (no output) and `build`: load, resolve, render, report, and write
/// only when nothing failed.
fn check_and_write(cli: &Cli, output: Option<&Path>) -> ExitCode {
    let started = Instant::now();
    let options = dossier::Options {
        base_url: cli.base_url.clone(),
        repository: cli.repository.clone(),
        build_date: dossier::source_date_epoch(),
        goal: if output.is_some() {
            dossier::Goal::Site
        } else {
            dossier::Goal::Check
        },
    };
    let compiled = dossier::compile(&cli.root, &options);
    report(&compiled.diagnostics, cli.format);
    if Diagnostic::exit_code(&compiled.diagnostics) == 2 {
        eprintln!("some files could not be read; nothing written");
        return ExitCode::from(2);
    }
    let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = compiled.diagnostics.len() - errors;
    let failed = errors > 0 || (cli.deny_warnings && warnings > 0);
    let site = match compiled.site {
        Some(site) if !failed => site,
        _ => {
            let denied = if cli.deny_warnings && warnings > 0 {
                " (warnings denied)"
            } else {
                ""
            };
            eprintln!("{errors} error(s), {warnings} warning(s){denied}; nothing written");
            return ExitCode::from(1);
        }
    };
    let Some(output) = output else {
        let pages = site.keys().filter(|p| p.ends_with(".html")).count();
        eprintln!("check passed: {pages} pages rendered, {warnings} warning(s)");
        return ExitCode::SUCCESS;
    };
    if let Err(e) = dossier::write::write(&cli.root, output, &site) {
        report(&[e], cli.format);
        return ExitCode::from(2);
    }
    eprintln!(
        "built {} files into {} in {} ms, {warnings} warning(s)",
        site.len(),
        output.display(),
        started.elapsed().as_millis()
    );
    ExitCode::SUCCESS
}

/// `dossier new ...`: creates the file and says what to do next.
fn new(root: &Path, what: &New, format: Format) -> ExitCode {
    use dossier::scaffold::{create, FirstAppearance, Kind};
    let (kind, slug, first) = match what {
        New::Claim {
            slug,
            article,
            quote,
            prefix,
            suffix,
        } => (
            Kind::Claim,
            slug,
            Some(FirstAppearance {
                article: article.clone(),
                quote: quote.clone(),
                prefix: prefix.clone(),
                suffix: suffix.clone(),
            }),
        ),
        New::Topic { slug } => (Kind::Topic, slug, None),
        New::Entity { slug } => (Kind::Entity, slug, None),
        New::Page { slug } => (Kind::Page, slug, None),
    };
    finish(
        create(root, kind, slug, first.as_ref()).map(|rel| {
            format!(
                "created {}\nnext: replace every TODO in it, then run `dossier check`, which lists what is left",
                root.join(rel).display().to_string().trim_start_matches("./")
            )
        }),
        format,
    )
}

/// Prints the outcome of `quote` or `new`: 0 done, 1 the content says no, 2 misuse.
fn finish(outcome: Result<String, Diagnostic>, format: Format) -> ExitCode {
    match outcome {
        Ok(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::SUCCESS
        }
        Err(d) => {
            match format {
                // One problem: no blank line after it, as there is between several.
                Format::Human => anstream::eprint!("{}", d.human()),
                _ => report(std::slice::from_ref(&d), format),
            }
            ExitCode::from(Diagnostic::exit_code(&[d]))
        }
    }
}

/// Human diagnostics go to stderr, in colour on a terminal unless NO_COLOR is
/// set (`anstream` decides); machine formats go to stdout so they can be
/// piped. Paths are relative to the dossier folder, as editors see them in
/// the repository.
fn report(diagnostics: &[Diagnostic], format: Format) {
    for d in diagnostics {
        match format {
            Format::Human => anstream::eprintln!("{}", d.human()),
            Format::Github => println!("{}", d.github()),
            Format::Json => println!("{}", d.json()),
        }
    }
}
