//! Writing the minutes page: the front matter holds what the parser
//! recognised, the body every line of the pad, each rotation under its own
//! `##` heading, each line escaped by `escape` so that it shows as typed.

use std::fmt::Write;

use super::assemble::strip_heading_marks;
use super::escape::escape_markdown;
use super::{PadMinutes, named};

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
                .unwrap_or_else(|e| panic!("{s:?}: {}\n{md}", e[0]));
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
