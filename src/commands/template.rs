//! `levelup template`: an answers file to fill in.

use crate::cli::TemplateArgs;
use crate::config::Config;
use crate::inputs::load_rubric;
use crate::outputs::emit;
use crate::rubric;
use anyhow::Result;

/// Print the answers template of the chosen rubric.
pub fn run(args: TemplateArgs, config: &Config) -> Result<()> {
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
