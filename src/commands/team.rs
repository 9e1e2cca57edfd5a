//! `levelup team`: a whole team's answers files against one rubric.

use crate::answers::{self, Answers, Format as AnswersFormat, Rater};
use crate::cli::TeamArgs;
use crate::config::Config;
use crate::error::bad_input;
use crate::files;
use crate::inputs::{choose_rubric, choose_target, rubric_file};
use crate::outputs::emit;
use crate::render::Format;
use crate::rubric::Rubric;
use crate::score::{self, Assessment};
use crate::team::{Person, Rated, Remarks, Skipped, count};
use anyhow::Result;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One team member's file, loaded.
enum Loaded {
    Person(Person),
    /// A file that says `rater:`: combined with the other raters of the same
    /// person once every file is loaded.
    Rater(Box<RaterFile>),
    Failed(String),
    OtherRubric(String),
}

/// What one rater's file gives, kept until its person's files are all in:
/// the scores (what combining averages) and, for the self-assessment only,
/// the answers (what only the person can say: fit, pitfalls, missing items).
struct RaterFile {
    name: String,
    rater: Rater,
    answers: Option<Answers>,
    assessment: Assessment,
}

/// Why a file is left out: it did not load, or it is for another rubric.
enum LeftOut {
    Failed(String),
    OtherRubric(String),
}

/// A file's answers, read and checked against the rubric.
fn read_answers(path: &Path, rubric: &Rubric, allow_missing: bool) -> Result<Answers, LeftOut> {
    let shown = path.display().to_string();
    // "answers file X has 2 problems:" then one indented line each: keep the problems.
    // One line per file: its typos first, the list of unanswered questions last.
    let one_line = |e: anyhow::Error| {
        let text = format!("{e:#}");
        let mut problems: Vec<&str> = text.lines().skip(1).map(str::trim).collect();
        problems.sort_by_key(|p| p.contains("are not answered") || p.contains("is not answered"));
        if problems.is_empty() { text } else { problems.join("; ") }
    };
    let raw = files::read_text(&shown)
        .and_then(|t| Ok(answers::parse(&t, AnswersFormat::from_path(&shown), &shown)?))
        .map_err(|e| LeftOut::Failed(one_line(e)))?;
    if let Some(id) = raw
        .rubric
        .as_deref()
        .filter(|id| !id.trim().is_empty() && *id != rubric.id)
    {
        return Err(LeftOut::OtherRubric(format!(
            "is for rubric '{id}', not '{}': left out",
            rubric.id
        )));
    }
    answers::check(raw, rubric, &shown, allow_missing).map_err(|e| LeftOut::Failed(one_line(e.into())))
}

/// An assessment cut to what [`score::combine`] reads of each rater (scores,
/// n/a, points) and a row shows: the lists it recomputes from the own answers go.
fn slim(mut a: Assessment) -> Assessment {
    for d in &mut a.dimensions {
        d.missing = Vec::new();
    }
    a.borderline = Vec::new();
    a.top_gaps = Vec::new();
    a.strengths = Vec::new();
    a.pitfalls = Vec::new();
    a.fit.pursue = Vec::new();
    a.fit.stay = Vec::new();
    a
}

fn load_person(path: &Path, rubric: &Rubric, target: usize, allow_missing: bool) -> Loaded {
    let checked = match read_answers(path, rubric, allow_missing) {
        Ok(checked) => checked,
        Err(LeftOut::Failed(why)) => return Loaded::Failed(why),
        Err(LeftOut::OtherRubric(why)) => return Loaded::OtherRubric(why),
    };
    let a = score::assess(rubric, &checked, target);
    let shown = path.display().to_string();
    let name = checked.name.clone().unwrap_or_else(|| {
        path.file_stem()
            .map_or_else(|| shown.clone(), |s| s.to_string_lossy().into_owned())
    });
    match checked.rater {
        Some(rater) => Loaded::Rater(Box::new(RaterFile {
            name,
            rater,
            // Scoring reads the answers only; evidence can be long text.
            answers: (rater == Rater::Own).then(|| Answers {
                evidence: Default::default(),
                ..checked
            }),
            assessment: slim(a),
        })),
        None => Loaded::Person(Person::new(name, shown, rubric, &a)),
    }
}

