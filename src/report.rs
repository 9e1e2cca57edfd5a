//! The gap report: every fact a renderer shows, in one serializable value.
//!
//! This is also the JSON contract (`--format json`): versioned by
//! [`SCHEMA_VERSION`], documented in the README, and tested by deserializing.
//! Renderers read only this, so every format carries the same facts.

use crate::answers::{Answer, Answers};
use crate::rubric::{Kind, Need, QuestionRef, Rubric, Rule};
use crate::score::{self, Assessment, Borderline, Decision};
use serde::{Deserialize, Serialize};

/// Bumped on any change a reader of the JSON could notice (not on additions).
/// 2: rubric format 2 — `estimate.level.index` may be −1 (below the first
/// level), a dimension's `target` is what the target level expects of it
/// (`null` when nothing), step titles, points and missing items per dimension.
pub const SCHEMA_VERSION: u32 = 2;

/// At most this many actions per gap: enough to act on, few enough to start.
const ACTIONS_PER_GAP: usize = 4;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub person: Person,
    pub rubric: RubricInfo,
    /// The rubric's levels, first (lowest) to last; scores are positions on this scale.
    pub levels: Vec<LevelInfo>,
    pub target: LevelInfo,
    /// Format 2 categories (pillars) in report order; `dimensions` are grouped by them.
    #[serde(default)]
    pub categories: Vec<CategoryInfo>,
    pub estimate: Estimate,
    /// 0–100: the weighted share of the target level that the dimensions meet.
    pub readiness: u32,
    pub dimensions: Vec<DimensionReport>,
    pub top_gaps: Vec<Gap>,
    pub strengths: Vec<Strength>,
    pub pitfalls: Vec<PitfallReport>,
    pub fit: FitReport,
    pub compensation: Option<CompensationReport>,
    /// Question ids left unanswered (only with `--allow-missing`).
    pub unanswered: Vec<String>,
    /// Under a points rule: the points earned and the levels' thresholds.
    #[serde(default)]
    pub points: Option<PointsReport>,
    /// With several raters (360): each rater's view and how far they agree.
    #[serde(default)]
    pub raters: Option<RatersReport>,
    /// The shortest path to the target (an addition to schema 2); `None` in runs saved
    /// before it existed.
    #[serde(default)]
    pub plan: Option<PlanReport>,
}

/// The shortest path to the target: the fewest answer changes that would lift
/// the estimate to it (see [`crate::plan`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanReport {
    /// `at_target` (nothing to change), `reaches` (the changes lift the
    /// estimate to the target), `unreachable` (no answers could), or
    /// `several_raters` (a plan is made from one person's own answers).
    pub outcome: String,
    /// `exact` (no shorter plan exists) or `heuristic` (a greedy plan: the
    /// rubric is too large to try every shorter one).
    pub method: String,
    /// In rubric order.
    pub changes: Vec<PlanChange>,
    /// The estimate with every change made (`null` unless `reaches`).
    pub estimate_after: Option<LevelInfo>,
    /// Readiness (0–100) with every change made (`null` unless `reaches`).
    pub readiness_after: Option<u32>,
    /// The plan in plain words: what it is, and whether it is the shortest.
    pub text: String,
}

/// One answer to change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanChange {
    /// Question id.
    pub question: String,
    pub prompt: String,
    /// The answer now, as an answers file holds it; `null` when unanswered.
    pub from: Option<serde_json::Value>,
    /// The answer now, in words.
    pub from_text: String,
    /// The answer needed, as an answers file holds it: a script can write it back.
    pub to: serde_json::Value,
    /// The answer needed, in words.
    pub to_text: String,
    /// Dimension id.
    pub dimension: String,
    pub dimension_title: String,
    /// The dimension's first recommended action the answers do not show done; `null` when it has none.
    pub action: Option<String>,
    /// Readiness (0–100) with this change alone made.
    pub readiness_alone: u32,
}

