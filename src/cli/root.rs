//! Finding the site a command works on. Without `--root`, `build`, `serve`,
//! `check`, `new` and `import` look for the site root in the current folder
//! and then in each folder above it, as git looks for `.git`: the first
//! folder holding a `playbook.toml` or a `content/` folder (what `init`
//! writes) is the site. The root is returned relative to the current folder
//! (`.`, `..`, `../..`), so every path the command prints stays a path the
//! user can type. Outside any site the command stops with a message in
//! French, or in English when the locale asks for it (the site's language
//! is unknown there).

use std::path::{Path, PathBuf};

use crate::messages::msg;
use crate::messages::{Lang, Message};

/// What marks a site root.
const CONFIG: &str = "playbook.toml";
const CONTENT: &str = "content";

/// The site root: `explicit` (`--root`) when given, else the nearest folder
/// from the current one upward that holds a site. Outside a site, prints
/// why and returns the exit code (2, a usage error).
pub(crate) fn locate(explicit: Option<PathBuf>) -> Result<PathBuf, i32> {
    if let Some(root) = explicit {
        return Ok(root);
    }
    let cwd = match std::env::current_dir() {
        Ok(d) => d,
        // The current folder was removed: the message names `.`.
        Err(_) => PathBuf::from("."),
    };
    match find_upward(&cwd) {
        Some(root) => Ok(root),
        None => {
            eprintln!("{}", not_a_site(&cwd).render(Lang::from_env()));
            Err(2)
        }
    }
}

/// The nearest folder from `start` upward that is a site root, as a path
/// relative to `start` (`.`, `..`, …).
pub(crate) fn find_upward(start: &Path) -> Option<PathBuf> {
    let mut rel = PathBuf::from(".");
    for (up, dir) in start.ancestors().enumerate() {
        if is_site(dir) {
            return Some(rel);
        }
        rel = std::iter::repeat_n("..", up + 1).collect();
    }
    None
}

/// Whether `dir` holds a site: a `playbook.toml` or a `content/` folder.
pub(crate) fn is_site(dir: &Path) -> bool {
    dir.join(CONFIG).is_file() || dir.join(CONTENT).is_dir()
}

/// The message shown outside a site.
fn not_a_site(cwd: &Path) -> Message {
    msg!(
        "cli-error",
        message = msg!("not-a-site", dir = cwd.display())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_site_above() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        let deep = site.join("content/guide/images");
        std::fs::create_dir_all(&deep).unwrap();
        assert_eq!(find_upward(&site), Some(PathBuf::from(".")));
        assert_eq!(find_upward(&deep), Some(PathBuf::from("../../..")));
        assert_eq!(
            find_upward(&site.join("content")),
            Some(PathBuf::from(".."))
        );
        // A playbook.toml alone marks a site too, and the nearest one wins.
        let inner = deep.join("autre");
        std::fs::create_dir_all(&inner).unwrap();
        std::fs::write(inner.join("playbook.toml"), "").unwrap();
        assert_eq!(find_upward(&inner), Some(PathBuf::from(".")));
    }

    #[test]
    fn messages_name_the_folder_and_the_ways_out() {
        let fr = not_a_site(Path::new("/tmp/x")).render(Lang::Fr);
        assert_eq!(
            fr,
            "erreur : pas de site playbook ici : ni `playbook.toml` ni dossier `content/` dans `/tmp/x` ni dans les dossiers au-dessus\n\
             aide : lancez playbook dans le dossier d'un site, passez --root DOSSIER, ou créez un site avec `playbook init`"
        );
        assert!(
            not_a_site(Path::new("/tmp/x"))
                .render(Lang::En)
                .starts_with("error: no playbook site here")
        );
    }
}
