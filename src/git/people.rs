//! People: the identities of the commits, resolved to [`Person`]s (one per
//! lower-cased email, or per name without one) and added up over the
//! changes. Excluded identities (bots) resolve to nobody, before any
//! grouping by email. Each person is shown under their best spelling,
//! counted by commits (`identity::best_spelling`). Used by `builder.rs`
//! once co-authors are mailmapped.

use rustc_hash::FxHashMap;

use super::HistoryOptions;
use super::bots::is_bot;
use super::identity::{Exclusions, Identity, best_spelling, identity_key, normalize_name};
use super::{Change, ChangeId, Person, PersonId};

/// Identities met so far, by key.
pub(super) struct People {
    exclude: Exclusions,
    not_bots: Exclusions,
    list: Vec<Person>,
    /// Per person, commits per spelling (indexed like `Person::spellings`).
    uses: Vec<Vec<u32>>,
    by_key: FxHashMap<String, PersonId>,
    /// Identities as git printed them, already resolved: the person and
    /// the index of the spelling.
    seen: FxHashMap<Identity, Option<(PersonId, usize)>>,
}

impl People {
    pub(super) fn new(opts: &HistoryOptions) -> People {
        People {
            exclude: Exclusions::new(&opts.exclude),
            not_bots: Exclusions::new(&opts.not_bots),
            list: Vec::new(),
            uses: Vec::new(),
            by_key: FxHashMap::default(),
            seen: FxHashMap::default(),
        }
    }

    /// The person for an identity, `None` if excluded or empty.
    pub(super) fn credit(&mut self, id: &Identity) -> Option<PersonId> {
        if let Some(&known) = self.seen.get(id) {
            return known.map(|(pid, _)| pid);
        }
        let found = self.resolve(id);
        self.seen.insert(id.clone(), found);
        found.map(|(pid, _)| pid)
    }

    /// Counts one commit credited to `id` (already [`credit`](Self::credit)ed)
    /// for its spelling.
    pub(super) fn used(&mut self, id: &Identity) {
        if let Some(&Some((pid, s))) = self.seen.get(id) {
            self.uses[pid.0 as usize][s] += 1;
        }
    }

    fn resolve(&mut self, id: &Identity) -> Option<(PersonId, usize)> {
        let name = normalize_name(&id.name);
        let email = id.email.trim().to_lowercase();
        let matches =
            |set: &Exclusions| set.matches(&name) || (!email.is_empty() && set.matches(&email));
        if matches(&self.exclude) || (is_bot(&name, &email) && !matches(&self.not_bots)) {
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
            let s = match p.spellings.iter().position(|s| *s == name) {
                Some(s) => s,
                None => {
                    p.spellings.push(name);
                    self.uses[pid.0 as usize].push(0);
                    p.spellings.len() - 1
                }
            };
            return Some((pid, s));
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
        self.uses.push(vec![0]);
        self.by_key.insert(key, pid);
        Some((pid, 0))
    }

    /// Totals over every change (newest first), and each person's name.
    pub(super) fn finish(self, changes: &[Change]) -> Vec<Person> {
        let mut list = self.list;
        for (p, uses) in list.iter_mut().zip(&self.uses) {
            let spellings = p
                .spellings
                .iter()
                .map(String::as_str)
                .zip(uses.iter().copied());
            if let Some(best) = best_spelling(spellings) {
                p.name = best.to_owned();
            }
        }
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

#[cfg(test)]
mod tests;
