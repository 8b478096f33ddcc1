//! The template globals: what every template receives whatever the page
//! (`site`, `t`, `lang`, `build`, `index_file`, `tools`), set once per build
//! into the Tera engine before any page renders. `serve` fingerprints them
//! as [`set_globals`] returns them, so a global must be set through
//! `Globals::insert` to be covered.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Tera;

use super::views::SiteView;
use crate::config::UrlStyle;
use crate::frontmatter::PageKind;
use crate::reserved::{
    ACTIONS_URL, CONTRIBUTORS_URL, MISSING_URL, RECENT_URL, SEARCH_URL, STRUCTURES_URL, TAGS_URL,
    TYPOLOGIES_URL, WEATHER_URL,
};
use crate::site::Site;
use crate::wiki;

/// The template globals as they are set, in a fixed order (a `tera::Value`
/// has none): what `serve` fingerprints.
#[derive(Default)]
struct Globals(serde_json::Map<String, serde_json::Value>);

impl Globals {
    fn insert<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        let v = serde_json::to_value(value).unwrap_or_else(|e| {
            serde_json::Value::String(format!("unserialisable global `{key}`: {e}"))
        });
        self.0.insert(key.to_string(), v);
    }
}

// f-deploy
/// Sets the global `assets`: the addresses of the theme's static files
/// ([`crate::theme::asset_urls`]), fingerprinted for `build`, plain for
/// `serve` (whose stylesheet swap keeps the address). `serve` covers it
/// through the theme in its fingerprint.
pub fn set_assets(tera: &mut Tera, theme: &crate::theme::Theme, fingerprint: bool) {
    let urls = crate::theme::asset_urls(theme, fingerprint);
    tera.global_context().insert("assets", &urls);
}

/// Template globals that do not depend on the page, set once per build.
/// Returns them (for `serve`'s fingerprints): add a global through `g`.
pub fn set_globals(
    tera: &mut Tera,
    site: &Site,
    strings: &BTreeMap<&'static str, &'static str>,
    credits: &crate::credits::Credits,
    actions: &crate::actions::Actions,
) -> serde_json::Value {
    let mut g = Globals::default();
    let home = site.home();
    let description = site
        .config
        .description
        .as_deref()
        .or(home.description.as_deref());
    g.insert(
        "site",
        &SiteView {
            title: site.config.title.as_deref().unwrap_or(&home.title),
            description,
            language: &site.config.language,
            search: site.config.search.enabled,
        },
    );
    g.insert("t", strings);
    g.insert("lang", &site.config.language);
    let mut build = BTreeMap::new();
    build.insert(
        "generator",
        format!("playbook {}", env!("CARGO_PKG_VERSION")),
    );
    g.insert("build", &build);
    // Links to the generated pages, for the footer: `{{ root }}{{ x.url }}{{ index_file }}`.
    let index_file = if site.config.url_style == UrlStyle::File {
        "index.html"
    } else {
        ""
    };
    g.insert("index_file", index_file);
    let has_typologies = site
        .pages
        .iter()
        .any(|p| p.kind == PageKind::Typology && !p.is_index);
    let tools: Vec<BTreeMap<&str, &str>> = [
        (site.config.wiki.tags, strings["tags"], TAGS_URL),
        (true, strings["pages_to_create"], MISSING_URL),
        (
            !wiki::weather_points(site).is_empty(),
            strings["weather"],
            WEATHER_URL,
        ),
        (has_typologies, strings["typology_overview"], TYPOLOGIES_URL),
        (
            !credits.people.is_empty(),
            strings["contributors"],
            CONTRIBUTORS_URL,
        ),
        (
            !credits.structures.is_empty(),
            strings["structures"],
            STRUCTURES_URL,
        ),
        (
            !credits.recent.is_empty(),
            strings["recent_changes"],
            RECENT_URL,
        ),
        (
            site.config.search.enabled,
            strings["search_title"],
            SEARCH_URL,
        ),
        (
            !actions.items.is_empty(),
            strings["actions_title"],
            ACTIONS_URL,
        ),
    ]
    .into_iter()
    .filter(|tool| tool.0)
    .map(|(_, title, url)| BTreeMap::from([("title", title), ("url", url)]))
    .collect();
    g.insert("tools", &tools);
    let context = tera.global_context();
    for (k, v) in &g.0 {
        context.insert(k.clone(), v);
    }
    serde_json::Value::Object(g.0)
}
