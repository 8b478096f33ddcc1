use super::*;

const SEED: &str = include_str!("../../tests/fixtures/pads/seed.txt");

fn named(s: &str) -> Person {
    Person::Named(s.to_string())
}

fn slot(r: &Rotation) -> (Option<&str>, Option<&str>) {
    (r.start.as_deref(), r.end.as_deref())
}

#[test]
fn the_seed() {
    let m = parse_pad(SEED).unwrap();
    assert!(m.title.starts_with("Comment réussir à « im »planter"));
    assert_eq!(m.facilitators, ["Florence Mensah", "Anne Berlemont"]);
    let r = &m.rotations;
    assert_eq!(r.len(), 5, "{r:#?}");
    assert_eq!(
        (r[0].number, r[0].title.as_str()),
        (Some(1), "ORIGINES & FINALITES")
    );
    assert_eq!(slot(&r[0]), (Some("14h35"), Some("14h55")));
    assert_eq!(r[0].scribes, [named("anne")]);
    assert_eq!(r[0].timekeepers, [named("tous")]);
    assert_eq!((r[1].number, r[1].title.as_str()), (Some(2), "RESSOURCES"));
    assert_eq!(slot(&r[1]), (Some("14h55"), Some("15h20")));
    assert_eq!(r[1].scribes, [named("Célia"), Person::Unknown]);
    assert_eq!(r[1].timekeepers, [Person::Unknown]);
    assert!(r[2].is_break);
    assert_eq!(r[2].title, "Pause");
    assert_eq!(slot(&r[2]), (Some("15h20"), Some("15h40")));
    assert_eq!(
        r[2].lines,
        [Some("Eloignez vous de l'écran !!!".to_string())]
    );
    assert_eq!((r[3].number, r[3].title.as_str()), (Some(3), "ACTIONS"));
    assert_eq!(slot(&r[3]), (Some("15h40"), Some("16h05")));
    assert_eq!(r[3].timekeepers, [Person::Unknown]);
    // The last slot has no heading: it is named after the line that follows.
    assert_eq!(r[4].number, None);
    assert!(!r[4].is_break);
    assert_eq!(slot(&r[4]), (Some("16h05"), Some("16h10")));
    assert!(r[4].title.starts_with("5 minutes en fin de rotation"));
    let w: Vec<(&str, &str, &str)> = m
        .weather
        .iter()
        .map(|w| (w.who.as_str(), w.weather.as_str(), w.comment.as_str()))
        .collect();
    assert_eq!(
        w,
        [
            ("Emmanuel", "soleil", ""),
            (
                "Claire",
                "soleil avec un peu de nuages",
                "manque de transversalité"
            ),
            (
                "mairie de st ouen",
                "brouillard",
                "on en parle mais on sait pas comment faire"
            ),
            ("jm", "soleil avec un peu de nuages", ""),
        ]
    );
    assert_eq!(m.all_scribes(), ["anne", "Célia", "collaboratif"]);
    // The slot line moved under its heading; the facilitators line stays.
    assert_eq!(r[0].lines[0].as_deref(), Some("14h35 - 14h55"));
    assert!(m.preamble[0].as_deref().unwrap().starts_with("Porté par"));
}

#[test]
fn other_styles() {
    let pad = "\u{feff}# Atelier du 3 mars 2025 : coopérer 🌱\r\n\
        \r\n\
        Animé par Jeanne Dupont, Karim Benali et Lou\r\n\
        Participants : Mairie de Lyon, CD 69\r\n\
        \r\n\
        ROTATION 1 – Le constat\r\n\
        9h30-9h50\r\n\
        \tScribe: Paul + Zoé\r\n\
        Gardien(ne) du temps : ?\r\n\
        Météo :\r\n\
        - Mairie de Lyon : 🌧️ trop de silos\r\n\
        - CD 69 – grand beau\r\n\
        \r\n\
        **Tour 2 : Les idées (9h50 – 10h10)**\r\n\
        Gardienne du temps : Inès\r\n\
        Pause café (10h10 - 10h30)\r\n\
        10h30 – 10h55\r\n\
        Tour 3 : Les actions\r\n";
    let m = parse_pad(pad).unwrap();
    assert_eq!(m.title, "Atelier du 3 mars 2025 : coopérer 🌱");
    assert_eq!(m.date.as_deref(), Some("2025-03-03"));
    assert_eq!(m.facilitators, ["Jeanne Dupont", "Karim Benali", "Lou"]);
    assert_eq!(m.participants, ["Mairie de Lyon", "CD 69"]);
    let r = &m.rotations;
    assert_eq!(r.len(), 4, "{r:#?}");
    assert_eq!((r[0].number, r[0].title.as_str()), (Some(1), "Le constat"));
    assert_eq!(
        slot(&r[0]),
        (Some("9h30"), Some("9h50")),
        "slot after the heading"
    );
    assert_eq!(r[0].scribes, [named("Paul"), named("Zoé")]);
    assert_eq!(r[0].timekeepers, [Person::Unknown]);
    assert_eq!((r[1].number, r[1].title.as_str()), (Some(2), "Les idées"));
    assert_eq!(slot(&r[1]), (Some("9h50"), Some("10h10")));
    assert_eq!(r[1].timekeepers, [named("Inès")]);
    assert!(r[2].is_break);
    assert_eq!(r[2].title, "Pause café");
    assert_eq!(slot(&r[2]), (Some("10h10"), Some("10h30")));
    assert_eq!(slot(&r[3]), (Some("10h30"), Some("10h55")));
    assert_eq!(r[3].number, Some(3));
    assert_eq!(m.weather.len(), 2);
    assert_eq!(m.weather[0].who, "Mairie de Lyon");
    assert_eq!(m.weather[0].weather, "🌧️");
    assert_eq!(m.weather[0].comment, "trop de silos");
    assert_eq!(m.weather[1].who, "CD 69");
    assert_eq!(m.weather[1].weather, "grand beau");
}

