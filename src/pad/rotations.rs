//! Rotation and break headings: `Rotation #1 - ORIGINES`, `Tour 3 : X`,
//! `Pause café (10h10 - 10h30)`, read into a [`Header`] with its number,
//! title and slot. `lines` asks for one on every line; `assemble` opens a
//! rotation for each.

use super::lines::{fold_words, visible};
use super::slots::{range_at, split_trailing_slot};

/// A rotation or break heading, as read from its line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct Header {
    pub(super) number: Option<u32>,
    pub(super) title: String,
    pub(super) is_break: bool,
    pub(super) slot: Option<(String, String)>,
}

const ROTATION_WORDS: &[&str] = &[
    "rotation", "tour", "round", "sequence", "temps", "manche", "session", "partie",
];

/// A rotation or break heading (`core` has no leading marks).
pub(super) fn header(core: &str) -> Option<Header> {
    let (body, slot) = split_trailing_slot(core);
    if let Some(title) = break_title(body) {
        return Some(Header {
            title,
            is_break: true,
            slot,
            ..Header::default()
        });
    }
    let mut h = rotation(body)?;
    if h.slot.is_none() {
        h.slot = slot;
    }
    Some(h)
}

/// `Pause`, `Pause café`, `15h20 - 15h40 | Pause`, `Déjeuner`.
fn break_title(text: &str) -> Option<String> {
    let words = fold_words(text);
    let first = words.first()?;
    let is_break = (first.starts_with("pause") && words.len() <= 6)
        || (matches!(first.as_str(), "dejeuner" | "repas" | "break") && words.len() <= 3)
        || (words.len() <= 3 && words.starts_with(&["coffee".to_string(), "break".to_string()]));
    is_break.then(|| visible(text.trim_end_matches(|c: char| c.is_whitespace() || ":".contains(c))))
}

/// `Rotation #1 - ORIGINES & FINALITES`, `ROTATION 2 – X`, `Tour 3 : X`,
/// `Rotation 1 (14h35-14h55) : X`.
fn rotation(core: &str) -> Option<Header> {
    let word_end = core
        .char_indices()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(core.len(), |(i, _)| i);
    let keyword = fold_words(&core[..word_end]);
    if keyword.len() != 1 || !ROTATION_WORDS.contains(&keyword[0].as_str()) {
        return None;
    }
    let mut rest = core[word_end..].trim_start();
    for marker in ["#", "n°", "nº", "N°", "Nº", "no.", "no ", "No.", "No "] {
        if let Some(r) = rest.strip_prefix(marker) {
            rest = r.trim_start();
            break;
        }
    }
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let number: u32 = rest[..digits].parse().ok()?;
    rest = &rest[digits..];
    if rest.chars().next().is_some_and(char::is_alphanumeric) {
        return None;
    }
    rest = rest.trim_start();
    let mut slot = None;
    // A slot in brackets right after the number.
    if let Some(r) = rest.strip_prefix(['(', '['])
        && let Some((start, end, used)) = range_at(r.trim_start())
    {
        let r = r.trim_start();
        slot = Some((start, end));
        rest = r[used..]
            .trim_start()
            .trim_start_matches([')', ']'])
            .trim_start();
    }
    let rest = rest.trim_end_matches(|c: char| c.is_whitespace() || "*_#".contains(c));
    let title = if rest.is_empty() {
        String::new()
    } else if rest.starts_with(['-', '–', '—', ':', '.', ')', '|', '/', ',', '：']) {
        let mut t = rest
            .trim_start_matches(|c: char| c.is_whitespace() || "-–—:.)|/,：".contains(c))
            .trim_end();
        // A slot opening the title: `Rotation 1 - 14h35-14h55 - Origines`.
        if slot.is_none()
            && let Some((start, end, used)) = range_at(t)
        {
            slot = Some((start, end));
            t = t[used..]
                .trim_start_matches(|c: char| c.is_whitespace() || "-–—:.)|/,".contains(c));
        }
        visible(t)
    } else {
        return None;
    };
    Some(Header {
        number: Some(number),
        title,
        is_break: false,
        slot,
    })
}
