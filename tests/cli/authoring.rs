//! Rubric authoring and the conventions of a good CLI: validate, init, show,
//! list, schema, template, several ladders and a points rubric end to end,
//! config, completions, man page, colour.

use crate::support::{levelup, path};
use levelup::report::Report;
use levelup::rubric::{self, Agreement, Kind, QuestionRef, Rubric};

const FIXTURES: [&str; 5] = [
    "tests/fixtures/rubrics/two-levels.yaml",
    "tests/fixtures/rubrics/three-levels.yaml",
    "tests/fixtures/rubrics/seven-levels.yaml",
    "tests/fixtures/rubrics/points.yaml",
    "examples/rubrics/starter.yaml",
];

fn broken() -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(path("tests/fixtures/rubrics/broken"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn rel(p: &std::path::Path) -> String {
    p.strip_prefix(crate::support::root())
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn validate_reports_each_broken_rubric() {
    let files = broken();
    assert!(files.len() >= 12, "at least 12 broken rubrics");
    for file in &files {
        let name = rel(file);
        let out = levelup(&["rubric", "validate", &name]).bad();
        // Each message names the file, then a line and column or a key path.
        let problem = out
            .stderr
            .lines()
            .find(|l| l.starts_with(&format!("  {name}")))
            .unwrap_or_else(|| panic!("{}", out.stderr));
        let rest = &problem[name.len() + 2..];
        assert!(rest.starts_with(':'), "{problem}");
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("validate-{stem}"), out.stderr);
    }
}

#[test]
fn validate_lists_every_problem_of_every_file_in_one_run() {
    let mut args = vec![
        "rubric".to_string(),
        "validate".to_string(),
        "examples/rubrics/starter.yaml".to_string(),
    ];
    args.extend(broken().iter().map(|f| rel(f)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = levelup(&args).run();
    assert_eq!(out.code, 2);
    assert!(
        out.stdout.contains("ok: examples/rubrics/starter.yaml"),
        "{}",
        out.stdout
    );
    for f in broken() {
        assert!(
            out.stderr.contains(&format!("rubric {} has", rel(&f))),
            "{} missing:\n{}",
            rel(&f),
            out.stderr
        );
    }
    assert!(out.stderr.contains(&format!(
        "{} of {} rubric files failed",
        broken().len(),
        broken().len() + 1
    )));
}

#[test]
fn fixture_and_shipped_rubrics_validate() {
    let mut args = vec!["rubric", "validate", "rubric/senior-staff.yaml"];
    args.extend(FIXTURES);
    let out = levelup(&args).ok();
    assert_eq!(
        out.stdout.lines().filter(|l| l.starts_with("ok: ")).count(),
        FIXTURES.len() + 1
    );
}

#[test]
fn init_writes_a_starter_that_validates_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ladder.yaml");
    let f = file.to_str().unwrap();
    levelup(&["rubric", "init", f]).ok();
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(
        written.contains("# yaml-language-server: $schema="),
        "editors find the schema"
    );
    let r = rubric::parse(&written, f).unwrap();
    assert_eq!(r.levels.len(), 3);
    assert_eq!(r.dimensions.len(), 2);
    let kinds: Vec<&str> = r
        .dimensions
        .iter()
        .flat_map(|d| &d.questions)
        .map(|q| match q.kind {
            Kind::Choice(_) => "choice",
            Kind::Checklist { .. } => "checklist",
            Kind::Number { .. } => "number",
            Kind::Scale { .. } => "scale",
        })
        .collect();
    assert_eq!(kinds, ["choice", "checklist", "number", "scale"]);
    levelup(&["rubric", "validate", f]).ok();

    std::fs::write(&file, "mine").unwrap();
    let err = levelup(&["rubric", "init", f]).bad().stderr;
    assert!(err.contains("already exists; pass --force to replace it"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    levelup(&["rubric", "init", f, "--force"]).ok();
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn show_and_list() {
    let table = levelup(&["rubric", "show", "senior-staff"]).ok().stdout;
    assert!(
        table.contains("scope.teams [choice]") && table.contains("five-or-more — Five or more teams"),
        "{table}"
    );
    assert!(
        table.contains("0–20%: under 20%, below the usual Staff range"),
        "bands are shown"
    );
    let md = levelup(&["rubric", "show", "tests/fixtures/rubrics/points.yaml", "-f", "markdown"])
        .ok()
        .stdout;
    assert!(md.starts_with("# Milestone ladder (`points-ladder` v1)"), "{md}");
    assert!(
        md.contains("Engineer 4 from 50 (and at least 10 in every dimension)"),
        "{md}"
    );

    let config = tempfile::tempdir().unwrap();
    let rubrics = config.path().join("levelup/rubrics");
    std::fs::create_dir_all(&rubrics).unwrap();
    std::fs::copy(
        path("tests/fixtures/rubrics/two-levels.yaml"),
        rubrics.join("two-levels.yaml"),
    )
    .unwrap();
    std::fs::write(rubrics.join("bad.yaml"), "id: [").unwrap();
    let out = levelup(&["rubric", "list"])
        .env("XDG_CONFIG_HOME", config.path())
        .ok()
        .stdout;
    assert!(out.contains("senior-staff") && out.contains("(built in)"), "{out}");
    assert!(
        out.contains("two-levels") && out.contains("levels: member, lead"),
        "{out}"
    );
    assert!(out.contains("bad") && out.contains("invalid"), "{out}");
    // An installed rubric is found by its id.
    let shown = levelup(&["rubric", "show", "two-levels"])
        .env("XDG_CONFIG_HOME", config.path())
        .ok()
        .stdout;
    assert!(shown.contains("Member → Lead"), "{shown}");
}

fn schema(args: &[&str]) -> jsonschema::Validator {
    let text = levelup(args).ok().stdout;
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    jsonschema::validator_for(&value).unwrap()
}

fn yaml_value(file: &str) -> serde_json::Value {
    levelup::yaml::parse(&std::fs::read_to_string(path(file)).unwrap()).unwrap()
}

#[test]
fn schemas_accept_shipped_files_and_reject_mistakes() {
    let rubric_schema = schema(&["rubric", "schema"]);
    let mut rubrics: Vec<String> = vec!["rubric/senior-staff.yaml".into()];
    rubrics.extend(FIXTURES.iter().map(|f| f.to_string()));
    // Format 2: the example ladders and the case fixtures.
    for dir in ["examples/rubrics", "tests/fixtures/rubrics/format2"] {
        for entry in std::fs::read_dir(path(dir)).unwrap() {
            let file = rel(&entry.unwrap().path());
            let is_rubric = !file.contains("answers") && !file.contains("only-");
            if is_rubric {
                rubrics.push(file);
            }
        }
    }
    assert!(rubrics.iter().any(|f| f.ends_with("profile-ladder.yaml")));
    for f in &rubrics {
        let errors: Vec<String> = rubric_schema
            .iter_errors(&yaml_value(f))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{f}: {errors:?}");
    }
    assert!(
        rubrics.iter().any(|f| f.ends_with("acme-senior-staff.yaml")),
        "variants by extends too"
    );
    // A rubric that extends another need not repeat required keys, but keys are still checked.
    let variant =
        serde_json::json!({ "extends": "senior-staff", "id": "v", "dimensions": [{ "id": "scope", "weight": 2 }] });
    assert!(rubric_schema.is_valid(&variant));
    let typo =
        serde_json::json!({ "extends": "senior-staff", "id": "v", "dimensions": [{ "id": "scope", "wieght": 2 }] });
    assert!(!rubric_schema.is_valid(&typo));
    let whole_without_title = serde_json::json!({ "id": "v", "version": "1", "levels": [], "dimensions": [] });
    assert!(
        !rubric_schema.is_valid(&whole_without_title),
        "without extends, required keys stay required"
    );
    // Broken fixtures whose fault a schema can express are rejected by it; the rest
    // (duplicate ids and keys, unknown references, band gaps) need `rubric validate`.
    for f in [
        "one-level",
        "twenty-one-levels",
        "empty-dimensions",
        "weight-not-positive",
        "unknown-field",
        "wrong-type",
    ] {
        let value = yaml_value(&format!("tests/fixtures/rubrics/broken/{f}.yaml"));
        assert!(!rubric_schema.is_valid(&value), "the schema rejects {f}");
    }
    let unknown = yaml_value("tests/fixtures/rubrics/broken/unknown-field.yaml");
    assert!(
        !rubric_schema.is_valid(&unknown),
        "the schema rejects unknown fields too"
    );

    let answers_schema = schema(&["rubric", "schema", "--answers"]);
    let mut answers: Vec<String> = std::fs::read_dir(path("examples/answers"))
        .unwrap()
        .map(|e| rel(&e.unwrap().path()))
        .collect();
    answers.push("tests/fixtures/answers/three-levels-mid.yaml".into());
    answers.push("tests/fixtures/rubrics/format2/g05-answers.yaml".into());
    for f in &answers {
        assert!(answers_schema.is_valid(&yaml_value(f)), "{f}");
    }
    let wrong = serde_json::json!({ "answers": { "scope.teams": { "nested": true } } });
    assert!(!answers_schema.is_valid(&wrong));
}

/// An answer for every question: the last choice, the first item, `agree`, the minimum.
fn fill_value(r: &Rubric, id: &str, toml: bool) -> String {
    let q = |s: &str| if toml { format!("{s:?}") } else { s.to_string() };
    match r.find(id).unwrap() {
        QuestionRef::Fit(f) => format!("[{}]", q(&r.fit_questions()[f].items[0].id)),
        QuestionRef::Level(d, i) => match &r.dimensions[d].questions[i].kind {
            Kind::Choice(c) => q(&c.last().unwrap().id),
            Kind::Checklist { items, .. } => format!("[{}]", q(&items[0].id)),
            // The last label of a labelled scale; else agree.
            Kind::Scale { labels, .. } => q(labels.last().map_or(Agreement::Agree.id(), |l| l.id.as_str())),
            Kind::Number { min, .. } => min.to_string(),
        },
    }
}

#[test]
fn templates_filled_in_assess_on_every_ladder_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut rubrics = vec!["senior-staff"];
    rubrics.extend(FIXTURES);
    for spec in rubrics {
        let r = levelup::inputs::load_rubric(spec).unwrap();
        for (format, ext) in [("yaml", "yaml"), ("toml", "toml"), ("json", "json")] {
            let template = levelup(&["template", "--rubric", spec, "-f", format]).ok().stdout;
            // Unfilled, it is a valid file with every question missing.
            let blank = dir.path().join(format!("blank.{ext}"));
            std::fs::write(&blank, &template).unwrap();
            let err = levelup(&["assess", "--rubric", spec, "--answers", blank.to_str().unwrap()])
                .bad()
                .stderr;
            assert!(
                err.contains(&format!("{} questions are not answered", r.question_ids().count())),
                "{spec} {format}: {err}"
            );

            let mut filled = template.clone();
            for id in r.question_ids() {
                let v = fill_value(&r, id, format == "toml");
                filled = match format {
                    "yaml" => filled.replace(&format!("  {id}:\n"), &format!("  {id}: {v}\n")),
                    "toml" => filled.replace(&format!("{id:?} = \"\"\n"), &format!("{id:?} = {v}\n")),
                    _ => {
                        let json_v = if v.starts_with('[') {
                            format!("[\"{}\"]", v.trim_matches(['[', ']']))
                        } else if v.parse::<f64>().is_ok() {
                            v.clone()
                        } else {
                            format!("\"{v}\"")
                        };
                        filled.replace(&format!("\"{id}\": \"\""), &format!("\"{id}\": {json_v}"))
                    }
                };
            }
            let file = dir.path().join(format!("filled.{ext}"));
            std::fs::write(&file, &filled).unwrap();
            let f = file.to_str().unwrap();
            for out in ["table", "markdown"] {
                levelup(&["assess", "--rubric", spec, "--answers", f, "-f", out]).ok();
            }
            let json = levelup(&["assess", "--rubric", spec, "--answers", f, "-f", "json"])
                .ok()
                .stdout;
            let report: Report = serde_json::from_str(&json).unwrap();
            assert!(report.unanswered.is_empty(), "{spec} {format}: {:?}", report.unanswered);
            assert_eq!(report.levels.len(), r.levels.len());
            assert_eq!(report.points.is_some(), spec.ends_with("points.yaml"), "{spec}");
        }
    }
}

#[test]
fn points_rubric_decides_by_points_and_minimums() {
    let dir = tempfile::tempdir().unwrap();
    let assess = |answers: &str| -> Report {
        let file = dir.path().join("p.yaml");
        std::fs::write(&file, answers).unwrap();
        let out = levelup(&[
            "assess",
            "--rubric",
            "tests/fixtures/rubrics/points.yaml",
            "--answers",
            file.to_str().unwrap(),
            "-f",
            "json",
        ])
        .ok();
        serde_json::from_str(&out.stdout).unwrap()
    };
    let answers = |code: &str, people: &str, impact: &str, sought: &str| {
        format!(
            "rubric: points-ladder\nanswers:\n  code.milestone: {code}\n  code.reviews: 10\n  people.milestone: {people}\n  people.sought: {sought}\n  impact.milestone: {impact}\n  impact.wins: [launch, metric]\n"
        )
    };
    // 6 + 2 + 6 + 2 + 6 + 5 = 27: Engineer 2 (10), 3 short of Engineer 3 (30): borderline.
    let r = assess(&answers("m3", "m3", "m3", "agree"));
    let p = r.points.as_ref().unwrap();
    assert_eq!(p.total, 27.0);
    assert_eq!(
        (r.estimate.level.id.as_str(), r.estimate.decided_by.as_str()),
        ("p2", "points")
    );
    assert!(r.estimate.borderline, "{:?}", r.estimate);
    assert_eq!(r.readiness, 90, "27 of the 30 the target needs");
    assert!(
        r.estimate.explanation.contains("You have 27 points"),
        "{}",
        r.estimate.explanation
    );

    // Code 20+2, People 12+3, Impact 20+5 = 62 ≥ 50, every dimension ≥ 10: Engineer 4.
    let r = assess(&answers("m5", "m4", "m5", "strongly-agree"));
    assert_eq!(r.points.as_ref().unwrap().total, 62.0);
    assert_eq!(
        (r.estimate.level.id.as_str(), r.estimate.decided_by.as_str()),
        ("p4", "points")
    );
    assert_eq!(r.readiness, 100);

    // People 6+3 = 9 < 10: the total (56) allows Engineer 4, the minimum does not.
    let r = assess(&answers("m5", "m3", "m5", "strongly-agree"));
    let p = r.points.as_ref().unwrap();
    assert_eq!(p.total, 56.0);
    assert_eq!(
        (r.estimate.level.id.as_str(), r.estimate.decided_by.as_str()),
        ("p3", "dimension-minimum")
    );
    assert!(
        r.estimate.explanation.contains("People has fewer than the 10 points"),
        "{}",
        r.estimate.explanation
    );
    let people = p.dimensions.iter().find(|d| d.dimension == "people").unwrap();
    assert_eq!(people.points, 9.0);
}

#[test]
fn config_sets_defaults_and_bad_config_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("levelup");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "format = \"markdown\"\nname = \"Robin\"\n").unwrap();
    let partial = "rubric: senior-staff\nanswers:\n  scope.teams: one-team\n";
    let out = levelup(&["assess", "--answers", "-", "--allow-missing"])
        .env("XDG_CONFIG_HOME", dir.path())
        .stdin(partial)
        .ok()
        .stdout;
    assert!(out.starts_with("# Gap report"), "the config's format: {out}");
    assert!(out.contains("Robin ·"), "the config's name: {out}");
    // A flag beats the config.
    let out = levelup(&["assess", "--answers", "-", "--allow-missing", "-f", "json"])
        .env("XDG_CONFIG_HOME", dir.path())
        .stdin(partial)
        .ok()
        .stdout;
    assert!(out.starts_with('{'));

    std::fs::write(cfg.join("config.toml"), "format = \"markdown\"\ncolour = \"red\"\n").unwrap();
    let err = levelup(&["assess", "--answers", "examples/answers/staff.yaml"])
        .env("XDG_CONFIG_HOME", dir.path())
        .bad()
        .stderr;
    let shown = cfg.join("config.toml").display().to_string();
    assert!(err.contains(&format!("config file {shown} has 1 problem")), "{err}");
    assert!(err.contains(&format!("{shown}:2:1: unknown field `colour`")), "{err}");

    let err = levelup(&[
        "--config",
        "nowhere.toml",
        "assess",
        "--answers",
        "examples/answers/staff.yaml",
    ])
    .bad()
    .stderr;
    assert!(err.contains("nowhere.toml: no such config file"), "{err}");
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = levelup(&["completions", shell]).ok().stdout;
        assert!(
            out.len() > 500 && out.contains("assess") && out.contains("template"),
            "{shell}"
        );
    }
}

#[test]
fn man_page_is_valid_roff() {
    let page = levelup(&["man"]).ok().stdout;
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.contains(".TH levelup"),
        "{}",
        &page[..200]
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("levelup.1");
    std::fs::write(&file, &page).unwrap();
    let Some(man) = crate::support::outside_program("man", "apt-get install man-db") else {
        return;
    };
    let out = std::process::Command::new(man)
        .args(["-l", "-P", "cat"])
        .arg(&file)
        .env("MANWIDTH", "80")
        .env_remove("MANOPT")
        .output()
        .expect("man runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("NAME") && text.contains("levelup") && text.contains("SUBCOMMANDS"),
        "{text}"
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let args = ["assess", "--answers", "examples/answers/senior.yaml"];
    let plain = levelup(&args).ok().stdout;
    assert!(!plain.contains('\u{1b}'), "piped: no colour");
    let never: Vec<&str> = ["--color", "never"].iter().chain(args.iter()).copied().collect();
    assert!(!levelup(&never).ok().stdout.contains('\u{1b}'));
    let always: Vec<&str> = ["--color", "always"].iter().chain(args.iter()).copied().collect();
    assert!(
        levelup(&always).ok().stdout.contains('\u{1b}'),
        "--color always colours"
    );
    let forced = levelup(&args).env("CLICOLOR_FORCE", "1").ok().stdout;
    assert!(forced.contains('\u{1b}'), "CLICOLOR_FORCE colours");
    let both = levelup(&args)
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .ok()
        .stdout;
    assert!(!both.contains('\u{1b}'), "NO_COLOR wins");
    for format in ["markdown", "json"] {
        let mut a: Vec<&str> = always.clone();
        a.extend(["-f", format]);
        assert!(
            !levelup(&a).ok().stdout.contains('\u{1b}'),
            "{format} never carries colour"
        );
    }
    // -o never writes colour codes, even with --color always.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.txt");
    let mut a = always.clone();
    a.extend(["-o", out.to_str().unwrap()]);
    levelup(&a).ok();
    assert!(!std::fs::read_to_string(&out).unwrap().contains('\u{1b}'));
}

#[test]
fn version_names_the_file_format() {
    let out = levelup(&["--version"]).ok().stdout;
    assert_eq!(
        out.trim(),
        format!(
            "levelup {} (rubric formats 1 to {}, answers format {})",
            env!("CARGO_PKG_VERSION"),
            levelup::cli::RUBRIC_FORMAT,
            levelup::cli::ANSWERS_FORMAT
        )
    );
}

/// What an editor's YAML language server needs from the schema: no
/// `"default": null` (yaml-language-server 2 stops completing at such a key),
/// shapes named as authors know them, and `format` offered as 1 or 2.
#[test]
fn the_rubric_schema_is_ready_for_editors() {
    let text = levelup(&["rubric", "schema"]).ok().stdout;
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(!text.contains("\"default\": null"), "null defaults left");
    assert!(!text.contains("Raw"), "internal type names left");
    assert_eq!(value["properties"]["format"]["enum"], serde_json::json!([1, 2]));
    for key in ["steps", "expects", "from", "category", "remove"] {
        assert!(value["$defs"]["Dimension"]["properties"].get(key).is_some(), "{key}");
    }
    // Every reference leads somewhere.
    for r in text.split("\"$ref\": \"#/$defs/").skip(1) {
        let name = r.split('"').next().unwrap();
        assert!(value["$defs"].get(name).is_some(), "{name}");
    }
}
