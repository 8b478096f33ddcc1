//! The module graph of `src/`, read from the source: no cycle, and every
//! arrow points down the layers ARCHITECTURE.md draws (the command line,
//! then the drivers, the stages, the model, the formats, the utilities).
//! `cargo test --test testsuite architecture -- --nocapture` prints it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::util::repo_root;

/// Top-level modules of `src/`, by layer, from the top.
const LAYERS: &[(&str, &[&str])] = &[
    ("cli", &["cli"]),
    ("drivers", &["build", "check", "serve", "scaffold"]),
    (
        "stages",
        &[
            "load", "parse", "assemble", "link", "wiki", "credits", "active", "collide", "render",
            "search", "output", "theme", "pad", "git", "actions", "print",
        ],
    ),
    ("model", &["site"]),
    (
        "formats",
        &[
            "config",
            "frontmatter",
            "markdown",
            "weather",
            "svg",
            "date",
            "yaml",
            // f-map
            "stakeholders",
        ],
    ),
    (
        "utilities",
        &[
            "diagnostic",
            "messages",
            "text",
            "i18n",
            "scheme",
            "reserved",
            "filetype",
            "embedded",
        ],
    ),
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, mods)| mods.contains(&module))
}

/// Code of a file without its comments and its test module.
fn code(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests {") {
        Some(i) => &text[..i],
        None => text,
    };
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names (`crate::x`, `use crate::{x, y}`).
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
            .collect()
    };
    for part in code.split("crate::").skip(1) {
        if let Some(group) = part.strip_prefix('{') {
            // Top-level names of `{a, b::{c}, d}`.
            let mut depth = 0;
            let mut start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        found.insert(ident(&group[i..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            found.insert(ident(part));
        }
    }
    found.retain(|m| !m.is_empty());
    found
}

/// Module → modules it uses, for every non-test file of `src/`.
fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = repo_root().join("src");
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(&src) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(&src).unwrap();
        let is_test = rel
            .iter()
            .any(|p| p == "tests.rs" || p == "tests" || p == "testing.rs");
        if e.path().extension().is_none_or(|x| x != "rs") || is_test {
            continue;
        }
        let top = rel
            .iter()
            .next()
            .and_then(|p| Path::new(p).file_stem())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if top == "main" || top == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let used = uses(&code(&text));
        let entry = graph.entry(top.clone()).or_default();
        entry.extend(used.into_iter().filter(|m| *m != top));
    }
    graph
}

#[test]
fn the_module_graph_has_no_cycle_and_points_down() {
    let graph = graph();
    let mut problems = vec![];
    for (m, used) in &graph {
        let Some(from) = layer_of(m) else {
            problems.push(format!(
                "`{m}` is in no layer of tests/testsuite/architecture.rs"
            ));
            continue;
        };
        println!(
            "{m:>12} ({}) → {}",
            LAYERS[from].0,
            used.iter().cloned().collect::<Vec<_>>().join(", ")
        );
        for u in used {
            match layer_of(u) {
                Some(to) if to < from => problems.push(format!(
                    "`{m}` ({}) uses `{u}` ({}), a layer above it",
                    LAYERS[from].0, LAYERS[to].0
                )),
                Some(_) => {}
                None if graph.contains_key(u) => {}
                None => {}
            }
        }
    }
    // Cycles: a module that reaches itself.
    for start in graph.keys() {
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        let mut seen = BTreeSet::new();
        while let Some((m, path)) = stack.pop() {
            for next in graph.get(&m).into_iter().flatten() {
                if next == start {
                    problems.push(format!("cycle: {} → {start}", path.join(" → ")));
                } else if graph.contains_key(next) && seen.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert_eq!(problems, Vec::<String>::new());
}

#[test]
fn the_graph_reader_sees_every_form_of_use() {
    let code = code(
        "use crate::a::B;\nuse crate::{b, c::{D, E}, d::*};\n// crate::commented\nfn f() { crate::e::g(); }\n#[cfg(test)]\nmod tests {\n use crate::tested;\n}\n",
    );
    assert_eq!(
        uses(&code).into_iter().collect::<Vec<_>>(),
        ["a", "b", "c", "d", "e"]
    );
}
