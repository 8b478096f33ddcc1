//! The "météo de la collaboration": the weather words participants give at
//! the start of a workshop ("Claire : soleil avec un peu de nuages"), read
//! on an ordinal scale.
//!
//! Pure: [`weather_prefix`] finds the weather phrase at the start of a text
//! (used by the pad importer), [`classify`] puts a phrase on the scale. The
//! render stage draws the chart (`render/weather.rs`), with the names of
//! the levels from `i18n.rs`.

use crate::text::fold;

/// One weather entry of one minutes page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WeatherPoint {
    /// Date of the workshop, as written in the front matter.
    pub date: Option<String>,
    /// Title of the minutes page.
    pub page: String,
    /// The person or structure that gave the weather.
    pub who: String,
    /// The weather phrase as said ("soleil avec un peu de nuages").
    pub weather: String,
    pub comment: String,
}

/// The ordinal scale, from the best weather to the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sky {
    Soleil,
    Eclaircies,
    Nuages,
    Brouillard,
    Pluie,
    Orage,
}

impl Sky {
    pub const ALL: [Sky; 6] = [
        Sky::Soleil,
        Sky::Eclaircies,
        Sky::Nuages,
        Sky::Brouillard,
        Sky::Pluie,
        Sky::Orage,
    ];

    /// 0 for sun, 5 for storm.
    pub fn rank(self) -> usize {
        self as usize
    }
}

/// Weather phrases of several words (folded: lowercase ASCII, no accents),
/// tried before single words.
const PHRASES: &[(&[&str], Sky)] = &[
    (&["soleil", "voile"], Sky::Eclaircies),
    (&["arc", "en", "ciel"], Sky::Eclaircies),
    (&["ciel", "bleu"], Sky::Soleil),
    (&["ciel", "degage"], Sky::Soleil),
    (&["ciel", "voile"], Sky::Eclaircies),
    (&["ciel", "couvert"], Sky::Nuages),
    (&["ciel", "charge"], Sky::Nuages),
    (&["ciel", "gris"], Sky::Nuages),
    (&["beau", "temps"], Sky::Soleil),
    (&["temps", "gris"], Sky::Nuages),
    (&["temps", "pluvieux"], Sky::Pluie),
];

/// Weather words, folded. Snow counts as rain, hail as a storm.
const WORDS: &[(Sky, &str)] = &[
    (
        Sky::Soleil,
        "soleil soleils ensoleille ensoleillee ensoleilles beau radieux sun sunny",
    ),
    (
        Sky::Eclaircies,
        "eclaircie eclaircies arcenciel mitige mitigee variable",
    ),
    (
        Sky::Nuages,
        "nuage nuages nuageux nuageuse couvert gris grisaille cloud clouds cloudy",
    ),
    (
        Sky::Brouillard,
        "brouillard brouillards brume brumes brumeux brumeuse fog foggy mist",
    ),
    (
        Sky::Pluie,
        "pluie pluies pluvieux pluvieuse averse averses bruine crachin giboulee giboulees \
         neige neigeux rain rainy snow",
    ),
    (
        Sky::Orage,
        "orage orages orageux orageuse tempete tempetes grele ouragan tonnerre foudre \
         tornade cyclone storm stormy thunder",
    ),
];

/// Weather emoji (without their variation selector).
const EMOJI: &[(char, Sky)] = &[
    ('\u{2600}', Sky::Soleil),      // ☀
    ('\u{1F31E}', Sky::Soleil),     // 🌞
    ('\u{1F324}', Sky::Eclaircies), // 🌤
    ('\u{26C5}', Sky::Eclaircies),  // ⛅
    ('\u{1F308}', Sky::Eclaircies), // 🌈
    ('\u{1F325}', Sky::Nuages),     // 🌥
    ('\u{2601}', Sky::Nuages),      // ☁
    ('\u{1F32B}', Sky::Brouillard), // 🌫
    ('\u{1F301}', Sky::Brouillard), // 🌁
    ('\u{1F326}', Sky::Pluie),      // 🌦
    ('\u{1F327}', Sky::Pluie),      // 🌧
    ('\u{1F328}', Sky::Pluie),      // 🌨
    ('\u{2744}', Sky::Pluie),       // ❄
    ('\u{2614}', Sky::Pluie),       // ☔
    ('\u{2602}', Sky::Pluie),       // ☂
    ('\u{26C8}', Sky::Orage),       // ⛈
    ('\u{1F329}', Sky::Orage),      // 🌩
    ('\u{1F32A}', Sky::Orage),      // 🌪
    ('\u{26A1}', Sky::Orage),       // ⚡
];

