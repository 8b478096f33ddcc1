//! A content page's render: the context its template receives (`page`,
//! `sections`, `breadcrumbs`, `section_nav`; see `docs/templates.md`) and
//! the render itself. Pure, per page, run in parallel by `build`; `serve`
//! fingerprints the same inputs (`page_inputs`) to skip unchanged pages.

use super::RenderEnv;
use super::env::root_of;
use super::nav::Nav;
use super::views::{
    BacklinkView, ChildView, LinkView, MinutesView, OverviewLink, PageContext, PageView,
    SubsectionView, TagView, TocEntry, TypologyView,
};
use crate::diagnostic::Diagnostic;
use crate::frontmatter::PageKind;
use crate::markdown::Heading;
use crate::site::{PageId, SectionId, Site};
use crate::text::encode_segment;

impl RenderEnv<'_> {
    /// Renders page `id` to its final HTML.
    pub fn render_page(&self, id: PageId) -> Result<Vec<u8>, Diagnostic> {
        let (template, ctx, nav) = self.page_inputs(id, self.resolve_body(id));
        let nav = self.nav_value(nav);
        self.render_template(template, &ctx, nav, self.site.pages[id].shown.as_path())
    }

    /// Everything the template of page `id` receives: the template name, the
    /// context (with `content` as given) and the section navigation. The
    /// render and its fingerprint (`fingerprint.rs`) both start from here.
    pub(super) fn page_inputs(
        &self,
        id: PageId,
        content: String,
    ) -> (&'static str, PageContext<'_>, Nav) {
        let site = self.site;
        let page = &site.pages[id];
        let from = page.url.as_str();
        let chain = site.section_chain(page.section);
        let (mut view, template) = self.page_view(id);
        view.diagrams = content.contains(crate::markdown::DIAGRAM_MARK);
        view.content = content;
        let ctx = PageContext {
            root: root_of(from),
            home_href: self.href(from, ""),
            sections: self.top_sections(from, chain.get(1).copied()),
            breadcrumbs: self.breadcrumbs(id, &chain),
            page: view,
        };
        (template, ctx, self.page_nav(id))
    }

    /// `page` and the template name of page `id` (`content` left empty).
    fn page_view(&self, id: PageId) -> (PageView<'_>, &'static str) {
        let site = self.site;
        let page = &site.pages[id];
        let lang = site.config.language.as_str();
        let from = page.url.as_str();
        let (kind, template) = if page.is_index && page.section == 0 {
            ("home", "home.html")
        } else if page.is_index {
            ("section", "section.html")
        } else {
            let k = kind_name(page.kind);
            (
                k,
                match page.kind {
                    PageKind::Page => "page.html",
                    PageKind::Minutes => "minutes.html",
                    PageKind::Guide => "guide.html",
                    PageKind::Typology => "typology.html",
                    PageKind::Stakeholders => "stakeholders.html",
                },
            )
        };
        let guide = self.guide_view(id);
        let (children, subsections) = if page.is_index {
            let sec = &site.sections[page.section];
            let children = sec
                .pages
                .iter()
                .map(|&p| {
                    let c = &site.pages[p];
                    ChildView {
                        title: c.title.clone(),
                        href: self.href(from, &c.url),
                        description: c.front.description.clone(),
                        kind: c.kind,
                        step: (c.kind == PageKind::Guide)
                            .then_some(c.front.order)
                            .flatten(),
                    }
                })
                .collect();
            let subs = sec
                .subsections
                .iter()
                .map(|&s| {
                    let sub = &site.sections[s];
                    SubsectionView {
                        title: sub.label.clone(),
                        href: self.href(from, &sub.url),
                        description: sub.description.clone(),
                        count: count_pages(site, s),
                    }
                })
                .collect();
            (children, subs)
        } else {
            (vec![], vec![])
        };
        // One list per relation, no page in two: a typology's minutes and
        // guide steps are "cited in", the other pages "link here", and
        // "see also" keeps the pages neither lists.
        let typology = page.kind == PageKind::Typology && !page.is_index;
        let (cited_by, backlinks): (Vec<BacklinkView<'_>>, Vec<BacklinkView<'_>>) = self
            .backlinks(id)
            .into_iter()
            .partition(|b| typology && matches!(b.kind, PageKind::Minutes | PageKind::Guide));
        let backlinks = if site.config.wiki.backlinks {
            backlinks
        } else {
            vec![]
        };
        let listed: std::collections::HashSet<PageId> = self.links.backlinks[id]
            .iter()
            .map(|&(p, _)| p)
            .filter(|&p| {
                site.config.wiki.backlinks
                    || (typology
                        && matches!(site.pages[p].kind, PageKind::Minutes | PageKind::Guide))
            })
            .collect();
        let view = PageView {
            title: &page.title,
            url: &page.url,
            description: page.front.description.as_deref(),
            kind,
            content: String::new(),
            date: page.date.map(|d| d.view(lang)),
            // Front matter first (the author's word), then git.
            updated: page
                .updated
                .or_else(|| self.git_updated(id))
                .map(|d| d.view(lang)),
            authors: &page.front.authors,
            tags: if site.config.wiki.tags {
                self.wiki.page_tags[id]
                    .iter()
                    .map(|&t| TagView {
                        name: self.wiki.tags[t].name.clone(),
                        href: Some(self.href(
                            from,
                            &format!("{}{}/", crate::reserved::TAGS_URL, self.wiki.tags[t].slug),
                        )),
                    })
                    .collect()
            } else {
                page.front
                    .tags
                    .iter()
                    .map(|t| TagView {
                        name: t.clone(),
                        href: None,
                    })
                    .collect()
            },
            toc: page
                .body
                .headings
                .iter()
                .filter(|h: &&Heading| (2..=3).contains(&h.level))
                .map(|h| TocEntry {
                    level: h.level,
                    id: &h.id,
                    title: &h.title,
                })
                .collect(),
            extra: &page.front.extra,
            minutes: (page.kind == PageKind::Minutes).then(|| MinutesView {
                facilitators: &page.front.facilitators,
                scribes: &page.front.scribes,
                timekeepers: &page.front.timekeepers,
                participants: &page.front.participants,
                rotations: &page.front.rotations,
            }),
            guide,
            typology: typology.then_some(TypologyView {
                axis: page.front.axis.as_deref(),
                level: page.front.level.as_deref(),
                cited_by,
            }),
            children,
            subsections,
            overviews: if page.is_index && page.section != 0 {
                self.overview_links(from, page.section)
            } else {
                vec![]
            },
            backlinks,
            see_also: self.wiki.see_also[id]
                .iter()
                .filter(|p| !listed.contains(p))
                .map(|&p| LinkView {
                    title: site.pages[p].title.clone(),
                    href: self.href(from, &site.pages[p].url),
                })
                .collect(),
            edit_url: self.forge_url(site.config.edit_url.as_deref(), id),
            history_url: self.forge_url(site.config.history_url.as_deref(), id),
            credits: self.page_credits(id),
            stakeholders: self.stakeholders_view(id),
            actions: self.page_actions(from, id),
            print_href: self.print_of[id].map(|d| self.href(from, &self.print_docs[d].url)),
            diagrams: false,
        };
        (view, template)
    }

    /// Pages linking to `id` in display order (title, then path), each
    /// with the sentence around its first link.
    fn backlinks(&self, id: PageId) -> Vec<BacklinkView<'_>> {
        self.backlinks_from(&self.site.pages[id].url, id)
    }

    /// Like [`Self::backlinks`], with hrefs relative to the page at `from`.
    pub(super) fn backlinks_from(&self, from: &str, id: PageId) -> Vec<BacklinkView<'_>> {
        let site = self.site;
        let mut sources: Vec<(PageId, usize)> = self.links.backlinks[id].clone();
        // In display order (one entry per page): a rank each, not two
        // strings from two pages anywhere in memory per comparison.
        sources.sort_unstable_by_key(|&(p, _)| self.wiki.title_rank[p]);
        sources
            .into_iter()
            .map(|(p, n)| {
                let src = &site.pages[p];
                BacklinkView {
                    title: &src.title,
                    href: self.href(from, &src.url),
                    kind: src.kind,
                    context: &src.body.links[n].context,
                }
            })
            .collect()
    }

    /// The generated overviews concerning section `s`, seen from `from`.
    fn overview_links(&self, from: &str, s: SectionId) -> Vec<OverviewLink> {
        let o = self.overviews[s];
        let mut links = vec![];
        if o.weather {
            links.push(OverviewLink {
                title: self.strings["weather"],
                href: self.href(from, crate::reserved::WEATHER_URL),
                description: self.strings["weather_intro"],
            });
        }
        if o.typologies {
            links.push(OverviewLink {
                title: self.strings["typology_overview"],
                href: self.href(from, crate::reserved::TYPOLOGIES_URL),
                description: self.strings["typology_overview_intro"],
            });
        }
        links
    }

    /// `edit_url`/`history_url` with `{path}` replaced, for pages with a source file.
    fn forge_url(&self, pattern: Option<&str>, id: PageId) -> Option<String> {
        let page = &self.site.pages[id];
        let pattern = pattern?;
        if page.body.html.is_empty()
            && page.is_index
            && page.front == crate::frontmatter::FrontMatter::default()
        {
            return None; // generated folder page: no file to edit
        }
        let path: String = format!("content/{}", page.source)
            .split('/')
            .map(encode_segment)
            .collect::<Vec<_>>()
            .join("/");
        Some(pattern.replace("{path}", &path))
    }
}

fn kind_name(k: PageKind) -> &'static str {
    match k {
        PageKind::Page => "page",
        PageKind::Minutes => "minutes",
        PageKind::Guide => "guide",
        PageKind::Typology => "typology",
        PageKind::Stakeholders => "stakeholders",
    }
}

/// Pages in a section and its subsections.
pub(super) fn count_pages(site: &Site, s: SectionId) -> usize {
    let sec = &site.sections[s];
    sec.pages.len()
        + sec
            .subsections
            .iter()
            .map(|&c| count_pages(site, c))
            .sum::<usize>()
}
