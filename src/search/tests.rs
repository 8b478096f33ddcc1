use super::analyze::*;
use super::*;

fn stem_of(word: &str) -> String {
    let w = index_words(word);
    assert_eq!(w.len(), 1, "{word}: {w:?}");
    w[0].1.clone()
}

#[test]
fn folding_accents_and_ligatures() {
    assert_eq!(fold("coopération"), "cooperation");
    assert_eq!(fold("équipe"), "equipe");
    assert_eq!(fold("cœur"), "coeur");
    assert_eq!(fold("æquo"), "aequo");
    assert_eq!(fold("naïve"), "naive");
    assert_eq!(fold("straße"), "strasse");
    assert_eq!(fold("łódź"), "lodz");
    // Upper case and decomposed input give the same words.
    assert_eq!(query_words("COOPÉRATION Équipe"), ["cooperation", "equipe"]);
    assert_eq!(
        query_words("coope\u{301}ration"),
        query_words("coopération")
    );
}

#[test]
fn elisions_with_both_apostrophes() {
    for text in ["l'intercommunalité", "l’intercommunalité"] {
        assert_eq!(query_words(text), ["intercommunalite"], "{text}");
    }
    assert_eq!(query_words("d'agents d’agents"), ["agents", "agents"]);
    // `qu'` is elided and `on` is a stop word: nothing is left.
    assert_eq!(query_words("qu'on qu’on"), Vec::<String>::new());
    assert_eq!(
        query_words("jusqu'au lorsqu'il puisqu'elle"),
        Vec::<String>::new()
    );
    // Not an article: kept.
    assert_eq!(query_words("aujourd'hui"), ["aujourd", "hui"]);
    // An apostrophe at the end elides nothing.
    assert_eq!(query_words("l'"), Vec::<String>::new());
}

#[test]
fn stemming_joins_word_families() {
    let s = stem_of("coopération");
    assert_eq!(s, "cooper");
    for w in [
        "coopérer",
        "coopératif",
        "coopérative",
        "coopérations",
        "cooperation",
    ] {
        assert_eq!(stem_of(w), s, "{w}");
    }
    // Stem first, then fold.
    assert_eq!(stem_of("économiques"), "econom");
    assert_eq!(stem_of("chevaux"), "cheval");
    assert_eq!(stem_of("évaluation"), stem_of("évaluer"));
    assert_eq!(stem_of("collectivités"), stem_of("collectivité"));
}

#[test]
fn stop_words_and_short_words_are_dropped() {
    assert_eq!(
        query_words("le la les un une des du de à où été être"),
        ["etre"]
    );
    assert_eq!(query_words("a b c 7"), Vec::<String>::new());
    // `là` folds to the stop word `la`.
    assert_eq!(query_words("Il est là"), Vec::<String>::new());
}

#[test]
fn the_word_list_analyses_without_surprise() {
    let list = include_str!("../../tests/fixtures/search/mots.txt");
    let mut seen = 0;
    for line in list.lines().filter(|l| !l.starts_with('#')) {
        let words = query_words(line);
        let indexed = index_words(line);
        // The browser's words are exactly the index's words.
        assert_eq!(
            words,
            indexed.iter().map(|(w, _)| w.clone()).collect::<Vec<_>>(),
            "{line}"
        );
        for (w, s) in &indexed {
            assert!(
                w.is_ascii() || !w.chars().any(|c| "àâäéèêëîïôöùûüçœæ".contains(c)),
                "{w}"
            );
            assert!(!s.is_empty(), "{line}: empty stem of {w}");
        }
        seen += words.len();
    }
    assert!(seen > 100, "{seen}");
}

#[test]
fn sections_follow_headings() {
    let html = "<p>Intro &amp; <em>co</em>op \u{E000}0\u{E001}lien\u{E002}0\u{E001} fin</p>\n\
                <h2 id=\"a-b\">Titre <code>x</code></h2>\n<ul><li>un</li><li>deux</li></ul>\
                <h3 id=\"c\">C&#39;est</h3><p>trois&nbsp;quatre</p><script>alert(1)</script>";
    let s = sections(html);
    assert_eq!(s.len(), 3);
    assert_eq!(s[0].anchor, "");
    assert_eq!(s[0].text, "Intro & coop lien fin");
    assert_eq!(s[1].anchor, "a-b");
    assert_eq!(s[1].heading, "Titre x");
    assert_eq!(s[1].text, "un deux");
    assert_eq!(s[2].heading, "C'est");
    assert_eq!(s[2].text, "trois quatre");
}

#[test]
fn postings_round_trip() {
    let list = vec![(0, 10.0), (3, 63.0), (40, 0.01), (100_000, 20.0)];
    let enc = encode_postings(&list, 1.0);
    assert!(enc.bytes().all(|b| B64.contains(&b)));
    assert_eq!(
        decode_postings(&enc),
        vec![(0, 10), (3, 63), (40, 1), (100_000, 20)]
    );
}

#[test]
fn keys_split_large_groups_only() {
    let big = SHARD_BYTES;
    let items = vec![("ab", 10), ("abc", big), ("abd", big), ("b", 10)];
    let mut out = vec![];
    split_keys(&items, 0, "", &mut out);
    let keys: Vec<&str> = out.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys, ["ab", "abc", "abd", "b"]);
    let small = vec![("ab", 10), ("b", 10)];
    let mut out = vec![];
    split_keys(&small, 0, "", &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].0, "");
}

#[test]
fn json_cannot_close_a_script() {
    let s = json(&["</script><script>alert(1)</script>", "a&b", "\u{2028}"]);
    assert!(
        !s.contains('<') && !s.contains('&') && !s.contains('\u{2028}'),
        "{s}"
    );
    let back: Vec<String> = serde_json::from_str(&s).unwrap();
    assert_eq!(back[0], "</script><script>alert(1)</script>");
}
