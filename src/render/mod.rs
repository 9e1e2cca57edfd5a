//! Renderers: pure functions from a [`Report`] to text. No I/O, no terminal
//! queries — the caller passes the width.

mod html;
mod json;
pub mod ladder;
mod markdown;
pub mod packet;
pub mod rubric;
pub mod sections;
mod table;

use crate::report::{DimensionReport, Report};

pub use html::html;
pub use json::json;
pub use markdown::markdown;
pub use table::table;

/// Output formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Human-readable text with a dimension table (default).
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// Versioned JSON for other tools (see "JSON report" in the README).
    Json,
    /// One self-contained page with the radar chart; prints on A4 or Letter.
    Html,
}

/// What the caller knows about where the text goes.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Terminal width, for `table`.
    pub width: u16,
    /// Block characters and box drawing can be shown (else plain ASCII).
    pub unicode: bool,
    /// Where `--chart` wrote the radar chart, for Markdown to link to.
    pub chart: Option<&'a str>,
    /// The whole report, or only the plan.
    pub view: sections::View,
}

/// `report` in `format`. Human formats get the report's text made safe
/// first (see [`crate::text`]): no control character from the data reaches a
/// terminal, and data adds no Markdown structure. JSON escapes by its syntax.
pub fn render(report: &Report, format: Format, options: &Options) -> String {
    let visible = |s: &str| crate::text::visible(s).into_owned();
    // In the table a line break in data could forge a line of the report.
    // Without Unicode the data turns ASCII here, before the table measures it.
    let one_line = |s: &str| {
        let line = crate::text::one_line(s);
        if options.unicode {
            line
        } else {
            crate::text::ascii(&line).into_owned()
        }
    };
    // Most reports hold no text that needs changing: their JSON, which escapes
    // line breaks, tabs and C0 as `\n`, `\t` and `\u00…`, says so at a
    // fraction of what copying every string costs.
    // (Any backslash, even an escaped quote, takes the careful way.)
    let plain = |ascii_too: bool| {
        let as_json = serde_json::to_string(report).unwrap_or_default();
        !as_json.contains('\\')
            && matches!(crate::text::visible_json(&as_json), std::borrow::Cow::Borrowed(_))
            && (!ascii_too || as_json.is_ascii())
    };
    match format {
        Format::Table if plain(!options.unicode) => table(report, options),
        Format::Table => table(&crate::text::map_strings(report, &one_line), options),
        Format::Markdown => markdown(&crate::text::map_strings(report, &crate::text::markdown), options),
        // serde_json escapes C0 itself; C1, DEL and bidi marks get JSON escapes here.
        Format::Json if options.view == sections::View::Plan => {
            crate::text::visible_json(&json::plan_json(report)).into_owned()
        }
        Format::Json => crate::text::visible_json(&json(report)).into_owned(),
        Format::Html if plain(false) => html::html_view(report, options.view),
        Format::Html => html::html_view(&crate::text::map_strings(report, &visible), options.view),
    }
}

/// Lay out a comfy-table in `width` columns so that it wraps at spaces only
/// and never splits a word ("Communicat/ion"): every column is at least as
/// wide as its widest word, and room is taken from the widest columns first.
/// When those words cannot all fit side by side the table keeps its natural
/// widths (wider than asked, words whole) and this returns false.
pub(crate) fn keep_words_whole(t: &mut comfy_table::Table, width: u16) -> bool {
    use comfy_table::{ColumnConstraint, Width};
    let columns = t.column_iter().count();
    let measure = |i: usize, split: fn(&str) -> Vec<&str>| -> usize {
        t.column_cells_with_header_iter(i)
            .flatten()
            .flat_map(|c| {
                split(&c.content())
                    .into_iter()
                    .map(textwrap::core::display_width)
                    .collect::<Vec<_>>()
            })
            .max()
            .unwrap_or(0)
    };
    let least: Vec<usize> = (0..columns)
        .map(|i| measure(i, |s| s.split([' ', '\n']).collect()))
        .collect();
    let mut widths: Vec<usize> = (0..columns).map(|i| measure(i, |s| s.lines().collect())).collect();
    let natural = |t: &mut comfy_table::Table| {
        t.set_content_arrangement(comfy_table::ContentArrangement::Disabled);
        false
    };
    let Some(room) = usize::from(width).checked_sub(3 * columns + 1) else {
        return natural(t);
    };
    if least.iter().sum::<usize>() > room {
        return natural(t);
    }
    while widths.iter().sum::<usize>() > room {
        // The widest column that can still give a cell of room gives it.
        let Some(i) = (0..columns)
            .filter(|&i| widths[i] > least[i])
            .max_by_key(|&i| (widths[i], i))
        else {
            break;
        };
        widths[i] -= 1;
    }
    // An absolute width counts the cell's padding, one space each side.
    let fixed = |w: usize| ColumnConstraint::Absolute(Width::Fixed(u16::try_from(w + 2).unwrap_or(u16::MAX)));
    t.set_constraints(widths.into_iter().map(fixed));
    true
}

