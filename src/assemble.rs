//! Assemble stage: the parsed pages into sections; every page and folder
//! gets its address, and collisions and reserved addresses are reported.
//! Pure, whole site, cheap.

use crate::messages::msg;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{FrontMatter, PageKind};
use crate::site::{
    INDEX_NAMES, Page, PageId, PageKeys, Section, SectionId, Site, file_name, order_prefix,
    parent_dir, prettify, stem,
};
use crate::text::{match_key, slugify};

/// Arranges parsed pages into sections and gives each page its URL.
/// `pages` must be sorted by source path. Reports URL collisions.
pub fn assemble(config: Config, mut pages: Vec<Page>) -> (Site, Vec<Diagnostic>) {
    let mut diags = vec![];
    // Sections: every folder holding a page, and their ancestors.
    let mut dirs: BTreeSet<String> = BTreeSet::new();
    dirs.insert(String::new());
    for p in &pages {
        // Up to the first folder known: its parents are known too.
        let mut d = parent_dir(&p.source);
        while !dirs.contains(d) {
            dirs.insert(d.to_string());
            d = parent_dir(d);
        }
    }
    let mut sections: Vec<Section> = vec![];
    let mut by_dir: HashMap<String, SectionId> = HashMap::new();
    // A folder's address is its parent's plus its own slug; two folders of
    // the same address (`marches/`, `marchés/`) keep both: the second in
    // path order gets `-2` (`-3`…), with a warning.
    let mut folder_urls: HashMap<String, String> = HashMap::new();
    for dir in &dirs {
        let id = sections.len();
        let parent = if dir.is_empty() {
            None
        } else {
            by_dir.get(parent_dir(dir)).copied()
        };
        let url = match parent {
            None => String::new(),
            Some(p) => {
                let slug = match slugify(file_name(dir)) {
                    s if s.is_empty() => "section".to_string(),
                    s => s,
                };
                let wanted = format!("{}{slug}/", sections[p].url);
                let url = free_address(&wanted, |u| folder_urls.contains_key(u));
                if url != wanted {
                    diags.push(collision_warning(
                        (PathBuf::from("content").join(dir), "folder"),
                        &wanted,
                        &url,
                        (
                            &PathBuf::from("content").join(&folder_urls[&wanted]),
                            "folder",
                        ),
                    ));
                }
                url
            }
        };
        folder_urls.insert(url.clone(), dir.clone());
        sections.push(Section {
            dir: dir.clone(),
            url,
            title: if dir.is_empty() {
                String::new()
            } else {
                prettify(file_name(dir))
            },
            label: String::new(),
            description: None,
            order: None,
            index: None,
            pages: vec![],
            subsections: vec![],
            parent,
        });
        if let Some(p) = parent {
            sections[p].subsections.push(id);
        }
        by_dir.insert(dir.clone(), id);
    }

    for p in &mut pages {
        p.section = by_dir[parent_dir(&p.source)];
    }
    // Index pages: the highest-priority index name of each folder; the
    // others of the same folder stay ordinary pages.
    // `dir/x.md` beside a folder `dir/x/` that has no index of its own
    // introduces that folder (instead of colliding with its address).
    let has_index: std::collections::HashSet<SectionId> = pages
        .iter()
        .filter(|p| p.is_index)
        .map(|p| p.section)
        .collect();
    for p in pages.iter_mut().filter(|p| !p.is_index) {
        let dir = parent_dir(&p.source);
        let sub = if dir.is_empty() {
            stem(&p.source).to_string()
        } else {
            format!("{dir}/{}", stem(&p.source))
        };
        if let Some(&sid) = by_dir.get(&sub)
            && !has_index.contains(&sid)
        {
            p.section = sid;
            p.is_index = true;
        }
    }
    let rank = |name: &str| {
        INDEX_NAMES
            .iter()
            .position(|n| *n == name)
            .unwrap_or(INDEX_NAMES.len())
    };
    let mut candidates: Vec<Vec<PageId>> = vec![vec![]; sections.len()];
    for (id, p) in pages.iter().enumerate() {
        if p.is_index {
            candidates[p.section].push(id);
        }
    }
    for (sec, candidates) in sections.iter_mut().zip(candidates) {
        if let Some(best) = candidates
            .iter()
            .copied()
            .min_by_key(|&i| rank(file_name(&pages[i].source)))
        {
            sec.index = Some(best);
            for c in candidates {
                pages[c].is_index = c == best;
            }
        }
    }

    // Every folder gets an index page; folders without one get an empty page.
    for (sid, section) in sections.iter_mut().enumerate() {
        if section.index.is_none() {
            let dir = section.dir.clone();
            let source = if dir.is_empty() {
                "_index.md".to_string()
            } else {
                format!("{dir}/_index.md")
            };
            let id = pages.len();
            pages.push(Page {
                shown: PathBuf::from("content").join(&source),
                source,
                front: FrontMatter::default(),
                title: section.title.clone(),
                kind: PageKind::Page,
                date: None,
                updated: None,
                body: std::sync::Arc::default(),
                url: String::new(),
                section: sid,
                is_index: true,
                keys: PageKeys {
                    title: match_key(&section.title),
                    ..PageKeys::default()
                },
                stakeholders: None,
            });
            section.index = Some(id);
        }
    }

    for sec in &sections {
        if let Some(r) = reserved(&sec.url) {
            let shown = PathBuf::from("content").join(&sec.dir);
            diags.push(
                Diagnostic::error(shown, 0, 0, msg!("address-reserved", address = r))
                    .with_help(msg!("address-reserved-folder-help")),
            );
        }
    }

    // URLs, titles and section membership.
    let mut taken: HashMap<String, PageId> = HashMap::new();
    for s in &sections {
        taken.insert(s.url.clone(), usize::MAX);
    }
    for id in 0..pages.len() {
        let sid = pages[id].section;
        if pages[id].is_index {
            pages[id].url.clone_from(&sections[sid].url);
            let sec = &mut sections[sid];
            if !sec.dir.is_empty()
                || pages[id].front.title.is_some()
                || pages[id].body.leading_h1.is_some()
            {
                sec.title.clone_from(&pages[id].title);
            }
            sec.description.clone_from(&pages[id].front.description);
            sec.order = pages[id].front.order;
            continue;
        }
        let slug = match slugify(order_prefix(stem(&pages[id].source)).1) {
            s if s.is_empty() => "page".to_string(),
            s => s,
        };
        let wanted = format!("{}{}/", sections[sid].url, slug);
        let url = free_address(&wanted, |u| taken.contains_key(u));
        if url != wanted {
            let other = taken[&wanted];
            let (what, path) = if other == usize::MAX {
                let dir = sections
                    .iter()
                    .find(|s| s.url == wanted)
                    .map_or("", |s| s.dir.as_str());
                ("folder", PathBuf::from("content").join(dir))
            } else {
                ("file", pages[other].shown.clone())
            };
            diags.push(collision_warning(
                (pages[id].shown.clone(), "page"),
                &wanted,
                &url,
                (&path, what),
            ));
        }
        if let Some(r) = reserved(&url) {
            diags.push(
                Diagnostic::error(
                    &pages[id].shown,
                    0,
                    0,
                    msg!("address-reserved", address = r),
                )
                .with_help(msg!("address-reserved-file-help")),
            );
        }
        taken.insert(url.clone(), id);
        pages[id].url = url;
        sections[sid].pages.push(id);
    }
    if sections[0].title.is_empty() {
        sections[0].title = config
            .title
            .clone()
            .unwrap_or_else(|| "Playbook".to_string());
    }

    labels(&mut sections);

    // Display order: `order`, then workshop minutes newest first, then
    // title, then path.
    let dated = |p: &Page| (p.kind == PageKind::Minutes).then_some(p.date).flatten();
    let sort_key = |p: &Page| {
        let d = dated(p);
        (
            p.front.order.is_none(),
            p.front.order,
            d.is_none(),
            d.map(std::cmp::Reverse),
            p.keys.title.clone(),
            p.source.clone(),
        )
    };
    // A folder's newest workshop: folders of workshops (one per year) are
    // listed newest first too.
    let newest: Vec<Option<crate::date::Date>> = sections
        .iter()
        .map(|s| s.pages.iter().filter_map(|&i| dated(&pages[i])).max())
        .collect();
    for s in 0..sections.len() {
        let mut ids = std::mem::take(&mut sections[s].pages);
        ids.sort_by_cached_key(|&i| sort_key(&pages[i]));
        sections[s].pages = ids;
        let mut subs = std::mem::take(&mut sections[s].subsections);
        let by_date = subs.iter().all(|&i| newest[i].is_some());
        subs.sort_by_cached_key(|&i| {
            (
                sections[i].order.is_none(),
                sections[i].order,
                newest[i].filter(|_| by_date).map(std::cmp::Reverse),
                match_key(&sections[i].title),
                sections[i].dir.clone(),
            )
        });
        sections[s].subsections = subs;
    }
    let site = Site {
        config,
        pages,
        sections,
        unpublished: vec![],
    };
    // f-print: the printable documents' addresses.
    diags.extend(crate::print::check(&site));
    (site, diags)
}

