//! The rubric: a career ladder as data — levels, dimensions, questions, fit,
//! pitfalls and pay context. Parsed from YAML, then validated into [`Rubric`].
//!
//! Everything downstream (answers checking, scoring, reports) trusts a
//! `Rubric`: ids are unique, references resolve, positions lie on the scale.

#[cfg(test)]
mod codegen;
pub mod extend;
pub(crate) mod raw;
pub(crate) mod structure;
mod validate;

// Generated from rubric/senior-staff.yaml by `LEVELUP_BLESS=1 cargo test`.
mod builtin_senior_staff;

use crate::error::{Problem, Problems};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A rubric compiled into the binary, so `levelup assess` works with no files around.
///
/// The YAML in `rubric/` is the source of truth. Parsing and validating it took
/// most of an `assess` run, so a test turns the validated rubric into Rust code
/// (`builtin_*.rs`) that builds it directly, and fails when that code is stale.
pub struct Builtin {
    pub id: &'static str,
    /// The YAML as shipped in `rubric/`.
    pub yaml: &'static str,
    /// Builds the validated rubric; generated from `yaml`.
    build: fn() -> Rubric,
}

pub const BUILTIN: &[Builtin] = &[Builtin {
    id: "senior-staff",
    yaml: include_str!("../../rubric/senior-staff.yaml"),
    build: builtin_senior_staff::rubric,
}];

/// The commented starter rubric that `levelup rubric init` writes.
pub const STARTER: &str = include_str!("../../examples/rubrics/starter.yaml");

/// The built-in rubric used when nothing else is asked for.
pub const DEFAULT_ID: &str = "senior-staff";

#[derive(Debug, Clone)]
pub struct Rubric {
    /// The file format: 1 (levels are the only scale) or 2 (profiles, steps,
    /// below-first; see RUBRIC-FORMAT-2.md).
    pub format: u8,
    pub id: String,
    pub version: String,
    pub title: String,
    pub description: String,
    pub levels: Vec<Level>,
    /// Title of the place below the first level ("Below Engineer I" unless the
    /// rubric's `below_first.title` says otherwise). Format 2 only: a format-1
    /// estimate never goes below the first level.
    pub below_first: String,
    /// Index into `levels`.
    pub default_target: usize,
    pub scoring: Scoring,
    /// Format 2 categories (pillars), in report order; empty when the rubric has none.
    pub categories: Vec<Category>,
    /// Grouped by category (in category order) when the rubric has categories.
    pub dimensions: Vec<Dimension>,
    pub fit: Option<Fit>,
    pub pitfalls: Vec<Pitfall>,
    pub compensation: Option<Compensation>,
    /// Question id → where it lives; built during validation.
    index: BTreeMap<String, QuestionRef>,
}

#[derive(Debug, Clone)]
pub struct Level {
    pub id: String,
    pub title: String,
    pub summary: String,
}

/// The rule that turns dimension scores into an overall level.
#[derive(Debug, Clone, PartialEq)]
pub struct Scoring {
    pub rule: Rule,
    /// Share of a level step that counts as having reached the level (0 < reach ≤ 1).
    pub reach: f64,
    /// How many dimensions must each have reached a level for it to be the estimate.
    pub min_dimensions_at_level: usize,
    /// Format 2: how many of the dimensions a level expects must reach their
    /// expectation for the level to be met.
    pub need: Need,
    /// Distance (in level units) from a boundary within which the estimate is borderline.
    pub borderline: f64,
}

/// Format 2: what it takes to meet a level, counted over the dimensions that
/// level expects (dimensions answered all `n/a` left out).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Need {
    /// At least this many of them (capped at how many the level expects).
    Count(usize),
    /// At least this weighted share of them (0–1; 1 = all).
    Share(f64),
}

/// How the overall level is decided.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// Weighted mean of positions, plus "at least N dimensions at the level".
    WeightedMean,
    /// Points summed over all answers; `thresholds[l]` is the total needed for
    /// level `l`, `min_dimension[l]` the points each dimension needs for it.
    Points {
        thresholds: Vec<f64>,
        min_dimension: Vec<Option<f64>>,
    },
}

