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
    /// Report format: table, markdown, json or html.
    pub format: Option<Format>,
    /// Shown in reports when the answers do not name anyone.
    pub name: Option<String>,
    /// Evidence dated more than this many months ago is stale (`packet`,
    /// `history`); `--stale-after` wins. Default 12; at most
    /// [`crate::packet::MAX_STALE_AFTER_MONTHS`].
    #[serde(default, deserialize_with = "stale_after_months")]
    pub stale_after_months: Option<u32>,
}

/// `stale_after_months`: a whole number of months, 0 to 1200; anything else
/// is refused with a message naming the key, the value and the range (the
/// file, line and column are added by [`parse`]).
fn stale_after_months<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Option<u32>, D::Error> {
    struct Months;

    fn refuse<E: serde::de::Error>(value: impl std::fmt::Display) -> E {
        E::custom(format!(
            "stale_after_months = {value} is not {}",
            crate::packet::STALE_AFTER_RANGE
        ))
    }

    impl serde::de::Visitor<'_> for Months {
        type Value = u32;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "stale_after_months as {}", crate::packet::STALE_AFTER_RANGE)
        }

        fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<u32, E> {
            u32::try_from(v)
                .ok()
                .filter(|m| *m <= crate::packet::MAX_STALE_AFTER_MONTHS)
                .ok_or_else(|| refuse(v))
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<u32, E> {
            u32::try_from(v)
                .ok()
                .filter(|m| *m <= crate::packet::MAX_STALE_AFTER_MONTHS)
                .ok_or_else(|| refuse(v))
        }

        fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<u32, E> {
            Err(refuse(v))
        }

        fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<u32, E> {
            Err(refuse(format!("{:?}", crate::text::one_line(v))))
        }

        fn visit_bool<E: serde::de::Error>(self, v: bool) -> std::result::Result<u32, E> {
            Err(refuse(v))
        }
    }

    d.deserialize_any(Months).map(Some)
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
    fn stale_after_months_is_a_whole_number_up_to_1200() {
        for (value, months) in [("0", 0), ("18", 18), ("1200", 1200)] {
            let c = parse(&format!("stale_after_months = {value}\n"), "c.toml").unwrap();
            assert_eq!(c.stale_after_months, Some(months));
        }
        assert_eq!(parse("name = \"Dana\"\n", "c.toml").unwrap().stale_after_months, None);
        for value in ["1201", "4000000000", "-1", "\"x\"", "1.5", "true", "[12]"] {
            let err = parse(&format!("stale_after_months = {value}\n"), "c.toml").unwrap_err();
            let text = format!("{err:#}");
            assert_eq!(crate::error::exit_code(&err), 2, "{text}");
            assert!(text.contains("c.toml:1:"), "{value}: {text}");
            assert!(text.contains("stale_after_months"), "{value}: {text}");
            assert!(
                text.contains("whole number of months from 0 to 1200"),
                "{value}: {text}"
            );
            assert!(!text.contains("u32"), "{value}: {text}");
        }
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
