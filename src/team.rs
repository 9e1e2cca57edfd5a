//! A whole team against one rubric: a heatmap of people × dimensions, the
//! gaps most people share, the team's strengths and the spread of estimates.
//! Pure: person summaries in, one report out. Each person is kept as a small
//! summary, never a full report, so memory grows only by a few numbers a person.

use crate::rubric::Rubric;
use crate::score::Assessment;
use serde::{Deserialize, Serialize};

/// Bumped on any change a reader of `team --format json` could notice.
/// 2: level titles beside ids, `raters`, `skipped` and `notes`.
pub const TEAM_VERSION: u32 = 2;

/// A dimension is a shared gap when more than this share of the people it
/// is expected of are below the target there. Strictly more than half, so
/// that with [`STRENGTH_SHARE`] at a half no dimension is both.
pub const SHARED_GAP_SHARE: f64 = 0.5;

/// A dimension is a strength when at least this share of the people it is
/// expected of reach the target there.
pub const STRENGTH_SHARE: f64 = 0.5;

/// At most this many shared gaps are listed: the largest weighted shares.
pub const MAX_SHARED_GAPS: usize = 5;

/// The shared-gap rule in words, for the reports' headings (keep in step
/// with [`SHARED_GAP_SHARE`] and [`MAX_SHARED_GAPS`]). "The team" is those
/// the dimension is expected of; "heaviest" is the share below times the
/// dimension's weight.
pub const SHARED_GAP_RULE: &str = "more than half the team below target; at most 5, the heaviest first";

/// The strength rule in words (keep in step with [`STRENGTH_SHARE`]).
pub const STRENGTH_RULE: &str = "at least half the team at target";

/// What the team report keeps of one person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    /// The file read; for several raters, the self-assessment (else the first file).
    pub file: String,
    /// Several raters of one person (files with `rater:`): each file and who
    /// rated, in file order; empty for a file without `rater:`.
    #[serde(default)]
    pub raters: Vec<Rated>,
    /// Score per dimension, in rubric order, on the level scale (format 2:
    /// each dimension's own steps, or its points, stretched to the levels).
    pub scores: Vec<Option<f64>>,
    /// Which dimensions reach the target.
    pub reached: Vec<bool>,
    /// Which dimensions the target expects of this person (not all n/a).
    #[serde(default)]
    pub expected: Vec<bool>,
    /// Level id of the estimate.
    pub estimate: String,
    /// Level title of the estimate, as the reports show it.
    #[serde(default)]
    pub estimate_title: String,
    pub readiness: u32,
}

/// One rater's file of a person rated by several.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rated {
    pub file: String,
    /// `self`, `manager` or `peer`.
    pub rater: String,
}

impl Person {
    /// Scores, reached and expected hold the scored dimensions only, in
    /// rubric order: a signal has no score (see [`scored`]).
    pub fn new(name: String, file: String, rubric: &Rubric, a: &Assessment) -> Person {
        let dims = || {
            a.dimensions
                .iter()
                .enumerate()
                .filter(|(i, _)| !rubric.dimensions[*i].signal)
        };
        let level = crate::report::level_info(rubric, a.estimate);
        Person {
            name,
            file,
            raters: Vec::new(),
            scores: dims()
                .map(|(i, d)| on_level_scale(rubric, a, i, d.score).map(|s| (s * 100.0).round() / 100.0))
                .collect(),
            reached: dims().map(|(_, d)| d.reached).collect(),
            expected: dims().map(|(_, d)| d.expected.is_some()).collect(),
            estimate: level.id,
            estimate_title: level.title,
            readiness: crate::report::percent(a.readiness),
        }
    }

    /// The name as a row shows it: with the number of raters when several
    /// files make it up.
    fn label(&self) -> String {
        match self.raters.len() {
            0 | 1 => self.name.clone(),
            n => format!("{} ({n} raters)", self.name),
        }
    }
}

/// Each person's row label, with the file's name where two rows would
/// otherwise read the same ("Sam (sam-2.yaml)").
fn labels(people: &[Person]) -> Vec<String> {
    let key = |p: &Person| crate::history::person_key(Some(&p.name));
    let mut rows_of: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for p in people {
        *rows_of.entry(key(p)).or_default() += 1;
    }
    people
        .iter()
        .map(|p| {
            let shared = rows_of.get(&key(p)).is_some_and(|&n| n > 1);
            let file = std::path::Path::new(&p.file)
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            if shared && !file.is_empty() {
                format!("{} ({file})", p.label())
            } else {
                p.label()
            }
        })
        .collect()
}

