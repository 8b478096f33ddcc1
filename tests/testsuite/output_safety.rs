//! The output folder: atomic replacement, foreign files, dangerous targets.

use crate::util::{
    Site, assert_spare_hollow, clean_build, diff, leftovers_beside, spare_of, tree_snapshot,
};

#[test]
fn deleted_pages_disappear_and_foreign_files_survive() {
    let s = Site::new();
    s.file("content/a.md", "A").file("content/b.md", "B");
    s.build_ok(&[]);
    assert!(s.exists("public/b/index.html"));
    // Files the user put there: a git checkout and a note.
    s.file("public/.git/config", "[core]\n")
        .file("public/.git/objects/ab/cdef", "obj")
        .file("public/notes.txt", "à moi");
    s.file("public/b/extra.txt", "dans un dossier généré");
    std::fs::remove_file(s.path().join("content/b.md")).unwrap();
    s.build_ok(&[]);
    assert!(
        !s.exists("public/b/index.html"),
        "a deleted page disappears"
    );
    assert_eq!(s.read("public/.git/config"), "[core]\n");
    assert_eq!(s.read("public/.git/objects/ab/cdef"), "obj");
    assert_eq!(s.read("public/notes.txt"), "à moi");
    assert_eq!(s.read("public/b/extra.txt"), "dans un dossier généré");
    // And again: they keep surviving.
    s.build_ok(&[]);
    assert_eq!(s.read("public/notes.txt"), "à moi");
}

#[test]
fn first_build_into_a_folder_with_foreign_files() {
    let s = Site::new();
    s.file("content/a.md", "A")
        .file("public/.git/HEAD", "ref")
        .file("public/LISEZMOI.txt", "x");
    s.build_ok(&[]);
    assert_eq!(s.read("public/.git/HEAD"), "ref");
    assert_eq!(s.read("public/LISEZMOI.txt"), "x");
    assert!(s.exists("public/a/index.html"));
}

#[test]
fn a_foreign_file_is_never_overwritten() {
    let s = Site::new();
    s.file("content/a.md", "A")
        .file("public/index.html", "<p>fait main</p>");
    let before = tree_snapshot(&s.path().join("public"));
    let o = s.build(&[]);
    assert_ne!(o.code, 0);
    assert!(o.stderr.contains("index.html"), "{}", o.stderr);
    assert!(
        o.stderr.contains("que playbook n'a pas créés"),
        "{}",
        o.stderr
    );
    assert_eq!(tree_snapshot(&s.path().join("public")), before);
    let leftovers = leftovers_beside(&s.path().join("public"));
    assert!(
        leftovers.is_empty(),
        "no staging folder left behind: {leftovers:?}"
    );
    assert!(
        !s.path().join(".playbook-spare").exists(),
        "a failed build leaves no spare"
    );
}

#[test]
fn dangerous_output_folders_are_refused() {
    let s = Site::new();
    s.file("content/a.md", "A").file("content/keep.md", "keep");
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join("precious.txt"), "x").unwrap();
    let site_root = s.path().to_str().unwrap().to_string();
    let parent = s.path().parent().unwrap().to_str().unwrap().to_string();
    let cases: Vec<(String, &str)> = vec![
        ("/".into(), "racine du système de fichiers"),
        (
            home.path().to_str().unwrap().into(),
            "votre dossier personnel",
        ),
        (".".into(), "dossier du site lui-même"),
        (site_root.clone(), "dossier du site lui-même"),
        (parent, "il contient le dossier `content/`"),
        ("content".into(), "il contient le dossier `content/`"),
        ("content/sous".into(), "il est dans le dossier `content/`"),
    ];
    for (out, why) in cases {
        let o = std::process::Command::new(crate::util::BIN)
            .args(["build", "--out", &out])
            .current_dir(s.path())
            .env("HOME", home.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "--out {out}: {stderr}");
        assert!(stderr.contains(why), "--out {out}: {stderr}");
    }
    assert!(home.path().join("precious.txt").exists());
    assert_eq!(s.read("content/keep.md"), "keep");
}

