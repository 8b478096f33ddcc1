//! The "météo de la collaboration": the weather words participants give at
//! the start of a workshop ("Claire : soleil avec un peu de nuages"), read
//! on an ordinal scale and drawn as an accessible chart.
//!
//! Pure: [`weather_prefix`] finds the weather phrase at the start of a text
//! (used by the pad importer), [`classify`] puts a phrase on the scale, and
//! [`render`] turns the entries of every minutes page into HTML: an inline
//! SVG chart (no script, no external resource, `role="img"` with a title and
//! a description) followed by a table that gives the same data as text.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::date::Date;
use crate::text::{escape_html, fold, match_key};

/// One weather entry of one minutes page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WeatherPoint {
    /// Date of the workshop, as written in the front matter.
    pub date: Option<String>,
    /// Title of the minutes page.
    pub page: String,
    /// The person or structure that gave the weather.
    pub who: String,
    /// The weather phrase as said ("soleil avec un peu de nuages").
    pub weather: String,
    pub comment: String,
}

/// The ordinal scale, from the best weather to the worst.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sky {
    Soleil,
    Eclaircies,
    Nuages,
    Brouillard,
    Pluie,
    Orage,
}

impl Sky {
    pub const ALL: [Sky; 6] = [
        Sky::Soleil,
        Sky::Eclaircies,
        Sky::Nuages,
        Sky::Brouillard,
        Sky::Pluie,
        Sky::Orage,
    ];

    /// 0 for sun, 5 for storm.
    pub fn rank(self) -> usize {
        self as usize
    }

    pub fn label(self, lang: &str) -> &'static str {
        let en = lang == "en";
        match self {
            Sky::Soleil if en => "sun",
            Sky::Soleil => "soleil",
            Sky::Eclaircies if en => "sunny spells",
            Sky::Eclaircies => "éclaircies",
            Sky::Nuages if en => "clouds",
            Sky::Nuages => "nuages",
            Sky::Brouillard if en => "fog",
            Sky::Brouillard => "brouillard",
            Sky::Pluie if en => "rain",
            Sky::Pluie => "pluie",
            Sky::Orage if en => "storm",
            Sky::Orage => "orage",
        }
    }
}

/// Weather phrases of several words (folded: lowercase ASCII, no accents),
/// tried before single words.
const PHRASES: &[(&[&str], Sky)] = &[
    (&["soleil", "voile"], Sky::Eclaircies),
    (&["arc", "en", "ciel"], Sky::Eclaircies),
    (&["ciel", "bleu"], Sky::Soleil),
    (&["ciel", "couvert"], Sky::Nuages),
    (&["ciel", "gris"], Sky::Nuages),
    (&["beau", "temps"], Sky::Soleil),
    (&["temps", "gris"], Sky::Nuages),
    (&["temps", "pluvieux"], Sky::Pluie),
];

/// Weather words, folded. Snow counts as rain, hail as a storm.
const WORDS: &[(Sky, &str)] = &[
    (
        Sky::Soleil,
        "soleil soleils ensoleille ensoleillee ensoleilles beau radieux sun sunny",
    ),
    (
        Sky::Eclaircies,
        "eclaircie eclaircies arcenciel mitige mitigee variable",
    ),
    (
        Sky::Nuages,
        "nuage nuages nuageux nuageuse couvert gris grisaille cloud clouds cloudy",
    ),
    (
        Sky::Brouillard,
        "brouillard brouillards brume brumes brumeux brumeuse fog foggy mist",
    ),
    (
        Sky::Pluie,
        "pluie pluies pluvieux pluvieuse averse averses bruine crachin giboulee giboulees \
         neige neigeux rain rainy snow",
    ),
    (
        Sky::Orage,
        "orage orages orageux orageuse tempete tempetes grele ouragan tonnerre foudre \
         tornade cyclone storm stormy thunder",
    ),
];

