//! `playbook check`.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::check::{check, gitlab_json, json};
use crate::diagnostic::Severity;
use crate::messages::msg;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// `file:line:col: severity: message` lines
    Text,
    /// playbook's JSON report
    Json,
    /// GitLab CI Code Quality report
    Gitlab,
}

#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Site folder (holding content/ and the optional playbook.toml) [default: this folder or the nearest one above that holds a site]
    #[arg(long)]
    root: Option<PathBuf>,
    /// Fail on warnings, pages to create and orphans too
    #[arg(long)]
    strict: bool,
    /// Include pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub(crate) fn execute(a: CheckArgs) -> i32 {
    let root = match super::root::locate(a.root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let lang = super::site_lang(&root);
    if !root.join("content").is_dir() {
        eprintln!(
            "{}",
            msg!(
                "cli-error",
                message = msg!("no-content", root = root.display())
            )
            .render(lang)
        );
        return 2;
    }
    let report = check(&root, a.drafts);
    let d = &report.diagnostics;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let _ = match a.format {
        Format::Json => writeln!(out, "{}", json(&report, lang)),
        Format::Gitlab => writeln!(out, "{}", gitlab_json(d, lang)),
        Format::Text => {
            for x in &d.0 {
                let _ = writeln!(out, "{}", x.render(lang));
            }
            let l = report.links;
            let links = msg!(
                "check-links",
                total = l.total,
                pages = l.pages,
                files = l.files,
                missing = l.missing,
                broken = l.broken
            );
            let checked = msg!(
                "check-done",
                pages = report.pages,
                errors = d.count(Severity::Error),
                warnings = d.count(Severity::Warning),
                notes = d.count(Severity::Note)
            );
            writeln!(out, "{}\n{}", links.render(lang), checked.render(lang))
        }
    };
    let failing = d.has_errors() || (a.strict && !d.0.is_empty());
    i32::from(failing)
}
