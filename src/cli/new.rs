//! `playbook new`: creates a page from a template, with the right front
//! matter and an ASCII file name.

use std::path::{Path, PathBuf};

use anyhow::bail;
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::diagnostic::UsageError;
use crate::site::order_prefix;
use crate::text::slugify;
use crate::yaml::{Quoted, QuotedList, quoted, quoted_list};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum NewKind {
    /// Workshop minutes, in content/ateliers/
    #[value(alias = "compte-rendu", alias = "atelier")]
    Minutes,
    /// A step of the guide, in content/guide/ (numbered after the last one)
    #[value(alias = "etape")]
    Guide,
    /// A typology, in content/typologies/
    #[value(alias = "typologie")]
    Typology,
    /// Any other page, at the top of content/
    Page,
}

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// What to create
    kind: NewKind,
    /// Title of the page (the file name is made from it)
    title: String,
    /// Site folder (holding content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

pub(crate) fn execute(a: NewArgs) -> i32 {
    match new(&a) {
        Ok(path) => {
            println!("{}", path.display());
            0
        }
        Err(e) => super::report_error(&e),
    }
}

fn new(a: &NewArgs) -> anyhow::Result<PathBuf> {
    let title = a.title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(UsageError(format!(
            "the title `{}` has no letter or digit to make a file name from",
            a.title
        ))
        .into());
    }
    let content = if a.root == Path::new(".") {
        PathBuf::from("content")
    } else {
        a.root.join("content")
    };
    let dir = match a.kind {
        NewKind::Minutes => content.join("ateliers"),
        NewKind::Guide => content.join("guide"),
        NewKind::Typology => content.join("typologies"),
        NewKind::Page => content,
    };
    // `05-commencer-petit.md` and `commencer-petit.md` would share a URL.
    if let Some(other) = same_name(&dir, &slug) {
        bail!(
            "`{}` already exists with this name; choose another title or edit that page",
            other.display()
        );
    }
    let path = dir.join(format!("{slug}.md"));
    let text = template(a.kind, title, &super::import::today(), next_order(&dir));
    std::fs::create_dir_all(&dir).map_err(|e| {
        anyhow::anyhow!(e).context(format!("cannot create the folder `{}`", dir.display()))
    })?;
    super::import::write_page(&path, text.as_bytes(), false).map_err(|e| {
        if path.exists() {
            anyhow::anyhow!(
                "`{}` already exists; choose another title or edit that page",
                path.display()
            )
        } else {
            e
        }
    })?;
    Ok(path)
}

/// A Markdown file of `dir` whose name, without its order prefix, gives `slug`.
fn same_name(dir: &Path, slug: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir).ok()?.flatten().find_map(|e| {
        let name = e.file_name().to_string_lossy().into_owned();
        let stem = name.strip_suffix(".md")?;
        (slugify(order_prefix(stem).1) == slug).then(|| e.path())
    })
}

/// One more than the highest `order` (front matter, else file-name prefix)
/// of the pages of `dir`.
fn next_order(dir: &Path) -> i64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 1;
    };
    let mut max = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".md") else {
            continue;
        };
        if stem == "_index" {
            continue;
        }
        let from_front = std::fs::read_to_string(e.path()).ok().and_then(|text| {
            crate::frontmatter::split(&text, &e.path())
                .ok()
                .and_then(|s| s.front.order)
        });
        if let Some(order) = from_front.or(order_prefix(stem).0) {
            max = max.max(order);
        }
    }
    max + 1
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
        },
        order: (kind == NewKind::Guide).then_some(order),
    };
    let rest = match kind {
        NewKind::Minutes => {
            "facilitators: []\n\
             scribes: []\n\
             timekeepers: []\n\
             participants: []\n\
             # Une ligne par temps de l'atelier, dans l'ordre, par exemple :\n\
             #   - { number: 1, title: \"Origines et finalités\", start: \"14h35\", end: \"14h55\", scribes: [\"Anne\"], timekeepers: [\"Paul\"] }\n\
             #   - { title: \"Pause\", start: \"15h20\", end: \"15h40\", break: true }\n\
             rotations: []\n\
             # La météo de la collaboration, par exemple :\n\
             #   - { who: \"Mairie de Saint-Ouen\", weather: \"brouillard\", comment: \"on en parle\" }\n\
             weather: []\n\
             ---\n\
             \n\
             La question de l'atelier, puis ce qui s'est dit, rotation par rotation.\n\
             \n\
             ## Rotation 1\n"
        }
        NewKind::Guide => {
            "---\n\
             \n\
             ## Pourquoi\n\
             \n\
             ## Comment faire\n\
             \n\
             ## Pièges à éviter\n\
             \n\
             ## Issu de l'atelier\n"
        }
        NewKind::Typology => {
            "# L'axe de la typologie (par exemple Intensité, Origine ou Périmètre)\n\
             # et le niveau de cette page sur cet axe (1, 2, 3…).\n\
             axis: \"À préciser\"\n\
             level: \"À préciser\"\n\
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
        }
        NewKind::Page => "---\n\n",
    };
    format!("---\n{}{rest}", crate::yaml::to_string(&head))
}

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
        ] {
            for title in [
                "Coopération \"inter\": directions",
                "no",
                "- [x] #1 & *2 | \\ {{ a }}",
                "a\u{2028}b\u{85}c\u{1b}",
            ] {
                let text = template(kind, title, "2025-01-02", 10);
                let s = crate::frontmatter::split(&text, Path::new("x.md"))
                    .unwrap_or_else(|e| panic!("{kind:?}: {}", e[0]));
                assert_eq!(s.front.title.as_deref(), Some(title));
                assert_eq!(s.front.date.as_deref(), Some("2025-01-02"));
                if kind == NewKind::Guide {
                    assert_eq!(s.front.order, Some(10));
                }
            }
        }
    }
}
