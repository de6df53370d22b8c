//! GitHub Actions workflow commands: one annotation per claim a finding
//! points at (`::error file=...,line=...,col=...::message`), so that both
//! sides of a contradiction are marked in the pull request's diff.
//! Severity `error` is `::error`, `warning` is `::warning`, `note` is
//! `::notice`.
//!
//! Values are escaped the way GitHub's toolkit does (`%`, CR, LF; and `:`
//! and `,` in properties), so an article cannot end the command or start
//! another one; control characters are shown as escapes.

use crate::view::{self, claims_of, one_line, shorten};
use crate::{Render, sanitize};
use concord_core::{Claim, Finding, FindingKind, Report, Severity};
use std::io;

/// Workflow-command output.
#[derive(Debug, Clone, Copy, Default)]
pub struct Github {
    /// Annotate only the most important findings ([`view::most_important`];
    /// `None`: all). GitHub shows at most 10 annotations of each level per
    /// step and 50 per job; the summary line still counts every finding.
    pub max_findings: Option<usize>,
    /// Which single-source claims are annotated.
    pub single_source: crate::SingleSource,
}

impl Render for Github {
    fn render(&self, report: &Report, out: &mut dyn io::Write) -> io::Result<()> {
        for e in &report.errors {
            let mut props = format!("file={}", property(file_of(&e.path)));
            if let Some(line) = e.line {
                props.push_str(&format!(",line={line}"));
            }
            writeln!(out, "::error {props}::{}", data(&e.message))?;
        }
        let (shown, counts) = view::single_source_shown(report, self.single_source);
        if self.single_source != crate::SingleSource::Full {
            // One notice per outlet: how many claims only it states, of
            // which the most important are annotated.
            for (article, n) in &counts {
                let Some(a) = report.article(article) else {
                    continue;
                };
                let annotated = if self.single_source == crate::SingleSource::Summary {
                    (*n).min(view::SINGLE_SOURCE_SHOWN)
                } else {
                    0
                };
                writeln!(
                    out,
                    "::notice title=concord single-source::{}",
                    data(&format!(
                        "{}: {n} {} stated by this outlet only; {annotated} annotated (--single-source full annotates all)",
                        view::outlet(a),
                        if *n == 1 { "claim" } else { "claims" }
                    ))
                )?;
            }
        }
        for k in view::most_important(report, self.max_findings) {
            let f = &report.findings[k];
            if f.kind == FindingKind::SingleSource && !shown.contains(&k) {
                continue;
            }
            finding(report, f, out)?;
        }
        writeln!(out, "concord: {}", view::summary(report))
    }
}

fn finding(report: &Report, f: &Finding, out: &mut dyn io::Write) -> io::Result<()> {
    let command = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let claims = claims_of(report, f);
    let annotated: &[&Claim] = match f.kind {
        FindingKind::Contradiction | FindingKind::Tension => &claims,
        FindingKind::UnsupportedDetail | FindingKind::SingleSource => {
            &claims[..claims.len().min(1)]
        }
    };
    for c in annotated {
        let others: Vec<String> = claims
            .iter()
            .filter(|o| o.id != c.id)
            .map(|o| {
                format!(
                    "{}: \"{}\"",
                    view::location(report, o),
                    shorten(&one_line(&o.text), 160)
                )
            })
            .collect();
        let mut message = f.message.clone();
        if !others.is_empty() {
            let lead = match f.kind {
                FindingKind::UnsupportedDetail => "reported without it by",
                _ => "the other side",
            };
            message.push_str(&format!("\n{lead}: {}", others.join("\n")));
        }
        let path = view::path_of(report, c);
        let mut props = format!("file={}", property(file_of(path)));
        // A JSON Lines record's lines are not the file's lines.
        if !path.contains('#') {
            let end = c.column + c.text.lines().next().unwrap_or("").chars().count();
            props.push_str(&format!(",line={},col={}", c.line, c.column));
            if !c.text.contains('\n') {
                props.push_str(&format!(",endColumn={end}"));
            }
        }
        props.push_str(&format!(
            ",title={}",
            property(&format!("concord {}", f.rule))
        ));
        writeln!(out, "::{command} {props}::{}", data(&message))?;
    }
    Ok(())
}

/// The file part of a display path (`feed.jsonl#7` → `feed.jsonl`).
fn file_of(path: &str) -> &str {
    path.split_once('#').map_or(path, |(f, _)| f)
}

/// Escapes a command's message.
pub fn data(s: &str) -> String {
    sanitize_keeping_newlines(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command property value.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// `sanitize` turns line breaks into visible escapes; here they are meant
/// (a multi-line annotation) and are escaped by [`data`] instead.
fn sanitize_keeping_newlines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for piece in s.split_inclusive(['\n', '\r']) {
        match piece.strip_suffix(['\n', '\r']) {
            Some(body) => {
                out.push_str(&sanitize(body));
                out.push_str(&piece[body.len()..]);
            }
            None => out.push_str(&sanitize(piece)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{render, report};

    #[test]
    fn annotates_both_sides_of_a_contradiction() {
        let out = render(&Github::default(), &report());
        let errors: Vec<&str> = out.lines().filter(|l| l.starts_with("::error ")).collect();
        assert_eq!(errors.len(), 2, "{out}");
        assert!(errors[0].starts_with(
            "::error file=news/one.md,line=1,col=1,endColumn=40,title=concord contradiction-date::different dates"
        ), "{}", errors[0]);
        // The comma and colon of the second file name are escaped.
        assert!(errors[1].starts_with("::error file=news/two%2Cb%3Ac.txt,line=1"));
        assert!(errors[1].contains("%0Athe other side: news/one.md:1:1: \"The summit"));
        assert!(out.contains("::warning file=news/two%2Cb%3Ac.txt,line=3"));
        assert!(out.contains("::notice file=news/two%2Cb%3Ac.txt,line=5"));
    }

    #[test]
    fn an_article_cannot_inject_a_command() {
        assert_eq!(data("a\n::set-env x\r%"), "a%0A::set-env x%0D%25");
        assert_eq!(data("\u{1b}[31m"), "\\u{1b}[31m");
    }
}
