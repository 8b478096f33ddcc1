//! The sentence around a link, for the backlinks of the page it leads to.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};

/// The sentence of the enclosing paragraph (or cell, or heading) around a link.
pub(super) fn link_context<'a>(node: &'a AstNode<'a>) -> String {
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
