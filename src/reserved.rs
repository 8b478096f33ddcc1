//! The addresses of the pages playbook generates (tags, pages to create,
//! people…): content may not use them. A leaf: every layer may read it.

/// URLs of the generated pages; content may not use them.
pub const TAGS_URL: &str = "etiquettes/";
pub const MISSING_URL: &str = "pages-a-creer/";
pub const TYPOLOGIES_URL: &str = "vue-d-ensemble-des-typologies/";
pub const WEATHER_URL: &str = "meteo/";
/// Contributor credits: one page per person under `personnes/`.
pub const PEOPLE_URL: &str = "personnes/";
pub const CONTRIBUTORS_URL: &str = "contributeurs/";
pub const STRUCTURES_URL: &str = "structures/";
pub const RECENT_URL: &str = "dernieres-modifications/";
/// The Atom feed of the recent changes, at the site root.
pub const FEED_FILE: &str = "atom.xml";
/// The search results page; the index sits below it (`search::DIR`).
pub const SEARCH_URL: &str = "recherche/";
/// f-actions: "Prochains pas", every action of the site.
pub const ACTIONS_URL: &str = "prochains-pas/";
/// The calendars of the actions and of the workshops to come, at the site root.
pub const ACTIONS_ICS: &str = "actions.ics";
pub const WORKSHOPS_ICS: &str = "prochains-ateliers.ics";
pub const RESERVED: &[&str] = &[
    "assets/",
    TAGS_URL,
    MISSING_URL,
    TYPOLOGIES_URL,
    WEATHER_URL,
    PEOPLE_URL,
    CONTRIBUTORS_URL,
    STRUCTURES_URL,
    RECENT_URL,
    SEARCH_URL,
    // f-actions
    ACTIONS_URL,
    ACTIONS_ICS,
    WORKSHOPS_ICS,
];

// f-print: the printable version of a section is `<section>/imprimer/`
// (see `print::documents`); not in `RESERVED`, which holds root addresses.
pub const PRINT_SLUG: &str = "imprimer/";