/// A dimension's score on the rubric's level scale, so a heatmap can shade
/// every column alike: own steps stretched to the levels (below-first stays
/// at −1), format-2 points ladders by their share of the most there is.
fn on_level_scale(rubric: &Rubric, a: &Assessment, d: usize, score: Option<f64>) -> Option<f64> {
    let levels = rubric.levels.len() as f64;
    if let (crate::rubric::Rule::Points { .. }, Some(p), true) = (&rubric.scoring.rule, &a.points, rubric.format >= 2) {
        let max = p.max_per_dimension[d];
        return (max > 0.0).then(|| (p.per_dimension[d] / max * levels - 1.0).max(0.0));
    }
    let steps = rubric.step_count(d) as f64;
    score.map(|v| (v + 1.0) * levels / steps - 1.0)
}

/// A file or folder entry that was left out, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// One dimension across the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DimensionSummary {
    pub dimension: String,
    pub title: String,
    pub weight: f64,
    /// How many people score below the target here.
    pub below_target: usize,
    /// Mean score of the people who answered.
    pub mean: Option<f64>,
    /// Share of people below the target, times the dimension's weight.
    pub weighted_share: f64,
    /// How many people the target expects this of (format 2: not all n/a, expected at the target).
    #[serde(default)]
    pub expected_of: usize,
}

/// How many people are estimated at one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelCount {
    pub level: String,
    pub title: String,
    pub people: usize,
}

/// What a team run left out or has to point out, beside the people.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Remarks {
    /// Answers files that did not load.
    pub failed: Vec<Skipped>,
    /// Folder entries named like answers files that were not read (a folder,
    /// a FIFO, a device, a broken or looping link, an oversized file).
    pub skipped: Vec<Skipped>,
    /// Files for another rubric.
    pub other_rubrics: Vec<Skipped>,
    /// Things worth knowing about the rows, such as two of them sharing a name.
    pub notes: Vec<String>,
}

/// The whole team report, as `team --format json` writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamReport {
    pub team_version: u32,
    pub rubric: String,
    pub rubric_version: String,
    /// Level id of the target.
    pub target: String,
    /// Level title of the target.
    #[serde(default)]
    pub target_title: String,
    /// Column titles of the heatmap, in rubric order.
    pub dimensions: Vec<String>,
    /// One row per person who loaded (several raters of one person: one row).
    pub people: Vec<Person>,
    /// Dimensions more than half the team lacks, largest weighted share first
    /// (see [`SHARED_GAP_SHARE`]).
    pub shared_gaps: Vec<DimensionSummary>,
    /// Dimensions where at least half the team reaches the target (see [`STRENGTH_SHARE`]).
    pub strengths: Vec<DimensionSummary>,
    pub estimates: Vec<LevelCount>,
    /// Answers files that did not load.
    pub failed: Vec<Skipped>,
    /// Folder entries named like answers files that were not read.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
    pub other_rubrics: Vec<Skipped>,
    /// Remarks on the rows (two rows with one name).
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The dimensions a team report shows: a signal has no score to compare.
fn scored(rubric: &Rubric) -> impl Iterator<Item = &crate::rubric::Dimension> {
    rubric.dimensions.iter().filter(|d| !d.signal)
}

/// Whether `count` of `of` is more than `share` of them (exact for halves).
fn more_than(count: usize, of: usize, share: f64) -> bool {
    count as f64 > share * of as f64
}

