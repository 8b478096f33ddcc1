//! `svg::sanitize` on any text: what it publishes cannot run script (see
//! `check_svg`), and what it finds is reported at a position inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use playbook::svg::{check_xml, sanitize};
use playbook_fuzz::check_svg;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match sanitize(&text) {
        Ok(out) => {
            if let Err(e) = check_svg(&out.svg) {
                panic!("unsafe drawing published: {e}");
            }
            for f in &out.findings {
                assert!(f.at <= text.len(), "finding past the end: {f:?}");
            }
        }
        Err(e) => assert!(e.at <= text.len(), "error past the end: {e:?}"),
    }
    if let Ok(found) = check_xml(&text) {
        for f in &found {
            assert!(f.at <= text.len(), "finding past the end: {f:?}");
        }
    }
});
