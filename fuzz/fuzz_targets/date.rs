//! `Date::parse` on any text: never panics, and what it accepts is a real
//! date that survives a round trip through its ISO form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use playbook::date::Date;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(d) = Date::parse(&text) {
        assert!((1..=9999).contains(&d.year) && (1..=12).contains(&d.month) && d.day >= 1);
        assert_eq!(Date::parse(&d.iso()), Some(d), "{text:?}");
        let _ = d.display("fr");
        let _ = d.display("en");
    }
});
