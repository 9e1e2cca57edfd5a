//! The radar chart, bars and HTML report from the command line.

use crate::support::levelup;

const EXAMPLES: [&str; 3] = ["senior", "staff", "on-the-way"];

#[test]
fn chart_snapshots_for_the_examples() {
    let dir = tempfile::tempdir().unwrap();
    for example in EXAMPLES {
        let chart = dir.path().join(format!("{example}.svg"));
        let answers = format!("examples/answers/{example}.yaml");
        levelup(&[
            "assess",
            "--answers",
            &answers,
            "--chart",
            chart.to_str().unwrap(),
            "-f",
            "json",
        ])
        .ok();
        let svg = std::fs::read_to_string(&chart).unwrap();
        assert_eq!(
            svg.matches(r#"<line class="lu-axis""#).count(),
            crate::support::scored_dimensions(),
            "one axis per scored dimension (coding time is a signal)"
        );
        assert_eq!(
            svg.matches(r#"<polygon class="lu-ring""#).count(),
            2,
            "a ring per level"
        );
        assert!(svg.contains("<title id=\"chart-title\">") && svg.contains("<desc id=\"chart-desc\">"));
        insta::assert_snapshot!(format!("chart-{example}"), svg);
    }
}

#[test]
fn chart_is_written_once_and_linked_from_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("radar.svg");
    let report = dir.path().join("gap.md");
    let args = [
        "assess",
        "--answers",
        "examples/answers/staff.yaml",
        "-f",
        "markdown",
        "--chart",
        chart.to_str().unwrap(),
        "-o",
        report.to_str().unwrap(),
    ];
    levelup(&args).ok();
    let md = std::fs::read_to_string(&report).unwrap();
    assert!(
        md.contains("![Radar chart: your profile against Staff Engineer](radar.svg)"),
        "{md}"
    );

    // An existing chart is not replaced without --force, and nothing else is written.
    std::fs::write(&chart, "mine").unwrap();
    std::fs::remove_file(&report).unwrap();
    let err = levelup(&args).bad().stderr;
    assert!(err.contains("radar.svg already exists; pass --force"), "{err}");
    assert_eq!(std::fs::read_to_string(&chart).unwrap(), "mine");
    assert!(!report.exists(), "no report when the chart could not be written");
    let mut forced = args.to_vec();
    forced.push("--force");
    levelup(&forced).ok();
    assert!(std::fs::read_to_string(&chart).unwrap().starts_with("<svg"));
}

#[test]
fn bars_fall_back_to_ascii() {
    let args = ["assess", "--answers", "examples/answers/on-the-way.yaml"];
    let unicode = levelup(&args).ok().stdout;
    assert!(unicode.contains("██████████████████▉░"), "{unicode}");
    let ascii = levelup(&args).env("LANG", "C").ok().stdout;
    assert!(
        ascii.contains("| Scope (ok)") && ascii.contains("###################-"),
        "{ascii}"
    );
    for c in ['─', '│', '┆', '┌', '╞', '█', '░', '▏', '▍', '✓'] {
        assert!(!ascii.contains(c), "{c:?} in the ASCII report:\n{ascii}");
    }
}

#[test]
fn html_report_is_one_page_with_everything() {
    let page = levelup(&["assess", "--answers", "examples/answers/on-the-way.yaml", "-f", "html"])
        .ok()
        .stdout;
    for part in [
        "Estimated level",
        "8 needed",
        "<svg",
        "Dimensions",
        "Top gaps",
        "Next steps",
        "Strengths",
        "Pitfalls",
        "Is Staff Engineer for you?",
        "Pay context",
        "@media print",
        "@media (max-width",
    ] {
        assert!(page.contains(part), "{part} missing");
    }
    assert!(!page.contains("<script"), "no JavaScript");
}

#[test]
fn evidence_with_markup_renders_as_text() {
    let text = std::fs::read_to_string(crate::support::path("examples/answers/staff.yaml"))
        .unwrap()
        .replace(
            "  scope: Led the event-streaming migration across five teams (backend, infrastructure, data).",
            "  scope: \"<script>alert('x')</script> & <b>bold</b> \\\"quoted\\\"\"",
        );
    let page = levelup(&["assess", "--answers", "-", "-f", "html"])
        .stdin(&text)
        .ok()
        .stdout;
    assert!(!page.contains("<script>alert"), "the script tag is inert");
    assert!(!page.contains("<b>bold</b>"));
    assert!(
        page.contains("&lt;script&gt;alert(") && page.contains("&amp; &lt;b&gt;bold&lt;&#x2f;b&gt;"),
        "{page}"
    );
    assert!(page.contains("&quot;quoted&quot;"));
}

/// The README shows `docs/radar-staff.svg`; it must be what levelup draws today.
/// `LEVELUP_BLESS=1 cargo test readme_chart` regenerates it.
#[test]
fn readme_chart_is_current() {
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("radar.svg");
    levelup(&[
        "assess",
        "--answers",
        "examples/answers/staff.yaml",
        "--chart",
        chart.to_str().unwrap(),
        "-f",
        "json",
    ])
    .ok();
    let drawn = std::fs::read_to_string(&chart).unwrap();
    let committed = crate::support::path("docs/radar-staff.svg");
    if crate::support::switch_on("LEVELUP_BLESS") {
        std::fs::write(&committed, &drawn).unwrap();
    }
    let shown = std::fs::read_to_string(&committed).unwrap_or_default();
    assert!(
        shown == drawn,
        "docs/radar-staff.svg is out of date: run `LEVELUP_BLESS=1 cargo test readme_chart`"
    );
}

/// In the HTML table only a gap is shaded: a row that reaches the target (✓)
/// or expects nothing has no gap band, and a gap row has one.
#[test]
fn html_bars_shade_only_gaps() {
    for (rubric, answers) in [
        ("senior-staff", "examples/answers/staff.yaml"),
        (
            "examples/rubrics/points-ladder.yaml",
            "examples/answers/points-ladder.yaml",
        ),
        (
            "examples/rubrics/checklist-ladder.yaml",
            "examples/answers/checklist-ladder.yaml",
        ),
    ] {
        let html = crate::support::levelup(&["assess", "--rubric", rubric, "--answers", answers, "-f", "html"])
            .ok()
            .stdout;
        let rows: Vec<&str> = html
            .lines()
            .filter(|l| l.starts_with("<tr><td>") && l.contains("class=\"bar\""))
            .collect();
        assert!(!rows.is_empty(), "{rubric}");
        for row in rows {
            let reached = row.contains("class=\"reached\"");
            let not_expected = row.contains("not expected");
            let shaded = row.contains("class=\"short\"");
            if reached || not_expected {
                assert!(!shaded, "{rubric}: {row}");
            }
        }
        assert!(html.contains("class=\"short\""), "{rubric}: some gap is shaded");
    }
}

/// The Markdown report links the chart relative to the report's own folder.
#[test]
fn the_markdown_chart_link_is_relative_to_the_report() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("out")).unwrap();
    let answers = crate::support::path("examples/answers/staff.yaml");
    for (report, chart, link) in [
        ("out/gap.md", "radar.svg", "](../radar.svg)"),
        ("gap.md", "out/radar.svg", "](out/radar.svg)"),
        ("out/same.md", "out/r.svg", "](r.svg)"),
    ] {
        crate::support::levelup(&[
            "assess",
            "--answers",
            answers.to_str().unwrap(),
            "-f",
            "markdown",
            "-o",
            report,
            "--chart",
            chart,
        ])
        .current_dir(dir.path())
        .ok();
        let md = std::fs::read_to_string(dir.path().join(report)).unwrap();
        assert!(md.contains(link), "{report} → {chart}: {md}");
    }
}

