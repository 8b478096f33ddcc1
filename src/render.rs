//! Render stage: one page of the site model, plus the link table, to the
//! final HTML. Pure: the same inputs always give the same bytes, so `serve`
//! can re-render only the pages an edit touched.
//!
//! Every URL is relative to the page being rendered, so the site works under
//! any sub-path and from `file://` (with `url_style = "file"`).

use std::collections::BTreeMap;

use serde::Serialize;
use tera::{Context, Tera};

use crate::config::UrlStyle;
use crate::date::DateView;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{PageKind, Rotation};
use crate::link::{LinkTable, Target};
use crate::markdown::{CLOSE, Heading, OPEN, SEP};
use crate::site::{PageId, SectionId, Site};
use crate::text::{encode_segment, escape_html, match_key};
use crate::wiki::{self, Wiki};

mod credits;
mod fingerprint;
mod generated;
pub use credits::{atom, person_url};
pub use fingerprint::{RenderCache, global_fingerprint};
pub use generated::Generated;

/// The credits of a site nobody is credited on (the default of [`RenderEnv`]).
static NO_CREDITS: std::sync::LazyLock<crate::credits::Credits> =
    std::sync::LazyLock::new(crate::credits::Credits::default);

/// Which section navigation a page shows.
#[derive(Debug, Clone, Copy)]
enum Nav {
    None,
    /// The section's shared navigation, as seen from its pages (0) or its index (1).
    Shared(SectionId, usize),
    /// A long section's window around the page.
    Window(SectionId, PageId),
}

/// Everything the render stage needs besides the page itself; built once per build.
pub struct RenderEnv<'a> {
    pub site: &'a Site,
    pub links: &'a LinkTable,
    pub wiki: &'a Wiki,
    pub tera: &'a Tera,
    pub strings: BTreeMap<&'static str, &'static str>,
    /// Contributor credits (see [`RenderEnv::with_credits`]); none by default.
    pub credits: &'a crate::credits::Credits,
    /// Per section, its navigation as seen from its own pages and from its
    /// index page (hrefs differ by one level). Built once: every page of a
    /// section shares it, so a section's nav is not rebuilt per page.
    nav: Vec<[tera::Value; 2]>,
    /// Fingerprints of `nav`, computed on first use (`serve` only).
    nav_digests: std::sync::OnceLock<Vec<[u128; 2]>>,
    /// Per long section, the fingerprint of each of its navigation entries
    /// (seen from its pages), computed on first use (`serve` only).
    nav_entry_digests: std::sync::OnceLock<Vec<Vec<u128>>>,
}

/// The shortest relative path from the folder `from` (`a/b/`) to `to`
/// (a folder `a/c/` or a file `a/c/x.png`), both from the site root.
pub fn relative(from: &str, to: &str) -> String {
    // Only the folders of `to` can be shared; its last part is a file or "".
    let to_dirs = &to[..to.rfind('/').map_or(0, |i| i + 1)];
    // Byte offsets, in `from` and `to`, just past the shared folders.
    let (mut f, mut t) = (0, 0);
    for (a, b) in from
        .split_terminator('/')
        .zip(to_dirs.split_terminator('/'))
    {
        if a != b {
            break;
        }
        f += a.len() + 1;
        t += b.len() + 1;
    }
    let up = from
        .get(f..)
        .map_or(0, |rest| rest.split_terminator('/').count());
    let rest = &to[t.min(to.len())..];
    let mut h = String::with_capacity(3 * up + rest.len());
    for _ in 0..up {
        h.push_str("../");
    }
    h.push_str(rest);
    h
}

/// How an image source placeholder appears in the HTML comrak writes.
const ASSET_NEEDLE: &str = "src=\"playbook-asset:";

