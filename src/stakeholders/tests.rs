//! Reading the actors (every warning, with its line) and placing them
//! (no two labels overlap, even in a crowded cell).

use std::path::Path;

use super::layout::{self, Rect};
use super::*;

fn read_text(text: &str, english: bool) -> (Map, Vec<String>) {
    let split = crate::frontmatter::split(text, Path::new("content/carte.md")).unwrap();
    let (map, warnings) = read(&split.front.extra, text, Path::new("content/carte.md"));
    (
        map,
        warnings
            .iter()
            .map(|d| {
                d.render(if english {
                    crate::messages::Lang::En
                } else {
                    crate::messages::Lang::Fr
                })
            })
            .collect(),
    )
}

const FAULTY: &str = "---
title: Carte
kind: cartographie
acteurs:
  - nom: DG
    type: direction
    influence: 5
    intérêt: 4
    attitude: alliée
  - nom: Élus
    influence: 9
    intérêt: 2
  - structure: CNFPT
    influence: 3
    intérêt: 3
  - nom: Agents
    type: troupe
    influence: 2
    intérêt: 5
    attitude: enthousiaste
    liens:
      - { vers: DG, libellé: convainquent }
      - { vers: Élus, libellé: alertent }
  - nom: dg
    influence: 1
    intérêt: 1
---
Corps
";

#[test]
fn faulty_actors_are_left_out_with_their_line_and_fix() {
    let (map, warnings) = read_text(FAULTY, false);
    let names: Vec<&str> = map.actors.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["DG", "Agents"]);
    assert_eq!(map.actors[0].attitude, Attitude::Ally);
    assert_eq!(map.actors[0].kind, Kind::Management);
    assert_eq!(map.actors[1].kind, Kind::Other);
    assert_eq!(map.actors[1].attitude, Attitude::Unknown);
    assert_eq!(
        map.actors[1].links,
        [Link {
            to: 0,
            label: "convainquent".into()
        }]
    );
    assert_eq!(
        warnings,
        [
            "content/carte.md:11:1: avertissement : l’acteur « Élus » est ignoré : `influence` doit être un nombre de 1 à 5 (le nombre 9)\n  aide : écrivez `influence: 3` (1 : très faible, 5 : très fort)",
            "content/carte.md:13:1: avertissement : l’acteur n° 3 est ignoré : il n’a pas de `nom`\n  aide : ajoutez `nom: \"…\"` (une personne, un service, une structure)",
            "content/carte.md:17:1: avertissement : le type « troupe » de « Agents » est inconnu ; il est classé « autre »\n  aide : utilisez l’un de : élu, direction, service, agents, partenaire, usager, autre",
            "content/carte.md:20:1: avertissement : l’attitude « enthousiaste » de « Agents » est inconnue ; elle est notée « inconnu »\n  aide : utilisez l’une de : allié, neutre, réticent, opposé, inconnu",
            "content/carte.md:24:1: avertissement : l’acteur « DG » est déjà sur la carte ; celui-ci est ignoré\n  aide : donnez-lui un autre nom, ou supprimez l’un des deux",
            "content/carte.md:21:1: avertissement : le lien de « Agents » vers « Élus » est ignoré : aucun autre acteur de la carte ne s’appelle ainsi\n  aide : écrivez le nom d’un autre acteur : DG, Agents",
        ]
    );
}

#[test]
fn warnings_are_in_english_for_an_english_site() {
    let (_, warnings) = read_text(FAULTY, true);
    assert_eq!(
        warnings[0],
        "content/carte.md:11:1: warning: the actor `Élus` is left out: `influence` must be a number from 1 to 5 (the number 9)\n  help: write `influence: 3` (1: very low, 5: very high)"
    );
}

