//! The theme: the default one embedded in the binary, and a site's overrides
//! from `themes/<name>/templates/` and `themes/<name>/static/`.
//!
//! Loading reads the override folder (an I/O edge); building the Tera engine
//! from a [`Theme`] is pure.

use crate::messages::io_error;
use crate::messages::msg;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::diagnostic::Diagnostic;

use crate::embedded;

/// Prefix under which the embedded templates are registered, so a site
/// template can `{% extends "__default/page.html" %}`.
pub const DEFAULT_PREFIX: &str = "__default/";

/// A theme ready to use: template sources and static files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Theme {
    /// Site templates overriding the embedded ones: (name, path shown, source).
    pub overrides: Vec<(String, PathBuf, String)>,
    /// Static files, embedded merged with overrides, by path under `assets/`.
    pub static_files: BTreeMap<String, Vec<u8>>,
}

/// The addresses templates give the theme's static files by, relative to
/// the site root, by name under `static/`: with `fingerprint`, a file that
/// pages link (stylesheet, script, image, font: [`linked`]) is
/// `assets/style.1a2b3c4d5e.css` (the first ten hex digits of the file's
/// xxh3 hash before its extension), so a web server can let browsers keep
/// it for a year (`docs/publier.md`); other files, and every file without
/// `fingerprint`, keep their name: `assets/style.css`.
/// Templates read it as the global `assets`:
/// `{{ root }}{{ assets["style.css"] }}`.
pub fn asset_urls(theme: &Theme, fingerprint: bool) -> BTreeMap<String, String> {
    theme
        .static_files
        .iter()
        .map(|(name, bytes)| {
            let file = if fingerprint && linked(name) {
                fingerprinted(name, bytes)
            } else {
                name.clone()
            };
            (name.clone(), format!("assets/{file}"))
        })
        .collect()
}

/// The names a theme file goes out under, in `assets/`: its
/// [`asset_urls`] name, and its plain name too for templates of one's own
/// and bookmarks, except for a vendored script (`vendor/*.js`: only the
/// theme links it, and Mermaid weighs 5 MB).
pub fn published_names(name: &str, bytes: &[u8], fingerprint: bool) -> Vec<String> {
    if !(fingerprint && linked(name)) {
        return vec![name.to_string()];
    }
    let hashed = fingerprinted(name, bytes);
    if name.starts_with("vendor/") {
        vec![hashed]
    } else {
        vec![name.to_string(), hashed]
    }
}

/// A file pages link (by its extension), which gets a fingerprinted name;
/// a README or a licence keeps its own.
pub fn linked(name: &str) -> bool {
    const LINKED: &[&str] = &[
        "css", "js", "mjs", "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "ico", "woff",
        "woff2", "ttf", "otf",
    ];
    name.rsplit_once('.')
        .is_some_and(|(_, ext)| LINKED.contains(&ext.to_ascii_lowercase().as_str()))
}

/// `img/logo.png` → `img/logo.<hash>.png` (`LICENSE` → `LICENSE.<hash>`).
pub fn fingerprinted(name: &str, bytes: &[u8]) -> String {
    let hash = format!("{:016x}", xxhash_rust::xxh3::xxh3_64(bytes));
    let hash = &hash[..10];
    let (dir, file) = match name.rsplit_once('/') {
        Some((d, f)) => (format!("{d}/"), f),
        None => (String::new(), name),
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{hash}.{ext}"),
        _ => format!("{dir}{file}.{hash}"),
    }
}

/// Reads the site's theme folder, if any. `name` comes from `playbook.toml`.
pub fn load(site_root: &Path, name: &str) -> Result<Theme, Diagnostic> {
    let mut theme = Theme::default();
    for (n, bytes) in embedded::STATIC {
        theme.static_files.insert((*n).to_string(), bytes.to_vec());
    }
    let dir = site_root.join("themes").join(name);
    if !dir.is_dir() {
        if name == "default" {
            return Ok(theme);
        }
        return Err(
            Diagnostic::error("playbook.toml", 0, 0, msg!("theme-not-found", name = name))
                .with_help(msg!("theme-not-found-help")),
        );
    }
    let walk = |sub: &str| -> Vec<(String, PathBuf)> {
        let base = dir.join(sub);
        walkdir::WalkDir::new(&base)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .filter(|e| {
                !e.file_name()
                    .to_str()
                    .is_some_and(crate::load::is_ignored_name)
            })
            .filter_map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(&base)
                    .ok()?
                    .to_str()?
                    .replace('\\', "/");
                Some((rel, e.path().to_path_buf()))
            })
            .collect()
    };
    for (rel, path) in walk("templates") {
        let shown = Path::new("themes").join(name).join("templates").join(&rel);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            Diagnostic::error(&shown, 0, 0, msg!("load-unreadable", reason = io_error(&e)))
        })?;
        theme.overrides.push((rel, shown, text));
    }
    for (rel, path) in walk("static") {
        let shown = Path::new("themes").join(name).join("static").join(&rel);
        let bytes = std::fs::read(&path).map_err(|e| {
            Diagnostic::error(&shown, 0, 0, msg!("load-unreadable", reason = io_error(&e)))
        })?;
        theme.static_files.insert(rel, bytes);
    }
    Ok(theme)
}

