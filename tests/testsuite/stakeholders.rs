//! Stakeholder maps (`kind: cartographie`): the table and the SVG of a
//! built map, its links to people, structures and pages, the maps listed on
//! structure and person pages, the warnings of `check`, `playbook new
//! cartographie`.

use crate::util::{Site, main_of, visible_text};

const PEOPLE: &str = "[ines-moreau]\nname = \"Inès Moreau\"\nstructure = \"Mairie de Saint-Ouen\"\naliases = [\"Inès\"]\n";

const MAP: &str = "---
title: Carte du projet
kind: cartographie
acteurs:
  - nom: Élus
    structure: Mairie de Saint-Ouen
    type: élu
    influence: 5
    intérêt: 2
    attitude: réticent
  - nom: Inès Moreau
    type: agents
    influence: 2
    intérêt: 5
    attitude: allié
    apport: L’envie
    liens:
      - { vers: Élus, libellé: alerte }
  - nom: CNFPT
    type: partenaire
    influence: 3
    intérêt: 4
    attitude: neutre
  - nom: Mairie de Saint-Ouen
    type: autre
    influence: 4
    intérêt: 4
    attitude: opposé
  - nom: Habitants
    type: usager
    influence: 1
    intérêt: 1
---
Texte.
";

fn map_site() -> Site {
    let s = Site::new();
    s.file("content/_people.toml", PEOPLE)
        .file(
            "content/_index.md",
            "---\ntitle: Accueil\nauthors: [Inès Moreau]\n---\n[[Carte du projet]], [[CNFPT]].\n",
        )
        .file(
            "content/cnfpt.md",
            "---\ntitle: CNFPT\n---\nLe centre de formation.\n",
        )
        .file("content/cartes/projet.md", MAP);
    s
}

/// The rows of the page's table, each as its cells' visible text.
fn rows(html: &str) -> Vec<Vec<String>> {
    let body = &html[html.find("<tbody>").unwrap()..html.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.replace("</th>", "\u{1}")
                .replace("</td>", "\u{1}")
                .split('\u{1}')
                .map(|c| visible_text(c).trim().to_string())
                .collect::<Vec<_>>()
        })
        .map(|mut cells| {
            cells.pop(); // after the last cell
            cells
        })
        .collect()
}

#[test]
fn a_map_renders_its_table_and_matrix() {
    let s = map_site();
    let o = s.build_ok(&[]);
    assert!(!o.stderr.contains("warning"), "{}", o.stderr);
    let html = s.read("public/cartes/projet/index.html");
    let main = main_of(&html);
    let want: Vec<Vec<&str>> = vec![
        vec![
            "Mairie de Saint-Ouen",
            "",
            "Autre",
            "4",
            "4",
            "Opposé",
            "Embarquer dès le début",
            "",
            "",
        ],
        vec![
            "CNFPT",
            "",
            "Partenaire",
            "3",
            "4",
            "Neutre",
            "Embarquer dès le début",
            "",
            "",
        ],
        vec![
            "Élus",
            "Mairie de Saint-Ouen",
            "Élus",
            "5",
            "2",
            "Réticent",
            "Consulter aux moments clés",
            "",
            "",
        ],
        vec![
            "Inès Moreau",
            "",
            "Agents",
            "2",
            "5",
            "Allié",
            "Associer régulièrement",
            "L’envie",
            "→ Élus (alerte)",
        ],
        vec![
            "Habitants",
            "",
            "Usagers",
            "1",
            "1",
            "Inconnu",
            "Tenir au courant",
            "",
            "",
        ],
    ];
    assert_eq!(rows(main), want);
    // Linked: a person, a structure as an actor and as a structure, a page by its title.
    for link in [
        "<th scope=\"row\"><a href=\"../../personnes/ines-moreau/\">Inès Moreau</a></th>",
        "<th scope=\"row\"><a href=\"../../structures/#mairie-de-saint-ouen\">Mairie de Saint-Ouen</a></th>",
        "<td><a href=\"../../structures/#mairie-de-saint-ouen\">Mairie de Saint-Ouen</a></td>",
        "<th scope=\"row\"><a href=\"../../cnfpt/\">CNFPT</a></th>",
        "<th scope=\"row\">Élus</th>",
    ] {
        assert_eq!(main.matches(link).count(), 1, "{link} in {main}");
    }
    let svg = &main[main.find("<svg class=\"stakeholder-matrix\"").unwrap()..];
    let svg = &svg[..svg.find("</svg>").unwrap() + 6];
    insta::assert_snapshot!("stakeholders__matrix", svg);
}

