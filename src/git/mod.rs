//! Git history: who changed each content file, how often and when, and the
//! site's recent changes. The only module that runs git.
//!
//! [`read_history`] (`run.rs`) runs one `git log` over the whole history of
//! the content folder (never a process per file), at most one
//! `git check-mailmap` for co-authors, and two cheap probes (`git rev-parse`,
//! `git status`). The work is done by pure code, also run piece by piece
//! while git is still printing: [`parse_log`] ([`LogParser`], `log.rs`) reads
//! git's NUL-separated output into [`Commit`]s, and [`build_history`]
//! ([`HistoryBuilder`], `builder.rs`) follows renames (`walk.rs`) and adds up
//! commits per file and per person (`people.rs`, which tells who is who with
//! `identity.rs`). This file holds the model they produce: [`History`].
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
//! - Excluded identities (bots, recognised by name and email by
//!   `bots.rs`, and [`HistoryOptions::exclude`]) are never credited, but
//!   their commits still changed the file: they count in
//!   [`FileHistory::commits`], date it, and appear in [`History::changes`]
//!   with no author. They are excluded before identities are grouped by
//!   email, so a bot that commits with a person's email is never merged
//!   into that person.
//! - A person's displayed name is the spelling that looks most like a name
//!   as people write it, then the most used ([`best_spelling`]): `Chaïb
//!   Martinez` (25 commits) rather than `chaib.martinez` (3).
//! - Only the repository's own `.mailmap` applies (`mailmap.file` and
//!   `mailmap.blob` from the user's config are ignored), so the same
//!   repository gives the same credits on every machine.
//! - Dates are author dates. Emails are kept for matching people and for
//!   grouping identities; they must never be rendered.

use std::collections::BTreeMap;

use crate::date::Date;

mod bots;
mod builder;
mod identity;
mod log;
mod people;
mod run;
mod walk;

pub use bots::{BOT_EMAILS, BOT_NAMES, is_bot};
pub use builder::{HistoryBuilder, build_history};
pub use identity::{
    Identity, best_spelling, identity_key, name_quality, normalize_name, parse_contact,
};
pub use log::{Commit, FileChange, LogParser, ParseError, parse_log};
pub use run::{HistoryError, head, parse_status, read_history, read_uncommitted};

/// What [`read_history`] and [`build_history`] take besides the history.
///
/// Bots ([`is_bot`]: by name and by email) are never credited, whatever
/// the options; these add to them and make exceptions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HistoryOptions {
    /// More identities never credited, as glob-like patterns matched
    /// without regard to case against the (mailmapped) name and against the
    /// email: `*` matches any run of characters, `?` one byte (an accented
    /// letter is two), anything else (including `[`) itself. E.g.
    /// `robot-*`, `*@ci.ville.example`: `[credits] exclude` gives them.
    pub exclude: Vec<String>,
    /// People whom [`is_bot`] takes for bots (`Jan Bot`), as patterns like
    /// `exclude`'s: `[credits] not_bots` gives them. `exclude` still applies.
    pub not_bots: Vec<String>,
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
    /// Display name, normalised (NFC, trimmed, inner spaces collapsed): the
    /// best of `spellings` by [`best_spelling`] (capitals and spaces over a
    /// login-like `first.last`, then the most commits). When git had no
    /// name, the part of the email before the `@`.
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

#[cfg(test)]
mod testing;
