//! Hostile content: broken encodings, huge or deeply nested pages, malicious
//! front matter, confusing names and links. Each fixture gets a clear error
//! (exit 1, `path:line`, a helpful message) or a correct page, and never a
//! panic (exit 101 or "panicked" on stderr).
//!
//! Bounds: a Markdown page over 2 MiB (`load::MAX_PAGE_BYTES`) is refused
//! with an error before it is read, so it costs no memory; a page under the
//! limit costs 40 (ordinary Markdown) to 350 (the worst pathological pattern)
//! bytes of memory per byte.
//! `bench/hostile.sh` measures the time and peak RSS of the release binary on
//! the 50 MB page, a page at the limit and pathological pages at the limit.
//! Here the tests assert the hard behaviour (the refusal, the limit's exact
//! edge) and, for the pathological pages, only a generous wall-time ceiling
//! that a quadratic algorithm would blow (`build_measured`).

use std::fmt::Write as _;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{BIN, Output, Site, main_of};

/// The wall-time ceiling of one build of pathological pages. Each takes 1 to
/// 16 s in a debug build on 2 cores shared with other builds; the quadratic
/// algorithms these tests caught took minutes on the same inputs (2,000
/// repeated headings: 66 s; the inputs here are 5 to 15 times larger). The
/// margin is for a loaded machine: this is a tripwire, not a benchmark
/// (`bench/hostile.sh` measures).
const CEILING: Duration = Duration::from_secs(60);