#[test]
fn label_forms() {
    let m = parse_pad(
        "Titre\nFacilitation : Anne\nRound 1. Ouverture\nMaître du temps :\nScribes : ??\nTemps 2 | Clôture\nPrise de notes : Marc et ?\n",
    )
    .unwrap();
    assert_eq!(m.facilitators, ["Anne"]);
    assert_eq!(m.rotations.len(), 2);
    assert_eq!(m.rotations[0].title, "Ouverture");
    assert_eq!(m.rotations[0].timekeepers, [Person::Unknown]);
    assert_eq!(m.rotations[0].scribes, [Person::Unknown]);
    assert_eq!(m.rotations[1].title, "Clôture");
    assert_eq!(m.rotations[1].scribes, [named("Marc"), Person::Unknown]);
    assert!(m.all_scribes().contains(&"Marc".to_string()));
    assert!(m.all_timekeepers().is_empty());
}

#[test]
fn lines_that_are_not_structure() {
    let m = parse_pad(
        "Titre\n\
         la facilitation serait animée par une personne extérieure\n\
         Tour de table\n\
         Rotation 1 et 2 se sont bien passées\n\
         5 minutes en fin de rotation\n\
         Pause bien méritée pour tout le monde après cette longue matinée\n\
         Claire : soleil\n",
    )
    .unwrap();
    assert!(m.facilitators.is_empty());
    assert!(m.rotations.is_empty(), "{:#?}", m.rotations);
    assert!(m.weather.is_empty(), "no météo round, no weather");
    assert_eq!(m.preamble.len(), 6);
}

#[test]
fn empty_and_binary() {
    for s in ["", "\u{feff}", "  \n\t\r\n", "---\n***\n"] {
        assert_eq!(parse_pad(s), Err(PadError::Empty), "{s:?}");
    }
    assert!(matches!(
        parse_pad("titre\nab\0cd"),
        Err(PadError::Binary { line: 2 })
    ));
    assert!(matches!(
        parse_pad("\u{1}\u{2}\u{3}x"),
        Err(PadError::Binary { .. })
    ));
}

#[test]
fn big_pads_stay_linear() {
    let started = std::time::Instant::now();
    let mut pad = String::from("Titre\nmétéo\n");
    pad.push_str(&format!("https://x.fr/{}\n", ")".repeat(100_000)));
    pad.push_str(&format!("{}\n", "**a ".repeat(20_000)));
    pad.push_str(&format!("{}\n", "9h-10h ".repeat(10_000)));
    pad.push_str(&format!("Claire : {}\n", "soleil et ".repeat(10_000)));
    pad.push_str(&"Rotation 1 - x\n14h-15h\nScribe : a + b\n".repeat(3_000));
    let m = parse_pad(&pad).unwrap();
    let md = to_markdown(&m, None);
    assert!(md.len() > pad.len());
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

#[test]
fn a_name_loses_a_trailing_smiley_or_unfinished_phrase() {
    use super::roles::names;
    assert_eq!(names("anne pour"), ["anne"]);
    assert_eq!(names("collaboratif :)"), ["collaboratif"]);
    assert_eq!(names("Célia + Inès de"), ["Célia", "Inès"]);
    assert_eq!(names("Jean Dupont ;-)"), ["Jean Dupont"]);
    // A name that is one of those words stays whole.
    assert_eq!(names("Pour"), ["Pour"]);
    assert_eq!(names("Marie Des"), ["Marie"]);
}
