//! Radar chart as SVG: one axis per dimension, a ring per level, profiles as
//! polygons (filled for people, outlined for targets). Pure: geometry, then text.
//!
//! Label sizes are estimated (no font metrics here), generously, and the canvas
//! grows to hold every label box, so nothing runs off it; labels wrap, and
//! shrink on crowded charts, so that neighbours do not overlap (tested for 3 to
//! 16 axes with long titles).

use crate::report::Report;
use std::f64::consts::PI;
use std::fmt::Write;

/// One profile drawn on the chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Profile {
    pub name: String,
    /// Position per axis on the level scale; `None` (unanswered) sits at the centre.
    pub values: Vec<Option<f64>>,
    /// Targets are outlines; people are filled.
    pub outline: bool,
    /// What the description says for each axis, in the report's own terms
    /// (`Owns · 2.00`, `at least 3 pts`); empty: the value as a number.
    pub said: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    pub title: String,
    pub axes: Vec<String>,
    /// Level titles, lowest first.
    pub levels: Vec<String>,
    /// The lowest position on the level scale, drawn at the centre: −1 where
    /// the scale has a place below the first level (format 2, points), else 0
    /// (the first level). See [`low_of`].
    pub low: f64,
    pub profiles: Vec<Profile>,
    /// The dimensions' own titles for the description, where an axis label
    /// carries more (the person's step); empty: the axis labels.
    pub dimensions: Vec<String>,
}

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
    pub fn inside(&self, width: f64, height: f64) -> bool {
        self.x >= 0.0 && self.y >= 0.0 && self.x + self.w <= width && self.y + self.h <= height
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub lines: Vec<String>,
    pub x: f64,
    pub y: f64,
    /// SVG text-anchor: start, middle or end.
    pub anchor: &'static str,
    pub bbox: Rect,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub width: f64,
    pub height: f64,
    pub cx: f64,
    pub cy: f64,
    pub radius: f64,
    pub font_size: f64,
    /// Angle of each axis in radians, the first pointing up, clockwise.
    pub angles: Vec<f64>,
    pub labels: Vec<Label>,
    /// Where the legend starts (below the chart).
    pub legend_y: f64,
    levels: usize,
    /// The position at the centre (see [`Chart::low`]).
    low: f64,
}

const RADIUS: f64 = 180.0;
const LABEL_GAP: f64 = 14.0;
const PADDING: f64 = 12.0;
/// Generous average glyph width for sans-serif text, in ems.
const CHAR_EM: f64 = 0.6;
const LINE_EM: f64 = 1.25;
const LEGEND_ROW: f64 = 22.0;

/// Font size and wrap width: smaller and narrower as axes get crowded.
fn label_style(n: usize) -> (f64, usize) {
    match n {
        0..=8 => (13.0, 18),
        9..=12 => (12.0, 14),
        13..=16 => (11.0, 12),
        _ => (10.0, 12),
    }
}

/// Wrap a title into at most three lines at spaces and hyphens, never inside
/// a word: a word longer than a line is shortened with "…", and so is the
/// third line when more would follow.
fn wrap_label(title: &str, width: usize) -> Vec<String> {
    let width = width.max(4);
    let opts = textwrap::Options::new(width).break_words(false);
    let mut lines: Vec<String> = textwrap::wrap(title, opts)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    // A long single word may run a little past the wrap width before it is cut.
    let longest = width + 4;
    let shorten = |line: &str| {
        let keep: String = line.chars().take(longest - 1).collect();
        format!("{}…", keep.trim_end_matches([' ', '-']))
    };
    for line in &mut lines {
        if line.chars().count() > longest {
            *line = shorten(line);
        }
    }
    if lines.len() > 3 {
        lines.truncate(3);
        let last = &lines[2];
        lines[2] = if last.chars().count() < width {
            format!("{}…", last.trim_end())
        } else {
            shorten(last)
        };
    }
    lines
}

