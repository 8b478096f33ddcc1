//! Contributor credits: who did what on each page, per person and per
//! structure, and the recent changes. Pure: computed from the site, the git
//! history (read once by `git::read_history`, or `None` outside git), the
//! people file (`content/_people.toml`, parsed by [`People::parse`]) and the
//! `[credits]` configuration, so `serve` can recompute it at will.
//!
//! Every name, from git or from front matter, is resolved to one
//! [`Contributor`] (`resolve.rs`): first by email, then by its folded
//! spelling (`text::match_key`: case, accents, spaces and punctuation
//! ignored) against the people file's names and aliases, then against the
//! names already met. A name nobody declared becomes a contributor of its
//! own, shown under its best spelling (`git::best_spelling`: capitals and
//! accents over a login-like `first.last`, then the most used). Two
//! exceptions, both within one page: a collective or anonymous mention
//! (`Tous`, `Tout le groupe`, `Une personne de…`, `?`: `groups.rs`, or
//! `group = true` in the people file) is a [`Group`], shown as text with no
//! page; and a lone first name (`Inès`) that matches exactly one full name
//! on the same page (`Inès Moreau`) is that person. Across pages, a lone
//! first name stays apart and `playbook check` warns (`lookalike.rs`).
//!
//! Roles on a page (`compute.rs`): rédaction (front-matter `authors`; when
//! the page names none, whoever is credited on the file's first commit),
//! modifications (the other git contributors, and the first committer of a
//! page that names its authors), animation, prise de notes, gardien du
//! temps, participation (front matter, rotations included), and mise en
//! ligne: on minutes (`kind: minutes`), whoever committed the file first
//! put the pad's notes online; the pad's people carry the credit. A shallow
//! clone credits git contributors with modifications only: its oldest
//! visible commit did not create the files.

use crate::git::Uncommitted;
use crate::site::PageId;

mod compute;
mod groups;
mod lookalike;
mod people_file;
mod resolve;

pub use compute::{compute, site_digest};
pub use lookalike::{Lookalike, lookalikes};
pub use people_file::{PEOPLE_FILE, People, PersonEntry};

/// A role on a page, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Writing,
    Changes,
    Facilitation,
    Notes,
    Timekeeping,
    Participation,
    /// Put the page online (imported or committed minutes), without
    /// writing it.
    Publishing,
}

impl Role {
    pub const COUNT: usize = 7;

    pub const ALL: [Role; Role::COUNT] = [
        Role::Writing,
        Role::Changes,
        Role::Facilitation,
        Role::Notes,
        Role::Timekeeping,
        Role::Participation,
        Role::Publishing,
    ];

    /// Position in [`Role::ALL`].
    pub fn slot(self) -> usize {
        self as usize
    }

    /// The UI string key of the role (`src/i18n.rs`).
    pub fn key(self) -> &'static str {
        match self {
            Role::Writing => "role_writing",
            Role::Changes => "role_changes",
            Role::Facilitation => "role_facilitation",
            Role::Notes => "role_notes",
            Role::Timekeeping => "role_timekeeping",
            Role::Participation => "role_participation",
            Role::Publishing => "role_publishing",
        }
    }

    /// Stable identifier, for CSS classes and anchors.
    pub fn id(self) -> &'static str {
        match self {
            Role::Writing => "redaction",
            Role::Changes => "modifications",
            Role::Facilitation => "animation",
            Role::Notes => "prise-de-notes",
            Role::Timekeeping => "gardien-du-temps",
            Role::Participation => "participation",
            Role::Publishing => "mise-en-ligne",
        }
    }
}

/// One person credited somewhere on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contributor {
    pub name: String,
    /// Their page is `personnes/<slug>/`.
    pub slug: String,
    /// Index into [`Credits::structures`].
    pub structure: Option<usize>,
    /// Declared in the people file.
    pub declared: bool,
    /// Only when `show_emails` is on: the people file's first email, else git's.
    pub email: Option<String>,
    /// Pages per role (indexed like [`Role::ALL`]), in site order.
    pub roles: [Vec<PageId>; Role::COUNT],
    /// Commits credited (authored + co-authored), over the whole content folder.
    pub commits: u32,
    pub coauthored: u32,
    /// Author date (RFC 3339) of their newest commit.
    pub last_change: Option<String>,
    /// Every spelling met, for `playbook check`.
    pub spellings: Vec<Spelling>,
}