/// The team report from its people (in the order they are shown) and what was left out.
pub fn summarize(rubric: &Rubric, target: usize, people: Vec<Person>, remarks: Remarks) -> TeamReport {
    let n = people.len().max(1) as f64;
    let summaries: Vec<DimensionSummary> = scored(rubric)
        .enumerate()
        .map(|(d, dim)| {
            // A dimension the target does not expect (or answered n/a) is not "below".
            let below = people
                .iter()
                .filter(|p| p.expected.get(d).copied().unwrap_or(true) && !p.reached[d])
                .count();
            let answered: Vec<f64> = people.iter().filter_map(|p| p.scores[d]).collect();
            let expected_of = people
                .iter()
                .filter(|p| p.expected.get(d).copied().unwrap_or(true))
                .count();
            DimensionSummary {
                expected_of,
                dimension: dim.id.clone(),
                title: dim.title.clone(),
                weight: dim.weight,
                below_target: below,
                mean: (!answered.is_empty())
                    .then(|| (answered.iter().sum::<f64>() / answered.len() as f64 * 100.0).round() / 100.0),
                weighted_share: ((below as f64 / n) * dim.weight * 100.0).round() / 100.0,
            }
        })
        .collect();
    let mut shared_gaps: Vec<DimensionSummary> = summaries
        .iter()
        .filter(|s| s.below_target > 0 && more_than(s.below_target, s.expected_of, SHARED_GAP_SHARE))
        .cloned()
        .collect();
    shared_gaps.sort_by(|a, b| b.weighted_share.total_cmp(&a.weighted_share));
    shared_gaps.truncate(MAX_SHARED_GAPS);
    let strengths = summaries
        .iter()
        // n/a and not expected are left out of both counts.
        .filter(|s| {
            let at = (s.expected_of - s.below_target) as f64;
            s.expected_of > 0 && at >= STRENGTH_SHARE * s.expected_of as f64
        })
        .cloned()
        .collect();
    let target_level = &rubric.levels[target];
    TeamReport {
        team_version: TEAM_VERSION,
        rubric: rubric.id.clone(),
        rubric_version: rubric.version.clone(),
        target: target_level.id.clone(),
        target_title: target_level.title.clone(),
        dimensions: scored(rubric).map(|d| d.title.clone()).collect(),
        estimates: {
            // Below the first level (format 2) first, when anyone is there.
            let below = crate::report::level_info(rubric, None);
            let below_count = people.iter().filter(|p| p.estimate == below.id).count();
            let mut counts: Vec<LevelCount> = Vec::new();
            if below_count > 0 {
                counts.push(LevelCount {
                    level: below.id,
                    title: below.title,
                    people: below_count,
                });
            }
            counts.extend(rubric.levels.iter().map(|l| LevelCount {
                level: l.id.clone(),
                title: l.title.clone(),
                people: people.iter().filter(|p| p.estimate == l.id).count(),
            }));
            counts
        },
        people,
        shared_gaps,
        strengths,
        failed: remarks.failed,
        skipped: remarks.skipped,
        other_rubrics: remarks.other_rubrics,
        notes: remarks.notes,
    }
}

/// A heatmap cell: the score as a shade, so patterns show at a glance.
/// A score as a heatmap cell, from `low` (blank) to `top` (full); format 2
/// starts at -1, below the first level, so that place is told apart from it.
fn shade(score: Option<f64>, low: f64, top: f64) -> char {
    match score {
        None => '·',
        Some(s) => [' ', '░', '▒', '▓', '█'][(((s - low) / (top - low)).clamp(0.0, 1.0) * 4.0).round() as usize],
    }
}

/// The lowest score a heatmap shows: -1 (below the first level) in format 2.
fn low_end(rubric: &Rubric) -> f64 {
    if rubric.format >= 2 { -1.0 } else { 0.0 }
}

/// What each section says when it has nothing to list, with the rule that
/// would have put something there.
const NONE_LEFT_OUT: &str = "none: every answers file found was read and is for this rubric";
const NONE_NOTES: &str = "none: no two rows share a name";
const NONE_SHARED_GAPS: &str = "none: no dimension has more than half the team below target";
const NONE_STRENGTHS: &str = "none: no dimension has at least half the team at target";
const NONE_PEOPLE: &str = "none: no answers file loaded";

/// One line per file or entry left out, in the order: failed, skipped, other rubric.
fn left_out(r: &TeamReport) -> Vec<String> {
    let failed = r
        .failed
        .iter()
        .map(|s| format!("{}: could not load: {}", s.file, s.reason));
    let skipped = r.skipped.iter().map(|s| format!("{}: skipped: {}", s.file, s.reason));
    let other = r.other_rubrics.iter().map(|s| format!("{}: {}", s.file, s.reason));
    failed.chain(skipped).chain(other).collect()
}

/// `n` and the noun, singular for 1: "1 person", "3 people", "1 file".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "1 person", "3 people".
fn people(n: usize) -> String {
    count(n, "person", "people")
}

/// How many files the rows were made from, when that differs from the
/// number of rows (several raters of one person): " (5 files)".
fn files_note(r: &TeamReport) -> String {
    let files: usize = r.people.iter().map(|p| p.raters.len().max(1)).sum();
    if files == r.people.len() {
        String::new()
    } else {
        format!(" ({})", count(files, "file", "files"))
    }
}

