//! Rendering of the credits: the block on each page, the person pages, the
//! "Contributeurs" index, the "Structures" page and "Dernières
//! modifications" (whose feed is `atom.rs`). Pure, like the rest of the
//! render stage. Collective and anonymous mentions (`credits::Group`) are
//! text beside the people's links: they have no page.
//!
//! No email reaches the output unless `[credits] show_emails` is on, and
//! then only on person pages.

use serde::Serialize;

use super::RenderEnv;
use super::views::LinkView;
use crate::credits::{Credits, Role, Source};
use crate::date::{Date, DateView};
use crate::frontmatter::PageKind;
use crate::git::Uncommitted;
use crate::site::PageId;

/// `personnes/<slug>/`.
pub fn person_url(credits: &Credits, i: usize) -> String {
    format!("{}{}/", crate::reserved::PEOPLE_URL, credits.people[i].slug)
}

#[derive(Serialize)]
pub(super) struct RoleView {
    id: &'static str,
    label: &'static str,
    people: Vec<LinkView>,
    /// Collective and anonymous mentions (`Tout le groupe`), shown as text
    /// after the people.
    groups: Vec<String>,
}

/// `page.credits`.
#[derive(Serialize)]
pub(super) struct PageCreditsView {
    roles: Vec<RoleView>,
    /// Commits that changed the file (0 outside git).
    commits: u32,
    /// `"new"` (never committed), `"modified"` (changes not committed) or null.
    uncommitted: Option<&'static str>,
}

#[derive(Serialize)]
struct PersonView<'a> {
    name: &'a str,
    href: String,
    structure: Option<LinkView>,
    email: Option<&'a str>,
    pages: usize,
    commits: u32,
    coauthored: u32,
    last_change: Option<DateView>,
    /// Pages per role, roles in order (empty roles included, count 0).
    roles: Vec<RoleCount>,
}

#[derive(Serialize)]
struct RoleCount {
    id: &'static str,
    label: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct PageLink<'a> {
    title: &'a str,
    href: String,
    kind: PageKind,
}

#[derive(Serialize)]
struct RolePages<'a> {
    id: &'static str,
    label: &'static str,
    pages: Vec<PageLink<'a>>,
}

#[derive(Serialize)]
struct StructureView<'a> {
    name: &'a str,
    id: &'a str,
    members: Vec<LinkView>,
    /// Its collective mentions (`Une personne de la mairie de
    /// Saint-Ouen`), as text.
    groups: Vec<&'a str>,
    pages: usize,
    commits: u32,
    roles: Vec<RoleCount>,
    /// The stakeholder maps it is on.
    maps: Vec<LinkView>,
}

#[derive(Serialize)]
struct ChangeView<'a> {
    date: Option<DateView>,
    datetime: &'a str,
    subject: &'a str,
    hash: &'a str,
    people: Vec<LinkView>,
    pages: Vec<LinkView>,
    other_files: usize,
}

