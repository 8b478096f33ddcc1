//! Boxes around blocks, as HTML: Obsidian and GitHub callouts
//! (`> [!tip]- Titre`), the `:::` containers of VuePress, VitePress and
//! Docusaurus, and what `dialect` made of MkDocs admonitions and GitBook
//! tags (hints, tabs, link cards, captioned code, steps).
//!
//! comrak parses them (`Callout`, `BlockDirective`); here each one is
//! replaced in the tree by raw HTML around its own children, so what is
//! inside (Markdown, wikilinks) goes through the rest of the page's
//! processing. Default titles are in the site's language (`i18n::callout`).
//! A foldable box is a `<details>`; tabs are radio buttons and CSS, so they
//! work without JavaScript and print as sections.

use comrak::Arena;
use comrak::nodes::{AstNode, CalloutFold, NodeValue};

use crate::i18n;
use crate::text::escape_html;

/// What a container's info string says: `tip`, `tip- Titre`,
/// `note[Titre]`, `warning+ "Titre"`, `info ""`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Info {
    pub kind: String,
    pub fold: CalloutFold,
    /// `None`: the default title; `Some("")`: no title at all.
    pub title: Option<String>,
}

impl Info {
    pub(super) fn parse(info: &str) -> Info {
        let info = info.replace(super::COLON_MARK, ":");
        let info = info.trim();
        let b = info.as_bytes();
        // The type: letters, digits, `_`, and `-` between them.
        let mut end = 0;
        while end < b.len()
            && (b[end].is_ascii_alphanumeric()
                || b[end] == b'_'
                || (b[end] == b'-' && b.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)))
        {
            end += 1;
        }
        let kind = info[..end].to_ascii_lowercase();
        let mut rest = &info[end..];
        let fold = match rest.chars().next() {
            Some('+') => CalloutFold::Expanded,
            Some('-') => CalloutFold::Collapsed,
            _ => CalloutFold::None,
        };
        if fold != CalloutFold::None {
            rest = &rest[1..];
        }
        let rest = rest.trim();
        let title = if let Some(t) = rest.strip_prefix('[') {
            Some(t.strip_suffix(']').unwrap_or(t).trim().to_string())
        } else if let Some(t) = rest.strip_prefix('"') {
            Some(t.strip_suffix('"').unwrap_or(t).to_string())
        } else if rest.is_empty() {
            None
        } else {
            Some(rest.to_string())
        };
        Info { kind, fold, title }
    }
}

/// Gives each `:::` container with a title a `CalloutTitle` child holding
/// that title parsed as Markdown (VuePress renders `::: tip <a href="…">…</a>`
/// as a link), before the page's links and raw HTML are processed.
pub(super) fn graft_titles<'a>(
    arena: &'a Arena<'a>,
    root: &'a AstNode<'a>,
    options: &comrak::Options,
) {
    let directives: Vec<&AstNode<'_>> = root
        .descendants()
        .filter(|n| matches!(n.data().value, NodeValue::BlockDirective(_)))
        .collect();
    for node in directives {
        let (info, line) = match &node.data().value {
            NodeValue::BlockDirective(d) => {
                (Info::parse(&d.info), node.data().sourcepos.start.line)
            }
            _ => continue,
        };
        let Some(title) = info.title.filter(|t| !t.trim().is_empty()) else {
            continue;
        };
        if info.kind.starts_with("pb-") {
            continue;
        }
        let doc = comrak::parse_document(arena, &title, options);
        let Some(paragraph) = doc.first_child() else {
            continue;
        };
        for n in paragraph.descendants() {
            let mut d = n.data_mut();
            d.sourcepos.start.line = line;
            d.sourcepos.end.line = line;
        }
        paragraph.detach();
        let holder = arena.alloc(AstNode::from(NodeValue::CalloutTitle));
        holder.append(paragraph);
        node.prepend(holder);
    }
}

