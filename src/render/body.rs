//! Link placeholders: the parse stage leaves every link to a page or an
//! asset as a numbered placeholder in the body HTML (see `markdown`); here
//! each becomes a relative URL, from the link table, for the page that
//! contains it. Runs per page, after `link`, before the page's template.

use super::RenderEnv;
use crate::link::Target;
use crate::markdown::{CLOSE, EMBED, OPEN, SEP};
use crate::site::PageId;
use crate::text::{escape_html, match_key};

/// How a URL placeholder appears in an attribute.
const ASSET_NEEDLE: &str = "=\"playbook-asset:";

/// An embedded part without its anchors: block marks and heading ids belong
/// to the page it comes from, and would be duplicates where it is shown.
fn without_ids(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let span = rest.find("<span class=\"block-anchor\" id=\"");
        let heading = (1..=6)
            .filter_map(|l| rest.find(&format!("<h{l} id=\"")).map(|i| (i, l)))
            .min();
        match (span, heading) {
            (Some(i), h) if h.is_none_or(|(j, _)| i < j) => {
                out.push_str(&rest[..i]);
                let after = &rest[i..];
                rest = after
                    .find("</span>")
                    .map_or("", |e| &after[e + "</span>".len()..]);
            }
            (_, Some((i, level))) => {
                out.push_str(&rest[..i]);
                out.push_str(&format!("<h{level}"));
                // Past the id's value and its closing quote.
                let after = &rest[i + format!("<h{level} id=\"").len()..];
                rest = after.find('"').map_or("", |q| &after[q + 1..]);
            }
            _ => break,
        }
    }
    out.push_str(rest);
    out
}

/// Where a body is shown: the page at `url`, and (the printable document,
/// `render/print.rs`) the pages it holds, each by its anchor there.
pub(super) struct At<'a> {
    pub(super) url: &'a str,
    pub(super) is_index: bool,
    pub(super) doc: Option<&'a std::collections::HashMap<PageId, String>>,
}

/// What is being shown while a body is resolved: the whole pages, and the
/// embeds (page, link) whose content is being shown.
struct Shown {
    wholes: Vec<PageId>,
    embeds: Vec<(PageId, usize)>,
}

/// How deep embeds may nest (a page embedding a page embedding…).
const MAX_EMBED_DEPTH: usize = 8;

