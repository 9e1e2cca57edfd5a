//! Loading what a command reads: rubrics (built in, installed, files), the
//! rubric and target chosen for some answers, saved runs and reports.

use crate::answers::{self, Format as AnswersFormat};
use crate::config::{self, Config};
use crate::error::{bad_input, one_of};
use crate::files;
use crate::report::{self, Report};
use crate::rubric::{self, Rubric};
use crate::score;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// A rubric file in the config folder's `rubrics/`.
#[derive(Debug, Clone, PartialEq)]
pub struct Installed {
    /// The `id:` inside the file; its file name (without `.yaml`) when the
    /// file has none that can be read.
    pub id: String,
    pub path: PathBuf,
    /// Why the file cannot be used under its id, if it cannot: a built-in
    /// rubric has that id, or an earlier file (by name) does.
    pub shadowed_by: Option<String>,
}

/// The rubrics installed in the config folder, by file name. Each is known by
/// the id inside it, so `levelup assess --rubric ID` finds it whatever the
/// file is called. Of several with one id the first (by file name) is used;
/// a built-in id always means the built-in rubric. The others are marked
/// [`Installed::shadowed_by`], for `rubric list` and `rubric validate` to say.
pub fn installed() -> Vec<Installed> {
    let Ok(dir) = config::rubrics_dir() else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        // A FIFO or device named like a rubric would block or never end.
        .filter(|p| files::is_regular(p))
        .collect();
    paths.sort();
    let mut found: Vec<Installed> = Vec::new();
    for path in paths {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = files::read_text(&path.display().to_string())
            .ok()
            .and_then(|text| crate::yaml::top_level_id(&text))
            .unwrap_or(stem);
        let shadowed_by = if rubric::BUILTIN.iter().any(|b| b.id == id) {
            Some(format!("the built-in rubric '{id}'"))
        } else {
            found.iter().find(|f| f.id == id).map(|f| f.path.display().to_string())
        };
        found.push(Installed { id, path, shadowed_by });
    }
    found
}

/// The installed rubric file that `id` names, if any (see [`installed`]).
fn installed_path(id: &str) -> Option<PathBuf> {
    installed()
        .into_iter()
        .find(|i| i.id == id && i.shadowed_by.is_none())
        .map(|i| i.path)
}

/// The ids `--rubric` knows: built in, then installed.
fn known_ids() -> Vec<String> {
    let mut known: Vec<String> = rubric::BUILTIN.iter().map(|b| b.id.to_string()).collect();
    for i in installed() {
        if !known.contains(&i.id) {
            known.push(i.id);
        }
    }
    known
}

/// The base a rubric `extends`: a built-in id, an installed id, or a file
/// relative to the rubric that names it. Returns its text and a name for messages.
pub fn resolve_base(name: &str, from: &str) -> std::result::Result<(String, String), String> {
    if let Some(b) = rubric::BUILTIN.iter().find(|b| b.id == name) {
        return Ok((b.yaml.to_string(), format!("built-in {}", b.id)));
    }
    let path = installed_path(name).unwrap_or_else(|| Path::new(from).parent().unwrap_or(Path::new("")).join(name));
    if !path.is_file() {
        let why = if path.exists() {
            "is not a regular file"
        } else {
            "does not exist"
        };
        return Err(format!(
            "is neither a built-in or installed rubric id nor a file ({} {why})",
            path.display()
        ));
    }
    // The same file reached by two paths is one base, so loops are seen.
    let path = std::fs::canonicalize(&path).unwrap_or(path);
    let shown = path.display().to_string();
    files::read_text(&shown)
        .map(|text| (text, shown.clone()))
        .map_err(|e| format!("could not be read: {e:#}"))
}

/// A built-in id, an installed id, or a rubric file.
pub fn load_rubric(spec: &str) -> Result<Rubric> {
    if let Some(r) = Rubric::builtin(spec) {
        return Ok(r);
    }
    let path = installed_path(spec).or_else(|| Path::new(spec).exists().then(|| PathBuf::from(spec)));
    if let Some(path) = path {
        let shown = path.display().to_string();
        let text = files::read_text(&shown)?;
        return Ok(rubric::parse_extending(&text, &shown, &resolve_base)?);
    }
    Err(bad_input(format!(
        "unknown rubric '{spec}': not a rubric id ({}) and no such file",
        one_of(&known_ids())
    )))
}

