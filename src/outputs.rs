//! Where output goes: stdout (colour only where wanted) or a file written
//! atomically, and what the terminal can show (width, Unicode).

use crate::cli::ColorChoice;
use crate::files;
use anyhow::Result;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// `--color` for everything we print: reports (anstream) and the interview (console).
pub fn set_color(choice: ColorChoice) {
    let (stream, console) = match choice {
        ColorChoice::Auto => (anstream::ColorChoice::Auto, None),
        ColorChoice::Always => (anstream::ColorChoice::Always, Some(true)),
        ColorChoice::Never => (anstream::ColorChoice::Never, Some(false)),
    };
    stream.write_global();
    if let Some(on) = console {
        dialoguer::console::set_colors_enabled_stderr(on);
    }
}

/// Write to `-o FILE` (atomically, never with colour codes) or to stdout, where
/// anstream drops colour codes unless colour is on.
pub fn emit(text: &[u8], output: Option<&Path>, force: bool) -> Result<()> {
    match output {
        Some(path) => {
            let plain = anstream::adapter::strip_bytes(text).into_vec();
            files::write_atomic(path, &String::from_utf8_lossy(&plain), force)
        }
        // Nothing to strip (JSON, Markdown, plain text): skip anstream's byte-by-byte scan.
        None if !text.contains(&0x1b) => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(text)?;
            Ok(stdout.flush()?)
        }
        None => {
            let mut stdout = anstream::stdout().lock();
            stdout.write_all(text)?;
            Ok(stdout.flush()?)
        }
    }
}

/// How a report at `output` refers to the chart: by file name when both sit
/// in the same folder, else by the path as given.
pub fn link(chart: &Path, output: Option<&Path>) -> String {
    let same_folder = output.is_some_and(|o| o.parent() == chart.parent());
    match chart.file_name() {
        Some(name) if same_folder => name.to_string_lossy().into_owned(),
        _ => chart.display().to_string(),
    }
}

/// Block characters and box drawing, unless the locale says the terminal
/// cannot show them (`LANG=C`, `POSIX`, a non-UTF-8 charset).
pub fn unicode_ok() -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty());
    locale.is_none_or(|l| {
        let l = l.to_ascii_lowercase();
        l.contains("utf-8") || l.contains("utf8")
    })
}

/// The terminal's width when stdout is one, else `COLUMNS`, else 100.
pub fn stdout_width() -> u16 {
    if std::io::stdout().is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return w;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}
