//! Watching the site's sources (notify, with our own batching) and
//! classifying what changed. The classifier and the batching are pure and
//! unit-tested.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

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

/// Events closer than this are one batch: an editor's save (a temporary
/// written, then renamed over the page; or the page truncated, then
/// written) is one change. The batch is handed over as soon as this much
/// time passed without an event: a save is rebuilt within a few
/// milliseconds, not after a fixed window.
pub const QUIET: Duration = Duration::from_millis(8);
/// Once a batch names more than two paths (a burst: `git checkout`, a
/// copy, which may pause on a busy machine), it closes only after this long
/// without an event.
pub const SETTLE_BURST: Duration = Duration::from_millis(250);

/// The lock git holds on its index while it writes the working tree, for
/// the repository `root` belongs to (`.git` in `root` or above it).
fn git_index_lock(root: &Path) -> Option<PathBuf> {
    root.ancestors()
        .map(|d| d.join(".git"))
        .find(|g| g.is_dir())
        .map(|g| g.join("index.lock"))
}

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
    inner: RecommendedWatcher,
    root: PathBuf,
    watched: Vec<PathBuf>,
    pub events: Receiver<Vec<PathBuf>>,
    /// Set as soon as an event opens a batch (before the batch is handed
    /// over): work that can wait (the search index) gives up then.
    pub stirring: Arc<AtomicBool>,
}

impl Watcher {
    /// Starts watching `content/` and `themes/` if they appeared since.
    pub fn refresh(&mut self) -> notify::Result<()> {
        for sub in ["content", "themes"] {
            let dir = self.root.join(sub);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.inner.watch(&dir, RecursiveMode::Recursive)?;
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
/// closer than [`QUIET`] are one batch, so an atomic save is one change;
/// once a batch names more than two paths, events closer than
/// [`SETTLE_BURST`] join it, so a `git checkout` touching 500 files gives
/// one rebuild.
pub fn start(root: &Path) -> notify::Result<Watcher> {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (raw_tx, raw_rx) = channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(raw_tx)?;
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    let (tx, rx) = channel();
    let filter_root = root.clone();
    let stirring = Arc::new(AtomicBool::new(false));
    let stir = stirring.clone();
    std::thread::spawn(move || {
        let paths = |ev: notify::Result<notify::Event>| match ev {
            Ok(e) if !matches!(e.kind, EventKind::Access(_)) => {
                let kept: Vec<PathBuf> = e
                    .paths
                    .into_iter()
                    .filter(|p| !ignored(&filter_root, p))
                    .collect();
                if !kept.is_empty() {
                    stir.store(true, Ordering::SeqCst);
                }
                kept
            }
            _ => vec![],
        };
        let lock = git_index_lock(&filter_root);
        batches(&raw_rx, &tx, paths, || {
            lock.as_ref().is_some_and(|l| l.exists())
        });
    });
    let mut w = Watcher {
        inner: watcher,
        root,
        watched: vec![],
        events: rx,
        stirring,
    };
    w.refresh()?;
    Ok(w)
}

/// Groups the events of `raw` into batches of paths, sent on `out`: a
/// batch opens with an event naming a path `paths` keeps, and closes after
/// [`QUIET`] without an event ([`SETTLE_BURST`] once it names more than two
/// paths). Returns when either channel closes.
///
/// While `busy()` (git holds its index lock: a checkout, a merge, a
/// rebase is writing files), a batch does not close, however long the
/// pauses between its events: the rebuild sees the whole operation, never
/// half of it. It is asked only when the batch would close, so a save
/// outside git costs nothing more.
fn batches<E>(
    raw: &Receiver<E>,
    out: &Sender<Vec<PathBuf>>,
    paths: impl Fn(E) -> Vec<PathBuf>,
    busy: impl Fn() -> bool,
) {
    /// How long a batch waits for git at most, in all.
    const GIT_PATIENCE: Duration = Duration::from_secs(30);
    while let Ok(first) = raw.recv() {
        let opened = std::time::Instant::now();
        let mut batch = paths(first);
        if batch.is_empty() {
            continue;
        }
        loop {
            batch.sort();
            batch.dedup();
            let wait = if batch.len() > 2 { SETTLE_BURST } else { QUIET };
            match raw.recv_timeout(wait) {
                Ok(e) => batch.extend(paths(e)),
                Err(RecvTimeoutError::Timeout) if busy() && opened.elapsed() < GIT_PATIENCE => {}
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => {
                    let _ = out.send(batch);
                    return;
                }
            }
        }
        if out.send(batch).is_err() {
            return;
        }
    }
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

    /// While git is busy, a pause longer than any settle time does not
    /// close the batch: the checkout's files come as one.
    #[test]
    fn a_batch_waits_for_git() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let (raw_tx, raw_rx) = channel::<&str>();
        let (tx, rx) = channel();
        let busy = Arc::new(AtomicBool::new(true));
        let b = busy.clone();
        std::thread::spawn(move || {
            batches(
                &raw_rx,
                &tx,
                |p| vec![PathBuf::from(p)],
                || b.load(Ordering::SeqCst),
            );
        });
        raw_tx.send("content/a.md").unwrap();
        std::thread::sleep(SETTLE_BURST * 2);
        raw_tx.send("content/b.md").unwrap();
        busy.store(false, Ordering::SeqCst);
        let batch = rx.recv_timeout(Duration::from_secs(5)).unwrap();
        assert_eq!(
            batch,
            [PathBuf::from("content/a.md"), PathBuf::from("content/b.md")]
        );
    }

    /// A save is handed over as soon as its events stop, alone; a burst of
    /// many paths waits for the burst to end and comes as one batch.
    #[test]
    fn saves_come_at_once_and_bursts_as_one_batch() {
        let (raw_tx, raw_rx) = channel::<&str>();
        let (tx, rx) = channel();
        let t = std::thread::spawn(move || {
            batches(
                &raw_rx,
                &tx,
                |p| {
                    if p.is_empty() {
                        vec![]
                    } else {
                        vec![PathBuf::from(p)]
                    }
                },
                || false,
            );
        });
        // An atomic save: an ignored temporary, then the page, twice.
        let started = std::time::Instant::now();
        for p in ["", "a.md", "a.md"] {
            raw_tx.send(p).unwrap();
        }
        assert_eq!(rx.recv().unwrap(), vec![PathBuf::from("a.md")]);
        assert!(started.elapsed() < SETTLE_BURST, "{:?}", started.elapsed());
        // A checkout: three paths at once, then more with pauses longer
        // than QUIET (a busy machine).
        for (i, p) in ["b.md", "c.md", "d.md", "e.md", "f.md", "g.md"]
            .iter()
            .enumerate()
        {
            raw_tx.send(p).unwrap();
            if i >= 2 {
                std::thread::sleep(QUIET * 3);
            }
        }
        assert_eq!(rx.recv().unwrap().len(), 6, "one batch");
        drop(raw_tx);
        t.join().unwrap();
        assert!(rx.try_recv().is_err());
    }
}
