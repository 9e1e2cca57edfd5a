//! The scoring engine: (rubric, answers, target) → [`Assessment`].
//!
//! Pure and deterministic, no I/O. Every answer maps to a position on the level
//! scale (0 = first level, 1 = second, …). A dimension's score is the weighted
//! mean of its answered questions; the overall position is the weighted mean of
//! the answered dimensions. Both are monotone: a higher-position answer never
//! lowers any score, the estimate or readiness.

use crate::answers::{Answer, Answers};
use crate::rubric::{Condition, Kind, Leaning, Question, Rubric, Rule, Test};

/// How many gaps get the detailed treatment in reports.
pub const TOP_GAPS: usize = 5;

#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    /// Index of the target level.
    pub target: usize,
    pub dimensions: Vec<DimensionScore>,
    /// Weighted mean position over answered dimensions; `None` if nothing is answered.
    pub position: Option<f64>,
    pub estimate: usize,
    pub decided_by: Decision,
    pub borderline: Vec<Borderline>,
    /// 0–100: how completely the dimensions meet the target.
    pub readiness: f64,
    /// Dimension indices below the target, largest weighted gap first (at most [`TOP_GAPS`]).
    pub top_gaps: Vec<usize>,
    /// Dimension indices at or above the target, in rubric order.
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
}

#[derive(Debug, Clone, PartialEq)]
pub struct DimensionScore {
    /// Position per question, `None` when unanswered.
    pub questions: Vec<Option<f64>>,
    /// Weighted mean of answered questions; `None` when none are answered.
    pub score: Option<f64>,
    /// Distance below the target level (0 when at or above it).
    pub gap: f64,
    /// Counts as having reached the target level.
    pub reached: bool,
}

/// Which part of the rule settled the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The weighted mean position decided it.
    Mean,
    /// The mean would allow a higher level, but too few dimensions reach it.
    DimensionCount,
    /// Nothing was answered: the estimate falls back to the first level.
    NoAnswers,
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
    /// Points rule: this many points short of the next level.
    PointsShort(f64),
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

/// Position of one answer on the level scale.
pub fn position(question: &Question, answer: &Answer) -> Option<f64> {
    match (&question.kind, answer) {
        (Kind::Choice(choices), Answer::Choice(id)) => choices.iter().find(|c| c.id == *id).map(|c| c.position),
        (Kind::Scale { low, high, .. }, Answer::Scale(a)) => Some(low + (high - low) * a.fraction()),
        (Kind::Checklist { items, low, high }, Answer::Items(ticked)) => {
            let total: f64 = items.iter().map(|i| i.weight).sum();
            let got: f64 = items.iter().filter(|i| ticked.contains(&i.id)).map(|i| i.weight).sum();
            Some(low + (high - low) * got / total)
        }
        (Kind::Number { bands, .. }, Answer::Number(x)) => {
            let last = bands.len().checked_sub(1)?;
            bands
                .iter()
                .enumerate()
                .find(|(i, b)| *x >= b.from && (*x < b.to || (*i == last && *x <= b.to)))
                .map(|(_, b)| b.position)
        }
        _ => None,
    }
}

/// The bar a score must clear to count as having reached `level` (level ≥ 1).
pub fn bar(rubric: &Rubric, level: usize) -> f64 {
    level as f64 - 1.0 + rubric.scoring.reach
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

fn reached(rubric: &Rubric, score: Option<f64>, level: usize) -> bool {
    level == 0 || score.is_some_and(|s| s >= bar(rubric, level) - 1e-9)
}

fn dimension_score(rubric: &Rubric, questions: Vec<Option<f64>>, score: Option<f64>, target: usize) -> DimensionScore {
    DimensionScore {
        gap: (target as f64 - score.unwrap_or(0.0)).max(0.0),
        reached: reached(rubric, score, target),
        questions,
        score,
    }
}

pub fn assess(rubric: &Rubric, answers: &Answers, target: usize) -> Assessment {
    let dimensions: Vec<DimensionScore> = rubric
        .dimensions
        .iter()
        .map(|d| {
            let questions: Vec<Option<f64>> = d
                .questions
                .iter()
                .map(|q| answers.answers.get(&q.id).and_then(|a| position(q, a)))
                .collect();
            let score = weighted_mean(d.questions.iter().zip(&questions).map(|(q, p)| (q.weight, *p)));
            dimension_score(rubric, questions, score, target)
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
            dimension_score(rubric, questions, score, target)
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
        }
    });
    conclude(rubric, dimensions, points, own, target)
}

