//! Reading the user's files and writing ours, with the path in every message.
//!
//! Writes go to a temporary file in the same folder, then are renamed into
//! place, so a crash never leaves a half-written file; existing files are only
//! replaced when the user said `--force`, and never one this run has read.

use crate::error::bad_input;
use anyhow::{Context, Result};
use std::io::{Read, Write};
use std::path::Path;

/// How a path is shown in messages; `-` is stdin.
pub fn display_name(path: &str) -> String {
    if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    }
}

/// The most levelup reads from one input (answers, rubric, config, saved
/// run): 8 MiB. The largest real input, a rubric, is about 60 KB.
pub const READ_LIMIT: u64 = 8 << 20;

/// Read a whole text file, or stdin for `-`: a regular file or a pipe, at
/// most [`READ_LIMIT`] bytes, checked before reading (a file's size) and
/// while reading (a pipe, or a file that grows).
///
/// Errors (exit 2): no such file, a folder, a device or socket (`/dev/zero`),
/// more than the limit, not UTF-8 — each naming the path.
pub fn read_text(path: &str) -> Result<String> {
    let shown = display_name(path);
    let too_big = || {
        bad_input(format!(
            "{shown} is larger than {} MiB, the most levelup reads from one file",
            READ_LIMIT >> 20
        ))
    };
    let mut bytes = Vec::new();
    if path == "-" {
        // Stdin redirected from a file (`< me.yaml`) is that file: record it too.
        if let Some(read) = ReadFile::at(Path::new("/dev/stdin")) {
            remember(read);
        }
        std::io::stdin()
            .take(READ_LIMIT + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| bad_input(format!("cannot read stdin: {e}")))?;
    } else {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => bad_input(format!("{path}: no such file")),
            _ => bad_input(format!("cannot read {path}: {e}")),
        })?;
        if meta.is_dir() {
            return Err(bad_input(format!("{path} is a directory, not a file")));
        }
        if !meta.is_file() && !is_pipe(&meta) {
            return Err(bad_input(format!(
                "{path} is not a regular file (a device or socket): levelup reads files and pipes"
            )));
        }
        if meta.len() > READ_LIMIT {
            return Err(too_big());
        }
        // Room for the whole file and one byte more up front, so that it takes
        // two reads, not one for every doubling from 32 bytes (a team of 10,000
        // files spent a third of its time in those).
        bytes.reserve_exact(meta.len() as usize + 1);
        std::fs::File::open(path)
            .and_then(|f| {
                note_read(&f, Path::new(path));
                f.take(READ_LIMIT + 1).read_to_end(&mut bytes)
            })
            .map_err(|e| bad_input(format!("cannot read {path}: {e}")))?;
    }
    if bytes.len() as u64 > READ_LIMIT {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|_| bad_input(format!("{shown} is not UTF-8 text")))
}

/// Every file this run has read (through [`read_text`]): explicit inputs,
/// and those read without being named — the config file, an installed rubric
/// picked by id, saved runs. [`write_atomic`] and [`check_target`] never
/// replace one of them, `--force` or not.
static READ: std::sync::Mutex<Vec<ReadFile>> = std::sync::Mutex::new(Vec::new());

/// A file as read: its [`Identity`] and, where the file system keeps one, its
/// birth time — so that an inode freed and reused for a new file (the run's
/// own resume file replaced) is not taken for the file that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ReadFile {
    id: Identity,
    born: Option<std::time::SystemTime>,
}

impl ReadFile {
    fn of(meta: &std::fs::Metadata, path: &Path) -> Option<Self> {
        if !meta.is_file() {
            return None;
        }
        Some(Self {
            id: existing(meta, path)?,
            born: meta.created().ok(),
        })
    }

    /// The regular file at `path` now, links followed.
    fn at(path: &Path) -> Option<Self> {
        Self::of(&std::fs::metadata(path).ok()?, path)
    }
}

fn read_files() -> std::sync::MutexGuard<'static, Vec<ReadFile>> {
    READ.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Remember the regular file `file` (opened from `path`) as read by this run.
