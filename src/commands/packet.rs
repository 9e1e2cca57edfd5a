//! `levelup packet`: a promotion packet from one person's saved runs or
//! answers files. This file owns the flow — which inputs, read and checked
//! (one person, one rubric), which one gives the assessment — and hands the
//! pure parts ([`crate::packet::build`], [`crate::render::packet`]) what they need.

use crate::answers::{self, Answers, Format as AnswersFormat};
use crate::cli::PacketArgs;
use crate::config::Config;
use crate::error::bad_input;
use crate::files;
use crate::history::{self, Summary};
use crate::inputs::{choose_rubric, choose_target, rubric_file, saved_runs};
use crate::outputs::emit;
use crate::packet::{Input, InputKind};
use crate::render::Format;
use crate::report::{self, Report};
use crate::rubric::Rubric;
use crate::score;
use anyhow::Result;
use jiff::civil::Date;
use std::path::{Path, PathBuf};

/// One input as read: the packet's [`Input`], and the answers it holds, for
/// scoring it again toward another `--target`.
struct Read {
    input: Input,
    answers: Held,
}

/// The answers behind an input's report.
enum Held {
    /// Checked against the rubric already.
    Checked(Answers),
    /// A saved run's answers, as an answers file in JSON.
    Saved(serde_json::Value),
}

/// Today, in the local time zone.
fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// The months after which evidence is stale: the flag, else the config's, else 12.
pub fn stale_months(flag: Option<u32>, config: &Config) -> u32 {
    flag.or(config.stale_after_months)
        .unwrap_or(crate::packet::STALE_AFTER_MONTHS)
}

/// Write the packet of one person: the files named, else that person's saved runs.
///
/// Errors (exit 2): a file that cannot be read or is neither a saved run nor
/// an answers file; inputs of two people or on two rubrics; without files,
/// no saved run, or runs of several people (choose with `--name`) or on
/// several rubrics (choose with `--rubric`); an `-o` file that exists without
/// `--force`. Nothing is written then.
pub fn run(args: PacketArgs, config: &Config) -> Result<()> {
    if let Some(output) = &args.out.output {
        let mut inputs: Vec<(&str, &Path)> = args.files.iter().map(|f| ("FILE", Path::new(f))).collect();
        inputs.extend(rubric_file(args.rubric.as_deref()).map(|p| ("--rubric", p)));
        files::check_outputs(&[("-o", output)], &inputs, args.out.force)?;
    }
    // -f takes markdown or html only; the config's format counts where it is one of them.
    let format = match args.out.format.or(config.format) {
        Some(Format::Html) => Format::Html,
        _ => Format::Markdown,
    };
    let as_of = args.stale.as_of.unwrap_or_else(today);
    let months = stale_months(args.stale.stale_after, config);

    let read = if args.files.is_empty() {
        from_history(args.name.as_deref(), args.rubric.as_deref())?
    } else {
        args.files
            .iter()
            .map(|f| read_file(f, args.rubric.as_deref(), config))
            .collect::<Result<Vec<_>>>()?
    };
    one_person(&read)?;
    one_rubric(&read)?;

    // The latest date; of several on that date, the last given (as crate::packet::newest).
    let Some(newest) = read.iter().max_by_key(|r| r.input.date) else {
        return Err(bad_input("a packet needs at least one input"));
    };
    let rubric = choose_rubric(
        args.rubric.as_deref(),
        Some(&newest.input.report.rubric.id),
        config,
        &newest.input.label,
    )?;
    let assessment = toward_target(newest, &rubric, args.target.as_deref(), config)?;
    let inputs: Vec<Input> = read.into_iter().map(|r| r.input).collect();
    let packet = crate::packet::build(&rubric, &inputs, &assessment, as_of, months);
    let text = match format {
        Format::Html => crate::render::packet::html(&crate::text::map_strings(&packet, &|s: &str| {
            crate::text::visible(s).into_owned()
        })),
        _ => crate::render::packet::markdown(&crate::text::map_strings(&packet, &crate::text::markdown)),
    };
    emit(
        crate::text::visible(&text).as_bytes(),
        args.out.output.as_deref(),
        args.out.force,
    )
}

