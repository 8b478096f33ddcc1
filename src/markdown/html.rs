//! Raw HTML written in a page (GitBook's `<figure>`, a contributors
//! `<table>`, `<details>`…): kept where it is safe, resolved like Markdown.
//!
//! Two steps. [`rewrite`] reads each raw HTML fragment of the tree with the
//! HTML tokenizer (html5ever), drops comments and doctypes, and turns every
//! URL attribute into what a Markdown link or image would give: a local URL
//! becomes a link of the page (`playbook-asset:N`, resolved by the link
//! stage, reported when broken), a URL whose scheme `crate::scheme`
//! refuses is dropped, the others stay. Only the elements of the allow-list
//! are written; `<script>`, `<style>` and the like go with their content, so
//! that nothing left unclosed can swallow the rest of the page. Then, once the page is rendered,
//! [`clean`] passes the whole page body through ammonia with an allow-list
//! suited to documentation: the sanitiser is the one place that decides
//! which elements and attributes reach the page. Pages without raw HTML
//! skip it (comrak's own output needs no cleaning).
//!
//! A user URL can never be `playbook-asset:N`: that scheme is not allowed
//! by `scheme`, so only the placeholders written here or by `markdown`
//! reach the sanitiser, which lets them through.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::{ASSET_PREFIX, MARKS};
use crate::scheme::{self, Target};

/// A local URL met in a fragment, to become a link of the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    /// `true` for `src`-like attributes (an image or a file), `false` for links.
    pub image: bool,
    pub url: String,
    /// Line within the fragment (1-based).
    pub line: usize,
}

/// Rewrites one fragment. Local URLs get the placeholders `first`,
/// `first + 1`… in order; they are returned for the caller to record.
pub(super) fn rewrite(fragment: &str, first: usize) -> (String, Vec<Found>) {
    let sink = Sink {
        out: RefCell::new(String::with_capacity(fragment.len())),
        found: RefCell::new(vec![]),
        first,
        skipping: RefCell::new(None),
    };
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(fragment));
    let _ = tok.feed(&input);
    tok.end();
    let sink = tok.sink;
    (sink.out.into_inner(), sink.found.into_inner())
}

struct Sink {
    out: RefCell<String>,
    found: RefCell<Vec<Found>>,
    first: usize,
    /// Inside an element whose content is dropped with it (`<script>`…).
    skipping: RefCell<Option<String>>,
}

