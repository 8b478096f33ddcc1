//! The printable documents: which sections become one document to print
//! (`<section>/imprimer/`), and which pages each holds, in order. Every
//! section holding guide steps makes one; `[print] sections` adds others
//! (a workshop series). Pure, read by `assemble` (addresses taken, unknown
//! folders) and `render` (the page itself, `render/print.rs`).

use crate::diagnostic::Diagnostic;
use crate::site::{PageId, SectionId, Site};

/// The printable document of a section: its address, below the section's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub section: SectionId,
    /// `guide/imprimer/`.
    pub url: String,
    /// The section's introduction (its index page), when it has a text.
    pub intro: Option<PageId>,
    /// The pages, in reading order: a guide's steps, or every page of the
    /// section and its subsections.
    pub pages: Vec<PageId>,
    /// A guide: its pages are numbered steps.
    pub guide: bool,
}

/// The address of a section's printable document.
pub fn url_of(section_url: &str) -> String {
    format!("{section_url}{}", crate::reserved::PRINT_SLUG)
}

/// The sections `[print] sections` names, each by its folder under
/// `content/` (`ateliers`, `guide/annexes`) or its address.
fn configured(site: &Site, name: &str) -> Option<SectionId> {
    let name = name.trim().trim_matches('/');
    site.sections
        .iter()
        .position(|s| !s.dir.is_empty() && (s.dir == name || s.url.trim_end_matches('/') == name))
}

/// Every printable document of the site, in section order.
pub fn documents(site: &Site) -> Vec<Document> {
    let mut out: Vec<Document> = vec![];
    for (s, sec) in site.sections.iter().enumerate() {
        let steps = site.guide_steps(s);
        let listed = site
            .config
            .print
            .sections
            .iter()
            .any(|n| configured(site, n) == Some(s));
        if steps.is_empty() && !listed {
            continue;
        }
        let pages = if listed {
            let mut all = vec![];
            collect(site, s, &mut all);
            all
        } else {
            steps
        };
        if pages.is_empty() {
            continue;
        }
        let intro = sec
            .index
            .filter(|&i| !site.pages[i].body.html.trim().is_empty());
        out.push(Document {
            section: s,
            url: url_of(&sec.url),
            intro,
            guide: !listed,
            pages,
        });
    }
    out
}

/// The pages of section `s`, then those of its subsections (their index
/// pages first), depth first.
fn collect(site: &Site, s: SectionId, out: &mut Vec<PageId>) {
    out.extend(site.sections[s].pages.iter().copied());
    for &sub in &site.sections[s].subsections {
        if let Some(i) = site.sections[sub].index
            && !site.pages[i].body.html.trim().is_empty()
        {
            out.push(i);
        }
        collect(site, sub, out);
    }
}

/// Errors: a page (or a folder's index page) at a printable document's address, and a
/// folder `[print] sections` names that does not exist.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut diags = vec![];
    for name in &site.config.print.sections {
        if configured(site, name).is_none() {
            diags.push(
                Diagnostic::warning(
                    crate::config::CONFIG_FILE,
                    site.config.print.line,
                    1,
                    crate::messages::msg!("print-unknown-section", name = name.as_str()),
                )
                .with_help(crate::messages::msg!("print-unknown-section-help")),
            );
        }
    }
    for doc in documents(site) {
        for p in site.pages.iter().filter(|p| p.url.starts_with(&doc.url)) {
            diags.push(
                Diagnostic::error(
                    &p.shown,
                    0,
                    0,
                    crate::messages::msg!("print-reserved-address", url = doc.url.as_str()),
                )
                .with_help(crate::messages::msg!("print-reserved-address-help")),
            );
        }
    }
    diags
}
