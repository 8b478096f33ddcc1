//! Git history (`playbook::git::read_history`) on real repositories made by
//! the tests with the `git` CLI, isolated from the user's configuration.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;
use std::process::Stdio;

use playbook::git::{ChangeKind, History, HistoryError, HistoryOptions, Uncommitted, read_history};

use crate::util::{Repo, Site, git_cmd, repo_root};

/// A repository for these tests (dates from 2023-11-14, UTC+2).
fn repo() -> Repo {
    Repo::new(1_700_000_000, "+0200")
}

impl Repo {
    fn history(&self) -> History {
        self.history_with(&[])
    }

    fn history_with(&self, exclude: &[&str]) -> History {
        let opts = HistoryOptions {
            exclude: exclude.iter().map(|s| (*s).to_owned()).collect(),
            ..HistoryOptions::default()
        };
        read_history(self.path(), Path::new("content"), &opts).expect("read_history")
    }
}

/// Contributors of a file as `name:commits` (`*` marks who created it).
fn credits(h: &History, path: &str) -> Vec<String> {
    let f = h
        .file(path)
        .unwrap_or_else(|| panic!("no history for {path}: {:?}", h.files.keys()));
    f.contributors
        .iter()
        .map(|c| {
            let star = if c.created { "*" } else { "" };
            format!("{}:{}{star}", h.person(c.person).name, c.commits)
        })
        .collect()
}

fn names(h: &History) -> Vec<&str> {
    let mut v: Vec<&str> = h.people.iter().map(|p| p.name.as_str()).collect();
    v.sort_unstable();
    v
}

#[test]
fn mailmap_merges_spellings_of_authors_and_co_authors() {
    let r = repo();
    r.file(
        ".mailmap",
        "Anne Berlemont <anne.berlemont@ville.example> <anne@perso.example>\n\
         Anne Berlemont <anne.berlemont@ville.example> Anne B. <ab@old.example>\n\
         Florence Mensah <florence@ville.example> <flo@perso.example>\n",
    );
    r.file("content/a.md", "a\n")
        .commit("anne <anne@perso.example>", "a");
    r.file("content/a.md", "a2\n")
        .commit("Anne B. <ab@old.example>", "a2");
    r.file("content/a.md", "a3\n").commit(
        "Anne Berlemont <anne.berlemont@ville.example>",
        "a3\n\nCo-authored-by: flo <flo@perso.example>",
    );
    let h = r.history();
    assert_eq!(
        credits(&h, "a.md"),
        ["Anne Berlemont:3*", "Florence Mensah:1"]
    );
    assert_eq!(names(&h), ["Anne Berlemont", "Florence Mensah"]);
    assert_eq!(h.people[0].spellings, ["Anne Berlemont"]);
    let flo = &h.file("a.md").unwrap().contributors[1];
    assert_eq!((flo.authored, flo.coauthored), (0, 1));
}

#[test]
fn co_authored_by_trailers_are_credited() {
    let r = repo();
    r.file("content/guide.md", "v1\n").commit(
        "Anne <anne@example.invalid>",
        "Atelier\n\nNotes prises à trois.\n\n\
         Co-authored-by: Bob Martin <bob@example.invalid>\n\
         co-authored-by: Chloé Durand <chloe@example.invalid>\n\
         Signed-off-by: Anne <anne@example.invalid>",
    );
    r.file("content/guide.md", "v2\n").commit(
        "Bob Martin <bob@example.invalid>",
        "Relecture\n\nCo-authored-by: Anne <anne@example.invalid>\nCo-authored-by: Bob Martin <BOB@example.invalid>",
    );
    let h = r.history();
    assert_eq!(
        credits(&h, "guide.md"),
        ["Anne:2*", "Bob Martin:2*", "Chloé Durand:1*"]
    );
    let c = &h.changes[0];
    assert_eq!(c.subject, "Relecture");
    assert_eq!(
        c.credited()
            .map(|p| h.person(p).name.as_str())
            .collect::<Vec<_>>(),
        ["Bob Martin", "Anne"]
    );
    let bob = h.people.iter().find(|p| p.name == "Bob Martin").unwrap();
    assert_eq!((bob.commits, bob.authored, bob.coauthored), (2, 1, 1));
}

