//! `playbook build`.

use crate::messages::msg;
use std::path::PathBuf;

use clap::Args;

use crate::build::{BuildOptions, build};

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Site folder (holding content/ and the optional playbook.toml) [default: this folder or the nearest one above that holds a site]
    #[arg(long)]
    root: Option<PathBuf>,
    /// Output folder [default: ROOT/public]
    #[arg(long)]
    out: Option<PathBuf>,
    /// Absolute URL of the published site, used for the sitemap only (links stay relative)
    #[arg(long)]
    base_url: Option<String>,
    /// Treat warnings (broken links, pages to create) as errors
    #[arg(long)]
    strict: bool,
    /// Include pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
}

pub(crate) fn execute(a: BuildArgs) -> i32 {
    let root = match super::root::locate(a.root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let lang = super::site_lang(&root);
    let opts = BuildOptions {
        root,
        out: a.out,
        base_url: a.base_url,
        strict: a.strict,
        drafts: a.drafts,
    };
    match build(&opts) {
        Ok(report) => {
            for n in &report.notices {
                eprintln!("{}", n.render(lang));
            }
            super::print_diagnostics(&report.diagnostics, lang);
            eprintln!(
                "{}{}",
                msg!(
                    "build-done",
                    pages = report.pages,
                    files = report.files,
                    changed = report.changed,
                    out = report.out.display(),
                    ms = u64::try_from(report.millis).unwrap_or(u64::MAX)
                )
                .render(lang),
                super::summary(&report.diagnostics, lang)
            );
            0
        }
        Err(e) => super::report_error(&e, lang),
    }
}
