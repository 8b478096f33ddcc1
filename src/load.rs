//! Load: walks `content/` and reads every page. The only stage of the build
//! that reads content files (the theme is read by `theme`, git later by `git`).
//!
//! Hidden files, editor temporaries and symlinks leading outside `content/`
//! are skipped; everything else that is not Markdown is an asset, copied as is.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use encoding_rs::{Encoding, UTF_8};
use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, line_col};
use crate::messages::msg;
use crate::messages::{io_error, walk_error};

/// A Markdown file, read and decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to `content/`, with `/` separators.
    pub rel: String,
    /// Path shown in diagnostics (relative to the site root when possible).
    pub shown: PathBuf,
    pub text: String,
}

/// A file published beside the pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub rel: String,
    pub abs: PathBuf,
    /// The bytes of a drawing or XML document, read for `active::check`
    /// (other files are copied from `abs` without being read).
    pub bytes: Option<Arc<Vec<u8>>>,
}

impl Asset {
    /// The asset at `abs`, with its bytes when `active::check` needs them.
    pub fn read(rel: String, abs: PathBuf) -> std::io::Result<Asset> {
        let bytes = if crate::filetype::SCANNED_EXTENSIONS
            .contains(&crate::filetype::extension(&rel).as_str())
        {
            Some(Arc::new(std::fs::read(&abs)?))
        } else {
            None
        };
        Ok(Asset { rel, abs, bytes })
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    pub pages: Vec<SourceFile>,
    pub assets: Vec<Asset>,
    pub diagnostics: Vec<Diagnostic>,
    /// Pages that could not be read or decoded (too large, not UTF-8), by
    /// path relative to `content/`, with why: left out of the site.
    pub failed: Vec<(String, Diagnostic)>,
}

/// Hidden folders of tools: never read, never published.
pub const NEVER_WALKED: &[&str] = &[
    ".git",
    ".obsidian",
    ".trash",
    ".svn",
    ".hg",
    ".playbook-spare",
];

/// Is `rel` a file published only when a page refers to it: one inside a
/// hidden folder (`.gitbook/assets/`), or whose name starts with `_` (a
/// GitBook photo `_Z8A5697.jpeg`, or a data file of another tool such as
/// Docusaurus' `_category_.json`)?
pub fn published_if_referenced(rel: &str) -> bool {
    in_hidden_folder(rel) || rel.rsplit('/').next().is_some_and(|n| n.starts_with('_'))
}

/// Is `rel` inside a hidden folder (published only when a page refers to it)?
pub fn in_hidden_folder(rel: &str) -> bool {
    rel.split('/')
        .rev()
        .skip(1)
        .any(|part| part.starts_with('.'))
}

/// Is this file name an editor temporary or a hidden file?
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".kate-swp", ".crswap"]
            .iter()
            .any(|e| name.ends_with(e))
        || (name.starts_with("jb_") && name.ends_with("___"))
        || name.starts_with(".goutputstream")
}

pub fn is_markdown(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".md") || lower.ends_with(".markdown")
}