/// The newest input's report toward the target: as it is when `--target`
/// names its own target (or is not given), else its answers scored again.
fn toward_target(newest: &Read, rubric: &Rubric, flag: Option<&str>, config: &Config) -> Result<Report> {
    let report = &newest.input.report;
    let target = choose_target(flag, Some(&report.target.id), config, rubric)?;
    if usize::try_from(report.target.index).ok() == Some(target) && rubric.levels[target].id == report.target.id {
        return Ok(report.clone());
    }
    let name = &newest.input.label;
    let checked = match &newest.answers {
        Held::Checked(a) => a.clone(),
        Held::Saved(json) => {
            let raw = answers::parse(&serde_json::to_string(json)?, AnswersFormat::Json, name)?;
            answers::check(raw, rubric, name, true)?
        }
    };
    let assessment = score::assess(rubric, &checked, target);
    let mut again = report::build(rubric, &checked, &assessment, newest.input.date);
    again.person.name.clone_from(&report.person.name);
    Ok(again)
}

/// Read one FILE: a saved run, else an answers file (scored now).
///
/// Errors (exit 2): cannot be read; a saved run written by a newer levelup;
/// neither kind (the message says what each looks like).
fn read_file(path: &str, rubric_flag: Option<&str>, config: &Config) -> Result<Read> {
    let text = files::read_text(path)?;
    let shown = files::display_name(path);
    let label = Path::new(path)
        .file_name()
        .filter(|_| path != "-")
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    if let Ok(saved) = serde_json::from_str::<history::Saved>(&text) {
        history::not_newer(&shown, saved.saved_version, saved.report.schema_version)?;
        return saved_input(label, saved);
    }
    let neither = |why: String| {
        bad_input(format!(
            "{shown} is neither a saved levelup run (a JSON file from levelup assess --save) nor an answers file (`answers:` keyed by question id){why}"
        ))
    };
    let raw = answers::parse(&text, AnswersFormat::from_path(path), &shown)
        // The problems one per line under the headline, as `assess --answers` lists them.
        .map_err(|e| neither(format!(": {e:#}")))?;
    // Unknown keys are listed by `check`; a file with no answers and no evidence is not one at all.
    if raw.answers.is_empty() && raw.evidence.is_empty() {
        return Err(neither(String::new()));
    }
    // A packet quotes the person's own words: a manager's or peer's rating is not that.
    if let Some(rater) = raw.rater.filter(|r| *r != answers::Rater::Own) {
        return Err(bad_input(format!(
            "{shown} is a {} rating (rater: {}): a packet quotes only the person's own answers and evidence; pass their own file (rater: self, or no rater)",
            rater.id(),
            rater.id()
        )));
    }
    let rubric = choose_rubric(rubric_flag, raw.rubric.as_deref(), config, &shown)?;
    let checked = answers::check(raw, &rubric, &shown, false)?;
    let target = choose_target(None, checked.target.as_deref(), config, &rubric)?;
    let (date, dated_by) = match checked.date {
        Some(date) => (date, None),
        None => match modified(path).filter(|_| path != "-") {
            Some(day) => (
                day,
                Some("no date in the file: the day it was last changed".to_string()),
            ),
            None => (today(), Some("no date given: today".to_string())),
        },
    };
    let assessment = score::assess(&rubric, &checked, target);
    let mut report = report::build(&rubric, &checked, &assessment, date);
    if report.person.name.is_none() {
        report.person.name.clone_from(&config.name);
    }
    Ok(Read {
        input: Input {
            label,
            kind: InputKind::Answers,
            date,
            dated_by,
            report,
        },
        answers: Held::Checked(checked),
    })
}

/// The day a file was last changed, in the local time zone.
fn modified(path: &str) -> Option<Date> {
    let time = std::fs::metadata(path).ok()?.modified().ok()?;
    let stamp = jiff::Timestamp::try_from(time).ok()?;
    Some(stamp.to_zoned_datetime(jiff::tz::TimeZone::system()).date())
}

