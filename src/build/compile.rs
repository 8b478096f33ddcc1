//! The pure stages of a build, after loading: parse every page (in
//! parallel), assemble the site, link it. No output is touched.

use std::collections::BTreeSet;
use std::path::Path;

use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::link::{self, LinkTable};
use crate::load::{self, Loaded};
use crate::markdown::MarkdownOptions;
use crate::site::Site;

use super::timer::Timer;

/// The site after the pure stages: everything needed to write it.
pub struct Compiled {
    pub site: Site,
    pub links: LinkTable,
    pub loaded: Loaded,
    pub diagnostics: Diagnostics,
}

/// Load, parse, assemble and link; no output is touched.
pub fn compile(root: &Path, config: Config, drafts: bool) -> Compiled {
    let ParsedSite {
        loaded,
        results,
        assets,
        mut diagnostics,
    } = parse_all(root, &config, drafts);
    let mut t = Timer::new();
    let (site, links, diags) = link_pages(config, results, &assets, None);
    diagnostics.extend(diags);
    diagnostics.sort();
    t.lap("link");
    Compiled {
        site,
        links,
        loaded,
        diagnostics,
    }
}

/// The pages of `content/`, loaded and parsed (in source order).
pub(super) struct ParsedSite {
    pub(super) loaded: Loaded,
    pub(super) results: Vec<Parsed>,
    pub(super) assets: BTreeSet<String>,
    pub(super) diagnostics: Diagnostics,
}

/// Load and parse.
pub(super) fn parse_all(root: &Path, config: &Config, drafts: bool) -> ParsedSite {
    let mut t = Timer::new();
    let mut diagnostics = Diagnostics::default();
    let mut loaded = load::load(&root.join("content"), Path::new("content"));
    t.lap("load");
    diagnostics.extend(std::mem::take(&mut loaded.diagnostics));
    let md = MarkdownOptions::of(config);
    let mut results: Vec<_> = loaded
        .pages
        .par_iter()
        .map(|src| crate::parse::parse_page(src, md, drafts))
        .collect();
    // Pages that could not be read are left out like those that cannot be parsed.
    results.extend(
        std::mem::take(&mut loaded.failed)
            .into_iter()
            .map(|(source, d)| Parsed::Failed {
                source,
                errors: vec![d],
            }),
    );
    t.lap("parse");
    // Files that would run script are left out before linking: a link to
    // one is broken, not an address leading nowhere.
    diagnostics.extend(
        crate::active::check(&loaded.assets, config.markdown.unsafe_html).apply(&mut loaded.assets),
    );
    let assets = loaded.assets.iter().map(|a| a.rel.clone()).collect();
    ParsedSite {
        loaded,
        results,
        assets,
        diagnostics,
    }
}

use crate::parse::Parsed;

/// Assemble and link: from the parsed pages (in source order) to the site
/// and its link table. Pure; `serve` calls it with its cache of parsed
/// pages and the last site it linked (`before`: its site, link table and
/// files), whose links it resolves again only as far as titles changed,
/// when they are all that changed (see `link::retitled_keys`).
pub fn link_pages(
    config: Config,
    parsed: impl IntoIterator<Item = Parsed>,
    assets: &BTreeSet<String>,
    before: Option<(&Site, &LinkTable, &BTreeSet<String>)>,
) -> (Site, LinkTable, Vec<Diagnostic>) {
    let (site, mut diagnostics) = assemble_pages(config, parsed);
    let retitled = before
        .filter(|(_, _, files)| *files == assets)
        .and_then(|(old, links, _)| Some((links, link::retitled_keys(old, &site)?)));
    let (links, diags) = match retitled {
        Some((old, keys)) => link::resolve_retitled(&site, assets, old, &keys),
        None => link::resolve(&site, assets),
    };
    diagnostics.extend(diags);
    (site, links, diagnostics)
}

/// Assemble: the parsed pages (in source order) into a site, with the
/// parse warnings and errors.
pub(super) fn assemble_pages(
    config: Config,
    parsed: impl IntoIterator<Item = Parsed>,
) -> (Site, Vec<Diagnostic>) {
    let mut diagnostics = vec![];
    let mut pages = vec![];
    let mut unpublished = vec![];
    for r in parsed {
        match r {
            Parsed::Page(page, warnings) => {
                pages.push(*page);
                diagnostics.extend(warnings);
            }
            Parsed::Draft => {}
            // One faulty page does not take the site down: it is left out,
            // with a warning (an error with `--strict`).
            Parsed::Failed { source, errors } => {
                diagnostics.extend(errors.into_iter().map(Diagnostic::not_published));
                unpublished.push(source);
            }
        }
    }
    let (mut site, diags) = crate::assemble::assemble(config, pages);
    unpublished.sort();
    site.unpublished = unpublished;
    diagnostics.extend(diags);
    (site, diagnostics)
}
