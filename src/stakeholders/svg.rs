//! The stakeholder map drawn as an inline SVG: the influence × interest
//! matrix (`role="img"`, a title and a description that sums it up), with
//! each actor's attitude shown by the marker's shape *and* its colour
//! (classes the theme colours, light and dark), and a legend in HTML. Labels
//! are drawn with a halo of the page's colour over the grid lines. No
//! script, no external resource. The table beside it (`render`) gives the
//! same data as text. Its words come from `i18n.rs`.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::layout::{
    self, CELL_H, CELL_W, FONT, HEIGHT, LEFT, LINE, PLOT_H, PLOT_W, QUADRANT_FONT, RADIUS, TOP,
    WIDTH,
};
use super::{Attitude, Map, Strategy};
use crate::text::escape_html;

/// The UI strings (`i18n::strings`).
type Strings = BTreeMap<&'static str, &'static str>;

/// The figure: the matrix, then a caption with the legend.
pub fn figure(map: &Map, strings: &Strings) -> String {
    let titles = Strategy::ALL.map(|s| strings[s.key()]);
    let scores: Vec<(u8, u8, &str)> = map
        .actors
        .iter()
        .map(|a| (a.influence, a.interest, a.name.as_str()))
        .collect();
    let lay = layout::place(&scores, titles);
    let mut html = String::new();
    html.push_str(
        "<figure class=\"stakeholder-map\">\n<div class=\"stakeholder-scroll table-scroll\">\n",
    );
    let _ = writeln!(
        html,
        "<svg class=\"stakeholder-matrix\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-labelledby=\"pb-sh-title pb-sh-desc\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" width=\"{WIDTH}\" height=\"{HEIGHT}\" font-size=\"{FONT}\">"
    );
    let _ = writeln!(
        html,
        "<title id=\"pb-sh-title\">{}</title>\n<desc id=\"pb-sh-desc\">{}</desc>",
        escape_html(strings["sh_matrix_title"]),
        escape_html(&description(map, strings))
    );

    // Quadrants: the high-high one tinted, a title in each corner.
    let (hx, hy) = (layout::column(super::HIGH), layout::row(super::HIGH - 1));
    let _ = writeln!(
        html,
        "<g class=\"sh-plot\">\n<rect class=\"sh-frame\" x=\"{LEFT}\" y=\"{TOP}\" width=\"{PLOT_W}\" height=\"{PLOT_H}\"/>\n<rect class=\"sh-embark\" x=\"{hx}\" y=\"{TOP}\" width=\"{}\" height=\"{}\"/>",
        LEFT + PLOT_W - hx,
        hy - TOP
    );
    for k in 1..5 {
        let x = LEFT + CELL_W * f64::from(k);
        let y = TOP + CELL_H * f64::from(k);
        let _ = writeln!(
            html,
            "<line class=\"sh-grid\" x1=\"{x:.1}\" y1=\"{TOP}\" x2=\"{x:.1}\" y2=\"{}\"/><line class=\"sh-grid\" x1=\"{LEFT}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\"/>",
            TOP + PLOT_H,
            LEFT + PLOT_W
        );
    }
    let _ = writeln!(
        html,
        "<line class=\"sh-divide\" x1=\"{hx:.1}\" y1=\"{TOP}\" x2=\"{hx:.1}\" y2=\"{}\"/><line class=\"sh-divide\" x1=\"{LEFT}\" y1=\"{hy:.1}\" x2=\"{}\" y2=\"{hy:.1}\"/>",
        TOP + PLOT_H,
        LEFT + PLOT_W
    );
    for (r, t) in lay.quadrants.iter().zip(titles) {
        let _ = writeln!(
            html,
            "<text class=\"sh-quadrant\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{QUADRANT_FONT}\">{}</text>",
            r.x + 2.0,
            r.y + 12.0,
            escape_html(t)
        );
    }
    html.push_str("</g>\n");

    // Axes: scores under the columns and beside the rows, then the titles.
    html.push_str("<g class=\"sh-axes\">\n");
    for s in 1..=5u8 {
        let _ = writeln!(
            html,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{s}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{s}</text>",
            layout::column(s) + CELL_W / 2.0,
            TOP + PLOT_H + 20.0,
            LEFT - 10.0,
            layout::row(s) + CELL_H / 2.0 + 4.0
        );
    }
    let _ = writeln!(
        html,
        "<text class=\"sh-axis-title\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
        LEFT + PLOT_W / 2.0,
        HEIGHT - 16.0,
        escape_html(strings["sh_axis_interest"])
    );
    let (ax, ay) = (24.0, TOP + PLOT_H / 2.0);
    let _ = writeln!(
        html,
        "<text class=\"sh-axis-title\" x=\"{ax}\" y=\"{ay:.1}\" text-anchor=\"middle\" transform=\"rotate(-90 {ax} {ay:.1})\">{}</text>",
        escape_html(strings["sh_axis_influence"])
    );
    html.push_str("</g>\n");

    // Actors: marker (shape by attitude), leader line, label on a backing box.
    html.push_str("<g class=\"sh-actors\">\n");
    for (a, p) in map.actors.iter().zip(&lay.actors) {
        let _ = writeln!(html, "<g class=\"sh-actor sh-{}\">", a.attitude.id());
        if let Some((x1, y1, x2, y2)) = p.leader {
            let _ = writeln!(
                html,
                "<line class=\"sh-leader\" x1=\"{x1:.1}\" y1=\"{y1:.1}\" x2=\"{x2:.1}\" y2=\"{y2:.1}\"/>"
            );
        }
        html.push_str(&marker(a.attitude, p.x, p.y, RADIUS));
        let r = p.label;
        let _ = write!(
            html,
            "<text class=\"sh-label\" x=\"{:.1}\" y=\"{:.1}\">",
            r.x + 2.0,
            r.y + 12.0
        );
        for (k, l) in p.lines.iter().enumerate() {
            if k == 0 {
                html.push_str(&escape_html(l));
            } else {
                let _ = write!(
                    html,
                    "<tspan x=\"{:.1}\" dy=\"{LINE}\">{}</tspan>",
                    r.x + 2.0,
                    escape_html(l)
                );
            }
        }
        html.push_str("</text>\n</g>\n");
    }
    html.push_str("</g>\n</svg>\n</div>\n");

    // Caption and legend.
    let _ = writeln!(
        html,
        "<figcaption>\n<p>{}</p>\n<ul class=\"sh-legend\" aria-label=\"{}\">",
        escape_html(strings["sh_caption"]),
        escape_html(strings["sh_legend"])
    );
    for at in Attitude::ALL {
        let _ = writeln!(
            html,
            "<li class=\"sh-{}\"><svg aria-hidden=\"true\" focusable=\"false\" viewBox=\"0 0 18 18\" width=\"18\" height=\"18\">{}</svg>{}</li>",
            at.id(),
            marker(at, 9.0, 9.0, 7.0).trim_end(),
            escape_html(strings[at.key()])
        );
    }
    html.push_str("</ul>\n</figcaption>\n</figure>\n");
    html
}

