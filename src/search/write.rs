//! The writer: the bytes of every index file, the last stage of the index
//! (after [`shard`](super::shard)). Each file is a script that assigns its
//! data to `self.playbookSearchData[name]`; the data is JSON written by
//! serde_json with the [`HtmlSafe`] formatter, which escapes `<`, `>`, `&`
//! and the line separators U+2028 and U+2029 in strings (`\u003c`…), so no
//! text can close a script or end a line of JavaScript.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};
use serde_json::ser::Formatter;

use super::documents::Doc;
use super::score::Encoded;
use super::shard::Shard;
use super::{DIR, DOC_CHUNK, analyze};
use crate::config::UrlStyle;
use crate::site::Site;

/// The term files `tN.js`, in key order (`None` when `go` says to stop):
/// `{"v": {word: stem or [stems]}, "p": {stem: postings}, "c": {stem: n},
/// "r": records}`, `c` only when some list was cut, `r` (the records of
/// the best documents of its stems) only when it has some.
pub(super) fn term_shards(
    shards: &[Shard],
    vocab: &BTreeMap<&str, Vec<&str>>,
    stems: &[String],
    encoded: &[Encoded],
    records: &Records,
    go: &impl Fn() -> bool,
) -> Option<Vec<(String, Vec<u8>)>> {
    let stem_ids: FxHashMap<&str, usize> = stems
        .iter()
        .enumerate()
        .map(|(i, s)| (s.as_str(), i))
        .collect();
    let mut files = Vec::with_capacity(shards.len());
    for (n, shard) in shards.iter().enumerate() {
        if n % 64 == 0 && !go() {
            return None;
        }
        let mut data = TermShard::default();
        let mut best: Vec<u32> = vec![];
        for &s in &shard.strings {
            if let Some(st) = vocab.get(s) {
                data.v.0.push((s, Stems(st)));
            }
            // (A stem in no document, left by an earlier build: none.)
            if let Some(&id) = stem_ids.get(s)
                && !encoded[id].text.is_empty()
            {
                let e = &encoded[id];
                data.p.0.push((s, &e.text));
                if let Some(full) = e.cut {
                    data.c.0.push((s, full));
                }
                best.extend_from_slice(&e.top);
            }
        }
        best.sort_unstable();
        best.dedup();
        let mut bytes = shard.bytes + 64;
        if !best.is_empty() {
            let (chunk, b) = records.chunk(best.iter().map(|&d| d as usize));
            bytes += b + best.len() * 6;
            data.r = Some(RecordTable {
                i: best,
                p: chunk.p,
                d: chunk.d,
            });
        }
        let name = format!("t{n}");
        let file = js_file(&name, &data, bytes);
        files.push((format!("{DIR}{name}.js"), file));
    }
    Some(files)
}

/// The records of documents as the index files write them: the address
/// and title of their page, their anchor, heading and excerpt.
pub(super) struct Records<'a> {
    site: &'a Site,
    /// (page id, document) by document id.
    docs: &'a [(usize, &'a Doc)],
    file_style: bool,
}

impl<'a> Records<'a> {
    pub(super) fn new(site: &'a Site, docs: &'a [(usize, &'a Doc)]) -> Self {
        let file_style = site.config.url_style == UrlStyle::File;
        Records {
            site,
            docs,
            file_style,
        }
    }

    /// The address of page `page` as the browser opens it.
    fn url(&self, page: usize) -> Cow<'a, str> {
        let url = &self.site.pages[page].url;
        if self.file_style {
            Cow::Owned(format!("{url}index.html"))
        } else {
            Cow::Borrowed(url.as_str())
        }
    }

    /// About the bytes of each document's record (by id), its page's
    /// address and title included.
    pub(super) fn bytes(&self) -> Vec<usize> {
        self.docs
            .iter()
            .map(|&(page, d)| {
                let p = &self.site.pages[page];
                p.url.len()
                    + p.title.len()
                    + d.anchor.len()
                    + d.heading.len()
                    + d.excerpt.len()
                    + 40
            })
            .collect()
    }

    /// The records of documents `ids` (in order), and about their bytes.
    fn chunk(&self, ids: impl Iterator<Item = usize>) -> (DocChunk<'a>, usize) {
        let mut data = DocChunk {
            p: vec![],
            d: vec![],
        };
        let mut bytes = 32;
        let mut last = None;
        for id in ids {
            let (page_id, d) = self.docs[id];
            // The sections of a page follow each other: its address and
            // title are written once.
            if last != Some(page_id) {
                last = Some(page_id);
                let url = self.url(page_id);
                let title = self.site.pages[page_id].title.as_str();
                bytes += url.len() + title.len() + 8;
                data.p.push((url, title));
            }
            bytes += d.anchor.len() + d.heading.len() + d.excerpt.len() + 16;
            data.d
                .push((data.p.len() - 1, &d.anchor, &d.heading, &d.excerpt));
        }
        (data, bytes)
    }
}

/// The document files `dN.js`, by chunks of [`DOC_CHUNK`] (in parallel):
/// `{"p": [[url, title]…], "d": [[page, anchor, heading, excerpt]…]}`,
/// `page` indexing `p`. `None` when `go` says to stop.
pub(super) fn doc_chunks(
    records: &Records,
    go: &(impl Fn() -> bool + Sync),
) -> Option<Vec<(String, Vec<u8>)>> {
    let ids: Vec<usize> = (0..records.docs.len()).collect();
    let chunks = ids
        .par_chunks(DOC_CHUNK)
        .enumerate()
        .map(|(c, chunk)| {
            if !go() {
                return (String::new(), vec![]);
            }
            let (data, bytes) = records.chunk(chunk.iter().copied());
            let name = format!("d{c}");
            (format!("{DIR}{name}.js"), js_file(&name, &data, bytes))
        })
        .collect();
    go().then_some(chunks)
}

/// `manifest.js`: shard keys and sizes in bytes, stop words, elisions,
/// counts.
pub(super) fn manifest(docs: usize, shards: &[Shard], sizes: Vec<usize>) -> (String, Vec<u8>) {
    let data = Manifest {
        version: 2,
        docs,
        chunk: DOC_CHUNK,
        keys: shards.iter().map(|s| s.key.as_str()).collect(),
        sizes,
        stop: analyze::STOP_WORDS,
        elisions: analyze::ELISIONS,
    };
    let file = js_file("manifest", &data, 4096);
    (format!("{DIR}manifest.js"), file)
}

#[derive(Default, Serialize)]
struct TermShard<'a> {
    v: Entries<'a, Stems<'a>>,
    p: Entries<'a, &'a str>,
    #[serde(skip_serializing_if = "Entries::is_empty")]
    c: Entries<'a, usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    r: Option<RecordTable<'a>>,
}

