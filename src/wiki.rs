//! Wiki analysis: tags, "see also", pages to create and orphans, computed
//! once from the site and its link table. Pure.
//!
//! The addresses of the generated pages are in `crate::reserved`.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::frontmatter::PageKind;
use crate::link::{LinkTable, Target};
use crate::site::{PageId, Site};
use crate::text::{match_key, slugify};

/// The "météo" entries of every minutes page (front matter `weather`).
pub fn weather_points(site: &Site) -> Vec<crate::weather::WeatherPoint> {
    let mut points = vec![];
    for p in site.pages.iter().filter(|p| p.kind == PageKind::Minutes) {
        let Some(serde_json::Value::Array(entries)) = p.front.extra.get("weather") else {
            continue;
        };
        for e in entries {
            let field = |k: &str| {
                e.get(k)
                    .and_then(|v| v.as_str())
                    .unwrap_or("")
                    .trim()
                    .to_string()
            };
            let (who, weather) = (field("who"), field("weather"));
            if weather.is_empty() {
                continue;
            }
            points.push(crate::weather::WeatherPoint {
                date: p.date.map(|d| d.iso()).or_else(|| p.front.date.clone()),
                page: p.title.clone(),
                who,
                weather,
                comment: field("comment"),
            });
        }
    }
    points
}

/// One tag and the pages carrying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The most used spelling.
    pub name: String,
    pub slug: String,
    /// Pages, in display order (title).
    pub pages: Vec<PageId>,
}

/// A page that does not exist yet and the pages that ask for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    pub title: String,
    /// `match_key` shared by every spelling of the title.
    pub key: String,
    /// Anchor on the "pages to create" page.
    pub slug: String,
    /// Pages linking to it, in display order.
    pub askers: Vec<PageId>,
    /// Number of links to it.
    pub links: usize,
}

/// Everything the wiki features need, computed once per build.
#[derive(Debug, Clone, Default)]
pub struct Wiki {
    pub tags: Vec<Tag>,
    /// Indices into `tags`, per page.
    pub page_tags: Vec<Vec<usize>>,
    /// Up to [`SEE_ALSO`] pages sharing the most tags, per page.
    pub see_also: Vec<Vec<PageId>>,
    /// Most wanted first.
    pub missing: Vec<Missing>,
    /// Missing title match key → index into `missing`.
    pub missing_by_key: HashMap<String, usize>,
    /// Pages nothing links to (home and section indexes excepted).
    pub orphans: Vec<PageId>,
    /// Each page's rank in display order ([`title_order`]: title, then
    /// path), by page id: lists of pages sort by it.
    pub title_rank: Vec<usize>,
}

pub const SEE_ALSO: usize = 5;
/// "See also" examines, in each of a page's tags, at most this many pages:
/// its neighbours in the tag's title order. A tag on thousands of pages
/// would otherwise make every one of them compare itself with every other
/// (quadratic); a smaller tag is examined whole.
pub const SEE_ALSO_SCAN: usize = 256;

/// Spellings of a missing title with their counts, asking pages, link count.
type MissingGroup = (BTreeMap<String, usize>, Vec<PageId>, usize);
/// (level number, label) → typology pages.
type Levels = BTreeMap<(i64, String), Vec<PageId>>;

/// Display order of pages: title, then path.
fn by_title(site: &Site, ids: &mut [PageId]) {
    ids.sort_by_key(|&p| title_order(site, p));
}

/// What pages are displayed by: their title key, then their path.
fn title_order(site: &Site, p: PageId) -> (&str, &str) {
    (&site.pages[p].keys.title, &site.pages[p].source)
}

pub fn analyse(site: &Site, links: &LinkTable, with_tags: bool) -> Wiki {
    analyse_memo(site, links, with_tags, None)
}

