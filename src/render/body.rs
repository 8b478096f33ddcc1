//! Link placeholders: the parse stage leaves every link to a page or an
//! asset as a numbered placeholder in the body HTML (see `markdown`); here
//! each becomes a relative URL, from the link table, for the page that
//! contains it. Runs per page, after `link`, before the page's template.

use super::RenderEnv;
use crate::link::Target;
use crate::markdown::{CLOSE, OPEN, SEP};
use crate::site::{Page, PageId};
use crate::text::{escape_html, match_key};
use crate::wiki;

/// How an image source placeholder appears in the HTML comrak writes.
const ASSET_NEEDLE: &str = "src=\"playbook-asset:";

impl RenderEnv<'_> {
    /// Substitutes the link placeholders of a page's body.
    pub fn resolve_body(&self, id: PageId) -> String {
        let page = &self.site.pages[id];
        let html = &page.body.html;
        let targets = &self.links.targets[id];
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut rest = html.as_str();
        while let Some(i) = rest.find([OPEN, CLOSE]) {
            let c = rest[i..].chars().next().unwrap_or(OPEN);
            out.push_str(&rest[..i]);
            let after = &rest[i + c.len_utf8()..];
            let Some(end) = after.find(SEP) else {
                rest = after;
                continue;
            };
            let n: usize = after[..end].parse().unwrap_or(usize::MAX);
            rest = &after[end + SEP.len_utf8()..];
            let Some(t) = targets.get(n) else { continue };
            if c == OPEN {
                match t {
                    Target::Missing { title } => {
                        out.push_str("<a class=\"new\" href=\"");
                        out.push_str(&escape_html(&self.missing_href(&page.url, title)));
                        out.push_str("\">");
                    }
                    Target::Unresolved { .. } => {
                        out.push_str("<a class=\"broken\" href=\"");
                        out.push_str(&escape_html(&self.target_href(&page.url, page.is_index, t)));
                        out.push_str("\">");
                    }
                    _ => {
                        out.push_str("<a href=\"");
                        out.push_str(&escape_html(&self.target_href(&page.url, page.is_index, t)));
                        out.push_str("\">");
                    }
                }
            } else {
                if matches!(t, Target::Missing { .. }) {
                    out.push_str("<span class=\"visually-hidden\"> (");
                    out.push_str(self.strings["page_to_create"]);
                    out.push_str(")</span>");
                }
                out.push_str("</a>");
            }
        }
        out.push_str(rest);
        if out.contains(ASSET_NEEDLE) {
            out = self.resolve_images(&out, page, targets);
        }
        out
    }

    /// Image sources: `src="playbook-asset:N"`. Text cannot forge the quote
    /// (Markdown escapes it), so only real image sources match.
    fn resolve_images(&self, html: &str, page: &Page, targets: &[Target]) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(i) = rest.find(ASSET_NEEDLE) {
            let start = i + ASSET_NEEDLE.len();
            let digits = rest[start..].bytes().take_while(u8::is_ascii_digit).count();
            out.push_str(&rest[..i + "src=\"".len()]);
            match rest[start..start + digits]
                .parse::<usize>()
                .ok()
                .and_then(|n| targets.get(n))
            {
                Some(t) => {
                    out.push_str(&escape_html(&self.target_href(&page.url, page.is_index, t)))
                }
                None => out.push('#'),
            }
            rest = &rest[start + digits..];
        }
        out.push_str(rest);
        out
    }

    /// The entry of a missing page on the "pages to create" page.
    fn missing_href(&self, from: &str, title: &str) -> String {
        let mut h = self.href(from, wiki::MISSING_URL);
        if let Some(&i) = self.wiki.missing_by_key.get(&match_key(title)) {
            h.push('#');
            h.push_str(&self.wiki.missing[i].slug);
        }
        h
    }

    pub(super) fn target_href(&self, from: &str, from_is_index: bool, t: &Target) -> String {
        match t {
            Target::Page { id, anchor } => {
                let to = &self.site.pages[*id].url;
                let mut h = if to == from && anchor.is_some() {
                    String::new()
                } else {
                    self.href(from, to)
                };
                if let Some(a) = anchor {
                    h.push('#');
                    h.push_str(a);
                }
                h
            }
            Target::Asset { rel, fragment } => {
                let mut h = self.asset_href(from, rel);
                if let Some(f) = fragment {
                    h.push('#');
                    h.push_str(f);
                }
                h
            }
            Target::Missing { title } => self.missing_href(from, title),
            Target::Tag { slug } => self.href(from, &format!("{}{slug}/", wiki::TAGS_URL)),
            // Written relative to the source folder; a page is one folder deeper.
            Target::Unresolved { url } if url.starts_with('/') || from_is_index => url.clone(),
            Target::Unresolved { url } => format!("../{url}"),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_image_needle_matches_the_placeholder() {
        assert_eq!(
            super::ASSET_NEEDLE,
            format!("src=\"{}", crate::markdown::ASSET_PREFIX)
        );
    }
}
