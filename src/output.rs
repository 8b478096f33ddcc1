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

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use crate::diagnostic::{Failure, UsageError};
use crate::messages::msg;

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
            .map_err(|_| anyhow::Error::new(Failure(msg!("thread-panicked"))))?;
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
            .map_err(|_| anyhow::Error::new(Failure(msg!("thread-panicked"))))?;
        f.insert(rel.to_string(), Entry::Bytes(bytes));
        Ok(())
    }

    fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let mut f = self
            .files
            .lock()
            .map_err(|_| anyhow::Error::new(Failure(msg!("thread-panicked"))))?;
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
///
/// The staging folder is the *spare* `.playbook-spare/<name>` beside the
/// target `<name>`: after the swap it holds the previous output, which is then
/// hollowed out until only hard links to files of the new output and their
/// folders remain. The next build starts from there: an unchanged file is
/// already in place (same inode as the live one), so rebuilding an unchanged
/// site creates and deletes no folder and no file but the manifest. (With the
/// output called `public`, the usual `.gitignore` line `public/` also hides
/// `.playbook-spare/public/` from git.)
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
    /// What the spare held when the build began (only regular files listed in
    /// `previous`, and folders: everything else was removed).
    found: Found,
    written: Mutex<BTreeSet<String>>,
    /// Files written with new bytes (not shared with the previous output).
    fresh: Mutex<Vec<String>>,
    committed: bool,
}

/// What a build wrote: every file, and those with new bytes (the others
/// were already there, unchanged).
#[derive(Debug, Clone, Copy, Default)]
pub struct Written {
    pub files: usize,
    pub changed: usize,
}

#[derive(Default)]
struct Found {
    files: BTreeSet<String>,
    dirs: BTreeSet<String>,
}

/// Name of the folder beside the output that holds the spare.
const SPARE: &str = ".playbook-spare";

fn staging_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.playbook-")
}

/// Is `path` a folder (and not a link to one)? An error when it is something
/// else, which playbook did not make.
fn is_real_dir(path: &Path) -> Result<bool> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Ok(true),
        Ok(_) => Err(Failure(msg!("output-not-ours", path = path.display())).into()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e)
            .with_context(|| Failure(msg!("fs-cannot", action = "read", path = path.display()))),
    }
}

/// Removes the file, link or folder at `path`, if there is one.
fn remove_if_exists(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(())
        }
        Err(e) => match fs::symlink_metadata(path) {
            Ok(m) if m.is_dir() => fs::remove_dir_all(path),
            _ => Err(e),
        },
        Ok(()) => Ok(()),
    }
}