/// `../` repeated for the depth of `url` (`guide/etape/` → `../../`).
pub fn root_of(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

impl<'a> RenderEnv<'a> {
    pub fn new(
        site: &'a Site,
        links: &'a LinkTable,
        wiki: &'a Wiki,
        tera: &'a Tera,
        strings: BTreeMap<&'static str, &'static str>,
    ) -> RenderEnv<'a> {
        let mut env = RenderEnv {
            site,
            links,
            wiki,
            tera,
            strings,
            credits: &NO_CREDITS,
            nav: vec![],
            nav_digests: std::sync::OnceLock::new(),
            nav_entry_digests: std::sync::OnceLock::new(),
        };
        env.nav = (0..site.sections.len())
            .map(|s| [0, 1].map(|i| env.section_nav(s, &env.nav_from(s, i), None)))
            .collect();
        env
    }

    /// A section's navigation seen from `from`: its parent, its subsections
    /// and its pages. Sections longer than [`NAV_WINDOW`] × 2 pages only show
    /// the pages around `current`, so the sidebar never grows with the site.
    fn section_nav(&self, s: SectionId, from: &str, current: Option<PageId>) -> tera::Value {
        tera::Value::from_serializable(&self.section_nav_view(s, from, current))
    }

    /// Where the shared navigation `nav[s][i]` is seen from: a page of the
    /// section (0) or its index page (1).
    fn nav_from(&self, s: SectionId, i: usize) -> String {
        let sec = &self.site.sections[s];
        if i == 0 {
            format!("{}x/", sec.url)
        } else {
            sec.url.clone()
        }
    }

    /// The data of [`Self::section_nav`] (hashed by `fingerprint.rs`: a
    /// `tera::Value` serialises its maps in no fixed order).
    fn section_nav_view(&self, s: SectionId, from: &str, current: Option<PageId>) -> SectionNav {
        let (range, more) = self.nav_window(s, current);
        let mut view = self.section_nav_head(s, from, more);
        view.pages = self.site.sections[s].pages[range]
            .iter()
            .map(|&p| self.nav_page(p, from))
            .collect();
        view
    }

    /// The positions of the section's pages its navigation lists, and the
    /// section's page count when that is not all of them.
    fn nav_window(
        &self,
        s: SectionId,
        current: Option<PageId>,
    ) -> (std::ops::Range<usize>, Option<usize>) {
        let n = self.site.sections[s].pages.len();
        match current {
            Some(c) if n > NAV_WINDOW * 2 => {
                let pos = self.site.sections[s]
                    .pages
                    .iter()
                    .position(|&p| p == c)
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
    fn section_nav_head(&self, s: SectionId, from: &str, more: Option<usize>) -> SectionNav {
        let site = self.site;
        let sec = &site.sections[s];
        let link = |id: SectionId| LinkView {
            title: site.sections[id].title.clone(),
            href: self.href(from, &site.sections[id].url),
        };
        SectionNav {
            title: sec.title.clone(),
            href: self.href(from, &sec.url),
            parent: sec.parent.filter(|&p| p != 0).map(link),
            subsections: sec.subsections.iter().map(|&c| link(c)).collect(),
            more,
            pages: vec![],
        }
    }

    /// One page of a section's navigation, seen from `from`.
    fn nav_page(&self, p: PageId, from: &str) -> SectionNavPage {
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
}

impl<'a> RenderEnv<'a> {
    /// The same environment, with contributor credits.
    pub fn with_credits(mut self, credits: &'a crate::credits::Credits) -> RenderEnv<'a> {
        self.credits = credits;
        self
    }
}

/// Pages shown on each side of the current page in a long section's sidebar.
pub const NAV_WINDOW: usize = 40;

impl RenderEnv<'_> {
    fn style(&self) -> UrlStyle {
        self.site.config.url_style
    }

    /// Relative link from the page at `from` to the page directory `to`.
    /// Page URLs are slugs (`[a-z0-9-/]`), so they need no encoding.
    pub fn href(&self, from: &str, to: &str) -> String {
        let mut h = relative(from, to);
        match self.style() {
            UrlStyle::File => h.push_str("index.html"),
            UrlStyle::Pretty if h.is_empty() => h.push_str("./"),
            UrlStyle::Pretty => {}
        }
        h
    }

    fn asset_href(&self, from: &str, rel: &str) -> String {
        let encoded: Vec<String> = rel.split('/').map(encode_segment).collect();
        relative(from, &encoded.join("/"))
    }

    /// Substitutes the link placeholders of a page's body.
    pub fn resolve_body(&self, id: PageId) -> String {
        let page = &self.site.pages[id];
        let html = &page.body.html;
        let targets = &self.links.targets[id];
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut rest = html.as_str();
        while let Some(i) = rest.find([OPEN, CLOSE]) {
            let c = rest[i..].chars().next().unwrap_or(OPEN);
            out.push_str(&rest[..i]);
            let after = &rest[i + c.len_utf8()..];
            let Some(end) = after.find(SEP) else {
                rest = after;
                continue;
            };
            let n: usize = after[..end].parse().unwrap_or(usize::MAX);
            rest = &after[end + SEP.len_utf8()..];
            let Some(t) = targets.get(n) else { continue };
            if c == OPEN {
                match t {
                    Target::Missing { title } => {
                        out.push_str("<a class=\"new\" href=\"");
                        out.push_str(&escape_html(&self.missing_href(&page.url, title)));
                        out.push_str("\">");
                    }
                    Target::Unresolved { .. } => {
                        out.push_str("<a class=\"broken\" href=\"");
                        out.push_str(&escape_html(&self.target_href(&page.url, page.is_index, t)));
                        out.push_str("\">");
                    }
                    _ => {
                        out.push_str("<a href=\"");
                        out.push_str(&escape_html(&self.target_href(&page.url, page.is_index, t)));
                        out.push_str("\">");
                    }
                }
            } else {
                if matches!(t, Target::Missing { .. }) {
                    out.push_str("<span class=\"visually-hidden\"> (");
                    out.push_str(self.strings["page_to_create"]);
                    out.push_str(")</span>");
                }
                out.push_str("</a>");
            }
        }
        out.push_str(rest);
        if out.contains(ASSET_NEEDLE) {
            out = self.resolve_images(&out, page, targets);
        }
        out
    }

    /// Image sources: `src="playbook-asset:N"`. Text cannot forge the quote
    /// (Markdown escapes it), so only real image sources match.
    fn resolve_images(&self, html: &str, page: &crate::site::Page, targets: &[Target]) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(i) = rest.find(ASSET_NEEDLE) {
            let start = i + ASSET_NEEDLE.len();
            let digits = rest[start..].bytes().take_while(u8::is_ascii_digit).count();
            out.push_str(&rest[..i + "src=\"".len()]);
            match rest[start..start + digits]
                .parse::<usize>()
                .ok()
                .and_then(|n| targets.get(n))
            {
                Some(t) => {
                    out.push_str(&escape_html(&self.target_href(&page.url, page.is_index, t)))
                }
                None => out.push('#'),
            }
            rest = &rest[start + digits..];
        }
        out.push_str(rest);
        out
    }

    /// The entry of a missing page on the "pages to create" page.
    fn missing_href(&self, from: &str, title: &str) -> String {
        let mut h = self.href(from, wiki::MISSING_URL);
        if let Some(&i) = self.wiki.missing_by_key.get(&match_key(title)) {
            h.push('#');
            h.push_str(&self.wiki.missing[i].slug);
        }
        h
    }

    fn target_href(&self, from: &str, from_is_index: bool, t: &Target) -> String {
        match t {
            Target::Page { id, anchor } => {
                let to = &self.site.pages[*id].url;
                let mut h = if to == from && anchor.is_some() {
                    String::new()
                } else {
                    self.href(from, to)
                };
                if let Some(a) = anchor {
                    h.push('#');
                    h.push_str(a);
                }
                h
            }
            Target::Asset { rel, fragment } => {
                let mut h = self.asset_href(from, rel);
                if let Some(f) = fragment {
                    h.push('#');
                    h.push_str(f);
                }
                h
            }
            Target::Missing { title } => self.missing_href(from, title),
            Target::Tag { slug } => self.href(from, &format!("{}{slug}/", wiki::TAGS_URL)),
            // Written relative to the source folder; a page is one folder deeper.
            Target::Unresolved { url } if url.starts_with('/') || from_is_index => url.clone(),
            Target::Unresolved { url } => format!("../{url}"),
        }
    }
}

#[derive(Serialize)]
struct LinkView {
    title: String,
    href: String,
}

#[derive(Serialize)]
struct NavItem {
    title: String,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct SectionNavPage {
    title: String,
    href: String,
    /// The page's URL from the site root: the template compares it with `page.url`.
    url: String,
    kind: PageKind,
    step: Option<i64>,
}

#[derive(Serialize)]
struct SectionNav {
    title: String,
    href: String,
    parent: Option<LinkView>,
    subsections: Vec<LinkView>,
    pages: Vec<SectionNavPage>,
    /// The number of pages of the section when only some are listed.
    more: Option<usize>,
}

#[derive(Serialize)]
struct TagView {
    name: String,
    href: Option<String>,
}

#[derive(Serialize)]
struct BacklinkView<'a> {
    title: &'a str,
    href: String,
    kind: PageKind,
    context: &'a str,
}

#[derive(Serialize)]
struct MinutesView<'a> {
    facilitators: &'a [String],
    scribes: &'a [String],
    timekeepers: &'a [String],
    participants: &'a [String],
    rotations: &'a [Rotation],
}

#[derive(Serialize)]
struct GuideView {
    step: i64,
    total: usize,
    prev: Option<LinkView>,
    next: Option<LinkView>,
}

#[derive(Serialize)]
struct TypologyView<'a> {
    axis: Option<&'a str>,
    level: Option<&'a str>,
    /// Minutes and guide pages that link to this typology.
    cited_by: Vec<BacklinkView<'a>>,
}

#[derive(Serialize)]
struct ChildView {
    title: String,
    href: String,
    description: Option<String>,
    kind: PageKind,
    step: Option<i64>,
}

#[derive(Serialize)]
struct SubsectionView {
    title: String,
    href: String,
    description: Option<String>,
    count: usize,
}

#[derive(Serialize)]
struct TocEntry<'a> {
    level: u8,
    id: &'a str,
    title: &'a str,
}

