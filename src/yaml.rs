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
    let mut options = serde_saphyr::options! { strict_booleans: true };
    options.budget = Some(budget());
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let at = err.location().map(|l| (l.line(), l.column()));
        Problem::new("", clean_message(&err.without_snippet().to_string())).at(at)
    })
}

/// The text of a top-level `id:` key of a YAML mapping, if the text is one
/// and has it; everything else in the file is ignored (not checked).
pub fn top_level_id(text: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct OnlyId {
        id: Option<String>,
    }
    parse::<OnlyId>(text).ok()?.id.filter(|id| !id.trim().is_empty())
}

/// A YAML document as a tree with the position of every value and key,
/// duplicate keys included, for reporting every problem of a file at once.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Number(f64),
    Text(String),
    Seq(Vec<Spanned<Node>>),
    /// Entries in file order; a repeated key appears twice.
    Map(Vec<(Spanned<String>, Spanned<Node>)>),
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(Node::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Text(v))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    entries.push((key, map.next_value()?));
                }
                Ok(Node::Map(entries))
            }
        }
        d.deserialize_any(V)
    }
}

impl Node {
    /// Plain JSON data as a tree without positions (for merged documents).
    pub fn from_json(value: &serde_json::Value) -> Spanned<Node> {
        use serde_json::Value;
        let unknown = serde_saphyr::Location::UNKNOWN;
        let node = match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Node::Text(s.clone()),
            Value::Array(items) => Node::Seq(items.iter().map(Node::from_json).collect()),
            Value::Object(map) => Node::Map(
                map.iter()
                    .map(|(k, v)| (Spanned::new(k.clone(), unknown, unknown), Node::from_json(v)))
                    .collect(),
            ),
        };
        Spanned::new(node, unknown, unknown)
    }

    /// The value as plain JSON data (spans and repeated keys dropped; the
    /// first of two equal keys wins).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            // Whole numbers as integers, so that integer fields read them.
            Node::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Value::Number((*n as i64).into()),
            Node::Number(n) => serde_json::Number::from_f64(*n).map_or(Value::Null, Value::Number),
            Node::Text(t) => Value::String(t.clone()),
            Node::Seq(items) => Value::Array(items.iter().map(|i| i.value.to_json()).collect()),
            Node::Map(entries) => {
                let mut out = serde_json::Map::new();
                for (k, v) in entries {
                    out.entry(k.value.clone()).or_insert_with(|| v.value.to_json());
                }
                Value::Object(out)
            }
        }
    }
}

/// Parse YAML text into a [`Node`] tree, keeping repeated keys (so that each
/// can be reported) instead of stopping at the first.
pub fn parse_tree(text: &str) -> Result<Spanned<Node>, Problem> {
    let mut options = serde_saphyr::options! {
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::PassThrough,
        // `.inf` is an open-ended band's end; other non-finite values are reported by the checker.
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    };
    options.budget = Some(budget());
    serde_saphyr::from_str_with_options(text, options).map_err(|err| {
        let at = err.location().map(|l| (l.line(), l.column()));
        Problem::new("", clean_message(&err.without_snippet().to_string())).at(at)
    })
}

/// What one levelup file may hold: far more than any rubric (a few thousand
/// values) or answers file (about a hundred), and little enough that an alias
/// bomb or a file of a million keys is refused within a few MB of memory.
fn budget() -> serde_saphyr::Budget {
    let mut b = serde_saphyr::Budget::default();
    b.max_events = 200_000;
    b.max_nodes = 100_000;
    b.max_aliases = 1_000;
    b.max_anchors = 1_000;
    b.max_recorded_anchor_events = 50_000;
    b.max_recorded_anchor_bytes = 1 << 20;
    b.max_total_scalar_bytes = 8 << 20;
    b
}

/// Serialize to YAML text.
pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_saphyr::to_string(value)?)
}

