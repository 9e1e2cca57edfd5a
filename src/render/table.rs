//! The terminal report: short paragraphs and a comfy-table of dimensions.

use super::sections::{NO_PITFALLS, Section, no_strengths_text, shown};
use super::{
    BAR_WIDTH, category_starts, dimension_bar_of, gap_cell, gap_heading, leaning_text, missing_lines, money,
    no_gaps_text, other_evidence, other_missing, rater_label, scale_note, score_cell, score_text, strength_text,
    target_cell, weight_cell, who,
};
use crate::report::Report;
use comfy_table::{Cell, CellAlignment, Color, ContentArrangement, Table, presets};
use std::fmt::Write;

pub fn table(r: &Report, options: &super::Options) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = write_report(&mut out, r, options.width.max(40), options.unicode, options.view);
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

pub(super) fn preset(unicode: bool) -> comfy_table::TableStyle {
    if unicode {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::ASCII_FULL_CONDENSED
    }
}

fn write_report(
    out: &mut String,
    r: &Report,
    width: u16,
    unicode: bool,
    view: super::sections::View,
) -> std::fmt::Result {
    let preset = preset(unicode);
    let tick = if unicode { " ✓" } else { " (ok)" };
    let what = match view {
        super::sections::View::Report => "levelup gap report",
        super::sections::View::Plan => "levelup shortest path",
    };
    para(out, &format!("{what} — {}", who(r)), width, "")?;
    para(
        out,
        &format!(
            "Rubric: {} ({} v{}) · target: {}",
            r.rubric.title, r.rubric.id, r.rubric.version, r.target.title
        ),
        width,
        "",
    )?;

    for section in shown(r, view) {
        heading(out, &section.title)?;
        match section.id {
            Section::Standing => {
                let estimate = format!(
                    "Estimated level: {} · readiness for {}: {}%{}",
                    r.estimate.level.title,
                    r.target.title,
                    r.readiness,
                    if r.estimate.borderline { " · borderline" } else { "" }
                );
                for line in textwrap::wrap(&estimate, wrap_opts(width)) {
                    writeln!(out, "{}", bold(&line))?;
                }
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
            }
            Section::Raters => {
                if let Some(panel) = &r.raters {
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
                    super::keep_words_whole(&mut t, width);
                    writeln!(out, "{t}")?;
                    para(out, &format!("How raters combine: {}", panel.rule), width, "")?;
                }
            }
            Section::Dimensions => {
                dimensions(out, r, width, unicode, tick)?;
                para(
                    out,
                    &format!("{}{tick} marks a dimension that reaches the target.", scale_note(r)),
                    width,
                    "",
                )?;
            }
            Section::TopGaps => {
                if r.top_gaps.is_empty() {
                    writeln!(out, "{}", no_gaps_text(r))?;
                }
                for (i, g) in r.top_gaps.iter().enumerate() {
                    let number = format!("{}. ", i + 1);
                    let opts = wrap_opts(width).initial_indent(&number).subsequent_indent("   ");
                    let line = format!("{} — {}", g.title, gap_heading(r, g));
                    // "→" is two columns in ASCII ("->"): spelt before the line is measured.
                    let line = if unicode {
                        line
                    } else {
                        crate::text::ascii(&line).into_owned()
                    };
                    writeln!(out, "\n{}", textwrap::fill(&line, opts))?;
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
                        para(out, &format!("{title}:"), width, "   ")?;
                        for line in lines {
                            bullet(out, &line, width, "     ")?;
                        }
                    }
                }
            }
            Section::Plan => {
                if let Some(p) = &r.plan {
                    para(out, &p.text, width, "")?;
                    for (i, c) in p.changes.iter().enumerate() {
                        let [head, change, effect, action] = super::plan_change_text(c);
                        let number = format!("{}. ", i + 1);
                        let rest = " ".repeat(number.len());
                        let opts = wrap_opts(width).initial_indent(&number).subsequent_indent(&rest);
                        writeln!(out, "{}", textwrap::fill(&head, opts))?;
                        for line in [change, effect, action].iter().filter(|l| !l.is_empty()) {
                            bullet(out, line, width, "   ")?;
                        }
                    }
                    if let Some(after) = super::plan_after_text(r) {
                        para(out, &after, width, "")?;
                    }
                }
            }
            Section::Strengths => {
                if r.strengths.is_empty() {
                    writeln!(out, "{}", no_strengths_text(r))?;
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
            }
            Section::Pitfalls => {
                if r.pitfalls.is_empty() {
                    writeln!(out, "{NO_PITFALLS}")?;
                }
                for p in &r.pitfalls {
                    bullet(out, &format!("{}: {}", p.title, p.message), width, "")?;
                }
            }
            Section::Fit => {
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
            }
            Section::Pay => {
                if let Some(c) = &r.compensation {
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
                    super::keep_words_whole(&mut t, width);
                    writeln!(out, "{t}")?;
                    if !c.note.is_empty() {
                        para(out, &c.note, width, "")?;
                    }
                }
            }
            Section::Unanswered => {
                para(out, &format!("Not scored: {}", r.unanswered.join(", ")), width, "")?;
            }
        }
    }
    Ok(())
}

