//! Markdown to HTML (comrak), with our AST rewrites.
//!
//! This stage is pure and per page: it knows nothing about other pages. Links
//! whose target is another page or file are recorded as [`LinkRef`]s and left
//! in the HTML as placeholders (`\u{E000}N\u{E001}` for the opening tag,
//! `\u{E002}N\u{E001}` for the closing one, `playbook-asset:N` for image
//! sources); the link stage resolves them and the render stage substitutes
//! them. User text can never produce a placeholder: the private-use
//! characters are replaced in the source, and user URLs starting with
//! `playbook-` are neutralised.

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use comrak::adapters::{HeadingAdapter, HeadingMeta};
use comrak::nodes::{AstNode, NodeValue, Sourcepos};
use comrak::{Arena, Options, format_html_with_plugins, options::Plugins, parse_document};
use serde::Serialize;

mod blocks;
mod context;
mod diagram;
mod dialect;
mod html;
mod walk;

pub use context::sentence_around;
pub use diagram::DIAGRAM_MARK;

use crate::text::escape_html;

pub const OPEN: char = '\u{E000}';
pub const SEP: char = '\u{E001}';
pub const CLOSE: char = '\u{E002}';
/// `EMBED n SEP` stands, as a block, for the content of the page that
/// link `n` embeds (`![[Note]]`).
pub const EMBED: char = '\u{E003}';
/// Stands for the caret of an Obsidian block id (`dialect`), until the
/// paragraph it ends takes it as its id; anywhere else it is a caret again.
pub const BLOCK_MARK: char = '\u{E004}';
/// Stands for a `:` in a container's title (`dialect`): comrak reads no
/// `:` in a `:::` line. `blocks::Info::parse` turns it back.
pub const COLON_MARK: char = '\u{E005}';
/// `ACTION_MARK line SEP` stands at the start of a task-list item until
/// the item's `<li>` takes `id="action-line"` (`anchor_tasks`).
pub const ACTION_MARK: char = '\u{E006}';
/// The placeholder characters (content cannot write them).
pub const MARKS: [char; 5] = [OPEN, SEP, CLOSE, EMBED, ACTION_MARK];
pub const ASSET_PREFIX: &str = "playbook-asset:";

/// A heading of the page, with its unique id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
    /// `text::match_key` of the title, for forgiving `[[Page#Section]]` links.
    #[serde(skip)]
    pub key: String,
    /// Line in the file.
    pub line: usize,
}

/// How a link was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LinkKind {
    /// `[[Target]]`, `[[Target|label]]`, `[[Target#Section]]`, `[[#Section]]`.
    Wiki,
    /// `[text](relative/path.md#anchor)` or any relative or site-absolute URL.
    Path,
    /// A file shown or offered in the page: `![alt](relative/image.png)`,
    /// `![[image.png|300]]`, `![[document.pdf]]`, `<img src>` in raw HTML.
    Image,
    /// `![[Note]]`, `![[Note#Section]]`, `![[Note#^bloc]]`: the page's
    /// content, shown in place (a wikilink otherwise).
    Embed,
    /// `#tag` in the text: the tag's page.
    Tag,
}

/// One link to another page or file, in the order of the placeholders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkRef {
    pub kind: LinkKind,
    /// The target as written, without the `#anchor` (empty for `[[#Section]]`).
    pub target: String,
    pub anchor: Option<String>,
    /// Line and column in the file.
    pub line: usize,
    pub col: usize,
    /// The sentence around the link, as plain text (for backlinks).
    pub context: String,
    /// `text::match_key` of `target`, computed here (in parallel) for the link stage.
    #[serde(skip)]
    pub key: String,
    /// The link's text is only its address (`[guide.md](guide.md)`, as
    /// GitBook writes link cards): a page it leads to shows its title instead.
    pub bare: bool,
}

impl LinkRef {
    /// Whether `other` asks for what this link asks for, as the link stage
    /// reads it (kind, target, anchor, key), wherever it stands.
    pub fn asks_as(&self, other: &LinkRef) -> bool {
        self.kind == other.kind
            && self.target == other.target
            && self.anchor == other.anchor
            && self.key == other.key
    }
}

/// The result of rendering one page's Markdown.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with link placeholders.
    pub html: String,
    pub headings: Vec<Heading>,
    pub links: Vec<LinkRef>,
    /// Text of a level-1 heading that opened the body (then removed from it).
    pub leading_h1: Option<String>,
    /// Markup of another tool that was dropped: line in the file, message.
    pub notes: Vec<(usize, crate::messages::Message)>,
    /// Blocks with an Obsidian id (`^id`, kept with its caret), as HTML
    /// with placeholders, for the pages that embed them.
    pub blocks: Vec<(String, String)>,
    /// Tags written `#tag` in the text, in order, once each.
    pub tags: Vec<String>,
    /// Whether the page embeds other pages (`EMBED` placeholders).
    pub embeds: bool,
    /// Task-list items (`- [ ] …`), in order: the actions of the page.
    pub tasks: Vec<TaskItem>,
}