#[derive(Debug, Clone)]
pub struct Dimension {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// The weight used in every mean; with weighted categories, the category's
    /// weight split among its dimensions in proportion to their own weights.
    pub weight: f64,
    /// Index into `Rubric::categories`.
    pub category: Option<usize>,
    /// What the dimension looks like at each level, indexed like `Rubric::levels`;
    /// empty for a level that does not expect it, or whose expected step says it.
    pub descriptions: Vec<String>,
    /// The dimension's own named steps, lowest first (format 2 `steps:`). Empty
    /// when its scale is the rubric's levels; see [`Rubric::steps_of`].
    pub steps: Vec<Step>,
    /// The step each level expects, indexed like `Rubric::levels`; `None`: that
    /// level does not expect this dimension (neither a gap nor a strength there).
    /// Format 1: level `l` expects step `l`.
    pub expects: Vec<Option<usize>>,
    /// Format 2 `signal: true`: shown with its answers, never scored (no
    /// level expects it); pitfalls may still use its answers.
    pub signal: bool,
    pub questions: Vec<Question>,
    pub actions: Vec<Action>,
}

/// A recommended action for closing a dimension's gap.
#[derive(Debug, Clone)]
pub struct Action {
    pub text: String,
    /// Left out of the report when this holds: the answers show it done.
    pub unless: Option<Condition>,
}

impl From<&str> for Action {
    /// An action for everyone.
    fn from(text: &str) -> Self {
        Action {
            text: text.to_string(),
            unless: None,
        }
    }
}

/// One answer of a labelled scale ("below", "meets", "exceeds").
#[derive(Debug, Clone)]
pub struct ScaleLabel {
    pub id: String,
    pub title: String,
}

/// A group of dimensions (a pillar: "Craft", "Impact").
#[derive(Debug, Clone)]
pub struct Category {
    pub id: String,
    pub title: String,
    /// The share of the total weight its dimensions split among them, if set.
    pub weight: Option<f64>,
}

/// One step of a dimension's own scale ("Working", "Expert").
#[derive(Debug, Clone)]
pub struct Step {
    pub id: String,
    pub title: String,
    pub description: String,
}

#[derive(Debug, Clone)]
pub struct Question {
    pub id: String,
    pub prompt: String,
    pub help: Option<String>,
    pub weight: f64,
    /// The answer `n/a` is accepted: left out of every mean, costing no readiness.
    pub allow_na: bool,
    pub kind: Kind,
}

/// Question kinds; every answer maps to a position on the level scale
/// (0 = first level, 1 = second, … fractional in between).
#[derive(Debug, Clone)]
pub enum Kind {
    Choice(Vec<Choice>),
    /// Position moves from `low` to `high` with the weighted share of items ticked;
    /// or, when the items are tagged with levels (`meet` is set), it is the
    /// highest level whose items and every lower level's meet their share.
    Checklist {
        items: Vec<Item>,
        low: f64,
        high: f64,
        /// Level-tagged (cumulative) checklist: the share of a level's items
        /// (by weight, 0–1) needed to meet it.
        meet: Option<f64>,
    },
    Number {
        min: f64,
        max: f64,
        unit: Option<String>,
        bands: Vec<Band>,
    },
    /// Answers evenly spread from `low` to `high`: the five agreement steps
    /// (strongly disagree … strongly agree), or the rubric's own `labels`
    /// (answered by label id, held as [`crate::answers::Answer::Choice`]);
    /// `points` per answer under the points rule (else empty).
    Scale {
        low: f64,
        high: f64,
        points: Vec<f64>,
        labels: Vec<ScaleLabel>,
    },
}

#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    /// On the dimension's scale: a step index (−1 = below the first step).
    pub position: f64,
    /// Under the points rule (else 0).
    pub points: f64,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    /// The level this item belongs to (cumulative checklists).
    pub level: Option<usize>,
    pub weight: f64,
    /// Under the points rule (else 0).
    pub points: f64,
}

/// `from ≤ x < to`; the last band of a question also includes its `to`.
#[derive(Debug, Clone)]
pub struct Band {
    pub from: f64,
    pub to: f64,
    pub label: String,
    pub position: f64,
    /// Under the points rule (else 0).
    pub points: f64,
}

/// The five answers of an agreement-scale question, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Agreement {
    StronglyDisagree,
    Disagree,
    Neutral,
    Agree,
    StronglyAgree,
}

