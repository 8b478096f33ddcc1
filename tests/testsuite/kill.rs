//! A build killed at any moment (SIGKILL: no destructor, no cleanup) leaves
//! the previous `public/` exactly as it was, or, if it got as far as the swap,
//! exactly the new site; and the next build removes whatever it left beside.
//!
//! Each run edits one page, starts `playbook build`, sends SIGKILL after a
//! delay drawn (deterministically) between 0 and a little more than a full
//! build's duration, and compares `public/` byte for byte. 50 kills by
//! default (about 40 s in a debug build on 2 busy cores);
//! `PLAYBOOK_KILL_RUNS=N` runs another number.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use crate::subpath::generated_corpus;
use crate::util::{BIN, Site, assert_spare_hollow, clean_build, diff, tree_snapshot};

const PAGES: usize = 250;
const DEFAULT_RUNS: usize = 50;
const STAGING_PREFIX: &str = ".public.playbook-";

/// A deterministic xorshift64 generator: no `rand` crate, same delays on every run.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> XorShift {
        let mut x = XorShift((seed + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        for _ in 0..4 {
            x.next();
        }
        x
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Uniform in `[0, 1)`.
    fn fraction(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[test]
fn a_killed_build_leaves_the_previous_output_intact() {
    let started = Instant::now();
    let runs: usize = std::env::var("PLAYBOOK_KILL_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_RUNS);
    let site = Site::new();
    generated_corpus(PAGES, site.path());
    let t = Instant::now();
    site.build_ok(&[]);
    let full = t.elapsed();

    let public = site.path().join("public");
    let mut current = tree_snapshot(&public);
    let pages = markdown_files(&site.path().join("content"));
    assert!(
        pages.len() >= PAGES,
        "the corpus has only {} pages",
        pages.len()
    );

    let (mut untouched, mut swapped_then_killed, mut finished) = (0, 0, 0);
    let mut strays: Vec<String> = vec![];
    for run in 0..runs {
        let mut rng = XorShift::new(run as u64);
        let page = &pages[(rng.next() % pages.len() as u64) as usize];
        let mut text = std::fs::read_to_string(page).unwrap();
        text.push_str(&format!(
            "\n\nModification {run}, écrite pendant une construction interrompue.\n"
        ));
        std::fs::write(page, text).unwrap();
        // A rebuild also carries foreign files over and removes the previous
        // output after the swap: aim a little past the first build's time so
        // that those last steps get their share of kills.
        let delay = full.mul_f64(rng.fraction() * 1.15);

        let mut child = Command::new(BIN)
            .arg("build")
            .current_dir(site.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start playbook build");
        std::thread::sleep(delay);
        let exited = child.try_wait().expect("try_wait");
        let _ = child.kill(); // SIGKILL on unix
        child.wait().expect("wait for the killed build");

        let when = format!(
            "run {run}: {} killed after {delay:.2?} (a full build takes {full:.2?})",
            rel(page, site.path())
        );
        let after = tree_snapshot(&public);
        match exited {
            Some(status) if !status.success() => {
                panic!("{when}: the build failed by itself ({status})")
            }
            Some(_) => {
                finished += 1;
                assert!(
                    after != current,
                    "{when}: the build finished before the kill, yet public/ did not change"
                );
                let expected = clean_build(&site);
                assert!(
                    after == expected,
                    "{when}: the build finished, but public/ is not the new site:\n{}",
                    diff(&expected, &after)
                );
            }
            None if after == current => untouched += 1,
            None => {
                let expected = clean_build(&site);
                assert!(
                    after == expected,
                    "{when}: public/ is neither the previous output nor the new site:\n\
                     against the previous output:\n{}\nagainst the new site:\n{}",
                    diff(&current, &after),
                    diff(&expected, &after)
                );
                swapped_then_killed += 1;
            }
        }
        current = after;
        // What this kill left beside public/ (the next build must clean it up).
        for name in staging_folders(site.path()) {
            let marked = site.path().join(&name).join(".playbook-staging").exists();
            let line = format!(
                "{name} ({} the staging marker) left by {when}",
                if marked { "with" } else { "without" }
            );
            if !strays.iter().any(|s| s.starts_with(&name)) {
                strays.push(line);
            }
        }
    }

    // A build that runs to the end leaves nothing beside public/ but a
    // hollow spare.
    site.build_ok(&[]);
    assert_spare_hollow(&public);
    let left = staging_folders(site.path());
    let origins: Vec<&String> = strays
        .iter()
        .filter(|s| left.iter().any(|l| s.starts_with(l.as_str())))
        .collect();
    assert!(
        left.is_empty(),
        "after {runs} killed builds ({untouched} left public/ untouched, {swapped_then_killed} killed after the swap, \
         {finished} had finished) and one complete build, staging folders remain beside public/: {left:?}\n\
         where they come from:\n{}",
        origins
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    eprintln!(
        "{runs} killed builds of {PAGES} pages (full build {full:.2?}): {untouched} left public/ untouched, \
         {swapped_then_killed} killed after the swap, {finished} had finished; {:.1?} in all",
        started.elapsed()
    );
}

/// Folders named like a staging folder beside `public/`.
fn staging_folders(root: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(STAGING_PREFIX))
        .collect();
    v.sort();
    v
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    v.sort();
    v
}

fn rel(p: &Path, root: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).display().to_string()
}
