//! `atom.xml`: the recent changes as an Atom feed (RFC 4287), rendered by
//! the theme's `atom.xml` template from a [`Feed`]. Written once per build,
//! after the pages, when git gave recent changes; with the sitemap, the one
//! place where `base_url` appears.
//!
//! Atom wants absolute IRIs for `id`. With an absolute `base_url`
//! (`https://…`), ids and links are absolute URLs of the site. Without
//! one, links are relative to the feed (which sits at the site root, so
//! they resolve wherever the site is served) and ids are `tag:` URIs made
//! from the site title and the commit hash: stable, unique, never fetched.

use serde::Serialize;

use super::RenderEnv;
use super::credits::person_url;
use super::template::render_file;
use crate::diagnostic::Diagnostic;
use crate::text::slugify;

/// The context of `atom.xml`: `{ feed }`. The feed's title, language and
/// author come from the globals (`t.recent_changes`, `site.title`, `lang`).
#[derive(Serialize)]
struct AtomContext {
    feed: Feed,
}

/// `feed`. Every value is text, escaped by the template.
#[derive(Serialize)]
struct Feed {
    id: String,
    /// The newest change's date (RFC 3339), or the epoch when none.
    updated: String,
    /// The recent changes page.
    alternate: String,
    /// The feed's own URL: only with an absolute `base_url`.
    self_href: Option<String>,
    entries: Vec<Entry>,
}

/// One commit, newest first.
#[derive(Serialize)]
struct Entry {
    id: String,
    /// The commit's subject, or its short hash when the subject is blank.
    title: String,
    updated: String,
    /// Credited people; none for a commit whose author is not credited (a
    /// bot): the entry then inherits the feed's author.
    authors: Vec<Author>,
    /// The first page the commit changed, else the recent changes page.
    link: String,
    /// The titles of the pages changed, joined by ` ; `; null when none.
    summary: Option<String>,
}

#[derive(Serialize)]
struct Author {
    name: String,
    /// The person's page.
    uri: String,
}

impl RenderEnv<'_> {
    /// `atom.xml`, from the theme's template of that name.
    pub fn render_atom(&self) -> Result<Vec<u8>, Diagnostic> {
        render_file(self.tera, "atom.xml", &AtomContext { feed: self.feed() })
    }

    fn feed(&self) -> Feed {
        let (site, credits) = (self.site, self.credits);
        let base = &site.config.base_url;
        let absolute = base.contains("://");
        let link = |url: &str| {
            let rel = self.href("", url);
            let rel = if rel == "./" { String::new() } else { rel };
            if absolute {
                format!("{base}{rel}")
            } else if rel.is_empty() {
                "./".to_string()
            } else {
                rel
            }
        };
        let site_title = site.config.title.as_deref().unwrap_or(&site.home().title);
        let site_slug = match slugify(site_title) {
            s if s.is_empty() => "playbook".to_string(),
            s => s,
        };
        let id = |what: &str| {
            if absolute {
                format!("{base}{}#{what}", crate::reserved::RECENT_URL)
            } else {
                format!("tag:playbook,2024:{site_slug}/{what}")
            }
        };
        let entries = credits
            .recent
            .iter()
            .map(|c| {
                let title = if c.subject.trim().is_empty() {
                    c.hash.get(..7).unwrap_or(&c.hash)
                } else {
                    c.subject.as_str()
                };
                let target = c
                    .pages
                    .first()
                    .map_or(crate::reserved::RECENT_URL, |&p| site.pages[p].url.as_str());
                let titles: Vec<&str> = c
                    .pages
                    .iter()
                    .map(|&p| site.pages[p].title.as_str())
                    .collect();
                Entry {
                    id: id(&c.hash),
                    title: title.to_string(),
                    updated: c.date.clone(),
                    authors: c
                        .people
                        .iter()
                        .map(|&p| Author {
                            name: credits.people[p].name.clone(),
                            uri: link(&person_url(credits, p)),
                        })
                        .collect(),
                    link: link(target),
                    summary: (!titles.is_empty()).then(|| titles.join(" ; ")),
                }
            })
            .collect();
        Feed {
            id: if absolute {
                format!("{base}{}", crate::reserved::FEED_FILE)
            } else {
                format!("tag:playbook,2024:{site_slug}/feed")
            },
            // Newest first: the first change is the feed's last update.
            updated: credits
                .recent
                .first()
                .map_or("1970-01-01T00:00:00Z", |c| c.date.as_str())
                .to_string(),
            alternate: link(crate::reserved::RECENT_URL),
            self_href: absolute.then(|| format!("{base}{}", crate::reserved::FEED_FILE)),
            entries,
        }
    }
}
