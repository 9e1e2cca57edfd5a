//! One file per subcommand, each owning its flow: read inputs (see
//! [`crate::inputs`]), call the pure parts (score, report, render) and hand
//! the text to [`crate::outputs`].

pub mod assess;
pub mod compare;
pub mod completions;
pub mod help;
pub mod history;
pub mod man;
pub mod packet;
pub mod plan;
pub mod rubric;
pub mod team;
pub mod template;