impl RenderEnv<'_> {
    /// Substitutes the link placeholders of a page's body.
    pub fn resolve_body(&self, id: PageId) -> String {
        let page = &self.site.pages[id];
        let at = At {
            url: &page.url,
            is_index: page.is_index,
            doc: None,
        };
        self.resolve_html(
            id,
            &page.body.html,
            &at,
            &mut Shown {
                wholes: vec![id],
                embeds: vec![],
            },
        )
    }

    /// The body of page `id` as a printable document shows it: its ids and
    /// the fragments pointing at them scoped by the page's anchor in
    /// `doc` (`etape--pourquoi`), links to the document's pages made
    /// fragments, the other links relative to the document at `url`.
    pub(super) fn resolve_body_in(
        &self,
        id: PageId,
        url: &str,
        doc: &std::collections::HashMap<PageId, String>,
    ) -> String {
        let page = &self.site.pages[id];
        let html = match doc.get(&id) {
            Some(prefix) => scope_ids(&page.body.html, prefix),
            None => page.body.html.clone(),
        };
        let at = At {
            url,
            is_index: false,
            doc: Some(doc),
        };
        self.resolve_html(
            id,
            &html,
            &at,
            &mut Shown {
                wholes: vec![id],
                embeds: vec![],
            },
        )
    }

    /// The href of `t` where `at` shows it.
    fn href_at(&self, at: &At<'_>, t: &Target) -> String {
        if let (Some(doc), Target::Page { id, anchor }) = (at.doc, t)
            && let Some(prefix) = doc.get(id)
        {
            return match anchor {
                Some(a) => format!("#{prefix}--{a}"),
                None => format!("#{prefix}"),
            };
        }
        self.target_href(at.url, at.is_index, t)
    }

    /// Substitutes the placeholders of `html`, written by page `source`, for
    /// the page `at` that shows it (`source` itself, or a page embedding
    /// it). `stack` holds the pages being embedded, to stop a cycle.
    fn resolve_html(&self, source: PageId, html: &str, at: &At<'_>, stack: &mut Shown) -> String {
        let targets = &self.links.targets[source];
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut rest = html;
        while let Some((i, c)) = crate::markdown::find_mark(rest, &[OPEN, CLOSE, EMBED]) {
            out.push_str(&rest[..i]);
            let after = &rest[i + c.len_utf8()..];
            let Some(end) = after.find(SEP) else {
                rest = after;
                continue;
            };
            let n: usize = after[..end].parse().unwrap_or(usize::MAX);
            rest = &after[end + SEP.len_utf8()..];
            let Some(t) = targets.get(n) else { continue };
            match c {
                OPEN => {
                    self.open_link(t, at, &mut out);
                    // A bare address (`[guide.md](guide.md)`): the page's title.
                    if let Target::Page { id, .. } = t
                        && self.site.pages[source]
                            .body
                            .links
                            .get(n)
                            .is_some_and(|l| l.bare)
                        && let Some(close) = rest.find(&format!("{CLOSE}{n}{SEP}"))
                    {
                        out.push_str(&escape_html(&self.site.pages[*id].title));
                        rest = &rest[close..];
                    }
                }
                CLOSE => self.close_link(t, &mut out),
                _ => self.embed(t, (source, n), at, stack, &mut out),
            }
        }
        out.push_str(rest);
        if out.contains(ASSET_NEEDLE) {
            out = self.resolve_attributes(&out, at, targets);
        }
        out
    }

    fn open_link(&self, t: &Target, at: &At<'_>, out: &mut String) {
        match t {
            Target::Missing { title } => {
                out.push_str("<a class=\"new\" href=\"");
                out.push_str(&escape_html(&self.missing_href(at.url, title)));
                out.push_str("\">");
            }
            // Nowhere to lead: the text stays, marked, without an address.
            Target::Unresolved { .. } => out.push_str("<span class=\"broken\">"),
            Target::Unpublished { .. } => out.push_str("<span class=\"unpublished\">"),
            Target::Tag { .. } if !self.site.config.wiki.tags => {
                out.push_str("<span class=\"tag\">");
            }
            Target::Tag { .. } => {
                out.push_str("<a class=\"tag\" href=\"");
                out.push_str(&escape_html(&self.href_at(at, t)));
                out.push_str("\">");
            }
            _ => {
                out.push_str("<a href=\"");
                out.push_str(&escape_html(&self.href_at(at, t)));
                out.push_str("\">");
            }
        }
    }

    fn close_link(&self, t: &Target, out: &mut String) {
        match t {
            Target::Missing { .. } => {
                out.push_str("<span class=\"visually-hidden\"> (");
                out.push_str(self.strings["page_to_create"]);
                out.push_str(")</span></a>");
            }
            Target::Unresolved { .. } => {
                out.push_str("<span class=\"visually-hidden\"> (");
                out.push_str(self.strings["broken_link"]);
                out.push_str(")</span></span>");
            }
            Target::Unpublished { .. } => {
                out.push_str("<span class=\"visually-hidden\"> (");
                out.push_str(self.strings["unpublished_page"]);
                out.push_str(")</span></span>");
            }
            Target::Tag { .. } if !self.site.config.wiki.tags => out.push_str("</span>"),
            _ => out.push_str("</a>"),
        }
    }

    /// `![[Note]]`, `![[Note#Section]]`, `![[Note#^bloc]]`: the content, with
    /// a link to its page; a link alone for a cycle, a missing page or part.
    fn embed(
        &self,
        t: &Target,
        (source, n): (PageId, usize),
        at: &At<'_>,
        stack: &mut Shown,
        out: &mut String,
    ) {
        let (id, anchor) = match t {
            Target::Page { id, anchor } => (*id, anchor.as_deref()),
            // Nothing to show: the link, as a link of its kind.
            other => {
                let name = match other {
                    Target::Missing { title } => title.clone(),
                    Target::Unpublished { source } => source.clone(),
                    Target::Asset { rel, .. } => rel.clone(),
                    Target::Unresolved { url } => url.clone(),
                    Target::Tag { slug } => slug.clone(),
                    Target::Page { .. } => String::new(),
                };
                out.push_str("<p class=\"embed-link\">");
                self.open_link(t, at, out);
                out.push_str(&escape_html(&name));
                self.close_link(t, out);
                out.push_str("</p>\n");
                return;
            }
        };
        let target = &self.site.pages[id];
        // An embed met again inside its own content, or a whole page inside
        // itself, would show without end: a link instead (`link` warns).
        let cycle =
            stack.embeds.contains(&(source, n)) || (anchor.is_none() && stack.wholes.contains(&id));
        let part = if cycle || stack.embeds.len() > MAX_EMBED_DEPTH {
            None
        } else {
            target.body.part(anchor)
        };
        let href = escape_html(&self.href_at(at, t));
        let title = escape_html(&target.title);
        match part {
            Some(html) => {
                stack.embeds.push((source, n));
                if anchor.is_none() {
                    stack.wholes.push(id);
                }
                let inner = self.resolve_html(id, &without_ids(html), at, stack);
                stack.embeds.pop();
                if anchor.is_none() {
                    stack.wholes.pop();
                }
                out.push_str("<div class=\"embed\">\n");
                out.push_str(&inner);
                out.push_str(&format!(
                    "<p class=\"embed-source\"><a href=\"{href}\">{title}</a></p>\n</div>\n"
                ));
            }
            None => out.push_str(&format!(
                "<p class=\"embed-link\"><a href=\"{href}\">{title}</a></p>\n"
            )),
        }
    }

    /// URL placeholders in attributes (`src="playbook-asset:N"`, and
    /// `href` in raw HTML). Text cannot forge the quote (it is escaped), so
    /// only real attributes match. An attribute whose target is nowhere is
    /// dropped, and the element marked `data-broken`.
    fn resolve_attributes(&self, html: &str, at: &At<'_>, targets: &[Target]) -> String {
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(i) = rest.find(ASSET_NEEDLE) {
            // The attribute's name, just before `="`.
            let name_len = rest[..i]
                .bytes()
                .rev()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':'))
                .count();
            let start = i + ASSET_NEEDLE.len();
            let digits = rest[start..].bytes().take_while(u8::is_ascii_digit).count();
            let end = start + digits + usize::from(rest[start + digits..].starts_with('"'));
            let target = rest[start..start + digits]
                .parse::<usize>()
                .ok()
                .and_then(|n| targets.get(n));
            match target {
                Some(
                    t @ (Target::Page { .. }
                    | Target::Asset { .. }
                    | Target::Missing { .. }
                    | Target::Tag { .. }),
                ) => {
                    out.push_str(&rest[..i]);
                    out.push_str("=\"");
                    out.push_str(&escape_html(&self.href_at(at, t)));
                    out.push('"');
                }
                _ => {
                    out.push_str(&rest[..i - name_len]);
                    out.push_str("data-broken=\"\"");
                }
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    /// The entry of a missing page on the "pages to create" page.
    fn missing_href(&self, from: &str, title: &str) -> String {
        let mut h = self.href(from, crate::reserved::MISSING_URL);
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
                let mut h = Self::asset_href(from, rel);
                if let Some(f) = fragment {
                    h.push('#');
                    h.push_str(f);
                }
                h
            }
            Target::Missing { title } => self.missing_href(from, title),
            Target::Tag { slug } => {
                self.href(from, &format!("{}{slug}/", crate::reserved::TAGS_URL))
            }
            Target::Unpublished { .. } => String::new(),
            // Not written (see `open_link`); kept for `check`'s count.
            Target::Unresolved { url } if url.starts_with('/') || from_is_index => url.clone(),
            Target::Unresolved { url } => format!("../{url}"),
        }
    }
}

