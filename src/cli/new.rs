//! `playbook new`: creates a page from a template, with the right front
//! matter and an ASCII file name.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::diagnostic::{Failure, UsageError};
use crate::messages::Message;
use crate::messages::msg;
use crate::scaffold::{MINUTES_SAMPLE, PLACEHOLDER};
use crate::site::order_prefix;
use crate::text::slugify;
use crate::yaml::{Quoted, QuotedList, quoted, quoted_list};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum NewKind {
    /// Workshop minutes, in content/ateliers/
    #[value(alias = "compte-rendu", alias = "atelier")]
    Minutes,
    /// A step of the guide, in content/guide/ (numbered after the last one, and said so)
    #[value(alias = "etape")]
    Guide,
    /// A typology, in content/typologies/
    #[value(alias = "typologie")]
    Typology,
    /// Any other page, at the top of content/
    Page,
    /// A stakeholder map (influence × interest), in content/cartographies/
    #[value(name = "cartographie", alias = "stakeholders")]
    Stakeholders,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// What to create
    kind: NewKind,
    /// Title of the page (the file name is made from it)
    title: String,
    /// Site folder (holding content/) [default: this folder or the nearest one above that holds a site]
    #[arg(long)]
    root: Option<PathBuf>,
}

pub(crate) fn execute(a: &NewArgs) -> i32 {
    let root = match super::root::locate(a.root.clone()) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let lang = super::site_lang(&root);
    match new(a, &root) {
        Ok((path, steps)) => {
            println!("{}", path.display());
            match a.kind {
                NewKind::Guide => {
                    eprintln!("{}", guide_step(&steps, &path, a.title.trim()).render(lang));
                }
                NewKind::Stakeholders => eprintln!(
                    "{}",
                    msg!("new-stakeholders", page = path.display()).render(lang)
                ),
                NewKind::Typology => eprintln!(
                    "{}",
                    msg!("new-typology", value = PLACEHOLDER, page = path.display()).render(lang)
                ),
                NewKind::Minutes | NewKind::Page => {}
            }
            0
        }
        Err(e) => super::report_error(&e, lang),
    }
}

/// Creates the page; returns its path and the steps of its folder before it.
fn new(a: &NewArgs, root: &Path) -> anyhow::Result<(PathBuf, Steps)> {
    let title = a.title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(UsageError(msg!("new-no-slug", title = &a.title)).into());
    }
    let content = if root == Path::new(".") {
        PathBuf::from("content")
    } else {
        root.join("content")
    };
    let dir = match a.kind {
        NewKind::Minutes => content.join("ateliers"),
        NewKind::Guide => content.join("guide"),
        NewKind::Typology => content.join("typologies"),
        NewKind::Page => content,
        NewKind::Stakeholders => content.join("cartographies"),
    };
    // `05-commencer-petit.md` and `commencer-petit.md` would share a URL.
    if let Some(other) = same_name(&dir, &slug) {
        return Err(Failure(msg!("new-exists", page = other.display())).into());
    }
    let steps = steps(&dir);
    let order = steps.last.as_ref().map_or(1, |(o, _)| o + 1);
    // A guide whose steps are numbered in their file names (`05-…`) gets
    // the next number, so the folder lists in the guide's order.
    let name = match steps.prefix_width {
        Some(width) if a.kind == NewKind::Guide => format!("{order:0width$}-{slug}.md"),
        _ => format!("{slug}.md"),
    };
    let path = dir.join(name);
    let text = template(a.kind, title, &super::import::today(), order);
    std::fs::create_dir_all(&dir).map_err(|e| {
        anyhow::anyhow!(e).context(Failure(msg!(
            "fs-cannot",
            action = "create",
            path = dir.display()
        )))
    })?;
    super::import::write_page(&path, text.as_bytes(), false).map_err(|e| {
        if path.exists() {
            Failure(msg!("new-exists", page = path.display())).into()
        } else {
            e
        }
    })?;
    Ok((path, steps))
}

