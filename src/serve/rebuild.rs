//! Rebuilding for `serve`: the same stages as `build`, into memory, with a
//! cache of parsed pages so that an edit re-reads and re-parses only the
//! files it touched, and a template change re-parses nothing. An edit that
//! changes no page's face takes the quick path (`quick.rs`); the search
//! index is built after the pages are served ([`Builder::finish`]); git is
//! read when the edits pause ([`Builder::settle`]).
//!
//! This file holds the cache and the reading of config, theme, pages and
//! git; `edit` applies a batch of changed paths (and the quick path), and
//! `render` links and renders the cached pages into memory.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::build::{Parsed, read_config, read_git, read_people};
use crate::config::Config;
use crate::credits::People;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::git::{self, History};
use crate::load::{self, Asset, SourceFile};
use crate::markdown::MarkdownOptions;
use crate::messages::Lang;
use crate::output::Entry;
use crate::render::RenderCache;
use crate::theme::{self, Theme};

mod edit;
mod render;

use super::quick::Last;
use super::watch::Change;

/// A rebuild's result: the new files, or the error to show.
pub struct Outcome {
    pub files: Result<HashMap<String, Entry>, String>,
    /// Only stylesheets changed: the pages can swap them without reloading.
    pub css_only: bool,
    /// Why pages were left out of a site that built (their warnings), for
    /// the overlay: the author is looking at the page they just broke.
    pub notice: Option<String>,
    /// The files already handed to [`Builder::early`] (shown and reloaded
    /// before the rest of the site), which keep those bytes.
    pub early: Vec<String>,
}

impl Outcome {
    /// A rebuild that failed: the error to show, no files.
    fn failed(error: String) -> Outcome {
        Outcome {
            files: Err(error),
            css_only: false,
            notice: None,
            early: vec![],
        }
    }
}

/// One cached page: its source text and what parsing it gave.
struct CachedPage {
    text: String,
    shown: PathBuf,
    parsed: Parsed,
}

impl CachedPage {
    /// A page that could not be read (`rel`, shown as `shown`): its error.
    fn failed(rel: &str, shown: PathBuf, error: Diagnostic) -> CachedPage {
        CachedPage {
            text: String::new(),
            shown,
            parsed: Parsed::Failed {
                source: rel.to_string(),
                errors: vec![error],
            },
        }
    }
}

/// Everything `credits::compute` reads: while it stays the same, the last
/// render's credits are the new ones.
#[derive(PartialEq)]
struct CreditsKey {
    site: u128,
    /// HEAD and the uncommitted files, which with the configuration decide
    /// the history read (`None`: no history).
    history: Option<(String, BTreeMap<String, crate::git::Uncommitted>)>,
    people: People,
    config: crate::config::CreditsConfig,
}

/// More changed paths than this in one batch is a burst (a checkout, a
/// copy), not an edit: git is read at once.
const BURST: usize = 8;

/// Keeps what the last build read and parsed.
// Its flags are independent states of the cache, not a mode.
#[allow(clippy::struct_excessive_bools)]
pub struct Builder {
    root: PathBuf,
    drafts: bool,
    config: Option<Config>,
    theme: Option<Theme>,
    pages: BTreeMap<String, CachedPage>,
    assets: BTreeMap<String, Asset>,
    load_diagnostics: Vec<Diagnostic>,
    /// For the credits, as `build` reads them: the people file (read again
    /// when it changes, its errors shown like a page's), the git history
    /// (read again when HEAD moves, else only `git status`), and HEAD.
    people: Result<People, Vec<Diagnostic>>,
    history: Option<History>,
    head: Option<String>,
    /// The last good render's files with their input fingerprints.
    cache: RenderCache,
    /// What the last render's credits were computed from (see
    /// [`CreditsKey`]).
    credits_key: Option<CreditsKey>,
    /// The last good render, for the quick path; `None` after a failure.
    last: Option<Last>,
    /// The pages changed since the search index was built.
    search_due: bool,
    /// What the last search index was built from (see `search::Memo`).
    search: crate::search::Memo,
    /// The git state was inferred since git was last read (see `settle`).
    unsettled: bool,
    /// The next render reads git (HEAD, `git status`) first.
    git_due: bool,
    /// Shown the pages a title edit changed as soon as they are rendered,
    /// before the rest of the site (see `RenderCache::set_early`).
    pub early: Option<crate::render::Early>,
    /// How many pages the last rebuild parsed (for tests and the log).
    pub parsed_last: usize,
    /// How many files the last rebuild rendered, and reused unchanged.
    pub rendered_last: usize,
    pub reused_last: usize,
}

