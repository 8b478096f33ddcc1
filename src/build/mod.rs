//! The build pipeline, as a script: load → parse → assemble → link → render → write.
//!
//! I/O happens only at the two ends (`load`, `theme::load`, `output`); the
//! stages in between are pure functions of their inputs.

use crate::messages::msg;
use crate::messages::{Message, io_error};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use crate::config::{CONFIG_FILE, Config};
use crate::credits::{self, Credits, People};
use crate::diagnostic::{ContentErrors, Diagnostic, Diagnostics};
use crate::git::{self, History, HistoryError, HistoryOptions};
use crate::link::{self, LinkTable};
use crate::load::Loaded;
use crate::output::{self, Staging};
use crate::search::{self, SearchIndex};
use crate::site::Site;
use crate::theme;

/// What `playbook build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub root: PathBuf,
    /// Output folder; `public/` under the root by default.
    pub out: Option<PathBuf>,
    pub base_url: Option<String>,
    pub strict: bool,
    pub drafts: bool,
}

impl BuildOptions {
    /// The output folder: `out`, else `public/` under the root.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build reports.
#[derive(Debug)]
pub struct BuildReport {
    pub pages: usize,
    /// Files written into the output (pages, generated pages, index, assets).
    pub files: usize,
    /// Of those, the files that are new or changed since the previous build.
    pub changed: usize,
    pub out: PathBuf,
    pub diagnostics: Diagnostics,
    pub millis: u128,
    /// One-line notices about the credits (no git, shallow clone), for stderr.
    pub notices: Vec<Message>,
}

/// Reads `content/_people.toml` if there is one.
pub fn read_people(root: &Path) -> Result<People, Vec<Diagnostic>> {
    let shown = Path::new("content").join(credits::PEOPLE_FILE);
    match std::fs::read_to_string(root.join(&shown)) {
        Ok(text) => People::parse(&text, &shown),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(People::default()),
        Err(e) => Err(vec![Diagnostic::error(
            &shown,
            0,
            0,
            msg!("load-unreadable", reason = io_error(&e)),
        )]),
    }
}

/// Reads the git history of `content/` for the credits, when the config
/// wants it. `Err` is the one-line notice to print: credits then come from
/// the front matter alone.
pub fn read_git(root: &Path, config: &Config) -> Result<Option<History>, Message> {
    if !config.credits.enabled || !config.credits.git {
        return Ok(None);
    }
    let opts = HistoryOptions {
        exclude: config.credits.exclude.clone(),
        not_bots: config.credits.not_bots.clone(),
    };
    match git::read_history(root, Path::new("content"), &opts) {
        Ok(h) => Ok(Some(h)),
        Err(HistoryError::NoGit) => Err(msg!("git-missing")),
        Err(HistoryError::NotARepository) => Err(msg!("git-not-a-repository")),
        Err(e) => Err(msg!("git-unreadable", reason = e.to_string())),
    }
}

/// Reads `playbook.toml` if there is one.
pub fn read_config(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Config::parse(&text, Path::new(CONFIG_FILE)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(Diagnostic::error(
            CONFIG_FILE,
            0,
            0,
            msg!("load-unreadable", reason = io_error(&e)),
        )),
    }
}

mod compile;
mod timer;
mod write;

pub use crate::parse::Parsed;
pub use compile::{Compiled, compile, link_pages};
use compile::{assemble_pages, parse_all};
use timer::Timer;
use write::render_site_then;
pub use write::render_site_with;

/// Builds the site. Content problems come back as [`ContentErrors`]; the
/// previous output is then left untouched.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let start = Instant::now();
    let root = &opts.root;
    let content_dir = root.join("content");
    let out = opts.out_dir();
    output::check_target(&out, root, &content_dir)?;
    if !content_dir.is_dir() {
        return Err(
            crate::diagnostic::UsageError(msg!("no-content", root = root.display())).into(),
        );
    }

    let mut config = read_config(root).map_err(|d| ContentErrors(Diagnostics(vec![d])))?;
    if let Some(b) = &opts.base_url {
        config.base_url = if b.ends_with('/') {
            b.clone()
        } else {
            format!("{b}/")
        };
    }
    let theme =
        theme::load(root, &config.theme).map_err(|d| ContentErrors(Diagnostics(vec![d])))?;
    let mut tera = theme::engine(&theme).map_err(|d| ContentErrors(Diagnostics(vec![d])))?;

