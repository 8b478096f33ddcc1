//! Running git: [`read_history`] and its probes, [`head`],
//! [`read_uncommitted`], `.mailmap` for co-authors, and the parsing of
//! `git status`. The first stage of the history: `git log`'s output goes
//! as it comes to `log.rs`, whose commits go to `builder.rs`. Every git
//! process is started here, through `git()`, which pins the configuration
//! that would change what git prints.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use super::builder::HistoryBuilder;
use super::identity::{Identity, parse_contact};
use super::log::{LogParser, ParseError};
use super::{History, HistoryOptions, Uncommitted};

/// Why the history could not be read. The caller prints a one-line notice
/// and falls back on front matter alone.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// No `git` command on the `PATH`.
    #[error("git is not installed (no `git` command found)")]
    NoGit,
    /// The content folder is not inside a git working tree.
    #[error("the content folder is not in a git repository")]
    NotARepository,
    /// A git command could not be started.
    #[error("cannot run `git {command}`: {source}")]
    Io {
        command: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// A git command failed; `message` is its first line of error output.
    #[error("`git {command}` failed: {message}")]
    Failed {
        command: &'static str,
        message: String,
    },
    /// `git log` printed something [`parse_log`](super::parse_log) does not understand.
    #[error("cannot read the output of `git log`: {0}")]
    Parse(#[from] ParseError),
}

/// `--format` of the log: a record separator, then hash, author date (ISO
/// strict and Unix), mailmapped author name and email, subject and the
/// `Co-authored-by` values separated by U+001F, NUL-separated. With `-z`,
/// git ends the record with a NUL and puts a newline before the file list.
const LOG_FORMAT: &str = "--format=%x1e%H%x00%aI%x00%at%x00%aN%x00%aE%x00%s%x00\
                          %(trailers:key=Co-authored-by,valueonly,separator=%x1f)";

/// Configuration that would change what git prints, pinned whatever the
/// user's or the repository's config says.
const PINNED_CONFIG: &[&str] = &[
    "core.quotePath=off",
    "log.showSignature=false",
    "log.showRoot=true",
    "diff.renames=true",
    "diff.relative=false",
    "color.ui=false",
    "mailmap.file=",
    "mailmap.blob=",
];

/// Reads the history of `content_dir` (absolute, or relative to `site`),
/// which may be anywhere inside a git working tree. Runs `git rev-parse`,
/// then `git status` beside one `git log`, then at most one
/// `git check-mailmap`: a fixed number of processes, whatever the number
/// of files or commits. Prints nothing.
pub fn read_history(
    site: &Path,
    content_dir: &Path,
    opts: &HistoryOptions,
) -> Result<History, HistoryError> {
    let dir = site.join(content_dir);
    let (prefix, shallow) = probe(&dir)?;

    let (status, log) = std::thread::scope(|s| {
        let status = s.spawn(|| status_command(&dir).output());
        let log = read_log(&dir);
        (status.join(), log)
    });
    let builder = log?;
    let mailmap = mailmap_coauthors(&dir, builder.coauthors())?;
    let mut history = builder.finish(opts, &mailmap);
    history.shallow = shallow;
    let status = match status {
        Ok(r) => r.map_err(|e| spawn_error("status", e))?,
        Err(_) => {
            return Err(HistoryError::Failed {
                command: "status",
                message: "the thread running it panicked".into(),
            });
        }
    };
    if !status.status.success() {
        return Err(HistoryError::Failed {
            command: "status",
            message: first_line(&status.stderr),
        });
    }
    history.uncommitted = parse_status(&status.stdout, &prefix);
    Ok(history)
}

/// `git status` of the content folder, as `read_history` parses it.
fn status_command(dir: &Path) -> Command {
    let mut cmd = git(dir);
    cmd.args([
        "status",
        "--porcelain",
        "-z",
        "--untracked-files=all",
        "--no-renames",
        "--ignore-submodules=all",
        "--",
        ".",
    ]);
    cmd
}

/// The commit checked out (`git rev-parse HEAD`), or `None` outside a
/// repository, before the first commit, or without git. `serve` compares it
/// between rebuilds to know when the history it read is stale.
pub fn head(site: &Path, content_dir: &Path) -> Option<String> {
    let out = git(&site.join(content_dir))
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Re-reads only which files are uncommitted: one `git rev-parse` and one
/// `git status`, what an edit can change while HEAD stays put. The result
/// is `History::uncommitted` as `read_history` would give it.
pub fn read_uncommitted(
    site: &Path,
    content_dir: &Path,
) -> Result<BTreeMap<String, Uncommitted>, HistoryError> {
    let dir = site.join(content_dir);
    let (prefix, _) = probe(&dir)?;
    let status = status_command(&dir)
        .output()
        .map_err(|e| spawn_error("status", e))?;
    if !status.status.success() {
        return Err(HistoryError::Failed {
            command: "status",
            message: first_line(&status.stderr),
        });
    }
    Ok(parse_status(&status.stdout, &prefix))
}

/// The content folder's path inside its repository, and whether the clone
/// is shallow: one `git rev-parse`, which also tells a folder outside any
/// repository from a failing git.
fn probe(dir: &Path) -> Result<(String, bool), HistoryError> {
    let out = git(dir)
        .args(["rev-parse", "--show-prefix", "--is-shallow-repository"])
        .env("LC_ALL", "C")
        .output()
        .map_err(|e| spawn_error("rev-parse", e))?;
    if !out.status.success() {
        let message = first_line(&out.stderr);
        if message.contains("not a git repository") {
            return Err(HistoryError::NotARepository);
        }
        return Err(HistoryError::Failed {
            command: "rev-parse",
            message,
        });
    }
    parse_probe(&out.stdout).ok_or_else(|| HistoryError::Failed {
        command: "rev-parse",
        message: format!(
            "unexpected output {:?}",
            String::from_utf8_lossy(&out.stdout)
        ),
    })
}

/// Runs the one `git log` over the content folder (`dir`, which paths are
/// then relative to) and walks its output as it comes.
fn read_log(dir: &Path) -> Result<HistoryBuilder, HistoryError> {
    let mut child = git(dir)
        .args([
            "log",
            "--no-merges",
            "--relative",
            "-M",
            "--name-status",
            "-z",
            "--no-color",
            "--encoding=UTF-8",
            LOG_FORMAT,
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error("log", e))?;
    let (Some(mut stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        return Err(HistoryError::Failed {
            command: "log",
            message: "no output pipe".into(),
        });
    };
    let mut builder = HistoryBuilder::new("");
    let (walked, errors) = std::thread::scope(|s| {
        let errors = s.spawn(move || {
            let mut text = Vec::new();
            // Only shown if git fails, and then git says why on exit.
            let _ = stderr.read_to_end(&mut text);
            text
        });
        let walked = walk_output(&mut stdout, &mut builder);
        if walked.is_err() {
            // Our own child: stop it rather than read the rest.
            let _ = child.kill();
        }
        drop(stdout);
        (walked, errors.join().unwrap_or_default())
    });
    let status = child.wait().map_err(|e| HistoryError::Io {
        command: "log",
        source: e,
    })?;
    walked?;
    if status.success() {
        Ok(builder)
    } else if has_no_commits(dir) {
        Ok(HistoryBuilder::new(""))
    } else {
        Err(HistoryError::Failed {
            command: "log",
            message: first_line(&errors),
        })
    }
}

fn walk_output(out: &mut impl Read, builder: &mut HistoryBuilder) -> Result<(), HistoryError> {
    let mut parser = LogParser::default();
    let mut buf = vec![0; 1 << 16];
    loop {
        let n = match out.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(HistoryError::Io {
                    command: "log",
                    source: e,
                });
            }
        };
        parser.feed(&buf[..n])?;
        for c in parser.take() {
            builder.push(c);
        }
    }
    for c in parser.finish()? {
        builder.push(c);
    }
    Ok(())
}

/// A git command run in `dir` that never pages, prompts or colours, and
/// ignores the configuration that would change its output.
fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(dir)
        .args(["--no-pager", "--literal-pathspecs"]);
    for c in PINNED_CONFIG {
        cmd.args(["-c", c]);
    }
    cmd.env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_PAGER", "cat")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null());
    cmd
}

fn spawn_error(command: &'static str, e: std::io::Error) -> HistoryError {
    if e.kind() == std::io::ErrorKind::NotFound {
        HistoryError::NoGit
    } else {
        HistoryError::Io { command, source: e }
    }
}

/// The line of git's error output that says why it failed (the first
/// `fatal:` or `error:` line, else the first line), without that prefix.
fn first_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let line = lines
        .clone()
        .find(|l| l.starts_with("fatal: ") || l.starts_with("error: "))
        .or_else(|| lines.next())
        .unwrap_or("no error message");
    let line = line.strip_prefix("fatal: ").unwrap_or(line);
    line.strip_prefix("error: ").unwrap_or(line).to_owned()
}

