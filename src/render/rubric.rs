//! `levelup rubric show`: a rubric as a person reads it (table or Markdown).

use crate::rubric::{Agreement, Kind, Rubric, unit_suffix};
use std::fmt::Write;

fn position(r: &Rubric, p: f64) -> String {
    let top = r.levels.len() - 1;
    let i = p.round() as usize;
    if (p - i as f64).abs() < 1e-9 && i <= top {
        r.levels[i].id.clone()
    } else {
        format!("{p}")
    }
}

fn answers(r: &Rubric, kind: &Kind) -> Vec<String> {
    match kind {
        Kind::Choice(choices) => choices
            .iter()
            .map(|c| format!("{} — {} (at {})", c.id, c.label, position(r, c.position)))
            .collect(),
        Kind::Checklist { items, low, high, .. } => {
            let mut v: Vec<String> = items
                .iter()
                .map(|i| format!("{} — {} (weight {})", i.id, i.label, i.weight))
                .collect();
            v.push(format!(
                "none ticked: at {}; all ticked: at {}",
                position(r, *low),
                position(r, *high)
            ));
            v
        }
        Kind::Number { min, max, unit, bands } => {
            let unit = unit_suffix(unit.as_deref());
            let mut v = vec![format!(
                "a number {}",
                crate::rubric::number_range(*min, *max, None) + &unit
            )];
            v.extend(bands.iter().map(|b| {
                let to = if b.to.is_finite() {
                    b.to.to_string()
                } else {
                    String::new()
                };
                format!("{}–{to}{unit}: {} (at {})", b.from, b.label, position(r, b.position))
            }));
            v
        }
        Kind::Scale { low, high, .. } => vec![format!(
            "{} … {} (from {} to {})",
            Agreement::StronglyDisagree.id(),
            Agreement::StronglyAgree.id(),
            position(r, *low),
            position(r, *high)
        )],
    }
}

fn kind_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Choice(_) => "choice",
        Kind::Checklist { .. } => "checklist",
        Kind::Number { .. } => "number",
        Kind::Scale { .. } => "scale",
    }
}

/// The rubric as Markdown; `levelup rubric show -f markdown`.
pub fn markdown(r: &Rubric) -> String {
    let mut out = String::new();
    let _ = write_markdown(&mut out, r);
    out
}

fn write_markdown(out: &mut String, r: &Rubric) -> std::fmt::Result {
    writeln!(out, "# {} (`{}` v{})\n", r.title, r.id, r.version)?;
    if !r.description.is_empty() {
        writeln!(out, "{}\n", r.description)?;
    }
    writeln!(out, "## Levels\n")?;
    for (i, l) in r.levels.iter().enumerate() {
        let target = if i == r.default_target { " (default target)" } else { "" };
        writeln!(out, "{i}. **{}** (`{}`){target} — {}", l.title, l.id, l.summary)?;
    }
    writeln!(out, "\n## Dimensions\n")?;
    writeln!(out, "| Dimension | Id | Weight | Questions |")?;
    writeln!(out, "|---|---|---:|---:|")?;
    for d in &r.dimensions {
        writeln!(
            out,
            "| {} | `{}` | {} | {} |",
            d.title,
            d.id,
            d.weight,
            d.questions.len()
        )?;
    }
    for d in &r.dimensions {
        writeln!(out, "\n### {} (`{}`, weight {})\n", d.title, d.id, d.weight)?;
        writeln!(out, "{}\n", d.summary)?;
        for (l, text) in r.levels.iter().zip(&d.descriptions) {
            writeln!(out, "- **{}:** {text}", l.title)?;
        }
        writeln!(out)?;
        for q in &d.questions {
            writeln!(
                out,
                "- `{}` ({}, weight {}): {}",
                q.id,
                kind_name(&q.kind),
                q.weight,
                q.prompt
            )?;
            for a in answers(r, &q.kind) {
                writeln!(out, "  - {a}")?;
            }
        }
        writeln!(out, "\nActions:\n")?;
        for a in &d.actions {
            writeln!(out, "- {a}")?;
        }
    }
    if !r.fit_questions().is_empty() {
        writeln!(out, "\n## Fit (never scored)\n")?;
        for q in r.fit_questions() {
            writeln!(out, "- `{}`: {}", q.id, q.prompt)?;
            for i in &q.items {
                writeln!(out, "  - {} — {} (leans {:?})", i.id, i.label, i.leans)?;
            }
        }
    }
    if !r.pitfalls.is_empty() {
        writeln!(out, "\n## Pitfalls\n")?;
        for p in &r.pitfalls {
            writeln!(out, "- **{}** (`{}`): {}", p.title, p.id, p.message)?;
        }
    }
    writeln!(out, "\n## Scoring\n\n{}", crate::report::rule_text(r))?;
    Ok(())
}

/// The rubric for a terminal: an overview table, then each dimension's questions.
pub fn table(r: &Rubric, width: u16) -> String {
    use comfy_table::{ContentArrangement, Table, presets};
    let mut out = String::new();
    let _ = writeln!(out, "{} ({} v{})", r.title, r.id, r.version);
    let levels: Vec<String> = r
        .levels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            format!(
                "{i} = {} ({}){}",
                l.title,
                l.id,
                if i == r.default_target { ", default target" } else { "" }
            )
        })
        .collect();
    let _ = writeln!(out, "Levels: {}\n", levels.join("; "));
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .set_header(vec!["Dimension", "Id", "Weight", "Questions"]);
    for d in &r.dimensions {
        t.add_row(vec![
            d.title.clone(),
            d.id.clone(),
            d.weight.to_string(),
            d.questions.len().to_string(),
        ]);
    }
    let _ = writeln!(out, "{t}");
    for d in &r.dimensions {
        let _ = writeln!(out, "\n{} ({})", d.title, d.id);
        for q in &d.questions {
            let _ = writeln!(out, "  {} [{}] {}", q.id, kind_name(&q.kind), q.prompt);
            for a in answers(r, &q.kind) {
                let _ = writeln!(out, "      {a}");
            }
        }
    }
    for q in r.fit_questions() {
        let _ = writeln!(out, "\nFit (never scored): {} {}", q.id, q.prompt);
        for i in &q.items {
            let _ = writeln!(out, "      {} — {}", i.id, i.label);
        }
    }
    let _ = writeln!(out, "\nScoring: {}", crate::report::rule_text(r));
    out
}
