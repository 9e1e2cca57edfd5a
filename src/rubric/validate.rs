//! Raw rubric → checked [`Rubric`], collecting every problem in one pass so a
//! rubric author sees all their mistakes at once.

use super::raw::*;
use super::*;
use crate::error::one_of;
use crate::yaml::{Spanned, location};
use std::mem::take;

const MIN_LEVELS: usize = 2;
/// Real ladders run to 15 bands and more (points ladders with sub-levels).
const MAX_LEVELS: usize = 20;
/// Most points one answer can earn, and most a level's threshold or minimum
/// can ask: bounded so that no total overflows.
const MAX_POINTS: f64 = 1_000_000.0;
/// Largest weight (dimensions, questions, items).
const MAX_WEIGHT: f64 = 1000.0;
/// Smallest weight: far above where sums of weights lose their digits.
const MIN_WEIGHT: f64 = 0.001;
/// Longest id: ids end up in file names (`assess --save`).
const MAX_ID: usize = 64;
/// In format 2, `at: below` puts an answer below the first level or step.
const BELOW: &str = "below";
const DEFAULT_REACH: f64 = 0.8;
const DEFAULT_BORDERLINE: f64 = 0.1;

/// A key path, built only when there is a problem to report: formatting every
/// path eagerly cost more than the rest of validation.
trait KeyPath {
    fn key_path(self) -> String;
}

impl KeyPath for &str {
    fn key_path(self) -> String {
        self.to_string()
    }
}

impl<F: FnOnce() -> String> KeyPath for F {
    fn key_path(self) -> String {
        self()
    }
}

struct Checker {
    problems: Vec<Problem>,
    format: u8,
    levels: Vec<String>,
    /// The rubric scores by points: every answer must say what it earns.
    points_rule: bool,
    /// The current dimension's own step ids (empty: its scale is the levels).
    steps: Vec<String>,
    /// The current dimension is a signal: its answers need no position.
    signal: bool,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, at: Option<(u64, u64)>, msg: impl Into<String>) {
        self.problems.push(Problem::new(path, msg).at(at));
    }

    /// Highest position on the current dimension's scale.
    fn top(&self) -> f64 {
        let n = if self.steps.is_empty() {
            self.levels.len()
        } else {
            self.steps.len()
        };
        n.saturating_sub(1) as f64
    }

    /// Lowest position: the first level, or below it in format 2.
    fn bottom(&self) -> f64 {
        if self.format >= 2 { -1.0 } else { 0.0 }
    }

    /// A format-2 key used in a format-1 file.
    fn needs_format_2(&mut self, path: impl KeyPath, at: Option<(u64, u64)>, key: &str, set: bool) {
        if set && self.format < 2 {
            self.push(
                path.key_path(),
                at,
                format!("'{key}' needs rubric format 2: add `format: 2` at the top of the file"),
            );
        }
    }

    /// A step id of the current dimension (format 2 `step:`).
    fn step(&mut self, path: impl KeyPath, id: &Spanned<String>) -> f64 {
        if self.steps.is_empty() {
            self.push(
                path.key_path(),
                location(id),
                "'step' is for dimensions with their own steps; this one's scale is the levels: use 'at'",
            );
            return 0.0;
        }
        match self.steps.iter().position(|s| *s == id.value) {
            Some(i) => i as f64,
            None => {
                let msg = format!("unknown step '{}'; expected {}", id.value, one_of(&self.steps));
                self.push(path.key_path(), location(id), msg);
                0.0
            }
        }
    }

    /// Where an answer sits: `at` (a level id, `below` or a number) or `step`
    /// (format 2); neither is fine only under the points rule.
    fn answer_position(
        &mut self,
        path: &str,
        at: Option<(u64, u64)>,
        pos: Option<&Spanned<RawPos>>,
        step: Option<&Spanned<String>>,
    ) -> f64 {
        self.needs_format_2(
            || format!("{path}.step"),
            step.and_then(location),
            "step",
            step.is_some(),
        );
        match (pos, step) {
            (Some(_), Some(s)) => {
                self.push(format!("{path}.step"), location(s), "give 'at' or 'step', not both");
                0.0
            }
            (Some(p), None) => self.position(|| format!("{path}.at"), p),
            (None, Some(s)) => self.step(|| format!("{path}.step"), s),
            (None, None) if self.points_rule || self.signal => 0.0,
            (None, None) => {
                let msg = if self.steps.is_empty() {
                    format!(
                        "needs 'at': {} or a number from {} to {}",
                        one_of(&self.levels),
                        self.bottom(),
                        self.top()
                    )
                } else {
                    format!("needs 'step': {}", one_of(&self.steps))
                };
                self.push(path, at, msg);
                0.0
            }
        }
    }

    /// Ids are keys in answers files (YAML, TOML, JSON) and parts of file
    /// names: `[A-Za-z0-9][A-Za-z0-9._-]{0,63}` (`L4`, `IC3`, `scope.teams`).
    fn id(&mut self, path: impl KeyPath, id: &Spanned<String>) {
        let v = &id.value;
        let ok = v.len() <= MAX_ID
            && v.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && v.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c));
        if !ok {
            let shown: String = v.chars().take(MAX_ID + 1).collect();
            self.push(
                path.key_path(),
                location(id),
                format!(
                    "id '{shown}' must be 1 to {MAX_ID} letters, digits, '-', '_' or '.', starting with a letter or digit"
                ),
            );
        }
    }

    fn text(&mut self, path: impl KeyPath, at: Option<(u64, u64)>, text: &str) {
        if text.trim().is_empty() {
            self.push(path.key_path(), at, "must not be empty");
        }
    }

    fn unique<'a, P: KeyPath>(&mut self, what: &str, items: impl IntoIterator<Item = (P, &'a Spanned<String>)>) {
        // Id lists are short (tens): a scan beats hashing every id.
        let mut seen: Vec<&str> = Vec::new();
        for (path, id) in items {
            if seen.contains(&id.value.as_str()) {
                let msg = format!("duplicate {what} id '{}'", id.value);
                self.push(path.key_path(), location(id), msg);
            } else {
                seen.push(&id.value);
            }
        }
    }

    fn positive(&mut self, path: impl KeyPath, at: Option<(u64, u64)>, value: Option<f64>) -> f64 {
        match value {
            None => 1.0,
            // Bounded, so that no sum of weights times scores can overflow.
            Some(w) if w.is_finite() && (MIN_WEIGHT..=MAX_WEIGHT).contains(&w) => w,
            Some(w) => {
                self.push(
                    path.key_path(),
                    at,
                    format!("weight must be from {MIN_WEIGHT} to {MAX_WEIGHT}, found {w}"),
                );
                1.0
            }
        }
    }

    /// Resolve a level id, `below` or a number to a position on the current
    /// dimension's scale.
    fn position(&mut self, path: impl KeyPath, pos: &Spanned<RawPos>) -> f64 {
        match &pos.value {
            RawPos::Level(id) if id == BELOW && self.format >= 2 => -1.0,
            RawPos::Level(id) if id == BELOW => {
                let msg =
                    "'below' (below the first level) needs rubric format 2: add `format: 2` at the top of the file";
                self.push(path.key_path(), location(pos), msg);
                0.0
            }
            // A dimension with its own steps is placed on them: a step id is its position.
            RawPos::Level(id) if !self.steps.is_empty() => match self.steps.iter().position(|s| s == id) {
                Some(i) => i as f64,
                None => {
                    let msg = format!(
                        "unknown step '{id}': this dimension has its own steps; expected {}, below or a number from {} to {}",
                        one_of(&self.steps),
                        self.bottom(),
                        self.top()
                    );
                    self.push(path.key_path(), location(pos), msg);
                    0.0
                }
            },
            RawPos::Level(id) => match self.levels.iter().position(|l| l == id) {
                Some(i) => i as f64,
                None => {
                    let below = if self.format >= 2 { ", below" } else { "" };
                    let msg = format!(
                        "unknown level '{id}'; expected {}{below} or a number from {} to {}",
                        one_of(&self.levels),
                        self.bottom(),
                        self.top()
                    );
                    self.push(path.key_path(), location(pos), msg);
                    0.0
                }
            },
            RawPos::Number(n) if n.is_finite() && *n >= self.bottom() && *n <= self.top() => *n,
            RawPos::Number(n) => {
                let msg = format!(
                    "position {n} is off the scale; expected {} to {}",
                    self.bottom(),
                    self.top()
                );
                self.push(path.key_path(), location(pos), msg);
                0.0
            }
        }
    }

    /// `points:` must be there under the points rule, and only there.
    fn points(&mut self, path: impl KeyPath, at: Option<(u64, u64)>, value: Option<f64>) -> f64 {
        match (self.points_rule, value) {
            (true, Some(p)) if p.is_finite() && (0.0..=MAX_POINTS).contains(&p) => p,
            (true, Some(p)) => {
                self.push(
                    path.key_path(),
                    at,
                    format!("points must be from 0 to {MAX_POINTS}, found {p}"),
                );
                0.0
            }
            // A signal earns nothing: its answers need no points.
            (true, None) if self.signal => 0.0,
            (true, None) => {
                self.push(path.key_path(), at, "needs 'points': this rubric scores by points");
                0.0
            }
            (false, Some(_)) => {
                self.push(path.key_path(), at, "'points' is only used when scoring.rule is points");
                0.0
            }
            (false, None) => 0.0,
        }
    }

    fn level_ref(&mut self, path: impl KeyPath, id: &Spanned<String>) -> usize {
        match self.levels.iter().position(|l| *l == id.value) {
            Some(i) => i,
            None => {
                let msg = format!("unknown level '{}'; expected {}", id.value, one_of(&self.levels));
                self.push(path.key_path(), location(id), msg);
                0
            }
        }
    }
}

