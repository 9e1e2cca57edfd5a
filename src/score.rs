//! The scoring engine: (rubric, answers, target) → [`Assessment`].
//!
//! Pure and deterministic, no I/O. Every answer maps to a position on its
//! dimension's scale: the rubric's levels (0 = first level, 1 = second, …) or,
//! in format 2, the dimension's own steps, with −1 below the first. A
//! dimension's score is the weighted mean of its answered questions (`n/a`
//! left out). What a level asks of each dimension is its expectation (a step,
//! or nothing); the estimate, gaps, strengths and readiness all compare scores
//! with those expectations. Everything is monotone: a higher-position answer
//! never lowers any score, the estimate or readiness.

use crate::answers::{Answer, Answers};
use crate::rubric::{Condition, Kind, Leaning, Need, Question, Rubric, Rule, Test};

/// How many gaps get the detailed treatment in reports.
pub const TOP_GAPS: usize = 5;

/// Slack for comparing sums of floats.
const EPS: f64 = 1e-9;

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Index of the target level.
    pub target: usize,
    pub dimensions: Vec<DimensionScore>,
    /// Weighted mean position over answered dimensions; `None` if nothing is answered.
    pub position: Option<f64>,
    /// Index of the estimated level; `None`: below the first level (format 2).
    pub estimate: Option<usize>,
    pub decided_by: Decision,
    pub borderline: Vec<Borderline>,
    /// 0–100: how completely the dimensions meet what the target expects;
    /// 100 exactly when every one of them does (points: the target is reached,
    /// minimums included).
    pub readiness: f64,
    /// Dimension indices below the target, largest weighted gap first (at most [`TOP_GAPS`]).
    pub top_gaps: Vec<usize>,
    /// Dimension indices at or above the target's expectation, in rubric order.
    pub strengths: Vec<usize>,
    /// Indices of triggered pitfalls, in rubric order.
    pub pitfalls: Vec<usize>,
    pub fit: FitSummary,
    /// Under the points rule: what the answers earned.
    pub points: Option<Points>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Points {
    pub total: f64,
    /// Indexed like `Rubric::dimensions`.
    pub per_dimension: Vec<f64>,
    /// The most each dimension can earn, indexed like `Rubric::dimensions`.
    pub max_per_dimension: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    /// Position per question, `None` when unanswered or `n/a`.
    pub questions: Vec<Option<f64>>,
    /// Weighted mean of answered questions; `None` when none are answered.
    pub score: Option<f64>,
    /// Every question answered `n/a`: left out of the estimate and readiness.
    pub not_applicable: bool,
    /// The step the target level expects; `None` when it does not expect this dimension.
    pub expected: Option<usize>,
    /// How far below the expectation, in steps (points under the points rule);
    /// 0 when reached or not expected.
    pub gap: f64,
    /// Reaches what the target expects (false when nothing is expected).
    pub reached: bool,
    /// Cumulative checklists: (question index, item index) of the items of the
    /// target level and below that are not ticked.
    pub missing: Vec<(usize, usize)>,
}

/// Which part of the rule settled the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Format 1: the weighted mean position decided it.
    Mean,
    /// Format 1: the mean would allow a higher level, but too few dimensions reach it.
    DimensionCount,
    /// Nothing was answered: the estimate falls back to the lowest place.
    NoAnswers,
    /// Format 2: the highest level whose expected dimensions reach their expectations.
    Profile,
    /// Points rule: the total decided it.
    Points,
    /// Points rule: the total allows a higher level, but a dimension has too few points for it.
    DimensionMinimum,
}

/// Why an estimate is near a boundary.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Borderline {
    /// The mean is just below the bar of the next level (by this much).
    BelowNext(f64),
    /// The mean is just above the bar of the estimated level (by this much).
    JustAbove(f64),
    /// One more dimension reaching the next level would lift the estimate.
    OneDimensionShort,
    /// Format 2: dimension `.0` is `.1` steps short of what the next level
    /// expects, and it alone would lift the estimate.
    DimensionClose(usize, f64),
    /// Points rule: this many points short of the next level.
    PointsShort(f64),
    /// Format 2, a counted rule: the estimated level is met with `.0`
    /// dimensions to spare (none or one), and more than that (`.1`) of those
    /// reaching it are within `scoring.borderline` of their bar: close on the
    /// count that decided.
    FewToSpare(usize, usize),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct FitSummary {
    /// (question id, item id) ticked that lean towards pursuing the next level.
    pub pursue: Vec<(String, String)>,
    pub stay: Vec<(String, String)>,
    pub answered: bool,
}

impl FitSummary {
    pub fn leaning(&self) -> &'static str {
        use std::cmp::Ordering::*;
        if !self.answered {
            return "unanswered";
        }
        match self.pursue.len().cmp(&self.stay.len()) {
            Greater => "pursue",
            Less => "stay",
            Equal => "balanced",
        }
    }
}

/// The band a number falls in: `from ≤ x < to`, the last band also holding its `to`.
/// The band a number falls in: `[from, to)`, the last band closed.
pub fn band_of(bands: &[crate::rubric::Band], x: f64) -> Option<&crate::rubric::Band> {
    let last = bands.len().checked_sub(1)?;
    bands
        .iter()
        .enumerate()
        .find(|(i, b)| x >= b.from && (x < b.to || (*i == last && x <= b.to)))
        .map(|(_, b)| b)
}

/// Position of one answer on its dimension's scale; `None` for `n/a`.
///
/// A cumulative checklist (items tagged with levels) sits at the highest level
/// L such that every level up to L meets its share of items (levels without
/// items meet trivially), plus partial progress towards the next level that
/// stays short of reaching it.
pub fn position(question: &Question, answer: &Answer, reach: f64) -> Option<f64> {
    match (&question.kind, answer) {
        (Kind::Choice(choices), Answer::Choice(id)) => choices.iter().find(|c| c.id == *id).map(|c| c.position),
        (Kind::Scale { low, high, .. }, Answer::Scale(a)) => Some(low + (high - low) * a.fraction()),
        (Kind::Scale { low, high, labels, .. }, Answer::Choice(id)) => {
            let i = labels.iter().position(|l| l.id == *id)?;
            Some(low + (high - low) * i as f64 / (labels.len().max(2) - 1) as f64)
        }
        (
            Kind::Checklist {
                items,
                meet: Some(meet),
                ..
            },
            Answer::Items(ticked),
        ) => {
            let top = items.iter().filter_map(|i| i.level).max()?;
            let share = |level: usize| {
                let of_level = || items.iter().filter(|i| i.level == Some(level));
                let total: f64 = of_level().map(|i| i.weight).sum();
                let got: f64 = of_level().filter(|i| ticked.contains(&i.id)).map(|i| i.weight).sum();
                if total > 0.0 { got / total } else { 1.0 }
            };
            let first_unmet = (0..=top).find(|&l| share(l) < meet - EPS);
            Some(match first_unmet {
                None => top as f64,
                Some(l) => l as f64 - 1.0 + (share(l) / meet).min(1.0) * reach * 0.99,
            })
        }
        (Kind::Checklist { items, low, high, .. }, Answer::Items(ticked)) => {
            let total: f64 = items.iter().map(|i| i.weight).sum();
            let got: f64 = items.iter().filter(|i| ticked.contains(&i.id)).map(|i| i.weight).sum();
            Some(low + (high - low) * got / total)
        }
        (Kind::Number { bands, .. }, Answer::Number(x)) => band_of(bands, *x).map(|b| b.position),
        _ => None,
    }
}

