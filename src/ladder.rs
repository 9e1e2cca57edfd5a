//! What a rubric expects level by level, read off the rubric alone (no
//! answers): the change between two levels (`levelup rubric diff FROM TO`) and
//! the level × dimension grid (`levelup rubric show --grid`).
//!
//! Pure functions from a [`Rubric`] to plain values; the renderers in
//! [`crate::render::ladder`] turn them into text, and `-f json` serialises
//! [`LevelDiff`] as it is (its shape is documented in the README).

use crate::rubric::{Kind, Rubric, Rule};
use serde::Serialize;

/// Version of the `rubric diff -f json` shape; goes up on any change a reader could notice.
pub const DIFF_VERSION: u32 = 1;

/// The rubric a diff or grid is about.
#[derive(Debug, Clone, Serialize)]
pub struct RubricRef {
    pub id: String,
    pub version: String,
    pub title: String,
    pub format: u8,
}

/// A level of the rubric.
#[derive(Debug, Clone, Serialize)]
pub struct LevelRef {
    pub id: String,
    pub title: String,
    /// Its place in the ladder, 0 for the first level.
    pub index: usize,
}

/// A step of a dimension's scale (its own steps, or the rubric's levels).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepRef {
    /// 0 for the lowest step.
    pub index: usize,
    pub id: String,
    pub title: String,
}

/// How what a dimension is expected to be changes from one level to the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    /// Both levels expect it; the second a higher step.
    Raised,
    /// Both expect it; the second a lower step (a falling expectation).
    Lowered,
    /// Both expect the same step.
    Same,
    /// Only the second level expects it.
    Starts,
    /// Only the first level expects it.
    Stops,
    /// Neither level expects it.
    NotExpected,
}

impl Change {
    /// In words, for the text formats.
    pub fn text(self) -> &'static str {
        match self {
            Change::Raised => "raised",
            Change::Lowered => "lowered",
            Change::Same => "same",
            Change::Starts => "starts being expected",
            Change::Stops => "stops being expected",
            Change::NotExpected => "not expected at either",
        }
    }
}

/// A checklist item that one level expects and the other does not.
#[derive(Debug, Clone, Serialize)]
pub struct ItemRef {
    pub question: String,
    pub item: String,
    pub label: String,
    /// The id of the level the item belongs to.
    pub level: String,
}

/// Points a level asks of each dimension (points rule), at the two levels.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PointsPair {
    pub from: Option<f64>,
    pub to: Option<f64>,
}

/// One dimension between the two levels.
#[derive(Debug, Clone, Serialize)]
pub struct DimensionChange {
    pub id: String,
    pub title: String,
    /// The category's title, where the rubric has categories.
    pub category: Option<String>,
    pub change: Change,
    /// The step the first level expects; null when it expects nothing here.
    pub from: Option<StepRef>,
    /// The step the second level expects; null when it expects nothing here.
    pub to: Option<StepRef>,
    /// What the dimension looks like at the second level (empty when it is not expected there).
    pub description: String,
    /// What it looks like at the first level (empty when it is not expected there).
    pub from_description: String,
    /// Cumulative checklists: items the second level expects and the first does not.
    pub new_items: Vec<ItemRef>,
    /// Cumulative checklists: items the first level expects and the second does not.
    pub dropped_items: Vec<ItemRef>,
    /// Points rule: the per-dimension minimum at each level (null: none).
    pub min_points: Option<PointsPair>,
    /// Cumulative checklists that count a level met with only a share of its
    /// items (`meet` under 1): that share, 0–1 (the smallest where there are
    /// several); null otherwise. The items listed are then not all needed.
    pub meet: Option<f64>,
}

/// A dimension no level expects (`signal: true`): shown in reports, never scored.
#[derive(Debug, Clone, Serialize)]
pub struct SignalRef {
    pub id: String,
    pub title: String,
}

/// The change between two levels of a rubric: `levelup rubric diff FROM TO`.
#[derive(Debug, Clone, Serialize)]
pub struct LevelDiff {
    pub diff_version: u32,
    pub rubric: RubricRef,
    pub from: LevelRef,
    pub to: LevelRef,
    /// `up`, `down` or `same`: where the second level stands from the first.
    pub direction: &'static str,
    /// Every scored dimension, in rubric order (grouped by category).
    pub dimensions: Vec<DimensionChange>,
    /// Points rule: the total each level needs.
    pub threshold: Option<PointsPair>,
    /// Dimensions no level expects, left out of `dimensions`.
    pub signals: Vec<SignalRef>,
}

