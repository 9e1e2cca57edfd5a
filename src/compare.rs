//! Growth between two assessments: per-dimension movement, gaps closed and
//! opened, readiness and estimate change. Pure: two reports in, one value out.
//!
//! Dimensions are matched by id, so runs on different versions of a rubric
//! compare what still matches and list what does not.

use crate::report::Report;
use serde::{Deserialize, Serialize};

/// Bumped on any change a reader of `compare --format json` could notice.
pub const COMPARE_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// Where it came from (file name or saved run).
    pub label: String,
    pub name: Option<String>,
    pub date: String,
    pub rubric: String,
    pub rubric_version: String,
    pub target: String,
    pub estimate: String,
    pub readiness: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Movement {
    pub dimension: String,
    pub title: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
    /// new − old, when both are scored.
    pub change: Option<f64>,
    pub old_reached: bool,
    pub new_reached: bool,
    /// The same in words, as every format shows it: `gap closed`, `new gap`,
    /// `still a gap`, `reached`, `n/a`, or `target changed` when the two runs
    /// aim at different levels (their gaps are not the same gaps).
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub compare_version: u32,
    pub old: Side,
    pub new: Side,
    /// Dimensions in both, in the new rubric's order.
    pub dimensions: Vec<Movement>,
    /// Titles of dimensions below the target before and reaching it now.
    pub gaps_closed: Vec<String>,
    /// Titles of dimensions that reached the target before and do not now.
    pub new_gaps: Vec<String>,
    pub readiness_change: i64,
    /// `up`, `down` or `same` (by level order of the new rubric).
    pub estimate_change: String,
    /// Dimension titles only in the old or only in the new run.
    pub only_old: Vec<String>,
    pub only_new: Vec<String>,
    /// Set when the two runs used different rubrics or rubric versions.
    pub rubric_note: Option<String>,
}

fn side(r: &Report, label: &str) -> Side {
    Side {
        label: label.to_string(),
        name: r.person.name.clone(),
        date: r.person.date.clone(),
        rubric: r.rubric.id.clone(),
        rubric_version: r.rubric.version.clone(),
        target: r.target.title.clone(),
        estimate: r.estimate.level.title.clone(),
        readiness: r.readiness,
    }
}

pub fn compare(old: &Report, old_label: &str, new: &Report, new_label: &str) -> Comparison {
    // A gap: below what the target expects (format 2 and points: a gap above 0;
    // n/a and not-expected dimensions are never gaps).
    let is_gap = |r: &Report, id: &str| {
        r.dimensions.iter().find(|d| d.id == id).is_some_and(|d| {
            if r.rubric.format >= 2 || r.points.is_some() {
                d.gap > 0.0 && !d.not_applicable
            } else {
                !d.reached
            }
        })
    };
    // Gaps towards two different targets are not the same gaps: no status then.
    let same_target = old.target.id == new.target.id;
    // A signal has no score to move.
    let dimensions: Vec<Movement> = new
        .dimensions
        .iter()
        .filter(|n| !n.signal)
        .filter_map(|n| {
            let o = old.dimensions.iter().find(|o| o.id == n.id && !o.signal)?;
            Some(Movement {
                dimension: n.id.clone(),
                title: n.title.clone(),
                old: o.score,
                new: n.score,
                change: o.score.zip(n.score).map(|(a, b)| ((b - a) * 100.0).round() / 100.0),
                old_reached: o.reached,
                new_reached: n.reached,
                status: match (is_gap(old, &n.id), is_gap(new, &n.id)) {
                    _ if n.not_applicable => "n/a",
                    _ if !same_target => "target changed",
                    (true, false) => "gap closed",
                    (false, true) => "new gap",
                    (true, true) => "still a gap",
                    (false, false) => "reached",
                }
                .to_string(),
            })
        })
        .collect();
    // A scored dimension with no scored counterpart on the other side: missing
    // there, or a signal there (never scored, so nothing to compare).
    let only = |a: &Report, b: &Report| -> Vec<String> {
        a.dimensions
            .iter()
            .filter(|d| !d.signal)
            .filter_map(|d| match b.dimensions.iter().find(|e| e.id == d.id) {
                None => Some(d.title.clone()),
                Some(e) if e.signal => Some(format!("{} (a signal, not scored, in the other)", d.title)),
                Some(_) => None,
            })
            .collect()
    };
    // Below the first level ranks under every level.
    let rank = |r: &Report| match r.estimate.level.index {
        i if i < 0 => Some(-1),
        _ => new
            .levels
            .iter()
            .position(|l| l.id == r.estimate.level.id)
            .map(|i| i as i64),
    };
    let estimate_change = match (rank(old), rank(new)) {
        (Some(a), Some(b)) if b > a => "up",
        (Some(a), Some(b)) if b < a => "down",
        _ => "same",
    };
    let rubric_note = if old.rubric.id != new.rubric.id {
        Some(format!(
            "Different rubrics: {} v{} and {} v{}; only dimensions with the same id are compared.",
            old.rubric.id, old.rubric.version, new.rubric.id, new.rubric.version
        ))
    } else if old.rubric.version != new.rubric.version {
        Some(format!(
            "The rubric changed from v{} to v{}; only dimensions in both versions are compared, and scores may not be comparable one to one.",
            old.rubric.version, new.rubric.version
        ))
    } else {
        None
    };
    Comparison {
        compare_version: COMPARE_VERSION,
        old: side(old, old_label),
        new: side(new, new_label),
        gaps_closed: dimensions
            .iter()
            .filter(|m| m.status == "gap closed")
            .map(|m| m.title.clone())
            .collect(),
        new_gaps: dimensions
            .iter()
            .filter(|m| m.status == "new gap")
            .map(|m| m.title.clone())
            .collect(),
        dimensions,
        readiness_change: i64::from(new.readiness) - i64::from(old.readiness),
        estimate_change: estimate_change.to_string(),
        only_old: only(old, new),
        only_new: only(new, old),
        rubric_note,
    }
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.2}")
    } else if x < 0.0 {
        format!("−{:.2}", -x)
    } else {
        "=".to_string()
    }
}

