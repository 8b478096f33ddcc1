//! The HTML re-scanner: cuts a page's rendered body into heading sections
//! of plain text, one search document each (first stage of the index, see
//! [`super`]). Tags are dropped (a space for block tags), entities decoded,
//! scripts, styles and link placeholders skipped; a heading's `id` becomes
//! the section's anchor.

use crate::markdown::{CLOSE, OPEN, SEP};

/// One heading section of a page.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Part {
    /// The heading's id (`""` for the text before the first heading).
    pub anchor: String,
    pub heading: String,
    pub text: String,
}

/// Cuts a page's body HTML (with link placeholders) into heading sections
/// of plain text. Tags are dropped, entities decoded, white space collapsed.
pub fn sections(html: &str) -> Vec<Part> {
    let mut text = String::new();
    raw_sections(html, &mut text)
        .into_iter()
        .map(|p| Part {
            anchor: p.anchor,
            heading: p.heading,
            text: collapse(&text[p.text], usize::MAX),
        })
        .collect()
}

/// A heading section as [`raw_sections`] reads it: its text is a range of
/// the buffer all the sections of a page share.
pub(super) struct RawPart {
    pub(super) anchor: String,
    pub(super) heading: String,
    pub(super) text: std::ops::Range<usize>,
}

/// The text of `raw` with white space collapsed and trimmed, cut to at most
/// `max` bytes (at a character boundary). Only as much of `raw` as needed is read.
pub(super) fn collapse(raw: &str, max: usize) -> String {
    let mut out = String::with_capacity(raw.len().min(max.saturating_add(48)));
    for word in raw.split_ascii_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > max {
            let mut end = max;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            return out;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// [`sections`] with the text as found, only headings collapsed: the
/// analyzer splits words at any white space, and [`collapse`] tidies the
/// excerpt of each section, which saves collapsing the whole text. The text
/// is appended to `text` (one buffer for the page, reused from page to
/// page); the first section starts at its start, so text already there
/// (the description) belongs to it.
pub(super) fn raw_sections(html: &str, text: &mut String) -> Vec<RawPart> {
    let mut parts = vec![RawPart {
        anchor: String::new(),
        heading: String::new(),
        text: 0..0,
    }];
    let mut in_heading = false;
    let mut i = 0;
    let b = html.as_bytes();
    while i < html.len() {
        let cur = parts.last_mut().expect("one part at least");
        let buf = if in_heading {
            &mut cur.heading
        } else {
            &mut *text
        };
        match b[i] {
            b'<' => {
                let end = html[i..].find('>').map_or(html.len(), |e| i + e);
                let tag = &html[i + 1..end];
                let bare = tag.trim_start_matches('/');
                let name = &bare[..bare
                    .bytes()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .unwrap_or(bare.len())];
                let closing = tag.starts_with('/');
                let heading = name.len() == 2
                    && (name.starts_with('h') || name.starts_with('H'))
                    && (b'1'..=b'6').contains(&name.as_bytes()[1]);
                i = end + 1;
                if heading && !closing {
                    in_heading = true;
                    cur.text.end = text.len();
                    parts.push(RawPart {
                        anchor: attr(tag, "id").unwrap_or_default(),
                        heading: String::new(),
                        text: text.len()..text.len(),
                    });
                } else if heading {
                    in_heading = false;
                } else if !closing
                    && (name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style"))
                {
                    let close = format!("</{}", name.to_ascii_lowercase());
                    i = html[i..].find(&close).map_or(html.len(), |e| i + e);
                } else if !INLINE.iter().any(|t| t.eq_ignore_ascii_case(name)) {
                    buf.push(' ');
                }
            }
            b'&' => {
                let end = html[i..]
                    .char_indices()
                    .take(12)
                    .find(|&(_, c)| c == ';')
                    .map(|(e, _)| i + e);
                match end.and_then(|e| entity(&html[i + 1..e]).map(|c| (e, c))) {
                    Some((e, c)) => {
                        buf.push_str(c.encode_utf8(&mut [0; 4]));
                        i = e + 1;
                    }
                    None => {
                        buf.push('&');
                        i += 1;
                    }
                }
            }
            _ => {
                let rest = &html[i..];
                let c = rest.chars().next().unwrap_or(' ');
                if c == OPEN || c == CLOSE {
                    // A link placeholder: `\u{E000}N\u{E001}`.
                    i += rest.find(SEP).map_or(rest.len(), |e| e + SEP.len_utf8());
                    continue;
                }
                // `<`, `&`, or the first byte of a placeholder character.
                // (Lead bytes, so always at a character boundary.)
                let run = memchr::memchr3(b'<', b'&', PLACEHOLDER_LEAD, &rest.as_bytes()[1..])
                    .map_or(rest.len(), |e| e + 1)
                    .max(c.len_utf8());
                buf.push_str(&rest[..run]);
                i += run;
            }
        }
    }
    if let Some(last) = parts.last_mut() {
        last.text.end = text.len();
    }
    for p in &mut parts {
        p.heading = collapse(&p.heading, usize::MAX).trim_start().to_string();
    }
    parts
}

/// The first UTF-8 byte of the link placeholder characters (checked by a test).
pub(super) const PLACEHOLDER_LEAD: u8 = 0xEE;

/// Tags inside words: no space is added in their place.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "code", "del", "em", "i", "kbd", "mark", "s", "small", "span", "strong",
    "sub", "sup", "u",
];

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    })
}

/// The value of attribute `name="…"` in a tag.
fn attr(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let start = tag.find(&needle)? + needle.len();
    let end = tag[start..].find('"')? + start;
    let mut out = String::new();
    let v = &tag[start..end];
    let mut i = 0;
    while i < v.len() {
        if v.as_bytes()[i] == b'&'
            && let Some(e) = v[i..].find(';')
            && let Some(c) = entity(&v[i + 1..i + e])
        {
            out.push(c);
            i += e + 1;
            continue;
        }
        let c = v[i..].chars().next()?;
        out.push(c);
        i += c.len_utf8();
    }
    Some(out)
}
