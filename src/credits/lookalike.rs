//! `playbook check`'s warnings about people: spellings of a name that look
//! like another contributor's (a typo, initials, a lone first name met on
//! another page) but are credited as someone else. Pure.

use super::{Credits, Spelling};
use crate::text::match_key;

/// Two spellings that look like the same person, one of them not mapped
/// by the people file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookalike {
    /// The unmapped spelling and where it was met.
    pub spelling: Spelling,
    /// The contributor it looks like (index into [`Credits::people`]).
    pub like: usize,
    /// The spelling of that contributor it looks like.
    pub like_spelling: String,
}

/// Spellings of undeclared contributors that look like another
/// contributor's: same name up to one or two typos, an initial for a
/// family name (`Anne B.`), or a lone first name (`anne`).
pub fn lookalikes(credits: &Credits) -> Vec<Lookalike> {
    let mut out = vec![];
    let words = |s: &str| -> Vec<String> {
        crate::text::fold(s)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    for (i, c) in credits.people.iter().enumerate() {
        if c.declared {
            continue;
        }
        for s in &c.spellings {
            let (k, w) = (match_key(&s.text), words(&s.text));
            // A declared person first; between two undeclared ones, the
            // pair is reported once, the shorter spelling looking like the
            // fuller one.
            let candidates = || {
                credits
                    .people
                    .iter()
                    .enumerate()
                    .filter(move |&(j, _)| j != i)
                    .flat_map(|(j, o)| {
                        std::iter::once(o.name.clone())
                            .chain(o.spellings.iter().map(|x| x.text.clone()))
                            .map(move |t| (j, o.declared, t))
                    })
            };
            let fuller = |t: &str, j: usize| {
                let (wt, kt) = (words(t), match_key(t));
                (w.len(), k.len(), i) < (wt.len(), kt.len(), j)
            };
            let best = candidates()
                .filter(|(_, declared, _)| *declared)
                .chain(candidates().filter(|(j, declared, t)| !declared && fuller(t, *j)))
                .find(|(_, _, t)| looks_alike(&k, &w, &match_key(t), &words(t)))
                .map(|(j, _, t)| (j, t));
            if let Some((j, t)) = best {
                out.push(Lookalike {
                    spelling: s.clone(),
                    like: j,
                    like_spelling: t,
                });
            }
        }
    }
    out
}

pub(super) fn looks_alike(ka: &str, wa: &[String], kb: &str, wb: &[String]) -> bool {
    if ka.is_empty() || kb.is_empty() || ka == kb {
        return false;
    }
    // Typos: a distance small against the length.
    let d = strsim::damerau_levenshtein(ka, kb);
    let shortest = ka.len().min(kb.len());
    if (shortest >= 5 && d <= 1) || (shortest >= 9 && d <= 2) {
        return true;
    }
    // Same first word (or its start), the rest initials or missing:
    // `Anne B.`, `anne`, `Flo M.`.
    let initials = |short: &[String], long: &[String]| {
        short.len() <= long.len()
            && short
                .first()
                .zip(long.first())
                .is_some_and(|(s, l)| l.starts_with(s.as_str()) && s.len() >= 3)
            && short
                .iter()
                .zip(long)
                .skip(1)
                .all(|(s, l)| l.starts_with(s.as_str()))
            && (short.len() < long.len() || short.iter().zip(long).any(|(s, l)| s != l))
    };
    initials(wa, wb) || initials(wb, wa)
}
