//! Writing the site: into a staging folder beside the target, then swapped
//! into place in one atomic step.
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

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result, bail};

use crate::diagnostic::UsageError;

pub const MANIFEST: &str = ".playbook-manifest";

/// Refuses output folders that could destroy the user's work.
pub fn check_target(out: &Path, site_root: &Path, content_dir: &Path) -> Result<(), UsageError> {
    let out_abs = absolute(out);
    let root_abs = absolute(site_root);
    let content_abs = absolute(content_dir);
    let refuse = |why: &str| {
        Err(UsageError(format!(
            "refusing to write the site into `{}`: {why}; choose another folder with --out",
            out.display()
        )))
    };
    if out_abs.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolute(&home) == out_abs
    {
        return refuse("it is your home folder");
    }
    if out_abs == root_abs {
        return refuse("it is the site folder itself");
    }
    if content_abs.starts_with(&out_abs) {
        return refuse("it contains the `content/` folder");
    }
    if out_abs.starts_with(&content_abs) {
        return refuse("it is inside the `content/` folder");
    }
    if out_abs.join("content").is_dir() || out_abs.join("playbook.toml").is_file() {
        return refuse("it looks like a playbook site (it has content/ or playbook.toml)");
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
            existing.file_name().map(|s| s.to_os_string()),
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

/// One file of a site held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Bytes(std::sync::Arc<Vec<u8>>),
    /// A content file served from disk (images, PDFs…).
    File(PathBuf),
}

/// A whole site in memory, for `serve`: nothing is written to disk.
#[derive(Debug, Default)]
pub struct Memory {
    pub files: Mutex<std::collections::HashMap<String, Entry>>,
}

impl Memory {
    pub fn into_files(self) -> std::collections::HashMap<String, Entry> {
        self.files
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Sink for Memory {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let mut f = self
            .files
            .lock()
            .map_err(|_| anyhow::anyhow!("a render thread panicked"))?;
        f.insert(
            rel.to_string(),
            Entry::Bytes(std::sync::Arc::new(bytes.to_vec())),
        );
        Ok(())
    }

    fn write_shared(&self, rel: &str, bytes: std::sync::Arc<Vec<u8>>) -> Result<()> {
        let mut f = self
            .files
            .lock()
            .map_err(|_| anyhow::anyhow!("a render thread panicked"))?;
        f.insert(rel.to_string(), Entry::Bytes(bytes));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let mut f = self
            .files
            .lock()
            .map_err(|_| anyhow::anyhow!("a render thread panicked"))?;
        f.insert(rel.to_string(), Entry::File(from.to_path_buf()));
        Ok(())
    }
}

impl Sink for Staging {
    fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        Staging::write(self, rel, bytes)
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        Staging::copy(self, rel, from)
    }
}

/// A staging folder being filled; dropped without `commit`, it is removed.
pub struct Staging {
    /// Held from `begin` to the end of `commit`: one build at a time writes
    /// beside a given output folder, so no build ever mistakes another's
    /// staging folder for a stale one.
    _lock: fs::File,
    dir: PathBuf,
    target: PathBuf,
    /// Files of the previous output that playbook wrote: an unchanged file is
    /// hard-linked from there instead of written again (fewer new inodes, which
    /// is most of the cost of writing a large site).
    previous: BTreeSet<String>,
    written: Mutex<BTreeSet<String>>,
    committed: bool,
}

fn staging_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.playbook-")
}