fn score(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

fn summary(c: &Comparison) -> Vec<String> {
    let mut lines = vec![format!(
        "Estimate: {} → {} ({}).",
        c.old.estimate,
        c.new.estimate,
        match c.estimate_change.as_str() {
            "up" => "up a level",
            "down" => "down a level",
            _ => "unchanged",
        }
    )];
    // Readiness toward one level says nothing about readiness toward another.
    if c.old.target == c.new.target {
        lines.push(format!(
            "Readiness for {}: {}% → {}% ({}{}).",
            c.new.target,
            c.old.readiness,
            c.new.readiness,
            if c.readiness_change > 0 { "+" } else { "" },
            c.readiness_change
        ));
    } else {
        lines.push(format!(
            "Readiness: {}% for {} → {}% for {} (the target changed: not comparable).",
            c.old.readiness, c.old.target, c.new.readiness, c.new.target
        ));
    }
    if !c.gaps_closed.is_empty() {
        lines.push(format!("Gaps closed: {}.", c.gaps_closed.join(", ")));
    }
    if !c.new_gaps.is_empty() {
        lines.push(format!("New gaps: {}.", c.new_gaps.join(", ")));
    }
    if let Some(note) = &c.rubric_note {
        lines.push(note.clone());
    }
    if !c.only_old.is_empty() {
        lines.push(format!("Only in the older run: {}.", c.only_old.join(", ")));
    }
    if !c.only_new.is_empty() {
        lines.push(format!("Only in the newer run: {}.", c.only_new.join(", ")));
    }
    lines
}

/// "Dana: OLD (date, estimate) → NEW (date, estimate)"; no name when neither run names one.
fn heading(c: &Comparison) -> String {
    let who = c
        .new
        .name
        .as_deref()
        .or(c.old.name.as_deref())
        .map_or_else(String::new, |n| format!("{n}: "));
    format!(
        "{who}{} ({}, {}) → {} ({}, {})",
        c.old.label, c.old.date, c.old.estimate, c.new.label, c.new.date, c.new.estimate
    )
}

pub fn table(c: &Comparison, width: u16) -> String {
    use comfy_table::{Attribute, Cell, CellAlignment, Color, ContentArrangement, Table, presets};
    // Data made visible here, before our colours are added: the caller does not
    // escape this text again. The stream drops the codes when colour is off.
    let c = &crate::text::map_strings(c, &crate::text::one_line);
    let bold = anstyle::Style::new().bold();
    // Lines wrap at spaces to the width, as the table does.
    let wrap = |text: &str| textwrap::fill(text, usize::from(width.max(40)));
    let mut out = format!(
        "{bold}{}{bold:#}\n\n",
        wrap(&format!("levelup compare — {}", heading(c)))
    );
    for line in summary(c) {
        out.push_str(&wrap(&line));
        out.push('\n');
    }
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width.max(40))
        .enforce_styling()
        .set_header(
            ["Dimension", "Before", "Now", "Change", "Target"].map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
        );
    for m in &c.dimensions {
        let status = m.status.as_str();
        let colour = match status {
            "gap closed" | "reached" => Some(Color::Green),
            "new gap" => Some(Color::Red),
            _ => None,
        };
        // Up is green, down red.
        let change = match m.change {
            Some(x) if x > 0.0 => Some(Color::Green),
            Some(x) if x < 0.0 => Some(Color::Red),
            _ => None,
        };
        let paint = |cell: Cell, colour: Option<Color>| match colour {
            Some(colour) => cell.fg(colour),
            None => cell,
        };
        t.add_row(vec![
            Cell::new(&m.title),
            Cell::new(score(m.old)).set_alignment(CellAlignment::Right),
            Cell::new(score(m.new)).set_alignment(CellAlignment::Right),
            paint(
                Cell::new(m.change.map_or_else(|| "—".to_string(), signed)).set_alignment(CellAlignment::Right),
                change,
            ),
            paint(Cell::new(status), colour),
        ]);
    }
    crate::render::keep_words_whole(&mut t, width.max(40));
    out.push('\n');
    out.push_str(&t.to_string());
    out.push('\n');
    out
}