/// Tera's autoescape, with the same five entities as `tera::escape_html`,
/// but each run of plain text written at once: Tera's own writes byte by
/// byte through `dyn Write`, which was an eighth of a build's instructions.
/// (The `fast_escape` feature's escaper leaves `'` as it is, which would
/// change every page.)
fn escape_html(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = input.as_bytes();
    let mut kept = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&bytes[kept..i])?;
        out.write_all(entity)?;
        kept = i + 1;
    }
    out.write_all(&bytes[kept..])
}

/// Builds the template engine: embedded templates under [`DEFAULT_PREFIX`],
/// the site's overrides under their bare names.
pub fn engine(theme: &Theme) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    let shown_default = |name: &str| PathBuf::from(format!("(default theme) templates/{name}"));
    tera.set_fallback_prefixes([DEFAULT_PREFIX]).map_err(|e| {
        Diagnostic::error(
            shown_default(""),
            0,
            0,
            msg!("template-error", reason = e.to_string()),
        )
    })?;
    tera.autoescape_on([".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let defaults: Vec<(String, String)> = embedded::TEMPLATES
        .iter()
        .map(|(n, b)| {
            (
                format!("{DEFAULT_PREFIX}{n}"),
                String::from_utf8_lossy(b).into_owned(),
            )
        })
        .collect();
    tera.add_raw_templates(defaults)
        .map_err(|e| template_error(&shown_default("?"), &e))?;
    for (name, shown, text) in &theme.overrides {
        tera.add_raw_template(name, text)
            .map_err(|e| template_error(shown, &e))?;
    }
    Ok(tera)
}

/// A Tera error as a diagnostic; Tera's report already names the line.
pub fn template_error(shown: &Path, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!(": {s}"));
        source = s.source();
    }
    let line = msg
        .split("-->")
        .nth(1)
        .and_then(|rest| rest.split(':').nth(1))
        .and_then(|l| l.trim().parse().ok())
        .unwrap_or(0);
    Diagnostic::error(shown, line, 0, msg!("template-error", reason = msg.trim()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_as_tera_does() {
        for s in [
            "",
            "plain",
            "l'équipe & <b>\"x\"</b>",
            "&&''<>",
            "é<",
            ">\u{1F600}'",
        ] {
            let (mut ours, mut tera) = (vec![], vec![]);
            super::escape_html(s, &mut ours).unwrap();
            tera::escape_html(s, &mut tera).unwrap();
            assert_eq!(
                String::from_utf8(ours).unwrap(),
                String::from_utf8(tera).unwrap()
            );
        }
    }

    use super::*;

    #[test]
    fn fingerprinted_names_keep_folder_and_extension() {
        let h = &format!("{:016x}", xxhash_rust::xxh3::xxh3_64(b"x"))[..10];
        assert_eq!(fingerprinted("style.css", b"x"), format!("style.{h}.css"));
        assert_eq!(
            fingerprinted("img/a.b.png", b"x"),
            format!("img/a.b.{h}.png")
        );
        assert_eq!(fingerprinted("LICENSE", b"x"), format!("LICENSE.{h}"));
        assert_eq!(fingerprinted(".hidden", b"x"), format!(".hidden.{h}"));
        assert_ne!(
            fingerprinted("style.css", b"y"),
            fingerprinted("style.css", b"x")
        );
    }

    #[test]
    fn linked_files_go_out_fingerprinted_and_vendored_scripts_once() {
        let h = &format!("{:016x}", xxhash_rust::xxh3::xxh3_64(b"x"))[..10];
        assert_eq!(
            published_names("style.css", b"x", true),
            ["style.css".to_string(), format!("style.{h}.css")]
        );
        assert_eq!(
            published_names("vendor/mermaid.min.js", b"x", true),
            [format!("vendor/mermaid.min.{h}.js")]
        );
        assert_eq!(
            published_names("vendor/mermaid.LICENSE.txt", b"x", true),
            ["vendor/mermaid.LICENSE.txt"]
        );
        assert_eq!(
            published_names("vendor/README.md", b"x", true),
            ["vendor/README.md"]
        );
        assert_eq!(published_names("style.css", b"x", false), ["style.css"]);
        assert_eq!(
            published_names("vendor/mermaid.min.js", b"x", false),
            ["vendor/mermaid.min.js"]
        );
    }
}
