use clap::Parser;
use levelup::cli::Cli;
use levelup::error::{exit_code, is_broken_pipe};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version land here too, with exit code 0.
            let _ = e.print();
            return ExitCode::from(e.exit_code() as u8);
        }
    };
    match levelup::run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("levelup: error: {e:#}");
            ExitCode::from(exit_code(&e))
        }
    }
}
