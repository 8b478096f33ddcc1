//! The weather page's chart: every weather entry of the minutes pages
//! (`wiki::weather_points`, put on the scale by `weather::classify`) drawn as
//! an inline SVG chart (no script, no external resource, `role="img"` with a
//! title and a description), followed by a table that gives the same data as
//! text. Part of the render stage: `generated.rs` makes it the `content` of
//! the weather page. Its words come from `i18n.rs`.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::date::Date;
use crate::text::{escape_html, match_key};
use crate::weather::{Sky, WeatherPoint, classify};

/// The UI strings (`i18n::strings`).
type Strings = BTreeMap<&'static str, &'static str>;

/// Marker shapes and colours (Okabe–Ito, readable on light and dark
/// backgrounds); the shape varies too, so colour is never the only cue.
const COLOURS: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];
const SHAPES: usize = 5;

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
    strings: &'a Strings,
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
    fn new(points: &'a [WeatherPoint], strings: &'a Strings, lang: &'a str) -> Model<'a> {
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
            strings,
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
            _ => self.strings["weather_undated"].to_string(),
        }
    }
}

/// The chart and the table for `points`, with the UI strings of `lang`
/// (`i18n::strings`; `lang` also writes the dates).
pub fn weather_chart(points: &[WeatherPoint], strings: &Strings, lang: &str) -> String {
    let m = Model::new(points, strings, lang);
    if points.is_empty() {
        return format!(
            "<p class=\"weather-empty\">{}</p>\n",
            escape_html(strings["weather_none"])
        );
    }
    let mut html = String::new();
    html.push_str("<figure class=\"weather\">\n");
    chart(&mut html, &m);
    let _ = writeln!(
        html,
        "<figcaption>{}</figcaption>\n</figure>",
        escape_html(strings["weather_legend"])
    );
    table(&mut html, &m);
    html
}

/// The same data as the chart, as a table: one row per entry.
fn table(html: &mut String, m: &Model<'_>) {
    let strings = m.strings;
    let _ = writeln!(
        html,
        "<table class=\"weather-table\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>",
        escape_html(strings["weather_caption"]),
        escape_html(strings["weather_who"]),
        escape_html(strings["weather_date"]),
        escape_html(strings["weather_workshop"]),
        escape_html(strings["weather_given"]),
        escape_html(strings["weather_level"]),
        escape_html(strings["weather_comment"])
    );
    for (name, members) in &m.series {
        for &i in members {
            let p = &m.points[i];
            let o = m.occasion_of[i];
            let level = classify(&p.weather)
                .map_or(strings["weather_unknown"], |sky| strings[sky_key(sky)]);
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
    let (strings, points) = (m.strings, m.points);
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
    let desc = strings["weather_chart_desc"]
        .replace("{entries}", &points.len().to_string())
        .replace("{series}", &m.series.len().to_string())
        .replace("{workshops}", &n_x.to_string())
        .replace("{unplaced}", &unplaced.to_string());

    let _ = writeln!(
        html,
        "<svg class=\"weather-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"pb-weather-title pb-weather-desc\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" font-size=\"13\">"
    );
    let _ = writeln!(
        html,
        "<title id=\"pb-weather-title\">{}</title>\n<desc id=\"pb-weather-desc\">{}</desc>",
        escape_html(strings["weather"]),
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
            escape_html(strings[sky_key(sky)])
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

/// The UI string naming a level of the scale.
fn sky_key(sky: Sky) -> &'static str {
    match sky {
        Sky::Soleil => "weather_sun",
        Sky::Eclaircies => "weather_sunny_spells",
        Sky::Nuages => "weather_clouds",
        Sky::Brouillard => "weather_fog",
        Sky::Pluie => "weather_rain",
        Sky::Orage => "weather_storm",
    }
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
    use crate::i18n::strings;

    #[test]
    fn every_level_has_a_name_in_every_language() {
        for lang in crate::config::LANGUAGES {
            let strings = strings(lang);
            for sky in Sky::ALL {
                assert!(strings.contains_key(sky_key(sky)), "{sky:?} in {lang}");
            }
        }
    }

    fn point(date: Option<&str>, page: &str, who: &str, weather: &str) -> WeatherPoint {
        WeatherPoint {
            date: date.map(str::to_string),
            page: page.to_string(),
            who: who.to_string(),
            weather: weather.to_string(),
            comment: String::new(),
        }
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
                    .take_while(char::is_ascii_alphanumeric)
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
        let html = weather_chart(&points, &strings("fr"), "fr");
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
        assert!(weather_chart(&[], &strings("fr"), "fr").contains("Aucune météo"));
        let html = weather_chart(
            &[point(Some("2025-01-02"), "W", "Ann", "sun")],
            &strings("en"),
            "en",
        );
        assert_well_formed(&html);
        assert!(html.contains("2 January 2025"));
        assert!(html.contains(">storm</text>"));
    }
}
