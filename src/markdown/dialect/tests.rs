use super::*;
use crate::messages::Lang;

fn text(md: &str) -> String {
    prepare(md).text.into_owned()
}

const F0: &str = ":::::::::::::::";
const F1: &str = "::::::::::::::";

#[test]
fn plain_markdown_is_borrowed() {
    let p = prepare("# Titre\n\nDu texte, des `{%` dans le code.\n");
    assert!(matches!(p.text, Cow::Borrowed(_)));
    let p = prepare("Rien à faire : {% } ni !!!\n");
    assert!(matches!(p.text, Cow::Borrowed(_)) || p.text == "Rien à faire : {% } ni !!!\n");
}

#[test]
fn mkdocs_admonitions_keep_their_lines() {
    let src = "Avant\n\n!!! note \"Le titre\"\n    Corps *en* Markdown.\n\n    ```\n    code\n    ```\n\nAprès\n";
    let p = prepare(src);
    assert_eq!(
        p.text,
        format!(
            "Avant\n\n{F0}note \"Le titre\"\nCorps *en* Markdown.\n\n```\ncode\n```\n{F0}\nAprès\n"
        )
    );
    assert_eq!(
        p.lines, None,
        "no line inserted: the blank line took the fence"
    );
}

#[test]
fn mkdocs_folding_and_empty_titles() {
    assert_eq!(text("??? tip\n    a\n"), format!("{F0}tip-\na\n{F0}\n"));
    assert_eq!(
        text("???+ warning \"Ouvert\"\n    a\n"),
        format!("{F0}warning+ \"Ouvert\"\na\n{F0}\n")
    );
    assert_eq!(
        text("!!! info \"\"\n    a\n"),
        format!("{F0}info \"\"\na\n{F0}\n")
    );
    // Material's layout modifiers are dropped.
    assert_eq!(
        text("!!! note inline end\n    a\n"),
        format!("{F0}note\na\n{F0}\n")
    );
    // Python-Markdown's space after the marker is optional.
    assert_eq!(
        text("!!!warning \"Attention\"\n    a\n"),
        format!("{F0}warning \"Attention\"\na\n{F0}\n")
    );
    // Not admonitions: no type, or more marks.
    assert_eq!(text("!!!\n"), "!!!\n");
    assert_eq!(text("!!!!important\n"), "!!!!important\n");
}

#[test]
fn nested_admonitions_get_shorter_fences_and_the_lines_map_back() {
    let src = "!!! note\n    dehors\n    !!! tip\n        dedans\n    encore\nfin\n";
    let p = prepare(src);
    assert_eq!(
        p.text,
        format!("{F0}note\ndehors\n{F1}tip\ndedans\n{F1}\nencore\n{F0}\nfin\n")
    );
    // Two fences were inserted (no blank line before them).
    let map = p.lines.clone().unwrap();
    assert_eq!(map, vec![1, 2, 3, 4, 5, 5, 6, 6]);
    assert_eq!(p.source_line(8), 6);
}

#[test]
fn admonitions_in_a_list_keep_the_list_indentation() {
    let src = "1. Étape\n\n    !!! note\n        dans la liste\n\n2. Suite\n";
    assert_eq!(
        text(src),
        format!("1. Étape\n\n    {F0}note\n    dans la liste\n    {F0}\n2. Suite\n")
    );
}

#[test]
fn gitbook_containers() {
    let src = "{% hint style=\"warning\" %}\nAttention **ici**\n{% endhint %}\n\n{% tabs %}\n{% tab title=\"Windows\" %}\nA\n{% endtab %}\n\n{% tab title=\"Linux\" %}\nB\n{% endtab %}\n{% endtabs %}\n";
    let p = prepare(src);
    assert_eq!(
        p.text,
        format!(
            "{F0}warning\nAttention **ici**\n{F0}\n\n{F0}pb-tabs\n{F1}pb-tab Windows\nA\n{F1}\n\n{F1}pb-tab Linux\nB\n{F1}\n{F0}\n"
        )
    );
    assert_eq!(p.lines, None);
    assert_eq!(p.notes, vec![]);
}

