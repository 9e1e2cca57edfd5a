//! The shortest path to the target: the fewest answer changes that would lift
//! the estimate to the target level, and the answer each one needs.
//!
//! Pure, no I/O. A change is one question answered differently; a checklist
//! counts once however many items it gains. Answers only ever go up (a higher
//! position or more points): lowering one never helps, since scoring is
//! monotone. `n/a` answers are left as they are: the person said the question
//! does not apply. Every plan is checked with [`crate::score::assess`] before
//! it is returned.
//!
//! Three searches, each exact where it says so:
//! - **Format 2 profiles** (a level is met when enough of the dimensions it
//!   expects reach their expectation): dimensions are independent, so the
//!   cheapest set of questions that lifts each short dimension to its bar is
//!   found in closed form (each question adds a fixed amount towards the bar;
//!   see [`lift`]), and the cheapest dimensions that meet the level's count
//!   (or weighted share, by a knapsack over whole numbers of changes) are
//!   taken, over every level from the target up. Exact for any size.
//! - **Points** (a total threshold and per-dimension minimums): each question
//!   can add at most its best gain; the largest gains of each dimension meet
//!   its minimum with the fewest changes, then the largest gains left anywhere
//!   make up the total. Exact.
//! - **Anything else** (format 1's weighted mean with a dimension count): a
//!   greedy plan, then every set of questions smaller than it, each at its
//!   best answer, while that fits in [`BUDGET`]; past it the greedy plan is
//!   returned and marked [`Method::Heuristic`]. Where even the greedy pass
//!   does not fit, the questions are ranked once by what each could add and
//!   the shortest prefix of that ranking that reaches is taken, then pruned.

use crate::answers::{Answer, Answers};
use crate::rubric::{Agreement, Kind, Need, Question, Rubric, Rule};
use crate::score::{self, Assessment};

/// How much the search may do, in answers scored: one scoring of the whole
/// rubric counts as many as the rubric has questions, so this is 20,000
/// scorings of a 40-question rubric and 444 of an 1,800-question one. A
/// count, not a clock, so a plan is the same on every machine. The final
/// check and the readiness of each change alone come on top (one scoring
/// per change, and one).
pub const BUDGET: usize = 800_000;

const EPS: f64 = 1e-9;

/// Whether the plan is known to be the shortest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// No plan with fewer changes reaches the target.
    Exact,
    /// A greedy plan: it reaches the target, a shorter one may exist.
    Heuristic,
}

/// What the search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The estimate is already at or above the target: nothing to change.
    AtTarget,
    /// The changes lift the estimate to the target.
    Reaches,
    /// Not even the highest answer to every question reaches the target (its
    /// expectations cannot be met by answers, or they are all `n/a`).
    Unreachable,
}

/// One answer to change.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Index into `Rubric::dimensions`.
    pub dimension: usize,
    /// Index into that dimension's questions.
    pub question: usize,
    /// The answer now; `None` when unanswered.
    pub from: Option<Answer>,
    /// The weakest answer that, with the other changes, reaches the target.
    pub to: Answer,
    /// Readiness (0–100) with this change alone made.
    pub readiness_alone: f64,
}

/// The shortest path from the current answers to the target.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub target: usize,
    pub outcome: Outcome,
    pub method: Method,
    /// In rubric order.
    pub changes: Vec<Change>,
    /// Readiness and estimate with every change made; `None` unless the
    /// outcome is [`Outcome::Reaches`].
    pub after: Option<Assessment>,
    /// Scorings of the whole rubric the search made.
    pub evaluations: usize,
    /// Scorings the budget allowed the search: [`BUDGET`] over the number of questions.
    pub allowed: usize,
}

/// The shortest path to `target` (an index into `Rubric::levels`) from
/// `answers`; `now` is their assessment against the same target.
pub fn plan(rubric: &Rubric, answers: &Answers, now: &Assessment) -> Plan {
    let target = now.target;
    let questions: usize = rubric.dimensions.iter().map(|d| d.questions.len()).sum();
    let allowed = BUDGET / questions.max(1);
    let mut search = Search {
        rubric,
        target,
        evaluations: 0,
        allowed,
        used: Vec::new(),
    };
    let done = |outcome, method, changes, after, evaluations| Plan {
        target,
        outcome,
        method,
        changes,
        after,
        evaluations,
        allowed,
    };
    if reaches(now, target) {
        return done(Outcome::AtTarget, Method::Exact, Vec::new(), None, 0);
    }
    let open = changeable(rubric, answers);
    let full = search.best_fill(answers, &open);
    search.used = (0..open.len())
        .filter(|&i| full.answers.get(&open[i].id) == Some(&open[i].best))
        .collect();
    if !search.reaches(&full) {
        return done(
            Outcome::Unreachable,
            Method::Exact,
            Vec::new(),
            None,
            search.evaluations,
        );
    }
    let exact = match &rubric.scoring.rule {
        Rule::Points { .. } => search.by_points(answers, &open),
        Rule::WeightedMean if rubric.format >= 2 => search.by_profile(answers, &open),
        Rule::WeightedMean => None,
    };
    let (chosen, method) = match exact {
        Some(set) if search.reaches(&with(answers, &open, &set)) => (set, Method::Exact),
        _ => search.by_trial(answers, &open),
    };
    let mut changed = with(answers, &open, &chosen);
    let mut changes = Vec::new();
    // The weakest answers are a refinement: past the budget, each change keeps its best.
    for &i in &chosen {
        let o = &open[i];
        let to = search.weakest(answers, &mut changed, o);
        changes.push((o, to));
    }
    let after = score::assess(rubric, &changed, target);
    search.evaluations += 1;
    let changes = changes
        .into_iter()
        .map(|(o, to)| {
            let mut alone = answers.clone();
            alone.answers.insert(o.id.clone(), to.clone());
            search.evaluations += 1;
            Change {
                dimension: o.dimension,
                question: o.question,
                from: answers.answers.get(&o.id).cloned(),
                to,
                readiness_alone: score::assess(rubric, &alone, target).readiness,
            }
        })
        .collect();
    done(Outcome::Reaches, method, changes, Some(after), search.evaluations)
}

fn reaches(a: &Assessment, target: usize) -> bool {
    a.estimate.is_some_and(|e| e >= target)
}

/// A question whose answer can go up.
#[derive(Debug, Clone)]
struct Open {
    id: String,
    dimension: usize,
    question: usize,
    /// Answers above the current one, weakest first; the last is the best.
    better: Vec<Answer>,
    best: Answer,
}

/// The answers `answers` with the questions `set` (indices into `open`) at their best.
fn with(answers: &Answers, open: &[Open], set: &[usize]) -> Answers {
    let mut out = answers.clone();
    for &i in set {
        out.answers.insert(open[i].id.clone(), open[i].best.clone());
    }
    out
}

