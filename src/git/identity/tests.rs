use super::*;

/// One pattern against one text, as `People` asks it.
fn glob_match(pattern: &str, text: &str) -> bool {
    Exclusions::new(&[pattern.to_owned()]).matches(text)
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
fn exclusions_read_only_star_and_question_mark() {
    // Everything globset would read as a class, an alternation or an
    // escape is itself.
    assert!(glob_match("a[b]c", "a[b]c") && !glob_match("a[b]c", "abc"));
    assert!(glob_match("[!a]", "[!a]") && !glob_match("[!a]", "b"));
    assert!(glob_match("{a,b}*", "{a,b}x") && !glob_match("{a,b}*", "a"));
    assert!(glob_match("a\\*", "a\\b") && !glob_match("a\\*", "ab"));
    assert!(glob_match("a\\", "a\\") && glob_match("]*", "]"));
    // `*` crosses `/`, and a run of `*` is one `*`, wherever it is.
    assert!(glob_match("*@x.fr", "a/b@x.fr") && glob_match("a**b", "a/c/b"));
    assert!(glob_match("**/x", "a/x") && !glob_match("**/x", "x"));
    assert!(glob_match("x/**", "x/") && glob_match("***", "a/b"));
    // Without regard to case, accented letters included (globset's own
    // case folding stops at ASCII).
    assert!(glob_match("DEPENDABOT*", "dependabot[bot]"));
    assert!(glob_match("émile*", "ÉMILE Zola") && glob_match("ÉMILE*", "émile"));
    // The empty pattern matches the empty text only.
    assert!(glob_match("", "") && !glob_match("", "a"));
    // `?` is one byte: an accented letter takes two.
    assert!(glob_match("l??a", "léa") && !glob_match("l?a", "léa"));
}

#[test]
fn exclusions_are_one_set() {
    let set = Exclusions::new(&["robot-*".to_owned(), "*@ci.example".to_owned()]);
    assert!(set.matches("Robot-Relecture") && set.matches("x@ci.example"));
    assert!(!set.matches("Anne") && !set.matches("robot"));
    assert!(!Exclusions::new(&[]).matches("") && !Exclusions::new(&[]).matches("a"));
}

#[test]
fn the_displayed_spelling_looks_like_a_name_then_is_the_most_used() {
    assert_eq!(name_quality("Chaïb Martinez"), 2);
    assert_eq!(name_quality("Anne B."), 2);
    assert_eq!(name_quality("Bastien"), 1);
    assert_eq!(name_quality("KimMontalibet"), 1);
    assert_eq!(name_quality("léon h"), 1);
    assert_eq!(name_quality("chaib.martinez"), 0);
    assert_eq!(name_quality("soizicpenicaud"), 0);
    assert_eq!(name_quality("Juliengbt23"), 0);
    // Listed newest first, with their commits.
    let best = |v: &[(&'static str, u32)]| best_spelling(v.iter().copied());
    assert_eq!(
        best(&[("chaib.martinez", 3), ("Chaïb Martinez", 25)]),
        Some("Chaïb Martinez")
    );
    // A name as people write it beats a login, however much more used.
    assert_eq!(
        best(&[("agnes.haasser", 40), ("Agnès Haasser", 2)]),
        Some("Agnès Haasser")
    );
    // Then the most used, then accents, then the newest.
    assert_eq!(
        best(&[("Riccardo", 38), ("Riccardo Ferretti", 73)]),
        Some("Riccardo Ferretti")
    );
    assert_eq!(
        best(&[("Agnes Haasser", 5), ("Agnès Haasser", 9)]),
        Some("Agnès Haasser")
    );
    assert_eq!(
        best(&[("Agnes Haasser", 9), ("Agnès Haasser", 9)]),
        Some("Agnès Haasser")
    );
    assert_eq!(best(&[("Anne B", 1), ("Anne C", 1)]), Some("Anne B"));
    assert_eq!(best(&[]), None);
}
