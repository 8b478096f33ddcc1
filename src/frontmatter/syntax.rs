//! Reading the raw front-matter block, YAML or TOML, into one generic JSON
//! value (so that both syntaxes share one conversion), with diagnostics at
//! the line of the file.

use std::path::Path;

use serde_json::Value;

use super::{FM_LINE_OFFSET, faults};
use crate::diagnostic::{Diagnostic, line_col};
use crate::messages::msg;

/// Replaces NUL (written `\0` in YAML, `\u0000` in TOML) with U+FFFD, as
/// CommonMark does in the body: a NUL must not reach the HTML.
pub(super) fn without_nul(v: Value) -> Value {
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

pub(super) fn parse_yaml(
    raw: &str,
    path: &Path,
) -> Result<(Value, Vec<Diagnostic>), Vec<Diagnostic>> {
    if raw.trim().is_empty() {
        return Ok((Value::Object(serde_json::Map::default()), vec![]));
    }
    let options = serde_saphyr::options! { strict_booleans: true };
    let error = match serde_saphyr::from_str_with_options::<Value>(raw, options) {
        Ok(Value::Null) => return Ok((Value::Object(serde_json::Map::default()), vec![])),
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

pub(super) fn parse_toml(raw: &str, path: &Path) -> Result<Value, Vec<Diagnostic>> {
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
