//! `playbook serve`: builds the site into memory, serves it on 127.0.0.1,
//! watches the sources and pushes a reload to the browser after each rebuild.
//!
//! Invariants: nothing is written to disk (the output folder is never
//! touched); a failed rebuild keeps serving the last good site, with the
//! error shown in an overlay; only files of the site are ever served.

use std::collections::HashMap;
use std::io::Write;
use std::net::{SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tiny_http::{Header, Method, Request, Response, Server};

use crate::diagnostic::Failure;
use crate::messages::Lang;
use crate::messages::msg;
use crate::output::Entry;
use crate::text::escape_html;

pub mod path;
mod quick;
pub mod rebuild;
mod title;
pub mod watch;

#[cfg(test)]
mod tests;

pub use rebuild::Builder;

/// The URL of the Server-Sent Events stream the pages listen to.
pub const EVENTS: &str = "/__playbook/events";

/// What is being served.
#[derive(Debug, Default)]
pub struct Served {
    pub files: HashMap<String, Entry>,
    /// The last rebuild's error, shown as an overlay on every page.
    pub error: Option<String>,
    /// The site's language, for the overlay's heading.
    pub lang: Lang,
    /// While pages are left out of the site (`rebuild::Outcome::notice`),
    /// the files they had: the page just broken stays readable under the
    /// overlay, as after a failed rebuild. Never part of `files`.
    pub kept: HashMap<String, Entry>,
    pub generation: u64,
}

/// State shared by the request threads and the rebuild loop.
#[derive(Default)]
pub struct Shared {
    pub site: RwLock<Served>,
    clients: Mutex<Vec<Box<dyn Write + Send>>>,
}

impl Shared {
    /// Sends an event to every connected page; forgets the ones that left.
    pub fn broadcast(&self, event: &str, data: &str) {
        let msg = format!("event: {event}\ndata: {data}\n\n");
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain_mut(|w| w.write_all(msg.as_bytes()).and_then(|()| w.flush()).is_ok());
        }
    }

    pub fn client_count(&self) -> usize {
        self.clients.lock().map_or(0, |c| c.len())
    }
}

/// Options of `playbook serve`.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    /// `None`: 1111, or the next free port.
    pub port: Option<u16>,
    pub drafts: bool,
}

/// Binds the listening socket: the asked port, or the first free one from 1111.
pub fn bind(bind: &str, port: Option<u16>) -> Result<Server> {
    let try_port = |p: u16| -> Option<Server> {
        // A std listener: its error is typed (tiny_http's is not).
        let addr: SocketAddr = format!("{bind}:{p}").parse().ok()?;
        let listener = TcpListener::bind(addr).ok()?;
        // Accepted sockets inherit TCP_NODELAY (Linux): without it, every
        // response after the first on a keep-alive connection waits 40 ms
        // for the client's delayed ACK (Nagle).
        let _ = rustix::net::sockopt::set_tcp_nodelay(&listener, true);
        Server::from_listener(listener, None).ok()
    };
    if format!("{bind}:1").parse::<SocketAddr>().is_err() {
        return Err(Failure(msg!("serve-bad-address", bind = bind)).into());
    }
    match port {
        Some(p) => {
            try_port(p).with_context(|| Failure(msg!("serve-port-taken", port = p, bind = bind)))
        }
        None => (1111..1211)
            .find_map(try_port)
            .with_context(|| Failure(msg!("serve-no-free-port"))),
    }
}