/// Fails on a panic: exit code 101, or "panicked" on stderr.
fn no_panic(o: &Output) {
    assert_ne!(o.code, 101, "playbook panicked:\n{}", o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
}

/// Builds and expects success, without a panic.
fn builds(s: &Site) -> Output {
    let o = s.build(&[]);
    no_panic(&o);
    assert_eq!(o.code, 0, "build failed:\n{}", o.stderr);
    o
}

/// Builds and expects a content error (exit 1) whose report contains `needle`.
fn fails_with(s: &Site, needle: &str) -> Output {
    let o = s.build(&[]);
    no_panic(&o);
    assert_eq!(o.code, 1, "expected a content error:\n{}", o.stderr);
    assert!(
        o.stderr.contains(needle),
        "expected `{needle}` in:\n{}",
        o.stderr
    );
    o
}

/// The page named by `needle` (`path:line: error: what`) is left out of a
/// site that builds: a warning says why; `--strict` refuses it.
fn left_out(s: &Site, needle: &str) -> Output {
    let warning = needle.replacen(
        "erreur : ",
        "avertissement : cette page n'est pas publiée : ",
        1,
    );
    let o = s.build(&[]);
    no_panic(&o);
    assert_eq!(
        o.code, 0,
        "expected a warning, the site built:\n{}",
        o.stderr
    );
    assert!(
        o.stderr.contains(&warning),
        "expected `{warning}` in:\n{}",
        o.stderr
    );
    let strict = s.build(&["--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    let error = needle.replacen("erreur : ", "erreur : cette page n'est pas publiée : ", 1);
    assert!(
        strict.stderr.contains(&error),
        "expected `{error}` in:\n{}",
        strict.stderr
    );
    o
}

/// A build with its wall time and peak memory.
struct Measured {
    out: Output,
    time: Duration,
    /// Peak resident set size of `playbook`, in MB.
    peak_mb: u64,
}

/// `VmHWM` (peak RSS, in kB) of a running process.
fn vm_hwm(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs `playbook build` in `s`, killed (and the test failed) after `limit`.
/// Peak memory comes from `/usr/bin/time -f %M` when installed, else from
/// polling `/proc/PID/status`.
fn build_measured(s: &Site, limit: Duration) -> Measured {
    // One measured build at a time, so that their bounds hold on 2 cores.
    static HEAVY: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _heavy = HEAVY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("out"), logs.path().join("err"));
    let time = Path::new("/usr/bin/time");
    let with_time = time.exists();
    let mut cmd = if with_time {
        let mut c = Command::new(time);
        c.args(["-f", "peak-rss-kb=%M", BIN, "build"]);
        c
    } else {
        let mut c = Command::new(BIN);
        c.arg("build");
        c
    };
    cmd.current_dir(s.path())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .process_group(0);
    let start = Instant::now();
    let mut child = cmd.spawn().expect("run playbook");
    let mut peak_kb = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if !with_time {
            peak_kb = peak_kb.max(vm_hwm(child.id()).unwrap_or(0));
        }
        if start.elapsed() > limit {
            // The whole group: `time` and `playbook`.
            let _ = Command::new("kill")
                .args(["-s", "KILL", "--", &format!("-{}", child.id())])
                .status();
            let _ = child.wait();
            panic!(
                "the build took more than {limit:?}:\n{}",
                std::fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let time_taken = start.elapsed();
    let mut stderr = String::new();
    for line in std::fs::read_to_string(&err_path).unwrap().lines() {
        if let Some(kb) = line.strip_prefix("peak-rss-kb=") {
            peak_kb = kb.trim().parse().unwrap();
        } else if !line.starts_with("Command exited with non-zero status") {
            stderr.push_str(line);
            stderr.push('\n');
        }
    }
    let out = Output {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(&out_path).unwrap(),
        stderr,
    };
    no_panic(&out);
    assert!(peak_kb > 0, "no peak memory measured");
    Measured {
        out,
        time: time_taken,
        peak_mb: peak_kb / 1024,
    }
}

/// Every file of the output, as bytes.
fn output_files(s: &Site) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(s.path().join("public"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn invalid_utf8() {
    let s = Site::new();
    s.file("content/ok.md", "# Bonne page\n").file(
        "content/abime.md",
        b"# Titre\n\nDu texte.\n\xC3\x28 et la suite\n".as_slice(),
    );
    let o = left_out(
        &s,
        "content/abime.md:4:1: erreur : ce fichier n'est pas en UTF-8 valide",
    );
    assert!(
        o.stderr.contains("enregistrez-le de nouveau en UTF-8"),
        "{}",
        o.stderr
    );
    assert!(s.exists("public/ok/index.html") && !s.exists("public/abime"));
}

#[test]
fn non_utf8_file_name_is_skipped_with_a_warning() {
    use std::os::unix::ffi::OsStrExt;
    let s = Site::new();
    s.file("content/ok.md", "# Bonne page\n");
    let name = std::ffi::OsStr::from_bytes(b"\xE9t\xE9.md");
    std::fs::write(s.path().join("content").join(name), "# Été\n").unwrap();
    let o = builds(&s);
    assert!(
        o.stderr
            .contains("ignoré : le nom du fichier n'est pas en UTF-8"),
        "{}",
        o.stderr
    );
    assert!(s.exists("public/ok/index.html"));
}

#[test]
fn latin1_and_utf16_files_name_their_encoding() {
    let utf16 = |text: &str, big_endian: bool, bom: bool| -> Vec<u8> {
        let mut out = vec![];
        if bom {
            out.extend_from_slice(if big_endian { b"\xFE\xFF" } else { b"\xFF\xFE" });
        }
        for u in text.encode_utf16() {
            out.extend_from_slice(&if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        out
    };
    let s = Site::new();
    s.file("content/latin1.md", b"# Caf\xE9\n\nCr\xE8me br\xFBl\xE9e\n")
        .file("content/utf16le.md", utf16("# Café\n", false, true))
        .file("content/utf16be.md", utf16("# Café\n", true, true))
        .file("content/utf16-sans-bom.md", utf16("# Café\n", false, false))
        .file("content/utf16-ascii.md", utf16("# Cafe\n", false, false));
    let o = left_out(
        &s,
        "content/latin1.md:1:6: erreur : ce fichier n'est pas en UTF-8 valide (il semble encodé en Latin-1 / Windows-1252)",
    );
    for f in ["utf16le", "utf16be", "utf16-sans-bom", "utf16-ascii"] {
        assert!(
            o.stderr.contains(&format!(
                "content/{f}.md:1:1: avertissement : cette page n'est pas publiée : ce fichier est encodé en UTF-16, pas en UTF-8"
            )),
            "{f}:\n{}",
            o.stderr
        );
    }
    assert!(o.stderr.contains("(5 avertissements"), "{}", o.stderr);
}

#[test]
fn nul_bytes() {
    // In the body: replaced by U+FFFD (as CommonMark says), the page is built.
    let s = Site::new();
    s.file(
        "content/nul.md",
        "+++\ntitle = \"Nul\\u0000ici\"\ntags = [\"a\\u0000b\"]\n+++\nAvant\0après\n\n## Titre\0\n\n```\ncode\0\n```\n",
    );
    builds(&s);
    for (path, bytes) in output_files(&s) {
        assert!(!bytes.contains(&0), "a NUL byte in {path}");
    }
    let page = s.read("public/nul/index.html");
    assert!(page.contains("<title>Nul\u{FFFD}ici"), "{page}");
    assert!(main_of(&page).contains("Avant\u{FFFD}après"), "{page}");

    // In YAML front matter, a raw NUL is not allowed: the page is left out,
    // with its line.
    let s = Site::new();
    s.file("content/nul.md", "---\ntitle: ok\nauthor: a\0b\n---\nx\n");
    let o = left_out(&s, "content/nul.md:3:");
    assert!(
        o.stderr
            .contains("le front matter n'est pas du YAML valide"),
        "{}",
        o.stderr
    );
}

/// About 50 MB of ordinary Markdown: paragraphs with links and emphasis,
/// lists, tables, a heading every ~64 KB.
fn fifty_megabytes() -> String {
    const SIZE: usize = 50 << 20;
    let mut s = String::with_capacity(SIZE + 4096);
    s.push_str("---\ntitle: Très grande page\ntags: [grande]\n---\n\n");
    let mut i = 0;
    while s.len() < SIZE {
        i += 1;
        if i % 200 == 1 {
            writeln!(s, "## Partie {i}\n").unwrap();
        }
        writeln!(
            s,
            "Paragraphe {i} avec du **gras**, de l'*italique*, un lien vers [[Autre page]], \
             [un fichier](autre.md), une [ancre](#partie-1), du `code` et des accents : été, \
             œuvre, coopération.\n\n- un point\n- un autre point vers [[Autre page#Section]]\n\n\
             | a | b |\n|---|---|\n| {i} | <b>x</b> |\n"
        )
        .unwrap();
    }
    s.push_str("Fin de la très grande page.\n");
    s
}

#[test]
fn a_50_mb_page_is_refused_before_it_is_read() {
    let s = Site::new();
    s.file("content/grande.md", fifty_megabytes()).file(
        "content/autre.md",
        "# Autre page\n\n## Section\n\n[[Très grande page]] [la grande](grande.md)\n",
    );
    let m = build_measured(&s, 3 * CEILING);
    eprintln!(
        "a 50 MB page: {:.1} s, peak RSS {} MB",
        m.time.as_secs_f64(),
        m.peak_mb
    );
    // The page is left out; the rest of the site is built.
    assert_eq!(m.out.code, 0, "{}", m.out.stderr);
    assert!(
        m.out.stderr.contains(
            "content/grande.md: avertissement : cette page n'est pas publiée : cette page est trop grande (50.0 Mo ; la limite est de 2 Mo), elle n'a pas été lue"
        ),
        "{}",
        m.out.stderr
    );
    assert!(
        m.out
            .stderr
            .contains("aide : découpez-la en plusieurs pages"),
        "{}",
        m.out.stderr
    );
    // Never read: the process stays below the page's size (a build of the
    // other page alone peaks near 40 MB in a debug build with mimalloc; read,
    // the page would add its 50 MB).
    assert!(m.peak_mb < 48, "peak RSS {} MB", m.peak_mb);
    assert!(
        s.read("public/autre/index.html")
            .contains("class=\"unpublished\"")
    );
    // With --strict, the build fails and the previous site stays.
    let before = crate::util::tree_snapshot(&s.path().join("public"));
    assert_eq!(s.build(&["--strict"]).code, 1);
    assert_eq!(crate::util::tree_snapshot(&s.path().join("public")), before);
}

#[test]
fn the_page_size_limit_is_exact() {
    const MAX: usize = 2 << 20;
    // A page of exactly 2 MiB builds; one byte more is refused. (A code
    // block: cheap to render, so the test is about the limit, not speed.)
    let page = |size: usize| {
        let mut p = String::from("# Limite\n\n```\n");
        let tail = "\n```\nFin de la page.\n";
        let line = "0123456789 abcdefghijklmnopqrstuvwxyz éèà\n";
        while p.len() + line.len() + tail.len() <= size {
            p.push_str(line);
        }
        p.push_str(&"x".repeat(size - p.len() - tail.len()));
        p.push_str(tail);
        assert_eq!(p.len(), size);
        p
    };
    let s = Site::new();
    s.file("content/limite.md", page(MAX));
    let m = build_measured(&s, 3 * CEILING);
    assert_eq!(m.out.code, 0, "{}", m.out.stderr);
    let html = s.read("public/limite/index.html");
    assert!(html.contains("Fin de la page."));
    let s = Site::new();
    s.file("content/limite.md", page(MAX + 1));
    left_out(
        &s,
        "content/limite.md: erreur : cette page est trop grande (2.0 Mo ; la limite est de 2 Mo)",
    );
}

#[test]
fn ten_thousand_nested_block_quotes_and_list_levels() {
    let s = Site::new();
    s.file(
        "content/citations.md",
        format!("# Citations\n\n{}profond\n", "> ".repeat(10_000)),
    )
    .file(
        "content/puces.md",
        format!("# Puces\n\n{}profond\n", "- ".repeat(10_000)),
    )
    .file(
        "content/numeros.md",
        format!("# Numéros\n\n{}profond\n", "1. ".repeat(10_000)),
    )
    .file(
        "content/melange.md",
        format!("# Mélange\n\n{}profond\n", "> - 1. ".repeat(3_334)),
    )
    // Nesting by indentation: 1,000 levels (the file grows as the square).
    .file(
        "content/indentation.md",
        (0..1_000).fold(String::from("# Indentation\n\n"), |mut s, i| {
            writeln!(s, "{}- niveau {i}", "  ".repeat(i)).unwrap();
            s
        }),
    );
    let m = build_measured(&s, 3 * CEILING);
    assert_eq!(m.out.code, 0, "{}", m.out.stderr);
    eprintln!(
        "nested quotes and lists: {:.1} s, peak RSS {} MB",
        m.time.as_secs_f64(),
        m.peak_mb
    );
    assert!(m.time < CEILING, "took {:?}", m.time);
    for page in ["citations", "puces", "numeros", "melange", "indentation"] {
        let html = s.read(&format!("public/{page}/index.html"));
        assert!(
            html.contains("profond") || html.contains("niveau 999"),
            "{page}"
        );
    }
    assert!(
        s.read("public/citations/index.html")
            .matches("<blockquote>")
            .count()
            >= 100
    );
    assert!(
        s.read("public/indentation/index.html")
            .matches("<ul>")
            .count()
            >= 100
    );
}

#[test]
fn pathological_inline_markdown() {
    // cmark's pathological tests, plus wikilinks; each is linear in its size.
    let n = 30_000;
    let cases: Vec<(&str, String)> = vec![
        (
            "emphase",
            format!("{}b{}", "*a **a ".repeat(n / 8), " a** a*".repeat(n / 8)),
        ),
        ("fermants", "a_ ".repeat(n)),
        ("ouvrants", "_a ".repeat(n)),
        ("liens-fermants", "a]".repeat(n)),
        ("liens-ouvrants", "[a".repeat(n)),
        ("melange", "*a_ ".repeat(n)),
        ("multiples-de-3", format!("a**b{}", "c* ".repeat(n))),
        ("crochets-emphase", "[ a_".repeat(n)),
        ("motif", "[ (](".repeat(n)),
        ("crochets", format!("{}a{}", "[".repeat(n), "]".repeat(n))),
        ("liens-a", "[a](<b".repeat(n)),
        ("liens-b", "[a](b".repeat(n)),
        ("images", "![".repeat(n)),
        ("wiki-ouvrants", "[[".repeat(n)),
        ("wiki-fermants", "]]".repeat(n)),
        ("wiki-barres", "[[a|".repeat(n)),
        ("wiki-long", format!("[[{}]]", "a".repeat(n * 10))),
        ("entites", "&#x".repeat(n)),
        (
            "backticks",
            (1..2_000).fold(String::new(), |mut s, i| {
                s.push('e');
                s.push_str(&"`".repeat(i));
                s
            }),
        ),
        (
            "tableau",
            format!("{}\n{}\n", "| a ".repeat(5_000), "|---".repeat(5_000)),
        ),
        (
            "notes",
            (0..n / 10).fold(String::new(), |mut s, i| {
                writeln!(s, "x[^{i}]\n\n[^{i}]: [[note {i}]]").unwrap();
                s
            }),
        ),
    ];
    let s = Site::new();
    for (name, body) in &cases {
        s.file(
            &format!("content/{name}.md"),
            format!("# {name}\n\n{body}\n"),
        );
    }
    let m = build_measured(&s, 3 * CEILING);
    assert_eq!(m.out.code, 0, "{}", m.out.stderr);
    eprintln!(
        "pathological inline Markdown: {:.1} s, peak RSS {} MB",
        m.time.as_secs_f64(),
        m.peak_mb
    );
    assert!(m.time < CEILING, "took {:?}", m.time);
    for (name, _) in &cases {
        assert!(s.exists(&format!("public/{name}/index.html")), "{name}");
    }
}

#[test]
fn a_yaml_bomb_front_matter() {
    // Billion laughs: 9 levels of 9 aliases, 387 million strings once expanded.
    let mut bomb = String::from(
        "---\ntitle: Bombe\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for w in names.windows(2) {
        let (prev, name) = (w[0], w[1]);
        writeln!(
            bomb,
            "{name}: &{name} [{}]",
            vec![format!("*{prev}"); 9].join(",")
        )
        .unwrap();
    }
    bomb.push_str("---\n\nCorps.\n");
    let s = Site::new();
    s.file("content/bombe.md", &bomb)
        .file(
            "content/profond.md",
            format!("---\ntitle: {}x\n---\n", "[".repeat(10_000)),
        )
        .file("content/ok.md", "# Voisine\n");
    let m = build_measured(&s, 3 * CEILING);
    eprintln!(
        "YAML bomb: {:.1} s, peak RSS {} MB",
        m.time.as_secs_f64(),
        m.peak_mb
    );
    assert_eq!(m.out.code, 0, "{}", m.out.stderr);
    let err = &m.out.stderr;
    assert!(
        err.contains("content/bombe.md:8:14:")
            && err.contains(
                "avertissement : cette page n'est pas publiée : le front matter est trop grand"
            ),
        "{err}"
    );
    assert!(s.exists("public/ok/index.html") && !s.exists("public/bombe"));
    assert!(
        err.contains("content/profond.md:2:")
            && err.contains("le front matter est imbriqué trop profondément"),
        "{err}"
    );
    assert!(
        !err.contains("budget") && !err.contains("recursion"),
        "no parser jargon: {err}"
    );
    assert!(m.time < CEILING, "took {:?}", m.time);
    assert!(m.peak_mb < 512, "peak RSS {} MB", m.peak_mb);
}

#[test]
fn duplicate_keys() {
    let s = Site::new();
    s.file(
        "content/yaml.md",
        "---\ntitle: Un\ndate: 2025-01-01\ntitle: Deux\n---\nx\n",
    )
    .file(
        "content/toml.md",
        "+++\ntitle = \"Un\"\ntitle = \"Deux\"\n+++\nx\n",
    );
    // YAML: a warning, the last value wins (as MkDocs reads it); TOML
    // forbids it: that page is left out.
    let o = left_out(
        &s,
        "content/toml.md:3:1: erreur : la clé `title` apparaît deux fois",
    );
    assert!(
        o.stderr.contains(
            "content/yaml.md:4:1: avertissement : dans le front matter, la clé `title` apparaît deux fois : la dernière valeur est gardée"
        ),
        "{}",
        o.stderr
    );
    assert!(s.read("public/yaml/index.html").contains("<title>Deux"));
    assert!(
        o.stderr.contains("gardez une seule ligne `title:`"),
        "{}",
        o.stderr
    );
    assert!(!o.stderr.contains("DuplicateKeyPolicy"), "{}", o.stderr);
}

#[test]
fn non_string_titles() {
    let s = Site::new();
    s.file("content/nombre.md", "---\ntitle: 42\n---\n")
        .file("content/decimal.md", "---\ntitle: 1.5\n---\n")
        .file("content/booleen.md", "---\ntitle: true\n---\n")
        .file("content/date.md", "---\ntitle: 2025-08-12\n---\n")
        .file("content/toml-date.md", "+++\ntitle = 2025-08-12\n+++\n")
        .file("content/nul.md", "---\ntitle: ~\n---\n# Titre du corps\n")
        .file("content/vide.md", "---\ntitle: \"  \"\n---\n");
    builds(&s);
    for (page, title) in [
        ("nombre", "42"),
        ("decimal", "1.5"),
        ("booleen", "true"),
        ("date", "2025-08-12"),
        ("toml-date", "2025-08-12"),
        ("nul", "Titre du corps"),
        ("vide", "Vide"),
    ] {
        let html = s.read(&format!("public/{page}/index.html"));
        assert!(html.contains(&format!("<title>{title}")), "{page}: {html}");
    }
    let s = Site::new();
    s.file("content/liste.md", "---\ntitle: [a, b]\n---\n")
        .file("content/table.md", "---\ntitle: {a: 1}\n---\n")
        .file("content/toml-table.md", "+++\n[title]\na = 1\n+++\n");
    let o = left_out(
        &s,
        "content/liste.md:2:1: erreur : `title` doit être du texte, pas une liste",
    );
    assert!(
        o.stderr
            .contains("content/table.md:2:1: avertissement : cette page n'est pas publiée : `title` doit être du texte, pas un tableau de clés"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("content/toml-table.md") && o.stderr.contains("pas un tableau de clés"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("écrivez `title: du texte`"),
        "{}",
        o.stderr
    );
}

#[test]
fn dates_in_many_formats() {
    let read = [
        ("iso", "2025-08-12", "12 août 2025"),
        ("rfc3339", "2025-08-12T10:00:00+02:00", "12 août 2025"),
        ("utc", "\"2025-08-12T23:59:59Z\"", "12 août 2025"),
        ("slashes", "2025/08/12", "12 août 2025"),
        ("francaise", "12/08/2025", "12 août 2025"),
        ("points", "12.08.2025", "12 août 2025"),
        ("court", "2025-8-1", "1er août 2025"),
        ("bissextile", "2024-02-29", "29 février 2024"),
        ("dernier", "9999-12-31", "31 décembre 9999"),
    ];
    let unread = [
        ("fevrier", "2025-02-29"),
        ("mois", "2025-13-01"),
        ("texte", "demain"),
        ("mot", "12 août 2025"),
        ("anglais", "August 12, 2025"),
        ("deux-chiffres", "12/08/25"),
        ("an-zero", "0000-01-01"),
        ("enorme", "99999999999999999999-01-01"),
        ("nombre", "20250812"),
        ("vide", "\"\""),
    ];
    let s = Site::new();
    for (name, date, _) in read {
        s.file(
            &format!("content/{name}.md"),
            format!("---\ndate: {date}\n---\nx\n"),
        );
    }
    for (name, date) in unread {
        s.file(
            &format!("content/{name}.md"),
            format!("---\ntitle: T\ndate: {date}\n---\nx\n"),
        );
    }
    s.file(
        "content/toml.md",
        "+++\ndate = 2025-08-12T10:00:00Z\nupdated = 2025-09-01\n+++\nx\n",
    );
    let o = builds(&s);
    for (name, date, shown) in read {
        let html = s.read(&format!("public/{name}/index.html"));
        assert!(html.contains(shown), "{name} ({date}): {}", main_of(&html));
    }
    assert!(s.read("public/toml/index.html").contains("12 août 2025"));
    for (name, _) in unread {
        if name == "vide" {
            continue;
        }
        assert!(
            o.stderr
                .contains(&format!("content/{name}.md:3:1: avertissement : `date: ")),
            "{name}:\n{}",
            o.stderr
        );
    }
    assert!(
        o.stderr.contains("écrivez `date: 2025-08-12`"),
        "{}",
        o.stderr
    );
}

#[test]
fn titles_with_script_and_template_syntax() {
    let hostile =
        "</script><script>alert(1)</script> {{ 1234 * 10 }} {% raw %}r{% endraw %} {# c #}";
    let s = Site::new();
    s.file(
        "content/piege.md",
        format!(
            "---\ntitle: '{hostile}'\ndescription: '<img src=x onerror=alert(2)>'\ntags: ['<b>gras</b>', '{{{{ 1234 * 10 }}}}']\nauthors: ['</script><script>alert(3)</script>']\n---\n\n## {hostile}\n\n[[{hostile}]]\n"
        ),
    )
    .file("content/{{ 1234 * 10 }}.md", "Nommé par son fichier.\n")
    .file("content/lien.md", "# Lien\n\n[[</script><script>alert(4)</script>]]\n");
    builds(&s);
    let files = output_files(&s);
    for (path, bytes) in &files {
        for bad in ["<script>alert", "<img src=x", "<b>gras", "12340"] {
            assert!(!contains(bytes, bad), "`{bad}` in {path}");
        }
    }
    let page = s.read("public/piege/index.html");
    let escaped = "&lt;&#x2F;script&gt;&lt;script&gt;alert(1)&lt;&#x2F;script&gt;";
    let escaped_alt = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;";
    let title = &page[page.find("<title>").unwrap()..page.find("</title>").unwrap()];
    assert!(
        title.contains(escaped) || title.contains(escaped_alt),
        "{title}"
    );
    assert!(
        title.contains("{{ 1234 * 10 }}"),
        "shown as written: {title}"
    );
    let h1 = &page[page.find("<h1").unwrap()..];
    let h1 = &h1[..h1.find("</h1>").unwrap()];
    assert!(h1.contains(escaped) || h1.contains(escaped_alt), "{h1}");
    // The page named by its file shows its name as written.
    let named = s.read("public/1234-10/index.html");
    assert!(named.contains("<title>{{ 1234 * 10 }}"), "{named}");
}

#[test]
fn an_empty_file() {
    let s = Site::new();
    s.file("content/vide.md", "")
        .file("content/bom.md", "\u{feff}")
        .file("content/blancs.md", "\n\n   \n\t\n")
        .file("content/front-vide.md", "---\n---\n")
        .file("content/toml-vide.md", "+++\n+++\n")
        .file("content/guide/_index.md", "");
    builds(&s);
    for (page, title) in [
        ("vide", "Vide"),
        ("bom", "Bom"),
        ("blancs", "Blancs"),
        ("front-vide", "Front vide"),
        ("toml-vide", "Toml vide"),
        ("guide", "Guide"),
    ] {
        let html = s.read(&format!("public/{page}/index.html"));
        assert!(html.contains(&format!("<title>{title}")), "{page}: {html}");
    }
}

#[test]
fn a_directory_named_x_md() {
    let s = Site::new();
    s.file("content/x.md/page.md", "# Dedans\n")
        .file("content/y.md/.gitkeep", "")
        .file("content/z.markdown/image.png", "PNG")
        .file(
            "content/lien.md",
            "# Lien\n\n[[Dedans]] ![i](z.markdown/image.png)\n",
        );
    std::fs::create_dir_all(s.path().join("content/vide.md")).unwrap();
    let o = builds(&s);
    assert!(s.exists("public/x-md/page/index.html"), "{}", o.stderr);
    assert!(s.exists("public/z.markdown/image.png"));
    let lien = s.read("public/lien/index.html");
    assert!(
        lien.contains("href=\"../x-md/page/\""),
        "{}",
        main_of(&lien)
    );
    assert!(
        !s.exists("public/vide/index.html"),
        "a folder is not a page"
    );
}

#[test]
fn a_symlink_loop() {
    let s = Site::new();
    s.file("content/a.md", "# A\n")
        .file("content/sous/b.md", "# B\n");
    let c = s.path().join("content");
    std::os::unix::fs::symlink("moi.md", c.join("moi.md")).unwrap();
    std::os::unix::fs::symlink("ping.md", c.join("pong.md")).unwrap();
    std::os::unix::fs::symlink("pong.md", c.join("ping.md")).unwrap();
    std::os::unix::fs::symlink("..", c.join("sous/parent")).unwrap();
    std::os::unix::fs::symlink(".", c.join("ici")).unwrap();
    let m = build_measured(&s, 3 * CEILING);
    assert_eq!(m.out.code, 0, "{}", m.out.stderr);
    for name in ["moi.md", "ping.md", "pong.md", "sous/parent", "ici"] {
        assert!(
            m.out.stderr.contains(&format!(
                "content/{name}: avertissement : ignoré : lien symbolique"
            )),
            "{name}:\n{}",
            m.out.stderr
        );
    }
    assert!(s.exists("public/a/index.html") && s.exists("public/sous/b/index.html"));
    assert!(!s.exists("public/sous/parent") && !s.exists("public/ici"));
}

#[test]
fn a_symlink_to_etc_passwd() {
    let s = Site::new();
    s.file(
        "content/page.md",
        "# Page\n\n[a](/etc/passwd) [b](../../../../../etc/passwd) ![c](../../../../etc/passwd) \
         [d](passwd.txt) [[passwd]] [[/etc/passwd]] [e](etc/passwd) [f](file:///etc/passwd)\n",
    );
    let c = s.path().join("content");
    std::os::unix::fs::symlink("/etc/passwd", c.join("passwd.md")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", c.join("passwd.txt")).unwrap();
    std::os::unix::fs::symlink("/etc", c.join("etc")).unwrap();
    std::os::unix::fs::symlink("../../../../../../etc/passwd", c.join("relatif.md")).unwrap();
    let o = builds(&s);
    for name in ["passwd.md", "passwd.txt", "etc", "relatif.md"] {
        assert!(
            o.stderr.contains(&format!(
                "content/{name}: avertissement : ignoré : lien symbolique"
            )),
            "{name}:\n{}",
            o.stderr
        );
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    let first = passwd.lines().next().unwrap_or("root:x:0:0:");
    for (path, bytes) in output_files(&s) {
        assert!(
            !contains(&bytes, "root:x:0:0") && !contains(&bytes, first),
            "{path}"
        );
        assert!(
            !path.contains("passwd") && !path.contains("/etc/"),
            "{path}"
        );
    }
}

#[test]
fn names_differing_only_by_case_or_unicode_normalisation() {
    // Both pages are published: the second in path order gets `-2`, with a
    // warning; links by path reach each one; `--strict` refuses.
    let s = Site::new();
    s.file("content/Page.md", "# Majuscule\n\n[l'autre](page.md)\n")
        .file("content/page.md", "# Minuscule\n\n[l'autre](Page.md)\n");
    let o = builds(&s);
    assert!(
        o.stderr.contains("content/page.md: avertissement : cette page serait publiée à `page/`, comme le fichier `content/Page.md` : elle est publiée à `page-2/` à la place"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("renommez l'un des deux"), "{}", o.stderr);
    assert!(s.read("public/page/index.html").contains("Majuscule"));
    assert!(s.read("public/page-2/index.html").contains("Minuscule"));
    assert!(
        s.read("public/page/index.html")
            .contains("href=\"../page-2/\"")
    );
    assert!(
        s.read("public/page-2/index.html")
            .contains("href=\"../page/\"")
    );
    assert_eq!(s.build(&["--strict"]).code, 1);

    let nfc = "\u{e9}t\u{e9}.md";
    let nfd = "e\u{301}te\u{301}.md";
    assert_ne!(nfc, nfd);
    let s = Site::new();
    s.file(&format!("content/{nfc}"), "# NFC\n")
        .file(&format!("content/{nfd}"), "# NFD\n");
    let o = builds(&s);
    assert!(o.stderr.contains("à `ete/`, comme"), "{}", o.stderr);
    let mut both = [
        s.read("public/ete/index.html"),
        s.read("public/ete-2/index.html"),
    ];
    both.sort();
    assert!(both[0].contains("NFC") && both[1].contains("NFD"));
}

#[test]
fn folders_differing_only_by_case_or_accents() {
    // Was: `Guide/` and `guide/` both became `guide/`; their generated index
    // pages went to the same file and their pages were mixed, without a word.
    // Then: an error. Now the second folder is published at `guide-2/`.
    let s = Site::new();
    s.file("content/Guide/a.md", "# A\n")
        .file("content/guide/b.md", "# B\n")
        .file("content/marches/c.md", "# C\n\n[d](../marchés/d.md)\n")
        .file("content/marchés/d.md", "# D\n");
    let o = builds(&s);
    assert!(
        o.stderr.contains("content/guide: avertissement : ce dossier serait publié à `guide/`, comme le dossier `content/Guide` : il est publié à `guide-2/` à la place"),
        "{}",
        o.stderr
    );
    assert!(s.exists("public/guide/a/index.html") && s.exists("public/guide-2/b/index.html"));
    assert!(s.exists("public/marches/c/index.html") && s.exists("public/marches-2/d/index.html"));
    assert!(
        s.read("public/marches/c/index.html")
            .contains("href=\"../../marches-2/d/\"")
    );
}

#[test]
fn page_titles_that_collide_on_one_output_path() {
    // The same title in two files: two pages, and an ambiguous link is a
    // warning naming both.
    let s = Site::new();
    s.file("content/a/reunion.md", "---\ntitle: Réunion\n---\nA\n")
        .file("content/b/reunion-2.md", "---\ntitle: Réunion\n---\nB\n")
        .file("content/b/lien.md", "# Lien\n\n[[Réunion]]\n");
    let o = builds(&s);
    assert!(s.exists("public/a/reunion/index.html") && s.exists("public/b/reunion-2/index.html"));
    assert!(o.stderr.contains("est ambigu"), "{}", o.stderr);
    assert!(
        s.read("public/b/lien/index.html")
            .contains("href=\"../reunion-2/\""),
        "the nearest page wins"
    );

    // A reserved address is an error (a file name that collides, a warning).
    let s = Site::new();
    s.file("content/Réunion !.md", "---\ntitle: Un\n---\n")
        .file("content/reunion.md", "---\ntitle: Deux\n---\n")
        .file("content/Étiquettes.md", "# Mes étiquettes\n")
        .file("content/pages à créer.md", "# Liste\n")
        .file("content/assets.md", "# Actifs\n");
    let o = fails_with(&s, "serait publiée à `reunion/`");
    for reserved in ["etiquettes/", "pages-a-creer/", "assets/"] {
        assert!(o.stderr.contains(reserved), "{reserved}:\n{}", o.stderr);
    }
    assert!(!s.exists("public"));
}

#[test]
fn content_files_that_collide_with_generated_files() {
    // Was: `content/sitemap.xml` replaced the sitemap, `content/404.html` the
    // 404 page and `content/page/index.html` the page `page.md`, without a word.
    // HTML and XML files are published only by a site that trusts them
    // (otherwise they are left out: `files_that_would_run_script_…`).
    let s = Site::new();
    s.file("playbook.toml", "[markdown]\nunsafe_html = true\n")
        .file("content/page.md", "# Page\n")
        .file("content/page/index.html", "mine")
        .file("content/sitemap.xml", "mine")
        .file("content/404.html", "mine")
        .file("content/assets/style.css", "mine")
        .file("content/assets/logo.png", "PNG");
    let o = fails_with(
        &s,
        "content/page/index.html: erreur : ce fichier remplacerait `page/index.html`, que playbook génère",
    );
    for f in ["sitemap.xml", "404.html", "assets/style.css"] {
        assert!(
            o.stderr.contains(&format!(
                "content/{f}: erreur : ce fichier remplacerait `{f}`"
            )),
            "{f}:\n{}",
            o.stderr
        );
    }
    assert!(!o.stderr.contains("logo.png"), "{}", o.stderr);
    assert!(
        o.stderr.contains("renommez ou déplacez le fichier"),
        "{}",
        o.stderr
    );
    assert!(!s.exists("public"));
}

#[test]
fn many_headings() {
    // Was quadratic (cubic for repeated titles): 2,000 `## Notes` took 66 s
    // (debug), 20,000 distinct headings 39 s.
    let s = Site::new();
    s.file("content/notes.md", "## Notes\n\nx\n\n".repeat(10_000))
        .file(
            "content/parties.md",
            (0..20_000).fold(String::new(), |mut s, i| {
                writeln!(s, "## Partie {i}\n\n[[#Partie {i}]]\n").unwrap();
                s
            }),
        );
    let m = build_measured(&s, 3 * CEILING);
    assert_eq!(m.out.code, 0, "{}", m.out.stderr);
    assert!(m.time < CEILING, "took {:?}", m.time);
    assert!(
        s.read("public/notes/index.html")
            .contains("id=\"notes-9999\"")
    );
}

#[test]
fn entity_encoded_placeholders_cannot_forge_links() {
    // `&#xE002;0&#xE001;` decodes to the closing placeholder of link 0.
    // (`&#xE000;` is turned into U+FFFD by comrak's off-by-one in entity.rs,
    // which is all that keeps the opening one from being forged too.)
    let s = Site::new();
    s.file(
        "content/a.md",
        "# A\n\n[[Autre]] puis &#xE000;0&#xE001;forgé&#xE002;0&#xE001; et &#57346;0&#57345;fin\n\n## Titre &#xE002;0&#xE001;\n",
    )
    .file("content/autre.md", "# Autre\n");
    builds(&s);
    let page = s.read("public/a/index.html");
    let main = main_of(&page);
    assert_eq!(
        main.matches("<a ").count(),
        main.matches("</a>").count(),
        "{main}"
    );
    assert!(
        !page.contains(['\u{E000}', '\u{E001}', '\u{E002}']),
        "{page}"
    );
}

#[test]
fn asset_placeholder_text_is_kept() {
    // Was: `playbook-asset:N` anywhere in the body became the URL of image N.
    let s = Site::new();
    s.file(
        "content/a.md",
        "# A\n\n![photo](photo.png)\n\nTexte : playbook-asset:0 et `playbook-asset:0`\n",
    )
    .file("content/photo.png", "PNG");
    builds(&s);
    let page = s.read("public/a/index.html");
    assert_eq!(page.matches("photo.png").count(), 1, "{}", main_of(&page));
    assert_eq!(
        page.matches("playbook-asset:0").count(),
        2,
        "{}",
        main_of(&page)
    );
}

#[test]
fn files_that_would_run_script_are_not_published() {
    let s = Site::new();
    s.file("content/a.md", "# A\n\n![dessin](dessin.svg) ![propre](propre.svg)\n")
        .file(
            "content/dessin.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<a href=\"&#106;avascript:alert(1)\">x</a></svg>\n",
        )
        .file(
            "content/propre.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n",
        )
        .file("content/essai.html", "<script>alert(1)</script>")
        .file(
            "content/donnees.xml",
            "<?xml version=\"1.0\"?>\n<communes><commune nom=\"Saint-Ouen\"/></communes>\n",
        )
        .file(
            "content/piege.xml",
            "<?xml version=\"1.0\"?>\n<d>\n  <h:script xmlns:h=\"http://www.w3.org/1999/xhtml\">alert(1)</h:script></d>\n",
        )
        .file("content/outils/script.js", "alert(1)")
        .file("content/b.md", "# B\n\n[l'essai](essai.html) [le piège](piege.xml)\n");
    // Was: the build failed on the first of them. Each is left out with a
    // warning, and the site is built without them.
    let o = builds(&s);
    for needle in [
        "content/dessin.svg:3:4: avertissement : ce dessin SVG contient une adresse `javascript:` dans `href`, qu'un navigateur exécuterait : la copie publiée l'enlève",
        "content/essai.html: avertissement : un fichier `.html` n'est pas publié : un navigateur exécuterait sur le site le script qu'il peut contenir",
        "content/outils/script.js: avertissement : un fichier `.js` n'est pas publié",
        "content/piege.xml:3:3: avertissement : ce fichier XML contient un élément <script> : un navigateur l'exécuterait sur le site, il n'est donc pas publié",
    ] {
        assert!(o.stderr.contains(needle), "{needle}\n{}", o.stderr);
    }
    assert!(!o.stderr.contains("propre.svg"), "{}", o.stderr);
    assert!(!o.stderr.contains("donnees.xml"), "{}", o.stderr);
    for refused in ["essai.html", "outils/script.js", "piege.xml"] {
        assert!(!s.exists(&format!("public/{refused}")), "{refused}");
    }
    assert!(s.exists("public/donnees.xml") && s.exists("public/propre.svg"));
    // Links to them are broken links: their text stays, with no address.
    let b = main_of(&s.read("public/b/index.html")).to_string();
    assert!(
        !b.contains("href=\"../essai.html") && !b.contains("piege.xml"),
        "{b}"
    );
    assert_eq!(b.matches("<span class=\"broken\">").count(), 2, "{b}");
    assert_eq!(
        s.read("public/dessin.svg"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\">\n<rect/>\n<a>x</a></svg>\n"
    );
    // `--strict` refuses the site, and the previous output stays.
    let before = crate::util::tree_snapshot(&s.path().join("public"));
    let strict = s.build(&["--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict
            .stderr
            .contains("content/outils/script.js: erreur : un fichier `.js` n'est pas publié"),
        "{}",
        strict.stderr
    );
    assert_eq!(crate::util::tree_snapshot(&s.path().join("public")), before);
    // Without the files that cannot be made safe, the site builds, and the
    // drawing is published without its link.
    s.remove("content/essai.html")
        .remove("content/outils/script.js")
        .remove("content/piege.xml");
    let o = builds(&s);
    assert!(
        o.stderr.contains("content/dessin.svg:3:4: avertissement"),
        "{}",
        o.stderr
    );
    let strict = s.build(&["--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    s.file("content/essai.html", "<script>alert(1)</script>");
    // `playbook check` reports them too (as errors with `--strict`).
    for (args, code) in [(&["check"][..], 0), (&["check", "--strict"][..], 1)] {
        let c = s.run(args);
        assert_eq!(c.code, code, "{}", c.stdout);
        let all = format!("{}{}", c.stdout, c.stderr);
        assert!(
            all.contains("content/dessin.svg:3:4") && all.contains("content/essai.html"),
            "{all}"
        );
    }
    // A site that trusts its authors with raw HTML publishes them as they are.
    s.file("playbook.toml", "[markdown]\nunsafe_html = true\n");
    builds(&s);
    assert!(s.exists("public/dessin.svg") && s.exists("public/essai.html"));
    assert_eq!(
        s.read("public/propre.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n"
    );
}

#[test]
fn a_clean_drawing_is_published_through_the_allow_list() {
    let s = Site::new();
    s.file("content/a.md", "# A\n\n![dessin](dessin.svg)\n")
        .file(
            "content/dessin.svg",
            "<?xml version=\"1.0\"?>\n<!-- Inkscape -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\" inkscape:version=\"1\"><rect width=\"4\"/><foreignObject><p xmlns=\"http://www.w3.org/1999/xhtml\">texte</p></foreignObject></svg>\n",
        )
        .file(
            "content/donnees.xml",
            "<?xml version=\"1.0\"?>\n<communes><commune nom=\"Saint-Ouen\"/></communes>\n",
        );
    builds(&s);
    assert_eq!(
        s.read("public/dessin.svg"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect width=\"4\"/></svg>\n"
    );
    // Other XML is published as it is.
    assert_eq!(
        s.read("public/donnees.xml"),
        "<?xml version=\"1.0\"?>\n<communes><commune nom=\"Saint-Ouen\"/></communes>\n"
    );
}
