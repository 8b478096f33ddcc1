//! Git history: who changed each content file, how often and when, and the
//! site's recent changes. The only module that runs git.
//!
//! [`read_history`] runs one `git log` over the whole history of the content
//! folder (never a process per file), at most one `git check-mailmap` for
//! co-authors, and two cheap probes (`git rev-parse`, `git status`). The work
//! is done by two pure functions, also run piece by piece while git is still
//! printing: [`parse_log`] ([`LogParser`]) reads git's NUL-separated output
//! into [`Commit`]s, and [`build_history`] ([`HistoryBuilder`]) follows
//! renames and adds up commits per file and per person.
//!
//! Decisions:
//! - Merges are ignored (`--no-merges`): a merge author gets no credit, and
//!   a change made only while resolving a merge conflict is not seen.
//! - The log is restricted to the content folder with `--relative`, not a
//!   pathspec: git then streams every non-merge commit, each with its
//!   content files only (renames from or to outside the folder become
//!   additions and deletions). A pathspec makes git walk the whole history
//!   before printing anything and diff each commit twice: 1.4 times the
//!   work when the content folder is most of the repository, as in a
//!   playbook (`bench/history.sh`). The price: no history simplification, so
//!   a branch commit whose change a merge discarded is still credited, and a
//!   cherry-picked commit counts on each branch. On the foam corpus (1,613
//!   commits, 24 merges) both give the same 424 commits and files.
//! - Co-authors (`Co-authored-by:` trailers) are credited like authors and
//!   counted apart ([`Contribution::coauthored`]); `.mailmap` applies to them
//!   too. A co-author without an email is keyed by name and not mailmapped.
//! - Excluded identities (bots, [`HistoryOptions::exclude`]) are never
//!   credited, but their commits still changed the file: they count in
//!   [`FileHistory::commits`], date it, and appear in [`History::changes`]
//!   with no author.
//! - Only the repository's own `.mailmap` applies (`mailmap.file` and
//!   `mailmap.blob` from the user's config are ignored), so the same
//!   repository gives the same credits on every machine.
//! - Dates are author dates. Emails are kept for matching people and for
//!   grouping identities; they must never be rendered.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

use rustc_hash::FxHashMap;
use unicode_normalization::UnicodeNormalization;

use crate::date::Date;

/// What [`read_history`] and [`build_history`] take besides the history.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryOptions {
    /// Identities never credited, as glob-like patterns matched without
    /// regard to case against the (mailmapped) name and against the email:
    /// `*` matches any run of characters, `?` one character, anything else
    /// (including `[`) itself. E.g. `*[bot]*`, `dependabot*`.
    pub exclude: Vec<String>,
}

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
    /// `git log` printed something [`parse_log`] does not understand.
    #[error("cannot read the output of `git log`: {0}")]
    Parse(#[from] ParseError),
}

/// Unexpected `git log` output, at a byte offset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (at byte {offset})")]
pub struct ParseError {
    pub offset: usize,
    pub message: &'static str,
}

/// The history of the content folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Everyone credited at least once, indexed by [`PersonId`], in order of
    /// first appearance from the newest commit.
    pub people: Vec<Person>,
    /// Every file that exists at `HEAD` according to the history, by path
    /// relative to the content folder (`/`-separated, as
    /// `load::SourceFile::rel`). Files that are not committed yet are absent
    /// (see `uncommitted`).
    pub files: BTreeMap<String, FileHistory>,
    /// Every commit that changed the content folder, newest first (by author
    /// date; commits with the same date keep git's order). The recent-changes
    /// page and the feed take the first few.
    pub changes: Vec<Change>,
    /// Content files with changes not committed yet, by path relative to the
    /// content folder.
    pub uncommitted: BTreeMap<String, Uncommitted>,
    /// The repository is a shallow clone: the history is partial (older
    /// commits are missing and the oldest visible one looks like it created
    /// every file). The caller prints the warning.
    pub shallow: bool,
}

/// Index into [`History::people`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(pub u32);

/// Index into [`History::changes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChangeId(pub u32);