/// Runs the server until Ctrl-C.
pub fn serve(opts: &ServeOptions) -> Result<()> {
    let server = Arc::new(bind(&opts.bind, opts.port)?);
    let addr = server
        .server_addr()
        .to_ip()
        .with_context(|| Failure(msg!("serve-not-ip")))?;
    let shared = Arc::new(Shared::default());
    let root = absolute_root(&opts.root);
    if !root.join("content").is_dir() {
        return Err(crate::diagnostic::UsageError(crate::messages::msg!(
            "no-content",
            root = opts.root.display()
        ))
        .into());
    }
    // Watch before the first build: an edit made while it runs is not lost.
    let mut watcher = watch::start(&root).with_context(|| Failure(msg!("serve-cannot-watch")))?;
    let mut builder = Builder::new(&root, opts.drafts);
    // The page whose title was edited is shown (and reloaded) before the
    // pages linking to it are rendered; `install` puts in the rest.
    builder.early = Some({
        let shared = shared.clone();
        Arc::new(move |files: &[(String, Arc<Vec<u8>>)]| {
            if let Ok(mut site) = shared.site.write() {
                for (rel, html) in files {
                    site.files.insert(rel.clone(), Entry::Bytes(html.clone()));
                }
                site.generation += 1;
            }
            let pages: Vec<String> = files.iter().map(|(rel, _)| address(rel)).collect();
            shared.broadcast("page", &pages.join(" "));
        })
    });
    let started = Instant::now();
    let first = builder.full();
    let lang = builder.lang();
    install(&shared, first, started, true, lang);
    eprintln!(
        "{}",
        msg!(
            "serve-serving",
            root = opts.root.display(),
            address = format!("http://{addr}/")
        )
        .render(lang)
    );

    // Ctrl-C: stop accepting, let the process end normally.
    {
        let server = server.clone();
        let stopped = msg!("serve-stopped").render(lang);
        ctrlc::set_handler(move || {
            eprintln!("\n{stopped}");
            server.unblock();
            std::process::exit(0);
        })
        .with_context(|| Failure(msg!("serve-ctrlc")))?;
    }
    // Request threads.
    for _ in 0..8 {
        let server = server.clone();
        let shared = shared.clone();
        std::thread::spawn(move || {
            while let Ok(req) = server.recv() {
                handle(req, &shared);
            }
        });
    }
    // Keep-alive comments, so proxies and browsers keep the stream open.
    {
        let shared = shared.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(Duration::from_secs(15));
                if let Ok(mut clients) = shared.clients.lock() {
                    clients.retain_mut(|w| {
                        w.write_all(b": ping\n\n").and_then(|()| w.flush()).is_ok()
                    });
                }
            }
        });
    }
    // Rebuild on this thread.
    let stirring = watcher.stirring.clone();
    loop {
        // The search index follows the pages when no edit is waiting, and
        // gives up as soon as one comes in (it is built after that one).
        let batch = if builder.search_due() {
            match watcher.events.try_recv() {
                Ok(b) => b,
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    let files = builder.finish(&|| !stirring.load(Ordering::SeqCst));
                    if let Some(files) = files
                        && let Ok(mut site) = shared.site.write()
                    {
                        site.files = files;
                        site.generation += 1;
                        continue;
                    }
                    // Given up: an edit is coming.
                    match watcher.events.recv() {
                        Ok(b) => b,
                        Err(_) => break,
                    }
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => break,
            }
        // While the git state may lag behind (an edit's credits are
        // inferred), wait for a quiet moment to read it.
        } else if builder.unsettled() {
            match watcher.events.recv_timeout(GIT_QUIET) {
                Ok(b) => b,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    let started = Instant::now();
                    if let Some(result) = builder.settle() {
                        install(&shared, result, started, false, builder.lang());
                    }
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match watcher.events.recv() {
                Ok(b) => b,
                Err(_) => break,
            }
        };
        stirring.store(false, Ordering::SeqCst);
        let mut batch = batch;
        // Batches that queued up during the last rebuild: one rebuild.
        while let Ok(more) = watcher.events.try_recv() {
            batch.extend(more);
        }
        batch.sort();
        batch.dedup();
        let started = Instant::now();
        if let Err(e) = watcher.refresh() {
            eprintln!(
                "{}",
                msg!("serve-watch-new-folder", reason = e.to_string()).render(builder.lang())
            );
        }
        let kind = watch::classify(&root, &batch);
        if kind == watch::Change::Nothing {
            continue;
        }
        let result = builder.apply_pages(&batch, kind);
        eprintln!(
            "{}",
            msg!(
                "serve-changed",
                paths = batch.len(),
                parsed = builder.parsed_last,
                rendered = builder.rendered_last,
                reused = builder.reused_last
            )
            .render(builder.lang())
        );
        // The pages first: the browser reloads as soon as they are in
        // place; the search index follows (at the top of the loop).
        install(&shared, result, started, false, builder.lang());
    }
    Ok(())
}

