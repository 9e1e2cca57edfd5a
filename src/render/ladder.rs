//! `levelup rubric diff` and `levelup rubric show --grid` as text: pure
//! functions from a [`LevelDiff`] or [`Grid`] (see [`crate::ladder`]) to a
//! terminal table, Markdown, JSON or an HTML page. The rubric's words are data:
//! each renderer makes them safe for its format as it writes them (visible and
//! on one line in a table, escaped in Markdown and HTML).

use super::rubric::{bold, wrapped};
use crate::ladder::{Change, DimensionChange, Grid, ItemRef, LevelDiff, PointsPair, StepRef};
use std::fmt::Write;

/// What a cell shows where a level does not expect a dimension.
const NONE: &str = "—";

/// Data as one line a table cell can hold: hidden characters shown as
/// escapes, line breaks as spaces; ASCII unless `unicode`, before it is measured.
fn cell(text: &str, unicode: bool) -> String {
    let line = crate::text::one_line(text);
    if unicode {
        line
    } else {
        crate::text::ascii(&line).into_owned()
    }
}

/// A step's title, or [`NONE`].
fn step_title(step: Option<&StepRef>) -> &str {
    step.map_or(NONE, |s| s.title.as_str())
}

/// "1 level" / "3 levels".
fn levels_apart(n: usize) -> String {
    crate::team::count(n, "level", "levels")
}

/// The sentence that sums a diff up: which way, how far, and how many
/// dimensions change in which way.
fn summary(d: &LevelDiff) -> String {
    let apart = d.from.index.abs_diff(d.to.index);
    let way = match d.direction {
        "up" => format!("A step up of {}", levels_apart(apart)),
        "down" => format!("A step down of {}", levels_apart(apart)),
        _ => return "The same level: nothing changes.".to_string(),
    };
    let counts: Vec<String> = [
        Change::Raised,
        Change::Lowered,
        Change::Starts,
        Change::Stops,
        Change::Same,
        Change::NotExpected,
    ]
    .into_iter()
    .filter_map(|c| {
        let n = d.count(c);
        (n > 0).then(|| format!("{n} {}", c.text()))
    })
    .collect();
    let dims = crate::team::count(d.dimensions.len(), "dimension", "dimensions");
    format!("{way}, over {dims}: {}.", counts.join(", "))
}

/// Points as people write them.
fn points(p: Option<f64>) -> String {
    p.map_or_else(|| "none".to_string(), |p| format!("{p}"))
}

/// "20 → 34 points", for a threshold or a minimum.
fn points_change(p: PointsPair) -> String {
    format!("{} → {}", points(p.from), points(p.to))
}

/// The lines under a dimension, as (label, text): its description at each
/// end (once when they are the same), the points minimum, then the items.
fn details(d: &LevelDiff, c: &DimensionChange) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !c.description.is_empty() {
        out.push((format!("At {}", d.to.title), c.description.clone()));
    }
    if !c.from_description.is_empty() && c.from_description != c.description {
        out.push((format!("At {}", d.from.title), c.from_description.clone()));
    }
    if let Some(p) = c.min_points.filter(|p| p.from.is_some() || p.to.is_some()) {
        out.push(("Minimum points".to_string(), points_change(p)));
    }
    out
}

/// An item as a list line: its label and the level it belongs to.
fn item_line(i: &ItemRef) -> String {
    format!("{} ({})", i.label, i.level)
}

/// The dimension's title, after its category's where the rubric has categories.
fn titled(c: &DimensionChange) -> String {
    match &c.category {
        Some(k) => format!("{k} · {}", c.title),
        None => c.title.clone(),
    }
}

