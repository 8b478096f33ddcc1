//! Who is credited with what, in real git repositories: front-matter
//! authors beat the first committer, an imported pad credits its people
//! and its importer only with "Mise en ligne", collective mentions are text,
//! a lone first name joins the full name of its page, bots are never
//! people, and the name shown is the best spelling.

use super::{credits_block, groups, links, names, repo, role, spans};
use crate::util::{main_of, repo_root};

const SOPHIE: &str = "Sophie Martin <sophie.martin@ville.example>";
const FLORENCE: &str = "Florence Mensah <florence@ville.example>";

/// The role headings of a person page, with their counts: `Rédaction (2)`.
fn person_roles(html: &str) -> Vec<String> {
    main_of(html)
        .split("<h2 id=\"pb-role-")
        .skip(1)
        .map(|part| {
            let h = &part[part.find('>').unwrap() + 1..part.find("</h2>").unwrap()];
            h.replace("<span class=\"count\">", "")
                .replace("</span>", "")
        })
        .collect()
}

/// The role ids and the names (links, then groups as `{text}`) of a
/// credits block.
fn block_summary(block: &str) -> Vec<String> {
    block
        .split("<div class=\"role-")
        .skip(1)
        .map(|part| {
            let id = &part[..part.find('"').unwrap()];
            let mut who: Vec<String> = names(&role(block, id))
                .into_iter()
                .map(str::to_string)
                .collect();
            who.extend(groups(block, id).into_iter().map(|g| format!("{{{g}}}")));
            format!("{id}: {}", who.join(", "))
        })
        .collect()
}

// Issue: a guide step whose header says "Rédaction : Florence Mensah,
// Célia" credited the colleague who committed the migration too.
#[test]
fn front_matter_authors_beat_the_first_committer() {
    let r = repo();
    r.file(
        "content/guide/01-etape.md",
        "---\ntitle: Obtenir le portage\nkind: guide\nauthors: [\"Florence Mensah\", \"Célia\"]\n---\n\nTexte.\n",
    )
    .file("content/guide/02-sans-auteur.md", "# Sans auteur\n\nTexte.\n");
    r.commit(SOPHIE, "Migration du playbook");
    r.file(
        "content/guide/01-etape.md",
        "---\ntitle: Obtenir le portage\nkind: guide\nauthors: [\"Florence Mensah\", \"Célia\"]\n---\n\nTexte relu.\n",
    );
    r.commit(FLORENCE, "Relecture");
    r.site.build_ok(&[]);

    let step = r.site.read("public/guide/etape/index.html");
    assert_eq!(
        block_summary(credits_block(&step)),
        [
            "redaction: Florence Mensah, Célia",
            "modifications: Sophie Martin"
        ]
    );
    // Without authors in the front matter, the first committer wrote it.
    let other = r.site.read("public/guide/sans-auteur/index.html");
    assert_eq!(
        block_summary(credits_block(&other)),
        ["redaction: Sophie Martin"]
    );
    let sophie = r.site.read("public/personnes/sophie-martin/index.html");
    assert_eq!(
        person_roles(&sophie),
        ["Rédaction (1)", "Modifications (1)"]
    );
    let florence = r.site.read("public/personnes/florence-mensah/index.html");
    assert_eq!(person_roles(&florence), ["Rédaction (1)"]);
}

