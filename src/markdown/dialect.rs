//! Markup of other documentation tools, rewritten into what the parser
//! reads, before parsing: MkDocs admonitions (`!!! note "Titre"`, `??? note`,
//! `???+ note`, with their indented body) and content tabs (`=== "Titre"`),
//! GitBook tags (`{% hint %}`,
//! `{% tabs %}`, `{% content-ref %}`, `{% embed %}`, `{% code %}`,
//! `{% file %}`, `{% stepper %}`; any other tag is dropped with a note) and
//! MkDocs attribute lists written `{: … }`. The caret of an Obsidian block
//! id (`… ^id` at the end of a line) becomes [`BLOCK_MARK`], so that an
//! escaped one (`\^id`, as `playbook import` writes) stays text.
//!
//! Containers become comrak block directives (`:::type title` … `:::`, the
//! syntax VuePress, VitePress and Docusaurus already use), which
//! `markdown::blocks` turns into HTML. A directive written here has a longer
//! fence the shallower it is (comrak closes a directive at the first fence at
//! least as long as its own), and the internal types start with `pb-`.
//!
//! Line numbers are kept: a line is rewritten in place, and a closing fence
//! takes the place of the blank line before the next block. When there is no
//! such line, one is inserted and [`Prepared::lines`] maps every line back to
//! the source. Fenced code and inline code are left alone. Pure.

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem;

use super::{BLOCK_MARK, COLON_MARK};

mod attributes;
mod gitbook;

use attributes::attribute_lists;
pub(super) use attributes::{is_attribute_list, is_bare_attribute_list};
use gitbook::whole_tag;

/// The deepest nesting of containers written here (deeper ones are text).
const MAX_DEPTH: usize = 12;

/// The source, ready for the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Prepared<'a> {
    pub text: Cow<'a, str>,
    /// When lines were inserted: for each line of `text` (0-based), the
    /// source line it stands for (1-based).
    pub lines: Option<Vec<usize>>,
    /// What was dropped, by source line (1-based).
    pub notes: Vec<(usize, crate::messages::Message)>,
}

impl Prepared<'_> {
    /// The source line of line `line` (1-based) of the text.
    pub(super) fn source_line(&self, line: usize) -> usize {
        match &self.lines {
            Some(map) => map
                .get(line.saturating_sub(1))
                .or(map.last())
                .copied()
                .unwrap_or(line),
            None => line,
        }
    }
}

/// The markers of this markup but `^` (a byte, found with memchr).
static MARKERS: LazyLock<[memmem::Finder<'static>; 6]> = LazyLock::new(|| {
    ["!!!", "???", "===", "{%", "{:", ":::"].map(|m| memmem::Finder::new(m.as_bytes()))
});

/// Rewrites `body`; borrows it unchanged when it holds none of this markup.
pub(super) fn prepare(body: &str) -> Prepared<'_> {
    let unchanged = Prepared {
        text: Cow::Borrowed(body),
        lines: None,
        notes: vec![],
    };
    // Most pages hold no marker: memchr's SIMD searchers find that out
    // faster than `str::contains` (a build's every page goes through here).
    let bytes = body.as_bytes();
    if memchr::memchr(b'^', bytes).is_none() && MARKERS.iter().all(|m| m.find(bytes).is_none()) {
        return unchanged;
    }
    let mut w = Writer::default();
    for (i, line) in body.split_inclusive('\n').enumerate() {
        w.line(line, i + 1);
    }
    w.finish();
    if !w.changed {
        return unchanged;
    }
    Prepared {
        text: Cow::Owned(w.out.concat()),
        lines: w.inserted.then_some(w.map),
        notes: w.notes,
    }
}

/// An open MkDocs admonition or content tab, or a set of tabs.
struct Admonition {
    /// Indentation (columns) of its `!!!` (`===`) line in the source.
    opener: usize,
    /// Indentation of its fences in the output.
    out_indent: usize,
    fence: usize,
    /// A set of `===` tabs: it holds the tabs and indents nothing itself.
    set: bool,
}

/// An open GitBook container tag.
struct Container {
    tag: String,
    /// `None` for a tag that was dropped (its closing tag goes too).
    fence: Option<(usize, usize)>,
}

#[derive(Default)]
struct Writer {
    /// Output lines, each with its line ending.
    out: Vec<String>,
    /// Source line of each output line.
    map: Vec<usize>,
    inserted: bool,
    changed: bool,
    notes: Vec<(usize, crate::messages::Message)>,
    admonitions: Vec<Admonition>,
    containers: Vec<Container>,
    /// An open code fence in the output: its character, length and indentation.
    code: Option<(char, usize)>,
}

impl Writer {
    fn depth(&self) -> usize {
        self.admonitions.len() + self.containers.iter().filter(|c| c.fence.is_some()).count()
    }

    fn fence_len(&self) -> usize {
        3 + MAX_DEPTH.saturating_sub(self.depth())
    }

    fn push(&mut self, line: String, source: usize) {
        self.out.push(line);
        self.map.push(source);
    }

