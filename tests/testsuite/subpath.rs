//! The built site works under any sub-path: served over HTTP under
//! `/sous/chemin/`, every internal reference of every page reachable from the
//! home answers 200 and stays under the prefix, and every `#fragment` names an
//! `id` of its target page. And no page loads anything from another host.
//!
//! Everything here is hand-written on purpose (HTTP/1.0 client, attribute
//! extractor, URL resolver): the test must not share a bug with a library the
//! generator might use.

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::util::{Site, repo_root};

/// The sub-path the site is served under.
const PREFIX: &str = "/sous/chemin/";
/// A `base_url` that must only ever show up in `sitemap.xml`.
const BASE_URL: &str = "https://intranet.example.org/sous/chemin/";
/// The server thread stops by itself after this, even if a test hangs.
const SERVER_LIFETIME: Duration = Duration::from_secs(300);

#[test]
fn example_works_under_a_sub_path() {
    let site = Site::example();
    site.build_ok(&["--base-url", BASE_URL]);
    let report = crawl_site(&site.path().join("public"));
    report.assert_clean("the bundled example");
}

#[test]
fn generated_corpus_works_under_a_sub_path() {
    let site = Site::new();
    generated_corpus(200, site.path());
    site.build_ok(&["--base-url", BASE_URL]);
    let report = crawl_site(&site.path().join("public"));
    report.assert_clean("the generated corpus (200 pages)");
}