fn note_read(file: &std::fs::File, path: &Path) {
    if let Some(read) = file.metadata().ok().and_then(|m| ReadFile::of(&m, path)) {
        remember(read);
    }
}

/// Add `read` to the files this run has read, once.
fn remember(read: ReadFile) {
    let mut all = read_files();
    if !all.contains(&read) {
        all.push(read);
    }
}

/// Whether `path` (links followed) is a file this run has read.
pub fn was_read(path: &Path) -> bool {
    ReadFile::at(path).is_some_and(|read| read_files().contains(&read))
}

/// The refusal to replace a file this run has read, naming it.
fn read_by_this_run(shown: &std::path::Display<'_>) -> anyhow::Error {
    bad_input(format!(
        "{shown} is an input of this run (levelup read it): it is never replaced, even with --force; give the output a path of its own"
    ))
}

/// Refuse, before anything is written, every output in `outputs` (`(flag,
/// path)` pairs) that is a file this run has read, even with `--force`: the
/// inputs read since [`check_outputs`] ran (an installed rubric picked by id,
/// the config's rubric, saved runs) included.
///
/// Errors (exit 2): every such output, one per line.
pub fn check_not_read(outputs: &[(&str, &Path)]) -> Result<()> {
    let problems: Vec<String> = outputs
        .iter()
        .filter(|(_, path)| !is_stream(path) && was_read(path))
        .map(|(flag, path)| format!("{flag}: {}", read_by_this_run(&path.display())))
        .collect();
    if problems.is_empty() {
        Ok(())
    } else {
        Err(bad_input(format!("nothing was written:\n  {}", problems.join("\n  "))))
    }
}

#[cfg(unix)]
fn is_pipe(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo()
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::Metadata) -> bool {
    false
}

/// Entries of `dir` named `*.EXT` (one of `extensions`) that folder scans
/// skip (see [`is_regular`]: folders, FIFOs, devices, broken links and link
/// loops, oversized files); for listing them as skipped. Empty when the
/// folder cannot be read.
pub fn skipped_in(dir: &Path, extensions: &[&str]) -> Vec<std::path::PathBuf> {
    let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| extensions.iter().any(|x| e == *x)))
        .filter(|p| !is_regular(p))
        .collect();
    found.sort();
    found
}

/// Whether a folder entry can be read, quickly and whole: a regular file
/// (following links) of at most [`READ_LIMIT`] bytes. Folder scans (installed
/// rubrics, saved runs, a team folder) skip and list everything else, FIFOs,
/// devices and oversized files included.
pub fn is_regular(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= READ_LIMIT)
}

/// Whether writing `path` could go through: not a folder, not an existing
/// file unless `force`, in a folder that exists and takes new files. Leaves
/// nothing behind; a stream ([`is_stream`]) always passes (it is written to,
/// not replaced). A symbolic link is checked where it leads.
///
/// Errors (exit 2): each of the above, naming the path.
pub fn check_target(path: &Path, force: bool) -> Result<()> {
    let shown = path.display();
    if is_stream(path) {
        return Ok(());
    }
    let target = resolve(path);
    if target.is_dir() {
        return Err(bad_input(format!("{shown} is a directory")));
    }
    if target.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(bad_input(format!("{shown}: too many levels of symbolic links")));
    }
    if was_read(&target) {
        return Err(read_by_this_run(&shown));
    }
    if !force && (path.symlink_metadata().is_ok() || target.exists()) {
        return Err(bad_input(format!("{shown} already exists; pass --force to replace it")));
    }
    let dir = folder_of(&target);
    if !dir.is_dir() {
        return Err(bad_input(format!(
            "cannot write {shown}: folder {} does not exist",
            dir.display()
        )));
    }
    // The write goes through a temporary file in that folder: try one.
    tempfile::Builder::new()
        .prefix(".levelup-")
        .tempfile_in(dir)
        .map_err(|e| {
            bad_input(format!(
                "cannot write {shown}: folder {} takes no new files ({e})",
                dir.display()
            ))
        })?;
    Ok(())
}

