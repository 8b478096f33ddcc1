//! The file name of an imported pad: `AAAA-MM-JJ-titre-court`, the date
//! first (so the workshops of a folder list in time order, like the
//! example's `2024-11-14-implanter-le-collaboratif.md`), then a short slug
//! of the title (its letters and digits). The date is not repeated: a run of words in the title that
//! writes the same date (`12 juin 2025`, `jeudi 12/06/2025`) is dropped
//! with the small word before it (`du`). The slug is cut at a word to at
//! most [`MAX_SLUG`] characters and never ends on a small word (`…-du`,
//! `…-dans-nos`). Pure.

use super::dates::month_number;
use crate::text::slugify;

/// The longest title part of a file name, in bytes (the slug is ASCII).
pub(super) const MAX_SLUG: usize = 50;

/// The title part when the title has no letter or digit left.
const FALLBACK: &str = "atelier";

/// Words a name should not end on, nor keep before a dropped date.
const SMALL_WORDS: &[&str] = &[
    "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "chez", "d", "dans", "de", "des",
    "dont", "du", "en", "entre", "et", "j", "l", "la", "le", "les", "leur", "leurs", "m", "ma",
    "mes", "mon", "n", "ne", "nos", "notre", "ou", "par", "pour", "qu", "que", "qui", "s", "sa",
    "sans", "ses", "son", "sous", "sur", "t", "un", "une", "vers", "vos", "votre",
];

const WEEKDAYS: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
];

/// `2025-06-12-atelier` for the title `Atelier du 12 juin 2025` on
/// `2025-06-12`. `date` is `YYYY-MM-DD`.
pub fn file_stem(title: &str, date: &str) -> String {
    format!("{date}-{}", short_slug(title, date))
}

/// The title part of [`file_stem`].
fn short_slug(title: &str, date: &str) -> String {
    // Only letters and digits: an emoji would give its English name.
    let words: String = title
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let slug = slugify(&words);
    // More words than a name can hold (a pad's first line can be a whole
    // paragraph), with room for a date to drop.
    let mut words: Vec<&str> = slug
        .split('-')
        .filter(|w| !w.is_empty())
        .take(MAX_SLUG)
        .collect();
    drop_date(&mut words, date);
    let mut out: Vec<&str> = vec![];
    let mut len = 0;
    for w in words {
        let extra = w.len() + usize::from(!out.is_empty());
        if len + extra > MAX_SLUG {
            if out.is_empty() {
                // One very long word: cut it (ASCII, any byte is a boundary).
                out.push(&w[..MAX_SLUG]);
            }
            break;
        }
        len += extra;
        out.push(w);
    }
    while out.last().is_some_and(|w| SMALL_WORDS.contains(w)) {
        out.pop();
    }
    if out.is_empty() {
        FALLBACK.to_string()
    } else {
        out.join("-")
    }
}

/// Removes from `words` every run that writes `date` (`YYYY-MM-DD`), with
/// the small words just before it.
fn drop_date(words: &mut Vec<&str>, date: &str) {
    let mut parts = date.split('-').map(|p| p.parse::<u32>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return;
    };
    let number = |w: &str| w.parse::<u32>().ok();
    let mut i = 0;
    while i < words.len() {
        // The longest run from `i` of words that write parts of the date;
        // it is the date when it has the day, the month and the year.
        let (mut has_day, mut has_month, mut has_year) = (false, false, false);
        let mut n = 0;
        for w in &words[i..] {
            let day_word = w.strip_suffix("er").unwrap_or(w);
            if w.len() == 4 && number(w) == Some(year) {
                has_year = true;
            } else if month_number(w).map(u32::from) == Some(month) {
                has_month = true;
            } else if day_word.len() <= 2 && number(day_word) == Some(day) && !has_day {
                has_day = true;
            } else if w.len() <= 2 && number(w) == Some(month) {
                has_month = true;
            } else if !WEEKDAYS.contains(w) {
                break;
            }
            n += 1;
        }
        if has_day && has_month && has_year {
            let mut start = i;
            while start > 0 && SMALL_WORDS.contains(&words[start - 1]) {
                start -= 1;
            }
            words.drain(start..i + n);
            i = start;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_date_comes_first_and_once() {
        let cases = [
            (
                "Atelier du 12 juin 2025",
                "2025-06-12",
                "2025-06-12-atelier",
            ),
            (
                "Atelier du jeudi 1er février 2024 : coopérer",
                "2024-02-01",
                "2024-02-01-atelier-cooperer",
            ),
            ("Réunion 12/06/2025", "2025-06-12", "2025-06-12-reunion"),
            ("Bilan 2025-06-12", "2025-06-12", "2025-06-12-bilan"),
            (
                "Atelier « Coopérer entre directions » — 3 mars 2025 🌱",
                "2025-03-03",
                "2025-03-03-atelier-cooperer-entre-directions",
            ),
            // Another date stays: it says something the name does not.
            (
                "Atelier du 12 juin 2025",
                "2025-06-13",
                "2025-06-13-atelier-du-12-juin-2025",
            ),
            // A day number alone is not a date.
            (
                "Rotation 12 et plus",
                "2025-06-12",
                "2025-06-12-rotation-12-et-plus",
            ),
            (
                "Atelier du 2026",
                "2026-12-03",
                "2026-12-03-atelier-du-2026",
            ),
            (
                "Atelier de juin 2025",
                "2025-06-12",
                "2025-06-12-atelier-de-juin-2025",
            ),
            ("Noël 12/12/2025", "2025-12-12", "2025-12-12-noel"),
            ("!!!", "2026-12-03", "2026-12-03-atelier"),
            (
                "Atelier du 3 décembre 2026",
                "2026-12-03",
                "2026-12-03-atelier",
            ),
        ];
        for (title, date, want) in cases {
            assert_eq!(file_stem(title, date), want, "{title}");
        }
    }

    #[test]
    fn long_titles_are_cut_at_a_word_never_on_a_small_word() {
        let seed = "Comment réussir à « im »planter le collaboratif dans nos structures pour fertiliser la graine de la coopération ?";
        assert_eq!(
            file_stem(seed, "2024-11-14"),
            "2024-11-14-comment-reussir-a-im-planter-le-collaboratif"
        );
        let long = short_slug(
            &"Comment réussir à implanter le collaboratif ".repeat(10),
            "",
        );
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
        assert_eq!(short_slug(&"x".repeat(100), "").len(), MAX_SLUG);
        assert_eq!(short_slug("Le la du de", ""), "atelier");
        // An elided word is a small word too.
        assert_eq!(
            file_stem(
                "Atelier inter-collectivités : coopérer sans s'épuiser",
                "2025-01-15"
            ),
            "2025-01-15-atelier-inter-collectivites-cooperer"
        );
    }
}
