//! Markup of other documentation tools: Obsidian, GitBook, VuePress and
//! Docusaurus, MkDocs Material, raw HTML. Each fixture site of
//! `tests/fixtures/dialects/` is built with the real binary; the `<main>` of
//! its pages and the build's messages are compared with their snapshots
//! (`snapshots/`; `cargo insta review` after a deliberate change), and what
//! must never show is checked on every page.

use std::path::Path;

use crate::util::{Output, Site, copy_dir, main_of, repo_root};

/// Copies a fixture site and builds it.
fn build(name: &str) -> (Site, Output) {
    let s = Site::new();
    copy_dir(
        &repo_root().join("tests/fixtures/dialects").join(name),
        s.path(),
    );
    let o = s.build(&[]);
    assert_eq!(o.code, 0, "{name}: {}", o.stderr);
    (s, o)
}

/// The build's messages, without the timing of its last line.
fn messages(o: &Output) -> String {
    o.stderr
        .lines()
        .map(|l| match l.rfind(" en ") {
            Some(i) if l.contains(" pages construites (") => {
                let rest = &l[i + 4..];
                let after = rest.find(' ').map_or("", |j| &rest[j..]);
                let unit = after.trim_start().strip_prefix("ms").unwrap_or(after);
                format!("{} en [TIME]{unit}", &l[..i])
            }
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Snapshots the `<main>` of each page.
fn pages(s: &Site, name: &str, urls: &[&str]) {
    for url in urls {
        let html = s.read(&format!("public/{url}index.html"));
        no_raw_markup(&html, url);
        let key = format!("{name}__{}", url.trim_end_matches('/').replace('/', "__"));
        let key = if key.ends_with("__") {
            format!("{key}home")
        } else {
            key
        };
        insta::assert_snapshot!(key, main_of(&html));
    }
}

/// No marker of another tool shows as text outside code.
fn no_raw_markup(html: &str, url: &str) {
    let text = crate::util::visible_text(main_of(html));
    for marker in [
        "[!", "{%", "%}", ":::", "!!!", "???", "{:", "<!--", "&lt;", "%%", "==", "\u{E000}",
        "\u{E003}",
    ] {
        assert!(
            !text.contains(marker),
            "{url}: `{marker}` shows in:\n{text}"
        );
    }
}

fn published(s: &Site, rel: &str) -> bool {
    s.path().join("public").join(rel).exists()
}

#[test]
fn obsidian_vault() {
    let (s, o) = build("obsidian");
    insta::assert_snapshot!("obsidian__messages", messages(&o));
    pages(
        &s,
        "obsidian",
        &["notes/cooperation/", "atelier/", "cycle-a/", "soi/"],
    );
    assert!(published(&s, "pieces/schema.png") && published(&s, "pieces/son.mp3"));
    assert!(!published(&s, ".obsidian"), ".obsidian/ is never published");
    // `#tags` in the text are tags of the page.
    let tag = s.read("public/etiquettes/niveaux-fins/index.html");
    assert!(tag.contains("href=\"../../notes/cooperation/\""), "{tag}");
}

#[test]
fn gitbook_export() {
    let (s, o) = build("gitbook");
    insta::assert_snapshot!("gitbook__messages", messages(&o));
    pages(&s, "gitbook", &["", "guide/demarrer/", "marches/appel/"]);
    for used in ["image (1).png", "photo.png", "Guide (1).pdf"] {
        assert!(published(&s, &format!(".gitbook/assets/{used}")), "{used}");
    }
    assert!(
        !published(&s, ".gitbook/assets/inutile.png"),
        "a file of a hidden folder no page refers to stays out"
    );
    assert!(published(&s, "marches-2/appel/index.html"));
}

#[test]
fn vuepress_and_docusaurus_containers() {
    let (s, o) = build("vuepress");
    insta::assert_snapshot!("vuepress__messages", messages(&o));
    pages(&s, "vuepress", &[""]);
    // Ten folders whose README says `# Introduction`: the menu tells them apart.
    let home = s.read("public/index.html");
    for folder in ["Annotation", "Logiciels", "Qualite"] {
        assert!(
            home.contains(&format!(">{folder} — Introduction</a>")),
            "{folder}: {home}"
        );
    }
    assert_eq!(
        s.read("public/qualite/index.html")
            .matches("<h1>Introduction</h1>")
            .count(),
        1
    );
}

#[test]
fn mkdocs_material() {
    let (s, o) = build("mkdocs");
    insta::assert_snapshot!("mkdocs__messages", messages(&o));
    pages(&s, "mkdocs", &["", "html/"]);
}

/// Every internal address of the fixture sites leads to a file.
#[test]
fn every_internal_link_of_the_fixtures_leads_somewhere() {
    for name in ["obsidian", "gitbook", "vuepress", "mkdocs"] {
        let (s, _) = build(name);
        let broken = crate::util::broken_internal_urls(&s.path().join("public"));
        assert_eq!(broken, Vec::<String>::new(), "{name}");
    }
    let _ = Path::new("");
}

/// A file named `_…` (a GitBook photo `_Z8A5697.jpeg`, Docusaurus'
/// `_category_.json`) goes out when a page shows or links to it, like a
/// file of a hidden folder; `_people.toml` never does. (Was: every `_` file
/// was left out, and a link to it said nothing was there.)
#[test]
fn files_named_with_an_underscore_go_out_when_a_page_shows_them() {
    let s = Site::new();
    s.file(
        "content/a.md",
        "# A\n\n![portrait](img/_Z8A5697.jpeg) ![[_b.png]] [les gens](_people.toml)\n",
    )
    .file("content/img/_Z8A5697.jpeg", "JPEG")
    .file("content/img/_b.png", "PNG")
    .file("content/_category_.json", "{}")
    .file("content/_people.toml", "");
    let o = s.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        !o.stderr.contains("_Z8A5697") && !o.stderr.contains("_b.png"),
        "{}",
        o.stderr
    );
    assert!(published(&s, "img/_Z8A5697.jpeg") && published(&s, "img/_b.png"));
    assert!(!published(&s, "_category_.json"), "no page refers to it");
    assert!(!published(&s, "_people.toml"), "never published");
    let a = main_of(&s.read("public/a/index.html")).to_string();
    assert_eq!(a.matches("<img").count(), 2, "{a}");
    assert!(a.contains("<span class=\"broken\">les gens"), "{a}");
}

/// A real Obsidian vault (`tests/fixtures/corpora/obsidian-tasks-docs`, MIT:
/// the Tasks plugin's documentation, its larger images left out) builds,
/// every internal address of it leads to a file, no markup of another tool
/// shows, and `check` counts its links: the broken ones are the images
/// left out of the fixture and one link broken in the vault itself.
#[test]
fn a_real_obsidian_vault_builds_as_obsidian_shows_it() {
    let s = Site::new();
    copy_dir(
        &repo_root().join("tests/fixtures/corpora/obsidian-tasks-docs/content"),
        &s.path().join("content"),
    );
    let o = s.build(&[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("133 pages construites"), "{}", o.stderr);
    let c = s.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&c.stdout).unwrap();
    assert_eq!(v["errors"], 0);
    let links = &v["links"];
    assert_eq!(
        (
            &links["total"],
            &links["pages"],
            &links["files"],
            &links["broken"],
            &links["missing"]
        ),
        (
            &1335.into(),
            &1136.into(),
            &31.into(),
            &98.into(),
            &0.into()
        ),
        "{links}"
    );
    let public = s.path().join("public");
    assert_eq!(
        crate::util::broken_internal_urls(&public),
        Vec::<String>::new()
    );
    let (shown, pages) = crate::util::markers_shown(
        &public,
        &[
            // (`!!!` is prose here: "Publish!!!".)
            "[!", "{%", ":::", "{:", "<!--", "^[", "&lt;/", "&lt;div", "&lt;p", "&lt;img",
        ],
    );
    assert_eq!(shown, Vec::<String>::new());
    assert!(pages > 133, "{pages}");
    // Callouts of many types, embeds of notes' sections, and no tag made of
    // a link to a heading.
    let statuses = s.read("public/getting-started/statuses/index.html");
    assert!(statuses.contains("class=\"callout "), "callouts");
    assert!(!s.path().join("public/etiquettes/when").exists());
}