// Issue: the colleague who imported two pads was credited with writing them.
#[test]
fn an_imported_pad_credits_its_people_and_the_importer_puts_it_online() {
    let r = repo();
    r.file("content/index.md", "# Accueil\n");
    let seed = repo_root().join("tests/fixtures/pads/seed.txt");
    let out = r
        .site
        .run(&["import", seed.to_str().unwrap(), "--date", "2024-11-14"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rel = out.stdout.trim().to_string();
    r.commit(SOPHIE, "Import du pad de l'atelier");
    // A later fix by someone else is a change.
    let text = r.site.read(&rel).replace("Pause", "Pause café");
    r.file(&rel, &text);
    r.commit(FLORENCE, "Coquille");
    r.site.build_ok(&[]);

    let url = rel
        .trim_start_matches("content/")
        .trim_end_matches(".md")
        .to_string();
    let page = r.site.read(&format!("public/{url}/index.html"));
    assert_eq!(
        block_summary(credits_block(&page)),
        [
            "modifications: Florence Mensah",
            "animation: Florence Mensah, Anne Berlemont",
            "prise-de-notes: Anne Berlemont, Célia, {collaboratif}",
            "gardien-du-temps: {tous}",
            "mise-en-ligne: Sophie Martin",
        ]
    );
    let sophie = r.site.read("public/personnes/sophie-martin/index.html");
    assert_eq!(
        person_roles(&sophie),
        ["Rédaction (1)", "Mise en ligne (1)"]
    );
    assert!(!r.site.exists("public/personnes/tous"));
}

// Issue: "Tout le groupe", "Tous", "collectif", "Une personne de la mairie
// de Saint-Ouen" each had a person page.
#[test]
fn collective_and_anonymous_mentions_are_text_not_people() {
    let r = repo();
    r.file(
        "content/_people.toml",
        "[brigade]\nname = \"La Brigade du Tigre\"\nstructure = \"Police municipale\"\ngroup = true\n",
    )
    .file(
        "content/atelier.md",
        "---\ntitle: Atelier\nkind: minutes\nfacilitators: [\"Léa Petit\"]\n\
         scribes: [\"Tout le groupe\", \"?\"]\ntimekeepers: [\"Tous\"]\n\
         participants: [\"collectif\", \"L'ensemble des participants\", \
         \"Une personne de la mairie de Saint-Ouen\", \"La Brigade du Tigre\", \"Marc\"]\n---\n\nNotes.\n",
    );
    r.commit(SOPHIE, "Atelier");
    r.site.build_ok(&[]);
    let page = r.site.read("public/atelier/index.html");
    assert_eq!(
        block_summary(credits_block(&page)),
        [
            "animation: Léa Petit",
            "prise-de-notes: {Tout le groupe}, {?}",
            "gardien-du-temps: {Tous}",
            "participation: Marc, {collectif}, {L&#39;ensemble des participants}, \
             {Une personne de la mairie de Saint-Ouen}, {La Brigade du Tigre}",
            "mise-en-ligne: Sophie Martin",
        ]
    );
    let mut pages: Vec<String> = std::fs::read_dir(r.path().join("public/personnes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    assert_eq!(pages, ["lea-petit", "marc", "sophie-martin"]);
    let index = main_of(&r.site.read("public/contributeurs/index.html")).to_string();
    assert!(index.contains("<caption>Contributeurs <span class=\"count\">(3)</span>"));
    // A declared group counts for its structure, as text.
    let st = main_of(&r.site.read("public/structures/index.html")).to_string();
    assert!(links(&st).iter().all(|(n, _)| n != "La Brigade du Tigre"));
    assert_eq!(spans(&st), ["La Brigade du Tigre"]);
    assert!(st.contains("<dt>Participation</dt><dd>1 page</dd>"), "{st}");
}

// Issue: "Inès" and "Inès Moreau" in the same pad became two people.
#[test]
fn a_lone_first_name_is_the_full_name_of_its_page_and_check_warns_across_pages() {
    let r = repo();
    r.file(
        "content/atelier.md",
        "---\ntitle: Atelier\nkind: minutes\nscribes: [\"Inès\"]\n\
         participants: [\"Inès Moreau\", \"Paul\", \"Paul Durand\", \"Paul Petit\"]\n---\n\nNotes.\n",
    )
    .file(
        "content/autre.md",
        "---\ntitle: Autre\nauthors: [\"Inès\"]\n---\n\nTexte.\n",
    );
    r.commit(SOPHIE, "Pages");
    r.site.build_ok(&[]);
    let page = r.site.read("public/atelier/index.html");
    let block = credits_block(&page);
    assert_eq!(
        role(block, "prise-de-notes"),
        [(
            "Inès Moreau".to_string(),
            "../personnes/ines-moreau/".to_string()
        )]
    );
    // Two full names start with Paul: "Paul" stays apart.
    assert_eq!(
        names(&role(block, "participation")),
        ["Inès Moreau", "Paul", "Paul Durand", "Paul Petit"]
    );
    let ines = r.site.read("public/personnes/ines-moreau/index.html");
    assert_eq!(
        person_roles(&ines),
        ["Prise de notes (1)", "Participation (1)"]
    );
    // On another page, alone, "Inès" is someone else, and check says so.
    let other = r.site.read("public/autre/index.html");
    assert_eq!(names(&role(credits_block(&other), "redaction")), ["Inès"]);
    let out = r.site.run(&["check"]);
    let warnings: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.contains(" ressemble à "))
        .collect();
    assert_eq!(
        warnings,
        [
            "content/atelier.md:5:1: avertissement : `Paul` ressemble à `Paul Durand` mais est crédité comme une autre personne",
            "content/autre.md:3:1: avertissement : `Inès` ressemble à `Inès Moreau` mais est crédité comme une autre personne",
        ],
        "{}",
        out.stdout
    );
}

// Issue: on a GitBook history, `gitbook-bot` was a person, was merged into
// the person whose email it used, and people showed as `chaib.martinez`.
#[test]
fn bots_are_never_people_and_the_best_spelling_is_shown() {
    let r = repo();
    r.file("content/a.md", "# A\n\nv0\n");
    r.commit("Chaïb Martinez <chaib@ville.example>", "A");
    for n in 1..25 {
        r.file("content/a.md", &format!("# A\n\nv{n}\n"));
        r.commit("Chaïb Martinez <chaib@ville.example>", "Relecture");
    }
    for n in 0..3 {
        r.file("content/b.md", &format!("# B\n\nv{n}\n"));
        r.commit("chaib.martinez <chaib@ville.example>", "B");
    }
    r.file("content/b.md", "# B\n\nsync\n");
    r.commit(
        "gitbook-bot <chaib@ville.example>",
        "GitBook: [main] 1 page modified",
    );
    r.file("content/b.md", "# B\n\nbump\n");
    r.commit(
        "renovate[bot] <29139614+renovate[bot]@users.noreply.github.com>",
        "chore(deps): update",
    );
    r.file(
        "content/c.md",
        "---\ntitle: C\nauthors: [\"Agnès Haasser\"]\n---\n\nTexte.\n",
    );
    r.commit("agnes.haasser <agnes@ville.example>", "C");
    r.site.build_ok(&[]);

    let index = main_of(&r.site.read("public/contributeurs/index.html")).to_string();
    let rows: Vec<String> = index
        .split("<th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let name = names(&links(row))[0].to_string();
            let nums: Vec<&str> = row
                .split("<td class=\"num\">")
                .skip(1)
                .map(|x| &x[..x.find('<').unwrap()])
                .collect();
            format!("{name}: {} pages, {} commits", nums[0], nums[1])
        })
        .collect();
    assert_eq!(
        rows,
        [
            "Agnès Haasser: 1 pages, 1 commits",
            "Chaïb Martinez: 2 pages, 28 commits"
        ]
    );
    for bot in ["gitbook", "renovate", "chaib.martinez", "agnes.haasser"] {
        assert!(!index.contains(bot), "{bot} in {index}");
    }
    let recent = main_of(&r.site.read("public/dernieres-modifications/index.html")).to_string();
    assert!(!recent.contains("bot"), "{recent}");
    let b = r.site.read("public/b/index.html");
    assert_eq!(
        block_summary(credits_block(&b)),
        ["redaction: Chaïb Martinez"]
    );
}

#[test]
fn a_person_taken_for_a_bot_is_credited_through_not_bots() {
    let r = repo();
    r.file("content/a.md", "# A\n\nTexte.\n");
    r.commit("Jan Bot <jan.bot@ville.example>", "A");
    r.site.build_ok(&[]);
    assert!(!r.site.exists("public/personnes/jan-bot"));
    assert_eq!(credits_block(&r.site.read("public/a/index.html")), "");
    r.file("playbook.toml", "[credits]\nnot_bots = [\"Jan Bot\"]\n");
    r.site.build_ok(&[]);
    let a = r.site.read("public/a/index.html");
    assert_eq!(block_summary(credits_block(&a)), ["redaction: Jan Bot"]);
    assert!(r.site.exists("public/personnes/jan-bot/index.html"));
}
