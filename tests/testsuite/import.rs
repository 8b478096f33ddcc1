//! `playbook import`, `init` and `new` (issue 7): a workshop pad becomes a
//! minutes page with nothing lost and nothing turned into markup; a new
//! playbook starts in one command.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use playbook::frontmatter::{FrontMatter, split};
use playbook::markdown::{MarkdownOptions, render};
use playbook::pad::{parse_pad, to_markdown};

use crate::util::{BIN, Output, Site, main_of, repo_root};

fn fixtures_dir() -> PathBuf {
    repo_root().join("tests/fixtures/pads")
}

/// Every pad fixture, by file name.
fn fixtures() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 6, "the seed and at least five pads");
    out
}

/// Imports `pad` into a fresh site and returns the site and the written page.
fn import(pad: &[u8], args: &[&str]) -> (Site, Output, String) {
    let s = Site::new();
    s.file("content/_index.md", "Accueil").file("pad.txt", pad);
    let mut all = vec!["import", "pad.txt", "--date", "2025-01-15"];
    all.extend_from_slice(args);
    let o = s.run(&all);
    assert_eq!(o.code, 0, "import failed:\n{}", o.stderr);
    let rel = o.stdout.trim().to_string();
    assert!(rel.starts_with("content/ateliers/2025-01-15-"), "{rel}");
    (s, o, rel)
}

fn front_of(page: &str) -> FrontMatter {
    split(page, Path::new("page.md"))
        .unwrap_or_else(|e| panic!("{:?}\n{page}", e[0]))
        .front
}

/// The built HTML of an imported page (`content/ateliers/x.md`).
fn built_page(s: &Site, rel: &str) -> String {
    s.build_ok(&[]);
    let stem = Path::new(rel).file_stem().unwrap().to_string_lossy();
    s.read(&format!("public/ateliers/{stem}/index.html"))
}

/// Text of some HTML: tags removed, entities decoded, whitespace folded.
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    fold_ws(&unescape(&out))
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let name = &after[1..e];
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = match name.strip_prefix("#x").or(name.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => name.strip_prefix('#').and_then(|d| d.parse().ok()),
                    };
                    n.and_then(char::from_u32)
                }
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn fold_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The lines of a pad as its author sees them (UTF-8, BOM dropped, any line ending).
fn pad_lines(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8(bytes.to_vec()).expect("fixtures are UTF-8");
    let text = text.trim_start_matches('\u{feff}');
    text.split("\r\n")
        .flat_map(|l| l.split(['\n', '\r']))
        .map(fold_ws)
        .filter(|l| !l.is_empty())
        .collect()
}

/// What a line may look like once rendered: as typed, or without the
/// `**` of a bold span, or without the `#` marks of a heading, or without
/// its bullet (a list item).
fn shown_forms(line: &str) -> Vec<String> {
    let mut forms = vec![line.to_string(), fold_ws(&line.replace("**", ""))];
    if let Some(item) = ["- ", "* ", "• "].iter().find_map(|b| line.strip_prefix(b)) {
        forms.push(fold_ws(item));
        forms.push(fold_ws(&item.replace("**", "")));
    }
    let unhashed = line.trim_start_matches('#');
    if unhashed.len() < line.len() && unhashed.starts_with(' ') {
        forms.push(fold_ws(unhashed));
        forms.push(fold_ws(&unhashed.replace("**", "")));
    }
    forms
}