/// A bar's width in cells where there is room.
pub(crate) const BAR_WIDTH: usize = 20;

/// Under a points rule the report speaks in points, not positions.
pub(crate) fn by_points(r: &Report) -> bool {
    r.points.is_some()
}

/// The score cell of a dimension row: `1.25` (format 1), `Working · 1.25`
/// (format 2: the step reached beside the number), `6 of 12 pts` (points),
/// `n/a`, or `—` when unanswered.
pub(crate) fn score_cell(r: &Report, d: &DimensionReport) -> String {
    if d.signal {
        return signal_text(d);
    }
    if d.not_applicable {
        return "n/a".to_string();
    }
    if let (true, Some(p)) = (by_points(r), d.points) {
        return match d.max_points {
            Some(max) => format!("{p} of {max} pts"),
            None => format!("{p} pts"),
        };
    }
    match (r.rubric.format >= 2 && own_steps(r, d), &d.step, d.score) {
        (true, Some(step), Some(s)) => format!("{step} · {s:.2}"),
        _ => score_text(d.score),
    }
}

/// A signal's answers in place of a score, without their bands (`15%`;
/// several joined by `; `), or `—` when unanswered. [`scale_note`] gives the bands.
pub(crate) fn signal_text(d: &DimensionReport) -> String {
    let answers: Vec<&str> = d
        .answers
        .iter()
        .filter_map(|a| {
            let text = a.answer.as_deref()?;
            let band = a.band.as_deref().map(|b| format!(" ({b})"));
            Some(band.and_then(|b| text.strip_suffix(&b)).unwrap_or(text))
        })
        .collect();
    if answers.is_empty() {
        "—".to_string()
    } else {
        answers.join("; ")
    }
}

/// The title of the level the fit section speaks of: the target, or the
/// estimate when that is higher.
pub(crate) fn fit_level(report: &Report) -> &str {
    report.fit.level.as_ref().map_or(&report.target.title, |l| &l.title)
}

/// Evidence the person gave for dimensions that are neither a top gap nor a
/// strength (a smaller gap, a signal), as (title, evidence): shown after the
/// strengths so that nothing typed is left out of a report.
pub(crate) fn other_evidence(r: &Report) -> Vec<(String, String)> {
    let shown =
        |id: &str| r.top_gaps.iter().any(|g| g.dimension == id) || r.strengths.iter().any(|s| s.dimension == id);
    r.dimensions
        .iter()
        .filter(|d| !shown(&d.id))
        .filter_map(|d| Some((d.title.clone(), d.evidence.clone()?)))
        .collect()
}

/// Whether `d` has steps of its own (else its steps are the levels, and a
/// cell needs only the number: the scale note says what it means).
fn own_steps(r: &Report, d: &DimensionReport) -> bool {
    d.steps.iter().ne(r.levels.iter().map(|l| &l.title))
}

/// What the target expects of a dimension: `1.00`, `Expert · 3.00`, `not expected`;
/// under a points rule the target's per-dimension minimum, if it has one.
pub(crate) fn target_cell(r: &Report, d: &DimensionReport) -> String {
    if d.signal {
        return "signal".to_string();
    }
    if let Some(p) = &r.points {
        let min = p
            .thresholds
            .iter()
            .find(|t| t.level == r.target.id)
            .and_then(|t| t.min_per_dimension);
        return min.map_or_else(|| "—".to_string(), |m| format!("at least {m} pts"));
    }
    match (d.target, &d.target_step) {
        _ if d.not_applicable => "n/a: left out".to_string(),
        (None, _) => "not expected".to_string(),
        (Some(t), Some(step)) if r.rubric.format >= 2 && own_steps(r, d) => format!("{step} · {t:.2}"),
        (Some(t), _) => format!("{t:.2}"),
    }
}

