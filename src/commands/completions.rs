//! `levelup completions SHELL`: a completion script on stdout.

use crate::cli::Cli;
use crate::outputs::emit;
use anyhow::Result;
use clap::CommandFactory;

/// Print the completion script for `shell`.
pub fn run(shell: clap_complete::Shell) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "levelup", &mut out);
    emit(&out, None, false)
}