/// What an answer is worth to the rule that scores it: points under a
/// points rule, else its position (unanswered: below every answer).
fn worth(rubric: &Rubric, q: &Question, a: &Answer) -> f64 {
    match rubric.scoring.rule {
        Rule::Points { .. } => score::points(q, a),
        Rule::WeightedMean => score::position(q, a, rubric.scoring.reach).unwrap_or(f64::NEG_INFINITY),
    }
}

impl Search<'_> {
    /// The most any set of changes can do: every open question at its best,
    /// except an unanswered one that would pull a mean down (answering can
    /// lower a mean). In a dimension with answers, its unanswered questions
    /// are added highest first while each is at or above the dimension's mean
    /// so far, which gives the highest mean any subset of them can. A
    /// dimension with no answers at all would join the rubric's overall mean:
    /// it is filled the same way, then kept only where scoring says that does
    /// not set the person back (one scoring per such dimension).
    fn best_fill(&mut self, answers: &Answers, open: &[Open]) -> Answers {
        let rubric = self.rubric;
        let mut out = answers.clone();
        let mut fresh: Vec<&Open> = Vec::new();
        for o in open {
            if answers.answers.contains_key(&o.id) || matches!(rubric.scoring.rule, Rule::Points { .. }) {
                out.answers.insert(o.id.clone(), o.best.clone());
            } else {
                fresh.push(o);
            }
        }
        let at = |o: &Open| {
            let q = &rubric.dimensions[o.dimension].questions[o.question];
            worth(rubric, q, &o.best)
        };
        fresh.sort_by(|a, b| a.dimension.cmp(&b.dimension).then(at(b).total_cmp(&at(a))));
        let mut empty: Vec<&Open> = Vec::new();
        for o in fresh {
            match dimension_mean(rubric, o.dimension, &out) {
                Some(m) if at(o) >= m - EPS => {
                    out.answers.insert(o.id.clone(), o.best.clone());
                }
                Some(_) => {}
                None if dimension_mean(rubric, o.dimension, answers).is_none() => empty.push(o),
                None => {
                    out.answers.insert(o.id.clone(), o.best.clone());
                }
            }
        }
        // Per dimension with no answers: its highest mean (highest first while
        // each is at or above the mean so far), kept if one scoring says it
        // does not set the person back.
        empty.sort_by(|a, b| a.dimension.cmp(&b.dimension).then(at(b).total_cmp(&at(a))));
        let mut groups: Vec<&[&Open]> = empty.chunk_by(|a, b| a.dimension == b.dimension).collect();
        // The dimensions that could score highest first: a low one tried
        // before them could be kept for the readiness it adds, then hold the
        // mean down.
        groups.sort_by(|a, b| at(b[0]).total_cmp(&at(a[0])));
        let mut now = self.progress(&out);
        for group in groups {
            let mut trial = out.clone();
            for o in group {
                if dimension_mean(rubric, o.dimension, &trial).is_none_or(|m| at(o) >= m - EPS) {
                    trial.answers.insert(o.id.clone(), o.best.clone());
                }
            }
            let then = self.progress(&trial);
            if then >= now {
                out = trial;
                now = then;
            }
        }
        out
    }

    /// How far `answers` get: (estimate, readiness, mean position).
    fn progress(&mut self, answers: &Answers) -> Progress {
        let a = score::assess(self.rubric, answers, self.target);
        self.evaluations += 1;
        (a.estimate, a.readiness, a.position.unwrap_or(f64::NEG_INFINITY))
    }
}

/// A dimension's score as scoring computes it: the weighted mean of its
/// answers' positions (`n/a` and unanswered left out); `None` with none.
fn dimension_mean(rubric: &Rubric, d: usize, answers: &Answers) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for q in &rubric.dimensions[d].questions {
        if let Some(p) = answers
            .answers
            .get(&q.id)
            .and_then(|a| score::position(q, a, rubric.scoring.reach))
        {
            sum += q.weight * p;
            weights += q.weight;
        }
    }
    (weights > 0.0).then(|| sum / weights)
}

/// Every answer a question can take (`n/a` aside); a checklist's only
/// candidate is every item ticked (its needed items are found later).
fn all_answers(q: &Question, now: Option<&Answer>) -> Vec<Answer> {
    match &q.kind {
        Kind::Choice(choices) => choices.iter().map(|c| Answer::Choice(c.id.clone())).collect(),
        Kind::Scale { labels, .. } if !labels.is_empty() => {
            labels.iter().map(|l| Answer::Choice(l.id.clone())).collect()
        }
        Kind::Scale { .. } => Agreement::ALL.into_iter().map(Answer::Scale).collect(),
        Kind::Checklist { items, .. } => {
            let mut ticked: Vec<String> = match now {
                Some(Answer::Items(t)) => t.clone(),
                _ => Vec::new(),
            };
            for i in items {
                if !ticked.contains(&i.id) {
                    ticked.push(i.id.clone());
                }
            }
            // Where fewer ticks rank higher (`low` above `high`), none ticked is the best.
            vec![Answer::Items(ticked), Answer::Items(Vec::new())]
        }
        Kind::Number { min, max, bands, .. } => bands
            .iter()
            .map(|b| b.from.clamp(*min, *max))
            .filter(|x| x.is_finite())
            .map(Answer::Number)
            .collect(),
    }
}

/// The questions whose answer can go up, with their better answers.
fn changeable(rubric: &Rubric, answers: &Answers) -> Vec<Open> {
    let mut open = Vec::new();
    for (d, dim) in rubric.dimensions.iter().enumerate() {
        if dim.signal {
            continue;
        }
        for (qi, q) in dim.questions.iter().enumerate() {
            let now = answers.answers.get(&q.id);
            if matches!(now, Some(Answer::NotApplicable)) {
                continue;
            }
            let here = now.map_or(f64::NEG_INFINITY, |a| worth(rubric, q, a));
            let mut better: Vec<(Answer, f64)> = all_answers(q, now)
                .into_iter()
                .filter(|a| Some(a) != now)
                .map(|a| {
                    let w = worth(rubric, q, &a);
                    (a, w)
                })
                .filter(|(_, w)| *w > here)
                .collect();
            if better.is_empty() {
                continue;
            }
            // Weakest first; a stable sort keeps the rubric's order among equals.
            better.sort_by(|a, b| a.1.total_cmp(&b.1));
            let best = better[better.len() - 1].0.clone();
            open.push(Open {
                id: q.id.clone(),
                dimension: d,
                question: qi,
                better: better.into_iter().map(|(a, _)| a).collect(),
                best,
            });
        }
    }
    open
}

/// How far a trial gets: (estimate, readiness, mean position), compared in that order.
type Progress = (Option<usize>, f64, f64);

