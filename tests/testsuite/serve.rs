//! `playbook serve`: serving, live reload, error overlay, renames and
//! deletions, path safety. Drives the real binary over HTTP.

use crate::util::{Events, Site, git_in, http};

fn body(port: u16, path: &str) -> (u16, String) {
    let (status, _, b) = http(port, "GET", path);
    (status, String::from_utf8_lossy(&b).into_owned())
}

#[test]
fn edit_reload_overlay_rename_delete() {
    let s = Site::new();
    s.file("content/a.md", "---\ntitle: Page A\n---\nPremier texte.\n")
        .file(
            "content/b.md",
            "---\ntitle: Page B\n---\nVoir [[Page A]].\n",
        );
    let served = s.serve();
    let port = served.port;
    let (status, a) = body(port, "/a/");
    assert_eq!(status, 200);
    assert!(
        a.contains("Premier texte.") && a.contains("/__playbook/events"),
        "reload script injected"
    );
    let (_, head, _) = http(port, "HEAD", "/a/");
    assert!(
        head.contains("Content-Type: text/html; charset=utf-8"),
        "{head}"
    );

    // Edit: an event, then the new text.
    let mut events = Events::connect(port);
    s.file("content/a.md", "---\ntitle: Page A\n---\nSecond texte.\n");
    assert_eq!(events.next_event(), "reload");
    assert!(body(port, "/a/").1.contains("Second texte."));

    // Broken front matter: the old page is still served, with the overlay naming file and line.
    s.file("content/a.md", "---\ntitle: [Page A\n---\nTroisième.\n");
    assert_eq!(events.next_event(), "reload");
    let (status, a) = body(port, "/a/");
    assert_eq!(status, 200);
    assert!(a.contains("Second texte."), "last good version kept");
    assert!(
        a.contains("id=\"playbook-error\"") && a.contains("content/a.md:2:"),
        "overlay with file and line"
    );
    // Fixed: the overlay goes away by itself.
    s.file("content/a.md", "---\ntitle: Page A\n---\nTroisième.\n");
    assert_eq!(events.next_event(), "reload");
    let a = body(port, "/a/").1;
    assert!(a.contains("Troisième.") && !a.contains("playbook-error"));

    // Rename: the old address is gone, the new one is there, links follow the title.
    std::fs::rename(
        s.path().join("content/a.md"),
        s.path().join("content/renommee.md"),
    )
    .unwrap();
    assert_eq!(events.next_event(), "reload");
    assert_eq!(body(port, "/a/").0, 404);
    assert_eq!(body(port, "/renommee/").0, 200);
    assert!(body(port, "/b/").1.contains("href=\"../renommee/\""));
    // Delete: gone, and the link becomes a page to create.
    std::fs::remove_file(s.path().join("content/renommee.md")).unwrap();
    assert_eq!(events.next_event(), "reload");
    assert_eq!(body(port, "/renommee/").0, 404);
    assert!(body(port, "/b/").1.contains("class=\"new\""));
    // A CSS change swaps stylesheets without reloading.
    s.file("themes/default/static/extra.css", "body{}");
    let e = events.next_event();
    assert!(e == "css" || e == "reload", "{e}");
    s.file("themes/default/static/extra.css", "body{color:red}");
    assert_eq!(events.next_event(), "css");
    // Serve never writes into public/.
    assert!(!s.exists("public"), "serve wrote an output folder");
}

#[test]
fn nothing_outside_the_site_is_served() {
    let s = Site::new();
    s.file("content/a.md", "A");
    std::os::unix::fs::symlink("/etc/passwd", s.path().join("content/passwd.txt")).unwrap();
    std::fs::write(s.path().join("secret.txt"), "TOP-SECRET-CONTENT").unwrap();
    let served = s.serve();
    let port = served.port;
    let long = format!("/{}", "a/".repeat(3000));
    let battery = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/..\\secret.txt",
        "/a/../../secret.txt",
        "/%00",
        "/a%00.html",
        "//etc/passwd",
        "/etc/passwd",
        "/passwd.txt",
        "http://127.0.0.1/../secret.txt",
        "/public/../secret.txt",
        long.as_str(),
    ];
    for target in battery {
        let (status, head, b) = http(port, "GET", target);
        let text = String::from_utf8_lossy(&b);
        assert!(
            matches!(status, 400 | 404 | 414),
            "{target}: {status} {head}"
        );
        assert!(
            !text.contains("root:x:0") && !text.contains("TOP-SECRET"),
            "{target} leaked: {text}"
        );
    }
    assert_eq!(http(port, "GET", "/a/").0, 200);
    assert_eq!(http(port, "POST", "/a/").0, 405);
    let (status, _, b) = http(port, "GET", "/nowhere/");
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&b).contains("Page introuvable"),
        "the theme's 404 page"
    );
}

#[test]
fn an_explicit_busy_port_is_an_error() {
    let s = Site::new();
    s.file("content/a.md", "A");
    let busy = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = busy.local_addr().unwrap().port().to_string();
    let o = s.run(&["serve", "--port", &port]);
    assert_ne!(o.code, 0);
    assert!(
        o.stderr.contains(&format!("port {port}")) && o.stderr.contains("est déjà utilisé"),
        "{}",
        o.stderr
    );
}