/// The "see also" lists of a previous analysis with what they were computed
/// from: every page's title key, and a digest of every page's source path
/// and tags. `serve` reuses them while nothing changed, and after titles
/// alone changed recomputes only the lists that can change (see
/// [`near_retitled`]).
#[derive(Debug, Default)]
pub struct SeeAlsoMemo {
    tags_key: u128,
    titles: Vec<String>,
    /// Each tag's pages, in title order.
    tag_pages: Vec<Vec<PageId>>,
    see_also: Vec<Vec<PageId>>,
}

impl SeeAlsoMemo {
    /// The lists of the last analysis that computed them.
    pub fn see_also(&self) -> &[Vec<PageId>] {
        &self.see_also
    }
}

/// Digest of every page's source path and tags, in order.
fn tags_key(site: &Site) -> u128 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    for p in &site.pages {
        for s in std::iter::once(&p.source).chain(&p.front.tags) {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        }
        h.update(b"\xff");
    }
    h.digest128()
}

/// Most pages retitled at once whose neighbours alone are looked at again;
/// beyond, every list is computed again.
const RETITLED_MAX: usize = 64;

/// [`analyse`], reusing `memo`'s "see also" when its inputs are unchanged.
pub fn analyse_memo(
    site: &Site,
    links: &LinkTable,
    with_tags: bool,
    memo: Option<&mut SeeAlsoMemo>,
) -> Wiki {
    let mut wiki = Wiki {
        page_tags: vec![vec![]; site.pages.len()],
        see_also: vec![vec![]; site.pages.len()],
        title_rank: title_ranks(site),
        ..Wiki::default()
    };
    let ranks = &wiki.title_rank;

    // Tags, grouped by slug; the most used spelling names the group.
    if with_tags {
        let mut groups: BTreeMap<String, (BTreeMap<String, usize>, Vec<PageId>)> = BTreeMap::new();
        for (id, p) in site.pages.iter().enumerate() {
            for t in &p.front.tags {
                let slug = slugify(t);
                if slug.is_empty() {
                    continue;
                }
                let g = groups.entry(slug).or_default();
                *g.0.entry(t.trim().to_string()).or_default() += 1;
                if g.1.last() != Some(&id) {
                    g.1.push(id);
                }
            }
        }
        for (slug, (spellings, mut pages)) in groups {
            let name = spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            pages.sort_unstable_by_key(|&p| ranks[p]);
            let idx = wiki.tags.len();
            for &p in &pages {
                if !wiki.page_tags[p].contains(&idx) {
                    wiki.page_tags[p].push(idx);
                }
            }
            wiki.tags.push(Tag { name, slug, pages });
        }
        wiki.see_also = match memo {
            None => see_also(&wiki, ranks, &(0..site.pages.len()).collect::<Vec<_>>()),
            Some(m) => {
                let key = tags_key(site);
                let see_also = see_also_again(site, &wiki, ranks, m, key);
                m.tags_key = key;
                m.titles = site.pages.iter().map(|p| p.keys.title.clone()).collect();
                m.tag_pages = wiki.tags.iter().map(|t| t.pages.clone()).collect();
                m.see_also.clone_from(&see_also);
                see_also
            }
        };
    }

    // Pages to create, grouped by match key.
    let mut groups: BTreeMap<String, MissingGroup> = BTreeMap::new();
    for (from, targets) in links.targets.iter().enumerate() {
        for t in targets {
            if let Target::Missing { title } = t {
                let g = groups.entry(match_key(title)).or_default();
                *g.0.entry(title.clone()).or_default() += 1;
                g.1.push(from);
                g.2 += 1;
            }
        }
    }
    let mut used_slugs: HashMap<String, usize> = HashMap::new();
    for (key, (spellings, mut askers, count)) in groups {
        let title = spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        askers.sort_unstable();
        askers.dedup();
        by_title(site, &mut askers);
        let base = match slugify(&title) {
            s if s.is_empty() => "page".to_string(),
            s => s,
        };
        let n = used_slugs.entry(base.clone()).or_default();
        let slug = if *n == 0 {
            base.clone()
        } else {
            format!("{base}-{n}")
        };
        *n += 1;
        wiki.missing.push(Missing {
            title,
            key,
            slug,
            askers,
            links: count,
        });
    }
    // Most wanted first: by asking pages, then links, then title.
    let mut order: Vec<usize> = (0..wiki.missing.len()).collect();
    order.sort_by_cached_key(|&i| {
        let m = &wiki.missing[i];
        (
            std::cmp::Reverse(m.askers.len()),
            std::cmp::Reverse(m.links),
            match_key(&m.title),
        )
    });
    wiki.missing = order.iter().map(|&i| wiki.missing[i].clone()).collect();
    wiki.missing_by_key = wiki
        .missing
        .iter()
        .enumerate()
        .map(|(i, m)| (m.key.clone(), i))
        .collect();

    // Orphans.
    for (id, p) in site.pages.iter().enumerate() {
        if !p.is_index && links.backlinks[id].is_empty() {
            wiki.orphans.push(id);
        }
    }
    wiki
}

