//! `levelup rubric show`: a rubric as a person reads it (table or Markdown).

use crate::rubric::{Agreement, Kind, Rubric, unit_suffix};
use std::fmt::Write;

/// Where an answer sits on dimension `d`'s scale: a step id (format 2 steps),
/// a level id, `below`, or the number.
fn position(r: &Rubric, d: usize, p: f64) -> String {
    let dim = &r.dimensions[d];
    let ids: Vec<&str> = if dim.steps.is_empty() {
        r.levels.iter().map(|l| l.id.as_str()).collect()
    } else {
        dim.steps.iter().map(|s| s.id.as_str()).collect()
    };
    let i = p.round();
    if (p - i).abs() < 1e-9 {
        if i < 0.0 {
            return "below".to_string();
        }
        if let Some(id) = ids.get(i as usize) {
            return (*id).to_string();
        }
    }
    format!("{p}")
}

/// What an answer is worth: its place on the scale, or its points.
fn worth(r: &Rubric, d: usize, p: f64, points: f64) -> String {
    if r.dimensions[d].signal {
        "not scored".to_string()
    } else if matches!(r.scoring.rule, crate::rubric::Rule::Points { .. }) && r.format >= 2 {
        format!("{points} points")
    } else {
        format!("at {}", position(r, d, p))
    }
}

fn described(label: &str, description: Option<&str>) -> String {
    match description.filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{label} ({t})"),
        None => label.to_string(),
    }
}

fn answers(r: &Rubric, d: usize, question: &crate::rubric::Question) -> Vec<String> {
    let mut v: Vec<String> = match &question.kind {
        Kind::Choice(choices) => choices
            .iter()
            .map(|c| {
                format!(
                    "{} — {} ({})",
                    c.id,
                    described(&c.label, c.description.as_deref()),
                    worth(r, d, c.position, c.points)
                )
            })
            .collect(),
        Kind::Checklist { items, low, high, meet } => {
            let mut v: Vec<String> = items
                .iter()
                .map(|i| {
                    let level = i
                        .level
                        .map(|l| format!(", level {}", r.levels[l].id))
                        .unwrap_or_default();
                    format!(
                        "{} — {} (weight {}{level})",
                        i.id,
                        described(&i.label, i.description.as_deref()),
                        i.weight
                    )
                })
                .collect();
            v.push(match meet {
                Some(m) => format!(
                    "cumulative: a level counts once {}% of its items and every lower level's are ticked",
                    (m * 100.0).round()
                ),
                None => format!(
                    "none ticked: at {}; all ticked: at {}",
                    position(r, d, *low),
                    position(r, d, *high)
                ),
            });
            v
        }
        Kind::Number { min, max, unit, bands } => {
            let unit = unit_suffix(unit.as_deref());
            let mut v = vec![format!(
                "a number {}",
                crate::rubric::number_range(*min, *max, None) + &unit
            )];
            v.extend(bands.iter().map(|b| {
                let range = if b.to.is_finite() {
                    format!("{}–{}{unit}", b.from, b.to)
                } else {
                    format!("{}{unit} or more", b.from)
                };
                format!("{range}: {} ({})", b.label, worth(r, d, b.position, b.points))
            }));
            v
        }
        Kind::Scale { low, high, labels, .. } if !labels.is_empty() => {
            let n = labels.len().max(2) - 1;
            labels
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let p = low + (high - low) * i as f64 / n as f64;
                    format!("{} — {} (at {})", l.id, l.title, position(r, d, p))
                })
                .collect()
        }
        Kind::Scale { low, high, .. } => vec![format!(
            "{} … {} (from {} to {})",
            Agreement::StronglyDisagree.id(),
            Agreement::StronglyAgree.id(),
            position(r, d, *low),
            position(r, d, *high)
        )],
    };
    if question.allow_na {
        v.push(format!(
            "{} — does not apply (left out of the score)",
            crate::answers::NOT_APPLICABLE
        ));
    }
    v
}

