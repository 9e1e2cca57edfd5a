//! `levelup compare`: growth between two assessments.

use crate::cli::CompareArgs;
use crate::config::Config;
use crate::error::bad_input;
use crate::files;
use crate::inputs::{report_from, rubric_file, saved_runs};
use crate::outputs::{emit, stdout_width};
use crate::render::Format;
use anyhow::Result;
use std::path::Path;

/// Compare two assessments: the files named, else the last two saved runs.
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