/// The chart's description (for screen readers) says what the report says:
/// each dimension by its own title, the target's expectation and the
/// person's score in the report's terms.
#[test]
fn the_chart_description_agrees_with_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let chart = dir.path().join("r.svg");
    let json = levelup(&[
        "assess",
        "--rubric",
        "examples/rubrics/profile-ladder.yaml",
        "--answers",
        "examples/answers/profile-ladder.yaml",
        "--chart",
        chart.to_str().unwrap(),
        "-f",
        "json",
    ])
    .ok()
    .stdout;
    let r: levelup::report::Report = serde_json::from_str(&json).unwrap();
    let svg = std::fs::read_to_string(&chart).unwrap();
    let desc = svg
        .split("<desc id=\"chart-desc\">")
        .nth(1)
        .unwrap()
        .split("</desc>")
        .next()
        .unwrap();
    let person = desc.split(". Mira").nth(1).unwrap();
    let target = desc
        .split("Target: Staff Engineer: ")
        .nth(1)
        .unwrap()
        .split(". Mira")
        .next()
        .unwrap();
    for d in &r.dimensions {
        let (step, score) = (d.step.clone().unwrap(), d.score.unwrap());
        assert!(
            person.contains(&format!("{}: {step} · {score:.2}", d.title)),
            "{}: {desc}",
            d.title
        );
        let (tstep, tscore) = (d.target_step.clone().unwrap(), d.target.unwrap());
        assert!(
            target.contains(&format!("{}: {tstep} · {tscore:.2}", d.title)),
            "{}: {desc}",
            d.title
        );
    }
}