/// Weather emoji (without their variation selector).
const EMOJI: &[(char, Sky)] = &[
    ('\u{2600}', Sky::Soleil),      // ☀
    ('\u{1F31E}', Sky::Soleil),     // 🌞
    ('\u{1F324}', Sky::Eclaircies), // 🌤
    ('\u{26C5}', Sky::Eclaircies),  // ⛅
    ('\u{1F308}', Sky::Eclaircies), // 🌈
    ('\u{1F325}', Sky::Nuages),     // 🌥
    ('\u{2601}', Sky::Nuages),      // ☁
    ('\u{1F32B}', Sky::Brouillard), // 🌫
    ('\u{1F301}', Sky::Brouillard), // 🌁
    ('\u{1F326}', Sky::Pluie),      // 🌦
    ('\u{1F327}', Sky::Pluie),      // 🌧
    ('\u{1F328}', Sky::Pluie),      // 🌨
    ('\u{2744}', Sky::Pluie),       // ❄
    ('\u{2614}', Sky::Pluie),       // ☔
    ('\u{2602}', Sky::Pluie),       // ☂
    ('\u{26C8}', Sky::Orage),       // ⛈
    ('\u{1F329}', Sky::Orage),      // 🌩
    ('\u{1F32A}', Sky::Orage),      // 🌪
    ('\u{26A1}', Sky::Orage),       // ⚡
];

/// Words that may sit before, between or around weather words
/// ("un peu de", "avec", "plutôt", "et"…).
const FILLERS: &str = "et avec un une peu de des du d quelques quelque plutot tres assez \
    legerement leger legere legers legeres beaucoup grand grande grands gros grosse grosses \
    petit petite petits petites fort forte forts fortes mais puis ou parfois encore toujours \
    sous le la les l en mi and with some a bit of but then";

const SEPARATORS: &[&str] = &[",", "/", "+", "&", "-", "–", "—", "~", ">", "→"];

#[derive(Debug)]
struct Token<'a> {
    text: &'a str,
    end: usize,
    /// Folded word, or empty for a symbol.
    key: String,
}

/// Splits into words (a trailing apostrophe stays with its word: `d'`) and
/// single symbols (an emoji keeps its variation selector).
fn tokens(s: &str) -> Vec<Token<'_>> {
    let mut out = vec![];
    let mut chars = s.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            while let Some(&(i, d)) = chars.peek() {
                let joins_word = d == '-'
                    && s[i + 1..].chars().next().is_some_and(char::is_alphanumeric)
                    && s[..i]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric);
                if d.is_alphanumeric() || joins_word {
                    end = i + d.len_utf8();
                    chars.next();
                } else if d == '\'' || d == '’' {
                    end = i + d.len_utf8();
                    chars.next();
                    break;
                } else {
                    break;
                }
            }
            let text = &s[start..end];
            let key: String = fold(text)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect();
            out.push(Token { text, end, key });
        } else {
            while let Some(&(i, d)) = chars.peek() {
                if matches!(d, '\u{FE0E}' | '\u{FE0F}' | '\u{200D}') {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push(Token {
                text: &s[start..end],
                end,
                key: String::new(),
            });
        }
    }
    out
}

