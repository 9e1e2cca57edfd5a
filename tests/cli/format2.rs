//! Rubric format 2 on the cases that format 1 got wrong
//! (`shared/cases/rubric-gaps`, re-encoded in `tests/fixtures/rubrics/format2/`):
//! each asserts the right values, in JSON and in the text formats.

use crate::support::levelup;
use levelup::report::Report;

const DIR: &str = "tests/fixtures/rubrics/format2";

/// `assess` on a fixture pair in `format`; `answers` names the answers file.
fn run(case: &str, answers: &str, format: &str) -> String {
    let rubric = format!("{DIR}/{case}.yaml");
    let answers = format!("{DIR}/{answers}.yaml");
    levelup(&["assess", "--rubric", &rubric, "--answers", &answers, "--format", format])
        .ok()
        .stdout
}

fn report(case: &str, answers: &str) -> Report {
    serde_json::from_str(&run(case, answers, "json")).unwrap()
}

/// `assess --rubric R --answers A -f json EXTRA…` as a report.
fn assess_json(rubric: &str, answers: &str, extra: &[&str]) -> Report {
    let mut args = vec!["assess", "--rubric", rubric, "--answers", answers, "-f", "json"];
    args.extend(extra);
    serde_json::from_str(&levelup(&args).ok().stdout).unwrap()
}

fn dimension<'a>(r: &'a Report, id: &str) -> &'a levelup::report::DimensionReport {
    r.dimensions.iter().find(|d| d.id == id).unwrap()
}

fn gap_ids(r: &Report) -> Vec<&str> {
    r.top_gaps.iter().map(|g| g.dimension.as_str()).collect()
}

fn strength_ids(r: &Report) -> Vec<&str> {
    r.strengths.iter().map(|s| s.dimension.as_str()).collect()
}

#[test]
fn g01_an_answer_at_a_falling_expectation_is_no_gap() {
    // Architect expects less programming (Applying) than Lead (Leading).
    let r = report("g01", "g01-answers");
    assert_eq!(r.schema_version, 2);
    assert_eq!(r.estimate.level.id, "architect", "meets Architect without meeting Lead");
    let programming = dimension(&r, "programming");
    assert_eq!(programming.target_step.as_deref(), Some("Applying"));
    assert!(programming.reached);
    assert_eq!(programming.gap, 0.0);
    assert!(gap_ids(&r).is_empty(), "{:?}", gap_ids(&r));
    assert_eq!(r.readiness, 100);
    // Against Lead, programming is the gap: Applying → expected Leading.
    let rubric = format!("{DIR}/g01.yaml");
    let answers = format!("{DIR}/g01-answers.yaml");
    let lead = assess_json(&rubric, &answers, &["--target", "lead"]);
    assert_eq!(gap_ids(&lead), ["programming"]);
    assert!(lead.readiness < 100);
}

#[test]
fn g02_points_readiness_and_gaps_agree_and_points_show_everywhere() {
    let r = report("g02", "g02-answers");
    assert_eq!(r.estimate.level.id, "senior");
    assert_eq!(r.readiness, 100);
    assert!(gap_ids(&r).is_empty(), "no gap beside 100%: {:?}", gap_ids(&r));
    assert_eq!(dimension(&r, "servers").points, Some(12.0));
    assert_eq!(dimension(&r, "mobile").points, Some(0.0));
    assert_eq!(strength_ids(&r), ["servers"]);
    // Points per dimension on the dimension's own line in table and Markdown.
    for format in ["table", "markdown"] {
        let text = run("g02", "g02-answers", format);
        let line = text.lines().find(|l| l.contains("Servers")).unwrap();
        assert!(line.contains("12 of 12 pts"), "{format}: {line}");
    }
    // Short of the threshold: readiness below 100, and the gaps say where points are left.
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    std::fs::write(
        &answers,
        "rubric: g02\nanswers:\n  mobile.milestone: m3\n  servers.milestone: m0\n",
    )
    .unwrap();
    let rubric = format!("{DIR}/g02.yaml");
    let short = assess_json(&rubric, answers.to_str().unwrap(), &[]);
    assert_eq!(short.estimate.level.id, "e2");
    assert!(short.readiness < 100, "{}", short.readiness);
    assert_eq!(gap_ids(&short), ["servers"], "points are left only in servers");
    assert_eq!(short.top_gaps[0].gap, 12.0);
    assert_eq!(strength_ids(&short), ["mobile"], "mobile earned all it can");
}

#[test]
fn g02_points_ladders_need_no_positions() {
    let text = std::fs::read_to_string(crate::support::path(&format!("{DIR}/g02.yaml"))).unwrap();
    assert!(
        !text
            .lines()
            .any(|l| l.contains(" at:") || l.contains("{at:") || l.contains(", at:")),
        "the fixture has no positions"
    );
    levelup(&["rubric", "validate", &format!("{DIR}/g02.yaml")]).ok();
}

#[test]
fn g19_a_minimum_holds_readiness_below_100() {
    let r = report("g19", "g19-answers");
    assert_eq!(
        r.estimate.level.id, "e1",
        "the total reaches Senior, the minimum does not"
    );
    assert_eq!(r.estimate.decided_by, "dimension-minimum");
    assert!(r.readiness < 100, "{}", r.readiness);
    assert_eq!(gap_ids(&r), ["servers"]);
    assert_eq!(r.top_gaps[0].gap, 6.0, "6 points to the minimum");
    assert_eq!(strength_ids(&r), ["mobile"]);
    assert!(r.estimate.explanation.contains("Servers"), "{}", r.estimate.explanation);
}

