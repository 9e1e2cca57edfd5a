//! `extends`: a rubric built from another one (a track, a company variant),
//! listing only what changes.
//!
//! The merge works on the documents as plain data, before they are typed:
//! `levels` and `dimensions` merge by id, key by key (a new id adds one,
//! `remove: true` drops a dimension), `scoring` merges key by key, and every
//! other top-level key the child gives replaces the base's. Bases may extend
//! others in turn; a loop, or a base that cannot be found, is a problem that
//! names both files.

use crate::error::Problem;
use serde_json::Value;

/// The longest chain of bases followed: deeper is taken for a loop.
const MOST_BASES: usize = 16;

/// The key that names a rubric's base.
pub const EXTENDS: &str = "extends";

/// Where a base rubric comes from: its text and a name for messages, or why
/// it could not be found. Arguments: what `extends` says, and the file that
/// says it (relative paths are relative to that file).
pub type Resolve<'a> = dyn Fn(&str, &str) -> Result<(String, String), String> + 'a;

/// Why [`merged`] stopped.
#[derive(Debug)]
pub enum Failed {
    /// A problem of the file being merged (its `extends`, or what it removes).
    Here(Problem),
    /// A base rubric with problems of its own, listed for that file.
    Base(crate::error::Problems),
}

impl From<Problem> for Failed {
    fn from(p: Problem) -> Self {
        Failed::Here(p)
    }
}

/// The child document with its bases merged in, following `extends` until a
/// rubric without one. `chain` holds the files already on the way (loops).
/// A base that extends nothing is checked as a whole rubric first, so its
/// problems are reported in its own file, each at its line:col.
pub fn merged(child: Value, file: &str, resolve: &Resolve, chain: &mut Vec<String>) -> Result<Value, Failed> {
    chain.push(file.to_string());
    let Some(base_name) = child.get(EXTENDS).cloned() else {
        return Ok(child);
    };
    let Value::String(base_name) = base_name else {
        return Err(Problem::new(EXTENDS, "must be a rubric id or a path to a rubric file").into());
    };
    if chain.len() > MOST_BASES {
        return Err(Problem::new(
            EXTENDS,
            format!(
                "extends goes {} rubrics deep, which looks like a loop: {}",
                chain.len(),
                chain.join(" → ")
            ),
        )
        .into());
    }
    if base_name.trim().is_empty() {
        return Err(Problem::new(EXTENDS, "is empty; give a rubric id or a path to a rubric file").into());
    }
    let (text, base_file) = resolve(&base_name, file)
        .map_err(|why| Problem::new(EXTENDS, format!("{file} extends '{base_name}', which {why}")))?;
    if chain.contains(&base_file) {
        let mut path = chain.clone();
        path.push(base_file.clone());
        return Err(Problem::new(EXTENDS, format!("extends goes round in a loop: {}", path.join(" → "))).into());
    }
    // Read once, as a tree with positions: its plain data is the base to merge.
    let tree = crate::yaml::parse_tree(&text).map_err(|p| {
        let at = p.at.map_or_else(String::new, |(l, c)| format!(":{l}:{c}"));
        Problem::new(
            EXTENDS,
            format!("the base {base_file}{at} of {file} does not parse: {}", p.message),
        )
    })?;
    let base: Value = tree.value.to_json();
    let in_base = |problems: Vec<Problem>| {
        Failed::Base(crate::error::Problems {
            file: base_file.clone(),
            what: "rubric",
            problems,
        })
    };
    if base.get(EXTENDS).is_none() {
        if let Err(problems) = super::parse(&text, &base_file) {
            return Err(Failed::Base(problems));
        }
    } else {
        // A base that extends another in turn: its own mistakes, in its file.
        let own = super::own_problems(&tree, &base);
        if !own.is_empty() {
            return Err(in_base(super::sorted(own)));
        }
    }
    let base = match merged(base, &base_file, resolve, chain) {
        Ok(base) => base,
        // What went wrong further down the chain belongs to the base's file.
        Err(Failed::Here(p)) => {
            let at = super::structure::locate(&tree, &p.path);
            return Err(in_base(vec![Problem { at: p.at.or(at), ..p }]));
        }
        Err(e) => return Err(e),
    };
    let mut missing = Vec::new();
    let out = merge(base, child, &mut missing);
    match missing.first() {
        None => Ok(out),
        Some(id) => Err(Problem::new(
            "dimensions",
            format!("{file} removes dimension '{id}', but {base_file} has no dimension '{id}'"),
        )
        .into()),
    }
}

