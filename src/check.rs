//! `playbook check`: every problem of a site, without writing anything.
//!
//! Runs the same pure stages as `build` (load, parse, assemble, link) plus
//! the wiki analysis, and adds what only a check reports: orphan pages,
//! names that look like another contributor's but are not mapped to them
//! by the people file, and placeholders `playbook new` left unfilled.

use std::path::Path;

use serde::Serialize;

use crate::build::{Compiled, compile, read_config, read_git, read_people};
use crate::credits;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::link::Target;
use crate::messages::Lang;
use crate::messages::msg;
use crate::scaffold::{MINUTES_SAMPLE, PLACEHOLDER};
use crate::site::Page;
use crate::text::match_key;
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
    let people = match read_people(root) {
        Ok(p) => p,
        Err(errs) => {
            diagnostics.extend(errs);
            credits::People::default()
        }
    };
    let history = read_git(root, &site.config).ok().flatten();
    let c = credits::compute(&site, history.as_ref(), &people, &site.config.credits);
    // f-actions: actions without an owner, with an unreadable date, past due.
    let actions = crate::actions::extract(&site, &people);
    diagnostics.extend(crate::actions::diagnostics(
        &site,
        &actions,
        crate::build::build_date(),
    ));
    let people_file = std::path::Path::new("content").join(credits::PEOPLE_FILE);
    for l in credits::lookalikes(&c) {
        let like = &c.people[l.like].name;
        let help = msg!(
            "lookalike-help",
            spelling = &l.spelling.text,
            like = like,
            file = people_file.display()
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
                    msg!(
                        "lookalike-page",
                        spelling = &l.spelling.text,
                        like = &l.like_spelling
                    ),
                )
            }
            None => Diagnostic::warning(
                &people_file,
                0,
                0,
                msg!(
                    "lookalike-git",
                    spelling = &l.spelling.text,
                    like = &l.like_spelling
                ),
            ),
        };
        diagnostics.push(d.with_help(help));
    }
    for page in &site.pages {
        if let Some(source) = loaded.pages.iter().find(|s| s.rel == page.source) {
            diagnostics.extend(placeholders(page, &source.text));
        }
    }
    let w = wiki::analyse(&site, &links, false);
    for &p in &w.orphans {
        diagnostics.push(
            Diagnostic::note(&site.pages[p].shown, 1, 1, msg!("orphan"))
                .with_help(msg!("orphan-help")),
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

/// What `playbook new` left for the author to fill in and is still there:
/// a front-matter value `À préciser` (a typology's `axis` and `level`), the
/// sample sentence of a minutes page. One warning each, at its line.
fn placeholders(page: &Page, text: &str) -> Vec<Diagnostic> {
    let f = &page.front;
    let mut fields: Vec<(&str, &str)> = vec![];
    for (name, value) in [
        ("title", &f.title),
        ("description", &f.description),
        ("axis", &f.axis),
        ("level", &f.level),
    ] {
        fields.extend(value.as_deref().map(|v| (name, v)));
    }
    for (name, values) in [
        ("authors", &f.authors),
        ("tags", &f.tags),
        ("facilitators", &f.facilitators),
        ("scribes", &f.scribes),
        ("timekeepers", &f.timekeepers),
        ("participants", &f.participants),
    ] {
        fields.extend(values.iter().map(|v| (name, v.as_str())));
    }
    for (name, value) in &f.extra {
        if let serde_json::Value::String(v) = value {
            fields.push((name, v));
        }
    }
    let key = match_key(PLACEHOLDER);
    let lines: Vec<&str> = text.lines().collect();
    // The front matter's lines: up to its closing `---` or `+++`.
    let front_end = match lines.first().map(|l| l.trim_end()) {
        Some(open @ ("---" | "+++")) => lines
            .iter()
            .skip(1)
            .position(|l| l.trim_end() == open)
            .map_or(lines.len(), |i| i + 1),
        _ => 0,
    };
    let mut out = vec![];
    for (name, value) in fields {
        if match_key(value) != key {
            continue;
        }
        let (line, col) = placeholder_at(&lines[..front_end], name, &key);
        out.push(
            Diagnostic::warning(
                &page.shown,
                line,
                col,
                msg!("placeholder", field = name, value = PLACEHOLDER),
            )
            .with_help(msg!("placeholder-help", field = name)),
        );
    }
    for (i, line) in lines.iter().enumerate().skip(front_end) {
        if line.trim() == MINUTES_SAMPLE {
            let col = line.chars().take_while(|c| c.is_whitespace()).count() + 1;
            out.push(
                Diagnostic::warning(&page.shown, i + 1, col, msg!("placeholder-sample"))
                    .with_help(msg!("placeholder-sample-help")),
            );
        }
    }
    out
}

/// The line and column (1-based) of the placeholder value of `name` in the
/// front matter's `lines`: on the key's line (`axis: "À préciser"`) or on
/// one of the list items after it.
fn placeholder_at(lines: &[&str], name: &str, key: &str) -> (usize, usize) {
    let is_key = |l: &str| {
        let l = l.trim_start().trim_start_matches(['"', '\'']);
        l.strip_prefix(name).is_some_and(|rest| {
            rest.trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with([':', '='])
        })
    };
    let Some(start) = lines.iter().position(|l| is_key(l)) else {
        return (1, 1);
    };
    let Some(at) = (start..lines.len()).find(|&i| match_key(lines[i]).contains(key)) else {
        return (start + 1, 1);
    };
    let line = lines[at];
    // The value: after `key:` on the key's line, after `- ` on an item.
    let value = match line.find([':', '=']) {
        Some(i) if at == start => &line[i + 1..],
        _ => line.trim_start().trim_start_matches('-'),
    };
    let offset = line.len() - value.trim_start().len();
    (at + 1, line[..offset].chars().count() + 1)
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

/// GitLab CI Code Quality JSON (`artifacts: reports: codequality`), its
/// descriptions in `lang`.
pub fn gitlab_json(d: &Diagnostics, lang: Lang) -> String {
    let items: Vec<CodeQuality<'_>> =
        d.0.iter()
            .map(|x| CodeQuality {
                description: x.message.render(lang),
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

/// playbook's own JSON: `{ "pages", "errors", "warnings", "notes", "diagnostics": [...] }`,
/// its texts in `lang` (each diagnostic also has its catalogue `id`).
pub fn json(report: &Report, lang: Lang) -> String {
    let d = &report.diagnostics;
    serde_json::to_string_pretty(&serde_json::json!({
        "pages": report.pages,
        "errors": d.count(Severity::Error),
        "warnings": d.count(Severity::Warning),
        "notes": d.count(Severity::Note),
        "links": report.links,
        "diagnostics": d.0.iter().map(|x| x.to_json(lang)).collect::<Vec<_>>(),
    }))
    .unwrap_or_else(|_| "{}".into())
}

/// A stable id for a diagnostic (FNV-1a of its position and message, the
/// same in every language), as GitLab wants.
fn fingerprint(d: &Diagnostic) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let message = d.message.render(Lang::Fr);
    for b in format!("{}:{}:{}:{}", d.path.display(), d.line, d.col, message).bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}