/// The diff for a terminal `width` columns wide: a summary table of every
/// dimension, then what changes in each, wrapped at spaces.
pub fn diff_table(d: &LevelDiff, width: u16, unicode: bool) -> String {
    let wrap = |text: &str, first: &str, rest: &str| wrapped(&crate::text::one_line(text), width, unicode, first, rest);
    let mut out = String::new();
    let head = format!("{} → {}", d.from.title, d.to.title);
    let _ = writeln!(out, "{}", bold(&wrap(&head, "", "")));
    let rubric = format!("Rubric: {} ({} v{})", d.rubric.title, d.rubric.id, d.rubric.version);
    let _ = writeln!(out, "{}", wrap(&rubric, "", ""));
    let _ = writeln!(out, "{}", wrap(&summary(d), "", ""));
    if d.direction == "same" {
        return out;
    }
    if let Some(t) = d.threshold {
        let _ = writeln!(out, "{}", wrap(&format!("Points needed: {}", points_change(t)), "", ""));
    }
    let header = ["Dimension", &d.from.title, &d.to.title, "Change"].map(|h| cell(h, unicode));
    let mut t = super::bordered(header, width, unicode);
    for c in &d.dimensions {
        t.add_row(vec![
            cell(&titled(c), unicode),
            cell(step_title(c.from.as_ref()), unicode),
            cell(step_title(c.to.as_ref()), unicode),
            c.change.text().to_string(),
        ]);
    }
    super::keep_words_whole(&mut t, width);
    let _ = writeln!(out, "\n{t}");
    for c in &d.dimensions {
        let line = match (&c.from, &c.to) {
            (Some(a), Some(b)) if a != b => format!("{}: {}, {} → {}", titled(c), c.change.text(), a.title, b.title),
            (Some(a), _) | (None, Some(a)) => format!("{}: {}, {}", titled(c), c.change.text(), a.title),
            (None, None) => format!("{}: {}", titled(c), c.change.text()),
        };
        let _ = writeln!(out, "\n{}", bold(&wrap(&line, "", "  ")));
        for (label, text) in details(d, c) {
            let _ = writeln!(out, "{}", wrap(&format!("{label}: {text}"), "  ", "    "));
        }
        for (label, items) in [
            (newly(c), &c.new_items),
            ("No longer expected".to_string(), &c.dropped_items),
        ] {
            if !items.is_empty() {
                let _ = writeln!(out, "{}", wrap(&format!("{label}:"), "  ", "    "));
                for i in items {
                    let _ = writeln!(out, "{}", wrap(&item_line(i), "    - ", "      "));
                }
            }
        }
    }
    if !d.signals.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            wrap(&signals_note(d.signals.iter().map(|s| &s.title)), "", "")
        );
    }
    out
}

/// The note on dimensions left out because no level expects them.
fn signals_note<'a>(titles: impl Iterator<Item = &'a String>) -> String {
    let titles: Vec<&str> = titles.map(String::as_str).collect();
    format!(
        "Not expected at any level (a signal, shown in reports, never scored): {}.",
        crate::error::one_of(&titles)
    )
}

/// The diff as Markdown; the rubric's words escaped so they add no structure.
pub fn diff_markdown(d: &LevelDiff) -> String {
    let md = crate::text::markdown;
    let mut out = String::new();
    let _ = writeln!(out, "# {} → {}\n", md(&d.from.title), md(&d.to.title));
    let _ = writeln!(
        out,
        "Rubric: {} (`{}` v{}). {}\n",
        md(&d.rubric.title),
        d.rubric.id,
        md(&d.rubric.version),
        md(&summary(d))
    );
    if d.direction == "same" {
        return out;
    }
    if let Some(t) = d.threshold {
        let _ = writeln!(out, "Points needed: {}.\n", points_change(t));
    }
    let _ = writeln!(
        out,
        "| Dimension | {} | {} | Change |\n|---|---|---|---|",
        md(&d.from.title),
        md(&d.to.title)
    );
    for c in &d.dimensions {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            md(&titled(c)),
            md(step_title(c.from.as_ref())),
            md(step_title(c.to.as_ref())),
            c.change.text()
        );
    }
    for c in &d.dimensions {
        let _ = writeln!(out, "\n## {} — {}\n", md(&titled(c)), c.change.text());
        let steps = match (&c.from, &c.to) {
            (Some(a), Some(b)) if a != b => format!("{} → {}", md(&a.title), md(&b.title)),
            (Some(a), None) => format!("{} → not expected", md(&a.title)),
            (None, Some(b)) => format!("not expected → {}", md(&b.title)),
            (Some(a), Some(_)) => md(&a.title),
            (None, None) => "not expected".to_string(),
        };
        let _ = writeln!(out, "- **Expected:** {steps}");
        for (label, text) in details(d, c) {
            let _ = writeln!(out, "- **{}:** {}", md(&label), md(&text));
        }
        for (label, items) in [
            (newly(c), &c.new_items),
            ("No longer expected".to_string(), &c.dropped_items),
        ] {
            if !items.is_empty() {
                let _ = writeln!(out, "- **{label}:**");
                for i in items {
                    let _ = writeln!(out, "  - {} (`{}`)", md(&i.label), i.level);
                }
            }
        }
    }
    if !d.signals.is_empty() {
        let _ = writeln!(out, "\n{}", md(&signals_note(d.signals.iter().map(|s| &s.title))));
    }
    out
}

