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

/// For each page (by id), the first of `docs` that shows it: as its
/// introduction, among its pages, or, for an index page, as the document of
/// the section it introduces. Computed once: a page's "print" link looked
/// through every document's pages, which at 100,000 pages (20,000 in
/// printable documents) made that link cost more than the page.
pub fn document_of_each_page(site: &Site, docs: &[Document]) -> Vec<Option<usize>> {
    let mut of = vec![None; site.pages.len()];
    // Documents in order, each marking the pages no earlier one did.
    for (i, d) in docs.iter().enumerate() {
        for &p in d
            .intro
            .iter()
            .chain(&d.pages)
            .chain(&site.sections[d.section].index)
        {
            of[p].get_or_insert(i);
        }
    }
    of
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `document_of_each_page` gives each page the first document that
    /// shows it, as looking through the documents for each page does: here
    /// a printed folder holds a printed subfolder, whose pages are in both
    /// documents, and whose index page has no text (no introduction).
    #[test]
    fn each_page_gets_the_first_document_that_shows_it() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path();
        let files = [
            (
                "playbook.toml",
                "title = \"T\"\n[print]\nsections = [\"ateliers\", \"ateliers/2024\"]\n",
            ),
            (
                "content/ateliers/_index.md",
                "# Ateliers\n\nLes ateliers.\n",
            ),
            ("content/ateliers/a.md", "# A\n\nTexte.\n"),
            ("content/ateliers/2024/_index.md", "---\ntitle: 2024\n---\n"),
            ("content/ateliers/2024/b.md", "# B\n\nTexte.\n"),
            ("content/ailleurs.md", "# Ailleurs\n\nTexte.\n"),
        ];
        for (rel, text) in files {
            let path = root.join(rel);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("the folder");
            std::fs::write(path, text).expect("the file");
        }
        let config = crate::build::read_config(root).expect("the playbook.toml");
        let site = crate::build::compile(root, config, false).site;
        let mut docs = documents(&site);
        assert_eq!(docs.len(), 2);
        // In both orders, so that a page of both takes each in turn.
        for _ in 0..2 {
            let of = document_of_each_page(&site, &docs);
            for (id, page) in site.pages.iter().enumerate() {
                let first = docs.iter().position(|d| {
                    d.intro == Some(id)
                        || d.pages.contains(&id)
                        || (page.is_index && d.section == page.section)
                });
                assert_eq!(of[id], first, "{}", page.source);
                assert_eq!(
                    first.is_some(),
                    page.source.starts_with("ateliers/"),
                    "{}",
                    page.source
                );
            }
            docs.reverse();
        }
    }
}
