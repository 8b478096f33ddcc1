//! The sentence around a link, for the backlinks of the page it leads to.

use comrak::arena_tree::NodeEdge;
use comrak::nodes::{AstNode, NodeValue};

use super::walk::obsidian::inline_embed_text;

/// The text of one block (paragraph, cell or heading) with its sentence
/// ends and where each of its nodes sits in it: computed once for all the
/// links of the block, which made backlink excerpts quadratic in the number
/// of links of a paragraph when each link re-read its block.
pub(super) struct BlockText<'a> {
    block: &'a AstNode<'a>,
    text: String,
    ends: Vec<usize>,
    /// Each link of the block and its byte range in `text`.
    spans: Vec<(&'a AstNode<'a>, usize, usize)>,
}

impl<'a> BlockText<'a> {
    fn of(block: &'a AstNode<'a>) -> BlockText<'a> {
        let mut text = String::new();
        let mut spans = vec![];
        let mut open = vec![];
        // Depth inside an image or an embed: the walk turns them into markup
        // without text (a page embed left inline into a link showing its
        // label), so their alt text is not part of the sentence.
        let mut hidden = 0usize;
        let mut after_media = false;
        for edge in block.traverse() {
            match edge {
                NodeEdge::Start(n) => {
                    open.push(text.len());
                    if hidden > 0 {
                        hidden += 1;
                        continue;
                    }
                    match &n.data().value {
                        NodeValue::Image(_) => hidden = 1,
                        NodeValue::WikiLink(w) if w.embed => {
                            if let Some(label) = inline_embed_text(n, &w.url) {
                                text.push_str(&label);
                            }
                            hidden = 1;
                        }
                        NodeValue::Text(t) => {
                            // `gauche ![[icone.svg]].`: no space left before the `.`.
                            if after_media && t.starts_with(['.', ',']) {
                                text.truncate(text.trim_end().len());
                            }
                            text.push_str(t);
                        }
                        NodeValue::Code(c) => text.push_str(&c.literal),
                        NodeValue::SoftBreak | NodeValue::LineBreak => text.push(' '),
                        _ => {}
                    }
                }
                NodeEdge::End(n) => {
                    let start = open.pop().unwrap_or(0).min(text.len());
                    hidden = hidden.saturating_sub(1);
                    let value = &n.data().value;
                    after_media = is_media(value);
                    if matches!(value, NodeValue::Link(_) | NodeValue::WikiLink(_)) {
                        spans.push((n, start, text.len()));
                    }
                }
            }
        }
        let ends = ends_of(&text);
        BlockText {
            block,
            text,
            ends,
            spans,
        }
    }
}

/// An image, or an embed (`![[x.png]]`, `![[Note]]`).
fn is_media(value: &NodeValue) -> bool {
    match value {
        NodeValue::Image(_) => true,
        NodeValue::WikiLink(w) => w.embed,
        _ => false,
    }
}

/// The block whose sentence a link is quoted in.
fn enclosing_block<'a>(node: &'a AstNode<'a>) -> &'a AstNode<'a> {
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
    block
}

/// The sentence of the enclosing paragraph (or cell, or heading) around a
/// link; `memo` keeps the last block read, for the next link of the block.
pub(super) fn link_context<'a>(node: &'a AstNode<'a>, memo: &mut Option<BlockText<'a>>) -> String {
    let block = enclosing_block(node);
    if memo.as_ref().is_some_and(|m| !m.block.same_node(block)) {
        *memo = None;
    }
    let m = memo.get_or_insert_with(|| BlockText::of(block));
    let (start, end) = m
        .spans
        .iter()
        .find(|s| s.0.same_node(node))
        .map_or((0, 0), |s| (s.1, s.2));
    around(&m.text, &m.ends, start, end.max(start))
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
    around(text, &ends_of(text), start, end)
}

/// The sentence ends of `text`, its quotes ignored when they do not pair up.
fn ends_of(text: &str) -> Vec<usize> {
    sentence_ends(text, true)
        .or_else(|| sentence_ends(text, false))
        .unwrap_or_default()
}

/// [`sentence_around`], the sentence ends of `text` known.
fn around(text: &str, ends: &[usize], start: usize, end: usize) -> String {
    const MAX: usize = 150;
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
    // The character at byte `i`, if any.
    let at = |i: usize| text[i..].chars().next();
    let mut ends = vec![];
    let mut depth: usize = 0;
    let mut straight = false; // inside "…"
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Every character that matters is `.`, `!`, `?`, `"` or starts with
        // 0xC2 (`«`, `»`) or 0xE2 (`…`, `“`, `”`, `‹`, `›`): skip the rest
        // without decoding it.
        let Some(skip) = bytes[i..].iter().position(|&b| MATTERS[usize::from(b)]) else {
            break;
        };
        i += skip;
        let Some(c) = at(i) else { break };
        if quotes {
            match c {
                '«' | '“' | '‹' => depth += 1,
                '»' | '”' | '›' => depth = depth.checked_sub(1)?,
                '"' => straight = !straight,
                _ => {}
            }
        }
        if !is_end(c) {
            i += c.len_utf8();
            continue;
        }
        // A run of enders (`?!`, `...`), then the quotes it closes.
        let mut j = i;
        while let Some(e) = at(j).filter(|&e| is_end(e)) {
            j += e.len_utf8();
        }
        let (mut d, mut s) = (depth, straight);
        let mut k = j;
        while quotes && (d > 0 || s) {
            let m = text.len() - text[k..].trim_start_matches(space).len();
            let q = at(m);
            match q {
                Some('»' | '”' | '›') if d > 0 => d -= 1,
                Some('"') if s => s = false,
                _ => break,
            }
            k = m + q.map_or(0, char::len_utf8);
        }
        let next_word = text[k..].chars().find(|&c| !space(c));
        let followed_by_space = at(k).is_none_or(space);
        if d == 0 && !s && followed_by_space && !next_word.is_some_and(char::is_lowercase) {
            ends.push(k);
            // The closing quotes are read by the loop: they change `depth`.
        }
        i = j;
    }
    (!quotes || (depth == 0 && !straight)).then_some(ends)
}

/// The bytes [`sentence_ends`] stops at.
const MATTERS: [bool; 256] = {
    let mut t = [false; 256];
    let mut k = 0;
    let bytes = *b".!?\"\xC2\xE2";
    while k < bytes.len() {
        t[bytes[k] as usize] = true;
        k += 1;
    }
    t
};

fn floor_boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}