/// The diff as JSON (`diff_version` 1; see the README), one line break at the end.
pub fn diff_json(d: &LevelDiff) -> String {
    let mut text = serde_json::to_string_pretty(d).unwrap_or_default();
    text.push('\n');
    // serde_json escapes C0 itself; C1, DEL and bidi marks get JSON escapes here.
    crate::text::visible_json(&text).into_owned()
}

/// The rows of the grid beyond the dimensions, under a points rule: the
/// total each level needs and its minimum per dimension.
fn points_rows(g: &Grid) -> Vec<(&'static str, Vec<String>)> {
    let Some(p) = &g.points else {
        return Vec::new();
    };
    let mut rows = vec![("Points needed", p.iter().map(|(t, _)| format!("{t}")).collect())];
    if p.iter().any(|(_, m)| m.is_some()) {
        rows.push((
            "Minimum per dimension",
            p.iter()
                .map(|(_, m)| m.map_or_else(|| NONE.to_string(), |m| format!("{m}")))
                .collect(),
        ));
    }
    rows
}

/// Whether any row has a category (the grid then gets a category column).
fn has_categories(g: &Grid) -> bool {
    g.rows.iter().any(|r| r.category.is_some())
}

/// The legend under the grid.
fn legend(g: &Grid, none: &str) -> String {
    let points = if g.points.is_some() {
        " Under the points rule a level is reached by points: the total it needs and, where set, a minimum in every dimension."
    } else {
        ""
    };
    format!("Each cell is the step the level expects of the dimension; {none}: the level does not expect it.{points}")
}

/// The grid of levels `levels` (a range of columns) as a comfy-table.
fn grid_part(g: &Grid, levels: std::ops::Range<usize>, width: u16, unicode: bool) -> (comfy_table::Table, bool) {
    let categories = has_categories(g);
    let none = cell(NONE, unicode);
    let mut header = Vec::new();
    if categories {
        header.push("Category".to_string());
    }
    header.push("Dimension".to_string());
    header.extend(g.levels[levels.clone()].iter().map(|l| cell(&l.title, unicode)));
    let mut t = super::bordered(header, width, unicode);
    for row in &g.rows {
        let mut cells = Vec::new();
        if categories {
            cells.push(row.category.as_deref().map(|k| cell(k, unicode)).unwrap_or_default());
        }
        cells.push(cell(&row.title, unicode));
        cells.extend(
            row.cells[levels.clone()]
                .iter()
                .map(|c| c.as_ref().map_or_else(|| none.clone(), |s| cell(&s.title, unicode))),
        );
        t.add_row(cells);
    }
    for (title, values) in points_rows(g) {
        let mut cells = Vec::new();
        if categories {
            cells.push(String::new());
        }
        cells.push(title.to_string());
        cells.extend(values[levels.clone()].iter().map(|v| cell(v, unicode)));
        t.add_row(cells);
    }
    let fits = super::keep_words_whole(&mut t, width);
    (t, fits)
}

