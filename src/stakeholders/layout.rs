//! Where each actor of a stakeholder map goes on the influence × interest
//! matrix, and where its label goes so that no two labels overlap. Pure and
//! deterministic: the same actors give the same drawing, byte for byte.
//!
//! Actors sharing a cell (same scores) are spread on a small grid inside it.
//! Each label is then tried around its marker, nearest first (right, left,
//! above, below, the diagonals), then further out on growing rings, with a
//! leader line back to the marker; the first box that stays inside the plot
//! and meets no other label, marker or quadrant title wins. Text widths are
//! estimated from a table of glyph widths that errs on the wide side (DejaVu
//! Sans, the widest of the fonts the theme names), so a box is never
//! narrower than the text a browser draws in it.

/// The drawing's size and margins, in SVG units.
pub const WIDTH: f64 = 760.0;
pub const HEIGHT: f64 = 560.0;
pub const LEFT: f64 = 76.0;
pub const RIGHT: f64 = 12.0;
pub const TOP: f64 = 12.0;
pub const BOTTOM: f64 = 68.0;
pub const PLOT_W: f64 = WIDTH - LEFT - RIGHT;
pub const PLOT_H: f64 = HEIGHT - TOP - BOTTOM;
/// One score step.
pub const CELL_W: f64 = PLOT_W / 5.0;
pub const CELL_H: f64 = PLOT_H / 5.0;
/// Labels.
pub const FONT: f64 = 13.0;
pub const LINE: f64 = 16.0;
/// Quadrant titles.
pub const QUADRANT_FONT: f64 = 12.0;
/// A marker's radius.
pub const RADIUS: f64 = 7.0;
/// Room kept at the top of each cell for the quadrant titles.
const CELL_TOP: f64 = 24.0;
/// The distance between the markers of actors sharing a cell.
const SPACING: f64 = 22.0;
/// Space kept around every box.
const PAD: f64 = 2.0;
/// Labels longer than this are written on two lines.
const WRAP: usize = 20;

/// A box, in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn overlaps(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    fn inflate(&self, d: f64) -> Rect {
        Rect {
            x: self.x - d,
            y: self.y - d,
            w: self.w + 2.0 * d,
            h: self.h + 2.0 * d,
        }
    }

    fn inside(&self, o: &Rect) -> bool {
        self.x >= o.x
            && self.y >= o.y
            && self.x + self.w <= o.x + o.w
            && self.y + self.h <= o.y + o.h
    }
}

/// An actor's marker and label.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The marker's centre.
    pub x: f64,
    pub y: f64,
    /// The label's box and its lines.
    pub label: Rect,
    pub lines: Vec<String>,
    /// From the marker's edge to the label, when the label had to move away.
    pub leader: Option<(f64, f64, f64, f64)>,
}

/// The whole matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub actors: Vec<Placed>,
    /// The quadrant titles' boxes, in [`super::Strategy::ALL`] order.
    pub quadrants: Vec<Rect>,
    /// Labels that found no free place (drawn anyway): 0 unless a cell
    /// holds dozens of actors.
    pub crowded: usize,
}

/// The plot area.
pub fn plot() -> Rect {
    Rect {
        x: LEFT,
        y: TOP,
        w: PLOT_W,
        h: PLOT_H,
    }
}

/// The x of the left edge of interest `score`'s column.
pub fn column(score: u8) -> f64 {
    LEFT + CELL_W * f64::from(score.clamp(1, 5) - 1)
}

/// The y of the top edge of influence `score`'s row (5 at the top).
pub fn row(score: u8) -> f64 {
    TOP + CELL_H * f64::from(5 - score.clamp(1, 5))
}

