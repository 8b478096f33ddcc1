//! `playbook serve`.

use std::path::PathBuf;

use clap::Args;

use crate::serve::{ServeOptions, serve};

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// Site folder (holding content/ and the optional playbook.toml) [default: this folder or the nearest one above that holds a site]
    #[arg(long)]
    root: Option<PathBuf>,
    /// Port to listen on [default: 1111, or the next free one]
    #[arg(long)]
    port: Option<u16>,
    /// Address to listen on (keep 127.0.0.1 unless you know why)
    #[arg(long, default_value = "127.0.0.1")]
    bind: String,
    /// Include pages marked `draft: true`
    #[arg(long)]
    drafts: bool,
}

pub(crate) fn execute(a: ServeArgs) -> i32 {
    let root = match super::root::locate(a.root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let opts = ServeOptions {
        root,
        bind: a.bind,
        port: a.port,
        drafts: a.drafts,
    };
    let lang = super::site_lang(&opts.root);
    match serve(&opts) {
        Ok(()) => 0,
        Err(e) => super::report_error(&e, lang),
    }
}
