//! Oracles and input decoding shared by the fuzz targets: what "safe HTML"
//! means for playbook's output, and how fuzzer bytes become a small site.
//!
//! The oracles return `Err(reason)` rather than panicking so that they can be
//! unit-tested; the targets turn an `Err` into a panic (a libFuzzer crash).

use std::path::PathBuf;

use playbook::load::{SourceFile, is_markdown};
use playbook::markdown::{ASSET_PREFIX, CLOSE, LinkKind, LinkRef, OPEN, SEP};

/// Schemes that must never reach an `href` or `src` (as in `markdown.rs`).
const DANGEROUS_SCHEMES: &[&str] = &["javascript", "vbscript", "data", "file", "livescript"];

/// Tags comrak may write for our options when raw HTML is escaped.
const FRAGMENT_TAGS: &[&str] = &[
    "a",
    "blockquote",
    "br",
    "code",
    "del",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "span",
    "strong",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
];

/// What kind of HTML is being checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Output of `markdown::render`: only comrak's tags; image sources may be
    /// `playbook-asset:N` placeholders.
    Markdown,
    /// Output of `RenderEnv::resolve_body`: only comrak's tags, no placeholder
    /// left, as many `</a>` as `<a>`.
    Body,
    /// A whole page from the templates: any tag, but the only `<script>` is
    /// the theme's `assets/playbook.js`.
    Page,
}

/// Checks that `html` cannot run script: no unexpected tag, no `on…`
/// attribute, no `javascript:`-like URL, no stray `<`.
pub fn check_html(html: &str, mode: Mode) -> Result<(), String> {
    let b = html.as_bytes();
    let mut i = 0;
    let mut scripts = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let mut j = start + 1;
        if html[j..].starts_with("!--") && mode == Mode::Page {
            // Template comments (not produced from content in the other modes).
            j = html[j..]
                .find("-->")
                .map(|e| j + e + 3)
                .ok_or("unterminated comment")?;
            i = j;
            continue;
        }
        if mode == Mode::Page && html[j..].to_ascii_lowercase().starts_with("!doctype") {
            i = j;
            continue;
        }
        let closing = b.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while j < b.len() && b[j].is_ascii_alphanumeric() {
            j += 1;
        }
        let name = html[name_start..j].to_ascii_lowercase();
        if name.is_empty() {
            return Err(format!(
                "a bare `<` at byte {start}: {}",
                around(html, start)
            ));
        }
        if mode != Mode::Page && !FRAGMENT_TAGS.contains(&name.as_str()) {
            return Err(format!("unexpected tag <{name}>: {}", around(html, start)));
        }
        let mut attrs: Vec<(String, String)> = vec![];
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            match b.get(j) {
                None => return Err(format!("unterminated tag: {}", around(html, start))),
                Some(b'>') => {
                    j += 1;
                    break;
                }
                Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                    j += 2;
                    break;
                }
                _ => {}
            }
            let an = j;
            while j < b.len()
                && !matches!(b[j], b'=' | b'>' | b'/' | b'"' | b'\'')
                && !b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            let attr = html[an..j].to_ascii_lowercase();
            if attr.is_empty() {
                return Err(format!("malformed attribute in: {}", around(html, start)));
            }
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                if b.get(j) != Some(&b'"') {
                    return Err(format!(
                        "unquoted attribute value in: {}",
                        around(html, start)
                    ));
                }
                j += 1;
                let end = html[j..].find('"').map(|e| j + e).ok_or_else(|| {
                    format!("unterminated attribute value: {}", around(html, start))
                })?;
                value = html[j..end].to_string();
                j = end + 1;
            }
            if attr.starts_with("on") {
                return Err(format!(
                    "event handler attribute `{attr}`: {}",
                    around(html, start)
                ));
            }
            attrs.push((attr, value));
        }
        if !closing {
            for (attr, value) in &attrs {
                if matches!(
                    attr.as_str(),
                    "href" | "src" | "action" | "formaction" | "xlink:href"
                ) {
                    check_url(value, &name, attr, mode)?;
                }
            }
        }
        if name == "script" && !closing {
            let theme_js = attrs
                .iter()
                .any(|(a, v)| a == "src" && v.ends_with("assets/playbook.js"));
            if mode != Mode::Page || !theme_js {
                return Err(format!("a <script> from content: {}", around(html, start)));
            }
            scripts += 1;
        }
        i = j;
    }
    if scripts > 1 {
        return Err(format!("{scripts} <script> tags, the theme has one"));
    }
    // In a body every placeholder is consumed, and only in pairs. (Titles
    // shown by the templates may hold any character: they are never parsed
    // for placeholders.)
    if mode == Mode::Body {
        if let Some(at) = html.find([OPEN, SEP, CLOSE]) {
            return Err(format!(
                "a link placeholder survived rendering: {}",
                around(html, at)
            ));
        }
        let (open, close) = (html.matches("<a ").count(), html.matches("</a>").count());
        if open != close {
            return Err(format!("{open} <a> but {close} </a>: {html:?}"));
        }
    }
    Ok(())
}