/// How long the sources stay untouched before `serve` reads `git status`
/// (and HEAD) again, when an edit's credits were inferred.
const GIT_QUIET: Duration = Duration::from_millis(700);

/// Puts a rebuild's result in place and tells the pages.
fn install(shared: &Shared, result: rebuild::Outcome, started: Instant, first: bool, lang: Lang) {
    let ms = started.elapsed().as_millis();
    let css_only = result.css_only;
    {
        let Ok(mut site) = shared.site.write() else {
            return;
        };
        match result.files {
            Ok(files) => {
                if result.notice.is_some() {
                    let old = std::mem::take(&mut site.files);
                    let kept: HashMap<String, Entry> = old
                        .into_iter()
                        .filter(|(k, _)| k.ends_with(".html") && !files.contains_key(k))
                        .collect();
                    site.kept.extend(kept);
                } else {
                    site.kept.clear();
                }
                site.files = files;
                site.error = result.notice;
                eprintln!(
                    "{}",
                    msg!(
                        "serve-built",
                        first = if first { "yes" } else { "no" },
                        files = site.files.len(),
                        ms = u64::try_from(ms).unwrap_or(u64::MAX)
                    )
                    .render(lang)
                );
            }
            Err(message) => {
                eprintln!("{message}\n{}", msg!("serve-still-online").render(lang));
                site.error = Some(message);
            }
        }
        site.lang = lang;
        site.generation += 1;
    }
    if !first {
        // The pages shown early keep their bytes: they reload no more.
        let data = std::iter::once(ms.to_string())
            .chain(result.early.iter().map(|rel| address(rel)))
            .collect::<Vec<_>>()
            .join(" ");
        shared.broadcast(if css_only { "css" } else { "reload" }, &data);
    }
}

/// The address a page's output file `rel` (`guide/etape/index.html`) is
/// served at (`/guide/etape/`), as the reload script compares it.
fn address(rel: &str) -> String {
    format!("/{}", rel.strip_suffix("index.html").unwrap_or(rel))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Invalid"[..], &b"1"[..]).expect("static header")
    })
}

