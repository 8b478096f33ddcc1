//! `playbook check`: every problem of a site, without writing anything.
//!
//! Runs the same pure stages as `build` (load, parse, assemble, link) plus
//! the wiki analysis, and adds what only a check reports: orphan pages, and
//! names that look like another contributor's but are not mapped to them
//! by the people file.

use std::path::Path;

use serde::Serialize;

use crate::build::{Compiled, compile, read_config, read_git, read_people};
use crate::credits;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::link::Target;
use crate::wiki;

/// The result of a check.
#[derive(Debug)]
pub struct Report {
    pub diagnostics: Diagnostics,
    pub pages: usize,
    pub links: LinkStats,
}

/// How the links of the site resolved.
#[derive(Debug, Default, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct LinkStats {
    pub total: usize,
    /// To a page (anchors included).
    pub pages: usize,
    /// To a file copied from `content/`.
    pub files: usize,
    /// To a page to create.
    pub missing: usize,
    /// To nothing (a path that does not exist).
    pub broken: usize,
}

/// Checks the site at `root`.
pub fn check(root: &Path, drafts: bool) -> Report {
    let config = match read_config(root) {
        Ok(c) => c,
        Err(d) => {
            return Report {
                diagnostics: Diagnostics(vec![d]),
                pages: 0,
                links: LinkStats::default(),
            };
        }
    };
    let Compiled {
        site,
        links,
        loaded,
        mut diagnostics,
    } = compile(root, config, drafts);
    diagnostics
        .extend(crate::active::check(&loaded.assets, site.config.markdown.unsafe_html).diagnostics);
    let people = match read_people(root) {
        Ok(p) => p,
        Err(errs) => {
            diagnostics.extend(errs);
            credits::People::default()
        }
    };
    let history = read_git(root, &site.config).ok().flatten();
    let c = credits::compute(&site, history.as_ref(), &people, &site.config.credits);
    let people_file = std::path::Path::new("content").join(credits::PEOPLE_FILE);
    for l in credits::lookalikes(&c) {
        let like = &c.people[l.like].name;
        let help = format!(
            "if they are the same person, list `{}` among the `aliases` of `{like}` in {}",
            l.spelling.text,
            people_file.display()
        );
        let d = match l.spelling.page {
            Some(p) => {
                let page = &site.pages[p];
                let line = loaded
                    .pages
                    .iter()
                    .find(|s| s.rel == page.source)
                    .and_then(|s| s.text.lines().position(|x| x.contains(&l.spelling.text)))
                    .map_or(1, |i| i + 1);
                Diagnostic::warning(
                    &page.shown,
                    line,
                    1,
                    format!(
                        "`{}` looks like `{}` but is credited as another person",
                        l.spelling.text, l.like_spelling
                    ),
                )
            }
            None => Diagnostic::warning(
                &people_file,
                0,
                0,
                format!(
                    "the git author `{}` looks like `{}` but is credited as another person",
                    l.spelling.text, l.like_spelling
                ),
            ),
        };
        diagnostics.push(d.with_help(help));
    }
    let w = wiki::analyse(&site, &links, false);
    for &p in &w.orphans {
        diagnostics.push(
            Diagnostic::note(
                &site.pages[p].shown,
                1,
                1,
                "orphan page: no page links to it",
            )
            .with_help("link to it from a related page or from its section's _index.md"),
        );
    }
    diagnostics.sort();
    let mut stats = LinkStats::default();
    for t in links.targets.iter().flatten() {
        stats.total += 1;
        match t {
            Target::Page { .. } => stats.pages += 1,
            Target::Asset { .. } => stats.files += 1,
            Target::Missing { .. } => stats.missing += 1,
            Target::Unresolved { .. } => stats.broken += 1,
            Target::Tag { .. } => {}
            Target::Unpublished { .. } => stats.broken += 1,
        }
    }
    Report {
        diagnostics,
        pages: site.pages.len(),
        links: stats,
    }
}

/// One entry of GitLab's Code Quality report.
#[derive(Serialize)]
struct CodeQuality<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: std::borrow::Cow<'a, str>,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

/// GitLab CI Code Quality JSON (`artifacts: reports: codequality`).
pub fn gitlab_json(d: &Diagnostics) -> String {
    let items: Vec<CodeQuality<'_>> =
        d.0.iter()
            .map(|x| CodeQuality {
                description: x.message.clone(),
                check_name: "playbook",
                fingerprint: fingerprint(x),
                severity: match x.severity {
                    Severity::Error => "major",
                    Severity::Warning => "minor",
                    Severity::Note => "info",
                },
                location: Location {
                    path: x.path.to_string_lossy(),
                    lines: Lines {
                        begin: x.line.max(1),
                    },
                },
            })
            .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into())
}

/// playbook's own JSON: `{ "pages", "errors", "warnings", "notes", "diagnostics": [...] }`.
pub fn json(report: &Report) -> String {
    let d = &report.diagnostics;
    serde_json::to_string_pretty(&serde_json::json!({
        "pages": report.pages,
        "errors": d.count(Severity::Error),
        "warnings": d.count(Severity::Warning),
        "notes": d.count(Severity::Note),
        "links": report.links,
        "diagnostics": d.0,
    }))
    .unwrap_or_else(|_| "{}".into())
}

/// A stable id for a diagnostic (FNV-1a of its text), as GitLab wants.
fn fingerprint(d: &Diagnostic) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in format!("{}:{}:{}:{}", d.path.display(), d.line, d.col, d.message).bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
