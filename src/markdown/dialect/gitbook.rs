//! GitBook's `{% … %}` tags, for `dialect`: container tags become
//! directives, inline ones links, unknown ones go with a note.

use super::{Container, MAX_DEPTH, Writer, find_outside_code};
use crate::markdown::COLON_MARK;

impl Writer {
    /// Rewrites the GitBook tags of one line (outside inline code).
    pub(super) fn tags(&mut self, line: &str, source: usize) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(start) = find_outside_code(rest, "{%") {
            let Some(len) = rest[start..].find("%}") else {
                break;
            };
            let inner = &rest[start + 2..start + len];
            out.push_str(&rest[..start]);
            rest = &rest[start + len + 2..];
            let tag = Tag::parse(inner);
            self.changed = true;
            match tag.name.as_str() {
                "embed" => {
                    if let Some(url) = tag.attr("url") {
                        out.push_str(&format!("<{url}>"));
                    }
                }
                "file" => {
                    if let Some(src) = tag.attr("src") {
                        // `{% file src="x" %}Légende{% endfile %}` on one line.
                        let (caption, after) = match rest.find("{%") {
                            Some(e)
                                if Tag::parse(rest[e + 2..].split("%}").next().unwrap_or(""))
                                    .name
                                    == "endfile" =>
                            {
                                let close = rest[e..].find("%}").map_or(rest.len(), |c| e + c + 2);
                                (rest[..e].trim().to_string(), &rest[close..])
                            }
                            _ => (String::new(), rest),
                        };
                        let name = if caption.is_empty() {
                            src.rsplit('/').next().unwrap_or(&src).to_string()
                        } else {
                            caption
                        };
                        out.push_str(&format!("[{}](<{src}>)", escape_label(&name)));
                        rest = after;
                    }
                }
                "endembed" | "endfile" | "raw" | "endraw" => {}
                n if n.starts_with("end") => {}
                n if CONTAINERS.contains(&n) => {
                    self.notes.push((
                        source,
                        crate::messages::msg!("gitbook-container-inline", tag = n),
                    ));
                }
                "" => out.push_str(&format!("{{%{inner}%}}")),
                n => {
                    self.notes.push((
                        source,
                        crate::messages::msg!("gitbook-unknown-tag", tag = n),
                    ));
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The lines (fences, or one empty line for a dropped tag) that stand
    /// for a container tag alone on its line, if it is one.
    pub(super) fn container(
        &mut self,
        tag: &Tag,
        indent: usize,
        source: usize,
    ) -> Option<Vec<String>> {
        if let Some(name) = tag.name.strip_prefix("end") {
            if !CONTAINERS.contains(&name) {
                return None;
            }
            // Close up to the matching open tag.
            let Some(at) = self.containers.iter().rposition(|c| c.tag == name) else {
                self.notes.push((
                    source,
                    crate::messages::msg!("gitbook-end-closes-nothing", tag = name),
                ));
                return Some(vec![String::new()]);
            };
            if self.containers.len() > at + 1 {
                self.notes.push((
                    source,
                    crate::messages::msg!("gitbook-end-closes-inner", tag = name),
                ));
            }
            let mut fences = vec![];
            while self.containers.len() > at {
                if let Some(c) = self.containers.pop()
                    && let Some((indent, len)) = c.fence
                {
                    fences.push(format!("{}{}", " ".repeat(indent), ":".repeat(len)));
                }
            }
            if fences.is_empty() {
                fences.push(String::new());
            }
            return Some(fences);
        }
        if !CONTAINERS.contains(&tag.name.as_str()) {
            return None;
        }
        if self.depth() >= MAX_DEPTH {
            self.containers.push(Container {
                tag: tag.name.clone(),
                fence: None,
            });
            return Some(vec![String::new()]);
        }
        let fence = self.fence_len();
        let info = match tag.name.as_str() {
            "hint" => {
                let style = tag.attr("style").unwrap_or_default();
                match style.as_str() {
                    "info" | "success" | "warning" | "danger" => style,
                    _ => "note".into(),
                }
            }
            "tabs" => "pb-tabs".into(),
            "tab" => format!(
                "pb-tab {}",
                tag.attr("title")
                    .unwrap_or_default()
                    .replace(':', &COLON_MARK.to_string())
            ),
            "content-ref" => "pb-card".into(),
            "code" => match tag.attr("title") {
                Some(t) => format!("pb-code {}", t.replace(':', &COLON_MARK.to_string())),
                None => "pb-code".into(),
            },
            "stepper" => "pb-steps".into(),
            _ => "pb-step".into(),
        };
        self.containers.push(Container {
            tag: tag.name.clone(),
            fence: Some((indent, fence)),
        });
        Some(vec![format!(
            "{}{}{}",
            " ".repeat(indent),
            ":".repeat(fence),
            info.trim_end()
        )])
    }
}

/// GitBook tags that hold blocks.
const CONTAINERS: &[&str] = &[
    "hint",
    "tabs",
    "tab",
    "content-ref",
    "code",
    "stepper",
    "step",
];

/// A `{% name key="value" … %}` tag.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn parse(inner: &str) -> Tag {
        let inner = inner.trim();
        let name_len = inner
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .unwrap_or(inner.len());
        let name = inner[..name_len].to_ascii_lowercase();
        let mut attrs = vec![];
        let mut rest = &inner[name_len..];
        while let Some(eq) = rest.find('=') {
            let key = rest[..eq].trim().to_ascii_lowercase();
            let after = rest[eq + 1..].trim_start();
            let (value, next) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let body = &after[1..];
                    match body.find(q) {
                        Some(end) => (&body[..end], &body[end + 1..]),
                        None => (body, ""),
                    }
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            attrs.push((key, value.to_string()));
            rest = next;
        }
        Tag { name, attrs }
    }

    fn attr(&self, key: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    }
}

/// The tag, when `trimmed` is one `{% … %}` tag and nothing else.
pub(super) fn whole_tag(trimmed: &str) -> Option<Tag> {
    let inner = trimmed.strip_prefix("{%")?.strip_suffix("%}")?;
    (!inner.contains("%}")).then(|| Tag::parse(inner))
}

/// Text safe inside `[…]`.
fn escape_label(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
