//! Output on a full disk and on a read-only file system: a clear error
//! naming what could not be written, and the previous site left as it was.
//!
//! The output lives on a small tmpfs mounted for the test (`mount -t tmpfs
//! -o size=…`, as root or through `sudo -n`; the test fails, never skips,
//! without either) and unmounted when the test ends, even on failure. Root
//! ignores file permissions, so "read-only" is a read-only remount.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{Output, Site, tree_snapshot};

/// A tmpfs mounted on a fresh temporary folder, unmounted on drop.
struct Tmpfs {
    dir: tempfile::TempDir,
}

/// `mount`/`umount`, through `sudo -n` when not root (as `scripts/test.sh`
/// does for apt-get).
fn privileged(program: &str) -> Command {
    use std::os::unix::fs::MetadataExt;
    // The owner of a file we create is who we are.
    let probe = tempfile::NamedTempFile::new().unwrap();
    let root = probe.as_file().metadata().unwrap().uid() == 0;
    if root {
        Command::new(program)
    } else {
        let mut c = Command::new("sudo");
        c.args(["-n", program]);
        c
    }
}

impl Tmpfs {
    fn mount(size: &str) -> Tmpfs {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        // Owned by whoever runs the tests, so that playbook can write there.
        let me = std::fs::metadata(dir.path()).unwrap();
        let out = privileged("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!(
                "size={size},mode=0755,uid={},gid={}",
                me.uid(),
                me.gid()
            ))
            .arg("tmpfs")
            .arg(dir.path())
            .output()
            .expect("run mount");
        assert!(
            out.status.success(),
            "these tests mount a small tmpfs: they need root, or sudo without a password: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Tmpfs { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, opts: &str) {
        let st = privileged("mount")
            .args(["-o", &format!("remount,{opts}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(st.success(), "remount {opts}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// Bytes that no file system compresses.
fn noise(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

fn build_into(s: &Site, out: &Path) -> Output {
    s.build(&["--out", out.to_str().unwrap()])
}

/// Fails on a panic, on success, and on a message that does not say what
/// went wrong and that the previous output is kept.
fn clear_failure(o: &Output, cause: &str) {
    assert_ne!(o.code, 101, "playbook panicked:\n{}", o.stderr);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    assert_eq!(o.code, 1, "expected a failure:\n{}", o.stderr);
    assert!(
        o.stderr.contains(cause),
        "expected `{cause}`:\n{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("le site déjà construit") && o.stderr.contains("n'a pas été modifié"),
        "the message says the previous output is kept:\n{}",
        o.stderr
    );
}

/// Nothing but `public/` (no staging folder) on the mount.
fn only_public(mnt: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(mnt)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap() != "public")
        .collect()
}

#[test]
fn a_full_disk_leaves_the_previous_site_intact() {
    let s = Site::new();
    s.file("content/a.md", "# A\n\n[[B]]\n")
        .file("content/b.md", "# B\n");
    let mnt = Tmpfs::mount("1m");
    let out = mnt.path().join("public");
    let o = build_into(&s, &out);
    assert_eq!(o.code, 0, "{}", o.stderr);
    // A file playbook did not create, kept across builds.
    std::fs::write(out.join("LISEZMOI.txt"), "à moi").unwrap();
    let before = tree_snapshot(&out);

    // An attachment larger than the disk: the copy fails.
    s.file("content/annexe.pdf", noise(2 << 20));
    let o = build_into(&s, &out);
    clear_failure(&o, "le disque est plein");
    assert!(
        o.stderr.contains("annexe.pdf"),
        "names the file:\n{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("aide : libérez de la place"),
        "{}",
        o.stderr
    );
    eprintln!("{}", o.stderr);
    assert_eq!(tree_snapshot(&out), before, "the previous site is intact");
    assert!(
        only_public(mnt.path()).is_empty(),
        "{:?}",
        only_public(mnt.path())
    );

    // Pages that fill the disk while they are written.
    std::fs::remove_file(s.path().join("content/annexe.pdf")).unwrap();
    for i in 0..20 {
        s.file(
            &format!("content/p{i}.md"),
            format!(
                "# Page {i}\n\n{}\n",
                "Du texte à remplir le disque. ".repeat(3_000)
            ),
        );
    }
    let o = build_into(&s, &out);
    clear_failure(&o, "le disque est plein");
    assert!(
        o.stderr.contains("index.html"),
        "names the file:\n{}",
        o.stderr
    );
    assert_eq!(tree_snapshot(&out), before, "the previous site is intact");
    assert!(
        only_public(mnt.path()).is_empty(),
        "{:?}",
        only_public(mnt.path())
    );

    // Once there is room again, the build goes through.
    mnt.remount("size=64m");
    let o = build_into(&s, &out);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(out.join("p19/index.html").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("LISEZMOI.txt")).unwrap(),
        "à moi"
    );
}

#[test]
fn a_read_only_output_gives_a_clear_error() {
    let s = Site::new();
    s.file("content/a.md", "# A\n");
    let mnt = Tmpfs::mount("4m");
    let out = mnt.path().join("public");
    let o = build_into(&s, &out);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let before = tree_snapshot(&out);

    s.file("content/b.md", "# B\n");
    mnt.remount("ro");
    let o = build_into(&s, &out);
    clear_failure(&o, "le disque est en lecture seule");
    assert!(
        o.stderr
            .contains("aide : le dossier de sortie est sur un disque en lecture seule"),
        "{}",
        o.stderr
    );
    eprintln!("{}", o.stderr);
    assert!(
        o.stderr.contains(mnt.path().to_str().unwrap()),
        "names the folder:\n{}",
        o.stderr
    );
    assert_eq!(tree_snapshot(&out), before);

    // A first build into a read-only folder: the same.
    mnt.remount("rw");
    std::fs::remove_dir_all(&out).unwrap();
    mnt.remount("ro");
    let o = build_into(&s, &out);
    clear_failure(&o, "le disque est en lecture seule");
    assert!(!out.exists());
}