struct Search<'a> {
    rubric: &'a Rubric,
    target: usize,
    evaluations: usize,
    /// Scorings the budget allows.
    allowed: usize,
    /// The open questions (indices) the best fill changes: the most any plan can use.
    used: Vec<usize>,
}

impl Search<'_> {
    fn reaches(&mut self, answers: &Answers) -> bool {
        self.evaluations += 1;
        reaches(&score::assess(self.rubric, answers, self.target), self.target)
    }

    /// The weakest answer to `o` that still reaches the target with the rest
    /// of `changed`, which is left holding it.
    fn weakest(&mut self, original: &Answers, changed: &mut Answers, o: &Open) -> Answer {
        let q = &self.rubric.dimensions[o.dimension].questions[o.question];
        if self.evaluations >= self.allowed {
            changed.answers.insert(o.id.clone(), o.best.clone());
            return o.best.clone();
        }
        if let (Kind::Checklist { items, .. }, Answer::Items(best)) = (&q.kind, &o.best) {
            // Put back each item the plan changed to how the person had it,
            // highest-level and last items first, while it still reaches.
            let before: &[String] = match original.answers.get(&o.id) {
                Some(Answer::Items(t)) => t,
                _ => &[],
            };
            let mut ticked = best.clone();
            let mut order: Vec<usize> = (0..items.len()).collect();
            order.sort_by_key(|&i| std::cmp::Reverse((items[i].level, i)));
            for i in order {
                let id = &items[i].id;
                if before.contains(id) == ticked.contains(id) || self.evaluations >= self.allowed {
                    continue;
                }
                let mut trial: Vec<String> = ticked.iter().filter(|t| *t != id).cloned().collect();
                if before.contains(id) {
                    trial.push(id.clone());
                }
                changed.answers.insert(o.id.clone(), Answer::Items(trial.clone()));
                if self.reaches(changed) {
                    ticked = trial;
                } else {
                    changed.answers.insert(o.id.clone(), Answer::Items(ticked.clone()));
                }
            }
            let answer = Answer::Items(ticked);
            changed.answers.insert(o.id.clone(), answer.clone());
            return answer;
        }
        for a in &o.better {
            if self.evaluations >= self.allowed {
                break;
            }
            changed.answers.insert(o.id.clone(), a.clone());
            if self.reaches(changed) {
                return a.clone();
            }
        }
        changed.answers.insert(o.id.clone(), o.best.clone());
        o.best.clone()
    }

    /// Format 2 profiles: the fewest questions over every level from the
    /// target up; `None` when no level can be met this way.
    fn by_profile(&mut self, answers: &Answers, open: &[Open]) -> Option<Vec<usize>> {
        let r = self.rubric;
        let now = score::assess(r, answers, self.target);
        self.evaluations += 1;
        let mut best: Option<Vec<usize>> = None;
        for level in self.target..r.levels.len() {
            let check = score::level_met(r, &now.dimensions, level);
            if check.expected == 0 {
                continue;
            }
            // (dimension, weight, questions that lift it) for each short one that can be lifted.
            let mut short: Vec<(usize, f64, Vec<usize>)> = Vec::new();
            for &(d, _) in &check.short {
                let k = r.dimensions[d].expects[level]?;
                if let Some(set) = lift(r, answers, open, d, score::bar(r, k)) {
                    short.push((d, r.dimensions[d].weight, set));
                }
            }
            let picked: Option<Vec<usize>> = match r.scoring.need {
                Need::Count(n) => {
                    let deficit = n.min(check.expected).saturating_sub(check.reaching);
                    short.sort_by_key(|(_, _, set)| set.len());
                    (short.len() >= deficit).then(|| short.iter().take(deficit).map(|s| s.0).collect())
                }
                Need::Share(share) => {
                    let expected_weight: f64 = (0..r.dimensions.len())
                        .filter(|&d| r.dimensions[d].expects[level].is_some() && !now.dimensions[d].not_applicable)
                        .map(|d| r.dimensions[d].weight)
                        .sum();
                    let goal = share * expected_weight * (1.0 - 1e-12) - check.share * expected_weight;
                    cheapest_cover(&short, goal)
                }
            };
            let Some(picked) = picked else { continue };
            let mut set: Vec<usize> = short
                .iter()
                .filter(|s| picked.contains(&s.0))
                .flat_map(|s| s.2.iter().copied())
                .collect();
            set.sort_unstable();
            if best.as_ref().is_none_or(|b| set.len() < b.len()) {
                best = Some(set);
            }
        }
        best
    }

    /// The points rule: per level from the target up, the largest gains of
    /// each dimension under its minimum, then the largest gains left.
    fn by_points(&mut self, answers: &Answers, open: &[Open]) -> Option<Vec<usize>> {
        let r = self.rubric;
        let Rule::Points {
            thresholds,
            min_dimension,
        } = &r.scoring.rule
        else {
            return None;
        };
        let now = score::assess(r, answers, self.target);
        self.evaluations += 1;
        let p = now.points.as_ref()?;
        let gain = |i: usize| {
            let o = &open[i];
            let q = &r.dimensions[o.dimension].questions[o.question];
            let here = answers.answers.get(&o.id).map_or(0.0, |a| score::points(q, a));
            score::points(q, &o.best) - here
        };
        let mut gains: Vec<(usize, f64)> = (0..open.len()).map(|i| (i, gain(i))).filter(|g| g.1 > 0.0).collect();
        // Largest first; ties in rubric order.
        gains.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut best: Option<Vec<usize>> = None;
        for level in self.target..r.levels.len() {
            let mut set: Vec<usize> = Vec::new();
            let mut total = p.total;
            let mut possible = true;
            if let Some(m) = min_dimension[level] {
                for d in 0..r.dimensions.len() {
                    let counted = r.dimensions[d].expects[level].is_some() && !now.dimensions[d].not_applicable;
                    let mut have = p.per_dimension[d];
                    if !counted {
                        continue;
                    }
                    for &(i, g) in gains.iter().filter(|(i, _)| open[*i].dimension == d) {
                        if have >= m - EPS {
                            break;
                        }
                        have += g;
                        total += g;
                        set.push(i);
                    }
                    possible &= have >= m - EPS;
                }
            }
            for &(i, g) in &gains {
                if total >= thresholds[level] - EPS {
                    break;
                }
                if !set.contains(&i) {
                    total += g;
                    set.push(i);
                }
            }
            if !possible || total < thresholds[level] - EPS {
                continue;
            }
            set.sort_unstable();
            if best.as_ref().is_none_or(|b| set.len() < b.len()) {
                best = Some(set);
            }
        }
        best
    }

    /// Greedy, then (within [`BUDGET`]) every smaller set of questions;
    /// where even the greedy pass does not fit, [`Self::by_ranking`].
    fn by_trial(&mut self, answers: &Answers, open: &[Open]) -> (Vec<usize>, Method) {
        let r = self.rubric;
        let mut set: Vec<usize> = Vec::new();
        let mut current = answers.clone();
        let reached = loop {
            let now = score::assess(r, &current, self.target);
            self.evaluations += 1;
            if reaches(&now, self.target) {
                break true;
            }
            // A round tries every question left: stop before one overruns the budget.
            if self.evaluations + (open.len() - set.len()) > self.allowed {
                break false;
            }
            // The change that helps most: estimate, then readiness, then the mean position.
            let mut pick: Option<(usize, Progress)> = None;
            for i in (0..open.len()).filter(|i| !set.contains(i)) {
                let mut trial = current.clone();
                trial.answers.insert(open[i].id.clone(), open[i].best.clone());
                let a = score::assess(r, &trial, self.target);
                self.evaluations += 1;
                let key = (a.estimate, a.readiness, a.position.unwrap_or(f64::NEG_INFINITY));
                let better = pick.as_ref().is_none_or(|(_, k)| {
                    (key.0, key.1, key.2) > (k.0, k.1, k.2) && (key.0 > k.0 || key.1 > k.1 + EPS || key.2 > k.2 + EPS)
                });
                if better {
                    pick = Some((i, key));
                }
            }
            let Some((i, _)) = pick else { break false };
            set.push(i);
            current.answers.insert(open[i].id.clone(), open[i].best.clone());
        };
        // Greedy can stall on a change that raises readiness but never the
        // estimate: then the ranking finds a set that reaches, and the
        // exhaustive search below still runs where the budget allows.
        let mut set = if reached {
            set
        } else {
            self.by_ranking(answers, open, set)
        };
        set.sort_unstable();
        let n = open.len();
        let cost: usize = (1..set.len()).map(|k| choose(n, k)).fold(0, usize::saturating_add);
        if self.evaluations.saturating_add(cost) > self.allowed {
            return (set, Method::Heuristic);
        }
        for k in 1..set.len() {
            let mut found = None;
            for_each_subset(n, k, &mut |s| {
                if found.is_none() && self.reaches(&with(answers, open, s)) {
                    found = Some(s.to_vec());
                }
            });
            if let Some(s) = found {
                return (s, Method::Exact);
            }
        }
        (set, Method::Exact)
    }
}

