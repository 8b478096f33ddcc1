//! Lookup tables of the link stage: pages by match key (title, alias, file
//! name, folder), by source path and URL, and pages and files by file name
//! alone; with the search by path and by name that uses them.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use super::normalise_path;
use crate::markdown::LinkKind;
use crate::site::{PageId, Site};
use crate::text::{match_key, slugify};

/// Lookup tables from match keys and paths to pages.
pub(super) struct Index<'a> {
    /// Key → candidates, each with its tier: 0 for a title or alias, 1 for a
    /// file name or path, 2 for a folder's path, 3 for a folder's name.
    /// Tiers 0 and 1 compete together; a folder counts only when no page
    /// is named so.
    pub(super) by_key: HashMap<String, Vec<(u8, PageId)>>,
    by_source: HashMap<&'a str, PageId>,
    by_url: HashMap<&'a str, PageId>,
    /// Lower-case file name → pages and assets of that name (Obsidian
    /// finds a file by its name alone, wherever it is).
    by_name: HashMap<String, Vec<Named<'a>>>,
    /// Match keys of the pages left out (path, file stem) → their path.
    pub(super) unpublished: HashMap<String, &'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Named<'a> {
    Page(PageId),
    Asset(&'a str),
}

fn file_name_key(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_lowercase()
}

pub(super) fn build_index<'a>(site: &'a Site, assets: &'a BTreeSet<String>) -> Index<'a> {
    build_index_of(site, assets, None)
}

/// [`build_index`], its pages by key limited to the keys `only` when given
/// (enough for links whose key is one of them).
pub(super) fn build_index_of<'a>(
    site: &'a Site,
    assets: &'a BTreeSet<String>,
    only: Option<&[String]>,
) -> Index<'a> {
    let mut by_key: HashMap<String, Vec<(u8, PageId)>> = HashMap::new();
    let mut by_source = HashMap::new();
    for (id, p) in site.pages.iter().enumerate() {
        by_source.insert(p.source.as_str(), id);
        let mut keys: Vec<(Cow<'_, str>, u8)> = Vec::with_capacity(6);
        if !is_generated(p) {
            keys.push((Cow::Borrowed(&p.keys.title), 0));
        }
        keys.extend(
            p.keys
                .aliases
                .iter()
                .map(|a| (Cow::Borrowed(a.as_str()), 0)),
        );
        if p.is_index {
            let dir = &site.sections[p.section].dir;
            keys.push((Cow::Owned(match_key(dir)), 2));
            keys.push((
                Cow::Owned(match_key(dir.rsplit('/').next().unwrap_or(dir))),
                3,
            ));
            keys.extend(p.keys.files.first().map(|k| (Cow::Borrowed(k.as_str()), 1)));
        } else {
            keys.extend(p.keys.files.iter().map(|k| (Cow::Borrowed(k.as_str()), 1)));
        }
        keys.sort();
        keys.dedup_by(|a, b| a.0 == b.0);
        for (k, tier) in keys {
            if !k.is_empty() && only.is_none_or(|o| o.iter().any(|w| *w == *k)) {
                by_key.entry(k.into_owned()).or_default().push((tier, id));
            }
        }
    }
    let by_url = site
        .pages
        .iter()
        .enumerate()
        .map(|(id, p)| (p.url.as_str(), id))
        .collect();
    let mut by_name: HashMap<String, Vec<Named<'_>>> = HashMap::new();
    for (id, p) in site.pages.iter().enumerate() {
        by_name
            .entry(file_name_key(&p.source))
            .or_default()
            .push(Named::Page(id));
    }
    for a in assets {
        by_name
            .entry(file_name_key(a))
            .or_default()
            .push(Named::Asset(a));
    }
    let mut unpublished = HashMap::new();
    for source in &site.unpublished {
        let no_ext = source.rsplit_once('.').map_or(source.as_str(), |(s, _)| s);
        let stem = no_ext.rsplit('/').next().unwrap_or(no_ext);
        for k in [no_ext, stem, crate::site::order_prefix(stem).1] {
            unpublished.entry(match_key(k)).or_insert(source.as_str());
        }
    }
    Index {
        by_key,
        by_source,
        by_url,
        by_name,
        unpublished,
    }
}

/// A generated folder page has no title of its own: only its folder names it.
pub(super) fn is_generated(p: &crate::site::Page) -> bool {
    p.is_index && p.body.html.is_empty() && p.front == crate::frontmatter::FrontMatter::default()
}

/// Length of the common folder prefix of two source paths.
pub(super) fn closeness(a: &str, b: &str) -> usize {
    let da: Vec<&str> = a.split('/').collect();
    let db: Vec<&str> = b.split('/').collect();
    da[..da.len() - 1]
        .iter()
        .zip(&db[..db.len() - 1])
        .take_while(|(x, y)| x == y)
        .count()
}

/// A page or file found by its file name alone (`image.png`, `Note.md`):
/// the one of that name nearest to the linking page.
pub(super) fn by_name<'a>(
    site: &Site,
    index: &Index<'a>,
    from_source: &str,
    target: &str,
    kind: LinkKind,
) -> Option<Named<'a>> {
    let key = file_name_key(target.trim_end_matches('/'));
    let mut candidates: Vec<Named<'a>> = index
        .by_name
        .get(&key)?
        .iter()
        .copied()
        .filter(|n| kind == LinkKind::Path || matches!(n, Named::Asset(_)))
        .collect();
    let source = |n: &Named<'a>| match n {
        Named::Page(id) => site.pages[*id].source.clone(),
        Named::Asset(rel) => (*rel).to_string(),
    };
    candidates.sort_by_key(|n| {
        (
            std::cmp::Reverse(closeness(from_source, &source(n))),
            source(n),
        )
    });
    candidates.first().copied()
}

/// `[[dossier/page]]`: relative to the linking page's folder, then to `content/`.
pub(super) fn wiki_path(
    site: &Site,
    index: &Index<'_>,
    page: &crate::site::Page,
    target: &str,
) -> Option<PageId> {
    let dir = page.source.rfind('/').map_or("", |i| &page.source[..i]);
    if !target.starts_with('/')
        && !dir.is_empty()
        && let Some(id) =
            find_page_by_path(site, index, &normalise_path(&format!("{dir}/{target}")))
    {
        return Some(id);
    }
    find_page_by_path(site, index, &normalise_path(target))
}

pub(super) fn find_page_by_path(site: &Site, index: &Index<'_>, joined: &str) -> Option<PageId> {
    let trimmed = joined.trim_end_matches('/');
    let candidates = [
        trimmed.to_string(),
        format!("{trimmed}.md"),
        format!("{trimmed}/_index.md"),
        format!("{trimmed}/index.md"),
        format!("{trimmed}/README.md"),
        format!("{trimmed}/readme.md"),
    ];
    for c in &candidates {
        if let Some(&id) = index.by_source.get(c.as_str()) {
            return Some(id);
        }
    }
    // A link to a published URL (`guide/etape/` or `guide/etape.html`), or
    // a path written the way it reads (`Guide/Démarrer` for `guide/01-demarrer.md`).
    let bare = trimmed
        .trim_end_matches(".html")
        .trim_end_matches("/index")
        .trim_end_matches(".md");
    let mut url = String::new();
    for seg in bare.split('/').filter(|s| !s.is_empty()) {
        let slug = slugify(crate::site::order_prefix(seg).1);
        url.push_str(if slug.is_empty() { "page" } else { &slug });
        url.push('/');
    }
    if let Some(&p) = index.by_url.get(url.as_str()) {
        return Some(p);
    }
    if trimmed.is_empty() {
        return site.home().index;
    }
    None
}
