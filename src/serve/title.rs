//! `serve`'s title path: after an edit that changes a page's title (and
//! perhaps its text) but nothing else of its face, the whole path links the
//! site again, but most pages cannot show the change. Instead of
//! fingerprinting every page (`RenderCache`), the pages whose render inputs
//! are known unchanged are handed to the cache, which reuses their last
//! bytes as they are. A page is re-rendered (or fingerprinted) when:
//!
//! - it was edited;
//! - one of its links now resolves otherwise, or leads to an edited page;
//! - its backlinks changed or list an edited page;
//! - its "see also" lists an edited page (or changes: checked by the cache
//!   once the new lists are known, see `RenderCache::assume_unchanged`);
//! - it is the index of an edited page's section, or near an edited page in
//!   that section (navigation window, guide steps), or the home page;
//! - it embeds an edited page, directly or through other embeds;
//! - it links to a page to create, when the pages to create changed (their
//!   anchors are numbered across the site).
//!
//! Anything else (a page added, removed or moved, sections reordered, an
//! index or a stakeholders page edited, actions in the site) gives
//! `None`: every page is fingerprinted as before.
//!
//! The generated pages get what the edit changed (`TitleEdit`): a tag page,
//! a contributor's page, the pages to create, the typology overview or a
//! printable document that shows none of it keeps its bytes (see
//! `RenderEnv::shows_none_of`); the other generated pages are fingerprinted.
//! `serve::tests` proves the result equal to a clean build.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::frontmatter::PageKind;
use crate::link::{LinkTable, Target};
use crate::render::TitleEdit;
use crate::site::{Page, PageId, Site};

use super::quick::{Last, same_face};

/// The output files (`{url}index.html`) of `site` whose inputs are the same
/// as in `old`, with their page, and what the edit changed (for the
/// generated pages), or `None` when the edit is not one the title path
/// knows (see the module's documentation).
pub(super) fn unchanged(
    old: &Last,
    site: &Site,
    links: &LinkTable,
) -> Option<(HashMap<String, PageId>, TitleEdit)> {
    let before = &old.site;
    if before.pages.len() != site.pages.len()
        || before.sections.len() != site.sections.len()
        || before.config != site.config
        || before.unpublished != site.unpublished
    {
        return None;
    }
    let mut edited = vec![];
    for (id, (a, b)) in before.pages.iter().zip(&site.pages).enumerate() {
        if a.source != b.source
            || a.url != b.url
            || a.section != b.section
            || a.is_index != b.is_index
        {
            return None;
        }
        if a.title == b.title
            && a.front == b.front
            && (std::sync::Arc::ptr_eq(&a.body, &b.body)
                // Made again by `assemble` (a folder's generated index).
                || (same_face(a, b) && format!("{:?}", a.body) == format!("{:?}", b.body)))
        {
            continue;
        }
        if b.is_index || b.kind == PageKind::Stakeholders {
            return None;
        }
        if !same_face_but_title(a, b) {
            return None;
        }
        edited.push(id);
    }
    if edited.is_empty() {
        return None;
    }
    // A section whose pages a new title reorders: all of them.
    let mut reordered = vec![];
    for (a, b) in before.sections.iter().zip(&site.sections) {
        if a.title != b.title
            || a.subsections != b.subsections
            || a.label != b.label
            || a.url != b.url
            || a.index != b.index
        {
            return None;
        }
        if a.pages != b.pages {
            let (mut x, mut y) = (a.pages.clone(), b.pages.clone());
            x.sort_unstable();
            y.sort_unstable();
            if x != y {
                return None;
            }
            reordered.extend(&b.pages);
        }
    }
    if site.pages.iter().any(|p| !p.body.tasks.is_empty()) {
        return None;
    }
    let is_edited = |p: PageId| edited.contains(&p);
    let mut dirty: HashSet<PageId> = edited.iter().chain(&reordered).copied().collect();
    dirty.extend(site.home().index);
    let missing_changed = missing_titles(&old.links) != missing_titles(links);
    let mut backlinks_changed = HashSet::new();
    let mut shows_other = edited.clone();
    for id in 0..site.pages.len() {
        let (t0, t1) = (&old.links.targets[id], &links.targets[id]);
        if t0 != t1
            || t1
                .iter()
                .any(|t| matches!(t, Target::Page { id, .. } if is_edited(*id)))
            || (missing_changed && t1.iter().any(|t| matches!(t, Target::Missing { .. })))
        {
            // What it shows of its links changes, and so its embedders.
            shows_other.push(id);
            dirty.insert(id);
        }
        let moved = old.links.backlinks[id] != links.backlinks[id];
        if moved {
            backlinks_changed.insert(id);
        }
        if moved
            || links.backlinks[id].iter().any(|&(p, _)| is_edited(p))
            || old.kept.wiki.see_also[id].iter().any(|&p| is_edited(p))
        {
            dirty.insert(id);
        }
    }
    // The section of each edited page: its index, its neighbours.
    for &e in &edited {
        let sec = &site.sections[site.pages[e].section];
        dirty.extend(sec.index);
        let pos = sec.pages.iter().position(|&p| p == e)?;
        let near = crate::render::NAV_WINDOW + 1;
        if sec.pages.len() <= crate::render::NAV_WINDOW * 2 + 2 {
            dirty.extend(&sec.pages);
        } else {
            let from = pos.saturating_sub(near);
            dirty.extend(&sec.pages[from..(pos + near + 1).min(sec.pages.len())]);
        }
        if site.pages[e].kind == PageKind::Guide {
            // Guide steps show the step before and after.
            let steps = site.guide_steps(site.pages[e].section);
            let at = steps.iter().position(|&p| p == e)?;
            dirty.extend(steps.get(at.wrapping_sub(1)));
            dirty.extend(steps.get(at + 1));
        }
    }
    // Pages embedding an edited page, directly or through other embeds.
    dirty.extend(super::quick::embedders(site, links, shows_other));
    let pages = site
        .pages
        .iter()
        .enumerate()
        .filter(|(id, _)| !dirty.contains(id))
        .map(|(id, p)| (format!("{}index.html", p.url), id))
        .collect();
    let edit = TitleEdit {
        edited: edited.into_iter().collect(),
        dirty,
        backlinks_changed,
        missing_changed: missing_changed || old.links.missing != links.missing,
        stale: old.stale.clone(),
    };
    Some((pages, edit))
}

/// Whether `new` shows the rest of the site what `old` showed but for its
/// title (see [`same_face`]).
fn same_face_but_title(old: &Page, new: &Page) -> bool {
    let mut was = old.clone();
    was.title.clone_from(&new.title);
    was.keys.title.clone_from(&new.keys.title);
    was.front.title.clone_from(&new.front.title);
    if old.body.leading_h1 != new.body.leading_h1 {
        let mut body = (*old.body).clone();
        body.leading_h1.clone_from(&new.body.leading_h1);
        was.body = std::sync::Arc::new(body);
    }
    same_face(&was, new)
}

/// The titles of the pages to create, with how many links ask for each.
fn missing_titles(links: &LinkTable) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for t in links.targets.iter().flatten() {
        if let Target::Missing { title } = t {
            *m.entry(title.as_str()).or_default() += 1;
        }
    }
    m
}