/// The plan section of a report for `answers`, assessed as `a`.
pub fn plan_report(rubric: &Rubric, answers: &Answers, a: &Assessment) -> PlanReport {
    let p = crate::plan::plan(rubric, answers, a);
    let target = &rubric.levels[p.target].title;
    let n = p.changes.len();
    let method = match p.method {
        crate::plan::Method::Exact => "exact",
        crate::plan::Method::Heuristic => "heuristic",
    };
    let (outcome, text) = match p.outcome {
        crate::plan::Outcome::AtTarget => (
            "at_target",
            match a.estimate.filter(|&e| e > p.target) {
                None => format!("The estimate is already at {target}: no answer needs to change."),
                Some(e) => {
                    let above = &rubric.levels[e].title;
                    let rest = if a.readiness < 100.0 - 1e-9 {
                        format!(" Not everything {target} expects is reached, though: `levelup assess` lists its gaps.")
                    } else {
                        String::new()
                    };
                    format!(
                        "The estimate, {above}, is already above {target}: no answer needs to change to reach it.{rest}"
                    )
                }
            },
        ),
        crate::plan::Outcome::Unreachable => {
            // A dimension answered n/a throughout cannot be lifted: say so, as it is the likely cause.
            let na: Vec<String> = a
                .dimensions
                .iter()
                .enumerate()
                .filter(|(d, s)| s.not_applicable && rubric.dimensions[*d].expects[p.target].is_some())
                .map(|(d, _)| rubric.dimensions[d].title.clone())
                .collect();
            let why = match na.len() {
                0 => String::new(),
                1 => format!(
                    " {} is answered n/a throughout, and a plan leaves n/a answers as they are.",
                    na[0]
                ),
                _ => format!(
                    " {} are answered n/a throughout, and a plan leaves n/a answers as they are.",
                    na.join(", ")
                ),
            };
            (
                "unreachable",
                format!(
                    "No set of answers reaches {target}: what it expects cannot be met by answers to this rubric's questions.{why}"
                ),
            )
        }
        crate::plan::Outcome::Reaches => (
            "reaches",
            match p.method {
                crate::plan::Method::Exact => format!(
                    "{n} answer{s} to change to reach {target}; no shorter set of changes does.",
                    s = if n == 1 { "" } else { "s" }
                ),
                crate::plan::Method::Heuristic => format!(
                    "{n} answer{s} to change to reach {target}, found by a quicker search than trying every shorter set, which this rubric is too large for: a shorter one may exist.",
                    s = if n == 1 { "" } else { "s" }
                ),
            },
        ),
    };
    PlanReport {
        outcome: outcome.to_string(),
        method: method.to_string(),
        changes: p
            .changes
            .iter()
            .map(|c| {
                let d = &rubric.dimensions[c.dimension];
                let q = &d.questions[c.question];
                let at = QuestionRef::Level(c.dimension, c.question);
                PlanChange {
                    question: q.id.clone(),
                    prompt: q.prompt.clone(),
                    from: c.from.as_ref().and_then(|x| serde_json::to_value(x).ok()),
                    from_text: match (&c.from, &q.kind) {
                        (None, _) => "(unanswered)".to_string(),
                        // The whole list is in `from`; in words, how many.
                        (Some(Answer::Items(had)), Kind::Checklist { items, .. }) => {
                            format!("{} of {} ticked", had.len(), items.len())
                        }
                        (Some(x), _) => describe(rubric, at, x),
                    },
                    to: serde_json::to_value(&c.to).unwrap_or(serde_json::Value::Null),
                    to_text: match (&c.from, &c.to) {
                        // A checklist gains items: name only those.
                        // A checklist gains items (or, where fewer ticks rank higher, loses them): name only those.
                        (Some(Answer::Items(had)), Answer::Items(all)) => {
                            let added: Vec<String> = all.iter().filter(|i| !had.contains(i)).cloned().collect();
                            let dropped: Vec<String> = had.iter().filter(|i| !all.contains(i)).cloned().collect();
                            let mut said = Vec::new();
                            if !added.is_empty() {
                                said.push(format!("also tick {}", describe(rubric, at, &Answer::Items(added))));
                            }
                            if !dropped.is_empty() {
                                said.push(format!("untick {}", describe(rubric, at, &Answer::Items(dropped))));
                            }
                            said.join("; ")
                        }
                        _ => describe(rubric, at, &c.to),
                    },
                    dimension: d.id.clone(),
                    dimension_title: d.title.clone(),
                    action: d
                        .actions
                        .iter()
                        .find(|x| !x.unless.as_ref().is_some_and(|c| crate::score::holds(c, answers)))
                        .map(|x| x.text.clone()),
                    readiness_alone: percent(c.readiness_alone),
                }
            })
            .collect(),
        estimate_after: p.after.as_ref().map(|x| level_info(rubric, x.estimate)),
        readiness_after: p.after.as_ref().map(|x| percent(x.readiness)),
        text,
    }
}

