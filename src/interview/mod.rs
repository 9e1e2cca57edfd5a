//! The interview: walks a person through a rubric's questions and produces an
//! ordinary [`Answers`] value — exactly what an answers file holds.
//!
//! The walk talks to a [`Prompter`], never to the terminal: [`terminal`] is
//! the real one (dialoguer), tests use a scripted one. The walk supports going
//! back, a final review where any answer can be changed, and quitting at any
//! question with everything answered so far kept.

pub mod checklist;
pub mod line;
pub mod session;
pub mod terminal;

use crate::answers::{Answer, Answers};
use crate::rubric::{Agreement, Kind, QuestionRef, Rubric, unit_suffix};
pub use checklist::Checked;
use std::io;

/// What an interview needs from a terminal. `Ok(None)` means the person asked
/// to quit (Esc); an `Interrupted` error means Ctrl-C.
pub trait Prompter {
    /// Show lines of text (headers, hints, summaries).
    fn say(&mut self, text: &str);
    /// Pick one item; `default` is highlighted first.
    fn select(&mut self, items: &[String], default: usize) -> io::Result<Option<usize>>;
    /// Pick one item, showing the highlighted item's description (if it has
    /// one) under it. Without support for that, a plain [`Prompter::select`].
    fn select_described(
        &mut self,
        items: &[String],
        descriptions: &[Option<String>],
        default: usize,
    ) -> io::Result<Option<usize>> {
        let _ = descriptions;
        self.select(items, default)
    }
    /// Tick any number of items, showing the highlighted item's description
    /// (if it has one) under it; `checked` is the starting state, one per
    /// item. `back` adds a row with that label after the items: an action that
    /// ends the checklist with [`Checked::Back`], never a checkbox.
    fn checklist(
        &mut self,
        items: &[String],
        descriptions: &[Option<String>],
        checked: &[bool],
        back: Option<&str>,
    ) -> io::Result<Checked>;
    /// A line of text; `check` rejects bad input with a message and the
    /// prompter asks again.
    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Option<String>>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<Option<bool>>;
}

/// How an interview ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Every question answered and reviewed.
    Finished(Answers),
    /// The person quit; the answers so far.
    Quit(Answers),
}

/// Typed at a text prompt to go back to the previous question.
pub const BACK_TOKEN: &str = "<";

/// What [`Prompter::input`] returns when the person asks to skip every
/// evidence prompt still to come (Tab in the terminal); never typed text,
/// since a tab is not kept in a line.
pub const SKIP_ALL: &str = "\t";
const BACK: &str = "← Back to the previous question";
const CANCEL: &str = "← Cancel: change nothing";

/// One thing the interview asks.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Question(QuestionRef),
    Evidence(usize),
}

/// The result of asking one step.
enum Reply {
    Next,
    Back,
    Quit,
}

pub struct Interview<'a> {
    rubric: &'a Rubric,
    target: usize,
    answers: Answers,
    /// Every step of the rubric in order, asked or not: Back can reach an
    /// answer given before a resume, and the counter says where in the whole
    /// interview a question sits ("question 28 of 35").
    steps: Vec<Step>,
    /// Which steps walking forward stops at: what `start` left unanswered.
    pending: Vec<bool>,
    /// The person asked to skip the remaining evidence prompts (the review
    /// still offers them).
    skip_evidence: bool,
    /// Called after every change, so a Ctrl-C handler can save the latest answers.
    on_change: Box<dyn FnMut(&Answers) + 'a>,
    /// Called with a dimension's id while its evidence is being asked for,
    /// and with `None` once it is answered: a stop in the middle can keep
    /// what was typed so far.
    on_evidence: Box<EvidenceHook<'a>>,
}

/// Told which dimension's evidence is being typed (`None`: no longer).
type EvidenceHook<'a> = dyn FnMut(Option<&str>) + 'a;