#[derive(Serialize)]
struct PageView<'a> {
    title: &'a str,
    url: &'a str,
    description: Option<&'a str>,
    kind: &'static str,
    content: String,
    date: Option<DateView>,
    updated: Option<DateView>,
    authors: &'a [String],
    tags: Vec<TagView>,
    toc: Vec<TocEntry<'a>>,
    extra: &'a BTreeMap<String, serde_json::Value>,
    minutes: Option<MinutesView<'a>>,
    guide: Option<GuideView>,
    typology: Option<TypologyView<'a>>,
    children: Vec<ChildView>,
    subsections: Vec<SubsectionView>,
    backlinks: Vec<BacklinkView<'a>>,
    see_also: Vec<LinkView>,
    edit_url: Option<String>,
    history_url: Option<String>,
    /// Who did what on this page (`null` when nobody is credited).
    credits: Option<credits::PageCreditsView>,
}

#[derive(Serialize)]
struct PageContext<'a> {
    root: String,
    home_href: String,
    sections: Vec<NavItem>,
    breadcrumbs: Vec<LinkView>,
    page: PageView<'a>,
}

fn kind_name(k: PageKind) -> &'static str {
    match k {
        PageKind::Page => "page",
        PageKind::Minutes => "minutes",
        PageKind::Guide => "guide",
        PageKind::Typology => "typology",
    }
}

