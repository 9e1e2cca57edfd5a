//! `levelup rubric diff FROM TO` and `levelup rubric show --grid`: what each
//! level expects, on the built-in rubric and the format-2 examples (insta
//! snapshots, reviewed), bad input, widths, the locale and hostile rubric text.

use crate::support::{gfm_tables, levelup};

const PROFILE: &str = "examples/rubrics/profile-ladder.yaml";
const CHECKLIST: &str = "examples/rubrics/checklist-ladder.yaml";

/// Display columns of a line (box drawing and dashes are one column each).
fn columns(line: &str) -> usize {
    line.chars().count()
}

#[test]
fn diff_snapshots() {
    let runs: [(&str, Vec<&str>); 7] = [
        ("default-senior-staff-table", vec!["senior", "staff"]),
        (
            "default-senior-staff-markdown",
            vec!["senior", "staff", "-f", "markdown"],
        ),
        ("default-senior-staff-json", vec!["senior", "staff", "-f", "json"]),
        (
            "profile-senior-staff-table",
            vec!["senior", "staff", "--rubric", PROFILE],
        ),
        (
            "profile-senior-staff-json",
            vec!["senior", "staff", "--rubric", PROFILE, "-f", "json"],
        ),
        ("checklist-l2-l4-table", vec!["l2", "l4", "--rubric", CHECKLIST]),
        (
            "checklist-l2-l4-markdown",
            vec!["l2", "l4", "--rubric", CHECKLIST, "-f", "markdown"],
        ),
    ];
    for (name, args) in runs {
        let mut all = vec!["rubric", "diff"];
        all.extend(args);
        let out = levelup(&all).ok();
        assert!(out.stderr.is_empty(), "{name}: {}", out.stderr);
        insta::assert_snapshot!(format!("diff-{name}"), out.stdout);
    }
}

#[test]
fn grid_snapshots() {
    for (name, rubric) in [
        ("default", "senior-staff"),
        ("profile", PROFILE),
        ("checklist", CHECKLIST),
    ] {
        for format in ["table", "markdown", "html"] {
            let out = levelup(&["rubric", "show", rubric, "--grid", "-f", format]).ok();
            insta::assert_snapshot!(format!("grid-{name}-{format}"), out.stdout);
        }
    }
}

