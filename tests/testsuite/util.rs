//! Helpers shared by the integration tests.

#![allow(dead_code)]

use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub(crate) const BIN: &str = env!("CARGO_BIN_EXE_playbook");

/// The repository root (where the bundled example lives).
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder.
pub(crate) struct Site {
    pub dir: tempfile::TempDir,
}

/// The result of running the binary.
#[derive(Debug)]
pub(crate) struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Site {
    pub(crate) fn new() -> Site {
        Site {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    /// A copy of the bundled example playbook.
    pub(crate) fn example() -> Site {
        let s = Site::new();
        copy_dir(&repo_root().join("content"), &s.path().join("content"));
        let cfg = repo_root().join("playbook.toml");
        if cfg.exists() {
            std::fs::copy(cfg, s.path().join("playbook.toml")).unwrap();
        }
        s
    }

    pub(crate) fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (parents created).
    pub(crate) fn file(&self, rel: &str, text: impl AsRef<[u8]>) -> &Site {
        let p = self.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Removes a file.
    pub(crate) fn remove(&self, rel: &str) -> &Site {
        std::fs::remove_file(self.path().join(rel)).unwrap();
        self
    }

    pub(crate) fn run(&self, args: &[&str]) -> Output {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(self.path())
            .output()
            .expect("run playbook");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `playbook build` plus `args`, in the site folder.
    pub(crate) fn build(&self, args: &[&str]) -> Output {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        self.run(&all)
    }

    /// Builds and panics with the messages unless it succeeds.
    pub(crate) fn build_ok(&self, args: &[&str]) -> Output {
        let o = self.build(args);
        assert_eq!(o.code, 0, "build failed:\n{}", o.stderr);
        o
    }

    pub(crate) fn read(&self, rel: &str) -> String {
        let p = self.path().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
    }

    pub(crate) fn exists(&self, rel: &str) -> bool {
        self.path().join(rel).exists()
    }
}

pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// The paths that differ between two snapshots (at most 10 shown).
pub(crate) fn diff(want: &BTreeMap<String, Vec<u8>>, got: &BTreeMap<String, Vec<u8>>) -> String {
    let mut lines = vec![];
    for (k, v) in want {
        match got.get(k) {
            None => lines.push(format!("  missing  {k}")),
            Some(g) if g != v => {
                lines.push(format!("  changed  {k} ({} → {} bytes)", v.len(), g.len()));
            }
            Some(_) => {}
        }
    }
    lines.extend(
        got.keys()
            .filter(|k| !want.contains_key(*k))
            .map(|k| format!("  extra    {k}")),
    );
    let n = lines.len();
    lines.truncate(10);
    if n > 10 {
        lines.push(format!("  … {} more", n - 10));
    }
    lines.join("\n")
}

/// The site built from scratch into a fresh folder.
pub(crate) fn clean_build(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    site.build_ok(&["--out", target.to_str().unwrap()]);
    tree_snapshot(&target)
}

/// The spare beside `out` (see `output::Staging`).
pub(crate) fn spare_of(out: &Path) -> PathBuf {
    out.parent()
        .unwrap()
        .join(".playbook-spare")
        .join(out.file_name().unwrap())
}

/// Checks that the spare beside `out`, if any, is hollow: nothing but folders
/// and hard links to the files of `out` at the same path (no old content, no
/// manifest, no link); returns how many files it holds.
pub(crate) fn assert_spare_hollow(out: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let spare = spare_of(out);
    if !spare.exists() {
        return 0;
    }
    let mut files = 0;
    for e in walkdir::WalkDir::new(&spare).follow_links(false) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(&spare).unwrap();
        let ft = e.file_type();
        if ft.is_dir() {
            continue;
        }
        assert!(ft.is_file(), "{} in the spare is not a file", rel.display());
        let live = std::fs::symlink_metadata(out.join(rel))
            .unwrap_or_else(|_| panic!("{} is in the spare but not in the output", rel.display()));
        let m = e.metadata().unwrap();
        assert_eq!(
            (m.dev(), m.ino()),
            (live.dev(), live.ino()),
            "{} in the spare is not the output's file",
            rel.display()
        );
        files += 1;
    }
    files
}

/// What playbook left in `dir` beside the output besides a hollow spare:
/// staging folders and the like (names with `playbook-`).
pub(crate) fn leftovers_beside(out: &Path) -> Vec<String> {
    assert_spare_hollow(out);
    let dir = out.parent().unwrap();
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("playbook-"))
        .filter(|n| n != ".playbook-spare")
        .collect();
    v.sort();
    v
}

/// Every file under `dir` with its bytes (symlinks as their target path).
pub(crate) fn tree_snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut m = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if e.file_type().is_file() {
            m.insert(rel, std::fs::read(e.path()).unwrap());
        } else if e.file_type().is_symlink() {
            m.insert(
                rel,
                std::fs::read_link(e.path())
                    .unwrap()
                    .to_string_lossy()
                    .as_bytes()
                    .to_vec(),
            );
        } else {
            m.insert(format!("{rel}/"), vec![]);
        }
    }
    m
}