impl Search<'_> {
    /// Past the budget: `set` (what the greedy pass chose) and then the other
    /// questions ranked once by what each could add, without scoring; the
    /// shortest prefix of that ranking that reaches, found by bisection; then
    /// each change dropped again where the rest still reach, while the budget
    /// lasts. Always reaches (at worst with every question the best fill uses).
    fn by_ranking(&mut self, answers: &Answers, open: &[Open], set: Vec<usize>) -> Vec<usize> {
        let used = self.used.clone();
        let mut rest: Vec<(usize, f64)> = used
            .iter()
            .filter(|i| !set.contains(i))
            .map(|&i| (i, static_gain(self.rubric, answers, &open[i])))
            .collect();
        // Equal gains: the first question of every dimension before the second
        // of any, so that a ladder of unanswered dimensions is spread, not filled one by one.
        rest.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(open[a.0].question.cmp(&open[b.0].question))
                .then(a.0.cmp(&b.0))
        });
        let prefix = |k: usize| -> Vec<usize> { set.iter().copied().chain(rest[..k].iter().map(|r| r.0)).collect() };
        let mut chosen = if self.reaches(&with(answers, open, &prefix(rest.len()))) {
            let (mut lo, mut hi) = (0, rest.len());
            while lo < hi {
                let mid = (lo + hi) / 2;
                if self.reaches(&with(answers, open, &prefix(mid))) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            prefix(hi)
        } else {
            used
        };
        for j in (0..chosen.len()).rev() {
            if self.evaluations >= self.allowed {
                break;
            }
            let mut fewer = chosen.clone();
            fewer.remove(j);
            if self.reaches(&with(answers, open, &fewer)) {
                chosen = fewer;
            }
        }
        chosen.sort_unstable();
        chosen
    }
}

/// What a question at its best could add, judged without scoring: points
/// gained under a points rule, else its position gained (over the
/// dimension's mean where unanswered) times its share of its dimension's
/// weight.
fn static_gain(rubric: &Rubric, answers: &Answers, o: &Open) -> f64 {
    let dim = &rubric.dimensions[o.dimension];
    let q = &dim.questions[o.question];
    let now = answers.answers.get(&o.id);
    match rubric.scoring.rule {
        Rule::Points { .. } => score::points(q, &o.best) - now.map_or(0.0, |a| score::points(q, a)),
        Rule::WeightedMean => {
            let reach = rubric.scoring.reach;
            let best = score::position(q, &o.best, reach).unwrap_or(0.0);
            let here = now
                .and_then(|a| score::position(q, a, reach))
                .or_else(|| dimension_mean(rubric, o.dimension, answers))
                .unwrap_or(0.0);
            let weights: f64 = dim.questions.iter().map(|q| q.weight).sum();
            dim.weight * q.weight / weights.max(f64::MIN_POSITIVE) * (best - here)
        }
    }
}

/// The fewest questions of dimension `d` whose best answers lift its score to
/// `bar`; `None` if none can.
///
/// The score is `S / W`, the weighted mean of the answered questions. Raising
/// an answered one adds `w·(best − now)` to `S`; answering an unanswered one
/// adds `w·best` to `S` and `w` to `W`. So `S' / W' ≥ bar` exactly when the
/// chosen questions' contributions — `w·(best − now)`, or `w·(best − bar)`
/// for an unanswered one — add up to at least `bar·W − S`. Each contribution
/// is fixed, so the largest first are the fewest: exact, at any size.
fn lift(rubric: &Rubric, answers: &Answers, open: &[Open], d: usize, bar: f64) -> Option<Vec<usize>> {
    let dim = &rubric.dimensions[d];
    let reach = rubric.scoring.reach;
    let (sum, weights) = dim.questions.iter().fold((0.0, 0.0), |(s, w), q| {
        match answers.answers.get(&q.id).and_then(|a| score::position(q, a, reach)) {
            Some(p) => (s + q.weight * p, w + q.weight),
            None => (s, w),
        }
    });
    let mut gains: Vec<(usize, f64)> = (0..open.len())
        .filter(|&i| open[i].dimension == d)
        .filter_map(|i| {
            let q = &dim.questions[open[i].question];
            let best = score::position(q, &open[i].best, reach)?;
            let now = answers
                .answers
                .get(&open[i].id)
                .and_then(|a| score::position(q, a, reach));
            Some((i, q.weight * (best - now.unwrap_or(bar))))
        })
        .collect();
    gains.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let deficit = bar * weights - sum;
    let mut total = 0.0;
    let mut set = Vec::new();
    for (i, g) in gains {
        // With no answer at all, one question must be answered to have a score.
        if total >= deficit - EPS && (weights > 0.0 || !set.is_empty()) {
            break;
        }
        if g < -EPS {
            break;
        }
        total += g;
        set.push(i);
    }
    let met = total >= deficit - EPS && (weights > 0.0 || !set.is_empty());
    set.sort_unstable();
    met.then_some(set)
}

