//! The incremental rebuild equals a clean build, byte for byte: proptest
//! drives random sequences of edits (the text alone, or one facet: title,
//! tags, alias, heading, link, embed), edits of a page another embeds,
//! creations, renames, deletions, broken pages, template and configuration
//! changes on a real site folder, hands the changed paths to the `Builder`
//! the way the watcher does, and after every step compares its files with a
//! clean `playbook build`. Its seed is fixed (`PLAYBOOK_PROPTEST_SEED`
//! explores others).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::rebuild::Builder;
use super::watch::classify;
use crate::build::{BuildOptions, build};
use crate::output::Entry;

const TITLES: [&str; 8] = [
    "Coopération",
    "Légitimité",
    "Facilitation",
    "Atelier du lundi",
    "Typologie des acteurs",
    "Démarrer",
    "Absente",
    "Gouvernance",
];
const FOLDERS: [&str; 4] = ["", "guide/", "fiches/", "long/"];

/// A page's text from a few random choices.
fn page_text(v: u32, n: usize) -> String {
    let title = TITLES[(v % 8) as usize];
    let kinds = ["page", "guide", "typology", "minutes"];
    let kind = kinds[(v / 8 % 4) as usize];
    let tags = ["[a]", "[a, b]", "[B, c]", "[]"][(v / 32 % 4) as usize];
    let target = TITLES[(v / 128 % 8) as usize];
    let mut front = format!(
        "---\ntitle: {title} {}\nkind: {kind}\ntags: {tags}\n",
        v % 3
    );
    if v.is_multiple_of(5) {
        front.push_str(&format!("order: {}\n", v % 7));
    }
    if v.is_multiple_of(6) {
        front.push_str("description: Une description.\n");
    }
    if kind == "typology" {
        front.push_str(&format!("axis: Axe {}\nlevel: \"{}\"\n", v % 2, v % 3));
    }
    if kind == "minutes" && v.is_multiple_of(2) {
        front.push_str("date: 2025-03-04\nweather:\n  - who: Léa\n    weather: soleil\n");
    }
    if v.is_multiple_of(97) {
        // Broken front matter: the rebuild fails, the next one must recover.
        front.push_str("title: [oops\n");
    }
    if v % 4 == 1 {
        front.push_str(&format!("aliases: [Alias {}]\n", v % 3));
    }
    let mut body = format!(
        "{front}---\n## Section {n}\n\nVoir [[{target}]] et [[{} 1#Section {n}]], [lien](../index.md).\n\nTexte {v}.\n",
        TITLES[(v / 1024 % 8) as usize]
    );
    if v % 3 == 2 {
        body.push_str(&format!("\nVoir aussi [[Alias {}]].\n", v / 3 % 3));
    }
    if v % 11 < 3 {
        // An embedded page: its edits show here too.
        body.push_str(&format!(
            "\n![[{} {}]]\n",
            TITLES[(v / 4 % 8) as usize],
            v % 3
        ));
    }
    body
}

/// The page at `p` with its text edited but not its face (title, links,
/// headings…): a sentence added, or the sentence around a link changed
/// (what the pages it links to quote in their backlinks).
fn edit_body(p: &Path, v: u32) -> String {
    let text = std::fs::read_to_string(p).unwrap_or_default();
    match v % 3 {
        0 if text.contains("Voir [[") => text.replacen("Voir [[", "On lira [[", 1),
        0 => text.replacen("On lira [[", "Voir [[", 1),
        1 => format!("{text}\nAjout {v}.\n"),
        _ => text.replace("Texte ", "Le texte "),
    }
}

/// What one [`Op::Facet`] changes of a page, and nothing else.
#[derive(Debug, Clone, Copy)]
enum Facet {
    Title,
    Tags,
    Alias,
    Heading,
    Link,
    /// A page embedded (`![[…]]`) added.
    Embed,
}

/// The text of a page with one facet changed (see [`Facet`]).
fn edit_facet(text: &str, facet: Facet, v: u32) -> String {
    let title = format!("{} {}", TITLES[(v % 8) as usize], v % 3);
    let fm_line = |text: &str, key: &str, value: &str| -> String {
        let prefix = format!("\n{key}: ");
        if let Some(at) = text.find(&prefix) {
            let end = text[at + 1..].find('\n').map_or(text.len(), |e| at + 1 + e);
            format!("{}\n{key}: {value}{}", &text[..at], &text[end..])
        } else if let Some(rest) = text.strip_prefix("---\n") {
            format!("---\n{key}: {value}\n{rest}")
        } else {
            format!("---\n{key}: {value}\n---\n{text}")
        }
    };
    match facet {
        Facet::Title if text.starts_with("# ") => format!(
            "# {title}{}",
            &text[text.find('\n').unwrap_or(text.len())..]
        ),
        Facet::Title => fm_line(text, "title", &title),
        Facet::Tags => fm_line(
            text,
            "tags",
            ["[a]", "[b, c]", "[A, d]", "[]"][(v % 4) as usize],
        ),
        Facet::Alias => fm_line(text, "aliases", &format!("[Alias {}]", v % 3)),
        Facet::Heading => match text.find("## ") {
            Some(at) => {
                let end = text[at..].find('\n').map_or(text.len(), |e| at + e);
                format!("{}## Partie {}{}", &text[..at], v % 4, &text[end..])
            }
            None => format!("{text}\n## Partie {}\n", v % 4),
        },
        Facet::Link => match text.find("[[") {
            Some(at) => {
                let end = text[at..].find("]]").map_or(text.len(), |e| at + e);
                format!("{}[[{title}{}", &text[..at], &text[end..])
            }
            None => format!("{text}\nVoir [[{title}]].\n"),
        },
        Facet::Embed => format!("{text}\n![[{title}]]\n"),
    }
}

