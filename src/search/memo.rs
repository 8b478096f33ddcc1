//! The index again after an edit (`serve`): the documents of every page
//! are kept with a digest of what they were read from (the page's title,
//! description and body HTML), so that only the pages whose digest changed
//! are read and analysed again; scoring, sharding and writing then run
//! over all the documents as in a clean build, which gives the same bytes
//! ([`build`](super::build), proved by `serve::tests`). Stem ids and
//! vocabulary entries come from one interner kept across builds: the
//! entries no page uses any more are left out of the files.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

use super::documents::{self, Doc, Interner, PageDocs};
use super::{SearchIndex, score};
use crate::site::{Page, Site};

/// What the last index was built from, for the next one.
#[derive(Default)]
pub struct Memo {
    interner: Mutex<Interner>,
    /// By page source: the digest of its inputs and its documents.
    pages: HashMap<String, (u128, PageDocs)>,
}

/// Digest of what `documents::page_docs` reads of a page.
fn digest(page: &Page) -> u128 {
    let mut h = Xxh3::new();
    for s in [
        page.title.as_str(),
        page.front.description.as_deref().unwrap_or("\u{0}"),
        page.body.html.as_str(),
    ] {
        h.update(&(s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    }
    h.digest128()
}

impl Memo {
    /// The index of `site`, reading again only the pages changed since the
    /// last call; `None` when `go` says to stop (what was read is kept).
    pub fn build(&mut self, site: &Site, go: &(impl Fn() -> bool + Sync)) -> Option<SearchIndex> {
        let digests: Vec<u128> = site.pages.par_iter().map(digest).collect();
        let stale: Vec<usize> = (0..site.pages.len())
            .filter(|&id| {
                self.pages
                    .get(&site.pages[id].source)
                    .is_none_or(|(d, _)| *d != digests[id])
            })
            .collect();
        let started = std::time::Instant::now();
        let read = documents::read(site, &stale, &self.interner, true, go)?;
        if std::env::var_os("PLAYBOOK_TIMINGS").is_some() {
            eprintln!(
                "timing: serve search read {} pages in {:.1} ms",
                stale.len(),
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        for (id, docs) in stale.into_iter().zip(read) {
            self.pages
                .insert(site.pages[id].source.clone(), (digests[id], docs));
        }
        // Pages gone: forgotten.
        if self.pages.len() > site.pages.len() {
            let sources: std::collections::HashSet<&str> =
                site.pages.iter().map(|p| p.source.as_str()).collect();
            self.pages.retain(|s, _| sources.contains(s.as_str()));
        }
        let interner = self.interner.lock().unwrap_or_else(PoisonError::into_inner);
        let mut live = vec![false; interner.vocab_len()];
        let mut docs: Vec<(usize, &Doc)> = vec![];
        for (id, page) in site.pages.iter().enumerate() {
            let (_, p) = self.pages.get(&page.source)?;
            for &v in &p.vocab {
                live[v as usize] = true;
            }
            docs.extend(p.docs.iter().map(|d| (id, d)));
        }
        let stems = interner.stem_names();
        let scored = score::scored_and_encoded(
            docs.iter().map(|d| d.1),
            stems.len(),
            score::PASS_POSTINGS,
            go,
        )?;
        super::index_of(site, &docs, &interner, &stems, scored, Some(&live), go)
    }
}
