//! Saved assessments (`assess --save`): one JSON file per run in
//! `$XDG_DATA_HOME/levelup/history/`, holding the report and the answers that
//! made it. Files are written atomically and never replaced.

use crate::error::bad_input;
use crate::files;
use crate::report::Report;
use anyhow::{Context, Result};
use etcetera::BaseStrategy;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Bumped on any change a reader of saved runs could notice.
pub const SAVED_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub saved_version: u32,
    /// When the run was saved (local time, RFC 3339).
    pub saved_at: String,
    pub report: Report,
    /// The answers, as an answers file in JSON.
    pub answers: serde_json::Value,
}

pub fn dir() -> Result<PathBuf> {
    let dirs = etcetera::choose_base_strategy().context("cannot find your home folder for the history")?;
    Ok(dirs.data_dir().join("levelup").join("history"))
}

/// Whether [`save`] could go through, checked before anything of a run is
/// written: the history folder is a folder, or would be made inside one.
///
/// Errors (exit 2): no home folder, or a file where a folder must be.
pub fn check() -> Result<()> {
    let dir = dir()?;
    let mut at: &Path = &dir;
    loop {
        match std::fs::metadata(at) {
            // The nearest folder that exists must take new files (and folders).
            Ok(meta) if meta.is_dir() => {
                return tempfile::Builder::new()
                    .prefix(".levelup-")
                    .tempfile_in(at)
                    .map(drop)
                    .map_err(|e| {
                        bad_input(format!(
                            "--save: cannot keep runs in {}: {} takes no new files ({e})",
                            dir.display(),
                            at.display()
                        ))
                    });
            }
            Ok(_) => {
                return Err(bad_input(format!(
                    "--save: cannot keep runs in {}: {} is not a folder",
                    dir.display(),
                    at.display()
                )));
            }
            Err(_) => match at.parent() {
                Some(parent) => at = parent,
                None => return Ok(()),
            },
        }
    }
}

/// Save a run under a new name: `TIME-01-RUBRIC.json`, `TIME-02-…` for a
/// second save in the same second (on any rubric), and so on without limit (`TIME-100-…`
/// sorts after `TIME-99-…`, see [`list`]). Runs started at once each get their
/// own file: a name taken meanwhile means the next one is tried.
///
/// Errors: the history folder cannot be created or written.
pub fn save(report: &Report, answers: serde_json::Value) -> Result<PathBuf> {
    let dir = dir()?;
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let now = jiff::ZonedDateTime::now();
    let saved = Saved {
        saved_version: SAVED_VERSION,
        saved_at: now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        report: report.clone(),
        answers,
    };
    let text = serde_json::to_string_pretty(&saved)? + "\n";
    // The counter follows the time so that names sort in the order runs were saved.
    let stamp = now.strftime("%Y-%m-%dT%H%M%S").to_string();
    // Counters taken this second on any rubric: runs on two rubrics in one
    // second still sort in the order they were saved.
    let taken: std::collections::HashSet<u64> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| order_key(&e.path()))
                .filter(|(s, _, _)| *s == stamp)
                .map(|(_, n, _)| n)
                .collect()
        })
        .unwrap_or_default();
    for n in 1u64.. {
        let name = format!("{stamp}-{n:02}-{}.json", report.rubric.id);
        let path = dir.join(name);
        if taken.contains(&n) || path.exists() {
            continue;
        }
        // write_atomic refuses to replace: a file that appeared meanwhile means try the next name.
        match files::write_atomic(&path, &text, false) {
            Ok(()) => return Ok(path),
            Err(_) if path.exists() => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("a u64 counter of names within one second does not run out")
}

/// Where a saved run sorts: by time, then by its counter as a number, then by
/// the rest of its name. Names not made by [`save`] sort by name.
fn order_key(path: &Path) -> (String, u64, String) {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // `2026-11-29T105411-07-rubric.json`: the time has a fixed width.
    const STAMP: usize = "2026-11-29T105411".len();
    if let (Some(stamp), Some(rest)) = (name.get(..STAMP), name.get(STAMP..))
        && let Some((counter, tail)) = rest.strip_prefix('-').and_then(|r| r.split_once('-'))
        && let Ok(n) = counter.parse::<u64>()
    {
        return (stamp.to_string(), n, tail.to_string());
    }
    (name, 0, String::new())
}

/// Read one saved run, whole.
///
/// Errors (exit 2): as [`read_summary`].
pub fn read(path: &Path) -> Result<Saved> {
    let shown = path.display().to_string();
    let text = files::read_text(&shown)?;
    let saved: Saved = serde_json::from_str(&text).map_err(|e| not_a_run(&shown, &e))?;
    not_newer(&shown, saved.saved_version, saved.report.schema_version)?;
    Ok(saved)
}

/// A run or report written by a newer levelup is not read as if it were
/// ours: its fields may mean something else.
///
/// Errors (exit 2): `saved_version` or `schema_version` above what this
/// levelup writes, naming the file and both numbers.
pub fn not_newer(shown: &str, saved_version: u32, schema_version: u32) -> Result<()> {
    let newer = |what: &str, found: u32, known: u32| {
        bad_input(format!(
            "{shown} was written by a newer levelup ({what} {found}; this one reads up to {known}): update levelup to read it"
        ))
    };
    if saved_version > SAVED_VERSION {
        return Err(newer("saved_version", saved_version, SAVED_VERSION));
    }
    if schema_version > crate::report::SCHEMA_VERSION {
        return Err(newer("schema_version", schema_version, crate::report::SCHEMA_VERSION));
    }
    Ok(())
}

/// "FILE:LINE:COL: is not a saved levelup run (why)", exit 2.
fn not_a_run(shown: &str, e: &serde_json::Error) -> anyhow::Error {
    let why = if e.is_syntax() || e.is_eof() {
        "not valid JSON"
    } else {
        "not in the shape of a saved run"
    };
    bad_input(format!(
        "{shown}:{}:{}: is not a saved levelup run ({why}: {})",
        e.line(),
        e.column(),
        e.to_string()
            .rsplit_once(" at line ")
            .map_or(e.to_string(), |(head, _)| head.to_string())
    ))
}

/// What listing and choosing saved runs needs of one: when it was saved and
/// a few facts of its report. Read without building the rest of the report,
/// so that thousands of runs list in a fraction of a second.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Summary {
    pub saved_version: u32,
    /// When the run was saved (local time, RFC 3339).
    pub saved_at: String,
    pub report: Brief,
}