#[derive(Debug, Clone)]
enum Op {
    Edit(usize, u32),
    /// One facet of a page changed (title, tags, heading…).
    Facet(usize, Facet, u32),
    /// An edit of the text alone (see [`edit_body`]).
    Body(usize, u32),
    /// The page the seed's host embeds (`![[Incluse]]`) edited: its text
    /// alone (`None`), or one facet; written anew when it was removed.
    Included(Option<Facet>, u32),
    Create(usize, u32),
    Rename(usize, usize),
    Delete(usize),
    Template(u8),
    Config(u8),
    Css(u8),
    /// A drawing: clean, with a script (refused), or removed.
    Svg(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (any::<usize>(), any::<u32>()).prop_map(|(i, v)| Op::Edit(i, v)),
        4 => (any::<usize>(), any::<u32>()).prop_map(|(i, v)| Op::Body(i, v)),
        4 => (any::<usize>(), 0..6u8, any::<u32>()).prop_map(|(i, f, v)| {
            let facet = [Facet::Title, Facet::Tags, Facet::Alias, Facet::Heading, Facet::Link, Facet::Embed][f as usize];
            Op::Facet(i, facet, v)
        }),
        // A title alone: `serve`'s title path (`title.rs`).
        3 => (any::<usize>(), any::<u32>()).prop_map(|(i, v)| Op::Facet(i, Facet::Title, v)),
        3 => (0..7u8, any::<u32>()).prop_map(|(f, v)| {
            let facet = [Facet::Title, Facet::Tags, Facet::Alias, Facet::Heading, Facet::Link, Facet::Embed].get(f as usize).copied();
            Op::Included(facet, v)
        }),
        2 => (any::<usize>(), any::<u32>()).prop_map(|(f, v)| Op::Create(f, v)),
        2 => (any::<usize>(), any::<usize>()).prop_map(|(i, f)| Op::Rename(i, f)),
        2 => any::<usize>().prop_map(Op::Delete),
        1 => any::<u8>().prop_map(Op::Template),
        1 => any::<u8>().prop_map(Op::Config),
        1 => any::<u8>().prop_map(Op::Css),
        1 => any::<u8>().prop_map(Op::Svg),
    ]
}

fn write(root: &Path, rel: &str, text: &str) -> PathBuf {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(&p, text).unwrap();
    p
}

fn pages(root: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    v.sort();
    v
}

/// Applies one operation to the site folder; returns the paths the watcher would report.
fn apply(root: &Path, op: &Op, step: usize) -> Vec<PathBuf> {
    let files = pages(root);
    let pick = |i: usize| files[i % files.len()].clone();
    match *op {
        Op::Edit(i, v) => {
            let p = pick(i);
            std::fs::write(&p, page_text(v, step)).unwrap();
            vec![p]
        }
        Op::Body(i, v) => {
            let p = pick(i);
            if p.extension().is_some_and(|e| e == "md") {
                let text = edit_body(&p, v);
                std::fs::write(&p, text).unwrap();
            }
            vec![p]
        }
        Op::Facet(i, facet, v) => {
            let p = pick(i);
            if p.extension().is_some_and(|e| e == "md") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                std::fs::write(&p, edit_facet(&text, facet, v)).unwrap();
            }
            vec![p]
        }
        Op::Included(facet, v) => {
            let p = root.join(INCLUDED);
            let text = std::fs::read_to_string(&p).unwrap_or_else(|_| INCLUDED_TEXT.to_string());
            let text = match facet {
                Some(facet) => edit_facet(&text, facet, v),
                None => {
                    std::fs::write(&p, &text).unwrap();
                    edit_body(&p, v)
                }
            };
            std::fs::write(&p, text).unwrap();
            vec![p]
        }
        Op::Create(f, v) => {
            // Sometimes in a new folder: the watcher reports the folder.
            let folder = if f % 7 == 0 {
                format!("neuf{step}/")
            } else {
                FOLDERS[f % FOLDERS.len()].to_string()
            };
            let p = write(
                root,
                &format!("content/{folder}p{step}.md"),
                &page_text(v, step),
            );
            if folder.starts_with("neuf") {
                vec![p.parent().unwrap().to_path_buf(), p]
            } else {
                vec![p]
            }
        }
        Op::Rename(i, f) => {
            let from = pick(i);
            let to = root.join(format!("content/{}r{step}.md", FOLDERS[f % FOLDERS.len()]));
            std::fs::rename(&from, &to).unwrap();
            vec![from, to]
        }
        Op::Delete(i) if files.len() > 3 => {
            let p = pick(i);
            std::fs::remove_file(&p).unwrap();
            vec![p]
        }
        Op::Delete(_) => vec![],
        Op::Template(t) => {
            let p = root.join("themes/default/templates/page.html");
            if t % 3 == 0 {
                let _ = std::fs::remove_file(&p);
            } else {
                write(
                    root,
                    "themes/default/templates/page.html",
                    &format!(
                        "{{% extends \"__default/page.html\" %}}{{% block main %}}<p>v{t}</p>{{{{ super() }}}}{{% endblock main %}}"
                    ),
                );
            }
            vec![p]
        }
        Op::Config(c) => {
            let mut text = String::new();
            if c & 1 != 0 {
                text.push_str("title = \"Autre titre\"\n");
            }
            if c & 2 != 0 {
                text.push_str("language = \"en\"\n");
            }
            if c & 4 != 0 {
                text.push_str("edit_url = \"https://forge/{path}\"\n");
            }
            text.push_str("[wiki]\n");
            if c & 8 != 0 {
                text.push_str("tags = false\n");
            }
            if c & 16 != 0 {
                text.push_str("backlinks = false\n");
            }
            vec![write(root, "playbook.toml", &text)]
        }
        Op::Svg(c) => {
            let rel = "content/fiches/dessin.svg";
            let p = root.join(rel);
            match c % 3 {
                0 => {
                    let _ = std::fs::remove_file(&p);
                }
                1 => {
                    write(
                        root,
                        rel,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"1\" height=\"1\"/></svg>",
                    );
                }
                _ => {
                    write(
                        root,
                        rel,
                        "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                    );
                }
            }
            vec![p]
        }
        Op::Css(c) => vec![write(
            root,
            "themes/default/static/extra.css",
            &format!("body{{--v:{c}}}"),
        )],
    }
}

