use crate::messages::Lang;
use std::path::Path;

use super::lookalike::looks_alike;
use super::resolve;
use super::*;
use crate::site::PageId;
use crate::text::match_key;

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| crate::text::fold(w).to_lowercase())
        .collect()
}

fn alike(a: &str, b: &str) -> bool {
    looks_alike(&match_key(a), &words(a), &match_key(b), &words(b))
}

#[test]
fn spellings_that_look_alike() {
    assert!(alike("anne", "Anne Berlemont"));
    assert!(alike("Anne B.", "Anne Berlemont"));
    assert!(alike("Flo M.", "Florence Mensah"));
    assert!(alike("Anne Berlemnot", "Anne Berlemont"));
    assert!(alike("Florence Mensha", "Florence Mensah"));
    // Different people, or the same key.
    assert!(!alike("Anne Martin", "Anne Berlemont"));
    assert!(!alike("Claire", "Célia"));
    assert!(!alike("JM", "Jean-Marc Dupont"));
    assert!(!alike("Anne Berlemont", "anne berlemont"));
    assert!(!alike("Bob", "Rob"));
}

#[test]
fn people_file_keeps_its_order_and_folds_spellings() {
    let p = People::parse(
        "[zoe]\nname = \"  Zoé   Martin \"\nemails = [\"Zoe@X.example\"]\n\n[anne]\nname = \"Anne\"\nstructure = \"\"\n",
        Path::new("content/_people.toml"),
    )
    .unwrap();
    assert_eq!(p.entries[0].id, "zoe");
    assert_eq!(p.entries[0].name, "Zoé Martin");
    assert_eq!(p.entries[0].emails, ["zoe@x.example"]);
    assert_eq!(p.entries[0].line, 1);
    assert_eq!(p.entries[1].line, 5);
    assert_eq!(p.entries[1].structure, None);
}

#[test]
fn people_file_errors_have_lines() {
    let e = People::parse(
        "[a]\nname = \"A\"\n[b]\nname = \"\"\n[c]\nname = \"C\"\nemails = [\"x@y\"]\n[d]\nname = \"D\"\nemails = [\"X@Y\"]\n",
        Path::new("p.toml"),
    )
    .unwrap_err();
    let got: Vec<(usize, String)> = e
        .iter()
        .map(|d| (d.line, d.message.render(Lang::Fr)))
        .collect();
    assert_eq!(
        got,
        [
            (3, "la personne `b` a un `name` vide".to_string()),
            (
                8,
                "la personne `d` partage l'adresse e-mail de `c` (ligne 5)".to_string()
            ),
        ]
    );
}

#[test]
fn every_role_has_a_ui_string() {
    for lang in ["fr", "en"] {
        let s = crate::i18n::strings(lang);
        for r in Role::ALL {
            assert!(s.contains_key(r.key()), "{}", r.key());
        }
    }
}

/// The names of one page, resolved: each as `person:name`, `group:name` or `-`.
fn resolve_page(r: &mut resolve::Resolver, names: &[&str], page: PageId) -> Vec<String> {
    r.page_names(names.iter().copied(), page)
        .into_iter()
        .map(|c| match c {
            Some(resolve::Credited::Person(i)) => format!("person:{}", r.people[i].name),
            Some(resolve::Credited::Group(g)) => format!("group:{}", r.groups[g].name),
            None => "-".to_string(),
        })
        .collect()
}

#[test]
fn a_lone_first_name_joins_the_one_full_name_of_its_page() {
    let mut r = resolve::Resolver::new(&People::default(), false);
    assert_eq!(
        resolve_page(
            &mut r,
            &["Inès", "Paul", "Inès Moreau", "Paul Durand", "Paul Petit"],
            0
        ),
        [
            "person:Inès Moreau",
            "person:Paul",
            "person:Inès Moreau",
            "person:Paul Durand",
            "person:Paul Petit"
        ]
    );
    // On another page, alone: someone else, whom `check` asks about.
    assert_eq!(resolve_page(&mut r, &["Inès"], 1), ["person:Inès"]);
    assert_eq!(r.people.len(), 5);
    let ines = r.people.iter().find(|c| c.name == "Inès Moreau").unwrap();
    let met: Vec<(&str, Option<PageId>)> = ines
        .spellings
        .iter()
        .map(|s| (s.text.as_str(), s.page))
        .collect();
    assert_eq!(met, [("Inès Moreau", Some(0)), ("Inès", Some(0))]);
}

#[test]
fn groups_come_from_the_word_list_and_the_people_file() {
    let file = People::parse(
        "[brigade]\nname = \"La Brigade\"\naliases = [\"brigade du tigre\"]\ngroup = true\n\n\
         [tous]\nname = \"Tous\"\ngroup = false\n\n\
         [groupe]\nname = \"Tout le groupe\"\naliases = [\"collaboratif\"]\n",
        Path::new("p.toml"),
    )
    .unwrap();
    assert_eq!(file.entries[0].group, Some(true));
    assert_eq!(file.entries[2].group, None);
    let mut r = resolve::Resolver::new(&file, false);
    assert_eq!(
        resolve_page(
            &mut r,
            &[
                "brigade du tigre",
                "Tous",
                "collaboratif :)",
                "toutes",
                "L'ensemble des participants",
                "Une personne de la mairie de Saint-Ouen",
                "?",
                "",
                "-",
            ],
            0
        ),
        [
            "group:La Brigade",
            "person:Tous",
            "group:Tout le groupe",
            "group:toutes",
            "group:L'ensemble des participants",
            "group:Une personne de la mairie de Saint-Ouen",
            "group:?",
            "-",
            "-",
        ]
    );
    // The same mention on another page is the same group.
    assert_eq!(
        resolve_page(&mut r, &["TOUTES", "??"], 1),
        ["group:toutes", "group:?"]
    );
    assert_eq!(r.groups.len(), 6);
}

#[test]
fn a_group_has_no_email() {
    let e = People::parse(
        "[g]\nname = \"Tout le groupe\"\ngroup = true\nemails = [\"g@x\"]\n",
        Path::new("p.toml"),
    )
    .unwrap_err();
    assert_eq!(e[0].line, 1);
    assert_eq!(
        e[0].message.render(Lang::Fr),
        "le groupe `g` a des `emails` : un groupe ne fait jamais de commit"
    );
}