/// Everything that follows from the dimension scores: estimate, readiness,
/// gaps, strengths, and (from `answers`) pitfalls and fit.
fn conclude(
    rubric: &Rubric,
    dimensions: Vec<DimensionScore>,
    points: Option<Points>,
    answers: &Answers,
    target: usize,
) -> Assessment {
    let reached = |score: Option<f64>, level: usize| reached(rubric, score, level);

    let position = weighted_mean(
        rubric
            .dimensions
            .iter()
            .zip(&dimensions)
            .map(|(d, s)| (d.weight, s.score)),
    );
    let count_at = |level: usize| dimensions.iter().filter(|s| reached(s.score, level)).count();
    let need = rubric.scoring.min_dimensions_at_level;
    let top = rubric.levels.len() - 1;

    let (estimate, decided_by, borderline) = match position {
        None => (0, Decision::NoAnswers, Vec::new()),
        Some(m) => {
            let by_mean = (1..=top).rev().find(|&l| m >= bar(rubric, l) - 1e-9).unwrap_or(0);
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
            (estimate, decided_by, why)
        }
    };

    let readiness = if target == 0 {
        100.0
    } else {
        let total: f64 = rubric.dimensions.iter().map(|d| d.weight).sum();
        let got: f64 = rubric
            .dimensions
            .iter()
            .zip(&dimensions)
            .map(|(d, s)| {
                let progress = s
                    .score
                    .map_or(0.0, |v| (v - (target as f64 - 1.0)) / rubric.scoring.reach);
                d.weight * progress.clamp(0.0, 1.0)
            })
            .sum();
        100.0 * got / total
    };

    let (estimate, decided_by, borderline, readiness) = match (&rubric.scoring.rule, &points) {
        (
            Rule::Points {
                thresholds,
                min_dimension,
            },
            Some(p),
        ) if position.is_some() => by_points(rubric, p, target, thresholds, min_dimension),
        _ => (estimate, decided_by, borderline, readiness),
    };

    let mut gaps: Vec<usize> = (0..dimensions.len()).filter(|&i| !dimensions[i].reached).collect();
    // Largest weighted gap first; ties keep rubric order (stable sort).
    gaps.sort_by(|&a, &b| {
        let wa = rubric.dimensions[a].weight * dimensions[a].gap;
        let wb = rubric.dimensions[b].weight * dimensions[b].gap;
        wb.total_cmp(&wa)
    });
    gaps.truncate(TOP_GAPS);
    let strengths = (0..dimensions.len())
        .filter(|&i| dimensions[i].reached && dimensions[i].score.is_some())
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

/// Points one answer earns under the points rule.
pub fn points(question: &Question, answer: &Answer) -> f64 {
    match (&question.kind, answer) {
        (Kind::Choice(choices), Answer::Choice(id)) => choices.iter().find(|c| c.id == *id).map_or(0.0, |c| c.points),
        (Kind::Scale { points, .. }, Answer::Scale(a)) => points.get(*a as usize).copied().unwrap_or(0.0),
        (Kind::Checklist { items, .. }, Answer::Items(ticked)) => {
            items.iter().filter(|i| ticked.contains(&i.id)).map(|i| i.points).sum()
        }
        (Kind::Number { bands, .. }, Answer::Number(x)) => {
            let last = bands.len().saturating_sub(1);
            bands
                .iter()
                .enumerate()
                .find(|(i, b)| *x >= b.from && (*x < b.to || (*i == last && *x <= b.to)))
                .map_or(0.0, |(_, b)| b.points)
        }
        _ => 0.0,
    }
}

fn points_of(rubric: &Rubric, answers: &Answers) -> Points {
    let per_dimension: Vec<f64> = rubric
        .dimensions
        .iter()
        .map(|d| {
            d.questions
                .iter()
                .filter_map(|q| answers.answers.get(&q.id).map(|a| points(q, a)))
                .sum()
        })
        .collect();
    Points {
        total: per_dimension.iter().sum(),
        per_dimension,
    }
}

/// The points rule: the highest level whose threshold the total reaches and
/// whose per-dimension minimum (if any) every dimension meets.
fn by_points(
    rubric: &Rubric,
    p: &Points,
    target: usize,
    thresholds: &[f64],
    min_dimension: &[Option<f64>],
) -> (usize, Decision, Vec<Borderline>, f64) {
    let meets_minimum = |l: usize| min_dimension[l].is_none_or(|m| p.per_dimension.iter().all(|d| *d >= m));
    let by_total = (0..thresholds.len())
        .rev()
        .find(|&l| p.total >= thresholds[l])
        .unwrap_or(0);
    let estimate = (0..=by_total).rev().find(|&l| meets_minimum(l)).unwrap_or(0);
    let decided_by = if estimate < by_total {
        Decision::DimensionMinimum
    } else {
        Decision::Points
    };
    let mut borderline = Vec::new();
    if let Some(next) = thresholds.get(estimate + 1)
        && p.total < *next
        && p.total >= next * (1.0 - rubric.scoring.borderline)
    {
        borderline.push(Borderline::PointsShort(next - p.total));
    }
    let readiness = match thresholds.get(target) {
        Some(t) if target > 0 && *t > 0.0 => (100.0 * p.total / t).min(100.0),
        _ => 100.0,
    };
    (estimate, decided_by, borderline, readiness)
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

    /// Every answer a question can take (numbers: each band's ends and middle;
    /// checklists: every subset, addressed by a bit mask).
    fn nth_answer(rubric: &Rubric, id: &str, seed: u32) -> Answer {
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
            QuestionRef::Level(d, q) => position(&rubric.dimensions[d].questions[q], a),
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
            prop_assert!(g.estimate >= w.estimate, "{} < {}", g.estimate, w.estimate);
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
            for d in &a.dimensions {
                let s = d.score.unwrap();
                prop_assert!((0.0..=r.top()).contains(&s));
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
        assert_eq!(position(q(0, 0), &choice("project")), Some(2.0));
        // Scale spreads evenly over the whole scale by default.
        assert_eq!(position(q(0, 1), &Answer::Scale(Agreement::Neutral)), Some(1.0));
        // Checklist: weighted share (reviews weighs 2 of 4).
        assert_eq!(position(q(1, 0), &Answer::Items(vec!["reviews".into()])), Some(1.0));
        assert_eq!(position(q(1, 0), &Answer::Items(vec![])), Some(0.0));
        // Bands are [from, to), the last one closed.
        assert_eq!(position(q(1, 1), &Answer::Number(2.0)), Some(1.0));
        assert_eq!(position(q(1, 1), &Answer::Number(1.99)), Some(0.0));
        assert_eq!(position(q(1, 1), &Answer::Number(40.0)), Some(1.5));
    }

    #[test]
    fn coding_time_is_banded_not_less_is_better() {
        let r = default_rubric();
        let (d, qi) = match r.find("coding.percent") {
            Some(QuestionRef::Level(d, q)) => (d, q),
            other => panic!("{other:?}"),
        };
        let q = &r.dimensions[d].questions[qi];
        let at = |x: f64| position(q, &Answer::Number(x)).unwrap();
        assert_eq!(at(30.0), 1.0, "20-40% is the Staff band");
        assert_eq!(at(60.0), 0.0, "50-70% is the Senior band");
        assert!(at(10.0) < at(30.0), "below 20% is not better than the Staff band");
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
        assert_eq!(out.estimate, 0);
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
            (Some(1.0), 1, Decision::Mean)
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
        assert_eq!(out.estimate, 1);
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
            (None, 0, Decision::NoAnswers)
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
        assert_eq!(
            ids(&answer(
                &r,
                &[
                    ("coding.percent", Answer::Number(80.0)),
                    ("scope.teams", choice("five-or-more"))
                ]
            )),
            vec!["bottleneck"]
        );
        assert_eq!(
            ids(&answer(&r, &[("transition.done", Answer::Items(vec![]))])),
            vec!["waiting-for-permission"]
        );
        assert_eq!(
            ids(&answer(&r, &[("transition.motive", choice("title-and-pay"))])),
            vec!["promotion-only"]
        );
        assert_eq!(
            ids(&answer(
                &r,
                &[("autonomy.relationships", Answer::Scale(Agreement::Disagree))]
            )),
            vec!["neglecting-relationships"]
        );
    }
}