/// The bar a score must clear to reach step (format 1: level) `k`: `reach` of
/// the way up from the step below.
pub fn bar(rubric: &Rubric, k: usize) -> f64 {
    k as f64 - 1.0 + rubric.scoring.reach
}

/// Whether dimension `d` scoring `score` reaches what `level` expects of it;
/// `None` when that level does not expect it. Format 1: the first level is
/// always reached.
pub fn meets(rubric: &Rubric, d: usize, score: Option<f64>, level: usize) -> Option<bool> {
    let k = rubric.dimensions[d].expects[level]?;
    Some((rubric.format < 2 && level == 0) || score.is_some_and(|s| s >= bar(rubric, k) - EPS))
}

fn weighted_mean(pairs: impl Iterator<Item = (f64, Option<f64>)>) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (w, v) in pairs {
        if let Some(v) = v {
            sum += w * v;
            weights += w;
        }
    }
    (weights > 0.0).then(|| sum / weights)
}

/// The unticked items of the target level and below, for cumulative checklists.
fn missing_items(rubric: &Rubric, d: usize, answers: &Answers, target: usize) -> Vec<(usize, usize)> {
    let mut missing = Vec::new();
    for (qi, q) in rubric.dimensions[d].questions.iter().enumerate() {
        let Kind::Checklist {
            items, meet: Some(_), ..
        } = &q.kind
        else {
            continue;
        };
        let ticked: &[String] = match answers.answers.get(&q.id) {
            Some(Answer::Items(t)) => t,
            Some(Answer::NotApplicable) => continue,
            _ => &[],
        };
        for (ii, item) in items.iter().enumerate() {
            if item.level.is_some_and(|l| l <= target) && !ticked.contains(&item.id) {
                missing.push((qi, ii));
            }
        }
    }
    missing
}

fn dimension_score(
    rubric: &Rubric,
    d: usize,
    questions: Vec<Option<f64>>,
    score: Option<f64>,
    not_applicable: bool,
    target: usize,
) -> DimensionScore {
    let expected = rubric.dimensions[d].expects[target].filter(|_| !not_applicable);
    let reached = expected.is_some() && meets(rubric, d, score, target) == Some(true);
    let floor = if rubric.format >= 2 { -1.0 } else { 0.0 };
    let gap = match expected {
        None => 0.0,
        // Format 2: a dimension that reaches its expectation shows no gap.
        Some(_) if reached && rubric.format >= 2 => 0.0,
        Some(k) => (k as f64 - score.unwrap_or(floor)).max(0.0),
    };
    DimensionScore {
        questions,
        score,
        not_applicable,
        expected,
        gap,
        reached,
        missing: Vec::new(),
    }
}

pub fn assess(rubric: &Rubric, answers: &Answers, target: usize) -> Assessment {
    let reach = rubric.scoring.reach;
    let dimensions: Vec<DimensionScore> = rubric
        .dimensions
        .iter()
        .enumerate()
        .map(|(di, d)| {
            // A signal is shown, never scored.
            let questions: Vec<Option<f64>> = d
                .questions
                .iter()
                .map(|q| answers.answers.get(&q.id).and_then(|a| position(q, a, reach)))
                .map(|p| p.filter(|_| !d.signal))
                .collect();
            let score = weighted_mean(d.questions.iter().zip(&questions).map(|(q, p)| (q.weight, *p)));
            let not_applicable = d
                .questions
                .iter()
                .all(|q| matches!(answers.answers.get(&q.id), Some(Answer::NotApplicable)));
            let mut s = dimension_score(rubric, di, questions, score, not_applicable, target);
            s.missing = missing_items(rubric, di, answers, target);
            s
        })
        .collect();
    let points = match &rubric.scoring.rule {
        Rule::WeightedMean => None,
        Rule::Points { .. } => Some(points_of(rubric, answers)),
    };
    conclude(rubric, dimensions, points, answers, target)
}

/// Several raters' assessments as one: each question and dimension at the
/// mean of the raters who answered it (each rater counts once), points
/// averaged likewise; fit and pitfalls from `own` (the person's own answers).
pub fn combine(rubric: &Rubric, raters: &[Assessment], own: &Answers, target: usize) -> Assessment {
    let mean = |values: Vec<Option<f64>>| weighted_mean(values.into_iter().map(|v| (1.0, v)));
    let dimensions = (0..rubric.dimensions.len())
        .map(|d| {
            let questions = (0..rubric.dimensions[d].questions.len())
                .map(|q| mean(raters.iter().map(|a| a.dimensions[d].questions[q]).collect()))
                .collect();
            let score = mean(raters.iter().map(|a| a.dimensions[d].score).collect());
            let not_applicable = raters.iter().all(|a| a.dimensions[d].not_applicable);
            let mut s = dimension_score(rubric, d, questions, score, not_applicable, target);
            // What the person still misses, by their own account.
            s.missing = missing_items(rubric, d, own, target);
            s
        })
        .collect();
    let points: Vec<&Points> = raters.iter().filter_map(|a| a.points.as_ref()).collect();
    let points = (!points.is_empty()).then(|| {
        let n = points.len() as f64;
        let per_dimension: Vec<f64> = (0..rubric.dimensions.len())
            .map(|d| points.iter().map(|p| p.per_dimension[d]).sum::<f64>() / n)
            .collect();
        Points {
            total: per_dimension.iter().sum(),
            per_dimension,
            max_per_dimension: points[0].max_per_dimension.clone(),
        }
    });
    conclude(rubric, dimensions, points, own, target)
}

/// Format 2: whether `level` is met — enough of the dimensions it expects
/// (those not answered all `n/a`) reach their expectation. Returns
/// (met, reaching, needed, expected) with counts (or weights, for a share).
pub fn level_met(rubric: &Rubric, dimensions: &[DimensionScore], level: usize) -> LevelCheck {
    let expected: Vec<usize> = (0..dimensions.len())
        .filter(|&d| rubric.dimensions[d].expects[level].is_some() && !dimensions[d].not_applicable)
        .collect();
    let reaching: Vec<usize> = expected
        .iter()
        .copied()
        .filter(|&d| meets(rubric, d, dimensions[d].score, level) == Some(true))
        .collect();
    let weight = |ds: &[usize]| ds.iter().map(|&d| rubric.dimensions[d].weight).sum::<f64>();
    let met = !expected.is_empty()
        && match rubric.scoring.need {
            Need::Count(n) => reaching.len() >= n.min(expected.len()),
            // Relative slack: weights may be tiny (down to just above 0).
            Need::Share(share) => weight(&reaching) >= share * weight(&expected) * (1.0 - 1e-12),
        };
    LevelCheck {
        met,
        share: if expected.is_empty() {
            0.0
        } else {
            weight(&reaching) / weight(&expected)
        },
        reaching: reaching.len(),
        expected: expected.len(),
        needed: match rubric.scoring.need {
            Need::Count(n) => n.min(expected.len()),
            Need::Share(share) => {
                // The fewest dimensions that could make up the share: heaviest first.
                let mut weights: Vec<f64> = expected.iter().map(|&d| rubric.dimensions[d].weight).collect();
                weights.sort_by(|a, b| b.total_cmp(a));
                let goal = share * weights.iter().sum::<f64>() - EPS;
                let mut sum = 0.0;
                weights
                    .iter()
                    .take_while(|w| {
                        let before = sum;
                        sum += *w;
                        before < goal
                    })
                    .count()
            }
        },
        short: expected
            .iter()
            .copied()
            .filter(|d| !reaching.contains(d))
            .map(|d| {
                let k = rubric.dimensions[d].expects[level].unwrap_or_default();
                let score = dimensions[d].score.unwrap_or(-1.0);
                (d, (bar(rubric, k) - score).max(0.0))
            })
            .collect(),
    }
}

