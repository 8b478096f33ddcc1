//! Stakeholder maps (`kind: cartographie`): the actors a page's front matter
//! lists under `acteurs` (or `actors`), read and checked here, in the parse
//! stage; `layout.rs` places them on the influence × interest matrix with
//! labels that never overlap, and `svg.rs` draws it. Pure.
//!
//! Each actor has a `nom` (`name`), an optional `structure`, a `type`
//! (`kind`: élu, direction, service, agents, partenaire, usager, autre), an
//! `influence` and an `intérêt` (`interest`) from 1 to 5, an `attitude`
//! (allié, neutre, réticent, opposé, inconnu), what it can bring (`apport`)
//! and `liens` (`links`) to other actors of the map, each with a label. A
//! faulty actor or link is left out with a warning that names the file, the
//! line and the fix, in the site's language; the rest of the map is drawn.

pub mod layout;
mod lines;
pub mod svg;

#[cfg(test)]
mod tests;

use std::path::Path;

use serde::Serialize;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::messages::{Message, msg};
use crate::text::match_key;
use lines::Lines;

/// What kind of actor this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Elected,
    Management,
    Service,
    Staff,
    Partner,
    User,
    Other,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Elected,
        Kind::Management,
        Kind::Service,
        Kind::Staff,
        Kind::Partner,
        Kind::User,
        Kind::Other,
    ];

    fn parse(s: &str) -> Option<Kind> {
        Some(match match_key(s).as_str() {
            "elu" | "elus" | "elue" | "elues" | "elected" | "elected official" | "executif" => {
                Kind::Elected
            }
            "direction" | "directions" | "direction generale" | "management" | "dg" => {
                Kind::Management
            }
            "service" | "services" | "department" => Kind::Service,
            "agent" | "agents" | "staff" => Kind::Staff,
            "partenaire" | "partenaires" | "partner" | "partners" => Kind::Partner,
            "usager" | "usagers" | "habitant" | "habitants" | "user" | "users" | "resident"
            | "residents" => Kind::User,
            "autre" | "other" => Kind::Other,
            _ => return None,
        })
    }

    /// The UI string key of the kind (`src/i18n.rs`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Elected => "sh_kind_elected",
            Kind::Management => "sh_kind_management",
            Kind::Service => "sh_kind_service",
            Kind::Staff => "sh_kind_staff",
            Kind::Partner => "sh_kind_partner",
            Kind::User => "sh_kind_user",
            Kind::Other => "sh_kind_other",
        }
    }
}

/// Where an actor stands on the project: drawn by shape and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Attitude {
    Ally,
    Neutral,
    Reluctant,
    Opposed,
    Unknown,
}

impl Attitude {
    pub const ALL: [Attitude; 5] = [
        Attitude::Ally,
        Attitude::Neutral,
        Attitude::Reluctant,
        Attitude::Opposed,
        Attitude::Unknown,
    ];

    fn parse(s: &str) -> Option<Attitude> {
        Some(match match_key(s).as_str() {
            "allie" | "alliee" | "allies" | "favorable" | "ally" | "supportive" => Attitude::Ally,
            "neutre" | "neutral" => Attitude::Neutral,
            "reticent" | "reticente" | "reservé" | "reserve" | "hesitant" | "reluctant" => {
                Attitude::Reluctant
            }
            "oppose" | "opposee" | "opposant" | "defavorable" | "opposed" => Attitude::Opposed,
            "inconnu" | "inconnue" | "unknown" | "" => Attitude::Unknown,
            _ => return None,
        })
    }

    /// Stable identifier, for CSS classes.
    pub fn id(self) -> &'static str {
        match self {
            Attitude::Ally => "ally",
            Attitude::Neutral => "neutral",
            Attitude::Reluctant => "reluctant",
            Attitude::Opposed => "opposed",
            Attitude::Unknown => "unknown",
        }
    }

    /// The UI string key of the attitude (`src/i18n.rs`).
    pub fn key(self) -> &'static str {
        match self {
            Attitude::Ally => "sh_ally",
            Attitude::Neutral => "sh_neutral",
            Attitude::Reluctant => "sh_reluctant",
            Attitude::Opposed => "sh_opposed",
            Attitude::Unknown => "sh_unknown",
        }
    }
}

/// How to involve an actor, by its place on the matrix: a score of 3 or
/// more is high (the guide's table, step 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Strategy {
    /// High influence, high interest.
    Embark,
    /// High influence, low interest.
    Consult,
    /// Low influence, high interest.
    Involve,
    /// Low influence, low interest.
    Inform,
}

impl Strategy {
    pub const ALL: [Strategy; 4] = [
        Strategy::Embark,
        Strategy::Consult,
        Strategy::Involve,
        Strategy::Inform,
    ];

