use super::*;

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
fn git_errors_keep_the_reason() {
    let stderr = b"warning: exhaustive rename detection was skipped\nfatal: detected dubious ownership in repository at '/srv/wiki'\n";
    assert_eq!(
        first_line(stderr),
        "detected dubious ownership in repository at '/srv/wiki'"
    );
    assert_eq!(first_line(b"\n  oops \n"), "oops");
    assert_eq!(first_line(b""), "no error message");
}
