//! `levelup man`: the manual page (roff) on stdout.

use crate::cli::Cli;
use crate::outputs::emit;
use anyhow::Result;
use clap::CommandFactory;

/// Print the man page.
pub fn run() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    emit(&out, None, false)
}
