//! The view structs handed to templates: the serialisable shapes of
//! `page`, `section_nav`, `sections`, `breadcrumbs` and `site`, as
//! `docs/templates.md` documents them. Built by `page.rs`, `nav.rs`,
//! `generated.rs` and `globals.rs`; hashed as they are by `fingerprint.rs`
//! (so a field added here is covered by `serve`'s rebuild on its own).

use std::collections::BTreeMap;

use serde::Serialize;

use super::credits::PageCreditsView;
use crate::date::DateView;
use crate::frontmatter::{PageKind, Rotation};

/// A link: `{ title, href }` (breadcrumbs, "see also", guide steps, people…).
#[derive(Serialize)]
pub(super) struct LinkView {
    pub(super) title: String,
    pub(super) href: String,
}

/// An entry of `sections`, the main navigation: `current` marks the page's section.
#[derive(Serialize)]
pub(super) struct NavItem {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) current: bool,
}

/// A page listed in `section_nav`.
#[derive(Serialize)]
pub(super) struct SectionNavPage {
    pub(super) title: String,
    pub(super) href: String,
    /// The page's URL from the site root: the template compares it with `page.url`.
    pub(super) url: String,
    pub(super) kind: PageKind,
    pub(super) step: Option<i64>,
}

/// `section_nav`: a section's parent, subsections and pages (see `nav.rs`).
#[derive(Serialize)]
pub(super) struct SectionNav {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) parent: Option<LinkView>,
    pub(super) subsections: Vec<LinkView>,
    pub(super) pages: Vec<SectionNavPage>,
    /// The number of pages of the section when only some are listed.
    pub(super) more: Option<usize>,
}

/// A tag of `page.tags`: linked to its page when the wiki lists tags.
#[derive(Serialize)]
pub(super) struct TagView {
    pub(super) name: String,
    pub(super) href: Option<String>,
}

/// A page linking here, with the sentence around its first link (`page.backlinks`).
#[derive(Serialize)]
pub(super) struct BacklinkView<'a> {
    pub(super) title: &'a str,
    pub(super) href: String,
    pub(super) kind: PageKind,
    pub(super) context: &'a str,
}

/// `page.minutes`: who facilitated, wrote, kept time and took part.
#[derive(Serialize)]
pub(super) struct MinutesView<'a> {
    pub(super) facilitators: &'a [String],
    pub(super) scribes: &'a [String],
    pub(super) timekeepers: &'a [String],
    pub(super) participants: &'a [String],
    pub(super) rotations: &'a [Rotation],
}

/// `page.guide`: the step's number, the step count and the steps around it.
#[derive(Serialize)]
pub(super) struct GuideView {
    pub(super) step: i64,
    pub(super) total: usize,
    pub(super) prev: Option<StepLink>,
    pub(super) next: Option<StepLink>,
}

/// A guide step before or after the page: `{ title, href, step }`.
#[derive(Serialize)]
pub(super) struct StepLink {
    pub(super) title: String,
    pub(super) href: String,
    /// Its number, as `page.guide.step` counts.
    pub(super) step: i64,
}

/// A generated overview concerning a section (`page.overviews`): the
/// weather page from a folder of minutes, the typology overview from a
/// folder of typologies.
#[derive(Serialize)]
pub(super) struct OverviewLink {
    pub(super) title: &'static str,
    pub(super) href: String,
    pub(super) description: &'static str,
}

/// `page.typology`: its axis and level, and the pages that cite it (not
/// repeated in `page.backlinks`).
#[derive(Serialize)]
pub(super) struct TypologyView<'a> {
    pub(super) axis: Option<&'a str>,
    pub(super) level: Option<&'a str>,
    /// Minutes and guide pages that link to this typology.
    pub(super) cited_by: Vec<BacklinkView<'a>>,
}

/// A page of a section, on the section's index (`page.children`).
#[derive(Serialize)]
pub(super) struct ChildView {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) description: Option<String>,
    pub(super) kind: PageKind,
    pub(super) step: Option<i64>,
}

/// A subsection, on its parent's index (`page.subsections`).
#[derive(Serialize)]
pub(super) struct SubsectionView {
    pub(super) title: String,
    pub(super) href: String,
    pub(super) description: Option<String>,
    pub(super) count: usize,
}

/// A heading of `page.toc` (levels 2 and 3).
#[derive(Serialize)]
pub(super) struct TocEntry<'a> {
    pub(super) level: u8,
    pub(super) id: &'a str,
    pub(super) title: &'a str,
}

/// `page`: the page being rendered (a blank one for a generated page).
#[derive(Serialize)]
pub(super) struct PageView<'a> {
    pub(super) title: &'a str,
    pub(super) url: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) kind: &'static str,
    pub(super) content: String,
    pub(super) date: Option<DateView>,
    pub(super) updated: Option<DateView>,
    pub(super) authors: &'a [String],
    pub(super) tags: Vec<TagView>,
    pub(super) toc: Vec<TocEntry<'a>>,
    pub(super) extra: &'a BTreeMap<String, serde_json::Value>,
    pub(super) minutes: Option<MinutesView<'a>>,
    pub(super) guide: Option<GuideView>,
    pub(super) typology: Option<TypologyView<'a>>,
    pub(super) children: Vec<ChildView>,
    pub(super) subsections: Vec<SubsectionView>,
    /// Sections only: the generated overviews that concern the section.
    pub(super) overviews: Vec<OverviewLink>,
    /// Pages linking here, less those `typology.cited_by` lists.
    pub(super) backlinks: Vec<BacklinkView<'a>>,
    /// Pages sharing tags, less those listed as linking here.
    pub(super) see_also: Vec<LinkView>,
    pub(super) edit_url: Option<String>,
    pub(super) history_url: Option<String>,
    /// Who did what on this page (`null` when nobody is credited).
    pub(super) credits: Option<PageCreditsView>,
    /// A stakeholder map: its figure and table (`null` on other pages).
    pub(super) stakeholders: Option<super::stakeholders::StakeholdersView>,
    /// f-actions: the actions of the page (header card of the minutes).
    pub(super) actions: Vec<super::actions::ActionRow>,
    // f-print
    /// The printable document holding this page (`null` when none does).
    pub(super) print_href: Option<String>,
    /// The content holds a Mermaid diagram: the template loads the
    /// diagram scripts (`markdown::DIAGRAM_MARK`).
    pub(super) diagrams: bool,
}

/// The context of a page's template, besides the globals and `section_nav`.
#[derive(Serialize)]
pub(super) struct PageContext<'a> {
    pub(super) root: String,
    pub(super) home_href: String,
    pub(super) sections: Vec<NavItem>,
    pub(super) breadcrumbs: Vec<LinkView>,
    pub(super) page: PageView<'a>,
}

/// `site`, a template global (see `globals.rs`).
#[derive(Serialize)]
pub(super) struct SiteView<'a> {
    pub(super) title: &'a str,
    pub(super) description: Option<&'a str>,
    pub(super) language: &'a str,
    /// The search box is shown (`[search] enabled`).
    pub(super) search: bool,
}
