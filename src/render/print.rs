//! The printable document of a section (`guide/imprimer/`, see `print`):
//! a cover (title, site, date of the newest change, contributors), a table
//! of contents, then every page on a page of its own. Links between the
//! document's pages become fragments of the document, every id is scoped
//! by its page's anchor (`body::scope_ids`), and headings go one level
//! down under each page's title. Pure, like the rest of `render`.

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

use super::views::LinkView;
use super::{Generated, RenderEnv};
use crate::date::DateView;
use crate::print::Document;
use crate::site::PageId;

/// A page of the document (`listing.chapters`), and its entry in the
/// table of contents.
#[derive(Serialize)]
struct Chapter<'a> {
    /// Its anchor in the document, the prefix of its ids.
    anchor: String,
    title: &'a str,
    description: Option<&'a str>,
    /// The guide step's number.
    step: Option<i64>,
    content: String,
}

/// `listing` of the printable document's template.
#[derive(Serialize)]
pub(super) struct PrintListing<'a> {
    /// The section's title.
    title: &'a str,
    description: Option<&'a str>,
    /// The section's page on the site.
    section_href: String,
    /// The newest change to any page of the document.
    date: Option<DateView>,
    /// Everyone credited on a page of the document, in order of first credit.
    contributors: Vec<LinkView>,
    /// A guide: its pages are numbered steps.
    guide: bool,
    intro: Option<Chapter<'a>>,
    chapters: Vec<Chapter<'a>>,
}

impl RenderEnv<'_> {
    /// The printable documents that show one of `pages` (for `serve`'s
    /// quick path).
    pub fn printed_with(&self, pages: &BTreeSet<PageId>) -> Vec<Generated> {
        self.print_docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.intro.iter().chain(&d.pages).any(|p| pages.contains(p)))
            .map(|(i, _)| Generated::Print(i))
            .collect()
    }

    /// The title and `listing` of printable document `doc`.
    pub(super) fn print_listing<'a>(&'a self, doc: &Document) -> (&'a str, PrintListing<'a>) {
        let site = self.site;
        let sec = &site.sections[doc.section];
        let from = doc.url.as_str();
        let all: Vec<PageId> = doc.intro.iter().chain(&doc.pages).copied().collect();
        let mut taken = HashSet::new();
        let anchors: HashMap<PageId, String> = all
            .iter()
            .map(|&p| {
                let page = &site.pages[p];
                let base = match page.url.trim_end_matches('/').rsplit('/').next() {
                    _ if doc.intro == Some(p) => "introduction",
                    Some(s) if !s.is_empty() => s,
                    _ => "page",
                };
                let mut a = base.to_string();
                let mut n = 1;
                while !taken.insert(a.clone()) {
                    n += 1;
                    a = format!("{base}-{n}");
                }
                (p, a)
            })
            .collect();
        let chapter = |p: PageId, step: Option<i64>| {
            let page = &site.pages[p];
            Chapter {
                anchor: anchors[&p].clone(),
                title: if doc.intro == Some(p) {
                    self.strings["print_intro"]
                } else {
                    &page.title
                },
                description: if doc.intro == Some(p) {
                    None
                } else {
                    page.front.description.as_deref()
                },
                step,
                content: demote_headings(&self.resolve_body_in(p, from, &anchors)),
            }
        };
        let chapters = doc
            .pages
            .iter()
            .enumerate()
            .map(|(i, &p)| {
                let step = doc
                    .guide
                    .then(|| site.pages[p].front.order.unwrap_or(i as i64 + 1));
                chapter(p, step)
            })
            .collect();
        let mut people: Vec<usize> = vec![];
        for &p in &all {
            if let Some(pc) = self.credits.pages.get(p) {
                for rc in &pc.roles {
                    for &i in &rc.people {
                        if !people.contains(&i) {
                            people.push(i);
                        }
                    }
                }
            }
        }
        let date = all
            .iter()
            .filter_map(|&p| {
                let page = &site.pages[p];
                page.updated.or_else(|| self.git_updated(p)).or(page.date)
            })
            .max();
        let listing = PrintListing {
            title: &sec.title,
            description: sec.description.as_deref(),
            section_href: self.href(from, &sec.url),
            date: date.map(|d| d.view(&site.config.language)),
            contributors: people.iter().map(|&i| self.person_link(from, i)).collect(),
            guide: doc.guide,
            intro: doc.intro.map(|p| chapter(p, None)),
            chapters,
        };
        (&sec.title, listing)
    }
}

impl PrintListing<'_> {
    /// Whether a page of the document draws a diagram.
    pub(super) fn draws(&self) -> bool {
        self.intro
            .iter()
            .chain(&self.chapters)
            .any(|c| c.content.contains(crate::markdown::DIAGRAM_MARK))
    }
}

/// Headings one level down (`h2` → `h3`…, `h6` stays): in the document a
/// page's title is the `h2`.
fn demote_headings(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len() + 64);
    let mut kept = 0;
    for at in memchr::memchr_iter(b'<', bytes) {
        // `<h2`…`<h5`, or `</h2>`…`</h5>`: the digit goes up by one.
        let (digit, closing) = match bytes.get(at + 1) {
            Some(b'h') => (at + 2, false),
            Some(b'/') if bytes.get(at + 2) == Some(&b'h') => (at + 3, true),
            _ => continue,
        };
        let Some(&d @ b'2'..=b'5') = bytes.get(digit) else {
            continue;
        };
        if closing && bytes.get(digit + 1) != Some(&b'>') {
            continue;
        }
        out.push_str(&html[kept..digit]);
        out.push(char::from(d + 1));
        kept = digit + 1;
    }
    out.push_str(&html[kept..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn headings_go_one_level_down() {
        assert_eq!(
            super::demote_headings("<h2 id=\"a\">A</h2><h3>B</h3><h6>C</h6><header>"),
            "<h3 id=\"a\">A</h3><h4>B</h4><h6>C</h6><header>"
        );
        assert_eq!(
            super::demote_headings("<h5>x</h5 ><h2\n></h4><h1></h1></h"),
            "<h6>x</h5 ><h3\n></h5><h1></h1></h"
        );
    }
}
