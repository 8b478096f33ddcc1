//! Embeds that would show without end (A embeds B, which embeds A, or an
//! embed showing the whole page it is written in): found after resolution,
//! each with a warning.

use super::{LinkTable, Target};
use crate::diagnostic::Diagnostic;
use crate::markdown::LinkKind;
use crate::messages::msg;
use crate::site::{PageId, Site};

/// An embed: the page it is written in, and its link's number.
type Embed = (PageId, usize);

/// The embeds that showing embed `(page, n)` shows in turn: each with the
/// page it leads to and whether it shows that whole page.
fn embeds_shown(site: &Site, table: &LinkTable, (page, n): Embed) -> Vec<(Embed, PageId, bool)> {
    let Some(Target::Page { id: to, anchor }) = table.targets[page].get(n) else {
        return vec![];
    };
    let Some(html) = site.pages[*to].body.part(anchor.as_deref()) else {
        return vec![];
    };
    crate::markdown::Rendered::embeds_in(html)
        .filter_map(|m| match table.targets[*to].get(m) {
            Some(Target::Page { id: next, anchor }) => Some(((*to, m), *next, anchor.is_none())),
            _ => None,
        })
        .collect()
}

/// An embed whose content, followed through its own embeds, comes back to
/// it (A embeds B, which embeds A), or shows a whole page inside itself,
/// would show without end: the render shows a link where the loop closes
/// (`render::body`), and each embed that starts such a loop gets a warning.
/// Embedding another part of the same page is fine, as long as that part
/// does not hold the embed.
pub(super) fn embed_cycles(site: &Site, table: &LinkTable, diags: &mut Vec<Diagnostic>) {
    for id in (0..site.pages.len()).filter(|&p| site.pages[p].body.embeds) {
        for (n, l) in site.pages[id].body.links.iter().enumerate() {
            if l.kind != LinkKind::Embed {
                continue;
            }
            let Some(Target::Page { id: first, anchor }) = table.targets[id].get(n) else {
                continue;
            };
            // Depth first, as the render goes: the embeds shown so far, and
            // the whole pages shown so far.
            let mut stack = vec![(vec![(id, n)], vec![id], *first, anchor.is_none())];
            let mut cycle = None;
            'walk: while let Some((trail, wholes, to, whole)) = stack.pop() {
                if whole && wholes.contains(&to) {
                    cycle = Some((trail, to));
                    break;
                }
                if trail.len() > 10 {
                    continue;
                }
                let mut wholes = wholes;
                if whole {
                    wholes.push(to);
                }
                let Some(&last) = trail.last() else { continue };
                for (next, next_to, next_whole) in embeds_shown(site, table, last) {
                    if trail.contains(&next) {
                        cycle = Some((trail.clone(), next_to));
                        break 'walk;
                    }
                    let mut t = trail.clone();
                    t.push(next);
                    stack.push((t, wholes.clone(), next_to, next_whole));
                }
            }
            let Some((trail, back)) = cycle else { continue };
            let mut names: Vec<String> = trail
                .iter()
                .map(|(p, _)| format!("`{}`", site.pages[*p].title))
                .collect();
            names.push(format!("`{}`", site.pages[back].title));
            names.dedup();
            diags.push(
                Diagnostic::warning(
                    &site.pages[id].shown,
                    l.line,
                    l.col,
                    msg!("link-embed-cycle", pages = names.join(" → ")),
                )
                .with_help(msg!("link-embed-cycle-help")),
            );
        }
    }
}
