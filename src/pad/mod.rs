//! Pad import: reads the plain-text export of a workshop pad (Etherpad,
//! Framapad, HedgeDoc, CodiMD) into [`PadMinutes`], and writes it back as a
//! minutes page ([`to_markdown`]).
//!
//! Both are pure. The parser recognises the title, the facilitators, the
//! rotations (rounds, breaks, other timed parts) with their time slots,
//! scribes and timekeepers, and the "météo" round; it keeps every other line.
//! The writer puts what was recognised into the front matter and every line
//! of the pad (the title line excepted: it is the page's `<h1>`) into the
//! body, escaped so that no pad text becomes markup: only balanced
//! `**bold**` spans and bare `http(s)://` URLs keep their meaning.
//!
//! Neither function panics on any input: text is only ever cut at positions
//! found by `char_indices` or at ASCII bytes.
//!
//! The parser reads each line on its own first (`lines`: what kind of line
//! is it, with `slots` for time ranges, `rotations` for rotation and break
//! headings, `roles` for scribes, timekeepers, facilitators and
//! participants), then `assemble` walks the classified lines in order,
//! opening rotations and filing roles, weather answers (`meteo`) and the
//! date (`dates`). `write` turns the result into a page, `escape` keeps
//! each pad line as typed; `name` gives the page its file name.

// f-actions
mod actions;
mod assemble;
mod dates;
mod escape;
mod lines;
mod meteo;
mod name;
mod roles;
mod rotations;
mod slots;
mod write;

pub use escape::escape_markdown;
pub use name::file_stem;
pub use write::to_markdown;

use crate::text::match_key;
use assemble::Assembler;
use lines::{Line, check_binary, classify_line, has_alnum, split_lines, trim};

/// Someone named in a role, or a role left blank or written `?`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Person {
    Named(String),
    Unknown,
}

/// One timed part of the workshop: a rotation, a break, or another slot
/// ("16h05 - 16h10" followed by what happens then).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rotation {
    pub number: Option<u32>,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub is_break: bool,
    pub scribes: Vec<Person>,
    pub timekeepers: Vec<Person>,
    pub participants: Vec<String>,
    /// The pad line that opened this part; it becomes the section heading.
    pub heading: String,
    /// The lines of this part, in pad order (`None` is a blank line).
    pub lines: Vec<Option<String>>,
}

/// One answer of the "météo" round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeatherEntry {
    pub who: String,
    /// The weather phrase as written: `soleil avec un peu de nuages`.
    pub weather: String,
    pub comment: String,
}

/// What a pad holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PadMinutes {
    pub title: String,
    /// A date found near the top of the pad (`YYYY-MM-DD`).
    pub date: Option<String>,
    pub facilitators: Vec<String>,
    /// Roles given before the first rotation, for the whole workshop.
    pub scribes: Vec<Person>,
    pub timekeepers: Vec<Person>,
    pub participants: Vec<String>,
    pub rotations: Vec<Rotation>,
    pub weather: Vec<WeatherEntry>,
    /// Lines before the first rotation (the title line excepted).
    pub preamble: Vec<Option<String>>,
}

impl PadMinutes {
    /// Everyone who took notes, without repeats.
    pub fn all_scribes(&self) -> Vec<String> {
        named(
            self.scribes
                .iter()
                .chain(self.rotations.iter().flat_map(|r| &r.scribes)),
        )
    }

    /// Everyone who kept time, without repeats.
    pub fn all_timekeepers(&self) -> Vec<String> {
        named(
            self.timekeepers
                .iter()
                .chain(self.rotations.iter().flat_map(|r| &r.timekeepers)),
        )
    }

    /// Participants named for the whole workshop or for a rotation.
    pub fn all_participants(&self) -> Vec<String> {
        let mut out = vec![];
        for p in self
            .participants
            .iter()
            .chain(self.rotations.iter().flat_map(|r| &r.participants))
        {
            push_unique(&mut out, p);
        }
        out
    }
}

fn named<'a>(people: impl Iterator<Item = &'a Person>) -> Vec<String> {
    let mut out = vec![];
    for p in people {
        if let Person::Named(n) = p {
            push_unique(&mut out, n);
        }
    }
    out
}

fn push_unique(list: &mut Vec<String>, name: &str) {
    let key = match_key(name);
    if !list
        .iter()
        .any(|n| match_key(n) == key && (!key.is_empty() || n == name))
    {
        list.push(name.to_string());
    }
}

/// Why a text cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PadError {
    #[error("the pad is empty: it has no line with letters or digits")]
    Empty,
    #[error("this is not a pad's text export: line {line} holds binary data")]
    Binary { line: usize },
}

impl PadError {
    /// The error in the catalogue.
    pub fn message(&self) -> crate::messages::Message {
        match self {
            PadError::Empty => crate::messages::msg!("pad-empty"),
            PadError::Binary { line } => crate::messages::msg!("pad-binary", line = *line),
        }
    }
}

/// The title used when the pad has none before its first rotation.
pub const DEFAULT_TITLE: &str = "Compte rendu d'atelier";

/// Parses the text export of a pad.
pub fn parse_pad(text: &str) -> Result<PadMinutes, PadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_binary(text)?;
    let lines: Vec<Option<Line<'_>>> = split_lines(text)
        .map(|raw| {
            let t = trim(raw);
            (!t.is_empty()).then(|| Line {
                text: t,
                kind: classify_line(t),
            })
        })
        .collect();
    if !lines.iter().flatten().any(|l| has_alnum(l.text)) {
        return Err(PadError::Empty);
    }
    Ok(Assembler::default().run(&lines))
}

#[cfg(test)]
mod tests;
