//! A whole team against one rubric: a heatmap of people × dimensions, the
//! gaps most people share, the team's strengths and the spread of estimates.
//! Pure: person summaries in, one report out. Each person is kept as a small
//! summary, never a full report, so memory grows only by a few numbers a person.

use crate::rubric::Rubric;
use crate::score::Assessment;
use serde::{Deserialize, Serialize};

/// Bumped on any change a reader of `team --format json` could notice.
pub const TEAM_VERSION: u32 = 1;

/// What the team report keeps of one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    pub file: String,
    /// Score per dimension, in rubric order, on the level scale (format 2:
    /// each dimension's own steps, or its points, stretched to the levels).
    pub scores: Vec<Option<f64>>,
    /// Which dimensions reach the target.
    pub reached: Vec<bool>,
    /// Which dimensions the target expects of this person (not all n/a).
    #[serde(default)]
    pub expected: Vec<bool>,
    /// Level id of the estimate.
    pub estimate: String,
    pub readiness: u32,
}

impl Person {
    /// Scores, reached and expected hold the scored dimensions only, in
    /// rubric order: a signal has no score (see [`scored`]).
    pub fn new(name: String, file: String, rubric: &Rubric, a: &Assessment) -> Person {
        let dims = || {
            a.dimensions
                .iter()
                .enumerate()
                .filter(|(i, _)| !rubric.dimensions[*i].signal)
        };
        Person {
            name,
            file,
            scores: dims()
                .map(|(i, d)| on_level_scale(rubric, a, i, d.score).map(|s| (s * 100.0).round() / 100.0))
                .collect(),
            reached: dims().map(|(_, d)| d.reached).collect(),
            expected: dims().map(|(_, d)| d.expected.is_some()).collect(),
            estimate: crate::report::level_info(rubric, a.estimate).id,
            readiness: crate::report::percent(a.readiness),
        }
    }
}

/// A dimension's score on the rubric's level scale, so a heatmap can shade
/// every column alike: own steps stretched to the levels (below-first stays
/// at −1), format-2 points ladders by their share of the most there is.
fn on_level_scale(rubric: &Rubric, a: &Assessment, d: usize, score: Option<f64>) -> Option<f64> {
    let levels = rubric.levels.len() as f64;
    if let (crate::rubric::Rule::Points { .. }, Some(p), true) = (&rubric.scoring.rule, &a.points, rubric.format >= 2) {
        let max = p.max_per_dimension[d];
        return (max > 0.0).then(|| (p.per_dimension[d] / max * levels - 1.0).max(0.0));
    }
    let steps = rubric.step_count(d) as f64;
    score.map(|v| (v + 1.0) * levels / steps - 1.0)
}