/// The weight cell: the dimension's weight, `—` for a signal (it counts for nothing).
pub(crate) fn weight_cell(d: &DimensionReport) -> String {
    if d.signal {
        "—".to_string()
    } else {
        d.weight.to_string()
    }
}

/// The gap cell: steps (positions) or points; `—` where nothing is expected.
pub(crate) fn gap_cell(r: &Report, d: &DimensionReport) -> String {
    if d.signal {
        return "—".to_string();
    }
    if by_points(r) {
        return if d.gap > 0.0 {
            format!("{} pts", d.gap)
        } else {
            "0".to_string()
        };
    }
    match d.target {
        None => "—".to_string(),
        Some(_) => gap_text(d.gap, !d.reached),
    }
}

/// A gap in steps to two places (the report keeps two); a real gap too small
/// to show that way reads "< 0.01", never "0.00".
pub(crate) fn gap_text(gap: f64, is_gap: bool) -> String {
    if is_gap && gap < 0.005 {
        "< 0.01".to_string()
    } else {
        format!("{gap:.2}")
    }
}

/// A gap's size in words for headings: `gap 1.50`, `gap 1.00 step (Working → Expert)`, `6 pts short`.
pub(crate) fn gap_heading(r: &Report, g: &crate::report::Gap) -> String {
    if by_points(r) {
        let unit = if g.gap == 1.0 { "pt" } else { "pts" };
        return format!("{} {unit} to earn (weighted {})", g.gap, g.weighted_gap);
    }
    match (&g.step, &g.target_step) {
        (Some(from), Some(to)) if r.rubric.format >= 2 => {
            format!(
                "{from} → expected {to} (gap {}, weighted {})",
                gap_text(g.gap, true),
                gap_text(g.weighted_gap, true)
            )
        }
        _ => format!(
            "gap {} (weighted {})",
            gap_text(g.gap, true),
            gap_text(g.weighted_gap, true)
        ),
    }
}

/// A dimension's bar, [`BAR_WIDTH`] cells wide: on its own scale (steps or
/// levels; points up to the most it can earn).
pub(crate) fn dimension_bar(r: &Report, d: &DimensionReport, unicode: bool) -> String {
    dimension_bar_of(r, d, unicode, BAR_WIDTH)
}

/// [`dimension_bar`] in `cells` cells, for a narrow terminal.
pub(crate) fn dimension_bar_of(r: &Report, d: &DimensionReport, unicode: bool, cells: usize) -> String {
    if d.signal {
        return String::new();
    }
    if let (Some(p), Some(max)) = (d.points, d.max_points) {
        let min = r
            .points
            .as_ref()
            .and_then(|pr| pr.thresholds.iter().find(|t| t.level == r.target.id))
            .and_then(|t| t.min_per_dimension);
        return bar_on(Some(p), min, 0.0, max.max(1.0), unicode, cells);
    }
    let top = d.steps.len().saturating_sub(1).max(1) as f64;
    let low = if r.rubric.format >= 2 { -1.0 } else { 0.0 };
    bar_on(d.score, d.target, low, top, unicode, cells)
}

/// The score as a bar of `width` cells: filled up to the score, shaded from
/// there to the target (the gap), blank beyond the target.
/// `██████████████▍░░░░░` or, in ASCII, `##############-----`.
fn bar_on(score: Option<f64>, target: Option<f64>, low: f64, top: f64, unicode: bool, width: usize) -> String {
    let span = (top - low).max(1e-9);
    let cells = |v: f64| ((v - low) / span).clamp(0.0, 1.0) * width as f64;
    let filled = score.map_or(0.0, cells);
    let target_cells = target.map_or(0, |t| cells(t).round() as usize);
    let mut out = String::new();
    let full = filled.floor() as usize;
    if unicode {
        out.push_str(&"█".repeat(full));
        // Eighths for the last, partly filled cell.
        let eighths = ((filled - full as f64) * 8.0).round() as usize;
        let mut used = full;
        if eighths > 0 && full < width {
            out.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'][eighths - 1]);
            used += 1;
        }
        for i in used..width {
            out.push(if i < target_cells { '░' } else { ' ' });
        }
    } else {
        let full = filled.round() as usize;
        out.push_str(&"#".repeat(full));
        for i in full..width {
            out.push(if i < target_cells { '-' } else { ' ' });
        }
    }
    out
}