/// A Markdown file of `dir` whose name, without its order prefix, gives `slug`.
fn same_name(dir: &Path, slug: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".md")?;
        (slugify(order_prefix(stem).1) == slug).then(|| e.path())
    })
}

/// The ordered pages of a folder, as `new` sees them.
#[derive(Debug, Default)]
struct Steps {
    /// The highest `order` (front matter, else file-name prefix) and that
    /// page's title.
    last: Option<(i64, String)>,
    /// When every page's file name starts with its number (`05-…`): the
    /// widest number, in digits.
    prefix_width: Option<usize>,
    /// The folder has an `_index.md` (it may list the steps by hand).
    index: Option<PathBuf>,
}

/// The pages of `dir` (none when it does not exist yet).
fn steps(dir: &Path) -> Steps {
    let mut steps = Steps::default();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return steps;
    };
    let (mut pages, mut prefixed, mut width) = (0, 0, 0);
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        if stem == "_index" {
            steps.index = Some(e.path());
            continue;
        }
        pages += 1;
        let (prefix, rest) = order_prefix(stem);
        if prefix.is_some() {
            prefixed += 1;
            width =
                width.max(stem.len() - stem.trim_start_matches(|c: char| c.is_ascii_digit()).len());
        }
        let front = std::fs::read_to_string(e.path()).ok().and_then(|text| {
            crate::frontmatter::split(&text, &e.path())
                .ok()
                .map(|s| s.front)
        });
        let Some(order) = front.as_ref().and_then(|f| f.order).or(prefix) else {
            continue;
        };
        if steps.last.as_ref().is_none_or(|(max, _)| order > *max) {
            let title = front
                .and_then(|f| f.title)
                .unwrap_or_else(|| rest.to_string());
            steps.last = Some((order, title));
        }
    }
    if pages > 0 && prefixed == pages {
        steps.prefix_width = Some(width);
    }
    steps
}

/// Where the new step of the guide goes, and how to move it.
fn guide_step(before: &Steps, page: &Path, title: &str) -> Message {
    let Some((order, previous)) = &before.last else {
        return msg!("new-guide-first", page = page.display());
    };
    msg!(
        "new-guide-step",
        order = order + 1,
        previous = previous.as_str(),
        page = page.display(),
        prefixed = if before.prefix_width.is_some() {
            "yes"
        } else {
            "no"
        },
        has_index = if before.index.is_some() { "yes" } else { "no" },
        index = before
            .index
            .as_ref()
            .map_or(String::new(), |i| i.display().to_string()),
        title = title
    )
}

/// The head of a new page's front matter, in the order it is written;
/// `template` adds the lines of each kind (with comments) after it.
#[derive(Serialize)]
struct Head {
    title: Quoted,
    description: Quoted,
    date: Quoted,
    authors: QuotedList,
    tags: QuotedList,
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<i64>,
}

