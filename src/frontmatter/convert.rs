//! Converting the generic value of a front matter into a [`FrontMatter`],
//! field by field, with forgiving rules (a single string where a list is
//! expected, a number where a string is expected) and every problem at the
//! line of its key.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use super::{FM_LINE_OFFSET, FrontMatter, PageKind, Rotation};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use crate::messages::msg;

/// The file lines of the items of the list field `key` (YAML `- ` items
/// or TOML `[[key]]` tables); `raw` starts on the file's second line.
pub(super) fn item_lines(raw: &str, key: &str) -> Vec<usize> {
    let header = format!("[[{key}]]");
    let mut lines = vec![];
    let mut inside = false;
    let mut indent = None;
    for (i, l) in raw.lines().enumerate() {
        let t = l.trim_start();
        if t == header {
            lines.push(i + 2);
            continue;
        }
        let depth = l.len() - t.len();
        if !inside {
            inside = l
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'));
            continue;
        }
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if depth == 0 && !t.starts_with('-') {
            inside = false;
            continue;
        }
        if (t.starts_with("- ") || t == "-") && *indent.get_or_insert(depth) == depth {
            lines.push(i + 2);
        }
    }
    lines
}

/// Field-by-field conversion with diagnostics that point at the key's line.
struct Conv<'a> {
    raw: &'a str,
    path: &'a Path,
    errors: Vec<Diagnostic>,
}

impl Conv<'_> {
    fn err(&mut self, key: &str, message: Message, help: Message) {
        let line = key_line(self.raw, key).map_or(0, |l| l + FM_LINE_OFFSET);
        self.errors.push(
            Diagnostic::error(self.path, line, usize::from(line > 0), message).with_help(help),
        );
    }

    fn string(&mut self, key: &str, v: Option<Value>) -> Option<String> {
        match as_text(v?) {
            Ok(text) => text,
            Err(other) => {
                self.err(
                    key,
                    msg!("fm-not-text", key = key, found = describe(&other)),
                    msg!("fm-not-text-help", key = key),
                );
                None
            }
        }
    }

    fn list(&mut self, key: &str, v: Option<Value>) -> Vec<String> {
        match v {
            None | Some(Value::Null) => vec![],
            Some(Value::Array(items)) => {
                let mut out = vec![];
                for item in items {
                    match as_text(item) {
                        Ok(Some(text)) => out.push(text),
                        Ok(None) => {}
                        Err(other) => self.err(
                            key,
                            msg!("fm-bad-list-item", key = key, found = describe(&other)),
                            msg!("fm-list-help", key = key),
                        ),
                    }
                }
                out
            }
            // A single name where a list is expected: be forgiving.
            Some(Value::String(s)) => split_names(&s),
            Some(Value::Number(n)) => vec![n.to_string()],
            Some(other) => {
                self.err(
                    key,
                    msg!("fm-not-list", key = key, found = describe(&other)),
                    msg!("fm-list-help", key = key),
                );
                vec![]
            }
        }
    }

    fn int(&mut self, key: &str, v: Option<Value>) -> Option<i64> {
        match v? {
            Value::Null => None,
            Value::Number(n) => match n.as_i64() {
                Some(i) => Some(i),
                None => {
                    self.err(
                        key,
                        msg!(
                            "fm-not-integer",
                            key = key,
                            found = describe(&Value::Number(n))
                        ),
                        msg!("fm-not-integer-help", key = key),
                    );
                    None
                }
            },
            Value::String(s) if s.trim().parse::<i64>().is_ok() => s.trim().parse().ok(),
            other => {
                self.err(
                    key,
                    msg!("fm-not-integer", key = key, found = describe(&other)),
                    msg!("fm-not-integer-help", key = key),
                );
                None
            }
        }
    }

    fn bool(&mut self, key: &str, v: Option<Value>) -> bool {
        match v {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => b,
            Some(Value::String(s)) if matches!(s.as_str(), "true" | "oui" | "yes") => true,
            Some(Value::String(s)) if matches!(s.as_str(), "false" | "non" | "no") => false,
            Some(other) => {
                self.err(
                    key,
                    msg!("fm-not-bool", key = key, found = describe(&other)),
                    msg!("fm-not-bool-help", key = key),
                );
                false
            }
        }
    }
}

