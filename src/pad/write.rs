//! Writing the minutes page: the front matter holds what the parser
//! recognised, the body every line of the pad, each rotation under its own
//! `##` heading, each line escaped by `escape` so that it shows as typed;
//! bulleted lines (`- `, `* `, `• `) stay list items, their text escaped.
//! The front matter is written by serde-saphyr through `crate::yaml`.

use std::fmt::Write;

use serde::Serialize;

use super::assemble::strip_heading_marks;
use super::escape::escape_markdown;
use super::{PadMinutes, Rotation, WeatherEntry, named};
use crate::yaml::{FlowMap, Quoted, QuotedList, quoted, quoted_list};

/// Writes the minutes page: YAML front matter in the generator's format
/// (see `frontmatter.rs`), then the pad's lines as Markdown text, each
/// rotation under its own `##` heading (the pad's line, as written).
/// `date` defaults to the date found in the pad.
pub fn to_markdown(m: &PadMinutes, date: Option<&str>) -> String {
    let front = Front {
        title: quoted(&m.title),
        date: date.or(m.date.as_deref()).map(quoted),
        kind: "minutes",
        facilitators: quoted_list(&m.facilitators),
        scribes: quoted_list(&m.all_scribes()),
        timekeepers: quoted_list(&m.all_timekeepers()),
        participants: quoted_list(&m.all_participants()),
        rotations: m.rotations.iter().map(RotationFront::new).collect(),
        weather: m.weather.iter().map(WeatherFront::new).collect(),
    };
    let mut out = format!("---\n{}---\n", crate::yaml::to_string(&front));
    write_lines(&mut out, &m.preamble, None);
    // f-actions: who took part, for the lines of the next steps that name them.
    let mut names: Vec<String> = m.facilitators.clone();
    names.extend(m.all_scribes());
    names.extend(m.all_participants());
    names.retain(|n| {
        let k = crate::text::match_key(n);
        !k.is_empty()
            && !["tous", "groupe", "collaboratif", "personne"]
                .iter()
                .any(|g| k.contains(g))
    });
    for r in &m.rotations {
        let _ = write!(
            out,
            "\n## {}\n",
            escape_markdown(strip_heading_marks(&r.heading))
        );
        let actions = super::actions::is_actions_part(&r.heading, &r.title).then_some(&names[..]);
        write_lines(&mut out, &r.lines, actions);
    }
    out
}

/// The front matter of a minutes page, in the order it is written.
#[derive(Serialize)]
struct Front {
    title: Quoted,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<Quoted>,
    kind: &'static str,
    facilitators: QuotedList,
    scribes: QuotedList,
    timekeepers: QuotedList,
    participants: QuotedList,
    rotations: Vec<RotationFront>,
    weather: Vec<FlowMap<WeatherFront>>,
}

/// A rotation in the front matter: a break has no roles, and people left
/// unknown (`?`) are not written.
#[derive(Serialize)]
struct RotationFront {
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<u32>,
    title: Quoted,
    #[serde(skip_serializing_if = "Option::is_none")]
    start: Option<Quoted>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end: Option<Quoted>,
    #[serde(rename = "break")]
    is_break: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    scribes: Option<QuotedList>,
    #[serde(skip_serializing_if = "Option::is_none")]
    timekeepers: Option<QuotedList>,
    #[serde(skip_serializing_if = "Option::is_none")]
    participants: Option<QuotedList>,
}

impl RotationFront {
    fn new(r: &Rotation) -> Self {
        let roles = |people| (!r.is_break).then(|| quoted_list(&named(people)));
        RotationFront {
            number: r.number,
            title: quoted(&r.title),
            start: r.start.as_deref().map(quoted),
            end: r.end.as_deref().map(quoted),
            is_break: r.is_break,
            scribes: roles(r.scribes.iter()),
            timekeepers: roles(r.timekeepers.iter()),
            participants: (!r.participants.is_empty()).then(|| quoted_list(&r.participants)),
        }
    }
}

/// One weather answer, written on one line.
#[derive(Serialize)]
struct WeatherFront {
    who: Quoted,
    weather: Quoted,
    comment: Quoted,
}

impl WeatherFront {
    fn new(w: &WeatherEntry) -> FlowMap<Self> {
        FlowMap(WeatherFront {
            who: quoted(&w.who),
            weather: quoted(&w.weather),
            comment: quoted(&w.comment),
        })
    }
}

/// What a run of pad lines becomes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Paragraph,
    List,
}

/// Consecutive lines form one paragraph with hard line breaks, or one list
/// when they are bulleted (`- `, `* `, `• `); a blank line ends either.
/// In a part of next steps (`actions`: the workshop's people), a line that
/// names a person or a date becomes a task-list item (`super::actions`).
fn write_lines(out: &mut String, lines: &[Option<String>], actions: Option<&[String]>) {
    let mut open: Option<Block> = None;
    for line in lines {
        let Some(text) = line else {
            if open.is_some() {
                out.push('\n');
            }
            open = None;
            continue;
        };
        let task = actions.and_then(|names| super::actions::marks(text, names));
        let item = list_item(text).or(task.as_ref().map(|_| text.as_str()));
        let block = if item.is_some() {
            Block::List
        } else {
            Block::Paragraph
        };
        out.push_str(match (open, block) {
            (None, _) => "\n",
            (Some(Block::Paragraph), Block::Paragraph) => "\\\n",
            (Some(Block::List), Block::List) => "\n",
            // A paragraph line would continue the last item: a blank line.
            _ => "\n\n",
        });
        match item {
            Some(item) => {
                out.push_str("- ");
                if task.is_some() {
                    out.push_str("[ ] ");
                }
                out.push_str(&escape_markdown(item));
                if let Some(t) = &task {
                    out.push_str(t);
                }
            }
            None => out.push_str(&escape_markdown(text)),
        }
        open = Some(block);
    }
    if open.is_some() {
        out.push('\n');
    }
}