impl<'a> Interview<'a> {
    /// An interview that asks every question `start` leaves unanswered, and
    /// evidence for the dimensions it asks about; with nothing left to ask it
    /// goes straight to the review.
    pub fn new(rubric: &'a Rubric, target: usize, start: Answers) -> Self {
        let mut steps = Vec::new();
        let mut pending = Vec::new();
        for (d, dim) in rubric.dimensions.iter().enumerate() {
            let mut asked = false;
            for (q, question) in dim.questions.iter().enumerate() {
                let open = !start.answers.contains_key(&question.id);
                asked |= open;
                steps.push(Step::Question(QuestionRef::Level(d, q)));
                pending.push(open);
            }
            // A signal is not scored, so no report section would show its evidence.
            if !dim.signal {
                steps.push(Step::Evidence(d));
                pending.push(asked && !start.evidence.contains_key(&dim.id));
            }
        }
        for (f, q) in rubric.fit_questions().iter().enumerate() {
            steps.push(Step::Question(QuestionRef::Fit(f)));
            pending.push(!start.answers.contains_key(&q.id));
        }
        Interview {
            rubric,
            target,
            answers: start,
            steps,
            pending,
            skip_evidence: false,
            on_change: Box::new(|_| {}),
            on_evidence: Box::new(|_| {}),
        }
    }

    pub fn on_change(mut self, f: impl FnMut(&Answers) + 'a) -> Self {
        self.on_change = Box::new(f);
        self
    }

    /// See the `on_evidence` field: `Some(dimension id)` before an evidence
    /// prompt, `None` after it is answered (not after a quit).
    pub fn on_evidence(mut self, f: impl FnMut(Option<&str>) + 'a) -> Self {
        self.on_evidence = Box::new(f);
        self
    }

    /// How many questions (not evidence prompts) this interview will ask.
    pub fn question_count(&self) -> usize {
        self.steps
            .iter()
            .zip(&self.pending)
            .filter(|(s, open)| **open && matches!(s, Step::Question(_)))
            .count()
    }

    /// How many questions the rubric has in all.
    fn total(&self) -> usize {
        self.steps.iter().filter(|s| matches!(s, Step::Question(_))).count()
    }

    /// The first step at or after `from` that is still to be asked.
    fn next_open(&self, from: usize) -> Option<usize> {
        (from..self.steps.len())
            .find(|&i| self.pending[i] && !(self.skip_evidence && matches!(self.steps[i], Step::Evidence(_))))
    }

    pub fn run(mut self, p: &mut dyn Prompter) -> io::Result<Outcome> {
        self.intro(p);
        let mut at = self.next_open(0);
        while let Some(i) = at {
            at = match self.ask(p, self.steps[i], Some(i))? {
                Reply::Next => self.next_open(i + 1),
                // Back reaches any earlier step, answered before this run or
                // not; walking forward again passes through it.
                Reply::Back => {
                    let previous = i.saturating_sub(1);
                    self.pending[previous] = true;
                    Some(previous)
                }
                Reply::Quit => return Ok(Outcome::Quit(self.answers)),
            };
        }
        self.review(p)
    }

    fn intro(&self, p: &mut dyn Prompter) {
        let r = self.rubric;
        let n = self.question_count();
        p.say(&format!("levelup · {} (rubric {} v{})", r.title, r.id, r.version));
        if n == 0 {
            p.say("Every question is already answered.");
            return;
        }
        let fit = self
            .steps
            .iter()
            .zip(&self.pending)
            .filter(|(s, open)| **open && matches!(s, Step::Question(QuestionRef::Fit(_))))
            .count();
        let about_fit = match fit {
            0 => String::new(),
            1 if n == 1 => " (about whether you want the level at all)".to_string(),
            1 => ", the last one about whether you want the level at all".to_string(),
            k => format!(", the last {k} about whether you want the level at all"),
        };
        let evidence = self
            .steps
            .iter()
            .zip(&self.pending)
            .filter(|(s, open)| **open && matches!(s, Step::Evidence(_)))
            .count();
        // About 15 seconds a question and 10 an evidence prompt (most are skipped).
        let seconds = n * 15 + evidence * 10;
        let minutes = match seconds.div_ceil(60) {
            0 | 1 => "about a minute".to_string(),
            m => format!("about {m} minutes"),
        };
        let evidence = match evidence {
            0 => None,
            1 => Some("Along the way, 1 optional evidence prompt (Enter skips it).".to_string()),
            k => Some(format!(
                "Along the way, {k} optional evidence prompts (Enter skips one, Tab skips them all)."
            )),
        };
        let total = self.total();
        let count = if n == total {
            format!("{n} question{} to answer", if n == 1 { "" } else { "s" })
        } else {
            format!("{n} of {total} questions left to answer")
        };
        p.say(&format!(
            "Target: {} · {count}{about_fit}, {minutes}.",
            r.levels[self.target].title,
        ));
        if let Some(evidence) = evidence {
            p.say(&evidence);
        }
        p.say("Your answers stay on this machine. Arrow keys and Enter to answer; Esc or Ctrl-C saves your progress.");
        p.say(&format!(
            "Pick \"{BACK}\" (or type {BACK_TOKEN} in a text answer) to revisit the previous question."
        ));
        p.say("");
    }

