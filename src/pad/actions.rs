//! f-actions: in a pad's "prochains pas" or "actions" part, a line that
//! names a person of the workshop (or `@Someone`) or a date becomes a
//! task-list item the actions stage reads (`- [ ] … @Célia 📅 2025-03-31`);
//! any other line stays text. Pure.

use crate::date::Date;
use crate::text::match_key;

/// Whether a rotation's heading announces the next steps.
pub(super) fn is_actions_part(heading: &str, title: &str) -> bool {
    let k = format!("{heading} {title}").to_lowercase();
    let words: Vec<&str> = k
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).any(|w| w == ["prochains", "pas"])
        || words.iter().any(|w| *w == "actions" || *w == "action")
}

/// The owner and due date a pad line names, written the way the actions
/// stage reads them (`@Célia`, `@[[Anne Berlemont]]`, `📅 2025-03-31`), or
/// `None` when it names neither. `names` are the workshop's people.
pub(super) fn marks(line: &str, names: &[String]) -> Option<String> {
    // `Scribe : Anne Berlemont` gives a role, not an action.
    if let Some((label, _)) = line.split_once(':') {
        let label = label.to_lowercase();
        if [
            "scribe", "temps", "animat", "particip", "facilit", "notes", "présent",
        ]
        .iter()
        .any(|r| label.contains(r))
        {
            return None;
        }
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | ',' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    let due = words
        .iter()
        .map(|w| w.trim_end_matches(['.', ':']))
        .find_map(Date::parse);
    let owner = words
        .iter()
        .find_map(|w| {
            w.strip_prefix('@')
                .filter(|n| !n.is_empty())
                .map(str::to_string)
        })
        .or_else(|| {
            let folded: Vec<String> = words.iter().map(|w| match_key(w)).collect();
            names
                .iter()
                .find(|n| {
                    let key: Vec<String> = n.split_whitespace().map(match_key).collect();
                    !key.is_empty() && folded.windows(key.len()).any(|w| w == key.as_slice())
                })
                .cloned()
        });
    if owner.is_none() && due.is_none() {
        return None;
    }
    let mut out = String::new();
    if let Some(o) = owner {
        if o.contains(' ') {
            out.push_str(&format!(" @[[{o}]]"));
        } else {
            out.push_str(&format!(" @{o}"));
        }
    }
    if let Some(d) = due {
        out.push_str(&format!(" 📅 {}", d.iso()));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_naming_a_person_or_a_date() {
        let names = vec!["Anne Berlemont".to_string(), "Célia".to_string()];
        assert_eq!(
            marks("Célia teste la pause déjeuner avant le 31/03/2025", &names).as_deref(),
            Some(" @Célia 📅 2025-03-31")
        );
        assert_eq!(
            marks("relancer le CNFPT (anne berlemont)", &names).as_deref(),
            Some(" @[[Anne Berlemont]]")
        );
        assert_eq!(marks("bilan @Marc", &names).as_deref(), Some(" @Marc"));
        assert_eq!(marks("Scribe : Anne Berlemont", &names), None);
        assert_eq!(
            marks("généraliser les pratiques de facilitation", &names),
            None
        );
        assert!(is_actions_part("Rotation #3 - ACTIONS", "Actions"));
        assert!(is_actions_part("Nos prochains pas", ""));
        assert!(!is_actions_part("Rotation #2 - RESSOURCES", "Ressources"));
    }
}