#[test]
fn the_falling_expectation_reads_lowered_one_way_and_raised_the_other() {
    let json = |from: &str, to: &str| -> serde_json::Value {
        let out = levelup(&["rubric", "diff", from, to, "--rubric", PROFILE, "-f", "json"])
            .ok()
            .stdout;
        serde_json::from_str(&out).unwrap()
    };
    let craft = |v: &serde_json::Value| {
        v["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == "craft")
            .cloned()
            .unwrap()
    };
    let up = json("senior", "staff");
    assert_eq!(up["diff_version"], 1);
    assert_eq!(up["direction"], "up");
    assert_eq!(up["from"]["id"], "senior");
    assert_eq!(up["to"]["title"], "Staff Engineer");
    assert_eq!(craft(&up)["change"], "lowered");
    assert_eq!(craft(&up)["from"]["title"], "Expert");
    assert_eq!(craft(&up)["to"]["title"], "Fluent");
    // By title, any case, and the other way round: a step down.
    let down = json("STAFF ENGINEER", "Senior engineer");
    assert_eq!(down["direction"], "down");
    assert_eq!(craft(&down)["change"], "raised");
    let text = levelup(&["rubric", "diff", "staff", "senior", "--rubric", PROFILE])
        .ok()
        .stdout;
    assert!(text.contains("A step down of 1 level"), "{text}");
    // Mentoring is not expected before Senior.
    let from_e2 = json("e2", "senior");
    let mentoring = from_e2["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "mentoring")
        .unwrap();
    assert_eq!(mentoring["change"], "starts");
    assert!(mentoring["from"].is_null());
    assert_eq!(mentoring["to"]["id"], "mentors");
}

#[test]
fn checklist_items_newly_expected_are_listed_by_label() {
    let out = levelup(&["rubric", "diff", "l2", "l3", "--rubric", CHECKLIST, "-f", "json"])
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let dims = v["dimensions"].as_array().unwrap();
    let leadership = dims.iter().find(|d| d["id"] == "leadership").unwrap();
    assert_eq!(leadership["change"], "starts");
    let labels: Vec<&str> = leadership["new_items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"Mentors at least one engineer with regular one-to-ones"),
        "{labels:?}"
    );
    // Only L3's items: none of L2 (already expected) or L4 (not yet).
    for d in dims {
        for i in d["new_items"].as_array().unwrap() {
            assert_eq!(i["level"], "l3", "{i}");
        }
        assert!(d["dropped_items"].as_array().unwrap().is_empty());
    }
    let table = levelup(&["rubric", "diff", "l2", "l3", "--rubric", CHECKLIST])
        .ok()
        .stdout;
    assert!(table.contains("Newly expected:"), "{table}");
    assert!(
        table.contains("- Mentors at least one engineer with regular one-to-ones (l3)"),
        "{table}"
    );
}

#[test]
fn the_same_level_twice_changes_nothing() {
    let out = levelup(&["rubric", "diff", "staff", "Staff Engineer"]).ok().stdout;
    assert!(out.contains("The same level: nothing changes."), "{out}");
    let json = levelup(&["rubric", "diff", "staff", "staff", "-f", "json"]).ok().stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["direction"], "same");
    assert!(
        v["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["change"] == "same")
    );
}

#[test]
fn points_ladders_show_the_threshold_and_minimums_changing() {
    let rubric = "examples/rubrics/points-ladder.yaml";
    let json = levelup(&["rubric", "diff", "e3", "e4", "--rubric", rubric, "-f", "json"])
        .ok()
        .stdout;
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    // thresholds: { e1: 0, e2: 8, e3: 20, e4: 34, e5: 50 }; Staff (e4) needs 3 points a dimension.
    assert_eq!(v["threshold"]["from"], 20.0);
    assert_eq!(v["threshold"]["to"], 34.0);
    let d = &v["dimensions"][0];
    assert!(d["min_points"]["from"].is_null(), "{d}");
    assert_eq!(d["min_points"]["to"], 3.0);
    let text = levelup(&["rubric", "diff", "e3", "e4", "--rubric", rubric]).ok().stdout;
    assert!(text.contains("Points needed: 20 → 34"), "{text}");
    assert!(text.contains("Minimum points: none → 3"), "{text}");
    let grid = levelup(&["rubric", "show", rubric, "--grid", "-f", "markdown"])
        .ok()
        .stdout;
    let table = &gfm_tables(&grid)[0];
    let needed = table.iter().find(|row| row[0] == "Points needed").unwrap();
    assert_eq!(needed[1..], ["0", "8", "20", "34", "50"]);
}

#[test]
fn bad_input_is_exit_2_with_a_message() {
    let out = levelup(&["rubric", "diff", "senior", "principal"]).bad();
    assert!(
        out.stderr.contains("unknown level 'principal' (TO)") && out.stderr.contains("senior or staff"),
        "{}",
        out.stderr
    );
    let out = levelup(&["rubric", "diff", "nope", "e2", "--rubric", PROFILE]).bad();
    assert!(
        out.stderr.contains("'nope' (FROM)") && out.stderr.contains("e1, e2, senior, staff or principal"),
        "{}",
        out.stderr
    );
    let out = levelup(&["rubric", "diff", "senior", "staff", "--rubric", "no/such/rubric.yaml"]).bad();
    assert!(
        out.stderr.contains("unknown rubric 'no/such/rubric.yaml'"),
        "{}",
        out.stderr
    );
    let out = levelup(&["rubric", "show", "no-such-file.yaml", "--grid"]).bad();
    assert!(
        out.stderr.contains("unknown rubric 'no-such-file.yaml'"),
        "{}",
        out.stderr
    );
    let out = levelup(&["rubric", "show", "senior-staff", "-f", "html"]).bad();
    assert!(out.stderr.contains("add --grid"), "{}", out.stderr);
    let out = levelup(&["rubric", "diff", "senior"]).bad();
    assert!(out.stderr.contains("<TO>"), "{}", out.stderr);
}

#[test]
fn the_config_rubric_and_format_count_and_o_writes_a_file() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("levelup");
    std::fs::create_dir_all(&dir).unwrap();
    let profile = crate::support::path(PROFILE);
    std::fs::write(
        dir.join("config.toml"),
        format!("rubric = {:?}\nformat = \"markdown\"\n", profile.display().to_string()),
    )
    .unwrap();
    let out = levelup(&["rubric", "diff", "senior", "staff"])
        .env("XDG_CONFIG_HOME", home.path())
        .ok()
        .stdout;
    assert!(out.starts_with("# Senior Engineer → Staff Engineer"), "{out}");
    assert!(out.contains("profile-ladder"), "{out}");
    let grid = levelup(&["rubric", "show", "--grid"])
        .env("XDG_CONFIG_HOME", home.path())
        .ok()
        .stdout;
    assert!(grid.contains("| Dimension | Engineer I |"), "{grid}");
    // Without a config: the built-in rubric.
    let builtin = levelup(&["rubric", "show", "--grid"]).ok().stdout;
    assert!(builtin.contains("Senior → Staff Engineer"), "{builtin}");
    // -o writes the file, refuses to replace it without --force.
    let file = home.path().join("grid.html");
    let f = file.to_str().unwrap();
    let out = levelup(&["rubric", "show", "--grid", "-f", "html", "-o", f]).ok();
    assert!(out.stdout.is_empty());
    assert!(std::fs::read_to_string(&file).unwrap().starts_with("<!doctype html>"));
    let again = levelup(&["rubric", "diff", "senior", "staff", "-o", f]).bad();
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    levelup(&["rubric", "diff", "senior", "staff", "-o", f, "--force"]).ok();
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("Senior Engineer → Staff Engineer")
    );
}

