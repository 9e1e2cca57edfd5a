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
///
/// When the locale is not UTF-8 (`LANG=C`, see [`unicode_ok`]) what goes to
/// stdout is made ASCII-only first, by [`terminal_text`]. A file written with
/// `-o` is left as rendered, UTF-8, whatever the locale: the locale describes
/// the terminal, and a file is read by other programs.
pub fn emit(text: &[u8], output: Option<&Path>, force: bool) -> Result<()> {
    if let Some(path) = output {
        let plain = anstream::adapter::strip_bytes(text).into_vec();
        return files::write_atomic(path, &String::from_utf8_lossy(&plain), force);
    }
    let ascii;
    let text = if unicode_ok() || text.is_ascii() {
        text
    } else {
        ascii = terminal_text(&String::from_utf8_lossy(text), false);
        ascii.as_bytes()
    };
    if text.contains(&0x1b) {
        let mut stdout = anstream::stdout().lock();
        stdout.write_all(text)?;
        Ok(stdout.flush()?)
    } else {
        // Nothing to strip (JSON, Markdown, plain text): skip anstream's byte-by-byte scan.
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text)?;
        Ok(stdout.flush()?)
    }
}

/// `text` as a terminal can show it: unchanged when `unicode` is true, else
/// ASCII-only in a way that keeps its kind whole: JSON gets `\uXXXX`
/// escapes, an HTML page numeric references and the man page roff escapes
/// (nothing lost), anything else the ASCII spelling of [`crate::text::ascii`].
pub fn terminal_text(text: &str, unicode: bool) -> String {
    if unicode || text.is_ascii() {
        return text.to_string();
    }
    let start = text.trim_start();
    let html = start
        .get(..14)
        .is_some_and(|s| s.eq_ignore_ascii_case("<!doctype html"));
    let roff = start.starts_with(".ie \\n(.g") || start.starts_with(".TH ");
    let json = start.starts_with(['{', '[']) && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
    let out = if json {
        crate::text::ascii_json(text)
    } else if html {
        crate::text::ascii_html(text)
    } else if roff {
        crate::text::ascii_roff(text)
    } else {
        crate::text::ascii(text)
    };
    out.into_owned()
}

/// A message for stderr: ASCII-only when the locale is not UTF-8.
pub fn for_stderr(text: &str) -> String {
    terminal_text(text, unicode_ok())
}

/// How a report at `output` refers to the chart: a path relative to the
/// report's folder (`radar.svg`, `../radar.svg`), so the link works wherever
/// the two are opened from; the path as given for a report on stdout.
pub fn link(chart: &Path, output: Option<&Path>) -> String {
    let Some(output) = output else {
        return chart.display().to_string();
    };
    // Both as absolute paths, their folders resolved (both folders exist:
    // outputs are checked before anything is rendered).
    let absolute = |p: &Path| -> Option<std::path::PathBuf> {
        let folder = match p.parent() {
            Some(f) if !f.as_os_str().is_empty() => f.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        Some(std::fs::canonicalize(folder).ok()?.join(p.file_name()?))
    };
    let (Some(chart_abs), Some(output_abs)) = (absolute(chart), absolute(output)) else {
        return chart.display().to_string();
    };
    let from: Vec<_> = output_abs
        .parent()
        .map(|p| p.components().collect())
        .unwrap_or_default();
    let to: Vec<_> = chart_abs.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return chart_abs.display().to_string();
    }
    let mut rel = std::path::PathBuf::new();
    for _ in common..from.len() {
        rel.push("..");
    }
    for c in &to[common..] {
        rel.push(c);
    }
    // Markdown and HTML links use forward slashes on every system.
    rel.to_string_lossy().replace('\\', "/")
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
    // A width beyond what a terminal has is as good as unlimited.
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<u64>().ok())
        .map_or(100, |c| u16::try_from(c).unwrap_or(u16::MAX))
}
