//! Files playbook did not create: the manifest lists what it wrote, and
//! everything else in the old output is carried into the new one.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use super::MANIFEST;
use crate::diagnostic::Failure;
use crate::messages::msg;

/// Reads the old output's manifest: the files playbook created there.
pub(super) fn read_manifest(target: &Path) -> BTreeSet<String> {
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
pub(super) fn carry_foreign(old: &Path, new: &Path, written: &BTreeSet<String>) -> Result<()> {
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
