//! The people file, `content/_people.toml`: who is who. One table per
//! person or group: its display name, structure, other spellings (aliases)
//! and git emails; `group = true` marks a collective mention (`Tout le
//! groupe`), shown as text and never given a page. [`People::parse`] is
//! pure; `build::read_people` reads the file at the edge.

use crate::messages::msg;
use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostic::{Diagnostic, line_col};
use crate::text::{match_key, slugify};

/// The people file, beside the pages (never published).
pub const PEOPLE_FILE: &str = "_people.toml";

/// One person of the people file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEntry {
    /// The table name, e.g. `anne-berlemont`: the person page's slug.
    pub id: String,
    pub name: String,
    pub structure: Option<String>,
    /// Other spellings: first names, initials, git names.
    pub aliases: Vec<String>,
    /// Emails used in git (lower-cased). Never rendered unless opted in.
    pub emails: Vec<String>,
    /// `group = true`: a collective or anonymous mention, shown as text;
    /// `false`: a person even if the name reads like a group (`Tous`);
    /// absent: the built-in list of group words decides.
    pub group: Option<bool>,
    /// Line of the `[id]` header.
    pub line: usize,
}

/// The people file: who is who, and in which structure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct People {
    pub entries: Vec<PersonEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    name: String,
    #[serde(default)]
    structure: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    emails: Vec<String>,
    #[serde(default)]
    group: Option<bool>,
}

impl People {
    /// Parses the text of a people file; `path` is only used in diagnostics.
    ///
    /// ```toml
    /// [anne-berlemont]
    /// name = "Anne Berlemont"
    /// structure = "Direction de la transformation"
    /// aliases = ["anne", "Anne B."]
    /// emails = ["anne.berlemont@ville.example"]
    ///
    /// [tout-le-groupe]
    /// name = "Tout le groupe"
    /// aliases = ["Tous"]
    /// group = true
    /// ```
    pub fn parse(text: &str, path: &Path) -> Result<People, Vec<Diagnostic>> {
        let raw: toml::Table = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((0, 0), |s| line_col(text, s.start));
            vec![
                Diagnostic::error(
                    path,
                    line,
                    col,
                    msg!("people-toml", reason = first_line(e.message())),
                )
                .with_help(msg!("people-help")),
            ]
        })?;
        let mut entries = vec![];
        let mut errors = vec![];
        for (id, value) in raw {
            let line = header_line(text, &id);
            let entry: RawEntry = match value.try_into() {
                Ok(e) => e,
                Err(e) => {
                    let e: toml::de::Error = e;
                    errors.push(
                        Diagnostic::error(
                            path,
                            line,
                            1,
                            msg!("people-entry", id = &id, reason = first_line(e.message())),
                        )
                        .with_help(msg!("people-help")),
                    );
                    continue;
                }
            };
            let name = normalize(&entry.name);
            if name.is_empty() || match_key(&name).is_empty() {
                errors.push(
                    Diagnostic::error(path, line, 1, msg!("people-empty-name", id = &id))
                        .with_help(msg!("people-empty-name-help")),
                );
                continue;
            }
            if entry.group == Some(true) && !entry.emails.is_empty() {
                errors.push(
                    Diagnostic::error(path, line, 1, msg!("people-group-emails", id = &id))
                        .with_help(msg!("people-group-emails-help")),
                );
                continue;
            }
            entries.push(PersonEntry {
                id: match slugify(&id) {
                    s if s.is_empty() => slugify(&name),
                    s => s,
                },
                name,
                structure: entry
                    .structure
                    .map(|s| normalize(&s))
                    .filter(|s| !s.is_empty()),
                aliases: entry
                    .aliases
                    .iter()
                    .map(|a| normalize(a))
                    .filter(|a| !match_key(a).is_empty())
                    .collect(),
                emails: entry
                    .emails
                    .iter()
                    .map(|e| e.trim().to_lowercase())
                    .filter(|e| !e.is_empty())
                    .collect(),
                group: entry.group,
                line,
            });
        }
        // The table order of the file, not toml's sorted order.
        entries.sort_by_key(|e| e.line);
        // A spelling or an email may name only one person.
        let mut owner: HashMap<String, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let keys = std::iter::once(match_key(&e.name))
                .chain(e.aliases.iter().map(|a| match_key(a)))
                .map(|k| (k, false))
                .chain(e.emails.iter().map(|m| (m.clone(), true)));
            for (k, is_email) in keys {
                match owner.get(&k) {
                    Some(&j) if j != i => {
                        let what = if is_email { "email" } else { "spelling" };
                        errors.push(
                            Diagnostic::error(
                                path,
                                e.line,
                                1,
                                msg!(
                                    "people-shared",
                                    id = &e.id,
                                    what = what,
                                    other = &entries[j].id,
                                    line = entries[j].line
                                ),
                            )
                            .with_help(msg!("people-shared-help")),
                        );
                    }
                    _ => {
                        owner.insert(k, i);
                    }
                }
            }
        }
        let mut slugs: HashMap<&str, usize> = HashMap::new();
        for e in &entries {
            if let Some(&l) = slugs.get(e.id.as_str()) {
                errors.push(Diagnostic::error(
                    path,
                    e.line,
                    1,
                    msg!("people-same-address", id = &e.id, line = l),
                ));
            }
            slugs.insert(&e.id, e.line);
        }
        if errors.is_empty() {
            Ok(People { entries })
        } else {
            Err(errors)
        }
    }
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

/// The line of the `[id]` header (1-based), 0 if not found.
fn header_line(text: &str, id: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim();
            l.strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .is_some_and(|k| k.trim().trim_matches(['"', '\'']) == id)
        })
        .map_or(0, |i| i + 1)
}

/// Trims and collapses inner whitespace.
pub(super) fn normalize(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
