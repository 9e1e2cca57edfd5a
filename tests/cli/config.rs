//! Settings and where rubrics come from: the precedence of flags, answers
//! files and the config; installed rubrics found by their id; shadowing and
//! duplicate ids said; templates whose printed command works.

use crate::support::{levelup, path};
use std::path::Path;

/// A home whose config folder holds `config` (config.toml) and the installed
/// rubrics `(file name, copied from)`.
fn home_with(config: &str, installed: &[(&str, &str)]) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("levelup");
    std::fs::create_dir_all(dir.join("rubrics")).unwrap();
    std::fs::write(dir.join("config.toml"), config).unwrap();
    for (name, from) in installed {
        std::fs::copy(path(from), dir.join("rubrics").join(name)).unwrap();
    }
    home
}

/// `(rubric id, target id)` of a JSON report, and the report's first byte
/// (`{` for JSON, `#` for Markdown, else the table's).
fn outcome(config_home: &Path, args: &[&str]) -> (String, String, char) {
    let out = levelup(args).env("XDG_CONFIG_HOME", config_home).ok().stdout;
    let first = out.chars().next().unwrap_or(' ');
    if first != '{' {
        return (String::new(), String::new(), first);
    }
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    (
        r["rubric"]["id"].as_str().unwrap().to_string(),
        r["target"]["id"].as_str().unwrap().to_string(),
        first,
    )
}

/// flag > answers file > config > built-in default, for the rubric, the
/// target and the format (an answers file names no format).
#[test]
fn precedence_flag_answers_config_default() {
    let dir = tempfile::tempdir().unwrap();
    let config_rubric = path("tests/fixtures/rubrics/seven-levels.yaml");
    // The installed file's name is not its id: it is found by the id inside.
    let home = home_with(
        &format!(
            "rubric = {:?}\ntarget = \"l3\"\nformat = \"markdown\"\n",
            config_rubric.display()
        ),
        &[("our-ladder.yaml", "tests/fixtures/rubrics/three-levels.yaml")],
    );
    let answers = |rubric: Option<&str>, target: Option<&str>| {
        let path = dir.path().join(format!("{rubric:?}-{target:?}.yaml"));
        let mut text = String::new();
        for (key, value) in [("rubric", rubric), ("target", target)] {
            if let Some(v) = value {
                text.push_str(&format!("{key}: {v}\n"));
            }
        }
        text.push_str("answers: {}\n");
        std::fs::write(&path, text).unwrap();
        path.display().to_string()
    };
    let h = home.path();
    let run = |file: &str, extra: &[&str]| {
        let mut args = vec!["assess", "--answers", file, "--allow-missing"];
        args.extend(extra);
        outcome(h, &args)
    };
    let json = ["-f", "json"];
    // The rubric: flag, else the answers', else the config's, else the built-in default.
    let both = answers(Some("three-levels"), None);
    // With the flag, answers for another rubric are refused as such: the flag's rubric is the one in use.
    let refused = levelup(&[
        "assess",
        "--answers",
        &both,
        "--allow-missing",
        "--rubric",
        "senior-staff",
    ])
    .env("XDG_CONFIG_HOME", h)
    .bad()
    .stderr;
    assert!(refused.contains("the rubric in use is 'senior-staff'"), "{refused}");
    let none = answers(None, None);
    assert_eq!(
        run(&none, &["--rubric", "senior-staff", "-f", "json"]).0,
        "senior-staff"
    );
    assert_eq!(run(&both, &json).0, "three-levels", "answers before config");
    assert_eq!(run(&none, &json).0, "seven-levels", "config before default");
    let empty = tempfile::tempdir().unwrap();
    let bare = outcome(
        empty.path(),
        &["assess", "--answers", &none, "--allow-missing", "-f", "json"],
    );
    assert_eq!(bare.0, "senior-staff", "the built-in default last");

    // The target: flag, else the answers', else the config's (where the rubric has that level).
    let targeted = answers(Some("seven-levels"), Some("l5"));
    assert_eq!(run(&targeted, &["--target", "l6", "-f", "json"]).1, "l6");
    assert_eq!(run(&targeted, &json).1, "l5");
    assert_eq!(run(&none, &json).1, "l3", "the config's target");
    let seven_default = outcome(
        empty.path(),
        &[
            "assess",
            "--rubric",
            config_rubric.to_str().unwrap(),
            "--answers",
            &none,
            "--allow-missing",
            "-f",
            "json",
        ],
    );
    assert_ne!(seven_default.1, "l3", "without a config, the rubric's own default");
    // A config target the rubric does not have is passed over, not an error.
    assert_eq!(run(&both, &json).1, "mid");

    // The format: flag, else the config's, else table — for every command with -f.
    assert_eq!(run(&none, &[]).2, '#', "the config's markdown");
    assert_eq!(run(&none, &["-f", "json"]).2, '{');
    assert_ne!(
        outcome(empty.path(), &["assess", "--answers", &none, "--allow-missing"]).2,
        '#'
    );
    let team = levelup(&["team", "examples/answers/"])
        .env("XDG_CONFIG_HOME", h)
        .ok()
        .stdout;
    assert!(team.starts_with('#'), "team honours the config's format: {team}");
    let compare = levelup(&[
        "compare",
        "examples/answers/senior.yaml",
        "examples/answers/senior.yaml",
    ])
    .env("XDG_CONFIG_HOME", h)
    .ok()
    .stdout;
    assert!(compare.starts_with('#'), "compare honours it: {compare}");
    let shown = levelup(&["rubric", "show", "senior-staff"])
        .env("XDG_CONFIG_HOME", h)
        .ok()
        .stdout;
    assert!(shown.starts_with('#'), "rubric show honours it: {shown}");
}

