//! `sitemap.xml`: every page's absolute URL (from `base_url`) and its last
//! change, rendered by the theme's `sitemap.xml` template. Written once per
//! build, after the pages; with the Atom feed, the one place where
//! `base_url` appears.

use serde::Serialize;
use tera::Tera;

use super::template::render_file;
use crate::diagnostic::Diagnostic;
use crate::site::{Page, Site};
use crate::text::encode_segment;

/// The context of `sitemap.xml`.
#[derive(Serialize)]
struct SitemapContext {
    /// Every page and folder, by URL.
    urls: Vec<SitemapUrl>,
}

#[derive(Serialize)]
struct SitemapUrl {
    /// `base_url` and the page's URL, percent-encoded (the template escapes it).
    loc: String,
    /// The page's last change (`updated`, else `date`), `2025-08-12`; null
    /// when it has neither, and for a folder with no `_index.md`.
    lastmod: Option<String>,
}

/// `sitemap.xml`, from the theme's template of that name (`tera` has the
/// template globals).
pub fn sitemap(tera: &Tera, site: &Site) -> Result<Vec<u8>, Diagnostic> {
    render_file(tera, "sitemap.xml", &sitemap_context(site))
}

fn sitemap_context(site: &Site) -> SitemapContext {
    let mut pages: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| !p.url.is_empty() || p.is_index)
        .collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    let mut urls: Vec<(String, Option<String>)> = pages
        .iter()
        .map(|p| (p.url.clone(), p.updated.or(p.date).map(|d| d.iso())))
        .collect();
    for sec in &site.sections {
        if sec.index.is_none() {
            urls.push((sec.url.clone(), None));
        }
    }
    urls.sort();
    urls.dedup_by(|a, b| a.0 == b.0);
    SitemapContext {
        urls: urls
            .into_iter()
            .map(|(url, lastmod)| {
                let path: String = url
                    .split('/')
                    .map(encode_segment)
                    .collect::<Vec<_>>()
                    .join("/");
                SitemapUrl {
                    loc: format!("{}{}", site.config.base_url, path),
                    lastmod,
                }
            })
            .collect(),
    }
}