#[test]
fn the_grid_fits_the_width() {
    for rubric in ["senior-staff", PROFILE, CHECKLIST] {
        let wide = levelup(&["rubric", "show", rubric, "--grid"])
            .env("COLUMNS", "200")
            .ok()
            .stdout;
        let tables = |t: &str| t.lines().filter(|l| l.starts_with('┌')).count();
        assert_eq!(tables(&wide), 1, "{rubric} at 200: one table\n{wide}");
        for width in [60, 200] {
            let out = levelup(&["rubric", "show", rubric, "--grid"])
                .env("COLUMNS", width.to_string())
                .ok()
                .stdout;
            for line in out.lines() {
                assert!(columns(line) <= width, "{rubric} at {width}: {line}");
            }
        }
        let diff = match rubric {
            "senior-staff" => vec!["rubric", "diff", "senior", "staff"],
            PROFILE => vec!["rubric", "diff", "e1", "principal", "--rubric", PROFILE],
            _ => vec!["rubric", "diff", "l1", "l5", "--rubric", CHECKLIST],
        };
        let out = levelup(&diff).env("COLUMNS", "60").ok().stdout;
        for line in out.lines() {
            assert!(columns(line) <= 60, "{diff:?} at 60: {line}");
        }
    }
    // The profile ladder's five levels do not fit 60 columns side by side:
    // the grid is split, and every step title is still shown whole.
    let narrow = levelup(&["rubric", "show", PROFILE, "--grid"])
        .env("COLUMNS", "60")
        .ok()
        .stdout;
    assert!(narrow.lines().filter(|l| l.starts_with('┌')).count() > 1, "{narrow}");
    for step in [
        "Learning",
        "Independent",
        "Expert",
        "Fluent",
        "Multiplies",
        "Influential",
    ] {
        assert!(narrow.contains(step), "{step}: {narrow}");
    }
    // Far too narrow for any table: a list, level by level.
    let tiny = levelup(&["rubric", "show", PROFILE, "--grid"])
        .env("COLUMNS", "30")
        .ok()
        .stdout;
    assert!(!tiny.contains('┌'), "{tiny}");
    assert!(tiny.contains("  Mentoring and leadership: —"), "{tiny}");
}