#[test]
fn installed_rubrics_are_found_by_their_id_and_shadowing_is_said() {
    let home = home_with(
        "",
        &[
            ("a-file-name.yaml", "tests/fixtures/rubrics/three-levels.yaml"),
            ("b-same-id.yaml", "tests/fixtures/rubrics/three-levels.yaml"),
        ],
    );
    let rubrics = home.path().join("levelup/rubrics");
    let builtin = levelup(&["rubric", "show", "senior-staff", "-f", "markdown"])
        .ok()
        .stdout;
    assert!(!builtin.is_empty());
    std::fs::write(
        rubrics.join("c-claims-builtin.yaml"),
        std::fs::read_to_string(path("tests/fixtures/rubrics/seven-levels.yaml"))
            .unwrap()
            .replace("id: seven-levels", "id: senior-staff"),
    )
    .unwrap();
    let h = home.path();
    let list = levelup(&["rubric", "list"]).env("XDG_CONFIG_HOME", h).ok().stdout;
    assert!(
        list.contains("three-levels") && list.contains("a-file-name.yaml"),
        "{list}"
    );
    assert!(
        list.contains("not used: the id 'three-levels' means") && list.contains("b-same-id.yaml"),
        "a duplicate id is said: {list}"
    );
    assert!(
        list.contains("not used: the id 'senior-staff' means the built-in rubric"),
        "shadowing is said: {list}"
    );
    // Found by the id inside the file, not its file name.
    let show = levelup(&["rubric", "show", "three-levels"])
        .env("XDG_CONFIG_HOME", h)
        .ok()
        .stdout;
    assert!(show.contains("Junior"), "{show}");
    let by_name = levelup(&["rubric", "show", "a-file-name"])
        .env("XDG_CONFIG_HOME", h)
        .bad()
        .stderr;
    assert!(by_name.contains("three-levels"), "the known ids are listed: {by_name}");
    // The built-in id still means the built-in rubric.
    let show = levelup(&["rubric", "show", "senior-staff", "-f", "markdown"])
        .env("XDG_CONFIG_HOME", h)
        .ok()
        .stdout;
    assert_eq!(show, builtin);
    // validate says the same of each file.
    let c = rubrics.join("c-claims-builtin.yaml");
    let b = rubrics.join("b-same-id.yaml");
    let out = levelup(&["rubric", "validate", c.to_str().unwrap(), b.to_str().unwrap()])
        .env("XDG_CONFIG_HOME", h)
        .ok()
        .stdout;
    assert!(out.contains("'senior-staff' is the id of a built-in rubric"), "{out}");
    assert!(
        out.contains("'three-levels' is also the id of the installed rubric") && out.contains("a-file-name.yaml"),
        "{out}"
    );
}