impl Staging {
    /// Creates the staging folder beside `target`, after cleaning up what a
    /// killed build may have left there.
    pub fn begin(target: &Path) -> Result<Staging> {
        let target = absolute(target);
        let parent = target
            .parent()
            .context("the output folder has no parent folder")?
            .to_path_buf();
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create `{}`", parent.display()))?;
        let lock = lock_folder(&parent)?;
        let prefix = staging_prefix(&target);
        recover(&parent, &target, &prefix)?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = parent.join(format!("{prefix}tmp-{}-{stamp}", std::process::id()));
        fs::create_dir(&dir)
            .with_context(|| format!("cannot create the staging folder `{}`", dir.display()))?;
        let previous = if target.is_dir() {
            read_manifest(&target)
        } else {
            BTreeSet::new()
        };
        Ok(Staging {
            _lock: lock,
            dir,
            target,
            previous,
            written: Mutex::new(BTreeSet::new()),
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn record(&self, rel: &str) {
        if let Ok(mut w) = self.written.lock() {
            w.insert(rel.to_string());
        }
    }

    /// Writes one output file (`rel` is `/`-separated).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).with_context(|| format!("cannot create `{}`", p.display()))?;
        }
        if !(self.previous.contains(rel) && self.link_if_unchanged(rel, bytes, &path)) {
            fs::write(&path, bytes)
                .with_context(|| format!("cannot write `{}`", path.display()))?;
        }
        self.record(rel);
        Ok(())
    }

    /// Hard-links the previous output's `rel` to `path` when it holds exactly `bytes`.
    fn link_if_unchanged(&self, rel: &str, bytes: &[u8], path: &Path) -> bool {
        let old = self.target.join(rel);
        let same_len =
            fs::symlink_metadata(&old).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
        same_len && fs::read(&old).is_ok_and(|b| b == bytes) && fs::hard_link(&old, path).is_ok()
    }

    /// Copies a file from the content folder.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let path = self.dir.join(rel);
        if let Some(p) = path.parent() {
            fs::create_dir_all(p).with_context(|| format!("cannot create `{}`", p.display()))?;
        }
        fs::copy(from, &path)
            .with_context(|| format!("cannot copy `{}` to `{}`", from.display(), path.display()))?;
        self.record(rel);
        Ok(())
    }

