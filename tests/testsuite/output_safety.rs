//! The output folder: atomic replacement, foreign files, dangerous targets.

use crate::util::{Site, tree_snapshot};

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
    assert!(o.stderr.contains("did not create"), "{}", o.stderr);
    assert_eq!(tree_snapshot(&s.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(s.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("playbook-"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder left behind");
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
        ("/".into(), "root of the file system"),
        (home.path().to_str().unwrap().into(), "home folder"),
        (".".into(), "site folder"),
        (site_root.clone(), "site folder"),
        (parent, "contains the `content/` folder"),
        ("content".into(), "contains the `content/` folder"),
        ("content/sous".into(), "inside the `content/` folder"),
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
    let leftovers: Vec<_> = std::fs::read_dir(s.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains("playbook-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
