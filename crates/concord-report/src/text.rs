//! Human-readable output, in the style of a compiler diagnostic:
//!
//! ```text
//! error[contradiction-date]: different dates for the same event: "in 2025" vs "in 2026"
//!   --> a.txt:22:1
//!    |
//! 22 | ... military exercises would commence in 2025.
//!    |                                       ^^^^^^^
//!   --> b.txt:22:1
//!    |
//! 22 | ... military exercises would commence in 2026.
//!    |                                       ^^^^^^^
//!    = evidence: shared: trilateral, exercises, commence
//! ```
//!
//! Single-source claims, which are many, come last as one line each.

use crate::view::{self, shorten, split_vs};
use crate::{Render, sanitize};
use concord_core::{Claim, Finding, FindingKind, Report};
use std::io;

/// Text output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Text;

impl Render for Text {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        // Links by claim pair, for the evidence line of each finding.
        let links: std::collections::HashMap<(&str, &str), &concord_core::Link> = report
            .links
            .iter()
            .map(|l| ((l.a.as_str(), l.b.as_str()), l))
            .collect();
        let mut notes = Vec::new();
        for f in &report.findings {
            if f.kind == FindingKind::SingleSource {
                notes.push(f);
                continue;
            }
            finding(report, &links, f, out)?;
        }
        if !notes.is_empty() {
            writeln!(
                out,
                "note[single-source]: {} claims are stated by one article only:",
                notes.len()
            )?;
            for f in notes {
                if let Some(c) = f.claims.first().and_then(|id| report.claim(id)) {
                    writeln!(
                        out,
                        "  {}: {}",
                        sanitize(&view::location(report, c)),
                        sanitize(&shorten(&c.text, 120))
                    )?;
                }
            }
            writeln!(out)?;
        }
        summary(report, out)
    }
}

fn finding(
    report: &Report,
    links: &std::collections::HashMap<(&str, &str), &concord_core::Link>,
    f: &Finding,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{}[{}]: {}",
        f.severity.as_str(),
        f.rule,
        sanitize(&f.message)
    )?;
    let claims: Vec<&Claim> = f.claims.iter().filter_map(|id| report.claim(id)).collect();
    let gutter = claims
        .iter()
        .map(|c| c.line.to_string().len())
        .max()
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    // The detail to underline in each claim: for contradictions, each side
    // of `"x" vs "y"`; for an unsupported detail, the detail in the first.
    let sides = split_vs(&f.detail);
    for (k, c) in claims.iter().enumerate() {
        if f.kind == FindingKind::UnsupportedDetail && k > 0 {
            if k == 1 {
                writeln!(out, "{pad} = reported without it by:")?;
            }
            writeln!(
                out,
                "{pad}   {}: {}",
                sanitize(&view::location(report, c)),
                sanitize(&shorten(&c.text, 160))
            )?;
            continue;
        }
        writeln!(out, "{pad}--> {}", sanitize(&view::location(report, c)))?;
        writeln!(out, "{pad} |")?;
        let text = sanitize(&c.text);
        writeln!(out, "{:>gutter$} | {}", c.line, text)?;
        let needle = match f.kind {
            FindingKind::UnsupportedDetail => Some(f.detail.as_str()),
            _ => sides.get(k).map(String::as_str),
        };
        if let Some(needle) = needle.filter(|n| !n.is_empty())
            && let Some(at) = text.find(needle)
        {
            let col = text[..at].chars().count();
            let width = needle.chars().count().max(1);
            writeln!(out, "{pad} | {}{}", " ".repeat(col), "^".repeat(width))?;
        }
    }
    if let Some(link) = claims.get(0..2).and_then(|pair| {
        let (x, y) = (pair[0].id.as_str(), pair[1].id.as_str());
        links.get(&(x, y)).or_else(|| links.get(&(y, x))).copied()
    }) {
        writeln!(
            out,
            "{pad} = evidence: {} (score {:.3})",
            sanitize(&link.reasons.join("; ")),
            link.score
        )?;
    }
    writeln!(out)
}

fn summary(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    writeln!(out, "concord: {}", view::summary(report))
}
