//! Embeds the default theme (`themes/default/`) and the example playbook
//! (`content/`, for `playbook init`) into the binary. The theme's
//! `static/search.js` is made here from its parts in `js/search/` (see
//! [`bundle_search`]), so no JavaScript tool is needed to build playbook.
//! It also names the commit the binary is built from, for
//! `playbook --version` (see [`version`]).

use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The parts of the search script, in the order they are joined: each may
/// use the names the ones before it define.
const SEARCH_PARTS: [&str; 4] = ["analyze.js", "index.js", "query.js", "ui.js"];

/// What goes around the parts: one function, so that their top-level names
/// stay private (the script publishes `self.playbookSearch` itself).
const SEARCH_HEAD: &str = r#"/* playbook — full-text search, without server, framework or network access.
   Built by build.rs from themes/default/js/search/{analyze,index,query,ui}.js (read those), joined
   in one function so that their top-level names stay private. */
(function (G) {
"use strict";
"#;
const SEARCH_TAIL: &str = r#"})(typeof self !== "undefined" ? self : globalThis);
"#;

/// Joins the parts of the search script into `OUT_DIR/search.js`, which
/// the theme ships as `assets/search.js`; returns its path.
fn bundle_search(theme: &Path, out_dir: &Path) -> PathBuf {
    let dir = theme.join("js/search");
    // A part missing from the list would be left out without a word.
    let mut found: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".js"))
        .collect();
    found.sort();
    let mut listed = SEARCH_PARTS.map(String::from).to_vec();
    listed.sort();
    assert_eq!(
        found, listed,
        "themes/default/js/search/ must hold the parts SEARCH_PARTS lists in build.rs"
    );
    let mut js = String::from(SEARCH_HEAD);
    for part in SEARCH_PARTS {
        let path = dir.join(part);
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        write!(js, "\n// ---------- {part} ----------\n{text}").unwrap();
    }
    js.push_str(SEARCH_TAIL);
    let out = out_dir.join("search.js");
    std::fs::write(&out, js).unwrap();
    out
}

fn collect(dir: &Path, base: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            collect(&p, base, out);
        } else if let Ok(rel) = p.strip_prefix(base) {
            let name = rel.to_string_lossy().replace('\\', "/");
            if !name.starts_with('.') {
                out.push((name, p.canonicalize().unwrap().display().to_string()));
            }
        }
    }
}

/// Sets `PLAYBOOK_VERSION` for `playbook --version`: the crate's version
/// and the commit it is built from (`0.1.0 (a1b2c3d4e5f6 2026-12-03)`:
/// the commit checked out, whatever is modified beside it). The commit comes from
/// `$PLAYBOOK_COMMIT` when set (a build from a source archive), else from
/// git; without either the version stands alone.
fn version() {
    let pkg = env!("CARGO_PKG_VERSION");
    println!("cargo:rerun-if-env-changed=PLAYBOOK_COMMIT");
    let commit = match std::env::var("PLAYBOOK_COMMIT") {
        Ok(c) if !c.trim().is_empty() => Some(c.trim().to_string()),
        _ => git_commit(),
    };
    let version = match commit {
        Some(c) => format!("{pkg} ({c})"),
        None => pkg.to_string(),
    };
    println!("cargo:rustc-env=PLAYBOOK_VERSION={version}");
}

/// `a1b2c3d4e5f6 2026-12-03` from git, or `None` outside a
/// repository or without git. Watches the files a commit changes.
fn git_commit() -> Option<String> {
    let dir = env!("CARGO_MANIFEST_DIR");
    let git = |args: &[&str]| -> Option<String> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()?;
        let text = String::from_utf8(out.stdout).ok()?;
        out.status.success().then(|| text.trim().to_string())
    };
    let git_dir = git(&["rev-parse", "--absolute-git-dir"])?;
    let common = git(&["rev-parse", "--path-format=absolute", "--git-common-dir"])
        .unwrap_or_else(|| git_dir.clone());
    println!("cargo:rerun-if-changed={git_dir}/HEAD");
    println!("cargo:rerun-if-changed={common}/packed-refs");
    if let Some(head_ref) = git(&["symbolic-ref", "-q", "HEAD"]) {
        println!("cargo:rerun-if-changed={common}/{head_ref}");
    }
    let line = git(&["log", "-1", "--format=%h %cs", "--abbrev=12"])?;
    if line.is_empty() {
        return None;
    }
    Some(line)
}

fn main() {
    version();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    println!("cargo:rerun-if-changed=themes/default");
    let mut code = String::new();
    for (kind, sub) in [("TEMPLATES", "templates"), ("STATIC", "static")] {
        let dir = root.join(sub);
        let mut files = vec![];
        collect(&dir, &dir, &mut files);
        if kind == "STATIC" {
            assert!(
                !files.iter().any(|(name, _)| name == "search.js"),
                "themes/default/static/search.js is made from js/search/: remove it"
            );
            let search = bundle_search(&root, &out_dir);
            files.push(("search.js".into(), search.display().to_string()));
            files.sort();
        }
        writeln!(code, "pub(crate) static {kind}: &[(&str, &[u8])] = &[").unwrap();
        for (name, abs) in files {
            // (Not the script made here: written after this run began, it
            // would look changed at every build.)
            if !abs.starts_with(&*out_dir.to_string_lossy()) {
                println!("cargo:rerun-if-changed={abs}");
            }
            writeln!(code, "    ({name:?}, include_bytes!({abs:?})),").unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("cargo:rerun-if-changed=content");
    let mut files = vec![];
    collect(&content, &content, &mut files);
    writeln!(code, "pub(crate) static EXAMPLE: &[(&str, &[u8])] = &[").unwrap();
    for (name, abs) in files {
        println!("cargo:rerun-if-changed={abs}");
        writeln!(code, "    ({name:?}, include_bytes!({abs:?})),").unwrap();
    }
    writeln!(code, "];").unwrap();
    std::fs::write(out_dir.join("theme_files.rs"), code).unwrap();
}
