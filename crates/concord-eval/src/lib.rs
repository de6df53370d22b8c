//! Evaluation and training: how well concord relates labelled sentence
//! pairs, and the relation models fitted to them. None of it runs during
//! `concord check`; it drives the engine ([`concord_engine::Engine`]) and
//! the matcher from outside, through their public API, so the pipeline
//! crates hold only what a check needs.
//!
//! - [`pairs`]: the TSV pair files and each pair's relation (`concord pairs`);
//! - [`metrics`]: the scorer's figures on those relations (`concord eval`);
//! - [`train`]: labelled pairs to the `[weights]` rule file (`concord
//!   train`), fitted by [`learn`]. Applying the fitted weights at run time
//!   stays with the matcher (`concord_match::features::Model`).
//!
//! The tuning aids (`explain_gold`, `story_eval`, `story_similarity`) are
//! this crate's examples: `cargo run --release -p concord-eval --example NAME`.

pub mod boost;
pub mod learn;
pub mod metrics;
pub mod pairs;
pub mod train;