#[test]
fn toml_and_english_keys() {
    let text = "+++\ntitle = \"Map\"\nkind = \"stakeholders\"\n[[actors]]\nname = \"Board\"\ninfluence = 5\ninterest = 1\nattitude = \"opposed\"\nkind = \"elected\"\n[[actors]]\nname = \"Staff\"\ninfluence = 0\ninterest = 5\n+++\n";
    let (map, warnings) = read_text(text, true);
    assert_eq!(map.actors.len(), 1);
    assert_eq!(map.actors[0].attitude, Attitude::Opposed);
    assert_eq!(map.actors[0].kind, Kind::Elected);
    assert_eq!(map.actors[0].strategy(), Strategy::Consult);
    assert_eq!(
        warnings,
        [
            "content/carte.md:12:1: warning: the actor `Staff` is left out: `influence` must be a number from 1 to 5 (the number 0)\n  help: write `influence: 3` (1: very low, 5: very high)"
        ]
    );
}

/// The other warnings, word for word in both languages (their texts moved
/// to the catalogue unchanged).
const OTHER_FAULTS: &str = "---
title: Carte
kind: cartographie
acteurs:
  - DG
  - nom: Élus
    influence: 4
  - nom: Agents
    influence: 2
    intérêt: 5
    liens:
      - { libellé: alertent }
  - nom: Usagers
    influence: 2
    intérêt: 5
    liens: oui
---
";

#[test]
fn every_warning_in_french_and_english() {
    let (_, fr) = read_text(OTHER_FAULTS, false);
    assert_eq!(
        fr,
        [
            "content/carte.md:5:1: avertissement : l’acteur n° 1 est ignoré : c’est le texte « DG », pas un ensemble de champs\n  aide : écrivez `- { nom: \"DG\", influence: 5, intérêt: 4, attitude: allié }`",
            "content/carte.md:6:1: avertissement : l’acteur « Élus » est ignoré : `intérêt` doit être un nombre de 1 à 5\n  aide : écrivez `intérêt: 3` (1 : très faible, 5 : très fort)",
            "content/carte.md:11:1: avertissement : un lien de « Agents » est ignoré : il ne dit pas vers qui\n  aide : écrivez `- { vers: \"Nom d’un autre acteur\", libellé: \"rend compte à\" }`",
            "content/carte.md:16:1: avertissement : les liens de « Usagers » sont ignorés : c’est le texte « oui », pas une liste\n  aide : écrivez une ligne `- { vers: \"…\", libellé: \"…\" }` par lien sous `liens:`",
        ]
    );
    let (_, en) = read_text(OTHER_FAULTS, true);
    assert_eq!(
        en,
        [
            "content/carte.md:5:1: warning: actor #1 is left out: it is the text `DG`, not a set of fields\n  help: write `- { name: \"DG\", influence: 5, interest: 4, attitude: ally }`",
            "content/carte.md:6:1: warning: the actor `Élus` is left out: `interest` must be a number from 1 to 5\n  help: write `interest: 3` (1: very low, 5: very high)",
            "content/carte.md:11:1: warning: a link of `Agents` is left out: it does not say to whom\n  help: write `- { to: \"Another actor's name\", label: \"reports to\" }`",
            "content/carte.md:16:1: warning: the links of `Usagers` are left out: found the text `oui`, not a list\n  help: write one `- { to: \"…\", label: \"…\" }` line per link under `links:`",
        ]
    );
    let not_a_list = "---\ntitle: Carte\nkind: cartographie\nacteurs: 3\n---\n";
    assert_eq!(
        read_text(not_a_list, false).1,
        [
            "content/carte.md:4:1: avertissement : `acteurs` doit être une liste d’acteurs, pas le nombre 3\n  aide : écrivez une ligne `- nom: …` par acteur sous `acteurs:`"
        ]
    );
    assert_eq!(
        read_text(not_a_list, true).1,
        [
            "content/carte.md:4:1: warning: `acteurs` must be a list of actors, found the number 3\n  help: write one `- name: …` line per actor under `actors:`"
        ]
    );
}