impl Builder {
    pub fn new(root: &Path, drafts: bool) -> Builder {
        Builder {
            root: root.to_path_buf(),
            drafts,
            config: None,
            theme: None,
            pages: BTreeMap::new(),
            assets: BTreeMap::new(),
            load_diagnostics: vec![],
            people: Ok(People::default()),
            history: None,
            head: None,
            cache: RenderCache::default(),
            credits_key: None,
            last: None,
            search_due: false,
            search: crate::search::Memo::default(),
            unsettled: false,
            git_due: true,
            early: None,
            parsed_last: 0,
            rendered_last: 0,
            reused_last: 0,
        }
    }

    /// Reads and builds everything.
    pub fn full(&mut self) -> Outcome {
        self.config = None;
        self.theme = None;
        self.cache = RenderCache::default();
        self.last = None;
        self.git_due = true;
        match self.load_config_and_theme() {
            Ok(()) => {}
            Err(e) => {
                return Outcome::failed(e);
            }
        }
        let loaded = load::load(&self.root.join("content"), Path::new("content"));
        self.pages.clear();
        self.assets = loaded
            .assets
            .into_iter()
            .map(|a| (a.rel.clone(), a))
            .collect();
        self.load_diagnostics = loaded.diagnostics;
        for (rel, d) in loaded.failed {
            let page = CachedPage::failed(&rel, d.path.clone(), d);
            self.pages.insert(rel, page);
        }
        self.reparse(loaded.pages);
        self.people = read_people(&self.root);
        self.history = None;
        self.head = None;
        let mut out = self.render();
        self.complete(&mut out);
        out
    }

    /// Applies a batch of changed paths: the whole site, search index
    /// included (for tests; `serve` calls [`Self::apply_pages`], then
    /// [`Self::finish`]).
    pub fn apply(&mut self, paths: &[PathBuf], change: Change) -> Outcome {
        let mut out = self.apply_pages(paths, change);
        self.complete(&mut out);
        out
    }

    /// Puts the search index into a successful outcome.
    fn complete(&mut self, out: &mut Outcome) {
        if out.files.is_ok()
            && let Some(files) = self.finish(&|| true)
        {
            out.files = Ok(files);
        }
    }

    /// Whether the git state was inferred since git was last read: call
    /// [`Self::settle`] once the edits pause.
    pub fn unsettled(&self) -> bool {
        self.unsettled
    }

    /// Reads git again (HEAD, `git status`) after edits whose git state was
    /// inferred; the site rebuilt when that changes anything.
    pub fn settle(&mut self) -> Option<Outcome> {
        if !std::mem::take(&mut self.unsettled) {
            return None;
        }
        let config = self.config.clone()?;
        let before = (
            self.head.clone(),
            self.history.as_ref().map(|h| h.uncommitted.clone()),
        );
        self.refresh_history(&config);
        let after = (
            self.head.clone(),
            self.history.as_ref().map(|h| h.uncommitted.clone()),
        );
        if before == after {
            return None;
        }
        self.last = None;
        let mut out = self.render();
        self.complete(&mut out);
        Some(out)
    }

    /// Whether the search index lags behind the pages (see [`Self::finish`]).
    pub fn search_due(&self) -> bool {
        self.search_due && self.last.is_some()
    }