/// Guide step number: `order` when given, else the position among guide pages.
fn guide_steps(site: &Site, section: SectionId) -> Vec<PageId> {
    site.sections[section]
        .pages
        .iter()
        .copied()
        .filter(|&p| site.pages[p].kind == PageKind::Guide)
        .collect()
}

/// The template globals as they are set, in a fixed order (a `tera::Value`
/// has none): what `serve` fingerprints.
#[derive(Default)]
struct Globals(serde_json::Map<String, serde_json::Value>);

impl Globals {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        let v = serde_json::to_value(value).unwrap_or_else(|e| {
            serde_json::Value::String(format!("unserialisable global `{key}`: {e}"))
        });
        self.0.insert(key.to_string(), v);
    }
}

/// Template globals that do not depend on the page, set once per build.
/// Returns them (for `serve`'s fingerprints): add a global through `g`.
pub fn set_globals(
    tera: &mut Tera,
    site: &Site,
    strings: &BTreeMap<&'static str, &'static str>,
    credits: &crate::credits::Credits,
) -> serde_json::Value {
    let mut g = Globals::default();
    #[derive(Serialize)]
    struct SiteView<'a> {
        title: &'a str,
        description: Option<&'a str>,
        language: &'a str,
        /// The search box is shown (`[search] enabled`).
        search: bool,
    }
    let home = site.home();
    let description = site
        .config
        .description
        .as_deref()
        .or(home.description.as_deref());
    g.insert(
        "site",
        &SiteView {
            title: site.config.title.as_deref().unwrap_or(&home.title),
            description,
            language: &site.config.language,
            search: site.config.search.enabled,
        },
    );
    g.insert("t", strings);
    g.insert("lang", &site.config.language);
    let mut build = BTreeMap::new();
    build.insert(
        "generator",
        format!("playbook {}", env!("CARGO_PKG_VERSION")),
    );
    g.insert("build", &build);
    // Links to the generated pages, for the footer: `{{ root }}{{ x.url }}{{ index_file }}`.
    let index_file = if site.config.url_style == UrlStyle::File {
        "index.html"
    } else {
        ""
    };
    g.insert("index_file", index_file);
    let mut tools = vec![];
    if site.config.wiki.tags {
        tools.push(BTreeMap::from([
            ("title", strings["tags"]),
            ("url", wiki::TAGS_URL),
        ]));
    }
    tools.push(BTreeMap::from([
        ("title", strings["pages_to_create"]),
        ("url", wiki::MISSING_URL),
    ]));
    if !wiki::weather_points(site).is_empty() {
        tools.push(BTreeMap::from([
            ("title", strings["weather"]),
            ("url", wiki::WEATHER_URL),
        ]));
    }
    if site
        .pages
        .iter()
        .any(|p| p.kind == PageKind::Typology && !p.is_index)
    {
        tools.push(BTreeMap::from([
            ("title", strings["typology_overview"]),
            ("url", wiki::TYPOLOGIES_URL),
        ]));
    }
    if !credits.people.is_empty() {
        tools.push(BTreeMap::from([
            ("title", strings["contributors"]),
            ("url", wiki::CONTRIBUTORS_URL),
        ]));
    }
    if !credits.structures.is_empty() {
        tools.push(BTreeMap::from([
            ("title", strings["structures"]),
            ("url", wiki::STRUCTURES_URL),
        ]));
    }
    if !credits.recent.is_empty() {
        tools.push(BTreeMap::from([
            ("title", strings["recent_changes"]),
            ("url", wiki::RECENT_URL),
        ]));
    }
    if site.config.search.enabled {
        tools.push(BTreeMap::from([
            ("title", strings["search_title"]),
            ("url", wiki::SEARCH_URL),
        ]));
    }
    g.insert("tools", &tools);
    let context = tera.global_context();
    for (k, v) in &g.0 {
        context.insert(k.clone(), v);
    }
    serde_json::Value::Object(g.0)
}

