//! Wiki cross-linking: every link form, forgiving resolution, backlinks,
//! pages to create, tags, typology overview and `playbook check`.

use crate::util::{Site, main_of};

/// A site exercising every link form and resolution rule.
fn linked_site() -> Site {
    let s = Site::new();
    s.file("content/_index.md", "---\ntitle: Accueil\n---\n[[Coopération inter-directions]]\n")
        .file(
            "content/typologies/cooperation.md",
            "---\ntitle: Coopération inter-directions\naliases: [Travail transverse]\ntags: [Coopération, niveaux]\nkind: typology\naxis: Intensité\nlevel: 4\n---\n\n## Niveaux de collaboration\n\nTexte.\n\n## Autre section\n",
        )
        // NFD file name: "Été" decomposed.
        .file("content/ateliers/E\u{301}te\u{301} 2025.md", "---\ntitle: Atelier d'été\nkind: minutes\ntags: [coopération]\n---\nOn cite [[cooperation inter directions#niveaux de collaboration]] ici. Autre phrase.\n")
        .file(
            "content/guide/demarrer.md",
            "---\ntitle: Démarrer\nkind: guide\norder: 1\ntags: [niveaux, coopération]\n---\n\
             - casse et accents : [[COOPERATION INTER_DIRECTIONS]]\n\
             - alias : [[travail transverse|le travail transverse]]\n\
             - titre avec section : [[Coopération inter-directions#Autre section]]\n\
             - chemin : [[typologies/cooperation]]\n\
             - fichier NFC : [[été 2025]]\n\
             - même page : [[#Plus bas]]\n\
             - Markdown : [lien md](../typologies/cooperation.md#autre-section)\n\
             - manquante : [[Page absente]] et encore [[page  absente]]\n\
             - ancre cassée : [[Démarrer#Section inconnue]]\n\
             - code : `[[Pas un lien]]`\n\n\
             | Colonne | Lien |\n|---|---|\n| a | [[Coopération inter-directions\\|dans un tableau]] |\n\n\
             ```\n[[Toujours pas un lien]]\n```\n\n## Plus bas\n",
        )
        // Ambiguity: two pages titled "Fiche", one beside the asker.
        .file("content/guide/fiche.md", "---\ntitle: Fiche\n---\n")
        .file("content/autres/fiche.md", "---\ntitle: Fiche\n---\n")
        .file("content/guide/renvoi.md", "---\ntitle: Renvoi\n---\nVoir [[Fiche]].\n")
        .file("content/orpheline.md", "---\ntitle: Orpheline\n---\nPersonne ne pointe ici.\n");
    s
}

#[test]
fn every_link_form_resolves() {
    let s = linked_site();
    let o = s.build_ok(&[]);
    let d = main_of(&s.read("public/guide/demarrer/index.html")).to_string();
    let to_coop = "href=\"../../typologies/cooperation/\"";
    assert!(
        d.matches(to_coop).count() >= 3,
        "case/accents, alias, path, table: {d}"
    );
    assert!(d.contains(">le travail transverse</a>"), "alias with label");
    assert!(
        d.contains("href=\"../../typologies/cooperation/#autre-section\""),
        "title#section and md link: {d}"
    );
    assert!(
        d.contains("href=\"../../ateliers/ete-2025/\""),
        "NFD file name found by its NFC spelling: {d}"
    );
    assert!(d.contains("href=\"#plus-bas\""), "same-page anchor");
    assert!(
        d.contains(">dans un tableau</a>"),
        "escaped pipe in a table"
    );
    assert!(
        d.contains("[[Pas un lien]]") && d.contains("[[Toujours pas un lien]]"),
        "code is left alone"
    );
    // Pages to create.
    assert!(
        d.contains("class=\"new\" href=\"../../pages-a-creer/#page-absente\""),
        "{d}"
    );
    assert!(d.contains("(page à créer)"));
    // Warnings: ambiguity (naming every candidate, choosing the nearest) and the broken anchor.
    assert!(o.stderr.contains("`[[Fiche]]` est ambigu : `guide/fiche.md`, `autres/fiche.md` ; la plus proche est choisie, `guide/fiche.md`"), "{}", o.stderr);
    assert!(
        o.stderr
            .contains("content/guide/demarrer.md:15:19: avertissement : ancre cassée"),
        "broken anchor with position: {}",
        o.stderr
    );
    assert!(
        o.stderr
            .contains("ancre cassée : `Démarrer` n'a pas de section `Section inconnue`"),
        "{}",
        o.stderr
    );
    assert!(
        s.read("public/guide/renvoi/index.html")
            .contains("href=\"../fiche/\""),
        "nearest by path"
    );
    let atelier = s.read("public/ateliers/ete-2025/index.html");
    assert!(
        atelier.contains("href=\"../../typologies/cooperation/#niveaux-de-collaboration\""),
        "forgiving anchor match"
    );
}

