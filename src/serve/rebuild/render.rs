//! The whole path of a rebuild: links the cached pages, runs the checks
//! `build` makes, and renders the site into memory, reusing the files whose
//! inputs did not change (`RenderCache`).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::Ordering;

use rayon::prelude::*;

use crate::build::{RenderInputs, link_pages, render_site_with};
use crate::credits::People;
use crate::diagnostic::{ContentErrors, Diagnostics};
use crate::load::{Asset, Loaded};
use crate::output::Memory;
use crate::theme;

use crate::serve::quick::Last;

use super::{Builder, CreditsKey, Outcome, report};

impl Builder {
    /// Links and renders from the cache into memory.
    pub(super) fn render(&mut self) -> Outcome {
        let lang = self.lang();
        let previous = self.last.take();
        if std::mem::take(&mut self.git_due)
            && let Some(config) = self.config.clone()
        {
            self.refresh_history(&config);
            self.unsettled = false;
        }
        let (Some(config), Some(theme)) = (self.config.clone(), self.theme.as_ref()) else {
            return Outcome::failed(crate::messages::msg!("serve-no-config").render(lang));
        };
        let timings = std::env::var_os("PLAYBOOK_TIMINGS").is_some();
        let started = std::time::Instant::now();
        // The checks `build` makes besides the pure stages (same order):
        // files that would run script are left out before linking.
        let mut assets: Vec<Asset> = self.assets.values().cloned().collect();
        let refused = crate::active::check(&assets, config.markdown.unsafe_html).apply(&mut assets);
        let names: BTreeSet<String> = assets.iter().map(|a| a.rel.clone()).collect();
        // Cloned in parallel: 10,000 pages take 20 ms on one core.
        let cached: Vec<&super::CachedPage> = self.pages.values().collect();
        let parsed: Vec<crate::build::Parsed> =
            cached.par_iter().map(|c| c.parsed.clone()).collect();
        let (site, links, diags) = link_pages(
            config,
            parsed,
            &names,
            previous
                .as_ref()
                .map(|old| (&old.site, &old.links, &old.assets)),
        );
        if timings {
            eprintln!(
                "timing: serve link   {:>7.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        let started = std::time::Instant::now();
        // The warnings of the pages left out, for the overlay.
        let unpublished: Vec<std::path::PathBuf> = site
            .unpublished
            .iter()
            .map(|s| Path::new("content").join(s))
            .collect();
        let notice = Some(
            diags
                .iter()
                .filter(|d| unpublished.contains(&d.path))
                .map(|d| d.render(lang))
                .collect::<Vec<_>>()
                .join("\n"),
        )
        .filter(|n| !n.is_empty());
        let mut diagnostics = Diagnostics(self.load_diagnostics.clone());
        diagnostics.extend(diags);
        if let Err(errors) = &self.people {
            diagnostics.extend(errors.iter().cloned());
        }
        diagnostics.extend(refused);
        diagnostics.extend(crate::collide::asset_collisions(
            &site,
            &assets,
            theme.static_files.keys(),
        ));
        diagnostics.sort();
        if diagnostics.has_errors() {
            return Outcome::failed(report(lang, &diagnostics));
        }
        let mut tera = match theme::engine(theme) {
            Ok(t) => t,
            Err(d) => {
                return Outcome::failed(d.render(lang));
            }
        };
        let loaded = Loaded {
            pages: vec![],
            assets,
            diagnostics: vec![],
            failed: vec![],
        };
        let memory = Memory::default();
        let no_people = People::default();
        let people = self.people.as_ref().unwrap_or(&no_people);
        // The credits of the last render when nothing they read changed;
        // a history without a HEAD to name it is read again.
        let history = match (&self.history, &self.head) {
            (None, _) => Some(None),
            (Some(h), Some(head)) => Some(Some((head.clone(), h.uncommitted.clone()))),
            (Some(_), None) => None,
        };
        let key = history.map(|history| CreditsKey {
            site: crate::credits::site_digest(&site),
            history,
            people: people.clone(),
            config: site.config.credits.clone(),
        });
        let credits = match &previous {
            Some(old) if key.is_some() && key == self.credits_key => old.credits.clone(),
            _ => {
                crate::credits::compute(&site, self.history.as_ref(), people, &site.config.credits)
            }
        };
        self.credits_key = key;
        let actions = crate::actions::extract(&site, people);
        // The title path: the pages that cannot show the edit are reused
        // without fingerprinting.
        let (unchanged, edit) = previous
            .as_ref()
            .filter(|old| old.credits == credits && old.kept.actions() == &actions)
            .and_then(|old| crate::serve::title::unchanged(old, &site, &links))
            .map_or_else(Default::default, |(pages, edit)| (pages, Some(edit)));
        if timings {
            eprintln!(
                "timing: serve title path: {} pages unchanged",
                unchanged.len()
            );
        }
        self.cache.assume_unchanged(unchanged, edit);
        self.cache.set_early(self.early.clone());
        let inputs = RenderInputs {
            site: &site,
            links: &links,
            loaded: &loaded,
            theme,
            credits: &credits,
            fingerprint_assets: false,
            actions: &actions,
            today: crate::build::build_date(),
        };
        let result = render_site_with(&inputs, &mut tera, &memory, Some(&mut self.cache));
        self.rendered_last = self.cache.rendered.load(Ordering::Relaxed);
        self.reused_last = self.cache.reused.load(Ordering::Relaxed);
        if timings {
            eprintln!(
                "timing: serve render {:>7.1} ms ({} files rendered, {} reused)",
                started.elapsed().as_secs_f64() * 1000.0,
                self.rendered_last,
                self.reused_last
            );
        }
        if !matches!(&result, Ok(e) if e.is_empty()) {
            self.cache.abandon();
        }
        match result {
            Ok(errors) if errors.is_empty() => {
                let mut files = memory.into_files();
                // Until `finish` builds the new index, the last one is served.
                if let Some(mut previous) = previous {
                    files.extend(
                        std::mem::take(&mut previous.files)
                            .into_iter()
                            .filter(|(k, _)| k.starts_with(crate::search::DIR)),
                    );
                    // The last render's site, links and files: freeing them
                    // takes 15 ms at 10,000 pages, which the page waits
                    // for no more.
                    std::thread::spawn(move || drop(previous));
                }
                let by_source = site
                    .pages
                    .iter()
                    .enumerate()
                    .map(|(id, p)| (p.source.clone(), id))
                    .collect();
                self.last = self.cache.take_kept().map(|kept| Last {
                    site,
                    links,
                    assets: names,
                    kept,
                    credits,
                    tera,
                    files: files.clone(),
                    by_source,
                    notice: notice.clone(),
                    stale: std::collections::HashSet::new(),
                });
                self.search_due = true;
                Outcome {
                    files: Ok(files),
                    css_only: false,
                    notice,
                    early: std::mem::take(&mut self.cache.early_sent),
                }
            }
            Ok(errors) => Outcome::failed(report(lang, &Diagnostics(errors))),
            Err(e) => match e.downcast_ref::<ContentErrors>() {
                Some(ContentErrors(d)) => Outcome::failed(report(lang, d)),
                None => Outcome::failed(crate::diagnostic::error_chain(&e).render(lang)),
            },
        }
    }
}
