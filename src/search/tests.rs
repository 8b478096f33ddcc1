use super::analyze::*;
use super::score::{B64, Encoded, encode_postings, ration_records};
use super::sections::PLACEHOLDER_LEAD;
use super::shard::split_keys;
use super::write::json;
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

#[test]
fn document_rows_are_the_json_serde_would_write_escaped_for_html() {
    let tricky = [
        "",
        "plain",
        "quote \" backslash \\ slash /",
        "<script>&amp;</script>",
        "line\nfeed\r\ttab\u{8}\u{c}\u{1}\u{1f}\u{7f}",
        "sep\u{2028}par\u{2029}end \u{2026}\u{2019}\u{20ac}",
        "\u{E2}\u{80}",
        "accents: coopération, œuvre, ÉQUIPE",
        "l’équipe<\u{2028}’&\u{2029}\u{2029}>’",
    ];
    for a in tricky {
        for b in tricky {
            let row = [a, b, "x"];
            assert_eq!(json(&row), serde_escaped_for_html(&row), "{row:?}");
        }
    }
}

/// What the index's JSON must be: serde_json's, then `<`, `>`, `&` and the
/// line separators escaped.
fn serde_escaped_for_html(v: &[&str]) -> String {
    let mut out = String::new();
    for c in serde_json::to_string(v).expect("strings serialise").chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[test]
fn link_placeholders_start_with_the_byte_the_scan_looks_for() {
    use crate::markdown::{CLOSE, OPEN, SEP};
    for c in [OPEN, CLOSE, SEP] {
        assert_eq!(c.encode_utf8(&mut [0; 4]).as_bytes()[0], PLACEHOLDER_LEAD);
    }
}

#[test]
fn the_nfc_fast_path_only_passes_text_that_is_nfc() {
    use unicode_normalization::char::canonical_combining_class;
    use unicode_normalization::{IsNormalized, is_nfc_quick};
    // Every character the fast path accepts is NFC alone, with class 0.
    let accepted = (0..0x300u32)
        .chain(0x2002..=0x203F)
        .filter_map(char::from_u32);
    for c in accepted {
        assert!(surely_nfc(c.encode_utf8(&mut [0; 4]).as_bytes()), "{c:?}");
        assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        assert_eq!(canonical_combining_class(c), 0, "{c:?}");
    }
    // Its neighbours, and characters that are not NFC, are left to the full check.
    for c in [
        '\u{300}', '\u{2000}', '\u{2001}', '\u{2040}', '\u{212B}', '\u{FB01}',
    ] {
        assert!(!surely_nfc(c.encode_utf8(&mut [0; 4]).as_bytes()), "{c:?}");
    }
    // Long text: the chunked scan finds a mark anywhere.
    let long = format!("{}e\u{301}{}", "a".repeat(100), "b’".repeat(50));
    assert!(!surely_nfc(long.as_bytes()));
    assert_eq!(nfc(&long), long.replace("e\u{301}", "é"));
    assert!(surely_nfc(
        "L’équipe « coopère » — ça marche…".repeat(10).as_bytes()
    ));
}

#[test]
fn the_index_is_the_same_whatever_the_threads() {
    let site = example_site();
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| build(&site))
    };
    let (one, three) = (on(1), on(3));
    assert!(one.docs > 50 && one.files.len() > 3, "{} docs", one.docs);
    assert_same_files(&one, &three, "between 1 and 3 threads");
}

/// Both indexes have the same files, with the same bytes.
fn assert_same_files(one: &SearchIndex, other: &SearchIndex, how: &str) {
    assert_eq!(one.files.len(), other.files.len(), "{how}");
    for ((a, x), (b, y)) in one.files.iter().zip(&other.files) {
        assert_eq!(a, b);
        assert!(x == y, "{a} differs {how}");
    }
}

#[test]
fn scoring_a_range_of_stems_at_a_time_gives_the_same_bytes() {
    let site = example_site();
    let whole = build(&site);
    assert!(whole.postings > 4000, "{} postings", whole.postings);
    // Ranges of a hundred postings (some stem's are more than that), and
    // one stem at a time.
    for pass in [100, 1] {
        let ranged = build_in_passes(&site, None, pass).expect("an index");
        assert_eq!(ranged.postings, whole.postings);
        let how = format!("when scored {pass} postings at a time");
        assert_same_files(&ranged, &whole, &how);
    }
}

#[test]
fn ranges_of_stems_hold_at_most_a_pass_unless_one_stem_is_more() {
    assert_eq!(
        score::ranges(&[3, 2, 4, 1, 9, 1], 5),
        [0..2, 2..4, 4..5, 5..6]
    );
    assert_eq!(score::ranges(&[3, 2, 4], 100), vec![0..3]);
    assert_eq!(score::ranges(&[], 5), vec![0..0]);
}

#[test]
fn an_index_given_up_is_not_finished() {
    let site = example_site();
    let stopped = Control::default();
    stopped.stop();
    assert!(build_under(&site, Some(&stopped)).is_none());
    let kept = build_under(&site, Some(&Control::default())).expect("an index");
    assert_eq!(kept.files, build(&site).files);
}

