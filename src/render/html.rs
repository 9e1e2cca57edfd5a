//! The HTML report: one self-contained page (inline CSS and SVG, no script),
//! made with a minijinja template that escapes everything it inserts.

use super::{
    by_points, category_starts, fit_level, gap_cell, gap_heading, leaning_text, missing_lines, money, no_gaps_text,
    other_evidence, other_missing, scale_note, score_cell, strength_text, target_cell, weight_cell, who,
};
use crate::report::Report;
use serde::Serialize;

const TEMPLATE: &str = include_str!("report.html");

#[derive(Serialize)]
struct Dim<'a> {
    /// The category's title on the first row of each category.
    category: Option<&'a str>,
    title: &'a str,
    reached: bool,
    score: String,
    target: String,
    gap: String,
    weight: String,
    /// Bar fill and target mark, in percent of the scale.
    fill: String,
    mark: String,
    /// Where the gap is shaded (CSS left and width), empty when there is none.
    short: String,
    /// A signal: no bar.
    signal: bool,
}

#[derive(Serialize)]
struct Pay<'a> {
    title: &'a str,
    base: String,
    total: String,
}

#[derive(Serialize)]
struct View<'a> {
    r: &'a Report,
    who: String,
    dims: Vec<Dim<'a>>,
    top: usize,
    scale: String,
    leaning: String,
    fit_level: String,
    other_evidence: Vec<(String, String)>,
    pay: Vec<Pay<'a>>,
    /// Indexed like `r.top_gaps` / `r.strengths`: text the formats share.
    gap_headings: Vec<String>,
    gap_missing: Vec<Vec<String>>,
    strength_texts: Vec<String>,
    other_missing: Vec<(&'a str, Vec<String>)>,
    no_gaps: String,
    no_strengths: String,
    no_pitfalls: &'static str,
    /// Each change of the plan as the formats say it (see [`super::plan_change_text`]).
    plan_changes: Vec<[String; 4]>,
    plan_after: String,
    /// "Gap report" or "Shortest path".
    heading: &'static str,
    /// The sections shown, in order (see [`super::sections`]), and their
    /// HTML ids (`top-gaps`).
    sections: Vec<super::sections::Shown>,
    anchors: Vec<String>,
    /// Lists as the page says them, joined here: the template needs no filters.
    borderline: String,
    unanswered: String,
}

/// The target level's per-dimension minimum under a points rule.
fn points_minimum(r: &Report) -> Option<f64> {
    r.points
        .as_ref()
        .and_then(|p| p.thresholds.iter().find(|t| t.level == r.target.id))
        .and_then(|t| t.min_per_dimension)
}

/// The whole report as one page.
pub fn html(r: &Report) -> String {
    html_view(r, super::sections::View::Report)
}