/// The note under the dimension table saying what the numbers are on.
pub(crate) fn scale_note(r: &Report) -> String {
    if by_points(r) {
        return "Scores are points earned out of the most each dimension can earn; the target column is the target level's minimum per dimension.".to_string();
    }
    let levels: Vec<String> = r.levels.iter().map(|l| format!("{} = {}", l.index, l.title)).collect();
    if r.rubric.format < 2 {
        return format!("Scale: {}.", levels.join(", "));
    }
    let scale = if r.dimensions.iter().any(|d| !d.signal && own_steps(r, d)) {
        "Scores are on each dimension's own steps (0 = its first step, −1 = below it); the target column is the step the target level expects, if any.".to_string()
    } else {
        let below = r.estimate.level.index.lt(&0).then(|| r.estimate.level.title.clone());
        let below = below.unwrap_or_else(|| "below the first level".to_string());
        format!("Scale: -1 = {below}, {}.", levels.join(", "))
    };
    // Signals: what the answer says, with its band, and that it is not scored.
    let signals: Vec<String> = r
        .dimensions
        .iter()
        .filter(|d| d.signal)
        .filter_map(|d| {
            let answers: Vec<&str> = d.answers.iter().filter_map(|a| a.answer.as_deref()).collect();
            (!answers.is_empty()).then(|| format!(" {} is a signal, not scored: {}.", d.title, answers.join("; ")))
        })
        .collect();
    scale + &signals.concat()
}

/// Text formats list at most this many missing checklist items per gap ("and N more").
pub(crate) const MISSING_SHOWN: usize = 10;

/// The missing checklist items as text lines: "label (level)", at most
/// [`MISSING_SHOWN`], then "and N more".
pub(crate) fn missing_lines(r: &Report, missing: &[crate::report::MissingItem]) -> Vec<String> {
    let mut lines: Vec<String> = missing
        .iter()
        .take(MISSING_SHOWN)
        .map(|m| format!("{} ({})", m.label, level_title(r, &m.level)))
        .collect();
    if missing.len() > MISSING_SHOWN {
        lines.push(format!("and {} more", missing.len() - MISSING_SHOWN));
    }
    lines
}

/// Cumulative checklist items still to meet in dimensions that are not among
/// the top gaps (those carry their own list): (dimension title, lines).
pub(crate) fn other_missing(r: &Report) -> Vec<(&str, Vec<String>)> {
    r.dimensions
        .iter()
        .filter(|d| !d.missing.is_empty() && !r.top_gaps.iter().any(|g| g.dimension == d.id))
        .map(|d| (d.title.as_str(), missing_lines(r, &d.missing)))
        .collect()
}

/// For each dimension row, the title of its category where a new category
/// starts (rows are grouped by category); `None` elsewhere and without categories.
pub(crate) fn category_starts(r: &Report) -> Vec<Option<&str>> {
    let mut previous: Option<&str> = None;
    r.dimensions
        .iter()
        .map(|d| {
            let id = d.category.as_deref();
            let starts = id.is_some() && id != previous;
            previous = id;
            if starts {
                r.categories
                    .iter()
                    .find(|k| Some(k.id.as_str()) == id)
                    .map(|k| k.title.as_str())
            } else {
                None
            }
        })
        .collect()
}

/// What the report says when there is no gap to show.
pub(crate) fn no_gaps_text(r: &Report) -> String {
    if r.rubric.format >= 2 {
        format!("None: no dimension that {} expects falls short of it.", r.target.title)
    } else {
        format!("None: every dimension reaches {}.", r.target.title)
    }
}

