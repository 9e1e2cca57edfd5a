//! One function per subcommand: gather inputs, call the pure parts, write output.

use crate::answers::{self, Answers, Format as AnswersFormat};
use crate::cli::{
    AssessArgs, Cli, ColorChoice, Command, CompareArgs, ListFormat, RubricCommand, ShowFormat, TeamArgs, TemplateArgs,
};
use crate::config::{self, Config};
use crate::error::{bad_input, one_of};
use crate::files;
use crate::interview::terminal::{Modes, TerminalPrompter};
use crate::interview::{Interview, Outcome, Prompter};
use crate::render::{self, Format};
use crate::report::{self, Report};
use crate::resume;
use crate::rubric::{self, Rubric};
use crate::score;
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// `eprintln!` that cannot panic: with stderr on a full disk or a closed pipe
/// the message is lost, not the run (a report still to write, answers to keep).
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        // Messages carry paths and answers from outside: shown, never sent raw.
        let _ = writeln!(std::io::stderr(), "{}", crate::text::visible(&format!($($arg)*)));
    }};
}

pub fn run(cli: Cli) -> Result<()> {
    set_color(cli.color);
    let config = || -> Result<Config> {
        if let Some(path) = &cli.config {
            config::check_explicit(path)?;
        }
        config::load(cli.config.as_deref())
    };
    match cli.command {
        Command::Assess(args) => assess(args, &config()?),
        Command::Template(args) => template(args, &config()?),
        Command::Rubric(cmd) => rubric_command(cmd),
        Command::History { format } => history(format),
        Command::Compare(args) => compare(args, &config()?),
        Command::Team(args) => team(args, &config()?),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "levelup", &mut out);
            emit(&out, None, false)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command()).render(&mut out)?;
            emit(&out, None, false)
        }
    }
}

/// `--color` for everything we print: reports (anstream) and the interview (console).
fn set_color(choice: ColorChoice) {
    let (stream, console) = match choice {
        ColorChoice::Auto => (anstream::ColorChoice::Auto, None),
        ColorChoice::Always => (anstream::ColorChoice::Always, Some(true)),
        ColorChoice::Never => (anstream::ColorChoice::Never, Some(false)),
    };
    stream.write_global();
    if let Some(on) = console {
        dialoguer::console::set_colors_enabled_stderr(on);
    }
}

/// Write to `-o FILE` (atomically, never with colour codes) or to stdout, where
/// anstream drops colour codes unless colour is on.
fn emit(text: &[u8], output: Option<&Path>, force: bool) -> Result<()> {
    match output {
        Some(path) => {
            let plain = anstream::adapter::strip_bytes(text).into_vec();
            files::write_atomic(path, &String::from_utf8_lossy(&plain), force)
        }
        // Nothing to strip (JSON, Markdown, plain text): skip anstream's byte-by-byte scan.
        None if !text.contains(&0x1b) => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text)?;
            Ok(stdout.flush()?)
        }
        None => {
            let mut stdout = anstream::stdout().lock();
            stdout.write_all(text)?;
            Ok(stdout.flush()?)
        }
    }
}

/// Ids of the rubrics installed in the config folder.
fn installed() -> Vec<(String, PathBuf)> {
    let Ok(dir) = config::rubrics_dir() else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        // A FIFO or device named like a rubric would block or never end.
        .filter(|p| files::is_regular(p))
        .filter_map(|p| Some((p.file_stem()?.to_string_lossy().to_string(), p)))
        .collect();
    found.sort();
    found
}

/// The base a rubric `extends`: a built-in id, an installed id, or a file
/// relative to the rubric that names it. Returns its text and a name for messages.
fn resolve_base(name: &str, from: &str) -> std::result::Result<(String, String), String> {
    if let Some(b) = rubric::BUILTIN.iter().find(|b| b.id == name) {
        return Ok((b.yaml.to_string(), format!("built-in {}", b.id)));
    }
    let installed_path = installed().into_iter().find(|(id, _)| id == name).map(|(_, p)| p);
    let path = installed_path.unwrap_or_else(|| Path::new(from).parent().unwrap_or(Path::new("")).join(name));
    if !path.is_file() {
        let why = if path.exists() {
            "is not a regular file"
        } else {
            "does not exist"
        };
        return Err(format!(
            "is neither a built-in or installed rubric id nor a file ({} {why})",
            path.display()
        ));
    }
    // The same file reached by two paths is one base, so loops are seen.
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    let shown = path.display().to_string();
    files::read_text(&shown)
        .map(|text| (text, shown.clone()))
        .map_err(|e| format!("could not be read: {e:#}"))
}