/// The files of a clean `playbook build` of `root`, or `None` when it fails.
fn clean_build(root: &Path, out: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let _ = std::fs::remove_dir_all(out);
    build(&BuildOptions {
        root: root.to_path_buf(),
        out: Some(out.to_path_buf()),
        ..BuildOptions::default()
    })
    .ok()?;
    let mut files = BTreeMap::new();
    for e in walkdir::WalkDir::new(out).into_iter().flatten() {
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(out)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if rel != crate::output::MANIFEST {
                files.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    Some(unfingerprinted(root, files))
}

/// A build's files as `serve` has them: `serve` links the theme's files by
/// their plain names (`theme::asset_urls`), a build by fingerprinted ones
/// that it writes beside them.
fn unfingerprinted(root: &Path, mut files: BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let Ok(theme) = crate::theme::load(root, "default") else {
        return files;
    };
    let hashed = crate::theme::asset_urls(&theme, true);
    for (name, url) in &hashed {
        let plain = format!("assets/{name}");
        if url == &plain {
            continue;
        }
        // A vendored script goes out under its fingerprinted name only.
        if let Some(bytes) = files.remove(url)
            && !files.contains_key(&plain)
        {
            files.insert(plain.clone(), bytes);
        }
        for bytes in files.values_mut() {
            if let Ok(text) = std::str::from_utf8(bytes)
                && text.contains(url.as_str())
            {
                *bytes = text.replace(url.as_str(), &plain).into_bytes();
            }
        }
    }
    files
}

/// The files whose bytes differ between two outputs, or that only one has.
fn differing<'a>(
    clean: &'a BTreeMap<String, Vec<u8>>,
    served: &'a BTreeMap<String, Vec<u8>>,
) -> Vec<&'a String> {
    clean
        .keys()
        .chain(served.keys())
        .filter(|k| clean.get(*k) != served.get(*k))
        .collect()
}

/// A builder that built `root` whole, checked equal to a clean build (into
/// `out`), with that build's files.
fn built(root: &Path, out: &Path) -> (Builder, BTreeMap<String, Vec<u8>>) {
    let mut builder = serving(root);
    let first = in_memory(&builder.full().files.unwrap());
    assert_eq!(Some(&first), clean_build(root, out).as_ref());
    (builder, first)
}

/// A temporary folder (removed when dropped) with the paths of a site in
/// it and of the clean builds it is compared with.
fn site_dirs() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (root, out) = (dir.path().join("site"), dir.path().join("clean"));
    (dir, root, out)
}

/// Replaces `from` with `to` in the file `rel` of `root`, applies it to
/// `builder`, asserts the served site equals a clean build and that each
/// file of `changed` differs from `before`; returns the clean build.
fn edit_step(
    builder: &mut Builder,
    (root, out): (&Path, &Path),
    before: &BTreeMap<String, Vec<u8>>,
    (rel, from, to): (&str, &str, &str),
    changed: &[&str],
) -> BTreeMap<String, Vec<u8>> {
    let p = replace_in(root, rel, from, to);
    let clean = served_equals_clean(builder, root, out, &[p], to);
    for f in changed {
        assert_ne!(before[*f], clean[*f], "{to}: {f} unchanged");
    }
    clean
}

