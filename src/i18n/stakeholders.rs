//! The strings of the stakeholder maps (`kind: cartographie`): the
//! influence/interest matrix, the relations graph and their tables.

/// `(key, français, English)`.
pub(super) const STAKEHOLDERS: &[(&str, &str, &str)] = &[
    (
        "sh_matrix_title",
        "Carte des parties prenantes : influence et intérêt",
        "Stakeholder map: influence and interest",
    ),
    (
        "sh_matrix_desc",
        "{actors} selon leur intérêt pour le projet (de 1 à 5, de gauche à droite) et leur influence sur sa réussite (de 1 à 5, de bas en haut). Par attitude : {attitudes}. Par façon de les associer : {quadrants}. Le tableau qui suit donne le détail.",
        "{actors} by their interest in the project (1 to 5, left to right) and their influence on its success (1 to 5, bottom to top). By attitude: {attitudes}. By way of involving them: {quadrants}. The table below gives the details.",
    ),
    (
        "sh_axis_interest",
        "Intérêt pour le projet (de 1 à 5) →",
        "Interest in the project (1 to 5) →",
    ),
    (
        "sh_axis_influence",
        "Influence sur sa réussite (de 1 à 5) →",
        "Influence on its success (1 to 5) →",
    ),
    (
        "sh_caption",
        "Chaque acteur est placé selon son intérêt et son influence ; la forme et la couleur de son repère disent son attitude. La zone teintée réunit les acteurs à embarquer dès le début.",
        "Each actor is placed by its interest and influence; the shape and colour of its marker give its attitude. The shaded area holds the actors to involve from the start.",
    ),
    ("sh_legend", "Attitudes", "Attitudes"),
    ("sh_actors_one", "acteur placé", "actor placed"),
    ("sh_actors", "acteurs placés", "actors placed"),
    (
        "sh_embark",
        "Embarquer dès le début",
        "Involve from the start",
    ),
    (
        "sh_consult",
        "Consulter aux moments clés",
        "Consult at key moments",
    ),
    (
        "sh_involve",
        "Associer régulièrement",
        "Keep closely involved",
    ),
    ("sh_inform", "Tenir au courant", "Keep informed"),
    ("sh_ally", "Allié", "Ally"),
    ("sh_neutral", "Neutre", "Neutral"),
    ("sh_reluctant", "Réticent", "Reluctant"),
    ("sh_opposed", "Opposé", "Opposed"),
    ("sh_unknown", "Inconnu", "Unknown"),
    ("sh_kind_elected", "Élus", "Elected officials"),
    ("sh_kind_management", "Direction", "Management"),
    ("sh_kind_service", "Service", "Service"),
    ("sh_kind_staff", "Agents", "Staff"),
    ("sh_kind_partner", "Partenaire", "Partner"),
    ("sh_kind_user", "Usagers", "Users"),
    ("sh_kind_other", "Autre", "Other"),
    (
        "sh_table_caption",
        "Les acteurs, des plus décisifs aux moins décisifs",
        "The actors, most decisive first",
    ),
    ("sh_actor", "Acteur", "Actor"),
    ("sh_structure", "Structure", "Organisation"),
    ("sh_kind", "Type", "Kind"),
    ("sh_influence", "Influence", "Influence"),
    ("sh_interest", "Intérêt", "Interest"),
    ("sh_attitude", "Attitude", "Attitude"),
    ("sh_strategy", "Comment l’associer", "How to involve them"),
    ("sh_brings", "Ce qu’il apporte", "What they bring"),
    ("sh_relations", "Relations", "Relations"),
    (
        "sh_maps",
        "Cartographies des parties prenantes",
        "Stakeholder maps",
    ),
];