/// A path written to as it is, never replaced: a device, a pipe or socket,
/// or a name for one of the process's streams (`/dev/stdout`, `/dev/fd/1`,
/// `/proc/self/fd/1`), whatever file the stream is.
pub fn is_stream(path: &Path) -> bool {
    let named = cfg!(unix)
        && (path == Path::new("/dev/stdout")
            || path == Path::new("/dev/stderr")
            || path.starts_with("/dev/fd")
            || (path.starts_with("/proc") && path.components().any(|c| c.as_os_str() == "fd")));
    named || std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
}

/// 1 or 2 when `path` names this process's stdout or stderr.
fn own_stream(path: &Path) -> Option<u8> {
    if !cfg!(unix) {
        return None;
    }
    let name = path.to_str()?;
    match name {
        "/dev/stdout" | "/dev/fd/1" | "/proc/self/fd/1" => Some(1),
        "/dev/stderr" | "/dev/fd/2" | "/proc/self/fd/2" => Some(2),
        _ => None,
    }
}

fn write_stream(mut stream: impl Write, contents: &str, shown: &std::path::Display<'_>) -> Result<()> {
    stream
        .write_all(contents.as_bytes())
        .and_then(|()| stream.flush())
        .with_context(|| format!("cannot write {shown}"))
}

/// Where `path` leads once symbolic links are followed (the path itself when
/// it is no link); the last link may point at a file not there yet.
fn resolve(path: &Path) -> std::path::PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::read_link(&path) {
            Ok(target) => path = folder_of(&path).join(target),
            Err(_) => break,
        }
    }
    path
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Check every output of one run before any is written: each must be
/// writable ([`check_target`]), and none may be an input or another output —
/// the same path, or the same file through a symbolic or hard link.
/// `outputs` and `inputs` are `(flag, path)` pairs, the flag as the person
/// typed it (`-o`, `--chart`, `--answers`). Devices and pipes are exempt.
///
/// Errors (exit 2): every problem found, one per line.
pub fn check_outputs(outputs: &[(&str, &Path)], inputs: &[(&str, &Path)], force: bool) -> Result<()> {
    let mut problems = Vec::new();
    // (flag, path, identity, is an input)
    let mut seen: Vec<(&str, &Path, Option<Identity>, bool)> = inputs
        .iter()
        .map(|(flag, path)| (*flag, *path, identity(path), true))
        .collect();
    for (flag, path) in outputs {
        let id = identity(path);
        let clash = id
            .as_ref()
            .and_then(|id| seen.iter().find(|(.., other, _)| other.as_ref() == Some(id)));
        if let Some((other_flag, other_path, _, is_input)) = clash {
            let what = if *is_input { "an input" } else { "another output" };
            problems.push(format!(
                "{flag} {} is the same file as {other_flag} {} ({what}); give it a path of its own",
                path.display(),
                other_path.display()
            ));
            continue;
        }
        if let Err(e) = check_target(path, force) {
            problems.push(format!("{flag}: {e}"));
        }
        seen.push((flag, path, id, false));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(bad_input(format!("nothing was written:\n  {}", problems.join("\n  "))))
    }
}

/// What makes two paths one file: the file's device and inode when it exists,
/// else where it would be created once links are followed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Identity {
    Existing(u64, u64),
    Planned(std::path::PathBuf),
}

/// `None` for devices and pipes, which may be shared, and for paths that
/// cannot be resolved (their own write reports why).
pub fn identity(path: &Path) -> Option<Identity> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => return existing(&meta, path),
        Ok(_) => return None,
        Err(_) => {}
    }
    // Not there yet, or a link to something not there yet: follow the links by hand.
    let path = resolve(path);
    let name = path.file_name()?.to_owned();
    let folder = std::fs::canonicalize(folder_of(&path)).ok()?;
    Some(Identity::Planned(folder.join(name)))
}

