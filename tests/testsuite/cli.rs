//! Command-line friction (the "import and command-line" issue; the pad
//! part is in `pads.rs`): commands run from a subfolder of a site or
//! outside any site; `init` and git; `new guide` and the guide's order;
//! `check` and the placeholders `new` leaves.

use std::path::Path;
use std::process::Command;

use crate::pads::pad;
use crate::util::{BIN, Output, Served, Site, free_port, git_in, http};

/// Runs the binary in `dir` with a French locale, `env` added.
fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "fr_FR.UTF-8");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run playbook");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

// ------------------------------------------------- where the site is

/// The French message outside a site, for the folder `dir`.
fn not_a_site(dir: &Path) -> String {
    format!(
        "erreur : pas de site playbook ici : ni `playbook.toml` ni dossier `content/` dans `{}` ni dans les dossiers au-dessus\n\
         aide : lancez playbook dans le dossier d'un site, passez --root DOSSIER, ou créez un site avec `playbook init`\n",
        dir.display()
    )
}

#[test]
fn commands_find_the_site_above_the_current_folder() {
    let s = Site::example();
    s.file("notes.txt", "Atelier du 12 juin 2025\nune idée\n");
    let guide = s.path().join("content/guide");
    let o = run_in(&guide, &["build"], &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains(" dans ../../public en "), "{}", o.stderr);
    assert!(s.exists("public/guide/commencer-petit/index.html"));
    assert!(
        !s.exists("content/guide/public"),
        "nothing written where it runs"
    );

    let from_root = s.run(&["check"]);
    let o = run_in(&s.path().join("content"), &["check"], &[]);
    assert_eq!((o.code, o.stdout), (0, from_root.stdout));

    let o = run_in(&guide, &["new", "guide", "Essaimer encore"], &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "../../content/guide/10-essaimer-encore.md\n");
    assert!(s.exists("content/guide/10-essaimer-encore.md"));

    let ateliers = s.path().join("content/ateliers");
    let o = run_in(&ateliers, &["import", "../../notes.txt"], &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "../../content/ateliers/2025-06-12-atelier.md\n");
    assert!(s.exists("content/ateliers/2025-06-12-atelier.md"));
    assert!(!s.exists("content/ateliers/content"));

    // serve, from a subfolder.
    let port = free_port();
    let child = Command::new(BIN)
        .args(["serve", "--port", &port.to_string()])
        .current_dir(&guide)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let served = Served { child, port };
    let start = std::time::Instant::now();
    let page = loop {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            let (status, _, body) = http(served.port, "GET", "/guide/essaimer-encore/");
            if status == 200 {
                break String::from_utf8_lossy(&body).into_owned();
            }
        }
        assert!(start.elapsed().as_secs() < 60, "serve did not start");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(page.contains("Essaimer encore"));
}

