//! `levelup assess`: the interview or an answers file (or several raters'),
//! scored and delivered to every place asked for.

use crate::answers::{self, Answers, Format as AnswersFormat};
use crate::cli::AssessArgs;
use crate::config::Config;
use crate::error::bad_input;
use crate::files;
use crate::inputs::{choose_rubric, choose_target, rubric_file};
use crate::interview::Prompter;
use crate::interview::session::{self, CTRL_C, quit_interview, quit_interview_after};
use crate::interview::terminal::TerminalPrompter;
use crate::outputs::{emit, link, stdout_width, unicode_ok};
use crate::render::sections::View;
use crate::render::{self, Format};
use crate::report::{self, Report};
use crate::resume;
use crate::rubric::Rubric;
use crate::score;
use anyhow::Result;
use std::io::IsTerminal;
use std::path::Path;

/// Assess one person (or a panel of raters) and deliver the report.
pub fn run(args: AssessArgs, config: &Config) -> Result<()> {
    check_outputs(&args)?;
    session::for_command(match args.view {
        View::Plan => "plan",
        View::Report => "assess",
    });
    // The interview needs both: keys come from stdin, prompts go to stderr.
    let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
    if args.answers.len() > 1 {
        return panel(&args, config);
    }
    // A plain start with an unfinished interview waiting asks what to do with it.
    let resuming = args.resume || (args.answers.is_empty() && interactive && waiting_interview()?);
    let source = match (args.answers.first(), resuming) {
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
                "no answers to score and no terminal to ask in: pass --answers FILE (YAML, TOML or JSON), or --answers - to read YAML from stdin; `levelup template` prints a file to fill in",
            ));
        }
    };
    // Which resume file this run continues, to tell it from one saved by
    // another interview meanwhile.
    let continued = if resuming { resume::stamp() } else { None };
    let raw = match &source {
        Some((path, name)) => Some(answers::parse(
            &files::read_text(path)?,
            AnswersFormat::from_path(path),
            name,
        )?),
        None => None,
    };

    let named = raw.as_ref().and_then(|r| r.rubric.as_deref());
    let name = source.as_ref().map_or("the answers", |(_, n)| n.as_str());
    let rubric = choose_rubric(args.rubric.as_deref(), named, config, name)?;
    // In a terminal, whatever is missing gets asked; in a script it is an error.
    let allow_missing = args.allow_missing || interactive;
    let checked = match (raw, &source) {
        (Some(raw), Some((_, name))) => answers::check(raw, &rubric, name, allow_missing)?,
        _ => answers::Answers::default(),
    };

    let target = choose_target(args.target.as_deref(), checked.target.as_deref(), config, &rubric)?;

    let complete = rubric.question_ids().all(|id| checked.answers.contains_key(id));
    // A resumed interview goes on where it stopped, the review screen included.
    let (checked, interviewed) = if interactive && (!complete || resuming) && !args.allow_missing {
        (
            session::interview(&rubric, target, checked, args.rubric.as_deref(), continued.clone())?,
            true,
        )
    } else {
        (checked, false)
    };
    let offer_kept = if interviewed && args.save_answers.is_none() {
        offer_to_save(&checked, &rubric, &args)
    } else {
        true
    };

    let assessment = score::assess(&rubric, &checked, target);
    // Looking up the local time zone costs a file read; skip it when the answers are dated.
    let date = checked.date.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut report = report::build(&rubric, &checked, &assessment, date);
    if report.person.name.is_none() {
        report.person.name.clone_from(&config.name);
    }

    let written = deliver(&report, &checked, &rubric, &args, config);
    // The answers are in the report now (and maybe a file): the resume file
    // has done its job, if it was this interview's.
    if let Some(ours) = continued.filter(|_| interviewed && offer_kept && written.is_ok()) {
        resume::clear(&ours);
    }
    // An output that failed after the interview (a folder removed meanwhile,
    // /dev/full) must not cost the answers: they go to the resume file.
    if interviewed
        && written.is_err()
        && let Some(kept) = session::keep_latest()
    {
        match kept {
            Ok(path) => tell!(
                "Your answers are kept in {}; `{}` shows the review again.",
                path.display(),
                session::resume_command()
            ),
            Err(e) => tell!("levelup: error: your answers could not be kept either: {e:#}"),
        }
    }
    // The process ends right after this; freeing thousands of small strings
    // one by one would only add to every run's time.
    std::mem::forget((rubric, report));
    if written.is_ok() && !offer_kept {
        return Err(anyhow::anyhow!(
            "the answers were not saved where you asked; they are in the resume file"
        ));
    }
    written
}

