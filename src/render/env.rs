//! The render environment: everything a page's render needs besides the
//! page itself ([`RenderEnv`], built once per build), and the relative URLs
//! every link is written with ([`relative`], [`RenderEnv::href`]).
//!
//! Every URL is relative to the page being rendered, so the site works under
//! any sub-path and from `file://` (with `url_style = "file"`).

use std::collections::BTreeMap;

use tera::Tera;

use crate::config::UrlStyle;
use crate::frontmatter::PageKind;
use crate::link::LinkTable;
use crate::site::Site;
use crate::text::encode_segment;
use crate::wiki::Wiki;

/// The credits of a site nobody is credited on (the default of [`RenderEnv`]).
static NO_CREDITS: std::sync::LazyLock<crate::credits::Credits> =
    std::sync::LazyLock::new(crate::credits::Credits::default);
/// f-actions: the actions of a site without any (the default of [`RenderEnv`]).
static NO_ACTIONS: crate::actions::Actions = crate::actions::Actions { items: vec![] };

/// Everything the render stage needs besides the page itself; built once per build.
pub struct RenderEnv<'a> {
    pub site: &'a Site,
    pub links: &'a LinkTable,
    pub wiki: &'a Wiki,
    pub tera: &'a Tera,
    pub strings: BTreeMap<&'static str, &'static str>,
    /// Contributor credits (see [`RenderEnv::with_credits`]); none by default.
    pub credits: &'a crate::credits::Credits,
    /// f-actions: the actions (see [`RenderEnv::with_actions`]) and the
    /// build date they are judged against.
    pub actions: &'a crate::actions::Actions,
    pub today: crate::date::Date,
    /// Per section, its navigation as seen from its own pages and from its
    /// index page (hrefs differ by one level). Built once, when a page
    /// first needs it (see `RenderEnv::nav_shared`): every page of a
    /// section shares it, so a section's nav is not rebuilt per page, and
    /// `serve`'s edited page does not wait for the whole site's.
    pub(super) nav: Vec<[std::sync::OnceLock<tera::Value>; 2]>,
    /// Per section, the generated overviews that concern it (its folder
    /// holds workshop minutes with a weather page, or typologies): linked
    /// from its index page.
    pub(super) overviews: Vec<Overviews>,
    /// Fingerprints of `nav`, computed on first use (`serve` only).
    pub(super) nav_digests: std::sync::OnceLock<Vec<[u128; 2]>>,
    /// Per long section, the fingerprint of each of its navigation entries
    /// (seen from its pages), computed on first use (`serve` only).
    pub(super) nav_entry_digests: std::sync::OnceLock<Vec<Vec<u128>>>,
    /// Per section, its long navigation's parts, built when a page of the
    /// section first needs its window (see `RenderEnv::nav_window_value`):
    /// every window of the section cuts its entries from them.
    pub(super) nav_windows: Vec<std::sync::OnceLock<super::nav::WindowParts>>,
    // f-print
    /// The printable documents (`print::documents`), computed once.
    pub(super) print_docs: Vec<crate::print::Document>,
    /// The printable document each page links to, by page id
    /// (`print::document_of_each_page`).
    pub(super) print_of: Vec<Option<usize>>,
    /// Each page's position among its section's pages, by page id (0 for
    /// an index page): where a long section's navigation window is centred.
    pub(super) section_pos: Vec<usize>,
}

/// Each page's position among its section's pages, by page id (0 for a
/// page no section lists: an index page).
fn section_positions(site: &Site) -> Vec<usize> {
    let mut pos = vec![0; site.pages.len()];
    for sec in &site.sections {
        for (i, &p) in sec.pages.iter().enumerate().rev() {
            pos[p] = i;
        }
    }
    pos
}

/// Which generated overviews concern a section (see [`RenderEnv::overviews`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Overviews {
    /// The weather page: the section holds minutes, and the site a weather page.
    pub weather: bool,
    /// The typology overview: the section holds typologies.
    pub typologies: bool,
}

/// Per section, whether its folder (subfolders included) holds workshop
/// minutes and typologies, and so which overviews concern it.
fn overviews_of(site: &Site) -> Vec<Overviews> {
    let weather = !crate::wiki::weather_points(site).is_empty();
    let mut out = vec![Overviews::default(); site.sections.len()];
    for p in site.pages.iter().filter(|p| !p.is_index) {
        let (m, t) = (
            weather && p.kind == PageKind::Minutes,
            p.kind == PageKind::Typology,
        );
        let mut s = Some(p.section);
        while let Some(id) = s {
            out[id].weather |= m;
            out[id].typologies |= t;
            s = site.sections[id].parent;
        }
    }
    out
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
        let nav = (0..site.sections.len())
            .map(|_| Default::default())
            .collect();
        RenderEnv::with_nav(site, links, wiki, tera, strings, nav, overviews_of(site))
    }

    /// An environment whose section navigations (as far as they are built)
    /// and overviews are given (`serve` keeps them from its last render);
    /// the printable documents and each page's place in its section are
    /// computed here.
    pub(super) fn with_nav(
        site: &'a Site,
        links: &'a LinkTable,
        wiki: &'a Wiki,
        tera: &'a Tera,
        strings: BTreeMap<&'static str, &'static str>,
        nav: Vec<[std::sync::OnceLock<tera::Value>; 2]>,
        overviews: Vec<Overviews>,
    ) -> RenderEnv<'a> {
        let print_docs = crate::print::documents(site);
        RenderEnv {
            print_of: crate::print::document_of_each_page(site, &print_docs),
            print_docs,
            section_pos: section_positions(site),
            site,
            links,
            wiki,
            tera,
            strings,
            credits: &NO_CREDITS,
            actions: &NO_ACTIONS,
            today: crate::date::Date {
                year: 1970,
                month: 1,
                day: 1,
            },
            nav,
            overviews,
            nav_digests: std::sync::OnceLock::new(),
            nav_entry_digests: std::sync::OnceLock::new(),
            nav_windows: (0..site.sections.len())
                .map(|_| std::sync::OnceLock::default())
                .collect(),
        }
    }

    /// The same environment, with contributor credits.
    #[must_use]
    pub fn with_credits(mut self, credits: &'a crate::credits::Credits) -> RenderEnv<'a> {
        self.credits = credits;
        self
    }

    /// The same environment, with the actions and the build date (f-actions).
    #[must_use]
    pub fn with_actions(
        mut self,
        actions: &'a crate::actions::Actions,
        today: crate::date::Date,
    ) -> RenderEnv<'a> {
        self.actions = actions;
        self.today = today;
        self
    }
}

impl RenderEnv<'_> {
    /// Relative link from the page at `from` to the page directory `to`.
    /// Page URLs are slugs (`[a-z0-9-/]`), so they need no encoding.
    pub fn href(&self, from: &str, to: &str) -> String {
        let mut h = relative(from, to);
        match self.site.config.url_style {
            UrlStyle::File => h.push_str("index.html"),
            UrlStyle::Pretty if h.is_empty() => h.push_str("./"),
            UrlStyle::Pretty => {}
        }
        h
    }

    /// Relative link from the page at `from` to the asset `rel` (a file
    /// path from the site root, each segment percent-encoded).
    pub(super) fn asset_href(from: &str, rel: &str) -> String {
        let encoded: Vec<String> = rel.split('/').map(encode_segment).collect();
        relative(from, &encoded.join("/"))
    }
}

#[cfg(test)]
mod tests {
    use super::relative;

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