    /// Opens an admonition, a tab or a set of tabs (`set`) whose opening
    /// line, at `width` columns in the source, is written at `indent` as a
    /// fence followed by `info` (its line ending included).
    fn open(&mut self, (width, indent, set): (usize, usize, bool), info: &str, source: usize) {
        let fence = self.fence_len();
        self.changed = true;
        self.push(
            format!("{}{}{info}", " ".repeat(indent), ":".repeat(fence)),
            source,
        );
        self.admonitions.push(Admonition {
            opener: width,
            out_indent: indent,
            fence,
            set,
        });
    }

    /// Writes a closing fence: in place of the blank line before, or inserted.
    fn close_fence(&mut self, indent: usize, len: usize, source: usize) {
        let fence = format!("{}{}\n", " ".repeat(indent), ":".repeat(len));
        self.changed = true;
        match self.out.last() {
            Some(last) if last.trim().is_empty() => {
                if let Some(last) = self.out.last_mut() {
                    *last = fence;
                }
            }
            _ => {
                self.inserted = true;
                self.push(fence, source);
            }
        }
    }

    fn line(&mut self, raw: &str, source: usize) {
        let (content, ending) = split_ending(raw);
        let blank = content.trim().is_empty();
        let width = indent_width(content);
        // MkDocs: a line indented less than the body ends the admonition.
        if !blank {
            while let Some(top) = self.admonitions.last() {
                if width >= top.opener + 4 {
                    break;
                }
                // The next tab of a set (`===!` starts another set).
                if top.set
                    && width == top.opener
                    && content_tab(content.trim()).is_some_and(|(new_set, _)| !new_set)
                {
                    break;
                }
                let (indent, fence) = (top.out_indent, top.fence);
                self.admonitions.pop();
                self.close_fence(indent, fence, source);
                self.code = None;
            }
        }
        let content: Cow<'_, str> = if self.admonitions.is_empty() || blank {
            Cow::Borrowed(content)
        } else {
            self.changed = true;
            let keep = width - 4 * self.admonitions.iter().filter(|a| !a.set).count();
            Cow::Owned(format!("{}{}", " ".repeat(keep), content.trim_start()))
        };
        // Fenced code is passed through.
        if let Some((c, len)) = self.code {
            let t = content.trim_start();
            let run = t.chars().take_while(|&x| x == c).count();
            if run >= len && t[run * c.len_utf8()..].trim().is_empty() {
                self.code = None;
            }
            self.push(format!("{content}{ending}"), source);
            return;
        }
        if let Some(fence) = code_fence(&content) {
            self.code = Some(fence);
            self.push(format!("{content}{ending}"), source);
            return;
        }
        let indent = indent_width(&content);
        let trimmed = content.trim();
        if let Some((fold, kind, title)) = admonition(trimmed)
            && self.depth() < MAX_DEPTH
        {
            let title = title
                .map(|t| format!(" {}", t.replace(':', &COLON_MARK.to_string())))
                .unwrap_or_default();
            let opener = (width, indent, false);
            self.open(opener, &format!("{kind}{fold}{title}{ending}"), source);
            return;
        }
        if let Some((new_set, title)) = content_tab(trimmed)
            && self.depth() + 2 <= MAX_DEPTH
        {
            let continues = !new_set
                && self
                    .admonitions
                    .last()
                    .is_some_and(|a| a.set && a.opener == width);
            if !continues {
                self.inserted = true;
                self.open((width, indent, true), "pb-tabs\n", source);
            }
            let title = title.replace(':', &COLON_MARK.to_string());
            self.open(
                (width, indent, false),
                &format!("pb-tab {title}{ending}"),
                source,
            );
            return;
        }
        // A `:::` container whose title holds a `:` (comrak would not read
        // it as a container): the colon is carried by `COLON_MARK`.
        if let Some(info) = trimmed.strip_prefix(":::") {
            let info = info.trim_start_matches(':');
            if info.contains(':') {
                self.changed = true;
                let fence = &trimmed[..trimmed.len() - info.len()];
                self.push(
                    format!(
                        "{}{fence}{}{ending}",
                        " ".repeat(indent),
                        info.replace(':', &COLON_MARK.to_string())
                    ),
                    source,
                );
                return;
            }
        }
        let mut text = content.into_owned();
        if text.contains("{%") {
            // A container tag alone on its line becomes one or more fences.
            if let Some(tag) = whole_tag(text.trim())
                && let Some(fences) = self.container(&tag, indent, source)
            {
                self.changed = true;
                let n = fences.len();
                for (i, f) in fences.into_iter().enumerate() {
                    if i > 0 {
                        self.inserted = true;
                    }
                    let end = if i + 1 == n { ending } else { "\n" };
                    self.push(format!("{f}{end}"), source);
                }
                return;
            }
            text = self.tags(&text, source);
        }
        if text.contains("{:") {
            let fixed = attribute_lists(&text);
            if fixed != text {
                self.changed = true;
                text = fixed;
            }
        }
        if let Some(at) = block_id(&text) {
            self.changed = true;
            text.replace_range(at..=at, &BLOCK_MARK.to_string());
        }
        self.push(format!("{text}{ending}"), source);
    }

    fn finish(&mut self) {
        let last = self.map.last().copied().unwrap_or(1);
        if let Some(l) = self.out.last_mut()
            && !l.ends_with('\n')
        {
            l.push('\n');
        }
        while let Some(top) = self.admonitions.pop() {
            self.close_fence(top.out_indent, top.fence, last);
        }
        while let Some(c) = self.containers.pop() {
            if let Some((indent, len)) = c.fence {
                self.notes.push((
                    last,
                    crate::messages::msg!("gitbook-never-closed", tag = &c.tag),
                ));
                self.close_fence(indent, len, last);
            }
        }
    }
}

