//! Baselines: the findings a team has seen and accepted, so that CI
//! reports only new ones.
//!
//! `concord check --write-baseline FILE` records the fingerprint of every
//! current finding ([`Report::fingerprint`]: rule, detail, normalised
//! claim texts and file names, so it survives whitespace edits, moved
//! paragraphs and a renamed working directory). `--baseline FILE` then
//! drops the findings whose fingerprint is recorded; an entry that matches
//! no current finding is *stale* (the finding was fixed or changed) and is
//! returned so the CLI can warn or fail.
//!
//! The file is TOML, sorted, one `[[finding]]` table per entry, so that it
//! diffs well in review. Only `fingerprint` is used for matching; `rule`,
//! `files` and `message` are there for the reader.

use concord_core::{Finding, Report, file_name};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Version of the file layout.
pub const BASELINE_VERSION: u32 = 1;

/// A baseline file's content.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    #[serde(default, rename = "finding")]
    pub findings: Vec<Entry>,
}

/// One accepted finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub rule: String,
    /// File names (without folders) of the claims, for the reader.
    pub files: Vec<String>,
    pub fingerprint: String,
    /// The finding's message when it was recorded, for the reader.
    #[serde(default)]
    pub message: String,
}

/// A baseline file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct BaselineError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// What applying a baseline did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Findings dropped because the baseline records them.
    pub known: usize,
    /// Entries no current finding matches.
    pub stale: Vec<Entry>,
}

impl Baseline {
    /// A baseline of every finding of `report`, sorted by rule, files and
    /// fingerprint; a fingerprint is recorded once.
    pub fn from_report(report: &Report) -> Baseline {
        let mut seen = BTreeSet::new();
        let mut findings: Vec<Entry> = report
            .findings
            .iter()
            .map(|f| entry(report, f))
            .filter(|e| seen.insert(e.fingerprint.clone()))
            .collect();
        findings.sort();
        Baseline {
            version: BASELINE_VERSION,
            findings,
        }
    }

    /// Reads a baseline; `path` names the file in errors.
    pub fn parse(text: &str, path: &str) -> Result<Baseline, BaselineError> {
        let error = |offset: usize, message: String| BaselineError {
            path: path.to_string(),
            line: text[..offset.min(text.len())].matches('\n').count() + 1,
            message,
        };
        let b: Baseline = toml::from_str(text).map_err(|e| {
            error(
                e.span().map_or(0, |s| s.start),
                e.message().trim().replace('\n', " "),
            )
        })?;
        if b.version != BASELINE_VERSION {
            return Err(error(
                text.find("version").unwrap_or(0),
                format!(
                    "baseline version {} is not supported (expected {BASELINE_VERSION}); rewrite it with --write-baseline",
                    b.version
                ),
            ));
        }
        if let Some(e) = b.findings.iter().find(|e| {
            !e.fingerprint
                .starts_with(&format!("{}:", concord_core::FINGERPRINT_VERSION))
        }) {
            return Err(error(
                text.find(&e.fingerprint).unwrap_or(0),
                format!(
                    "fingerprint {} was made by another concord version; rewrite the baseline with --write-baseline",
                    e.fingerprint
                ),
            ));
        }
        Ok(b)
    }

    /// The file's text: a comment, the version, the entries in order.
    pub fn to_toml(&self) -> String {
        let body = toml::to_string(self).unwrap_or_default();
        format!(
            "# concord baseline: findings seen and accepted. `concord check --baseline FILE`\n\
             # reports only findings not listed here. Rewrite with --write-baseline.\n{body}"
        )
    }

    /// Drops from `report.findings` those this baseline records. An entry
    /// is stale when no finding of `report` matches it; with `scope`,
    /// only entries naming one of those file names can be stale (a run
    /// that looked at part of the corpus cannot tell about the rest).
    pub fn apply(&self, report: &mut Report, scope: Option<&BTreeSet<String>>) -> Applied {
        let known: BTreeSet<&str> = self
            .findings
            .iter()
            .map(|e| e.fingerprint.as_str())
            .collect();
        let current: Vec<String> = report
            .findings
            .iter()
            .map(|f| report.fingerprint(f))
            .collect();
        let seen: BTreeSet<&str> = current.iter().map(String::as_str).collect();
        let stale = self
            .findings
            .iter()
            .filter(|e| !seen.contains(e.fingerprint.as_str()))
            .filter(|e| scope.is_none_or(|s| e.files.iter().any(|f| s.contains(f))))
            .cloned()
            .collect();
        let before = report.findings.len();
        let mut keep = current.iter().map(|fp| !known.contains(fp.as_str()));
        report.findings.retain(|_| keep.next().unwrap_or(true));
        Applied {
            known: before - report.findings.len(),
            stale,
        }
    }
}

fn entry(report: &Report, f: &Finding) -> Entry {
    let mut files: Vec<String> = f
        .claims
        .iter()
        .filter_map(|id| report.claim(id))
        .filter_map(|c| report.article(&c.article))
        .map(|a| file_name(&a.path).to_string())
        .collect();
    files.dedup();
    Entry {
        rule: f.rule.clone(),
        files,
        fingerprint: report.fingerprint(f),
        message: f.message.clone(),
    }
}

#[cfg(test)]
mod tests;
