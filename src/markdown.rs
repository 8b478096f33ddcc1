//! Markdown to HTML (comrak), with our AST rewrites.
//!
//! This stage is pure and per page: it knows nothing about other pages. Links
//! whose target is another page or file are recorded as [`LinkRef`]s and left
//! in the HTML as placeholders (`\u{E000}N\u{E001}` for the opening tag,
//! `\u{E002}N\u{E001}` for the closing one, `playbook-asset:N` for image
//! sources); the link stage resolves them and the render stage substitutes
//! them. User text can never produce a placeholder: the private-use
//! characters are replaced in the source, and user URLs starting with
//! `playbook-` are neutralised.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::{Arena, Options, format_html_with_plugins, options::Plugins, parse_document};
use serde::Serialize;

use crate::scheme::{self, Target};
use crate::text::{UniqueSlugs, escape_html};

pub const OPEN: char = '\u{E000}';
pub const SEP: char = '\u{E001}';
pub const CLOSE: char = '\u{E002}';
pub const ASSET_PREFIX: &str = "playbook-asset:";

/// A heading of the page, with its unique id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// `text::match_key` of the title, for forgiving `[[Page#Section]]` links.
    #[serde(skip)]
    pub key: String,
    /// Line in the file.
    pub line: usize,
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LinkKind {
    /// `[[Target]]`, `[[Target|label]]`, `[[Target#Section]]`, `[[#Section]]`.
    Wiki,
    /// `[text](relative/path.md#anchor)` or any relative or site-absolute URL.
    Path,
    /// `![alt](relative/image.png)`.
    Image,
}

/// One link to another page or file, in the order of the placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkRef {
    pub kind: LinkKind,
    /// The target as written, without the `#anchor` (empty for `[[#Section]]`).
    pub target: String,
    pub anchor: Option<String>,
    /// Line and column in the file.
    pub line: usize,
    pub col: usize,
    /// The sentence around the link, as plain text (for backlinks).
    pub context: String,
    /// `text::match_key` of `target`, computed here (in parallel) for the link stage.
    #[serde(skip)]
    pub key: String,
}

/// The result of rendering one page's Markdown.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with link placeholders.
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    /// Text of a level-1 heading that opened the body (then removed from it).
    pub leading_h1: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    pub unsafe_html: bool,
    /// Write the few words comrak adds (task states, footnote back-links) in English.
    pub english: bool,
}

impl MarkdownOptions {
    /// The options a site's configuration asks for.
    pub fn of(config: &crate::config::Config) -> MarkdownOptions {
        MarkdownOptions {
            unsafe_html: config.markdown.unsafe_html,
            english: config.language == "en",
        }
    }
}

fn comrak_options(opts: MarkdownOptions) -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    o.extension.alerts = true;
    o.extension.wikilinks_title_after_pipe = true;
    o.render.r#unsafe = opts.unsafe_html;
    // Raw HTML is shown as text rather than dropped: nothing typed is lost.
    o.render.escape = !opts.unsafe_html;
    o.render.tasklist_classes = true;
    o
}

