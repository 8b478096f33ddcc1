use crate::git::testing::{build, credits, rec};
use crate::git::{ChangeKind, ChangedFile};

#[test]
fn follows_a_rename_chain() {
    let h = build(&[
        rec(5, 50, "Eve <e@x>", "edit c", &[], &[&["M", "content/c.md"]]),
        rec(
            4,
            40,
            "Dan <d@x>",
            "b to c",
            &[],
            &[&["R097", "content/b.md", "content/c.md"]],
        ),
        rec(
            3,
            30,
            "Carol <c@x>",
            "edit b",
            &[],
            &[&["M", "content/b.md"]],
        ),
        rec(
            2,
            20,
            "Bob <b@x>",
            "a to b",
            &[],
            &[&["R100", "content/a.md", "content/b.md"]],
        ),
        rec(
            1,
            10,
            "Anne <a@x>",
            "create a",
            &[],
            &[&["A", "content/a.md"]],
        ),
    ]);
    assert_eq!(h.files.keys().collect::<Vec<_>>(), ["c.md"]);
    assert_eq!(
        credits(&h, "c.md"),
        ["Anne:1*", "Bob:1", "Carol:1", "Dan:1", "Eve:1"]
    );
    assert_eq!(h.file("c.md").unwrap().commits, 5);
    // Every change names the file by its current path.
    let first = &h.changes[4].files[0];
    assert_eq!(
        (first.then.as_str(), first.path.as_deref()),
        ("a.md", Some("c.md"))
    );
    assert_eq!(
        h.changes[1].files[0].kind,
        ChangeKind::Renamed {
            from: "b.md".into()
        }
    );
}

#[test]
fn deleted_then_re_added_starts_fresh() {
    let h = build(&[
        rec(
            4,
            40,
            "Carol <c@x>",
            "again",
            &[],
            &[&["A", "content/p.md"]],
        ),
        rec(3, 30, "Bob <b@x>", "remove", &[], &[&["D", "content/p.md"]]),
        rec(2, 20, "Bob <b@x>", "edit", &[], &[&["M", "content/p.md"]]),
        rec(
            1,
            10,
            "Anne <a@x>",
            "create",
            &[],
            &[&["A", "content/p.md"]],
        ),
    ]);
    assert_eq!(credits(&h, "p.md"), ["Carol:1*"]);
    assert_eq!(h.changes[1].files[0].path, None);
    assert_eq!(h.changes[3].files[0].path, None);
    // Old commits still count for their authors.
    assert_eq!(h.people.iter().map(|p| p.commits).sum::<u32>(), 4);
}

#[test]
fn a_new_file_at_a_moved_path_is_another_file() {
    let h = build(&[
        rec(
            3,
            30,
            "Carol <c@x>",
            "new a",
            &[],
            &[&["A", "content/a.md"]],
        ),
        rec(
            2,
            20,
            "Bob <b@x>",
            "a to b",
            &[],
            &[&["R100", "content/a.md", "content/b.md"]],
        ),
        rec(
            1,
            10,
            "Anne <a@x>",
            "create a",
            &[],
            &[&["A", "content/a.md"]],
        ),
    ]);
    assert_eq!(credits(&h, "a.md"), ["Carol:1*"]);
    assert_eq!(credits(&h, "b.md"), ["Anne:1*", "Bob:1"]);
}

#[test]
fn branch_edits_listed_before_the_rename_reach_the_new_path() {
    let h = build(&[
        rec(
            3,
            30,
            "Carol <c@x>",
            "edit a on a branch",
            &[],
            &[&["M", "content/a.md"]],
        ),
        rec(
            2,
            20,
            "Bob <b@x>",
            "a to b",
            &[],
            &[&["R100", "content/a.md", "content/b.md"]],
        ),
        rec(
            1,
            10,
            "Anne <a@x>",
            "create a",
            &[],
            &[&["A", "content/a.md"]],
        ),
    ]);
    assert_eq!(h.files.keys().collect::<Vec<_>>(), ["b.md"]);
    assert_eq!(credits(&h, "b.md"), ["Anne:1*", "Bob:1", "Carol:1"]);
    assert_eq!(h.changes[0].files[0].path.as_deref(), Some("b.md"));
}

#[test]
fn content_folder_prefix_and_order() {
    let h = build(&[
        rec(
            3,
            10,
            "Bob <b@x>",
            "late but old",
            &[],
            &[&["M", "content/p.md"]],
        ),
        rec(
            2,
            30,
            "Bob <b@x>",
            "in",
            &[],
            &[
                &["R100", "drafts/p.md", "content/p.md"],
                &["M", "README.md"],
            ],
        ),
        rec(
            1,
            20,
            "Anne <a@x>",
            "outside",
            &[],
            &[&["A", "drafts/p.md"]],
        ),
    ]);
    // The commit outside the content folder is not a change of the site.
    assert_eq!(h.changes.len(), 2);
    assert_eq!(h.changes[0].subject, "in");
    assert_eq!(
        h.changes[0].files,
        vec![ChangedFile {
            then: "p.md".into(),
            path: Some("p.md".into()),
            kind: ChangeKind::Added,
        }]
    );
    assert_eq!(credits(&h, "p.md"), ["Bob:2*"]);
    assert_eq!(h.change(h.file("p.md").unwrap().updated).subject, "in");
}