impl Agreement {
    pub const ALL: [Agreement; 5] = [
        Agreement::StronglyDisagree,
        Agreement::Disagree,
        Agreement::Neutral,
        Agreement::Agree,
        Agreement::StronglyAgree,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Agreement::StronglyDisagree => "strongly-disagree",
            Agreement::Disagree => "disagree",
            Agreement::Neutral => "neutral",
            Agreement::Agree => "agree",
            Agreement::StronglyAgree => "strongly-agree",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Agreement::StronglyDisagree => "Strongly disagree",
            Agreement::Disagree => "Disagree",
            Agreement::Neutral => "Neither agree nor disagree",
            Agreement::Agree => "Agree",
            Agreement::StronglyAgree => "Strongly agree",
        }
    }

    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.id() == id)
    }

    /// 0.0 for strongly disagree … 1.0 for strongly agree.
    pub fn fraction(self) -> f64 {
        self as usize as f64 / 4.0
    }
}

/// Questions about whether the person wants the next level at all; never scored.
#[derive(Debug, Clone)]
pub struct Fit {
    pub intro: String,
    pub note: String,
    pub questions: Vec<FitQuestion>,
}

/// A checklist whose items each lean towards pursuing the next level or staying.
#[derive(Debug, Clone)]
pub struct FitQuestion {
    pub id: String,
    pub prompt: String,
    pub items: Vec<FitItem>,
}

#[derive(Debug, Clone)]
pub struct FitItem {
    pub id: String,
    pub label: String,
    pub leans: Leaning,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Leaning {
    Pursue,
    Stay,
}

#[derive(Debug, Clone)]
pub struct Pitfall {
    pub id: String,
    pub title: String,
    pub message: String,
    pub when: Condition,
}

/// A test on answers; question ids are resolved and values checked by validation.
#[derive(Debug, Clone)]
pub enum Condition {
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Answer { question: String, test: Test },
}

#[derive(Debug, Clone)]
pub enum Test {
    /// The answer (a choice or agreement id) is one of these.
    In(Vec<String>),
    /// A checklist answer includes this item.
    Has(String),
    /// A checklist answer does not include this item.
    Lacks(String),
    /// A number answer is strictly below this.
    Below(f64),
    /// A number answer is strictly above this.
    Above(f64),
}

/// Pay context shown in reports; labelled with its year and market.
#[derive(Debug, Clone)]
pub struct Compensation {
    pub year: u32,
    pub market: String,
    pub currency: String,
    pub note: String,
    pub levels: Vec<Pay>,
}

#[derive(Debug, Clone)]
pub struct Pay {
    /// Index into `Rubric::levels`.
    pub level: usize,
    pub base: Range,
    pub total: Range,
}

#[derive(Debug, Clone, Copy)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    /// "and up": the upper figure is not a ceiling.
    pub open_ended: bool,
}

/// Where a question id points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionRef {
    /// (dimension index, question index)
    Level(usize, usize),
    /// index into `fit.questions`
    Fit(usize),
}

/// A unit as it follows a number: `35%`, `25 people`.
pub fn unit_suffix(unit: Option<&str>) -> String {
    match unit {
        None => String::new(),
        Some(u) if u.starts_with('%') => u.to_string(),
        Some(u) => format!(" {u}"),
    }
}

/// "from 0 to 100%", or "of 0 or more" for an open-ended question (no `max`).
pub fn number_range(min: f64, max: f64, unit: Option<&str>) -> String {
    let unit = unit_suffix(unit);
    if max.is_finite() {
        format!("from {min} to {max}{unit}")
    } else {
        format!("of {min}{unit} or more")
    }
}

impl Rubric {
    /// A level by id, or (for people typing `--target`) by id or title in any case.
    pub fn level_index(&self, text: &str) -> Option<usize> {
        let text = text.trim();
        self.levels
            .iter()
            .position(|l| l.id == text)
            .or_else(|| self.levels.iter().position(|l| l.id.eq_ignore_ascii_case(text)))
            .or_else(|| {
                self.levels
                    .iter()
                    .position(|l| l.title.to_lowercase() == text.to_lowercase())
            })
    }

    /// Title of a place on the level scale: a level, or below the first one (`None`).
    pub fn level_title(&self, level: Option<usize>) -> &str {
        level.map_or(self.below_first.as_str(), |l| self.levels[l].title.as_str())
    }

    /// Number of steps on dimension `d`'s scale.
    pub fn step_count(&self, d: usize) -> usize {
        match self.dimensions[d].steps.len() {
            0 => self.levels.len(),
            n => n,
        }
    }

