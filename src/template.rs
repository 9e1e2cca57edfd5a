//! `levelup template`: an answers file to fill in, with every question's
//! prompt and allowed values as comments (YAML, TOML) — pure text generation.

use crate::cli::TemplateFormat;
use crate::rubric::{Agreement, Kind, QuestionRef, Rubric};
use std::fmt::Write;

/// What a question accepts, one line per allowed value where there is a list
/// (with its description, if it has one), and `n/a` where the question allows it.
fn allowed(rubric: &Rubric, q: QuestionRef) -> (String, Vec<String>) {
    let (what, mut lines) = allowed_values(rubric, q);
    if let QuestionRef::Level(d, i) = q
        && rubric.dimensions[d].questions[i].allow_na
    {
        lines.push(format!("{}: does not apply to you", crate::answers::NOT_APPLICABLE));
    }
    (what, lines)
}

fn described(label: &str, description: Option<&str>) -> String {
    match description {
        Some(d) if !d.trim().is_empty() => format!("{label} — {d}"),
        _ => label.to_string(),
    }
}

fn allowed_values(rubric: &Rubric, q: QuestionRef) -> (String, Vec<String>) {
    let list =
        |items: &mut dyn Iterator<Item = (&str, String)>| items.map(|(id, label)| format!("{id}: {label}")).collect();
    match q {
        QuestionRef::Fit(f) => (
            "any of these, as a list ([] for none):".into(),
            list(
                &mut rubric.fit_questions()[f]
                    .items
                    .iter()
                    .map(|i| (i.id.as_str(), i.label.clone())),
            ),
        ),
        QuestionRef::Level(d, i) => match &rubric.dimensions[d].questions[i].kind {
            Kind::Choice(choices) => (
                "one of:".into(),
                list(
                    &mut choices
                        .iter()
                        .map(|c| (c.id.as_str(), described(&c.label, c.description.as_deref()))),
                ),
            ),
            Kind::Checklist { items, .. } => (
                "any of these, as a list ([] for none):".into(),
                list(
                    &mut items
                        .iter()
                        .map(|i| (i.id.as_str(), described(&i.label, i.description.as_deref()))),
                ),
            ),
            Kind::Scale { labels, .. } if !labels.is_empty() => (
                "one of:".into(),
                list(&mut labels.iter().map(|l| (l.id.as_str(), l.title.clone()))),
            ),
            Kind::Scale { .. } => (
                "one of:".into(),
                list(&mut Agreement::ALL.iter().map(|a| (a.id(), a.label().to_string()))),
            ),
            Kind::Number { min, max, unit, .. } => (
                format!("a number {}", crate::rubric::number_range(*min, *max, unit.as_deref())),
                Vec::new(),
            ),
        },
    }
}

fn questions(rubric: &Rubric) -> Vec<(QuestionRef, &str, &str)> {
    let mut out = Vec::new();
    for (d, dim) in rubric.dimensions.iter().enumerate() {
        for (i, q) in dim.questions.iter().enumerate() {
            out.push((QuestionRef::Level(d, i), q.id.as_str(), q.prompt.as_str()));
        }
    }
    for (f, q) in rubric.fit_questions().iter().enumerate() {
        out.push((QuestionRef::Fit(f), q.id.as_str(), q.prompt.as_str()));
    }
    out
}

/// Section header before the first question of each dimension (and of fit).
fn section(rubric: &Rubric, q: QuestionRef) -> Option<String> {
    match q {
        QuestionRef::Level(d, 0) => {
            let dim = &rubric.dimensions[d];
            Some(match dim.summary.trim() {
                "" => dim.title.clone(),
                summary => format!("{} — {summary}", dim.title),
            })
        }
        QuestionRef::Fit(0) => Some(format!(
            "Is {} for you? (never changes your level)",
            rubric.levels[rubric.default_target].title
        )),
        _ => None,
    }
}

pub fn template(rubric: &Rubric, format: TemplateFormat, rubric_file: Option<&str>) -> String {
    match format {
        TemplateFormat::Yaml => commented(rubric, false, rubric_file),
        TemplateFormat::Toml => commented(rubric, true, rubric_file),
        TemplateFormat::Json => json(rubric),
    }
}

/// `word` as one word for a POSIX shell: as it is when it holds only
/// characters no shell treats specially, else in single quotes.
fn shell_word(word: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:@%+=,".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// Rubric text inside a `#` comment: on one line, so that a line break in it
/// cannot start a key of its own.
fn comment(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

fn commented(r: &Rubric, toml: bool, rubric_file: Option<&str>) -> String {
    let mut out = String::new();
    let levels: Vec<&str> = r.level_ids();
    let key = |k: &str| if toml { format!("{k:?}") } else { k.to_string() };
    let set = |k: &str, v: &str| {
        if toml {
            format!("{} = {v}", key(k))
        } else {
            format!("{k}: {v}")
        }
    };
    let empty = if toml { "\"\"" } else { "" };
    let _ = writeln!(
        out,
        "# levelup answers for {} ({} v{})",
        comment(&r.title),
        r.id,
        comment(&r.version)
    );
    // A rubric file is known by no id: the command must name the file.
    let with_rubric = rubric_file.map_or_else(String::new, |f| format!(" --rubric {}", shell_word(f)));
    let _ = writeln!(
        out,
        "# Fill in the answers, then: levelup assess{} --answers THIS-FILE",
        comment(&with_rubric)
    );
    let _ = writeln!(out, "# An empty answer counts as unanswered.");
    let _ = writeln!(out, "{}", set("rubric", &format!("{:?}", r.id)).trim_end());
    let _ = writeln!(
        out,
        "{}  # one of: {}",
        set("target", &format!("{:?}", levels[r.default_target])),
        levels.join(", ")
    );
    let _ = writeln!(out, "{}  # shown in the report", set("name", empty).trim_end());
    let _ = writeln!(
        out,
        "{}  # YYYY-MM-DD; empty means today",
        set("date", empty).trim_end()
    );
    let _ = writeln!(out, "{}", if toml { "\n[answers]" } else { "answers:" });
    let indent = if toml { "" } else { "  " };
    for (q, id, prompt) in questions(r) {
        if let Some(title) = section(r, q) {
            let _ = writeln!(out, "\n{indent}# ── {}", comment(&title));
        }
        let (what, values) = allowed(r, q);
        let _ = writeln!(out, "{indent}# {}", comment(prompt));
        let _ = writeln!(out, "{indent}# Answer {}", comment(&what));
        for v in values {
            let _ = writeln!(out, "{indent}#   {}", comment(&v));
        }
        let _ = writeln!(out, "{indent}{}", set(id, empty).trim_end());
    }
    let _ = writeln!(out, "\n{}", if toml { "[evidence]" } else { "evidence:" });
    let _ = writeln!(out, "{indent}# Optional, per dimension: what shows where you stand.");
    for d in &r.dimensions {
        let _ = writeln!(out, "{indent}{}", set(&d.id, empty).trim_end());
    }
    out
}

fn json(r: &Rubric) -> String {
    let answers: serde_json::Map<String, serde_json::Value> = questions(r)
        .into_iter()
        .map(|(_, id, _)| (id.to_string(), serde_json::Value::String(String::new())))
        .collect();
    let evidence: serde_json::Map<String, serde_json::Value> = r
        .dimensions
        .iter()
        .map(|d| (d.id.clone(), serde_json::Value::String(String::new())))
        .collect();
    let doc = serde_json::json!({
        "rubric": r.id,
        "target": r.levels[r.default_target].id,
        "name": "",
        "date": "",
        "answers": answers,
        "evidence": evidence,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