impl Geometry {
    /// Radius of a position on the level scale, in proportion: the lowest
    /// position ([`Chart::low`]) at the centre, the top level at the edge.
    pub fn radius_of(&self, value: f64) -> f64 {
        let top = (self.levels - 1) as f64;
        let v = value.clamp(self.low, top);
        self.radius * (v - self.low) / (top - self.low).max(1e-9)
    }

    /// Where the title of ring `level` goes (the middle of the text): on the
    /// ring, halfway between the first two axes, so on no axis; a ring at the
    /// centre has its title a little way out on that line. With one or two
    /// axes the rings are lines along them: the title starts beside the first
    /// axis, at the ring's height (see [`Geometry::ring_label_anchor`]).
    pub fn ring_label_at(&self, level: usize) -> (f64, f64) {
        let n = self.angles.len();
        if n < 3 {
            return (self.cx + self.font_size, self.cy - self.radius_of(level as f64));
        }
        let half = PI / n as f64;
        // The middle of a ring's edge between two axes is nearer the centre than its corners.
        let r = (self.radius_of(level as f64) * half.cos()).max(self.font_size * 1.5);
        (self.cx + r * half.sin(), self.cy - r * half.cos())
    }

    /// SVG text-anchor of the ring titles at [`Geometry::ring_label_at`].
    pub fn ring_label_anchor(&self) -> &'static str {
        if self.angles.len() < 3 { "start" } else { "middle" }
    }

    pub fn point(&self, axis: usize, value: f64) -> (f64, f64) {
        let r = self.radius_of(value);
        let a = self.angles[axis];
        (self.cx + r * a.sin(), self.cy - r * a.cos())
    }
}

/// Lay out a chart with these axis titles, `levels` rings, `low` at the
/// centre (see [`Chart::low`]) and `legend_rows` rows.
pub fn layout(axes: &[String], levels: usize, low: f64, legend_rows: usize) -> Geometry {
    let n = axes.len().max(1);
    let levels = levels.max(2);
    let (font_size, wrap) = label_style(n);
    let angles: Vec<f64> = (0..n).map(|i| 2.0 * PI * i as f64 / n as f64).collect();
    let place = |title_lines: &[String], a: f64, r: f64| -> Label {
        let lines = title_lines.to_vec();
        let (s, c) = (a.sin(), a.cos());
        let (x, y) = (r * s, -r * c);
        let w = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0) as f64 * font_size * CHAR_EM;
        let h = lines.len() as f64 * font_size * LINE_EM;
        let anchor = if s > 0.2 {
            "start"
        } else if s < -0.2 {
            "end"
        } else {
            "middle"
        };
        let left = match anchor {
            "start" => x,
            "end" => x - w,
            _ => x - w / 2.0,
        };
        // Above the chart the block ends at the anchor; below it starts there;
        // at the sides it is centred on it.
        let top = if c > 0.2 {
            y - h
        } else if c < -0.2 {
            y
        } else {
            y - h / 2.0
        };
        Label {
            lines,
            x,
            y: top,
            anchor,
            bbox: Rect { x: left, y: top, w, h },
        }
    };
    // Labels around a centre at (0, 0) first; the canvas is fitted afterwards.
    // On crowded charts a label that would touch one placed before it moves
    // out along its axis until it is clear.
    let mut labels: Vec<Label> = Vec::with_capacity(n);
    for (title, &a) in axes.iter().zip(&angles) {
        let lines = wrap_label(title, wrap);
        let mut r = RADIUS + LABEL_GAP;
        let mut label = place(&lines, a, r);
        for _ in 0..200 {
            if !labels.iter().any(|l: &Label| l.bbox.overlaps(&label.bbox)) {
                break;
            }
            r += 4.0;
            label = place(&lines, a, r);
        }
        labels.push(label);
    }
    let min_x = labels.iter().map(|l| l.bbox.x).fold(-RADIUS, f64::min) - PADDING;
    let max_x = labels.iter().map(|l| l.bbox.x + l.bbox.w).fold(RADIUS, f64::max) + PADDING;
    let min_y = labels.iter().map(|l| l.bbox.y).fold(-RADIUS, f64::min) - PADDING;
    let max_y = labels.iter().map(|l| l.bbox.y + l.bbox.h).fold(RADIUS, f64::max) + PADDING;
    let (cx, cy) = (-min_x, -min_y);
    for l in &mut labels {
        l.x += cx;
        l.y += cy;
        l.bbox.x += cx;
        l.bbox.y += cy;
    }
    let legend_y = max_y - min_y + 8.0;
    Geometry {
        width: (max_x - min_x).max(320.0),
        height: legend_y + legend_rows as f64 * LEGEND_ROW + PADDING,
        cx,
        cy,
        radius: RADIUS,
        font_size,
        angles,
        labels,
        legend_y,
        levels,
        low: low.min(0.0),
    }
}