    /// Builds the search index of the last good render, when its pages
    /// changed since it was built (reading again only the pages changed,
    /// see `search::Memo`), and returns every file with it. Gives up, the
    /// index still due, as soon as `go` says so (an edit came in).
    pub fn finish(&mut self, go: &(impl Fn() -> bool + Sync)) -> Option<HashMap<String, Entry>> {
        if !std::mem::take(&mut self.search_due) {
            return None;
        }
        let last = self.last.as_mut()?;
        let timings = std::env::var_os("PLAYBOOK_TIMINGS").is_some();
        let started = std::time::Instant::now();
        let index = if last.site.config.search.enabled {
            let Some(index) = self.search.build(&last.site, go) else {
                self.search_due = true;
                return None;
            };
            index.files
        } else {
            vec![]
        };
        last.files.retain(|k, _| !k.starts_with(crate::search::DIR));
        for (rel, bytes) in index {
            last.files
                .insert(rel, Entry::Bytes(std::sync::Arc::new(bytes)));
        }
        if timings {
            eprintln!(
                "timing: serve search {:>7.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        Some(last.files.clone())
    }
    /// Brings the git history up to date, as `build` would read it now:
    /// read whole when HEAD moved (a commit, a checkout) or was never read,
    /// else only which files are uncommitted, which edits change. Credits
    /// come from the front matter alone when git cannot be read, as in `build`.
    fn refresh_history(&mut self, config: &Config) {
        if !config.credits.enabled || !config.credits.git {
            self.history = None;
            self.head = None;
            return;
        }
        let content = Path::new("content");
        let head = git::head(&self.root, content);
        match &mut self.history {
            Some(h) if head.is_some() && head == self.head => {
                match git::read_uncommitted(&self.root, content) {
                    Ok(u) => h.uncommitted = u,
                    Err(_) => self.history = read_git(&self.root, config).ok().flatten(),
                }
            }
            _ => self.history = read_git(&self.root, config).ok().flatten(),
        }
        self.head = head;
    }

    /// The language of the messages: the site's, as last read.
    pub(crate) fn lang(&self) -> Lang {
        self.config
            .as_ref()
            .map_or(Lang::default(), |c| Lang::from_code(&c.language))
    }

    fn load_config_and_theme(&mut self) -> Result<(), String> {
        let lang = self.lang();
        let config = read_config(&self.root).map_err(|d| d.render(lang))?;
        let lang = Lang::from_code(&config.language);
        let theme = theme::load(&self.root, &config.theme).map_err(|d| d.render(lang))?;
        if self
            .config
            .as_ref()
            .is_some_and(|c| MarkdownOptions::of(c) != MarkdownOptions::of(&config))
        {
            // Markdown options change every page's HTML.
            let all: Vec<SourceFile> = std::mem::take(&mut self.pages)
                .into_iter()
                .map(|(rel, c)| SourceFile {
                    rel,
                    shown: c.shown,
                    text: c.text,
                })
                .collect();
            self.config = Some(config);
            self.reparse(all);
        } else {
            self.config = Some(config);
        }
        self.theme = Some(theme);
        Ok(())
    }

    /// Parses `sources` (in parallel) into the cache.
    fn reparse(&mut self, sources: Vec<SourceFile>) {
        let parsed = self.parse(sources);
        self.pages.extend(parsed);
    }

    /// Parses `sources` (in parallel).
    fn parse(&mut self, sources: Vec<SourceFile>) -> Vec<(String, CachedPage)> {
        let md = self
            .config
            .as_ref()
            .map(MarkdownOptions::of)
            .unwrap_or_default();
        let drafts = self.drafts;
        self.parsed_last = sources.len();
        let parsed: Vec<(String, CachedPage)> = sources
            .into_par_iter()
            .map(|src| {
                let parsed = crate::parse::parse_page(&src, md, drafts);
                (
                    src.rel,
                    CachedPage {
                        text: src.text,
                        shown: src.shown,
                        parsed,
                    },
                )
            })
            .collect();
        parsed
    }
}

/// The errors of a failed rebuild, as shown in the terminal and the
/// overlay, in the site's language.
fn report(lang: Lang, d: &Diagnostics) -> String {
    d.0.iter()
        .filter(|x| x.is_error())
        .map(|x| x.render(lang))
        .collect::<Vec<_>>()
        .join("\n")
}