pub fn validate(mut raw: RawRubric) -> Result<Rubric, Vec<Problem>> {
    let (format, format_problem) = match raw.format {
        None | Some(1) => (1, None),
        Some(2) => (2, None),
        // Checked as the newest format, so that the rest is still looked at.
        Some(other) => (
            2,
            Some(Problem::new(
                "format",
                format!("unknown rubric format {other}; expected 1 or 2"),
            )),
        ),
    };
    let mut c = Checker {
        problems: Vec::new(),
        format,
        levels: raw.levels.iter().map(|l| l.id.value.clone()).collect(),
        points_rule: raw.scoring.rule == Some(RawRule::Points),
        steps: Vec::new(),
        signal: false,
    };
    c.problems.extend(format_problem);
    if let Some(base) = &raw.extends {
        // Bases are merged in by `rubric::parse_extending`; here it was not.
        c.push(
            "extends",
            None,
            format!("extends '{base}' was not looked up: load this rubric from a file"),
        );
    }
    c.id("id", &raw.id);
    c.text("version", None, &raw.version);
    c.text("title", None, &raw.title);

    // Levels
    let n = raw.levels.len();
    let max_levels = MAX_LEVELS;
    if !(MIN_LEVELS..=max_levels).contains(&n) {
        // Point at the first level (too few) or the first one too many.
        let at = raw
            .levels
            .get(max_levels)
            .or(raw.levels.first())
            .and_then(|l| location(&l.id));
        c.push(
            "levels",
            at,
            format!("a rubric needs {MIN_LEVELS} to {max_levels} levels, found {n}"),
        );
    }
    for (i, l) in raw.levels.iter().enumerate() {
        c.id(|| format!("levels[{i}].id"), &l.id);
        c.text(|| format!("levels[{i}].title"), location(&l.id), &l.title);
        if format >= 2 && l.id.value == BELOW {
            let msg = "the level id 'below' is reserved for the place below the first level";
            c.push(format!("levels[{i}].id"), location(&l.id), msg);
        }
    }
    c.needs_format_2("below_first", None, "below_first", raw.below_first.is_some());
    let below_first = match &raw.below_first {
        Some(b) if !b.title.trim().is_empty() => b.title.clone(),
        Some(_) => {
            c.push("below_first.title", None, "must not be empty");
            String::new()
        }
        None => format!(
            "Below {}",
            raw.levels.first().map_or("the first level", |l| l.title.as_str())
        ),
    };
    c.unique(
        "level",
        raw.levels
            .iter()
            .enumerate()
            .map(|(i, l)| (move || format!("levels[{i}].id"), &l.id)),
    );
    let default_target = match &raw.default_target {
        Some(t) => c.level_ref("default_target", t),
        None => n.saturating_sub(1),
    };

    // Question ids are unique across dimensions and fit; checked before the
    // model is built, because building moves the strings out of `raw`.
    let level_questions = raw.dimensions.iter().enumerate().flat_map(|(di, d)| {
        d.questions
            .iter()
            .enumerate()
            .map(move |(qi, q)| (QuestionRef::Level(di, qi), &q.id))
    });
    let fit_questions = raw.fit.iter().flat_map(|f| {
        f.questions
            .iter()
            .enumerate()
            .map(|(fi, q)| (QuestionRef::Fit(fi), &q.id))
    });
    c.unique(
        "question",
        level_questions.chain(fit_questions).map(|(at, id)| {
            let path = move || match at {
                QuestionRef::Level(d, q) => format!("dimensions[{d}].questions[{q}].id"),
                QuestionRef::Fit(f) => format!("fit.questions[{f}].id"),
            };
            (path, id)
        }),
    );

    // Dimensions and their questions
    if raw.dimensions.is_empty() {
        c.push("dimensions", None, "a rubric needs at least one dimension");
    }
    c.unique(
        "dimension",
        raw.dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| (move || format!("dimensions[{i}].id"), &d.id)),
    );
    let mut dimensions = Vec::new();
    for (di, d) in raw.dimensions.iter_mut().enumerate() {
        let path = format!("dimensions[{di}]");
        let at = location(&d.id);
        c.id(|| format!("{path}.id"), &d.id);
        c.text(|| format!("{path}.title"), at, &d.title);
        let weight = c.positive(|| format!("{path}.weight"), at, d.weight);
        if d.remove.is_some() {
            // A removal that found its dimension was taken out while merging.
            let msg = format!(
                "'remove' drops a dimension of a rubric this one extends, and this one extends none: delete dimension '{}' here instead",
                d.id.value
            );
            c.push(format!("{path}.remove"), at, msg);
        }
        let signal = d.signal == Some(true);
        c.needs_format_2(|| format!("{path}.signal"), at, "signal", d.signal.is_some());
        if signal && (d.steps.is_some() || d.expects.is_some() || d.from.is_some()) {
            let msg = "a signal dimension is not scored, so no level expects it: remove 'steps', 'expects' and 'from', or 'signal'";
            c.push(format!("{path}.signal"), at, msg);
        }
        let steps = dimension_steps(&mut c, &path, at, d);
        let mut expects = expectations(&mut c, &path, at, d, &steps);
        if signal {
            expects = vec![None; expects.len()];
        }
        c.signal = signal;
        let mut descriptions = Vec::new();
        for (li, level) in raw.levels.iter().enumerate() {
            // A level that does not expect the dimension, or whose expected
            // step describes itself, needs no description of its own.
            let described_by_step = expects[li]
                .and_then(|k| steps.get(k))
                .is_some_and(|s| !s.description.is_empty());
            let needed = format == 1 || (expects[li].is_some() && !described_by_step);
            match d.levels.get_mut(&level.id.value) {
                Some(text) if !text.value.trim().is_empty() => descriptions.push(take(&mut text.value)),
                _ if !needed => descriptions.push(String::new()),
                _ => {
                    c.push(
                        format!("{path}.levels.{}", level.id.value),
                        at,
                        format!(
                            "dimension '{}' has no description for level '{}'",
                            d.id.value, level.id.value
                        ),
                    );
                    descriptions.push(String::new());
                }
            }
        }
        for (key, text) in &d.levels {
            if !c.levels.contains(key) {
                let msg = format!("unknown level '{key}'; expected {}", one_of(&c.levels));
                c.push(format!("{path}.levels.{key}"), location(text), msg);
            }
        }
        if d.questions.is_empty() {
            c.push(
                format!("{path}.questions"),
                at,
                format!("dimension '{}' has no questions", d.id.value),
            );
        }
        if d.actions.is_empty() && !signal {
            c.push(
                format!("{path}.actions"),
                at,
                format!("dimension '{}' has no recommended actions", d.id.value),
            );
        }
        let mut questions = Vec::new();
        for (qi, q) in d.questions.iter_mut().enumerate() {
            questions.push(question(&mut c, &format!("{path}.questions[{qi}]"), q));
        }
        c.steps.clear();
        c.signal = false;
        dimensions.push(Dimension {
            id: d.id.value.clone(),
            title: take(&mut d.title),
            summary: take(&mut d.summary),
            weight,
            category: None,
            descriptions,
            steps,
            expects,
            signal,
            questions,
            // Conditions need the question index: filled in once it is built.
            actions: d
                .actions
                .iter_mut()
                .enumerate()
                .map(|(ai, a)| {
                    c.text(|| format!("{path}.actions[{ai}]"), at, &a.text);
                    Action {
                        text: take(&mut a.text),
                        unless: None,
                    }
                })
                .collect(),
        });
    }
    if format >= 2 && !c.points_rule {
        for (li, level) in raw.levels.iter().enumerate() {
            if !dimensions.is_empty() && dimensions.iter().all(|d| d.expects[li].is_none()) {
                let msg = format!(
                    "no dimension is expected at level '{}': it could never be met (check the dimensions' 'from' and 'expects')",
                    level.id.value
                );
                c.push(format!("levels[{li}]"), location(&level.id), msg);
            }
        }
    }

    // Fit
    let fit = raw.fit.as_mut().map(|f| {
        if f.questions.is_empty() {
            c.push(
                "fit.questions",
                None,
                "fit needs at least one question (or leave fit out)",
            );
        }
        let questions = f
            .questions
            .iter_mut()
            .enumerate()
            .map(|(fi, q)| {
                let path = &format!("fit.questions[{fi}]");
                c.id(|| format!("{path}.id"), &q.id);
                c.text(|| format!("{path}.prompt"), location(&q.id), &q.prompt);
                if q.items.is_empty() {
                    c.push(format!("{path}.items"), location(&q.id), "needs at least one item");
                }
                c.unique(
                    "item",
                    q.items
                        .iter()
                        .enumerate()
                        .map(|(i, it)| (move || format!("{path}.items[{i}].id"), &it.id)),
                );
                FitQuestion {
                    id: take(&mut q.id.value),
                    prompt: take(&mut q.prompt),
                    items: q
                        .items
                        .iter_mut()
                        .map(|it| FitItem {
                            id: take(&mut it.id.value),
                            label: take(&mut it.label),
                            leans: it.leans,
                        })
                        .collect(),
                }
            })
            .collect();
        Fit {
            intro: take(&mut f.intro),
            note: take(&mut f.note),
            questions,
        }
    });

    // Scoring
    let reach = raw.scoring.reach.unwrap_or(DEFAULT_REACH);
    if !(reach > 0.0 && reach <= 1.0) {
        c.push(
            "scoring.reach",
            None,
            format!("must be above 0 and at most 1, found {reach}"),
        );
    }
    let borderline = raw.scoring.borderline.unwrap_or(DEFAULT_BORDERLINE);
    if !(0.0..0.5).contains(&borderline) {
        c.push(
            "scoring.borderline",
            None,
            format!("must be from 0 to below 0.5, found {borderline}"),
        );
    }
    let dims = raw.dimensions.len();
    let min_dims = raw
        .scoring
        .min_dimensions_at_level
        .map_or(dims.div_ceil(2), |m| m as usize);
    if min_dims > dims {
        c.push(
            "scoring.min_dimensions_at_level",
            None,
            format!("{min_dims} is more than the {dims} dimensions the rubric has"),
        );
    }
    let rule = scoring_rule(&mut c, &raw.scoring);
    c.needs_format_2("scoring.share", None, "share", raw.scoring.share.is_some());
    if raw.scoring.min_dimensions_at_level == Some(0) {
        c.push("scoring.min_dimensions_at_level", None, "must be at least 1");
    }
    if let Some(share) = raw.scoring.share
        && !(share > 0.0 && share <= 1.0)
    {
        c.push(
            "scoring.share",
            None,
            format!("must be above 0 and at most 1, found {share}"),
        );
    }
    let need = match (raw.scoring.min_dimensions_at_level, raw.scoring.share) {
        (Some(_), Some(_)) => {
            let msg = "give min_dimensions_at_level or share, not both";
            c.push("scoring.share", None, msg);
            Need::Share(1.0)
        }
        (Some(m), None) => Need::Count(m as usize),
        (None, Some(share)) => Need::Share(share),
        (None, None) if format >= 2 => Need::Share(1.0),
        (None, None) => Need::Count(min_dims),
    };
    let scoring = Scoring {
        rule,
        reach,
        min_dimensions_at_level: min_dims,
        need,
        borderline,
    };

    let levels = raw
        .levels
        .iter_mut()
        .map(|l| Level {
            id: take(&mut l.id.value),
            title: take(&mut l.title),
            summary: take(&mut l.summary),
        })
        .collect();
    let (categories, dimensions) = categorise(&mut c, &mut raw, dimensions);
    let mut rubric = Rubric {
        format,
        below_first,
        categories,
        id: take(&mut raw.id.value),
        version: take(&mut raw.version),
        title: take(&mut raw.title),
        description: take(&mut raw.description),
        levels,
        default_target,
        scoring,
        dimensions,
        fit,
        pitfalls: Vec::new(),
        compensation: None,
        index: BTreeMap::new(),
    };
    rubric.build_index();

    // Actions' conditions need the question index too (by dimension id:
    // categories may have reordered the dimensions).
    for (di, d) in raw.dimensions.iter().enumerate() {
        let Some(built) = rubric.dimensions.iter().position(|b| b.id == d.id.value) else {
            continue;
        };
        for (ai, a) in d.actions.iter().enumerate() {
            if let Some(raw) = &a.unless {
                let path = format!("dimensions[{di}].actions[{ai}].unless");
                let when = condition(&mut c, &rubric, &path, raw);
                rubric.dimensions[built].actions[ai].unless = Some(when);
            }
        }
    }

    // Pitfalls need the question index, so they come after it is built.
    c.unique(
        "pitfall",
        raw.pitfalls
            .iter()
            .enumerate()
            .map(|(i, p)| (move || format!("pitfalls[{i}].id"), &p.id)),
    );
    rubric.pitfalls = raw
        .pitfalls
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let path = format!("pitfalls[{i}]");
            c.id(|| format!("{path}.id"), &p.id);
            c.text(|| format!("{path}.title"), location(&p.id), &p.title);
            c.text(|| format!("{path}.message"), location(&p.id), &p.message);
            Pitfall {
                id: p.id.value.clone(),
                title: p.title.clone(),
                message: p.message.clone(),
                when: condition(&mut c, &rubric, &format!("{path}.when"), &p.when),
            }
        })
        .collect();

    rubric.compensation = raw.compensation.as_ref().map(|comp| Compensation {
        year: comp.year,
        market: comp.market.clone(),
        currency: comp.currency.clone(),
        note: comp.note.clone(),
        levels: comp
            .levels
            .iter()
            .enumerate()
            .map(|(i, pay)| {
                let path = format!("compensation.levels[{i}]");
                let level = c.level_ref(|| format!("{path}.level"), &pay.level);
                for (name, r) in [("base", pay.base), ("total", pay.total)] {
                    if !(r.min >= 0.0 && r.min <= r.max) {
                        c.push(
                            format!("{path}.{name}"),
                            location(&pay.level),
                            format!("min must be at least 0 and at most max, found {} to {}", r.min, r.max),
                        );
                    }
                }
                let range = |r: RawRange| Range {
                    min: r.min,
                    max: r.max,
                    open_ended: r.open_ended,
                };
                Pay {
                    level,
                    base: range(pay.base),
                    total: range(pay.total),
                }
            })
            .collect(),
    });

    if c.problems.is_empty() {
        Ok(rubric)
    } else {
        // A repeated level id makes its level's checks run twice: say each thing once.
        let mut seen = std::collections::HashSet::new();
        c.problems.retain(|p| seen.insert((p.path.clone(), p.message.clone())));
        Err(c.problems)
    }
}

