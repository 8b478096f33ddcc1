//! Link stage: resolves every link of every page against the whole site.
//!
//! Pure: takes the assembled [`Site`] and the list of asset paths, returns a
//! [`LinkTable`] (one [`Target`] per link placeholder, plus backlinks and
//! missing pages) and diagnostics. Matching is forgiving: case, accents,
//! Unicode normalisation, spaces, hyphens and underscores are ignored (see
//! `text::match_key`). An ambiguous link goes to the candidate nearest by
//! path, with a warning naming every candidate.
//!
//! This file holds the table and the resolution of one link; `index` finds
//! pages and files by key, name and path, `anchor` finds the heading a link
//! points at, and `embeds` warns about embeds that would show without end.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown::{LinkKind, LinkRef};
use crate::messages::{Message, msg};
use crate::site::{Page, PageId, Site};
use crate::text::slugify;

mod anchor;
mod embeds;
mod index;

use anchor::anchor_of;
use embeds::embed_cycles;
use index::{Index, Named, build_index, by_name, closeness, find_page_by_path, wiki_path};

/// Where a link goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Another page (or the same page), with the id of a heading.
    Page { id: PageId, anchor: Option<String> },
    /// A page that does not exist yet ("red link").
    Missing { title: String },
    /// A file copied from `content/`, by its path relative to `content/`.
    Asset {
        rel: String,
        fragment: Option<String>,
    },
    /// A local URL that matches nothing (the text stays, without an address).
    Unresolved { url: String },
    /// `#tag`: the page of that tag (`crate::reserved::TAGS_URL`), by its slug.
    Tag { slug: String },
    /// A page left out of the site because it cannot be read (see
    /// `Site::unpublished`), by its path relative to `content/`.
    Unpublished { source: String },
}

/// Resolution of the whole site.
#[derive(Debug, Clone, Default)]
pub struct LinkTable {
    /// `targets[page][n]` is where placeholder `n` of `page` goes.
    pub targets: Vec<Vec<Target>>,
    /// Pages linking to each page, with the index of their first link to it;
    /// sorted by page, one entry per page, no self-links.
    pub backlinks: Vec<Vec<(PageId, usize)>>,
    /// Missing titles with the pages asking for them.
    pub missing: BTreeMap<String, BTreeSet<PageId>>,
}