/// One task-list item: its first line as written, for the actions stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskItem {
    /// Line in the file; the item's `<li>` has `id="action-<line>"`.
    pub line: usize,
    /// Ticked (`[x]`).
    pub done: bool,
    /// The item's text as written (Markdown), on its first line, without
    /// the list marker and the box.
    pub text: String,
}

/// The anchor of the task-list item at `line` of a page.
pub fn task_anchor(line: usize) -> String {
    format!("action-{line}")
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    pub unsafe_html: bool,
    /// Write the few words comrak adds (task states, footnote back-links) in English.
    pub english: bool,
}

impl MarkdownOptions {
    /// The options a site's configuration asks for.
    pub fn of(config: &crate::config::Config) -> MarkdownOptions {
        MarkdownOptions {
            unsafe_html: config.markdown.unsafe_html,
            english: config.language == "en",
        }
    }
}

fn comrak_options() -> Options<'static> {
    let mut o = Options::default();
    o.extension.strikethrough = true;
    o.extension.table = true;
    o.extension.autolink = true;
    o.extension.tasklist = true;
    o.extension.footnotes = true;
    // Obsidian's `^[une note en ligne]`.
    o.extension.inline_footnotes = true;
    o.extension.ofm_callouts = true;
    o.extension.ofm_comments = true;
    o.extension.block_directive = true;
    o.extension.highlight = true;
    o.extension.header_attributes = true;
    o.extension.link_attributes = true;
    o.extension.wikilinks_title_after_pipe = true;
    // Raw HTML is written as `html::rewrite` left it, then the page goes
    // through `html::clean` (unless the site trusts its authors).
    o.render.r#unsafe = true;
    o.render.tasklist_classes = true;
    o
}

/// Renders `body` (the Markdown after the front matter). `line_offset` is the
/// number of file lines before the body, so positions point into the file.
/// A leading `# Titre` is taken as the page's title ([`render_page`] for a
/// page whose front matter gives one).
pub fn render(body: &str, line_offset: usize, opts: MarkdownOptions) -> Rendered {
    render_page(body, line_offset, opts, None)
}

/// [`render`] for a page whose front matter gives `front_title`. A leading
/// `# Titre` is the page's title and is not repeated in the body, unless
/// the front matter gives another title: then it stays, with its anchor
/// (MkDocs shows the `# Titre` on the page and the `title:` in menus).
pub fn render_page(
    body: &str,
    line_offset: usize,
    opts: MarkdownOptions,
    front_title: Option<&str>,
) -> Rendered {
    let body = sanitize(body);
    let prepared = dialect::prepare(&body);
    let options = comrak_options();
    let arena = Arena::new();
    let root = parse_document(&arena, &prepared.text, &options);
    // A line of what comrak parsed, as a line of the file.
    let file_line = |line: usize| prepared.source_line(line) + line_offset;

    let mut out = Rendered {
        notes: prepared
            .notes
            .iter()
            .map(|(l, m)| (l + line_offset, m.clone()))
            .collect(),
        ..Rendered::default()
    };

    // A leading `# Title` becomes the page title; it is not repeated in the
    // body (unless the front matter gives another title).
    if let Some(first) = root.first_child() {
        let is_h1 = matches!(first.data().value, NodeValue::Heading(h) if h.level == 1);
        if is_h1 {
            let text = collect_text(first).trim().to_string();
            if front_title
                .is_none_or(|t| crate::text::match_key(t) == crate::text::match_key(&text))
            {
                out.leading_h1 = Some(text);
                first.detach();
            }
        }
    }

    blocks::graft_titles(&arena, root, &options);
    let mut walk = walk::Walk::new(&arena, &mut out, file_line);
    walk.trust_html = opts.unsafe_html;
    walk.run(root);
    let walk::Walk {
        tocs,
        blocks: block_ids,
        heading_classes,
        raw_html,
        ..
    } = walk;
    blocks::rewrite(&arena, root, opts.english);
    for t in &mut out.tasks {
        t.text = task_text(&prepared.text, t.line);
        t.line = file_line(t.line);
    }
    diagram::wrap_diagrams(&arena, root, opts.english);

    if !tocs.is_empty() {
        let mut toc = String::from("<nav class=\"toc-inline\"><ul>");
        for h in out.headings.iter().filter(|h| (2..=3).contains(&h.level)) {
            toc.push_str(&format!(
                "<li class=\"toc-l{}\"><a href=\"#{}\">{}</a></li>",
                h.level,
                escape_html(&h.id),
                escape_html(&h.title)
            ));
        }
        toc.push_str("</ul></nav>\n");
        for raw in tocs {
            raw.data_mut().value = NodeValue::Raw(toc.clone());
        }
    }

    let ids = HeadingIds {
        ids: out
            .headings
            .iter()
            .map(|h| h.id.clone())
            .zip(heading_classes)
            .collect(),
        next: AtomicUsize::new(0),
    };
    let mut plugins = Plugins::default();
    plugins.render.heading_adapter = Some(&ids);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    // Writing into a String cannot fail.
    let _ = format_html_with_plugins(root, &options, &mut html, &plugins);
    let finish = |html: String| {
        let html = accessible(anchor_tasks(html), opts.english);
        if raw_html && !opts.unsafe_html {
            html::clean(&html)
        } else {
            html
        }
    };
    // Blocks with an id, on their own, for the pages that embed them.
    let no_ids = HeadingIds {
        ids: vec![],
        next: AtomicUsize::new(0),
    };
    let mut block_plugins = Plugins::default();
    block_plugins.render.heading_adapter = Some(&no_ids);
    for b in block_ids {
        let mut one = String::new();
        let _ = format_html_with_plugins(b.node, &options, &mut one, &block_plugins);
        out.blocks.push((b.id, finish(one)));
    }
    out.html = finish(html);
    out
}

