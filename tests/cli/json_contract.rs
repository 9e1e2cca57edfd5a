//! The JSON report is a contract: versioned, with fixed top-level keys, and
//! readable back into the typed `Report`.

use crate::support::levelup;
use levelup::report::{Report, SCHEMA_VERSION};

fn json(example: &str) -> (serde_json::Value, Report) {
    let file = format!("examples/answers/{example}.yaml");
    let text = levelup(&["assess", "--answers", &file, "--format", "json"]).ok().stdout;
    (
        serde_json::from_str(&text).unwrap(),
        serde_json::from_str(&text).unwrap(),
    )
}

#[test]
fn top_level_keys_are_stable() {
    let (value, _) = json("staff");
    let keys: Vec<&str> = value.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "schema_version",
        "person",
        "rubric",
        "levels",
        "target",
        "categories",
        "estimate",
        "readiness",
        "dimensions",
        "top_gaps",
        "strengths",
        "pitfalls",
        "fit",
        "compensation",
        "unanswered",
        "points",
        "raters",
        "plan",
    ];
    let mut keys_sorted = keys.clone();
    keys_sorted.sort();
    expected.sort();
    assert_eq!(keys_sorted, expected);
    assert_eq!(value["schema_version"], SCHEMA_VERSION);
    assert_eq!(value["rubric"]["id"], "senior-staff");
    assert!(value["rubric"]["version"].is_string());
    for key in ["level", "rule", "borderline"] {
        assert!(value["estimate"].get(key).is_some(), "estimate.{key}");
    }
    for key in [
        "outcome",
        "method",
        "changes",
        "estimate_after",
        "readiness_after",
        "text",
    ] {
        assert!(value["plan"].get(key).is_some(), "plan.{key}");
    }
    for d in value["dimensions"].as_array().unwrap() {
        for key in ["id", "title", "weight", "score", "target", "gap", "answers"] {
            assert!(d.get(key).is_some(), "dimensions[].{key}");
        }
    }
}

#[test]
fn report_round_trips_through_the_typed_struct() {
    for example in ["senior", "staff", "on-the-way"] {
        let (value, report) = json(example);
        assert_eq!(serde_json::to_value(&report).unwrap(), value, "{example}");
        assert!(report.readiness <= 100);
        // The facts agree with each other.
        let strengths: Vec<&str> = report.strengths.iter().map(|s| s.dimension.as_str()).collect();
        for d in &report.dimensions {
            assert_eq!(d.reached, strengths.contains(&d.id.as_str()), "{example}: {}", d.id);
        }
        for g in &report.top_gaps {
            assert!(!strengths.contains(&g.dimension.as_str()));
            assert!((2..=4).contains(&g.actions.len()), "2-4 actions per gap");
        }
        let weighted: Vec<f64> = report.top_gaps.iter().map(|g| g.weighted_gap).collect();
        assert!(
            weighted.windows(2).all(|w| w[0] >= w[1]),
            "largest weighted gap first: {weighted:?}"
        );
    }
}

#[test]
fn machine_formats_carry_no_escape_codes() {
    for format in ["json", "markdown", "table"] {
        let out = levelup(&["assess", "--answers", "examples/answers/senior.yaml", "-f", format]).ok();
        assert!(!out.stdout.contains('\u{1b}'), "{format} output has escape codes");
    }
}
