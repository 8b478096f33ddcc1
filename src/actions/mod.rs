//! The actions stage: "who does what, by when", gathered from every page.
//!
//! An action is a task-list item of any page (`- [ ] Tester … @Célia
//! 📅 2025-03-31`, see `task.rs`) or an entry of the front-matter lists
//! `actions:` and `jalons:` (`front.rs`). Owners are resolved through the
//! people file like the credits' names (a name, an alias, `@[[Anne
//! Berlemont]]`). Pure: fed by the parsed site and the people file, it
//! runs after `link` and before `render`, which shows the actions on the
//! "Prochains pas" page, the person pages and the minutes' header card,
//! and writes the calendars (`ics.rs`). The build date ([`today`]) is
//! read at the edge (`PLAYBOOK_TODAY`, `SOURCE_DATE_EPOCH`, the clock).

mod front;
mod ics;
mod task;

use std::collections::HashMap;
use std::path::Path;

use crate::credits::People;
use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::frontmatter::PageKind;
use crate::site::{PageId, Site};
use crate::text::match_key;

pub use ics::{actions_calendar, workshops_calendar};

pub use crate::reserved::{ACTIONS_ICS, WORKSHOPS_ICS};

/// One action of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    pub page: PageId,
    /// Line in the page's file.
    pub line: usize,
    /// The anchor of the item on its page (`action-<line>`).
    pub anchor: String,
    /// What is to be done, as plain text.
    pub what: String,
    pub owner: Option<Owner>,
    pub due: Option<Date>,
    /// A date that could not be read, as written.
    pub bad_date: Option<String>,
    pub done: bool,
    pub milestone: bool,
    /// Written in the front matter (shown in the minutes' header card).
    pub in_front: bool,
}

/// Who carries an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// The people file's name when the people file knows them, else as written.
    pub name: String,
    /// The people file's id (`anne-berlemont`), when declared.
    pub id: Option<String>,
}

/// Where an action stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Overdue,
    Open,
    Done,
}

impl Action {
    pub fn state(&self, today: Date) -> State {
        match self.due {
            _ if self.done => State::Done,
            Some(d) if d < today => State::Overdue,
            _ => State::Open,
        }
    }
}

/// Every action of the site, in the order of the "Prochains pas" page:
/// open ones first, then by due date (undated last), owner, page, line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actions {
    pub items: Vec<Action>,
}

/// The people file's names and aliases, by match key.
pub(crate) struct Names<'a> {
    by_key: HashMap<String, (&'a str, &'a str)>,
    /// Keys of the groups (`Tous`): an owner when written `@Tous`, never
    /// when the word is met in the text.
    groups: std::collections::HashSet<String>,
    /// The longest name, in words (for plain names in the text).
    max_words: usize,
}

