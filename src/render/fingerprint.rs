//! Fingerprints of render inputs, for `serve`'s incremental rebuild.
//!
//! The fingerprint of an output file is a 128-bit hash of exactly what its
//! template receives: the same `page_inputs`/`with_generated_inputs` that the
//! render uses, serialised, plus a digest of the site-wide inputs (theme
//! templates, configuration, template globals). The only value not hashed
//! as such is a page's `content`: it is replaced by a digest of what
//! `resolve_body` reads (the body HTML and the href of every link target).
//!
//! So a field added to a page's context (credits, say) is covered without
//! touching this file; a new kind of output file is simply always rendered
//! (see `build::render_site_with`), which is slower but never stale.

use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::nav::{NAV_WINDOW, Nav};
use super::{Generated, RenderEnv};
use crate::diagnostic::Diagnostic;
use crate::link::Target;
use crate::site::PageId;

/// A 128-bit streaming hash that serde can write into.
struct Digest(Xxh3);

impl Digest {
    fn new() -> Digest {
        Digest(Xxh3::new())
    }

    /// A length-prefixed string: `("ab", "c")` and `("a", "bc")` differ.
    fn str(&mut self, s: &str) {
        self.0.write_u64(s.len() as u64);
        self.0.update(s.as_bytes());
    }

    fn value<T: Serialize + ?Sized>(&mut self, v: &T) {
        // Serialising into a hash fails only for a map with non-string keys,
        // which no context has. Should it happen, the fingerprint must never
        // match another: mix in a number never used before (re-render).
        if serde_json::to_writer(&mut *self, v).is_err() {
            static FAILURES: AtomicUsize = AtomicUsize::new(0);
            self.0.write_u64(u64::MAX);
            self.0.write_usize(FAILURES.fetch_add(1, Ordering::Relaxed));
        }
        self.0.write_u8(0xff);
    }

    fn finish(&self) -> u128 {
        self.0.digest128()
    }
}

impl Write for Digest {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Digest of the site-wide render inputs: template sources, the
/// configuration, and the template globals (as `set_globals` returns them;
/// they hold the UI strings).
pub fn global_fingerprint(
    theme: &crate::theme::Theme,
    config: &crate::config::Config,
    globals: &serde_json::Value,
) -> u128 {
    let mut d = Digest::new();
    d.str(env!("CARGO_PKG_VERSION"));
    d.str(&format!("{:?}", theme.overrides));
    d.str(&format!("{config:?}"));
    d.value(globals);
    d.finish()
}

impl RenderEnv<'_> {
    /// The section navigations this environment computed, for [`RenderCache::keep`].
    /// Those no page needed are built now.
    pub fn into_nav(self) -> (Vec<[tera::Value; 2]>, Vec<super::env::Overviews>) {
        (0..self.nav.len()).into_par_iter().for_each(|s| {
            self.nav_shared(s, 0);
            self.nav_shared(s, 1);
        });
        let nav = self
            .nav
            .into_iter()
            .map(|n| n.map(|v| v.into_inner().unwrap_or_else(tera::Value::none)))
            .collect();
        (nav, self.overviews)
    }

    /// Digest of what `resolve_body(id)` reads: the body HTML, the page's
    /// place, and the href each link placeholder becomes.
    fn content_fingerprint(&self, d: &mut Digest, id: PageId) {
        let page = &self.site.pages[id];
        if page.body.embeds {
            // It shows other pages' content: what it reads is the result.
            d.str(&self.resolve_body(id));
            return;
        }
        d.str(&page.body.html);
        d.str(&page.url);
        d.0.write_u8(u8::from(page.is_index));
        for t in &self.links.targets[id] {
            d.0.write_u8(match t {
                Target::Page { .. } => 0,
                Target::Missing { .. } => 1,
                Target::Asset { .. } => 2,
                Target::Unresolved { .. } => 3,
                Target::Tag { .. } => 4,
                Target::Unpublished { .. } => 5,
            });
            d.str(&self.target_href(&page.url, page.is_index, t));
        }
        // Bare addresses show the title of the page they lead to.
        for (l, t) in page.body.links.iter().zip(&self.links.targets[id]) {
            if let (true, Target::Page { id, .. }) = (l.bare, t) {
                d.str(&self.site.pages[*id].title);
            }
        }
    }