#[cfg(unix)]
fn existing(meta: &std::fs::Metadata, _: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some(Identity::Existing(meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn existing(_: &std::fs::Metadata, path: &Path) -> Option<Identity> {
    std::fs::canonicalize(path).ok().map(Identity::Planned)
}

/// Write `contents` to `path` atomically; refuse to replace an existing file
/// unless `force`, and a file this run has read (an input, named or not: the
/// config file, an installed rubric, a saved run) even with `force`. A
/// symbolic link is written through: the file it leads to is replaced and the
/// link kept. A stream ([`is_stream`]) is written to as it is (appending, so
/// `>>` keeps what was there).
///
/// Errors (exit 2): a folder, a link loop, an input of this run, an existing
/// file without `force`, a missing folder — each naming the path.
pub fn write_atomic(path: &Path, contents: &str, force: bool) -> Result<()> {
    write(path, contents, force, true)
}

/// Write a file the run keeps for itself (the resume file), replacing it
/// atomically even when this run read it: it is the run's own state, not an
/// input to protect. Otherwise as [`write_atomic`] with `force`.
pub fn replace_state(path: &Path, contents: &str) -> Result<()> {
    write(path, contents, true, false)
}

fn write(path: &Path, contents: &str, force: bool, guard_inputs: bool) -> Result<()> {
    let shown = path.display();
    // Our own stdout or stderr by name: written through the open stream, so
    // the shell's file position moves on as with `>` (reopening the file
    // would write at another position and be overwritten by what follows).
    match own_stream(path) {
        Some(1) => return write_stream(std::io::stdout().lock(), contents, &shown),
        Some(_) => return write_stream(std::io::stderr().lock(), contents, &shown),
        None => {}
    }
    if is_stream(path) && !path.is_dir() {
        // Replacing /dev/stdout or a FIFO would destroy it; it holds no data to lose.
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(path)
            .with_context(|| format!("cannot write {shown}"))?;
        return file
            .write_all(contents.as_bytes())
            .with_context(|| format!("cannot write {shown}"));
    }
    let target = resolve(path);
    let path = target.as_path();
    if path.is_dir() {
        return Err(bad_input(format!("{shown} is a directory")));
    }
    if path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(bad_input(format!("{shown}: too many levels of symbolic links")));
    }
    if guard_inputs && was_read(path) {
        return Err(read_by_this_run(&shown));
    }
    if !force && path.exists() {
        return Err(bad_input(format!("{shown} already exists; pass --force to replace it")));
    }
    let dir = folder_of(path);
    if !dir.is_dir() {
        return Err(bad_input(format!(
            "cannot write {shown}: folder {} does not exist",
            dir.display()
        )));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".levelup-");
    set_permissions(&mut builder, path);
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot create a temporary file in {}", dir.display()))?;
    tmp.write_all(contents.as_bytes())
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("cannot write {shown}"))?;
    if !guard_inputs && let Some(replaced) = ReadFile::at(path) {
        // The file read is about to go: forget it, its inode may be reused.
        read_files().retain(|r| *r != replaced);
    }
    let persisted = if force {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            bad_input(format!("{shown} already exists; pass --force to replace it"))
        } else {
            anyhow::Error::new(e.error).context(format!("cannot write {shown}"))
        }
    })?;
    Ok(())
}

/// A replaced file keeps its permissions; a new one gets the usual 0644
/// (tempfile's own default, 0600, would surprise whoever shares the report).
#[cfg(unix)]
fn set_permissions(builder: &mut tempfile::Builder, path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let perms = std::fs::metadata(path).map_or_else(|_| std::fs::Permissions::from_mode(0o644), |m| m.permissions());
    builder.permissions(perms);
}

