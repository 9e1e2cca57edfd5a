//! A small builder around the `levelup` binary with a clean, stable environment.
//!
//! Hermetic: every run gets a fresh temporary `HOME` with its own
//! `XDG_CONFIG_HOME`, `XDG_DATA_HOME`, `XDG_STATE_HOME` and `XDG_CACHE_HOME`
//! inside it, so nothing in the person's home (a config file, installed
//! rubrics, saved runs) changes a result and no test writes outside its temp
//! folders. A test that needs one of these folders sets it with `.env(…)`,
//! which wins over the default.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn path(rel: &str) -> PathBuf {
    root().join(rel)
}

pub struct Levelup {
    cmd: Command,
    stdin: Option<Vec<u8>>,
    /// Where stderr goes instead of being captured.
    stderr: Option<Stdio>,
    /// The run's own home, removed when the run is over.
    _home: tempfile::TempDir,
}

/// The variables that point a program at a home; [`hermetic`] sets them all.
pub const HOME_VARS: [&str; 5] = [
    "HOME",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
    "XDG_STATE_HOME",
    "XDG_CACHE_HOME",
];

/// Point `cmd` at `home` for everything a home holds: `HOME` itself and the
/// XDG folders (`.config`, `.local/share`, `.local/state`, `.cache` inside it).
pub fn hermetic(cmd: &mut Command, home: &Path) {
    let folders = [".", ".config", ".local/share", ".local/state", ".cache"];
    for (var, sub) in HOME_VARS.iter().zip(folders) {
        cmd.env(var, home.join(sub));
    }
}

/// `levelup ARGS…` run from the repository root.
pub fn levelup(args: &[&str]) -> Levelup {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_levelup"));
    cmd.args(args).current_dir(root());
    for var in [
        "NO_COLOR",
        "CLICOLOR_FORCE",
        "RUST_BACKTRACE",
        "COLUMNS",
        "LC_ALL",
        "LC_CTYPE",
    ] {
        cmd.env_remove(var);
    }
    let home = tempfile::tempdir().expect("a temporary home");
    hermetic(&mut cmd, home.path());
    // Block characters in reports depend on the locale: fix it.
    cmd.env("LANG", "C.UTF-8");
    Levelup {
        cmd,
        stdin: None,
        stderr: None,
        _home: home,
    }
}

/// Whether an environment switch is on: set and not empty, `0`, `false`, `no` or `off`.
pub fn switch_on(var: &str) -> bool {
    std::env::var(var).is_ok_and(|v| {
        !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "" | "0" | "false" | "no" | "off"
        )
    })
}

/// A program that a test needs from outside the Rust toolchain (chromium,
/// man): its path, found on `PATH`. Missing, the test is skipped with one
/// line on the terminal saying how to run it — unless `LEVELUP_REQUIRE_TOOLS`
/// is on (CI sets it), which makes a missing program a failure.
pub fn outside_program(name: &str, install: &str) -> Option<PathBuf> {
    let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(name))
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            !switch_on("LEVELUP_REQUIRE_TOOLS"),
            "LEVELUP_REQUIRE_TOOLS is on but `{name}` is not on PATH: {install}"
        );
        // Straight to the terminal: libtest captures eprintln! of a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "test skipped: no `{name}` on PATH; to run it: {install}, then cargo test"
        );
    }
    found
}

pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Levelup {
    pub fn env(mut self, key: &str, value: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(key, value);
        self
    }

    /// Run in `dir` instead of the repository root.
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.cmd.current_dir(dir);
        self
    }

    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.as_bytes().to_vec());
        self
    }

    /// Send stderr to `to` (a full disk, a closed pipe) instead of capturing
    /// it; the outcome's `stderr` is then empty.
    pub fn stderr_to(mut self, to: impl Into<Stdio>) -> Self {
        self.stderr = Some(to.into());
        self
    }

    pub fn run(mut self) -> Outcome {
        self.cmd.stdin(if self.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        });
        self.cmd
            .stdout(Stdio::piped())
            .stderr(self.stderr.take().unwrap_or_else(Stdio::piped));
        let mut child = self.cmd.spawn().expect("levelup runs");
        if let Some(input) = self.stdin.take() {
            let written = child.stdin.take().expect("stdin is piped").write_all(&input);
            // levelup may stop reading early (a size limit): that is its answer.
            if let Err(e) = written {
                assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "stdin written: {e}");
            }
        }
        let out = child.wait_with_output().expect("levelup finishes");
        let outcome = Outcome {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        };
        assert!(
            !outcome.stderr.contains("panicked"),
            "levelup panicked:\n{}",
            outcome.stderr
        );
        outcome
    }

    /// Run and insist on exit 0.
    pub fn ok(self) -> Outcome {
        let out = self.run();
        assert_eq!(out.code, 0, "expected success, stderr:\n{}", out.stderr);
        out
    }

    /// Run and insist on exit 2 (bad input) with nothing on stdout.
    pub fn bad(self) -> Outcome {
        let out = self.run();
        assert_eq!(
            out.code, 2,
            "expected exit 2, stdout:\n{}\nstderr:\n{}",
            out.stdout, out.stderr
        );
        assert!(
            out.stdout.is_empty(),
            "nothing on stdout on error, got:\n{}",
            out.stdout
        );
        out
    }
}

/// How many dimensions of the built-in rubric are scored (not signals): one
/// radar axis each.
pub fn scored_dimensions() -> usize {
    let rubric = levelup::rubric::Rubric::builtin("senior-staff").unwrap();
    rubric.dimensions.iter().filter(|d| !d.signal).count()
}

/// The tables of a Markdown text as a GitHub-flavoured Markdown parser reads
/// them: each table's rows (header first), each row's cells as plain text.
/// A table whose delimiter row does not match its header is no table here.
pub fn gfm_tables(markdown: &str) -> Vec<Vec<Vec<String>>> {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let mut tables: Vec<Vec<Vec<String>>> = Vec::new();
    for event in Parser::new_ext(markdown, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Table(_)) => tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                if let Some(t) = tables.last_mut() {
                    t.push(Vec::new());
                }
            }
            Event::Start(Tag::TableCell) => {
                if let Some(row) = tables.last_mut().and_then(|t| t.last_mut()) {
                    row.push(String::new());
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(cell) = tables.last_mut().and_then(|t| t.last_mut()).and_then(|r| r.last_mut()) {
                    cell.push_str(&text);
                }
            }
            Event::End(TagEnd::Table) => {}
            _ => {}
        }
    }
    tables
}
