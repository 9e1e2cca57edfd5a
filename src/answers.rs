//! A person's answers, keyed by stable question ids: what an answers file holds
//! and what the interview produces.
//!
//! Files are YAML, TOML or JSON. Parsing gives [`RawAnswers`]; [`check`] holds
//! them against a rubric and reports every problem at once.

use crate::error::{Problem, Problems, one_of};
use crate::rubric::{Agreement, Kind, QuestionRef, Rubric};
use crate::yaml::{Spanned, location};
use serde::de::IgnoredAny;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The file formats an answers file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Yaml,
    Toml,
    Json,
}

impl Format {
    /// By extension; anything unknown (and stdin) is YAML.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".toml") {
            Format::Toml
        } else if lower.ends_with(".json") {
            Format::Json
        } else {
            Format::Yaml
        }
    }
}

/// An answers file as written, before it is held against a rubric.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawAnswers {
    /// Id of the rubric these answers are for.
    #[serde(default)]
    pub rubric: Option<String>,
    /// Id of the level to measure against.
    #[serde(default)]
    pub target: Option<String>,
    /// Who is being assessed; shown in the report.
    #[serde(default)]
    pub name: Option<String>,
    /// Who filled in this file, for several raters (360): self, manager or peer.
    #[serde(default)]
    pub rater: Option<Rater>,
    /// The rater's name, when it is not the person's own.
    #[serde(default)]
    pub rater_name: Option<String>,
    /// Date of the assessment, YYYY-MM-DD.
    #[serde(default)]
    pub date: Option<String>,
    /// Answers keyed by question id.
    #[serde(default)]
    pub answers: BTreeMap<String, RawValue>,
    /// Free text per dimension id; empty means none.
    #[serde(default)]
    pub evidence: BTreeMap<String, Option<String>>,
    /// The YAML text, kept to find line numbers when there are problems.
    #[serde(skip)]
    yaml: Option<String>,
    /// The TOML text, likewise.
    #[serde(skip)]
    toml: Option<String>,
    /// Structural problems of a YAML file (unknown or repeated keys, wrong
    /// types) found while reading it; [`check`] reports them with the rest.
    #[serde(skip)]
    structural: Vec<Problem>,
}

/// Where each value sits in a YAML answers file. Parsed only when there are
/// problems to point at: spans make parsing several times slower.
#[derive(Deserialize)]
struct Located {
    #[serde(default)]
    target: Option<Spanned<IgnoredAny>>,
    #[serde(default)]
    date: Option<Spanned<IgnoredAny>>,
    #[serde(default)]
    answers: BTreeMap<String, Spanned<IgnoredAny>>,
    #[serde(default)]
    evidence: BTreeMap<String, Spanned<IgnoredAny>>,
}

impl Located {
    /// Line and column of the value at a problem's key path.
    fn find(&self, path: &str) -> Option<(u64, u64)> {
        let spanned = match path.split_once('.') {
            Some(("answers", id)) => self.answers.get(id),
            Some(("evidence", id)) => self.evidence.get(id),
            _ if path == "target" => self.target.as_ref(),
            _ if path == "date" => self.date.as_ref(),
            _ => None,
        };
        spanned.and_then(location)
    }
}

/// Any value an answer may hold, so type mistakes become our own clear message.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    Empty,
    Bool(bool),
    Number(f64),
    Text(String),
    /// Lists only ever hold item ids, so entries are read as text: YAML then
    /// skips guessing each entry's type, which was most of a list's cost.
    List(Vec<String>),
    Map,
}

#[cfg(test)]
impl schemars::JsonSchema for RawValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Answer".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A choice or agreement id, a number, or a list of item ids; empty means unanswered",
            "anyOf": [
                { "type": "string" },
                { "type": "number" },
                { "type": "array", "items": { "type": "string" } },
                { "type": "null" }
            ]
        })
    }
}

