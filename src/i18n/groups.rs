//! Collective and anonymous mentions, in every language, that the credits
//! show as text rather than as a person.

/// Collective and anonymous mentions in the people lists of the front
/// matter (`authors`, `facilitators`, `scribes`, `timekeepers`,
/// `participants`): the credits show them as text, never as a person with
/// a page. Compared word by word, without regard to case, accents or
/// punctuation; a final `…` stands for any words after (`une personne…`
/// matches `Une personne de la mairie de Saint-Ouen`). Every language's
/// list applies on every site. `_people.toml` can add one (`group = true`)
/// or make an exception (`group = false`).
pub const GROUP_MENTIONS: &[(&str, &[&str])] = &[
    (
        "fr",
        &[
            "?",
            "tous…",
            "toutes…",
            "tout le monde",
            "tout le groupe",
            "le groupe…",
            "groupe…",
            "l'ensemble…",
            "ensemble des…",
            "collectif…",
            "le collectif…",
            "en collectif",
            "collectivement",
            "collaboratif",
            "les participants",
            "les participantes",
            "participants",
            "des participants…",
            "plusieurs…",
            "une personne…",
            "un agent…",
            "une agente…",
            "quelqu'un…",
            "un participant…",
            "une participante…",
            "un membre…",
            "une membre…",
            "un représentant…",
            "une représentante…",
            "l'équipe…",
            "anonyme",
            "inconnu",
            "inconnue",
            "non renseigné",
            "personne",
        ],
    ),
    (
        "en",
        &[
            "all…",
            "everyone",
            "everybody",
            "the group…",
            "the whole group",
            "whole group",
            "the participants",
            "participants",
            "collective…",
            "the collective…",
            "the team…",
            "someone…",
            "somebody…",
            "a person…",
            "a participant…",
            "a member…",
            "several…",
            "anonymous",
            "unknown",
        ],
    ),
];
