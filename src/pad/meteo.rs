//! The "météo" round: one answer per line, `Claire : soleil avec un peu de
//! nuages manque de transversalité`, split into who, the weather phrase
//! (the phrases `crate::weather` knows) and a comment. `assemble` reads
//! these lines only inside a round whose heading or text mentions météo.

use super::WeatherEntry;
use super::lines::{fold_words, has_alnum, visible};
use crate::weather::weather_prefix;

/// `Claire : soleil avec un peu de nuages manque de transversalité`.
pub(super) fn weather_entry(line: &str) -> Option<WeatherEntry> {
    let line = line.trim_start_matches(|c: char| c.is_whitespace() || "-*•·.–—+>".contains(c));
    let (who, value) = match line.split_once([':', '：']) {
        Some(x) => x,
        None => [" - ", " – ", " — "]
            .iter()
            .find_map(|sep| line.split_once(sep))?,
    };
    let who = visible(who);
    if who.is_empty() || who.chars().count() > 60 || who.split(' ').count() > 8 || !has_alnum(&who)
    {
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
