//! Files of `content/` that a browser would run as script if they were
//! published beside the pages: HTML and JavaScript files, and SVG drawings
//! or XML documents carrying script (`<script>`, `on…=` handlers,
//! `javascript:` URLs, frames…; draw.io's `<foreignObject>` text is fine).
//! Opened from the site, they would run with the intranet site's rights, so
//! they are refused unless the site trusts its authors with raw HTML
//! (`[markdown] unsafe_html = true`).
//!
//! `scan_svg` is pure; `check` reads the SVG files (an I/O edge, called by
//! `build` next to `load`).

use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, line_col};
use crate::load::Asset;

/// Extensions a browser runs or renders as a document with scripts.
const ACTIVE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "xsl", "xslt",
];

/// XML documents a browser renders (and whose script it runs): checked like
/// SVG drawings rather than refused, since open data is often XML.
const SCANNED_EXTENSIONS: &[&str] = &["svg", "xml"];

/// Elements that run or embed script, with or without a namespace prefix
/// (`<svg:script>`, `<h:script xmlns:h="…xhtml">`).
const ACTIVE_ELEMENTS: &[(&str, &str)] = &[
    ("script", "a <script> element"),
    ("iframe", "an <iframe> element"),
    ("embed", "an <embed> element"),
    ("object", "an <object> element"),
    ("handler", "a <handler> element"),
];

/// What in an SVG makes it active (lower-case needles).
const SVG_NEEDLES: &[(&str, &str)] = &[
    ("<!entity", "an XML entity declaration"),
    (
        "<?xml-stylesheet",
        "a style sheet instruction (XSLT can write script)",
    ),
    ("javascript:", "a `javascript:` URL"),
    ("vbscript:", "a `vbscript:` URL"),
    ("data:text/html", "an embedded HTML document"),
];

fn extension(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}