/// A scale's own answers (format 2 `labels`): 2 to 7, unique ids; empty
/// for the five-step agreement scale.
fn scale_labels(c: &mut Checker, path: &str, at: Option<(u64, u64)>, raw: Option<Vec<RawLabel>>) -> Vec<ScaleLabel> {
    let Some(raw) = raw else {
        return Vec::new();
    };
    c.needs_format_2(|| format!("{path}.labels"), at, "labels", true);
    if !(2..=7).contains(&raw.len()) {
        c.push(
            format!("{path}.labels"),
            at,
            format!("a scale needs 2 to 7 labels, found {}", raw.len()),
        );
    }
    let labels: Vec<ScaleLabel> = raw
        .into_iter()
        .map(|l| match l {
            RawLabel::Id(id) => ScaleLabel { title: id.clone(), id },
            RawLabel::Number(n) => {
                let id = if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", n as i64)
                } else {
                    n.to_string()
                };
                ScaleLabel { title: id.clone(), id }
            }
            RawLabel::Titled { id, title } => ScaleLabel { id, title },
        })
        .collect();
    let mut seen: Vec<&str> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        let ok = l.id.chars().next().is_some_and(|ch| ch.is_ascii_alphanumeric())
            && l.id.len() <= MAX_ID
            && l.id.chars().all(|ch| ch.is_ascii_alphanumeric() || "-_.".contains(ch));
        if !ok {
            let msg = format!(
                "label id '{}' must be 1 to {MAX_ID} letters, digits, '-', '_' or '.', starting with a letter or digit",
                l.id
            );
            c.push(format!("{path}.labels[{i}]"), at, msg);
        }
        if l.title.trim().is_empty() {
            c.push(format!("{path}.labels[{i}].title"), at, "must not be empty");
        }
        if seen.contains(&l.id.as_str()) {
            c.push(
                format!("{path}.labels[{i}]"),
                at,
                format!("duplicate label id '{}'", l.id),
            );
        }
        seen.push(&l.id);
    }
    labels
}