#[test]
fn lang_c_gets_ascii() {
    for args in [
        vec!["rubric", "diff", "senior", "staff"],
        vec!["rubric", "diff", "e2", "staff", "--rubric", PROFILE, "-f", "markdown"],
        vec!["rubric", "diff", "e2", "staff", "--rubric", PROFILE, "-f", "json"],
        vec!["rubric", "show", PROFILE, "--grid"],
        vec!["rubric", "show", PROFILE, "--grid", "-f", "markdown"],
        vec!["rubric", "show", PROFILE, "--grid", "-f", "html"],
    ] {
        let out = levelup(&args).env("LANG", "C").env("COLUMNS", "60").ok().stdout;
        assert!(out.is_ascii(), "{args:?}:\n{out}");
        if args.len() == 4 {
            for line in out.lines() {
                assert!(line.len() <= 60, "{args:?}: {line}");
            }
        }
    }
    let grid = levelup(&["rubric", "show", PROFILE, "--grid"])
        .env("LANG", "C")
        .ok()
        .stdout;
    assert!(grid.contains("| -  "), "not expected is '-' in ASCII: {grid}");
}

/// A rubric whose words try to be terminal controls, Markdown structure and HTML.
fn hostile_rubric(dir: &std::path::Path) -> String {
    let file = dir.join("hostile.yaml");
    std::fs::write(
        &file,
        r##"format: 2
id: hostile
version: "1 <b>"
title: "Evil \e[31mred\e[0m | <script>alert(1)</script>"
levels:
  - { id: a, title: "A | <i>one</i>", summary: s }
  - { id: b, title: "# B \u202e", summary: s }
categories:
  - { id: k, title: "*Cat* <b>" }
dimensions:
  - id: d
    title: "D | [x](http://e.com) \a"
    category: k
    summary: s
    steps:
      - { id: s1, title: "S1 <script>", description: "desc\nwith line | `code`" }
      - { id: s2, title: "**S2** \u009b", description: "> quoted" }
    expects: { a: s1, b: s2 }
    questions:
      - id: d.q
        kind: choice
        prompt: p
        choices:
          - { id: c1, label: one, step: s1 }
          - { id: c2, label: two, step: s2 }
    actions: [act]
  - id: e
    title: "# E\n- not a list"
    category: k
    summary: s
    levels: { a: "<img src=x onerror=alert(1)>", b: "\e]0;title\a | b" }
    questions:
      - id: e.q
        kind: checklist
        prompt: p
        items:
          - { id: i1, label: "- item <script>x</script> | \e[2J", level: b }
          - { id: i0, label: "base", level: a }
    actions: [act]
"##,
    )
    .unwrap();
    file.display().to_string()
}

/// Characters that must never reach a terminal raw.
fn raw_control(c: char) -> bool {
    (c.is_control() && c != '\n') || ('\u{202a}'..='\u{202e}').contains(&c)
}

