//! Contributor credits: who did what on each page, per person and per
//! structure, and the recent changes. Pure: computed from the site, the git
//! history (read once by `git::read_history`, or `None` outside git), the
//! people file (`content/_people.toml`, parsed by [`People::parse`]) and the
//! `[credits]` configuration, so `serve` can recompute it at will.
//!
//! Every name, from git or from front matter, is resolved to one
//! [`Contributor`]: first by email, then by its folded spelling
//! (`text::match_key`: case, accents, spaces and punctuation ignored)
//! against the people file's names and aliases, then against the names
//! already met. A name nobody declared becomes a contributor of its own.
//!
//! Roles on a page: rédaction (front-matter `authors`, plus whoever is
//! credited on the file's first commit, unless the clone is shallow: its
//! oldest visible commit did not create the files), modifications (the
//! other git contributors), animation, prise de notes, gardien du temps,
//! participation (front matter, rotations included).

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;

use crate::config::CreditsConfig;
use crate::diagnostic::{Diagnostic, line_col};
use crate::git::{History, Uncommitted};
use crate::site::{PageId, Site};
use crate::text::{UniqueSlugs, match_key, slugify};

/// The people file, beside the pages (never published).
pub const PEOPLE_FILE: &str = "_people.toml";

/// A role on a page, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Writing,
    Changes,
    Facilitation,
    Notes,
    Timekeeping,
    Participation,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Writing,
        Role::Changes,
        Role::Facilitation,
        Role::Notes,
        Role::Timekeeping,
        Role::Participation,
    ];

    /// The UI string key of the role (`src/i18n.rs`).
    pub fn key(self) -> &'static str {
        match self {
            Role::Writing => "role_writing",
            Role::Changes => "role_changes",
            Role::Facilitation => "role_facilitation",
            Role::Notes => "role_notes",
            Role::Timekeeping => "role_timekeeping",
            Role::Participation => "role_participation",
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
        }
    }
}

/// One person of the people file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    /// The table name, e.g. `anne-berlemont`: the person page's slug.
    pub id: String,
    pub name: String,
    pub structure: Option<String>,
    /// Other spellings: first names, initials, git names.
    pub aliases: Vec<String>,
    /// Emails used in git (lower-cased). Never rendered unless opted in.
    pub emails: Vec<String>,
    /// Line of the `[id]` header.
    pub line: usize,
}

/// The people file: who is who, and in which structure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    pub entries: Vec<PersonEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    name: String,
    #[serde(default)]
    structure: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    emails: Vec<String>,
}