/// Walks `content_dir`. `shown_base` is what diagnostics print instead of the
/// absolute site root.
pub fn load(content_dir: &Path, shown_base: &Path) -> Loaded {
    let mut out = Loaded::default();
    let root = match content_dir.canonicalize() {
        Ok(r) => r,
        Err(e) => {
            out.diagnostics.push(
                Diagnostic::error(
                    shown_base,
                    0,
                    0,
                    msg!("load-content-unreadable", reason = io_error(&e)),
                )
                .with_help(msg!("load-content-unreadable-help")),
            );
            return out;
        }
    };
    let mut to_read = vec![];
    let walker = WalkDir::new(&root)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter();
    // Hidden folders (`.gitbook/`, `.attachments/`) are walked for the files
    // pages refer to; hidden files, editor temporaries and the folders of
    // tools (`.git/`, `.obsidian/`) are not.
    let walker = walker.filter_entry(|e| {
        let Some(name) = e.file_name().to_str() else {
            return true;
        };
        e.depth() == 0
            || !is_ignored_name(name)
            || (e.file_type().is_dir() && name.starts_with('.') && !NEVER_WALKED.contains(&name))
    });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let p = e
                    .path()
                    .map_or_else(|| shown_base.to_path_buf(), |p| shown(p, &root, shown_base));
                out.diagnostics.push(Diagnostic::warning(
                    p,
                    0,
                    0,
                    msg!("load-skipped", reason = walk_error(&e)),
                ));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let path = entry.path();
        let shown_path = shown(path, &root, shown_base);
        let Some(rel) = rel_string(path, &root) else {
            out.diagnostics.push(
                Diagnostic::warning(&shown_path, 0, 0, msg!("load-name-not-utf8"))
                    .with_help(msg!("load-name-not-utf8-help")),
            );
            continue;
        };
        let mut abs = path.to_path_buf();
        if entry.path_is_symlink() {
            match path.canonicalize() {
                Ok(target) if target.starts_with(&root) && target.is_file() => abs = target,
                Ok(target) if target.is_dir() => {
                    out.diagnostics.push(Diagnostic::warning(
                        &shown_path,
                        0,
                        0,
                        msg!("load-symlink-folder"),
                    ));
                    continue;
                }
                _ => {
                    out.diagnostics.push(
                        Diagnostic::warning(&shown_path, 0, 0, msg!("load-symlink-outside"))
                            .with_help(msg!("load-symlink-outside-help")),
                    );
                    continue;
                }
            }
        } else if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        let hidden = in_hidden_folder(&rel);
        if hidden && (is_markdown(&name) || crate::filetype::is_active(&name)) {
            // Not a page, and never a file a page may show.
        } else if is_markdown(&name) {
            to_read.push((rel, shown_path, abs));
        } else if name == crate::credits::PEOPLE_FILE {
            // Who is who, with their addresses: never published.
        } else {
            match Asset::read(rel, abs) {
                Ok(a) => out.assets.push(a),
                Err(e) => out.diagnostics.push(Diagnostic::error(
                    &shown_path,
                    0,
                    0,
                    msg!("load-unreadable", reason = io_error(&e)),
                )),
            }
        }
    }
    // Reading and decoding in parallel: walking is cheap, reading 10,000 files is not.
    let read: Vec<Result<SourceFile, (String, Diagnostic)>> = to_read
        .into_par_iter()
        .map(|(rel, shown_path, abs)| match read_page(&abs) {
            Ok(decoded) => match decoded {
                Ok(text) => Ok(SourceFile {
                    rel,
                    shown: shown_path,
                    text,
                }),
                Err(d) => Err((
                    rel,
                    Diagnostic {
                        path: shown_path,
                        ..d
                    },
                )),
            },
            Err(e) => Err((
                rel,
                Diagnostic::error(
                    &shown_path,
                    0,
                    0,
                    msg!("load-unreadable", reason = io_error(&e)),
                ),
            )),
        })
        .collect();
    for r in read {
        match r {
            Ok(f) => out.pages.push(f),
            Err(failed) => out.failed.push(failed),
        }
    }
    // A stable order that does not depend on how the folder was walked.
    out.pages.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.assets.sort_by(|a, b| a.rel.cmp(&b.rel));
    out
}