#[test]
fn concurrent_builds_both_leave_a_complete_site() {
    let s = Site::new();
    for i in 0..400 {
        s.file(
            &format!("content/p{i}.md"),
            format!("# Page {i}\n\n[[Page {}]]\n", (i + 1) % 400),
        );
    }
    s.build_ok(&[]);
    let spawn = || {
        std::process::Command::new(crate::util::BIN)
            .arg("build")
            .current_dir(s.path())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn(), spawn());
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let manifest = s.read("public/.playbook-manifest");
    for line in manifest.lines() {
        assert!(
            s.exists(&format!("public/{line}")),
            "{line} listed but missing"
        );
    }
    // 400 pages, the home, the tag index, the pages to create and the search page.
    assert_eq!(
        manifest
            .lines()
            .filter(|l| l.ends_with("index.html"))
            .count(),
        400 + 4
    );
    let leftovers = leftovers_beside(&s.path().join("public"));
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Inode numbers of the files (and folders, with a trailing `/`) under `dir`.
fn inodes(dir: &std::path::Path) -> std::collections::BTreeMap<String, u64> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            let rel = if e.file_type().is_dir() {
                format!("{rel}/")
            } else {
                rel.into_owned()
            };
            (rel, e.metadata().unwrap().ino())
        })
        .collect()
}

#[test]
fn an_unchanged_rebuild_creates_no_file_and_no_folder() {
    let s = Site::new();
    for i in 0..30 {
        s.file(
            &format!("content/dossier/p{i}.md"),
            format!("# Page {i}\n\n[[Page {}]]\n", (i + 1) % 30),
        );
    }
    s.file("content/photo.png", [0x89, b'P', b'N', b'G', 1, 2, 3]);
    let public = s.path().join("public");
    let mut seen = vec![];
    for n in 0..4 {
        let o = s.build_ok(&[]);
        let files = s.read("public/.playbook-manifest").lines().count();
        let changed = if n == 0 { files } else { 0 };
        assert!(
            o.stderr.contains(&if changed < 2 {
                format!("({files} fichiers, {changed} nouveau ou modifié)")
            } else {
                format!("({files} fichiers, {changed} nouveaux ou modifiés)")
            }),
            "build {n}: {}",
            o.stderr
        );
        let mut ino = inodes(&public);
        ino.remove(".playbook-manifest");
        seen.push(ino);
        assert_spare_hollow(&public);
    }
    // From the second build on, every file is the same inode; and the
    // folders of the fourth build are those of the second (output and spare
    // trade places at each build, and neither is made anew).
    assert_eq!(seen[1].len(), seen[2].len());
    for (rel, ino) in &seen[1] {
        if rel.ends_with('/') {
            assert_eq!(Some(ino), seen[3].get(rel), "{rel} was made again");
        } else {
            assert_eq!(Some(ino), seen[2].get(rel), "{rel} was written again");
            assert_eq!(Some(ino), seen[3].get(rel), "{rel} was written again");
        }
    }
    // The spare holds every file of the site.
    assert_eq!(
        assert_spare_hollow(&public),
        seen[3].keys().filter(|r| !r.ends_with('/')).count()
    );
}

#[test]
fn the_spare_keeps_no_old_content() {
    let s = Site::new();
    s.file("content/a.md", "# A\n\nTexte public.\n")
        .file(
            "content/b.md",
            "# B\n\nNuméro de téléphone personnel : 06 00 00 00 00\n",
        )
        .file("content/c.md", "# C\n\nAncienne version confidentielle.\n");
    s.build_ok(&[]);
    s.build_ok(&[]);
    std::fs::remove_file(s.path().join("content/b.md")).unwrap();
    s.file("content/c.md", "# C\n\nNouvelle version.\n");
    s.build_ok(&[]);
    let public = s.path().join("public");
    assert_spare_hollow(&public);
    let spare = tree_snapshot(&spare_of(&public));
    for (rel, bytes) in &spare {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("06 00 00") && !text.contains("confidentielle"),
            "{rel} in the spare keeps removed content"
        );
    }
    assert!(!spare.contains_key("b/index.html") && !spare.contains_key("b/"));
    assert_same_as_clean_build(&s);
}

