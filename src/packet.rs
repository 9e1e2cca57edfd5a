//! The promotion packet (`levelup packet`): what a committee reads about one
//! person and one target level — per dimension the level expects, what it
//! expects, where the person stands, the person's own evidence with its date,
//! and what is still missing.
//!
//! This file exists to keep that model apart from reading files and from
//! rendering: [`build`] is pure (inputs in, [`Packet`] out, no I/O), the
//! command flow lives in `commands/packet.rs` and the Markdown and HTML in
//! `render/packet.rs`. Evidence is never invented or reworded here: every
//! entry is a text the person wrote, as written; a dimension without any
//! says so.

use crate::report::{DimensionReport, LevelInfo, Report, RubricInfo};
use crate::rubric::Rubric;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// Months after which evidence is stale when neither `--stale-after` nor the
/// config's `stale_after_months` says otherwise.
pub const STALE_AFTER_MONTHS: u32 = 12;

/// The most months `--stale-after` and the config's `stale_after_months`
/// take: 1200, a hundred years.
pub const MAX_STALE_AFTER_MONTHS: u32 = 1200;

/// What `--stale-after` and `stale_after_months` take, for messages.
pub const STALE_AFTER_RANGE: &str = "a whole number of months from 0 to 1200 (100 years)";

/// What kind of file an input came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// A saved run (`assess --save`): its report and answers.
    SavedRun,
    /// An answers file (YAML, TOML or JSON), scored now.
    Answers,
}

/// One input of a packet, read and scored: the report it gives and its date.
#[derive(Debug, Clone)]
pub struct Input {
    /// How the packet names it: the file's name (a saved run's in the history folder).
    pub label: String,
    pub kind: InputKind,
    /// The answers' `date`, else the saved run's date (or, for an undated
    /// answers file, the day it was last changed).
    pub date: Date,
    /// Where the date came from, when it is not the answers' own (`None`).
    pub dated_by: Option<String>,
    pub report: Report,
}

/// The packet: every fact the renderers show, in one serializable value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Packet {
    pub name: Option<String>,
    pub rubric: RubricInfo,
    pub target: LevelInfo,
    /// The estimate and readiness of the newest input.
    pub estimate: LevelInfo,
    /// 0–100, toward `target`.
    pub readiness: u32,
    /// Under a points rule, the total against what the target needs
    /// ("28 pts of the 34 pts Staff Engineer needs"); `None` otherwise.
    #[serde(default)]
    pub points: Option<String>,
    /// The date of the newest input, whose assessment this is (YYYY-MM-DD).
    pub assessed: String,
    /// The day staleness is measured from (YYYY-MM-DD).
    pub as_of: String,
    pub stale_after_months: u32,
    /// What "stale" means in this packet, in plain words.
    pub stale_rule: String,
    /// The inputs, oldest first.
    pub sources: Vec<Source>,
    /// The dimensions the target level expects, in rubric order.
    pub dimensions: Vec<PacketDimension>,
    /// Titles of the dimensions the target does not expect (signals included).
    pub not_expected: Vec<String>,
}

/// One input as the packet lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub label: String,
    /// `saved run` or `answers file`.
    pub kind: String,
    pub date: String,
    /// Why the date is what it is, when not the answers' own date.
    pub dated_by: Option<String>,
    /// The input the assessment comes from.
    pub newest: bool,
}

/// One expected dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PacketDimension {
    pub id: String,
    pub title: String,
    /// What the target expects: the step title ("Expert"), or under a points
    /// rule the points it asks for.
    pub expects: String,
    /// The rubric's description of what the target expects here ("" if none).
    pub expects_description: String,
    /// Where the person stands: the step reached ("Working"), points, `n/a`
    /// or "not answered".
    pub stands: String,
    /// The dimension reaches what the target expects.
    pub reached: bool,
    /// The person's evidence, newest first.
    pub evidence: Vec<Evidence>,
    /// What is still missing, one plain statement each: the gap, the
    /// unticked checklist items, "No evidence given". Empty: nothing.
    pub missing: Vec<String>,
}

/// One evidence text, verbatim, with the date of the first input it appears in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub date: String,
    /// Dated more than `stale_after_months` before `as_of`.
    pub stale: bool,
}

/// What the packet says under "still missing" for a dimension without evidence.
pub const NO_EVIDENCE: &str = "No evidence given";

/// What it says where every piece of evidence is stale.
pub const NO_FRESH_EVIDENCE: &str = "No recent evidence: all of it is stale";

