//! Search (issue 6): the index a build writes, and the agreement of the
//! build's analysis (Rust) with the browser's (`assets/search.js`, joined by
//! build.rs from `themes/default/js/search/`, run in Node).

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use playbook::search::analyze::{index_words, query_words};

use crate::util::{Site, repo_root};

const WORDS: &str = include_str!("../fixtures/search/mots.txt");

fn lines() -> impl Iterator<Item = &'static str> {
    WORDS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
}

#[test]
fn the_browser_analyses_the_word_list_exactly_like_the_build() {
    let site = Site::new();
    let body: String = lines().map(|l| format!("{l}\n\n")).collect();
    site.file(
        "content/mots.md",
        format!("---\ntitle: coopération\n---\n\n{body}"),
    );
    site.build_ok(&[]);
    // What the build knows: every folded word of the list and its stems.
    let mut vocab: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in lines().chain(["coopération"]) {
        for (w, s) in index_words(line) {
            vocab.entry(w).or_default().insert(s);
        }
    }
    let list = repo_root().join("tests/fixtures/search/mots.txt");
    let out = Command::new("node")
        .arg(repo_root().join("tests/testsuite/search_agree.mjs"))
        .arg(site.path().join("public"))
        .arg(&list)
        .output()
        .expect("node (Node.js) must be installed: scripts/test.sh installs it");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let js: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rust: Vec<&str> = lines().collect();
    assert_eq!(js.len(), rust.len());
    let mut compared = 0;
    for (line, j) in rust.iter().zip(&js) {
        assert_eq!(j["line"], *line);
        let words = query_words(line);
        let js_words: Vec<String> = serde_json::from_value(j["words"].clone()).unwrap();
        assert_eq!(js_words, words, "words of {line:?}");
        let js_stems: Vec<Vec<String>> = serde_json::from_value(j["stems"].clone()).unwrap();
        for (w, stems) in words.iter().zip(js_stems) {
            let expected: Vec<String> = vocab[w].iter().cloned().collect();
            assert_eq!(stems, expected, "stems of {w:?} in {line:?}");
            compared += 1;
        }
    }
    assert!(compared > 100, "{compared}");
}

#[test]
fn the_index_is_written_as_scripts_with_relative_documents() {
    let site = Site::example();
    site.build_ok(&[]);
    let manifest = site.read("public/recherche/index/manifest.js");
    assert!(
        manifest
            .starts_with("(self.playbookSearchData=self.playbookSearchData||{})[\"manifest\"]={")
    );
    assert!(site.exists("public/recherche/index/t0.js"));
    assert!(site.exists("public/recherche/index/d0.js"));
    assert!(site.exists("public/recherche/index.html"));
    let d0 = site.read("public/recherche/index/d0.js");
    // Document addresses are from the site root, never absolute.
    assert!(!d0.contains("\"/") && !d0.contains("http"), "{d0}");
    // Every page has the box, the deferred script and relative paths.
    let page = site.read("public/guide/commencer-petit/index.html");
    let search = page
        .split("<script src=\"")
        .map(|tag| tag.split('"').next().unwrap())
        .find(|src| src.contains("search"))
        .expect("the search script");
    assert_eq!(
        crate::util::plain_asset_name(search.strip_prefix("../../").unwrap()).as_deref(),
        Some("assets/search.js"),
        "{search}"
    );
    assert!(site.exists(&format!("public/{}", &search["../../".len()..])));
    assert!(page.contains("action=\"../../recherche/\""));
    assert!(page.contains("role=\"search\""));
}

#[test]
fn url_style_file_documents_name_their_file() {
    let site = Site::example();
    let cfg = std::fs::read_to_string(site.path().join("playbook.toml")).unwrap_or_default();
    site.file("playbook.toml", format!("url_style = \"file\"\n{cfg}"));
    site.build_ok(&[]);
    let docs: String = (0..3)
        .map(|i| site.read(&format!("public/recherche/index/d{i}.js")))
        .collect();
    assert!(docs.contains("/index.html\""), "{docs}");
    let page = site.read("public/guide/commencer-petit/index.html");
    assert!(page.contains("action=\"../../recherche/index.html\""));
}

#[test]
fn search_can_be_turned_off() {
    let site = Site::example();
    let cfg = std::fs::read_to_string(site.path().join("playbook.toml")).unwrap_or_default();
    site.file(
        "playbook.toml",
        format!("{cfg}\n[search]\nenabled = false\n"),
    );
    site.build_ok(&[]);
    assert!(!site.exists("public/recherche"));
    let page = site.read("public/guide/commencer-petit/index.html");
    assert!(!page.contains("search.js") && !page.contains("role=\"search\""));
}

#[test]
fn a_folder_named_recherche_is_refused() {
    let site = Site::new();
    site.file("content/recherche/x.md", "# X\n");
    let o = site.build(&[]);
    assert_eq!(o.code, 1, "{}", o.stderr);
    assert!(o.stderr.contains("recherche/"), "{}", o.stderr);
}

#[test]
fn hostile_text_cannot_close_the_index_script() {
    let site = Site::new();
    site.file(
        "content/piege.md",
        "---\ntitle: \"</script><script>alert(1)</script>\"\n---\n\n</script><img src=x onerror=alert(2)> \u{2028} fin\n",
    );
    site.build_ok(&[]);
    let dir = site.path().join("public/recherche/index");
    for e in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(
            !text.contains("</") && !text.contains('<') && !text.contains('\u{2028}'),
            "{text}"
        );
    }
}

/// A page of `n` sections, each headed "Coopération k" (the fixture of the
/// cut-list tests here and in tests/browser/suites/search.mjs).
fn page_of_sections(n: usize) -> String {
    let mut md = String::from("---\ntitle: Grande page\n---\n\nIntroduction.\n");
    for k in 1..=n {
        md.push_str(&format!("\n## Coopération {k}\n\nSection numéro {k}.\n"));
    }
    md
}

/// The `c` member of the term shard holding `stem`'s postings, if any.
fn cut_of(site: &Site, stem: &str) -> Option<String> {
    let dir = site.path().join("public/recherche/index");
    let key = format!("\"{stem}\":\"");
    let shard = std::fs::read_dir(&dir)
        .expect("the index folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with('t'))
        .map(|e| std::fs::read_to_string(e.path()).expect("a shard"))
        .find(|text| text.contains(&key))
        .unwrap_or_else(|| panic!("no shard holds the postings of {stem}"));
    let at = shard.find(",\"c\":{")?;
    let end = shard[at..].find('}').expect("the end of c") + at;
    Some(shard[at + 6..end].to_string())
}

#[test]
fn a_list_cut_to_its_best_documents_ships_its_full_length() {
    let site = Site::new();
    let limit = playbook::search::MAX_POSTINGS;
    site.file("content/grande.md", page_of_sections(limit + 1));
    site.file(
        "content/petite.md",
        "# Petite\n\nUne coopération, une section.\n",
    );
    site.build_ok(&[]);
    let c = cut_of(&site, "cooper").expect("a `c` member in the shard of cooper");
    assert!(c.contains(&format!("\"cooper\":{}", limit + 2)), "{c}");
    // A list under the limit is not marked.
    let c = cut_of(&site, "introduct");
    assert!(
        !c.as_ref().is_some_and(|c| c.contains("introduct")),
        "{c:?}"
    );

    // At the limit exactly, nothing is cut.
    let site = Site::new();
    site.file("content/grande.md", page_of_sections(limit));
    site.build_ok(&[]);
    let c = cut_of(&site, "cooper");
    assert!(!c.as_ref().is_some_and(|c| c.contains("cooper")), "{c:?}");
}