/// A built-in id, an installed id, or a rubric file.
pub fn load_rubric(spec: &str) -> Result<Rubric> {
    if let Some(r) = Rubric::builtin(spec) {
        return Ok(r);
    }
    let path = installed()
        .into_iter()
        .find(|(id, _)| id == spec)
        .map(|(_, p)| p)
        .or_else(|| Path::new(spec).exists().then(|| PathBuf::from(spec)));
    if let Some(path) = path {
        let shown = path.display().to_string();
        let text = files::read_text(&shown)?;
        return Ok(rubric::parse_extending(&text, &shown, &resolve_base)?);
    }
    let mut known: Vec<String> = rubric::BUILTIN.iter().map(|b| b.id.to_string()).collect();
    known.extend(installed().into_iter().map(|(id, _)| id));
    Err(bad_input(format!(
        "unknown rubric '{spec}': not a rubric id ({}) and no such file",
        one_of(&known)
    )))
}

fn rubric_command(cmd: RubricCommand) -> Result<()> {
    match cmd {
        RubricCommand::List => {
            let mut out = String::new();
            for b in rubric::BUILTIN {
                if let Some(r) = Rubric::builtin(b.id) {
                    out.push_str(&list_line(&r, "built in"));
                }
            }
            for (id, path) in installed() {
                let shown = path.display().to_string();
                match files::read_text(&shown).map(|t| rubric::parse_extending(&t, &shown, &resolve_base)) {
                    Ok(Ok(r)) => out.push_str(&list_line(&r, &shown)),
                    _ => out.push_str(&format!("{id:<16} (invalid: run levelup rubric validate {shown})\n")),
                }
            }
            if let Ok(dir) = config::rubrics_dir() {
                for path in files::skipped_in(&dir, &["yaml", "yml"]) {
                    let id = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    out.push_str(&format!(
                        "{id:<16} (skipped: {} is not a regular file of at most 8 MiB)\n",
                        path.display()
                    ));
                }
            }
            emit(crate::text::visible(&out).as_bytes(), None, false)
        }
        RubricCommand::Show { rubric, format } => {
            let r = load_rubric(&rubric)?;
            let text = match format {
                ShowFormat::Table => render::rubric::table(&r, stdout_width()),
                ShowFormat::Markdown => render::rubric::markdown(&r),
            };
            emit(crate::text::visible(&text).as_bytes(), None, false)
        }
        RubricCommand::Validate { files: paths } => {
            let mut ok = String::new();
            let mut failed = Vec::new();
            for path in &paths {
                let shown = path.display().to_string();
                let checked =
                    files::read_text(&shown).and_then(|t| Ok(rubric::parse_extending(&t, &shown, &resolve_base)?));
                match checked {
                    Ok(r) => ok.push_str(&format!(
                        "ok: {shown} ({} v{}: {} levels, {} dimensions, {} questions)\n",
                        r.id,
                        r.version,
                        r.levels.len(),
                        r.dimensions.len(),
                        r.question_ids().count()
                    )),
                    Err(e) => failed.push(format!("{e:#}")),
                }
            }
            emit(crate::text::visible(&ok).as_bytes(), None, false)?;
            if failed.is_empty() {
                Ok(())
            } else {
                Err(bad_input(format!(
                    "{} of {} rubric file{} failed:\n{}",
                    failed.len(),
                    paths.len(),
                    if paths.len() == 1 { "" } else { "s" },
                    failed.join("\n")
                )))
            }
        }
        RubricCommand::Init { file, force } => {
            files::write_atomic(&file, rubric::STARTER, force)?;
            tell!(
                "Wrote {shown}. Edit it, then: levelup rubric validate {shown}",
                shown = file.display()
            );
            Ok(())
        }
        RubricCommand::Schema { answers } => {
            let schema = if answers {
                answers::json_schema()
            } else {
                rubric::json_schema()
            };
            let mut text = serde_json::to_string_pretty(&schema)?;
            text.push('\n');
            emit(crate::text::visible(&text).as_bytes(), None, false)
        }
    }
}

/// The saved runs that can be read; each one that cannot is named on stderr
/// and left out, so one broken file never hides the others.
fn saved_runs() -> Result<Vec<(PathBuf, crate::history::Saved)>> {
    let (runs, broken) = crate::history::list()?;
    for (_, why) in broken {
        tell!("levelup: skipped {why}");
    }
    Ok(runs)
}