#[test]
fn a_renamed_page_keeps_its_history() {
    let r = repo();
    r.file(
        "content/brouillon.md",
        "# Guide\n\nUn texte assez long pour être reconnu.\n",
    )
    .commit("Anne <anne@example.invalid>", "Crée le guide");
    r.file(
        "content/brouillon.md",
        "# Guide\n\nUn texte assez long pour être reconnu.\nEt une ligne.\n",
    )
    .commit("Bob <bob@example.invalid>", "Complète");
    std::fs::create_dir_all(r.path().join("content/étapes")).unwrap();
    r.git(&[
        "mv",
        "content/brouillon.md",
        "content/étapes/01 démarrer.md",
    ]);
    r.commit("Chloé <chloe@example.invalid>", "Range le guide");
    r.git(&[
        "mv",
        "content/étapes/01 démarrer.md",
        "content/étapes/02-démarrer.md",
    ]);
    r.commit("Dan <dan@example.invalid>", "Renumérote");
    let h = r.history();
    assert_eq!(
        h.files.keys().collect::<Vec<_>>(),
        ["étapes/02-démarrer.md"]
    );
    assert_eq!(
        credits(&h, "étapes/02-démarrer.md"),
        ["Anne:1*", "Bob:1", "Chloé:1", "Dan:1"]
    );
    let f = h.file("étapes/02-démarrer.md").unwrap();
    assert_eq!(f.commits, 4);
    assert_eq!(h.change(f.created).subject, "Crée le guide");
    assert_eq!(h.change(f.updated).subject, "Renumérote");
    // The oldest change names the file by its current path.
    let old = &h.changes[3].files[0];
    assert_eq!(old.then, "brouillon.md");
    assert_eq!(old.path.as_deref(), Some("étapes/02-démarrer.md"));
}

#[test]
fn merges_are_ignored() {
    let r = repo();
    r.file("content/a.md", "a\n")
        .commit("Anne <anne@example.invalid>", "a");
    r.git(&["checkout", "-q", "-b", "branche"]);
    r.file("content/b.md", "b\n")
        .commit("Bob <bob@example.invalid>", "b");
    r.git(&["checkout", "-q", "main"]);
    r.file("content/a.md", "a2\n")
        .commit("Anne <anne@example.invalid>", "a2");
    r.commit_as(
        "Mallory Merge <mallory@example.invalid>",
        &[
            "merge",
            "-q",
            "--no-ff",
            "-m",
            "Fusionne la branche",
            "branche",
        ],
    );
    assert!(
        r.git(&["log", "--merges", "--format=%an"])
            .contains("Mallory")
    );
    let h = r.history();
    assert_eq!(names(&h), ["Anne", "Bob"]);
    assert_eq!(credits(&h, "a.md"), ["Anne:2*"]);
    assert_eq!(credits(&h, "b.md"), ["Bob:1*"]);
    assert_eq!(h.changes.len(), 3);
    assert!(h.changes.iter().all(|c| c.subject != "Fusionne la branche"));
}