/// A list section of the plain-text report: heading, then items or "none: …".
fn text_section(out: &mut String, heading: &str, items: &[String], none: &str, width: usize) {
    let bold = anstyle::Style::new().bold();
    out.push_str(&format!("\n{bold}{heading}:{bold:#}\n"));
    if items.is_empty() {
        out.push_str(&fill(none, width, "  ", "  "));
    }
    for item in items {
        out.push_str(&fill(item, width, "  - ", "    "));
    }
}

/// `text` wrapped at spaces to `width` columns, the first line after `first`
/// and the rest after `rest`, with a final newline.
fn fill(text: &str, width: usize, first: &str, rest: &str) -> String {
    let options = textwrap::Options::new(width.max(20))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text, options) + "\n"
}

/// The report for a terminal: sections, then one heatmap row per person.
pub fn table(r: &TeamReport, rubric: &Rubric, width: u16) -> String {
    let width = usize::from(width);
    // Data made visible here, before our colours are added: the caller does not
    // escape this text again. Bold headings, gaps in yellow, strengths in green;
    // the stream drops the codes when colour is off.
    let r = &crate::text::map_strings(r, &crate::text::one_line);
    let bold = anstyle::Style::new().bold();
    let green = anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Green.into()));
    let yellow = anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Yellow.into()));
    let top = rubric.top().max(1.0);
    let title = format!(
        "Team report: {}{} on {} v{}, target {}",
        people(r.people.len()),
        files_note(r),
        r.rubric,
        r.rubric_version,
        r.target_title
    );
    let mut out = format!("{bold}{}{bold:#}", fill(&title, width, "", "  "));
    text_section(&mut out, "Left out", &left_out(r), NONE_LEFT_OUT, width);
    text_section(&mut out, "Notes", &r.notes, NONE_NOTES, width);
    out.push_str(&format!("\n{bold}Estimates:{bold:#}\n"));
    for e in &r.estimates {
        out.push_str(&format!(
            "  {:<20} {:>5}  {}\n",
            e.title,
            e.people,
            "█".repeat((e.people * 30).div_ceil(r.people.len().max(1)))
        ));
    }
    let heading = fill(&format!("Shared gaps ({SHARED_GAP_RULE}):"), width, "", "  ");
    out.push_str(&format!("\n{bold}{heading}{bold:#}"));
    if r.shared_gaps.is_empty() {
        out.push_str(&format!("  {NONE_SHARED_GAPS}\n"));
    }
    for g in &r.shared_gaps {
        out.push_str(&format!(
            "  {:<26} {yellow}{} of {} below target{yellow:#} (mean {})\n",
            g.title,
            g.below_target,
            g.expected_of,
            g.mean.map_or("—".into(), |m| format!("{m:.2}"))
        ));
    }
    let heading = fill(&format!("Strengths ({STRENGTH_RULE}):"), width, "", "  ");
    out.push_str(&format!("\n{bold}{heading}{bold:#}"));
    if r.strengths.is_empty() {
        out.push_str(&format!("  {NONE_STRENGTHS}\n"));
    }
    for s in &r.strengths {
        out.push_str(&format!(
            "  {:<26} {green}{} of {} at target{green:#}\n",
            s.title,
            s.expected_of - s.below_target,
            s.expected_of
        ));
    }
    let letters: Vec<String> = r
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| format!("{}={d}", i + 1))
        .collect();
    let legend = fill(
        &format!(
            "Heatmap (columns in order: {}; darker is higher, · unanswered):",
            letters.join(", ")
        ),
        width,
        "",
        "  ",
    );
    out.push_str(&format!("\n{bold}Heatmap{bold:#}{}", &legend["Heatmap".len()..]));
    if r.people.is_empty() {
        out.push_str(&format!("  {NONE_PEOPLE}\n"));
    }
    let labels = labels(&r.people);
    // Names as wide as the widest, in display columns, as far as the width
    // leaves room beside the cells and the estimate; a longer one ends in "…".
    let shown = |l: &str| textwrap::core::display_width(l);
    let room = width.saturating_sub(r.dimensions.len() + 30).max(12);
    let name_width = labels.iter().map(|l| shown(l)).max().unwrap_or(4).min(room);
    for (p, label) in r.people.iter().zip(&labels) {
        let cells: String = p.scores.iter().map(|s| shade(*s, low_end(rubric), top)).collect();
        // Too long: its start and its end, which tell rows of one name apart.
        let name = if shown(label) <= name_width {
            label.clone()
        } else {
            let half = (name_width - 1) / 2;
            let take = |chars: &mut dyn Iterator<Item = char>, room: usize| {
                let mut part = String::new();
                for c in chars {
                    if shown(&part) + shown(c.encode_utf8(&mut [0; 4])) > room {
                        break;
                    }
                    part.push(c);
                }
                part
            };
            let head = take(&mut label.chars(), half);
            let tail: String = take(&mut label.chars().rev(), name_width - 1 - half)
                .chars()
                .rev()
                .collect();
            format!("{head}…{tail}")
        };
        let pad = " ".repeat(name_width.saturating_sub(shown(&name)));
        out.push_str(&format!(
            "  {name}{pad} │{cells}│ {} {}%\n",
            p.estimate_title, p.readiness
        ));
    }
    out
}

