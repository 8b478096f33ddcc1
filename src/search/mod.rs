//! Full-text search: the index the build ships for the browser.
//!
//! [`build`] is a pure function of the site model, in stages, one module
//! each: every page is cut into heading sections (`sections`), one
//! document each pointing at the heading's anchor; their words are analysed
//! ([`analyze`]: French, folded, stemmed) into weighted terms
//! (`documents`: title and headings weigh more), scored with BM25 and
//! encoded (`score`), spread over files by prefix (`shard`) and written
//! as JSON (`write`). [`Control`] lets a build pause or stop it. The
//! result is a set of small JavaScript files under `recherche/index/`,
//! loaded as `<script>`s (which, unlike `fetch`, work from `file://`):
//!
//! - `manifest.js`: shard keys and sizes, stop words, elisions, counts;
//! - `tN.js`: the vocabulary (folded word → stems) and postings (stem →
//!   documents and scores) of every term whose prefix is key N; keys are
//!   prefixes grown until each shard is small, so a query loads little.
//!   `{"v": {word: stem or [stems]}, "p": {stem: postings}, "c": {stem: n},
//!   "r": records}`, `c` (only when some list was cut to [`MAX_POSTINGS`])
//!   giving the number of documents such a stem was in, `r` the records of
//!   the best [`RECORDS`] documents of each of its stems: `{"i": [doc id…],
//!   "p": [[url, title]…], "d": [[page, anchor, heading, excerpt]…]}` as in
//!   a `dN.js`. A first query thus shows its results with the term files it
//!   loads, in one round, without waiting for them to load document chunks;
//! - `dN.js`: documents by chunks of [`DOC_CHUNK`]: `{"p": [[url, title]…],
//!   "d": [[page, anchor, heading, excerpt]…]}`, `page` indexing `p` (the
//!   sections of a page follow each other, so its address and title are
//!   written once per chunk).
//!
//! Each file assigns its data to `self.playbookSearchData[name]`; strings are
//! JSON with `<`, `>`, `&` escaped, so no text can close a script.

pub mod analyze;
mod control;
mod documents;
mod memo;
mod score;
mod sections;
mod shard;
#[cfg(test)]
mod tests;
mod write;

pub use control::Control;
pub use memo::Memo;
pub use score::decode_postings;
pub use sections::{Part, sections};

use crate::site::Site;

/// Where the index files go, from the site root.
pub const DIR: &str = "recherche/index/";
/// Documents per `dN.js` file: about 5 KB, so the results of a query
/// whose best documents are not in the records of its term files (one of
/// several words) load little, while a large site does not get a file per
/// section (each file costs more to write than its bytes).
pub const DOC_CHUNK: usize = 16;
/// Records per stem in its term file (see `tN.js` above): the box shows 8
/// results, at most 3 per page, so the best 16 documents of a word are
/// nearly always enough to show its first results. Only the words found
/// in the most documents carry them, as long as records weigh no more in
/// all than the rest of the index (term files and document chunks).
pub const RECORDS: usize = 16;
/// Target size of a term shard: a key's shard is split by one more
/// character until it fits (one stem's postings can still exceed it).
pub const SHARD_BYTES: usize = 40 * 1024;
/// At most this many documents per term (the best scored): a word found
/// nearly everywhere says little, and its list would be large.
pub const MAX_POSTINGS: usize = 10_000;
/// Excerpt text kept per document, in bytes: the browser shows 160 (the
/// box) or 240 (the results page) characters around the first match in it.
pub const EXCERPT_BYTES: usize = 300;

/// The built index: files relative to the site root, and figures.
#[derive(Debug, Default)]
pub struct SearchIndex {
    pub files: Vec<(String, Vec<u8>)>,
    pub docs: usize,
    pub terms: usize,
    pub words: usize,
    pub postings: usize,
}

impl SearchIndex {
    pub fn bytes(&self) -> usize {
        self.files.iter().map(|(_, b)| b.len()).sum()
    }
}

/// Builds the search index of a site. Pure: the same site gives the same bytes.
pub fn build(site: &Site) -> SearchIndex {
    build_under(site, None).unwrap_or_default()
}

/// [`build`], under the `control` of a build: it waits while paused, and
/// returns `None` soon after it is stopped.
pub fn build_under(site: &Site, control: Option<&Control>) -> Option<SearchIndex> {
    build_in_passes(site, control, score::PASS_POSTINGS)
}

/// [`build_under`], its postings scored `pass` at a time.
fn build_in_passes(site: &Site, control: Option<&Control>, pass: usize) -> Option<SearchIndex> {
    let go = || control.is_none_or(Control::proceed);
    let shared = std::sync::Mutex::new(documents::Interner::default());
    let all: Vec<usize> = (0..site.pages.len()).collect();
    let mut pages = documents::read(site, &all, &shared, false, &go)?;
    let interner = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let stems = interner.stem_names();
    let scored =
        score::scored_and_encoded(pages.iter().flat_map(|p| &p.docs), stems.len(), pass, &go)?;
    // Scored, the terms are not read again: the files that follow take
    // their place (at 100,000 pages they weigh 340 MB).
    for p in &mut pages {
        p.forget_terms();
    }
    let docs = page_and_doc(&pages);
    index_of(site, &docs, &interner, &stems, scored, None, &go)
}

/// The documents of `pages` (in page order) with their page id.
fn page_and_doc(pages: &[documents::PageDocs]) -> Vec<(usize, &documents::Doc)> {
    pages
        .iter()
        .enumerate()
        .flat_map(|(id, p)| p.docs.iter().map(move |d| (id, d)))
        .collect()
}

/// The index of `docs` (page id, document, in page order), whose stem ids
/// (named `stems`) and vocabulary entries `interner` gave, their postings
/// `scored` ([`score::scored_and_encoded`], with their number); only the
/// vocabulary entries `live` says (all when `None`).
fn index_of(
    site: &Site,
    docs: &[(usize, &documents::Doc)],
    interner: &documents::Interner,
    stems: &[String],
    (mut encoded, total_postings): (Vec<score::Encoded>, usize),
    live: Option<&[bool]>,
    go: &(impl Fn() -> bool + Sync),
) -> Option<SearchIndex> {
    let vocab = interner.vocabulary(stems, live);
    if !go() {
        return None;
    }
    let records = write::Records::new(site, docs);
    let record_bytes = records.bytes();
    // Records in term files at most double the index (see `RECORDS`).
    let budget =
        shard::bytes_without_records(&vocab, stems, &encoded) + record_bytes.iter().sum::<usize>();
    score::ration_records(&mut encoded, stems, &record_bytes, budget);
    let shards = shard::shards(&vocab, stems, &encoded, &record_bytes);
    let mut files = write::term_shards(&shards, &vocab, stems, &encoded, &records, go)?;
    let sizes = files.iter().map(|(_, file)| file.len()).collect();
    files.extend(write::doc_chunks(&records, go)?);
    files.push(write::manifest(docs.len(), &shards, sizes));
    Some(SearchIndex {
        files,
        docs: docs.len(),
        terms: encoded.iter().filter(|e| !e.text.is_empty()).count(),
        words: vocab.len(),
        postings: total_postings,
    })
}