/// A builder of `root` as `serve` makes it: the pages a title edit changed
/// are rendered first and handed over (here, to nothing).
fn serving(root: &Path) -> Builder {
    let mut builder = Builder::new(root, false);
    builder.early = Some(std::sync::Arc::new(
        |_: &[(String, std::sync::Arc<Vec<u8>>)]| {},
    ));
    builder
}

/// Applies `paths` to `builder` and asserts the served site equals a
/// clean build of `root` (into `out`), naming `what` when it does not;
/// returns the clean build's files.
fn served_equals_clean(
    builder: &mut Builder,
    root: &Path,
    out: &Path,
    paths: &[PathBuf],
    what: &str,
) -> BTreeMap<String, Vec<u8>> {
    let served = in_memory(&builder.apply(paths, classify(root, paths)).files.unwrap());
    let clean = clean_build(root, out).unwrap();
    let differ = differing(&clean, &served);
    assert!(
        differ.is_empty(),
        "{what}: differ from a clean build: {differ:?}"
    );
    clean
}

/// Replaces `from` with `to` in the file `rel` of `root`; returns its path.
fn replace_in(root: &Path, rel: &str, from: &str, to: &str) -> PathBuf {
    let p = root.join(rel);
    let text = std::fs::read_to_string(&p).unwrap();
    assert!(text.contains(from), "{from:?} in {text:?}");
    write(root, rel, &text.replacen(from, to, 1))
}

fn in_memory(files: &std::collections::HashMap<String, Entry>) -> BTreeMap<String, Vec<u8>> {
    files
        .iter()
        .map(|(k, e)| {
            let bytes = match e {
                Entry::Bytes(b) => b.as_ref().clone(),
                Entry::File(p) => std::fs::read(p).unwrap(),
            };
            (k.clone(), bytes)
        })
        .collect()
}

/// The page the seed's host embeds, and its first text.
const INCLUDED: &str = "content/fiches/incluse.md";
const INCLUDED_TEXT: &str = "---\ntitle: Incluse\ntags: [a, b]\naliases: [Dedans]\n---\n## Partie\n\nVoir [[Coopération 1]] ici.\n\nTexte inclus.\n";

/// The starting site: a few folders, one longer than the navigation window,
/// a page embedded in another and linked by its alias from a third.
fn seed(root: &Path) {
    write(root, INCLUDED, INCLUDED_TEXT);
    write(
        root,
        "content/fiches/hote.md",
        "---\ntitle: Hôte\ntags: [a]\n---\nAvant.\n\n![[Incluse]]\n\nVoir [[Incluse#Partie]] ici.\n",
    );
    write(
        root,
        "content/fiches/lecteur.md",
        "---\ntitle: Lecteur\ntags: [b]\n---\nOn cite [[Dedans]] dans une phrase.\n",
    );
    write(
        root,
        "content/_index.md",
        "---\ntitle: Accueil\n---\nBienvenue [[Coopération 1]].\n",
    );
    write(
        root,
        "content/guide/_index.md",
        "---\ntitle: Guide\n---\nLe guide.\n",
    );
    for i in 0..6 {
        write(
            root,
            &format!("content/guide/0{i}-etape{i}.md"),
            &page_text(i * 37 + 8, i as usize),
        );
        write(
            root,
            &format!("content/fiches/f{i}.md"),
            &page_text(i * 131 + 1, i as usize),
        );
    }
    // Longer than two navigation windows: pages see only their neighbours.
    // Each also links a page beyond its window, which shows it only in its
    // backlinks (their titles, and the sentence around the link).
    let window = crate::render::NAV_WINDOW * 2 + 3;
    for i in 0..window {
        write(root, &format!("content/long/l{i:03}.md"), &long_text(i, ""));
    }
    write(root, "content/fiches/image.png", "PNG");
}

/// The text of the seed's long page `i`: its title, then a sentence
/// linking the next page and one beyond its navigation window, then `more`.
fn long_text(i: usize, more: &str) -> String {
    let far = (i + crate::render::NAV_WINDOW + 5) % (crate::render::NAV_WINDOW * 2 + 3);
    format!(
        "# Longue {i}\n\nVoir [[Longue {}]] et [[Longue {far}]].\n{more}",
        i + 1
    )
}

fn run(ops: &[Op]) -> Result<(), TestCaseError> {
    let (_dir, root, out) = site_dirs();
    seed(&root);
    let mut builder = serving(&root);
    let first = builder.full();
    prop_assert_eq!(
        in_memory(&first.files.expect("the seed builds")),
        clean_build(&root, &out).expect("the seed builds")
    );
    for (step, op) in ops.iter().enumerate() {
        let paths = apply(&root, op, step);
        let outcome = builder.apply(&paths, classify(&root, &paths));
        let clean = clean_build(&root, &out);
        match (outcome.files, clean) {
            (Ok(files), Some(clean)) => {
                let files = in_memory(&files);
                let keys = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
                prop_assert_eq!(
                    keys(&files),
                    keys(&clean),
                    "step {} {:?}: file lists",
                    step,
                    op
                );
                for (k, v) in &clean {
                    prop_assert!(
                        &files[k] == v,
                        "step {} {:?}: {} differs from a clean build",
                        step,
                        op,
                        k
                    );
                }
            }
            (Err(_), None) => {}
            (Ok(_), None) => prop_assert!(
                false,
                "step {step} {op:?}: clean build failed, serve did not"
            ),
            (Err(e), Some(_)) => prop_assert!(false, "step {step} {op:?}: serve failed: {e}"),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PLAYBOOK_PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(12),
        failure_persistence: None,
        // Deterministic: every run tries the same sequences.
        rng_seed: proptest::test_runner::RngSeed::Fixed(
            std::env::var("PLAYBOOK_PROPTEST_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(18),
        ),
        ..ProptestConfig::default()
    })]

    #[test]
    fn incremental_rebuild_equals_a_clean_build(ops in prop::collection::vec(op(), 1..10)) {
        run(&ops)?;
    }
}