/// Resolves all links of the site.
pub fn resolve(site: &Site, assets: &BTreeSet<String>) -> (LinkTable, Vec<Diagnostic>) {
    let index = build_index(site, assets);
    // Each page's links on their own (in parallel), their warnings kept in
    // page order; then the backlinks and missing pages, in page order too.
    let resolved: Vec<(Vec<Target>, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .enumerate()
        .map(|(id, page)| {
            let mut diags = vec![];
            let targets = page
                .body
                .links
                .iter()
                .map(|link| resolve_one(site, &index, assets, id, link, &mut diags))
                .collect();
            (targets, diags)
        })
        .collect();
    let (table, mut diags) = table_of(resolved);
    embed_cycles(site, &table, &mut diags);
    (table, diags)
}

/// The table of each page's targets, with the backlinks and the pages to
/// create they give, and their warnings (in page order).
fn table_of(resolved: Vec<(Vec<Target>, Vec<Diagnostic>)>) -> (LinkTable, Vec<Diagnostic>) {
    let mut diags = vec![];
    let mut targets = Vec::with_capacity(resolved.len());
    for (t, d) in resolved {
        diags.extend(d);
        targets.push(t);
    }
    let mut table = LinkTable {
        backlinks: vec![vec![]; targets.len()],
        targets: vec![],
        missing: BTreeMap::new(),
    };
    for (id, targets) in targets.iter().enumerate() {
        for (n, t) in targets.iter().enumerate() {
            match t {
                Target::Page { id: to, .. } if *to != id => table.backlinks[*to].push((id, n)),
                Target::Missing { title } => {
                    table.missing.entry(title.clone()).or_default().insert(id);
                }
                _ => {}
            }
        }
    }
    for b in &mut table.backlinks {
        b.sort_unstable();
        b.dedup_by_key(|e| e.0);
    }
    table.targets = targets;
    (table, diags)
}

/// The match keys that changed between `before` and `site`, when titles
/// are all that changed of what linking reads (else `None`): the former
/// and new title keys of each page retitled. Linking reads of a page its
/// path, address, place, title, aliases, file names, links and the ids of
/// its headings and blocks (`same_link_face`); of the site, the folders'
/// paths, the home page and the pages left out. The files (`assets`) are
/// the caller's to compare.
pub fn retitled_keys(before: &Site, site: &Site) -> Option<Vec<String>> {
    if before.pages.len() != site.pages.len()
        || before.unpublished != site.unpublished
        || before.sections.len() != site.sections.len()
        || before.home().index != site.home().index
        || before
            .sections
            .iter()
            .zip(&site.sections)
            .any(|(a, b)| a.dir != b.dir)
    {
        return None;
    }
    if !before
        .pages
        .par_iter()
        .zip(&site.pages)
        .all(|(a, b)| same_link_face(a, b))
    {
        return None;
    }
    let mut keys = vec![];
    for (a, b) in before.pages.iter().zip(&site.pages) {
        if a.title != b.title || a.keys.title != b.keys.title {
            keys.extend([a.keys.title.clone(), b.keys.title.clone()]);
        }
    }
    keys.sort_unstable();
    keys.dedup();
    Some(keys)
}

/// Whether linking reads the same of pages `a` and `b` but their titles.
fn same_link_face(a: &Page, b: &Page) -> bool {
    let (x, y) = (&*a.body, &*b.body);
    a.source == b.source
        && a.url == b.url
        && a.section == b.section
        && a.is_index == b.is_index
        && index::is_generated(a) == index::is_generated(b)
        && a.front.aliases == b.front.aliases
        && a.keys.aliases == b.keys.aliases
        && a.keys.files == b.keys.files
        && x.links.len() == y.links.len()
        && x.links.iter().zip(&y.links).all(|(l, m)| l.asks_as(m))
        && x.headings.len() == y.headings.len()
        && x.headings
            .iter()
            .zip(&y.headings)
            .all(|(h, g)| h.id == g.id && h.key == g.key && h.title == g.title)
        && x.blocks.len() == y.blocks.len()
        && x.blocks.iter().zip(&y.blocks).all(|(p, q)| p.0 == q.0)
}

/// The table of `site` from `old`, the table of a site that differed from
/// it only in the titles of pages whose former and new title keys are
/// `keys` (see [`retitled_keys`]): only the wikilinks and embeds whose key
/// is one of `keys` can resolve otherwise, and are resolved again.
///
/// Returns the warnings of those links only: `serve` shows errors, which
/// linking never gives.
pub fn resolve_retitled(
    site: &Site,
    assets: &BTreeSet<String>,
    old: &LinkTable,
    keys: &[String],
) -> (LinkTable, Vec<Diagnostic>) {
    let index = index::build_index_of(site, assets, Some(keys));
    let again = |link: &LinkRef| {
        matches!(link.kind, LinkKind::Wiki | LinkKind::Embed) && keys.contains(&link.key)
    };
    let resolved: Vec<(Vec<Target>, Vec<Diagnostic>)> = site
        .pages
        .par_iter()
        .zip(&old.targets)
        .enumerate()
        .map(|(id, (page, before))| {
            let mut diags = vec![];
            let mut targets = before.clone();
            for (n, link) in page.body.links.iter().enumerate() {
                if again(link) {
                    targets[n] = resolve_one(site, &index, assets, id, link, &mut diags);
                }
            }
            (targets, diags)
        })
        .collect();
    table_of(resolved)
}

fn resolve_one(
    site: &Site,
    index: &Index<'_>,
    assets: &BTreeSet<String>,
    from: PageId,
    link: &LinkRef,
    diags: &mut Vec<Diagnostic>,
) -> Target {
    let page = &site.pages[from];
    match link.kind {
        LinkKind::Tag => Target::Tag {
            slug: slugify(&link.target),
        },
        // `[[schema.png]]`: a file, found by its name as Obsidian does.
        LinkKind::Wiki | LinkKind::Embed
            if has_file_extension(&link.target)
                && let Some(Named::Asset(rel)) =
                    by_name(site, index, &page.source, &link.target, LinkKind::Image) =>
        {
            Target::Asset {
                rel: rel.to_string(),
                fragment: None,
            }
        }
        LinkKind::Wiki | LinkKind::Embed => {
            let target = if link.target.is_empty() {
                Some(from)
            } else if let Some(id) = link
                .target
                .contains('/')
                .then(|| wiki_path(site, index, page, &link.target))
                .flatten()
            {
                Some(id)
            } else {
                let key = &link.key;
                let best: Option<Vec<PageId>> = index.by_key.get(key).map(|c| {
                    // Titles and aliases (tier 0) compete with file names
                    // (tier 1): playbook links by title, Obsidian and Foam
                    // by file name, and a vault brought in may do both. A
                    // folder (tiers 2, 3) counts when no page is named so.
                    let tier = c.iter().map(|t| t.0).min().unwrap_or(0).max(1);
                    let mut ids: Vec<PageId> =
                        c.iter().filter(|t| t.0 <= tier).map(|t| t.1).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                });
                match best.as_deref() {
                    None | Some([]) => None,
                    Some([one]) => Some(*one),
                    Some(many) => {
                        let mut ranked: Vec<PageId> = many.to_vec();
                        // The page the link names exactly (`[[lint]]` the
                        // file `lint.md`, `[[Lint]]` the page titled so)
                        // first, then the nearest.
                        ranked.sort_by_key(|&c| {
                            (
                                !names_exactly(&site.pages[c], &link.target),
                                std::cmp::Reverse(closeness(&page.source, &site.pages[c].source)),
                                site.pages[c].source.clone(),
                            )
                        });
                        let names: Vec<String> = ranked
                            .iter()
                            .map(|&c| format!("`{}`", site.pages[c].source))
                            .collect();
                        diags.push(at_link(
                            Severity::Warning,
                            page,
                            link,
                            msg!(
                                "link-ambiguous",
                                target = &link.target,
                                pages = names.join(", "),
                                chosen = &names[0]
                            ),
                            msg!("link-ambiguous-help"),
                        ));
                        Some(ranked[0])
                    }
                }
            };
            match target {
                Some(id) => Target::Page {
                    id,
                    anchor: anchor_of(site, id, link, diags, from),
                },
                None if index.unpublished.contains_key(&link.key) => {
                    unpublished_link(page, link, index.unpublished[&link.key], diags)
                }
                None => {
                    diags.push(at_link(
                        Severity::Note,
                        page,
                        link,
                        msg!("link-to-create-wiki", target = &link.target),
                        msg!("link-to-create-wiki-help"),
                    ));
                    Target::Missing {
                        title: link.target.clone(),
                    }
                }
            }
        }
        // `[texte](#section)`: this page.
        LinkKind::Path if link.target.is_empty() => Target::Page {
            id: from,
            anchor: anchor_of(site, from, link, diags, from),
        },
        LinkKind::Path | LinkKind::Image => {
            let decoded = percent_decode(&link.target);
            let dir = page.source.rfind('/').map_or("", |i| &page.source[..i]);
            let joined = if let Some(abs) = decoded.strip_prefix('/') {
                normalise_path(abs)
            } else {
                normalise_path(&format!("{dir}/{decoded}"))
            };
            // As written (relative to the page, or from the root), then from
            // the root as Obsidian writes paths, then by file name alone.
            let from_root = normalise_path(&decoded);
            for path in [&joined, &from_root] {
                if link.kind == LinkKind::Path
                    && let Some(id) = find_page_by_path(site, index, path)
                {
                    return Target::Page {
                        id,
                        anchor: anchor_of(site, id, link, diags, from),
                    };
                }
                if assets.contains(path.as_str()) {
                    return Target::Asset {
                        rel: path.clone(),
                        fragment: link.anchor.clone(),
                    };
                }
            }
            if let Some(found) = by_name(site, index, &page.source, &decoded, link.kind) {
                return match found {
                    Named::Page(id) => Target::Page {
                        id,
                        anchor: anchor_of(site, id, link, diags, from),
                    },
                    Named::Asset(rel) => Target::Asset {
                        rel: rel.to_string(),
                        fragment: link.anchor.clone(),
                    },
                };
            }
            for path in [&joined, &from_root] {
                let no_ext = path.rsplit_once('.').map_or(path.as_str(), |(s, _)| s);
                if let Some(source) = site.unpublished.iter().find(|u| {
                    u.as_str() == path.as_str()
                        || u.rsplit_once('.').is_some_and(|(s, _)| s == no_ext)
                }) {
                    return unpublished_link(page, link, source, diags);
                }
            }
            // A page that is not written yet is a page to create; a missing
            // file is only reported.
            let is_page = link.kind == LinkKind::Path && {
                let name = decoded.rsplit('/').next().unwrap_or(&decoded);
                let lower = name.to_ascii_lowercase();
                crate::load::is_markdown(&lower) || !name.contains('.')
            };
            if is_page && !decoded.is_empty() {
                let name = decoded.rsplit('/').next().unwrap_or(&decoded);
                let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
                let title = crate::site::prettify(crate::site::order_prefix(stem).1);
                diags.push(at_link(
                    Severity::Note,
                    page,
                    link,
                    msg!("link-to-create", target = &link.target),
                    msg!("link-to-create-help"),
                ));
                return Target::Missing { title };
            }
            diags.push(at_link(
                Severity::Warning,
                page,
                link,
                msg!("link-broken", target = &link.target),
                msg!("link-broken-help"),
            ));
            let mut url = link.target.clone();
            if let Some(a) = &link.anchor {
                url.push('#');
                url.push_str(a);
            }
            Target::Unresolved { url }
        }
    }
}

/// Whether `target` is, character for character, the title, an alias or
/// the file name (without extension) of `page`.
fn names_exactly(page: &crate::site::Page, target: &str) -> bool {
    let target = target.trim();
    page.title == target
        || crate::site::stem(&page.source) == target
        || page.front.aliases.iter().any(|a| a == target)
}

/// A name ending with an extension other than Markdown's (`schema.png`).
fn has_file_extension(target: &str) -> bool {
    let name = target.rsplit('/').next().unwrap_or(target);
    name.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty()
            && (1..=5).contains(&ext.len())
            && ext.chars().all(|c| c.is_ascii_alphanumeric())
            && !ext.eq_ignore_ascii_case("md")
    })
}

