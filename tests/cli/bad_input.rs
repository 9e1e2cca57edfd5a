//! Every kind of bad input: exit 2, a message naming the file (and line, id,
//! allowed values where they apply), nothing on stdout, no panic.

use crate::support::levelup;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

fn assess_err(file: &str) -> String {
    levelup(&["assess", "--answers", file]).bad().stderr
}

/// A complete, valid answers file (the Staff example) with one line replaced.
fn staff_with(from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(crate::support::path("examples/answers/staff.yaml")).unwrap();
    assert!(text.contains(from), "{from}");
    text.replace(from, to)
}

#[test]
fn missing_file() {
    let err = assess_err("nope/answers.yaml");
    assert!(err.contains("nope/answers.yaml: no such file"), "{err}");
}

#[test]
fn directory_instead_of_file() {
    let dir = tempfile::tempdir().unwrap();
    let err = assess_err(dir.path().to_str().unwrap());
    assert!(err.contains("is a directory, not a file"), "{err}");
    assert!(err.contains(dir.path().to_str().unwrap()));
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "empty.yaml", "\n  \n");
    let err = assess_err(&f);
    assert!(err.contains(&format!("{f}: the file is empty")), "{err}");
}

#[test]
fn malformed_yaml_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad.yaml",
        "rubric: senior-staff\nanswers:\n  scope.teams: [one-team\n",
    );
    let err = assess_err(&f);
    assert!(
        err.contains(&format!("{f}:3:")) || err.contains(&format!("{f}:4:")),
        "{err}"
    );
}

#[test]
fn malformed_toml_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad.toml",
        "rubric = \"senior-staff\"\n[answers]\n\"scope.teams\" = \n",
    );
    let err = assess_err(&f);
    assert!(err.contains(&format!("{f}:3:")), "{err}");
}

#[test]
fn malformed_json_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "bad.json",
        "{\n  \"rubric\": \"senior-staff\",\n  \"answers\": {,}\n}\n",
    );
    let err = assess_err(&f);
    assert!(err.contains(&format!("{f}:3:")), "{err}");
    assert!(!err.contains("at line"), "the location is given once: {err}");
}

#[test]
fn duplicate_key_is_rejected_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "dup.yaml",
        &staff_with(
            "  coding.percent: 30\n",
            "  coding.percent: 30\n  scope.teams: one-team\n",
        ),
    );
    let err = assess_err(&f);
    assert!(err.contains("duplicate key 'scope.teams'"), "{err}");
    assert!(err.contains(&format!("{f}:35:")), "{err}");
}

#[test]
fn unknown_question_id() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "u.yaml",
        &staff_with("  scope.teams: five-or-more\n", "  scope.team: five-or-more\n"),
    );
    let err = assess_err(&f);
    assert!(
        err.contains("answers.scope.team: unknown question id 'scope.team'; did you mean 'scope.teams'?"),
        "{err}"
    );
    // ...and the now-missing question is reported in the same run.
    assert!(err.contains("1 question is not answered: scope.teams"), "{err}");
    assert!(err.contains("has 2 problems"), "{err}");
}

#[test]
fn unknown_choice_lists_the_allowed_ones() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "c.yaml",
        &staff_with("scope.teams: five-or-more", "scope.teams: lots"),
    );
    let err = assess_err(&f);
    assert!(
        err.contains(&format!(
            "{f}:11:16: answers.scope.teams: unknown choice 'lots'; expected none, one-team, two-teams, three-to-four or five-or-more"
        )),
        "{err}"
    );
}

#[test]
fn out_of_range_number() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "n.yaml",
        &staff_with("coding.percent: 30", "coding.percent: 130"),
    );
    let err = assess_err(&f);
    assert!(
        err.contains("answers.coding.percent: 130 is out of range; expected a number from 0 to 100%"),
        "{err}"
    );
}

#[test]
fn wrong_types() {
    let dir = tempfile::tempdir().unwrap();
    let text = staff_with("coding.percent: 30", "coding.percent: thirty")
        .replace("scope.teams: five-or-more", "scope.teams: [five-or-more]")
        .replace(
            "impact.leverage: [reusable-system, initiative, raised-bar]",
            "impact.leverage: initiative",
        )
        .replace("communication.audience: agree", "communication.audience: 5");
    let f = write(dir.path(), "t.yaml", &text);
    let err = assess_err(&f);
    assert!(
        err.contains("answers.coding.percent: expected a number from 0 to 100%, found the text 'thirty'"),
        "{err}"
    );
    assert!(err.contains("answers.scope.teams: expected one choice id"), "{err}");
    assert!(
        err.contains("answers.impact.leverage: expected a list of item ids"),
        "{err}"
    );
    assert!(
        err.contains("answers.communication.audience: expected an agreement (strongly-disagree, disagree, neutral, agree or strongly-agree), found the number 5"),
        "{err}"
    );
    assert!(err.contains("has 4 problems"), "{err}");
}

