//! Actions written in the front matter: `actions:` (`what`, `who`, `due`,
//! `done`, `milestone`, or their French names `quoi`, `qui`, `échéance`,
//! `fait`, `jalon`) and `jalons:` (milestones: `what` and `due`, or a
//! line written like a task). An item may also be one line written like a
//! task-list item (`- "Relancer la DG @Anne 📅 2025-04-15"`).

use serde_json::Value;

use super::task::{action, owner_of, plain};
use super::{Action, Names};
use crate::date::Date;
use crate::frontmatter::FrontMatter;
use crate::markdown::{TaskItem, task_anchor};
use crate::site::PageId;

/// The actions of a page's front matter.
pub(super) fn actions(page: PageId, front: &FrontMatter, names: &Names<'_>) -> Vec<Action> {
    let mut out = vec![];
    for (key, milestones) in [("actions", false), ("jalons", true)] {
        let Some(Value::Array(items)) = front.extra.get(key) else {
            continue;
        };
        let lines = front.item_lines.get(key);
        for (i, item) in items.iter().enumerate() {
            let line = lines.and_then(|l| l.get(i)).copied().unwrap_or(1);
            if let Some(mut a) = one(page, line, item, names) {
                a.milestone |= milestones;
                a.in_front = true;
                out.push(a);
            }
        }
    }
    out
}

fn one(page: PageId, line: usize, item: &Value, names: &Names<'_>) -> Option<Action> {
    match item {
        Value::String(s) => {
            let t = TaskItem {
                line,
                done: false,
                text: s.clone(),
            };
            Some(action(page, &t, names))
        }
        Value::Object(m) => {
            let get = |keys: &[&str]| keys.iter().find_map(|k| m.get(*k)).filter(|v| !v.is_null());
            let text = |v: &Value| match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let what = get(&["what", "quoi", "action", "title", "titre"]).map(text)?;
            let yes = |v: Option<&Value>| match v {
                Some(Value::Bool(b)) => *b,
                Some(Value::String(s)) => {
                    matches!(
                        s.trim().to_lowercase().as_str(),
                        "oui" | "yes" | "true" | "x" | "fait"
                    )
                }
                _ => false,
            };
            let (mut due, mut bad_date) = (None, None);
            if let Some(d) = get(&["due", "échéance", "echeance", "date"]).map(text) {
                match Date::parse(&d) {
                    Some(d) => due = Some(d),
                    None => bad_date = Some(d),
                }
            }
            let owner = get(&["who", "qui", "owner", "responsable"])
                .map(|v| match v {
                    Value::Array(a) => a.iter().map(text).collect::<Vec<_>>().join(", "),
                    v => text(v),
                })
                .and_then(|w| owner_of(&w, names));
            Some(Action {
                page,
                line,
                anchor: task_anchor(line),
                what: plain(&what),
                owner,
                due,
                bad_date,
                done: yes(get(&["done", "fait"])),
                milestone: yes(get(&["milestone", "jalon"])),
                in_front: true,
            })
        }
        _ => None,
    }
}