#[test]
fn hostile_rubric_text_stays_data_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = hostile_rubric(dir.path());
    let runs: Vec<(&str, Vec<&str>)> = vec![
        ("table", vec!["rubric", "diff", "a", "b", "--rubric", &rubric]),
        (
            "markdown",
            vec!["rubric", "diff", "a", "b", "--rubric", &rubric, "-f", "markdown"],
        ),
        (
            "json",
            vec!["rubric", "diff", "a", "b", "--rubric", &rubric, "-f", "json"],
        ),
        ("table", vec!["rubric", "show", &rubric, "--grid"]),
        ("markdown", vec!["rubric", "show", &rubric, "--grid", "-f", "markdown"]),
        ("html", vec!["rubric", "show", &rubric, "--grid", "-f", "html"]),
    ];
    for (format, args) in runs {
        let out = levelup(&args).ok().stdout;
        let raw: Vec<char> = out.chars().filter(|&c| raw_control(c)).collect();
        assert!(raw.is_empty(), "{args:?}: raw {raw:?}\n{out}");
        match format {
            "table" => {
                assert!(out.contains("\\u001b[31mred"), "shown as an escape: {out}");
                // The line break inside a title does not start a line of its own.
                assert!(
                    !out.lines().any(|l| l.trim_start().starts_with("- not a list")),
                    "{out}"
                );
            }
            "markdown" => {
                assert!(!out.replace("\\<", "").contains('<'), "no HTML: {out}");
                for line in out.lines() {
                    assert!(!line.starts_with("# B ") && !line.starts_with("- not a list"), "{line}");
                    assert!(!line.starts_with("# E ") && !line.starts_with("> quoted"), "{line}");
                }
                // Every table row keeps its cells: a '|' in the data is escaped.
                for table in gfm_tables(&out) {
                    let columns = table[0].len();
                    assert!(table.iter().all(|row| row.len() == columns), "{table:?}");
                }
                assert!(out.contains("D \\| \\[x\\](http\\://e.com)"), "{out}");
            }
            "json" => {
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert_eq!(
                    v["rubric"]["title"],
                    "Evil \u{1b}[31mred\u{1b}[0m | <script>alert(1)</script>"
                );
                let e = &v["dimensions"][1];
                assert_eq!(e["new_items"][0]["label"], "- item <script>x</script> | \u{1b}[2J");
                assert_eq!(
                    e["new_items"].as_array().unwrap().len(),
                    1,
                    "the first level's item was expected at a"
                );
            }
            _ => {
                assert!(
                    !out.contains("<script") && !out.contains("<img") && !out.contains("<i>"),
                    "{out}"
                );
                assert!(out.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"), "{out}");
                assert!(
                    out.contains("<th scope=\"row\" class=\"category\">*Cat* &lt;b&gt;</th>"),
                    "{out}"
                );
            }
        }
    }
}

#[test]
fn the_readme_examples_are_real_output() {
    let readme = std::fs::read_to_string(crate::support::path("README.md")).unwrap();
    let grid = levelup(&["rubric", "show", PROFILE, "--grid"]).ok().stdout;
    assert!(
        readme.contains(&grid),
        "README's grid is not what levelup prints:\n{grid}"
    );
    let diff = levelup(&["rubric", "diff", "senior", "staff", "--rubric", PROFILE])
        .ok()
        .stdout;
    let shown: String = diff.lines().take(19).map(|l| format!("{l}\n")).collect();
    assert!(
        readme.contains(&shown),
        "README's diff is not what levelup prints:\n{shown}"
    );
    let checklist = levelup(&["rubric", "diff", "l2", "l3", "--rubric", CHECKLIST])
        .ok()
        .stdout;
    let tail = &checklist[checklist.find("People leadership: starts").unwrap()..];
    assert!(
        readme.contains(tail),
        "README's checklist diff is not what levelup prints:\n{tail}"
    );
}

#[test]
fn o_never_replaces_the_config_rubric_it_reads() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("levelup");
    std::fs::create_dir_all(&dir).unwrap();
    let rubric = home.path().join("ladder.yaml");
    let text = std::fs::read_to_string(crate::support::path(PROFILE)).unwrap();
    std::fs::write(&rubric, &text).unwrap();
    std::fs::write(
        dir.join("config.toml"),
        format!("rubric = {:?}\n", rubric.display().to_string()),
    )
    .unwrap();
    let r = rubric.to_str().unwrap();
    for args in [
        vec!["rubric", "show", "--grid", "-o", r, "--force"],
        vec!["rubric", "diff", "senior", "staff", "-o", r, "--force"],
    ] {
        let out = levelup(&args).env("XDG_CONFIG_HOME", home.path()).bad();
        assert!(out.stderr.contains("ladder.yaml"), "{args:?}: {}", out.stderr);
        assert_eq!(
            std::fs::read_to_string(&rubric).unwrap(),
            text,
            "{args:?} replaced the rubric"
        );
    }
}