#[cfg(not(unix))]
fn set_permissions(_: &mut tempfile::Builder, _: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        std::fs::write(&path, "keep me").unwrap();
        let err = write_atomic(&path, "new", false).unwrap_err();
        assert_eq!(crate::error::exit_code(&err), 2);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        write_atomic(&path, "new", true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
            let fresh = dir.path().join("fresh.md");
            write_atomic(&fresh, "x", false).unwrap();
            assert_eq!(mode(&fresh), 0o644, "new files are readable like any other");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
            write_atomic(&path, "again", true).unwrap();
            assert_eq!(mode(&path), 0o600, "a replaced file keeps its mode");
        }
        // No temporary files are left behind.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into())
            .collect();
        assert!(!names.iter().any(|n| n.starts_with(".levelup-")), "{names:?}");
    }

    #[test]
    fn a_file_read_is_never_replaced_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("config.toml");
        std::fs::write(&input, "name = \"Dana\"\n").unwrap();
        let other = dir.path().join("other.md");
        std::fs::write(&other, "old").unwrap();
        assert!(!was_read(&input));
        read_text(&input.display().to_string()).unwrap();
        assert!(was_read(&input) && !was_read(&other));
        for err in [
            write_atomic(&input, "x", true).unwrap_err(),
            check_target(&input, true).unwrap_err(),
            check_not_read(&[("-o", &input)]).unwrap_err(),
        ] {
            assert_eq!(crate::error::exit_code(&err), 2);
            assert!(err.to_string().contains("is an input of this run"), "{err}");
            assert!(err.to_string().contains("config.toml"), "{err}");
        }
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "name = \"Dana\"\n");
        // Another name for the same file is the same input.
        #[cfg(unix)]
        {
            let hard = dir.path().join("hard.toml");
            std::fs::hard_link(&input, &hard).unwrap();
            assert!(write_atomic(&hard, "x", true).is_err());
        }
        // Other files are written as ever, and the run's own state may be replaced.
        write_atomic(&other, "new", true).unwrap();
        assert!(check_not_read(&[("-o", &other)]).is_ok());
        replace_state(&input, "kept").unwrap();
        assert_eq!(std::fs::read_to_string(&input).unwrap(), "kept");
    }

    #[test]
    #[cfg(unix)]
    fn pipes_and_devices_are_written_to_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        write_atomic(&fifo, "through the pipe", false).unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
    }

    #[test]
    #[cfg(unix)]
    fn a_link_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.md");
        let link = dir.path().join("link.md");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink("real.md", &link).unwrap();
        assert!(check_target(&link, false).is_err(), "it leads to a file that exists");
        write_atomic(&link, "new", true).unwrap();
        assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
        // A dangling link: the file it names is created, the link kept.
        let dangling = dir.path().join("later.md");
        std::os::unix::fs::symlink("made.md", &dangling).unwrap();
        write_atomic(&dangling, "made", true).unwrap();
        assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(dir.path().join("made.md")).unwrap(), "made");
    }

    #[test]
    #[cfg(unix)]
    fn a_link_loop_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", &b).unwrap();
        for force in [false, true] {
            let err = write_atomic(&a, "x", force).unwrap_err();
            assert!(
                err.to_string().contains("symbolic links") || err.to_string().contains("exists"),
                "{err}"
            );
        }
        assert!(check_target(&a, true).is_err());
        assert!(
            std::fs::symlink_metadata(&a).unwrap().file_type().is_symlink(),
            "the link is kept"
        );
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn stream_names_are_streams() {
        for name in [
            "/dev/stdout",
            "/dev/stderr",
            "/dev/fd/1",
            "/proc/self/fd/2",
            "/dev/null",
        ] {
            assert!(is_stream(Path::new(name)), "{name}");
        }
        for name in ["/dev/shm/report.md", "/tmp/report.md", "report.md", "/proc/report.md"] {
            assert!(!is_stream(Path::new(name)), "{name}");
        }
    }

    #[test]
    #[cfg(target_os = "linux")]
    fn a_folder_that_takes_no_files_fails_the_check() {
        // /proc refuses new files even to root, unlike a folder made read-only.
        let err = check_target(Path::new("/proc/levelup-report.md"), true).unwrap_err();
        assert!(err.to_string().contains("takes no new files"), "{err}");
    }

    #[test]
    fn missing_folder_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomic(&dir.path().join("nope/out.md"), "x", false).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
    }
}
