//! The terminal report: short paragraphs and a comfy-table of dimensions.

use super::{
    category_starts, dimension_bar, fit_level, gap_cell, gap_heading, leaning_text, missing_lines, money, no_gaps_text,
    other_evidence, other_missing, rater_label, scale_note, score_cell, score_text, strength_text, target_cell,
    weight_cell, who,
};
use crate::report::Report;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use std::fmt::Write;

pub fn table(r: &Report, options: &super::Options) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = write_report(&mut out, r, options.width.max(40), options.unicode);
    out
}

/// Green when the dimension reaches the target, yellow while it does not.
/// comfy-table adds the colour after measuring the cell; the caller's stream
/// drops it when colour is off.
fn coloured_bar(text: String, reached: bool) -> Cell {
    Cell::new(text).fg(if reached { Color::Green } else { Color::Yellow })
}

/// Wrap at spaces only: "one-page" and ids like "scope.teams" never split.
fn wrap_opts(width: u16) -> textwrap::Options<'static> {
    textwrap::Options::new(width as usize)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false)
}

fn para(out: &mut String, text: &str, width: u16, indent: &str) -> std::fmt::Result {
    let opts = wrap_opts(width).initial_indent(indent).subsequent_indent(indent);
    writeln!(out, "{}", textwrap::fill(text, opts))
}

fn bullet(out: &mut String, text: &str, width: u16, indent: &str) -> std::fmt::Result {
    let first = format!("{indent}- ");
    let rest = format!("{indent}  ");
    let opts = wrap_opts(width).initial_indent(&first).subsequent_indent(&rest);
    writeln!(out, "{}", textwrap::fill(text, opts))
}

/// Bold when colour is on; the caller's stream drops the codes otherwise.
fn bold(text: &str) -> String {
    let style = anstyle::Style::new().bold();
    format!("{style}{text}{style:#}")
}

fn heading(out: &mut String, text: &str) -> std::fmt::Result {
    writeln!(out, "\n{}\n{}", bold(text), "=".repeat(text.chars().count()))
}