/// How a level's expectations are met; see [`level_met`].
#[derive(Debug, Clone, PartialEq)]
pub struct LevelCheck {
    pub met: bool,
    /// The weighted share (0–1) of the expected dimensions that reach it.
    pub share: f64,
    /// How many of the dimensions the level expects reach their expectation.
    pub reaching: usize,
    /// How many must (for a share: the fewest that could make it up).
    pub needed: usize,
    /// How many dimensions the level expects (not answered all `n/a`).
    pub expected: usize,
    /// (dimension, steps short of its bar) for each expected dimension below it.
    pub short: Vec<(usize, f64)>,
}

/// Everything that follows from the dimension scores: estimate, readiness,
/// gaps, strengths, and (from `answers`) pitfalls and fit.
fn conclude(
    rubric: &Rubric,
    mut dimensions: Vec<DimensionScore>,
    points: Option<Points>,
    answers: &Answers,
    target: usize,
) -> Assessment {
    let position = weighted_mean(
        rubric
            .dimensions
            .iter()
            .zip(&dimensions)
            .map(|(d, s)| (d.weight, s.score)),
    );
    let (estimate, decided_by, borderline) = if rubric.format >= 2 {
        by_profile(rubric, &dimensions, position)
    } else {
        by_mean(rubric, &dimensions, position)
    };

    let readiness = readiness(rubric, &dimensions, estimate, target);

    let (estimate, decided_by, borderline, readiness) = match (&rubric.scoring.rule, &points) {
        (
            Rule::Points {
                thresholds,
                min_dimension,
            },
            Some(p),
        ) if position.is_some() || rubric.format >= 2 => {
            let counted = |l: usize| counted_at(rubric, &dimensions, l);
            let result = by_points(rubric, p, target, thresholds, min_dimension, &counted);
            let counted_target = counted(target);
            points_gaps(&mut dimensions, p, target, thresholds, min_dimension, &counted_target);
            result
        }
        _ => (estimate, decided_by, borderline, readiness),
    };

    let mut gaps: Vec<usize> = (0..dimensions.len())
        .filter(|&i| dimensions[i].expected.is_some() && !dimensions[i].reached && dimensions[i].gap > 0.0)
        .collect();
    // Largest weighted gap first; ties keep rubric order (stable sort).
    gaps.sort_by(|&a, &b| {
        let wa = rubric.dimensions[a].weight * dimensions[a].gap;
        let wb = rubric.dimensions[b].weight * dimensions[b].gap;
        wb.total_cmp(&wa)
    });
    gaps.truncate(TOP_GAPS);
    let strengths = (0..dimensions.len())
        .filter(|&i| {
            let s = &dimensions[i];
            let earned = points.as_ref().is_none_or(|p| p.per_dimension[i] > 0.0);
            s.expected.is_some() && s.reached && s.score.is_some() && earned
        })
        .collect();

    let pitfalls = (0..rubric.pitfalls.len())
        .filter(|&i| holds(&rubric.pitfalls[i].when, answers))
        .collect();

    Assessment {
        target,
        dimensions,
        position,
        estimate,
        decided_by,
        borderline,
        readiness,
        top_gaps: gaps,
        strengths,
        pitfalls,
        fit: fit(rubric, answers),
        points,
    }
}

/// Format 1: the highest level the overall position reaches and that at least
/// `min_dimensions_at_level` dimensions reach on their own.
fn by_mean(
    rubric: &Rubric,
    dimensions: &[DimensionScore],
    position: Option<f64>,
) -> (Option<usize>, Decision, Vec<Borderline>) {
    let count_at = |level: usize| {
        (0..dimensions.len())
            .filter(|&d| meets(rubric, d, dimensions[d].score, level) == Some(true))
            .count()
    };
    let need = rubric.scoring.min_dimensions_at_level;
    let top = rubric.levels.len() - 1;
    let Some(m) = position else {
        return (Some(0), Decision::NoAnswers, Vec::new());
    };
    let by_mean = (1..=top).rev().find(|&l| m >= bar(rubric, l) - EPS).unwrap_or(0);
    let estimate = (0..=by_mean).rev().find(|&l| count_at(l) >= need).unwrap_or(0);
    let decided_by = if estimate < by_mean {
        Decision::DimensionCount
    } else {
        Decision::Mean
    };
    let margin = rubric.scoring.borderline;
    let mut why = Vec::new();
    if estimate < top {
        let next = bar(rubric, estimate + 1);
        if m < next && next - m < margin {
            why.push(Borderline::BelowNext(next - m));
        }
        if count_at(estimate + 1) + 1 == need && m >= next - margin {
            why.push(Borderline::OneDimensionShort);
        }
    }
    if estimate > 0 && decided_by == Decision::Mean && m - bar(rubric, estimate) < margin {
        why.push(Borderline::JustAbove(m - bar(rubric, estimate)));
    }
    (Some(estimate), decided_by, why)
}

/// Format 2: the highest level met (see [`level_met`]); none → below the first.
/// Borderline when the next level up is missed by one dimension that is
/// within `scoring.borderline` steps of its bar.
fn by_profile(
    rubric: &Rubric,
    dimensions: &[DimensionScore],
    position: Option<f64>,
) -> (Option<usize>, Decision, Vec<Borderline>) {
    if position.is_none() {
        return (None, Decision::NoAnswers, Vec::new());
    }
    let n = rubric.levels.len();
    let estimate = (0..n).rev().find(|&l| level_met(rubric, dimensions, l).met);
    let mut why = Vec::new();
    if let (Some(e), Need::Count(_)) = (estimate, rubric.scoring.need) {
        let check = level_met(rubric, dimensions, e);
        let spare = check.reaching.saturating_sub(check.needed);
        let close = (0..dimensions.len())
            .filter(|&d| meets(rubric, d, dimensions[d].score, e) == Some(true) && !dimensions[d].not_applicable)
            .filter(|&d| {
                let k = rubric.dimensions[d].expects[e].unwrap_or_default();
                dimensions[d]
                    .score
                    // Strictly within, as "below by less than" is for the next level.
                    .is_some_and(|s| s - bar(rubric, k) < rubric.scoring.borderline - EPS)
            })
            .count();
        if spare <= 1 && close > spare {
            why.push(Borderline::FewToSpare(spare, close));
        }
    }
    let next = estimate.map_or(0, |e| e + 1);
    if next < n {
        let check = level_met(rubric, dimensions, next);
        // The closest short dimension that alone would lift the estimate (under
        // a weighted share, a heavier one a little further off may be the one).
        let mut close: Vec<(usize, f64)> = check
            .short
            .iter()
            .copied()
            .filter(|&(_, short)| short < rubric.scoring.borderline - EPS)
            .collect();
        close.sort_by(|a, b| a.1.total_cmp(&b.1));
        let lifts = |d: usize| {
            let mut lifted = dimensions.to_vec();
            let k = rubric.dimensions[d].expects[next].unwrap_or_default();
            lifted[d].score = Some(bar(rubric, k));
            level_met(rubric, &lifted, next).met
        };
        if let Some(&(d, short)) = close.iter().find(|(d, _)| lifts(*d)) {
            why.push(Borderline::DimensionClose(d, short));
        }
    }
    (estimate, Decision::Profile, why)
}

