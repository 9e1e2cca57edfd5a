//! One function per subcommand: gather inputs, call the pure parts, write output.

use crate::answers::{self, Answers, Format as AnswersFormat};
use crate::cli::{AssessArgs, Cli, Command};
use crate::error::{bad_input, one_of};
use crate::files;
use crate::interview::terminal::TerminalPrompter;
use crate::interview::{Interview, Outcome, Prompter};
use crate::render;
use crate::report;
use crate::resume;
use crate::rubric::{self, Rubric};
use crate::score;
use anyhow::{Context, Result};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Assess(args) => assess(args),
    }
}

/// A built-in id or a rubric file.
pub fn load_rubric(spec: &str) -> Result<Rubric> {
    if let Some(r) = Rubric::builtin(spec) {
        return Ok(r);
    }
    if std::path::Path::new(spec).exists() {
        let text = files::read_text(spec)?;
        return Ok(rubric::parse(&text, spec)?);
    }
    let builtins: Vec<&str> = rubric::BUILTIN.iter().map(|b| b.id).collect();
    Err(bad_input(format!(
        "unknown rubric '{spec}': not a built-in rubric ({}) and no such file",
        one_of(&builtins)
    )))
}

fn assess(args: AssessArgs) -> Result<()> {
    // The interview needs both: keys come from stdin, prompts go to stderr.
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    let source = match (&args.answers, args.resume) {
        (Some(path), _) => Some((path.clone(), files::display_name(path))),
        (None, true) => {
            let path = resume::path()?;
            if !path.exists() {
                return Err(bad_input(format!(
                    "nothing to resume: {} does not exist (an interview is saved there when you press Esc or Ctrl-C)",
                    path.display()
                )));
            }
            let shown = path.display().to_string();
            Some((shown.clone(), shown))
        }
        (None, false) if interactive => None,
        (None, false) => {
            return Err(bad_input(
                "no answers to score and no terminal to ask in: pass --answers FILE (YAML, TOML or JSON), or --answers - to read YAML from stdin",
            ));
        }
    };
    let raw = match &source {
        Some((path, name)) => Some(answers::parse(
            &files::read_text(path)?,
            AnswersFormat::from_path(path),
            name,
        )?),
        None => None,
    };

    let rubric = match (&args.rubric, raw.as_ref().and_then(|r| r.rubric.as_ref())) {
        (Some(spec), _) => load_rubric(spec)?,
        (None, Some(id)) => Rubric::builtin(id).ok_or_else(|| {
            let name = source.as_ref().map_or("the answers", |(_, n)| n.as_str());
            bad_input(format!(
                "{name} is for rubric '{id}', which is not built in; pass --rubric FILE to use your rubric file"
            ))
        })?,
        (None, None) => load_rubric(rubric::DEFAULT_ID)?,
    };
    // In a terminal, whatever is missing gets asked; in a script it is an error.
    let allow_missing = args.allow_missing || interactive;
    let checked = match (raw, &source) {
        (Some(raw), Some((_, name))) => answers::check(raw, &rubric, name, allow_missing)?,
        _ => answers::Answers::default(),
    };

    let target_id = args.target.as_deref().or(checked.target.as_deref());
    let target = match target_id {
        None => rubric.default_target,
        Some(id) => rubric.level_index(id).ok_or_else(|| {
            bad_input(format!(
                "unknown target level '{id}'; expected {}",
                one_of(&rubric.level_ids())
            ))
        })?,
    };

    let complete = rubric.question_ids().all(|id| checked.answers.contains_key(id));
    let (checked, interviewed) = if interactive && !complete && !args.allow_missing {
        (interview(&rubric, target, checked, args.rubric.as_deref())?, true)
    } else {
        (checked, false)
    };
    save_answers(&checked, &rubric, &args, interviewed)?;

    let assessment = score::assess(&rubric, &checked, target);
    // Looking up the local time zone costs a file read; skip it when the answers are dated.
    let date = checked.date.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let report = report::build(&rubric, &checked, &assessment, date);

    let written = match &args.output {
        Some(out) => files::write_atomic(out, &render::render(&report, args.format, 100), args.force),
        None => {
            let text = render::render(&report, args.format, stdout_width());
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(Into::into)
        }
    };
    // The process ends right after this; freeing thousands of small strings
    // one by one would only add to every run's time.
    std::mem::forget((rubric, report));
    written
}