/// The byte offset and a description of the first active thing in an SVG
/// document, if any. Case-insensitive; entity-encoded `javascript:` is
/// caught too, since XML decodes entities in attribute values.
pub fn scan_svg(text: &str) -> Option<(usize, &'static str)> {
    let lower = text.to_ascii_lowercase();
    let mut first: Option<(usize, &'static str)> = None;
    let mut keep = |at: usize, what: &'static str| {
        if first.is_none_or(|(f, _)| at < f) {
            first = Some((at, what));
        }
    };
    for (needle, what) in SVG_NEEDLES {
        if let Some(at) = lower.find(needle) {
            keep(at, what);
        }
    }
    // Event handler attributes: `on…=` after whitespace, inside a tag; and
    // active elements, prefixed or not.
    let b = lower.as_bytes();
    let mut in_tag = false;
    for i in 0..b.len() {
        match b[i] {
            b'<' => {
                in_tag = true;
                let name_len = b[i + 1..]
                    .iter()
                    .take_while(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, b':' | b'-' | b'_' | b'.')
                    })
                    .count();
                let name = &lower[i + 1..i + 1 + name_len];
                let local = name.rsplit(':').next().unwrap_or(name);
                if let Some((_, what)) = ACTIVE_ELEMENTS.iter().find(|(e, _)| *e == local) {
                    keep(i, what);
                }
            }
            b'>' => in_tag = false,
            c if in_tag && (c.is_ascii_whitespace() || c == b'/' || c == b'"' || c == b'\'') => {
                let rest = &b[i + 1..];
                if rest.starts_with(b"on") {
                    let name_len = rest[2..]
                        .iter()
                        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
                        .count();
                    let after = rest[2 + name_len..]
                        .iter()
                        .find(|c| !c.is_ascii_whitespace());
                    if name_len > 0 && after == Some(&b'=') {
                        keep(i + 1, "an event handler attribute (`on…=`)");
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    // Entity-encoded schemes (`&#106;avascript:`): decode the few characters
    // a scheme is made of and look again.
    if lower.contains("&#") {
        let decoded = decode_numeric_entities(&lower);
        if decoded.contains("javascript:") || decoded.contains("vbscript:") {
            let at = lower.find("&#").unwrap_or(0);
            keep(at, "an entity-encoded `javascript:` URL");
        }
    }
    first
}

fn decode_numeric_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("&#") {
        out.push_str(&rest[..i]);
        rest = &rest[i + 2..];
        let (hex, digits) = match rest.strip_prefix('x') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let n = digits.bytes().take_while(|c| c.is_ascii_hexdigit()).count();
        let code = if hex {
            u32::from_str_radix(&digits[..n], 16).ok()
        } else {
            digits[..n].parse().ok()
        };
        match code.and_then(char::from_u32) {
            Some(c) if n > 0 => {
                out.extend(c.to_lowercase());
                rest = &digits[n..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
            }
            _ => out.push_str("&#"),
        }
    }
    out.push_str(rest);
    out
}

/// One error per active file of `assets`, unless `unsafe_html` trusts them.
pub fn check(assets: &[Asset], unsafe_html: bool) -> Vec<Diagnostic> {
    if unsafe_html {
        return vec![];
    }
    let mut diags = vec![];
    for a in assets {
        let ext = extension(&a.rel);
        let shown = PathBuf::from("content").join(&a.rel);
        if ACTIVE_EXTENSIONS.contains(&ext.as_str()) {
            diags.push(
                Diagnostic::error(
                    shown,
                    0,
                    0,
                    format!("a `.{ext}` file is not published: a browser would run the script it may hold on the site"),
                )
                .with_help("move it out of content/, or show its text in a page inside a ``` code block (sites that trust their authors may set `unsafe_html = true` under [markdown] in playbook.toml)"),
            );
        } else if SCANNED_EXTENSIONS.contains(&ext.as_str()) || ext == "svgz" {
            let bytes = match std::fs::read(&a.abs) {
                Ok(b) => b,
                Err(e) => {
                    diags.push(Diagnostic::error(shown, 0, 0, format!("cannot read: {e}")));
                    continue;
                }
            };
            if ext == "svgz" {
                diags.push(
                    Diagnostic::error(shown, 0, 0, "a compressed `.svgz` drawing cannot be checked for script, so it is not published")
                        .with_help("save the drawing as plain `.svg`"),
                );
                continue;
            }
            let text = String::from_utf8_lossy(&bytes);
            if let Some((at, what)) = scan_svg(&text) {
                let (line, col) = line_col(&text, at);
                diags.push(
                    Diagnostic::error(
                        shown,
                        line,
                        col,
                        if ext == "svg" {
                            format!("this SVG drawing holds {what}: a browser would run it on the site")
                        } else {
                            format!("this XML file holds {what}: a browser would run it on the site")
                        },
                    )
                    .with_help("remove the script from the drawing (in Inkscape: File › Save a copy… › Optimised SVG, or export it as PNG)"),
                );
            }
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drawings_pass() {
        let svg = r##"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://example.org/"><text x="1" font-family="one">Réunion, onze heures</text></a><rect style="fill:#fff"/></svg>"##;
        assert_eq!(scan_svg(svg), None);
    }

    #[test]
    fn draw_io_text_passes() {
        // draw.io writes its labels as HTML in <foreignObject>: no script.
        let svg = r#"<svg><foreignObject><div xmlns="http://www.w3.org/1999/xhtml" style="display: flex"><div>Étape 1</div></div></foreignObject></svg>"#;
        assert_eq!(scan_svg(svg), None);
    }

    #[test]
    fn active_drawings_are_caught() {
        for (svg, what) in [
            ("<svg><script>alert(1)</script></svg>", "<script>"),
            ("<svg><SCRIPT>alert(1)</SCRIPT></svg>", "<script>"),
            (
                "<svg:svg><svg:script>alert(1)</svg:script></svg:svg>",
                "<script>",
            ),
            (
                "<d><h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></d>",
                "<script>",
            ),
            ("<?xml-stylesheet href=\"x.xsl\"?><d/>", "style sheet"),
            ("<svg onload=\"alert(1)\"/>", "event handler"),
            ("<svg><rect\nONCLICK = 'x'/></svg>", "event handler"),
            (
                "<svg><a href=\"javascript:alert(1)\">x</a></svg>",
                "`javascript:`",
            ),
            (
                "<svg><a xlink:href=\"&#106;avascript&#x3A;alert(1)\">x</a></svg>",
                "entity-encoded",
            ),
            (
                "<svg><foreignObject><iframe/></foreignObject></svg>",
                "<iframe>",
            ),
            (
                "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg/>",
                "entity declaration",
            ),
        ] {
            let found = scan_svg(svg).map(|(_, w)| w);
            assert!(found.is_some_and(|w| w.contains(what)), "{svg}: {found:?}");
        }
    }

    #[test]
    fn the_first_problem_is_reported() {
        let svg = "<svg>\n<rect/>\n<g onclick=\"x\"><script>y</script></g></svg>";
        let (at, what) = scan_svg(svg).unwrap();
        assert_eq!(line_col(svg, at).0, 3);
        assert!(what.contains("event handler"), "{what}");
    }
}
