//! The French analyzer, shared by the index (here) and the browser
//! (`themes/default/js/search/analyze.js`, which repeats [`query_words`]
//! and [`fold`] line for line; `tests/testsuite/search.rs` checks both agree on
//! `tests/fixtures/search/mots.txt`).
//!
//! A word is a run of letters, digits and combining marks (Unicode
//! `Alphabetic`, `Numeric`, `Mark`), read from NFC text. It is lowercased;
//! an elided article before an apostrophe (`l'`, `qu’`…) is dropped; the
//! lowercased word is folded (accents and ligatures: `cœur` → `coeur`).
//! Words of one letter and stop words (folded) are dropped. The index also
//! stems the lowercased word (Snowball French) and folds the stem: the
//! browser never stems, it looks the folded word up in the vocabulary the
//! index ships.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Articles and conjunctions that elide before a vowel: `l'équipe`.
pub const ELISIONS: &[&str] = &[
    "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu",
];

/// The Snowball French stop words (plus `cet`, `cette`), folded.
pub const STOP_WORDS: &[&str] = &[
    "au", "aux", "avec", "ce", "ces", "cet", "cette", "dans", "de", "des", "du", "elle", "en",
    "et", "eux", "il", "ils", "je", "la", "le", "les", "leur", "lui", "ma", "mais", "me", "meme",
    "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ou", "par", "pas", "pour", "qu",
    "que", "qui", "sa", "se", "ses", "son", "sur", "ta", "te", "tes", "toi", "ton", "tu", "un",
    "une", "vos", "votre", "vous", "ete", "etee", "etees", "etes", "etant", "etante", "etants",
    "etantes", "suis", "es", "est", "sommes", "sont", "serai", "seras", "sera", "serons", "serez",
    "seront", "serais", "serait", "serions", "seriez", "seraient", "etais", "etait", "etions",
    "etiez", "etaient", "fus", "fut", "fumes", "futes", "furent", "sois", "soit", "soyons",
    "soyez", "soient", "fusse", "fusses", "fussions", "fussiez", "fussent", "ayant", "ayante",
    "ayantes", "ayants", "eu", "eue", "eues", "eus", "ai", "as", "avons", "avez", "ont", "aurai",
    "auras", "aura", "aurons", "aurez", "auront", "aurais", "aurait", "aurions", "auriez",
    "auraient", "avais", "avait", "avions", "aviez", "avaient", "eut", "eumes", "eutes", "eurent",
    "aie", "aies", "ait", "ayons", "ayez", "aient", "eusse", "eusses", "eussions", "eussiez",
    "eussent",
];

/// Longer words are not indexed (hashes, long URLs).
pub const MAX_WORD_BYTES: usize = 40;

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    // Latin-1 and Latin Extended-A letters (French accents) without a table.
    if ('\u{C0}'..='\u{17F}').contains(&c) {
        return c != '\u{D7}' && c != '\u{F7}';
    }
    c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// `text` in NFC (borrowed when it already is, the common case).
pub fn nfc(text: &str) -> Cow<'_, str> {
    if surely_nfc(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Whether UTF-8 `b` holds only characters that are NFC on their own and
/// have combining class 0, which makes the text NFC: those below U+0300
/// (lead byte below 0xCC) and the punctuation U+2002–U+203F (`’ – … « »`,
/// bytes E2 80 82–BF), checked a chunk at a time. `false` means "maybe".
pub(crate) fn surely_nfc(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let chunk = &b[i..b.len().min(i + 64)];
        if chunk.iter().fold(0, |m, &c| m.max(c)) < 0xCC {
            i += chunk.len();
            continue;
        }
        let end = i + chunk.len();
        while i < end {
            match b[i] {
                ..0xCC => i += 1,
                0xE2 if b.get(i + 1) == Some(&0x80)
                    && b.get(i + 2).is_some_and(|c| (0x82..=0xBF).contains(c)) =>
                {
                    i += 3;
                }
                _ => return false,
            }
        }
    }
    true
}

