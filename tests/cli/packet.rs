//! `levelup packet`: the promotion packet from the shipped examples, stale
//! evidence, saved runs, hostile text and bad input; and the stale marker in
//! `history`.

use crate::support::{levelup, path};
use std::path::Path;

/// `examples/answers/EXAMPLE.yaml` copied into `dir` as `file`, its `name:`
/// and `date:` lines replaced: the examples are of several people, all dated
/// 2026.
fn copy_as(dir: &Path, example: &str, file: &str, name: &str, date: &str) -> String {
    let text = std::fs::read_to_string(path(&format!("examples/answers/{example}.yaml"))).unwrap();
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("name:") {
                format!("name: {name}")
            } else if l.starts_with("date:") {
                format!("date: {date}")
            } else {
                l.to_string()
            }
        })
        .collect();
    let out = dir.join(file);
    std::fs::write(&out, lines.join("\n") + "\n").unwrap();
    out.display().to_string()
}

/// Sam's two answers files, fourteen months apart: on-the-way (2025-01-15)
/// and staff (2026-03-02).
fn sam_over_time(dir: &Path) -> (String, String) {
    (
        copy_as(dir, "on-the-way", "sam-2025.yaml", "Sam", "2025-01-15"),
        copy_as(dir, "staff", "sam-2026.yaml", "Sam", "2026-03-02"),
    )
}

/// The evidence lines of one dimension's section of a Markdown packet.
fn evidence_lines<'a>(md: &'a str, dimension: &str) -> Vec<&'a str> {
    let start = md.find(&format!("## {dimension}")).expect("the dimension's section");
    let section = &md[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |e| e + 3);
    let section = &section[..end];
    let Some(from) = section.find("**Evidence:**") else {
        return Vec::new();
    };
    section[from..]
        .lines()
        .skip(1)
        .skip_while(|l| l.is_empty())
        .take_while(|l| l.starts_with("- "))
        .collect()
}

#[test]
fn packets_from_the_format_2_examples() {
    for (example, format) in [
        ("profile-ladder", "markdown"),
        ("profile-ladder", "html"),
        ("checklist-ladder", "markdown"),
        ("points-ladder", "markdown"),
    ] {
        let out = levelup(&[
            "packet",
            &format!("examples/answers/{example}.yaml"),
            "--rubric",
            &format!("examples/rubrics/{example}.yaml"),
            "--as-of",
            "2026-12-01",
            "-f",
            format,
        ])
        .ok();
        insta::assert_snapshot!(format!("packet-{example}-{format}"), out.stdout);
    }
}

