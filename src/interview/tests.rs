//! The question walk, driven by a scripted prompter.

use super::*;
use crate::answers::{self, Format};
use std::collections::VecDeque;

/// What the scripted person does at the next prompt.
#[derive(Debug, Clone)]
enum Act {
    /// Accept what is offered (highlighted choice, ticked items, initial text, default).
    Enter,
    Pick(usize),
    Ticks(Vec<usize>),
    /// The Back row of a checklist.
    Back,
    Type(&'static str),
    Esc,
    CtrlC,
}

#[derive(Default)]
struct Scripted {
    acts: VecDeque<Act>,
    said: Vec<String>,
    /// Messages from rejected text answers.
    rejected: Vec<String>,
    /// How many questions or text prompts were put to the person.
    prompts: usize,
    /// The descriptions offered with each described select.
    described: Vec<Vec<Option<String>>>,
}

impl Scripted {
    fn new(acts: impl IntoIterator<Item = Act>) -> Self {
        Scripted {
            acts: acts.into_iter().collect(),
            ..Scripted::default()
        }
    }

    fn next(&mut self) -> Act {
        self.prompts += 1;
        self.acts
            .pop_front()
            .expect("the script ran out before the interview ended")
    }
}

fn interrupted() -> io::Error {
    io::Error::new(io::ErrorKind::Interrupted, "ctrl-c")
}

impl Prompter for Scripted {
    fn say(&mut self, text: &str) {
        self.said.push(text.to_string());
    }

    fn select(&mut self, items: &[String], default: usize) -> io::Result<Option<usize>> {
        match self.next() {
            Act::Enter => Ok(Some(default)),
            Act::Pick(i) => {
                assert!(i < items.len(), "pick {i} of {items:?}");
                Ok(Some(i))
            }
            Act::Esc => Ok(None),
            Act::CtrlC => Err(interrupted()),
            other => panic!("{other:?} at a select of {items:?}"),
        }
    }

    fn select_described(
        &mut self,
        items: &[String],
        descriptions: &[Option<String>],
        default: usize,
    ) -> io::Result<Option<usize>> {
        assert_eq!(items.len(), descriptions.len(), "one description slot per item");
        self.described.push(descriptions.to_vec());
        self.select(items, default)
    }

    fn checklist(
        &mut self,
        items: &[String],
        descriptions: &[Option<String>],
        checked: &[bool],
        back: Option<&str>,
    ) -> io::Result<Checked> {
        assert_eq!(items.len(), checked.len(), "one tick per item");
        assert_eq!(items.len(), descriptions.len(), "one description slot per item");
        match self.next() {
            Act::Enter => Ok(Checked::Ticked((0..checked.len()).filter(|&i| checked[i]).collect())),
            Act::Ticks(t) => {
                assert!(t.iter().all(|&i| i < items.len()), "ticks {t:?} of {items:?}");
                Ok(Checked::Ticked(t))
            }
            Act::Back => {
                assert!(back.is_some(), "no Back offered with {items:?}");
                Ok(Checked::Back)
            }
            Act::Esc => Ok(Checked::Quit),
            Act::CtrlC => Err(interrupted()),
            other => panic!("{other:?} at a checklist of {items:?}"),
        }
    }

    fn input(
        &mut self,
        prompt: &str,
        initial: &str,
        check: &dyn Fn(&str) -> Result<(), String>,
    ) -> io::Result<Option<String>> {
        loop {
            let text = match self.next() {
                Act::Enter => initial.to_string(),
                Act::Type(t) => t.to_string(),
                Act::Esc => return Ok(None),
                Act::CtrlC => return Err(interrupted()),
                other => panic!("{other:?} at the text prompt {prompt:?}"),
            };
            // Like the terminal: a rejected answer is shown and asked again.
            match check(&text) {
                Ok(()) => return Ok(Some(text)),
                Err(msg) => self.rejected.push(msg),
            }
        }
    }

