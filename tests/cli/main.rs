//! The one integration-test binary: runs the real `levelup` executable.

mod authoring;
mod bad_input;
mod browser;
mod charts;
mod config;
mod examples;
mod extends;
mod format2;
mod growth;
mod guide;
mod help;
mod injection;
mod interview;
mod json_contract;
mod ladder;
mod outputs;
mod packet;
mod personas;
mod plan;
mod raters;
mod support;
mod teams;
mod width;
