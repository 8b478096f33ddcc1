//! Command-line interface: one subcommand per verb, each a thin layer over the library.
//!
//! Exit codes: 0 success, 1 content errors, 2 usage errors.

use std::ffi::OsString;
use std::io::Write;

use clap::{Parser, Subcommand};

use crate::diagnostic::{ContentErrors, Diagnostics, Severity, UsageError};

mod build;
mod check;
mod import;
mod init;
mod new;
mod package_files;
mod root;
mod serve;

#[derive(Debug, Parser)]
#[command(
    name = "playbook",
    version = env!("PLAYBOOK_VERSION"),
    about = "Turns a folder of Markdown pages into a cross-linked intranet wiki"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site from content/ into public/
    Build(build::BuildArgs),
    /// Turn a workshop pad's text export into a minutes page
    Import(import::ImportArgs),
    /// Start a new playbook in an empty folder
    Init(init::InitArgs),
    /// Create a page from a template: minutes, guide, typology or page
    New(new::NewArgs),
    /// Report broken links and anchors, pages to create, orphans and front-matter problems
    Check(check::CheckArgs),
    /// Preview the site on http://127.0.0.1:1111/, rebuilding and reloading on every save
    Serve(serve::ServeArgs),
    // f-deploy
    /// Write the man pages and shell completions of the Debian package (scripts/deb.sh)
    #[command(hide = true)]
    PackageFiles(package_files::PackageFilesArgs),
}

/// Runs the command line and returns the process exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Build(a) => build::execute(a),
        Command::Import(a) => import::execute(a),
        Command::Init(a) => init::execute(a),
        Command::New(a) => new::execute(a),
        Command::Check(a) => check::execute(a),
        Command::Serve(a) => serve::execute(a),
        Command::PackageFiles(a) => package_files::execute(a),
    }
}

pub(crate) fn summary(d: &Diagnostics) -> String {
    let mut parts = vec![];
    match d.count(Severity::Warning) {
        0 => {}
        n => parts.push(format!("{n} warning{}", if n > 1 { "s" } else { "" })),
    }
    match d.count(Severity::Note) {
        0 => {}
        n => parts.push(format!(
            "{n} link{} to pages to create",
            if n > 1 { "s" } else { "" }
        )),
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

pub(crate) fn print_diagnostics(d: &Diagnostics) {
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for diag in d.0.iter().filter(|d| d.severity != Severity::Note) {
        let _ = writeln!(w, "{diag}");
    }
}

/// Prints an error and picks the exit code.
pub(crate) fn report_error(e: &anyhow::Error) -> i32 {
    if let Some(ContentErrors(d)) = e.downcast_ref::<ContentErrors>() {
        print_diagnostics(d);
        eprintln!(
            "error: the build failed with {} error(s) and {} warning(s); the previous output was left untouched",
            d.count(Severity::Error),
            d.count(Severity::Warning)
        );
        return 1;
    }
    if let Some(UsageError(msg)) = e.downcast_ref::<UsageError>() {
        eprintln!("error: {msg}");
        return 2;
    }
    eprintln!("error: {e:#}");
    1
}
