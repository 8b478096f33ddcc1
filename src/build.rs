//! The build pipeline, as a script: load → parse → assemble → link → render → write.
//!
//! I/O happens only at the two ends (`load`, `theme::load`, `output`); the
//! stages in between are pure functions of their inputs.

use crate::messages::msg;
use crate::messages::{Message, io_error};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result};
use rayon::prelude::*;

use crate::config::{CONFIG_FILE, Config};
use crate::credits::{self, Credits, People};
use crate::diagnostic::{ContentErrors, Diagnostic, Diagnostics};
use crate::git::{self, History, HistoryError, HistoryOptions};
use crate::link::{self, LinkTable};
use crate::load::{self, Loaded};
use crate::markdown::MarkdownOptions;
use crate::output::{self, Sink, Staging};
use crate::render::{self, Generated, RenderCache, RenderEnv};
use crate::search::{self, SearchIndex};
use crate::site::Site;
use crate::{i18n, theme, wiki};

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

/// The site after the pure stages: everything needed to write it.
pub struct Compiled {
    pub site: Site,
    pub links: LinkTable,
    pub loaded: Loaded,
    pub diagnostics: Diagnostics,
}

/// Prints how long each stage took when `PLAYBOOK_TIMINGS` is set: wall
/// time, the CPU time of all threads (steadier than wall time on a busy
/// machine) and the peak memory so far.
struct Timer {
    on: bool,
    last: Instant,
    cpu: f64,
}

impl Timer {
    fn new() -> Timer {
        let on = std::env::var_os("PLAYBOOK_TIMINGS").is_some();
        Timer {
            on,
            last: Instant::now(),
            cpu: if on { cpu_ms() } else { 0.0 },
        }
    }

    fn lap(&mut self, what: &str) {
        if self.on {
            // Peak memory so far, from the kernel (Linux only).
            let peak = std::fs::read_to_string("/proc/self/status")
                .ok()
                .and_then(|s| {
                    s.lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .map(|l| l[6..].trim().to_string())
                })
                .unwrap_or_default();
            let cpu = cpu_ms();
            eprintln!(
                "timing: {what:<10} {:>7.1} ms  (cpu {:>7.1} ms, peak {peak})",
                self.last.elapsed().as_secs_f64() * 1000.0,
                cpu - self.cpu
            );
            self.cpu = cpu;
        }
        self.last = Instant::now();
    }
}

/// The process's CPU time so far (user and system, all threads), from the
/// kernel (Linux only; 0 elsewhere). Clock ticks are 10 ms on Linux.
fn cpu_ms() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    // utime and stime are fields 14 and 15 of the line, 12 and 13 here.
    let ticks: f64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<f64>().ok())
        .sum();
    ticks * 10.0
}

/// Load, parse, assemble and link; no output is touched.
pub fn compile(root: &Path, config: Config, drafts: bool) -> Compiled {
    let ParsedSite {
        loaded,
        results,
        assets,
        mut diagnostics,
    } = parse_all(root, &config, drafts);
    let mut t = Timer::new();
    let (site, links, diags) = link_pages(config, results, &assets);
    diagnostics.extend(diags);
    diagnostics.sort();
    t.lap("link");
    Compiled {
        site,
        links,
        loaded,
        diagnostics,
    }
}

/// The pages of `content/`, loaded and parsed (in source order).
struct ParsedSite {
    loaded: Loaded,
    results: Vec<Parsed>,
    assets: BTreeSet<String>,
    diagnostics: Diagnostics,
}

/// Load and parse.
fn parse_all(root: &Path, config: &Config, drafts: bool) -> ParsedSite {
    let mut t = Timer::new();
    let mut diagnostics = Diagnostics::default();
    let mut loaded = load::load(&root.join("content"), Path::new("content"));
    t.lap("load");
    diagnostics.extend(std::mem::take(&mut loaded.diagnostics));
    let md = MarkdownOptions::of(config);
    let mut results: Vec<_> = loaded
        .pages
        .par_iter()
        .map(|src| crate::parse::parse_page(src, md, drafts))
        .collect();
    // Pages that could not be read are left out like those that cannot be parsed.
    results.extend(
        std::mem::take(&mut loaded.failed)
            .into_iter()
            .map(|(source, d)| Parsed::Failed {
                source,
                errors: vec![d],
            }),
    );
    t.lap("parse");
    let assets = loaded.assets.iter().map(|a| a.rel.clone()).collect();
    ParsedSite {
        loaded,
        results,
        assets,
        diagnostics,
    }
}

pub use crate::parse::Parsed;

/// Assemble and link: from the parsed pages (in source order) to the site
/// and its link table. Pure; `serve` calls it with its cache of parsed pages.
pub fn link_pages(
    config: Config,
    parsed: impl IntoIterator<Item = Parsed>,
    assets: &BTreeSet<String>,
) -> (Site, LinkTable, Vec<Diagnostic>) {
    let (site, mut diagnostics) = assemble_pages(config, parsed);
    let (links, diags) = link::resolve(&site, assets);
    diagnostics.extend(diags);
    (site, links, diagnostics)
}

