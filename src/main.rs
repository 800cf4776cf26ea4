//! The `dossier` command line: a thin layer over the library.

use clap::{Parser, Subcommand, ValueEnum};
use dossier::diagnostic::Diagnostic;
use std::io::IsTerminal;
use std::path::PathBuf;
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
    let started = Instant::now();
    let options = dossier::Options {
        base_url: cli.base_url.clone(),
        repository: cli.repository.clone(),
        build_date: dossier::source_date_epoch(),
    };
    let compiled = dossier::compile_with(&cli.root, &options);
    report(&compiled.diagnostics, cli.format);
    let errors = compiled.errors();
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
    match cli.command {
        Command::Check => {
            eprintln!(
                "check passed: {} files would be written, {warnings} warning(s)",
                site.len()
            );
            ExitCode::SUCCESS
        }
        Command::Build { output } => {
            let output = output.unwrap_or_else(|| cli.root.join("site"));
            if let Err(e) = dossier::write::write(&cli.root, &output, &site) {
                eprintln!("error: {e}");
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
    }
}

/// Human diagnostics go to stderr (in colour on a terminal unless NO_COLOR is
/// set); machine formats go to stdout so they can be piped.
fn report(diagnostics: &[Diagnostic], format: Format) {
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    for d in diagnostics {
        match format {
            Format::Human => eprintln!("{}", d.human(colour)),
            Format::Github => println!("{}", d.github()),
            Format::Json => println!("{}", d.json()),
        }
    }
}
