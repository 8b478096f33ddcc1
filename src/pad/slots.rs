//! Time slots: a time (`14h35`, `9 h 30`, `14:35`) and a range of two
//! (`14h35 - 14h55`, `9h à 10h`), at the start of a line or closing it.
//! Used by `lines` and `rotations` to find the slot of a heading.

/// A time at the start of `s` (`14h35`, `9h`, `9 h 30`, `14:35`): the
/// normalised time (`14h35`, `9h30`, `10h`) and the bytes it used.
fn time_at(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let hours: u32 = s[..digits].parse().ok()?;
    let mut i = digits;
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    let colon = match b.get(i) {
        Some(b'h' | b'H') => false,
        Some(b':') => true,
        _ => return None,
    };
    i += 1;
    let mut j = i;
    if !colon && b.get(j) == Some(&b' ') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
        j += 1;
    }
    let mdigits = b[j..].iter().take_while(|c| c.is_ascii_digit()).count();
    let minutes = match mdigits {
        0 if !colon => None,
        2 => Some(s[j..j + 2].parse::<u32>().ok()?),
        1 if !colon => Some(s[j..=j].parse::<u32>().ok()?),
        _ => return None,
    };
    let end = if minutes.is_some() { j + mdigits } else { i };
    // `10h` must not run into a word (`10heures`).
    if b.get(end).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    if hours > 24 || minutes.is_some_and(|m| m > 59) {
        return None;
    }
    let norm = match minutes {
        Some(m) => format!("{hours}h{m:02}"),
        None => format!("{hours}h"),
    };
    Some((norm, end))
}

/// A time range at the start of `s`: `14h35 - 14h55`, `9h30-9h50`,
/// `10h30 – 10h55`, `9h à 10h`. Returns (start, end, bytes used).
pub(super) fn range_at(s: &str) -> Option<(String, String, usize)> {
    let (start, mut i) = time_at(s)?;
    let skip_ws = |s: &str, i: usize| {
        s[i..]
            .char_indices()
            .find(|&(_, c)| !(c.is_whitespace()))
            .map_or(s.len(), |(k, _)| i + k)
    };
    i = skip_ws(s, i);
    let rest = &s[i..];
    let sep = ["->", "→", "-", "–", "—", "‐", "‑", "−", ">", "à", "a", "/"]
        .iter()
        .find(|p| rest.starts_with(**p))?;
    if (*sep == "a" || *sep == "à")
        && rest[sep.len()..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    i = skip_ws(s, i + sep.len());
    let (end, used) = time_at(&s[i..])?;
    Some((start, end, i + used))
}

/// Splits a time range that ends `text` off it: `Pause (15h20 - 15h40)`
/// gives `Pause` and the range.
pub(super) fn split_trailing_slot(text: &str) -> (&str, Option<(String, String)>) {
    let mut prev_digit = false;
    for (i, c) in text.char_indices() {
        let digit = c.is_ascii_digit();
        if digit
            && !prev_digit
            && let Some((start, end, used)) = range_at(&text[i..])
            && text[i + used..]
                .trim_matches(|c: char| c.is_whitespace() || ")]*_".contains(c))
                .is_empty()
        {
            let before =
                text[..i].trim_end_matches(|c: char| c.is_whitespace() || "([-–—|:,".contains(c));
            return (before, Some((start, end)));
        }
        prev_digit = digit;
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_ranges() {
        let ok = [
            ("14h35 - 14h55", ("14h35", "14h55")),
            ("9h30-9h50", ("9h30", "9h50")),
            ("10h30 – 10h55", ("10h30", "10h55")),
            ("9h — 10h", ("9h", "10h")),
            ("9h à 10h15", ("9h", "10h15")),
            ("14:35-14:55", ("14h35", "14h55")),
            ("9 h 30 - 9 h 50", ("9h30", "9h50")),
        ];
        for (s, (a, b)) in ok {
            let (start, end, used) = range_at(s).unwrap_or_else(|| panic!("{s}"));
            assert_eq!((start.as_str(), end.as_str(), used), (a, b, s.len()), "{s}");
        }
        for s in [
            "14h35",
            "25h - 26h",
            "9h70-10h",
            "2024-11-14",
            "10heures - 11h",
            "5 minutes",
            "9h après",
        ] {
            assert!(range_at(s).is_none(), "{s}");
        }
    }
}