#[test]
fn a_link_planted_in_the_spare_is_not_followed() {
    let s = Site::new();
    s.file("content/a.md", "# A\n")
        .file("content/b.md", "# B\n");
    s.build_ok(&[]);
    s.build_ok(&[]);
    let public = s.path().join("public");
    let spare = spare_of(&public);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("index.html"), "à moi").unwrap();
    std::fs::remove_dir_all(spare.join("a")).unwrap();
    std::os::unix::fs::symlink(outside.path(), spare.join("a")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("index.html"),
        spare.join("b/index.html"),
    )
    .ok();
    s.file("content/a.md", "# A modifiée\n");
    s.file("content/b.md", "# B modifiée\n");
    s.build_ok(&[]);
    assert_eq!(
        std::fs::read_to_string(outside.path().join("index.html")).unwrap(),
        "à moi"
    );
    assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 1);
    assert_same_as_clean_build(&s);
    assert_spare_hollow(&public);
}

#[test]
fn files_and_folders_trade_places_in_the_spare() {
    let s = Site::new();
    let public = s.path().join("public");
    s.file("content/index.md", "# Accueil\n")
        .file("content/docs/guide.md", "# Guide\n")
        .file("content/fiche", "un fichier sans extension");
    s.build_ok(&[]);
    s.build_ok(&[]);
    // `docs/` (a folder) becomes a file, `fiche` (a file) becomes a folder.
    std::fs::remove_dir_all(s.path().join("content/docs")).unwrap();
    std::fs::remove_file(s.path().join("content/fiche")).unwrap();
    s.file("content/docs", "plus un dossier")
        .file("content/fiche.md", "# Fiche\n");
    for _ in 0..3 {
        s.build_ok(&[]);
        assert_same_as_clean_build(&s);
        assert_spare_hollow(&public);
        assert_eq!(s.read("public/docs"), "plus un dossier");
        assert!(s.exists("public/fiche/index.html"));
    }
    // And back.
    std::fs::remove_file(s.path().join("content/docs")).unwrap();
    std::fs::remove_file(s.path().join("content/fiche.md")).unwrap();
    s.file("content/docs/guide.md", "# Guide\n")
        .file("content/fiche", "un fichier sans extension");
    for round in 0..3 {
        s.build_ok(&[]);
        assert_eq!(
            tree_snapshot(&public),
            clean_build(&s),
            "back, round {round}"
        );
        assert_spare_hollow(&public);
    }
}

/// `public/` is what a build into a fresh folder gives.
fn assert_same_as_clean_build(s: &Site) {
    let want = clean_build(s);
    let got = tree_snapshot(&s.path().join("public"));
    assert!(
        got == want,
        "public/ differs from a clean build:\n{}",
        diff(&want, &got)
    );
}

#[test]
fn a_spare_left_in_any_state_by_a_killed_build_gives_the_right_site() {
    let s = Site::new();
    for i in 0..12 {
        s.file(
            &format!("content/d{}/p{i}.md", i % 3),
            format!("# Page {i}\n\nTexte {i}.\n"),
        );
    }
    s.build_ok(&[]);
    s.build_ok(&[]);
    let public = s.path().join("public");
    let spare = spare_of(&public);
    let live = tree_snapshot(&public);
    // What a build killed while filling or hollowing the spare can leave:
    // old or half-written versions of listed files (their own inodes, never
    // the live ones), files no build lists, a manifest, stray folders.
    let mut n = 0;
    for e in walkdir::WalkDir::new(&spare).min_depth(1) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            n += 1;
            if n % 2 == 0 {
                std::fs::remove_file(e.path()).unwrap();
                std::fs::write(e.path(), "version à moitié écrite").unwrap();
            } else if n % 3 == 0 {
                std::fs::remove_file(e.path()).unwrap();
            }
        }
    }
    assert!(n > 20, "{n} files in the spare");
    std::fs::write(spare.join(".playbook-manifest"), "d0/p0/index.html\n").unwrap();
    std::fs::create_dir_all(spare.join("ancien/dossier")).unwrap();
    std::fs::write(spare.join("ancien/dossier/index.html"), "page supprimée").unwrap();
    std::fs::write(spare.join("d1/orphelin.html"), "reste").unwrap();
    assert_eq!(
        live,
        tree_snapshot(&public),
        "(the test only touched the spare)"
    );
    s.file("content/d0/p0.md", "# Page 0\n\nModifiée.\n");
    s.build_ok(&[]);
    assert_same_as_clean_build(&s);
    assert_spare_hollow(&public);
    s.build_ok(&[]);
    assert_same_as_clean_build(&s);
    assert_spare_hollow(&public);
}
