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
///
/// A sentence ends at `.`, `!`, `?` or `…` followed by a space and a word
/// that does not start in lower case (`etc. et` goes on), and never inside
/// quotes: in `la question « jusqu'où ? » posée dans…` the `?` ends nothing.
/// A sentence that ends inside quotes ends after them (`« C'est fini. » Puis`).
/// When the quotes of the block do not pair up, they are ignored.
pub fn sentence_around(text: &str, start: usize, end: usize) -> String {
    const MAX: usize = 150;
    let ends = sentence_ends(text, true)
        .or_else(|| sentence_ends(text, false))
        .unwrap_or_default();
    let mut from = ends.iter().copied().rfind(|&b| b <= start).unwrap_or(0);
    let mut to = ends
        .iter()
        .copied()
        .find(|&b| b >= end)
        .unwrap_or(text.len());
    // Cap the length on each side of the link, at a space.
    let mut cut_front = false;
    if start - from > MAX * 2 {
        let at = floor_boundary(text, start - MAX);
        from = text[at..start]
            .find(char::is_whitespace)
            .map_or(at, |i| at + i);
        cut_front = true;
    }
    let mut cut_back = false;
    if to - end > MAX * 2 {
        let at = floor_boundary(text, end + MAX);
        to = text[end..at]
            .rfind(char::is_whitespace)
            .map_or(at, |i| end + i);
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

/// The byte offsets just past each sentence end of `text` (see
/// [`sentence_around`]); with `quotes`, `None` when its quotes do not pair up.
fn sentence_ends(text: &str, quotes: bool) -> Option<Vec<usize>> {
    let is_end = |c: char| matches!(c, '.' | '!' | '?' | '…');
    let space = |c: char| c.is_whitespace(); // U+00A0 and U+202F included
    let mut ends = vec![];
    let mut depth: usize = 0;
    let mut straight = false; // inside "…"
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if quotes {
            match c {
                '«' | '“' | '‹' => depth += 1,
                '»' | '”' | '›' => depth = depth.checked_sub(1)?,
                '"' => straight = !straight,
                _ => {}
            }
        }
        if !is_end(c) {
            i += 1;
            continue;
        }
        // A run of enders (`?!`, `...`), then the quotes it closes.
        let mut j = i;
        while j < chars.len() && is_end(chars[j].1) {
            j += 1;
        }
        let (mut d, mut s) = (depth, straight);
        let mut k = j;
        while quotes && (d > 0 || s) {
            let mut m = k;
            while m < chars.len() && space(chars[m].1) {
                m += 1;
            }
            match chars.get(m).map(|x| x.1) {
                Some('»' | '”' | '›') if d > 0 => d -= 1,
                Some('"') if s => s = false,
                _ => break,
            }
            k = m + 1;
        }
        let next_word = chars[k..].iter().map(|x| x.1).find(|&c| !space(c));
        let followed_by_space = chars.get(k).is_none_or(|x| space(x.1));
        if d == 0 && !s && followed_by_space && !next_word.is_some_and(char::is_lowercase) {
            let at = chars.get(k).map_or(text.len(), |x| x.0);
            ends.push(at);
            // The closing quotes are read by the loop: they change `depth`.
        }
        i = j;
    }
    (!quotes || (depth == 0 && !straight)).then_some(ends)
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