/// Whether something dated `date` is stale on `as_of`: more than `months`
/// months before it (exactly `months` months is not yet stale).
pub fn is_stale(date: Date, as_of: Date, months: u32) -> bool {
    // Further back than the calendar goes: nothing is that old.
    cutoff(as_of, months).is_some_and(|cutoff| date < cutoff)
}

/// The day `months` months before `as_of`; `None` when that is before the
/// year 1 or further back than the calendar goes (any `months`, however
/// large, is no panic).
fn cutoff(as_of: Date, months: u32) -> Option<Date> {
    let span = jiff::Span::new().try_months(i64::from(months)).ok()?;
    as_of.checked_sub(span).ok().filter(|c| c.year() >= 1)
}

/// The sentence that says what "stale" means, for a packet or a list:
/// "Evidence dated before 2025-06-01 (more than 12 months before 2026-06-01) …".
pub fn stale_rule(as_of: Date, months: u32) -> String {
    let span = match months {
        1 => "1 month".to_string(),
        n => format!("{n} months"),
    };
    let cutoff = cutoff(as_of, months).map_or_else(String::new, |c| format!("before {c}, "));
    format!(
        "evidence dated {cutoff}more than {span} before {as_of}, is marked stale: it may no longer show where the person stands."
    )
}

/// `n` in words up to ten ("one", "two"), else as a number.
fn count_words(n: u64) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// A gap in steps as words: "one step", "two steps", "0.27 of a step", "1.50 steps".
fn steps_short(gap: f64) -> String {
    let whole = gap.round();
    if (gap - whole).abs() < 1e-9 && whole >= 1.0 {
        let n = whole as u64;
        format!("{} step{}", count_words(n), if n == 1 { "" } else { "s" })
    } else if gap < 1.0 {
        format!("{} of a step", crate::render::gap_text(gap, true))
    } else {
        format!("{} steps", crate::render::gap_text(gap, true))
    }
}

/// Points as the packet says them: "3 pts", "1 pt".
fn points(p: f64) -> String {
    if p == 1.0 {
        "1 pt".to_string()
    } else {
        format!("{p} pts")
    }
}

/// The target's per-dimension minimum under a points rule.
fn points_minimum(r: &Report) -> Option<f64> {
    r.points
        .as_ref()
        .and_then(|p| p.thresholds.iter().find(|t| t.level == r.target.id))
        .and_then(|t| t.min_per_dimension)
}

/// Whether the target expects dimension `d` (signals are never expected).
fn expected(r: &Report, d: &DimensionReport) -> bool {
    !d.signal && (d.target.is_some() || r.points.is_some())
}

/// The level title of a missing item's level id (the id if unknown).
fn level_title<'a>(r: &'a Report, id: &'a str) -> &'a str {
    r.levels.iter().find(|l| l.id == id).map_or(id, |l| l.title.as_str())
}

/// Every distinct evidence text of dimension `id` across `inputs`, each with
/// the date of the earliest input it appears in, newest first. Texts are the
/// same when they are equal after trimming; the first spelling is kept.
fn evidence_of(id: &str, inputs: &[Input], as_of: Date, months: u32) -> Vec<Evidence> {
    let mut found: Vec<(String, Date)> = Vec::new();
    for input in inputs {
        let Some(text) = input
            .report
            .dimensions
            .iter()
            .find(|d| d.id == id)
            .and_then(|d| d.evidence.as_deref())
            .filter(|t| !t.trim().is_empty())
        else {
            continue;
        };
        match found.iter_mut().find(|(t, _)| t.trim() == text.trim()) {
            Some((_, date)) => *date = (*date).min(input.date),
            None => found.push((text.to_string(), input.date)),
        }
    }
    // Newest first; of one date, in the order they were found.
    found.sort_by_key(|e| std::cmp::Reverse(e.1));
    found
        .into_iter()
        .map(|(text, date)| Evidence {
            text,
            date: date.to_string(),
            stale: is_stale(date, as_of, months),
        })
        .collect()
}

