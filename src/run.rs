//! One function per subcommand: gather inputs, call the pure parts, write output.

use crate::answers::{self, Format as AnswersFormat};
use crate::cli::{AssessArgs, Cli, Command};
use crate::error::{bad_input, one_of};
use crate::files;
use crate::render;
use crate::report;
use crate::rubric::{self, Rubric};
use crate::score;
use anyhow::Result;
use std::io::{IsTerminal, Write};

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
    let Some(path) = args.answers.as_deref() else {
        return Err(bad_input(
            "no answers to score: pass --answers FILE (YAML, TOML or JSON), or --answers - to read YAML from stdin",
        ));
    };
    let name = files::display_name(path);
    let text = files::read_text(path)?;
    let raw = answers::parse(&text, AnswersFormat::from_path(path), &name)?;

    let rubric = match (&args.rubric, &raw.rubric) {
        (Some(spec), _) => load_rubric(spec)?,
        (None, Some(id)) => Rubric::builtin(id).ok_or_else(|| {
            bad_input(format!(
                "{name} is for rubric '{id}', which is not built in; pass --rubric FILE to use your rubric file"
            ))
        })?,
        (None, None) => load_rubric(rubric::DEFAULT_ID)?,
    };
    let checked = answers::check(raw, &rubric, &name, args.allow_missing)?;

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