/// `git rev-parse --show-prefix --is-shallow-repository` prints the content
/// folder relative to the top (`docs/content/`, or an empty line at the top)
/// and `true`/`false`.
fn parse_probe(out: &[u8]) -> Option<(String, bool)> {
    let text = String::from_utf8_lossy(out);
    let text = text.strip_suffix('\n')?;
    let (prefix, shallow) = text.rsplit_once('\n')?;
    let shallow = match shallow {
        "true" => true,
        "false" => false,
        _ => return None,
    };
    Some((prefix.to_owned(), shallow))
}

/// Is `HEAD` unborn (a repository without any commit)? Only asked when
/// `git log` failed.
fn has_no_commits(dir: &Path) -> bool {
    git(dir)
        .args(["rev-parse", "--quiet", "--verify", "HEAD"])
        .output()
        .is_ok_and(|o| o.status.code() == Some(1))
}

/// `.mailmap` applied to every co-author with an email, with one
/// `git check-mailmap --stdin` (or, if that option is missing, the contacts
/// as arguments, a few hundred per process).
fn mailmap_coauthors<'a>(
    dir: &Path,
    ids: impl Iterator<Item = &'a Identity>,
) -> Result<HashMap<Identity, Identity>, HistoryError> {
    let mut seen = HashSet::new();
    let contacts: Vec<&Identity> = ids
        .filter(|id| mailmappable(id) && seen.insert(*id))
        .collect();
    if contacts.is_empty() {
        return Ok(HashMap::new());
    }
    let lines: Vec<String> = contacts.iter().map(|id| contact_line(id)).collect();
    let mapped = match check_mailmap_stdin(dir, &lines)? {
        Some(m) => m,
        None => {
            let mut all = Vec::with_capacity(lines.len());
            for chunk in lines.chunks(200) {
                all.extend(check_mailmap_args(dir, chunk)?);
            }
            all
        }
    };
    if mapped.len() != contacts.len() {
        return Err(HistoryError::Failed {
            command: "check-mailmap",
            message: format!("{} contacts in, {} out", contacts.len(), mapped.len()),
        });
    }
    Ok(contacts.into_iter().cloned().zip(mapped).collect())
}

