//! One line per finding, as ruff's `--output-format concise` and
//! compilers' short diagnostics write them, for grep, an editor's quickfix
//! list or a CI log:
//!
//! ```text
//! a.txt:22:1: contradiction-date: different dates for the same event: "in 2025" vs "in 2026" (other side: b.txt:22:1)
//! ```
//!
//! The location is the finding's first claim; a contradiction or tension
//! names the other side's location too. The summary line ends the output,
//! as in the text format.

use crate::text::{Palette, paint};
use crate::view;
use crate::{Render, sanitize};
use concord_core::{FindingKind, Report};
use std::io;

/// Concise output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Concise {
    /// Colour the rule ids (ANSI escapes).
    pub color: bool,
    /// Which single-source claims get a line.
    pub single_source: crate::SingleSource,
}

impl Render for Concise {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let palette = Palette::new(self.color);
        let (shown, _) = view::single_source_shown(report, self.single_source);
        for k in view::ranking(report) {
            let f = &report.findings[k];
            if f.kind == FindingKind::SingleSource && !shown.contains(&k) {
                continue;
            }
            let claims = view::claims_of(report, f);
            let Some(first) = claims.first() else {
                continue;
            };
            let mut line = format!(
                "{}: {}: {}",
                sanitize(&view::location(report, first)),
                paint(palette.severity(f.severity), &f.rule),
                sanitize(&view::one_line(&f.message))
            );
            if matches!(f.kind, FindingKind::Contradiction | FindingKind::Tension) {
                let others: Vec<String> = claims[1..]
                    .iter()
                    .map(|c| sanitize(&view::location(report, c)))
                    .collect();
                if !others.is_empty() {
                    line.push_str(&format!(" (other side: {})", others.join(", ")));
                }
            }
            writeln!(out, "{line}")?;
        }
        writeln!(out, "concord: {}", view::summary(report))
    }
}
