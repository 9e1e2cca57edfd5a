//! Text from files is data (issue 14): arbitrary strings — control
//! characters, escapes, C1, bidi overrides, HTML, Markdown syntax — in the
//! text fields of an answers file and a rubric never reach a human format as
//! control characters, never change the block structure of the Markdown
//! report, and stay escaped in HTML. Rendered in-process, so hundreds of
//! cases take a second.

use levelup::render::{Format, Options};
use levelup::report::Report;
use levelup::rubric::Rubric;
use proptest::prelude::*;

/// The Staff example with `name`, one evidence and a rubric's dimension title
/// and first choice label set to `text`, scored and built into a report.
fn report_with(text: &str) -> Report {
    let mut rubric = Rubric::builtin("senior-staff").unwrap();
    rubric.dimensions[0].title = text.to_string();
    if let levelup::rubric::Kind::Choice(choices) = &mut rubric.dimensions[0].questions[0].kind {
        choices[4].label = text.to_string();
    }
    let yaml = std::fs::read_to_string(crate::support::path("examples/answers/staff.yaml")).unwrap();
    let raw = levelup::answers::parse(&yaml, levelup::answers::Format::Yaml, "staff.yaml").unwrap();
    let mut answers = levelup::answers::check(raw, &rubric, "staff.yaml", false).unwrap();
    answers.name = Some(text.to_string());
    answers.evidence.insert("leadership".into(), text.to_string());
    let a = levelup::score::assess(&rubric, &answers, 1);
    levelup::report::build(&rubric, &answers, &a, jiff::civil::date(2026, 3, 2))
}

fn render(r: &Report, format: Format) -> String {
    let options = Options {
        width: 100,
        unicode: true,
        chart: None,
        view: Default::default(),
    };
    levelup::render::render(r, format, &options)
}

/// The Markdown's blocks (headings, paragraphs, lists, tables, quotes, code,
/// HTML), in order: what data must not add to or take from.
fn blocks(markdown: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    Parser::new_ext(markdown, Options::ENABLE_TABLES)
        .filter_map(|e| match e {
            Event::Start(tag) => match tag {
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. } => None,
                other => Some(
                    format!("{other:?}")
                        .split(['(', ' ', '{'])
                        .next()
                        .unwrap_or("")
                        .to_string(),
                ),
            },
            Event::Html(_) | Event::InlineHtml(_) => Some("html".to_string()),
            Event::Rule => Some("rule".to_string()),
            _ => None,
        })
        .collect()
}

