//! One task-list item as an action: `- [ ] Tester … @Célia 📅 2025-03-31`.
//!
//! Read from the item's first line as written: the owner (`@Célia`,
//! `@[[Anne Berlemont]]`, or else a name of the people file met in the
//! text), the due date (`📅 2025-03-31` or `(échéance : 31/03/2025)`,
//! `(due: …)` in English), a milestone (`🏁`, `#jalon`, `(jalon)`). What
//! is left, its Markdown markup removed, says what is to be done.

use super::{Action, Names, Owner};
use crate::date::Date;
use crate::markdown::{TaskItem, task_anchor};
use crate::site::PageId;

/// The action of a task-list item.
pub(super) fn action(page: PageId, t: &TaskItem, names: &Names<'_>) -> Action {
    let mut text = t.text.clone();
    let mut due = None;
    let mut bad_date = None;
    let mut read_date = |written: &str| match Date::parse(written) {
        Some(d) => due = Some(d),
        None => bad_date = Some(written.trim().to_string()),
    };
    // `📅 2025-03-31`
    while let Some(at) = text.find('📅') {
        let rest = text[at + '📅'.len_utf8()..].trim_start_matches(['\u{fe0f}', ' ']);
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        read_date(&rest[..end]);
        let cut = text.len() - rest.len() + end;
        text.replace_range(at..cut, "");
    }
    // `(échéance : 31/03/2025)`, `(due: 2025-03-31)`
    for word in ["échéance", "echeance", "due", "pour le"] {
        if let Some((start, end, inner)) = paren(&text, word) {
            let value = inner.trim_start_matches([' ', ':', '\u{a0}']);
            read_date(value);
            text.replace_range(start..end, "");
        }
    }
    let mut milestone = false;
    for mark in ["🏁", "#jalon", "#milestone", "(jalon)", "(milestone)"] {
        if let Some(at) = text.find(mark) {
            milestone = true;
            text.replace_range(at..at + mark.len(), "");
        }
    }
    let mut owner = None;
    // `@[[Anne Berlemont]]`, `@[[Anne Berlemont|Anne]]`
    if let Some(at) = text.find("@[[")
        && let Some(len) = text[at..].find("]]")
    {
        let inner = &text[at + 3..at + len];
        let name = inner.split('|').next().unwrap_or(inner);
        owner = Some(names.owner(name));
        text.replace_range(at..at + len + 2, "");
    }
    // `@Célia`, `@anne.b`
    if owner.is_none()
        && let Some(at) = text
            .char_indices()
            .find(|&(i, c)| c == '@' && (i == 0 || text[..i].ends_with([' ', '(', '\u{a0}'])))
            .map(|(i, _)| i)
    {
        let rest = &text[at + 1..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '_' | '.')))
            .unwrap_or(rest.len());
        let name = rest[..len].trim_end_matches('.');
        if !name.is_empty() {
            owner = Some(names.owner(&name.replace('_', " ")));
            text.replace_range(at..at + 1 + name.len(), "");
        }
    }
    // `… → [[Page]]`: the arrow points to where the idea is developed.
    let text = text.split(" → ").next().unwrap_or(&text).to_string();
    let what = plain(&text);
    if owner.is_none() {
        owner = names.find_in(&what);
    }
    Action {
        page,
        line: t.line,
        anchor: task_anchor(t.line),
        what,
        owner,
        due,
        bad_date,
        done: t.done,
        milestone,
        in_front: false,
    }
}

/// `(word … )` in `text`, case-insensitive: its byte range and what
/// follows the word inside the brackets.
fn paren<'t>(text: &'t str, word: &str) -> Option<(usize, usize, &'t str)> {
    let lower = text.to_lowercase();
    // Lower-casing keeps byte offsets for the text these words are in.
    if lower.len() != text.len() {
        return None;
    }
    let at = lower.find(&format!("({word}"))?;
    let end = at + text[at..].find(')')?;
    Some((at, end + 1, &text[at + 1 + word.len()..end]))
}

/// Markdown inline markup removed: `[[Page|texte]]` → `texte`,
/// `[texte](url)` → `texte`, emphasis and code marks dropped, spaces joined.
pub(super) fn plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut rest = md;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[[")
            && let Some(end) = r.find("]]")
        {
            let inner = &r[..end];
            let label = inner.rsplit('|').next().unwrap_or(inner);
            out.push_str(label.split('#').next().unwrap_or(label));
            rest = &r[end + 2..];
            continue;
        }
        if let Some(r) = rest.strip_prefix('[')
            && let Some(close) = r.find("](")
            && let Some(end) = r[close..].find(')')
        {
            out.push_str(&r[..close]);
            rest = &r[close + end + 1..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        // `_emphasis_` marks stand at a word's edge; `snake_case` keeps its own.
        let next = rest[c.len_utf8()..].chars().next();
        let edge_underscore = c == '_'
            && (out.is_empty() || out.ends_with(' ') || next.is_none_or(char::is_whitespace));
        if !(matches!(c, '*' | '`' | '~') || edge_underscore) {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches([' ', ',', ';', '—', '-', '–'])
        .trim()
        .to_string()
}

/// An owner written as text (front matter `who:`).
pub(super) fn owner_of(written: &str, names: &Names<'_>) -> Option<Owner> {
    let w = written.trim().trim_start_matches('@');
    let w = w.trim_start_matches("[[").trim_end_matches("]]");
    let w = w.split('|').next().unwrap_or(w);
    (!w.trim().is_empty()).then(|| names.owner(w))
}