/// One identity after `.mailmap`: every commit with the same (lower-cased)
/// email is the same person, whatever the spelling of the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Stable identity key: the lower-cased email, or `name:` and the
    /// lower-cased normalised name when git had no email. It contains the
    /// email: never render it.
    pub key: String,
    /// Display name: the spelling of the newest commit, normalised (NFC,
    /// trimmed, inner spaces collapsed). When git had no name, the part of
    /// the email before the `@`.
    pub name: String,
    /// Every spelling seen, normalised, newest first (`name` included), for
    /// matching a people file.
    pub spellings: Vec<String>,
    /// The lower-cased email, `""` when unknown. For matching a people file
    /// only: never render it.
    pub email: String,
    /// Commits credited to this person, authored or co-authored.
    pub commits: u32,
    /// Commits this person authored.
    pub authored: u32,
    /// Commits where this person is a co-author (and not the author).
    pub coauthored: u32,
    /// Their oldest and newest credited commits.
    pub first: ChangeId,
    pub last: ChangeId,
}

/// The history of one current file, renames followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileHistory {
    /// Everyone credited on this file: most commits first, then by name.
    pub contributors: Vec<Contribution>,
    /// Commits that changed the file, excluded identities included.
    pub commits: u32,
    /// The oldest commit of the file (under any of its former names).
    pub created: ChangeId,
    /// The newest commit of the file: "Mis à jour le …".
    pub updated: ChangeId,
}

/// One person's share of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    pub person: PersonId,
    /// Commits on this file credited to the person (authored + co-authored).
    pub commits: u32,
    pub authored: u32,
    pub coauthored: u32,
    /// Credited on the file's oldest commit (as author or co-author): wrote
    /// the first version.
    pub created: bool,
    /// The person's newest commit on this file.
    pub last: ChangeId,
}

/// One commit that changed the content folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    /// Full commit hash (see [`Change::short_hash`]).
    pub hash: String,
    /// Author date, ISO 8601 strict (RFC 3339), e.g. `2024-05-27T13:42:15+02:00`.
    pub date: String,
    /// Author date, Unix seconds.
    pub time: i64,
    /// `None` when the author is excluded (a bot) or has neither name nor email.
    pub author: Option<PersonId>,
    /// Credited co-authors, without the author, in trailer order.
    pub coauthors: Vec<PersonId>,
    /// First line of the commit message.
    pub subject: String,
    /// Content files the commit touched, in git's order.
    pub files: Vec<ChangedFile>,
}

/// A file touched by a [`Change`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedFile {
    /// Path relative to the content folder at the time of the commit.
    pub then: String,
    /// Path of the same file today (after later renames), `None` when it
    /// was deleted since. It comes from the history alone: check that the
    /// page exists before linking to it.
    pub path: Option<String>,
    pub kind: ChangeKind,
}

/// What a commit did to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Modified,
    Deleted,
    /// Moved from `from` (relative to the content folder); it may also have
    /// been edited.
    Renamed {
        from: String,
    },
    /// Copied from `from`. A copy starts a history of its own.
    Copied {
        from: String,
    },
}

/// A content file with changes not committed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncommitted {
    /// Never committed (untracked, or only added to the index).
    New,
    /// Committed, with later changes not committed yet.
    Modified,
}

impl History {
    /// The history of a current file (path relative to the content folder).
    pub fn file(&self, rel: &str) -> Option<&FileHistory> {
        self.files.get(rel)
    }

    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.0 as usize]
    }

    pub fn change(&self, id: ChangeId) -> &Change {
        &self.changes[id.0 as usize]
    }

    /// The `n` newest changes.
    pub fn recent(&self, n: usize) -> &[Change] {
        &self.changes[..n.min(self.changes.len())]
    }

    pub fn is_uncommitted(&self, rel: &str) -> bool {
        self.uncommitted.contains_key(rel)
    }
}

impl Change {
    /// The first 7 characters of the hash, for display.
    pub fn short_hash(&self) -> &str {
        self.hash.get(..7).unwrap_or(&self.hash)
    }

    /// The author date as a calendar date.
    pub fn day(&self) -> Option<Date> {
        Date::parse(&self.date)
    }