    /// Ask one step. `position` is its index in the walk (None during review).
    fn ask(&mut self, p: &mut dyn Prompter, step: Step, position: Option<usize>) -> io::Result<Reply> {
        let can_go_back = position.is_some_and(|i| i > 0);
        let header = self.header(step, position);
        p.say(&header);
        match step {
            Step::Question(q) => self.ask_question(p, q, can_go_back),
            Step::Evidence(d) => {
                let dim = &self.rubric.dimensions[d];
                let current = self.answers.evidence.get(&dim.id).cloned().unwrap_or_default();
                let hint = if can_go_back {
                    format!(", {BACK_TOKEN} to go back")
                } else {
                    String::new()
                };
                // Skipping the rest makes sense on the walk, not in the review.
                let skip_all = if position.is_some() { ", Tab to skip all" } else { "" };
                let prompt = format!("Evidence (optional; Enter to skip{skip_all}{hint})");
                (self.on_evidence)(Some(&dim.id));
                // On a quit the hook is not reset: what was typed is kept.
                let Some(text) = p.input(&prompt, &current, &|_| Ok(()))? else {
                    return Ok(Reply::Quit);
                };
                (self.on_evidence)(None);
                if text == SKIP_ALL {
                    if position.is_some() {
                        self.skip_evidence = true;
                        p.say("  → No more evidence prompts; the review still lets you add some.");
                    }
                    return Ok(Reply::Next);
                }
                let text = text.trim();
                if text == BACK_TOKEN && can_go_back {
                    return Ok(Reply::Back);
                }
                if text.is_empty() {
                    self.answers.evidence.remove(&dim.id);
                } else {
                    self.answers.evidence.insert(dim.id.clone(), text.to_string());
                }
                (self.on_change)(&self.answers);
                Ok(Reply::Next)
            }
        }
    }

    /// The lines above a question: where the person is, and what it is about.
    fn header(&self, step: Step, position: Option<usize>) -> String {
        let r = self.rubric;
        let counter = position.map(|i| {
            let asked = self.steps[..=i]
                .iter()
                .filter(|s| matches!(s, Step::Question(_)))
                .count();
            format!(" — question {asked} of {}", self.total())
        });
        let counter = counter.unwrap_or_default();
        match step {
            Step::Question(QuestionRef::Level(d, q)) => {
                let dim = &r.dimensions[d];
                format!(
                    "\n{} · {}/{}{counter}\n{}\n{}",
                    dim.title,
                    q + 1,
                    dim.questions.len(),
                    dim.summary,
                    dim.questions[q].prompt
                )
            }
            Step::Question(QuestionRef::Fit(f)) => {
                let fit = r.fit_questions();
                format!(
                    "\nIs {} for you? · {}/{}{counter} (does not affect your level)\n{}",
                    r.levels[self.target].title,
                    f + 1,
                    fit.len(),
                    fit[f].prompt
                )
            }
            Step::Evidence(d) => {
                let dim = &r.dimensions[d];
                format!(
                    "\n{} · evidence\nAnything that shows where you stand on {}? A project, a document, a result.",
                    dim.title,
                    dim.title.to_lowercase()
                )
            }
        }
    }