#[test]
fn structure_and_person_pages_list_the_maps() {
    let s = map_site();
    s.build_ok(&[]);
    let structures = s.read("public/structures/index.html");
    let section = &structures[structures.find("id=\"mairie-de-saint-ouen\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    assert_eq!(
        section
            .matches("<a href=\"../cartes/projet/\">Carte du projet</a>")
            .count(),
        1,
        "{section}"
    );
    let person = main_of(&s.read("public/personnes/ines-moreau/index.html")).to_string();
    assert!(
        person.contains("<h2 id=\"pb-person-maps\">Cartographies des parties prenantes <span class=\"count\">(1)</span></h2>\n    <ul class=\"page-list\">\n      <li><a href=\"../../cartes/projet/\">Carte du projet</a></li>"),
        "{person}"
    );
}

#[test]
fn check_names_the_file_line_and_fix_of_a_faulty_actor() {
    let s = map_site();
    s.file(
        "content/cartes/projet.md",
        MAP.replace("    influence: 2\n", "    influence: forte\n")
            .replace("attitude: neutre", "attitude: sceptique")
            .replace("vers: Élus", "vers: Maire"),
    );
    let o = s.run(&["check"]);
    assert_eq!(o.code, 0, "warnings only: {}", o.stderr);
    let all = format!("{}{}", o.stdout, o.stderr);
    let lines: Vec<&str> = all
        .lines()
        .filter(|l| l.starts_with("content/") || l.starts_with("  aide"))
        .collect();
    assert_eq!(
        lines,
        [
            "content/cartes/projet.md:13:1: avertissement : l’acteur « Inès Moreau » est ignoré : `influence` doit être un nombre de 1 à 5 (le texte « forte »)",
            "  aide : écrivez `influence: 3` (1 : très faible, 5 : très fort)",
            "content/cartes/projet.md:23:1: avertissement : l’attitude « sceptique » de « CNFPT » est inconnue ; elle est notée « inconnu »",
            "  aide : utilisez l’une de : allié, neutre, réticent, opposé, inconnu",
        ]
    );
    assert_eq!(s.run(&["check", "--strict"]).code, 1);
    s.build_ok(&[]);
    let html = s.read("public/cartes/projet/index.html");
    assert_eq!(
        rows(main_of(&html)).len(),
        4,
        "the faulty actor is left out, the others drawn"
    );
}

#[test]
fn new_cartographie_scaffolds_a_map_that_builds_clean() {
    let s = Site::new();
    s.file("content/_index.md", "---\ntitle: Accueil\n---\n");
    let o = s.run(&["new", "cartographie", "Carte du projet"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout.trim(), "content/cartographies/carte-du-projet.md");
    let c = s.run(&["check"]);
    let all = format!("{}{}", c.stdout, c.stderr);
    assert!(all.contains("0 erreur, 0 avertissement"), "{all}");
    s.build_ok(&[]);
    let html = s.read("public/cartographies/carte-du-projet/index.html");
    assert_eq!(
        rows(main_of(&html)),
        vec![
            vec![
                "Direction générale",
                "",
                "Direction",
                "5",
                "3",
                "Inconnu",
                "Embarquer dès le début",
                "Le portage au plus haut niveau",
                ""
            ],
            vec![
                "Agents volontaires",
                "",
                "Agents",
                "2",
                "4",
                "Allié",
                "Associer régulièrement",
                "",
                "→ Direction générale (à convaincre)"
            ],
        ]
    );
}