    /// Everyone credited: the author (if credited), then the co-authors.
    pub fn credited(&self) -> impl Iterator<Item = PersonId> + '_ {
        self.author
            .into_iter()
            .chain(self.coauthors.iter().copied())
    }
}

// ---------------------------------------------------------------------------
// Running git
// ---------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------
// Parsing `git log`
// ---------------------------------------------------------------------------

/// One commit as `git log` printed it. Paths are relative to the top of the
/// repository, or to the content folder with `--relative` (as
/// [`read_history`] runs it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    pub hash: String,
    /// Author date, ISO 8601 strict.
    pub date: String,
    /// Author date, Unix seconds.
    pub time: i64,
    /// The author, after `.mailmap`.
    pub author: Identity,
    /// `Co-authored-by` trailers, in order (mailmapped by [`read_history`]).
    pub coauthors: Vec<Identity>,
    pub subject: String,
    pub files: Vec<FileChange>,
}

/// A name and an email as git printed them (either may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Identity {
    pub name: String,
    pub email: String,
}

/// One line of `--name-status`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileChange {
    Added(String),
    /// Also type changes (`T`) and unmerged entries (`U`).
    Modified(String),
    Deleted(String),
    Renamed {
        from: String,
        to: String,
    },
    Copied {
        from: String,
        to: String,
    },
}

/// Parses the output of `git log -z --name-status` with [`read_history`]'s
/// format. Pure: tested on byte strings. Paths may hold any byte but NUL
/// (spaces, accents, newlines); names, subjects and paths that are not
/// UTF-8 are decoded lossily. [`LogParser`] does the same piece by piece.
pub fn parse_log(raw: &[u8]) -> Result<Vec<Commit>, ParseError> {
    let mut parser = LogParser::default();
    parser.feed(raw)?;
    parser.finish()
}

/// [`parse_log`] on output that arrives in pieces, so that the history is
/// built while git is still walking it.
#[derive(Debug, Default)]
pub struct LogParser {
    /// Bytes received and not consumed yet: the start of a token.
    pending: Vec<u8>,
    /// Offset of `pending[0]` in the whole output.
    base: usize,
    expect: Expect,
    /// The commit being read: more file statuses may follow.
    current: Option<Commit>,
    /// Commits read completely, not taken yet.
    done: Vec<Commit>,
}

/// What the next NUL-terminated token is.
#[derive(Debug, Default)]
enum Expect {
    /// A commit header or a file status of the current commit.
    #[default]
    Entry,
    /// The fields after the hash: date, Unix date, name, email, subject and
    /// co-authors.
    Header {
        offset: usize,
        hash: String,
        fields: Vec<String>,
    },
    /// The path(s) after a file status.
    Paths {
        offset: usize,
        status: u8,
        paths: Vec<String>,
    },
}

