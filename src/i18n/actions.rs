//! The strings of "Prochains pas": the next steps and milestones gathered
//! from the workshops and pages, and their calendar.

/// `(key, français, English)`.
pub(super) const ACTIONS: &[(&str, &str, &str)] = &[
    ("actions_title", "Prochains pas", "Next steps"),
    (
        "actions_lead",
        "Toutes les actions décidées dans les ateliers et les pages du playbook : qui fait quoi, pour quand.",
        "Every action decided in the workshops and pages of the playbook: who does what, by when.",
    ),
    ("actions_as_of", "État au", "As of"),
    ("actions_open", "à faire", "open"),
    ("actions_overdue", "en retard", "overdue"),
    ("actions_done", "faites", "done"),
    ("action_state_open", "À faire", "Open"),
    ("action_state_overdue", "En retard", "Overdue"),
    ("action_state_done", "Fait", "Done"),
    ("action_what", "Action", "Action"),
    ("action_who", "Responsable", "Owner"),
    ("action_due", "Échéance", "Due"),
    ("action_state", "État", "State"),
    ("action_source", "Source", "Source"),
    ("action_no_owner", "à attribuer", "unassigned"),
    ("action_no_due", "sans date", "no date"),
    ("action_milestone", "Jalon", "Milestone"),
    ("actions_all", "Toutes les actions", "All actions"),
    ("actions_by_person", "Par personne", "By person"),
    (
        "actions_by_workshop",
        "Par atelier ou page",
        "By workshop or page",
    ),
    ("actions_by_state", "Par état", "By state"),
    (
        "actions_filter",
        "Filtrer les actions",
        "Filter the actions",
    ),
    ("actions_filter_all", "Toutes", "All"),
    ("actions_filter_reset", "Tout afficher", "Show all"),
    ("actions_shown", "actions affichées", "actions shown"),
    (
        "actions_none",
        "Aucune action n’a encore été notée. Écrivez-en une dans n’importe quelle page : « - [ ] Tester … @Prénom 📅 2025-03-31 ».",
        "No action has been written yet. Write one in any page: “- [ ] Try … @Name 📅 2025-03-31”.",
    ),
    ("actions_of_page", "Actions", "Actions"),
    ("actions_of_person", "Actions", "Actions"),
    (
        "actions_see_all",
        "Tous les prochains pas",
        "All next steps",
    ),
    (
        "milestones_title",
        "Jalons des 6 prochains mois",
        "Milestones of the next 6 months",
    ),
    (
        "milestones_desc",
        "Frise du {from} au {to} : {count} jalons. Le tableau à côté donne les mêmes jalons.",
        "Timeline from {from} to {to}: {count} milestones. The table beside it gives the same milestones.",
    ),
    (
        "milestones_none",
        "Aucun jalon dans les 6 prochains mois.",
        "No milestone in the next 6 months.",
    ),
    (
        "actions_calendar",
        "Calendrier des actions (.ics)",
        "Calendar of the actions (.ics)",
    ),
    (
        "workshops_calendar",
        "Prochains ateliers (.ics)",
        "Next workshops (.ics)",
    ),
    ("actions_calendar_name", "Prochains pas", "Next steps"),
    (
        "workshops_calendar_name",
        "Prochains ateliers",
        "Next workshops",
    ),
];
