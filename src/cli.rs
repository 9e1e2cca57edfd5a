//! The command-line surface (clap derive). Parsing only; `run` acts on it.

use crate::render::Format;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "levelup",
    version,
    about = "Find out where you stand between two career levels, and what to do next",
    long_about = "levelup scores your answers against a career-ladder rubric (by default Senior → Staff Engineer) and prints a gap report: dimension by dimension, what the next level looks like, how far you are, and what to do next. Everything stays on your machine."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the questions (or score an answers file) and print the gap report
    #[command(after_help = "\
Examples:
  levelup assess                                   # the interview, in a terminal
  levelup assess --resume                          # continue an interrupted interview
  levelup assess --answers partial.yaml            # in a terminal: asks only what is missing
  levelup assess --answers answers.yaml --format markdown -o gap.md
  cat answers.yaml | levelup assess --answers - --format json

Exit codes: 0 success, 2 bad usage or bad input, 130 interview interrupted (answers kept), 1 anything else.")]
    Assess(AssessArgs),
}

#[derive(Debug, Args)]
pub struct AssessArgs {
    /// Answers file: YAML, TOML or JSON by extension; `-` reads YAML from stdin
    #[arg(long, value_name = "FILE")]
    pub answers: Option<String>,

    /// Continue the interview that was interrupted (Esc or Ctrl-C)
    #[arg(long, conflicts_with = "answers")]
    pub resume: bool,

    /// Save the answers to FILE (YAML) without asking; refuses to replace a file unless --force
    #[arg(long, value_name = "FILE")]
    pub save_answers: Option<std::path::PathBuf>,

    /// Built-in rubric id or a rubric YAML file [default: the answers file's rubric, else senior-staff]
    #[arg(long, value_name = "ID|FILE")]
    pub rubric: Option<String>,

    /// Level to measure against [default: the answers file's target, else the rubric's]
    #[arg(long, value_name = "LEVEL")]
    pub target: Option<String>,

    /// Report format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write the report to FILE (atomically) instead of stdout
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the -o and --save-answers files if they already exist
    #[arg(long)]
    pub force: bool,

    /// Score what is answered and list the rest as unanswered, instead of failing
    #[arg(long)]
    pub allow_missing: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }
}
