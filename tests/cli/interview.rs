//! The interview in a real terminal (a pty driven by expectrl): defaults all
//! the way through, Ctrl-C part-way, and resuming; signals and keys that stop
//! it at every kind of prompt.

#![cfg(unix)]

use crate::support::{hermetic, levelup};
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession as Session;
use expectrl::{ControlCode, Expect};
use levelup::rubric::{Kind, Rubric};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// What the person does at each prompt of the built-in rubric, in order.
#[derive(Debug, Clone)]
enum Step {
    /// A question: wait for its counter, then answer (`number`: the lowest
    /// number it takes, typed for a number question).
    Question { counter: String, number: Option<String> },
    /// The optional evidence after a dimension: skip it.
    Evidence,
}

/// How many questions the built-in rubric asks.
fn total() -> usize {
    Rubric::builtin("senior-staff").unwrap().question_ids().count()
}

/// "question N of TOTAL", as the interview counts.
fn counter(n: usize) -> String {
    format!("question {n} of {}", total())
}

fn steps() -> Vec<Step> {
    let rubric = Rubric::builtin("senior-staff").unwrap();
    let total = rubric.question_ids().count();
    let mut steps = Vec::new();
    let mut n = 0;
    for d in &rubric.dimensions {
        for q in &d.questions {
            n += 1;
            let number = match &q.kind {
                Kind::Number { min, .. } => Some(min.to_string()),
                _ => None,
            };
            steps.push(Step::Question {
                counter: format!("question {n} of {total}"),
                number,
            });
        }
        // No evidence is asked for a signal.
        if !d.signal {
            steps.push(Step::Evidence);
        }
    }
    for _ in rubric.fit_questions() {
        n += 1;
        steps.push(Step::Question {
            counter: format!("question {n} of {total}"),
            number: None,
        });
    }
    steps
}

/// `levelup ARGS` in a pty; `shell` wraps it in `sh -c` (for redirections).
fn spawn(home: &Path, args: &str, shell: bool) -> Session {
    let bin = env!("CARGO_BIN_EXE_levelup");
    if shell {
        return spawn_script(home, &format!("exec {bin} {args}"));
    }
    let mut cmd = Command::new(bin);
    cmd.args(args.split_whitespace());
    in_pty(cmd, home)
}

/// A shell script in a pty, with the environment of [`spawn`].
fn spawn_script(home: &Path, script: &str) -> Session {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(script);
    in_pty(cmd, home)
}

fn in_pty(mut cmd: Command, home: &Path) -> Session {
    hermetic(&mut cmd, home);
    // The same locale as every other run (block characters in the report).
    cmd.env("LANG", "C.UTF-8").env_remove("LC_ALL").env_remove("LC_CTYPE");
    cmd.current_dir(home)
        .env("XDG_STATE_HOME", home.join("state"))
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE");
    let mut session = Session::spawn(cmd).expect("spawn levelup in a pty");
    session.get_process_mut().set_window_size(100, 40).expect("window size");
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session
}

/// Answer `steps` with the defaults (Enter), typing the lowest number where a number is asked.
fn answer(session: &mut Session, steps: &[Step]) {
    for step in steps {
        match step {
            Step::Question { counter, number } => {
                session
                    .expect(counter.as_str())
                    .unwrap_or_else(|e| panic!("waiting for {counter}: {e}"));
                if let Some(n) = number {
                    session.expect("A number from").unwrap();
                    session.send(format!("{n}\r")).unwrap();
                } else {
                    session.send("\r").unwrap();
                }
            }
            Step::Evidence => {
                session.expect("Evidence (optional").unwrap();
                session.send("\r").unwrap();
            }
        }
    }
}

/// A plain `assess` in a pty with `steps` answered by [`answer`].
fn started(home: &Path, steps: &[Step]) -> Session {
    let mut s = spawn(home, "assess", false);
    s.expect("Your answers stay on this machine").unwrap();
    answer(&mut s, steps);
    s
}

/// Where question `n` is among `steps` (evidence prompts come between).
fn at_question(steps: &[Step], n: usize) -> usize {
    steps
        .iter()
        .position(|s| matches!(s, Step::Question { counter: c, .. } if *c == counter(n)))
        .unwrap()
}

/// What [`answer`] types at `step`.
fn typed(step: &Step) -> String {
    match step {
        Step::Question { number: Some(n), .. } => format!("{n}\r"),
        _ => "\r".to_string(),
    }
}