/// A title and another page's file name compete (playbook links by title,
/// Obsidian and Foam by file name): a warning names both, and the page the
/// link names exactly wins. A folder counts only when no page is named so.
/// (Was: the title won without a word, and Foam's `[[lint]]` reached
/// `workspace-lint.md`, titled "Lint", instead of `cli/lint.md`.)
#[test]
fn a_title_and_a_file_name_compete_and_the_exact_one_wins() {
    let s = Site::new();
    s.file("content/outils/cli.md", "# CLI\n\n[[lint]] et [[Lint]]\n")
        .file("content/outils/cli/lint.md", "# foam lint\n")
        .file("content/outils/workspace-lint.md", "# Lint\n")
        .file("content/demarrer.md", "# Démarrer\n\n[[Démarrer ici]]\n")
        .file("content/demarrer ici/a.md", "# A\n")
        .file("content/commencer/demarrer ici.md", "# Premiers pas\n");
    let o = s.build_ok(&[]);
    let cli = main_of(&s.read("public/outils/cli/index.html")).to_string();
    assert!(cli.contains("<a href=\"lint/\">lint</a>"), "{cli}");
    assert!(
        cli.contains("<a href=\"../workspace-lint/\">Lint</a>"),
        "{cli}"
    );
    assert!(
        o.stderr.contains("`[[lint]]` est ambigu : `outils/cli/lint.md`, `outils/workspace-lint.md` ; la plus proche est choisie, `outils/cli/lint.md`"),
        "{}",
        o.stderr
    );
    // The file `demarrer ici.md` before the folder `demarrer ici/`, silently.
    let d = main_of(&s.read("public/demarrer/index.html")).to_string();
    assert!(d.contains("href=\"../commencer/demarrer-ici/\""), "{d}");
    assert!(!o.stderr.contains("`[[Démarrer ici]]`"), "{}", o.stderr);
}

#[test]
fn backlinks_carry_context_in_stable_order() {
    let s = linked_site();
    s.build_ok(&[]);
    let coop = s.read("public/typologies/cooperation/index.html");
    // A typology's minutes and guide steps are "cited in", the other pages
    // "link here": each page once, sorted by title, with its sentence.
    assert_eq!(
        linked_from(&coop, "cited-by"),
        [
            (
                "Atelier d&#39;été",
                "On cite cooperation inter directions › niveaux de collaboration ici."
            ),
            (
                "Démarrer",
                "casse et accents : COOPERATION INTER_DIRECTIONS"
            )
        ]
    );
    assert_eq!(
        linked_from(&coop, "backlinks"),
        [("Accueil", "Coopération inter-directions")]
    );
}