/// Format 2 categories: resolve each dimension's `category`, group the
/// dimensions in category order, and split weighted categories' weight
/// among their dimensions in proportion to the dimensions' own weights.
fn categorise(c: &mut Checker, raw: &mut RawRubric, mut dimensions: Vec<Dimension>) -> (Vec<Category>, Vec<Dimension>) {
    c.needs_format_2("categories", None, "categories", raw.categories.is_some());
    let raw_categories = raw.categories.take().unwrap_or_default();
    c.unique(
        "category",
        raw_categories
            .iter()
            .enumerate()
            .map(|(i, cat)| (move || format!("categories[{i}].id"), &cat.id)),
    );
    let ids: Vec<String> = raw_categories.iter().map(|cat| cat.id.value.clone()).collect();
    let categories: Vec<Category> = raw_categories
        .into_iter()
        .enumerate()
        .map(|(i, cat)| {
            c.id(|| format!("categories[{i}].id"), &cat.id);
            c.text(|| format!("categories[{i}].title"), location(&cat.id), &cat.title);
            let weight = cat
                .weight
                .map(|w| c.positive(|| format!("categories[{i}].weight"), location(&cat.id), Some(w)));
            Category {
                id: cat.id.value,
                title: cat.title,
                weight,
            }
        })
        .collect();
    for (di, (d, raw_d)) in dimensions.iter_mut().zip(&raw.dimensions).enumerate() {
        c.needs_format_2(
            || format!("dimensions[{di}].category"),
            raw_d.category.as_ref().and_then(location),
            "category",
            raw_d.category.is_some(),
        );
        d.category = match &raw_d.category {
            None if !categories.is_empty() => {
                let msg = format!("dimension '{}' needs a category: {}", d.id, one_of(&ids));
                c.push(format!("dimensions[{di}].category"), location(&raw_d.id), msg);
                None
            }
            None => None,
            Some(id) => match ids.iter().position(|i| *i == id.value) {
                Some(k) => Some(k),
                None => {
                    let msg = format!("unknown category '{}'; expected {}", id.value, one_of(&ids));
                    c.push(format!("dimensions[{di}].category"), location(id), msg);
                    None
                }
            },
        };
    }
    let weighted = categories.iter().filter(|cat| cat.weight.is_some()).count();
    if weighted > 0 && weighted < categories.len() {
        c.push("categories", None, "give every category a weight, or none");
    }
    if weighted == categories.len() && weighted > 0 {
        for (k, cat) in categories.iter().enumerate() {
            let members: f64 = dimensions
                .iter()
                .filter(|d| d.category == Some(k))
                .map(|d| d.weight)
                .sum();
            if members == 0.0 {
                let msg = format!("category '{}' has no dimensions", cat.id);
                c.push("categories", None, msg);
                continue;
            }
            let share = cat.weight.unwrap_or(1.0);
            for d in dimensions.iter_mut().filter(|d| d.category == Some(k)) {
                d.weight = share * d.weight / members;
            }
        }
    }
    // Grouped in category order; within a category, the file's order.
    dimensions.sort_by_key(|d| d.category.unwrap_or(usize::MAX));
    (categories, dimensions)
}

/// A dimension's own steps (format 2), which also become the scale its
/// answers are checked against (`c.steps`).
fn dimension_steps(c: &mut Checker, path: &str, at: Option<(u64, u64)>, d: &mut RawDimension) -> Vec<Step> {
    c.needs_format_2(|| format!("{path}.steps"), at, "steps", d.steps.is_some());
    c.needs_format_2(|| format!("{path}.expects"), at, "expects", d.expects.is_some());
    c.needs_format_2(
        || format!("{path}.from"),
        d.from.as_ref().and_then(location),
        "from",
        d.from.is_some(),
    );
    let Some(raw) = d.steps.as_mut() else {
        return Vec::new();
    };
    if raw.len() < 2 {
        c.push(
            format!("{path}.steps"),
            at,
            "a dimension's steps need at least 2 entries",
        );
    }
    c.unique(
        "step",
        raw.iter()
            .enumerate()
            .map(|(i, st)| (move || format!("{path}.steps[{i}].id"), &st.id)),
    );
    let steps: Vec<Step> = raw
        .iter_mut()
        .enumerate()
        .map(|(i, st)| {
            c.id(|| format!("{path}.steps[{i}].id"), &st.id);
            c.text(|| format!("{path}.steps[{i}].title"), location(&st.id), &st.title);
            Step {
                id: st.id.value.clone(),
                title: take(&mut st.title),
                description: take(&mut st.description),
            }
        })
        .collect();
    c.steps = steps.iter().map(|s| s.id.clone()).collect();
    steps
}