#[test]
fn missing_answers_are_all_listed() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "m.yaml",
        "rubric: senior-staff\nanswers:\n  scope.teams: one-team\n",
    );
    let err = assess_err(&f);
    let questions = levelup::rubric::Rubric::builtin("senior-staff").unwrap();
    let missing: Vec<&str> = questions.question_ids().filter(|q| *q != "scope.teams").collect();
    assert!(
        err.contains(&format!(
            "{} questions are not answered: {}",
            missing.len(),
            missing.join(", ")
        )),
        "{err}"
    );
    assert!(err.contains("--allow-missing"), "{err}");
}

#[test]
fn unknown_target_and_evidence_dimension() {
    let dir = tempfile::tempdir().unwrap();
    let text = staff_with("target: staff", "target: principal").replace("  scope: Led", "  scoop: Led");
    let f = write(dir.path(), "e.yaml", &text);
    let err = assess_err(&f);
    assert!(
        err.contains("target: unknown level 'principal'; expected senior or staff"),
        "{err}"
    );
    assert!(
        err.contains("evidence.scoop: unknown dimension 'scoop'; expected scope, horizon"),
        "{err}"
    );

    let err = levelup(&["assess", "--answers", "examples/answers/staff.yaml", "--target", "cto"])
        .bad()
        .stderr;
    assert!(
        err.contains("unknown target level 'cto'; expected senior or staff"),
        "{err}"
    );
}

#[test]
fn rubric_with_a_dangling_reference() {
    let err = levelup(&[
        "assess",
        "--rubric",
        "tests/fixtures/rubrics/dangling-level.yaml",
        "--answers",
        "examples/answers/staff.yaml",
    ])
    .bad()
    .stderr;
    assert!(
        err.contains(
            "tests/fixtures/rubrics/dangling-level.yaml:18:36: dimensions[0].questions[0].choices[1].at: unknown level 'three'; expected one or two or a number from 0 to 1"
        ),
        "{err}"
    );
}

#[test]
fn unknown_rubric_and_answers_for_another_rubric() {
    let err = levelup(&["assess", "--rubric", "nope", "--answers", "examples/answers/staff.yaml"])
        .bad()
        .stderr;
    assert!(
        err.contains("unknown rubric 'nope': not a rubric id (senior-staff) and no such file"),
        "{err}"
    );

    let err = levelup(&["assess", "--answers", "tests/fixtures/answers/three-levels-mid.yaml"])
        .bad()
        .stderr;
    assert!(
        err.contains("is for rubric 'three-levels', which is neither built in nor installed; pass --rubric FILE"),
        "{err}"
    );

    let err = levelup(&[
        "assess",
        "--rubric",
        "tests/fixtures/rubrics/three-levels.yaml",
        "--answers",
        "examples/answers/staff.yaml",
    ])
    .bad()
    .stderr;
    assert!(
        err.contains("these answers are for rubric 'senior-staff', but the rubric in use is 'three-levels'"),
        "{err}"
    );
}

#[test]
fn no_answers_without_a_terminal() {
    let err = levelup(&["assess"]).bad().stderr;
    assert!(err.contains("--answers"), "{err}");
}

#[test]
fn bad_flags_are_usage_errors() {
    let out = levelup(&["assess", "--format", "pdf"]).run();
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("table") && out.stderr.contains("markdown") && out.stderr.contains("json"),
        "{}",
        out.stderr
    );
    assert_eq!(levelup(&["frobnicate"]).run().code, 2);
    let help = levelup(&["assess", "--help"]).ok().stdout;
    assert!(help.contains("Examples:") && help.contains("--answers"), "{help}");
}

#[test]
fn list_entries_must_be_item_ids() {
    let dir = tempfile::tempdir().unwrap();
    let list = "impact.leverage: [reusable-system, initiative, raised-bar]";
    let f = write(dir.path(), "l.yaml", &staff_with(list, "impact.leverage: [{a: 1}]"));
    let err = assess_err(&f);
    assert!(
        err.contains(&format!(
            "{f}:22:21: answers.impact.leverage[0]: expected text, found a mapping"
        )),
        "{err}"
    );
    assert!(!err.contains("not answered"), "no echo as a missing answer: {err}");
    let f = write(
        dir.path(),
        "n.yaml",
        &staff_with(list, "impact.leverage: [5, initiative]"),
    );
    let err = assess_err(&f);
    assert!(
        err.contains("answers.impact.leverage: unknown item '5'; expected any of reusable-system"),
        "{err}"
    );
}