fn write_report(out: &mut String, r: &Report, width: u16, unicode: bool) -> std::fmt::Result {
    let preset = if unicode {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::ASCII_FULL_CONDENSED
    };
    let tick = if unicode { " ✓" } else { " (ok)" };
    writeln!(out, "levelup gap report — {}", who(r))?;
    writeln!(
        out,
        "Rubric: {} ({} v{}) · target: {}",
        r.rubric.title, r.rubric.id, r.rubric.version, r.target.title
    )?;

    heading(out, "Where you stand")?;
    let estimate = format!(
        "Estimated level: {} · readiness for {}: {}%{}",
        r.estimate.level.title,
        r.target.title,
        r.readiness,
        if r.estimate.borderline { " · borderline" } else { "" }
    );
    writeln!(out, "{}", bold(&estimate))?;
    para(out, &r.estimate.explanation, width, "")?;
    if r.estimate.borderline {
        para(
            out,
            &format!("Borderline: {}.", r.estimate.borderline_reasons.join("; ")),
            width,
            "",
        )?;
    }
    para(
        out,
        &format!("How the estimate is made: {}", r.estimate.rule),
        width,
        "",
    )?;

    if let Some(panel) = &r.raters {
        heading(out, "Raters")?;
        for p in &panel.raters {
            bullet(
                out,
                &format!("{}: {}, readiness {}%", rater_label(p), p.estimate, p.readiness),
                width,
                "",
            )?;
        }
        let mut t = Table::new();
        t.load_style(preset)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width)
            .set_header(vec!["Dimension", "Self", "Others", "Steps apart", "Agreement"]);
        for v in &panel.dimensions {
            t.add_row(vec![
                Cell::new(&v.title),
                Cell::new(score_text(v.self_score)).set_alignment(CellAlignment::Right),
                Cell::new(score_text(v.others)).set_alignment(CellAlignment::Right),
                Cell::new(v.spread_steps.map_or_else(|| "—".to_string(), |s| s.to_string()))
                    .set_alignment(CellAlignment::Right),
                Cell::new(&v.agreement),
            ]);
        }
        writeln!(out, "{t}")?;
        para(out, &format!("How raters combine: {}", panel.rule), width, "")?;
    }

    heading(out, "Dimensions")?;
    let mut t = Table::new();
    t.load_style(preset)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width)
        .enforce_styling()
        .set_header(vec!["Dimension", "Score", "Target", "Gap", "Weight", "Position"]);
    for (d, category) in r.dimensions.iter().zip(category_starts(r)) {
        if let Some(title) = category {
            t.add_row(vec![Cell::new(title.to_uppercase())]);
        }
        t.add_row(vec![
            Cell::new(format!("{}{}", d.title, if d.reached { tick } else { "" })),
            Cell::new(score_cell(r, d)).set_alignment(CellAlignment::Right),
            Cell::new(target_cell(r, d)).set_alignment(CellAlignment::Right),
            Cell::new(gap_cell(r, d)).set_alignment(CellAlignment::Right),
            Cell::new(weight_cell(d)).set_alignment(CellAlignment::Right),
            coloured_bar(dimension_bar(r, d, unicode), d.reached),
        ]);
    }
    writeln!(out, "{t}")?;
    para(
        out,
        &format!("{}{tick} marks a dimension that reaches the target.", scale_note(r)),
        width,
        "",
    )?;

    heading(out, "Top gaps")?;
    if r.top_gaps.is_empty() {
        writeln!(out, "{}", no_gaps_text(r))?;
    }
    for (i, g) in r.top_gaps.iter().enumerate() {
        writeln!(out, "\n{}. {} — {}", i + 1, g.title, gap_heading(r, g))?;
        if !g.target_looks_like.is_empty() {
            para(
                out,
                &format!("What {} looks like: {}", r.target.title, g.target_looks_like),
                width,
                "   ",
            )?;
        }
        if !g.missing.is_empty() {
            writeln!(out, "   Still to meet:")?;
            for line in missing_lines(r, &g.missing) {
                bullet(out, &line, width, "     ")?;
            }
        }
        if let Some(d) = r.dimensions.iter().find(|d| d.id == g.dimension) {
            writeln!(out, "   Your answers:")?;
            for a in &d.answers {
                bullet(
                    out,
                    &format!("{} — {}", a.prompt, a.answer.as_deref().unwrap_or("unanswered")),
                    width,
                    "     ",
                )?;
            }
        }
        if let Some(e) = &g.evidence {
            para(out, &format!("Your evidence: {e}"), width, "   ")?;
        }
        if !g.actions.is_empty() {
            writeln!(out, "   Next steps:")?;
        }
        for a in &g.actions {
            bullet(out, a, width, "     ")?;
        }
    }
    let others = other_missing(r);
    if !others.is_empty() {
        writeln!(out, "\nAlso still to meet:")?;
        for (title, lines) in others {
            writeln!(out, "   {title}:")?;
            for line in lines {
                bullet(out, &line, width, "     ")?;
            }
        }
    }

    heading(out, "Strengths")?;
    if r.strengths.is_empty() {
        writeln!(out, "No dimension reaches {} yet.", r.target.title)?;
    }
    for s in &r.strengths {
        let evidence = s.evidence.as_deref().map(|e| format!(" — {e}")).unwrap_or_default();
        bullet(
            out,
            &format!("{} ({}){evidence}", s.title, strength_text(r, s)),
            width,
            "",
        )?;
    }

    let evidence = other_evidence(r);
    if !evidence.is_empty() {
        writeln!(out, "\nMore of your evidence:")?;
        for (title, e) in evidence {
            bullet(out, &format!("{title} — {e}"), width, "")?;
        }
    }

    heading(out, "Pitfalls")?;
    if r.pitfalls.is_empty() {
        writeln!(out, "None triggered by your answers.")?;
    }
    for p in &r.pitfalls {
        bullet(out, &format!("{}: {}", p.title, p.message), width, "")?;
    }

    heading(out, &format!("Is {} for you?", fit_level(r)))?;
    para(out, &leaning_text(r), width, "")?;
    for (label, list) in [
        ("Reasons to pursue you ticked:", &r.fit.pursue),
        ("Reasons to stay you ticked:", &r.fit.stay),
    ] {
        if !list.is_empty() {
            writeln!(out, "{label}")?;
            for item in list {
                bullet(out, item, width, "")?;
            }
        }
    }
    if !r.fit.note.is_empty() {
        para(out, &r.fit.note, width, "")?;
    }

    if let Some(c) = &r.compensation {
        heading(out, &format!("Pay context ({}, {}, {})", c.year, c.market, c.currency))?;
        let mut t = Table::new();
        t.load_style(preset)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width)
            .set_header(vec!["Level", "Base salary", "Total compensation"]);
        for p in &c.levels {
            t.add_row(vec![
                p.title.clone(),
                format!(
                    "{} – {}",
                    money(p.base_min, &c.currency, false),
                    money(p.base_max, &c.currency, p.base_open_ended)
                ),
                format!(
                    "{} – {}",
                    money(p.total_min, &c.currency, false),
                    money(p.total_max, &c.currency, p.total_open_ended)
                ),
            ]);
        }
        writeln!(out, "{t}")?;
        if !c.note.is_empty() {
            para(out, &c.note, width, "")?;
        }
    }

    if !r.unanswered.is_empty() {
        heading(out, "Unanswered")?;
        para(out, &format!("Not scored: {}", r.unanswered.join(", ")), width, "")?;
    }
    Ok(())
}