/// JSON Schema of answers files, generated from the type that reads them.
pub fn json_schema() -> serde_json::Value {
    let mut schema = crate::rubric::for_editors(crate::schema::answers());
    schema["title"] = "levelup answers".into();
    schema
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawValue;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer: a choice id, a number or a list of item ids")
            }
            fn visit_unit<E>(self) -> Result<RawValue, E> {
                Ok(RawValue::Empty)
            }
            fn visit_none<E>(self) -> Result<RawValue, E> {
                Ok(RawValue::Empty)
            }
            fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
                Ok(RawValue::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
                Ok(RawValue::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
                // "" is an empty slot (TOML has no null; templates use it).
                Ok(if v.trim().is_empty() {
                    RawValue::Empty
                } else {
                    RawValue::Text(v.to_string())
                })
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(RawValue::List(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(RawValue::Map)
            }
        }
        d.deserialize_any(V)
    }
}

impl RawValue {
    fn describe(&self) -> String {
        match self {
            RawValue::Empty => "nothing".into(),
            RawValue::Bool(b) => format!("true/false ({b})"),
            RawValue::Number(n) => format!("the number {}", readable(*n)),
            RawValue::Text(t) => format!("the text '{t}'"),
            RawValue::List(_) => "a list".into(),
            RawValue::Map => "a mapping".into(),
        }
    }
}

/// A number as a person reads it in a message: `35`, `0.5`, and `1e308`
/// rather than 309 digits.
pub fn readable(n: f64) -> String {
    if n.is_finite() && n.abs() >= 1e15 {
        format!("{n:e}")
    } else {
        n.to_string()
    }
}

/// A checked answer; its shape matches its question's kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Choice(String),
    Scale(Agreement),
    Items(Vec<String>),
    Number(f64),
    /// `n/a` (format 2, questions with `allow_na`): left out of every mean.
    NotApplicable,
}

/// How `n/a` is written in answers files.
pub const NOT_APPLICABLE: &str = "n/a";

impl Serialize for Answer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Choice(id) => s.serialize_str(id),
            Answer::Scale(a) => s.serialize_str(a.id()),
            Answer::Items(items) => items.serialize(s),
            // Whole numbers stay whole in saved files: `35`, not `35.0`.
            Answer::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => s.serialize_i64(*n as i64),
            Answer::Number(n) => s.serialize_f64(*n),
            Answer::NotApplicable => s.serialize_str(NOT_APPLICABLE),
        }
    }
}

/// Who filled in an answers file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "lowercase")]
pub enum Rater {
    #[serde(rename = "self")]
    Own,
    Manager,
    Peer,
}

impl Rater {
    pub fn id(self) -> &'static str {
        match self {
            Rater::Own => "self",
            Rater::Manager => "manager",
            Rater::Peer => "peer",
        }
    }
}

/// Answers checked against one rubric. Serializes to the answers-file shape.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Answers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<jiff::civil::Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rater: Option<Rater>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rater_name: Option<String>,
    pub answers: BTreeMap<String, Answer>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, String>,
}

/// Answers as an answers file (YAML), questions and evidence in the rubric's
/// order, which reads far better than alphabetical when editing it later.
pub fn to_yaml(answers: &Answers, rubric: &Rubric) -> anyhow::Result<String> {
    struct InOrder<'a, V>(Vec<(&'a str, &'a V)>);
    impl<V: Serialize> Serialize for InOrder<'_, V> {
        fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
        }
    }
    #[derive(Serialize)]
    struct File<'a> {
        #[serde(skip_serializing_if = "Option::is_none")]
        rubric: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        date: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        rater: Option<Rater>,
        #[serde(skip_serializing_if = "Option::is_none")]
        rater_name: Option<&'a str>,
        answers: InOrder<'a, Answer>,
        #[serde(skip_serializing_if = "is_empty")]
        evidence: InOrder<'a, String>,
    }
    fn is_empty<V>(m: &InOrder<'_, V>) -> bool {
        m.0.is_empty()
    }
    let file = File {
        rubric: answers.rubric.as_deref(),
        target: answers.target.as_deref(),
        name: answers.name.as_deref(),
        date: answers.date.map(|d| d.to_string()),
        rater: answers.rater,
        rater_name: answers.rater_name.as_deref(),
        answers: InOrder(
            rubric
                .question_ids()
                .filter_map(|id| answers.answers.get_key_value(id).map(|(k, v)| (k.as_str(), v)))
                .collect(),
        ),
        evidence: InOrder(
            rubric
                .dimensions
                .iter()
                .filter_map(|d| answers.evidence.get_key_value(&d.id).map(|(k, v)| (k.as_str(), v)))
                .collect(),
        ),
    };
    crate::yaml::to_string(&file)
}