/// The plan section of a report with several raters: none is made.
pub fn plan_for_raters(rubric: &Rubric, target: usize) -> PlanReport {
    PlanReport {
        outcome: "several_raters".to_string(),
        method: "exact".to_string(),
        changes: Vec::new(),
        estimate_after: None,
        readiness_after: None,
        text: format!(
            "With several raters there is no one set of answers to change; run `levelup plan` on the person's own answers file for the shortest path to {}.",
            rubric.levels[target].title
        ),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RatersReport {
    /// How the combined estimate and the agreement are decided, in plain words.
    pub rule: String,
    pub raters: Vec<RaterInfo>,
    pub dimensions: Vec<RaterView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterInfo {
    /// self, manager or peer.
    pub rater: String,
    pub name: Option<String>,
    /// The estimate from this rater's answers alone.
    pub estimate: String,
    pub readiness: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RaterView {
    pub dimension: String,
    pub title: String,
    /// Each rater's score, in the order of `raters`.
    pub scores: Vec<Option<f64>>,
    pub self_score: Option<f64>,
    /// Mean of the other raters' scores.
    pub others: Option<f64>,
    /// Half-level steps between the lowest and highest score.
    pub spread_steps: Option<u32>,
    /// agreed, worth a conversation, disconnect, or too few answers.
    pub agreement: String,
}

#[cfg(test)]
mod tests {
    use super::{agreement, percent};

    #[test]
    fn readiness_shows_100_only_when_it_is_100() {
        assert_eq!(percent(99.67), 99, "almost ready is not ready");
        assert_eq!(percent(100.0), 100);
        assert_eq!(percent(66.5), 67);
        assert_eq!(percent(-3.0), 0);
    }

    #[test]
    fn calibration_classes() {
        assert_eq!(agreement(&[Some(0.9), Some(1.0)]), (Some(0), "agreed"));
        assert_eq!(agreement(&[Some(1.0), Some(0.6)]), (Some(1), "worth a conversation"));
        assert_eq!(agreement(&[Some(1.0), Some(0.6), Some(0.1)]), (Some(2), "disconnect"));
        assert_eq!(agreement(&[Some(2.0), None, Some(0.4)]), (Some(3), "disconnect"));
        assert_eq!(agreement(&[Some(1.0), None]), (None, "too few answers"));
    }
}

/// The calibration rule: scores are put on half-level steps; the same step is
/// agreed, one step apart is worth a conversation, two or more a disconnect.
pub fn agreement(scores: &[Option<f64>]) -> (Option<u32>, &'static str) {
    let steps: Vec<i64> = scores.iter().flatten().map(|s| (s * 2.0).round() as i64).collect();
    let (Some(lo), Some(hi)) = (steps.iter().min(), steps.iter().max()) else {
        return (None, "too few answers");
    };
    if steps.len() < 2 {
        return (None, "too few answers");
    }
    let spread = (hi - lo) as u32;
    (
        Some(spread),
        match spread {
            0 => "agreed",
            1 => "worth a conversation",
            _ => "disconnect",
        },
    )
}

/// Each rater's view beside the others; `raters` pairs who rated with their assessment.
pub fn raters_report(rubric: &Rubric, raters: &[(&Answers, &Assessment)]) -> RatersReport {
    let rater_id = |a: &Answers| a.rater.map_or("rater", |r| r.id()).to_string();
    let is_self = |a: &Answers| a.rater == Some(crate::answers::Rater::Own);
    // Format-2 points ladders have no positions: raters are compared by points.
    let points_only = matches!(rubric.scoring.rule, Rule::Points { .. }) && rubric.format >= 2;
    let levels = rubric.levels.len() as f64;
    // A signal has no score to agree on.
    let dimensions = rubric
        .dimensions
        .iter()
        .enumerate()
        .filter(|(_, dim)| !dim.signal)
        .map(|(d, dim)| {
            let value = |s: &Assessment| match &s.points {
                Some(p) if points_only => Some(p.per_dimension[d]),
                _ => s.dimensions[d].score,
            };
            let scores: Vec<Option<f64>> = raters.iter().map(|(_, s)| value(s).map(round2)).collect();
            let others: Vec<f64> = raters
                .iter()
                .filter(|(a, _)| !is_self(a))
                .filter_map(|(_, s)| value(s))
                .collect();
            // Agreement on the level scale: points as their share of the most there is.
            let comparable: Vec<Option<f64>> = raters
                .iter()
                .map(|(_, s)| match &s.points {
                    Some(p) if points_only && p.max_per_dimension[d] > 0.0 => {
                        Some(p.per_dimension[d] / p.max_per_dimension[d] * levels)
                    }
                    _ => value(s),
                })
                .collect();
            let (spread_steps, verdict) = agreement(&comparable);
            RaterView {
                dimension: dim.id.clone(),
                title: dim.title.clone(),
                self_score: raters
                    .iter()
                    .find(|(a, _)| is_self(a))
                    .and_then(|(_, s)| value(s))
                    .map(round2),
                others: (!others.is_empty()).then(|| round2(others.iter().sum::<f64>() / others.len() as f64)),
                scores,
                spread_steps,
                agreement: verdict.to_string(),
            }
        })
        .collect();
    RatersReport {
        rule: "The combined estimate uses, for every question and dimension, the mean of the raters who answered it, each rater counting once; fit and pitfalls come from the self-assessment. Agreement puts each rater's dimension score on half-level steps: the same step is agreed, one step apart is worth a conversation, two or more steps apart is a disconnect to resolve.".to_string(),
        raters: raters
            .iter()
            .map(|(a, s)| RaterInfo {
                rater: rater_id(a),
                name: a.rater_name.clone().or_else(|| if is_self(a) { a.name.clone() } else { None }),
                estimate: level_info(rubric, s.estimate).id,
                readiness: percent(s.readiness),
            })
            .collect(),
        dimensions,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PointsReport {
    pub total: f64,
    /// Points per dimension id, in rubric order.
    pub dimensions: Vec<DimensionPoints>,
    /// The total each level needs, lowest level first.
    pub thresholds: Vec<LevelPoints>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionPoints {
    pub dimension: String,
    pub points: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelPoints {
    pub level: String,
    pub points: f64,
    /// Points every dimension needs for this level, if the rubric sets a minimum.
    pub min_per_dimension: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: Option<String>,
    /// YYYY-MM-DD: the answers file's date, else the day the report was made.
    pub date: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RubricInfo {
    pub id: String,
    pub version: String,
    pub title: String,
    /// The rubric file format (1 or 2).
    #[serde(default = "format_one")]
    pub format: u8,
}

fn format_one() -> u8 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelInfo {
    /// The level's id; `below` for the place below the first level.
    pub id: String,
    pub title: String,
    /// Position of the level on the scale (0 = first level, −1 = below it).
    pub index: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub level: LevelInfo,
    /// Format 1: weighted mean position over answered dimensions (format 2: `None`).
    pub position: Option<f64>,
    /// The rubric's rule, in plain words.
    pub rule: String,
    /// `mean`, `dimension-count` or `no-answers`: which part of the rule decided.
    pub decided_by: String,
    /// How the rule applied to these answers, in plain words.
    pub explanation: String,
    pub borderline: bool,
    pub borderline_reasons: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionReport {
    pub id: String,
    pub title: String,
    pub weight: f64,
    /// Position on the dimension's scale (its steps, or the levels; −1 = below
    /// the first); `None` when no question was answered (or all `n/a`).
    pub score: Option<f64>,
    /// The step the target level expects; `None` when it does not expect this dimension.
    pub target: Option<f64>,
    /// Steps below the expectation (points under the points rule); 0 when reached.
    pub gap: f64,
    pub reached: bool,
    /// Every question answered `n/a`: left out of the estimate.
    #[serde(default)]
    pub not_applicable: bool,
    /// A signal (rubric `signal: true`): shown by its answers, never scored;
    /// `score` and `target` are then `null`.
    #[serde(default)]
    pub signal: bool,
    /// Title of the highest step the score reaches ("Working"; "Below Awareness").
    #[serde(default)]
    pub step: Option<String>,
    /// Title of the step the target expects ("Expert").
    #[serde(default)]
    pub target_step: Option<String>,
    /// The id of the dimension's category (format 2 `categories`).
    #[serde(default)]
    pub category: Option<String>,
    /// Titles of the dimension's steps, lowest first (the levels' titles when it has none).
    #[serde(default)]
    pub steps: Vec<String>,
    /// Under the points rule: points earned here, and the most there are.
    #[serde(default)]
    pub points: Option<f64>,
    #[serde(default)]
    pub max_points: Option<f64>,
    /// Cumulative checklists: the unticked items of the target level and below.
    #[serde(default)]
    pub missing: Vec<MissingItem>,
    pub answers: Vec<AnswerReport>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryInfo {
    pub id: String,
    pub title: String,
    /// The share of the total weight its dimensions split, if the rubric sets one.
    pub weight: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingItem {
    pub question: String,
    pub item: String,
    pub label: String,
    /// The level the item belongs to (id).
    pub level: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerReport {
    pub question: String,
    pub prompt: String,
    /// The answer as a person reads it; `None` when unanswered.
    pub answer: Option<String>,
    /// The answer as stored in an answers file.
    pub value: Option<serde_json::Value>,
    pub position: Option<f64>,
    /// For a number, the label of the rubric's band it falls in (also in `answer`).
    #[serde(default)]
    pub band: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub dimension: String,
    pub title: String,
    pub score: Option<f64>,
    #[serde(default)]
    pub step: Option<String>,
    #[serde(default)]
    pub target_step: Option<String>,
    pub gap: f64,
    pub weighted_gap: f64,
    /// What the dimension looks like at the target level.
    pub target_looks_like: String,
    /// Cumulative checklists: what is still to do, by label.
    #[serde(default)]
    pub missing: Vec<MissingItem>,
    pub evidence: Option<String>,
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Strength {
    pub dimension: String,
    pub title: String,
    pub score: Option<f64>,
    #[serde(default)]
    pub step: Option<String>,
    #[serde(default)]
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PitfallReport {
    pub id: String,
    pub title: String,
    pub message: String,
}

/// Reports saved before `asked` existed came from rubrics with fit questions.
fn asked_before() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
    /// The level the fit questions are about: the target, or, for someone who
    /// meets it already, the level above their estimate (the top level at most).
    /// `None` in reports saved before it existed.
    #[serde(default)]
    pub level: Option<LevelInfo>,
    /// Whether the rubric asks fit questions at all; a report without them
    /// has no fit section. `true` in reports saved before it existed.
    #[serde(default = "asked_before")]
    pub asked: bool,
    /// `pursue`, `stay`, `balanced` or `unanswered`.
    pub leaning: String,
    pub pursue: Vec<String>,
    pub stay: Vec<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CompensationReport {
    pub year: u32,
    pub market: String,
    pub currency: String,
    pub note: String,
    pub levels: Vec<PayReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PayReport {
    pub level: String,
    pub title: String,
    pub base_min: f64,
    pub base_max: f64,
    pub base_open_ended: bool,
    pub total_min: f64,
    pub total_max: f64,
    pub total_open_ended: bool,
}

/// Readiness as a whole percentage: rounded, but never to 100 unless it is
/// exactly 100 (99.7% is not ready).
pub fn percent(readiness: f64) -> u32 {
    let rounded = readiness.round().clamp(0.0, 100.0) as u32;
    if readiness < 100.0 { rounded.min(99) } else { rounded }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The gap as the report shows it: on a position scale, the expectation minus
/// the *rounded* score, so that score + gap adds up on the page; points and
/// reached dimensions as scored.
fn shown_gap(rubric: &Rubric, s: &score::DimensionScore) -> f64 {
    match s.expected {
        _ if matches!(rubric.scoring.rule, Rule::Points { .. }) => round2(s.gap),
        Some(_) if s.reached && rubric.format >= 2 => 0.0,
        Some(k) => {
            let floor = if rubric.format >= 2 { -1.0 } else { 0.0 };
            round2((k as f64 - round2(s.score.unwrap_or(floor))).max(0.0))
        }
        None => 0.0,
    }
}

/// A level, or (`None`) the place below the first one: id `below`, index −1.
pub fn level_info(rubric: &Rubric, index: Option<usize>) -> LevelInfo {
    match index {
        Some(i) => LevelInfo {
            id: rubric.levels[i].id.clone(),
            title: rubric.levels[i].title.clone(),
            index: i as i64,
        },
        None => LevelInfo {
            id: "below".to_string(),
            title: rubric.below_first.clone(),
            index: -1,
        },
    }
}

/// Title of the highest step of dimension `d` that `score` reaches; `None`
/// when unanswered or under a points rule without positions.
fn step_reached(rubric: &Rubric, d: usize, score: Option<f64>) -> Option<String> {
    let score = score?;
    if matches!(rubric.scoring.rule, Rule::Points { .. }) {
        return None;
    }
    let k = (0..rubric.step_count(d))
        .rev()
        .find(|&k| score >= score::bar(rubric, k) - 1e-9)
        .map_or(-1, |k| k as i64);
    Some(rubric.step_title(d, k))
}

fn missing_items(rubric: &Rubric, d: usize, s: &score::DimensionScore) -> Vec<MissingItem> {
    s.missing
        .iter()
        .filter_map(|&(qi, ii)| {
            let q = &rubric.dimensions[d].questions[qi];
            let Kind::Checklist { items, .. } = &q.kind else {
                return None;
            };
            let item = &items[ii];
            Some(MissingItem {
                question: q.id.clone(),
                item: item.id.clone(),
                label: item.label.clone(),
                level: item.level.map(|l| rubric.levels[l].id.clone()).unwrap_or_default(),
            })
        })
        .collect()
}

/// How an answer reads in the report: [`describe_plain`], and for a number the
/// rubric's band it falls in ("65% (the usual Senior range)").
pub fn describe(rubric: &Rubric, question: QuestionRef, answer: &Answer) -> String {
    describe_as(rubric, question, answer, true)
}

/// How an answer reads while the person is still answering: no band and no
/// level name, which would tell them where an answer scores.
pub fn describe_plain(rubric: &Rubric, question: QuestionRef, answer: &Answer) -> String {
    describe_as(rubric, question, answer, false)
}

fn describe_as(rubric: &Rubric, question: QuestionRef, answer: &Answer, with_band: bool) -> String {
    let label_of = |items: &mut dyn Iterator<Item = (&String, &String)>, ticked: &[String]| {
        let labels: Vec<&str> = items
            .filter(|(id, _)| ticked.contains(id))
            .map(|(_, l)| l.as_str())
            .collect();
        if labels.is_empty() {
            "(none)".to_string()
        } else {
            labels.join("; ")
        }
    };
    match (question, answer) {
        (_, Answer::NotApplicable) => crate::interview::NOT_APPLICABLE_LABEL.to_string(),
        (QuestionRef::Fit(f), Answer::Items(ticked)) => label_of(
            &mut rubric.fit_questions()[f].items.iter().map(|i| (&i.id, &i.label)),
            ticked,
        ),
        (QuestionRef::Level(d, q), _) => match (&rubric.dimensions[d].questions[q].kind, answer) {
            (Kind::Choice(choices), Answer::Choice(id)) => choices
                .iter()
                .find(|c| c.id == *id)
                .map_or_else(|| id.clone(), |c| c.label.clone()),
            (Kind::Scale { .. }, Answer::Scale(a)) => a.label().to_string(),
            (Kind::Scale { labels, .. }, Answer::Choice(id)) => labels
                .iter()
                .find(|l| l.id == *id)
                .map_or_else(|| id.clone(), |l| l.title.clone()),
            (Kind::Checklist { items, .. }, Answer::Items(ticked)) => {
                label_of(&mut items.iter().map(|i| (&i.id, &i.label)), ticked)
            }
            (Kind::Number { unit, bands, .. }, Answer::Number(x)) => {
                let unit = crate::rubric::unit_suffix(unit.as_deref());
                let last = bands.len().saturating_sub(1);
                let band = bands
                    .iter()
                    .enumerate()
                    .find(|(i, b)| *x >= b.from && (*x < b.to || (*i == last && *x <= b.to)));
                match band {
                    Some((_, b)) if with_band => format!("{x}{unit} ({})", b.label),
                    _ => format!("{x}{unit}"),
                }
            }
            _ => String::new(),
        },
        _ => String::new(),
    }
}

/// The rubric's estimate rule in plain words.
pub fn rule_text(rubric: &Rubric) -> String {
    if let Rule::Points {
        thresholds,
        min_dimension,
    } = &rubric.scoring.rule
    {
        let levels: Vec<String> = rubric
            .levels
            .iter()
            .zip(thresholds)
            .zip(min_dimension)
            .map(|((l, t), m)| match m {
                Some(m) => format!("{} from {t} (and at least {m} in every dimension)", l.title),
                None => format!("{} from {t}", l.title),
            })
            .collect();
        return format!(
            "Each answer earns points and the total decides the level: {}. The estimate is the highest level whose total you reach, minimums included.",
            levels.join(", ")
        );
    }
    if rubric.format >= 2 {
        let need = match rubric.scoring.need {
            Need::Share(share) if share >= 1.0 => "all of the dimensions it expects reach".to_string(),
            Need::Share(share) => format!(
                "dimensions making up at least {}% of the weight of those it expects reach",
                (share * 100.0).round()
            ),
            Need::Count(n) => format!("at least {n} of the dimensions it expects (or all, if it expects fewer) reach"),
        };
        return format!(
            "Each level expects a step on some dimensions, not necessarily the same one on each. A dimension's score is the weighted average of its answers on its own steps, and it reaches a step once it gets {}% of the way up to it. A level is met when {need} what it expects; answers of n/a are left out. The estimate is the highest level met, or {} when none is.",
            (rubric.scoring.reach * 100.0).round(),
            rubric.below_first
        );
    }
    format!(
        "Each dimension's score is the weighted average of its answers on the level scale, and the overall position is the weighted average of the dimensions. A level counts as reached once a score gets {}% of the way up the step to it. The estimate is the highest level that the overall position reaches and that at least {} of the {} dimensions reach on their own.",
        (rubric.scoring.reach * 100.0).round(),
        rubric.scoring.min_dimensions_at_level,
        rubric.dimensions.len()
    )
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn explanation(rubric: &Rubric, a: &Assessment) -> String {
    let mut text = estimate_explanation(rubric, a);
    // A target below the estimate: say where the person stands against it,
    // rather than let 100% read as "ready" (or, on a falling profile, let a
    // target that is not met go unsaid).
    if let Some(e) = a.estimate.filter(|&e| e > a.target) {
        let (target, estimate) = (&rubric.levels[a.target].title, &rubric.levels[e].title);
        if target_met(a) {
            text.push_str(&format!(
                " The target, {target}, is below your estimate: you are already past it, at {estimate}."
            ));
        } else {
            text.push_str(&format!(
                " The target, {target}, is not met although {estimate} is: on this ladder a higher level does not expect everything a lower one does; the gaps below are against {target}."
            ));
        }
    }
    text
}

/// Whether every dimension the target expects reaches it (readiness 100).
fn target_met(a: &Assessment) -> bool {
    a.readiness >= 100.0 - 1e-9
}

/// The level the fit questions speak of: the target, or, for someone who
/// meets it already, the level above where they are (the top level at most).
fn fit_level(rubric: &Rubric, a: &Assessment) -> usize {
    match a.estimate {
        Some(e) if e >= a.target && target_met(a) => (e + 1).min(rubric.levels.len() - 1),
        _ => a.target,
    }
}

/// How the rule reached the estimate, in the rubric's numbers.
fn estimate_explanation(rubric: &Rubric, a: &Assessment) -> String {
    let title = |i: Option<usize>| rubric.level_title(i).to_string();
    if let (
        Rule::Points {
            thresholds,
            min_dimension,
        },
        Some(p),
    ) = (&rubric.scoring.rule, &a.points)
        && (a.position.is_some() || rubric.format >= 2)
    {
        return points_explanation(rubric, a, p, thresholds, min_dimension);
    }
    if rubric.format >= 2 {
        return profile_explanation(rubric, a);
    }
    let estimate = a.estimate.unwrap_or(0);
    let dims = rubric.dimensions.len();
    let reaching = |level: usize| {
        a.dimensions
            .iter()
            .filter(|d| d.score.is_some_and(|s| s >= score::bar(rubric, level) - 1e-9))
            .count()
    };
    let Some(m) = a.position else {
        return format!(
            "Nothing was answered, so the estimate stays at the first level, {}.",
            title(Some(0))
        );
    };
    let top = rubric.levels.len() - 1;
    match a.decided_by {
        Decision::NoAnswers | Decision::Points | Decision::DimensionMinimum | Decision::Profile => String::new(),
        Decision::DimensionCount => {
            let blocked = estimate + 1;
            format!(
                "Your overall position is {m:.2}, which clears the bar for {} ({:.2}), but only {} of {dims} dimensions reach it on their own and {} are needed, so the estimate is {}.",
                title(Some(blocked)),
                score::bar(rubric, blocked),
                reaching(blocked),
                rubric.scoring.min_dimensions_at_level,
                title(Some(estimate))
            )
        }
        Decision::Mean if estimate == top => format!(
            "Your overall position is {m:.2}, which clears the bar for {} ({:.2}), the top level of this rubric, and {} of {dims} dimensions reach it.",
            title(Some(top)),
            score::bar(rubric, top),
            reaching(top)
        ),
        Decision::Mean => {
            let next = estimate + 1;
            let bar = score::bar(rubric, next);
            // Below the bar but equal to two places: show the places that differ.
            let (m_text, bar_text) = if format!("{m:.2}") == format!("{bar:.2}") {
                (format!("{m:.4}"), format!("{bar:.4}"))
            } else {
                (format!("{m:.2}"), format!("{bar:.2}"))
            };
            let mut text = format!(
                "Your overall position is {m_text}, below the bar for {} ({bar_text}), so the estimate is {}.",
                title(Some(next)),
                title(Some(estimate))
            );
            if estimate > 0 {
                text.push_str(&format!(
                    " It clears the bar for {} ({:.2}) and {} of {dims} dimensions reach it.",
                    title(Some(estimate)),
                    score::bar(rubric, estimate),
                    reaching(estimate)
                ));
            }
            text
        }
    }
}

/// "1 point", "2.5 points".
fn points_word(x: f64) -> String {
    if round2(x) == 1.0 {
        "1 point".to_string()
    } else {
        format!("{} points", num(x))
    }
}

/// A number of points as people write it: `12`, `0.9`, `2.33`.
fn num(x: f64) -> String {
    let r = round2(x);
    if r.fract() == 0.0 && r.abs() < 1e15 {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// The dimensions level `l`'s per-dimension minimum counts (expected there,
/// not all `n/a`) that have fewer points than it.
fn below_minimum(rubric: &Rubric, a: &Assessment, p: &score::Points, l: usize, min: f64) -> Vec<String> {
    rubric
        .dimensions
        .iter()
        .enumerate()
        .filter(|(d, dim)| dim.expects[l].is_some() && !a.dimensions[*d].not_applicable)
        .filter(|(d, _)| p.per_dimension[*d] < min - 1e-9)
        .map(|(_, dim)| dim.title.clone())
        .collect()
}

/// Points rule: the total, the level it is enough for, and what the next
/// level (or the first, from below it) still needs — total and minimums.
fn points_explanation(
    rubric: &Rubric,
    a: &Assessment,
    p: &score::Points,
    thresholds: &[f64],
    min_dimension: &[Option<f64>],
) -> String {
    let title = |i: usize| rubric.levels[i].title.as_str();
    let has = |n: usize| if n == 1 { "has" } else { "have" };
    let mut text = match a.estimate {
        Some(e) => format!(
            "You have {} points, enough for {} ({}).",
            num(p.total),
            title(e),
            num(thresholds[e])
        ),
        None => format!("You have {} points, and {} is not reached.", num(p.total), title(0)),
    };
    let next = a.estimate.map_or(0, |e| e + 1);
    // The lowest level above the estimate whose total is reached but whose minimum is not.
    let blocked = (next..thresholds.len()).find(|&l| p.total >= thresholds[l] - 1e-9);
    if let Some(l) = blocked.filter(|_| a.decided_by == Decision::DimensionMinimum || a.estimate.is_none())
        && let Some(m) = min_dimension[l]
    {
        let short = below_minimum(rubric, a, p, l, m);
        text.push_str(&format!(
            " The total reaches {} ({}), but {} {} fewer than the {} each dimension needs for it.",
            title(l),
            num(thresholds[l]),
            and_list(&short),
            has(short.len()),
            points_word(m)
        ));
    } else if let Some(t) = thresholds.get(next) {
        text.push_str(&format!(
            " {} needs {}: {} more.",
            title(next),
            num(*t),
            num(t - p.total)
        ));
        if let Some(m) = min_dimension[next] {
            let short = below_minimum(rubric, a, p, next, m);
            if !short.is_empty() {
                text.push_str(&format!(
                    " It also needs at least {} in every dimension: {} {} fewer.",
                    points_word(m),
                    and_list(&short),
                    has(short.len())
                ));
            }
        }
    }
    text
}

/// Format 2: which level is met, with the counts that decided it, and what
/// keeps the next level out of reach.
fn profile_explanation(rubric: &Rubric, a: &Assessment) -> String {
    if a.position.is_none() {
        if !a.dimensions.is_empty() && a.dimensions.iter().all(|d| d.not_applicable) {
            return format!(
                "Every answer was n/a, so no level can be met: the estimate is {}.",
                rubric.below_first
            );
        }
        return format!("Nothing was answered, so the estimate is {}.", rubric.below_first);
    }
    let title = |i: usize| rubric.levels[i].title.as_str();
    // "3 needed", "all needed", "60% of their weight needed (they make up 45%)".
    let needed = |c: &score::LevelCheck| match rubric.scoring.need {
        crate::rubric::Need::Count(_) => format!("{} needed", c.needed),
        crate::rubric::Need::Share(s) if s >= 1.0 => "all needed".to_string(),
        crate::rubric::Need::Share(s) => format!(
            "those reaching it make up {}% of their weight, {}% needed",
            (c.share * 100.0).floor(),
            (s * 100.0).round()
        ),
    };
    let mut text = match a.estimate {
        Some(e) => {
            let c = score::level_met(rubric, &a.dimensions, e);
            format!(
                "{} expects {}; {} what it expects of {} ({}), so the estimate is {}.",
                title(e),
                dimensions_word(c.expected),
                reach_word(c.reaching),
                if c.expected == 1 { "it" } else { "them" },
                needed(&c),
                title(e)
            )
        }
        None => format!("No level is met, so the estimate is {}.", rubric.below_first),
    };
    let next = a.estimate.map_or(0, |e| e + 1);
    if next < rubric.levels.len() {
        let c = score::level_met(rubric, &a.dimensions, next);
        if c.expected == 0 {
            text.push_str(&format!(
                " {} expects only dimensions you answered n/a, so it cannot be met.",
                title(next)
            ));
            return text;
        }
        let mut short: Vec<(usize, f64)> = c.short.clone();
        short.sort_by(|x, y| x.1.total_cmp(&y.1));
        let names: Vec<String> = short
            .iter()
            .take(4)
            .map(|&(d, _)| {
                let k = rubric.dimensions[d].expects[next].unwrap_or_default();
                format!(
                    "{} (expects {})",
                    rubric.dimensions[d].title,
                    rubric.step_title(d, k as i64)
                )
            })
            .collect();
        let more = short.len().saturating_sub(4);
        text.push_str(&format!(
            " {} expects {}; {} it ({}); short: {}{}.",
            title(next),
            dimensions_word(c.expected),
            reach_word(c.reaching),
            needed(&c),
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    text
}

/// "1 reaches", "3 reach".
fn reach_word(n: usize) -> String {
    if n == 1 {
        "1 reaches".to_string()
    } else {
        format!("{n} reach")
    }
}

/// "1 dimension", "12 dimensions".
fn dimensions_word(n: usize) -> String {
    if n == 1 {
        "1 dimension".to_string()
    } else {
        format!("{n} dimensions")
    }
}

fn borderline_text(rubric: &Rubric, a: &Assessment, b: Borderline) -> String {
    // At the top level there is no next one (only JustAbove can apply there).
    let next = match a.estimate {
        None => rubric.levels.first(),
        Some(e) => rubric.levels.get(e + 1),
    }
    .map_or_else(String::new, |l| l.title.clone());
    let this = rubric.level_title(a.estimate).to_string();
    match b {
        Borderline::BelowNext(d) if d < 0.005 => format!("less than 0.01 below the bar for {next}"),
        Borderline::BelowNext(d) => format!("only {d:.2} below the bar for {next}"),
        Borderline::JustAbove(d) if d < 0.005 => format!("less than 0.01 above the bar for {this}"),
        Borderline::JustAbove(d) => format!("only {d:.2} above the bar for {this}"),
        Borderline::OneDimensionShort => format!("one more dimension at {next} would lift the estimate"),
        Borderline::DimensionClose(d, short) => format!(
            "{} is {} of a step short of what {next} expects, and would lift the estimate",
            rubric.dimensions[d].title,
            if short < 0.005 {
                "less than 0.01".to_string()
            } else {
                format!("only {short:.2}")
            },
        ),
        Borderline::PointsShort(d) => format!("only {} short of {next}", points_word(d)),
        Borderline::FewToSpare(spare, close) => {
            let spare = match spare {
                0 => "no dimension".to_string(),
                1 => "one dimension".to_string(),
                n => format!("{n} dimensions"),
            };
            let count = if close == 1 {
                "1 of the dimensions that reach it is".to_string()
            } else {
                format!("{close} of the dimensions that reach it are")
            };
            format!(
                "{this} is met with {spare} to spare, and {count} within {} of the bar",
                rubric.scoring.borderline
            )
        }
    }
}

/// `date` is the day the report speaks for: the answers' date, else today.
pub fn build(rubric: &Rubric, answers: &Answers, a: &Assessment, date: jiff::civil::Date) -> Report {
    let points_rule = matches!(rubric.scoring.rule, Rule::Points { .. });
    // Format-2 points ladders need no positions: their scores are points.
    let points_only = points_rule && rubric.format >= 2;
    let dimensions: Vec<DimensionReport> = rubric
        .dimensions
        .iter()
        .enumerate()
        .zip(&a.dimensions)
        .map(|((di, d), s)| DimensionReport {
            id: d.id.clone(),
            title: d.title.clone(),
            // Category weights split into fractions: four decimals are plenty.
            weight: (d.weight * 1e4).round() / 1e4,
            score: s.score.filter(|_| !points_only).map(round2),
            target: s.expected.filter(|_| !points_rule).map(|k| k as f64),
            gap: shown_gap(rubric, s),
            reached: s.reached,
            not_applicable: s.not_applicable,
            signal: d.signal,
            step: step_reached(rubric, di, s.score),
            target_step: s
                .expected
                .filter(|_| !points_rule)
                .map(|k| rubric.step_title(di, k as i64)),
            points: a
                .points
                .as_ref()
                .filter(|_| !d.signal)
                .map(|p| round2(p.per_dimension[di])),
            max_points: a
                .points
                .as_ref()
                .filter(|_| !d.signal)
                .map(|p| round2(p.max_per_dimension[di])),
            missing: missing_items(rubric, di, s),
            steps: (0..rubric.step_count(di))
                .map(|k| rubric.step_title(di, k as i64))
                .collect(),
            category: d.category.map(|k| rubric.categories[k].id.clone()),
            answers: d
                .questions
                .iter()
                .enumerate()
                .map(|(qi, q)| {
                    let given = answers.answers.get(&q.id);
                    AnswerReport {
                        question: q.id.clone(),
                        prompt: q.prompt.clone(),
                        answer: given.map(|ans| describe(rubric, QuestionRef::Level(di, qi), ans)),
                        value: given.and_then(|ans| serde_json::to_value(ans).ok()),
                        position: s.questions[qi].map(round2),
                        band: match (&q.kind, given) {
                            (Kind::Number { bands, .. }, Some(Answer::Number(x))) => {
                                crate::score::band_of(bands, *x).map(|b| b.label.clone())
                            }
                            _ => None,
                        },
                    }
                })
                .collect(),
            evidence: answers.evidence.get(&d.id).cloned(),
        })
        .collect();

    let top_gaps = a
        .top_gaps
        .iter()
        .map(|&i| {
            let d = &rubric.dimensions[i];
            let s = &a.dimensions[i];
            Gap {
                dimension: d.id.clone(),
                title: d.title.clone(),
                score: s.score.filter(|_| !points_only).map(round2),
                step: step_reached(rubric, i, s.score),
                target_step: s
                    .expected
                    .filter(|_| !points_rule)
                    .map(|k| rubric.step_title(i, k as i64)),
                gap: shown_gap(rubric, s),
                weighted_gap: round2(shown_gap(rubric, s) * d.weight),
                target_looks_like: rubric.looks_like(i, a.target),
                missing: missing_items(rubric, i, s),
                evidence: answers.evidence.get(&d.id).cloned(),
                // An action the answers show done already is not advice.
                actions: d
                    .actions
                    .iter()
                    .filter(|a| !a.unless.as_ref().is_some_and(|c| crate::score::holds(c, answers)))
                    .take(ACTIONS_PER_GAP)
                    .map(|a| a.text.clone())
                    .collect(),
            }
        })
        .collect();

    let strengths = a
        .strengths
        .iter()
        .map(|&i| Strength {
            dimension: rubric.dimensions[i].id.clone(),
            title: rubric.dimensions[i].title.clone(),
            score: a.dimensions[i].score.filter(|_| !points_only).map(round2),
            step: step_reached(rubric, i, a.dimensions[i].score),
            evidence: answers.evidence.get(&rubric.dimensions[i].id).cloned(),
        })
        .collect();

    let item_label = |(q, item): &(String, String)| {
        rubric
            .fit_questions()
            .iter()
            .find(|fq| fq.id == *q)
            .and_then(|fq| fq.items.iter().find(|i| i.id == *item))
            .map_or_else(|| item.clone(), |i| i.label.clone())
    };

    Report {
        schema_version: SCHEMA_VERSION,
        person: Person {
            name: answers.name.clone(),
            date: date.to_string(),
        },
        rubric: RubricInfo {
            id: rubric.id.clone(),
            version: rubric.version.clone(),
            title: rubric.title.clone(),
            format: rubric.format,
        },
        levels: (0..rubric.levels.len()).map(|i| level_info(rubric, Some(i))).collect(),
        target: level_info(rubric, Some(a.target)),
        categories: rubric
            .categories
            .iter()
            .map(|k| CategoryInfo {
                id: k.id.clone(),
                title: k.title.clone(),
                weight: k.weight,
            })
            .collect(),
        estimate: Estimate {
            level: level_info(rubric, a.estimate),
            // Format 2 dimensions have scales of their own: a mean across them says nothing.
            position: a.position.filter(|_| rubric.format < 2).map(round2),
            rule: rule_text(rubric),
            decided_by: match a.decided_by {
                Decision::Mean => "mean",
                Decision::DimensionCount => "dimension-count",
                Decision::NoAnswers => "no-answers",
                Decision::Points => "points",
                Decision::DimensionMinimum => "dimension-minimum",
                Decision::Profile => "profile",
            }
            .to_string(),
            explanation: explanation(rubric, a),
            borderline: !a.borderline.is_empty(),
            borderline_reasons: a.borderline.iter().map(|b| borderline_text(rubric, a, *b)).collect(),
        },
        readiness: percent(a.readiness),
        dimensions,
        top_gaps,
        strengths,
        pitfalls: a
            .pitfalls
            .iter()
            .map(|&i| {
                let p = &rubric.pitfalls[i];
                PitfallReport {
                    id: p.id.clone(),
                    title: p.title.clone(),
                    message: p.message.clone(),
                }
            })
            .collect(),
        fit: FitReport {
            level: Some(level_info(rubric, Some(fit_level(rubric, a)))),
            asked: rubric.fit.is_some(),
            leaning: a.fit.leaning().to_string(),
            pursue: a.fit.pursue.iter().map(item_label).collect(),
            stay: a.fit.stay.iter().map(item_label).collect(),
            note: rubric.fit.as_ref().map(|f| f.note.clone()).unwrap_or_default(),
        },
        compensation: rubric.compensation.as_ref().map(|c| CompensationReport {
            year: c.year,
            market: c.market.clone(),
            currency: c.currency.clone(),
            note: c.note.clone(),
            levels: c
                .levels
                .iter()
                .map(|p| PayReport {
                    level: rubric.levels[p.level].id.clone(),
                    title: rubric.levels[p.level].title.clone(),
                    base_min: p.base.min,
                    base_max: p.base.max,
                    base_open_ended: p.base.open_ended,
                    total_min: p.total.min,
                    total_max: p.total.max,
                    total_open_ended: p.total.open_ended,
                })
                .collect(),
        }),
        unanswered: rubric
            .question_ids()
            .filter(|id| !answers.answers.contains_key(*id))
            .map(String::from)
            .collect(),
        points: match (&rubric.scoring.rule, &a.points) {
            (
                Rule::Points {
                    thresholds,
                    min_dimension,
                },
                Some(p),
            ) => Some(PointsReport {
                total: round2(p.total),
                dimensions: rubric
                    .dimensions
                    .iter()
                    .zip(&p.per_dimension)
                    .map(|(d, pts)| DimensionPoints {
                        dimension: d.id.clone(),
                        points: round2(*pts),
                    })
                    .collect(),
                thresholds: rubric
                    .levels
                    .iter()
                    .zip(thresholds)
                    .zip(min_dimension)
                    .map(|((l, t), m)| LevelPoints {
                        level: l.id.clone(),
                        points: *t,
                        min_per_dimension: *m,
                    })
                    .collect(),
            }),
            _ => None,
        },
        raters: None,
        plan: Some(plan_report(rubric, answers, a)),
    }
}
