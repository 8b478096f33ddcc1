//! `playbook init`: scaffolds a new playbook in an empty folder, and starts
//! a git repository with a first commit when git is installed (`--no-git`
//! skips it): contributor credits are read from git. It also writes a
//! `.gitlab-ci.yml` that checks, builds and publishes the site
//! (`--ci none` leaves it out; the template is `src/scaffold/gitlab-ci.yml`).

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Args, ValueEnum};

use crate::diagnostic::Failure;
use crate::messages::msg;
use crate::messages::{Lang, Message};
use crate::scaffold;

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Folder to create the playbook in (created when missing; must be empty)
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Only a home page, without the example playbook
    #[arg(long)]
    empty: bool,
    /// Do not start a git repository [default: `git init` and a first commit, when git is installed]
    #[arg(long)]
    no_git: bool,
    // f-deploy
    /// Continuous integration file to write: `gitlab` (.gitlab-ci.yml: check, build, publish) or `none`
    #[arg(long, value_enum, default_value_t = Ci::Gitlab)]
    ci: Ci,
}

/// The CI file `init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Ci {
    /// `.gitlab-ci.yml`: Code Quality report, build, GitLab Pages or rsync.
    Gitlab,
    /// No CI file.
    None,
}

pub(crate) fn execute(a: &InitArgs) -> i32 {
    // No site yet: the messages follow the locale.
    let lang = Lang::from_env();
    match init(&a.dir, a.empty, a.ci) {
        Ok(n) => {
            println!("{}", a.dir.display());
            let root = if a.dir == Path::new(".") {
                String::new()
            } else {
                format!(" --root {}", a.dir.display())
            };
            eprintln!(
                "{}",
                msg!(
                    "init-created",
                    files = n,
                    dir = a.dir.display(),
                    command = format!("playbook build{root}")
                )
                .render(lang)
            );
            if a.ci == Ci::Gitlab {
                eprintln!("{}", msg!("init-ci-gitlab").render(lang));
            }
            if !a.no_git {
                // The playbook is written: whatever git does, init succeeded.
                eprintln!("{}", git_message(&start_git(&a.dir), &a.dir).render(lang));
            }
            0
        }
        Err(e) => super::report_error(&e, lang),
    }
}

/// What `start_git` did.
#[derive(Debug)]
enum Git {
    /// A repository with a first commit (its short hash).
    Committed(String),
    /// git is not installed.
    Missing,
    /// The folder is inside another repository (its top folder): left alone.
    Inside(PathBuf),
    /// The repository exists, the files are added, but git does not know
    /// who the user is: no commit.
    NoIdentity,
    /// A git command failed (what it was doing, git's reason).
    Failed(&'static str, String),
}

/// `git init` in `dir` (unless it already is, or is inside, a repository)
/// and a first commit of every file, as the user: git's identity comes
/// from the user's configuration only (`user.useConfigOnly`), never
/// guessed, since credits are read from the commits.
fn start_git(dir: &Path) -> Git {
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.useConfigOnly=true"])
            .args(args)
            .env("GIT_TERMINAL_PROMPT", "0")
            .stdin(std::process::Stdio::null())
            .output()
    };
    let top = match git(&["rev-parse", "--show-toplevel"]) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Git::Missing,
        Err(e) => return Git::Failed("git rev-parse", e.to_string()),
        Ok(o) => o
            .status
            .success()
            .then(|| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim_end())),
    };
    match top {
        Some(top) => {
            // A fresh `git init` of this very folder is used; any other
            // repository is the user's to commit to.
            let own = top.canonicalize().ok() == dir.canonicalize().ok();
            let has_commits =
                git(&["rev-parse", "--verify", "-q", "HEAD"]).is_ok_and(|o| o.status.success());
            if !own || has_commits {
                return Git::Inside(top);
            }
        }
        None => {
            if let Err(reason) = run(git(&["init", "-q"]), "git init") {
                return reason;
            }
        }
    }
    if let Err(reason) = run(git(&["add", "-A"]), "git add") {
        return reason;
    }
    let known = ["GIT_AUTHOR_IDENT", "GIT_COMMITTER_IDENT"]
        .iter()
        .all(|who| git(&["var", who]).is_ok_and(|o| o.status.success()));
    if !known {
        return Git::NoIdentity;
    }
    if let Err(reason) = run(git(&["commit", "-q", "-m", FIRST_COMMIT]), "git commit") {
        return reason;
    }
    match git(&["rev-parse", "--short", "HEAD"]) {
        Ok(o) if o.status.success() => {
            Git::Committed(String::from_utf8_lossy(&o.stdout).trim().to_string())
        }
        _ => Git::Committed(String::new()),
    }
}

/// `Ok` when the git command ran and succeeded, else why not.
fn run(out: std::io::Result<std::process::Output>, what: &'static str) -> Result<(), Git> {
    match out {
        Ok(o) if o.status.success() => Ok(()),
        Ok(o) => {
            let err = String::from_utf8_lossy(&o.stderr);
            let line = err
                .lines()
                .map(str::trim)
                .find(|l| l.starts_with("fatal:") || l.starts_with("error:"))
                .or_else(|| err.lines().map(str::trim).find(|l| !l.is_empty()))
                .unwrap_or("")
                .to_string();
            Err(Git::Failed(what, line))
        }
        Err(e) => Err(Git::Failed(what, e.to_string())),
    }
}

/// The message of the first commit.
const FIRST_COMMIT: &str = "Nouveau playbook (playbook init)";

/// What happened with git, and what to do when something is left.
fn git_message(outcome: &Git, dir: &Path) -> Message {
    let shown = dir.display();
    let cd = if dir == Path::new(".") {
        String::new()
    } else {
        let d = dir.to_string_lossy();
        format!("cd {} && ", shlex::try_quote(&d).unwrap_or(d.clone()))
    };
    match outcome {
        Git::Committed(hash) => msg!("init-git-committed", hash = hash),
        Git::Missing => msg!("init-git-missing", dir = shown, cd = cd),
        Git::Inside(top) => msg!("init-git-inside", dir = shown, top = top.display(), cd = cd),
        Git::NoIdentity => msg!("init-git-no-identity", cd = cd),
        Git::Failed(what, reason) => {
            msg!("init-git-failed", command = *what, reason = reason, cd = cd)
        }
    }
}

/// Writes the files and returns how many.
fn init(dir: &Path, empty: bool, ci: Ci) -> anyhow::Result<usize> {
    match std::fs::read_dir(dir) {
        Ok(entries) => {
            // A fresh `git init` is fine.
            let mut others = entries
                .flatten()
                .map(|e| e.file_name())
                .filter(|n| n != ".git");
            if let Some(name) = others.next() {
                return Err(Failure(msg!(
                    "init-not-empty",
                    dir = dir.display(),
                    file = name.to_string_lossy()
                ))
                .into());
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(e).with_context(|| {
                Failure(msg!("fs-cannot", action = "read", path = dir.display()))
            });
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
    if ci == Ci::Gitlab {
        files.push((
            PathBuf::from(".gitlab-ci.yml"),
            scaffold::GITLAB_CI.as_bytes(),
        ));
    }
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
            std::fs::create_dir_all(parent).with_context(|| {
                Failure(msg!(
                    "fs-cannot",
                    action = "create",
                    path = parent.display()
                ))
            })?;
        }
        super::import::write_page(&path, bytes, false)?;
    }
    Ok(files.len())
}
