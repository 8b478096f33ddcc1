use crate::git::testing::{credits, log, rec};
use crate::git::{HistoryOptions, build_history};

#[test]
fn co_authors_bots_and_identities() {
    let opts = HistoryOptions::default();
    let commits = log(&[
        rec(
            4,
            40,
            "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
            "bump",
            &[],
            &[&["M", "content/p.md"]],
        ),
        rec(
            3,
            30,
            "Anne  Berlemont <ANNE@x>",
            "pair",
            &[
                "Bob <b@x>",
                "Anne <anne@x>",
                "Bob <B@X>",
                "renovate[bot] <r@x>",
            ],
            &[&["M", "content/p.md"]],
        ),
        rec(
            2,
            20,
            "Renovate Bot <bot@renovateapp.com>",
            "deps",
            &["Florence"],
            &[&["A", "content/q.md"]],
        ),
        rec(
            1,
            10,
            "anne <anne@x>",
            "create",
            &[],
            &[&["A", "content/p.md"]],
        ),
    ]);
    let h = build_history(commits, "content/", &opts);
    assert_eq!(credits(&h, "p.md"), ["Anne Berlemont:2*", "Bob:1"]);
    let anne = &h.people[0];
    assert_eq!(anne.spellings, ["Anne Berlemont", "Anne", "anne"]);
    assert_eq!(
        (anne.key.as_str(), anne.email.as_str()),
        ("anne@x", "anne@x")
    );
    let bob = h.file("p.md").unwrap().contributors[1].clone();
    assert_eq!((bob.authored, bob.coauthored), (0, 1));
    // The bot's commit dates the file but credits nobody.
    let p = h.file("p.md").unwrap();
    assert_eq!((p.commits, h.change(p.updated).author), (3, None));
    // A human co-author of a bot commit is credited, keyed by name.
    assert_eq!(credits(&h, "q.md"), ["Florence:1*"]);
    assert_eq!(h.people[2].key, "name:florence");
    assert!(h.people.iter().all(|p| !p.name.contains("bot")));
}

#[test]
fn a_bot_sharing_a_persons_email_stays_out_and_the_best_spelling_is_shown() {
    let mut records = vec![rec(
        30,
        300,
        "gitbook-bot <chaib@x>",
        "GitBook: [main] 2 pages modified",
        &[],
        &[&["M", "content/p.md"]],
    )];
    for n in 0..3 {
        records.push(rec(
            20 + n,
            200 + i64::from(n),
            "chaib.martinez <chaib@x>",
            "edit",
            &[],
            &[&["M", "content/p.md"]],
        ));
    }
    records.push(rec(
        1,
        10,
        "Chaïb Martinez <CHAIB@x>",
        "create",
        &[],
        &[&["A", "content/p.md"]],
    ));
    let h = build_history(log(&records), "content/", &HistoryOptions::default());
    assert_eq!(h.people.len(), 1);
    let p = &h.people[0];
    assert_eq!(p.name, "Chaïb Martinez");
    assert_eq!(p.spellings, ["chaib.martinez", "Chaïb Martinez"]);
    assert_eq!((p.commits, h.file("p.md").unwrap().commits), (4, 5));
    // Unless the site says this one is a person.
    let opts = HistoryOptions {
        not_bots: vec!["gitbook-bot".into()],
        ..HistoryOptions::default()
    };
    let h = build_history(log(&records), "content/", &opts);
    assert_eq!(h.people[0].commits, 5);
}