    pub fn of(influence: u8, interest: u8) -> Strategy {
        match (influence >= HIGH, interest >= HIGH) {
            (true, true) => Strategy::Embark,
            (true, false) => Strategy::Consult,
            (false, true) => Strategy::Involve,
            (false, false) => Strategy::Inform,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Strategy::Embark => "sh_embark",
            Strategy::Consult => "sh_consult",
            Strategy::Involve => "sh_involve",
            Strategy::Inform => "sh_inform",
        }
    }
}

/// The lowest high score.
pub const HIGH: u8 = 3;

/// One actor of a map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actor {
    pub name: String,
    pub structure: Option<String>,
    pub kind: Kind,
    pub influence: u8,
    pub interest: u8,
    pub attitude: Attitude,
    /// What it can bring (`apport`).
    pub brings: Option<String>,
    pub links: Vec<Link>,
}

impl Actor {
    pub fn strategy(&self) -> Strategy {
        Strategy::of(self.influence, self.interest)
    }
}

/// A relation from one actor to another of the same map.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Index into [`Map::actors`].
    pub to: usize,
    pub label: String,
}

/// A page's stakeholder map.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Map {
    pub actors: Vec<Actor>,
}

/// The front-matter keys that hold the actors.
pub const KEYS: [&str; 2] = ["acteurs", "actors"];

/// Reads the actors of a page's front matter (`front_extra`: the fields
/// `frontmatter` does not know). `text` is the whole file (for the lines of
/// the diagnostics), `path` as shown. Never fails: a faulty actor or link
/// is left out, with a warning.
pub fn read(
    front_extra: &std::collections::BTreeMap<String, Value>,
    text: &str,
    path: &Path,
) -> (Map, Vec<Diagnostic>) {
    let mut r = Reader {
        lines: Lines::of(text),
        path,
        warnings: vec![],
    };
    let found = KEYS
        .iter()
        .find_map(|k| front_extra.get(*k).map(|v| (*k, v)));
    let items: &[Value] = match found {
        Some((_, Value::Array(items))) => items,
        Some((key, other)) => {
            let line = r.lines.key;
            r.warn(
                line,
                msg!("sh-not-a-list", key = key, found = describe(other)),
                msg!("sh-not-a-list-help"),
            );
            &[]
        }
        None => &[],
    };
    let mut map = Map::default();
    // Link targets are names: read every actor first.
    let mut pending: Vec<(usize, usize, Vec<NamedLink>)> = vec![];
    for (i, item) in items.iter().enumerate() {
        if let Some((actor, links)) = r.actor(i, item) {
            if let Some(other) = map
                .actors
                .iter()
                .find(|a| match_key(&a.name) == match_key(&actor.name))
            {
                let line = r.lines.field(i, &["nom", "name"]);
                r.warn(
                    line,
                    msg!("sh-duplicate", name = other.name.as_str()),
                    msg!("sh-duplicate-help"),
                );
                continue;
            }
            pending.push((map.actors.len(), i, links));
            map.actors.push(actor);
        }
    }
    for (a, item, links) in pending {
        for (to, label) in links {
            let target = map
                .actors
                .iter()
                .position(|x| match_key(&x.name) == match_key(&to));
            match target {
                Some(t) if t != a => map.actors[a].links.push(Link { to: t, label }),
                _ => {
                    let line = r.lines.field(item, &["liens", "links"]);
                    let names: Vec<&str> = map.actors.iter().map(|x| x.name.as_str()).collect();
                    r.warn(
                        line,
                        msg!(
                            "sh-link-unknown",
                            from = map.actors[a].name.as_str(),
                            to = to.as_str()
                        ),
                        msg!("sh-link-unknown-help", names = names.join(", ")),
                    );
                }
            }
        }
    }
    if map.actors.is_empty() && r.warnings.is_empty() {
        r.warn(r.lines.kind, msg!("sh-no-actor"), msg!("sh-no-actor-help"));
    }
    (map, r.warnings)
}

/// A link as written: the target's name and the label.
type NamedLink = (String, String);