fn mailmappable(id: &Identity) -> bool {
    let bad = |s: &str| s.contains(['<', '>', '\n', '\r', '\0']);
    !id.email.is_empty() && !bad(&id.email) && !bad(&id.name)
}

fn contact_line(id: &Identity) -> String {
    if id.name.is_empty() {
        format!("<{}>", id.email)
    } else {
        format!("{} <{}>", id.name, id.email)
    }
}

/// `None` when this git has no `--stdin` (it then exits with 129).
fn check_mailmap_stdin(
    dir: &Path,
    lines: &[String],
) -> Result<Option<Vec<Identity>>, HistoryError> {
    let mut child = git(dir)
        .args(["check-mailmap", "--stdin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| spawn_error("check-mailmap", e))?;
    let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
    let stdin = child.stdin.take();
    // Write from another thread: git answers line by line, so writing
    // everything before reading could fill both pipes.
    let out = std::thread::scope(|s| {
        s.spawn(move || {
            if let Some(mut stdin) = stdin {
                // A write error shows up as a failed or short answer.
                let _ = stdin.write_all(input.as_bytes());
            }
        });
        child.wait_with_output()
    })
    .map_err(|e| spawn_error("check-mailmap", e))?;
    if out.status.code() == Some(129) {
        return Ok(None);
    }
    mailmap_answer(&out).map(Some)
}

fn check_mailmap_args(dir: &Path, lines: &[String]) -> Result<Vec<Identity>, HistoryError> {
    let out = git(dir)
        .arg("check-mailmap")
        .args(lines)
        .output()
        .map_err(|e| spawn_error("check-mailmap", e))?;
    mailmap_answer(&out)
}

fn mailmap_answer(out: &Output) -> Result<Vec<Identity>, HistoryError> {
    if !out.status.success() {
        return Err(HistoryError::Failed {
            command: "check-mailmap",
            message: first_line(&out.stderr),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(parse_contact)
        .collect())
}

/// Reads `git status --porcelain -z --no-renames` into the content files
/// not committed yet. `prefix` is the content folder relative to the top of
/// the repository (`""` or ending with `/`). Deleted files are left out.
pub fn parse_status(raw: &[u8], prefix: &str) -> BTreeMap<String, Uncommitted> {
    let mut out = BTreeMap::new();
    let mut entries = raw.split(|&b| b == 0);
    while let Some(entry) = entries.next() {
        if entry.len() < 4 {
            continue;
        }
        let (x, y) = (entry[0], entry[1]);
        // With renames (were they not turned off), the old path follows.
        if matches!(x, b'R' | b'C') || matches!(y, b'R' | b'C') {
            entries.next();
        }
        let state = match (x, y) {
            (b'?', b'?') => Uncommitted::New,
            (b'!', b'!') | (_, b'D') | (b'D', _) => continue,
            (b'A', _) => Uncommitted::New,
            _ => Uncommitted::Modified,
        };
        let path = String::from_utf8_lossy(&entry[3..]);
        if let Some(rel) = path.strip_prefix(prefix).filter(|r| !r.is_empty()) {
            out.insert(rel.to_owned(), state);
        }
    }
    out
}

#[cfg(test)]
mod tests;
