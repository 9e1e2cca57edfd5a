//! levelup: score a person against a career-ladder rubric and report the gaps.
//!
//! Data flows one way: [`cli`] → [`rubric`] → [`answers`] → [`score`] →
//! [`report`] → [`render`]. Only [`run`] and [`files`] touch the outside world.

pub mod answers;
pub mod chart;
pub mod cli;
pub mod compare;
pub mod config;
pub mod error;
pub mod files;
pub mod history;
pub mod interview;
pub mod render;
pub mod report;
pub mod resume;
pub mod rubric;
pub mod run;
pub mod score;
pub mod team;
pub mod template;
pub mod text;
pub mod yaml;
