//! `levelup rubric list|show|diff|validate|init|schema`.

use crate::answers;
use crate::cli::{DiffFormat, RubricCommand, ShowFormat};
use crate::config::{self, Config};
use crate::error::{bad_input, one_of};
use crate::files;
use crate::inputs::{choose_rubric, installed, resolve_base, rubric_file};
use crate::outputs::{emit, stdout_width, unicode_ok};
use crate::render::{self, Format};
use crate::rubric::{self, Rubric};
use anyhow::Result;
use std::path::Path;

/// Refuse `-o FILE` before anything is read when it would replace an input or
/// an existing file without `--force`. The rubric read is the flag's, else
/// the config's, as `choose_rubric` picks it.
fn check_output(output: Option<&Path>, rubric: Option<&str>, config: &Config, force: bool) -> Result<()> {
    let Some(output) = output else {
        return Ok(());
    };
    let rubric = rubric.or(config.rubric.as_deref());
    let inputs: Vec<(&str, &Path)> = rubric_file(rubric).map(|p| ("rubric", p)).into_iter().collect();
    files::check_outputs(&[("-o", output)], &inputs, force)
}

/// Width for a table: the terminal's, or 100 for a file.
fn width_for(output: Option<&Path>) -> u16 {
    if output.is_some() { 100 } else { stdout_width() }
}

/// `rubric show [ID|FILE] [--grid]`: the rubric as a person reads it, or the
/// level × dimension grid. The rubric: the one named, else the config's, else
/// the built-in default, as `assess` chooses it.
fn show(
    spec: Option<&str>,
    format: Option<ShowFormat>,
    grid: bool,
    output: Option<&Path>,
    force: bool,
    config: &Config,
) -> Result<()> {
    if format == Some(ShowFormat::Html) && !grid {
        return Err(bad_input(
            "rubric show -f html draws the level grid only: add --grid, or use -f table or -f markdown",
        ));
    }
    check_output(output, spec, config, force)?;
    let r = choose_rubric(spec, None, config, "")?;
    let format = format.unwrap_or(match config.format {
        Some(Format::Markdown) => ShowFormat::Markdown,
        Some(Format::Html) if grid => ShowFormat::Html,
        _ => ShowFormat::Table,
    });
    let width = width_for(output);
    let text = if grid {
        let g = crate::ladder::grid(&r);
        match format {
            ShowFormat::Table => render::ladder::grid_table(&g, width, unicode_ok() || output.is_some()),
            ShowFormat::Markdown => render::ladder::grid_markdown(&g),
            ShowFormat::Html => render::ladder::grid_html(&g),
        }
    } else {
        match format {
            // Shows its data as visible itself, so that its bold stays bold.
            ShowFormat::Table => render::rubric::table(&r, width, unicode_ok() || output.is_some()),
            ShowFormat::Markdown | ShowFormat::Html => crate::text::visible(&render::rubric::markdown(&r)).into_owned(),
        }
    };
    emit(text.as_bytes(), output, force)
}

/// A level of `r` by id or title, in any case; else exit 2 naming the value and the levels.
fn level(r: &Rubric, text: &str, which: &str) -> Result<usize> {
    r.level_index(text).ok_or_else(|| {
        bad_input(format!(
            "unknown level '{text}' ({which}) in rubric {}; expected {} (a level id or title, in any case)",
            r.id,
            one_of(&r.level_ids())
        ))
    })
}

/// `rubric diff FROM TO`: what changes from one level to the other.
fn diff(
    from: &str,
    to: &str,
    spec: Option<&str>,
    format: Option<DiffFormat>,
    output: Option<&Path>,
    force: bool,
    config: &Config,
) -> Result<()> {
    check_output(output, spec, config, force)?;
    let r = choose_rubric(spec, None, config, "")?;
    let (a, b) = (level(&r, from, "FROM")?, level(&r, to, "TO")?);
    let d = crate::ladder::diff(&r, a, b);
    let format = format.unwrap_or(match config.format {
        Some(Format::Markdown) => DiffFormat::Markdown,
        Some(Format::Json) => DiffFormat::Json,
        _ => DiffFormat::Table,
    });
    let text = match format {
        DiffFormat::Table => render::ladder::diff_table(&d, width_for(output), unicode_ok() || output.is_some()),
        DiffFormat::Markdown => render::ladder::diff_markdown(&d),
        DiffFormat::Json => render::ladder::diff_json(&d),
    };
    emit(text.as_bytes(), output, force)
}

