//! Resolving names to contributors and groups while they are met: git
//! identities by email then spelling, front-matter names by spelling, one
//! page at a time so that a lone first name can join the one full name it
//! matches on that page. At the end, each undeclared contributor gets its
//! best spelling as its name. Pure; used by `compute.rs`.

use std::collections::{HashMap, HashSet};

use super::groups::{GroupWords, words};
use super::people_file::{People, normalize};
use super::{Contributor, Group, Spelling};
use crate::site::PageId;
use crate::text::match_key;

/// What a name on a page stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Credited {
    /// Index into the contributors.
    Person(usize),
    /// Index into the groups.
    Group(usize),
}

/// The contributors and groups met so far, and how to find them again.
pub(super) struct Resolver {
    pub(super) people: Vec<Contributor>,
    pub(super) groups: Vec<Group>,
    /// Per group, the structure the people file gives it.
    pub(super) group_structures: Vec<Option<String>>,
    /// Per contributor, each spelling and how often it was used (commits,
    /// mentions), for the name shown.
    tally: Vec<Vec<(String, u32)>>,
    by_key: HashMap<String, usize>,
    by_email: HashMap<String, usize>,
    /// Spellings the people file gives to a person.
    declared_keys: HashSet<String>,
    /// Groups by spelling: the people file's, then the mentions met.
    group_by_key: HashMap<String, usize>,
    group_words: GroupWords,
    show_emails: bool,
}

/// A name of a page, after the first pass.
enum Pending {
    Done(Option<Credited>),
    /// One word, not declared: decided once the page's full names are known.
    Lone(String),
}