#[test]
fn outside_a_site_commands_stop_in_french() {
    let s = Site::new();
    let here = s.path().canonicalize().unwrap();
    assert!(
        !here
            .ancestors()
            .any(|d| d.join("playbook.toml").is_file() || d.join("content").is_dir()),
        "the temporary folder must not be inside a site"
    );
    s.file("pad.txt", pad("minimal.txt"));
    for args in [
        &["build"][..],
        &["serve", "--port", "1"],
        &["check"],
        &["new", "page", "À propos"],
        &["import", "pad.txt"],
    ] {
        let o = run_in(&here, args, &[]);
        assert_eq!(
            (o.code, o.stdout.as_str(), o.stderr),
            (2, "", not_a_site(&here)),
            "{args:?}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(&here).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "nothing created but the pad: {left:?}");
    // English when the locale asks for it.
    let o = run_in(&here, &["build"], &[("LANG", "en_GB.UTF-8")]);
    assert_eq!(o.code, 2);
    assert_eq!(
        o.stderr,
        format!(
            "error: no playbook site here: neither `playbook.toml` nor a `content/` folder in `{}` or in the folders above it\n\
             help: run playbook inside a site's folder, pass --root DIR, or start a site with `playbook init`\n",
            here.display()
        )
    );
    // --to and --root still say where.
    let o = run_in(&here, &["import", "pad.txt", "--to", "cr"], &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stdout.starts_with("cr/"), "{}", o.stdout);
    assert_eq!(run_in(&here, &["init", "site", "--no-git"], &[]).code, 0);
    let o = run_in(&here, &["build", "--root", "site"], &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
}

// ---------------------------------------------------------- init and git

/// The environment of a user: git configuration from `global` only (no
/// system file, no identity from the environment).
fn user_env(global: &Path, path: &str) -> Vec<(String, String)> {
    vec![
        ("GIT_CONFIG_GLOBAL".into(), global.display().to_string()),
        ("GIT_CONFIG_NOSYSTEM".into(), "1".into()),
        ("PATH".into(), path.into()),
    ]
}

/// `playbook init args` in `dir` as that user.
fn init_as(dir: &Path, args: &[&str], global: &Path, path: &str) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("init").args(args).current_dir(dir);
    for k in [
        "GIT_AUTHOR_NAME",
        "GIT_AUTHOR_EMAIL",
        "GIT_COMMITTER_NAME",
        "GIT_COMMITTER_EMAIL",
        "EMAIL",
        "GIT_DIR",
        "GIT_WORK_TREE",
    ] {
        cmd.env_remove(k);
    }
    for (k, v) in user_env(global, path) {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("run playbook");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn system_path() -> String {
    std::env::var("PATH").unwrap_or_default()
}

/// Runs git in `dir` with the user's configuration only; returns
/// (success, stdout).
fn git_as(dir: &Path, args: &[&str], global: &Path) -> (bool, String) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_GLOBAL", global)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

const CREATED: &str = "playbook créé (4 fichiers) dans `pb` ; construisez-le avec `playbook build --root pb`\n\
     `.gitlab-ci.yml` écrit : sur GitLab, chaque envoi vérifie, construit et publie le site (GitLab Pages, ou rsync vers l'intranet : voir « Publier sur l'intranet » dans le README de playbook) ; supprimez-le hors de GitLab\n";

#[test]
fn init_starts_a_git_repository_with_a_first_commit() {
    let s = Site::new();
    s.file(
        "gitconfig",
        "[user]\n\tname = Agnès Martin\n\temail = agnes.martin@mairie.example\n[commit]\n\tgpgsign = false\n",
    );
    let global = s.path().join("gitconfig");
    let o = init_as(s.path(), &["pb", "--empty"], &global, &system_path());
    assert_eq!(o.code, 0, "{}", o.stderr);
    let pb = s.path().join("pb");
    let (_, hash) = git_as(&pb, &["rev-parse", "--short", "HEAD"], &global);
    assert_eq!(
        o.stderr,
        format!(
            "{CREATED}dépôt git créé avec un premier commit ({}) : les crédits des pages viendront de son historique\n",
            hash.trim()
        )
    );
    let (_, log) = git_as(&pb, &["log", "--format=%an <%ae>|%s"], &global);
    assert_eq!(
        log,
        "Agnès Martin <agnes.martin@mairie.example>|Nouveau playbook (playbook init)\n"
    );
    let (_, files) = git_as(&pb, &["ls-files"], &global);
    assert_eq!(
        files, ".gitignore\n.gitlab-ci.yml\ncontent/_index.md\nplaybook.toml\n",
        "public/ is ignored, everything else committed"
    );
    let (_, status) = git_as(&pb, &["status", "--porcelain"], &global);
    assert_eq!(status, "");
    // Credits come from git at once.
    let o = run_in(&pb, &["build"], &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        !o.stderr.contains("not in a git repository"),
        "{}",
        o.stderr
    );
    assert!(
        std::fs::read_to_string(pb.join("public/index.html"))
            .unwrap()
            .contains("Agnès Martin")
    );
}

#[test]
fn init_without_a_git_identity_keeps_the_repository_and_says_what_to_run() {
    let s = Site::new();
    s.file("gitconfig", "");
    let global = s.path().join("gitconfig");
    let o = init_as(s.path(), &["pb", "--empty"], &global, &system_path());
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        format!(
            "{CREATED}attention : dépôt git créé, mais sans premier commit : git ne sait pas qui vous êtes (user.name et user.email ne sont pas configurés)\n\
             aide : donnez votre nom et votre adresse (les crédits des pages viennent des commits), puis faites le premier commit :\n  \
             git config --global user.name \"Prénom Nom\"\n  \
             git config --global user.email \"prenom.nom@example.fr\"\n  \
             cd pb && git commit -m \"Nouveau playbook\"\n"
        )
    );
    let pb = s.path().join("pb");
    assert!(pb.join(".git").is_dir());
    let (has_head, _) = git_as(&pb, &["rev-parse", "--verify", "-q", "HEAD"], &global);
    assert!(!has_head, "no commit under an invented name");
    let (_, staged) = git_as(&pb, &["diff", "--cached", "--name-only"], &global);
    assert_eq!(
        staged,
        ".gitignore\n.gitlab-ci.yml\ncontent/_index.md\nplaybook.toml\n"
    );
    // The command it gives works once the identity is set.
    s.file(
        "gitconfig",
        "[user]\n\tname = A\n\temail = a@b.example\n[commit]\n\tgpgsign = false\n",
    );
    let (ok, _) = git_as(&pb, &["commit", "-q", "-m", "Nouveau playbook"], &global);
    assert!(ok);
}

#[test]
fn init_without_git_or_with_no_git() {
    let s = Site::new();
    s.file("gitconfig", "");
    let global = s.path().join("gitconfig");
    let empty_path = s.path().join("bin");
    std::fs::create_dir(&empty_path).unwrap();
    let o = init_as(
        s.path(),
        &["pb", "--empty"],
        &global,
        empty_path.to_str().unwrap(),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        format!(
            "{CREATED}attention : git n'est pas installé, `pb` n'est pas un dépôt git ; les crédits viendront du front matter seulement\n\
             aide : installez git, puis : cd pb && git init && git add -A && git commit -m \"Nouveau playbook\"\n"
        )
    );
    assert!(!s.exists("pb/.git"));
    assert!(s.exists("pb/content/_index.md"));

    let o = init_as(
        s.path(),
        &["pb2", "--empty", "--no-git"],
        &global,
        &system_path(),
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "playbook créé (4 fichiers) dans `pb2` ; construisez-le avec `playbook build --root pb2`\n\
         `.gitlab-ci.yml` écrit : sur GitLab, chaque envoi vérifie, construit et publie le site (GitLab Pages, ou rsync vers l'intranet : voir « Publier sur l'intranet » dans le README de playbook) ; supprimez-le hors de GitLab\n"
    );
    assert!(!s.exists("pb2/.git"));
}

#[test]
fn init_inside_a_repository_or_after_git_init() {
    let s = Site::new();
    s.file(
        "gitconfig",
        "[user]\n\tname = A\n\temail = a@b.example\n[commit]\n\tgpgsign = false\n",
    );
    let global = s.path().join("gitconfig");
    // Inside the user's own repository: no repository in a repository.
    git_in(s.path(), &["init", "-q"], &[]);
    let o = init_as(s.path(), &["docs", "--empty"], &global, &system_path());
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(!s.exists("docs/.git"));
    let top = s.path().canonicalize().unwrap();
    // Lines: created, the CI file, git.
    assert_eq!(
        o.stderr.lines().nth(2).unwrap(),
        format!(
            "`docs` est déjà dans le dépôt git `{}` : pas de nouveau dépôt, rien n'est commité",
            top.display()
        )
    );
    let (has_head, _) = git_as(s.path(), &["rev-parse", "--verify", "-q", "HEAD"], &global);
    assert!(!has_head, "nothing committed in the user's repository");
    // After the user's own `git init` in the folder: the first commit.
    let t = Site::new();
    git_in(t.path(), &["init", "-q"], &[]);
    let o = init_as(t.path(), &["--empty"], &global, &system_path());
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(o.stderr.contains("avec un premier commit"), "{}", o.stderr);
    let (_, files) = git_as(t.path(), &["ls-files"], &global);
    assert_eq!(files.lines().count(), 4);
}

// ------------------------------------------------------- new and check

#[test]
fn new_guide_twice_takes_the_next_orders_and_says_so() {
    let s = Site::example();
    let o = s.run(&["new", "guide", "Évaluer la coopération"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "content/guide/10-evaluer-la-cooperation.md\n");
    assert_eq!(
        o.stderr,
        "étape 10 du guide, après « S'ouvrir au territoire »\n\
         aide : pour la placer ailleurs, changez `order: 10` dans content/guide/10-evaluer-la-cooperation.md \
         et le numéro au début du nom du fichier ; si content/guide/_index.md présente les étapes, \
         ajoutez-y [[Évaluer la coopération]]\n"
    );
    let o = s.run(&["new", "guide", "Passer le relais"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "content/guide/11-passer-le-relais.md\n");
    assert!(
        o.stderr
            .starts_with("étape 11 du guide, après « Évaluer la coopération »\n"),
        "{}",
        o.stderr
    );
    assert!(
        s.read("content/guide/11-passer-le-relais.md")
            .contains("\norder: 11\n")
    );
    // The guide lists them last, in that order.
    s.build_ok(&[]);
    let index = s.read("public/guide/index.html");
    let steps: Vec<&str> = index
        .split("<a href=\"")
        .skip(1)
        .map(|a| &a[..a.find('"').unwrap()])
        .filter(|h| !h.starts_with(['.', '#']) && h.ends_with('/') && !h.contains("//"))
        .collect();
    let firsts: Vec<&str> = steps.iter().take(11).copied().collect();
    assert_eq!(
        firsts[8..],
        [
            "s-ouvrir-au-territoire/",
            "evaluer-la-cooperation/",
            "passer-le-relais/"
        ],
        "{steps:?}"
    );

    // A guide that does not exist yet: step 1, no number in the name.
    let e = Site::new();
    e.file("content/_index.md", "Accueil");
    let o = e.run(&["new", "guide", "Démarrer"]);
    assert_eq!(o.stdout, "content/guide/demarrer.md\n");
    assert_eq!(
        o.stderr,
        "première étape du guide (`order: 1`)\n\
         aide : les étapes suivantes prendront 2, 3… ; pour changer l'ordre, changez `order` dans content/guide/demarrer.md\n"
    );
    let o = e.run(&["new", "guide", "Continuer"]);
    assert_eq!(o.stdout, "content/guide/continuer.md\n");
    assert!(
        e.read("content/guide/continuer.md")
            .contains("\norder: 2\n")
    );
}

#[test]
fn check_warns_about_placeholders_left_by_new() {
    let s = Site::new();
    assert_eq!(s.run(&["init", "--empty", "--no-git"]).code, 0);
    let o = s.run(&["new", "typology", "Coopération subie"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stderr,
        "à compléter : `axis` et `level` valent « À préciser » dans content/typologies/cooperation-subie.md ; \
         `playbook check` le signale tant qu'ils ne sont pas remplis\n"
    );
    assert_eq!(s.run(&["new", "minutes", "Atelier de rentrée"]).code, 0);
    let o = s.run(&["check"]);
    assert_eq!(o.code, 0, "warnings only: {}", o.stdout);
    // Everything but the orphan notes.
    let warnings: Vec<&str> = o
        .stdout
        .split_inclusive('\n')
        .filter(|l| {
            !l.contains(": note : page orpheline") && !l.starts_with("  aide : faites-y un lien")
        })
        .collect();
    assert_eq!(
        warnings.concat(),
        "content/ateliers/atelier-de-rentree.md:21:1: avertissement : le texte d'exemple de `playbook new` est encore là\n  \
         aide : remplacez-le par la question de l'atelier et ce qui s'est dit\n\
         content/typologies/cooperation-subie.md:10:7: avertissement : `axis` vaut encore « À préciser », la valeur laissée par `playbook new`\n  \
         aide : remplacez-la par l'axe de la typologie (par exemple Intensité, Origine ou Périmètre)\n\
         content/typologies/cooperation-subie.md:11:8: avertissement : `level` vaut encore « À préciser », la valeur laissée par `playbook new`\n  \
         aide : remplacez-la par le niveau de cette page sur son axe (1, 2, 3…)\n\
         0 lien : 0 vers des pages, 0 vers des fichiers, 0 vers des pages à créer, 0 cassé\n\
         5 pages vérifiées : 0 erreur, 3 avertissements, 2 notes\n"
    );
    assert_eq!(s.run(&["check", "--strict"]).code, 1);
    // Filled in: no warning.
    let page = s
        .read("content/typologies/cooperation-subie.md")
        .replace("axis: \"À préciser\"", "axis: Intensité")
        .replace("level: \"À préciser\"", "level: 2");
    s.file("content/typologies/cooperation-subie.md", page);
    let page = s.read("content/ateliers/atelier-de-rentree.md").replace(
        "La question de l'atelier, puis ce qui s'est dit, rotation par rotation.",
        "Comment reprendre ?",
    );
    s.file("content/ateliers/atelier-de-rentree.md", page);
    let o = s.run(&["check"]);
    assert!(o.stdout.contains("0 avertissement,"), "{}", o.stdout);
    // A value typed another way, in a list, is found too.
    s.file(
        "content/a-voir.md",
        "---\ntitle: À voir\ntags:\n  - coopération\n  - à préciser\n---\nTexte.\n",
    );
    let o = s.run(&["check"]);
    assert!(
        o.stdout.contains(
            "content/a-voir.md:5:5: avertissement : `tags` vaut encore « À préciser », la valeur laissée par `playbook new`\n  \
             aide : remplacez-la par la bonne valeur, ou supprimez la ligne\n"
        ),
        "{}",
        o.stdout
    );
}