    /// Fingerprint of page `id`'s output file: equal fingerprints (under
    /// equal global fingerprints) give equal bytes.
    pub fn page_fingerprint(&self, id: PageId) -> u128 {
        let mut d = Digest::new();
        self.content_fingerprint(&mut d, id);
        let (template, ctx, nav) = self.page_inputs(id, String::new());
        d.str(template);
        d.value(&ctx);
        match nav {
            Nav::None => d.0.write_u8(0),
            Nav::Shared(s, i) => {
                d.0.write_u8(1);
                d.0.write_u128(self.nav_fingerprints()[s][i]);
            }
            Nav::Window(s, id) => {
                // `nav_window_value`: the head, then each listed page's
                // entry as its digest.
                d.0.write_u8(2);
                let (range, more) = self.nav_window(s, Some(id));
                d.value(&self.section_nav_head(s, &self.nav_from(s, 0), more));
                for digest in &self.nav_entry_fingerprints()[s][range] {
                    d.0.write_u128(*digest);
                }
            }
        }
        d.finish()
    }

    /// Fingerprints of the shared section navigations, computed once.
    fn nav_fingerprints(&self) -> &[[u128; 2]] {
        self.nav_digests.get_or_init(|| {
            (0..self.nav.len())
                .map(|s| {
                    [0, 1].map(|i| {
                        let mut d = Digest::new();
                        d.value(&self.section_nav_view(s, &self.nav_from(s, i)));
                        d.finish()
                    })
                })
                .collect()
        })
    }

    /// Per long section, the fingerprint of each navigation entry as its
    /// pages see it, computed once.
    fn nav_entry_fingerprints(&self) -> &[Vec<u128>] {
        self.nav_entry_digests.get_or_init(|| {
            (0..self.site.sections.len())
                .map(|s| {
                    let sec = &self.site.sections[s];
                    if sec.pages.len() <= NAV_WINDOW * 2 {
                        return vec![];
                    }
                    let from = self.nav_from(s, 0);
                    sec.pages
                        .iter()
                        .map(|&p| {
                            let mut d = Digest::new();
                            d.value(&self.nav_page(p, &from));
                            d.finish()
                        })
                        .collect()
                })
                .collect()
        })
    }

    /// Fingerprint of a generated page's output file.
    pub fn generated_fingerprint(&self, g: Generated) -> u128 {
        self.with_generated_inputs(g, |template, ctx, listing, file| {
            let mut d = Digest::new();
            d.str(template);
            d.str(file);
            d.value(ctx);
            d.value(listing);
            d.finish()
        })
    }
}

/// What `serve`'s title path knows of an edit that changed the titles and
/// text of some pages and nothing else of their face (see `serve::title`).
/// A generated page that reads none of it keeps its last bytes without
/// being fingerprinted (see `RenderEnv::shows_none_of`).
#[derive(Debug, Default)]
pub struct TitleEdit {
    /// The pages whose title or text changed.
    pub edited: HashSet<PageId>,
    /// The pages whose own output file may change (the edited ones too):
    /// what they show of their links, their place, their neighbours.
    pub dirty: HashSet<PageId>,
    /// The pages whose backlinks changed.
    pub backlinks_changed: HashSet<PageId>,
    /// Whether the pages to create changed (their titles, or the pages
    /// asking for them).
    pub missing_changed: bool,
    /// Files the quick path rendered since the cache's bytes of them: never
    /// reused as they are.
    pub stale: HashSet<String>,
}

/// Shows rendered files at once, before the rest of the render is done
/// (`serve`: see [`RenderCache::set_early`]).
pub type Early = Arc<dyn Fn(&[(String, Arc<Vec<u8>>)]) + Send + Sync>;

/// One rendered file and the fingerprint it was rendered from.
type Rendered = (u128, Arc<Vec<u8>>);

