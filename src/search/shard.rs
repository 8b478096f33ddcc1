//! Sharding: which term file (`tN.js`) holds each string of the index (a
//! folded word of the vocabulary, a stem with its postings, or both). Keys
//! are prefixes, grown by one character until the strings under a key
//! weigh at most [`SHARD_BYTES`], so that a query loads little; the browser
//! finds a string's shard as its longest prefix that is a key. The fourth
//! stage of the index, after [`score`](super::score), before
//! [`write`](super::write). (Documents are cut into `dN.js` files simply by
//! [`DOC_CHUNK`](super::DOC_CHUNK) in a row.)

use std::collections::BTreeMap;

use super::SHARD_BYTES;
use super::score::Encoded;

/// The strings of one term file, under their key.
#[derive(Debug)]
pub(super) struct Shard<'a> {
    pub(super) key: String,
    /// In order, each a word of the vocabulary, a stem, or both.
    pub(super) strings: Vec<&'a str>,
    /// About the bytes of their JSON.
    pub(super) bytes: usize,
}

/// The shards of a vocabulary (folded word → stems) and of the stems
/// (by id, with their `encoded` postings and the records of their best
/// documents, `record_bytes` long by document id), in key order.
pub(super) fn shards<'a>(
    vocab: &BTreeMap<&'a str, Vec<&'a str>>,
    stems: &'a [String],
    encoded: &[Encoded],
    record_bytes: &[usize],
) -> Vec<Shard<'a>> {
    // Every string (word or stem) with its weight in bytes.
    let mut items: BTreeMap<&str, usize> = BTreeMap::new();
    for (string, bytes) in weights(vocab, stems, encoded, Some(record_bytes)) {
        *items.entry(string).or_default() += bytes;
    }
    let items: Vec<(&str, usize)> = items.into_iter().collect();
    let mut groups: Vec<(String, &[(&str, usize)])> = vec![];
    split_keys(&items, 0, "", &mut groups);
    groups
        .into_iter()
        .map(|(key, group)| Shard {
            key,
            strings: group.iter().map(|&(s, _)| s).collect(),
            bytes: group.iter().map(|&(_, b)| b).sum(),
        })
        .collect()
}

/// About the bytes of the term files if no stem carried records.
pub(super) fn bytes_without_records(
    vocab: &BTreeMap<&str, Vec<&str>>,
    stems: &[String],
    encoded: &[Encoded],
) -> usize {
    weights(vocab, stems, encoded, None).map(|(_, b)| b).sum()
}

/// Each word of the vocabulary and each stem with postings, with about
/// the bytes it adds to its term file (a stem's records included when
/// `record_bytes` gives their weights by document id).
fn weights<'a, 'e>(
    vocab: &'e BTreeMap<&'a str, Vec<&'a str>>,
    stems: &'a [String],
    encoded: &'e [Encoded],
    record_bytes: Option<&'e [usize]>,
) -> impl Iterator<Item = (&'a str, usize)> + use<'a, 'e> {
    let words = vocab.iter().map(|(w, s)| {
        (
            *w,
            w.len() + s.iter().map(|s| s.len() + 3).sum::<usize>() + 4,
        )
    });
    // (A stem in no document, left by an earlier build: none.)
    let stems = stems
        .iter()
        .zip(encoded)
        .filter(|(_, e)| !e.text.is_empty())
        .map(move |(s, e)| {
            let records: usize =
                record_bytes.map_or(0, |r| e.top.iter().map(|&d| r[d as usize]).sum());
            (
                s.as_str(),
                s.len() + e.text.len() + 6 + e.cut.map_or(0, |_| s.len() + 9) + records,
            )
        });
    words.chain(stems)
}

/// Groups sorted `items` under keys: a group larger than [`SHARD_BYTES`]
/// is split by one more character; strings as long as the key stay in it.
pub(super) fn split_keys<'i, 's>(
    items: &'i [(&'s str, usize)],
    depth: usize,
    prefix: &str,
    out: &mut Vec<(String, &'i [(&'s str, usize)])>,
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
