use super::*;

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