/// The incremental rebuild really is incremental: a body edit re-parses
/// one page and re-renders only the pages that show something of it.
#[test]
fn a_body_edit_rerenders_only_what_depends_on_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    seed(&root);
    let mut builder = Builder::new(&root, false);
    let all = builder.full().files.unwrap().len();
    // Same title, same links: only the page itself changes.
    let p = write(
        &root,
        "content/long/l010.md",
        &long_text(10, "\nUn ajout.\n"),
    );
    let out = builder.apply(
        std::slice::from_ref(&p),
        classify(&root, std::slice::from_ref(&p)),
    );
    assert!(out.files.is_ok());
    assert_eq!(builder.parsed_last, 1);
    assert_eq!(builder.rendered_last, 1, "only the edited page");
    // A new title shows in its neighbours' navigation, the section index, and
    // the page linking to it (backlinks), not in the pages far away.
    let p = write(
        &root,
        "content/long/l010.md",
        &long_text(10, "").replace("# Longue 10", "# Autre titre"),
    );
    let out = builder.apply(
        std::slice::from_ref(&p),
        classify(&root, std::slice::from_ref(&p)),
    );
    assert!(out.files.is_ok());
    let rendered = builder.rendered_last;
    assert!(
        rendered > 3 && rendered < all / 2,
        "{rendered} of {all} files rendered"
    );
    // A template change renders everything and parses nothing.
    let t = write(
        &root,
        "themes/default/templates/page.html",
        "{% extends \"__default/page.html\" %}",
    );
    let out = builder.apply(
        std::slice::from_ref(&t),
        classify(&root, std::slice::from_ref(&t)),
    );
    assert!(out.files.is_ok());
    assert_eq!(builder.parsed_last, 0);
    assert_eq!(builder.reused_last, 0, "every page rendered again");
}

/// `sed -i` saves through a temporary file without an extension
/// (`sedXXXXXX`) renamed over the page: the watcher reports a path that is
/// gone, which is no removed folder. The edit stays a one-page edit, and a
/// removed folder still reads the site again.
#[test]
fn a_temporary_file_gone_without_an_extension_is_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    seed(&root);
    let mut builder = Builder::new(&root, false);
    builder.full().files.unwrap();
    let p = write(
        &root,
        "content/long/l010.md",
        &long_text(10, "\nUn ajout.\n"),
    );
    let batch = vec![root.join("content/long/sedK3x9Qa"), p];
    let out = builder.apply(&batch, classify(&root, &batch));
    assert!(out.files.is_ok());
    assert_eq!(builder.parsed_last, 1, "only the page, not the whole site");
    assert_eq!(builder.rendered_last, 1, "only the edited page");
    // A folder removed: the site is read again and its pages are gone.
    let gone = root.join("content/long");
    std::fs::remove_dir_all(&gone).unwrap();
    let out = builder.apply(
        std::slice::from_ref(&gone),
        classify(&root, std::slice::from_ref(&gone)),
    );
    let files = out.files.unwrap();
    assert!(builder.parsed_last > 1, "the site read again");
    assert!(
        !files.keys().any(|k| k.starts_with("long/")),
        "{:?}",
        files.keys()
    );
}

