//! What `playbook init` writes: the bundled example playbook (`content/` and
//! `playbook.toml` of this repository, embedded in the binary), or a minimal
//! home page; and the placeholders `playbook new` leaves for the author,
//! which `playbook check` reports.
//!
//! The example is embedded by `build.rs` (`EXAMPLE`), like the default theme;
//! the CI template is `scaffold/gitlab-ci.yml`.

/// The example content, by path relative to `content/`.
pub static EXAMPLE: &[(&str, &[u8])] = crate::embedded::EXAMPLE;

/// The example `playbook.toml`.
pub static EXAMPLE_CONFIG: &str =
    include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/playbook.toml"));

/// `playbook.toml` of an empty playbook.
pub const EMPTY_CONFIG: &str = "\
# Configuration du playbook. Toutes les clés sont facultatives :
# title, description, base_url, language (fr ou en), theme, url_style, [markdown].
title = \"Mon playbook\"
language = \"fr\"
";

/// The home page of an empty playbook.
pub const EMPTY_HOME: &str = "\
---
title: \"Mon playbook\"
---

Bienvenue ! Ce playbook est vide pour l’instant. Pour l’enrichir :

- `playbook import pad.txt` transforme l’export texte d’un pad d’atelier en compte rendu ;
- `playbook new guide \"Titre de l’étape\"` ajoute une étape au guide ;
- `playbook new typology \"Titre\"` ajoute une typologie ;
- `playbook new cartographie \"Titre\"` ajoute une cartographie des parties prenantes ;
- `playbook new page \"Titre\"` ajoute une page.

Puis `playbook build` construit le site dans `public/`.
";

/// The value `playbook new` writes where only the author knows what to put
/// (a typology's `axis` and `level`); `playbook check` warns while it is
/// left.
pub const PLACEHOLDER: &str = "À préciser";

/// The sample sentence of a new minutes page's body; `playbook check` warns
/// while it is left.
pub const MINUTES_SAMPLE: &str =
    "La question de l'atelier, puis ce qui s'est dit, rotation par rotation.";

// f-deploy
/// `.gitlab-ci.yml` of a new playbook: `playbook check` as a Code Quality
/// report, `playbook build`, then GitLab Pages or rsync to the intranet
/// server (`docs/publier.md`). Tested by `tests/testsuite/deploy_ci.rs`,
/// which runs its script lines as a runner would.
pub const GITLAB_CI: &str = include_str!("scaffold/gitlab-ci.yml");

/// `.gitignore` of a new playbook: the built site is not versioned.
pub const GITIGNORE: &str = "public/\n";

#[cfg(test)]
mod tests {
    use super::*;

    /// The table lists exactly the files of `content/`.
    #[test]
    fn example_matches_the_content_folder() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut on_disk = vec![];
        for e in walkdir::WalkDir::new(&root) {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy();
            if e.file_type().is_file() && !name.starts_with('.') {
                let rel = e.path().strip_prefix(&root).unwrap();
                on_disk.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
        on_disk.sort();
        let mut listed: Vec<String> = EXAMPLE.iter().map(|(p, _)| p.to_string()).collect();
        listed.sort();
        assert_eq!(listed, on_disk, "build.rs embeds every file of content/");
    }
}
