//! One pass over the parsed tree of a page: headings and their ids, links
//! and images (recorded as [`LinkRef`]s and left as placeholders), Obsidian
//! embeds (`![[image.png|300]]`, `![[Note#Section]]`), block ids (`^id`),
//! inline `#tags`, attribute lists, `[[toc]]`, and raw HTML fragments
//! (`super::html`).

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

use super::context::{BlockText, link_context};
use super::{
    ASSET_PREFIX, BLOCK_MARK, CLOSE, Heading, LinkKind, LinkRef, OPEN, Rendered, SEP, collect_text,
    dialect, html,
};
use crate::scheme::{self, Target};

pub(super) mod obsidian;

use crate::text::{UniqueSlugs, escape_html, match_key};
use obsidian::may_hold_tags;

/// A block with an Obsidian id (`^id`), to be rendered on its own for embeds.
pub(super) struct BlockId<'a> {
    pub id: String,
    pub node: &'a AstNode<'a>,
}

pub(super) struct Walk<'a, 'o, F: Fn(usize) -> usize> {
    pub arena: &'a Arena<'a>,
    pub out: &'o mut Rendered,
    /// A line of what comrak parsed, as a line of the file.
    pub file_line: F,
    used_ids: UniqueSlugs,
    /// `[[toc]]` paragraphs, filled once the headings are known.
    pub tocs: Vec<&'a AstNode<'a>>,
    pub blocks: Vec<BlockId<'a>>,
    /// Classes of each heading (from an attribute list), in order.
    pub heading_classes: Vec<String>,
    /// Whether the page holds raw HTML (then it is cleaned once rendered).
    pub raw_html: bool,
    /// The site trusts its authors with raw HTML: it is kept as written.
    pub trust_html: bool,
    /// The block of the last link seen, for its backlink sentences.
    context: Option<BlockText<'a>>,
}

impl<'a, 'o, F: Fn(usize) -> usize> Walk<'a, 'o, F> {
    pub(super) fn new(arena: &'a Arena<'a>, out: &'o mut Rendered, file_line: F) -> Self {
        Walk {
            arena,
            out,
            file_line,
            used_ids: UniqueSlugs::new(1),
            tocs: vec![],
            blocks: vec![],
            heading_classes: vec![],
            raw_html: false,
            trust_html: false,
            context: None,
        }
    }

    pub(super) fn run(&mut self, root: &'a AstNode<'a>) {
        let pending: Vec<&AstNode<'_>> = root.descendants().inspect(|n| super::scrub(n)).collect();
        // Labels first: a link's sentence (for backlinks) shows the others'.
        for &node in &pending {
            let url = match &node.data().value {
                NodeValue::WikiLink(w) if !w.embed => w.url.clone(),
                _ => continue,
            };
            relabel(self.arena, node, &url);
        }
        for node in pending {
            self.node(node);
        }
    }

    fn raw(&self, html: String) -> &'a AstNode<'a> {
        self.arena.alloc(AstNode::from(NodeValue::Raw(html)))
    }

    fn push(
        &mut self,
        kind: LinkKind,
        target: String,
        anchor: Option<String>,
        line: usize,
        col: usize,
    ) -> usize {
        self.out.links.push(LinkRef {
            kind,
            anchor,
            line: (self.file_line)(line),
            col,
            context: String::new(),
            key: if matches!(kind, LinkKind::Wiki | LinkKind::Embed) {
                match_key(&target)
            } else {
                String::new()
            },
            target,
            bare: false,
        });
        self.out.links.len() - 1
    }

