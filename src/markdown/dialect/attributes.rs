//! MkDocs attribute lists (`{: #id .class }`), for `dialect` and `walk`.

use super::find_outside_code;

/// `{: #id .class }` → `{ #id .class }` (the syntax comrak reads), when
/// the braces hold only attribute tokens.
pub(super) fn attribute_lists(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = find_outside_code(rest, "{:") {
        let Some(end) = rest[at..].find('}') else {
            break;
        };
        let inner = &rest[at + 2..at + end];
        out.push_str(&rest[..at]);
        if is_attribute_list(inner) {
            out.push('{');
            out.push_str(inner);
            out.push('}');
        } else {
            out.push_str(&rest[at..=at + end]);
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Tokens of an attribute list: `#id`, `.class`, `key=value`, `key="v w"`.
pub(crate) fn is_attribute_list(inner: &str) -> bool {
    let mut any = false;
    let mut rest = inner.trim();
    while !rest.is_empty() {
        let word_end = |s: &str| {
            s.find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(s.len())
        };
        if let Some(r) = rest.strip_prefix(['#', '.']) {
            let end = word_end(r);
            if end == 0 {
                return false;
            }
            rest = r[end..].trim_start();
        } else {
            let end = word_end(rest);
            let key = &rest[..end];
            if key.is_empty()
                || !key
                    .chars()
                    .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
            {
                return false;
            }
            let Some(after) = rest[end..].strip_prefix('=') else {
                return false;
            };
            rest = match after.chars().next() {
                Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                    Some(e) => after[e + 2..].trim_start(),
                    None => return false,
                },
                _ => {
                    let e = after.find(char::is_whitespace).unwrap_or(after.len());
                    after[e..].trim_start()
                }
            };
        }
        any = true;
    }
    any
}

/// `{: download .md-button }`: in the form MkDocs writes (with the colon),
/// an attribute may be named without a value. Left for `walk` to drop.
pub(crate) fn is_bare_attribute_list(inner: &str) -> bool {
    let words: Vec<&str> = inner.split_whitespace().collect();
    let bare = |w: &&str| {
        w.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    };
    // Prose in braces is not a list: one word at least must look like markup.
    !words.is_empty()
        && words.iter().all(|w| bare(w) || is_attribute_list(w))
        && words
            .iter()
            .any(|w| w.contains('-') || is_attribute_list(w))
}
