//! The pad importer on any text: `parse_pad` and `to_markdown` never panic,
//! and what they write is a page playbook reads back without an error, whose
//! front matter holds what was recognised and whose body has no markup but
//! paragraphs, line breaks, bulleted lists, `**bold**`, `http(s)`
//! autolinks and one `##` heading per rotation.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use playbook::frontmatter::{self, PageKind};
use playbook::markdown::{MarkdownOptions, render};
use playbook::pad;
use playbook_fuzz::{Mode, check_html};

const PAD_TAGS: &[&str] = &["p", "br", "strong", "a", "h2", "ul", "li"];

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(minutes) = pad::parse_pad(&text) else {
        return;
    };
    let md = pad::to_markdown(&minutes, None);
    let split = match frontmatter::split(&md, Path::new("content/atelier.md")) {
        Ok(s) => s,
        Err(e) => panic!("the imported page does not load: {}\n{md}", e[0]),
    };
    let front = split.front;
    assert_eq!(front.kind, Some(PageKind::Minutes));
    if !minutes.title.trim().is_empty() {
        assert_eq!(front.title.as_deref(), Some(minutes.title.as_str()), "{md}");
    }
    assert_eq!(front.facilitators, minutes.facilitators, "{md}");
    assert_eq!(front.rotations.len(), minutes.rotations.len(), "{md}");
    let body = render(
        split.body,
        split.body_line_offset,
        MarkdownOptions::default(),
    );
    if let Err(e) = check_html(&body.html, Mode::Markdown) {
        panic!("{e}\n{md}");
    }
    assert!(
        body.links.is_empty(),
        "pad text became a link: {:?}\n{md}",
        body.links
    );
    assert!(body.leading_h1.is_none(), "{md}");
    assert_eq!(
        body.headings.len(),
        minutes.rotations.len(),
        "one heading per rotation\n{md}"
    );
    let mut rest = body.html.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        assert!(
            PAD_TAGS.contains(&name.as_str()),
            "pad text became <{name}>\n{md}\n{}",
            body.html
        );
        if name == "a" && !rest.starts_with('/') {
            // Schemes are case-insensitive: `Http://` is kept as written.
            let lower = rest.get(..16).unwrap_or(rest).to_ascii_lowercase();
            assert!(
                lower.starts_with("a href=\"http://") || lower.starts_with("a href=\"https://"),
                "{rest}"
            );
        }
    }
});
