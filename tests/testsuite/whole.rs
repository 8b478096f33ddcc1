//! Whole outputs compared with their snapshots (`snapshots/`; review a
//! deliberate change with `cargo insta review`, or `INSTA_UPDATE=always`
//! then read the diff): the `<main>` of every page kind of the bundled
//! example, `check`'s report in each format, and the page the seed pad
//! imports to. The example is built from a copy without git, so the credits
//! come from the front matter alone and the output does not depend on the
//! repository's history.

use crate::util::{Site, main_of, repo_root};

/// One page of each kind the example has, by address.
const PAGE_KINDS: &[(&str, &str)] = &[
    ("home", ""),
    ("section", "guide/"),
    ("guide_step", "guide/commencer-petit/"),
    ("minutes", "ateliers/2024-11-14-implanter-le-collaboratif/"),
    ("typology", "typologies/intensite-3-concertation/"),
    ("page", "a-propos/"),
    ("tag", "etiquettes/confiance/"),
    ("tags", "etiquettes/"),
    ("pages_to_create", "pages-a-creer/"),
    ("typology_overview", "vue-d-ensemble-des-typologies/"),
    ("weather", "meteo/"),
    ("contributors", "contributeurs/"),
    ("structures", "structures/"),
    ("person", "personnes/anne-berlemont/"),
    ("search", "recherche/"),
];

#[test]
fn the_main_of_every_page_kind_of_the_example() {
    let s = Site::example();
    s.build_ok(&[]);
    for (kind, url) in PAGE_KINDS {
        let html = s.read(&format!("public/{url}index.html"));
        insta::assert_snapshot!(format!("example__{kind}"), main_of(&html));
    }
    let html = s.read("public/404.html");
    insta::assert_snapshot!("example__not_found", main_of(&html));
}

/// A site with one of each thing `check` reports.
fn faulty_site() -> Site {
    let s = Site::new();
    s.file(
        "content/_index.md",
        "---\ntitle: Accueil\n---\nVoir [[Guide]].\n",
    );
    s.file(
        "content/guide.md",
        "---\ntitle: Guide\nauthors: [Anne Berlemont]\n---\n\
         Lire [[Page absente]] et [la suite](suite.md), puis [[Guide#Section absente]].\n\n\
         ![schéma](schema.png)\n",
    );
    s.file(
        "content/atelier.md",
        "---\ntitle: Atelier\nkind: minutes\ndate: 2024-13-45\nfacilitators: [Anne Berlemnot]\n---\nTexte.\n",
    );
    s.file("content/casse.md", "---\ntitle: [Casse\n---\nTexte.\n");
    s
}

#[test]
fn check_reports_in_every_format() {
    let s = faulty_site();
    for (name, args) in [
        ("text", &["check"][..]),
        ("json", &["check", "--format", "json"][..]),
        ("gitlab", &["check", "--format", "gitlab"][..]),
    ] {
        let o = s.run(args);
        insta::assert_snapshot!(
            format!("check__{name}"),
            format!(
                "exit code: {}\n--- stdout\n{}--- stderr\n{}",
                o.code, o.stdout, o.stderr
            )
        );
    }
}

#[test]
fn the_seed_pad_imports_to_this_page() {
    let s = Site::new();
    s.file("content/_index.md", "Accueil");
    let seed = std::fs::read(repo_root().join("tests/fixtures/pads/seed.txt")).unwrap();
    s.file("atelier.txt", seed);
    let o = s.run(&["import", "atelier.txt", "--date", "2025-01-15"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let page = o.stdout.trim();
    insta::assert_snapshot!(
        "seed_pad_import",
        format!(
            "{page}\n--- messages\n{}--- page\n{}",
            o.stderr,
            s.read(page)
        )
    );
}
