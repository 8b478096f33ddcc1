//! Scoring: BM25 over the documents ([`scored_and_encoded`]), the title and heading
//! weights already in each term's count; then each stem's postings list,
//! cut to its best [`MAX_POSTINGS`] documents, is encoded as text
//! ([`encode`]). The third stage of the index, after
//! [`documents`](super::documents), before [`shard`](super::shard).

use rayon::prelude::*;

use super::documents::Doc;
use super::{MAX_POSTINGS, RECORDS};

const BM25_K1: f32 = 1.2;
const BM25_B: f32 = 0.75;
/// Scores are shipped as one character: 1..=63.
const SCORE_MAX: f32 = 63.0;
/// The 64 characters of the postings encoding (none needs escaping).
pub(super) const B64: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The documents' terms scored, for a range of stems.
struct Scored {
    /// By stem, in the range's order: `(doc id, score)` in document order.
    postings: Vec<Vec<(u32, f32)>>,
    /// The best score.
    max: f32,
}

/// Postings scored at once, at most (8 bytes each, about 35 MB at 10,000
/// pages): a larger index is scored and encoded a range of stems at a
/// time, each range reading every document's terms again, so that it never
/// holds all its postings unencoded beside the documents (at 100,000 pages
/// they weighed 340 MB, at the build's peak). The bytes are the same.
pub(super) const PASS_POSTINGS: usize = 8 << 20;

/// Every stem's postings encoded, by stem id (a stem in no document gets
/// an empty list), scored with BM25 over `docs` (`stems` is the number of
/// stem ids) in ranges of stems of at most `pass` postings (one stem's
/// can be more), and the number of postings. `None` when `go` says to stop.
pub(super) fn scored_and_encoded<'a>(
    docs: impl IntoIterator<Item = &'a Doc>,
    stems: usize,
    pass: usize,
    go: &(impl Fn() -> bool + Sync),
) -> Option<(Vec<Encoded>, usize)> {
    let docs: Vec<&Doc> = docs.into_iter().collect();
    let docs = docs.as_slice();
    let bm25 = Bm25::of(docs, stems);
    let total = bm25.df.iter().map(|&c| c as usize).sum();
    let ranges = ranges(&bm25.df, pass);
    // With one range, the best score comes with the postings; with more,
    // every range is encoded on the scale of the best score of all.
    let max = (ranges.len() > 1).then(|| bm25.max(docs));
    let mut encoded = Vec::with_capacity(stems);
    // Where each document's terms of the next range start: the ranges come
    // in stem order, so each one goes on where the last one stopped.
    let mut next = vec![0u32; docs.len()];
    for range in ranges {
        let mut scored = bm25.postings(docs, range, &mut next, go)?;
        scored.max = max.unwrap_or(scored.max);
        encoded.extend(encode(scored, go)?);
    }
    Some((encoded, total))
}

/// Stem ids `0..df.len()` cut into ranges of at most `pass` postings in
/// all (a range holds at least one stem).
pub(super) fn ranges(df: &[u32], pass: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = vec![];
    let (mut start, mut sum) = (0, 0usize);
    for (s, &c) in df.iter().enumerate() {
        if s > start && sum + c as usize > pass {
            out.push(start..s);
            (start, sum) = (s, 0);
        }
        sum += c as usize;
    }
    out.push(start..df.len());
    out
}

/// BM25 over a set of documents: the average length, and the document
/// frequency and inverse of each stem.
struct Bm25 {
    avg: f32,
    df: Vec<u32>,
    idf: Vec<f32>,
}

impl Bm25 {
    fn of(docs: &[&Doc], stems: usize) -> Bm25 {
        let n = docs.len() as f32;
        let avg = docs.iter().map(|d| d.len).sum::<f32>() / n.max(1.0);
        let mut df = vec![0u32; stems];
        for d in docs {
            for &(t, _) in &d.terms {
                df[t as usize] += 1;
            }
        }
        let idf = df
            .iter()
            .map(|&c| (1.0 + (n - c as f32 + 0.5) / (c as f32 + 0.5)).ln())
            .collect();
        Bm25 { avg, df, idf }
    }

    /// The score of a term of weight `tf` in a document of length `len`.
    fn score(&self, t: u32, tf: f32, len: f32) -> f32 {
        let norm = BM25_K1 * (1.0 - BM25_B + BM25_B * len / self.avg.max(1.0));
        self.idf[t as usize] * tf * (BM25_K1 + 1.0) / (tf + norm)
    }

    /// The best score of any term in any document (in parallel: the
    /// maximum of the same scores whatever their order).
    fn max(&self, docs: &[&Doc]) -> f32 {
        docs.par_iter()
            .map(|d| {
                d.terms
                    .iter()
                    .fold(0f32, |max, &(t, tf)| max.max(self.score(t, tf, d.len)))
            })
            .reduce(|| 0f32, f32::max)
    }

