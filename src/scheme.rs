//! Which URLs playbook may publish, decided the way a browser reads them.
//!
//! Every URL playbook writes into a page or a drawing (Markdown links and
//! images, raw HTML, SVG) goes through [`link`] or [`image`]. The decision is
//! made on the URL as the WHATWG URL parser (the `url` crate, the one Servo
//! uses) reads it: after the caller's parser has decoded character
//! references, leading and trailing C0 controls and spaces are stripped and
//! tabs and newlines removed anywhere, exactly as browsers do, so
//! `java&#9;script:`, `&#x01;javascript:` or `JaVaScRiPt:` all come out as the
//! `javascript` scheme. Schemes are then matched against an allow-list, never
//! a deny-list: an unknown scheme is refused.

use url::{ParseError, Url};

/// What a URL is, for publishing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// No scheme: a path, relative or from the site root, maybe with a
    /// query or fragment. The link stage resolves it.
    Local,
    /// `#fragment` or `?query` alone: the same page.
    SamePage,
    /// An absolute URL whose scheme is allowed (`https:`, `mailto:`…), or a
    /// protocol-relative `//host/…`.
    External,
    /// A scheme that could run script or is not known (`javascript:`,
    /// `data:text/html`, `file:`…), or a URL no browser could follow.
    Refused,
}

/// Schemes a link may use: ammonia's default list (so raw HTML and
/// Markdown agree), which has no scheme that runs script.
pub const LINK_SCHEMES: &[&str] = &[
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "http",
    "https",
    "im",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "mms",
    "mx",
    "news",
    "nntp",
    "openpgp4fpr",
    "sip",
    "sms",
    "smsto",
    "ssh",
    "tel",
    "url",
    "webcal",
    "wtai",
    "xmpp",
];

/// Media types an image may embed as a `data:` URL: raster formats only (an
/// SVG document is a script host when opened on its own).
const DATA_IMAGES: &[&str] = &[
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "image/avif",
];

/// Classifies a link's URL (`href`).
pub fn link(url: &str) -> Target {
    classify(url, |u| LINK_SCHEMES.contains(&u.scheme()))
}

/// Classifies an image's URL (`src`): like [`link`], but only `http`,
/// `https` and raster `data:image/…` are allowed as absolute URLs.
pub fn image(url: &str) -> Target {
    classify(url, |u| match u.scheme() {
        "http" | "https" => true,
        "data" => DATA_IMAGES.contains(&data_media_type(u).as_str()),
        _ => false,
    })
}

/// The scheme of `url` as a browser reads it, lower-case, if it has one.
pub fn scheme_of(url: &str) -> Option<String> {
    Url::parse(url).ok().map(|u| u.scheme().to_string())
}

fn classify(url: &str, allowed: impl Fn(&Url) -> bool) -> Target {
    match Url::parse(url) {
        Ok(u) if allowed(&u) => Target::External,
        Ok(_) => Target::Refused,
        Err(ParseError::RelativeUrlWithoutBase) => relative(url),
        Err(_) => Target::Refused,
    }
}

/// A URL without a scheme: the same page, another host (`//host`), or a path.
fn relative(url: &str) -> Target {
    // What the browser sees: tabs and newlines removed, C0 controls and
    // spaces trimmed (the same steps the parser took).
    let seen: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if seen.is_empty() || seen.starts_with(['#', '?']) {
        Target::SamePage
    } else if seen.starts_with("//") || seen.starts_with("\\\\") || seen.starts_with("/\\") {
        // Protocol-relative: the page's own scheme (http or https, or file).
        Target::External
    } else {
        Target::Local
    }
}

/// `image/png` from `data:image/png;base64,…` (lower-case, parameters dropped).
fn data_media_type(u: &Url) -> String {
    let path = u.path();
    let end = path.find([';', ',']).unwrap_or(path.len());
    path[..end].trim().to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_schemes_are_refused_in_every_disguise_a_browser_accepts() {
        // As they reach us: character references already decoded by the
        // Markdown, HTML or XML parser.
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "java\rscript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "\u{0}\u{1f} javascript:alert(1)",
            "javascript\t:alert(1)",
            "vbscript:msgbox(1)",
            "livescript:x",
            "data:text/html,<script>alert(1)</script>",
            "DaTa:text/html;base64,PHNjcmlwdD4=",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "view-source:https://example.org",
            "blob:https://example.org/1",
            "filesystem:https://example.org/x",
            "intent://x#Intent;end",
        ] {
            assert_eq!(link(url), Target::Refused, "{url:?}");
            assert_eq!(image(url), Target::Refused, "{url:?}");
        }
    }

    #[test]
    fn ordinary_urls_pass() {
        for (url, want) in [
            ("https://example.org/a?b#c", Target::External),
            ("HTTP://EXAMPLE.ORG", Target::External),
            ("mailto:anne@example.org", Target::External),
            ("tel:+33123456789", Target::External),
            ("//cdn.example.org/x", Target::External),
            ("page.md", Target::Local),
            ("../guide/01-demarrer.md#etape", Target::Local),
            ("/ateliers/", Target::Local),
            ("Compte rendu.md", Target::Local),
            // A space is not stripped: `java script:` has no valid scheme.
            ("java script:alert(1)", Target::Local),
            ("\\javascript:alert(1)", Target::Local),
            ("#section", Target::SamePage),
            ("?q=coop", Target::SamePage),
            ("", Target::SamePage),
        ] {
            assert_eq!(link(url), want, "{url:?}");
        }
    }

    #[test]
    fn images_take_raster_data_and_web_urls_only() {
        assert_eq!(image("data:image/png;base64,iVBOR"), Target::External);
        assert_eq!(image("DATA:Image/JPEG,xx"), Target::External);
        assert_eq!(image("https://example.org/a.png"), Target::External);
        assert_eq!(image("mailto:x@example.org"), Target::Refused);
        assert_eq!(image("data:image/pngx,xx"), Target::Refused);
        assert_eq!(image("img/a.png"), Target::Local);
    }
}
