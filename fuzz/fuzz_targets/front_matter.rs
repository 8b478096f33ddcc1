//! `frontmatter::split` on any text: never panics; on success the body is
//! the end of the text and `body_line_offset` counts the lines before it; on
//! failure every diagnostic points inside the file.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match playbook::frontmatter::split(&text, Path::new("content/fuzz.md")) {
        Ok(s) => {
            assert!(text.ends_with(s.body), "the body is the end of the file");
            let before = &text[..text.len() - s.body.len()];
            assert_eq!(s.body_line_offset, before.matches('\n').count());
        }
        Err(diags) => {
            assert!(!diags.is_empty());
            let lines = text.lines().count().max(1);
            for d in diags {
                assert!(!d.message.is_empty());
                assert!(d.line <= lines + 1, "line {} of {lines}: {d}", d.line);
            }
        }
    }
});