/// The text of a bulleted line, without its bullet: `- idée` gives `idée`.
fn list_item(line: &str) -> Option<&str> {
    let rest = ["- ", "* ", "• "]
        .iter()
        .find_map(|bullet| line.strip_prefix(bullet))?;
    let rest = super::lines::trim(rest);
    (!rest.is_empty()).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{MarkdownOptions, render};
    use crate::pad::{Person, Rotation, WeatherEntry, parse_pad};

    const SEED: &str = include_str!("../../tests/fixtures/pads/seed.txt");

    fn named(s: &str) -> Person {
        Person::Named(s.to_string())
    }

    #[test]
    fn yaml_strings_round_trip() {
        let nasty = [
            "simple",
            "a: b # c",
            "\"quoted\" and 'single'",
            "back\\slash \\n",
            "tab\tnew\nline\rcr",
            // No NUL: a pad holding one is refused as binary.
            "\u{1}\u{7}\u{1b}\u{7f}\u{85}\u{9f}",
            "\u{2028}\u{2029}\u{feff}\u{fffe}\u{ffff}",
            "- item",
            "[list]",
            "{map: 1}",
            "&anchor *alias !tag |block >folded %directive @at `tick`",
            "---",
            "...",
            "yes",
            "null",
            "~",
            "0x1F",
            "😀 emoji 🌧️",
            " leading and trailing ",
            "",
        ];
        for s in nasty {
            let m = PadMinutes {
                title: format!("T {s}"),
                facilitators: vec![s.to_string()],
                rotations: vec![Rotation {
                    number: Some(1),
                    title: s.to_string(),
                    start: Some(s.to_string()),
                    scribes: vec![named(s), Person::Unknown],
                    heading: s.to_string(),
                    ..Rotation::default()
                }],
                weather: vec![WeatherEntry {
                    who: s.to_string(),
                    weather: s.to_string(),
                    comment: s.to_string(),
                }],
                ..PadMinutes::default()
            };
            let md = to_markdown(&m, Some(s));
            let split = crate::frontmatter::split(&md, std::path::Path::new("x.md"))
                .unwrap_or_else(|e| panic!("{s:?}: {:?}\n{md}", e[0]));
            let f = split.front;
            assert_eq!(f.title.as_deref(), Some(format!("T {s}").as_str()));
            assert_eq!(f.date.as_deref(), Some(s));
            assert_eq!(f.facilitators, [s]);
            assert_eq!(f.rotations[0].title, s);
            assert_eq!(f.rotations[0].start.as_deref(), Some(s));
            assert_eq!(f.rotations[0].scribes, [s], "unknowns are not written");
            let w = &f.extra["weather"][0];
            assert_eq!(w["who"], s);
            assert_eq!(w["comment"], s);
        }
    }

    #[test]
    fn bulleted_lines_stay_list_items_escaped_inside() {
        let lines: Vec<Option<String>> = [
            Some("Ce qui marche :"),
            Some("- les **cafés** projets"),
            Some("* le [[wiki]] <b>interne</b>"),
            Some("• - [ ] pas une case"),
            Some("suite"),
            Some("-"),
            None,
            Some("- # pas un titre"),
        ]
        .iter()
        .map(|l| l.map(str::to_string))
        .collect();
        let mut md = String::new();
        write_lines(&mut md, &lines, None);
        let html = render(&md, 0, MarkdownOptions::default()).html;
        assert_eq!(
            html,
            "<p>Ce qui marche :</p>\n\
             <ul>\n\
             <li>les <strong>cafés</strong> projets</li>\n\
             <li>le [[wiki]] &lt;b&gt;interne&lt;/b&gt;</li>\n\
             <li>- [ ] pas une case</li>\n\
             </ul>\n\
             <p>suite<br />\n\
             -</p>\n\
             <ul>\n\
             <li># pas un titre</li>\n\
             </ul>\n",
            "{md}"
        );
    }

    #[test]
    fn the_page() {
        let m = parse_pad(SEED).unwrap();
        let md = to_markdown(&m, None);
        let split = crate::frontmatter::split(&md, std::path::Path::new("x.md")).unwrap();
        assert_eq!(
            split.front.kind,
            Some(crate::frontmatter::PageKind::Minutes)
        );
        assert_eq!(split.front.date, None, "no date in the seed");
        assert_eq!(split.front.rotations.len(), 5);
        assert!(split.front.rotations[2].is_break);
        assert_eq!(split.front.rotations[1].scribes, ["Célia"]);
        assert_eq!(
            split.front.extra["weather"][1]["weather"],
            "soleil avec un peu de nuages"
        );
        assert!(md.contains(
            "\n## Rotation \\#1 - ORIGINES \\& FINALITES\n\n14h35 - 14h55\n\nD'où vient"
        ));
        assert!(md.contains("\n## 15h20 - 15h40 \\| Pause\n\nEloignez"));
        // Lines typed one after the other stay apart.
        assert!(md.contains("souhaité\\\nimportant de valoriser"));
        let html = render(split.body, 0, MarkdownOptions::default()).html;
        assert_eq!(html.matches("<h2").count(), 5);
        assert!(html.contains("<strong>Florence Mensah et Anne Berlemont</strong>"));
    }
}
