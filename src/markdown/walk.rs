//! One pass over the parsed tree of a page: headings and their ids, links
//! and images (recorded as [`LinkRef`]s and left as placeholders), Obsidian
//! embeds (`![[image.png|300]]`, `![[Note#Section]]`), block ids (`^id`),
//! inline `#tags`, attribute lists, `[[toc]]`, and raw HTML fragments
//! (`super::html`).

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

use super::context::link_context;
use super::{
    ASSET_PREFIX, BLOCK_MARK, CLOSE, EMBED, Heading, LinkKind, LinkRef, OPEN, Rendered, SEP,
    collect_text, dialect, html,
};
use crate::scheme::{self, Target};
use crate::text::{UniqueSlugs, escape_html, match_key};

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
}

impl<'a, 'o, F: Fn(usize) -> usize> Walk<'a, 'o, F> {
    pub fn new(arena: &'a Arena<'a>, out: &'o mut Rendered, file_line: F) -> Self {
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
        }
    }

    pub fn run(&mut self, root: &'a AstNode<'a>) {
        let pending: Vec<&AstNode<'_>> = root.descendants().inspect(|n| super::scrub(n)).collect();
        // Labels first: a link's sentence (for backlinks) shows the others'.
        for &node in &pending {
            if let NodeValue::WikiLink(w) = &node.data().value.clone()
                && !w.embed
            {
                relabel(self.arena, node, &w.url);
            }
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
            NodeValue::WikiLink(w) if w.embed => self.embed(node, &w.url, line, col),
            NodeValue::WikiLink(w) => {
                let (target, anchor) = split_anchor(w.url.trim());
                let n = self.push(LinkKind::Wiki, target, anchor, line, col);
                self.out.links[n].context = link_context(node);
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
                        self.out.links[n].context = link_context(node);
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
                        self.out.links[n].context = link_context(node);
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
            NodeValue::Text(t) => {
                // A block id's mark that did not end its paragraph is a caret.
                let mut t = if t.contains(BLOCK_MARK) {
                    t.replace(BLOCK_MARK, "^")
                } else {
                    t.to_string()
                };
                // `[x](y){: download .md-button }`: MkDocs attributes, not text.
                if t.contains("{:") {
                    t = without_colon_lists(&t);
                }
                if *t != *node_text(node) {
                    node.data_mut().value = NodeValue::Text(t.clone().into());
                }
                if t.contains('#') && may_hold_tags(node) {
                    self.tags(node, &t, line, col);
                }
            }
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

    /// `![[file.png|300]]`, `![[doc.pdf]]`, `![[Note#Section]]`.
    fn embed(&mut self, node: &'a AstNode<'a>, url: &str, line: usize, col: usize) {
        let (target, anchor) = split_anchor(url.trim());
        let label = collect_text(node);
        let label = if label.trim() == url.trim() {
            ""
        } else {
            label.trim()
        };
        let name = target.rsplit('/').next().unwrap_or(&target).to_string();
        let ext = extension(&target);
        let media = ext.as_deref().map(media_kind);
        let Some(media) = media else {
            // A page: its content, when the embed stands alone in its paragraph.
            let alone = node.parent().is_some_and(|p| {
                matches!(p.data().value, NodeValue::Paragraph)
                    && p.children().all(|c| {
                        c.same_node(node)
                            || matches!(&c.data().value, NodeValue::Text(t) if t.trim().is_empty())
                    })
            });
            if alone && let Some(paragraph) = node.parent() {
                let n = self.push(LinkKind::Embed, target, anchor, line, col);
                paragraph.insert_before(self.raw(format!("{EMBED}{n}{SEP}")));
                paragraph.detach();
                self.out.embeds = true;
            } else {
                let shown = if label.is_empty() {
                    target.clone()
                } else {
                    label.to_string()
                };
                set_text(self.arena, node, shown);
                let n = self.push(LinkKind::Wiki, target, anchor, line, col);
                self.out.links[n].context = link_context(node);
                wrap_in_placeholders(self.arena, node, n);
            }
            return;
        };
        // A file: `|300` or `|300x200` is a size, anything else the text.
        let mut size = (None, None);
        let mut text = String::new();
        for part in label.split('|').map(str::trim).filter(|p| !p.is_empty()) {
            match parse_size(part) {
                Some(s) => size = s,
                None => text = part.to_string(),
            }
        }
        let text = if text.is_empty() { name } else { text };
        let n = self.push(LinkKind::Image, target, anchor, line, col);
        let src = format!("{ASSET_PREFIX}{n}");
        let html = match media {
            Media::Image => img_tag(&src, &text, size, ""),
            Media::Audio => format!(
                "<audio controls src=\"{src}\"><a href=\"{src}\">{}</a></audio>",
                escape_html(&text)
            ),
            Media::Video => format!(
                "<video controls src=\"{src}\"{}><a href=\"{src}\">{}</a></video>",
                size.0
                    .map(|w| format!(" width=\"{}\"", escape_html(&w)))
                    .unwrap_or_default(),
                escape_html(&text)
            ),
            Media::File => format!(
                "<a class=\"file-link\" href=\"{src}\">{}</a>",
                escape_html(&text)
            ),
        };
        node.insert_before(self.raw(html));
        node.detach();
    }

    /// Attribute lists alone on a line, and Obsidian block ids.
    fn paragraph(&mut self, node: &'a AstNode<'a>) {
        // `{: .class }` alone: a MkDocs attribute list for the block above.
        if is_attribute_line(&collect_text(node)) && node.children().all(is_plain) {
            node.detach();
            return;
        }
        // `Texte\n{: .class }`: the list on the paragraph's last line.
        if let Some(last) = node.last_child()
            && let NodeValue::Text(t) = &last.data().value
            && is_attribute_line(t)
            && last
                .previous_sibling()
                .is_some_and(|p| matches!(p.data().value, NodeValue::SoftBreak))
        {
            if let Some(p) = last.previous_sibling() {
                p.detach();
            }
            last.detach();
        }
        let Some(id) = take_block_id(node) else {
            return;
        };
        let anchor = format!(
            "<span class=\"block-anchor\" id=\"{}\"></span>",
            escape_html(&id)
        );
        if node.first_child().is_none() {
            // `^id` alone names the block above it.
            let above = node.previous_sibling();
            node.detach();
            if let Some(block) = above {
                block.insert_before(self.raw(anchor));
                self.blocks.push(BlockId { id, node: block });
            }
            return;
        }
        node.prepend(self.raw(anchor));
        // The first paragraph of a list item stands for the item.
        let item = node.parent().filter(|p| {
            matches!(p.data().value, NodeValue::Item(_))
                && p.first_child().is_some_and(|f| f.same_node(node))
        });
        self.blocks.push(BlockId {
            id,
            node: item.unwrap_or(node),
        });
    }

    /// `#tag` in running text: a link to the tag's page, and a tag of the page.
    fn tags(&mut self, node: &'a AstNode<'a>, text: &str, line: usize, col: usize) {
        let found = find_tags(text);
        if found.is_empty() {
            return;
        }
        let mut last = 0;
        for (start, end) in found {
            if start > last {
                node.insert_before(self.text(&text[last..start]));
            }
            let tag = &text[start + 1..end];
            let label = self.text(&text[start..end]);
            let n = self.push(LinkKind::Tag, tag.to_string(), None, line, col);
            node.insert_before(self.raw(format!("{OPEN}{n}{SEP}")));
            node.insert_before(label);
            node.insert_before(self.raw(format!("{CLOSE}{n}{SEP}")));
            if !self.out.tags.iter().any(|t| t == tag) {
                self.out.tags.push(tag.to_string());
            }
            last = end;
        }
        if last < text.len() {
            node.insert_before(self.text(&text[last..]));
        }
        node.detach();
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

fn node_text(node: &AstNode<'_>) -> String {
    match &node.data().value {
        NodeValue::Text(t) => t.to_string(),
        _ => String::new(),
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

/// Removes a trailing ` ^id` from a paragraph and returns the id.
fn take_block_id(node: &AstNode<'_>) -> Option<String> {
    let last = node.last_child()?;
    let NodeValue::Text(t) = &last.data().value.clone() else {
        return None;
    };
    let trimmed = t.trim_end();
    let caret = trimmed.rfind(BLOCK_MARK)?;
    let id = &trimmed[caret + BLOCK_MARK.len_utf8()..];
    let before = &trimmed[..caret];
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return None;
    }
    let id = format!("^{id}");
    let rest = before.trim_end().to_string();
    if rest.is_empty() {
        last.detach();
        // The break before the id's own line goes too.
        if let Some(b) = node.last_child()
            && matches!(b.data().value, NodeValue::SoftBreak | NodeValue::LineBreak)
        {
            b.detach();
        }
    } else {
        last.data_mut().value = NodeValue::Text(rest.into());
    }
    Some(id)
}

/// Text where a `#tag` counts: not in a link, an image or a heading.
fn may_hold_tags<'a>(node: &'a AstNode<'a>) -> bool {
    node.ancestors().skip(1).all(|a| {
        !matches!(
            a.data().value,
            NodeValue::Link(_)
                | NodeValue::Image(_)
                | NodeValue::WikiLink(_)
                | NodeValue::Heading(_)
        )
    })
}

/// `#tag` spans (byte ranges, `#` included): after a space or an opening
/// bracket, letters, digits, `_`, `-` and `/`, not only digits.
pub(super) fn find_tags(text: &str) -> Vec<(usize, usize)> {
    let mut found = vec![];
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == '#' && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[')) {
            let rest = &text[i + 1..];
            let len: usize = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/'))
                .map(char::len_utf8)
                .sum();
            let tag = rest[..len].trim_end_matches(['-', '/']);
            if tag.chars().any(char::is_alphabetic)
                && tag.chars().next().is_some_and(char::is_alphanumeric)
            {
                found.push((i, i + 1 + tag.len()));
                while iter.peek().is_some_and(|(j, _)| *j < i + 1 + tag.len()) {
                    iter.next();
                }
                prev = tag.chars().last();
                continue;
            }
        }
        prev = Some(c);
    }
    found
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Media {
    Image,
    Audio,
    Video,
    File,
}

fn extension(target: &str) -> Option<String> {
    let name = target.rsplit('/').next().unwrap_or(target);
    let (_, ext) = name.rsplit_once('.')?;
    let ext = ext.to_ascii_lowercase();
    (!ext.is_empty()
        && ext.len() <= 5
        && ext.chars().all(|c| c.is_ascii_alphanumeric())
        && ext != "md")
        .then_some(ext)
}

fn media_kind(ext: &str) -> Media {
    match ext {
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "avif" | "svg" | "bmp" => Media::Image,
        "mp3" | "ogg" | "oga" | "wav" | "m4a" | "flac" | "opus" => Media::Audio,
        "mp4" | "webm" | "ogv" | "mov" | "mkv" => Media::Video,
        _ => Media::File,
    }
}

/// `300` or `300x200`.
fn parse_size(s: &str) -> Option<(Option<String>, Option<String>)> {
    let (w, h) = match s.split_once('x') {
        Some((w, h)) => (w, Some(h)),
        None => (s, None),
    };
    let num = |v: &str| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit());
    (num(w) && h.is_none_or(num)).then(|| (Some(w.to_string()), h.map(str::to_string)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_running_text() {
        fn t(s: &str) -> Vec<&str> {
            find_tags(s).into_iter().map(|(a, b)| &s[a..b]).collect()
        }
        assert_eq!(
            t("Un #atelier et #coopération/niveau-2."),
            ["#atelier", "#coopération/niveau-2"]
        );
        assert_eq!(
            t("#début (#entre) fin#non #123 # rien #2024-bilan"),
            ["#début", "#entre", "#2024-bilan"]
        );
        assert_eq!(t("C# et F#"), Vec::<&str>::new());
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("300"), Some((Some("300".into()), None)));
        assert_eq!(
            parse_size("300x200"),
            Some((Some("300".into()), Some("200".into())))
        );
        assert_eq!(parse_size("Une image"), None);
        assert_eq!(parse_size("x200"), None);
    }
}