fn reserved(url: &str) -> Option<&'static str> {
    crate::reserved::RESERVED
        .iter()
        .copied()
        .find(|r| url.starts_with(r))
}

/// Menu labels: a section's title, unless a sibling has the same one; then
/// the folder's name comes first (`Annotation — Introduction`).
fn labels(sections: &mut [Section]) {
    let mut siblings: HashMap<(Option<SectionId>, String), usize> = HashMap::new();
    for s in sections.iter() {
        *siblings.entry((s.parent, match_key(&s.title))).or_default() += 1;
    }
    for s in sections.iter_mut() {
        let folder = prettify(file_name(&s.dir));
        s.label = if siblings[&(s.parent, match_key(&s.title))] > 1
            && !folder.is_empty()
            && match_key(&folder) != match_key(&s.title)
        {
            format!("{folder} — {}", s.title)
        } else {
            s.title.clone()
        };
    }
}

/// `wanted`, or the first of `wanted-2`, `wanted-3`… that is free (for
/// addresses ending with `/`, the suffix goes before it).
// The search ends: `taken` holds fewer addresses than there are numbers.
#[allow(clippy::maybe_infinite_iter)]
fn free_address(wanted: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(wanted) {
        return wanted.to_string();
    }
    let base = wanted.trim_end_matches('/');
    (2..)
        .map(|n| format!("{base}-{n}/"))
        .find(|u| !taken(u))
        .unwrap_or_else(|| wanted.to_string())
}

/// Two files or folders wanted the same address: the second got another.
fn collision_warning(
    (shown, kind): (PathBuf, &str),
    wanted: &str,
    given: &str,
    (first, first_kind): (&std::path::Path, &str),
) -> Diagnostic {
    Diagnostic::warning(
        shown,
        0,
        0,
        msg!(
            "address-collision",
            kind = kind,
            wanted = wanted,
            first_kind = first_kind,
            first = first.display(),
            given = given
        ),
    )
    .with_help(msg!("address-collision-help"))
}
