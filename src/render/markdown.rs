//! The Markdown report, for wikis, pull requests and promotion packets.

use super::sections::{NO_PITFALLS, Section, no_strengths_text, shown};
use super::{
    category_starts, dimension_bar, gap_cell, gap_heading, leaning_text, missing_lines, money, no_gaps_text,
    other_evidence, other_missing, rater_label, scale_note, score_cell, score_text, strength_text, target_cell,
    weight_cell, who,
};
use crate::report::Report;
use std::fmt::Write;

/// A path as a Markdown link's destination: every byte but letters, digits
/// and `._~/-` percent-encoded, so that a file name cannot end the link or
/// add HTML (`x <img …>.svg`) and still names the file.
fn link_target(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'~' | b'/' | b'-' => (b as char).to_string(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

/// Keep table cells on one row. Data comes escaped already (see
/// `crate::text::markdown`, pipes included); escaping again would show backslashes.
fn cell(text: &str) -> String {
    text.replace('\n', " ")
}

pub fn markdown(r: &Report, options: &super::Options) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = write_report(&mut out, r, options);
    out
}

fn write_report(out: &mut String, r: &Report, options: &super::Options) -> std::fmt::Result {
    let what = match options.view {
        super::sections::View::Report => "Gap report",
        super::sections::View::Plan => "Shortest path",
    };
    writeln!(out, "# {what}: towards {}\n", r.target.title)?;
    writeln!(out, "- **Who / when:** {}", who(r))?;
    writeln!(
        out,
        // The id as escaped text, not a code span: data escapes do not work inside one.
        "- **Rubric:** {} ({} v{})",
        r.rubric.title, r.rubric.id, r.rubric.version
    )?;
    writeln!(out, "- **Target level:** {}\n", r.target.title)?;

    for section in shown(r, options.view) {
        writeln!(out, "## {}\n", section.title)?;
        match section.id {
            Section::Standing => {
                writeln!(
                    out,
                    "**Estimated level: {}** · readiness for {}: **{}%**{}\n",
                    r.estimate.level.title,
                    r.target.title,
                    r.readiness,
                    if r.estimate.borderline { " · borderline" } else { "" }
                )?;
                writeln!(out, "{}\n", r.estimate.explanation)?;
                if r.estimate.borderline {
                    writeln!(out, "Borderline: {}.\n", r.estimate.borderline_reasons.join("; "))?;
                }
                writeln!(out, "*How the estimate is made:* {}\n", r.estimate.rule)?;
            }
            Section::Raters => {
                if let Some(panel) = &r.raters {
                    for p in &panel.raters {
                        writeln!(
                            out,
                            "- **{}**: {}, readiness {}%",
                            rater_label(p),
                            p.estimate,
                            p.readiness
                        )?;
                    }
                    writeln!(out, "\n| Dimension | Self | Others | Steps apart | Agreement |")?;
                    writeln!(out, "|---|---:|---:|---:|---|")?;
                    for v in &panel.dimensions {
                        writeln!(
                            out,
                            "| {} | {} | {} | {} | {} |",
                            cell(&v.title),
                            score_text(v.self_score),
                            score_text(v.others),
                            v.spread_steps.map_or_else(|| "—".to_string(), |s| s.to_string()),
                            v.agreement
                        )?;
                    }
                    writeln!(out, "\n*How raters combine:* {}\n", panel.rule)?;
                }
            }
            Section::Dimensions => {
                if let Some(chart) = options.chart {
                    writeln!(
                        out,
                        "![Radar chart: your profile against {}]({})\n",
                        r.target.title,
                        link_target(chart)
                    )?;
                }
                writeln!(out, "| Dimension | Score | Target | Gap | Weight | Position |")?;
                writeln!(out, "|---|---:|---:|---:|---:|---|")?;
                for (d, category) in r.dimensions.iter().zip(category_starts(r)) {
                    if let Some(title) = category {
                        writeln!(out, "| **{}** | | | | | |", cell(title))?;
                    }
                    // A signal has no bar: an empty cell, not an empty code span.
                    let bar = dimension_bar(r, d, options.unicode);
                    let bar = if bar.is_empty() { bar } else { format!("`{bar}`") };
                    writeln!(
                        out,
                        "| {}{} | {} | {} | {} | {} | {bar} |",
                        cell(&d.title),
                        if d.reached { " ✓" } else { "" },
                        cell(&score_cell(r, d)),
                        cell(&target_cell(r, d)),
                        gap_cell(r, d),
                        weight_cell(d),
                    )?;
                }
                writeln!(
                    out,
                    "\n{} ✓ marks a dimension that reaches the target.\n",
                    scale_note(r)
                )?;
            }
            Section::TopGaps => {
                if r.top_gaps.is_empty() {
                    writeln!(out, "{}\n", no_gaps_text(r))?;
                }
                for (i, g) in r.top_gaps.iter().enumerate() {
                    writeln!(out, "### {}. {} — {}\n", i + 1, g.title, gap_heading(r, g))?;
                    if !g.target_looks_like.is_empty() {
                        writeln!(out, "**What {} looks like:** {}\n", r.target.title, g.target_looks_like)?;
                    }
                    if !g.missing.is_empty() {
                        writeln!(out, "**Still to meet:**\n")?;
                        for line in missing_lines(r, &g.missing) {
                            writeln!(out, "- {line}")?;
                        }
                        writeln!(out)?;
                    }
                    if let Some(d) = r.dimensions.iter().find(|d| d.id == g.dimension) {
                        writeln!(out, "**Your answers:**\n")?;
                        for a in &d.answers {
                            writeln!(
                                out,
                                "- {} — *{}*",
                                a.prompt,
                                a.answer.as_deref().unwrap_or("unanswered")
                            )?;
                        }
                        writeln!(out)?;
                    }
                    if let Some(e) = &g.evidence {
                        writeln!(out, "**Your evidence:** {e}\n")?;
                    }
                    if !g.actions.is_empty() {
                        writeln!(out, "**Next steps:**\n")?;
                        for a in &g.actions {
                            writeln!(out, "- {a}")?;
                        }
                        writeln!(out)?;
                    }
                }
                let others = other_missing(r);
                if !others.is_empty() {
                    writeln!(out, "**Also still to meet:**\n")?;
                    for (title, lines) in others {
                        writeln!(out, "- {title}:")?;
                        for line in lines {
                            writeln!(out, "  - {line}")?;
                        }
                    }
                    writeln!(out)?;
                }
            }
            Section::Plan => {
                if let Some(p) = &r.plan {
                    writeln!(out, "{}\n", p.text)?;
                    for (i, c) in p.changes.iter().enumerate() {
                        let [head, change, effect, action] = super::plan_change_text(c);
                        writeln!(out, "{}. **{head}**", i + 1)?;
                        for line in [change, effect, action].iter().filter(|l| !l.is_empty()) {
                            writeln!(out, "   - {line}")?;
                        }
                    }
                    if !p.changes.is_empty() {
                        writeln!(out)?;
                    }
                    if let Some(after) = super::plan_after_text(r) {
                        writeln!(out, "{after}\n")?;
                    }
                }
            }
            Section::Strengths => {
                if r.strengths.is_empty() {
                    writeln!(out, "{}\n", no_strengths_text(r))?;
                } else {
                    for s in &r.strengths {
                        match &s.evidence {
                            Some(e) => writeln!(out, "- **{}** ({}) — {e}", s.title, strength_text(r, s))?,
                            None => writeln!(out, "- **{}** ({})", s.title, strength_text(r, s))?,
                        }
                    }
                    writeln!(out)?;
                }

                let evidence = other_evidence(r);
                if !evidence.is_empty() {
                    writeln!(out, "**More of your evidence:**\n")?;
                    for (title, e) in evidence {
                        writeln!(out, "- **{title}** — {e}")?;
                    }
                    writeln!(out)?;
                }
            }
            Section::Pitfalls => {
                if r.pitfalls.is_empty() {
                    writeln!(out, "{NO_PITFALLS}\n")?;
                }
                for p in &r.pitfalls {
                    writeln!(out, "- **{}** — {}", p.title, p.message)?;
                }
                if !r.pitfalls.is_empty() {
                    writeln!(out)?;
                }
            }
            Section::Fit => {
                writeln!(out, "{}\n", leaning_text(r))?;
                for (label, list) in [
                    ("Reasons to pursue you ticked", &r.fit.pursue),
                    ("Reasons to stay you ticked", &r.fit.stay),
                ] {
                    if !list.is_empty() {
                        writeln!(out, "{label}:\n")?;
                        for item in list {
                            writeln!(out, "- {item}")?;
                        }
                        writeln!(out)?;
                    }
                }
                if !r.fit.note.is_empty() {
                    writeln!(out, "{}\n", r.fit.note)?;
                }
            }
            Section::Pay => {
                if let Some(c) = &r.compensation {
                    writeln!(out, "| Level | Base salary | Total compensation |")?;
                    writeln!(out, "|---|---|---|")?;
                    for p in &c.levels {
                        writeln!(
                            out,
                            "| {} | {} – {} | {} – {} |",
                            cell(&p.title),
                            money(p.base_min, &c.currency, false),
                            money(p.base_max, &c.currency, p.base_open_ended),
                            money(p.total_min, &c.currency, false),
                            money(p.total_max, &c.currency, p.total_open_ended)
                        )?;
                    }
                    writeln!(out)?;
                    if !c.note.is_empty() {
                        writeln!(out, "{}\n", c.note)?;
                    }
                }
            }
            Section::Unanswered => {
                writeln!(out, "Not scored: {}\n", r.unanswered.join(", "))?;
            }
        }
    }
    Ok(())
}
