//! The lines of a stakeholder map's actors in its file, so that each
//! warning of `read` points at the line to fix: YAML block lists (one item
//! per dash at the list's indentation) and TOML tables (`[[acteurs]]`).

use super::KEYS;

/// The lines of the actors in the file, for the diagnostics: YAML block
/// lists (`- nom: …`, one item per dash at the list's indentation) and TOML
/// tables (`[[acteurs]]`). 1-based; 0 when not found.
pub(super) struct Lines {
    /// The `acteurs:` line.
    pub(super) key: usize,
    /// The `kind:` line.
    pub(super) kind: usize,
    /// The first line of each item, and the line after the list.
    items: Vec<usize>,
    end: usize,
    text: Vec<String>,
}

impl Lines {
    pub(super) fn of(text: &str) -> Lines {
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        // The front matter: up to the closing delimiter.
        let end = lines
            .iter()
            .enumerate()
            .skip(1)
            .find(|(_, l)| matches!(l.trim_end(), "---" | "+++" | "..."))
            .map_or(lines.len(), |(i, _)| i);
        let is_key = |l: &str, keys: &[&str]| {
            keys.iter().any(|k| {
                l.strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
            })
        };
        let kind = lines[..end]
            .iter()
            .position(|l| is_key(l, &["kind", "type"]))
            .map_or(0, |i| i + 1);
        let mut key = 0;
        let mut items = vec![];
        let mut list_end = end + 1;
        let mut indent: Option<usize> = None;
        let mut toml = false;
        for (i, l) in lines[..end].iter().enumerate() {
            let header = l.trim();
            if KEYS.iter().any(|k| header == format!("[[{k}]]")) {
                if key == 0 {
                    key = i + 1;
                }
                toml = true;
                items.push(i + 1);
                continue;
            }
            if toml {
                // Another table ends the actors.
                if header.starts_with('[') {
                    list_end = i + 1;
                    break;
                }
                continue;
            }
            if key == 0 && is_key(l, &KEYS) {
                key = i + 1;
                continue;
            }
            if key == 0 {
                continue;
            }
            let body = l.trim_start();
            let width = l.len() - body.len();
            if width == 0 && !body.is_empty() && !body.starts_with(['#', '-']) {
                if list_end > end {
                    list_end = i + 1;
                }
                break;
            }
            if body.starts_with("- ") || body == "-" {
                let at = *indent.get_or_insert(width);
                if width == at {
                    items.push(i + 1);
                }
            }
        }
        Lines {
            key,
            kind,
            items,
            end: list_end.min(end + 1),
            text: lines,
        }
    }

    /// The first line of item `i`.
    pub(super) fn item(&self, i: usize) -> usize {
        self.items.get(i).copied().unwrap_or(self.key)
    }

    /// The line of one of `keys` in item `i`, else the item's line.
    pub(super) fn field(&self, i: usize, keys: &[&str]) -> usize {
        let Some(&start) = self.items.get(i) else {
            return self.key;
        };
        let stop = self.items.get(i + 1).copied().unwrap_or(self.end);
        for n in start..stop {
            let Some(l) = self.text.get(n - 1) else { break };
            let body = l
                .trim_start()
                .trim_start_matches("- ")
                .trim_start_matches('{');
            let body = body.trim_start();
            if keys.iter().any(|k| {
                body.strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
            }) {
                return n;
            }
        }
        start
    }
}
