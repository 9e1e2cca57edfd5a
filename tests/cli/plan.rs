//! `levelup plan` and the report's "Shortest path" section, on the default
//! rubric and the example ladders: snapshots in every format, and the JSON's
//! changes written back into the answers file reach the target.

use crate::support::{levelup, path};
use serde_json::Value;

/// (answers example, rubric file or `None` for the built-in).
const EXAMPLES: [(&str, Option<&str>); 4] = [
    ("on-the-way", None),
    ("profile-ladder", Some("examples/rubrics/profile-ladder.yaml")),
    ("checklist-ladder", Some("examples/rubrics/checklist-ladder.yaml")),
    ("points-ladder", Some("examples/rubrics/points-ladder.yaml")),
];

fn args<'a>(command: &'a str, answers: &'a str, rubric: Option<&'a str>, format: &'a str) -> Vec<&'a str> {
    let mut all = vec![command, "--answers", answers, "-f", format];
    if let Some(r) = rubric {
        all.extend(["--rubric", r]);
    }
    all
}

/// The HTML page's plan section, which is what the snapshot is about.
fn plan_section(html: &str) -> &str {
    let start = html.find("<section id=\"plan\">").expect("a plan section");
    let end = html[start..].find("</section>").expect("its end") + start;
    &html[start..end]
}

#[test]
fn plan_snapshots_in_every_format() {
    for (example, rubric) in EXAMPLES {
        let answers = format!("examples/answers/{example}.yaml");
        for format in ["table", "markdown", "json", "html"] {
            let out = levelup(&args("plan", &answers, rubric, format)).ok().stdout;
            let shown = if format == "html" {
                plan_section(&out)
            } else {
                out.as_str()
            };
            insta::assert_snapshot!(format!("plan-{example}-{format}"), shown);
        }
    }
}

#[test]
fn the_changes_written_back_reach_the_target() {
    let dir = tempfile::tempdir().unwrap();
    for (example, rubric) in EXAMPLES {
        let answers = format!("examples/answers/{example}.yaml");
        let doc: Value = serde_json::from_str(&levelup(&args("plan", &answers, rubric, "json")).ok().stdout).unwrap();
        let plan = &doc["plan"];
        assert_eq!(plan["outcome"], "reaches", "{example}");
        assert_eq!(plan["method"], "exact", "{example}");
        let changes = plan["changes"].as_array().unwrap();
        assert!(!changes.is_empty(), "{example}");
        // The report's section is the same plan.
        let report: Value =
            serde_json::from_str(&levelup(&args("assess", &answers, rubric, "json")).ok().stdout).unwrap();
        assert_eq!(&report["plan"], plan, "{example}");
        assert_eq!(report["readiness"], doc["readiness"]);

        // Write every `to` into the answers file, as a script would.
        let text = std::fs::read_to_string(path(&answers)).unwrap();
        let mut file: Value = levelup::yaml::parse(&text).unwrap();
        for c in changes {
            let id = c["question"].as_str().unwrap();
            assert_eq!(
                file["answers"].get(id),
                c.get("from").filter(|v| !v.is_null()),
                "{example} {id}"
            );
            file["answers"][id] = c["to"].clone();
        }
        let changed = dir.path().join(format!("{example}.json"));
        std::fs::write(&changed, serde_json::to_string(&file).unwrap()).unwrap();
        let changed = changed.display().to_string();
        let after: Value =
            serde_json::from_str(&levelup(&args("assess", &changed, rubric, "json")).ok().stdout).unwrap();
        let target = after["target"]["index"].as_i64().unwrap();
        assert!(
            after["estimate"]["level"]["index"].as_i64().unwrap() >= target,
            "{example}: {}",
            after["estimate"]
        );
        assert_eq!(after["estimate"]["level"], plan["estimate_after"], "{example}");
        assert_eq!(after["readiness"], plan["readiness_after"], "{example}");
        // And there is nothing left to change.
        let again: Value = serde_json::from_str(&levelup(&args("plan", &changed, rubric, "json")).ok().stdout).unwrap();
        assert_eq!(again["plan"]["outcome"], "at_target", "{example}");
        assert_eq!(again["plan"]["changes"].as_array().map(Vec::len), Some(0));
    }
}

