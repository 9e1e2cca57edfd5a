//! Where a run writes: every output is checked before any is written, no
//! output may be an input or another output, and a broken stderr costs a
//! message, never the run.

use crate::support::{levelup, path};
use std::path::Path;

const ANSWERS: &str = "examples/answers/senior.yaml";

/// A folder with a copy of an answers file in it.
fn workspace() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("in.yaml");
    std::fs::copy(path(ANSWERS), &answers).unwrap();
    (dir, answers.display().to_string())
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn at(dir: &Path, name: &str) -> String {
    dir.join(name).display().to_string()
}

#[test]
fn an_input_is_never_an_output_even_with_force() {
    let (dir, answers) = workspace();
    let before = std::fs::read(&answers).unwrap();
    for flag in ["-o", "--save-answers", "--chart"] {
        let out = levelup(&["assess", "--answers", &answers, flag, &answers, "--force"]).bad();
        assert!(
            out.stderr.contains("is the same file as --answers") && out.stderr.contains("an input"),
            "{flag}: {}",
            out.stderr
        );
    }
    // A hard link and a symbolic link to the answers are the answers too.
    std::fs::hard_link(&answers, dir.path().join("hard.yaml")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&answers, dir.path().join("soft.yaml")).unwrap();
    for other in ["hard.yaml", "soft.yaml"] {
        let out = levelup(&["assess", "--answers", &answers, "-o", &at(dir.path(), other), "--force"]).bad();
        assert!(out.stderr.contains("an input"), "{other}: {}", out.stderr);
    }
    let rubric = dir.path().join("rubric.yaml");
    std::fs::copy(path("examples/rubrics/acme-senior-staff.yaml"), &rubric).unwrap();
    let rubric = rubric.display().to_string();
    let out = levelup(&[
        "assess",
        "--answers",
        &answers,
        "--rubric",
        &rubric,
        "-o",
        &rubric,
        "--force",
    ])
    .bad();
    assert!(out.stderr.contains("--rubric"), "{}", out.stderr);
    // team and compare guard their inputs the same way.
    let out = levelup(&["team", dir.path().to_str().unwrap(), "-o", &answers, "--force"]).bad();
    assert!(out.stderr.contains("an input"), "{}", out.stderr);
    let out = levelup(&["compare", &answers, &answers, "-o", &answers, "--force"]).bad();
    assert!(out.stderr.contains("an input"), "{}", out.stderr);
    assert_eq!(std::fs::read(&answers).unwrap(), before, "the answers are untouched");
}

#[test]
fn two_outputs_never_share_a_file() {
    let (dir, answers) = workspace();
    let report = at(dir.path(), "report.md");
    let out = levelup(&["assess", "--answers", &answers, "-o", &report, "--chart", &report]).bad();
    assert!(out.stderr.contains("another output"), "{}", out.stderr);
    let out = levelup(&[
        "assess",
        "--answers",
        &answers,
        "-o",
        &report,
        "--save-answers",
        &report,
    ])
    .bad();
    assert!(out.stderr.contains("another output"), "{}", out.stderr);
    // A link, not yet pointing at anything, to where the chart will go.
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("chart.svg", dir.path().join("link.md")).unwrap();
        let out = levelup(&[
            "assess",
            "--answers",
            &answers,
            "-o",
            &at(dir.path(), "link.md"),
            "--chart",
            &at(dir.path(), "chart.svg"),
            "--force",
        ])
        .bad();
        assert!(out.stderr.contains("another output"), "{}", out.stderr);
    }
    let mut expected = vec!["in.yaml"];
    if cfg!(unix) {
        expected.push("link.md");
    }
    assert_eq!(names(dir.path()), expected, "nothing was written");
}