/// Calls `f` with each word of `text` (already NFC) as written, elided
/// articles removed. Stop words are *not* removed here (see [`keep`]).
pub fn each_raw_word(text: &str, mut f: impl FnMut(&str)) {
    let b = text.as_bytes();
    let mut buf = String::new();
    let mut i = 0;
    while i < b.len() {
        // ASCII is classified by a table; other characters are decoded.
        match BYTE_CLASS[b[i] as usize] {
            SEPARATOR => {
                i += b[i..]
                    .iter()
                    .position(|&c| BYTE_CLASS[c as usize] != SEPARATOR)
                    .unwrap_or(b.len() - i);
                continue;
            }
            WORD => {}
            _ => {
                let (c, len) = char_at(text, i);
                if !is_word_char(c) {
                    i += len;
                    continue;
                }
            }
        }
        let start = i;
        loop {
            i += b[i..]
                .iter()
                .position(|&c| BYTE_CLASS[c as usize] != WORD)
                .unwrap_or(b.len() - i);
            if i == b.len() || BYTE_CLASS[b[i] as usize] == SEPARATOR {
                break;
            }
            let (c, len) = char_at(text, i);
            if !is_word_char(c) {
                break;
            }
            i += len;
        }
        let word = &text[start..i];
        // An elided article: `l'` followed by a word.
        if word.len() <= 6 && i < b.len() {
            let (a, len) = char_at(text, i);
            if is_apostrophe(a) && i + len < b.len() && is_word_char(char_at(text, i + len).0) {
                lowercase(word, &mut buf);
                if ELISIONS.contains(&buf.as_str()) {
                    continue;
                }
            }
        }
        f(word);
    }
}

/// [`BYTE_CLASS`] values: an ASCII non-word byte, an ASCII letter or
/// digit, a byte of a non-ASCII character.
const SEPARATOR: u8 = 0;
const WORD: u8 = 1;
const OTHER: u8 = 2;
const BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut i = 0;
    while i < 0x80 {
        t[i] = if (i as u8).is_ascii_alphanumeric() {
            WORD
        } else {
            SEPARATOR
        };
        i += 1;
    }
    t
};

/// The character starting at byte `i` of `text` (a char boundary), and its length.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    (c, c.len_utf8())
}

/// `word` in lowercase, into `buf`.
pub fn lowercase(word: &str, buf: &mut String) {
    buf.clear();
    if word.contains('Σ') {
        // Final sigma depends on the context: the full algorithm.
        buf.push_str(&word.to_lowercase());
    } else {
        buf.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// Calls `f` with each word of `text` (already NFC), lowercased, elided
/// articles removed; `buf` is scratch space.
pub fn each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    each_raw_word(text, |w| {
        lowercase(w, buf);
        f(buf);
    });
}

/// Accents and ligatures folded: NFD, combining marks dropped, then
/// `œ æ ß ø ł đ ð þ ı` spelled out. Expects lowercase.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            'þ' => out.push_str("th"),
            'ø' => out.push('o'),
            'ł' => out.push('l'),
            'đ' | 'ð' => out.push('d'),
            'ı' => out.push('i'),
            c => out.push(c),
        }
    }
    out
}

/// Whether a folded word is searchable: two letters or more, not a stop word.
pub fn keep(folded: &str) -> bool {
    folded.chars().nth(1).is_some() && !STOP_WORDS.contains(&folded)
}

/// The folded words of a query, in order, as the browser computes them.
pub fn query_words(text: &str) -> Vec<String> {
    let text = nfc(text);
    let mut out = vec![];
    each_word(&text, &mut String::new(), |w| {
        let f = fold(w);
        if keep(&f) {
            out.push(f);
        }
    });
    out
}

/// The French Snowball stemmer.
pub struct Stemmer(rust_stemmers::Stemmer);

impl Default for Stemmer {
    fn default() -> Self {
        Stemmer(rust_stemmers::Stemmer::create(
            rust_stemmers::Algorithm::French,
        ))
    }
}

impl Stemmer {
    /// The folded stem of a lowercase word: stem first, then fold
    /// (`économiques` → `econom`, `chevaux` → `cheval`).
    pub fn stem(&self, lower: &str) -> String {
        fold(&self.0.stem(lower))
    }
}

/// Index-side analysis of one word: `(folded word, folded stem)`, or `None`
/// when the word is not searchable.
pub fn index_word(stemmer: &Stemmer, lower: &str) -> Option<(String, String)> {
    let folded = fold(lower);
    if !keep(&folded) || folded.len() > MAX_WORD_BYTES {
        return None;
    }
    Some((folded, stemmer.stem(lower)))
}

/// Every `(folded word, folded stem)` of a text, in order.
pub fn index_words(text: &str) -> Vec<(String, String)> {
    let stemmer = Stemmer::default();
    let text = nfc(text);
    let mut out = vec![];
    each_word(&text, &mut String::new(), |w| {
        out.extend(index_word(&stemmer, w));
    });
    out
}
