//! `levelup history`: the saved runs with the trend of readiness.

use crate::cli::{HistoryArgs, ListFormat};
use crate::config::Config;
use crate::files;
use crate::inputs::saved_runs;
use crate::outputs::emit;
use crate::render::Format;
use anyhow::Result;

/// List the saved runs in `format`.
pub fn run(args: HistoryArgs, config: &Config) -> Result<()> {
    let format = args.format.unwrap_or(match config.format {
        Some(Format::Markdown) => ListFormat::Markdown,
        Some(Format::Json) => ListFormat::Json,
        _ => ListFormat::Table,
    });
    let runs = saved_runs()?;
    for path in files::skipped_in(&crate::history::dir()?, &["json"]) {
        tell!(
            "levelup: skipped {}: not a regular file of at most 8 MiB",
            path.display()
        );
    }
    if runs.is_empty() {
        tell!(
            "No saved runs yet: levelup assess --save keeps one in {}",
            crate::history::dir()?.display()
        );
        return Ok(());
    }
    // Trend: readiness against the previous run on the same rubric and target.
    let mut rows = Vec::new();
    for (i, (path, saved)) in runs.iter().enumerate() {
        let r = &saved.report;
        let previous = runs[..i]
            .iter()
            .rev()
            .find(|(_, s)| s.report.rubric.id == r.rubric.id && s.report.target.id == r.target.id);
        let trend = match previous.map(|(_, p)| i64::from(r.readiness) - i64::from(p.report.readiness)) {
            None => "first".to_string(),
            Some(0) => "=".to_string(),
            Some(d) if d > 0 => format!("+{d}"),
            Some(d) => format!("{d}"),
        };
        rows.push((path, saved, trend));
    }
    let text = match format {
        ListFormat::Json => {
            let items: Vec<serde_json::Value> = rows
                .iter()
                .map(|(path, s, trend)| {
                    serde_json::json!({
                        "file": path.display().to_string(), "saved_at": s.saved_at, "date": s.report.person.date,
                        "name": s.report.person.name, "rubric": s.report.rubric.id, "rubric_version": s.report.rubric.version,
                        "target": s.report.target.id, "estimate": s.report.estimate.level.id, "readiness": s.report.readiness,
                        "trend": trend,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&items)? + "\n"
        }
        ListFormat::Markdown | ListFormat::Table => {
            let header = ["Saved", "Date", "Rubric", "Target", "Estimate", "Readiness", "Trend"];
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|(_, s, trend)| {
                    let r = &s.report;
                    vec![
                        s.saved_at.chars().take(16).collect::<String>().replace('T', " "),
                        r.person.date.clone(),
                        format!("{} v{}", r.rubric.id, r.rubric.version),
                        r.target.title.clone(),
                        r.estimate.level.title.clone(),
                        format!("{}%", r.readiness),
                        trend.clone(),
                    ]
                })
                .collect();
            if format == ListFormat::Markdown {
                let mut out = format!("| {} |\n|{}\n", header.join(" | "), "---|".repeat(header.len()));
                for row in cells {
                    // Saved runs are data: they add no Markdown structure.
                    let row: Vec<String> = row.iter().map(|c| crate::text::markdown(c)).collect();
                    out.push_str(&format!("| {} |\n", row.join(" | ")));
                }
                out
            } else {
                use comfy_table::{Attribute, Cell, Color};
                let mut t = comfy_table::Table::new();
                t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED)
                    .enforce_styling()
                    .set_header(header.map(|h| Cell::new(h).add_attribute(Attribute::Bold)).to_vec());
                for row in cells {
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
                        let cell = Cell::new(crate::text::visible(c));
                        match colour {
                            Some(colour) if i == last => cell.fg(colour),
                            _ => cell,
                        }
                    }));
                }
                format!("{t}\n")
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
