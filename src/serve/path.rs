//! Mapping a request URL to a file of the served site. Pure, and strict:
//! anything that could name something outside the site is refused.

use crate::text::{encode_segment, percent_decode};

/// What to do with a request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mapped {
    /// The key of a file in the served site (`guide/index.html`).
    File(String),
    /// A folder asked for without its final `/`: redirect there.
    Redirect(String),
}

/// Why a request path is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// Malformed or dangerous: 400.
    BadRequest,
    /// Too long: 414.
    TooLong,
}

pub const MAX_URL: usize = 2048;

/// Maps the path of a request URL (query and fragment allowed) to a site key.
/// `has_dir(key)` tells whether `key/index.html` exists, for redirects.
pub fn map(url: &str, has_dir: impl Fn(&str) -> bool) -> Result<Mapped, Refused> {
    if url.len() > MAX_URL {
        return Err(Refused::TooLong);
    }
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(Refused::BadRequest);
    }
    let raw = &path[1..];
    let lower = raw.to_ascii_lowercase();
    // Encoded separators and dots could smuggle a `..` past the checks below.
    if raw.contains('\\')
        || lower.contains("%2f")
        || lower.contains("%5c")
        || lower.contains("%2e")
        || lower.contains("%00")
    {
        return Err(Refused::BadRequest);
    }
    if !escapes_are_whole(raw) {
        return Err(Refused::BadRequest);
    }
    let decoded = percent_decode(raw).ok_or(Refused::BadRequest)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(Refused::BadRequest);
    }
    let mut parts = vec![];
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err(Refused::BadRequest),
            s if s.chars().any(char::is_control) => return Err(Refused::BadRequest),
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if joined.is_empty() {
        return Ok(Mapped::File("index.html".into()));
    }
    if decoded.ends_with('/') {
        return Ok(Mapped::File(format!("{joined}/index.html")));
    }
    if has_dir(&joined) {
        // Percent-encoding can make the target up to three times longer than
        // the request: never redirect to a URL this function would refuse.
        let to = format!("/{}/", encode_path(&joined));
        if to.len() > MAX_URL {
            return Err(Refused::TooLong);
        }
        return Ok(Mapped::Redirect(to));
    }
    Ok(Mapped::File(joined))
}

/// Every `%` opens an escape: it is followed by two hex digits.
fn escapes_are_whole(s: &str) -> bool {
    let b = s.as_bytes();
    let hex = |i: usize| b.get(i).is_some_and(u8::is_ascii_hexdigit);
    (0..b.len()).all(|i| b[i] != b'%' || (hex(i + 1) && hex(i + 2)))
}

fn encode_path(p: &str) -> String {
    p.split('/')
        .map(encode_segment)
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(url: &str) -> Result<Mapped, Refused> {
        map(url, |k| k == "guide")
    }

    #[test]
    fn ordinary_paths() {
        assert_eq!(m("/"), Ok(Mapped::File("index.html".into())));
        assert_eq!(m("/guide/"), Ok(Mapped::File("guide/index.html".into())));
        assert_eq!(m("/guide"), Ok(Mapped::Redirect("/guide/".into())));
        assert_eq!(
            m("/assets/style.css?v=2#x"),
            Ok(Mapped::File("assets/style.css".into()))
        );
        assert_eq!(
            m("/images/sch%C3%A9ma%201.png"),
            Ok(Mapped::File("images/schéma 1.png".into()))
        );
    }

    #[test]
    fn hostile_paths_are_refused() {
        for url in [
            "/../etc/passwd",
            "/guide/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2fetc",
            "/..%5cetc",
            "/..\\etc",
            "/a%00b",
            "/a\0b",
            "//etc/passwd",
            "etc/passwd",
            "/%ff%fe",
            "/%zz",
            "/./index.html",
        ] {
            assert_eq!(m(url), Err(Refused::BadRequest), "{url:?}");
        }
        assert_eq!(m(&format!("/{}", "a".repeat(5000))), Err(Refused::TooLong));
    }

    #[test]
    fn a_redirect_is_never_longer_than_a_request_may_be() {
        // Fuzz finding: 600 raw `é` (1,201 bytes) redirected to their
        // 3,602-byte percent-encoded form, which the server then refused.
        let name = "é".repeat(600);
        let url = format!("/{name}");
        assert!(url.len() <= MAX_URL);
        assert_eq!(map(&url, |k| k == name), Err(Refused::TooLong));
        let short = format!("/{}", "é".repeat(100));
        let Ok(Mapped::Redirect(to)) = map(&short, |_| true) else {
            panic!("a short folder name redirects");
        };
        assert_eq!(
            map(&to, |_| true),
            Ok(Mapped::File(format!("{}/index.html", "é".repeat(100))))
        );
    }
}
