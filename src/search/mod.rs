//! Full-text search: the index the build ships for the browser.
//!
//! [`build`] is a pure function of the site model: every page is cut into
//! heading sections (one document each, pointing at the heading's anchor),
//! its words are analysed ([`analyze`]: French, folded, stemmed) and scored
//! with BM25 (title and headings weigh more). The result is a set of small
//! JavaScript files under `recherche/index/`, loaded as `<script>`s (which,
//! unlike `fetch`, work from `file://`):
//!
//! - `manifest.js`: shard keys and sizes, stop words, elisions, counts;
//! - `tN.js`: the vocabulary (folded word → stems) and postings (stem →
//!   documents and scores) of every term whose prefix is key N; keys are
//!   prefixes grown until each shard is small, so a query loads little.
//!   `{"v": {word: stem or [stems]}, "p": {stem: postings}, "c": {stem: n}}`,
//!   `c` (only when some list was cut to [`MAX_POSTINGS`]) giving the
//!   number of documents such a stem was in;
//! - `dN.js`: documents by chunks of [`DOC_CHUNK`]: `{"p": [[url, title]…],
//!   "d": [[page, anchor, heading, excerpt]…]}`, `page` indexing `p` (the
//!   sections of a page follow each other, so its address and title are
//!   written once per chunk).
//!
//! Each file assigns its data to `self.playbookSearchData[name]`; strings are
//! JSON with `<`, `>`, `&` escaped, so no text can close a script.

pub mod analyze;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::UrlStyle;
use crate::markdown::{CLOSE, OPEN, SEP};
use crate::site::Site;
use analyze::{Stemmer, each_raw_word, lowercase, nfc};

/// Where the index files go, from the site root.
pub const DIR: &str = "recherche/index/";
/// Documents per `dN.js` file: about 20 KB, so the eight results a first
/// query shows load little, while a large site does not get a file per
/// handful of sections (each file costs more to write than its bytes).
pub const DOC_CHUNK: usize = 64;
/// Target size of a term shard: a key's shard is split by one more
/// character until it fits (one stem's postings can still exceed it).
pub const SHARD_BYTES: usize = 40 * 1024;
/// At most this many documents per term (the best scored): a word found
/// nearly everywhere says little, and its list would be large.
pub const MAX_POSTINGS: usize = 10_000;
/// Excerpt text kept per document, in bytes: the browser shows 160 (the
/// box) or 240 (the results page) characters around the first match in it.
pub const EXCERPT_BYTES: usize = 300;
/// Weights of a word in the page title, a heading, the text.
const TITLE_WEIGHT: f32 = 5.0;
const HEADING_WEIGHT: f32 = 3.0;
const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;
/// Scores are shipped as one character: 1..=63.
const SCORE_MAX: f32 = 63.0;
/// The 64 characters of the postings encoding (none needs escaping).
const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

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

/// One heading section of a page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Part {
    /// The heading's id (`""` for the text before the first heading).
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// Cuts a page's body HTML (with link placeholders) into heading sections
/// of plain text. Tags are dropped, entities decoded, white space collapsed.
pub fn sections(html: &str) -> Vec<Part> {
    let mut text = String::new();
    raw_sections(html, &mut text)
        .into_iter()
        .map(|p| Part {
            anchor: p.anchor,
            heading: p.heading,
            text: collapse(&text[p.text], usize::MAX),
        })
        .collect()
}

/// A heading section as [`raw_sections`] reads it: its text is a range of
/// the buffer all the sections of a page share.
struct RawPart {
    anchor: String,
    heading: String,
    text: std::ops::Range<usize>,
}

