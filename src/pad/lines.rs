//! One line of a pad on its own: splitting the export into lines, trimming,
//! folding words, and classifying each line (plain text, a time slot, a
//! rotation or break heading, a role line). The first step of the parser;
//! `assemble` then reads the classified lines in order.

use super::roles::{
    facilitator_sentence, is_facilitator_label, is_participant_label, is_scribe_label,
    is_timekeeper_label, names, people,
};
use super::rotations::{Header, header};
use super::slots::range_at;
use super::{PadError, Person};
use crate::text::fold;

/// A non-blank line of the pad, trimmed, with what it is.
#[derive(Debug)]
pub(super) struct Line<'a> {
    pub(super) text: &'a str,
    pub(super) kind: Kind,
}

/// What a line is, read from the line alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Kind {
    Text,
    /// A line holding only a time slot.
    Slot(String, String),
    Header(Header),
    Scribes(Vec<Person>),
    Timekeepers(Vec<Person>),
    Facilitators(Vec<String>),
    Participants(Vec<String>),
}

/// Splits on `\r\n`, `\n` and a lone `\r`.
pub(super) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.find(['\n', '\r']) {
            Some(i) => {
                let skip = if s[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&s[i + skip..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}')
}

pub(super) fn trim(s: &str) -> &str {
    s.trim_matches(is_blank_char)
}

pub(super) fn has_alnum(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Binary data: a NUL, or more than one control character in ten.
pub(super) fn check_binary(text: &str) -> Result<(), PadError> {
    let line_of = |i: usize| text[..i].matches('\n').count() + 1;
    if let Some(i) = text.find('\0') {
        return Err(PadError::Binary { line: line_of(i) });
    }
    let mut total = 0usize;
    let mut controls = 0usize;
    let mut first = None;
    for (i, c) in text.char_indices() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            controls += 1;
            first.get_or_insert(i);
        }
    }
    match first {
        Some(i) if controls * 10 > total => Err(PadError::Binary { line: line_of(i) }),
        _ => Ok(()),
    }
}

/// The line without leading bullets, emoji and Markdown marks, for
/// recognising its structure (`## Rotation 1`, `- Scribe : X`, `**Pause**`).
fn core(line: &str) -> &str {
    line.trim_start_matches(|c: char| !c.is_alphanumeric())
}

/// Folded, lowercase, alphanumeric words: `Gardien(ne) du temps` gives
/// `gardien ne du temps`.
pub(super) fn fold_words(s: &str) -> Vec<String> {
    fold(s)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whitespace-separated chunks of `s` with their byte ranges.
pub(super) fn chunks(s: &str) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    out
}

/// What `line` (trimmed, not blank) is: a slot, a heading, a role line or text.
pub(super) fn classify_line(line: &str) -> Kind {
    let core = core(line);
    if core.is_empty() {
        return Kind::Text;
    }
    if let Some((start, end, used)) = range_at(core) {
        let rest =
            core[used..].trim_matches(|c: char| c.is_whitespace() || "|-–—:,;.)]*_/".contains(c));
        if !has_alnum(rest) {
            return Kind::Slot(start, end);
        }
        let mut h = header(rest).unwrap_or_else(|| Header {
            title: visible(rest),
            ..Header::default()
        });
        h.slot = Some((start, end));
        return Kind::Header(h);
    }
    if let Some(h) = header(core) {
        return Kind::Header(h);
    }
    if let Some(names) = facilitator_sentence(core) {
        return Kind::Facilitators(names);
    }
    if let Some((label, value)) = core.split_once([':', '：']) {
        let words = fold_words(label);
        if (1..=5).contains(&words.len()) {
            let w: Vec<&str> = words.iter().map(String::as_str).collect();
            if is_scribe_label(&w) {
                return Kind::Scribes(people(value));
            }
            if is_timekeeper_label(&w) {
                return Kind::Timekeepers(people(value));
            }
            if is_facilitator_label(&w) {
                return Kind::Facilitators(names(value));
            }
            if is_participant_label(&w) {
                return Kind::Participants(names(value));
            }
        }
    }
    Kind::Text
}

/// Text as shown: `**` marks removed, spaces folded.
pub(super) fn visible(s: &str) -> String {
    s.replace("**", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