fn around(html: &str, at: usize) -> String {
    let mut s = at.saturating_sub(40);
    while !html.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = (at + 80).min(html.len());
    while !html.is_char_boundary(e) {
        e += 1;
    }
    format!("{:?}", &html[s..e])
}

/// Decodes the entities a browser would decode in an attribute value.
fn decode_entities(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&s| s <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..semi];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "colon" => Some(':'),
            "Tab" => Some('\t'),
            "NewLine" => Some('\n'),
            _ => ent.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(h) => u32::from_str_radix(h, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn check_url(raw: &str, tag: &str, attr: &str, mode: Mode) -> Result<(), String> {
    let decoded = decode_entities(raw);
    // Browsers strip leading and trailing C0 controls and spaces, and remove
    // tabs and newlines anywhere.
    let cleaned: String = decoded
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    if mode == Mode::Markdown
        && tag == "img"
        && attr == "src"
        && let Some(n) = cleaned.strip_prefix(ASSET_PREFIX)
        && !n.is_empty()
        && n.bytes().all(|b| b.is_ascii_digit())
    {
        return Ok(());
    }
    let Some(colon) = cleaned.find(':') else {
        return Ok(());
    };
    let scheme = &cleaned[..colon];
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return Ok(());
    }
    let raster = [
        "data:image/png",
        "data:image/jpeg",
        "data:image/gif",
        "data:image/webp",
    ];
    if tag == "img" && attr == "src" && raster.iter().any(|p| cleaned.starts_with(p)) {
        return Ok(());
    }
    if DANGEROUS_SCHEMES.contains(&scheme) || scheme.starts_with("playbook-") {
        return Err(format!("dangerous URL in <{tag} {attr}=\"{raw}\">"));
    }
    Ok(())
}

/// Checks the link placeholders of `markdown::render`'s output: every
/// `\u{E000}N\u{E001}` / `\u{E002}N\u{E001}` names a link that exists and is
/// a page link, each at most once; every `src="playbook-asset:N` (what the
/// render stage substitutes) names an image link, at most once. Anything else
/// is a forgery. With `raw_html` (unsafe_html on), the author may write any
/// `<img src>`, so image sources are not checked.
pub fn check_placeholders(html: &str, links: &[LinkRef], raw_html: bool) -> Result<(), String> {
    let mut opened = vec![0u32; links.len()];
    let mut closed = vec![0u32; links.len()];
    let mut rest = html;
    while let Some(i) = rest.find([OPEN, CLOSE]) {
        let c = rest[i..].chars().next().unwrap_or(OPEN);
        let after = &rest[i + c.len_utf8()..];
        let digits: &str = &after[..after.bytes().take_while(u8::is_ascii_digit).count()];
        if !after[digits.len()..].starts_with(SEP) {
            return Err(format!(
                "placeholder without separator: {}",
                around(html, html.len() - rest.len() + i)
            ));
        }
        let n: usize = digits.parse().map_err(|_| {
            format!(
                "placeholder without a number: {}",
                around(html, html.len() - rest.len() + i)
            )
        })?;
        let Some(link) = links.get(n) else {
            return Err(format!("placeholder {n} but only {} links", links.len()));
        };
        if link.kind == LinkKind::Image {
            return Err(format!("link placeholder {n} names an image"));
        }
        let count = if c == OPEN {
            &mut opened[n]
        } else {
            &mut closed[n]
        };
        *count += 1;
        if *count > 1 {
            return Err(format!("placeholder {n} appears twice"));
        }
        rest = &after[digits.len() + SEP.len_utf8()..];
    }
    if let Some(n) = (0..links.len()).find(|&n| opened[n] != closed[n]) {
        return Err(format!(
            "placeholder {n} opened {} times, closed {}",
            opened[n], closed[n]
        ));
    }
    if raw_html {
        return Ok(());
    }
    let needle = format!("src=\"{ASSET_PREFIX}");
    let mut seen = vec![false; links.len()];
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let digits = &after[..after.bytes().take_while(u8::is_ascii_digit).count()];
        if let Ok(n) = digits.parse::<usize>()
            && n < links.len()
        {
            if links[n].kind != LinkKind::Image || seen[n] {
                return Err(format!(
                    "`{ASSET_PREFIX}{n}` forged: {}",
                    around(html, html.len() - rest.len() + i)
                ));
            }
            seen[n] = true;
        }
        rest = after;
    }
    Ok(())
}