/// The `<main>` element of a page, to assert on content without the chrome.
pub(crate) fn main_of(html: &str) -> &str {
    let start = html.find("<main").expect("the page has a <main>");
    let end = html.rfind("</main>").expect("the page has a </main>") + 7;
    &html[start..end]
}

/// A raw HTTP/1.0 exchange with a server on 127.0.0.1: the request target is
/// sent exactly as given (no normalisation), so hostile paths reach the server.
pub(crate) fn http(port: u16, method: &str, target: &str) -> (u16, String, Vec<u8>) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut req = format!("{method} ").into_bytes();
    req.extend_from_slice(target.as_bytes());
    req.extend_from_slice(b" HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    s.write_all(&req).unwrap();
    let mut raw = vec![];
    let _ = s.read_to_end(&mut raw);
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(raw.len(), |i| i + 4);
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head, raw[split..].to_vec())
}

/// A free TCP port on 127.0.0.1.
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A running `playbook serve`, killed when dropped.
pub(crate) struct Served {
    pub child: std::process::Child,
    pub port: u16,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Site {
    /// Starts `playbook serve` on a free port and waits until it answers.
    pub(crate) fn serve(&self) -> Served {
        let port = free_port();
        let child = Command::new(BIN)
            .args(["serve", "--port", &port.to_string()])
            .current_dir(self.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start serve");
        let served = Served { child, port };
        let start = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed().as_secs() < 60, "serve did not start");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        // The first build happens before the socket is served; wait for a page.
        while http(port, "GET", "/").0 != 200 {
            assert!(start.elapsed().as_secs() < 60, "serve did not build");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        served
    }
}

/// A Server-Sent Events connection; `next_event` waits for one event.
pub(crate) struct Events {
    reader: std::io::BufReader<std::net::TcpStream>,
}

impl Events {
    pub(crate) fn connect(port: u16) -> Events {
        use std::io::{BufRead, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        s.set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        s.write_all(b"GET /__playbook/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            .unwrap();
        let mut reader = std::io::BufReader::new(s);
        // Skip the response head.
        let mut line = String::new();
        loop {
            line.clear();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" || line.is_empty() {
                break;
            }
        }
        Events { reader }
    }

    /// The next event name if one arrives within `wait`.
    pub(crate) fn event_within(&mut self, wait: std::time::Duration) -> Option<String> {
        use std::io::BufRead;
        self.reader.get_ref().set_read_timeout(Some(wait)).unwrap();
        let start = std::time::Instant::now();
        let mut line = String::new();
        let found = loop {
            line.clear();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("event stream closed"),
                Ok(_) => {
                    if let Some(e) = line.strip_prefix("event: ") {
                        break Some(e.trim().to_string());
                    }
                    if start.elapsed() > wait {
                        break None;
                    }
                }
                Err(_) => break None,
            }
        };
        self.reader
            .get_ref()
            .set_read_timeout(Some(std::time::Duration::from_secs(30)))
            .unwrap();
        found
    }

    /// The next `event:` name (pings and `retry:` are skipped). Panics when
    /// none comes within 60 s: pings keep the stream alive, so the read
    /// timeout alone would wait forever for a change the server missed.
    pub(crate) fn next_event(&mut self) -> String {
        use std::io::BufRead;
        let start = std::time::Instant::now();
        let mut line = String::new();
        loop {
            assert!(
                start.elapsed() < std::time::Duration::from_secs(60),
                "no event within 60 s (only pings)"
            );
            line.clear();
            let n = self
                .reader
                .read_line(&mut line)
                .expect("an event within 30 s");
            assert!(n > 0, "event stream closed");
            if let Some(e) = line.strip_prefix("event: ") {
                return e.trim().to_string();
            }
        }
    }
}

/// A site in a git repository in a temporary folder, isolated from the
/// user's and the system's git configuration. Author and committer dates go
/// up one hour per commit from `start` (Unix seconds), in time zone `tz`.
pub(crate) struct Repo {
    pub site: Site,
    clock: Cell<i64>,
    tz: &'static str,
}

impl Repo {
    pub(crate) fn new(start: i64, tz: &'static str) -> Repo {
        let r = Repo {
            site: Site::new(),
            clock: Cell::new(start),
            tz,
        };
        r.git(&["init", "-q", "-b", "main"]);
        r
    }

    pub(crate) fn path(&self) -> &Path {
        self.site.path()
    }

    /// A `--depth 1` clone of this repository, in `clone/` of a new site
    /// (returned so that it lives as long as the clone is used).
    pub(crate) fn shallow_clone(&self) -> (Site, PathBuf) {
        let site = Site::new();
        let url = format!("file://{}", self.path().display());
        let dest = site.path().join("clone");
        let dest_arg = dest.to_str().expect("a UTF-8 temporary path");
        git_in(
            site.path(),
            &["clone", "-q", "--depth", "1", &url, dest_arg],
            &[],
        );
        (site, dest)
    }

    pub(crate) fn file(&self, rel: &str, text: &str) -> &Repo {
        self.site.file(rel, text);
        self
    }

    pub(crate) fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args, &[])
    }