impl People {
    /// Parses the text of a people file; `path` is only used in diagnostics.
    ///
    /// ```toml
    /// [anne-berlemont]
    /// name = "Anne Berlemont"
    /// structure = "Direction de la transformation"
    /// aliases = ["anne", "Anne B."]
    /// emails = ["anne.berlemont@ville.example"]
    /// ```
    pub fn parse(text: &str, path: &Path) -> Result<People, Vec<Diagnostic>> {
        const HELP: &str = "each person is a table: `[anne-berlemont]` then `name = \"Anne Berlemont\"`, \
             and optionally `structure = \"…\"`, `aliases = [\"anne\"]`, `emails = [\"…\"]`";
        let raw: toml::Table = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            vec![Diagnostic::error(path, line, col, first_line(e.message())).with_help(HELP)]
        })?;
        let mut entries = vec![];
        let mut errors = vec![];
        for (id, value) in raw {
            let line = header_line(text, &id);
            let entry: RawEntry = match value.try_into() {
                Ok(e) => e,
                Err(e) => {
                    let e: toml::de::Error = e;
                    errors.push(
                        Diagnostic::error(
                            path,
                            line,
                            1,
                            format!("person `{id}`: {}", first_line(e.message())),
                        )
                        .with_help(HELP),
                    );
                    continue;
                }
            };
            let name = normalize(&entry.name);
            if name.is_empty() || match_key(&name).is_empty() {
                errors.push(
                    Diagnostic::error(path, line, 1, format!("person `{id}` has an empty `name`"))
                        .with_help("write the name to display, e.g. `name = \"Anne Berlemont\"`"),
                );
                continue;
            }
            entries.push(PersonEntry {
                id: match slugify(&id) {
                    s if s.is_empty() => slugify(&name),
                    s => s,
                },
                name,
                structure: entry
                    .structure
                    .map(|s| normalize(&s))
                    .filter(|s| !s.is_empty()),
                aliases: entry
                    .aliases
                    .iter()
                    .map(|a| normalize(a))
                    .filter(|a| !match_key(a).is_empty())
                    .collect(),
                emails: entry
                    .emails
                    .iter()
                    .map(|e| e.trim().to_lowercase())
                    .filter(|e| !e.is_empty())
                    .collect(),
                line,
            });
        }
        // The table order of the file, not toml's sorted order.
        entries.sort_by_key(|e| e.line);
        // A spelling or an email may name only one person.
        let mut owner: HashMap<String, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let keys = std::iter::once(match_key(&e.name))
                .chain(e.aliases.iter().map(|a| match_key(a)))
                .map(|k| (k, false))
                .chain(e.emails.iter().map(|m| (m.clone(), true)));
            for (k, is_email) in keys {
                match owner.get(&k) {
                    Some(&j) if j != i => {
                        let what = if is_email { "email" } else { "spelling" };
                        errors.push(
                            Diagnostic::error(
                                path,
                                e.line,
                                1,
                                format!(
                                    "person `{}` shares the {what} with `{}` (line {})",
                                    e.id, entries[j].id, entries[j].line
                                ),
                            )
                            .with_help("a name, alias or email may belong to one person only"),
                        );
                    }
                    _ => {
                        owner.insert(k, i);
                    }
                }
            }
        }
        let mut slugs: HashMap<&str, usize> = HashMap::new();
        for e in &entries {
            if let Some(&l) = slugs.get(e.id.as_str()) {
                errors.push(Diagnostic::error(
                    path,
                    e.line,
                    1,
                    format!("person `{}` has the same address as line {l}", e.id),
                ));
            }
            slugs.insert(&e.id, e.line);
        }
        if errors.is_empty() {
            Ok(People { entries })
        } else {
            Err(errors)
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

/// The line of the `[id]` header (1-based), 0 if not found.
fn header_line(text: &str, id: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .is_some_and(|k| k.trim().trim_matches(['"', '\'']) == id)
        })
        .map_or(0, |i| i + 1)
}

/// Trims and collapses inner whitespace.
fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
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
    pub roles: [Vec<PageId>; 6],
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
    /// Distinct pages, all roles together.
    pub fn page_count(&self) -> usize {
        let mut all: Vec<PageId> = self.roles.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    }
}

/// A structure (direction, service, external organisation) and its people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Structure {
    pub name: String,
    /// Anchor on the structures page.
    pub slug: String,
    /// Indices into [`Credits::people`], by name.
    pub members: Vec<usize>,
    /// Distinct pages per role, members together.
    pub roles: [usize; 6],
    /// Distinct pages, all roles.
    pub pages: usize,
    pub commits: u32,
}

/// The credits of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageCredits {
    /// People per role (indices into [`Credits::people`]), roles in order,
    /// empty roles left out.
    pub roles: Vec<(Role, Vec<usize>)>,
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
    /// By name.
    pub structures: Vec<Structure>,
    /// Per page ([`PageId`]).
    pub pages: Vec<PageCredits>,
    /// Newest first, at most `feed_entries`.
    pub recent: Vec<RecentChange>,
    pub source: Source,
}

/// Resolves names and emails to contributors while they are met.
struct Resolver<'a> {
    people: Vec<Contributor>,
    by_key: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    entries: &'a [PersonEntry],
    show_emails: bool,
}

impl Resolver<'_> {
    fn add(&mut self, name: &str, declared: bool) -> usize {
        let i = self.people.len();
        self.people.push(Contributor {
            name: name.to_string(),
            slug: String::new(),
            structure: None,
            declared,
            email: None,
            roles: Default::default(),
            commits: 0,
            coauthored: 0,
            last_change: None,
            spellings: vec![],
        });
        i
    }

    fn note_spelling(&mut self, i: usize, text: &str, page: Option<PageId>) {
        let s = &mut self.people[i].spellings;
        if !s.iter().any(|x| x.text == text) {
            s.push(Spelling {
                text: text.to_string(),
                page,
            });
        }
    }

    /// A front-matter name.
    fn name(&mut self, raw: &str, page: PageId) -> Option<usize> {
        let name = normalize(raw);
        let key = match_key(&name);
        if key.is_empty() {
            return None;
        }
        let i = match self.by_key.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.add(&name, false);
                self.by_key.insert(key, i);
                i
            }
        };
        self.note_spelling(i, &name, Some(page));
        Some(i)
    }

    /// A git identity: email first, then any of its spellings.
    fn git_person(&mut self, p: &crate::git::Person) -> usize {
        let found = (!p.email.is_empty())
            .then(|| self.by_email.get(&p.email).copied())
            .flatten()
            .or_else(|| {
                p.spellings
                    .iter()
                    .find_map(|s| self.by_key.get(&match_key(s)).copied())
            });
        let i = found.unwrap_or_else(|| self.add(&p.name, false));
        for s in &p.spellings {
            let k = match_key(s);
            if !k.is_empty() {
                self.by_key.entry(k).or_insert(i);
            }
            self.note_spelling(i, s, None);
        }
        if !p.email.is_empty() {
            self.by_email.entry(p.email.clone()).or_insert(i);
            if self.show_emails && self.people[i].email.is_none() {
                self.people[i].email = Some(p.email.clone());
            }
        }
        i
    }
}