#[test]
fn bots_are_recognised_by_name_and_email_and_never_merged() {
    let r = repo();
    r.file("content/a.md", "a\n")
        .commit("Chaïb Martinez <chaib@ville.example>", "a");
    r.file("content/a.md", "a2\n").commit(
        "dependabot[bot] <49699333+dependabot[bot]@users.noreply.github.com>",
        "bump",
    );
    r.file("content/a.md", "a3\n")
        .commit("Renovate Bot <bot@renovateapp.com>", "deps");
    // GitBook's bot, with the email of the person whose change it synced.
    r.file("content/a.md", "a4\n").commit(
        "gitbook-bot <chaib@ville.example>",
        "GitBook: [main] 1 page modified",
    );
    r.file("content/a.md", "a5\n").commit(
        "github-actions <41898282+github-actions[bot]@users.noreply.github.com>",
        "format",
    );
    r.file("content/a.md", "a6\n")
        .commit("GitHub <noreply@github.com>", "Initial commit");
    r.file("content/a.md", "a7\n").commit(
        "allcontributors[bot] <46447321+allcontributors[bot]@users.noreply.github.com>",
        "docs: add Bob\n\nCo-authored-by: Bob <bob@example.invalid>",
    );
    // A person's own GitHub no-reply address is a person's.
    r.file("content/b.md", "b\n")
        .commit("Léa <12345+lea@users.noreply.github.com>", "b");
    let h = r.history();
    assert_eq!(names(&h), ["Bob", "Chaïb Martinez", "Léa"]);
    assert_eq!(credits(&h, "a.md"), ["Bob:1", "Chaïb Martinez:1*"]);
    // The bot did not lend its commit to the person whose email it used.
    let chaib = h
        .people
        .iter()
        .find(|p| p.name == "Chaïb Martinez")
        .unwrap();
    assert_eq!((chaib.commits, chaib.spellings.len()), (1, 1));
    // The bots' commits still date the page and are still listed.
    let f = h.file("a.md").unwrap();
    assert_eq!(f.commits, 7);
    assert_eq!(h.change(f.updated).subject, "docs: add Bob");
    let authorless: Vec<&str> = h
        .changes
        .iter()
        .filter(|c| c.author.is_none())
        .map(|c| c.subject.as_str())
        .collect();
    assert_eq!(
        authorless,
        [
            "docs: add Bob",
            "Initial commit",
            "format",
            "GitBook: [main] 1 page modified",
            "deps",
            "bump"
        ]
    );
    // `exclude` adds patterns; `not_bots` makes an exception.
    assert_eq!(names(&r.history_with(&["léa*"])), ["Bob", "Chaïb Martinez"]);
    let opts = HistoryOptions {
        not_bots: vec!["gitbook-bot".into()],
        ..HistoryOptions::default()
    };
    let h = read_history(r.path(), Path::new("content"), &opts).unwrap();
    assert_eq!(credits(&h, "a.md"), ["Chaïb Martinez:2*", "Bob:1"]);
}

#[test]
fn the_name_shown_is_the_most_used_spelling_written_like_a_name() {
    let r = repo();
    r.file("content/a.md", "a\n")
        .commit("Chaïb Martinez <chaib@ville.example>", "a");
    for n in 0..24 {
        r.file("content/a.md", &format!("a{n}\n"))
            .commit("Chaïb Martinez <chaib@ville.example>", "edit");
    }
    for n in 0..3 {
        r.file("content/b.md", &format!("b{n}\n"))
            .commit("chaib.martinez <CHAIB@ville.example>", "edit");
    }
    // A login more used than the name: the name still shows.
    r.file("content/c.md", "c\n")
        .commit("Agnès Haasser <agnes@ville.example>", "c");
    for n in 0..4 {
        r.file("content/c.md", &format!("c{n}\n"))
            .commit("agnes.haasser <agnes@ville.example>", "edit");
    }
    let h = r.history();
    assert_eq!(names(&h), ["Agnès Haasser", "Chaïb Martinez"]);
    let chaib = h
        .people
        .iter()
        .find(|p| p.name == "Chaïb Martinez")
        .unwrap();
    assert_eq!(chaib.commits, 28);
    // The newest spelling comes first in `spellings`; it is not the name.
    assert_eq!(chaib.spellings, ["chaib.martinez", "Chaïb Martinez"]);
    assert_eq!(credits(&h, "b.md"), ["Chaïb Martinez:3*"]);
}

#[test]
fn a_shallow_clone_is_reported() {
    let r = repo();
    r.file("content/a.md", "a\n")
        .commit("Anne <anne@example.invalid>", "a");
    r.file("content/b.md", "b\n")
        .commit("Bob <bob@example.invalid>", "b");
    r.file("content/b.md", "b2\n")
        .commit("Chloé <chloe@example.invalid>", "b2");
    assert!(!r.history().shallow);
    let (_clone, dest) = r.shallow_clone();
    let h = read_history(&dest, Path::new("content"), &HistoryOptions::default()).unwrap();
    assert!(h.shallow);
    // What the warning is about: everything looks written by the last committer.
    assert_eq!(credits(&h, "a.md"), ["Chloé:1*"]);
}