/// The step each level expects of a dimension; `None` where it is not expected.
fn expectations(
    c: &mut Checker,
    path: &str,
    at: Option<(u64, u64)>,
    d: &RawDimension,
    steps: &[Step],
) -> Vec<Option<usize>> {
    let n = c.levels.len();
    let mut expects: Vec<Option<usize>> = (0..n).map(Some).collect();
    if let Some(map) = &d.expects {
        for (key, value) in map {
            if !c.levels.contains(key) {
                let msg = format!("unknown level '{key}'; expected {}", one_of(&c.levels));
                c.push(format!("{path}.expects.{key}"), location(value), msg);
            }
        }
        let scale: Vec<String> = if steps.is_empty() {
            c.levels.clone()
        } else {
            c.steps.clone()
        };
        let mut previous: Option<usize> = None;
        for (li, level) in c.levels.clone().iter().enumerate() {
            match map.get(level) {
                Some(value) => match scale.iter().position(|s| *s == value.value) {
                    Some(k) => {
                        previous = Some(k);
                        expects[li] = Some(k);
                    }
                    None => {
                        let what = if steps.is_empty() { "level" } else { "step" };
                        let msg = format!("unknown {what} '{}'; expected {}", value.value, one_of(&scale));
                        c.push(format!("{path}.expects.{level}"), location(value), msg);
                    }
                },
                // With steps: a level left out takes the previous listed level's
                // step; before the first listed one, nothing is expected.
                None if !steps.is_empty() => expects[li] = previous,
                // On the level scale each level expects its own step unless listed.
                None => {}
            }
        }
    } else if !steps.is_empty() {
        let msg = format!(
            "a dimension with steps needs 'expects': the step each level expects, by level id ({})",
            one_of(&c.levels)
        );
        c.push(format!("{path}.expects"), at, msg);
        expects = vec![None; n];
    }
    if let Some(from) = &d.from {
        let first = c.level_ref(|| format!("{path}.from"), from);
        for e in expects.iter_mut().take(first) {
            *e = None;
        }
    }
    expects
}

/// The estimate rule, with the points rule's thresholds in level order.
fn scoring_rule(c: &mut Checker, raw: &RawScoring) -> Rule {
    let per_level = |c: &mut Checker, key: &str, map: &BTreeMap<String, f64>| {
        let unknown: Vec<&String> = map.keys().filter(|k| !c.levels.contains(k)).collect();
        for k in unknown {
            let msg = format!("unknown level '{k}'; expected {}", one_of(&c.levels));
            c.push(format!("scoring.{key}.{k}"), None, msg);
        }
        for (k, v) in map {
            // A threshold can ask for the points of many answers: a thousand at the most.
            if !(v.is_finite() && *v >= 0.0 && *v <= MAX_POINTS * 1000.0) {
                c.push(
                    format!("scoring.{key}.{k}"),
                    None,
                    format!("must be from 0 to {}, found {v}", MAX_POINTS * 1000.0),
                );
            }
        }
    };
    if !c.points_rule {
        for (key, set) in [
            ("thresholds", raw.thresholds.is_some()),
            ("min_dimension_points", raw.min_dimension_points.is_some()),
        ] {
            if set {
                c.push(
                    format!("scoring.{key}"),
                    None,
                    format!("'{key}' is only used when scoring.rule is points"),
                );
            }
        }
        return Rule::WeightedMean;
    }
    let empty = BTreeMap::new();
    let given = raw.thresholds.as_ref().unwrap_or(&empty);
    per_level(c, "thresholds", given);
    let mut thresholds = Vec::new();
    for level in c.levels.clone() {
        match given.get(&level) {
            Some(t) => {
                if let Some(prev) = thresholds.last().filter(|p| *t <= **p) {
                    let msg = format!("thresholds must rise with the level: {t} for '{level}' is not above {prev}");
                    c.push(format!("scoring.thresholds.{level}"), None, msg);
                }
                thresholds.push(*t);
            }
            None => {
                let msg = format!("the points rule needs a threshold for every level; '{level}' has none");
                c.push(format!("scoring.thresholds.{level}"), None, msg);
                thresholds.push(0.0);
            }
        }
    }
    let mins = raw.min_dimension_points.as_ref().unwrap_or(&empty);
    per_level(c, "min_dimension_points", mins);
    let min_dimension = c.levels.iter().map(|l| mins.get(l).copied()).collect();
    Rule::Points {
        thresholds,
        min_dimension,
    }
}