/// Turns fuzzer bytes into up to three Markdown files: chunks separated by
/// the byte 0xFF (never part of UTF-8), each chunk's first line being the
/// file's path under `content/` and the rest its text.
pub fn site_files(data: &[u8]) -> Vec<SourceFile> {
    let mut files: Vec<SourceFile> = vec![];
    for (i, chunk) in data.split(|&b| b == 0xFF).take(3).enumerate() {
        let text = String::from_utf8_lossy(chunk);
        let (name, body) = text.split_once('\n').unwrap_or((&text, ""));
        let mut rel = name
            .split(['/', '\\'])
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "." && *p != "..")
            .collect::<Vec<_>>()
            .join("/");
        if rel.is_empty() {
            rel = format!("page{i}.md");
        }
        if !is_markdown(&rel) {
            rel.push_str(".md");
        }
        if files.iter().any(|f| f.rel == rel) {
            continue;
        }
        files.push(SourceFile {
            shown: PathBuf::from("content").join(&rel),
            rel,
            text: body.to_string(),
        });
    }
    files
}

/// Checks that a drawing `svg::sanitize` published cannot run script, read
/// back with its own XML parser: every element is an SVG element that is
/// not a script host (no `script`, `foreignObject`, frame or handler), no
/// attribute is an event handler, no animation targets a link or a
/// handler, every link is a `#fragment`, a path or an `http(s)`/`mailto`…
/// URL (read the WHATWG way: tabs and newlines removed, controls and
/// spaces trimmed), and the document holds no instruction, comment or DTD.
/// Sanitising it again changes nothing and finds nothing.
pub fn check_svg(svg: &str) -> Result<(), String> {
    const SVG_NS: &str = "http://www.w3.org/2000/svg";
    const HOSTS: &[&str] = &[
        "script", "foreignobject", "iframe", "frame", "embed", "object", "handler", "listener",
    ];
    if svg.contains("<!") || svg[1..].contains("<?") {
        return Err(format!("a DTD, comment or instruction: {svg}"));
    }
    let doc = roxmltree::Document::parse(svg).map_err(|e| format!("not XML ({e}): {svg}"))?;
    for n in doc.descendants().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        if n.tag_name().namespace() != Some(SVG_NS) {
            return Err(format!("<{name}> outside the SVG namespace: {svg}"));
        }
        if HOSTS.contains(&name.to_ascii_lowercase().as_str()) {
            return Err(format!("a <{name}> element: {svg}"));
        }
        for a in n.attributes() {
            let an = a.name().to_ascii_lowercase();
            if an.starts_with("on") {
                return Err(format!("an `{an}` attribute: {svg}"));
            }
            if an == "attributename" {
                let target = a.value().trim().rsplit(':').next().unwrap_or("").to_ascii_lowercase();
                if target == "href" || target.starts_with("on") {
                    return Err(format!("an animation of `{target}`: {svg}"));
                }
            }
            if an == "href" {
                let seen: String = a
                    .value()
                    .trim_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                let scheme = seen
                    .split_once(':')
                    .map(|(s, _)| s)
                    .filter(|s| s.chars().all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)));
                let ok = match scheme {
                    None => true,
                    Some("http" | "https" | "mailto" | "tel" | "ftp") => true,
                    Some("data") => ["png", "jpeg", "gif", "webp", "avif"]
                        .iter()
                        .any(|t| seen.starts_with(&format!("data:image/{t}"))),
                    Some(other) => !matches!(other, "javascript" | "vbscript" | "livescript" | "file"),
                };
                if !ok {
                    return Err(format!("a link `{seen}`: {svg}"));
                }
                if !matches!(name, "a" | "image" | "feImage") && !seen.starts_with('#') {
                    return Err(format!("<{name}> refers to `{seen}` outside the drawing: {svg}"));
                }
            }
        }
    }
    let again = playbook::svg::sanitize(svg).map_err(|e| format!("its own output is refused ({e:?}): {svg}"))?;
    if !again.findings.is_empty() {
        return Err(format!("findings in its own output {:?}: {svg}", again.findings));
    }
    if again.svg != svg {
        return Err(format!("not stable:\n{svg}\n{}", again.svg));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use playbook::markdown::{MarkdownOptions, render};

    #[test]
    fn the_svg_oracle_passes_sanitised_drawings_and_catches_live_ones() {
        let hostile = r##"<!DOCTYPE svg [<!ENTITY x "<script>alert(1)</script>">]><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><a href="java&#9;script:alert(1)"><set attributeName="href" to="javascript:alert(1)"/><rect width="9"/></a>&x;<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml"/></foreignObject><use href="data:image/svg+xml,x#y"/></svg>"##;
        let out = playbook::svg::sanitize(hostile).unwrap();
        assert_eq!(check_svg(&out.svg), Ok(()));
        for live in [
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>x</script></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"x\"/>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"java&#9;script:x\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><a><set attributeName=\"xlink:href\" to=\"x\"/></a></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"data:image/svg+xml,x#y\"/></svg>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><foreignObject/></svg>",
            "<!DOCTYPE svg><svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ] {
            assert!(check_svg(live).is_err(), "{live}");
        }
    }

    #[test]
    fn safe_markdown_passes() {
        let md = "# T\n\n## S\n\n*a* **b** ~~c~~ `d` [x](a.md) [[W]] ![i](i.png) ![d](data:image/png;base64,AA)\n\n\
                  - [x] t\n\n| a |\n|---|\n| b |\n\n> [!NOTE]\n> n\n\nf[^1]\n\n[^1]: note\n\n<script>alert(1)</script>\n\n\
                  [j](javascript:alert(1)) [e](&#106;avascript:x) <javascript:alert(1)>\n\n```\n<b>\n```\n";
        let r = render(
            md,
            0,
            MarkdownOptions {
                unsafe_html: false,
                english: false,
            },
        );
        check_html(&r.html, Mode::Markdown).unwrap();
        check_placeholders(&r.html, &r.links, false).unwrap();
    }

    #[test]
    fn oracles_catch_script() {
        for bad in [
            "<script>x</script>",
            "<img src=\"x\" onerror=\"y\">",
            "<a href=\"javascript:x\">",
            "<a href=\" &#106;avascript:x\">",
            "<a href=\"java&#x09;script:x\">",
            "<iframe>",
            "a < b",
        ] {
            assert!(check_html(bad, Mode::Markdown).is_err(), "{bad}");
        }
        assert!(
            check_html(
                "<script src=\"../assets/playbook.js\" defer></script>",
                Mode::Page
            )
            .is_ok()
        );
        assert!(check_html("<script src=\"x.js\"></script>", Mode::Page).is_err());
    }

    #[test]
    fn oracles_catch_forged_placeholders() {
        let r = render("[[A]]", 0, MarkdownOptions::default());
        assert!(check_placeholders(&r.html, &r.links, false).is_ok());
        let forged = format!("{}{OPEN}0{SEP}x{CLOSE}0{SEP}", r.html);
        assert!(check_placeholders(&forged, &r.links, false).is_err());
        assert!(check_placeholders(&format!("{OPEN}3{SEP}"), &r.links, false).is_err());
        let img = render(
            "![a](a.png) playbook-asset:0",
            0,
            MarkdownOptions::default(),
        );
        assert!(check_placeholders(&img.html, &img.links, false).is_ok());
        let twice = format!("{} <img src=\"playbook-asset:0\" />", img.html);
        assert!(check_placeholders(&twice, &img.links, false).is_err());
    }

    #[test]
    fn oracles_catch_unbalanced_links() {
        assert!(check_html("<p><a href=\"x\">a</a></a></p>", Mode::Body).is_err());
        assert!(check_html("<p><a href=\"x\">a</a></p>", Mode::Body).is_ok());
        assert!(check_html(&format!("<p>{SEP}</p>"), Mode::Body).is_err());
    }

    #[test]
    fn site_files_split_on_ff() {
        let f = site_files(b"guide/a\n# A\n\xFF../b.md\n[[A]]\xFFguide/a\ndup");
        let rels: Vec<&str> = f.iter().map(|f| f.rel.as_str()).collect();
        assert_eq!(rels, ["guide/a.md", "b.md"]);
        assert_eq!(f[1].text, "[[A]]");
    }
}
