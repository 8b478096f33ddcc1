//! The staging folder: the spare beside the output, filled by one build
//! with only what changed (unchanged files are hard links to the live
//! output), then committed (swapped into place) or, dropped, removed.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};

use super::foreign::{carry_foreign, read_manifest};
use super::swap::{lock_folder, recover, staging_prefix, swap};
use super::{MANIFEST, Sink, absolute};
use crate::diagnostic::Failure;
use crate::messages::msg;

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
    /// Folders this build made (or found made): each is made once, not
    /// once per file in it (on a disk, a `mkdir` costs as much as a file).
    made: Mutex<std::collections::HashSet<String>>,
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
            made: Mutex::default(),
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
        let Some((dir_rel, _)) = rel.rsplit_once('/') else {
            return Ok(());
        };
        if self.found.dirs.contains(dir_rel) || self.was_made(dir_rel) {
            return Ok(());
        }
        let remember = || {
            if let Ok(mut m) = self.made.lock() {
                m.insert(dir_rel.to_string());
            }
        };
        if fs::create_dir_all(parent).is_ok() {
            remember();
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
        })?;
        remember();
        Ok(())
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
        // Where the spare held nothing, only this build can have put
        // something (a file, or a folder for the files under it).
        if self.found.files.contains(rel)
            || self.found.dirs.contains(rel)
            || self.was_written(rel)
            || self.was_made(rel)
        {
            remove_if_exists(path).with_context(cannot)?;
        }
        Ok(false)
    }

    /// Whether this build already wrote `rel`.
    fn was_written(&self, rel: &str) -> bool {
        self.written.lock().map_or(true, |w| w.contains(rel))
    }

    /// Whether this build already made the folder `rel` (a set poisoned by
    /// a panic elsewhere is still whole: inserting a name cannot tear it).
    fn was_made(&self, rel: &str) -> bool {
        self.made
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .contains(rel)
    }

    /// Writes one output file (`rel` is `/`-separated).
    pub fn write(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.dir.join(rel);
        self.make_parent(rel, &path)?;
        let same =
            |old: &Path, m: &fs::Metadata| m.len() == bytes.len() as u64 && holds(old, bytes);
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

/// Whether the file at `path` holds exactly `bytes`, read through one
/// buffer per thread: reading each old file into a fresh `Vec` made the
/// allocator map, fault in and unmap pages for every large page (the
/// printable documents are a megabyte), a tenth of the output's cost.
fn holds(path: &Path, bytes: &[u8]) -> bool {
    use std::cell::RefCell;
    use std::io::Read;
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = RefCell::new(vec![0; 64 * 1024]);
    }
    let Ok(mut file) = fs::File::open(path) else {
        return false;
    };
    BUFFER.with_borrow_mut(|buffer| {
        let mut rest = bytes;
        loop {
            let n = match file.read(buffer) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return false,
            };
            if n == 0 {
                return rest.is_empty();
            }
            match rest.split_at_checked(n) {
                Some((head, tail)) if head == &buffer[..n] => rest = tail,
                _ => return false,
            }
        }
    })
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
        let Ok(n) = fa.read(&mut ba) else {
            return false;
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

#[cfg(test)]
mod tests {
    use super::holds;

    /// `holds` compares a file with bytes through a buffer smaller than the
    /// file: equal only when every byte and the length agree.
    #[test]
    fn holds_compares_every_byte_and_the_length() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let big: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        for bytes in [&b""[..], b"abc", &big] {
            std::fs::write(&path, bytes).unwrap();
            assert!(holds(&path, bytes), "{} bytes", bytes.len());
            let mut other = bytes.to_vec();
            other.push(0);
            assert!(!holds(&path, &other), "longer than the file");
            if let Some((last, rest)) = bytes.split_last() {
                assert!(!holds(&path, rest), "shorter than the file");
                let mut changed = bytes.to_vec();
                *changed.last_mut().unwrap() = last.wrapping_add(1);
                assert!(!holds(&path, &changed), "last byte differs");
            }
        }
        assert!(!holds(&dir.path().join("absent"), b""));
    }
}