impl LevelDiff {
    /// How many dimensions have this change.
    pub fn count(&self, change: Change) -> usize {
        self.dimensions.iter().filter(|d| d.change == change).count()
    }
}

/// The rubric's id, version, title and format.
pub fn rubric_ref(r: &Rubric) -> RubricRef {
    RubricRef {
        id: r.id.clone(),
        version: r.version.clone(),
        title: r.title.clone(),
        format: r.format,
    }
}

fn level_ref(r: &Rubric, l: usize) -> LevelRef {
    LevelRef {
        id: r.levels[l].id.clone(),
        title: r.levels[l].title.clone(),
        index: l,
    }
}

/// Step `k` of dimension `d`.
fn step_ref(r: &Rubric, d: usize, k: usize) -> StepRef {
    let dim = &r.dimensions[d];
    let id = match dim.steps.get(k) {
        Some(s) => s.id.clone(),
        None => r.levels.get(k).map(|l| l.id.clone()).unwrap_or_default(),
    };
    StepRef {
        index: k,
        id,
        title: r.step_title(d, k as i64),
    }
}

/// The step level `l` expects of dimension `d`, if it expects it.
pub fn expected(r: &Rubric, d: usize, l: usize) -> Option<StepRef> {
    let dim = &r.dimensions[d];
    if dim.signal {
        return None;
    }
    dim.expects.get(l).copied().flatten().map(|k| step_ref(r, d, k))
}

/// Under a points rule, the total level `l` needs and the points it asks of each dimension.
fn points_at(r: &Rubric, l: usize) -> Option<(f64, Option<f64>)> {
    match &r.scoring.rule {
        Rule::Points {
            thresholds,
            min_dimension,
        } => Some((
            thresholds.get(l).copied().unwrap_or(0.0),
            min_dimension.get(l).copied().flatten(),
        )),
        Rule::WeightedMean => None,
    }
}