impl Staging {
    /// Opens the staging folder beside `target`, after cleaning up what a
    /// killed build may have left there.
    pub fn begin(target: &Path) -> Result<Staging> {
        let target = absolute(target);
        let parent = target
            .parent()
            .context(Failure(msg!("output-no-parent")))?
            .to_path_buf();
        let name = target
            .file_name()
            .context(Failure(msg!("output-no-name")))?
            .to_os_string();
        fs::create_dir_all(&parent).with_context(|| {
            Failure(msg!(
                "fs-cannot",
                action = "create",
                path = parent.display()
            ))
        })?;
        let lock = lock_folder(&parent)?;
        let prefix = staging_prefix(&target);
        recover(&parent, &target, &prefix)?;
        let previous = if target.is_dir() {
            read_manifest(&target)
        } else {
            BTreeSet::new()
        };
        let spare_root = parent.join(SPARE);
        if !is_real_dir(&spare_root)? {
            fs::create_dir(&spare_root).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "create-the-staging-folder",
                    path = spare_root.display()
                ))
            })?;
        }
        let dir = spare_root.join(name);
        let found = if is_real_dir(&dir)? {
            prepare_spare(&dir, &previous)?
        } else {
            fs::create_dir(&dir).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "create-the-staging-folder",
                    path = dir.display()
                ))
            })?;
            Found::default()
        };
        Ok(Staging {
            _lock: lock,
            dir,
            target,
            previous,
            found,
            written: Mutex::new(BTreeSet::new()),
            fresh: Mutex::new(vec![]),
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn record(&self, rel: &str, fresh: bool) {
        if let Ok(mut w) = self.written.lock() {
            w.insert(rel.to_string());
        }
        if fresh && let Ok(mut f) = self.fresh.lock() {
            f.push(rel.to_string());
        }
    }

    /// Makes the folder that will hold `rel`, replacing a file of the spare
    /// that stands in its way.
    fn make_parent(&self, rel: &str, path: &Path) -> Result<()> {
        let Some(parent) = path.parent() else {
            return Ok(());
        };
        if let Some((dir_rel, _)) = rel.rsplit_once('/')
            && self.found.dirs.contains(dir_rel)
        {
            return Ok(());
        }
        if fs::create_dir_all(parent).is_ok() {
            return Ok(());
        }
        // A file of an older output where a folder is now needed.
        let mut at = self.dir.clone();
        for part in Path::new(rel)
            .parent()
            .into_iter()
            .flat_map(Path::components)
        {
            at.push(part);
            if fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
                let _ = fs::remove_file(&at);
            }
        }
        fs::create_dir_all(parent).with_context(|| {
            Failure(msg!(
                "fs-cannot",
                action = "create",
                path = parent.display()
            ))
        })
    }

    /// Puts the previous output's `rel` at `path` (the spare) when `same`
    /// says it holds the new bytes: already there when the spare's file is
    /// the live inode, else hard-linked. Otherwise clears `path` and returns
    /// `false`: the caller then writes a new inode, never the old one, since
    /// the spare's files are hard links to the live output.
    fn reuse_unchanged(
        &self,
        rel: &str,
        path: &Path,
        same: impl FnOnce(&Path, &fs::Metadata) -> bool,
    ) -> Result<bool> {
        let cannot = || Failure(msg!("fs-cannot", action = "replace", path = path.display()));
        if self.previous.contains(rel) {
            let old = self.target.join(rel);
            if let Ok(m) = fs::symlink_metadata(&old)
                && m.is_file()
                && same(&old, &m)
            {
                if self.found.files.contains(rel) && same_inode(&m, path) {
                    self.record(rel, false);
                    return Ok(true);
                }
                remove_if_exists(path).with_context(cannot)?;
                if fs::hard_link(&old, path).is_ok() {
                    self.record(rel, false);
                    return Ok(true);
                }
            }
        }
        remove_if_exists(path).with_context(cannot)?;
        Ok(false)
    }

    /// Writes one output file (`rel` is `/`-separated).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        self.make_parent(rel, &path)?;
        let same = |old: &Path, m: &fs::Metadata| {
            m.len() == bytes.len() as u64 && fs::read(old).is_ok_and(|b| b == bytes)
        };
        if self.reuse_unchanged(rel, &path, same)? {
            return Ok(());
        }
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .with_context(|| Failure(msg!("fs-cannot", action = "write", path = path.display())))?;
        io::Write::write_all(&mut f, bytes)
            .with_context(|| Failure(msg!("fs-cannot", action = "write", path = path.display())))?;
        self.record(rel, true);
        Ok(())
    }

    /// Copies a file from the content folder.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let path = self.dir.join(rel);
        self.make_parent(rel, &path)?;
        if self.reuse_unchanged(rel, &path, |old, _| same_contents(from, old))? {
            return Ok(());
        }
        fs::copy(from, &path).with_context(|| {
            Failure(msg!(
                "fs-cannot-copy",
                from = from.display(),
                path = path.display()
            ))
        })?;
        self.record(rel, true);
        Ok(())
    }

    /// Removes from the spare what this build did not write, carries foreign
    /// files over, writes the manifest, swaps the staging folder into place
    /// and hollows out what it now holds (the previous output).
    pub fn commit(mut self) -> Result<Written> {
        let written = std::mem::take(
            &mut *self
                .written
                .lock()
                .map_err(|_| anyhow::Error::new(Failure(msg!("thread-panicked"))))?,
        );
        let fresh = std::mem::take(
            &mut *self
                .fresh
                .lock()
                .map_err(|_| anyhow::Error::new(Failure(msg!("thread-panicked"))))?,
        );
        let counts = Written {
            files: written.len(),
            changed: fresh.len(),
        };
        self.drop_unwritten(&written)?;
        let manifest_path = self.dir.join(MANIFEST);
        remove_if_exists(&manifest_path).context(Failure(msg!("output-manifest")))?;
        let mut manifest = String::new();
        for rel in &written {
            manifest.push_str(rel);
            manifest.push('\n');
        }
        fs::write(&manifest_path, manifest).context(Failure(msg!("output-manifest")))?;
        if self.target.exists() {
            if !self.target.is_dir() {
                return Err(
                    Failure(msg!("output-not-folder", path = self.target.display())).into(),
                );
            }
            carry_foreign(&self.target, &self.dir, &written)?;
            swap(&self.dir, &self.target)?;
            self.committed = true;
            // `self.dir` now holds the previous output: keep only what is
            // also, unchanged, in the new one (hard links).
            self.hollow(&written, &fresh)
                .with_context(|| Failure(msg!("output-not-cleared", path = self.dir.display())))?;
        } else {
            fs::rename(&self.dir, &self.target).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "move-the-site-into",
                    path = self.target.display()
                ))
            })?;
            self.committed = true;
            if let Some(root) = self.dir.parent() {
                let _ = fs::remove_dir(root);
            }
        }
        Ok(counts)
    }

    /// Before the swap: removes the spare's files and folders that this build
    /// did not write (pages removed since, foreign files carried last time).
    fn drop_unwritten(&self, written: &BTreeSet<String>) -> Result<()> {
        let mut needed = BTreeSet::new();
        for rel in written {
            let mut r = rel.as_str();
            while let Some((parent, _)) = r.rsplit_once('/') {
                if !needed.insert(parent) {
                    break;
                }
                r = parent;
            }
        }
        let cannot = |p: &Path| Failure(msg!("fs-cannot", action = "remove", path = p.display()));
        // A file of the spare that is now a folder was replaced while writing.
        for rel in self.found.files.difference(written) {
            if !needed.contains(rel.as_str()) {
                let path = self.dir.join(rel);
                match fs::remove_file(&path) {
                    Err(e)
                        if !matches!(
                            e.kind(),
                            io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                        ) =>
                    {
                        return Err(e).with_context(|| cannot(&path));
                    }
                    _ => {}
                }
            }
        }
        // A folder of the spare that is now a file was replaced while writing.
        let mut removed: Option<&str> = None;
        for rel in &self.found.dirs {
            if removed.is_some_and(|r| rel.starts_with(r) && rel[r.len()..].starts_with('/')) {
                continue;
            }
            if !needed.contains(rel.as_str()) && !written.contains(rel) {
                let path = self.dir.join(rel);
                if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                    fs::remove_dir_all(&path).with_context(|| cannot(&path))?;
                }
                removed = Some(rel);
            }
        }
        Ok(())
    }

    /// After the swap, `self.dir` holds the previous output: removes the files
    /// that differ from the new output (rewritten or gone) and the manifest,
    /// and the folders left empty.
    fn hollow(&self, written: &BTreeSet<String>, fresh: &[String]) -> Result<()> {
        for rel in fresh {
            remove_if_exists(&self.dir.join(rel))?;
        }
        for rel in self.previous.difference(written) {
            let path = self.dir.join(rel);
            remove_if_exists(&path)?;
            let mut dir = path.parent();
            while let Some(d) = dir {
                if d == self.dir || fs::remove_dir(d).is_err() {
                    break;
                }
                dir = d.parent();
            }
        }
        remove_if_exists(&self.dir.join(MANIFEST))?;
        Ok(())
    }
}