/// Places `actors` (influence, interest, label) and the quadrant titles
/// (in [`super::Strategy::ALL`] order).
pub fn place(actors: &[(u8, u8, &str)], quadrant_titles: [&str; 4]) -> Layout {
    let high = super::HIGH;
    // Top-left corner of each quadrant, Strategy::ALL order.
    let corners = [
        (column(high), row(5)),
        (column(1), row(5)),
        (column(high), row(high - 1)),
        (column(1), row(high - 1)),
    ];
    let quadrants: Vec<Rect> = corners
        .iter()
        .zip(quadrant_titles)
        .map(|(&(x, y), t)| Rect {
            x: x + 6.0,
            y: y + 4.0,
            w: text_width(t, QUADRANT_FONT) * 1.12 + 4.0,
            h: LINE,
        })
        .collect();

    // Markers: actors sharing a cell on a grid inside it.
    let mut markers = vec![(0.0, 0.0); actors.len()];
    let mut cells: std::collections::BTreeMap<(u8, u8), Vec<usize>> =
        std::collections::BTreeMap::default();
    for (i, &(inf, int, _)) in actors.iter().enumerate() {
        cells
            .entry((inf.clamp(1, 5), int.clamp(1, 5)))
            .or_default()
            .push(i);
    }
    for (&(inf, int), members) in &cells {
        let n = members.len();
        let cols = (n as f64).sqrt().ceil() as usize;
        let rows = n.div_ceil(cols);
        let usable = CELL_H - CELL_TOP - 4.0;
        // Close together around the cell's centre, so that the cluster
        // still reads as one score.
        let step = SPACING
            .min((CELL_W - 2.0 * RADIUS) / cols as f64)
            .min((usable - 2.0 * RADIUS) / rows as f64);
        let (cx, cy) = (
            column(int) + CELL_W / 2.0,
            row(inf) + CELL_TOP + usable / 2.0,
        );
        for (k, &i) in members.iter().enumerate() {
            let (c, r) = (k % cols, k / cols);
            // The last row, when shorter, is centred too.
            let in_row = if r + 1 == rows { n - r * cols } else { cols };
            markers[i] = (
                cx + step * (c as f64 - (in_row as f64 - 1.0) / 2.0),
                cy + step * (r as f64 - (rows as f64 - 1.0) / 2.0),
            );
        }
    }

    let bounds = plot();
    let mut obstacles: Vec<Rect> = quadrants.iter().map(|q| q.inflate(PAD)).collect();
    obstacles.extend(markers.iter().map(|&(x, y)| Rect {
        x: x - RADIUS - PAD,
        y: y - RADIUS - PAD,
        w: 2.0 * (RADIUS + PAD),
        h: 2.0 * (RADIUS + PAD),
    }));
    let mut placed = Vec::with_capacity(actors.len());
    let mut crowded = 0;
    for (i, &(_, _, label)) in actors.iter().enumerate() {
        let (mx, my) = markers[i];
        let lines = wrap(label);
        let w = lines
            .iter()
            .map(|l| text_width(l, FONT))
            .fold(0.0, f64::max)
            + 4.0;
        let h = LINE * lines.len() as f64;
        // Its own marker is not in the way.
        let own = quadrants.len() + i;
        let free = |r: &Rect| {
            r.inside(&bounds)
                && obstacles
                    .iter()
                    .enumerate()
                    .all(|(k, o)| k == own || !r.overlaps(o))
        };
        let found = candidates(mx, my, w, h).find(|(r, _)| free(r));
        let (rect, far) = found.unwrap_or_else(|| {
            crowded += 1;
            (
                Rect {
                    x: (mx + RADIUS + 3.0).min(bounds.x + bounds.w - w),
                    y: my - h / 2.0,
                    w,
                    h,
                },
                false,
            )
        });
        obstacles.push(rect.inflate(PAD));
        let leader = far.then(|| {
            let nx = mx.clamp(rect.x, rect.x + rect.w);
            let ny = my.clamp(rect.y, rect.y + rect.h);
            let (dx, dy) = (nx - mx, ny - my);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            (
                mx + dx / len * (RADIUS + 1.0),
                my + dy / len * (RADIUS + 1.0),
                nx,
                ny,
            )
        });
        placed.push(Placed {
            x: mx,
            y: my,
            label: rect,
            lines,
            leader,
        });
    }
    Layout {
        actors: placed,
        quadrants,
        crowded,
    }
}

/// Boxes for a `w`×`h` label around the marker at (`mx`, `my`), nearest
/// first; `true` when the box is far enough to need a leader line.
fn candidates(mx: f64, my: f64, w: f64, h: f64) -> impl Iterator<Item = (Rect, bool)> {
    (0..40).flat_map(move |ring| {
        let g = RADIUS + 3.0 + 7.0 * f64::from(ring);
        let d = g * std::f64::consts::FRAC_1_SQRT_2;
        [
            (mx + g, my - h / 2.0),
            (mx - g - w, my - h / 2.0),
            (mx - w / 2.0, my - g - h),
            (mx - w / 2.0, my + g),
            (mx + d, my - d - h),
            (mx + d, my + d),
            (mx - d - w, my - d - h),
            (mx - d - w, my + d),
        ]
        .into_iter()
        .map(move |(x, y)| (Rect { x, y, w, h }, ring > 1))
    })
}

/// A label on one line, or two when it is long (cut at the space nearest
/// its middle).
pub fn wrap(label: &str) -> Vec<String> {
    let label = label.trim();
    if label.chars().count() <= WRAP {
        return vec![label.to_string()];
    }
    let middle = label.len() / 2;
    let cut = label
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle));
    match cut {
        Some(i) => vec![label[..i].to_string(), label[i + 1..].to_string()],
        None => vec![label.to_string()],
    }
}

/// The width of `s` at `size`, never less than a browser draws it.
pub fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 'I' | '.' | ',' | ';' | ':' | '\'' | '’' | '!' | '|' | 'í' | 'ï'
            | 'î' => 0.32,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' | '/' | '«' | '»' => 0.46,
            'm' | 'w' => 1.0,
            'M' | 'W' | 'Œ' | 'Æ' | 'œ' | 'æ' => 1.08,
            c if c.is_uppercase() => 0.8,
            c if c.is_ascii_digit() => 0.66,
            _ => 0.66,
        })
        .sum();
    em * size * 1.04
}