/// Answer every question of a commented YAML template with its first choice
/// (`[]` for a list).
fn fill(template: &str) -> String {
    let mut out = String::new();
    let mut pending: Option<String> = None;
    let mut list = false;
    for line in template.lines() {
        let t = line.trim();
        if t == "# Answer one of:" {
            (pending, list) = (None, false);
        } else if let Some(range) = t.strip_prefix("# Answer a number from ") {
            (pending, list) = (range.split_whitespace().next().map(str::to_string), true);
        } else if t.starts_with("# Answer any of these") {
            (pending, list) = (Some("[]".to_string()), true);
        } else if let Some(choice) = t.strip_prefix("#   ").and_then(|c| c.split(':').next())
            && pending.is_none()
            && !list
        {
            pending = Some(choice.to_string());
        } else if line.starts_with("  ") && t.ends_with(':') && !t.starts_with('#') {
            out.push_str(&format!("{line} {}\n", pending.take().unwrap_or_default()));
            list = false;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn a_template_from_a_rubric_file_prints_a_command_that_works() {
    let dir = tempfile::tempdir().unwrap();
    let template = levelup(&["template", "--rubric", "tests/fixtures/rubrics/three-levels.yaml"])
        .ok()
        .stdout;
    let command = template
        .lines()
        .find_map(|l| l.strip_prefix("# Fill in the answers, then: "))
        .unwrap();
    let file = dir.path().join("mine.yaml");
    std::fs::write(&file, fill(&template)).unwrap();
    let command = command.replace("THIS-FILE", file.to_str().unwrap());
    let words: Vec<&str> = command.split_whitespace().collect();
    assert_eq!(words[..2], ["levelup", "assess"], "{command}");
    // Run from another folder: the rubric's path in it must still hold.
    let out = levelup(&words[1..]).current_dir(dir.path()).ok().stdout;
    assert!(out.contains("Junior → Mid → Senior"), "{out}");
    // A built-in rubric needs no --rubric.
    let builtin = levelup(&["template"]).ok().stdout;
    assert!(
        builtin.contains("then: levelup assess --answers THIS-FILE"),
        "{builtin}"
    );
}

#[test]
fn rubric_init_dash_prints_the_starter() {
    let dir = tempfile::tempdir().unwrap();
    let out = levelup(&["rubric", "init", "-"]).current_dir(dir.path()).ok();
    assert!(
        out.stdout.contains("id:") && out.stdout.contains("levels:"),
        "{}",
        out.stdout
    );
    assert!(!dir.path().join("-").exists(), "no file named '-'");
    // What it printed validates.
    let file = dir.path().join("starter.yaml");
    std::fs::write(&file, &out.stdout).unwrap();
    levelup(&["rubric", "validate", file.to_str().unwrap()]).ok();
}

/// A config rubric that cannot be loaded stops only what would use it: an
/// answers file naming its own rubric still runs, and the error says where the
/// id came from.
#[test]
fn a_config_rubric_that_is_not_there_is_no_reason_to_fail_an_answers_file() {
    let home = home_with("rubric = \"nonexistent\"\nformat = \"json\"\n", &[]);
    let (rubric, _, _) = outcome(home.path(), &["assess", "--answers", "examples/answers/staff.yaml"]);
    assert_eq!(rubric, "senior-staff");
    let err = levelup(&["template"]).env("XDG_CONFIG_HOME", home.path()).bad().stderr;
    assert!(
        err.contains("unknown rubric 'nonexistent'") && err.contains("the rubric set in the config file"),
        "{err}"
    );
}

/// The README's config example is a config levelup reads, and its comment on
/// `format` names every format there is.
#[test]
fn the_readme_config_example_names_every_format() {
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    let section = &readme[readme.find("## The config file").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let block = &section[start..start + section[start..].find("```").unwrap()];
    let config = levelup::config::parse(block, "README.md").unwrap();
    assert!(
        config.format.is_some() && config.stale_after_months.is_some(),
        "{block}"
    );
    let comment = block
        .lines()
        .find(|l| l.starts_with("format ="))
        .and_then(|l| l.split_once('#'))
        .map(|(_, c)| c)
        .unwrap();
    for format in <levelup::render::Format as clap::ValueEnum>::value_variants() {
        let name = clap::ValueEnum::to_possible_value(format)
            .unwrap()
            .get_name()
            .to_string();
        assert!(comment.contains(&name), "{name} is missing from: {comment}");
    }
}
