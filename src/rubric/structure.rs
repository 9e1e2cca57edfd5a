//! Every problem of a broken rubric file in one run.
//!
//! The typed parse stops at the first structural mistake (an unknown or
//! repeated key, a wrong type). When it does, the file is read again as a tree
//! with positions ([`Node`]) and checked against the rubric's JSON Schema:
//! every structural mistake is reported where it stands, the tree is repaired
//! (unknown and repeated keys dropped, values of the wrong type left out), and
//! the repaired rubric is validated too, its problems placed by key path.

use crate::error::Problem;
use crate::yaml::{Node, Spanned, location};
use serde_json::{Map, Value};

/// A walk of the tree against the schema, collecting problems.
struct Walk<'s> {
    defs: &'s Map<String, Value>,
    problems: Vec<Problem>,
    /// (list path, index in the file) of entries left out of the repair.
    dropped: Vec<(String, usize)>,
    /// Read numbers and true/false as text where text is expected (off while
    /// trying the shapes of an `anyOf`, so that a number stays a number).
    coerce: bool,
}

/// What the structural check found and left of a rubric file.
pub struct Checked {
    pub problems: Vec<Problem>,
    /// The tree as JSON with what could not stand removed.
    pub repaired: Option<Value>,
    dropped: Vec<(String, usize)>,
}

impl Checked {
    /// A key path into the repaired rubric as a path into the file: list
    /// indices count the entries that were left out again.
    pub fn original_path(&self, path: &str) -> String {
        let mut out = String::new();
        let mut rest = path;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find(']').map(|c| open + c) else {
                break;
            };
            out.push_str(&rest[..open]);
            let Ok(mut index) = rest[open + 1..close].parse::<usize>() else {
                out.push_str(&rest[open..=close]);
                rest = &rest[close + 1..];
                continue;
            };
            let mut gone: Vec<usize> = self
                .dropped
                .iter()
                .filter(|(p, _)| *p == out)
                .map(|(_, i)| *i)
                .collect();
            gone.sort_unstable();
            for g in gone {
                if g <= index {
                    index += 1;
                }
            }
            out.push_str(&format!("[{index}]"));
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }
}

/// Structural problems of `tree` against `schema`, and the tree as JSON with
/// what could not stand removed (`None` if even the top is unusable).
pub fn check(tree: &Spanned<Node>, schema: &Value) -> Checked {
    let empty = Map::new();
    let defs = schema.get("$defs").and_then(Value::as_object).unwrap_or(&empty);
    let root = schema;
    let mut walk = Walk {
        defs,
        problems: Vec::new(),
        dropped: Vec::new(),
        coerce: true,
    };
    let repaired = walk.value(tree, root, "");
    Checked {
        problems: walk.problems,
        repaired,
        dropped: walk.dropped,
    }
}

/// Line and column of the value at a problem's key path
/// (`dimensions[1].questions[0].weight`), else of the nearest enclosing value.
pub fn locate(tree: &Spanned<Node>, path: &str) -> Option<(u64, u64)> {
    let mut node = tree;
    let mut at = location(node);
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, indices) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            let Node::Map(entries) = &node.value else { break };
            let Some((_, value)) = entries.iter().find(|(k, _)| k.value == name) else {
                break;
            };
            node = value;
            at = location(node).or(at);
        }
        for index in indices.split(['[', ']']).filter(|s| !s.is_empty()) {
            let (Node::Seq(items), Ok(i)) = (&node.value, index.parse::<usize>()) else {
                return at;
            };
            let Some(item) = items.get(i) else { return at };
            node = item;
            at = location(node).or(at);
        }
    }
    at
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn kind(node: &Node) -> &'static str {
    match node {
        Node::Null => "nothing",
        Node::Bool(_) => "true or false",
        Node::Number(_) => "a number",
        Node::Text(_) => "text",
        Node::Seq(_) => "a list",
        Node::Map(_) => "a mapping",
    }
}

/// Whether `node` is of JSON Schema type `t`.
fn is_type(node: &Node, t: &str) -> bool {
    match (node, t) {
        (Node::Null, "null") | (Node::Bool(_), "boolean") | (Node::Text(_), "string") => true,
        (Node::Number(_), "number") => true,
        (Node::Number(n), "integer") => n.fract() == 0.0,
        (Node::Seq(_), "array") | (Node::Map(_), "object") => true,
        _ => false,
    }
}

