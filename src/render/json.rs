//! The JSON report: the [`Report`] as it is, pretty-printed.

use crate::report::Report;

pub fn json(report: &Report) -> String {
    // A Report holds only strings, numbers, bools and lists: serializing cannot fail.
    let mut text = serde_json::to_string_pretty(report).unwrap_or_default();
    text.push('\n');
    text
}