fn question(c: &mut Checker, path: &str, q: &mut RawQuestion) -> Question {
    let at = location(&q.id);
    c.id(|| format!("{path}.id"), &q.id);
    c.text(|| format!("{path}.prompt"), at, &q.prompt);
    let weight = c.positive(|| format!("{path}.weight"), at, q.weight);
    c.needs_format_2(|| format!("{path}.allow_na"), at, "allow_na", q.allow_na.is_some());
    c.needs_format_2(|| format!("{path}.meet"), at, "meet", q.meet.is_some());
    if q.meet.is_some() && q.kind != RawKind::Checklist {
        c.push(
            format!("{path}.meet"),
            at,
            "'meet' is only for checklist questions whose items carry 'level'",
        );
    }

    // Fields that belong to other kinds are mistakes, not silently ignored.
    let present = [
        ("choices", q.choices.is_some(), RawKind::Choice),
        ("items", q.items.is_some(), RawKind::Checklist),
        ("min", q.min.is_some(), RawKind::Number),
        ("max", q.max.is_some(), RawKind::Number),
        ("unit", q.unit.is_some(), RawKind::Number),
        ("bands", q.bands.is_some(), RawKind::Number),
        ("labels", q.labels.is_some(), RawKind::Scale),
    ];
    for (field, is_set, owner) in present {
        if is_set && owner != q.kind {
            c.push(
                format!("{path}.{field}"),
                at,
                format!(
                    "'{field}' is only for {} questions, this one is {}",
                    kind_name(owner),
                    kind_name(q.kind)
                ),
            );
        }
    }
    let scaled = matches!(q.kind, RawKind::Checklist | RawKind::Scale);
    if !scaled && (q.low.is_some() || q.high.is_some()) {
        c.push(
            format!("{path}.low"),
            at,
            "'low' and 'high' are only for checklist and scale questions",
        );
    }
    let low_high = |c: &mut Checker| {
        let low = q.low.as_ref().map_or(0.0, |p| c.position(|| format!("{path}.low"), p));
        let high = q
            .high
            .as_ref()
            .map_or(c.top(), |p| c.position(|| format!("{path}.high"), p));
        (low, high)
    };

    let kind = match q.kind {
        RawKind::Choice => {
            let choices = q.choices.take().unwrap_or_default();
            if choices.len() < 2 {
                c.push(
                    format!("{path}.choices"),
                    at,
                    "a choice question needs at least 2 choices",
                );
            }
            c.unique(
                "choice",
                choices
                    .iter()
                    .enumerate()
                    .map(|(i, ch)| (move || format!("{path}.choices[{i}].id"), &ch.id)),
            );
            Kind::Choice(
                choices
                    .into_iter()
                    .enumerate()
                    .map(|(i, ch)| {
                        let cpath = format!("{path}.choices[{i}]");
                        c.id(|| format!("{cpath}.id"), &ch.id);
                        c.text(|| format!("{cpath}.label"), location(&ch.id), &ch.label);
                        c.needs_format_2(
                            || format!("{cpath}.description"),
                            location(&ch.id),
                            "description",
                            ch.description.is_some(),
                        );
                        Choice {
                            position: c.answer_position(&cpath, location(&ch.id), ch.at.as_ref(), ch.step.as_ref()),
                            points: c.points(|| format!("{cpath}.points"), location(&ch.id), ch.points),
                            id: ch.id.value,
                            label: ch.label,
                            description: ch.description,
                        }
                    })
                    .collect(),
            )
        }
        RawKind::Checklist => {
            let items = q.items.take().unwrap_or_default();
            if items.is_empty() {
                c.push(format!("{path}.items"), at, "a checklist needs at least one item");
            }
            c.unique(
                "item",
                items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| (move || format!("{path}.items[{i}].id"), &it.id)),
            );
            let tagged = items.iter().filter(|it| it.level.is_some()).count();
            if tagged > 0 && tagged < items.len() {
                let msg = format!(
                    "{tagged} of {} items carry 'level': tag every item or none",
                    items.len()
                );
                c.push(format!("{path}.items"), at, msg);
            }
            let cumulative = tagged > 0;
            if cumulative && !c.steps.is_empty() {
                let msg = "items with 'level' need a dimension whose scale is the levels (no 'steps')";
                c.push(format!("{path}.items"), at, msg);
            }
            if cumulative && (q.low.is_some() || q.high.is_some()) {
                let msg = "a checklist whose items carry 'level' takes its position from the levels met: leave out 'low' and 'high'";
                c.push(format!("{path}.low"), at, msg);
            }
            let meet = match (cumulative, q.meet) {
                (false, Some(_)) => {
                    c.push(format!("{path}.meet"), at, "'meet' needs items that carry 'level'");
                    None
                }
                (false, None) => None,
                (true, Some(m)) if m > 0.0 && m <= 1.0 => Some(m),
                (true, Some(m)) => {
                    c.push(
                        format!("{path}.meet"),
                        at,
                        format!("must be above 0 and at most 1, found {m}"),
                    );
                    Some(1.0)
                }
                (true, None) => Some(1.0),
            };
            let items = items
                .into_iter()
                .enumerate()
                .map(|(i, it)| {
                    let ipath = format!("{path}.items[{i}]");
                    c.id(|| format!("{ipath}.id"), &it.id);
                    c.text(|| format!("{ipath}.label"), location(&it.id), &it.label);
                    c.needs_format_2(
                        || format!("{ipath}.level"),
                        location(&it.id),
                        "level",
                        it.level.is_some(),
                    );
                    c.needs_format_2(
                        || format!("{ipath}.description"),
                        location(&it.id),
                        "description",
                        it.description.is_some(),
                    );
                    Item {
                        level: it.level.as_ref().map(|l| c.level_ref(|| format!("{ipath}.level"), l)),
                        weight: c.positive(|| format!("{ipath}.weight"), location(&it.id), it.weight),
                        points: c.points(|| format!("{ipath}.points"), location(&it.id), it.points),
                        id: it.id.value,
                        label: it.label,
                        description: it.description,
                    }
                })
                .collect();
            let (low, high) = low_high(c);
            Kind::Checklist { items, low, high, meet }
        }
        RawKind::Scale => {
            let (low, high) = low_high(c);
            let labels = scale_labels(c, path, at, q.labels.take());
            let n = if labels.is_empty() {
                Agreement::ALL.len()
            } else {
                labels.len()
            };
            let points = match (c.points_rule, q.points.take()) {
                (true, Some(p))
                    if p.len() == n && p.iter().all(|x| x.is_finite() && (0.0..=MAX_POINTS).contains(x)) =>
                {
                    p
                }
                (true, _) => {
                    let msg = format!("needs 'points': {n} numbers of 0 or more, one per answer, lowest first");
                    c.push(format!("{path}.points"), at, msg);
                    vec![0.0; n]
                }
                (false, Some(_)) => {
                    c.push(
                        format!("{path}.points"),
                        at,
                        "'points' is only used when scoring.rule is points",
                    );
                    Vec::new()
                }
                (false, None) => Vec::new(),
            };
            Kind::Scale {
                low,
                high,
                points,
                labels,
            }
        }
        RawKind::Number => number(c, path, at, q),
    };
    Question {
        id: take(&mut q.id.value),
        prompt: take(&mut q.prompt),
        help: q.help.take(),
        weight,
        allow_na: q.allow_na.unwrap_or(false),
        kind,
    }
}

fn number(c: &mut Checker, path: &str, at: Option<(u64, u64)>, q: &mut RawQuestion) -> Kind {
    let raw_bands = q.bands.as_deref().unwrap_or_default();
    // `max` may be left out (or `.inf`): the last band's end, or open-ended.
    let last_to = raw_bands
        .last()
        .map_or(f64::INFINITY, |b| b.to.unwrap_or(f64::INFINITY));
    let (min, max) = match (q.min, q.max.or(Some(last_to))) {
        (Some(min), Some(max)) if min.is_finite() && !max.is_nan() && min < max => (min, max),
        (Some(min), Some(max)) if !min.is_finite() => {
            c.push(
                format!("{path}.min"),
                at,
                format!("min must be a finite number, found {min}"),
            );
            (0.0, max)
        }
        (Some(min), Some(max)) => {
            c.push(
                format!("{path}.max"),
                at,
                format!("max ({max}) must be above min ({min})"),
            );
            (min, max)
        }
        _ => {
            c.push(
                path,
                at,
                "a number question needs 'min' (and, unless its last band is open-ended, 'max')",
            );
            (0.0, 0.0)
        }
    };
    if raw_bands.is_empty() {
        c.push(format!("{path}.bands"), at, "a number question needs at least one band");
    }
    let mut bands = Vec::new();
    for (i, b) in raw_bands.iter().enumerate() {
        let bpath = format!("{path}.bands[{i}]");
        let bat =
            b.at.as_ref()
                .and_then(location)
                .or(b.step.as_ref().and_then(location))
                .or(at);
        let last = i + 1 == raw_bands.len();
        let to = match b.to {
            Some(to) => to,
            None if last => f64::INFINITY,
            None => {
                c.push(&bpath, bat, "only the last band may leave out 'to' (open-ended)");
                f64::INFINITY
            }
        };
        // `to: .inf` before the last band (a missing `to` is reported above).
        if to.is_infinite() && !last && b.to.is_some() {
            c.push(format!("{bpath}.to"), bat, "only the last band may be open-ended");
        }
        // Each problem sits at the key it is about, so its line:col is that key's.
        let (from_path, to_path) = (format!("{bpath}.from"), format!("{bpath}.to"));
        if !b.from.is_finite() || b.from >= to || to.is_nan() {
            c.push(
                &from_path,
                bat,
                format!("band 'from' ({}) must be a number below 'to' ({to})", b.from),
            );
        }
        c.text(|| format!("{bpath}.label"), bat, &b.label);
        if i == 0 && b.from != min {
            c.push(
                &from_path,
                bat,
                format!("the first band starts at {}, but the question's min is {min}", b.from),
            );
        }
        if last && to != max && q.min.is_some() {
            c.push(
                &to_path,
                bat,
                format!("the last band ends at {to}, but the question's max is {max}"),
            );
        }
        // After an open-ended band (reported above) there is nothing to compare with.
        let prev_to = raw_bands
            .get(i.wrapping_sub(1))
            .filter(|_| i > 0)
            .and_then(|p| p.to)
            .filter(|t| t.is_finite());
        if let Some(prev_to) = prev_to {
            if b.from < prev_to {
                c.push(
                    &from_path,
                    bat,
                    format!(
                        "bands overlap: this band starts at {} but the one before ends at {prev_to}",
                        b.from
                    ),
                );
            } else if b.from > prev_to {
                c.push(
                    &from_path,
                    bat,
                    format!("gap between bands: nothing covers {prev_to} to {}", b.from),
                );
            }
        }
        bands.push(Band {
            from: b.from,
            to,
            label: b.label.clone(),
            position: c.answer_position(&bpath, bat, b.at.as_ref(), b.step.as_ref()),
            points: c.points(|| format!("{bpath}.points"), bat, b.points),
        });
    }
    Kind::Number {
        min,
        max,
        unit: q.unit.take(),
        bands,
    }
}