#[test]
fn no_resource_is_loaded_from_another_host() {
    let site = Site::example();
    site.build_ok(&["--base-url", BASE_URL]);
    let public = site.path().join("public");
    let mut checked = 0;
    let mut found = vec![];
    for e in walkdir::WalkDir::new(&public).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(&public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let ext = rel
            .rsplit_once('.')
            .map_or("", |(_, x)| x)
            .to_ascii_lowercase();
        if !e.file_type().is_file()
            || rel == "sitemap.xml"
            || !["html", "css", "js", "xml"].contains(&ext.as_str())
        {
            continue;
        }
        let text = std::fs::read_to_string(e.path())
            .unwrap_or_else(|err| panic!("{rel} is not UTF-8: {err}"));
        checked += 1;
        let loads = match ext.as_str() {
            "html" | "xml" => remote_loads_in_markup(&text),
            "css" => remote_loads_in_css(&text),
            _ => remote_loads_in_script(&text),
        };
        found.extend(loads.into_iter().map(|l| format!("{rel}: {l}")));
    }
    assert!(
        checked > 20,
        "only {checked} files checked in {}",
        public.display()
    );
    assert!(
        found.is_empty(),
        "{} remote resource load(s) in {checked} files:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Generates the shared benchmark corpus (`../shared/bench/gen_corpus.py`)
/// with `pages` pages into `dir` (empty or absent).
pub(crate) fn generated_corpus(pages: usize, dir: &Path) {
    let script = repo_root().join("../shared/bench/gen_corpus.py");
    assert!(
        script.is_file(),
        "{} is missing: these tests need the shared material checked out beside the repository (../shared)",
        script.display()
    );
    let out = std::process::Command::new("python3")
        .arg(&script)
        .args([
            "--pages",
            &pages.to_string(),
            "--flavor",
            "playbook",
            "-q",
            "--out",
        ])
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run python3 {}: {e}", script.display()));
    assert!(
        out.status.success(),
        "gen_corpus.py failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

// ---------------------------------------------------------------------------
// The crawl

/// What a crawl saw.
#[derive(Default)]
struct Report {
    /// HTML documents fetched and parsed.
    pages: usize,
    /// Stylesheets fetched and parsed.
    stylesheets: usize,
    /// Other files fetched (scripts, images…).
    other_files: usize,
    /// References (href, src, srcset candidates, CSS url) examined.
    references: usize,
    /// `#fragment`s checked against an `id`.
    fragments: usize,
    /// `<a href>` to other hosts, `mailto:`, `tel:`: allowed, not followed.
    external_links: usize,
    /// HTML files of the output no link leads to.
    unreached: Vec<String>,
    failures: Vec<String>,
}

impl Report {
    fn summary(&self) -> String {
        format!(
            "{} pages, {} stylesheets and {} other files fetched; {} references and {} fragments checked; \
             {} external links skipped",
            self.pages,
            self.stylesheets,
            self.other_files,
            self.references,
            self.fragments,
            self.external_links
        )
    }

    fn assert_clean(&self, what: &str) {
        let mut problems = self.failures.clone();
        problems.sort();
        problems.dedup();
        let shown: Vec<&str> = problems.iter().take(40).map(String::as_str).collect();
        assert!(
            problems.is_empty(),
            "{what} under {PREFIX}: {}; {} problem(s):\n{}{}",
            self.summary(),
            problems.len(),
            shown.join("\n"),
            if problems.len() > shown.len() {
                format!("\n… and {} more", problems.len() - shown.len())
            } else {
                String::new()
            }
        );
        assert!(
            self.pages > 1 && self.references > self.pages,
            "{what}: the crawl saw almost nothing: {}",
            self.summary()
        );
        assert!(
            self.unreached.is_empty(),
            "{what}: {} page(s) of the output are reached by no link from the home ({}): {}",
            self.unreached.len(),
            self.summary(),
            self.unreached
                .iter()
                .take(10)
                .cloned()
                .collect::<Vec<_>>()
                .join(", ")
        );
        eprintln!("{what} under {PREFIX}: {}", self.summary());
    }
}

/// Where a URL was first seen, for messages.
#[derive(Clone)]
struct Origin {
    page: String,
    raw: String,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "`{}` in {}", self.raw, self.page)
    }
}

/// Serves `public` under [`PREFIX`] and follows every reference from the home
/// page (and from `404.html`, which no page links to).
fn crawl_site(public: &Path) -> Report {
    let server = Server::start(public);
    let mut report = Report::default();
    let mut queue: VecDeque<String> = VecDeque::new();
    let mut seen: HashMap<String, Origin> = HashMap::new();
    for seed in [PREFIX.to_string(), format!("{PREFIX}404.html")] {
        seen.insert(
            seed.clone(),
            Origin {
                page: "(start)".into(),
                raw: seed.clone(),
            },
        );
        queue.push_back(seed);
    }
    // Page path → its ids (HTML pages fetched with 200 only).
    let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
    // (target path, fragment, origin), checked once every page is known.
    let mut fragments: Vec<(String, String, Origin)> = vec![];

    while let Some(path) = queue.pop_front() {
        let origin = seen[&path].clone();
        let res = server.get(&path);
        if res.status != 200 {
            let why = match (&res.location, res.status) {
                (Some(loc), _) => {
                    format!("redirect to {loc} (a link to a folder must end with `/`)")
                }
                (None, s) => format!("HTTP {s}"),
            };
            report
                .failures
                .push(format!("{path}: {why}, from {origin}"));
            continue;
        }
        let kind = res
            .content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let refs = match kind.as_str() {
            "text/html" => {
                report.pages += 1;
                let Ok(text) = String::from_utf8(res.body) else {
                    report.failures.push(format!("{path}: not UTF-8"));
                    continue;
                };
                let doc = parse_html(&text);
                if let Some(b) = &doc.base {
                    report.failures.push(format!(
                        "{path}: <base href=\"{b}\"> changes how every relative URL resolves"
                    ));
                }
                ids.insert(path.clone(), doc.ids);
                doc.refs
            }
            "text/css" => {
                report.stylesheets += 1;
                let text = String::from_utf8_lossy(&res.body).into_owned();
                css_urls(&text)
                    .into_iter()
                    .map(|url| Ref {
                        kind: RefKind::Resource,
                        url,
                    })
                    .collect()
            }
            _ => {
                report.other_files += 1;
                vec![]
            }
        };
        for r in refs {
            report.references += 1;
            let here = Origin {
                page: path.clone(),
                raw: r.url.clone(),
            };
            let url = r.url.trim_matches(|c: char| c.is_ascii_whitespace());
            match classify(url) {
                Class::Data if r.kind == RefKind::Resource => continue,
                Class::External(_) if r.kind == RefKind::Link => {
                    if url.starts_with(BASE_URL) {
                        report.failures.push(format!(
                            "{path}: absolute link to the site itself (base_url) {here}"
                        ));
                    }
                    report.external_links += 1;
                    continue;
                }
                Class::External(scheme) | Class::Other(scheme) => {
                    let what = if r.kind == RefKind::Resource {
                        "resource"
                    } else {
                        "link"
                    };
                    report
                        .failures
                        .push(format!("{path}: {what} with scheme `{scheme}`: {here}"));
                    continue;
                }
                Class::Data => {
                    report
                        .failures
                        .push(format!("{path}: data: URL in a link: {here}"));
                    continue;
                }
                Class::Relative => {}
            }
            let resolved = resolve(&path, url);
            if !resolved.path.starts_with(PREFIX) {
                report.failures.push(format!(
                    "{path}: escapes {PREFIX} (resolves to {}): {here}",
                    resolved.path
                ));
                continue;
            }
            if let Some(frag) = resolved.fragment {
                fragments.push((resolved.path.clone(), frag, here.clone()));
            }
            if !seen.contains_key(&resolved.path) {
                seen.insert(resolved.path.clone(), here);
                queue.push_back(resolved.path);
            }
        }
    }

    for (target, frag, origin) in fragments {
        let Some(target_ids) = ids.get(&target) else {
            continue;
        }; // not HTML, or already reported
        report.fragments += 1;
        let frag_decoded = percent_decode(&frag).unwrap_or_else(|| frag.clone());
        let ok = frag.is_empty()
            || frag.eq_ignore_ascii_case("top")
            || target_ids.contains(&frag)
            || target_ids.contains(&frag_decoded);
        if !ok {
            report
                .failures
                .push(format!("{target}: no id=\"{frag_decoded}\" for {origin}"));
        }
    }

    // Every page of the output should be reachable from the home.
    let reached: BTreeSet<String> = seen.keys().filter_map(|k| percent_decode(k)).collect();
    for e in walkdir::WalkDir::new(public).sort_by_file_name() {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(public)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".html") {
            continue;
        }
        let as_folder = format!("{PREFIX}{}", rel.strip_suffix("index.html").unwrap_or(&rel));
        if !reached.contains(&as_folder) && !reached.contains(&format!("{PREFIX}{rel}")) {
            report.unreached.push(rel);
        }
    }
    drop(server);
    report
}

// ---------------------------------------------------------------------------
// HTML and CSS extraction

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RefKind {
    /// `<a href>`, `<area href>`: followed by a user, may point elsewhere.
    Link,
    /// Anything the browser loads by itself: `src`, `srcset`, `<link href>`, CSS `url()`.
    Resource,
}

#[derive(Debug)]
struct Ref {
    kind: RefKind,
    url: String,
}

#[derive(Default)]
struct Html {
    refs: Vec<Ref>,
    ids: BTreeSet<String>,
    base: Option<String>,
}

/// One start tag: its lowercase name and attributes (names lowercase, values
/// with character references decoded).
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Walks the start tags of an HTML document; `raw` receives the text of
/// `<script>` and `<style>` elements.
fn for_each_tag(text: &str, mut on_tag: impl FnMut(&Tag), mut raw: impl FnMut(&str, &str)) {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let start = i + off;
        let rest = &text[start..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(text.len(), |e| start + e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i = rest.find('>').map_or(text.len(), |e| start + e + 1);
            continue;
        }
        let mut j = start + 1;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        if j == start + 1 {
            i = start + 1;
            continue;
        }
        let name = text[start + 1..j].to_ascii_lowercase();
        let mut attrs = vec![];
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                j += 1;
                break;
            }
            let n0 = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            let attr = text[n0..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v0 = j + 1;
                    j = v0;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    value = decode_entities(&text[v0..j.min(b.len())]);
                    j += 1;
                } else {
                    let v0 = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = decode_entities(&text[v0..j]);
                }
            }
            if !attr.is_empty() {
                attrs.push((attr, value));
            }
        }
        let j = j.min(text.len());
        on_tag(&Tag {
            name: name.clone(),
            attrs,
        });
        i = j;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            let end = text[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(text.len(), |e| i + e);
            raw(&name, &text[i..end]);
            i = end;
        }
    }
}