/// The text of `raw` with white space collapsed and trimmed, cut to at most
/// `max` bytes (at a character boundary). Only as much of `raw` as needed is read.
fn collapse(raw: &str, max: usize) -> String {
    let mut out = String::with_capacity(raw.len().min(max.saturating_add(48)));
    for word in raw.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > max {
            let mut end = max;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            return out;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// [`sections`] with the text as found, only headings collapsed: the
/// analyzer splits words at any white space, and [`collapse`] tidies the
/// excerpt of each section, which saves collapsing the whole text. The text
/// is appended to `text` (one buffer for the page, reused from page to
/// page); the first section starts at its start, so text already there
/// (the description) belongs to it.
fn raw_sections(html: &str, text: &mut String) -> Vec<RawPart> {
    let mut parts = vec![RawPart {
        anchor: String::new(),
        heading: String::new(),
        text: 0..0,
    }];
    let mut in_heading = false;
    let mut i = 0;
    let b = html.as_bytes();
    while i < html.len() {
        let cur = parts.last_mut().expect("one part at least");
        let buf = if in_heading {
            &mut cur.heading
        } else {
            &mut *text
        };
        match b[i] {
            b'<' => {
                let end = html[i..].find('>').map_or(html.len(), |e| i + e);
                let tag = &html[i + 1..end];
                let bare = tag.trim_start_matches('/');
                let name = &bare[..bare
                    .bytes()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .unwrap_or(bare.len())];
                let closing = tag.starts_with('/');
                let heading = name.len() == 2
                    && (name.starts_with('h') || name.starts_with('H'))
                    && (b'1'..=b'6').contains(&name.as_bytes()[1]);
                i = end + 1;
                if heading && !closing {
                    in_heading = true;
                    cur.text.end = text.len();
                    parts.push(RawPart {
                        anchor: attr(tag, "id").unwrap_or_default(),
                        heading: String::new(),
                        text: text.len()..text.len(),
                    });
                } else if heading {
                    in_heading = false;
                } else if !closing
                    && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style"))
                {
                    let close = format!("</{}", name.to_ascii_lowercase());
                    i = html[i..].find(&close).map_or(html.len(), |e| i + e);
                } else if !INLINE.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                    buf.push(' ');
                }
            }
            b'&' => {
                let end = html[i..]
                    .char_indices()
                    .take(12)
                    .find(|&(_, c)| c == ';')
                    .map(|(e, _)| i + e);
                match end.and_then(|e| entity(&html[i + 1..e]).map(|c| (e, c))) {
                    Some((e, c)) => {
                        buf.push_str(c.encode_utf8(&mut [0; 4]));
                        i = e + 1;
                    }
                    None => {
                        buf.push('&');
                        i += 1;
                    }
                }
            }
            _ => {
                let rest = &html[i..];
                let c = rest.chars().next().unwrap_or(' ');
                if c == OPEN || c == CLOSE {
                    // A link placeholder: `\u{E000}N\u{E001}`.
                    i += rest.find(SEP).map_or(rest.len(), |e| e + SEP.len_utf8());
                    continue;
                }
                // `<`, `&`, or the first byte of a placeholder character.
                // (Lead bytes, so always at a character boundary.)
                let run = memchr::memchr3(b'<', b'&', PLACEHOLDER_LEAD, &rest.as_bytes()[1..])
                    .map_or(rest.len(), |e| e + 1)
                    .max(c.len_utf8());
                buf.push_str(&rest[..run]);
                i += run;
            }
        }
    }
    if let Some(last) = parts.last_mut() {
        last.text.end = text.len();
    }
    for p in &mut parts {
        p.heading = collapse(&p.heading, usize::MAX).trim_start().to_string();
    }
    parts
}

/// The first UTF-8 byte of the link placeholder characters (checked by a test).
const PLACEHOLDER_LEAD: u8 = 0xEE;

/// Tags inside words: no space is added in their place.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "code", "del", "em", "i", "kbd", "mark", "s", "small", "span", "strong",
    "sub", "sup", "u",
];

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// The value of attribute `name="…"` in a tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    let mut out = String::new();
    let v = &tag[start..end];
    let mut i = 0;
    while i < v.len() {
        if v.as_bytes()[i] == b'&'
            && let Some(e) = v[i..].find(';')
            && let Some(c) = entity(&v[i + 1..i + e])
        {
            out.push(c);
            i += e + 1;
            continue;
        }
        let c = v[i..].chars().next()?;
        out.push(c);
        i += c.len_utf8();
    }
    Some(out)
}

/// Words to stems, shared by the threads of one build.
#[derive(Default)]
struct Interner {
    /// Lowercase word → stem id (`None`: not searchable).
    words: FxHashMap<Box<str>, Option<u32>>,
    stems: FxHashMap<String, u32>,
    /// Folded word and stem id, one per searchable lowercase word.
    vocab: Vec<(String, u32)>,
    stemmer: Stemmer,
}

