//! People: the identities of the commits, resolved to [`Person`]s (one per
//! lower-cased email, or per name without one) and added up over the
//! changes. Excluded identities (bots) resolve to nobody. Used by
//! `builder.rs` once co-authors are mailmapped.

use rustc_hash::FxHashMap;

use super::identity::{Exclusions, Identity, identity_key, normalize_name};
use super::{Change, ChangeId, Person, PersonId};

/// Identities met so far, by key.
pub(super) struct People {
    exclude: Exclusions,
    list: Vec<Person>,
    by_key: FxHashMap<String, PersonId>,
    /// Identities as git printed them, already resolved.
    seen: FxHashMap<Identity, Option<PersonId>>,
}

impl People {
    pub(super) fn new(exclude: &[String]) -> People {
        People {
            exclude: Exclusions::new(exclude),
            list: Vec::new(),
            by_key: FxHashMap::default(),
            seen: FxHashMap::default(),
        }
    }

    /// The person for an identity, `None` if excluded or empty.
    pub(super) fn credit(&mut self, id: &Identity) -> Option<PersonId> {
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
        if self.exclude.matches(&name) || (!email.is_empty() && self.exclude.matches(&email)) {
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
    pub(super) fn finish(self, changes: &[Change]) -> Vec<Person> {
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

#[cfg(test)]
mod tests;
