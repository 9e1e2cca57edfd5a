//! Personas (`tests/personas/`): fourteen people described in a few lines,
//! answered from the question wording alone by someone who had not read the
//! scoring, with what a fair calibration committee would say written in
//! `expected.toml` before the scorer ran (see `RESULTS.md`). Each persona's
//! level, borderline flag, first gap and pitfalls are asserted. Where the
//! tool and the persona's author still disagree, the disagreement is listed
//! in [`DISAGREEMENTS`] with who seems right: the test then asserts that it
//! still disagrees, so a fix (or a regression) shows and the list is kept true.

use crate::support::{levelup, path};
use levelup::report::Report;
use std::collections::BTreeMap;

/// (persona, field, whose reading is kept, and why).
const DISAGREEMENTS: &[(&str, &str, &str)] = &[
    (
        "clear-senior",
        "pitfalls",
        "the tool: she solves hard problems herself, has contacts on at most two teams, wants to shape direction and does no next-level work yet",
    ),
    (
        "clear-staff",
        "first_gap",
        "the tool: broader skills is the one dimension left short of Staff; the persona expected none",
    ),
    (
        "almost-staff",
        "borderline",
        "the tool, by the rule issue 13 asks for: 1 of 11 dimensions reaches Staff and 8 are needed, so the count that decides is not close",
    ),
    (
        "almost-staff",
        "first_gap",
        "open: the tool ranks broader skills (a self-report checklist) first; a sustained cross-team record is the likelier gap",
    ),
    (
        "staff-far-from-code",
        "first_gap",
        "the tool: breadth (months to learn a new area) is a fair small gap",
    ),
    (
        "deep-specialist",
        "borderline",
        "the tool within this rubric, which has no specialist path to Staff: 0 of 11 dimensions reach it",
    ),
    (
        "mid-level",
        "first_gap",
        "the tool: time horizon carries the largest weighted gap for someone working from others' plans",
    ),
    (
        "mid-level",
        "pitfalls",
        "the persona, mildly: neglecting-relationships is generic advice two years in",
    ),
    (
        "process-coordinator",
        "first_gap",
        "open: scope (4.32 weighted) and decisions (4.00) are nearly tied; the description's core is decisions",
    ),
    (
        "content-senior",
        "first_gap",
        "the tool: time horizon is as fair a first gap as scope",
    ),
    ("manager-track", "first_gap", "a tie: impact or scope"),
    (
        "returning-after-break",
        "first_gap",
        "the tool: her cross-team record is older than the 24 months asked about",
    ),
    (
        "returning-after-break",
        "pitfalls",
        "the tool: assigned work, hard problems solved alone and one or two contacts all follow from her answers",
    ),
];

/// What one persona's report says, in `expected.toml`'s terms.
fn observed(r: &Report) -> BTreeMap<&'static str, toml::Value> {
    let level = if r.estimate.level.index < 0 {
        "below".to_string()
    } else {
        r.estimate.level.id.clone()
    };
    let first_gap = r.top_gaps.first().map_or(String::new(), |g| g.dimension.clone());
    let mut pitfalls: Vec<String> = r.pitfalls.iter().map(|p| p.id.clone()).collect();
    pitfalls.sort();
    BTreeMap::from([
        ("level", toml::Value::String(level)),
        ("borderline", toml::Value::Boolean(r.estimate.borderline)),
        ("first_gap", toml::Value::String(first_gap)),
        (
            "pitfalls",
            toml::Value::Array(pitfalls.into_iter().map(toml::Value::String).collect()),
        ),
    ])
}

#[test]
fn personas_get_what_a_calibration_committee_would_say() {
    let text = std::fs::read_to_string(path("tests/personas/expected.toml")).unwrap();
    let expected: toml::Table = toml::from_str(&text).unwrap();
    assert!(expected.len() >= 14, "{} personas", expected.len());
    let mut wrong = Vec::new();
    let mut listed = 0;
    for (name, want) in &expected {
        let file = format!("tests/personas/{name}.yaml");
        let r: Report =
            serde_json::from_str(&levelup(&["assess", "--answers", &file, "-f", "json"]).ok().stdout).unwrap();
        for (field, got) in observed(&r) {
            let mut want = want.get(field).unwrap_or_else(|| panic!("{name}: no {field}")).clone();
            if let toml::Value::Array(items) = &mut want {
                items.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
            }
            let known = DISAGREEMENTS.iter().any(|(p, f, _)| *p == name.as_str() && *f == field);
            listed += usize::from(known);
            match (known, want == got) {
                (false, false) => wrong.push(format!("{name}.{field}: expected {want}, got {got}")),
                (true, true) => wrong.push(format!("{name}.{field} now agrees: take it off DISAGREEMENTS")),
                _ => {}
            }
        }
    }
    assert_eq!(
        listed,
        DISAGREEMENTS.len(),
        "every listed disagreement names a persona and field"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
