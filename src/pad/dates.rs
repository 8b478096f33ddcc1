//! The workshop's date, found in a line near the top of the pad:
//! `14/11/2024`, `2024-11-14`, `14 novembre 2024`, `jeudi 1er février
//! 2024` (French month names, full or abbreviated). `assemble` looks for it
//! in the preamble.

use super::lines::{chunks, fold_words};

const MONTHS: &[(&str, u8)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("mars", 3),
    ("avril", 4),
    ("avr", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("juil", 7),
    ("aout", 8),
    ("septembre", 9),
    ("sept", 9),
    ("octobre", 10),
    ("oct", 10),
    ("novembre", 11),
    ("nov", 11),
    ("decembre", 12),
    ("dec", 12),
];

/// The month a (folded, lowercase) word names: `juin` and `janv` give 6 and 1.
pub(super) fn month_number(word: &str) -> Option<u8> {
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, m)| m)
}

/// A date in the line: `14/11/2024`, `2024-11-14`, `14 novembre 2024`,
/// `jeudi 1er février 2024`.
pub(super) fn find_date(line: &str) -> Option<String> {
    let ch: Vec<&str> = chunks(line)
        .into_iter()
        .map(|(a, b)| line[a..b].trim_matches(|c: char| ",;()[]".contains(c)))
        .collect();
    for (k, w) in ch.iter().enumerate() {
        if w.contains(['/', '-', '.'])
            && w.starts_with(|c: char| c.is_ascii_digit())
            && let Some(d) = crate::date::Date::parse(w)
        {
            return Some(d.iso());
        }
        let day = w.trim_end_matches("er");
        if day.is_empty() || day.len() > 2 || !day.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let (Some(month), Some(year)) = (ch.get(k + 1), ch.get(k + 2)) else {
            continue;
        };
        let Some(m) = month_number(&fold_words(month).concat()) else {
            continue;
        };
        let year = year.trim_end_matches(['.', ',']);
        if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
            let iso = format!("{year}-{m:02}-{day:0>2}");
            if let Some(d) = crate::date::Date::parse(&iso) {
                return Some(d.iso());
            }
        }
    }
    None
}
