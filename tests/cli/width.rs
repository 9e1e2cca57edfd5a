//! What the terminal gets: reports that fit its width without a split word,
//! pure ASCII when the locale is not UTF-8, and colour on every command when
//! asked for.

use crate::support::{levelup, path};

/// Columns `line` takes on a terminal.
fn columns(line: &str) -> usize {
    textwrap::core::display_width(line)
}

/// Every `assess` run of the examples: (answers, rubric file if not built in).
const EXAMPLES: [(&str, Option<&str>); 6] = [
    ("examples/answers/staff.yaml", None),
    ("examples/answers/senior.yaml", None),
    ("examples/answers/on-the-way.yaml", None),
    (
        "examples/answers/checklist-ladder.yaml",
        Some("examples/rubrics/checklist-ladder.yaml"),
    ),
    (
        "examples/answers/points-ladder.yaml",
        Some("examples/rubrics/points-ladder.yaml"),
    ),
    (
        "examples/answers/profile-ladder.yaml",
        Some("examples/rubrics/profile-ladder.yaml"),
    ),
];

fn assess_args<'a>(answers: &'a str, rubric: Option<&'a str>) -> Vec<&'a str> {
    let mut args = vec!["assess", "--answers", answers];
    if let Some(r) = rubric {
        args.extend(["--rubric", r]);
    }
    args
}

/// The words of a text: what is left between spaces and table borders, bars
/// left out, without the punctuation around them.
fn words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| c.is_whitespace() || "│┆┌┐└┘├┤┬┴┼╞╡╪═─|+".contains(c))
        .map(|w| w.trim_matches([',', '.', ':', ';', '(', ')']))
        .filter(|w| !w.is_empty() && !w.chars().all(|c| ('\u{2580}'..='\u{259f}').contains(&c)))
        .map(String::from)
        .collect()
}

/// Words a narrow terminal gets that a wide one does not: the bar column's
/// short heading, and the list of dimensions.
const NARROW_WORDS: [&str; 8] = ["Pos", "score", "target", "gap", "weight", "a", "signal", "scored"];

#[test]
fn the_table_at_60_columns() {
    let out = levelup(&["assess", "--answers", "examples/answers/staff.yaml"])
        .env("COLUMNS", "60")
        .ok()
        .stdout;
    for line in out.lines() {
        assert!(columns(line) <= 60, "{} columns: {line}", columns(line));
    }
    insta::assert_snapshot!("staff-60-columns", out);
}

#[test]
fn narrow_terminals_get_whole_words_and_whole_bars() {
    for (answers, rubric) in EXAMPLES {
        let args = assess_args(answers, rubric);
        let wide = levelup(&args).env("COLUMNS", "400").ok().stdout;
        let mut known = words(&wide);
        known.extend(NARROW_WORDS.map(String::from));
        for width in [40, 48, 60, 72, 100] {
            let out = levelup(&args).env("COLUMNS", width.to_string()).ok().stdout;
            for line in out.lines() {
                assert!(columns(line) <= width, "{answers} at {width}: {line}");
            }
            // A split word ("Communicat", "ion") would be a word the wide report does not have.
            let split: Vec<String> = words(&out).difference(&known).cloned().collect();
            assert!(split.is_empty(), "{answers} at {width}: split words {split:?}\n{out}");
            // A bar is never cut across two lines: each row's bar ends on the row it starts on.
            for line in out.lines() {
                let blocks = line.chars().filter(|c| ('\u{2580}'..='\u{259f}').contains(c)).count();
                let starts_blank = line.trim_start().starts_with(['░', '▏']);
                assert!(
                    blocks == 0 || !starts_blank,
                    "{answers} at {width}: a bar wrapped: {line}"
                );
            }
        }
    }
    for rubric in ["senior-staff", "examples/rubrics/profile-ladder.yaml"] {
        let wide = levelup(&["rubric", "show", rubric]).env("COLUMNS", "400").ok().stdout;
        let known = words(&wide);
        let out = levelup(&["rubric", "show", rubric]).env("COLUMNS", "60").ok().stdout;
        for line in out.lines() {
            assert!(columns(line) <= 60, "rubric show {rubric}: {line}");
        }
        let split: Vec<String> = words(&out).difference(&known).cloned().collect();
        assert!(split.is_empty(), "rubric show {rubric}: split words {split:?}");
    }
}

/// An answers file for `name`, a copy of staff.yaml.
fn answers_named(dir: &std::path::Path, name: &str) -> String {
    let text = std::fs::read_to_string(path("examples/answers/staff.yaml")).unwrap();
    let file = dir.join("zoë.yaml");
    std::fs::write(&file, text.replace("name: Marcus", &format!("name: {name}"))).unwrap();
    file.display().to_string()
}