#[test]
fn the_packet_says_what_the_report_says() {
    // The gaps and missing items are the assessment's: read them from its JSON report, not by hand.
    let report = levelup(&[
        "assess",
        "--answers",
        "examples/answers/checklist-ladder.yaml",
        "--rubric",
        "examples/rubrics/checklist-ladder.yaml",
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let report: levelup::report::Report = serde_json::from_str(&report).unwrap();
    let md = levelup(&[
        "packet",
        "examples/answers/checklist-ladder.yaml",
        "--rubric",
        "examples/rubrics/checklist-ladder.yaml",
    ])
    .ok()
    .stdout;
    assert!(
        md.contains(&format!("estimated {}", report.estimate.level.title)),
        "{md}"
    );
    assert!(md.contains(&format!("{}%", report.readiness)), "{md}");
    for d in &report.dimensions {
        assert!(md.contains(&format!("## {}", d.title)), "{} is expected: {md}", d.title);
        for m in &d.missing {
            // A met dimension's unticked items are said to be no gap.
            let said = if d.reached {
                format!("Not yet ticked, not needed to meet it: {}", m.label)
            } else {
                format!("Not yet ticked: {}", m.label)
            };
            assert!(md.contains(&said), "{}: {md}", m.label);
        }
        match &d.evidence {
            Some(e) => assert!(
                evidence_lines(&md, &d.title).iter().any(|l| l.ends_with(e.as_str())),
                "{e}"
            ),
            None => assert!(evidence_lines(&md, &d.title).is_empty(), "{}: {md}", d.title),
        }
        if !d.reached {
            let (step, target) = (d.step.clone().unwrap(), d.target_step.clone().unwrap());
            assert!(
                md.contains(&format!("{step}, the target expects {target}:")),
                "{}: {md}",
                d.title
            );
        }
    }
    let no_evidence = report.dimensions.iter().filter(|d| d.evidence.is_none()).count();
    assert_eq!(md.matches("- No evidence given").count(), no_evidence, "{md}");
}

#[test]
fn stale_evidence_is_marked_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = sam_over_time(dir.path());
    let run = |format: &str| {
        levelup(&["packet", &old, &new, "--as-of", "2026-06-01", "-f", format])
            .ok()
            .stdout
    };
    let md = run("markdown");
    let scope = evidence_lines(&md, "Scope");
    assert_eq!(
        scope,
        [
            "- 2026-03-02: Led the event-streaming migration across five teams (backend, infrastructure, data).",
            "- 2025-01-15 (stale): Driving the move from the old job scheduler to the shared queue across three teams.",
        ],
        "newest first, the old one stale:\n{md}"
    );
    assert_eq!(md.matches("(stale)").count(), 1, "{md}");
    assert!(
        md.contains("  - sam-2026.yaml — answers file, 2026-03-02 — the assessment\n"),
        "{md}"
    );
    insta::assert_snapshot!("packet-stale-markdown", md);
    let html = run("html");
    assert_eq!(
        html.matches(r#"<span class="stale">stale</span></span>"#).count(),
        1,
        "{html}"
    );
    insta::assert_snapshot!("packet-stale-html", html);

    // Within 18 months nothing is stale; 0 months makes everything before the day stale.
    let md = levelup(&["packet", &old, &new, "--as-of", "2026-06-01", "--stale-after", "18"])
        .ok()
        .stdout;
    assert!(!md.contains("(stale)"), "{md}");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "stale_after_months = 0\n").unwrap();
    let md = levelup(&[
        "--config",
        config.to_str().unwrap(),
        "packet",
        &old,
        &new,
        "--as-of",
        "2026-06-01",
    ])
    .ok()
    .stdout;
    assert_eq!(md.matches("(stale)").count(), 3, "the config's months: {md}");
}

#[test]
fn the_newest_input_gives_the_assessment_whatever_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = sam_over_time(dir.path());
    let a = levelup(&["packet", &old, &new, "--as-of", "2026-06-01"]).ok().stdout;
    let b = levelup(&["packet", &new, &old, "--as-of", "2026-06-01"]).ok().stdout;
    assert_eq!(a, b);
    assert!(a.contains("(from the input of 2026-03-02)"), "{a}");
    // Another target scores the newest answers again.
    let senior = levelup(&["packet", &old, &new, "--target", "senior"]).ok().stdout;
    assert!(
        senior.starts_with("# Promotion packet: Sam towards Senior Engineer"),
        "{senior}"
    );
    assert!(!senior.contains("the target expects Staff Engineer"), "{senior}");
}