    /// Title of step `k` of dimension `d` (its own step, or the level's title);
    /// a negative `k` is below the first step.
    pub fn step_title(&self, d: usize, k: i64) -> String {
        let dim = &self.dimensions[d];
        match usize::try_from(k) {
            Err(_) => match dim.steps.first() {
                Some(first) => format!("Below {}", first.title),
                None => self.below_first.clone(),
            },
            Ok(k) => match dim.steps.get(k) {
                Some(step) => step.title.clone(),
                None => self.levels.get(k).map_or_else(String::new, |l| l.title.clone()),
            },
        }
    }

    /// What dimension `d` looks like at `level`: the level's description, else
    /// the expected step's description.
    pub fn looks_like(&self, d: usize, level: usize) -> String {
        let dim = &self.dimensions[d];
        match dim.descriptions.get(level).filter(|t| !t.is_empty()) {
            Some(text) => text.clone(),
            None => dim.expects[level]
                .and_then(|k| dim.steps.get(k))
                .map(|s| s.description.clone())
                .unwrap_or_default(),
        }
    }

    pub fn level_ids(&self) -> Vec<&str> {
        self.levels.iter().map(|l| l.id.as_str()).collect()
    }

    /// Highest position on the scale (the last level).
    pub fn top(&self) -> f64 {
        (self.levels.len() - 1) as f64
    }

    pub fn find(&self, question_id: &str) -> Option<QuestionRef> {
        self.index.get(question_id).copied()
    }

    /// Every question id in interview order: level questions, then fit.
    pub fn question_ids(&self) -> impl Iterator<Item = &str> {
        let level = self
            .dimensions
            .iter()
            .flat_map(|d| d.questions.iter().map(|q| q.id.as_str()));
        let fit = self.fit.iter().flat_map(|f| f.questions.iter().map(|q| q.id.as_str()));
        level.chain(fit)
    }

    pub fn fit_questions(&self) -> &[FitQuestion] {
        self.fit.as_ref().map_or(&[], |f| &f.questions)
    }

    /// A built-in rubric by id.
    pub fn builtin(id: &str) -> Option<Rubric> {
        BUILTIN.iter().find(|b| b.id == id).map(|b| (b.build)())
    }

    /// Fill the question-id lookup from the dimensions and fit questions.
    fn build_index(&mut self) {
        let level = self.dimensions.iter().enumerate().flat_map(|(d, dim)| {
            dim.questions
                .iter()
                .enumerate()
                .map(move |(q, question)| (question.id.clone(), QuestionRef::Level(d, q)))
        });
        let fit = self
            .fit_questions()
            .iter()
            .enumerate()
            .map(|(f, q)| (q.id.clone(), QuestionRef::Fit(f)));
        self.index = level.chain(fit).collect();
    }
}

/// JSON Schema of rubric files, generated from the types that read them. A
/// rubric that `extends` another lists only what changes, so for it nothing
/// is required: the schema then checks keys and types only.
pub fn json_schema() -> serde_json::Value {
    use serde_json::{Value, json};
    let strict = strict_schema();
    let Value::Object(mut schema) = relaxed_schema() else {
        return Value::Null;
    };
    schema.insert("title".into(), "levelup rubric".into());
    if let Some(Value::Object(props)) = schema.get_mut("properties") {
        props.insert(
            "format".into(),
            json!({
                "description": "1 (the default) or 2: profiles, named steps, cumulative checklists, `n/a`, below the first level.",
                "enum": [1, 2]
            }),
        );
    }
    schema.insert("if".into(), json!({ "required": ["extends"] }));
    schema.insert(
        "else".into(),
        json!({
            "required": strict.get("required").cloned().unwrap_or(Value::Null),
            "properties": { "levels": { "minItems": 2 }, "dimensions": { "minItems": 1 } }
        }),
    );
    for_editors(Value::Object(schema))
}