/// `html` with every id it defines, and every reference to one (`for`,
/// `aria-*`, `href="#…"`, a radio group's `name`), prefixed with
/// `prefix--`: pages shown together in one document keep distinct ids.
/// The HTML is the Markdown stage's, where a text's quotes are escaped, so
/// an attribute's opening is never text.
pub(super) fn scope_ids(html: &str, prefix: &str) -> String {
    // The attributes whose value is an id or a list of ids; `href` only
    // when its value starts with `#`. One pass over the `="` of `html`.
    const ATTRS: [&str; 5] = ["id", "for", "name", "aria-labelledby", "aria-describedby"];
    let mut out = String::with_capacity(html.len() + html.len() / 16);
    let mut rest = html;
    while let Some(eq) = rest.find("=\"") {
        let before = &rest[..eq];
        let named = |a: &str| before.strip_suffix(a).is_some_and(|b| b.ends_with(' '));
        let value = eq + 2;
        let start = if ATTRS.iter().any(|a| named(a)) {
            value
        } else if named("href") && rest[value..].starts_with('#') {
            value + 1
        } else {
            out.push_str(&rest[..value]);
            rest = &rest[value..];
            continue;
        };
        out.push_str(&rest[..start]);
        let end = rest[start..].find('"').map_or(rest.len(), |e| start + e);
        let scoped: Vec<String> = rest[start..end]
            .split(' ')
            .filter(|v| !v.is_empty())
            .map(|v| format!("{prefix}--{v}"))
            .collect();
        out.push_str(&scoped.join(" "));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn scoped_ids_and_their_references() {
        assert_eq!(
            super::scope_ids(
                "<h2 id=\"a\">A</h2><a href=\"#fn-1\" id=\"r\">1</a><a href=\"#\">x</a><input name=\"pb-tabs-0\" id=\"t\"><label for=\"t\">T</label><p>id=\"no\"</p>",
                "s"
            ),
            "<h2 id=\"s--a\">A</h2><a href=\"#s--fn-1\" id=\"s--r\">1</a><a href=\"#\">x</a><input name=\"s--pb-tabs-0\" id=\"s--t\"><label for=\"s--t\">T</label><p>id=\"no\"</p>"
        );
    }

    #[test]
    fn embedded_parts_lose_their_anchors() {
        assert_eq!(
            super::without_ids(
                "<h2 id=\"a\">A</h2>\n<p><span class=\"block-anchor\" id=\"^b\"></span>B</p><h3 id=\"c\" class=\"x\">C</h3>"
            ),
            "<h2>A</h2>\n<p>B</p><h3 class=\"x\">C</h3>"
        );
    }

    #[test]
    fn the_image_needle_matches_the_placeholder() {
        assert_eq!(
            super::ASSET_NEEDLE,
            format!("=\"{}", crate::markdown::ASSET_PREFIX)
        );
    }
}
