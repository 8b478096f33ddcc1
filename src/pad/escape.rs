//! Escaping one line of pad text for Markdown, so that it renders as typed:
//! no pad text becomes markup, except balanced `**bold**` spans and bare
//! `http(s)://` URLs. Used by `write` for every line and heading.

use super::lines::trim;

/// Escapes one line of pad text so that CommonMark (with the GFM extensions
/// playbook enables) shows it as typed: every ASCII punctuation character
/// that can open markup is backslash-escaped; block markers that only count
/// at the start of a line (`-`, `+`, `=`, `:`, `1.`, `1)`) are escaped there;
/// `://`, `www.` and `@` are broken so that no autolink appears. Balanced
/// `**bold**` spans around a word and bare `http(s)://` URLs (written as
/// `<…>` autolinks) keep their meaning. Leading and trailing whitespace is
/// dropped, so a line can never become an indented code block.
pub fn escape_markdown(line: &str) -> String {
    let line = trim(line);
    let mut out = String::with_capacity(line.len() + line.len() / 4 + 4);
    let mut i = 0;
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && matches!(line.as_bytes().get(digits), Some(b'.' | b')')) {
        out.push_str(&line[..digits]);
        out.push('\\');
        i = digits;
    } else if let Some(c @ ('-' | ':')) = line.chars().next() {
        // `+` and `=` are escaped everywhere below.
        out.push('\\');
        out.push(c);
        i = 1;
    }
    while i < line.len() {
        let rest = &line[i..];
        let prev = line[..i].chars().next_back();
        let at_word_start = match prev {
            None => true,
            // `[text](http://…)`: the target of a neutralised link stays text.
            Some('(') => !line[..i - 1].ends_with(']'),
            Some(c) => c.is_whitespace() || "[\"'«<".contains(c),
        };
        if at_word_start && let Some(n) = url_len(rest) {
            out.push('<');
            out.push_str(&rest[..n]);
            out.push('>');
            i += n;
            continue;
        }
        if prev != Some('*')
            && let Some(n) = bold_len(rest)
        {
            out.push_str("**");
            escape_inline(&mut out, &rest[2..2 + n]);
            out.push_str("**");
            i += n + 4;
            continue;
        }
        let Some(c) = rest.chars().next() else { break };
        escape_char(&mut out, c, &line[..i], &rest[c.len_utf8()..]);
        i += c.len_utf8();
    }
    out
}

fn escape_inline(out: &mut String, s: &str) {
    for (i, c) in s.char_indices() {
        escape_char(out, c, &s[..i], &s[i + c.len_utf8()..]);
    }
}

fn escape_char(out: &mut String, c: char, before: &str, after: &str) {
    let escape = match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '{' | '}' | '#'
        | '$' | '^' | '=' | '+' | '@' => true,
        ':' => after.starts_with("//"),
        '.' => {
            before.len() >= 3
                && before.is_char_boundary(before.len() - 3)
                && before[before.len() - 3..].eq_ignore_ascii_case("www")
        }
        _ => false,
    };
    if escape {
        out.push('\\');
    }
    out.push(c);
}

/// Length of a bare `http(s)://` URL opening `s`, trailing punctuation and
/// unbalanced closing brackets excluded.
fn url_len(s: &str) -> Option<usize> {
    let scheme = ["https://", "http://"].iter().find(|p| {
        s.len() >= p.len() && s.is_char_boundary(p.len()) && s[..p.len()].eq_ignore_ascii_case(p)
    })?;
    let mut end = s
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
        .map_or(s.len(), |(i, _)| i);
    let (open, mut close) = (s[..end].matches('(').count(), s[..end].matches(')').count());
    while let Some(last) = s[..end].chars().next_back() {
        let unbalanced = last == ')' && open < close;
        if !(".,;:!?'*_~".contains(last) || unbalanced) {
            break;
        }
        if last == ')' {
            close -= 1;
        }
        end -= last.len_utf8();
    }
    (end > scheme.len()).then_some(end)
}

