//! SVG drawings and XML documents, read with a real XML parser (roxmltree)
//! and judged on the parsed tree, never on the text.
//!
//! A drawing is published as its re-serialisation through an allow-list of
//! SVG elements and attributes: no `<script>`, no `<foreignObject>`, no
//! element of another namespace, no event attribute, no animation of a
//! link, no URL whose scheme [`crate::scheme`] refuses, no `<use>` of
//! anything but a fragment of the drawing itself, no comment, processing
//! instruction or document type. Whatever the source held, the published
//! file can only hold what this module writes. Separately, [`sanitize`]
//! lists what in the source would have run script (the findings), so that
//! the author hears about it: `active::check` refuses such a drawing.
//!
//! Other XML documents are published unchanged, so they are only checked:
//! [`check_xml`] finds what a browser would run when opening them (a style
//! sheet instruction, HTML, script, handlers, entity declarations).
//!
//! Pure: text in, text and findings out.

use crate::messages::Message;
use crate::messages::msg;
use roxmltree::{Document, Node, NodeType, ParsingOptions};

use crate::scheme::{self, Target};

mod lists;

use lists::{ACTIVE_ELEMENTS, ANIMATIONS, ATTRIBUTES, ELEMENTS, URL_ATTRIBUTES};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";
const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// The most nodes a drawing may have (a large map has a few hundred thousand).
const NODES_LIMIT: u32 = 4_000_000;

/// Something in a document that a browser would run, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Byte offset in the source.
    pub at: usize,
    /// What it is, as a noun phrase ("a <script> element").
    pub what: Message,
}

/// A drawing re-serialised through the allow-list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized {
    /// The SVG document to publish.
    pub svg: String,
    /// What the source held that would run script, in source order.
    pub findings: Vec<Finding>,
}

/// A document that is not well-formed XML (or not an SVG drawing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    pub at: usize,
    pub message: Message,
}

/// How an element's `href` is checked.
#[derive(Clone, Copy, PartialEq, Eq)]
enum HrefRule {
    /// `<a>`: any link `scheme::link` allows.
    Link,
    /// `<image>`, `<feImage>`: any image `scheme::image` allows.
    Image,
    /// Everything else (`use`, gradients, `textPath`…): `#fragment` only.
    Fragment,
}

fn href_rule(local: &str) -> HrefRule {
    match local {
        "a" => HrefRule::Link,
        "image" | "feImage" => HrefRule::Image,
        _ => HrefRule::Fragment,
    }
}

fn parse(text: &str) -> Result<Document<'_>, Malformed> {
    let opts = ParsingOptions {
        allow_dtd: true,
        nodes_limit: NODES_LIMIT,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opts).map_err(|e| {
        let pos = e.pos();
        Malformed {
            at: offset_of(text, pos.row as usize, pos.col as usize),
            message: msg!("xml-malformed", reason = e.to_string()),
        }
    })
}