/// Elements dropped with their content: their text is code or would, left
/// unclosed, swallow the rest of the page once the page is parsed whole.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Attributes holding a URL a browser follows (`href`) or loads (`src`).
fn url_kind(attr: &str) -> Option<bool> {
    match attr {
        "href" | "action" | "formaction" | "cite" | "xlink:href" => Some(false),
        "src" | "poster" | "data" | "background" => Some(true),
        _ => None,
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        let mut out = self.out.borrow_mut();
        let skipping = self.skipping.borrow().clone();
        if let Some(name) = skipping {
            if let Token::TagToken(t) = &token
                && t.kind == TagKind::EndTag
                && *t.name == *name
            {
                *self.skipping.borrow_mut() = None;
            }
            return TokenSinkResult::Continue;
        }
        match token {
            Token::TagToken(tag) => {
                let raw = self.tag(&tag, line, &mut out);
                if let Some(kind) = raw {
                    return TokenSinkResult::RawData(kind);
                }
            }
            Token::CharacterTokens(t) => escape_into(&t, false, &mut out),
            // Comments, doctypes, NUL and parse errors are not published.
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Sink {
    /// Writes a tag; says which raw-text state its content is read in.
    fn tag(&self, tag: &Tag, line: u64, out: &mut String) -> Option<RawKind> {
        let name: &str = &tag.name;
        if DROPPED.contains(&name) {
            if tag.kind == TagKind::StartTag && !tag.self_closing {
                *self.skipping.borrow_mut() = Some(name.to_string());
            }
            return match name {
                "script" => Some(RawKind::ScriptData),
                "textarea" | "title" => Some(RawKind::Rcdata),
                "plaintext" => None,
                _ => Some(RawKind::Rawtext),
            };
        }
        // Only the elements the cleaner keeps: an unknown one (`<math>`,
        // `<template>`, a Vue component) goes, its text stays. Form fields
        // are playbook's own (task lists, tabs), never an author's.
        if !TAGS.contains(&name) || matches!(name, "input" | "label") {
            return None;
        }
        if tag.kind == TagKind::EndTag {
            out.push_str("</");
            out.push_str(name);
            out.push('>');
            return None;
        }
        out.push('<');
        out.push_str(name);
        for a in &tag.attrs {
            let attr: &str = &a.name.local;
            let value: &str = &a.value;
            let value = match url_kind(attr) {
                Some(image) => {
                    let target = if image {
                        scheme::image(value)
                    } else {
                        scheme::link(value)
                    };
                    match target {
                        Target::Refused => continue,
                        Target::Local => {
                            let mut found = self.found.borrow_mut();
                            let n = self.first + found.len();
                            found.push(Found {
                                image,
                                url: value.trim().to_string(),
                                line: usize::try_from(line).unwrap_or(1),
                            });
                            format!("{ASSET_PREFIX}{n}")
                        }
                        Target::SamePage | Target::External => value.to_string(),
                    }
                }
                None => value.to_string(),
            };
            out.push(' ');
            out.push_str(attr);
            out.push_str("=\"");
            escape_into(&value, true, out);
            out.push('"');
        }
        out.push_str(if tag.self_closing { " />" } else { ">" });
        None
    }
}

/// Escapes text or an attribute value; the placeholder characters become
/// U+FFFD (a character reference could have written them).
fn escape_into(s: &str, attr: bool, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            c if MARKS.contains(&c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// Elements a page may hold: documentation markup, and what comrak and
/// playbook write themselves (callouts, tabs, task lists, footnotes).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Attributes any element may have.
const GENERIC: &[&str] = &[
    "id",
    "class",
    "title",
    "lang",
    "dir",
    "aria-label",
    "aria-hidden",
    "aria-describedby",
    "aria-labelledby",
    "data-callout",
    "data-footnotes",
    "data-footnote-ref",
    "data-footnote-backref",
    "data-footnote-backref-idx",
];

/// Attributes of particular elements.
const PER_TAG: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("audio", &["src", "controls", "loop", "muted", "preload"]),
    (
        "video",
        &[
            "src", "controls", "loop", "muted", "preload", "poster", "width", "height",
        ],
    ),
    ("source", &["src", "type", "media"]),
    ("track", &["src", "kind", "srclang", "label", "default"]),
    ("td", &["colspan", "rowspan", "align", "headers"]),
    (
        "th",
        &["colspan", "rowspan", "align", "scope", "headers", "abbr"],
    ),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("ol", &["start", "type", "reversed"]),
    ("li", &["value"]),
    ("details", &["open"]),
    ("input", &["type", "checked", "disabled", "name"]),
    ("label", &["for"]),
    ("time", &["datetime"]),
    ("del", &["datetime"]),
    ("ins", &["datetime"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::empty();
    let mut schemes: HashSet<&str> = scheme::LINK_SCHEMES.iter().copied().collect();
    // Placeholders written by playbook (a user URL never has this scheme),
    // and raster images; both checked again below.
    schemes.extend(["playbook-asset", "data"]);
    let per_tag: HashMap<&str, HashSet<&str>> = PER_TAG
        .iter()
        .map(|(t, a)| (*t, a.iter().copied().collect()))
        .collect();
    b.tags(TAGS.iter().copied().collect())
        .generic_attributes(GENERIC.iter().copied().collect())
        .tag_attributes(per_tag)
        .url_schemes(schemes)
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(|element, attribute, value| {
            let ok = match url_kind(attribute) {
                None => true,
                Some(_) if value.starts_with(ASSET_PREFIX) => true,
                Some(true) if element == "img" => scheme::image(value) != Target::Refused,
                Some(_) => scheme::link(value) != Target::Refused,
            };
            ok.then(|| value.into())
        });
    b
});

/// The page body, through the allow-list.
pub(super) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_are_rewritten_token_by_token() {
        let (out, found) = rewrite(
            "<figure><img src=\"../.gitbook/assets/photo (1).png\" alt=\"Photo\"><figcaption><p>Légende &amp; <b>gras</b></p></figcaption></figure>\n<!-- markdownlint-disable -->\n",
            3,
        );
        // An unclosed `<style>` swallows the rest of its own fragment only.
        let (dropped, _) = rewrite(
            "<style>p{}</style><b>x</b><math><mtext><table><mglyph>fin <CurrentGroupToc/><template>t</template><style><img src=y onerror=z>",
            0,
        );
        assert_eq!(dropped, "<b>x</b><table>fin t");
        assert_eq!(
            out,
            "<figure><img src=\"playbook-asset:3\" alt=\"Photo\"><figcaption><p>Légende &amp; <b>gras</b></p></figcaption></figure>\n\n"
        );
        assert_eq!(
            found,
            vec![Found {
                image: true,
                url: "../.gitbook/assets/photo (1).png".into(),
                line: 1
            }]
        );
    }

    #[test]
    fn urls_are_judged_like_markdown() {
        let (out, found) = rewrite(
            "<a href=\"java&#9;script:alert(1)\">a</a><a href=\"https://example.org\">b</a><a href=\"#s\">c</a><a href=\"page.md\">d</a><img src=\"data:image/svg+xml,x\"><img src=\"playbook-asset:0\"><a href=\"playbook&#45;asset:1\">e</a>",
            0,
        );
        assert_eq!(
            out,
            "<a>a</a><a href=\"https://example.org\">b</a><a href=\"#s\">c</a><a href=\"playbook-asset:0\">d</a><img><img><a>e</a>"
        );
        assert_eq!(found.len(), 1);
        assert!(!found[0].image);
    }

    #[test]
    fn placeholder_characters_cannot_be_written_by_reference() {
        let (out, _) = rewrite("<p title=\"&#xE000;\">&#xE001;0&#57346;</p>", 0);
        assert!(!out.contains(MARKS), "{out}");
    }

    #[test]
    fn the_cleaner_keeps_documentation_markup_and_drops_the_rest() {
        let html = "<details open><summary>Plus</summary><p class=\"x\" onclick=\"alert(1)\">a<kbd>Ctrl</kbd><script>alert(1)</script></p></details><table><tr><td colspan=\"2\" style=\"color:red\">c</td></tr></table><iframe src=\"https://example.org\"></iframe><img src=\"playbook-asset:2\" alt=\"a\"><a href=\"javascript:alert(1)\">x</a><p>\u{E000}0\u{E001}lien\u{E002}0\u{E001}</p><button>Vue</button>";
        assert_eq!(
            clean(html),
            "<details open=\"\"><summary>Plus</summary><p class=\"x\">a<kbd>Ctrl</kbd></p></details><table><tbody><tr><td colspan=\"2\">c</td></tr></tbody></table><img src=\"playbook-asset:2\" alt=\"a\"><a>x</a><p>\u{E000}0\u{E001}lien\u{E002}0\u{E001}</p>Vue"
        );
    }
}
