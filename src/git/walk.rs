//! The path walk: follows each content file through renames, newest commit
//! first, as lineages joined by a union-find, then adds up the commits of
//! each current file into its [`FileHistory`]. Used by `builder.rs`; pure.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::log::FileChange;
use super::{Change, ChangeId, ChangeKind, Contribution, FileHistory, Person, PersonId};

/// Lineages of paths, as a union-find: renames seen late join lineages.
#[derive(Default)]
pub(super) struct Walk {
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
    pub(super) fn apply(
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

    pub(super) fn current_path(&mut self, n: u32) -> Option<&str> {
        let root = self.find(n) as usize;
        let node = &self.nodes[root];
        node.current.then_some(node.path.as_str())
    }

    /// One [`FileHistory`] per current lineage.
    pub(super) fn files(
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