impl Resolver {
    /// Starts with the people file's persons and groups.
    pub(super) fn new(file: &People, show_emails: bool) -> Resolver {
        let mut r = Resolver {
            people: vec![],
            groups: vec![],
            group_structures: vec![],
            tally: vec![],
            by_key: HashMap::new(),
            by_email: HashMap::new(),
            declared_keys: HashSet::new(),
            group_by_key: HashMap::new(),
            group_words: GroupWords::new(),
            show_emails,
        };
        for e in &file.entries {
            let keys = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|k| match_key(k));
            if e.group.unwrap_or_else(|| r.group_words.is_group(&e.name)) {
                let g = r.add_group(&e.name, true);
                r.group_structures[g].clone_from(&e.structure);
                for k in keys {
                    r.group_by_key.insert(k, g);
                }
                continue;
            }
            let i = r.add(&e.name, true);
            r.people[i].slug.clone_from(&e.id);
            if show_emails {
                r.people[i].email = e.emails.first().cloned();
            }
            for k in keys {
                r.declared_keys.insert(k.clone());
                r.by_key.insert(k, i);
            }
            for m in &e.emails {
                r.by_email.insert(m.clone(), i);
            }
        }
        r
    }

    fn add(&mut self, name: &str, declared: bool) -> usize {
        self.people.push(Contributor::new(name, declared));
        self.tally.push(vec![]);
        self.people.len() - 1
    }

    fn add_group(&mut self, name: &str, declared: bool) -> usize {
        self.groups.push(Group {
            name: name.to_string(),
            declared,
            structure: None,
            roles: Default::default(),
        });
        self.group_structures.push(None);
        self.groups.len() - 1
    }

    /// Records a spelling of contributor `i`, used `uses` times.
    fn note(&mut self, i: usize, text: &str, page: Option<PageId>, uses: u32) {
        let s = &mut self.people[i].spellings;
        if !s.iter().any(|x| x.text == text) {
            s.push(Spelling {
                text: text.to_string(),
                page,
            });
        }
        let t = &mut self.tally[i];
        match t.iter_mut().find(|(x, _)| x == text) {
            Some((_, n)) => *n += uses,
            None => t.push((text.to_string(), uses)),
        }
    }

    /// A git identity: email first, then any of its spellings.
    pub(super) fn git_person(&mut self, p: &crate::git::Person) -> usize {
        let found = (!p.email.is_empty())
            .then(|| self.by_email.get(&p.email).copied())
            .flatten()
            .or_else(|| {
                p.spellings
                    .iter()
                    .find_map(|s| self.by_key.get(&match_key(s)).copied())
            });
        let i = found.unwrap_or_else(|| self.add(&p.name, false));
        // The name git chose carries the commits; the other spellings are
        // there for matching.
        self.note(i, &p.name, None, p.commits);
        for s in &p.spellings {
            let k = match_key(s);
            if !k.is_empty() {
                self.by_key.entry(k).or_insert(i);
            }
            self.note(i, s, None, 0);
        }
        if !p.email.is_empty() {
            self.by_email.entry(p.email.clone()).or_insert(i);
            if self.show_emails && self.people[i].email.is_none() {
                self.people[i].email = Some(p.email.clone());
            }
        }
        i
    }

    /// The names of one page's front matter, in order: each stands for a
    /// contributor, a group, or nothing (blank).
    pub(super) fn page_names<'n>(
        &mut self,
        names: impl IntoIterator<Item = &'n str>,
        page: PageId,
    ) -> Vec<Option<Credited>> {
        let names: Vec<String> = names.into_iter().map(normalize).collect();
        let pending: Vec<Pending> = names.iter().map(|n| self.first_pass(n, page)).collect();
        // Full names of the page by their first word: the people a lone
        // first name may stand for.
        let mut full: HashMap<String, Vec<usize>> = HashMap::new();
        for (p, name) in pending.iter().zip(&names) {
            if let Pending::Done(Some(Credited::Person(i))) = p {
                let mut w = name.split_whitespace();
                if let (Some(first), Some(_)) = (w.next(), w.next()) {
                    let list = full.entry(match_key(first)).or_default();
                    if !list.contains(i) {
                        list.push(*i);
                    }
                }
            }
        }
        pending
            .into_iter()
            .map(|p| match p {
                Pending::Done(c) => c,
                Pending::Lone(name) => Some(Credited::Person(
                    match full.get(&match_key(&name)).map(Vec::as_slice) {
                        Some(&[i]) => {
                            self.note(i, &name, Some(page), 1);
                            i
                        }
                        _ => self.name(&name, page),
                    },
                )),
            })
            .collect()
    }

    fn first_pass(&mut self, name: &str, page: PageId) -> Pending {
        let key = match_key(name);
        if !key.is_empty()
            && let Some(&g) = self.group_by_key.get(&key)
        {
            return Pending::Done(Some(Credited::Group(g)));
        }
        if self.declared_keys.contains(&key) {
            return Pending::Done(Some(Credited::Person(self.name(name, page))));
        }
        if self.group_words.is_group(name) {
            let gk = match words(name) {
                w if w.is_empty() => "?".to_string(),
                w => w.join(" "),
            };
            let g = match self.group_by_key.get(&gk) {
                Some(&g) => g,
                None => {
                    let g = self.add_group(name, false);
                    self.group_by_key.insert(gk, g);
                    g
                }
            };
            return Pending::Done(Some(Credited::Group(g)));
        }
        if key.is_empty() {
            return Pending::Done(None);
        }
        if name.split_whitespace().nth(1).is_none() {
            return Pending::Lone(name.to_string());
        }
        Pending::Done(Some(Credited::Person(self.name(name, page))))
    }

    /// A front-matter name, by its spelling.
    fn name(&mut self, name: &str, page: PageId) -> usize {
        let key = match_key(name);
        let i = match self.by_key.get(&key) {
            Some(&i) => i,
            None => {
                let i = self.add(name, false);
                self.by_key.insert(key, i);
                i
            }
        };
        self.note(i, name, Some(page), 1);
        i
    }

    /// The contributors, each undeclared one under its best spelling, and
    /// the groups.
    pub(super) fn finish(mut self) -> (Vec<Contributor>, Vec<Group>, Vec<Option<String>>) {
        for (c, t) in self.people.iter_mut().zip(&self.tally) {
            if !c.declared
                && let Some(best) =
                    crate::git::best_spelling(t.iter().map(|(s, n)| (s.as_str(), *n)))
            {
                c.name = best.to_string();
            }
        }
        (self.people, self.groups, self.group_structures)
    }
}