/// The weather term starting at token `i`: its length in tokens and its sky.
fn term_at(toks: &[Token<'_>], i: usize) -> Option<(usize, Sky)> {
    let t = toks.get(i)?;
    if t.key.is_empty() {
        let c = t.text.chars().next()?;
        return EMOJI
            .iter()
            .find(|(e, _)| *e == c)
            .map(|&(_, sky)| (1, sky));
    }
    let phrase = PHRASES.iter().find_map(|(words, sky)| {
        let matches =
            words.len() <= toks.len() - i && words.iter().zip(&toks[i..]).all(|(w, t)| t.key == *w);
        matches.then_some((words.len(), *sky))
    });
    phrase.or_else(|| {
        WORDS
            .iter()
            .find(|(_, words)| words.split_whitespace().any(|w| w == t.key))
            .map(|&(sky, _)| (1, sky))
    })
}

fn is_filler(t: &Token<'_>) -> bool {
    if t.key.is_empty() {
        SEPARATORS.contains(&t.text)
    } else {
        FILLERS.split_whitespace().any(|w| w == t.key)
    }
}

/// The length in bytes of the weather phrase that opens `text`, if it opens
/// with one: `soleil avec un peu de nuages manque de transversalité` gives
/// the length of `soleil avec un peu de nuages`. Leading modifiers
/// (`plutôt`, `un peu de`) belong to the phrase; trailing ones do not.
pub fn weather_prefix(text: &str) -> Option<usize> {
    let toks = tokens(text);
    let mut i = 0;
    let mut end = None;
    while i < toks.len() {
        if let Some((len, _)) = term_at(&toks, i) {
            i += len;
            end = Some(toks[i - 1].end);
        } else if is_filler(&toks[i]) {
            i += 1;
        } else {
            break;
        }
    }
    end
}

/// Puts a weather phrase on the scale: a single word gives its own level,
/// a mix gives the rounded mean (`soleil avec un peu de nuages` is
/// éclaircies, ties go to the worse weather). `None` when no weather word.
pub fn classify(phrase: &str) -> Option<Sky> {
    let toks = tokens(phrase);
    let mut found = vec![];
    let mut i = 0;
    while i < toks.len() {
        match term_at(&toks, i) {
            Some((len, sky)) => {
                found.push(sky.rank());
                i += len;
            }
            None => i += 1,
        }
    }
    if found.is_empty() {
        return None;
    }
    let n = found.len();
    let sum: usize = found.iter().sum();
    let mean = (2 * sum + n) / (2 * n);
    Sky::ALL.get(mean).copied()
}

/// Marker shapes and colours (Okabe–Ito, readable on light and dark
/// backgrounds); the shape varies too, so colour is never the only cue.
const COLOURS: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];
const SHAPES: usize = 5;

struct Strings {
    title: &'static str,
    caption: &'static str,
    legend: &'static str,
    who: &'static str,
    date: &'static str,
    page: &'static str,
    weather: &'static str,
    level: &'static str,
    comment: &'static str,
    none: &'static str,
    undated: &'static str,
    unknown: &'static str,
}

const FR: Strings = Strings {
    title: "Météo de la collaboration",
    caption: "Météo de la collaboration, par structure ou personne et par atelier",
    legend: "Chaque ligne suit une structure ou une personne d’un atelier à l’autre : plus le point est haut, plus le temps est beau. Le tableau qui suit donne les mêmes météos, avec les commentaires.",
    who: "Structure ou personne",
    date: "Date",
    page: "Atelier",
    weather: "Météo donnée",
    level: "Sur l’échelle",
    comment: "Commentaire",
    none: "Aucune météo n’a encore été relevée dans les comptes rendus.",
    undated: "sans date",
    unknown: "non classée",
};

const EN: Strings = Strings {
    title: "Collaboration weather",
    caption: "Collaboration weather, by structure or person and by workshop",
    legend: "Each line follows a structure or a person from one workshop to the next: the higher the point, the fairer the weather. The table below gives the same entries, with their comments.",
    who: "Structure or person",
    date: "Date",
    page: "Workshop",
    weather: "Weather given",
    level: "On the scale",
    comment: "Comment",
    none: "No weather has been recorded in the minutes yet.",
    undated: "undated",
    unknown: "not classified",
};

/// One workshop on the time axis.
struct Occasion {
    date: Option<Date>,
    raw_date: Option<String>,
    page: String,
}

/// The entries arranged for drawing: workshops in time order and one
/// series per structure or person.
struct Model<'a> {
    lang: &'a str,
    s: &'static Strings,
    points: &'a [WeatherPoint],
    occasions: Vec<Occasion>,
    /// The occasion of each point.
    occasion_of: Vec<usize>,
    /// Position on the time axis of each occasion.
    x_of: Vec<usize>,
    /// Occasions in time order.
    order: Vec<usize>,
    /// (display name, points in time order).
    series: Vec<(String, Vec<usize>)>,
}

