//! Text helpers shared by every stage: ASCII slugs for URLs and heading ids,
//! forgiving match keys for link resolution, HTML escaping, and URL
//! percent-encoding (the `percent-encoding` crate, with the one set of
//! bytes playbook encodes defined here).
//!
//! Slugs are hand-written on top of `deunicode` (the `slug` crate does the same
//! in fewer lines, but we need the apostrophe and `&` handling below).

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use unicode_normalization::UnicodeNormalization;

/// An ASCII, lowercase, hyphen-separated slug: `Légitimité & portage` gives
/// `legitimite-portage`, `L'œuvre d'art` gives `l-oeuvre-d-art`.
/// Returns an empty string when nothing sluggable remains.
pub fn slugify(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    let mut pending_dash = false;
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_dash = true;
        }
    }
    out
}

/// Slugs unique within one set (heading ids in a page, person or structure
/// addresses in a site): a repeat gets `-N`, counting from `first`, in
/// amortised constant time even for thousands of identical titles.
pub struct UniqueSlugs {
    used: std::collections::HashSet<String>,
    /// The next suffix to try, per base.
    next: std::collections::HashMap<String, usize>,
    first: usize,
}

impl UniqueSlugs {
    /// An empty set whose first repeat of `x` is `x-{first}`.
    pub fn new(first: usize) -> UniqueSlugs {
        UniqueSlugs {
            used: std::collections::HashSet::default(),
            next: std::collections::HashMap::default(),
            first,
        }
    }

    /// Is `slug` taken?
    pub fn is_taken(&self, slug: &str) -> bool {
        self.used.contains(slug)
    }

    /// Marks `slug` as taken, as it is.
    pub fn reserve(&mut self, slug: &str) {
        self.used.insert(slug.to_string());
    }

    /// The slug of `title` (`fallback` when nothing sluggable remains),
    /// made unique and marked as taken.
    pub fn make(&mut self, title: &str, fallback: &str) -> String {
        let base = match slugify(title) {
            s if s.is_empty() => fallback.to_string(),
            s => s,
        };
        let mut id = base.clone();
        if self.used.contains(&id) {
            let n = self.next.entry(base.clone()).or_insert(self.first);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if !self.used.contains(&id) {
                    break;
                }
            }
        }
        self.used.insert(id.clone());
        id
    }
}

/// NFC-normalises and transliterates to ASCII (`œ` → `oe`, `é` → `e`).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        return deunicode::deunicode_with_tofu(s, "-");
    }
    let nfc: String = s.nfc().collect();
    deunicode::deunicode_with_tofu(&nfc, "-")
}

/// The key under which titles, file names and aliases are matched: case,
/// accents, Unicode normalisation, spaces, hyphens and underscores are
/// ignored, so `cooperation inter directions` matches `Coopération inter-directions`.
pub fn match_key(s: &str) -> String {
    let folded = fold(s);
    folded
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The bytes percent-encoded in a URL path segment: all but the unreserved
/// characters of RFC 3986 (ASCII letters and digits, `-`, `_`, `.`, `~`).
pub const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// Percent-encodes one path segment of a URL (keeps unreserved characters).
pub fn encode_segment(s: &str) -> String {
    utf8_percent_encode(s, SEGMENT).to_string()
}

/// Decodes the `%XX` escapes of `s` (a `%` not followed by two hex digits
/// stays as it is); `None` when the bytes decoded are not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    percent_decode_str(s)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_slugs_number_repeats_and_skip_reserved_ones() {
        let mut ids = UniqueSlugs::new(1);
        assert_eq!(ids.make("Étape", "section"), "etape");
        assert_eq!(ids.make("etape", "section"), "etape-1");
        assert_eq!(ids.make("Étape 1", "section"), "etape-1-1");
        assert_eq!(ids.make("ÉTAPE", "section"), "etape-2");
        assert_eq!(ids.make("!!", "section"), "section");
        let mut people = UniqueSlugs::new(2);
        people.reserve("anne");
        people.reserve("anne-2");
        assert_eq!(people.make("Anne", "personne"), "anne-3");
        assert_eq!(people.make("Anne", "personne"), "anne-4");
        assert_eq!(people.make("", "personne"), "personne");
    }

    #[test]
    fn slugs_are_ascii_and_readable() {
        assert_eq!(slugify("Légitimité & portage"), "legitimite-portage");
        assert_eq!(slugify("L'œuvre d’art"), "l-oeuvre-d-art");
        assert_eq!(
            slugify("  Rotation #1 - ORIGINES & FINALITES "),
            "rotation-1-origines-finalites"
        );
        assert_eq!(slugify("14h35 - 14h55"), "14h35-14h55");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn nfd_and_nfc_fold_alike() {
        let nfd = "Coope\u{301}ration";
        assert_eq!(slugify(nfd), "cooperation");
        assert_eq!(match_key(nfd), match_key("Coopération"));
    }

    #[test]
    fn match_keys_ignore_case_accents_and_separators() {
        assert_eq!(
            match_key("cooperation inter directions"),
            match_key("Coopération inter-directions")
        );
        assert_eq!(match_key("Mon_fichier-ici"), "monfichierici");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape_html("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        assert_eq!(encode_segment("Fiche été.png"), "Fiche%20%C3%A9t%C3%A9.png");
        let all: String = (1..=0x7f_u8).map(char::from).collect();
        assert_eq!(
            encode_segment(&all),
            "%01%02%03%04%05%06%07%08%09%0A%0B%0C%0D%0E%0F%10%11%12%13%14%15%16%17%18%19%1A%1B%1C%1D%1E%1F\
             %20%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F\
             %40ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~%7F"
        );
        assert_eq!(
            percent_decode("a%2fb%C3%A9%zz%4").as_deref(),
            Some("a/bé%zz%4")
        );
        assert_eq!(percent_decode("%ff"), None);
    }
}