/// Parse answers text in the given format. `file` names it in messages.
pub fn parse(text: &str, format: Format, file: &str) -> Result<RawAnswers, Problems> {
    let fail = |p: Problem| Problems {
        file: file.to_string(),
        what: "answers file",
        problems: vec![p],
    };
    if text.trim().is_empty() {
        return Err(fail(Problem::new("", "the file is empty")));
    }
    match format {
        Format::Yaml => match crate::yaml::parse::<RawAnswers>(text) {
            Ok(raw) => Ok(RawAnswers {
                yaml: Some(text.to_string()),
                ..raw
            }),
            Err(first) => structurally(text, first).map_err(|problems| Problems {
                file: file.to_string(),
                what: "answers file",
                problems,
            }),
        },
        Format::Json => {
            // A byte-order mark is accepted, as in YAML and TOML.
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            // JSON's own syntax first, with JSON's message...
            serde_json::from_str::<serde::de::IgnoredAny>(text).map_err(|e| {
                let at = (e.line() > 0).then(|| (e.line() as u64, e.column() as u64));
                // serde_json appends "at line L column C"; the location is printed up front.
                let msg = e.to_string();
                let msg = msg.rsplit_once(" at line ").map_or(msg.as_str(), |(head, _)| head);
                fail(Problem::new("", format!("not valid JSON: {msg}")).at(at))
            })?;
            // ...then read as the YAML it also is (JSON is YAML 1.2), so that the
            // rules are one: duplicate keys rejected, every problem at its line:col.
            parse(text, Format::Yaml, file)
        }
        Format::Toml => {
            // The TOML parser holds the whole document, at tens of bytes a value:
            // count before parsing, as the YAML parser's budget does while parsing.
            if let Some(p) = toml_too_big(text) {
                return Err(fail(p));
            }
            // TOML's own syntax first, with its message (naming a repeated key)...
            let table = toml::from_str::<toml::Table>(text).map_err(|e| {
                let at = e.span().map(|span| line_col(text, span.start));
                let mut msg = e.message().trim().to_string();
                if msg == "duplicate key"
                    && let Some(key) = e.span().and_then(|s| text.get(s))
                {
                    msg = format!("duplicate key '{}'", key.trim().trim_matches('"'));
                }
                // TOML integers are 64-bit: a longer one is refused in TOML's words.
                if msg.contains(" as i128") {
                    msg = "a whole number too large to read (more than 19 digits)".to_string();
                }
                let path = e.span().and_then(|s| toml_key_at(text, s.start)).unwrap_or_default();
                fail(Problem::new(path, msg).at(at))
            })?;
            // ...then the same reading as YAML and JSON, through an equivalent YAML
            // document (every problem at once, the same messages), with each
            // problem placed back in the TOML text by its key path.
            let yaml = crate::yaml::to_string(&plain_toml(toml::Value::Table(table)))
                .map_err(|e| fail(Problem::new("", e.to_string())))?;
            let in_toml = |mut p: Problem| {
                p.at = locate_in_toml(text, &p.path);
                p
            };
            match parse(&yaml, Format::Yaml, file) {
                Ok(raw) => Ok(RawAnswers {
                    yaml: None,
                    toml: Some(text.to_string()),
                    structural: raw.structural.into_iter().map(in_toml).collect(),
                    ..raw
                }),
                Err(mut problems) => {
                    problems.problems = problems.problems.into_iter().map(in_toml).collect();
                    Err(problems)
                }
            }
        }
    }
}

