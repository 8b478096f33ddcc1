//! Files of `content/` that a browser would run as script if they were
//! published beside the pages: HTML and JavaScript files, and SVG drawings
//! or XML documents carrying script. Opened from the site, they would run
//! with the intranet site's rights, so they are not published as they are
//! unless the site trusts its authors with raw HTML
//! (`[markdown] unsafe_html = true`).
//!
//! Drawings and XML documents are judged on their parsed tree
//! (`crate::svg`), never on their text. A drawing is always published as
//! its re-serialisation through the allow-list, so what is published can
//! hold nothing the allow-list does not name; what would have run script is
//! left out with a warning (an error with `--strict`). An XML document is
//! published as it is, so one that would run script is refused.
//!
//! A refused file is left out of the site with a warning (an error with
//! `--strict`), like a faulty page: one file copied from another tool (a
//! theme's `main.html`, Obsidian Publish's `publish.js`) does not take the
//! site down. It is refused before the links are resolved, so a link to it
//! is a broken link, with no address leading nowhere.
//!
//! Pure: `load` reads the drawings' bytes.

use crate::messages::msg;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::{Diagnostic, line_col};
use crate::filetype::{ACTIVE_EXTENSIONS, SCANNED_EXTENSIONS, extension};
use crate::load::Asset;
use crate::svg;

/// The outcome of the check.
#[derive(Debug, Default)]
pub struct Screened {
    pub diagnostics: Vec<Diagnostic>,
    /// What to publish instead of the file's own bytes (the drawings'
    /// re-serialisations), by path relative to `content/`.
    pub published: HashMap<String, Arc<Vec<u8>>>,
    /// The files left out of the site, by path relative to `content/`.
    pub refused: BTreeSet<String>,
}

impl Screened {
    /// Leaves the refused files out, puts the re-serialised drawings in
    /// place of the files' own bytes, and gives back the diagnostics.
    pub fn apply(self, assets: &mut Vec<Asset>) -> Vec<Diagnostic> {
        assets.retain(|a| !self.refused.contains(&a.rel));
        for a in assets {
            if let Some(bytes) = self.published.get(&a.rel) {
                a.bytes = Some(bytes.clone());
            }
        }
        self.diagnostics
    }
}

