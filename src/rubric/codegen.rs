//! Writes a validated [`Rubric`] as Rust code that builds it (test-only).
//!
//! The built-in rubrics ship as such code so that start-up does no parsing and
//! no validation; see [`super::Builtin`]. Strings and floats use `{:?}`, which
//! prints valid Rust literals.

use super::*;

fn s(text: &str) -> String {
    format!("{text:?}.into()")
}

fn opt(text: &Option<String>) -> String {
    text.as_deref()
        .map_or_else(|| "None".into(), |t| format!("Some({})", s(t)))
}

fn f(x: f64) -> String {
    if x.is_infinite() {
        return if x > 0.0 { "f64::INFINITY" } else { "f64::NEG_INFINITY" }.to_string();
    }
    format!("{x:?}")
}

fn list<T>(items: &[T], indent: &str, each: impl Fn(&T) -> String) -> String {
    if items.is_empty() {
        return "vec![]".into();
    }
    let inner: Vec<String> = items.iter().map(|i| format!("{indent}    {},\n", each(i))).collect();
    format!("vec![\n{}{indent}]", inner.concat())
}

fn kind(k: &Kind) -> String {
    let ind = "                ";
    match k {
        Kind::Choice(choices) => format!(
            "Kind::Choice({})",
            list(choices, ind, |c| format!(
                "Choice {{ id: {}, label: {}, description: {}, position: {}, points: {} }}",
                s(&c.id),
                s(&c.label),
                opt(&c.description),
                f(c.position),
                f(c.points)
            ))
        ),
        Kind::Checklist { items, low, high, meet } => format!(
            "Kind::Checklist {{ items: {}, low: {}, high: {}, meet: {} }}",
            list(items, ind, |i| format!(
                "Item {{ id: {}, label: {}, description: {}, level: {:?}, weight: {}, points: {} }}",
                s(&i.id),
                s(&i.label),
                opt(&i.description),
                i.level,
                f(i.weight),
                f(i.points)
            )),
            f(*low),
            f(*high),
            meet.map_or_else(|| "None".to_string(), |m| format!("Some({})", f(m)))
        ),
        Kind::Number { min, max, unit, bands } => format!(
            "Kind::Number {{ min: {}, max: {}, unit: {}, bands: {} }}",
            f(*min),
            f(*max),
            opt(unit),
            list(bands, ind, |b| format!(
                "Band {{ from: {}, to: {}, label: {}, position: {}, points: {} }}",
                f(b.from),
                f(b.to),
                s(&b.label),
                f(b.position),
                f(b.points)
            ))
        ),
        Kind::Scale {
            low,
            high,
            points,
            labels,
        } => format!(
            "Kind::Scale {{ low: {}, high: {}, points: vec![{}], labels: {} }}",
            f(*low),
            f(*high),
            points.iter().map(|p| f(*p)).collect::<Vec<_>>().join(", "),
            list(labels, ind, |l| format!(
                "ScaleLabel {{ id: {}, title: {} }}",
                s(&l.id),
                s(&l.title)
            ))
        ),
    }
}

fn condition(c: &Condition) -> String {
    match c {
        Condition::All(cs) => format!(
            "Condition::All(vec![{}])",
            cs.iter().map(condition).collect::<Vec<_>>().join(", ")
        ),
        Condition::Any(cs) => format!(
            "Condition::Any(vec![{}])",
            cs.iter().map(condition).collect::<Vec<_>>().join(", ")
        ),
        Condition::Answer { question, test } => {
            let test = match test {
                Test::In(ids) => format!(
                    "Test::In(vec![{}])",
                    ids.iter().map(|i| s(i)).collect::<Vec<_>>().join(", ")
                ),
                Test::Has(id) => format!("Test::Has({})", s(id)),
                Test::Lacks(id) => format!("Test::Lacks({})", s(id)),
                Test::Below(x) => format!("Test::Below({})", f(*x)),
                Test::Above(x) => format!("Test::Above({})", f(*x)),
            };
            format!("Condition::Answer {{ question: {}, test: {test} }}", s(question))
        }
    }
}

fn range(r: &Range) -> String {
    format!(
        "Range {{ min: {}, max: {}, open_ended: {} }}",
        f(r.min),
        f(r.max),
        r.open_ended
    )
}

/// The whole generated file for `rubric`, which was read from `source`,
/// formatted by rustfmt with the repository's settings; `None` without rustfmt.
pub fn rust_source(r: &Rubric, source: &str) -> Option<String> {
    rustfmt(&reindent(&unformatted(r, source)))
}