/// The marker of `attitude` centred on (`x`, `y`): a disc (ally), a square
/// (neutral), a triangle (reluctant), a cross (opposed), a dashed ring
/// (unknown).
fn marker(attitude: Attitude, x: f64, y: f64, r: f64) -> String {
    match attitude {
        Attitude::Ally => {
            format!("<circle class=\"sh-marker\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r}\"/>\n")
        }
        Attitude::Neutral => {
            let s = r * 0.9;
            format!(
                "<rect class=\"sh-marker\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>\n",
                x - s,
                y - s,
                2.0 * s,
                2.0 * s
            )
        }
        Attitude::Reluctant => format!(
            "<path class=\"sh-marker\" d=\"M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z\"/>\n",
            y - r * 1.1,
            x + r * 1.1,
            y + r * 0.8,
            x - r * 1.1,
            y + r * 0.8
        ),
        Attitude::Opposed => {
            // A thick ×: a plus sign turned by 45°, one shape that fills like the others.
            let (a, b) = (r * 1.25, r * 0.36);
            let plus = [
                (b, a),
                (b, b),
                (a, b),
                (a, -b),
                (b, -b),
                (b, -a),
                (-b, -a),
                (-b, -b),
                (-a, -b),
                (-a, b),
                (-b, b),
                (-b, a),
            ];
            let mut d = String::new();
            for (k, (u, v)) in plus.iter().enumerate() {
                let (px, py) = (
                    x + (u - v) * std::f64::consts::FRAC_1_SQRT_2,
                    y + (u + v) * std::f64::consts::FRAC_1_SQRT_2,
                );
                let _ = write!(d, "{}{px:.1} {py:.1}", if k == 0 { "M" } else { "L" });
            }
            format!("<path class=\"sh-marker\" d=\"{d}Z\"/>\n")
        }
        Attitude::Unknown => format!(
            "<circle class=\"sh-marker\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{:.1}\"/>\n",
            r - 1.0
        ),
    }
}

/// What the matrix shows, in words: how many actors, by attitude and by
/// quadrant.
fn description(map: &Map, strings: &Strings) -> String {
    let count = |f: &dyn Fn(&super::Actor) -> bool| map.actors.iter().filter(|a| f(a)).count();
    let attitudes: Vec<String> = Attitude::ALL
        .iter()
        .map(|&at| (at, count(&|a| a.attitude == at)))
        .filter(|&(_, n)| n > 0)
        .map(|(at, n)| format!("{} ({n})", strings[at.key()]))
        .collect();
    let quadrants: Vec<String> = Strategy::ALL
        .iter()
        .map(|&s| (s, count(&|a| a.strategy() == s)))
        .filter(|&(_, n)| n > 0)
        .map(|(s, n)| format!("{} ({n})", strings[s.key()]))
        .collect();
    strings["sh_matrix_desc"]
        .replace(
            "{actors}",
            &format!(
                "{} {}",
                map.actors.len(),
                strings[if map.actors.len() == 1 {
                    "sh_actors_one"
                } else {
                    "sh_actors"
                }]
            ),
        )
        .replace("{attitudes}", &attitudes.join(", "))
        .replace("{quadrants}", &quadrants.join(", "))
}