/// The schema as editors use it: no `"default": null` (yaml-language-server
/// 2 stops completing at such a key and would insert `null`), and shapes
/// named as a rubric author knows them (`Dimension`, not `RawDimension`).
pub(crate) fn for_editors(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    let plain = |name: &str| name.strip_prefix("Raw").unwrap_or(name).to_string();
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, v)| !(k == "default" && v.is_null()))
                .map(|(k, v)| match (k.as_str(), v) {
                    ("$defs", Value::Object(defs)) => (
                        k,
                        Value::Object(
                            defs.into_iter()
                                .map(|(name, d)| (plain(&name), for_editors(d)))
                                .collect(),
                        ),
                    ),
                    ("$ref", Value::String(r)) => {
                        let r = match r.rsplit_once('/') {
                            Some((head, name)) => format!("{head}/{}", plain(name)),
                            None => r,
                        };
                        (k, Value::String(r))
                    }
                    (_, v) => (k, for_editors(v)),
                })
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(for_editors).collect()),
        other => other,
    }
}

/// The rubric schema with no key required and no least count: keys and types
/// only, what a rubric that extends another is checked against on its own.
fn relaxed_schema() -> serde_json::Value {
    use serde_json::Value;
    // Required keys and least counts apply to whole rubrics only: a rubric that
    // extends another names just what changes. Nested shapes therefore require
    // nothing (`rubric validate` still does), and the top-level requirements sit
    // under `else`, beside `if: extends` — an arrangement editors still complete.
    fn relaxed(v: &Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.iter()
                    .filter(|(k, _)| !matches!(k.as_str(), "required" | "minItems"))
                    .map(|(k, v)| (k.clone(), relaxed(v)))
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.iter().map(relaxed).collect()),
            other => other.clone(),
        }
    }
    relaxed(&strict_schema())
}

/// The schema exactly as generated from the rubric types, every requirement in
/// place: what the loader checks a broken whole rubric against.
pub(crate) fn strict_schema() -> serde_json::Value {
    crate::schema::rubric()
}

/// Parse and validate rubric text that may `extends` another rubric, found
/// through `resolve`. The child's own problems (and a base's, in the base)
/// have positions; those of the merged document name both files, without.
pub fn parse_extending(text: &str, file: &str, resolve: &extend::Resolve) -> Result<Rubric, Problems> {
    // Most rubrics extend nothing: those are read with their positions, as ever.
    if !text.contains(extend::EXTENDS) {
        return parse(text, file);
    }
    let problems = |file: String, problems: Vec<Problem>| Problems {
        file,
        what: "rubric",
        problems,
    };
    // Not YAML at all: the ordinary parse reports it.
    let Ok(tree) = crate::yaml::parse_tree(text) else {
        return parse(text, file);
    };
    let doc = tree.value.to_json();
    if doc.get(extend::EXTENDS).is_none() {
        return parse(text, file);
    }
    // The file's own mistakes first, each at its line:col; a base that cannot
    // be found or read does not hide them.
    let mut own = own_problems(&tree, &doc);
    let mut chain = Vec::new();
    let merged = match extend::merged(doc, file, resolve, &mut chain) {
        Ok(merged) if own.is_empty() => merged,
        Ok(_) => return Err(problems(file.to_string(), sorted(own))),
        // A base with problems of its own: those, in that file; beside this
        // file's own, one line that points there.
        Err(extend::Failed::Base(base)) if own.is_empty() => {
            return Err(Problems {
                what: "base rubric",
                ..base
            });
        }
        Err(extend::Failed::Base(base)) => {
            let n = base.problems.len();
            own.push(
                Problem::new(
                    extend::EXTENDS,
                    format!(
                        "the base {} has {} of its own; `levelup rubric validate` on it lists {}",
                        base.file,
                        if n == 1 {
                            "a problem".to_string()
                        } else {
                            format!("{n} problems")
                        },
                        if n == 1 { "it" } else { "them" }
                    ),
                )
                .at(structure::locate(&tree, extend::EXTENDS)),
            );
            return Err(problems(file.to_string(), sorted(own)));
        }
        Err(extend::Failed::Here(p)) => {
            let at = structure::locate(&tree, &p.path);
            own.push(Problem { at: p.at.or(at), ..p });
            return Err(problems(file.to_string(), sorted(own)));
        }
    };
    let shown = format!("{file} (with the rubrics it extends: {})", chain[1..].join(", "));
    let shown = if chain.len() > 1 { shown } else { file.to_string() };
    let raw: raw::RawRubric = match serde_json::from_value(merged.clone()) {
        Ok(raw) => raw,
        // Every structural problem of the merged rubric, without positions.
        Err(e) => {
            let tree = crate::yaml::Node::from_json(&merged);
            return Err(problems(
                shown,
                every_problem_of(&tree, Problem::new("", e.to_string())),
            ));
        }
    };
    validate::validate(raw).map_err(|found| {
        // A question the base's pitfalls ask about may have gone with a removed dimension.
        let found = found
            .into_iter()
            .map(|mut p| {
                if p.path.starts_with("pitfalls[") && p.message.starts_with("unknown question") {
                    p.message.push_str(
                        " (a pitfall of the rubric this one extends asks about it; if you removed its dimension, give your own `pitfalls:` list without it)",
                    );
                }
                p
            })
            .collect();
        problems(shown, found)
    })
}

