//! What templates receive about the actions (see `crate::actions`): the
//! rows of the "Prochains pas" page, grouped by person, by workshop and by
//! state (filters that need no script), the rows of one person's page and
//! of one page's header card, and the milestones timeline (an SVG of the
//! next six months, with a table beside it in the template).

use serde::Serialize;

use super::RenderEnv;
use crate::actions::{Action, State, add_months};
use crate::date::{Date, DateView};
use crate::frontmatter::PageKind;
use crate::text::{escape_html, match_key, slugify};

/// One action as templates show it.
#[derive(Serialize, Clone)]
pub(super) struct ActionRow {
    what: String,
    /// The item on its page (`page/#action-12`).
    href: String,
    /// Written in the front matter: the minutes' header card gives its
    /// item this id.
    anchor: Option<String>,
    source: String,
    source_href: String,
    owner: Option<OwnerView>,
    due: Option<DateView>,
    state: State,
    state_label: &'static str,
    milestone: bool,
    /// Filter keys: the owner's slug (`a-attribuer` for none), the source page's.
    person: String,
    workshop: String,
}

#[derive(Serialize, Clone)]
struct OwnerView {
    name: String,
    href: Option<String>,
}

/// A group of rows (a person, a workshop, a state).
#[derive(Serialize)]
struct Group {
    id: String,
    title: String,
    href: Option<String>,
    rows: Vec<ActionRow>,
}

/// The key of the owner-less rows.
const NO_OWNER: &str = "a-attribuer";