/// Do the metadata `old` and the file at `path` name the same inode?
fn same_inode(old: &fs::Metadata, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    fs::symlink_metadata(path).is_ok_and(|m| m.dev() == old.dev() && m.ino() == old.ino())
}

/// Do two files hold the same bytes? (Read in blocks: assets can be large.)
fn same_contents(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Ok(ma), Ok(mb)) = (fs::metadata(a), fs::metadata(b)) else {
        return false;
    };
    if ma.len() != mb.len() {
        return false;
    }
    let (Ok(mut fa), Ok(mut fb)) = (fs::File::open(a), fs::File::open(b)) else {
        return false;
    };
    let mut ba = vec![0u8; 64 * 1024];
    let mut bb = vec![0u8; 64 * 1024];
    loop {
        let n = match fa.read(&mut ba) {
            Ok(n) => n,
            Err(_) => return false,
        };
        if n == 0 {
            return fb.read(&mut bb[..1]).is_ok_and(|m| m == 0);
        }
        if fb.read_exact(&mut bb[..n]).is_err() || ba[..n] != bb[..n] {
            return false;
        }
    }
}

/// Makes an existing spare safe to write into: removes links and anything
/// but folders and regular files, and files the previous output's manifest
/// does not list (left by a killed build, or carried foreign files). Returns
/// what remains.
fn prepare_spare(dir: &Path, previous: &BTreeSet<String>) -> Result<Found> {
    let mut found = Found::default();
    for entry in walkdir::WalkDir::new(dir).follow_links(false).min_depth(1) {
        let entry = entry
            .with_context(|| Failure(msg!("fs-cannot", action = "read", path = dir.display())))?;
        let Ok(rel_path) = entry.path().strip_prefix(dir) else {
            continue;
        };
        let rel = rel_path.to_string_lossy().replace('\\', "/");
        let ft = entry.file_type();
        if ft.is_dir() {
            found.dirs.insert(rel);
        } else if ft.is_file() && previous.contains(&rel) {
            found.files.insert(rel);
        } else {
            fs::remove_file(entry.path()).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "remove",
                    path = entry.path().display()
                ))
            })?;
        }
    }
    Ok(found)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
            if let Some(root) = self.dir.parent() {
                let _ = fs::remove_dir(root);
            }
        }
    }
}