/// The most values (keys and list entries) levelup reads from a TOML file,
/// as from YAML: far more than any answers file or config holds.
const TOML_MOST_VALUES: usize = 100_000;

/// A problem when `text` holds more TOML values than [`TOML_MOST_VALUES`],
/// counted by their separators (`=` and `,`) before the document is parsed.
pub fn toml_too_big(text: &str) -> Option<Problem> {
    let values = text.bytes().filter(|b| matches!(b, b'=' | b',')).count();
    (values > TOML_MOST_VALUES).then(|| {
        Problem::new(
            "",
            "more than 100,000 values: levelup reads no more from one file (a complete answers file has about a hundred values)",
        )
    })
}

/// The key path (`answers.leadership.reach`) of the `key = value` line that
/// holds byte `offset` of a TOML text, when there is one: its table is the
/// last `[header]` above it.
fn toml_key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = text[line_start..].lines().next()?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    let table = before[..line_start]
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('[') && l.ends_with(']'))
        .map(|l| l.trim_matches(['[', ']']).trim().to_string());
    Some(match table {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

/// A TOML value with its dates as text (`2026-03-02`), as YAML and JSON
/// answers give them.
fn plain_toml(value: toml::Value) -> toml::Value {
    match value {
        toml::Value::Datetime(d) => toml::Value::String(d.to_string()),
        toml::Value::Array(items) => toml::Value::Array(items.into_iter().map(plain_toml).collect()),
        toml::Value::Table(t) => toml::Value::Table(t.into_iter().map(|(k, v)| (k, plain_toml(v))).collect()),
        other => other,
    }
}

/// After the typed parse of a YAML answers file stopped at `first`: read it
/// as a tree, note every structural problem, and keep what stands, so that the
/// answers' own problems are reported too (by [`check`]).
fn structurally(text: &str, first: Problem) -> Result<RawAnswers, Vec<Problem>> {
    let Ok(tree) = crate::yaml::parse_tree(text) else {
        return Err(vec![first]);
    };
    let schema = crate::schema::answers();
    let checked = crate::rubric::structure::check(&tree, &schema);
    if checked.problems.is_empty() {
        return Err(vec![first]);
    }
    match checked
        .repaired
        .and_then(|v| serde_json::from_value::<RawAnswers>(v).ok())
    {
        Some(raw) => Ok(RawAnswers {
            yaml: Some(text.to_string()),
            structural: checked.problems,
            ..raw
        }),
        None => Err(checked.problems),
    }
}

/// Line and column of the value at an answers key path (`answers.scope.teams`:
/// the question id is one key, dots and all) in a tree.
/// Line and column of the value at `path` (`answers.scope.teams`,
/// `answers.impact.leverage[1]`, `date`) in a TOML answers file.
fn locate_in_toml(text: &str, path: &str) -> Option<(u64, u64)> {
    use toml::de::{DeTable, DeValue};
    let doc = DeTable::parse(text).ok()?;
    let (path, index) = match path.strip_suffix(']').and_then(|p| p.rsplit_once('[')) {
        Some((head, i)) => (head, i.parse::<usize>().ok()),
        None => (path, None),
    };
    fn find<'i>(table: &DeTable<'i>, key: &str) -> Option<toml::Spanned<DeValue<'i>>> {
        table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v.clone())
    }
    // A question id holds dots: only the first one separates the table.
    let value = match path.split_once('.') {
        Some((table, key)) if table == "answers" || table == "evidence" => {
            match find(doc.get_ref(), table)?.into_inner() {
                DeValue::Table(t) => find(&t, key)?,
                _ => return None,
            }
        }
        _ => find(doc.get_ref(), path)?,
    };
    let span = match (index, value.get_ref()) {
        (Some(i), DeValue::Array(items)) => items.get(i).map_or(value.span(), |v| v.span()),
        _ => value.span(),
    };
    Some(line_col(text, span.start))
}