/// What is wrong with a rubric that extends another, seen on its own: unknown
/// keys and wrong types (nothing is required but its own `id`), and a level or
/// dimension id given twice — each at its line:col.
pub(crate) fn own_problems(tree: &crate::yaml::Spanned<crate::yaml::Node>, doc: &serde_json::Value) -> Vec<Problem> {
    let mut found = structure::check(tree, &relaxed_schema()).problems;
    if doc.get("id").is_none() {
        found.push(
            Problem::new(
                "id",
                "a rubric that extends another needs an id of its own (its saved runs are filed under it)",
            )
            .at(structure::locate(tree, "id")),
        );
    }
    for (key, what) in [("levels", "level"), ("dimensions", "dimension")] {
        let Some(entries) = doc.get(key).and_then(serde_json::Value::as_array) else {
            continue;
        };
        let mut seen = std::collections::HashSet::new();
        for (i, entry) in entries.iter().enumerate() {
            if entry.is_object() && entry.get("id").is_none() {
                let path = format!("{key}[{i}]");
                let at = structure::locate(tree, &path);
                found.push(
                    Problem::new(
                        path,
                        format!("a {what} of a rubric that extends another needs an id: it names the {what} to change, remove or add"),
                    )
                    .at(at),
                );
            }
            if let Some(id) = entry.get("id").and_then(serde_json::Value::as_str)
                && !seen.insert(id)
            {
                let path = format!("{key}[{i}].id");
                let at = structure::locate(tree, &path);
                found.push(Problem::new(path, format!("duplicate {what} id '{id}'")).at(at));
            }
        }
    }
    found
}

/// Problems in file order; those without a position last.
pub(crate) fn sorted(mut found: Vec<Problem>) -> Vec<Problem> {
    found.sort_by_key(|p| p.at.unwrap_or((u64::MAX, 0)));
    found
}

/// Parse and validate rubric text. `file` names it in messages.
pub fn parse(text: &str, file: &str) -> Result<Rubric, Problems> {
    let problems = |problems: Vec<Problem>| Problems {
        file: file.to_string(),
        what: "rubric",
        problems,
    };
    if text.trim().is_empty() {
        return Err(problems(vec![Problem::new("", "the file is empty")]));
    }
    // The file is read once, as a tree with positions, and checked against the
    // rubric's schema before it becomes typed values: the YAML parser is then
    // instantiated for one tree type, not for every rubric type (a third of the
    // binary), and every structural problem is found in the same pass.
    let tree = crate::yaml::parse_tree(text).map_err(|first| problems(vec![first]))?;
    let checked = structure::check(&tree, &strict_schema());
    if let Some(first) = checked.problems.first() {
        return Err(problems(every_problem_of(&tree, first.clone())));
    }
    let Some(value) = checked.repaired else {
        return Err(problems(vec![Problem::new("", "the rubric is not a mapping of keys")]));
    };
    match serde_json::from_value::<raw::RawRubric>(value) {
        Ok(raw) => validate::validate(raw).map_err(|found| problems(placed(&tree, found))),
        // The schema let through what the types refuse: rare, and without a position.
        Err(err) => Err(problems(vec![Problem::new("", err.to_string())])),
    }
}

/// Every problem at the position of its key path (the value itself, or the
/// nearest enclosing one for a key that is absent), where that is more
/// precise than what the typed values knew (the entry's id, or nothing for
/// `scoring.*`); then in file order.
fn placed(tree: &crate::yaml::Spanned<crate::yaml::Node>, found: Vec<Problem>) -> Vec<Problem> {
    let mut found = capped(found);
    for p in &mut found {
        p.at = p.at.max(structure::locate(tree, &p.path));
    }
    found.sort_by_key(|p| p.at.unwrap_or((u64::MAX, 0)));
    found
}

