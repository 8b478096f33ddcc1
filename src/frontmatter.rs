//! Front matter: YAML between `---` lines or TOML between `+++` lines, at the
//! very top of a page.
//!
//! Parsing is pure. The raw block is first read into a generic JSON value
//! (so both syntaxes share one path), then converted field by field with
//! forgiving rules (a single string where a list is expected, a number where
//! a string is expected). Every problem is reported with its line.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, line_col};
use crate::messages::Message;
use crate::messages::msg;

mod faults;

/// What kind of page this is; each kind has its own layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    #[default]
    Page,
    Minutes,
    Guide,
    Typology,
    /// A stakeholder map (`kind: cartographie`, see `stakeholders`).
    Stakeholders,
}

impl PageKind {
    fn parse(s: &str) -> Option<PageKind> {
        match s.trim().to_lowercase().as_str() {
            "page" => Some(PageKind::Page),
            "minutes" | "compte-rendu" | "atelier" => Some(PageKind::Minutes),
            "guide" => Some(PageKind::Guide),
            "typology" | "typologie" => Some(PageKind::Typology),
            "stakeholders" | "cartographie" => Some(PageKind::Stakeholders),
            _ => None,
        }
    }
}

/// One rotation (round) of a workshop, or a break.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Rotation {
    pub number: Option<i64>,
    pub title: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub is_break: bool,
    pub scribes: Vec<String>,
    pub timekeepers: Vec<String>,
    pub participants: Vec<String>,
}

/// The known front-matter fields; everything else lands in `extra`.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    pub date: Option<String>,
    pub updated: Option<String>,
    pub authors: Vec<String>,
    pub tags: Vec<String>,
    pub aliases: Vec<String>,
    pub kind: Option<PageKind>,
    pub order: Option<i64>,
    pub draft: bool,
    pub facilitators: Vec<String>,
    pub scribes: Vec<String>,
    pub timekeepers: Vec<String>,
    pub participants: Vec<String>,
    pub rotations: Vec<Rotation>,
    pub axis: Option<String>,
    pub level: Option<String>,
    pub extra: BTreeMap<String, Value>,
    /// f-actions: for the list fields `actions` and `jalons`, the file line
    /// of each item (for the diagnostics of the actions stage).
    #[serde(skip)]
    pub item_lines: BTreeMap<String, Vec<usize>>,
}

/// The file lines of the items of the list field `key` (YAML `- ` items
/// or TOML `[[key]]` tables); `raw` starts on the file's second line.
fn item_lines(raw: &str, key: &str) -> Vec<usize> {
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

/// The result of splitting a page: its front matter and where the body starts.
#[derive(Debug)]
pub struct Split<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// Number of lines before the body (to turn body lines into file lines).
    pub body_line_offset: usize,
    /// What was read anyway (a key written twice: the last value is kept).
    pub warnings: Vec<Diagnostic>,
}

/// Splits `text` into front matter and body and parses the front matter.
/// `path` is only used in diagnostics.
pub fn split<'a>(text: &'a str, path: &Path) -> Result<Split<'a>, Vec<Diagnostic>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_line_end].trim_end();
    let (delim, yaml) = match first {
        "---" => ("---", true),
        "+++" => ("+++", false),
        _ => {
            return Ok(Split {
                front: FrontMatter::default(),
                body: text,
                body_line_offset: 0,
                warnings: vec![],
            });
        }
    };
    // Find the closing delimiter line.
    let mut pos = first_line_end;
    let mut close = None;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        let line = text[pos..end].trim_end();
        if line == delim || (yaml && line == "...") {
            close = Some((pos, end));
            break;
        }
        pos = end;
    }
    let Some((close_start, close_end)) = close else {
        return Err(vec![
            Diagnostic::error(path, 1, 1, msg!("fm-never-closed", delim = delim))
                .with_help(msg!("fm-never-closed-help", delim = delim)),
        ]);
    };
    let raw = &text[first_line_end..close_start];
    let body_line_offset = text[..close_end].matches('\n').count();
    let (value, warnings) = if yaml {
        parse_yaml(raw, path)?
    } else {
        (parse_toml(raw, path)?, vec![])
    };
    let front = convert(without_nul(value), raw, path)?;
    Ok(Split {
        front,
        body: &text[close_end..],
        body_line_offset,
        warnings,
    })
}