#[test]
fn g03_cumulative_checklists_never_jump_over_unmet_levels() {
    let only_l2 = report("g03", "g03-only-l2");
    let only_l3 = report("g03", "g03-only-l3");
    assert_eq!(only_l2.estimate.level.id, "l2");
    assert_eq!(
        only_l3.estimate.level.id, "l1",
        "level-3 items alone do not make level 2"
    );
    assert!(dimension(&only_l2, "impact").score > dimension(&only_l3, "impact").score);
    // What is missing: the target's and lower levels' unticked items, by label.
    let missing: Vec<&str> = only_l3.top_gaps[0].missing.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(missing, ["Delivers assigned tasks", "Unblocks self first"]);
    let missing: Vec<&str> = only_l2.top_gaps[0].missing.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(missing, ["Delivers large defined tasks", "Co-authors proposals"]);
    for format in ["table", "markdown", "html"] {
        let text = run("g03", "g03-only-l3", format);
        assert!(
            text.contains("Delivers assigned tasks"),
            "{format} lists what is missing"
        );
    }
}

#[test]
fn g04_a_dimension_not_expected_yet_is_neither_gap_nor_strength() {
    let r = report("g04", "g04-answers");
    let leadership = dimension(&r, "leadership");
    assert_eq!(leadership.target, None, "Level 2 does not expect leadership");
    assert!(!gap_ids(&r).contains(&"leadership"));
    assert!(!strength_ids(&r).contains(&"leadership"));
    assert_eq!(r.readiness, 100, "nothing expected is missing");
    let table = run("g04", "g04-answers", "table");
    let line = table
        .lines()
        .find(|l| l.contains("Leadership") && l.contains('┆'))
        .unwrap();
    assert!(line.contains("not expected"), "{line}");
}

#[test]
fn g05_below_the_first_level_as_answer_and_estimate() {
    let r = report("g05", "g05-answers");
    assert_eq!(r.estimate.level.index, -1);
    assert_eq!(r.estimate.level.id, "below");
    assert_eq!(r.estimate.level.title, "Below D1");
    assert_eq!(dimension(&r, "process").score, Some(-1.0));
    for format in ["table", "markdown", "html"] {
        assert!(run("g05", "g05-answers", format).contains("Below D1"), "{format}");
    }
}

#[test]
fn g16_step_titles_beside_numbers_in_every_format() {
    let r = report("g16", "g16-answers");
    let d = dimension(&r, "code-quality");
    assert_eq!(d.step.as_deref(), Some("Working"));
    assert_eq!(d.target_step.as_deref(), Some("Expert"));
    assert_eq!(d.gap, 2.0, "two steps short");
    for format in ["table", "markdown", "html"] {
        let text = run("g16", "g16-answers", format);
        assert!(text.contains("Working"), "{format}");
        assert!(text.contains("Expert"), "{format}");
    }
    assert!(run("g16", "g16-answers", "markdown").contains("Working → expected Expert"));
    // The radar names the step on the axis.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("r.svg");
    let (rubric, answers) = (format!("{DIR}/g16.yaml"), format!("{DIR}/g16-answers.yaml"));
    levelup(&[
        "assess",
        "--rubric",
        &rubric,
        "--answers",
        &answers,
        "--chart",
        svg.to_str().unwrap(),
    ])
    .ok();
    assert!(std::fs::read_to_string(&svg).unwrap().contains("Working"));
}

#[test]
fn format_2_keys_in_a_format_1_file_are_refused_with_a_pointer() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("r.yaml");
    let text = std::fs::read_to_string(crate::support::path(&format!("{DIR}/g05.yaml"))).unwrap();
    std::fs::write(&file, text.replace("format: 2\n", "")).unwrap();
    let err = levelup(&["rubric", "validate", file.to_str().unwrap()]).bad().stderr;
    assert!(err.contains("add `format: 2`"), "{err}");
}

#[test]
fn n_a_is_accepted_only_where_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.yaml");
    std::fs::write(&file, "rubric: g05\nanswers:\n  process.step: n/a\n").unwrap();
    let rubric = format!("{DIR}/g05.yaml");
    let err = levelup(&["assess", "--rubric", &rubric, "--answers", file.to_str().unwrap()])
        .bad()
        .stderr;
    assert!(err.contains("unknown choice 'n/a'"), "{err}");
}

// Authoring limits from the same cases (g06, g12, g13, g18), in either format.

const CASES: &str = "tests/fixtures/rubrics/cases";

#[test]
fn g06_up_to_twenty_levels() {
    levelup(&["rubric", "validate", &format!("{CASES}/g06-eleven-levels.yaml")]).ok();
    let err = levelup(&[
        "rubric",
        "validate",
        "tests/fixtures/rubrics/broken/twenty-one-levels.yaml",
    ])
    .bad()
    .stderr;
    assert!(err.contains("a rubric needs 2 to 20 levels, found 21"), "{err}");
}

