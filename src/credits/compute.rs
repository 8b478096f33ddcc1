//! [`compute`]: the credits of every page, person, group and structure, and
//! the recent changes, from the site, the history, the people file and
//! `[credits]`. Pure.

use std::collections::{BTreeMap, HashMap};

use super::resolve::{Credited, Resolver};
use super::{
    Contributor, Credits, Group, PageCredits, People, RecentChange, Role, RoleCredits, Source,
    Structure,
};
use crate::config::CreditsConfig;
use crate::frontmatter::PageKind;
use crate::git::History;
use crate::site::{PageId, Site};
use crate::text::{UniqueSlugs, match_key};

/// A digest of everything [`compute`] reads of `site`: each page's source,
/// kind and front matter names, in order. `serve` reuses its last credits
/// while this digest, the history, the people file and the configuration
/// stay the same (a title or text edit changes none of them).
pub fn site_digest(site: &Site) -> u128 {
    use std::hash::Hash;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for page in &site.pages {
        let f = &page.front;
        (&page.source, page.kind).hash(&mut h);
        (&f.authors, &f.facilitators, &f.scribes, &f.timekeepers).hash(&mut h);
        (&f.participants, &f.rotations).hash(&mut h);
    }
    h.digest128()
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
    let mut r = Resolver::new(people, config.show_emails);

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
        let f = &page.front;
        let rotations = &f.rotations;
        let mentions: Vec<(Role, &String)> = f
            .authors
            .iter()
            .map(|n| (Role::Writing, n))
            .chain(f.facilitators.iter().map(|n| (Role::Facilitation, n)))
            .chain(
                f.scribes
                    .iter()
                    .chain(rotations.iter().flat_map(|r| &r.scribes))
                    .map(|n| (Role::Notes, n)),
            )
            .chain(
                f.timekeepers
                    .iter()
                    .chain(rotations.iter().flat_map(|r| &r.timekeepers))
                    .map(|n| (Role::Timekeeping, n)),
            )
            .chain(
                f.participants
                    .iter()
                    .chain(rotations.iter().flat_map(|r| &r.participants))
                    .map(|n| (Role::Participation, n)),
            )
            .collect();
        let named = r.page_names(mentions.iter().map(|(_, n)| n.as_str()), id);

        let mut roles: BTreeMap<Role, Vec<Credited>> = BTreeMap::new();
        let mut push = |role: Role, c: Credited| {
            let list = roles.entry(role).or_default();
            if !list.contains(&c) {
                list.push(c);
            }
        };
        let mut names_authors = false;
        for (&(role, _), c) in mentions.iter().zip(&named) {
            if let (Role::Writing, Some(c)) = (role, c) {
                push(role, *c);
                names_authors = true;
            }
        }
        let mut credits = PageCredits::default();
        if let Some(h) = history {
            if let Some(fh) = h.file(&page.source) {
                for c in &fh.contributors {
                    let role = match (c.created && !shallow, page.kind) {
                        (true, PageKind::Minutes) => Role::Publishing,
                        (true, _) if !names_authors => Role::Writing,
                        _ => Role::Changes,
                    };
                    push(role, Credited::Person(git_people[c.person.0 as usize]));
                }
                credits.updated = Some(h.change(fh.updated).date.clone());
                credits.commits = fh.commits;
            }
            credits.uncommitted = h.uncommitted.get(&page.source).copied();
        }
        for (&(role, _), c) in mentions.iter().zip(&named) {
            if let (true, Some(c)) = (role != Role::Writing, c) {
                push(role, *c);
            }
        }
        // Written it and changed it or put it online: rédaction says it all.
        if let Some(w) = roles.get(&Role::Writing).cloned() {
            for role in [Role::Changes, Role::Publishing] {
                if let Some(list) = roles.get_mut(&role) {
                    list.retain(|c| !w.contains(c));
                }
            }
        }
        credits.roles = roles
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(role, list)| RoleCredits {
                role,
                people: list
                    .iter()
                    .filter_map(|c| match c {
                        Credited::Person(i) => Some(*i),
                        Credited::Group(_) => None,
                    })
                    .collect(),
                groups: list
                    .iter()
                    .filter_map(|c| match c {
                        Credited::Group(g) => Some(*g),
                        Credited::Person(_) => None,
                    })
                    .collect(),
            })
            .collect();
        pages.push(credits);
    }

    let (mut all, mut groups, group_structures) = r.finish();
    for (id, pc) in pages.iter().enumerate() {
        for rc in &pc.roles {
            for &i in &rc.people {
                all[i].roles[rc.role.slot()].push(id);
            }
            for &g in &rc.groups {
                groups[g].roles[rc.role.slot()].push(id);
            }
        }
    }

    // Keep only people credited somewhere (a declared person with no
    // contribution has no page), sorted by name.
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
        .map(|&i| std::mem::replace(&mut all[i], Contributor::new("", false)))
        .collect();
    // Slugs: the people file's ids first, then names; unique.
    let mut taken = UniqueSlugs::new(2);
    for c in list.iter().filter(|c| !c.slug.is_empty()) {
        taken.reserve(&c.slug);
    }
    for c in list.iter_mut().filter(|c| c.slug.is_empty()) {
        c.slug = taken.make(&c.name, "personne");
    }
    for pc in &mut pages {
        for rc in &mut pc.roles {
            for i in &mut rc.people {
                *i = new_index[*i];
            }
            rc.people.retain(|&i| i != usize::MAX);
        }
    }

    let structures = structures(people, &mut list, &mut groups, &group_structures);
    let recent = history
        .map(|h| recent_changes(site, h, &git_people, &new_index, config.feed_entries))
        .unwrap_or_default();
    Credits {
        people: list,
        groups,
        structures,
        pages,
        recent,
        source: match history {
            Some(h) => Source::Git { shallow: h.shallow },
            None => Source::FrontMatter,
        },
    }
}

