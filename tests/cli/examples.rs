//! Shipped data: every rubric and example loads, and the examples' reports are
//! what we reviewed (insta snapshots).

use crate::support::{levelup, path, root};
use levelup::report::Report;
use levelup::rubric::{self, Kind};

const EXAMPLES: [&str; 3] = ["senior", "staff", "on-the-way"];

fn files_in(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(path(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{dir} is empty");
    files
}

#[test]
fn every_shipped_rubric_validates() {
    for file in files_in("rubric") {
        let text = std::fs::read_to_string(&file).unwrap();
        rubric::parse(&text, &file.display().to_string()).unwrap_or_else(|e| panic!("{e}"));
    }
    for b in rubric::BUILTIN {
        let shipped = std::fs::read_to_string(path(&format!("rubric/{}.yaml", b.id))).unwrap();
        assert_eq!(shipped, b.yaml, "built-in {} is the file in rubric/", b.id);
    }
}

#[test]
fn every_example_answers_file_assesses() {
    for file in files_in("examples/answers") {
        // An example answers file for an example rubric shares its file name.
        let rubric = root().join("examples/rubrics").join(file.file_name().unwrap());
        let mut args = vec!["assess", "--answers", file.to_str().unwrap(), "--format", "json"];
        if rubric.exists() {
            args.extend(["--rubric", rubric.to_str().unwrap()]);
        }
        let out = levelup(&args).ok();
        let report: Report = serde_json::from_str(&out.stdout).unwrap();
        assert!(
            report.unanswered.is_empty(),
            "{} leaves questions unanswered",
            file.display()
        );
        let first = std::fs::read_to_string(&file).unwrap();
        assert!(
            first.starts_with('#'),
            "{} opens with a comment describing the person",
            file.display()
        );
    }
}

fn estimate(example: &str) -> Report {
    let file = format!("examples/answers/{example}.yaml");
    serde_json::from_str(&levelup(&["assess", "--answers", &file, "-f", "json"]).ok().stdout).unwrap()
}

#[test]
fn clear_senior_is_senior_and_clear_staff_is_staff() {
    let senior = estimate("senior");
    assert_eq!(senior.estimate.level.id, "senior");
    assert!(!senior.estimate.borderline);
    assert!(senior.readiness < 50, "{}", senior.readiness);

    // Marcus meets Staff with no dimension to spare, three of them a hair
    // over the bar: Staff, and a close call on the count that decided.
    let staff = estimate("staff");
    assert_eq!(staff.estimate.level.id, "staff");
    assert!(staff.estimate.borderline);
    assert!(
        staff
            .estimate
            .borderline_reasons
            .iter()
            .any(|b| b.contains("no dimension to spare")),
        "{:?}",
        staff.estimate.borderline_reasons
    );
    assert!(staff.readiness > 90, "{}", staff.readiness);

    // Well on the way, yet most dimensions still short of Staff: not borderline,
    // and the explanation names the count that decided.
    let on_the_way = estimate("on-the-way");
    assert_eq!(on_the_way.estimate.level.id, "senior");
    assert!(!on_the_way.estimate.borderline, "{:?}", on_the_way.estimate);
    assert!(
        on_the_way.estimate.explanation.contains("8 needed"),
        "{}",
        on_the_way.estimate.explanation
    );
    assert!(senior.readiness < on_the_way.readiness && on_the_way.readiness < staff.readiness);
}

#[test]
fn default_rubric_encodes_the_seed() {
    let r = levelup::rubric::Rubric::builtin("senior-staff").unwrap();
    let ids: Vec<&str> = r.dimensions.iter().map(|d| d.id.as_str()).collect();
    for want in [
        "scope",
        "horizon",
        "leadership",
        "decisions",
        "impact",
        "communication",
        "autonomy",
        "breadth",
        "framing",
        "coding",
    ] {
        assert!(ids.contains(&want), "dimension {want} missing from {ids:?}");
    }
    assert!(r.dimensions.len() >= 10);
    // Coding time is a signal with the seed's bands, never a score.
    let signals: Vec<&str> = r
        .dimensions
        .iter()
        .filter(|d| d.signal)
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(signals, ["coding"]);
    // A place below Senior, so a mid-level engineer is not called Senior.
    assert_eq!(r.below_first, "Not yet Senior");
    for d in r.dimensions.iter().filter(|d| !d.signal) {
        // Two questions at least, or one checklist of several items.
        let items = |q: &rubric::Question| match &q.kind {
            Kind::Checklist { items, .. } => items.len(),
            _ => 1,
        };
        let signals_in: usize = d.questions.iter().map(items).sum();
        assert!(signals_in >= 2, "{} has {} questions", d.id, d.questions.len());
        assert!(d.actions.len() >= 3, "{} has {} actions", d.id, d.actions.len());
        assert!(
            d.descriptions.iter().all(|t| !t.trim().is_empty()),
            "{} lacks a level description",
            d.id
        );
    }
    let kinds = |pred: fn(&Kind) -> bool| {
        r.dimensions
            .iter()
            .flat_map(|d| &d.questions)
            .filter(|q| pred(&q.kind))
            .count()
    };
    assert!(kinds(|k| matches!(k, Kind::Choice(_))) > 0);
    assert!(kinds(|k| matches!(k, Kind::Checklist { .. })) > 0);
    assert!(kinds(|k| matches!(k, Kind::Number { .. })) > 0);
    assert!(kinds(|k| matches!(k, Kind::Scale { .. })) > 0);

    let fit = r.fit.as_ref().expect("fit section");
    let leans: Vec<_> = fit.questions.iter().flat_map(|q| &q.items).map(|i| i.leans).collect();
    assert!(leans.contains(&rubric::Leaning::Pursue) && leans.contains(&rubric::Leaning::Stay));
    assert!(fit.note.contains("valid"), "the report says both paths are valid");

    let pitfalls: Vec<&str> = r.pitfalls.iter().map(|p| p.id.as_str()).collect();
    for want in [
        "waiting-for-permission",
        "promotion-only",
        "neglecting-relationships",
        "too-far-from-code",
        "bottleneck",
    ] {
        assert!(pitfalls.contains(&want), "pitfall {want} missing");
    }
    let pay = r.compensation.as_ref().expect("compensation context");
    assert_eq!((pay.year, pay.currency.as_str()), (2025, "USD"));
    assert!(pay.market.contains("US"));
    assert_eq!(pay.levels.len(), 2);
}

#[test]
fn snapshots_of_every_format_for_every_example() {
    for example in EXAMPLES {
        let file = format!("examples/answers/{example}.yaml");
        for format in ["table", "markdown", "json"] {
            let out = levelup(&["assess", "--answers", &file, "--format", format]).ok();
            insta::assert_snapshot!(format!("{example}-{format}"), out.stdout);
        }
    }
}

#[test]
fn same_answers_in_yaml_toml_and_json_give_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(root().join("examples/answers/staff.yaml")).unwrap();
    // Build TOML and JSON versions of the staff example from its JSON report's values.
    let report = estimate("staff");
    let mut answers = serde_json::Map::new();
    for d in &report.dimensions {
        for a in &d.answers {
            answers.insert(a.question.clone(), a.value.clone().unwrap());
        }
    }
    answers.insert(
        "fit.pursue".into(),
        serde_json::json!(["direction", "multiplying", "beyond-team", "foresight"]),
    );
    answers.insert("fit.stay".into(), serde_json::json!(["balance"]));
    let doc = serde_json::json!({
        "rubric": "senior-staff", "target": "staff", "name": "Marcus", "date": "2026-03-02",
        "answers": answers,
        "evidence": {
            "scope": "Led the event-streaming migration across five teams (backend, infrastructure, data).",
            "communication": "Wrote the streaming RFC; presented it at the engineering all-hands."
        }
    });
    let json_path = dir.path().join("staff.json");
    std::fs::write(&json_path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let toml_path = dir.path().join("staff.toml");
    std::fs::write(&toml_path, toml::to_string(&doc).unwrap()).unwrap();

    let from_yaml = levelup(&["assess", "--answers", "-", "-f", "json"])
        .stdin(&yaml)
        .ok()
        .stdout;
    for p in [&json_path, &toml_path] {
        let out = levelup(&["assess", "--answers", p.to_str().unwrap(), "-f", "json"]).ok();
        assert_eq!(out.stdout, from_yaml, "{} differs from the YAML report", p.display());
    }
}

#[test]
fn allow_missing_scores_what_is_there() {
    let partial = "rubric: senior-staff\nanswers:\n  scope.teams: five-or-more\n  coding.percent: 10\n";
    let out = levelup(&["assess", "--answers", "-", "--allow-missing", "-f", "json"])
        .stdin(partial)
        .ok();
    let report: Report = serde_json::from_str(&out.stdout).unwrap();
    let questions = levelup::rubric::Rubric::builtin("senior-staff")
        .unwrap()
        .question_ids()
        .count();
    assert_eq!(report.unanswered.len(), questions - 2, "{:?}", report.unanswered);
    assert!(!report.unanswered.contains(&"scope.teams".to_string()));
    let scope = report.dimensions.iter().find(|d| d.id == "scope").unwrap();
    assert_eq!(scope.score, Some(1.0), "only the answered question counts");
    let horizon = report.dimensions.iter().find(|d| d.id == "horizon").unwrap();
    assert_eq!(horizon.score, None);
    assert_eq!(
        report.pitfalls.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        ["too-far-from-code"]
    );
    assert_eq!(report.fit.leaning, "unanswered");
}

#[test]
fn target_flag_overrides_and_other_rubrics_work() {
    let out = levelup(&[
        "assess",
        "--rubric",
        "tests/fixtures/rubrics/three-levels.yaml",
        "--answers",
        "tests/fixtures/answers/three-levels-mid.yaml",
        "--target",
        "senior",
        "-f",
        "json",
    ])
    .ok();
    let report: Report = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report.levels.len(), 3);
    assert_eq!(report.target.id, "senior");
    assert_eq!(report.estimate.level.id, "mid");
    // Delivery and craft sit at 1.25, a third of the way past mid towards the
    // senior bar (reach 0.75); people sits at 1.0: (2·⅓ + ⅓ + 0) / 4 = 25%.
    assert_eq!(report.readiness, 25);
    for format in ["table", "markdown"] {
        let text = levelup(&[
            "assess",
            "--rubric",
            "tests/fixtures/rubrics/three-levels.yaml",
            "--answers",
            "tests/fixtures/answers/three-levels-mid.yaml",
            "-f",
            format,
        ])
        .ok()
        .stdout;
        assert!(text.contains("Mid-level") && text.contains("Delivery"), "{text}");
        assert!(!text.contains("Pay context"), "no pay context in a rubric without one");
    }
}

#[test]
fn output_file_is_written_and_protected() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("gap.md");
    let out_str = out_path.to_str().unwrap();
    let args = [
        "assess",
        "--answers",
        "examples/answers/staff.yaml",
        "-f",
        "markdown",
        "-o",
        out_str,
    ];
    let out = levelup(&args).ok();
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_path).unwrap();
    assert!(written.starts_with("# Gap report"), "{written}");

    std::fs::write(&out_path, "my notes").unwrap();
    let err = levelup(&args).bad();
    assert!(
        err.stderr.contains(out_str) && err.stderr.contains("--force"),
        "{}",
        err.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&out_path).unwrap(),
        "my notes",
        "file unchanged"
    );

    let mut forced = args.to_vec();
    forced.push("--force");
    levelup(&forced).ok();
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), written);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary files left"
    );
}

