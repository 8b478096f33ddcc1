//! Callout and admonition types: their style family and their title in
//! the site's language.

/// Callout and admonition types (Obsidian's, with their aliases, and the
/// GitHub, VuePress, Docusaurus, MkDocs and GitBook ones): `(type, family,
/// français, English)`. The family gives the style; the title is the
/// type's own word, in the site's language.
pub(super) const CALLOUTS: &[(&str, &str, &str, &str)] = &[
    ("note", "note", "Note", "Note"),
    ("abstract", "abstract", "Résumé", "Abstract"),
    ("summary", "abstract", "Résumé", "Summary"),
    ("tldr", "abstract", "En bref", "TL;DR"),
    ("info", "info", "Information", "Info"),
    ("todo", "todo", "À faire", "To do"),
    ("tip", "tip", "Astuce", "Tip"),
    ("hint", "tip", "Conseil", "Hint"),
    ("important", "tip", "Important", "Important"),
    ("success", "success", "Réussite", "Success"),
    ("check", "success", "Vérifié", "Check"),
    ("done", "success", "Fait", "Done"),
    ("question", "question", "Question", "Question"),
    ("help", "question", "Aide", "Help"),
    ("faq", "question", "Questions fréquentes", "FAQ"),
    ("warning", "warning", "Attention", "Warning"),
    ("caution", "warning", "Prudence", "Caution"),
    ("attention", "warning", "Attention", "Attention"),
    ("failure", "failure", "Échec", "Failure"),
    ("fail", "failure", "Échec", "Fail"),
    ("missing", "failure", "Manquant", "Missing"),
    ("danger", "danger", "Danger", "Danger"),
    ("error", "danger", "Erreur", "Error"),
    ("bug", "bug", "Bogue", "Bug"),
    ("example", "example", "Exemple", "Example"),
    ("quote", "quote", "Citation", "Quote"),
    ("cite", "quote", "Citation", "Cite"),
    ("details", "note", "Détails", "Details"),
];

/// The style family and the default title of a callout type (lower-case).
/// A type no tool defines (`[!lexique]`) is styled as a note and titled
/// with its own name.
pub fn callout(kind: &str, english: bool) -> (&'static str, String) {
    match CALLOUTS.iter().find(|c| c.0 == kind) {
        Some((_, family, fr, en)) => (family, (if english { en } else { fr }).to_string()),
        None => {
            let spaced = kind.replace(['-', '_'], " ");
            let mut c = spaced.trim().chars();
            let title = c
                .next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default();
            ("note", title)
        }
    }
}
