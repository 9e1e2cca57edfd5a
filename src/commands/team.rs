//! `levelup team`: a whole team's answers files against one rubric.

use crate::answers::{self, Format as AnswersFormat};
use crate::cli::TeamArgs;
use crate::config::Config;
use crate::error::bad_input;
use crate::files;
use crate::inputs::{choose_rubric, choose_target, rubric_file};
use crate::outputs::emit;
use crate::render::Format;
use crate::rubric::Rubric;
use crate::score;
use anyhow::Result;
use std::path::{Path, PathBuf};

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

/// Score every answers file given (or found in the folders given) and report the team.
pub fn run(args: TeamArgs, config: &Config) -> Result<()> {
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
    let format = args.out.format.or(config.format).unwrap_or(Format::Table);
    let text = match format {
        Format::Table => crate::team::table(&report, &rubric),
        Format::Markdown => crate::team::markdown(&crate::text::map_strings(&report, &crate::text::markdown)),
        Format::Json => crate::team::json(&report),
        Format::Html => crate::team::html(&report, &rubric),
    };
    // The table makes its data visible itself, so that its colours stay colours.
    let text = if format == Format::Table {
        text
    } else {
        crate::text::visible(&text).into_owned()
    };
    emit(text.as_bytes(), args.out.output.as_deref(), args.out.force)
}