#[test]
fn stdin_errors_name_stdin() {
    let err = levelup(&["assess", "--answers", "-"])
        .stdin("answers: [\n")
        .bad()
        .stderr;
    assert!(err.contains("<stdin>:"), "{err}");
}

#[test]
fn answers_structural_and_value_problems_come_together() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    std::fs::write(
        &file,
        "rubric: senior-staff\ncolour: red\nanswers:\n  scope.teams: lots\n  scope.teams: two-teams\n  coding.percent: 130\n",
    )
    .unwrap();
    let err = levelup(&["assess", "--answers", file.to_str().unwrap(), "--allow-missing"])
        .bad()
        .stderr;
    assert!(err.contains("has 4 problems"), "{err}");
    assert!(err.contains(":2:1: colour: unknown key 'colour'"), "{err}");
    assert!(
        err.contains(":4:16: answers.scope.teams: unknown choice 'lots'"),
        "{err}"
    );
    assert!(
        err.contains(":5:3: answers.scope.teams: duplicate key 'scope.teams'"),
        "{err}"
    );
    assert!(
        err.contains(":6:19: answers.coding.percent: 130 is out of range"),
        "{err}"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn reads_are_bounded_and_never_block() {
    let dir = tempfile::tempdir().unwrap();
    let zero_link = dir.path().join("zero.yaml");
    std::os::unix::fs::symlink("/dev/zero", &zero_link).unwrap();
    let big = dir.path().join("big.yaml");
    std::fs::write(&big, "a".repeat(9 << 20)).unwrap();
    let sparse = dir.path().join("sparse.yaml");
    std::fs::File::create(&sparse).unwrap().set_len(1 << 30).unwrap();
    let cases = [
        ("/dev/zero".to_string(), "not a regular file"),
        (zero_link.display().to_string(), "not a regular file"),
        (big.display().to_string(), "larger than 8 MiB"),
        (sparse.display().to_string(), "larger than 8 MiB"),
    ];
    for (file, says) in &cases {
        for flag in ["--answers", "--rubric", "--config"] {
            let mut args = vec!["assess", flag, file];
            if flag != "--answers" {
                args.extend(["--answers", "examples/answers/staff.yaml"]);
            }
            let out = levelup(&args).bad();
            assert!(
                out.stderr.contains(says) && out.stderr.contains(file.as_str()),
                "{flag} {file}: {}",
                out.stderr
            );
        }
    }
    let out = levelup(&["assess", "--answers", "-"]).stdin(&"a".repeat(9 << 20)).bad();
    assert!(out.stderr.contains("<stdin> is larger than 8 MiB"), "{}", out.stderr);

    // A FIFO among installed rubrics or saved runs is skipped, not opened.
    let home = tempfile::tempdir().unwrap();
    let rubrics = home.path().join("config/levelup/rubrics");
    let history = home.path().join("data/levelup/history");
    for (folder, name) in [
        (&rubrics, "stuck.yaml"),
        (&history, "2026-01-01T000000-01-senior-staff.json"),
    ] {
        std::fs::create_dir_all(folder).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(folder.join(name))
            .status()
            .unwrap();
        assert!(made.success());
    }
    let run = |args: &[&str]| {
        levelup(args)
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .ok()
    };
    let list = run(&["rubric", "list"]);
    assert!(
        list.stdout.contains("stuck") && list.stdout.contains("not a regular file"),
        "{}",
        list.stdout
    );
    let listed = run(&["history", "-f", "json"]);
    assert!(
        listed.stderr.contains("skipped") && listed.stderr.contains("not a regular file"),
        "{}",
        listed.stderr
    );
    // An oversized saved run is skipped and listed too, not a reason to fail.
    let huge = history.join("2026-01-02T000000-01-senior-staff.json");
    std::fs::File::create(&huge).unwrap().set_len(9 << 30).unwrap();
    let listed = run(&["history", "-f", "json"]);
    assert!(
        listed.stderr.contains("2026-01-02T000000-01-senior-staff.json"),
        "{}",
        listed.stderr
    );
}

#[test]
fn text_from_files_is_shown_never_sent_and_adds_no_markdown() {
    let dir = tempfile::tempdir().unwrap();
    // YAML escapes: ESC hides text and sets the window title, BEL, C1 CSI, a bidi override.
    let hostile = r#""x\e[8mhidden\e]0;title\a\x9b2J\u202e""#;
    let evidence = r#""led it\n# Not a heading\n<script>alert(1)</script> <!-- | [x](http://e)""#;
    let text = staff_with("name: Marcus", &format!("name: {hostile}")).replace(
        "  scope: Led the event-streaming migration across five teams (backend, infrastructure, data).",
        &format!("  scope: {evidence}"),
    );
    let f = write(dir.path(), "h.yaml", &text);
    for format in ["table", "markdown", "html"] {
        let out = levelup(&["assess", "--answers", &f, "-f", format]).ok().stdout;
        let raw: Vec<char> = out
            .chars()
            .filter(|c| (c.is_control() && !matches!(c, '\n' | '\t') && *c != '\u{1b}') || *c == '\u{202e}')
            .collect();
        assert!(raw.is_empty(), "{format}: raw {raw:?}");
        // The table's own colour is off when not on a terminal: no ESC at all.
        assert!(!out.contains('\u{1b}'), "{format}");
        // Shown escaped (Markdown escapes the backslash and bracket once more).
        let shown = if format == "markdown" {
            "\\\\u001b\\[8mhidden"
        } else {
            "\\u001b[8mhidden"
        };
        assert!(out.contains(shown), "{format}: shown escaped: {out}");
        if format == "markdown" {
            assert!(!out.lines().any(|l| l.starts_with("# Not a heading")), "{out}");
            // Every opener escaped: no tag, comment, link or cell border from the data.
            assert!(
                out.contains("\\<script\\>") && out.contains("\\<!--") && out.contains("\\| \\[x\\]"),
                "{out}"
            );
            assert!(!out.replace("\\<", "").contains('<'), "{out}");
        }
    }
    // Errors naming the value show it escaped too.
    let bad = write(
        dir.path(),
        "b.yaml",
        &staff_with("scope.teams: five-or-more", "scope.teams: \"\\e[8mlots\""),
    );
    let err = assess_err(&bad);
    assert!(err.contains("\\u001b[8mlots") && !err.contains('\u{1b}'), "{err}");
}

#[test]
fn json_answers_follow_the_same_rules_as_yaml() {
    let dir = tempfile::tempdir().unwrap();
    // A duplicate key is refused, at its line and column.
    let dup = write(
        dir.path(),
        "d.json",
        "{\"rubric\": \"senior-staff\",\n \"answers\": {\"scope.teams\": \"one-team\",\n  \"scope.teams\": \"none\"}}\n",
    );
    let err = assess_err(&dup);
    assert!(
        err.contains(&format!("{dup}:3:3: answers.scope.teams: duplicate key 'scope.teams'")),
        "{err}"
    );
    // A byte-order mark is accepted; a wrong choice is named at its line and column.
    let bom = write(
        dir.path(),
        "b.json",
        "\u{feff}{\"rubric\": \"senior-staff\",\n \"answers\": {\"scope.teams\": \"lots\"}}\n",
    );
    let err = assess_err(&bom);
    assert!(
        err.contains(&format!("{bom}:2:29: answers.scope.teams: unknown choice 'lots'")),
        "{err}"
    );
    // JSON syntax errors keep JSON's own message and position.
    let broken = write(dir.path(), "x.json", "{\"answers\": [1, }\n");
    let err = assess_err(&broken);
    assert!(err.contains(&format!("{broken}:1:")), "{err}");
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_link_loop_is_reported_not_ignored() {
    let home = tempfile::tempdir().unwrap();
    let folder = home.path().join("levelup");
    std::fs::create_dir_all(&folder).unwrap();
    std::os::unix::fs::symlink("config.toml", folder.join("config.toml")).unwrap();
    let out = levelup(&["assess", "--answers", "examples/answers/staff.yaml"])
        .env("XDG_CONFIG_HOME", home.path())
        .bad();
    assert!(
        out.stderr.contains("config.toml") && out.stderr.contains("symbolic links"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_huge_number_reads_as_a_number_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "n.yaml",
        &staff_with("coding.percent: 30", "coding.percent: 1e308"),
    );
    let err = assess_err(&f);
    assert!(err.contains("answers.coding.percent: 1e308 is out of range"), "{err}");
}

#[test]
fn toml_problems_name_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "t.toml",
        "rubric = \"senior-staff\"\n\n[answers]\n\"scope.teams\" = \"lots\"\n\"impact.leverage\" = [\"raised-bar\", \"nope\"]\n",
    );
    let err = assess_err(&f);
    assert!(
        err.contains(&format!("{f}:4:17: answers.scope.teams: unknown choice 'lots'")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{f}:5:21: answers.impact.leverage: unknown item")),
        "{err}"
    );
}

#[test]
fn toml_reports_every_problem_like_yaml_and_takes_unquoted_dates() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "t.toml",
        "rubric = \"senior-staff\"\nnmae = \"x\"\ndate = 2026-03-02\n\n[answers]\n\"scope.team\" = \"one-team\"\n\"scope.teams\" = \"lots\"\n",
    );
    let err = assess_err(&f);
    for want in [
        format!("{f}:2:8: nmae: unknown key 'nmae'"),
        format!("{f}:6:16: answers.scope.team: unknown question id 'scope.team'; did you mean 'scope.teams'?"),
        format!("{f}:7:17: answers.scope.teams: unknown choice 'lots'"),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    assert!(!err.contains(": date:"), "an unquoted TOML date is a date: {err}");
    // A key given twice is named; a number too big for a float names its key.
    let dup = write(
        dir.path(),
        "d.toml",
        "[answers]\n\"scope.teams\" = \"one-team\"\n\"scope.teams\" = \"none\"\n",
    );
    assert!(assess_err(&dup).contains("answers.scope.teams: duplicate key 'scope.teams'"));
    let big = write(dir.path(), "b.toml", "[answers]\n\"leadership.reach\" = 1e400\n");
    assert!(assess_err(&big).contains("answers.leadership.reach:"));
    let long = write(
        dir.path(),
        "l.toml",
        "[answers]\n\"leadership.reach\" = 123456789012345678901234567890\n",
    );
    assert!(assess_err(&long).contains("answers.leadership.reach: a whole number too large to read"));
    // In YAML and JSON, 1e400 is an infinite number, said so.
    for (name, text) in [
        ("y.yaml", "rubric: senior-staff\nanswers:\n  leadership.reach: 1e400\n"),
        (
            "j.json",
            "{\"rubric\": \"senior-staff\", \"answers\": {\"leadership.reach\": 1e400}}",
        ),
    ] {
        let f = write(dir.path(), name, text);
        let err = levelup(&["assess", "--answers", &f, "--allow-missing"]).bad().stderr;
        assert!(
            err.contains("answers.leadership.reach: must be a finite number"),
            "{name}: {err}"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_usual_config_is_refused_not_waited_on() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("levelup")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(home.path().join("levelup/config.toml"))
        .status()
        .unwrap();
    assert!(made.success());
    let out = levelup(&["assess", "--answers", "examples/answers/staff.yaml"])
        .env("XDG_CONFIG_HOME", home.path())
        .bad();
    assert!(
        out.stderr.contains("config.toml is not a regular file"),
        "{}",
        out.stderr
    );
}

#[test]
fn json_syntax_errors_say_so_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(dir.path(), "c.json", "{\"rubric\": \"senior-staff\",}");
    let err = assess_err(&f);
    assert!(err.contains(&format!("{f}:1:27: not valid JSON:")), "{err}");
    // A broken saved run names itself, its line and column.
    let data = tempfile::tempdir().unwrap();
    let history = data.path().join("levelup/history");
    std::fs::create_dir_all(&history).unwrap();
    std::fs::write(
        history.join("2026-01-01T000000-01-senior-staff.json"),
        "{\"saved_version\": 1,",
    )
    .unwrap();
    // It is named and skipped: one broken file does not hide the others.
    let err = levelup(&["history"]).env("XDG_DATA_HOME", data.path()).ok().stderr;
    assert!(
        err.contains("skipped")
            && err.contains("is not a saved levelup run (not valid JSON:")
            && err.contains(".json:1:"),
        "{err}"
    );
}

#[test]
fn a_toml_file_of_too_many_values_is_refused_before_it_is_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let many: String = (0..150_000).map(|i| format!("k{i} = \"v\"\n")).collect();
    let f = write(
        dir.path(),
        "k.toml",
        &format!("rubric = \"senior-staff\"\n[answers]\n{many}"),
    );
    assert!(assess_err(&f).contains("more than 100,000 values"));
    let out = levelup(&["assess", "--answers", "examples/answers/staff.yaml", "--config", &f]).bad();
    assert!(
        out.stderr.contains("config file") && out.stderr.contains("more than 100,000 values"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_line_break_in_a_name_cannot_forge_a_line_of_the_table() {
    let dir = tempfile::tempdir().unwrap();
    let f = write(
        dir.path(),
        "n.yaml",
        &staff_with("name: Marcus", "name: \"Marcus\\nEstimated level: Principal\""),
    );
    let out = levelup(&["assess", "--answers", &f]).ok().stdout;
    assert!(
        !out.lines().any(|l| l.starts_with("Estimated level: Principal")),
        "{out}"
    );
}
