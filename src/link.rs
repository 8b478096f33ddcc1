//! Link stage: resolves every link of every page against the whole site.
//!
//! Pure: takes the assembled [`Site`] and the list of asset paths, returns a
//! [`LinkTable`] (one [`Target`] per link placeholder, plus backlinks and
//! missing pages) and diagnostics. Matching is forgiving: case, accents,
//! Unicode normalisation, spaces, hyphens and underscores are ignored (see
//! `text::match_key`). An ambiguous link goes to the candidate nearest by
//! path, with a warning naming every candidate.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::diagnostic::Diagnostic;
use crate::markdown::{LinkKind, LinkRef};
use crate::messages::msg;
use crate::site::{PageId, Site};
use crate::text::{match_key, slugify};

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

/// Lookup tables from match keys and paths to pages.
struct Index<'a> {
    /// Key → candidates, each with its tier: 0 for a title or alias, 1 for a
    /// file name or path, 2 for a folder name. Only the best tier competes.
    by_key: HashMap<String, Vec<(u8, PageId)>>,
    by_source: HashMap<&'a str, PageId>,
    by_url: HashMap<&'a str, PageId>,
    /// Lower-case file name → pages and assets of that name (Obsidian
    /// finds a file by its name alone, wherever it is).
    by_name: HashMap<String, Vec<Named<'a>>>,
    /// Match keys of the pages left out (path, file stem) → their path.
    unpublished: HashMap<String, &'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named<'a> {
    Page(PageId),
    Asset(&'a str),
}

fn file_name_key(path: &str) -> String {
    path.rsplit('/').next().unwrap_or(path).to_lowercase()
}

fn build_index<'a>(site: &'a Site, assets: &'a BTreeSet<String>) -> Index<'a> {
    let mut by_key: HashMap<String, Vec<(u8, PageId)>> = HashMap::new();
    let mut by_source = HashMap::new();
    for (id, p) in site.pages.iter().enumerate() {
        by_source.insert(p.source.as_str(), id);
        // A generated folder page has no title of its own: only its folder names it.
        let generated = p.is_index && p.body.html.is_empty() && p.front == Default::default();
        let mut keys: Vec<(String, u8)> = Vec::with_capacity(6);
        if !generated {
            keys.push((p.keys.title.clone(), 0));
        }
        keys.extend(p.keys.aliases.iter().map(|a| (a.clone(), 0)));
        if p.is_index {
            let dir = &site.sections[p.section].dir;
            keys.push((match_key(dir), 1));
            keys.push((match_key(dir.rsplit('/').next().unwrap_or(dir)), 2));
            keys.extend(p.keys.files.first().map(|k| (k.clone(), 1)));
        } else {
            keys.extend(p.keys.files.iter().map(|k| (k.clone(), 1)));
        }
        keys.sort();
        keys.dedup_by(|a, b| a.0 == b.0);
        for (k, tier) in keys.into_iter().filter(|k| !k.0.is_empty()) {
            by_key.entry(k).or_default().push((tier, id));
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

/// Length of the common folder prefix of two source paths.
fn closeness(a: &str, b: &str) -> usize {
    let da: Vec<&str> = a.split('/').collect();
    let db: Vec<&str> = b.split('/').collect();
    da[..da.len() - 1]
        .iter()
        .zip(&db[..db.len() - 1])
        .take_while(|(x, y)| x == y)
        .count()
}

/// Resolves all links of the site.
pub fn resolve(site: &Site, assets: &BTreeSet<String>) -> (LinkTable, Vec<Diagnostic>) {
    let index = build_index(site, assets);
    let mut diags = vec![];
    let mut table = LinkTable {
        targets: Vec::with_capacity(site.pages.len()),
        backlinks: vec![vec![]; site.pages.len()],
        missing: BTreeMap::new(),
    };
    for (id, page) in site.pages.iter().enumerate() {
        let mut targets = Vec::with_capacity(page.body.links.len());
        for (n, link) in page.body.links.iter().enumerate() {
            let t = resolve_one(site, &index, assets, id, link, &mut diags);
            match &t {
                Target::Page { id: to, .. } if *to != id => table.backlinks[*to].push((id, n)),
                Target::Missing { title } => {
                    table.missing.entry(title.clone()).or_default().insert(id);
                }
                _ => {}
            }
            targets.push(t);
        }
        table.targets.push(targets);
    }
    for b in &mut table.backlinks {
        b.sort_unstable();
        b.dedup_by_key(|e| e.0);
    }
    embed_cycles(site, &table, &mut diags);
    (table, diags)
}

/// An embed: the page it is written in, and its link's number.
type Embed = (PageId, usize);

/// The embeds that showing embed `(page, n)` shows in turn: each with the
/// page it leads to and whether it shows that whole page.
fn embeds_shown(site: &Site, table: &LinkTable, (page, n): Embed) -> Vec<(Embed, PageId, bool)> {
    let Some(Target::Page { id: to, anchor }) = table.targets[page].get(n) else {
        return vec![];
    };
    let Some(html) = site.pages[*to].body.part(anchor.as_deref()) else {
        return vec![];
    };
    crate::markdown::Rendered::embeds_in(html)
        .filter_map(|m| match table.targets[*to].get(m) {
            Some(Target::Page { id: next, anchor }) => Some(((*to, m), *next, anchor.is_none())),
            _ => None,
        })
        .collect()
}

/// An embed whose content, followed through its own embeds, comes back to
/// it (A embeds B, which embeds A), or shows a whole page inside itself,
/// would show without end: the render shows a link where the loop closes
/// (`render::body`), and each embed that starts such a loop gets a warning.
/// Embedding another part of the same page is fine, as long as that part
/// does not hold the embed.
fn embed_cycles(site: &Site, table: &LinkTable, diags: &mut Vec<Diagnostic>) {
    for id in (0..site.pages.len()).filter(|&p| site.pages[p].body.embeds) {
        for (n, l) in site.pages[id].body.links.iter().enumerate() {
            if l.kind != LinkKind::Embed {
                continue;
            }
            let Some(Target::Page { id: first, anchor }) = table.targets[id].get(n) else {
                continue;
            };
            // Depth first, as the render goes: the embeds shown so far, and
            // the whole pages shown so far.
            let mut stack = vec![(vec![(id, n)], vec![id], *first, anchor.is_none())];
            let mut cycle = None;
            'walk: while let Some((trail, wholes, to, whole)) = stack.pop() {
                if whole && wholes.contains(&to) {
                    cycle = Some((trail, to));
                    break;
                }
                if trail.len() > 10 {
                    continue;
                }
                let mut wholes = wholes;
                if whole {
                    wholes.push(to);
                }
                let Some(&last) = trail.last() else { continue };
                for (next, next_to, next_whole) in embeds_shown(site, table, last) {
                    if trail.contains(&next) {
                        cycle = Some((trail.clone(), next_to));
                        break 'walk;
                    }
                    let mut t = trail.clone();
                    t.push(next);
                    stack.push((t, wholes.clone(), next_to, next_whole));
                }
            }
            let Some((trail, back)) = cycle else { continue };
            let mut names: Vec<String> = trail
                .iter()
                .map(|(p, _)| format!("`{}`", site.pages[*p].title))
                .collect();
            names.push(format!("`{}`", site.pages[back].title));
            names.dedup();
            diags.push(
                Diagnostic::warning(
                    &site.pages[id].shown,
                    l.line,
                    l.col,
                    msg!("link-embed-cycle", pages = names.join(" → ")),
                )
                .with_help(msg!("link-embed-cycle-help")),
            );
        }
    }
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
                    let tier = c.iter().map(|t| t.0).min().unwrap_or(0);
                    let mut ids: Vec<PageId> =
                        c.iter().filter(|t| t.0 == tier).map(|t| t.1).collect();
                    ids.sort_unstable();
                    ids.dedup();
                    ids
                });
                match best.as_deref() {
                    None | Some([]) => None,
                    Some([one]) => Some(*one),
                    Some(many) => {
                        let mut ranked: Vec<PageId> = many.to_vec();
                        ranked.sort_by_key(|&c| {
                            (
                                std::cmp::Reverse(closeness(&page.source, &site.pages[c].source)),
                                site.pages[c].source.clone(),
                            )
                        });
                        let names: Vec<String> = ranked
                            .iter()
                            .map(|&c| format!("`{}`", site.pages[c].source))
                            .collect();
                        diags.push(
                            Diagnostic::warning(
                                &page.shown,
                                link.line,
                                link.col,
                                msg!(
                                    "link-ambiguous",
                                    target = &link.target,
                                    pages = names.join(", "),
                                    chosen = &names[0]
                                ),
                            )
                            .with_help(msg!("link-ambiguous-help")),
                        );
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
                    diags.push(
                        Diagnostic::note(
                            &page.shown,
                            link.line,
                            link.col,
                            msg!("link-to-create-wiki", target = &link.target),
                        )
                        .with_help(msg!("link-to-create-wiki-help")),
                    );
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
                diags.push(
                    Diagnostic::note(
                        &page.shown,
                        link.line,
                        link.col,
                        msg!("link-to-create", target = &link.target),
                    )
                    .with_help(msg!("link-to-create-help")),
                );
                return Target::Missing { title };
            }
            diags.push(
                Diagnostic::warning(
                    &page.shown,
                    link.line,
                    link.col,
                    msg!("link-broken", target = &link.target),
                )
                .with_help(msg!("link-broken-help")),
            );
            let mut url = link.target.clone();
            if let Some(a) = &link.anchor {
                url.push('#');
                url.push_str(a);
            }
            Target::Unresolved { url }
        }
    }
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
    diags.push(
        Diagnostic::warning(
            &page.shown,
            link.line,
            link.col,
            msg!("link-unpublished", source = source),
        )
        .with_help(msg!("link-unpublished-help")),
    );
    Target::Unpublished {
        source: source.to_string(),
    }
}