fn parse_html(text: &str) -> Html {
    let mut doc = Html::default();
    let mut refs = vec![];
    let mut css = vec![];
    let mut styles = vec![];
    for_each_tag(
        text,
        |tag| {
            if let Some(id) = tag.get("id") {
                doc.ids.insert(id.to_string());
            }
            for (attr, value) in &tag.attrs {
                match (tag.name.as_str(), attr.as_str()) {
                    ("a" | "area", "href") => refs.push(Ref {
                        kind: RefKind::Link,
                        url: value.clone(),
                    }),
                    ("base", "href") => doc.base = Some(value.clone()),
                    (_, "href" | "src") | ("video", "poster") | ("object", "data") => {
                        refs.push(Ref {
                            kind: RefKind::Resource,
                            url: value.clone(),
                        });
                    }
                    (_, "srcset") => {
                        refs.extend(srcset_urls(value).into_iter().map(|url| Ref {
                            kind: RefKind::Resource,
                            url,
                        }));
                    }
                    (_, "style") => css.push(value.clone()),
                    _ => {}
                }
            }
        },
        |name, body| {
            if name == "style" {
                styles.push(body.to_string());
            }
        },
    );
    for c in css.into_iter().chain(styles) {
        refs.extend(css_urls(&c).into_iter().map(|url| Ref {
            kind: RefKind::Resource,
            url,
        }));
    }
    doc.refs = refs;
    doc
}