/// The format-2 example ladders (each beside its answers file of the same name).
const LADDERS: [&str; 3] = ["profile-ladder", "checklist-ladder", "points-ladder"];

#[test]
fn snapshots_of_every_format_for_every_example_ladder() {
    for ladder in LADDERS {
        let rubric = format!("examples/rubrics/{ladder}.yaml");
        let answers = format!("examples/answers/{ladder}.yaml");
        for format in ["table", "markdown", "json", "html"] {
            let out = levelup(&["assess", "--rubric", &rubric, "--answers", &answers, "--format", format]).ok();
            insta::assert_snapshot!(format!("{ladder}-{format}"), out.stdout);
        }
    }
}

#[test]
fn example_ladders_show_what_each_kind_of_ladder_needs() {
    let run = |ladder: &str| -> Report {
        let rubric = format!("examples/rubrics/{ladder}.yaml");
        let answers = format!("examples/answers/{ladder}.yaml");
        serde_json::from_str(
            &levelup(&["assess", "--rubric", &rubric, "--answers", &answers, "-f", "json"])
                .ok()
                .stdout,
        )
        .unwrap()
    };
    // Profile: at Staff, hands-on coding expects less than at Senior; an answer above it is no gap.
    let profile = run("profile-ladder");
    assert_eq!(profile.estimate.level.id, "senior");
    let gaps: Vec<&str> = profile.top_gaps.iter().map(|g| g.dimension.as_str()).collect();
    assert!(!gaps.contains(&"craft"), "{gaps:?}");
    let craft = profile.dimensions.iter().find(|d| d.id == "craft").unwrap();
    assert!(
        craft.reached && craft.score > craft.target,
        "above the falling expectation"
    );
    assert!(
        profile
            .dimensions
            .iter()
            .any(|d| d.target_step.is_some() && d.step.is_some())
    );
    // Checklist: a dimension held back by one unticked lower-level item lists it.
    let checklist = run("checklist-ladder");
    assert!(checklist.top_gaps.iter().any(|g| !g.missing.is_empty()));
    // Points: short of the target, readiness below 100, points on every dimension.
    let points = run("points-ladder");
    assert!(points.readiness < 100);
    assert!(points.dimensions.iter().all(|d| d.points.is_some()));
}