/// The level-tagged checklist items of dimension `d` that level `l` expects:
/// those of its expected step and below (the levels are the scale of such a
/// checklist; a dimension with steps of its own counts items by level).
fn items_expected(r: &Rubric, d: usize, l: usize) -> Vec<ItemRef> {
    let dim = &r.dimensions[d];
    let Some(k) = dim.expects.get(l).copied().flatten() else {
        return Vec::new();
    };
    if dim.signal {
        return Vec::new();
    }
    let up_to = if dim.steps.is_empty() { k } else { l };
    dim.questions
        .iter()
        .flat_map(|q| match &q.kind {
            Kind::Checklist {
                items, meet: Some(_), ..
            } => items
                .iter()
                .filter_map(|i| {
                    let level = i.level?;
                    (level <= up_to).then(|| ItemRef {
                        question: q.id.clone(),
                        item: i.id.clone(),
                        label: i.label.clone(),
                        level: r.levels.get(level).map(|l| l.id.clone()).unwrap_or_default(),
                    })
                })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
        .collect()
}

/// Items in `a` that are not in `b` (by question and item id).
fn missing_from(a: &[ItemRef], b: &[ItemRef]) -> Vec<ItemRef> {
    a.iter()
        .filter(|i| !b.iter().any(|j| j.question == i.question && j.item == i.item))
        .cloned()
        .collect()
}

/// What changes from level `from` to level `to` (indices into `r.levels`;
/// either may be the higher). Signals are listed apart, never as dimensions.
pub fn diff(r: &Rubric, from: usize, to: usize) -> LevelDiff {
    let points = points_at(r, from).zip(points_at(r, to));
    let dimensions = r
        .dimensions
        .iter()
        .enumerate()
        .filter(|(_, dim)| !dim.signal)
        .map(|(d, dim)| {
            let (a, b) = (expected(r, d, from), expected(r, d, to));
            let change = match (&a, &b) {
                (Some(a), Some(b)) if b.index > a.index => Change::Raised,
                (Some(a), Some(b)) if b.index < a.index => Change::Lowered,
                (Some(_), Some(_)) => Change::Same,
                (None, Some(_)) => Change::Starts,
                (Some(_), None) => Change::Stops,
                (None, None) => Change::NotExpected,
            };
            let (at_from, at_to) = (items_expected(r, d, from), items_expected(r, d, to));
            let looks = |l: usize, step: &Option<StepRef>| {
                if step.is_some() {
                    r.looks_like(d, l)
                } else {
                    String::new()
                }
            };
            DimensionChange {
                id: dim.id.clone(),
                title: dim.title.clone(),
                category: dim.category.and_then(|k| r.categories.get(k)).map(|c| c.title.clone()),
                change,
                description: looks(to, &b),
                from_description: looks(from, &a),
                from: a,
                to: b,
                new_items: missing_from(&at_to, &at_from),
                dropped_items: missing_from(&at_from, &at_to),
                min_points: points.map(|((_, a), (_, b))| PointsPair { from: a, to: b }),
                meet: dim
                    .questions
                    .iter()
                    .filter_map(|q| match &q.kind {
                        Kind::Checklist { meet: Some(m), .. } if *m < 1.0 => Some(*m),
                        _ => None,
                    })
                    .reduce(f64::min),
            }
        })
        .collect();
    LevelDiff {
        diff_version: DIFF_VERSION,
        rubric: rubric_ref(r),
        from: level_ref(r, from),
        to: level_ref(r, to),
        direction: match to.cmp(&from) {
            std::cmp::Ordering::Greater => "up",
            std::cmp::Ordering::Less => "down",
            std::cmp::Ordering::Equal => "same",
        },
        dimensions,
        threshold: points.map(|((a, _), (b, _))| PointsPair {
            from: Some(a),
            to: Some(b),
        }),
        signals: signals(r),
    }
}

fn signals(r: &Rubric) -> Vec<SignalRef> {
    r.dimensions
        .iter()
        .filter(|d| d.signal)
        .map(|d| SignalRef {
            id: d.id.clone(),
            title: d.title.clone(),
        })
        .collect()
}

/// One row of the grid: a dimension and what each level expects of it.
#[derive(Debug, Clone)]
pub struct GridRow {
    pub id: String,
    pub title: String,
    /// The category's title on the first row of each category (else `None`).
    pub category: Option<String>,
    /// Indexed like the levels: the expected step, `None` where not expected.
    pub cells: Vec<Option<StepRef>>,
}

/// The level × dimension grid: `levelup rubric show --grid`.
#[derive(Debug, Clone)]
pub struct Grid {
    pub rubric: RubricRef,
    pub levels: Vec<LevelRef>,
    /// One row per scored dimension, in rubric order (grouped by category).
    pub rows: Vec<GridRow>,
    /// Points rule: per level, the total needed and the minimum per dimension.
    pub points: Option<Vec<(f64, Option<f64>)>>,
    /// Dimensions no level expects, left out of the rows.
    pub signals: Vec<SignalRef>,
}

/// What every level expects of every scored dimension.
pub fn grid(r: &Rubric) -> Grid {
    let mut last_category = None;
    let rows = r
        .dimensions
        .iter()
        .enumerate()
        .filter(|(_, dim)| !dim.signal)
        .map(|(d, dim)| {
            let category = match dim.category {
                Some(k) if last_category != Some(k) => {
                    last_category = Some(k);
                    r.categories.get(k).map(|c| c.title.clone())
                }
                _ => None,
            };
            GridRow {
                id: dim.id.clone(),
                title: dim.title.clone(),
                category,
                cells: (0..r.levels.len()).map(|l| expected(r, d, l)).collect(),
            }
        })
        .collect();
    let points = (0..r.levels.len()).map(|l| points_at(r, l)).collect::<Option<Vec<_>>>();
    Grid {
        rubric: rubric_ref(r),
        levels: (0..r.levels.len()).map(|l| level_ref(r, l)).collect(),
        rows,
        points,
        signals: signals(r),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(name: &str) -> Rubric {
        let path = format!("{}/examples/rubrics/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        crate::rubric::parse(&text, &path).unwrap_or_else(|e| panic!("{e}"))
    }

    fn dim<'a>(d: &'a LevelDiff, id: &str) -> &'a DimensionChange {
        d.dimensions.iter().find(|x| x.id == id).unwrap()
    }

    #[test]
    fn a_falling_expectation_is_lowered_and_reads_back_raised() {
        let r = example("profile-ladder");
        let (senior, staff) = (r.level_index("senior").unwrap(), r.level_index("staff").unwrap());
        let d = diff(&r, senior, staff);
        assert_eq!(d.direction, "up");
        let craft = dim(&d, "craft");
        assert_eq!(craft.change, Change::Lowered);
        assert_eq!(craft.from.as_ref().unwrap().title, "Expert");
        assert_eq!(craft.to.as_ref().unwrap().title, "Fluent");
        // Staff's description of the step it expects, not Senior's.
        assert_ne!(craft.description, craft.from_description);
        // The same pair read the other way round: a step down that asks for more craft.
        let back = diff(&r, staff, senior);
        assert_eq!(back.direction, "down");
        assert_eq!(dim(&back, "craft").change, Change::Raised);
        assert_eq!(dim(&back, "design").change, Change::Lowered);
        // Principal is not listed for craft: it keeps Staff's step.
        let principal = r.level_index("principal").unwrap();
        assert_eq!(dim(&diff(&r, staff, principal), "craft").change, Change::Same);
    }

    #[test]
    fn from_is_where_a_dimension_starts_and_stops() {
        let r = example("profile-ladder");
        let (e2, senior) = (r.level_index("e2").unwrap(), r.level_index("senior").unwrap());
        let up = diff(&r, e2, senior);
        let mentoring = dim(&up, "mentoring");
        assert_eq!(mentoring.change, Change::Starts);
        assert!(mentoring.from.is_none() && mentoring.to.is_some());
        assert!(mentoring.from_description.is_empty() && !mentoring.description.is_empty());
        assert_eq!(dim(&diff(&r, senior, e2), "mentoring").change, Change::Stops);
        assert_eq!(dim(&diff(&r, 0, e2), "mentoring").change, Change::NotExpected);
    }

    #[test]
    fn cumulative_items_newly_expected_are_those_of_the_levels_passed() {
        let r = example("checklist-ladder");
        let (l2, l4) = (r.level_index("l2").unwrap(), r.level_index("L4").unwrap());
        let d = diff(&r, l2, l4);
        let delivery = dim(&d, "delivery");
        assert_eq!(delivery.change, Change::Raised);
        let levels: Vec<&str> = delivery.new_items.iter().map(|i| i.level.as_str()).collect();
        assert!(!levels.is_empty());
        assert!(levels.iter().all(|l| *l == "l3" || *l == "l4"), "{levels:?}");
        assert!(levels.contains(&"l3") && levels.contains(&"l4"));
        assert!(delivery.dropped_items.is_empty());
        // Leadership starts at L3: every item up to L4 is new.
        let leadership = dim(&d, "leadership");
        assert_eq!(leadership.change, Change::Starts);
        assert_eq!(leadership.new_items.len(), 6);
        // Read downwards the same items are no longer expected.
        let down = diff(&r, l4, l2);
        assert_eq!(dim(&down, "delivery").dropped_items.len(), delivery.new_items.len());
        assert!(dim(&down, "delivery").new_items.is_empty());
        // One level to itself: nothing changes.
        let same = diff(&r, l2, l2);
        assert_eq!(same.direction, "same");
        assert!(
            same.dimensions
                .iter()
                .all(|x| matches!(x.change, Change::Same | Change::NotExpected) && x.new_items.is_empty())
        );
    }

    #[test]
    fn signals_are_never_dimensions_of_a_diff_or_rows_of_the_grid() {
        let r = Rubric::builtin("senior-staff").unwrap();
        let d = diff(&r, 0, 1);
        assert_eq!(d.signals.len(), 1);
        assert!(d.dimensions.iter().all(|x| x.id != d.signals[0].id));
        assert_eq!(d.dimensions.len(), r.dimensions.len() - 1);
        assert!(d.threshold.is_none());
        let g = grid(&r);
        assert_eq!(g.rows.len(), d.dimensions.len());
        assert!(g.rows.iter().all(|row| row.cells.len() == 2));
    }

    #[test]
    fn points_ladders_carry_thresholds_and_minimums() {
        let r = example("points-ladder");
        let last = r.levels.len() - 1;
        let d = diff(&r, 0, last);
        let t = d.threshold.unwrap();
        assert!(t.to.unwrap() > t.from.unwrap());
        assert!(d.dimensions.iter().all(|x| x.min_points.is_some()));
        let g = grid(&r);
        assert_eq!(g.points.as_ref().map(Vec::len), Some(r.levels.len()));
    }

    #[test]
    fn the_grid_marks_each_category_once_and_what_is_not_expected() {
        let r = example("profile-ladder");
        let g = grid(&r);
        let mentoring = g.rows.iter().find(|row| row.id == "mentoring").unwrap();
        let senior = r.level_index("senior").unwrap();
        assert!(mentoring.cells[..senior].iter().all(Option::is_none));
        assert!(mentoring.cells[senior..].iter().all(Option::is_some));
        let with_categories: Vec<_> = g.rows.iter().filter(|row| row.category.is_some()).collect();
        assert_eq!(with_categories.len(), r.categories.len());
    }
}
