//! `load::decode` on any bytes: UTF-8 (with or without a BOM) comes back
//! unchanged, unless it looks like UTF-16; anything else is an error
//! pointing at the line and column of the first bad byte.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    match playbook::load::decode(data) {
        Ok(s) => assert_eq!(s.as_bytes(), body),
        Err(d) => {
            assert!(d.line >= 1 && d.col >= 1, "{d}");
            assert!(d.help.is_some());
            if d.message.contains("UTF-16") {
                assert!(
                    body.starts_with(b"\xFF\xFE")
                        || body.starts_with(b"\xFE\xFF")
                        || body.contains(&0)
                );
                return;
            }
            let Err(e) = std::str::from_utf8(body) else {
                panic!("valid UTF-8 refused: {d}");
            };
            let lines = body[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            assert_eq!(d.line, lines + 1, "the line of the first bad byte");
        }
    }
});