    fn ask_question(&mut self, p: &mut dyn Prompter, q: QuestionRef, can_go_back: bool) -> io::Result<Reply> {
        let r = self.rubric;
        let id = match q {
            QuestionRef::Level(d, i) => r.dimensions[d].questions[i].id.clone(),
            QuestionRef::Fit(f) => r.fit_questions()[f].id.clone(),
        };
        let current = self.answers.answers.get(&id).cloned();
        let picked = match q {
            QuestionRef::Fit(f) => {
                let items = &r.fit_questions()[f].items;
                pick_items(
                    p,
                    items.iter().map(|i| (i.id.as_str(), i.label.as_str(), None)),
                    current,
                    can_go_back,
                )?
            }
            QuestionRef::Level(d, i) => match &r.dimensions[d].questions[i].kind {
                Kind::Checklist { items, .. } => pick_items(
                    p,
                    items
                        .iter()
                        .map(|i| (i.id.as_str(), i.label.as_str(), i.description.as_deref())),
                    current,
                    can_go_back,
                )?,
                Kind::Choice(choices) => {
                    let allow_na = r.dimensions[d].questions[i].allow_na;
                    let default = match &current {
                        Some(Answer::Choice(c)) => choices.iter().position(|x| x.id == *c).unwrap_or(0),
                        Some(Answer::NotApplicable) if allow_na => choices.len(),
                        _ => 0,
                    };
                    let labels = with_na(choices.iter().map(|c| c.label.clone()).collect(), allow_na);
                    let descriptions = choices.iter().map(|c| c.description.clone()).collect();
                    pick_one_described(p, labels, descriptions, default, can_go_back)?.map(|k| match choices.get(k) {
                        Some(c) => Answer::Choice(c.id.clone()),
                        None => Answer::NotApplicable,
                    })
                }
                Kind::Scale { labels, .. } if !labels.is_empty() => {
                    let allow_na = r.dimensions[d].questions[i].allow_na;
                    let default = match &current {
                        Some(Answer::Choice(c)) => labels.iter().position(|l| l.id == *c).unwrap_or(0),
                        Some(Answer::NotApplicable) if allow_na => labels.len(),
                        _ => labels.len() / 2,
                    };
                    let titles = with_na(labels.iter().map(|l| l.title.clone()).collect(), allow_na);
                    pick_one(p, titles, default, can_go_back)?.map(|k| match labels.get(k) {
                        Some(l) => Answer::Choice(l.id.clone()),
                        None => Answer::NotApplicable,
                    })
                }
                Kind::Scale { .. } => {
                    let allow_na = r.dimensions[d].questions[i].allow_na;
                    let default = match &current {
                        Some(Answer::Scale(a)) => *a as usize,
                        Some(Answer::NotApplicable) if allow_na => Agreement::ALL.len(),
                        _ => Agreement::Neutral as usize,
                    };
                    let labels = with_na(Agreement::ALL.iter().map(|a| a.label().to_string()).collect(), allow_na);
                    pick_one(p, labels, default, can_go_back)?.map(|k| match Agreement::ALL.get(k) {
                        Some(a) => Answer::Scale(*a),
                        None => Answer::NotApplicable,
                    })
                }
                Kind::Number { min, max, unit, .. } => {
                    pick_number(p, *min, *max, unit.as_deref(), current, can_go_back)?
                }
            },
        };
        match picked {
            Picked::Quit => Ok(Reply::Quit),
            Picked::Back => Ok(Reply::Back),
            Picked::Answer(answer) => {
                p.say(&format!("  → {}", crate::report::describe_plain(r, q, &answer)));
                self.answers.answers.insert(id, answer);
                (self.on_change)(&self.answers);
                Ok(Reply::Next)
            }
        }
    }