    fn node(&mut self, node: &'a AstNode<'a>) {
        let (value, pos, attrs) = {
            let d = node.data();
            let (line, col) = (d.sourcepos.start.line, d.sourcepos.start.column);
            match &d.value {
                NodeValue::Heading(_)
                | NodeValue::TaskItem(_)
                | NodeValue::WikiLink(_)
                | NodeValue::Link(_)
                | NodeValue::Image(_)
                | NodeValue::Paragraph
                | NodeValue::HtmlBlock(_)
                | NodeValue::HtmlInline(_) => {}
                // The most frequent node: read in place, not cloned.
                NodeValue::Text(_) => {
                    drop(d);
                    return self.text_node(node, line, col);
                }
                _ => return,
            }
            (d.value.clone(), d.sourcepos, d.attrs.clone())
        };
        let (line, col) = (pos.start.line, pos.start.column);
        match value {
            NodeValue::Heading(h) => {
                // An attribute list comrak did not take (`{: data-x }`) is dropped,
                // its `#id` kept.
                let stray_id = strip_trailing_attributes(node);
                let title = collect_text(node).trim().to_string();
                // `## Titre { #mon-id }`: that id, unless it is taken.
                let own = attrs.as_ref().and_then(|a| a.id.clone()).or(stray_id);
                let id = match own.filter(|i| is_token(i) && !self.used_ids.is_taken(i)) {
                    Some(i) => {
                        self.used_ids.reserve(&i);
                        i
                    }
                    None => self.used_ids.make(&title, "section"),
                };
                self.heading_classes
                    .push(attrs.map(|a| classes(&a.classes)).unwrap_or_default());
                self.out.headings.push(Heading {
                    level: h.level,
                    id,
                    key: match_key(&title),
                    title,
                    line: (self.file_line)(line),
                });
            }
            NodeValue::TaskItem(t) => {
                // Its `<li>` takes the item's anchor (`super::anchor_tasks`).
                let at = (self.file_line)(line);
                let mark = self.raw(format!("{}{at}{SEP}", super::ACTION_MARK));
                match node.first_child() {
                    Some(p) if matches!(p.data().value, NodeValue::Paragraph) => p.prepend(mark),
                    _ => node.prepend(mark),
                }
                self.out.tasks.push(super::TaskItem {
                    line,
                    done: t.symbol.is_some(),
                    text: String::new(),
                });
            }
            NodeValue::WikiLink(w) if is_toc_macro(node, &w.url) => {
                // `[[toc]]` alone in a paragraph (VuePress, markdown-it): the
                // page's table of contents, filled in once headings are known.
                if let Some(paragraph) = node.parent() {
                    let raw = self.raw(String::new());
                    paragraph.insert_before(raw);
                    paragraph.detach();
                    self.tocs.push(raw);
                }
            }
            // f-actions: `@[[Anne Berlemont]]` in a task item names its
            // owner (a person, not a page): kept as text.
            NodeValue::WikiLink(w) if is_owner_mention(node) => {
                let name = w.url.split('|').next().unwrap_or(&w.url).trim().to_string();
                for c in node.children().collect::<Vec<_>>() {
                    c.detach();
                }
                node.data_mut().value = NodeValue::Text(name.into());
            }
            NodeValue::WikiLink(w) if w.embed => self.embed(node, &w.url, line, col),
            NodeValue::WikiLink(w) => {
                let (target, anchor) = split_anchor(w.url.trim());
                let n = self.push(LinkKind::Wiki, target, anchor, line, col);
                self.out.links[n].context = link_context(node, &mut self.context);
                wrap_in_placeholders(self.arena, node, n);
            }
            NodeValue::Link(l) => {
                let url = l.url.trim().to_string();
                match scheme::link(&url) {
                    Target::Local => {
                        let (target, anchor) = split_anchor(&url);
                        let text = collect_text(node);
                        let name = target.rsplit('/').next().unwrap_or(&target);
                        let bare = text.trim() == url || text.trim() == name;
                        let n = self.push(LinkKind::Path, target, anchor, line, col);
                        self.out.links[n].bare = bare;
                        self.out.links[n].context = link_context(node, &mut self.context);
                        wrap_in_placeholders(self.arena, node, n);
                    }
                    Target::Refused => set_url(node, "#".into()),
                    // `[en haut](#section)`: checked like `[[#Section]]`.
                    Target::SamePage if url.len() > 1 && url.starts_with('#') => {
                        let n = self.push(
                            LinkKind::Path,
                            String::new(),
                            Some(url[1..].to_string()),
                            line,
                            col,
                        );
                        self.out.links[n].context = link_context(node, &mut self.context);
                        wrap_in_placeholders(self.arena, node, n);
                    }
                    Target::SamePage | Target::External => {}
                }
            }
            NodeValue::Image(l) => {
                let url = l.url.trim().to_string();
                let src = match scheme::image(&url) {
                    Target::Local => {
                        let (target, anchor) = split_anchor(&url);
                        let n = self.push(LinkKind::Image, target, anchor, line, col);
                        format!("{ASSET_PREFIX}{n}")
                    }
                    Target::Refused => "#".into(),
                    Target::SamePage | Target::External => url,
                };
                match attrs {
                    // `![x](a.png){ width="300" .center }`: written here.
                    Some(a) => {
                        let mut size = (None, None);
                        for (k, v) in &a.pairs {
                            match k.as_str() {
                                "width" => size.0 = Some(v.clone()),
                                "height" => size.1 = Some(v.clone()),
                                _ => {}
                            }
                        }
                        let img = img_tag(&src, &collect_text(node), size, &classes(&a.classes));
                        node.insert_before(self.raw(img));
                        node.detach();
                    }
                    None => set_url(node, src),
                }
            }
            NodeValue::Paragraph => self.paragraph(node),
            NodeValue::HtmlBlock(_) | NodeValue::HtmlInline(_) if self.trust_html => {}
            NodeValue::HtmlBlock(h) => {
                let literal = self.rewrite_html(&h.literal, line);
                if let NodeValue::HtmlBlock(h) = &mut node.data_mut().value {
                    h.literal = literal;
                }
            }
            NodeValue::HtmlInline(h) => {
                let literal = self.rewrite_html(&h, line);
                node.data_mut().value = NodeValue::HtmlInline(literal);
            }
            _ => {}
        }
    }