/// A saved run as an input, dated by its report (the answers' date, else
/// the day it was made), else by when it was saved.
fn saved_input(label: String, saved: history::Saved) -> Result<Read> {
    let date = saved
        .report
        .person
        .date
        .parse::<Date>()
        .or_else(|_| saved.saved_at.get(..10).unwrap_or_default().parse::<Date>())
        .map_err(|_| bad_input(format!("{label}: the saved run has no date to read")))?;
    Ok(Read {
        input: Input {
            label,
            kind: InputKind::SavedRun,
            date,
            dated_by: None,
            report: saved.report,
        },
        answers: Held::Saved(saved.answers),
    })
}

/// The saved runs of one person on one rubric.
///
/// Errors (exit 2): no saved run; `--name` matches none; runs of several
/// people without `--name`, or on several rubrics without `--rubric`.
fn from_history(name: Option<&str>, rubric: Option<&str>) -> Result<Vec<Read>> {
    let mut runs = saved_runs()?;
    if runs.is_empty() {
        return Err(bad_input(format!(
            "no saved runs to make a packet from (none in {}): name saved runs or answers files, or save runs with levelup assess --save",
            history::dir()?.display()
        )));
    }
    if let Some(spec) = rubric {
        let id = crate::inputs::load_rubric(spec)?.id;
        runs.retain(|(_, s)| s.report.rubric.id == id);
        if runs.is_empty() {
            return Err(bad_input(format!("no saved run is on rubric '{id}'")));
        }
    }
    let runs: Vec<(PathBuf, Summary)> = match name {
        Some(n) => crate::commands::history::of_person(runs, n)?,
        None => {
            let mut people: Vec<String> = Vec::new();
            let mut keys = std::collections::HashSet::new();
            for (_, s) in &runs {
                if keys.insert(s.person_key()) {
                    people.push(
                        s.report
                            .person
                            .name
                            .as_deref()
                            .map_or_else(|| "no one by name".to_string(), |n| crate::text::one_line(n.trim())),
                    );
                }
            }
            if people.len() > 1 {
                people.sort();
                return Err(bad_input(format!(
                    "a packet is one person's, and the saved runs are of {}: choose one with --name",
                    and_list(&people)
                )));
            }
            runs
        }
    };
    let mut rubrics: Vec<String> = runs.iter().map(|(_, s)| s.report.rubric.id.clone()).collect();
    rubrics.sort();
    rubrics.dedup();
    if rubrics.len() > 1 {
        let quoted: Vec<String> = rubrics.iter().map(|r| format!("'{r}'")).collect();
        return Err(bad_input(format!(
            "the saved runs are on rubrics {}: a packet stands on one ladder; choose one with --rubric",
            and_list(&quoted)
        )));
    }
    // Each run by its file's name in the history folder: unique, and it starts with when it was saved.
    runs.iter()
        .map(|(path, _)| {
            let label = path
                .file_name()
                .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            saved_input(label, history::read(path)?)
        })
        .collect()
}

/// "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Inputs that name two different people are refused; unnamed ones go with any.
fn one_person(read: &[Read]) -> Result<()> {
    let mut first: Option<(&str, &str)> = None;
    for r in read {
        let Some(name) = r.input.report.person.name.as_deref() else {
            continue;
        };
        match first {
            None => first = Some((name, &r.input.label)),
            Some((a, a_file)) if history::person_key(Some(a)) != history::person_key(Some(name)) => {
                return Err(bad_input(format!(
                    "{a_file} is for {a} and {} for {name}: a packet is one person's (pass the files of one person)",
                    r.input.label
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// Inputs on two rubrics are refused: their steps and expectations differ.
fn one_rubric(read: &[Read]) -> Result<()> {
    let Some(first) = read.first() else {
        return Ok(());
    };
    let id = &first.input.report.rubric.id;
    if let Some(other) = read.iter().find(|r| &r.input.report.rubric.id != id) {
        return Err(bad_input(format!(
            "{} is on rubric '{id}' and {} on rubric '{}': a packet stands on one rubric (pass --rubric for answers files that name none, or leave out the other)",
            first.input.label, other.input.label, other.input.report.rubric.id
        )));
    }
    Ok(())
}