    /// Carries foreign files over, writes the manifest and swaps the staging
    /// folder into place.
    pub fn commit(mut self) -> Result<()> {
        let written = std::mem::take(
            &mut *self
                .written
                .lock()
                .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?,
        );
        let mut manifest = String::new();
        for rel in &written {
            manifest.push_str(rel);
            manifest.push('\n');
        }
        fs::write(self.dir.join(MANIFEST), manifest).context("cannot write the manifest")?;
        if self.target.exists() {
            if !self.target.is_dir() {
                bail!("`{}` exists and is not a folder", self.target.display());
            }
            carry_foreign(&self.target, &self.dir, &written)?;
            swap(&self.dir, &self.target)?;
            // `self.dir` now holds the previous output: our files, and links to
            // foreign files that also live on in the new output.
            let old = self.dir.clone();
            self.committed = true;
            fs::remove_dir_all(&old).with_context(|| {
                format!("cannot remove the previous output `{}`", old.display())
            })?;
        } else {
            fs::rename(&self.dir, &self.target).with_context(|| {
                format!("cannot move the site into `{}`", self.target.display())
            })?;
            self.committed = true;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes staging folders of killed builds and restores an output folder
/// whose swap was interrupted (only on file systems without atomic exchange).
/// Takes an exclusive lock on the folder that holds the output (waiting for
/// another build to finish if needed). Released when the file is closed.
fn lock_folder(parent: &Path) -> Result<fs::File> {
    use rustix::fs::{FlockOperation, flock};
    let dir =
        fs::File::open(parent).with_context(|| format!("cannot open `{}`", parent.display()))?;
    if flock(&dir, FlockOperation::NonBlockingLockExclusive).is_err() {
        eprintln!(
            "waiting for another playbook build writing into `{}`…",
            parent.display()
        );
        flock(&dir, FlockOperation::LockExclusive)
            .map_err(io::Error::from)
            .with_context(|| format!("cannot lock `{}`", parent.display()))?;
    }
    Ok(dir)
}

/// Under the lock, every staging folder left beside the output comes from a
/// build that was killed: remove it (or, after an interrupted two-step swap,
/// put the previous output back).
fn recover(parent: &Path, target: &Path, prefix: &str) -> Result<()> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if !name.starts_with(prefix) {
            continue;
        }
        let path = e.path();
        if name[prefix.len()..].starts_with("tmp-") && path.is_dir() {
            fs::remove_dir_all(&path).with_context(|| {
                format!(
                    "cannot remove the stale staging folder `{}`",
                    path.display()
                )
            })?;
        } else if name[prefix.len()..].starts_with("old-") {
            if target.exists() {
                fs::remove_dir_all(&path)
                    .with_context(|| format!("cannot remove `{}`", path.display()))?;
            } else {
                fs::rename(&path, target)
                    .with_context(|| format!("cannot restore `{}`", target.display()))?;
            }
        }
    }
    Ok(())
}

/// Reads the old output's manifest: the files playbook created there.
fn read_manifest(target: &Path) -> BTreeSet<String> {
    fs::read_to_string(target.join(MANIFEST))
        .map(|s| {
            s.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Hard-links every file of `old` that playbook did not create into `new`.
fn carry_foreign(old: &Path, new: &Path, written: &BTreeSet<String>) -> Result<()> {
    let ours = read_manifest(old);
    let mut conflicts = vec![];
    for entry in walkdir::WalkDir::new(old).follow_links(false).min_depth(1) {
        let entry = entry.with_context(|| format!("cannot read `{}`", old.display()))?;
        let rel_path = entry.path().strip_prefix(old).unwrap_or(entry.path());
        let rel = rel_path.to_string_lossy().replace('\\', "/");
        if rel == MANIFEST || ours.contains(&rel) {
            continue;
        }
        let dest = new.join(rel_path);
        let ft = entry.file_type();
        if ft.is_dir() {
            if dest.exists() && !dest.is_dir() {
                conflicts.push(rel);
            } else {
                fs::create_dir_all(&dest)
                    .with_context(|| format!("cannot create `{}`", dest.display()))?;
            }
            continue;
        }
        if written.contains(&rel) || dest.exists() {
            conflicts.push(rel);
            continue;
        }
        if let Some(p) = dest.parent() {
            fs::create_dir_all(p).with_context(|| format!("cannot create `{}`", p.display()))?;
        }
        if ft.is_symlink() {
            let link = fs::read_link(entry.path())?;
            std::os::unix::fs::symlink(link, &dest)
                .with_context(|| format!("cannot keep the link `{}`", dest.display()))?;
        } else {
            fs::hard_link(entry.path(), &dest).with_context(|| {
                format!(
                    "cannot keep `{}` (hard link failed)",
                    entry.path().display()
                )
            })?;
        }
    }
    if !conflicts.is_empty() {
        let shown: Vec<_> = conflicts.iter().take(5).map(|c| format!("`{c}`")).collect();
        bail!(
            "the output folder `{}` holds files playbook did not create and would overwrite: {}{}; \
             move them away or choose another folder with --out (nothing was changed)",
            old.display(),
            shown.join(", "),
            if conflicts.len() > 5 {
                format!(" and {} more", conflicts.len() - 5)
            } else {
                String::new()
            }
        );
    }
    Ok(())
}

/// Atomically exchanges two folders (Linux `renameat2(RENAME_EXCHANGE)`), or
/// falls back to two renames where the file system lacks it.
fn swap(staging: &Path, target: &Path) -> Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        Err(e)
            if e == rustix::io::Errno::INVAL
                || e == rustix::io::Errno::NOSYS
                || e == rustix::io::Errno::NOTSUP =>
        {
            let prefix = staging_prefix(target);
            let old = target.with_file_name(format!("{prefix}old-{}", std::process::id()));
            fs::rename(target, &old)
                .with_context(|| format!("cannot move `{}` aside", target.display()))?;
            fs::rename(staging, target)
                .with_context(|| format!("cannot move the site into `{}`", target.display()))?;
            fs::rename(&old, staging).context("cannot move the previous output away")?;
            Ok(())
        }
        Err(e) => Err(io::Error::from(e))
            .with_context(|| format!("cannot swap the new site into `{}`", target.display())),
    }
}