fn content_type(key: &str) -> String {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    if mime.type_() == "text"
        || mime.subtype() == "javascript"
        || mime.subtype() == "xml"
        || mime.subtype() == "json"
    {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

/// Answers one request.
pub fn handle(req: Request, shared: &Shared) {
    if req.url().split('?').next() == Some(EVENTS) {
        return subscribe(req, shared);
    }
    if !matches!(req.method(), Method::Get | Method::Head) {
        let _ = req.respond(
            Response::from_string("method not allowed")
                .with_status_code(405)
                .with_header(header("Allow", "GET, HEAD")),
        );
        return;
    }
    let (status, key, body, redirect) = {
        let Ok(site) = shared.site.read() else { return };
        let mapped = path::map(req.url(), |k| {
            let index = format!("{k}/index.html");
            site.files.contains_key(&index) || site.kept.contains_key(&index)
        });
        match mapped {
            Err(path::Refused::TooLong) => (414, String::new(), b"URI too long".to_vec(), None),
            Err(path::Refused::BadRequest) => (400, String::new(), b"bad request".to_vec(), None),
            Ok(path::Mapped::Redirect(to)) => (301, String::new(), vec![], Some(to)),
            Ok(path::Mapped::File(key)) => {
                match site.files.get(&key).or_else(|| site.kept.get(&key)) {
                    Some(entry) => match read(entry) {
                        Some(b) => (200, key, b, None),
                        None => (404, String::new(), b"not found".to_vec(), None),
                    },
                    None => {
                        let body = site
                            .files
                            .get("404.html")
                            .and_then(read)
                            .unwrap_or_else(|| b"not found".to_vec());
                        (404, "404.html".to_string(), body, None)
                    }
                }
            }
        }
    };
    if let Some(to) = redirect {
        let _ = req.respond(Response::empty(301).with_header(header("Location", &to)));
        return;
    }
    let body = if key.ends_with(".html") {
        let (error, lang) = shared
            .site
            .read()
            .map_or((None, Lang::default()), |s| (s.error.clone(), s.lang));
        inject(&body, error.as_deref(), lang)
    } else {
        body
    };
    let ctype = if key.is_empty() {
        "text/plain; charset=utf-8".to_string()
    } else {
        content_type(&key)
    };
    let _ = req.respond(
        Response::from_data(body)
            .with_status_code(status)
            .with_header(header("Content-Type", &ctype))
            .with_header(header("Cache-Control", "no-store")),
    );
}

fn read(entry: &Entry) -> Option<Vec<u8>> {
    match entry {
        Entry::Bytes(b) => Some(b.as_ref().clone()),
        Entry::File(p) => std::fs::read(p).ok(),
    }
}

/// Opens a Server-Sent Events stream on this request's connection.
fn subscribe(req: Request, shared: &Shared) {
    let mut w = req.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\nretry: 500\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|()| w.flush())
        .is_ok()
        && let Ok(mut clients) = shared.clients.lock()
    {
        clients.push(w);
    }
}

/// The live-reload script (serve only; never in `playbook build` output).
const RELOAD_SCRIPT: &str = r"<script>(function(){
var k='playbook-scroll:'+location.pathname;
addEventListener('load',function(){var y=sessionStorage.getItem(k);if(y!==null){sessionStorage.removeItem(k);scrollTo(0,+y);}});
var es=new EventSource('/__playbook/events');
var go=function(){sessionStorage.setItem(k,String(scrollY));location.reload();};
var here=function(l){return l.split(' ').indexOf(decodeURI(location.pathname).replace(/index\.html$/,''))>=0;};
es.addEventListener('page',function(e){if(here(e.data))go();});
es.addEventListener('reload',function(e){if(!here(e.data.replace(/^\S*/,'')))go();});
es.addEventListener('css',function(){document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){var u=new URL(l.href);u.searchParams.set('v',Date.now());l.href=u.href;});});
})();</script>";

/// Adds the reload script, and the error overlay when the last rebuild failed.
pub fn inject(html: &[u8], error: Option<&str>, lang: Lang) -> Vec<u8> {
    let mut extra = String::from(RELOAD_SCRIPT);
    if let Some(e) = error {
        extra.push_str(
            "<div id=\"playbook-error\" role=\"alert\" style=\"position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;\
             margin:0;padding:1rem 1.25rem;background:#fff4f4;color:#6b0000;border-top:4px solid #c00;font:14px/1.5 monospace;white-space:pre-wrap\">",
        );
        extra.push_str("<strong>");
        extra.push_str(&escape_html(&msg!("serve-overlay-title").render(lang)));
        extra.push_str("</strong>\n");
        extra.push_str(&escape_html(e));
        extra.push_str("</div>");
    }
    let s = String::from_utf8_lossy(html);
    let out = match s.rfind("</body>") {
        Some(i) => format!("{}{}{}", &s[..i], extra, &s[i..]),
        None => format!("{s}{extra}"),
    };
    out.into_bytes()
}

/// The site root used for watching, made absolute.
pub fn absolute_root(root: &Path) -> PathBuf {
    root.canonicalize().unwrap_or_else(|_| root.to_path_buf())
}