impl<'a> Model<'a> {
    fn new(points: &'a [WeatherPoint], lang: &'a str) -> Model<'a> {
        let s = if lang == "en" { &EN } else { &FR };
        // Workshops in time order (undated ones last, by title).
        let mut occasions: Vec<Occasion> = vec![];
        let mut occasion_of = Vec::with_capacity(points.len());
        for p in points {
            let raw = p.date.as_ref().map(|d| d.trim().to_string());
            let i = occasions
                .iter()
                .position(|o| o.raw_date == raw && o.page == p.page)
                .unwrap_or_else(|| {
                    occasions.push(Occasion {
                        date: raw.as_deref().and_then(Date::parse),
                        raw_date: raw.clone(),
                        page: p.page.clone(),
                    });
                    occasions.len() - 1
                });
            occasion_of.push(i);
        }
        let mut order: Vec<usize> = (0..occasions.len()).collect();
        order.sort_by(|&a, &b| {
            let (oa, ob) = (&occasions[a], &occasions[b]);
            (oa.date.is_none(), oa.date, &oa.raw_date, &oa.page).cmp(&(
                ob.date.is_none(),
                ob.date,
                &ob.raw_date,
                &ob.page,
            ))
        });
        let mut x_of = vec![0; occasions.len()];
        for (x, &o) in order.iter().enumerate() {
            x_of[o] = x;
        }
        // Series: one per structure or person, matched forgivingly, sorted by key.
        let mut by_key: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
        for (i, p) in points.iter().enumerate() {
            let name = p.who.trim();
            let key = match match_key(name) {
                k if k.is_empty() => name.to_string(),
                k => k,
            };
            by_key
                .entry(key)
                .or_insert_with(|| (name.to_string(), vec![]))
                .1
                .push(i);
        }
        let mut series: Vec<(String, Vec<usize>)> = by_key.into_values().collect();
        for (_, members) in &mut series {
            members.sort_by_key(|&i| (x_of[occasion_of[i]], i));
        }
        Model {
            lang,
            s,
            points,
            occasions,
            occasion_of,
            x_of,
            order,
            series,
        }
    }

    fn occasion_label(&self, o: usize) -> String {
        let o = &self.occasions[o];
        match (&o.date, &o.raw_date) {
            (Some(d), _) => d.display(self.lang),
            (None, Some(r)) if !r.is_empty() => r.clone(),
            _ => self.s.undated.to_string(),
        }
    }
}

/// The chart and the table for `points`, in `lang` (`fr` or `en`).
pub fn render(points: &[WeatherPoint], lang: &str) -> String {
    let m = Model::new(points, lang);
    let s = m.s;
    if points.is_empty() {
        return format!("<p class=\"weather-empty\">{}</p>\n", s.none);
    }
    let mut html = String::new();
    html.push_str("<figure class=\"weather\">\n");
    chart(&mut html, &m);
    let _ = writeln!(html, "<figcaption>{}</figcaption>\n</figure>", s.legend);
    table(&mut html, &m);
    html
}

/// The same data as the chart, as a table: one row per entry.
fn table(html: &mut String, m: &Model<'_>) {
    let s = m.s;
    let _ = writeln!(
        html,
        "<table class=\"weather-table\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        escape_html(s.caption),
        s.who,
        s.date,
        s.page,
        s.weather,
        s.level,
        s.comment
    );
    for (name, members) in &m.series {
        for &i in members {
            let p = &m.points[i];
            let o = m.occasion_of[i];
            let level = classify(&p.weather).map_or(s.unknown, |sky| sky.label(m.lang));
            let _ = writeln!(
                html,
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape_html(name),
                escape_html(&m.occasion_label(o)),
                escape_html(&m.occasions[o].page),
                escape_html(&p.weather),
                escape_html(level),
                escape_html(&p.comment)
            );
        }
    }
    html.push_str("</tbody>\n</table>\n");
}

