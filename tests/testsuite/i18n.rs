//! Every word a reader or an editor sees is in the site's language (issue
//! 16): the pages of the French example and the serve overlay hold no
//! English word of the theme strings, callout titles or message catalogue;
//! the command line speaks French by default and English when the site (or,
//! outside a site, the locale) asks for it; front-matter faults are said in
//! French at their line.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast;

use crate::util::{Events, Site, http, repo_root};

/// The English texts a French page must not show: theme strings and
/// callout titles that differ from their French, and the literal parts of
/// the English catalogue (two words or more) that the French catalogue does
/// not share.
fn english_words() -> BTreeSet<String> {
    let fr = playbook::i18n::strings("fr");
    let mut out: BTreeSet<String> = playbook::i18n::strings("en")
        .into_iter()
        .filter(|(k, en)| fr[k] != *en && en.len() >= 4 && !en.contains('{'))
        .map(|(_, en)| en.to_string())
        .collect();
    for kind in [
        "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "success", "check",
        "done", "help", "faq", "warning", "caution", "failure", "fail", "missing", "error", "bug",
        "example", "quote", "cite", "details",
    ] {
        let (_, en) = playbook::i18n::callout(kind, true);
        let (_, fr) = playbook::i18n::callout(kind, false);
        if en != fr {
            out.insert(en);
        }
    }
    // English UI words that are also plain French words.
    out.remove("Comment");
    let fr_texts = catalogue_texts("fr");
    out.extend(
        catalogue_texts("en").into_iter().filter(|t| {
            !fr_texts.contains(t) && t.split_whitespace().count() >= 2 && t.len() >= 10
        }),
    );
    out
}

/// The literal text fragments of one language's catalogue.
fn catalogue_texts(lang: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let dir = repo_root().join("locales").join(lang);
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let resource = fluent_syntax::parser::parse(text.as_str()).expect("catalogue parses");
        for e in resource.body {
            if let ast::Entry::Message(m) = e
                && let Some(p) = &m.value
            {
                pattern_texts(p, &mut out);
            }
        }
    }
    out
}

fn pattern_texts(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for e in &p.elements {
        match e {
            ast::PatternElement::TextElement { value } => {
                for part in value.split(['\n', '`', '(', ')', ':', ';']) {
                    let part = part.trim();
                    if !part.is_empty() {
                        out.insert(part.to_string());
                    }
                }
            }
            ast::PatternElement::Placeable {
                expression: ast::Expression::Select { variants, .. },
            } => {
                for v in variants {
                    pattern_texts(&v.value, out);
                }
            }
            ast::PatternElement::Placeable { .. } => {}
        }
    }
}

/// What a reader sees or hears of a page: its text outside scripts and
/// styles, and its `alt`, `title`, `aria-label` and `placeholder`
/// attributes.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        out.push(' ');
        rest = &rest[lt..];
        let end = rest.find('>').map_or(rest.len(), |i| i + 1);
        let tag = &rest[..end];
        for attr in ["alt=\"", "title=\"", "aria-label=\"", "placeholder=\""] {
            if let Some(i) = tag.find(attr) {
                let v = &tag[i + attr.len()..];
                out.push_str(&v[..v.find('"').unwrap_or(v.len())]);
                out.push(' ');
            }
        }
        rest = &rest[end..];
        for skip in ["script", "style"] {
            if tag.starts_with(&format!("<{skip}")) {
                let close = format!("</{skip}>");
                rest = rest.find(&close).map_or("", |i| &rest[i + close.len()..]);
            }
        }
    }
    out.push_str(rest);
    out.replace("&nbsp;", " ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The English words of `words` that `text` holds as whole words.
fn english_in(text: &str, words: &BTreeSet<String>) -> Vec<String> {
    let bound = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    words
        .iter()
        .filter(|w| {
            text.match_indices(w.as_str()).any(|(i, _)| {
                bound(text[..i].chars().next_back()) && bound(text[i + w.len()..].chars().next())
            })
        })
        .cloned()
        .collect()
}

#[test]
fn the_french_example_shows_no_english_word() {
    let words = english_words();
    assert!(words.contains("Tip") && words.contains("Skip to content"));
    assert!(words.contains("broken link"), "{words:?}");
    let site = Site::example();
    assert!(site.read("playbook.toml").contains("language = \"fr\""));
    site.build_ok(&[]);
    let mut pages = 0;
    let mut found = vec![];
    for entry in walkdir::WalkDir::new(site.path().join("public")) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        pages += 1;
        let text = visible_text(&std::fs::read_to_string(entry.path()).unwrap());
        for w in english_in(&text, &words) {
            found.push(format!("{}: {w}", entry.path().display()));
        }
    }
    assert!(pages > 20, "{pages} pages");
    assert_eq!(found, Vec::<String>::new());
}