pub fn markdown(c: &Comparison) -> String {
    let mut out = format!("# Growth: {}\n\n", heading(c));
    for line in summary(c) {
        out.push_str(&format!("- {line}\n"));
    }
    out.push_str("\n| Dimension | Before | Now | Change | Target |\n|---|---:|---:|---:|---|\n");
    for m in &c.dimensions {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            m.title,
            score(m.old),
            score(m.new),
            m.change.map_or_else(|| "—".to_string(), signed),
            m.status
        ));
    }
    out
}

pub fn json(c: &Comparison) -> String {
    // A Comparison holds only strings, numbers, bools and lists: serializing cannot fail.
    serde_json::to_string_pretty(c).unwrap_or_default() + "\n"
}

/// A page with both profiles on one radar, then the table.
pub fn html(c: &Comparison, old: &Report, new: &Report) -> String {
    use crate::chart::{Chart, Profile};
    // A signal is not scored: no axis of its own.
    let axes: Vec<&crate::report::DimensionReport> = new.dimensions.iter().filter(|d| !d.signal).collect();
    let scores = |r: &Report| -> Vec<Option<f64>> {
        axes.iter()
            .map(|d| r.dimensions.iter().find(|o| o.id == d.id).and_then(|o| o.score))
            .collect()
    };
    let chart = Chart {
        title: heading(c),
        axes: axes.iter().map(|d| d.title.clone()).collect(),
        levels: new.levels.iter().map(|l| l.title.clone()).collect(),
        low: crate::chart::low_of(new),
        profiles: vec![
            Profile {
                name: format!("Target: {}", new.target.title),
                values: axes
                    .iter()
                    .map(|d| crate::chart::on_level_scale(new, d, d.target))
                    .collect(),
                outline: true,
                said: Vec::new(),
            },
            Profile {
                name: format!("Before ({})", c.old.date),
                values: scores(old),
                outline: false,
                said: Vec::new(),
            },
            Profile {
                name: format!("Now ({})", c.new.date),
                values: scores(new),
                outline: false,
                said: Vec::new(),
            },
        ],
        dimensions: Vec::new(),
    };
    let svg = crate::chart::svg(&chart);
    let view = minijinja::context! {
        title => heading(c),
        summary => summary(c),
        svg => minijinja::Value::from_safe_string(svg),
        rows => c.dimensions.iter().map(|m| {
            minijinja::context! { title => m.title.clone(), old => score(m.old), new => score(m.new), change => m.change.map_or_else(|| "—".to_string(), signed), status => m.status.clone() }
        }).collect::<Vec<_>>(),
    };
    let mut env = minijinja::Environment::new();
    // The template is ours and checked by tests; a failure here is a bug, shown plainly.
    env.add_template("compare.html", COMPARE_TEMPLATE)
        .and_then(|()| env.get_template("compare.html"))
        .and_then(|t| t.render(view))
        .unwrap_or_else(|e| format!("<!doctype html><p>levelup could not render this comparison: {e}</p>\n"))
}

const COMPARE_TEMPLATE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Growth: {{ title }}</title>
<style>
body { margin: 0 auto; max-width: 56rem; padding: 1.5rem 1rem; font: 16px/1.5 system-ui, sans-serif; color: #111827; background: #fff; }
@media (prefers-color-scheme: dark) { body { color: #f3f4f6; background: #111827; } }
figure { margin: 0; text-align: center; } figure svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; } td, th { padding: .3rem .5rem; border-bottom: 1px solid #9ca3af; text-align: left; }
</style></head>
<body>
<h1>Growth</h1>
<p>{{ title }}</p>
<ul>{% for line in summary %}<li>{{ line }}</li>{% endfor %}</ul>
<figure>{{ svg }}</figure>
<table><thead><tr><th>Dimension</th><th>Before</th><th>Now</th><th>Change</th><th>Target</th></tr></thead><tbody>
{% for r in rows %}<tr><td>{{ r.title }}</td><td>{{ r.old }}</td><td>{{ r.new }}</td><td>{{ r.change }}</td><td>{{ r.status }}</td></tr>
{% endfor %}</tbody></table>
</body></html>
"#;