/// Each dependency kind alone, on pages that show one another (a page
/// embedded in another, linked by alias from a third, sharing tags): every
/// step equals a clean build. Unlike the proptest, each kind is sure to be
/// met: leaving one out of `quick.rs` fails here.
#[test]
fn each_dependency_kind_alone_equals_a_clean_build() {
    let (_dir, root, out) = site_dirs();
    seed(&root);
    let host = "---\ntitle: Hôte\ntags: [a]\n---\nAvant.\n\n![[Incluse]]\n\nVoir [[Incluse#Partie]] ici.\n";
    write(&root, "content/fiches/hote.md", host);
    write(
        &root,
        "content/fiches/lecteur.md",
        "---\ntitle: Lecteur\ntags: [b]\n---\nOn cite [[Dedans]] dans une phrase.\n",
    );
    let inc = "content/fiches/incluse.md";
    let base = "---\ntitle: Incluse\ntags: [a, b]\naliases: [Dedans]\n---\n## Partie\n\nLe texte inclus.\n\nVers [[Hôte]] ici.\n";
    write(&root, inc, base);
    let (mut builder, _) = built(&root, &out);
    // (what, file, from, to): `from` replaced by `to` in the file's text
    // (`to` empty: the file removed; `from` empty: `to` is the new text).
    let lecteur = "content/fiches/lecteur.md";
    let dedans = "content/fiches/dedans.md";
    let steps = [
        ("body", inc, "Le texte inclus.", "Le texte inclus, modifié."),
        (
            "link context",
            inc,
            "Vers [[Hôte]] ici.",
            "Autrement, vers [[Hôte]].",
        ),
        // Quoted in the backlinks of a page that does not embed it.
        (
            "backlink context",
            lecteur,
            "On cite [[Dedans]]",
            "Ici, on cite [[Dedans]]",
        ),
        ("heading", inc, "## Partie", "## Autre partie"),
        ("title", inc, "title: Incluse", "title: Incluse bis"),
        ("tags", inc, "tags: [a, b]", "tags: [b]"),
        ("alias", inc, "aliases: [Dedans]", "aliases: [Dehors]"),
        ("link target", inc, "vers [[Hôte]]", "vers [[Lecteur]]"),
        (
            "embed added",
            lecteur,
            "dans une phrase.",
            "dans une phrase.\n\n![[Hôte]]",
        ),
        (
            "embedded twice, body",
            inc,
            "inclus, modifié.",
            "inclus deux fois.",
        ),
        (
            "page created",
            dedans,
            "",
            "---\ntitle: Dedans\n---\nUne page au nom de l'alias.\n",
        ),
        ("page deleted", dedans, "", ""),
    ];
    for (what, rel, from, to) in steps {
        let p = root.join(rel);
        if to.is_empty() {
            std::fs::remove_file(&p).unwrap();
        } else if from.is_empty() {
            write(&root, rel, to);
        } else {
            replace_in(&root, rel, from, to);
        }
        served_equals_clean(&mut builder, &root, &out, &[p], what);
    }
}

