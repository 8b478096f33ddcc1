//! The web-server configurations of `docs/publier.md`, taken from that file
//! (the blocks after `<!-- test: … -->`, so the document and the tests
//! cannot drift apart): nginx and Apache serve the example site under
//! `/intranet/playbook/` and at the root; every file written
//! and every link of every page answers 200 with the right `Content-Type`
//! and `Cache-Control`; a missing page three folders deep gets the styled
//! 404 page, whose links all answer; a folder gets no listing; a hidden
//! file (`.playbook-manifest`) is never served, a hidden folder's file
//! (`.gitbook/assets/`, which a GitBook import publishes) is.
//! nginx and apache2 are installed by `scripts/test.sh` when missing: these
//! tests fail, never skip, without them.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use crate::util::{BIN, copy_dir, repo_root};

const LONG: &str = "public, max-age=31536000, immutable";
const SHORT: &str = "no-cache";

/// The configuration block following `<!-- test: name -->` in docs/publier.md.
fn documented(name: &str) -> String {
    let doc = std::fs::read_to_string(repo_root().join("docs/publier.md")).unwrap();
    let marker = format!("<!-- test: {name} -->\n");
    let at = doc
        .find(&marker)
        .unwrap_or_else(|| panic!("docs/publier.md has no {marker}"));
    let rest = &doc[at + marker.len()..];
    let body = rest.split_once('\n').expect("a fenced block").1;
    body.split_once("\n```")
        .expect("the block ends")
        .0
        .to_string()
        + "\n"
}

/// A server process, stopped when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for(port: u16, server: &mut Server, log: &Path) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = server.0.try_wait() {
            panic!(
                "the server stopped ({status}): {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// An HTTP/1.1 response: status, headers (lowercase names), body.
struct Response {
    status: u16,
    headers: BTreeMap<String, String>,
    body: Vec<u8>,
}

fn get(port: u16, path: &str) -> Response {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: intranet.mairie.example\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = vec![];
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("headers end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers: BTreeMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = raw[split + 4..].to_vec();
    if headers
        .get("transfer-encoding")
        .is_some_and(|t| t == "chunked")
    {
        body = dechunk(&body);
    }
    Response {
        status,
        headers,
        body,
    }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = vec![];
    loop {
        let eol = b.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&b[..eol]).unwrap().trim(), 16).unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[eol + 4 + size..];
    }
}