/// The check has teeth: an English callout title and an English theme
/// string are found.
#[test]
fn english_words_are_found_when_there() {
    let words = english_words();
    let html = "<main><p class=\"callout-title\">Tip</p><a href=\"#c\">Skip to content</a>\
                <script>var Tip = 1;</script><p>Tipi, un lien cassé</p></main>";
    assert_eq!(
        english_in(&visible_text(html), &words),
        ["Skip to content", "Tip"]
    );
}

#[test]
fn the_serve_overlay_speaks_french() {
    let words = english_words();
    let site = Site::example();
    let served = site.serve();
    let port = served.port;
    let mut events = Events::connect(port);
    let page = "content/typologies/intensite-1-information.md";
    let path = site.path().join(page);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{page} missing: {:?}",
            std::fs::read_dir(site.path().join("content/typologies"))
                .unwrap()
                .count()
        )
    });
    // An unclosed `[` on the title line of a published page.
    let broken = text.replacen("title: ", "title: [", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, broken).unwrap();
    assert_eq!(events.next_event(), "reload");
    let (status, _, body) = http(port, "GET", "/");
    assert_eq!(status, 200);
    let html = String::from_utf8_lossy(&body);
    let start = html
        .find("id=\"playbook-error\"")
        .expect("the overlay is shown");
    let overlay = &html[start..];
    let overlay = visible_text(&overlay[..overlay.find("</div>").unwrap()]);
    assert!(
        overlay.contains("playbook : la dernière modification n’a pas pu être publiée")
            && overlay.contains(&format!("{page}:2:"))
            && overlay.contains("ouvert sur cette ligne n'est jamais fermé"),
        "{overlay}"
    );
    assert_eq!(
        english_in(&overlay, &words),
        Vec::<String>::new(),
        "{overlay}"
    );
}