#[test]
fn one_failing_target_means_nothing_is_written() {
    let (dir, answers) = workspace();
    let data = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("taken.md"), "mine").unwrap();
    let out = levelup(&[
        "assess",
        "--answers",
        &answers,
        "-o",
        &at(dir.path(), "taken.md"),
        "--chart",
        &at(dir.path(), "chart.svg"),
        "--save-answers",
        &at(dir.path(), "saved.yaml"),
        "--save",
    ])
    .env("XDG_DATA_HOME", data.path())
    .bad();
    assert!(
        out.stderr.contains("nothing was written") && out.stderr.contains("already exists"),
        "{}",
        out.stderr
    );
    assert_eq!(names(dir.path()), ["in.yaml", "taken.md"]);
    assert_eq!(std::fs::read_to_string(dir.path().join("taken.md")).unwrap(), "mine");
    assert!(names(data.path()).is_empty(), "no history entry");

    // Every problem is named in the one run.
    let out = levelup(&[
        "assess",
        "--answers",
        &answers,
        "-o",
        &at(dir.path(), "no-such-folder/r.md"),
        "--chart",
        &at(dir.path(), "taken.md"),
    ])
    .bad();
    assert!(
        out.stderr.contains("-o: cannot write")
            && out.stderr.contains("--chart: ")
            && out.stderr.contains("already exists"),
        "{}",
        out.stderr
    );

    // A file where the history folder must be stops the run before it writes.
    std::fs::write(data.path().join("levelup"), "not a folder").unwrap();
    let out = levelup(&["assess", "--answers", &answers, "-o", &at(dir.path(), "r.md"), "--save"])
        .env("XDG_DATA_HOME", data.path())
        .bad();
    assert!(out.stderr.contains("is not a folder"), "{}", out.stderr);
    assert_eq!(names(dir.path()), ["in.yaml", "taken.md"]);
}

#[cfg(target_os = "linux")]
#[test]
fn stderr_on_a_full_disk_costs_the_messages_not_the_run() {
    let (dir, answers) = workspace();
    let data = tempfile::tempdir().unwrap();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let report = at(dir.path(), "r.md");
    levelup(&["assess", "--answers", &answers, "--save", "-o", &report])
        .env("XDG_DATA_HOME", data.path())
        .stderr_to(full)
        .ok();
    assert!(std::fs::read_to_string(&report).unwrap().contains("Staff"));
    // A failing run still exits 2, not with a panic.
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    levelup(&["assess", "--answers", &answers, "-o", &report])
        .stderr_to(full)
        .bad();
}

#[test]
fn stderr_a_closed_pipe_costs_the_messages_not_the_run() {
    let (dir, answers) = workspace();
    let data = tempfile::tempdir().unwrap();
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let report = at(dir.path(), "r.md");
    levelup(&["assess", "--answers", &answers, "--save", "-o", &report])
        .env("XDG_DATA_HOME", data.path())
        .stderr_to(writer)
        .ok();
    assert!(std::fs::read_to_string(&report).unwrap().contains("Staff"));
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    levelup(&["assess", "--answers", &answers, "-o", &report])
        .stderr_to(writer)
        .bad();
}

#[test]
fn the_unfinished_interview_is_never_an_output() {
    let (dir, answers) = workspace();
    let state = dir.path().join("state");
    std::fs::create_dir_all(state.join("levelup")).unwrap();
    let resume = state.join("levelup/resume.yaml");
    std::fs::copy(&answers, &resume).unwrap();
    let before = std::fs::read(&resume).unwrap();
    let target = resume.display().to_string();
    for flag in ["-o", "--save-answers", "--chart"] {
        let out = levelup(&["assess", "--answers", &answers, flag, &target, "--force"])
            .env("XDG_STATE_HOME", &state)
            .bad();
        assert!(
            out.stderr.contains("the unfinished interview"),
            "{flag}: {}",
            out.stderr
        );
    }
    assert_eq!(std::fs::read(&resume).unwrap(), before, "the resume file is untouched");
}

