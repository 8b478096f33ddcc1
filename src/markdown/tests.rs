use super::*;

fn r(md: &str) -> Rendered {
    render(md, 0, MarkdownOptions::default())
}

#[test]
fn heading_ids_are_ascii_and_unique() {
    let out = r("## Légitimité & portage\n\n## Légitimité & portage\n\n### Été\n");
    let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["legitimite-portage", "legitimite-portage-1", "ete"]);
    assert!(
        out.html
            .contains("<h2 id=\"legitimite-portage\">Légitimité &amp; portage</h2>"),
        "{}",
        out.html
    );
    assert!(out.html.contains("<h3 id=\"ete\">"));
}

#[test]
fn leading_h1_becomes_title() {
    let out = r("# Mon titre\n\nTexte\n");
    assert_eq!(out.leading_h1.as_deref(), Some("Mon titre"));
    assert!(!out.html.contains("<h1"));
}

/// With a `title:` of its own, a page keeps a leading `# Titre` that says
/// something else, with its anchor (127 pages of a MkDocs site lost theirs);
/// one that repeats the title (case and accents aside) is still dropped.
#[test]
fn a_leading_h1_other_than_the_front_matter_title_stays() {
    let opts = MarkdownOptions::default();
    let md = "# Geotribu, c'est quoi ?\n\nTexte\n";
    let out = render_page(md, 0, opts, Some("A propos"));
    assert_eq!(out.leading_h1, None);
    assert!(
        out.html
            .starts_with("<h1 id=\"geotribu-c-est-quoi\">Geotribu, c'est quoi ?</h1>"),
        "{}",
        out.html
    );
    let out = render_page(md, 0, opts, Some("GEOTRIBU c’est quoi"));
    assert!(!out.html.contains("<h1"), "{}", out.html);
    let out = render_page(md, 0, opts, None);
    assert_eq!(out.leading_h1.as_deref(), Some("Geotribu, c'est quoi ?"));
    assert!(!out.html.contains("<h1"), "{}", out.html);
}

#[test]
fn wikilinks_become_placeholders() {
    let out = r("Voir [[Coopération#Niveaux]] et [[Page|le texte]].\n");
    assert_eq!(out.links.len(), 2);
    assert_eq!(out.links[0].target, "Coopération");
    assert_eq!(out.links[0].anchor.as_deref(), Some("Niveaux"));
    assert_eq!(out.links[0].kind, LinkKind::Wiki);
    assert_eq!((out.links[0].line, out.links[0].col), (1, 6));
    assert!(
        out.html
            .contains("\u{E000}0\u{E001}Coopération › Niveaux\u{E002}0\u{E001}"),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains("\u{E000}1\u{E001}le texte\u{E002}1\u{E001}")
    );
}

#[test]
fn relative_links_and_images_are_recorded() {
    let out = r("[a](../b.md#x) [ext](https://example.org) [top](#h) ![i](img/a.png)\n");
    let links: Vec<(LinkKind, &str, Option<&str>)> = out
        .links
        .iter()
        .map(|l| (l.kind, l.target.as_str(), l.anchor.as_deref()))
        .collect();
    assert_eq!(
        links,
        [
            (LinkKind::Path, "../b.md", Some("x")),
            (LinkKind::Path, "", Some("h")),
            (LinkKind::Image, "img/a.png", None)
        ]
    );
    assert!(out.html.contains("src=\"playbook-asset:2\""));
    assert!(out.html.contains("href=\"https://example.org\""));
}

#[test]
fn nothing_executable() {
    let out = r(
        "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt&#58;alert(1)) [z](playbook-asset:0)\n",
    );
    // The script goes with its text; the image stays, as a file of the page.
    assert_eq!(
        out.html,
        "\n<img src=\"playbook-asset:0\">\n<p><a href=\"#\">x</a> <a href=\"#\">y</a> <a href=\"#\">z</a></p>\n"
    );
    assert_eq!(out.links.len(), 1);
    assert_eq!(
        (out.links[0].kind, out.links[0].target.as_str()),
        (LinkKind::Image, "x")
    );
}

