//! Pages into documents: each heading section of a page (cut by
//! [`sections`](super::sections)) becomes a document whose words are
//! analysed ([`analyze`](super::analyze)) into stem ids with their weights
//! (title and headings weigh more). Pages are read in parallel; the threads
//! share one [`Interner`] (word → stem id) behind a lock, each keeping its
//! own cache of it. The second stage of the index, before
//! [`score`](super::score).

use std::collections::BTreeMap;
use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::EXCERPT_BYTES;
use super::analyze::{self, Stemmer, each_raw_word, lowercase, nfc};
use super::sections::{collapse, raw_sections};
use crate::site::Site;

/// Weights of a word in the page title, a heading, the text.
const TITLE_WEIGHT: f32 = 5.0;
const HEADING_WEIGHT: f32 = 3.0;

/// A document before scoring.
pub(super) struct Doc {
    pub(super) anchor: String,
    pub(super) heading: String,
    pub(super) excerpt: String,
    /// Its length in words, title and heading included.
    pub(super) len: f32,
    /// Stem id and weight (the word counts, weighted), by stem id (so
    /// that the stems of a range are found without reading the others').
    pub(super) terms: Vec<(u32, f32)>,
}

/// The documents of one page, and the vocabulary entries (indexes into
/// the interner's) its words gave.
#[derive(Default)]
pub(super) struct PageDocs {
    pub(super) docs: Vec<Doc>,
    /// Empty unless [`read`] was asked to keep them (`serve`'s memo does).
    pub(super) vocab: Vec<u32>,
}

impl PageDocs {
    /// Drops the terms of its documents, once they are scored.
    pub(super) fn forget_terms(&mut self) {
        for d in &mut self.docs {
            d.terms = Vec::new();
        }
    }
}

/// The documents of `pages` (ids of `site`), in that order, their stem ids
/// given by `shared`, with the vocabulary entries of each page if `vocab`
/// (a build, which reads every page once, has no use for them: at 100,000
/// pages they weigh about 200 MB); `None` when `go` says to stop.
pub(super) fn read(
    site: &Site,
    pages: &[usize],
    shared: &Mutex<Interner>,
    vocab: bool,
    go: &(impl Fn() -> bool + Sync),
) -> Option<Vec<PageDocs>> {
    // One scratch space per worker thread (and one for a caller outside the pool).
    let scratch: Vec<Mutex<Scratch>> = (0..=rayon::current_num_threads())
        .map(|_| Mutex::default())
        .collect();
    let docs: Vec<PageDocs> = pages
        .par_iter()
        .map(|&page| {
            if !go() {
                return PageDocs::default();
            }
            let slot = rayon::current_thread_index().map_or(0, |i| i + 1);
            let mut scratch = scratch[slot.min(scratch.len() - 1)]
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            page_docs(site, page, shared, &mut scratch, vocab)
        })
        .collect();
    go().then_some(docs)
}

/// Words to stems, shared by the threads of one build.
#[derive(Default)]
pub(super) struct Interner {
    /// Lowercase word → stem id and vocabulary entry (`None`: not searchable).
    words: FxHashMap<Box<str>, Option<(u32, u32)>>,
    stems: FxHashMap<String, u32>,
    /// Folded word and stem id, one per searchable lowercase word.
    vocab: Vec<(String, u32)>,
    stemmer: Stemmer,
}

impl Interner {
    fn lookup(&mut self, lower: &str) -> Option<(u32, u32)> {
        if let Some(&id) = self.words.get(lower) {
            return id;
        }
        let id = analyze::index_word(&self.stemmer, lower).map(|(folded, stem)| {
            let next = self.stems.len() as u32;
            let id = *self.stems.entry(stem).or_insert(next);
            self.vocab.push((folded, id));
            (id, self.vocab.len() as u32 - 1)
        });
        self.words.insert(lower.into(), id);
        id
    }
}

/// A worker thread's scratch space, kept from page to page: its cache of
/// the interner, keyed by words as written (hits take no shared lock and do
/// not even lowercase), and the term weights of the document being read.
#[derive(Default)]
struct Scratch {
    /// Words of at most 8 bytes (most French words), keyed by their bytes
    /// padded with zeros (no word holds a zero byte); longer ones as text.
    short: FxHashMap<u64, Option<(u32, u32)>>,
    words: FxHashMap<Box<str>, Option<(u32, u32)>>,
    /// Weight by stem id (0: absent from the document), and the ids set.
    weights: Vec<f32>,
    touched: Vec<u32>,
    /// Vocabulary entries met in the page (by index), and the ones set.
    seen: Vec<bool>,
    vocab: Vec<u32>,
    buf: String,
    /// The text of the page being read.
    text: String,
}