fn exit_code(session: &Session) -> i32 {
    match session.get_process().wait().expect("levelup ends") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("levelup did not exit normally: {other:?}"),
    }
}

#[test]
fn defaults_all_the_way_give_a_report_on_stdout() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), "assess --format markdown > report.md", true);
    s.expect("Your answers stay on this machine").unwrap();
    answer(&mut s, &steps());
    s.expect("Looks right").unwrap();
    s.send("\r").unwrap();
    s.expect("Save them to").unwrap();
    s.send("\r").unwrap();
    s.expect("Answers saved to").unwrap();
    assert_eq!(exit_code(&s), 0);

    let report = std::fs::read_to_string(home.path().join("report.md")).unwrap();
    assert!(report.starts_with("# Gap report: towards Staff Engineer"), "{report}");
    assert!(!report.contains('\u{1b}'), "no terminal codes in the report");
    assert!(!report.contains("question 1 of"), "prompts stay off stdout");

    // The saved answers reproduce the report exactly.
    let today = std::fs::read_dir(home.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .find(|n| n.starts_with("levelup-answers-"))
        .expect("answers saved under a dated name");
    let again = levelup(&[
        "assess",
        "--answers",
        &home.path().join(&today).to_string_lossy(),
        "-f",
        "markdown",
    ])
    .ok();
    assert_eq!(again.stdout, report);
}

#[test]
fn ctrl_c_saves_progress_and_resume_finishes_it() {
    let home = tempfile::tempdir().unwrap();
    let steps = steps();
    let mut s = spawn(home.path(), "assess", false);
    s.expect("Your answers stay on this machine").unwrap();
    answer(&mut s, &steps[..at_question(&steps, 3)]);
    s.expect("question 3 of").unwrap();
    s.send(ControlCode::EndOfText).unwrap();
    let after = s.expect("Continue with: levelup assess --resume").unwrap();
    let shown = String::from_utf8_lossy(after.before()).to_string();
    assert!(shown.contains("\u{1b}[?25h"), "the cursor is shown again: {shown:?}");
    assert!(shown.contains("2 answers saved to"), "{shown:?}");
    assert_eq!(exit_code(&s), 130);

    let resume = home.path().join("state/levelup/resume.yaml");
    let saved = std::fs::read_to_string(&resume).expect("resume file written");
    assert!(
        saved.contains("scope.teams: none") && saved.contains("scope.stakeholders: []"),
        "{saved}"
    );

    // --resume picks up at question 3 and finishes; the report equals the one
    // made from the saved answers file.
    let args = "assess --resume --format markdown -o report.md --save-answers answers.yaml";
    let mut s = spawn(home.path(), args, false);
    s.expect(format!("{} of {} questions left to answer", total() - 2, total()).as_str())
        .unwrap();
    // The counter goes on from where it stopped: question 3.
    let third = at_question(&steps, 3);
    let rest: Vec<Step> = steps.into_iter().skip(third).collect();
    answer(&mut s, &rest);
    s.expect("Looks right").unwrap();
    s.send("\r").unwrap();
    s.expect("Answers saved to answers.yaml").unwrap();
    assert_eq!(exit_code(&s), 0);
    assert!(!resume.exists(), "a finished interview removes the resume file");

    let report = std::fs::read_to_string(home.path().join("report.md")).unwrap();
    let from_file = levelup(&[
        "assess",
        "--answers",
        &home.path().join("answers.yaml").to_string_lossy(),
        "-f",
        "markdown",
    ])
    .ok();
    assert_eq!(from_file.stdout, report);
}

#[test]
fn esc_quits_and_resume_needs_a_saved_interview() {
    let home = tempfile::tempdir().unwrap();
    let mut s = spawn(home.path(), "assess --resume", false);
    s.expect("nothing to resume").unwrap();
    assert_eq!(exit_code(&s), 2);

    let mut s = spawn(home.path(), "assess", false);
    s.expect("question 1 of").unwrap();
    s.send(ControlCode::Escape).unwrap();
    s.expect("Continue with: levelup assess --resume").unwrap();
    assert_eq!(exit_code(&s), 130);
}