#[test]
fn just_above_the_top_level_is_borderline_not_a_crash() {
    // Format 1: a mean just above the bar of the top level, which has no
    // level after it (the borderline text once looked one up and panicked).
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("two.yaml");
    std::fs::write(
        &rubric,
        "id: two\nversion: \"1\"\ntitle: Two\nlevels:\n  - { id: mid, title: Mid }\n  - { id: top, title: Top }\n\
         dimensions:\n  - id: craft\n    title: Craft\n    levels: { mid: Ships., top: Leads. }\n    questions:\n\
         \x20     - { id: craft.level, kind: number, prompt: How much?, min: 0, max: 1, bands: [{ from: 0, to: 1, label: all, at: 0.85 }] }\n\
         \x20   actions: [Lead.]\n",
    )
    .unwrap();
    let rubric = rubric.display().to_string();
    let answers = "rubric: two\nanswers:\n  craft.level: 0.5\n";
    let out = levelup(&["assess", "--rubric", &rubric, "--answers", "-", "-f", "json"])
        .stdin(answers)
        .ok();
    let r: Report = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(r.estimate.level.id, "top");
    assert!(
        r.estimate
            .borderline_reasons
            .iter()
            .any(|b| b.contains("above the bar for Top")),
        "{:?}",
        r.estimate
    );
    for format in ["table", "markdown", "html"] {
        levelup(&["assess", "--rubric", &rubric, "--answers", "-", "-f", format])
            .stdin(answers)
            .ok();
    }
}