/// A page or file found by its file name alone (`image.png`, `Note.md`):
/// the one of that name nearest to the linking page.
fn by_name<'a>(
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
fn wiki_path(
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

fn find_page_by_path(site: &Site, index: &Index<'_>, joined: &str) -> Option<PageId> {
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

/// Finds the heading id for `link.anchor` in page `id`, warning when absent.
fn anchor_of(
    site: &Site,
    id: PageId,
    link: &LinkRef,
    diags: &mut Vec<Diagnostic>,
    from: PageId,
) -> Option<String> {
    let anchor = link.anchor.as_ref()?;
    let target = &site.pages[id];
    let page = &site.pages[from];
    // `[[Note#^bloc]]`: an Obsidian block id.
    if anchor.starts_with('^') && target.body.blocks.iter().any(|(b, _)| b == anchor) {
        return Some(anchor.clone());
    }
    // `[[Note#Titre#Sous-titre]]`: the last heading, under the first.
    let parts: Vec<&str> = anchor.split('#').filter(|p| !p.trim().is_empty()).collect();
    let last = parts.last().copied().unwrap_or(anchor);
    // Slug and key computed once: a page may have thousands of headings.
    let keyed = |part: &str| (part.to_string(), slugify(part), match_key(part));
    let matches = |h: &crate::markdown::Heading, (part, slug, key): &(String, String, String)| {
        h.id == *part || h.id == *slug || h.key == *key
    };
    let headings = &target.body.headings;
    // The whole anchor first: a heading may hold a `#` (`Rotation #4`).
    let whole = keyed(anchor);
    if let Some(h) = headings.iter().find(|h| matches(h, &whole)) {
        return Some(h.id.clone());
    }
    let wanted = keyed(last);
    let under = parts
        .first()
        .filter(|_| parts.len() > 1)
        .map(|first| keyed(first))
        .and_then(|first| headings.iter().position(|h| matches(h, &first)))
        .unwrap_or(0);
    if let Some(h) = headings[under..]
        .iter()
        .find(|h| matches(h, &wanted))
        .or_else(|| headings.iter().find(|h| matches(h, &wanted)))
    {
        return Some(h.id.clone());
    }
    // Another tool's slug of the same heading (MkDocs drops `°`, we write `deg`).
    let loose = ascii_slug(last);
    if let Some(h) = headings
        .iter()
        .find(|h| ascii_slug(&h.title) == loose && !loose.is_empty())
    {
        diags.push(
            Diagnostic::note(
                &page.shown,
                link.line,
                link.col,
                msg!("anchor-other-tool", anchor = anchor, id = &h.id),
            )
            .with_help(msg!("anchor-other-tool-help", id = &h.id)),
        );
        return Some(h.id.clone());
    }
    // Footnotes and ids written by hand are kept as they are.
    if anchor.starts_with("fn") {
        return Some(anchor.clone());
    }
    diags.push(
        Diagnostic::warning(
            &page.shown,
            link.line,
            link.col,
            msg!("anchor-broken", page = &target.title, anchor = anchor),
        )
        .with_help(if target.body.headings.is_empty() {
            msg!("anchor-broken-no-headings")
        } else {
            msg!(
                "anchor-broken-sections",
                sections = target
                    .body
                    .headings
                    .iter()
                    .take(8)
                    .map(|h| h.title.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        }),
    );
    Some(slugify(anchor))
}

/// A slug the way MkDocs and Python-Markdown make one: letters that are
/// not ASCII once decomposed are dropped, not spelled out.
fn ascii_slug(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = s.nfkd().filter(char::is_ascii).collect();
    slugify(&ascii)
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