impl Interner {
    fn lookup(&mut self, lower: &str) -> Option<u32> {
        if let Some(&id) = self.words.get(lower) {
            return id;
        }
        let id = analyze::index_word(&self.stemmer, lower).map(|(folded, stem)| {
            let next = self.stems.len() as u32;
            let id = *self.stems.entry(stem).or_insert(next);
            self.vocab.push((folded, id));
            id
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
    short: FxHashMap<u64, Option<u32>>,
    words: FxHashMap<Box<str>, Option<u32>>,
    /// Weight by stem id (0: absent from the document), and the ids set.
    weights: Vec<f32>,
    touched: Vec<u32>,
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
            if let Some(id) = id {
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

    /// The document's terms and weights (in first-seen order); clears them.
    fn take_terms(&mut self) -> Vec<(u32, f32)> {
        self.touched
            .drain(..)
            .map(|id| (id, std::mem::take(&mut self.weights[id as usize])))
            .collect()
    }
}

/// A document before scoring.
struct Doc {
    page: usize,
    anchor: String,
    heading: String,
    excerpt: String,
    len: f32,
    terms: Vec<(u32, f32)>,
}

/// The documents of one page: its heading sections, the title counted in the first.
fn page_docs(
    site: &Site,
    page: usize,
    shared: &Mutex<Interner>,
    scratch: &mut Scratch,
) -> Vec<Doc> {
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
                page,
                anchor: part.anchor,
                heading: part.heading,
                excerpt: collapse(body, EXCERPT_BYTES),
                len,
                terms: scratch.take_terms(),
            }
        })
        .collect();
    scratch.text = text;
    docs
}

/// Builds the search index of a site. Pure: the same site gives the same bytes.
pub fn build(site: &Site) -> SearchIndex {
    build_under(site, None).unwrap_or_default()
}

/// Lets a build run the index beside its other stages: pause it while the
/// pages render (so that it takes only the time the serial stages leave
/// idle, at normal priority), and stop it when the build stops early.
#[derive(Debug, Default)]
pub struct Control {
    stop: AtomicBool,
    paused: AtomicBool,
    lock: Mutex<()>,
    wake: Condvar,
}

impl Control {
    /// The index waits at its next step (each a fraction of a millisecond).
    pub fn pause(&self) {
        self.paused.store(true, Ordering::SeqCst);
    }

    pub fn resume(&self) {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.paused.store(false, Ordering::SeqCst);
        self.wake.notify_all();
    }

    /// The index gives up at its next step ([`build_under`] returns `None`).
    pub fn stop(&self) {
        let _held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.stop.store(true, Ordering::SeqCst);
        self.wake.notify_all();
    }

    /// Between two steps of the index: waits while paused; `false` once stopped.
    fn proceed(&self) -> bool {
        if self.paused.load(Ordering::SeqCst) {
            let mut held = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
            while self.paused.load(Ordering::SeqCst) && !self.stop.load(Ordering::SeqCst) {
                held = self.wake.wait(held).unwrap_or_else(PoisonError::into_inner);
            }
        }
        !self.stop.load(Ordering::SeqCst)
    }
}

/// [`build`], under the `control` of a build: it waits while paused, and
/// returns `None` soon after it is stopped.
pub fn build_under(site: &Site, control: Option<&Control>) -> Option<SearchIndex> {
    let go = || control.is_none_or(Control::proceed);
    let shared = Mutex::new(Interner::default());
    // One scratch space per worker thread (and one for a caller outside the pool).
    let scratch: Vec<Mutex<Scratch>> = (0..=rayon::current_num_threads())
        .map(|_| Mutex::default())
        .collect();
    let mut docs: Vec<Doc> = (0..site.pages.len())
        .into_par_iter()
        .map(|page| {
            if !go() {
                return vec![];
            }
            let slot = rayon::current_thread_index().map_or(0, |i| i + 1);
            let mut scratch = scratch[slot.min(scratch.len() - 1)]
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            page_docs(site, page, &shared, &mut scratch)
        })
        .flatten_iter()
        .collect();
    if !go() {
        return None;
    }
    let interner = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);

    // Stem names by id.
    let mut stems = vec![String::new(); interner.stems.len()];
    for (s, &id) in &interner.stems {
        stems[id as usize] = s.clone();
    }