/// The `(title, sentence)` of each page listed in the page-ending list of
/// class `class` (`cited-by`, `backlinks`) of `html`.
fn linked_from<'a>(html: &'a str, class: &str) -> Vec<(&'a str, &'a str)> {
    let Some(start) = html.find(&format!("<section class=\"{class} backlinks-list\"")) else {
        return vec![];
    };
    let list = &html[start..];
    let list = &list[..list.find("</section>").unwrap()];
    list.split("<li><a href=\"")
        .skip(1)
        .map(|li| {
            let title = &li[li.find('>').unwrap() + 1..li.find("</a>").unwrap()];
            let context = li
                .split_once("<p class=\"context\">")
                .map_or("", |(_, c)| &c[..c.find("</p>").unwrap()]);
            (title, context)
        })
        .collect()
}

/// The link texts of the "see also" list of `html`.
fn see_also(html: &str) -> Vec<&str> {
    let Some(start) = html.find("<section class=\"related\"") else {
        return vec![];
    };
    let list = &html[start..];
    let list = &list[..list.find("</section>").unwrap()];
    list.split("<li><a href=\"")
        .skip(1)
        .map(|li| &li[li.find('>').unwrap() + 1..li.find("</a>").unwrap()])
        .collect()
}

#[test]
fn page_endings_list_each_page_once() {
    // Was: a typology page listed the same pages up to three times, in
    // "Citée dans", "Voir aussi" and "Pages qui mènent ici".
    let s = Site::new();
    let tags = "tags: [coopération]";
    s.file(
        "content/typologies/concertation.md",
        format!("---\ntitle: Concertation\nkind: typology\n{tags}\n---\nTexte.\n"),
    )
    .file(
        "content/guide/etape.md",
        format!("---\ntitle: Étape\nkind: guide\n{tags}\n---\nVoir [[Concertation]].\n"),
    )
    .file(
        "content/ateliers/atelier.md",
        format!(
            "---\ntitle: Atelier\nkind: minutes\n{tags}\n---\nOn a parlé de [[Concertation]].\n"
        ),
    )
    .file(
        "content/fiche.md",
        format!("---\ntitle: Fiche\n{tags}\n---\nLa [[Concertation]] en bref.\n"),
    )
    .file(
        "content/voisine.md",
        format!("---\ntitle: Voisine\n{tags}\n---\nRien.\n"),
    );
    s.build_ok(&[]);
    let c = s.read("public/typologies/concertation/index.html");
    let cited: Vec<&str> = linked_from(&c, "cited-by")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    let links: Vec<&str> = linked_from(&c, "backlinks")
        .into_iter()
        .map(|(t, _)| t)
        .collect();
    assert_eq!(cited, ["Atelier", "Étape"]);
    assert_eq!(links, ["Fiche"]);
    assert_eq!(see_also(&c), ["Voisine"], "the pages no other list has");
    // Without backlinks, "see also" keeps the pages that link here but that
    // "cited in" does not list.
    s.file("playbook.toml", "[wiki]\nbacklinks = false\n");
    s.build_ok(&[]);
    let c = s.read("public/typologies/concertation/index.html");
    assert_eq!(linked_from(&c, "backlinks"), Vec::<(&str, &str)>::new());
    assert_eq!(see_also(&c), ["Fiche", "Voisine"]);
}

#[test]
fn a_long_list_of_backlinks_is_collapsed_after_eight() {
    let s = Site::new();
    s.file("content/cible.md", "---\ntitle: Cible\n---\n");
    for i in 1..=11 {
        s.file(
            &format!("content/source-{i:02}.md"),
            format!("---\ntitle: Source {i:02}\n---\nVers la [[Cible]].\n"),
        );
    }
    s.build_ok(&[]);
    let c = s.read("public/cible/index.html");
    let b = &c[c.find("<section class=\"backlinks").unwrap()..];
    let b = &b[..b.find("</section>").unwrap()];
    assert!(
        b.contains("Pages qui mènent ici <span class=\"count\">(11)</span>"),
        "{b}"
    );
    let (shown, folded) = b
        .split_once("<details class=\"more-links\">")
        .expect("folded");
    assert_eq!(shown.matches("<li>").count(), 8);
    assert_eq!(folded.matches("<li>").count(), 3);
    assert!(
        folded.contains("<summary>Afficher les 3 autres pages</summary>"),
        "{folded}"
    );
    // Eight or fewer: nothing folded.
    s.remove("content/source-11.md")
        .remove("content/source-10.md")
        .remove("content/source-09.md");
    s.build_ok(&[]);
    assert!(!s.read("public/cible/index.html").contains("more-links"));
}