/// A level's title by id (the id itself if unknown).
pub(crate) fn level_title<'a>(r: &'a Report, id: &'a str) -> &'a str {
    r.levels.iter().find(|l| l.id == id).map_or(id, |l| l.title.as_str())
}

/// A strength's score as shown: the step reached (format 2) or the number.
pub(crate) fn strength_text(r: &Report, s: &crate::report::Strength) -> String {
    match (
        &s.step,
        r.rubric.format >= 2,
        r.dimensions.iter().find(|d| d.id == s.dimension),
    ) {
        (_, _, Some(d)) if by_points(r) => score_cell(r, d),
        (Some(step), true, _) => format!("{step} · {}", score_text(s.score)),
        _ => score_text(s.score),
    }
}

pub(crate) fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_string(), |s| format!("{s:.2}"))
}

/// `$130K`, or the plain amount with the currency code when not in thousands.
pub(crate) fn money(amount: f64, currency: &str, open_ended: bool) -> String {
    let symbol = if currency == "USD" { "$" } else { "" };
    let plus = if open_ended { "+" } else { "" };
    let text = if amount >= 1000.0 && amount % 1000.0 == 0.0 {
        format!("{symbol}{}K", amount / 1000.0)
    } else {
        format!("{symbol}{amount}")
    };
    if symbol.is_empty() {
        format!("{text} {currency}{plus}")
    } else {
        format!("{text}{plus}")
    }
}

/// "Dana · 2026-03-01" or just the date.
pub(crate) fn who(report: &Report) -> String {
    match &report.person.name {
        Some(name) => format!("{name} · {}", report.person.date),
        None => report.person.date.clone(),
    }
}

/// "self (Sam)", "manager", "peer (Lee)".
pub fn rater_label(r: &crate::report::RaterInfo) -> String {
    match &r.name {
        Some(name) => format!("{} ({name})", r.rater),
        None => r.rater.clone(),
    }
}

pub(crate) fn leaning_text(report: &Report) -> String {
    let target = fit_level(report);
    match report.fit.leaning.as_str() {
        "pursue" => format!("Your answers lean towards pursuing {target}."),
        "stay" => "Your answers lean towards staying where you are.".to_string(),
        "balanced" => "Your reasons to pursue and to stay are evenly balanced.".to_string(),
        _ => "You did not answer the fit questions.".to_string(),
    }
}

/// One change of the plan as every format says it: (heading, what changes,
/// its effect, the action that would earn it).
pub(crate) fn plan_change_text(c: &crate::report::PlanChange) -> [String; 4] {
    [
        format!("{}: {}", c.dimension_title, c.prompt),
        format!("Now: {} → needed: {}", c.from_text, c.to_text),
        format!("Readiness with this change alone: {}%", c.readiness_alone),
        c.action
            .as_ref()
            .map_or_else(String::new, |a| format!("How to earn it: {a}")),
    ]
}

/// What the plan leads to, when it reaches the target.
pub(crate) fn plan_after_text(r: &Report) -> Option<String> {
    let p = r.plan.as_ref()?;
    let (Some(level), Some(readiness)) = (&p.estimate_after, p.readiness_after) else {
        return None;
    };
    // Readiness also counts the expected dimensions the estimate did not need.
    let why = if readiness < 100 {
        " (under 100%: the level is met without all it expects, and the rest is still short)"
    } else {
        ""
    };
    Some(format!(
        "With every change made: estimated {}, readiness for {} {readiness}%{why}.",
        level.title, r.target.title
    ))
}

/// A terminal table in the reports' style: condensed borders, Unicode or
/// ASCII (`unicode`), as wide as the words need up to `width` columns, the
/// `header` cells bold. The caller adds the rows.
pub(crate) fn bordered(header: impl IntoIterator<Item = String>, width: u16, unicode: bool) -> comfy_table::Table {
    use comfy_table::{Attribute, Cell, ContentArrangement};
    let mut t = comfy_table::Table::new();
    t.load_style(table::preset(unicode))
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .enforce_styling()
        .set_header(header.into_iter().map(|h| Cell::new(h).add_attribute(Attribute::Bold)));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(money(130000.0, "USD", false), "$130K");
        assert_eq!(money(450000.0, "USD", true), "$450K+");
        assert_eq!(money(99.5, "EUR", false), "99.5 EUR");
    }
}