/// Where the caret of an Obsidian block id (`… ^id` ending the line, or
/// `^id` alone) is, unless escaped (`\^id`) or in inline code.
fn block_id(line: &str) -> Option<usize> {
    let t = line.trim_end();
    let at = t.rfind('^')?;
    let id = &t[at + 1..];
    let before = &t[..at];
    let ok = !id.is_empty()
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && (before.trim().is_empty() || before.ends_with([' ', '\t']));
    (ok && find_outside_code(t, &t[at..]) == Some(at)).then_some(at)
}

/// `!!! note "Titre"`, `??? tip`, `???+ warning ""`: the fold marker, the
/// type and the title (in quotes, as MkDocs writes it).
fn admonition(line: &str) -> Option<(&'static str, String, Option<String>)> {
    let (fold, rest) = if let Some(r) = line.strip_prefix("???+") {
        ("+", r)
    } else if let Some(r) = line.strip_prefix("???") {
        ("-", r)
    } else if let Some(r) = line.strip_prefix("!!!") {
        ("", r)
    } else {
        return None;
    };
    // Python-Markdown takes `!!!note` as `!!! note` (the space is optional
    // before a type).
    if !rest.starts_with([' ', '\t']) && !rest.starts_with(char::is_alphanumeric) {
        return None;
    }
    let rest = rest.trim();
    let type_len = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    // `??? "Titre"`: a note (pymdownx.details allows leaving the type out).
    if type_len == 0 && rest.starts_with('"') {
        let t = rest[1..].rfind('"').map_or(&rest[1..], |e| &rest[1..=e]);
        return Some((fold, "note".into(), Some(format!("\"{t}\""))));
    }
    if type_len == 0 {
        return None;
    }
    let kind = rest[..type_len].to_lowercase();
    let after = rest[type_len..].trim();
    let title = if let Some(q) = after.strip_prefix('"') {
        // `""` asks for no title at all.
        let t = q.rfind('"').map_or(q, |e| &q[..e]);
        Some(if t.is_empty() {
            "\"\"".into()
        } else {
            format!("\"{t}\"")
        })
    } else {
        // Modifiers (`inline`, `inline end`) are layout only.
        None
    };
    Some((fold, kind, title))
}

/// `=== "Titre"`, `===+ "Titre"` (selected: all tabs print anyway),
/// `===! "Titre"` (starts a new set): a content tab of MkDocs Material
/// (pymdownx.tabbed), whose body is indented by 4. Whether it starts a new
/// set, and its title.
fn content_tab(line: &str) -> Option<(bool, &str)> {
    let rest = line.strip_prefix("===")?;
    let (new_set, rest) = match rest.as_bytes().first() {
        Some(b'!') => (true, &rest[1..]),
        Some(b'+') => (false, &rest[1..]),
        _ => (false, rest),
    };
    let quoted = rest.strip_prefix([' ', '\t'])?.trim();
    let title = quoted.strip_prefix('"')?.strip_suffix('"')?;
    Some((new_set, title))
}

/// The first `needle` outside a code span (`` `…` ``).
fn find_outside_code(s: &str, needle: &str) -> Option<usize> {
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        if b[i] == b'`' {
            let run = b[i..].iter().take_while(|&&c| c == b'`').count();
            let ticks = &s[i..i + run];
            // The span ends at the next run of the same length.
            let mut j = i + run;
            let mut closed = None;
            while let Some(k) = s[j..].find(ticks) {
                let at = j + k;
                let len = b[at..].iter().take_while(|&&c| c == b'`').count();
                if len == run {
                    closed = Some(at + run);
                    break;
                }
                j = at + len;
            }
            match closed {
                Some(end) => i = end,
                None => i += run,
            }
            continue;
        }
        if s[i..].starts_with(needle) {
            return Some(i);
        }
        i += s[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// `(character, length)` when the line opens a fenced code block.
fn code_fence(line: &str) -> Option<(char, usize)> {
    if indent_width(line) > 3 {
        return None;
    }
    let t = line.trim_start();
    let c = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let run = t.chars().take_while(|&x| x == c).count();
    (run >= 3 && !(c == '`' && t[run..].contains('`'))).then_some((c, run))
}

/// Columns of leading white space (a tab counts 4).
fn indent_width(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

fn split_ending(raw: &str) -> (&str, &str) {
    let content = raw.trim_end_matches(['\n', '\r']);
    (content, &raw[content.len()..])
}

#[cfg(test)]
mod tests;