/// The saved runs that can be read; each one that cannot is named on stderr
/// and left out, so one broken file never hides the others.
pub fn saved_runs() -> Result<Vec<(PathBuf, crate::history::Summary)>> {
    let (runs, broken) = crate::history::list()?;
    for (_, why) in broken {
        // One line per file, whatever its name holds.
        tell!("levelup: skipped {}", crate::text::one_line(&why));
    }
    Ok(runs)
}

/// A report from a saved run, a JSON report, or an answers file (scored now).
pub fn report_from(path: &str, rubric_flag: Option<&str>, config: &Config) -> Result<Report> {
    let text = files::read_text(path)?;
    let shown = files::display_name(path);
    if let Ok(saved) = serde_json::from_str::<crate::history::Saved>(&text) {
        crate::history::not_newer(&shown, saved.saved_version, saved.report.schema_version)?;
        return Ok(saved.report);
    }
    if let Ok(report) = serde_json::from_str::<Report>(&text) {
        crate::history::not_newer(&shown, 0, report.schema_version)?;
        return Ok(report);
    }
    let name = files::display_name(path);
    let raw = answers::parse(&text, AnswersFormat::from_path(path), &name)?;
    let rubric = choose_rubric(rubric_flag, raw.rubric.as_deref(), config, &name)?;
    let checked = answers::check(raw, &rubric, &name, false)?;
    let target = choose_target(None, checked.target.as_deref(), config, &rubric)?;
    let assessment = score::assess(&rubric, &checked, target);
    let date = checked.date.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let mut report = report::build(&rubric, &checked, &assessment, date);
    if report.person.name.is_none() {
        report.person.name.clone_from(&config.name);
    }
    Ok(report)
}

/// The rubric for some answers: the flag, else the one the answers name (the
/// config's when it is that one, since it may be a file), else the config's,
/// else the default.
pub fn choose_rubric(flag: Option<&str>, named: Option<&str>, config: &Config, name: &str) -> Result<Rubric> {
    let named = named.filter(|id| !id.trim().is_empty());
    match (flag, named, &config.rubric) {
        (Some(spec), _, _) => load_rubric(spec),
        // The config's rubric serves only when it is the one the answers name
        // (a file of that id); one that cannot be loaded is then no reason to fail.
        (None, Some(id), Some(spec)) => match load_rubric(spec) {
            Ok(r) if r.id == id => Ok(r),
            _ => rubric_by_id(id, name),
        },
        (None, Some(id), None) => rubric_by_id(id, name),
        (None, None, Some(spec)) => {
            load_rubric(spec).map_err(|e| bad_input(format!("{e:#} (the rubric set in the config file)")))
        }
        (None, None, None) => load_rubric(rubric::DEFAULT_ID),
    }
}

/// The target level: the flag, else the answers', else the config's (where
/// this rubric has such a level), else the rubric's default.
pub fn choose_target(flag: Option<&str>, answers: Option<&str>, config: &Config, rubric: &Rubric) -> Result<usize> {
    let config_target = config.target.as_deref().filter(|t| rubric.level_index(t).is_some());
    match flag.or(answers).or(config_target) {
        None => Ok(rubric.default_target),
        Some(id) => rubric.level_index(id).ok_or_else(|| {
            bad_input(format!(
                "unknown target level '{id}'; expected {} (a level id or title, in any case)",
                one_of(&rubric.level_ids())
            ))
        }),
    }
}

/// The rubric an answers file's `rubric:` id names: built in or installed.
fn rubric_by_id(id: &str, name: &str) -> Result<Rubric> {
    if known_ids().iter().any(|k| k == id) {
        return load_rubric(id);
    }
    Err(bad_input(format!(
        "{name} is for rubric '{id}', which is neither built in nor installed; pass --rubric FILE to use your rubric file"
    )))
}

/// `--rubric` as a file, when it names one.
pub fn rubric_file(spec: Option<&str>) -> Option<&Path> {
    spec.map(Path::new).filter(|p| p.is_file())
}
