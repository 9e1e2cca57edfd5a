//! Several raters (360): merged report, each view beside the others, and the
//! calibration verdicts.

use crate::support::{levelup, path};
use levelup::report::Report;

/// An example answers file, marked as rated by `rater` (and optionally named).
fn rated(dir: &std::path::Path, example: &str, rater: &str, name: Option<&str>) -> String {
    let text = std::fs::read_to_string(path(&format!("examples/answers/{example}.yaml"))).unwrap();
    let mut extra = format!("rater: {rater}\n");
    if let Some(n) = name {
        extra.push_str(&format!("rater_name: {n}\n"));
    }
    let text = text.replacen("rubric: senior-staff\n", &format!("rubric: senior-staff\n{extra}"), 1);
    let file = dir.join(format!("{rater}-{example}.yaml"));
    std::fs::write(&file, text).unwrap();
    file.to_str().unwrap().to_string()
}

fn panel(files: &[&str], format: &str) -> String {
    let mut args = vec!["assess"];
    for f in files {
        args.extend(["--answers", f]);
    }
    args.extend(["-f", format]);
    levelup(&args).ok().stdout
}

#[test]
fn two_raters_agree_or_should_talk() {
    let dir = tempfile::tempdir().unwrap();
    let me = rated(dir.path(), "staff", "self", None);
    let boss = rated(dir.path(), "on-the-way", "manager", Some("Robin"));
    let r: Report = serde_json::from_str(&panel(&[&me, &boss], "json")).unwrap();
    let p = r.raters.as_ref().expect("a raters section");
    let labels: Vec<(&str, Option<&str>, &str)> = p
        .raters
        .iter()
        .map(|x| (x.rater.as_str(), x.name.as_deref(), x.estimate.as_str()))
        .collect();
    assert_eq!(
        labels,
        [("self", Some("Marcus"), "staff"), ("manager", Some("Robin"), "senior")]
    );
    let view = |id: &str| p.dimensions.iter().find(|v| v.dimension == id).unwrap();
    // Scope: 0.94 and 0.89 sit on the same half-level step.
    assert_eq!(
        (
            view("scope").self_score,
            view("scope").others,
            view("scope").agreement.as_str()
        ),
        (Some(0.94), Some(0.89), "agreed")
    );
    // Time horizon: 0.80 against 0.73, a half-level step apart.
    assert_eq!(view("horizon").agreement, "worth a conversation");
    // The combined score is the mean of the two raters.
    let scope = r.dimensions.iter().find(|d| d.id == "scope").unwrap();
    assert_eq!(scope.score, Some(0.92));
    assert!(p.rule.contains("half-level steps"));
    // Evidence, fit and the name come from the self-assessment.
    assert_eq!(r.person.name.as_deref(), Some("Marcus"));
    assert_eq!(r.fit.leaning, "pursue");

    let md = panel(&[&me, &boss], "markdown");
    assert!(
        md.contains("## Raters") && md.contains("| Time horizon | 0.80 | 0.73 | 1 | worth a conversation |"),
        "{md}"
    );
    let table = panel(&[&me, &boss], "table");
    assert!(table.contains("manager (Robin): senior, readiness"), "{table}");
}

#[test]
fn a_third_view_far_apart_is_a_disconnect() {
    let dir = tempfile::tempdir().unwrap();
    let me = rated(dir.path(), "staff", "self", None);
    let boss = rated(dir.path(), "on-the-way", "manager", None);
    let peer = rated(dir.path(), "senior", "peer", Some("Lee"));
    let r: Report = serde_json::from_str(&panel(&[&me, &boss, &peer], "json")).unwrap();
    let p = r.raters.as_ref().unwrap();
    let scope = p.dimensions.iter().find(|v| v.dimension == "scope").unwrap();
    assert_eq!(scope.scores, [Some(0.94), Some(0.89), Some(0.0)]);
    assert_eq!((scope.spread_steps, scope.agreement.as_str()), (Some(2), "disconnect"));
    assert_eq!(scope.others, Some(0.44), "mean of manager and peer");
    // Technical breadth: 0.71, 0.63 and 0.18, one half-level step apart.
    let breadth = p.dimensions.iter().find(|v| v.dimension == "breadth").unwrap();
    assert_eq!(
        (breadth.spread_steps, breadth.agreement.as_str()),
        (Some(1), "worth a conversation")
    );
    // Coding time is a signal: no score to agree on, so it is not listed.
    assert!(p.dimensions.iter().all(|v| v.dimension != "coding"));
    let count = |verdict: &str| p.dimensions.iter().filter(|v| v.agreement == verdict).count();
    assert_eq!(
        (count("agreed"), count("worth a conversation"), count("disconnect")),
        (0, 3, 8)
    );

    // One chart, one profile per rater plus the target.
    let chart = dir.path().join("panel.svg");
    levelup(&[
        "assess",
        "--answers",
        &me,
        "--answers",
        &boss,
        "--answers",
        &peer,
        "--chart",
        chart.to_str().unwrap(),
        "-f",
        "json",
    ])
    .ok();
    let svg = std::fs::read_to_string(&chart).unwrap();
    for class in ["lu-target", "lu-p0", "lu-p1", "lu-p2"] {
        assert!(svg.contains(&format!(r#"<polygon class="{class}""#)), "{class}");
    }
    let page = panel(&[&me, &boss, &peer], "html");
    assert!(page.contains("<h2>Raters</h2>") && page.contains("disconnect"));
}

#[test]
fn every_file_says_who_rated_and_only_one_is_self() {
    let dir = tempfile::tempdir().unwrap();
    let me = rated(dir.path(), "staff", "self", None);
    let also_me = rated(dir.path(), "senior", "self", None);
    let err = levelup(&["assess", "--answers", &me, "--answers", &also_me])
        .bad()
        .stderr;
    assert!(err.contains("2 files say `rater: self`"), "{err}");
    let err = levelup(&["assess", "--answers", &me, "--answers", "examples/answers/senior.yaml"])
        .bad()
        .stderr;
    assert!(err.contains("examples/answers/senior.yaml: say who rated"), "{err}");
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        std::fs::read_to_string(&me)
            .unwrap()
            .replace("rater: self", "rater: boss"),
    )
    .unwrap();
    let err = levelup(&["assess", "--answers", bad.to_str().unwrap(), "--answers", &me])
        .bad()
        .stderr;
    assert!(
        err.contains("boss") && err.contains("self") && err.contains("manager") && err.contains("peer"),
        "{err}"
    );
}
