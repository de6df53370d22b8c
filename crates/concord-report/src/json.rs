//! The JSON report (docs/json-schema.md): the [`Report`] model serialized
//! with two-space indentation and a final newline.

use crate::Render;
use concord_core::Report;
use std::io;

/// JSON output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json;

impl Render for Json {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}
