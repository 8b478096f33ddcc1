//! Wikilink parsing and resolution on a small fuzzed site: up to three pages
//! (see `playbook_fuzz::site_files` for the input format) go through
//! `parse_page`, `assemble` and `link::resolve`, then, when the build would
//! go on (no error), every page (and the generated ones: 404, tags…) is rendered with the
//! default theme. Nothing
//! panics, every link has a target, and no page can run script.
#![no_main]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use playbook::config::Config;
use playbook::credits::Credits;
use playbook::diagnostic::Severity;
use playbook::markdown::MarkdownOptions;
use playbook::render::{self, Generated, RenderEnv};
use playbook::parse::Parsed;
use playbook::{i18n, link, theme, wiki};
use playbook_fuzz::{Mode, check_html, site_files};

fn engine() -> &'static tera::Tera {
    static ENGINE: OnceLock<tera::Tera> = OnceLock::new();
    ENGINE.get_or_init(|| theme::engine(&theme::Theme::default()).expect("default theme"))
}

fuzz_target!(|data: &[u8]| {
    let files = site_files(data);
    let mut errors = false;
    let mut pages = vec![];
    for f in &files {
        match playbook::parse::parse_page(f, MarkdownOptions::default(), true) {
            Parsed::Page(page, diags) => {
                errors |= diags.iter().any(|d| d.severity == Severity::Error);
                pages.push(*page);
            }
            Parsed::Draft => unreachable!("drafts are kept"),
            Parsed::Failed { .. } => errors = true,
        }
    }
    pages.sort_by(|a, b| a.source.cmp(&b.source));
    let (site, diags) = playbook::assemble::assemble(Config::default(), pages);
    errors |= diags.iter().any(|d| d.severity == Severity::Error);
    let assets: BTreeSet<String> = ["images/photo.png", "doc.pdf"]
        .into_iter()
        .map(String::from)
        .collect();
    let (links, diags) = link::resolve(&site, &assets);
    errors |= diags.iter().any(|d| d.severity == Severity::Error);
    assert_eq!(links.targets.len(), site.pages.len());
    for (p, t) in site.pages.iter().zip(&links.targets) {
        assert_eq!(p.body.links.len(), t.len(), "one target per link");
    }
    if errors {
        return;
    }
    let mut tera = engine().clone();
    let strings = i18n::strings(&site.config.language);
    render::set_globals(&mut tera, &site, &strings, &Credits::default());
    let theme = playbook::theme::load(std::path::Path::new("/nonexistent"), "default").unwrap();
    render::set_assets(&mut tera, &theme, false);
    let wiki = wiki::analyse(&site, &links, site.config.wiki.tags);
    let env = RenderEnv::new(&site, &links, &wiki, &tera, strings);
    for id in 0..site.pages.len() {
        let body = env.resolve_body(id);
        if let Err(e) = check_html(&body, Mode::Body) {
            panic!("page {id} body: {e}");
        }
        let html = match env.render_page(id) {
            Ok(h) => String::from_utf8(h).expect("UTF-8 page"),
            Err(d) => panic!("a page that passed every check failed to render: {d}"),
        };
        if let Err(e) = check_html(&html, Mode::Page) {
            panic!("page {id}: {e}");
        }
    }
    for g in Generated::all(&env) {
        let html = match env.render_generated(g) {
            Ok(h) => String::from_utf8(h).expect("UTF-8 page"),
            Err(d) => panic!("a generated page failed to render: {d}"),
        };
        if let Err(e) = check_html(&html, Mode::Page) {
            panic!("generated page {}: {e}", g.file(&env));
        }
    }
    if let Err(d) = render::sitemap(&tera, &site) {
        panic!("the sitemap failed to render: {d}");
    }
});
