//! `serve::path::map` on any request target: never panics, and what it
//! accepts is a plain relative key (no `..`, `.`, empty or absolute part, no
//! backslash, NUL or control character), or a same-site redirect to a
//! folder that maps back to its `index.html`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use playbook::serve::path::{Mapped, map};

/// Whether `key/index.html` exists: an arbitrary but fixed answer.
fn has_dir(key: &str) -> bool {
    key.len().is_multiple_of(3)
}

fn check_key(key: &str) {
    assert!(!key.is_empty() && !key.starts_with('/'), "{key:?}");
    assert!(
        !key.contains(['\\', '\0']) && !key.chars().any(char::is_control),
        "{key:?}"
    );
    for seg in key.split('/') {
        assert!(!matches!(seg, "" | "." | ".."), "{key:?}");
    }
    assert!(
        std::path::Path::new(key)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_))),
        "{key:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let url = String::from_utf8_lossy(data);
    match map(&url, has_dir) {
        Ok(Mapped::File(key)) => check_key(&key),
        Ok(Mapped::Redirect(to)) => {
            assert!(to.starts_with('/') && to.ends_with('/'), "{to:?}");
            assert!(
                !to.starts_with("//") && !to.starts_with("/\\"),
                "open redirect: {to:?}"
            );
            assert!(
                !to.contains(|c: char| c.is_control() || c.is_whitespace()),
                "{to:?}"
            );
            match map(&to, has_dir) {
                Ok(Mapped::File(key)) => {
                    check_key(&key);
                    assert!(key.ends_with("/index.html"), "{to:?} → {key:?}");
                }
                other => panic!("{url:?} redirects to {to:?}, which maps to {other:?}"),
            }
        }
        Err(_) => {}
    }
});