impl RenderEnv<'_> {
    pub(super) fn person_link(&self, from: &str, i: usize) -> LinkView {
        LinkView {
            title: self.credits.people[i].name.clone(),
            href: self.href(from, &person_url(self.credits, i)),
        }
    }

    fn structure_link(&self, from: &str, s: usize) -> LinkView {
        let st = &self.credits.structures[s];
        LinkView {
            title: st.name.clone(),
            href: format!(
                "{}#{}",
                self.href(from, crate::reserved::STRUCTURES_URL),
                st.slug
            ),
        }
    }

    fn role_label(&self, r: Role) -> &'static str {
        self.strings.get(r.key()).copied().unwrap_or("")
    }

    /// The credits block of page `id`, `None` when nobody is credited.
    pub(super) fn page_credits(&self, id: PageId) -> Option<PageCreditsView> {
        let pc = self.credits.pages.get(id)?;
        let from = &self.site.pages[id].url;
        if pc.roles.is_empty() && pc.uncommitted.is_none() {
            return None;
        }
        Some(PageCreditsView {
            roles: pc
                .roles
                .iter()
                .map(|rc| RoleView {
                    id: rc.role.id(),
                    label: self.role_label(rc.role),
                    people: rc
                        .people
                        .iter()
                        .map(|&i| self.person_link(from, i))
                        .collect(),
                    groups: rc
                        .groups
                        .iter()
                        .map(|&g| self.credits.groups[g].name.clone())
                        .collect(),
                })
                .collect(),
            commits: pc.commits,
            uncommitted: pc.uncommitted.map(|u| match u {
                Uncommitted::New => "new",
                Uncommitted::Modified => "modified",
            }),
        })
    }

    /// The date of the page's last commit, for "Mis à jour le".
    pub(super) fn git_updated(&self, id: PageId) -> Option<Date> {
        self.credits
            .pages
            .get(id)?
            .updated
            .as_deref()
            .and_then(Date::parse)
    }

    fn role_counts(&self, counts: impl Fn(usize) -> usize) -> Vec<RoleCount> {
        Role::ALL
            .iter()
            .enumerate()
            .map(|(slot, &r)| RoleCount {
                id: r.id(),
                label: self.role_label(r),
                count: counts(slot),
            })
            .collect()
    }

    fn person_view(&self, from: &str, i: usize) -> PersonView<'_> {
        let c = &self.credits.people[i];
        let lang = self.site.config.language.as_str();
        PersonView {
            name: &c.name,
            href: self.href(from, &person_url(self.credits, i)),
            structure: c.structure.map(|s| self.structure_link(from, s)),
            email: c.email.as_deref(),
            pages: c.page_count(),
            commits: c.commits,
            coauthored: c.coauthored,
            last_change: c
                .last_change
                .as_deref()
                .and_then(Date::parse)
                .map(|d| d.view(lang)),
            roles: self.role_counts(|slot| c.roles[slot].len()),
        }
    }

    /// `listing` of a person page.
    pub(super) fn person_listing(&self, from: &str, i: usize) -> serde_json::Value {
        let c = &self.credits.people[i];
        let roles: Vec<RolePages<'_>> = Role::ALL
            .iter()
            .enumerate()
            .filter(|(slot, _)| !c.roles[*slot].is_empty())
            .map(|(slot, &r)| RolePages {
                id: r.id(),
                label: self.role_label(r),
                pages: c.roles[slot]
                    .iter()
                    .map(|&p| {
                        let page = &self.site.pages[p];
                        PageLink {
                            title: &page.title,
                            href: self.href(from, &page.url),
                            kind: page.kind,
                        }
                    })
                    .collect(),
            })
            .collect();
        serde_json::json!({
            "person": self.person_view(from, i),
            "roles": roles,
            "maps": self.maps_of_person(from, i),
            "contributors_href": self.href(from, crate::reserved::CONTRIBUTORS_URL),
            // f-actions
            "actions": self.person_actions(from, i),
            "actions_href": (!self.actions.items.is_empty())
                .then(|| self.href(from, crate::reserved::ACTIONS_URL)),
        })
    }

    /// `listing` of the contributors index.
    pub(super) fn contributors_listing(&self, from: &str) -> serde_json::Value {
        let people: Vec<PersonView<'_>> = (0..self.credits.people.len())
            .map(|i| self.person_view(from, i))
            .collect();
        let commits: u32 = self.credits.people.iter().map(|c| c.commits).sum();
        serde_json::json!({
            "people": people,
            "structures": self.credits.structures.len(),
            "structures_href": self.href(from, crate::reserved::STRUCTURES_URL),
            "with_git": self.credits.source != Source::FrontMatter,
            "commits": commits,
        })
    }

    /// `listing` of the structures page.
    pub(super) fn structures_listing(&self, from: &str) -> serde_json::Value {
        let structures: Vec<StructureView<'_>> = self
            .credits
            .structures
            .iter()
            .enumerate()
            .map(|(si, s)| StructureView {
                name: &s.name,
                id: &s.slug,
                members: s
                    .members
                    .iter()
                    .map(|&m| self.person_link(from, m))
                    .collect(),
                groups: s
                    .groups
                    .iter()
                    .map(|&g| self.credits.groups[g].name.as_str())
                    .collect(),
                pages: s.pages,
                commits: s.commits,
                roles: self.role_counts(|slot| s.roles[slot]),
                maps: self.maps_of_structure(from, si),
            })
            .collect();
        let unaffiliated = self
            .credits
            .people
            .iter()
            .filter(|c| c.structure.is_none())
            .count();
        serde_json::json!({
            "structures": structures,
            "unaffiliated": unaffiliated,
            "contributors_href": self.href(from, crate::reserved::CONTRIBUTORS_URL),
            "with_git": self.credits.source != Source::FrontMatter,
        })
    }

    /// `listing` of the recent changes page.
    pub(super) fn recent_listing(&self, from: &str) -> serde_json::Value {
        let lang = self.site.config.language.as_str();
        let changes: Vec<ChangeView<'_>> = self
            .credits
            .recent
            .iter()
            .map(|c| ChangeView {
                date: Date::parse(&c.date).map(|d| d.view(lang)),
                datetime: &c.date,
                subject: &c.subject,
                hash: c.hash.get(..7).unwrap_or(&c.hash),
                people: c
                    .people
                    .iter()
                    .map(|&i| self.person_link(from, i))
                    .collect(),
                pages: c
                    .pages
                    .iter()
                    .map(|&p| LinkView {
                        title: self.site.pages[p].title.clone(),
                        href: self.href(from, &self.site.pages[p].url),
                    })
                    .collect(),
                other_files: c.other_files,
            })
            .collect();
        serde_json::json!({
            "changes": changes,
            "feed_href": super::relative(from, crate::reserved::FEED_FILE),
        })
    }
}