/// `child` over `base`; see the module docs for the rules. Ids the child
/// removes but the base lacks go to `missing`.
fn merge(base: Value, child: Value, missing: &mut Vec<String>) -> Value {
    let (Value::Object(mut out), Value::Object(child)) = (base, child) else {
        return Value::Null;
    };
    out.remove(EXTENDS);
    for (key, value) in child {
        if key == EXTENDS {
            continue;
        }
        let merged = match (key.as_str(), out.remove(&key), value) {
            ("levels" | "dimensions", Some(Value::Array(base)), Value::Array(child)) => {
                Value::Array(merge_by_id(base, child, missing))
            }
            ("scoring", Some(Value::Object(mut base)), Value::Object(child)) => {
                base.extend(child);
                Value::Object(base)
            }
            (_, _, value) => value,
        };
        out.insert(key, merged);
    }
    Value::Object(out)
}

/// Entries merged by `id`: keys the child gives replace the base's, new ids
/// are added at the end, and `remove: true` drops the entry.
fn merge_by_id(base: Vec<Value>, child: Vec<Value>, missing: &mut Vec<String>) -> Vec<Value> {
    let id = |v: &Value| v.get("id").and_then(Value::as_str).map(str::to_string);
    let mut out: Vec<Value> = base;
    for entry in child {
        let Value::Object(fields) = entry else {
            out.push(entry);
            continue;
        };
        let remove = fields.get("remove").and_then(Value::as_bool) == Some(true);
        let this = id(&Value::Object(fields.clone()));
        match out.iter().position(|b| this.is_some() && id(b) == this) {
            Some(i) if remove => {
                out.remove(i);
            }
            Some(i) => {
                if let Value::Object(base_fields) = &mut out[i] {
                    base_fields.extend(fields);
                }
            }
            None if remove => missing.extend(this),
            None => out.push(Value::Object(fields)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn levels_and_dimensions_merge_by_id_key_by_key() {
        let base = json!({
            "id": "base", "title": "Base",
            "levels": [{ "id": "a", "title": "A" }, { "id": "b", "title": "B" }],
            "scoring": { "reach": 0.8, "borderline": 0.1 },
            "dimensions": [{ "id": "x", "title": "X", "weight": 1 }, { "id": "y", "title": "Y" }],
        });
        let child = json!({
            "extends": "base", "id": "child",
            "levels": [{ "id": "b", "title": "Bee" }],
            "scoring": { "reach": 0.7 },
            "dimensions": [{ "id": "x", "weight": 2 }, { "id": "y", "remove": true }, { "id": "z", "title": "Z" }],
        });
        let m = merge(base, child, &mut Vec::new());
        assert_eq!(m["id"], "child");
        assert_eq!(m["title"], "Base", "inherited");
        assert!(m.get(EXTENDS).is_none());
        assert_eq!(m["levels"][1]["title"], "Bee");
        assert_eq!(m["scoring"], json!({ "reach": 0.7, "borderline": 0.1 }));
        let ids: Vec<&str> = m["dimensions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["x", "z"]);
        assert_eq!(m["dimensions"][0], json!({ "id": "x", "title": "X", "weight": 2 }));
    }

    #[test]
    fn loops_and_missing_bases_name_both_files() {
        let texts = |name: &str, _: &str| -> Result<(String, String), String> {
            match name {
                "a" => Ok(("extends: b\nid: a\n".into(), "a.yaml".into())),
                "b" => Ok(("extends: a\nid: b\n".into(), "b.yaml".into())),
                _ => Err("is neither built in, installed nor a file".into()),
            }
        };
        // Where the chain breaks further down, the problem is the base's.
        let here = |child| match merged(child, "c.yaml", &texts, &mut Vec::new()) {
            Err(Failed::Here(p)) => p,
            Err(Failed::Base(ps)) => ps.problems.into_iter().next().unwrap(),
            other => panic!("{other:?}"),
        };
        let err = here(json!({ "extends": "a", "id": "c" }));
        assert!(
            err.message.contains("loop: c.yaml → a.yaml → b.yaml → a.yaml"),
            "{}",
            err.message
        );
        let err = here(json!({ "extends": "nowhere", "id": "c" }));
        assert!(
            err.message.contains("c.yaml extends 'nowhere', which is neither"),
            "{}",
            err.message
        );
    }
}
