use super::*;
use crate::credits::People;
use crate::markdown::TaskItem;

fn people() -> People {
    People::parse(
        "[anne-berlemont]\nname = \"Anne Berlemont\"\naliases = [\"Anne\"]\n\n[celia-martin]\nname = \"Célia Martin\"\naliases = [\"Célia\"]\n",
        Path::new("_people.toml"),
    )
    .unwrap()
}

fn one(text: &str) -> Action {
    let p = people();
    let names = Names::new(&p);
    task::action(
        0,
        &TaskItem {
            line: 7,
            done: false,
            text: text.into(),
        },
        &names,
    )
}

fn d(s: &str) -> Option<Date> {
    Date::parse(s)
}

#[test]
fn owner_and_emoji_date() {
    let a = one("Tester la facilitation en pause déjeuner @Célia 📅 2025-03-31");
    assert_eq!(a.what, "Tester la facilitation en pause déjeuner");
    assert_eq!(
        a.owner,
        Some(Owner {
            name: "Célia Martin".into(),
            id: Some("celia-martin".into())
        })
    );
    assert_eq!(a.due, d("2025-03-31"));
    assert_eq!(a.anchor, "action-7");
    assert!(!a.milestone);
}

#[test]
fn wikilink_owner_and_french_date() {
    let a = one("Présenter le bilan à la DG @[[Anne Berlemont]] (échéance : 30/06/2025) 🏁");
    assert_eq!(a.what, "Présenter le bilan à la DG");
    assert_eq!(a.owner.unwrap().id.as_deref(), Some("anne-berlemont"));
    assert_eq!(a.due, d("2025-06-30"));
    assert!(a.milestone);
}

#[test]
fn plain_name_through_an_alias_and_unknown_names() {
    let a = one("Anne relance le CNFPT (échéance : 15/04/2025)");
    assert_eq!(a.owner.unwrap().name, "Anne Berlemont");
    let b = one("Écrire le [[Guide|mode d’emploi]] @Marc");
    assert_eq!(b.what, "Écrire le mode d’emploi");
    assert_eq!(
        b.owner,
        Some(Owner {
            name: "Marc".into(),
            id: None
        })
    );
    let c = one("Réserver une salle 📅 demain");
    assert_eq!(
        (c.owner, c.due, c.bad_date.as_deref()),
        (None, None, Some("demain"))
    );
}

#[test]
fn a_group_is_an_owner_only_when_named_with_an_at() {
    let p = People::parse(
        "[tous]\nname = \"Tout le groupe\"\naliases = [\"Tous\"]\ngroup = true\n",
        Path::new("_people.toml"),
    )
    .unwrap();
    let names = Names::new(&p);
    let t = |text: &str| {
        task::action(
            0,
            &TaskItem {
                line: 1,
                done: false,
                text: text.into(),
            },
            &names,
        )
        .owner
        .map(|o| o.name)
    };
    assert_eq!(t("Réunir tous les services"), None);
    assert_eq!(t("Bilan @Tous"), Some("Tout le groupe".into()));
}

#[test]
fn states_relative_to_today() {
    let mut a = one("X @Anne 📅 2025-03-31");
    assert_eq!(a.state(d("2025-03-31").unwrap()), State::Open);
    assert_eq!(a.state(d("2025-04-01").unwrap()), State::Overdue);
    a.done = true;
    assert_eq!(a.state(d("2025-04-01").unwrap()), State::Done);
}

#[test]
fn build_date_is_injectable() {
    let now = jiff::Timestamp::from_second(0).unwrap();
    assert_eq!(
        today(Some("2025-03-15"), Some("0"), now),
        d("2025-03-15").unwrap()
    );
    assert_eq!(
        today(None, Some("1741996800"), now),
        d("2025-03-15").unwrap()
    );
    assert_eq!(today(None, None, now), d("1970-01-01").unwrap());
    assert_eq!(
        add_months(d("2025-08-31").unwrap(), 6),
        d("2026-02-28").unwrap()
    );
    assert_eq!(
        add_months(d("2025-03-15").unwrap(), 6),
        d("2025-09-15").unwrap()
    );
}