/// The grid for a terminal `width` columns wide: one table of every level
/// when it fits; else the levels split over as few tables as fit, each
/// repeating the dimension column; and where not even one level fits beside
/// the dimensions, a list, level by level.
pub fn grid_table(g: &Grid, width: u16, unicode: bool) -> String {
    let wrap = |text: &str, first: &str, rest: &str| wrapped(&crate::text::one_line(text), width, unicode, first, rest);
    let mut out = String::new();
    let _ = writeln!(out, "{}", bold(&wrap(&g.rubric.title, "", "")));
    let _ = writeln!(
        out,
        "{}",
        wrap(
            &format!(
                "What each level expects, by dimension ({} v{})",
                g.rubric.id, g.rubric.version
            ),
            "",
            ""
        )
    );
    let n = g.levels.len();
    // As many levels side by side as fit, from the first.
    let mut parts: Vec<comfy_table::Table> = Vec::new();
    let mut start = 0;
    while start < n {
        let (mut table, fits) = grid_part(g, start..start + 1, width, unicode);
        if !fits {
            parts.clear();
            break;
        }
        let mut end = start + 1;
        while end < n {
            let (wider, fits) = grid_part(g, start..end + 1, width, unicode);
            if !fits {
                break;
            }
            table = wider;
            end += 1;
        }
        parts.push(table);
        start = end;
    }
    if parts.is_empty() {
        // Too narrow for a table: level by level.
        for (l, level) in g.levels.iter().enumerate() {
            let _ = writeln!(out, "\n{}", bold(&wrap(&level.title, "", "  ")));
            for row in &g.rows {
                let step = row.cells[l].as_ref().map_or(NONE, |s| s.title.as_str());
                let _ = writeln!(out, "{}", wrap(&format!("{}: {step}", row.title), "  ", "    "));
            }
            for (title, values) in points_rows(g) {
                let _ = writeln!(out, "{}", wrap(&format!("{title}: {}", values[l]), "  ", "    "));
            }
        }
    } else {
        for t in &parts {
            let _ = writeln!(out, "\n{t}");
        }
    }
    let _ = writeln!(out, "\n{}", wrap(&legend(g, NONE), "", ""));
    if !g.signals.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            wrap(&signals_note(g.signals.iter().map(|s| &s.title)), "", "")
        );
    }
    out
}