/// The colour sequences (`ESC [ … m`) in `text`.
fn colour_codes(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('\u{1b}')
        .skip(1)
        .filter_map(|rest| rest.find('m').map(|end| format!("\u{1b}{}", &rest[..=end])))
        .filter(|code| {
            code[1..].starts_with('[') && code[2..code.len() - 1].chars().all(|c| c.is_ascii_digit() || c == ';')
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

/// Strings an attacker or a clumsy colleague might write.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("\u{1b}[8m".to_string()),
        Just("\u{1b}]0;title\u{7}".to_string()),
        Just("\u{1b}]8;;http://x\u{1b}\\".to_string()),
        Just("\u{9b}2J".to_string()),
        Just("\u{202e}".to_string()),
        Just("\u{7f}\u{0}\u{8}".to_string()),
        Just("\n# heading\n".to_string()),
        Just("\n- item\n".to_string()),
        Just("\n1. one\n".to_string()),
        Just("\n> quote\n".to_string()),
        Just("\n---\n".to_string()),
        Just("\n```\n".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("<!--".to_string()),
        Just("<img src=x onerror=y>".to_string()),
        Just("[link](http://e)".to_string()),
        Just(" | ".to_string()),
        Just("`".to_string()),
        Just("\\".to_string()),
        "[a-z ]{0,6}".prop_map(String::from),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(pieces, 1..6).prop_map(|p| p.concat())
}

/// A control character the report must not carry raw: C0 but newline and
/// tab, DEL, C1, bidi overrides.
fn raw_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn hostile_text_is_shown_as_data_in_every_human_format(text in hostile()) {
        let r = report_with(&text);
        let plain = report_with("plain words");
        for format in [Format::Table, Format::Markdown, Format::Html] {
            // The table's own colours (what it emits for plain text) are allowed.
            let mut out = render(&r, format);
            for ours in colour_codes(&render(&plain, format)) {
                out = out.replace(&ours, "");
            }
            let found: Vec<char> = out.chars().filter(|&c| raw_control(c)).collect();
            prop_assert!(found.is_empty(), "{format:?}: {found:?}");
        }
        prop_assert_eq!(blocks(&render(&r, Format::Markdown)), blocks(&render(&plain, Format::Markdown)));
        let html = render(&r, Format::Html);
        prop_assert!(!html.contains("<script>alert") && !html.contains("<img src=x"), "{}", html);
        // JSON keeps the text exactly, escaped by its own syntax.
        let json = render(&r, Format::Json);
        let back: Report = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back.person.name.as_deref(), Some(text.as_str()));
    }
}

/// The Staff example with a hostile name (YAML escapes: ESC, C1 CSI, RLO, DEL).
fn hostile_answers(dir: &std::path::Path) -> String {
    let staff = std::fs::read_to_string(crate::support::path("examples/answers/staff.yaml")).unwrap();
    let text = staff.replace("name: Marcus", r#"name: "N\e[31mRED\x9b31m\u202eevil\x7f""#);
    let file = dir.join("a.yaml");
    std::fs::write(&file, text).unwrap();
    file.display().to_string()
}

#[test]
fn json_outputs_stay_valid_json_and_carry_no_raw_controls() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_answers(dir.path());
    let name = "N\u{1b}[31mRED\u{9b}31m\u{202e}evil\u{7f}";
    let report = crate::support::levelup(&["assess", "--answers", &file, "-f", "json"])
        .ok()
        .stdout;
    assert!(!report.chars().any(raw_control), "raw control in JSON");
    let r: Report = serde_json::from_str(&report).unwrap();
    assert_eq!(r.person.name.as_deref(), Some(name));
    let team = crate::support::levelup(&["team", &dir.path().display().to_string(), "-f", "json"])
        .ok()
        .stdout;
    assert!(!team.chars().any(raw_control));
    let t: serde_json::Value = serde_json::from_str(&team).unwrap();
    assert_eq!(t["people"][0]["name"], name);
}

#[test]
fn a_chart_and_its_markdown_link_carry_data_safely() {
    let dir = tempfile::tempdir().unwrap();
    let file = hostile_answers(dir.path());
    let chart = dir.path().join("x <img src=y>.svg");
    let md = crate::support::levelup(&[
        "assess",
        "--answers",
        &file,
        "-f",
        "markdown",
        "--chart",
        &chart.display().to_string(),
    ])
    .ok()
    .stdout;
    assert!(md.contains("%3Cimg%20src%3Dy%3E.svg)") && !md.contains("<img"), "{md}");
    let svg = std::fs::read_to_string(&chart).unwrap();
    assert!(!svg.chars().any(raw_control), "the SVG is XML: no control characters");
    assert!(svg.contains("\\u001b[31mRED"), "shown escaped");
}

#[test]
fn rubric_text_with_line_breaks_cannot_write_template_keys() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("inj.yaml");
    std::fs::write(
        &rubric,
        "id: inj\nversion: \"1\"\ntitle: \"Ladder\\nrater: manager\\nname: Mallory\"\nlevels: [{ id: a, title: A }, { id: b, title: B }]\n\
         dimensions:\n  - id: d\n    title: \"D\\nname: y\"\n    levels: { a: x, b: y }\n    questions: [{ id: d.q, kind: scale, prompt: \"p\\nrater: peer\" }]\n    actions: [A.]\n",
    )
    .unwrap();
    let rubric = rubric.display().to_string();
    for format in ["yaml", "toml"] {
        let template = crate::support::levelup(&["template", "--rubric", &rubric, "-f", format])
            .ok()
            .stdout;
        for line in template.lines() {
            let key = line.trim_start();
            assert!(
                !key.starts_with("rater") && !key.starts_with("name: y") && !key.starts_with("name: Mallory"),
                "{format}: {line}"
            );
        }
    }
}

#[test]
fn rubric_show_in_markdown_keeps_the_rubric_words_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = dir.path().join("r.yaml");
    std::fs::write(
        &rubric,
        "id: r\nversion: \"1\"\ntitle: \"T <!-- x\"\ndescription: \"# H\\n- l <i>i</i>\"\nlevels: [{ id: a, title: A }, { id: b, title: \"B | [l](u)\" }]\n\
         dimensions:\n  - id: d\n    title: D\n    levels: { a: x, b: y }\n    questions: [{ id: d.q, kind: scale, prompt: \"p <script>\" }]\n    actions: [\"# act\"]\n",
    )
    .unwrap();
    let md = crate::support::levelup(&["rubric", "show", &rubric.display().to_string(), "-f", "markdown"])
        .ok()
        .stdout;
    assert!(!md.replace("\\<", "").contains('<'), "{md}");
    assert!(
        !md.lines()
            .any(|l| l.starts_with("# H") || l.starts_with("- l") || l.starts_with("# act")),
        "{md}"
    );
    assert!(md.contains("\\[l\\](u)") && md.contains("B \\|"), "{md}");
}

/// Names and file names on one line wherever a table or a list shows them:
/// a line break in a name cannot forge a heatmap row, a tab cannot shift a
/// column, and bidi marks are escaped like overrides.
#[test]
fn names_stay_on_their_line_in_team() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(crate::support::path("examples/answers/senior.yaml")).unwrap();
    let forged: Vec<&str> = text
        .lines()
        .map(|l| {
            if l.starts_with("name:") {
                "name: \"P\\tr\u{200f}\\n  Mallory │███│ Staff Engineer 100%\""
            } else {
                l
            }
        })
        .collect();
    std::fs::write(dir.path().join("a.yaml"), forged.join("\n") + "\n").unwrap();
    std::fs::copy(
        crate::support::path("examples/answers/staff.yaml"),
        dir.path().join("b.yaml"),
    )
    .unwrap();
    let out = crate::support::levelup(&["team", dir.path().to_str().unwrap()])
        .ok()
        .stdout;
    assert!(!out.lines().any(|l| l.trim_start().starts_with("Mallory")), "{out}");
    assert!(!out.contains('\t') && !out.contains('\u{200f}'), "{out}");
    assert!(out.contains("\\u200f"), "{out}");
}