/// Assemble: the parsed pages (in source order) into a site, with the
/// parse warnings and errors.
fn assemble_pages(
    config: Config,
    parsed: impl IntoIterator<Item = Parsed>,
) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = vec![];
    let mut pages = vec![];
    let mut unpublished = vec![];
    for r in parsed {
        match r {
            Parsed::Page(page, warnings) => {
                pages.push(*page);
                diagnostics.extend(warnings);
            }
            Parsed::Draft => {}
            // One faulty page does not take the site down: it is left out,
            // with a warning (an error with `--strict`).
            Parsed::Failed { source, errors } => {
                diagnostics.extend(errors.into_iter().map(Diagnostic::not_published));
                unpublished.push(source);
            }
        }
    }
    let (mut site, diags) = crate::assemble::assemble(config, pages);
    unpublished.sort();
    site.unpublished = unpublished;
    diagnostics.extend(diags);
    (site, diagnostics)
}

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
    let (site, assembled) = assemble_pages(config, parsed.results);
    // From here the search index is built beside the other stages (see
    // `index_beside`), while the site is linked, checked and rendered; a
    // build that stops early stops it.
    let control = search::Control::default();
    std::thread::scope(|scope| {
        let search = site
            .config
            .search
            .enabled
            .then(|| scope.spawn(|| index_beside(&site, &control)));
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
        let r = finish_build(opts, start, linked, &theme, &mut tera, beside);
        if r.is_err() {
            control.stop();
        }
        r
    })
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
/// render on every core. `None` when the build stopped it.
fn index_beside(site: &Site, control: &search::Control) -> Option<SearchIndex> {
    // All the cores but the one of the thread that runs the serial stages.
    let threads = rayon::current_num_threads().saturating_sub(1).max(1);
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
        mut loaded,
        mut diagnostics,
        history,
        people,
    } = linked;
    diagnostics.extend(
        crate::active::check(&loaded.assets, site.config.markdown.unsafe_html)
            .apply(&mut loaded.assets),
    );
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

/// Renders every page, generated page and asset of a compiled site into
/// `sink`, reusing from `cache` (for `serve`) every page whose render
/// inputs have the same fingerprint as last time. Any other output file is
/// always written afresh. The search index is left out: `serve` builds it
/// once the pages are served (`search::build`). Returns the pages that
/// failed to render (template errors).
pub fn render_site_with(
    inputs: &RenderInputs,
    tera: &mut tera::Tera,
    sink: &dyn Sink,
    cache: Option<&mut RenderCache>,
) -> Result<Vec<Diagnostic>> {
    let beside = Beside {
        index: Box::new(|| None),
        control: None,
    };
    render_site_then(inputs, tera, sink, cache, beside)
}

/// [`render_site_with`], with the search index built `beside` the render.
fn render_site_then(
    inputs: &RenderInputs,
    tera: &mut tera::Tera,
    sink: &dyn Sink,
    cache: Option<&mut RenderCache>,
    beside: Beside,
) -> Result<Vec<Diagnostic>> {
    let rendered = render_all(inputs, tera, sink, cache, beside.control);
    let mut t = Timer::new();
    let index = (beside.index)();
    t.lap("index wait");
    match rendered {
        Ok(errors) if errors.is_empty() => {}
        other => return other,
    }
    if let Some(index) = index {
        index
            .files
            .par_iter()
            .try_for_each(|(rel, bytes)| sink.write(rel, bytes))?;
        t.lap("index write");
    }
    match render::sitemap(tera, inputs.site) {
        Ok(sitemap) => sink.write("sitemap.xml", &sitemap)?,
        Err(d) => return Ok(vec![d]),
    }
    // f-print: Mermaid (5 MB) goes out only with a page that draws a diagram.
    let diagrams = inputs
        .site
        .pages
        .iter()
        .any(|p| p.body.html.contains(crate::markdown::DIAGRAM_MARK));
    write_assets(inputs, sink, diagrams)?;
    t.lap("assets");
    Ok(vec![])
}

/// The index paused for as long as this lives.
struct Paused<'a>(&'a search::Control);

impl<'a> Paused<'a> {
    fn new(control: &'a search::Control) -> Paused<'a> {
        control.pause();
        Paused(control)
    }
}

impl Drop for Paused<'_> {
    fn drop(&mut self) {
        self.0.resume();
    }
}

