//! The "météo" round: one answer per line, `Claire : soleil avec un peu de
//! nuages manque de transversalité`, split into who, the weather phrase
//! (the phrases `crate::weather` knows) and a comment. Who and weather may
//! be separated by `:`, `->`, `→`, `=>`, `=`, `—`, or a spaced `–` or `-`.
//! `assemble` reads these lines only inside a round whose heading or text
//! mentions météo.

use std::cmp::Reverse;

use super::WeatherEntry;
use super::lines::{fold_words, has_alnum, visible};
use crate::weather::weather_prefix;

/// What may stand between who and the weather. A hyphen only counts with
/// spaces around it (`Saint-Ouen` is one name).
const SEPARATORS: &[&str] = &[":", "：", "->", "→", "=>", "=", "—", " – ", " - "];

/// The longest name before the weather, in characters.
const MAX_WHO: usize = 60;

/// `Claire : soleil avec un peu de nuages manque de transversalité`,
/// `Ville de Montreuil -> nuageux`.
pub(super) fn weather_entry(line: &str) -> Option<WeatherEntry> {
    let line = line.trim_start_matches(|c: char| c.is_whitespace() || "-*•·.–—+>".contains(c));
    // Every separator, leftmost first (the longest at one place: `=>`
    // before `=`); the first that has a name before it and a weather
    // phrase after it is the one.
    let mut cuts: Vec<(usize, usize)> = SEPARATORS
        .iter()
        .flat_map(|sep| line.match_indices(sep).map(|(i, m)| (i, i + m.len())))
        .collect();
    cuts.sort_by_key(|&(start, end)| (start, Reverse(end)));
    for (start, end) in cuts {
        let who = visible(&line[..start]);
        if who.chars().count() > MAX_WHO {
            // Names only grow from here.
            return None;
        }
        if let Some(entry) = entry(who, &line[end..]) {
            return Some(entry);
        }
    }
    None
}

/// The answer of `who`, when `value` opens with a weather phrase.
fn entry(who: String, value: &str) -> Option<WeatherEntry> {
    if who.is_empty() || who.split(' ').count() > 8 || !has_alnum(&who) {
        return None;
    }
    if fold_words(&who).iter().any(|w| w == "meteo") {
        return None;
    }
    let value = value.trim_start();
    let n = weather_prefix(value)?;
    let weather = visible(&value[..n]);
    let comment = visible(
        value[n..].trim_start_matches(|c: char| c.is_whitespace() || "-–—:,;.".contains(c)),
    );
    Some(WeatherEntry {
        who,
        weather,
        comment,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(line: &str) -> Option<(String, String, String)> {
        weather_entry(line).map(|w| (w.who, w.weather, w.comment))
    }

    // Compared with what `parts` returns.
    #[allow(clippy::unnecessary_wraps)]
    fn some(who: &str, weather: &str, comment: &str) -> Option<(String, String, String)> {
        Some((who.into(), weather.into(), comment.into()))
    }

    #[test]
    fn every_separator() {
        for line in [
            "Ville de Montreuil -> nuageux",
            "Ville de Montreuil → nuageux",
            "Ville de Montreuil : nuageux",
            "Ville de Montreuil = nuageux",
            "Ville de Montreuil => nuageux",
            "Ville de Montreuil — nuageux",
            "Ville de Montreuil—nuageux",
            "Ville de Montreuil – nuageux",
            "Ville de Montreuil - nuageux",
            "- Ville de Montreuil -> nuageux",
        ] {
            assert_eq!(
                parts(line),
                some("Ville de Montreuil", "nuageux", ""),
                "{line}"
            );
        }
    }

    #[test]
    fn the_first_separator_that_gives_a_weather() {
        assert_eq!(
            parts("Agglo - Tours : soleil - enfin"),
            some("Agglo - Tours", "soleil", "enfin")
        );
        assert_eq!(
            parts("Mairie de Saint-Ouen -> brouillard - on en parle"),
            some("Mairie de Saint-Ouen", "brouillard", "on en parle")
        );
        assert_eq!(
            parts("Jeanne — plutôt nuageux : mais on y croit"),
            some("Jeanne", "plutôt nuageux", "mais on y croit")
        );
        assert_eq!(parts("personne mairie st ouen : il faut u"), None);
        assert_eq!(parts("météo -> soleil"), None);
        assert_eq!(parts(&format!("{} : soleil", "x".repeat(61))), None);
    }

    #[test]
    fn phrases_of_several_words() {
        assert_eq!(
            parts("CCAS : pluie fine, il manque un pilote"),
            some("CCAS", "pluie fine", "il manque un pilote")
        );
        assert_eq!(
            parts("DSI -> grand soleil"),
            some("DSI", "grand soleil", "")
        );
        assert_eq!(
            parts("Mairie = ciel voilé mais ça progresse"),
            some("Mairie", "ciel voilé", "mais ça progresse")
        );
    }
}
