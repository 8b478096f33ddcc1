//! Collective and anonymous mentions: `Tous`, `Tout le groupe`,
//! `collectif`, `l'ensemble des participants`, `Une personne de la mairie
//! de Saint-Ouen`, `?`. They are credited as text, never as a person. The
//! words come from `i18n::GROUP_MENTIONS`; [`GroupWords`] compiles them
//! once per computation and tells a mention apart. Pure.

use crate::i18n::GROUP_MENTIONS;

/// The words of a name as compared here: folded (no accents), lower-case,
/// split on anything but letters and digits (`l'équipe` → `l`, `equipe`).
pub(super) fn words(s: &str) -> Vec<String> {
    crate::text::fold(s)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// One entry of the list: its words, and whether more may follow.
struct Pattern {
    words: Vec<String>,
    open: bool,
    /// For an entry without words (`?`): its characters.
    symbols: String,
}

/// The group mentions of every language, compiled.
pub(super) struct GroupWords {
    patterns: Vec<Pattern>,
}

impl GroupWords {
    pub(super) fn new() -> GroupWords {
        let patterns = GROUP_MENTIONS
            .iter()
            .flat_map(|(_, list)| list.iter())
            .map(|p| {
                let (text, open) = match p.strip_suffix('…') {
                    Some(t) => (t, true),
                    None => (*p, false),
                };
                Pattern {
                    words: words(text),
                    open,
                    symbols: text.chars().filter(|c| !c.is_whitespace()).collect(),
                }
            })
            .collect();
        GroupWords { patterns }
    }

    /// Is `name` a collective or anonymous mention? A name without letters
    /// or digits is one when it is made of an entry's symbols (`?`, `??`).
    pub(super) fn is_group(&self, name: &str) -> bool {
        let w = words(name);
        if w.is_empty() {
            let text: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            return !text.is_empty()
                && self.patterns.iter().any(|p| {
                    p.words.is_empty()
                        && !p.symbols.is_empty()
                        && text.chars().all(|c| p.symbols.contains(c))
                });
        }
        self.patterns.iter().any(|p| {
            !p.words.is_empty()
                && if p.open {
                    w.starts_with(&p.words)
                } else {
                    w == p.words
                }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collective_and_anonymous_mentions() {
        let g = GroupWords::new();
        for name in [
            "Tous",
            "tous",
            "Toutes et tous",
            "Tout le groupe",
            "tout le monde",
            "collectif",
            "Collectif",
            "collaboratif :)",
            "L'ensemble des participants",
            "l’ensemble du groupe",
            "Une personne de la mairie de Saint-Ouen",
            "une personne du CCAS",
            "Quelqu'un de la DRH",
            "?",
            "??",
            " ? ",
            "Everyone",
            "someone from HR",
        ] {
            assert!(g.is_group(name), "{name}");
        }
        for name in [
            "Toussaint Louverture",
            "Anne Berlemont",
            "Inès",
            "Personne Martin",
            "Allison",
            "JM",
            "-",
            "",
            "Une",
        ] {
            assert!(!g.is_group(name), "{name}");
        }
    }
}