/// Renders `body` (the Markdown after the front matter). `line_offset` is the
/// number of file lines before the body, so positions point into the file.
/// `strip_h1` removes a leading level-1 heading whose text has this match key.
pub fn render(body: &str, line_offset: usize, opts: MarkdownOptions) -> Rendered {
    let body = sanitize(body);
    let options = comrak_options(opts);
    let arena = Arena::new();
    let root = parse_document(&arena, &body, &options);

    let mut out = Rendered::default();

    // A leading `# Title` becomes the page title; it is not repeated in the body.
    if let Some(first) = root.first_child() {
        let is_h1 = matches!(first.data().value, NodeValue::Heading(h) if h.level == 1);
        if is_h1 {
            out.leading_h1 = Some(collect_text(first).trim().to_string());
            first.detach();
        }
    }

    let mut used_ids = UniqueSlugs::new(1);
    let mut tocs: Vec<&AstNode<'_>> = Vec::new();
    let mut pending: Vec<&AstNode<'_>> = Vec::new();
    for node in root.descendants() {
        scrub(node);
        pending.push(node);
    }
    for node in pending {
        let (value, pos) = {
            let d = node.data();
            (d.value.clone(), d.sourcepos)
        };
        match value {
            NodeValue::Heading(h) => {
                let title = collect_text(node).trim().to_string();
                let id = used_ids.make(&title, "section");
                out.headings.push(Heading {
                    level: h.level,
                    id,
                    key: crate::text::match_key(&title),
                    title,
                    line: pos.start.line + line_offset,
                });
            }
            NodeValue::WikiLink(w) if is_toc_macro(node, &w.url) => {
                // `[[toc]]` alone in a paragraph (VuePress, markdown-it): the
                // page's table of contents, filled in once headings are known.
                if let Some(paragraph) = node.parent() {
                    let raw = arena.alloc(AstNode::from(NodeValue::Raw(String::new())));
                    paragraph.insert_before(raw);
                    paragraph.detach();
                    tocs.push(raw);
                }
            }
            NodeValue::WikiLink(w) => {
                let (target, anchor) = split_anchor(w.url.trim());
                // Without an explicit label, show "Titre › Section" rather than "Titre#Section".
                let label_is_url = collect_text(node).trim() == w.url.trim();
                if label_is_url {
                    let shown = match (&anchor, target.is_empty()) {
                        (Some(a), true) => a.clone(),
                        (Some(a), false) => format!("{target} › {a}"),
                        (None, _) => target.clone(),
                    };
                    while let Some(c) = node.first_child() {
                        c.detach();
                    }
                    node.append(arena.alloc(AstNode::from(NodeValue::Text(shown.into()))));
                }
                let n = push_link(&mut out, LinkKind::Wiki, target, anchor, pos, line_offset);
                out.links[n].context = link_context(node);
                wrap_in_placeholders(&arena, node, n);
            }
            NodeValue::Link(l) => {
                let url = l.url.trim().to_string();
                match scheme::link(&url) {
                    Target::Local => {
                        let (target, anchor) = split_anchor(&url);
                        let n =
                            push_link(&mut out, LinkKind::Path, target, anchor, pos, line_offset);
                        out.links[n].context = link_context(node);
                        wrap_in_placeholders(&arena, node, n);
                    }
                    Target::Refused => {
                        if let NodeValue::Link(l) = &mut node.data_mut().value {
                            l.url = "#".into();
                        }
                    }
                    Target::SamePage | Target::External => {}
                }
            }
            NodeValue::Image(l) => {
                let url = l.url.trim().to_string();
                match scheme::image(&url) {
                    Target::Local => {
                        let (target, anchor) = split_anchor(&url);
                        let n =
                            push_link(&mut out, LinkKind::Image, target, anchor, pos, line_offset);
                        if let NodeValue::Image(l) = &mut node.data_mut().value {
                            l.url = format!("{ASSET_PREFIX}{n}");
                        }
                    }
                    Target::Refused => {
                        if let NodeValue::Image(l) = &mut node.data_mut().value {
                            l.url = "#".into();
                        }
                    }
                    Target::SamePage | Target::External => {}
                }
            }
            _ => {}
        }
    }

    if !tocs.is_empty() {
        let mut toc = String::from("<nav class=\"toc-inline\"><ul>");
        for h in out.headings.iter().filter(|h| (2..=3).contains(&h.level)) {
            toc.push_str(&format!(
                "<li class=\"toc-l{}\"><a href=\"#{}\">{}</a></li>",
                h.level,
                escape_html(&h.id),
                escape_html(&h.title)
            ));
        }
        toc.push_str("</ul></nav>\n");
        for raw in tocs {
            raw.data_mut().value = NodeValue::Raw(toc.clone());
        }
    }

    let ids = HeadingIds {
        ids: out.headings.iter().map(|h| h.id.clone()).collect(),
        next: AtomicUsize::new(0),
    };
    let mut plugins = Plugins::default();
    plugins.render.heading_adapter = Some(&ids);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    // Writing into a String cannot fail.
    let _ = format_html_with_plugins(root, &options, &mut html, &plugins);
    out.html = accessible(html, opts.english);
    out
}