#[test]
fn a_target_below_the_estimate_says_so_and_fit_speaks_of_the_estimate() {
    let out = levelup(&[
        "assess",
        "--answers",
        "examples/answers/staff.yaml",
        "--target",
        "senior",
        "-f",
        "json",
    ])
    .ok();
    let r: Report = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        (r.estimate.level.id.as_str(), r.target.id.as_str()),
        ("staff", "senior")
    );
    assert!(
        r.estimate.explanation.contains("already past it, at Staff Engineer"),
        "{}",
        r.estimate.explanation
    );
    assert_eq!(r.fit.level.as_ref().map(|l| l.id.as_str()), Some("staff"));
    let table = levelup(&[
        "assess",
        "--answers",
        "examples/answers/staff.yaml",
        "--target",
        "senior",
    ])
    .ok()
    .stdout;
    assert!(
        table.contains("Is Staff Engineer for you?") && !table.contains("Is Senior Engineer for you?"),
        "{table}"
    );
    // At the target, the fit section speaks of the target.
    let own = estimate("senior");
    assert_eq!(own.fit.level.as_ref().map(|l| l.id.as_str()), Some("staff"));
    assert!(!own.estimate.explanation.contains("already past"));
}

#[test]
fn advice_fits_the_answers_and_is_never_repeated() {
    // Marcus wrote an RFC and gave a talk beyond his team: not told to do either.
    let staff = estimate("staff");
    let communication = staff.top_gaps.iter().find(|g| g.dimension == "communication").unwrap();
    assert!(!communication.actions.is_empty());
    for a in &communication.actions {
        assert!(!a.contains("RFC") && !a.contains("all-hands"), "{a}");
    }
    // Priya did neither: she is.
    let senior = estimate("senior");
    let all: Vec<&String> = senior.top_gaps.iter().flat_map(|g| &g.actions).collect();
    assert!(all.iter().any(|a| a.contains("RFC")), "{all:?}");
    // No action appears under two dimensions of the built-in rubric.
    let r = rubric::Rubric::builtin("senior-staff").unwrap();
    let mut texts: Vec<&str> = r
        .dimensions
        .iter()
        .flat_map(|d| &d.actions)
        .map(|a| a.text.as_str())
        .collect();
    let n = texts.len();
    texts.sort_unstable();
    texts.dedup();
    assert_eq!(texts.len(), n, "an action is repeated");
}