#[test]
fn uncommitted_files_are_listed() {
    let r = repo();
    r.file("content/a.md", "a\n")
        .file("content/b.md", "b\n")
        .commit("Anne <anne@example.invalid>", "a");
    r.file("content/a.md", "a modifié\n")
        .file("content/nouveau dossier/c é.md", "c\n")
        .file("content/staged.md", "s\n")
        .file("ailleurs.md", "x\n");
    r.git(&["add", "content/staged.md"]);
    std::fs::remove_file(r.path().join("content/b.md")).unwrap();
    let h = r.history();
    assert_eq!(
        h.uncommitted
            .iter()
            .map(|(k, v)| (k.as_str(), *v))
            .collect::<Vec<_>>(),
        [
            ("a.md", Uncommitted::Modified),
            ("nouveau dossier/c é.md", Uncommitted::New),
            ("staged.md", Uncommitted::New),
        ]
    );
    assert!(h.file("a.md").is_some() && h.is_uncommitted("a.md"));
    assert!(h.file("staged.md").is_none());
}

#[test]
fn a_repository_without_commits_has_an_empty_history() {
    let r = repo();
    r.file("content/a.md", "a\n");
    let h = r.history();
    assert!(h.files.is_empty() && h.changes.is_empty());
    assert_eq!(h.uncommitted.get("a.md"), Some(&Uncommitted::New));
}

#[test]
fn the_site_may_be_a_subfolder_of_the_repository() {
    let r = repo();
    r.file("docs/wiki/content/a.md", "a\n")
        .file("docs/wiki/content/[x]*.md", "glob characters\n")
        .file("docs/wiki/playbook.toml", "")
        .file("src/main.rs", "fn main() {}\n")
        .commit("Anne <anne@example.invalid>", "a");
    r.file("src/main.rs", "fn main() { }\n")
        .commit("Bob <bob@example.invalid>", "code only");
    r.file("docs/wiki/content/new.md", "n\n");
    let site = r.path().join("docs/wiki");
    let h = read_history(&site, Path::new("content"), &HistoryOptions::default()).unwrap();
    assert_eq!(h.files.keys().collect::<Vec<_>>(), ["[x]*.md", "a.md"]);
    assert_eq!(names(&h), ["Anne"]);
    assert_eq!(h.changes.len(), 1);
    assert_eq!(h.uncommitted.keys().collect::<Vec<_>>(), ["new.md"]);
    // An absolute content folder works too.
    let abs = read_history(
        Path::new("/"),
        &site.join("content"),
        &HistoryOptions::default(),
    );
    assert_eq!(abs.unwrap().files.len(), 2);
}

#[test]
fn no_repository_at_all() {
    let s = Site::new();
    s.file("content/a.md", "a\n");
    let err = read_history(s.path(), Path::new("content"), &HistoryOptions::default());
    assert!(matches!(err, Err(HistoryError::NotARepository)), "{err:?}");
}

// ---------------------------------------------------------------------------
// Real history: the commit tables of the shared corpora, replayed.
// ---------------------------------------------------------------------------

#[test]
fn real_history_etalab_guides() {
    let Some(h) = replay_and_compare("etalab-guides") else {
        return;
    };
    // Two people named Bastien, two emails: two people.
    assert_eq!(h.people.iter().filter(|p| p.name == "Bastien").count(), 2);
}

#[test]
fn real_history_foam_docs() {
    let Some(h) = replay_and_compare("foam-docs") else {
        return;
    };
    // 115 commits of allcontributors[bot]: nobody's.
    assert!(h.people.iter().all(|p| !p.name.contains("bot")));
    // "Riccardo" (38 commits) and "Riccardo Ferretti" (73), one email.
    let ric: Vec<(&str, u32)> = h
        .people
        .iter()
        .filter(|p| p.name.starts_with("Riccardo"))
        .map(|p| (p.name.as_str(), p.commits))
        .collect();
    assert_eq!(ric, [("Riccardo Ferretti", 111)]);
}

/// One row of `HISTORY.tsv`.
struct Row {
    commit: String,
    date: String,
    name: String,
    email_hash: String,
    status: String,
    path: String,
    old_path: String,
}