/// Why a folder entry named like an answers file is not read; `None` for a
/// regular file levelup can take. Reading a FIFO could wait forever and a
/// device never end, so neither is opened.
fn not_readable(path: &Path) -> Option<String> {
    let plain = |e: std::io::Error| {
        // "Too many levels of symbolic links (os error 40)" → "too many levels of symbolic links".
        let text = e.to_string();
        let text = text.split(" (os error").next().unwrap_or(&text).to_string();
        let mut chars = text.chars();
        chars
            .next()
            .map_or(String::new(), |c| c.to_lowercase().chain(chars).collect())
    };
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => {
            let link = path.symlink_metadata().is_ok_and(|m| m.file_type().is_symlink());
            return Some(match (link, e.kind()) {
                (true, std::io::ErrorKind::NotFound) => {
                    let to = std::fs::read_link(path).map_or_else(|_| "?".into(), |t| t.display().to_string());
                    format!("a broken link: it leads to {to}, which does not exist")
                }
                (true, _) => format!("a link that cannot be followed: {}", plain(e)),
                (false, _) => format!("cannot be read: {}", plain(e)),
            });
        }
    };
    if meta.is_file() {
        return (meta.len() > files::READ_LIMIT).then(|| {
            format!(
                "larger than {} MiB, the most levelup reads from one file",
                files::READ_LIMIT >> 20
            )
        });
    }
    if meta.is_dir() {
        return Some("a folder, not an answers file".into());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a FIFO (named pipe), not read: it could wait forever".into());
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device, not an answers file".into());
        }
        if t.is_socket() {
            return Some("a socket, not an answers file".into());
        }
    }
    Some("not a regular file".into())
}

/// The answers files to read, in the order given (a folder's in name order),
/// and the folder entries named like answers files that are not read.
fn find_files(inputs: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Skipped>)> {
    let mut paths = Vec::new();
    let mut skipped = Vec::new();
    for input in inputs {
        // A typo is an error, not an empty team.
        if input.symlink_metadata().is_err() {
            return Err(bad_input(format!("{}: no such file or folder", input.display())));
        }
        if !input.is_dir() {
            paths.push(input.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(input)
            .map_err(|e| bad_input(format!("cannot read {}: {e}", input.display())))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                    ["yaml", "yml", "toml", "json"]
                        .iter()
                        .any(|x| e.eq_ignore_ascii_case(x))
                })
            })
            .collect();
        found.sort();
        for p in found {
            match not_readable(&p) {
                None => paths.push(p),
                Some(reason) => skipped.push(Skipped {
                    file: p.display().to_string(),
                    reason,
                }),
            }
        }
    }
    // One file named twice (a path and its folder, a link to it) is one person.
    let mut seen: std::collections::HashMap<crate::files::Identity, PathBuf> = std::collections::HashMap::new();
    let mut unique = Vec::with_capacity(paths.len());
    for p in paths {
        let Some(id) = crate::files::identity(&p) else {
            unique.push(p);
            continue;
        };
        match seen.get(&id) {
            Some(first) => skipped.push(Skipped {
                file: p.display().to_string(),
                reason: format!("the same file as {}, counted once", first.display()),
            }),
            None => {
                seen.insert(id, p.clone());
                unique.push(p);
            }
        }
    }
    Ok((unique, skipped))
}

/// Load every file, on every core. Files are handed out one at a time, so a
/// core slowed by other work takes fewer; results come back in `paths` order.
fn load_all(paths: &[PathBuf], rubric: &Rubric, target: usize, allow_missing: bool) -> Vec<Loaded> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(paths.len())
        .max(1);
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, Loaded)>> = std::thread::scope(|s| {
        let work = || {
            let mut done = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = paths.get(i) else { break done };
                done.push((i, load_person(path, rubric, target, allow_missing)));
            }
        };
        let handles: Vec<_> = (1..threads).map(|_| s.spawn(work)).collect();
        let mut parts = vec![work()];
        parts.extend(
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
        );
        parts
    });
    let mut slots: Vec<Option<Loaded>> = std::iter::repeat_with(|| None).take(paths.len()).collect();
    for (i, loaded) in parts.into_iter().flatten() {
        slots[i] = Some(loaded);
    }
    // Every index was taken by exactly one thread.
    slots.into_iter().flatten().collect()
}