#[test]
fn unsafe_html_lets_html_through_but_not_js_urls() {
    let out = render(
        "<b>gras</b>\n\n[x](javascript:alert(1))\n",
        0,
        MarkdownOptions {
            unsafe_html: true,
            english: false,
        },
    );
    assert!(out.html.contains("<b>gras</b>"));
    assert!(!out.html.contains("javascript:"));
}

#[test]
fn placeholders_cannot_be_forged() {
    let out = r("\u{E000}0\u{E001} texte\n");
    assert!(!out.html.contains('\u{E000}'));
}

#[test]
fn gfm_extensions() {
    let out = r(
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] fait\n- [ ] à faire\n\n~~barré~~ www.example.org\n\nTexte[^1]\n\n[^1]: Note.\n\n> [!NOTE]\n> Attention\n",
    );
    for needle in [
        "<table>",
        "type=\"checkbox\"",
        "<del>barré</del>",
        "href=\"http://www.example.org\"",
        "footnote",
        "<div class=\"callout callout-note\" data-callout=\"note\">\n<p class=\"callout-title\">Note</p>",
    ] {
        assert!(
            out.html.contains(needle),
            "missing {needle} in {}",
            out.html
        );
    }
}

#[test]
fn positions_account_for_front_matter() {
    let out = render("\n\n[[X]]\n", 4, MarkdownOptions::default());
    assert_eq!(out.links[0].line, 7);
}

#[test]
fn links_carry_their_sentence() {
    let out = r(
        "Premier point. Ici on cite [[Page A]] dans une phrase ! Et la suite.\n\n- Élément avec [[Page B|lien]] et fin\n",
    );
    assert_eq!(out.links[0].context, "Ici on cite Page A dans une phrase !");
    assert_eq!(out.links[1].context, "Élément avec lien et fin");
}

#[test]
fn links_of_one_paragraph_share_its_sentences_without_images_or_embeds() {
    // Every link of a paragraph reads the same text (computed once), and
    // an image or file embed, before or after the link, adds no text to it
    // (nor has a sentence of its own); a page embed left inline reads as a
    // link, with its label. `? »` then a capital ends a sentence.
    let out = r(
        "Ouvrez les [[Réglages]] ![[icone.svg#icon]] puis [[Aide]] ![logo](logo.png). Ensuite « fini ? » [[Fin]] ici.\n\nVoir [[Aide]] puis ![[Guide#Étapes]] et ![[Guide|le guide]].\n",
    );
    let contexts: Vec<&str> = out.links.iter().map(|l| l.context.as_str()).collect();
    assert_eq!(
        contexts,
        [
            "Ouvrez les Réglages puis Aide.",
            "",
            "Ouvrez les Réglages puis Aide.",
            "",
            "Fin ici.",
            "Voir Aide puis Guide et le guide.",
            "Voir Aide puis Guide et le guide.",
            "Voir Aide puis Guide et le guide."
        ]
    );
}

/// A page embed alone on its line is transcluded even when the lines
/// around it belong to its paragraph (Obsidian shows `Texte\n![[Note]]` so):
/// the paragraph is cut around it. One inside a line stays a link. (Was: 4
/// of the 28 note embeds of a real vault shown as links.)
#[test]
fn a_page_embed_alone_on_its_line_is_transcluded() {
    let out =
        r("Avant.\n![[A#Un]]\n![[B]]\nAprès.\n\n> Citée.\n> ![[C]]\n\nEn ligne ![[D]] ici.\n");
    let kinds: Vec<_> = out
        .links
        .iter()
        .map(|l| (l.kind, l.target.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (LinkKind::Embed, "A"),
            (LinkKind::Embed, "B"),
            (LinkKind::Embed, "C"),
            (LinkKind::Wiki, "D")
        ]
    );
    let html = out.html.replace(EMBED, "E").replace(SEP, "|");
    assert!(
        html.starts_with(
            "<p>Avant.</p>\nE0|E1|\n<p>Après.</p>\n<blockquote>\n<p>Citée.</p>\nE2|\n</blockquote>\n<p>En ligne "
        ),
        "{html}"
    );
}