/// A file that was left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionSummary {
    pub dimension: String,
    pub title: String,
    pub weight: f64,
    /// How many people score below the target here.
    pub below_target: usize,
    /// Mean score of the people who answered.
    pub mean: Option<f64>,
    /// Share of people below the target, times the dimension's weight.
    pub weighted_share: f64,
    /// How many people the target expects this of (format 2: not all n/a, expected at the target).
    #[serde(default)]
    pub expected_of: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelCount {
    pub level: String,
    pub title: String,
    pub people: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamReport {
    pub team_version: u32,
    pub rubric: String,
    pub rubric_version: String,
    pub target: String,
    /// Column titles of the heatmap, in rubric order.
    pub dimensions: Vec<String>,
    /// One row per person who loaded.
    pub people: Vec<Person>,
    /// Dimensions most people lack, largest weighted share first.
    pub shared_gaps: Vec<DimensionSummary>,
    /// Dimensions where at least half the team reaches the target.
    pub strengths: Vec<DimensionSummary>,
    pub estimates: Vec<LevelCount>,
    pub failed: Vec<Skipped>,
    pub other_rubrics: Vec<Skipped>,
}

/// The dimensions a team report shows: a signal has no score to compare.
fn scored(rubric: &Rubric) -> impl Iterator<Item = &crate::rubric::Dimension> {
    rubric.dimensions.iter().filter(|d| !d.signal)
}

pub fn summarize(
    rubric: &Rubric,
    target: usize,
    people: Vec<Person>,
    failed: Vec<Skipped>,
    other: Vec<Skipped>,
) -> TeamReport {
    let n = people.len().max(1) as f64;
    let summaries: Vec<DimensionSummary> = scored(rubric)
        .enumerate()
        .map(|(d, dim)| {
            // A dimension the target does not expect (or answered n/a) is not "below".
            let below = people
                .iter()
                .filter(|p| p.expected.get(d).copied().unwrap_or(true) && !p.reached[d])
                .count();
            let answered: Vec<f64> = people.iter().filter_map(|p| p.scores[d]).collect();
            let expected_of = people
                .iter()
                .filter(|p| p.expected.get(d).copied().unwrap_or(true))
                .count();
            DimensionSummary {
                expected_of,
                dimension: dim.id.clone(),
                title: dim.title.clone(),
                weight: dim.weight,
                below_target: below,
                mean: (!answered.is_empty())
                    .then(|| (answered.iter().sum::<f64>() / answered.len() as f64 * 100.0).round() / 100.0),
                weighted_share: ((below as f64 / n) * dim.weight * 100.0).round() / 100.0,
            }
        })
        .collect();
    // Shared: more than half of those it is expected of are below it (so a
    // dimension is never both a shared gap and a strength, at least half at target).
    let mut shared_gaps: Vec<DimensionSummary> = summaries
        .iter()
        .filter(|s| s.below_target > 0 && 2 * s.below_target > s.expected_of)
        .cloned()
        .collect();
    shared_gaps.sort_by(|a, b| b.weighted_share.total_cmp(&a.weighted_share));
    shared_gaps.truncate(5);
    let strengths = summaries
        .iter()
        // At least half of those it is expected of reach it (n/a and not expected left out).
        .filter(|s| s.expected_of > 0 && 2 * s.below_target <= s.expected_of)
        .cloned()
        .collect();
    TeamReport {
        team_version: TEAM_VERSION,
        rubric: rubric.id.clone(),
        rubric_version: rubric.version.clone(),
        target: rubric.levels[target].id.clone(),
        dimensions: scored(rubric).map(|d| d.title.clone()).collect(),
        estimates: {
            // Below the first level (format 2) first, when anyone is there.
            let below = crate::report::level_info(rubric, None);
            let below_count = people.iter().filter(|p| p.estimate == below.id).count();
            let mut counts: Vec<LevelCount> = Vec::new();
            if below_count > 0 {
                counts.push(LevelCount {
                    level: below.id,
                    title: below.title,
                    people: below_count,
                });
            }
            counts.extend(rubric.levels.iter().map(|l| LevelCount {
                level: l.id.clone(),
                title: l.title.clone(),
                people: people.iter().filter(|p| p.estimate == l.id).count(),
            }));
            counts
        },
        people,
        shared_gaps,
        strengths,
        failed,
        other_rubrics: other,
    }
}

/// A heatmap cell: the score as a shade, so patterns show at a glance.
/// A score as a heatmap cell, from `low` (blank) to `top` (full); format 2
/// starts at -1, below the first level, so that place is told apart from it.
fn shade(score: Option<f64>, low: f64, top: f64) -> char {
    match score {
        None => '·',
        Some(s) => [' ', '░', '▒', '▓', '█'][(((s - low) / (top - low)).clamp(0.0, 1.0) * 4.0).round() as usize],
    }
}

/// The lowest score a heatmap shows: -1 (below the first level) in format 2.
fn low_end(rubric: &Rubric) -> f64 {
    if rubric.format >= 2 { -1.0 } else { 0.0 }
}

fn notes(r: &TeamReport, out: &mut String, bullet: &str) {
    for s in &r.failed {
        out.push_str(&format!("{bullet}{}: could not load: {}\n", s.file, s.reason));
    }
    for s in &r.other_rubrics {
        out.push_str(&format!("{bullet}{}: {}\n", s.file, s.reason));
    }
}

/// "1 person", "3 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".to_string()
    } else {
        format!("{n} people")
    }
}