    /// Show every answer; let the person change any of them before scoring.
    fn review(mut self, p: &mut dyn Prompter) -> io::Result<Outcome> {
        let all = self.steps.clone();
        loop {
            p.say("\nYour answers:");
            let lines: Vec<String> = all.iter().map(|s| self.summary_line(*s)).collect();
            for (n, line) in lines.iter().enumerate() {
                p.say(&format!("{:>3}. {line}", n + 1));
            }
            let options = vec![
                "Looks right: show my report".to_string(),
                "Change an answer".to_string(),
            ];
            match p.select(&options, 0)? {
                None => return Ok(Outcome::Quit(self.answers)),
                Some(0) => return Ok(Outcome::Finished(self.answers)),
                Some(_) => {
                    // One short line each, so the list pages cleanly on small terminals.
                    let mut picks: Vec<String> = all
                        .iter()
                        .enumerate()
                        .map(|(n, s)| format!("{:>3}. {}", n + 1, self.short_line(*s)))
                        .collect();
                    picks.push(CANCEL.to_string());
                    p.say("Which one? (Esc to cancel)");
                    // Esc or the last item: back to the list, nothing changed.
                    let Some(pick) = p.select(&picks, 0)?.filter(|&i| i < all.len()) else {
                        continue;
                    };
                    // Esc at the question cancels the change, as in the list.
                    p.say("(Esc cancels the change.)");
                    if let Reply::Quit = self.ask(p, all[pick], None)? {
                        (self.on_evidence)(None);
                        p.say("Nothing changed.");
                    }
                }
            }
        }
    }

    /// "Scope: Which best describes…" — the question, cut to one short line,
    /// for picking an answer to change.
    fn short_line(&self, step: Step) -> String {
        let r = self.rubric;
        let (title, text) = match step {
            Step::Question(QuestionRef::Level(d, i)) => (
                r.dimensions[d].title.as_str(),
                r.dimensions[d].questions[i].prompt.as_str(),
            ),
            Step::Question(QuestionRef::Fit(f)) => ("Fit", r.fit_questions()[f].prompt.as_str()),
            Step::Evidence(d) => (r.dimensions[d].title.as_str(), "evidence"),
        };
        const ROOM: usize = 60;
        let line = format!("{title}: {text}");
        if line.chars().count() <= ROOM {
            line
        } else {
            line.chars().take(ROOM - 1).chain(['…']).collect()
        }
    }

    fn summary_line(&self, step: Step) -> String {
        let r = self.rubric;
        match step {
            Step::Question(q) => {
                let (title, prompt, id) = match q {
                    QuestionRef::Level(d, i) => {
                        let dim = &r.dimensions[d];
                        (
                            dim.title.as_str(),
                            dim.questions[i].prompt.as_str(),
                            dim.questions[i].id.as_str(),
                        )
                    }
                    QuestionRef::Fit(f) => (
                        "Fit",
                        r.fit_questions()[f].prompt.as_str(),
                        r.fit_questions()[f].id.as_str(),
                    ),
                };
                let answer = self.answers.answers.get(id).map_or_else(
                    || "(unanswered)".to_string(),
                    |a| crate::report::describe_plain(r, q, a),
                );
                format!("{title}: {prompt} → {answer}")
            }
            Step::Evidence(d) => {
                let dim = &r.dimensions[d];
                let text = self.answers.evidence.get(&dim.id).map_or("(none)", String::as_str);
                format!("{} evidence → {text}", dim.title)
            }
        }
    }
}

/// Questions that allow `n/a` offer it as the last choice.
fn with_na(mut labels: Vec<String>, allow_na: bool) -> Vec<String> {
    if allow_na {
        labels.push(NOT_APPLICABLE_LABEL.to_string());
    }
    labels
}

/// How `n/a` reads in the interview and the report.
pub const NOT_APPLICABLE_LABEL: &str = "Does not apply to me (n/a)";

/// What one prompt produced.
enum Picked<T> {
    Answer(T),
    Back,
    Quit,
}

impl<T> Picked<T> {
    fn map<U>(self, f: impl FnOnce(T) -> U) -> Picked<U> {
        match self {
            Picked::Answer(t) => Picked::Answer(f(t)),
            Picked::Back => Picked::Back,
            Picked::Quit => Picked::Quit,
        }
    }
}

