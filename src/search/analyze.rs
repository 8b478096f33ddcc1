//! The French analyzer, shared by the index (here) and the browser
//! (`themes/default/static/search.js`, which repeats [`words`] and [`fold`]
//! line for line; `tests/testsuite/search.rs` checks both agree on
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
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => Cow::Borrowed(text),
        _ => Cow::Owned(text.nfc().collect()),
    }
}

/// Calls `f` with each word of `text` (already NFC) as written, elided
/// articles removed. Stop words are *not* removed here (see [`keep`]).
pub fn each_raw_word(text: &str, mut f: impl FnMut(&str)) {
    let mut buf = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if !is_word_char(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        let word = &text[start..end];
        // An elided article: `l'` followed by a word.
        if let Some(&(i, a)) = chars.peek()
            && is_apostrophe(a)
            && word.len() <= 6
            && text[i + a.len_utf8()..]
                .chars()
                .next()
                .is_some_and(is_word_char)
        {
            lowercase(word, &mut buf);
            if ELISIONS.contains(&buf.as_str()) {
                continue;
            }
        }
        f(word);
    }
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
