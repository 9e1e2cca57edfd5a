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
    for (name, why) in [
        ("stuck.yaml", "skipped: a FIFO (named pipe), not read"),
        ("zero.yaml", "skipped: a device, not an answers file"),
    ] {
        assert!(out.lines().any(|l| l.contains(name) && l.contains(why)), "{out}");
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

/// A copy of an example answers file in `dir` as `file`, with `name:` set
/// and, when given, a `rater:` line.
fn copy_as(dir: &std::path::Path, example: &str, file: &str, name: &str, rater: Option<&str>) -> String {
    let text = std::fs::read_to_string(crate::support::path(&format!("examples/answers/{example}.yaml"))).unwrap();
    let mut head = format!("rubric: senior-staff\nname: {name}\n");
    if let Some(r) = rater {
        head.push_str(&format!("rater: {r}\n"));
    }
    let body: String = text
        .lines()
        .filter(|l| !l.starts_with("rubric:") && !l.starts_with("name:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let out = dir.join(file);
    std::fs::write(&out, head + &body).unwrap();
    out.display().to_string()
}

fn team_json(args: &[&str]) -> TeamReport {
    let mut all = vec!["team"];
    all.extend(args);
    all.extend(["-f", "json"]);
    serde_json::from_str(&levelup(&all).ok().stdout).unwrap()
}

#[test]
fn three_raters_of_one_person_are_one_person_with_the_combined_profile() {
    let dir = tempfile::tempdir().unwrap();
    let own = copy_as(dir.path(), "on-the-way", "a-sam-self.yaml", "Sam", Some("self"));
    let boss = copy_as(dir.path(), "staff", "b-sam-manager.yaml", "Sam", Some("manager"));
    // Case and spacing of the name do not split a person.
    let peer = copy_as(dir.path(), "senior", "c-sam-peer.yaml", " sam ", Some("peer"));
    copy_as(dir.path(), "staff", "d-marcus.yaml", "Marcus", None);
    copy_as(dir.path(), "senior", "e-priya.yaml", "Priya", None);
    let folder = dir.path().display().to_string();
    let r = team_json(&[&folder]);
    let names: Vec<&str> = r.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Sam", "Marcus", "Priya"]);
    let sam = &r.people[0];
    let raters: Vec<&str> = sam.raters.iter().map(|x| x.rater.as_str()).collect();
    assert_eq!(raters, ["self", "manager", "peer"]);
    assert_eq!(sam.file, own, "the self-assessment names the row");
    assert!(r.notes.is_empty(), "{:?}", r.notes);
    // The same profile as `assess` gives for the same three raters.
    let panel: levelup::report::Report = serde_json::from_str(
        &levelup(&[
            "assess",
            "--answers",
            &own,
            "--answers",
            &boss,
            "--answers",
            &peer,
            "-f",
            "json",
        ])
        .ok()
        .stdout,
    )
    .unwrap();
    assert_eq!(sam.estimate, panel.estimate.level.id);
    assert_eq!(sam.readiness, panel.readiness);
    let scores: Vec<Option<f64>> = panel.dimensions.iter().filter(|d| !d.signal).map(|d| d.score).collect();
    assert_eq!(sam.scores, scores);
    // And not Sam's own answers alone.
    let alone = team_json(&[&own]);
    assert_ne!(alone.people[0].scores, sam.scores);

    let table = levelup(&["team", &folder]).ok().stdout;
    assert!(table.starts_with("Team report: 3 people (5 files) on"), "{table}");
    assert!(table.contains("Sam (3 raters)"), "{table}");
    let md = levelup(&["team", &folder, "-f", "markdown"]).ok().stdout;
    assert!(
        md.starts_with("# Team report: 3 people (5 files)") && md.contains("| Sam (3 raters) |"),
        "{md}"
    );
    let html = levelup(&["team", &folder, "-f", "html"]).ok().stdout;
    assert!(html.contains("<h1>Team report: 3 people (5 files)</h1>") && html.contains("Sam (3 raters)"));
}

#[test]
fn raters_without_a_self_assessment_combine_as_assess_does() {
    let dir = tempfile::tempdir().unwrap();
    let boss = copy_as(dir.path(), "staff", "a-lee-manager.yaml", "Lee", Some("manager"));
    let peer = copy_as(dir.path(), "senior", "b-lee-peer.yaml", "Lee", Some("peer"));
    let r = team_json(&[&dir.path().display().to_string()]);
    assert_eq!(r.people.len(), 1);
    let lee = &r.people[0];
    assert_eq!(
        (lee.name.as_str(), lee.raters.len(), lee.file.as_str()),
        ("Lee", 2, boss.as_str())
    );
    // assess takes the first file's answers as the person's own, as team does.
    let panel: levelup::report::Report = serde_json::from_str(
        &levelup(&["assess", "--answers", &boss, "--answers", &peer, "-f", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(
        (lee.estimate.as_str(), lee.readiness),
        (panel.estimate.level.id.as_str(), panel.readiness)
    );
    let scores: Vec<Option<f64>> = panel.dimensions.iter().filter(|d| !d.signal).map(|d| d.score).collect();
    assert_eq!(lee.scores, scores);
}

#[test]
fn two_self_assessments_of_one_person_leave_that_person_out() {
    let dir = tempfile::tempdir().unwrap();
    copy_as(dir.path(), "on-the-way", "a.yaml", "Sam", Some("self"));
    copy_as(dir.path(), "staff", "b.yaml", "Sam", Some("self"));
    copy_as(dir.path(), "senior", "c.yaml", "Priya", None);
    let folder = dir.path().display().to_string();
    let r = team_json(&[&folder]);
    assert_eq!(r.people.len(), 1);
    assert_eq!(r.failed.len(), 2, "{:?}", r.failed);
    assert!(
        r.failed
            .iter()
            .all(|f| f.reason.contains("2 files say `rater: self` for 'Sam'"))
    );
    let err = levelup(&["team", &folder, "--strict"]).bad().stderr;
    assert!(err.contains("2 of 3 files did not load"), "{err}");
}

#[test]
fn one_name_on_files_without_rater_is_counted_twice_and_said() {
    let dir = tempfile::tempdir().unwrap();
    copy_as(dir.path(), "on-the-way", "alex-march.yaml", "Alex", None);
    copy_as(dir.path(), "staff", "alex-june.yaml", "Alex", None);
    let folder = dir.path().display().to_string();
    let out = levelup(&["team", &folder, "-f", "json"]).ok();
    let r: TeamReport = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(r.people.len(), 2, "two files without rater: are two rows");
    assert_eq!(r.notes.len(), 1, "{:?}", r.notes);
    assert!(
        r.notes[0].starts_with("'Alex' names 2 rows (") && r.notes[0].contains("counted as 2 people"),
        "{}",
        r.notes[0]
    );
    assert!(
        out.stderr.contains("levelup: warning: 'Alex' names 2 rows"),
        "{}",
        out.stderr
    );
    let table = levelup(&["team", &folder]).ok().stdout;
    assert!(table.contains("Notes:\n  - 'Alex' names 2 rows"), "{table}");
}

/// The sections every human format shows, in order.
const SECTIONS: [&str; 6] = ["Left out", "Notes", "Estimates", "Shared gaps", "Strengths", "Heatmap"];

#[test]
fn every_section_is_there_for_any_team_size_and_says_none_by_its_rule() {
    // Marcus alone against Senior: nothing to lack, so no shared gap.
    let marcus = "examples/answers/staff.yaml";
    let md = levelup(&["team", marcus, "--target", "senior", "-f", "markdown"])
        .ok()
        .stdout;
    let table = levelup(&["team", marcus, "--target", "senior"]).ok().stdout;
    let html = levelup(&["team", marcus, "--target", "senior", "-f", "html"])
        .ok()
        .stdout;
    for s in SECTIONS {
        assert!(md.contains(&format!("## {s}")), "{s} in:\n{md}");
        assert!(table.contains(&format!("\n{s}")), "{s} in:\n{table}");
        assert!(html.contains(&format!("<h2>{s}</h2>")), "{s} in:\n{html}");
    }
    let none_gap = "none: no dimension has more than half the team below target";
    assert!(table.contains(&format!("  {none_gap}")), "{table}");
    assert!(
        md.contains("None: no dimension has more than half the team below target."),
        "{md}"
    );
    assert!(html.contains(none_gap), "{html}");
    for none in [
        "none: every answers file found was read",
        "none: no two rows share a name",
    ] {
        assert!(table.contains(none) && html.contains(none), "{none}:\n{table}");
    }
    let json = levelup(&["team", marcus, "--target", "senior", "-f", "json"])
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    for key in ["shared_gaps", "failed", "skipped", "other_rubrics", "notes"] {
        assert_eq!(v[key], serde_json::json!([]), "{key} in {json}");
    }
    assert_eq!(v["team_version"], 2);

    // Priya alone against Staff: nothing at the target, so no strength.
    let priya = "examples/answers/senior.yaml";
    let table = levelup(&["team", priya]).ok().stdout;
    assert!(
        table.contains("  none: no dimension has at least half the team at target"),
        "{table}"
    );
    let md = levelup(&["team", priya, "-f", "markdown"]).ok().stdout;
    assert!(
        md.contains("None: no dimension has at least half the team at target."),
        "{md}"
    );

    // Nobody loads: the heatmap says so.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("x.yaml"), "rubric: senior-staff\nanswers: [\n").unwrap();
    let table = levelup(&["team", &dir.path().display().to_string()]).ok().stdout;
    assert!(
        table.starts_with("Team report: 0 people") && table.contains("  none: no answers file loaded"),
        "{table}"
    );
}

#[test]
fn levels_are_shown_by_title() {
    let table = levelup(&["team", DIR]).ok().stdout;
    assert!(table.contains(", target Staff Engineer\n"), "{table}");
    let marcus = table.lines().find(|l| l.contains("Marcus") && l.contains('│')).unwrap();
    assert!(marcus.ends_with("│ Staff Engineer 97%"), "{marcus}");
    let md = levelup(&["team", DIR, "-f", "markdown"]).ok().stdout;
    assert!(
        md.contains("target Staff Engineer.") && md.contains("| Staff Engineer (97%) |"),
        "{md}"
    );
    assert!(!md.contains("| staff |"), "{md}");
    let html = levelup(&["team", DIR, "-f", "html"]).ok().stdout;
    assert!(html.contains("target Staff Engineer.") && html.contains("Staff Engineer (97%)"));
    let r = team_json(&[DIR]);
    assert_eq!(
        (r.target.as_str(), r.target_title.as_str()),
        ("staff", "Staff Engineer")
    );
    assert_eq!(r.people[0].estimate_title, "Staff Engineer");
}

#[test]
fn one_of_anything_is_singular() {
    let one = "tests/fixtures/team/marcus.yaml";
    let table = levelup(&["team", one]).ok().stdout;
    assert!(table.starts_with("Team report: 1 person on"), "{table}");
    let html = levelup(&["team", one, "-f", "html"]).ok().stdout;
    assert!(
        html.contains("<title>Team report: 1 person</title>") && html.contains("<h1>Team report: 1 person</h1>"),
        "{html}"
    );
    let md = levelup(&["team", one, "-f", "markdown"]).ok().stdout;
    assert!(md.starts_with("# Team report: 1 person\n"), "{md}");
    let err = levelup(&["team", "tests/fixtures/team/broken.yaml", "--strict"])
        .bad()
        .stderr;
    assert!(err.contains("1 of 1 file did not load (--strict)"), "{err}");
}

#[test]
fn the_html_heatmap_scrolls_in_its_box_with_names_in_view() {
    let html = levelup(&["team", DIR, "-f", "html"]).ok().stdout;
    assert!(html.contains(".scroll { overflow-x: auto;"), "{html}");
    assert!(html.contains("position: sticky; left: 0;"), "{html}");
    assert!(html.contains("<td class=\"name\">Marcus</td>"), "{html}");
    assert!(!html.contains("1200"), "no fixed width: {html}");
}

#[cfg(unix)]
#[test]
fn entries_that_are_not_answers_files_are_listed_with_why_in_every_format() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    copy_as(d, "staff", "marcus.yaml", "Marcus", None);
    std::fs::create_dir(d.join("folder.yaml")).unwrap();
    symlink(d.join("loop-b.yaml"), d.join("loop-a.yaml")).unwrap();
    symlink(d.join("loop-a.yaml"), d.join("loop-b.yaml")).unwrap();
    symlink(d.join("gone.yaml"), d.join("broken.yaml")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(d.join("fifo.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    let locked = copy_as(d, "senior", "locked.yaml", "Priya", None);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads a file whatever its mode: then it is not unreadable.
    let unreadable = std::fs::read(&locked).is_err();
    let folder = d.display().to_string();

    let r = team_json(&[&folder]);
    let reason = |name: &str| -> String {
        r.skipped
            .iter()
            .chain(&r.failed)
            .find(|s| s.file.ends_with(name))
            .map(|s| s.reason.clone())
            .unwrap_or_else(|| panic!("{name} not listed: {r:?}"))
    };
    assert_eq!(reason("folder.yaml"), "a folder, not an answers file");
    assert!(
        reason("loop-a.yaml").contains("too many levels of symbolic links"),
        "{}",
        reason("loop-a.yaml")
    );
    assert!(reason("loop-b.yaml").starts_with("a link that cannot be followed"));
    assert!(
        reason("broken.yaml").starts_with("a broken link: it leads to"),
        "{}",
        reason("broken.yaml")
    );
    assert!(reason("fifo.yaml").starts_with("a FIFO"), "{}", reason("fifo.yaml"));
    assert_eq!(r.skipped.len(), 5, "{:?}", r.skipped);
    if unreadable {
        assert!(
            reason("locked.yaml").contains("ermission denied"),
            "{}",
            reason("locked.yaml")
        );
    }
    assert!(r.people.iter().any(|p| p.name == "Marcus"), "{:?}", r.people);

    let table = levelup(&["team", &folder]).ok().stdout;
    let md = levelup(&["team", &folder, "-f", "markdown"]).ok().stdout;
    let html = levelup(&["team", &folder, "-f", "html"]).ok().stdout;
    for name in ["folder.yaml", "loop-a.yaml", "loop-b.yaml", "broken.yaml", "fifo.yaml"] {
        for (format, out) in [("table", &table), ("markdown", &md), ("html", &html)] {
            assert!(
                out.lines().any(|l| l.contains(name) && l.contains("skipped: a")),
                "{name} in {format}:\n{out}"
            );
        }
    }
    // With --strict an entry that is not read is as fatal as a file that does not load.
    let err = levelup(&["team", &folder, "--strict"]).bad().stderr;
    assert!(err.contains("fifo.yaml: a FIFO"), "{err}");
}

#[test]
fn a_table_of_the_fixture_team() {
    insta::assert_snapshot!("fixture-team-table", levelup(&["team", DIR]).ok().stdout);
}

/// One file given twice, or through its folder too, is one person; an
/// upper-case extension is read like any other.
#[test]
fn a_file_named_twice_is_one_person() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        crate::support::path("examples/answers/senior.yaml"),
        dir.path().join("PRIYA.YAML"),
    )
    .unwrap();
    std::fs::copy(
        crate::support::path("examples/answers/staff.yaml"),
        dir.path().join("marcus.yaml"),
    )
    .unwrap();
    let priya = dir.path().join("PRIYA.YAML");
    let d = dir.path().to_str().unwrap();
    let out = crate::support::levelup(&[
        "team",
        d,
        priya.to_str().unwrap(),
        priya.to_str().unwrap(),
        "-f",
        "json",
    ])
    .ok();
    let r: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(r["people"].as_array().map(Vec::len), Some(2), "{}", out.stdout);
    assert!(out.stdout.contains("counted once"), "{}", out.stdout);
}

/// The team report fits the terminal's width: headings, left-out lines and
/// the heatmap's legend wrap at spaces.
#[test]
fn the_team_table_fits_the_width() {
    for columns in [60usize, 80] {
        let out = crate::support::levelup(&["team", "examples/answers"])
            .env("COLUMNS", columns.to_string())
            .ok()
            .stdout;
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap_or(0);
        assert!(widest <= columns, "{columns}: {widest}\n{out}");
        assert!(out.contains("Communication") && out.contains("Heatmap"), "{out}");
    }
}

/// Two rows of one name are told apart by their files.
#[test]
fn rows_of_one_name_show_their_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["sam1.yaml", "sam2.yaml"] {
        std::fs::copy(
            crate::support::path("examples/answers/on-the-way.yaml"),
            dir.path().join(name),
        )
        .unwrap();
    }
    let d = dir.path().to_str().unwrap();
    for format in ["table", "markdown", "html"] {
        let out = crate::support::levelup(&["team", d, "-f", format]).ok().stdout;
        assert!(
            out.contains("Sam (sam1.yaml)") && out.contains("Sam (sam2.yaml)"),
            "{format}: {out}"
        );
    }
}

/// Heatmap names line up by display width (CJK takes two columns) and a name
/// too long for the width keeps its start and end, so rows of one name still differ.
#[test]
fn heatmap_names_line_up_and_stay_apart() {
    let dir = tempfile::tempdir().unwrap();
    let named = |example: &str, name: &str, file: &str| {
        let text = std::fs::read_to_string(crate::support::path(&format!("examples/answers/{example}.yaml"))).unwrap();
        let text: Vec<String> = text
            .lines()
            .map(|l| {
                if l.starts_with("name:") {
                    format!("name: {name}")
                } else {
                    l.to_string()
                }
            })
            .collect();
        std::fs::write(dir.path().join(file), text.join("\n") + "\n").unwrap();
    };
    named("staff", "Sam", "sam-review-2025-first-half-final.yaml");
    named("senior", "Sam", "sam-review-2025-first-half-draft.yaml");
    named("senior", "山田太郎山田花子", "cjk.yaml");
    for columns in ["60", "200"] {
        let out = crate::support::levelup(&["team", dir.path().to_str().unwrap()])
            .env("COLUMNS", columns)
            .ok()
            .stdout;
        let rows: Vec<&str> = out.lines().filter(|l| l.contains('│')).collect();
        assert_eq!(rows.len(), 3, "{out}");
        let bar_at: Vec<usize> = rows
            .iter()
            .map(|r| textwrap::core::display_width(&r[..r.find('│').unwrap()]))
            .collect();
        assert!(bar_at.iter().all(|&b| b == bar_at[0]), "{columns}: {bar_at:?}\n{out}");
        let sams: Vec<&&str> = rows.iter().filter(|r| r.contains("Sam")).collect();
        assert_ne!(sams[0].split('│').next(), sams[1].split('│').next(), "{out}");
    }
}