/// The records of a term file: document ids, and their records as in a
/// [`DocChunk`].
#[derive(Serialize)]
struct RecordTable<'a> {
    i: Vec<u32>,
    p: Vec<(Cow<'a, str>, &'a str)>,
    d: Vec<(usize, &'a str, &'a str, &'a str)>,
}

#[derive(Serialize)]
struct DocChunk<'a> {
    p: Vec<(Cow<'a, str>, &'a str)>,
    d: Vec<(usize, &'a str, &'a str, &'a str)>,
}

#[derive(Serialize)]
struct Manifest<'a> {
    version: u32,
    docs: usize,
    chunk: usize,
    keys: Vec<&'a str>,
    sizes: Vec<usize>,
    stop: &'a [&'a str],
    elisions: &'a [&'a str],
}

/// A JSON object whose members keep their order.
struct Entries<'a, V>(Vec<(&'a str, V)>);

impl<V> Default for Entries<'_, V> {
    fn default() -> Self {
        Entries(vec![])
    }
}

impl<V> Entries<'_, V> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<V: Serialize> Serialize for Entries<'_, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// A word's stems: one as a string, more as an array.
struct Stems<'a>(&'a [&'a str]);

impl Serialize for Stems<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            [one] => serializer.serialize_str(one),
            many => many.serialize(serializer),
        }
    }
}

/// A script that stores `data` under `name`; `capacity` is about its size.
fn js_file(name: &str, data: &impl Serialize, capacity: usize) -> Vec<u8> {
    let head = format!("(self.playbookSearchData=self.playbookSearchData||{{}})[\"{name}\"]=");
    let mut out = Vec::with_capacity(head.len() + capacity + 2);
    out.extend_from_slice(head.as_bytes());
    data.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, HtmlSafe,
    ))
    .expect("index data serialises: string keys, no I/O");
    out.extend_from_slice(b";\n");
    out
}

/// `v` as the index files write it (for tests).
#[cfg(test)]
pub(super) fn json<T: Serialize + ?Sized>(v: &T) -> String {
    let mut out = vec![];
    v.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out, HtmlSafe,
    ))
    .expect("serialises");
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// Compact JSON that is safe anywhere in HTML or JavaScript: `<`, `>`, `&`,
/// U+2028 and U+2029 are escaped (they only occur inside strings).
struct HtmlSafe;

impl Formatter for HtmlSafe {
    /// `fragment` is a run of characters serde_json does not escape (it
    /// cuts only at ASCII ones, so never inside a character): written in
    /// runs too, up to each character to escape. They are rare, so they
    /// are looked for with `memchr`: `<`, `>`, `&`, and the first byte of
    /// U+2028 and U+2029 (also that of `’`, frequent in French).
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let b = fragment.as_bytes();
        // The next `<`, `>` or `&`, and the next 0xE2 byte, from `from`
        // (`b.len()`: none).
        let markup = |from: usize| {
            memchr::memchr3(b'<', b'>', b'&', &b[from..]).map_or(b.len(), |n| from + n)
        };
        let e2 = |from: usize| memchr::memchr(0xE2, &b[from..]).map_or(b.len(), |n| from + n);
        let (mut next_markup, mut next_e2) = (markup(0), e2(0));
        let mut from = 0;
        while next_markup < b.len() || next_e2 < b.len() {
            let (at, escape, len): (usize, &[u8], usize) = if next_markup < next_e2 {
                let at = next_markup;
                next_markup = markup(at + 1);
                match b[at] {
                    b'<' => (at, b"\\u003c", 1),
                    b'>' => (at, b"\\u003e", 1),
                    _ => (at, b"\\u0026", 1),
                }
            } else {
                let at = next_e2;
                next_e2 = e2(at + 1);
                match b.get(at + 1..at + 3) {
                    Some([0x80, 0xA8]) => (at, b"\\u2028", 3),
                    Some([0x80, 0xA9]) => (at, b"\\u2029", 3),
                    _ => continue, // another character from U+2000 to U+2FFF
                }
            };
            writer.write_all(&b[from..at])?;
            writer.write_all(escape)?;
            from = at + len;
        }
        writer.write_all(&b[from..])
    }
}