/// `levelup plan` runs the same interview: stopped, it points back at
/// `plan --resume`, which finishes it and shows the plan.
#[test]
fn a_stopped_plan_interview_resumes_as_a_plan() {
    let home = tempfile::tempdir().unwrap();
    let steps = steps();
    let mut s = spawn(home.path(), "plan", false);
    s.expect("Your answers stay on this machine").unwrap();
    answer(&mut s, &steps[..at_question(&steps, 3)]);
    s.expect("question 3 of").unwrap();
    s.send(ControlCode::EndOfText).unwrap();
    s.expect("Continue with: levelup plan --resume").unwrap();
    assert_eq!(exit_code(&s), 130);

    let mut s = spawn(home.path(), "plan --resume -f markdown -o plan.md", false);
    s.expect("questions left to answer").unwrap();
    let third = at_question(&steps, 3);
    let rest: Vec<Step> = steps.into_iter().skip(third).collect();
    answer(&mut s, &rest);
    s.expect("Looks right").unwrap();
    s.send("\r").unwrap();
    // As after assess, the answers are offered a file of their own.
    s.expect("Save them to").unwrap();
    s.send("\r").unwrap();
    s.expect("Answers saved to").unwrap();
    assert_eq!(exit_code(&s), 0);
    let plan = std::fs::read_to_string(home.path().join("plan.md")).unwrap();
    assert!(plan.contains("Shortest path to Staff Engineer"), "{plan}");
    assert!(!plan.contains("Top gaps"), "only the plan: {plan}");
}

/// Where in the interview the person is stopped.
#[derive(Debug, Clone, Copy)]
enum At {
    /// At "continue or start over", with an unfinished interview of two answers waiting.
    Waiting,
    /// At question 3, two answered.
    Question,
    /// Half-way through typing the first dimension's evidence.
    Evidence,
    /// At the review screen, every question answered.
    Review,
    /// At the final "Save them to …?" prompt.
    SavePrompt,
}

