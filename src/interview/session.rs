//! An interview in the real terminal: signals watched, the terminal put
//! back however it ends, and the answers so far kept on any stop.

use crate::answers::{self, Answers};
use crate::interview::terminal::{Modes, TerminalPrompter};
use crate::interview::{Interview, Outcome};
use crate::resume;
use crate::rubric::Rubric;
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// Put the terminal back once more and end the process: the prompt's thread
/// may have set raw mode again while the answers were being saved.
fn exit_restored(code: i32) -> ! {
    if let Some(modes) = MODES.get() {
        modes.restore();
    }
    std::process::exit(code)
}

/// Stopped at "continue or start over": put the terminal back, say that
/// nothing changed and exit with `code`.
fn left_waiting(code: i32) -> ! {
    if let Some(modes) = MODES.get() {
        modes.restore();
    }
    tell!(
        "\nNothing changed: the unfinished interview is still waiting (`{}` continues it).",
        resume_command()
    );
    exit_restored(code)
}

/// Ask what is missing. Returns only when the interview is finished: quitting
/// (Esc, Ctrl-C, a signal) saves the answers so far and ends the process (see
/// [`quit_interview`]). The resume file stays until the report is out.
///
/// `continuing`: the resume file `start` came from, if it did. A resume file
/// found on quitting that is not that one belongs to another interview and is
/// set aside, not replaced.
pub fn interview(
    rubric: &Rubric,
    target: usize,
    mut start: Answers,
    rubric_flag: Option<&str>,
    continuing: Option<resume::Stamp>,
) -> Result<Answers> {
    start.rubric = Some(rubric.id.clone());
    start.target = Some(rubric.levels[target].id.clone());
    // Answering questions makes a new assessment: it is dated today, even when
    // it started from last time's file.
    start.date = Some(jiff::ZonedDateTime::now().date());

    let latest = Arc::new(Mutex::new(start.clone()));
    let hint = match rubric_flag {
        Some(spec) if Rubric::builtin(spec).is_none() => format!("{} --rubric {spec}", resume_command()),
        _ => resume_command(),
    };
    let evidence: Arc<Mutex<Option<String>>> = Arc::default();
    let draft: Arc<Mutex<String>> = Arc::default();
    let stop = Stop {
        latest: Arc::clone(&latest),
        evidence: Arc::clone(&evidence),
        draft: Arc::clone(&draft),
        rubric: rubric.clone(),
        hint,
        continuing,
    };
    // One interview per process: a second call keeps the first watcher.
    let _ = STOP.set(stop);
    guard_terminal()?;

    let mut prompter = TerminalPrompter::new().with_draft(draft);
    let shared = Arc::clone(&latest);
    let outcome = Interview::new(rubric, target, start)
        .on_change(move |a| {
            if let Ok(mut slot) = shared.lock() {
                *slot = a.clone();
            }
        })
        .on_evidence(move |dimension| {
            if let Ok(mut slot) = evidence.lock() {
                *slot = dimension.map(String::from);
            }
        })
        .run(&mut prompter);
    match outcome {
        Ok(Outcome::Finished(answers)) => Ok(answers),
        Ok(Outcome::Quit(answers)) => {
            if let Ok(mut slot) = latest.lock() {
                *slot = answers;
            }
            quit_interview(CTRL_C)
        }
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => quit_interview(CTRL_C),
        // The terminal went away (a closed window may read as an error
        // before its SIGHUP arrives): the answers are kept all the same.
        Err(e) => quit_interview_after(&e),
    }
}

/// Exit code of an interview stopped with Esc or Ctrl-C (128 + SIGINT).
pub const CTRL_C: i32 = 130;

/// What quitting an interview needs: the answers so far and how to save them.
struct Stop {
    latest: Arc<Mutex<Answers>>,
    /// The dimension whose evidence is being typed, if any, and the line so
    /// far: a stop in the middle keeps it as that dimension's evidence.
    evidence: Arc<Mutex<Option<String>>>,
    draft: Arc<Mutex<String>>,
    rubric: Rubric,
    hint: String,
    /// The resume file the interview continues (any other is another's).
    continuing: Option<resume::Stamp>,
}

static STOP: std::sync::OnceLock<Stop> = std::sync::OnceLock::new();

/// The subcommand running the interview (`assess` or `plan`), for the
/// "continue with" hints; `assess` unless [`for_command`] said otherwise.
static COMMAND: std::sync::OnceLock<&'static str> = std::sync::OnceLock::new();

/// Name the subcommand whose interview this is, so that a stopped one
/// points back at it (`levelup plan --resume`). First call wins.
pub fn for_command(name: &'static str) {
    let _ = COMMAND.set(name);
}

/// `levelup assess --resume` or `levelup plan --resume`.
pub fn resume_command() -> String {
    format!("levelup {} --resume", COMMAND.get().copied().unwrap_or("assess"))
}

/// The terminal's modes before the first prompt, put back however the run ends.
static MODES: std::sync::OnceLock<Modes> = std::sync::OnceLock::new();

/// Before the first prompt: note the terminal's modes and watch for the
/// signals that stop a run (once per process).
pub fn guard_terminal() -> Result<()> {
    if MODES.set(Modes::save()).is_ok() {
        watch_signals()?;
    }
    Ok(())
}

/// Signals other than SIGINT, each with whether it has arrived.
static SIGNALLED: std::sync::OnceLock<Vec<(i32, Arc<AtomicBool>)>> = std::sync::OnceLock::new();