/// Replaces every callout and container of the tree by HTML.
pub(super) fn rewrite<'a>(arena: &'a Arena<'a>, root: &'a AstNode<'a>, english: bool) {
    let boxes: Vec<&AstNode<'_>> = root
        .descendants()
        .filter(|n| {
            matches!(
                n.data().value,
                NodeValue::Callout(_) | NodeValue::BlockDirective(_)
            )
        })
        .collect();
    let mut tabs = 0;
    for node in boxes {
        let value = node.data().value.clone();
        match value {
            NodeValue::Callout(c) => {
                let title_node = node
                    .first_child()
                    .filter(|t| matches!(t.data().value, NodeValue::CalloutTitle));
                let kind = safe_kind(&c.callout_type);
                callout(
                    arena,
                    node,
                    &kind,
                    c.fold,
                    title_node.map(Title::Nodes),
                    english,
                );
            }
            NodeValue::BlockDirective(d) => {
                let info = Info::parse(&d.info);
                match info.kind.as_str() {
                    "pb-tabs" => {
                        tabs += 1;
                        tab_set(arena, node, tabs);
                    }
                    // Panels are written by their set; a stray one is a plain box.
                    "pb-tab" | "pb-card" => {
                        wrap(arena, node, "<div class=\"link-card\">\n", "</div>\n");
                    }
                    "pb-code" => {
                        let caption = info
                            .title
                            .filter(|t| !t.is_empty())
                            .map(|t| format!("<figcaption>{}</figcaption>\n", escape_html(&t)))
                            .unwrap_or_default();
                        wrap(
                            arena,
                            node,
                            &format!("<figure class=\"code-figure\">\n{caption}"),
                            "</figure>\n",
                        );
                    }
                    "pb-steps" => wrap(arena, node, "<ol class=\"steps\">\n", "</ol>\n"),
                    "pb-step" => wrap(arena, node, "<li class=\"step\">\n", "</li>\n"),
                    "" => wrap(arena, node, "<div class=\"container\">\n", "</div>\n"),
                    kind => {
                        // VuePress's `details` folds, closed.
                        let fold = if kind == "details" && info.fold == CalloutFold::None {
                            CalloutFold::Collapsed
                        } else {
                            info.fold
                        };
                        let kind = safe_kind(kind);
                        // A title `graft_titles` parsed as Markdown, or none / `""`.
                        let title = match node.first_child() {
                            Some(t) if matches!(t.data().value, NodeValue::CalloutTitle) => {
                                Some(Title::Nodes(t))
                            }
                            _ => info.title.map(Title::Text),
                        };
                        callout(arena, node, &kind, fold, title, english);
                    }
                }
            }
            _ => {}
        }
    }
}

/// A callout's title: its own Markdown, or plain text from an info string.
enum Title<'a> {
    Nodes(&'a AstNode<'a>),
    Text(String),
}

/// The type as it may appear in a class name: lower-case letters, digits, `-`.
fn safe_kind(kind: &str) -> String {
    let k: String = kind
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    if k.trim_matches('-').is_empty() {
        "note".into()
    } else {
        k
    }
}

fn callout<'a>(
    arena: &'a Arena<'a>,
    node: &'a AstNode<'a>,
    kind: &str,
    fold: CalloutFold,
    title: Option<Title<'a>>,
    english: bool,
) {
    let (family, default_title) = i18n::callout(kind, english);
    let (tag, head) = match fold {
        CalloutFold::None => ("div", "p"),
        _ => ("details", "summary"),
    };
    let open = if fold == CalloutFold::Expanded {
        " open"
    } else {
        ""
    };
    raw_before(
        arena,
        node,
        &format!("<{tag} class=\"callout callout-{family}\" data-callout=\"{kind}\"{open}>\n"),
    );
    match title {
        Some(Title::Nodes(t)) => {
            // The title's inlines, moved out of their paragraph.
            raw_before(arena, node, &format!("<{head} class=\"callout-title\">"));
            for block in t.children().collect::<Vec<_>>() {
                for inline in block.children().collect::<Vec<_>>() {
                    inline.detach();
                    node.insert_before(inline);
                }
            }
            t.detach();
            raw_before(arena, node, &format!("</{head}>\n"));
        }
        Some(Title::Text(t)) if t.is_empty() && fold == CalloutFold::None => {}
        Some(Title::Text(t)) => {
            let t = if t.is_empty() { default_title } else { t };
            raw_before(
                arena,
                node,
                &format!(
                    "<{head} class=\"callout-title\">{}</{head}>\n",
                    escape_html(&t)
                ),
            );
        }
        None => raw_before(
            arena,
            node,
            &format!(
                "<{head} class=\"callout-title\">{}</{head}>\n",
                escape_html(&default_title)
            ),
        ),
    }
    wrap(
        arena,
        node,
        "<div class=\"callout-body\">\n",
        &format!("</div>\n</{tag}>\n"),
    );
}

