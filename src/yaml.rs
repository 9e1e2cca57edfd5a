//! The one place that talks to the YAML library (serde-saphyr).
//!
//! serde-saphyr rejects duplicate keys and reports line and column; this module
//! turns its errors into our [`Problem`] shape so every file format reads alike.

use crate::error::Problem;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Location of a spanned value, `None` when the source did not record one.
pub type Spanned<T> = serde_saphyr::Spanned<T>;

/// 1-based (line, column) of a spanned value; `None` for non-YAML sources.
pub fn location<T>(s: &Spanned<T>) -> Option<(u64, u64)> {
    let l = s.referenced;
    (l.line() > 0).then(|| (l.line(), l.column()))
}

/// Parse YAML text; on failure one problem with the parser's line and column.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Problem> {
    // YAML 1.2 booleans only: ids such as `yes`, `no`, `on` and `off` stay text.
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let at = err.location().map(|l| (l.line(), l.column()));
        Problem::new("", clean_message(&err.without_snippet().to_string())).at(at)
    })
}

/// Serialize to YAML text.
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_saphyr::to_string(value)?)
}

/// Drop the "error: line N column M: " prefix (we print the location ourselves)
/// and the library's advice to its own API users.
fn clean_message(raw: &str) -> String {
    let mut msg = raw.trim();
    msg = msg.strip_prefix("error: ").unwrap_or(msg);
    if let Some(rest) = msg.strip_prefix("line ")
        && let Some((_, tail)) = rest.split_once(": ")
        && rest.split_once(':').is_some_and(|(head, _)| head.contains("column"))
    {
        msg = tail;
    }
    let msg = msg.split(", set DuplicateKeyPolicy").next().unwrap_or(msg);
    // Some messages repeat the location at the end.
    let msg = match msg.rsplit_once(" at line ") {
        Some((head, tail)) if tail.contains(", column ") => head,
        _ => msg,
    };
    msg.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn duplicate_keys_are_rejected_with_location() {
        let err = parse::<BTreeMap<String, u32>>("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.at, Some((3, 1)));
        assert_eq!(err.message, "duplicate mapping key: a");
    }

    #[test]
    fn syntax_errors_carry_line() {
        let err = parse::<BTreeMap<String, u32>>("a: 1\nb: [\n").unwrap_err();
        assert!(err.at.is_some_and(|(line, _)| line >= 2), "{err:?}");
        assert!(!err.message.starts_with("error:"));
    }

    #[test]
    fn yes_and_no_are_text() {
        // Untyped values are where YAML 1.1 would turn them into booleans.
        let v: BTreeMap<String, serde_json::Value> = parse("a: yes\nb: no\nc: on\nt: true\n").unwrap();
        assert_eq!(v["a"], "yes");
        assert_eq!(v["b"], "no");
        assert_eq!(v["c"], "on");
        assert_eq!(v["t"], true);
    }

    #[test]
    fn spans_are_kept() {
        let v: BTreeMap<String, Spanned<String>> = parse("x: 1\ny: two\n").unwrap();
        assert_eq!(location(&v["y"]), Some((2, 4)));
    }
}
