//! concord's command-line tests: one test binary (compiling ten, each
//! with its own copy of `common`, cost minutes on a 2-core machine). Each
//! module is one area; `common` runs the binary and scores reports.
#![allow(clippy::unwrap_used)]

mod common;

mod browser;
mod ci;
mod cli;
mod fixtures;
mod formats;
mod hostile;
mod incremental;
mod inputs;
mod pairs;
mod project;
mod scale;
mod sharding;
mod workflows;
