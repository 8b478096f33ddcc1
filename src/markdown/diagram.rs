//! Diagrams: a ```` ```mermaid ```` block keeps its source, as code, in a
//! `<figure class="diagram diagram-mermaid">`, inside a `<details open>`
//! labelled as the diagram's source. The theme's `diagrams.js` (loaded only
//! by pages holding such a figure) draws the diagram above it with the
//! vendored Mermaid and closes the details; without JavaScript, in print
//! before the drawing, and for screen readers, the source stays.

use comrak::Arena;
use comrak::nodes::{AstNode, NodeValue};

/// How the theme and `render` recognise a page holding a diagram.
pub const DIAGRAM_MARK: &str = "<figure class=\"diagram diagram-mermaid\">";

/// Wraps every `mermaid` code block; returns how many there were.
pub(super) fn wrap_diagrams<'a>(
    arena: &'a Arena<'a>,
    root: &'a AstNode<'a>,
    english: bool,
) -> usize {
    let blocks: Vec<&AstNode<'_>> = root
        .descendants()
        .filter(|n| match &n.data().value {
            NodeValue::CodeBlock(c) => {
                c.fenced && c.info.split_whitespace().next() == Some("mermaid")
            }
            _ => false,
        })
        .collect();
    let summary = if english {
        "Diagram source (Mermaid)"
    } else {
        "Source du diagramme (Mermaid)"
    };
    for node in &blocks {
        let open = format!(
            "{DIAGRAM_MARK}\n<details class=\"diagram-source\" open>\n<summary>{summary}</summary>\n"
        );
        node.insert_before(arena.alloc(AstNode::from(NodeValue::Raw(open))));
        node.insert_after(arena.alloc(AstNode::from(NodeValue::Raw(
            "</details>\n</figure>\n".to_string(),
        ))));
    }
    blocks.len()
}
