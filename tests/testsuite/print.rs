//! The printable document of a section (`guide/imprimer/`, `[print]
//! sections`) and Mermaid diagrams: fixture sites built by the real binary,
//! the document's `<main>` compared with its snapshot, its ids and in-document
//! links checked exactly. What Chromium prints is `tests/browser/suites/print.mjs`.

use crate::util::{Site, main_of};

/// A guide of three steps that link to each other, to a page outside the
/// guide and outside the site, with the same heading and a footnote in two
/// steps (ids that would collide in one document).
fn guide_site() -> Site {
    let s = Site::new();
    s.file(
        "playbook.toml",
        "title = \"Playbook d'essai\"\n[credits]\ngit = false\n",
    )
    .file(
        "content/guide/_index.md",
        "---\ntitle: Le guide\ndescription: Trois pas.\n---\n\nCommencez par [[Un]], puis [[Deux#Détails]].\n",
    )
    .file(
        "content/guide/01-un.md",
        "---\ntitle: Un\nkind: guide\norder: 1\nauthors: [\"Anne Berlemont\"]\nupdated: 2025-01-10\n---\n\n## Pourquoi\n\nVoir [[Deux]] et [[Ailleurs]], et [le site](https://example.org/doc).[^n]\n\n[^n]: Une note.\n",
    )
    .file(
        "content/guide/02-deux.md",
        "---\ntitle: Deux\nkind: guide\norder: 2\nauthors: [\"Florence Mensah\", \"Anne Berlemont\"]\nupdated: 2025-02-03\n---\n\n## Pourquoi\n\nRetour à [[Un#Pourquoi]], ou [plus bas](#details).[^n]\n\n## Détails\n\nFin.\n\n[^n]: Une autre note.\n",
    )
    .file(
        "content/guide/03-trois.md",
        "---\ntitle: Trois\nkind: guide\norder: 3\n---\n\n## Pourquoi\n\nTexte.\n",
    )
    .file("content/ailleurs.md", "---\ntitle: Ailleurs\n---\n\nHors du guide.\n");
    s
}

/// The values of attribute `name` in `html`, in order.
fn attrs<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            let v = &html[i + needle.len()..];
            &v[..v.find('"').unwrap()]
        })
        .collect()
}

#[test]
fn a_guide_prints_as_one_document_with_in_document_links_and_unique_ids() {
    let s = guide_site();
    s.build_ok(&[]);
    let html = s.read("public/guide/imprimer/index.html");
    let main = main_of(&html);
    insta::assert_snapshot!("print__guide", main);
    // Every id once; every fragment lands on one of them.
    let ids = attrs(main, "id");
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    let fragments: Vec<&str> = attrs(main, "href")
        .into_iter()
        .filter_map(|h| h.strip_prefix('#'))
        .collect();
    let missing: Vec<&&str> = fragments.iter().filter(|f| !ids.contains(f)).collect();
    assert_eq!(missing, Vec::<&&str>::new());
    // No link to a page of the document leaves it; the others stay relative to the site.
    let leaving: Vec<&str> = attrs(main, "href")
        .into_iter()
        .filter(|h| !h.starts_with('#'))
        .collect();
    assert_eq!(
        leaving,
        [
            "../",
            "../../personnes/anne-berlemont/",
            "../../personnes/florence-mensah/",
            "../../ailleurs/",
            "https://example.org/doc",
        ]
    );
    // The guide's pages and index link to it; other pages do not.
    for (page, href) in [
        ("guide/un/", Some("../imprimer/")),
        ("guide/", Some("imprimer/")),
        ("ailleurs/", None),
    ] {
        let html = s.read(&format!("public/{page}index.html"));
        let link = html
            .find("<p class=\"print-link\">")
            .map(|i| &html[i..i + html[i..].find("</p>").unwrap() + 4]);
        assert_eq!(
            link.map(String::from),
            href.map(|h| format!(
                "<p class=\"print-link\"><a href=\"{h}\">Version imprimable / PDF</a></p>"
            )),
            "{page}"
        );
    }
}

