//! A stakeholder map's render (`page.stakeholders`): the matrix drawn by
//! `stakeholders::svg`, and the rows of its table, each actor linked to its
//! page in the playbook when it has one (a person of the credits, a
//! structure of the people file, or a page with its name); and the maps an
//! actor appears on, for the structure and person pages. Pure.

use serde::Serialize;

use super::RenderEnv;
use super::views::LinkView;
use crate::site::PageId;
use crate::stakeholders::{Actor, Map};
use crate::text::match_key;

/// `page.stakeholders`.
#[derive(Serialize)]
pub(super) struct StakeholdersView {
    /// The figure: the SVG matrix and its legend (HTML).
    figure: String,
    /// The table's rows: the most decisive actors first.
    rows: Vec<ActorRow>,
    /// Some actor says what it brings (the table gets that column).
    with_brings: bool,
    /// Some actor has links (the table gets that column).
    with_relations: bool,
}

/// A name, linked when the playbook has a page for it.
#[derive(Serialize)]
struct Named {
    title: String,
    href: Option<String>,
}

/// A relation of an actor, in the table.
#[derive(Serialize)]
struct RelationView {
    to: String,
    label: String,
}

/// One row of the table.
#[derive(Serialize)]
struct ActorRow {
    name: Named,
    structure: Option<Named>,
    kind: &'static str,
    kind_id: crate::stakeholders::Kind,
    influence: u8,
    interest: u8,
    attitude: &'static str,
    attitude_id: &'static str,
    strategy: &'static str,
    brings: Option<String>,
    relations: Vec<RelationView>,
}

/// Where a name leads in the playbook.
enum Found {
    Person(usize),
    Structure(usize),
    Page(PageId),
}

impl RenderEnv<'_> {
    /// `page.stakeholders` of page `id`, `None` unless it is a map.
    pub(super) fn stakeholders_view(&self, id: PageId) -> Option<StakeholdersView> {
        let page = &self.site.pages[id];
        let map: &Map = page.stakeholders.as_deref()?;
        let from = page.url.as_str();
        let mut order: Vec<usize> = (0..map.actors.len()).collect();
        order.sort_by_key(|&i| {
            let a = &map.actors[i];
            (
                a.strategy(),
                std::cmp::Reverse(a.influence),
                std::cmp::Reverse(a.interest),
                i,
            )
        });
        let rows = order
            .into_iter()
            .map(|i| {
                let a = &map.actors[i];
                ActorRow {
                    name: self.named(from, id, &a.name),
                    structure: a.structure.as_deref().map(|s| self.named(from, id, s)),
                    kind: self.strings[a.kind.key()],
                    kind_id: a.kind,
                    influence: a.influence,
                    interest: a.interest,
                    attitude: self.strings[a.attitude.key()],
                    attitude_id: a.attitude.id(),
                    strategy: self.strings[a.strategy().key()],
                    brings: a.brings.clone(),
                    relations: a
                        .links
                        .iter()
                        .map(|l| RelationView {
                            to: map.actors[l.to].name.clone(),
                            label: l.label.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        Some(StakeholdersView {
            figure: crate::stakeholders::svg::figure(map, &self.strings),
            rows,
            with_brings: map.actors.iter().any(|a| a.brings.is_some()),
            with_relations: map.actors.iter().any(|a| !a.links.is_empty()),
        })
    }

    /// `name`, linked to its page, seen from `from` (the map `map`).
    fn named(&self, from: &str, map: PageId, name: &str) -> Named {
        let href = self.find(map, name).map(|f| match f {
            Found::Person(i) => self.href(from, &super::person_url(self.credits, i)),
            Found::Structure(s) => format!(
                "{}#{}",
                self.href(from, crate::reserved::STRUCTURES_URL),
                self.credits.structures[s].slug
            ),
            Found::Page(p) => self.href(from, &self.site.pages[p].url),
        });
        Named {
            title: name.to_string(),
            href,
        }
    }

    /// What `name` is in the playbook: a person (by name or any spelling
    /// met), a structure, or another page (by title or alias).
    fn find(&self, map: PageId, name: &str) -> Option<Found> {
        let key = match_key(name);
        if key.is_empty() {
            return None;
        }
        if let Some(i) = self.credits.people.iter().position(|c| {
            match_key(&c.name) == key || c.spellings.iter().any(|s| match_key(&s.text) == key)
        }) {
            return Some(Found::Person(i));
        }
        if let Some(s) = self
            .credits
            .structures
            .iter()
            .position(|s| match_key(&s.name) == key)
        {
            return Some(Found::Structure(s));
        }
        self.site
            .pages
            .iter()
            .position(|p| p.keys.title == key || p.keys.aliases.contains(&key))
            .filter(|&p| p != map)
            .map(Found::Page)
    }

    /// The maps on which an actor satisfies `is`, as links seen from `from`.
    fn maps_where(&self, from: &str, is: impl Fn(&Actor) -> bool) -> Vec<LinkView> {
        self.site
            .pages
            .iter()
            .filter(|p| {
                p.stakeholders
                    .as_deref()
                    .is_some_and(|m| m.actors.iter().any(&is))
            })
            .map(|p| LinkView {
                title: p.title.clone(),
                href: self.href(from, &p.url),
            })
            .collect()
    }

    /// The maps structure `s` is on: as an actor, or as an actor's structure.
    pub(super) fn maps_of_structure(&self, from: &str, s: usize) -> Vec<LinkView> {
        let key = match_key(&self.credits.structures[s].name);
        self.maps_where(from, |a| {
            match_key(&a.name) == key || a.structure.as_deref().map(match_key) == Some(key.clone())
        })
    }

    /// The maps person `i` is on, as an actor.
    pub(super) fn maps_of_person(&self, from: &str, i: usize) -> Vec<LinkView> {
        let c = &self.credits.people[i];
        let mut keys: Vec<String> = c.spellings.iter().map(|s| match_key(&s.text)).collect();
        keys.push(match_key(&c.name));
        self.maps_where(from, |a| keys.contains(&match_key(&a.name)))
    }
}