/// Renders the pages and generated pages into `sink`, reusing from `cache`
/// what it can; returns the pages that failed to render.
fn render_all(
    inputs: &RenderInputs,
    tera: &mut tera::Tera,
    sink: &dyn Sink,
    mut cache: Option<&mut RenderCache>,
    control: Option<&search::Control>,
) -> Result<Vec<Diagnostic>> {
    let RenderInputs {
        site,
        links,
        theme,
        credits,
        ..
    } = *inputs;
    let mut t = Timer::new();
    let strings = i18n::strings(&site.config.language);
    let globals = render::set_globals(tera, site, &strings, credits, inputs.actions);
    render::set_assets(tera, theme, inputs.fingerprint_assets);
    if let Some(c) = cache.as_deref_mut() {
        c.begin(render::global_fingerprint(theme, &site.config, &globals));
    }
    let memo = cache.as_deref_mut().map(|c| &mut c.see_also);
    let wiki = wiki::analyse_memo(site, links, site.config.wiki.tags, memo);
    let reuse = cache.as_deref();
    t.lap("wiki");
    let env = RenderEnv::new(site, links, &wiki, tera, strings)
        .with_credits(credits)
        .with_actions(inputs.actions, inputs.today);
    t.lap("nav");
    // The pages take every core: the index waits meanwhile.
    let paused = control.map(Paused::new);
    let errors = (0..site.pages.len())
        .into_par_iter()
        .filter_map(|id| {
            let page = &site.pages[id];
            let rel = format!("{}index.html", page.url);
            let html = match reuse {
                Some(c) => c.get(&rel, || env.page_fingerprint(id), || env.render_page(id)),
                None => env.render_page(id).map(Arc::new),
            };
            let html = match html {
                Ok(h) => h,
                Err(d) => return Some(d),
            };
            sink.write_shared(&rel, html)
                .err()
                .map(|e| Diagnostic::error(&page.shown, 0, 0, crate::diagnostic::error_chain(&e)))
        })
        .collect::<Vec<Diagnostic>>();
    drop(paused);
    t.lap("pages");
    if !errors.is_empty() {
        return Ok(errors);
    }
    // The generated pages (overviews, actions, print, maps…) in parallel too.
    Generated::all(&env).par_iter().try_for_each(|&g| {
        let file = g.file(&env);
        let html = match reuse {
            Some(c) => c.get(
                &file,
                || env.generated_fingerprint(g),
                || env.render_generated(g),
            ),
            None => env.render_generated(g).map(Arc::new),
        }
        .map_err(|d| ContentErrors(Diagnostics(vec![d])))?;
        sink.write_shared(&file, html)
    })?;
    if !credits.recent.is_empty() {
        match env.render_atom() {
            Ok(feed) => sink.write(crate::reserved::FEED_FILE, &feed)?,
            Err(d) => return Ok(vec![d]),
        }
    }
    // f-actions: the calendars.
    if !inputs.actions.items.is_empty() {
        let ics = crate::actions::actions_calendar(
            site,
            inputs.actions,
            inputs.today,
            env.strings["actions_calendar_name"],
        );
        sink.write(crate::actions::ACTIONS_ICS, ics.as_bytes())?;
    }
    let next = crate::actions::workshops_calendar(
        site,
        inputs.today,
        env.strings["workshops_calendar_name"],
    );
    if next.contains("BEGIN:VEVENT") {
        sink.write(crate::actions::WORKSHOPS_ICS, next.as_bytes())?;
    }
    t.lap("generated");
    // `serve` keeps what an edit that changes no page's face can reuse.
    if let Some(c) = cache {
        let kept = env.into_nav();
        c.keep(wiki, kept);
        c.keep_actions(inputs.actions, inputs.today);
    }
    Ok(vec![])
}

/// Writes the theme's files and the content's assets.
/// Theme files go out under their names, and under fingerprinted names
/// when the pages link those (`theme::published_names`). Mermaid and
/// `diagrams.js` go out only when a page draws a diagram.
fn write_assets(inputs: &RenderInputs, sink: &dyn Sink, diagrams: bool) -> Result<()> {
    let RenderInputs {
        loaded,
        links,
        theme,
        ..
    } = *inputs;
    for (rel, bytes) in &theme.static_files {
        if !diagrams && (rel.starts_with("vendor/") || rel == "diagrams.js") {
            continue;
        }
        for name in theme::published_names(rel, bytes, inputs.fingerprint_assets) {
            sink.write(&format!("assets/{name}"), bytes)?;
        }
    }
    // A file of a hidden folder (`.gitbook/assets/`) goes out when a page shows or links to it.
    let referenced: std::collections::HashSet<&str> = links
        .targets
        .iter()
        .flatten()
        .filter_map(|t| match t {
            link::Target::Asset { rel, .. } => Some(rel.as_str()),
            _ => None,
        })
        .collect();
    let published = loaded
        .assets
        .par_iter()
        .filter(|a| !load::in_hidden_folder(&a.rel) || referenced.contains(a.rel.as_str()));
    // Drawings go out as `active::check` re-serialised them; other files as they are.
    published.try_for_each(|a| match &a.bytes {
        Some(bytes) => sink.write_shared(&a.rel, bytes.clone()),
        None => sink.copy(&a.rel, &a.abs),
    })
}