// Issue 7, point 1.
#[test]
fn the_seed_gives_structured_minutes() {
    let seed = std::fs::read(fixtures_dir().join("seed.txt")).unwrap();
    let shared = repo_root().join("../shared/seeds/000_ed2d19673e3b0f01.txt");
    if let Ok(original) = std::fs::read(&shared) {
        assert_eq!(
            seed, original,
            "tests/fixtures/pads/seed.txt is a copy of the seed"
        );
    }
    let (s, o, rel) = import(&seed, &[]);
    assert_eq!(
        rel,
        "content/ateliers/2025-01-15-comment-reussir-a-im-planter-le-collaboratif.md"
    );
    assert!(o.stderr.contains("3 rotations"), "{}", o.stderr);
    let f = front_of(&s.read(&rel));
    assert_eq!(f.kind, Some(playbook::frontmatter::PageKind::Minutes));
    assert_eq!(f.date.as_deref(), Some("2025-01-15"));
    assert_eq!(f.facilitators, ["Florence Mensah", "Anne Berlemont"]);
    let numbered: Vec<_> = f.rotations.iter().filter(|r| r.number.is_some()).collect();
    assert_eq!(numbered.len(), 3);
    let slots: Vec<(Option<i64>, &str, &str, &str)> = numbered
        .iter()
        .map(|r| {
            (
                r.number,
                r.title.as_str(),
                r.start.as_deref().unwrap(),
                r.end.as_deref().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        slots,
        [
            (Some(1), "ORIGINES & FINALITES", "14h35", "14h55"),
            (Some(2), "RESSOURCES", "14h55", "15h20"),
            (Some(3), "ACTIONS", "15h40", "16h05"),
        ]
    );
    let pause = f.rotations.iter().find(|r| r.is_break).expect("the break");
    assert_eq!(
        (pause.start.as_deref(), pause.end.as_deref()),
        (Some("15h20"), Some("15h40"))
    );
    assert_eq!(
        numbered[0].scribes,
        ["anne"],
        "`anne pour` is a phrase left unfinished"
    );
    assert_eq!(numbered[0].timekeepers, ["tous"]);
    assert_eq!(numbered[1].scribes, ["Célia"], "`??` is not a name");
    assert!(
        numbered[1].timekeepers.is_empty(),
        "a blank role is unknown"
    );
    assert_eq!(
        numbered[2].scribes,
        ["collaboratif"],
        "the smiley is not part of the name"
    );
    let weather = f.extra["weather"].as_array().unwrap();
    let entries: Vec<(&str, &str, &str)> = weather
        .iter()
        .map(|w| {
            (
                w["who"].as_str().unwrap(),
                w["weather"].as_str().unwrap(),
                w["comment"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            ("Emmanuel", "soleil", ""),
            (
                "Claire",
                "soleil avec un peu de nuages",
                "manque de transversalité"
            ),
            (
                "mairie de st ouen",
                "brouillard",
                "on en parle mais on sait pas comment faire"
            ),
            ("jm", "soleil avec un peu de nuages", ""),
        ]
    );
    // The site shows it.
    let html = built_page(&s, &rel);
    let main = main_of(&html);
    assert!(
        main.contains("Florence Mensah, Anne Berlemont"),
        "facilitators shown"
    );
    assert!(main.contains("14h35 – 14h55"), "time slots shown");
    assert!(main.contains("<strong>Florence Mensah et Anne Berlemont</strong>"));
}

// Issue 7, point 2.
#[test]
fn nothing_is_lost() {
    for (name, bytes) in fixtures() {
        let (s, _, rel) = import(&bytes, &[]);
        let html = built_page(&s, &rel);
        let text = text_of(main_of(&html));
        for line in pad_lines(&bytes) {
            assert!(
                shown_forms(&line).iter().any(|f| text.contains(f.as_str())),
                "{name}: line `{line}` is missing from the page:\n{text}"
            );
        }
    }
}

/// The body of a built page (the `<div class="prose">`).
fn prose(html: &str) -> &str {
    let open = "<div class=\"prose\">";
    let start = html.find(open).expect("a body") + open.len();
    let end = html[start..]
        .find("</div>")
        .map_or(html.len(), |e| start + e);
    &html[start..end]
}

// Issue 7, point 3.
#[test]
fn hostile_lines_stay_text() {
    let pad = std::fs::read(fixtures_dir().join("hostile.txt")).unwrap();
    let (s, _, rel) = import(&pad, &[]);
    let html = built_page(&s, &rel);
    let main = main_of(&html);
    assert!(!main.contains("<script"), "{main}");
    assert!(!main.contains("<img"), "{main}");
    assert!(!main.contains("<b>"), "{main}");
    assert_eq!(main.matches("<h1").count(), 1, "only the title");
    assert!(main.contains("&lt;b&gt;Titre&lt;/b&gt; {{ page.title }} [[Accueil]]</h1>"));
    let body = prose(&html);
    // The bulleted lines are a list, their text shown as typed.
    let items: Vec<&str> = body
        .split("<li>")
        .skip(1)
        .map(|i| &i[..i.find("</li>").unwrap()])
        .collect();
    assert_eq!(items, ["item", "item", "[ ] tâche"], "{body}");
    assert_eq!(body.matches("<ul>").count(), 2, "{body}");
    for tag in [
        "<h",
        "<ol",
        "<a ",
        "<table",
        "<blockquote",
        "<pre",
        "<code",
        "<em",
        "<strong",
        "<del",
        "<hr",
        "<div",
        "<input",
        "<sup",
        "<mark",
        "<ins",
    ] {
        assert!(!body.contains(tag), "`{tag}` in the body:\n{body}");
    }
    // Template syntax reaches the page untouched.
    for literal in [
        "{{ x }}",
        "{% x %}",
        "{# commentaire #}",
        "[[Accueil]]",
        "[a](javascript:alert(1))",
        "playbook-asset:0",
    ] {
        assert!(
            body.contains(literal),
            "`{literal}` not shown as typed:\n{body}"
        );
    }
    // Every line of the pad sits in its own paragraph, line or item.
    let lines = pad_lines(&pad).len() - 1; // the title is the <h1>
    let breaks =
        body.matches("<br").count() + body.matches("<p>").count() + body.matches("<li>").count();
    assert_eq!(breaks, lines, "{body}");
}

#[test]
fn bare_urls_and_bold_keep_their_meaning() {
    let pad = std::fs::read(fixtures_dir().join("hedgedoc-crlf-bom.txt")).unwrap();
    let (s, _, rel) = import(&pad, &[]);
    let page = s.read(&rel);
    let f = front_of(&page);
    assert_eq!(
        f.title.as_deref(),
        Some("Atelier « Coopérer entre directions » — 3 mars 2025 🌱")
    );
    assert_eq!(
        f.facilitators,
        ["Jeanne Dupont", "Karim Benali", "Lou Martin"]
    );
    assert_eq!(f.rotations.len(), 4);
    assert_eq!(f.rotations[1].timekeepers, Vec::<String>::new());
    assert!(f.rotations[2].is_break);
    let html = built_page(&s, &rel);
    let body = prose(&html);
    assert!(
        body.contains(
            "<a href=\"https://framadate.org/abc_def\">https://framadate.org/abc_def</a>"
        )
    );
    assert!(body.contains("<strong>Ce qui marche</strong>"));
    assert!(body.contains("*vraiment*"), "a single star stays a star");
}

#[test]
fn the_date_comes_from_the_flag_then_the_pad_then_today() {
    let s = Site::new();
    s.file("content/_index.md", "Accueil");
    s.file("pad.txt", "Atelier du 12 juin 2025\nune idée\n");
    let o = s.run(&["import", "pad.txt"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout.trim(), "content/ateliers/2025-06-12-atelier.md");
    assert!(!o.stderr.contains("--date"), "dated: {}", o.stderr);
    // Without a date: today, with a warning (see cli::an_undated_pad_is_a_warning).
    s.file("sans-date.txt", "Atelier\nune idée\n");
    let o = s.run(&["import", "sans-date.txt", "--to", "ailleurs"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let path = o.stdout.trim();
    assert!(
        path.starts_with("ailleurs/20") && path.ends_with("-atelier.md"),
        "{path}"
    );
    assert!(s.exists(path));
    assert!(o.stderr.contains("--date AAAA-MM-JJ"), "{}", o.stderr);
    let o = s.run(&["import", "sans-date.txt", "--date", "bientôt"]);
    assert_eq!(o.code, 2, "a bad flag is a usage error");
    assert!(o.stderr.contains("bientôt"), "{}", o.stderr);
}

#[test]
fn import_never_overwrites_without_force() {
    let (s, _, rel) = import(b"Atelier\nune idee\n", &[]);
    let before = s.read(&rel);
    s.file("pad.txt", "Atelier\nune autre idee\n");
    let o = s.run(&["import", "pad.txt", "--date", "2025-01-15"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains(&rel), "names the file: {}", o.stderr);
    assert!(o.stderr.contains("--force"), "{}", o.stderr);
    assert_eq!(s.read(&rel), before, "left untouched");
    let o = s.run(&["import", "pad.txt", "--date", "2025-01-15", "--force"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(s.read(&rel).contains("une autre idee"));
}

fn run_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

#[test]
fn import_errors_are_clear() {
    let s = Site::new();
    s.file("playbook.toml", "");
    let o = s.run(&["import", "absent.txt"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("impossible de lire `absent.txt` : fichier ou dossier introuvable"),
        "{}",
        o.stderr
    );
    s.file("vide.txt", "\u{feff}  \r\n\t\n");
    let o = s.run(&["import", "vide.txt"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr.contains("`vide.txt`") && o.stderr.contains("le pad est vide"),
        "{}",
        o.stderr
    );
    s.file("binaire.txt", b"\x7fELF\x02\x01\x01\0\0\0\0");
    let o = s.run(&["import", "binaire.txt"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("données binaires"), "{}", o.stderr);
    assert!(!s.exists("content/ateliers"), "nothing written");
    // Standard input, and a Latin-1 export.
    let o = run_with_stdin(
        s.path(),
        &["import", "-", "--date", "2025-02-01"],
        b"Caf\xE9 des coop\xE9rations\nid\xE9e\n",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("Windows-1252"), "{}", o.stderr);
    assert_eq!(
        o.stdout.trim(),
        "content/ateliers/2025-02-01-cafe-des-cooperations.md"
    );
    let o = run_with_stdin(s.path(), &["import", "-"], b"");
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("l'entrée standard"), "{}", o.stderr);
}

// Issue 7, point 5.
#[test]
fn init_then_build() {
    let s = Site::new();
    let o = s.run(&["init", "playbook"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(s.read("playbook/.gitignore"), "public/\n");
    assert!(s.exists("playbook/playbook.toml"));
    assert!(s.exists("playbook/content/ateliers/2024-11-14-implanter-le-collaboratif.md"));
    let o = s.run(&["build", "--root", "playbook"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(s.exists("playbook/public/index.html"));
    assert!(s.exists("playbook/public/guide/commencer-petit/index.html"));

    // An empty playbook, in the current folder.
    let e = Site::new();
    let o = e.run(&["init", "--empty"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(e.exists("content/_index.md"));
    assert!(!e.exists("content/guide"));
    e.build_ok(&[]);
    assert!(e.read("public/index.html").contains("Mon playbook"));
    // A page made with `new` and a pad import build too.
    assert_eq!(e.run(&["new", "minutes", "Atelier de rentrée"]).code, 0);
    assert_eq!(e.run(&["new", "typology", "Coopération subie"]).code, 0);
    assert_eq!(e.run(&["new", "page", "À propos"]).code, 0);
    e.file(
        "pad.txt",
        std::fs::read(fixtures_dir().join("etherpad-plain.txt")).unwrap(),
    );
    assert_eq!(e.run(&["import", "pad.txt"]).code, 0);
    e.build_ok(&[]);
    assert!(e.exists("public/a-propos/index.html"));
    assert!(e.exists("public/typologies/cooperation-subie/index.html"));
}

#[test]
fn init_refuses_a_folder_that_is_not_empty() {
    let s = Site::new();
    s.file("notes.txt", "à garder");
    let o = s.run(&["init"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("n'est pas vide"), "{}", o.stderr);
    assert!(!s.exists("playbook.toml"));
    // A fresh `git init` is fine.
    let g = Site::new();
    std::fs::create_dir(g.path().join(".git")).unwrap();
    assert_eq!(g.run(&["init", "--empty"]).code, 0);
}

#[test]
fn new_pages() {
    let s = Site::example();
    let o = s.run(&["new", "guide", "Coopération inter-directions"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout.trim(),
        "content/guide/10-cooperation-inter-directions.md"
    );
    let page = s.read("content/guide/10-cooperation-inter-directions.md");
    let f = front_of(&page);
    assert_eq!(f.title.as_deref(), Some("Coopération inter-directions"));
    assert_eq!(f.kind, Some(playbook::frontmatter::PageKind::Guide));
    assert_eq!(f.order, Some(10), "after the nine steps");

    // It refuses to overwrite, and names the file.
    s.file(
        "content/guide/10-cooperation-inter-directions.md",
        "mon texte",
    );
    let o = s.run(&["new", "guide", "Coopération inter-directions"]);
    assert_eq!(o.code, 1);
    assert!(
        o.stderr
            .contains("content/guide/10-cooperation-inter-directions.md"),
        "{}",
        o.stderr
    );
    assert_eq!(
        s.read("content/guide/10-cooperation-inter-directions.md"),
        "mon texte"
    );
    // Nor a page whose file name only differs by its order prefix.
    let o = s.run(&["new", "guide", "Commencer petit"]);
    assert_eq!(o.code, 1);
    assert!(o.stderr.contains("05-commencer-petit.md"), "{}", o.stderr);

    let o = s.run(&["new", "typology", "Intensité 6 : co-gestion"]);
    assert_eq!(
        o.stdout.trim(),
        "content/typologies/intensite-6-co-gestion.md"
    );
    let f = front_of(&s.read("content/typologies/intensite-6-co-gestion.md"));
    assert_eq!(f.kind, Some(playbook::frontmatter::PageKind::Typology));
    assert!(f.axis.is_some() && f.level.is_some());
    let o = s.run(&["new", "minutes", "Atelier \"facilitation\" : retour"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(s.exists("content/ateliers/atelier-facilitation-retour.md"));
    let o = s.run(&["new", "page", "!!!"]);
    assert_eq!(o.code, 2, "{}", o.stderr);
    s.build_ok(&[]);
}

// Issue 7, point 4: a property test over random pads.

/// xorshift64*: small, deterministic, good enough to mix inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "Rotation #",
    "ROTATION ",
    "Tour ",
    " - ",
    " – ",
    " — ",
    " : ",
    ":",
    "14h35",
    "9h",
    "-",
    "10h30 – 10h55",
    "Pause",
    "Scribe",
    "Maître du temps",
    "Gardien(ne) du temps",
    "Porté par ",
    "Animé par ",
    "Facilitation",
    "météo",
    "soleil",
    "nuages",
    "orage",
    "☀️",
    "🌧",
    "**",
    "*",
    "_",
    "`",
    "[[",
    "]]",
    "[",
    "](",
    ")",
    "<",
    ">",
    "&",
    "{{",
    "}}",
    "{%",
    "#",
    "|",
    "\\",
    "?",
    "??",
    " et ",
    " + ",
    "https://x.fr/a_b",
    "www.",
    "@",
    "1.",
    "\t",
    "    ",
    "\u{feff}",
    "\u{200b}",
    "\u{2028}",
    "\u{85}",
    "\u{0}",
    "\u{1b}",
    "é",
    "e\u{301}",
    "œ",
    "🧑‍🤝‍🧑",
    "ﷺ",
    "\u{202e}",
    "\u{e000}",
    "\u{fffd}",
    "\u{10ffff}",
    "---",
    "+++",
    "...",
    "\"",
    "'",
];

fn random_pad(rng: &mut Rng, lines: &[String]) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(40) {
        match rng.below(7) {
            0 | 1 => s.push_str(&lines[rng.below(lines.len())]),
            2 => s.push_str(PIECES[rng.below(PIECES.len())]),
            3 => {
                let bytes: Vec<u8> = (0..rng.below(12)).map(|_| rng.next() as u8).collect();
                s.push_str(&String::from_utf8_lossy(&bytes));
            }
            4 => {
                for _ in 0..rng.below(6) {
                    if let Some(c) = char::from_u32(rng.below(0x11_0000) as u32) {
                        s.push(c);
                    }
                }
            }
            _ => {
                // Dense Markdown syntax.
                let alphabet: Vec<char> = " \t!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~aZ09h"
                    .chars()
                    .collect();
                for _ in 0..rng.below(30) {
                    s.push(alphabet[rng.below(alphabet.len())]);
                }
            }
        }
        s.push_str(["\n", "\r\n", "\r", "", " ", "\n\n"][rng.below(6)]);
    }
    s
}

/// Only the markup the writer means: paragraphs, line breaks, `##`
/// headings, bulleted lists, bold, and links to http(s) URLs.
fn assert_only_intended_markup(html: &str, pad: &str) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let tag_end = rest[i..].find('>').map_or(rest.len(), |e| i + e);
        let tag = &rest[i + 1..tag_end];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        // f-actions: a line of a next-steps part naming a person or a date
        // is a task-list item (its box and the box's spoken state).
        let task = tag.starts_with("input type=\"checkbox\" class=\"task-list-item-checkbox\"")
            || tag == "span class=\"visually-hidden\""
            || tag == "/span";
        assert!(
            task || matches!(
                name.as_str(),
                "p" | "br" | "h2" | "ul" | "li" | "strong" | "a"
            ),
            "unexpected <{tag}> from {pad:?}:\n{html}"
        );
        if name == "a" && !tag.starts_with('/') {
            assert!(
                tag.starts_with("a href=\"http://") || tag.starts_with("a href=\"https://"),
                "unexpected link <{tag}> from {pad:?}"
            );
        }
        rest = &rest[tag_end..];
    }
}

#[test]
fn import_never_panics_and_always_writes_a_valid_page() {
    let lines: Vec<String> = fixtures().iter().flat_map(|(_, b)| pad_lines(b)).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut ok, mut errors) = (0, 0);
    for round in 0..3000 {
        let pad = random_pad(&mut rng, &lines);
        let parsed = std::panic::catch_unwind(|| parse_pad(&pad))
            .unwrap_or_else(|_| panic!("round {round}: parse_pad panicked on {pad:?}"));
        let Ok(m) = parsed else {
            errors += 1;
            continue;
        };
        ok += 1;
        let page = to_markdown(&m, Some("2025-01-15"));
        let split = split(&page, Path::new("page.md"))
            .unwrap_or_else(|e| panic!("round {round}: {:?} in\n{page}\nfrom {pad:?}", e[0]));
        assert_eq!(
            split.front.title.as_deref(),
            Some(m.title.as_str()),
            "{pad:?}"
        );
        assert_eq!(split.front.rotations.len(), m.rotations.len(), "{pad:?}");
        assert_eq!(split.front.facilitators, m.facilitators, "{pad:?}");
        let weather = split.front.extra["weather"].as_array().unwrap();
        assert_eq!(weather.len(), m.weather.len(), "{pad:?}");
        for (w, e) in weather.iter().zip(&m.weather) {
            assert_eq!(w["who"], e.who.as_str());
            assert_eq!(w["comment"], e.comment.as_str());
        }
        let html = render(
            split.body,
            0,
            MarkdownOptions {
                unsafe_html: true,
                english: false,
            },
        )
        .html;
        assert_only_intended_markup(&html, &pad);
        let points: Vec<_> = m
            .weather
            .iter()
            .map(|w| playbook::weather::WeatherPoint {
                date: Some("2025-01-15".into()),
                page: m.title.clone(),
                who: w.who.clone(),
                weather: w.weather.clone(),
                comment: w.comment.clone(),
            })
            .collect();
        let chart = playbook::render::weather_chart(&points, &playbook::i18n::strings("fr"), "fr");
        assert!(!chart.contains("<script"));
    }
    assert!(ok > 2000 && errors > 0, "{ok} imported, {errors} refused");
}