#[test]
fn a_paused_index_waits_and_can_be_stopped_while_waiting() {
    let site = example_site();
    let control = Control::default();
    control.pause();
    std::thread::scope(|s| {
        let index = s.spawn(|| build_under(&site, Some(&control)));
        std::thread::sleep(std::time::Duration::from_millis(200));
        assert!(!index.is_finished(), "a paused index waits");
        control.resume();
        let built = index.join().expect("the index thread");
        assert_eq!(built.expect("an index").files, build(&site).files);
    });
    control.pause();
    std::thread::scope(|s| {
        let index = s.spawn(|| build_under(&site, Some(&control)));
        std::thread::sleep(std::time::Duration::from_millis(50));
        control.stop();
        assert!(index.join().expect("the index thread").is_none());
    });
}

#[test]
fn an_index_held_to_one_worker_goes_on_once_drained() {
    let site = example_site();
    let control = Control::default();
    control.hold_from(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .expect("a pool");
    std::thread::scope(|s| {
        let index = s.spawn(|| pool.install(|| build_under(&site, Some(&control))));
        std::thread::sleep(std::time::Duration::from_millis(100));
        control.drain();
        let built = index.join().expect("the index thread");
        assert_eq!(built.expect("an index").files, build(&site).files);
    });
    // Held workers give up when the build stops.
    control.hold_from(1);
    std::thread::scope(|s| {
        let index = s.spawn(|| pool.install(|| build_under(&site, Some(&control))));
        control.stop();
        assert!(index.join().expect("the index thread").is_none());
    });
}

#[test]
fn records_go_to_the_most_frequent_words_and_at_most_double_the_index() {
    let site = example_site();
    let index = build(&site);
    let (mut records, mut rest) = (0, 0);
    // Stem → (postings length, whether its term file holds its records).
    let mut stems: Vec<(usize, bool)> = vec![];
    for (name, bytes) in &index.files {
        let text = std::str::from_utf8(bytes).expect("UTF-8");
        let Some(tail) = name.strip_prefix(DIR).filter(|n| n.starts_with('t')) else {
            rest += bytes.len();
            continue;
        };
        let json = &text[text.find("]=").expect("an assignment") + 2..text.len() - 2];
        let data: serde_json::Value = serde_json::from_str(json).expect(tail);
        let r = data.get("r").map_or(0, |r| r.to_string().len());
        records += r;
        rest += bytes.len() - r;
        let held: Vec<u64> = data["r"]["i"]
            .as_array()
            .map(|i| i.iter().filter_map(serde_json::Value::as_u64).collect())
            .unwrap_or_default();
        for postings in data["p"].as_object().expect("postings").values() {
            let list = decode_postings(postings.as_str().expect("a string"));
            let has = list.iter().all(|(d, _)| held.contains(&u64::from(*d)))
                || list.len() > RECORDS && !held.is_empty();
            stems.push((list.len(), has));
        }
    }
    assert!(records > 0, "some words carry records");
    assert!(
        records <= rest,
        "records weigh {records} bytes, the rest of the index {rest}"
    );
    // The most frequent words carry theirs; the rarest do not.
    stems.sort_by_key(|&(len, _)| std::cmp::Reverse(len));
    assert!(
        stems[..20].iter().all(|&(_, has)| has),
        "{:?}",
        &stems[..20]
    );
    assert!(stems.iter().rev().take(20).all(|&(_, has)| !has));
}

#[test]
fn records_among_equally_frequent_words_go_by_name_not_by_stem_id() {
    // Three stems as long as each other, records of 100 bytes each, room
    // for two: the first two by name, whatever ids threads gave them.
    let chosen = |names: [&'static str; 3]| -> Vec<&'static str> {
        let stems: Vec<String> = names.iter().map(ToString::to_string).collect();
        let mut encoded: Vec<Encoded> = (0..3)
            .map(|d| Encoded {
                text: "BB".into(),
                cut: None,
                top: vec![d],
            })
            .collect();
        ration_records(&mut encoded, &stems, &[100; 3], 250);
        let mut kept: Vec<&str> = (0..3)
            .filter(|&i| !encoded[i].top.is_empty())
            .map(|i| names[i])
            .collect();
        kept.sort_unstable();
        kept
    };
    assert_eq!(chosen(["aa", "bb", "cc"]), ["aa", "bb"]);
    assert_eq!(chosen(["cc", "bb", "aa"]), ["aa", "bb"]);
    assert_eq!(chosen(["bb", "cc", "aa"]), ["aa", "bb"]);
}

#[test]
fn a_hold_asked_for_after_the_drain_holds_no_worker() {
    // The build drains once its pages are written; on a loaded machine
    // the index thread can start (and ask for its hold) after that. No
    // one would lift such a hold: the build hung, waiting for the index.
    let site = example_site();
    let control = Control::default();
    control.drain();
    control.hold_from(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .expect("a pool");
    std::thread::scope(|s| {
        let index = s.spawn(|| pool.install(|| build_under(&site, Some(&control))));
        let start = std::time::Instant::now();
        while !index.is_finished() && start.elapsed() < std::time::Duration::from_secs(20) {
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let finished = index.is_finished();
        // (Let a held index go, so that the test ends either way.)
        control.stop();
        assert!(finished, "the index finishes with no one to lift a hold");
        let built = index.join().expect("the index thread");
        assert_eq!(built.expect("an index").files, build(&site).files);
    });
}

/// The bundled example playbook, compiled.
fn example_site() -> Site {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let config = crate::build::read_config(root).expect("the example's playbook.toml");
    crate::build::compile(root, config, false).site
}