/// Gives task-list checkboxes a spoken state (the box itself is decorative:
/// it cannot be ticked, and axe wants every form field named) and translates
/// comrak's English footnote back-link labels. Text cannot forge these
/// strings: comrak escapes the quotes of text.
fn accessible(html: String, english: bool) -> String {
    let (done, todo, back) = if english {
        ("Done: ", "To do: ", "Back to reference ")
    } else {
        ("Fait : ", "À faire : ", "Retour à l’appel de note ")
    };
    let mut html = html;
    if html.contains("task-list-item-checkbox") {
        html = html
            .replace(
                "<input type=\"checkbox\" class=\"task-list-item-checkbox\" checked=\"\" disabled=\"\" />",
                &format!("<input type=\"checkbox\" class=\"task-list-item-checkbox\" checked=\"\" disabled=\"\" aria-hidden=\"true\" /><span class=\"visually-hidden\">{done}</span>"),
            )
            .replace(
                "<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"\" />",
                &format!("<input type=\"checkbox\" class=\"task-list-item-checkbox\" disabled=\"\" aria-hidden=\"true\" /><span class=\"visually-hidden\">{todo}</span>"),
            );
    }
    if !english && html.contains("aria-label=\"Back to reference ") {
        html = html.replace(
            "aria-label=\"Back to reference ",
            &format!("aria-label=\"{back}"),
        );
    }
    html
}

/// The text of a task-list item on line `line` (1-based) of `text`:
/// what follows the list marker and the box.
fn task_text(text: &str, line: usize) -> String {
    let l = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let l = l.trim_start().trim_start_matches(['>', ' ']);
    let l = l.strip_prefix(['-', '*', '+']).unwrap_or_else(|| {
        l.trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start_matches(['.', ')'])
    });
    let l = l.trim_start();
    let l = match l.find(']') {
        Some(i) if l.starts_with('[') => &l[i + 1..],
        _ => l,
    };
    l.trim().to_string()
}

/// Moves each task item's mark (`ACTION_MARK line SEP`, put by the walk at
/// the start of its text) onto its `<li>` as `id="action-line"`. Content
/// cannot write the mark, so only playbook's items are anchored.
fn anchor_tasks(html: String) -> String {
    const LI: &str = "<li class=\"task-list-item\"";
    if !html.contains(ACTION_MARK) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut parts = html.split(ACTION_MARK);
    out.push_str(parts.next().unwrap_or(""));
    for part in parts {
        let (line, rest) = part.split_once(SEP).unwrap_or(("", part));
        match out.rfind(LI) {
            Some(at) if line.bytes().all(|b| b.is_ascii_digit()) && !line.is_empty() => {
                out.insert_str(
                    at + LI.len(),
                    &format!(" id=\"{}\"", task_anchor(line.parse().unwrap_or(0))),
                );
            }
            _ => {}
        }
        out.push_str(rest);
    }
    out
}

/// The first of `marks` in `s`, and where. Every mark is a private-use
/// character (U+E000–U+E006) whose UTF-8 starts with the byte 0xEE, rare in
/// text: memchr finds it, where `str::find(&[char])` decodes every
/// character (and ran over every page's HTML and text nodes).
pub(crate) fn find_mark(s: &str, marks: &[char]) -> Option<(usize, char)> {
    debug_assert!(
        marks
            .iter()
            .all(|&c| c.len_utf8() == 3 && ('\u{E000}'..='\u{EFFF}').contains(&c))
    );
    memchr::memchr_iter(0xEE, s.as_bytes()).find_map(|i| {
        // 0xEE never continues a character: `i` is a boundary.
        let c = s[i..].chars().next()?;
        marks.contains(&c).then_some((i, c))
    })
}

