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

use crate::{Render, sanitize};
use concord_core::{Claim, Finding, FindingKind, Report};
use std::io;

/// Text output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Text;

impl Render for Text {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        let mut notes = Vec::new();
        for f in &report.findings {
            if f.kind == FindingKind::SingleSource {
                notes.push(f);
                continue;
            }
            finding(report, f, out)?;
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
                        location(report, c),
                        sanitize(&shorten(&c.text, 120))
                    )?;
                }
            }
            writeln!(out)?;
        }
        summary(report, out)
    }
}

fn location(report: &Report, c: &Claim) -> String {
    let path = report.article(&c.article).map_or("?", |a| a.path.as_str());
    format!("{}:{}:{}", sanitize(path), c.line, c.column)
}

fn shorten(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        return s.to_string();
    }
    let cut: String = s.chars().take(max_chars).collect();
    format!("{}…", cut.trim_end())
}

fn finding(report: &Report, f: &Finding, out: &mut dyn io::Write) -> io::Result<()> {
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
                location(report, c),
                sanitize(&shorten(&c.text, 160))
            )?;
            continue;
        }
        writeln!(out, "{pad}--> {}", location(report, c))?;
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
        report.links.iter().find(|l| {
            (l.a == pair[0].id && l.b == pair[1].id) || (l.a == pair[1].id && l.b == pair[0].id)
        })
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

/// `"a" vs "b"` → [a, b].
fn split_vs(detail: &str) -> Vec<String> {
    match detail.split_once(" vs ") {
        Some((a, b)) => vec![
            a.trim_matches('"').to_string(),
            b.trim_matches('"').to_string(),
        ],
        None => Vec::new(),
    }
}

fn summary(report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
    let count = |k: FindingKind| report.findings.iter().filter(|f| f.kind == k).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    // Input errors and warnings are mentioned only when there are some.
    let problems = |n: usize, one: &str, many: &str| {
        if n == 0 {
            String::new()
        } else {
            format!("; {}", plural(n, one, many))
        }
    };
    writeln!(
        out,
        "concord: {}, {}, {}, {}: {}, {}, {}, {}{}{}",
        plural(report.articles.len(), "article", "articles"),
        plural(report.stories.len(), "story", "stories"),
        plural(report.claims.len(), "claim", "claims"),
        plural(report.facts.len(), "shared fact", "shared facts"),
        plural(
            count(FindingKind::Contradiction),
            "contradiction",
            "contradictions"
        ),
        plural(count(FindingKind::Tension), "tension", "tensions"),
        plural(
            count(FindingKind::UnsupportedDetail),
            "unsupported detail",
            "unsupported details"
        ),
        plural(
            count(FindingKind::SingleSource),
            "single-source claim",
            "single-source claims"
        ),
        problems(report.errors.len(), "input error", "input errors"),
        problems(report.warnings.len(), "warning", "warnings"),
    )
}