fn kind_name(k: RawKind) -> &'static str {
    match k {
        RawKind::Choice => "choice",
        RawKind::Checklist => "checklist",
        RawKind::Number => "number",
        RawKind::Scale => "scale",
    }
}

fn condition(c: &mut Checker, rubric: &Rubric, path: &str, raw: &RawCondition) -> Condition {
    let tests = [
        raw.is_in.is_some(),
        raw.has.is_some(),
        raw.lacks.is_some(),
        raw.below.is_some(),
        raw.above.is_some(),
    ]
    .iter()
    .filter(|t| **t)
    .count();
    let forms = [raw.question.is_some(), raw.all.is_some(), raw.any.is_some()]
        .iter()
        .filter(|f| **f)
        .count();
    let at = raw.question.as_ref().and_then(location);
    if forms != 1 {
        c.push(
            path,
            at,
            "a condition needs exactly one of: question (with a test), all, any",
        );
        return Condition::All(Vec::new());
    }
    let list = |c: &mut Checker, key: &str, conds: &[RawCondition]| -> Vec<Condition> {
        if conds.is_empty() {
            c.push(format!("{path}.{key}"), None, "needs at least one condition");
        }
        conds
            .iter()
            .enumerate()
            .map(|(i, sub)| condition(c, rubric, &format!("{path}.{key}[{i}]"), sub))
            .collect()
    };
    if let Some(all) = &raw.all {
        return Condition::All(list(c, "all", all));
    }
    if let Some(any) = &raw.any {
        return Condition::Any(list(c, "any", any));
    }
    let Some(qid) = &raw.question else {
        return Condition::All(Vec::new());
    };
    if tests != 1 {
        c.push(
            path,
            at,
            "a question condition needs exactly one test: in, has, lacks, below or above",
        );
    }
    let qpath = format!("{path}.question");
    // What kinds of values this question takes, to check the test against.
    let (choice_ids, item_ids, is_number): (Vec<String>, Vec<String>, bool) = match rubric.find(&qid.value) {
        None => {
            let msg = format!("unknown question '{}'", qid.value);
            c.push(qpath, at, msg);
            return Condition::All(Vec::new());
        }
        Some(QuestionRef::Fit(f)) => (
            Vec::new(),
            rubric.fit_questions()[f].items.iter().map(|i| i.id.clone()).collect(),
            false,
        ),
        Some(QuestionRef::Level(d, q)) => match &rubric.dimensions[d].questions[q].kind {
            Kind::Choice(ch) => (ch.iter().map(|c| c.id.clone()).collect(), Vec::new(), false),
            Kind::Scale { labels, .. } if !labels.is_empty() => {
                (labels.iter().map(|l| l.id.clone()).collect(), Vec::new(), false)
            }
            Kind::Scale { .. } => (
                Agreement::ALL.iter().map(|a| a.id().to_string()).collect(),
                Vec::new(),
                false,
            ),
            Kind::Checklist { items, .. } => (Vec::new(), items.iter().map(|i| i.id.clone()).collect(), false),
            Kind::Number { .. } => (Vec::new(), Vec::new(), true),
        },
    };
    let question = qid.value.clone();
    let wrong = |c: &mut Checker, test: &str, fits: &str| {
        c.push(
            format!("{path}.{test}"),
            at,
            format!("'{test}' does not apply to question '{}'; use {fits}", qid.value),
        );
    };
    let fits = if is_number {
        "below or above"
    } else if item_ids.is_empty() {
        "in"
    } else {
        "has or lacks"
    };
    let test = if let Some(values) = &raw.is_in {
        if choice_ids.is_empty() {
            wrong(c, "in", fits);
        }
        for v in values {
            if !choice_ids.is_empty() && !choice_ids.contains(v) {
                let msg = format!(
                    "unknown choice '{v}' for '{}'; expected {}",
                    qid.value,
                    one_of(&choice_ids)
                );
                c.push(format!("{path}.in"), at, msg);
            }
        }
        Test::In(values.clone())
    } else if let Some(item) = raw.has.as_ref().or(raw.lacks.as_ref()) {
        let key = if raw.has.is_some() { "has" } else { "lacks" };
        if item_ids.is_empty() {
            wrong(c, key, fits);
        } else if !item_ids.contains(item) {
            let msg = format!(
                "unknown item '{item}' for '{}'; expected {}",
                qid.value,
                one_of(&item_ids)
            );
            c.push(format!("{path}.{key}"), at, msg);
        }
        if raw.has.is_some() {
            Test::Has(item.clone())
        } else {
            Test::Lacks(item.clone())
        }
    } else if let Some(x) = raw.below.or(raw.above) {
        let key = if raw.below.is_some() { "below" } else { "above" };
        if !is_number {
            wrong(c, key, fits);
        }
        if raw.below.is_some() {
            Test::Below(x)
        } else {
            Test::Above(x)
        }
    } else {
        Test::In(Vec::new())
    };
    Condition::Answer { question, test }
}

#[cfg(test)]
mod tests {
    use crate::rubric::parse;

    /// Fails with every problem listed when none contains `needle`.
    fn has(got: &[String], needle: &str) {
        assert!(got.iter().any(|g| g.contains(needle)), "no {needle:?} in {got:#?}");
    }

    fn problems(yaml: &str) -> Vec<String> {
        let err = parse(yaml, "t.yaml").expect_err("should be invalid");
        err.problems
            .iter()
            .map(|p| match p.at {
                Some((l, c)) => format!("{l}:{c} {}: {}", p.path, p.message),
                None => format!("{}: {}", p.path, p.message),
            })
            .collect()
    }

    const BROKEN: &str = r#"id: Bad Id
version: "1"
title: t
levels:
  - { id: a, title: A }
  - { id: a, title: A again }
default_target: z
dimensions:
  - id: d
    title: D
    weight: 0
    levels: { a: x, nope: y }
    questions:
      - id: d.q
        kind: choice
        prompt: p
        choices:
          - { id: c, label: C, at: missing }
      - id: d.n
        kind: number
        prompt: n
        min: 0
        max: 10
        bands:
          - { from: 0, to: 5, label: low, at: a }
          - { from: 4, to: 8, label: mid, at: 7 }
        choices: []
      - id: d.q
        kind: scale
        prompt: s
    actions: []
pitfalls:
  - id: p
    title: P
    message: m
    when: { question: d.nope, below: 3 }
"#;