fn locate_in_tree(tree: &crate::yaml::Spanned<crate::yaml::Node>, path: &str) -> Option<(u64, u64)> {
    use crate::yaml::Node;
    let (section, key) = path.split_once('.').unwrap_or((path, ""));
    let Node::Map(top) = &tree.value else { return None };
    let (_, value) = top.iter().find(|(k, _)| k.value == section)?;
    if key.is_empty() {
        return location(value);
    }
    let Node::Map(entries) = &value.value else {
        return location(value);
    };
    entries
        .iter()
        .find(|(k, _)| k.value == key)
        .map_or_else(|| location(value), |(_, v)| location(v))
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (u64, u64) {
    // A parser offset should sit on a character boundary; if not, count the whole text.
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line as u64, col as u64)
}

/// Hold raw answers against a rubric. With `allow_missing`, unanswered questions
/// are fine; otherwise every missing id is listed in one problem.
pub fn check(mut raw: RawAnswers, rubric: &Rubric, file: &str, allow_missing: bool) -> Result<Answers, Problems> {
    let mut problems = std::mem::take(&mut raw.structural);
    // Empty settings, as a filled-in template leaves them, are simply absent.
    for field in [&mut raw.target, &mut raw.name, &mut raw.date, &mut raw.rubric] {
        if field.as_deref().is_some_and(|v| v.trim().is_empty()) {
            *field = None;
        }
    }
    if let Some(id) = &raw.rubric
        && *id != rubric.id
    {
        problems.push(Problem::new(
            "rubric",
            format!(
                "these answers are for rubric '{id}', but the rubric in use is '{}'",
                rubric.id
            ),
        ));
    }
    if let Some(t) = &raw.target
        && rubric.level_index(t).is_none()
    {
        let msg = format!("unknown level '{t}'; expected {}", one_of(&rubric.level_ids()));
        problems.push(Problem::new("target", msg));
    }
    let date = raw.date.as_ref().and_then(|d| match d.parse::<jiff::civil::Date>() {
        Ok(date) => Some(date),
        Err(_) => {
            problems.push(Problem::new(
                "date",
                format!("'{d}' is not a date; expected YYYY-MM-DD"),
            ));
            None
        }
    });

    let mut answers = BTreeMap::new();
    // Ids move from the raw answers to the checked ones (no copies).
    for (id, value) in std::mem::take(&mut raw.answers) {
        if value == RawValue::Empty {
            continue; // an empty slot, as in a filled-in template: unanswered
        }
        let result = match rubric.find(&id) {
            None => Err(unknown_question(rubric, &id)),
            Some(found) => answer(rubric, found, &value),
        };
        match result {
            Ok(a) => {
                answers.insert(id, a);
            }
            Err(msg) => problems.push(Problem::new(format!("answers.{id}"), msg)),
        }
    }

    // Answers given but wrong are reported above; only truly absent ones here.
    // An answer set aside for a structural problem is reported there, not as missing.
    let flagged = |id: &str| {
        problems
            .iter()
            .any(|p: &Problem| p.path.starts_with(&format!("answers.{id}")))
    };
    // Not checked in, and no problem with it: absent or left empty.
    let missing: Vec<&str> = rubric
        .question_ids()
        .filter(|id| !answers.contains_key(*id))
        .filter(|id| !flagged(id))
        .collect();
    if !missing.is_empty() && !allow_missing {
        problems.push(Problem::new(
            "answers",
            format!(
                "{} question{} not answered: {} (answer them, or pass --allow-missing to score what is there)",
                missing.len(),
                if missing.len() == 1 { " is" } else { "s are" },
                missing.join(", ")
            ),
        ));
    }

    let mut evidence = BTreeMap::new();
    for (dim, text) in &raw.evidence {
        if rubric.dimensions.iter().any(|d| d.id == *dim) {
            if let Some(text) = text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                evidence.insert(dim.clone(), text.to_string());
            }
        } else {
            let ids: Vec<&str> = rubric.dimensions.iter().map(|d| d.id.as_str()).collect();
            let msg = format!("unknown dimension '{dim}'; expected {}", one_of(&ids));
            problems.push(Problem::new(format!("evidence.{dim}"), msg));
        }
    }

    if !problems.is_empty() {
        if let Some(text) = raw.yaml.as_deref() {
            match crate::yaml::parse::<Located>(text) {
                Ok(located) => {
                    for p in &mut problems {
                        p.at = p.at.or_else(|| located.find(&p.path));
                    }
                }
                // A file with structural problems: place the rest through its tree.
                Err(_) => {
                    if let Ok(tree) = crate::yaml::parse_tree(text) {
                        for p in &mut problems {
                            p.at = p.at.or_else(|| locate_in_tree(&tree, &p.path));
                        }
                    }
                }
            }
            // In file order; problems without a line (missing answers) last.
            problems.sort_by_key(|p| p.at.map_or((u64::MAX, 0), |at| at));
        } else if let Some(text) = raw.toml.as_deref() {
            for p in &mut problems {
                p.at = p.at.or_else(|| locate_in_toml(text, &p.path));
            }
            problems.sort_by_key(|p| p.at.map_or((u64::MAX, 0), |at| at));
        }
        return Err(Problems {
            file: file.to_string(),
            what: "answers file",
            problems,
        });
    }
    Ok(Answers {
        rubric: raw.rubric,
        target: raw.target,
        name: raw.name,
        date,
        rater: raw.rater,
        rater_name: raw.rater_name.filter(|n| !n.trim().is_empty()),
        answers,
        evidence,
    })
}