fn history(format: ListFormat) -> Result<()> {
    let runs = saved_runs()?;
    for path in files::skipped_in(&crate::history::dir()?, &["json"]) {
        tell!(
            "levelup: skipped {}: not a regular file of at most 8 MiB",
            path.display()
        );
    }
    if runs.is_empty() {
        tell!(
            "No saved runs yet: levelup assess --save keeps one in {}",
            crate::history::dir()?.display()
        );
        return Ok(());
    }
    // Trend: readiness against the previous run on the same rubric and target.
    let mut rows = Vec::new();
    for (i, (path, saved)) in runs.iter().enumerate() {
        let r = &saved.report;
        let previous = runs[..i]
            .iter()
            .rev()
            .find(|(_, s)| s.report.rubric.id == r.rubric.id && s.report.target.id == r.target.id);
        let trend = match previous.map(|(_, p)| i64::from(r.readiness) - i64::from(p.report.readiness)) {
            None => "first".to_string(),
            Some(0) => "=".to_string(),
            Some(d) if d > 0 => format!("+{d}"),
            Some(d) => format!("{d}"),
        };
        rows.push((path, saved, trend));
    }
    let text = match format {
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(path, s, trend)| {
                    serde_json::json!({
                        "file": path.display().to_string(), "saved_at": s.saved_at, "date": s.report.person.date,
                        "name": s.report.person.name, "rubric": s.report.rubric.id, "rubric_version": s.report.rubric.version,
                        "target": s.report.target.id, "estimate": s.report.estimate.level.id, "readiness": s.report.readiness,
                        "trend": trend,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&items)? + "\n"
        }
        ListFormat::Markdown | ListFormat::Table => {
            let header = ["Saved", "Date", "Rubric", "Target", "Estimate", "Readiness", "Trend"];
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|(_, s, trend)| {
                    let r = &s.report;
                    vec![
                        s.saved_at.chars().take(16).collect::<String>().replace('T', " "),
                        r.person.date.clone(),
                        format!("{} v{}", r.rubric.id, r.rubric.version),
                        r.target.title.clone(),
                        r.estimate.level.title.clone(),
                        format!("{}%", r.readiness),
                        trend.clone(),
                    ]
                })
                .collect();
            if format == ListFormat::Markdown {
                let mut out = format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len()));
                for row in cells {
                    // Saved runs are data: they add no Markdown structure.
                    let row: Vec<String> = row.iter().map(|c| crate::text::markdown(c)).collect();
                    out.push_str(&format!("| {} |\n", row.join(" | ")));
                }
                out
            } else {
                let mut t = comfy_table::Table::new();
                t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
                    .set_header(header.to_vec());
                for row in cells {
                    t.add_row(row);
                }
                format!("{t}\n")
            }
        }
    };
    emit(crate::text::visible(&text).as_bytes(), None, false)
}

/// A report from a saved run, a JSON report, or an answers file (scored now).
fn report_from(path: &str, rubric_flag: Option<&str>, config: &Config) -> Result<Report> {
    let text = files::read_text(path)?;
    if let Ok(saved) = serde_json::from_str::<crate::history::Saved>(&text) {
        return Ok(saved.report);
    }
    if let Ok(report) = serde_json::from_str::<Report>(&text) {
        return Ok(report);
    }
    let name = files::display_name(path);
    let raw = answers::parse(&text, AnswersFormat::from_path(path), &name)?;
    let rubric = choose_rubric(rubric_flag, raw.rubric.as_deref(), config, &name)?;
    let checked = answers::check(raw, &rubric, &name, false)?;
    let target = choose_target(None, checked.target.as_deref(), config, &rubric)?;
    let assessment = score::assess(&rubric, &checked, target);
    let date = checked.date.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut report = report::build(&rubric, &checked, &assessment, date);
    if report.person.name.is_none() {
        report.person.name.clone_from(&config.name);
    }
    Ok(report)
}