    /// `git add -A` and a commit by `who` (`Name <email>`).
    pub(crate) fn commit(&self, who: &str, message: &str) {
        self.git(&["add", "-A"]);
        self.commit_as(
            who,
            &["commit", "-q", "--allow-empty-message", "-m", message],
        );
    }

    /// Runs `git args` (a commit, a merge…) as `who` (`Name <email>`), at
    /// the next date.
    pub(crate) fn commit_as(&self, who: &str, args: &[&str]) {
        let (name, email) = who.split_once(" <").expect("Name <email>");
        let email = email.trim_end_matches('>');
        let t = self.clock.get() + 3600;
        self.clock.set(t);
        let date = format!("@{t} {}", self.tz);
        git_in(
            self.path(),
            args,
            &[
                ("GIT_AUTHOR_NAME", name),
                ("GIT_AUTHOR_EMAIL", email),
                ("GIT_COMMITTER_NAME", name),
                ("GIT_COMMITTER_EMAIL", email),
                ("GIT_AUTHOR_DATE", &date),
                ("GIT_COMMITTER_DATE", &date),
            ],
        );
    }
}

/// Runs git in `dir` without the user's or the system's configuration;
/// panics when it fails. Returns its standard output.
pub(crate) fn git_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> String {
    let out = git_cmd(dir, args, env).output().expect("run git");
    assert!(
        out.status.success(),
        "git {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `git` command of [`git_in`], to run another way (with a stdin…).
pub(crate) fn git_cmd(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .args(["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_SYSTEM", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.invalid")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.invalid");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Every `href` and `src` of the HTML files under `public` that points
/// inside the site (no scheme, not `//host`, not a bare `#fragment`) and
/// leads to no file, as `page: url`.
pub(crate) fn broken_internal_urls(public: &Path) -> Vec<String> {
    let mut broken = vec![];
    for e in walkdir::WalkDir::new(public) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let dir = e.path().parent().unwrap();
        for attr in [" href=\"", " src=\""] {
            for part in html.split(attr).skip(1) {
                let url = &part[..part.find('"').unwrap_or(part.len())];
                let url = url.replace("&amp;", "&");
                let scheme = url.split_once(':').is_some_and(|(s, _)| {
                    !s.is_empty()
                        && s.chars()
                            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
                });
                if url.is_empty() || url.starts_with('#') || url.starts_with("//") || scheme {
                    continue;
                }
                let path = url.split(['#', '?']).next().unwrap_or("");
                if path.is_empty() {
                    continue;
                }
                let decoded = percent_encoding::percent_decode_str(path)
                    .decode_utf8_lossy()
                    .into_owned();
                // Root-relative addresses (the 404 page's) start at the
                // site's root: these fixtures have no base_url path.
                let mut target = match decoded.strip_prefix('/') {
                    Some(rooted) => public.join(rooted),
                    None => dir.join(&decoded),
                };
                if target.is_dir() {
                    target = target.join("index.html");
                }
                if !target.exists() {
                    broken.push(format!(
                        "{}: {url}",
                        e.path().strip_prefix(public).unwrap().display()
                    ));
                }
            }
        }
    }
    broken.sort();
    broken.dedup();
    broken
}

/// The `markers` a reader sees in the `<main>` of the HTML pages under
/// `public` (code left out, see [`visible_text`]), each as `page: marker in
/// text`; and how many pages were read.
pub(crate) fn markers_shown(public: &Path, markers: &[&str]) -> (Vec<String>, usize) {
    let (mut shown, mut pages) = (vec![], 0);
    for e in walkdir::WalkDir::new(public) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(e.path()).unwrap();
            let text = visible_text(main_of(&html));
            for marker in markers.iter().filter(|m| text.contains(**m)) {
                shown.push(format!("{}: `{marker}` in {text}", e.path().display()));
            }
            pages += 1;
        }
    }
    (shown, pages)
}

/// The text a reader sees in some HTML: tags dropped, and what is inside
/// `<pre>` and `<code>` left out (markup quoted in code is fine).
pub(crate) fn visible_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        text.push_str(&rest[..i]);
        rest = &rest[i..];
        for (open, close) in [("<pre", "</pre>"), ("<code", "</code>")] {
            if rest.starts_with(open) {
                rest = &rest[rest.find(close).map_or(rest.len(), |e| e + close.len())..];
            }
        }
        match rest.find('>') {
            Some(e) if rest.starts_with('<') => rest = &rest[e + 1..],
            _ => {}
        }
    }
    text.push_str(rest);
    text
}

/// `assets/style.1a2b3c4d5e.css` → `assets/style.css`: the plain name of a
/// theme file `playbook build` fingerprinted (`serve` links plain names),
/// `None` for any other file.
pub(crate) fn plain_asset_name(rel: &str) -> Option<String> {
    let inner = rel.strip_prefix("assets/")?;
    let (dir, file) = inner.rsplit_once('/').unwrap_or(("", inner));
    let parts: Vec<&str> = file.split('.').collect();
    let hash_at = match parts.len() {
        0 | 1 => return None,
        2 => 1,
        n => n - 2,
    };
    let hash = parts[hash_at];
    if hash.len() != 10 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let mut kept = parts.clone();
    kept.remove(hash_at);
    let dir = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    Some(format!("assets/{dir}{}", kept.join(".")))
}
