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
//!
//! With `color`, the severity, rule, arrows and underlines are coloured
//! with ANSI styles (the CLI decides: a terminal, `--color`, `NO_COLOR`).
//! Article text is sanitized before any style is added, so an escape in
//! an article can never pass for one of ours.

use crate::view::{self, shorten, split_vs};
use crate::{Render, sanitize};
use anstyle::{AnsiColor, Style};
use concord_core::{Claim, Finding, FindingKind, Report, Severity};
use std::io;

/// Text output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Text {
    /// Colour the output (ANSI escapes).
    pub color: bool,
    /// Single-source claims: all, per outlet a count and the most
    /// important, or none.
    pub single_source: crate::SingleSource,
}

/// The styles of the text output; all plain without colour.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Palette {
    pub(crate) error: Style,
    pub(crate) warning: Style,
    pub(crate) note: Style,
    pub(crate) emphasis: Style,
    pub(crate) frame: Style,
}

impl Palette {
    pub(crate) fn new(color: bool) -> Palette {
        if !color {
            return Palette::default();
        }
        let fg = |c: AnsiColor| Style::new().fg_color(Some(c.into()));
        Palette {
            error: fg(AnsiColor::Red).bold(),
            warning: fg(AnsiColor::Yellow).bold(),
            note: fg(AnsiColor::Cyan).bold(),
            emphasis: Style::new().bold(),
            frame: fg(AnsiColor::Blue).bold(),
        }
    }

    pub(crate) fn severity(&self, s: Severity) -> Style {
        match s {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Note => self.note,
        }
    }
}

/// `text` in `style` (nothing added for the plain style).
pub(crate) fn paint(style: Style, text: &str) -> String {
    if style == Style::new() {
        text.to_string()
    } else {
        format!("{style}{text}{style:#}")
    }
}

impl Render for Text {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        // Links by claim pair, for the evidence line of each finding.
        let links: std::collections::HashMap<(&str, &str), &concord_core::Link> = report
            .links
            .iter()
            .map(|l| ((l.a.as_str(), l.b.as_str()), l))
            .collect();
        let palette = Palette::new(self.color);
        let (shown, counts) = view::single_source_shown(report, self.single_source);
        // Most important first: an editor reads from the top.
        for k in view::ranking(report) {
            let f = &report.findings[k];
            if f.kind != FindingKind::SingleSource {
                finding(report, &links, f, &palette, out)?;
            }
        }
        let total: usize = counts.iter().map(|(_, n)| n).sum();
        if total > 0 && self.single_source != crate::SingleSource::Hide {
            let summary = self.single_source == crate::SingleSource::Summary;
            writeln!(
                out,
                "{}: {total} claims are stated by one article only{}",
                paint(palette.note, "note[single-source]"),
                if summary {
                    " (per outlet the most important; --single-source full lists them all):"
                } else {
                    ":"
                }
            )?;
            for (article, n) in &counts {
                let name = report
                    .article(article)
                    .map_or_else(|| article.clone(), view::outlet);
                if summary {
                    writeln!(out, "  {}: {n}", sanitize(&name))?;
                }
                for (k, f) in report.findings.iter().enumerate() {
                    if !shown.contains(&k) {
                        continue;
                    }
                    let Some(c) = f.claims.first().and_then(|id| report.claim(id)) else {
                        continue;
                    };
                    if &c.article != article {
                        continue;
                    }
                    let indent = if summary { "    " } else { "  " };
                    writeln!(
                        out,
                        "{indent}{}: {}",
                        sanitize(&view::location(report, c)),
                        sanitize(&shorten(&c.text, 120))
                    )?;
                }
            }
            writeln!(out)?;
        }
        fact_table(report, &palette, out)?;
        summary(report, out)
    }
}

/// The fact table in brief: how many values two or more outlets give and
/// agree on, then one line per value they do not agree on, each value
/// with the outlets that give it (the findings above say why it matters).
fn fact_table(report: &Report, palette: &Palette, out: &mut dyn io::Write) -> io::Result<()> {
    let rows = view::fact_rows(report, None);
    if rows.is_empty() {
        return Ok(());
    }
    let agreed = rows.iter().filter(|(_, s)| s.agreed).count();
    writeln!(
        out,
        "{}: {} given by two or more outlets: {agreed} agreed, {} not",
        paint(palette.note, "note[fact-table]"),
        if rows.len() == 1 {
            "1 value".to_string()
        } else {
            format!("{} values", rows.len())
        },
        rows.len() - agreed
    )?;
    for (fact, slot) in rows.iter().filter(|(_, s)| !s.agreed) {
        let what = view::slot_label(slot);
        let values: Vec<String> = slot
            .values
            .iter()
            .map(|v| {
                let names: Vec<String> = v
                    .articles
                    .iter()
                    .map(|a| report.article(a).map_or_else(|| a.clone(), view::outlet))
                    .collect();
                format!("\"{}\" {}", v.text, names.join(", "))
            })
            .collect();
        writeln!(
            out,
            "  {} {}: {}",
            fact.id,
            sanitize(&what),
            sanitize(&values.join("; "))
        )?;
    }
    writeln!(out)
}

fn finding(
    report: &Report,
    links: &std::collections::HashMap<(&str, &str), &concord_core::Link>,
    f: &Finding,
    palette: &Palette,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(
        out,
        "{}: {}",
        paint(
            palette.severity(f.severity),
            &format!("{}[{}]", f.severity.as_str(), f.rule)
        ),
        paint(palette.emphasis, &sanitize(&f.message))
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
        let bar = paint(palette.frame, "|");
        writeln!(
            out,
            "{pad}{} {}",
            paint(palette.frame, "-->"),
            sanitize(&view::location(report, c))
        )?;
        writeln!(out, "{pad} {bar}")?;
        let text = sanitize(&c.text);
        writeln!(
            out,
            "{} {bar} {}",
            paint(palette.frame, &format!("{:>gutter$}", c.line)),
            text
        )?;
        // A dispute of several outlets has more claims than sides: each
        // claim underlines the side it holds.
        let needle = match f.kind {
            FindingKind::UnsupportedDetail => Some(f.detail.as_str()),
            _ => view::side_in(&sides, k, &text),
        };
        if let Some(needle) = needle.filter(|n| !n.is_empty())
            && let Some(at) = text.find(needle)
        {
            let col = text[..at].chars().count();
            let width = needle.chars().count().max(1);
            writeln!(
                out,
                "{pad} {bar} {}{}",
                " ".repeat(col),
                paint(palette.severity(f.severity), &"^".repeat(width))
            )?;
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
