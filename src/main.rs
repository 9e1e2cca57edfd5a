use clap::{CommandFactory, FromArgMatches};
use levelup::cli::Cli;
use levelup::error::{exit_code, is_broken_pipe};
use std::io::Write;
use std::process::ExitCode;

/// `--color` as typed, looked up before parsing: clap prints `--help` while
/// it parses, so it must know the choice before it starts.
fn color_choice() -> Option<clap::ColorChoice> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        let arg = arg.to_string_lossy().into_owned();
        let value = match arg.as_str() {
            "--" => return None,
            "--color" => args.next()?.to_string_lossy().into_owned(),
            _ => match arg.strip_prefix("--color=") {
                Some(v) => v.to_string(),
                None => continue,
            },
        };
        return match value.as_str() {
            "always" => Some(clap::ColorChoice::Always),
            "never" => Some(clap::ColorChoice::Never),
            _ => None,
        };
    }
    None
}

fn main() -> ExitCode {
    let mut command = Cli::command();
    if let Some(choice) = color_choice() {
        command = command.color(choice);
    }
    let parsed = command.try_get_matches().and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => {
            // --help and --version land here too, with exit code 0. A usage error
            // quotes what was typed (a file name from a glob, say): shown, never
            // sent — plain, since its colours could not be told from the data's.
            let written = if e.use_stderr() {
                let text = e.render().to_string();
                let shown = levelup::outputs::for_stderr(&levelup::text::visible(&text));
                // A usage error is reported by its exit code even when stderr is gone.
                let _ = write!(std::io::stderr(), "{shown}");
                Ok(())
            } else if !levelup::outputs::unicode_ok() {
                // --help and --version as ASCII when the locale is not UTF-8.
                let text = levelup::outputs::for_stderr(&e.render().to_string());
                write!(std::io::stdout(), "{text}").and_then(|()| std::io::stdout().flush())
            } else {
                e.print().and_then(|()| std::io::stdout().flush())
            };
            // Help that could not be written (a full disk) is a failure; a closed pipe is not.
            return match written {
                Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => {
                    let _ = writeln!(std::io::stderr(), "levelup: error: cannot write to stdout: {err}");
                    ExitCode::from(1)
                }
                _ => ExitCode::from(e.exit_code() as u8),
            };
        }
    };
    match levelup::run::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // anstream drops the colour unless stderr is a terminal and colour is on.
            let red = anstyle::Style::new()
                .bold()
                .fg_color(Some(anstyle::AnsiColor::Red.into()));
            // A closed or full stderr must not turn an error into a panic.
            // The message names files and values from outside: shown, never sent raw.
            // In ASCII when the locale is not UTF-8.
            let message = levelup::outputs::for_stderr(&levelup::text::visible(&format!("{e:#}")));
            let _ = writeln!(anstream::stderr(), "levelup: {red}error:{red:#} {message}");
            ExitCode::from(exit_code(&e))
        }
    }
}
