//! The `dossier` command line: a thin layer over the library.

use clap::{Parser, Subcommand};
use dossier::diagnostic::Diagnostic;
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
    let compiled = dossier::compile(&cli.root);
    report(&compiled.diagnostics);
    let errors = compiled.errors();
    let warnings = compiled.diagnostics.len() - errors;
    let Some(site) = compiled.site else {
        eprintln!("{errors} error(s), {warnings} warning(s); nothing written");
        return ExitCode::from(1);
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

fn report(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}