/// The example site built for `base_url`, copied to `www/<sub>` as rsync would.
fn publish(tmp: &Path, base_url: &str, sub: &str) -> PathBuf {
    let site = tmp.join(format!("site{}", sub.replace('/', "-")));
    copy_dir(&repo_root().join("content"), &site.join("content"));
    std::fs::copy(
        repo_root().join("playbook.toml"),
        site.join("playbook.toml"),
    )
    .unwrap();
    let out = Command::new(BIN)
        .args(["build", "--base-url", base_url])
        .current_dir(&site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let www = tmp.join("www").join(sub);
    copy_dir(&site.join("public"), &www);
    www
}

fn files_under(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    v.sort();
    v
}

/// What a file must be served as, and how long it may be kept.
fn expected(rel: &str) -> (&'static str, &'static str) {
    let name = rel.rsplit('/').next().unwrap();
    let ext = name.rsplit('.').next().unwrap();
    let fingerprinted = rel.starts_with("assets/")
        && name
            .split('.')
            .rev()
            .nth(1)
            .is_some_and(|h| h.len() == 10 && h.bytes().all(|b| b.is_ascii_hexdigit()));
    let cache = if fingerprinted { LONG } else { SHORT };
    let ty = match (name, ext) {
        ("atom.xml", _) => "application/atom+xml; charset=utf-8",
        (_, "html") => "text/html; charset=utf-8",
        (_, "css") => "text/css; charset=utf-8",
        (_, "js") => "application/javascript; charset=utf-8",
        (_, "svg") => "image/svg+xml; charset=utf-8",
        (_, "xml") => "application/xml; charset=utf-8",
        (_, "ics") => "text/calendar; charset=utf-8",
        (_, "md") => "text/markdown; charset=utf-8",
        (_, "txt") => "text/plain; charset=utf-8",
        _ => panic!("playbook wrote {rel}: add its type to docs/publier.md and to this test"),
    };
    (ty, cache)
}

/// The `href` and `src` values of a page.
fn links(html: &str) -> Vec<String> {
    let mut v = vec![];
    for attr in [" href=\"", " src=\""] {
        for part in html.split(attr).skip(1) {
            let value = part.split('"').next().unwrap();
            v.push(value.replace("&amp;", "&"));
        }
    }
    v
}

/// Serves `www` at `prefix` (`/intranet/playbook/` or `/`) on `port` and checks
/// everything the issue names; returns how many addresses answered.
fn check_served(port: u16, prefix: &str, www: &Path, server: &str) -> usize {
    let base = url::Url::parse(&format!("http://intranet.mairie.example{prefix}")).unwrap();
    let mut seen = BTreeSet::new();
    // Every file of the site playbook wrote (not its own `.playbook-manifest`):
    // 200, its type, its cache.
    for rel in files_under(www).into_iter().filter(|r| !r.starts_with('.')) {
        let path = format!("{prefix}{rel}");
        let r = get(port, &path);
        assert_eq!(r.status, 200, "{server}: {path}");
        let (ty, cache) = expected(&rel);
        assert_eq!(
            r.headers.get("content-type").map(String::as_str),
            Some(ty),
            "{server}: {path}"
        );
        assert_eq!(
            r.headers.get("cache-control").map(String::as_str),
            Some(cache),
            "{server}: {path}"
        );
        assert_eq!(
            r.body,
            std::fs::read(www.join(&rel)).unwrap(),
            "{server}: {path}"
        );
        seen.insert(path);
    }
    // Every link of every page, as a browser resolves it.
    let mut pages = vec![base.clone()];
    let mut crawled = BTreeSet::new();
    while let Some(page) = pages.pop() {
        if !crawled.insert(page.path().to_string()) {
            continue;
        }
        let r = get(port, page.path());
        assert_eq!(r.status, 200, "{server}: {page}");
        let html = String::from_utf8_lossy(&r.body).into_owned();
        if !r.headers["content-type"].starts_with("text/html") {
            continue;
        }
        for l in links(&html) {
            let u = page.join(&l).unwrap();
            if u.origin() != base.origin() || !u.path().starts_with(prefix) {
                continue;
            }
            let mut u = u;
            u.set_fragment(None);
            u.set_query(None);
            pages.push(u);
        }
    }
    assert!(crawled.len() > 40, "{server}: crawled {}", crawled.len());
    // A missing page three folders deep: the styled 404 page, whose links all answer.
    let missing = format!("{prefix}pas/de/page/");
    let r = get(port, &missing);
    assert_eq!(r.status, 404, "{server}");
    assert_eq!(
        r.headers["content-type"], "text/html; charset=utf-8",
        "{server}"
    );
    assert_eq!(
        r.body,
        std::fs::read(www.join("404.html")).unwrap(),
        "{server}: the 404 page"
    );
    let html = String::from_utf8(r.body).unwrap();
    let from = base.join("pas/de/page/").unwrap();
    let found: Vec<String> = links(&html)
        .into_iter()
        .filter(|l| !l.starts_with('#'))
        .collect();
    assert!(
        found.iter().any(|l| l.contains("assets/style.")),
        "{server}: the 404 page is styled"
    );
    for l in &found {
        let u = from.join(l).unwrap();
        if u.origin() == base.origin() {
            let r = get(port, u.path());
            assert_eq!(r.status, 200, "{server}: the 404 page's link {l}");
        }
    }
    // No listing of a folder.
    let r = get(port, &format!("{prefix}assets/"));
    assert!(matches!(r.status, 403 | 404), "{server}: {}", r.status);
    assert!(
        !String::from_utf8_lossy(&r.body).contains("style.css"),
        "{server}: a listing"
    );
    // No hidden file: the manifest stays on the server.
    let manifest = std::fs::read(www.join(".playbook-manifest")).unwrap();
    let r = get(port, &format!("{prefix}.playbook-manifest"));
    assert!(matches!(r.status, 403 | 404), "{server}: {}", r.status);
    assert!(
        !r.body.windows(manifest.len()).any(|w| w == manifest),
        "{server}: the manifest was served"
    );
    // A hidden folder's file, as a GitBook import publishes it, is served.
    let hidden = www.join(".gitbook/assets");
    std::fs::create_dir_all(&hidden).unwrap();
    std::fs::write(
        hidden.join("plan.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    let r = get(port, &format!("{prefix}.gitbook/assets/plan.svg"));
    assert_eq!(r.status, 200, "{server}: a hidden folder's file");
    assert_eq!(r.headers["content-type"], "image/svg+xml; charset=utf-8");
    seen.len() + crawled.len()
}

/// nginx with the documented `server` block, in a minimal main configuration.
fn nginx(tmp: &Path, block: &str, port: u16) -> Server {
    let block = block
        .replace("/var/www", &tmp.join("www").display().to_string())
        .replace("listen 80;", &format!("listen 127.0.0.1:{port};"));
    let t = tmp.display();
    let conf = format!(
        "daemon off;\nmaster_process off;\npid {t}/nginx.pid;\nerror_log {t}/nginx-error.log;\n\
         events {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n\
         client_body_temp_path {t}/body;\n  proxy_temp_path {t}/proxy;\n  fastcgi_temp_path {t}/fastcgi;\n\
         uwsgi_temp_path {t}/uwsgi;\n  scgi_temp_path {t}/scgi;\n{block}}}\n"
    );
    std::fs::write(tmp.join("nginx.conf"), conf).unwrap();
    let child = Command::new("/usr/sbin/nginx")
        .arg("-c")
        .arg(tmp.join("nginx.conf"))
        .arg("-p")
        .arg(tmp)
        .arg("-e")
        .arg(tmp.join("nginx-error.log"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("nginx is installed (scripts/test.sh installs it)");
    let mut s = Server(child);
    wait_for(port, &mut s, &tmp.join("nginx-error.log"));
    s
}

fn served_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    // The servers' workers may run as another user.
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    tmp
}

#[test]
fn nginx_serves_the_site_under_a_sub_path() {
    let tmp = served_dir();
    let www = publish(
        tmp.path(),
        "https://intranet.mairie.example/intranet/playbook/",
        "intranet/playbook",
    );
    let port = free_port();
    let _s = nginx(tmp.path(), &documented("nginx-sous-chemin"), port);
    check_served(port, "/intranet/playbook/", &www, "nginx");
}

#[test]
fn nginx_serves_the_site_at_the_root() {
    let tmp = served_dir();
    let www = publish(
        tmp.path(),
        "https://playbook.mairie.example/",
        "intranet/playbook",
    );
    let port = free_port();
    let _s = nginx(tmp.path(), &documented("nginx-racine"), port);
    check_served(port, "/", &www, "nginx");
}

/// Apache (one process) with the documented block in a minimal main
/// configuration; `*:80` becomes the test's address.
fn apache(tmp: &Path, block: &str, port: u16) -> Server {
    let t = tmp.display();
    let block = block
        .replace("/var/www", &tmp.join("www").display().to_string())
        .replace(
            "<VirtualHost *:80>",
            &format!("<VirtualHost 127.0.0.1:{port}>"),
        );
    let mut conf = format!(
        "ServerName localhost\nListen 127.0.0.1:{port}\nPidFile {t}/apache.pid\nErrorLog {t}/apache-error.log\n\
         Mutex file:{t}\nDefaultRuntimeDir {t}\nDocumentRoot {t}/www\nTypesConfig /etc/mime.types\n"
    );
    let modules = "/usr/lib/apache2/modules";
    for m in ["mpm_event", "authz_core", "alias", "dir", "mime", "headers"] {
        conf.push_str(&format!("LoadModule {m}_module {modules}/mod_{m}.so\n"));
    }
    conf.push_str(&block);
    std::fs::write(tmp.join("apache.conf"), conf).unwrap();
    let child = Command::new("/usr/sbin/apache2")
        // One process (-X): stopping it stops the server.
        .args(["-X", "-f"])
        .arg(tmp.join("apache.conf"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("apache2 is installed (scripts/test.sh installs it)");
    let mut s = Server(child);
    wait_for(port, &mut s, &tmp.join("apache-error.log"));
    s
}

#[test]
fn apache_serves_the_site_under_a_sub_path() {
    let tmp = served_dir();
    let www = publish(
        tmp.path(),
        "https://intranet.mairie.example/intranet/playbook/",
        "intranet/playbook",
    );
    let port = free_port();
    let _s = apache(tmp.path(), &documented("apache-sous-chemin"), port);
    check_served(port, "/intranet/playbook/", &www, "apache");
}

#[test]
fn apache_serves_the_site_at_the_root() {
    let tmp = served_dir();
    let www = publish(
        tmp.path(),
        "https://playbook.mairie.example/",
        "intranet/playbook",
    );
    let port = free_port();
    let _s = apache(tmp.path(), &documented("apache-racine"), port);
    check_served(port, "/", &www, "apache");
}
