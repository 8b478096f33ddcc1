//! Command-line interface: one subcommand per verb, each a thin layer over the library.
//!
//! Exit codes: 0 success, 1 content errors, 2 usage errors.

use std::ffi::OsString;
use std::io::Write;

use std::path::Path;

use clap::{Parser, Subcommand};

use crate::diagnostic::error_chain;
use crate::diagnostic::{ContentErrors, Diagnostics, Severity, UsageError};
use crate::messages::Lang;
use crate::messages::msg;

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
        Command::Import(a) => import::execute(&a),
        Command::Init(a) => init::execute(&a),
        Command::New(a) => new::execute(&a),
        Command::Check(a) => check::execute(a),
        Command::Serve(a) => serve::execute(a),
        Command::PackageFiles(a) => package_files::execute(&a),
    }
}

/// The language of a command's messages: the site's `language` (French
/// when `playbook.toml` does not set it), or the locale's when the file
/// cannot be read as TOML. Only the `language` key is read here: a bad
/// config is reported by the command itself, in this language.
pub(crate) fn site_lang(root: &Path) -> Lang {
    match std::fs::read_to_string(root.join("playbook.toml")) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Lang::default(),
        Err(_) => Lang::from_env(),
        Ok(text) => match text.parse::<toml::Table>() {
            Ok(t) => t
                .get("language")
                .and_then(toml::Value::as_str)
                .map_or(Lang::default(), Lang::from_code),
            Err(_) => Lang::from_env(),
        },
    }
}

/// ` (2 avertissements, 3 liens vers des pages à créer)`, or nothing.
pub(crate) fn summary(d: &Diagnostics, lang: Lang) -> String {
    let warnings = d.count(Severity::Warning);
    let notes = d.count(Severity::Note);
    if warnings == 0 && notes == 0 {
        return String::new();
    }
    msg!("cli-summary", warnings = warnings, notes = notes).render(lang)
}

pub(crate) fn print_diagnostics(d: &Diagnostics, lang: Lang) {
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for diag in d.0.iter().filter(|d| d.severity != Severity::Note) {
        let _ = writeln!(w, "{}", diag.render(lang));
    }
}

/// Prints an error in `lang` and picks the exit code.
pub(crate) fn report_error(e: &anyhow::Error, lang: Lang) -> i32 {
    if let Some(ContentErrors(d)) = e.downcast_ref::<ContentErrors>() {
        print_diagnostics(d, lang);
        eprintln!(
            "{}",
            msg!(
                "cli-build-failed",
                errors = d.count(Severity::Error),
                warnings = d.count(Severity::Warning)
            )
            .render(lang)
        );
        return 1;
    }
    if let Some(UsageError(m)) = e.downcast_ref::<UsageError>() {
        eprintln!("{}", msg!("cli-error", message = m.clone()).render(lang));
        return 2;
    }
    eprintln!(
        "{}",
        msg!("cli-error", message = error_chain(e)).render(lang)
    );
    1
}