#[test]
fn g12_an_open_ended_last_band_needs_no_invented_max() {
    for file in ["g12-open-ended-band", "g12b-open-no-max"] {
        levelup(&["rubric", "validate", &format!("{CASES}/{file}.yaml")]).ok();
    }
    let rubric = format!("{CASES}/g12-open-ended-band.yaml");
    let answers = format!("{CASES}/g12-answers.yaml");
    let r = assess_json(&rubric, &answers, &[]);
    assert_eq!(r.estimate.level.id, "b", "25 years sits in the 10+ band");
    let rubric = format!("{CASES}/g12b-open-no-max.yaml");
    let template = levelup(&["template", "--rubric", &rubric]).ok().stdout;
    assert!(template.contains("a number of 0 or more"), "{template}");
    // A band in the middle cannot be open-ended.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("r.yaml");
    let text = std::fs::read_to_string(crate::support::path(&rubric)).unwrap();
    std::fs::write(&bad, text.replace("{ from: 0, to: 10,", "{ from: 0,")).unwrap();
    let err = levelup(&["rubric", "validate", bad.to_str().unwrap()]).bad().stderr;
    assert!(err.contains("only the last band may leave out 'to'"), "{err}");
}

#[test]
fn g13_numeric_choice_ids_take_numeric_answers() {
    let rubric = format!("{CASES}/g13-numeric-choice-ids.yaml");
    let answers = format!("{CASES}/g13-answers.yaml");
    let r = assess_json(&rubric, &answers, &[]);
    assert_eq!(r.dimensions[0].answers[0].answer.as_deref(), Some("Mentor (bonus)"));
    assert_eq!(r.estimate.level.id, "expert");
}

#[test]
fn g18_level_ids_like_ic3_and_target_by_id_or_title_in_any_case() {
    let rubric = format!("{CASES}/g18-uppercase-level-ids.yaml");
    let answers = format!("{CASES}/g18-answers.yaml");
    levelup(&["rubric", "validate", &rubric]).ok();
    for (target, id) in [("IC3", "IC3"), ("ic3", "IC3"), ("ic4 software engineer", "IC4")] {
        let r = assess_json(&rubric, &answers, &["--target", target]);
        assert_eq!(r.target.id, id, "--target {target}");
    }
    let err = levelup(&["assess", "--rubric", &rubric, "--answers", &answers, "--target", "IC5"])
        .bad()
        .stderr;
    assert!(err.contains("expected IC3 or IC4"), "{err}");
}

// Found by trying to break format 2.