/// One of `labels`, with a back item appended when going back is possible.
fn pick_one(p: &mut dyn Prompter, labels: Vec<String>, default: usize, can_go_back: bool) -> io::Result<Picked<usize>> {
    pick_one_described(p, labels, Vec::new(), default, can_go_back)
}

/// [`pick_one`], with a description shown under the highlighted item.
fn pick_one_described(
    p: &mut dyn Prompter,
    mut labels: Vec<String>,
    mut descriptions: Vec<Option<String>>,
    default: usize,
    can_go_back: bool,
) -> io::Result<Picked<usize>> {
    let n = labels.len();
    if can_go_back {
        labels.push(BACK.to_string());
    }
    descriptions.resize(labels.len(), None);
    let picked = if descriptions.iter().any(Option::is_some) {
        p.select_described(&labels, &descriptions, default)?
    } else {
        p.select(&labels, default)?
    };
    Ok(match picked {
        None => Picked::Quit,
        Some(k) if k >= n => Picked::Back,
        Some(k) => Picked::Answer(k),
    })
}

/// Any of the `(id, label, description)` items, or Back.
fn pick_items<'i>(
    p: &mut dyn Prompter,
    items: impl Iterator<Item = (&'i str, &'i str, Option<&'i str>)>,
    current: Option<Answer>,
    can_go_back: bool,
) -> io::Result<Picked<Answer>> {
    let mut ids: Vec<&str> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut descriptions: Vec<Option<String>> = Vec::new();
    for (id, label, description) in items {
        ids.push(id);
        labels.push(label.to_string());
        descriptions.push(description.map(String::from));
    }
    let ticked = match current {
        Some(Answer::Items(t)) => t,
        _ => Vec::new(),
    };
    let checked: Vec<bool> = ids.iter().map(|id| ticked.iter().any(|t| t == id)).collect();
    p.say("(Space to tick, Enter when done; none is fine.)");
    let back = can_go_back.then_some(BACK);
    Ok(match p.checklist(&labels, &descriptions, &checked, back)? {
        Checked::Quit => Picked::Quit,
        Checked::Back => Picked::Back,
        Checked::Ticked(picked) => Picked::Answer(Answer::Items(
            picked
                .iter()
                .filter_map(|&k| ids.get(k))
                .map(|id| id.to_string())
                .collect(),
        )),
    })
}

/// A number in `min..=max`, re-asked until it is one.
fn pick_number(
    p: &mut dyn Prompter,
    min: f64,
    max: f64,
    unit: Option<&str>,
    current: Option<Answer>,
    can_go_back: bool,
) -> io::Result<Picked<Answer>> {
    let unit = unit_suffix(unit);
    let initial = match current {
        Some(Answer::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let hint = if can_go_back {
        format!("; {BACK_TOKEN} to go back")
    } else {
        String::new()
    };
    let range = crate::rubric::number_range(min, max, None);
    let prompt = format!("A number {range}{unit}{hint}");
    let check = |s: &str| -> Result<(), String> {
        let s = s.trim();
        if s == BACK_TOKEN && can_go_back {
            return Ok(());
        }
        match parse_number(s) {
            Some(n) if n >= min && n <= max => Ok(()),
            Some(n) => Err(format!(
                "{} is out of range: enter a number {range}{unit}",
                crate::answers::readable(n)
            )),
            None => Err(format!("'{s}' is not a number: enter a number {range}{unit}")),
        }
    };
    loop {
        let Some(text) = p.input(&prompt, &initial, &check)? else {
            return Ok(Picked::Quit);
        };
        if text.trim() == BACK_TOKEN && can_go_back {
            return Ok(Picked::Back);
        }
        // The prompter should only return checked text; ask again if not.
        if check(&text).is_ok()
            && let Some(n) = parse_number(&text)
        {
            return Ok(Picked::Answer(Answer::Number(n)));
        }
    }
}

/// A number as people type it: `35`, `35.5`, `35%`.
fn parse_number(s: &str) -> Option<f64> {
    let s = s.trim().trim_end_matches('%').trim();
    s.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests;