    /// The postings of the stems in `range`, in order (the first list is
    /// stem `range.start`'s), with the best score among them. `next[d]` is
    /// where document `d`'s terms of this range start (none is below
    /// `range.start`): it is moved past them, to where the next range's
    /// terms start.
    fn postings(
        &self,
        docs: &[&Doc],
        range: std::ops::Range<usize>,
        next: &mut [u32],
        go: &impl Fn() -> bool,
    ) -> Option<Scored> {
        let mut postings: Vec<Vec<(u32, f32)>> = (range.clone())
            .map(|s| Vec::with_capacity(self.df[s] as usize))
            .collect();
        let mut max = 0f32;
        for (id, d) in docs.iter().enumerate() {
            if id % 1024 == 0 && !go() {
                return None;
            }
            // The terms are sorted by stem id (`Doc::terms`).
            let first = next[id] as usize;
            let mut end = first;
            for &(t, tf) in &d.terms[first..] {
                if t as usize >= range.end {
                    break;
                }
                let s = self.score(t, tf, d.len);
                max = max.max(s);
                postings[t as usize - range.start].push((id as u32, s));
                end += 1;
            }
            next[id] = end as u32;
        }
        Some(Scored { postings, max })
    }
}

/// A stem's postings as shipped.
#[derive(Debug, Default)]
pub(super) struct Encoded {
    /// The list ([`encode_postings`]), scores scaled so the best is 63.
    pub(super) text: String,
    /// The full length of a list cut to its best [`MAX_POSTINGS`] (shipped
    /// in the shard's `c`, so the browser can say "at least N results").
    pub(super) cut: Option<usize>,
    /// Its best [`RECORDS`] documents as the browser ranks them (shipped
    /// score descending, then document id), in document order: their
    /// records go in the stem's term file.
    pub(super) top: Vec<u32>,
}

/// Every stem's postings encoded, in order (in parallel).
fn encode(
    Scored { postings, max }: Scored,
    go: &(impl Fn() -> bool + Sync),
) -> Option<Vec<Encoded>> {
    let scale = if max > 0.0 { SCORE_MAX / max } else { 1.0 };
    let encoded = postings
        .into_par_iter()
        .map(|mut list| {
            if !go() {
                return Encoded::default();
            }
            let cut = (list.len() > MAX_POSTINGS).then_some(list.len());
            if cut.is_some() {
                keep_best(&mut list, MAX_POSTINGS);
            }
            Encoded {
                text: encode_postings(&list, scale),
                cut,
                top: top(&list, scale, RECORDS),
            }
        })
        .collect();
    go().then_some(encoded)
}

/// Keeps the records of the best documents (`top`) only for the `stems`
/// found in the most documents, as long as their records (estimated
/// `record_bytes` long by document id, before a term file shares them)
/// weigh at most `budget` in all: the others' documents come from the
/// document chunks. A word in few documents has short postings but as
/// many records as documents, so on a small site with a rich vocabulary
/// records for every word would weigh many times the rest of the index;
/// the frequent words, whose best documents are spread over many chunks,
/// are the ones records save most for.
pub(super) fn ration_records(
    encoded: &mut [Encoded],
    stems: &[String],
    record_bytes: &[usize],
    budget: usize,
) {
    let mut order: Vec<usize> = (0..encoded.len())
        .filter(|&s| !encoded[s].top.is_empty())
        .collect();
    // By the bytes of their postings (about the number of documents; a
    // list cut to `MAX_POSTINGS` is as long as any), longest first, then
    // by name (stem ids depend on the order threads met the words).
    order.sort_unstable_by(|&a, &b| {
        let len = |s: usize| encoded[s].text.len();
        len(b).cmp(&len(a)).then_with(|| stems[a].cmp(&stems[b]))
    });
    let mut spent = 0usize;
    let mut open = true;
    for s in order {
        let e = &mut encoded[s];
        let cost: usize = e.top.iter().map(|&d| record_bytes[d as usize]).sum();
        open = open && spent + cost <= budget;
        if open {
            spent += cost;
        } else {
            e.top = vec![];
        }
    }
}

/// Keeps the `n` best scored postings of `list` (in document order): those
/// above the `n`th best score, then as many of the first documents at that
/// score as fit.
pub(super) fn keep_best(list: &mut Vec<(u32, f32)>, n: usize) {
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

/// The `n` best of `list` (in document order) as the browser ranks a
/// stem's documents: by shipped score, then by document id.
fn top(list: &[(u32, f32)], scale: f32, n: usize) -> Vec<u32> {
    let mut ranked: Vec<(usize, u32)> =
        list.iter().map(|&(d, s)| (quantize(s, scale), d)).collect();
    if ranked.len() > n {
        ranked.select_nth_unstable_by(n - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        ranked.truncate(n);
    }
    let mut docs: Vec<u32> = ranked.into_iter().map(|(_, d)| d).collect();
    docs.sort_unstable();
    docs
}

/// A score as shipped: 1..=63.
fn quantize(score: f32, scale: f32) -> usize {
    (score * scale).round().clamp(1.0, SCORE_MAX) as usize
}

/// Postings as text: per document, the gap from the previous id (a varint
/// of 5 bits per character, the 6th bit meaning "more"), then the score.
pub(super) fn encode_postings(list: &[(u32, f32)], scale: f32) -> String {
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
        out.push(B64[quantize(score, scale)] as char);
    }
    out
}

/// Decodes `encode_postings` (for tests): `(doc, score 1..=63)`.
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