impl LogParser {
    /// Reads the next piece of output.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), ParseError> {
        let mut scan = self.pending.len();
        self.pending.extend_from_slice(bytes);
        let mut start = 0;
        while let Some(len) = self.pending[scan..].iter().position(|&b| b == 0) {
            let end = scan + len;
            let tok = std::mem::take(&mut self.pending);
            let result = self.token(self.base + start, &tok[start..end]);
            self.pending = tok;
            result?;
            start = end + 1;
            scan = start;
        }
        self.pending.drain(..start);
        self.base += start;
        Ok(())
    }

    /// The commits read completely so far, in output order.
    pub fn take(&mut self) -> Vec<Commit> {
        std::mem::take(&mut self.done)
    }

    /// Ends the output: the remaining commits.
    pub fn finish(mut self) -> Result<Vec<Commit>, ParseError> {
        if !self.pending.is_empty() {
            let tok = std::mem::take(&mut self.pending);
            self.token(self.base, &tok)?;
        }
        let message = match self.expect {
            Expect::Entry => None,
            Expect::Header { offset, .. } => Some((offset, "a truncated commit")),
            Expect::Paths { offset, .. } => Some((offset, "a file status without its path")),
        };
        if let Some((offset, message)) = message {
            return Err(ParseError { offset, message });
        }
        self.done.extend(self.current.take());
        Ok(self.done)
    }

    fn token(&mut self, offset: usize, tok: &[u8]) -> Result<(), ParseError> {
        match &mut self.expect {
            Expect::Header {
                offset: at,
                hash,
                fields,
            } => {
                fields.push(lossy(tok));
                if fields.len() == 6 {
                    let commit = header(std::mem::take(hash), std::mem::take(fields), *at)?;
                    self.current = Some(commit);
                    self.expect = Expect::Entry;
                }
            }
            Expect::Paths {
                offset: at,
                status,
                paths,
            } => {
                if tok.is_empty() {
                    return Err(ParseError {
                        offset: *at,
                        message: "a file status without its path",
                    });
                }
                paths.push(lossy(tok));
                let two = matches!(status, b'R' | b'C');
                if paths.len() == 1 + usize::from(two) {
                    let mut p = std::mem::take(paths).into_iter();
                    let (first, second) = (p.next().unwrap_or_default(), p.next());
                    let change = match (*status, second) {
                        (b'A', _) => Some(FileChange::Added(first)),
                        (b'D', _) => Some(FileChange::Deleted(first)),
                        (b'R', Some(to)) => Some(FileChange::Renamed { from: first, to }),
                        (b'C', Some(to)) => Some(FileChange::Copied { from: first, to }),
                        (b'X', _) => None,
                        _ => Some(FileChange::Modified(first)),
                    };
                    if let (Some(c), Some(commit)) = (change, self.current.as_mut()) {
                        commit.files.push(c);
                    }
                    self.expect = Expect::Entry;
                }
            }
            Expect::Entry => {
                if let Some(hash) = tok.strip_prefix(b"\x1e") {
                    if !(hash.len() == 40 || hash.len() == 64)
                        || !hash.iter().all(u8::is_ascii_hexdigit)
                    {
                        return Err(ParseError {
                            offset,
                            message: "a commit without a valid hash",
                        });
                    }
                    self.done.extend(self.current.take());
                    self.expect = Expect::Header {
                        offset,
                        hash: lossy(hash),
                        fields: Vec::with_capacity(6),
                    };
                    return Ok(());
                }
                // The file list starts after a newline.
                let status = tok.strip_prefix(b"\n").unwrap_or(tok);
                let Some((&letter, score)) = status.split_first() else {
                    return Ok(());
                };
                if self.current.is_none() {
                    return Err(ParseError {
                        offset,
                        message: "a file status before any commit",
                    });
                }
                if !b"AMTUDRCX".contains(&letter) || !score.iter().all(u8::is_ascii_digit) {
                    return Err(ParseError {
                        offset,
                        message: "an unknown file status",
                    });
                }
                self.expect = Expect::Paths {
                    offset,
                    status: letter,
                    paths: Vec::with_capacity(2),
                };
            }
        }
        Ok(())
    }
}

