//! Pages playbook generates from the whole site: the 404 page, the tag index
//! and one page per tag, the pages to create, the typology overview.

use std::collections::BTreeMap;

use serde::Serialize;

use super::RenderEnv;
use super::fingerprint::TitleEdit;
use super::page::count_pages;
use super::views::{BacklinkView, LinkView, PageContext, PageView, SubsectionView};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::PageKind;
use crate::site::PageId;
use crate::text::escape_html;
use crate::wiki::{self, typology_axes};

/// A generated page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generated {
    NotFound,
    TagIndex,
    Tag(usize),
    PagesToCreate,
    TypologyOverview,
    Weather,
    /// A contributor's page (index into `Credits::people`).
    Person(usize),
    Contributors,
    Structures,
    RecentChanges,
    /// The search results page (`recherche/?q=…`), filled by `search.js`.
    Search,
    /// f-actions: "Prochains pas", every action of the site.
    Actions,
    // f-print
    /// A section's printable document (index into `print::documents`).
    Print(usize),
}

/// The `listing` of a generated page's template: most are built as JSON;
/// a printable document (every page of a section, in full) goes straight
/// from its fields into the template's values, copied once.
#[derive(Serialize)]
#[serde(untagged)]
pub(super) enum Listing<'a> {
    Value(serde_json::Value),
    Print(Box<super::print::PrintListing<'a>>),
}

static NO_EXTRA: BTreeMap<String, serde_json::Value> = BTreeMap::new();

#[derive(Serialize)]
struct TagEntry<'a> {
    name: &'a str,
    href: String,
    count: usize,
}

#[derive(Serialize)]
struct PageEntry<'a> {
    title: &'a str,
    href: String,
    description: Option<&'a str>,
    kind: PageKind,
}

#[derive(Serialize)]
struct MissingEntry<'a> {
    title: &'a str,
    id: &'a str,
    count: usize,
    links: usize,
    askers: Vec<LinkView>,
}

#[derive(Serialize)]
struct TypologyEntry<'a> {
    title: &'a str,
    href: String,
    cited_by: Vec<BacklinkView<'a>>,
}

#[derive(Serialize)]
struct AxisRow<'a> {
    name: &'a str,
    /// One cell per entry of `levels`.
    cells: Vec<Vec<TypologyEntry<'a>>>,
}

impl Generated {
    /// Every generated page of this site.
    pub fn all(env: &RenderEnv<'_>) -> Vec<Generated> {
        let mut all = vec![Generated::NotFound, Generated::PagesToCreate];
        if env.site.config.wiki.tags {
            all.push(Generated::TagIndex);
            all.extend((0..env.wiki.tags.len()).map(Generated::Tag));
        }
        if env
            .site
            .pages
            .iter()
            .any(|p| p.kind == PageKind::Typology && !p.is_index)
        {
            all.push(Generated::TypologyOverview);
        }
        if !wiki::weather_points(env.site).is_empty() {
            all.push(Generated::Weather);
        }
        let credits = env.credits;
        if !credits.people.is_empty() {
            all.push(Generated::Contributors);
            all.extend((0..credits.people.len()).map(Generated::Person));
        }
        if !credits.structures.is_empty() {
            all.push(Generated::Structures);
        }
        if !credits.recent.is_empty() {
            all.push(Generated::RecentChanges);
        }
        if env.site.config.search.enabled {
            all.push(Generated::Search);
        }
        // f-actions
        if !env.actions.items.is_empty() {
            all.push(Generated::Actions);
        }
        // f-print
        all.extend((0..env.print_docs.len()).map(Generated::Print));
        all
    }

    /// The output file, relative to the site root.
    pub fn file(&self, env: &RenderEnv<'_>) -> String {
        match self {
            Generated::NotFound => "404.html".to_string(),
            _ => format!("{}index.html", self.url(env)),
        }
    }

    fn url(&self, env: &RenderEnv<'_>) -> String {
        match self {
            Generated::NotFound => String::new(),
            Generated::TagIndex => crate::reserved::TAGS_URL.to_string(),
            Generated::Tag(t) => {
                format!("{}{}/", crate::reserved::TAGS_URL, env.wiki.tags[*t].slug)
            }
            Generated::PagesToCreate => crate::reserved::MISSING_URL.to_string(),
            Generated::TypologyOverview => crate::reserved::TYPOLOGIES_URL.to_string(),
            Generated::Weather => crate::reserved::WEATHER_URL.to_string(),
            Generated::Person(i) => super::person_url(env.credits, *i),
            Generated::Contributors => crate::reserved::CONTRIBUTORS_URL.to_string(),
            Generated::Structures => crate::reserved::STRUCTURES_URL.to_string(),
            Generated::RecentChanges => crate::reserved::RECENT_URL.to_string(),
            Generated::Search => crate::reserved::SEARCH_URL.to_string(),
            Generated::Actions => crate::reserved::ACTIONS_URL.to_string(),
            Generated::Print(d) => env
                .print_docs
                .get(*d)
                .map_or_else(String::new, |doc| doc.url.clone()),
        }
    }
}