/// The URLs of a `srcset` value (`a.png 1x, b.png 2x`).
fn srcset_urls(value: &str) -> Vec<String> {
    value
        .split(',')
        .filter_map(|c| c.split_ascii_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The URLs of a stylesheet: `url(...)` (quoted or not) and `@import "..."`.
fn css_urls(css: &str) -> Vec<String> {
    // Comments out first.
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(i) = rest.find("/*") {
        text.push_str(&rest[..i]);
        rest = rest[i + 2..]
            .find("*/")
            .map_or("", |e| &rest[i + 2 + e + 2..]);
    }
    text.push_str(rest);
    let lower = text.to_ascii_lowercase();
    let mut urls = vec![];
    let mut from = 0;
    while let Some(i) = lower[from..].find("url(") {
        let start = from + i + 4;
        let inner = text[start..].trim_start();
        let inner_at = text.len() - inner.len();
        let (value, end) = match inner.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let end = inner[1..].find(q).map_or(inner.len(), |e| e + 1);
                (&inner[1..end], end)
            }
            _ => {
                let end = inner.find(')').unwrap_or(inner.len());
                (inner[..end].trim_end(), end)
            }
        };
        urls.push(value.to_string());
        from = inner_at + end;
    }
    let mut from = 0;
    while let Some(i) = lower[from..].find("@import") {
        let start = from + i + 7;
        let inner = text[start..].trim_start();
        if let Some(q @ ('"' | '\'')) = inner.chars().next() {
            let end = inner[1..].find(q).map_or(inner.len(), |e| e + 1);
            urls.push(inner[1..end].to_string());
        }
        from = start;
    }
    urls
}

