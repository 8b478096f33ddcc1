use std::path::Path;

use super::*;

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| crate::text::fold(w).to_lowercase())
        .collect()
}

fn alike(a: &str, b: &str) -> bool {
    looks_alike(&match_key(a), &words(a), &match_key(b), &words(b))
}

#[test]
fn spellings_that_look_alike() {
    assert!(alike("anne", "Anne Berlemont"));
    assert!(alike("Anne B.", "Anne Berlemont"));
    assert!(alike("Flo M.", "Florence Mensah"));
    assert!(alike("Anne Berlemnot", "Anne Berlemont"));
    assert!(alike("Florence Mensha", "Florence Mensah"));
    // Different people, or the same key.
    assert!(!alike("Anne Martin", "Anne Berlemont"));
    assert!(!alike("Claire", "Célia"));
    assert!(!alike("JM", "Jean-Marc Dupont"));
    assert!(!alike("Anne Berlemont", "anne berlemont"));
    assert!(!alike("Bob", "Rob"));
}

#[test]
fn people_file_keeps_its_order_and_folds_spellings() {
    let p = People::parse(
        "[zoe]\nname = \"  Zoé   Martin \"\nemails = [\"Zoe@X.example\"]\n\n[anne]\nname = \"Anne\"\nstructure = \"\"\n",
        Path::new("content/_people.toml"),
    )
    .unwrap();
    assert_eq!(p.entries[0].id, "zoe");
    assert_eq!(p.entries[0].name, "Zoé Martin");
    assert_eq!(p.entries[0].emails, ["zoe@x.example"]);
    assert_eq!(p.entries[0].line, 1);
    assert_eq!(p.entries[1].line, 5);
    assert_eq!(p.entries[1].structure, None);
}

#[test]
fn people_file_errors_have_lines() {
    let e = People::parse(
        "[a]\nname = \"A\"\n[b]\nname = \"\"\n[c]\nname = \"C\"\nemails = [\"x@y\"]\n[d]\nname = \"D\"\nemails = [\"X@Y\"]\n",
        Path::new("p.toml"),
    )
    .unwrap_err();
    let got: Vec<(usize, &str)> = e.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(
        got,
        [
            (3, "person `b` has an empty `name`"),
            (8, "person `d` shares the email with `c` (line 5)"),
        ]
    );
}

#[test]
fn every_role_has_a_ui_string() {
    for lang in ["fr", "en"] {
        let s = crate::i18n::strings(lang);
        for r in Role::ALL {
            assert!(s.contains_key(r.key()), "{}", r.key());
        }
    }
}