    fn confirm(&mut self, _prompt: &str, default: bool) -> io::Result<Option<bool>> {
        match self.next() {
            Act::Enter => Ok(Some(default)),
            Act::Esc => Ok(None),
            other => panic!("{other:?} at a confirm"),
        }
    }
}

fn rubric() -> Rubric {
    crate::rubric::parse(
        include_str!("../../tests/fixtures/rubrics/three-levels.yaml"),
        "three-levels.yaml",
    )
    .unwrap()
}

/// Answers to every question of the fixture, in order: delivery.size,
/// delivery.help, evidence, craft.practices, craft.hours, evidence,
/// people.mentor, evidence, fit.wants; then "looks right" at the review.
fn full_script() -> Vec<Act> {
    use Act::*;
    vec![
        Pick(1),                            // delivery.size: feature
        Pick(3),                            // delivery.help: agree
        Type("Shipped the export feature"), // evidence
        Ticks(vec![0, 1]),                  // craft.practices: tests, reviews
        Type("4"),                          // craft.hours
        Enter,                              // evidence: skipped
        Pick(1),                            // people.mentor: sometimes
        Enter,                              // evidence: skipped
        Ticks(vec![0]),                     // fit.wants: lead
        Pick(0),                            // review: looks right
    ]
}

fn full_answers() -> Answers {
    let mut a = Answers::default();
    let mut put = |id: &str, v: Answer| {
        a.answers.insert(id.to_string(), v);
    };
    put("delivery.size", Answer::Choice("feature".into()));
    put("delivery.help", Answer::Scale(Agreement::Agree));
    put("craft.practices", Answer::Items(vec!["tests".into(), "reviews".into()]));
    put("craft.hours", Answer::Number(4.0));
    put("people.mentor", Answer::Choice("sometimes".into()));
    put("fit.wants", Answer::Items(vec!["lead".into()]));
    a.evidence
        .insert("delivery".into(), "Shipped the export feature".into());
    a
}

fn run(start: Answers, script: Vec<Act>) -> (io::Result<Outcome>, Scripted) {
    let r = rubric();
    let mut p = Scripted::new(script);
    let outcome = Interview::new(&r, 1, start).run(&mut p);
    (outcome, p)
}

#[test]
fn a_full_run_answers_everything() {
    let (outcome, p) = run(Answers::default(), full_script());
    assert_eq!(outcome.unwrap(), Outcome::Finished(full_answers()));
    assert!(p.acts.is_empty(), "every scripted step was used");
    // Progress is shown on every question, with the dimension's meaning.
    assert!(
        p.said
            .iter()
            .any(|s| s.contains("Delivery · 1/2 — question 1 of 6") && s.contains("Getting work done."))
    );
    assert!(
        p.said
            .iter()
            .any(|s| s.contains("Is Mid-level for you? · 1/1 — question 6 of 6 (does not affect your level)"))
    );
    assert!(
        p.said.iter().any(|s| s.contains("6 questions to answer")),
        "{:?}",
        p.said
    );
}

#[test]
fn back_changes_an_earlier_answer() {
    use Act::*;
    let mut script = vec![
        Pick(0), // delivery.size: task
        Pick(5), // delivery.help: the back item (5 agreements, then back)
        Pick(2), // delivery.size again: project
    ];
    script.extend(full_script().into_iter().skip(1));
    let (outcome, _) = run(Answers::default(), script);
    let Outcome::Finished(answers) = outcome.unwrap() else {
        panic!("not finished")
    };
    assert_eq!(answers.answers["delivery.size"], Answer::Choice("project".into()));
    assert_eq!(answers.answers["delivery.help"], Answer::Scale(Agreement::Agree));

    // Back from a number ("<"), then a new answer at the checklist.
    let mut script = full_script();
    script.splice(4..5, [Type("<"), Ticks(vec![2]), Type("4")]);
    let (outcome, _) = run(Answers::default(), script);
    let Outcome::Finished(answers) = outcome.unwrap() else {
        panic!("not finished")
    };
    assert_eq!(
        answers.answers["craft.practices"],
        Answer::Items(vec!["standards".into()])
    );
    // Back from a checklist: its Back row, not a tick.
    let mut script = full_script();
    script.splice(3..4, [Back, Type("Shipped the export feature"), Ticks(vec![0, 1])]);
    let (outcome, _) = run(Answers::default(), script);
    assert_eq!(outcome.unwrap(), Outcome::Finished(full_answers()));
}

#[test]
fn the_first_question_offers_no_back() {
    let (_, p) = run(Answers::default(), vec![Act::Esc]);
    assert_eq!(p.prompts, 1);
    // A back item would make index 3 valid; only the 3 choices are offered.
    let r = rubric();
    let mut p = Scripted::new([Act::Pick(3)]);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Interview::new(&r, 1, Answers::default()).run(&mut p)
    }));
    assert!(result.is_err(), "there is no fourth item at the first question");
}

#[test]
fn review_changes_an_answer() {
    use Act::*;
    let mut script = full_script();
    script.pop(); // instead of "looks right":
    // Review lines: delivery.size, delivery.help, evidence, craft.practices, craft.hours (index 4), ...
    script.extend([Pick(1), Pick(4), Type("12"), Pick(0)]);
    let (outcome, p) = run(Answers::default(), script);
    let Outcome::Finished(answers) = outcome.unwrap() else {
        panic!("not finished")
    };
    assert_eq!(answers.answers["craft.hours"], Answer::Number(12.0));
    // The summary showed the first answers before the change.
    assert!(
        p.said
            .iter()
            .flat_map(|s| s.lines())
            .any(|l| l.trim_end().ends_with("Craft: Hours a week reviewing code? → 4 hours")),
        "{:?}",
        p.said
    );
}