/// The output files of the previous render, by fingerprint: a file whose
/// fingerprint has not changed is taken from here instead of rendered.
#[derive(Default)]
pub struct RenderCache {
    global: u128,
    prev: HashMap<String, Rendered>,
    next: Mutex<HashMap<String, Rendered>>,
    /// "See also" of the last render, reused while tags and titles stay.
    pub see_also: crate::wiki::SeeAlsoMemo,
    /// Files rendered and files reused by the last render (for the log and tests).
    pub rendered: AtomicUsize,
    pub reused: AtomicUsize,
    /// The wiki analysis and section navigations of the last render, kept
    /// for `serve`'s next edit ([`RenderCache::take_kept`]).
    kept: Option<Kept>,
    /// Files known to have the same inputs as last time (`serve`'s title
    /// path), with their page, and the "see also" lists of last time: see
    /// [`RenderCache::assume_unchanged`].
    unchanged: HashMap<String, crate::site::PageId>,
    see_also_before: Vec<Vec<crate::site::PageId>>,
    /// The title path's edit, for the generated pages (see [`TitleEdit`]).
    edit: Option<TitleEdit>,
    /// Handed the edited pages of a title edit as soon as they are rendered.
    early: Option<Early>,
    /// The files the last render handed to `early`.
    pub early_sent: Vec<String>,
}

/// What a render computed once for the whole site and an edit that
/// changes no page's face (title, tags, links…) can reuse as it is.
pub struct Kept {
    pub wiki: crate::wiki::Wiki,
    /// Per section, its navigation (see `RenderEnv::nav`).
    pub nav: Vec<[tera::Value; 2]>,
    /// Per section, its generated overviews (see `RenderEnv::overviews`).
    overviews: Vec<super::env::Overviews>,
    /// f-actions: the actions and build date of that render.
    actions: crate::actions::Actions,
    today: crate::date::Date,
}

impl Kept {
    /// The actions of the render that left this.
    pub fn actions(&self) -> &crate::actions::Actions {
        &self.actions
    }

    /// The render environment of the render that left this, for `site`,
    /// `links` and `credits` equal to that render's but for page bodies:
    /// its "see also", actions, section navigations and overviews are
    /// reused; the printable documents (an index page's body makes its
    /// introduction) are computed again.
    pub fn env<'a>(
        &'a self,
        site: &'a crate::site::Site,
        links: &'a crate::link::LinkTable,
        tera: &'a tera::Tera,
        credits: &'a crate::credits::Credits,
    ) -> RenderEnv<'a> {
        let nav = self
            .nav
            .iter()
            .map(|n| n.clone().map(std::sync::OnceLock::from))
            .collect();
        let strings = crate::i18n::strings(&site.config.language);
        RenderEnv::with_nav(
            site,
            links,
            &self.wiki,
            tera,
            strings,
            nav,
            self.overviews.clone(),
        )
        .with_credits(credits)
        .with_actions(&self.actions, self.today)
    }
}

impl RenderCache {
    /// Starts a render whose site-wide inputs have fingerprint `global`:
    /// when it differs from the previous one, nothing is reused.
    pub fn begin(&mut self, global: u128) {
        let next = std::mem::take(self.next.get_mut().unwrap_or_else(|e| e.into_inner()));
        if !next.is_empty() {
            self.prev = next;
        }
        if global != self.global {
            self.prev.clear();
            self.unchanged.clear();
            self.edit = None;
        }
        self.global = global;
        self.early_sent.clear();
        self.rendered.store(0, Ordering::Relaxed);
        self.reused.store(0, Ordering::Relaxed);
    }

    /// Keeps the wiki analysis and the navigations (`RenderEnv::into_nav`)
    /// for [`Self::take_kept`].
    pub fn keep(
        &mut self,
        wiki: crate::wiki::Wiki,
        (nav, overviews): (Vec<[tera::Value; 2]>, Vec<super::env::Overviews>),
    ) {
        self.kept = Some(Kept {
            wiki,
            nav,
            overviews,
            actions: crate::actions::Actions::default(),
            today: crate::date::Date {
                year: 1970,
                month: 1,
                day: 1,
            },
        });
    }

    /// f-actions: keeps the actions and build date of the render beside
    /// what [`Self::keep`] kept.
    pub fn keep_actions(&mut self, actions: &crate::actions::Actions, today: crate::date::Date) {
        if let Some(k) = &mut self.kept {
            k.actions = actions.clone();
            k.today = today;
        }
    }

    /// What the last render kept (see [`Self::keep`]).
    pub fn take_kept(&mut self) -> Option<Kept> {
        self.kept.take()
    }

    /// From now on, the pages a title edit changed (`TitleEdit::edited`)
    /// are rendered before all others and handed to `early` at once: the
    /// page being edited shows its new title before the pages that link to
    /// it, the tag pages and the rest are rendered.
    pub fn set_early(&mut self, early: Option<Early>) {
        self.early = early;
    }