impl RenderEnv<'_> {
    /// A page view with no content of its own.
    fn blank_view<'a>(
        title: &'a str,
        url: &'a str,
        kind: &'static str,
        content: String,
    ) -> PageView<'a> {
        PageView {
            title,
            url,
            description: None,
            kind,
            content,
            date: None,
            updated: None,
            authors: &[],
            tags: vec![],
            toc: vec![],
            extra: &NO_EXTRA,
            minutes: None,
            guide: None,
            typology: None,
            children: vec![],
            subsections: vec![],
            overviews: vec![],
            backlinks: vec![],
            see_also: vec![],
            edit_url: None,
            history_url: None,
            credits: None,
            stakeholders: None,
            actions: vec![],
            print_href: None,
            diagrams: false,
        }
    }

    fn entry(&self, from: &str, p: PageId) -> PageEntry<'_> {
        let page = &self.site.pages[p];
        PageEntry {
            title: &page.title,
            href: self.href(from, &page.url),
            description: page.front.description.as_deref(),
            kind: page.kind,
        }
    }

    /// Whether generated page `g` reads nothing that the title path's `edit`
    /// changed (see `TitleEdit`), and so keeps its last bytes. Only the
    /// kinds listed below can say so; any other is fingerprinted.
    pub fn shows_none_of(&self, g: Generated, edit: &TitleEdit) -> bool {
        let edited = |p: &PageId| edit.edited.contains(p);
        match g {
            // Title, address and description of each page tagged so.
            Generated::Tag(t) => !self.wiki.tags[t].pages.iter().any(edited),
            // Title and address of each page credited to that person.
            Generated::Person(i) => !self.credits.people[i].roles.iter().flatten().any(edited),
            // The pages asking for each page to create.
            Generated::PagesToCreate => {
                !edit.missing_changed
                    && !self.wiki.missing.iter().flat_map(|m| &m.askers).any(edited)
            }
            // Each typology page (its title) with the pages citing it (their
            // titles and the sentences around their links).
            Generated::TypologyOverview => !self.site.pages.iter().enumerate().any(|(id, p)| {
                p.kind == PageKind::Typology
                    && (edited(&id)
                        || edit.backlinks_changed.contains(&id)
                        || self.links.backlinks[id].iter().any(|(b, _)| edited(b)))
            }),
            // Each page of the document in full, as its own page shows it.
            Generated::Print(d) => self.print_docs.get(d).is_some_and(|doc| {
                !doc.intro
                    .iter()
                    .chain(&doc.pages)
                    .any(|p| edit.dirty.contains(p))
            }),
            Generated::NotFound
            | Generated::TagIndex
            | Generated::Weather
            | Generated::Contributors
            | Generated::Structures
            | Generated::RecentChanges
            | Generated::Search
            | Generated::Actions => false,
        }
    }

    /// Renders a generated page.
    pub fn render_generated(&self, g: Generated) -> Result<Vec<u8>, Diagnostic> {
        self.with_generated_inputs(g, |template, ctx, listing, file| {
            let mut context = tera::Context::from_serialize(ctx)
                .map_err(|e| crate::theme::template_error(std::path::Path::new(template), &e))?;
            context.insert("listing", listing);
            self.render_context(template, context, None, std::path::Path::new(file))
        })
    }

    /// Calls `f` with everything the template of a generated page receives:
    /// template name, context, `listing`, and the output file. The render
    /// and its fingerprint (`fingerprint.rs`) both start from here.
    pub(super) fn with_generated_inputs<R>(
        &self,
        g: Generated,
        f: impl FnOnce(&str, &PageContext<'_>, &Listing<'_>, &str) -> R,
    ) -> R {
        let url = g.url(self);
        let from = url.as_str();
        let mut diagrams = false;
        let (title, kind, template, listing): (&str, &'static str, &'static str, Listing<'_>) =
            match g {
                Generated::NotFound => (
                    self.strings["not_found_title"],
                    "404",
                    "404.html",
                    Listing::Value(serde_json::Value::Null),
                ),
                Generated::TagIndex => {
                    let tags: Vec<TagEntry<'_>> = self
                        .wiki
                        .tags
                        .iter()
                        .map(|t| TagEntry {
                            name: &t.name,
                            href: self
                                .href(from, &format!("{}{}/", crate::reserved::TAGS_URL, t.slug)),
                            count: t.pages.len(),
                        })
                        .collect();
                    (
                        self.strings["tags"],
                        "tags",
                        "tags.html",
                        Listing::Value(serde_json::json!({ "tags": tags })),
                    )
                }
                Generated::Tag(t) => {
                    let tag = &self.wiki.tags[t];
                    let pages: Vec<PageEntry<'_>> =
                        tag.pages.iter().map(|&p| self.entry(from, p)).collect();
                    let index = self.href(from, crate::reserved::TAGS_URL);
                    (
                        &tag.name,
                        "tag",
                        "tag.html",
                        Listing::Value(serde_json::json!({ "pages": pages, "index_href": index })),
                    )
                }
                Generated::PagesToCreate => {
                    let missing: Vec<MissingEntry<'_>> = self
                        .wiki
                        .missing
                        .iter()
                        .map(|m| MissingEntry {
                            title: &m.title,
                            id: &m.slug,
                            count: m.askers.len(),
                            links: m.links,
                            askers: m
                                .askers
                                .iter()
                                .map(|&p| LinkView {
                                    title: self.site.pages[p].title.clone(),
                                    href: self.href(from, &self.site.pages[p].url),
                                })
                                .collect(),
                        })
                        .collect();
                    (
                        self.strings["pages_to_create"],
                        "pages-to-create",
                        "pages_to_create.html",
                        Listing::Value(serde_json::json!({ "missing": missing })),
                    )
                }
                Generated::Person(i) => (
                    self.credits.people[i].name.as_str(),
                    "person",
                    "person.html",
                    Listing::Value(self.person_listing(from, i)),
                ),
                Generated::Contributors => (
                    self.strings["contributors"],
                    "contributors",
                    "contributors.html",
                    Listing::Value(self.contributors_listing(from)),
                ),
                Generated::Structures => (
                    self.strings["structures"],
                    "structures",
                    "structures.html",
                    Listing::Value(self.structures_listing(from)),
                ),
                Generated::RecentChanges => (
                    self.strings["recent_changes"],
                    "recent-changes",
                    "recent_changes.html",
                    Listing::Value(self.recent_listing(from)),
                ),
                Generated::Weather => (
                    self.strings["weather"],
                    "weather",
                    "weather.html",
                    Listing::Value(serde_json::Value::Null),
                ),
                Generated::Search => (
                    self.strings["search_title"],
                    "search",
                    "search.html",
                    Listing::Value(serde_json::Value::Null),
                ),
                Generated::Actions => (
                    self.strings["actions_title"],
                    "actions",
                    "actions.html",
                    Listing::Value(self.actions_listing(from)),
                ),
                Generated::Print(d) => {
                    let (title, listing) = match self.print_docs.get(d) {
                        Some(doc) => {
                            let (title, listing) = self.print_listing(doc);
                            diagrams = listing.draws();
                            (title, Listing::Print(Box::new(listing)))
                        }
                        None => ("", Listing::Value(serde_json::Value::Null)),
                    };
                    (title, "print", "print.html", listing)
                }
                Generated::TypologyOverview => {
                    let axes = typology_axes(self.site);
                    let mut levels: Vec<String> = vec![];
                    for a in &axes {
                        for (l, _) in &a.levels {
                            if !levels.contains(l) {
                                levels.push(l.clone());
                            }
                        }
                    }
                    levels
                        .sort_by_key(|l| (l.trim().parse::<i64>().unwrap_or(i64::MAX), l.clone()));
                    let rows: Vec<AxisRow<'_>> = axes
                        .iter()
                        .map(|a| AxisRow {
                            name: &a.name,
                            cells: levels
                                .iter()
                                .map(|l| {
                                    a.levels
                                        .iter()
                                        .filter(|(label, _)| label == l)
                                        .flat_map(|(_, pages)| pages.iter())
                                        .map(|&p| TypologyEntry {
                                            title: &self.site.pages[p].title,
                                            href: self.href(from, &self.site.pages[p].url),
                                            cited_by: self
                                                .backlinks_from(from, p)
                                                .into_iter()
                                                .filter(|b| {
                                                    matches!(
                                                        b.kind,
                                                        PageKind::Minutes | PageKind::Guide
                                                    )
                                                })
                                                .collect(),
                                        })
                                        .collect()
                                })
                                .collect(),
                        })
                        .collect();
                    (
                        self.strings["typology_overview"],
                        "typologies",
                        "typologies.html",
                        Listing::Value(serde_json::json!({ "levels": levels, "axes": rows })),
                    )
                }
            };
        let content = match g {
            Generated::NotFound => {
                format!("<p>{}</p>", escape_html(self.strings["not_found_text"]))
            }
            Generated::Weather => super::weather_chart(
                &wiki::weather_points(self.site),
                &self.strings,
                &self.site.config.language,
            ),
            _ => String::new(),
        };
        let mut view = Self::blank_view(title, from, kind, content);
        view.diagrams = diagrams;
        if g == Generated::NotFound {
            view.subsections = self
                .site
                .home()
                .subsections
                .iter()
                .map(|&s| SubsectionView {
                    title: self.site.sections[s].label.clone(),
                    href: self.href(from, &self.site.sections[s].url),
                    description: self.site.sections[s].description.clone(),
                    count: count_pages(self.site, s),
                })
                .collect();
        }
        let breadcrumbs = match g {
            Generated::NotFound => vec![],
            Generated::Tag(_) => vec![
                LinkView {
                    title: self.strings["home"].to_string(),
                    href: self.href(from, ""),
                },
                LinkView {
                    title: self.strings["tags"].to_string(),
                    href: self.href(from, crate::reserved::TAGS_URL),
                },
            ],
            Generated::Print(d) => {
                let mut crumbs = vec![LinkView {
                    title: self.strings["home"].to_string(),
                    href: self.href(from, ""),
                }];
                // The section's ancestors, then the section.
                if let Some(doc) = self.print_docs.get(d) {
                    for s in self.site.section_chain(doc.section).into_iter().skip(1) {
                        crumbs.push(LinkView {
                            title: self.site.sections[s].label.clone(),
                            href: self.href(from, &self.site.sections[s].url),
                        });
                    }
                }
                crumbs
            }
            Generated::Person(_) => vec![
                LinkView {
                    title: self.strings["home"].to_string(),
                    href: self.href(from, ""),
                },
                LinkView {
                    title: self.strings["contributors"].to_string(),
                    href: self.href(from, crate::reserved::CONTRIBUTORS_URL),
                },
            ],
            _ => vec![LinkView {
                title: self.strings["home"].to_string(),
                href: self.href(from, ""),
            }],
        };
        let mut ctx = PageContext {
            root: super::root_of(from),
            home_href: self.href(from, ""),
            sections: self.top_sections(from, None),
            breadcrumbs,
            page: view,
        };
        // A server shows 404.html at any depth (`/x/y/z/`): its links start
        // from the site's path, the one `base_url` names, else the server's
        // root. A page shown at an unknown depth has no other way to find
        // its site without running a script written into it, and the theme
        // runs none (it works under `script-src 'self'`). See README, "Hosting".
        if g == Generated::NotFound {
            let prefix = base_path(&self.site.config.base_url).unwrap_or_else(|| "/".to_string());
            let absolute = |href: &str| match href {
                "./" => prefix.clone(),
                h => format!("{prefix}{h}"),
            };
            ctx.root.clone_from(&prefix);
            ctx.home_href = absolute(&ctx.home_href);
            for s in &mut ctx.sections {
                s.href = absolute(&s.href);
            }
            for s in &mut ctx.page.subsections {
                s.href = absolute(&s.href);
            }
        }
        f(template, &ctx, &listing, &g.file(self))
    }
}

/// The path of `base_url` (`https://intranet/pb/` or `/pb/` give `/pb/`),
/// or `None` when it names none (`/`, `https://intranet`, unset).
pub(super) fn base_path(base_url: &str) -> Option<String> {
    let path = match base_url.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/", |i| &rest[i..]),
        None => base_url,
    };
    let path = path.split(['?', '#']).next().unwrap_or("/");
    if path.is_empty() || path == "/" || !path.starts_with('/') {
        return None;
    }
    Some(if path.ends_with('/') {
        path.to_string()
    } else {
        format!("{path}/")
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn base_paths() {
        use super::base_path;
        assert_eq!(base_path("/"), None);
        assert_eq!(base_path("https://intranet.example.org/"), None);
        assert_eq!(
            base_path("https://intranet.example.org/sous/chemin/"),
            Some("/sous/chemin/".into())
        );
        assert_eq!(base_path("/pb"), Some("/pb/".into()));
        assert_eq!(base_path("https://intranet.example.org"), None);
    }
}
