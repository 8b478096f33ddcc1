//! The render stage's driver: every page, generated page, feed, calendar,
//! sitemap and asset of a linked site into a sink, with the search index
//! built beside it; `serve` calls it with its render cache.

use std::collections::HashMap;
use std::sync::Arc;

use anyhow::Result;
use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::link;
use crate::load;
use crate::output::Sink;
use crate::render::{self, Generated, RenderCache, RenderEnv};
use crate::search;
use crate::{i18n, theme, wiki};

use super::timer::Timer;
use super::{Beside, RenderInputs};

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
pub(super) fn render_site_then(
    inputs: &RenderInputs,
    tera: &mut tera::Tera,
    sink: &dyn Sink,
    cache: Option<&mut RenderCache>,
    beside: Beside,
) -> Result<Vec<Diagnostic>> {
    let rendered = render_all(inputs, tera, sink, cache, beside.control);
    let mut t = Timer::new();
    match rendered {
        Ok(errors) if errors.is_empty() => {}
        other => return other,
    }
    match render::sitemap(tera, inputs.site) {
        Ok(sitemap) => sink.write("sitemap.xml", &sitemap)?,
        Err(d) => return Ok(vec![d]),
    }
    // f-print: Mermaid (5 MB) goes out only with a page that draws a diagram.
    let drawing = memchr::memmem::Finder::new(crate::markdown::DIAGRAM_MARK);
    let diagrams = inputs
        .site
        .pages
        .par_iter()
        .any(|p| drawing.find(p.body.html.as_bytes()).is_some());
    write_assets(inputs, sink, diagrams)?;
    t.lap("assets");
    // The index, on every core now that only it is left.
    if let Some(control) = beside.control {
        control.drain();
    }
    let index = (beside.index)();
    t.lap("index wait");
    if let Some(index) = index {
        index
            .files
            .par_iter()
            .try_for_each(|(rel, bytes)| sink.write(rel, bytes))?;
        t.lap("index write");
    }
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

/// Why a generated page was not written: its template failed (reported
/// as a page's error), or the output did.
enum NotWritten {
    Template(Diagnostic),
    Output(anyhow::Error),
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
    t.lap("wiki");
    let env = RenderEnv::new(site, links, &wiki, tera, strings)
        .with_credits(credits)
        .with_actions(inputs.actions, inputs.today);
    t.lap("nav");
    // `serve`: the pages a title edit changed first, shown at once
    // (`RenderCache::set_early`); the loop below takes them from here, and
    // fingerprints them for the cache (their title changed: rendered).
    let first: HashMap<String, Arc<Vec<u8>>> = match cache.as_deref_mut() {
        Some(c) => {
            let done: Vec<(String, Arc<Vec<u8>>)> = c
                .early_pages()
                .par_iter()
                .filter_map(|&id| {
                    let rel = format!("{}index.html", site.pages[id].url);
                    Some((rel, Arc::new(env.render_page(id).ok()?)))
                })
                .collect();
            c.show_early(&done);
            done.into_iter().collect()
        }
        None => HashMap::new(),
    };
    let reuse = cache.as_deref();
    // The pages take every core: the index waits meanwhile.
    let paused = control.map(Paused::new);
    let errors = (0..site.pages.len())
        .into_par_iter()
        .filter_map(|id| {
            let page = &site.pages[id];
            let rel = format!("{}index.html", page.url);
            let html = match reuse {
                Some(c) if let Some(html) = first.get(&rel) => {
                    c.put(&rel, env.page_fingerprint(id), html.clone());
                    Ok(html.clone())
                }
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
    // The generated pages (overviews, actions, print, maps…) render in
    // parallel too, each written as soon as it is rendered (a printable
    // document holds a whole section: holding them all would hold the
    // site twice); the first failure in their order is the one reported.
    let first_failure = Generated::all(&env)
        .par_iter()
        .enumerate()
        .filter_map(|(n, &g)| {
            let file = g.file(&env);
            let html = match reuse {
                Some(c) => c.get_generated(
                    &file,
                    |edit| env.shows_none_of(g, edit),
                    || env.generated_fingerprint(g),
                    || env.render_generated(g),
                ),
                None => env.render_generated(g).map(Arc::new),
            };
            let failure = match html {
                Ok(html) => NotWritten::Output(sink.write_shared(&file, html).err()?),
                Err(d) => NotWritten::Template(d),
            };
            Some((n, failure))
        })
        .min_by_key(|(n, _)| *n);
    match first_failure {
        // A template error, reported as the pages' are, with its file.
        Some((_, NotWritten::Template(d))) => return Ok(vec![d]),
        Some((_, NotWritten::Output(e))) => return Err(e),
        None => {}
    }
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
    // A file of a hidden folder (`.gitbook/assets/`) or named `_…` goes out
    // when a page shows or links to it.
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
        .filter(|a| !load::published_if_referenced(&a.rel) || referenced.contains(a.rel.as_str()));
    // Drawings go out as `active::check` re-serialised them; other files as they are.
    published.try_for_each(|a| match &a.bytes {
        Some(bytes) => sink.write_shared(&a.rel, bytes.clone()),
        None => sink.copy(&a.rel, &a.abs),
    })
}