/// Display width of the widest line of `text`.
fn text_width(text: &str) -> usize {
    text.lines().map(textwrap::core::display_width).max().unwrap_or(0)
}

/// Display width of the widest word of `text`: a cell cannot be narrower
/// without splitting a word.
fn word_width(text: &str) -> usize {
    text.split([' ', '\n'])
        .map(textwrap::core::display_width)
        .max()
        .unwrap_or(0)
}

/// Width taken by borders and padding in a table of `columns` columns.
fn frame(columns: usize) -> usize {
    3 * columns + 1
}

/// A bar narrower than this says too little: the table drops it.
const MIN_BAR: usize = 6;

/// How wide each column of the dimension table is: dimension, score,
/// target, gap, weight, and the bar (`None` when it is left out).
#[derive(Debug, PartialEq)]
struct Layout {
    widths: [usize; 5],
    bar: Option<usize>,
}

/// Fit the table into `width` columns. Every cell keeps its words whole
/// (a column is never narrower than its widest word), so room is taken
/// first from the bar (down to 16), then from long titles and from format 2's
/// "step · number" cells (wrapped at spaces), then from the bar again (down to
/// [`MIN_BAR`]), and then the bar goes. `None` when even that does not fit.
/// `want` and `least` are each column's one-line and widest-word widths.
fn layout(width: usize, want: [usize; 5], least: [usize; 5]) -> Option<Layout> {
    for with_bar in [true, false] {
        let room = width.checked_sub(frame(if with_bar { 6 } else { 5 }))?;
        let mut widths = want;
        let mut bar = if with_bar { BAR_WIDTH } else { 0 };
        let mut excess = (widths.iter().sum::<usize>() + bar).saturating_sub(room);
        let mut shrink = |w: &mut usize, floor: usize| {
            let take = w.saturating_sub(floor).min(excess);
            *w -= take;
            excess -= take;
        };
        if with_bar {
            shrink(&mut bar, 16);
        }
        for i in [0, 1, 2] {
            shrink(&mut widths[i], least[i]);
        }
        if with_bar {
            shrink(&mut bar, MIN_BAR);
        }
        if excess == 0 {
            return Some(Layout {
                widths,
                bar: with_bar.then_some(bar),
            });
        }
    }
    None
}