#[cfg(target_os = "linux")]
#[test]
fn a_folder_that_takes_no_files_or_a_full_device_writes_nothing() {
    let (dir, answers) = workspace();
    let data = tempfile::tempdir().unwrap();
    let chart = at(dir.path(), "chart.svg");
    let saved = at(dir.path(), "saved.yaml");
    // /proc takes no new files, even from root (a folder made read-only would not stop root).
    let out = levelup(&[
        "assess",
        "--answers",
        &answers,
        "-o",
        "/proc/levelup-report.md",
        "--chart",
        &chart,
        "--save-answers",
        &saved,
        "--save",
    ])
    .env("XDG_DATA_HOME", data.path())
    .bad();
    assert!(out.stderr.contains("takes no new files"), "{}", out.stderr);
    assert_eq!(names(dir.path()), ["in.yaml"]);
    assert!(names(data.path()).is_empty(), "no history entry");
    // A full device fails only when written to: it is written first, so the
    // files that would follow are not.
    for flag in ["-o", "--chart"] {
        let mut args = vec![
            "assess",
            "--answers",
            &answers,
            flag,
            "/dev/full",
            "--save-answers",
            &saved,
            "--save",
        ];
        if flag == "-o" {
            args.extend(["--chart", &chart]);
        }
        let out = levelup(&args).env("XDG_DATA_HOME", data.path()).run();
        assert_eq!(out.code, 1, "{flag}: {}", out.stderr);
        assert_eq!(names(dir.path()), ["in.yaml"], "{flag}");
        assert!(names(data.path()).is_empty(), "{flag}: no history entry");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_stream_name_is_written_to_and_a_link_written_through() {
    let (dir, answers) = workspace();
    // stdout, by its /proc name: no --force needed, nothing replaced.
    let out = levelup(&[
        "assess",
        "--answers",
        &answers,
        "-o",
        "/proc/self/fd/1",
        "-f",
        "markdown",
    ])
    .ok();
    assert!(out.stdout.starts_with("# Gap report"), "{}", out.stdout);
    // A link to a report: --force replaces the report, the link stays.
    std::fs::write(dir.path().join("real.md"), "old").unwrap();
    std::os::unix::fs::symlink("real.md", dir.path().join("link.md")).unwrap();
    levelup(&[
        "assess",
        "--answers",
        &answers,
        "-o",
        &at(dir.path(), "link.md"),
        "--force",
    ])
    .ok();
    let link = std::fs::symlink_metadata(dir.path().join("link.md")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(
        std::fs::read_to_string(dir.path().join("real.md"))
            .unwrap()
            .contains("gap report")
    );
}

#[cfg(target_os = "linux")]
#[test]
fn stdout_by_name_keeps_the_shells_place_in_the_file() {
    let (dir, answers) = workspace();
    let bin = env!("CARGO_BIN_EXE_levelup");
    for name in ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"] {
        let script =
            format!("{{ echo pre; {bin} assess --answers {answers} -f json -o {name}; echo post; }} > out.txt");
        let mut cmd = std::process::Command::new("sh");
        cmd.arg("-c").arg(&script).current_dir(dir.path());
        crate::support::hermetic(&mut cmd, dir.path());
        assert!(cmd.status().unwrap().success(), "{name}");
        let out = std::fs::read_to_string(dir.path().join("out.txt")).unwrap();
        assert!(out.starts_with("pre\n{") && out.ends_with("}\npost\n"), "{name}: {out}");
    }
}

/// A report that cannot be written to stdout saves no run: the stream is
/// written before any file, the history entry included.
#[cfg(target_os = "linux")]
#[test]
fn stdout_on_a_full_disk_saves_no_run() {
    let (_dir, answers) = workspace();
    let home = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_levelup"));
    crate::support::hermetic(&mut cmd, home.path());
    let status = cmd
        .args(["assess", "--answers", &answers, "--save"])
        .env("XDG_DATA_HOME", data.path())
        .stdin(std::process::Stdio::null())
        .stdout(full)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    assert!(!data.path().join("levelup/history").exists());
}

/// A refusal to replace `file`, which the run read without it being named as
/// an input: the message names it and says why, even though --force was given.
fn refused_as_input(out: &crate::support::Outcome, file: &Path) {
    assert!(
        out.stderr.contains(&file.display().to_string()) && out.stderr.contains("is an input of this run"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_saved_run_read_by_packet_is_never_an_output() {
    let data = tempfile::tempdir().unwrap();
    levelup(&["assess", "--answers", "examples/answers/on-the-way.yaml", "--save"])
        .env("XDG_DATA_HOME", data.path())
        .ok();
    let history = data.path().join("levelup/history");
    let runs = names(&history);
    assert_eq!(runs.len(), 1, "{runs:?}");
    let run = history.join(&runs[0]);
    let before = std::fs::read(&run).unwrap();
    let target = run.display().to_string();
    for args in [
        &["packet", "--name", "Sam", "-o", &target, "--force"][..],
        &["packet", "-o", &target, "--force"],
        &["packet", "-f", "html", "-o", &target, "--force"],
    ] {
        let out = levelup(args).env("XDG_DATA_HOME", data.path()).bad();
        refused_as_input(&out, &run);
    }
    assert_eq!(std::fs::read(&run).unwrap(), before, "the saved run is untouched");
    assert_eq!(names(&history), runs);
}

#[test]
fn the_config_file_is_never_an_output() {
    let (dir, answers) = workspace();
    let config = dir.path().join("c.toml");
    let text = "name = \"Dana\"\n";
    std::fs::write(&config, text).unwrap();
    let c = config.display().to_string();
    let runs: [&[&str]; 7] = [
        &["plan", "--answers", &answers, "--config", &c, "-o", &c, "--force"],
        &["assess", "--answers", &answers, "--config", &c, "-o", &c, "--force"],
        &[
            "assess",
            "--answers",
            &answers,
            "--config",
            &c,
            "--chart",
            &c,
            "--force",
        ],
        &["packet", &answers, "--config", &c, "-o", &c, "--force"],
        &["rubric", "show", "--config", &c, "-o", &c, "--force"],
        &["rubric", "show", "--grid", "--config", &c, "-o", &c, "--force"],
        &["rubric", "diff", "senior", "staff", "--config", &c, "-o", &c, "--force"],
    ];
    for args in runs {
        refused_as_input(&levelup(args).bad(), &config);
    }
    assert_eq!(std::fs::read_to_string(&config).unwrap(), text);

    // The usual config file, read without --config, is an input all the same.
    let home = tempfile::tempdir().unwrap();
    let usual = home.path().join("levelup/config.toml");
    std::fs::create_dir_all(usual.parent().unwrap()).unwrap();
    std::fs::write(&usual, text).unwrap();
    let u = usual.display().to_string();
    let runs: [&[&str]; 4] = [
        &["plan", "--answers", &answers, "-o", &u, "--force"],
        &["assess", "--answers", &answers, "--save-answers", &u, "--force"],
        &["packet", &answers, "-o", &u, "--force"],
        &["rubric", "diff", "senior", "staff", "-o", &u, "--force"],
    ];
    for args in runs {
        let out = levelup(args).env("XDG_CONFIG_HOME", home.path()).bad();
        refused_as_input(&out, &usual);
    }
    assert_eq!(std::fs::read_to_string(&usual).unwrap(), text);
    assert_eq!(names(dir.path()), ["c.toml", "in.yaml"], "nothing else was written");
}

#[test]
fn an_installed_rubric_picked_by_id_is_never_an_output() {
    let (dir, _) = workspace();
    let config = tempfile::tempdir().unwrap();
    let rubrics = config.path().join("levelup/rubrics");
    std::fs::create_dir_all(&rubrics).unwrap();
    let installed = rubrics.join("p.yaml");
    std::fs::copy(path("examples/rubrics/profile-ladder.yaml"), &installed).unwrap();
    let before = std::fs::read(&installed).unwrap();
    let p = installed.display().to_string();
    let answers = "examples/answers/profile-ladder.yaml";
    let chart = at(dir.path(), "chart.svg");
    let runs: [&[&str]; 6] = [
        &[
            "rubric",
            "diff",
            "e1",
            "e2",
            "--rubric",
            "profile-ladder",
            "-o",
            &p,
            "--force",
        ],
        &["rubric", "show", "profile-ladder", "--grid", "-o", &p, "--force"],
        &[
            "plan",
            "--answers",
            answers,
            "--rubric",
            "profile-ladder",
            "-o",
            &p,
            "--force",
        ],
        // The answers name the rubric: it is found by id without --rubric.
        &["assess", "--answers", answers, "-o", &p, "--force"],
        // A chart that could be written is not, when the report cannot be.
        &["assess", "--answers", answers, "--chart", &chart, "-o", &p, "--force"],
        &["packet", answers, "-o", &p, "--force"],
    ];
    for args in runs {
        let out = levelup(args).env("XDG_CONFIG_HOME", config.path()).bad();
        refused_as_input(&out, &installed);
    }
    assert_eq!(
        std::fs::read(&installed).unwrap(),
        before,
        "the installed rubric is untouched"
    );
    assert_eq!(names(dir.path()), ["in.yaml"], "no chart was written");
}

/// `--answers -` with stdin redirected from a file reads that file: `-o`
/// onto it is refused, `--force` or not (from a breaker's trial).
#[test]
fn stdin_redirected_from_a_file_is_an_input_too() {
    let home = tempfile::tempdir().unwrap();
    let me = home.path().join("me.yaml");
    let text = std::fs::read_to_string(path("examples/answers/staff.yaml")).unwrap();
    std::fs::write(&me, &text).unwrap();
    let m = me.to_str().unwrap();
    for args in [
        vec!["plan", "--answers", "-", "-o", m, "--force"],
        vec!["assess", "--answers", "-", "--save-answers", m, "--force"],
        vec!["packet", "-", "-o", m, "--force"],
    ] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_levelup"));
        crate::support::hermetic(&mut cmd, home.path());
        let out = cmd
            .args(&args)
            .stdin(std::fs::File::open(&me).unwrap())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {said}");
        assert!(said.contains("is an input of this run"), "{args:?}: {said}");
        assert_eq!(std::fs::read_to_string(&me).unwrap(), text, "{args:?} replaced it");
    }
}