/// Build the packet.
///
/// - `rubric`: the rubric of every input, for what the target expects.
/// - `inputs`: the person's inputs, in any order (all on `rubric`).
/// - `assessment`: the report the packet stands on: the newest input's,
///   scored for the target level.
/// - `as_of` and `months`: evidence dated more than `months` months before
///   `as_of` is stale.
pub fn build(rubric: &Rubric, inputs: &[Input], assessment: &Report, as_of: Date, months: u32) -> Packet {
    let r = assessment;
    let target = usize::try_from(r.target.index).ok();
    let mut sorted: Vec<&Input> = inputs.iter().collect();
    sorted.sort_by_key(|i| i.date);
    let newest = newest(inputs);
    let sources = sorted
        .iter()
        .map(|i| Source {
            label: i.label.clone(),
            kind: match i.kind {
                InputKind::SavedRun => "saved run".to_string(),
                InputKind::Answers => "answers file".to_string(),
            },
            date: i.date.to_string(),
            dated_by: i.dated_by.clone(),
            newest: newest.is_some_and(|n| std::ptr::eq(n, *i)),
        })
        .collect();
    let mut dimensions = Vec::new();
    let mut not_expected = Vec::new();
    for d in &r.dimensions {
        if !expected(r, d) {
            not_expected.push(d.title.clone());
            continue;
        }
        let description = rubric
            .dimensions
            .iter()
            .position(|rd| rd.id == d.id)
            .zip(target)
            .map(|(i, t)| rubric.looks_like(i, t))
            .unwrap_or_default();
        let by_points = r.points.is_some();
        let expects = if by_points {
            points_minimum(r).map_or_else(|| "no minimum here".to_string(), |m| format!("at least {}", points(m)))
        } else {
            d.target_step
                .clone()
                .or_else(|| d.target.map(|t| format!("{t:.2}")))
                .unwrap_or_default()
        };
        let answered = d.score.is_some() || d.points.is_some();
        let stands = if d.not_applicable {
            "n/a (left out of the estimate)".to_string()
        } else if !answered {
            "not answered".to_string()
        } else if by_points {
            match (d.points, d.max_points) {
                (Some(p), Some(max)) => format!("{} of {max}", points(p)),
                (Some(p), None) => points(p),
                _ => "not answered".to_string(),
            }
        } else {
            d.step.clone().unwrap_or_else(|| crate::render::score_text(d.score))
        };
        let mut missing = Vec::new();
        if d.not_applicable {
            // n/a costs nothing: not a gap.
        } else if !answered {
            missing.push(format!("Not answered: the target expects {expects}"));
        } else if !d.reached {
            let short = if by_points { points(d.gap) } else { steps_short(d.gap) };
            missing.push(format!("{stands}, the target expects {expects}: {short} short"));
        }
        for m in &d.missing {
            // A met checklist needs only a share of its items: the rest are no gap.
            let note = if d.reached { ", not needed to meet it" } else { "" };
            missing.push(format!(
                "Not yet ticked{note}: {} ({})",
                m.label,
                level_title(r, &m.level)
            ));
        }
        let evidence = evidence_of(&d.id, inputs, as_of, months);
        if evidence.is_empty() {
            missing.push(NO_EVIDENCE.to_string());
        } else if evidence.iter().all(|e| e.stale) {
            missing.push(NO_FRESH_EVIDENCE.to_string());
        }
        dimensions.push(PacketDimension {
            id: d.id.clone(),
            title: d.title.clone(),
            expects,
            expects_description: description,
            stands,
            reached: d.reached,
            evidence,
            missing,
        });
    }
    Packet {
        name: r.person.name.clone(),
        rubric: r.rubric.clone(),
        target: r.target.clone(),
        estimate: r.estimate.level.clone(),
        readiness: r.readiness,
        points: r
            .points
            .as_ref()
            .map(|p| match p.thresholds.iter().find(|t| t.level == r.target.id) {
                Some(t) => format!(
                    "{} of the {} {} needs",
                    points(p.total),
                    points(t.points),
                    r.target.title
                ),
                None => points(p.total),
            }),
        assessed: newest.map_or_else(|| r.person.date.clone(), |n| n.date.to_string()),
        as_of: as_of.to_string(),
        stale_after_months: months,
        stale_rule: stale_rule(as_of, months),
        sources,
        dimensions,
        not_expected,
    }
}