/// Computes the credits of every page, person and structure. Pure.
pub fn compute(
    site: &Site,
    history: Option<&History>,
    people: &People,
    config: &CreditsConfig,
) -> Credits {
    if !config.enabled {
        return Credits::default();
    }
    let mut r = Resolver {
        people: vec![],
        by_key: HashMap::new(),
        by_email: HashMap::new(),
        entries: &people.entries,
        show_emails: config.show_emails,
    };
    for e in r.entries {
        let i = r.add(&e.name, true);
        r.people[i].slug = e.id.clone();
        if config.show_emails {
            r.people[i].email = e.emails.first().cloned();
        }
        for k in std::iter::once(&e.name).chain(&e.aliases) {
            r.by_key.insert(match_key(k), i);
        }
        for m in &e.emails {
            r.by_email.insert(m.clone(), i);
        }
    }

    // Git identities, then their totals.
    let git_people: Vec<usize> = history
        .map(|h| h.people.iter().map(|p| r.git_person(p)).collect())
        .unwrap_or_default();
    if let Some(h) = history {
        // Changes are newest first: the lowest id is the newest.
        let mut newest: HashMap<usize, crate::git::ChangeId> = HashMap::new();
        for (gp, &i) in h.people.iter().zip(&git_people) {
            let c = &mut r.people[i];
            c.commits += gp.commits;
            c.coauthored += gp.coauthored;
            let n = newest.entry(i).or_insert(gp.last);
            *n = (*n).min(gp.last);
            c.last_change = Some(h.change(*n).date.clone());
        }
    }

    let shallow = history.is_some_and(|h| h.shallow);
    let mut pages = Vec::with_capacity(site.pages.len());
    for (id, page) in site.pages.iter().enumerate() {
        let mut roles: BTreeMap<Role, Vec<usize>> = BTreeMap::new();
        let mut push = |role: Role, i: usize| {
            let list = roles.entry(role).or_default();
            if !list.contains(&i) {
                list.push(i);
            }
        };
        let f = &page.front;
        for a in &f.authors {
            if let Some(i) = r.name(a, id) {
                push(Role::Writing, i);
            }
        }
        let mut credits = PageCredits::default();
        if let Some(h) = history {
            if let Some(fh) = h.file(&page.source) {
                for c in &fh.contributors {
                    let i = git_people[c.person.0 as usize];
                    push(
                        if c.created && !shallow {
                            Role::Writing
                        } else {
                            Role::Changes
                        },
                        i,
                    );
                }
                credits.updated = Some(h.change(fh.updated).date.clone());
                credits.commits = fh.commits;
            }
            credits.uncommitted = h.uncommitted.get(&page.source).copied();
        }
        let rotations = &f.rotations;
        let lists: [(Role, Vec<&String>); 4] = [
            (Role::Facilitation, f.facilitators.iter().collect()),
            (
                Role::Notes,
                f.scribes
                    .iter()
                    .chain(rotations.iter().flat_map(|r| &r.scribes))
                    .collect(),
            ),
            (
                Role::Timekeeping,
                f.timekeepers
                    .iter()
                    .chain(rotations.iter().flat_map(|r| &r.timekeepers))
                    .collect(),
            ),
            (
                Role::Participation,
                f.participants
                    .iter()
                    .chain(rotations.iter().flat_map(|r| &r.participants))
                    .collect(),
            ),
        ];
        for (role, names) in lists {
            for n in names {
                if let Some(i) = r.name(n, id) {
                    push(role, i);
                }
            }
        }
        // Written it and changed it: rédaction says it all.
        if let (Some(w), Some(c)) = (roles.get(&Role::Writing), roles.get(&Role::Changes)) {
            let c: Vec<usize> = c.iter().copied().filter(|i| !w.contains(i)).collect();
            roles.insert(Role::Changes, c);
        }
        credits.roles = roles.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        pages.push(credits);
    }
    for (id, pc) in pages.iter().enumerate() {
        for (role, list) in &pc.roles {
            let slot = Role::ALL.iter().position(|r| r == role).unwrap_or(0);
            for &i in list {
                r.people[i].roles[slot].push(id);
            }
        }
    }

    // Keep only people credited somewhere (a declared person with no
    // contribution has no page), sorted by name.
    let Resolver {
        people: mut all, ..
    } = r;
    let mut order: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].commits > 0 || all[i].roles.iter().any(|v| !v.is_empty()))
        .collect();
    order.sort_by_cached_key(|&i| (match_key(&all[i].name), i));
    let mut new_index = vec![usize::MAX; all.len()];
    for (n, &old) in order.iter().enumerate() {
        new_index[old] = n;
    }
    let mut list: Vec<Contributor> = order
        .iter()
        .map(|&i| std::mem::replace(&mut all[i], placeholder()))
        .collect();
    // Slugs: the people file's ids first, then names; unique.
    let mut taken = UniqueSlugs::new(2);
    for c in list.iter().filter(|c| !c.slug.is_empty()) {
        taken.reserve(&c.slug);
    }
    for c in list.iter_mut().filter(|c| c.slug.is_empty()) {
        c.slug = taken.make(&c.name, "personne");
    }
    let remap = |v: &mut Vec<usize>| {
        for i in v.iter_mut() {
            *i = new_index[*i];
        }
        v.retain(|&i| i != usize::MAX);
    };
    for pc in &mut pages {
        for (_, v) in &mut pc.roles {
            remap(v);
        }
    }

    // Structures, from the people file.
    let mut structures: Vec<Structure> = vec![];
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let declared_structure: HashMap<&str, &str> = people
        .entries
        .iter()
        .filter_map(|e| e.structure.as_deref().map(|s| (e.id.as_str(), s)))
        .collect();
    for (ci, c) in list.iter_mut().enumerate() {
        let Some(s) = c
            .declared
            .then(|| declared_structure.get(c.slug.as_str()))
            .flatten()
        else {
            continue;
        };
        let key = match_key(s);
        let si = *by_name.entry(key).or_insert_with(|| {
            structures.push(Structure {
                name: s.to_string(),
                slug: String::new(),
                members: vec![],
                roles: [0; 6],
                pages: 0,
                commits: 0,
            });
            structures.len() - 1
        });
        c.structure = Some(si);
        structures[si].members.push(ci);
        structures[si].commits += c.commits;
    }
    for s in &mut structures {
        let mut all_pages: Vec<PageId> = vec![];
        for (slot, count) in s.roles.iter_mut().enumerate() {
            let mut p: Vec<PageId> = s
                .members
                .iter()
                .flat_map(|&m| list[m].roles[slot].iter().copied())
                .collect();
            p.sort_unstable();
            p.dedup();
            *count = p.len();
            all_pages.extend(p);
        }
        all_pages.sort_unstable();
        all_pages.dedup();
        s.pages = all_pages.len();
    }
    let mut order: Vec<usize> = (0..structures.len()).collect();
    order.sort_by_cached_key(|&i| match_key(&structures[i].name));
    let mut renum = vec![0; structures.len()];
    for (n, &old) in order.iter().enumerate() {
        renum[old] = n;
    }
    for c in &mut list {
        c.structure = c.structure.map(|s| renum[s]);
    }
    let mut structures: Vec<Structure> = order.iter().map(|&i| structures[i].clone()).collect();
    let mut slugs = UniqueSlugs::new(2);
    for s in &mut structures {
        s.slug = slugs.make(&s.name, "structure");
    }

    let recent = history
        .map(|h| recent_changes(site, h, &git_people, &new_index, config.feed_entries))
        .unwrap_or_default();
    Credits {
        people: list,
        structures,
        pages,
        recent,
        source: match history {
            Some(h) => Source::Git { shallow: h.shallow },
            None => Source::FrontMatter,
        },
    }
}

