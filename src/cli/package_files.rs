//! `playbook package-files DIR` (hidden): writes what the Debian package
//! installs beside the binary, made from the clap definitions so they never
//! drift from it: the man pages (`DIR/man/playbook.1` and one
//! `playbook-<command>.1` per command, clap_mangen) and the shell
//! completions (`DIR/completions/`: bash, zsh, fish; clap_complete).
//! `scripts/deb.sh` runs it and compresses the pages before `cargo deb`.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

use super::Cli;
use crate::diagnostic::Failure;
use crate::messages::{Lang, msg};

#[derive(Debug, Args)]
pub(crate) struct PackageFilesArgs {
    /// Folder to write `man/` and `completions/` into (created when missing)
    dir: PathBuf,
}

pub(crate) fn execute(a: &PackageFilesArgs) -> i32 {
    match write_all(&a.dir) {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            0
        }
        // No site: the messages follow the locale.
        Err(e) => super::report_error(&e, Lang::from_env()),
    }
}

/// Writes the man pages and completions; returns the files written.
fn write_all(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = vec![];
    let man = dir.join("man");
    let completions = dir.join("completions");
    for d in [&man, &completions] {
        std::fs::create_dir_all(d)
            .with_context(|| Failure(msg!("fs-cannot", action = "create", path = d.display())))?;
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut pages = vec![("playbook".to_string(), cmd.clone())];
    // Not `help` (clap's own, which `cmd.build()` adds): `man playbook` says it.
    let pages_of = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help");
    for sub in pages_of {
        // clap names are `&'static str` (without its `string` feature): this
        // one-shot command leaks a few bytes per page.
        let name: &'static str = format!("playbook-{}", sub.get_name()).leak();
        pages.push((name.to_string(), sub.clone().name(name)));
    }
    for (name, page) in pages {
        let mut roff = vec![];
        clap_mangen::Man::new(page)
            .date(build_date())
            .source(format!("playbook {}", env!("CARGO_PKG_VERSION")))
            .manual("playbook")
            .render(&mut roff)
            .with_context(|| Failure(msg!("package-files-man", command = name.as_str())))?;
        let path = man.join(format!("{name}.1"));
        write_file(&path, &roff)?;
        written.push(path);
    }
    for (shell, file) in [
        (Shell::Bash, "playbook.bash"),
        (Shell::Zsh, "_playbook"),
        (Shell::Fish, "playbook.fish"),
    ] {
        let mut text = vec![];
        clap_complete::generate(shell, &mut visible_command(), "playbook", &mut text);
        let path = completions.join(file);
        write_file(&path, &text)?;
        written.push(path);
    }
    Ok(written)
}

/// The command line without its hidden commands (`package-files`), which
/// clap_complete would offer: clap cannot remove a subcommand, so the
/// command is made again from the visible ones.
fn visible_command() -> clap::Command {
    let full = Cli::command();
    clap::Command::new("playbook")
        .version(env!("PLAYBOOK_VERSION"))
        .about(full.get_about().cloned().unwrap_or_default())
        .subcommand_required(true)
        .subcommands(full.get_subcommands().filter(|s| !s.is_hide_set()).cloned())
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes)
        .with_context(|| Failure(msg!("fs-cannot", action = "write", path = path.display())))
}

/// The date of the commit the binary is built from (`--version`'s
/// `(hash date)`), else empty: the page stays the same for the same commit.
fn build_date() -> String {
    env!("PLAYBOOK_VERSION")
        .trim_end_matches(')')
        .rsplit(' ')
        .next()
        .filter(|d| d.len() == 10 && d.as_bytes()[4] == b'-')
        .unwrap_or("")
        .to_string()
}