/// 0–100: the weighted mean, over the dimensions the target expects (not all
/// `n/a`), of how far each has come up the step to its expectation. 100
/// exactly when every one of them reaches it.
fn readiness(rubric: &Rubric, dimensions: &[DimensionScore], estimate: Option<usize>, target: usize) -> f64 {
    if rubric.format < 2 && target == 0 {
        return 100.0;
    }
    let (mut total, mut got) = (0.0, 0.0);
    for (d, s) in dimensions.iter().enumerate() {
        let Some(k) = s.expected else { continue };
        let w = rubric.dimensions[d].weight;
        let progress = s.score.map_or(0.0, |v| (v - (k as f64 - 1.0)) / rubric.scoring.reach);
        total += w;
        got += w * if s.reached { 1.0 } else { progress.clamp(0.0, 1.0 - EPS) };
    }
    let at_target = estimate.is_some_and(|e| e >= target);
    if total > 0.0 {
        // 100 exactly when everything is reached: (100 × got) / total can round a
        // hair under 100 even when got equals total, and then shows as 99%.
        let all_reached = dimensions.iter().all(|s| s.expected.is_none() || s.reached);
        if all_reached && at_target {
            100.0
        } else {
            (100.0 * (got / total)).min(100.0 - 1e-6)
        }
    } else if at_target {
        100.0
    } else {
        0.0
    }
}

/// Points one answer earns under the points rule.
pub fn points(question: &Question, answer: &Answer) -> f64 {
    match (&question.kind, answer) {
        (Kind::Choice(choices), Answer::Choice(id)) => choices.iter().find(|c| c.id == *id).map_or(0.0, |c| c.points),
        (Kind::Scale { points, .. }, Answer::Scale(a)) => points.get(*a as usize).copied().unwrap_or(0.0),
        (Kind::Scale { points, labels, .. }, Answer::Choice(id)) => labels
            .iter()
            .position(|l| l.id == *id)
            .and_then(|i| points.get(i).copied())
            .unwrap_or(0.0),
        (Kind::Checklist { items, .. }, Answer::Items(ticked)) => {
            items.iter().filter(|i| ticked.contains(&i.id)).map(|i| i.points).sum()
        }
        (Kind::Number { bands, .. }, Answer::Number(x)) => band_of(bands, *x).map_or(0.0, |b| b.points),
        _ => 0.0,
    }
}

/// The most a question can earn under the points rule.
pub fn max_points(question: &Question) -> f64 {
    let max = |it: &mut dyn Iterator<Item = f64>| it.fold(0.0_f64, f64::max);
    match &question.kind {
        Kind::Choice(choices) => max(&mut choices.iter().map(|c| c.points)),
        Kind::Scale { points, .. } => max(&mut points.iter().copied()),
        Kind::Checklist { items, .. } => items.iter().map(|i| i.points).sum(),
        Kind::Number { bands, .. } => max(&mut bands.iter().map(|b| b.points)),
    }
}

fn points_of(rubric: &Rubric, answers: &Answers) -> Points {
    let per_dimension: Vec<f64> = rubric
        .dimensions
        .iter()
        .map(|d| {
            d.questions
                .iter()
                .filter(|_| !d.signal)
                .filter_map(|q| answers.answers.get(&q.id).map(|a| points(q, a)))
                .sum()
        })
        .collect();
    Points {
        total: per_dimension.iter().sum(),
        max_per_dimension: rubric
            .dimensions
            .iter()
            .map(|d| d.questions.iter().filter(|_| !d.signal).map(max_points).sum())
            .collect(),
        per_dimension,
    }
}

/// Under the points rule, the dimensions level `l`'s per-dimension minimum
/// applies to: those it expects (`from`), not answered all `n/a`.
fn counted_at(rubric: &Rubric, dimensions: &[DimensionScore], l: usize) -> Vec<bool> {
    dimensions
        .iter()
        .enumerate()
        .map(|(d, s)| rubric.dimensions[d].expects[l].is_some() && !s.not_applicable)
        .collect()
}

/// The points rule: the highest level whose threshold the total reaches and
/// whose per-dimension minimum (if any) every dimension it counts meets. Readiness is
/// the mean of the progress towards the target's threshold and, where the
/// target sets a minimum, each dimension's progress towards it: 100 exactly
/// when the target is reached, minimums included.
fn by_points(
    rubric: &Rubric,
    p: &Points,
    target: usize,
    thresholds: &[f64],
    min_dimension: &[Option<f64>],
    counted: &dyn Fn(usize) -> Vec<bool>,
) -> (Option<usize>, Decision, Vec<Borderline>, f64) {
    let meets_minimum = |l: usize| {
        let counted = counted(l);
        min_dimension[l].is_none_or(|m| p.per_dimension.iter().zip(&counted).all(|(d, c)| !c || *d >= m - EPS))
    };
    let reaches = |l: usize| p.total >= thresholds[l] - EPS;
    let by_total = (0..thresholds.len()).rev().find(|&l| reaches(l));
    let mut estimate = (0..thresholds.len()).rev().find(|&l| reaches(l) && meets_minimum(l));
    if rubric.format < 2 {
        estimate = estimate.or(Some(0));
    }
    let decided_by = if estimate < by_total {
        Decision::DimensionMinimum
    } else {
        Decision::Points
    };
    let mut borderline = Vec::new();
    let next = estimate.map_or(0, |e| e + 1);
    if let Some(t) = thresholds.get(next)
        && p.total < *t
        && p.total >= t * (1.0 - rubric.scoring.borderline)
    {
        borderline.push(Borderline::PointsShort(t - p.total));
    }
    let share = |got: f64, need: f64| if need > 0.0 { (got / need).min(1.0) } else { 1.0 };
    let mut parts = vec![share(p.total, thresholds[target])];
    if let Some(m) = min_dimension[target] {
        let counted = counted(target);
        parts.extend(
            p.per_dimension
                .iter()
                .zip(&counted)
                .filter(|(_, c)| **c)
                .map(|(d, _)| share(*d, m)),
        );
    }
    let readiness = 100.0 * parts.iter().sum::<f64>() / parts.len() as f64;
    // Float sums may round a hair under a share of 1: 100 only when truly reached.
    let reached = reaches(target) && meets_minimum(target);
    let readiness = if reached { 100.0 } else { readiness.min(100.0 - 1e-6) };
    (estimate, decided_by, borderline, readiness)
}

/// Under the points rule, gaps and strengths are in points: a dimension below
/// the target's per-dimension minimum is that many points short; when none is
/// and the total is short, each dimension's gap is the points it can still earn.
fn points_gaps(
    dimensions: &mut [DimensionScore],
    p: &Points,
    target: usize,
    thresholds: &[f64],
    min_dimension: &[Option<f64>],
    counted: &[bool],
) {
    let below_min = |d: usize| {
        let short = min_dimension[target].map_or(0.0, |m| (m - p.per_dimension[d]).max(0.0));
        if counted[d] { short } else { 0.0 }
    };
    let any_below_min = (0..dimensions.len()).any(|d| below_min(d) > EPS);
    let total_short = p.total < thresholds[target] - EPS;
    for (d, s) in dimensions.iter_mut().enumerate() {
        if !counted[d] {
            // Not expected at the target, or all n/a: neither gap nor strength.
            s.expected = None;
            s.gap = 0.0;
            s.reached = false;
            continue;
        }
        let gap = if any_below_min {
            below_min(d)
        } else if total_short {
            (p.max_per_dimension[d] - p.per_dimension[d]).max(0.0)
        } else {
            0.0
        };
        s.expected = Some(target);
        s.gap = gap;
        s.reached = gap <= EPS;
    }
}