fn placeholder() -> Contributor {
    Contributor {
        name: String::new(),
        slug: String::new(),
        structure: None,
        declared: false,
        email: None,
        roles: Default::default(),
        commits: 0,
        coauthored: 0,
        last_change: None,
        spellings: vec![],
    }
}

fn recent_changes(
    site: &Site,
    h: &History,
    git_people: &[usize],
    new_index: &[usize],
    n: usize,
) -> Vec<RecentChange> {
    let by_source: HashMap<&str, PageId> = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (p.source.as_str(), i))
        .collect();
    h.recent(n)
        .iter()
        .map(|c| {
            let mut pages: Vec<PageId> = vec![];
            let mut other_files = 0;
            for f in &c.files {
                match f.path.as_deref().and_then(|p| by_source.get(p)) {
                    Some(&p) if !pages.contains(&p) => pages.push(p),
                    Some(_) => {}
                    None => other_files += 1,
                }
            }
            let mut people: Vec<usize> = vec![];
            for p in c.credited() {
                let i = new_index[git_people[p.0 as usize]];
                if i != usize::MAX && !people.contains(&i) {
                    people.push(i);
                }
            }
            RecentChange {
                hash: c.hash.clone(),
                date: c.date.clone(),
                people,
                subject: c.subject.clone(),
                pages,
                other_files,
            }
        })
        .collect()
}