/// Whether to continue the interview waiting in the resume file, asked when
/// there is one. Starting over keeps it under a dated name, so a new
/// interview never replaces answers typed before.
fn waiting_interview() -> Result<bool> {
    let path = resume::path()?;
    if !path.is_file() {
        return Ok(false);
    }
    let count = files::read_text(&path.display().to_string())
        .ok()
        .and_then(|text| answers::parse(&text, AnswersFormat::Yaml, "resume").ok())
        .map(|raw| raw.answers.len());
    let what = match count {
        Some(1) => "1 answer".to_string(),
        Some(n) => format!("{n} answers"),
        None => "answers".to_string(),
    };
    session::guard_terminal()?;
    let mut prompter = TerminalPrompter::new();
    prompter.say(&format!(
        "An unfinished interview is waiting in {} ({what}).",
        path.display()
    ));
    let options = [
        "Continue it".to_string(),
        "Start over (the unfinished answers are kept under a dated name)".to_string(),
    ];
    match prompter.select(&options, 0) {
        Ok(Some(0)) => Ok(true),
        Ok(Some(_)) => {
            let kept = resume::set_aside(&path)?;
            tell!(
                "The unfinished answers are kept in {}; `levelup assess --answers {}` continues them.",
                kept.display(),
                kept.display()
            );
            Ok(false)
        }
        // Esc or Ctrl-C before anything was asked: nothing to keep, nothing changed.
        Ok(None) => quit_interview(CTRL_C),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => quit_interview(CTRL_C),
        Err(e) => Err(anyhow::Error::new(e).context("cannot ask about the unfinished interview")),
    }
}

/// The files `assess` writes, each with its flag: `-o`, `--chart`, `--save-answers`.
fn output_flags(args: &AssessArgs) -> Vec<(&'static str, &Path)> {
    [
        ("-o", &args.output),
        ("--chart", &args.chart),
        ("--save-answers", &args.save_answers),
    ]
    .into_iter()
    .filter_map(|(flag, path)| path.as_deref().map(|p| (flag, p)))
    .collect()
}

/// Every place `assess` writes, checked before anything is asked or written:
/// a run that cannot write all of them writes none.
fn check_outputs(args: &AssessArgs) -> Result<()> {
    let outputs = output_flags(args);
    // The unfinished interview is an input whether or not --resume says so:
    // a plain run may be told to continue it.
    let resume = resume::path().ok();
    let mut inputs: Vec<(&str, &Path)> = args
        .answers
        .iter()
        .filter(|a| *a != "-")
        .map(|a| ("--answers", Path::new(a)))
        .collect();
    inputs.extend(rubric_file(args.rubric.as_deref()).map(|p| ("--rubric", p)));
    inputs.extend(resume.as_deref().map(|p| ("the unfinished interview", p)));
    files::check_outputs(&outputs, &inputs, args.force)?;
    if args.save {
        crate::history::check()?;
    }
    Ok(())
}

/// Write everything a run produces: the chart (--chart), the answers
/// (--save-answers), the report (-o, else stdout) and the history entry
/// (--save). Everything is rendered first; streams (stdout, /dev/stdout, a
/// pipe) are written before files, since a stream that fails (/dev/full)
/// cannot be taken back: it then stops the run before any file is written,
/// the history entry included.
fn deliver(report: &Report, answers: &Answers, rubric: &Rubric, args: &AssessArgs, config: &Config) -> Result<()> {
    // Inputs read since the first check (a rubric picked by id, the config's
    // rubric) are never replaced: refused before anything is written.
    let outputs = output_flags(args);
    files::check_not_read(&outputs)?;
    let format = args.format.or(config.format).unwrap_or(Format::Table);
    let width = if args.output.is_some() { 100 } else { stdout_width() };
    let chart_link = args.chart.as_deref().map(|chart| link(chart, args.output.as_deref()));
    let options = render::Options {
        width,
        // The locale is the terminal's: a file is UTF-8 whatever it says.
        unicode: args.output.is_some() || unicode_ok(),
        chart: chart_link.as_deref(),
        view: args.view,
    };
    let text = render::render(report, format, &options);
    let mut outputs: Vec<(&Path, String, Option<&str>)> = Vec::new();
    if let Some(path) = &args.chart {
        outputs.push((path, crate::chart::svg(&crate::chart::from_report(report)), None));
    }
    if let Some(path) = &args.save_answers {
        outputs.push((path, answers::to_yaml(answers, rubric)?, Some("Answers saved to")));
    }
    if let Some(path) = &args.output {
        let plain = anstream::adapter::strip_bytes(text.as_bytes()).into_vec();
        outputs.push((path, String::from_utf8_lossy(&plain).into_owned(), None));
    }
    // The report on stdout is a stream too, and goes first.
    if args.output.is_none() {
        emit(text.as_bytes(), None, args.force)?;
    }
    outputs.sort_by_key(|(path, ..)| !files::is_stream(path));
    for (path, contents, said) in outputs {
        files::write_atomic(path, &contents, args.force)?;
        if let Some(said) = said {
            tell!("{said} {}", path.display());
        }
    }
    if args.save {
        let path = crate::history::save(report, serde_json::to_value(answers)?)?;
        tell!("Saved to {}", path.display());
    }
    Ok(())
}

