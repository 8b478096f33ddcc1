//! What is really wrong with a YAML front matter the parser refused, said
//! in the user's terms, at the line of the fault, with the fix.
//!
//! The YAML parser reports where it gave up, which is often not where the
//! fault is: an unclosed `[` on line 3 surfaces as "illegal placement of
//! ':'" on line 4, a tab at the start of line 3 as a tab "in a plain
//! scalar" on line 2. So, once the parser has refused the block (never
//! before: valid YAML is never second-guessed), the block's lines are read
//! for the common faults of hand-written front matter: a tab in the
//! indentation, a `[` or `{` never closed, an unclosed quote, text after a
//! closing quote, a `: ` inside an unquoted value. The parser's own message
//! is the fallback. Pure: text in, message out.

use crate::messages::Message;
use crate::messages::msg;

/// A fault: its 1-based line and column in the block, what is wrong and
/// how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Fault {
    pub line: usize,
    pub col: usize,
    pub message: Message,
    pub help: Message,
}

/// The fault behind the parser's message `parser` (without its position),
/// reported at `line`, `col` (1-based, in `raw`).
pub(super) fn explain(raw: &str, parser: &str, line: usize, col: usize) -> Fault {
    let lines: Vec<&str> = raw.lines().collect();
    if parser.starts_with("recursion limit exceeded") {
        return Fault {
            line,
            col,
            message: msg!("fm-too-deep"),
            help: msg!("fm-too-deep-help"),
        };
    }
    if parser.starts_with("budget breached") {
        return Fault {
            line,
            col,
            message: msg!("fm-too-large"),
            help: msg!("fm-too-large-help"),
        };
    }
    // A tab in the indentation: YAML indents with spaces only.
    if let Some(i) = lines.iter().position(|l| {
        let indent = &l[..l.len() - l.trim_start().len()];
        indent.contains('\t') && !l.trim().is_empty()
    }) && i < line.max(1) + 1
    {
        return Fault {
            line: i + 1,
            col: 1,
            message: msg!("fm-tab"),
            help: msg!("fm-tab-help"),
        };
    }
    if parser.starts_with("unclosed quote") {
        let text = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
        let quote = text
            .chars()
            .nth(col.saturating_sub(1))
            .filter(|c| *c == '\'' || *c == '"');
        let quote = quote.or_else(|| text.chars().find(|c| *c == '"' || *c == '\''));
        return Fault {
            line,
            col,
            message: msg!("fm-unclosed-quote", quote = quote.unwrap_or('"')),
            help: msg!("fm-unclosed-quote-help", quote = quote.unwrap_or('"')),
        };
    }
    // An open `[` or `{`: the nearest line at or above the parser's that
    // opens more than it closes.
    if let Some((i, open, close)) = (0..line.min(lines.len()))
        .rev()
        .find_map(|i| unclosed(lines[i]).map(|(o, c)| (i, o, c)))
    {
        let (key, value) = split_key(lines[i]);
        return Fault {
            line: i + 1,
            col: lines[i]
                .find(open)
                .map_or(1, |b| lines[i][..b].chars().count() + 1),
            message: msg!("fm-unclosed-bracket", open = open, close = close.as_str()),
            help: msg!(
                "fm-unclosed-bracket-help",
                close = close.as_str(),
                example = format!("{}: {}{close}", key.trim(), value.trim())
            ),
        };
    }
    if parser.starts_with("invalid trailing content after") {
        return Fault {
            line,
            col,
            message: msg!("fm-after-quote"),
            help: msg!("fm-after-quote-help"),
        };
    }
    if parser.starts_with("mapping values are not allowed") {
        let text = lines.get(line.saturating_sub(1)).copied().unwrap_or("");
        let (key, value) = split_key(text);
        let value = value.trim();
        if !key.is_empty() && !value.is_empty() {
            let quoted = value.replace('\\', "\\\\").replace('"', "\\\"");
            return Fault {
                line,
                col,
                message: msg!("fm-colon", key = key.trim()),
                help: msg!(
                    "fm-colon-help",
                    example = format!("{}: \"{quoted}\"", key.trim())
                ),
            };
        }
    }
    Fault {
        line,
        col,
        message: msg!("fm-yaml-other", reason = parser),
        help: msg!("fm-yaml-other-help"),
    }
}

/// `key` and the rest after `key:` on a line (the key empty when the line
/// has no `key:`).
fn split_key(line: &str) -> (&str, &str) {
    match line.find(':') {
        Some(i)
            if !line[..i].trim().is_empty()
                && !line.trim_start().starts_with(['-', '[', '{', '"', '\'']) =>
        {
            (&line[..i], &line[i + 1..])
        }
        _ => ("", line),
    }
}

/// The first bracket a line's value opens and does not close (outside
/// quotes), and what would close them all.
fn unclosed(line: &str) -> Option<(char, String)> {
    let (_, value) = split_key(line);
    let value = value.trim_start();
    if !value.starts_with(['[', '{']) {
        return None;
    }
    let mut stack = vec![];
    let mut quote = None;
    for c in value.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => stack.push(c),
            (None, ']' | '}') => {
                stack.pop();
            }
            (None, '#') => break,
            _ => {}
        }
    }
    let first = *stack.first()?;
    let close = stack
        .iter()
        .rev()
        .map(|c| if *c == '[' { ']' } else { '}' })
        .collect();
    Some((first, close))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_closed_or_not() {
        assert_eq!(unclosed("tags: [a, b"), Some(('[', "]".into())));
        assert_eq!(unclosed("tags: [a, b]"), None);
        assert_eq!(unclosed("tags: [\"a]\", b"), Some(('[', "]".into())));
        assert_eq!(unclosed("a: {x: [1]"), Some(('{', "}".into())));
        assert_eq!(unclosed("a: [[{"), Some(('[', "}]]".into())));
        assert_eq!(unclosed("title: Atelier [1"), None);
    }
}