#[test]
fn pages_to_create_page_most_wanted_first() {
    let s = linked_site();
    s.file("content/autre.md", "[[Autre absente]] [[Page absente]]");
    s.build_ok(&[]);
    let p = main_of(&s.read("public/pages-a-creer/index.html")).to_string();
    let page = p.find("id=\"page-absente\"").expect("entry");
    let autre = p.find("id=\"autre-absente\"").expect("entry");
    assert!(page < autre, "asked by two pages, so first: {p}");
    assert!(p.contains("(3 liens)"), "{p}");
    assert!(p.contains("href=\"../guide/demarrer/\""));
    assert!(
        s.build(&["--strict"]).code == 1,
        "--strict fails on pages to create"
    );
}

#[test]
fn tags_pages_and_see_also() {
    let s = linked_site();
    s.build_ok(&[]);
    let index = s.read("public/etiquettes/index.html");
    assert!(
        index.contains("href=\"cooperation/\""),
        "{}",
        main_of(&index)
    );
    assert!(
        index.contains(">coopération <"),
        "the most used spelling names the tag: {}",
        main_of(&index)
    );
    let tag = main_of(&s.read("public/etiquettes/cooperation/index.html")).to_string();
    for t in ["Atelier d", "Coopération inter-directions", "Démarrer"] {
        assert!(tag.contains(t), "{t} in {tag}");
    }
    // Démarrer shares two tags with the typology, the workshop one.
    let demarrer = s.read("public/guide/demarrer/index.html");
    assert_eq!(
        see_also(&demarrer),
        ["Coopération inter-directions", "Atelier d&#39;été"]
    );
    // Both link to the typology: its "see also" does not repeat them.
    let coop = s.read("public/typologies/cooperation/index.html");
    assert_eq!(see_also(&coop), Vec::<&str>::new());
    assert!(
        coop.contains("href=\"../../etiquettes/niveaux/\""),
        "tag links"
    );
}

/// A tag on many pages: "see also" compares each page with its neighbours
/// in the tag (by title), not with all of them (which grows with the square
/// of the pages), so they do not all show the same first five pages; a
/// page sharing two tags still comes first, though far in the large one.
#[test]
fn see_also_in_a_large_tag_looks_at_the_neighbours() {
    let s = Site::new();
    s.file("content/_index.md", "---\ntitle: Accueil\n---\n");
    for i in 0..600 {
        let tags = if i == 0 || i == 599 {
            "[commun, rare]"
        } else {
            "[commun]"
        };
        s.file(
            &format!("content/fiches/p{i:03}.md"),
            format!("---\ntitle: Page {i:03}\ntags: {tags}\n---\nTexte.\n"),
        );
    }
    s.build_ok(&[]);
    let seen = |i: usize| {
        let html = s.read(&format!("public/fiches/p{i:03}/index.html"));
        see_also(&html)
            .into_iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        seen(300),
        ["Page 172", "Page 173", "Page 174", "Page 175", "Page 176"]
    );
    assert_eq!(
        seen(0),
        ["Page 599", "Page 001", "Page 002", "Page 003", "Page 004"]
    );
    assert_eq!(
        seen(599),
        ["Page 000", "Page 344", "Page 345", "Page 346", "Page 347"]
    );
}