/// Decodes the character references a generator may write in an attribute.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(semi) = rest.find(';').filter(|&n| n <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name.strip_prefix('#').and_then(|num| {
                let n = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse().ok(),
                };
                n.and_then(char::from_u32)
            }),
        };
        match decoded {
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

// ---------------------------------------------------------------------------
// Remote resource loads (the grep test)

fn is_remote(url: &str) -> bool {
    let u = url.trim().to_ascii_lowercase();
    u.starts_with("http://") || u.starts_with("https://") || u.starts_with("//")
}

/// Resource loads from another host in an HTML (or XML) document: `src`,
/// `srcset`, `poster`, `<object data>`, `<link href>`, CSS in `style`
/// attributes and elements, and scripts written inline.
fn remote_loads_in_markup(text: &str) -> Vec<String> {
    let mut found = vec![];
    let mut inline_css = vec![];
    let mut styles = vec![];
    let mut inline_js = vec![];
    for_each_tag(
        text,
        |tag| {
            for (attr, value) in &tag.attrs {
                let hit = match (tag.name.as_str(), attr.as_str()) {
                    ("link", "href") | ("video", "poster") | ("object", "data") => is_remote(value),
                    (_, a) if a == "src" || a.ends_with("-src") => is_remote(value),
                    (_, a) if a == "srcset" || a.ends_with("-srcset") => {
                        srcset_urls(value).iter().any(|u| is_remote(u))
                    }
                    (_, "style") => {
                        inline_css.push(value.clone());
                        false
                    }
                    _ => false,
                };
                if hit {
                    found.push(format!("<{} {attr}=\"{value}\">", tag.name));
                }
            }
        },
        |name, body| match name {
            "style" => styles.push(body.to_string()),
            _ => inline_js.push(body.to_string()),
        },
    );
    // XML processing instructions (`<?xml-stylesheet href="…"?>`) are skipped
    // by the tag walker; look at them directly.
    let mut rest = text;
    while let Some(i) = rest.find("<?xml-stylesheet") {
        let end = rest[i..].find("?>").map_or(rest.len(), |e| i + e);
        let pi = &rest[i..end];
        if pi.contains("http://") || pi.contains("https://") || pi.contains("\"//") {
            found.push(pi.to_string());
        }
        rest = &rest[end..];
    }
    for css in inline_css.into_iter().chain(styles) {
        found.extend(remote_loads_in_css(&css));
    }
    for js in inline_js {
        found.extend(remote_loads_in_script(&js));
    }
    found
}

fn remote_loads_in_css(css: &str) -> Vec<String> {
    css_urls(css)
        .into_iter()
        .filter(|u| is_remote(u))
        .map(|u| format!("url({u})"))
        .collect()
}

/// A script loading from another host: `src = "https://…"`, `fetch("https://…")`,
/// `import … from "https://…"`, or CSS it writes.
fn remote_loads_in_script(js: &str) -> Vec<String> {
    let mut found = remote_loads_in_css(js);
    let lower = js.to_ascii_lowercase();
    for needle in ["src", "fetch(", "import", "open(", "href"] {
        let mut from = 0;
        while let Some(i) = lower[from..].find(needle) {
            let at = from + i;
            from = at + needle.len();
            let mut after = lower[from..].trim_start();
            after = after
                .strip_prefix('=')
                .or_else(|| after.strip_prefix(':'))
                .unwrap_or(after)
                .trim_start();
            after = after.strip_prefix("from").unwrap_or(after).trim_start();
            after = after
                .strip_prefix("('")
                .or_else(|| after.strip_prefix("(\""))
                .unwrap_or(after);
            after = after.strip_prefix(['"', '\'', '`']).unwrap_or(after);
            if is_remote(after) {
                let end = (from + 80).min(js.len());
                let end = (end..js.len())
                    .find(|&e| js.is_char_boundary(e))
                    .unwrap_or(js.len());
                found.push(js[at..end].lines().next().unwrap_or("").to_string());
            }
        }
    }
    found
}

// ---------------------------------------------------------------------------
// URLs

enum Class {
    /// Resolved against the page.
    Relative,
    /// `http:`, `https:` or a network-path `//host/…`.
    External(String),
    Data,
    /// `mailto:`, `tel:`, `javascript:`…
    Other(String),
}

fn classify(url: &str) -> Class {
    if url.starts_with("//") {
        return Class::External("//".into());
    }
    let scheme_len = url
        .find(':')
        .filter(|&i| {
            i > 0
                && url[..i]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        })
        .filter(|_| url.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter(|&i| !url[..i].contains(['/', '?', '#']));
    match scheme_len.map(|i| url[..i].to_ascii_lowercase()) {
        None => Class::Relative,
        Some(s) if s == "http" || s == "https" => Class::External(s),
        Some(s) if s == "data" => Class::Data,
        Some(s) if s == "mailto" || s == "tel" => Class::External(s),
        Some(s) => Class::Other(s),
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Resolved {
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

/// Resolves a relative reference (no scheme, no `//host`) against the
/// absolute path `base` (RFC 3986 §5.2, without authorities).
fn resolve(base: &str, reference: &str) -> Resolved {
    let (rest, fragment) = match reference.split_once('#') {
        Some((r, f)) => (r, Some(f.to_string())),
        None => (reference, None),
    };
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q.to_string())),
        None => (rest, None),
    };
    let (base_path, base_query) = match base.split('#').next().unwrap_or("").split_once('?') {
        Some((p, q)) => (p.to_string(), Some(q.to_string())),
        None => (base.split('#').next().unwrap_or("").to_string(), None),
    };
    if path.is_empty() {
        return Resolved {
            path: base_path,
            query: query.or(base_query),
            fragment,
        };
    }
    let merged = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{path}")
    };
    Resolved {
        path: remove_dot_segments(&merged),
        query,
        fragment,
    }
}

fn remove_dot_segments(path: &str) -> String {
    let segs: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
    let mut out: Vec<&str> = vec![];
    for (i, seg) in segs.iter().enumerate() {
        let last = i + 1 == segs.len();
        match *seg {
            "." | "%2e" | "%2E" => {}
            ".." | "%2e%2e" | "%2E%2E" | ".%2e" | "%2e." | ".%2E" | "%2E." => {
                out.pop();
            }
            s => {
                out.push(s);
                continue;
            }
        }
        if last {
            out.push("");
        }
    }
    format!("/{}", out.join("/"))
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Percent-encodes what may not appear raw in a request target, as a browser does.
fn encode_path(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &byte in s.as_bytes() {
        if byte.is_ascii_graphic() && !b"\"<>\\^`{|}#".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// HTTP: a static file server under PREFIX, and an HTTP/1.0 client

/// Serves a folder under [`PREFIX`] on 127.0.0.1, on a thread that stops when
/// this is dropped (or after [`SERVER_LIFETIME`]).
struct Server {
    port: u16,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

enum Reply {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

/// Maps a request target to a file: `PREFIX/<path>`, a folder to its
/// `index.html`, a folder without its final `/` to a redirect, and
/// everything else to 404.
fn route(root: &Path, target: &str) -> Reply {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(rest) = path.strip_prefix(PREFIX) else {
        return Reply::NotFound;
    };
    let segs: Vec<&str> = rest.split('/').collect();
    let mut file = root.to_path_buf();
    for (i, seg) in segs.iter().enumerate() {
        let Some(seg) = percent_decode(seg) else {
            return Reply::NotFound;
        };
        match seg.as_str() {
            "" if i + 1 == segs.len() => {}
            "" | "." | ".." => return Reply::NotFound,
            s if s.contains(['/', '\0']) => return Reply::NotFound,
            s => file.push(s),
        }
    }
    if file.is_dir() {
        if !path.ends_with('/') {
            return Reply::Redirect(format!("{path}/"));
        }
        file.push("index.html");
    }
    if file.is_file() {
        Reply::File(file)
    } else {
        Reply::NotFound
    }
}

fn content_type(file: &Path) -> &'static str {
    match file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "pdf" => "application/pdf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> tiny_http::Header {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

impl Server {
    fn start(root: &Path) -> Server {
        let server = tiny_http::Server::http("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let port = server.server_addr().to_ip().expect("an IP listener").port();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let root = root.to_path_buf();
        let thread = std::thread::spawn(move || {
            let deadline = Instant::now() + SERVER_LIFETIME;
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                let rq = match server.recv_timeout(Duration::from_millis(50)) {
                    Ok(Some(rq)) => rq,
                    Ok(None) => continue,
                    Err(_) => break,
                };
                let response = match route(&root, rq.url()) {
                    Reply::File(f) => match std::fs::read(&f) {
                        Ok(bytes) => tiny_http::Response::from_data(bytes)
                            .with_header(header("Content-Type", content_type(&f))),
                        Err(_) => tiny_http::Response::from_data(b"unreadable".to_vec())
                            .with_status_code(500),
                    },
                    Reply::Redirect(to) => tiny_http::Response::from_data(vec![])
                        .with_status_code(301)
                        .with_header(header("Location", &to)),
                    Reply::NotFound => {
                        tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
                    }
                };
                let _ = rq.respond(response);
            }
        });
        Server {
            port,
            stop,
            thread: Some(thread),
        }
    }

    /// `GET target` over HTTP/1.0.
    fn get(&self, target: &str) -> Fetched {
        http_get(self.port, &encode_path(target))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Fetched {
    status: u16,
    content_type: String,
    location: Option<String>,
    body: Vec<u8>,
}

fn http_get(port: u16, target: &str) -> Fetched {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connect to the test server");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    write!(s, "GET {target} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n").expect("send the request");
    let mut raw = vec![];
    let mut buf = [0u8; 16384];
    let mut head_end = None;
    let mut length: Option<usize> = None;
    loop {
        let n = s
            .read(&mut buf)
            .unwrap_or_else(|e| panic!("reading the response to GET {target}: {e}"));
        if n == 0 {
            break;
        }
        raw.extend_from_slice(&buf[..n]);
        if head_end.is_none()
            && let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n")
        {
            head_end = Some(i + 4);
            let head = String::from_utf8_lossy(&raw[..i]).to_ascii_lowercase();
            length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok());
        }
        if let (Some(h), Some(len)) = (head_end, length)
            && raw.len() >= h + len
        {
            break;
        }
    }
    let h = head_end.unwrap_or_else(|| panic!("GET {target}: no complete response head"));
    let head = String::from_utf8_lossy(&raw[..h]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("GET {target}: bad status line in {head:?}"));
    let mut content_type = String::new();
    let mut location = None;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = v.trim().to_string(),
                "location" => location = Some(v.trim().to_string()),
                _ => {}
            }
        }
    }
    let mut body = raw.split_off(h);
    if let Some(len) = length {
        body.truncate(len);
    }
    Fetched {
        status,
        content_type,
        location,
        body,
    }
}

// ---------------------------------------------------------------------------
// The helpers' own tests: a crawler that misses things proves nothing.

#[test]
fn the_crawler_helpers_work() {
    // Resolver.
    let r = |b: &str, u: &str| {
        let x = resolve(b, u);
        let mut s = x.path;
        if let Some(q) = x.query {
            s = format!("{s}?{q}");
        }
        if let Some(f) = x.fragment {
            s = format!("{s}#{f}");
        }
        s
    };
    assert_eq!(r("/p/a/b/", "../c/"), "/p/a/c/");
    assert_eq!(r("/p/a/b/", "./"), "/p/a/b/");
    assert_eq!(r("/p/a/b/", "../../../../x"), "/x");
    assert_eq!(r("/p/a/b/index.html", "c.css"), "/p/a/b/c.css");
    assert_eq!(r("/p/a/b/", "#frag"), "/p/a/b/#frag");
    assert_eq!(r("/p/a/b/?x=1", "#f"), "/p/a/b/?x=1#f");
    assert_eq!(r("/p/a/b/", "?q=2"), "/p/a/b/?q=2");
    assert_eq!(r("/p/a/b/", "/abs/"), "/abs/");
    assert_eq!(r("/p/a/b/", ".."), "/p/a/");
    assert_eq!(r("/p/a/b/", "c/./d/../e?x#y"), "/p/a/b/c/e?x#y");
    assert_eq!(r("/p/", ""), "/p/");
    // Classes.
    assert!(matches!(classify("mailto:x@y"), Class::External(_)));
    assert!(matches!(classify("HTTPS://x"), Class::External(_)));
    assert!(matches!(classify("//cdn.example/x.js"), Class::External(_)));
    assert!(matches!(classify("data:image/png;base64,xx"), Class::Data));
    assert!(matches!(classify("javascript:void(0)"), Class::Other(_)));
    assert!(matches!(classify("a:b/c"), Class::Other(_)));
    assert!(matches!(classify("./a:b"), Class::Relative));
    assert!(matches!(classify("page/?a=b:c"), Class::Relative));
    // Attributes: both quote styles, unquoted, entities, comments, scripts.
    let doc = parse_html(
        "<!-- <a href=\"commented\"> --><A HREF='x/?a=1&amp;b=2'>x</A><img src=i.png srcset=\"s1.png 1x, s2.png 2x\">\
         <link rel=stylesheet href=\"s.css\"><h2 id=\"t&#233;\">t</h2><script>if (a<b) { x = '<a href=\"no\">' }</script>\
         <div style=\"background: url('bg.png')\"></div><style>@import \"imp.css\"; p { background: url(p.png) }</style>",
    );
    let urls: Vec<(RefKind, &str)> = doc.refs.iter().map(|r| (r.kind, r.url.as_str())).collect();
    assert_eq!(
        urls,
        vec![
            (RefKind::Link, "x/?a=1&b=2"),
            (RefKind::Resource, "i.png"),
            (RefKind::Resource, "s1.png"),
            (RefKind::Resource, "s2.png"),
            (RefKind::Resource, "s.css"),
            (RefKind::Resource, "bg.png"),
            (RefKind::Resource, "p.png"),
            (RefKind::Resource, "imp.css"),
        ]
    );
    assert!(doc.ids.contains("té"));
    // Remote loads.
    assert_eq!(
        remote_loads_in_markup(
            "<a href=\"https://ok.example\">ok</a><link rel=x href='https://a.b/c.css'>"
        )
        .len(),
        1
    );
    assert_eq!(
        remote_loads_in_markup("<img srcset=\"a.png 1x, https://x/b.png 2x\">").len(),
        1
    );
    assert_eq!(
        remote_loads_in_markup("<script src=//cdn.example/x.js></script>").len(),
        1
    );
    assert_eq!(
        remote_loads_in_css(
            "@import url(\"https://fonts.example/css\"); a { b: url( https://x/y.png ) }"
        )
        .len(),
        2
    );
    assert_eq!(
        remote_loads_in_css("@import 'https://fonts.example/css';").len(),
        1
    );
    assert_eq!(
        remote_loads_in_script("img.src = \"https://x/y.png\"; fetch('https://x')").len(),
        2
    );
    assert!(remote_loads_in_script("var a = document.querySelector('a[href]');").is_empty());
    // Server routing.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("é t")).unwrap();
    std::fs::write(dir.path().join("é t/index.html"), "x").unwrap();
    assert!(matches!(
        route(dir.path(), "/sous/chemin/%C3%A9%20t/"),
        Reply::File(_)
    ));
    assert!(matches!(
        route(dir.path(), "/sous/chemin/%C3%A9%20t"),
        Reply::Redirect(_)
    ));
    assert!(matches!(
        route(dir.path(), "/sous/chemin/%C3%A9%20t/../%C3%A9%20t/"),
        Reply::NotFound
    ));
    assert!(matches!(route(dir.path(), "/%C3%A9%20t/"), Reply::NotFound));
    assert!(matches!(
        route(dir.path(), "/sous/chemin/nope/"),
        Reply::NotFound
    ));
}
