//! Around the swap: the lock that lets one build at a time write beside an
//! output folder, the recovery of what a killed build left, and the atomic
//! exchange of the staging folder with the live output.

use std::fs;
use std::io;
use std::path::Path;

use anyhow::{Context, Result};

use crate::diagnostic::Failure;
use crate::messages::msg;

/// The prefix of what a build leaves beside the output `public` when it is
/// killed: `.public.playbook-tmp-…`, or `.public.playbook-old-…` mid-swap.
pub(super) fn staging_prefix(target: &Path) -> String {
    let name = target
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.playbook-")
}

/// Takes an exclusive lock on the folder that holds the output (waiting for
/// another build to finish if needed). Released when the file is closed.
pub(super) fn lock_folder(parent: &Path) -> Result<fs::File> {
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
pub(super) fn recover(parent: &Path, target: &Path, prefix: &str) -> Result<()> {
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

/// falls back to two renames where the file system lacks it.
pub(super) fn swap(staging: &Path, target: &Path) -> Result<()> {
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