/// Replaces NUL (written `\0` in YAML, `\u0000` in TOML) with U+FFFD, as
/// CommonMark does in the body: a NUL must not reach the HTML.
fn without_nul(v: Value) -> Value {
    let clean = |s: String| {
        if s.contains('\0') {
            s.replace('\0', "\u{FFFD}")
        } else {
            s
        }
    };
    match v {
        Value::String(s) => Value::String(clean(s)),
        Value::Array(a) => Value::Array(a.into_iter().map(without_nul).collect()),
        Value::Object(o) => Value::Object(
            o.into_iter()
                .map(|(k, v)| (clean(k), without_nul(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Line offset of the front-matter block inside the file (the opening delimiter).
const FM_LINE_OFFSET: usize = 1;

fn parse_yaml(raw: &str, path: &Path) -> Result<(Value, Vec<Diagnostic>), Vec<Diagnostic>> {
    if raw.trim().is_empty() {
        return Ok((Value::Object(Default::default()), vec![]));
    }
    let options = serde_saphyr::options! { strict_booleans: true };
    let error = match serde_saphyr::from_str_with_options::<Value>(raw, options) {
        Ok(Value::Null) => return Ok((Value::Object(Default::default()), vec![])),
        Ok(v) => return Ok((v, vec![])),
        Err(e) => yaml_diagnostic(raw, path, &e),
    };
    // A key written twice: most YAML readers (MkDocs' among them) keep the
    // last value; so do we, with a warning.
    if error.message.id == "fm-duplicate-key" {
        let options = serde_saphyr::options! {
            strict_booleans: true,
            duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
        };
        if let Ok(v) = serde_saphyr::from_str_with_options::<Value>(raw, options) {
            let warning = Diagnostic {
                severity: crate::diagnostic::Severity::Warning,
                message: msg!("fm-duplicate-key-kept", fault = error.message.clone()),
                ..error
            };
            return Ok((v, vec![warning]));
        }
    }
    Err(vec![error])
}

/// The diagnostic of a YAML error, at its line in the file.
fn yaml_diagnostic(raw: &str, path: &Path, e: &serde_saphyr::Error) -> Diagnostic {
    // By offset, so that lines are counted as in every other
    // diagnostic: YAML also breaks lines at a lone `\r`.
    let (line, col) = e.location().map_or((0, 0), |l| match yaml_offset(raw, &l) {
        Some(off) => line_col(raw, off),
        None => (l.line() as usize, l.column() as usize),
    });
    let msg = e.without_snippet().to_string();
    let msg = msg.lines().next().unwrap_or("invalid YAML").trim();
    // The parser's own `at line …` counts from the block, not the file,
    // and the diagnostic already gives the position.
    let msg = msg.split(" at line ").next().unwrap_or(msg).trim();
    if let Some(rest) = msg.strip_prefix("duplicate mapping key: ") {
        let key = rest
            .split(", set DuplicateKeyPolicy")
            .next()
            .unwrap_or(rest);
        return Diagnostic::error(
            path,
            line + FM_LINE_OFFSET,
            col,
            msg!("fm-duplicate-key", key = key),
        )
        .with_help(msg!("fm-duplicate-key-help", key = key));
    }
    let fault = faults::explain(raw, msg, line, col);
    Diagnostic::error(path, fault.line + FM_LINE_OFFSET, fault.col, fault.message)
        .with_help(fault.help)
}

/// Byte offset in `raw` of a YAML error location.
fn yaml_offset(raw: &str, l: &serde_saphyr::Location) -> Option<usize> {
    if let Some(b) = l.span().byte_offset() {
        return usize::try_from(b).ok();
    }
    let chars = usize::try_from(l.span().offset()).ok()?;
    raw.char_indices()
        .map(|(i, _)| i)
        .chain([raw.len()])
        .nth(chars)
}

fn parse_toml(raw: &str, path: &Path) -> Result<Value, Vec<Diagnostic>> {
    match toml::from_str::<toml::Table>(raw) {
        Ok(t) => Ok(toml_to_json(toml::Value::Table(t))),
        Err(e) => {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(raw, s.start));
            let msg = e
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_string();
            let key = e.span().and_then(|s| raw.get(s)).map(str::trim);
            let (msg, help) = match key {
                Some(key) if msg == "duplicate key" && !key.is_empty() => (
                    msg!("fm-toml-duplicate-key", key = key),
                    msg!("fm-toml-duplicate-key-help", key = key),
                ),
                _ => (
                    msg!("fm-toml-other", reason = msg),
                    msg!("fm-toml-other-help"),
                ),
            };
            Err(vec![
                Diagnostic::error(path, line + FM_LINE_OFFSET, col, msg).with_help(help),
            ])
        }
    }
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
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
            Diagnostic::error(self.path, line, if line > 0 { 1 } else { 0 }, message)
                .with_help(help),
        );
    }

    fn string(&mut self, key: &str, v: Option<Value>) -> Option<String> {
        match v? {
            Value::Null => None,
            Value::String(s) => Some(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            other => {
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
                    match item {
                        Value::String(s) => out.push(s),
                        Value::Number(n) => out.push(n.to_string()),
                        Value::Bool(b) => out.push(b.to_string()),
                        Value::Null => {}
                        other => self.err(
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

fn convert(value: Value, raw: &str, path: &Path) -> Result<FrontMatter, Vec<Diagnostic>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    fn p() -> &'static Path {
        Path::new("content/a.md")
    }

    #[test]
    fn no_front_matter() {
        let s = split("# Titre\n\ntexte", p()).unwrap();
        assert_eq!(s.front, FrontMatter::default());
        assert_eq!(s.body_line_offset, 0);
    }

    #[test]
    fn yaml_and_toml_agree() {
        let y = split("---\ntitle: Été\ndate: 2025-08-12\ntags: [a, b]\nkind: guide\norder: 3\ncouleur: bleu\n---\nCorps\n", p()).unwrap();
        let t = split("+++\ntitle = \"Été\"\ndate = 2025-08-12\ntags = [\"a\", \"b\"]\nkind = \"guide\"\norder = 3\ncouleur = \"bleu\"\n+++\nCorps\n", p()).unwrap();
        assert_eq!(y.front, t.front);
        assert_eq!(y.front.title.as_deref(), Some("Été"));
        assert_eq!(y.front.date.as_deref(), Some("2025-08-12"));
        assert_eq!(y.front.kind, Some(PageKind::Guide));
        assert_eq!(y.front.extra["couleur"], Value::String("bleu".into()));
        assert_eq!(y.body, "Corps\n");
        assert_eq!(y.body_line_offset, 8);
    }

    #[test]
    fn malformed_yaml_points_at_the_line() {
        let e = split("---\ntitle: ok\ntags: [a, b\n---\n", p()).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!((e[0].line, e[0].col), (3, 7), "{:?}", e[0]);
        assert_eq!(
            e[0].render(Lang::Fr),
            "content/a.md:3:7: erreur : le `[` ouvert sur cette ligne n'est jamais fermé par `]`\n  \
             aide : fermez-le par `]` sur la même ligne : `tags: [a, b]`"
        );
    }

    /// The common faults of hand-written YAML, each at its line (in the
    /// file) with the fix, not the parser's words (issue 16: an unclosed
    /// `[` read "illegal placement of ':'" on the next line).
    #[test]
    fn yaml_faults_are_explained_in_french() {
        let fault = |fm: &str| {
            let e = split(&format!("---\n{fm}---\nCorps\n"), p()).unwrap_err();
            assert_eq!(e.len(), 1, "{e:?}");
            e[0].render(Lang::Fr)
        };
        insta::assert_snapshot!(
            [
                // An unclosed `[` with another key below: the parser
                // complains about the `:` of the next line.
                fault("title: Atelier\ntags: [a, b\nauthors: [x]\n"),
                fault("title: Atelier\nauthors: {a, b\n"),
                fault("title: \"Atelier du 14\ndate: 2024-11-14\n"),
                fault("title: 'Atelier\n"),
                fault("title: Atelier\n\tdate: 2024-01-01\n"),
                fault("title: Atelier\ntags:\n\t- a\n"),
                fault("title: Atelier : bilan\n"),
                fault("description: La question: comment faire ?\n"),
                fault("title: \"Atelier\" du jeudi\n"),
                fault("title: [[[\n"),
            ]
            .join("\n\n")
        );
        // A key written twice is a warning, the last value kept.
        let ok = split("---\ntitle: a\ntitle: b\n---\n", p()).unwrap();
        assert_eq!(
            ok.warnings[0].render(Lang::Fr),
            "content/a.md:3:1: avertissement : dans le front matter, la clé `title` apparaît deux fois : la dernière valeur est gardée\n  \
             aide : gardez une seule ligne `title:` et supprimez l'autre"
        );
    }

    #[test]
    fn yaml_errors_count_lines_like_the_file() {
        // A lone `\r` is a line break for YAML, not for our `path:line`:
        // found by the `front_matter` fuzz target (line 5 of a 3-line file).
        let e = split("---\ntitle: x\r\r\rbad: [\u{1}\n---\n", p()).unwrap_err();
        assert_eq!(e[0].line, 2, "{:?}", e[0]);
        assert!(
            !e[0].message.render(Lang::En).contains("at line"),
            "{:?}",
            e[0]
        );
        let e = split("---\ntitle: ok\ntags: [a, b\n---\n", p()).unwrap_err();
        assert_eq!((e[0].line, e[0].col), (3, 7), "{:?}", e[0]);
    }

    #[test]
    fn duplicate_keys_and_yaml_bombs_are_explained() {
        // YAML: a warning, and the last value wins (as MkDocs reads it).
        let ok = split("---\ntitle: a\ntags: [x]\ntitle: b\n---\n", p()).unwrap();
        assert_eq!(ok.front.title.as_deref(), Some("b"));
        assert_eq!(ok.front.tags, ["x"]);
        assert_eq!(
            ok.warnings
                .iter()
                .map(|d| d.render(Lang::En))
                .collect::<Vec<_>>(),
            [
                "content/a.md:4:1: warning: in the front matter, the key `title` appears twice: the last value is kept\n  help: keep one `title:` line and delete the other"
            ]
        );
        // TOML forbids it: the page cannot be read.
        let e = split("+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n", p()).unwrap_err();
        assert_eq!(e[0].line, 3, "{:?}", e[0]);
        assert!(
            e[0].message
                .render(Lang::En)
                .contains("the key `title` appears twice"),
            "{:?}",
            e[0]
        );
        let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for (name, prev) in ["b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g"])
        {
            bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        bomb.push_str("---\n");
        let e = split(&bomb, p()).unwrap_err();
        assert!(
            e[0].message.render(Lang::En).contains("too large"),
            "{:?}",
            e[0]
        );
        assert!(
            !e[0].message.render(Lang::En).contains("budget"),
            "{:?}",
            e[0]
        );
        let deep = format!("---\ntitle: {}\n---\n", "[".repeat(10_000));
        let e = split(&deep, p()).unwrap_err();
        assert!(
            e[0].message.render(Lang::En).contains("nested too deeply"),
            "{:?}",
            e[0]
        );
    }

    #[test]
    fn nul_never_reaches_a_field() {
        // Found by the hostile fixtures: a NUL in a title was written into the HTML.
        let t = split(
            "+++\ntitle = \"a\\u0000b\"\ntags = [\"\\u0000\"]\n+++\n",
            p(),
        )
        .unwrap();
        assert_eq!(t.front.title.as_deref(), Some("a\u{FFFD}b"));
        assert_eq!(t.front.tags, ["\u{FFFD}"]);
        let y = split("---\ntitle: \"a\\0b\"\n\"k\\0\": v\n---\n", p()).unwrap();
        assert_eq!(y.front.title.as_deref(), Some("a\u{FFFD}b"));
        assert!(y.front.extra.contains_key("k\u{FFFD}"));
    }

    #[test]
    fn unclosed_front_matter() {
        let e = split("---\ntitle: x\n\ncorps", p()).unwrap_err();
        assert!(e[0].message.render(Lang::En).contains("never closed"));
    }

    #[test]
    fn bad_types_are_reported_with_lines() {
        let e = split("---\ntitle: x\norder: beaucoup\nkind: roman\n---\n", p()).unwrap_err();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].line, 3);
        assert_eq!(e[1].line, 4);
    }

    #[test]
    fn forgiving_values() {
        let s = split("---\ntitle: 2024\nauthors: Anne et Florence\n---\n", p()).unwrap();
        assert_eq!(s.front.title.as_deref(), Some("2024"));
        assert_eq!(s.front.authors, vec!["Anne", "Florence"]);
    }

    #[test]
    fn lines_of_list_items() {
        let raw = "title: X\nactions:\n  - what: A\n    who: B\n  - what: C\njalons:\n- what: D\ntags: [a]\n";
        assert_eq!(item_lines(raw, "actions"), vec![4, 6]);
        assert_eq!(item_lines(raw, "jalons"), vec![8]);
        let toml = "title = \"X\"\n[[actions]]\nwhat = \"A\"\n[[actions]]\nwhat = \"B\"\n";
        assert_eq!(item_lines(toml, "actions"), vec![3, 5]);
    }

    #[test]
    fn rotations() {
        let s = split(
            "---\nrotations:\n  - number: 1\n    title: Origines\n    start: 14h35\n    end: 14h55\n    scribes: [Anne]\n  - title: Pause\n    break: true\n---\n",
            p(),
        )
        .unwrap();
        assert_eq!(s.front.rotations.len(), 2);
        assert_eq!(s.front.rotations[0].start.as_deref(), Some("14h35"));
        assert!(s.front.rotations[1].is_break);
    }

    #[test]
    fn bom_and_crlf() {
        let s = split("\u{feff}---\r\ntitle: x\r\n---\r\nCorps", p()).unwrap();
        assert_eq!(s.front.title.as_deref(), Some("x"));
        assert_eq!(s.body, "Corps");
    }
}