/// The structures of the people file, with their credited people and
/// groups (each given its structure), sorted by name.
fn structures(
    people: &People,
    list: &mut [Contributor],
    groups: &mut [Group],
    group_structures: &[Option<String>],
) -> Vec<Structure> {
    let mut structures: Vec<Structure> = vec![];
    let mut by_name: HashMap<String, usize> = HashMap::new();
    let mut structure_of = |s: &str| {
        *by_name.entry(match_key(s)).or_insert_with(|| {
            structures.push(Structure {
                name: s.to_string(),
                slug: String::new(),
                members: vec![],
                groups: vec![],
                roles: [0; Role::COUNT],
                pages: 0,
                commits: 0,
            });
            structures.len() - 1
        })
    };
    let declared_structure: HashMap<&str, &str> = people
        .entries
        .iter()
        .filter_map(|e| e.structure.as_deref().map(|s| (e.id.as_str(), s)))
        .collect();
    let mut members: Vec<(usize, usize)> = vec![];
    for (ci, c) in list.iter_mut().enumerate() {
        let Some(s) = c
            .declared
            .then(|| declared_structure.get(c.slug.as_str()))
            .flatten()
        else {
            continue;
        };
        let si = structure_of(s);
        c.structure = Some(si);
        members.push((si, ci));
    }
    let mut group_members: Vec<(usize, usize)> = vec![];
    for (gi, g) in groups.iter_mut().enumerate() {
        if let Some(s) = &group_structures[gi]
            && g.roles.iter().any(|v| !v.is_empty())
        {
            let si = structure_of(s);
            g.structure = Some(si);
            group_members.push((si, gi));
        }
    }
    for (si, ci) in members {
        structures[si].members.push(ci);
        structures[si].commits += list[ci].commits;
    }
    for (si, gi) in group_members {
        structures[si].groups.push(gi);
    }
    for s in &mut structures {
        let mut all_pages: Vec<PageId> = vec![];
        for (slot, count) in s.roles.iter_mut().enumerate() {
            let mut p: Vec<PageId> = s
                .members
                .iter()
                .flat_map(|&m| list[m].roles[slot].iter().copied())
                .chain(
                    s.groups
                        .iter()
                        .flat_map(|&g| groups[g].roles[slot].iter().copied()),
                )
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
    for c in list.iter_mut() {
        c.structure = c.structure.map(|s| renum[s]);
    }
    for g in groups.iter_mut() {
        g.structure = g.structure.map(|s| renum[s]);
    }
    let mut structures: Vec<Structure> = order.iter().map(|&i| structures[i].clone()).collect();
    let mut slugs = UniqueSlugs::new(2);
    for s in &mut structures {
        s.slug = slugs.make(&s.name, "structure");
    }
    structures
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