    #[test]
    fn every_problem_is_reported_in_one_run() {
        let got = problems(BROKEN);
        let expect = [
            "1:5 id: id 'Bad Id' must be 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit",
            "6:11 levels[1].id: duplicate level id 'a'",
            "7:17 default_target: unknown level 'z'; expected a",
            "11:13 dimensions[0].weight: weight must be from 0.001 to 1000, found 0",
            "12:27 dimensions[0].levels.nope: unknown level 'nope'; expected a",
            "31:14 dimensions[0].actions: dimension 'd' has no recommended actions",
            "18:11 dimensions[0].questions[0].choices: a choice question needs at least 2 choices",
            "18:36 dimensions[0].questions[0].choices[0].at: unknown level 'missing'; expected a or a number from 0 to 1",
            "27:18 dimensions[0].questions[1].choices: 'choices' is only for choice questions, this one is number",
            "25:",
            "26:21 dimensions[0].questions[1].bands[1].from: bands overlap: this band starts at 4 but the one before ends at 5",
            "26:28 dimensions[0].questions[1].bands[1].to: the last band ends at 8, but the question's max is 10",
            "26:47 dimensions[0].questions[1].bands[1].at: position 7 is off the scale; expected 0 to 1",
            "28:13 dimensions[0].questions[2].id: duplicate question id 'd.q'",
            "36:23 pitfalls[0].when.question: unknown question 'd.nope'",
        ];
        for e in expect {
            // "the last band ends" must only be reported for the last band.
            if e == "25:" {
                assert!(
                    !got.iter()
                        .any(|g| g.starts_with("25:") && g.contains("the last band ends")),
                    "{got:#?}"
                );
                continue;
            }
            assert!(got.iter().any(|g| g.starts_with(e)), "missing {e:?} in {got:#?}");
        }
    }

    #[test]
    fn gaps_between_bands_and_missing_descriptions() {
        let yaml = r#"id: r
version: "1"
title: t
levels: [{ id: a, title: A }, { id: b, title: B }]
dimensions:
  - id: d
    title: D
    levels: { a: x }
    questions:
      - id: d.n
        kind: number
        prompt: n
        min: 0
        max: 10
        bands:
          - { from: 0, to: 4, label: low, at: a }
          - { from: 6, to: 10, label: high, at: b }
    actions: [Act.]
"#;
        let got = problems(yaml);
        has(&got, "levels.b: dimension 'd' has no description for level 'b'");
        has(&got, "gap between bands: nothing covers 4 to 6");
        assert_eq!(got.len(), 2, "{got:#?}");
    }

    #[test]
    fn weights_are_bounded_so_scores_stay_numbers() {
        let yaml = |w: &str| {
            format!(
                "id: r\nversion: '1'\ntitle: t\nlevels: [{{ id: a, title: A }}, {{ id: b, title: B }}]\ndimensions:\n  - id: d\n    title: D\n    weight: {w}\n    levels: {{ a: x, b: y }}\n    questions: [{{ id: d.q, kind: scale, prompt: p }}]\n    actions: [x]\n"
            )
        };
        for bad in ["1e308", ".inf", "1000.5", "0", "-1"] {
            let got = problems(&yaml(bad));
            // The reader refuses an infinite number before the weight rule sees it.
            let rule = if bad == ".inf" {
                "must be a finite number"
            } else {
                "from 0.001 to 1000"
            };
            assert!(got.iter().any(|g| g.contains(rule)), "{bad}: {got:?}");
        }
        assert!(crate::rubric::parse(&yaml("1000"), "r.yaml").is_ok());
    }

    #[test]
    fn level_count_is_bounded() {
        let one = "id: r\nversion: '1'\ntitle: t\nlevels: [{ id: a, title: A }]\ndimensions: []\n";
        let got = problems(one);
        has(&got, "a rubric needs 2 to 20 levels, found 1");
        has(&got, "a rubric needs at least one dimension");
        let levels = |n: usize| -> String { (0..n).map(|i| format!("  - {{ id: l{i}, title: L{i} }}\n")).collect() };
        let many = |n: usize| format!("id: r\nversion: '1'\ntitle: t\nlevels:\n{}dimensions: []\n", levels(n));
        assert!(problems(&many(21)).iter().any(|g| g.contains("found 21")));
        assert!(
            !problems(&many(20)).iter().any(|g| g.contains("levels, found")),
            "20 levels are fine"
        );
    }

    #[test]
    fn syntax_errors_and_unknown_fields_have_locations() {
        // Structural mistakes come together, each at its own place, with what is missing.
        let got = problems("id: r\nid: s\n");
        assert!(got.contains(&"2:1 id: duplicate key 'id'".to_string()), "{got:?}");
        assert!(got.contains(&"1:1 levels: 'levels' is missing".to_string()), "{got:?}");
        let got = problems("id: r\nversion: '1'\ntitle: t\ncolour: red\n");
        assert!(
            got.iter().any(|g| g.starts_with("4:1 colour: unknown key 'colour'")),
            "{got:?}"
        );
        let got = problems("id: r\nversion: '1'\ntitle: t\nlevels: 3\n");
        assert!(
            got.iter().any(|g| g == "4:9 levels: expected a list, found a number"),
            "{got:?}"
        );
        // Not YAML at all: the syntax error alone.
        let got = problems("id: r\nlevels: [\n");
        assert_eq!(got.len(), 1, "{got:?}");
    }

    /// A rubric with one dimension and one choice question, `d.c` (x or y),
    /// to be followed by the dimension's actions.
    const ONE_CHOICE: &str = r#"id: r
version: "1"
title: t
levels: [{ id: a, title: A }, { id: b, title: B }]
dimensions:
  - id: d
    title: D
    levels: { a: x, b: y }
    questions:
      - id: d.c
        kind: choice
        prompt: c
        choices: [{ id: x, label: X, at: a }, { id: y, label: Y, at: b }]
"#;

    #[test]
    fn an_action_condition_is_checked_like_a_pitfall() {
        let yaml = ONE_CHOICE.to_string()
            + r#"    actions:
      - Plain.
      - { text: Done if y., unless: { question: d.c, in: [y] } }
      - { text: Bad., unless: { question: d.nope, in: [y] } }
"#;
        let got = problems(&yaml);
        has(
            &got,
            "dimensions[0].actions[2].unless.question: unknown question 'd.nope'",
        );
        assert_eq!(got.len(), 1, "{got:?}");
        // A misspelt key is named, with the keys an action takes.
        let typo = problems(&yaml.replace("{ text: Bad.,", "{ txt: Bad.,"));
        assert!(
            typo.iter()
                .any(|p| p.contains("actions[2].txt") && p.contains("expected text or unless")),
            "{typo:?}"
        );
        // A number is read as text, as elsewhere; `unless: null` is no
        // condition; an empty action is named.
        let odd = problems(
            &(ONE_CHOICE.to_string()
                + "    actions:\n      - 42\n      - { text: Done., unless: null }\n      - { text: '  ' }\n"),
        );
        assert_eq!(odd.len(), 1, "{odd:?}");
        has(&odd, "dimensions[0].actions[2]: must not be empty");
        // Valid, the condition is kept with its action.
        let ok = yaml.replace("      - { text: Bad., unless: { question: d.nope, in: [y] } }\n", "");
        let r = crate::rubric::parse(&ok, "r.yaml").unwrap();
        assert!(r.dimensions[0].actions[0].unless.is_none());
        assert!(r.dimensions[0].actions[1].unless.is_some());
    }

    #[test]
    fn condition_tests_must_fit_the_question() {
        let yaml = ONE_CHOICE.to_string()
            + r#"    actions: [Act.]
pitfalls:
  - { id: p1, title: P, message: m, when: { question: d.c, below: 3 } }
  - { id: p2, title: P, message: m, when: { question: d.c, in: [z] } }
  - { id: p3, title: P, message: m, when: { all: [] } }
  - { id: p4, title: P, message: m, when: { question: d.c } }
"#;
        let got = problems(&yaml);
        has(
            &got,
            "pitfalls[0].when.below: 'below' does not apply to question 'd.c'; use in",
        );
        has(
            &got,
            "pitfalls[1].when.in: unknown choice 'z' for 'd.c'; expected x or y",
        );
        has(&got, "pitfalls[2].when.all: needs at least one condition");
        has(&got, "pitfalls[3].when: a question condition needs exactly one test");
    }
}