/// Replays `../shared/corpora/<corpus>/HISTORY.tsv` into a new repository
/// with `git fast-import` (commits in author-date order, each file's content
/// unique per commit, renames moving the content unchanged so that `-M`
/// finds them), then checks that `read_history` credits every author with
/// the number of distinct commits the table gives them, and every current
/// file with the commits `git log --follow` finds for it.
fn replay_and_compare(corpus: &str) -> Option<History> {
    let tsv = repo_root()
        .join("../shared/corpora")
        .join(corpus)
        .join("HISTORY.tsv");
    let Ok(text) = std::fs::read_to_string(&tsv) else {
        eprintln!("skipped: {} is missing", tsv.display());
        return None;
    };
    let rows: Vec<Row> = text
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                commit: f[0].into(),
                date: f[1].into(),
                name: f[2].into(),
                email_hash: f[3].into(),
                status: f[4].into(),
                path: f[5].into(),
                old_path: f.get(6).copied().unwrap_or("").into(),
            }
        })
        .collect();

    // Commits oldest first (the table is newest first; equal dates keep
    // the table's order, reversed).
    let mut order: Vec<&str> = Vec::new();
    let mut by_commit: HashMap<&str, Vec<&Row>> = HashMap::new();
    for row in rows.iter().rev() {
        let e = by_commit.entry(&row.commit).or_default();
        if e.is_empty() {
            order.push(&row.commit);
        }
        e.push(row);
    }
    // Rows of one commit in table order.
    for v in by_commit.values_mut() {
        v.reverse();
    }
    order.sort_by_key(|c| unix_time(&by_commit[c][0].date).0);

    let mut stream = Vec::new();
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut no_op = Vec::new();
    for commit in &order {
        let rows = &by_commit[commit];
        let first = rows[0];
        let (t, tz) = unix_time(&first.date);
        let mut ops = String::new();
        let put = |ops: &mut String, path: &str, content: &str| {
            ops.push_str(&format!(
                "M 100644 inline content/{path}\ndata {}\n{content}\n",
                content.len()
            ));
        };
        for row in rows {
            let fresh = format!("{}:{}\n", row.commit, row.path);
            match row.status.as_bytes()[0] {
                b'A' | b'M' => {
                    put(&mut ops, &row.path, &fresh);
                    files.insert(row.path.clone(), fresh);
                }
                b'D' => {
                    if files.remove(&row.path).is_some() {
                        ops.push_str(&format!("D content/{}\n", row.path));
                    }
                }
                b'R' => {
                    let content = match files.remove(&row.old_path) {
                        Some(c) => {
                            ops.push_str(&format!("D content/{}\n", row.old_path));
                            c
                        }
                        None => fresh,
                    };
                    put(&mut ops, &row.path, &content);
                    files.insert(row.path.clone(), content);
                }
                s => panic!("unexpected status {}", s as char),
            }
        }
        if ops.is_empty() {
            no_op.push(first.commit.clone());
        }
        let who = format!(
            "{} <{}@example.invalid> {t} {tz}",
            first.name, first.email_hash
        );
        let msg = format!("{corpus} {}", first.commit);
        stream.extend_from_slice(
            format!(
                "commit refs/heads/main\nauthor {who}\ncommitter {who}\ndata {}\n{msg}\n{ops}\n",
                msg.len()
            )
            .as_bytes(),
        );
    }

    let r = repo();
    let mut child = git_cmd(r.path(), &["fast-import", "--quiet"], &[])
        .stdin(Stdio::piped())
        .spawn()
        .expect("git fast-import");
    child.stdin.take().unwrap().write_all(&stream).unwrap();
    assert!(child.wait().unwrap().success(), "fast-import failed");
    r.git(&["reset", "-q", "--hard"]);

    let h = r.history();
    assert!(h.uncommitted.is_empty());

    // The replay ends with the corpus's files.
    let expected_files: Vec<&String> = files.keys().collect();
    assert_eq!(h.files.keys().collect::<Vec<_>>(), expected_files);
    let corpus_md = count_markdown(
        &repo_root()
            .join("../shared/corpora")
            .join(corpus)
            .join("content"),
    );
    assert_eq!(
        expected_files.len(),
        corpus_md,
        "replayed files vs the corpus"
    );

    // Distinct commits per author (email hash) in the table, minus the
    // commits the replay could not reproduce (a deletion of a file that
    // the date order had not created yet: an empty commit git log skips),
    // and minus the bots'.
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for c in &order {
        if !no_op.contains(&(*c).to_owned()) && !playbook::git::is_bot(&by_commit[c][0].name, "") {
            *expected
                .entry(by_commit[c][0].email_hash.clone())
                .or_default() += 1;
        }
    }
    let got: BTreeMap<String, usize> = h
        .people
        .iter()
        .map(|p| {
            let hash = p.email.trim_end_matches("@example.invalid").to_owned();
            (hash, p.commits as usize)
        })
        .collect();
    assert_eq!(got, expected, "commits per author");
    assert_eq!(h.changes.len(), order.len() - no_op.len());
    // Every display name is a spelling from the table.
    for p in &h.people {
        assert!(
            rows.iter()
                .any(|r| r.name == p.name && p.email.starts_with(&r.email_hash)),
            "{} is not in the table",
            p.name
        );
    }

    // Per file, renames followed: the same commits as `git log --follow`,
    // except for a file deleted then added again under the same path: it
    // starts a new history here, while `--follow` runs on into the old one.
    let mut differ = Vec::new();
    let mut re_added = 0;
    for (path, f) in &h.files {
        let follow = r.git(&[
            "log",
            "--follow",
            "--no-merges",
            "-M",
            "--format=%H",
            "--",
            &format!("content/{path}"),
        ]);
        let want: Vec<&str> = follow.lines().collect();
        let ours: Vec<&str> = h
            .changes
            .iter()
            .filter(|c| {
                c.files
                    .iter()
                    .any(|x| x.path.as_deref() == Some(path.as_str()))
            })
            .map(|c| c.hash.as_str())
            .collect();
        assert_eq!(f.commits as usize, ours.len());
        if sorted(&ours) == sorted(&want) {
            continue;
        }
        // `--follow` lists newest first: ours must be its beginning, and
        // what comes next must be the deletion of an earlier file.
        let created = h.change(f.created);
        let deleted_before = want.get(ours.len()).is_some_and(|next| {
            h.changes.iter().any(|c| {
                c.hash == *next
                    && c.files
                        .iter()
                        .any(|x| x.path.is_none() && x.kind == ChangeKind::Deleted)
            })
        });
        if want.starts_with(&ours)
            && created.files.iter().any(|x| x.kind == ChangeKind::Added)
            && deleted_before
        {
            re_added += 1;
        } else {
            differ.push(format!(
                "{path}: ours {} vs --follow {}",
                ours.len(),
                want.len()
            ));
        }
    }
    assert!(
        differ.is_empty(),
        "per-file histories differ:\n{}",
        differ.join("\n")
    );
    eprintln!(
        "{corpus}: {} commits replayed ({} empty in the replay), {} authors, {} files \
         ({re_added} deleted then re-added)",
        order.len(),
        no_op.len(),
        h.people.len(),
        h.files.len()
    );
    Some(h)
}