#[test]
fn packet_from_saved_runs_of_one_person() {
    let data = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = sam_over_time(dir.path());
    let save = |answers: &str| {
        levelup(&["assess", "--answers", answers, "--save", "-f", "json"])
            .env("XDG_DATA_HOME", data.path())
            .ok();
    };
    save(&old);
    save(&new);
    let packet = |args: &[&str]| {
        let mut all = vec!["packet", "--as-of", "2026-06-01"];
        all.extend(args);
        levelup(&all).env("XDG_DATA_HOME", data.path())
    };
    let md = packet(&[]).ok().stdout;
    assert_eq!(evidence_lines(&md, "Scope").len(), 2, "{md}");
    assert!(evidence_lines(&md, "Scope")[1].contains("(stale)"), "{md}");
    assert_eq!(md.matches("— saved run, ").count(), 2, "{md}");

    // History marks the older run stale, in every format.
    let rows = levelup(&["history", "-f", "json", "--as-of", "2026-06-01"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    let rows: serde_json::Value = serde_json::from_str(&rows).unwrap();
    let stale: Vec<bool> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["stale"].as_bool().unwrap())
        .collect();
    assert_eq!(stale, [true, false]);
    let md = levelup(&["history", "-f", "markdown", "--as-of", "2026-06-01"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    let tables = crate::support::gfm_tables(&md);
    assert_eq!(tables[0][1][2], "2025-01-15 (stale)", "{md}");
    assert_eq!(tables[0][2][2], "2026-03-02", "{md}");
    assert!(md.contains("(stale): the run holds evidence"), "{md}");
    let table = levelup(&["history", "--as-of", "2026-06-01"])
        .env("XDG_DATA_HOME", data.path())
        .env("COLUMNS", "100")
        .ok()
        .stdout;
    assert!(
        table.contains("(stale)") && table.contains("more than 12 months"),
        "{table}"
    );
    assert!(table.lines().all(|l| l.chars().count() <= 100), "{table}");
    // Not stale on the day the runs were dated.
    let table = levelup(&["history", "--as-of", "2026-03-02", "--stale-after", "14"])
        .env("XDG_DATA_HOME", data.path())
        .ok()
        .stdout;
    assert!(!table.contains("stale"), "{table}");

    // A second person: packet asks who, naming both.
    save("examples/answers/senior.yaml");
    let err = packet(&[]).bad().stderr;
    assert!(err.contains("Priya and Sam") && err.contains("--name"), "{err}");
    let md = packet(&["--name", "sam"]).ok().stdout;
    assert!(md.starts_with("# Promotion packet: Sam towards Staff Engineer"), "{md}");
    let err = packet(&["--name", "Dana"]).bad().stderr;
    assert!(err.contains("'Dana'") && err.contains("Priya or Sam"), "{err}");

    // Sam on a second ladder: packet asks which.
    let acme = copy_as(dir.path(), "acme-senior-staff", "acme.yaml", "Sam", "2026-04-01");
    let rubric = path("examples/rubrics/acme-senior-staff.yaml");
    levelup(&[
        "assess",
        "--answers",
        &acme,
        "--rubric",
        rubric.to_str().unwrap(),
        "--save",
    ])
    .env("XDG_DATA_HOME", data.path())
    .ok();
    let err = packet(&["--name", "sam"]).bad().stderr;
    assert!(
        err.contains("'acme-senior-staff' and 'senior-staff'") && err.contains("--rubric"),
        "{err}"
    );
    let md = packet(&["--name", "sam", "--rubric", "senior-staff"]).ok().stdout;
    assert_eq!(md.matches("— saved run, ").count(), 2, "{md}");
}

#[test]
fn hostile_evidence_stays_text() {
    let dir = tempfile::tempdir().unwrap();
    let file = copy_as(dir.path(), "staff", "hostile.yaml", "Sam", "2026-03-02");
    let text = std::fs::read_to_string(&file).unwrap();
    let hostile = "  scope: \"<script>alert(1)</script> | a | b |\\n# Promoted already\\n\\u001b[31mred\\u0007 [link](http://x.example) **bold**\"\n";
    let text = text
        .lines()
        .map(|l| {
            if l.starts_with("  scope:") {
                hostile.trim_end().to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n";
    std::fs::write(&file, text).unwrap();
    let md = levelup(&["packet", &file]).ok().stdout;
    assert!(
        !md.contains('\u{1b}') && !md.contains('\u{7}'),
        "no raw control character: {md:?}"
    );
    assert!(md.contains("\\u001b"), "shown as an escape: {md}");
    assert!(!md.contains("\n# Promoted"), "evidence adds no heading: {md}");
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains("\\<script\\>") && md.contains("\\| a \\|"), "{md}");
    // A Markdown parser sees no link, no HTML and exactly the headings the packet makes.
    use pulldown_cmark::{Event, Parser, Tag};
    let mut headings = 0;
    for event in Parser::new(&md) {
        match event {
            Event::Start(Tag::Link { .. }) | Event::Html(_) | Event::InlineHtml(_) => panic!("{event:?} in {md}"),
            Event::Start(Tag::Heading { .. }) => headings += 1,
            _ => {}
        }
    }
    let expected = levelup(&["packet", "examples/answers/staff.yaml"]).ok().stdout;
    assert_eq!(
        headings,
        expected.lines().filter(|l| l.starts_with('#')).count(),
        "{md}"
    );

    let html = levelup(&["packet", &file, "-f", "html"]).ok().stdout;
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"), "{html}");
    assert!(!html.contains('\u{1b}') && html.contains("\\u001b"), "{html}");
    for external in ["<link", "src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn bad_input_exits_2_naming_the_file_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (old, _) = sam_over_time(dir.path());
    let err = levelup(&["packet", &old, "examples/answers/senior.yaml"]).bad().stderr;
    assert!(
        err.contains("sam-2025.yaml is for Sam") && err.contains("senior.yaml for Priya"),
        "names both people: {err}"
    );
    let err = levelup(&["packet", "examples/rubrics/starter.yaml"]).bad().stderr;
    assert!(
        err.contains("examples/rubrics/starter.yaml is neither a saved levelup run")
            && err.contains("nor an answers file"),
        "{err}"
    );
    // The problems are listed on lines of their own, as assess lists them.
    let empty = dir.path().join("empty.yaml");
    std::fs::write(&empty, "").unwrap();
    let empty = empty.display().to_string();
    for (file, problem) in [
        ("README.md", "  README.md:3:1: ".to_string()),
        (empty.as_str(), format!("  {empty}: the file is empty")),
    ] {
        let err = levelup(&["packet", file]).bad().stderr;
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{err}");
        assert!(
            lines[0].contains(&format!("{file} is neither a saved levelup run"))
                && lines[0].ends_with(&format!("answers file {file} has 1 problem:")),
            "{err}"
        );
        assert!(lines[1].starts_with(&problem), "{err}");
    }
    let err = levelup(&["packet", "no-such-file.yaml"]).bad().stderr;
    assert!(err.contains("no-such-file.yaml"), "{err}");
    let err = levelup(&[
        "packet",
        &old,
        "examples/answers/profile-ladder.yaml",
        "--rubric",
        "examples/rubrics/profile-ladder.yaml",
    ])
    .bad()
    .stderr;
    assert!(err.contains("rubric"), "{err}");
    let err = levelup(&["packet"]).bad().stderr;
    assert!(err.contains("no saved runs") && err.contains("assess --save"), "{err}");
    let err = levelup(&["packet", &old, "--as-of", "2026-13-01"]).bad().stderr;
    assert!(err.contains("YYYY-MM-DD"), "{err}");

    // -o: written atomically, never over an existing file without --force.
    let out = dir.path().join("packet.md");
    levelup(&["packet", &old, "-o", out.to_str().unwrap()]).ok();
    let first = std::fs::read_to_string(&out).unwrap();
    assert!(first.starts_with("# Promotion packet: Sam"), "{first}");
    std::fs::write(&out, "mine").unwrap();
    let err = levelup(&["packet", &old, "-o", out.to_str().unwrap(), "-f", "html"])
        .bad()
        .stderr;
    assert!(err.contains("packet.md") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine", "left alone");
    levelup(&["packet", &old, "-o", out.to_str().unwrap(), "-f", "html", "--force"]).ok();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("<!doctype html>"));
    // A bad input with -o writes nothing.
    let none = dir.path().join("none.md");
    levelup(&[
        "packet",
        &old,
        "examples/answers/senior.yaml",
        "-o",
        none.to_str().unwrap(),
    ])
    .bad();
    assert!(!none.exists());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left: {leftovers:?}");
}

#[test]
fn stale_after_and_as_of_take_sensible_values_only() {
    let data = tempfile::tempdir().unwrap();
    levelup(&["assess", "--answers", "examples/answers/on-the-way.yaml", "--save"])
        .env("XDG_DATA_HOME", data.path())
        .ok();
    let answers = "examples/answers/staff.yaml";
    // Beyond 1200 months (100 years): refused by both commands, not a panic.
    for months in ["1201", "100000", "239977", "4000000000"] {
        for args in [
            &["packet", answers, "--stale-after", months][..],
            &["history", "--stale-after", months],
        ] {
            let err = levelup(args).env("XDG_DATA_HOME", data.path()).bad().stderr;
            assert!(
                err.contains(&format!("--stale-after: '{months}'")) && err.contains("from 0 to 1200"),
                "{args:?}: {err}"
            );
        }
    }
    // 1200 works, with a cutoff a hundred years back.
    let md = levelup(&["packet", answers, "--stale-after", "1200", "--as-of", "2026-06-01"])
        .ok()
        .stdout;
    assert!(
        md.contains("evidence dated before 1926-06-01, more than 1200 months before 2026-06-01"),
        "{md}"
    );
    levelup(&["history", "--stale-after", "1200"])
        .env("XDG_DATA_HOME", data.path())
        .ok();

    // The config's stale_after_months: the same range, the file and key named.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let shown = config.display().to_string();
    for value in ["4000000000", "239977", "1201", "\"x\"", "-3"] {
        std::fs::write(&config, format!("stale_after_months = {value}\n")).unwrap();
        for args in [
            &["--config", &shown, "packet", answers][..],
            &["--config", &shown, "history"],
        ] {
            let err = levelup(args).env("XDG_DATA_HOME", data.path()).bad().stderr;
            assert!(
                err.contains(&format!(
                    "{shown}:1:22: stale_after_months = {value} is not a whole number of months from 0 to 1200"
                )),
                "{value}: {err}"
            );
            assert!(!err.contains("u32"), "{err}");
        }
    }

    // --as-of: exactly YYYY-MM-DD, a real day; the message is plain.
    for day in [
        "2026-13-01",
        "2026-02-30",
        "2026-06-01T00:00",
        "+002026-06-01",
        "-009999-01-01",
    ] {
        for args in [
            &["packet", answers, &format!("--as-of={day}")][..],
            &["history", &format!("--as-of={day}")],
        ] {
            let err = levelup(args).bad().stderr;
            assert_eq!(
                err.trim_end(),
                format!("error: --as-of: '{day}' is not a date; expected YYYY-MM-DD, e.g. 2026-06-01"),
                "{args:?}"
            );
        }
    }
}

#[test]
fn the_readme_packet_is_real_output() {
    let readme = std::fs::read_to_string(path("README.md")).unwrap();
    let command = "levelup packet examples/answers/staff.yaml --as-of 2027-06-01";
    assert!(readme.contains(&format!("`{command}`")), "the README names the command");
    let start = readme
        .find("  ```markdown\n  # Promotion packet: Marcus")
        .expect("the README shows Marcus's packet");
    let block = &readme[start + "  ```markdown\n".len()..];
    let block = &block[..block.find("  ```\n").unwrap()];
    let shown: String = block
        .lines()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .map(|l| format!("{l}\n"))
        .collect();
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    let md = levelup(&args).ok().stdout;
    assert!(md.contains("(stale)"), "{md}");
    // Each part between the cuts, marked (…), is printed as shown.
    let parts: Vec<&str> = shown.split("\n(…").collect();
    assert_eq!(parts.len(), 3, "{shown}");
    for (n, part) in parts.iter().enumerate() {
        let part = if n == 0 {
            part
        } else {
            &part[part.find('\n').unwrap() + 1..]
        };
        assert!(md.contains(part.trim()), "not what levelup prints:\n{part}\n---\n{md}");
    }
}

#[test]
fn an_undated_input_says_where_its_date_comes_from() {
    let text = std::fs::read_to_string(path("examples/answers/staff.yaml")).unwrap();
    let undated: String = text
        .lines()
        .filter(|l| !l.starts_with("date:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("undated.yaml");
    std::fs::write(&file, &undated).unwrap();
    let md = levelup(&["packet", file.to_str().unwrap()]).ok().stdout;
    assert!(
        md.contains("undated.yaml — answers file, ")
            && md.contains("(no date in the file: the day it was last changed)"),
        "{md}"
    );
    let md = levelup(&["packet", "-"]).stdin(&undated).ok().stdout;
    assert!(
        md.contains("  - \\<stdin\\> — answers file, ") && md.contains("(no date given: today)"),
        "{md}"
    );
}

/// A manager's or peer's answers file is not the person's own words: the
/// packet refuses it, naming the file (from a newcomer's trial).
#[test]
fn a_raters_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let own = std::fs::read_to_string(crate::support::path("examples/answers/staff.yaml")).unwrap();
    let mgr = dir.path().join("mgr.yaml");
    std::fs::write(&mgr, format!("rater: manager\nrater_name: Robin\n{own}")).unwrap();
    let out = levelup(&["packet", "examples/answers/staff.yaml", mgr.to_str().unwrap()]).bad();
    assert!(out.stderr.contains("mgr.yaml is a manager rating"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

/// Where every piece of a dimension's evidence is stale, the packet says
/// there is no recent evidence rather than "meets it, with evidence".
#[test]
fn only_stale_evidence_is_said_to_be_no_recent_evidence() {
    let md = levelup(&["packet", "examples/answers/staff.yaml", "--as-of", "2030-01-01"])
        .ok()
        .stdout;
    assert!(md.contains("No recent evidence: all of it is stale"), "{md}");
    assert!(!md.contains("meets what Staff Engineer expects, with evidence"), "{md}");
}
