//! Tests of front-matter parsing: both syntaxes, forgiving values, and
//! the line and wording of every diagnostic.

use super::convert::item_lines;
use super::*;
use crate::messages::Lang;

fn p() -> &'static Path {
    Path::new("content/a.md")
}

#[test]
fn no_front_matter() {
    let s = split("# Titre\n\ntexte", p()).unwrap();
    assert_eq!(s.front, FrontMatter::default());
    assert_eq!(s.body_line_offset, 0);
}

#[test]
fn yaml_and_toml_agree() {
    let y = split("---\ntitle: Été\ndate: 2025-08-12\ntags: [a, b]\nkind: guide\norder: 3\ncouleur: bleu\n---\nCorps\n", p()).unwrap();
    let t = split("+++\ntitle = \"Été\"\ndate = 2025-08-12\ntags = [\"a\", \"b\"]\nkind = \"guide\"\norder = 3\ncouleur = \"bleu\"\n+++\nCorps\n", p()).unwrap();
    assert_eq!(y.front, t.front);
    assert_eq!(y.front.title.as_deref(), Some("Été"));
    assert_eq!(y.front.date.as_deref(), Some("2025-08-12"));
    assert_eq!(y.front.kind, Some(PageKind::Guide));
    assert_eq!(y.front.extra["couleur"], Value::String("bleu".into()));
    assert_eq!(y.body, "Corps\n");
    assert_eq!(y.body_line_offset, 8);
}

#[test]
fn malformed_yaml_points_at_the_line() {
    let e = split("---\ntitle: ok\ntags: [a, b\n---\n", p()).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].col), (3, 7), "{:?}", e[0]);
    assert_eq!(
        e[0].render(Lang::Fr),
        "content/a.md:3:7: erreur : le `[` ouvert sur cette ligne n'est jamais fermé par `]`\n  \
         aide : fermez-le par `]` sur la même ligne : `tags: [a, b]`"
    );
}

/// The common faults of hand-written YAML, each at its line (in the
/// file) with the fix, not the parser's words (issue 16: an unclosed
/// `[` read "illegal placement of ':'" on the next line).
#[test]
fn yaml_faults_are_explained_in_french() {
    let fault = |fm: &str| {
        let e = split(&format!("---\n{fm}---\nCorps\n"), p()).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        e[0].render(Lang::Fr)
    };
    insta::assert_snapshot!(
        [
            // An unclosed `[` with another key below: the parser
            // complains about the `:` of the next line.
            fault("title: Atelier\ntags: [a, b\nauthors: [x]\n"),
            fault("title: Atelier\nauthors: {a, b\n"),
            fault("title: \"Atelier du 14\ndate: 2024-11-14\n"),
            fault("title: 'Atelier\n"),
            fault("title: Atelier\n\tdate: 2024-01-01\n"),
            fault("title: Atelier\ntags:\n\t- a\n"),
            fault("title: Atelier : bilan\n"),
            fault("description: La question: comment faire ?\n"),
            fault("title: \"Atelier\" du jeudi\n"),
            fault("title: [[[\n"),
        ]
        .join("\n\n")
    );
    // A key written twice is a warning, the last value kept.
    let ok = split("---\ntitle: a\ntitle: b\n---\n", p()).unwrap();
    assert_eq!(
        ok.warnings[0].render(Lang::Fr),
        "content/a.md:3:1: avertissement : dans le front matter, la clé `title` apparaît deux fois : la dernière valeur est gardée\n  \
         aide : gardez une seule ligne `title:` et supprimez l'autre"
    );
}

#[test]
fn yaml_errors_count_lines_like_the_file() {
    // A lone `\r` is a line break for YAML, not for our `path:line`:
    // found by the `front_matter` fuzz target (line 5 of a 3-line file).
    let e = split("---\ntitle: x\r\r\rbad: [\u{1}\n---\n", p()).unwrap_err();
    assert_eq!(e[0].line, 2, "{:?}", e[0]);
    assert!(
        !e[0].message.render(Lang::En).contains("at line"),
        "{:?}",
        e[0]
    );
    let e = split("---\ntitle: ok\ntags: [a, b\n---\n", p()).unwrap_err();
    assert_eq!((e[0].line, e[0].col), (3, 7), "{:?}", e[0]);
}