/// Words that may sit before, between or around weather words
/// ("un peu de", "avec", "plutôt", "et"…). `ciel` is one: `ciel nuageux`
/// is the weather `nuageux`.
const FILLERS: &str = "et avec un une peu de des du d quelques quelque plutot tres assez \
    legerement leger legere legers legeres beaucoup grand grande grands gros grosse grosses \
    petit petite petits petites fort forte forts fortes mais puis ou parfois encore toujours \
    sous le la les l en mi ciel fine fines and with some a bit of but then";

/// Words that qualify the weather word just before them and belong to the
/// phrase: `pluie fine`, `brouillard épais`, `soleil timide`. Unlike the
/// fillers, they end a phrase (`pluie fine, il manque…` is the weather
/// `pluie fine`).
const AFTER: &str = "fine fines battante battantes torrentielle torrentielles diluvienne \
    diluviennes verglacante verglacantes voile voilee voiles voilees timide timides eclatant \
    eclatante epais epaisse dense denses bas basse noir noire noirs noires menacant menacante \
    menacants menacantes persistant persistante persistants persistantes passager passagere \
    passagers passageres eparse eparses intermittent intermittente intermittents \
    intermittentes leger legere legers legeres fort forte forts fortes tenace tenaces \
    light heavy";

const SEPARATORS: &[&str] = &[",", "/", "+", "&", "-", "–", "—", "~", ">", "→"];

#[derive(Debug)]
struct Token<'a> {
    text: &'a str,
    end: usize,
    /// Folded word, or empty for a symbol.
    key: String,
}

/// Splits into words (a trailing apostrophe stays with its word: `d'`) and
/// single symbols (an emoji keeps its variation selector).
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = vec![];
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                let joins_word = d == '-'
                    && s[i + 1..].chars().next().is_some_and(char::is_alphanumeric)
                    && s[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || joins_word {
                    end = i + d.len_utf8();
                    chars.next();
                } else if d == '\'' || d == '’' {
                    end = i + d.len_utf8();
                    chars.next();
                    break;
                } else {
                    break;
                }
            }
            let text = &s[start..end];
            let key: String = fold(text)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            out.push(Token { text, end, key });
        } else {
            while let Some(&(i, d)) = chars.peek() {
                if matches!(d, '\u{FE0E}' | '\u{FE0F}' | '\u{200D}') {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                text: &s[start..end],
                end,
                key: String::new(),
            });
        }
    }
    out
}