    // The git history is read while the pages are parsed.
    let (parsed, history, people) = std::thread::scope(|s| {
        let history = s.spawn(|| read_git(root, &config));
        let people = read_people(root);
        let parsed = parse_all(root, &config, opts.drafts);
        let history = history
            .join()
            .unwrap_or_else(|_| Err(msg!("git-unreadable", reason = msg!("thread-panicked"))));
        (parsed, history, people)
    });
    let mut t = Timer::new();
    // The sources are parsed: a build never reads them again (`serve`
    // reparses from its own copy, `check` reads them itself), and at
    // 100,000 pages they weigh 640 MB.
    let mut parsed = parsed;
    parsed.loaded.pages = Vec::new();
    let (site, assembled) = assemble_pages(config, parsed.results);
    // From here the search index is built beside the other stages (see
    // `index_beside`), while the site is linked, checked and rendered; a
    // build that stops early stops it.
    let control = search::Control::default();
    std::thread::scope(|scope| {
        let search = site.config.search.enabled.then(|| {
            // Held here, before the thread starts: on a loaded machine a
            // small site can reach `drain` before the thread first runs,
            // and a hold set after the drain would never be lifted.
            control.hold_from(rayon::current_num_threads().saturating_sub(1));
            scope.spawn(|| index_beside(&site, &control))
        });
        let index = pending(search);
        let (links, linked) = link::resolve(&site, &parsed.assets);
        t.lap("link");
        let mut diagnostics = parsed.diagnostics;
        diagnostics.extend(assembled);
        diagnostics.extend(linked);
        let linked = Linked {
            site: &site,
            links,
            loaded: parsed.loaded,
            diagnostics,
            history,
            people,
        };
        let beside = Beside {
            index,
            control: Some(&control),
        };
        // However the build ends (an error, a panic), the index gives up at
        // its next step, so that the scope's join returns.
        let _stop = StopIndex(&control);
        finish_build(opts, start, linked, &theme, &mut tera, beside)
    })
}

/// Stops the index beside the build when dropped (once the build has read
/// it, stopping changes nothing).
struct StopIndex<'a>(&'a search::Control);

impl Drop for StopIndex<'_> {
    fn drop(&mut self) {
        self.0.stop();
    }
}

/// The search index, when one is being built beside the render.
type PendingIndex<'a> = Box<dyn FnOnce() -> Option<SearchIndex> + 'a>;

/// Waits for the index thread, if there is one (a panic there goes on here).
fn pending(
    search: Option<std::thread::ScopedJoinHandle<'_, Option<SearchIndex>>>,
) -> PendingIndex<'_> {
    Box::new(move || search.and_then(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p))))
}

/// Builds the search index from the calling thread, in a pool of its own:
/// beside a build's serial stages (link, wiki, generated pages, writing), it
/// takes the cores they leave idle; `control` pauses it while the pages
/// render on every core, and lets it take every core once the build only
/// waits for it. `None` when the build stopped it.
fn index_beside(site: &Site, control: &search::Control) -> Option<SearchIndex> {
    // Beside the serial stages, all the cores but the one of the thread that
    // runs them (the caller holds the others); every core at the end.
    let threads = rayon::current_num_threads();
    match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool.install(|| search::build_under(site, Some(control))),
        Err(_) => search::build_under(site, Some(control)),
    }
}

/// A linked site, borrowed from the build (the search index reads it too),
/// and what the build read beside it for the credits.
struct Linked<'a> {
    site: &'a Site,
    links: LinkTable,
    loaded: Loaded,
    diagnostics: Diagnostics,
    /// The git history; `Err` is the notice saying why there is none.
    history: Result<Option<History>, Message>,
    people: Result<People, Vec<Diagnostic>>,
}

/// The search index built beside the render: `index` is waited for once
/// the pages are rendered, `control` pauses it while they render.
struct Beside<'a> {
    index: PendingIndex<'a>,
    control: Option<&'a search::Control>,
}