#[test]
fn partial_answers_ask_only_the_rest() {
    let mut start = full_answers();
    start.answers.remove("craft.hours");
    start.answers.remove("fit.wants");
    let script = vec![Act::Type("4"), Act::Enter, Act::Ticks(vec![0]), Act::Pick(0)];
    let (outcome, p) = run(start, script);
    assert_eq!(outcome.unwrap(), Outcome::Finished(full_answers()));
    // craft.hours, craft evidence (nothing there yet), fit.wants, review.
    assert_eq!(p.prompts, 4);
    assert!(
        p.said.iter().any(|s| s.contains(
            "2 of 6 questions left to answer, the last one about whether you want the level at all, about a minute."
        )),
        "{:?}",
        p.said
    );
}

#[test]
fn quitting_keeps_the_answers_and_resuming_finishes_them() {
    // Esc at the third prompt (the evidence after two questions).
    let (outcome, _) = run(Answers::default(), vec![Act::Pick(1), Act::Pick(3), Act::Esc]);
    let Outcome::Quit(so_far) = outcome.unwrap() else {
        panic!("should have quit")
    };
    assert_eq!(so_far.answers.len(), 2);

    // The resume file round trip, as `--resume` reads it.
    let r = rubric();
    let text = answers::to_yaml(&so_far, &r).unwrap();
    let raw = answers::parse(&text, Format::Yaml, "resume.yaml").unwrap();
    let resumed = answers::check(raw, &r, "resume.yaml", true).unwrap();
    assert_eq!(resumed, so_far);

    // Resuming starts at the first unanswered question (craft.practices):
    // evidence is optional, so the delivery evidence prompt is not repeated
    // (the review offers it).
    let rest: Vec<Act> = full_script().into_iter().skip(3).collect();
    let (outcome, _) = run(resumed, rest);
    let mut expected = full_answers();
    expected.evidence.remove("delivery");
    assert_eq!(outcome.unwrap(), Outcome::Finished(expected));
}

#[test]
fn a_resumed_interview_counts_on_and_can_go_back_past_where_it_started() {
    use Act::*;
    let (outcome, _) = run(Answers::default(), vec![Pick(1), Pick(3), Esc]);
    let Outcome::Quit(so_far) = outcome.unwrap() else {
        panic!("should have quit")
    };
    // Back from the first question asked (a checklist) reaches the evidence
    // and then the last question answered before the stop.
    let mut script = vec![Back, Type(BACK_TOKEN), Enter, Type("Shipped the export feature")];
    script.extend(full_script().into_iter().skip(3));
    let (outcome, p) = run(so_far, script);
    assert_eq!(outcome.unwrap(), Outcome::Finished(full_answers()));
    let said = p.said.join("\n");
    assert!(said.contains("4 of 6 questions left to answer"), "{said}");
    let first = said.find("question 3 of 6").expect("numbering goes on from 2");
    let back = said.find("question 2 of 6").expect("Back reaches question 2");
    assert!(first < back, "{said}");
}

#[test]
fn changing_an_answer_can_be_cancelled() {
    use Act::*;
    let mut script = full_script();
    script.pop(); // instead of "looks right": change, then Esc, then the last item (cancel),
    // then Esc at the question picked (craft.hours, line 5) and at an evidence being edited.
    let cancel_item = 9; // 9 review lines (6 questions, 3 evidence), then cancel
    script.extend([Pick(1), Esc, Pick(1), Pick(cancel_item)]);
    script.extend([Pick(1), Pick(4), Esc, Pick(1), Pick(2), Esc, Pick(0)]);
    let (outcome, p) = run(Answers::default(), script);
    assert_eq!(outcome.unwrap(), Outcome::Finished(full_answers()));
    assert!(p.said.iter().any(|s| s.contains("Esc to cancel")), "{:?}", p.said);
    assert_eq!(p.said.iter().filter(|s| *s == "Nothing changed.").count(), 2);
}

#[test]
fn ctrl_c_is_an_interrupted_error() {
    let (outcome, _) = run(Answers::default(), vec![Act::Pick(1), Act::CtrlC]);
    assert_eq!(outcome.unwrap_err().kind(), io::ErrorKind::Interrupted);
}

#[test]
fn a_bad_number_is_asked_again_with_the_range() {
    let mut script = full_script();
    script.splice(4..5, [Act::Type("lots"), Act::Type("41"), Act::Type("4")]);
    let (outcome, p) = run(Answers::default(), script);
    assert_eq!(outcome.unwrap(), Outcome::Finished(full_answers()));
    assert_eq!(
        p.rejected,
        [
            "'lots' is not a number: enter a number from 0 to 40 hours",
            "41 is out of range: enter a number from 0 to 40 hours",
        ]
    );
}

