//! The rubric file exactly as written: serde types with no checks beyond syntax.
//!
//! Ids and level references are `Spanned` so validation can point at their line.
//! [`super::validate`] turns this into the checked [`super::Rubric`].

use crate::yaml::Spanned;
#[cfg(test)]
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Ids as validation accepts them (also in the JSON Schema, for editors).
#[cfg(test)]
const ID_PATTERN: &str = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRubric {
    /// 1 (the default) or 2: profiles, named steps, cumulative checklists, `n/a`, below the first level.
    #[serde(default)]
    pub format: Option<u32>,
    /// The rubric this one changes: a built-in or installed id, or a path relative to this file.
    /// Levels and dimensions merge by id, key by key; `scoring` key by key; the rest is replaced.
    #[serde(default)]
    pub extends: Option<String>,
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[cfg_attr(test, schemars(length(min = 2, max = 20)))]
    pub levels: Vec<RawLevel>,
    /// Format 2: the place below the first level (default title "Below <first level>").
    #[serde(default)]
    pub below_first: Option<RawBelowFirst>,
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<String>"))]
    pub default_target: Option<Spanned<String>>,
    #[serde(default)]
    pub scoring: RawScoring,
    #[cfg_attr(test, schemars(length(min = 1)))]
    pub dimensions: Vec<RawDimension>,
    #[serde(default)]
    pub fit: Option<RawFit>,
    #[serde(default)]
    pub pitfalls: Vec<RawPitfall>,
    #[serde(default)]
    pub compensation: Option<RawCompensation>,
    /// Format 2: groups of dimensions (pillars), in report order; an optional weight
    /// splits the total weight among a category's dimensions.
    #[serde(default)]
    pub categories: Option<Vec<RawCategory>>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCategory {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    #[cfg_attr(test, schemars(extend("minimum" = 0.001, "maximum" = 1000)))]
    pub weight: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawLevel {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub summary: String,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawBelowFirst {
    pub title: String,
}

#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawScoring {
    /// `weighted-mean` (default) or `points`.
    #[serde(default)]
    pub rule: Option<RawRule>,
    /// Points rule: the total needed for each level, by level id.
    #[serde(default)]
    pub thresholds: Option<BTreeMap<String, f64>>,
    /// Points rule: the points every dimension needs for a level, by level id (optional).
    #[serde(default)]
    pub min_dimension_points: Option<BTreeMap<String, f64>>,
    #[serde(default)]
    pub reach: Option<f64>,
    #[serde(default)]
    pub min_dimensions_at_level: Option<u32>,
    /// Format 2: the weighted share (0–1) of the dimensions a level expects that must reach
    /// their expectation (default 1: all). Not with `min_dimensions_at_level`.
    #[serde(default)]
    pub share: Option<f64>,
    #[serde(default)]
    pub borderline: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawDimension {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    #[cfg_attr(test, schemars(extend("minimum" = 0.001, "maximum" = 1000)))]
    pub weight: Option<f64>,
    /// Description of the dimension at each level, keyed by level id.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "BTreeMap<String, String>"))]
    pub levels: BTreeMap<String, Spanned<String>>,
    /// Format 2: the dimension's own named steps, lowest first.
    #[serde(default)]
    pub steps: Option<Vec<RawStep>>,
    /// Format 2: the step (or, without `steps`, the level) each level expects, by level id.
    /// A level left out takes the previous listed level's; levels before the first listed
    /// one do not expect this dimension.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<BTreeMap<String, String>>"))]
    pub expects: Option<BTreeMap<String, Spanned<String>>>,
    /// Format 2: not expected before this level.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<String>"))]
    pub from: Option<Spanned<String>>,
    /// Format 2: a signal, not a score: asked and shown in the report with
    /// its answers (a number with its band), never a gap or a strength and not
    /// in the estimate; pitfalls may use its answers. Takes no `steps`,
    /// `expects` or `from`; its answers need no `at`.
    #[serde(default)]
    pub signal: Option<bool>,
    /// With `extends`: drop the base's dimension of this id.
    #[serde(default)]
    pub remove: Option<bool>,
    /// Format 2: the id of the category this dimension belongs to.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<String>"))]
    pub category: Option<Spanned<String>>,
    #[serde(default)]
    pub questions: Vec<RawQuestion>,
    /// Each a text, or `{ text, unless }`: left out of the report when the
    /// `unless` condition holds (the answers show it is done already).
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Vec<RawActionShape>"))]
    pub actions: Vec<RawAction>,
}

/// A recommended action as written: `"Write an RFC."` or
/// `{ text: "Write an RFC.", unless: { question: communication.forms, has: rfc } }`.
#[derive(Debug, Default)]
pub struct RawAction {
    pub text: String,
    pub unless: Option<RawCondition>,
}

/// An action: a text, or `{ text, unless }` (left out when `unless` holds).
#[cfg(test)]
#[derive(JsonSchema)]
#[serde(untagged, deny_unknown_fields)]
#[allow(dead_code)]
enum RawActionShape {
    Text(String),
    Conditional {
        text: String,
        /// The action is left out when this holds.
        #[serde(default)]
        unless: Option<Box<RawCondition>>,
    },
}

impl<'de> Deserialize<'de> for RawAction {
    /// A string, or a map of `text` and `unless` read key by key, so that the
    /// condition keeps its positions for error messages.
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Shape;
        impl<'de> serde::de::Visitor<'de> for Shape {
            type Value = RawAction;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an action: a text, or a map with text and unless")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RawAction, E> {
                Ok(RawAction {
                    text: text.to_string(),
                    unless: None,
                })
            }
            // A number or true/false is read as text, as everywhere text is expected.
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<RawAction, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<RawAction, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, n: f64) -> Result<RawAction, E> {
                self.visit_str(&n.to_string())
            }
            fn visit_bool<E: serde::de::Error>(self, b: bool) -> Result<RawAction, E> {
                self.visit_str(&b.to_string())
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(self, mut map: M) -> Result<RawAction, M::Error> {
                use serde::de::Error;
                let mut action = RawAction::default();
                let mut text = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" => text = Some(map.next_value::<String>()?),
                        // `unless: null` is no condition, as if left out.
                        "unless" => action.unless = map.next_value()?,
                        other => return Err(M::Error::unknown_field(other, &["text", "unless"])),
                    }
                }
                action.text = text.ok_or_else(|| M::Error::missing_field("text"))?;
                Ok(action)
            }
        }
        deserializer.deserialize_any(Shape)
    }
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawStep {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RawRule {
    WeightedMean,
    Points,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RawKind {
    Choice,
    Checklist,
    Number,
    Scale,
}

/// One flat shape for every kind, so an author sees "`bands` is only for number
/// questions" instead of a bare serde "unknown field".
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawQuestion {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub kind: RawKind,
    pub prompt: String,
    #[serde(default)]
    pub help: Option<String>,
    #[serde(default)]
    #[cfg_attr(test, schemars(extend("minimum" = 0.001, "maximum" = 1000)))]
    pub weight: Option<f64>,
    /// Format 2: the answer `n/a` is accepted.
    #[serde(default)]
    pub allow_na: Option<bool>,
    /// Format 2, checklists whose items carry `level`: the share of a level's items needed
    /// to meet it (default 1).
    #[serde(default)]
    pub meet: Option<f64>,
    #[serde(default)]
    pub choices: Option<Vec<RawChoice>>,
    #[serde(default)]
    pub items: Option<Vec<RawItem>>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub unit: Option<String>,
    #[serde(default)]
    pub bands: Option<Vec<RawBand>>,
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<RawPos>"))]
    pub low: Option<Spanned<RawPos>>,
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<RawPos>"))]
    pub high: Option<Spanned<RawPos>>,
    /// Points rule, scale questions: points for each answer, lowest first.
    #[serde(default)]
    pub points: Option<Vec<f64>>,
    /// Format 2, scale questions: the scale's own answers, low → high (2 to 7), instead of
    /// strongly disagree … strongly agree: ids, or `{ id, title }`.
    #[serde(default)]
    pub labels: Option<Vec<RawLabel>>,
}

/// A scale label: a plain id (shown as written) or an id with a title.
#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(untagged, deny_unknown_fields)]
pub enum RawLabel {
    Id(String),
    /// A number as an id (`labels: [1, 2, 3]`).
    Number(f64),
    Titled {
        id: String,
        title: String,
    },
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<RawPos>"))]
    pub at: Option<Spanned<RawPos>>,
    /// Format 2, dimensions with `steps`: the step this answer sits at.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<String>"))]
    pub step: Option<Spanned<String>>,
    /// Points rule: points this choice earns.
    #[serde(default)]
    pub points: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawItem {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub label: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Format 2: the level this item belongs to (a cumulative checklist).
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<String>"))]
    pub level: Option<Spanned<String>>,
    #[serde(default)]
    #[cfg_attr(test, schemars(extend("minimum" = 0.001, "maximum" = 1000)))]
    pub weight: Option<f64>,
    /// Points rule: points this item earns when ticked.
    #[serde(default)]
    pub points: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawBand {
    pub from: f64,
    /// Left out (or `.inf`) on the last band: open-ended ("10+").
    #[serde(default)]
    pub to: Option<f64>,
    pub label: String,
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<RawPos>"))]
    pub at: Option<Spanned<RawPos>>,
    /// Format 2, dimensions with `steps`: the step a number in this band sits at.
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<String>"))]
    pub step: Option<Spanned<String>>,
    /// Points rule: points a number in this band earns.
    #[serde(default)]
    pub points: Option<f64>,
}

/// A position on the level scale: a level id (`staff`) or a number in level
/// units (`0.5` = half-way from the first level to the second).
#[derive(Debug, Clone, PartialEq)]
pub enum RawPos {
    Level(String),
    Number(f64),
}

#[cfg(test)]
impl JsonSchema for RawPos {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Position".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A level id (e.g. staff), `below` (format 2: below the first level) or a number on the level scale (0 = first level, 1 = second, ...; down to -1 in format 2)",
            "anyOf": [{ "type": "string" }, { "type": "number", "minimum": -1 }]
        })
    }
}

impl<'de> Deserialize<'de> for RawPos {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = RawPos;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a level id or a number on the level scale")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawPos, E> {
                Ok(RawPos::Level(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<RawPos, E> {
                Ok(RawPos::Number(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<RawPos, E> {
                Ok(RawPos::Number(v as f64))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<RawPos, E> {
                Ok(RawPos::Number(v as f64))
            }
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawFit {
    #[serde(default)]
    pub intro: String,
    #[serde(default)]
    pub note: String,
    pub questions: Vec<RawFitQuestion>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawFitQuestion {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub prompt: String,
    pub items: Vec<RawFitItem>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawFitItem {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub label: String,
    pub leans: super::Leaning,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawPitfall {
    #[cfg_attr(test, schemars(with = "String", extend("pattern" = ID_PATTERN)))]
    pub id: Spanned<String>,
    pub title: String,
    pub message: String,
    pub when: RawCondition,
}

/// `{question, in|has|lacks|below|above}` or `{all: [...]}` or `{any: [...]}`.
#[derive(Debug, Default, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    #[serde(default)]
    #[cfg_attr(test, schemars(with = "Option<String>"))]
    pub question: Option<Spanned<String>>,
    #[serde(default, rename = "in")]
    pub is_in: Option<Vec<String>>,
    #[serde(default)]
    pub has: Option<String>,
    #[serde(default)]
    pub lacks: Option<String>,
    #[serde(default)]
    pub below: Option<f64>,
    #[serde(default)]
    pub above: Option<f64>,
    #[serde(default)]
    pub all: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub any: Option<Vec<RawCondition>>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawCompensation {
    pub year: u32,
    pub market: String,
    pub currency: String,
    #[serde(default)]
    pub note: String,
    pub levels: Vec<RawPay>,
}

#[derive(Debug, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawPay {
    #[cfg_attr(test, schemars(with = "String"))]
    pub level: Spanned<String>,
    pub base: RawRange,
    pub total: RawRange,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[cfg_attr(test, derive(JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RawRange {
    pub min: f64,
    pub max: f64,
    #[serde(default)]
    pub open_ended: bool,
}