    /// The pages to render first and hand to [`Self::show_early`]: the
    /// edited pages of a title edit, when something waits for them.
    pub fn early_pages(&self) -> Vec<crate::site::PageId> {
        let (Some(_), Some(edit)) = (&self.early, &self.edit) else {
            return vec![];
        };
        let mut ids: Vec<_> = edit.edited.iter().copied().collect();
        ids.sort_unstable();
        ids
    }

    /// Hands `files` (the pages of [`Self::early_pages`], rendered; kept
    /// with [`Self::put`] once fingerprinted) to what waits for them.
    pub fn show_early(&mut self, files: &[(String, Arc<Vec<u8>>)]) {
        if let Some(early) = self.early.as_ref().filter(|_| !files.is_empty()) {
            early(files);
            self.early_sent = files.iter().map(|(rel, _)| rel.clone()).collect();
        }
    }

    /// A render failed: keep what the last good render left for the next try.
    pub fn abandon(&mut self) {
        self.next
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// For the next render only: the output files `unchanged` (with their
    /// page) have the same inputs as in the last render, unless their page's
    /// "see also" list changes (compared with the list of the last render
    /// once the new one is known): they are reused without fingerprinting.
    /// So are the generated pages that read nothing of `edit`.
    pub fn assume_unchanged(
        &mut self,
        unchanged: HashMap<String, crate::site::PageId>,
        edit: Option<TitleEdit>,
    ) {
        self.see_also_before = if unchanged.is_empty() {
            vec![]
        } else {
            self.see_also.see_also().to_vec()
        };
        self.unchanged = unchanged;
        self.edit = edit;
    }

    /// The last bytes of output file `rel`, kept for the next render
    /// without fingerprinting.
    fn reuse(&self, rel: &str) -> Option<Arc<Vec<u8>>> {
        if self.edit.as_ref().is_some_and(|e| e.stale.contains(rel)) {
            return None;
        }
        let (fp, bytes) = self.prev.get(rel)?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        self.record(rel, *fp, bytes.clone());
        Some(bytes.clone())
    }

    /// [`Self::get`] for a generated page, kept as it is when the title
    /// path's edit is one it does not read (`reads_none(edit)`).
    pub fn get_generated(
        &self,
        rel: &str,
        reads_none: impl FnOnce(&TitleEdit) -> bool,
        fingerprint: impl FnOnce() -> u128,
        render: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<Arc<Vec<u8>>, Diagnostic> {
        if let Some(edit) = &self.edit
            && reads_none(edit)
            && let Some(bytes) = self.reuse(rel)
        {
            return Ok(bytes);
        }
        self.get(rel, fingerprint, render)
    }

    /// Keeps `bytes`, rendered from inputs of fingerprint `fp`, as output
    /// file `rel` (a page [`Self::show_early`] showed, rendered without
    /// waiting for its fingerprint).
    pub fn put(&self, rel: &str, fp: u128, bytes: Arc<Vec<u8>>) {
        self.rendered.fetch_add(1, Ordering::Relaxed);
        self.record(rel, fp, bytes);
    }

    /// Output file `rel` of this render, for the next one to reuse.
    fn record(&self, rel: &str, fp: u128, bytes: Arc<Vec<u8>>) {
        if let Ok(mut next) = self.next.lock() {
            next.insert(rel.to_string(), (fp, bytes));
        }
    }

    /// The bytes of output file `rel`: reused when its fingerprint is the
    /// one it was last rendered from, else rendered.
    pub fn get(
        &self,
        rel: &str,
        fingerprint: impl FnOnce() -> u128,
        render: impl FnOnce() -> Result<Vec<u8>, Diagnostic>,
    ) -> Result<Arc<Vec<u8>>, Diagnostic> {
        if let Some(&id) = self.unchanged.get(rel)
            && self.see_also_before.get(id) == self.see_also.see_also().get(id)
            && let Some(bytes) = self.reuse(rel)
        {
            return Ok(bytes);
        }
        let fp = fingerprint();
        let bytes = match self.prev.get(rel) {
            Some((old, bytes)) if *old == fp => {
                self.reused.fetch_add(1, Ordering::Relaxed);
                bytes.clone()
            }
            _ => {
                self.rendered.fetch_add(1, Ordering::Relaxed);
                Arc::new(render()?)
            }
        };
        self.record(rel, fp, bytes.clone());
        Ok(bytes)
    }
}