/// Obsidian's inline footnote `^[…]` is a footnote, whose links work (was:
/// printed as text). A `[[#Titre]]` link is no `#tag` (was: one, anywhere).
#[test]
fn inline_footnotes_are_footnotes() {
    let kinds = |out: &Rendered| -> Vec<(LinkKind, String)> {
        out.links
            .iter()
            .map(|l| (l.kind, l.target.clone()))
            .collect()
    };
    let out = r("Un texte^[Voir [[#Plus bas]].] ici.\n\n## Plus bas\n");
    assert_eq!(kinds(&out), [(LinkKind::Wiki, String::new())]);
    assert!(
        out.html.contains("<sup class=\"footnote-ref\">") && !out.html.contains("^["),
        "{}",
        out.html
    );
    // The label `#Plus bas` the link shows instead is no tag (was: `#Plus`).
    let out = r("Voir [[#Plus bas]] et #vraie.\n");
    assert_eq!(
        kinds(&out),
        [
            (LinkKind::Wiki, String::new()),
            (LinkKind::Tag, "vraie".into())
        ]
    );
}

#[test]
fn long_context_is_cut() {
    let long = "mot ".repeat(200);
    let out = r(&format!("{long}[[X]] {long}\n"));
    let c = &out.links[0].context;
    assert!(
        c.starts_with('…') && c.ends_with('…') && c.contains('X'),
        "{c}"
    );
    assert!(c.chars().count() < 400);
}

#[test]
fn wikilinks_in_code_and_escaped_pipes_in_tables() {
    let out = r(
        "`[[Pas un lien]]`\n\n```\n[[Pas non plus]]\n```\n\n| a | b |\n|---|---|\n| [[Cible\\|libellé]] | x |\n",
    );
    assert_eq!(out.links.len(), 1, "{:?}", out.links);
    assert_eq!(out.links[0].target, "Cible");
    assert!(out.html.contains("[[Pas un lien]]"));
    assert!(out.html.contains("libellé"), "{}", out.html);
}

#[test]
fn toc_macro() {
    let out = r("[[toc]]\n\n## Un\n\n### Deux\n\nTexte avec [[toc]] dedans.\n");
    assert!(
        out.html.starts_with(
            "<nav class=\"toc-inline\"><ul><li class=\"toc-l2\"><a href=\"#un\">Un</a>"
        ),
        "{}",
        out.html
    );
    assert_eq!(
        out.links.len(),
        1,
        "inside a sentence it is an ordinary link"
    );
}

#[test]
fn literal_asset_markers_in_text_stay_text() {
    let out =
        r("Le texte playbook-asset:0 et src=\"playbook-asset:0\" restent du texte. ![i](a.png)\n");
    assert!(
        out.html.contains("Le texte playbook-asset:0"),
        "{}",
        out.html
    );
    assert!(
        out.html.contains("src=&quot;playbook-asset:0&quot;"),
        "{}",
        out.html
    );
}

#[test]
fn many_identical_headings_stay_linear() {
    let md = "## Même titre\n\n".repeat(20_000) + "## Même titre 1\n";
    let start = std::time::Instant::now();
    let out = r(&md);
    assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    let ids: std::collections::HashSet<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids.len(), 20_001, "every id is unique");
    assert_eq!(out.headings[1].id, "meme-titre-1");
    assert_eq!(
        out.headings[20_000].id, "meme-titre-1-1",
        "a natural id that was taken gets its own suffix"
    );
}

#[test]
fn task_lists_and_footnotes_are_accessible_in_french() {
    let out = r("- [x] fait\n- [ ] à faire\n\nTexte[^1].\n\n[^1]: Note.\n");
    assert!(
        out.html
            .contains("aria-hidden=\"true\" /><span class=\"visually-hidden\">Fait : </span> fait"),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains("<span class=\"visually-hidden\">À faire : </span> à faire"),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains("aria-label=\"Retour à l’appel de note 1\""),
        "{}",
        out.html
    );
    let en = render(
        "- [ ] x\n",
        0,
        MarkdownOptions {
            unsafe_html: false,
            english: true,
        },
    );
    assert!(en.html.contains("To do: "));
}

