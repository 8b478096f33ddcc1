//! The calendars (RFC 5545), written with the `icalendar` crate:
//! `actions.ics` holds one VTODO per dated action, `prochains-ateliers.ics`
//! one all-day VEVENT per workshop (minutes) dated today or later.
//! Reproducible: DTSTAMP is the build date and every UID is derived from
//! the page's address and the item's line (`host/page/#action-12`).

use icalendar::{Calendar, Component, Event, Property, Todo, TodoStatus};

use super::{Actions, State};
use crate::date::Date;
use crate::frontmatter::PageKind;
use crate::site::Site;

fn ical_date(d: Date) -> String {
    format!("{:04}{:02}{:02}", d.year, d.month, d.day)
}

fn date_property(key: &str, d: Date) -> Property {
    Property::new(key, ical_date(d))
        .add_parameter("VALUE", "DATE")
        .done()
}

/// The page's absolute address when the site has a `base_url`.
fn page_url(site: &Site, url: &str, anchor: Option<&str>) -> Option<String> {
    let base = &site.config.base_url;
    (base.starts_with("http://") || base.starts_with("https://")).then(|| {
        let mut u = format!("{base}{url}");
        if let Some(a) = anchor {
            u.push('#');
            u.push_str(a);
        }
        u
    })
}

fn uid(site: &Site, url: &str, tail: &str) -> String {
    let host = site
        .config
        .base_url
        .split("://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .filter(|h| !h.is_empty())
        .unwrap_or("playbook.invalid");
    // No `@`: the output must hold nothing that reads like an email.
    format!("{host}/{url}#{tail}")
}

fn calendar(site: &Site, name: &str) -> Calendar {
    let mut c = Calendar::new();
    c.name(name);
    let title = site.config.title.as_deref().unwrap_or(&site.home().title);
    c.description(title);
    c
}

/// `actions.ics`: one VTODO per dated action.
pub fn actions_calendar(site: &Site, actions: &Actions, today: Date, name: &str) -> String {
    let mut cal = calendar(site, name);
    let stamp = format!("{}T000000Z", ical_date(today));
    for a in &actions.items {
        let Some(due) = a.due else { continue };
        let page = &site.pages[a.page];
        let mut t = Todo::new();
        t.uid(&uid(site, &page.url, &a.anchor))
            .add_property("DTSTAMP", stamp.clone())
            .summary(&a.what)
            .append_property(date_property("DUE", due));
        let mut description = page.title.clone();
        if let Some(o) = &a.owner {
            description = format!("{} — {description}", o.name);
        }
        t.description(&description);
        if let Some(u) = page_url(site, &page.url, Some(&a.anchor)) {
            t.url(&u);
        }
        if a.milestone {
            t.add_property("CATEGORIES", "jalon");
        }
        match a.state(today) {
            State::Done => {
                t.status(TodoStatus::Completed);
            }
            _ => {
                t.status(TodoStatus::NeedsAction);
            }
        }
        cal.push(t.done());
    }
    cal.done().to_string()
}

/// `prochains-ateliers.ics`: one all-day VEVENT per minutes page dated
/// today or later.
pub fn workshops_calendar(site: &Site, today: Date, name: &str) -> String {
    let mut cal = calendar(site, name);
    let stamp = format!("{}T000000Z", ical_date(today));
    let mut pages: Vec<_> = site
        .pages
        .iter()
        .filter(|p| p.kind == PageKind::Minutes && !p.is_index)
        .filter_map(|p| p.date.filter(|d| *d >= today).map(|d| (d, p)))
        .collect();
    pages.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.url.cmp(&b.1.url)));
    for (d, p) in pages {
        let mut e = Event::new();
        e.uid(&uid(site, &p.url, "atelier"))
            .add_property("DTSTAMP", stamp.clone())
            .summary(&p.title)
            .append_property(date_property("DTSTART", d));
        if let Some(desc) = &p.front.description {
            e.description(desc);
        }
        if let Some(u) = page_url(site, &p.url, None) {
            e.url(&u);
        }
        cal.push(e.done());
    }
    cal.done().to_string()
}
