//! f-actions: task-list items and front-matter actions become the
//! "Prochains pas" page, the person pages' actions, the minutes' header
//! card, two calendars and `check` warnings. The fixture
//! (`tests/fixtures/actions/`) writes every syntax; the build date is
//! injected with `PLAYBOOK_TODAY` so that "overdue" is stable.

use std::process::Command;

use crate::util::{BIN, Output, Site, copy_dir, main_of, repo_root, visible_text};

const TODAY: &str = "2025-03-15";

fn run(s: &Site, args: &[&str], today: &str) -> Output {
    let out = Command::new(BIN)
        .args(args)
        .current_dir(s.path())
        .env("PLAYBOOK_TODAY", today)
        .output()
        .expect("run playbook");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn fixture() -> Site {
    let s = Site::new();
    copy_dir(&repo_root().join("tests/fixtures/actions"), s.path());
    s
}

fn built() -> Site {
    let s = fixture();
    let o = run(&s, &["build"], TODAY);
    assert_eq!(o.code, 0, "{}", o.stderr);
    s
}

/// The text of every element `<tag class="action…">` of `html`, one per
/// line: its cells or parts joined by `|`, then `→` and its first link.
fn rows(html: &str, tag: &str) -> String {
    let open = format!("<{tag} class=\"action ");
    let close = format!("</{tag}>");
    let mut out = vec![];
    let mut rest = html;
    while let Some(i) = rest.find(&open) {
        let end = rest[i..].find(&close).expect("closed") + i;
        let row = &rest[i..end];
        let cells: Vec<String> = row
            .split("</td>")
            .map(|c| {
                visible_text(c)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|c| !c.is_empty())
            .collect();
        let href = row
            .split("<a href=\"")
            .nth(1)
            .and_then(|h| h.split('"').next())
            .unwrap_or("");
        out.push(format!("{} → {href}", cells.join(" | ")));
        rest = &rest[end..];
    }
    out.join("\n")
}

#[test]
fn prochains_pas_lists_every_action_open_first_by_due_date() {
    let s = built();
    let html = s.read("public/prochains-pas/index.html");
    let main = main_of(&html);
    insta::assert_snapshot!("prochains_pas_rows", rows(main, "tr"));
    // The page says which date "overdue" is relative to, and counts.
    let summary = main
        .split("actions-summary")
        .nth(1)
        .unwrap()
        .split("</ul>")
        .next()
        .unwrap();
    assert_eq!(
        visible_text(summary)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
        "\"> État au 15 mars 2025 8 à faire 1 en retard 2 faites"
    );
    // Linked from the "Le playbook" menu of every page.
    let home = s.read("public/index.html");
    assert!(
        home.contains("<a href=\"prochains-pas/\">Prochains pas</a>"),
        "{home}"
    );
}

#[test]
fn every_action_links_to_its_item() {
    let s = built();
    let html = s.read("public/prochains-pas/index.html");
    let mut checked = 0;
    for part in main_of(&html).split("<tr class=\"action ").skip(1) {
        let href = part
            .split("<a href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let (path, anchor) = href.split_once('#').unwrap_or((href, ""));
        let target = s.read(&format!(
            "public/{}index.html",
            path.trim_start_matches("../")
        ));
        if !anchor.is_empty() {
            assert!(target.contains(&format!(" id=\"{anchor}\"")), "{href}");
        }
        checked += 1;
    }
    assert_eq!(checked, 11);
}

#[test]
fn a_person_page_lists_their_actions() {
    let s = built();
    let html = s.read("public/personnes/celia/index.html");
    insta::assert_snapshot!("person_celia_actions", rows(main_of(&html), "li"));
}

#[test]
fn minutes_show_their_actions_in_the_header_card() {
    let s = built();
    let html = s.read("public/ateliers/2025-01-20-premier-atelier/index.html");
    let card = html
        .split("minutes-card")
        .nth(1)
        .unwrap()
        .split("</section>")
        .next()
        .unwrap();
    insta::assert_snapshot!("minutes_card_actions", rows(card, "li"));
    // The body's items carry their anchors.
    assert!(html.contains("<li class=\"task-list-item\" id=\"action-22\">"));
}

#[test]
fn calendars_parse_and_hold_every_dated_action() {
    use icalendar::{Calendar, Component};
    let s = built();
    let text = s.read("public/actions.ics");
    let cal: Calendar = text.parse().expect("actions.ics parses");
    let mut got: Vec<(String, String, String)> = cal
        .todos()
        .map(|t| {
            (
                t.get_summary().unwrap().to_string(),
                t.property_value("DUE").unwrap().to_string(),
                t.property_value("STATUS").unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let want: Vec<(String, String, String)> = [
        (
            "Florence réunit les directions volontaires",
            "20250430",
            "NEEDS-ACTION",
        ),
        (
            "Lancement de la communauté de facilitateurs",
            "20250515",
            "NEEDS-ACTION",
        ),
        ("Mettre à jour la cartographie", "20250320", "NEEDS-ACTION"),
        ("Préparer les supports", "20250405", "NEEDS-ACTION"),
        ("Présenter le bilan à la DG", "20250630", "NEEDS-ACTION"),
        (
            "Relancer le CNFPT pour les jeux de plateau",
            "20250310",
            "NEEDS-ACTION",
        ),
        ("Rédiger le mode d'emploi", "20250215", "COMPLETED"),
        ("Réserver la salle créative", "20250201", "COMPLETED"),
        (
            "Tester la facilitation en pause déjeuner",
            "20250331",
            "NEEDS-ACTION",
        ),
    ]
    .iter()
    .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    .collect();
    assert_eq!(got, want);
    // Every row of the page with a date is in the calendar.
    let page = rows(main_of(&s.read("public/prochains-pas/index.html")), "tr");
    let dated = page.lines().filter(|l| l.contains(" 2025 |")).count();
    assert_eq!(dated, want.len());

    let next: Calendar = s
        .read("public/prochains-ateliers.ics")
        .parse()
        .expect("prochains-ateliers.ics parses");
    let events: Vec<(String, String)> = next
        .events()
        .map(|e| {
            (
                e.get_summary().unwrap().to_string(),
                e.property_value("DTSTART").unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        events,
        vec![("Deuxième atelier".to_string(), "20250410".to_string())]
    );
}

#[test]
fn check_warns_about_owners_dates_and_lateness() {
    let s = fixture();
    let o = run(&s, &["check"], TODAY);
    let all = format!("{}{}", o.stdout, o.stderr);
    let lines: Vec<&str> = all
        .lines()
        .filter(|l| l.contains(": warning: ") || l.contains("page to create"))
        .collect();
    insta::assert_snapshot!("check_actions", lines.join("\n"));
}

#[test]
fn the_build_date_decides_what_is_overdue() {
    let s = fixture();
    let o = run(&s, &["build"], "2025-01-01");
    assert_eq!(o.code, 0, "{}", o.stderr);
    let html = s.read("public/prochains-pas/index.html");
    assert!(!main_of(&html).contains("data-state=\"overdue\""));
    assert!(html.contains("<time datetime=\"2025-01-01\">1er janvier 2025</time>"));
}

#[test]
fn an_imported_pad_s_next_steps_become_actions() {
    let s = Site::new();
    s.file("content/_index.md", "# Accueil\n").file(
        "pad.txt",
        "Atelier facilitation\n\nAnimation : Célia, Anne Berlemont\n\n\
         14h00 - 14h30 Rotation 1 - Origines\nScribe : Célia\nOn part de loin\n\n\
         14h30 - 15h00 Rotation 2 - Prochains pas\nScribe : Anne Berlemont\n\
         Célia teste la pause déjeuner avant le 31/03/2025\n\
         - relancer le CNFPT (Anne Berlemont)\n\
         bilan en juin le 30/06/2025\n\
         généraliser les pratiques de facilitation\n",
    );
    let o = run(&s, &["import", "pad.txt", "--date", "2025-02-01"], TODAY);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let o = run(&s, &["build"], TODAY);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let html = s.read("public/prochains-pas/index.html");
    insta::assert_snapshot!("imported_pad_rows", rows(main_of(&html), "tr"));
}
