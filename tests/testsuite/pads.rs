//! Pad import, from the command line (the "import and command-line"
//! issue): an undated pad is a warning naming `--date`; files are named
//! `AAAA-MM-JJ-titre-court.md`; météo lines take any separator and
//! several-word phrases; bulleted lines stay list items. Real pads: the
//! shared seed and `tests/fixtures/pads/`.

use crate::util::{Site, repo_root};

pub(crate) fn pad(name: &str) -> Vec<u8> {
    std::fs::read(repo_root().join("tests/fixtures/pads").join(name)).unwrap()
}

/// Today (UTC), as `import` dates an undated pad.
fn today() -> String {
    jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
        .to_string()
}

#[test]
fn an_undated_pad_is_a_warning_that_names_date() {
    let s = Site::new();
    s.file("content/_index.md", "Accueil");
    // The real pad, as shared (the fixture is its copy).
    let shared = repo_root().join("../shared/seeds/000_ed2d19673e3b0f01.txt");
    let seed = std::fs::read(&shared).unwrap_or_else(|_| pad("seed.txt"));
    s.file("atelier.txt", seed);
    let o = s.run(&["import", "atelier.txt"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let day = today();
    let page = format!("content/ateliers/{day}-comment-reussir-a-im-planter-le-collaboratif.md");
    assert_eq!(o.stdout, format!("{page}\n"));
    assert_eq!(
        o.stderr,
        format!(
            "« Comment réussir à « im »planter le collaboratif dans nos structures pour fertiliser la graine de la coopération ? » importé : 2 personnes à l'animation, 3 rotations, 4 météos\n\
             attention : le pad ne donne pas la date de l'atelier ; la page est datée d'aujourd'hui ({day})\n\
             aide : si l'atelier a eu lieu un autre jour, supprimez `{page}` et relancez avec sa date : playbook import atelier.txt --date AAAA-MM-JJ\n"
        )
    );
    assert!(s.read(&page).contains(&format!("date: \"{day}\"")));
    // Doing what the help says.
    s.remove(&page);
    let o = s.run(&["import", "atelier.txt", "--date", "2024-11-14"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "content/ateliers/2024-11-14-comment-reussir-a-im-planter-le-collaboratif.md\n"
    );
    assert_eq!(o.stderr.lines().count(), 1, "no warning: {}", o.stderr);
    // The name of a file to type: quoted for the shell.
    s.file("mon atelier.txt", "Atelier\nune idée\n");
    let o = s.run(&["import", "mon atelier.txt"]);
    assert!(
        o.stderr
            .ends_with("playbook import 'mon atelier.txt' --date AAAA-MM-JJ\n"),
        "{}",
        o.stderr
    );
}

#[test]
fn file_names_are_date_then_short_title() {
    let s = Site::new();
    s.file("content/_index.md", "Accueil");
    let day = today();
    let cases = [
        (
            "codimd-mixed-endings.txt",
            format!("{day}-retour-d-experience-le-wiki-de-la-dsi"),
            false,
        ),
        (
            "etherpad-plain.txt",
            "2025-06-12-rencontre-reseau-cooperation-territoriale".into(),
            true,
        ),
        (
            "framapad-tabs.txt",
            format!("{day}-seminaire-des-cadres-cooperation-inter-directions"),
            false,
        ),
        // The date is in the title: not repeated.
        (
            "hedgedoc-crlf-bom.txt",
            "2025-03-03-atelier-cooperer-entre-directions".into(),
            true,
        ),
        (
            "meteo-fleches.txt",
            format!("{day}-atelier-inter-collectivites-cooperer"),
            false,
        ),
        ("minimal.txt", format!("{day}-notes-en-vrac"), false),
    ];
    for (name, stem, dated) in cases {
        s.file(name, pad(name));
        let o = s.run(&["import", name]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        assert_eq!(o.stdout, format!("content/ateliers/{stem}.md\n"), "{name}");
        assert_eq!(o.stderr.contains("--date"), !dated, "{name}: {}", o.stderr);
    }
    // The example's own minutes follow the same pattern.
    assert!(
        repo_root()
            .join("content/ateliers/2024-11-14-implanter-le-collaboratif.md")
            .exists()
    );
}

#[test]
fn meteo_lines_take_any_separator_and_several_words() {
    let s = Site::new();
    s.file("content/_index.md", "Accueil")
        .file("pad.txt", pad("meteo-fleches.txt"));
    let o = s.run(&["import", "pad.txt", "--date", "2025-01-15"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let rel = o.stdout.trim();
    // The whole page: front matter (the weather) and body (the lists).
    insta::assert_snapshot!("meteo_fleches_page", s.read(rel));
    s.build_ok(&[]);
    // The weather page puts each phrase on the scale.
    let meteo = s.read("public/meteo/index.html");
    let rows: Vec<String> = meteo
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|r| {
            let r = &r[..r.find("</tr>").unwrap()];
            let cells: Vec<&str> = r
                .split(['<', '>'])
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, t)| t)
                .filter(|t| !t.is_empty())
                .collect();
            // who, date, page, weather, level, comment
            format!("{} | {} | {}", cells[0], cells[3], cells[4])
        })
        .collect();
    assert_eq!(
        rows,
        [
            "CCAS de Bagnolet | pluie fine | pluie",
            "Direction des sports | orage | orage",
            "Est Ensemble | grand soleil | soleil",
            "Mairie de Saint-Ouen | éclaircies | éclaircies",
            "Médiathèque | ciel voilé | éclaircies",
            "Ville de Montreuil | nuageux | nuages",
        ]
    );
}

#[test]
fn bulleted_lines_stay_list_items_escaped_inside() {
    let s = Site::new();
    s.file("content/_index.md", "Accueil")
        .file("pad.txt", pad("meteo-fleches.txt"));
    let o = s.run(&["import", "pad.txt", "--date", "2025-01-15"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    s.build_ok(&[]);
    let html = s.read("public/ateliers/2025-01-15-atelier-inter-collectivites-cooperer/index.html");
    let lists: Vec<&str> = html
        .split("<ul>\n")
        .skip(1)
        .map(|l| &l[..l.find("</ul>").unwrap()])
        .filter(|l| l.starts_with("<li>"))
        .collect();
    assert_eq!(
        lists,
        [
            "<li>Ville de Montreuil -&gt; nuageux</li>\n\
             <li>CCAS de Bagnolet → pluie fine, il manque un pilote</li>\n\
             <li>Est Ensemble : grand soleil depuis le nouveau DGS</li>\n\
             <li>Médiathèque = ciel voilé mais ça avance</li>\n\
             <li>Direction des sports — orage</li>\n\
             <li>Mairie de Saint-Ouen =&gt; éclaircies - enfin</li>\n",
            "<li>les cafés-projets du jeudi</li>\n\
             <li>le <strong>wiki</strong> partagé</li>\n\
             <li>un &lt;b&gt;vrai&lt;/b&gt; budget [[à créer]]</li>\n\
             <li># pas un titre</li>\n",
        ]
    );
}