/// The dimensions (by id in `short`) whose lifting adds at least `goal`
/// weight with the fewest changes in all: a knapsack over whole numbers of
/// changes, exact.
fn cheapest_cover(short: &[(usize, f64, Vec<usize>)], goal: f64) -> Option<Vec<usize>> {
    if goal <= 0.0 {
        return Some(Vec::new());
    }
    let most: usize = short.iter().map(|s| s.2.len()).sum();
    // table[c] = (most weight for exactly-at-most c changes, the dimensions giving it)
    let mut table: Vec<(f64, Vec<usize>)> = vec![(0.0, Vec::new()); most + 1];
    for (d, w, set) in short {
        let cost = set.len();
        for c in (cost..=most).rev() {
            let candidate = table[c - cost].0 + w;
            if candidate > table[c].0 {
                let mut ds = table[c - cost].1.clone();
                ds.push(*d);
                table[c] = (candidate, ds);
            }
        }
    }
    table.into_iter().find(|(w, _)| *w >= goal).map(|(_, ds)| ds)
}

fn choose(n: usize, k: usize) -> usize {
    (0..k).fold(1usize, |acc, i| acc.saturating_mul(n - i) / (i + 1))
}

/// Calls `f` with every `k`-subset of `0..n`, in lexicographic order.
fn for_each_subset(n: usize, k: usize, f: &mut dyn FnMut(&[usize])) {
    if k > n {
        return;
    }
    let mut idx: Vec<usize> = (0..k).collect();
    loop {
        f(&idx);
        let Some(i) = (0..k).rev().find(|&i| idx[i] != i + n - k) else {
            return;
        };
        idx[i] += 1;
        for j in i + 1..k {
            idx[j] = idx[j - 1] + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::format2_props::{answers, spec, yaml};
    use proptest::prelude::*;

    /// Every answer a question can take, checklists as every subset of items.
    fn every_answer(q: &Question) -> Vec<Answer> {
        match &q.kind {
            Kind::Checklist { items, .. } => (0..1u32 << items.len())
                .map(|bits| {
                    Answer::Items(
                        (0..items.len())
                            .filter(|i| bits >> i & 1 == 1)
                            .map(|i| items[i].id.clone())
                            .collect(),
                    )
                })
                .collect(),
            _ => all_answers(q, None),
        }
    }

    /// Whether any `k` questions (`n/a` ones left alone), answered any way,
    /// reach the target; `None` when that is too many scorings to try.
    fn any_reaches(rubric: &Rubric, a: &Answers, target: usize, k: usize) -> Option<bool> {
        let qs: Vec<(&Question, Vec<Answer>)> = rubric
            .dimensions
            .iter()
            .filter(|d| !d.signal)
            .flat_map(|d| d.questions.iter())
            .filter(|q| !matches!(a.answers.get(&q.id), Some(Answer::NotApplicable)))
            .map(|q| (q, every_answer(q)))
            .collect();
        let mut trials = 0usize;
        for_each_subset(qs.len(), k, &mut |set| {
            trials = trials.saturating_add(set.iter().map(|&i| qs[i].1.len()).product());
        });
        if trials > 20_000 {
            return None;
        }
        let mut hit = false;
        for_each_subset(qs.len(), k, &mut |set| {
            if hit {
                return;
            }
            // Every combination of answers to the questions in `set`.
            let mut pick = vec![0usize; set.len()];
            loop {
                let mut trial = a.clone();
                for (j, &i) in set.iter().enumerate() {
                    trial.answers.insert(qs[i].0.id.clone(), qs[i].1[pick[j]].clone());
                }
                if reaches(&score::assess(rubric, &trial, target), target) {
                    hit = true;
                    return;
                }
                let Some(j) = (0..set.len()).find(|&j| pick[j] + 1 < qs[set[j]].1.len()) else {
                    return;
                };
                pick[j] += 1;
                pick[..j].fill(0);
            }
        });
        Some(hit)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Applying the plan reaches the target; no smaller set of changes does.
        #[test]
        fn shortest_path(spec in spec(), seeds in prop::collection::vec(any::<u32>(), 12)) {
            let text = yaml(&spec);
            let rubric = crate::rubric::parse(&text, "gen.yaml").map_err(|e| TestCaseError::fail(e.to_string()))?;
            let a = answers(&rubric, &seeds);
            for target in 0..rubric.levels.len() {
                let now = score::assess(&rubric, &a, target);
                let p = plan(&rubric, &a, &now);
                match p.outcome {
                    Outcome::AtTarget => prop_assert!(reaches(&now, target)),
                    Outcome::Unreachable => {
                        let k = rubric.dimensions.iter().map(|d| d.questions.len()).sum();
                        prop_assert_ne!(any_reaches(&rubric, &a, target, k), Some(true), "said unreachable, yet reachable");
                    }
                    Outcome::Reaches => {
                        prop_assert!(!p.changes.is_empty());
                        let mut applied = a.clone();
                        for c in &p.changes {
                            let q = &rubric.dimensions[c.dimension].questions[c.question];
                            prop_assert_eq!(a.answers.get(&q.id), c.from.as_ref());
                            applied.answers.insert(q.id.clone(), c.to.clone());
                        }
                        let after = score::assess(&rubric, &applied, target);
                        prop_assert!(reaches(&after, target), "the plan does not reach the target\n{text}");
                        prop_assert_eq!(Some(&after), p.after.as_ref());
                        if p.method == Method::Exact {
                            let k = p.changes.len() - 1;
                            prop_assert_ne!(
                                any_reaches(&rubric, &a, target, k),
                                Some(true),
                                "{} changes also reach {}, the plan has {}\n{}",
                                k,
                                target,
                                p.changes.len(),
                                text
                            );
                        }
                    }
                }
            }
        }
    }

    /// Answers to every scored question of `rubric`, picked by `seeds`.
    fn picked(rubric: &Rubric, seeds: &[u32]) -> Answers {
        let mut out = Answers::default();
        let questions = rubric.dimensions.iter().flat_map(|d| d.questions.iter());
        for (q, seed) in questions.zip(seeds.iter().cycle()) {
            let all = every_answer(q);
            out.answers
                .insert(q.id.clone(), all[*seed as usize % all.len()].clone());
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(60))]
        /// Format 1 (weighted mean and a dimension count): the searched plan is
        /// the shortest, checked by brute force.
        #[test]
        fn shortest_path_format_1(seeds in prop::collection::vec(any::<u32>(), 8)) {
            let text = include_str!("../tests/fixtures/rubrics/three-levels.yaml");
            let rubric = crate::rubric::parse(text, "three-levels.yaml").map_err(|e| TestCaseError::fail(e.to_string()))?;
            let a = picked(&rubric, &seeds);
            for target in 0..rubric.levels.len() {
                let now = score::assess(&rubric, &a, target);
                let p = plan(&rubric, &a, &now);
                if p.outcome != Outcome::Reaches {
                    continue;
                }
                prop_assert_eq!(p.method, Method::Exact);
                let mut applied = a.clone();
                for c in &p.changes {
                    applied.answers.insert(rubric.dimensions[c.dimension].questions[c.question].id.clone(), c.to.clone());
                }
                prop_assert!(reaches(&score::assess(&rubric, &applied, target), target));
                let shorter = any_reaches(&rubric, &a, target, p.changes.len() - 1);
                prop_assert_ne!(shorter, Some(true), "a shorter plan reaches {}", target);
            }
        }
    }

    /// `rubric` (YAML) and `answers` (id, answer) planned towards `target`.
    fn plan_of(rubric: &str, answers: &[(&str, Answer)], target: usize) -> (Rubric, Answers, Plan) {
        let rubric = crate::rubric::parse(rubric, "t.yaml").unwrap();
        let mut a = Answers::default();
        for (id, x) in answers {
            a.answers.insert((*id).to_string(), x.clone());
        }
        let now = score::assess(&rubric, &a, target);
        let p = plan(&rubric, &a, &now);
        (rubric, a, p)
    }

    fn choice(id: &str) -> Answer {
        Answer::Choice(id.to_string())
    }

    /// Answering an unanswered question can pull its dimension's mean down:
    /// that is no reason to call the target unreachable (from a breaker's trial).
    #[test]
    fn an_unanswered_question_that_would_lower_a_mean_is_left_unanswered() {
        let rubric = "format: 2\nid: m\nversion: \"1\"\ntitle: M\nlevels: [{ id: l1, title: L1 }, { id: l2, title: L2 }]\ndimensions:\n  - id: a\n    title: A\n    levels: { l1: x, l2: y }\n    actions: [go]\n    questions:\n      - { id: a.q1, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, at: l1 }, { id: hi, label: Hi, at: l2 }] }\n      - { id: a.q2, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, at: l1 }, { id: lo2, label: Lo2, at: l1 }] }\n  - id: b\n    title: B\n    levels: { l1: x, l2: y }\n    actions: [go]\n    questions:\n      - { id: b.q1, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, at: l1 }, { id: hi, label: Hi, at: l2 }] }\n";
        let (_, _, p) = plan_of(rubric, &[("a.q1", choice("hi")), ("b.q1", choice("lo"))], 1);
        assert_eq!(p.outcome, Outcome::Reaches);
        assert_eq!(p.method, Method::Exact);
        assert_eq!(p.changes.len(), 1);
        assert_eq!(p.changes[0].to, choice("hi"));
    }

    /// Format 1: answering a dimension with no answers adds it to the overall
    /// mean, which can pull the estimate down; that question is left
    /// unanswered, not counted against reaching the target (from a fuzzer).
    #[test]
    fn an_unanswered_dimension_that_would_lower_the_mean_is_left_out() {
        let rubric = "{\"id\": \"fz\", \"version\": \"1\", \"title\": \"FZ\", \"levels\": [{\"id\": \"l0\", \"title\": \"L0\", \"summary\": \"s\"}, {\"id\": \"l1\", \"title\": \"L1\", \"summary\": \"s\"}, {\"id\": \"l2\", \"title\": \"L2\", \"summary\": \"s\"}, {\"id\": \"l3\", \"title\": \"L3\", \"summary\": \"s\"}], \"scoring\": {\"min_dimensions_at_level\": 1, \"reach\": 0.8}, \"default_target\": \"l3\", \"dimensions\": [{\"id\": \"d0\", \"title\": \"D0\", \"summary\": \"s\", \"weight\": 2, \"actions\": [\"go\"], \"levels\": {\"l0\": \"x\", \"l1\": \"x\", \"l2\": \"x\", \"l3\": \"x\"}, \"questions\": [{\"id\": \"d0.q0\", \"kind\": \"scale\", \"prompt\": \"P\", \"low\": \"l2\", \"high\": \"l1\"}]}, {\"id\": \"d1\", \"title\": \"D1\", \"summary\": \"s\", \"weight\": 1, \"actions\": [\"go\"], \"levels\": {\"l0\": \"x\", \"l1\": \"x\", \"l2\": \"x\", \"l3\": \"x\"}, \"questions\": [{\"id\": \"d1.q0\", \"kind\": \"choice\", \"prompt\": \"P\", \"choices\": [{\"id\": \"c0\", \"label\": \"C0\", \"at\": \"l0\"}, {\"id\": \"c1\", \"label\": \"C1\", \"at\": \"l2\"}, {\"id\": \"c2\", \"label\": \"C2\", \"at\": \"l2\"}]}, {\"id\": \"d1.q1\", \"kind\": \"scale\", \"prompt\": \"P\", \"low\": \"l2\", \"high\": \"l3\"}]}]}";
        let (_, _, p) = plan_of(rubric, &[("d1.q1", Answer::Scale(Agreement::ALL[0]))], 3);
        assert_eq!(p.outcome, Outcome::Reaches);
        assert_eq!(p.changes.len(), 1, "{:?}", p.changes);
        assert_eq!(p.changes[0].to, Answer::Scale(Agreement::ALL[4]));
    }

    /// Greedy stalls on a heavy dimension that raises readiness but can never
    /// lift the estimate; the search still tries every smaller set and the
    /// plan is exact (from a breaker's fuzzer).
    #[test]
    fn a_stalled_greedy_pass_still_ends_in_an_exact_plan() {
        let rubric = "id: stall\nversion: \"1\"\ntitle: S\nlevels: [{id: a, title: A, summary: s}, {id: b, title: B, summary: s}]\nscoring: {min_dimensions_at_level: 2}\ndimensions:\n  - {id: h, title: H, summary: s, weight: 3, levels: {a: x, b: y}, actions: [go], questions: [{id: h.q, kind: choice, prompt: P, choices: [{id: lo, label: Lo, at: a}, {id: bit, label: Bit, at: 0.2}]}]}\n  - {id: x, title: X, summary: s, weight: 0.5, levels: {a: x, b: y}, actions: [go], questions: [{id: x.q, kind: choice, prompt: P, choices: [{id: lo, label: Lo, at: a}, {id: hi, label: Hi, at: b}]}]}\n  - {id: y, title: Y, summary: s, levels: {a: x, b: y}, actions: [go], questions: [{id: y.q, kind: choice, prompt: P, choices: [{id: lo, label: Lo, at: a}, {id: mid, label: Mid, at: 0.5}, {id: hi, label: Hi, at: b}]}]}\n";
        let (_, _, p) = plan_of(rubric, &[("y.q", choice("mid"))], 1);
        assert_eq!(p.outcome, Outcome::Reaches);
        assert_eq!(p.method, Method::Exact);
        assert_eq!(p.changes.len(), 2, "{:?}", p.changes);
    }

    /// Format 2, many unanswered questions in every dimension: the closed
    /// form answers one per dimension, exactly (a breaker's trial took
    /// minutes here and planned 3,384 changes for 200).
    #[test]
    fn unanswered_format_2_dimensions_take_one_answer_each() {
        let mut text = String::from(
            "format: 2\nid: w\nversion: \"1\"\ntitle: W\nlevels: [{ id: l1, title: L1 }, { id: l2, title: L2 }]\ndimensions:\n",
        );
        for d in 0..30 {
            text += &format!(
                "  - id: d{d}\n    title: D{d}\n    levels: {{ l1: x, l2: y }}\n    actions: [go]\n    questions:\n"
            );
            for q in 0..17 {
                text += &format!(
                    "      - {{ id: d{d}.q{q}, kind: choice, prompt: P, choices: [{{ id: lo, label: Lo, at: l1 }}, {{ id: hi, label: Hi, at: l2 }}] }}\n"
                );
            }
        }
        let (_, _, p) = plan_of(&text, &[], 1);
        assert_eq!(p.outcome, Outcome::Reaches);
        assert_eq!(p.method, Method::Exact);
        assert_eq!(p.changes.len(), 30);
    }

    /// Under a points rule an answer placed lower can be worth more points:
    /// points decide (from a breaker's trial).
    #[test]
    fn points_not_positions_rank_answers_under_a_points_rule() {
        let rubric = "format: 2\nid: rev\nversion: \"1\"\ntitle: R\nlevels:\n  - { id: e1, title: Engineer I }\n  - { id: e2, title: Engineer II }\nscoring:\n  rule: points\n  thresholds: { e1: 0, e2: 5 }\ndimensions:\n  - id: indep\n    title: Independence\n    levels: { e1: a, e2: b }\n    actions: [go]\n    questions:\n      - { id: indep.help, kind: scale, prompt: I need detailed guidance., points: [5, 2, 0, 0, 0] }\n      - { id: indep.a, kind: choice, prompt: A, choices: [{ id: no, label: No, points: 0 }, { id: yes, label: Yes, points: 2 }] }\n      - { id: indep.b, kind: choice, prompt: B, choices: [{ id: no, label: No, points: 0 }, { id: yes, label: Yes, points: 3 }] }\n";
        let agree = Answer::Scale(Agreement::ALL[3]);
        let (_, _, p) = plan_of(
            rubric,
            &[
                ("indep.help", agree),
                ("indep.a", choice("no")),
                ("indep.b", choice("no")),
            ],
            1,
        );
        assert_eq!(p.outcome, Outcome::Reaches);
        assert_eq!(p.changes.len(), 1, "{:?}", p.changes);
        assert_eq!(p.changes[0].to, Answer::Scale(Agreement::ALL[0]));
    }

    /// A checklist whose `low` is above its `high`: fewer ticks rank higher,
    /// and the plan unticks (from a breaker's trial).
    #[test]
    fn a_reversed_checklist_is_planned_by_unticking() {
        let rubric = "id: revck\nversion: \"1\"\ntitle: R\nlevels:\n  - { id: eng, title: Engineer, summary: s }\n  - { id: sen, title: Senior, summary: s }\ndefault_target: sen\nscoring: { min_dimensions_at_level: 1 }\ndimensions:\n  - id: indep\n    title: Independence\n    summary: s\n    levels: { eng: a, sen: b }\n    actions: [go]\n    questions:\n      - id: indep.help\n        kind: checklist\n        prompt: Which of these do you still need help with?\n        items:\n          - { id: estimates, label: Estimating }\n          - { id: reviews, label: Reviews }\n        low: sen\n        high: eng\n";
        let both = Answer::Items(vec!["estimates".into(), "reviews".into()]);
        let (_, _, p) = plan_of(rubric, &[("indep.help", both)], 1);
        assert_eq!(p.outcome, Outcome::Reaches);
        assert_eq!(p.changes.len(), 1);
        let Answer::Items(left) = &p.changes[0].to else {
            panic!("{:?}", p.changes)
        };
        assert!(left.len() < 2, "{left:?}");
    }

    /// A wide format-1 ladder (60 dimensions of 30 questions): the greedy pass
    /// alone would take millions of scorings; the plan keeps to its budget,
    /// reaches and says it is heuristic (from a breaker's trial).
    #[test]
    fn a_very_large_ladder_keeps_to_the_budget() {
        let rubric = wide_format_1(60, 30, &["a", "b", "c", "d"], 60);
        let mut a = Answers::default();
        for d in 0..60 {
            for q in 0..30 {
                let c = if (q + d) % 3 == 0 { "c1" } else { "c0" };
                a.answers.insert(format!("d{d}.q{q}"), choice(c));
            }
        }
        heuristic_within_budget(&rubric, &a, 3);
    }

    /// Format 2 with more than 16 questions in a dimension, all answered:
    /// still exact (largest gains first), and no change is spare.
    #[test]
    fn a_format_2_dimension_of_many_answered_questions_is_exact() {
        let mut text = String::from(
            "format: 2\nid: w\nversion: \"1\"\ntitle: W\nlevels: [{ id: l1, title: L1 }, { id: l2, title: L2 }]\ndimensions:\n",
        );
        for d in 0..3 {
            text += &format!(
                "  - id: d{d}\n    title: D{d}\n    levels: {{ l1: x, l2: y }}\n    actions: [go]\n    questions:\n"
            );
            for q in 0..20 {
                text += &format!(
                    "      - {{ id: d{d}.q{q}, kind: choice, prompt: P, choices: [{{ id: lo, label: Lo, at: l1 }}, {{ id: hi, label: Hi, at: l2 }}] }}\n"
                );
            }
        }
        let answers: Vec<(String, Answer)> = (0..3)
            .flat_map(|d| (0..20).map(move |q| (format!("d{d}.q{q}"), choice(if q < 5 { "hi" } else { "lo" }))))
            .collect();
        let refs: Vec<(&str, Answer)> = answers.iter().map(|(i, x)| (i.as_str(), x.clone())).collect();
        let (rubric, a, p) = plan_of(&text, &refs, 1);
        assert_eq!(p.outcome, Outcome::Reaches);
        assert_eq!(p.method, Method::Exact);
        // Dropping any one change no longer reaches.
        for skip in 0..p.changes.len() {
            let mut b = a.clone();
            for (j, c) in p.changes.iter().enumerate() {
                if j != skip {
                    let q = &rubric.dimensions[c.dimension].questions[c.question];
                    b.answers.insert(q.id.clone(), c.to.clone());
                }
            }
            assert!(!reaches(&score::assess(&rubric, &b, 1), 1), "change {skip} is spare");
        }
    }

    /// A format-1 rubric of `dims` dimensions of `questions` choice
    /// questions each, over `levels` (ids), one choice `c<i>` at each level,
    /// `need` dimensions at a level to meet it.
    fn wide_format_1(dims: usize, questions: usize, levels: &[&str], need: usize) -> Rubric {
        let mut text = format!(
            "id: wide\nversion: \"1\"\ntitle: Wide\nscoring: {{ reach: 0.8, min_dimensions_at_level: {need} }}\nlevels:\n"
        );
        for l in levels {
            text += &format!("  - {{ id: {l}, title: {l}, summary: s }}\n");
        }
        let choices: Vec<String> = levels
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{{ id: c{i}, label: C, at: {l} }}"))
            .collect();
        let said: Vec<String> = levels.iter().map(|l| format!("{l}: x")).collect();
        text += "dimensions:\n";
        for d in 0..dims {
            text += &format!(
                "  - id: d{d}\n    title: D{d}\n    summary: s\n    levels: {{ {} }}\n    actions: [go]\n    questions:\n",
                said.join(", ")
            );
            for q in 0..questions {
                text += &format!(
                    "      - {{ id: d{d}.q{q}, kind: choice, prompt: P, choices: [{}] }}\n",
                    choices.join(", ")
                );
            }
        }
        crate::rubric::parse(&text, "wide.yaml").unwrap()
    }

    /// A ladder too large to search: the greedy plan, within the budget, marked heuristic.
    #[test]
    fn too_large_to_search_is_heuristic_within_budget() {
        let rubric = wide_format_1(12, 3, &["a", "b", "c"], 12);
        let mut a = Answers::default();
        for id in rubric.question_ids() {
            a.answers.insert(id.to_string(), Answer::Choice("c0".into()));
        }
        heuristic_within_budget(&rubric, &a, 2);
    }

    /// The plan towards `target` reaches it, says it is heuristic and kept to
    /// its budget (the check and each change's readiness come on top).
    fn heuristic_within_budget(rubric: &Rubric, a: &Answers, target: usize) {
        let p = plan(rubric, a, &score::assess(rubric, a, target));
        assert_eq!(p.outcome, Outcome::Reaches);
        assert_eq!(p.method, Method::Heuristic);
        assert!(
            p.evaluations <= p.allowed + p.changes.len() + 2,
            "{} scorings of {} allowed",
            p.evaluations,
            p.allowed
        );
        assert_eq!(p.after.as_ref().and_then(|x| x.estimate), Some(target));
    }

    /// A format-2 points ladder: `levels` levels with rising thresholds, a
    /// minimum per dimension from level `min_from`, and per dimension its
    /// questions' choice points.
    fn points_ladder(levels: usize, step: u32, minimum: Option<(usize, u32)>, dims: &[Vec<Vec<u32>>]) -> String {
        let mut y = String::from("format: 2\nid: pts\nversion: \"1\"\ntitle: P\nlevels:\n");
        for l in 0..levels {
            y += &format!("  - {{ id: l{l}, title: L{l} }}\n");
        }
        let thresholds: Vec<String> = (0..levels).map(|l| format!("l{l}: {}", l as u32 * step)).collect();
        y += &format!(
            "scoring:\n  rule: points\n  thresholds: {{ {} }}\n",
            thresholds.join(", ")
        );
        if let Some((from, m)) = minimum {
            let mins: Vec<String> = (from.min(levels - 1)..levels).map(|l| format!("l{l}: {m}")).collect();
            y += &format!("  min_dimension_points: {{ {} }}\n", mins.join(", "));
        }
        y += "dimensions:\n";
        for (d, questions) in dims.iter().enumerate() {
            let described: Vec<String> = (0..levels).map(|l| format!("l{l}: x")).collect();
            y += &format!(
                "  - id: d{d}\n    title: D{d}\n    levels: {{ {} }}\n    actions: [go]\n    questions:\n",
                described.join(", ")
            );
            for (q, points) in questions.iter().enumerate() {
                y += &format!("      - id: d{d}.q{q}\n        kind: choice\n        prompt: P\n        choices:\n");
                for (c, p) in points.iter().enumerate() {
                    y += &format!("          - {{ id: c{c}, label: C{c}, points: {p} }}\n");
                }
            }
        }
        y
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(150))]
        /// Points ladders: the plan reaches the target and, by brute force, no
        /// shorter one does.
        #[test]
        fn shortest_path_points(
            levels in 2usize..=4,
            step in 1u32..=6,
            minimum in prop::option::of((1usize..4, 0u32..=4)),
            dims in prop::collection::vec(prop::collection::vec(prop::collection::vec(0u32..=5, 2..=3), 1..=2), 1..=3),
            seeds in prop::collection::vec(any::<u32>(), 8),
        ) {
            let text = points_ladder(levels, step, minimum, &dims);
            let rubric = crate::rubric::parse(&text, "pts.yaml").map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let a = picked(&rubric, &seeds);
            for target in 0..rubric.levels.len() {
                let now = score::assess(&rubric, &a, target);
                let p = plan(&rubric, &a, &now);
                match p.outcome {
                    Outcome::AtTarget => prop_assert!(reaches(&now, target)),
                    Outcome::Unreachable => {
                        let all = rubric.dimensions.iter().map(|d| d.questions.len()).sum();
                        prop_assert_ne!(any_reaches(&rubric, &a, target, all), Some(true), "reachable after all\n{}", text);
                    }
                    Outcome::Reaches => {
                        prop_assert_eq!(p.method, Method::Exact);
                        let mut applied = a.clone();
                        for c in &p.changes {
                            applied.answers.insert(rubric.dimensions[c.dimension].questions[c.question].id.clone(), c.to.clone());
                        }
                        prop_assert!(reaches(&score::assess(&rubric, &applied, target), target));
                        let shorter = any_reaches(&rubric, &a, target, p.changes.len() - 1);
                        prop_assert_ne!(shorter, Some(true), "a shorter plan reaches {}\n{}", target, text);
                    }
                }
            }
        }
    }
}
