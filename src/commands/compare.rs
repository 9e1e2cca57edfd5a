//! `levelup compare`: one person's growth between two assessments on one
//! rubric — two files, or that person's last two saved runs.

use crate::cli::CompareArgs;
use crate::config::Config;
use crate::error::bad_input;
use crate::files;
use crate::history::{self, Summary};
use crate::inputs::{report_from, rubric_file, saved_runs};
use crate::outputs::{emit, stdout_width};
use crate::render::Format;
use crate::report::Report;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Compare two assessments: the files named, else the last two saved runs of
/// one person (`--name`, else the person of the last saved run) on one rubric.
///
/// Errors (exit 2): fewer than two such runs; two files on different rubrics
/// or for two different people (the message names both).
pub fn run(args: CompareArgs, config: &Config) -> Result<()> {
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
        (Some(old_path), Some(new_path)) => {
            let old = report_from(old_path, args.rubric.as_deref(), config)?;
            let new = report_from(new_path, args.rubric.as_deref(), config)?;
            one_ladder_one_person(&old, old_path, &new, new_path)?;
            ((old, old_path.clone()), (new, new_path.clone()))
        }
        _ => last_two(args.name.as_deref(), args.rubric.as_deref())?,
    };
    let c = crate::compare::compare(&old, &old_label, &new, &new_label);
    let width = if args.out.output.is_some() { 100 } else { stdout_width() };
    let format = args.out.format.or(config.format).unwrap_or(Format::Table);
    let text = match format {
        Format::Table => crate::compare::table(&c, width),
        // Data adds no Markdown structure (see crate::text).
        Format::Markdown => crate::compare::markdown(&crate::text::map_strings(&c, &crate::text::markdown)),
        Format::Json => crate::compare::json(&c),
        Format::Html => crate::compare::html(&c, &old, &new),
    };
    // The table makes its data visible itself, so that its colours stay colours.
    let text = if format == Format::Table {
        text
    } else {
        crate::text::visible(&text).into_owned()
    };
    emit(text.as_bytes(), args.out.output.as_deref(), args.out.force)
}

/// Growth is one person's, on one ladder: readiness toward another ladder's
/// level, or someone else's profile, says nothing about it.
fn one_ladder_one_person(old: &Report, old_path: &str, new: &Report, new_path: &str) -> Result<()> {
    if old.rubric.id != new.rubric.id {
        return Err(bad_input(format!(
            "{old_path} is on rubric '{}' and {new_path} on rubric '{}': compare shows growth on one rubric (assess both answers files with the same --rubric to compare them)",
            old.rubric.id, new.rubric.id
        )));
    }
    let (a, b) = (&old.person.name, &new.person.name);
    if let (Some(a), Some(b)) = (a, b)
        && history::person_key(Some(a)) != history::person_key(Some(b))
    {
        return Err(bad_input(format!(
            "{old_path} is for {a} and {new_path} for {b}: compare shows one person's growth (levelup team shows several people side by side)"
        )));
    }
    Ok(())
}

/// The last two saved runs of one person on the rubric of their last run,
/// each labelled by when it was saved.
fn last_two(name: Option<&str>, rubric: Option<&str>) -> Result<((Report, String), (Report, String))> {
    let mut runs = saved_runs()?;
    // --rubric (an id, or a file's id) chooses the ladder among the person's runs.
    if let Some(spec) = rubric {
        let id = crate::inputs::load_rubric(spec)?.id;
        runs.retain(|(_, s)| s.report.rubric.id == id);
        if runs.is_empty() {
            return Err(bad_input(format!("no saved run is on rubric '{id}'")));
        }
    }
    let Some((_, last)) = runs.last() else {
        return Err(bad_input(
            "compare needs two assessments: name two files, or save two runs with levelup assess --save (none saved so far)",
        ));
    };
    let theirs: Vec<(PathBuf, Summary)> = match name {
        Some(n) => crate::commands::history::of_person(runs, n)?,
        None => {
            let key = last.person_key();
            runs.into_iter().filter(|(_, s)| s.person_key() == key).collect()
        }
    };
    // Never empty: --name found someone, or the last run's person has that run.
    let Some((_, latest)) = theirs.last() else {
        return Err(bad_input("compare found no saved run to start from"));
    };
    // The name as the runs spell it, not as typed after --name.
    let who = latest.report.person.name.clone().or_else(|| name.map(str::to_string));
    let rubric = latest.report.rubric.id.clone();
    let same: Vec<&(PathBuf, Summary)> = theirs.iter().filter(|(_, s)| s.report.rubric.id == rubric).collect();
    let [.., (old_path, old), (new_path, new)] = same.as_slice() else {
        let subject = match &who {
            Some(n) => format!("{n} has"),
            None => "the runs that name no one have".to_string(),
        };
        return Err(bad_input(format!(
            "compare needs two saved runs of one person on one rubric, and {subject} one on rubric '{rubric}': save another with levelup assess --save, name two files, or pick another person with --name"
        )));
    };
    let full = |path: &Path, s: &Summary| -> Result<(Report, String)> {
        let label = format!(
            "saved {}",
            s.saved_at.chars().take(16).collect::<String>().replace('T', " ")
        );
        Ok((history::read(path)?.report, label))
    };
    Ok((full(old_path, old)?, full(new_path, new)?))
}
