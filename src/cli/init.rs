//! `playbook init`: scaffolds a new playbook in an empty folder.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;

use crate::scaffold;

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Folder to create the playbook in (created when missing; must be empty)
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Only a home page, without the example playbook
    #[arg(long)]
    empty: bool,
}

pub(crate) fn execute(a: InitArgs) -> i32 {
    match init(&a.dir, a.empty) {
        Ok(n) => {
            println!("{}", a.dir.display());
            let root = if a.dir == Path::new(".") {
                String::new()
            } else {
                format!(" --root {}", a.dir.display())
            };
            eprintln!(
                "created a playbook ({n} files) in `{}`; build it with `playbook build{root}`",
                a.dir.display()
            );
            0
        }
        Err(e) => super::report_error(&e),
    }
}

/// Writes the files and returns how many.
fn init(dir: &Path, empty: bool) -> anyhow::Result<usize> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            // A fresh `git init` is fine.
            let mut others = entries
                .flatten()
                .map(|e| e.file_name())
                .filter(|n| n != ".git");
            if let Some(name) = others.next() {
                bail!(
                    "`{}` is not empty (it holds `{}`); playbook init only writes into a new or empty folder",
                    dir.display(),
                    name.to_string_lossy()
                );
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e).with_context(|| format!("cannot read the folder `{}`", dir.display()));
        }
    }
    let mut files: Vec<(PathBuf, &[u8])> = vec![
        (PathBuf::from(".gitignore"), scaffold::GITIGNORE.as_bytes()),
        (
            PathBuf::from("playbook.toml"),
            if empty {
                scaffold::EMPTY_CONFIG.as_bytes()
            } else {
                scaffold::EXAMPLE_CONFIG.as_bytes()
            },
        ),
    ];
    if empty {
        files.push((
            PathBuf::from("content/_index.md"),
            scaffold::EMPTY_HOME.as_bytes(),
        ));
    } else {
        for (rel, bytes) in scaffold::EXAMPLE {
            files.push((Path::new("content").join(rel), bytes));
        }
    }
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create the folder `{}`", parent.display()))?;
        }
        super::import::write_page(&path, bytes, false)?;
    }
    Ok(files.len())
}
