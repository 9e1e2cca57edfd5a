//! Errors that reach the user, and the exit code each one maps to.
//!
//! Anything the user can fix (a bad file, a bad flag, an unknown id) is a
//! [`BadInput`] or [`Problems`] and exits 2; everything else exits 1.

use std::fmt;

/// One mistake in a file: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Key path inside the document, e.g. `dimensions[3].questions[1].choices`.
    pub path: String,
    /// 1-based line and column where the parser knows them.
    pub at: Option<(u64, u64)>,
    pub message: String,
}

impl Problem {
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            at: None,
            message: message.into(),
        }
    }

    /// Attach a location; line 0 means "unknown" (non-YAML sources) and is dropped.
    pub fn at(mut self, at: Option<(u64, u64)>) -> Self {
        self.at = at.filter(|(line, _)| *line > 0);
        self
    }
}

/// Every problem found in one file, reported together.
#[derive(Debug)]
pub struct Problems {
    /// Display name of the file (`-` is shown as `<stdin>`).
    pub file: String,
    /// What kind of file it is, for the headline ("rubric", "answers file").
    pub what: &'static str,
    pub problems: Vec<Problem>,
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(
            f,
            "{} {} has {} problem{}:",
            self.what,
            self.file,
            n,
            if n == 1 { "" } else { "s" }
        )?;
        for p in &self.problems {
            write!(f, "\n  {}", self.file)?;
            if let Some((line, col)) = p.at {
                write!(f, ":{line}:{col}")?;
            }
            if p.path.is_empty() {
                write!(f, ": {}", p.message)?;
            } else {
                write!(f, ": {}: {}", p.path, p.message)?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// A single user-fixable error: bad flag value, unreadable file, refused overwrite.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for BadInput {}

/// Shorthand for returning a [`BadInput`] as an `anyhow::Error`.
pub fn bad_input(message: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(BadInput(message.into()))
}

/// 2 when anything in the chain is the user's to fix, 1 otherwise.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    let user_fixable = err.chain().any(|e| e.is::<BadInput>() || e.is::<Problems>());
    if user_fixable { 2 } else { 1 }
}

/// True when the error is a closed stdout (e.g. `levelup … | head`), which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// "a, b or c" — for lists of allowed values in messages.
pub fn one_of<S: AsRef<str>>(items: &[S]) -> String {
    // Each allowed value once, in the order given.
    let mut unique: Vec<&str> = Vec::new();
    for item in items {
        if !unique.contains(&item.as_ref()) {
            unique.push(item.as_ref());
        }
    }
    match unique.as_slice() {
        [] => "(none)".to_string(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_list_file_location_and_path() {
        let e = Problems {
            file: "r.yaml".into(),
            what: "rubric",
            problems: vec![
                Problem::new("levels[1].id", "duplicate id 'x'").at(Some((4, 7))),
                Problem::new("dimensions", "must not be empty"),
                Problem::new("", "no location").at(Some((0, 0))),
            ],
        };
        assert_eq!(
            e.to_string(),
            "rubric r.yaml has 3 problems:\n  r.yaml:4:7: levels[1].id: duplicate id 'x'\n  r.yaml: dimensions: must not be empty\n  r.yaml: no location"
        );
    }

    #[test]
    fn exit_codes_follow_the_chain() {
        let e = bad_input("nope").context("while reading");
        assert_eq!(exit_code(&e), 2);
        assert_eq!(exit_code(&anyhow::anyhow!("boom")), 1);
    }

    #[test]
    fn one_of_reads_naturally() {
        assert_eq!(one_of(&["a"]), "a");
        assert_eq!(one_of(&["a", "b", "c"]), "a, b or c");
        assert_eq!(one_of::<&str>(&[]), "(none)");
    }
}