/// What `view` shows of the report, as one page.
pub fn html_view(r: &Report, view: super::sections::View) -> String {
    let top = r.levels.len().saturating_sub(1).max(1);
    // Bars on each dimension's own scale (steps, levels, or points up to the most there are).
    let pct = |d: &crate::report::DimensionReport, v: Option<f64>| {
        let (low, high) = match (d.points, d.max_points) {
            (Some(_), Some(max)) => (0.0, max.max(1.0)),
            _ => (
                if r.rubric.format >= 2 { -1.0 } else { 0.0 },
                d.steps.len().saturating_sub(1).max(1) as f64,
            ),
        };
        v.map_or(0.0, |v| ((v - low) / (high - low)).clamp(0.0, 1.0) * 100.0)
    };
    let view = View {
        r,
        who: who(r),
        dims: r
            .dimensions
            .iter()
            .zip(category_starts(r))
            .map(|(d, category)| Dim {
                category,
                title: &d.title,
                reached: d.reached,
                score: score_cell(r, d),
                target: target_cell(r, d),
                gap: gap_cell(r, d),
                weight: weight_cell(d),
                signal: d.signal,
                fill: format!("{:.1}", pct(d, if by_points(r) { d.points } else { d.score })),
                // No mark where the target expects nothing (or sets no minimum).
                mark: match if by_points(r) { points_minimum(r) } else { d.target } {
                    Some(t) => format!("{:.1}", pct(d, Some(t))),
                    None => String::new(),
                },
                // Only a gap is shaded: from the score to the target mark.
                short: match if by_points(r) { points_minimum(r) } else { d.target } {
                    Some(t) if d.gap > 0.0 || (!d.reached && d.target.is_some()) => {
                        let (from, to) = (pct(d, if by_points(r) { d.points } else { d.score }), pct(d, Some(t)));
                        if to > from {
                            format!("left: {from:.1}%; width: {:.1}%", to - from)
                        } else {
                            String::new()
                        }
                    }
                    _ => String::new(),
                },
            })
            .collect(),
        top,
        scale: scale_note(r),
        leaning: leaning_text(r),
        fit_level: fit_level(r).to_string(),
        other_evidence: other_evidence(r),
        gap_headings: r.top_gaps.iter().map(|g| gap_heading(r, g)).collect(),
        gap_missing: r.top_gaps.iter().map(|g| missing_lines(r, &g.missing)).collect(),
        strength_texts: r.strengths.iter().map(|s| strength_text(r, s)).collect(),
        other_missing: other_missing(r),
        no_gaps: no_gaps_text(r),
        no_strengths: super::sections::no_strengths_text(r),
        no_pitfalls: super::sections::NO_PITFALLS,
        plan_changes: r
            .plan
            .iter()
            .flat_map(|p| p.changes.iter().map(super::plan_change_text))
            .collect(),
        plan_after: super::plan_after_text(r).unwrap_or_default(),
        heading: match view {
            super::sections::View::Report => "Gap report",
            super::sections::View::Plan => "Shortest path",
        },
        sections: super::sections::shown(r, view),
        anchors: super::sections::shown(r, view)
            .iter()
            .map(|s| {
                serde_json::to_value(s.id)
                    .ok()
                    .and_then(|v| v.as_str().map(|id| id.replace('_', "-")))
                    .unwrap_or_default()
            })
            .collect(),
        borderline: r.estimate.borderline_reasons.join("; "),
        unanswered: r.unanswered.join(", "),
        pay: r
            .compensation
            .iter()
            .flat_map(|c| {
                c.levels.iter().map(|p| Pay {
                    title: &p.title,
                    base: format!(
                        "{} – {}",
                        money(p.base_min, &c.currency, false),
                        money(p.base_max, &c.currency, p.base_open_ended)
                    ),
                    total: format!(
                        "{} – {}",
                        money(p.total_min, &c.currency, false),
                        money(p.total_max, &c.currency, p.total_open_ended)
                    ),
                })
            })
            .collect(),
    };
    let mut env = minijinja::Environment::new();
    // The template is ours and checked by tests; a failure here is a bug, shown plainly.
    let rendered = env
        .add_template("report.html", TEMPLATE)
        .and_then(|()| env.get_template("report.html"))
        .and_then(|t| {
            // The chart is our own SVG, its text escaped as it was drawn.
            let chart = minijinja::Value::from_safe_string(crate::chart::svg(&crate::chart::from_report(r)));
            t.render(minijinja::context! { chart, ..minijinja::Value::from(minijinja::value::Serde(&view)) })
        });
    rendered.unwrap_or_else(|e| format!("<!doctype html><p>levelup could not render this report: {e}</p>\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let r = crate::rubric::Rubric::builtin("senior-staff").unwrap();
        let mut a = crate::answers::Answers {
            name: Some("Ana <script>alert(\"x\")</script> & co".into()),
            ..Default::default()
        };
        a.evidence.insert(
            "scope".into(),
            "<script>alert('evidence')</script> \"quoted\" & more".into(),
        );
        let s = crate::score::assess(&r, &a, 1);
        crate::report::build(&r, &a, &s, jiff::civil::date(2026, 1, 2))
    }

    #[test]
    fn user_text_comes_out_as_text() {
        let page = html(&report());
        assert!(!page.contains("<script>"), "no script element survives");
        assert!(
            page.contains("&lt;script&gt;alert(&#x27;evidence&#x27;)&lt;&#x2f;script&gt;")
                || page.contains("&lt;script&gt;alert("),
            "{page}"
        );
        assert!(
            page.contains("&quot;quoted&quot; &amp; more"),
            "quotes and ampersands are escaped"
        );
        assert!(page.contains("Ana &lt;script&gt;"), "names too");
        assert!(!page.contains("could not render"));
    }

    #[test]
    fn the_page_is_self_contained() {
        let page = html(&report());
        assert!(page.starts_with("<!doctype html>"));
        for external in ["<script", "<link", "src=\"http", "href=\"http", "@import", "url("] {
            assert!(!page.contains(external), "{external}");
        }
        assert_eq!(page.matches("<svg").count(), 1);
        let report = report();
        let scored = report.dimensions.iter().filter(|d| !d.signal).count();
        assert!(scored < report.dimensions.len(), "the default rubric has a signal");
        assert_eq!(
            page.matches(r#"<line class="lu-axis""#).count(),
            scored,
            "one axis per scored dimension: a signal is not on the radar"
        );
    }
}