/// Write `files` (name, text) into a temp folder; returns it.
fn files(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn assess_in(dir: &tempfile::TempDir, extra: &[&str]) -> Report {
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    assess_json(&path("r.yaml"), &path("a.yaml"), extra)
}

const TWO_STEPS: &str = "format: 2\nid: r\nversion: '1'\ntitle: R\nlevels: [{ id: a, title: Alpha }, { id: b, title: Beta }]\ndimensions:\n  - id: big\n    title: Big\n    weight: 200\n    steps: [{ id: s0, title: S0, description: x }, { id: s1, title: S1, description: y }]\n    expects: { a: s0, b: s1 }\n    questions: [{ id: big.q, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, step: s0 }, { id: hi, label: Hi, step: s1 }] }]\n    actions: [x, y]\n  - id: small\n    title: Small\n    weight: 0.5\n    steps: [{ id: s0, title: S0, description: x }, { id: s1, title: S1, description: y }]\n    expects: { a: s0, b: s1 }\n    questions: [{ id: small.q, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, step: s0 }, { id: hi, label: Hi, step: s1 }] }]\n    actions: [x, y]\n";

#[test]
fn readiness_never_shows_100_beside_an_open_gap() {
    let dir = files(&[
        ("r.yaml", TWO_STEPS),
        ("a.yaml", "rubric: r\ntarget: b\nanswers: { big.q: hi, small.q: lo }\n"),
    ]);
    let r = assess_in(&dir, &[]);
    assert_eq!(r.estimate.level.id, "a");
    assert_eq!(gap_ids(&r), ["small"]);
    assert!(r.readiness < 100, "{}", r.readiness);
}

#[test]
fn readiness_is_100_when_everything_is_reached_whatever_the_weights() {
    // 100 × 3.001 / 3.001 rounds to 99.99999999999999 in floating point.
    let dim = |i: u32, w: &str| {
        format!(
            "  - {{ id: d{i}, title: D{i}, weight: {w}, levels: {{ l1: a, l2: b }}, questions: [{{ id: d{i}.q, kind: scale, prompt: p }}], actions: [x] }}\n"
        )
    };
    let rubric = format!(
        "format: 2\nid: rr\nversion: '1'\ntitle: R\nlevels: [{{ id: l1, title: L1 }}, {{ id: l2, title: L2 }}]\ndimensions:\n{}{}{}{}",
        dim(0, "0.001"),
        dim(1, "1"),
        dim(2, "1"),
        dim(3, "1")
    );
    let answers = "target: l2\nanswers: { d0.q: strongly-agree, d1.q: strongly-agree, d2.q: strongly-agree, d3.q: strongly-agree }\n";
    let dir = files(&[("r.yaml", &rubric), ("a.yaml", answers)]);
    let r = assess_in(&dir, &[]);
    assert_eq!(r.estimate.level.id, "l2");
    assert_eq!(r.readiness, 100);
}

#[test]
fn a_gap_too_small_for_two_places_still_reads_as_one() {
    let rubric = "format: 2\nid: tiny\nversion: '1'\ntitle: T\nscoring: { reach: 1 }\nlevels: [{ id: l1, title: L1 }, { id: l2, title: L2 }]\ndimensions:\n  - id: d\n    title: D\n    levels: { l1: a, l2: b }\n    questions:\n      - { id: d.big, kind: choice, weight: 1000, prompt: P, choices: [{ id: lo, label: Lo, at: l1 }, { id: hi, label: Hi, at: l2 }] }\n      - { id: d.small, kind: choice, weight: 1, prompt: P, choices: [{ id: lo, label: Lo, at: l1 }, { id: hi, label: Hi, at: l2 }] }\n    actions: [x]\n";
    let dir = files(&[
        ("r.yaml", rubric),
        ("a.yaml", "target: l2\nanswers: { d.big: hi, d.small: lo }\n"),
    ]);
    let r = assess_in(&dir, &[]);
    assert_eq!(gap_ids(&r), ["d"]);
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for format in ["table", "markdown", "html"] {
        let out = levelup(&[
            "assess",
            "--rubric",
            &path("r.yaml"),
            "--answers",
            &path("a.yaml"),
            "-f",
            format,
        ])
        .ok()
        .stdout;
        assert!(out.contains("< 0.01") || out.contains("&lt; 0.01"), "{format}: {out}");
        assert!(!out.contains("gap 0.00"), "{format}: {out}");
    }
}

#[test]
fn n_a_and_from_on_points_ladders_cost_nothing() {
    let rubric = "format: 2\nid: r\nversion: '1'\ntitle: R\nlevels: [{ id: a, title: Alpha }, { id: b, title: Beta }]\nscoring: { rule: points, thresholds: { a: 0, b: 4 }, min_dimension_points: { b: 2 } }\ndimensions:\n  - id: x\n    title: X\n    levels: { a: x, b: y }\n    questions: [{ id: x.q, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, points: 0 }, { id: hi, label: Hi, points: 5 }] }]\n    actions: [x, y]\n  - id: y\n    title: Y\n    levels: { a: x, b: y }\n    questions: [{ id: y.q, kind: choice, allow_na: true, prompt: P, choices: [{ id: lo, label: Lo, points: 0 }, { id: hi, label: Hi, points: 5 }] }]\n    actions: [x, y]\n";
    let dir = files(&[
        ("r.yaml", rubric),
        ("a.yaml", "rubric: r\ntarget: b\nanswers: { x.q: hi, y.q: n/a }\n"),
    ]);
    let r = assess_in(&dir, &[]);
    assert_eq!(r.estimate.level.id, "b", "n/a is left out of the minimum");
    assert_eq!(r.readiness, 100);
    assert!(gap_ids(&r).is_empty(), "{:?}", gap_ids(&r));
    // `from: b` on y: Alpha does not count it, even with its own minimum.
    let with_from = rubric
        .replace("  - id: y\n    title: Y\n", "  - id: y\n    title: Y\n    from: b\n")
        .replace("min_dimension_points: { b: 2 }", "min_dimension_points: { a: 1, b: 2 }");
    let dir = files(&[
        ("r.yaml", &with_from),
        ("a.yaml", "rubric: r\ntarget: a\nanswers: { x.q: hi, y.q: lo }\n"),
    ]);
    let r = assess_in(&dir, &[]);
    assert!(
        r.estimate.level.index >= 0,
        "y is not expected at Alpha: {}",
        r.estimate.explanation
    );
    assert!(!gap_ids(&r).contains(&"y"));
}

#[test]
fn points_text_has_no_float_noise() {
    let rubric = "format: 2\nid: r\nversion: '1'\ntitle: R\nlevels: [{ id: a, title: Alpha }, { id: b, title: Beta }]\nscoring: { rule: points, thresholds: { a: 0, b: 200 } }\ndimensions:\n  - id: x\n    title: X\n    levels: { a: x, b: y }\n    questions: [{ id: x.q, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, points: 0 }, { id: hi, label: Hi, points: 199.1 }] }]\n    actions: [x, y]\n";
    let dir = files(&[
        ("r.yaml", rubric),
        ("a.yaml", "rubric: r\ntarget: b\nanswers: { x.q: hi }\n"),
    ]);
    let r = assess_in(&dir, &[]);
    assert!(
        r.estimate.explanation.contains("0.9 more"),
        "{}",
        r.estimate.explanation
    );
    assert!(r.readiness < 100);
}

#[test]
fn compare_ranks_below_the_first_level_under_every_level() {
    let data = tempfile::tempdir().unwrap();
    let (rubric, below, above) = (
        format!("{DIR}/g05.yaml"),
        format!("{DIR}/g05-answers.yaml"),
        tempfile::tempdir().unwrap(),
    );
    let better = above.path().join("a.yaml");
    // The same person as the first run: compare follows one person.
    std::fs::write(
        &better,
        "rubric: g05\ntarget: d1\nname: not yet following the process\nanswers:\n  process.step: follows\n",
    )
    .unwrap();
    for answers in [below.as_str(), better.to_str().unwrap()] {
        levelup(&[
            "assess",
            "--rubric",
            &rubric,
            "--answers",
            answers,
            "--save",
            "-f",
            "json",
        ])
        .env("XDG_DATA_HOME", data.path())
        .ok();
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let out = levelup(&["compare", "-f", "json"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    assert!(out.contains("\"up\""), "{out}");
}

#[test]
fn team_counts_below_first_and_ignores_what_the_target_does_not_expect() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::support::path(&format!("{DIR}/g05-answers.yaml")),
        dir.path().join("below.yaml"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("follows.yaml"),
        "rubric: g05\nname: F\nanswers:\n  process.step: follows\n",
    )
    .unwrap();
    let rubric = format!("{DIR}/g05.yaml");
    let out = levelup(&["team", dir.path().to_str().unwrap(), "--rubric", &rubric, "-f", "json"])
        .ok()
        .stdout;
    let team: serde_json::Value = serde_json::from_str(&out).unwrap();
    let estimates = team["estimates"].as_array().unwrap();
    let below = estimates
        .iter()
        .find(|e| e["level"] == "below")
        .expect("a below-first bucket");
    assert_eq!(below["people"], 1);
    let total: u64 = estimates.iter().map(|e| e["people"].as_u64().unwrap()).sum();
    assert_eq!(total, 2, "everyone is counted once: {out}");

    // g04 at Level 2: leadership is not expected, so nobody is "below target" there.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::support::path(&format!("{DIR}/g04-answers.yaml")),
        dir.path().join("p.yaml"),
    )
    .unwrap();
    let rubric = format!("{DIR}/g04.yaml");
    let out = levelup(&[
        "team",
        dir.path().to_str().unwrap(),
        "--rubric",
        &rubric,
        "--target",
        "l2",
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    assert!(
        !out.contains("\"title\": \"Leadership\",\n      \"below_target\": 1"),
        "{out}"
    );
    let team: serde_json::Value = serde_json::from_str(&out).unwrap();
    let gaps = team["shared_gaps"].as_array().unwrap();
    assert!(gaps.iter().all(|g| g["dimension"] != "leadership"), "{out}");
    let strengths = team["strengths"].as_array().unwrap();
    assert!(strengths.iter().any(|g| g["dimension"] == "delivery"), "{out}");
    assert!(
        strengths.iter().all(|g| g["dimension"] != "leadership"),
        "not expected, so no strength: {out}"
    );
}

#[test]
fn raters_on_a_points_ladder_are_compared_by_points() {
    let own = std::fs::read_to_string(crate::support::path("examples/answers/points-ladder.yaml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let self_file = dir.path().join("self.yaml");
    let manager = dir.path().join("manager.yaml");
    std::fs::write(&self_file, format!("rater: self\n{own}")).unwrap();
    let low = own.replace("code.milestone: m4", "code.milestone: m0");
    assert_ne!(low, own, "the example answers code.milestone: m4");
    std::fs::write(&manager, format!("rater: manager\n{low}")).unwrap();
    let out = levelup(&[
        "assess",
        "--rubric",
        "examples/rubrics/points-ladder.yaml",
        "--answers",
        self_file.to_str().unwrap(),
        "--answers",
        manager.to_str().unwrap(),
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let r: Report = serde_json::from_str(&out).unwrap();
    let panel = r.raters.unwrap();
    let code = panel.dimensions.iter().find(|v| v.dimension == "code").unwrap();
    assert_eq!(code.scores, [Some(12.0), Some(0.0)], "points, not positions");
    assert_eq!(code.agreement, "disconnect");
    let other = panel.dimensions.iter().find(|v| v.dimension == "architecture").unwrap();
    assert_eq!(other.agreement, "agreed");
}

#[test]
fn categories_group_dimensions_and_split_their_weight() {
    let r = report("categories", "categories-answers");
    let order: Vec<&str> = r.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(order, ["code", "design", "reach"], "grouped in category order");
    let weight = |id: &str| r.dimensions.iter().find(|d| d.id == id).unwrap().weight;
    assert_eq!((weight("code"), weight("design"), weight("reach")), (0.45, 0.15, 0.4));
    assert_eq!(r.categories.len(), 2);
    assert_eq!(r.dimensions[0].category.as_deref(), Some("craft"));
    for format in ["table", "markdown", "html"] {
        let text = run("categories", "categories-answers", format);
        let (craft, impact) = (
            text.find("Craft").or(text.find("CRAFT")),
            text.find("Impact").or(text.find("IMPACT")),
        );
        assert!(
            craft.is_some() && impact.is_some() && craft < impact,
            "{format} groups by category"
        );
    }
    // A dimension without a category, or with an unknown one, is an error.
    let text = std::fs::read_to_string(crate::support::path(&format!("{DIR}/categories.yaml"))).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("r.yaml");
    std::fs::write(
        &bad,
        text.replace("category: impact", "category: impcat")
            .replace("    category: craft\n    weight: 1", "    weight: 1"),
    )
    .unwrap();
    let err = levelup(&["rubric", "validate", bad.to_str().unwrap()]).bad().stderr;
    assert!(
        err.contains("unknown category 'impcat'; expected craft or impact"),
        "{err}"
    );
    assert!(err.contains("dimension 'design' needs a category"), "{err}");
}

#[test]
fn scales_with_their_own_labels() {
    let rubric = format!("{DIR}/scale-labels.yaml");
    levelup(&["rubric", "validate", &rubric]).ok();
    let template = levelup(&["template", "--rubric", &rubric]).ok().stdout;
    assert!(template.contains("meets: Meets expectations"), "{template}");
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, answer: &str| {
        let file = dir.path().join(name);
        std::fs::write(
            &file,
            format!("rubric: labels\ntarget: l2\nanswers:\n  delivery.rating: {answer}\n"),
        )
        .unwrap();
        file.to_str().unwrap().to_string()
    };
    let exceeds = assess_json(&rubric, &write("e.yaml", "exceeds"), &[]);
    assert_eq!(exceeds.estimate.level.id, "l2");
    assert_eq!(
        exceeds.dimensions[0].answers[0].answer.as_deref(),
        Some("Exceeds expectations")
    );
    let below = assess_json(&rubric, &write("b.yaml", "below"), &[]);
    assert_eq!(below.dimensions[0].score, Some(0.0));
    assert_eq!(below.pitfalls.len(), 1, "pitfalls test label ids");
    let meets = assess_json(&rubric, &write("m.yaml", "meets"), &[]);
    assert_eq!(meets.dimensions[0].score, Some(0.5));
    let err = levelup(&["assess", "--rubric", &rubric, "--answers", &write("x.yaml", "agree")])
        .bad()
        .stderr;
    assert!(
        err.contains("unknown answer 'agree'; expected below, meets or exceeds"),
        "{err}"
    );
    // 2 to 7 labels, in format 2 only.
    let text = std::fs::read_to_string(crate::support::path(&rubric)).unwrap();
    let bad = dir.path().join("r.yaml");
    let two = text
        .replace("labels: [below, ", "labels: [")
        .replace("in: [below]", "in: [meets]");
    std::fs::write(&bad, two).unwrap();
    levelup(&["rubric", "validate", bad.to_str().unwrap()]).ok();
    std::fs::write(
        &bad,
        text.replace(
            "labels: [below, { id: meets, title: Meets expectations }, { id: exceeds, title: Exceeds expectations }]",
            "labels: [only]",
        ),
    )
    .unwrap();
    let err = levelup(&["rubric", "validate", bad.to_str().unwrap()]).bad().stderr;
    assert!(err.contains("a scale needs 2 to 7 labels, found 1"), "{err}");
    std::fs::write(&bad, text.replace("format: 2\n", "")).unwrap();
    let err = levelup(&["rubric", "validate", bad.to_str().unwrap()]).bad().stderr;
    assert!(err.contains("'labels' needs rubric format 2"), "{err}");
}

// Found by a second try at breaking format 2.

const NA_LADDER: &str = "format: 2\nid: na\nversion: '1'\ntitle: NA\nlevels: [{ id: d1, title: D1 }, { id: d2, title: D2 }]\ndimensions:\n  - id: p\n    title: Process\n    levels: { d1: a, d2: b }\n    questions: [{ id: p.r, kind: scale, prompt: r, labels: [none, some, lots], low: below, high: d2, allow_na: true }]\n    actions: [x]\n  - id: q\n    title: Quality\n    from: d2\n    levels: { d2: b }\n    questions: [{ id: q.r, kind: scale, prompt: r, labels: [never, always], low: d1, high: d2 }]\n    actions: [y]\n";

#[test]
fn n_a_is_neither_at_target_nor_a_gap_in_team_and_compare() {
    let dir = files(&[
        ("r.yaml", NA_LADDER),
        ("lots.yaml", "rubric: na\nanswers: { p.r: lots, q.r: always }\n"),
        ("na1.yaml", "rubric: na\nanswers: { p.r: n/a, q.r: always }\n"),
        ("na2.yaml", "rubric: na\nanswers: { p.r: n/a, q.r: never }\n"),
        ("none.yaml", "rubric: na\nanswers: { p.r: none, q.r: never }\n"),
    ]);
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let team_dir = tempfile::tempdir().unwrap();
    for name in ["lots.yaml", "na1.yaml", "na2.yaml", "none.yaml"] {
        std::fs::copy(path(name), team_dir.path().join(name)).unwrap();
    }
    let out = levelup(&[
        "team",
        team_dir.path().to_str().unwrap(),
        "--rubric",
        &path("r.yaml"),
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let team: serde_json::Value = serde_json::from_str(&out).unwrap();
    // One of the two it is expected of is below: a strength (half at target),
    // not a shared gap (that needs more than half below).
    let process = team["strengths"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["dimension"] == "p")
        .unwrap();
    assert!(
        team["shared_gaps"]
            .as_array()
            .unwrap()
            .iter()
            .all(|g| g["dimension"] != "p")
    );
    assert_eq!(process["expected_of"], 2, "the two n/a answers are left out: {out}");
    assert_eq!(process["below_target"], 1);
    let table = levelup(&["team", team_dir.path().to_str().unwrap(), "--rubric", &path("r.yaml")])
        .ok()
        .stdout;
    let process_line = table
        .lines()
        .find(|l| l.trim_start().starts_with("Process") && l.contains("at target"))
        .unwrap();
    assert!(process_line.contains("1 of 2 at target"), "{table}");

    let compare = levelup(&[
        "compare",
        &path("lots.yaml"),
        &path("na1.yaml"),
        "--rubric",
        &path("r.yaml"),
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let c: serde_json::Value = serde_json::from_str(&compare).unwrap();
    assert_eq!(c["new_gaps"], serde_json::json!([]), "n/a is not a new gap: {compare}");

    // Every dimension D1 expects is n/a: the report does not claim they all reach it.
    let r = assess_json(&path("r.yaml"), &path("na2.yaml"), &["--target", "d1"]);
    assert_eq!(r.estimate.level.index, -1);
    let text = levelup(&[
        "assess",
        "--rubric",
        &path("r.yaml"),
        "--answers",
        &path("na2.yaml"),
        "--target",
        "d1",
    ])
    .ok()
    .stdout;
    assert!(!text.contains("every dimension reaches"), "{text}");
}

#[test]
fn numeric_scale_labels_and_bounded_points() {
    let rubric = "format: 2\nid: nl\nversion: '1'\ntitle: T\nlevels: [{ id: a, title: A }, { id: b, title: B }]\ndimensions:\n  - id: d\n    title: D\n    levels: { a: x, b: y }\n    questions: [{ id: d.q, kind: scale, prompt: P, labels: [1, 2, 3], low: a, high: b }]\n    actions: [x]\n";
    let dir = files(&[("r.yaml", rubric), ("a.yaml", "rubric: nl\nanswers:\n  d.q: 3\n")]);
    assert_eq!(
        assess_in(&dir, &[]).estimate.level.id,
        "b",
        "labels [1, 2, 3] take the answer 3"
    );
    let huge = "format: 2\nid: p\nversion: '1'\ntitle: T\nlevels: [{ id: a, title: A }, { id: b, title: B }]\nscoring: { rule: points, thresholds: { a: 0, b: 1e307 } }\ndimensions:\n  - id: d\n    title: D\n    levels: { a: x, b: y }\n    questions: [{ id: d.q, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, points: 0 }, { id: hi, label: Hi, points: 1e307 }] }]\n    actions: [x]\n";
    let dir = files(&[("r.yaml", huge)]);
    let err = levelup(&["rubric", "validate", dir.path().join("r.yaml").to_str().unwrap()])
        .bad()
        .stderr;
    assert!(err.contains("points must be from 0 to 1000000"), "{err}");
    assert!(err.contains("scoring.thresholds.b: must be from 0 to"), "{err}");
}

#[test]
fn g14_every_problem_in_one_run_each_at_its_field() {
    let err = levelup(&["rubric", "validate", &format!("{CASES}/g14-one-at-a-time.yaml")])
        .bad()
        .stderr;
    // The commas in unquoted labels, and the second dimension's own problems, together.
    assert!(err.contains("has 5 problems"), "{err}");
    assert!(
        err.contains(":20:37: dimensions[0].questions[0].choices[0].with guidance: unknown key"),
        "{err}"
    );
    assert!(err.contains("needs quotes"), "{err}");
    assert!(
        err.contains(":25:13: dimensions[1].weight: weight must be from 0.001 to 1000"),
        "at the field: {err}"
    );
    assert!(err.contains("dimension 'e' has no questions"), "{err}");
}

#[test]
fn g15_radar_labels_keep_whole_words() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("r.svg");
    levelup(&[
        "assess",
        "--rubric",
        &format!("{CASES}/g15-radar-14-dims.yaml"),
        "--answers",
        &format!("{CASES}/g15-answers.yaml"),
        "--chart",
        svg.to_str().unwrap(),
        "-o",
        dir.path().join("r.txt").to_str().unwrap(),
    ])
    .ok();
    let svg = std::fs::read_to_string(svg).unwrap();
    for word in ["Communication", "Documentation", "Accomplishment"] {
        assert!(
            svg.contains(&format!(">{word}<")),
            "{word} is on one line, whole: {svg}"
        );
    }
}

#[test]
fn structural_problems_do_not_hide_or_invent_others() {
    // An unknown key sends the file through the tree check: numbers that are positions stay
    // numbers, a number where text is expected is read as text (as the typed parse does),
    // `.inf` ends an open band, and the semantic problems still come.
    let text = "format: 3\nid: r\nversion: 1\ntitle: T\ncolour: x\nlevels: [{ id: a, title: A }, { id: b, title: B }]\ndimensions:\n  - id: d\n    title: D\n    weight: 0\n    levels: { a: x, b: y }\n    questions:\n      - { id: d.c, kind: choice, prompt: P, choices: [{ id: lo, label: Lo, at: 0 }, { id: mid, label: Mid, at: 0.5 }] }\n      - { id: d.n, kind: number, prompt: N, min: 0, bands: [{ from: 0, to: 3, label: few, at: a }, { from: 3, to: .inf, label: many, at: b }] }\n    actions: [x]\n";
    let dir = files(&[("r.yaml", text)]);
    let err = levelup(&["rubric", "validate", dir.path().join("r.yaml").to_str().unwrap()])
        .bad()
        .stderr;
    assert!(err.contains("has 3 problems"), "{err}");
    assert!(err.contains(":1:9: format: unknown rubric format 3"), "{err}");
    assert!(err.contains(":5:1: colour: unknown key 'colour'"), "{err}");
    assert!(
        err.contains(":10:13: dimensions[0].weight: weight must be from 0.001"),
        "{err}"
    );
    assert!(!err.contains("unknown level '0.5'"), "{err}");
}

#[test]
fn a_signal_is_shown_with_its_band_and_never_scored() {
    let r = report("signal", "signal-answers");
    let coding = dimension(&r, "coding");
    assert!(coding.signal);
    assert_eq!((coding.score, coding.target, coding.gap), (None, None, 0.0));
    assert!(!coding.reached);
    // 10% would sit far below any bar: still no gap and no drag on the estimate.
    assert!(gap_ids(&r).is_empty(), "{:?}", gap_ids(&r));
    assert_eq!(strength_ids(&r), ["scope"]);
    assert_eq!(r.estimate.level.id, "staff");
    assert_eq!(r.readiness, 100);
    assert_eq!(r.pitfalls.len(), 1, "its answer still fires the pitfall");
    for format in ["table", "markdown", "html"] {
        let text = run("signal", "signal-answers", format);
        let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Coding time is a signal, not scored: 10% (far from the code)"),
            "{format}: {text}"
        );
    }
    // Not on the radar.
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("radar.svg");
    let rubric = format!("{DIR}/signal.yaml");
    let answers = format!("{DIR}/signal-answers.yaml");
    levelup(&[
        "assess",
        "--rubric",
        &rubric,
        "--answers",
        &answers,
        "--chart",
        &chart.display().to_string(),
    ])
    .ok();
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(svg.contains("Scope") && !svg.contains("Coding time"), "{svg}");
}

#[test]
fn a_signal_takes_no_expectations_and_needs_format_2() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(crate::support::path(&format!("{DIR}/signal.yaml"))).unwrap();
    let with_expects = base.replace("    signal: true", "    signal: true\n    expects: { staff: senior }");
    let format1 = base.replace("format: 2\n", "");
    for (name, text, says) in [
        ("expects.yaml", with_expects, "a signal dimension is not scored"),
        ("format1.yaml", format1, "signal"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        let out = levelup(&["rubric", "validate", &file.display().to_string()]).bad();
        assert!(out.stderr.contains(says), "{name}: {}", out.stderr);
    }
}

#[test]
fn a_target_below_the_estimate_on_a_falling_profile_is_not_called_passed() {
    let r = report("falling", "falling-answers");
    assert_eq!(
        (r.estimate.level.id.as_str(), r.target.id.as_str()),
        ("architect", "lead")
    );
    assert!(r.readiness < 100);
    assert!(
        r.estimate
            .explanation
            .contains("The target, Lead, is not met although Architect is"),
        "{}",
        r.estimate.explanation
    );
    assert!(!r.estimate.explanation.contains("already past"));
    assert_eq!(r.fit.level.as_ref().map(|l| l.id.as_str()), Some("lead"));
}

#[test]
fn evidence_for_a_dimension_shown_nowhere_else_is_still_shown() {
    for format in ["table", "markdown", "html"] {
        let text = run("signal", "signal-evidence-answers", format);
        assert!(text.contains("More of your evidence"), "{format}: {text}");
        assert!(
            text.contains("I review every PR in the platform repo."),
            "{format}: {text}"
        );
    }
}

#[test]
fn a_gap_whose_every_action_is_moot_shows_no_empty_next_steps() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("moot.yaml");
    std::fs::write(
        &rubric,
        "format: 2\nid: moot\nversion: '1'\ntitle: M\nlevels: [{ id: a, title: A }, { id: b, title: B }]\n\
         dimensions:\n  - id: d\n    title: D\n    levels: { a: x, b: y }\n    questions:\n\
         \x20     - { id: d.c, kind: checklist, prompt: Which?, items: [{ id: i1, label: One }, { id: i2, label: Two }] }\n\
         \x20   actions:\n      - { text: Do one., unless: { question: d.c, has: i1 } }\n",
    )
    .unwrap();
    let rubric = rubric.display().to_string();
    let answers = "rubric: moot\ntarget: b\nanswers:\n  d.c: [i1]\n";
    for format in ["table", "markdown", "html"] {
        let out = levelup(&["assess", "--rubric", &rubric, "--answers", "-", "-f", format])
            .stdin(answers)
            .ok()
            .stdout;
        assert!(out.contains("D"), "{format}: {out}");
        assert!(
            !out.contains("Do one.") && !out.contains("Next steps"),
            "{format}: {out}"
        );
    }
}

/// A scale on a dimension with its own steps runs between two of them,
/// named by their ids; an unknown step says which there are.
#[test]
fn scale_ends_can_be_named_by_step() {
    let rubric = "format: 2\nid: st\nversion: '1'\ntitle: T\nlevels: [{ id: a, title: A }, { id: b, title: B }]\ndimensions:\n  - id: d\n    title: D\n    steps: [{ id: capable, title: Capable, description: x }, { id: fluent, title: Fluent, description: y }, { id: expert, title: Expert, description: z }]\n    expects: { a: capable, b: expert }\n    questions: [{ id: d.s, kind: scale, prompt: P, low: capable, high: expert }]\n    actions: [x]\n";
    let dir = files(&[
        ("r.yaml", rubric),
        ("a.yaml", "target: b\nanswers: { d.s: strongly-agree }\n"),
    ]);
    let r = assess_in(&dir, &[]);
    assert_eq!(dimension(&r, "d").step.as_deref(), Some("Expert"));
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, rubric.replace("high: expert", "high: master")).unwrap();
    let err = levelup(&["rubric", "validate", bad.to_str().unwrap()]).bad().stderr;
    assert!(
        err.contains("unknown step 'master'") && err.contains("capable, fluent or expert"),
        "{err}"
    );
}

/// Format 1 too: a position a hair under the bar is said with the places that
/// differ, and a tiny shortfall is "less than 0.01", never "0.00".
#[test]
fn a_hair_under_the_bar_is_said_so() {
    let rubric = "id: hair\nversion: '1'\ntitle: H\nscoring: { reach: 1 }\nlevels: [{ id: a, title: A }, { id: b, title: B }]\ndimensions:\n  - id: d\n    title: D\n    levels: { a: x, b: y }\n    questions:\n      - { id: d.big, kind: choice, weight: 1000, prompt: P, choices: [{ id: lo, label: Lo, at: a }, { id: hi, label: Hi, at: b }] }\n      - { id: d.small, kind: choice, weight: 1, prompt: P, choices: [{ id: lo, label: Lo, at: a }, { id: hi, label: Hi, at: b }] }\n    actions: [x]\n";
    let dir = files(&[
        ("r.yaml", rubric),
        ("a.yaml", "target: b\nanswers: { d.big: hi, d.small: lo }\n"),
    ]);
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let out = levelup(&["assess", "--rubric", &path("r.yaml"), "--answers", &path("a.yaml")])
        .ok()
        .stdout;
    assert!(
        out.contains("position is 0.9990, below the bar for B (1.0000)"),
        "{out}"
    );
    assert!(
        out.contains("less than 0.01 below the bar for B") && !out.contains("only 0.00"),
        "{out}"
    );
}
