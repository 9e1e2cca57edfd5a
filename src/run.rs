//! From parsed arguments to the subcommand that owns the flow: colour set,
//! the config read (only by the commands that use it), then dispatch.

use crate::cli::{Cli, Command};
use crate::commands;
use crate::config::{self, Config};
use anyhow::Result;

/// Run one parsed command line. Errors carry their exit code (see
/// [`crate::error::exit_code`]); a closed stdout is the caller's to forgive.
pub fn run(cli: Cli) -> Result<()> {
    crate::outputs::set_color(cli.color);
    let config = || -> Result<Config> {
        if let Some(path) = &cli.config {
            config::check_explicit(path)?;
        }
        config::load(cli.config.as_deref())
    };
    match cli.command {
        Command::Assess(args) => commands::assess::run(args, &config()?),
        Command::Plan(args) => commands::plan::run(args, &config()?),
        Command::Template(args) => commands::template::run(args, &config()?),
        Command::Rubric(cmd) => commands::rubric::run(cmd, &config()?),
        Command::History(args) => commands::history::run(args, &config()?),
        Command::Compare(args) => commands::compare::run(args, &config()?),
        Command::Team(args) => commands::team::run(args, &config()?),
        Command::Packet(args) => commands::packet::run(args, &config()?),
        Command::Completions { shell } => commands::completions::run(shell),
        Command::Help(args) => commands::help::run(args),
        Command::Man(args) => commands::man::run(args),
    }
}