/// The input the assessment comes from: the latest date; of several on that
/// date, the last given (saved runs come oldest first).
pub fn newest(inputs: &[Input]) -> Option<&Input> {
    // max_by_key keeps the last of equal keys.
    inputs.iter().max_by_key(|i| i.date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(label: &str, date: Date, evidence: &[(&str, &str)]) -> Input {
        let rubric = Rubric::builtin("senior-staff").unwrap();
        let mut a = crate::answers::Answers {
            name: Some("Sam".into()),
            ..Default::default()
        };
        for (d, e) in evidence {
            a.evidence.insert((*d).into(), (*e).into());
        }
        let s = crate::score::assess(&rubric, &a, 1);
        Input {
            label: label.into(),
            kind: InputKind::Answers,
            date,
            dated_by: None,
            report: crate::report::build(&rubric, &a, &s, date),
        }
    }

    #[test]
    fn stale_is_strictly_more_than_the_months() {
        let as_of = jiff::civil::date(2026, 6, 1);
        assert!(!is_stale(jiff::civil::date(2025, 6, 1), as_of, 12), "exactly 12 months");
        assert!(is_stale(jiff::civil::date(2025, 5, 31), as_of, 12));
        assert!(!is_stale(jiff::civil::date(2026, 6, 1), as_of, 0));
        assert!(is_stale(jiff::civil::date(2026, 5, 31), as_of, 0));
    }

    #[test]
    fn stale_never_panics_however_many_months() {
        let as_of = jiff::civil::date(2026, 6, 1);
        let old = jiff::civil::date(1900, 1, 1);
        assert!(is_stale(old, as_of, MAX_STALE_AFTER_MONTHS), "over 100 years old");
        for months in [
            MAX_STALE_AFTER_MONTHS + 1,
            100_000,
            239_976,
            239_977,
            4_000_000_000,
            u32::MAX,
        ] {
            // Past the calendar's start (or a span jiff cannot hold): nothing is that old.
            if months > 100_000 {
                assert!(!is_stale(old, as_of, months), "{months}");
            }
            assert!(stale_rule(as_of, months).contains(&format!("{months} months")));
        }
        assert!(!stale_rule(as_of, u32::MAX).contains("before -"));
        // No cutoff before the year 1: none is shown, and nothing is stale.
        let early = jiff::civil::date(50, 1, 1);
        assert!(!stale_rule(early, MAX_STALE_AFTER_MONTHS).contains("before -"));
        assert!(!is_stale(jiff::civil::date(0, 1, 1), early, MAX_STALE_AFTER_MONTHS));
    }

    #[test]
    fn evidence_is_verbatim_distinct_earliest_dated_and_newest_first() {
        let rubric = Rubric::builtin("senior-staff").unwrap();
        let old = input("old.yaml", jiff::civil::date(2024, 1, 10), &[("scope", "Led  X ")]);
        let mid = input(
            "mid.yaml",
            jiff::civil::date(2025, 3, 1),
            &[("scope", "Led  X"), ("impact", "Cut costs")],
        );
        let new = input("new.yaml", jiff::civil::date(2026, 3, 1), &[("scope", "Led Y")]);
        let inputs = [mid.clone(), new.clone(), old];
        let p = build(&rubric, &inputs, &new.report, jiff::civil::date(2026, 6, 1), 12);
        let scope = p.dimensions.iter().find(|d| d.id == "scope").unwrap();
        let texts: Vec<(&str, &str, bool)> = scope
            .evidence
            .iter()
            .map(|e| (e.text.as_str(), e.date.as_str(), e.stale))
            .collect();
        // The same text twice is one entry, dated by its first appearance, spelt as first written.
        assert_eq!(texts, [("Led Y", "2026-03-01", false), ("Led  X", "2024-01-10", true)]);
        let impact = p.dimensions.iter().find(|d| d.id == "impact").unwrap();
        assert_eq!(impact.evidence.len(), 1);
        assert!(!impact.missing.iter().any(|m| m == NO_EVIDENCE));
        let horizon = p.dimensions.iter().find(|d| d.id == "horizon").unwrap();
        assert!(horizon.evidence.is_empty());
        assert!(
            horizon.missing.iter().any(|m| m == NO_EVIDENCE),
            "{:?}",
            horizon.missing
        );
        // Nothing but what was written: every text in the packet is one of the inputs'.
        let all: Vec<&str> = p
            .dimensions
            .iter()
            .flat_map(|d| d.evidence.iter().map(|e| e.text.as_str()))
            .collect();
        assert_eq!(all.len(), 3);
        assert!(
            p.not_expected.iter().any(|t| t.contains("Coding")),
            "{:?}",
            p.not_expected
        );
        assert_eq!(
            p.sources.iter().map(|s| s.label.as_str()).collect::<Vec<_>>(),
            ["old.yaml", "mid.yaml", "new.yaml"]
        );
        assert!(p.sources[2].newest && !p.sources[0].newest);
    }

    #[test]
    fn gaps_are_said_in_steps() {
        assert_eq!(steps_short(1.0), "one step");
        assert_eq!(steps_short(2.0), "two steps");
        assert_eq!(steps_short(0.27), "0.27 of a step");
        assert_eq!(steps_short(1.5), "1.50 steps");
    }
}
