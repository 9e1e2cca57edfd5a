//! Growth over time: saved runs, the history list, and comparisons.

use crate::support::levelup;
use levelup::compare::Comparison;
use std::path::Path;

fn saved_files(data: &Path) -> Vec<std::path::PathBuf> {
    let dir = data.join("levelup/history");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Many runs saving at once, most of them in the same second, each print their
/// report and each get their own history file.
#[test]
fn two_hundred_runs_saving_at_once_each_keep_their_own_file() {
    let data = tempfile::tempdir().unwrap();
    let runs: Vec<_> = (0..200)
        .map(|_| {
            let data = data.path().to_path_buf();
            std::thread::spawn(move || {
                levelup(&[
                    "assess",
                    "--answers",
                    "examples/answers/senior.yaml",
                    "--save",
                    "-f",
                    "json",
                ])
                .env("XDG_DATA_HOME", &data)
                .ok()
            })
        })
        .collect();
    for run in runs {
        let out = run.join().unwrap();
        let report: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        assert!(report["readiness"].is_u64(), "{}", out.stdout);
        assert!(out.stderr.contains("Saved to"), "{}", out.stderr);
    }
    let files = saved_files(data.path());
    assert_eq!(files.len(), 200, "{files:?}");
    let rows = levelup(&["history", "-f", "json"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    let rows: serde_json::Value = serde_json::from_str(&rows).unwrap();
    assert_eq!(rows.as_array().map(Vec::len), Some(200));
}

/// `examples/answers/EXAMPLE.yaml` copied into `dir` as Sam's answers:
/// compare follows one person, and the examples are of three people.
fn as_sam(dir: &Path, example: &str) -> String {
    let text = std::fs::read_to_string(crate::support::path(&format!("examples/answers/{example}.yaml"))).unwrap();
    let text: Vec<&str> = text
        .lines()
        .map(|l| if l.starts_with("name:") { "name: Sam" } else { l })
        .collect();
    let path = dir.join(format!("{example}.yaml"));
    std::fs::write(&path, text.join("\n") + "\n").unwrap();
    path.display().to_string()
}

fn history_json(data: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["history", "-f", "json"];
    all.extend(args);
    let out = levelup(&all).env("XDG_DATA_HOME", data).ok().stdout;
    serde_json::from_str::<serde_json::Value>(&out)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn saved_runs_are_kept_listed_per_person_and_never_overwritten() {
    let data = tempfile::tempdir().unwrap();
    let copies = tempfile::tempdir().unwrap();
    let save = |answers: &str| {
        levelup(&["assess", "--answers", answers, "--save", "-f", "json"])
            .env("XDG_DATA_HOME", data.path())
            .ok()
    };
    // Three people: Priya, Sam, Marcus.
    let first = save("examples/answers/senior.yaml");
    assert!(first.stderr.contains("Saved to"), "{}", first.stderr);
    // Saved back to back, these usually share a second: each still gets its own file.
    save("examples/answers/on-the-way.yaml");
    save("examples/answers/staff.yaml");
    let files = saved_files(data.path());
    assert_eq!(files.len(), 3, "{files:?}");
    let contents: Vec<String> = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    assert!(
        contents[0].contains("\"name\": \"Priya\""),
        "the first save is untouched and sorts first"
    );
    assert!(contents[2].contains("\"name\": \"Marcus\""), "the last save sorts last");

    // Each is the first of its person: no trend across people.
    let rows = history_json(data.path(), &[]);
    let column = |rows: &[serde_json::Value], key: &str| -> Vec<String> {
        rows.iter().map(|r| r[key].as_str().unwrap_or("").to_string()).collect()
    };
    assert_eq!(column(&rows, "name"), ["Priya", "Sam", "Marcus"]);
    assert_eq!(column(&rows, "trend"), ["first", "first", "first"]);

    // Two more runs of Sam: the trend follows Sam alone.
    save(&as_sam(copies.path(), "senior"));
    save(&as_sam(copies.path(), "staff"));
    let rows = history_json(data.path(), &[]);
    assert_eq!(column(&rows, "trend"), ["first", "first", "first", "-68", "+87"]);
    let sam = history_json(data.path(), &["--name", "sam"]);
    assert_eq!(column(&sam, "name"), ["Sam", "Sam", "Sam"]);
    assert_eq!(column(&sam, "trend"), ["first", "-68", "+87"]);
    let err = levelup(&["history", "--name", "Dana"])
        .env("XDG_DATA_HOME", data.path())
        .bad()
        .stderr;
    assert!(err.contains("'Dana'") && err.contains("Marcus, Priya or Sam"), "{err}");

    // Every format has the same columns; the Markdown table is one a GFM parser reads.
    let table = levelup(&["history"]).env("XDG_DATA_HOME", data.path()).ok().stdout;
    assert!(
        table.contains("senior-staff") && table.contains("v2.0.0") && table.contains("+87") && table.contains("Priya"),
        "{table}"
    );
    let md = levelup(&["history", "-f", "markdown"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    let tables = crate::support::gfm_tables(&md);
    assert_eq!(tables.len(), 1, "{md}");
    let header = &tables[0][0];
    assert_eq!(
        header,
        &[
            "Saved",
            "Name",
            "Date",
            "Rubric",
            "Target",
            "Estimate",
            "Readiness",
            "Trend"
        ]
    );
    assert_eq!(tables[0].len(), 6, "a header and five runs: {md}");
    assert!(tables[0].iter().all(|row| row.len() == header.len()), "{md}");
    assert_eq!(tables[0][5][1], "Sam");
    for key in [
        "saved_at",
        "name",
        "date",
        "rubric",
        "target",
        "estimate",
        "readiness",
        "trend",
    ] {
        assert!(rows.iter().all(|r| r.get(key).is_some()), "JSON lacks {key}");
    }

    // The answers kept in a saved run give the same report again.
    let saved: levelup::history::Saved = serde_json::from_str(&contents[1]).unwrap();
    let answers = data.path().join("again.json");
    std::fs::write(&answers, serde_json::to_string(&saved.answers).unwrap()).unwrap();
    let again = levelup(&["assess", "--answers", answers.to_str().unwrap(), "-f", "json"])
        .ok()
        .stdout;
    let again: levelup::report::Report = serde_json::from_str(&again).unwrap();
    assert_eq!(again, saved.report);

    // With no arguments, compare takes the last two runs of the last run's person.
    let c = levelup(&["compare", "-f", "json"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    let c: Comparison = serde_json::from_str(&c).unwrap();
    assert_eq!(
        (c.old.name.as_deref(), c.new.name.as_deref()),
        (Some("Sam"), Some("Sam"))
    );
    assert_eq!(
        (c.old.readiness, c.new.readiness),
        (
            rows[3]["readiness"].as_u64().unwrap() as u32,
            rows[4]["readiness"].as_u64().unwrap() as u32
        )
    );
    assert!(c.old.label.starts_with("saved 2"), "{}", c.old.label);
    assert_eq!(c.estimate_change, "up");
    // --name picks the person; one run is not enough to compare.
    let c = levelup(&["compare", "--name", "SAM", "-f", "json"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    assert!(c.contains("\"name\": \"Sam\""), "{c}");
    let err = levelup(&["compare", "--name", "priya"])
        .env("XDG_DATA_HOME", data.path())
        .bad()
        .stderr;
    assert!(err.contains("Priya has one on rubric 'senior-staff'"), "{err}");
}

#[test]
fn compare_needs_two_runs() {
    let data = tempfile::tempdir().unwrap();
    let err = levelup(&["compare"]).env("XDG_DATA_HOME", data.path()).bad().stderr;
    assert!(
        err.contains("compare needs two assessments") && err.contains("none saved so far"),
        "{err}"
    );
    let out = levelup(&["history"]).env("XDG_DATA_HOME", data.path()).ok();
    assert!(out.stderr.contains("No saved runs yet"), "{}", out.stderr);
}

#[test]
fn compare_refuses_two_people_or_two_rubrics() {
    let err = levelup(&["compare", "examples/answers/senior.yaml", "examples/answers/staff.yaml"])
        .bad()
        .stderr;
    assert!(err.contains("is for Priya") && err.contains("for Marcus"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let report = |rubric: &str, answers: &str, name: &str| {
        let path = dir.path().join(name);
        let out = levelup(&["assess", "--rubric", rubric, "--answers", answers, "-f", "json"])
            .ok()
            .stdout;
        std::fs::write(&path, out).unwrap();
        path.display().to_string()
    };
    let default = report("senior-staff", "examples/answers/senior.yaml", "a.json");
    let other = report(
        "tests/fixtures/rubrics/three-levels.yaml",
        "tests/fixtures/answers/three-levels-mid.yaml",
        "b.json",
    );
    let out = levelup(&["compare", &default, &other]).bad();
    assert!(
        out.stderr.contains("on rubric 'senior-staff'") && out.stderr.contains("compare shows growth on one rubric"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());
}

/// `compare OLD NEW -f FORMAT`, the example answers taken as Sam's (from a
/// folder shown as `DIR`).
fn compare(old: &str, new: &str, format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let sam = |p: &str| match p
        .strip_prefix("examples/answers/")
        .and_then(|p| p.strip_suffix(".yaml"))
    {
        Some(example) => as_sam(dir.path(), example),
        None => p.to_string(),
    };
    levelup(&["compare", &sam(old), &sam(new), "-f", format])
        .ok()
        .stdout
        .replace(dir.path().to_str().unwrap(), "DIR")
}

#[test]
fn improved_and_regressed() {
    let (senior, on_the_way) = ("examples/answers/senior.yaml", "examples/answers/on-the-way.yaml");
    let up: Comparison = serde_json::from_str(&compare(senior, on_the_way, "json")).unwrap();
    assert_eq!(up.readiness_change, 68);
    assert_eq!(up.gaps_closed, ["Scope", "Autonomy and alignment"]);
    assert!(up.new_gaps.is_empty() && up.rubric_note.is_none());
    assert!(up.dimensions.iter().all(|m| m.change.unwrap() > 0.0));
    let md = compare(senior, on_the_way, "markdown");
    let tables = crate::support::gfm_tables(&md);
    assert_eq!(tables[0][0], ["Dimension", "Before", "Now", "Change", "Target"]);
    assert!(tables[0].iter().all(|row| row.len() == 5), "{md}");
    insta::assert_snapshot!("compare-improved", md);

    let down: Comparison = serde_json::from_str(&compare(on_the_way, senior, "json")).unwrap();
    assert_eq!(down.readiness_change, -68);
    assert_eq!(down.new_gaps, ["Scope", "Autonomy and alignment"]);
    insta::assert_snapshot!("compare-regressed", compare(on_the_way, senior, "markdown"));

    let staff = "examples/answers/staff.yaml";
    let promoted: Comparison = serde_json::from_str(&compare(on_the_way, staff, "json")).unwrap();
    assert_eq!(promoted.estimate_change, "up");
}

#[test]
fn rubric_changed_compares_what_still_matches() {
    let dir = tempfile::tempdir().unwrap();
    let report = |rubric: &str, answers: &str, name: &str| {
        let path = dir.path().join(name);
        let out = levelup(&["assess", "--rubric", rubric, "--answers", answers, "-f", "json"])
            .ok()
            .stdout;
        std::fs::write(&path, out).unwrap();
        path.to_str().unwrap().to_string()
    };
    let old = report(
        "tests/fixtures/rubrics/three-levels.yaml",
        "tests/fixtures/answers/three-levels-mid.yaml",
        "old.json",
    );
    let new = report(
        "tests/fixtures/rubrics/three-levels-v2.yaml",
        "tests/fixtures/answers/three-levels-v2-senior.yaml",
        "new.json",
    );
    let c: Comparison = serde_json::from_str(&compare(&old, &new, "json")).unwrap();
    assert!(
        c.rubric_note.as_deref().unwrap().contains("changed from v0.1 to v0.2"),
        "{:?}",
        c.rubric_note
    );
    assert_eq!(c.only_old, ["People"]);
    assert_eq!(c.only_new, ["Impact"]);
    let ids: Vec<&str> = c.dimensions.iter().map(|m| m.dimension.as_str()).collect();
    assert_eq!(ids, ["delivery", "craft"]);
    let md = compare(&old, &new, "markdown").replace(dir.path().to_str().unwrap(), "DIR");
    insta::assert_snapshot!("compare-rubric-changed", md);
}

#[test]
fn compare_html_draws_both_profiles() {
    let page = compare(
        "examples/answers/senior.yaml",
        "examples/answers/on-the-way.yaml",
        "html",
    );
    for class in ["lu-target", "lu-p0", "lu-p1"] {
        assert!(page.contains(&format!(r#"<polygon class="{class}""#)), "{class}");
    }
    assert!(page.contains("Gaps closed: Scope, Autonomy and alignment."));
    assert!(!page.contains("<script"));
}

#[test]
fn a_save_never_replaces_a_run_saved_in_the_same_second() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().join("levelup/history");
    std::fs::create_dir_all(&dir).unwrap();
    // Occupy the first name of this second and of the next one, whichever the save lands in.
    let now = jiff::ZonedDateTime::now();
    let mut planted = Vec::new();
    for offset in [0, 1, 2] {
        let t = now.checked_add(jiff::SignedDuration::from_secs(offset)).unwrap();
        let path = dir.join(format!("{}-01-senior-staff.json", t.strftime("%Y-%m-%dT%H%M%S")));
        std::fs::write(&path, "an earlier run").unwrap();
        planted.push(path);
    }
    levelup(&[
        "assess",
        "--answers",
        "examples/answers/staff.yaml",
        "--save",
        "-f",
        "json",
    ])
    .env("XDG_DATA_HOME", data.path())
    .ok();
    for p in &planted {
        assert_eq!(
            std::fs::read_to_string(p).unwrap(),
            "an earlier run",
            "{} was replaced",
            p.display()
        );
    }
    let files = saved_files(data.path());
    assert_eq!(files.len(), 4);
    let new = files.iter().find(|f| !planted.contains(f)).unwrap();
    assert!(
        new.to_string_lossy().contains("-02-senior-staff.json"),
        "{}",
        new.display()
    );
}

#[test]
fn a_dimension_that_became_a_signal_is_named_not_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name).display().to_string();
    std::fs::write(
        at("ext.yaml"),
        // A later version of the same ladder, where a dimension became a signal.
        "extends: senior-staff\nid: senior-staff\nversion: \"9\"\ntitle: Ext\ndimensions:\n  - { id: horizon, signal: true }\n",
    )
    .unwrap();
    let senior = std::fs::read_to_string(crate::support::path("examples/answers/senior.yaml")).unwrap();
    std::fs::write(at("senior-ext.yaml"), senior.clone()).unwrap();
    let report = |args: &[&str], out: &str| {
        let json = levelup(args).ok().stdout;
        std::fs::write(at(out), json).unwrap();
    };
    report(
        &["assess", "--answers", "examples/answers/senior.yaml", "-f", "json"],
        "old.json",
    );
    report(
        &[
            "assess",
            "--rubric",
            &at("ext.yaml"),
            "--answers",
            &at("senior-ext.yaml"),
            "-f",
            "json",
        ],
        "new.json",
    );
    let c: Comparison = serde_json::from_str(&compare(&at("old.json"), &at("new.json"), "json")).unwrap();
    assert_eq!(c.only_old, ["Time horizon (a signal, not scored, in the other)"]);
    assert!(c.dimensions.iter().all(|m| m.dimension != "horizon"));
}

#[test]
fn a_broken_saved_run_is_named_and_the_others_still_listed() {
    let data = tempfile::tempdir().unwrap();
    save_runs(data.path(), "staff", 2);
    let history = data.path().join("levelup/history");
    std::fs::write(history.join("2000-01-01T000000-01-senior-staff.json"), "{ truncated").unwrap();
    std::fs::create_dir(history.join("folder.json")).unwrap();
    // A run cut short, a JSON file of another program, a link to itself.
    let whole = std::fs::read_to_string(history.join(saved_files(data.path())[2].file_name().unwrap())).unwrap();
    std::fs::write(history.join("2000-01-02T000000-01-cut.json"), &whole[..whole.len() / 2]).unwrap();
    std::fs::write(history.join("package.json"), r#"{"name": "left-pad"}"#).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("loop.json", history.join("loop.json")).unwrap();
    let out = levelup(&["history", "-f", "json"])
        .env("XDG_DATA_HOME", data.path())
        .ok();
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 2, "{}", out.stdout);
    for name in [
        "2000-01-01T000000-01-senior-staff.json",
        "2000-01-02T000000-01-cut.json",
        "package.json",
        "folder.json",
    ] {
        assert!(out.stderr.contains(name), "{name} not named: {}", out.stderr);
    }
    #[cfg(unix)]
    assert!(out.stderr.contains("loop.json"), "{}", out.stderr);
    // compare with no files still takes the last two readable runs.
    levelup(&["compare"]).env("XDG_DATA_HOME", data.path()).ok();
}

/// The same answers towards two targets: nothing moved, so no gap is called
/// new or closed; the rows say the target changed.
#[test]
fn a_change_of_target_makes_no_new_gaps() {
    let data = tempfile::tempdir().unwrap();
    for target in ["senior", "staff"] {
        levelup(&[
            "assess",
            "--answers",
            "examples/answers/staff.yaml",
            "--target",
            target,
            "--save",
            "-f",
            "json",
        ])
        .env("XDG_DATA_HOME", data.path())
        .ok();
    }
    let out = levelup(&["compare", "-f", "json"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    let c: Comparison = serde_json::from_str(&out).unwrap();
    assert!(c.new_gaps.is_empty() && c.gaps_closed.is_empty(), "{out}");
    assert!(c.dimensions.iter().all(|m| m.status == "target changed"), "{out}");
    let table = levelup(&["compare"]).env("XDG_DATA_HOME", data.path()).ok().stdout;
    assert!(!table.contains("New gaps: Communication"), "{table}");
}

#[test]
fn history_as_json_with_no_runs_is_an_empty_list() {
    let data = tempfile::tempdir().unwrap();
    let out = levelup(&["history", "-f", "json"])
        .env("XDG_DATA_HOME", data.path())
        .ok();
    assert_eq!(out.stdout, "[]\n");
    assert!(out.stderr.contains("No saved runs yet"), "{}", out.stderr);
}

/// Runs on two rubrics in one second list in the order they were saved, and
/// `compare` follows the person of the last one.
#[test]
fn saves_on_two_rubrics_keep_their_order() {
    let data = tempfile::tempdir().unwrap();
    let config = with_acme_installed();
    for answers in ["senior", "acme-senior-staff", "senior", "acme-senior-staff"] {
        levelup(&[
            "assess",
            "--answers",
            &format!("examples/answers/{answers}.yaml"),
            "--save",
            "-f",
            "json",
        ])
        .env("XDG_DATA_HOME", data.path())
        .env("XDG_CONFIG_HOME", config.path())
        .ok();
    }
    let rows = history_json(data.path(), &[]);
    let rubrics: Vec<&str> = rows.iter().map(|r| r["rubric"].as_str().unwrap_or_default()).collect();
    assert_eq!(rubrics.last(), Some(&"acme-senior-staff"), "{rows:?}");
}

/// A run written by a newer levelup is skipped with a warning, not read as if
/// its fields meant what ours mean; a newer report is refused by compare.
#[test]
fn runs_from_a_newer_levelup_are_set_aside() {
    let data = tempfile::tempdir().unwrap();
    save_runs(data.path(), "senior", 2);
    let files = saved_files(data.path());
    let text = std::fs::read_to_string(&files[1]).unwrap();
    std::fs::write(
        &files[1],
        text.replacen("\"saved_version\": 1", "\"saved_version\": 99", 1),
    )
    .unwrap();
    let out = levelup(&["history", "-f", "json"])
        .env("XDG_DATA_HOME", data.path())
        .ok();
    assert!(
        out.stderr.contains("written by a newer levelup (saved_version 99"),
        "{}",
        out.stderr
    );
    assert_eq!(
        serde_json::from_str::<Vec<serde_json::Value>>(&out.stdout)
            .unwrap()
            .len(),
        1
    );
    let report = data.path().join("r.json");
    let json = levelup(&["assess", "--answers", "examples/answers/senior.yaml", "-f", "json"])
        .ok()
        .stdout;
    std::fs::write(
        &report,
        json.replacen("\"schema_version\": 2", "\"schema_version\": 99", 1),
    )
    .unwrap();
    let r = report.to_str().unwrap();
    let err = levelup(&["compare", r, r]).bad().stderr;
    assert!(err.contains("schema_version 99"), "{err}");
}

/// Without files, --rubric picks which of a person's ladders to compare on.
#[test]
fn compare_rubric_picks_the_ladder_of_saved_runs() {
    let data = tempfile::tempdir().unwrap();
    let config = with_acme_installed();
    let run = |args: &[&str]| {
        levelup(args)
            .env("XDG_DATA_HOME", data.path())
            .env("XDG_CONFIG_HOME", config.path())
    };
    for answers in ["staff", "staff", "acme-senior-staff"] {
        run(&[
            "assess",
            "--answers",
            &format!("examples/answers/{answers}.yaml"),
            "--save",
            "-f",
            "json",
        ])
        .ok();
    }
    let err = run(&["compare", "--name", "marcus"]).bad().stderr;
    assert!(err.contains("one on rubric 'acme-senior-staff'"), "{err}");
    let out = run(&["compare", "--name", "marcus", "--rubric", "senior-staff", "-f", "json"])
        .ok()
        .stdout;
    let c: Comparison = serde_json::from_str(&out).unwrap();
    assert_eq!(c.new.rubric, "senior-staff", "{out}");
}

/// A config folder with the Acme variant of the built-in rubric installed.
fn with_acme_installed() -> tempfile::TempDir {
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("levelup/rubrics")).unwrap();
    std::fs::copy(
        crate::support::path("examples/rubrics/acme-senior-staff.yaml"),
        config.path().join("levelup/rubrics/acme-senior-staff.yaml"),
    )
    .unwrap();
    config
}

/// `assess --answers examples/answers/EXAMPLE.yaml --save`, `times` times.
fn save_runs(data: &Path, example: &str, times: usize) {
    for _ in 0..times {
        levelup(&[
            "assess",
            "--answers",
            &format!("examples/answers/{example}.yaml"),
            "--save",
            "-f",
            "json",
        ])
        .env("XDG_DATA_HOME", data)
        .ok();
    }
}

/// history and compare fit the terminal's width where their words allow
/// (history's eight columns need about 95), and never split a word to do it.
#[test]
fn history_and_compare_fit_the_width() {
    let data = tempfile::tempdir().unwrap();
    save_runs(data.path(), "staff", 2);
    for (cmd, columns) in [
        ("compare", "60"),
        ("compare", "80"),
        ("history", "100"),
        ("history", "110"),
    ] {
        {
            let out = levelup(&[cmd])
                .env("XDG_DATA_HOME", data.path())
                .env("COLUMNS", columns)
                .ok()
                .stdout;
            let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
            assert!(
                widest <= columns.parse().unwrap(),
                "{cmd} at {columns}: {widest}\n{out}"
            );
            // Whole words only: each of these appears unbroken.
            for word in ["Engineer", "Dimension", "Readiness", "senior-staff"] {
                let expected = if cmd == "history" {
                    word != "Dimension"
                } else {
                    word == "Dimension"
                };
                assert!(!expected || out.contains(word), "{cmd} at {columns}: {word}\n{out}");
            }
        }
    }
}
