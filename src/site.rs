//! The site model: pages and sections, and the parse stage that builds it.
//!
//! `parse_page` turns one source file into a [`Page`] (pure, per page, run in
//! parallel); `assemble` arranges the pages into sections, gives every page its
//! URL and reports collisions (pure, whole site, cheap). Links between pages
//! are resolved afterwards by the `link` stage.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::config::Config;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{self, FrontMatter, PageKind};
use crate::load::SourceFile;
use crate::markdown::{self, MarkdownOptions, Rendered};
use crate::text::{match_key, slugify};

pub type PageId = usize;
pub type SectionId = usize;

/// One content page, parsed.
#[derive(Debug, Clone)]
pub struct Page {
    /// Source path relative to `content/`, `/`-separated.
    pub source: String,
    /// Path shown in diagnostics.
    pub shown: PathBuf,
    pub front: FrontMatter,
    pub title: String,
    pub kind: PageKind,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    /// The Markdown body, rendered with link placeholders (shared: `serve`
    /// clones its cached pages on every rebuild).
    pub body: std::sync::Arc<Rendered>,
    /// Output directory relative to the site root, ending with `/`, or `""`
    /// for the home page. Set by [`assemble`].
    pub url: String,
    /// The section the page is in (for an index page: the section it introduces).
    pub section: SectionId,
    /// `_index.md`, `index.md` or `README.md`: the page introduces its folder.
    pub is_index: bool,
    /// Match keys (`text::match_key`) under which links find this page:
    /// title and aliases first, then file names. Computed by `parse_page`.
    pub keys: PageKeys,
}

/// The match keys of a page, computed once in the (parallel) parse stage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageKeys {
    pub title: String,
    pub aliases: Vec<String>,
    /// Path without extension, file stem, stem without its order prefix, permalink.
    pub files: Vec<String>,
}

impl PageKeys {
    fn of(source: &str, title: &str, front: &FrontMatter) -> PageKeys {
        let no_ext = source.rsplit_once('.').map_or(source, |(s, _)| s);
        let st = stem(source);
        let mut files = vec![
            match_key(no_ext),
            match_key(st),
            match_key(order_prefix(st).1),
        ];
        if let Some(serde_json::Value::String(permalink)) = front.extra.get("permalink") {
            files.push(match_key(permalink));
        }
        PageKeys {
            title: match_key(title),
            aliases: front.aliases.iter().map(|a| match_key(a)).collect(),
            files,
        }
    }
}

/// A folder of `content/`.
#[derive(Debug, Clone)]
pub struct Section {
    /// Folder relative to `content/` (`""` for the root).
    pub dir: String,
    pub url: String,
    pub title: String,
    /// What menus and cards call the section: its title, or, when sibling
    /// sections share that title (ten folders whose `README.md` starts with
    /// `# Introduction`), the folder's name with it.
    pub label: String,
    pub description: Option<String>,
    pub order: Option<i64>,
    pub index: Option<PageId>,
    /// Pages of the folder (index excluded), in display order.
    pub pages: Vec<PageId>,
    pub subsections: Vec<SectionId>,
    pub parent: Option<SectionId>,
}

/// The whole site after the parse stage.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: Config,
    pub pages: Vec<Page>,
    pub sections: Vec<Section>,
    /// Pages left out because they could not be read (`Parsed::Failed`),
    /// by path relative to `content/`, sorted: links to them say so.
    pub unpublished: Vec<String>,
}

impl Site {
    pub fn home(&self) -> &Section {
        &self.sections[0]
    }

    /// Ancestors of a page's section, from the root down (the section itself included).
    pub fn section_chain(&self, mut s: SectionId) -> Vec<SectionId> {
        let mut chain = vec![s];
        while let Some(p) = self.sections[s].parent {
            chain.push(p);
            s = p;
        }
        chain.reverse();
        chain
    }
}

/// Index file names, by priority.
const INDEX_NAMES: [&str; 4] = ["_index.md", "index.md", "readme.md", "README.md"];

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

fn stem(rel: &str) -> &str {
    let name = file_name(rel);
    name.rfind('.').map_or(name, |i| &name[..i])
}