/// Whether a pitfall condition holds; an unanswered question never triggers.
pub fn holds(condition: &Condition, answers: &Answers) -> bool {
    match condition {
        Condition::All(cs) => !cs.is_empty() && cs.iter().all(|c| holds(c, answers)),
        Condition::Any(cs) => cs.iter().any(|c| holds(c, answers)),
        Condition::Answer { question, test } => match (answers.answers.get(question), test) {
            (Some(Answer::Choice(id)), Test::In(ids)) => ids.contains(id),
            (Some(Answer::Scale(a)), Test::In(ids)) => ids.iter().any(|i| i == a.id()),
            (Some(Answer::Items(items)), Test::Has(id)) => items.contains(id),
            (Some(Answer::Items(items)), Test::Lacks(id)) => !items.contains(id),
            (Some(Answer::Number(x)), Test::Below(limit)) => x < limit,
            (Some(Answer::Number(x)), Test::Above(limit)) => x > limit,
            _ => false,
        },
    }
}

fn fit(rubric: &Rubric, answers: &Answers) -> FitSummary {
    let mut summary = FitSummary::default();
    for q in rubric.fit_questions() {
        let Some(Answer::Items(ticked)) = answers.answers.get(&q.id) else {
            continue;
        };
        summary.answered = true;
        for item in q.items.iter().filter(|i| ticked.contains(&i.id)) {
            let entry = (q.id.clone(), item.id.clone());
            match item.leans {
                Leaning::Pursue => summary.pursue.push(entry),
                Leaning::Stay => summary.stay.push(entry),
            }
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::{Agreement, QuestionRef};
    use proptest::prelude::*;

    fn three_levels() -> Rubric {
        crate::rubric::parse(
            include_str!("../tests/fixtures/rubrics/three-levels.yaml"),
            "three-levels.yaml",
        )
        .unwrap()
    }

    fn default_rubric() -> Rubric {
        Rubric::builtin(crate::rubric::DEFAULT_ID).unwrap()
    }

    #[test]
    fn a_level_met_with_none_to_spare_and_barely_is_borderline() {
        // Three dimensions, two needed; each answer's position is its number.
        let mut yaml = String::from(
            "format: 2\nid: c\nversion: '1'\ntitle: C\nlevels: [{ id: a, title: A }, { id: b, title: B }]\n\
             scoring: { min_dimensions_at_level: 2 }\ndimensions:\n",
        );
        for d in ["x", "y", "z"] {
            yaml += &format!(
                "  - id: {d}\n    title: {d}\n    levels: {{ a: a, b: b }}\n    questions:\n      - {{ id: {d}.n, kind: number, prompt: n, min: -1, max: 1, bands: [{{ from: -1, to: 0, label: none, at: -1 }}, {{ from: 0, to: 0.85, label: some, at: 0.85 }}, {{ from: 0.85, to: 1, label: all, at: 1 }}] }}\n    actions: [Act.]\n"
            );
        }
        let r = crate::rubric::parse(&yaml, "c.yaml").unwrap();
        let with = |x: f64, y: f64, z: f64| {
            assess(
                &r,
                &answer(
                    &r,
                    &[
                        ("x.n", Answer::Number(x)),
                        ("y.n", Answer::Number(y)),
                        ("z.n", Answer::Number(z)),
                    ],
                ),
                1,
            )
        };
        // x and y reach B at 0.85, 0.05 over its 0.8 bar; z is far below: none to spare.
        let close = with(0.0, 0.0, -1.0);
        assert_eq!(close.estimate, Some(1));
        assert!(
            matches!(close.borderline[..], [Borderline::FewToSpare(0, 2)]),
            "{:?}",
            close.borderline
        );
        // All three well over the bar: one to spare, none close.
        let clear = with(1.0, 1.0, 1.0);
        assert_eq!(clear.estimate, Some(1));
        assert!(clear.borderline.is_empty(), "{:?}", clear.borderline);
        // One to spare but two of the three close: still a close call.
        let thin = with(0.0, 0.0, 1.0);
        assert!(
            matches!(thin.borderline[..], [Borderline::FewToSpare(1, 2)]),
            "{:?}",
            thin.borderline
        );
    }

    /// Every answer a question can take (numbers: each band's ends and middle;
    /// checklists: every subset, addressed by a bit mask).
    pub(super) fn nth_answer(rubric: &Rubric, id: &str, seed: u32) -> Answer {
        match rubric.find(id).unwrap() {
            QuestionRef::Fit(f) => {
                let items = &rubric.fit_questions()[f].items;
                Answer::Items(
                    items
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| seed >> i & 1 == 1)
                        .map(|(_, it)| it.id.clone())
                        .collect(),
                )
            }
            QuestionRef::Level(d, q) => match &rubric.dimensions[d].questions[q].kind {
                Kind::Choice(ch) => Answer::Choice(ch[seed as usize % ch.len()].id.clone()),
                Kind::Scale { labels, .. } if !labels.is_empty() => {
                    Answer::Choice(labels[seed as usize % labels.len()].id.clone())
                }
                Kind::Scale { .. } => Answer::Scale(Agreement::ALL[seed as usize % 5]),
                Kind::Checklist { items, .. } => Answer::Items(
                    items
                        .iter()
                        .enumerate()
                        .filter(|(i, _)| seed >> i & 1 == 1)
                        .map(|(_, it)| it.id.clone())
                        .collect(),
                ),
                Kind::Number { bands, .. } => {
                    let points: Vec<f64> = bands
                        .iter()
                        .flat_map(|b| [b.from, (b.from + b.to) / 2.0, b.to])
                        .collect();
                    Answer::Number(points[seed as usize % points.len()])
                }
            },
        }
    }

    fn answers_from(rubric: &Rubric, seeds: &[u32]) -> Answers {
        let ids: Vec<String> = rubric.question_ids().map(String::from).collect();
        Answers {
            answers: ids
                .iter()
                .zip(seeds.iter().cycle())
                .map(|(id, s)| (id.clone(), nth_answer(rubric, id, *s)))
                .collect(),
            ..Answers::default()
        }
    }

    fn question_position(rubric: &Rubric, id: &str, a: &Answer) -> Option<f64> {
        match rubric.find(id)? {
            QuestionRef::Level(d, q) => position(&rubric.dimensions[d].questions[q], a, rubric.scoring.reach),
            QuestionRef::Fit(_) => None,
        }
    }

    /// Swap one answer for another; the one with the higher position must score
    /// at least as high everywhere.
    fn check_monotone(rubric: &Rubric, seeds: &[u32], which: usize, alt: u32) -> Result<(), TestCaseError> {
        let ids: Vec<String> = rubric.question_ids().map(String::from).collect();
        let id = &ids[which % ids.len()];
        let a = answers_from(rubric, seeds);
        let mut b = a.clone();
        b.answers.insert(id.clone(), nth_answer(rubric, id, alt));
        let (pa, pb) = (
            question_position(rubric, id, &a.answers[id]),
            question_position(rubric, id, &b.answers[id]),
        );
        let (Some(pa), Some(pb)) = (pa, pb) else { return Ok(()) };
        let (worse, better) = if pa <= pb { (&a, &b) } else { (&b, &a) };
        for target in 0..rubric.levels.len() {
            let w = assess(rubric, worse, target);
            let g = assess(rubric, better, target);
            for (dw, dg) in w.dimensions.iter().zip(&g.dimensions) {
                prop_assert!(
                    dg.score >= dw.score,
                    "dimension score fell: {:?} -> {:?}",
                    dw.score,
                    dg.score
                );
            }
            prop_assert!(g.position >= w.position);
            prop_assert!(g.estimate >= w.estimate);
            prop_assert!(g.readiness >= w.readiness - 1e-9);
        }
        Ok(())
    }

    fn points_rubric() -> Rubric {
        crate::rubric::parse(include_str!("../tests/fixtures/rubrics/points.yaml"), "points.yaml").unwrap()
    }

    /// Under the points rule, an answer earning more points never lowers the
    /// total, the estimate or readiness.
    fn check_points_monotone(seeds: &[u32], which: usize, alt: u32) -> Result<(), TestCaseError> {
        let rubric = points_rubric();
        let ids: Vec<String> = rubric.question_ids().map(String::from).collect();
        let id = &ids[which % ids.len()];
        let a = answers_from(&rubric, seeds);
        let mut b = a.clone();
        b.answers.insert(id.clone(), nth_answer(&rubric, id, alt));
        let QuestionRef::Level(d, q) = rubric.find(id).unwrap() else {
            return Ok(());
        };
        let question = &rubric.dimensions[d].questions[q];
        let (pa, pb) = (points(question, &a.answers[id]), points(question, &b.answers[id]));
        let (worse, better) = if pa <= pb { (&a, &b) } else { (&b, &a) };
        for target in 0..rubric.levels.len() {
            let w = assess(&rubric, worse, target);
            let g = assess(&rubric, better, target);
            let (wp, gp) = (w.points.unwrap(), g.points.unwrap());
            prop_assert!(gp.total >= wp.total);
            prop_assert!(g.estimate >= w.estimate, "{:?} < {:?}", g.estimate, w.estimate);
            prop_assert!(g.readiness >= w.readiness - 1e-9);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn more_points_never_lower_the_points_estimate(seeds in prop::collection::vec(any::<u32>(), 8), which in any::<usize>(), alt in any::<u32>()) {
            check_points_monotone(&seeds, which, alt)?;
        }

        #[test]
        fn better_answers_never_lower_scores_default(seeds in prop::collection::vec(any::<u32>(), 40), which in any::<usize>(), alt in any::<u32>()) {
            check_monotone(&default_rubric(), &seeds, which, alt)?;
        }

        #[test]
        fn better_answers_never_lower_scores_three_levels(seeds in prop::collection::vec(any::<u32>(), 8), which in any::<usize>(), alt in any::<u32>()) {
            check_monotone(&three_levels(), &seeds, which, alt)?;
        }

        #[test]
        fn readiness_and_positions_stay_on_the_scale(seeds in prop::collection::vec(any::<u32>(), 40)) {
            let r = default_rubric();
            let a = assess(&r, &answers_from(&r, &seeds), 1);
            prop_assert!((0.0..=100.0).contains(&a.readiness));
            // Every answered dimension sits on the scale, below the first
            // level (down to -1) included; the signal (coding time) has no score.
            for (d, dim) in a.dimensions.iter().zip(&r.dimensions) {
                match d.score {
                    Some(s) => prop_assert!((-1.0..=r.top()).contains(&s)),
                    None => prop_assert!(dim.signal),
                }
            }
        }
    }

    fn answer(r: &Rubric, pairs: &[(&str, Answer)]) -> Answers {
        let mut a = Answers::default();
        for (id, ans) in pairs {
            assert!(r.find(id).is_some(), "{id}");
            a.answers.insert(id.to_string(), ans.clone());
        }
        a
    }

    fn choice(id: &str) -> Answer {
        Answer::Choice(id.into())
    }

    #[test]
    fn positions_by_kind() {
        let r = three_levels();
        let q = |d: usize, i: usize| &r.dimensions[d].questions[i];
        assert_eq!(position(q(0, 0), &choice("project"), 0.8), Some(2.0));
        // Scale spreads evenly over the whole scale by default.
        assert_eq!(position(q(0, 1), &Answer::Scale(Agreement::Neutral), 0.8), Some(1.0));
        // Checklist: weighted share (reviews weighs 2 of 4).
        assert_eq!(
            position(q(1, 0), &Answer::Items(vec!["reviews".into()]), 0.8),
            Some(1.0)
        );
        assert_eq!(position(q(1, 0), &Answer::Items(vec![]), 0.8), Some(0.0));
        // Bands are [from, to), the last one closed.
        assert_eq!(position(q(1, 1), &Answer::Number(2.0), 0.8), Some(1.0));
        assert_eq!(position(q(1, 1), &Answer::Number(1.99), 0.8), Some(0.0));
        assert_eq!(position(q(1, 1), &Answer::Number(40.0), 0.8), Some(1.5));
    }

    #[test]
    fn coding_time_is_a_signal_not_a_score() {
        // Seed: 50–70% at Senior, 20–40% at Staff — context, never a target.
        let r = default_rubric();
        let d = r.dimensions.iter().position(|d| d.id == "coding").unwrap();
        assert!(r.dimensions[d].signal);
        let base = [
            ("scope.teams", choice("one-team")),
            ("horizon.planning", choice("3-to-5-months")),
        ];
        let with = |pct: f64| {
            let mut pairs = base.to_vec();
            pairs.push(("coding.percent", Answer::Number(pct)));
            assess(&r, &answer(&r, &pairs), 1)
        };
        let (far, staff_band, senior_band) = (with(5.0), with(30.0), with(60.0));
        for a in [&far, &staff_band, &senior_band] {
            assert_eq!(a.dimensions[d].score, None);
            assert!(!a.top_gaps.contains(&d) && !a.strengths.contains(&d));
        }
        // Less code is not more Staff: the estimate and readiness do not move.
        assert_eq!(
            (far.estimate, far.readiness),
            (senior_band.estimate, senior_band.readiness)
        );
        assert_eq!(
            (staff_band.estimate, staff_band.readiness),
            (senior_band.estimate, senior_band.readiness)
        );
    }

    #[test]
    fn dimension_count_caps_the_estimate() {
        let r = three_levels();
        // Delivery (weight 2) at senior, craft and people at junior: the mean
        // reaches mid (2·2 / 4 = 1.0 ≥ 0.75) but only one dimension does.
        let a = answer(
            &r,
            &[
                ("delivery.size", choice("project")),
                ("delivery.help", Answer::Scale(Agreement::StronglyAgree)),
                ("craft.practices", Answer::Items(vec![])),
                ("craft.hours", Answer::Number(0.0)),
                ("people.mentor", choice("no")),
            ],
        );
        let out = assess(&r, &a, 1);
        assert_eq!(out.position, Some(1.0));
        assert_eq!(out.estimate, Some(0));
        assert_eq!(out.decided_by, Decision::DimensionCount);
        assert!(out.borderline.contains(&Borderline::OneDimensionShort));
    }

    #[test]
    fn mean_decides_and_borderline_is_flagged() {
        let r = three_levels();
        let a = answer(
            &r,
            &[
                ("delivery.size", choice("feature")),
                ("delivery.help", Answer::Scale(Agreement::Neutral)),
                ("craft.practices", Answer::Items(vec!["reviews".into()])),
                ("craft.hours", Answer::Number(4.0)),
                ("people.mentor", choice("sometimes")),
            ],
        );
        let out = assess(&r, &a, 1);
        assert_eq!(
            (out.position, out.estimate, out.decided_by),
            (Some(1.0), Some(1), Decision::Mean)
        );
        assert!(out.borderline.is_empty(), "{:?}", out.borderline);
        assert_eq!(out.readiness, 100.0);
        assert!(out.top_gaps.is_empty());
        assert_eq!(out.strengths, vec![0, 1, 2]);

        // Towards senior (target 2) the same answers are far off.
        let out = assess(&r, &a, 2);
        assert_eq!(out.readiness, 0.0);
        assert_eq!(out.top_gaps.len(), 3);
        // Largest weighted gap first: delivery weighs 2.
        assert_eq!(out.top_gaps[0], 0);

        // Delivery 0.75, craft 0.5, people 1 → mean (1.5 + 0.5 + 1) / 4 = 0.75,
        // exactly on the mid bar: reached, but borderline.
        let mut b = a.clone();
        b.answers.insert("delivery.size".into(), choice("task"));
        b.answers
            .insert("delivery.help".into(), Answer::Scale(Agreement::Agree));
        b.answers.insert("craft.practices".into(), Answer::Items(vec![]));
        let out = assess(&r, &b, 1);
        assert_eq!(out.estimate, Some(1));
        assert!(
            matches!(out.borderline.as_slice(), [Borderline::JustAbove(_)]),
            "{:?}",
            out.borderline
        );
    }

    #[test]
    fn unanswered_dimensions_do_not_count_but_do_not_crash() {
        let r = three_levels();
        let out = assess(&r, &Answers::default(), 1);
        assert_eq!(
            (out.position, out.estimate, out.decided_by),
            (None, Some(0), Decision::NoAnswers)
        );
        assert_eq!(out.readiness, 0.0);
        assert!(out.strengths.is_empty());
    }

    #[test]
    fn pitfalls_and_fit() {
        let r = three_levels();
        let a = answer(
            &r,
            &[
                ("craft.hours", Answer::Number(25.0)),
                ("fit.wants", Answer::Items(vec!["lead".into(), "code".into()])),
            ],
        );
        let out = assess(&r, &a, 1);
        assert_eq!(out.pitfalls, vec![0]);
        assert_eq!(out.fit.leaning(), "balanced");
        let quiet = answer(&r, &[("craft.hours", Answer::Number(20.0))]);
        assert!(assess(&r, &quiet, 1).pitfalls.is_empty(), "above is strict");
        assert_eq!(assess(&r, &quiet, 1).fit.leaning(), "unanswered");
    }

    #[test]
    fn default_pitfalls_fire_on_the_right_answers() {
        let r = default_rubric();
        let ids = |a: &Answers| {
            assess(&r, a, 1)
                .pitfalls
                .iter()
                .map(|&i| r.pitfalls[i].id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(&answer(&r, &[("coding.percent", Answer::Number(10.0))])),
            vec!["too-far-from-code"]
        );
        assert_eq!(
            ids(&answer(&r, &[("coding.percent", Answer::Number(20.0))])),
            Vec::<String>::new()
        );
        // Much coding alone is no bottleneck; taking hard problems on yourself is.
        assert_eq!(
            ids(&answer(
                &r,
                &[
                    ("coding.percent", Answer::Number(80.0)),
                    ("scope.teams", choice("five-or-more")),
                    ("leadership.hard-problems", choice("enable")),
                ]
            )),
            Vec::<String>::new()
        );
        assert_eq!(
            ids(&answer(&r, &[("leadership.hard-problems", choice("solve-myself"))])),
            vec!["bottleneck"]
        );
        // Waiting for permission: work assigned, or no next-level work, little
        // cross-team leading and not content where one is.
        assert_eq!(
            ids(&answer(&r, &[("autonomy.initiative", choice("assigned"))])),
            vec!["waiting-for-permission"]
        );
        let waiting = |months: f64, stay: &[&str]| {
            let stay = Answer::Items(stay.iter().map(|s| s.to_string()).collect());
            let mut a = answer(
                &r,
                &[
                    ("transition.done", Answer::Items(vec!["cross-team".into()])),
                    ("transition.cross-team-months", Answer::Number(months)),
                ],
            );
            a.answers.insert("fit.stay".into(), stay);
            ids(&a)
        };
        assert_eq!(waiting(2.0, &["balance"]), vec!["waiting-for-permission"]);
        assert_eq!(
            waiting(2.0, &["happy-scope"]),
            Vec::<String>::new(),
            "content where she is"
        );
        assert_eq!(waiting(24.0, &[]), Vec::<String>::new(), "two years of cross-team work");
        // The promotion pitfall: title and pay as the only reason ticked, not one among others.
        let fit = |items: &[&str]| {
            let mut a = Answers::default();
            a.answers.insert(
                "fit.pursue".into(),
                Answer::Items(items.iter().map(|s| s.to_string()).collect()),
            );
            ids(&a)
        };
        assert_eq!(fit(&["pay-and-title"]), vec!["promotion-only"]);
        assert_eq!(fit(&["pay-and-title", "direction"]), Vec::<String>::new());
        assert_eq!(fit(&[]), Vec::<String>::new());
        assert_eq!(
            ids(&answer(&r, &[("autonomy.contacts", choice("one-or-two"))])),
            vec!["neglecting-relationships"]
        );
    }
}

/// Invariants of the format-2 engine over generated rubrics and answers.
#[cfg(test)]
pub(crate) mod format2_props {
    use super::*;
    use crate::rubric::QuestionRef;
    use proptest::prelude::*;

    /// One generated dimension: `steps` 0 = the levels are its scale.
    #[derive(Debug, Clone)]
    struct Dim {
        steps: usize,
        /// Per level: listed in `expects` with this step (mod the scale), or not listed.
        expects: Vec<Option<usize>>,
        /// `from` this level (0 = none).
        from: usize,
        /// Choice positions: −1 (below) or a step index (mod the scale).
        choices: Vec<i64>,
        /// Cumulative checklist item levels (levels-scale dimensions only).
        items: Vec<usize>,
        meet: f64,
        weight: f64,
    }

    #[derive(Debug, Clone)]
    pub(crate) struct Spec {
        levels: usize,
        need: (bool, f64, usize),
        dims: Vec<Dim>,
        reach: f64,
    }

    fn dim(levels: usize) -> impl Strategy<Value = Dim> {
        (
            prop_oneof![Just(0usize), 2usize..=5],
            prop::collection::vec(prop::option::of(0usize..5), levels),
            0usize..levels,
            prop::collection::vec(-1i64..5, 2..=4),
            prop::collection::vec(0usize..levels, 0..=5),
            prop_oneof![Just(0.5), Just(1.0)],
            // Weights far apart too: sums of them round, and readiness must not.
            prop_oneof![Just(1.0), Just(2.0), Just(3.0), Just(0.001), Just(0.1), Just(1000.0)],
        )
            .prop_map(|(steps, expects, from, choices, items, meet, weight)| Dim {
                steps,
                expects,
                from,
                choices,
                items,
                meet,
                weight,
            })
    }

    pub(crate) fn spec() -> impl Strategy<Value = Spec> {
        (2usize..=5).prop_flat_map(|levels| {
            (
                Just(levels),
                (any::<bool>(), prop_oneof![Just(0.5), Just(0.75), Just(1.0)], 1usize..=3),
                prop::collection::vec(dim(levels), 1..=4),
                prop_oneof![Just(0.8), Just(1.0), Just(0.5)],
            )
                .prop_map(|(levels, need, dims, reach)| Spec {
                    levels,
                    need,
                    dims,
                    reach,
                })
        })
    }

    /// The spec as a format-2 rubric file. Dimension 0 is expected at every
    /// level, so every level expects something.
    pub(crate) fn yaml(s: &Spec) -> String {
        let mut y = String::from("format: 2\nid: gen\nversion: \"1\"\ntitle: Generated\nlevels:\n");
        for l in 0..s.levels {
            y += &format!("  - {{ id: l{l}, title: L{l} }}\n");
        }
        let dims = s.dims.len();
        let need = if s.need.0 {
            format!("share: {}", s.need.1)
        } else {
            format!("min_dimensions_at_level: {}", s.need.2.min(dims))
        };
        y += &format!("scoring: {{ {need}, reach: {} }}\ndimensions:\n", s.reach);
        for (i, d) in s.dims.iter().enumerate() {
            let scale = if d.steps == 0 { s.levels } else { d.steps };
            y += &format!("  - id: d{i}\n    title: D{i}\n    weight: {}\n", d.weight);
            if d.steps > 0 {
                y += "    steps:\n";
                for k in 0..d.steps {
                    y += &format!("      - {{ id: s{k}, title: S{k}, description: step {k} }}\n");
                }
            }
            let step_id = |k: usize| {
                if d.steps > 0 {
                    format!("s{}", k % scale)
                } else {
                    format!("l{}", k % scale)
                }
            };
            let listed: Vec<String> = (0..s.levels)
                .filter_map(|l| match (i, d.expects[l]) {
                    (0, e) => Some(format!("l{l}: {}", step_id(e.unwrap_or(l)))),
                    (_, Some(k)) => Some(format!("l{l}: {}", step_id(k))),
                    (_, None) => None,
                })
                .collect();
            if !listed.is_empty() || d.steps > 0 {
                let listed = if listed.is_empty() {
                    vec![format!("l0: {}", step_id(0))]
                } else {
                    listed
                };
                y += &format!("    expects: {{ {} }}\n", listed.join(", "));
            }
            if i > 0 && d.from > 0 {
                y += &format!("    from: l{}\n", d.from);
            }
            y += "    levels:\n";
            for l in 0..s.levels {
                y += &format!("      l{l}: level {l}\n");
            }
            y += &format!(
                "    questions:\n      - id: d{i}.c\n        kind: choice\n        allow_na: true\n        prompt: P\n        choices:\n"
            );
            for (c, pos) in d.choices.iter().enumerate() {
                let at = match *pos {
                    -1 => "at: below".to_string(),
                    k if d.steps > 0 => format!("step: s{}", k as usize % scale),
                    k => format!("at: l{}", k as usize % scale),
                };
                y += &format!("          - {{ id: c{c}, label: C{c}, {at} }}\n");
            }
            if d.steps == 0 && !d.items.is_empty() {
                y += &format!(
                    "      - id: d{i}.k\n        kind: checklist\n        meet: {}\n        prompt: P\n        items:\n",
                    d.meet
                );
                for (k, l) in d.items.iter().enumerate() {
                    y += &format!("          - {{ id: i{k}, label: I{k}, level: l{l} }}\n");
                }
            }
            y += "    actions: [a, b]\n";
        }
        y
    }

    /// An answer per question from `seed`: a choice, `n/a`, or a subset of items.
    pub(crate) fn answers(r: &Rubric, seeds: &[u32]) -> Answers {
        let mut out = Answers::default();
        for (id, seed) in r.question_ids().zip(seeds.iter().cycle()) {
            let Some(QuestionRef::Level(d, q)) = r.find(id) else {
                continue;
            };
            let answer = match &r.dimensions[d].questions[q].kind {
                Kind::Choice(_) if seed % 7 == 0 => Answer::NotApplicable,
                _ => super::tests::nth_answer(r, id, *seed),
            };
            out.answers.insert(id.to_string(), answer);
        }
        out
    }

    fn json_numbers(v: &serde_json::Value, path: &str, out: &mut Vec<(String, f64)>) {
        match v {
            serde_json::Value::Number(n) => out.push((path.to_string(), n.as_f64().unwrap_or(f64::NAN))),
            serde_json::Value::Array(a) => a.iter().for_each(|x| json_numbers(x, path, out)),
            serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| json_numbers(x, k, out)),
            _ => {}
        }
    }

    fn check(spec: &Spec, seeds: &[u32], which: usize, alt: u32) -> Result<(), TestCaseError> {
        let text = yaml(spec);
        let rubric = match crate::rubric::parse(&text, "gen.yaml") {
            Ok(r) => r,
            Err(e) => return Err(TestCaseError::fail(format!("generated rubric invalid: {e}\n{text}"))),
        };
        let a = answers(&rubric, seeds);
        for target in 0..rubric.levels.len() {
            let s = assess(&rubric, &a, target);
            prop_assert!((0.0..=100.0).contains(&s.readiness), "readiness {}", s.readiness);
            let all_reached = s.dimensions.iter().all(|d| d.expected.is_none() || d.reached);
            let at_target = s.estimate.is_some_and(|e| e >= target);
            prop_assert_eq!(
                s.readiness >= 100.0,
                at_target && all_reached,
                "readiness {} estimate {:?} target {} all reached {}",
                s.readiness,
                s.estimate,
                target,
                all_reached
            );
            for &g in &s.top_gaps {
                prop_assert!(!s.dimensions[g].reached, "a reached dimension is a gap");
                prop_assert!(!s.strengths.contains(&g), "gap and strength at once");
                let d = &s.dimensions[g];
                let k = d.expected.unwrap();
                prop_assert!(
                    d.score.is_none_or(|v| v < k as f64),
                    "at or above its expectation, yet a gap"
                );
            }
            let report = crate::report::build(&rubric, &a, &s, jiff::civil::date(2026, 1, 1));
            let json: serde_json::Value = serde_json::from_str(&crate::render::json(&report)).unwrap();
            let mut numbers = Vec::new();
            json_numbers(&json, "", &mut numbers);
            for (key, n) in numbers {
                prop_assert!(n.is_finite(), "{key} is not a number");
                // Below the first level is −1 on purpose; nothing else is negative.
                let may_be_negative = ["index", "score", "position", "scores", "self_score", "others"];
                prop_assert!(
                    n >= 0.0 || (may_be_negative.contains(&key.as_str()) && n >= -1.0),
                    "{key} = {n}"
                );
            }
        }
        // Raising one answer never lowers its dimension, the estimate or readiness.
        let ids: Vec<String> = rubric.question_ids().map(String::from).collect();
        let id = &ids[which % ids.len()];
        let Some(QuestionRef::Level(d, q)) = rubric.find(id) else {
            return Ok(());
        };
        let question = &rubric.dimensions[d].questions[q];
        let mut b = a.clone();
        let better = match (&question.kind, a.answers.get(id)) {
            (Kind::Checklist { items, .. }, Some(Answer::Items(t))) => {
                let mut t = t.clone();
                let extra = &items[alt as usize % items.len()].id;
                if !t.contains(extra) {
                    t.push(extra.clone());
                }
                Answer::Items(t)
            }
            (Kind::Choice(ch), _) => Answer::Choice(ch[alt as usize % ch.len()].id.clone()),
            _ => return Ok(()),
        };
        b.answers.insert(id.clone(), better);
        let pos = |x: &Answers| {
            x.answers
                .get(id)
                .and_then(|ans| position(question, ans, rubric.scoring.reach))
        };
        let (Some(pa), Some(pb)) = (pos(&a), pos(&b)) else {
            return Ok(());
        };
        let (worse, better) = if pa <= pb { (&a, &b) } else { (&b, &a) };
        for target in 0..rubric.levels.len() {
            let w = assess(&rubric, worse, target);
            let g = assess(&rubric, better, target);
            prop_assert!(g.dimensions[d].score >= w.dimensions[d].score);
            prop_assert!(g.estimate >= w.estimate, "{:?} < {:?}", g.estimate, w.estimate);
            prop_assert!(g.readiness >= w.readiness - 1e-9);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        #[test]
        fn format_2_invariants(spec in spec(), seeds in prop::collection::vec(any::<u32>(), 12), which in any::<usize>(), alt in any::<u32>()) {
            check(&spec, &seeds, which, alt)?;
        }
    }
}