    // BM25 over the documents, with the title and heading weights in `tf`.
    let n = docs.len() as f32;
    let avg = docs.iter().map(|d| d.len).sum::<f32>() / n.max(1.0);
    let mut df = vec![0u32; stems.len()];
    for d in &docs {
        for &(t, _) in &d.terms {
            df[t as usize] += 1;
        }
    }
    let mut postings: Vec<Vec<(u32, f32)>> =
        df.iter().map(|&c| Vec::with_capacity(c as usize)).collect();
    let idf: Vec<f32> = df
        .iter()
        .map(|&c| (1.0 + (n - c as f32 + 0.5) / (c as f32 + 0.5)).ln())
        .collect();
    let mut max = 0f32;
    for (id, d) in docs.iter_mut().enumerate() {
        if id % 1024 == 0 && !go() {
            return None;
        }
        let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * d.len / avg.max(1.0));
        // (Taken, so the memory is free again for what follows.)
        for (t, tf) in std::mem::take(&mut d.terms) {
            let s = idf[t as usize] * tf * (BM25_K1 + 1.0) / (tf + norm);
            max = max.max(s);
            postings[t as usize].push((id as u32, s));
        }
    }
    let total_postings: usize = postings.iter().map(Vec::len).sum();

    // Encoded postings by stem, and the vocabulary (folded word → stems).
    let scale = if max > 0.0 { SCORE_MAX / max } else { 1.0 };
    // A list cut to its best MAX_POSTINGS keeps its full length, shipped in
    // the shard's `c` so the browser can say "at least N results".
    let encoded: Vec<(String, Option<usize>)> = postings
        .into_par_iter()
        .map(|mut list| {
            if !go() {
                return (String::new(), None);
            }
            let cut = (list.len() > MAX_POSTINGS).then_some(list.len());
            if cut.is_some() {
                keep_best(&mut list, MAX_POSTINGS);
            }
            (encode_postings(&list, scale), cut)
        })
        .collect();
    if !go() {
        return None;
    }
    let mut vocab: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (w, s) in &interner.vocab {
        vocab.entry(w).or_default().push(&stems[*s as usize]);
    }
    for v in vocab.values_mut() {
        v.sort_unstable();
        v.dedup();
    }

    // Shards: every string (word or stem) with its weight in bytes.
    let mut items: BTreeMap<&str, usize> = BTreeMap::new();
    for (w, s) in &vocab {
        *items.entry(w).or_default() += w.len() + s.iter().map(|s| s.len() + 3).sum::<usize>() + 4;
    }
    for (id, s) in stems.iter().enumerate() {
        let (list, cut) = &encoded[id];
        *items.entry(s).or_default() += s.len() + list.len() + 6 + cut.map_or(0, |_| s.len() + 9);
    }
    let items: Vec<(&str, usize)> = items.into_iter().collect();
    let mut groups: Vec<(String, &[(&str, usize)])> = vec![];
    split_keys(&items, 0, "", &mut groups);

    let mut files = vec![];
    let stem_ids: FxHashMap<&str, usize> = stems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut sizes = vec![];
    for (n, (_, group)) in groups.iter().enumerate() {
        let mut v = String::from("{\"v\":{");
        let mut p = String::from("},\"p\":{");
        let mut c = String::new();
        let (mut first_v, mut first_p) = (true, true);
        for (s, _) in group.iter() {
            if let Some(st) = vocab.get(s) {
                if !std::mem::take(&mut first_v) {
                    v.push(',');
                }
                v.push_str(&json(s));
                v.push(':');
                if st.len() == 1 {
                    v.push_str(&json(st[0]));
                } else {
                    v.push_str(&json(st));
                }
            }
            if let Some(&id) = stem_ids.get(s) {
                if !std::mem::take(&mut first_p) {
                    p.push(',');
                }
                let (list, cut) = &encoded[id];
                p.push_str(&json(s));
                p.push_str(":\"");
                p.push_str(list);
                p.push('"');
                if let Some(full) = cut {
                    c.push_str(if c.is_empty() { ",\"c\":{" } else { "," });
                    c.push_str(&json(s));
                    c.push(':');
                    c.push_str(&full.to_string());
                }
            }
        }
        v.push_str(&p);
        v.push('}');
        if !c.is_empty() {
            v.push_str(&c);
            v.push('}');
        }
        v.push('}');
        let file = js_file(&format!("t{n}"), &v);
        sizes.push(file.len());
        files.push((format!("{DIR}t{n}.js"), file));
    }

    // Documents, by chunks: the pages they belong to, then the sections.
    let file_style = site.config.url_style == UrlStyle::File;
    let chunks: Vec<(String, Vec<u8>)> = docs
        .par_chunks(DOC_CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            if !go() {
                return (String::new(), vec![]);
            }
            let mut pages: Vec<String> = vec![];
            let mut rows: Vec<String> = Vec::with_capacity(chunk.len());
            let mut last = None;
            for d in chunk {
                if last != Some(d.page) {
                    last = Some(d.page);
                    let page = &site.pages[d.page];
                    let mut url = page.url.clone();
                    if file_style {
                        url.push_str("index.html");
                    }
                    pages.push(json_strings(&[url.as_str(), &page.title]));
                }
                let strings = json_strings(&[d.anchor.as_str(), &d.heading, &d.excerpt]);
                rows.push(format!("[{},{}", pages.len() - 1, &strings[1..]));
            }
            let name = format!("d{c}");
            let body = format!("{{\"p\":[{}],\"d\":[{}]}}", pages.join(","), rows.join(","));
            (format!("{DIR}{name}.js"), js_file(&name, &body))
        })
        .collect();
    if !go() {
        return None;
    }
    files.extend(chunks);

    let keys: Vec<&str> = groups.iter().map(|(k, _)| k.as_str()).collect();
    let manifest = format!(
        "{{\"version\":2,\"docs\":{},\"chunk\":{DOC_CHUNK},\"keys\":{},\"sizes\":{},\"stop\":{},\"elisions\":{}}}",
        docs.len(),
        json(&keys),
        json(&sizes),
        json(analyze::STOP_WORDS),
        json(analyze::ELISIONS),
    );
    files.push((format!("{DIR}manifest.js"), js_file("manifest", &manifest)));
    Some(SearchIndex {
        files,
        docs: docs.len(),
        terms: stems.len(),
        words: vocab.len(),
        postings: total_postings,
    })
}