#[test]
fn duplicate_keys_and_yaml_bombs_are_explained() {
    // YAML: a warning, and the last value wins (as MkDocs reads it).
    let ok = split("---\ntitle: a\ntags: [x]\ntitle: b\n---\n", p()).unwrap();
    assert_eq!(ok.front.title.as_deref(), Some("b"));
    assert_eq!(ok.front.tags, ["x"]);
    assert_eq!(
        ok.warnings
            .iter()
            .map(|d| d.render(Lang::En))
            .collect::<Vec<_>>(),
        [
            "content/a.md:4:1: warning: in the front matter, the key `title` appears twice: the last value is kept\n  help: keep one `title:` line and delete the other"
        ]
    );
    // TOML forbids it: the page cannot be read.
    let e = split("+++\ntitle = \"a\"\ntitle = \"b\"\n+++\n", p()).unwrap_err();
    assert_eq!(e[0].line, 3, "{:?}", e[0]);
    assert!(
        e[0].message
            .render(Lang::En)
            .contains("the key `title` appears twice"),
        "{:?}",
        e[0]
    );
    let mut bomb = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g"])
    {
        bomb.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
    }
    bomb.push_str("---\n");
    let e = split(&bomb, p()).unwrap_err();
    assert!(
        e[0].message.render(Lang::En).contains("too large"),
        "{:?}",
        e[0]
    );
    assert!(
        !e[0].message.render(Lang::En).contains("budget"),
        "{:?}",
        e[0]
    );
    let deep = format!("---\ntitle: {}\n---\n", "[".repeat(10_000));
    let e = split(&deep, p()).unwrap_err();
    assert!(
        e[0].message.render(Lang::En).contains("nested too deeply"),
        "{:?}",
        e[0]
    );
}

#[test]
fn nul_never_reaches_a_field() {
    // Found by the hostile fixtures: a NUL in a title was written into the HTML.
    let t = split(
        "+++\ntitle = \"a\\u0000b\"\ntags = [\"\\u0000\"]\n+++\n",
        p(),
    )
    .unwrap();
    assert_eq!(t.front.title.as_deref(), Some("a\u{FFFD}b"));
    assert_eq!(t.front.tags, ["\u{FFFD}"]);
    let y = split("---\ntitle: \"a\\0b\"\n\"k\\0\": v\n---\n", p()).unwrap();
    assert_eq!(y.front.title.as_deref(), Some("a\u{FFFD}b"));
    assert!(y.front.extra.contains_key("k\u{FFFD}"));
}

#[test]
fn unclosed_front_matter() {
    let e = split("---\ntitle: x\n\ncorps", p()).unwrap_err();
    assert!(e[0].message.render(Lang::En).contains("never closed"));
}

#[test]
fn bad_types_are_reported_with_lines() {
    let e = split("---\ntitle: x\norder: beaucoup\nkind: roman\n---\n", p()).unwrap_err();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].line, 3);
    assert_eq!(e[1].line, 4);
}

#[test]
fn forgiving_values() {
    let s = split("---\ntitle: 2024\nauthors: Anne et Florence\n---\n", p()).unwrap();
    assert_eq!(s.front.title.as_deref(), Some("2024"));
    assert_eq!(s.front.authors, vec!["Anne", "Florence"]);
}

#[test]
fn lines_of_list_items() {
    let raw =
        "title: X\nactions:\n  - what: A\n    who: B\n  - what: C\njalons:\n- what: D\ntags: [a]\n";
    assert_eq!(item_lines(raw, "actions"), vec![4, 6]);
    assert_eq!(item_lines(raw, "jalons"), vec![8]);
    let toml = "title = \"X\"\n[[actions]]\nwhat = \"A\"\n[[actions]]\nwhat = \"B\"\n";
    assert_eq!(item_lines(toml, "actions"), vec![3, 5]);
}

#[test]
fn rotations() {
    let s = split(
        "---\nrotations:\n  - number: 1\n    title: Origines\n    start: 14h35\n    end: 14h55\n    scribes: [Anne]\n  - title: Pause\n    break: true\n---\n",
        p(),
    )
    .unwrap();
    assert_eq!(s.front.rotations.len(), 2);
    assert_eq!(s.front.rotations[0].start.as_deref(), Some("14h35"));
    assert!(s.front.rotations[1].is_break);
}

#[test]
fn bom_and_crlf() {
    let s = split("\u{feff}---\r\ntitle: x\r\n---\r\nCorps", p()).unwrap();
    assert_eq!(s.front.title.as_deref(), Some("x"));
    assert_eq!(s.body, "Corps");
}
