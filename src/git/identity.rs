//! Who is who: an [`Identity`] as git printed it, contacts as written in
//! `Co-authored-by` trailers and by `git check-mailmap` ([`parse_contact`]),
//! names as shown and compared ([`normalize_name`]), the key that groups
//! identities into one person ([`identity_key`]), the spelling shown for a
//! person ([`best_spelling`]), and the exclusion patterns
//! (`Exclusions`, compiled by globset). Pure; used by `log.rs`, `run.rs` and
//! `people.rs`.

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use unicode_normalization::UnicodeNormalization;

/// A name and an email as git printed them (either may be empty).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Identity {
    pub name: String,
    pub email: String,
}

/// Reads `Name <email>`, `<email>`, `Name` or a bare `email@host`, as
/// written in a trailer or printed by `git check-mailmap`.
pub fn parse_contact(s: &str) -> Identity {
    let s = s.trim();
    if let (Some(lt), true) = (s.rfind('<'), s.ends_with('>')) {
        return Identity {
            name: s[..lt].trim().to_owned(),
            email: s[lt + 1..s.len() - 1].trim().to_owned(),
        };
    }
    if s.contains('@') && !s.contains(char::is_whitespace) {
        return Identity {
            name: String::new(),
            email: s.to_owned(),
        };
    }
    Identity {
        name: s.to_owned(),
        email: String::new(),
    }
}

/// A name as shown and compared: NFC, trimmed, inner whitespace collapsed
/// to one space.
pub fn normalize_name(name: &str) -> String {
    let nfc: String = name.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How much a spelling looks like a name as people write it, to choose the
/// one displayed: 2 for words with capitals (`Chaïb Martinez`, `Anne B.`),
/// 0 for a login (one word, lower-case or with a digit, `.`, `_` or `@`:
/// `chaib.martinez`, `soizicpenicaud`, `jdoe42`), 1 in between (`Bastien`,
/// `léon h`).
pub fn name_quality(name: &str) -> u8 {
    let spaced = name.split_whitespace().nth(1).is_some();
    let capitals = name.chars().any(char::is_uppercase);
    let login = name
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | '@'));
    match (spaced, capitals) {
        (false, _) if login || !capitals => 0,
        (true, true) if !name.contains(['@', '_']) && !name.chars().any(|c| c.is_ascii_digit()) => {
            2
        }
        _ => 1,
    }
}

/// The spelling to display among `(spelling, uses)`, listed newest first:
/// the best [`name_quality`], then the most used, then the one with more
/// accented letters, then the newest. `None` when the list is empty.
pub fn best_spelling<'a>(spellings: impl IntoIterator<Item = (&'a str, u32)>) -> Option<&'a str> {
    spellings
        .into_iter()
        .enumerate()
        .max_by_key(|&(i, (s, uses))| {
            let accents = s
                .chars()
                .filter(|c| c.is_alphabetic() && !c.is_ascii())
                .count();
            (name_quality(s), uses, accents, std::cmp::Reverse(i))
        })
        .map(|(_, (s, _))| s)
}

/// The key that groups identities: the lower-cased email, or `name:` and
/// the lower-cased normalised name when there is no email.
pub fn identity_key(name: &str, email: &str) -> String {
    let email = email.trim();
    if email.is_empty() {
        format!("name:{}", normalize_name(name).to_lowercase())
    } else {
        email.to_lowercase()
    }
}

/// The exclusion patterns of [`HistoryOptions::exclude`](super::HistoryOptions::exclude),
/// compiled once into one [`GlobSet`]: `*` matches any run of characters
/// (`/` included), `?` one byte (of UTF-8: an accented letter is two),
/// anything else itself (`[`, `{` and `\` included), without regard to case.
#[derive(Debug, Clone)]
pub(super) struct Exclusions {
    set: GlobSet,
}

impl Exclusions {
    /// Compiles `patterns`. Escaped as they are, globset can fail only on
    /// patterns too large for its regex engine (megabytes long): a pattern
    /// it cannot compile excludes nobody, and so do all of them if the set
    /// cannot be built.
    pub(super) fn new(patterns: &[String]) -> Exclusions {
        let mut set = GlobSetBuilder::new();
        for p in patterns {
            let glob = GlobBuilder::new(&globset_syntax(p))
                .literal_separator(false)
                .backslash_escape(true)
                .build();
            if let Ok(glob) = glob {
                set.add(glob);
            }
        }
        Exclusions {
            set: set.build().unwrap_or_else(|_| GlobSet::empty()),
        }
    }

    /// Does a pattern match all of `text`?
    pub(super) fn matches(&self, text: &str) -> bool {
        self.set.is_match(text.to_lowercase())
    }
}

/// `pattern` written for globset, lower-cased (`matches` lower-cases the
/// text: globset's own `case_insensitive` folds ASCII letters only), with
/// each run of `*` as one (globset gives `**` a meaning of its own) and
/// every other character globset reads specially escaped.
fn globset_syntax(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut star = false;
    for c in pattern.to_lowercase().chars() {
        match c {
            '*' if star => continue,
            '*' | '?' => out.push(c),
            '[' | ']' | '{' | '}' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
        star = c == '*';
    }
    out
}

#[cfg(test)]
mod tests;