/// Keeps the `n` best scored postings of `list` (in document order): those
/// above the `n`th best score, then as many of the first documents at that
/// score as fit.
fn keep_best(list: &mut Vec<(u32, f32)>, n: usize) {
    let mut scores: Vec<f32> = list.iter().map(|p| p.1).collect();
    let (_, &mut nth, _) = scores.select_nth_unstable_by(n - 1, |a, b| b.total_cmp(a));
    let mut ties = n - list.iter().filter(|p| p.1.total_cmp(&nth).is_gt()).count();
    list.retain(|p| match p.1.total_cmp(&nth) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Equal if ties > 0 => {
            ties -= 1;
            true
        }
        _ => false,
    });
}

/// Groups sorted `items` under keys: a group larger than [`SHARD_BYTES`]
/// is split by one more character; strings as long as the key stay in it.
fn split_keys<'a>(
    items: &'a [(&'a str, usize)],
    depth: usize,
    prefix: &str,
    out: &mut Vec<(String, &'a [(&'a str, usize)])>,
) {
    let total: usize = items.iter().map(|i| i.1).sum();
    if total <= SHARD_BYTES || items.iter().all(|(s, _)| s.chars().nth(depth).is_none()) {
        out.push((prefix.to_string(), items));
        return;
    }
    // Items are sorted, so the ones equal to the prefix come first.
    let short = items
        .iter()
        .take_while(|(s, _)| s.chars().nth(depth).is_none())
        .count();
    if short > 0 {
        out.push((prefix.to_string(), &items[..short]));
    }
    let mut rest = &items[short..];
    while let Some((first, _)) = rest.first() {
        let c = first.chars().nth(depth).expect("longer than the prefix");
        let len = rest
            .iter()
            .take_while(|(s, _)| s.chars().nth(depth) == Some(c))
            .count();
        let mut key = prefix.to_string();
        key.push(c);
        split_keys(&rest[..len], depth + 1, &key, out);
        rest = &rest[len..];
    }
}