/// Two spellings that look like the same person, one of them not mapped
/// by the people file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// The unmapped spelling and where it was met.
    pub spelling: Spelling,
    /// The contributor it looks like (index into [`Credits::people`]).
    pub like: usize,
    /// The spelling of that contributor it looks like.
    pub like_spelling: String,
}

/// Spellings of undeclared contributors that look like another
/// contributor's: same name up to one or two typos, an initial for a
/// family name (`Anne B.`), or a lone first name (`anne`).
pub fn lookalikes(credits: &Credits) -> Vec<Lookalike> {
    let mut out = vec![];
    let words = |s: &str| -> Vec<String> {
        crate::text::fold(s)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.to_ascii_lowercase())
            .collect()
    };
    for (i, c) in credits.people.iter().enumerate() {
        if c.declared {
            continue;
        }
        for s in &c.spellings {
            let (k, w) = (match_key(&s.text), words(&s.text));
            // A declared person first; between two undeclared ones, the
            // pair is reported once, the shorter spelling looking like the
            // fuller one.
            let candidates = || {
                credits
                    .people
                    .iter()
                    .enumerate()
                    .filter(move |&(j, _)| j != i)
                    .flat_map(|(j, o)| {
                        std::iter::once(o.name.clone())
                            .chain(o.spellings.iter().map(|x| x.text.clone()))
                            .map(move |t| (j, o.declared, t))
                    })
            };
            let fuller = |t: &str, j: usize| {
                let (wt, kt) = (words(t), match_key(t));
                (w.len(), k.len(), i) < (wt.len(), kt.len(), j)
            };
            let best = candidates()
                .filter(|(_, declared, _)| *declared)
                .chain(candidates().filter(|(j, declared, t)| !declared && fuller(t, *j)))
                .find(|(_, _, t)| looks_alike(&k, &w, &match_key(t), &words(t)))
                .map(|(j, _, t)| (j, t));
            if let Some((j, t)) = best {
                out.push(Lookalike {
                    spelling: s.clone(),
                    like: j,
                    like_spelling: t,
                });
            }
        }
    }
    out
}

fn looks_alike(ka: &str, wa: &[String], kb: &str, wb: &[String]) -> bool {
    if ka.is_empty() || kb.is_empty() || ka == kb {
        return false;
    }
    // Typos: a distance small against the length.
    let d = strsim::damerau_levenshtein(ka, kb);
    let shortest = ka.len().min(kb.len());
    if (shortest >= 5 && d <= 1) || (shortest >= 9 && d <= 2) {
        return true;
    }
    // Same first word (or its start), the rest initials or missing:
    // `Anne B.`, `anne`, `Flo M.`.
    let initials = |short: &[String], long: &[String]| {
        short.len() <= long.len()
            && short
                .first()
                .zip(long.first())
                .is_some_and(|(s, l)| l.starts_with(s.as_str()) && s.len() >= 3)
            && short
                .iter()
                .zip(long)
                .skip(1)
                .all(|(s, l)| l.starts_with(s.as_str()))
            && (short.len() < long.len() || short.iter().zip(long).any(|(s, l)| s != l))
    };
    initials(wa, wb) || initials(wb, wa)
}

#[cfg(test)]
mod tests;