/// Checks every asset; one warning per refused file, unless `unsafe_html`
/// trusts them (then drawings are published as they are).
pub fn check(assets: &[Asset], unsafe_html: bool) -> Screened {
    let mut out = Screened::default();
    if unsafe_html {
        return out;
    }
    for a in assets {
        let ext = extension(&a.rel);
        let shown = PathBuf::from("content").join(&a.rel);
        if ACTIVE_EXTENSIONS.contains(&ext.as_str()) {
            out.diagnostics.push(
                Diagnostic::warning(shown, 0, 0, msg!("active-file", ext = ext.as_str()))
                    .with_help(msg!("active-file-help")),
            );
            out.refused.insert(a.rel.clone());
            continue;
        }
        if !SCANNED_EXTENSIONS.contains(&ext.as_str()) {
            continue;
        }
        let Some(bytes) = &a.bytes else { continue };
        if ext == "svgz" {
            out.diagnostics.push(
                Diagnostic::warning(shown, 0, 0, msg!("active-svgz"))
                    .with_help(msg!("active-svgz-help")),
            );
            out.refused.insert(a.rel.clone());
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        let result = if ext == "svg" {
            svg::sanitize(&text).map(|s| {
                out.published
                    .insert(a.rel.clone(), Arc::new(s.svg.into_bytes()));
                s.findings
            })
        } else {
            svg::check_xml(&text)
        };
        let kind = if ext == "svg" { "svg" } else { "xml" };
        match result {
            Ok(findings) => {
                let Some(first) = findings.first() else {
                    continue;
                };
                let (line, col) = line_col(&text, first.at);
                let more = findings.len() - 1;
                out.diagnostics.push(if ext == "svg" {
                    // Published without it: the re-serialisation cannot hold it.
                    Diagnostic::warning(
                        shown,
                        line,
                        col,
                        msg!("active-in-svg", what = first.what.clone(), more = more),
                    )
                    .with_help(msg!("active-in-svg-help"))
                } else {
                    out.refused.insert(a.rel.clone());
                    Diagnostic::warning(
                        shown,
                        line,
                        col,
                        msg!("active-in-xml", what = first.what.clone(), more = more),
                    )
                    .with_help(msg!("active-in-xml-help"))
                });
            }
            Err(e) => {
                let (line, col) = line_col(&text, e.at);
                out.refused.insert(a.rel.clone());
                out.diagnostics.push(
                    Diagnostic::warning(
                        shown,
                        line,
                        col,
                        msg!("active-unreadable", kind = kind, reason = e.message),
                    )
                    .with_help(if ext == "svg" {
                        msg!("active-unreadable-svg-help")
                    } else {
                        msg!("active-unreadable-xml-help")
                    }),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn asset(rel: &str, text: &str) -> Asset {
        Asset {
            rel: rel.into(),
            abs: PathBuf::from("/nowhere").join(rel),
            bytes: Some(Arc::new(text.as_bytes().to_vec())),
        }
    }

    fn shown(s: &Screened) -> Vec<String> {
        s.diagnostics.iter().map(|d| d.render(Lang::En)).collect()
    }

    #[test]
    fn a_clean_drawing_is_published_re_serialised() {
        let s = check(
            &[asset(
                "a/dessin.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\"><!-- x --><rect width=\"1\"/></svg>",
            )],
            false,
        );
        assert_eq!(shown(&s), Vec::<String>::new());
        assert_eq!(
            String::from_utf8_lossy(&s.published["a/dessin.svg"]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\"/></svg>\n"
        );
    }

    #[test]
    fn an_active_drawing_is_published_without_it_and_a_warning_names_it() {
        let s = check(
            &[asset(
                "dessin.svg",
                "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<a href=\"java&#9;script:alert(1)\" onclick=\"x\"><text>x</text></a></svg>",
            )],
            false,
        );
        assert_eq!(
            shown(&s),
            [
                "content/dessin.svg:3:4: warning: this SVG drawing holds a `javascript:` URL in `href` (and 1 more thing that runs script), which a browser would run: the published copy leaves it out\n  help: remove it from the drawing (in Inkscape: File › Save a copy… › Optimised SVG), or export the drawing as PNG"
            ]
        );
        assert_eq!(
            String::from_utf8_lossy(&s.published["dessin.svg"]),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<a><text>x</text></a></svg>\n"
        );
    }

    #[test]
    fn unreadable_drawings_and_other_files() {
        let s = check(
            &[
                asset("casse.svg", "<svg>\n<g></svg>"),
                asset("c.svgz", "\u{1f}"),
                asset("page.html", "<p>x</p>"),
                asset("donnees.xml", "<?xml-stylesheet href=\"x.xsl\"?><d/>"),
                asset("photo.png", "\u{89}PNG"),
            ],
            false,
        );
        let got = shown(&s);
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[0].starts_with("content/casse.svg:2:"), "{got:#?}");
        assert!(
            got[0].contains("warning: this SVG drawing cannot be read, so it is not published: "),
            "{got:#?}"
        );
        assert!(
            got[1].starts_with("content/c.svgz: warning: a compressed `.svgz` drawing"),
            "{got:#?}"
        );
        assert!(
            got[2].starts_with("content/page.html: warning: a `.html` file is not published"),
            "{got:#?}"
        );
        assert!(
            got[3].starts_with(
                "content/donnees.xml:1:1: warning: this XML file holds a style sheet instruction"
            ),
            "{got:#?}"
        );
        // Every one of them is left out; the photo is published.
        assert_eq!(
            s.refused.iter().collect::<Vec<_>>(),
            ["c.svgz", "casse.svg", "donnees.xml", "page.html"]
        );
        let mut assets = vec![asset("photo.png", "x"), asset("page.html", "x")];
        s.apply(&mut assets);
        assert_eq!(assets.len(), 1);
        assert_eq!(assets[0].rel, "photo.png");
    }

    #[test]
    fn a_trusting_site_publishes_everything_as_it_is() {
        let s = check(
            &[
                asset("d.svg", "<svg><script>x</script></svg>"),
                asset("p.html", ""),
            ],
            true,
        );
        assert!(s.diagnostics.is_empty() && s.published.is_empty());
    }
}
