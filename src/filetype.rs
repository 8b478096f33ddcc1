//! What a content file is, by its name: Markdown, a file a browser would
//! run, a drawing or XML document to check. A leaf, read by `load` and
//! `active`.

/// Extensions a browser runs or renders as a document with scripts.
pub const ACTIVE_EXTENSIONS: &[&str] = &[
    "html", "htm", "xhtml", "xht", "shtml", "js", "mjs", "xsl", "xslt",
];

/// Is this a file a browser runs (by its name)?
pub fn is_active(name: &str) -> bool {
    ACTIVE_EXTENSIONS.contains(&extension(name).as_str())
}

/// Files `load` reads for `active::check`: drawings and XML documents.
pub const SCANNED_EXTENSIONS: &[&str] = &["svg", "xml", "svgz"];

pub fn extension(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default()
}