/// Indent each line by its bracket depth, ignoring brackets inside string
/// literals. rustfmt leaves statements with over-long string literals as they
/// are, so the generator has to indent them itself.
fn reindent(code: &str) -> String {
    let mut depth: usize = 0;
    let mut out = String::new();
    for line in code.lines() {
        let line = line.trim();
        let closes_first = line.starts_with(['}', ']', ')']);
        let level = if closes_first { depth.saturating_sub(1) } else { depth };
        if !line.is_empty() {
            out.push_str(&"    ".repeat(level));
        }
        out.push_str(line);
        out.push('\n');
        let (mut in_str, mut escaped) = (false, false);
        for c in line.chars() {
            match (in_str, escaped, c) {
                (true, true, _) => escaped = false,
                (true, false, '\\') => escaped = true,
                (true, false, '"') => in_str = false,
                (false, _, '"') => in_str = true,
                (false, _, '{' | '[' | '(') => depth += 1,
                (false, _, '}' | ']' | ')') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    out
}

fn rustfmt(code: &str) -> Option<String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let root = env!("CARGO_MANIFEST_DIR");
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout", "--config-path", root])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(code.as_bytes())
        .expect("rustfmt reads");
    let out = child.wait_with_output().expect("rustfmt runs");
    // The rustup proxy exists but the component does not: no rustfmt either.
    if !out.status.success() && out.stdout.is_empty() {
        return None;
    }
    assert!(out.status.success(), "rustfmt failed on generated code");
    Some(String::from_utf8(out.stdout).expect("rustfmt writes UTF-8"))
}

fn unformatted(r: &Rubric, source: &str) -> String {
    let levels = list(&r.levels, "        ", |l| {
        format!(
            "Level {{ id: {}, title: {}, summary: {} }}",
            s(&l.id),
            s(&l.title),
            s(&l.summary)
        )
    });
    let dimensions = list(&r.dimensions, "        ", |d| {
        let questions = list(&d.questions, "                ", |q| {
            format!(
                "Question {{\n                    id: {},\n                    prompt: {},\n                    help: {},\n                    weight: {},\n                    allow_na: {},\n                    kind: {},\n                }}",
                s(&q.id),
                s(&q.prompt),
                opt(&q.help),
                f(q.weight),
                q.allow_na,
                kind(&q.kind)
            )
        });
        format!(
            "Dimension {{\n            id: {},\n            title: {},\n            summary: {},\n            weight: {},\n            category: {:?},\n            descriptions: {},\n            steps: {},\n            expects: vec!{:?},\n            signal: {},\n            questions: {},\n            actions: {},\n        }}",
            s(&d.id),
            s(&d.title),
            s(&d.summary),
            f(d.weight),
            d.category,
            list(&d.descriptions, "            ", |t| s(t)),
            list(&d.steps, "            ", |st| format!(
                "Step {{ id: {}, title: {}, description: {} }}",
                s(&st.id),
                s(&st.title),
                s(&st.description)
            )),
            d.expects,
            d.signal,
            questions,
            list(&d.actions, "            ", |a| format!(
                "Action {{ text: {}, unless: {} }}",
                s(&a.text),
                a.unless
                    .as_ref()
                    .map_or_else(|| "None".to_string(), |c| format!("Some({})", condition(c)))
            )),
        )
    });
    let fit = match &r.fit {
        None => "None".to_string(),
        Some(fit) => format!(
            "Some(Fit {{\n        intro: {},\n        note: {},\n        questions: {},\n    }})",
            s(&fit.intro),
            s(&fit.note),
            list(&fit.questions, "        ", |q| format!(
                "FitQuestion {{ id: {}, prompt: {}, items: {} }}",
                s(&q.id),
                s(&q.prompt),
                list(&q.items, "            ", |i| format!(
                    "FitItem {{ id: {}, label: {}, leans: Leaning::{:?} }}",
                    s(&i.id),
                    s(&i.label),
                    i.leans
                ))
            ))
        ),
    };
    let pitfalls = list(&r.pitfalls, "        ", |p| {
        format!(
            "Pitfall {{ id: {}, title: {}, message: {}, when: {} }}",
            s(&p.id),
            s(&p.title),
            s(&p.message),
            condition(&p.when)
        )
    });
    let compensation = match &r.compensation {
        None => "None".to_string(),
        Some(c) => format!(
            "Some(Compensation {{ year: {}, market: {}, currency: {}, note: {}, levels: {} }})",
            c.year,
            s(&c.market),
            s(&c.currency),
            s(&c.note),
            list(&c.levels, "        ", |p| format!(
                "Pay {{ level: {}, base: {}, total: {} }}",
                p.level,
                range(&p.base),
                range(&p.total)
            ))
        ),
    };
    format!(
        "// @generated from {source} by `LEVELUP_BLESS=1 cargo test builtin_code`. Do not edit:
// change the YAML and regenerate; the test fails while this file is stale.

use super::*;

pub(super) fn rubric() -> Rubric {{
    let mut rubric = Rubric {{
    format: {format},
    id: {id},
    version: {version},
    title: {title},
    description: {description},
    levels: {levels},
    below_first: {below_first},
    default_target: {default_target},
    scoring: Scoring {{ rule: {rule}, reach: {reach}, min_dimensions_at_level: {min}, need: Need::{need:?}, borderline: {borderline} }},
    categories: {categories},
    dimensions: {dimensions},
    fit: {fit},
    pitfalls: {pitfalls},
    compensation: {compensation},
    index: BTreeMap::new(),
    }};
    rubric.build_index();
    rubric
}}
",
        format = r.format,
        categories = list(&r.categories, "        ", |k| format!(
            "Category {{ id: {}, title: {}, weight: {} }}",
            s(&k.id),
            s(&k.title),
            k.weight.map_or_else(|| "None".to_string(), |w| format!("Some({})", f(w)))
        )),
        below_first = s(&r.below_first),
        need = r.scoring.need,
        id = s(&r.id),
        version = s(&r.version),
        title = s(&r.title),
        description = s(&r.description),
        default_target = r.default_target,
        rule = match &r.scoring.rule {
            Rule::WeightedMean => "Rule::WeightedMean".to_string(),
            Rule::Points {
                thresholds,
                min_dimension,
            } => format!(
                "Rule::Points {{ thresholds: vec![{}], min_dimension: vec![{}] }}",
                thresholds.iter().map(|t| f(*t)).collect::<Vec<_>>().join(", "),
                min_dimension
                    .iter()
                    .map(|m| m.map_or_else(|| "None".to_string(), |m| format!("Some({})", f(m))))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        reach = f(r.scoring.reach),
        min = r.scoring.min_dimensions_at_level,
        borderline = f(r.scoring.borderline),
    )
}