/// A commit from its hash and the six fields after it.
fn header(hash: String, fields: Vec<String>, offset: usize) -> Result<Commit, ParseError> {
    let mut f = fields.into_iter();
    let mut next = || f.next().unwrap_or_default();
    let date = next();
    let time = next().parse().map_err(|_| ParseError {
        offset,
        message: "a commit without a valid date",
    })?;
    let author = Identity {
        name: next(),
        email: next(),
    };
    let subject = next();
    let mut trailers = next();
    if trailers.starts_with("%(trailers") {
        // Git older than 2.29 prints the placeholder as is: no co-authors.
        trailers.clear();
    }
    let coauthors = trailers
        .split('\x1f')
        .map(parse_contact)
        .filter(|c| !(c.name.is_empty() && c.email.is_empty()))
        .collect();
    Ok(Commit {
        hash,
        date,
        time,
        author,
        coauthors,
        subject,
        files: Vec::new(),
    })
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Reads `Name <email>`, `<email>`, `Name` or a bare `email@host`, as
/// written in a trailer or printed by `git check-mailmap`.
pub fn parse_contact(s: &str) -> Identity {
    let s = s.trim();
    if let (Some(lt), true) = (s.rfind('<'), s.ends_with('>')) {
        return Identity {
            name: s[..lt].trim().to_owned(),
            email: s[lt + 1..s.len() - 1].trim().to_owned(),
        };
    }
    if s.contains('@') && !s.contains(char::is_whitespace) {
        return Identity {
            name: String::new(),
            email: s.to_owned(),
        };
    }
    Identity {
        name: s.to_owned(),
        email: String::new(),
    }
}

/// A name as shown and compared: NFC, trimmed, inner whitespace collapsed
/// to one space.
pub fn normalize_name(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key that groups identities: the lower-cased email, or `name:` and
/// the lower-cased normalised name when there is no email.
pub fn identity_key(name: &str, email: &str) -> String {
    let email = email.trim();
    if email.is_empty() {
        format!("name:{}", normalize_name(name).to_lowercase())
    } else {
        email.to_lowercase()
    }
}

/// `*` any run of characters, `?` one character, the rest literally;
/// without regard to case.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        if i < p.len() && (p[i] == '?' || (p[i] != '*' && p[i] == t[j])) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

// ---------------------------------------------------------------------------
// Building the per-file history
// ---------------------------------------------------------------------------

/// Follows files through renames and adds up commits per file and per
/// person. Pure. `commits` are in `git log` order (newest commit date
/// first); `prefix` is the content folder relative to the top of the repository
/// (`""` or ending with `/`): changes outside it are ignored, a rename from
/// outside counts as an addition.
///
/// Walking from newest to oldest, each path belongs to a *lineage*: a rename
/// sends the older commits of the old path to the new path (so a chain
/// A → B → C ends on C), an addition or a rename target ends the lineage
/// (older commits on that path belong to an earlier file: deleted then
/// re-added starts fresh), and a deletion opens a lineage that no longer
/// exists. Commits on the old path that git lists before the rename (from
/// a merged branch, or a parent dated after its child) are joined to the
/// renamed file too. A deletion listed before a later change of the same
/// path (merged branches again) does not end the file.
pub fn build_history(commits: Vec<Commit>, prefix: &str, opts: &HistoryOptions) -> History {
    let mut builder = HistoryBuilder::new(prefix);
    for c in commits {
        builder.push(c);
    }
    builder.finish(opts, &HashMap::new())
}

/// [`build_history`] one commit at a time, as `git log` prints them;
/// people are credited at the end, once co-authors are mailmapped.
#[derive(Default)]
pub struct HistoryBuilder {
    prefix: String,
    walk: Walk,
    changes: Vec<Change>,
    /// Per change: the author and co-authors as git printed them.
    idents: Vec<(Identity, Vec<Identity>)>,
    /// Per change: the lineage of each file.
    nodes_of: Vec<Vec<u32>>,
}

impl HistoryBuilder {
    /// `prefix` as for [`build_history`].
    pub fn new(prefix: &str) -> HistoryBuilder {
        HistoryBuilder {
            prefix: prefix.to_owned(),
            ..HistoryBuilder::default()
        }
    }

    /// The next commit, in `git log` order. A commit that touches nothing
    /// in the content folder is skipped.
    pub fn push(&mut self, commit: Commit) {
        let idx = u32::try_from(self.changes.len()).unwrap_or(u32::MAX);
        let mut files = Vec::new();
        let mut nodes = Vec::new();
        for fc in commit.files {
            if let Some((then, kind, node)) = self.walk.apply(fc, &self.prefix, idx) {
                files.push(ChangedFile {
                    then,
                    path: None,
                    kind,
                });
                nodes.push(node);
            }
        }
        if files.is_empty() {
            return;
        }
        self.changes.push(Change {
            hash: commit.hash,
            date: commit.date,
            time: commit.time,
            author: None,
            coauthors: Vec::new(),
            subject: commit.subject,
            files,
        });
        self.idents.push((commit.author, commit.coauthors));
        self.nodes_of.push(nodes);
    }

    /// Every co-author identity met (with repeats), for `.mailmap`.
    pub fn coauthors(&self) -> impl Iterator<Item = &Identity> {
        self.idents.iter().flat_map(|(_, co)| co)
    }

    /// Credits people, co-authors through `mailmap` (identities missing
    /// from it are kept as they are), and adds everything up.
    pub fn finish(self, opts: &HistoryOptions, mailmap: &HashMap<Identity, Identity>) -> History {
        let HistoryBuilder {
            mut walk,
            mut changes,
            idents,
            nodes_of,
            ..
        } = self;
        let mut people = People::new(&opts.exclude);
        for ((change, (author, coauthors)), nodes) in changes.iter_mut().zip(idents).zip(&nodes_of)
        {
            change.author = people.credit(&author);
            for co in &coauthors {
                if let Some(id) = people.credit(mailmap.get(co).unwrap_or(co))
                    && Some(id) != change.author
                    && !change.coauthors.contains(&id)
                {
                    change.coauthors.push(id);
                }
            }
            // Current paths, now that every rename is known.
            for (file, &node) in change.files.iter_mut().zip(nodes) {
                file.path = walk.current_path(node).map(str::to_owned);
            }
        }

        // Newest first by author date; equal dates keep git's order.
        let mut order: Vec<usize> = (0..changes.len()).collect();
        order.sort_by_key(|&i| Reverse(changes[i].time));
        let mut new_index = vec![0u32; changes.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = u32::try_from(new).unwrap_or(u32::MAX);
        }
        let changes: Vec<Change> = order
            .iter()
            .map(|&i| std::mem::take(&mut changes[i]))
            .collect();

        let people = people.finish(&changes);
        let files = walk.files(&new_index, &changes, &people);
        History {
            people,
            files,
            changes,
            uncommitted: BTreeMap::new(),
            shallow: false,
        }
    }
}

/// Identities met so far, by key.
struct People {
    exclude: Vec<String>,
    list: Vec<Person>,
    by_key: FxHashMap<String, PersonId>,
    /// Identities as git printed them, already resolved.
    seen: FxHashMap<Identity, Option<PersonId>>,
}

impl People {
    fn new(exclude: &[String]) -> People {
        People {
            exclude: exclude.to_vec(),
            list: Vec::new(),
            by_key: FxHashMap::default(),
            seen: FxHashMap::default(),
        }
    }

    /// The person for an identity, `None` if excluded or empty.
    fn credit(&mut self, id: &Identity) -> Option<PersonId> {
        if let Some(&known) = self.seen.get(id) {
            return known;
        }
        let pid = self.resolve(id);
        self.seen.insert(id.clone(), pid);
        pid
    }

    fn resolve(&mut self, id: &Identity) -> Option<PersonId> {
        let name = normalize_name(&id.name);
        let email = id.email.trim().to_lowercase();
        if self
            .exclude
            .iter()
            .any(|p| glob_match(p, &name) || (!email.is_empty() && glob_match(p, &email)))
        {
            return None;
        }
        let name = if name.is_empty() {
            normalize_name(email.split('@').next().unwrap_or(""))
        } else {
            name
        };
        if name.is_empty() {
            return None;
        }
        let key = identity_key(&name, &email);
        if let Some(&pid) = self.by_key.get(&key) {
            let p = &mut self.list[pid.0 as usize];
            if !p.spellings.contains(&name) {
                p.spellings.push(name);
            }
            return Some(pid);
        }
        let pid = PersonId(u32::try_from(self.list.len()).unwrap_or(u32::MAX));
        self.list.push(Person {
            key: key.clone(),
            name: name.clone(),
            spellings: vec![name],
            email,
            commits: 0,
            authored: 0,
            coauthored: 0,
            first: ChangeId(0),
            last: ChangeId(0),
        });
        self.by_key.insert(key, pid);
        Some(pid)
    }

    /// Totals over every change (newest first).
    fn finish(self, changes: &[Change]) -> Vec<Person> {
        let mut list = self.list;
        for (i, c) in changes.iter().enumerate() {
            let id = ChangeId(u32::try_from(i).unwrap_or(u32::MAX));
            for (pid, co) in c
                .author
                .map(|a| (a, false))
                .into_iter()
                .chain(c.coauthors.iter().map(|&p| (p, true)))
            {
                let p = &mut list[pid.0 as usize];
                if p.commits == 0 {
                    p.last = id;
                }
                p.first = id;
                p.commits += 1;
                if co {
                    p.coauthored += 1;
                } else {
                    p.authored += 1;
                }
            }
        }
        list
    }
}

/// Lineages of paths, as a union-find: renames seen late join lineages.
#[derive(Default)]
struct Walk {
    nodes: Vec<Node>,
    paths: FxHashMap<String, PathSlot>,
}

/// What the walk knows of a path.
#[derive(Default)]
struct PathSlot {
    /// The lineage the path belongs to at this point of the walk.
    lineage: Option<u32>,
    /// The path is already given to a current file.
    claimed: bool,
}

struct Node {
    parent: u32,
    /// The path when the lineage was first met (its newest name).
    path: String,
    /// Is this the lineage of a file that exists today?
    current: bool,
    changes: Vec<u32>,
}

/// `p` relative to the content folder, `None` outside it.
fn strip(p: String, prefix: &str) -> Option<String> {
    if prefix.is_empty() {
        return (!p.is_empty()).then_some(p);
    }
    p.strip_prefix(prefix)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
}

fn new_node(nodes: &mut Vec<Node>, p: &str, current: bool) -> u32 {
    let n = u32::try_from(nodes.len()).unwrap_or(u32::MAX);
    nodes.push(Node {
        parent: n,
        path: p.to_owned(),
        current,
        changes: Vec::new(),
    });
    n
}

impl Walk {
    fn apply(
        &mut self,
        fc: FileChange,
        prefix: &str,
        idx: u32,
    ) -> Option<(String, ChangeKind, u32)> {
        match fc {
            FileChange::Modified(p) => {
                let p = strip(p, prefix)?;
                let n = self.touch(&p, idx);
                Some((p, ChangeKind::Modified, n))
            }
            FileChange::Added(p) => {
                let p = strip(p, prefix)?;
                Some(self.added(p, ChangeKind::Added, idx))
            }
            FileChange::Deleted(p) => {
                let p = strip(p, prefix)?;
                Some(self.deleted(p, idx))
            }
            FileChange::Copied { from, to } => {
                let to = strip(to, prefix)?;
                let from = match from.strip_prefix(prefix) {
                    Some(rel) => rel.to_owned(),
                    None => from,
                };
                Some(self.added(to, ChangeKind::Copied { from }, idx))
            }
            FileChange::Renamed { from, to } => match (strip(from, prefix), strip(to, prefix)) {
                (Some(from), Some(to)) => {
                    let n = self.touch(&to, idx);
                    self.set_lineage(&to, None);
                    if let Some(m) = self.set_lineage(&from, Some(n)) {
                        // Commits on the old path listed before the rename
                        // (another branch): they reached the new path.
                        let (rm, rn) = (self.find(m), self.find(n));
                        if rm != rn && self.nodes[rm as usize].current {
                            self.nodes[rm as usize].parent = rn;
                        }
                    }
                    Some((to, ChangeKind::Renamed { from }, n))
                }
                (None, Some(to)) => Some(self.added(to, ChangeKind::Added, idx)),
                (Some(from), None) => Some(self.deleted(from, idx)),
                (None, None) => None,
            },
        }
    }

    /// An addition ends the lineage: older commits on the path belong to
    /// an earlier file.
    fn added(&mut self, p: String, kind: ChangeKind, idx: u32) -> (String, ChangeKind, u32) {
        let n = self.touch(&p, idx);
        self.set_lineage(&p, None);
        (p, kind, n)
    }

    fn deleted(&mut self, p: String, idx: u32) -> (String, ChangeKind, u32) {
        let n = match self.lineage(&p) {
            // Newer commits changed the path without adding it (branches):
            // the file lives on, and a deletion earns no credit.
            Some(n) => n,
            None => {
                let n = self.node(&p, false);
                self.nodes[n as usize].changes.push(idx);
                self.set_lineage(&p, Some(n));
                n
            }
        };
        (p, ChangeKind::Deleted, n)
    }

    /// Records the commit on the lineage of `p`, opening one if needed.
    fn touch(&mut self, p: &str, idx: u32) -> u32 {
        let Walk { nodes, paths } = self;
        let n = match paths.get_mut(p) {
            Some(PathSlot {
                lineage: Some(n), ..
            }) => *n,
            Some(slot) => {
                let n = new_node(nodes, p, !slot.claimed);
                slot.claimed = true;
                slot.lineage = Some(n);
                n
            }
            None => {
                let n = new_node(nodes, p, true);
                let slot = PathSlot {
                    lineage: Some(n),
                    claimed: true,
                };
                paths.insert(p.to_owned(), slot);
                n
            }
        };
        nodes[n as usize].changes.push(idx);
        n
    }

    fn lineage(&self, p: &str) -> Option<u32> {
        self.paths.get(p).and_then(|s| s.lineage)
    }

    /// Sets the lineage of `p`, returning the previous one.
    fn set_lineage(&mut self, p: &str, lineage: Option<u32>) -> Option<u32> {
        match self.paths.get_mut(p) {
            Some(slot) => std::mem::replace(&mut slot.lineage, lineage),
            None => {
                let slot = PathSlot {
                    lineage,
                    claimed: false,
                };
                self.paths.insert(p.to_owned(), slot);
                None
            }
        }
    }

    /// A lineage that no longer exists.
    fn node(&mut self, p: &str, current: bool) -> u32 {
        new_node(&mut self.nodes, p, current)
    }

    fn find(&mut self, mut n: u32) -> u32 {
        let mut root = n;
        while self.nodes[root as usize].parent != root {
            root = self.nodes[root as usize].parent;
        }
        while self.nodes[n as usize].parent != root {
            let next = self.nodes[n as usize].parent;
            self.nodes[n as usize].parent = root;
            n = next;
        }
        root
    }

    fn current_path(&mut self, n: u32) -> Option<&str> {
        let root = self.find(n) as usize;
        let node = &self.nodes[root];
        node.current.then_some(node.path.as_str())
    }

    /// One [`FileHistory`] per current lineage.
    fn files(
        &mut self,
        new_index: &[u32],
        changes: &[Change],
        people: &[Person],
    ) -> BTreeMap<String, FileHistory> {
        let names: Vec<String> = people.iter().map(|p| p.name.to_lowercase()).collect();
        let mut per_root: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for n in 0..self.nodes.len() {
            let root = self.find(u32::try_from(n).unwrap_or(u32::MAX));
            if self.nodes[root as usize].current {
                let mine = std::mem::take(&mut self.nodes[n].changes);
                per_root
                    .entry(root)
                    .or_default()
                    .extend(mine.into_iter().map(|c| new_index[c as usize]));
            }
        }
        let mut files = BTreeMap::new();
        for (root, mut ids) in per_root {
            ids.sort_unstable();
            ids.dedup();
            let (Some(&updated), Some(&created)) = (ids.first(), ids.last()) else {
                continue;
            };
            let mut contributors: Vec<Contribution> = Vec::new();
            let mut at: FxHashMap<PersonId, usize> = FxHashMap::default();
            for &c in &ids {
                let change = &changes[c as usize];
                for (pid, co) in change
                    .author
                    .map(|a| (a, false))
                    .into_iter()
                    .chain(change.coauthors.iter().map(|&p| (p, true)))
                {
                    let i = *at.entry(pid).or_insert_with(|| {
                        contributors.push(Contribution {
                            person: pid,
                            commits: 0,
                            authored: 0,
                            coauthored: 0,
                            created: false,
                            last: ChangeId(c),
                        });
                        contributors.len() - 1
                    });
                    let k = &mut contributors[i];
                    k.commits += 1;
                    if co {
                        k.coauthored += 1;
                    } else {
                        k.authored += 1;
                    }
                    k.created |= c == created;
                }
            }
            contributors.sort_by(|a, b| {
                let name = |c: &Contribution| &names[c.person.0 as usize];
                b.commits
                    .cmp(&a.commits)
                    .then_with(|| name(a).cmp(name(b)))
                    .then(a.person.cmp(&b.person))
            });
            let path = self.nodes[root as usize].path.clone();
            files.insert(
                path,
                FileHistory {
                    contributors,
                    commits: u32::try_from(ids.len()).unwrap_or(u32::MAX),
                    created: ChangeId(created),
                    updated: ChangeId(updated),
                },
            );
        }
        files
    }
}

#[cfg(test)]
mod tests;