/// Tabs: a radio button and a label per panel, then the panels; the theme's
/// CSS shows the panel of the checked button, and every panel in print.
fn tab_set<'a>(arena: &'a Arena<'a>, node: &'a AstNode<'a>, set: usize) {
    let panels: Vec<(&AstNode<'_>, String)> = node
        .children()
        .filter_map(|c| match &c.data().value {
            NodeValue::BlockDirective(d) => {
                let info = Info::parse(&d.info);
                (info.kind == "pb-tab").then(|| (c, info.title.unwrap_or_default()))
            }
            _ => None,
        })
        .collect();
    let mut head = String::from("<div class=\"tabs\">\n");
    for (i, (_, title)) in panels.iter().enumerate() {
        let id = format!("pb-tabs-{set}-{}", i + 1);
        head.push_str(&format!(
            "<input type=\"radio\" class=\"tab-radio\" name=\"pb-tabs-{set}\" id=\"{id}\"{}><label class=\"tab-label\" for=\"{id}\">{}</label>\n",
            if i == 0 { " checked" } else { "" },
            escape_html(title)
        ));
    }
    for (panel, title) in panels {
        wrap(
            arena,
            panel,
            &format!(
                "<div class=\"tab-panel\">\n<p class=\"tab-title\">{}</p>\n",
                escape_html(&title)
            ),
            "</div>\n",
        );
    }
    wrap(arena, node, &head, "</div>\n");
}

/// Replaces `node` by `open`, its children, `close`.
fn wrap<'a>(arena: &'a Arena<'a>, node: &'a AstNode<'a>, open: &str, close: &str) {
    raw_before(arena, node, open);
    while let Some(c) = node.first_child() {
        c.detach();
        node.insert_before(c);
    }
    raw_before(arena, node, close);
    node.detach();
}

fn raw_before<'a>(arena: &'a Arena<'a>, node: &'a AstNode<'a>, html: &str) {
    node.insert_before(arena.alloc(AstNode::from(NodeValue::Raw(html.to_string()))));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_strings_of_every_tool() {
        let i = |s: &str| Info::parse(s);
        assert_eq!(
            i("tip Titre VuePress"),
            Info {
                kind: "tip".into(),
                fold: CalloutFold::None,
                title: Some("Titre VuePress".into())
            }
        );
        assert_eq!(
            i("note[Docusaurus]"),
            Info {
                kind: "note".into(),
                fold: CalloutFold::None,
                title: Some("Docusaurus".into())
            }
        );
        assert_eq!(
            i("warning+ \"Ouvert\""),
            Info {
                kind: "warning".into(),
                fold: CalloutFold::Expanded,
                title: Some("Ouvert".into())
            }
        );
        assert_eq!(
            i("tip-"),
            Info {
                kind: "tip".into(),
                fold: CalloutFold::Collapsed,
                title: None
            }
        );
        assert_eq!(
            i("info \"\""),
            Info {
                kind: "info".into(),
                fold: CalloutFold::None,
                title: Some(String::new())
            }
        );
        assert_eq!(
            i("pb-tab Windows 11"),
            Info {
                kind: "pb-tab".into(),
                fold: CalloutFold::None,
                title: Some("Windows 11".into())
            }
        );
        assert_eq!(
            i("Tip"),
            Info {
                kind: "tip".into(),
                fold: CalloutFold::None,
                title: None
            }
        );
        assert_eq!(
            i(""),
            Info {
                kind: String::new(),
                fold: CalloutFold::None,
                title: None
            }
        );
    }

    #[test]
    fn kinds_are_safe_in_a_class() {
        assert_eq!(safe_kind("Tip"), "tip");
        assert_eq!(safe_kind("a\"><script>"), "a---script-");
        assert_eq!(safe_kind("\"\""), "note");
    }
}
