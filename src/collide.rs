//! Content files that would land on a file playbook generates (a page's
//! `index.html`, `sitemap.xml`, `404.html`, a generated page, a theme asset).
//! Pure: the site, the content files and the theme's file names in, errors out.

use crate::messages::msg;
use std::path::PathBuf;

use crate::diagnostic::Diagnostic;
use crate::load::Asset;
use crate::site::Site;

/// One error per content file whose output path is also a generated file.
pub fn asset_collisions<'a>(
    site: &Site,
    assets: &[Asset],
    theme_files: impl IntoIterator<Item = &'a String>,
) -> Vec<Diagnostic> {
    let mut generated: std::collections::HashSet<String> = site
        .pages
        .iter()
        .map(|p| format!("{}index.html", p.url))
        .collect();
    generated.extend([
        "sitemap.xml".to_string(),
        "404.html".to_string(),
        crate::reserved::FEED_FILE.to_string(),
    ]);
    generated.extend(theme_files.into_iter().map(|f| format!("assets/{f}")));
    assets
        .iter()
        .filter(|a| {
            generated.contains(&a.rel)
                // Generated pages (tags, pages to create…) live under reserved folders.
                || (a.rel.ends_with("index.html")
                    && crate::reserved::RESERVED.iter().any(|r| a.rel.starts_with(r)))
        })
        .map(|a| {
            Diagnostic::error(
                PathBuf::from("content").join(&a.rel),
                0,
                0,
                msg!("address-generated-file", file = &a.rel),
            )
            .with_help(msg!("address-generated-file-help"))
        })
        .collect()
}