fn type_words(t: &str) -> &'static str {
    match t {
        "null" => "nothing",
        "boolean" => "true or false",
        "string" => "text",
        "number" => "a number",
        "integer" => "a whole number",
        "array" => "a list",
        "object" => "a mapping",
        _ => "a value",
    }
}

impl Walk<'_> {
    fn push(&mut self, path: &str, at: Option<(u64, u64)>, message: String) {
        self.problems.push(Problem::new(path, message).at(at));
    }

    /// The schema behind a `$ref`, or the schema itself.
    fn deref(&self, schema: &Value) -> Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.trim_start_matches("#/$defs/");
                self.defs.get(name).cloned().unwrap_or(Value::Bool(true))
            }
            None => schema.clone(),
        }
    }

    /// A value of the schema's shape: the first allowed value, an empty list,
    /// text or mapping (with stand-ins for its required keys), or 0.
    fn stand_in(&self, schema: &Value) -> Value {
        let schema = self.deref(schema);
        if let Some(first) = schema.get("enum").and_then(|e| e.get(0)) {
            return first.clone();
        }
        if let Some(first) = schema.get("anyOf").or(schema.get("oneOf")).and_then(|b| b.get(0)) {
            return self.stand_in(first);
        }
        let kind = match schema.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(ts)) => ts
                .iter()
                .filter_map(Value::as_str)
                .find(|t| *t != "null")
                .unwrap_or("null"),
            _ => "string",
        };
        match kind {
            "array" => Value::Array(Vec::new()),
            "number" | "integer" => Value::from(0),
            "boolean" => Value::Bool(false),
            "null" => Value::Null,
            "object" => {
                let mut out = Map::new();
                let props = schema.get("properties").and_then(Value::as_object);
                for name in schema
                    .get("required")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                {
                    let v = props
                        .and_then(|p| p.get(name))
                        .map_or(Value::Null, |s| self.stand_in(s));
                    out.insert(name.to_string(), v);
                }
                Value::Object(out)
            }
            _ => Value::String(String::new()),
        }
    }

    /// Check one value; its repaired JSON, or `None` when it cannot stand.
    fn value(&mut self, node: &Spanned<Node>, schema: &Value, path: &str) -> Option<Value> {
        let schema = self.deref(schema);
        let at = location(node);
        if let Some(branches) = schema.get("anyOf").or(schema.get("oneOf")).and_then(Value::as_array) {
            return self.any_of(node, branches, path);
        }
        if let Some(types) = schema.get("type") {
            let allowed: Vec<&str> = match types {
                Value::String(t) => vec![t.as_str()],
                Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            // A number or true/false where text is expected is read as text, as the typed parse does.
            if self.coerce && allowed.contains(&"string") {
                match &node.value {
                    Node::Number(n) if n.is_finite() => {
                        let text = if n.fract() == 0.0 && n.abs() < 1e15 {
                            format!("{}", *n as i64)
                        } else {
                            n.to_string()
                        };
                        return Some(Value::String(text));
                    }
                    Node::Bool(b) => return Some(Value::String(b.to_string())),
                    _ => {}
                }
            }
            if !allowed.is_empty() && !allowed.iter().any(|t| is_type(&node.value, t)) {
                let expected: Vec<&str> = allowed
                    .iter()
                    .filter(|t| **t != "null")
                    .map(|t| type_words(t))
                    .collect();
                let expected = if expected.is_empty() { vec!["nothing"] } else { expected };
                let found = match &node.value {
                    Node::Text(t) => format!("the text '{t}'"),
                    other => kind(other).to_string(),
                };
                self.push(path, at, format!("expected {}, found {found}", expected.join(" or ")));
                return None;
            }
        }
        if let Node::Number(n) = node.value {
            // Infinity means "open-ended" only where a range ends.
            let open_end = path.ends_with(".to") || path.ends_with(".max");
            if n.is_nan() || (n.is_infinite() && !open_end) {
                self.push(path, at, format!("must be a finite number, found {n}"));
                return None;
            }
            let bound = |key: &str| schema.get(key).and_then(Value::as_f64);
            let unsigned_32 = schema.get("format").and_then(Value::as_str) == Some("uint32");
            let max = bound("maximum").or(unsigned_32.then_some(f64::from(u32::MAX)));
            let too_low = bound("minimum").is_some_and(|m| n < m) || bound("exclusiveMinimum").is_some_and(|m| n <= m);
            let too_high = max.is_some_and(|m| n > m);
            if too_low || too_high {
                let low = bound("minimum").or(bound("exclusiveMinimum"));
                let range = match (low, max) {
                    (Some(l), Some(h)) => format!("from {l} to {h}"),
                    (Some(l), None) => format!("at least {l}"),
                    (None, Some(h)) => format!("at most {h}"),
                    (None, None) => String::new(),
                };
                let name = path.rsplit('.').next().unwrap_or(path);
                self.push(path, at, format!("{name} must be {range}, found {n}"));
                return None;
            }
        }
        if let (Some(options), Node::Text(t)) = (schema.get("enum").and_then(Value::as_array), &node.value) {
            let names: Vec<&str> = options.iter().filter_map(Value::as_str).collect();
            if !names.is_empty() && !names.contains(&t.as_str()) {
                self.push(
                    path,
                    at,
                    format!("unknown value '{t}'; expected {}", crate::error::one_of(&names)),
                );
                return None;
            }
        }
        match &node.value {
            Node::Map(entries) => Some(self.object(entries, &schema, path, at)),
            Node::Seq(items) => {
                let item_schema = schema.get("items").cloned().unwrap_or(Value::Bool(true));
                // An entry of the wrong shape is left out; `dropped` remembers where,
                // so that later entries get their own numbers back in problems.
                let mut repaired = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    match self.value(item, &item_schema, &format!("{path}[{i}]")) {
                        Some(v) => repaired.push(v),
                        None => self.dropped.push((path.to_string(), i)),
                    }
                }
                Some(Value::Array(repaired))
            }
            other => Some(Node::to_json(other)),
        }
    }

    /// One of several shapes (an optional value, a position that is a level
    /// id or a number): the first that fits, else the problems of the closest.
    fn any_of(&mut self, node: &Spanned<Node>, branches: &[Value], path: &str) -> Option<Value> {
        // A shape that fits as written wins over one that fits only once read as text.
        let coerce = std::mem::replace(&mut self.coerce, false);
        for branch in branches {
            let (saved, dropped) = (std::mem::take(&mut self.problems), self.dropped.len());
            let repaired = self.value(node, branch, path);
            let found = std::mem::replace(&mut self.problems, saved);
            if found.is_empty() {
                self.coerce = coerce;
                return repaired;
            }
            self.dropped.truncate(dropped);
        }
        self.coerce = coerce;
        let mut best: Option<(Vec<Problem>, Option<Value>, bool)> = None;
        for branch in branches {
            let saved = std::mem::take(&mut self.problems);
            let repaired = self.value(node, branch, path);
            let found = std::mem::replace(&mut self.problems, saved);
            if found.is_empty() {
                return repaired;
            }
            // Prefer the branch of the value's own type (a number's problem is said
            // of numbers: "must be a finite number", not "expected text"), then one
            // of the same kind (its problems lie inside the value, not on it: a
            // list for a list), then the fewest problems.
            let own_type = self
                .deref(branch)
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| is_type(&node.value, t));
            let same_kind = !found.iter().any(|p| p.path == path);
            let better = match &best {
                None => true,
                Some((b, _, b_own)) => {
                    let b_same = !b.iter().any(|p| p.path == path);
                    (own_type && !b_own)
                        || (own_type == *b_own
                            && ((same_kind && !b_same) || (same_kind == b_same && found.len() < b.len())))
                }
            };
            if better {
                best = Some((found, repaired, own_type));
            }
        }
        let (problems, repaired, _) = best.unwrap_or_default();
        self.problems.extend(problems);
        repaired
    }

    fn object(
        &mut self,
        entries: &[(Spanned<String>, Spanned<Node>)],
        schema: &Value,
        path: &str,
        at: Option<(u64, u64)>,
    ) -> Value {
        let empty = Map::new();
        let properties = schema.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        let closed = schema.get("additionalProperties") == Some(&Value::Bool(false));
        let extra = schema.get("additionalProperties").filter(|v| v.is_object()).cloned();
        let mut out = Map::new();
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for (key, value) in entries {
            let key_path = join(path, &key.value);
            if !seen.insert(key.value.as_str()) {
                self.push(&key_path, location(key), format!("duplicate key '{}'", key.value));
                continue;
            }
            let value_schema = match (properties.get(&key.value), &extra) {
                (Some(s), _) => s.clone(),
                (None, Some(s)) => s.clone(),
                (None, None) if closed => {
                    let names: Vec<&str> = properties.keys().map(String::as_str).collect();
                    // A key with spaces, or without a value, is most often text split at a comma in `{ … }`.
                    let hint = if key.value.contains(' ') || value.value == Node::Null {
                        " (a value with a comma or colon inside { } needs quotes)"
                    } else {
                        ""
                    };
                    let msg = format!(
                        "unknown key '{}'; expected {}{hint}",
                        key.value,
                        crate::error::one_of(&names)
                    );
                    self.push(&key_path, location(key), msg);
                    continue;
                }
                (None, None) => Value::Bool(true),
            };
            if let Some(v) = self.value(value, &value_schema, &key_path) {
                out.insert(key.value.clone(), v);
            }
        }
        for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let Some(name) = required.as_str() else { continue };
            if !seen.contains(&name) {
                self.push(&join(path, name), at, format!("'{name}' is missing"));
            }
            // Set aside for being of the wrong type: a stand-in of the right type, so
            // that the rest of the rubric can still be checked.
            if !out.contains_key(name) {
                let stand_in = properties.get(name).map_or(Value::Null, |s| self.stand_in(s));
                out.insert(name.to_string(), stand_in);
            }
        }
        Value::Object(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(yaml: &str) -> Vec<String> {
        let tree = crate::yaml::parse_tree(yaml).unwrap();
        check(&tree, &crate::rubric::strict_schema())
            .problems
            .iter()
            .map(|p| {
                let (l, c) = p.at.unwrap_or((0, 0));
                format!("{l}:{c} {}: {}", p.path, p.message)
            })
            .collect()
    }

    #[test]
    fn unknown_repeated_and_mistyped_keys_all_at_once() {
        let got = problems(
            "id: r\nid: s\nversion: '1'\ntitle: t\ncolour: red\nlevels: [{ id: a, title: A }]\ndimensions:\n  - id: d\n    title: D\n    weight: lots\n    questions: [{ id: d.q, kind: choice, prompt: P, choices: [{ id: x, label: Mine, with guidance, at: a }] }]\n",
        );
        let joined = got.join("\n");
        assert!(joined.contains("2:1 id: duplicate key 'id'"), "{joined}");
        assert!(joined.contains("5:1 colour: unknown key 'colour'"), "{joined}");
        assert!(
            joined.contains("10:13 dimensions[0].weight: expected a number, found the text 'lots'"),
            "{joined}"
        );
        assert!(joined.contains("unknown key 'with guidance'"), "{joined}");
        assert!(joined.contains("needs quotes"), "{joined}");
        // One word after the comma: a key without a value, also a split label.
        let got = problems("id: r\nversion: '1'\ntitle: t\nlevels: [{ id: a, title: A, sadly }]\ndimensions: []\n")
            .join("\n");
        assert!(
            got.contains("unknown key 'sadly'") && got.contains("needs quotes"),
            "{got}"
        );
    }

    #[test]
    fn entries_left_out_keep_later_entries_numbered() {
        let tree = crate::yaml::parse_tree("l: [a, [x], b, [y], c]\n").unwrap();
        let schema = serde_json::json!({ "type": "object", "properties": { "l": { "type": "array", "items": { "type": "string" } } } });
        let checked = check(&tree, &schema);
        assert_eq!(checked.repaired, Some(serde_json::json!({ "l": ["a", "b", "c"] })));
        assert_eq!(checked.original_path("l[2].x"), "l[4].x");
        assert_eq!(checked.original_path("l[1]"), "l[2]");
        assert_eq!(checked.original_path("l[0]"), "l[0]");
    }

    #[test]
    fn paths_locate_values() {
        let tree = crate::yaml::parse_tree("a:\n  b:\n    - x\n    - { c: 1 }\n").unwrap();
        assert_eq!(locate(&tree, "a.b[1].c"), Some((4, 12)));
        assert_eq!(
            locate(&tree, "a.b[1].missing"),
            Some((4, 7)),
            "the nearest enclosing value"
        );
    }
}
