//! Front matter: YAML between `---` lines or TOML between `+++` lines, at the
//! very top of a page.
//!
//! Parsing is pure. The raw block is first read into a generic JSON value
//! (so both syntaxes share one path), then converted field by field with
//! forgiving rules (a single string where a list is expected, a number where
//! a string is expected). Every problem is reported with its line.
//!
//! This file holds the model and [`split`]; `syntax` reads the raw YAML or
//! TOML block into a generic value, `convert` turns that value into a
//! [`FrontMatter`], and `faults` explains what the YAML parser refused.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::msg;

mod convert;
mod faults;
mod syntax;
#[cfg(test)]
mod tests;

use convert::convert;
use syntax::{parse_toml, parse_yaml, without_nul};

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
#[derive(Debug, Clone, PartialEq, Hash, Serialize, Default)]
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

/// Line offset of the front-matter block inside the file (the opening delimiter).
const FM_LINE_OFFSET: usize = 1;