/// A built file's text with the fingerprinted names of the theme's files
/// (`assets/style.1a2b3c4d5e.css`) made plain, as `serve` links them.
fn unfingerprinted(renamed: &[(String, String)], text: &str) -> String {
    let mut text = text.to_string();
    for (hashed, plain) in renamed {
        text = text.replace(hashed, plain);
    }
    text
}

/// Every file of a clean build, as served: the reload script is the only difference.
fn assert_served_equals_clean_build(s: &Site, port: u16, step: &str) {
    let clean = Site::new();
    crate::util::copy_dir(&s.path().join("content"), &clean.path().join("content"));
    let o = clean.build(&[]);
    assert_eq!(o.code, 0, "{step}: clean build failed: {}", o.stderr);
    let public = clean.path().join("public");
    let renamed: Vec<(String, String)> = walkdir::WalkDir::new(public.join("assets"))
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&public).ok()?.to_string_lossy();
            let rel = rel.replace('\\', "/");
            crate::util::plain_asset_name(&rel).map(|plain| (rel, plain))
        })
        .collect();
    for e in walkdir::WalkDir::new(&public)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
    {
        let rel = e
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if rel == ".playbook-manifest" {
            continue;
        }
        let mut want = std::fs::read(e.path()).unwrap();
        // A build links the theme's files by fingerprinted names, serve by
        // plain ones: the same bytes, asked for by the plain name.
        let plain = crate::util::plain_asset_name(&rel);
        if let Some(plain) = &plain
            && public.join(plain).exists()
        {
            continue;
        }
        if let Ok(text) = std::str::from_utf8(&want) {
            want = unfingerprinted(&renamed, text).into_bytes();
        }
        let rel = plain.unwrap_or(rel);
        let url = format!(
            "/{}",
            rel.split('/')
                .map(|seg| {
                    seg.bytes()
                        .map(|b| {
                            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                                (b as char).to_string()
                            } else {
                                format!("%{b:02X}")
                            }
                        })
                        .collect::<String>()
                })
                .collect::<Vec<_>>()
                .join("/")
        );
        let (status, _, got) = http(port, "GET", &url);
        assert!(status == 200, "{step}: {url} → {status}");
        let got = if rel.ends_with(".html") {
            let text = String::from_utf8_lossy(&got).into_owned();
            let start = text
                .find("<script>(function(){\nvar k='playbook-scroll:")
                .expect("reload script");
            let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
            format!("{}{}", &text[..start], &text[end..]).into_bytes()
        } else {
            got
        };
        assert!(got == want, "{step}: {rel} differs from a clean build");
    }
}