fn unknown_question(rubric: &Rubric, id: &str) -> String {
    let ids: Vec<&str> = rubric.question_ids().collect();
    let close = ids
        .iter()
        .map(|known| (strsim_distance(id, known), *known))
        .min()
        .filter(|(d, _)| *d <= 3);
    match close {
        Some((_, known)) => format!("unknown question id '{id}'; did you mean '{known}'?"),
        None => format!("unknown question id '{id}'; expected one of: {}", ids.join(", ")),
    }
}

/// Levenshtein distance; small inputs only (ids).
fn strsim_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// A number as an id: `5`, not `5.0`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// Check one value against its question's kind; `n/a` where the question allows it.
fn answer(rubric: &Rubric, found: QuestionRef, value: &RawValue) -> Result<Answer, String> {
    let allow_na = match found {
        QuestionRef::Level(d, q) => rubric.dimensions[d].questions[q].allow_na,
        QuestionRef::Fit(_) => false,
    };
    match value {
        RawValue::Text(t) if t == NOT_APPLICABLE && allow_na => Ok(Answer::NotApplicable),
        _ => answer_of_kind(rubric, found, value).map_err(|e| {
            if allow_na {
                format!("{e}; or {NOT_APPLICABLE}")
            } else {
                e
            }
        }),
    }
}

