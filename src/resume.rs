//! The resume file: the answers of an interrupted interview, kept in the XDG
//! state folder (`~/.local/state/levelup/resume.yaml`) until it is finished.

use crate::answers::{self, Answers};
use crate::files;
use crate::rubric::Rubric;
use anyhow::{Context, Result};
use etcetera::BaseStrategy;
use std::path::PathBuf;

pub fn path() -> Result<PathBuf> {
    let dirs = etcetera::choose_base_strategy().context("cannot find your home folder for the resume file")?;
    let base = dirs.state_dir().unwrap_or_else(|| dirs.data_dir());
    Ok(base.join("levelup").join("resume.yaml"))
}

/// Write the answers so far, atomically, replacing an older resume file.
pub fn save(answers: &Answers, rubric: &Rubric) -> Result<PathBuf> {
    let path = path()?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    files::write_atomic(&path, &answers::to_yaml(answers, rubric)?, true)?;
    Ok(path)
}

/// Forget the resume file once an interview is finished.
pub fn clear() {
    if let Ok(path) = path() {
        // Nothing to do when there is none.
        let _ = std::fs::remove_file(path);
    }
}
