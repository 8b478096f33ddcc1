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

use std::fmt::Write;

use crate::text::{fold, match_key};
use crate::weather::weather_prefix;

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

// ---------------------------------------------------------------------------
// Lines

#[derive(Debug)]
struct Line<'a> {
    text: &'a str,
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Text,
    /// A line holding only a time slot.
    Slot(String, String),
    Header(Header),
    Scribes(Vec<Person>),
    Timekeepers(Vec<Person>),
    Facilitators(Vec<String>),
    Participants(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Header {
    number: Option<u32>,
    title: String,
    is_break: bool,
    slot: Option<(String, String)>,
}

/// Splits on `\r\n`, `\n` and a lone `\r`.
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
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

fn trim(s: &str) -> &str {
    s.trim_matches(is_blank_char)
}

fn has_alnum(s: &str) -> bool {
    s.chars().any(char::is_alphanumeric)
}

/// Binary data: a NUL, or more than one control character in ten.
fn check_binary(text: &str) -> Result<(), PadError> {
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
fn fold_words(s: &str) -> Vec<String> {
    fold(s)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whitespace-separated chunks of `s` with their byte ranges.
fn chunks(s: &str) -> Vec<(usize, usize)> {
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

fn classify_line(line: &str) -> Kind {
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

// ---------------------------------------------------------------------------
// Time slots

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
        1 if !colon => Some(s[j..j + 1].parse::<u32>().ok()?),
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
fn range_at(s: &str) -> Option<(String, String, usize)> {
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
fn split_trailing_slot(text: &str) -> (&str, Option<(String, String)>) {
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

// ---------------------------------------------------------------------------
// Rotations and breaks

const ROTATION_WORDS: &[&str] = &[
    "rotation", "tour", "round", "sequence", "temps", "manche", "session", "partie",
];

/// A rotation or break heading (`core` has no leading marks).
fn header(core: &str) -> Option<Header> {
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

/// Text as shown: `**` marks removed, spaces folded.
fn visible(s: &str) -> String {
    s.replace("**", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// Roles and names

fn is_scribe_label(w: &[&str]) -> bool {
    (matches!(w[0], "scribe" | "scribes" | "secretaire" | "secretaires")
        && w[1..].iter().all(|x| matches!(*x, "s" | "e" | "es")))
        || matches!(
            w,
            ["prise", "de", "note" | "notes"]
                | [
                    "preneur" | "preneuse" | "preneurs" | "preneuses",
                    "de",
                    "note" | "notes"
                ]
                | ["note", "taker" | "takers"]
                | ["notetaker" | "notetakers"]
        )
}

fn is_timekeeper_label(w: &[&str]) -> bool {
    let first = w[0];
    (w.len() >= 3
        && w[w.len() - 2..] == ["du", "temps"]
        && [
            "maitre",
            "maitresse",
            "gardien",
            "gardienne",
            "garant",
            "garante",
            "gestion",
        ]
        .iter()
        .any(|p| first.starts_with(p))
        && w[1..w.len() - 2]
            .iter()
            .all(|x| matches!(*x, "ne" | "e" | "s" | "sse" | "nes" | "es")))
        || matches!(
            w,
            ["timekeeper"
                | "timekeepers"
                | "chrono"
                | "chronometre"
                | "chronometreur"
                | "chronometreuse"]
                | ["time", "keeper" | "keepers"]
        )
}

fn is_facilitator_label(w: &[&str]) -> bool {
    let first = w[0];
    first.starts_with("facilit")
        || first.starts_with("animat")
        || (first == "co" && w.get(1).is_some_and(|x| x.starts_with("animat")))
        || first.starts_with("coanimat")
        || (w.len() == 2 && w[1] == "par" && is_facilitation_verb(first))
}

fn is_facilitation_verb(w: &str) -> bool {
    ["porte", "anime", "coanime", "facilite"]
        .iter()
        .any(|p| w.starts_with(p))
}

fn is_participant_label(w: &[&str]) -> bool {
    w[0].starts_with("participant")
        || matches!(
            w,
            ["present" | "presents" | "presente" | "presentes" | "presence" | "presences"]
                | ["present", "e", "s"]
                | ["personnes", "presentes"]
                | ["inscrits" | "inscrites"]
        )
}

/// `Porté par **X et Y**`, `Animé par X, Y et Z`, `Atelier animé par X`.
fn facilitator_sentence(core: &str) -> Option<Vec<String>> {
    let ch = chunks(core);
    let key =
        |k: usize| -> Option<String> { ch.get(k).map(|&(a, b)| fold_words(&core[a..b]).concat()) };
    let mut k = 0;
    if matches!(
        key(0)?.as_str(),
        "atelier" | "session" | "seance" | "rencontre" | "temps"
    ) {
        k = 1;
    }
    if !is_facilitation_verb(&key(k)?) || key(k + 1)? != "par" {
        return None;
    }
    let value = &core[ch[k + 1].1..];
    let list = names(value.trim_start().trim_start_matches([':', '：']));
    (!list.is_empty()).then_some(list)
}

/// Names of a role: `X + Y`, `X, Y et Z`; blank or `?` is unknown.
fn people(value: &str) -> Vec<Person> {
    let value = value.replace("**", "").replace("__", "");
    let value = value.trim().trim_end_matches(['.', ';', ',']).trim();
    if is_unknown(value) {
        return vec![Person::Unknown];
    }
    let mut out = vec![];
    for piece in value.split([',', ';', '+', '&', '/']) {
        let mut current = vec![];
        for (a, b) in chunks(piece) {
            let w = &piece[a..b];
            if w.eq_ignore_ascii_case("et") || w.eq_ignore_ascii_case("and") {
                out.push(person(&current.join(" ")));
                current.clear();
            } else {
                current.push(w);
            }
        }
        out.push(person(&current.join(" ")));
    }
    out.retain(|p| !matches!(p, Person::Named(n) if n.is_empty()));
    if out.is_empty() {
        out.push(Person::Unknown);
    }
    out
}

fn person(s: &str) -> Person {
    let s = s.trim().trim_end_matches(['.', '!']).trim();
    if !s.is_empty() && is_unknown(s) {
        Person::Unknown
    } else {
        Person::Named(s.to_string())
    }
}

fn is_unknown(s: &str) -> bool {
    !has_alnum(s)
        || matches!(
            fold_words(s).join(" ").as_str(),
            "inconnu"
                | "inconnue"
                | "personne"
                | "nobody"
                | "none"
                | "tbd"
                | "na"
                | "n a"
                | "nc"
                | "xx"
                | "xxx"
                | "a definir"
                | "a voir"
                | "non defini"
                | "non definie"
        )
}

/// Known names only (unknowns dropped).
fn names(value: &str) -> Vec<String> {
    people(value)
        .into_iter()
        .filter_map(|p| match p {
            Person::Named(n) => Some(n),
            Person::Unknown => None,
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Weather and dates

/// `Claire : soleil avec un peu de nuages manque de transversalité`.
fn weather_entry(line: &str) -> Option<WeatherEntry> {
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

/// A date in the line: `14/11/2024`, `2024-11-14`, `14 novembre 2024`,
/// `jeudi 1er février 2024`.
fn find_date(line: &str) -> Option<String> {
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
        let month = fold_words(month).concat();
        let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == month) else {
            continue;
        };
        let year = year.trim_end_matches(['.', ',']);
        if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
            let iso = format!("{year}-{m:02}-{:0>2}", day);
            if let Some(d) = crate::date::Date::parse(&iso) {
                return Some(d.iso());
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------
// Assembly

#[derive(Default)]
struct Assembler {
    m: PadMinutes,
    title: Option<String>,
    /// A slot line waiting for the heading that follows it.
    pending: Option<(String, String, String)>,
    meteo: bool,
    /// The previous non-blank line opened the current rotation.
    just_opened: bool,
}

impl Assembler {
    fn run(mut self, lines: &[Option<Line<'_>>]) -> PadMinutes {
        let nb: Vec<&Line<'_>> = lines.iter().flatten().collect();
        let unslotted_header =
            |l: &Line<'_>| matches!(&l.kind, Kind::Header(h) if h.slot.is_none());
        let (mut before, mut after) = (0, 0);
        for w in nb.windows(2) {
            if matches!(w[0].kind, Kind::Slot(..)) && unslotted_header(w[1]) {
                before += 1;
            }
            if unslotted_header(w[0]) && matches!(w[1].kind, Kind::Slot(..)) {
                after += 1;
            }
        }
        let slot_before_heading = before >= after;

        let mut k = 0; // index into nb
        for line in lines {
            let Some(line) = line else {
                self.blank();
                continue;
            };
            let next = nb.get(k + 1).copied();
            k += 1;
            match &line.kind {
                Kind::Slot(start, end) => {
                    let can_next = next.is_some_and(unslotted_header);
                    let can_prev = self.just_opened
                        && self.m.rotations.last().is_some_and(|r| r.start.is_none());
                    let to_next = if slot_before_heading {
                        can_next
                    } else {
                        can_next && !can_prev
                    };
                    if to_next {
                        self.pending = Some((start.clone(), end.clone(), line.text.to_string()));
                    } else if can_prev {
                        let r = self.current();
                        r.start = Some(start.clone());
                        r.end = Some(end.clone());
                        self.push(line.text);
                    } else {
                        // A slot of its own: named after the line that follows.
                        let title = next
                            .filter(|l| l.kind == Kind::Text && has_alnum(l.text))
                            .map(|l| short_title(&visible(l.text)))
                            .unwrap_or_else(|| visible(line.text));
                        self.open(
                            Header {
                                title,
                                slot: Some((start.clone(), end.clone())),
                                ..Header::default()
                            },
                            line.text,
                        );
                    }
                    continue;
                }
                Kind::Header(h) => {
                    self.open(h.clone(), line.text);
                    continue;
                }
                _ => {}
            }
            self.just_opened = false;
            let in_preamble = self.m.rotations.is_empty();
            if in_preamble && self.m.date.is_none() {
                self.m.date = find_date(line.text);
            }
            match &line.kind {
                Kind::Scribes(p) => match self.m.rotations.last_mut() {
                    Some(r) => r.scribes.extend(p.iter().cloned()),
                    None => self.m.scribes.extend(p.iter().cloned()),
                },
                Kind::Timekeepers(p) => match self.m.rotations.last_mut() {
                    Some(r) => r.timekeepers.extend(p.iter().cloned()),
                    None => self.m.timekeepers.extend(p.iter().cloned()),
                },
                Kind::Participants(p) => match self.m.rotations.last_mut() {
                    Some(r) => r.participants.extend(p.iter().cloned()),
                    None => self.m.participants.extend(p.iter().cloned()),
                },
                Kind::Facilitators(names) if in_preamble => {
                    for n in names {
                        push_unique(&mut self.m.facilitators, n);
                    }
                }
                _ => {
                    if in_preamble && self.title.is_none() && has_alnum(line.text) {
                        self.title = Some(title_text(line.text));
                        self.meteo = mentions_meteo(line.text);
                        continue;
                    }
                    if self.meteo
                        && let Some(w) = weather_entry(line.text)
                    {
                        self.m.weather.push(w);
                    } else if mentions_meteo(line.text) {
                        self.meteo = true;
                    }
                }
            }
            self.push(line.text);
        }
        let mut m = self.m;
        m.title = self.title.unwrap_or_else(|| DEFAULT_TITLE.to_string());
        for lines in
            std::iter::once(&mut m.preamble).chain(m.rotations.iter_mut().map(|r| &mut r.lines))
        {
            while lines.last().is_some_and(Option::is_none) {
                lines.pop();
            }
        }
        m
    }

    fn current(&mut self) -> &mut Rotation {
        // Only called when a rotation is open.
        let last = self.m.rotations.len() - 1;
        &mut self.m.rotations[last]
    }

    fn lines(&mut self) -> &mut Vec<Option<String>> {
        match self.m.rotations.last_mut() {
            Some(r) => &mut r.lines,
            None => &mut self.m.preamble,
        }
    }

    fn push(&mut self, text: &str) {
        self.lines().push(Some(text.to_string()));
    }

    fn blank(&mut self) {
        let lines = self.lines();
        if lines.last().is_some_and(Option::is_some) {
            lines.push(None);
        }
    }

    fn open(&mut self, h: Header, heading: &str) {
        let pending = if h.slot.is_none() {
            self.pending.take()
        } else {
            None
        };
        let (start, end) = match (&h.slot, &pending) {
            (Some((s, e)), _) | (None, Some((s, e, _))) => (Some(s.clone()), Some(e.clone())),
            _ => (None, None),
        };
        self.meteo = mentions_meteo(&h.title);
        self.m.rotations.push(Rotation {
            number: h.number,
            title: h.title,
            start,
            end,
            is_break: h.is_break,
            heading: heading.to_string(),
            ..Rotation::default()
        });
        if let Some((_, _, line)) = pending {
            self.push(&line);
        }
        self.just_opened = true;
    }
}

fn mentions_meteo(s: &str) -> bool {
    fold_words(s).iter().any(|w| w == "meteo" || w == "meteos")
}

/// The title line without Markdown heading marks and bold.
fn title_text(line: &str) -> String {
    visible(strip_heading_marks(line))
}

fn strip_heading_marks(line: &str) -> &str {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t']) {
        line[hashes..].trim_start()
    } else {
        line
    }
}

/// At most about 80 characters, cut at a space.
fn short_title(s: &str) -> String {
    if s.chars().count() <= 80 {
        return s.to_string();
    }
    let cut = s.char_indices().nth(80).map_or(s.len(), |(i, _)| i);
    let head = &s[..cut];
    let head = head.rfind(' ').map_or(head, |i| &head[..i]);
    format!("{}…", head.trim_end())
}

// ---------------------------------------------------------------------------
// Writing the page

/// Writes the minutes page: YAML front matter in the generator's format
/// (see `frontmatter.rs`), then the pad's lines as Markdown text, each
/// rotation under its own `##` heading (the pad's line, as written).
/// `date` defaults to the date found in the pad.
pub fn to_markdown(m: &PadMinutes, date: Option<&str>) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", yaml_quote(&m.title));
    if let Some(d) = date.or(m.date.as_deref()) {
        let _ = writeln!(out, "date: {}", yaml_quote(d));
    }
    out.push_str("kind: minutes\n");
    let _ = writeln!(out, "facilitators: {}", yaml_list(&m.facilitators));
    let _ = writeln!(out, "scribes: {}", yaml_list(&m.all_scribes()));
    let _ = writeln!(out, "timekeepers: {}", yaml_list(&m.all_timekeepers()));
    let _ = writeln!(out, "participants: {}", yaml_list(&m.all_participants()));
    if m.rotations.is_empty() {
        out.push_str("rotations: []\n");
    } else {
        out.push_str("rotations:\n");
    }
    for r in &m.rotations {
        match r.number {
            Some(n) => {
                let _ = writeln!(out, "  - number: {n}\n    title: {}", yaml_quote(&r.title));
            }
            None => {
                let _ = writeln!(out, "  - title: {}", yaml_quote(&r.title));
            }
        }
        for (key, value) in [("start", &r.start), ("end", &r.end)] {
            if let Some(v) = value {
                let _ = writeln!(out, "    {key}: {}", yaml_quote(v));
            }
        }
        let _ = writeln!(out, "    break: {}", r.is_break);
        if !r.is_break {
            let _ = writeln!(out, "    scribes: {}", yaml_list(&named(r.scribes.iter())));
            let _ = writeln!(
                out,
                "    timekeepers: {}",
                yaml_list(&named(r.timekeepers.iter()))
            );
        }
        if !r.participants.is_empty() {
            let _ = writeln!(out, "    participants: {}", yaml_list(&r.participants));
        }
    }
    if m.weather.is_empty() {
        out.push_str("weather: []\n");
    } else {
        out.push_str("weather:\n");
    }
    for w in &m.weather {
        let _ = writeln!(
            out,
            "  - {{ who: {}, weather: {}, comment: {} }}",
            yaml_quote(&w.who),
            yaml_quote(&w.weather),
            yaml_quote(&w.comment)
        );
    }
    out.push_str("---\n");
    write_lines(&mut out, &m.preamble);
    for r in &m.rotations {
        let _ = write!(
            out,
            "\n## {}\n",
            escape_markdown(strip_heading_marks(&r.heading))
        );
        write_lines(&mut out, &r.lines);
    }
    out
}

/// Consecutive lines form one paragraph with hard line breaks; a blank
/// line ends the paragraph.
fn write_lines(out: &mut String, lines: &[Option<String>]) {
    let mut in_paragraph = false;
    for line in lines {
        match line {
            Some(text) => {
                out.push_str(if in_paragraph { "\\\n" } else { "\n" });
                out.push_str(&escape_markdown(text));
                in_paragraph = true;
            }
            None => {
                if in_paragraph {
                    out.push('\n');
                }
                in_paragraph = false;
            }
        }
    }
    if in_paragraph {
        out.push('\n');
    }
}

/// A YAML double-quoted scalar: `\` and `"` escaped, and every character
/// YAML does not allow raw (controls, line and paragraph separators, BOM,
/// U+FFFE/U+FFFF) written as an escape.
pub fn yaml_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' '
                || ('\u{7f}'..='\u{9f}').contains(&c)
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML flow list of quoted strings.
pub fn yaml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| yaml_quote(s)).collect();
    format!("[{}]", quoted.join(", "))
}

/// Escapes one line of pad text so that CommonMark (with the GFM extensions
/// playbook enables) shows it as typed: every ASCII punctuation character
/// that can open markup is backslash-escaped; block markers that only count
/// at the start of a line (`-`, `+`, `=`, `:`, `1.`, `1)`) are escaped there;
/// `://`, `www.` and `@` are broken so that no autolink appears. Balanced
/// `**bold**` spans around a word and bare `http(s)://` URLs (written as
/// `<…>` autolinks) keep their meaning. Leading and trailing whitespace is
/// dropped, so a line can never become an indented code block.
pub fn escape_markdown(line: &str) -> String {
    let line = trim(line);
    let mut out = String::with_capacity(line.len() + line.len() / 4 + 4);
    let mut i = 0;
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        out.push_str(&line[..digits]);
        out.push('\\');
        i = digits;
    } else if let Some(c @ ('-' | ':')) = line.chars().next() {
        // `+` and `=` are escaped everywhere below.
        out.push('\\');
        out.push(c);
        i = 1;
    }
    while i < line.len() {
        let rest = &line[i..];
        let prev = line[..i].chars().next_back();
        let at_word_start = match prev {
            None => true,
            // `[text](http://…)`: the target of a neutralised link stays text.
            Some('(') => !line[..i - 1].ends_with(']'),
            Some(c) => c.is_whitespace() || "[\"'«<".contains(c),
        };
        if at_word_start && let Some(n) = url_len(rest) {
            out.push('<');
            out.push_str(&rest[..n]);
            out.push('>');
            i += n;
            continue;
        }
        if prev != Some('*')
            && let Some(n) = bold_len(rest)
        {
            out.push_str("**");
            escape_inline(&mut out, &rest[2..2 + n]);
            out.push_str("**");
            i += n + 4;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        escape_char(&mut out, c, &line[..i], &rest[c.len_utf8()..]);
        i += c.len_utf8();
    }
    out
}

fn escape_inline(out: &mut String, s: &str) {
    for (i, c) in s.char_indices() {
        escape_char(out, c, &s[..i], &s[i + c.len_utf8()..]);
    }
}

fn escape_char(out: &mut String, c: char, before: &str, after: &str) {
    let escape = match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '{' | '}' | '#'
        | '$' | '^' | '=' | '+' | '@' => true,
        ':' => after.starts_with("//"),
        '.' => {
            before.len() >= 3
                && before.is_char_boundary(before.len() - 3)
                && before[before.len() - 3..].eq_ignore_ascii_case("www")
        }
        _ => false,
    };
    if escape {
        out.push('\\');
    }
    out.push(c);
}

/// Length of a bare `http(s)://` URL opening `s`, trailing punctuation and
/// unbalanced closing brackets excluded.
fn url_len(s: &str) -> Option<usize> {
    let scheme = ["https://", "http://"].iter().find(|p| {
        s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
    })?;
    let mut end = s
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
        .map_or(s.len(), |(i, _)| i);
    let (open, mut close) = (s[..end].matches('(').count(), s[..end].matches(')').count());
    while let Some(last) = s[..end].chars().next_back() {
        let unbalanced = last == ')' && open < close;
        if !(".,;:!?'*_~".contains(last) || unbalanced) {
            break;
        }
        if last == ')' {
            close -= 1;
        }
        end -= last.len_utf8();
    }
    (end > scheme.len()).then_some(end)
}

/// Length of the text inside a `**bold**` span opening `s`, when it is
/// plainly meant: no `*` inside, a letter or digit at both ends, not
/// followed by another `*`.
fn bold_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix("**")?;
    let n = inner.find("**")?;
    let text = &inner[..n];
    let ok = !text.contains('*')
        && text.chars().next().is_some_and(char::is_alphanumeric)
        && text.chars().next_back().is_some_and(char::is_alphanumeric)
        && !inner[n + 2..].starts_with('*');
    ok.then_some(n)
}

#[cfg(test)]
mod tests;