    /// A text node: block marks, MkDocs attribute lists and `#tags`.
    fn text_node(&mut self, node: &'a AstNode<'a>, line: usize, col: usize) {
        let (fixed, tagged) = {
            let d = node.data();
            let NodeValue::Text(t) = &d.value else {
                return;
            };
            // A block id's mark that did not end its paragraph is a caret.
            let mut fixed = t.contains(BLOCK_MARK).then(|| t.replace(BLOCK_MARK, "^"));
            // `[x](y){: download .md-button }`: MkDocs attributes, not text.
            let now: &str = fixed.as_deref().unwrap_or(t);
            if now.contains("{:") {
                fixed = Some(without_colon_lists(now));
            }
            let now: &str = fixed.as_deref().unwrap_or(t);
            let tagged = (now.contains('#') && may_hold_tags(node)).then(|| now.to_string());
            (fixed, tagged)
        };
        if let Some(t) = fixed {
            node.data_mut().value = NodeValue::Text(t.into());
        }
        if let Some(t) = tagged {
            self.tags(node, &t, line, col);
        }
    }

    /// A raw HTML fragment: its local URLs become links of the page.
    fn rewrite_html(&mut self, fragment: &str, line: usize) -> String {
        self.raw_html = true;
        let (html, found) = html::rewrite(fragment, self.out.links.len());
        for f in found {
            let (target, anchor) = split_anchor(&f.url);
            let kind = if f.image {
                LinkKind::Image
            } else {
                LinkKind::Path
            };
            self.push(kind, target, anchor, line + f.line - 1, 1);
        }
        html
    }

    fn text(&self, s: &str) -> &'a AstNode<'a> {
        self.arena
            .alloc(AstNode::from(NodeValue::Text(s.to_string().into())))
    }
}

/// Ids and classes from attribute lists: letters, digits, `-`, `_`, `:`, `.`.
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
}