/// Every human format shows the same sections, in the same order, under the
/// same titles (see `levelup::render::sections`): for every example, the
/// 360 panel (raters) and a half-answered file (unanswered) included.
#[test]
fn every_format_shows_the_same_sections_in_the_same_order() {
    let mut runs: Vec<Vec<String>> = LADDERS
        .iter()
        .map(|l| {
            vec![
                "--rubric".to_string(),
                format!("examples/rubrics/{l}.yaml"),
                "--answers".to_string(),
                format!("examples/answers/{l}.yaml"),
            ]
        })
        .collect();
    for file in ["senior", "on-the-way", "staff"] {
        runs.push(vec!["--answers".to_string(), format!("examples/answers/{file}.yaml")]);
    }
    // Two raters of one person, and a file that answers one question.
    let dir = tempfile::tempdir().unwrap();
    let mut panel = Vec::new();
    for (rater, example) in [("self", "senior"), ("manager", "on-the-way")] {
        let text = std::fs::read_to_string(root().join(format!("examples/answers/{example}.yaml"))).unwrap();
        let text = text.replace("name: Sam", "name: Priya") + &format!("rater: {rater}\n");
        let path = dir.path().join(format!("{rater}.yaml"));
        std::fs::write(&path, text).unwrap();
        panel.extend(["--answers".to_string(), path.display().to_string()]);
    }
    runs.push(panel);
    let partial = dir.path().join("partial.yaml");
    std::fs::write(&partial, "answers:\n  horizon.planning: 3-to-5-months\n").unwrap();
    runs.push(vec![
        "--answers".to_string(),
        partial.display().to_string(),
        "--allow-missing".to_string(),
    ]);
    let mut seen_optional = (false, false);
    for args in runs {
        let run = |format: &str| {
            let mut all: Vec<&str> = vec!["assess", "-f", format];
            all.extend(args.iter().map(String::as_str));
            levelup(&all).ok().stdout
        };
        let report: Report = serde_json::from_str(&run("json")).unwrap();
        let sections = levelup::render::sections::shown(&report, levelup::render::sections::View::Report);
        seen_optional.0 |= sections.iter().any(|s| s.title == "Raters");
        seen_optional.1 |= sections.iter().any(|s| s.title == "Unanswered");
        for format in ["table", "markdown", "html"] {
            let text = run(format);
            let mut from = 0;
            for s in &sections {
                let title = match format {
                    "markdown" => format!("## {}\n", s.title),
                    "html" => format!("<h2>{}</h2>", s.title),
                    _ => s.title.clone(),
                };
                let at = text[from..]
                    .find(&title)
                    .unwrap_or_else(|| panic!("{format} of {args:?}: no '{}' after byte {from}", s.title));
                from += at + title.len();
            }
        }
    }
    assert_eq!(seen_optional, (true, true), "the optional sections were tried");
}