/// A spelling of a name and where it was met.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spelling {
    pub text: String,
    /// The first page whose front matter uses it; `None`: git or the people file.
    pub page: Option<PageId>,
}

impl Contributor {
    /// Someone of that name, credited with nothing yet.
    pub fn new(name: impl Into<String>, declared: bool) -> Self {
        Contributor {
            name: name.into(),
            slug: String::new(),
            structure: None,
            declared,
            email: None,
            roles: Default::default(),
            commits: 0,
            coauthored: 0,
            last_change: None,
            spellings: vec![],
        }
    }

    /// Distinct pages, all roles together.
    pub fn page_count(&self) -> usize {
        let mut all: Vec<PageId> = self.roles.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    }
}

/// A collective or anonymous mention (`Tout le groupe`, `Tous`, `Une
/// personne de la mairie de Saint-Ouen`, `?`): credited as text, with no
/// page of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// As the people file names it, else as first met.
    pub name: String,
    /// Declared in the people file (`group = true`, or a name the group
    /// words recognise).
    pub declared: bool,
    /// Index into [`Credits::structures`] (people file only).
    pub structure: Option<usize>,
    /// Pages per role (indexed like [`Role::ALL`]), in site order.
    pub roles: [Vec<PageId>; Role::COUNT],
}

/// A structure (direction, service, external organisation) and its people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    pub name: String,
    /// Anchor on the structures page.
    pub slug: String,
    /// Indices into [`Credits::people`], by name.
    pub members: Vec<usize>,
    /// Indices into [`Credits::groups`] of its declared groups (`Une
    /// personne de la mairie de Saint-Ouen`), in the people file's order.
    pub groups: Vec<usize>,
    /// Distinct pages per role, members and groups together.
    pub roles: [usize; Role::COUNT],
    /// Distinct pages, all roles.
    pub pages: usize,
    pub commits: u32,
}

/// Who is credited with one role on one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleCredits {
    pub role: Role,
    /// Indices into [`Credits::people`], as met.
    pub people: Vec<usize>,
    /// Indices into [`Credits::groups`], as met: shown after the people.
    pub groups: Vec<usize>,
}

/// The credits of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageCredits {
    /// Roles in order, empty roles left out.
    pub roles: Vec<RoleCredits>,
    /// Author date (RFC 3339) of the newest commit of the file.
    pub updated: Option<String>,
    /// Commits that changed the file.
    pub commits: u32,
    pub uncommitted: Option<Uncommitted>,
}

/// One commit of the recent changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentChange {
    pub hash: String,
    /// Author date, RFC 3339.
    pub date: String,
    /// Credited people (author first), indices into [`Credits::people`].
    pub people: Vec<usize>,
    pub subject: String,
    /// Pages the commit touched that still exist.
    pub pages: Vec<PageId>,
    /// Files it touched that are not pages any more (deleted, renamed away, assets).
    pub other_files: usize,
}

/// Where the credits come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Source {
    /// Front matter only (no git repository, git disabled, or `serve`).
    #[default]
    FrontMatter,
    /// Front matter and the git history.
    Git { shallow: bool },
}

/// Everything the credits pages need, computed once per build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Credits {
    /// By name (folded), the people file's order breaking ties.
    pub people: Vec<Contributor>,
    /// Collective and anonymous mentions, the people file's first.
    pub groups: Vec<Group>,
    /// By name.
    pub structures: Vec<Structure>,
    /// Per page ([`PageId`]).
    pub pages: Vec<PageCredits>,
    /// Newest first, at most `feed_entries`.
    pub recent: Vec<RecentChange>,
    pub source: Source,
}

#[cfg(test)]
mod tests;
