use super::*;
use crate::git::testing::rec;

#[test]
fn parses_records_with_odd_paths_and_trailers() {
    let raw = [
        rec(
            3,
            30,
            "Anne <anne@x.fr>",
            "Déplace",
            &["Bob <b@x>", "Carol"],
            &[
                &["R100", "content/a b.md", "content/é/c.md"],
                &["A", "content/new\nline.md"],
            ],
        ),
        rec(2, 20, "Anne <anne@x.fr>", "", &[], &[]),
        rec(
            1,
            10,
            "Bob <b@x>",
            "first",
            &[],
            &[&["A", "content/a b.md"], &["M", "README.md"]],
        ),
    ]
    .concat();
    let commits = parse_log(&raw).unwrap();
    assert_eq!(commits.len(), 3);
    let c = &commits[0];
    assert_eq!(c.hash, format!("{:040x}", 3));
    assert_eq!(c.time, 30);
    assert_eq!(c.date, "2020-01-01T00:00:00+01:00");
    assert_eq!(c.author.name, "Anne");
    assert_eq!(c.author.email, "anne@x.fr");
    assert_eq!(c.subject, "Déplace");
    assert_eq!(
        c.coauthors,
        vec![
            Identity {
                name: "Bob".into(),
                email: "b@x".into()
            },
            Identity {
                name: "Carol".into(),
                email: String::new()
            },
        ]
    );
    assert_eq!(
        c.files,
        vec![
            FileChange::Renamed {
                from: "content/a b.md".into(),
                to: "content/é/c.md".into()
            },
            FileChange::Added("content/new\nline.md".into()),
        ]
    );
    assert!(commits[1].files.is_empty() && commits[1].coauthors.is_empty());
    assert_eq!(commits[2].files.len(), 2);
}

#[test]
fn parses_every_status() {
    let raw = rec(
        1,
        1,
        "A <a@x>",
        "s",
        &[],
        &[
            &["C075", "x", "y"],
            &["D", "d"],
            &["T", "t"],
            &["M", "m"],
            &["X", "unknown"],
        ],
    );
    let c = &parse_log(&raw).unwrap()[0];
    assert_eq!(
        c.files,
        vec![
            FileChange::Copied {
                from: "x".into(),
                to: "y".into()
            },
            FileChange::Deleted("d".into()),
            FileChange::Modified("t".into()),
            FileChange::Modified("m".into()),
        ]
    );
    assert!(parse_log(b"").unwrap().is_empty());
}

#[test]
fn rejects_garbage() {
    let err = |raw: &[u8]| parse_log(raw).unwrap_err().message;
    assert_eq!(err(b"M\0path\0"), "a file status before any commit");
    assert_eq!(err(b"\x1exyz\0"), "a commit without a valid hash");
    let mut truncated = rec(1, 1, "A <a@x>", "s", &[], &[]);
    truncated.truncate(50);
    assert_eq!(err(&truncated), "a truncated commit");
    let mut bad = rec(1, 1, "A <a@x>", "s", &[], &[]);
    bad.extend_from_slice(b"\nQ\0p\0");
    assert_eq!(err(&bad), "an unknown file status");
    let mut no_path = rec(1, 1, "A <a@x>", "s", &[], &[]);
    no_path.extend_from_slice(b"\nR100\0old\0");
    assert_eq!(err(&no_path), "a file status without its path");
}

#[test]
fn parses_the_same_in_pieces() {
    let raw = [
        rec(
            3,
            30,
            "Anne <anne@x.fr>",
            "Déplace",
            &["Bob <b@x>"],
            &[
                &["R100", "content/a b.md", "content/é/c.md"],
                &["A", "content/new\nline.md"],
            ],
        ),
        rec(2, 20, "Anne <anne@x.fr>", "", &[], &[]),
        rec(
            1,
            10,
            "Bob <b@x>",
            "first",
            &[],
            &[&["A", "content/a b.md"], &["X", "odd"]],
        ),
    ]
    .concat();
    let whole = parse_log(&raw).unwrap();
    for size in [1, 2, 3, 7, 64] {
        let mut parser = LogParser::default();
        let mut got = Vec::new();
        for piece in raw.chunks(size) {
            parser.feed(piece).unwrap();
            got.extend(parser.take());
        }
        got.extend(parser.finish().unwrap());
        assert_eq!(got, whole, "pieces of {size} bytes");
    }
    // An error names its offset in the whole output, whatever the pieces.
    let mut bad = raw.clone();
    bad.extend_from_slice(b"\nQ\0p\0");
    let mut parser = LogParser::default();
    let err = bad.chunks(5).find_map(|p| parser.feed(p).err()).unwrap();
    assert_eq!(err.offset, raw.len());
}

#[test]
fn an_old_git_without_trailer_options_gives_no_co_authors() {
    let raw = rec(
        1,
        1,
        "A <a@x>",
        "s",
        &["%(trailers:key=Co-authored-by,valueonly,separator=\u{1f})"],
        &[],
    );
    assert!(parse_log(&raw).unwrap()[0].coauthors.is_empty());
}