#[test]
fn lang_c_output_is_ascii_on_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    // Data that is not ASCII either: a name and a file name.
    let answers = answers_named(dir.path(), "Zoë Ünal 東京");
    let staff = "examples/answers/staff.yaml";
    let mut runs: Vec<Vec<&str>> = Vec::new();
    for format in ["table", "markdown", "json", "html"] {
        runs.push(vec!["assess", "--answers", &answers, "--format", format]);
    }
    runs.extend([
        vec!["assess", "--answers", &answers, "--save"],
        vec!["assess", "--answers", staff, "--save"],
        vec!["history"],
        vec!["history", "--format", "markdown"],
        // compare follows one person: the same file twice is enough to draw it.
        vec!["compare", &answers, &answers],
        vec!["compare", staff, staff, "--format", "markdown"],
        vec!["packet", &answers],
        vec!["packet", staff, "--format", "html"],
        vec!["team", "examples/answers/"],
        vec!["rubric", "show", "senior-staff"],
        vec!["rubric", "show", "senior-staff", "--format", "markdown"],
        vec!["rubric", "list"],
        vec!["template"],
        vec!["--help"],
        vec!["assess", "--help"],
        // Errors: one of levelup's, naming a file that is not ASCII, and a usage error.
        vec!["assess", "--answers", "nöt-here.yaml"],
        vec!["assess", "--format", "tablé"],
    ]);
    for (lang, var) in [("C", "LANG"), ("C", "LC_ALL"), ("POSIX", "LC_CTYPE")] {
        for args in &runs {
            let out = levelup(args).env(var, lang).env("XDG_DATA_HOME", data.path()).run();
            for (stream, text) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                let bad: Vec<char> = text.chars().filter(|c| !c.is_ascii()).collect();
                assert!(bad.is_empty(), "{var}={lang} {args:?}: {bad:?} on {stream}:\n{text}");
            }
            assert!(
                !out.stdout.is_empty() || !out.stderr.is_empty(),
                "{args:?} said nothing"
            );
        }
    }
    // Nothing is lost where the format can escape: JSON reads back the name.
    let json = levelup(&["assess", "--answers", &answers, "-f", "json"])
        .env("LANG", "C")
        .ok()
        .stdout;
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(report["person"]["name"], "Zoë Ünal 東京");
    let html = levelup(&["assess", "--answers", &answers, "-f", "html"])
        .env("LANG", "C")
        .ok()
        .stdout;
    assert!(html.contains("Zo&#xeb; &#xdc;nal &#x6771;&#x4eac;"), "{html}");
    // The table spells what it can in ASCII.
    let table = levelup(&["assess", "--answers", &answers]).env("LANG", "C").ok().stdout;
    assert!(
        table.starts_with("levelup gap report - Zoe Unal ?? - 2026-03-02"),
        "{table}"
    );
    // Spelt in ASCII before it is measured: "->" for "→" still fits the width.
    for args in [
        &["assess", "--answers", "examples/answers/staff.yaml"][..],
        &[
            "assess",
            "--answers",
            "examples/answers/profile-ladder.yaml",
            "--rubric",
            "examples/rubrics/profile-ladder.yaml",
        ],
        &["rubric", "show", "examples/rubrics/profile-ladder.yaml"],
    ] {
        let out = levelup(args).env("LANG", "C").env("COLUMNS", "60").ok().stdout;
        for line in out.lines() {
            assert!(line.len() <= 60, "{args:?}: {line}");
        }
    }
    // A file written with -o stays UTF-8: the locale is the terminal's.
    let file = dir.path().join("report.md");
    levelup(&[
        "assess",
        "--answers",
        &answers,
        "-f",
        "markdown",
        "-o",
        file.to_str().unwrap(),
    ])
    .env("LANG", "C")
    .ok();
    assert!(std::fs::read_to_string(&file).unwrap().contains("Zoë Ünal 東京"));
}

#[test]
fn colour_on_every_command_when_asked() {
    let data = tempfile::tempdir().unwrap();
    // Two runs of one person, for compare without files.
    for answers in ["examples/answers/staff.yaml", "examples/answers/staff.yaml"] {
        levelup(&["assess", "--answers", answers, "--save"])
            .env("XDG_DATA_HOME", data.path())
            .ok();
    }
    let runs: [&[&str]; 6] = [
        &["assess", "--answers", "examples/answers/staff.yaml"],
        &["team", "examples/answers/"],
        &[
            "compare",
            "examples/answers/on-the-way.yaml",
            "examples/answers/on-the-way.yaml",
        ],
        &["compare"],
        &["history"],
        &["rubric", "show", "senior-staff"],
    ];
    for args in runs {
        let run = |colour: Option<&str>| {
            let mut all: Vec<&str> = args.to_vec();
            if let Some(c) = colour {
                all.extend(["--color", c]);
            }
            levelup(&all).env("XDG_DATA_HOME", data.path()).ok().stdout
        };
        assert!(run(Some("always")).contains("\u{1b}["), "{args:?} --color always");
        // Never, and auto on a pipe: not one code.
        assert!(!run(Some("never")).contains('\u{1b}'), "{args:?} --color never");
        assert!(!run(None).contains('\u{1b}'), "{args:?} on a pipe");
    }
}