pub fn table(r: &TeamReport, rubric: &Rubric) -> String {
    // Data made visible here, before our colours are added: the caller does not
    // escape this text again. Bold headings, gaps in yellow, strengths in green;
    // the stream drops the codes when colour is off.
    let r = &crate::text::map_strings(r, &|s| crate::text::visible(s).into_owned());
    let bold = anstyle::Style::new().bold();
    let green = anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Green.into()));
    let yellow = anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    let top = rubric.top().max(1.0);
    let mut out = format!(
        "{bold}Team report: {} on {} v{}, target {}{bold:#}\n",
        people(r.people.len()),
        r.rubric,
        r.rubric_version,
        r.target
    );
    if !(r.failed.is_empty() && r.other_rubrics.is_empty()) {
        out.push_str(&format!("\n{bold}Left out:{bold:#}\n"));
        notes(r, &mut out, "  - ");
    }
    out.push_str(&format!("\n{bold}Estimates:{bold:#}\n"));
    for e in &r.estimates {
        out.push_str(&format!(
            "  {:<20} {:>5}  {}\n",
            e.title,
            e.people,
            "█".repeat((e.people * 30).div_ceil(r.people.len().max(1)))
        ));
    }
    out.push_str(&format!(
        "\n{bold}Shared gaps (dimensions most people lack, weighted):{bold:#}\n"
    ));
    for g in &r.shared_gaps {
        out.push_str(&format!(
            "  {:<26} {yellow}{} of {} below target{yellow:#} (mean {})\n",
            g.title,
            g.below_target,
            g.expected_of,
            g.mean.map_or("—".into(), |m| format!("{m:.2}"))
        ));
    }
    out.push_str(&format!(
        "\n{bold}Strengths (at least half the team at the target):{bold:#}\n"
    ));
    for s in &r.strengths {
        out.push_str(&format!(
            "  {:<26} {green}{} of {} at target{green:#}\n",
            s.title,
            s.expected_of - s.below_target,
            s.expected_of
        ));
    }
    out.push_str(&format!("\n{bold}Heatmap{bold:#} (columns in order: "));
    let letters: Vec<String> = r
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{}={d}", i + 1))
        .collect();
    out.push_str(&letters.join(", "));
    out.push_str("; darker is higher, · unanswered):\n");
    let width = r
        .people
        .iter()
        .map(|p| p.name.chars().count())
        .max()
        .unwrap_or(4)
        .min(30);
    for p in &r.people {
        let cells: String = p.scores.iter().map(|s| shade(*s, low_end(rubric), top)).collect();
        let name: String = p.name.chars().take(width).collect();
        out.push_str(&format!("  {name:<width$} │{cells}│ {} {}%\n", p.estimate, p.readiness));
    }
    out
}

pub fn markdown(r: &TeamReport) -> String {
    let mut out = format!(
        "# Team report: {}\n\nRubric `{}` v{}, target `{}`.\n\n",
        people(r.people.len()),
        r.rubric,
        r.rubric_version,
        r.target
    );
    if !(r.failed.is_empty() && r.other_rubrics.is_empty()) {
        out.push_str("## Left out\n\n");
        notes(r, &mut out, "- ");
        out.push('\n');
    }
    out.push_str("## Estimates\n\n| Level | People |\n|---|---:|\n");
    for e in &r.estimates {
        out.push_str(&format!("| {} | {} |\n", e.title, e.people));
    }
    out.push_str("\n## Shared gaps\n\n");
    for g in &r.shared_gaps {
        out.push_str(&format!(
            "- **{}**: {} of {} below target\n",
            g.title, g.below_target, g.expected_of
        ));
    }
    out.push_str("\n## Strengths\n\n");
    for s in &r.strengths {
        out.push_str(&format!(
            "- **{}**: {} of {} at target\n",
            s.title,
            s.expected_of - s.below_target,
            s.expected_of
        ));
    }
    out.push_str(&format!(
        "\n## Heatmap\n\n| Person | {} | Estimate |\n|---|{}---|\n",
        r.dimensions.join(" | "),
        "---:|".repeat(r.dimensions.len())
    ));
    for p in &r.people {
        let cells: Vec<String> = p
            .scores
            .iter()
            .map(|s| s.map_or("—".into(), |v| format!("{v:.2}")))
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            p.name.replace('|', "\\|"),
            cells.join(" | "),
            p.estimate
        ));
    }
    out
}