/// The dimension table; on a terminal too narrow for it, one short block per
/// dimension instead.
fn dimensions(out: &mut String, r: &Report, width: u16, unicode: bool, tick: &str) -> std::fmt::Result {
    let header = ["Dimension", "Score", "Target", "Gap", "Weight"];
    let categories = category_starts(r);
    let rows: Vec<[String; 5]> = r
        .dimensions
        .iter()
        .map(|d| {
            [
                format!("{}{}", d.title, if d.reached { tick } else { "" }),
                score_cell(r, d),
                target_cell(r, d),
                gap_cell(r, d),
                weight_cell(d),
            ]
        })
        .collect();
    let mut want = header.map(text_width);
    let mut least = header.map(word_width);
    for row in &rows {
        for i in 0..5 {
            want[i] = want[i].max(text_width(&row[i]));
            least[i] = least[i].max(word_width(&row[i]));
        }
    }
    for title in categories.iter().flatten() {
        want[0] = want[0].max(text_width(&title.to_uppercase()));
        least[0] = least[0].max(word_width(&title.to_uppercase()));
    }
    let width = usize::from(width);
    let Some(layout) = layout(width, want, least) else {
        return dimension_list(out, r, &rows, width, unicode);
    };
    let wrap = |text: &str, w: usize| textwrap::fill(text, wrap_opts(w as u16));
    let mut t = Table::new();
    let mut titles: Vec<&str> = header.to_vec();
    match layout.bar {
        // The header must not make the column wider than the bar.
        Some(bar) if bar < "Position".len() => titles.push("Pos."),
        Some(_) => titles.push("Position"),
        None => {}
    }
    t.load_style(preset(unicode))
        .set_content_arrangement(ContentArrangement::Disabled)
        .enforce_styling()
        .set_header(
            titles
                .iter()
                .enumerate()
                .map(|(i, h)| wrap(h, layout.widths.get(i).copied().unwrap_or(h.len()))),
        );
    for ((d, row), category) in r.dimensions.iter().zip(&rows).zip(&categories) {
        if let Some(title) = category {
            t.add_row(vec![Cell::new(wrap(&title.to_uppercase(), layout.widths[0]))]);
        }
        let mut cells: Vec<Cell> = row
            .iter()
            .zip(layout.widths)
            .enumerate()
            .map(|(i, (text, w))| {
                let text = match i {
                    0 if d.reached => with_tick(&d.title, tick, w),
                    _ => wrap(text, w),
                };
                let cell = Cell::new(text);
                if i == 0 {
                    cell
                } else {
                    cell.set_alignment(CellAlignment::Right)
                }
            })
            .collect();
        if let Some(bar) = layout.bar {
            cells.push(coloured_bar(dimension_bar_of(r, d, unicode, bar), d.reached));
        }
        t.add_row(cells);
    }
    writeln!(out, "{t}")
}

/// `title` and `tick` wrapped to `width`, the tick on the line of the
/// title's last word where it can be.
fn with_tick(title: &str, tick: &str, width: usize) -> String {
    let tick_width = textwrap::core::display_width(tick);
    let fill = |w: usize| textwrap::wrap(title, wrap_opts(w as u16));
    let mut lines = fill(width);
    if lines
        .last()
        .is_some_and(|l| textwrap::core::display_width(l) + tick_width > width)
    {
        lines = fill(width.saturating_sub(tick_width).max(1));
    }
    let mut text = lines.join("\n");
    // Still too long (one word fills the line): the tick takes a line of its own.
    if lines
        .last()
        .is_some_and(|l| textwrap::core::display_width(l) + tick_width > width)
    {
        text.push('\n');
        text.push_str(tick.trim_start());
    } else {
        text.push_str(tick);
    }
    text
}

/// The dimensions as blocks of a few short lines, for a terminal narrower
/// than the table: title, then the numbers, then the bar.
fn dimension_list(out: &mut String, r: &Report, rows: &[[String; 5]], width: usize, unicode: bool) -> std::fmt::Result {
    let w = width as u16;
    for ((d, row), category) in r.dimensions.iter().zip(rows).zip(category_starts(r)) {
        if let Some(title) = category {
            para(out, &title.to_uppercase(), w, "")?;
        }
        para(out, &row[0], w, "")?;
        if d.signal {
            para(out, &format!("{}: a signal, not scored", row[1]), w, "  ")?;
        } else {
            para(out, &format!("score {}, target {}", row[1], row[2]), w, "  ")?;
            para(out, &format!("gap {}, weight {}", row[3], row[4]), w, "  ")?;
        }
        if !d.signal {
            let bar = dimension_bar_of(r, d, unicode, BAR_WIDTH.min(width.saturating_sub(2)));
            // The same colours as the table's bars (comfy-table's green and yellow).
            let colour = anstyle::Ansi256Color(if d.reached { 10 } else { 11 });
            let style = anstyle::Style::new().fg_color(Some(colour.into()));
            writeln!(out, "  {style}{}{style:#}", bar.trim_end())?;
        }
    }
    Ok(())
}
