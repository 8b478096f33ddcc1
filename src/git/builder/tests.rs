use crate::git::ChangeId;
use crate::git::testing::{build, credits, rec};

#[test]
fn credits_authors_and_creators() {
    let h = build(&[
        rec(3, 30, "Bob <b@x>", "edit", &[], &[&["M", "content/p.md"]]),
        rec(
            2,
            20,
            "Bob <b@x>",
            "edit",
            &[],
            &[&["M", "content/p.md"], &["A", "content/q.md"]],
        ),
        rec(
            1,
            10,
            "Anne <a@x>",
            "create",
            &[],
            &[&["A", "content/p.md"]],
        ),
    ]);
    assert_eq!(credits(&h, "p.md"), ["Bob:2", "Anne:1*"]);
    assert_eq!(credits(&h, "q.md"), ["Bob:1*"]);
    let p = h.file("p.md").unwrap();
    assert_eq!(p.commits, 3);
    assert_eq!(h.change(p.updated).time, 30);
    assert_eq!(h.change(p.created).subject, "create");
    assert_eq!(h.changes.len(), 3);
    let bob = &h.people[0];
    assert_eq!(
        (bob.name.as_str(), bob.commits, bob.authored),
        ("Bob", 2, 2)
    );
    assert_eq!((bob.last, bob.first), (ChangeId(0), ChangeId(1)));
    assert_eq!(h.changes[0].short_hash(), "0000000");
    assert_eq!(h.changes[0].day().unwrap().iso(), "2020-01-01");
}