/// Gives task-list checkboxes a spoken state (the box itself is decorative:
/// it cannot be ticked, and axe wants every form field named) and translates
/// comrak's English footnote back-link labels. Text cannot forge these
/// strings: comrak escapes the quotes of text.
fn accessible(html: String, english: bool) -> String {
    let (done, todo, back) = if english {
        ("Done: ", "To do: ", "Back to reference ")
    } else {
        ("Fait : ", "À faire : ", "Retour à l’appel de note ")
    };
    let mut html = html;
    if html.contains("task-list-item-checkbox") {
        html = html
            .replace(
                "<input type=\"checkbox\" class=\"task-list-item-checkbox\" checked=\"\" disabled=\"\" />",
                &format!("<input type=\"checkbox\" class=\"task-list-item-checkbox\" checked=\"\" disabled=\"\" aria-hidden=\"true\" /><span class=\"visually-hidden\">{done}</span>"),
            )
            .replace(
                "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"\" />",
                &format!("<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"\" aria-hidden=\"true\" /><span class=\"visually-hidden\">{todo}</span>"),
            );
    }
    if !english && html.contains("aria-label=\"Back to reference ") {
        html = html.replace(
            "aria-label=\"Back to reference ",
            &format!("aria-label=\"{back}"),
        );
    }
    html
}

/// `[[toc]]` (any case) as the only thing in its paragraph.
fn is_toc_macro<'a>(node: &'a AstNode<'a>, url: &str) -> bool {
    url.trim().eq_ignore_ascii_case("toc")
        && node.parent().is_some_and(|p| {
            matches!(p.data().value, NodeValue::Paragraph)
                && p.children().all(|c| {
                    c.same_node(node)
                        || matches!(&c.data().value, NodeValue::Text(t) if t.trim().is_empty())
                })
        })
}

/// Replaces the private-use characters we use as placeholders.
fn sanitize(body: &str) -> std::borrow::Cow<'_, str> {
    if body.contains([OPEN, SEP, CLOSE]) {
        body.replace([OPEN, SEP, CLOSE], "\u{FFFD}").into()
    } else {
        body.into()
    }
}

/// Replaces the placeholder characters that comrak decoded from entities
/// (`&#xE002;`, `&#57345;`…) after `sanitize` ran on the source: in text,
/// link and image URLs and titles, wikilink targets and code info strings.
fn scrub(node: &AstNode<'_>) {
    fn clean(s: &mut String) {
        if s.contains([OPEN, SEP, CLOSE]) {
            *s = s.replace([OPEN, SEP, CLOSE], "\u{FFFD}");
        }
    }
    let mut data = node.data_mut();
    match &mut data.value {
        NodeValue::Text(t) if t.contains([OPEN, SEP, CLOSE]) => {
            *t = t.replace([OPEN, SEP, CLOSE], "\u{FFFD}").into();
        }
        NodeValue::Link(l) | NodeValue::Image(l) => {
            clean(&mut l.url);
            clean(&mut l.title);
        }
        NodeValue::WikiLink(w) => clean(&mut w.url),
        NodeValue::CodeBlock(c) => clean(&mut c.info),
        NodeValue::Alert(a) => {
            if let Some(t) = &mut a.title {
                clean(t);
            }
        }
        _ => {}
    }
}

fn push_link(
    out: &mut Rendered,
    kind: LinkKind,
    target: String,
    anchor: Option<String>,
    pos: Sourcepos,
    line_offset: usize,
) -> usize {
    out.links.push(LinkRef {
        kind,
        anchor,
        line: pos.start.line + line_offset,
        col: pos.start.column,
        context: String::new(),
        key: if kind == LinkKind::Wiki {
            crate::text::match_key(&target)
        } else {
            String::new()
        },
        target,
    });
    out.links.len() - 1
}

