//! Navigation around a page: the main navigation (`sections`), the
//! breadcrumbs, the section's sidebar (`section_nav`: shared by a section's
//! pages, or a window around the page in a long section) and a guide step's
//! previous and next steps. Part of the render stage: `page.rs` and
//! `generated.rs` build their contexts from here, `fingerprint.rs` hashes
//! the same values.

use super::RenderEnv;
use super::views::{GuideView, LinkView, NavItem, SectionNav, SectionNavPage, StepLink};
use crate::frontmatter::PageKind;
use crate::site::{PageId, SectionId};

/// Pages shown on each side of the current page in a long section's sidebar.
pub const NAV_WINDOW: usize = 40;

/// A long section's navigation as all its windows see it (from a page of
/// the section): the head (title, parent, subsections, page count) and
/// every page's entry, in order.
#[derive(Debug, Default)]
pub(super) struct WindowParts {
    head: tera::Map,
    entries: Vec<tera::Value>,
}

/// Which section navigation a page shows.
#[derive(Debug, Clone, Copy)]
pub(super) enum Nav {
    None,
    /// The section's shared navigation, as seen from its pages (0) or its index (1).
    Shared(SectionId, usize),
    /// A long section's window around the page.
    Window(SectionId, PageId),
}

impl RenderEnv<'_> {
    /// A section's shared navigation seen from `from`: its parent, its
    /// subsections and its pages (the first ones only, in a long section).
    pub(super) fn section_nav(&self, s: SectionId, from: &str) -> tera::Value {
        tera::Value::from_serializable(&self.section_nav_view(s, from))
    }

    /// Where the shared navigation `nav[s][i]` is seen from: a page of the
    /// section (0) or its index page (1).
    pub(super) fn nav_from(&self, s: SectionId, i: usize) -> String {
        let sec = &self.site.sections[s];
        if i == 0 {
            format!("{}x/", sec.url)
        } else {
            sec.url.clone()
        }
    }

    /// The data of [`Self::section_nav`] (hashed by `fingerprint.rs`: a
    /// `tera::Value` serialises its maps in no fixed order).
    pub(super) fn section_nav_view(&self, s: SectionId, from: &str) -> SectionNav {
        let (range, more) = self.nav_window(s, None);
        let mut view = self.section_nav_head(s, from, more);
        view.pages = self.site.sections[s].pages[range]
            .iter()
            .map(|&p| self.nav_page(p, from))
            .collect();
        view
    }

    /// The positions of the section's pages its navigation lists, and the
    /// section's page count when that is not all of them.
    pub(super) fn nav_window(
        &self,
        s: SectionId,
        current: Option<PageId>,
    ) -> (std::ops::Range<usize>, Option<usize>) {
        let n = self.site.sections[s].pages.len();
        match current {
            Some(c) if n > NAV_WINDOW * 2 => {
                // The page's position if section `s` lists it there (it
                // lists it once), else 0.
                let pages = &self.site.sections[s].pages;
                let pos = Some(self.section_pos[c])
                    .filter(|&i| pages.get(i) == Some(&c))
                    .unwrap_or(0);
                let start = pos.saturating_sub(NAV_WINDOW);
                let end = (pos + NAV_WINDOW + 1).min(n);
                (start..end, Some(n))
            }
            _ if n > NAV_WINDOW * 2 => (0..NAV_WINDOW * 2, Some(n)),
            _ => (0..n, None),
        }
    }

    /// A section's navigation without its pages.
    pub(super) fn section_nav_head(
        &self,
        s: SectionId,
        from: &str,
        more: Option<usize>,
    ) -> SectionNav {
        let site = self.site;
        let sec = &site.sections[s];
        let link = |id: SectionId| LinkView {
            title: site.sections[id].label.clone(),
            href: self.href(from, &site.sections[id].url),
        };
        SectionNav {
            title: sec.label.clone(),
            href: self.href(from, &sec.url),
            parent: sec.parent.filter(|&p| p != 0).map(link),
            subsections: sec.subsections.iter().map(|&c| link(c)).collect(),
            more,
            pages: vec![],
        }
    }

    /// One page of a section's navigation, seen from `from`.
    pub(super) fn nav_page(&self, p: PageId, from: &str) -> SectionNavPage {
        let page = &self.site.pages[p];
        SectionNavPage {
            title: page.title.clone(),
            href: self.href(from, &page.url),
            url: page.url.clone(),
            kind: page.kind,
            step: (page.kind == PageKind::Guide)
                .then_some(page.front.order)
                .flatten(),
        }
    }

    /// Which section navigation page `id` shows: none on the home, a window
    /// around the page in a long section, else its section's shared one.
    pub(super) fn page_nav(&self, id: PageId) -> Nav {
        let page = &self.site.pages[id];
        let long = self.site.sections[page.section].pages.len() > NAV_WINDOW * 2;
        if page.is_index && page.section == 0 {
            Nav::None
        } else if long && !page.is_index {
            Nav::Window(page.section, id)
        } else {
            Nav::Shared(page.section, usize::from(page.is_index))
        }
    }

    /// The navigation of section `s` shared by its pages (`i` = 0) or seen
    /// from its index page (`i` = 1), built on first use.
    pub(super) fn nav_shared(&self, s: SectionId, i: usize) -> &tera::Value {
        self.nav[s][i].get_or_init(|| self.section_nav(s, &self.nav_from(s, i)))
    }

    /// The navigation value a [`Nav`] stands for.
    pub(super) fn nav_value(&self, nav: Nav) -> Option<tera::Value> {
        match nav {
            Nav::None => None,
            Nav::Shared(s, i) => Some(self.nav_shared(s, i).clone()),
            Nav::Window(s, id) => Some(self.nav_window_value(s, id)),
        }
    }

    /// Long section `s`'s navigation window around page `id`: its head
    /// (`section_nav_head`) and the entries (`nav_page`) of the pages
    /// `nav_window` lists, seen from a sibling folder like the shared
    /// navigation, and cut from the section's `WindowParts`, built once.
    fn nav_window_value(&self, s: SectionId, id: PageId) -> tera::Value {
        let parts = self.nav_windows[s].get_or_init(|| {
            let from = self.nav_from(s, 0);
            let (_, more) = self.nav_window(s, None);
            let head = tera::Value::from_serializable(&self.section_nav_head(s, &from, more));
            WindowParts {
                head: head.into_map().unwrap_or_default(),
                entries: self.site.sections[s]
                    .pages
                    .iter()
                    .map(|&p| tera::Value::from_serializable(&self.nav_page(p, &from)))
                    .collect(),
            }
        });
        let (range, _) = self.nav_window(s, Some(id));
        let mut view = parts.head.clone();
        view.insert(
            "pages".into(),
            tera::Value::from(parts.entries[range].to_vec()),
        );
        tera::Value::from(view)
    }

    /// `sections`, the main navigation seen from `from`: the home's
    /// subsections, `current` marking `top` (the one holding the page).
    pub(super) fn top_sections(&self, from: &str, top: Option<SectionId>) -> Vec<NavItem> {
        let site = self.site;
        site.home()
            .subsections
            .iter()
            .map(|&s| NavItem {
                title: site.sections[s].label.clone(),
                href: self.href(from, &site.sections[s].url),
                current: Some(s) == top,
            })
            .collect()
    }

    /// Breadcrumbs of page `id`, whose sections from the home down are
    /// `chain`: home, then each ancestor section, not the page itself (none
    /// on the home).
    pub(super) fn breadcrumbs(&self, id: PageId, chain: &[SectionId]) -> Vec<LinkView> {
        let site = self.site;
        let page = &site.pages[id];
        if page.is_index && page.section == 0 {
            return vec![];
        }
        let crumbs = if page.is_index {
            &chain[..chain.len().saturating_sub(1)]
        } else {
            chain
        };
        crumbs
            .iter()
            .map(|&s| LinkView {
                title: if s == 0 {
                    self.strings["home"].to_string()
                } else {
                    site.sections[s].label.clone()
                },
                href: self.href(&page.url, &site.sections[s].url),
            })
            .collect()
    }

    /// `page.guide` of a guide step: its number (`order` when given, else
    /// its position among the section's guide pages), the step count, and
    /// the steps before and after it.
    pub(super) fn guide_view(&self, id: PageId) -> Option<GuideView> {
        let site = self.site;
        let page = &site.pages[id];
        let from = page.url.as_str();
        (page.kind == PageKind::Guide && !page.is_index).then(|| {
            let steps = site.guide_steps(page.section);
            let pos = steps.iter().position(|&p| p == id).unwrap_or(0);
            let number = |i: usize| site.pages[steps[i]].front.order.unwrap_or(i as i64 + 1);
            let link = |i: usize| StepLink {
                title: site.pages[steps[i]].title.clone(),
                href: self.href(from, &site.pages[steps[i]].url),
                step: number(i),
            };
            GuideView {
                step: number(pos),
                total: steps.len(),
                prev: pos.checked_sub(1).map(link),
                next: (pos + 1 < steps.len()).then(|| link(pos + 1)),
            }
        })
    }
}