/// How names are matched: case, and spaces around and between words, do not count.
fn name_key(name: &str) -> String {
    crate::history::person_key(Some(name))
}

/// Several raters' files of one person as one row, combined as `assess`
/// combines a panel: the self-assessment's answers (else the first file's,
/// read again: only the self-assessment's are kept while loading) give what
/// only the person can say. More than one `rater: self` is an error for each
/// of the files, as in `assess`.
fn combine(
    rubric: &Rubric,
    target: usize,
    allow_missing: bool,
    mut files: Vec<(String, RaterFile)>,
) -> Result<Person, Vec<Skipped>> {
    let selves = files.iter().filter(|(_, f)| f.rater == Rater::Own).count();
    let name = files[0].1.name.clone();
    let all_out = |files: &[(String, RaterFile)], reason: String| -> Vec<Skipped> {
        files
            .iter()
            .map(|(file, _)| Skipped {
                file: file.clone(),
                reason: reason.clone(),
            })
            .collect()
    };
    if selves > 1 {
        let reason = format!(
            "{selves} files say `rater: self` for '{name}'; one person has at most one self-assessment: left out"
        );
        return Err(all_out(&files, reason));
    }
    let raters: Vec<Rated> = files
        .iter()
        .map(|(file, f)| Rated {
            file: file.clone(),
            rater: f.rater.id().to_string(),
        })
        .collect();
    let own = files.iter().position(|(_, f)| f.rater == Rater::Own).unwrap_or(0);
    let mut person = if files.len() == 1 {
        let (file, f) = files.swap_remove(0);
        Person::new(f.name, file, rubric, &f.assessment)
    } else {
        let own_answers = match files[own].1.answers.take() {
            Some(answers) => answers,
            None => match read_answers(Path::new(&files[own].0), rubric, allow_missing) {
                Ok(answers) => answers,
                // Changed since it was read a moment ago.
                Err(_) => {
                    let reason = format!("{} changed while it was read: '{name}' left out", files[own].0);
                    return Err(all_out(&files, reason));
                }
            },
        };
        let assessments: Vec<Assessment> = files.iter().map(|(_, f)| f.assessment.clone()).collect();
        let combined = score::combine(rubric, &assessments, &own_answers, target);
        let (file, f) = files.swap_remove(own);
        Person::new(f.name, file, rubric, &combined)
    };
    person.raters = raters;
    Ok(person)
}

