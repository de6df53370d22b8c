//! The data model that every concord stage shares.
//!
//! The pipeline is `extract` (articles → claims) → `match` (claims → links)
//! → `graph` (links → facts and findings) → `report` (everything → text,
//! JSON, ...). The types here are the values that flow between those crates;
//! they derive `Serialize` so that the JSON report is simply this model
//! written out (see `docs/json-schema.md`).
//!
//! Nothing in this crate does I/O or holds configuration.

mod date;
mod fingerprint;
mod hash;
mod lines;
mod model;
mod suppress;

pub use date::{CivilDate, Weekday};
pub use fingerprint::{FINGERPRINT_VERSION, file_name};
pub use hash::StableHash;
pub use lines::LineIndex;
pub use model::*;
pub use suppress::ignore_rules;

/// Version of the JSON report layout. Bump when a field changes meaning or
/// disappears; adding fields does not bump it.
pub const SCHEMA_VERSION: u32 = 2;

/// Rounds a score to three decimals so that reports are byte-identical across
/// platforms and thread counts (the last bits of a float sum depend on the
/// order of additions).
pub fn round_score(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