#[test]
fn typology_overview_by_axis_and_level() {
    let s = linked_site();
    s.file(
        "content/typologies/info.md",
        "---\ntitle: Information\nkind: typology\naxis: Intensité\nlevel: 1\n---\n",
    )
    .file(
        "content/typologies/choisie.md",
        "---\ntitle: Collaboration choisie\nkind: typology\naxis: Origine\nlevel: 2\n---\n",
    );
    s.build_ok(&[]);
    let o = main_of(&s.read("public/vue-d-ensemble-des-typologies/index.html")).to_string();
    let header = &o[o.find("<thead>").unwrap()..o.find("</thead>").unwrap()];
    let n1 = header.find("Niveau 1").unwrap();
    let n2 = header.find("Niveau 2").unwrap();
    let n4 = header.find("Niveau 4").unwrap();
    assert!(n1 < n2 && n2 < n4, "{header}");
    assert!(
        o.contains("<th scope=\"row\">Intensité</th>")
            && o.contains("<th scope=\"row\">Origine</th>")
    );
    assert!(
        o.contains("Citée dans"),
        "typologies link to the pages citing them"
    );
}

#[test]
fn check_reports_everything_with_positions() {
    let s = linked_site();
    let o = s.run(&["check"]);
    assert_eq!(o.code, 0, "warnings only: {}", o.stdout);
    assert!(
        o.stdout
            .contains("content/orpheline.md:1:1: note : page orpheline"),
        "{}",
        o.stdout
    );
    assert!(
        !o.stdout
            .contains("content/_index.md:1:1: note : page orpheline"),
        "home is not an orphan"
    );
    assert!(
        o.stdout
            .contains("content/guide/demarrer.md:14:15: note : page à créer : `[[Page absente]]`"),
        "page to create with position: {}",
        o.stdout
    );
    assert!(o.stdout.contains("est ambigu"));
    assert!(o.stdout.contains("ancre cassée"));
    assert_eq!(s.run(&["check", "--strict"]).code, 1);
    let j = s.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&j.stdout).expect("valid JSON");
    assert_eq!(v["errors"], 0);
    assert!(v["warnings"].as_u64().unwrap() >= 2);
    assert!(v["links"]["missing"].as_u64().unwrap() >= 2);
    assert!(
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["path"] == "content/orpheline.md")
    );
    let g = s.run(&["check", "--format", "gitlab"]);
    let v: serde_json::Value = serde_json::from_str(&g.stdout).expect("valid JSON");
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|d| d["location"]["lines"]["begin"].as_u64().unwrap() >= 1
                && d["fingerprint"].is_string())
    );
    // A page whose front matter cannot be read is left out, with a warning
    // at its line (an error with `--strict`).
    s.file("content/cassee.md", "---\ntitle: [\n---\n");
    let o = s.run(&["check"]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(
        o.stdout.contains(
            "content/cassee.md:2:8: avertissement : cette page n'est pas publiée : le `[` ouvert sur cette ligne n'est jamais fermé par `]`"
        ),
        "{}",
        o.stdout
    );
    assert_eq!(s.run(&["check", "--strict"]).code, 1);
}

#[test]
fn edit_and_history_links() {
    let s = Site::new();
    s.file("playbook.toml", "edit_url = \"https://gitlab.example/pb/-/edit/main/{path}\"\nhistory_url = \"https://gitlab.example/pb/-/commits/main/{path}\"\n")
        .file("content/dossier/Été.md", "x");
    s.build_ok(&[]);
    let p = s.read("public/dossier/ete/index.html");
    assert!(p.contains("href=\"https://gitlab.example/pb/-/edit/main/content/dossier/%C3%89t%C3%A9.md\">Modifier cette page"), "{p}");
    assert!(
        p.contains("https://gitlab.example/pb/-/commits/main/content/dossier/%C3%89t%C3%A9.md")
    );
    assert!(
        !s.read("public/dossier/index.html")
            .contains("Modifier cette page"),
        "no file behind a generated folder page"
    );
}