/// Splits an ordering prefix off a file stem: `01-demarrer` gives
/// `(Some(1), "demarrer")`. The number orders the page when the front
/// matter has no `order`, and stays out of the URL.
pub fn order_prefix(stem: &str) -> (Option<i64>, &str) {
    let digits = stem.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return (None, stem);
    }
    let rest = &stem[digits..];
    let trimmed = rest.trim_start_matches(['-', '_', '.', ' ']);
    if trimmed.len() == rest.len() || trimmed.is_empty() {
        return (None, stem);
    }
    (stem[..digits].parse().ok(), trimmed)
}

fn reserved(url: &str) -> Option<&'static str> {
    crate::wiki::RESERVED
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
        format!(
            "this {kind} would be published at `{wanted}`, like the {first_kind} `{}`: it is published at `{given}` instead",
            first.display()
        ),
    )
    .with_help("rename one of the two (names that differ only by case, accents, spaces or punctuation give the same address); links by path reach each one")
}

/// Turns `questions-frequentes` into `Questions frequentes`.
pub fn prettify(name: &str) -> String {
    let spaced = name.replace(['-', '_'], " ");
    let spaced = spaced.trim();
    let mut c = spaced.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What parsing one source file gave (see [`parse_page`]).
#[derive(Debug, Clone)]
pub enum Parsed {
    /// The page (boxed: the other outcomes are small), with the warnings
    /// parsing it gave.
    Page(Box<Page>, Vec<Diagnostic>),
    /// A draft (`draft: true`), left out: drafts were not asked for.
    Draft,
    /// The file could not be read as a page (its front matter, its
    /// encoding): why. It is left out of the site, with a warning.
    Failed {
        /// Path relative to `content/`.
        source: String,
        errors: Vec<Diagnostic>,
    },
}

/// Parse stage for one file: front matter, then Markdown.
pub fn parse_page(src: &SourceFile, opts: MarkdownOptions, drafts: bool) -> Parsed {
    let split = match frontmatter::split(&src.text, &src.shown) {
        Ok(split) => split,
        Err(errors) => {
            return Parsed::Failed {
                source: src.rel.clone(),
                errors,
            };
        }
    };
    let front = split.front;
    if front.draft && !drafts {
        return Parsed::Draft;
    }
    let mut warnings = split.warnings;
    let body = markdown::render(split.body, split.body_line_offset, opts);
    let name = file_name(&src.rel);
    let is_index = INDEX_NAMES.contains(&name);
    let fallback = if is_index {
        let dir = parent_dir(&src.rel);
        if dir.is_empty() {
            String::new()
        } else {
            prettify(file_name(dir))
        }
    } else {
        prettify(order_prefix(stem(&src.rel)).1)
    };
    let mut front = front;
    // `#tag` in the text counts like a tag of the front matter.
    for t in &body.tags {
        if !front.tags.iter().any(|f| slugify(f) == slugify(t)) {
            front.tags.push(t.clone());
        }
    }
    for (line, message) in &body.notes {
        warnings.push(
            Diagnostic::warning(&src.shown, *line, 1, message.clone())
                .with_help("write it as playbook reads it (see docs/syntaxes.md), or remove it"),
        );
    }
    if front.order.is_none() && !is_index {
        front.order = order_prefix(stem(&src.rel)).0;
    }
    let title = front
        .title
        .clone()
        .or_else(|| body.leading_h1.clone().filter(|t| !t.is_empty()))
        .unwrap_or(fallback);
    let mut parse_date = |field: &str, v: &Option<String>| -> Option<Date> {
        let v = v.as_ref()?;
        let d = Date::parse(v);
        if d.is_none() {
            let line = src
                .text
                .lines()
                .position(|l| l.starts_with(field))
                .map_or(0, |i| i + 1);
            warnings.push(
                Diagnostic::warning(
                    &src.shown,
                    line,
                    1,
                    format!("`{field}: {v}` is not a date I can read; it is ignored"),
                )
                .with_help(format!("write `{field}: 2025-08-12` (year-month-day)")),
            );
        }
        d
    };
    let date = parse_date("date", &front.date);
    let updated = parse_date("updated", &front.updated);
    let keys = PageKeys::of(&src.rel, &title, &front);
    let page = Page {
        keys,
        source: src.rel.clone(),
        shown: src.shown.clone(),
        kind: front.kind.unwrap_or_default(),
        title,
        date,
        updated,
        body: std::sync::Arc::new(body),
        front,
        url: String::new(),
        section: 0,
        is_index,
    };
    Parsed::Page(Box::new(page), warnings)
}

/// Arranges parsed pages into sections and gives each page its URL.
/// `pages` must be sorted by source path. Reports URL collisions.
pub fn assemble(config: Config, mut pages: Vec<Page>) -> (Site, Vec<Diagnostic>) {
    let mut diags = vec![];
    // Sections: every folder holding a page, and their ancestors.
    let mut dirs: BTreeMap<String, ()> = BTreeMap::new();
    dirs.insert(String::new(), ());
    for p in &pages {
        let mut d = parent_dir(&p.source);
        loop {
            dirs.insert(d.to_string(), ());
            if d.is_empty() {
                break;
            }
            d = parent_dir(d);
        }
    }
    let mut sections: Vec<Section> = vec![];
    let mut by_dir: HashMap<String, SectionId> = HashMap::new();
    // A folder's address is its parent's plus its own slug; two folders of
    // the same address (`marches/`, `marchés/`) keep both: the second in
    // path order gets `-2` (`-3`…), with a warning.
    let mut folder_urls: HashMap<String, String> = HashMap::new();
    for dir in dirs.keys() {
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

    for p in pages.iter_mut() {
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
                body: Default::default(),
                url: String::new(),
                section: sid,
                is_index: true,
                keys: PageKeys {
                    title: match_key(&section.title),
                    ..PageKeys::default()
                },
            });
            section.index = Some(id);
        }
    }

    for sec in &sections {
        if let Some(r) = reserved(&sec.url) {
            let shown = PathBuf::from("content").join(&sec.dir);
            diags.push(
                Diagnostic::error(
                    shown,
                    0,
                    0,
                    format!("the address `{r}` is reserved for a page playbook generates"),
                )
                .with_help("rename the folder"),
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
            pages[id].url = sections[sid].url.clone();
            let sec = &mut sections[sid];
            if !sec.dir.is_empty()
                || pages[id].front.title.is_some()
                || pages[id].body.leading_h1.is_some()
            {
                sec.title = pages[id].title.clone();
            }
            sec.description = pages[id].front.description.clone();
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
                    format!("the address `{r}` is reserved for a page playbook generates"),
                )
                .with_help("rename the file or its folder"),
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

    // Display order: `order`, then title, then path.
    let sort_key = |p: &Page| {
        (
            p.front.order.is_none(),
            p.front.order,
            p.keys.title.clone(),
            p.source.clone(),
        )
    };
    for s in 0..sections.len() {
        let mut ids = std::mem::take(&mut sections[s].pages);
        ids.sort_by_cached_key(|&i| sort_key(&pages[i]));
        sections[s].pages = ids;
        let mut subs = std::mem::take(&mut sections[s].subsections);
        subs.sort_by_cached_key(|&i| {
            (
                sections[i].order.is_none(),
                sections[i].order,
                match_key(&sections[i].title),
                sections[i].dir.clone(),
            )
        });
        sections[s].subsections = subs;
    }
    (
        Site {
            config,
            pages,
            sections,
            unpublished: vec![],
        },
        diags,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_prefixes() {
        assert_eq!(order_prefix("01-demarrer"), (Some(1), "demarrer"));
        assert_eq!(order_prefix("2_suite"), (Some(2), "suite"));
        assert_eq!(
            order_prefix("2024-11-14-atelier"),
            (None, "2024-11-14-atelier")
        );
        assert_eq!(order_prefix("2024"), (None, "2024"));
        assert_eq!(order_prefix("demarrer"), (None, "demarrer"));
        assert_eq!(prettify("questions-frequentes"), "Questions frequentes");
    }
}