/// The grid as Markdown: one table, the rubric's words escaped.
pub fn grid_markdown(g: &Grid) -> String {
    let md = crate::text::markdown;
    let categories = has_categories(g);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md(&g.rubric.title));
    let _ = writeln!(
        out,
        "What each level expects, by dimension (`{}` v{}).\n",
        g.rubric.id,
        md(&g.rubric.version)
    );
    let mut header: Vec<String> = Vec::new();
    if categories {
        header.push("Category".into());
    }
    header.push("Dimension".into());
    header.extend(g.levels.iter().map(|l| md(&l.title)));
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in &g.rows {
        let mut cells: Vec<String> = Vec::new();
        if categories {
            cells.push(row.category.as_deref().map(md).unwrap_or_default());
        }
        cells.push(md(&row.title));
        cells.extend(
            row.cells
                .iter()
                .map(|c| c.as_ref().map_or_else(|| NONE.to_string(), |s| md(&s.title))),
        );
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    for (title, values) in points_rows(g) {
        let mut cells: Vec<String> = Vec::new();
        if categories {
            cells.push(String::new());
        }
        cells.push(format!("*{title}*"));
        cells.extend(values);
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    let _ = writeln!(out, "\n{}", legend(g, NONE));
    if !g.signals.is_empty() {
        let _ = writeln!(out, "\n{}", md(&signals_note(g.signals.iter().map(|s| &s.title))));
    }
    out
}

/// The grid as one self-contained HTML page (inline CSS, no script); every
/// text from the rubric escaped by the template.
pub fn grid_html(g: &Grid) -> String {
    #[derive(serde::Serialize)]
    struct Row {
        category: Option<String>,
        title: String,
        cells: Vec<Option<String>>,
    }
    #[derive(serde::Serialize)]
    struct PointsRow {
        title: &'static str,
        cells: Vec<String>,
    }
    let v = |s: &str| crate::text::visible(s).into_owned();
    let rows: Vec<Row> = g
        .rows
        .iter()
        .map(|r| Row {
            category: r.category.as_deref().map(v),
            title: v(&r.title),
            cells: r.cells.iter().map(|c| c.as_ref().map(|s| v(&s.title))).collect(),
        })
        .collect();
    let points: Vec<PointsRow> = points_rows(g)
        .into_iter()
        .map(|(title, cells)| PointsRow { title, cells })
        .collect();
    let signals = if g.signals.is_empty() {
        String::new()
    } else {
        v(&signals_note(g.signals.iter().map(|s| &s.title)))
    };
    #[derive(serde::Serialize)]
    struct View {
        title: String,
        rubric_id: String,
        version: String,
        levels: Vec<String>,
        categories: bool,
        rows: Vec<Row>,
        points: Vec<PointsRow>,
        dash: &'static str,
        legend: String,
        signals: String,
    }
    let view = View {
        title: v(&g.rubric.title),
        rubric_id: g.rubric.id.clone(),
        version: v(&g.rubric.version),
        levels: g.levels.iter().map(|l| v(&l.title)).collect(),
        categories: has_categories(g),
        rows,
        points,
        dash: NONE,
        legend: legend(g, NONE),
        signals,
    };
    let mut env = minijinja::Environment::new();
    // The template is ours and checked by tests; a failure here is a bug, shown plainly.
    env.add_template("grid.html", include_str!("grid.html"))
        .and_then(|()| env.get_template("grid.html"))
        .and_then(|t| t.render(minijinja::Value::from(minijinja::value::Serde(&view))))
        .map(|mut page| {
            page.push('\n');
            page
        })
        .unwrap_or_else(|e| format!("<!doctype html><p>levelup could not render this grid: {e}</p>\n"))
}

/// "Newly expected", saying where a share of each level's items is enough.
fn newly(c: &DimensionChange) -> String {
    match c.meet {
        Some(m) => format!(
            "Newly expected ({}% of each level's items is enough to meet it)",
            (m * 100.0).round()
        ),
        None => "Newly expected".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ladder::{diff, grid};
    use crate::rubric::Rubric;

    #[test]
    fn the_same_level_says_nothing_changes_and_stops() {
        let r = Rubric::builtin("senior-staff").unwrap();
        let text = diff_table(&diff(&r, 1, 1), 100, true);
        assert!(text.contains("nothing changes"), "{text}");
        assert!(!text.contains("Change"), "no table: {text}");
    }

    #[test]
    fn the_grid_page_is_self_contained_and_escaped() {
        let mut r = Rubric::builtin("senior-staff").unwrap();
        r.dimensions[0].title = "<script>alert(1)</script> & co".into();
        let page = grid_html(&grid(&r));
        assert!(page.starts_with("<!doctype html>"));
        assert!(!page.contains("<script"), "{page}");
        assert!(page.contains("&lt;script&gt;"), "{page}");
        for external in ["<link", "src=", "href=\"http", "@import", "url("] {
            assert!(!page.contains(external), "{external}");
        }
        assert!(!page.contains("could not render"));
        // Not expected: the dash, not a template's idea of nothing.
        let path = format!("{}/examples/rubrics/profile-ladder.yaml", env!("CARGO_MANIFEST_DIR"));
        let r = crate::rubric::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        let page = grid_html(&grid(&r));
        assert_eq!(
            page.matches(r#"<td class="none" title="not expected">—</td>"#).count(),
            2,
            "{page}"
        );
        assert!(!page.contains("None"), "{page}");
    }

    #[test]
    fn a_narrow_terminal_gets_the_grid_in_parts_each_within_the_width() {
        let path = format!("{}/examples/rubrics/profile-ladder.yaml", env!("CARGO_MANIFEST_DIR"));
        let r = crate::rubric::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        let g = grid(&r);
        let wide = grid_table(&g, 200, true);
        let narrow = grid_table(&g, 60, true);
        let tables = |t: &str| t.lines().filter(|l| l.starts_with('┌') || l.starts_with('╭')).count();
        assert_eq!(tables(&wide), 1, "{wide}");
        assert!(tables(&narrow) > 1, "{narrow}");
        for line in narrow.lines() {
            assert!(textwrap::core::display_width(line) <= 60, "{line}");
        }
        // Every level is still there.
        for l in &r.levels {
            assert!(narrow.contains(l.title.split(' ').next().unwrap()), "{}", l.title);
        }
    }
}