fn run_in(dir: &Path, args: &[&str], lang: &str) -> (i32, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_playbook"))
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_command_line_speaks_the_sites_language() {
    let s = Site::new();
    s.file(
        "content/_index.md",
        "---\ntitle: Accueil\n---\nVoir [[Absente]].\n",
    )
    .file(
        "content/a.md",
        "---\ntitle: A\ndate: 2024-13-45\n---\nTexte.\n",
    );
    // French by default, whatever the locale: the site has no `language`.
    let (code, err) = run_in(s.path(), &["build"], "en_GB.UTF-8");
    assert_eq!(code, 0, "{err}");
    // (Not a git repository: a note says so first.)
    assert_eq!(
        err.lines().next().unwrap(),
        "note : le dossier content n'est pas dans un dépôt git : les crédits viennent seulement du front matter"
    );
    let err = err.lines().skip(1).collect::<Vec<_>>().join("\n");
    let first = err.lines().next().unwrap();
    assert_eq!(
        first,
        "content/a.md:3:1: avertissement : `date: 2024-13-45` n'est pas une date lisible : elle est ignorée"
    );
    assert_eq!(
        err.lines().nth(1).unwrap(),
        "  aide : écrivez `date: 2025-08-12` (année-mois-jour)"
    );
    assert!(
        err.lines()
            .last()
            .unwrap()
            .ends_with("ms (1 avertissement, 1 lien vers une page à créer)"),
        "{err}"
    );
    assert!(err.contains("pages construites ("), "{err}");
    // English when the site says so.
    s.file("playbook.toml", "language = \"en\"\n");
    let (code, err) = run_in(s.path(), &["build"], "fr_FR.UTF-8");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.lines().next().unwrap(),
        "note: the content folder is not in a git repository: credits come from the front matter alone"
    );
    let err = err.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(
        err.lines().next().unwrap(),
        "content/a.md:3:1: warning: `date: 2024-13-45` is not a date I can read; it is ignored"
    );
    assert!(
        err.lines().last().unwrap().starts_with("built ")
            && err
                .lines()
                .last()
                .unwrap()
                .ends_with("ms (1 warning, 1 link to pages to create)"),
        "{err}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_playbook"))
        .args(["check", "--format", "json"])
        .current_dir(s.path())
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["path"] == "content/a.md" && d["severity"] == "warning")
        .unwrap();
    assert_eq!(d["id"], "fm-bad-date");
    assert_eq!(
        d["message"],
        "`date: 2024-13-45` is not a date I can read; it is ignored"
    );
}

#[test]
fn outside_a_site_the_locale_decides() {
    let dir = tempfile::tempdir().unwrap();
    let (code, fr) = run_in(dir.path(), &["check"], "C");
    assert_eq!(code, 2);
    assert!(
        fr.starts_with(
            "erreur : pas de site playbook ici : ni `playbook.toml` ni dossier `content/`"
        ),
        "{fr}"
    );
    let (code, en) = run_in(dir.path(), &["build"], "en_US.UTF-8");
    assert_eq!(code, 2);
    assert!(
        en.starts_with(
            "error: no playbook site here: neither `playbook.toml` nor a `content/` folder"
        ),
        "{en}"
    );
    // init: no site yet, the locale's language.
    let (code, fr) = run_in(dir.path(), &["init", "--no-git", "nouveau"], "fr_FR.UTF-8");
    assert_eq!(code, 0, "{fr}");
    assert!(
        fr.starts_with("playbook créé (")
            && fr.contains("construisez-le avec `playbook build --root nouveau`"),
        "{fr}"
    );
    let (code, en) = run_in(dir.path(), &["init", "--no-git", "nouveau"], "en_GB.UTF-8");
    assert_eq!(code, 1);
    assert!(
        en.starts_with("error: `nouveau` is not empty (it holds `"),
        "{en}"
    );
    // Inside the new (French) site, French whatever the locale.
    let (code, fr) = run_in(
        &dir.path().join("nouveau"),
        &["new", "typology", "!!"],
        "en_GB.UTF-8",
    );
    assert_eq!(code, 2);
    assert_eq!(
        fr.trim_end(),
        "erreur : le titre `!!` n'a aucune lettre ni aucun chiffre pour en faire un nom de fichier"
    );
}

/// Front-matter faults through the real binary: French, at the line, with
/// the fix (`check`'s text output).
#[test]
fn front_matter_faults_in_check() {
    let s = Site::new();
    s.file("content/_index.md", "---\ntitle: Accueil\n---\n")
        .file(
            "content/a.md",
            "---\ntitle: Atelier\ntags: [a, b\nauthors: [x]\n---\nTexte.\n",
        )
        .file("content/b.md", "---\ntitle: Atelier : bilan\n---\nTexte.\n")
        .file(
            "content/c.md",
            "---\ntitle: Atelier\n\tdate: 2024-01-01\n---\nTexte.\n",
        );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_playbook"))
        .arg("check")
        .current_dir(s.path())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    insta::assert_snapshot!(text);
}
