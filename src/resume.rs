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
    files::replace_state(&path, &answers::to_yaml(answers, rubric)?)?;
    Ok(path)
}

/// Move the resume file at `path` out of the way, to `resume-TIME.yaml` (with
/// `-2`, `-3`… rather than replace a file) in the same folder; returns the new
/// path.
///
/// Errors: the file cannot be renamed (the message names both paths).
pub fn set_aside(path: &std::path::Path) -> Result<PathBuf> {
    let stamp = jiff::ZonedDateTime::now().strftime("%Y-%m-%dT%H%M%S").to_string();
    let folder = path.parent().unwrap_or(std::path::Path::new("."));
    let kept = (1u64..)
        .map(|n| match n {
            1 => folder.join(format!("resume-{stamp}.yaml")),
            n => folder.join(format!("resume-{stamp}-{n}.yaml")),
        })
        .find(|p| p.symlink_metadata().is_err())
        .unwrap_or_default();
    // A hard link, then removing the old name: never replaces a file that
    // appeared meanwhile, unlike a rename.
    std::fs::hard_link(path, &kept)
        .and_then(|()| std::fs::remove_file(path))
        .with_context(|| format!("cannot move {} to {}", path.display(), kept.display()))?;
    Ok(kept)
}

/// Which resume file an interview continues: every save replaces the file
/// (a new inode), so another interview's save in the meantime shows as a
/// different stamp.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    #[cfg(unix)]
    inode: (u64, u64),
}

/// The resume file as it is now; `None` when there is none.
pub fn stamp() -> Option<Stamp> {
    let meta = std::fs::metadata(path().ok()?).ok()?;
    #[cfg(unix)]
    use std::os::unix::fs::MetadataExt;
    Some(Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        #[cfg(unix)]
        inode: (meta.dev(), meta.ino()),
    })
}

/// Forget the resume file once the interview it held is finished: only if
/// it is still the one continued (`ours`), not one another interview saved
/// since.
pub fn clear(ours: &Stamp) {
    if stamp().as_ref() == Some(ours)
        && let Ok(path) = path()
    {
        let _ = std::fs::remove_file(path);
    }
}