fn answer_of_kind(rubric: &Rubric, found: QuestionRef, value: &RawValue) -> Result<Answer, String> {
    let (item_ids, kind): (Vec<&str>, Option<&Kind>) = match found {
        QuestionRef::Fit(f) => (
            rubric.fit_questions()[f].items.iter().map(|i| i.id.as_str()).collect(),
            None,
        ),
        QuestionRef::Level(d, q) => {
            let kind = &rubric.dimensions[d].questions[q].kind;
            let ids = match kind {
                Kind::Checklist { items, .. } => items.iter().map(|i| i.id.as_str()).collect(),
                _ => Vec::new(),
            };
            (ids, Some(kind))
        }
    };
    match kind {
        Some(Kind::Choice(choices)) => {
            // The usual case first, without building the list of ids a message needs.
            if let RawValue::Text(t) = value
                && choices.iter().any(|c| c.id == *t)
            {
                return Ok(Answer::Choice(t.clone()));
            }
            let ids: Vec<&str> = choices.iter().map(|c| c.id.as_str()).collect();
            match value {
                // Numeric choice ids ("0" … "6") take the number as written: `sql.level: 5`.
                RawValue::Number(n) if ids.contains(&number_text(*n).as_str()) => Ok(Answer::Choice(number_text(*n))),
                RawValue::Text(t) => Err(format!("unknown choice '{t}'; expected {}", one_of(&ids))),
                other => Err(format!(
                    "expected one choice id ({}), found {}",
                    one_of(&ids),
                    other.describe()
                )),
            }
        }
        Some(Kind::Scale { labels, .. }) if !labels.is_empty() => {
            let ids: Vec<&str> = labels.iter().map(|l| l.id.as_str()).collect();
            match value {
                RawValue::Text(t) if ids.contains(&t.as_str()) => Ok(Answer::Choice(t.clone())),
                RawValue::Text(t) => Err(format!("unknown answer '{t}'; expected {}", one_of(&ids))),
                RawValue::Number(n) if ids.contains(&number_text(*n).as_str()) => Ok(Answer::Choice(number_text(*n))),
                other => Err(format!("expected one of {}, found {}", one_of(&ids), other.describe())),
            }
        }
        Some(Kind::Scale { .. }) => {
            let ids: Vec<&str> = Agreement::ALL.iter().map(|a| a.id()).collect();
            match value {
                RawValue::Text(t) => Agreement::from_id(t)
                    .map(Answer::Scale)
                    .ok_or_else(|| format!("unknown agreement '{t}'; expected {}", one_of(&ids))),
                other => Err(format!(
                    "expected an agreement ({}), found {}",
                    one_of(&ids),
                    other.describe()
                )),
            }
        }
        Some(Kind::Number { min, max, unit, .. }) => {
            let range = || crate::rubric::number_range(*min, *max, unit.as_deref());
            match value {
                RawValue::Number(n) if n.is_finite() && *n >= *min && *n <= *max => Ok(Answer::Number(*n)),
                RawValue::Number(n) => Err(format!(
                    "{} is out of range; expected a number {}",
                    readable(*n),
                    range()
                )),
                other => Err(format!("expected a number {}, found {}", range(), other.describe())),
            }
        }
        Some(Kind::Checklist { .. }) | None => {
            let RawValue::List(values) = value else {
                return Err(format!(
                    "expected a list of item ids (any of {}; [] for none), found {}",
                    one_of(&item_ids),
                    value.describe()
                ));
            };
            let mut picked: Vec<String> = Vec::new();
            for t in values {
                if !item_ids.contains(&t.as_str()) {
                    return Err(format!("unknown item '{t}'; expected any of {}", one_of(&item_ids)));
                }
                if picked.contains(t) {
                    return Err(format!("item '{t}' is listed twice"));
                }
                picked.push(t.clone());
            }
            // Keep the rubric's order so saved files and reports are stable.
            picked.sort_by_key(|p| item_ids.iter().position(|i| i == p));
            Ok(Answer::Items(picked))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn format_by_extension() {
        assert_eq!(Format::from_path("a.TOML"), Format::Toml);
        assert_eq!(Format::from_path("a.json"), Format::Json);
        assert_eq!(Format::from_path("a.yml"), Format::Yaml);
        assert_eq!(Format::from_path("-"), Format::Yaml);
    }

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }

    #[test]
    fn edit_distance() {
        assert_eq!(strsim_distance("scope.team", "scope.teams"), 1);
        assert_eq!(strsim_distance("", "abc"), 3);
        assert_eq!(strsim_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn whole_numbers_serialize_whole() {
        assert_eq!(serde_json::to_string(&Answer::Number(35.0)).unwrap(), "35");
        assert_eq!(serde_json::to_string(&Answer::Number(2.5)).unwrap(), "2.5");
    }

    #[test]
    fn toml_and_json_parse_to_the_same_values() {
        let toml = "rubric = \"r\"\n[answers]\n\"a.b\" = \"x\"\n\"c\" = 3\n\"d\" = [\"p\", \"q\"]\n";
        let json = r#"{"rubric":"r","answers":{"a.b":"x","c":3,"d":["p","q"]}}"#;
        let t = parse(toml, Format::Toml, "t.toml").unwrap();
        let j = parse(json, Format::Json, "j.json").unwrap();
        let values = |r: &RawAnswers| {
            r.answers
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(values(&t), values(&j));
        assert_eq!(t.answers["c"], RawValue::Number(3.0));
    }
}