fn compare(args: CompareArgs, config: &Config) -> Result<()> {
    if let Some(output) = &args.out.output {
        let mut inputs: Vec<(&str, &Path)> = [&args.old, &args.new]
            .into_iter()
            .flatten()
            .zip(["OLD", "NEW"])
            .map(|(p, label)| (label, Path::new(p)))
            .collect();
        inputs.extend(rubric_file(args.rubric.as_deref()).map(|p| ("--rubric", p)));
        files::check_outputs(&[("-o", output)], &inputs, args.out.force)?;
    }
    let ((old, old_label), (new, new_label)) = match (&args.old, &args.new) {
        (Some(old), Some(new)) => (
            (report_from(old, args.rubric.as_deref(), config)?, old.clone()),
            (report_from(new, args.rubric.as_deref(), config)?, new.clone()),
        ),
        _ => {
            let runs = saved_runs()?;
            let [.., (old_path, old), (new_path, new)] = runs.as_slice() else {
                return Err(bad_input(format!(
                    "compare needs two assessments: name two files, or save two runs with levelup assess --save ({} saved so far)",
                    runs.len()
                )));
            };
            let label = |p: &Path| {
                p.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            };
            (
                (old.report.clone(), label(old_path)),
                (new.report.clone(), label(new_path)),
            )
        }
    };
    let c = crate::compare::compare(&old, &old_label, &new, &new_label);
    let width = if args.out.output.is_some() { 100 } else { stdout_width() };
    let text = match args.out.format {
        Format::Table => crate::compare::table(&c, width),
        // Data adds no Markdown structure (see crate::text).
        Format::Markdown => crate::compare::markdown(&crate::text::map_strings(&c, &crate::text::markdown)),
        Format::Json => crate::compare::json(&c),
        Format::Html => crate::compare::html(&c, &old, &new),
    };
    emit(
        crate::text::visible(&text).as_bytes(),
        args.out.output.as_deref(),
        args.out.force,
    )
}

/// One team member's file, loaded.
enum Loaded {
    Person(crate::team::Person),
    Failed(String),
    OtherRubric(String),
}

fn load_person(path: &Path, rubric: &Rubric, target: usize, allow_missing: bool) -> Loaded {
    let shown = path.display().to_string();
    // "answers file X has 2 problems:" then one indented line each: keep the problems.
    // One line per file: its typos first, the list of unanswered questions last.
    let one_line = |e: anyhow::Error| {
        let text = format!("{e:#}");
        let mut problems: Vec<&str> = text.lines().skip(1).map(str::trim).collect();
        problems.sort_by_key(|p| p.contains("are not answered") || p.contains("is not answered"));
        if problems.is_empty() { text } else { problems.join("; ") }
    };
    let raw = match files::read_text(&shown)
        .and_then(|t| Ok(answers::parse(&t, AnswersFormat::from_path(&shown), &shown)?))
    {
        Ok(raw) => raw,
        Err(e) => return Loaded::Failed(one_line(e)),
    };
    if let Some(id) = raw
        .rubric
        .as_deref()
        .filter(|id| !id.trim().is_empty() && *id != rubric.id)
    {
        return Loaded::OtherRubric(format!("is for rubric '{id}', not '{}': left out", rubric.id));
    }
    match answers::check(raw, rubric, &shown, allow_missing) {
        Err(e) => Loaded::Failed(one_line(e.into())),
        Ok(checked) => {
            let a = score::assess(rubric, &checked, target);
            let name = checked.name.clone().unwrap_or_else(|| {
                path.file_stem()
                    .map_or_else(|| shown.clone(), |s| s.to_string_lossy().into_owned())
            });
            Loaded::Person(crate::team::Person::new(name, shown, rubric, &a))
        }
    }
}

