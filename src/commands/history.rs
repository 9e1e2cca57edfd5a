//! `levelup history`: the saved runs, one row each with who it was for, and
//! the trend of readiness against that person's previous run on the same
//! rubric and target. A run whose evidence is stale (dated more than
//! `--stale-after` months before `--as-of`, as in `packet`) is marked so:
//! "(stale)" after its date, `"stale": true` in JSON.

use crate::cli::{HistoryArgs, ListFormat};
use crate::config::Config;
use crate::error::{bad_input, one_of};
use crate::files;
use crate::history::{self, Summary};
use crate::inputs::saved_runs;
use crate::outputs::emit;
use crate::render::Format;
use anyhow::Result;
use std::path::PathBuf;

/// The columns of every format, in order (JSON adds the file's path).
const HEADER: [&str; 8] = [
    "Saved",
    "Name",
    "Date",
    "Rubric",
    "Target",
    "Estimate",
    "Readiness",
    "Trend",
];

/// List the saved runs (those of `--name` only, when given).
///
/// Errors (exit 2): `--name` matches no saved run; the message lists the names there are.
pub fn run(args: HistoryArgs, config: &Config) -> Result<()> {
    let format = args.format.unwrap_or(match config.format {
        Some(Format::Markdown) => ListFormat::Markdown,
        Some(Format::Json) => ListFormat::Json,
        _ => ListFormat::Table,
    });
    let runs = saved_runs()?;
    for path in files::skipped_in(&history::dir()?, &["json"]) {
        tell!(
            "levelup: skipped {}: not a regular file of at most 8 MiB",
            crate::text::one_line(&path.display().to_string())
        );
    }
    if runs.is_empty() {
        tell!(
            "No saved runs yet: levelup assess --save keeps one in {}",
            history::dir()?.display()
        );
        // A script reading JSON still gets a list: an empty one.
        if matches!(format, ListFormat::Json) {
            emit(b"[]\n", None, false)?;
        }
        return Ok(());
    }
    let runs = match &args.name {
        Some(name) => of_person(runs, name)?,
        None => runs,
    };
    let as_of = args.stale.as_of.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let months = crate::commands::packet::stale_months(args.stale.stale_after, config);
    let stale: Vec<bool> = runs.iter().map(|(_, s)| is_stale(s, as_of, months)).collect();
    let rows = rows(&runs, &stale);
    // What the marker means, under the table, when a run has it.
    let note = if stale.contains(&true) {
        format!(
            "(stale): the run holds evidence, and its date is more than {months} months before {as_of}; {}\n",
            crate::packet::stale_rule(as_of, months)
        )
    } else {
        String::new()
    };
    let text = match format {
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = runs
                .iter()
                .zip(&rows)
                .zip(&stale)
                .map(|(((path, s), row), stale)| {
                    let r = &s.report;
                    serde_json::json!({
                        "file": path.display().to_string(), "saved_at": s.saved_at, "name": r.person.name,
                        "date": r.person.date, "rubric": r.rubric.id, "rubric_version": r.rubric.version,
                        "target": r.target.id, "target_title": r.target.title,
                        "estimate": r.estimate.level.id, "estimate_title": r.estimate.level.title,
                        "readiness": r.readiness, "trend": row[7], "stale": stale,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&items)? + "\n"
        }
        ListFormat::Markdown => {
            let mut out = format!("| {} |\n|{}\n", HEADER.join(" | "), "---|".repeat(HEADER.len()));
            for row in rows {
                // Saved runs are data: they add no Markdown structure.
                let row: Vec<String> = row.iter().map(|c| crate::text::markdown(c)).collect();
                out.push_str(&format!("| {} |\n", row.join(" | ")));
            }
            if !note.is_empty() {
                out.push_str(&format!("\n{}", crate::text::markdown(note.trim_end())));
                out.push('\n');
            }
            out
        }
        ListFormat::Table => {
            use comfy_table::{Attribute, Cell, Color};
            let mut t = comfy_table::Table::new();
            t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
                .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
                .set_width(crate::outputs::stdout_width())
                .enforce_styling()
                .set_header(HEADER.map(|h| Cell::new(h).add_attribute(Attribute::Bold)).to_vec());
            for row in rows {
                // Saved runs are data: shown, never sent raw (this text is not escaped again).
                // The trend is green up, red down; the stream drops colour when it is off.
                let trend = row.last().map_or("", String::as_str);
                let colour = if trend.starts_with('+') {
                    Some(Color::Green)
                } else if trend.starts_with('-') {
                    Some(Color::Red)
                } else {
                    None
                };
                let last = row.len().saturating_sub(1);
                t.add_row(row.iter().enumerate().map(|(i, c)| {
                    let cell = Cell::new(crate::text::one_line(c));
                    match colour {
                        Some(colour) if i == last => cell.fg(colour),
                        _ => cell,
                    }
                }));
            }
            // Fitted to the terminal, words kept whole.
            crate::render::keep_words_whole(&mut t, crate::outputs::stdout_width());
            let note = textwrap::fill(&note, usize::from(crate::outputs::stdout_width()).max(20));
            if note.is_empty() {
                format!("{t}\n")
            } else {
                format!("{t}\n{note}\n")
            }
        }
    };
    // The table makes its data visible itself, so that its colours stay colours.
    let text = if format == ListFormat::Table {
        text
    } else {
        crate::text::visible(&text).into_owned()
    };
    emit(text.as_bytes(), None, false)
}

/// The runs of the person called `name` (in any case, spaces around it aside).
///
/// Errors (exit 2): no run is for that name; the message lists the names there are.
pub fn of_person(runs: Vec<(PathBuf, Summary)>, name: &str) -> Result<Vec<(PathBuf, Summary)>> {
    let key = history::person_key(Some(name));
    // One name per person, on one line each.
    let mut names: Vec<String> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (_, s) in &runs {
        if let Some(n) = &s.report.person.name
            && seen.insert(s.person_key())
        {
            names.push(crate::text::one_line(n.trim()));
        }
    }
    names.sort();
    let found: Vec<(PathBuf, Summary)> = runs.into_iter().filter(|(_, s)| s.person_key() == key).collect();
    if found.is_empty() {
        return Err(bad_input(format!(
            "--name '{name}': no saved run is for that name; saved runs are for {}",
            if names.is_empty() {
                "no one by name".to_string()
            } else {
                one_of(&names)
            }
        )));
    }
    Ok(found)
}

/// Whether a saved run's evidence is stale: it has some, and the run's date
/// (the answers' date, else the day it was saved) is more than `months`
/// months before `as_of`.
fn is_stale(s: &Summary, as_of: jiff::civil::Date, months: u32) -> bool {
    let date = s
        .report
        .person
        .date
        .parse::<jiff::civil::Date>()
        .or_else(|_| s.saved_at.get(..10).unwrap_or_default().parse());
    s.report.has_evidence() && date.is_ok_and(|d| crate::packet::is_stale(d, as_of, months))
}

/// One row of cells per run, in [`HEADER`]'s order, the date marked
/// "(stale)" where `stale` says so. The trend is readiness
/// against the same person's previous run on the same rubric and target
/// ("first" when there is none): readiness toward another level, or on
/// another ladder, is not comparable.
fn rows(runs: &[(PathBuf, Summary)], stale: &[bool]) -> Vec<Vec<String>> {
    // The last readiness of each person on each rubric and target, as the runs go by:
    // one look-up a run, however many people the history holds.
    let mut last: std::collections::HashMap<(String, &str, &str), u32> = std::collections::HashMap::new();
    let mut rows = Vec::new();
    for ((_, saved), &stale) in runs.iter().zip(stale) {
        let r = &saved.report;
        let key = (saved.person_key(), r.rubric.id.as_str(), r.target.id.as_str());
        let previous = last.insert(key, r.readiness);
        let trend = match previous.map(|p| i64::from(r.readiness) - i64::from(p)) {
            None => "first".to_string(),
            Some(0) => "=".to_string(),
            Some(d) if d > 0 => format!("+{d}"),
            Some(d) => format!("{d}"),
        };
        rows.push(vec![
            saved.saved_at.chars().take(16).collect::<String>().replace('T', " "),
            r.person.name.clone().unwrap_or_else(|| "—".to_string()),
            if stale {
                format!("{} (stale)", r.person.date)
            } else {
                r.person.date.clone()
            },
            format!("{} v{}", r.rubric.id, r.rubric.version),
            r.target.title.clone(),
            r.estimate.level.title.clone(),
            format!("{}%", r.readiness),
            trend,
        ]);
    }
    rows
}