#[test]
fn gitbook_cards_code_files_and_embeds() {
    let src = "{% content-ref url=\"guide.md\" %}\n[guide.md](guide.md)\n{% endcontent-ref %}\n\n{% code title=\"config.toml\" overflow=\"wrap\" %}\n```toml\na = 1\n```\n{% endcode %}\n\nVoir {% embed url=\"https://example.org/video\" %} ici.\n\n{% file src=\".gitbook/assets/Guide (1).pdf\" %}\nLe guide\n{% endfile %}\n\n{% file src=\"a.pdf\" %}Le PDF{% endfile %}\n";
    let p = prepare(src);
    assert_eq!(
        p.text,
        format!(
            "{F0}pb-card\n[guide.md](guide.md)\n{F0}\n\n{F0}pb-code config.toml\n```toml\na = 1\n```\n{F0}\n\nVoir <https://example.org/video> ici.\n\n[Guide (1).pdf](<.gitbook/assets/Guide (1).pdf>)\nLe guide\n\n\n[Le PDF](<a.pdf>)\n"
        )
    );
    assert_eq!(p.notes, vec![]);
}

#[test]
fn unknown_and_misplaced_tags_are_dropped_with_a_note() {
    let p = prepare(
        "Avant {% include \"x.md\" %} après\n\n{% raw %}{{ x }}{% endraw %}\n\n{% endhint %}\n",
    );
    assert_eq!(p.text, "Avant  après\n\n{{ x }}\n\n\n");
    assert_eq!(
        p.notes
            .iter()
            .map(|(l, m)| (*l, m.render(Lang::En)))
            .collect::<Vec<_>>(),
        vec![
            (
                1,
                "the tag `{% include %}` is not known: it was dropped (the text around it is kept)"
                    .to_string()
            ),
            (
                5,
                "`{% endhint %}` closes nothing: it was dropped".to_string()
            ),
        ]
    );
}

#[test]
fn unclosed_tags_end_with_the_page() {
    let p = prepare("{% hint style=\"info\" %}\nTexte\n");
    assert_eq!(p.text, format!("{F0}info\nTexte\n{F0}\n"));
    assert_eq!(p.lines, Some(vec![1, 2, 2]));
    assert_eq!(p.notes.len(), 1, "{:?}", p.notes);
}

#[test]
fn code_is_left_alone() {
    let src = "```\n!!! note\n    x\n{% hint %}\n```\n\nEn ligne : `{% hint %}` et `{: .x }`.\n";
    assert_eq!(text(src), src);
}

#[test]
fn attribute_lists_lose_their_colon() {
    assert_eq!(text("## Titre {: #id .c }\n"), "## Titre { #id .c }\n");
    assert_eq!(
        text("![x](a.png){: width=\"300\" }\n"),
        "![x](a.png){ width=\"300\" }\n"
    );
    // Not an attribute list: left as written.
    assert_eq!(
        text("Un dict {: pas une liste }\n"),
        "Un dict {: pas une liste }\n"
    );
    assert!(is_attribute_list(" .a #b c=d e=\"f g\" "));
    assert!(!is_attribute_list(""));
    assert!(!is_attribute_list("pas une liste"));
}

#[test]
fn container_titles_may_hold_a_colon() {
    let p = prepare("::: tip Exemple du choix: \nCorps\n:::\n");
    assert_eq!(p.text, "::: tip Exemple du choix\u{E005}\nCorps\n:::\n");
}

#[test]
fn mkdocs_content_tabs_become_a_set_of_tabs() {
    let src = "Avant\n\n=== \"Python\"\n\n    ```python\n    print(1)\n    ```\n\n=== \"Rust : 2021\"\n\n    Un [lien](a.md).\n\nAprès\n";
    assert_eq!(
        text(src),
        format!(
            "Avant\n\n{F0}pb-tabs\n{F1}pb-tab Python\n\n```python\nprint(1)\n```\n{F1}\n{F1}pb-tab Rust {COLON_MARK} 2021\n\nUn [lien](a.md).\n{F1}\n{F0}\nAprès\n"
        )
    );
    // `===!` starts another set; without quotes it is not a tab.
    assert_eq!(
        text("=== \"A\"\n    a\n===! \"B\"\n    b\n"),
        format!(
            "{F0}pb-tabs\n{F1}pb-tab A\na\n{F1}\n{F0}\n{F0}pb-tabs\n{F1}pb-tab B\nb\n{F1}\n{F0}\n"
        )
    );
    assert_eq!(text("=== A\n    a\n"), "=== A\n    a\n");
}