/// Per level: what it expects of dimension `d` and what that looks like.
fn expectations(r: &Rubric, d: usize) -> Vec<String> {
    let dim = &r.dimensions[d];
    if dim.signal {
        return vec![
            "**A signal:** shown in the report with its answers; no level expects it, and it is never scored"
                .to_string(),
        ];
    }
    r.levels
        .iter()
        .enumerate()
        .map(|(l, level)| match dim.expects[l] {
            None => format!("**{}:** not expected", level.title),
            Some(k) if !dim.steps.is_empty() || r.format >= 2 => {
                let looks = r.looks_like(d, l);
                let step = r.step_title(d, k as i64);
                if looks.is_empty() {
                    format!("**{}:** expects {step}", level.title)
                } else {
                    format!("**{}:** expects {step} — {looks}", level.title)
                }
            }
            Some(_) => format!("**{}:** {}", level.title, r.looks_like(d, l)),
        })
        .collect()
}

/// A weight as people write it: category weights split into fractions, so four decimals.
fn weight(w: f64) -> String {
    format!("{}", (w * 1e4).round() / 1e4)
}

/// A dimension's weight, or "signal" for one that is never scored.
fn dimension_weight(d: &crate::rubric::Dimension) -> String {
    if d.signal {
        "signal".to_string()
    } else {
        weight(d.weight)
    }
}