/// `250000` as `250,000`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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
    // The parser's limits and advice to its own users, in our words.
    if msg.starts_with("multiple YAML documents") {
        return "more than one YAML document (a second `---`): a levelup file is one document".to_string();
    }
    if msg.contains("recursion limit exceeded") {
        return "nested too deeply: levelup reads no more from one file".to_string();
    }
    // A key that is not text: `~: 1`, `: 1`, `[a]: 1`.
    if msg.starts_with("cannot deserialize null into string") || msg.starts_with("expected string scalar") {
        return "a key here is empty, null or a list or map; keys must be text (quote it if it is meant as text)"
            .to_string();
    }
    // A scalar tagged with a type it does not have: `!!int heavy`, `!!float x`.
    if msg.starts_with("invalid u64") || msg.starts_with("invalid i64") || msg.starts_with("invalid floating point") {
        return "a value tagged `!!int` or `!!float` is not a number; remove the tag or give a number".to_string();
    }
    if msg.starts_with("invalid boolean") {
        return "a value tagged `!!bool` is not true or false; remove the tag or give true or false".to_string();
    }
    if let Some(limit) = msg.strip_prefix("budget breached: ") {
        let what = limit.split_whitespace().next().unwrap_or("").to_lowercase();
        if what.starts_with("alias") {
            return "too many aliases (`*name`): levelup reads no more from one file".to_string();
        }
        // "Nodes { nodes: 250001 }": the count is inside the braces.
        let inside = limit
            .split_once('{')
            .and_then(|(_, rest)| rest.split_once('}'))
            .map_or("", |(n, _)| n);
        let number: String = inside.chars().filter(char::is_ascii_digit).collect();
        let reached = number.parse::<u64>().map(|n| n.saturating_sub(1)).unwrap_or(0);
        let what = match what.as_str() {
            "nodes" => "values",
            "depth" => "levels of nesting",
            "aliases" => "aliases",
            "anchors" => "anchors (`&name`)",
            "events" => "YAML events",
            "recordedanchorevents" | "recordedanchorbytes" => "values or bytes kept for anchors (`&name`)",
            "totalscalarbytes" => "bytes of text",
            other => other,
        };
        return format!(
            "more than {} {what}: levelup reads no more from one file (a rubric has a few thousand values, an answers file about a hundred)",
            thousands(reached)
        );
    }
    // "… (defined at line 3, column 11) (used at line 5, column 2)": the
    // location is printed up front.
    let msg = msg.split(" (defined at line").next().unwrap_or(msg);
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
    fn keys_that_are_not_text_and_mistyped_tags_are_in_our_words() {
        for text in ["a:\n  ~: 1\n", "a:\n  [x]: 1\n"] {
            let err = parse_tree(text).unwrap_err();
            assert!(err.message.contains("keys must be text"), "{text:?}: {}", err.message);
            assert_eq!(err.at, Some((2, 3)), "{text:?}");
        }
        for text in ["w: !!int heavy\n", "w: !!float x\n"] {
            let err = parse_tree(text).unwrap_err();
            assert!(
                err.message.contains("tagged `!!int` or `!!float`"),
                "{text:?}: {}",
                err.message
            );
        }
    }

    #[test]
    fn limits_and_advice_are_in_our_words() {
        let many = format!("a: [{}]\n", vec!["1"; 300_000].join(","));
        let err = parse::<BTreeMap<String, Vec<u32>>>(&many).unwrap_err();
        assert!(err.message.starts_with("more than 100,000 values"), "{err:?}");
        let err = parse::<BTreeMap<String, u32>>("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(err.message.starts_with("more than one YAML document"), "{err:?}");
        assert_eq!(thousands(1_234_567), "1,234,567");
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
    fn trees_keep_repeated_keys_and_positions() {
        let tree = parse_tree("a: 1\nb: [x, y]\na: 3\n").unwrap();
        let Node::Map(entries) = &tree.value else {
            panic!("{tree:?}")
        };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.value.as_str()).collect();
        assert_eq!(keys, ["a", "b", "a"]);
        assert_eq!(location(&entries[2].0), Some((3, 1)));
        let Node::Seq(items) = &entries[1].1.value else {
            panic!("{tree:?}")
        };
        assert_eq!(items.len(), 2);
        assert_eq!(location(&items[1]), Some((2, 8)));
        assert_eq!(tree.value.to_json(), serde_json::json!({ "a": 1, "b": ["x", "y"] }));
    }

    #[test]
    fn spans_are_kept() {
        let v: BTreeMap<String, Spanned<String>> = parse("x: 1\ny: two\n").unwrap();
        assert_eq!(location(&v["y"]), Some((2, 4)));
    }
}