/// A list section in Markdown: heading, then items or "None: …" as a paragraph.
fn markdown_section(out: &mut String, heading: &str, items: &[String], none: &str) {
    out.push_str(&format!("## {heading}\n\n"));
    if items.is_empty() {
        out.push_str(&format!("{}\n\n", sentence(none)));
        return;
    }
    for item in items {
        out.push_str(&format!("- {item}\n"));
    }
    out.push('\n');
}

/// "none: …" as a sentence of its own: "None: ….".
fn sentence(none: &str) -> String {
    let mut s = none.to_string();
    s[..1].make_ascii_uppercase();
    s + "."
}

/// The report as Markdown; `r` has its text already escaped for Markdown.
pub fn markdown(r: &TeamReport) -> String {
    let mut out = format!(
        "# Team report: {}{}\n\nRubric {} v{}, target {}.\n\n",
        people(r.people.len()),
        files_note(r),
        r.rubric,
        r.rubric_version,
        r.target_title
    );
    markdown_section(&mut out, "Left out", &left_out(r), NONE_LEFT_OUT);
    markdown_section(&mut out, "Notes", &r.notes, NONE_NOTES);
    out.push_str("## Estimates\n\n| Level | People |\n|---|---:|\n");
    for e in &r.estimates {
        out.push_str(&format!("| {} | {} |\n", e.title, e.people));
    }
    out.push('\n');
    let gaps: Vec<String> = r
        .shared_gaps
        .iter()
        .map(|g| format!("**{}**: {} of {} below target", g.title, g.below_target, g.expected_of))
        .collect();
    markdown_section(
        &mut out,
        &format!("Shared gaps ({SHARED_GAP_RULE})"),
        &gaps,
        NONE_SHARED_GAPS,
    );
    let strengths: Vec<String> = r
        .strengths
        .iter()
        .map(|s| {
            format!(
                "**{}**: {} of {} at target",
                s.title,
                s.expected_of - s.below_target,
                s.expected_of
            )
        })
        .collect();
    markdown_section(
        &mut out,
        &format!("Strengths ({STRENGTH_RULE})"),
        &strengths,
        NONE_STRENGTHS,
    );
    out.push_str("## Heatmap\n\n");
    if r.people.is_empty() {
        out.push_str(&format!("{}\n", sentence(NONE_PEOPLE)));
        return out;
    }
    out.push_str(&format!(
        "| Person | {} | Estimate |\n|---|{}---|\n",
        r.dimensions.join(" | "),
        "---:|".repeat(r.dimensions.len())
    ));
    for (p, label) in r.people.iter().zip(labels(&r.people)) {
        let cells: Vec<String> = p
            .scores
            .iter()
            .map(|s| s.map_or("—".into(), |v| format!("{v:.2}")))
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} ({}%) |\n",
            // Already escaped for Markdown with the rest of the report.
            label,
            cells.join(" | "),
            p.estimate_title,
            p.readiness
        ));
    }
    out
}

/// The report as JSON (`team_version` [`TEAM_VERSION`]); empty sections are empty arrays.
pub fn json(r: &TeamReport) -> String {
    // A TeamReport holds only strings, numbers, bools and lists: serializing cannot fail.
    serde_json::to_string_pretty(r).unwrap_or_default() + "\n"
}