/// Typology pages arranged by axis and level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Axis {
    pub name: String,
    /// (level label, pages), ordered by level.
    pub levels: Vec<(String, Vec<PageId>)>,
}

pub fn typology_axes(site: &Site) -> Vec<Axis> {
    let mut axes: BTreeMap<String, (String, Levels)> = BTreeMap::new();
    for (id, p) in site.pages.iter().enumerate() {
        if p.kind != PageKind::Typology || p.is_index {
            continue;
        }
        let axis = p.front.axis.clone().unwrap_or_default();
        let level = p.front.level.clone().unwrap_or_default();
        let num = level.trim().parse::<i64>().unwrap_or(i64::MAX);
        let entry = axes
            .entry(match_key(&axis))
            .or_insert_with(|| (axis.clone(), BTreeMap::new()));
        entry.1.entry((num, level)).or_default().push(id);
    }
    axes.into_values()
        .map(|(name, levels)| Axis {
            name,
            levels: levels
                .into_iter()
                .map(|((_, label), mut pages)| {
                    by_title(site, &mut pages);
                    (label, pages)
                })
                .collect(),
        })
        .collect()
}

/// Display rank of every page, by [`title_order`].
fn title_ranks(site: &Site) -> Vec<usize> {
    let mut order: Vec<PageId> = (0..site.pages.len()).collect();
    order.sort_unstable_by_key(|&p| title_order(site, p));
    let mut rank = vec![0; site.pages.len()];
    for (r, p) in order.into_iter().enumerate() {
        rank[p] = r;
    }
    rank
}

/// The "see also" lists of `wiki`, from `memo`'s where they cannot have
/// changed: all of them when no page's tags, path or title changed, all
/// but those near a retitled page when only titles changed.
fn see_also_again(
    site: &Site,
    wiki: &Wiki,
    ranks: &[usize],
    memo: &SeeAlsoMemo,
    tags_key: u128,
) -> Vec<Vec<PageId>> {
    let all = || see_also(wiki, ranks, &(0..site.pages.len()).collect::<Vec<_>>());
    if memo.titles.len() != site.pages.len()
        || memo.tag_pages.len() != wiki.tags.len()
        || memo.tags_key != tags_key
    {
        return all();
    }
    let retitled: Vec<PageId> = (0..site.pages.len())
        .filter(|&id| memo.titles[id] != site.pages[id].keys.title)
        .take(RETITLED_MAX + 1)
        .collect();
    if retitled.len() > RETITLED_MAX {
        return all();
    }
    let near = near_retitled(&retitled, wiki, &memo.tag_pages);
    let mut lists = memo.see_also.clone();
    for (id, list) in near.iter().zip(see_also(wiki, ranks, &near)) {
        lists[*id] = list;
    }
    lists
}