/// What the render stage reads, borrowed from the build (or from `serve`'s
/// cache): the linked site, its files, the theme and the credits.
pub struct RenderInputs<'a> {
    pub site: &'a Site,
    pub links: &'a LinkTable,
    pub loaded: &'a Loaded,
    pub theme: &'a theme::Theme,
    /// See `credits::compute`.
    pub credits: &'a Credits,
    // f-deploy
    /// Theme files under fingerprinted names too (`theme::asset_urls`),
    /// linked by those: `build` (for long caching), not `serve`.
    pub fingerprint_assets: bool,
    /// f-actions: see `actions::extract`, and the build date ([`build_date`]).
    pub actions: &'a crate::actions::Actions,
    pub today: crate::date::Date,
}

/// f-actions: the build date the actions are judged against:
/// `PLAYBOOK_TODAY` (`2025-03-15`), else `SOURCE_DATE_EPOCH`, else today (UTC).
pub fn build_date() -> crate::date::Date {
    crate::actions::today(
        std::env::var("PLAYBOOK_TODAY").ok().as_deref(),
        std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        jiff::Timestamp::now(),
    )
}

/// Checks, credits, render and commit of a linked site, into
/// [`BuildOptions::out_dir`].
fn finish_build(
    opts: &BuildOptions,
    start: Instant,
    linked: Linked,
    theme: &theme::Theme,
    tera: &mut tera::Tera,
    beside: Beside,
) -> Result<BuildReport> {
    let out = &opts.out_dir();
    let Linked {
        site,
        links,
        loaded,
        mut diagnostics,
        history,
        people,
    } = linked;
    diagnostics.extend(crate::collide::asset_collisions(
        site,
        &loaded.assets,
        theme.static_files.keys(),
    ));
    let mut notices = vec![];
    let people = match people {
        Ok(p) => p,
        Err(errs) => {
            diagnostics.extend(errs);
            People::default()
        }
    };
    diagnostics.sort();
    let history = match history {
        Ok(h) => h,
        Err(notice) => {
            notices.push(notice);
            None
        }
    };
    if history.as_ref().is_some_and(|h| h.shallow) {
        notices.push(msg!("git-shallow"));
    }
    if opts.strict {
        diagnostics.escalate();
    }
    if diagnostics.has_errors() {
        return Err(ContentErrors(diagnostics).into());
    }

    let mut t = Timer::new();
    let credits = credits::compute(site, history.as_ref(), &people, &site.config.credits);
    t.lap("credits");
    let actions = crate::actions::extract(site, &people);
    let staging = Staging::begin(out).map_err(|e| output_error(&e, out))?;
    let inputs = RenderInputs {
        site,
        links: &links,
        loaded: &loaded,
        theme,
        credits: &credits,
        fingerprint_assets: true,
        actions: &actions,
        today: build_date(),
    };
    let errors = render_site_then(&inputs, tera, &staging, None, beside)
        .map_err(|e| output_error(&e, out))?;
    if !errors.is_empty() {
        diagnostics.extend(errors);
        diagnostics.sort();
        return Err(ContentErrors(diagnostics).into());
    }
    t.lap("render");
    let written = staging.commit().with_context(|| {
        crate::diagnostic::Failure(msg!("output-left-as-it-was", out = out.display()))
    })?;
    t.lap("commit");
    Ok(BuildReport {
        pages: site.pages.len(),
        files: written.files,
        changed: written.changed,
        out: out.clone(),
        diagnostics,
        millis: start.elapsed().as_millis(),
        notices,
    })
}

/// An error while writing the output (full disk, read-only file system…):
/// says that the previous output is kept, and what to do.
fn output_error(e: &anyhow::Error, out: &Path) -> anyhow::Error {
    use std::io::ErrorKind;
    let kind = e
        .chain()
        .find_map(|c| c.downcast_ref::<std::io::Error>())
        .map(std::io::Error::kind);
    let cause = match kind {
        Some(ErrorKind::StorageFull | ErrorKind::QuotaExceeded) => "full",
        Some(ErrorKind::ReadOnlyFilesystem) => "read-only",
        Some(ErrorKind::PermissionDenied) => "denied",
        _ => "other",
    };
    anyhow::Error::new(crate::diagnostic::Failure(msg!(
        "output-failed",
        error = crate::diagnostic::error_chain(e),
        out = out.display(),
        cause = cause
    )))
}
