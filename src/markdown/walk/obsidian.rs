//! Obsidian's markup, for `walk`: embeds (`![[image.png|300]]`,
//! `![[Note#Section]]`), block ids (`^id`) and `#tags` in the text; and
//! MkDocs attribute lists on a line of their own.

use comrak::nodes::{AstNode, NodeValue};

use super::super::context::link_context;
use super::super::{ASSET_PREFIX, BLOCK_MARK, CLOSE, EMBED, LinkKind, OPEN, SEP, collect_text};
use super::{
    BlockId, Walk, img_tag, is_attribute_line, is_blank, is_break, is_plain, set_text,
    split_anchor, wrap_in_placeholders,
};
use crate::text::escape_html;

impl<'a, F: Fn(usize) -> usize> Walk<'a, '_, F> {
    /// `![[file.png|300]]`, `![[doc.pdf]]`, `![[Note#Section]]`.
    pub(super) fn embed(&mut self, node: &'a AstNode<'a>, url: &str, line: usize, col: usize) {
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
            // A page: its content, when the embed stands alone on its line
            // of a paragraph (the paragraph is cut around it, as Obsidian
            // shows `Texte\n![[Note]]`).
            if let Some(paragraph) = node.parent()
                && matches!(paragraph.data().value, NodeValue::Paragraph)
                && alone_on_its_line(node)
            {
                let n = self.push(LinkKind::Embed, target, anchor, line, col);
                let block = self.raw(format!("{EMBED}{n}{SEP}"));
                let after: Vec<_> = node.following_siblings().skip(1).collect();
                paragraph.insert_after(block);
                if after.iter().any(|c| !is_blank(c)) {
                    let rest = self.arena.alloc(AstNode::from(NodeValue::Paragraph));
                    for c in after.into_iter().skip_while(|c| is_blank(c) || is_break(c)) {
                        rest.append(c);
                    }
                    block.insert_after(rest);
                } else {
                    for c in after {
                        c.detach();
                    }
                }
                node.detach();
                while let Some(c) = paragraph.last_child()
                    && (is_blank(c) || is_break(c))
                {
                    c.detach();
                }
                if paragraph.first_child().is_none() {
                    paragraph.detach();
                }
                self.out.embeds = true;
            } else {
                let shown = inline_embed_text(node, url).unwrap_or_default();
                set_text(self.arena, node, shown);
                let n = self.push(LinkKind::Wiki, target, anchor, line, col);
                self.out.links[n].context = link_context(node, &mut self.context);
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
    pub(super) fn paragraph(&mut self, node: &'a AstNode<'a>) {
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
    pub(super) fn tags(&mut self, node: &'a AstNode<'a>, text: &str, line: usize, col: usize) {
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
            && is_break(b)
        {
            b.detach();
        }
    } else {
        last.data_mut().value = NodeValue::Text(rest.into());
    }
    Some(id)
}

/// Text where a `#tag` counts: not in a link, an image or a heading.
pub(super) fn may_hold_tags<'a>(node: &'a AstNode<'a>) -> bool {
    let mut root = node;
    for a in node.ancestors().skip(1) {
        if matches!(
            a.data().value,
            NodeValue::Link(_)
                | NodeValue::Image(_)
                | NodeValue::WikiLink(_)
                | NodeValue::Heading(_)
        ) {
            return false;
        }
        root = a;
    }
    // A text the walk took out of the page (a link's label it replaced:
    // `[[#Plus bas]]` read as the tag `#Plus`) holds none.
    matches!(root.data().value, NodeValue::Document)
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

/// The text of an embed of `url` in its sentence: a page embed that is not
/// alone in its paragraph shows as a link, with its label or else its
/// target; a file (drawn as markup) shows none.
pub(in crate::markdown) fn inline_embed_text<'a>(
    node: &'a AstNode<'a>,
    url: &str,
) -> Option<String> {
    let (target, _) = split_anchor(url.trim());
    if extension(&target).is_some() {
        return None;
    }
    let label = collect_text(node);
    let label = label.trim();
    Some(if label.is_empty() || label == url.trim() {
        target
    } else {
        label.to_string()
    })
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

/// Whether `node` has only blank text or line breaks on either side of it,
/// up to the next line break (or the paragraph's ends).
fn alone_on_its_line<'a>(node: &'a AstNode<'a>) -> bool {
    let before = node
        .preceding_siblings()
        .skip(1)
        .find(|c| !is_blank(c))
        .is_none_or(is_break);
    let after = node
        .following_siblings()
        .skip(1)
        .find(|c| !is_blank(c))
        .is_none_or(is_break);
    before && after
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