#[test]
fn long_sections_do_not_repeat_every_page_in_every_sidebar() {
    let s = Site::new();
    for i in 0..300 {
        s.file(
            &format!("content/grand/page-{i:03}.md"),
            format!("# Page {i:03}\n"),
        );
    }
    s.build_ok(&[]);
    let p = s.read("public/grand/page-150/index.html");
    let start = p.find("class=\"section-nav\"").unwrap();
    let sidebar = &p[start..start + p[start..].find("</nav>").unwrap()];
    let listed = sidebar.matches("href=\"../page-").count();
    assert!(
        listed > 10 && listed <= 2 * playbook::render::NAV_WINDOW + 1,
        "{listed} pages listed"
    );
    assert!(
        sidebar.contains("href=\"../page-150/\" aria-current=\"page\""),
        "the current page is in its window"
    );
    assert!(p.contains("Toutes les pages de la rubrique (300)"));
    let index = s.read("public/grand/index.html");
    assert!(
        main_of(&index).matches("href=\"page-").count() >= 300,
        "the section index lists them all"
    );
}

#[test]
fn the_bundled_example_has_no_page_to_create_and_no_warning() {
    let s = Site::example();
    let o = s.build_ok(&["--strict"]);
    assert!(!o.stderr.contains("warning"), "{}", o.stderr);
    let c = s.run(&["check", "--strict"]);
    assert_eq!(c.code, 0, "{}", c.stdout);
}

#[test]
fn weather_page_aggregates_minutes() {
    let s = Site::example();
    s.file(
        "content/ateliers/second.md",
        "---\ntitle: Deuxième atelier\nkind: minutes\ndate: 2025-03-01\nweather:\n  - { who: \"Claire\", weather: \"pluie\", comment: \"<b>trop</b> de réunions\" }\n---\n",
    );
    s.build_ok(&[]);
    let m = main_of(&s.read("public/meteo/index.html")).to_string();
    assert!(
        m.contains("<svg") && m.contains("role=\"img\""),
        "an accessible chart"
    );
    assert!(m.contains("<table"), "a table beside it");
    for who in ["Emmanuel", "Claire", "JM", "Saint-Ouen"] {
        assert!(m.contains(who), "{who}");
    }
    assert!(
        m.contains("1er mars 2025") && m.contains("14 novembre 2024"),
        "over time"
    );
    assert!(
        m.contains("&lt;b&gt;trop&lt;/b&gt;") && !m.contains("<b>trop"),
        "escaped"
    );
    assert!(
        s.read("public/index.html").contains("href=\"meteo/\""),
        "linked from the footer"
    );
}

/// The two real corpora (`../shared/corpora/`) build and check without a
/// panic, and their links resolve as explained in SOURCE.txt: only the
/// images omitted on purpose (and a few links leaving the docs) are broken.
#[test]
fn the_shared_corpora_build_and_check() {
    let shared = crate::util::repo_root().join("../shared/corpora");
    assert!(
        shared.is_dir(),
        "../shared/corpora is missing beside the repository"
    );
    // Broken: the images left out of the corpora (SOURCE.txt); missing: links
    // to `.md` files outside the extract (pages to create).
    for (corpus, pages, broken, missing, to_pages) in [
        ("etalab-guides", 56, 21, 0, 51),
        ("foam-docs", 93, 14, 3, 265),
    ] {
        let s = Site::new();
        crate::util::copy_dir(
            &shared.join(corpus).join("content"),
            &s.path().join("content"),
        );
        let o = s.build(&[]);
        assert_eq!(o.code, 0, "{corpus}: {}", o.stderr);
        assert!(!o.stderr.contains("panicked"), "{corpus}");
        assert!(
            o.stderr.contains(&format!("{pages} pages construites")),
            "{corpus}: {}",
            o.stderr
        );
        let c = s.run(&["check", "--format", "json"]);
        assert_eq!(c.code, 0, "{corpus}: {}", c.stderr);
        let v: serde_json::Value = serde_json::from_str(&c.stdout).unwrap();
        assert_eq!(v["errors"], 0, "{corpus}");
        let links = &v["links"];
        assert_eq!(links["broken"], broken, "{corpus}: {links}");
        assert_eq!(links["missing"], missing, "{corpus}: {links}");
        // Every internal address leads to a file; no markup of another tool
        // or raw HTML source shows as text; the menu tells sections apart.
        let public = s.path().join("public");
        assert_eq!(
            crate::util::broken_internal_urls(&public),
            Vec::<String>::new(),
            "{corpus}"
        );
        let (shown, _) = crate::util::markers_shown(
            &public,
            &[
                "[!",
                "{%",
                ":::",
                "!!!",
                "{:",
                "<!--",
                "&lt;/",
                "&lt;table",
                "&lt;img",
                "&lt;div",
                "&lt;p",
            ],
        );
        assert_eq!(shown, Vec::<String>::new(), "{corpus}");
        let home = s.read("public/index.html");
        let nav = &home[home.find("class=\"main-nav\"").unwrap()..];
        let nav = &nav[..nav.find("</nav>").unwrap()];
        let labels: Vec<&str> = nav
            .split("\">")
            .skip(1)
            .filter_map(|p| p.split_once("</a>").map(|(l, _)| l))
            .collect();
        let mut distinct = labels.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), labels.len(), "{corpus}: {labels:?}");
        assert_eq!(links["pages"], to_pages, "{corpus}: {links}");
    }
}