impl RenderEnv<'_> {
    /// The contributor an owner is (their page), if any.
    fn owner_person(&self, a: &Action) -> Option<usize> {
        let o = a.owner.as_ref()?;
        let people = &self.credits.people;
        o.id.as_ref()
            .and_then(|id| people.iter().position(|c| &c.slug == id))
            .or_else(|| {
                let k = match_key(&o.name);
                people.iter().position(|c| match_key(&c.name) == k)
            })
    }

    fn state_label(&self, s: State) -> &'static str {
        match s {
            State::Overdue => self.strings["action_state_overdue"],
            State::Open => self.strings["action_state_open"],
            State::Done => self.strings["action_state_done"],
        }
    }

    pub(super) fn action_row(&self, from: &str, a: &Action) -> ActionRow {
        let page = &self.site.pages[a.page];
        let lang = &self.site.config.language;
        let state = a.state(self.today);
        let person = self.owner_person(a);
        let page_href = self.href(from, &page.url);
        // An action of the front matter is an item of the minutes' header
        // card; elsewhere the page itself is the nearest place.
        let card = a.in_front && page.kind == PageKind::Minutes;
        ActionRow {
            what: a.what.clone(),
            href: if a.in_front && !card {
                page_href.clone()
            } else {
                format!("{page_href}#{}", a.anchor)
            },
            anchor: card.then(|| a.anchor.clone()),
            source: page.title.clone(),
            source_href: page_href,
            owner: a.owner.as_ref().map(|o| OwnerView {
                name: person
                    .map_or_else(|| o.name.clone(), |i| self.credits.people[i].name.clone()),
                href: person.map(|i| self.href(from, &super::person_url(self.credits, i))),
            }),
            due: a.due.map(|d| d.view(lang)),
            state,
            state_label: self.state_label(state),
            milestone: a.milestone,
            person: match (&a.owner, person) {
                (_, Some(i)) => self.credits.people[i].slug.clone(),
                (Some(o), None) => slugify(&o.name),
                (None, None) => NO_OWNER.to_string(),
            },
            workshop: slugify(&page.url),
        }
    }

    /// The actions of page `id`, for its header card.
    pub(super) fn page_actions(&self, from: &str, id: usize) -> Vec<ActionRow> {
        let mut rows: Vec<(usize, ActionRow)> = self
            .actions
            .items
            .iter()
            .filter(|a| a.page == id)
            .map(|a| (a.line, self.action_row(from, a)))
            .collect();
        // The card shows them in the order of the page.
        rows.sort_by_key(|(line, _)| *line);
        rows.into_iter().map(|(_, r)| r).collect()
    }

    /// The actions of contributor `i`, for their page.
    pub(super) fn person_actions(&self, from: &str, i: usize) -> Vec<ActionRow> {
        self.actions
            .items
            .iter()
            .filter(|a| self.owner_person(a) == Some(i))
            .map(|a| self.action_row(from, a))
            .collect()
    }

    /// `listing` of the "Prochains pas" page.
    pub(super) fn actions_listing(&self, from: &str) -> serde_json::Value {
        let rows: Vec<ActionRow> = self
            .actions
            .items
            .iter()
            .map(|a| self.action_row(from, a))
            .collect();
        let count = |s: State| rows.iter().filter(|r| r.state == s).count();
        let mut by_person: Vec<Group> = vec![];
        for r in &rows {
            match by_person.iter_mut().find(|g| g.id == r.person) {
                Some(g) => g.rows.push(r.clone()),
                None => by_person.push(Group {
                    id: r.person.clone(),
                    title: r
                        .owner
                        .as_ref()
                        .map_or(self.strings["action_no_owner"].to_string(), |o| {
                            o.name.clone()
                        }),
                    href: r.owner.as_ref().and_then(|o| o.href.clone()),
                    rows: vec![r.clone()],
                }),
            }
        }
        by_person.sort_by_key(|g| (g.id == NO_OWNER, match_key(&g.title)));
        let mut by_workshop: Vec<(Option<Date>, Group)> = vec![];
        for (a, r) in self.actions.items.iter().zip(&rows) {
            match by_workshop.iter_mut().find(|(_, g)| g.id == r.workshop) {
                Some((_, g)) => g.rows.push(r.clone()),
                None => by_workshop.push((
                    self.site.pages[a.page].date,
                    Group {
                        id: r.workshop.clone(),
                        title: r.source.clone(),
                        href: Some(r.source_href.clone()),
                        rows: vec![r.clone()],
                    },
                )),
            }
        }
        // Workshops by date, newest first; undated pages after them.
        by_workshop.sort_by(|a, b| b.0.is_some().cmp(&a.0.is_some()).then(b.0.cmp(&a.0)));
        let by_state: Vec<Group> = [State::Overdue, State::Open, State::Done]
            .into_iter()
            .map(|s| Group {
                id: format!("{s:?}").to_lowercase(),
                title: self.state_label(s).to_string(),
                href: None,
                rows: rows.iter().filter(|r| r.state == s).cloned().collect(),
            })
            .filter(|g| !g.rows.is_empty())
            .collect();
        let lang = &self.site.config.language;
        let until = add_months(self.today, 6);
        let milestones: Vec<ActionRow> = self
            .actions
            .items
            .iter()
            .zip(&rows)
            .filter(|(a, _)| a.milestone && a.due.is_some_and(|d| d >= self.today && d <= until))
            .map(|(_, r)| r.clone())
            .collect();
        let mut milestones_sorted: Vec<(&Action, &ActionRow)> = self
            .actions
            .items
            .iter()
            .zip(&rows)
            .filter(|(a, _)| a.milestone && a.due.is_some_and(|d| d >= self.today && d <= until))
            .collect();
        milestones_sorted.sort_by_key(|(a, _)| (a.due, a.page, a.line));
        let timeline = timeline(self.today, until, &milestones_sorted, lang, &self.strings);
        let mut milestones = milestones;
        milestones.sort_by(|a, b| {
            a.due
                .as_ref()
                .map(|d| d.iso.clone())
                .cmp(&b.due.as_ref().map(|d| d.iso.clone()))
        });
        let next_workshops = self.site.pages.iter().any(|p| {
            p.kind == PageKind::Minutes && !p.is_index && p.date.is_some_and(|d| d >= self.today)
        });
        serde_json::json!({
            "today": self.today.view(lang),
            "until": until.view(lang),
            "counts": {
                "total": rows.len(),
                "open": count(State::Open),
                "overdue": count(State::Overdue),
                "done": count(State::Done),
            },
            "rows": rows,
            "by_person": by_person,
            "by_workshop": by_workshop.into_iter().map(|(_, g)| g).collect::<Vec<_>>(),
            "by_state": by_state,
            "milestones": milestones,
            "timeline": timeline,
            "calendar_href": super::relative(from, crate::actions::ACTIONS_ICS),
            "workshops_href": next_workshops.then(|| super::relative(from, crate::actions::WORKSHOPS_ICS)),
        })
    }
}

