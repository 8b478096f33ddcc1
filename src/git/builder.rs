//! Building the history: [`HistoryBuilder`] takes the [`Commit`]s of
//! `log.rs` one at a time, follows each file through renames (`walk.rs`),
//! then credits people (`people.rs`) and orders the changes into a
//! [`History`]. The last stage of the git module; pure.

use std::cmp::Reverse;
use std::collections::{BTreeMap, HashMap};

use super::identity::Identity;
use super::log::Commit;
use super::people::People;
use super::walk::Walk;
use super::{Change, ChangedFile, History, HistoryOptions};

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
        let mut people = People::new(opts);
        for ((change, (author, coauthors)), nodes) in changes.iter_mut().zip(idents).zip(&nodes_of)
        {
            change.author = people.credit(&author);
            if change.author.is_some() {
                people.used(&author);
            }
            for co in &coauthors {
                let co = mailmap.get(co).unwrap_or(co);
                if let Some(id) = people.credit(co)
                    && Some(id) != change.author
                    && !change.coauthors.contains(&id)
                {
                    change.coauthors.push(id);
                    people.used(co);
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

#[cfg(test)]
mod tests;