/// Ask what is missing. Returns only when the interview is finished: quitting
/// (Esc, Ctrl-C) saves the answers so far and ends the process with code 130.
fn interview(rubric: &Rubric, target: usize, mut start: Answers, rubric_flag: Option<&str>) -> Result<Answers> {
    start.rubric = Some(rubric.id.clone());
    start.target = Some(rubric.levels[target].id.clone());
    // Answering questions makes a new assessment: it is dated today, even when
    // it started from last time's file.
    start.date = Some(jiff::ZonedDateTime::now().date());

    let latest = Arc::new(Mutex::new(start.clone()));
    let resume_hint = match rubric_flag {
        Some(spec) if Rubric::builtin(spec).is_none() => format!("levelup assess --resume --rubric {spec}"),
        _ => "levelup assess --resume".to_string(),
    };
    {
        // Ctrl-C arrives as SIGINT (console raises it even in raw mode).
        let latest = Arc::clone(&latest);
        let hint = resume_hint.clone();
        let rubric = rubric.clone();
        ctrlc::set_handler(move || quit_interview(&latest, &rubric, &hint)).context("cannot watch for Ctrl-C")?;
    }

    let mut prompter = TerminalPrompter::new();
    let shared = Arc::clone(&latest);
    let outcome = Interview::new(rubric, target, start)
        .on_change(move |a| {
            if let Ok(mut slot) = shared.lock() {
                *slot = a.clone();
            }
        })
        .run(&mut prompter);
    match outcome {
        Ok(Outcome::Finished(answers)) => {
            resume::clear();
            Ok(answers)
        }
        Ok(Outcome::Quit(answers)) => {
            if let Ok(mut slot) = latest.lock() {
                *slot = answers;
            }
            quit_interview(&latest, rubric, &resume_hint)
        }
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => quit_interview(&latest, rubric, &resume_hint),
        Err(e) => Err(anyhow::Error::new(e).context("the interview failed")),
    }
}

/// Save the answers so far, restore the cursor, say how to continue, exit 130.
/// Ctrl-C reaches both the signal handler and the prompt; only the first gets here.
fn quit_interview(latest: &Mutex<Answers>, rubric: &Rubric, hint: &str) -> ! {
    static QUITTING: AtomicBool = AtomicBool::new(false);
    if QUITTING.swap(true, Ordering::SeqCst) {
        loop {
            std::thread::park();
        }
    }
    let stderr = dialoguer::console::Term::stderr();
    let _ = stderr.show_cursor();
    let answers = latest.lock().map(|a| a.clone()).unwrap_or_default();
    match resume::save(&answers, rubric) {
        Ok(path) => eprintln!(
            "\nStopped. {} answer{} saved to {}.\nContinue with: {hint}",
            answers.answers.len(),
            if answers.answers.len() == 1 { "" } else { "s" },
            path.display()
        ),
        Err(e) => eprintln!("\nStopped. levelup: error: could not save your answers: {e:#}"),
    }
    std::process::exit(130)
}

/// `--save-answers FILE` saves without asking; after an interview, offer to
/// save under a dated name that never replaces an existing file.
fn save_answers(answers: &Answers, rubric: &Rubric, args: &AssessArgs, interviewed: bool) -> Result<()> {
    if let Some(path) = &args.save_answers {
        files::write_atomic(path, &answers::to_yaml(answers, rubric)?, args.force)?;
        eprintln!("Answers saved to {}", path.display());
        return Ok(());
    }
    if !interviewed {
        return Ok(());
    }
    let today = answers.date.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let path = (1..)
        .map(|n| match n {
            1 => format!("levelup-answers-{today}.yaml"),
            n => format!("levelup-answers-{today}-{n}.yaml"),
        })
        .map(std::path::PathBuf::from)
        .find(|p| !p.exists())
        .unwrap_or_default();
    let mut prompter = TerminalPrompter::new();
    prompter.say("\nKeep your answers to compare with next time, or to change a few and re-run.");
    if prompter.confirm(&format!("Save them to {}?", path.display()), true)? == Some(true) {
        files::write_atomic(&path, &answers::to_yaml(answers, rubric)?, false)?;
        eprintln!("Answers saved to {}", path.display());
    }
    Ok(())
}

/// The terminal's width when stdout is one, else `COLUMNS`, else 100.
fn stdout_width() -> u16 {
    if std::io::stdout().is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return w;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