fn classes(list: &[String]) -> String {
    list.iter()
        .filter(|c| is_token(c))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_attribute_line(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('{') && t.ends_with('}') && {
        let inner = &t[1..t.len() - 1];
        match inner.strip_prefix(':') {
            Some(colon) => {
                dialect::is_attribute_list(colon) || dialect::is_bare_attribute_list(colon)
            }
            None => dialect::is_attribute_list(inner),
        }
    }
}

/// `text {: .a b }` without its `{: … }` attribute lists.
fn without_colon_lists(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(at) = rest.find("{:") {
        let Some(end) = rest[at..].find('}') else {
            break;
        };
        let list = &rest[at..=at + end];
        out.push_str(&rest[..at]);
        if !is_attribute_line(list) {
            out.push_str(list);
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Removes an attribute list ending a heading's text; gives its `#id`.
fn strip_trailing_attributes(node: &AstNode<'_>) -> Option<String> {
    let last = node.last_child()?;
    let NodeValue::Text(t) = last.data().value.clone() else {
        return None;
    };
    let trimmed = t.trim_end();
    let open = trimmed.rfind('{')?;
    if !trimmed.ends_with('}') || !is_attribute_line(&trimmed[open..]) {
        return None;
    }
    last.data_mut().value = NodeValue::Text(trimmed[..open].trim_end().to_string().into());
    trimmed[open + 1..trimmed.len() - 1]
        .split_whitespace()
        .find_map(|w| w.strip_prefix('#'))
        .map(str::to_string)
}

fn is_plain(n: &AstNode<'_>) -> bool {
    matches!(
        n.data().value,
        NodeValue::Text(_) | NodeValue::SoftBreak | NodeValue::LineBreak
    )
}

fn img_tag(src: &str, alt: &str, size: (Option<String>, Option<String>), class: &str) -> String {
    let mut s = format!(
        "<img src=\"{}\" alt=\"{}\"",
        escape_html(src),
        escape_html(alt)
    );
    if let Some(w) = size.0 {
        s.push_str(&format!(" width=\"{}\"", escape_html(&w)));
    }
    if let Some(h) = size.1 {
        s.push_str(&format!(" height=\"{}\"", escape_html(&h)));
    }
    if !class.is_empty() {
        s.push_str(&format!(" class=\"{}\"", escape_html(class)));
    }
    s.push_str(" />");
    s
}

/// Without an explicit label, a wikilink shows "Titre › Section" rather
/// than "Titre#Section" (a block id, only the title).
fn relabel<'a>(arena: &'a Arena<'a>, node: &'a AstNode<'a>, url: &str) {
    if collect_text(node).trim() != url.trim() || url.trim().eq_ignore_ascii_case("toc") {
        return;
    }
    let (target, anchor) = split_anchor(url.trim());
    let shown = match (&anchor, target.is_empty()) {
        (Some(a), _) if a.starts_with('^') && !target.is_empty() => target.clone(),
        (Some(a), true) => a.trim_start_matches('^').to_string(),
        (Some(a), false) => format!("{target} › {}", a.replace('#', " › ")),
        (None, _) => target.clone(),
    };
    set_text(arena, node, shown);
}

fn set_url(node: &AstNode<'_>, url: String) {
    if let NodeValue::Link(l) | NodeValue::Image(l) = &mut node.data_mut().value {
        l.url = url;
    }
}

fn set_text<'a>(arena: &'a Arena<'a>, node: &'a AstNode<'a>, text: String) {
    while let Some(c) = node.first_child() {
        c.detach();
    }
    node.append(arena.alloc(AstNode::from(NodeValue::Text(text.into()))));
}

/// `[[toc]]` (any case) as the only thing in its paragraph.
/// A wikilink right after `@` in a task-list item: the action's owner.
fn is_owner_mention<'a>(node: &'a AstNode<'a>) -> bool {
    let after_at = node
        .previous_sibling()
        .is_some_and(|p| matches!(&p.data().value, NodeValue::Text(t) if t.ends_with('@')));
    after_at
        && node
            .ancestors()
            .any(|a| matches!(a.data().value, NodeValue::TaskItem(_)))
}

fn is_toc_macro<'a>(node: &'a AstNode<'a>, url: &str) -> bool {
    url.trim().eq_ignore_ascii_case("toc")
        && node.parent().is_some_and(|p| {
            matches!(p.data().value, NodeValue::Paragraph)
                && p.children().all(|c| c.same_node(node) || is_blank(c))
        })
}

/// Whether `c` is text of spaces only.
fn is_blank<'a>(c: &'a AstNode<'a>) -> bool {
    matches!(&c.data().value, NodeValue::Text(t) if t.trim().is_empty())
}

/// Whether `c` ends a line of its paragraph.
fn is_break<'a>(c: &'a AstNode<'a>) -> bool {
    matches!(c.data().value, NodeValue::SoftBreak | NodeValue::LineBreak)
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

/// Splits `target#anchor` (the anchor keeps any further `#`: `Titre#Sous-titre`).
pub(super) fn split_anchor(s: &str) -> (String, Option<String>) {
    match s.split_once('#') {
        Some((t, a)) => (
            t.trim().to_string(),
            Some(a.trim().to_string()).filter(|a| !a.is_empty()),
        ),
        None => (s.trim().to_string(), None),
    }
}
