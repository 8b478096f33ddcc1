//! `serve`'s quick path: an edit that changes no page's *face* (title,
//! tags, front matter, headings, link targets…) only rewrites the pages that
//! show its body. The last good render is kept ([`Last`]: the linked site,
//! its wiki analysis, navigations, credits, engine and files); such an
//! edit swaps the new bodies into that site and re-renders exactly:
//!
//! - the edited pages;
//! - the pages that embed one of them (`![[Note]]`), and the pages
//!   embedding those;
//! - the printable documents holding one of them (`guide/imprimer/`);
//! - the pages whose backlinks quote a sentence that changed (a link's
//!   context).
//!
//! Nothing is linked, analysed or fingerprinted again, and no git process
//! runs (the edited file's state is inferred, `Builder::settle` checks it
//! once the edits pause). Any other edit takes the whole path
//! (`Builder::render`), which `serve::tests` proves equal to a clean build,
//! and so this one.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use crate::credits::Credits;
use crate::git::{History, Uncommitted};
use crate::link::{LinkTable, Target};
use crate::markdown::{LinkKind, Rendered};
use crate::output::Entry;
use crate::render::Kept;
use crate::site::{Page, PageId, Site};

/// What the last good render left for the next edit.
pub(super) struct Last {
    pub site: Site,
    pub links: LinkTable,
    /// The files the links were resolved against (`content/` but pages).
    pub assets: BTreeSet<String>,
    pub kept: Kept,
    pub credits: Credits,
    pub tera: tera::Tera,
    /// Every file served, the search index's included.
    pub files: HashMap<String, Entry>,
    /// Page by source path (relative to `content/`).
    pub by_source: HashMap<String, PageId>,
    /// The notice of that render (pages left out), shown again.
    pub notice: Option<String>,
    /// The files the quick path rendered since: the render cache holds
    /// older bytes of them (see `render::TitleEdit::stale`).
    pub stale: HashSet<String>,
}

/// Whether `new` (just parsed) shows the rest of the site what `old`
/// (assembled and linked) showed: everything but the body's HTML, the
/// sentences around its links and the places of things in the file.
pub(super) fn same_face(old: &Page, new: &Page) -> bool {
    let (a, b) = (&*old.body, &*new.body);
    old.source == new.source
        && old.shown == new.shown
        && old.front == new.front
        && old.title == new.title
        && old.kind == new.kind
        && old.date == new.date
        && old.updated == new.updated
        && old.keys == new.keys
        && a.html.is_empty() == b.html.is_empty()
        && a.headings == b.headings
        && a.leading_h1 == b.leading_h1
        && a.tags == b.tags
        && a.tasks == b.tasks
        && a.embeds == b.embeds
        && a.blocks.len() == b.blocks.len()
        && a.blocks.iter().zip(&b.blocks).all(|(x, y)| x.0 == y.0)
        && a.links.len() == b.links.len()
        && a.links
            .iter()
            .zip(&b.links)
            .all(|(x, y)| x.asks_as(y) && x.bare == y.bare)
}

/// The pages to render again for `edits` (page, new body), called while
/// `site` still holds the old bodies: the edited pages, the pages whose
/// backlinks quote a sentence that changed, and every page embedding an
/// edited page, directly or through other embeds.
pub(super) fn dirty(
    site: &Site,
    links: &LinkTable,
    edits: &[(PageId, Arc<Rendered>)],
) -> BTreeSet<PageId> {
    let mut dirty = BTreeSet::new();
    for (id, body) in edits {
        dirty.insert(*id);
        let old = &site.pages[*id].body;
        for (n, (a, b)) in old.links.iter().zip(&body.links).enumerate() {
            if a.context != b.context
                && let Some(Target::Page { id: to, .. }) = links.targets[*id].get(n)
            {
                dirty.insert(*to);
            }
        }
    }
    dirty.extend(embedders(site, links, edits.iter().map(|e| e.0).collect()));
    dirty
}

/// The pages that show one of `pages` through embeds, directly or through
/// other embeds (`pages` themselves left out unless they embed each other).
pub(super) fn embedders(site: &Site, links: &LinkTable, pages: Vec<PageId>) -> BTreeSet<PageId> {
    let mut shown_by: HashMap<PageId, Vec<PageId>> = HashMap::new();
    for (from, page) in site.pages.iter().enumerate().filter(|p| p.1.body.embeds) {
        for (l, t) in page.body.links.iter().zip(&links.targets[from]) {
            if let (LinkKind::Embed, Target::Page { id, .. }) = (l.kind, t) {
                shown_by.entry(*id).or_default().push(from);
            }
        }
    }
    let mut found = BTreeSet::new();
    let mut seen: BTreeSet<PageId> = pages.iter().copied().collect();
    let mut stack = pages;
    while let Some(p) = stack.pop() {
        for &e in shown_by.get(&p).into_iter().flatten() {
            if seen.insert(e) {
                found.insert(e);
                stack.push(e);
            }
        }
    }
    found
}

/// Renders `pages` of `last` into its files; `Err` when a page fails (the
/// caller then takes the whole path, which reports it).
pub(super) fn render(last: &mut Last, pages: &BTreeSet<PageId>) -> Result<usize, ()> {
    let env = last
        .kept
        .env(&last.site, &last.links, &last.tera, &last.credits);
    let rendered: Vec<(String, Vec<u8>)> = pages
        .par_iter()
        .map(|&id| {
            let html = env.render_page(id).map_err(|_| ())?;
            Ok((format!("{}index.html", last.site.pages[id].url), html))
        })
        .collect::<Result<_, ()>>()?;
    // f-print: the printable documents showing an edited page.
    let mut rendered = rendered;
    for g in env.printed_with(pages) {
        let html = env.render_generated(g).map_err(|_| ())?;
        rendered.push((g.file(&env), html));
    }
    drop(env);
    let n = rendered.len();
    for (rel, html) in rendered {
        last.stale.insert(rel.clone());
        last.files.insert(rel, Entry::Bytes(Arc::new(html)));
    }
    Ok(n)
}

/// What `git status` would now say of the content file `rel`, changed by
/// an edit (`exists`: it is still there), as far as it can be told without
/// asking git: a committed file edited is modified, a file that was not
/// there is new. `Builder::settle` asks git once the edits pause (a file
/// edited back to its committed text, or ignored by git, reads otherwise).
pub(super) fn infer_uncommitted(history: &mut History, rel: &str, exists: bool) {
    if !exists {
        history.uncommitted.remove(rel);
    } else if !history.uncommitted.contains_key(rel) {
        let state = if history.file(rel).is_some() {
            Uncommitted::Modified
        } else {
            Uncommitted::New
        };
        history.uncommitted.insert(rel.to_string(), state);
    }
}