/// One note per name that more than one row carries, saying what was done.
fn same_name_notes(people: &[Person]) -> Vec<String> {
    let mut rows: HashMap<String, Vec<&Person>> = HashMap::new();
    let mut order = Vec::new();
    for p in people {
        let key = name_key(&p.name);
        let entry = rows.entry(key.clone()).or_default();
        if entry.is_empty() {
            order.push(key);
        }
        entry.push(p);
    }
    order
        .iter()
        .filter_map(|key| {
            let same = &rows[key];
            (same.len() > 1).then(|| {
                let shown: Vec<String> = same.iter().take(3).map(|p| crate::text::one_line(&p.file)).collect();
                let more = match same.len() - shown.len() {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                format!(
                    "'{}' names {} ({}{more}): counted as {}; if they are one person rated by several people, give each file `rater: self`, `manager` or `peer`; if they are one person's runs at different dates, keep the latest",
                    crate::text::one_line(&same[0].name),
                    count(same.len(), "row", "rows"),
                    shown.join(", "),
                    count(same.len(), "person", "people"),
                )
            })
        })
        .collect()
}

/// Score every answers file given (or found in the folders given) and report the team.
pub fn run(args: TeamArgs, config: &Config) -> Result<()> {
    let (paths, skipped) = find_files(&args.inputs)?;
    if paths.is_empty() {
        let also = if skipped.is_empty() {
            String::new()
        } else {
            let lines: Vec<String> = skipped
                .iter()
                .map(|s| format!("\n  {}: {}", s.file, s.reason))
                .collect();
            format!("; skipped:{}", lines.concat())
        };
        return Err(bad_input(format!(
            "no answers files found (looked for .yaml, .yml, .toml and .json){also}"
        )));
    }
    if let Some(output) = &args.out.output {
        let mut inputs: Vec<(&str, &Path)> = paths.iter().map(|p| ("answers file", p.as_path())).collect();
        inputs.extend(rubric_file(args.rubric.as_deref()).map(|p| ("--rubric", p)));
        files::check_outputs(&[("-o", output)], &inputs, args.out.force)?;
    }
    let rubric = choose_rubric(args.rubric.as_deref(), None, config, "")?;
    let target = choose_target(args.target.as_deref(), None, config, &rubric)?;
    let loaded = load_all(&paths, &rubric, target, args.allow_missing);

    // Rows in file order; several raters of one person take the place of their first file.
    enum Row {
        Person(Person),
        Raters(usize),
    }
    let mut rows = Vec::new();
    let mut groups: Vec<Vec<(String, RaterFile)>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    let mut remarks = Remarks {
        skipped,
        ..Remarks::default()
    };
    for (path, l) in paths.iter().zip(loaded) {
        let file = path.display().to_string();
        match l {
            Loaded::Person(p) => rows.push(Row::Person(p)),
            Loaded::Rater(f) => {
                let next = groups.len();
                let g = *group_of.entry(name_key(&f.name)).or_insert(next);
                if g == next {
                    groups.push(Vec::new());
                    rows.push(Row::Raters(g));
                }
                groups[g].push((file, *f));
            }
            Loaded::Failed(reason) => remarks.failed.push(Skipped { file, reason }),
            Loaded::OtherRubric(reason) => remarks.other_rubrics.push(Skipped { file, reason }),
        }
    }
    let mut combined: Vec<Option<Result<Person, Vec<Skipped>>>> = groups
        .into_iter()
        .map(|files| Some(combine(&rubric, target, args.allow_missing, files)))
        .collect();
    let mut people = Vec::new();
    for row in rows {
        match row {
            Row::Person(p) => people.push(p),
            Row::Raters(g) => match combined[g].take() {
                Some(Ok(p)) => people.push(p),
                Some(Err(failed)) => remarks.failed.extend(failed),
                None => {}
            },
        }
    }
    if args.strict && !(remarks.failed.is_empty() && remarks.skipped.is_empty()) {
        let lines: Vec<String> = (remarks.failed.iter())
            .chain(&remarks.skipped)
            .map(|f| format!("  {}: {}", f.file, f.reason))
            .collect();
        let total = paths.len() + remarks.skipped.len();
        return Err(bad_input(format!(
            "{} of {} did not load (--strict):\n{}",
            lines.len(),
            count(total, "file", "files"),
            lines.join("\n")
        )));
    }
    remarks.notes = same_name_notes(&people);
    for note in &remarks.notes {
        tell!("levelup: warning: {note}");
    }
    let report = crate::team::summarize(&rubric, target, people, remarks);
    let format = args.out.format.or(config.format).unwrap_or(Format::Table);
    let text = match format {
        Format::Table => crate::team::table(&report, &rubric, crate::outputs::stdout_width()),
        Format::Markdown => crate::team::markdown(&crate::text::map_strings(&report, &crate::text::markdown)),
        Format::Json => crate::team::json(&report),
        Format::Html => crate::team::html(&report, &rubric),
    };
    // The table makes its data visible itself, so that its colours stay colours.
    let text = if format == Format::Table {
        text
    } else {
        crate::text::visible(&text).into_owned()
    };
    emit(text.as_bytes(), args.out.output.as_deref(), args.out.force)
}