/// At most this many problems are listed (and placed): past it, the file
/// is broken in a way that more lines would not help with.
const MOST_PROBLEMS: usize = 200;

/// The first [`MOST_PROBLEMS`], and a line saying how many more there are.
fn capped(mut found: Vec<Problem>) -> Vec<Problem> {
    if found.len() > MOST_PROBLEMS {
        let more = found.len() - MOST_PROBLEMS;
        found.truncate(MOST_PROBLEMS);
        found.push(Problem::new("", format!("and {more} more problems, not listed")));
    }
    found
}

/// Every structural problem of a tree (or `first`, when it has none), then
/// the semantic problems of what stands once they are set aside.
fn every_problem_of(tree: &crate::yaml::Spanned<crate::yaml::Node>, first: Problem) -> Vec<Problem> {
    let checked = structure::check(tree, &strict_schema());
    let found = checked.problems.clone();
    if found.is_empty() {
        return vec![first];
    }
    let mut found = capped(found);
    // Validate what stands once the structural mistakes are set aside.
    if let Some(raw) = checked
        .repaired
        .clone()
        .and_then(|v| serde_json::from_value::<raw::RawRubric>(v).ok())
        && let Err(more) = validate::validate(raw)
    {
        // A problem of an entry that only follows from a structural mistake inside
        // it (a value of the wrong type set aside) is that mistake's echo: skip it.
        let inside = |outer: &str| {
            // Either one holds the other: the same entry, or the same field.
            let within = |a: &str, b: &str| {
                a == b || (a.len() > b.len() && a.starts_with(b) && a[b.len()..].starts_with(['.', '[']))
            };
            found.iter().any(|s| within(&s.path, outer) || within(outer, &s.path))
        };
        let more: Vec<Problem> = more
            .into_iter()
            .map(|mut p| {
                p.path = checked.original_path(&p.path);
                p
            })
            .filter(|p| !inside(&p.path))
            .collect();
        found.extend(more.into_iter().map(|mut p| {
            p.at = p.at.max(structure::locate(tree, &p.path));
            p
        }));
    }
    // In file order; problems without a position last.
    found.sort_by_key(|p| p.at.unwrap_or((u64::MAX, 0)));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_code_is_generated_from_the_shipped_yaml() {
        for b in BUILTIN {
            let from_yaml = parse(b.yaml, b.id).unwrap_or_else(|e| panic!("{e}"));
            let file = format!("src/rubric/builtin_{}.rs", b.id.replace('-', "_"));
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(&file);
            let bless =
                std::env::var("LEVELUP_BLESS").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false" | "no" | "off"));
            // The generated code must build exactly the rubric the YAML describes
            // (when blessing, the code is about to be rewritten from it)...
            if !bless {
                assert_eq!(format!("{from_yaml:?}"), format!("{:?}", (b.build)()), "{}", b.id);
            }
            // ...and be what the generator writes today, formatted by rustfmt. Without
            // rustfmt (rustup's minimal profile) that comparison is skipped, with a note.
            let Some(generated) = codegen::rust_source(&from_yaml, &format!("rubric/{}.yaml", b.id)) else {
                let required = std::env::var("LEVELUP_REQUIRE_TOOLS")
                    .is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false" | "no" | "off"));
                assert!(
                    !required,
                    "LEVELUP_REQUIRE_TOOLS is on but rustfmt is missing: rustup component add rustfmt"
                );
                let _ = std::io::Write::write_all(
                    &mut std::io::stderr(),
                    b"test skipped in part: no rustfmt to check src/rubric/builtin_*.rs is up to date; to run it: rustup component add rustfmt\n",
                );
                continue;
            };
            if bless {
                std::fs::write(&path, &generated).unwrap();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == generated,
                "{file} is out of date with rubric/{}.yaml: run `LEVELUP_BLESS=1 cargo test builtin_code` and review the diff",
                b.id
            );
        }
    }

    #[test]
    fn agreement_ids_round_trip_and_order() {
        for a in Agreement::ALL {
            assert_eq!(Agreement::from_id(a.id()), Some(a));
        }
        assert_eq!(Agreement::StronglyDisagree.fraction(), 0.0);
        assert_eq!(Agreement::StronglyAgree.fraction(), 1.0);
        assert!(Agreement::Agree > Agreement::Neutral);
    }
}
