//! The gap report: every fact a renderer shows, in one serializable value.
//!
//! This is also the JSON contract (`--format json`): versioned by
//! [`SCHEMA_VERSION`], documented in the README, and tested by deserializing.
//! Renderers read only this, so every format carries the same facts.

use crate::answers::{Answer, Answers};
use crate::rubric::{Kind, QuestionRef, Rubric, Rule};
use crate::score::{self, Assessment, Borderline, Decision};
use serde::{Deserialize, Serialize};

/// Bumped on any change a reader of the JSON could notice (not on additions).
pub const SCHEMA_VERSION: u32 = 1;

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
    use super::agreement;

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
    let dimensions = rubric
        .dimensions
        .iter()
        .enumerate()
        .map(|(d, dim)| {
            let scores: Vec<Option<f64>> = raters.iter().map(|(_, s)| s.dimensions[d].score.map(round2)).collect();
            let others: Vec<f64> = raters
                .iter()
                .filter(|(a, _)| !is_self(a))
                .filter_map(|(_, s)| s.dimensions[d].score)
                .collect();
            let (spread_steps, verdict) = agreement(&scores);
            RaterView {
                dimension: dim.id.clone(),
                title: dim.title.clone(),
                self_score: raters
                    .iter()
                    .find(|(a, _)| is_self(a))
                    .and_then(|(_, s)| s.dimensions[d].score)
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
                estimate: rubric.levels[s.estimate].id.clone(),
                readiness: s.readiness.round().clamp(0.0, 100.0) as u32,
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelInfo {
    pub id: String,
    pub title: String,
    /// Position of the level on the scale (0 = first level).
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub level: LevelInfo,
    /// Weighted mean position over answered dimensions.
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
    /// Position on the level scale; `None` when no question was answered.
    pub score: Option<f64>,
    /// Position of the target level.
    pub target: f64,
    pub gap: f64,
    pub reached: bool,
    pub answers: Vec<AnswerReport>,
    pub evidence: Option<String>,
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gap {
    pub dimension: String,
    pub title: String,
    pub score: Option<f64>,
    pub gap: f64,
    pub weighted_gap: f64,
    /// What the dimension looks like at the target level.
    pub target_looks_like: String,
    pub evidence: Option<String>,
    pub actions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Strength {
    pub dimension: String,
    pub title: String,
    pub score: Option<f64>,
    #[serde(default)]
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PitfallReport {
    pub id: String,
    pub title: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitReport {
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

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The gap as the report shows it: target minus the *rounded* score, so that
/// score + gap always adds up on the page.
fn shown_gap(target: usize, score: Option<f64>) -> f64 {
    round2((target as f64 - round2(score.unwrap_or(0.0))).max(0.0))
}

fn level_info(rubric: &Rubric, index: usize) -> LevelInfo {
    let l = &rubric.levels[index];
    LevelInfo {
        id: l.id.clone(),
        title: l.title.clone(),
        index,
    }
}

/// How an answer reads to a person.
pub fn describe(rubric: &Rubric, question: QuestionRef, answer: &Answer) -> String {
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
                    Some((_, b)) => format!("{x}{unit} ({})", b.label),
                    None => format!("{x}{unit}"),
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
            "Each answer earns points and the total decides the level: {}. The estimate is the highest level whose total you reach.",
            levels.join(", ")
        );
    }
    format!(
        "Each dimension's score is the weighted average of its answers on the level scale, and the overall position is the weighted average of the dimensions. A level counts as reached once a score gets {}% of the way up the step to it. The estimate is the highest level that the overall position reaches and that at least {} of the {} dimensions reach on their own.",
        (rubric.scoring.reach * 100.0).round(),
        rubric.scoring.min_dimensions_at_level,
        rubric.dimensions.len()
    )
}

fn explanation(rubric: &Rubric, a: &Assessment) -> String {
    let title = |i: usize| rubric.levels[i].title.as_str();
    if let (
        Rule::Points {
            thresholds,
            min_dimension,
        },
        Some(p),
    ) = (&rubric.scoring.rule, &a.points)
        && a.position.is_some()
    {
        let mut text = format!(
            "You have {} points, enough for {} ({}).",
            p.total,
            title(a.estimate),
            thresholds[a.estimate]
        );
        if a.decided_by == Decision::DimensionMinimum {
            let blocked = a.estimate + 1;
            let short: Vec<&str> = rubric
                .dimensions
                .iter()
                .zip(&p.per_dimension)
                .filter(|(_, pts)| min_dimension[blocked].is_some_and(|m| **pts < m))
                .map(|(d, _)| d.title.as_str())
                .collect();
            text.push_str(&format!(
                " The total reaches {} ({}), but {} {} fewer than the {} points each dimension needs for it.",
                title(blocked),
                thresholds[blocked],
                short.join(", "),
                if short.len() == 1 { "has" } else { "have" },
                min_dimension[blocked].unwrap_or_default()
            ));
        } else if let Some(next) = thresholds.get(a.estimate + 1) {
            text.push_str(&format!(
                " {} needs {next}: {} more.",
                title(a.estimate + 1),
                next - p.total
            ));
        }
        return text;
    }
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
            title(0)
        );
    };
    let top = rubric.levels.len() - 1;
    match a.decided_by {
        Decision::NoAnswers | Decision::Points | Decision::DimensionMinimum => String::new(),
        Decision::DimensionCount => {
            let blocked = a.estimate + 1;
            format!(
                "Your overall position is {m:.2}, which clears the bar for {} ({:.2}), but only {} of {dims} dimensions reach it on their own and {} are needed, so the estimate is {}.",
                title(blocked),
                score::bar(rubric, blocked),
                reaching(blocked),
                rubric.scoring.min_dimensions_at_level,
                title(a.estimate)
            )
        }
        Decision::Mean if a.estimate == top => format!(
            "Your overall position is {m:.2}, which clears the bar for {} ({:.2}), the top level of this rubric, and {} of {dims} dimensions reach it.",
            title(top),
            score::bar(rubric, top),
            reaching(top)
        ),
        Decision::Mean => {
            let next = a.estimate + 1;
            let mut text = format!(
                "Your overall position is {m:.2}, below the bar for {} ({:.2}), so the estimate is {}.",
                title(next),
                score::bar(rubric, next),
                title(a.estimate)
            );
            if a.estimate > 0 {
                text.push_str(&format!(
                    " It clears the bar for {} ({:.2}) and {} of {dims} dimensions reach it.",
                    title(a.estimate),
                    score::bar(rubric, a.estimate),
                    reaching(a.estimate)
                ));
            }
            text
        }
    }
}

fn borderline_text(rubric: &Rubric, a: &Assessment, b: Borderline) -> String {
    let title = |i: usize| rubric.levels[i].title.clone();
    match b {
        Borderline::BelowNext(d) => format!("only {d:.2} below the bar for {}", title(a.estimate + 1)),
        Borderline::JustAbove(d) => format!("only {d:.2} above the bar for {}", title(a.estimate)),
        Borderline::OneDimensionShort => format!(
            "one more dimension at {} would lift the estimate",
            title(a.estimate + 1)
        ),
        Borderline::PointsShort(d) => format!("only {d} points short of {}", title(a.estimate + 1)),
    }
}

/// `date` is the day the report speaks for: the answers' date, else today.
pub fn build(rubric: &Rubric, answers: &Answers, a: &Assessment, date: jiff::civil::Date) -> Report {
    let dimensions: Vec<DimensionReport> = rubric
        .dimensions
        .iter()
        .enumerate()
        .zip(&a.dimensions)
        .map(|((di, d), s)| DimensionReport {
            id: d.id.clone(),
            title: d.title.clone(),
            weight: d.weight,
            score: s.score.map(round2),
            target: a.target as f64,
            gap: shown_gap(a.target, s.score),
            reached: s.reached,
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
            Gap {
                dimension: d.id.clone(),
                title: d.title.clone(),
                score: a.dimensions[i].score.map(round2),
                gap: shown_gap(a.target, a.dimensions[i].score),
                weighted_gap: round2(shown_gap(a.target, a.dimensions[i].score) * d.weight),
                target_looks_like: d.descriptions[a.target].clone(),
                evidence: answers.evidence.get(&d.id).cloned(),
                actions: d.actions.iter().take(ACTIONS_PER_GAP).cloned().collect(),
            }
        })
        .collect();

    let strengths = a
        .strengths
        .iter()
        .map(|&i| Strength {
            dimension: rubric.dimensions[i].id.clone(),
            title: rubric.dimensions[i].title.clone(),
            score: a.dimensions[i].score.map(round2),
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
        },
        levels: (0..rubric.levels.len()).map(|i| level_info(rubric, i)).collect(),
        target: level_info(rubric, a.target),
        estimate: Estimate {
            level: level_info(rubric, a.estimate),
            position: a.position.map(round2),
            rule: rule_text(rubric),
            decided_by: match a.decided_by {
                Decision::Mean => "mean",
                Decision::DimensionCount => "dimension-count",
                Decision::NoAnswers => "no-answers",
                Decision::Points => "points",
                Decision::DimensionMinimum => "dimension-minimum",
            }
            .to_string(),
            explanation: explanation(rubric, a),
            borderline: !a.borderline.is_empty(),
            borderline_reasons: a.borderline.iter().map(|b| borderline_text(rubric, a, *b)).collect(),
        },
        readiness: a.readiness.round().clamp(0.0, 100.0) as u32,
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
                total: p.total,
                dimensions: rubric
                    .dimensions
                    .iter()
                    .zip(&p.per_dimension)
                    .map(|(d, pts)| DimensionPoints {
                        dimension: d.id.clone(),
                        points: *pts,
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
    }
}