/// A link to a page left out of the site: said at the link, and shown so.
fn unpublished_link(
    page: &crate::site::Page,
    link: &LinkRef,
    source: &str,
    diags: &mut Vec<Diagnostic>,
) -> Target {
    diags.push(at_link(
        Severity::Warning,
        page,
        link,
        msg!("link-unpublished", source = source),
        msg!("link-unpublished-help"),
    ));
    Target::Unpublished {
        source: source.to_string(),
    }
}

/// A diagnostic at `link`, in the page it is written in, with its help.
fn at_link(
    severity: Severity,
    page: &Page,
    link: &LinkRef,
    message: Message,
    help: Message,
) -> Diagnostic {
    Diagnostic::new(severity, &page.shown, link.line, link.col, message).with_help(help)
}

/// Resolves `.` and `..` in a `/`-separated path (never above the root).
pub fn normalise_path(p: &str) -> String {
    let mut parts: Vec<&str> = vec![];
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// `s` with its `%XX` escapes decoded, or as it is when that is not UTF-8.
fn percent_decode(s: &str) -> String {
    crate::text::percent_decode(s).unwrap_or_else(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(
            normalise_path("guide/../typologies/./a.md"),
            "typologies/a.md"
        );
        assert_eq!(normalise_path("../../x"), "x");
        assert_eq!(percent_decode("fiche%20%C3%A9t%C3%A9.md"), "fiche été.md");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn closeness_counts_common_folders() {
        assert_eq!(closeness("a/b/x.md", "a/b/y.md"), 2);
        assert_eq!(closeness("a/b/x.md", "a/c/y.md"), 1);
        assert_eq!(closeness("x.md", "a/y.md"), 0);
    }
}