/// The byte offset of a 1-based row and column (in characters).
fn offset_of(text: &str, row: usize, col: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(row.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let line = &text[line_start.min(text.len())..];
    line_start
        + line
            .char_indices()
            .nth(col.saturating_sub(1))
            .map_or(line.len(), |(i, _)| i)
}

/// A step of the walk in [`sanitize`]: entering a node or leaving it.
enum Step<'a, 'i> {
    Enter(Node<'a, 'i>),
    Leave(Node<'a, 'i>),
}

/// Re-serialises an SVG drawing through the allow-list, and lists what in
/// it would run script.
pub fn sanitize(text: &str) -> Result<Sanitized, Malformed> {
    let doc = parse(text)?;
    let root = doc.root_element();
    let root_ns = root.tag_name().namespace();
    if root.tag_name().name() != "svg" || !matches!(root_ns, None | Some(SVG_NS)) {
        return Err(Malformed {
            at: root.range().start,
            message: msg!("svg-not-svg", root = root.tag_name().name()),
        });
    }
    let findings = find_active(&doc, text, true);
    let is_svg = |n: &Node| n.is_element() && n.tag_name().namespace() == root_ns;

    let mut out = String::with_capacity(text.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    // Depth-first without recursion (a hostile drawing may nest deeply).
    let mut steps = vec![Step::Enter(root)];
    while let Some(step) = steps.pop() {
        match step {
            Step::Enter(n) if n.is_text() => escape_text(n.text().unwrap_or(""), &mut out),
            Step::Enter(n) if is_svg(&n) && kept(&n) => {
                open_tag(&n, n == root, &mut out);
                if n.has_children() {
                    steps.push(Step::Leave(n));
                    steps.extend(n.children().rev().map(Step::Enter));
                }
            }
            // Comments, instructions and elements outside the allow-list,
            // with all they hold.
            Step::Enter(_) => {}
            Step::Leave(n) => {
                out.push_str("</");
                out.push_str(n.tag_name().name());
                out.push('>');
            }
        }
    }
    out.push('\n');
    Ok(Sanitized { svg: out, findings })
}

/// Is this SVG element kept (with its content)?
fn kept(n: &Node) -> bool {
    let local = n.tag_name().name();
    if !ELEMENTS.contains(&local) {
        return false;
    }
    // An animation of a link or of a handler is dropped whole.
    !(ANIMATIONS.contains(&local) && n.attribute("attributeName").is_some_and(animates_script))
}

/// Does an animation's `attributeName` target a link or an event handler?
fn animates_script(name: &str) -> bool {
    let local = name.trim().rsplit(':').next().unwrap_or("");
    local.eq_ignore_ascii_case("href") || is_handler(local)
}

fn is_handler(name: &str) -> bool {
    name.len() > 2 && name[..2].eq_ignore_ascii_case("on")
}

/// Writes `<name attr="…"…>` (or `/>` when empty) with the allowed attributes.
fn open_tag(n: &Node, is_root: bool, out: &mut String) {
    let local = n.tag_name().name();
    out.push('<');
    out.push_str(local);
    let mut attrs = String::new();
    for a in n.attributes() {
        let name = a.name();
        let value = a.value();
        let shown = match a.namespace() {
            None if name == "href" => href_allowed(local, value).then_some("href"),
            None if ATTRIBUTES.contains(&name) || name.starts_with("aria-") => Some(name),
            Some(XLINK_NS) if name == "href" => href_allowed(local, value).then_some("xlink:href"),
            Some(XLINK_NS) if name == "title" => Some("xlink:title"),
            Some(XML_NS) if name == "space" => Some("xml:space"),
            Some(XML_NS) if name == "lang" => Some("xml:lang"),
            _ => None,
        };
        if let Some(shown) = shown {
            attrs.push(' ');
            attrs.push_str(shown);
            attrs.push_str("=\"");
            escape_attr(value, &mut attrs);
            attrs.push('"');
        }
    }
    if is_root {
        out.push_str(" xmlns=\"");
        out.push_str(SVG_NS);
        out.push('"');
        // Declared on the root whenever the drawing uses the xlink prefix anywhere.
        if n.descendants().any(uses_xlink) {
            out.push_str(" xmlns:xlink=\"");
            out.push_str(XLINK_NS);
            out.push('"');
        }
    }
    out.push_str(&attrs);
    out.push_str(if n.has_children() { ">" } else { "/>" });
}

fn uses_xlink(n: Node) -> bool {
    n.attributes().any(|a| a.namespace() == Some(XLINK_NS))
}

/// May this element keep this `href`?
fn href_allowed(local: &str, value: &str) -> bool {
    match href_rule(local) {
        HrefRule::Link => scheme::link(value) != Target::Refused,
        HrefRule::Image => scheme::image(value) != Target::Refused,
        HrefRule::Fragment => value.trim().starts_with('#'),
    }
}

/// Everything in the document a browser would run, in source order. With
/// `svg` unset (an XML document published unchanged), HTML content and
/// entity declarations count too.
fn find_active(doc: &Document, text: &str, svg: bool) -> Vec<Finding> {
    let mut found = vec![];
    for n in doc.descendants() {
        match n.node_type() {
            NodeType::PI if n.pi().is_some_and(|pi| pi.target == "xml-stylesheet") => {
                found.push(Finding {
                    at: n.range().start,
                    what: msg!("active-stylesheet"),
                });
            }
            NodeType::Element => element_findings(&n, svg, &mut found),
            _ => {}
        }
    }
    if !svg && let Some(at) = entity_declaration(text) {
        found.push(Finding {
            at,
            what: msg!("active-entity"),
        });
    }
    found.sort_by_key(|f| f.at);
    found
}

fn element_findings(n: &Node, svg: bool, found: &mut Vec<Finding>) {
    let local = n.tag_name().name();
    let ns = n.tag_name().namespace();
    if ACTIVE_ELEMENTS.contains(&local.to_ascii_lowercase().as_str()) {
        found.push(Finding {
            at: n.range().start,
            what: msg!("active-element", element = local),
        });
    } else if !svg
        && ns == Some(XHTML_NS)
        && n.parent_element()
            .is_none_or(|p| p.tag_name().namespace() != Some(XHTML_NS))
    {
        // (A drawing drops every element of another namespace.)
        found.push(Finding {
            at: n.range().start,
            what: msg!("active-html", element = local),
        });
    }
    // In an XML document, only the namespaces a browser renders carry behaviour.
    if !svg && !matches!(ns, Some(XHTML_NS | SVG_NS | MATHML_NS)) {
        return;
    }
    if ANIMATIONS.contains(&local)
        && let Some(target) = n.attribute("attributeName")
        && animates_script(target)
    {
        found.push(Finding {
            at: n.range().start,
            what: msg!("active-animation", attribute = target.trim()),
        });
    }
    for a in n.attributes() {
        let name = a.name();
        if is_handler(name) {
            found.push(Finding {
                at: a.range().start,
                what: msg!("active-handler", attribute = name),
            });
        } else if name.eq_ignore_ascii_case("srcdoc") {
            found.push(Finding {
                at: a.range().start,
                what: msg!("active-srcdoc"),
            });
        } else if URL_ATTRIBUTES.contains(&name.to_ascii_lowercase().as_str())
            && scheme::link(a.value()) == Target::Refused
            && !(matches!(local, "image" | "feImage" | "img") && is_data_image(a.value()))
        {
            let scheme = scheme::scheme_of(a.value()).unwrap_or_else(|| "unreadable".into());
            found.push(Finding {
                at: a.range().start,
                what: msg!("active-url", scheme = scheme, attribute = name),
            });
        }
    }
}

/// A `data:image/…` URL: shown by an image element as a picture, where no
/// script runs (only raster ones are kept in a drawing). Anywhere else (a
/// `<use>`), an SVG one is a whole document.
fn is_data_image(url: &str) -> bool {
    scheme::scheme_of(url).as_deref() == Some("data")
        && url
            .split_once(':')
            .is_some_and(|(_, rest)| rest.trim_start().to_ascii_lowercase().starts_with("image/"))
}

/// Where the internal DTD subset declares an entity. Entity declarations
/// can only be written `<!ENTITY` (XML is case-sensitive and markup
/// declarations are not subject to references), and browsers do not load
/// external DTDs.
fn entity_declaration(text: &str) -> Option<usize> {
    text.find("<!DOCTYPE")?;
    text.find("<!ENTITY")
}

/// What in an XML document (published unchanged) a browser would run.
pub fn check_xml(text: &str) -> Result<Vec<Finding>, Malformed> {
    let doc = parse(text)?;
    Ok(find_active(&doc, text, false))
}

fn escape_text(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn escape_attr(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests;