/// Escape text for SVG/XML content and attributes. Control characters (which
/// XML forbids, and which a terminal would obey) are shown as escapes first.
pub fn escape(text: &str) -> String {
    let text = crate::text::visible(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn polygon(g: &Geometry, values: impl Iterator<Item = f64>) -> String {
    values
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = g.point(i, v);
            format!("{x:.1},{y:.1}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A dimension's value (a position on its own steps) on the chart's level
/// scale: dimensions with their own steps are stretched to the levels' span.
pub fn on_level_scale(r: &Report, d: &crate::report::DimensionReport, v: Option<f64>) -> Option<f64> {
    let v = v?;
    // Points ladders: 0 points at the centre, the most a dimension can earn at the edge.
    if let (Some(_), Some(max)) = (&r.points, d.max_points) {
        let levels = r.levels.len() as f64;
        return Some(v / max.max(1e-9) * levels - 1.0);
    }
    let (levels, steps) = (r.levels.len().max(1) as f64, d.steps.len().max(1) as f64);
    // −1 (below the first step) stays at the centre, the top step at the edge.
    Some(((v + 1.0) * levels / steps - 1.0).max(-1.0))
}

/// The lowest position on `r`'s level scale (see [`Chart::low`]): below the
/// first level where the rubric has such a place (format 2, and points,
/// where nothing earned is the centre), else the first level.
pub fn low_of(r: &Report) -> f64 {
    if r.rubric.format >= 2 || r.points.is_some() {
        -1.0
    } else {
        0.0
    }
}

/// Ring labels: the levels' titles where every axis runs on the levels; none
/// where dimensions have their own steps (their titles are on the axes).
fn ring_titles(r: &Report) -> Vec<String> {
    let titles: Vec<String> = r.levels.iter().map(|l| l.title.clone()).collect();
    if r.points.is_none() && r.dimensions.iter().all(|d| d.steps.is_empty() || d.steps == titles) {
        titles
    } else {
        vec![String::new(); titles.len()]
    }
}

/// Axis titles; format 2 adds the step reached, so step titles are on the radar too.
fn axis_titles(r: &Report) -> Vec<String> {
    r.dimensions
        .iter()
        .map(|d| match (&d.step, r.rubric.format >= 2 && r.points.is_none()) {
            (Some(step), true) => format!("{}: {step}", d.title),
            _ => d.title.clone(),
        })
        .collect()
}

/// What the target asks of each dimension, on the chart's scale: its
/// expectation, or under a points rule its per-dimension minimum (if any).
fn target_values(r: &Report) -> Vec<Option<f64>> {
    let minimum = r
        .points
        .as_ref()
        .and_then(|p| p.thresholds.iter().find(|t| t.level == r.target.id))
        .and_then(|t| t.min_per_dimension);
    r.dimensions
        .iter()
        .map(|d| match &r.points {
            Some(_) => on_level_scale(r, d, minimum),
            None => on_level_scale(r, d, d.target),
        })
        .collect()
}

/// What the person has on each dimension, on the chart's scale.
fn person_values(r: &Report) -> Vec<Option<f64>> {
    r.dimensions
        .iter()
        .map(|d| on_level_scale(r, d, if r.points.is_some() { d.points } else { d.score }))
        .collect()
}

/// The chart for one report: the person's profile and the target level.
pub fn from_report(r: &Report) -> Chart {
    // A signal is not scored: it has no place on a chart of scores.
    let scored = without_signals(r);
    let r = &scored;
    let person = r.person.name.clone().unwrap_or_else(|| "You".to_string());
    let target = Profile {
        name: format!("Target: {}", r.target.title),
        values: target_values(r),
        outline: true,
        said: r.dimensions.iter().map(|d| crate::render::target_cell(r, d)).collect(),
    };
    let dimensions: Vec<String> = r.dimensions.iter().map(|d| d.title.clone()).collect();
    // Several raters: one profile each, on one chart.
    if let Some(panel) = &r.raters {
        let mut profiles = vec![target];
        profiles.extend(panel.raters.iter().enumerate().map(|(k, rater)| {
            Profile {
                name: crate::render::rater_label(rater),
                values: panel
                    .dimensions
                    .iter()
                    .zip(&r.dimensions)
                    .map(|(v, d)| on_level_scale(r, d, v.scores[k]))
                    .collect(),
                outline: false,
                said: Vec::new(),
            }
        }));
        return Chart {
            title: format!(
                "{person}: {} raters against {} ({})",
                panel.raters.len(),
                r.target.title,
                r.person.date
            ),
            axes: axis_titles(r),
            levels: ring_titles(r),
            low: low_of(r),
            profiles,
            dimensions,
        };
    }
    Chart {
        title: format!("{person} against {} ({})", r.target.title, r.person.date),
        axes: axis_titles(r),
        levels: ring_titles(r),
        low: low_of(r),
        profiles: vec![
            target,
            Profile {
                name: person,
                values: person_values(r),
                outline: false,
                said: r.dimensions.iter().map(|d| crate::render::score_cell(r, d)).collect(),
            },
        ],
        dimensions,
    }
}

const STYLE: &str = "
.lu-bg{fill:#ffffff}
.lu-ring{fill:none;stroke:#9ca3af;stroke-width:1}
.lu-ring-label{fill:#4b5563;font-family:system-ui,sans-serif;paint-order:stroke;stroke:#ffffff;stroke-width:3px;stroke-linejoin:round}
.lu-axis{stroke:#9ca3af;stroke-width:1}
.lu-label{fill:#111827;font-family:system-ui,sans-serif}
.lu-legend{fill:#111827;font-family:system-ui,sans-serif;font-size:13px}
.lu-target{fill:none;stroke:#b45309;stroke-width:2.5;stroke-dasharray:7 4}
.lu-p0{fill:#2563eb;fill-opacity:.28;stroke:#1d4ed8;stroke-width:2.5}
.lu-p1{fill:#059669;fill-opacity:.28;stroke:#047857;stroke-width:2.5}
.lu-p2{fill:#9333ea;fill-opacity:.28;stroke:#7e22ce;stroke-width:2.5}
.lu-p3{fill:#dc2626;fill-opacity:.28;stroke:#b91c1c;stroke-width:2.5}
@media (prefers-color-scheme: dark){
.lu-bg{fill:#111827}
.lu-ring,.lu-axis{stroke:#6b7280}
.lu-ring-label{fill:#d1d5db;stroke:#111827}
.lu-label,.lu-legend{fill:#f3f4f6}
.lu-target{stroke:#fbbf24}
.lu-p0{fill:#60a5fa;stroke:#93c5fd}
.lu-p1{fill:#34d399;stroke:#6ee7b7}
.lu-p2{fill:#c084fc;stroke:#d8b4fe}
.lu-p3{fill:#f87171;stroke:#fca5a5}
}
";

pub fn svg(chart: &Chart) -> String {
    let g = layout(&chart.axes, chart.levels.len(), chart.low, chart.profiles.len());
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_svg(&mut out, chart, &g);
    out
}

fn write_svg(out: &mut String, chart: &Chart, g: &Geometry) -> std::fmt::Result {
    let n = chart.axes.len();
    writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0} {h:.0}" width="{w:.0}" height="{h:.0}" role="img" aria-labelledby="chart-title chart-desc">"#,
        w = g.width.ceil(),
        h = g.height.ceil()
    )?;
    writeln!(out, r#"<title id="chart-title">{}</title>"#, escape(&chart.title))?;
    // The description carries the numbers for screen readers.
    let mut desc = if chart.levels.iter().all(|l| l.is_empty()) {
        "Radar chart with one axis per dimension, each on its own scale: the centre is nothing, the edge the most there is.".to_string()
    } else {
        let centre = match chart.levels.first() {
            Some(first) if chart.low >= 0.0 => first.as_str(),
            _ => "below the first level",
        };
        format!(
            "Radar chart with one axis per dimension and a ring per level ({}); the centre is {centre}.",
            chart.levels.join(", ")
        )
    };
    let names = if chart.dimensions.is_empty() {
        &chart.axes
    } else {
        &chart.dimensions
    };
    for p in &chart.profiles {
        let values: Vec<String> = names
            .iter()
            .zip(&p.values)
            .enumerate()
            .map(|(i, (a, v))| match p.said.get(i) {
                Some(said) => format!("{a}: {said}"),
                None => format!("{a} {}", v.map_or("unanswered".to_string(), |v| format!("{v:.2}"))),
            })
            .collect();
        let _ = write!(desc, " {}: {}.", p.name, values.join(", "));
    }
    writeln!(out, r#"<desc id="chart-desc">{}</desc>"#, escape(&desc))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, r#"<rect class="lu-bg" width="100%" height="100%"/>"#)?;

    writeln!(out, r#"<g class="lu-rings">"#)?;
    for l in 0..chart.levels.len() {
        // A ring at the centre (format 1's first level) is a point, not a ring.
        if g.radius_of(l as f64) > 0.0 {
            let pts = polygon(g, (0..n).map(|_| l as f64));
            writeln!(out, r#"<polygon class="lu-ring" points="{pts}"/>"#)?;
        }
    }
    writeln!(out, "</g>")?;

    writeln!(out, r#"<g class="lu-axes">"#)?;
    for i in 0..n {
        let (x, y) = g.point(i, (chart.levels.len() - 1) as f64);
        writeln!(
            out,
            r#"<line class="lu-axis" x1="{:.1}" y1="{:.1}" x2="{x:.1}" y2="{y:.1}"/>"#,
            g.cx, g.cy
        )?;
    }
    writeln!(out, "</g>")?;

    writeln!(out, r#"<g class="lu-profiles">"#)?;
    let mut person = 0;
    for p in &chart.profiles {
        let class = if p.outline {
            "lu-target".to_string()
        } else {
            person += 1;
            format!("lu-p{}", (person - 1) % 4)
        };
        // Unanswered sits at the centre.
        let pts = polygon(g, p.values.iter().map(|v| v.unwrap_or(g.low)));
        writeln!(
            out,
            r#"<polygon class="{class}" points="{pts}"><title>{}</title></polygon>"#,
            escape(&p.name)
        )?;
    }
    writeln!(out, "</g>")?;

    // Ring titles above the profiles, on a halo of the background colour, so
    // that neither a profile's edge nor a ring runs through them.
    writeln!(out, r#"<g class="lu-ring-labels">"#)?;
    for (l, title) in chart.levels.iter().enumerate().filter(|(_, t)| !t.is_empty()) {
        let (x, y) = g.ring_label_at(l);
        let size = g.font_size - 2.0;
        writeln!(
            out,
            r#"<text class="lu-ring-label" x="{x:.1}" y="{:.1}" font-size="{size:.0}" text-anchor="{}">{}</text>"#,
            y + size * 0.35,
            g.ring_label_anchor(),
            escape(title)
        )?;
    }
    writeln!(out, "</g>")?;

    writeln!(out, r#"<g class="lu-labels">"#)?;
    for l in &g.labels {
        write!(
            out,
            r#"<text class="lu-label" font-size="{:.0}" text-anchor="{}">"#,
            g.font_size, l.anchor
        )?;
        for (k, line) in l.lines.iter().enumerate() {
            // Baselines sit one line-height apart, the first a font size below the top.
            let y = l.y + g.font_size * (1.0 + LINE_EM * k as f64) - 2.0;
            write!(out, r#"<tspan x="{:.1}" y="{y:.1}">{}</tspan>"#, l.x, escape(line))?;
        }
        writeln!(out, "</text>")?;
    }
    writeln!(out, "</g>")?;

    writeln!(out, r#"<g class="lu-legend">"#)?;
    let mut person = 0;
    for (k, p) in chart.profiles.iter().enumerate() {
        let y = g.legend_y + k as f64 * LEGEND_ROW;
        let class = if p.outline {
            "lu-target".to_string()
        } else {
            person += 1;
            format!("lu-p{}", (person - 1) % 4)
        };
        writeln!(
            out,
            r#"<rect class="{class}" x="{x:.1}" y="{y:.1}" width="22" height="12"/><text class="lu-legend" x="{tx:.1}" y="{ty:.1}">{}</text>"#,
            escape(&p.name),
            x = PADDING,
            tx = PADDING + 30.0,
            ty = y + 11.0
        )?;
    }
    writeln!(out, "</g>")?;
    writeln!(out, "</svg>")
}

/// `r` without its signal dimensions (rubric `signal: true`).
fn without_signals(r: &Report) -> Report {
    let mut r = r.clone();
    let signals: Vec<String> = r.dimensions.iter().filter(|d| d.signal).map(|d| d.id.clone()).collect();
    r.dimensions.retain(|d| !d.signal);
    if let Some(panel) = &mut r.raters {
        panel.dimensions.retain(|v| !signals.contains(&v.dimension));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Long one-word titles, as in real ladders ("Communication", "Observability").
    fn single_words(n: usize) -> Vec<String> {
        let words = [
            "Communication",
            "Observability",
            "Accountability",
            "Craftsmanship",
            "Collaboration",
        ];
        (0..n).map(|i| format!("{}{i}", words[i % words.len()])).collect()
    }

    #[test]
    fn labels_never_split_a_word() {
        for n in 3..=24 {
            let axes: Vec<String> = single_words(n)
                .into_iter()
                .chain(["Self-organisation and cross-team leadership".to_string()])
                .collect();
            let g = layout(&axes, 3, -1.0, 1);
            for (title, label) in axes.iter().zip(&g.labels) {
                let words: Vec<&str> = title.split([' ', '-']).collect();
                for line in &label.lines {
                    for piece in line.trim_end_matches('…').split([' ', '-']).filter(|p| !p.is_empty()) {
                        // Every piece is a whole word, or the start of one cut with "…".
                        let whole = words.contains(&piece);
                        let cut = line.ends_with('…') && words.iter().any(|w| w.starts_with(piece));
                        assert!(
                            whole || cut,
                            "n={n}: '{piece}' in {:?} splits a word of '{title}'",
                            label.lines
                        );
                    }
                }
            }
        }
    }

    fn titles(n: usize, long: bool) -> Vec<String> {
        (0..n)
            .map(|i| {
                if long {
                    format!("A rather long dimension title number {i} that keeps going")
                } else {
                    format!("Dim {i}")
                }
            })
            .collect()
    }

    #[test]
    fn points_lie_on_their_axes_at_their_level_radius() {
        for (n, levels) in [(3, 2), (10, 7), (16, 2), (16, 7)] {
            let g = layout(&titles(n, false), levels, -1.0, 2);
            for i in 0..n {
                let expected = 2.0 * PI * i as f64 / n as f64;
                assert!((g.angles[i] - expected).abs() < 1e-12);
                for level in 0..levels {
                    let (x, y) = g.point(i, level as f64);
                    let (dx, dy) = (x - g.cx, y - g.cy);
                    let r = (dx * dx + dy * dy).sqrt();
                    assert!(
                        (r - RADIUS * (level + 1) as f64 / levels as f64).abs() < 1e-9,
                        "n={n} level={level}"
                    );
                    // On the axis: the direction matches the axis angle.
                    assert!((dx - r * expected.sin()).abs() < 1e-9 && (dy + r * expected.cos()).abs() < 1e-9);
                }
            }
            // The first axis points straight up; the top level is the outer ring.
            let (x, y) = g.point(0, (levels - 1) as f64);
            assert!((x - g.cx).abs() < 1e-9 && (g.cy - y - RADIUS).abs() < 1e-9);
        }
    }

    /// Distance from `(x, y)` to the line of axis `i` (from the centre out).
    fn off_axis(g: &Geometry, i: usize, (x, y): (f64, f64)) -> f64 {
        let (dx, dy) = (x - g.cx, y - g.cy);
        let (ux, uy) = (g.angles[i].sin(), -g.angles[i].cos());
        let along = dx * ux + dy * uy;
        if along <= 0.0 {
            // Behind the centre: the axis is a ray, so the centre is the nearest point.
            (dx * dx + dy * dy).sqrt()
        } else {
            (dx * uy - dy * ux).abs()
        }
    }

    #[test]
    fn the_centre_is_the_lowest_position_and_rings_are_in_proportion() {
        for (levels, low) in [(2, -1.0), (2, 0.0), (5, -1.0), (5, 0.0), (7, 0.0)] {
            let g = layout(&titles(6, false), levels, low, 1);
            for i in 0..6 {
                let (x, y) = g.point(i, low);
                assert!(
                    (x - g.cx).abs() < 1e-9 && (y - g.cy).abs() < 1e-9,
                    "levels={levels} low={low}"
                );
                // Anything below the lowest position is at the centre too.
                assert_eq!(g.radius_of(low - 2.0), 0.0);
            }
            let top = (levels - 1) as f64;
            for level in 0..levels {
                let expected = RADIUS * (level as f64 - low) / (top - low);
                assert!((g.radius_of(level as f64) - expected).abs() < 1e-9);
            }
            // The target ring (the top level here) is the edge; halfway up the scale is half the radius.
            assert!((g.radius_of(top) - RADIUS).abs() < 1e-9);
            assert!((g.radius_of((top + low) / 2.0) - RADIUS / 2.0).abs() < 1e-9);
        }
        // Format 1 with two levels: the first level at the centre, a score of 0.4 at 40%.
        let g = layout(&titles(5, false), 2, 0.0, 1);
        assert!((g.radius_of(0.4) - 0.4 * RADIUS).abs() < 1e-9);
    }

    #[test]
    fn ring_labels_are_on_no_axis() {
        for n in 1..=16 {
            for (levels, low) in [(2, -1.0), (2, 0.0), (5, -1.0), (5, 0.0)] {
                let g = layout(&titles(n, false), levels, low, 1);
                for level in 0..levels {
                    let at = g.ring_label_at(level);
                    // Each ring's title in a place of its own, further out the higher the ring.
                    if level > 0 {
                        let below = g.ring_label_at(level - 1);
                        let out = |(x, y): (f64, f64)| ((x - g.cx).powi(2) + (y - g.cy).powi(2)).sqrt();
                        assert!(
                            out(at) > out(below) + 1.0,
                            "n={n} levels={levels} low={low}: ring {level}"
                        );
                    }
                    for i in 0..n {
                        // Halfway between two axes is as far from both as a point on the ring can be.
                        assert!(
                            off_axis(&g, i, at) > 1.0,
                            "n={n} levels={levels} low={low}: ring {level}'s label on axis {i}"
                        );
                    }
                }
            }
        }
        let chart = Chart {
            title: "t".into(),
            axes: titles(4, false),
            levels: vec!["Senior".into(), "Staff".into()],
            low: 0.0,
            profiles: vec![],
            dimensions: Vec::new(),
        };
        let s = svg(&chart);
        assert_eq!(s.matches(r#"<text class="lu-ring-label""#).count(), 2);
        // The first level is the centre point: no ring drawn for it.
        assert_eq!(s.matches(r#"<polygon class="lu-ring""#).count(), 1);
    }

    #[test]
    fn values_off_the_scale_are_clamped() {
        let g = layout(&titles(4, false), 3, -1.0, 1);
        // −1 (below the first level, format 2) is the centre; nothing goes past it.
        assert_eq!(g.radius_of(-1.0), 0.0);
        assert_eq!(g.radius_of(-3.0), 0.0);
        assert_eq!(g.radius_of(9.0), RADIUS);
        assert!((g.radius_of(1.5) - RADIUS * 2.5 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn labels_stay_on_the_canvas_and_apart() {
        for n in 3..=24 {
            for kind in 0..3 {
                let long = kind > 0;
                let axes = if kind == 2 { single_words(n) } else { titles(n, long) };
                let g = layout(&axes, 3, -1.0, 2);
                for (i, l) in g.labels.iter().enumerate() {
                    assert!(
                        l.bbox.inside(g.width, g.legend_y),
                        "n={n} label {i} {:?} off {}x{}",
                        l.bbox,
                        g.width,
                        g.height
                    );
                    assert!(l.lines.len() <= 3);
                    let circle = Rect {
                        x: g.cx - RADIUS,
                        y: g.cy - RADIUS,
                        w: 2.0 * RADIUS,
                        h: 2.0 * RADIUS,
                    };
                    assert!(circle.inside(g.width, g.height));
                    for (j, m) in g.labels.iter().enumerate().skip(i + 1) {
                        assert!(
                            !l.bbox.overlaps(&m.bbox),
                            "n={n} long={long}: labels {i} and {j} overlap"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn long_titles_wrap_and_shorten() {
        let lines = wrap_label(
            "An extraordinarily long title that cannot possibly fit on three short lines",
            12,
        );
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(lines.iter().all(|l| l.chars().count() <= 12 + 4), "{lines:?}");
        assert_eq!(wrap_label("Scope", 12), ["Scope"]);
        // A long single word stays whole up to four characters past the width, then is cut.
        assert_eq!(wrap_label("Accomplishment", 12), ["Accomplishment"]);
        assert_eq!(wrap_label("Internationalisation", 12), ["Internationalis…"]);
    }

    #[test]
    fn several_profiles_share_one_chart() {
        let profile = |name: &str, v: f64, outline: bool| Profile {
            name: name.into(),
            values: vec![Some(v); 5],
            outline,
            said: Vec::new(),
        };
        let chart = Chart {
            title: "Compare".into(),
            axes: titles(5, false),
            levels: vec!["A".into(), "B".into(), "C".into()],
            low: -1.0,
            profiles: vec![
                profile("Target", 2.0, true),
                profile("Self", 1.0, false),
                profile("Manager", 1.5, false),
                profile("Peer", 0.5, false),
            ],
            dimensions: Vec::new(),
        };
        let s = svg(&chart);
        for class in ["lu-target", "lu-p0", "lu-p1", "lu-p2"] {
            assert_eq!(s.matches(&format!(r#"<polygon class="{class}""#)).count(), 1, "{class}");
            assert_eq!(
                s.matches(&format!(r#"<rect class="{class}""#)).count(),
                1,
                "{class} in the legend"
            );
        }
        let g = layout(&chart.axes, 3, -1.0, 4);
        assert!(g.legend_y + 4.0 * LEGEND_ROW <= g.height, "the legend fits");
    }

    #[test]
    fn text_is_escaped() {
        let chart = Chart {
            title: "<script>alert(1)</script> & \"q\"".into(),
            axes: vec!["A&B".into(), "<C>".into(), "D".into()],
            levels: vec!["L1".into(), "L2".into()],
            low: -1.0,
            profiles: vec![Profile {
                name: "O'Neil".into(),
                values: vec![Some(1.0), None, Some(0.5)],
                outline: false,
                said: Vec::new(),
            }],
            dimensions: Vec::new(),
        };
        let s = svg(&chart);
        assert!(!s.contains("<script>") && s.contains("&lt;script&gt;"));
        assert!(s.contains("A&amp;B") && s.contains("&lt;C&gt;") && s.contains("O&#39;Neil"));
        assert_eq!(s.matches(r#"<line class="lu-axis""#).count(), 3);
        assert_eq!(s.matches(r#"<polygon class="lu-ring""#).count(), 2);
    }
}
