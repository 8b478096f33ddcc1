//! `playbook build`.

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
                eprintln!("{n}");
            }
            super::print_diagnostics(&report.diagnostics);
            eprintln!(
                "built {} pages ({} files, {} new or changed) into {} in {} ms{}",
                report.pages,
                report.files,
                report.changed,
                report.out.display(),
                report.millis,
                super::summary(&report.diagnostics)
            );
            0
        }
        Err(e) => super::report_error(&e),
    }
}
