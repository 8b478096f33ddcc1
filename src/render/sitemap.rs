//! `sitemap.xml`: every page's absolute URL (from `base_url`) and its last
//! change. Written once per build, after the pages; the one place besides
//! the Atom feed where `base_url` appears.

use crate::site::{Page, Site};
use crate::text::{encode_segment, escape_html};

/// `sitemap.xml`: absolute URLs built from `base_url`.
pub fn sitemap(site: &Site) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
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
    for (url, lastmod) in urls {
        let path: String = url
            .split('/')
            .map(encode_segment)
            .collect::<Vec<_>>()
            .join("/");
        s.push_str("  <url><loc>");
        s.push_str(&escape_html(&format!("{}{}", site.config.base_url, path)));
        s.push_str("</loc>");
        if let Some(d) = lastmod {
            s.push_str("<lastmod>");
            s.push_str(&d);
            s.push_str("</lastmod>");
        }
        s.push_str("</url>\n");
    }
    s.push_str("</urlset>\n");
    s
}
