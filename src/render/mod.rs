//! Render stage: one page of the site model, plus the link table, to the
//! final HTML. Pure: the same inputs always give the same bytes, so `serve`
//! can re-render only the pages an edit touched.
//!
//! Every URL is relative to the page being rendered, so the site works under
//! any sub-path and from `file://` (with `url_style = "file"`).
//!
//! - `env.rs`: [`RenderEnv`], built once per build, and relative URLs;
//! - `body.rs`: the link placeholders of a page's body, made URLs;
//! - `nav.rs`: main navigation, breadcrumbs, section sidebar, guide steps;
//! - `views.rs`: the structs templates receive;
//! - `page.rs`: a content page's context and render;
//! - `generated.rs`: the pages playbook generates (404, tags, weather…);
//! - `credits.rs`: the credits block and the contributors' pages;
//! - `globals.rs`: the template globals, set once per build;
//! - `template.rs`: running a template, errors as diagnostics;
//! - `fingerprint.rs`: what `serve` hashes to skip unchanged pages;
//! - `atom.rs`, `sitemap.rs`: `atom.xml` and `sitemap.xml`, from templates;
//! - `weather.rs`: the weather page's chart and table;
//! - `stakeholders.rs`: a stakeholder map's figure and table, and the maps
//!   a structure or a person is on.
//! - `print.rs`: a section's printable document (f-print).

mod actions;
mod atom;
mod body;
mod credits;
mod env;
mod fingerprint;
mod generated;
mod globals;
mod nav;
mod page;
mod print;
mod sitemap;
mod stakeholders;
mod template;
mod views;
mod weather;

pub use credits::person_url;
pub use env::{RenderEnv, relative, root_of};
pub use fingerprint::{Early, Kept, RenderCache, TitleEdit, global_fingerprint};
pub use generated::Generated;
pub use globals::set_assets;
pub use globals::set_globals;
pub use nav::NAV_WINDOW;
pub use sitemap::sitemap;
pub use weather::weather_chart;
