//! `markdown::render` with raw HTML escaped and allowed. With it escaped, the
//! HTML cannot run script (no `<script>`, no foreign tag, no `on…`
//! attribute, no `javascript:` URL); with either setting, content cannot
//! forge a link placeholder.
#![no_main]

use libfuzzer_sys::fuzz_target;
use playbook::markdown::{MarkdownOptions, render};
use playbook_fuzz::{Mode, check_html, check_placeholders};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let safe = render(
        &text,
        3,
        MarkdownOptions {
            unsafe_html: false,
            english: false,
        },
    );
    if let Err(e) = check_html(&safe.html, Mode::Markdown) {
        panic!("unsafe HTML with unsafe_html = false: {e}");
    }
    assert!(!safe.html.to_ascii_lowercase().contains("<script"));
    if let Err(e) = check_placeholders(&safe.html, &safe.links, false) {
        panic!("forged placeholder (unsafe_html = false): {e}");
    }
    for l in &safe.links {
        assert!(l.line > 3, "link line {} is before the body", l.line);
    }
    let raw = render(
        &text,
        0,
        MarkdownOptions {
            unsafe_html: true,
            english: false,
        },
    );
    if let Err(e) = check_placeholders(&raw.html, &raw.links, true) {
        panic!("forged placeholder (unsafe_html = true): {e}");
    }
    assert_eq!(safe.links.len(), raw.links.len());
    assert_eq!(safe.headings.len(), raw.headings.len());
});