/// How the interview is stopped.
#[derive(Debug, Clone, Copy)]
enum By {
    CtrlC,
    Esc,
    Signal(&'static str, i32),
}

/// Run `levelup assess` in a pty under `sh`, which afterwards prints the exit
/// code and `stty -a` of the same terminal; stop it `at` a point `by` a key or
/// a signal; return (exit code, everything shown).
#[cfg(target_os = "linux")]
fn stop_interview(home: &Path, at: At, by: By) -> (i32, String) {
    let bin = env!("CARGO_BIN_EXE_levelup");
    if matches!(at, At::Waiting) {
        // Two answers to the first two questions.
        let state = home.join("state/levelup");
        std::fs::create_dir_all(&state).unwrap();
        let waiting =
            "rubric: senior-staff\ntarget: staff\nanswers:\n  scope.teams: one-team\n  scope.stakeholders: []\n";
        std::fs::write(state.join("resume.yaml"), waiting).unwrap();
    }
    let mut s = spawn_script(
        home,
        // A Ctrl-C that lands between two key reads (the terminal briefly not
        // raw) signals the whole foreground group: the shell must outlive it
        // to report, as an interactive shell would.
        &format!("trap : INT; stty sane; {bin} assess; echo EXIT=$?; stty -a; echo END-OF-STTY"),
    );
    let shell = s.get_process().pid().as_raw();
    let mut shown = String::new();
    let mut wait = |s: &mut Session, text: &str| {
        let found = s.expect(text).unwrap_or_else(|e| panic!("waiting for {text}: {e}"));
        shown.push_str(&String::from_utf8_lossy(found.before()));
        shown.push_str(&String::from_utf8_lossy(found.get(0).unwrap_or_default()));
    };
    if !matches!(at, At::Waiting) {
        wait(&mut s, "Your answers stay on this machine");
    }
    let steps = steps();
    let first_evidence = steps.iter().position(|s| matches!(s, Step::Evidence)).unwrap();
    match at {
        At::Waiting => wait(&mut s, "Start over"),
        At::Question => {
            answer(&mut s, &steps[..at_question(&steps, 3)]);
            wait(&mut s, "question 3 of");
        }
        At::Evidence => {
            answer(&mut s, &steps[..first_evidence]);
            wait(&mut s, "Evidence (optional");
            // Home after the text: only once levelup has read all 13 keys does
            // it move the cursor 13 left ("\x1b[13D"). The terminal's own echo of
            // keys typed ahead cannot produce that, so a stop cannot overtake them.
            s.send("led the migra\x1b[H").unwrap();
            wait(&mut s, "\x1b[13D");
        }
        At::Review => {
            answer(&mut s, &steps);
            wait(&mut s, "Looks right");
        }
        At::SavePrompt => {
            answer(&mut s, &steps);
            wait(&mut s, "Looks right");
            s.send("\r").unwrap();
            wait(&mut s, "Save them to");
        }
    }
    match by {
        By::CtrlC => s.send(ControlCode::EndOfText).unwrap(),
        By::Esc => s.send(ControlCode::Escape).unwrap(),
        By::Signal(name, _) => {
            let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
            let levelup = children
                .split_whitespace()
                .next()
                .expect("levelup runs under the shell");
            let sent = Command::new("kill")
                .arg(format!("-{name}"))
                .arg(levelup)
                .status()
                .unwrap();
            assert!(sent.success());
        }
    }
    wait(&mut s, "EXIT=");
    let code_line = s.expect("\n").unwrap();
    let code: i32 = String::from_utf8_lossy(code_line.before()).trim().parse().unwrap();
    wait(&mut s, "END-OF-STTY");
    (code, shown)
}

#[cfg(target_os = "linux")]
#[test]
fn every_way_of_stopping_keeps_the_answers_and_the_terminal() {
    let total = Rubric::builtin("senior-staff").unwrap().question_ids().count();
    let first_dimension = Rubric::builtin("senior-staff").unwrap().dimensions[0].questions.len();
    let cases = [
        (At::Waiting, By::Signal("TERM", 143), 2),
        (At::Waiting, By::Signal("HUP", 129), 2),
        (At::Waiting, By::CtrlC, 2),
        (At::Question, By::Signal("TERM", 143), 2),
        (At::Question, By::Signal("HUP", 129), 2),
        (At::Question, By::Signal("QUIT", 131), 2),
        (At::Evidence, By::Signal("TERM", 143), first_dimension),
        (At::Evidence, By::CtrlC, first_dimension),
        (At::Review, By::Signal("HUP", 129), total),
        (At::Review, By::CtrlC, total),
        (At::SavePrompt, By::CtrlC, total),
        (At::SavePrompt, By::Esc, total),
        (At::SavePrompt, By::Signal("TERM", 143), total),
    ];
    for (at, by, answered) in cases {
        let home = tempfile::tempdir().unwrap();
        let (code, shown) = stop_interview(home.path(), at, by);
        let expected = match by {
            By::CtrlC | By::Esc => 130,
            By::Signal(_, code) => code,
        };
        assert_eq!(code, expected, "{at:?} {by:?}: {shown}");
        assert!(
            shown.contains("\u{1b}[?25h"),
            "{at:?} {by:?}: the cursor is shown again"
        );
        let modes: Vec<&str> = shown.split_whitespace().collect();
        for mode in ["icanon", "echo"] {
            assert!(modes.contains(&mode), "{at:?} {by:?}: `stty -a` shows {mode}: {shown}");
        }
        let state = home.path().join("state/levelup");
        let resume = std::fs::read_to_string(state.join("resume.yaml"))
            .unwrap_or_else(|e| panic!("{at:?} {by:?}: no resume file ({e}): {shown}"));
        let kept = levelup::answers::parse(&resume, levelup::answers::Format::Yaml, "resume.yaml").unwrap();
        if matches!(at, At::Evidence) {
            let dimension = &Rubric::builtin("senior-staff").unwrap().dimensions[0].id;
            assert_eq!(
                kept.evidence.get(dimension),
                Some(&Some("led the migra".to_string())),
                "{by:?}: the evidence typed so far is kept:\n{resume}"
            );
        }
        let answers = kept.answers.len();
        assert!(
            answers == answered,
            "{at:?} {by:?}: {answered} answers kept, found {answers}:\n{resume}"
        );
        let leftovers: Vec<_> = std::fs::read_dir(&state)
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with(".levelup-"))
            .collect();
        assert!(leftovers.is_empty(), "{at:?} {by:?}: temp files left: {leftovers:?}");

        // --resume goes on where it stopped.
        let mut s = spawn(home.path(), "assess --resume -o report.md", false);
        match at {
            At::Question | At::Waiting => {
                s.expect(counter(3).as_str()).unwrap();
                s.send(ControlCode::Escape).unwrap();
                s.expect("Continue with").unwrap();
                assert_eq!(exit_code(&s), 130);
            }
            At::Evidence => {
                // The evidence typed so far was kept: the next question
                // follows (the review offers the evidence to change).
                s.expect(counter(first_dimension + 1).as_str()).unwrap();
                s.send(ControlCode::Escape).unwrap();
                s.expect("Continue with").unwrap();
                assert_eq!(exit_code(&s), 130);
            }
            At::Review | At::SavePrompt => {
                s.expect("Every question is already answered").unwrap();
                s.expect("Looks right").unwrap();
                s.send("\r").unwrap();
                s.expect("Save them to").unwrap();
                s.send("\r").unwrap();
                s.expect("Answers saved to").unwrap();
                assert_eq!(exit_code(&s), 0);
                assert!(home.path().join("report.md").is_file());
                assert!(
                    !state.join("resume.yaml").exists(),
                    "{at:?} {by:?}: the resume file goes once the report is out"
                );
            }
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn answers_that_cannot_be_saved_are_printed_and_the_exit_code_says_so() {
    let home = tempfile::tempdir().unwrap();
    // A file where the state folder should be: the resume file cannot be written.
    std::fs::write(home.path().join("state"), "not a folder").unwrap();
    let mut s = spawn(home.path(), "assess", false);
    s.expect("Your answers stay on this machine").unwrap();
    answer(&mut s, &steps()[..at_question(&steps(), 3)]);
    s.expect("question 3 of").unwrap();
    s.send(ControlCode::EndOfText).unwrap();
    s.expect("could not save your answers").unwrap();
    let shown = s.expect("scope.stakeholders: []").unwrap();
    let shown = String::from_utf8_lossy(shown.before()).to_string();
    assert!(shown.contains("scope.teams: none"), "{shown}");
    assert_eq!(exit_code(&s), 1, "1, not 130: nothing was kept");
}

#[test]
fn a_second_start_keeps_the_unfinished_interview() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state/levelup");
    std::fs::create_dir_all(&state).unwrap();
    let earlier = "rubric: senior-staff\ntarget: staff\nanswers:\n  scope.teams: one-team\n  scope.stakeholders: []\n";
    std::fs::write(state.join("resume.yaml"), earlier).unwrap();

    // Continue: the interview goes on at question 3.
    let mut s = spawn(home.path(), "assess", false);
    s.expect("An unfinished interview is waiting").unwrap();
    s.expect("(2 answers)").unwrap();
    s.send("\r").unwrap();
    s.expect(counter(3).as_str()).unwrap();
    s.send(ControlCode::Escape).unwrap();
    s.expect("2 answers saved to").unwrap();
    assert_eq!(exit_code(&s), 130);

    // Start over: the earlier answers move aside, the new interview starts at 1.
    let mut s = spawn(home.path(), "assess", false);
    s.expect("An unfinished interview is waiting").unwrap();
    s.send("\x1b[B").unwrap(); // Down
    s.send("\r").unwrap();
    s.expect("The unfinished answers are kept in").unwrap();
    s.expect(counter(1).as_str()).unwrap();
    s.send("\r").unwrap();
    s.expect(counter(2).as_str()).unwrap();
    s.send(ControlCode::EndOfText).unwrap();
    s.expect("1 answer saved to").unwrap();
    assert_eq!(exit_code(&s), 130);

    let kept: Vec<_> = std::fs::read_dir(&state)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("resume-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let old = std::fs::read_to_string(&kept[0]).unwrap();
    assert!(
        old.contains("scope.stakeholders: []"),
        "the earlier answers survive: {old}"
    );
    let new = std::fs::read_to_string(state.join("resume.yaml")).unwrap();
    assert!(
        new.contains("scope.teams") && !new.contains("scope.stakeholders"),
        "{new}"
    );
}

#[test]
fn text_prompts_can_be_edited_in_the_middle() {
    let home = tempfile::tempdir().unwrap();
    let steps = steps();
    let first_evidence = steps.iter().position(|s| matches!(s, Step::Evidence)).unwrap();
    let mut s = started(home.path(), &steps[..first_evidence]);
    s.expect("Evidence (optional").unwrap();
    s.send("led the migra").unwrap();
    s.expect("› led the migra").unwrap();
    // Five times Left, Ctrl-W (the word before), then type; Home, Delete.
    s.send("\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\x17X\x1b[H\x1b[3~").unwrap();
    s.expect("ed Xmigra").unwrap();
    s.send("\r").unwrap();
    s.expect(format!("question {} of", first_evidence + 1).as_str())
        .unwrap();
    s.send(ControlCode::Escape).unwrap();
    s.expect("Continue with").unwrap();
    assert_eq!(exit_code(&s), 130);
    let resume = std::fs::read_to_string(home.path().join("state/levelup/resume.yaml")).unwrap();
    assert!(resume.contains("ed Xmigra") && !resume.contains("led"), "{resume}");
}

#[test]
fn back_in_a_checklist_is_an_action_not_a_checkbox() {
    let home = tempfile::tempdir().unwrap();
    let rubric = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/rubrics/checklist-ladder.yaml");
    let mut s = spawn(home.path(), &format!("assess --rubric {}", rubric.display()), false);
    s.expect("question 1 of").unwrap();
    // The first question has no Back row: Up wraps to the last item.
    s.send("\x1b[A \r").unwrap();
    s.expect("Evidence (optional").unwrap();
    s.send("\r").unwrap();
    s.expect("question 2 of").unwrap();
    // Tick the first item; Up wraps to Back, shown without a box; Space there
    // ticks nothing; Down and Enter answer with the one tick.
    s.send(" ").unwrap();
    s.expect("[x] Writes tests").unwrap();
    s.send("\x1b[A").unwrap();
    s.expect("> ← Back to the previous question").unwrap();
    s.send(" ").unwrap();
    s.send("\x1b[B\r").unwrap();
    s.expect("Technical craft · evidence").unwrap();
    // Back from the next checklist: Enter on its Back row.
    s.send("\r").unwrap();
    s.expect("question 3 of").unwrap();
    s.send("\x1b[A\r").unwrap();
    s.expect("Technical craft · evidence").unwrap();
    s.send(ControlCode::Escape).unwrap();
    s.expect("Continue with").unwrap();
    assert_eq!(exit_code(&s), 130);
    let resume = std::fs::read_to_string(home.path().join("state/levelup/resume.yaml")).unwrap();
    let kept = levelup::answers::parse(&resume, levelup::answers::Format::Yaml, "resume.yaml").unwrap();
    let items = |id: &str| match &kept.answers[id] {
        levelup::answers::RawValue::List(items) => items.clone(),
        other => panic!("{id}: {other:?}"),
    };
    assert_eq!(items("delivery.criteria"), ["l5-continuity"]);
    assert_eq!(items("craft.criteria"), ["l2-tests"]);
    assert_eq!(kept.answers.len(), 2, "{resume}");
}

/// `assess --answers FILE` with questions left open, in a pty, from `home`.
#[cfg(target_os = "linux")]
fn assess_partial(home: &Path) -> Session {
    let full =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers/staff.yaml")).unwrap();
    // Leave the first question open.
    let partial: String = full
        .lines()
        .filter(|l| !l.contains("scope.teams:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(home.join("partial.yaml"), partial).unwrap();
    let mut s = spawn(home, "assess --answers partial.yaml", false);
    s.expect("question 1 of").unwrap();
    s.send("\r").unwrap();
    s.expect("Looks right").unwrap();
    s.send("\r").unwrap();
    s.expect("Save them to").unwrap();
    s
}

#[cfg(target_os = "linux")]
#[test]
fn another_interview_never_replaces_or_removes_the_waiting_one() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state/levelup");
    std::fs::create_dir_all(&state).unwrap();
    let waiting = "rubric: senior-staff\nanswers:\n  scope.teams: two-teams\n";
    std::fs::write(state.join("resume.yaml"), waiting).unwrap();

    // Finished: the waiting interview stays where it is.
    let mut s = assess_partial(home.path());
    s.send("n").unwrap();
    s.expect("gap report").unwrap();
    assert_eq!(exit_code(&s), 0);
    assert_eq!(std::fs::read_to_string(state.join("resume.yaml")).unwrap(), waiting);

    // Stopped at the save offer: this one becomes resume.yaml, the waiting
    // one moves to resume-TIME.yaml.
    let mut s = assess_partial(home.path());
    s.send(ControlCode::Escape).unwrap();
    s.expect("is kept in").unwrap();
    s.expect("Continue with").unwrap();
    assert_eq!(exit_code(&s), 130);
    let kept: Vec<_> = std::fs::read_dir(&state)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("resume-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), waiting);
    let now = std::fs::read_to_string(state.join("resume.yaml")).unwrap();
    assert!(now.contains("scope.teams: none"), "{now}");
}

#[cfg(target_os = "linux")]
#[test]
fn two_runs_continuing_one_interview_keep_what_the_other_saved() {
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("state/levelup");
    std::fs::create_dir_all(&state).unwrap();
    let waiting = "rubric: senior-staff\ntarget: staff\nanswers:\n  scope.teams: one-team\n  scope.stakeholders: []\n";
    std::fs::write(state.join("resume.yaml"), waiting).unwrap();
    let mut a = spawn(home.path(), "assess --resume -o a.md", false);
    let mut b = spawn(home.path(), "assess --resume -o b.md", false);
    a.expect(counter(3).as_str()).unwrap();
    b.expect(counter(3).as_str()).unwrap();
    // B answers one more and stops: its three answers are the resume file now.
    let steps = steps();
    let third = at_question(&steps, 3);
    b.send(typed(&steps[third])).unwrap();
    b.expect(match &steps[third + 1] {
        Step::Question { counter, .. } => counter.as_str(),
        Step::Evidence => "Evidence (optional",
    })
    .unwrap();
    b.send(ControlCode::Escape).unwrap();
    b.expect("Continue with").unwrap();
    assert_eq!(exit_code(&b), 130);
    // A finishes: its report is out, and B's answers stay.
    a.send(typed(&steps[third])).unwrap();
    answer(&mut a, &steps[third + 1..]);
    a.expect("Looks right").unwrap();
    a.send("\r").unwrap();
    a.expect("Save them to").unwrap();
    a.send("n").unwrap();
    assert_eq!(exit_code(&a), 0);
    assert!(home.path().join("a.md").is_file());
    let kept = std::fs::read_to_string(state.join("resume.yaml")).expect("B's answers are still there");
    let kept = levelup::answers::parse(&kept, levelup::answers::Format::Yaml, "resume.yaml").unwrap();
    assert_eq!(kept.answers.len(), 3);
}

#[cfg(target_os = "linux")]
#[test]
fn an_output_that_fails_after_the_interview_keeps_the_answers() {
    let home = tempfile::tempdir().unwrap();
    let full =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/answers/staff.yaml")).unwrap();
    let partial: String = full
        .lines()
        .filter(|l| !l.contains("scope.teams:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(home.path().join("partial.yaml"), partial).unwrap();
    // /dev/full passes every check and fails only when written.
    let mut s = spawn(
        home.path(),
        "assess --answers partial.yaml --chart /dev/full --save-answers s.yaml",
        false,
    );
    s.expect("question 1 of").unwrap();
    s.send("\r").unwrap();
    s.expect("Looks right").unwrap();
    s.send("\r").unwrap();
    s.expect("Your answers are kept in").unwrap();
    assert_eq!(exit_code(&s), 1);
    assert!(!home.path().join("s.yaml").exists(), "nothing was written");
    let kept = std::fs::read_to_string(home.path().join("state/levelup/resume.yaml")).unwrap();
    let kept = levelup::answers::parse(&kept, levelup::answers::Format::Yaml, "resume.yaml").unwrap();
    assert_eq!(kept.answers.len(), total());
}

#[test]
fn a_rejected_number_stays_on_the_line_to_correct() {
    let home = tempfile::tempdir().unwrap();
    let steps = steps();
    let number = steps
        .iter()
        .position(|s| matches!(s, Step::Question { number: Some(_), .. }))
        .unwrap();
    let mut s = started(home.path(), &steps[..number]);
    s.expect("A number from").unwrap();
    s.send("100000\r").unwrap();
    s.expect("out of range").unwrap();
    s.expect("› 100000").unwrap();
    // Backspace five times: 1 is left, and accepted.
    s.send("\x7f\x7f\x7f\x7f\x7f\r").unwrap();
    match &steps[number + 1] {
        Step::Question { counter, .. } => s.expect(counter.as_str()).unwrap(),
        Step::Evidence => s.expect("Evidence (optional").unwrap(),
    };
    s.send(ControlCode::Escape).unwrap();
    s.expect("Continue with").unwrap();
    assert_eq!(exit_code(&s), 130);
    let resume = std::fs::read_to_string(home.path().join("state/levelup/resume.yaml")).unwrap();
    assert!(resume.contains(": 1\n"), "{resume}");
}

#[test]
fn tab_at_an_evidence_prompt_skips_every_evidence_prompt() {
    let home = tempfile::tempdir().unwrap();
    let steps = steps();
    let first_evidence = steps.iter().position(|s| matches!(s, Step::Evidence)).unwrap();
    let second_evidence = first_evidence
        + 1
        + steps[first_evidence + 1..]
            .iter()
            .position(|s| matches!(s, Step::Evidence))
            .unwrap();
    let mut s = started(home.path(), &steps[..first_evidence]);
    s.expect("Tab to skip all").unwrap();
    // With text typed, Tab does nothing: the text is kept.
    s.send("ab\t\r").unwrap();
    answer(&mut s, &steps[first_evidence + 1..second_evidence]);
    s.expect("Tab to skip all").unwrap();
    s.send("\t").unwrap();
    s.expect("No more evidence prompts").unwrap();
    // Every question after it, no evidence prompt in between, then the review.
    let questions: Vec<Step> = steps[second_evidence + 1..]
        .iter()
        .filter(|s| !matches!(s, Step::Evidence))
        .cloned()
        .collect();
    answer(&mut s, &questions);
    let review = s.expect("Looks right").unwrap();
    assert!(!String::from_utf8_lossy(review.before()).contains("Evidence (optional"));
    s.send(ControlCode::Escape).unwrap();
    s.expect("Continue with").unwrap();
    assert_eq!(exit_code(&s), 130);
    let resume = std::fs::read_to_string(home.path().join("state/levelup/resume.yaml")).unwrap();
    assert!(resume.contains("scope: ab\n"), "{resume}");
}

/// Where the locale is not UTF-8 (LANG=C), the interview shows ASCII only:
/// its own marks, the question texts and the list of choices.
#[test]
fn the_interview_is_ascii_under_lang_c() {
    let home = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_levelup");
    let mut s = spawn_script(home.path(), &format!("LANG=C LC_ALL=C exec {bin} assess"));
    let first = s.expect("question 1 of").unwrap();
    let mut seen = first.before().to_vec();
    s.send("\r").unwrap();
    let second = s.expect("Back to the previous question").unwrap();
    seen.extend_from_slice(second.before());
    // The checklist, then the evidence prompt: a text prompt of our own.
    s.send("\r").unwrap();
    let third = s.expect("Evidence (optional").unwrap();
    seen.extend_from_slice(third.before());
    s.send("Q").unwrap();
    // The prompt's own mark, as ASCII.
    let typed = s.expect("> Q").unwrap();
    seen.extend_from_slice(typed.before());
    let text = String::from_utf8_lossy(&seen);
    assert!(text.contains("Scope"), "{text}");
    assert!(seen.is_ascii(), "not ASCII: {text}");
    s.send("\u{1b}").unwrap();
    s.expect("Stopped").unwrap();
}

#[test]
fn a_report_refused_after_the_interview_keeps_the_answers() {
    let home = tempfile::tempdir().unwrap();
    // The rubric the answers name is installed: read by id, after the
    // outputs were first checked.
    let rubrics = home.path().join(".config/levelup/rubrics");
    std::fs::create_dir_all(&rubrics).unwrap();
    let installed = rubrics.join("p.yaml");
    std::fs::copy(crate::support::path("examples/rubrics/profile-ladder.yaml"), &installed).unwrap();
    let rubric = std::fs::read(&installed).unwrap();
    // Every question answered: --resume goes straight to the review.
    let state = home.path().join("state/levelup");
    std::fs::create_dir_all(&state).unwrap();
    let resume = state.join("resume.yaml");
    std::fs::copy(crate::support::path("examples/answers/profile-ladder.yaml"), &resume).unwrap();

    let args = format!(
        "assess --resume --save-answers answers.yaml -o {} --force",
        installed.display()
    );
    let mut s = spawn(home.path(), &args, false);
    s.expect("Looks right").unwrap();
    s.send("\r").unwrap();
    s.expect("Your answers are kept in").unwrap();
    s.expect("is an input of this run").unwrap();
    assert_eq!(exit_code(&s), 2);
    assert_eq!(std::fs::read(&installed).unwrap(), rubric, "the rubric is untouched");
    assert!(!home.path().join("answers.yaml").exists(), "nothing was written");
    let kept = std::fs::read_to_string(&resume).expect("the resume file is kept");
    let kept = levelup::answers::parse(&kept, levelup::answers::Format::Yaml, "resume.yaml").unwrap();
    assert_eq!(kept.answers.len(), 12, "every answer is kept");
}
