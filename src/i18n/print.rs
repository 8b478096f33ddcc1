//! The strings of the printable document and of diagrams.

/// `(key, français, English)`.
pub(super) const PRINT: &[(&str, &str, &str)] = &[
    (
        "print_link",
        "Version imprimable / PDF",
        "Printable version / PDF",
    ),
    ("print_title", "version imprimable", "printable version"),
    (
        "print_button",
        "Imprimer ou enregistrer en PDF",
        "Print or save as PDF",
    ),
    (
        "print_hint",
        "Cette page rassemble toutes les pages de la rubrique en un seul document, à imprimer ou à enregistrer en PDF (Ctrl+P, puis « Enregistrer au format PDF »).",
        "This page gathers every page of the section into one document, to print or save as PDF (Ctrl+P, then “Save as PDF”).",
    ),
    ("print_back", "Revenir à la rubrique", "Back to the section"),
    ("print_contents", "Sommaire", "Contents"),
    ("print_intro", "Introduction", "Introduction"),
    ("print_version_of", "Version du", "Version of"),
    (
        "print_contributors",
        "Avec les contributions de",
        "With contributions from",
    ),
    ("diagram", "Diagramme", "Diagram"),
    ("diagram_source", "Source du diagramme", "Diagram source"),
];