const LEFT: usize = 120;
const TOP: usize = 20;
const ROW: usize = 40;
const STEP: usize = 140;
const RIGHT: usize = 60;
const AXIS_LABELS: usize = 56;
const LEGEND_ROW: usize = 24;

fn chart(html: &mut String, m: &Model<'_>) {
    let (s, lang, points) = (m.s, m.lang, m.points);
    let n_x = m.occasions.len();
    let plot_w = STEP * n_x.saturating_sub(1).max(1);
    let width = LEFT + plot_w + RIGHT;
    let plot_h = ROW * (Sky::ALL.len() - 1);
    let legend_top = TOP + plot_h + AXIS_LABELS;
    let height = legend_top + LEGEND_ROW * m.series.len() + 8;
    let x_at = |x: usize| {
        if n_x == 1 {
            LEFT + plot_w / 2
        } else {
            LEFT + STEP * x
        }
    };
    let y_at = |sky: Sky| TOP + ROW * sky.rank();

    let unplaced = points
        .iter()
        .filter(|p| classify(&p.weather).is_none())
        .count();
    let desc = if lang == "en" {
        format!(
            "{} weather entries from {} structures or people over {} workshops, on a scale from sun (top) to storm (bottom); {} could not be placed on the scale. The table below gives every entry.",
            points.len(),
            m.series.len(),
            n_x,
            unplaced
        )
    } else {
        format!(
            "{} météos données par {} structures ou personnes au fil de {} ateliers, sur une échelle allant du soleil (en haut) à l’orage (en bas) ; {} n’ont pas pu être placées sur l’échelle. Le tableau qui suit reprend chaque météo.",
            points.len(),
            m.series.len(),
            n_x,
            unplaced
        )
    };

    let _ = writeln!(
        html,
        "<svg class=\"weather-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"pb-weather-title pb-weather-desc\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-size=\"13\">"
    );
    let _ = writeln!(
        html,
        "<title id=\"pb-weather-title\">{}</title>\n<desc id=\"pb-weather-desc\">{}</desc>",
        escape_html(s.title),
        escape_html(&desc)
    );

    // Scale: one grid line and label per level.
    html.push_str("<g class=\"weather-scale\" fill=\"currentColor\">\n");
    for sky in Sky::ALL {
        let y = y_at(sky);
        let _ = writeln!(
            html,
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"currentColor\" stroke-opacity=\"0.25\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LEFT - 30,
            LEFT + plot_w + 30,
            LEFT - 38,
            y + 4,
            escape_html(sky.label(lang))
        );
    }
    // Time axis: one label per workshop (its date, or "sans date").
    for &o in &m.order {
        let _ = writeln!(
            html,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x_at(m.x_of[o]),
            TOP + plot_h + 28,
            escape_html(&short(&m.occasion_label(o), 22))
        );
    }
    html.push_str("</g>\n");

    // One line and marker shape per structure or person, and its legend entry.
    for (k, (name, members)) in m.series.iter().enumerate() {
        let colour = COLOURS[k % COLOURS.len()];
        let shape = (k / COLOURS.len() + k) % SHAPES;
        // Series are nudged sideways so that equal answers stay visible.
        let nudge = 4 * (k % 5) as isize - 8;
        let pts: Vec<(isize, usize, usize)> = members
            .iter()
            .filter_map(|&i| {
                classify(&points[i].weather).map(|sky| {
                    let x = x_at(m.x_of[m.occasion_of[i]]) as isize + nudge;
                    (x, y_at(sky), i)
                })
            })
            .collect();
        let _ = writeln!(
            html,
            "<g class=\"weather-series\" stroke=\"{colour}\" fill=\"{colour}\">"
        );
        if pts.len() > 1 {
            let coords: Vec<String> = pts.iter().map(|(x, y, _)| format!("{x},{y}")).collect();
            let _ = writeln!(
                html,
                "<polyline points=\"{}\" fill=\"none\" stroke-width=\"2.5\"/>",
                coords.join(" ")
            );
        }
        for &(x, y, i) in &pts {
            let tip = format!(
                "{name} – {} : {}",
                m.occasion_label(m.occasion_of[i]),
                points[i].weather
            );
            marker(html, shape, x, y as isize, &tip);
        }
        let ly = legend_top + LEGEND_ROW * k;
        marker(html, shape, 16, ly as isize, name);
        let _ = writeln!(
            html,
            "<text x=\"30\" y=\"{}\" fill=\"currentColor\" stroke=\"none\">{}</text>\n</g>",
            ly + 4,
            escape_html(name)
        );
    }
    html.push_str("</svg>\n");
}

