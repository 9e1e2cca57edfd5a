//! The promotion packet in Markdown and HTML: pure functions from a
//! [`Packet`] to text, laid out for a committee to read (and print).
//!
//! Both formats show the same facts in the same order: who, the assessment,
//! the inputs, what stale means, then per expected dimension what the target
//! expects, where the person stands, their evidence (dated, stale marked)
//! and what is still missing; last the dimensions not expected. Every text of
//! the packet is data: Markdown gets it escaped (see [`crate::text::markdown`]),
//! HTML through a template that escapes all it inserts.

use crate::packet::Packet;
use std::fmt::Write;

const TEMPLATE: &str = include_str!("packet.html");

/// The title line of both formats: "Promotion packet: Sam towards Staff Engineer".
fn title(p: &Packet) -> String {
    match &p.name {
        Some(name) => format!("Promotion packet: {name} towards {}", p.target.title),
        None => format!("Promotion packet towards {}", p.target.title),
    }
}

/// Who the packet speaks of, in sentences: the name, or "the person".
fn person(p: &Packet) -> &str {
    p.name.as_deref().unwrap_or("the person")
}

/// The assessment line: estimate, readiness and the date it stands on.
fn assessment(p: &Packet) -> String {
    format!(
        "estimated {}; readiness for {}: {}% (from the input of {})",
        p.estimate.title, p.target.title, p.readiness, p.assessed
    )
}

/// One input as listed: "senior.yaml — answers file, 2026-03-02 (the assessment)".
fn source_line(s: &crate::packet::Source) -> String {
    let mut line = format!("{} — {}, {}", s.label, s.kind, s.date);
    if let Some(why) = &s.dated_by {
        write!(line, " ({why})").ok();
    }
    if s.newest {
        line.push_str(" — the assessment");
    }
    line
}

/// The date of one evidence entry, "2025-01-10 (stale)" when stale.
fn evidence_date(e: &crate::packet::Evidence) -> String {
    if e.stale {
        format!("{} (stale)", e.date)
    } else {
        e.date.clone()
    }
}

/// What the "still missing" part says when nothing is.
fn nothing_missing(p: &Packet) -> String {
    format!("Nothing: meets what {} expects, with evidence.", p.target.title)
}

/// The packet in GitHub-flavoured Markdown. The packet's texts must come
/// escaped already (`crate::text::map_strings` with `crate::text::markdown`);
/// this adds only structure.
pub fn markdown(p: &Packet) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = write_markdown(&mut out, p);
    out
}

fn write_markdown(out: &mut String, p: &Packet) -> std::fmt::Result {
    writeln!(out, "# {}\n", title(p))?;
    if let Some(name) = &p.name {
        writeln!(out, "- **Person:** {name}")?;
    }
    writeln!(
        out,
        "- **Rubric:** {} ({} v{})",
        p.rubric.title, p.rubric.id, p.rubric.version
    )?;
    writeln!(out, "- **Target level:** {}", p.target.title)?;
    writeln!(out, "- **Assessment:** {}", assessment(p))?;
    if let Some(points) = &p.points {
        writeln!(out, "- **Points:** {points}")?;
    }
    writeln!(out, "- **Inputs:**")?;
    for s in &p.sources {
        writeln!(out, "  - {}", source_line(s))?;
    }
    writeln!(out, "- **Stale:** {}\n", p.stale_rule)?;
    writeln!(
        out,
        "Only {}'s own words are quoted as evidence, as written. Each entry carries the date of the first input it appears in.\n",
        person(p)
    )?;
    for d in &p.dimensions {
        let mark = if d.reached { " ✓ meets it" } else { "" };
        writeln!(out, "## {}{mark}\n", d.title)?;
        if d.expects_description.is_empty() {
            writeln!(out, "**{} expects:** {}\n", p.target.title, d.expects)?;
        } else {
            writeln!(
                out,
                "**{} expects:** {} — {}\n",
                p.target.title, d.expects, d.expects_description
            )?;
        }
        writeln!(out, "**Where {} stands:** {}\n", person(p), d.stands)?;
        if d.evidence.is_empty() {
            writeln!(out, "**Evidence:** none given.\n")?;
        } else {
            writeln!(out, "**Evidence:**\n")?;
            for e in &d.evidence {
                writeln!(out, "- {}: {}", evidence_date(e), e.text)?;
            }
            writeln!(out)?;
        }
        if d.missing.is_empty() {
            writeln!(out, "**Still missing:** {}\n", nothing_missing(p))?;
        } else {
            writeln!(out, "**Still missing:**\n")?;
            for m in &d.missing {
                writeln!(out, "- {m}")?;
            }
            writeln!(out)?;
        }
    }
    if !p.not_expected.is_empty() {
        writeln!(out, "## Not expected at {}\n", p.target.title)?;
        writeln!(out, "{}\n", p.not_expected.join(", "))?;
    }
    writeln!(
        out,
        "*Made with levelup from {} input{}, as of {}.*",
        p.sources.len(),
        if p.sources.len() == 1 { "" } else { "s" },
        p.as_of
    )?;
    Ok(())
}

/// The packet as one self-contained HTML page (inline CSS, no script, no
/// external resource), print-friendly. The packet's texts should be made
/// [`crate::text::visible`] first; the template escapes them as HTML.
pub fn html(p: &Packet) -> String {
    let mut env = minijinja::Environment::new();
    // The template is ours and checked by tests; a failure here is a bug, shown plainly.
    let rendered = env
        .add_template("packet.html", TEMPLATE)
        .and_then(|()| env.get_template("packet.html"))
        .and_then(|t| {
            t.render(minijinja::context! {
                p => minijinja::Value::from(minijinja::value::Serde(p)),
                title => title(p),
                person => person(p),
                assessment => assessment(p),
                sources => p.sources.iter().map(source_line).collect::<Vec<_>>(),
                nothing_missing => nothing_missing(p),
                not_expected => p.not_expected.join(", "),
                inputs => format!("{} input{}", p.sources.len(), if p.sources.len() == 1 { "" } else { "s" }),
            })
        });
    rendered.unwrap_or_else(|e| format!("<!doctype html><p>levelup could not render this packet: {e}</p>\n"))
}