/// Run one `rubric` subcommand.
pub fn run(cmd: RubricCommand, config: &Config) -> Result<()> {
    match cmd {
        RubricCommand::List => {
            let width = usize::from(crate::outputs::stdout_width());
            let mut out = String::new();
            for b in rubric::BUILTIN {
                if let Some(r) = Rubric::builtin(b.id) {
                    out.push_str(&list_entry(&r, "built in", width));
                }
            }
            for i in installed() {
                let shown = i.path.display().to_string();
                match files::read_text(&shown).map(|t| rubric::parse_extending(&t, &shown, &resolve_base)) {
                    Ok(Ok(r)) => out.push_str(&list_entry(&r, &shown, width)),
                    _ => out.push_str(&wrapped(
                        &format!("{} (invalid: run levelup rubric validate {shown})", i.id),
                        width,
                    )),
                }
                if let Some(by) = &i.shadowed_by {
                    out.push_str(&wrapped(
                        &format!(
                            "    not used: the id '{}' means {by}; give {shown} an id of its own",
                            i.id
                        ),
                        width,
                    ));
                }
            }
            if let Ok(dir) = config::rubrics_dir() {
                for path in files::skipped_in(&dir, &["yaml", "yml"]) {
                    let id = path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    out.push_str(&wrapped(
                        &format!(
                            "{id} (skipped: {} is not a regular file of at most 8 MiB)",
                            path.display()
                        ),
                        width,
                    ));
                }
            }
            emit(crate::text::visible(&out).as_bytes(), None, false)
        }
        RubricCommand::Show {
            rubric,
            format,
            grid,
            output,
            force,
        } => show(rubric.as_deref(), format, grid, output.as_deref(), force, config),
        RubricCommand::Diff {
            from,
            to,
            rubric,
            format,
            output,
            force,
        } => diff(&from, &to, rubric.as_deref(), format, output.as_deref(), force, config),
        RubricCommand::Validate { files: paths } => {
            let mut ok = String::new();
            let mut failed = Vec::new();
            for path in &paths {
                let shown = path.display().to_string();
                let checked =
                    files::read_text(&shown).and_then(|t| Ok(rubric::parse_extending(&t, &shown, &resolve_base)?));
                match checked {
                    Ok(r) => {
                        ok.push_str(&format!(
                            "ok: {shown} ({} v{}: {} levels, {}, {})\n",
                            r.id,
                            r.version,
                            r.levels.len(),
                            crate::team::count(r.dimensions.len(), "dimension", "dimensions"),
                            crate::team::count(r.question_ids().count(), "question", "questions")
                        ));
                        if let Some(note) = id_taken(&r.id, path) {
                            ok.push_str(&format!("  note: {note}\n"));
                        }
                    }
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
        // `-` is stdout, as with `--answers -` for reading.
        RubricCommand::Init { file, .. } if file.as_os_str() == "-" => emit(rubric::STARTER.as_bytes(), None, false),
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

/// Whether another rubric has the id `id` of the rubric file at `path`: a
/// built-in one, or an installed file other than this one. Such a file works
/// with `--rubric FILE`; installed, it would not be found by its id.
fn id_taken(id: &str, path: &Path) -> Option<String> {
    if rubric::BUILTIN.iter().any(|b| b.id == id) {
        return Some(format!(
            "'{id}' is the id of a built-in rubric: this file works with --rubric FILE, but installed it would never be used by id; give it an id of its own"
        ));
    }
    let same = |p: &Path| std::fs::canonicalize(p).ok() == std::fs::canonicalize(path).ok();
    let other = installed().into_iter().find(|i| i.id == id && !same(&i.path))?;
    let used = other.shadowed_by.is_none();
    Some(format!(
        "'{id}' is also the id of the installed rubric {}{}",
        other.path.display(),
        if used { ", which --rubric ID uses" } else { "" }
    ))
}

/// One rubric in `rubric list`: its id, version and title, then its levels
/// and where it comes from, wrapped to `width`.
fn list_entry(r: &Rubric, source: &str, width: usize) -> String {
    wrapped(&format!("{} v{} — {}", r.id, r.version, r.title), width)
        + &wrapped(&format!("    levels: {} ({source})", r.level_ids().join(", ")), width)
}

/// `line` wrapped at spaces to `width`, its continuation indented under it.
fn wrapped(line: &str, width: usize) -> String {
    let indent = " ".repeat(line.len() - line.trim_start().len() + 2);
    let options = textwrap::Options::new(width.max(20))
        .subsequent_indent(&indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(line, options) + "\n"
}