/// "Craft · Code" where the rubric has categories, else the dimension's title.
fn titled(r: &Rubric, d: &crate::rubric::Dimension) -> String {
    match d.category.and_then(|k| r.categories.get(k)) {
        Some(k) => format!("{} · {}", k.title, d.title),
        None => d.title.clone(),
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
    // The rubric's own words are data: they add no Markdown structure.
    let _ = write_markdown(&mut out, &with_text(r, &crate::text::markdown));
    out
}

/// A copy of `r` with `f` applied to every text a person wrote in it (ids,
/// which validation keeps to plain characters, are left alone).
fn with_text(r: &Rubric, f: &dyn Fn(&str) -> String) -> Rubric {
    use crate::rubric::Kind;
    let mut r = r.clone();
    let t = |s: &mut String| *s = f(s);
    t(&mut r.title);
    t(&mut r.description);
    t(&mut r.version);
    t(&mut r.below_first);
    for l in &mut r.levels {
        t(&mut l.title);
        t(&mut l.summary);
    }
    for c in &mut r.categories {
        t(&mut c.title);
    }
    for d in &mut r.dimensions {
        t(&mut d.title);
        t(&mut d.summary);
        d.descriptions.iter_mut().for_each(t);
        for st in &mut d.steps {
            t(&mut st.title);
            t(&mut st.description);
        }
        for a in &mut d.actions {
            t(&mut a.text);
        }
        for q in &mut d.questions {
            t(&mut q.prompt);
            q.help.iter_mut().for_each(t);
            match &mut q.kind {
                Kind::Choice(choices) => {
                    for c in choices {
                        t(&mut c.label);
                        c.description.iter_mut().for_each(t);
                    }
                }
                Kind::Checklist { items, .. } => {
                    for i in items {
                        t(&mut i.label);
                        i.description.iter_mut().for_each(t);
                    }
                }
                Kind::Number { unit, bands, .. } => {
                    unit.iter_mut().for_each(t);
                    for b in bands {
                        t(&mut b.label);
                    }
                }
                Kind::Scale { labels, .. } => {
                    for l in labels {
                        t(&mut l.title);
                    }
                }
            }
        }
    }
    if let Some(fit) = &mut r.fit {
        t(&mut fit.intro);
        t(&mut fit.note);
        for q in &mut fit.questions {
            t(&mut q.prompt);
            for i in &mut q.items {
                t(&mut i.label);
            }
        }
    }
    for p in &mut r.pitfalls {
        t(&mut p.title);
        t(&mut p.message);
    }
    if let Some(c) = &mut r.compensation {
        t(&mut c.market);
        t(&mut c.currency);
        t(&mut c.note);
    }
    r
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
            titled(r, d),
            d.id,
            dimension_weight(d),
            d.questions.len()
        )?;
    }
    for (di, d) in r.dimensions.iter().enumerate() {
        writeln!(
            out,
            "\n### {} (`{}`, weight {})\n",
            titled(r, d),
            d.id,
            dimension_weight(d)
        )?;
        writeln!(out, "{}\n", d.summary)?;
        if !d.steps.is_empty() {
            writeln!(out, "Steps, low to high:\n")?;
            for st in &d.steps {
                match st.description.as_str() {
                    "" => writeln!(out, "- {} (`{}`)", st.title, st.id)?,
                    text => writeln!(out, "- {} (`{}`) — {text}", st.title, st.id)?,
                }
            }
            writeln!(out)?;
        }
        for line in expectations(r, di) {
            writeln!(out, "- {line}")?;
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
            for a in answers(r, di, q) {
                writeln!(out, "  - {a}")?;
            }
        }
        writeln!(out, "\nActions:\n")?;
        for a in &d.actions {
            writeln!(out, "- {}", a.text)?;
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

/// `text` wrapped to `width` at spaces only (no word split), the first line
/// after `first`, the others after `rest`; in ASCII unless `unicode`. Rubric text is data: control
/// characters in it are shown as escapes ([`crate::text::visible`]) here,
/// before our own bold is added.
pub(crate) fn wrapped(text: &str, width: u16, unicode: bool, first: &str, rest: &str) -> String {
    let text = crate::text::visible(text);
    // Spelt in ASCII before it is measured, where the terminal needs ASCII.
    let text = if unicode {
        text
    } else {
        std::borrow::Cow::Owned(crate::text::ascii(&text).into_owned())
    };
    let opts = textwrap::Options::new(usize::from(width.max(20)))
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
        .initial_indent(first)
        .subsequent_indent(rest);
    textwrap::fill(&text, opts)
}

/// Bold when colour is on; the caller's stream drops the codes otherwise.
pub(crate) fn bold(text: &str) -> String {
    let style = anstyle::Style::new().bold();
    text.lines()
        .map(|l| format!("{style}{l}{style:#}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The rubric for a terminal `width` columns wide: an overview table, then
/// each dimension's questions, wrapped at spaces with hanging indents. Its
/// text is already made visible; only our own styling is escape codes.
pub fn table(r: &Rubric, width: u16, unicode: bool) -> String {
    let wrap = |text: &str, first: &str, rest: &str| wrapped(text, width, unicode, first, rest);
    let mut out = String::new();
    let title = wrap(&format!("{} ({} v{})", r.title, r.id, r.version), "", "");
    let _ = writeln!(out, "{}", bold(&title));
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
    let _ = writeln!(out, "{}\n", wrap(&format!("Levels: {}", levels.join("; ")), "", "  "));
    let header = ["Dimension", "Id", "Weight", "Questions"].map(String::from);
    let mut t = super::bordered(header, width, unicode);
    for d in &r.dimensions {
        let cells = [
            titled(r, d),
            d.id.clone(),
            dimension_weight(d),
            d.questions.len().to_string(),
        ];
        t.add_row(cells.map(|c| wrap(&c, "", "")).to_vec());
    }
    super::keep_words_whole(&mut t, width);
    let _ = writeln!(out, "{t}");
    for (di, d) in r.dimensions.iter().enumerate() {
        let _ = writeln!(out, "\n{}", bold(&wrap(&format!("{} ({})", d.title, d.id), "", "")));
        if r.format >= 2 {
            if !d.steps.is_empty() {
                let steps: Vec<String> = d.steps.iter().map(|s| format!("{} ({})", s.title, s.id)).collect();
                let _ = writeln!(out, "{}", wrap(&format!("Steps: {}", steps.join(" → ")), "  ", "    "));
            }
            for line in expectations(r, di) {
                let _ = writeln!(out, "{}", wrap(&line.replace("**", ""), "  ", "    "));
            }
        }
        for q in &d.questions {
            let line = format!("{} [{}] {}", q.id, kind_name(&q.kind), q.prompt);
            let _ = writeln!(out, "{}", wrap(&line, "  ", "    "));
            for a in answers(r, di, q) {
                let _ = writeln!(out, "{}", wrap(&a, "      ", "        "));
            }
        }
    }
    for q in r.fit_questions() {
        let line = format!("Fit (never scored): {} {}", q.id, q.prompt);
        let _ = writeln!(out, "\n{}", wrap(&line, "", "  "));
        for i in &q.items {
            let _ = writeln!(
                out,
                "{}",
                wrap(&format!("{} — {}", i.id, i.label), "      ", "        ")
            );
        }
    }
    let scoring = format!("Scoring: {}", crate::report::rule_text(r));
    let _ = writeln!(out, "\n{}", wrap(&scoring, "", ""));
    out
}