#[test]
fn at_the_target_there_is_nothing_to_change() {
    let out = levelup(&["plan", "--answers", "examples/answers/staff.yaml"])
        .ok()
        .stdout;
    assert!(out.contains("Shortest path to Staff Engineer"), "{out}");
    assert!(
        out.contains("already at Staff Engineer: no answer needs to change"),
        "{out}"
    );
    // Only where the person stands and the path: no other section.
    assert!(!out.contains("Top gaps") && !out.contains("Dimensions\n"), "{out}");
}

#[test]
fn a_lower_target_or_an_unknown_one() {
    let r = levelup(&[
        "plan",
        "--answers",
        "examples/answers/senior.yaml",
        "--target",
        "senior",
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let doc: Value = serde_json::from_str(&r).unwrap();
    assert_eq!(doc["plan"]["outcome"], "at_target");
    let bad = levelup(&["plan", "--answers", "examples/answers/senior.yaml", "--target", "cto"]).bad();
    assert!(bad.stderr.contains("cto"), "{}", bad.stderr);
    assert!(bad.stdout.is_empty());
}

/// Above the target the plan says so, not "at" it; on a falling profile
/// (Staff expects less hands-on work than Senior) it also says the target's
/// own expectations are not all reached, as the report above it does.
#[test]
fn above_the_target_says_above_and_a_falling_profile_says_what_is_short() {
    let staff = levelup(&["plan", "--answers", "examples/answers/staff.yaml", "--target", "senior"])
        .ok()
        .stdout;
    assert!(
        staff.contains("The estimate, Staff Engineer, is already above Senior Engineer"),
        "{staff}"
    );
    assert!(!staff.contains("already at"), "{staff}");
    assert!(!staff.contains("Not everything"), "{staff}");

    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(crate::support::path("examples/answers/profile-ladder.yaml"))
        .unwrap()
        .replace("craft.part: hardest", "craft.part: sound")
        .replace("design.largest: system", "design.largest: org")
        .replace("mentoring.mentees: 2", "mentoring.mentees: 6");
    let file = dir.path().join("falling.yaml");
    std::fs::write(&file, text).unwrap();
    let f = file.to_str().unwrap();
    let out = levelup(&[
        "plan",
        "--answers",
        f,
        "--rubric",
        "examples/rubrics/profile-ladder.yaml",
        "--target",
        "senior",
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["estimate"]["level"]["id"], "staff", "{out}");
    assert!((doc["readiness"].as_f64().unwrap()) < 100.0, "{out}");
    assert_eq!(doc["plan"]["outcome"], "at_target");
    let said = doc["plan"]["text"].as_str().unwrap();
    assert!(said.contains("already above Senior Engineer"), "{said}");
    assert!(
        said.contains("Not everything Senior Engineer expects is reached"),
        "{said}"
    );
}

/// A format-1 ladder far too large to try every shorter set: the plan is the
/// greedy one, still reaches the target, and says it is heuristic.
#[test]
fn a_large_ladder_gets_a_heuristic_plan_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut rubric = String::from(
        "id: wide\nversion: \"1\"\ntitle: Wide\nlevels:\n  - { id: a, title: A, summary: s }\n  - { id: b, title: B, summary: s }\n  - { id: c, title: C, summary: s }\ndefault_target: c\nscoring: { reach: 0.8, min_dimensions_at_level: 12 }\ndimensions:\n",
    );
    let mut answers = String::from("rubric: wide\nanswers:\n");
    for d in 0..12 {
        rubric += &format!(
            "  - id: d{d}\n    title: D{d}\n    summary: s\n    weight: 1\n    levels: {{ a: x, b: y, c: z }}\n    actions: [Do the next thing for D{d}.]\n    questions:\n"
        );
        for q in 0..3 {
            rubric += &format!(
                "      - id: d{d}.q{q}\n        kind: choice\n        prompt: P\n        choices:\n          - {{ id: low, label: Low, at: a }}\n          - {{ id: mid, label: Mid, at: b }}\n          - {{ id: high, label: High, at: c }}\n"
            );
            answers += &format!("  d{d}.q{q}: low\n");
        }
    }
    let (r, a) = (dir.path().join("wide.yaml"), dir.path().join("me.yaml"));
    std::fs::write(&r, rubric).unwrap();
    std::fs::write(&a, answers).unwrap();
    let (r, a) = (r.display().to_string(), a.display().to_string());
    let doc: Value = serde_json::from_str(&levelup(&args("plan", &a, Some(&r), "json")).ok().stdout).unwrap();
    assert_eq!(doc["plan"]["outcome"], "reaches");
    assert_eq!(doc["plan"]["method"], "heuristic");
    assert!(
        doc["plan"]["text"]
            .as_str()
            .unwrap()
            .contains("trying every shorter set, which this rubric is too large for")
    );
    assert_eq!(doc["plan"]["estimate_after"]["id"], "c");
    let table = levelup(&args("plan", &a, Some(&r), "table")).ok().stdout;
    assert!(
        table.contains("a shorter one may exist") || table.contains("one may exist"),
        "{table}"
    );
}

#[test]
fn hostile_text_in_a_plan_stays_data() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = "format: 2\nid: hostile\nversion: \"1\"\ntitle: H\nlevels:\n  - { id: a, title: A }\n  - { id: b, title: \"B <script>x</script>\" }\nscoring: { min_dimensions_at_level: 1 }\ndimensions:\n  - id: d\n    title: \"# D | \\u001b[31mred\"\n    levels: { a: x, b: y }\n    actions: [\"<img src=x onerror=alert(1)> | **bold**\"]\n    questions:\n      - id: d.q\n        kind: choice\n        prompt: \"Prompt\\u0007 <b>\"\n        choices:\n          - { id: lo, label: \"Lo\\u001b]0;t\\u0007\", at: a }\n          - { id: hi, label: \"Hi | <i>\", at: b }\n";
    let r = dir.path().join("h.yaml");
    std::fs::write(&r, rubric).unwrap();
    let a = dir.path().join("a.yaml");
    std::fs::write(&a, "answers:\n  d.q: lo\n").unwrap();
    let (r, a) = (r.display().to_string(), a.display().to_string());
    for format in ["table", "markdown", "html", "json"] {
        let out = levelup(&args("plan", &a, Some(&r), format)).ok().stdout;
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{format}: raw control characters\n{out}"
        );
        if format == "html" {
            assert!(
                !out.contains("<script>x") && !out.contains("<img src") && !out.contains("<i>"),
                "{out}"
            );
        }
        if format == "markdown" {
            // Escaped: `\<img` shows as text, no `# ` heading starts a line.
            assert!(!out.contains("\n# D") && !out.contains("\n1. **# D"), "{out}");
            assert_eq!(out.matches("<img").count(), out.matches("\\<img").count(), "{out}");
        }
    }
}

/// A dimension answered n/a throughout cannot be lifted, and the plan says
/// that is why the target is out of reach (from a breaker's trial).
#[test]
fn an_all_na_dimension_is_named_when_the_target_is_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("allna.yaml");
    std::fs::write(
        &rubric,
        "format: 2\nid: allna\nversion: \"1\"\ntitle: All na\nlevels:\n  - { id: l1, title: L1 }\n  - { id: l2, title: L2 }\ndefault_target: l2\ndimensions:\n  - id: d\n    title: Delivery\n    levels: { l1: a, l2: c }\n    questions:\n      - { id: d.q, kind: scale, prompt: P, allow_na: true }\n    actions: [go]\n",
    )
    .unwrap();
    let answers = dir.path().join("a.yaml");
    std::fs::write(&answers, "answers:\n  d.q: n/a\n").unwrap();
    let out = levelup(&[
        "plan",
        "--rubric",
        rubric.to_str().unwrap(),
        "--answers",
        answers.to_str().unwrap(),
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["plan"]["outcome"], "unreachable");
    let text = doc["plan"]["text"].as_str().unwrap();
    assert!(text.contains("Delivery is answered n/a throughout"), "{text}");
}
