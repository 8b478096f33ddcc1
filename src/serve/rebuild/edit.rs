//! Applying a batch of changed paths to the cache: what to read again, and
//! whether the edit can take the quick path (`quick.rs`) or needs the whole
//! link and render.

use std::path::{Path, PathBuf};

use crate::build::{Parsed, read_people};
use crate::diagnostic::Diagnostic;
use crate::load::{self, Asset, SourceFile};

use crate::serve::quick;
use crate::serve::watch::Change;

use super::{BURST, Builder, CachedPage, Outcome};

impl Builder {
    /// Applies a batch of changed paths, all but the search index (see
    /// [`Self::finish`]).
    pub fn apply_pages(&mut self, paths: &[PathBuf], change: Change) -> Outcome {
        self.parsed_last = 0;
        match change {
            Change::Nothing => {
                self.git_due = true;
                self.render()
            }
            Change::Full => {
                let mut out = self.full();
                // `full` built the index already.
                out.css_only = false;
                out
            }
            Change::Templates | Change::Css | Change::Static => {
                self.git_due = true;
                self.theme = None;
                if let Err(e) = self.load_config_and_theme() {
                    return Outcome::failed(e);
                }
                let mut out = self.render();
                out.css_only = change == Change::Css;
                out
            }
            Change::Content => {
                if self.config.is_none() {
                    return self.full();
                }
                let content = self.root.join("content");
                // A folder created, removed or renamed: walk again. A path
                // gone without an extension is a folder only when the cache
                // holds files under it (`sed -i` saves through `sedXXXXXX`).
                if paths.iter().any(|p| {
                    p.is_dir()
                        || (!p.exists() && p.extension().is_none() && self.holds_under(&content, p))
                }) {
                    return self.full();
                }
                let mut changed = vec![];
                // Anything but pages edited in place takes the whole path.
                let mut structural = false;
                for p in paths {
                    let Ok(rel) = p.strip_prefix(&content) else {
                        continue;
                    };
                    let Some(rel) = rel.to_str().map(|r| r.replace('\\', "/")) else {
                        continue;
                    };
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    if name == crate::credits::PEOPLE_FILE {
                        structural = true;
                        self.people = read_people(&self.root);
                    } else if load::is_markdown(&name) {
                        let was_page = matches!(
                            self.pages.remove(&rel),
                            Some(CachedPage {
                                parsed: Parsed::Page(..),
                                ..
                            })
                        );
                        structural |= !was_page || !p.is_file();
                        if let Some(h) = &mut self.history {
                            quick::infer_uncommitted(h, &rel, p.is_file());
                            self.unsettled = true;
                        }
                        // A read error means the file was deleted (or renamed away).
                        if let Ok(decoded) = load::read_page(p) {
                            let shown = Path::new("content").join(&rel);
                            match decoded {
                                Ok(text) => changed.push(SourceFile { rel, shown, text }),
                                Err(d) => {
                                    structural = true;
                                    let error = Diagnostic {
                                        path: shown.clone(),
                                        ..d
                                    };
                                    let page = CachedPage::failed(&rel, shown, error);
                                    self.pages.insert(rel, page);
                                }
                            }
                        }
                    } else if !p.is_file() && !self.assets.contains_key(&rel) {
                        // A file that came and went between two looks (an
                        // editor's temporary file): nothing changed.
                    } else {
                        structural = true;
                        // A file that cannot be read now is left out, like a removed one.
                        match Asset::read(rel.clone(), p.clone()) {
                            Ok(a) if p.is_file() => {
                                self.assets.insert(rel, a);
                            }
                            _ => {
                                self.assets.remove(&rel);
                            }
                        }
                    }
                }
                // A burst (a checkout, a copy) is no edit: git is read now,
                // so that the history it moved comes with this rebuild
                // rather than with a second one once edits pause.
                if paths.len() > BURST
                    && let Some(config) = self.config.clone()
                {
                    self.refresh_history(&config);
                    self.unsettled = false;
                    structural = true;
                }
                let parsed = self.parse(changed);
                let quick = if structural {
                    None
                } else {
                    self.quick(&parsed)
                };
                self.pages.extend(parsed);
                quick.unwrap_or_else(|| self.render())
            }
        }
    }

    /// Whether the cache holds a page or a file under the folder `dir`
    /// (`content` is the content folder).
    fn holds_under(&self, content: &Path, dir: &Path) -> bool {
        let Some(rel) = dir
            .strip_prefix(content)
            .ok()
            .and_then(Path::to_str)
            .map(|r| format!("{}/", r.replace('\\', "/")))
        else {
            return true;
        };
        let under = |k: &String| k.starts_with(&rel);
        self.pages
            .range(rel.clone()..)
            .next()
            .is_some_and(|(k, _)| under(k))
            || self
                .assets
                .range(rel.clone()..)
                .next()
                .is_some_and(|(k, _)| under(k))
    }

    /// The quick path (see `quick.rs`) for pages edited in place; `None`
    /// when an edit changes a page's face (or a page fails to render): the
    /// whole path then runs.
    pub(super) fn quick(&mut self, parsed: &[(String, CachedPage)]) -> Option<Outcome> {
        let timings = std::env::var_os("PLAYBOOK_TIMINGS").is_some();
        let started = std::time::Instant::now();
        let last = self.last.as_mut()?;
        let mut edits = vec![];
        for (rel, c) in parsed {
            let Parsed::Page(new, warnings) = &c.parsed else {
                return None;
            };
            if warnings.iter().any(Diagnostic::is_error) {
                return None;
            }
            let &id = last.by_source.get(rel)?;
            if !quick::same_face(&last.site.pages[id], new) {
                return None;
            }
            edits.push((id, new.body.clone()));
        }
        let dirty = quick::dirty(&last.site, &last.links, &edits);
        for (id, body) in edits {
            let page = &mut last.site.pages[id];
            page.body = body;
            if let (Some(h), Some(c)) = (&self.history, last.credits.pages.get_mut(id)) {
                c.uncommitted = h.uncommitted.get(&page.source).copied();
            }
        }
        let Ok(n) = quick::render(last, &dirty) else {
            self.last = None;
            return None;
        };
        self.rendered_last = n;
        self.reused_last = last.site.pages.len().saturating_sub(n);
        self.search_due = true;
        if timings {
            eprintln!(
                "timing: serve quick  {:>7.1} ms ({n} pages rendered)",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        Some(Outcome {
            files: Ok(last.files.clone()),
            css_only: false,
            notice: last.notice.clone(),
            early: vec![],
        })
    }
}