fn sorted<'a>(v: &[&'a str]) -> Vec<&'a str> {
    let mut v = v.to_vec();
    v.sort_unstable();
    v
}

fn count_markdown(dir: &Path) -> usize {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .count()
}

/// `2024-05-27T13:42:15+02:00` → (Unix seconds, `+0200`).
fn unix_time(iso: &str) -> (i64, String) {
    let n = |a: usize, b: usize| iso[a..b].parse::<i64>().unwrap();
    let (y, m, d) = (n(0, 4), n(5, 7), n(8, 10));
    let (hh, mm, ss) = (n(11, 13), n(14, 16), n(17, 19));
    let tz = &iso[19..];
    let (sign, oh, om) = if tz == "Z" {
        (1, 0, 0)
    } else {
        let s = if tz.starts_with('-') { -1 } else { 1 };
        (
            s,
            tz[1..3].parse::<i64>().unwrap(),
            tz[4..6].parse::<i64>().unwrap(),
        )
    };
    // Days from civil (Howard Hinnant).
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let local = days * 86_400 + hh * 3600 + mm * 60 + ss;
    let offset = sign * (oh * 3600 + om * 60);
    let tz = format!("{}{oh:02}{om:02}", if sign < 0 { '-' } else { '+' });
    (local - offset, tz)
}

#[test]
fn unix_time_reads_offsets() {
    assert_eq!(unix_time("1970-01-01T00:00:00Z").0, 0);
    assert_eq!(
        unix_time("2024-05-27T13:42:15+02:00"),
        (1_716_810_135, "+0200".into())
    );
    assert_eq!(unix_time("2020-03-30T14:24:55-04:00").0, 1_585_592_695);
}
