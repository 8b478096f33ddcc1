//! Watching the site's sources (notify with a debouncer) and classifying
//! what changed. The classifier is pure and unit-tested.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::load::is_ignored_name;

/// What a batch of changed paths asks for, from the cheapest to the most thorough.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Nothing,
    /// Only theme stylesheets: swap them in the browser, no page reload.
    Css,
    /// Other theme static files.
    Static,
    /// Pages or files under `content/`.
    Content,
    /// Theme templates: re-render everything, re-parse nothing.
    Templates,
    /// `playbook.toml`, or folders appearing: rebuild from scratch.
    Full,
}

/// Events closer than this are one batch (the debouncer's window).
pub const DEBOUNCE: Duration = Duration::from_millis(50);
/// How often the debouncer hands over the events that have settled.
const TICK: Duration = Duration::from_millis(10);
/// After a batch of one or two paths (a save), further batches arriving
/// within this delay join it.
pub const SETTLE: Duration = Duration::from_millis(30);
/// The same after a batch of more paths: a burst (`git checkout`, a copy)
/// that may pause on a busy machine.
pub const SETTLE_BURST: Duration = Duration::from_millis(250);

/// Is this path one the watcher should ignore (temporaries, output, VCS)?
pub fn ignored(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return true;
    };
    let mut comps = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let first = comps.next().unwrap_or_default();
    if matches!(
        first.as_ref(),
        "public" | "target" | ".git" | "node_modules"
    ) {
        return true;
    }
    path.file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| is_ignored_name(&n))
}

/// Classifies a batch of changed paths (already filtered by [`ignored`]).
pub fn classify(root: &Path, paths: &[PathBuf]) -> Change {
    let mut change = Change::Nothing;
    for p in paths {
        let Ok(rel) = p.strip_prefix(root) else {
            continue;
        };
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        let c = match parts.first().map(String::as_str) {
            Some("playbook.toml") => Change::Full,
            Some("content") => Change::Content,
            Some("themes") if parts.get(2).map(String::as_str) == Some("templates") => {
                Change::Templates
            }
            Some("themes") if parts.get(2).map(String::as_str) == Some("static") => {
                if p.extension().is_some_and(|e| e == "css") {
                    Change::Css
                } else {
                    Change::Static
                }
            }
            Some("themes") => Change::Full,
            _ => Change::Nothing,
        };
        change = change.max(c);
    }
    change
}

/// A running watcher: keep it alive as long as events are wanted.
pub struct Watcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<PathBuf>,
    pub events: Receiver<Vec<PathBuf>>,
}

impl Watcher {
    /// Starts watching `content/` and `themes/` if they appeared since.
    pub fn refresh(&mut self) -> notify::Result<()> {
        for sub in ["content", "themes"] {
            let dir = self.root.join(sub);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.debouncer.watch(&dir, RecursiveMode::Recursive)?;
                self.watched.push(dir);
            }
        }
        self.watched.retain(|d| d.is_dir());
        Ok(())
    }
}

/// Watches `content/`, `themes/` and the site folder itself (for
/// `playbook.toml`). Access events are dropped (on Linux, reading a file
/// emits one), and so are editor temporaries and the output folder. Events
/// of a path within [`DEBOUNCE`] are one event, so an atomic save is one
/// change; `serve` joins batches closer than [`SETTLE`] (or [`SETTLE_BURST`]
/// once a batch names more than two paths), so a `git checkout` touching
/// 500 files gives one rebuild.
pub fn start(root: &Path) -> notify::Result<Watcher> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (tx, rx) = channel();
    let filter_root = root.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, Some(TICK), move |res: DebounceEventResult| {
        let Ok(events) = res else { return };
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|e| !matches!(e.kind, EventKind::Access(_)))
            .flat_map(|e| e.paths.iter().cloned())
            .filter(|p| !ignored(&filter_root, p))
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            let _ = tx.send(paths);
        }
    })?;
    debouncer.watch(&root, RecursiveMode::NonRecursive)?;
    let mut w = Watcher {
        debouncer,
        root,
        watched: vec![],
        events: rx,
    };
    w.refresh()?;
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let root = Path::new("/site");
        let c = |ps: &[&str]| classify(root, &ps.iter().map(|p| root.join(p)).collect::<Vec<_>>());
        assert_eq!(c(&[]), Change::Nothing);
        assert_eq!(c(&["content/a.md"]), Change::Content);
        assert_eq!(c(&["themes/default/static/style.css"]), Change::Css);
        assert_eq!(
            c(&[
                "themes/default/static/style.css",
                "themes/default/static/app.js"
            ]),
            Change::Static
        );
        assert_eq!(
            c(&["themes/default/templates/page.html", "content/a.md"]),
            Change::Templates
        );
        assert_eq!(c(&["playbook.toml", "content/a.md"]), Change::Full);
        assert_eq!(c(&["README.md"]), Change::Nothing);
    }

    #[test]
    fn temporaries_and_output_are_ignored() {
        let root = Path::new("/site");
        for p in [
            "content/.a.md.swp",
            "content/a.md~",
            "content/4913",
            "content/.#a.md",
            "public/index.html",
            ".git/index",
            "/elsewhere/x",
        ] {
            assert!(ignored(root, &root.join(p)), "{p}");
        }
        assert!(!ignored(root, &root.join("content/a.md")));
    }
}
