//! Anchors: the heading of the target page that `[[Page#Heading]]` or
//! `page.md#heading` points at, found as forgivingly as the page itself,
//! with a warning when there is none.

use super::at_link;
use crate::diagnostic::{Diagnostic, Severity};
use crate::markdown::LinkRef;
use crate::messages::msg;
use crate::site::{PageId, Site};
use crate::text::{match_key, slugify};

/// Finds the heading id for `link.anchor` in page `id`, warning when absent.
pub(super) fn anchor_of(
    site: &Site,
    id: PageId,
    link: &LinkRef,
    diags: &mut Vec<Diagnostic>,
    from: PageId,
) -> Option<String> {
    let anchor = link.anchor.as_ref()?;
    let target = &site.pages[id];
    let page = &site.pages[from];
    // `[[Note#^bloc]]`: an Obsidian block id.
    if anchor.starts_with('^') && target.body.blocks.iter().any(|(b, _)| b == anchor) {
        return Some(anchor.clone());
    }
    // `[[Note#Titre#Sous-titre]]`: the last heading, under the first.
    let parts: Vec<&str> = anchor.split('#').filter(|p| !p.trim().is_empty()).collect();
    let last = parts.last().copied().unwrap_or(anchor);
    // Slug and key computed once: a page may have thousands of headings.
    let keyed = |part: &str| (part.to_string(), slugify(part), match_key(part));
    let matches = |h: &crate::markdown::Heading, (part, slug, key): &(String, String, String)| {
        h.id == *part || h.id == *slug || h.key == *key
    };
    let headings = &target.body.headings;
    // The whole anchor first: a heading may hold a `#` (`Rotation #4`).
    let whole = keyed(anchor);
    if let Some(h) = headings.iter().find(|h| matches(h, &whole)) {
        return Some(h.id.clone());
    }
    let wanted = keyed(last);
    let under = parts
        .first()
        .filter(|_| parts.len() > 1)
        .map(|first| keyed(first))
        .and_then(|first| headings.iter().position(|h| matches(h, &first)))
        .unwrap_or(0);
    if let Some(h) = headings[under..]
        .iter()
        .find(|h| matches(h, &wanted))
        .or_else(|| headings.iter().find(|h| matches(h, &wanted)))
    {
        return Some(h.id.clone());
    }
    // Another tool's slug of the same heading (MkDocs drops `°`, we write `deg`).
    let loose = ascii_slug(last);
    if let Some(h) = headings
        .iter()
        .find(|h| ascii_slug(&h.title) == loose && !loose.is_empty())
    {
        diags.push(at_link(
            Severity::Note,
            page,
            link,
            msg!("anchor-other-tool", anchor = anchor, id = &h.id),
            msg!("anchor-other-tool-help", id = &h.id),
        ));
        return Some(h.id.clone());
    }
    // Footnotes and ids written by hand are kept as they are.
    if anchor.starts_with("fn") {
        return Some(anchor.clone());
    }
    diags.push(at_link(
        Severity::Warning,
        page,
        link,
        msg!("anchor-broken", page = &target.title, anchor = anchor),
        if target.body.headings.is_empty() {
            msg!("anchor-broken-no-headings")
        } else {
            msg!(
                "anchor-broken-sections",
                sections = target
                    .body
                    .headings
                    .iter()
                    .take(8)
                    .map(|h| h.title.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        },
    ));
    Some(slugify(anchor))
}

/// A slug the way MkDocs and Python-Markdown make one: letters that are
/// not ASCII once decomposed are dropped, not spelled out.
fn ascii_slug(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let ascii: String = s.nfkd().filter(char::is_ascii).collect();
    slugify(&ascii)
}