fn holds_mark(s: &str, marks: &[char]) -> bool {
    find_mark(s, marks).is_some()
}

/// Replaces the private-use characters we use as placeholders.
fn sanitize(body: &str) -> std::borrow::Cow<'_, str> {
    if holds_mark(
        body,
        &[OPEN, SEP, CLOSE, EMBED, ACTION_MARK, BLOCK_MARK, COLON_MARK],
    ) {
        body.replace(MARKS, "\u{FFFD}")
            .replace([BLOCK_MARK, COLON_MARK], "\u{FFFD}")
            .into()
    } else {
        body.into()
    }
}

/// Replaces the placeholder characters that comrak decoded from entities
/// (`&#xE002;`, `&#57345;`…) after `sanitize` ran on the source: in text,
/// link and image URLs and titles, wikilink targets and code info strings.
pub(super) fn scrub(node: &AstNode<'_>) {
    fn clean(s: &mut String) {
        if holds_mark(s, &MARKS) {
            *s = s.replace(MARKS, "\u{FFFD}");
        }
    }
    let mut data = node.data_mut();
    match &mut data.value {
        NodeValue::Text(t) if holds_mark(t, &MARKS) => {
            *t = t.replace(MARKS, "\u{FFFD}").into();
        }
        NodeValue::Link(l) | NodeValue::Image(l) => {
            clean(&mut l.url);
            clean(&mut l.title);
        }
        NodeValue::WikiLink(w) => clean(&mut w.url),
        NodeValue::CodeBlock(c) => clean(&mut c.info),
        NodeValue::Callout(c) => clean(&mut c.callout_type),
        NodeValue::BlockDirective(d) => clean(&mut d.info),
        NodeValue::HtmlBlock(h) => clean(&mut h.literal),
        NodeValue::HtmlInline(h) => clean(h),
        _ => {}
    }
}

/// Flattened text of a node (for headings and labels).
pub(super) fn collect_text<'a>(node: &'a AstNode<'a>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        match &d.data().value {
            NodeValue::Text(t) => s.push_str(t),
            NodeValue::Code(c) => s.push_str(&c.literal),
            NodeValue::SoftBreak | NodeValue::LineBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

impl Rendered {
    /// The part of the body an embed shows: all of it, one block (`^id`),
    /// or one section (its heading and what follows, up to the next heading
    /// of the same or a higher level). `None` when there is no such part.
    pub fn part(&self, anchor: Option<&str>) -> Option<&str> {
        let html = self.html.as_str();
        let Some(anchor) = anchor else {
            return Some(html);
        };
        if anchor.starts_with('^') {
            return self
                .blocks
                .iter()
                .find(|(id, _)| id == anchor)
                .map(|(_, h)| h.as_str());
        }
        let at = self.headings.iter().position(|h| h.id == anchor)?;
        let level = self.headings[at].level;
        let find =
            |id: &str, level: u8| html.find(&format!("<h{level} id=\"{}\"", escape_html(id)));
        let start = find(anchor, level)?;
        let end = self.headings[at + 1..]
            .iter()
            .find(|h| h.level <= level)
            .and_then(|h| find(&h.id, h.level))
            .filter(|&e| e > start)
            .unwrap_or(html.len());
        Some(&html[start..end])
    }

    /// The links whose content a part shows in place (`EMBED` placeholders).
    pub fn embeds_in(part: &str) -> impl Iterator<Item = usize> + '_ {
        part.split(EMBED)
            .skip(1)
            .filter_map(|s| s.split(SEP).next()?.parse().ok())
    }
}

/// Writes `<hN id="…">` with the ids computed during the AST walk, in order.
struct HeadingIds {
    /// Id and classes of each heading, in order.
    ids: Vec<(String, String)>,
    next: AtomicUsize,
}

impl HeadingAdapter for HeadingIds {
    fn enter(
        &self,
        out: &mut dyn fmt::Write,
        h: &HeadingMeta,
        _pos: Option<Sourcepos>,
    ) -> fmt::Result {
        let i = self.next.fetch_add(1, Ordering::Relaxed);
        match self.ids.get(i) {
            Some((id, class)) if !class.is_empty() => write!(
                out,
                "<h{} id=\"{}\" class=\"{}\">",
                h.level,
                escape_html(id),
                escape_html(class)
            ),
            Some((id, _)) => write!(out, "<h{} id=\"{}\">", h.level, escape_html(id)),
            None => write!(out, "<h{}>", h.level),
        }
    }

    fn exit(&self, out: &mut dyn fmt::Write, h: &HeadingMeta) -> fmt::Result {
        write!(out, "</h{}>", h.level)
    }
}

#[cfg(test)]
mod tests;