#[test]
fn section_pages_and_the_header_lead_to_the_generated_pages() {
    // Was: the weather page and the typology overview were only in the footer.
    let s = Site::new();
    s.file(
        "content/ateliers/atelier.md",
        "---\ntitle: Atelier\nkind: minutes\ndate: 2024-11-14\nweather:\n  - who: DRH\n    weather: soleil\n---\nTexte.\n",
    )
    .file(
        "content/typologies/info.md",
        "---\ntitle: Information\nkind: typology\naxis: Intensité\nlevel: 1\n---\n",
    )
    .file("content/guide/etape.md", "---\ntitle: Étape\nkind: guide\n---\n");
    s.build_ok(&[]);
    let overviews = |page: &str| -> Vec<(String, String)> {
        let html = s.read(page);
        let Some(start) = html.find("<aside class=\"overviews\"") else {
            return vec![];
        };
        let a = &html[start..];
        let a = &a[..a.find("</aside>").unwrap()];
        a.split("<li><a href=\"")
            .skip(1)
            .map(|li| {
                let href = &li[..li.find('"').unwrap()];
                let text = &li[li.find('>').unwrap() + 1..li.find("</a>").unwrap()];
                (text.to_string(), href.to_string())
            })
            .collect()
    };
    assert_eq!(
        overviews("public/ateliers/index.html"),
        [(
            "Météo de la collaboration".to_string(),
            "../meteo/".to_string()
        )]
    );
    assert_eq!(
        overviews("public/typologies/index.html"),
        [(
            "Vue d’ensemble des typologies".to_string(),
            "../vue-d-ensemble-des-typologies/".to_string()
        )]
    );
    assert_eq!(overviews("public/guide/index.html"), []);
    // Every page's header has the "Le playbook" menu of the generated pages.
    let page = s.read("public/guide/etape/index.html");
    let menu = &page[page
        .find("<details class=\"tools-menu\">")
        .expect("the menu")..];
    let menu = &menu[..menu.find("</details>").unwrap()];
    assert!(menu.contains("<summary>Le playbook</summary>"), "{menu}");
    let links: Vec<&str> = menu
        .split("<a href=\"")
        .skip(1)
        .map(|a| &a[..a.find('"').unwrap()])
        .collect();
    assert_eq!(
        links,
        [
            "../../etiquettes/",
            "../../pages-a-creer/",
            "../../meteo/",
            "../../vue-d-ensemble-des-typologies/",
            "../../recherche/"
        ]
    );
    // On a generated page, its entry is the current one.
    let meteo = s.read("public/meteo/index.html");
    assert!(
        meteo.contains("<summary class=\"current\">Le playbook</summary>")
            && meteo.contains(
                "<a href=\"../meteo/\" aria-current=\"page\">Météo de la collaboration</a>"
            ),
        "{meteo}"
    );
}