/// The pages whose "see also" may change when only the titles of
/// `retitled` changed (`before`: each tag's pages in the former title
/// order): the retitled pages, and every page within [`SEE_ALSO_SCAN`] of
/// one of them, in the former or the new order, in a tag they share.
///
/// Any other page `x` is farther than its window's reach from every
/// retitled page in both orders. Its window in each tag (the
/// `SEE_ALSO_SCAN` pages around it, held within the tag's ends) then holds
/// no retitled page, so it is the same run of the other pages, whose order
/// among themselves did not change: `x` counts the same candidates, none
/// of them retitled, and ranks them in the same order.
fn near_retitled(retitled: &[PageId], wiki: &Wiki, before: &[Vec<PageId>]) -> Vec<PageId> {
    let mut near: Vec<PageId> = retitled.to_vec();
    for &e in retitled {
        for &t in &wiki.page_tags[e] {
            for pages in [&before[t], &wiki.tags[t].pages] {
                let Some(at) = pages.iter().position(|&p| p == e) else {
                    continue;
                };
                let from = at.saturating_sub(SEE_ALSO_SCAN + 1);
                let to = (at + SEE_ALSO_SCAN + 2).min(pages.len());
                near.extend(&pages[from..to]);
            }
        }
    }
    near.sort_unstable();
    near.dedup();
    near
}

/// "See also" of each page of `ids`: up to [`SEE_ALSO`] pages sharing the
/// most tags with it, ties by title, among the [`SEE_ALSO_SCAN`] pages
/// nearest to it (by title) in each of its tags (`ranks`: see
/// [`title_ranks`]). Linear in the number of pages.
fn see_also(wiki: &Wiki, ranks: &[usize], ids: &[PageId]) -> Vec<Vec<PageId>> {
    let title_rank = ranks;
    // Dense counters with a list of the touched entries: much faster than a
    // hash map for the ~thousands of candidates each page has.
    // Per thread: the counters, the list of touched entries, the candidates.
    let page_tags = &wiki.page_tags;
    let tags = &wiki.tags;
    let n_pages = ranks.len();
    ids.par_iter()
        .map_init(
            || {
                (
                    vec![0u32; n_pages],
                    Vec::<PageId>::new(),
                    Vec::<(u32, usize, PageId)>::new(),
                )
            },
            |(counts, touched, best), &id| {
                for &t in &page_tags[id] {
                    let pages = &tags[t].pages;
                    // `pages` is in title order: the page's neighbours.
                    let at = pages.partition_point(|&p| title_rank[p] < title_rank[id]);
                    let start = at
                        .saturating_sub(SEE_ALSO_SCAN / 2)
                        .min(pages.len().saturating_sub(SEE_ALSO_SCAN));
                    let end = (start + SEE_ALSO_SCAN).min(pages.len());
                    for &other in &pages[start..end] {
                        if other != id {
                            if counts[other] == 0 {
                                touched.push(other);
                            }
                            counts[other] += 1;
                        }
                    }
                }
                // A page examined counts every tag it shares, also those in
                // which it was not among the neighbours (binary search).
                for &t in &page_tags[id] {
                    let pages = &tags[t].pages;
                    if pages.len() <= SEE_ALSO_SCAN {
                        continue;
                    }
                    let at = pages.partition_point(|&p| title_rank[p] < title_rank[id]);
                    let start = at
                        .saturating_sub(SEE_ALSO_SCAN / 2)
                        .min(pages.len() - SEE_ALSO_SCAN);
                    let (lo, hi) = (
                        title_rank[pages[start]],
                        title_rank[pages[start + SEE_ALSO_SCAN - 1]],
                    );
                    for &other in touched.iter() {
                        let r = title_rank[other];
                        if (r < lo || r > hi)
                            && pages.binary_search_by(|&p| title_rank[p].cmp(&r)).is_ok()
                        {
                            counts[other] += 1;
                        }
                    }
                }
                best.clear();
                best.extend(touched.iter().map(|&p| (counts[p], title_rank[p], p)));
                for &p in touched.iter() {
                    counts[p] = 0;
                }
                touched.clear();
                let n = SEE_ALSO.min(best.len());
                if n > 0 {
                    best.select_nth_unstable_by(n - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                    best.truncate(n);
                    best.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
                }
                best.iter().map(|&(_, _, p)| p).collect::<Vec<PageId>>()
            },
        )
        .collect()
}
