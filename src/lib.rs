//! levelup: score a person against a career-ladder rubric and report the gaps.
//!
//! Data flows one way: [`cli`] → [`rubric`] → [`answers`] → [`interview`] →
//! [`score`] → [`report`] → [`render`]. [`run`] dispatches to one file per
//! subcommand under [`commands`]; they read through [`inputs`] and write
//! through [`outputs`] (both over [`files`]). Only the interview touches the
//! terminal; the scoring engine and renderers do no I/O.

/// `eprintln!` that cannot panic: with stderr on a full disk or a closed pipe
/// the message is lost, not the run (a report still to write, answers to keep).
macro_rules! tell {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        // Messages carry paths and answers from outside: shown, never sent raw;
        // in ASCII when the locale is not UTF-8.
        let shown = crate::text::visible(&format!($($arg)*)).into_owned();
        let _ = writeln!(std::io::stderr(), "{}", crate::outputs::for_stderr(&shown));
    }};
}

pub mod answers;
pub mod chart;
pub mod cli;
pub mod commands;
pub mod compare;
pub mod config;
pub mod error;
pub mod files;
pub mod history;
pub mod inputs;
pub mod interview;
pub mod ladder;
pub mod outputs;
pub mod packet;
pub mod plan;
pub mod render;
pub mod report;
pub mod resume;
pub mod rubric;
pub mod run;
pub mod schema;
pub mod score;
pub mod team;
pub mod template;
pub mod text;
pub mod yaml;