/// A page with the heatmap coloured by score, and the summaries. The
/// heatmap scrolls sideways inside its own box, the names column staying put,
/// so a team with many dimensions stays readable on any screen.
pub fn html(r: &TeamReport, rubric: &Rubric) -> String {
    let top = rubric.top().max(1.0);
    let low = low_end(rubric);
    let names = labels(&r.people);
    let rows: Vec<minijinja::Value> = r
        .people
        .iter()
        .zip(names)
        .map(|(p, label)| {
            let cells: Vec<minijinja::Value> = p
                .scores
                .iter()
                .map(|s| {
                    // From light to a strong blue as the score rises.
                    let light = s.map_or(96.0, |v| 92.0 - 50.0 * ((v - low) / (top - low)).clamp(0.0, 1.0));
                    minijinja::context! { text => s.map_or("—".to_string(), |v| format!("{v:.2}")), light => format!("{light:.0}"), dark => light < 60.0 }
                })
                .collect();
            minijinja::context! { name => label, cells => cells, estimate => p.estimate_title.clone(), readiness => p.readiness }
        })
        .collect();
    let view = minijinja::context! {
        r => minijinja::value::Serde(r),
        rows => rows,
        people => people(r.people.len()),
        files_note => files_note(r),
        left_out => left_out(r),
        gap_rule => SHARED_GAP_RULE,
        strength_rule => STRENGTH_RULE,
        none_left_out => NONE_LEFT_OUT,
        none_notes => NONE_NOTES,
        none_gaps => NONE_SHARED_GAPS,
        none_strengths => NONE_STRENGTHS,
        none_people => NONE_PEOPLE,
    };
    let mut env = minijinja::Environment::new();
    // The template is ours and checked by tests; a failure here is a bug, shown plainly.
    env.add_template("team.html", TEAM_TEMPLATE)
        .and_then(|()| env.get_template("team.html"))
        .and_then(|t| t.render(view))
        .unwrap_or_else(|e| format!("<!doctype html><p>levelup could not render this team report: {e}</p>\n"))
}