#[test]
fn changes_are_reported_as_they_happen() {
    let r = rubric();
    let mut seen = Vec::new();
    let mut p = Scripted::new([Act::Pick(1), Act::Esc]);
    let outcome = Interview::new(&r, 1, Answers::default())
        .on_change(|a| seen.push(a.answers.len()))
        .run(&mut p)
        .unwrap();
    assert!(matches!(outcome, Outcome::Quit(_)));
    assert_eq!(seen, [1], "one change, reported before the quit");
}

#[test]
fn numbers_as_people_type_them() {
    assert_eq!(parse_number(" 35 "), Some(35.0));
    assert_eq!(parse_number("35%"), Some(35.0));
    assert_eq!(parse_number("2.5"), Some(2.5));
    assert_eq!(parse_number("inf"), None);
    assert_eq!(parse_number(""), None);
}

#[test]
fn not_applicable_is_offered_last_where_a_question_allows_it() {
    use Act::*;
    let r = crate::rubric::parse(
        include_str!("../../tests/fixtures/rubrics/format2/g05.yaml"),
        "g05.yaml",
    )
    .unwrap();
    let mut r = r;
    r.dimensions[0].questions[0].allow_na = true;
    let choices = match &r.dimensions[0].questions[0].kind {
        Kind::Choice(c) => c.len(),
        _ => panic!("g05 asks a choice"),
    };
    // The choice after the last one is n/a; then skip evidence and accept the review.
    let mut p = Scripted::new([Pick(choices), Enter, Pick(0)]);
    let outcome = Interview::new(&r, 0, Answers::default()).run(&mut p).unwrap();
    let Outcome::Finished(answers) = outcome else {
        panic!("not finished")
    };
    assert_eq!(answers.answers["process.step"], Answer::NotApplicable);
    assert!(p.said.iter().any(|s| s.contains(NOT_APPLICABLE_LABEL)), "{:?}", p.said);
}

#[test]
fn choice_descriptions_go_with_the_select() {
    use Act::*;
    let mut r = crate::rubric::parse(
        include_str!("../../tests/fixtures/rubrics/format2/g05.yaml"),
        "g05.yaml",
    )
    .unwrap();
    if let Kind::Choice(choices) = &mut r.dimensions[0].questions[0].kind {
        choices[1].description = Some("Works the way the team agreed.".into());
    }
    let mut p = Scripted::new([Pick(1), Enter, Pick(0)]);
    let outcome = Interview::new(&r, 0, Answers::default()).run(&mut p).unwrap();
    assert!(matches!(outcome, Outcome::Finished(_)));
    let first = &p.described[0];
    assert_eq!(first[1].as_deref(), Some("Works the way the team agreed."));
    assert!(first[0].is_none());
}

#[test]
fn the_evidence_being_typed_is_announced_until_it_is_answered() {
    use Act::*;
    let r = rubric();
    let mut calls: Vec<Option<String>> = Vec::new();
    // Answer the first evidence, then quit at the second.
    let script = vec![Pick(1), Pick(3), Type("Shipped"), Ticks(vec![0]), Type("4"), Esc];
    let mut p = Scripted::new(script);
    let outcome = Interview::new(&r, 1, Answers::default())
        .on_evidence(|d| calls.push(d.map(String::from)))
        .run(&mut p);
    assert!(matches!(outcome.unwrap(), Outcome::Quit(_)));
    // Quitting at an evidence prompt leaves it announced: a stop keeps the draft.
    assert_eq!(calls, [Some("delivery".to_string()), None, Some("craft".to_string())]);
}

#[test]
fn no_band_or_level_is_echoed_while_answering() {
    let (outcome, p) = run(Answers::default(), full_script());
    assert!(matches!(outcome.unwrap(), Outcome::Finished(_)));
    let said = p.said.join("\n");
    // craft.hours is 4: the fixture's band for it is "regular", at level mid.
    assert!(said.contains("→ 4 hours"), "{said}");
    for cue in ["regular", "(mid", "Mid-level)"] {
        assert!(!said.contains(cue), "{cue:?} was echoed:\n{said}");
    }
}

#[test]
fn tab_at_an_evidence_prompt_skips_all_the_rest() {
    use Act::*;
    // full_script without its evidence prompts: Tab at the first skips the other two.
    let script = vec![
        Pick(1),
        Pick(3),
        Type(SKIP_ALL),
        Ticks(vec![0, 1]),
        Type("4"),
        Pick(1),
        Ticks(vec![0]),
        Pick(0),
    ];
    let (outcome, p) = run(Answers::default(), script);
    let mut expected = full_answers();
    expected.evidence.clear();
    assert_eq!(outcome.unwrap(), Outcome::Finished(expected));
    assert!(p.acts.is_empty());
    assert!(
        p.said.iter().any(|s| s.contains("No more evidence prompts")),
        "{:?}",
        p.said
    );
}