#[test]
fn the_print_setting_makes_a_document_of_any_section_and_names_an_unknown_one() {
    let s = Site::new();
    s.file(
        "playbook.toml",
        "language = \"en\"\n\n[print]\nsections = [\"ateliers\", \"nulle-part\"]\n",
    )
    .file(
        "content/ateliers/2024-11-14-atelier.md",
        "---\ntitle: Atelier de novembre\nkind: minutes\ndate: 2024-11-14\n---\n\nVoir [[Atelier de mars]].\n",
    )
    .file(
        "content/ateliers/2025-03-20-atelier.md",
        "---\ntitle: Atelier de mars\nkind: minutes\ndate: 2025-03-20\n---\n\nSuite de [[Atelier de novembre]].\n",
    );
    let o = s.build_ok(&[]);
    assert!(
        o.stderr.contains(
            "playbook.toml:4:1: warning: `[print] sections` names `nulle-part`, which is no folder of `content/`"
        ),
        "{}",
        o.stderr
    );
    let html = s.read("public/ateliers/imprimer/index.html");
    let titles: Vec<&str> = main_of(&html)
        .split("<h2 id=\"")
        .skip(1)
        .map(|h| {
            let t = &h[h.find('>').unwrap() + 1..];
            &t[..t.find("</h2>").unwrap()]
        })
        .collect();
    assert_eq!(
        titles,
        ["Contents", "Atelier de mars", "Atelier de novembre"]
    );
    // Each workshop links to the other inside the document.
    let fragments: Vec<&str> = attrs(main_of(&html), "href")
        .into_iter()
        .filter(|h| h.starts_with('#'))
        .collect();
    assert_eq!(
        fragments,
        [
            "#2025-03-20-atelier",
            "#2024-11-14-atelier",
            "#2024-11-14-atelier",
            "#2025-03-20-atelier"
        ]
    );
}

#[test]
fn a_page_at_the_printable_address_is_an_error() {
    let s = guide_site();
    s.file(
        "content/guide/imprimer.md",
        "---\ntitle: Imprimer\n---\n\nx\n",
    );
    let o = s.build(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(
        o.stderr.contains(
            "content/guide/imprimer.md: erreur : l’adresse `guide/imprimer/` est réservée à la version imprimable de la rubrique\n  aide : renommez le fichier ou son dossier"
        ),
        "{}",
        o.stderr
    );
}

#[test]
fn a_diagram_keeps_its_source_and_only_its_pages_load_mermaid() {
    let s = Site::new();
    s.file(
        "content/schema.md",
        "---\ntitle: Schéma\n---\n\nAvant.\n\n```mermaid\nflowchart LR\n  A[\"Élus\"] --> B[\"DG\"]\n```\n\n```js\nconst x = 1;\n```\n",
    )
    .file("content/texte.md", "---\ntitle: Texte\n---\n\nRien à dessiner.\n");
    s.build_ok(&[]);
    let schema = s.read("public/schema/index.html");
    insta::assert_snapshot!("print__diagram", main_of(&schema));
    // The theme's scripts, linked by fingerprinted names (`style.<hash>.js`),
    // shown by their plain names.
    let scripts = |html: &str| -> Vec<String> {
        attrs(html, "src")
            .into_iter()
            .filter(|src| src.ends_with(".js"))
            .map(|src| {
                let rel = src.strip_prefix("../").unwrap();
                assert!(s.exists(&format!("public/{rel}")), "{src}");
                let plain = crate::util::plain_asset_name(rel)
                    .unwrap_or_else(|| panic!("{src} is not fingerprinted"));
                format!("../{plain}")
            })
            .collect()
    };
    assert_eq!(
        scripts(&schema),
        [
            "../assets/playbook.js",
            "../assets/search.js",
            "../assets/vendor/mermaid.min.js",
            "../assets/diagrams.js"
        ]
    );
    assert_eq!(
        scripts(&s.read("public/texte/index.html")),
        ["../assets/playbook.js", "../assets/search.js"]
    );
    // Mermaid (5 MB) goes out once, under the name pages link it by.
    let mermaid: Vec<String> = std::fs::read_dir(s.path().join("public/assets/vendor"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("mermaid.") && n.ends_with(".js"))
        .collect();
    assert_eq!(mermaid.len(), 1, "{mermaid:?}");
    assert!(schema.contains(&format!("../assets/vendor/{}", mermaid[0])));
    // A site without a diagram does not carry Mermaid.
    s.remove("content/schema.md");
    s.build_ok(&[]);
    assert!(!s.exists("public/assets/vendor"));
    assert!(!s.exists("public/assets/diagrams.js"));
}