pub fn json(r: &TeamReport) -> String {
    // A TeamReport holds only strings, numbers, bools and lists: serializing cannot fail.
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// A page with the heatmap coloured by score, and the summaries.
pub fn html(r: &TeamReport, rubric: &Rubric) -> String {
    let top = rubric.top().max(1.0);
    let rows: Vec<minijinja::Value> = r
        .people
        .iter()
        .map(|p| {
            let cells: Vec<minijinja::Value> = p
                .scores
                .iter()
                .map(|s| {
                    // From light to a strong blue as the score rises.
                    let low = low_end(rubric);
                    let light = s.map_or(96.0, |v| 92.0 - 50.0 * ((v - low) / (top - low)).clamp(0.0, 1.0));
                    minijinja::context! { text => s.map_or("—".to_string(), |v| format!("{v:.2}")), light => format!("{light:.0}"), dark => light < 60.0 }
                })
                .collect();
            minijinja::context! { name => p.name.clone(), cells => cells, estimate => p.estimate.clone(), readiness => p.readiness }
        })
        .collect();
    let view = minijinja::context! { r => minijinja::value::Serde(r), rows => rows };
    let mut env = minijinja::Environment::new();
    // The template is ours and checked by tests; a failure here is a bug, shown plainly.
    env.add_template("team.html", TEAM_TEMPLATE)
        .and_then(|()| env.get_template("team.html"))
        .and_then(|t| t.render(view))
        .unwrap_or_else(|e| format!("<!doctype html><p>levelup could not render this team report: {e}</p>\n"))
}

const TEAM_TEMPLATE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Team report: {{ r.people|length }} people</title>
<style>
body { margin: 0 auto; max-width: 64rem; padding: 1.5rem 1rem; font: 15px/1.5 system-ui, sans-serif; color: #111827; background: #fff; }
table { border-collapse: collapse; } td, th { padding: .25rem .4rem; border-bottom: 1px solid #e5e7eb; text-align: left; }
td.cell { text-align: center; font-variant-numeric: tabular-nums; min-width: 3rem; }
td.dark { color: #fff; }
.scroll { overflow-x: auto; }
</style></head>
<body>
<h1>Team report: {{ r.people|length }} people</h1>
<p>Rubric {{ r.rubric }} v{{ r.rubric_version }}, target {{ r.target }}.</p>
{% if r.failed or r.other_rubrics %}<h2>Left out</h2><ul>
{% for s in r.failed %}<li>{{ s.file }}: could not load: {{ s.reason }}</li>{% endfor %}
{% for s in r.other_rubrics %}<li>{{ s.file }}: {{ s.reason }}</li>{% endfor %}</ul>{% endif %}
<h2>Estimates</h2><ul>{% for e in r.estimates %}<li>{{ e.title }}: {{ e.people }}</li>{% endfor %}</ul>
<h2>Shared gaps</h2><ul>{% for g in r.shared_gaps %}<li><strong>{{ g.title }}</strong>: {{ g.below_target }} of {{ g.expected_of }} below target</li>{% endfor %}</ul>
<h2>Strengths</h2><ul>{% for s in r.strengths %}<li><strong>{{ s.title }}</strong></li>{% endfor %}</ul>
<h2>Heatmap</h2>
<div class="scroll"><table><thead><tr><th>Person</th>{% for d in r.dimensions %}<th>{{ d }}</th>{% endfor %}<th>Estimate</th></tr></thead><tbody>
{% for p in rows %}<tr><td>{{ p.name }}</td>{% for c in p.cells %}<td class="cell{% if c.dark %} dark{% endif %}" style="background: hsl(221 83% {{ c.light }}%)">{{ c.text }}</td>{% endfor %}<td>{{ p.estimate }} ({{ p.readiness }}%)</td></tr>
{% endfor %}</tbody></table></div>
</body></html>
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rubric() -> Rubric {
        Rubric::builtin("senior-staff").unwrap()
    }

    fn person(i: usize, scores: &[u8], r: &Rubric) -> Person {
        let scores: Vec<Option<f64>> = scores
            .iter()
            .map(|s| (*s < 101).then_some(f64::from(*s) / 100.0))
            .collect();
        Person {
            name: format!("P{i}"),
            file: format!("p{i}.yaml"),
            reached: scores.iter().map(|s| s.is_some_and(|v| v >= 0.8)).collect(),
            expected: vec![true; scores.len()],
            scores,
            estimate: r.levels[i % 2].id.clone(),
            readiness: 50,
        }
    }

    proptest! {
        #[test]
        fn one_heatmap_row_per_loaded_person(rows in prop::collection::vec(prop::collection::vec(0u8..=110, 12), 0..40)) {
            let r = rubric();
            let people: Vec<Person> = rows.iter().enumerate().map(|(i, s)| person(i, s, &r)).collect();
            let n = people.len();
            let report = summarize(&r, 1, people, Vec::new(), Vec::new());
            prop_assert_eq!(report.people.len(), n);
            let md = markdown(&report);
            let heatmap_rows = md.lines().skip_while(|l| !l.starts_with("## Heatmap")).filter(|l| l.starts_with("| P") && !l.starts_with("| Person")).count();
            prop_assert_eq!(heatmap_rows, n);
            let table_rows = table(&report, &r).lines().filter(|l| l.contains('│')).count();
            prop_assert_eq!(table_rows, n);
            prop_assert_eq!(report.estimates.iter().map(|e| e.people).sum::<usize>(), n);
            for g in &report.shared_gaps {
                prop_assert!(g.below_target <= n);
            }
        }
    }

    #[test]
    fn shared_gaps_weigh_share_by_dimension_weight() {
        let r = rubric();
        // Everyone below target everywhere: the heaviest dimension (scope, weight 3) leads.
        let people: Vec<Person> = (0..4).map(|i| person(i, &[10; 12], &r)).collect();
        let report = summarize(&r, 1, people, Vec::new(), Vec::new());
        assert_eq!(report.shared_gaps[0].dimension, "scope");
        assert_eq!(report.shared_gaps[0].weighted_share, 3.0);
        assert_eq!(report.shared_gaps.len(), 5);
        assert!(report.strengths.is_empty());
    }
}