/// Length of the text inside a `**bold**` span opening `s`, when it is
/// plainly meant: no `*` inside, a letter or digit at both ends, not
/// followed by another `*`.
fn bold_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix("**")?;
    let n = inner.find("**")?;
    let text = &inner[..n];
    let ok = !text.contains('*')
        && text.chars().next().is_some_and(char::is_alphanumeric)
        && text.chars().next_back().is_some_and(char::is_alphanumeric)
        && !inner[n + 2..].starts_with('*');
    ok.then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::{MarkdownOptions, render};

    /// What a line of text renders to, inside `<p>…</p>`.
    fn rendered(md: &str) -> String {
        render(
            md,
            0,
            MarkdownOptions {
                unsafe_html: true,
                english: false,
            },
        )
        .html
    }

    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn hostile_lines_stay_text() {
        let lines = [
            "<script>alert(1)</script>",
            "# hashtag",
            "- item",
            "* item",
            "+ item",
            "1. item",
            "2) item",
            "[[x]]",
            "[a](b)",
            "[a](https://evil.example)",
            "![img](x.png)",
            "{{ x }}",
            "{% x %}",
            "> quote",
            "| a | b |",
            "`code`",
            "```",
            "~~~",
            "***",
            "---",
            "===",
            "- [ ] tâche",
            "[^1]: note",
            "[x]: /chemin \"titre\"",
            "<!-- commentaire -->",
            "&lt;b&gt; &amp; &#65;",
            "_a_ __b__ *c* ~~d~~ H~2~O",
            "a\\",
            "\\* pas une liste",
            "www.example.org et contact@mairie.fr et ftp://x.org",
            "<javascript:alert(1)>",
            "> [!NOTE]",
            ":smile: $x$ ^y^ ==z== ++w++",
            "    code indenté",
            "\tcode tabulé",
            "Setext\n===",
            "\u{E000}0\u{E001}",
        ];
        for line in lines {
            let one = line.split('\n').next().unwrap();
            let html = rendered(&escape_markdown(one));
            let inner = html
                .trim()
                .strip_prefix("<p>")
                .and_then(|h| h.strip_suffix("</p>"))
                .unwrap_or_else(|| panic!("{one:?} gave {html}"));
            assert!(!inner.contains('<'), "{one:?} gave {html}");
            if !one.contains('\u{E000}') {
                assert_eq!(unescape(inner), trim(one), "{one:?}");
            }
        }
    }

    #[test]
    fn bold_and_urls_keep_their_meaning() {
        let html = rendered(&escape_markdown(
            "Porté par **Florence Mensah et Anne Berlemont**",
        ));
        assert_eq!(
            html.trim(),
            "<p>Porté par <strong>Florence Mensah et Anne Berlemont</strong></p>"
        );
        let html = rendered(&escape_markdown(
            "voir https://framapad.org/p/a_b*c (ou http://x.fr).",
        ));
        assert!(
            html.contains(
                "<a href=\"https://framapad.org/p/a_b*c\">https://framapad.org/p/a_b*c</a>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"http://x.fr\">http://x.fr</a>).</p>"),
            "{html}"
        );
        let html = rendered(&escape_markdown("<http://x.org>"));
        assert_eq!(
            html.trim(),
            "<p>&lt;<a href=\"http://x.org\">http://x.org</a>&gt;</p>"
        );
        // Not plainly meant: shown as typed.
        for line in [
            "** pas gras **",
            "**<b>x</b>**",
            "***x***",
            "2**3**4**",
            "**",
        ] {
            let html = rendered(&escape_markdown(line));
            let text = html
                .trim()
                .trim_start_matches("<p>")
                .trim_end_matches("</p>");
            assert!(!text.contains("<em>"), "{line}: {html}");
            assert!(!text.contains("<b>"), "{line}: {html}");
        }
    }
}
