//! The `.gitlab-ci.yml` that `playbook init` writes, run as a GitLab runner
//! would: its jobs' script lines, in stage order, in a fresh clone of the
//! new playbook, with the variables a runner sets (`CI_PROJECT_DIR`,
//! `CI_PAGES_URL`, `CI_API_V4_URL`, `CI_JOB_TOKEN`…) and only the jobs whose
//! `rules` hold. The package registry is a local HTTP server holding a
//! Debian package of the binary under test; rsync's target is a local
//! folder. Checks the Code Quality report against the fields GitLab reads
//! and the published site.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::util::{BIN, repo_root};

const TOKEN: &str = "jeton-du-job";
const PROJECT_ID: &str = "42";

/// A package registry on 127.0.0.1 serving `deb` at GitLab's generic
/// package address, to requests carrying the job token; logs every request.
struct Registry {
    url: String,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Registry {
    fn start(deb: Vec<u8>) -> Registry {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("listen");
        let port = server.server_addr().to_ip().expect("ip").port();
        let log = Arc::new(Mutex::new(vec![]));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (log2, stop2) = (log.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            let want = format!(
                "/api/v4/projects/{PROJECT_ID}/packages/generic/playbook/0.1.0/playbook.deb"
            );
            while !stop2.load(std::sync::atomic::Ordering::Relaxed) {
                let Ok(Some(req)) = server.recv_timeout(std::time::Duration::from_millis(50))
                else {
                    continue;
                };
                let token = req
                    .headers()
                    .iter()
                    .find(|h| h.field.equiv("JOB-TOKEN"))
                    .map(|h| h.value.to_string());
                log2.lock().unwrap().push(req.url().to_string());
                let resp = if req.url() != want {
                    tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
                } else if token.as_deref() != Some(TOKEN) {
                    tiny_http::Response::from_data(b"unauthorized".to_vec()).with_status_code(401)
                } else {
                    tiny_http::Response::from_data(deb.clone())
                };
                let _ = req.respond(resp);
            }
        });
        Registry {
            url: format!("http://127.0.0.1:{port}/api/v4"),
            log,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn run(cmd: &mut Command) -> String {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A Debian package of the binary under test, as `scripts/deb.sh` lays it out.
fn package(dir: &Path) -> Vec<u8> {
    let tree = dir.join("paquet");
    std::fs::create_dir_all(tree.join("DEBIAN")).unwrap();
    std::fs::create_dir_all(tree.join("usr/bin")).unwrap();
    std::fs::write(
        tree.join("DEBIAN/control"),
        "Package: playbook\nVersion: 0.1.0-1\nArchitecture: all\nMaintainer: test <t@localhost>\nDescription: test\n",
    )
    .unwrap();
    std::fs::copy(BIN, tree.join("usr/bin/playbook")).unwrap();
    let deb = dir.join("playbook.deb");
    run(Command::new("dpkg-deb")
        .args(["--build", "--root-owner-group", "-Zgzip"])
        .arg(&tree)
        .arg(&deb));
    std::fs::read(deb).unwrap()
}

/// Whether a job's `rules` let it run: each `if:` is `$A == "x"` or
/// `$A == $B` joined by `&&` (all the template uses); no rules, it runs.
fn rules_hold(job: &Value, vars: &BTreeMap<String, String>) -> bool {
    let Some(rules) = job.get("rules").and_then(Value::as_array) else {
        return true;
    };
    let value = |term: &str| -> String {
        let term = term.trim();
        match term.strip_prefix('$') {
            Some(name) => vars.get(name).cloned().unwrap_or_default(),
            None => term.trim_matches('"').to_string(),
        }
    };
    rules.iter().any(|rule| {
        let cond = rule["if"].as_str().expect("rules: if");
        cond.split("&&").all(|clause| {
            let (a, b) = clause.split_once("==").expect("a == b");
            value(a) == value(b)
        })
    })
}

/// The lines of a YAML list of commands.
fn lines(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| a.iter().map(|l| l.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

/// Runs the pipeline's jobs in stage order in `dir`, as a runner with the
/// project's CI/CD variables `project_vars`; returns the jobs that ran.
fn pipeline(
    ci: &Value,
    dir: &Path,
    home: &Path,
    registry: &Registry,
    project_vars: &[(&str, String)],
) -> Vec<String> {
    let mut vars: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in ci["variables"].as_object().expect("variables") {
        vars.insert(k.clone(), v.as_str().expect("string variable").to_string());
    }
    for (k, v) in [
        ("CI", "true".to_string()),
        ("GITLAB_CI", "true".to_string()),
        ("CI_PROJECT_DIR", dir.display().to_string()),
        ("CI_PROJECT_ID", PROJECT_ID.to_string()),
        ("CI_API_V4_URL", registry.url.clone()),
        ("CI_JOB_TOKEN", TOKEN.to_string()),
        (
            "CI_PAGES_URL",
            "https://mairie.pages.example/playbook".to_string(),
        ),
        ("CI_COMMIT_BRANCH", "main".to_string()),
        ("CI_DEFAULT_BRANCH", "main".to_string()),
    ] {
        vars.insert(k.to_string(), v);
    }
    for (k, v) in project_vars {
        vars.insert(k.to_string(), v.clone());
    }
    let keywords = ["variables", "stages", "default", "include", "workflow"];
    let mut ran = vec![];
    for stage in ci["stages"].as_array().expect("stages") {
        let stage = stage.as_str().unwrap();
        for (name, job) in ci.as_object().unwrap() {
            if keywords.contains(&name.as_str()) || name.starts_with('.') {
                continue;
            }
            if job.get("stage").and_then(Value::as_str).unwrap_or("test") != stage
                || !rules_hold(job, &vars)
            {
                continue;
            }
            let template = job.get("extends").and_then(Value::as_str).map(|e| &ci[e]);
            let before = job
                .get("before_script")
                .or_else(|| template.and_then(|t| t.get("before_script")))
                .or_else(|| ci["default"].get("before_script"));
            let mut script = String::from("set -eo pipefail\n");
            for l in lines(before).into_iter().chain(lines(job.get("script"))) {
                script.push_str(&l);
                script.push('\n');
            }
            let out = Command::new("bash")
                .arg("-c")
                .arg(&script)
                .current_dir(dir)
                .env_clear()
                .envs(&vars)
                .env("CI_JOB_NAME", name)
                .env("CI_JOB_STAGE", stage)
                .env("HOME", home)
                // A runner's image: no playbook installed.
                .env("PATH", "/usr/local/bin:/usr/bin:/bin")
                .env("LANG", "C.UTF-8")
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "job {name} failed:\n{script}\n{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            // Its artifacts are there for the next stages.
            for path in job["artifacts"]["paths"].as_array().into_iter().flatten() {
                assert!(
                    dir.join(path.as_str().unwrap()).exists(),
                    "job {name}: artifact {path}"
                );
            }
            if let Some(report) = job["artifacts"]["reports"]["codequality"].as_str() {
                assert!(dir.join(report).is_file(), "job {name}: {report}");
            }
            ran.push(name.clone());
        }
    }
    ran
}

/// Every field GitLab reads from a Code Quality report, with its type.
fn assert_code_quality(report: &str, clone: &Path) -> usize {
    let issues: Vec<Value> = serde_json::from_str(report).expect("Code Quality report is JSON");
    let mut fingerprints = std::collections::BTreeSet::new();
    for i in &issues {
        assert!(
            i["description"].as_str().is_some_and(|d| !d.is_empty()),
            "{i}"
        );
        assert!(
            i["check_name"].as_str().is_some_and(|d| !d.is_empty()),
            "{i}"
        );
        let f = i["fingerprint"].as_str().expect("fingerprint");
        assert!(
            fingerprints.insert(f.to_string()),
            "fingerprints are unique: {f}"
        );
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap_or("")),
            "{i}"
        );
        let path = i["location"]["path"].as_str().expect("location.path");
        assert!(
            !path.starts_with('/'),
            "path relative to the repository: {path}"
        );
        assert!(
            clone.join(path).is_file(),
            "location.path names a file of the repository: {path}"
        );
        assert!(
            i["location"]["lines"]["begin"]
                .as_u64()
                .is_some_and(|l| l >= 1),
            "{i}"
        );
    }
    issues.len()
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn the_generated_gitlab_ci_runs_in_a_fresh_clone() {
    let tmp = tempfile::tempdir().unwrap();
    let t = tmp.path();
    std::fs::write(
        t.join("gitconfig"),
        "[user]\n\tname = Agnès Martin\n\temail = agnes.martin@mairie.example\n[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n",
    )
    .unwrap();
    let git_env = [
        (
            "GIT_CONFIG_GLOBAL",
            t.join("gitconfig").display().to_string(),
        ),
        ("GIT_CONFIG_NOSYSTEM", "1".to_string()),
    ];
    let out = run(Command::new(BIN)
        .args(["init", "site"])
        .current_dir(t)
        .envs(git_env.clone()));
    assert_eq!(out, "site\n");
    let site = t.join("site");
    let template = std::fs::read_to_string(repo_root().join("src/scaffold/gitlab-ci.yml")).unwrap();
    assert_eq!(
        std::fs::read_to_string(site.join(".gitlab-ci.yml")).unwrap(),
        template
    );
    // A page with a link to a page to create and a broken anchor: the report has findings.
    std::fs::write(
        site.join("content/a-relire.md"),
        "---\ntitle: À relire\n---\n\nVoir [[Page absente]] et [[Accueil#section-absente]].\n",
    )
    .unwrap();
    run(Command::new("git")
        .args(["add", "-A"])
        .current_dir(&site)
        .envs(git_env.clone()));
    run(Command::new("git")
        .args(["commit", "-qm", "Une page à relire"])
        .current_dir(&site)
        .envs(git_env.clone()));
    let ls = run(Command::new("git")
        .args(["ls-files", ".gitlab-ci.yml"])
        .current_dir(&site));
    assert_eq!(ls, ".gitlab-ci.yml\n", "init commits the CI file");

    let ci: Value = serde_saphyr::from_str(&template).expect("the template is YAML");
    let registry = Registry::start(package(t));
    let home = t.join("home");
    std::fs::create_dir_all(&home).unwrap();
    let package_url =
        format!("/api/v4/projects/{PROJECT_ID}/packages/generic/playbook/0.1.0/playbook.deb");

    // GitLab Pages (the default).
    let pages = t.join("clone-pages");
    run(Command::new("git")
        .arg("clone")
        .arg("-q")
        .arg(&site)
        .arg(&pages)
        .envs(git_env.clone()));
    let ran = pipeline(&ci, &pages, &home, &registry, &[]);
    assert_eq!(ran, ["verifier", "construire", "pages"]);
    assert_eq!(
        std::mem::take(&mut *registry.log.lock().unwrap()),
        [package_url.clone(), package_url.clone()],
        "the jobs fetch the package, and nothing else"
    );
    assert!(pages.join(".playbook-paquet/usr/bin/playbook").is_file());
    let report = std::fs::read_to_string(pages.join("gl-code-quality-report.json")).unwrap();
    let n = assert_code_quality(&report, &pages);
    assert!(report.contains("content/a-relire.md"), "{report}");
    assert!(n >= 2, "{report}");
    // Built for CI_PAGES_URL: the 404 page links under its path.
    let not_found = std::fs::read_to_string(pages.join("public/404.html")).unwrap();
    assert!(not_found.contains("href=\"/playbook/\""), "{not_found}");

    // rsync to the intranet server (a local folder here).
    let rsync = t.join("clone-rsync");
    run(Command::new("git")
        .arg("clone")
        .arg("-q")
        .arg(&site)
        .arg(&rsync)
        .envs(git_env.clone()));
    let www = t.join("www/intranet/playbook");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("ancienne-page.html"), "old").unwrap();
    std::fs::write(t.join("cle"), "clé de test").unwrap();
    std::fs::write(t.join("known_hosts"), "").unwrap();
    let vars = [
        ("PLAYBOOK_PUBLICATION", "rsync".to_string()),
        (
            "PLAYBOOK_URL_DE_BASE",
            "https://intranet.mairie.example/intranet/playbook/".to_string(),
        ),
        ("PLAYBOOK_RSYNC_CIBLE", format!("{}/", www.display())),
        ("PLAYBOOK_SSH_CLE", t.join("cle").display().to_string()),
        (
            "PLAYBOOK_SSH_HOTES",
            t.join("known_hosts").display().to_string(),
        ),
    ];
    let ran = pipeline(&ci, &rsync, &home, &registry, &vars);
    assert_eq!(ran, ["verifier", "construire", "intranet"]);
    assert_eq!(
        files_under(&www),
        files_under(&rsync.join("public")),
        "the server holds the site, and only it"
    );
    let not_found = std::fs::read_to_string(www.join("404.html")).unwrap();
    assert!(
        not_found.contains("href=\"/intranet/playbook/\""),
        "{not_found}"
    );
}

#[test]
fn init_ci_none_writes_no_ci_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["init", "site", "--ci", "none", "--no-git", "--empty"])
        .current_dir(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "playbook créé (3 fichiers) dans `site` ; construisez-le avec `playbook build --root site`\n"
    );
    assert_eq!(
        files_under(&tmp.path().join("site")),
        [".gitignore", "content/_index.md", "playbook.toml"]
    );
}
