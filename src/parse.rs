//! Parse stage: one source file into a [`Page`] (front matter, then
//! Markdown). Pure, per page, run in parallel.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::{self, PageKind};
use crate::load::SourceFile;
use crate::markdown::{self, MarkdownOptions};
use crate::messages::msg;
use crate::site::{
    INDEX_NAMES, Page, PageKeys, file_name, order_prefix, parent_dir, prettify, stem,
};
use crate::stakeholders;
use crate::text::slugify;

/// What parsing one source file gave (see [`parse_page`]).
#[derive(Debug, Clone)]
pub enum Parsed {
    /// The page (boxed: the other outcomes are small), with the warnings
    /// parsing it gave.
    Page(Box<Page>, Vec<Diagnostic>),
    /// A draft (`draft: true`), left out: drafts were not asked for.
    Draft,
    /// The file could not be read as a page (its front matter, its
    /// encoding): why. It is left out of the site, with a warning.
    Failed {
        /// Path relative to `content/`.
        source: String,
        errors: Vec<Diagnostic>,
    },
}

/// Parse stage for one file: front matter, then Markdown.
pub fn parse_page(src: &SourceFile, opts: MarkdownOptions, drafts: bool) -> Parsed {
    let split = match frontmatter::split(&src.text, &src.shown) {
        Ok(split) => split,
        Err(errors) => {
            return Parsed::Failed {
                source: src.rel.clone(),
                errors,
            };
        }
    };
    let front = split.front;
    if front.draft && !drafts {
        return Parsed::Draft;
    }
    let mut warnings = split.warnings;
    let body = markdown::render_page(
        split.body,
        split.body_line_offset,
        opts,
        front.title.as_deref(),
    );
    let name = file_name(&src.rel);
    let is_index = INDEX_NAMES.contains(&name);
    let fallback = if is_index {
        let dir = parent_dir(&src.rel);
        if dir.is_empty() {
            String::new()
        } else {
            prettify(file_name(dir))
        }
    } else {
        prettify(order_prefix(stem(&src.rel)).1)
    };
    let mut front = front;
    // `#tag` in the text counts like a tag of the front matter.
    for t in &body.tags {
        if !front.tags.iter().any(|f| slugify(f) == slugify(t)) {
            front.tags.push(t.clone());
        }
    }
    for (line, message) in &body.notes {
        warnings.push(
            Diagnostic::warning(&src.shown, *line, 1, message.clone())
                .with_help(msg!("dialect-note-help")),
        );
    }
    if front.order.is_none() && !is_index {
        front.order = order_prefix(stem(&src.rel)).0;
    }
    let title = front
        .title
        .clone()
        .or_else(|| body.leading_h1.clone().filter(|t| !t.is_empty()))
        .unwrap_or(fallback);
    let mut parse_date = |field: &str, v: &Option<String>| -> Option<Date> {
        let v = v.as_ref()?;
        let d = Date::parse(v);
        if d.is_none() {
            let line = src
                .text
                .lines()
                .position(|l| l.starts_with(field))
                .map_or(0, |i| i + 1);
            warnings.push(
                Diagnostic::warning(
                    &src.shown,
                    line,
                    1,
                    msg!("fm-bad-date", field = field, value = v.as_str()),
                )
                .with_help(msg!("fm-bad-date-help", field = field)),
            );
        }
        d
    };
    let date = parse_date("date", &front.date);
    let updated = parse_date("updated", &front.updated);
    let keys = PageKeys::of(&src.rel, &title, &front);
    let stakeholders = (front.kind == Some(PageKind::Stakeholders)).then(|| {
        let (map, w) = stakeholders::read(&front.extra, &src.text, &src.shown);
        warnings.extend(w);
        std::sync::Arc::new(map)
    });
    let page = Page {
        keys,
        source: src.rel.clone(),
        shown: src.shown.clone(),
        kind: front.kind.unwrap_or_default(),
        title,
        date,
        updated,
        body: std::sync::Arc::new(body),
        front,
        url: String::new(),
        section: 0,
        is_index,
        stakeholders,
    };
    Parsed::Page(Box::new(page), warnings)
}
