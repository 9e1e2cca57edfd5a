//! Settings from `$XDG_CONFIG_HOME/levelup/config.toml` (or `--config FILE`):
//! the default rubric, target level, report format, the person's name and
//! when evidence turns stale.
//! Every setting is optional; flags and answers files take precedence.

use crate::error::{Problem, Problems, bad_input};
use crate::files;
use crate::render::Format;
use anyhow::{Context, Result};
use etcetera::BaseStrategy;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Built-in or installed rubric id, or a rubric file.
    pub rubric: Option<String>,
    /// Target level id.
    pub target: Option<String>,
    /// Report format: table, markdown or json.
    pub format: Option<Format>,
    /// Shown in reports when the answers do not name anyone.
    pub name: Option<String>,
    /// Evidence dated more than this many months ago is stale (`packet`,
    /// `history`); `--stale-after` wins. Default 12.
    pub stale_after_months: Option<u32>,
}

/// `$XDG_CONFIG_HOME/levelup` (usually `~/.config/levelup`).
pub fn dir() -> Result<PathBuf> {
    let dirs = etcetera::choose_base_strategy().context("cannot find your home folder")?;
    Ok(dirs.config_dir().join("levelup"))
}

/// Folder of installed rubrics, found by id.
pub fn rubrics_dir() -> Result<PathBuf> {
    Ok(dir()?.join("rubrics"))
}

/// The config from `explicit` (which must exist), else the default file if
/// there is one, else defaults.
pub fn load(explicit: Option<&Path>) -> Result<Config> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        // No home folder means no config file, not an error: the config is optional.
        // Only a missing file means no config: one that is there but cannot be
        // reached (a link loop, a dangling link) is reported when read.
        None => match dir().map(|d| d.join("config.toml")) {
            Ok(p) if p.symlink_metadata().is_ok() => p,
            _ => return Ok(Config::default()),
        },
    };
    let shown = path.display().to_string();
    // The usual config file must be a file: a FIFO there would wait forever.
    if explicit.is_none() && std::fs::metadata(&path).is_ok_and(|m| !m.is_file()) {
        return Err(crate::error::bad_input(format!(
            "{shown} is not a regular file (a FIFO, device or folder): remove it or pass --config"
        )));
    }
    let text = files::read_text(&shown)?;
    parse(&text, &shown)
}

pub fn parse(text: &str, file: &str) -> Result<Config> {
    if let Some(problem) = crate::answers::toml_too_big(text) {
        return Err(anyhow::Error::new(Problems {
            file: file.to_string(),
            what: "config file",
            problems: vec![problem],
        }));
    }
    toml::from_str(text).map_err(|e| {
        let at = e.span().map(|span| crate::answers::line_col(text, span.start));
        let problem = Problem::new("", e.message().trim().to_string()).at(at);
        anyhow::Error::new(Problems {
            file: file.to_string(),
            what: "config file",
            problems: vec![problem],
        })
    })
}

/// Refuse an explicit `--config` that points nowhere (the default may be absent).
pub fn check_explicit(path: &Path) -> Result<()> {
    if path.exists() {
        Ok(())
    } else {
        Err(bad_input(format!("{}: no such config file", path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_setting() {
        let c = parse(
            "rubric = \"senior-staff\"\ntarget = \"staff\"\nformat = \"markdown\"\nname = \"Dana\"\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.format, Some(Format::Markdown));
        assert_eq!(c.name.as_deref(), Some("Dana"));
    }

    #[test]
    fn bad_config_names_file_and_line() {
        let err = parse("rubric = \"x\"\nformat = \"pdf\"\n", "c.toml").unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("c.toml:2:10"), "{text}");
        assert!(text.contains("markdown"), "lists the allowed formats: {text}");
        assert_eq!(crate::error::exit_code(&err), 2);
        let err = parse("colour = \"red\"\n", "c.toml").unwrap_err();
        assert!(format!("{err:#}").contains("c.toml:1:1"), "{err:#}");
    }
}
