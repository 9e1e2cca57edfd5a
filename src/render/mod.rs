//! Renderers: pure functions from a [`Report`] to text. No I/O, no terminal
//! queries — the caller passes the width.

mod html;
mod json;
mod markdown;
pub mod rubric;
mod table;

use crate::report::Report;

pub use html::html;
pub use json::json;
pub use markdown::markdown;
pub use table::table;

/// Output formats of `assess`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Human-readable text with a dimension table (default).
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// Versioned JSON for other tools (see "JSON report" in the README).
    Json,
    /// One self-contained page with the radar chart; prints on A4 or Letter.
    Html,
}

/// What the caller knows about where the text goes.
#[derive(Debug, Clone, Copy)]
pub struct Options<'a> {
    /// Terminal width, for `table`.
    pub width: u16,
    /// Block characters and box drawing can be shown (else plain ASCII).
    pub unicode: bool,
    /// Where `--chart` wrote the radar chart, for Markdown to link to.
    pub chart: Option<&'a str>,
}

pub fn render(report: &Report, format: Format, options: &Options) -> String {
    match format {
        Format::Table => table(report, options),
        Format::Markdown => markdown(report, options),
        Format::Json => json(report),
        Format::Html => html(report),
    }
}

const BAR_WIDTH: usize = 20;

/// The score as a bar on the level scale: filled up to the score, shaded from
/// there to the target (the gap), blank beyond the target.
/// `██████████████▍░░░░░` or, in ASCII, `##############-----`.
pub(crate) fn bar(score: Option<f64>, target: f64, report: &Report, unicode: bool) -> String {
    let top = report.levels.len().saturating_sub(1).max(1) as f64;
    let cells = |v: f64| (v / top).clamp(0.0, 1.0) * BAR_WIDTH as f64;
    let filled = score.map_or(0.0, cells);
    let target_cells = cells(target).round() as usize;
    let mut out = String::new();
    let full = filled.floor() as usize;
    if unicode {
        out.push_str(&"█".repeat(full));
        // Eighths for the last, partly filled cell.
        let eighths = ((filled - full as f64) * 8.0).round() as usize;
        let mut used = full;
        if eighths > 0 && full < BAR_WIDTH {
            out.push(['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'][eighths - 1]);
            used += 1;
        }
        for i in used..BAR_WIDTH {
            out.push(if i < target_cells { '░' } else { ' ' });
        }
    } else {
        let full = filled.round() as usize;
        out.push_str(&"#".repeat(full));
        for i in full..BAR_WIDTH {
            out.push(if i < target_cells { '-' } else { ' ' });
        }
    }
    out
}

pub(crate) fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_string(), |s| format!("{s:.2}"))
}

/// `$130K`, or the plain amount with the currency code when not in thousands.
pub(crate) fn money(amount: f64, currency: &str, open_ended: bool) -> String {
    let symbol = if currency == "USD" { "$" } else { "" };
    let plus = if open_ended { "+" } else { "" };
    let text = if amount >= 1000.0 && amount % 1000.0 == 0.0 {
        format!("{symbol}{}K", amount / 1000.0)
    } else {
        format!("{symbol}{amount}")
    };
    if symbol.is_empty() {
        format!("{text} {currency}{plus}")
    } else {
        format!("{text}{plus}")
    }
}

/// "Dana · 2026-03-01" or just the date.
pub(crate) fn who(report: &Report) -> String {
    match &report.person.name {
        Some(name) => format!("{name} · {}", report.person.date),
        None => report.person.date.clone(),
    }
}

/// "self (Sam)", "manager", "peer (Lee)".
pub fn rater_label(r: &crate::report::RaterInfo) -> String {
    match &r.name {
        Some(name) => format!("{} ({name})", r.rater),
        None => r.rater.clone(),
    }
}

pub(crate) fn leaning_text(report: &Report) -> String {
    let target = &report.target.title;
    match report.fit.leaning.as_str() {
        "pursue" => format!("Your answers lean towards pursuing {target}."),
        "stay" => "Your answers lean towards staying where you are.".to_string(),
        "balanced" => "Your reasons to pursue and to stay are evenly balanced.".to_string(),
        _ => "You did not answer the fit questions.".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(money(130000.0, "USD", false), "$130K");
        assert_eq!(money(450000.0, "USD", true), "$450K+");
        assert_eq!(money(99.5, "EUR", false), "99.5 EUR");
    }
}