fn rel_string(path: &Path, root: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

fn shown(path: &Path, root: &Path, shown_base: &Path) -> PathBuf {
    match path.strip_prefix(root) {
        Ok(rel) => shown_base.join(rel),
        Err(_) => path.to_path_buf(),
    }
}

/// The largest Markdown page playbook reads, in bytes (2 MiB, 40 times the
/// largest page of the shared corpora). Larger pages are refused before they
/// are read. Below it, time and memory are linear in the page's size: about
/// 40 bytes of memory per byte of ordinary Markdown, up to 350 on the worst
/// pathological pattern measured (`bench/hostile.sh`), so one page costs at
/// most about 750 MB and 2 s (release build).
pub const MAX_PAGE_BYTES: u64 = 2 << 20;

/// Reads and decodes one page. The outer error is the file system's (the
/// file vanished, no permission); the inner one is about the file itself
/// (too large, not UTF-8), with an empty path for the caller to fill in.
pub fn read_page(path: &Path) -> std::io::Result<Result<String, Diagnostic>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_PAGE_BYTES {
        return Ok(Err(too_large(size)));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    // The file may grow while it is read: never read more than the limit.
    file.take(MAX_PAGE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PAGE_BYTES {
        return Ok(Err(too_large(bytes.len() as u64)));
    }
    Ok(decode(&bytes))
}

fn too_large(size: u64) -> Diagnostic {
    let mb = |b: u64| b as f64 / (1u64 << 20) as f64;
    Diagnostic::error(
        PathBuf::new(),
        0,
        0,
        msg!(
            "load-too-large",
            size = format!("{:.1}", mb(size)),
            limit = format!("{:.0}", mb(MAX_PAGE_BYTES))
        ),
    )
    .with_help(msg!("load-too-large-help"))
}

/// Decodes a page: UTF-8 (a BOM is dropped). Anything else is a clear error
/// naming the likely encoding and the first bad line.
pub fn decode(bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let utf16_bom = matches!(Encoding::for_bom(bytes), Some((e, _)) if e != UTF_8);
    if utf16_bom || looks_like_utf16(bytes) {
        return Err(
            Diagnostic::error("", 1, 1, msg!("load-utf16")).with_help(msg!("load-encoding-help"))
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..good]);
            let (line, col) = line_col(&prefix, prefix.len());
            let guess = if bytes.iter().filter(|b| **b >= 0x80).count() > 0 {
                "latin1"
            } else {
                "unknown"
            };
            Err(
                Diagnostic::error("", line, col, msg!("load-not-utf8", guess = guess))
                    .with_help(msg!("load-encoding-help")),
            )
        }
    }
}

/// UTF-16 without a byte-order mark: Latin-script text has a NUL in every
/// other byte (the high byte of each character), and only there.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    let nuls = |first: usize| {
        head.iter()
            .skip(first)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd) = (nuls(0), nuls(1));
    pairs >= 2 && ((even == 0 && odd * 2 > pairs) || (odd == 0 && even * 2 > pairs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messages::Lang;

    #[test]
    fn ignored_names() {
        for n in [
            ".git",
            ".page.md.swp",
            "page.md~",
            "#page.md#",
            ".#page.md",
            "4913",
            "x.tmp",
        ] {
            assert!(is_ignored_name(n), "{n}");
        }
        for n in ["page.md", "_index.md", "image.png"] {
            assert!(!is_ignored_name(n), "{n}");
        }
    }

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xEF\xBB\xBFabc").unwrap(), "abc");
        let e = decode(b"ligne\nCaf\xE9\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 4));
        assert!(e.message.render(Lang::En).contains("Latin-1"));
        assert!(
            decode(b"\xFF\xFEa\x00")
                .unwrap_err()
                .message
                .render(Lang::En)
                .contains("UTF-16")
        );
    }

    #[test]
    fn utf16_without_byte_order_mark_is_named() {
        // Was read as UTF-8 full of NULs, or reported as Latin-1.
        let utf16 = |s: &str, be: bool| -> Vec<u8> {
            s.encode_utf16()
                .flat_map(|u| if be { u.to_be_bytes() } else { u.to_le_bytes() })
                .collect()
        };
        for be in [false, true] {
            for text in ["# Titre\n\nTexte.\n", "# Café crème\n"] {
                let e = decode(&utf16(text, be)).unwrap_err();
                assert!(
                    e.message.render(Lang::En).contains("UTF-16"),
                    "{text} {be}: {e:?}"
                );
            }
        }
        assert_eq!(decode(b"Avant\0apr\xC3\xA8s").unwrap(), "Avant\0après");
        assert_eq!(decode(b"\0\0\0\0").unwrap(), "\0\0\0\0");
        assert_eq!(decode(b"a\0").unwrap(), "a\0");
    }
}