/// The weather term starting at token `i`: its length in tokens and its sky.
fn term_at(toks: &[Token<'_>], i: usize) -> Option<(usize, Sky)> {
    let t = toks.get(i)?;
    if t.key.is_empty() {
        let c = t.text.chars().next()?;
        return EMOJI
            .iter()
            .find(|(e, _)| *e == c)
            .map(|&(_, sky)| (1, sky));
    }
    let phrase = PHRASES.iter().find_map(|(words, sky)| {
        let matches =
            words.len() <= toks.len() - i && words.iter().zip(&toks[i..]).all(|(w, t)| t.key == *w);
        matches.then_some((words.len(), *sky))
    });
    phrase.or_else(|| {
        WORDS
            .iter()
            .find(|(_, words)| words.split_whitespace().any(|w| w == t.key))
            .map(|&(sky, _)| (1, sky))
    })
}

fn is_after(t: &Token<'_>) -> bool {
    !t.key.is_empty() && AFTER.split_whitespace().any(|w| w == t.key)
}

fn is_filler(t: &Token<'_>) -> bool {
    if t.key.is_empty() {
        SEPARATORS.contains(&t.text)
    } else {
        FILLERS.split_whitespace().any(|w| w == t.key)
    }
}

/// The length in bytes of the weather phrase that opens `text`, if it opens
/// with one: `soleil avec un peu de nuages manque de transversalité` gives
/// the length of `soleil avec un peu de nuages`. Leading modifiers
/// (`plutôt`, `un peu de`) belong to the phrase, and so do the qualifiers
/// right after a weather word (`pluie fine`); other trailing words do not.
pub fn weather_prefix(text: &str) -> Option<usize> {
    let toks = tokens(text);
    let mut i = 0;
    let mut end = None;
    while i < toks.len() {
        if let Some((len, _)) = term_at(&toks, i) {
            i += len;
            while toks.get(i).is_some_and(is_after) {
                i += 1;
            }
            end = Some(toks[i - 1].end);
        } else if is_filler(&toks[i]) {
            i += 1;
        } else {
            break;
        }
    }
    end
}

/// Puts a weather phrase on the scale: a single word gives its own level,
/// a mix gives the rounded mean (`soleil avec un peu de nuages` is
/// éclaircies, ties go to the worse weather). `None` when no weather word.
pub fn classify(phrase: &str) -> Option<Sky> {
    let toks = tokens(phrase);
    let mut found = vec![];
    let mut i = 0;
    while i < toks.len() {
        match term_at(&toks, i) {
            Some((len, sky)) => {
                found.push(sky.rank());
                i += len;
            }
            None => i += 1,
        }
    }
    if found.is_empty() {
        return None;
    }
    let n = found.len();
    let sum: usize = found.iter().sum();
    let mean = (2 * sum + n) / (2 * n);
    Sky::ALL.get(mean).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        let cases = [
            ("soleil", Some("soleil")),
            (
                "soleil avec un peu de nuages manque de transversalité",
                Some("soleil avec un peu de nuages"),
            ),
            (
                "brouillard - on en parle mais on sait pas comment faire",
                Some("brouillard"),
            ),
            ("plutôt éclaircies !", Some("plutôt éclaircies")),
            ("Grand beau", Some("Grand beau")),
            ("☀️ mais fragile", Some("☀️")),
            ("arc-en-ciel après l'orage", Some("arc-en-ciel")),
            ("un peu de pluie, beaucoup de vent", Some("un peu de pluie")),
            ("pluie fine, il manque un pilote", Some("pluie fine")),
            ("grand soleil sur la DSI", Some("grand soleil")),
            ("ciel voilé mais ça progresse", Some("ciel voilé")),
            ("ciel nuageux", Some("ciel nuageux")),
            ("brouillard épais et la suite", Some("brouillard épais")),
            ("soleil, fort engagement", Some("soleil")),
            ("ciel", None),
            ("fine équipe", None),
            ("il faut u", None),
            ("", None),
            ("de la", None),
            ("pas de soleil", None),
        ];
        for (text, want) in cases {
            let got = weather_prefix(text).map(|n| &text[..n]);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn classification() {
        assert_eq!(classify("soleil"), Some(Sky::Soleil));
        assert_eq!(classify("Grand beau"), Some(Sky::Soleil));
        assert_eq!(
            classify("soleil avec un peu de nuages"),
            Some(Sky::Eclaircies)
        );
        assert_eq!(classify("Éclaircies"), Some(Sky::Eclaircies));
        assert_eq!(classify("NUAGES"), Some(Sky::Nuages));
        assert_eq!(classify("brouillard"), Some(Sky::Brouillard));
        assert_eq!(
            classify("pluie et orage"),
            Some(Sky::Orage),
            "ties go to the worse"
        );
        assert_eq!(classify("neige"), Some(Sky::Pluie));
        assert_eq!(classify("⛈️"), Some(Sky::Orage));
        assert_eq!(classify("🌫"), Some(Sky::Brouillard));
        assert_eq!(classify("pluie fine"), Some(Sky::Pluie));
        assert_eq!(classify("grand soleil"), Some(Sky::Soleil));
        assert_eq!(classify("ciel voilé"), Some(Sky::Eclaircies));
        assert_eq!(classify("ciel dégagé"), Some(Sky::Soleil));
        assert_eq!(classify("ciel nuageux"), Some(Sky::Nuages));
        assert_eq!(classify("bof"), None);
    }
}