/// Replaces a link node by `Raw(open placeholder)`, its children, `Raw(close placeholder)`.
fn wrap_in_placeholders<'a>(arena: &'a Arena<'a>, node: &'a AstNode<'a>, n: usize) {
    let open = arena.alloc(AstNode::from(NodeValue::Raw(format!("{OPEN}{n}{SEP}"))));
    node.insert_before(open);
    while let Some(c) = node.first_child() {
        c.detach();
        node.insert_before(c);
    }
    let close = arena.alloc(AstNode::from(NodeValue::Raw(format!("{CLOSE}{n}{SEP}"))));
    node.insert_before(close);
    node.detach();
}

/// Splits `target#anchor`.
fn split_anchor(s: &str) -> (String, Option<String>) {
    match s.split_once('#') {
        Some((t, a)) => (
            t.trim().to_string(),
            Some(a.trim().to_string()).filter(|a| !a.is_empty()),
        ),
        None => (s.trim().to_string(), None),
    }
}

/// The sentence of the enclosing paragraph (or cell, or heading) around a link.
fn link_context<'a>(node: &'a AstNode<'a>) -> String {
    let mut block = node;
    while let Some(p) = block.parent() {
        block = p;
        if matches!(
            block.data().value,
            NodeValue::Paragraph
                | NodeValue::Heading(_)
                | NodeValue::TableCell
                | NodeValue::Document
        ) {
            break;
        }
    }
    let (mut text, mut start, mut end) = (String::new(), 0, 0);
    for edge in block.traverse() {
        match edge {
            NodeEdge::Start(n) => {
                if n.same_node(node) {
                    start = text.len();
                }
                match &n.data().value {
                    NodeValue::Text(t) => text.push_str(t),
                    NodeValue::Code(c) => text.push_str(&c.literal),
                    NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
                    _ => {}
                }
            }
            NodeEdge::End(n) => {
                if n.same_node(node) {
                    end = text.len();
                }
            }
        }
    }
    sentence_around(&text, start, end.max(start))
}

/// The sentence of `text` containing the byte range `start..end`, at most
/// about 300 characters, with `…` where it was cut.
pub fn sentence_around(text: &str, start: usize, end: usize) -> String {
    const MAX: usize = 150;
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '…');
    let before = &text[..start];
    let mut from = 0;
    let mut chars = before.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_end(c) && chars.peek().is_some_and(|(_, n)| n.is_whitespace()) {
            from = i + c.len_utf8();
        }
    }
    let after = &text[end..];
    let to = after
        .char_indices()
        .find(|&(i, c)| {
            is_end(c)
                && after[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(text.len(), |(i, c)| end + i + c.len_utf8());
    // Cap the length on each side of the link.
    let mut cut_front = false;
    if start - from > MAX * 2 {
        from = floor_boundary(text, start - MAX);
        cut_front = true;
    }
    let mut cut_back = false;
    let mut to = to;
    if to - end > MAX * 2 {
        to = floor_boundary(text, end + MAX);
        cut_back = true;
    }
    let mut s = String::new();
    if cut_front {
        s.push('…');
    }
    s.push_str(text[from..to].trim());
    if cut_back {
        s.push('…');
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Flattened text of a node (for headings and labels).
fn collect_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => s.push_str(t),
            NodeValue::Code(c) => s.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// Writes `<hN id="…">` with the ids computed during the AST walk, in order.
struct HeadingIds {
    ids: Vec<String>,
    next: AtomicUsize,
}

impl HeadingAdapter for HeadingIds {
    fn enter(
        &self,
        out: &mut dyn fmt::Write,
        h: &HeadingMeta,
        _pos: Option<Sourcepos>,
    ) -> fmt::Result {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        match self.ids.get(i) {
            Some(id) => write!(out, "<h{} id=\"{}\">", h.level, escape_html(id)),
            None => write!(out, "<h{}>", h.level),
        }
    }

    fn exit(&self, out: &mut dyn fmt::Write, h: &HeadingMeta) -> fmt::Result {
        write!(out, "</h{}>", h.level)
    }
}

#[cfg(test)]
mod tests;