impl RenderEnv<'_> {
    fn page_view<'a>(&'a self, id: PageId) -> (PageView<'a>, &'static str) {
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
                },
            )
        };
        let guide = (page.kind == PageKind::Guide && !page.is_index).then(|| {
            let steps = guide_steps(site, page.section);
            let pos = steps.iter().position(|&p| p == id).unwrap_or(0);
            let link = |p: PageId| LinkView {
                title: site.pages[p].title.clone(),
                href: self.href(from, &site.pages[p].url),
            };
            GuideView {
                step: page.front.order.unwrap_or(pos as i64 + 1),
                total: steps.len(),
                prev: pos
                    .checked_sub(1)
                    .and_then(|i| steps.get(i))
                    .map(|&p| link(p)),
                next: steps.get(pos + 1).map(|&p| link(p)),
            }
        });
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
                        title: sub.title.clone(),
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
        let backlinks: Vec<BacklinkView<'_>> = self.backlinks(id);
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
                            &format!("{}{}/", wiki::TAGS_URL, self.wiki.tags[t].slug),
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
            typology: (page.kind == PageKind::Typology && !page.is_index).then(|| TypologyView {
                axis: page.front.axis.as_deref(),
                level: page.front.level.as_deref(),
                cited_by: backlinks
                    .iter()
                    .filter(|b| matches!(b.kind, PageKind::Minutes | PageKind::Guide))
                    .map(|b| BacklinkView {
                        href: b.href.clone(),
                        ..*b
                    })
                    .collect(),
            }),
            children,
            subsections,
            backlinks: if site.config.wiki.backlinks {
                backlinks
            } else {
                vec![]
            },
            see_also: self.wiki.see_also[id]
                .iter()
                .map(|&p| LinkView {
                    title: site.pages[p].title.clone(),
                    href: self.href(from, &site.pages[p].url),
                })
                .collect(),
            edit_url: self.forge_url(site.config.edit_url.as_deref(), id),
            history_url: self.forge_url(site.config.history_url.as_deref(), id),
            credits: self.page_credits(id),
        };
        (view, template)
    }

    /// Pages linking to `id`, each with the sentence around its first link.
    fn backlinks(&self, id: PageId) -> Vec<BacklinkView<'_>> {
        self.backlinks_from(&self.site.pages[id].url, id)
    }

    /// Like [`Self::backlinks`], with hrefs relative to the page at `from`.
    fn backlinks_from(&self, from: &str, id: PageId) -> Vec<BacklinkView<'_>> {
        let site = self.site;
        let mut sources: Vec<(PageId, usize)> = self.links.backlinks[id].clone();
        sources.sort_by(|a, b| {
            let (pa, pb) = (&site.pages[a.0], &site.pages[b.0]);
            (&pa.keys.title, &pa.url).cmp(&(&pb.keys.title, &pb.url))
        });
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

    /// `edit_url`/`history_url` with `{path}` replaced, for pages with a source file.
    fn forge_url(&self, pattern: Option<&str>, id: PageId) -> Option<String> {
        let page = &self.site.pages[id];
        let pattern = pattern?;
        if page.body.html.is_empty() && page.is_index && page.front == Default::default() {
            return None; // generated folder page: no file to edit
        }
        let path: String = format!("content/{}", page.source)
            .split('/')
            .map(encode_segment)
            .collect::<Vec<_>>()
            .join("/");
        Some(pattern.replace("{path}", &path))
    }

    /// Renders page `id` to its final HTML.
    pub fn render_page(&self, id: PageId) -> Result<Vec<u8>, Diagnostic> {
        let (template, ctx, nav) = self.page_inputs(id, self.resolve_body(id));
        let nav = self.nav_value(nav);
        self.render_template(template, &ctx, nav, self.site.pages[id].shown.as_path())
    }

    /// Everything the template of page `id` receives: the template name, the
    /// context (with `content` as given) and the section navigation. The
    /// render and its fingerprint (`fingerprint.rs`) both start from here.
    fn page_inputs(&self, id: PageId, content: String) -> (&'static str, PageContext<'_>, Nav) {
        let site = self.site;
        let page = &site.pages[id];
        let from = page.url.as_str();
        let chain = site.section_chain(page.section);
        let top = chain.get(1).copied();
        let sections = site
            .home()
            .subsections
            .iter()
            .map(|&s| NavItem {
                title: site.sections[s].title.clone(),
                href: self.href(from, &site.sections[s].url),
                current: Some(s) == top,
            })
            .collect();
        // Breadcrumbs: home, then each ancestor section, not the page itself.
        let mut crumbs: Vec<SectionId> = chain.clone();
        if page.is_index {
            crumbs.pop();
        }
        let breadcrumbs = if page.is_index && page.section == 0 {
            vec![]
        } else {
            crumbs
                .iter()
                .map(|&s| LinkView {
                    title: if s == 0 {
                        self.strings["home"].to_string()
                    } else {
                        site.sections[s].title.clone()
                    },
                    href: self.href(from, &site.sections[s].url),
                })
                .collect()
        };
        let (mut view, template) = self.page_view(id);
        view.content = content;
        let ctx = PageContext {
            root: root_of(from),
            home_href: self.href(from, ""),
            sections,
            breadcrumbs,
            page: view,
        };
        let long = site.sections[page.section].pages.len() > NAV_WINDOW * 2;
        let nav = if page.is_index && page.section == 0 {
            Nav::None
        } else if long && !page.is_index {
            Nav::Window(page.section, id)
        } else {
            Nav::Shared(page.section, usize::from(page.is_index))
        };
        (template, ctx, nav)
    }

    /// The navigation value a [`Nav`] stands for.
    fn nav_value(&self, nav: Nav) -> Option<tera::Value> {
        match nav {
            Nav::None => None,
            Nav::Shared(s, i) => Some(self.nav[s][i].clone()),
            // Seen from a sibling folder, like the shared navigation.
            Nav::Window(s, id) => Some(self.section_nav(s, &self.nav_from(s, 0), Some(id))),
        }
    }

    fn render_template<T: Serialize>(
        &self,
        template: &str,
        ctx: &T,
        nav: Option<tera::Value>,
        shown: &std::path::Path,
    ) -> Result<Vec<u8>, Diagnostic> {
        let context =
            Context::from_serialize(ctx).map_err(|e| crate::theme::template_error(shown, &e))?;
        self.render_context(template, context, nav, shown)
    }

    fn render_context(
        &self,
        template: &str,
        mut context: Context,
        nav: Option<tera::Value>,
        shown: &std::path::Path,
    ) -> Result<Vec<u8>, Diagnostic> {
        context.insert_value("section_nav", nav.unwrap_or_else(tera::Value::none));
        if !context.contains_key("listing") {
            context.insert_value("listing", tera::Value::none());
        }
        let mut out = Vec::with_capacity(32 * 1024);
        match self.tera.render_to(template, &context, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => {
                let mut d = crate::theme::template_error(
                    std::path::Path::new(&format!("templates/{template}")),
                    &e,
                );
                d.message = format!("{} (while rendering {})", d.message, shown.display());
                Err(d)
            }
        }
    }
}

