//! `levelup plan`: the shortest path to the target. The same inputs and flow
//! as `assess` (answers file, interview, rubric and target choice, outputs);
//! only what is shown differs: where the person stands and the path.

use crate::cli::PlanArgs;
use crate::config::Config;
use anyhow::Result;

/// Plan for one person and deliver it.
pub fn run(args: PlanArgs, config: &Config) -> Result<()> {
    super::assess::run(args.into(), config)
}