const TEAM_TEMPLATE: &str = r#"<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Team report: {{ people }}</title>
<style>
body { margin: 0; padding: 1.5rem 1rem; font: 15px/1.5 system-ui, sans-serif; color: #111827; background: #fff; }
/* Text stays a readable width; the heatmap takes what the window gives. */
h1, h2, p, ul { max-width: 64rem; }
table { border-collapse: separate; border-spacing: 0; } td, th { padding: .25rem .4rem; border-bottom: 1px solid #e5e7eb; text-align: left; }
th { vertical-align: bottom; font-weight: 600; }
td.cell { text-align: center; font-variant-numeric: tabular-nums; min-width: 3rem; }
td.dark { color: #fff; }
.none { color: #4b5563; }
/* The heatmap scrolls inside its box; the names column stays in view. */
.scroll { overflow-x: auto; width: max-content; max-width: 100%; border: 1px solid #e5e7eb; }
.scroll th.name, .scroll td.name { position: sticky; left: 0; z-index: 1; background: #fff; box-shadow: 1px 0 0 #d1d5db; max-width: min(14rem, 40vw); overflow-wrap: break-word; }
.scroll td.estimate { white-space: nowrap; }
</style></head>
<body>
<h1>Team report: {{ people }}{{ files_note }}</h1>
<p>Rubric {{ r.rubric }} v{{ r.rubric_version }}, target {{ r.target_title }}.</p>
<h2>Left out</h2>
{% if left_out %}<ul>{% for l in left_out %}<li>{{ l }}</li>{% endfor %}</ul>{% else %}<p class="none">{{ none_left_out }}</p>{% endif %}
<h2>Notes</h2>
{% if r.notes %}<ul>{% for n in r.notes %}<li>{{ n }}</li>{% endfor %}</ul>{% else %}<p class="none">{{ none_notes }}</p>{% endif %}
<h2>Estimates</h2><ul>{% for e in r.estimates %}<li>{{ e.title }}: {{ e.people }}</li>{% endfor %}</ul>
<h2>Shared gaps</h2><p>Rule: {{ gap_rule }}.</p>
{% if r.shared_gaps %}<ul>{% for g in r.shared_gaps %}<li><strong>{{ g.title }}</strong>: {{ g.below_target }} of {{ g.expected_of }} below target</li>{% endfor %}</ul>{% else %}<p class="none">{{ none_gaps }}</p>{% endif %}
<h2>Strengths</h2><p>Rule: {{ strength_rule }}.</p>
{% if r.strengths %}<ul>{% for s in r.strengths %}<li><strong>{{ s.title }}</strong>: {{ s.expected_of - s.below_target }} of {{ s.expected_of }} at target</li>{% endfor %}</ul>{% else %}<p class="none">{{ none_strengths }}</p>{% endif %}
<h2>Heatmap</h2>
{% if rows %}<div class="scroll"><table><thead><tr><th class="name">Person</th>{% for d in r.dimensions %}<th>{{ d }}</th>{% endfor %}<th>Estimate</th></tr></thead><tbody>
{% for p in rows %}<tr><td class="name">{{ p.name }}</td>{% for c in p.cells %}<td class="cell{% if c.dark %} dark{% endif %}" style="background: hsl(221 83% {{ c.light }}%)">{{ c.text }}</td>{% endfor %}<td class="estimate">{{ p.estimate }} ({{ p.readiness }}%)</td></tr>
{% endfor %}</tbody></table></div>{% else %}<p class="none">{{ none_people }}</p>{% endif %}
</body></html>
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn rubric() -> Rubric {
        Rubric::builtin("senior-staff").unwrap()
    }

    fn person(i: usize, scores: &[u8], r: &Rubric) -> Person {
        let scores: Vec<Option<f64>> = scores
            .iter()
            .map(|s| (*s < 101).then_some(f64::from(*s) / 100.0))
            .collect();
        Person {
            name: format!("P{i}"),
            file: format!("p{i}.yaml"),
            raters: Vec::new(),
            reached: scores.iter().map(|s| s.is_some_and(|v| v >= 0.8)).collect(),
            expected: vec![true; scores.len()],
            scores,
            estimate: r.levels[i % 2].id.clone(),
            estimate_title: r.levels[i % 2].title.clone(),
            readiness: 50,
        }
    }

    proptest! {
        #[test]
        fn one_heatmap_row_per_loaded_person(rows in prop::collection::vec(prop::collection::vec(0u8..=110, 12), 0..40)) {
            let r = rubric();
            let people: Vec<Person> = rows.iter().enumerate().map(|(i, s)| person(i, s, &r)).collect();
            let n = people.len();
            let report = summarize(&r, 1, people, Remarks::default());
            prop_assert_eq!(report.people.len(), n);
            let md = markdown(&report);
            let heatmap_rows = md.lines().skip_while(|l| !l.starts_with("## Heatmap")).filter(|l| l.starts_with("| P") && !l.starts_with("| Person")).count();
            prop_assert_eq!(heatmap_rows, n);
            let table_rows = table(&report, &r, 100).lines().filter(|l| l.contains('│')).count();
            prop_assert_eq!(table_rows, n);
            prop_assert_eq!(report.estimates.iter().map(|e| e.people).sum::<usize>(), n);
            for g in &report.shared_gaps {
                prop_assert!(g.below_target <= n);
                prop_assert!(report.strengths.iter().all(|s| s.dimension != g.dimension), "{} is both", g.dimension);
            }
            // Every section is there whatever the team's size, empty or not.
            // Headings are bold on a terminal: read the text without the codes.
            let text = anstream::adapter::strip_str(&table(&report, &r, 100)).to_string();
            for heading in ["\nLeft out:", "\nNotes:", "\nEstimates:", "\nShared gaps (", "\nStrengths (", "\nHeatmap ("] {
                prop_assert!(text.contains(heading), "{} missing:\n{}", heading, text);
            }
            prop_assert_eq!(text.contains(NONE_SHARED_GAPS), report.shared_gaps.is_empty());
            prop_assert_eq!(text.contains(NONE_STRENGTHS), report.strengths.is_empty());
        }
    }

    #[test]
    fn shared_gaps_weigh_share_by_dimension_weight() {
        let r = rubric();
        // Everyone below target everywhere: the heaviest dimension (scope, weight 3) leads.
        let people: Vec<Person> = (0..4).map(|i| person(i, &[10; 12], &r)).collect();
        let report = summarize(&r, 1, people, Remarks::default());
        assert_eq!(report.shared_gaps[0].dimension, "scope");
        assert_eq!(report.shared_gaps[0].weighted_share, 3.0);
        assert_eq!(report.shared_gaps.len(), 5);
        assert!(report.strengths.is_empty());
    }
}