#[test]
fn a_map_without_actors_says_so() {
    let (map, warnings) = read_text("---\ntitle: Carte\nkind: cartographie\n---\n", false);
    assert!(map.actors.is_empty());
    assert_eq!(
        warnings,
        [
            "content/carte.md:3:1: avertissement : cette cartographie n’a aucun acteur\n  aide : listez-les sous `acteurs:`, un `- nom: …` par acteur, avec `influence` et `intérêt` de 1 à 5"
        ]
    );
}

/// Every label box, and every quadrant title, is apart from the others and
/// from every marker but its own, and inside the plot.
fn assert_apart(l: &layout::Layout) {
    assert_eq!(l.crowded, 0, "every label found a free place");
    let mut boxes: Vec<(String, Rect)> = l
        .quadrants
        .iter()
        .enumerate()
        .map(|(i, r)| (format!("quadrant {i}"), *r))
        .collect();
    boxes.extend(l.actors.iter().map(|p| (p.lines.join(" "), p.label)));
    for (i, (a, ra)) in boxes.iter().enumerate() {
        let plot = layout::plot();
        assert!(
            ra.x >= plot.x
                && ra.y >= plot.y
                && ra.x + ra.w <= plot.x + plot.w
                && ra.y + ra.h <= plot.y + plot.h,
            "{a} leaves the plot: {ra:?}"
        );
        for (b, rb) in &boxes[i + 1..] {
            assert!(!ra.overlaps(rb), "{a} {ra:?} overlaps {b} {rb:?}");
        }
        for p in &l.actors {
            let m = Rect {
                x: p.x - layout::RADIUS,
                y: p.y - layout::RADIUS,
                w: 2.0 * layout::RADIUS,
                h: 2.0 * layout::RADIUS,
            };
            assert!(
                !ra.overlaps(&m),
                "{a} covers a marker at ({}, {})",
                p.x,
                p.y
            );
        }
    }
}

const TITLES: [&str; 4] = [
    "Embarquer dès le début",
    "Consulter aux moments clés",
    "Associer régulièrement",
    "Tenir au courant",
];

#[test]
fn labels_never_overlap_in_a_crowded_cell() {
    let names: Vec<String> = (0..14)
        .map(|i| format!("Direction des affaires n° {i}"))
        .collect();
    let actors: Vec<(u8, u8, &str)> = names.iter().map(|n| (5, 5, n.as_str())).collect();
    let l = layout::place(&actors, TITLES);
    assert_apart(&l);
    assert!(
        l.actors.iter().any(|p| p.leader.is_some()),
        "far labels get a leader line"
    );
}

#[test]
fn labels_never_overlap_with_one_actor_per_cell() {
    let names: Vec<String> = (0..25).map(|i| format!("Service commun {i}")).collect();
    let actors: Vec<(u8, u8, &str)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| ((i / 5 + 1) as u8, (i % 5 + 1) as u8, n.as_str()))
        .collect();
    let l = layout::place(&actors, TITLES);
    assert_apart(&l);
    assert_eq!(l, layout::place(&actors, TITLES), "deterministic");
}

#[test]
fn the_example_map_is_placed_apart() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content/cartographies/implanter-le-collaboratif.md"),
    )
    .unwrap();
    let (map, warnings) = read_text(&text, false);
    assert_eq!(warnings, Vec::<String>::new());
    assert_eq!(map.actors.len(), 14);
    let actors: Vec<(u8, u8, &str)> = map
        .actors
        .iter()
        .map(|a| (a.influence, a.interest, a.name.as_str()))
        .collect();
    assert_apart(&layout::place(&actors, TITLES));
}

#[test]
fn long_labels_wrap_at_the_middle_space() {
    assert_eq!(
        layout::wrap("Communauté de facilitateurs"),
        ["Communauté de", "facilitateurs"]
    );
    assert_eq!(layout::wrap("Direction générale"), ["Direction générale"]);
}
