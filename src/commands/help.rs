//! `levelup help [SUBCOMMAND…]`: the long help of levelup or of a subcommand,
//! the same text as `--help`. Ours rather than clap's, whose `help` cannot
//! answer `levelup help --help`.

use crate::cli::{Cli, HelpArgs};
use crate::error::{bad_input, one_of};
use crate::outputs::emit;
use anyhow::Result;
use clap::CommandFactory;

/// Print the help of the subcommand `args.command` names.
///
/// Errors (exit 2): a word that names no subcommand, with those there are.
pub fn run(args: HelpArgs) -> Result<()> {
    let mut cmd = Cli::command();
    // Built, so usage lines say `levelup rubric show` and global options show.
    cmd.build();
    let mut at = &mut cmd;
    for word in &args.command {
        let names: Vec<String> = at.get_subcommands().map(|s| s.get_name().to_string()).collect();
        let path = at.get_bin_name().unwrap_or("levelup").to_string();
        at = at.find_subcommand_mut(word).ok_or_else(|| {
            let offered = if names.is_empty() {
                format!("{path} has no subcommands")
            } else {
                format!("{path} has {}", one_of(&names))
            };
            bad_input(format!("no subcommand '{word}': {offered}"))
        })?;
    }
    let help = at.render_long_help();
    emit(help.ansi().to_string().as_bytes(), None, false)
}
