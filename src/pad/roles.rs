//! Roles and names: the labels of role lines (`Scribe :`, `Gardien(ne) du
//! temps :`, `Animé par`, `Participants :`) and the lists of people they
//! name (`X + Y`, `X, Y et Z`, `?` for nobody known). Used by `lines` to
//! classify a line.

use super::Person;
use super::lines::{chunks, fold_words, has_alnum};

pub(super) fn is_scribe_label(w: &[&str]) -> bool {
    (matches!(w[0], "scribe" | "scribes" | "secretaire" | "secretaires")
        && w[1..].iter().all(|x| matches!(*x, "s" | "e" | "es")))
        || matches!(
            w,
            [
                "prise" | "preneur" | "preneuse" | "preneurs" | "preneuses",
                "de",
                "note" | "notes"
            ] | ["note", "taker" | "takers"]
                | ["notetaker" | "notetakers"]
        )
}

pub(super) fn is_timekeeper_label(w: &[&str]) -> bool {
    let first = w[0];
    (w.len() >= 3
        && w[w.len() - 2..] == ["du", "temps"]
        && [
            "maitre",
            "maitresse",
            "gardien",
            "gardienne",
            "garant",
            "garante",
            "gestion",
        ]
        .iter()
        .any(|p| first.starts_with(p))
        && w[1..w.len() - 2]
            .iter()
            .all(|x| matches!(*x, "ne" | "e" | "s" | "sse" | "nes" | "es")))
        || matches!(
            w,
            ["timekeeper"
                | "timekeepers"
                | "chrono"
                | "chronometre"
                | "chronometreur"
                | "chronometreuse"]
                | ["time", "keeper" | "keepers"]
        )
}

pub(super) fn is_facilitator_label(w: &[&str]) -> bool {
    let first = w[0];
    first.starts_with("facilit")
        || first.starts_with("animat")
        || (first == "co" && w.get(1).is_some_and(|x| x.starts_with("animat")))
        || first.starts_with("coanimat")
        || (w.len() == 2 && w[1] == "par" && is_facilitation_verb(first))
}

fn is_facilitation_verb(w: &str) -> bool {
    ["porte", "anime", "coanime", "facilite"]
        .iter()
        .any(|p| w.starts_with(p))
}

pub(super) fn is_participant_label(w: &[&str]) -> bool {
    w[0].starts_with("participant")
        || matches!(
            w,
            ["present"
                | "presents"
                | "presente"
                | "presentes"
                | "presence"
                | "presences"
                | "inscrits"
                | "inscrites"]
                | ["present", "e", "s"]
                | ["personnes", "presentes"]
        )
}

/// `Porté par **X et Y**`, `Animé par X, Y et Z`, `Atelier animé par X`.
pub(super) fn facilitator_sentence(core: &str) -> Option<Vec<String>> {
    let ch = chunks(core);
    let key =
        |k: usize| -> Option<String> { ch.get(k).map(|&(a, b)| fold_words(&core[a..b]).concat()) };
    let mut k = 0;
    if matches!(
        key(0)?.as_str(),
        "atelier" | "session" | "seance" | "rencontre" | "temps"
    ) {
        k = 1;
    }
    if !is_facilitation_verb(&key(k)?) || key(k + 1)? != "par" {
        return None;
    }
    let value = &core[ch[k + 1].1..];
    let list = names(value.trim_start().trim_start_matches([':', '：']));
    (!list.is_empty()).then_some(list)
}

/// Names of a role: `X + Y`, `X, Y et Z`; blank or `?` is unknown.
pub(super) fn people(value: &str) -> Vec<Person> {
    let value = value.replace("**", "").replace("__", "");
    let value = value.trim().trim_end_matches(['.', ';', ',']).trim();
    if is_unknown(value) {
        return vec![Person::Unknown];
    }
    let mut out = vec![];
    for piece in value.split([',', ';', '+', '&', '/']) {
        let mut current = vec![];
        for (a, b) in chunks(piece) {
            let w = &piece[a..b];
            if w.eq_ignore_ascii_case("et") || w.eq_ignore_ascii_case("and") {
                out.push(person(&current.join(" ")));
                current.clear();
            } else {
                current.push(w);
            }
        }
        out.push(person(&current.join(" ")));
    }
    out.retain(|p| !matches!(p, Person::Named(n) if n.is_empty()));
    if out.is_empty() {
        out.push(Person::Unknown);
    }
    out
}

fn person(s: &str) -> Person {
    let s = s.trim().trim_end_matches(['.', '!']).trim();
    let s = without_trailing_noise(s);
    if !s.is_empty() && is_unknown(s) {
        Person::Unknown
    } else {
        Person::Named(s.to_string())
    }
}

/// A name as a pad writer leaves it, without what trails it: a smiley
/// (`collaboratif :)`), or a word that begins a phrase the writer never
/// finished (`anne pour`: "Anne, for…").
fn without_trailing_noise(s: &str) -> &str {
    const DANGLING: &[&str] = &[
        "pour", "avec", "de", "du", "des", "en", "sur", "par", "a", "au", "aux", "puis", "ou",
        "mais", "donc", "qui", "que",
    ];
    let mut s = s;
    while let Some((head, last)) = s.rsplit_once(char::is_whitespace) {
        let smiley = !has_alnum(last) || matches!(last, ":D" | ":d" | ":p" | ":P" | ";D");
        if !(smiley || DANGLING.contains(&fold_words(last).concat().as_str())) {
            break;
        }
        s = head.trim_end();
    }
    s
}

fn is_unknown(s: &str) -> bool {
    !has_alnum(s)
        || matches!(
            fold_words(s).join(" ").as_str(),
            "inconnu"
                | "inconnue"
                | "personne"
                | "nobody"
                | "none"
                | "tbd"
                | "na"
                | "n a"
                | "nc"
                | "xx"
                | "xxx"
                | "a definir"
                | "a voir"
                | "non defini"
                | "non definie"
        )
}

/// Known names only (unknowns dropped).
pub(super) fn names(value: &str) -> Vec<String> {
    people(value)
        .into_iter()
        .filter_map(|p| match p {
            Person::Named(n) => Some(n),
            Person::Unknown => None,
        })
        .collect()
}