/// Postings as text: per document, the gap from the previous id (a varint
/// of 5 bits per character, the 6th bit meaning "more"), then the score.
fn encode_postings(list: &[(u32, f32)], scale: f32) -> String {
    let mut out = String::with_capacity(list.len() * 3);
    let mut prev = 0u32;
    for &(doc, score) in list {
        let mut gap = doc - prev;
        prev = doc;
        loop {
            let low = (gap & 31) as usize;
            gap >>= 5;
            if gap == 0 {
                out.push(B64[low] as char);
                break;
            }
            out.push(B64[low | 32] as char);
        }
        let q = (score * scale).round().clamp(1.0, SCORE_MAX) as usize;
        out.push(B64[q] as char);
    }
    out
}

/// Decodes [`encode_postings`] (for tests): `(doc, score 1..=63)`.
pub fn decode_postings(s: &str) -> Vec<(u32, u8)> {
    let val = |c: u8| B64.iter().position(|&b| b == c).unwrap_or(0) as u32;
    let mut out = vec![];
    let (mut doc, mut gap, mut shift) = (0u32, 0u32, 0);
    let mut bytes = s.bytes();
    while let Some(c) = bytes.next() {
        let v = val(c);
        gap |= (v & 31) << shift;
        shift += 5;
        if v & 32 == 0 {
            doc += gap;
            let score = bytes.next().map_or(0, val) as u8;
            out.push((doc, score));
            gap = 0;
            shift = 0;
        }
    }
    out
}

/// JSON that is safe anywhere in HTML or JavaScript: `<`, `>`, `&` and the
/// line separators are escaped (they only occur inside strings).
fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
    let s = serde_json::to_string(v).unwrap_or_else(|_| "null".to_string());
    // U+2028 and U+2029 start with the byte 0xE2.
    if !s.bytes().any(|b| matches!(b, b'<' | b'>' | b'&' | 0xE2)) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Bytes [`json_strings`] looks at: control characters, `"`, `\\`, `<`,
/// `>`, `&`, and the first byte of U+2028 and U+2029.
const SPECIAL: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t[b'<' as usize] = true;
    t[b'>' as usize] = true;
    t[b'&' as usize] = true;
    t[0xE2] = true;
    t
};

/// A JSON array of strings, escaped as [`json`] escapes (same bytes),
/// written without serde: document rows are most of the index.
fn json_strings(items: &[&str]) -> String {
    let mut out = String::with_capacity(items.iter().map(|s| s.len() + 3).sum::<usize>() + 2);
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('"');
        let b = s.as_bytes();
        let (mut from, mut at) = (0, 0);
        while let Some(n) = b[at..].iter().position(|&c| SPECIAL[c as usize]) {
            at += n;
            let len = match b[at] {
                0xE2 if b.get(at + 1) == Some(&0x80)
                    && matches!(b.get(at + 2), Some(0xA8 | 0xA9)) =>
                {
                    3
                }
                0xE2 => {
                    at += 1; // another character from U+2000 to U+2FFF
                    continue;
                }
                _ => 1,
            };
            out.push_str(&s[from..at]);
            match b[at] {
                b'"' => out.push_str("\\\""),
                b'\\' => out.push_str("\\\\"),
                b'<' => out.push_str("\\u003c"),
                b'>' => out.push_str("\\u003e"),
                b'&' => out.push_str("\\u0026"),
                b'\n' => out.push_str("\\n"),
                b'\r' => out.push_str("\\r"),
                b'\t' => out.push_str("\\t"),
                0x08 => out.push_str("\\b"),
                0x0C => out.push_str("\\f"),
                0xE2 if b[at + 2] == 0xA8 => out.push_str("\\u2028"),
                0xE2 => out.push_str("\\u2029"),
                c => {
                    let _ = std::fmt::Write::write_fmt(&mut out, format_args!("\\u{c:04x}"));
                }
            }
            at += len;
            from = at;
        }
        out.push_str(&s[from..]);
        out.push('"');
    }
    out.push(']');
    out
}

/// A script that stores `data` (JSON assembled from [`json`] pieces, so
/// already safe) under `name`.
fn js_file(name: &str, data: &str) -> Vec<u8> {
    let head = format!("(self.playbookSearchData=self.playbookSearchData||{{}})[\"{name}\"]=");
    let mut out = Vec::with_capacity(head.len() + data.len() + 2);
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(data.as_bytes());
    out.extend_from_slice(b";\n");
    out
}
