//! `levelup rubric list|show|validate|init|schema`.

use crate::answers;
use crate::cli::{RubricCommand, ShowFormat};
use crate::config;
use crate::error::bad_input;
use crate::files;
use crate::inputs::{installed, load_rubric, resolve_base};
use crate::outputs::{emit, stdout_width, unicode_ok};
use crate::render;
use crate::rubric::{self, Rubric};
use anyhow::Result;

/// Run one `rubric` subcommand.
pub fn run(cmd: RubricCommand) -> Result<()> {
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
                // Shows its data as visible itself, so that its bold stays bold.
                ShowFormat::Table => render::rubric::table(&r, stdout_width(), unicode_ok()),
                ShowFormat::Markdown => crate::text::visible(&render::rubric::markdown(&r)).into_owned(),
            };
            emit(text.as_bytes(), None, false)
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

fn list_line(r: &Rubric, source: &str) -> String {
    format!(
        "{:<16} {:<8} {} — levels: {} ({source})\n",
        r.id,
        r.version,
        r.title,
        r.level_ids().join(", ")
    )
}
