//! The report's sections, defined once: which there are, in what order, when
//! each is shown and under what title. Table, Markdown and HTML each lay out
//! the same list (their section facts come from the shared cell and text
//! helpers in [`super`]), so every human format carries the same facts by
//! construction; JSON carries the report itself.

use crate::report::Report;
use serde::Serialize;

/// What a format shows of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// The whole gap report (`assess`).
    #[default]
    Report,
    /// Where the person stands and the shortest path (`plan`).
    Plan,
}

/// One section of the gap report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Estimated level, readiness, the explanation and the rule.
    Standing,
    /// Each rater and where they agree (several raters only).
    Raters,
    /// Every dimension: score, target, gap, weight, position (and the radar where there is one).
    Dimensions,
    /// The largest gaps: what the target looks like, what is still to meet, answers, evidence, next steps.
    TopGaps,
    /// The fewest answer changes that would lift the estimate to the target.
    Plan,
    /// Dimensions that reach the target, and the rest of the person's evidence.
    Strengths,
    /// Pitfalls the answers trigger.
    Pitfalls,
    /// Whether the next level is for this person.
    Fit,
    /// Pay ranges by level (rubrics with compensation only).
    Pay,
    /// Questions left unanswered (only when there are).
    Unanswered,
}

/// Every section, in the order every format shows them.
pub const ORDER: [Section; 10] = [
    Section::Standing,
    Section::Raters,
    Section::Dimensions,
    Section::TopGaps,
    Section::Plan,
    Section::Strengths,
    Section::Pitfalls,
    Section::Fit,
    Section::Pay,
    Section::Unanswered,
];

/// A section as a format shows it: which one, and its title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shown {
    pub id: Section,
    pub title: String,
}

/// The sections of `r` that are shown, in [`ORDER`], with their titles.
/// Sections without content for this report (raters, pay, unanswered) are
/// left out; the others are always shown, saying "none" in words when empty.
pub fn shown(r: &Report, view: View) -> Vec<Shown> {
    ORDER
        .into_iter()
        .filter(|s| view == View::Report || matches!(s, Section::Standing | Section::Plan))
        .filter(|s| match s {
            Section::Plan => r.plan.is_some(),
            Section::Raters => r.raters.is_some(),
            Section::Pay => r.compensation.is_some(),
            Section::Unanswered => !r.unanswered.is_empty(),
            Section::Fit => r.fit.asked,
            _ => true,
        })
        .map(|id| Shown {
            id,
            title: title(r, id),
        })
        .collect()
}

/// The title of section `s` of `r`.
pub fn title(r: &Report, s: Section) -> String {
    match s {
        Section::Standing => "Where you stand".to_string(),
        Section::Raters => "Raters".to_string(),
        Section::Dimensions => "Dimensions".to_string(),
        Section::TopGaps => "Top gaps".to_string(),
        Section::Plan => format!("Shortest path to {}", r.target.title),
        Section::Strengths => "Strengths".to_string(),
        Section::Pitfalls => "Pitfalls".to_string(),
        Section::Fit => format!("Is {} for you?", super::fit_level(r)),
        Section::Pay => match &r.compensation {
            Some(c) => format!("Pay context ({}, {}, {})", c.year, c.market, c.currency),
            None => "Pay context".to_string(),
        },
        Section::Unanswered => "Unanswered".to_string(),
    }
}

/// What the strengths section says when no dimension reaches the target.
pub fn no_strengths_text(r: &Report) -> String {
    format!("No dimension reaches {} yet.", r.target.title)
}

/// What the pitfalls section says when the answers trigger none.
pub const NO_PITFALLS: &str = "None triggered by your answers.";