#[test]
fn a_question_inside_french_quotes_ends_no_sentence() {
    // Was: "» posée dans la rubrique Intelligence collective, …": the `?`
    // inside « » was taken for the end of the sentence.
    let out = r(
        "Premier point. Cette étape répond à la question « collaboration, jusqu'où ? » posée dans la rubrique [[Intelligence collective]], et à d'autres. Fin.\n",
    );
    assert_eq!(
        out.links[0].context,
        "Cette étape répond à la question « collaboration, jusqu'où ? » posée dans la rubrique Intelligence collective, et à d'autres."
    );
}

#[test]
fn sentences_end_after_closing_quotes_and_not_before_lower_case() {
    use crate::markdown::sentence_around;
    let at = |text: &str, word: &str| {
        let s = text.find(word).unwrap();
        sentence_around(text, s, s + word.len())
    };
    // A sentence ending inside quotes ends after them.
    assert_eq!(
        at("Elle a dit « C'est fini. » Puis elle cite X ici. Fin.", "X"),
        "Puis elle cite X ici."
    );
    assert_eq!(
        at("Il a dit \"C'est fini.\" Puis il cite X. Fin.", "X"),
        "Puis il cite X."
    );
    // Not before a word in lower case (`etc.`, `p. ex.`).
    assert_eq!(
        at("Avant. Des outils, etc. et aussi X. Après.", "X"),
        "Des outils, etc. et aussi X."
    );
    // Unpaired quotes are ignored rather than swallowing every end.
    assert_eq!(
        at("Il dit « bonjour. Puis X arrive. Fin.", "X"),
        "Puis X arrive."
    );
    // « ? » then a capital: the quote closes a question, the sentence ends.
    assert_eq!(
        at("On demande « pourquoi ? » Ensuite X répond. Fin.", "X"),
        "Ensuite X répond."
    );
    // French spacing before ! and ?, and ?! runs.
    assert_eq!(at("Quoi ?! Voici X ! Et après.", "X"), "Voici X !");
}

#[test]
fn a_long_sentence_is_cut_at_spaces() {
    use crate::markdown::sentence_around;
    // Words of 10 letters: a cut 150 bytes from the link falls inside one.
    let text = format!("{}X{}", "abcdefghij ".repeat(60), " klmnopqrst".repeat(60));
    let s = text.find('X').unwrap();
    let c = sentence_around(&text, s, s + 1);
    assert!(c.starts_with("…abcdefghij "), "{c}");
    assert!(c.ends_with(" klmnopqrst…"), "{c}");
    assert!(c.chars().count() < 320, "{}", c.chars().count());
}

#[test]
fn task_items_are_recorded_and_anchored_on_their_list_item() {
    let out =
        r("Intro\n\n- [ ] Tester la pause @Célia 📅 2025-03-31\n- [x] Fait\n- pas une tâche\n");
    let tasks: Vec<(usize, bool, &str)> = out
        .tasks
        .iter()
        .map(|t| (t.line, t.done, t.text.as_str()))
        .collect();
    assert_eq!(
        tasks,
        vec![
            (3, false, "Tester la pause @Célia 📅 2025-03-31"),
            (4, true, "Fait")
        ]
    );
    assert!(
        out.html
            .contains("<li class=\"task-list-item\" id=\"action-3\">"),
        "{}",
        out.html
    );
    assert!(
        out.html
            .contains("<li class=\"task-list-item\" id=\"action-4\">")
    );
    assert!(!out.html.contains(super::ACTION_MARK));
}

#[test]
fn marks_are_found_by_their_lead_byte() {
    let marks = [OPEN, CLOSE, EMBED];
    // U+E010 and U+EFFF share the lead byte 0xEE but are not marks.
    let s = format!("é\u{E010}x\u{EFFF}{SEP}ü{CLOSE}1{OPEN}");
    assert_eq!(find_mark(&s, &marks), Some((s.find(CLOSE).unwrap(), CLOSE)));
    assert_eq!(find_mark("plain \u{E010} text", &marks), None);
    assert!(holds_mark(&s, &[SEP]));
    assert_eq!(
        sanitize(&format!("a{BLOCK_MARK}b{OPEN}")),
        "a\u{FFFD}b\u{FFFD}"
    );
}
