//! Writes synthetic answers files for the built-in rubric, for trying and
//! measuring `levelup team` at scale:
//!
//!     cargo run --example team_gen -- DIR COUNT
//!
//! The answers are pseudo-random but fixed by the file number, so a given
//! COUNT always produces the same files, and every one of them loads.

use levelup::rubric::{Agreement, Kind, QuestionRef, Rubric};
use std::fmt::Write;

/// A small, fixed pseudo-random sequence (xorshift), enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

fn answers(rubric: &Rubric, person: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (person as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut out = format!("rubric: {}\nname: Person {person:05}\nanswers:\n", rubric.id);
    for id in rubric.question_ids() {
        let value = match rubric.find(id) {
            Some(QuestionRef::Level(d, q)) => match &rubric.dimensions[d].questions[q].kind {
                Kind::Choice(c) => c[rng.next(c.len())].id.clone(),
                // A scale with its own labels (never … always) takes those, else agreement.
                Kind::Scale { labels, .. } if !labels.is_empty() => labels[rng.next(labels.len())].id.clone(),
                Kind::Scale { .. } => Agreement::ALL[rng.next(5)].id().to_string(),
                Kind::Checklist { items, .. } => {
                    let picked: Vec<&str> = items
                        .iter()
                        .filter(|_| rng.next(2) == 1)
                        .map(|i| i.id.as_str())
                        .collect();
                    format!("[{}]", picked.join(", "))
                }
                Kind::Number { min, max, .. } => format!(
                    "{}",
                    (min + (max - min).min(100.0) * rng.next(101) as f64 / 100.0).round()
                ),
            },
            Some(QuestionRef::Fit(f)) => {
                let items = &rubric.fit_questions()[f].items;
                let picked: Vec<&str> = items
                    .iter()
                    .filter(|_| rng.next(3) == 0)
                    .map(|i| i.id.as_str())
                    .collect();
                format!("[{}]", picked.join(", "))
            }
            None => continue,
        };
        let _ = writeln!(out, "  {id}: {value}");
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(count)) = (args.next(), args.next().and_then(|c| c.parse::<usize>().ok())) else {
        eprintln!("usage: team_gen DIR COUNT");
        std::process::exit(2);
    };
    let Some(rubric) = Rubric::builtin("senior-staff") else {
        eprintln!("the built-in rubric is missing");
        std::process::exit(1);
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("cannot create {dir}: {e}");
        std::process::exit(1);
    }
    for person in 0..count {
        let path = format!("{dir}/person-{person:05}.yaml");
        if let Err(e) = std::fs::write(&path, answers(&rubric, person)) {
            eprintln!("cannot write {path}: {e}");
            std::process::exit(1);
        }
    }
}