/// Removes staging folders of killed builds and restores an output folder
/// whose swap was interrupted (only on file systems without atomic exchange).
/// Takes an exclusive lock on the folder that holds the output (waiting for
/// another build to finish if needed). Released when the file is closed.
fn lock_folder(parent: &Path) -> Result<fs::File> {
    use rustix::fs::{FlockOperation, flock};
    let dir = fs::File::open(parent)
        .with_context(|| Failure(msg!("fs-cannot", action = "open", path = parent.display())))?;
    if flock(&dir, FlockOperation::NonBlockingLockExclusive).is_err() {
        eprintln!(
            "waiting for another playbook build writing into `{}`…",
            parent.display()
        );
        flock(&dir, FlockOperation::LockExclusive)
            .map_err(io::Error::from)
            .with_context(|| {
                Failure(msg!("fs-cannot", action = "lock", path = parent.display()))
            })?;
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
                Failure(msg!(
                    "fs-cannot",
                    action = "remove-the-stale-staging-folder",
                    path = path.display()
                ))
            })?;
        } else if name[prefix.len()..].starts_with("old-") {
            if target.exists() {
                fs::remove_dir_all(&path).with_context(|| {
                    Failure(msg!("fs-cannot", action = "remove", path = path.display()))
                })?;
            } else {
                fs::rename(&path, target).with_context(|| {
                    Failure(msg!(
                        "fs-cannot",
                        action = "restore",
                        path = target.display()
                    ))
                })?;
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
    // Folders that hold files playbook wrote are playbook's too: they are
    // made again only for the foreign files inside them.
    let mut our_dirs = BTreeSet::new();
    for rel in &ours {
        let mut r = rel.as_str();
        while let Some((parent, _)) = r.rsplit_once('/') {
            if !our_dirs.insert(parent) {
                break;
            }
            r = parent;
        }
    }
    let mut conflicts = vec![];
    for entry in walkdir::WalkDir::new(old).follow_links(false).min_depth(1) {
        let entry = entry
            .with_context(|| Failure(msg!("fs-cannot", action = "read", path = old.display())))?;
        let rel_path = entry.path().strip_prefix(old).unwrap_or(entry.path());
        let rel = rel_path.to_string_lossy().replace('\\', "/");
        if rel == MANIFEST || ours.contains(&rel) {
            continue;
        }
        let dest = new.join(rel_path);
        let ft = entry.file_type();
        if ft.is_dir() {
            if our_dirs.contains(rel.as_str()) {
                continue;
            }
            if fs::symlink_metadata(&dest).is_ok_and(|m| !m.is_dir()) {
                conflicts.push(rel);
            } else {
                fs::create_dir_all(&dest).with_context(|| {
                    Failure(msg!("fs-cannot", action = "create", path = dest.display()))
                })?;
            }
            continue;
        }
        if written.contains(&rel) || dest.exists() {
            conflicts.push(rel);
            continue;
        }
        if let Some(p) = dest.parent()
            && fs::create_dir_all(p).is_err()
        {
            // A generated file stands where its folder was.
            conflicts.push(rel);
            continue;
        }
        if ft.is_symlink() {
            let link = fs::read_link(entry.path())?;
            std::os::unix::fs::symlink(link, &dest).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "keep-the-link",
                    path = dest.display()
                ))
            })?;
        } else {
            fs::hard_link(entry.path(), &dest).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "keep-hardlink",
                    path = entry.path().display()
                ))
            })?;
        }
    }
    if !conflicts.is_empty() {
        let shown: Vec<_> = conflicts.iter().take(5).map(|c| format!("`{c}`")).collect();
        return Err(Failure(msg!(
            "output-foreign-files",
            folder = old.display(),
            files = shown.join(", "),
            more = conflicts.len().saturating_sub(5)
        ))
        .into());
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
            fs::rename(target, &old).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "move-aside",
                    path = target.display()
                ))
            })?;
            fs::rename(staging, target).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "move-the-site-into",
                    path = target.display()
                ))
            })?;
            fs::rename(&old, staging).context("cannot move the previous output away")?;
            Ok(())
        }
        Err(e) => Err(io::Error::from(e)).with_context(|| {
            Failure(msg!(
                "fs-cannot",
                action = "swap-the-new-site-into",
                path = target.display()
            ))
        }),
    }
}