/// The new page's text.
fn template(kind: NewKind, title: &str, today: &str, order: i64) -> String {
    let head = Head {
        title: quoted(title),
        description: quoted(""),
        date: quoted(today),
        authors: quoted_list(&[]),
        tags: quoted_list(&[]),
        kind: match kind {
            NewKind::Minutes => "minutes",
            NewKind::Guide => "guide",
            NewKind::Typology => "typology",
            NewKind::Page => "page",
            NewKind::Stakeholders => "cartographie",
        },
        order: (kind == NewKind::Guide).then_some(order),
    };
    let rest = match kind {
        NewKind::Minutes => format!(
            "facilitators: []\n\
             scribes: []\n\
             timekeepers: []\n\
             participants: []\n\
             # Une ligne par temps de l'atelier, dans l'ordre, par exemple :\n\
             #   - {{ number: 1, title: \"Origines et finalités\", start: \"14h35\", end: \"14h55\", scribes: [\"Anne\"], timekeepers: [\"Paul\"] }}\n\
             #   - {{ title: \"Pause\", start: \"15h20\", end: \"15h40\", break: true }}\n\
             rotations: []\n\
             # La météo de la collaboration, par exemple :\n\
             #   - {{ who: \"Mairie de Saint-Ouen\", weather: \"brouillard\", comment: \"on en parle\" }}\n\
             weather: []\n\
             ---\n\
             \n\
             {MINUTES_SAMPLE}\n\
             \n\
             ## Rotation 1\n"
        ),
        NewKind::Guide => "---\n\
             \n\
             ## Pourquoi\n\
             \n\
             ## Comment faire\n\
             \n\
             ## Pièges à éviter\n\
             \n\
             ## Issu de l'atelier\n"
            .to_string(),
        NewKind::Typology => format!(
            "# L'axe de la typologie (par exemple Intensité, Origine ou Périmètre)\n\
             # et le niveau de cette page sur cet axe (1, 2, 3…).\n\
             axis: \"{PLACEHOLDER}\"\n\
             level: \"{PLACEHOLDER}\"\n\
             ---\n\
             \n\
             ## Définition\n\
             \n\
             ## Signes qui ne trompent pas\n\
             \n\
             ## Exemples en collectivité\n\
             \n\
             ## Risques\n\
             \n\
             ## Pour aller plus loin\n"
        ),
        NewKind::Page => "---\n\n".to_string(),
        NewKind::Stakeholders => STAKEHOLDERS.to_string(),
    };
    format!("---\n{}{rest}", crate::yaml::to_string(&head))
}

/// The actors and body of a new stakeholder map: two examples to replace,
/// and every field explained.
const STAKEHOLDERS: &str = "\
# Un acteur par entrée : une personne, un service, une structure, un groupe.
#   nom        : comme on le nomme (une personne ou une structure du playbook
#                y est reliée à sa page) ;
#   structure  : facultatif, la structure dont il fait partie ;
#   type       : élu, direction, service, agents, partenaire, usager ou autre ;
#   influence  : de 1 (aucune) à 5 (décisive) sur la réussite du projet ;
#   intérêt    : de 1 (aucun) à 5 (très fort) pour le projet ;
#   attitude   : allié, neutre, réticent, opposé ou inconnu ;
#   apport     : facultatif, ce qu'il peut apporter ;
#   liens      : facultatif, ses relations avec d'autres acteurs de la carte.
# Parlez de positions sur le sujet, pas de personnes : la carte peut circuler.
acteurs:
  - nom: \"Direction générale\"
    type: direction
    influence: 5
    intérêt: 3
    attitude: inconnu
    apport: \"Le portage au plus haut niveau\"
  - nom: \"Agents volontaires\"
    type: agents
    influence: 2
    intérêt: 4
    attitude: allié
    liens:
      - { vers: \"Direction générale\", libellé: \"à convaincre\" }
---

## Ce que montre la carte

## Prochains pas
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_parse() {
        for kind in [
            NewKind::Minutes,
            NewKind::Guide,
            NewKind::Typology,
            NewKind::Page,
            NewKind::Stakeholders,
        ] {
            for title in [
                "Coopération \"inter\": directions",
                "no",
                "- [x] #1 & *2 | \\ {{ a }}",
                "a\u{2028}b\u{85}c\u{1b}",
            ] {
                let text = template(kind, title, "2025-01-02", 10);
                let s = crate::frontmatter::split(&text, Path::new("x.md"))
                    .unwrap_or_else(|e| panic!("{kind:?}: {:?}", e[0]));
                assert_eq!(s.front.title.as_deref(), Some(title));
                assert_eq!(s.front.date.as_deref(), Some("2025-01-02"));
                if kind == NewKind::Guide {
                    assert_eq!(s.front.order, Some(10));
                }
            }
        }
    }
}