/// Runs git in `root` with a fixed identity; panics on failure (test setup).
fn git_in(root: &Path, args: &[&str]) {
    let ok = std::process::Command::new("git")
        .current_dir(root)
        .args([
            "-c",
            "user.name=Alice Martin",
            "-c",
            "user.email=alice@example.org",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", "2024-03-01T10:00:00+01:00")
        .env("GIT_COMMITTER_DATE", "2024-03-01T10:00:00+01:00")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

/// In a git repository, serve credits what `build` credits: the history, the
/// people file, an uncommitted edit, a new commit, a changed people file.
#[test]
fn serve_credits_git_and_the_people_file_like_a_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    seed(&root);
    git_in(&root, &["init", "-q", "-b", "main"]);
    git_in(&root, &["add", "."]);
    git_in(&root, &["commit", "-q", "-m", "Premier jet"]);
    let out = dir.path().join("out");
    let (mut builder, served) = built(&root, &out);
    let home = String::from_utf8_lossy(&served["index.html"]).into_owned();
    assert!(home.contains("Alice Martin"), "git author credited");
    assert!(!home.contains("alice@example.org"));

    // An uncommitted edit, then the people file, then a commit: each time
    // the served site equals a clean build.
    let steps: Vec<Box<dyn Fn() -> Vec<PathBuf>>> = vec![
        Box::new(|| {
            vec![write(
                &root,
                "content/long/l010.md",
                "# Longue 10\n\nModifiée.\n",
            )]
        }),
        Box::new(|| {
            vec![write(
                &root,
                "content/_people.toml",
                "[alice]\nname = \"Alice Martin-Durand\"\nstructure = \"Mairie de Saint-Ouen\"\naliases = [\"Alice Martin\"]\n",
            )]
        }),
        Box::new(|| {
            git_in(&root, &["add", "."]);
            git_in(&root, &["commit", "-q", "-m", "Deuxième jet"]);
            vec![write(
                &root,
                "content/long/l011.md",
                "# Longue 11\n\nAprès le commit.\n",
            )]
        }),
    ];
    for (i, step) in steps.iter().enumerate() {
        let paths = step();
        let mut outcome = builder.apply(&paths, classify(&root, &paths));
        // A page edit's git state is inferred; git is read once edits pause.
        assert_eq!(
            builder.unsettled(),
            i != 1,
            "step {i}: git read on the edit path"
        );
        let settled = builder.settle();
        // Only the commit (HEAD moved) is found by reading git.
        assert_eq!(settled.is_some(), i == 2, "step {i}");
        if let Some(s) = settled {
            outcome = s;
        }
        let served = in_memory(&outcome.files.unwrap());
        let clean = clean_build(&root, &out).unwrap();
        let differ = differing(&clean, &served);
        assert!(
            differ.is_empty(),
            "step {i}: differ from a clean build: {differ:?}"
        );
    }
    let served = in_memory(
        &builder
            .apply(&[], crate::serve::watch::Change::Nothing)
            .files
            .unwrap(),
    );
    let home = String::from_utf8_lossy(&served["index.html"]).into_owned();
    assert!(home.contains("Alice Martin-Durand"), "people file applied");
    assert!(served.keys().any(|k| k.starts_with("structures/")));
}

/// The title path keeps the generated pages that read nothing of the edit
/// (`RenderEnv::shows_none_of`): each kind it may keep is here shown an
/// edit it must not miss. A step's generated page that stayed as it was
/// while a clean build changes it fails the comparison.
#[test]
fn a_title_edit_reaches_the_generated_pages_that_show_it() {
    let (_dir, root, out) = site_dirs();
    write(
        &root,
        "content/_index.md",
        "---\ntitle: Accueil\n---\nBienvenue.\n",
    );
    write(
        &root,
        "content/guide/_index.md",
        "---\ntitle: Guide\n---\nLe guide.\n",
    );
    let step = "content/guide/01-un.md";
    write(
        &root,
        step,
        "---\ntitle: Étape un\nkind: guide\nauthors: [Léa Martin]\ntags: [outils]\n---\nIl manque [[Absente]].\n\nOn cite [[Niveau haut]] ici.\n",
    );
    write(
        &root,
        "content/guide/02-deux.md",
        "---\ntitle: Étape deux\nkind: guide\nauthors: [Paul Roux]\ntags: [autre]\n---\nLa suite.\n",
    );
    write(
        &root,
        "content/typologies/haut.md",
        "---\ntitle: Niveau haut\nkind: typology\naxis: Axe\nlevel: \"1\"\naliases: [Sommet]\n---\nUn niveau.\n",
    );
    // `[[Sommet]]` goes to the nearest of the two pages so named, until
    // the nearest is named otherwise: the typology page is then cited.
    write(
        &root,
        "content/guide/03-trois.md",
        "---\ntitle: Étape trois\nkind: guide\n---\nVoir [[Sommet]].\n",
    );
    write(
        &root,
        "content/guide/annexe.md",
        "---\ntitle: Sommet\n---\nUne annexe.\n",
    );
    write(
        &root,
        "content/fiches/loin.md",
        "---\ntitle: Loin\ntags: [autre]\n---\nRien à voir.\n",
    );
    let (mut builder, first) = built(&root, &out);
    let shown = [
        "etiquettes/outils/index.html",
        "personnes/lea-martin/index.html",
        "pages-a-creer/index.html",
        "vue-d-ensemble-des-typologies/index.html",
        "guide/imprimer/index.html",
    ];
    for f in shown {
        assert!(first.contains_key(f), "{f} in {:?}", first.keys());
    }
    let steps = [
        // Every generated page above shows this page's title.
        (step, "title: Étape un", "title: Étape première", &shown[..]),
        // A link now resolving to the typology page: its overview cites
        // one more page.
        (
            "content/guide/annexe.md",
            "title: Sommet",
            "title: Cime",
            &shown[3..4],
        ),
        // Its text alone (the quick path renders it and the printable
        // guide): the title edit after it must not take their older bytes
        // from the render cache (`TitleEdit::stale`).
        (step, "Il manque", "Il manquera", &shown[4..]),
        // The typology page itself, its links kept (a title changed only in
        // its case): its overview shows its title.
        (
            "content/typologies/haut.md",
            "title: Niveau haut",
            "title: NIVEAU HAUT",
            &shown[3..4],
        ),
        // A page far away: none of them changes.
        (
            "content/fiches/loin.md",
            "title: Loin",
            "title: Lointaine",
            &[],
        ),
    ];
    let mut before = first;
    for (rel, from, to, changed) in steps {
        let clean = edit_step(
            &mut builder,
            (&root, &out),
            &before,
            (rel, from, to),
            changed,
        );
        if changed.is_empty() {
            for f in shown {
                assert_eq!(before[f], clean[f], "{to}: {f} changed");
            }
        }
        before = clean;
    }
}

/// `serve` reuses the last credits while nothing they read changes: a name
/// changed in a page's front matter (author, facilitator) is read again, as
/// a clean build reads it; a kind and a title changed after them keep the
/// site equal to a clean build (without git, credits read neither).
#[test]
fn credits_follow_the_names_of_the_front_matter() {
    let (_dir, root, out) = site_dirs();
    write(
        &root,
        "content/_index.md",
        "---\ntitle: Accueil\n---\nBienvenue.\n",
    );
    let rel = "content/atelier.md";
    write(
        &root,
        rel,
        "---\ntitle: Atelier\nkind: minutes\nauthors: [Léa Martin]\nfacilitators: [Paul Roux]\n---\nNotes.\n",
    );
    let (mut builder, _) = built(&root, &out);
    let steps = [
        ("authors: [Léa Martin]", "authors: [Léa Martin, Ana Diaz]"),
        ("facilitators: [Paul Roux]", "facilitators: [Ana Diaz]"),
        ("kind: minutes", "kind: guide"),
        ("title: Atelier", "title: Atelier du jeudi"),
    ];
    for (from, to) in steps {
        let p = replace_in(&root, rel, from, to);
        served_equals_clean(&mut builder, &root, &out, &[p], to);
    }
}

/// A title edit in a tag of more pages than "see also" examines at once
/// (`wiki::SEE_ALSO_SCAN`): serve recomputes only the lists near the page's
/// former and new places in the tag (`wiki::near_retitled`), which must
/// give what a clean build gives, for pages moved a little, to the end, to
/// the start, and for a page sharing a second tag with far pages.
#[test]
fn a_title_edit_in_a_large_tag_moves_see_also_like_a_build() {
    let (_dir, root, out) = site_dirs();
    write(&root, "content/_index.md", "---\ntitle: Accueil\n---\n");
    let n = crate::wiki::SEE_ALSO_SCAN * 2 + 100;
    for i in 0..n {
        let tags = if i % 50 == 0 || i == n - 1 {
            "[commun, rare]"
        } else {
            "[commun]"
        };
        write(
            &root,
            &format!("content/fiches/p{i:03}.md"),
            &format!("---\ntitle: Page {i:03}\ntags: {tags}\n---\nTexte.\n"),
        );
    }
    let (mut builder, mut before) = built(&root, &out);
    let last = format!("p{:03}", n - 1);
    let steps = [
        ("p300", "Page 300", "Page 050b", "p051"),
        ("p010", "Page 010", "Zéro", "p600"),
        (last.as_str(), &*format!("Page {:03}", n - 1), "Aaa", "p003"),
        ("p100", "Page 100", "Page 450b", "p450"),
    ];
    for (file, from, to, moved) in steps {
        let rel = format!("content/fiches/{file}.md");
        // A page beside the new place shows other pages now.
        let near = format!("fiches/{moved}/index.html");
        before = edit_step(
            &mut builder,
            (&root, &out),
            &before,
            (&rel, from, to),
            &[&near],
        );
    }
}

/// After a title edit, serve resolves again only the links whose key is a
/// former or new title (`link::resolve_retitled`): a link asking for the
/// former title becomes a page to create, one asking for the new title
/// finds the page, and a title changed only in its case changes which of
/// two pages so named a link takes (the one named exactly).
#[test]
fn a_title_edit_relinks_what_asked_for_the_former_or_new_title() {
    let (_dir, root, out) = site_dirs();
    write(&root, "content/_index.md", "---\ntitle: Accueil\n---\n");
    write(&root, "content/a.md", "---\ntitle: Alpha\n---\nA.\n");
    write(&root, "content/c.md", "---\ntitle: Gamma\n---\nC.\n");
    let asker = "content/x/renvoi.md";
    write(
        &root,
        asker,
        "---\ntitle: Renvoi\n---\nVoir [[Alpha]], [[Bêta]] et [[Fiche]].\n",
    );
    write(&root, "content/x/une.md", "---\ntitle: fiche\n---\nPrès.\n");
    write(
        &root,
        "content/loin/deux.md",
        "---\ntitle: Fiche\n---\nLoin.\n",
    );
    let (mut builder, mut before) = built(&root, &out);
    let shown = "x/renvoi/index.html";
    let steps = [
        ("content/a.md", "title: Alpha", "title: Bêta"),
        ("content/c.md", "title: Gamma", "title: Alpha"),
        ("content/loin/deux.md", "title: Fiche", "title: FICHE"),
    ];
    for step in steps {
        before = edit_step(&mut builder, (&root, &out), &before, step, &[shown]);
    }
}

/// A title edit hands the edited page to `Builder::early` as soon as it is
/// rendered, before the pages linking to it: with the bytes the whole
/// rebuild then serves, and named in the outcome so that it does not
/// reload twice. A text edit (the quick path) hands nothing.
#[test]
fn a_title_edit_shows_the_edited_page_first() {
    let (_dir, root, out) = site_dirs();
    write(&root, "content/_index.md", "---\ntitle: Accueil\n---\n");
    write(&root, "content/a.md", "---\ntitle: Alpha\n---\nA.\n");
    write(
        &root,
        "content/b.md",
        "---\ntitle: Bêta\n---\nVoir [[Alpha]].\n",
    );
    let (mut builder, _) = built(&root, &out);
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<(String, Vec<u8>)>::new()));
    builder.early = Some({
        let seen = seen.clone();
        std::sync::Arc::new(move |files: &[(String, std::sync::Arc<Vec<u8>>)]| {
            let mut seen = seen.lock().unwrap();
            seen.extend(files.iter().map(|(rel, b)| (rel.clone(), b.to_vec())));
        })
    });
    let p = replace_in(&root, "content/a.md", "title: Alpha", "title: Alfa");
    let paths = [p];
    let outcome = builder.apply(&paths, classify(&root, &paths));
    assert_eq!(outcome.early, ["a/index.html"]);
    let served = in_memory(&outcome.files.unwrap());
    let shown = std::mem::take(&mut *seen.lock().unwrap());
    assert_eq!(
        shown,
        [("a/index.html".to_string(), served["a/index.html"].clone())]
    );
    assert!(String::from_utf8_lossy(&shown[0].1).contains("Alfa"));
    assert!(String::from_utf8_lossy(&served["b/index.html"]).contains("Alfa"));
    assert_eq!(Some(served), clean_build(&root, &out));

    let p = replace_in(&root, "content/a.md", "A.", "Autre texte.");
    let paths = [p];
    let outcome = builder.apply(&paths, classify(&root, &paths));
    assert!(outcome.early.is_empty());
    assert!(seen.lock().unwrap().is_empty());
}