/// SIGINT, SIGTERM, SIGHUP (a closed window, a dropped ssh session) and
/// SIGQUIT all end the interview the same way, with exit code 128 + the
/// signal's number.
#[cfg(unix)]
fn watch_signals() -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let watched = [SIGINT, SIGTERM, SIGHUP, SIGQUIT];
    // A signal also wakes the prompt, which may quit first: the flags, set
    // inside the handler, tell it which signal to exit with.
    let flags: Vec<(i32, Arc<AtomicBool>)> = [SIGTERM, SIGHUP, SIGQUIT]
        .into_iter()
        .map(|signal| (signal, Arc::default()))
        .collect();
    for (signal, flag) in &flags {
        signal_hook::flag::register(*signal, Arc::clone(flag)).context("cannot watch for signals")?;
    }
    let _ = SIGNALLED.set(flags);
    let mut signals = signal_hook::iterator::Signals::new(watched).context("cannot watch for signals")?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            quit_interview(128 + signal);
        }
    });
    Ok(())
}

#[cfg(not(unix))]
fn watch_signals() -> Result<()> {
    ctrlc::set_handler(|| quit_interview(CTRL_C)).context("cannot watch for Ctrl-C")
}

/// [`quit_interview`] after the terminal failed: with a signal on its way the
/// signal's exit code, else exit 1 with what went wrong.
pub fn quit_interview_after(e: &std::io::Error) -> ! {
    let signalled = SIGNALLED
        .get()
        .is_some_and(|flags| flags.iter().any(|(_, set)| set.load(Ordering::SeqCst)));
    if !signalled {
        tell!("\nlevelup: error: the interview stopped: {e}");
    }
    quit_interview(1)
}

/// Put the terminal back, save the answers so far to the resume file, say how
/// to continue and exit with `code`. Where they cannot be saved, they are
/// printed on stderr instead and the exit code is 1: nothing was kept.
/// Ctrl-C reaches both the signal watcher and the prompt; only the first gets here.
pub fn quit_interview(code: i32) -> ! {
    static QUITTING: AtomicBool = AtomicBool::new(false);
    if QUITTING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    // A signal other than SIGINT wins: the prompt it woke raises SIGINT on its own.
    let code = SIGNALLED
        .get()
        .and_then(|flags| flags.iter().find(|(_, set)| set.load(Ordering::SeqCst)))
        .map_or(code, |(signal, _)| 128 + signal);
    if let Some(modes) = MODES.get() {
        modes.restore();
    }
    // Stopped at "continue or start over", before any question.
    let Some(stop) = STOP.get() else { left_waiting(code) };
    let mut answers = stop
        .latest
        .lock()
        .map(|a| a.clone())
        .unwrap_or_else(|e| e.into_inner().clone());
    let dimension = stop.evidence.lock().map(|d| d.clone()).unwrap_or_default();
    let typed = stop.draft.lock().map(|t| t.trim().to_string()).unwrap_or_default();
    if let Some(dimension) = dimension
        && !typed.is_empty()
        && typed != crate::interview::BACK_TOKEN
    {
        answers.evidence.insert(dimension, typed);
    }
    let count = answers.answers.len();
    let plural = if count == 1 { "" } else { "s" };
    let notes = match answers.evidence.len() {
        0 => String::new(),
        1 => " and 1 piece of evidence".to_string(),
        n => format!(" and {n} pieces of evidence"),
    };
    match keep_answers(stop, &answers) {
        Ok(path) => {
            tell!(
                "\nStopped. {count} answer{plural}{notes} saved to {}.\nContinue with: {}",
                path.display(),
                stop.hint
            );
            exit_restored(code)
        }
        Err(e) => {
            tell!("\nStopped. levelup: error: could not save your answers: {e:#}");
            match answers::to_yaml(&answers, &stop.rubric) {
                Ok(yaml) => tell!(
                    "Your {count} answer{plural} follow; keep them as a file and continue with\n`levelup assess --answers FILE`:\n\n{yaml}"
                ),
                Err(e) => tell!("levelup: error: could not print them either: {e:#}"),
            }
            exit_restored(1)
        }
    }
}

/// The latest answers of this process's interview into the resume file, if
/// an interview ran: where they were kept, or why they could not be.
pub fn keep_latest() -> Option<Result<PathBuf>> {
    STOP.get().map(keep_in_resume)
}

/// The latest answers of the interview into the resume file; see [`keep_answers`].
fn keep_in_resume(stop: &Stop) -> Result<PathBuf> {
    let answers = stop
        .latest
        .lock()
        .map(|a| a.clone())
        .unwrap_or_else(|e| e.into_inner().clone());
    keep_answers(stop, &answers)
}

/// Save `answers` to the resume file. A resume file of another interview
/// there is set aside first (`resume-TIME.yaml`), never replaced.
fn keep_answers(stop: &Stop, answers: &Answers) -> Result<PathBuf> {
    if stop.continuing != resume::stamp()
        && let Ok(path) = resume::path()
        && path.is_file()
    {
        match resume::set_aside(&path) {
            Ok(kept) => tell!("\nThe interview that was waiting is kept in {}.", kept.display()),
            Err(e) => tell!("\nlevelup: error: {e:#}"),
        }
    }
    resume::save(answers, &stop.rubric)
}