fn team(args: TeamArgs, config: &Config) -> Result<()> {
    let mut paths = Vec::new();
    // Entries of a folder named like answers but not regular files (a FIFO would
    // block, a device never end): left out, and listed as such.
    let mut unreadable = Vec::new();
    for input in &args.inputs {
        // A typo is an error, not an empty team.
        if input.symlink_metadata().is_err() {
            return Err(bad_input(format!("{}: no such file or folder", input.display())));
        }
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| bad_input(format!("cannot read {}: {e}", input.display())))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.extension()
                        .is_some_and(|e| ["yaml", "yml", "toml", "json"].iter().any(|x| e == *x))
                        && !p.is_dir()
                })
                .collect();
            found.sort();
            let (files, others): (Vec<PathBuf>, Vec<PathBuf>) = found.into_iter().partition(|p| files::is_regular(p));
            unreadable.extend(others.into_iter().map(|p| {
                crate::team::Skipped {
                    file: p.display().to_string(),
                    reason:
                        "not a regular file of at most 8 MiB (a FIFO, device, broken link or oversized file): skipped"
                            .to_string(),
                }
            }));
            paths.extend(files);
        } else {
            paths.push(input.clone());
        }
    }
    if paths.is_empty() {
        return Err(bad_input(
            "no answers files found (looked for .yaml, .yml, .toml and .json)",
        ));
    }
    if let Some(output) = &args.out.output {
        let mut inputs: Vec<(&str, &Path)> = paths.iter().map(|p| ("answers file", p.as_path())).collect();
        inputs.extend(rubric_file(args.rubric.as_deref()).map(|p| ("--rubric", p)));
        files::check_outputs(&[("-o", output)], &inputs, args.out.force)?;
    }
    let rubric = choose_rubric(args.rubric.as_deref(), None, config, "")?;
    let target = choose_target(args.target.as_deref(), None, config, &rubric)?;

    // Each file is independent: load them on every core, in order.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len())
        .max(1);
    let chunk = paths.len().div_ceil(threads);
    let loaded: Vec<Loaded> = std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                let rubric = &rubric;
                s.spawn(move || {
                    part.iter()
                        .map(|p| load_person(p, rubric, target, args.allow_missing))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let (mut people, mut failed, mut other) = (Vec::new(), unreadable, Vec::new());
    for (path, l) in paths.iter().zip(loaded) {
        let file = path.display().to_string();
        match l {
            Loaded::Person(p) => people.push(p),
            Loaded::Failed(reason) => failed.push(crate::team::Skipped { file, reason }),
            Loaded::OtherRubric(reason) => other.push(crate::team::Skipped { file, reason }),
        }
    }
    if args.strict && !failed.is_empty() {
        let lines: Vec<String> = failed.iter().map(|f| format!("  {}: {}", f.file, f.reason)).collect();
        return Err(bad_input(format!(
            "{} of {} files did not load (--strict):\n{}",
            failed.len(),
            paths.len(),
            lines.join("\n")
        )));
    }
    let report = crate::team::summarize(&rubric, target, people, failed, other);
    let text = match args.out.format {
        Format::Table => crate::team::table(&report, &rubric),
        Format::Markdown => crate::team::markdown(&crate::text::map_strings(&report, &crate::text::markdown)),
        Format::Json => crate::team::json(&report),
        Format::Html => crate::team::html(&report, &rubric),
    };
    emit(
        crate::text::visible(&text).as_bytes(),
        args.out.output.as_deref(),
        args.out.force,
    )
}

fn list_line(r: &Rubric, source: &str) -> String {
    format!(
        "{:<16} {:<8} {} — levels: {} ({source})\n",
        r.id,
        r.version,
        r.title,
        r.level_ids().join(", ")
    )
}

fn template(args: TemplateArgs, config: &Config) -> Result<()> {
    let spec = args
        .rubric
        .as_deref()
        .or(config.rubric.as_deref())
        .unwrap_or(rubric::DEFAULT_ID);
    let r = load_rubric(spec)?;
    emit(
        crate::text::visible(&crate::template::template(&r, args.format)).as_bytes(),
        None,
        false,
    )
}

/// The rubric for some answers: the flag, else the one the answers name (the
/// config's when it is that one, since it may be a file), else the config's,
/// else the default.
fn choose_rubric(flag: Option<&str>, named: Option<&str>, config: &Config, name: &str) -> Result<Rubric> {
    let named = named.filter(|id| !id.trim().is_empty());
    match (flag, named, &config.rubric) {
        (Some(spec), _, _) => load_rubric(spec),
        (None, Some(id), Some(spec)) => match load_rubric(spec)? {
            r if r.id == id => Ok(r),
            _ => rubric_by_id(id, name),
        },
        (None, Some(id), None) => rubric_by_id(id, name),
        (None, None, Some(spec)) => load_rubric(spec),
        (None, None, None) => load_rubric(rubric::DEFAULT_ID),
    }
}

/// The target level: the flag, else the answers', else the config's (where
/// this rubric has such a level), else the rubric's default.
fn choose_target(flag: Option<&str>, answers: Option<&str>, config: &Config, rubric: &Rubric) -> Result<usize> {
    let config_target = config.target.as_deref().filter(|t| rubric.level_index(t).is_some());
    match flag.or(answers).or(config_target) {
        None => Ok(rubric.default_target),
        Some(id) => rubric.level_index(id).ok_or_else(|| {
            bad_input(format!(
                "unknown target level '{id}'; expected {} (a level id or title, in any case)",
                one_of(&rubric.level_ids())
            ))
        }),
    }
}

/// The rubric an answers file's `rubric:` id names: built in or installed.
fn rubric_by_id(id: &str, name: &str) -> Result<Rubric> {
    if rubric::BUILTIN.iter().any(|b| b.id == id) || installed().iter().any(|(i, _)| i == id) {
        return load_rubric(id);
    }
    Err(bad_input(format!(
        "{name} is for rubric '{id}', which is neither built in nor installed; pass --rubric FILE to use your rubric file"
    )))
}

fn assess(args: AssessArgs, config: &Config) -> Result<()> {
    check_outputs(&args)?;
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
            interview(&rubric, target, checked, args.rubric.as_deref(), continued.clone())?,
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
        && let Some(stop) = STOP.get()
    {
        match keep_in_resume(stop) {
            Ok(path) => tell!(
                "Your answers are kept in {}; `levelup assess --resume` shows the review again.",
                path.display()
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
    guard_terminal()?;
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
    tell!("\nNothing changed: the unfinished interview is still waiting (`levelup assess --resume` continues it).");
    exit_restored(code)
}

/// Every place `assess` writes, checked before anything is asked or written:
/// a run that cannot write all of them writes none.
fn check_outputs(args: &AssessArgs) -> Result<()> {
    let outputs: Vec<(&str, &Path)> = [
        ("-o", &args.output),
        ("--chart", &args.chart),
        ("--save-answers", &args.save_answers),
    ]
    .into_iter()
    .filter_map(|(flag, path)| path.as_deref().map(|p| (flag, p)))
    .collect();
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

/// `--rubric` as a file, when it names one.
fn rubric_file(spec: Option<&str>) -> Option<&Path> {
    spec.map(Path::new).filter(|p| p.is_file())
}

/// Write everything a run produces: the chart (--chart), the answers
/// (--save-answers), the report (-o, else stdout) and the history entry
/// (--save). Everything is rendered first; streams (/dev/stdout, a pipe) are
/// written before files, since a stream that fails (/dev/full) cannot be
/// taken back: it then stops the run before any file is written.
fn deliver(report: &Report, answers: &Answers, rubric: &Rubric, args: &AssessArgs, config: &Config) -> Result<()> {
    let format = args.format.or(config.format).unwrap_or(Format::Table);
    let width = if args.output.is_some() { 100 } else { stdout_width() };
    let chart_link = args.chart.as_deref().map(|chart| link(chart, args.output.as_deref()));
    let options = render::Options {
        width,
        unicode: unicode_ok(),
        chart: chart_link.as_deref(),
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
    match &args.output {
        Some(_) => Ok(()),
        None => emit(text.as_bytes(), None, args.force),
    }
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
    deliver(&report, own, &rubric, args, config)
}

/// Ask what is missing. Returns only when the interview is finished: quitting
/// (Esc, Ctrl-C, a signal) saves the answers so far and ends the process (see
/// [`quit_interview`]). The resume file stays until the report is out.
///
/// `continuing`: the resume file `start` came from, if it did. A resume file
/// found on quitting that is not that one belongs to another interview and is
/// set aside, not replaced.
fn interview(
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
        Some(spec) if Rubric::builtin(spec).is_none() => format!("levelup assess --resume --rubric {spec}"),
        _ => "levelup assess --resume".to_string(),
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
    // One interview per process: a second call keeps the first's.
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
const CTRL_C: i32 = 130;

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

/// The terminal's modes before the first prompt, put back however the run ends.
static MODES: std::sync::OnceLock<Modes> = std::sync::OnceLock::new();

/// Before the first prompt: note the terminal's modes and watch for the
/// signals that stop a run (once per process).
fn guard_terminal() -> Result<()> {
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
fn quit_interview_after(e: &std::io::Error) -> ! {
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
fn quit_interview(code: i32) -> ! {
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
            match STOP.get().map(keep_in_resume) {
                Some(Ok(kept)) => tell!("Your answers are kept in {} instead.", kept.display()),
                _ => tell!("Your answers are in the report only."),
            }
            false
        }
    }
}

/// How a report at `output` refers to the chart: by file name when both sit
/// in the same folder, else by the path as given.
fn link(chart: &Path, output: Option<&Path>) -> String {
    let same_folder = output.is_some_and(|o| o.parent() == chart.parent());
    match chart.file_name() {
        Some(name) if same_folder => name.to_string_lossy().into_owned(),
        _ => chart.display().to_string(),
    }
}

/// Block characters and box drawing, unless the locale says the terminal
/// cannot show them (`LANG=C`, `POSIX`, a non-UTF-8 charset).
fn unicode_ok() -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty());
    locale.is_none_or(|l| {
        let l = l.to_ascii_lowercase();
        l.contains("utf-8") || l.contains("utf8")
    })
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