struct Reader<'a> {
    lines: Lines,
    path: &'a Path,
    warnings: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn warn(&mut self, line: usize, message: Message, help: Message) {
        self.warnings.push(
            Diagnostic::warning(self.path, line, usize::from(line > 0), message).with_help(help),
        );
    }

    /// Actor number `i` (0-based) and its links (target name, label).
    fn actor(&mut self, i: usize, item: &Value) -> Option<(Actor, Vec<NamedLink>)> {
        let n = i + 1;
        let Value::Object(fields) = item else {
            let line = self.lines.item(i);
            self.warn(
                line,
                msg!("sh-actor-not-fields", n = n, found = describe(item)),
                msg!("sh-actor-not-fields-help"),
            );
            return None;
        };
        let get = |keys: &[&str]| {
            fields
                .iter()
                .find(|(k, _)| keys.iter().any(|key| match_key(k) == match_key(key)))
                .map(|(_, v)| v)
        };
        let text = |v: Option<&Value>| match v {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Number(x)) => Some(x.to_string()),
            _ => None,
        };
        let Some(name) = text(get(&["nom", "name"])) else {
            let line = self.lines.item(i);
            self.warn(
                line,
                msg!("sh-actor-no-name", n = n),
                msg!("sh-actor-no-name-help"),
            );
            return None;
        };
        // `field`: the score's English key, which the messages name in the
        // site's language.
        let score = |r: &mut Self, keys: &[&str], field: &str| -> Option<u8> {
            let v = get(keys);
            let parsed = match v {
                Some(Value::Number(x)) => x.as_u64(),
                Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
                _ => None,
            };
            match parsed {
                Some(s @ 1..=5) => Some(s as u8),
                _ => {
                    let line = r.lines.field(i, keys);
                    let message = match v {
                        Some(v) => msg!(
                            "sh-bad-score",
                            name = name.as_str(),
                            field = field,
                            found = describe(v)
                        ),
                        None => msg!("sh-no-score", name = name.as_str(), field = field),
                    };
                    r.warn(line, message, msg!("sh-score-help", field = field));
                    None
                }
            }
        };
        let influence = score(self, &["influence"], "influence");
        let interest = score(self, &["intérêt", "interet", "interest"], "interest");
        let (influence, interest) = (influence?, interest?);
        let kind = match text(get(&["type", "kind"])) {
            None => Kind::Other,
            Some(k) => Kind::parse(&k).unwrap_or_else(|| {
                let line = self.lines.field(i, &["type", "kind"]);
                self.warn(
                    line,
                    msg!("sh-kind-unknown", kind = k.as_str(), name = name.as_str()),
                    msg!("sh-kind-unknown-help"),
                );
                Kind::Other
            }),
        };
        let attitude = match text(get(&["attitude", "posture"])) {
            None => Attitude::Unknown,
            Some(a) => Attitude::parse(&a).unwrap_or_else(|| {
                let line = self.lines.field(i, &["attitude", "posture"]);
                self.warn(
                    line,
                    msg!(
                        "sh-attitude-unknown",
                        attitude = a.as_str(),
                        name = name.as_str()
                    ),
                    msg!("sh-attitude-unknown-help"),
                );
                Attitude::Unknown
            }),
        };
        let mut links = vec![];
        match get(&["liens", "links", "relations"]) {
            None | Some(Value::Null) => {}
            Some(Value::Array(items)) => {
                for l in items {
                    let (to, label) = match l {
                        Value::Object(o) => {
                            let f = |keys: &[&str]| {
                                o.iter()
                                    .find(|(k, _)| {
                                        keys.iter().any(|key| match_key(k) == match_key(key))
                                    })
                                    .and_then(|(_, v)| text(Some(v)))
                            };
                            (
                                f(&["vers", "to", "acteur", "actor"]),
                                f(&["libellé", "libelle", "label", "relation"]).unwrap_or_default(),
                            )
                        }
                        Value::String(s) => (Some(s.trim().to_string()), String::new()),
                        _ => (None, String::new()),
                    };
                    match to {
                        Some(to) => links.push((to, label)),
                        None => {
                            let line = self.lines.field(i, &["liens", "links", "relations"]);
                            self.warn(
                                line,
                                msg!("sh-link-no-target", name = name.as_str()),
                                msg!("sh-link-no-target-help"),
                            );
                        }
                    }
                }
            }
            Some(other) => {
                let line = self.lines.field(i, &["liens", "links", "relations"]);
                self.warn(
                    line,
                    msg!(
                        "sh-links-not-list",
                        name = name.as_str(),
                        found = describe(other)
                    ),
                    msg!("sh-links-not-list-help"),
                );
            }
        }
        Some((
            Actor {
                name,
                structure: text(get(&["structure", "organisation", "organization"])),
                kind,
                influence,
                interest,
                attitude,
                brings: text(get(&[
                    "apport",
                    "apports",
                    "brings",
                    "resources",
                    "ressources",
                ])),
                links: vec![],
            },
            links,
        ))
    }
}

/// What a value is, in words (in the messages above).
fn describe(v: &Value) -> Message {
    match v {
        Value::Null => msg!("sh-value-nothing"),
        Value::Bool(b) => msg!("sh-value-bool", value = b.to_string()),
        Value::Number(n) => msg!("sh-value-number", value = n.to_string()),
        Value::String(s) => msg!("sh-value-text", value = s.as_str()),
        Value::Array(_) => msg!("sh-value-list"),
        Value::Object(_) => msg!("sh-value-fields"),
    }
}