impl Scratch {
    /// Adds the words of `text` with `weight` to the document; returns their count.
    fn add(&mut self, shared: &Mutex<Interner>, text: &str, weight: f32) -> f32 {
        let text = nfc(text);
        let mut n = 0.0;
        each_raw_word(&text, |w| {
            let short = (w.len() <= 8).then(|| {
                let mut key = [0; 8];
                key[..w.len()].copy_from_slice(w.as_bytes());
                u64::from_le_bytes(key)
            });
            let known = match short {
                Some(key) => self.short.get(&key),
                None => self.words.get(w),
            };
            let id = match known {
                Some(&id) => id,
                None => {
                    lowercase(w, &mut self.buf);
                    let id = shared
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .lookup(&self.buf);
                    match short {
                        Some(key) => self.short.insert(key, id),
                        None => self.words.insert(w.into(), id),
                    };
                    id
                }
            };
            if let Some((id, v)) = id {
                let vi = v as usize;
                if vi >= self.seen.len() {
                    self.seen.resize(vi + 1, false);
                }
                if !self.seen[vi] {
                    self.seen[vi] = true;
                    self.vocab.push(v);
                }
                let i = id as usize;
                if i >= self.weights.len() {
                    self.weights.resize(i + 1, 0.0);
                }
                if self.weights[i] == 0.0 {
                    self.touched.push(id);
                }
                self.weights[i] += weight;
                n += 1.0;
            }
        });
        n
    }

    /// The document's terms and weights, by stem id; clears them.
    fn take_terms(&mut self) -> Vec<(u32, f32)> {
        self.touched.sort_unstable();
        self.touched
            .drain(..)
            .map(|id| (id, std::mem::take(&mut self.weights[id as usize])))
            .collect()
    }
}

/// The documents of one page: its heading sections, the title counted in
/// the first; with the vocabulary entries its words gave if `vocab`.
fn page_docs(
    site: &Site,
    page: usize,
    shared: &Mutex<Interner>,
    scratch: &mut Scratch,
    vocab: bool,
) -> PageDocs {
    let p = &site.pages[page];
    let mut text = std::mem::take(&mut scratch.text);
    text.clear();
    if let Some(d) = &p.front.description {
        text.push_str(d);
        text.push(' ');
    }
    let docs = raw_sections(&p.body.html, &mut text)
        .into_iter()
        .enumerate()
        .filter(|(i, part)| {
            *i == 0 || !part.anchor.is_empty() || !text[part.text.clone()].trim().is_empty()
        })
        .map(|(i, part)| {
            let body = &text[part.text];
            let mut len = 0.0;
            if i == 0 {
                len += scratch.add(shared, &p.title, TITLE_WEIGHT);
            }
            len += scratch.add(shared, &part.heading, HEADING_WEIGHT);
            len += scratch.add(shared, body, 1.0);
            Doc {
                anchor: part.anchor,
                heading: part.heading,
                excerpt: collapse(body, EXCERPT_BYTES),
                len,
                terms: scratch.take_terms(),
            }
        })
        .collect();
    scratch.text = text;
    for &v in &scratch.vocab {
        scratch.seen[v as usize] = false;
    }
    let vocab = if vocab {
        let mut entries = std::mem::take(&mut scratch.vocab);
        entries.sort_unstable();
        entries
    } else {
        // The scratch space keeps its list for the next page.
        scratch.vocab.clear();
        vec![]
    };
    PageDocs { docs, vocab }
}

impl Interner {
    /// Stem names by id.
    pub(super) fn stem_names(&self) -> Vec<String> {
        let mut stems = vec![String::new(); self.stems.len()];
        for (s, &id) in &self.stems {
            stems[id as usize].clone_from(s);
        }
        stems
    }

    /// How many vocabulary entries there are (live or not).
    pub(super) fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// The vocabulary: folded word → its stems (sorted, distinct); only
    /// the entries `live` says are (all when `None`).
    pub(super) fn vocabulary<'a>(
        &'a self,
        stems: &'a [String],
        live: Option<&[bool]>,
    ) -> BTreeMap<&'a str, Vec<&'a str>> {
        let mut vocab: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (i, (w, s)) in self.vocab.iter().enumerate() {
            if live.is_some_and(|l| !l.get(i).copied().unwrap_or(false)) {
                continue;
            }
            vocab.entry(w).or_default().push(&stems[*s as usize]);
        }
        for v in vocab.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        vocab
    }
}