/// A marker of one of the shapes, centred on (x, y), with a tooltip.
fn marker(html: &mut String, shape: usize, x: isize, y: isize, tip: &str) {
    let tip = escape_html(tip);
    let (xf, yf) = (x as f64, y as f64);
    let _ = match shape {
        0 => writeln!(
            html,
            "<circle cx=\"{x}\" cy=\"{y}\" r=\"6\"><title>{tip}</title></circle>"
        ),
        1 => writeln!(
            html,
            "<rect x=\"{}\" y=\"{}\" width=\"11\" height=\"11\"><title>{tip}</title></rect>",
            xf - 5.5,
            yf - 5.5
        ),
        2 => writeln!(
            html,
            "<path d=\"M{x} {} L{} {} L{} {} Z\"><title>{tip}</title></path>",
            yf - 7.0,
            xf + 7.0,
            yf + 5.0,
            xf - 7.0,
            yf + 5.0
        ),
        3 => writeln!(
            html,
            "<path d=\"M{x} {} L{} {y} L{x} {} L{} {y} Z\"><title>{tip}</title></path>",
            yf - 7.5,
            xf + 7.5,
            yf + 7.5,
            xf - 7.5
        ),
        _ => writeln!(
            html,
            "<path d=\"M{x} {} L{} {} L{} {} Z\"><title>{tip}</title></path>",
            yf + 7.0,
            xf + 7.0,
            yf - 5.0,
            xf - 7.0,
            yf - 5.0
        ),
    };
}