/// Days since 1970-01-01 (proleptic Gregorian).
fn days(d: Date) -> i64 {
    let (y, m) = if d.month <= 2 {
        (i64::from(d.year) - 1, i64::from(d.month) + 9)
    } else {
        (i64::from(d.year), i64::from(d.month) - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The milestones timeline: months along a line, one diamond per
/// milestone (hollow with a tick when done), labels on as many lanes as
/// they need not to overlap. `role="img"` with a title and a description;
/// the table beside it gives the same milestones.
fn timeline(
    from: Date,
    until: Date,
    milestones: &[(&Action, &ActionRow)],
    lang: &str,
    t: &std::collections::BTreeMap<&'static str, &'static str>,
) -> String {
    const W: f64 = 640.0;
    const LEFT: f64 = 16.0;
    const RIGHT: f64 = 16.0;
    const LANE: f64 = 22.0;
    const CHAR: f64 = 7.2;
    let span = (days(until) - days(from)).max(1) as f64;
    let x = |d: Date| LEFT + (W - LEFT - RIGHT) * (days(d) - days(from)) as f64 / span;
    // Lanes: each label goes on the first lane whose last label ends before it.
    let mut lane_ends: Vec<f64> = vec![];
    let mut placed = vec![];
    for (a, r) in milestones {
        let Some(due) = a.due else { continue };
        let label: String = {
            let prefix = if r.state == State::Done { "✓ " } else { "" };
            let short: String = r.what.chars().take(34).collect();
            let dots = if r.what.chars().count() > 34 {
                "…"
            } else {
                ""
            };
            format!("{prefix}{short}{dots}")
        };
        let width = label.chars().count() as f64 * CHAR;
        let mx = x(due);
        let (start, end) = if mx + width > W - 4.0 {
            (mx - width, mx)
        } else {
            (mx, mx + width)
        };
        let lane = match lane_ends.iter().position(|&e| e + 8.0 < start) {
            Some(l) => l,
            None => {
                lane_ends.push(f64::MIN);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = end;
        placed.push((mx, start, lane, label, r.state == State::Done));
    }
    let axis_y = 40.0;
    let height = axis_y + 24.0 + LANE * lane_ends.len().max(1) as f64;
    let title = t["milestones_title"];
    let desc = t["milestones_desc"]
        .replace("{from}", &from.display(lang))
        .replace("{to}", &until.display(lang))
        .replace("{count}", &placed.len().to_string());
    let mut s = format!(
        "<svg class=\"milestones-chart\" role=\"img\" aria-labelledby=\"pb-ms-title pb-ms-desc\" viewBox=\"0 0 {W} {height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"pb-ms-title\">{}</title><desc id=\"pb-ms-desc\">{}</desc>",
        escape_html(title),
        escape_html(&desc)
    );
    s.push_str(&format!(
        "<line class=\"ms-axis\" x1=\"{LEFT}\" y1=\"{axis_y}\" x2=\"{}\" y2=\"{axis_y}\"/>",
        W - RIGHT
    ));
    // Month starts.
    let mut m = Date {
        year: from.year,
        month: from.month,
        day: 1,
    };
    for _ in 0..8 {
        m = add_months(m, 1);
        if m > until {
            break;
        }
        let mx = x(m);
        let name = m.display(lang);
        let name = name
            .trim_start_matches("1er ")
            .trim_start_matches("1 ")
            .to_string();
        s.push_str(&format!(
            "<line class=\"ms-tick\" x1=\"{mx:.1}\" y1=\"{}\" x2=\"{mx:.1}\" y2=\"{}\"/><text class=\"ms-month\" x=\"{mx:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            axis_y - 6.0,
            axis_y + 6.0,
            axis_y - 12.0,
            escape_html(&name)
        ));
    }
    for (mx, start, lane, label, done) in &placed {
        let ly = axis_y + 24.0 + LANE * *lane as f64;
        let class = if *done { "ms-mark is-done" } else { "ms-mark" };
        s.push_str(&format!(
            "<line class=\"ms-stem\" x1=\"{mx:.1}\" y1=\"{axis_y}\" x2=\"{mx:.1}\" y2=\"{:.1}\"/><path class=\"{class}\" d=\"M{mx:.1} {:.1}l6 6-6 6-6-6z\"/><text class=\"ms-label\" x=\"{:.1}\" y=\"{ly:.1}\">{}</text>",
            ly - 10.0,
            axis_y - 6.0,
            start,
            escape_html(label)
        ));
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_since_the_epoch() {
        let d = |s: &str| super::days(crate::date::Date::parse(s).unwrap());
        assert_eq!(d("1970-01-01"), 0);
        assert_eq!(d("2025-03-15"), 20162);
        assert_eq!(d("2024-03-01") - d("2024-02-28"), 2);
    }
}
