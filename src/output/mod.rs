//! Writing the site: into a staging folder beside the target, then swapped
//! into place in one atomic step. The staging folder (`.playbook-spare/<name>`)
//! outlives the build as a hollow copy of the output, so that the next build
//! only writes what changed (see [`Staging`]).
//!
//! Invariants:
//! - the previous output stays exactly as it was until the swap, whatever
//!   happens before (error, full disk, SIGKILL);
//! - a file playbook did not create is never deleted or overwritten: files of
//!   the old output that are not in its manifest (`.playbook-manifest`) are
//!   carried into the new output as hard links, and a generated file that
//!   would replace one is an error;
//! - dangerous targets (`/`, the home folder, the site root, a folder holding
//!   `content/`) are refused before anything is written.
//!
//! This file holds the target check and the [`Sink`] the render stage writes
//! into; `staging` fills the spare, `foreign` carries the files playbook did
//! not make, `swap` locks, recovers and exchanges the folders, and `memory`
//! is the sink of `serve`.

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::diagnostic::UsageError;
use crate::messages::msg;

mod foreign;
mod memory;
mod staging;
mod swap;

pub use memory::{Entry, Memory};
pub use staging::{Staging, Written};

pub const MANIFEST: &str = ".playbook-manifest";

/// Refuses output folders that could destroy the user's work.
pub fn check_target(out: &Path, site_root: &Path, content_dir: &Path) -> Result<(), UsageError> {
    let out_abs = absolute(out);
    let root_abs = absolute(site_root);
    let content_abs = absolute(content_dir);
    let refuse = |why: &str| {
        Err(UsageError(msg!(
            "output-refused",
            folder = out.display(),
            why = why
        )))
    };
    if out_abs.parent().is_none() {
        return refuse("root");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == out_abs
    {
        return refuse("home");
    }
    if out_abs == root_abs {
        return refuse("site");
    }
    if content_abs.starts_with(&out_abs) {
        return refuse("contains-content");
    }
    if out_abs.starts_with(&content_abs) {
        return refuse("inside-content");
    }
    if out_abs.join("content").is_dir() || out_abs.join("playbook.toml").is_file() {
        return refuse("looks-like-site");
    }
    Ok(())
}

/// Makes a path absolute and resolves `..` and symlinks in its existing part.
fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(p)
    };
    // Canonicalize the longest existing ancestor, keep the rest as written.
    let mut existing = abs.clone();
    let mut rest = vec![];
    while !existing.exists() {
        match (
            existing.file_name().map(std::ffi::OsStr::to_os_string),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for r in rest.into_iter().rev() {
        if r == ".." {
            out.pop();
        } else if r != "." {
            out.push(r);
        }
    }
    out
}

/// Where the render stage puts files: a staging folder (`build`) or memory (`serve`).
pub trait Sink: Sync {
    /// Writes one output file (`rel` is `/`-separated).
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()>;
    /// Publishes a file of the content folder unchanged.
    fn copy(&self, rel: &str, from: &Path) -> Result<()>;
    /// Writes one output file held in shared memory (no copy in memory).
    fn write_shared(&self, rel: &str, bytes: std::sync::Arc<Vec<u8>>) -> Result<()> {
        self.write(rel, &bytes)
    }
}
