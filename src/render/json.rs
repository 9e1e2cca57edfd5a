//! The JSON report: the [`Report`] as it is, pretty-printed.

use crate::report::Report;

pub fn json(report: &Report) -> String {
    // A Report holds only strings, numbers, bools and lists: serializing cannot fail.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}

/// `levelup plan -f json`: where the person stands and the shortest path,
/// with the report's own keys (`plan` as in the full report).
pub fn plan_json(r: &Report) -> String {
    #[derive(serde::Serialize)]
    struct PlanDocument<'a> {
        schema_version: u32,
        person: &'a crate::report::Person,
        rubric: &'a crate::report::RubricInfo,
        target: &'a crate::report::LevelInfo,
        estimate: &'a crate::report::Estimate,
        readiness: u32,
        plan: &'a Option<crate::report::PlanReport>,
    }
    let doc = PlanDocument {
        schema_version: r.schema_version,
        person: &r.person,
        rubric: &r.rubric,
        target: &r.target,
        estimate: &r.estimate,
        readiness: r.readiness,
        plan: &r.plan,
    };
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
