//! The assembler: walks the classified lines in pad order and builds the
//! [`PadMinutes`]. It opens a rotation at each heading (a slot line joins
//! the heading before or after it, whichever the pad does more often),
//! files role lines under the open rotation or the whole workshop, takes the
//! title, the date and the weather answers, and keeps every line.

use super::dates::find_date;
use super::lines::{Kind, Line, fold_words, has_alnum, visible};
use super::meteo::weather_entry;
use super::rotations::Header;
use super::{DEFAULT_TITLE, PadMinutes, Rotation, push_unique};

#[derive(Default)]
pub(super) struct Assembler {
    m: PadMinutes,
    title: Option<String>,
    /// A slot line waiting for the heading that follows it.
    pending: Option<(String, String, String)>,
    meteo: bool,
    /// The previous non-blank line opened the current rotation.
    just_opened: bool,
}

impl Assembler {
    pub(super) fn run(mut self, lines: &[Option<Line<'_>>]) -> PadMinutes {
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
                            .map_or_else(|| visible(line.text), |l| short_title(&visible(l.text)));
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

pub(super) fn strip_heading_marks(line: &str) -> &str {
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