/// A scalar as text (`None` for null), or the value back when it is a list
/// or a table.
fn as_text(v: Value) -> Result<Option<String>, Value> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s)),
        Value::Number(n) => Ok(Some(n.to_string())),
        Value::Bool(b) => Ok(Some(b.to_string())),
        other => Err(other),
    }
}

/// Splits "A, B et C" into names, for a single string where a list is expected.
fn split_names(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .flat_map(|p| p.split(" et "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// What a value is, in words.
fn describe(v: &Value) -> Message {
    match v {
        Value::Null => msg!("value-nothing"),
        Value::Bool(b) => msg!("value-bool", value = b.to_string()),
        Value::Number(n) => msg!("value-number", value = n.to_string()),
        Value::String(s) => msg!("value-text", value = s.as_str()),
        Value::Array(_) => msg!("value-list"),
        Value::Object(_) => msg!("value-table"),
    }
}

/// The 0-based line of `key` at the start of a line in the raw block.
fn key_line(raw: &str, key: &str) -> Option<usize> {
    raw.lines()
        .position(|l| {
            l.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with([':', '=']))
        })
        .map(|i| i + 1)
}

pub(super) fn convert(
    value: Value,
    raw: &str,
    path: &Path,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let Value::Object(mut map) = value else {
        return Err(vec![
            Diagnostic::error(path, 2, 1, msg!("fm-not-fields", found = describe(&value)))
                .with_help(msg!("fm-not-fields-help")),
        ]);
    };
    let mut c = Conv {
        raw,
        path,
        errors: vec![],
    };
    let mut fm = FrontMatter {
        title: c.string("title", map.remove("title")),
        description: c.string("description", map.remove("description")),
        date: c.string("date", map.remove("date")),
        updated: c.string("updated", map.remove("updated")),
        authors: c.list("authors", map.remove("authors")),
        tags: c.list("tags", map.remove("tags")),
        aliases: c.list("aliases", map.remove("aliases")),
        kind: None,
        order: c.int("order", map.remove("order")),
        draft: c.bool("draft", map.remove("draft")),
        facilitators: c.list("facilitators", map.remove("facilitators")),
        scribes: c.list("scribes", map.remove("scribes")),
        timekeepers: c.list("timekeepers", map.remove("timekeepers")),
        participants: c.list("participants", map.remove("participants")),
        rotations: vec![],
        axis: c.string("axis", map.remove("axis")),
        level: c.string("level", map.remove("level")),
        extra: BTreeMap::new(),
        item_lines: ["actions", "jalons"]
            .into_iter()
            .map(|k| (k.to_string(), item_lines(raw, k)))
            .filter(|(_, l)| !l.is_empty())
            .collect(),
    };
    if let Some(k) = c.string("kind", map.remove("kind")) {
        match PageKind::parse(&k) {
            Some(kind) => fm.kind = Some(kind),
            None => c.err(
                "kind",
                msg!("fm-unknown-kind", kind = k.as_str()),
                msg!("fm-unknown-kind-help"),
            ),
        }
    }
    if let Some(title) = &fm.title
        && title.trim().is_empty()
    {
        fm.title = None;
    }
    match map.remove("rotations") {
        None | Some(Value::Null) => {}
        Some(Value::Array(items)) => {
            for item in items {
                match item {
                    Value::Object(mut r) => {
                        let rotation = Rotation {
                            number: c.int("rotations", r.remove("number")),
                            title: c.string("rotations", r.remove("title")).unwrap_or_default(),
                            start: c.string("rotations", r.remove("start")),
                            end: c.string("rotations", r.remove("end")),
                            is_break: c.bool("rotations", r.remove("break")),
                            scribes: c.list("rotations", r.remove("scribes")),
                            timekeepers: c.list("rotations", r.remove("timekeepers")),
                            participants: c.list("rotations", r.remove("participants")),
                        };
                        fm.rotations.push(rotation);
                    }
                    Value::String(title) => fm.rotations.push(Rotation {
                        title,
                        ..Rotation::default()
                    }),
                    other => c.err(
                        "rotations",
                        msg!("fm-bad-rotation", found = describe(&other)),
                        msg!("fm-bad-rotation-help"),
                    ),
                }
            }
        }
        Some(other) => c.err(
            "rotations",
            msg!("fm-rotations-not-list", found = describe(&other)),
            msg!("fm-rotations-not-list-help"),
        ),
    }
    fm.extra = map.into_iter().collect();
    if c.errors.is_empty() {
        Ok(fm)
    } else {
        Err(c.errors)
    }
}