/// At most `max` characters, with an ellipsis when cut.
fn short(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(date: Option<&str>, page: &str, who: &str, weather: &str) -> WeatherPoint {
        WeatherPoint {
            date: date.map(str::to_string),
            page: page.to_string(),
            who: who.to_string(),
            weather: weather.to_string(),
            comment: String::new(),
        }
    }

    #[test]
    fn prefixes() {
        let cases = [
            ("soleil", Some("soleil")),
            (
                "soleil avec un peu de nuages manque de transversalité",
                Some("soleil avec un peu de nuages"),
            ),
            (
                "brouillard - on en parle mais on sait pas comment faire",
                Some("brouillard"),
            ),
            ("plutôt éclaircies !", Some("plutôt éclaircies")),
            ("Grand beau", Some("Grand beau")),
            ("☀️ mais fragile", Some("☀️")),
            ("arc-en-ciel après l'orage", Some("arc-en-ciel")),
            ("un peu de pluie, beaucoup de vent", Some("un peu de pluie")),
            ("il faut u", None),
            ("", None),
            ("de la", None),
            ("pas de soleil", None),
        ];
        for (text, want) in cases {
            let got = weather_prefix(text).map(|n| &text[..n]);
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn classification() {
        assert_eq!(classify("soleil"), Some(Sky::Soleil));
        assert_eq!(classify("Grand beau"), Some(Sky::Soleil));
        assert_eq!(
            classify("soleil avec un peu de nuages"),
            Some(Sky::Eclaircies)
        );
        assert_eq!(classify("Éclaircies"), Some(Sky::Eclaircies));
        assert_eq!(classify("NUAGES"), Some(Sky::Nuages));
        assert_eq!(classify("brouillard"), Some(Sky::Brouillard));
        assert_eq!(
            classify("pluie et orage"),
            Some(Sky::Orage),
            "ties go to the worse"
        );
        assert_eq!(classify("neige"), Some(Sky::Pluie));
        assert_eq!(classify("⛈️"), Some(Sky::Orage));
        assert_eq!(classify("🌫"), Some(Sky::Brouillard));
        assert_eq!(classify("bof"), None);
    }

    /// Tags open and close in order (a tiny XML well-formedness check).
    fn assert_well_formed(html: &str) {
        let mut stack: Vec<String> = vec![];
        let mut rest = html;
        while let Some(i) = rest.find('<') {
            let after = &rest[i + 1..];
            let end = after.find('>').expect("unclosed tag");
            let tag = &after[..end];
            assert!(!tag.contains('<'), "`<` inside a tag: {tag}");
            if let Some(name) = tag.strip_prefix('/') {
                let open = stack.pop().expect("closing tag without opening");
                assert_eq!(open, name.trim(), "mismatched tags");
            } else if !tag.ends_with('/') {
                let name: String = tag
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect();
                stack.push(name);
            }
            // Attribute values are quoted and contain no raw quote.
            assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
            rest = &after[end + 1..];
        }
        assert!(stack.is_empty(), "unclosed: {stack:?}");
        assert!(!rest.contains('>'));
    }

    #[test]
    fn chart_and_table() {
        let mut points = vec![
            point(
                Some("2024-11-14"),
                "Atelier 1",
                "Claire",
                "soleil avec un peu de nuages",
            ),
            point(
                Some("2024-11-14"),
                "Atelier 1",
                "Mairie de St Ouen",
                "brouillard",
            ),
            point(Some("2025-03-01"), "Atelier 2", "claire", "pluie"),
            point(None, "Atelier sans date", "<b>Claire & co</b>", "bof"),
        ];
        points[0].comment = "manque de \"transversalité\"".into();
        let html = render(&points, "fr");
        assert_well_formed(&html);
        assert!(html.contains("role=\"img\""));
        assert!(html.contains("<title id=\"pb-weather-title\">Météo de la collaboration</title>"));
        assert!(html.contains("<desc id=\"pb-weather-desc\">4 météos données par 3 structures"));
        assert!(html.contains("<caption>"));
        for banned in [
            "<script",
            "href",
            "url(",
            "<image",
            "<foreignObject",
            "<b>",
            "style=",
        ] {
            assert!(!html.contains(banned), "{banned} in {html}");
        }
        assert!(html.contains("&lt;b&gt;Claire &amp; co&lt;/b&gt;"));
        assert!(html.contains("manque de &quot;transversalité&quot;"));
        // Claire and claire are one series: one polyline from éclaircies to rain.
        assert_eq!(html.matches("<polyline").count(), 1);
        let y = |sky: Sky| TOP + ROW * sky.rank();
        // Claire is the second series (sorted by name), nudged 4 px left.
        let line = format!(
            "points=\"{},{} {},{}\"",
            LEFT - 4,
            y(Sky::Eclaircies),
            LEFT + STEP - 4,
            y(Sky::Pluie)
        );
        assert!(html.contains(&line), "{html}");
        // Dates in French, the undated workshop last.
        let d1 = html.find("14 novembre 2024").unwrap();
        let d2 = html.find("1er mars 2025").unwrap();
        let d3 = html.find("sans date").unwrap();
        assert!(d1 < d2 && d2 < d3);
        // Every entry is in the table, unclassified ones included.
        assert_eq!(html.matches("<tr><th scope=\"row\">").count(), 4);
        assert!(html.contains("<td>bof</td><td>non classée</td>"));
    }

    #[test]
    fn english_and_empty() {
        assert!(render(&[], "fr").contains("Aucune météo"));
        let html = render(&[point(Some("2025-01-02"), "W", "Ann", "sun")], "en");
        assert_well_formed(&html);
        assert!(html.contains("2 January 2025"));
        assert!(html.contains(">storm</text>"));
    }
}