impl<'a> Names<'a> {
    fn new(people: &'a People) -> Names<'a> {
        let mut by_key = HashMap::new();
        let mut groups = std::collections::HashSet::new();
        let mut max_words = 1;
        for e in &people.entries {
            for n in std::iter::once(&e.name).chain(&e.aliases) {
                let k = match_key(n);
                if e.group == Some(true) {
                    groups.insert(k.clone());
                }
                if !k.is_empty() {
                    max_words = max_words.max(n.split_whitespace().count());
                    by_key.entry(k).or_insert((e.name.as_str(), e.id.as_str()));
                }
            }
        }
        Names {
            by_key,
            groups,
            max_words,
        }
    }

    /// The owner a name stands for: the people file's person, or the name as written.
    fn owner(&self, written: &str) -> Owner {
        match self.by_key.get(&match_key(written)) {
            Some((name, id)) => Owner {
                name: (*name).to_string(),
                id: Some((*id).to_string()),
            },
            None => Owner {
                name: written.trim().to_string(),
                id: None,
            },
        }
    }

    /// The first run of words of `text` that the people file knows.
    fn find_in(&self, text: &str) -> Option<Owner> {
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .collect();
        for i in 0..words.len() {
            for n in (1..=self.max_words.min(words.len() - i)).rev() {
                let key = match_key(&words[i..i + n].join(" "));
                if self.groups.contains(&key) {
                    continue;
                }
                if let Some((name, id)) = self.by_key.get(&key) {
                    return Some(Owner {
                        name: (*name).to_string(),
                        id: Some((*id).to_string()),
                    });
                }
            }
        }
        None
    }
}

/// Gathers the actions of every page.
pub fn extract(site: &Site, people: &People) -> Actions {
    let names = Names::new(people);
    let mut items = vec![];
    for (id, page) in site.pages.iter().enumerate() {
        items.extend(front::actions(id, &page.front, &names));
        for t in &page.body.tasks {
            let a = task::action(id, t, &names);
            // A checklist of the guide (`- [ ] réunir trois à six
            // personnes`) is advice, not a commitment: outside minutes, an
            // item is an action when it names an owner, a date or a milestone.
            let committed = a.owner.is_some() || a.due.is_some() || a.bad_date.is_some();
            if page.kind == PageKind::Minutes || committed || a.milestone {
                items.push(a);
            }
        }
    }
    items.sort_by(|a, b| {
        (a.done, a.due.is_none(), a.due)
            .cmp(&(b.done, b.due.is_none(), b.due))
            .then_with(|| {
                let key = |x: &Action| x.owner.as_ref().map(|o| match_key(&o.name));
                key(a).cmp(&key(b))
            })
            .then(a.page.cmp(&b.page))
            .then(a.line.cmp(&b.line))
    });
    Actions { items }
}

/// What `playbook check` says about the actions: no owner, a date it
/// cannot read, past due (relative to `today`).
pub fn diagnostics(site: &Site, actions: &Actions, today: Date) -> Vec<Diagnostic> {
    use crate::messages::msg;
    let mut out = vec![];
    for a in &actions.items {
        let shown: &Path = &site.pages[a.page].shown;
        let short: String = a.what.chars().take(60).collect();
        if a.owner.is_none() && !a.milestone && !a.done {
            out.push(
                Diagnostic::warning(
                    shown,
                    a.line,
                    1,
                    msg!("action-no-owner", what = short.as_str()),
                )
                .with_help(msg!("action-no-owner-help")),
            );
        }
        if let Some(bad) = &a.bad_date {
            out.push(
                Diagnostic::warning(
                    shown,
                    a.line,
                    1,
                    msg!("action-bad-date", date = bad.as_str()),
                )
                .with_help(msg!("action-bad-date-help")),
            );
        }
        if a.state(today) == State::Overdue {
            let due = a
                .due
                .map(|d| d.display(&site.config.language))
                .unwrap_or_default();
            let day = today.display(&site.config.language);
            out.push(
                Diagnostic::warning(
                    shown,
                    a.line,
                    1,
                    msg!(
                        "action-overdue",
                        due = due,
                        today = day,
                        what = short.as_str()
                    ),
                )
                .with_help(msg!("action-overdue-help")),
            );
        }
    }
    out
}

/// The build date: `PLAYBOOK_TODAY` (`2025-03-15`), else
/// `SOURCE_DATE_EPOCH` (seconds), else `now`, in UTC. Pure: the caller
/// reads the environment and the clock.
pub fn today(
    playbook_today: Option<&str>,
    source_date_epoch: Option<&str>,
    now: jiff::Timestamp,
) -> Date {
    if let Some(d) = playbook_today.and_then(Date::parse) {
        return d;
    }
    let ts = source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or(now);
    let d = jiff::tz::Offset::UTC.to_datetime(ts).date();
    Date {
        year: i32::from(d.year()),
        month: u8::try_from(d.month()).unwrap_or(1),
        day: u8::try_from(d.day()).unwrap_or(1),
    }
}

/// `date` plus `months` months (the day clamped to the month's end).
pub fn add_months(date: Date, months: i32) -> Date {
    let total = date.year * 12 + i32::from(date.month) - 1 + months;
    let (year, month) = (
        total.div_euclid(12),
        u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1),
    );
    let mut day = date.day;
    loop {
        let d = Date { year, month, day };
        if Date::parse(&d.iso()).is_some() || day <= 28 {
            return d;
        }
        day -= 1;
    }
}

#[cfg(test)]
mod tests;
