//! Who is who: an [`Identity`] as git printed it, contacts as written in
//! `Co-authored-by` trailers and by `git check-mailmap` ([`parse_contact`]),
//! names as shown and compared ([`normalize_name`]), the key that groups
//! identities into one person ([`identity_key`]), and the exclusion patterns
//! ([`glob_match`]). Pure; used by `log.rs`, `run.rs` and `people.rs`.

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

/// `*` any run of characters, `?` one character, the rest literally;
/// without regard to case.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < t.len() {
        if i < p.len() && (p[i] == '?' || (p[i] != '*' && p[i] == t[j])) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests;
