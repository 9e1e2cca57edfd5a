//! `levelup team`: everyone's answers against one rubric, with the files
//! that do not load or belong to another rubric named, never mixed in.

use crate::support::levelup;
use levelup::team::TeamReport;

const DIR: &str = "tests/fixtures/team";

#[test]
fn team_report_names_what_it_left_out() {
    let out = levelup(&["team", DIR, "-f", "json"]).ok().stdout;
    let r: TeamReport = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Marcus", "Priya", "Sam"], "files in name order");
    assert_eq!(r.failed.len(), 1);
    assert!(
        r.failed[0].file.ends_with("broken.yaml") && r.failed[0].reason.contains(":4:"),
        "{:?}",
        r.failed
    );
    assert_eq!(r.other_rubrics.len(), 1);
    assert!(
        r.other_rubrics[0].reason.contains("is for rubric 'three-levels'"),
        "{:?}",
        r.other_rubrics
    );
    let counts: Vec<(String, usize)> = r.estimates.iter().map(|e| (e.level.clone(), e.people)).collect();
    assert_eq!(counts, [("senior".to_string(), 2), ("staff".to_string(), 1)]);
    // Nobody reaches Staff in communication (Marcus is a hair short).
    assert_eq!(r.shared_gaps[0].title, "Communication");
    assert_eq!(r.shared_gaps[0].below_target, 3);
    assert!(r.strengths.iter().any(|s| s.dimension == "scope"));

    let table = levelup(&["team", DIR]).ok().stdout;
    assert!(
        table.contains("broken.yaml: could not load") && table.contains("other-rubric.yaml: is for rubric"),
        "{table}"
    );
    assert_eq!(
        table.lines().filter(|l| l.contains('│')).count(),
        3,
        "one heatmap row per person"
    );
    let md = levelup(&["team", DIR, "-f", "markdown"]).ok().stdout;
    assert!(md.contains("## Heatmap") && md.contains("| Marcus |"), "{md}");
    let html = levelup(&["team", DIR, "-f", "html"]).ok().stdout;
    assert!(html.contains("<h2>Heatmap</h2>") && html.contains("Marcus") && !html.contains("<script"));
}

#[test]
fn strict_makes_a_broken_file_fatal() {
    let err = levelup(&["team", DIR, "--strict"]).bad().stderr;
    assert!(
        err.contains("1 of 5 files did not load (--strict)") && err.contains("broken.yaml"),
        "{err}"
    );
    // Without broken files, --strict is quiet.
    levelup(&[
        "team",
        "--strict",
        "tests/fixtures/team/marcus.yaml",
        "tests/fixtures/team/sam.yaml",
    ])
    .ok();
}

#[test]
fn team_of_another_rubric_and_no_files() {
    let out = levelup(&[
        "team",
        DIR,
        "--rubric",
        "tests/fixtures/rubrics/three-levels.yaml",
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let r: TeamReport = serde_json::from_str(&out).unwrap();
    assert_eq!(r.people.len(), 1, "only the three-levels file");
    assert_eq!(
        r.other_rubrics.len(),
        3,
        "the senior-staff files are named, not mixed in"
    );
    let empty = tempfile::tempdir().unwrap();
    let err = levelup(&["team", empty.path().to_str().unwrap()]).bad().stderr;
    assert!(err.contains("no answers files found"), "{err}");
}

#[test]
fn names_from_files_add_no_markdown_structure() {
    let dir = tempfile::tempdir().unwrap();
    let staff = std::fs::read_to_string(crate::support::path("examples/answers/staff.yaml")).unwrap();
    let hostile = staff.replace(
        "name: Marcus",
        "name: \"x\\n# Boss <script>alert(1)</script> | [l](u)\"",
    );
    std::fs::write(dir.path().join("a.yaml"), hostile).unwrap();
    let out = levelup(&["team", &dir.path().display().to_string(), "-f", "markdown"])
        .ok()
        .stdout;
    assert!(!out.lines().any(|l| l.starts_with("# Boss")), "{out}");
    assert!(
        out.contains("\\<script\\>") && !out.replace("\\<", "").contains("<script"),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_team_folder_is_listed_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::support::path("examples/answers/staff.yaml"),
        dir.path().join("marcus.yaml"),
    )
    .unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(dir.path().join("stuck.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.yaml")).unwrap();
    let out = levelup(&["team", &dir.path().display().to_string()]).ok().stdout;
    for name in ["stuck.yaml", "zero.yaml"] {
        assert!(
            out.lines()
                .any(|l| l.contains(name) && l.contains("not a regular file")),
            "{out}"
        );
    }
    assert!(out.contains("Marcus"), "{out}");
}

#[test]
fn a_broken_file_shows_its_typo_before_what_it_leaves_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let staff = std::fs::read_to_string(crate::support::path("examples/answers/staff.yaml")).unwrap();
    let broken: String = staff
        .replace("five-or-more", "lots")
        .lines()
        .filter(|l| !l.contains("horizon.planning"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.path().join("a.yaml"), broken).unwrap();
    let out = levelup(&["team", &dir.path().display().to_string(), "-f", "json"])
        .ok()
        .stdout;
    let r: TeamReport = serde_json::from_str(&out).unwrap();
    let reason = &r.failed[0].reason;
    let typo = reason.find("unknown choice 'lots'").expect(reason);
    let missing = reason.find("not answered").expect(reason);
    assert!(typo < missing, "{reason}");
}

#[test]
fn a_mistyped_folder_is_an_error_and_two_people_split_evenly_are_no_shared_gap() {
    let out = levelup(&["team", "no/such/team"]).bad();
    assert!(
        out.stderr.contains("no/such/team: no such file or folder"),
        "{}",
        out.stderr
    );
    // Two people, one at Staff in scope and one not: scope is a strength (half
    // at target), not also a shared gap.
    let dir = tempfile::tempdir().unwrap();
    for name in ["staff", "senior"] {
        std::fs::copy(
            crate::support::path(&format!("examples/answers/{name}.yaml")),
            dir.path().join(format!("{name}.yaml")),
        )
        .unwrap();
    }
    let r: TeamReport = serde_json::from_str(
        &levelup(&["team", &dir.path().display().to_string(), "-f", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    for s in &r.strengths {
        assert!(
            r.shared_gaps.iter().all(|g| g.dimension != s.dimension),
            "{} is both",
            s.dimension
        );
    }
    assert!(r.strengths.iter().any(|s| s.dimension == "scope"));
    let table = levelup(&["team", &dir.path().display().to_string()]).ok().stdout;
    assert!(table.starts_with("Team report: 2 people"), "{table}");
    std::fs::remove_file(dir.path().join("senior.yaml")).unwrap();
    let table = levelup(&["team", &dir.path().display().to_string()]).ok().stdout;
    assert!(table.starts_with("Team report: 1 person on"), "{table}");
}