#[test]
fn random_edits_always_serve_what_a_clean_build_gives() {
    let s = Site::new();
    let titles = [
        "Accueil",
        "Coopération",
        "Légitimité",
        "Facilitation",
        "Typologie",
        "Atelier",
    ];
    for (i, t) in titles.iter().enumerate() {
        s.file(
            &format!("content/p{i}.md"),
            format!(
                "---\ntitle: {t}\ntags: [t{}]\n---\n## Section\n\n[[{}]] et [[Absente {i}]]\n",
                i % 2,
                titles[(i + 1) % titles.len()]
            ),
        );
    }
    let served = s.serve();
    let port = served.port;
    let mut events = Events::connect(port);
    let mut rng: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: u64| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng % n
    };
    let steps: usize = std::env::var("PLAYBOOK_SERVE_STEPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    for step in 0..steps {
        let files: Vec<std::path::PathBuf> = walkdir::WalkDir::new(s.path().join("content"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect();
        let pick = &files[next(files.len() as u64) as usize];
        let what = match next(5) {
            0 => {
                let t = titles[next(titles.len() as u64) as usize];
                std::fs::write(pick, format!("---\ntitle: {t} {step}\ntags: [t{}]\n---\n## Autre\n\nVoir [[{t}]] et [[{}#Section]].\n", next(3), titles[next(6) as usize])).unwrap();
                "edit"
            }
            1 => {
                s.file(
                    &format!("content/d{}/n{step}.md", next(2)),
                    format!("# Nouvelle {step}\n\n[[Coopération]]\n"),
                );
                "create"
            }
            2 => {
                let to = pick.with_file_name(format!("r{step}.md"));
                std::fs::rename(pick, &to).unwrap();
                "rename"
            }
            3 if files.len() > 2 => {
                std::fs::remove_file(pick).unwrap();
                "delete"
            }
            _ => {
                let mut text = std::fs::read_to_string(pick).unwrap();
                text.push_str(&format!("\nAjout {step} [[Facilitation]].\n"));
                std::fs::write(pick, text).unwrap();
                "append"
            }
        };
        assert_eq!(events.next_event(), "reload", "step {step} ({what})");
        // A batch may arrive in two parts (create then write): let it settle.
        std::thread::sleep(std::time::Duration::from_millis(400));
        assert_served_equals_clean_build(
            &s,
            port,
            &format!("step {step} ({what} {})", pick.display()),
        );
    }
}

/// What the watcher must not react to, and what it must take as one change.
#[test]
fn watching_ignores_reads_and_temporaries_and_joins_bursts() {
    let s = Site::new();
    s.file("content/a.md", "---\ntitle: Page A\n---\nTexte.\n");
    let served = s.serve();
    let port = served.port;
    let mut events = Events::connect(port);
    let quiet = std::time::Duration::from_millis(700);

    // Reading a file (an access event on Linux) changes nothing.
    let _ = std::fs::read(s.path().join("content/a.md")).unwrap();
    let _ = std::fs::read_dir(s.path().join("content")).unwrap().count();
    assert_eq!(
        events.event_within(quiet),
        None,
        "a read triggered a rebuild"
    );

    // Editor temporaries: vim's swap, backup and write test, emacs locks, `~` backups.
    for tmp in [
        "content/.a.md.swp",
        "content/.a.md.swx",
        "content/4913",
        "content/a.md~",
        "content/.#a.md",
    ] {
        s.file(tmp, "brouillon");
    }
    std::fs::remove_file(s.path().join("content/4913")).unwrap();
    assert_eq!(
        events.event_within(quiet),
        None,
        "a temporary triggered a rebuild"
    );

    // An atomic save (temporary file renamed over the page) is one change.
    s.file(
        "content/.a.md.tmp~",
        "---\ntitle: Page A\n---\nEnregistré.\n",
    );
    std::fs::rename(
        s.path().join("content/.a.md.tmp~"),
        s.path().join("content/a.md"),
    )
    .unwrap();
    assert_eq!(events.next_event(), "reload");
    assert_eq!(
        events.event_within(quiet),
        None,
        "an atomic save gave two rebuilds"
    );
    assert!(body(port, "/a/").1.contains("Enregistré."));
    assert!(!s.exists("public"), "serve wrote an output folder");
}

/// A `git checkout` that rewrites 500 pages gives one rebuild, not 500.
#[test]
fn a_500_file_checkout_is_one_rebuild() {
    let s = Site::new();
    for i in 0..500 {
        s.file(
            &format!("content/d{}/p{i}.md", i % 5),
            format!("# Page {i}\n\nVersion un. [[Page {}]]\n", (i + 1) % 500),
        );
    }
    git_in(s.path(), &["init", "-q", "-b", "main"], &[]);
    git_in(s.path(), &["add", "-A"], &[]);
    git_in(s.path(), &["commit", "-qm", "un"], &[]);
    git_in(s.path(), &["checkout", "-qb", "deux"], &[]);
    for i in 0..500 {
        s.file(
            &format!("content/d{}/p{i}.md", i % 5),
            format!("# Page {i}\n\nVersion deux. [[Page {}]]\n", (i + 2) % 500),
        );
    }
    git_in(s.path(), &["commit", "-qam", "deux"], &[]);
    git_in(s.path(), &["checkout", "-q", "main"], &[]);

    let served = s.serve();
    let port = served.port;
    assert!(body(port, "/d0/p0/").1.contains("Version un."));
    let mut events = Events::connect(port);
    git_in(s.path(), &["checkout", "-q", "deux"], &[]);
    assert_eq!(events.next_event(), "reload");
    assert_eq!(
        events.event_within(std::time::Duration::from_millis(1500)),
        None,
        "the checkout gave more than one rebuild"
    );
    for i in [0, 137, 499] {
        let page = body(port, &format!("/d{}/p{i}/", i % 5)).1;
        assert!(page.contains("Version deux."), "page {i} not updated");
    }
}

/// Many clients at once, with live-reload streams open: every request answered.
#[test]
fn many_concurrent_clients_are_served() {
    let s = Site::new();
    for i in 0..40 {
        s.file(
            &format!("content/p{i}.md"),
            format!("# Page {i}\n\n{}\n", "Du texte. ".repeat(200)),
        );
    }
    let served = s.serve();
    let port = served.port;
    let streams: Vec<Events> = (0..8).map(|_| Events::connect(port)).collect();
    let threads: Vec<_> = (0..64)
        .map(|t| {
            std::thread::spawn(move || {
                let mut failures = vec![];
                for n in 0..50 {
                    let i = (t * 7 + n) % 45;
                    let (want, path) = if i < 40 {
                        (200, format!("/p{i}/"))
                    } else {
                        (404, format!("/absente-{i}/"))
                    };
                    let (status, _, b) = http(port, if n % 5 == 0 { "HEAD" } else { "GET" }, &path);
                    let ok = status == want
                        && (n % 5 == 0
                            || (want == 200)
                                == String::from_utf8_lossy(&b).contains(&format!("Page {i}")));
                    if !ok {
                        failures.push(format!("{path}: {status}"));
                    }
                }
                failures
            })
        })
        .collect();
    let failures: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().unwrap())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of 3200 requests failed: {:?}",
        failures.len(),
        &failures[..failures.len().min(10)]
    );
    drop(streams);
    assert_eq!(http(port, "GET", "/p1/").0, 200, "still serving");
}