/// Several raters (360): every file scored on its own, then combined.
fn panel(args: &AssessArgs, config: &Config) -> Result<()> {
    if args.save_answers.is_some() {
        return Err(bad_input("--save-answers takes one answers file, not several raters"));
    }
    let mut raws = Vec::new();
    for path in &args.answers {
        let name = files::display_name(path);
        let raw = answers::parse(&files::read_text(path)?, AnswersFormat::from_path(path), &name)?;
        raws.push((name, raw));
    }
    let (first_name, first) = &raws[0];
    let rubric = choose_rubric(args.rubric.as_deref(), first.rubric.as_deref(), config, first_name)?;
    let mut raters = Vec::new();
    for (name, raw) in raws {
        let checked = answers::check(raw, &rubric, &name, args.allow_missing)?;
        if checked.rater.is_none() {
            return Err(bad_input(format!(
                "{name}: say who rated, with `rater: self`, `rater: manager` or `rater: peer` (and optionally rater_name)"
            )));
        }
        raters.push(checked);
    }
    let own_count = raters.iter().filter(|a| a.rater == Some(answers::Rater::Own)).count();
    if own_count > 1 {
        return Err(bad_input(format!(
            "{own_count} files say `rater: self`; a panel has at most one self-assessment"
        )));
    }
    let own = raters
        .iter()
        .find(|a| a.rater == Some(answers::Rater::Own))
        .unwrap_or(&raters[0]);
    let target = choose_target(args.target.as_deref(), own.target.as_deref(), config, &rubric)?;
    let assessments: Vec<score::Assessment> = raters.iter().map(|a| score::assess(&rubric, a, target)).collect();
    let combined = score::combine(&rubric, &assessments, own, target);
    let date = own.date.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut report = report::build(&rubric, own, &combined, date);
    if report.person.name.is_none() {
        report.person.name.clone_from(&config.name);
    }
    let pairs: Vec<(&Answers, &score::Assessment)> = raters.iter().zip(&assessments).collect();
    report.raters = Some(report::raters_report(&rubric, &pairs));
    report.plan = Some(report::plan_for_raters(&rubric, target));
    deliver(&report, own, &rubric, args, config)
}

/// After an interview (without `--save-answers`), offer to save the answers
/// under a dated name that never replaces an existing file. Returns false
/// when the person said yes and the file could not be written: the message
/// says why, and the resume file is then kept.
fn offer_to_save(answers: &Answers, rubric: &Rubric, args: &AssessArgs) -> bool {
    let today = answers.date.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let path = (1..)
        .map(|n| match n {
            1 => format!("levelup-answers-{today}.yaml"),
            n => format!("levelup-answers-{today}-{n}.yaml"),
        })
        .map(std::path::PathBuf::from)
        // Not a name this run is about to write its report or chart to.
        .find(|p| !p.exists() && ![&args.output, &args.chart].contains(&&Some(p.clone())))
        .unwrap_or_default();
    let mut prompter = TerminalPrompter::new();
    prompter.say("\nKeep your answers to compare with next time, or to change a few and re-run.");
    let keep = match prompter.confirm(&format!("Save them to {}?", path.display()), true) {
        // Esc or Ctrl-C here stops like anywhere else: the answers go to the resume file.
        Ok(None) => quit_interview(CTRL_C),
        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => quit_interview(CTRL_C),
        Err(e) => quit_interview_after(&e),
        Ok(keep) => keep,
    };
    if keep != Some(true) {
        return true;
    }
    let written = answers::to_yaml(answers, rubric).and_then(|yaml| files::write_atomic(&path, &yaml, false));
    match written {
        Ok(()) => {
            tell!("Answers saved to {}", path.display());
            true
        }
        Err(e) => {
            tell!("levelup: error: {e:#}");
            match session::keep_latest() {
                Some(Ok(kept)) => tell!("Your answers are kept in {} instead.", kept.display()),
                _ => tell!("Your answers are in the report only."),
            }
            false
        }
    }
}
