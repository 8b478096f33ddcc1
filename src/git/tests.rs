use super::*;

/// One record as `git log -z --name-status` prints it with `LOG_FORMAT`.
fn rec(
    n: u32,
    time: i64,
    author: &str,
    subject: &str,
    trailers: &[&str],
    files: &[&[&str]],
) -> Vec<u8> {
    let (name, email) = author.split_once(" <").unwrap_or((author, ">"));
    let email = email.trim_end_matches('>');
    let mut out = format!(
        "\x1e{n:040x}\x002020-01-01T00:00:00+01:00\x00{time}\x00{name}\x00{email}\x00{subject}\x00{}\x00",
        trailers.join("\x1f")
    )
    .into_bytes();
    if !files.is_empty() {
        out.push(b'\n');
        for f in files {
            for part in *f {
                out.extend_from_slice(part.as_bytes());
                out.push(0);
            }
        }
    }
    out
}

fn log(records: &[Vec<u8>]) -> Vec<Commit> {
    parse_log(&records.concat()).unwrap()
}

fn build(records: &[Vec<u8>]) -> History {
    build_history(log(records), "content/", &HistoryOptions::default())
}

/// Contributors of a file as `name:commits[*]` (`*` for the creators).
fn credits(h: &History, path: &str) -> Vec<String> {
    let f = h
        .file(path)
        .unwrap_or_else(|| panic!("no history for {path}: {:?}", h.files.keys()));
    f.contributors
        .iter()
        .map(|c| {
            let star = if c.created { "*" } else { "" };
            format!("{}:{}{star}", h.person(c.person).name, c.commits)
        })
        .collect()
}

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
fn contacts_names_and_globs() {
    let c = |s| {
        let i = parse_contact(s);
        (i.name, i.email)
    };
    assert_eq!(
        c(" Anne  B. <anne@x.fr> "),
        ("Anne  B.".into(), "anne@x.fr".into())
    );
    assert_eq!(c("<anne@x.fr>"), (String::new(), "anne@x.fr".into()));
    assert_eq!(c("anne@x.fr"), (String::new(), "anne@x.fr".into()));
    assert_eq!(
        c("Anne Berlemont"),
        ("Anne Berlemont".into(), String::new())
    );

    assert_eq!(
        normalize_name("  Anne \t Be\u{301}rlemont "),
        "Anne Bérlemont"
    );
    assert_eq!(identity_key("Anne", " Anne@X.fr"), "anne@x.fr");
    assert_eq!(identity_key(" Anne  B.", ""), "name:anne b.");

    assert!(glob_match("*[bot]*", "dependabot[bot]"));
    assert!(glob_match(
        "*[bot]*",
        "49699333+dependabot[BOT]@users.noreply.github.com"
    ));
    assert!(!glob_match("*[bot]*", "bot"));
    assert!(glob_match("dependabot*", "Dependabot"));
    assert!(glob_match("renovate*", "renovate[bot]"));
    assert!(glob_match("a?c", "abc") && !glob_match("a?c", "ac"));
    assert!(glob_match("*", "") && glob_match("**x*", "aaxbb"));
    assert!(!glob_match("anne", "anne b"));
}

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
fn co_authors_bots_and_identities() {
    let opts = HistoryOptions {
        exclude: crate::config::BOT_PATTERNS
            .iter()
            .map(|s| (*s).to_owned())
            .collect(),
    };
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

#[test]
fn status_and_probe() {
    let raw = b"?? content/new page.md\0 M content/old.md\0A  content/staged.md\0 D content/gone.md\0D  content/x.md\0?? other.md\0MM content/\xc3\xa9.md\0";
    let st = parse_status(raw, "content/");
    assert_eq!(
        st.into_iter().collect::<Vec<_>>(),
        vec![
            ("new page.md".to_owned(), Uncommitted::New),
            ("old.md".to_owned(), Uncommitted::Modified),
            ("staged.md".to_owned(), Uncommitted::New),
            ("é.md".to_owned(), Uncommitted::Modified),
        ]
    );
    assert_eq!(
        parse_probe(b"site/content/\nfalse\n"),
        Some(("site/content/".into(), false))
    );
    assert_eq!(parse_probe(b"\ntrue\n"), Some((String::new(), true)));
    assert_eq!(parse_probe(b"garbage"), None);
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

#[test]
fn git_errors_keep_the_reason() {
    let stderr = b"warning: exhaustive rename detection was skipped\nfatal: detected dubious ownership in repository at '/srv/wiki'\n";
    assert_eq!(
        first_line(stderr),
        "detected dubious ownership in repository at '/srv/wiki'"
    );
    assert_eq!(first_line(b"\n  oops \n"), "oops");
    assert_eq!(first_line(b""), "no error message");
}