/// Pages in a section and its subsections.
fn count_pages(site: &Site, s: SectionId) -> usize {
    let sec = &site.sections[s];
    sec.pages.len()
        + sec
            .subsections
            .iter()
            .map(|&c| count_pages(site, c))
            .sum::<usize>()
}

/// `sitemap.xml`: absolute URLs built from `base_url`.
pub fn sitemap(site: &Site) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut pages: Vec<&crate::site::Page> = site
        .pages
        .iter()
        .filter(|p| !p.url.is_empty() || p.is_index)
        .collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let mut urls: Vec<(String, Option<String>)> = pages
        .iter()
        .map(|p| (p.url.clone(), p.updated.or(p.date).map(|d| d.iso())))
        .collect();
    for sec in &site.sections {
        if sec.index.is_none() {
            urls.push((sec.url.clone(), None));
        }
    }
    urls.sort();
    urls.dedup_by(|a, b| a.0 == b.0);
    for (url, lastmod) in urls {
        let path: String = url
            .split('/')
            .map(encode_segment)
            .collect::<Vec<_>>()
            .join("/");
        s.push_str("  <url><loc>");
        s.push_str(&escape_html(&format!("{}{}", site.config.base_url, path)));
        s.push_str("</loc>");
        if let Some(d) = lastmod {
            s.push_str("<lastmod>");
            s.push_str(&d);
            s.push_str("</lastmod>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn the_image_needle_matches_the_placeholder() {
        assert_eq!(
            super::ASSET_NEEDLE,
            format!("src=\"{}", crate::markdown::ASSET_PREFIX)
        );
    }

    /// The plain definition `relative` must agree with.
    fn relative_by_segments(from: &str, to: &str) -> String {
        let from_dirs: Vec<&str> = from.split_terminator('/').collect();
        let to_parts: Vec<&str> = to.split('/').collect();
        let to_dirs = &to_parts[..to_parts.len() - 1];
        let common = from_dirs
            .iter()
            .zip(to_dirs)
            .take_while(|(a, b)| a == b)
            .count();
        "../".repeat(from_dirs.len() - common) + &to_parts[common..].join("/")
    }

    proptest::proptest! {
        #[test]
        fn relative_agrees_with_its_definition(
            from in proptest::collection::vec("[ab]{1,2}", 0..4),
            to in proptest::collection::vec("[ab]{1,2}", 0..4),
            file in "(|x\\.png)",
        ) {
            let from = from.iter().map(|s| format!("{s}/")).collect::<String>();
            let to = to.iter().map(|s| format!("{s}/")).collect::<String>() + &file;
            proptest::prop_assert_eq!(relative(&from, &to), relative_by_segments(&from, &to));
        }
    }

    #[test]
    fn relative_paths() {
        assert_eq!(relative("guide/a/", "guide/b/"), "../b/");
        assert_eq!(relative("guide/a/", "typologies/x/"), "../../typologies/x/");
        assert_eq!(relative("guide/", "guide/b/"), "b/");
        assert_eq!(relative("guide/a/", "guide/"), "../");
        assert_eq!(relative("guide/a/", ""), "../../");
        assert_eq!(relative("", "guide/a/"), "guide/a/");
        assert_eq!(relative("guide/a/", "guide/a/"), "");
        assert_eq!(relative("guide/a/", "guide/img/x.png"), "../img/x.png");
        assert_eq!(relative("", "x.png"), "x.png");
        assert_eq!(relative("a/b/", "a/b/c/d/"), "c/d/");
    }
}