/// The facts of a saved report that `history` lists and `compare` matches on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Brief {
    /// The report's JSON version; reports older than the field read as 0.
    #[serde(default)]
    pub schema_version: u32,
    pub person: crate::report::Person,
    pub rubric: BriefRubric,
    pub target: crate::report::LevelInfo,
    pub estimate: BriefEstimate,
    /// 0–100.
    pub readiness: u32,
    /// Only whether each dimension has evidence: enough to tell stale runs.
    #[serde(default)]
    pub dimensions: Vec<BriefDimension>,
}

/// What `history` needs of a saved dimension: whether it holds evidence.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BriefDimension {
    /// Read past without keeping the text: only whether there is some counts.
    #[serde(default)]
    pub evidence: Option<serde::de::IgnoredAny>,
}

impl Brief {
    /// Whether the person gave evidence for any dimension in this run.
    pub fn has_evidence(&self) -> bool {
        self.dimensions.iter().any(|d| d.evidence.is_some())
    }
}

/// The rubric a saved run was made on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BriefRubric {
    pub id: String,
    pub version: String,
}

/// The level a saved run estimated.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BriefEstimate {
    pub level: crate::report::LevelInfo,
}

impl Summary {
    /// Who the run was for, as runs are matched: the name trimmed and in
    /// lower case; `""` for a run that names no one.
    pub fn person_key(&self) -> String {
        person_key(self.report.person.name.as_deref())
    }
}

/// How two names are told the same person: in any case, however spaced
/// (`" Sam  Lee "` is `sam lee`), as `team` tells them. No name is `""`.
pub fn person_key(name: Option<&str>) -> String {
    name.map(|n| n.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
        .unwrap_or_default()
}

/// Read what [`Summary`] holds of one saved run.
///
/// Errors (exit 2): the file cannot be read, is not JSON, or lacks a field of
/// a saved run; the message names the file and line:col.
pub fn read_summary(path: &Path) -> Result<Summary> {
    let shown = path.display().to_string();
    let text = files::read_text(&shown)?;
    let summary: Summary = serde_json::from_str(&text).map_err(|e| not_a_run(&shown, &e))?;
    not_newer(&shown, summary.saved_version, summary.report.schema_version)?;
    Ok(summary)
}

/// The saved runs that could be read (file and summary), and those that
/// could not (file and why).
pub type Listed = (Vec<(PathBuf, Summary)>, Vec<(PathBuf, String)>);

/// Every saved run, oldest first (file names start with the time; see
/// [`order_key`]), as [`Summary`]s read on every core. Those that cannot be
/// read are left out and returned beside them as `(path, why)`: one broken
/// file never hides the rest.
///
/// Errors: the folder cannot be read.
pub fn list() -> Result<Listed> {
    let dir = dir()?;
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            // A FIFO or device named like a saved run would block or never end.
            .filter(|p| files::is_regular(p))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(anyhow::Error::new(e).context(format!("cannot read {}", dir.display()))),
    };
    paths.sort_by_cached_key(|p| order_key(p));
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len())
        .max(1);
    let chunk = paths.len().div_ceil(threads).max(1);
    let read: Vec<Result<Summary>> = std::thread::scope(|s| {
        let handles: Vec<_> = paths
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(|p| read_summary(p)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let (mut runs, mut broken) = (Vec::new(), Vec::new());
    for (p, summary) in paths.into_iter().zip(read) {
        match summary {
            Ok(summary) => runs.push((p, summary)),
            Err(e) => broken.push((p, format!("{e:#}"))),
        }
    }
    Ok((runs, broken))
}

#[cfg(test)]
mod tests {
    use super::order_key;
    use std::path::PathBuf;

    #[test]
    fn the_hundredth_save_of_a_second_sorts_after_the_ninety_ninth() {
        let mut names: Vec<PathBuf> = [
            "2026-11-29T105411-100-senior-staff.json",
            "2026-11-29T105412-01-senior-staff.json",
            "2026-11-29T105411-99-senior-staff.json",
            "2026-11-29T105411-11-senior-staff.json",
            "2026-11-29T105411-02-senior-staff.json",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        names.sort_by_cached_key(|p| order_key(p));
        let counters: Vec<String> = names
            .iter()
            .map(|p| p.to_string_lossy()[18..21].trim_end_matches('-').to_string())
            .collect();
        assert_eq!(counters, ["02", "11", "99", "100", "01"]);
    }
}
