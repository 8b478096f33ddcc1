//! The site model: pages and sections, and the names of source files.
//!
//! Built by the `parse` stage (one [`Page`] per file, pure, in parallel)
//! and the `assemble` stage (sections, URLs); the `link` stage resolves the
//! links between pages afterwards.

use std::path::PathBuf;

use crate::config::Config;
use crate::date::Date;
use crate::frontmatter::{FrontMatter, PageKind};
use crate::markdown::Rendered;
use crate::text::match_key;

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
    /// A stakeholder map's actors (`kind: cartographie`), read by `parse_page`.
    pub stakeholders: Option<std::sync::Arc<crate::stakeholders::Map>>,
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
    pub fn of(source: &str, title: &str, front: &FrontMatter) -> PageKeys {
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

    /// The guide pages of a section, in order.
    pub fn guide_steps(&self, section: SectionId) -> Vec<PageId> {
        self.sections[section]
            .pages
            .iter()
            .copied()
            .filter(|&p| self.pages[p].kind == crate::frontmatter::PageKind::Guide)
            .collect()
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
pub const INDEX_NAMES: [&str; 4] = ["_index.md", "index.md", "readme.md", "README.md"];

pub fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

pub fn parent_dir(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

pub fn stem(rel: &str) -> &str {
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
