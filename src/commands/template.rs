//! `levelup template`: an answers file to fill in.

use crate::cli::TemplateArgs;
use crate::config::Config;
use crate::inputs::{choose_rubric, installed};
use crate::outputs::emit;
use crate::rubric::Rubric;
use anyhow::Result;

/// Print the answers template of the chosen rubric.
pub fn run(args: TemplateArgs, config: &Config) -> Result<()> {
    let r = choose_rubric(args.rubric.as_deref(), None, config, "")?;
    // Named by file (not by a built-in or installed id): the printed command
    // must name the file too, as a path that works from any folder.
    let file = args
        .rubric
        .as_deref()
        .filter(|spec| Rubric::builtin(spec).is_none() && installed().iter().all(|i| i.id != *spec))
        .map(|spec| std::fs::canonicalize(spec).map_or_else(|_| spec.to_string(), |p| p.display().to_string()));
    emit(
        crate::text::visible(&crate::template::template(&r, args.format, file.as_deref())).as_bytes(),
        None,
        false,
    )
}
